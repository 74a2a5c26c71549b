//! The `wsdl-codegen` binary: warning summaries on standard error, and output to a pipe that
//! the reader closes early.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli-fixtures/repeated_skips.wsdl")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .args(args)
        .arg(fixture())
        .output()
        .expect("failed to start wsdl-codegen")
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn generate_prints_one_line_per_kind() {
    let output = run(&["generate"]);
    let lines = stderr_lines(&output);
    let file = fixture().display().to_string();

    assert!(output.status.success(), "{lines:#?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("pub struct Request"));
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert_eq!(
        lines[0],
        format!(
            "warning: xs:notation (ignored) in 2 places, the first in {file}: \
             /definitions/types/schema/notation[png]"
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "warning: operations whose document message has no body part or several (skipped) \
             in 3 places, the first in {file}: /definitions/binding[SkipsSoap]"
        )
    );
    assert_eq!(
        lines[2],
        "note: run again with --verbose to list every place"
    );
}

#[test]
fn verbose_lists_every_place() {
    let output = run(&["generate", "--verbose"]);
    let lines = stderr_lines(&output);

    assert!(output.status.success(), "{lines:#?}");
    assert_eq!(lines.len(), 5, "{lines:#?}");
    for operation in ["first", "second", "third"] {
        let place = format!("/definitions/binding[SkipsSoap]: operation {operation} of binding ");
        assert!(
            lines.iter().any(|line| line.contains(&place)),
            "no warning for operation {operation}: {lines:#?}"
        );
    }
    assert!(lines.iter().all(|line| line.starts_with("warning: ")));
}

#[test]
fn inspect_prints_one_line_per_kind() {
    let output = run(&["inspect"]);
    let lines = stderr_lines(&output);

    assert!(output.status.success(), "{lines:#?}");
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("warning: xs:notation (ignored) in 2 places, the first in "),
        "{lines:#?}"
    );
    assert_eq!(
        lines[1],
        "note: run again with --verbose to list every place"
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .arg("generate")
        .arg(fixture())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("failed to start wsdl-codegen");

    // Closing the read end before the program writes makes its write fail with EPIPE.
    drop(child.stdout.take());
    let output = child
        .wait_with_output()
        .expect("wsdl-codegen did not finish");
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn check_reports_changed_lines() {
    let scratch = std::env::temp_dir().join(format!("wsdl-codegen-check-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch directory");
    let file = scratch.join("generated.rs");
    let file_arg = file.display().to_string();

    let written = run(&["generate", "-o", &file_arg]);
    assert!(written.status.success(), "{written:?}");
    let current = run(&["generate", "--check", &file_arg]);
    assert_eq!(current.status.code(), Some(0), "{current:?}");

    let code = std::fs::read_to_string(&file).expect("generated file");
    let (head, tail) = code.split_at(code.find('\n').expect("a first line") + 1);
    std::fs::write(&file, format!("{head}// an edit\n{tail}")).expect("edited file");
    let stale = run(&["generate", "--check", &file_arg]);

    assert_eq!(stale.status.code(), Some(1), "{stale:?}");
    let message = String::from_utf8_lossy(&stale.stderr);
    assert!(
        message.contains("1 of its") && message.contains("(from line 2) are replaced by 0"),
        "{message}"
    );

    std::fs::write(&file, code.replace('\n', "\r\n")).expect("CRLF file");
    let crlf = run(&["generate", "--check", &file_arg]);
    assert_eq!(crlf.status.code(), Some(1), "{crlf:?}");
    let message = String::from_utf8_lossy(&crlf.stderr);
    assert!(message.contains("only in line endings"), "{message}");
    let _ = std::fs::remove_dir_all(&scratch);
}
