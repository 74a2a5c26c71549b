//! The async and blocking clients against a real HTTP server on 127.0.0.1.

mod common;

use std::time::{Duration, Instant};

use common::http_server::{start_plain, Reply};
use common::ssl_service::*;
use soap_runtime::{encode_request, Client, Error, FaultCode, NoHeaders};

fn client(endpoint: &str) -> Client {
    Client::builder(endpoint).allow_http(true).build().unwrap()
}

/// Serves `status` with `body` as XML to every request and returns the error of one call to `O`.
async fn call_error<O>(status: u16, body: &'static [u8]) -> Error<O::FaultDetail>
where
    O: soap_runtime::Operation<Input = Revoke, InputHeaders = NoHeaders>,
    O::Output: std::fmt::Debug,
    O::FaultDetail: std::fmt::Debug,
{
    let (endpoint, _) = start_plain(move |_| Reply::xml(status, body.to_vec())).await;
    client(&endpoint)
        .call::<O>(&revoke_request())
        .await
        .unwrap_err()
}

#[tokio::test]
async fn call_sends_soap11_headers() {
    let ok = data("revoke.ok.response.xml");
    let (endpoint, log) = start_plain(move |_| Reply::xml(200, ok.clone())).await;

    let output = client(&endpoint)
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap();
    assert_eq!(output.r#return, 0);

    let received = log.lock().unwrap()[0].clone();
    assert!(received.head.starts_with("POST /ws/service HTTP/1.1\r\n"));
    assert_eq!(
        received.header("content-type").as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(received.header("soapaction").as_deref(), Some("\"\""));
    let expected = encode_request::<RevokeOp>(&revoke_request(), &NoHeaders).unwrap();
    assert_eq!(String::from_utf8(received.body).unwrap(), expected);
}

#[tokio::test]
async fn call_sends_soap12_action() {
    let reply = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>-2</return></ns2:revokeResponse></env:Body></env:Envelope>"#;
    let (endpoint, log) = start_plain(move |_| Reply::xml(200, reply.to_vec())).await;

    let output = client(&endpoint)
        .call::<Revoke12Op>(&revoke_request())
        .await
        .unwrap();
    assert_eq!(output.r#return, -2);

    let received = log.lock().unwrap()[0].clone();
    assert_eq!(
        received.header("content-type").as_deref(),
        Some("application/soap+xml; charset=utf-8; action=\"urn:revoke\"")
    );
    assert_eq!(received.header("soapaction"), None);
}

#[tokio::test]
async fn http_500_fault_is_fault_error() {
    let fault = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>Internal failure</faultstring></S:Fault></S:Body></S:Envelope>"#;
    let error = call_error::<RevokeOp>(500, fault).await;
    let found = error.fault().expect("a fault");
    assert_eq!(found.code, FaultCode::Server);
    assert_eq!(found.reason, "Internal failure");
    assert!(error.may_have_reached_server());
}

#[tokio::test]
async fn http_503_page_is_status_error() {
    let (endpoint, _) = start_plain(|_| {
        Reply::html(
            503,
            "<html><body><h1>Down for Maintenance</h1></body></html>",
        )
    })
    .await;

    let error = client(&endpoint)
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    match &error {
        Error::HttpStatus { status, excerpt } => {
            assert_eq!(*status, 503);
            assert!(excerpt.contains("Down for Maintenance"), "{excerpt}");
        }
        other => panic!("expected HttpStatus, got {other}"),
    }
    assert!(error.to_string().contains("HTTP 503"), "{error}");
}

/// A 500 without a fault, and a 202 (no reply) to an operation that has an output.
#[tokio::test]
async fn status_without_envelope_is_status_error() {
    let cases: [(u16, &[u8]); 2] = [(500, b"<error>boom</error>"), (202, b"")];
    for (status, body) in cases {
        let error = call_error::<RevokeOp>(status, body).await;
        assert!(
            matches!(error, Error::HttpStatus { status: found, .. } if found == status),
            "{status}: {error}"
        );
    }
}

#[tokio::test]
async fn http_200_page_is_not_soap() {
    let (endpoint, _) =
        start_plain(|_| Reply::html(200, "<!DOCTYPE html><html>Login</html>")).await;
    let error = client(&endpoint)
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    match error {
        Error::NotSoap {
            status,
            content_type,
            excerpt,
        } => {
            assert_eq!(status, 200);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(excerpt.contains("Login"), "{excerpt}");
        }
        other => panic!("expected NotSoap, got {other}"),
    }
}

/// A one-way operation succeeds on 202 Accepted, and on a 200 with an empty body.
#[tokio::test]
async fn one_way_accepted_without_envelope() {
    for status in [202, 200] {
        let (endpoint, log) = start_plain(move |_| Reply::xml(status, "")).await;

        let output = client(&endpoint)
            .call::<RevokeOneWayOp>(&revoke_request())
            .await
            .unwrap();
        assert_eq!(output, soap_runtime::xsd::Empty, "{status}");
        assert_eq!(log.lock().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn one_way_fault_is_fault_error() {
    let fault = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>Bad id</faultstring></S:Fault></S:Body></S:Envelope>"#;
    let error = call_error::<RevokeOneWayOp>(500, fault).await;
    assert_eq!(error.fault().expect("a fault").reason, "Bad id");
}

#[tokio::test]
async fn redirect_is_not_followed() {
    let ok = data("revoke.ok.response.xml");
    let (target, target_log) = start_plain(move |_| Reply::xml(200, ok.clone())).await;
    for status in [301, 302, 307, 308] {
        let location = target.clone();
        let (endpoint, log) = start_plain(move |_| Reply {
            headers: vec![("Location", location.clone())],
            ..Reply::xml(status, "")
        })
        .await;

        let error = client(&endpoint)
            .call::<RevokeOp>(&revoke_request())
            .await
            .unwrap_err();

        match &error {
            Error::Redirect {
                status: found,
                location,
            } => {
                assert_eq!(*found, status);
                assert_eq!(location.as_deref(), Some(target.as_str()));
            }
            other => panic!("expected Redirect for {status}, got {other}"),
        }
        assert!(error.to_string().contains(&target), "{error}");
        assert_eq!(log.lock().unwrap().len(), 1);
    }
    assert!(target_log.lock().unwrap().is_empty());
}

#[tokio::test]
async fn slow_server_times_out() {
    let ok = data("revoke.ok.response.xml");
    let (endpoint, _) = start_plain(move |_| Reply {
        delay: Duration::from_secs(5),
        ..Reply::xml(200, ok.clone())
    })
    .await;
    let client = Client::builder(&endpoint)
        .allow_http(true)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    match &error {
        Error::Timeout {
            limit, connecting, ..
        } => {
            assert_eq!(*limit, Duration::from_millis(300));
            assert!(!connecting);
        }
        other => panic!("expected Timeout, got {other}"),
    }
    assert!(error.may_have_reached_server());
}

#[tokio::test]
async fn oversize_body_rejected() {
    let big = vec![b' '; 2 * 1024 * 1024];
    for chunked in [false, true] {
        let body = big.clone();
        let (endpoint, _) = start_plain(move |_| Reply {
            chunked,
            ..Reply::xml(200, body.clone())
        })
        .await;
        let client = Client::builder(&endpoint)
            .allow_http(true)
            .max_response_bytes(1024 * 1024)
            .build()
            .unwrap();

        let error = client
            .call::<RevokeOp>(&revoke_request())
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::TooLarge { limit: 1_048_576 }),
            "chunked={chunked}: {error}"
        );
    }
}

#[tokio::test]
async fn body_at_limit_accepted() {
    let ok = data("revoke.ok.response.xml");
    let limit = ok.len() as u64;
    for chunked in [false, true] {
        let body = ok.clone();
        let (endpoint, _) = start_plain(move |_| Reply {
            chunked,
            ..Reply::xml(200, body.clone())
        })
        .await;
        let client = Client::builder(&endpoint)
            .allow_http(true)
            .max_response_bytes(limit)
            .build()
            .unwrap();

        let output = client.call::<RevokeOp>(&revoke_request()).await.unwrap();
        assert_eq!(output.r#return, 0, "chunked={chunked}");
    }
}

#[tokio::test]
async fn refused_connection_is_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);

    let error = client(&format!("http://{address}/ws"))
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connect { .. }), "{error}");
    assert!(!error.may_have_reached_server());
    assert!(error.is_connect());
    assert!(error.to_string().contains("was not sent"), "{error}");
}

#[tokio::test]
async fn connection_is_reused() {
    let ok = data("revoke.ok.response.xml");
    let (endpoint, log) = start_plain(move |_| Reply::xml(200, ok.clone())).await;
    let client = client(&endpoint);

    for _ in 0..3 {
        client.call::<RevokeOp>(&revoke_request()).await.unwrap();
    }
    let connections: Vec<usize> = log.lock().unwrap().iter().map(|r| r.connection).collect();
    assert_eq!(connections, [0, 0, 0]);
}

#[test]
fn plain_http_rejected_by_default() {
    let error = Client::builder("http://127.0.0.1:9/ws")
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }));
    assert!(error.to_string().contains("plain HTTP"), "{error}");
}

#[test]
fn endpoint_checks() {
    for endpoint in [
        "not a url",
        "ftp://127.0.0.1/ws",
        "https://user:secret@127.0.0.1/ws",
    ] {
        let error = Client::builder(endpoint).build().unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{endpoint}: {error}");
        assert!(!error.to_string().contains("secret"), "{error}");
    }
}

#[test]
fn bad_root_certificate_rejected() {
    let error = Client::builder("https://127.0.0.1/ws")
        .add_root_certificate_pem(b"not a certificate".to_vec())
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("root CA"), "{error}");
}

#[cfg(feature = "blocking")]
#[test]
fn blocking_client_calls() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ok = data("revoke.bad-auth.response.xml");
    let (endpoint, log) = runtime.block_on(start_plain(move |_| Reply::xml(200, ok.clone())));

    let client = Client::builder(&endpoint)
        .allow_http(true)
        .build_blocking()
        .unwrap();
    let output = client.call::<RevokeOp>(&revoke_request()).unwrap();
    assert_eq!(output.r#return, -100);
    assert_eq!(log.lock().unwrap().len(), 1);

    let fault = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>bad</faultstring></S:Fault></S:Body></S:Envelope>"#;
    let (fault_endpoint, _) =
        runtime.block_on(start_plain(move |_| Reply::xml(500, fault.to_vec())));
    let error = Client::builder(&fault_endpoint)
        .allow_http(true)
        .build_blocking()
        .unwrap()
        .call::<RevokeOp>(&revoke_request())
        .unwrap_err();
    assert_eq!(
        error.fault().map(|f| f.code.clone()),
        Some(FaultCode::Client)
    );
}

#[cfg(feature = "blocking")]
#[test]
fn blocking_oversize_and_timeout() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (endpoint, _) = runtime.block_on(start_plain(|_| Reply {
        chunked: true,
        ..Reply::xml(200, vec![b' '; 300_000])
    }));
    let error = Client::builder(&endpoint)
        .allow_http(true)
        .max_response_bytes(100_000)
        .build_blocking()
        .unwrap()
        .call::<RevokeOp>(&revoke_request())
        .unwrap_err();
    assert!(
        matches!(error, Error::TooLarge { limit: 100_000 }),
        "{error}"
    );

    let (slow, _) = runtime.block_on(start_plain(|_| Reply {
        delay: Duration::from_secs(5),
        ..Reply::xml(200, "<x/>")
    }));
    let error = Client::builder(&slow)
        .allow_http(true)
        .timeout(Duration::from_millis(300))
        .build_blocking()
        .unwrap()
        .call::<RevokeOp>(&revoke_request())
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                connecting: false,
                ..
            }
        ),
        "{error}"
    );
}
