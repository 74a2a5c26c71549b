//! Validates the service WSDL, the EPKIManagerSSL fixture and their schemas with independent validators
//! (Python's xmlschema and libxml2's xmllint), and proves with broken copies that the validators run.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::python::{python, repo_root, script};

const DEVICE_WSDL: &str = "wsdl/EPKIManagerDevice.wsdl";
const DEVICE_SCHEMA: &str = "wsdl/EPKIManagerDevice_schema1.xsd";
const SSL_WSDL: &str = "wsdl/ssl/EPKIManagerSSL.wsdl";
const SSL_CAPTURES: &str = "wsdl/ssl/captures";
const DEVICE_NAMESPACE: &str = "http://device.ws.epki.comodo.com/";

/// Runs a script of `tests/python/` with the venv's interpreter.
fn run_script(name: &str, arguments: &[PathBuf]) -> Output {
    Command::new(python())
        .arg(script(name))
        .args(arguments)
        .current_dir(repo_root())
        .output()
        .unwrap_or_else(|error| panic!("running {name} failed: {error}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "validator rejected valid input ({}):\nstdout:\n{}\nstderr:\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr),
    );
}

/// Asserts that a validator exited with status 1 and named `offending_name` in its message.
fn assert_rejected(output: &Output, offending_name: &str) {
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected a rejection:\n{stderr}"
    );
    assert!(
        stderr.contains(offending_name),
        "the message does not name '{offending_name}':\n{stderr}"
    );
}

/// Returns an empty scratch directory for one test under Cargo's per-target temporary directory.
fn scratch_dir(test_name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("wsdl_valid")
        .join(test_name);
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("removing an old scratch directory");
    }
    fs::create_dir_all(&dir).expect("creating a scratch directory");
    dir
}

/// Copies the device WSDL and schema into `dir`, applying `edit` to the file named `edited`.
fn copy_device_contract(dir: &Path, edited: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    for file in [DEVICE_WSDL, DEVICE_SCHEMA] {
        let source = repo_root().join(file);
        let original = fs::read_to_string(&source).expect("reading the device contract");
        let name = source.file_name().expect("a file name");
        let content = if file == edited {
            edit(&original)
        } else {
            original.clone()
        };
        assert!(
            file != edited || content != original,
            "the edit of {file} changed nothing"
        );
        fs::write(dir.join(name), content).expect("writing a copy of the device contract");
    }
    dir.join("EPKIManagerDevice.wsdl")
}

fn soap11_envelope(body: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\
         <S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>{body}</S:Body></S:Envelope>"
    )
}

/// Writes one envelope per `(file name, body)` pair into `dir` and returns their paths.
fn write_envelopes(dir: &Path, bodies: &[(&str, &str)]) -> Vec<PathBuf> {
    bodies
        .iter()
        .map(|(name, body)| {
            let path = dir.join(name);
            fs::write(&path, soap11_envelope(body)).expect("writing an envelope");
            path
        })
        .collect()
}

fn capture_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(repo_root().join(SSL_CAPTURES))
        .expect("reading the captures directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "xml"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn device_wsdl_and_schema_valid() {
    let output = run_script("validate_wsdl.py", &[repo_root().join(DEVICE_WSDL)]);
    assert_success(&output);

    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("valid WSDL 1.1:") && stdout.contains("EPKIManagerDevice.wsdl"),
        "{stdout}"
    );
    assert!(stdout.contains("operations: 8)"), "{stdout}");
    assert!(
        stdout.contains("valid XML Schema 1.0:")
            && stdout.contains("EPKIManagerDevice_schema1.xsd"),
        "{stdout}"
    );
}

#[test]
fn ssl_fixture_wsdl_and_schema_valid() {
    let output = run_script("validate_wsdl.py", &[repo_root().join(SSL_WSDL)]);
    assert_success(&output);

    let stdout = text(&output.stdout);
    assert!(stdout.contains("EPKIManagerSSL.wsdl"), "{stdout}");
    assert!(stdout.contains("operations: 4)"), "{stdout}");
    assert!(stdout.contains("EPKIManagerSSL_schema1.xsd"), "{stdout}");
}

#[test]
fn ssl_captures_match_fixture_schema() {
    let captures = capture_paths();
    assert_eq!(
        captures.len(),
        14,
        "expected 7 recorded request/response pairs"
    );

    let mut arguments = vec![repo_root().join(SSL_WSDL)];
    arguments.extend(captures.iter().cloned());
    let output = run_script("validate_messages.py", &arguments);
    assert_success(&output);

    let stdout = text(&output.stdout);
    assert_eq!(
        stdout
            .lines()
            .filter(|line| line.starts_with("valid: "))
            .count(),
        14,
        "{stdout}"
    );
}

#[test]
fn device_messages_match_schema() {
    let dir = scratch_dir("device_messages_match_schema");
    let enroll = format!(
        "<tns:enroll xmlns:tns=\"{DEVICE_NAMESPACE}\">\
         <authData><customerLoginUri>ExampleCustomer</customerLoginUri><login>admin</login>\
         <password>secret</password></authData>\
         <commonName>device-01.example.com</commonName><orgId>1234</orgId><term>1</term>\
         <csr>MIIC</csr>\
         <optionalFields><subjectAltNames>a.example.com,192.0.2.1</subjectAltNames>\
         <customFields><name>Location</name><value>Lab</value></customFields></optionalFields>\
         </tns:enroll>"
    );
    let collect_response = format!(
        "<ns2:collectResponse xmlns:ns2=\"{DEVICE_NAMESPACE}\"><return><statusCode>1</statusCode>\
         <certificate>-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n</certificate>\
         </return></ns2:collectResponse>"
    );
    let type_ids_response = format!(
        "<ns2:getDeviceCertTypeIdsResponse xmlns:ns2=\"{DEVICE_NAMESPACE}\"><return>\
         <statusCode>0</statusCode><ids>7</ids><ids>9</ids></return></ns2:getDeviceCertTypeIdsResponse>"
    );
    let cert_type_response = format!(
        "<ns2:getDeviceCertTypeResponse xmlns:ns2=\"{DEVICE_NAMESPACE}\"><return>\
         <statusCode>0</statusCode><certType><id>7</id><name>Device</name><terms>1</terms><terms>2</terms>\
         <keyUsages>digitalSignature</keyUsages><extendedKeyUsages>clientAuth</extendedKeyUsages>\
         </certType></return></ns2:getDeviceCertTypeResponse>"
    );
    let custom_fields_response = format!(
        "<ns2:getDeviceCustomFieldsResponse xmlns:ns2=\"{DEVICE_NAMESPACE}\"><return>\
         <statusCode>0</statusCode><customFields><id>3</id><name>Location</name>\
         <mandatory>true</mandatory></customFields></return></ns2:getDeviceCustomFieldsResponse>"
    );
    let revoke_response =
        format!("<ns2:revokeResponse xmlns:ns2=\"{DEVICE_NAMESPACE}\"><return>-100</return></ns2:revokeResponse>");
    let info_request = format!("<tns:getWebServiceInfo xmlns:tns=\"{DEVICE_NAMESPACE}\"/>");

    let envelopes = write_envelopes(
        &dir,
        &[
            ("enroll.xml", &enroll),
            ("collect-response.xml", &collect_response),
            ("type-ids-response.xml", &type_ids_response),
            ("cert-type-response.xml", &cert_type_response),
            ("custom-fields-response.xml", &custom_fields_response),
            ("revoke-response.xml", &revoke_response),
            ("info-request.xml", &info_request),
        ],
    );
    let mut arguments = vec![repo_root().join(DEVICE_WSDL)];
    arguments.extend(envelopes);
    let output = run_script("validate_messages.py", &arguments);
    assert_success(&output);
}

#[test]
fn device_schema_rejects_qualified_children() {
    let dir = scratch_dir("device_schema_rejects_qualified_children");
    let qualified = format!(
        "<tns:revoke xmlns:tns=\"{DEVICE_NAMESPACE}\"><tns:authData/><tns:orderNumber>5</tns:orderNumber>\
         <tns:reason>test</tns:reason></tns:revoke>"
    );
    let envelopes = write_envelopes(&dir, &[("qualified.xml", &qualified)]);

    let mut arguments = vec![repo_root().join(DEVICE_WSDL)];
    arguments.extend(envelopes);
    let output = run_script("validate_messages.py", &arguments);

    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("xmlschema:"),
        "xmlschema did not reject it:\n{stderr}"
    );
    assert!(
        stderr.contains("xmllint:"),
        "xmllint did not reject it:\n{stderr}"
    );
}

#[test]
fn wsdl_with_undeclared_element_rejected() {
    let dir = scratch_dir("wsdl_with_undeclared_element_rejected");
    let wsdl = copy_device_contract(&dir, DEVICE_WSDL, |wsdl| {
        wsdl.replace("element=\"tns:revoke\"", "element=\"tns:revokeUndeclared\"")
    });

    let output = run_script("validate_wsdl.py", &[wsdl]);

    assert_rejected(&output, "revokeUndeclared");
}

#[test]
fn wsdl_with_unknown_wsdl_element_rejected() {
    let dir = scratch_dir("wsdl_with_unknown_wsdl_element_rejected");
    let wsdl = copy_device_contract(&dir, DEVICE_WSDL, |wsdl| {
        wsdl.replace(
            "<wsdl:input message=\"tns:enroll\"/>",
            "<wsdl:inputs message=\"tns:enroll\"/>",
        )
    });

    let output = run_script("validate_wsdl.py", &[wsdl]);

    assert_rejected(&output, "inputs");
}

#[test]
fn schema_with_undeclared_type_rejected() {
    let dir = scratch_dir("schema_with_undeclared_type_rejected");
    let wsdl = copy_device_contract(&dir, DEVICE_SCHEMA, |schema| {
        schema.replacen(
            "type=\"tns:authData\"",
            "type=\"tns:authDataUndeclared\"",
            1,
        )
    });

    let output = run_script("validate_wsdl.py", &[wsdl]);

    assert_rejected(&output, "authDataUndeclared");
}

#[test]
fn tampered_capture_rejected_by_both_validators() {
    let dir = scratch_dir("tampered_capture_rejected_by_both_validators");
    let capture = repo_root()
        .join(SSL_CAPTURES)
        .join("collect.bad-auth.response.xml");
    let original = fs::read_to_string(&capture).expect("reading a capture");
    let tampered = original.replace(
        "<statusCode>-100</statusCode>",
        "<statusCode>denied</statusCode>",
    );
    assert_ne!(
        tampered, original,
        "the capture no longer contains the status code to tamper with"
    );
    let path = dir.join("tampered.xml");
    fs::write(&path, tampered).expect("writing the tampered capture");

    let output = run_script("validate_messages.py", &[repo_root().join(SSL_WSDL), path]);

    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("xmlschema:"),
        "xmlschema did not reject it:\n{stderr}"
    );
    assert!(
        stderr.contains("xmllint:"),
        "xmllint did not reject it:\n{stderr}"
    );
    assert!(
        stderr.contains("denied"),
        "the message does not name the value:\n{stderr}"
    );
}
