//! Bad input: the simulator replies with SOAP faults or HTTP errors and never stops serving.

mod sim_support;

use sim_support::*;

const ENVELOPE_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// Resolves the `faultcode` QName to (namespace, local name), whatever prefix the reply uses.
fn fault_code(body: &str) -> (String, String) {
    let document = document(body);
    let node = document
        .descendants()
        .find(|node| node.has_tag_name("faultcode"))
        .unwrap_or_else(|| panic!("no faultcode in:\n{body}"));
    let text = node.text().unwrap_or("").trim();
    let (prefix, local) = text.split_once(':').unwrap_or(("", text));
    let namespace = node
        .lookup_namespace_uri(Some(prefix).filter(|p| !p.is_empty()))
        .unwrap_or("");
    (namespace.to_string(), local.to_string())
}

fn assert_client_fault(reply: &Reply, case: &str) {
    assert_eq!(
        reply.status, 500,
        "{case}: HTTP status; body:\n{}",
        reply.body
    );
    assert!(
        reply.content_type.starts_with("text/xml"),
        "{case}: {}",
        reply.content_type
    );
    assert_eq!(
        fault_code(&reply.body),
        (ENVELOPE_NAMESPACE.to_string(), "Client".to_string()),
        "{case}:\n{}",
        reply.body
    );
    let message = text_of(&reply.body, "faultstring").unwrap_or_default();
    assert!(!message.is_empty(), "{case}: empty faultstring");
}

#[tokio::test]
async fn malformed_requests_get_client_faults() {
    let simulator = start(0).await;
    let full = envelope("getDeviceCertTypeIds", &auth());
    let cases: Vec<(&str, String)> = vec![
        ("not XML", "hello, world".to_string()),
        ("empty body", String::new()),
        ("truncated envelope", full[..full.len() / 2].to_string()),
        ("XML but not SOAP", "<?xml version=\"1.0\"?><order><id>1</id></order>".to_string()),
        (
            "empty Body",
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>".to_string(),
        ),
        ("unknown operation", envelope("deleteEverything", &auth())),
        (
            "operation in another namespace",
            full.replace(NAMESPACE, "http://ssl.ws.epki.comodo.com/"),
        ),
        (
            "integer field holding text",
            envelope("collect", &format!("{}<orderNumber>twelve</orderNumber><format>0</format>", auth())),
        ),
        (
            "entity declaration",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>".to_string(),
        ),
        ("invalid UTF-8", String::from_utf8_lossy(&[0x3c, 0xff, 0xfe, 0x3e]).into_owned()),
    ];
    for (case, body) in cases {
        let reply = post(&simulator.url(), &body).await;
        assert_client_fault(&reply, case);
    }

    let reply = call(&simulator, "getWebServiceInfo", "").await;
    assert_eq!(
        reply.status, 200,
        "simulator still serves after bad requests"
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn oversized_body_is_rejected() {
    let simulator = start(0).await;
    let filler = "A".repeat(ccm_device_sim::MAX_BODY_BYTES + 1);
    let reply = post(
        &simulator.url(),
        &envelope("enroll", &format!("<csr>{filler}</csr>")),
    )
    .await;
    assert_eq!(
        reply.status,
        413,
        "{}",
        &reply.body[..reply.body.len().min(200)]
    );

    let headers = format!(
        "POST /ws/EPKIManagerDevice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n\
         Content-Length: {}\r\n\r\n",
        10 * ccm_device_sim::MAX_BODY_BYTES
    );
    let raw = send_raw(&simulator, headers.as_bytes()).await;
    assert!(raw.starts_with("HTTP/1.1 413"), "{raw}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn wrong_content_type_is_rejected() {
    let simulator = start(0).await;
    let body = envelope("getWebServiceInfo", "");
    for content_type in [
        Some("application/json"),
        Some("application/soap+xml; charset=utf-8"),
        Some("text/xmlfoo"),
        None,
    ] {
        let reply = send("POST", &simulator.url(), content_type, &body).await;
        assert_eq!(reply.status, 415, "{content_type:?}");
    }
    for content_type in [
        "TEXT/XML",
        "text/xml;charset=UTF-8",
        " text/xml ; charset=utf-8",
    ] {
        let reply = send("POST", &simulator.url(), Some(content_type), &body).await;
        assert_eq!(reply.status, 200, "{content_type:?}");
    }
    simulator.shutdown().await;
}

#[tokio::test]
async fn unknown_paths_and_methods_are_rejected() {
    let simulator = start(0).await;
    let base = simulator.url().replace("/ws/EPKIManagerDevice", "");
    for path in [
        "/",
        "/ws/EPKIManagerSSL",
        "/ws/EPKIManagerDevice/extra",
        "/ws",
    ] {
        let reply = send("GET", &format!("{base}{path}"), None, "").await;
        assert_eq!(reply.status, 404, "GET {path}");
        let reply = post(&format!("{base}{path}"), &envelope("getWebServiceInfo", "")).await;
        assert_eq!(reply.status, 404, "POST {path}");
    }

    let reply = send("DELETE", &simulator.url(), None, "").await;
    assert_eq!(reply.status, 405);
    let reply = send("GET", &format!("{}?xsd=2", simulator.url()), None, "").await;
    assert_eq!(reply.status, 404);
    simulator.shutdown().await;
}

#[tokio::test]
async fn private_endpoint_needs_client_certificate() {
    let simulator = start(0).await;
    let reply = post(
        &simulator.private_url(),
        &envelope("getDeviceCertTypeIds", &auth()),
    )
    .await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    simulator.shutdown().await;
}

#[tokio::test]
async fn socket_garbage_keeps_server_running() {
    let simulator = start(0).await;
    let raw = send_raw(&simulator, b"\x00\x01\x02 this is not HTTP\r\n\r\n").await;
    assert!(raw.is_empty() || raw.starts_with("HTTP/1.1 400"), "{raw}");
    let raw = send_raw(
        &simulator,
        b"POST /ws/EPKIManagerDevice HTTP/1.1\r\nContent-Length: 50\r\n\r\n<trunc",
    )
    .await;
    assert!(!raw.starts_with("HTTP/1.1 200"), "{raw}");

    let reply = call(&simulator, "getWebServiceInfo", "").await;
    assert_eq!(reply.status, 200);
    simulator.shutdown().await;
}

#[tokio::test]
async fn wsdl_and_schema_are_served() {
    let simulator = start(0).await;

    let reply = send("GET", &simulator.wsdl_url(), None, "").await;
    assert_eq!(reply.status, 200);
    let wsdl = document(&reply.body);
    let addresses: Vec<&str> = wsdl
        .descendants()
        .filter(|node| node.has_tag_name(("http://schemas.xmlsoap.org/wsdl/soap/", "address")))
        .filter_map(|node| node.attribute("location"))
        .collect();
    assert_eq!(addresses, [simulator.url(), simulator.private_url()]);
    let import = wsdl
        .descendants()
        .find(|node| node.has_tag_name(("http://www.w3.org/2001/XMLSchema", "import")))
        .expect("xs:import");
    let schema_url = format!("{}?xsd=1", simulator.url());
    assert_eq!(
        import.attribute("schemaLocation"),
        Some(schema_url.as_str())
    );

    let reply = send("GET", &schema_url, None, "").await;
    assert_eq!(reply.status, 200);
    let schema = document(&reply.body);
    assert_eq!(
        schema.root_element().attribute("targetNamespace"),
        Some(NAMESPACE)
    );

    let reply = send(
        "GET",
        &format!("{}?wsdl", simulator.private_url()),
        None,
        "",
    )
    .await;
    assert_eq!(reply.status, 200);
    assert!(reply
        .body
        .contains(&format!("{}?xsd=1", simulator.private_url())));
    simulator.shutdown().await;
}
