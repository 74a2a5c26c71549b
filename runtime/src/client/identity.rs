//! Client certificates for mutual TLS.

use std::fmt;

use p12_keystore::{KeyStore, Pkcs12ImportPolicy};

use crate::Error;

/// A client certificate chain with its private key, for servers that authenticate clients by
/// certificate (mutual TLS).
///
/// `Debug` shows the number of certificates only, never the key.
#[derive(Clone)]
pub struct ClientIdentity {
    /// Certificates then key, PEM-encoded, as `reqwest::Identity::from_pem` takes them.
    pem: Vec<u8>,
    certificates: usize,
}

impl ClientIdentity {
    /// Reads a certificate chain (leaf first) and a PKCS#8, PKCS#1 or SEC1 private key, both in
    /// PEM.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when either input contains no PEM block of the expected kind, or the key
    /// is rejected by the TLS stack.
    pub fn from_pem(certificate_chain: &[u8], private_key: &[u8]) -> Result<Self, Error> {
        let certificates = pem::parse_many(certificate_chain)
            .map_err(|error| config(format!("the client certificate PEM is invalid: {error}")))?;
        let certificates: Vec<_> = certificates
            .into_iter()
            .filter(|block| block.tag() == "CERTIFICATE")
            .collect();
        if certificates.is_empty() {
            return Err(config(
                "the client certificate PEM contains no CERTIFICATE block",
            ));
        }

        let key = pem::parse_many(private_key)
            .map_err(|_| config("the client private key PEM is invalid"))?
            .into_iter()
            .find(|block| block.tag().ends_with("PRIVATE KEY"))
            .ok_or_else(|| config("the client private key PEM contains no PRIVATE KEY block"))?;

        let mut blocks = certificates;
        let count = blocks.len();
        blocks.push(key);
        Self::from_blocks(&blocks, count)
    }

    /// Reads a PKCS#12 (`.p12`, `.pfx`) archive that contains one private key and its
    /// certificate chain.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the archive is malformed, the password is wrong, or it contains no
    /// private key with a certificate.
    pub fn from_pkcs12(archive: &[u8], password: &str) -> Result<Self, Error> {
        let store = KeyStore::from_pkcs12(archive, password, Pkcs12ImportPolicy::Strict).map_err(
            |error| {
                config(format!(
                    "failed to open the PKCS#12 archive ({error}); check the file and its password"
                ))
            },
        )?;
        let Some((_, chain)) = store.private_key_chain() else {
            return Err(config(
                "the PKCS#12 archive contains no private key with a certificate",
            ));
        };
        if chain.certs().is_empty() {
            return Err(config(
                "the PKCS#12 archive contains a key without a certificate",
            ));
        }

        let mut blocks: Vec<pem::Pem> = chain
            .certs()
            .iter()
            .map(|certificate| pem::Pem::new("CERTIFICATE", certificate.as_der()))
            .collect();
        let count = blocks.len();
        blocks.push(pem::Pem::new("PRIVATE KEY", chain.key().as_der()));
        Self::from_blocks(&blocks, count)
    }

    /// Number of certificates in the chain.
    pub fn certificate_count(&self) -> usize {
        self.certificates
    }

    fn from_blocks(blocks: &[pem::Pem], certificates: usize) -> Result<Self, Error> {
        let identity = ClientIdentity {
            pem: pem::encode_many(blocks).into_bytes(),
            certificates,
        };
        identity.to_reqwest()?;
        Ok(identity)
    }

    pub(crate) fn to_reqwest(&self) -> Result<reqwest::Identity, Error> {
        reqwest::Identity::from_pem(&self.pem).map_err(|error| {
            config(format!(
                "the client certificate or key was rejected: {}",
                crate::error::source_chain(&error)
            ))
        })
    }
}

impl fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("certificates", &self.certificates)
            .field("private_key", &"<redacted>")
            .finish()
    }
}

fn config(message: impl Into<String>) -> Error {
    Error::Config {
        message: message.into(),
    }
}
