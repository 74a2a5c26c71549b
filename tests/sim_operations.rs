//! Every operation of the simulator and every status code a client can trigger, over real HTTP
//! on 127.0.0.1 with hand-written SOAP envelopes.

mod sim_support;

use base64::Engine;
use ccm_device_sim::testing::{rsa_csr, CsrDigest};
use der::{Decode, Encode};
use sim_support::*;
use x509_parser::extensions::GeneralName;
use x509_parser::pem::Pem;
use x509_parser::prelude::{FromDer, X509Certificate};

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn csr_1024() -> ccm_device_sim::testing::TestCsr {
    rsa_csr(1024, "device-1.example", CsrDigest::Sha256).expect("CSR")
}

/// Parses every certificate of a PEM text into DER.
fn pem_certificates(text: &str) -> Vec<Vec<u8>> {
    Pem::iter_from_buffer(text.as_bytes())
        .map(|pem| pem.expect("PEM block").contents)
        .collect()
}

fn parse(der: &[u8]) -> X509Certificate<'_> {
    let (rest, certificate) = X509Certificate::from_der(der).expect("certificate DER");
    assert!(rest.is_empty(), "trailing bytes after certificate");
    certificate
}

/// Checks leaf ← intermediate ← root signatures and that the root is the simulator's.
fn assert_chain(leaf: &[u8], intermediate: &[u8], root: &[u8], simulator_root_pem: &str) {
    let (leaf, intermediate, root) = (parse(leaf), parse(intermediate), parse(root));
    leaf.verify_signature(Some(intermediate.public_key()))
        .expect("leaf is signed by the intermediate");
    intermediate
        .verify_signature(Some(root.public_key()))
        .expect("intermediate is signed by the root");
    root.verify_signature(None).expect("root is self-signed");
    assert_eq!(leaf.issuer(), intermediate.subject());
    assert!(intermediate.is_ca());
    assert_eq!(pem_certificates(simulator_root_pem)[0], root.as_ref());
}

/// Collects `order` until it is issued (bounded) and returns the format-0 reply.
async fn collect_issued(
    simulator: &ccm_device_sim::RunningSimulator,
    order: i32,
    format: i32,
) -> String {
    for _ in 0..10 {
        let reply = collect(simulator, order, format).await;
        match status_code(&reply) {
            0 => continue,
            1 => return text_of(&reply.body, "certificate").expect("certificate element"),
            other => panic!("collect returned {other}"),
        }
    }
    panic!("order {order} still pending after 10 polls");
}

#[tokio::test]
async fn web_service_info_names_the_simulator() {
    let simulator = start(0).await;
    let reply = call(&simulator, "getWebServiceInfo", "").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        text_of(&reply.body, "return").as_deref(),
        Some(ccm_device_sim::WEB_SERVICE_INFO)
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn replies_use_the_jax_ws_layout() {
    let simulator = start(0).await;
    let reply = call(&simulator, "getWebServiceInfo", "").await;
    assert!(
        reply.content_type.starts_with("text/xml"),
        "{}",
        reply.content_type
    );

    let document = document(&reply.body);
    let envelope = document.root_element();
    assert!(envelope.has_tag_name(("http://schemas.xmlsoap.org/soap/envelope/", "Envelope")));
    // Laid out like the real server's replies: JAX-WS declaration, `S:` envelope, `ns2:` wrapper.
    assert!(
        reply.body.starts_with(
            "<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
        ),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains(
            "<ns2:getWebServiceInfoResponse xmlns:ns2=\"http://device.ws.epki.comodo.com/\"><return>"
        ),
        "{}",
        reply.body
    );
    let wrapper = document
        .descendants()
        .find(|node| node.has_tag_name((NAMESPACE, "getWebServiceInfoResponse")))
        .expect("wrapper element");
    let child = wrapper.first_element_child().expect("return element");
    assert_eq!(
        child.tag_name().namespace(),
        None,
        "children are unqualified"
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn envelope_prefixes_declared_on_envelope_are_accepted() {
    let simulator = start(0).await;
    let body = format!(
        "<?xml version=\"1.0\"?><e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns:d=\"{NAMESPACE}\"><e:Header/><e:Body><d:getDeviceCertTypeIds>{}</d:getDeviceCertTypeIds></e:Body></e:Envelope>",
        auth()
    );
    let reply = post(&simulator.url(), &body).await;
    assert_eq!(status_code(&reply), 0);
    simulator.shutdown().await;
}

#[tokio::test]
async fn cert_type_ids_list_the_catalogue() {
    let simulator = start(0).await;
    let reply = call(&simulator, "getDeviceCertTypeIds", &auth()).await;
    assert_eq!(status_code(&reply), 0);
    assert_eq!(texts_of(&reply.body, "ids"), ["2001", "2002", "2003"]);

    let reply = call(
        &simulator,
        "getDeviceCertTypeIds",
        &auth_with("ExampleCustomer", "admin", "wrong"),
    )
    .await;
    assert_eq!(status_code(&reply), -100);
    assert!(texts_of(&reply.body, "ids").is_empty());

    let reply = call(
        &simulator,
        "getDeviceCertTypeIds",
        "<authData><password>secret</password></authData>",
    )
    .await;
    assert_eq!(status_code(&reply), -24);
    simulator.shutdown().await;
}

#[tokio::test]
async fn cert_type_describes_terms_and_usages() {
    let simulator = start(0).await;
    let children = format!("{}<certTypeId>2002</certTypeId>", auth());
    let reply = call(&simulator, "getDeviceCertType", &children).await;
    assert_eq!(status_code(&reply), 0);
    assert_eq!(text_of(&reply.body, "id").as_deref(), Some("2002"));
    assert_eq!(
        text_of(&reply.body, "name").as_deref(),
        Some("Device TLS Server")
    );
    assert_eq!(texts_of(&reply.body, "terms"), ["1", "2"]);
    assert_eq!(
        texts_of(&reply.body, "keyUsages"),
        ["digitalSignature", "keyEncipherment"]
    );
    assert_eq!(
        texts_of(&reply.body, "extendedKeyUsages"),
        ["serverAuth", "clientAuth"]
    );

    let children = format!("{}<certTypeId>9999</certTypeId>", auth());
    let reply = call(&simulator, "getDeviceCertType", &children).await;
    assert_eq!(status_code(&reply), -33);
    assert!(text_of(&reply.body, "certType").is_none());

    let children = format!(
        "{}<certTypeId>2002</certTypeId>",
        auth_with("Other", "admin", "secret")
    );
    let reply = call(&simulator, "getDeviceCertType", &children).await;
    assert_eq!(status_code(&reply), -100);
    simulator.shutdown().await;
}

#[tokio::test]
async fn custom_fields_depend_on_uri_extension() {
    let simulator = start(0).await;
    let fields = |uri: &str, extension: &str| {
        format!(
            "<customerLoginUri>{uri}</customerLoginUri><uriExtension>{extension}</uriExtension>"
        )
    };

    let reply = call(
        &simulator,
        "getDeviceCustomFields",
        &fields("ExampleCustomer", ""),
    )
    .await;
    assert_eq!(status_code(&reply), 0);
    assert_eq!(texts_of(&reply.body, "name"), ["Asset Tag", "Location"]);
    assert_eq!(texts_of(&reply.body, "mandatory"), ["true", "false"]);

    let reply = call(
        &simulator,
        "getDeviceCustomFields",
        &fields("ExampleCustomer", "lab"),
    )
    .await;
    assert_eq!(status_code(&reply), 0);
    assert_eq!(texts_of(&reply.body, "id"), ["3101"]);

    let reply = call(
        &simulator,
        "getDeviceCustomFields",
        &fields("ExampleCustomer", "nope"),
    )
    .await;
    assert_eq!(status_code(&reply), -100);
    let reply = call(&simulator, "getDeviceCustomFields", &fields("Unknown", "")).await;
    assert_eq!(status_code(&reply), -100);
    simulator.shutdown().await;
}

#[tokio::test]
async fn collect_stays_pending_for_configured_polls() {
    let simulator = start(2).await;
    let csr = csr_1024();
    let order = enroll(&simulator, &csr.pem).await;

    for poll in 0..2 {
        let reply = collect(&simulator, order, 1).await;
        assert_eq!(status_code(&reply), 0, "poll {poll}");
        assert!(text_of(&reply.body, "certificate").is_none());
    }
    let reply = collect(&simulator, order, 1).await;
    assert_eq!(status_code(&reply), 1);

    let certificates = pem_certificates(&text_of(&reply.body, "certificate").expect("certificate"));
    assert_eq!(certificates.len(), 1);
    let leaf = parse(&certificates[0]);
    assert_eq!(leaf.public_key().raw, csr.public_key_der.as_slice());
    let common_name = leaf.subject().iter_common_name().next().expect("CN");
    assert_eq!(common_name.as_str().expect("CN text"), "device-1.example");
    simulator.shutdown().await;
}

#[tokio::test]
async fn collect_returns_all_five_formats() {
    let simulator = start(0).await;
    let csr = csr_1024();
    let order = enroll(&simulator, &csr.pem).await;

    let bundle = pem_certificates(&collect_issued(&simulator, order, 0).await);
    assert_eq!(
        bundle.len(),
        3,
        "format 0 holds leaf, intermediate and root"
    );
    assert_eq!(
        parse(&bundle[0]).public_key().raw,
        csr.public_key_der.as_slice()
    );
    assert_chain(
        &bundle[0],
        &bundle[1],
        &bundle[2],
        simulator.ca_certificate_pem(),
    );

    let leaf_only = pem_certificates(&collect_issued(&simulator, order, 1).await);
    assert_eq!(leaf_only, [bundle[0].clone()]);

    let intermediate_only = pem_certificates(&collect_issued(&simulator, order, 2).await);
    assert_eq!(intermediate_only, [bundle[1].clone()]);

    let pkcs7_pem = collect_issued(&simulator, order, 3).await;
    let (label, pkcs7_der) = der::pem::decode_vec(pkcs7_pem.as_bytes()).expect("PKCS#7 PEM");
    assert_eq!(label, "PKCS7");
    assert_pkcs7_holds(&pkcs7_der, &bundle);

    let pkcs7_base64 = collect_issued(&simulator, order, 4).await;
    let pkcs7_der_4 = BASE64
        .decode(pkcs7_base64.trim())
        .expect("format 4 is base64");
    assert_eq!(pkcs7_der_4, pkcs7_der);
    assert_pkcs7_holds(&pkcs7_der_4, &bundle);

    let reply = collect(&simulator, order, 5).await;
    assert_eq!(status_code(&reply), -14);
    simulator.shutdown().await;
}

/// Checks that `der` is a certs-only PKCS#7 SignedData holding exactly `expected`.
fn assert_pkcs7_holds(der: &[u8], expected: &[Vec<u8>]) {
    let content_info = cms::content_info::ContentInfo::from_der(der).expect("ContentInfo");
    assert_eq!(
        content_info.content_type.to_string(),
        "1.2.840.113549.1.7.2"
    );
    let signed_data: cms::signed_data::SignedData =
        content_info.content.decode_as().expect("SignedData");
    assert!(signed_data.signer_infos.0.is_empty());
    let mut found: Vec<Vec<u8>> = signed_data
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
    let mut wanted = expected.to_vec();
    found.sort();
    wanted.sort();
    assert_eq!(found, wanted);
}

#[tokio::test]
async fn enroll_returns_codes_for_invalid_arguments() {
    let simulator = start(0).await;
    let csr = csr_1024();
    let cases: Vec<(&str, String, i32)> = vec![
        (
            "wrong password",
            enroll_children(
                &auth_with("ExampleCustomer", "admin", "bad"),
                "d",
                1001,
                1,
                &csr.pem,
                None,
            ),
            -100,
        ),
        (
            "wrong customer",
            enroll_children(
                &auth_with("Other", "admin", "secret"),
                "d",
                1001,
                1,
                &csr.pem,
                None,
            ),
            -100,
        ),
        (
            "missing login",
            enroll_children(
                "<authData><customerLoginUri>ExampleCustomer</customerLoginUri></authData>",
                "d",
                1001,
                1,
                &csr.pem,
                None,
            ),
            -24,
        ),
        (
            "empty common name",
            enroll_children(&auth(), "", 1001, 1, &csr.pem, None),
            -3,
        ),
        (
            "common name of 65 characters",
            enroll_children(&auth(), &"c".repeat(65), 1001, 1, &csr.pem, None),
            -3,
        ),
        (
            "unknown organisation",
            enroll_children(&auth(), "d", 4242, 1, &csr.pem, None),
            -16,
        ),
        (
            "unknown type",
            enroll_children(&auth(), "d", 1001, 1, &csr.pem, Some(9999)),
            -33,
        ),
        (
            "type not offered to organisation",
            enroll_children(&auth(), "d", 1002, 1, &csr.pem, Some(2002)),
            -114,
        ),
        (
            "term not offered",
            enroll_children(&auth(), "d", 1001, 4, &csr.pem, None),
            -36,
        ),
        (
            "CSR not base64",
            enroll_children(&auth(), "d", 1001, 1, "@@@ not base64 @@@", None),
            -9,
        ),
        (
            "CSR not PKCS#10",
            enroll_children(&auth(), "d", 1001, 1, &BASE64.encode(b"hello"), None),
            -10,
        ),
        (
            "empty CSR",
            enroll_children(&auth(), "d", 1001, 1, "", None),
            -10,
        ),
    ];
    for (case, children, expected) in cases {
        let reply = call(&simulator, "enroll", &children).await;
        assert_eq!(return_code(&reply), expected, "{case}");
    }
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_rejects_unsupported_csrs() {
    let simulator = start(0).await;

    let ec_key = rcgen::KeyPair::generate().expect("EC key");
    let ec_csr = rcgen::CertificateParams::new(vec!["ec.example".to_string()])
        .expect("params")
        .serialize_request(&ec_key)
        .expect("EC CSR")
        .pem()
        .expect("PEM");
    let reply = call(
        &simulator,
        "enroll",
        &enroll_children(&auth(), "d", 1001, 1, &ec_csr, None),
    )
    .await;
    assert_eq!(return_code(&reply), -11, "EC key");

    let mut tampered = csr_1024().der;
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    let reply = call(
        &simulator,
        "enroll",
        &enroll_children(&auth(), "d", 1001, 1, &BASE64.encode(&tampered), None),
    )
    .await;
    assert_eq!(return_code(&reply), -12, "tampered signature");

    // MD5 because a SHA-256 DigestInfo does not fit a 384-bit PKCS#1 v1.5 signature.
    let small = rsa_csr(384, "small.example", CsrDigest::Md5).expect("384-bit CSR");
    let reply = call(
        &simulator,
        "enroll",
        &enroll_children(&auth(), "d", 1001, 1, &small.pem, None),
    )
    .await;
    assert_eq!(return_code(&reply), -13, "384-bit key");
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_accepts_legacy_and_bare_csrs() {
    let simulator = start(0).await;

    let md5 = rsa_csr(512, "legacy.example", CsrDigest::Md5).expect("MD5 CSR");
    assert!(
        enroll(&simulator, &md5.pem).await > 0,
        "512-bit key signed with MD5"
    );

    let sha1 = rsa_csr(1024, "sha1.example", CsrDigest::Sha1).expect("SHA-1 CSR");
    assert!(
        enroll(&simulator, &BASE64.encode(&sha1.der)).await > 0,
        "base64 without PEM lines"
    );

    let wrapped: String = BASE64
        .encode(&sha1.der)
        .as_bytes()
        .chunks(64)
        .map(|line| format!("{}\r\n", String::from_utf8_lossy(line)))
        .collect();
    assert!(
        enroll(&simulator, &wrapped).await > 0,
        "CRLF-wrapped base64"
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_puts_subject_alt_names_into_certificate() {
    let simulator = start(0).await;
    let csr = csr_1024();
    let optional = "<optionalFields><subjectAltNames>a.example.com, 192.0.2.7</subjectAltNames>\
                    <customFields><name>Asset Tag</name><value>A-1</value></customFields></optionalFields>";
    let children =
        enroll_children(&auth(), "san.example", 1001, 2, &csr.pem, Some(2002)) + optional;
    let order = return_code(&call(&simulator, "enroll", &children).await);
    assert!(order > 0, "enroll returned {order}");

    let pem = collect_issued(&simulator, order, 1).await;
    let der = &pem_certificates(&pem)[0];
    let leaf = parse(der);
    let names = leaf
        .subject_alternative_name()
        .expect("SAN")
        .expect("SAN present");
    let general_names = &names.value.general_names;
    assert!(
        general_names.contains(&GeneralName::DNSName("a.example.com")),
        "{general_names:?}"
    );
    assert!(
        general_names.contains(&GeneralName::IPAddress(&[192, 0, 2, 7])),
        "{general_names:?}"
    );
    let usage = leaf
        .extended_key_usage()
        .expect("EKU")
        .expect("EKU present")
        .value;
    assert!(usage.server_auth);
    assert!(usage.client_auth);

    let bad = enroll_children(&auth(), "san.example", 1001, 1, &csr.pem, None)
        + "<optionalFields><subjectAltNames>bad name!</subjectAltNames></optionalFields>";
    assert_eq!(return_code(&call(&simulator, "enroll", &bad).await), -14);
    simulator.shutdown().await;
}

#[tokio::test]
async fn collect_returns_codes_for_bad_orders() {
    let simulator = start(0).await;
    assert_eq!(status_code(&collect(&simulator, 0, 0).await), -1);
    assert_eq!(status_code(&collect(&simulator, -5, 0).await), -1);
    assert_eq!(status_code(&collect(&simulator, 987_654, 0).await), -2);

    let children = format!(
        "{}<orderNumber>1</orderNumber><format>0</format>",
        auth_with("ExampleCustomer", "admin", "bad")
    );
    let reply = call(&simulator, "collect", &children).await;
    assert_eq!(status_code(&reply), -100);
    assert!(text_of(&reply.body, "certificate").is_none());
    simulator.shutdown().await;
}

fn revoke_children(auth: &str, order: i32, reason: &str) -> String {
    format!("{auth}<orderNumber>{order}</orderNumber><reason>{reason}</reason>")
}

fn revoke_serial_children(auth: &str, serial: &str, reason: &str) -> String {
    format!("{auth}<serialNumber>{serial}</serialNumber><reason>{reason}</reason>")
}

#[tokio::test]
async fn revoke_by_order_number() {
    let simulator = start(3).await;
    let order = enroll(&simulator, &csr_1024().pem).await;

    let cases = [
        (
            revoke_children(&auth_with("ExampleCustomer", "admin", "bad"), order, ""),
            -100,
        ),
        (revoke_children(&auth(), 0, ""), -1),
        (revoke_children(&auth(), 987_654, ""), -2),
        (revoke_children(&auth(), order, &"r".repeat(257)), -14),
        (revoke_children(&auth(), order, "key compromise"), 0),
        (revoke_children(&auth(), order, "again"), -21),
    ];
    for (children, expected) in cases {
        let reply = call(&simulator, "revoke", &children).await;
        assert_eq!(return_code(&reply), expected, "{children}");
    }
    assert_eq!(status_code(&collect(&simulator, order, 0).await), -21);
    simulator.shutdown().await;
}

#[tokio::test]
async fn revoke_by_serial_number() {
    let simulator = start(0).await;
    let order = enroll(&simulator, &csr_1024().pem).await;
    let pem = collect_issued(&simulator, order, 1).await;
    let der = &pem_certificates(&pem)[0];
    let serial_with_colons = parse(der).raw_serial_as_string();
    assert!(serial_with_colons.contains(':'));

    let cases = [
        (
            revoke_serial_children(
                &auth_with("ExampleCustomer", "nobody", "secret"),
                &serial_with_colons,
                "",
            ),
            -100,
        ),
        (revoke_serial_children(&auth(), "", ""), -3),
        (revoke_serial_children(&auth(), "not-hex", ""), -3),
        (revoke_serial_children(&auth(), &"A".repeat(65), ""), -3),
        (revoke_serial_children(&auth(), "0123456789ABCDEF", ""), -4),
        (
            revoke_serial_children(&auth(), &serial_with_colons, &"r".repeat(257)),
            -14,
        ),
        (
            revoke_serial_children(&auth(), &serial_with_colons, "retired"),
            0,
        ),
        (
            revoke_serial_children(
                &auth(),
                &serial_with_colons.replace(':', "").to_uppercase(),
                "",
            ),
            -21,
        ),
    ];
    for (children, expected) in cases {
        let reply = call(&simulator, "revokeBySerialNumber", &children).await;
        assert_eq!(return_code(&reply), expected, "{children}");
    }
    assert_eq!(status_code(&collect(&simulator, order, 1).await), -21);
    simulator.shutdown().await;
}
