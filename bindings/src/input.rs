//! Checks on arguments before anything is sent, with the limits the vendor reference gives.

use base64::Engine;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::prelude::FromDer;

use crate::error::Error;
use crate::generated::{CustomFieldValue, DeviceCertEnrollOptionalFieldsDto};

/// Maximum length of `commonName`, in characters.
pub const MAX_COMMON_NAME: usize = 64;
/// Maximum length of a revocation `reason`, in characters.
pub const MAX_REASON: usize = 256;
/// Maximum length of `serialNumber`, in characters.
pub const MAX_SERIAL_NUMBER: usize = 64;
/// Maximum length of `csr`, in characters.
pub const MAX_CSR: usize = 32_767;

/// Optional parts of an enrollment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EnrollOptions {
    /// Certificate type id (one of [`Client::cert_type_ids`](crate::Client::cert_type_ids));
    /// the customer's default type when `None`.
    pub cert_type_id: Option<i32>,
    /// Subject alternative names: DNS names and IP addresses.
    pub subject_alt_names: Vec<String>,
    /// Values of the customer's custom fields, as (name, value) pairs.
    pub custom_fields: Vec<(String, String)>,
    /// Comments for the order.
    pub comments: Option<String>,
}

impl EnrollOptions {
    /// Builds the `optionalFields` element, or `None` when no optional field is set.
    pub(crate) fn optional_fields(&self) -> Option<DeviceCertEnrollOptionalFieldsDto> {
        if self.subject_alt_names.is_empty()
            && self.custom_fields.is_empty()
            && self.comments.is_none()
        {
            return None;
        }
        let subject_alt_names =
            (!self.subject_alt_names.is_empty()).then(|| self.subject_alt_names.join(","));
        let custom_fields = self
            .custom_fields
            .iter()
            .map(|(name, value)| CustomFieldValue {
                name: name.clone(),
                value: value.clone(),
            })
            .collect();
        Some(DeviceCertEnrollOptionalFieldsDto {
            subject_alt_names,
            custom_fields,
            comments: self.comments.clone(),
        })
    }
}

/// Rejects a value longer than `limit` characters.
pub(crate) fn check_length(argument: &'static str, value: &str, limit: usize) -> Result<(), Error> {
    let length = value.chars().count();
    if length > limit {
        return Err(Error::TooLong {
            argument,
            limit,
            length,
        });
    }
    Ok(())
}

/// Rejects an empty value, or one longer than `limit` characters.
pub(crate) fn check_text(argument: &'static str, value: &str, limit: usize) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::empty_argument(argument));
    }
    check_length(argument, value, limit)
}

/// Rejects a term of zero or fewer years.
pub(crate) fn check_term(term_years: i32) -> Result<(), Error> {
    if term_years <= 0 {
        return Err(Error::InvalidArgument {
            argument: "term_years",
            reason: format!("must be at least 1, got {term_years}"),
        });
    }
    Ok(())
}

/// Checks a CSR: at most [`MAX_CSR`] characters, base64 with or without the PEM lines, and
/// decoding as a PKCS#10 certification request.
pub(crate) fn check_csr(csr: &str) -> Result<(), Error> {
    check_text("csr", csr, MAX_CSR)?;
    let invalid = |reason: String| Error::InvalidArgument {
        argument: "csr",
        reason,
    };

    let body: String = csr
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body.as_bytes())
        .map_err(|error| {
            invalid(format!(
                "not valid base64 ({error}); pass the PEM text or its base64 body"
            ))
        })?;
    X509CertificationRequest::from_der(&der).map_err(|error| {
        invalid(format!(
            "not a PKCS#10 certificate signing request ({error})"
        ))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters() {
        assert!(check_length("reason", &"é".repeat(256), MAX_REASON).is_ok());
        let error = check_length("reason", &"é".repeat(257), MAX_REASON).unwrap_err();
        assert!(matches!(
            error,
            Error::TooLong {
                argument: "reason",
                limit: 256,
                length: 257
            }
        ));
    }

    #[test]
    fn term_must_be_positive() {
        assert!(check_term(1).is_ok());
        assert!(check_term(0).is_err());
        assert!(check_term(-2).is_err());
    }

    #[test]
    fn csr_rejects_garbage() {
        let error = check_csr("not base64 !!").unwrap_err();
        assert!(error.to_string().contains("base64"), "{error}");

        let error = check_csr("aGVsbG8=").unwrap_err();
        assert!(error.to_string().contains("PKCS#10"), "{error}");

        let error = check_csr("").unwrap_err();
        assert!(error.to_string().contains("empty"), "{error}");
    }

    #[test]
    fn optional_fields_only_when_set() {
        assert_eq!(EnrollOptions::default().optional_fields(), None);

        let options = EnrollOptions {
            subject_alt_names: vec!["a.example.com".into(), "10.0.0.1".into()],
            ..EnrollOptions::default()
        };
        let fields = options.optional_fields().unwrap();
        assert_eq!(
            fields.subject_alt_names.as_deref(),
            Some("a.example.com,10.0.0.1")
        );
    }
}
