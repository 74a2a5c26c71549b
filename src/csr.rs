//! Decoding and verification of the PKCS#10 certificate signing requests that `enroll` receives.
//!
//! The service accepts base64 DER with or without the `-----BEGIN …-----` lines, an RSA key of
//! 512 to 8192 bits, and a PKCS#1 v1.5 signature with MD5, SHA-1 or SHA-2. Signatures are checked
//! with the `rsa` crate because ring, which x509-parser's `verify` feature uses, rejects MD5 and
//! keys under 1024 bits.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
use sha2::Digest;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::oid_registry::{
    OID_PKCS1_MD5WITHRSAENC, OID_PKCS1_RSAENCRYPTION, OID_PKCS1_SHA1WITHRSA,
    OID_PKCS1_SHA224WITHRSA, OID_PKCS1_SHA256WITHRSA, OID_PKCS1_SHA384WITHRSA,
    OID_PKCS1_SHA512WITHRSA,
};
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;

use crate::status;

/// Maximum length of the `csr` argument in characters, from the API reference.
pub const MAX_CSR_CHARS: usize = 32_767;
/// Smallest RSA key the service accepts, in bits.
pub const MIN_KEY_BITS: usize = 512;
/// Largest RSA key the service accepts, in bits.
pub const MAX_KEY_BITS: usize = 8192;

/// Base64 with or without padding, as CSR tools differ there.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A CSR whose encoding, key and signature passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedCsr {
    /// DER of the request's SubjectPublicKeyInfo, to put into the issued certificate.
    pub public_key_der: Vec<u8>,
    /// RSA modulus size in bits.
    pub key_bits: usize,
}

/// Why a CSR was rejected; each variant maps to one status code of `enroll`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsrError {
    /// The text is not base64.
    #[error("CSR is not valid base64: {0}")]
    NotBase64(String),
    /// The bytes are not a PKCS#10 request, or the text is empty or too long.
    #[error("CSR cannot be decoded: {0}")]
    Undecodable(String),
    /// The key or signature algorithm is not RSA with PKCS#1 v1.5.
    #[error("CSR uses an unsupported algorithm: {0}")]
    UnsupportedAlgorithm(String),
    /// The RSA key is outside 512 to 8192 bits.
    #[error("CSR key has {0} bits; the service accepts RSA keys of 512 to 8192 bits")]
    UnsupportedKeySize(usize),
    /// The signature does not verify with the request's own key.
    #[error("CSR signature does not verify with its public key")]
    InvalidSignature,
}

impl CsrError {
    /// Returns the `enroll` status code for this rejection.
    pub fn status_code(&self) -> i32 {
        match self {
            CsrError::NotBase64(_) => status::CSR_NOT_BASE64,
            CsrError::Undecodable(_) => status::CSR_UNDECODABLE,
            CsrError::UnsupportedAlgorithm(_) => status::CSR_UNSUPPORTED_ALGORITHM,
            CsrError::UnsupportedKeySize(_) => status::CSR_UNSUPPORTED_KEY_SIZE,
            CsrError::InvalidSignature => status::CSR_INVALID_SIGNATURE,
        }
    }
}

/// Decodes `text` (base64 DER, PEM lines optional) and checks its algorithm, key size and
/// signature, in that order.
pub fn verify(text: &str) -> Result<VerifiedCsr, CsrError> {
    let der = decode_base64(text)?;

    let (rest, request) = X509CertificationRequest::from_der(&der)
        .map_err(|error| CsrError::Undecodable(format!("not a PKCS#10 request: {error}")))?;
    if !rest.is_empty() {
        return Err(CsrError::Undecodable(format!(
            "{} bytes follow the PKCS#10 request",
            rest.len()
        )));
    }

    let info = &request.certification_request_info;
    let key_algorithm = &info.subject_pki.algorithm.algorithm;
    if *key_algorithm != OID_PKCS1_RSAENCRYPTION {
        return Err(CsrError::UnsupportedAlgorithm(format!(
            "public key algorithm {key_algorithm} is not rsaEncryption"
        )));
    }
    let public_key = rsa_public_key(&info.subject_pki)?;
    let key_bits = public_key.n().bits();

    let signature_algorithm = &request.signature_algorithm.algorithm;
    let (scheme, digest) = signature_scheme(signature_algorithm, info.raw)?;
    public_key
        .verify(scheme, &digest, &request.signature_value.data)
        .map_err(|_| CsrError::InvalidSignature)?;

    Ok(VerifiedCsr {
        public_key_der: info.subject_pki.raw.to_vec(),
        key_bits,
    })
}

/// Strips PEM armour and whitespace, then decodes base64.
fn decode_base64(text: &str) -> Result<Vec<u8>, CsrError> {
    if text.len() > MAX_CSR_CHARS {
        return Err(CsrError::Undecodable(format!(
            "CSR has {} characters; the maximum is {MAX_CSR_CHARS}",
            text.len()
        )));
    }

    let body: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("-----"))
        .flat_map(|line| line.chars())
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if body.is_empty() {
        return Err(CsrError::Undecodable("CSR is empty".to_string()));
    }

    BASE64
        .decode(body.as_bytes())
        .map_err(|error| CsrError::NotBase64(error.to_string()))
}

/// Builds an `rsa` public key from an rsaEncryption SubjectPublicKeyInfo.
fn rsa_public_key(
    spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>,
) -> Result<RsaPublicKey, CsrError> {
    let parsed = spki
        .parsed()
        .map_err(|error| CsrError::Undecodable(format!("RSA public key: {error}")))?;
    let PublicKey::RSA(key) = parsed else {
        return Err(CsrError::Undecodable(
            "rsaEncryption key is not an RSAPublicKey".to_string(),
        ));
    };

    let modulus = BigUint::from_bytes_be(key.modulus);
    let exponent = BigUint::from_bytes_be(key.exponent);
    let modulus_bits = modulus.bits();
    if !(MIN_KEY_BITS..=MAX_KEY_BITS).contains(&modulus_bits) {
        return Err(CsrError::UnsupportedKeySize(modulus_bits));
    }
    RsaPublicKey::new_with_max_size(modulus, exponent, MAX_KEY_BITS)
        .map_err(|error| CsrError::Undecodable(format!("RSA public key: {error}")))
}

/// Returns the PKCS#1 v1.5 scheme for a signature algorithm and the digest of `signed`.
fn signature_scheme(
    algorithm: &x509_parser::der_parser::oid::Oid<'_>,
    signed: &[u8],
) -> Result<(Pkcs1v15Sign, Vec<u8>), CsrError> {
    let result = if *algorithm == OID_PKCS1_MD5WITHRSAENC {
        (
            Pkcs1v15Sign::new::<md5::Md5>(),
            md5::Md5::digest(signed).to_vec(),
        )
    } else if *algorithm == OID_PKCS1_SHA1WITHRSA {
        (
            Pkcs1v15Sign::new::<sha1::Sha1>(),
            sha1::Sha1::digest(signed).to_vec(),
        )
    } else if *algorithm == OID_PKCS1_SHA224WITHRSA {
        (
            Pkcs1v15Sign::new::<sha2::Sha224>(),
            sha2::Sha224::digest(signed).to_vec(),
        )
    } else if *algorithm == OID_PKCS1_SHA256WITHRSA {
        (
            Pkcs1v15Sign::new::<sha2::Sha256>(),
            sha2::Sha256::digest(signed).to_vec(),
        )
    } else if *algorithm == OID_PKCS1_SHA384WITHRSA {
        (
            Pkcs1v15Sign::new::<sha2::Sha384>(),
            sha2::Sha384::digest(signed).to_vec(),
        )
    } else if *algorithm == OID_PKCS1_SHA512WITHRSA {
        (
            Pkcs1v15Sign::new::<sha2::Sha512>(),
            sha2::Sha512::digest(signed).to_vec(),
        )
    } else {
        return Err(CsrError::UnsupportedAlgorithm(format!(
            "signature algorithm {algorithm} is not RSA PKCS#1 v1.5 with MD5, SHA-1 or SHA-2"
        )));
    };
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_rejects_text_that_is_not_base64() {
        let error = verify("not base64 at all!").unwrap_err();
        assert_eq!(error.status_code(), status::CSR_NOT_BASE64);
    }

    #[test]
    fn verify_rejects_base64_that_is_not_a_request() {
        let error = verify("aGVsbG8gd29ybGQ=").unwrap_err();
        assert_eq!(error.status_code(), status::CSR_UNDECODABLE);
    }

    #[test]
    fn verify_rejects_empty_and_over_long_text() {
        assert_eq!(
            verify("").unwrap_err().status_code(),
            status::CSR_UNDECODABLE
        );
        let long = "A".repeat(MAX_CSR_CHARS + 1);
        assert_eq!(
            verify(&long).unwrap_err().status_code(),
            status::CSR_UNDECODABLE
        );
    }
}
