//! The request of every operation, as sent over HTTP, validated against
//! `wsdl/EPKIManagerDevice_schema1.xsd` by two independent validators (Python `xmlschema` and
//! libxml2's `xmllint`), through the project's `tests/python/validate_messages.py`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ccm_device::{CollectFormat, EnrollOptions, OrderNumber};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Returns the interpreter of the project's virtual environment, creating it on first use.
fn python() -> PathBuf {
    let output = Command::new("bash")
        .arg(repo_root().join("scripts/python-env.sh"))
        .output()
        .expect("run scripts/python-env.sh");
    assert!(
        output.status.success(),
        "scripts/python-env.sh failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

/// Runs the validator on `envelopes` and returns its exit code, standard output and error.
fn validate(label: &str, envelopes: &[(String, String)]) -> (i32, String, String) {
    let dir =
        std::env::temp_dir().join(format!("ccm-device-schema-{}-{label}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (name, body) in envelopes {
        let path = dir.join(format!("{name}.xml"));
        std::fs::write(&path, body).unwrap();
        paths.push(path);
    }

    let output = Command::new(python())
        .arg(repo_root().join("tests/python/validate_messages.py"))
        .arg(repo_root().join("wsdl/EPKIManagerDevice.wsdl"))
        .args(&paths)
        .output()
        .expect("run validate_messages.py");
    std::fs::remove_dir_all(&dir).ok();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Sends one request of each operation to the fake service and returns the recorded bodies.
async fn every_request() -> Vec<(String, String)> {
    let fixture = common::fixture().await;
    let client = &fixture.client;
    let order = OrderNumber::new(common::service::ORDER).unwrap();
    let options = EnrollOptions {
        cert_type_id: Some(3),
        subject_alt_names: vec!["a.example.com".into()],
        custom_fields: vec![("Site".into(), "Lab <2>".into())],
        comments: Some("test".into()),
    };

    client
        .enroll("a.example.com", 7, 1, &fixture.pki.csr_pem, &options)
        .await
        .unwrap();
    client
        .enroll(
            "a.example.com",
            7,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
        )
        .await
        .unwrap();
    client
        .collect(order, CollectFormat::Pkcs7Der)
        .await
        .unwrap();
    client.revoke(order, "").await.unwrap();
    client
        .revoke_by_serial_number("0A1B", "key compromise")
        .await
        .unwrap();
    client.cert_type_ids().await.unwrap();
    client.cert_type(3).await.unwrap();
    client.custom_fields("").await.unwrap();
    client.web_service_info().await.unwrap();

    let names = [
        "enroll-full",
        "enroll-minimal",
        "collect",
        "revoke",
        "revokeBySerialNumber",
        "getDeviceCertTypeIds",
        "getDeviceCertType",
        "getDeviceCustomFields",
        "getWebServiceInfo",
    ];
    let requests = fixture.server.requests();
    assert_eq!(requests.len(), names.len());
    names
        .iter()
        .zip(requests)
        .map(|(name, request)| (name.to_string(), request.body))
        .collect()
}

#[tokio::test]
async fn every_request_matches_schema() {
    let envelopes = every_request().await;
    let (code, stdout, stderr) = validate("valid", &envelopes);
    assert_eq!(code, 0, "validator rejected a request:\n{stderr}\n{stdout}");
    for (name, _) in &envelopes {
        assert!(
            stdout.contains(&format!("{name}.xml")),
            "{name} not reported valid:\n{stdout}"
        );
    }
}

#[tokio::test]
async fn validator_rejects_qualified_children() {
    let envelopes = every_request().await;
    let (_, collect) = &envelopes[2];
    // A client that qualifies the children sends fields that the server does not see.
    let qualified = collect
        .replace("<orderNumber>", "<tns:orderNumber>")
        .replace("</orderNumber>", "</tns:orderNumber>");
    assert_ne!(&qualified, collect);

    let (code, _, stderr) = validate("qualified", &[("qualified".to_owned(), qualified)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("qualified.xml"), "{stderr}");
}
