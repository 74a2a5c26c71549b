//! The simulator's certificate authority: a root and an intermediate CA, generated at start, that
//! issue device certificates for CSR public keys and the HTTPS server certificate, plus the
//! five `collect` formats.
//!
//! Both CA keys are ECDSA P-256, so every issued certificate is signed with ECDSA-SHA256.

use base64::Engine;
use cms::cert::CertificateChoices;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerInfos};
use der::asn1::SetOfVec;
use der::oid::ObjectIdentifier;
use der::pem::LineEnding;
use der::{Decode, Encode};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose, SanType, SerialNumber,
    SubjectPublicKeyInfo,
};
use time::{Duration, OffsetDateTime};

use crate::catalogue::{self, CertType};

/// `id-data` (RFC 5652): the content type of the empty content in a certs-only SignedData.
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// `id-signedData` (RFC 5652).
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");

/// Error while generating keys, issuing a certificate or encoding a bundle.
#[derive(Debug, thiserror::Error)]
pub enum CaError {
    /// rcgen failed to generate or sign.
    #[error("certificate generation failed: {0}")]
    Rcgen(#[from] rcgen::Error),
    /// A certificate or PKCS#7 structure could not be DER-encoded.
    #[error("DER encoding failed: {0}")]
    Der(#[from] der::Error),
}

/// What `enroll` asks the CA to certify.
#[derive(Clone, Debug)]
pub struct LeafRequest<'a> {
    /// DER SubjectPublicKeyInfo taken from the CSR.
    pub public_key_der: &'a [u8],
    /// Subject common name.
    pub common_name: &'a str,
    /// Subject organisation name.
    pub organization: &'a str,
    /// Subject alternative names.
    pub subject_alt_names: Vec<SanType>,
    /// Certificate type, which gives the key usages.
    pub cert_type: &'a CertType,
    /// Validity in years.
    pub term_years: i32,
}

/// A certificate issued by the intermediate CA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedCertificate {
    /// DER encoding.
    pub der: Vec<u8>,
    /// Serial number as uppercase hexadecimal without separators, as `revokeBySerialNumber` takes it.
    pub serial_hex: String,
}

/// A server certificate and its private key, for the simulator's HTTPS listener.
pub struct ServerIdentity {
    /// The server certificate followed by the intermediate CA certificate, DER.
    pub certificate_chain: Vec<Vec<u8>>,
    /// PKCS#8 DER private key.
    pub private_key_der: Vec<u8>,
}

/// Root and intermediate CA.
pub struct CertificateAuthority {
    root: CertifiedIssuer<'static, KeyPair>,
    intermediate: CertifiedIssuer<'static, KeyPair>,
}

impl CertificateAuthority {
    /// Generates a fresh root CA and an intermediate CA signed by it.
    pub fn generate() -> Result<Self, CaError> {
        let root_params = ca_params("Simulated Device Root CA", None)?;
        let root = CertifiedIssuer::self_signed(root_params, KeyPair::generate()?)?;

        let intermediate_params = ca_params("Simulated Device Issuing CA", Some(0))?;
        let intermediate =
            CertifiedIssuer::signed_by(intermediate_params, KeyPair::generate()?, &root)?;

        Ok(CertificateAuthority { root, intermediate })
    }

    /// Root CA certificate, PEM.
    pub fn root_pem(&self) -> String {
        self.root.pem()
    }

    /// Root CA certificate, DER.
    pub fn root_der(&self) -> &[u8] {
        self.root.der()
    }

    /// Intermediate CA certificate, DER.
    pub fn intermediate_der(&self) -> &[u8] {
        self.intermediate.der()
    }

    /// Issues a device certificate for the CSR's public key.
    pub fn issue(&self, request: &LeafRequest<'_>) -> Result<IssuedCertificate, CaError> {
        let public_key = SubjectPublicKeyInfo::from_der(request.public_key_der)?;
        let serial = random_serial();

        let mut params = CertificateParams::default();
        params.distinguished_name = DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CommonName, request.common_name);
        params
            .distinguished_name
            .push(DnType::OrganizationName, request.organization);
        params.subject_alt_names = request.subject_alt_names.clone();
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        params.use_authority_key_identifier_extension = true;
        params.key_usages = request
            .cert_type
            .key_usages
            .iter()
            .filter_map(|name| catalogue::key_usage(name))
            .collect();
        params.extended_key_usages = request
            .cert_type
            .extended_key_usages
            .iter()
            .filter_map(|name| catalogue::extended_key_usage(name))
            .collect();

        let now = OffsetDateTime::now_utc();
        params.not_before = now - Duration::hours(1);
        params.not_after = now + Duration::days(365 * i64::from(request.term_years.max(1)));

        let certificate = params.signed_by(&public_key, &self.intermediate)?;
        Ok(IssuedCertificate {
            der: certificate.der().to_vec(),
            serial_hex: hex_upper(&serial),
        })
    }

    /// Issues an HTTPS server certificate for `127.0.0.1`, `::1` and `localhost` with a new key.
    pub fn server_identity(&self) -> Result<ServerIdentity, CaError> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(vec!["localhost".to_string()])?;
        params
            .subject_alt_names
            .push(SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()));
        params
            .subject_alt_names
            .push(SanType::IpAddress(std::net::Ipv6Addr::LOCALHOST.into()));
        params
            .distinguished_name
            .push(DnType::CommonName, "EPKIManagerDevice simulator");
        params.serial_number = Some(SerialNumber::from_slice(&random_serial()));
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];

        let certificate = params.signed_by(&key, &self.intermediate)?;
        Ok(ServerIdentity {
            certificate_chain: vec![certificate.der().to_vec(), self.intermediate.der().to_vec()],
            private_key_der: key.serialize_der(),
        })
    }

    /// Renders an issued certificate in a `collect` format, or returns `None` for an unknown
    /// format number.
    ///
    /// 0 PEM bundle (leaf, intermediate, root); 1 PEM leaf only; 2 PEM intermediate only;
    /// 3 PKCS#7 PEM with all three; 4 PKCS#7 DER with all three, as base64 without line breaks.
    pub fn render(&self, leaf_der: &[u8], format: i32) -> Result<Option<String>, CaError> {
        let chain = [leaf_der, self.intermediate_der(), self.root_der()];
        let rendered = match format {
            0 => chain.iter().map(|der| certificate_pem(der)).collect(),
            1 => certificate_pem(leaf_der),
            2 => certificate_pem(self.intermediate_der()),
            3 => der::pem::encode_string("PKCS7", LineEnding::LF, &pkcs7_certs_only(&chain)?)
                .map_err(der::Error::from)?,
            4 => base64::engine::general_purpose::STANDARD.encode(pkcs7_certs_only(&chain)?),
            _ => return Ok(None),
        };
        Ok(Some(rendered))
    }
}

/// A CA that issues TLS client certificates for administrators who log in on `/private/ws`.
pub struct ClientCertificateAuthority {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A client certificate with its private key, both PEM.
#[derive(Clone)]
pub struct ClientIdentity {
    /// Certificate, PEM.
    pub certificate_pem: String,
    /// PKCS#8 private key, PEM.
    pub private_key_pem: String,
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("certificate_pem", &self.certificate_pem)
            .field("private_key_pem", &"<redacted>")
            .finish()
    }
}

impl ClientCertificateAuthority {
    /// Generates a self-signed client CA.
    pub fn generate() -> Result<Self, CaError> {
        let params = ca_params("Simulated Admin Client CA", None)?;
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate()?)?;
        Ok(ClientCertificateAuthority { issuer })
    }

    /// CA certificate, PEM.
    pub fn certificate_pem(&self) -> String {
        self.issuer.pem()
    }

    /// CA private key, PKCS#8 PEM.
    pub fn private_key_pem(&self) -> String {
        self.issuer.key().serialize_pem()
    }

    /// Issues a client certificate whose subject common name is `login`.
    pub fn issue(&self, login: &str) -> Result<ClientIdentity, CaError> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        params.distinguished_name.push(DnType::CommonName, login);
        params.serial_number = Some(SerialNumber::from_slice(&random_serial()));
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];

        let certificate = params.signed_by(&key, &self.issuer)?;
        Ok(ClientIdentity {
            certificate_pem: certificate.pem(),
            private_key_pem: key.serialize_pem(),
        })
    }
}

fn ca_params(common_name: &str, path_length: Option<u8>) -> Result<CertificateParams, CaError> {
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "ccm-device-sim");
    params.is_ca = match path_length {
        Some(length) => IsCa::Ca(BasicConstraints::Constrained(length)),
        None => IsCa::Ca(BasicConstraints::Unconstrained),
    };
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.serial_number = Some(SerialNumber::from_slice(&random_serial()));
    params.use_authority_key_identifier_extension = true;

    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::days(1);
    params.not_after = now + Duration::days(365 * 10);
    Ok(params)
}

/// Returns 16 random bytes whose first byte keeps the DER integer positive and non-zero-led.
fn random_serial() -> [u8; 16] {
    let mut serial: [u8; 16] = rand::random();
    serial[0] = (serial[0] & 0x7f) | 0x10;
    serial
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02X}")).collect()
}

fn certificate_pem(der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

/// Encodes a degenerate ("certs-only") PKCS#7 SignedData that carries `certificates` and no
/// signer, as RFC 5652 section 5 allows.
fn pkcs7_certs_only(certificates: &[&[u8]]) -> Result<Vec<u8>, CaError> {
    let mut set = SetOfVec::new();
    for der in certificates {
        let certificate = x509_cert::Certificate::from_der(der)?;
        set.insert(CertificateChoices::Certificate(certificate))?;
    }

    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::new(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(set)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::new()),
    };
    let content_info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: der::Any::encode_from(&signed_data)?,
    };
    Ok(content_info.to_der()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_rejects_unknown_format() {
        let ca = CertificateAuthority::generate().expect("CA");
        let identity = ca.server_identity().expect("server certificate");
        let leaf = &identity.certificate_chain[0];
        assert!(ca.render(leaf, 5).expect("render").is_none());
        assert!(ca.render(leaf, -1).expect("render").is_none());
    }

    #[test]
    fn pem_bundle_holds_three_certificates() {
        let ca = CertificateAuthority::generate().expect("CA");
        let identity = ca.server_identity().expect("server certificate");
        let bundle = ca
            .render(&identity.certificate_chain[0], 0)
            .expect("render")
            .expect("format 0");
        assert_eq!(bundle.matches("-----BEGIN CERTIFICATE-----").count(), 3);
    }
}
