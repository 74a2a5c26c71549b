//! A small HTTP/1.1 server on 127.0.0.1 placed in front of the simulator: it either rewrites
//! each request body and forwards it, or replies with a fixed page as a proxy or maintenance
//! server would. Every connection carries one request and is closed after the reply.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Limit for reading a request or forwarding it.
const STEP_TIMEOUT: Duration = Duration::from_secs(20);
/// Largest request accepted, in bytes.
const MAX_REQUEST: usize = 1 << 20;

/// What the front server does with each request.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// Replaces `from` with `to` in the body, then forwards the request to `upstream` and
    /// relays its reply.
    Rewrite {
        upstream: SocketAddr,
        from: String,
        to: String,
    },
    /// Replies with this status line, `Content-Type` and body.
    Reply {
        status_line: &'static str,
        content_type: &'static str,
        body: &'static str,
    },
}

/// A running front server. Dropping it stops the accept loop.
pub struct FrontServer {
    address: SocketAddr,
    task: JoinHandle<()>,
}

impl FrontServer {
    /// Starts serving on a free port of 127.0.0.1.
    pub async fn start(behaviour: Behaviour) -> FrontServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let task = tokio::spawn(async move {
            // Each test makes a handful of calls, and the bound keeps a stray client from looping.
            for _ in 0..64 {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                tokio::spawn(handle(stream, behaviour.clone()));
            }
        });
        FrontServer { address, task }
    }

    /// Base URL of the server.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }
}

impl Drop for FrontServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(mut stream: TcpStream, behaviour: Behaviour) {
    let work = async {
        let (head, body) = read_request(&mut stream).await?;
        let reply = match behaviour {
            Behaviour::Rewrite { upstream, from, to } => {
                let body = String::from_utf8_lossy(&body).replace(&from, &to);
                forward(upstream, &head, &body).await?
            }
            Behaviour::Reply {
                status_line,
                content_type,
                body,
            } => format!(
                "{status_line}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        };
        stream.write_all(&reply).await?;
        stream.shutdown().await
    };
    // A failed exchange shows up in the test as an error of the client under test.
    let _ = tokio::time::timeout(STEP_TIMEOUT, work).await;
}

/// Reads the request line and headers (as text) and the body (by `Content-Length`).
async fn read_request<S: AsyncRead + Unpin>(stream: &mut S) -> std::io::Result<(String, Vec<u8>)> {
    let mut received = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(position) = find(&received, b"\r\n\r\n") {
            break position;
        }
        let read = stream.read(&mut chunk).await?;
        if read == 0 || received.len() > MAX_REQUEST {
            return Err(std::io::Error::other("request ended before its headers"));
        }
        received.extend_from_slice(&chunk[..read]);
    };

    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let length = content_length(&head).unwrap_or(0).min(MAX_REQUEST);
    let mut body = received[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Err(std::io::Error::other("request body ended early"));
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Ok((head, body))
}

/// Sends the request with the new body to `upstream` over a fresh connection and returns the
/// whole reply.
async fn forward(upstream: SocketAddr, head: &str, body: &str) -> std::io::Result<Vec<u8>> {
    let kept: Vec<&str> = head
        .lines()
        .filter(|line| {
            let name = line
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            name != "content-length" && name != "connection"
        })
        .collect();
    let request = format!(
        "{}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        kept.join("\r\n"),
        body.len()
    );

    let mut connection = TcpStream::connect(upstream).await?;
    connection.write_all(request.as_bytes()).await?;
    let mut reply = Vec::new();
    connection.read_to_end(&mut reply).await?;
    Ok(reply)
}

fn content_length(head: &str) -> Option<usize> {
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
