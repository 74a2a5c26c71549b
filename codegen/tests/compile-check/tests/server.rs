//! The generated server skeleton of `tests/emit-fixtures/constructs.wsdl` (the golden file
//! `constructs_server.rs`): `dispatch` decodes a request envelope built by the client side,
//! passes the `soap:header` block of `draw` to the handler and encodes its reply.
//!
//! Run by `codegen/tests/constructs_roundtrip.rs`.

use std::future::Future;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use soap_runtime::server::Fault;
use soap_runtime::xsd::Empty;
use soap_runtime::{decode_response, encode_request, NoHeaders};
use wsdl_codegen_compile_check::m_constructs_server as constructs;

use constructs::drawing_binding::{dispatch, Draw, DrawInputHeaders, Handler};

/// Records the header blocks `draw` received.
#[derive(Default)]
struct Recorder {
    sessions: Mutex<Vec<Option<String>>>,
}

impl Handler for Recorder {
    async fn draw(
        &self,
        _input: constructs::Draw,
        headers: DrawInputHeaders,
    ) -> Result<(constructs::DrawResponse, NoHeaders), Fault> {
        let session = headers.session.map(|session| session.value);
        self.sessions.lock().unwrap().push(session);

        let response = constructs::DrawResponse {
            width: 640,
            height: Some(480),
        };
        Ok((response, NoHeaders))
    }

    async fn count(&self, _input: constructs::Count) -> Result<Empty, Fault> {
        Ok(Empty)
    }

    async fn shape(&self, _input: constructs::ShapeElement) -> Result<constructs::Count, Fault> {
        Err(Fault::client("not used by this test"))
    }
}

/// Runs a future that never waits on I/O, as the handler above; at most 100 polls.
fn run<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..100 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the future did not complete within 100 polls");
}

fn draw_request(session: Option<&str>) -> String {
    let headers = DrawInputHeaders {
        session: session.map(|value| constructs::Session {
            value: value.to_owned(),
        }),
    };
    encode_request::<Draw>(&constructs::Draw::default(), &headers).unwrap()
}

#[test]
fn draw_receives_session_header() {
    let handler = Recorder::default();
    let request = draw_request(Some("session-42"));
    assert!(request.contains("session-42"), "{request}");

    let response = run(dispatch(&handler, request.as_bytes()));

    assert_eq!(response.status, 200, "{}", response.body);
    let output = decode_response::<Draw>(response.body.as_bytes()).unwrap();
    assert_eq!(output.width, 640);
    assert_eq!(output.height, Some(480));
    let sessions = handler.sessions.lock().unwrap();
    assert_eq!(*sessions, [Some("session-42".to_owned())]);
}

#[test]
fn draw_without_header_gets_none() {
    let handler = Recorder::default();
    let request = draw_request(None);

    let response = run(dispatch(&handler, request.as_bytes()));

    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(*handler.sessions.lock().unwrap(), [None]);
}

#[test]
fn one_way_count_is_accepted() {
    let handler = Recorder::default();
    let request =
        encode_request::<constructs::drawing_binding::Count>(&Default::default(), &NoHeaders)
            .unwrap();

    let response = run(dispatch(&handler, request.as_bytes()));

    assert_eq!(response.status, 202);
    assert_eq!(response.body, "");
}

/// Marks the `session` header block of a `draw` request `mustUnderstand`, and adds an unknown
/// block `<u:trace>` marked so too when `unknown` is set.
fn must_understand_request(unknown: bool) -> String {
    let request = draw_request(Some("session-7"));
    let envelope = request.find(":Envelope").unwrap();
    let prefix = &request[request[..envelope].rfind('<').unwrap() + 1..envelope];
    let marked = format!(r#"<tns:session {prefix}:mustUnderstand="1""#);
    let mut request = request.replacen("<tns:session", &marked, 1);
    if unknown {
        let trace = format!(r#"<u:trace xmlns:u="urn:u" {prefix}:mustUnderstand="1"/>"#);
        let header_end = format!("</{prefix}:Header>");
        request = request.replacen(&header_end, &format!("{trace}{header_end}"), 1);
    }
    request
}

#[test]
fn understood_header_accepted() {
    let handler = Recorder::default();
    let request = must_understand_request(false);

    let response = run(dispatch(&handler, request.as_bytes()));

    assert_eq!(response.status, 200, "{request}\n{}", response.body);
    assert_eq!(*handler.sessions.lock().unwrap(), [Some("session-7".to_owned())]);
}

#[test]
fn unknown_must_understand_faults() {
    let handler = Recorder::default();
    let request = must_understand_request(true);

    let response = run(dispatch(&handler, request.as_bytes()));

    assert_eq!(response.status, 500, "{request}\n{}", response.body);
    assert!(response.body.contains("MustUnderstand"), "{}", response.body);
    assert!(handler.sessions.lock().unwrap().is_empty());
}
