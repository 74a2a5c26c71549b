//! Every operation of the async `ccm-device` client against the simulator over plain HTTP on
//! 127.0.0.1, with the certificates parsed and matched to the CSR key.

mod e2e_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ccm_device::{
    Certificate, CollectFormat, Collected, EnrollOptions, Error, OrderNumber, Status, WaitOptions,
    WaitProgress,
};
use der::{Decode, Encode};
use e2e_support::*;
use x509_parser::extensions::GeneralName;

/// Collects `order_number` in `format`, failing unless it is issued.
async fn collect_issued(
    client: &ccm_device::Client,
    order_number: OrderNumber,
    format: CollectFormat,
) -> Certificate {
    match client.collect(order_number, format).await {
        Ok(Collected::Issued(certificate)) => certificate,
        other => panic!("collect {format:?} of order {order_number}: {other:?}"),
    }
}

/// Returns the DER certificates inside a certs-only PKCS#7 SignedData, sorted.
fn pkcs7_certificates(der: &[u8]) -> Vec<Vec<u8>> {
    let content_info = cms::content_info::ContentInfo::from_der(der).expect("ContentInfo");
    let signed_data: cms::signed_data::SignedData =
        content_info.content.decode_as().expect("SignedData");
    let mut certificates: Vec<Vec<u8>> = signed_data
        .certificates
        .expect("certificates")
        .0
        .iter()
        .map(|choice| match choice {
            cms::cert::CertificateChoices::Certificate(certificate) => {
                certificate.to_der().expect("DER")
            }
            other => panic!("unexpected certificate choice {other:?}"),
        })
        .collect();
    certificates.sort();
    certificates
}

#[tokio::test]
async fn web_service_info_names_simulator() {
    let simulator = start(0).await;
    let info = client(&simulator).web_service_info().await.expect("info");
    assert_eq!(info, ccm_device_sim::WEB_SERVICE_INFO);
    simulator.shutdown().await;
}

#[tokio::test]
async fn cert_types_list_catalogue() {
    let simulator = start(0).await;
    let client = client(&simulator);

    let ids = client.cert_type_ids().await.expect("type ids");
    assert_eq!(ids, [2001, 2002, 2003]);

    let server = client.cert_type(2002).await.expect("type 2002");
    assert_eq!(server.id, 2002);
    assert_eq!(server.name.as_deref(), Some("Device TLS Server"));
    assert_eq!(server.terms, [1, 2]);
    assert_eq!(server.key_usages, ["digitalSignature", "keyEncipherment"]);
    assert_eq!(server.extended_key_usages, ["serverAuth", "clientAuth"]);

    let unknown = client.cert_type(9999).await;
    assert_eq!(
        status_of(unknown, "getDeviceCertType"),
        Status::CertificateTypeInvalid
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn custom_fields_per_extension() {
    let simulator = start(0).await;
    let client = client(&simulator);

    let main = client.custom_fields("").await.expect("main account fields");
    let names: Vec<&str> = main.iter().map(|field| field.name.as_str()).collect();
    assert_eq!(names, ["Asset Tag", "Location"]);
    assert!(main[0].mandatory);
    assert!(!main[1].mandatory);

    let lab = client.custom_fields("lab").await.expect("lab fields");
    assert_eq!(lab.len(), 1);
    assert_eq!(lab[0].id, 3101);

    let unknown = client.custom_fields("nope").await;
    let message = unknown.as_ref().map_err(ToString::to_string).unwrap_err();
    assert!(
        message.contains("check the customer URI and the URI extension"),
        "{message}"
    );
    assert_eq!(
        status_of(unknown, "getDeviceCustomFields"),
        Status::InvalidAuthData
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn collect_pending_then_five_formats() {
    let simulator = start(2).await;
    let client = client(&simulator);
    let csr = csr("device-1.example");

    let order = client
        .enroll(
            "device-1.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .await
        .expect("enroll");
    for poll in 1..=2 {
        let collected = client.collect(order, CollectFormat::PemBundle).await;
        assert_eq!(
            collected.expect("collect"),
            Collected::Pending,
            "poll {poll}"
        );
    }

    let bundle = collect_issued(&client, order, CollectFormat::PemBundle).await;
    let chain: Vec<&[u8]> = bundle.certificates_der().collect();
    assert_eq!(chain.len(), 3, "leaf, intermediate and root");
    let (leaf, intermediate, root) = (parse(chain[0]), parse(chain[1]), parse(chain[2]));
    assert_eq!(leaf.public_key().raw, csr.public_key_der.as_slice());
    assert_eq!(leaf.issuer(), intermediate.subject());
    leaf.verify_signature(Some(intermediate.public_key()))
        .expect("leaf is signed by the intermediate");
    intermediate
        .verify_signature(Some(root.public_key()))
        .expect("intermediate is signed by the root");
    let (_, simulator_root) =
        x509_parser::pem::parse_x509_pem(simulator.ca_certificate_pem().as_bytes())
            .expect("simulator root PEM");
    assert_eq!(simulator_root.contents.as_slice(), chain[2]);
    let leaf_serial = leaf.raw_serial_as_string().replace(':', "").to_uppercase();
    assert_eq!(
        bundle.serial_number().as_deref(),
        Some(leaf_serial.as_str())
    );

    let alone = collect_issued(&client, order, CollectFormat::PemCertificate).await;
    assert_eq!(alone.certificates_der().collect::<Vec<_>>(), [chain[0]]);

    let intermediates = collect_issued(&client, order, CollectFormat::PemIntermediates).await;
    assert_eq!(
        intermediates.certificates_der().collect::<Vec<_>>(),
        [chain[1]]
    );

    let mut expected: Vec<Vec<u8>> = chain.iter().map(|der| der.to_vec()).collect();
    expected.sort();

    let pkcs7_pem = collect_issued(&client, order, CollectFormat::Pkcs7Pem).await;
    assert_eq!(pkcs7_pem.blocks().len(), 1);
    assert_eq!(pkcs7_pem.blocks()[0].label, "PKCS7");
    assert_eq!(pkcs7_certificates(&pkcs7_pem.blocks()[0].der), expected);
    assert_eq!(pkcs7_pem.serial_number(), None, "PKCS#7 is not parsed");

    let pkcs7_der = collect_issued(&client, order, CollectFormat::Pkcs7Der).await;
    assert_eq!(pkcs7_der.blocks()[0].der, pkcs7_pem.blocks()[0].der);
    assert!(pkcs7_der.to_pem().starts_with("-----BEGIN PKCS7-----\n"));
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_options_reach_certificate() {
    let simulator = start(0).await;
    let client = client(&simulator);
    let csr = csr("server.example");
    let options = EnrollOptions {
        cert_type_id: Some(2002),
        subject_alt_names: vec!["a.example.com".into(), "192.0.2.7".into()],
        custom_fields: vec![("Asset Tag".into(), "A-1 & <B>".into())],
        comments: Some("rack 4".into()),
    };

    let order = client
        .enroll("server.example", ORG, 2, &csr.pem, &options)
        .await
        .expect("enroll");
    let issued = collect_issued(&client, order, CollectFormat::PemCertificate).await;
    let der = issued.certificates_der().next().expect("certificate");
    let leaf = parse(der);

    let common_name = leaf.subject().iter_common_name().next().expect("CN");
    assert_eq!(common_name.as_str().expect("CN text"), "server.example");
    let names = &leaf
        .subject_alternative_name()
        .expect("SAN extension")
        .expect("SAN present")
        .value
        .general_names;
    assert!(
        names.contains(&GeneralName::DNSName("a.example.com")),
        "{names:?}"
    );
    assert!(
        names.contains(&GeneralName::IPAddress(&[192, 0, 2, 7])),
        "{names:?}"
    );
    let usage = leaf
        .extended_key_usage()
        .expect("EKU")
        .expect("EKU present")
        .value;
    assert!(usage.server_auth, "type 2002 is a TLS server type");

    let validity = leaf.validity().time_to_expiration().expect("valid now");
    let days = validity.whole_days();
    assert!(
        (700..=740).contains(&days),
        "a 2-year term, got {days} days"
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_and_wait_reports_progress() {
    let simulator = start(2).await;
    let client = client(&simulator);
    let csr = csr("waited.example");
    let steps = Arc::new(Mutex::new(Vec::new()));
    let recorded = steps.clone();
    let wait = WaitOptions {
        first_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(50),
        deadline: Duration::from_secs(20),
        ..WaitOptions::default()
    }
    .on_progress(move |step: &WaitProgress| {
        recorded.lock().expect("progress lock").push(step.clone());
    });

    let (order, certificate) = client
        .enroll_and_wait(
            "waited.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
            &wait,
        )
        .await
        .expect("enroll and wait");
    let leaf = parse(certificate.certificates_der().next().expect("certificate"));
    assert_eq!(leaf.public_key().raw, csr.public_key_der.as_slice());

    let steps = steps.lock().expect("progress lock").clone();
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert_eq!(steps[0], WaitProgress::Enrolled(order));
    for (index, step) in steps[1..3].iter().enumerate() {
        match step {
            WaitProgress::Pending {
                order_number,
                attempt,
                ..
            } => {
                assert_eq!(*order_number, order);
                assert_eq!(*attempt as usize, index + 1);
            }
            other => panic!("expected a pending step, got {other:?}"),
        }
    }
    assert_eq!(steps[3], WaitProgress::Issued(order));
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_and_wait_times_out() {
    let simulator = start(1000).await;
    let client = client(&simulator);
    let csr = csr("slow.example");
    let wait = WaitOptions {
        first_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(20),
        max_attempts: 3,
        ..WaitOptions::default()
    };

    let result = client
        .enroll_and_wait(
            "slow.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
            &wait,
        )
        .await;
    match result {
        Err(Error::WaitTimedOut {
            order_number,
            attempts,
            ..
        }) => {
            assert_eq!(attempts, 3);
            let later = client.collect(order_number, CollectFormat::PemBundle).await;
            assert_eq!(later.expect("collect later"), Collected::Pending);
        }
        other => panic!("expected a wait timeout, got {other:?}"),
    }
    simulator.shutdown().await;
}

#[tokio::test]
async fn revoke_by_order_number() {
    let simulator = start(0).await;
    let client = client(&simulator);
    let csr = csr("revoked.example");
    let order = client
        .enroll(
            "revoked.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .await
        .expect("enroll");

    client
        .revoke(order, "key compromise")
        .await
        .expect("revoke");

    let after = client.collect(order, CollectFormat::PemBundle).await;
    assert_eq!(status_of(after, "collect"), Status::CertificateRevoked);
    let again = client.revoke(order, "again").await;
    assert_eq!(status_of(again, "revoke"), Status::CertificateRevoked);

    let unknown = OrderNumber::new(987_654).expect("positive");
    let missing = client.revoke(unknown, "").await;
    assert_eq!(status_of(missing, "revoke"), Status::OrderNumberNotFound);
    let missing = client.collect(unknown, CollectFormat::PemBundle).await;
    assert_eq!(status_of(missing, "collect"), Status::OrderNumberNotFound);
    simulator.shutdown().await;
}

#[tokio::test]
async fn revoke_by_serial_number() {
    let simulator = start(0).await;
    let client = client(&simulator);
    let csr = csr("serial.example");
    let order = client
        .enroll(
            "serial.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .await
        .expect("enroll");
    let issued = collect_issued(&client, order, CollectFormat::PemCertificate).await;
    let serial = issued.serial_number().expect("serial number");

    let unknown = client.revoke_by_serial_number("0123456789ABCDEF", "").await;
    assert_eq!(
        status_of(unknown, "revokeBySerialNumber"),
        Status::SerialNumberNotFound
    );
    let invalid = client.revoke_by_serial_number("not-hex", "").await;
    assert_eq!(
        status_of(invalid, "revokeBySerialNumber"),
        Status::SerialNumberInvalid
    );

    client
        .revoke_by_serial_number(&serial, "retired")
        .await
        .expect("revoke by serial number");
    let after = client.collect(order, CollectFormat::PemCertificate).await;
    assert_eq!(status_of(after, "collect"), Status::CertificateRevoked);
    simulator.shutdown().await;
}
