//! Error kinds, input checks, timeouts, size limits, retries and redaction, against a real
//! HTTP server on 127.0.0.1.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ccm_device::{Client, CollectFormat, Credentials, Endpoint, EnrollOptions, Error, OrderNumber};
use common::server::{self, Recorded, Reply};
use soap_runtime::FaultCode;

const FAULT_WITH_PASSWORD: &str = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>login example-admin with password example-password failed</faultstring><detail><ns2:AuthFault xmlns:ns2="http://device.ws.epki.comodo.com/"><message>bad example-password</message></ns2:AuthFault></detail></S:Fault></S:Body></S:Envelope>"#;

async fn scripted(
    reply: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
) -> (server::Server, Client) {
    let server = server::start(Arc::new(reply)).await;
    let client = common::password_client(&server.base_url, common::service::PASSWORD);
    (server, client)
}

fn order() -> OrderNumber {
    OrderNumber::new(5).unwrap()
}

#[tokio::test]
async fn fault_is_fault_error() {
    let (_server, client) = scripted(|_| Reply::new(500, "text/xml", FAULT_WITH_PASSWORD)).await;
    let error = client.cert_type_ids().await.unwrap_err();

    match &error {
        Error::Fault {
            code,
            reason,
            detail,
        } => {
            assert_eq!(*code, FaultCode::Server);
            assert_eq!(
                reason,
                "login example-admin with password <redacted> failed"
            );
            let detail = detail.as_deref().expect("detail");
            assert!(detail.contains("AuthFault"), "{detail}");
            assert!(detail.contains("bad <redacted>"), "{detail}");
        }
        other => panic!("expected a fault, got {other}"),
    }
    assert!(!error.to_string().contains("example-password"), "{error}");
    assert!(
        !format!("{error:?}").contains("example-password"),
        "{error:?}"
    );
}

/// A password with XML special characters, as a server's raw reply carries it escaped.
const SPECIAL_PASSWORD: &str = "pa<ss&wo\"rd";

#[tokio::test]
async fn fault_detail_redacts_escaped_password() {
    let fault = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>bad password pa&lt;ss&amp;wo"rd</faultstring><detail><ns2:AuthFault xmlns:ns2="http://device.ws.epki.comodo.com/" given="pa&lt;ss&amp;wo&quot;rd"><message>bad pa&lt;ss&amp;wo"rd</message></ns2:AuthFault></detail></S:Fault></S:Body></S:Envelope>"#;
    let server = server::start(Arc::new(move |_: &Recorded| {
        Reply::new(500, "text/xml", fault)
    }))
    .await;
    let client = common::password_client(&server.base_url, SPECIAL_PASSWORD);
    let error = client.cert_type_ids().await.unwrap_err();

    let Error::Fault { reason, detail, .. } = &error else {
        panic!("expected a fault, got {error}");
    };
    assert_eq!(reason, "bad password <redacted>");
    let detail = detail.as_deref().expect("detail");
    assert!(detail.contains("given=\"<redacted>\""), "{detail}");
    assert!(detail.contains("bad <redacted>"), "{detail}");
    assert!(!detail.contains("ss&amp;wo"), "{detail}");
}

#[tokio::test]
async fn http_excerpt_redacts_escaped_password() {
    let server = server::start(Arc::new(|_: &Recorded| {
        Reply::new(
            502,
            "text/html",
            "<html><body>login rejected: pa&lt;ss&amp;wo&#34;rd</body></html>",
        )
    }))
    .await;
    let client = common::password_client(&server.base_url, SPECIAL_PASSWORD);
    let error = client.web_service_info().await.unwrap_err();

    let Error::Http { excerpt, .. } = &error else {
        panic!("expected an HTTP error, got {error}");
    };
    assert!(excerpt.contains("login rejected: <redacted>"), "{excerpt}");
    assert!(!error.to_string().contains("ss&amp;wo"), "{error}");
}

#[tokio::test]
async fn http_error_is_http_error() {
    let (_server, client) =
        scripted(|_| Reply::new(502, "text/html", "<html><body>Bad Gateway</body></html>")).await;
    let error = client.web_service_info().await.unwrap_err();
    match &error {
        Error::Http { status, excerpt } => {
            assert_eq!(*status, 502);
            assert!(excerpt.contains("Bad Gateway"), "{excerpt}");
        }
        other => panic!("expected an HTTP error, got {other}"),
    }
}

#[tokio::test]
async fn maintenance_page_is_not_soap() {
    let page = format!(
        "<!DOCTYPE html><html><body><h1>Scheduled maintenance</h1>{}</body></html>",
        "x".repeat(5000)
    );
    let (_server, client) =
        scripted(move |_| Reply::new(200, "text/html; charset=UTF-8", page.clone())).await;
    let error = client.cert_type_ids().await.unwrap_err();
    match &error {
        Error::NotSoap {
            status,
            content_type,
            excerpt,
        } => {
            assert_eq!(*status, 200);
            assert_eq!(content_type.as_deref(), Some("text/html; charset=UTF-8"));
            assert!(excerpt.contains("Scheduled maintenance"), "{excerpt}");
            assert!(excerpt.chars().count() <= soap_runtime::EXCERPT_CHARS + 1);
        }
        other => panic!("expected NotSoap, got {other}"),
    }
    assert!(error.to_string().contains("not a SOAP message"), "{error}");
}

#[tokio::test]
async fn malformed_reply_is_invalid_response() {
    let reply = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:getDeviceCertTypeIdsResponse xmlns:ns2="http://device.ws.epki.comodo.com/"><return><statusCode>zero</statusCode></return></ns2:getDeviceCertTypeIdsResponse></S:Body></S:Envelope>"#;
    let (_server, client) = scripted(move |_| Reply::new(200, "text/xml", reply)).await;
    let error = client.cert_type_ids().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidResponse(soap_runtime::Error::Decode { .. })
        ),
        "{error}"
    );

    let truncated = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:getDeviceCertTypeIdsResponse xmlns:ns2="http://device.ws.epki.comodo.com/"><return><statusCode>0</sta"#;
    let (_server, client) = scripted(move |_| Reply::new(200, "text/xml", truncated)).await;
    let error = client.cert_type_ids().await.unwrap_err();
    assert!(matches!(error, Error::InvalidResponse(_)), "{error}");
}

#[tokio::test]
async fn missing_return_is_incomplete() {
    let reply = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:collectResponse xmlns:ns2="http://device.ws.epki.comodo.com/"/></S:Body></S:Envelope>"#;
    let (_server, client) = scripted(move |_| Reply::new(200, "text/xml", reply)).await;
    let error = client
        .collect(order(), CollectFormat::PemBundle)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::IncompleteResponse {
                operation: "collect",
                element: "return"
            }
        ),
        "{error}"
    );
}

#[tokio::test]
async fn undecodable_certificate_rejected() {
    let reply = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:collectResponse xmlns:ns2="http://device.ws.epki.comodo.com/"><return><statusCode>1</statusCode><certificate>-----BEGIN CERTIFICATE-----
bm90IGEgY2VydGlmaWNhdGU=
-----END CERTIFICATE-----</certificate></return></ns2:collectResponse></S:Body></S:Envelope>"#;
    let (_server, client) = scripted(move |_| Reply::new(200, "text/xml", reply)).await;
    let error = client
        .collect(order(), CollectFormat::PemBundle)
        .await
        .unwrap_err();
    match error {
        Error::InvalidCertificate {
            order_number,
            format,
            reason,
        } => {
            assert_eq!(order_number, order());
            assert_eq!(format, CollectFormat::PemBundle);
            assert!(reason.contains("X.509"), "{reason}");
        }
        other => panic!("expected InvalidCertificate, got {other}"),
    }
}

#[tokio::test]
async fn slow_read_times_out() {
    let (_server, _) = scripted(|_| Reply::new(200, "text/xml", "<x/>")).await;
    let server = server::start(Arc::new(|_: &Recorded| {
        Reply::new(200, "text/xml", "<x/>").delayed(Duration::from_secs(5))
    }))
    .await;
    let client = Client::builder(common::credentials(common::service::PASSWORD))
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .allow_http(true)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.web_service_info().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(
        matches!(
            error,
            Error::Transport(soap_runtime::Error::Timeout {
                connecting: false,
                ..
            })
        ),
        "{error}"
    );
}

/// Checks that `error` reports that the enrollment of `common_name` may have placed an order.
fn assert_outcome_unknown(error: &Error, common_name: &str) {
    match error {
        Error::EnrollmentOutcomeUnknown {
            common_name: reported,
            ..
        } => assert_eq!(reported, common_name),
        other => panic!("expected EnrollmentOutcomeUnknown, got {other}"),
    }
    let message = error.to_string();
    assert!(message.contains("an order may exist"), "{message}");
    assert!(message.contains("Device Certificates"), "{message}");
}

#[tokio::test]
async fn enroll_timeout_says_order_may_exist() {
    let fixture = common::fixture().await;
    let server = server::start(Arc::new(|_: &Recorded| {
        Reply::new(200, "text/xml", "<x/>").delayed(Duration::from_secs(5))
    }))
    .await;
    let client = Client::builder(common::credentials(common::service::PASSWORD))
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .allow_http(true)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let error = client
        .enroll(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
        )
        .await
        .unwrap_err();
    assert_outcome_unknown(&error, "device-01.example.com");
    assert_eq!(server.requests().len(), 1, "enroll must not be repeated");
}

#[tokio::test]
async fn enroll_reply_zero_says_order_may_exist() {
    let fixture = common::fixture().await;
    *fixture.service.enroll_status.lock().unwrap() = Some(0);

    let error = fixture
        .client
        .enroll(
            "device-02.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
        )
        .await
        .unwrap_err();

    assert_outcome_unknown(&error, "device-02.example.com");
    let message = error.to_string();
    assert!(message.contains("no order number came back"), "{message}");
    assert!(
        message.contains("0 is neither an order number"),
        "{message}"
    );
    assert_eq!(
        fixture.server.requests().len(),
        1,
        "enroll must not be repeated"
    );
}

#[tokio::test]
async fn oversize_reply_rejected() {
    let server = server::start(Arc::new(|_: &Recorded| {
        Reply::new(200, "text/xml", vec![b' '; 300_000])
    }))
    .await;
    let client = Client::builder(common::credentials(common::service::PASSWORD))
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .allow_http(true)
        .max_response_bytes(100_000)
        .build()
        .unwrap();
    let error = client.web_service_info().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport(soap_runtime::Error::TooLarge { limit: 100_000 })
        ),
        "{error}"
    );
}

fn reserved_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn client_for_port(port: u16, retries: u32) -> Client {
    Client::builder(common::credentials(common::service::PASSWORD))
        .endpoint(Endpoint::BaseUrl(format!("http://127.0.0.1:{port}")))
        .allow_http(true)
        .read_retries(retries)
        .build()
        .unwrap()
}

#[tokio::test]
async fn read_only_call_retries_connect() {
    let port = reserved_port();
    // The server starts listening after the first attempt failed and before the retry.
    let server_task = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        let (mut stream, _) = listener.accept().await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut buffer = vec![0u8; 65536];
        let _ = stream.read(&mut buffer).await.unwrap();
        let body = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:getWebServiceInfoResponse xmlns:ns2="http://device.ws.epki.comodo.com/"><return>late</return></ns2:getWebServiceInfoResponse></S:Body></S:Envelope>"#;
        let reply = format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        stream.write_all(reply.as_bytes()).await.unwrap();
    });

    let info = client_for_port(port, 2).web_service_info().await.unwrap();
    assert_eq!(info, "late");
    server_task.await.unwrap();
}

#[tokio::test]
async fn read_only_retries_bounded() {
    let port = reserved_port();
    let started = Instant::now();
    let error = client_for_port(port, 2).cert_type_ids().await.unwrap_err();
    assert!(error.is_connect(), "{error}");
    // Two retries wait 250 ms and 500 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn state_changing_calls_not_retried() {
    let port = reserved_port();
    let client = client_for_port(port, 3);

    let started = Instant::now();
    let error = client.revoke(order(), "").await.unwrap_err();
    assert!(error.is_connect(), "{error}");
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );

    let csr = common::pki::generate().csr_pem;
    let error = client
        .enroll(
            "device-01.example.com",
            1,
            1,
            &csr,
            &EnrollOptions::default(),
        )
        .await
        .unwrap_err();
    // Nothing was sent, so the outcome is known.
    assert!(matches!(error, Error::Transport(_)), "{error}");
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn invalid_inputs_never_sent() {
    let fixture = common::fixture().await;
    let client = &fixture.client;
    let csr = fixture.pki.csr_pem.clone();
    let options = EnrollOptions::default();

    let long_name = "a".repeat(65);
    let error = client
        .enroll(&long_name, 1, 1, &csr, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::TooLong {
                argument: "common_name",
                limit: 64,
                length: 65
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("65 characters, the limit is 64"),
        "{error}"
    );

    let error = client.enroll("", 1, 1, &csr, &options).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidArgument {
                argument: "common_name",
                ..
            }
        ),
        "{error}"
    );

    let error = client
        .enroll("d.example.com", 1, 0, &csr, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidArgument {
                argument: "term_years",
                ..
            }
        ),
        "{error}"
    );

    let huge_csr = "A".repeat(32_768);
    let error = client
        .enroll("d.example.com", 1, 1, &huge_csr, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::TooLong {
                argument: "csr",
                limit: 32_767,
                length: 32_768
            }
        ),
        "{error}"
    );

    let error = client
        .enroll("d.example.com", 1, 1, "%%% not base64 %%%", &options)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidArgument {
                argument: "csr",
                ..
            }
        ),
        "{error}"
    );

    let certificate_not_csr = fixture.pki.device_pem.clone();
    let error = client
        .enroll("d.example.com", 1, 1, &certificate_not_csr, &options)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("PKCS#10"), "{error}");

    let error = client.revoke(order(), &"r".repeat(257)).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::TooLong {
                argument: "reason",
                limit: 256,
                length: 257
            }
        ),
        "{error}"
    );

    let error = client
        .revoke_by_serial_number(&"1".repeat(65), "")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::TooLong {
                argument: "serial_number",
                limit: 64,
                length: 65
            }
        ),
        "{error}"
    );

    assert!(
        fixture.server.requests().is_empty(),
        "a rejected input was sent"
    );
}

#[tokio::test]
async fn csr_base64_body_accepted() {
    let fixture = common::fixture().await;
    let body: String = fixture
        .pki
        .csr_pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let order = fixture
        .client
        .enroll(
            "device-01.example.com",
            1,
            1,
            &body,
            &EnrollOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(order.get(), common::service::ORDER);
}

#[test]
fn credentials_debug_redacted() {
    let credentials =
        Credentials::password("ExampleCustomer", "example-admin", "s3cret-pass").unwrap();
    let debug = format!("{credentials:?}");
    assert!(debug.contains("example-admin"), "{debug}");
    assert!(!debug.contains("s3cret-pass"), "{debug}");

    let client = Client::builder(credentials).build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("s3cret-pass"), "{debug}");
}

#[test]
fn credentials_reject_empty() {
    for (uri, login, password, argument) in [
        ("", "admin", "pw", "customer_uri"),
        ("Customer", "", "pw", "login"),
        ("Customer", "admin", "", "password"),
    ] {
        let error = Credentials::password(uri, login, password).unwrap_err();
        match error {
            Error::InvalidArgument {
                argument: found, ..
            } => assert_eq!(found, argument),
            other => panic!("expected InvalidArgument, got {other}"),
        }
    }
}

#[test]
fn plain_http_needs_opt_in() {
    let error = Client::builder(common::credentials("pw-1234"))
        .endpoint(Endpoint::BaseUrl("http://127.0.0.1:9".into()))
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error}");
}

/// A `tracing` writer that keeps everything written to it.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn logs_never_show_password() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        // Plain text: colour codes would split `field=value` pairs that the checks look for.
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let calls = AtomicU32::new(0);
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let fixture = common::fixture().await;
            let csr = fixture.pki.csr_pem.clone();
            let order = fixture
                .client
                .enroll(
                    "device-01.example.com",
                    1,
                    1,
                    &csr,
                    &EnrollOptions::default(),
                )
                .await
                .unwrap();
            fixture
                .client
                .collect(order, CollectFormat::PemBundle)
                .await
                .unwrap();
            calls.fetch_add(2, Ordering::SeqCst);

            let (_server, client) =
                scripted(|_| Reply::new(500, "text/xml", FAULT_WITH_PASSWORD)).await;
            let _ = client.web_service_info().await;
        });
    });

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert!(logs.contains("enroll"), "{logs}");
    assert!(logs.contains("order_number=581391"), "{logs}");
    assert!(!logs.contains("example-password"), "{logs}");
}
