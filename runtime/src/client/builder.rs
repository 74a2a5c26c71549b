//! Client configuration.

use std::time::Duration;

use super::call::Client;
use super::identity::ClientIdentity;
use crate::Error;

/// Default limit for opening a connection, TLS handshake included.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default limit for a whole call, from connecting to the last byte of the response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Default limit for a response body. A three-certificate PEM chain is about 6 KiB, so this
/// leaves room for any real reply while bounding memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// Applies the settings of `$settings` to a reqwest client builder (async or blocking, which
/// share method names but no trait) and builds it, returning early with a config error.
macro_rules! configure {
    ($settings:expr, $endpoint:expr, $builder:expr) => {{
        let mut http = $builder
            .use_rustls_tls()
            .connect_timeout($settings.connect_timeout)
            .timeout($settings.timeout)
            .https_only(!$settings.allow_http)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent($settings.user_agent.clone());
        if is_loopback(&$endpoint) {
            http = http.no_proxy();
        }
        for certificate in $settings.root_certificates()? {
            http = http.add_root_certificate(certificate);
        }
        if let Some(identity) = &$settings.identity {
            http = http.identity(identity.to_reqwest()?);
        }
        http.build().map_err(|error| config_error(&error))?
    }};
}

/// Settings for a [`Client`], created by [`Client::builder`].
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    pub(crate) endpoint: String,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: u64,
    pub(crate) allow_http: bool,
    pub(crate) identity: Option<ClientIdentity>,
    pub(crate) root_certificates: Vec<Vec<u8>>,
    pub(crate) user_agent: String,
}

impl ClientBuilder {
    pub(crate) fn new(endpoint: impl Into<String>) -> Self {
        ClientBuilder {
            endpoint: endpoint.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            allow_http: false,
            identity: None,
            root_certificates: Vec::new(),
            user_agent: concat!("soap-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// Sets the limit for opening a connection, TLS handshake included (default 10 s).
    pub fn connect_timeout(mut self, limit: Duration) -> Self {
        self.connect_timeout = limit;
        self
    }

    /// Sets the limit for a whole call, from connecting to the end of the response body
    /// (default 60 s).
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = limit;
        self
    }

    /// Sets the largest response body accepted, in bytes (default 16 MiB). A larger response is
    /// read no further than the limit and fails with [`Error::TooLarge`].
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Allows a plain `http://` endpoint, such as a local test server (default `false`: only
    /// `https://` is accepted).
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Presents a client certificate during the TLS handshake (mutual TLS).
    pub fn identity(mut self, identity: ClientIdentity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Trusts the CA certificates in `pem` in addition to the built-in web PKI roots, for
    /// servers with a private CA.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Sets the `User-Agent` header (default `soap-runtime/VERSION`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Builds the async client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an endpoint that is not an absolute `https` URL (or `http` with
    /// [`allow_http`](Self::allow_http)), for credentials in the URL, an unreadable CA
    /// certificate or a rejected client identity.
    pub fn build(self) -> Result<Client, Error> {
        let endpoint = self.checked_endpoint()?;
        let http = configure!(self, endpoint, reqwest::Client::builder());
        Ok(Client::new(http, endpoint, &self))
    }

    /// Builds the blocking client.
    ///
    /// It must not be built, used or dropped inside an async runtime, as `reqwest::blocking`
    /// runs its own.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build).
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<super::blocking::Client, Error> {
        let endpoint = self.checked_endpoint()?;
        let http = configure!(self, endpoint, reqwest::blocking::Client::builder());
        Ok(super::blocking::Client::new(http, endpoint, &self))
    }

    fn checked_endpoint(&self) -> Result<reqwest::Url, Error> {
        let url = reqwest::Url::parse(&self.endpoint).map_err(|error| Error::Config {
            message: format!(
                "the endpoint {:?} is not a valid absolute URL ({error})",
                self.endpoint
            ),
        })?;

        match url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(Error::Config {
                    message: format!(
                        "the endpoint {url} uses plain HTTP; use https, or allow HTTP explicitly \
                         for a local test server"
                    ),
                })
            }
            other => {
                return Err(Error::Config {
                    message: format!("the endpoint scheme {other:?} is not http or https"),
                })
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Config {
                message: "the endpoint URL contains credentials; pass them in the request instead"
                    .to_owned(),
            });
        }
        Ok(url)
    }

    fn root_certificates(&self) -> Result<Vec<reqwest::Certificate>, Error> {
        let mut certificates = Vec::new();
        for pem in &self.root_certificates {
            let bundle =
                reqwest::Certificate::from_pem_bundle(pem).map_err(|error| Error::Config {
                    message: format!("a root CA certificate is not valid PEM: {error}"),
                })?;
            if bundle.is_empty() {
                return Err(Error::Config {
                    message: "a root CA PEM contains no CERTIFICATE block; pass the CA certificate in PEM".to_owned(),
                });
            }
            certificates.extend(bundle);
        }
        Ok(certificates)
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(address) => address.is_loopback(),
        Err(_) => host == "localhost",
    }
}

fn config_error(error: &reqwest::Error) -> Error {
    let cause = crate::error::source_chain(error);
    // rustls reports a private key that does not belong to the certificate as `KeyMismatch`.
    let hint = if cause.contains("KeyMismatch") {
        "; the client private key does not belong to the client certificate, so check that \
         both files come from the same enrollment"
    } else {
        ""
    };

    Error::Config {
        message: format!("failed to set up the HTTP client: {cause}{hint}"),
    }
}
