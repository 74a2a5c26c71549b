//! HTTPS for the simulator: the server certificate, and client-certificate verification for
//! `/private/ws`.
//!
//! Client certificates are optional at the TLS layer, so `/ws` keeps password login on the same
//! listener. A certificate that is presented must chain to the configured client CA. On
//! `/private/ws` the login in `authData` must equal the certificate's subject common name.

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};

use crate::ca::{CertificateAuthority, ClientCertificateAuthority};

/// Source of the HTTPS server certificate.
#[derive(Clone)]
pub enum ServerCertificate {
    /// Issue one from the simulator's intermediate CA, valid for `localhost`, `127.0.0.1` and `::1`.
    Generate,
    /// Use a certificate chain and private key given as PEM.
    Pem {
        /// The server certificate first, then its intermediates.
        certificate_chain: String,
        /// The private key (PKCS#8, PKCS#1 or SEC1).
        private_key: String,
    },
}

impl std::fmt::Debug for ServerCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerCertificate::Generate => f.write_str("Generate"),
            ServerCertificate::Pem { .. } => f.write_str("Pem { .. }"),
        }
    }
}

/// Client certificates that `/private/ws` accepts.
#[derive(Clone, Debug)]
pub enum ClientCertificates {
    /// None: `/private/ws` rejects every request with HTTP 403.
    Disabled,
    /// Certificates issued by this CA certificate (PEM).
    TrustedCa(String),
    /// Certificates issued by a CA that the simulator generates at start; see
    /// `RunningSimulator::issue_client_certificate`.
    Generate,
}

/// HTTPS settings.
#[derive(Clone, Debug)]
pub struct TlsOptions {
    /// Server certificate.
    pub server_certificate: ServerCertificate,
    /// Client certificates accepted on `/private/ws`.
    pub client_certificates: ClientCertificates,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            server_certificate: ServerCertificate::Generate,
            client_certificates: ClientCertificates::Generate,
        }
    }
}

/// HTTPS could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A PEM input held no usable item.
    #[error("invalid {input} PEM: {message}")]
    Pem {
        /// Name of the input.
        input: &'static str,
        /// Description of the problem.
        message: String,
    },
    /// rustls rejected the configuration.
    #[error("TLS configuration failed: {0}")]
    Rustls(#[from] rustls::Error),
    /// The client certificate verifier could not be built.
    #[error("client CA rejected: {0}")]
    Verifier(#[from] rustls::server::VerifierBuilderError),
    /// Generating a certificate failed.
    #[error(transparent)]
    Ca(#[from] crate::ca::CaError),
}

/// The rustls configuration and, when generated, the client CA.
pub(crate) struct TlsSetup {
    pub config: Arc<ServerConfig>,
    pub client_ca: Option<ClientCertificateAuthority>,
}

/// Builds the rustls server configuration for `options`.
pub(crate) fn configure(
    options: &TlsOptions,
    ca: &CertificateAuthority,
) -> Result<TlsSetup, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let (chain, key) = server_identity(&options.server_certificate, ca)?;

    let mut client_ca = None;
    let trusted_pem = match &options.client_certificates {
        ClientCertificates::Disabled => None,
        ClientCertificates::TrustedCa(pem) => Some(pem.clone()),
        ClientCertificates::Generate => {
            let generated = ClientCertificateAuthority::generate()?;
            let pem = generated.certificate_pem();
            client_ca = Some(generated);
            Some(pem)
        }
    };

    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let mut config = match trusted_pem {
        None => builder.with_no_client_auth().with_single_cert(chain, key)?,
        Some(pem) => {
            let mut roots = RootCertStore::empty();
            for certificate in parse_certificates(&pem, "client CA")? {
                roots.add(certificate)?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .allow_unauthenticated()
                .build()?;
            builder
                .with_client_cert_verifier(verifier)
                .with_single_cert(chain, key)?
        }
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];

    Ok(TlsSetup {
        config: Arc::new(config),
        client_ca,
    })
}

fn server_identity(
    source: &ServerCertificate,
    ca: &CertificateAuthority,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), TlsError> {
    match source {
        ServerCertificate::Generate => {
            let identity = ca.server_identity()?;
            let chain = identity
                .certificate_chain
                .into_iter()
                .map(CertificateDer::from)
                .collect();
            let key = PrivateKeyDer::Pkcs8(identity.private_key_der.into());
            Ok((chain, key))
        }
        ServerCertificate::Pem {
            certificate_chain,
            private_key,
        } => {
            let chain = parse_certificates(certificate_chain, "server certificate")?;
            let key = PrivateKeyDer::from_pem_slice(private_key.as_bytes()).map_err(|error| {
                TlsError::Pem {
                    input: "server private key",
                    message: error.to_string(),
                }
            })?;
            Ok((chain, key))
        }
    }
}

fn parse_certificates(
    pem: &str,
    input: &'static str,
) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let certificates = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| TlsError::Pem {
            input,
            message: error.to_string(),
        })?;
    if certificates.is_empty() {
        return Err(TlsError::Pem {
            input,
            message: "no CERTIFICATE block found".to_string(),
        });
    }
    Ok(certificates)
}

/// Returns the subject common name of a verified client certificate, or `None` unless the
/// subject has exactly one, so that `CN=admin,CN=other` cannot pick the login.
pub(crate) fn subject_common_name(certificate: &[u8]) -> Option<String> {
    let (_, parsed) = x509_parser::parse_x509_certificate(certificate).ok()?;
    let mut common_names = parsed.subject().iter_common_name();
    let common_name = common_names.next()?;
    if common_names.next().is_some() {
        return None;
    }
    common_name.as_str().ok().map(str::to_string)
}
