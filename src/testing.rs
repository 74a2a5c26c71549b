//! Helpers for tests and examples: RSA certificate signing requests built with the `rsa` crate,
//! for any key size and with MD5, SHA-1 or SHA-256 signatures.

use std::str::FromStr;

use der::asn1::{BitString, SetOfVec};
use der::{Decode, Encode};
use rsa::pkcs8::EncodePublicKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::Digest;
use x509_cert::name::Name;
use x509_cert::request::{CertReq, CertReqInfo, Version};
use x509_cert::spki::{AlgorithmIdentifierOwned, ObjectIdentifier, SubjectPublicKeyInfoOwned};

const MD5_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.4");
const SHA1_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// Digest of a CSR's PKCS#1 v1.5 signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsrDigest {
    /// md5WithRSAEncryption, the algorithm the vendor's reference names.
    Md5,
    /// sha1WithRSAEncryption.
    Sha1,
    /// sha256WithRSAEncryption.
    Sha256,
}

/// A CSR and the key that signed it.
#[derive(Clone)]
pub struct TestCsr {
    /// The request as PEM (`CERTIFICATE REQUEST`).
    pub pem: String,
    /// The request as DER.
    pub der: Vec<u8>,
    /// DER SubjectPublicKeyInfo of the request's key.
    pub public_key_der: Vec<u8>,
    /// The RSA private key.
    pub private_key: RsaPrivateKey,
}

impl std::fmt::Debug for TestCsr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCsr")
            .field("pem", &self.pem)
            .field("private_key", &"<redacted>")
            .finish()
    }
}

/// Building a CSR failed.
#[derive(Debug, thiserror::Error)]
pub enum TestCsrError {
    /// RSA key generation or signing failed.
    #[error("RSA operation failed: {0}")]
    Rsa(#[from] rsa::Error),
    /// The public key could not be encoded.
    #[error("public key encoding failed: {0}")]
    Spki(#[from] rsa::pkcs8::spki::Error),
    /// The request could not be encoded or the subject is invalid.
    #[error("DER encoding failed: {0}")]
    Der(#[from] der::Error),
}

/// Generates an RSA key of `bits` bits and a CSR for `CN=common_name` signed with it.
///
/// Key generation takes seconds in debug builds for 2048 bits; tests use 1024 bits where the
/// size is not the point.
pub fn rsa_csr(bits: usize, common_name: &str, digest: CsrDigest) -> Result<TestCsr, TestCsrError> {
    let key = RsaPrivateKey::new(&mut rand::thread_rng(), bits)?;
    rsa_csr_with_key(key, common_name, digest)
}

/// Builds a CSR for `CN=common_name` signed with `key`.
pub fn rsa_csr_with_key(
    key: RsaPrivateKey,
    common_name: &str,
    digest: CsrDigest,
) -> Result<TestCsr, TestCsrError> {
    let public_key_der = key.to_public_key().to_public_key_der()?.into_vec();
    let info = CertReqInfo {
        version: Version::V1,
        subject: Name::from_str(&format!("CN={common_name}"))?,
        public_key: SubjectPublicKeyInfoOwned::from_der(&public_key_der)?,
        attributes: SetOfVec::new(),
    };
    let signed = info.to_der()?;

    let (scheme, hashed, oid) = match digest {
        CsrDigest::Md5 => (
            Pkcs1v15Sign::new::<md5::Md5>(),
            md5::Md5::digest(&signed).to_vec(),
            MD5_WITH_RSA,
        ),
        CsrDigest::Sha1 => (
            Pkcs1v15Sign::new::<sha1::Sha1>(),
            sha1::Sha1::digest(&signed).to_vec(),
            SHA1_WITH_RSA,
        ),
        CsrDigest::Sha256 => (
            Pkcs1v15Sign::new::<sha2::Sha256>(),
            sha2::Sha256::digest(&signed).to_vec(),
            SHA256_WITH_RSA,
        ),
    };
    let signature = key.sign(scheme, &hashed)?;

    let request = CertReq {
        info,
        algorithm: AlgorithmIdentifierOwned {
            oid,
            parameters: Some(der::Any::null()),
        },
        signature: BitString::from_bytes(&signature)?,
    };
    let der = request.to_der()?;
    let pem = der::pem::encode_string("CERTIFICATE REQUEST", der::pem::LineEnding::LF, &der)
        .map_err(der::Error::from)?;

    Ok(TestCsr {
        pem,
        der,
        public_key_der,
        private_key: key,
    })
}
