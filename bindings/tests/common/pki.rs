//! Certificates made for one test run: a root CA, an intermediate CA, a device certificate and
//! a server certificate for 127.0.0.1 signed by the root, a client certificate for mutual TLS,
//! and a CSR.

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

pub struct Pki {
    pub root_pem: String,
    pub root_der: Vec<u8>,
    pub intermediate_pem: String,
    pub device_pem: String,
    pub server_der: Vec<u8>,
    pub server_key_der: Vec<u8>,
    pub client_pem: String,
    pub client_key_pem: String,
    pub csr_pem: String,
}

impl Pki {
    /// Returns the device certificate followed by its issuers, as a PEM bundle.
    pub fn chain_pem(&self) -> String {
        format!(
            "{}{}{}",
            self.device_pem, self.intermediate_pem, self.root_pem
        )
    }
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

pub fn generate() -> Pki {
    let root =
        CertifiedIssuer::self_signed(ca_params("Test Root CA"), KeyPair::generate().unwrap())
            .unwrap();
    let intermediate = CertifiedIssuer::signed_by(
        ca_params("Test Device CA"),
        KeyPair::generate().unwrap(),
        &root,
    )
    .unwrap();

    let mut device_params =
        CertificateParams::new(vec!["device-01.example.com".to_owned()]).unwrap();
    device_params.serial_number = Some(vec![0x00, 0x4f, 0xa1, 0x07].into());
    let device_key = KeyPair::generate().unwrap();
    let device = device_params.signed_by(&device_key, &intermediate).unwrap();

    let mut server_params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_key = KeyPair::generate().unwrap();
    let server = server_params.signed_by(&server_key, &root).unwrap();

    let mut client_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    client_params
        .distinguished_name
        .push(DnType::CommonName, "example-admin");
    client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_key = KeyPair::generate().unwrap();
    let client = client_params.signed_by(&client_key, &root).unwrap();

    let mut csr_params = CertificateParams::new(vec!["device-01.example.com".to_owned()]).unwrap();
    csr_params
        .distinguished_name
        .push(DnType::CommonName, "device-01.example.com");
    let csr = csr_params
        .serialize_request(&KeyPair::generate().unwrap())
        .unwrap();

    Pki {
        root_pem: root.pem(),
        root_der: root.der().to_vec(),
        intermediate_pem: intermediate.pem(),
        device_pem: device.pem(),
        server_der: server.der().to_vec(),
        server_key_der: server_key.serialize_der(),
        client_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
        csr_pem: csr.pem().unwrap(),
    }
}
