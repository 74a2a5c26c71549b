//! A readable summary of an issued X.509 certificate.

use serde::Serialize;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::time::ASN1Time;

/// Subject, issuer, serial number and validity of a certificate.
#[derive(Clone, Debug, Serialize)]
pub struct CertificateSummary {
    /// Subject distinguished name, such as `CN=device-01.example.com, O=Example Devices`.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Serial number as uppercase hex digits, the form `revokeBySerialNumber` takes.
    pub serial_number: String,
    /// Start of the validity period (RFC 2822).
    pub not_before: String,
    /// End of the validity period (RFC 2822).
    pub not_after: String,
}

impl CertificateSummary {
    /// Parses a DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        let (_, certificate) = X509Certificate::from_der(der).map_err(|error| {
            format!("the collected certificate does not parse as X.509: {error}")
        })?;
        let serial_number = certificate
            .raw_serial()
            .iter()
            .skip_while(|&&byte| byte == 0)
            .map(|byte| format!("{byte:02X}"))
            .collect();
        Ok(CertificateSummary {
            subject: certificate.subject().to_string(),
            issuer: certificate.issuer().to_string(),
            serial_number,
            not_before: readable_time(certificate.validity().not_before),
            not_after: readable_time(certificate.validity().not_after),
        })
    }

    /// Returns the summary as indented `name: value` lines.
    pub fn to_lines(&self) -> String {
        format!(
            "  subject:       {}\n  issuer:        {}\n  serial number: {}\n  valid from:    {}\n  valid until:   {}",
            self.subject, self.issuer, self.serial_number, self.not_before, self.not_after
        )
    }
}

fn readable_time(time: ASN1Time) -> String {
    time.to_rfc2822().unwrap_or_else(|_| time.to_string())
}

/// Returns the DER public key (SubjectPublicKeyInfo) of a certificate, or `None` when it does
/// not parse.
pub fn public_key_der(der: &[u8]) -> Option<Vec<u8>> {
    let (_, certificate) = X509Certificate::from_der(der).ok()?;
    Some(certificate.public_key().raw.to_vec())
}
