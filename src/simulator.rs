//! Starting and stopping a simulator: the listener, the accept loop, TLS handshakes and
//! graceful shutdown.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tracing::{debug, info, warn};

use crate::ca::{CaError, CertificateAuthority, ClientCertificateAuthority, ClientIdentity};
use crate::http::{self, Site, PRIVATE_PATH, PUBLIC_PATH};
use crate::orders::Orders;
use crate::service::State;
use crate::tls::{self, TlsError, TlsOptions};
use crate::wsdl::{self, WsdlError};
use crate::Credentials;

/// Maximum number of connections served at once; further connections are closed on accept.
pub const MAX_CONNECTIONS: usize = 256;
/// Time allowed for a TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed for a client to send the request line and headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Maximum time one connection is kept, requests included. hyper has no timeout for writing a
/// reply, so a client that never reads would otherwise hold its connection slot forever.
const MAX_CONNECTION_TIME: Duration = Duration::from_secs(300);
/// Time that shutdown waits for open connections to finish their requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Pause after a failed `accept`, so that running out of file descriptors does not spin.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);

/// Entry point: `Simulator::builder()`.
#[derive(Debug)]
pub struct Simulator;

impl Simulator {
    /// Returns a builder with the documented defaults: `127.0.0.1` on a free port, customer URI
    /// `ExampleCustomer`, login `admin`, password `secret`, one pending poll, plain HTTP.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            credentials: Credentials::default(),
            pending_polls: 1,
            tls: None,
        }
    }
}

/// Settings of a simulator to start.
#[derive(Debug, Clone)]
pub struct SimulatorBuilder {
    listen: SocketAddr,
    credentials: Credentials,
    pending_polls: u32,
    tls: Option<TlsOptions>,
}

/// The simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Binding the listen address failed.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// Generating the CA failed.
    #[error(transparent)]
    Ca(#[from] CaError),
    /// HTTPS could not be set up.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The embedded WSDL could not be rewritten.
    #[error(transparent)]
    Wsdl(#[from] WsdlError),
}

impl SimulatorBuilder {
    /// Sets the listen address (default `127.0.0.1:0`, a free port).
    pub fn listen(mut self, address: SocketAddr) -> Self {
        self.listen = address;
        self
    }

    /// Sets the accepted customer URI, login and password.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Sets how many `collect` calls per order answer "being processed" (status 0) before the
    /// certificate is returned (default 1).
    pub fn pending_polls(mut self, polls: u32) -> Self {
        self.pending_polls = polls;
        self
    }

    /// Serves HTTPS with these settings instead of plain HTTP.
    pub fn tls(mut self, options: TlsOptions) -> Self {
        self.tls = Some(options);
        self
    }

    /// Generates the CA, binds the listener and starts serving in the background.
    pub async fn start(self) -> Result<RunningSimulator, StartError> {
        let ca = CertificateAuthority::generate()?;
        let (acceptor, client_ca) = match &self.tls {
            Some(options) => {
                let setup = tls::configure(options, &ca)?;
                (Some(TlsAcceptor::from(setup.config)), setup.client_ca)
            }
            None => (None, None),
        };

        let listener = TcpListener::bind(self.listen)
            .await
            .map_err(|source| StartError::Bind {
                address: self.listen,
                source,
            })?;
        let local_addr = listener.local_addr().map_err(|source| StartError::Bind {
            address: self.listen,
            source,
        })?;
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        let base_url = format!("{scheme}://{local_addr}");

        let ca_certificate_pem = ca.root_pem();
        let public_url = format!("{base_url}{PUBLIC_PATH}");
        let private_url = format!("{base_url}{PRIVATE_PATH}");
        let site = Arc::new(Site {
            public_wsdl: wsdl::rewrite(&public_url, &private_url, &public_url)?,
            private_wsdl: wsdl::rewrite(&public_url, &private_url, &private_url)?,
            state: Arc::new(State {
                credentials: self.credentials.clone(),
                pending_polls: self.pending_polls,
                ca,
                orders: Mutex::new(Orders::default()),
            }),
        });

        let (shutdown, shutdown_signal) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, site, acceptor, shutdown_signal));
        info!(url = %public_url, tls = scheme == "https", pending_polls = self.pending_polls, "simulator started");

        Ok(RunningSimulator {
            local_addr,
            base_url,
            credentials: self.credentials,
            ca_certificate_pem,
            client_ca,
            shutdown,
            task: Some(task),
        })
    }
}

/// A started simulator. Dropping it stops the accept loop; `shutdown` also waits for open
/// requests to finish.
pub struct RunningSimulator {
    local_addr: SocketAddr,
    base_url: String,
    credentials: Credentials,
    ca_certificate_pem: String,
    client_ca: Option<ClientCertificateAuthority>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RunningSimulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSimulator")
            .field("url", &self.url())
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl RunningSimulator {
    /// Socket address the simulator listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// URL of the password-login endpoint, `…/ws/EPKIManagerDevice`.
    pub fn url(&self) -> String {
        format!("{}{PUBLIC_PATH}", self.base_url)
    }

    /// URL of the client-certificate endpoint, `…/private/ws/EPKIManagerDevice`. It accepts
    /// requests only over HTTPS with a client certificate.
    pub fn private_url(&self) -> String {
        format!("{}{PRIVATE_PATH}", self.base_url)
    }

    /// URL of the served WSDL.
    pub fn wsdl_url(&self) -> String {
        format!("{}?wsdl", self.url())
    }

    /// The accepted credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// PEM of the root CA that issued both the collected certificates' intermediate and the
    /// generated HTTPS server certificate. Clients trust it to connect over HTTPS.
    pub fn ca_certificate_pem(&self) -> &str {
        &self.ca_certificate_pem
    }

    /// PEM of the generated client CA, when the simulator generated one.
    pub fn client_ca_certificate_pem(&self) -> Option<String> {
        self.client_ca.as_ref().map(|ca| ca.certificate_pem())
    }

    /// PKCS#8 PEM private key of the generated client CA, for writing it to a file.
    pub fn client_ca_private_key_pem(&self) -> Option<String> {
        self.client_ca.as_ref().map(|ca| ca.private_key_pem())
    }

    /// Issues a client certificate for `login` from the generated client CA, or returns `None`
    /// when the simulator did not generate one.
    pub fn issue_client_certificate(&self, login: &str) -> Option<Result<ClientIdentity, CaError>> {
        self.client_ca.as_ref().map(|ca| ca.issue(login))
    }

    /// Stops accepting connections and waits up to five seconds for open requests to finish.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            if let Err(error) = task.await {
                warn!(%error, "simulator task ended abnormally");
            }
        }
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

async fn accept_loop(
    listener: TcpListener,
    site: Arc<Site>,
    acceptor: Option<TlsAcceptor>,
    mut shutdown: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let accepted = tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(connection) => connection,
            Err(error) => {
                warn!(%error, "accepting a connection failed");
                tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            warn!(%peer, max = MAX_CONNECTIONS, "connection limit reached; closing the new connection");
            continue;
        };
        let connection = Connection {
            site: site.clone(),
            watcher: graceful.watcher(),
            _permit: permit,
            peer,
        };
        tokio::spawn(connection.run(stream, acceptor.clone()));
    }

    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        warn!(
            grace_seconds = SHUTDOWN_GRACE.as_secs(),
            "connections still open at shutdown were dropped"
        );
    }
    info!("simulator stopped");
}

/// One accepted connection.
struct Connection {
    site: Arc<Site>,
    watcher: Watcher,
    _permit: OwnedSemaphorePermit,
    peer: SocketAddr,
}

impl Connection {
    async fn run(self, stream: TcpStream, acceptor: Option<TlsAcceptor>) {
        let Some(acceptor) = acceptor else {
            self.serve(stream, None).await;
            return;
        };

        let tls_stream =
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls_stream)) => tls_stream,
                Ok(Err(error)) => {
                    warn!(peer = %self.peer, %error, "TLS handshake failed");
                    return;
                }
                Err(_) => {
                    warn!(peer = %self.peer, "TLS handshake timed out");
                    return;
                }
            };
        let common_name = tls_stream
            .get_ref()
            .1
            .peer_certificates()
            .and_then(|chain| chain.first())
            .and_then(|certificate| tls::subject_common_name(certificate));
        debug!(peer = %self.peer, client = ?common_name, "TLS handshake complete");
        self.serve(tls_stream, common_name).await;
    }

    async fn serve<S>(self, stream: S, client_common_name: Option<String>)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let site = self.site.clone();
        let service = service_fn(move |request| {
            http::handle(site.clone(), client_common_name.clone(), request)
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT);
        let connection = builder.serve_connection(TokioIo::new(stream), service);

        match tokio::time::timeout(MAX_CONNECTION_TIME, self.watcher.watch(connection)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => debug!(peer = %self.peer, %error, "connection ended with an error"),
            Err(_) => warn!(
                peer = %self.peer,
                limit = ?MAX_CONNECTION_TIME,
                "connection open too long; closing it"
            ),
        }
    }
}
