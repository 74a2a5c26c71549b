//! A small HTTP/1.1 server on 127.0.0.1 that replies to every request with a scripted reply and
//! records what it received. Plain TCP or TLS, keep-alive supported.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the server sends back.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Delay before the reply.
    pub delay: Duration,
    /// Send the body with chunked transfer encoding instead of `Content-Length`.
    pub chunked: bool,
    /// More header lines, such as `Location`.
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn xml(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type: "text/xml; charset=utf-8",
            body: body.into(),
            delay: Duration::ZERO,
            chunked: false,
            headers: Vec::new(),
        }
    }

    pub fn html(status: u16, body: &str) -> Reply {
        Reply {
            content_type: "text/html",
            ..Reply::xml(status, body)
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Received {
    pub head: String,
    pub body: Vec<u8>,
    /// Index of the TCP connection it came on, counting from 0.
    pub connection: usize,
}

impl Received {
    /// Returns the value of the header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

pub type Log = Arc<Mutex<Vec<Received>>>;

/// Connections one test server accepts before it stops listening.
pub const MAX_CONNECTIONS: usize = 10_000;

/// Accepts raw TCP connections and serves them with `reply`.
pub async fn start_plain(
    reply: impl Fn(&Received) -> Reply + Send + Sync + 'static,
) -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let log: Log = Arc::default();
    let reply = Arc::new(reply);

    let server_log = log.clone();
    tokio::spawn(async move {
        for connection in 0..MAX_CONNECTIONS {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(serve_connection(
                stream,
                connection,
                reply.clone(),
                server_log.clone(),
            ));
        }
    });
    (format!("http://{address}/ws/service"), log)
}

/// Serves requests on one connection until the peer closes it or sends a malformed request.
pub async fn serve_connection<S, F>(mut stream: S, connection: usize, reply: Arc<F>, log: Log)
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: Fn(&Received) -> Reply + ?Sized,
{
    // A test sends at most a few requests on one connection.
    for _ in 0..1000 {
        let Some(received) = read_request(&mut stream, connection).await else {
            return;
        };
        let answer = reply(&received);
        log.lock().unwrap().push(received);

        tokio::time::sleep(answer.delay).await;
        if write_reply(&mut stream, &answer).await.is_err() {
            return;
        }
    }
}

async fn read_request<S: AsyncRead + Unpin>(stream: &mut S, connection: usize) -> Option<Received> {
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(position) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break position + 4;
        }
        let mut chunk = [0u8; 8192];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 || buffer.len() > 1 << 20 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };

    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut received = Received {
        head,
        body: buffer[head_end..].to_vec(),
        connection,
    };
    let length: usize = received
        .header("content-length")
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    while received.body.len() < length {
        let mut chunk = vec![0u8; length - received.body.len()];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        received.body.extend_from_slice(&chunk[..read]);
    }
    Some(received)
}

async fn write_reply<S: AsyncWrite + Unpin>(stream: &mut S, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} Test\r\nContent-Type: {}\r\n",
        reply.status, reply.content_type
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.chunked {
        head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        stream.write_all(head.as_bytes()).await?;
        for chunk in reply.body.chunks(64 * 1024) {
            stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            stream.write_all(chunk).await?;
            stream.write_all(b"\r\n").await?;
        }
        stream.write_all(b"0\r\n\r\n").await?;
    } else {
        head.push_str(&format!("Content-Length: {}\r\n\r\n", reply.body.len()));
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(&reply.body).await?;
    }
    stream.flush().await
}
