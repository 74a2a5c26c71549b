//! Round trips against messages built by an independent SOAP stack.
//!
//! `tests/python/zeep_messages.py` builds a request and a response envelope with Python zeep for
//! every operation of the WSDLs listed in `tests/roundtrip/build.rs` (corpus WSDLs with rich
//! types, the device WSDL and the EPKIManagerSSL fixture), with a value in every element and
//! attribute zeep allows. The crate in `tests/roundtrip/`
//! decodes each envelope with the code `wsdl-codegen` generates for that WSDL and encodes it
//! again. The two envelopes must be the same XML: element and attribute names with their
//! namespaces, text and child order. Prefixes and whitespace may differ.
//!
//! The same crate's `captures` test decodes the recorded EPKIManagerSSL responses in
//! `wsdl/ssl/captures/` and checks their field values.
//!
//! Needs Python 3 with `venv` (the project environment is created on first use), the WSDL
//! corpus (`WSDL_CORPUS`, default `shared/wsdl-corpus` beside the repository) and the crates of
//! the workspace in the local cargo cache (the crate is built with `--offline`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use yaserde::__xml::reader::{EventReader, ParserConfig, XmlEvent};

/// Messages known not to round-trip, as (label, operation, direction, reason). Each must still
/// fail, so that a fix shows up as a test failure asking to remove the entry.
const EXCLUDED: &[(&str, &str, &str, &str)] = &[];

/// Maximum time one child process (zeep, cargo, the round-trip binary) may run.
const PROCESS_TIMEOUT: Duration = Duration::from_secs(900);

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> PathBuf {
    let directory = match std::env::var_os("WSDL_CORPUS") {
        Some(directory) => PathBuf::from(directory),
        None => repository().join("../shared/wsdl-corpus"),
    };
    assert!(
        directory.join("SOURCES.md").is_file(),
        "WSDL corpus not found at {}; set WSDL_CORPUS to the wsdl-corpus directory",
        directory.display()
    );
    directory.canonicalize().unwrap_or(directory)
}

/// Output of a finished child process.
struct Finished {
    success: bool,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `command` with `stdin` as its input, killing it after [`PROCESS_TIMEOUT`].
fn run(command: &mut Command, stdin: &[u8]) -> Finished {
    let description = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("failed to start {description}: {error}"));

    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let error_reader = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });

    let deadline = Instant::now() + PROCESS_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{description} timed out after {PROCESS_TIMEOUT:?}");
            }
            Err(error) => panic!("failed to wait for {description}: {error}"),
        }
    };

    // A child that exits without reading all of stdin breaks the pipe, and its exit status
    // shows the cause.
    let _ = writer.join();
    Finished {
        success: status.success(),
        stdout: reader.join().ok().and_then(Result::ok).unwrap_or_default(),
        stderr: error_reader
            .join()
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default(),
    }
}

/// Returns the project's Python interpreter, creating its environment on first use.
fn python() -> PathBuf {
    let script = repository().join("scripts/python-env.sh");
    let finished = run(&mut Command::new(&script), b"");
    assert!(
        finished.success,
        "{} failed:\n{}",
        script.display(),
        finished.stderr
    );
    PathBuf::from(String::from_utf8_lossy(&finished.stdout).trim())
}

/// One message built by zeep.
struct Case {
    label: String,
    operation: String,
    direction: String,
    file: PathBuf,
}

impl Case {
    fn name(&self) -> String {
        format!("{} {} {}", self.label, self.operation, self.direction)
    }
}

/// Returns the labels and WSDL paths that the round-trip binary has generated code for.
fn wsdls(binary: &Path) -> Vec<(String, String)> {
    let finished = run(Command::new(binary).arg("--list-wsdls"), b"");
    assert!(finished.success, "--list-wsdls failed: {}", finished.stderr);
    String::from_utf8_lossy(&finished.stdout)
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(label, path)| (label.to_string(), path.to_string()))
        .collect()
}

/// Builds the sample messages for `wsdls` with zeep into `out_dir` and returns them.
fn zeep_messages(wsdls: &[(String, String)], out_dir: &Path) -> Vec<Case> {
    let script = repository().join("tests/python/zeep_messages.py");
    let mut command = Command::new(python());
    command.arg(&script).arg(out_dir);
    for (label, wsdl) in wsdls {
        command.arg(format!("{label}={wsdl}"));
    }

    let finished = run(&mut command, b"");
    assert!(
        finished.success,
        "{} failed:\n{}",
        script.display(),
        finished.stderr
    );
    String::from_utf8_lossy(&finished.stdout)
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.splitn(4, ' ').collect();
            let [label, operation, direction, file] = fields[..] else {
                panic!("unexpected line from zeep_messages.py: {line}");
            };
            Case {
                label: label.to_string(),
                operation: operation.to_string(),
                direction: direction.to_string(),
                file: PathBuf::from(file),
            }
        })
        .collect()
}

/// Runs cargo on the round-trip crate with its own target directory.
fn cargo(arguments: &[&str]) -> Finished {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let manifest = repository().join("codegen/tests/roundtrip/Cargo.toml");
    let mut command = Command::new(cargo);
    command
        .args(arguments)
        .args(["--offline", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", repository().join("target/roundtrip"))
        .env("WSDL_CORPUS", corpus())
        .env_remove("RUSTFLAGS");
    run(&mut command, b"")
}

/// Builds the round-trip binary and returns its path.
fn roundtrip_binary() -> PathBuf {
    let finished = cargo(&["build"]);
    assert!(
        finished.success,
        "building the round-trip crate failed:\n{}",
        finished.stderr
    );
    let name = format!("wsdl-codegen-roundtrip{}", std::env::consts::EXE_SUFFIX);
    repository().join("target/roundtrip/debug").join(name)
}

/// An element as compared: names with namespaces, attributes sorted by name, text, children.
#[derive(Debug, PartialEq)]
struct Node {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

fn expanded(name: &yaserde::__xml::name::OwnedName) -> String {
    match &name.namespace {
        Some(namespace) if !namespace.is_empty() => format!("{{{namespace}}}{}", name.local_name),
        _ => name.local_name.clone(),
    }
}

/// Parses an XML document into a [`Node`] tree; whitespace-only text is dropped.
fn tree(xml: &[u8]) -> Result<Node, String> {
    let config = ParserConfig::new().cdata_to_characters(true);
    let mut stack: Vec<Node> = Vec::new();

    for event in EventReader::new_with_config(xml, config) {
        match event.map_err(|error| format!("malformed XML: {error}"))? {
            XmlEvent::StartElement {
                name, attributes, ..
            } => {
                let mut attributes: Vec<(String, String)> = attributes
                    .iter()
                    .map(|attribute| (expanded(&attribute.name), attribute.value.clone()))
                    .collect();
                attributes.sort();
                stack.push(Node {
                    name: expanded(&name),
                    attributes,
                    text: String::new(),
                    children: Vec::new(),
                });
            }
            XmlEvent::Characters(text) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&text);
                }
            }
            XmlEvent::EndElement { .. } => {
                let node = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            _ => {}
        }
    }
    Err("the document has no root element".to_string())
}

/// Returns the first difference between two trees, with the element path where it is.
fn difference(expected: &Node, actual: &Node, path: &str) -> Option<String> {
    let path = format!("{path}/{}", expected.name);
    if expected.name != actual.name {
        return Some(format!("{path}: element {} instead", actual.name));
    }
    if expected.attributes != actual.attributes {
        return Some(format!(
            "{path}: attributes {:?} instead of {:?}",
            actual.attributes, expected.attributes
        ));
    }
    if expected.text != actual.text {
        return Some(format!(
            "{path}: text {:?} instead of {:?}",
            actual.text, expected.text
        ));
    }
    for (index, expected_child) in expected.children.iter().enumerate() {
        let Some(actual_child) = actual.children.get(index) else {
            return Some(format!(
                "{path}: child {} ({}) is missing",
                index + 1,
                expected_child.name
            ));
        };
        if let Some(found) = difference(expected_child, actual_child, &path) {
            return Some(found);
        }
    }
    actual
        .children
        .get(expected.children.len())
        .map(|extra| format!("{path}: extra child {}", extra.name))
}

/// Runs one case through the binary. `Err` contains the first difference or the failure.
fn round_trip(binary: &Path, case: &Case) -> Result<(), String> {
    let envelope = std::fs::read(&case.file)
        .map_err(|error| format!("failed to read {}: {error}", case.file.display()))?;
    let mut stdin = format!("{} {} {}\n", case.label, case.operation, case.direction).into_bytes();
    stdin.extend_from_slice(&envelope);

    let finished = run(&mut Command::new(binary), &stdin);
    if !finished.success {
        return Err(finished.stderr.trim().to_string());
    }

    let expected = tree(&envelope).map_err(|error| format!("zeep's envelope: {error}"))?;
    let actual = tree(&finished.stdout).map_err(|error| format!("re-encoded envelope: {error}"))?;
    match difference(&expected, &actual, "") {
        Some(found) => Err(found),
        None => Ok(()),
    }
}

#[test]
fn zeep_messages_round_trip() {
    let out_dir = repository().join("target/roundtrip-messages");
    let _ = std::fs::remove_dir_all(&out_dir);
    let binary = roundtrip_binary();
    let wsdls = wsdls(&binary);
    assert!(wsdls.len() >= 10, "only {} WSDLs listed", wsdls.len());

    let cases = zeep_messages(&wsdls, &out_dir);
    assert!(cases.len() >= 50, "only {} messages built", cases.len());
    for (label, _) in &wsdls {
        assert!(
            cases.iter().any(|case| case.label == *label),
            "zeep built no message for {label}"
        );
    }

    let mut failures = Vec::new();
    let mut passed = 0usize;
    for case in &cases {
        let excluded = EXCLUDED.iter().find(|(label, operation, direction, _)| {
            *label == case.label && *operation == case.operation && *direction == case.direction
        });
        match (round_trip(&binary, case), excluded) {
            (Ok(()), None) => passed += 1,
            (Err(error), None) => failures.push(format!("{}: {error}", case.name())),
            (Ok(()), Some(_)) => failures.push(format!(
                "{}: round-trips now; remove it from EXCLUDED",
                case.name()
            )),
            (Err(_), Some(_)) => {}
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} messages failed ({passed} passed):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn round_trip_detects_dropped_element() {
    let envelope = br#"<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>
<ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>0</return><unknown>x</unknown></ns2:revokeResponse>
</S:Body></S:Envelope>"#;
    let file = repository().join("target/roundtrip-unknown-element.xml");
    std::fs::write(&file, envelope).expect("the target directory is writable");
    let case = Case {
        label: "ssl".to_string(),
        operation: "revoke".to_string(),
        direction: "output".to_string(),
        file,
    };

    let error = round_trip(&roundtrip_binary(), &case).expect_err("<unknown> is dropped");
    assert!(
        error.contains("revokeResponse: child 2 (unknown) is missing"),
        "{error}"
    );
}

#[test]
fn ssl_captures_decode() {
    let finished = cargo(&["test", "--test", "captures"]);
    assert!(
        finished.success,
        "the captures test of the round-trip crate failed:\n{}\n{}",
        String::from_utf8_lossy(&finished.stdout),
        finished.stderr
    );
}

#[test]
fn comparer_finds_differences() {
    let base = br#"<a:r xmlns:a="urn:a"><b x="1">t</b><c/></a:r>"#;
    let cases: [(&[u8], bool, &str); 7] = [
        (
            br#"<p:r xmlns:p="urn:a"> <b x="1">t</b> <c/> </p:r>"#,
            true,
            "prefix and whitespace",
        ),
        (br#"<r><b x="1">t</b><c/></r>"#, false, "namespace"),
        (
            br#"<a:r xmlns:a="urn:a"><b x="2">t</b><c/></a:r>"#,
            false,
            "attribute value",
        ),
        (
            br#"<a:r xmlns:a="urn:a"><b x="1">u</b><c/></a:r>"#,
            false,
            "text",
        ),
        (
            br#"<a:r xmlns:a="urn:a"><c/><b x="1">t</b></a:r>"#,
            false,
            "order",
        ),
        (
            br#"<a:r xmlns:a="urn:a"><b x="1">t</b></a:r>"#,
            false,
            "missing child",
        ),
        (
            br#"<a:r xmlns:a="urn:a"><b x="1">t</b><c/><d/></a:r>"#,
            false,
            "extra child",
        ),
    ];
    let expected = tree(base).expect("well-formed");
    for (xml, same, case) in cases {
        let actual = tree(xml).expect("well-formed");
        assert_eq!(
            difference(&expected, &actual, "").is_none(),
            same,
            "case: {case}"
        );
    }
}
