//! Hand-written message types and descriptors for three operations of the sibling service
//! `EPKIManagerSSL`, whose real responses are in `tests/data/`.

#![allow(dead_code)]

use soap_runtime::{
    BindingStyle, FaultDetail, NoFaultDetail, NoHeaders, Operation, OperationInfo, QName,
    SoapVersion,
};

pub const NS: &str = "http://ssl.ws.epki.comodo.com/";

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "authData")]
pub struct AuthData {
    #[yaserde(rename = "login")]
    pub login: Option<String>,
    #[yaserde(rename = "password")]
    pub password: Option<String>,
    #[yaserde(rename = "customerLoginUri")]
    pub customer_login_uri: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "collect", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct Collect {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "id")]
    pub id: i32,
    #[yaserde(rename = "formatType")]
    pub format_type: i32,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "collectResponse", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct CollectResponse {
    #[yaserde(rename = "return")]
    pub r#return: Option<CollectResult>,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
pub struct CollectResult {
    #[yaserde(rename = "statusCode")]
    pub status_code: i32,
    #[yaserde(rename = "SSL")]
    pub ssl: Option<SslCertificate>,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
pub struct SslCertificate {
    #[yaserde(rename = "certificate")]
    pub certificate: Option<String>,
    #[yaserde(rename = "renewID")]
    pub renew_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "revoke", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct Revoke {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "id")]
    pub id: i32,
    #[yaserde(rename = "reason")]
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "revokeResponse", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct RevokeResponse {
    #[yaserde(rename = "return")]
    pub r#return: i32,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "enrollResponse", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct EnrollResponse {
    #[yaserde(rename = "return")]
    pub r#return: i32,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "getCustomerCertTypes", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct GetCustomerCertTypes {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "getCustomerCertTypesResponse", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct GetCustomerCertTypesResponse {
    #[yaserde(rename = "return")]
    pub r#return: Option<CertTypesResult>,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
pub struct CertTypesResult {
    #[yaserde(rename = "statusCode")]
    pub status_code: i32,
    #[yaserde(rename = "types")]
    pub types: Vec<CertType>,
}

#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
pub struct CertType {
    #[yaserde(rename = "id")]
    pub id: i32,
    #[yaserde(rename = "name")]
    pub name: Option<String>,
    #[yaserde(rename = "terms")]
    pub terms: Vec<i32>,
}

/// A typed fault detail: `<ns:quotaExceeded><limit>5</limit></ns:quotaExceeded>`.
#[derive(Clone, Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "quotaExceeded", prefix = "tns", namespaces = { "tns" = "http://ssl.ws.epki.comodo.com/" })]
pub struct QuotaExceeded {
    #[yaserde(rename = "limit")]
    pub limit: i32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RevokeFault {
    QuotaExceeded(QuotaExceeded),
}

impl FaultDetail for RevokeFault {
    fn from_detail_element(xml: &str) -> Option<Self> {
        yaserde::de::from_str::<QuotaExceeded>(xml)
            .ok()
            .map(RevokeFault::QuotaExceeded)
    }
}

const fn info(name: &'static str, response: &'static str, version: SoapVersion) -> OperationInfo {
    OperationInfo {
        name,
        soap_action: "",
        version,
        style: BindingStyle::Document,
        input: QName {
            namespace: NS,
            local: name,
        },
        output: Some(QName {
            namespace: NS,
            local: response,
        }),
    }
}

pub struct CollectOp;
impl Operation for CollectOp {
    type Input = Collect;
    type Output = CollectResponse;
    type FaultDetail = NoFaultDetail;
    type InputHeaders = NoHeaders;
    type OutputHeaders = NoHeaders;
    const INFO: OperationInfo = info("collect", "collectResponse", SoapVersion::Soap11);
}

pub struct RevokeOp;
impl Operation for RevokeOp {
    type Input = Revoke;
    type Output = RevokeResponse;
    type FaultDetail = RevokeFault;
    type InputHeaders = NoHeaders;
    type OutputHeaders = NoHeaders;
    const INFO: OperationInfo = info("revoke", "revokeResponse", SoapVersion::Soap11);
}

/// `revoke` bound to SOAP 1.2, with an action.
pub struct Revoke12Op;
impl Operation for Revoke12Op {
    type Input = Revoke;
    type Output = RevokeResponse;
    type FaultDetail = RevokeFault;
    type InputHeaders = NoHeaders;
    type OutputHeaders = NoHeaders;
    const INFO: OperationInfo = OperationInfo {
        soap_action: "urn:revoke",
        ..info("revoke", "revokeResponse", SoapVersion::Soap12)
    };
}

pub struct EnrollOp;
impl Operation for EnrollOp {
    type Input = GetCustomerCertTypes;
    type Output = EnrollResponse;
    type FaultDetail = NoFaultDetail;
    type InputHeaders = NoHeaders;
    type OutputHeaders = NoHeaders;
    const INFO: OperationInfo = info("enroll", "enrollResponse", SoapVersion::Soap11);
}

pub struct CertTypesOp;
impl Operation for CertTypesOp {
    type Input = GetCustomerCertTypes;
    type Output = GetCustomerCertTypesResponse;
    type FaultDetail = NoFaultDetail;
    type InputHeaders = NoHeaders;
    type OutputHeaders = NoHeaders;
    const INFO: OperationInfo = info(
        "getCustomerCertTypes",
        "getCustomerCertTypesResponse",
        SoapVersion::Soap11,
    );
}

/// `revoke` declared one-way: the WSDL operation has an input and no output.
pub struct RevokeOneWayOp;
impl Operation for RevokeOneWayOp {
    type Input = Revoke;
    type Output = soap_runtime::xsd::Empty;
    type FaultDetail = NoFaultDetail;
    type InputHeaders = NoHeaders;
    type OutputHeaders = NoHeaders;
    const INFO: OperationInfo = OperationInfo {
        output: None,
        ..info("revoke", "revokeResponse", SoapVersion::Soap11)
    };
}

pub fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

pub fn revoke_request() -> Revoke {
    Revoke {
        auth_data: AuthData {
            login: Some("example-admin".into()),
            password: Some("example-password".into()),
            customer_login_uri: Some("ExampleCustomer".into()),
        },
        id: 581119,
        reason: "Revoked for testing".into(),
    }
}
