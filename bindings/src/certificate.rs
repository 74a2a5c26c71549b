//! Collected certificates, decoded from the format requested.

use base64::Engine;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::error::Error;
use crate::OrderNumber;

/// The format `collect` returns a certificate in (`format` argument).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CollectFormat {
    /// `0`: X.509 PEM bundle: the certificate and its issuers.
    #[default]
    PemBundle,
    /// `1`: the X.509 certificate alone, PEM.
    PemCertificate,
    /// `2`: the intermediate certificates alone, PEM.
    PemIntermediates,
    /// `3`: PKCS#7 bundle, PEM.
    Pkcs7Pem,
    /// `4`: PKCS#7 bundle, DER (sent as base64 text inside the XML).
    Pkcs7Der,
}

impl CollectFormat {
    /// Returns the number the service takes in the `format` argument.
    pub fn code(self) -> i32 {
        match self {
            CollectFormat::PemBundle => 0,
            CollectFormat::PemCertificate => 1,
            CollectFormat::PemIntermediates => 2,
            CollectFormat::Pkcs7Pem => 3,
            CollectFormat::Pkcs7Der => 4,
        }
    }

    fn is_x509(self) -> bool {
        matches!(
            self,
            CollectFormat::PemBundle
                | CollectFormat::PemCertificate
                | CollectFormat::PemIntermediates
        )
    }
}

/// The outcome of `collect`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Collected {
    /// The CA is still processing the order (status 0); collect again later.
    Pending,
    /// The certificate is issued (status 1).
    Issued(Certificate),
}

/// One decoded block of a collected certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DerBlock {
    /// PEM label, such as `CERTIFICATE` or `PKCS7`; `PKCS7` for the DER format.
    pub label: String,
    /// The DER bytes.
    pub der: Vec<u8>,
}

/// A certificate or bundle as `collect` returned it, checked and decoded.
///
/// X.509 formats are checked to hold at least one `CERTIFICATE` block that parses as an X.509
/// certificate; PKCS#7 formats are checked to decode from PEM or base64, but their content is
/// not parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Certificate {
    format: CollectFormat,
    text: String,
    blocks: Vec<DerBlock>,
}

impl Certificate {
    /// Decodes the text `collect` returned for `order_number` in `format`.
    pub(crate) fn decode(
        order_number: OrderNumber,
        format: CollectFormat,
        text: String,
    ) -> Result<Certificate, Error> {
        let invalid = |reason: String| Error::InvalidCertificate {
            order_number,
            format,
            reason,
        };

        let blocks = match format {
            CollectFormat::Pkcs7Der => vec![DerBlock {
                label: "PKCS7".to_owned(),
                der: decode_base64(&text).map_err(invalid)?,
            }],
            _ => decode_pem(&text).map_err(invalid)?,
        };

        if format.is_x509() {
            check_x509(&blocks).map_err(invalid)?;
        }
        Ok(Certificate {
            format,
            text,
            blocks,
        })
    }

    /// Returns the format requested.
    pub fn format(&self) -> CollectFormat {
        self.format
    }

    /// Returns the text as the service sent it: PEM, or base64 for [`CollectFormat::Pkcs7Der`].
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Returns the decoded blocks, in the order the service sent them.
    pub fn blocks(&self) -> &[DerBlock] {
        &self.blocks
    }

    /// Iterates over the DER bytes of the X.509 certificates (blocks labelled `CERTIFICATE`).
    pub fn certificates_der(&self) -> impl Iterator<Item = &[u8]> {
        self.blocks
            .iter()
            .filter(|block| block.label == "CERTIFICATE")
            .map(|block| block.der.as_slice())
    }

    /// Returns the blocks as PEM, with `\n` line ends; for [`CollectFormat::Pkcs7Der`] this
    /// wraps the DER in a `PKCS7` PEM block.
    pub fn to_pem(&self) -> String {
        let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
        self.blocks
            .iter()
            .map(|block| {
                pem::encode_config(
                    &pem::Pem::new(block.label.clone(), block.der.clone()),
                    config,
                )
            })
            .collect()
    }

    /// Returns the serial number of the first X.509 certificate as uppercase hex, the form
    /// `revoke_by_serial_number` takes, or `None` for PKCS#7 formats.
    pub fn serial_number(&self) -> Option<String> {
        let der = self.certificates_der().next()?;
        let (_, certificate) = X509Certificate::from_der(der).ok()?;
        Some(
            certificate
                .raw_serial()
                .iter()
                .skip_while(|&&byte| byte == 0)
                .map(|byte| format!("{byte:02X}"))
                .collect(),
        )
    }
}

fn decode_pem(text: &str) -> Result<Vec<DerBlock>, String> {
    let blocks = pem::parse_many(text).map_err(|error| format!("invalid PEM: {error}"))?;
    if blocks.is_empty() {
        return Err("no PEM block found".to_owned());
    }
    Ok(blocks
        .into_iter()
        .map(|block| DerBlock {
            label: block.tag().to_owned(),
            der: block.into_contents(),
        })
        .collect())
}

fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|error| format!("invalid base64: {error}"))?;
    if der.is_empty() {
        return Err("the certificate is empty".to_owned());
    }
    Ok(der)
}

fn check_x509(blocks: &[DerBlock]) -> Result<(), String> {
    let mut count = 0;
    for (index, block) in blocks.iter().enumerate() {
        if block.label != "CERTIFICATE" {
            continue;
        }
        X509Certificate::from_der(&block.der)
            .map_err(|error| format!("block {} is not an X.509 certificate: {error}", index + 1))?;
        count += 1;
    }
    if count == 0 {
        return Err("no CERTIFICATE block found".to_owned());
    }
    Ok(())
}
