//! Hand-written stand-in for the code that `wsdl-codegen` generates from `wsdl/EPKIManagerDevice.wsdl`
//! with `Config::server(true)` and the `ns2` prefix for the service namespace.
//!
//! TODO: delete this module and include the generated file from `OUT_DIR` once the generator emits
//! the server skeleton and `soap_runtime::server` exists. Its `server` submodule stands in for
//! `soap_runtime::server` until then.
#![allow(missing_docs)]

/// Target namespace of the device service.
pub const NAMESPACE: &str = "http://device.ws.epki.comodo.com/";

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "authData")]
pub struct AuthData {
    #[yaserde(rename = "customerLoginUri")]
    pub customer_login_uri: ::std::option::Option<::std::string::String>,
    #[yaserde(rename = "login")]
    pub login: ::std::option::Option<::std::string::String>,
    #[yaserde(rename = "password")]
    pub password: ::std::option::Option<::std::string::String>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "customFieldValue")]
pub struct CustomFieldValue {
    #[yaserde(rename = "name")]
    pub name: ::std::string::String,
    #[yaserde(rename = "value")]
    pub value: ::std::string::String,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertEnrollOptionalFieldsDto")]
pub struct DeviceCertEnrollOptionalFieldsDto {
    #[yaserde(rename = "subjectAltNames")]
    pub subject_alt_names: ::std::option::Option<::std::string::String>,
    #[yaserde(rename = "customFields")]
    pub custom_fields: ::std::vec::Vec<CustomFieldValue>,
    #[yaserde(rename = "comments")]
    pub comments: ::std::option::Option<::std::string::String>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertCollectResponse")]
pub struct DeviceCertCollectResponse {
    #[yaserde(rename = "statusCode")]
    pub status_code: i32,
    #[yaserde(rename = "certificate")]
    pub certificate: ::std::option::Option<::std::string::String>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertTypeIdsResponse")]
pub struct DeviceCertTypeIdsResponse {
    #[yaserde(rename = "statusCode")]
    pub status_code: i32,
    #[yaserde(rename = "ids")]
    pub ids: ::std::vec::Vec<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertType")]
pub struct DeviceCertType {
    #[yaserde(rename = "id")]
    pub id: i32,
    #[yaserde(rename = "name")]
    pub name: ::std::option::Option<::std::string::String>,
    #[yaserde(rename = "description")]
    pub description: ::std::option::Option<::std::string::String>,
    #[yaserde(rename = "terms")]
    pub terms: ::std::vec::Vec<i32>,
    #[yaserde(rename = "keyUsages")]
    pub key_usages: ::std::vec::Vec<::std::string::String>,
    #[yaserde(rename = "extendedKeyUsages")]
    pub extended_key_usages: ::std::vec::Vec<::std::string::String>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertTypeResponse")]
pub struct DeviceCertTypeResponse {
    #[yaserde(rename = "statusCode")]
    pub status_code: i32,
    #[yaserde(rename = "certType")]
    pub cert_type: ::std::option::Option<DeviceCertType>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertCustomField")]
pub struct DeviceCertCustomField {
    #[yaserde(rename = "id")]
    pub id: i32,
    #[yaserde(rename = "name")]
    pub name: ::std::string::String,
    #[yaserde(rename = "mandatory")]
    pub mandatory: bool,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(rename = "deviceCertCustomFieldResponse")]
pub struct DeviceCertCustomFieldResponse {
    #[yaserde(rename = "statusCode")]
    pub status_code: i32,
    #[yaserde(rename = "customFields")]
    pub custom_fields: ::std::vec::Vec<DeviceCertCustomField>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "enroll",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct Enroll {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "commonName")]
    pub common_name: ::std::string::String,
    #[yaserde(rename = "orgId")]
    pub org_id: i32,
    #[yaserde(rename = "term")]
    pub term: i32,
    #[yaserde(rename = "csr")]
    pub csr: ::std::string::String,
    #[yaserde(rename = "certTypeId")]
    pub cert_type_id: ::std::option::Option<i32>,
    #[yaserde(rename = "optionalFields")]
    pub optional_fields: ::std::option::Option<DeviceCertEnrollOptionalFieldsDto>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "enrollResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct EnrollResponse {
    #[yaserde(rename = "return")]
    pub r#return: i32,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "collect",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct Collect {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "orderNumber")]
    pub order_number: i32,
    #[yaserde(rename = "format")]
    pub format: i32,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "collectResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct CollectResponse {
    #[yaserde(rename = "return")]
    pub r#return: ::std::option::Option<DeviceCertCollectResponse>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "revoke",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct Revoke {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "orderNumber")]
    pub order_number: i32,
    #[yaserde(rename = "reason")]
    pub reason: ::std::string::String,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "revokeResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct RevokeResponse {
    #[yaserde(rename = "return")]
    pub r#return: i32,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "revokeBySerialNumber",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct RevokeBySerialNumber {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "serialNumber")]
    pub serial_number: ::std::string::String,
    #[yaserde(rename = "reason")]
    pub reason: ::std::string::String,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "revokeBySerialNumberResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct RevokeBySerialNumberResponse {
    #[yaserde(rename = "return")]
    pub r#return: i32,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getDeviceCertTypeIds",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetDeviceCertTypeIds {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getDeviceCertTypeIdsResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetDeviceCertTypeIdsResponse {
    #[yaserde(rename = "return")]
    pub r#return: ::std::option::Option<DeviceCertTypeIdsResponse>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getDeviceCertType",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetDeviceCertType {
    #[yaserde(rename = "authData")]
    pub auth_data: AuthData,
    #[yaserde(rename = "certTypeId")]
    pub cert_type_id: i32,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getDeviceCertTypeResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetDeviceCertTypeResponse {
    #[yaserde(rename = "return")]
    pub r#return: ::std::option::Option<DeviceCertTypeResponse>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getDeviceCustomFields",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetDeviceCustomFields {
    #[yaserde(rename = "customerLoginUri")]
    pub customer_login_uri: ::std::string::String,
    #[yaserde(rename = "uriExtension")]
    pub uri_extension: ::std::string::String,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getDeviceCustomFieldsResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetDeviceCustomFieldsResponse {
    #[yaserde(rename = "return")]
    pub r#return: ::std::option::Option<DeviceCertCustomFieldResponse>,
}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getWebServiceInfo",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetWebServiceInfo {}

#[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize)]
#[yaserde(
    rename = "getWebServiceInfoResponse",
    prefix = "ns2",
    namespaces = { "ns2" = "http://device.ws.epki.comodo.com/" }
)]
pub struct GetWebServiceInfoResponse {
    #[yaserde(rename = "return")]
    pub r#return: ::std::option::Option<::std::string::String>,
}

/// Binding `EPKIManagerDevicePortBinding` of port type `EPKIManagerDevice` (SOAP 1.1).
pub mod epki_manager_device_port_binding {
    use super::server;

    macro_rules! operation {
        ($unit:ident, $name:literal, $input:ident, $output:ident) => {
            pub struct $unit;

            impl ::soap_runtime::Operation for $unit {
                type Input = super::$input;
                type Output = super::$output;
                type FaultDetail = ::soap_runtime::NoFaultDetail;
                type InputHeaders = ::soap_runtime::NoHeaders;
                type OutputHeaders = ::soap_runtime::NoHeaders;
                const INFO: ::soap_runtime::OperationInfo = ::soap_runtime::OperationInfo {
                    name: $name,
                    soap_action: "",
                    version: ::soap_runtime::SoapVersion::Soap11,
                    style: ::soap_runtime::BindingStyle::Document,
                    input: ::soap_runtime::QName {
                        namespace: super::NAMESPACE,
                        local: $name,
                    },
                    output: ::std::option::Option::Some(::soap_runtime::QName {
                        namespace: super::NAMESPACE,
                        local: concat!($name, "Response"),
                    }),
                };
            }
        };
    }

    operation!(Enroll, "enroll", Enroll, EnrollResponse);
    operation!(Collect, "collect", Collect, CollectResponse);
    operation!(Revoke, "revoke", Revoke, RevokeResponse);
    operation!(
        RevokeBySerialNumber,
        "revokeBySerialNumber",
        RevokeBySerialNumber,
        RevokeBySerialNumberResponse
    );
    operation!(
        GetDeviceCertTypeIds,
        "getDeviceCertTypeIds",
        GetDeviceCertTypeIds,
        GetDeviceCertTypeIdsResponse
    );
    operation!(
        GetDeviceCertType,
        "getDeviceCertType",
        GetDeviceCertType,
        GetDeviceCertTypeResponse
    );
    operation!(
        GetDeviceCustomFields,
        "getDeviceCustomFields",
        GetDeviceCustomFields,
        GetDeviceCustomFieldsResponse
    );
    operation!(
        GetWebServiceInfo,
        "getWebServiceInfo",
        GetWebServiceInfo,
        GetWebServiceInfoResponse
    );

    type Reply<T> = ::std::result::Result<T, server::Fault>;

    /// Server side of binding `EPKIManagerDevicePortBinding`: one method per operation.
    pub trait Handler: ::std::marker::Send + ::std::marker::Sync {
        fn enroll(
            &self,
            input: super::Enroll,
        ) -> impl ::std::future::Future<Output = Reply<super::EnrollResponse>> + Send;
        fn collect(
            &self,
            input: super::Collect,
        ) -> impl ::std::future::Future<Output = Reply<super::CollectResponse>> + Send;
        fn revoke(
            &self,
            input: super::Revoke,
        ) -> impl ::std::future::Future<Output = Reply<super::RevokeResponse>> + Send;
        fn revoke_by_serial_number(
            &self,
            input: super::RevokeBySerialNumber,
        ) -> impl ::std::future::Future<Output = Reply<super::RevokeBySerialNumberResponse>> + Send;
        fn get_device_cert_type_ids(
            &self,
            input: super::GetDeviceCertTypeIds,
        ) -> impl ::std::future::Future<Output = Reply<super::GetDeviceCertTypeIdsResponse>> + Send;
        fn get_device_cert_type(
            &self,
            input: super::GetDeviceCertType,
        ) -> impl ::std::future::Future<Output = Reply<super::GetDeviceCertTypeResponse>> + Send;
        fn get_device_custom_fields(
            &self,
            input: super::GetDeviceCustomFields,
        ) -> impl ::std::future::Future<Output = Reply<super::GetDeviceCustomFieldsResponse>> + Send;
        fn get_web_service_info(
            &self,
            input: super::GetWebServiceInfo,
        ) -> impl ::std::future::Future<Output = Reply<super::GetWebServiceInfoResponse>> + Send;
    }

    /// Decodes a request envelope, calls the handler method its body element names, and encodes
    /// the reply (a SOAP fault with HTTP 500 for a malformed request or an unknown operation).
    pub async fn dispatch<H: Handler>(handler: &H, body: &[u8]) -> server::Response {
        let request = match server::Request::parse(body) {
            Ok(request) => request,
            Err(fault) => return fault.into_response(::soap_runtime::SoapVersion::Soap11),
        };
        match (request.body_namespace(), request.body_name()) {
            (super::NAMESPACE, "enroll") => {
                server::serve::<Enroll, _, _>(&request, |input| handler.enroll(input)).await
            }
            (super::NAMESPACE, "collect") => {
                server::serve::<Collect, _, _>(&request, |input| handler.collect(input)).await
            }
            (super::NAMESPACE, "revoke") => {
                server::serve::<Revoke, _, _>(&request, |input| handler.revoke(input)).await
            }
            (super::NAMESPACE, "revokeBySerialNumber") => {
                server::serve::<RevokeBySerialNumber, _, _>(&request, |input| {
                    handler.revoke_by_serial_number(input)
                })
                .await
            }
            (super::NAMESPACE, "getDeviceCertTypeIds") => {
                server::serve::<GetDeviceCertTypeIds, _, _>(&request, |input| {
                    handler.get_device_cert_type_ids(input)
                })
                .await
            }
            (super::NAMESPACE, "getDeviceCertType") => {
                server::serve::<GetDeviceCertType, _, _>(&request, |input| {
                    handler.get_device_cert_type(input)
                })
                .await
            }
            (super::NAMESPACE, "getDeviceCustomFields") => {
                server::serve::<GetDeviceCustomFields, _, _>(&request, |input| {
                    handler.get_device_custom_fields(input)
                })
                .await
            }
            (super::NAMESPACE, "getWebServiceInfo") => {
                server::serve::<GetWebServiceInfo, _, _>(&request, |input| {
                    handler.get_web_service_info(input)
                })
                .await
            }
            _ => request.unknown_operation(),
        }
    }
}

/// Stand-in for `soap_runtime::server`: envelope decoding, reply encoding and SOAP 1.1 faults.
pub mod server {
    use soap_runtime::{Operation, SoapVersion};

    const ENVELOPE_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    const XML_DECLARATION: &str = "<?xml version='1.0' encoding='UTF-8'?>";

    /// An HTTP reply: status code, content type and body.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Response {
        pub status: u16,
        pub content_type: String,
        pub body: String,
    }

    /// A SOAP fault to send back: `S:Client` for a bad request, `S:Server` for a server failure.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Fault {
        pub code: &'static str,
        pub message: String,
    }

    impl Fault {
        pub fn client(message: impl Into<String>) -> Self {
            Fault {
                code: "S:Client",
                message: message.into(),
            }
        }

        pub fn server(message: impl Into<String>) -> Self {
            Fault {
                code: "S:Server",
                message: message.into(),
            }
        }

        pub fn into_response(self, _version: SoapVersion) -> Response {
            let body = format!(
                "{XML_DECLARATION}<S:Envelope xmlns:S=\"{ENVELOPE_NAMESPACE}\"><S:Body><S:Fault>\
                 <faultcode>{}</faultcode><faultstring>{}</faultstring></S:Fault></S:Body></S:Envelope>",
                self.code,
                escape(&self.message)
            );
            Response {
                status: 500,
                content_type: "text/xml; charset=utf-8".to_string(),
                body,
            }
        }
    }

    /// A decoded request envelope: the name of its body element and that element as a document.
    #[derive(Clone, Debug)]
    pub struct Request {
        namespace: String,
        name: String,
        element: String,
    }

    impl Request {
        pub fn parse(body: &[u8]) -> Result<Request, Fault> {
            let text = std::str::from_utf8(body)
                .map_err(|error| Fault::client(format!("request is not UTF-8: {error}")))?;
            let document = roxmltree::Document::parse(text).map_err(|error| {
                Fault::client(format!("request is not well-formed XML: {error}"))
            })?;

            let envelope = document.root_element();
            if envelope.tag_name().namespace() != Some(ENVELOPE_NAMESPACE)
                || envelope.tag_name().name() != "Envelope"
            {
                return Err(Fault::client(format!(
                    "root element {{{}}}{} is not a SOAP 1.1 Envelope",
                    envelope.tag_name().namespace().unwrap_or(""),
                    envelope.tag_name().name()
                )));
            }

            let body = envelope
                .children()
                .filter(|node| node.is_element())
                .find(|node| {
                    node.tag_name().namespace() == Some(ENVELOPE_NAMESPACE)
                        && node.tag_name().name() == "Body"
                })
                .ok_or_else(|| Fault::client("SOAP envelope has no Body"))?;
            let element = body
                .children()
                .find(|node| node.is_element())
                .ok_or_else(|| Fault::client("SOAP Body is empty"))?;

            let mut standalone = String::new();
            write_element(&mut standalone, element, None);
            Ok(Request {
                namespace: element.tag_name().namespace().unwrap_or("").to_string(),
                name: element.tag_name().name().to_string(),
                element: standalone,
            })
        }

        pub fn body_namespace(&self) -> &str {
            &self.namespace
        }

        pub fn body_name(&self) -> &str {
            &self.name
        }

        pub fn unknown_operation(&self) -> Response {
            Fault::client(format!(
                "cannot find dispatch method for {{{}}}{}",
                self.namespace, self.name
            ))
            .into_response(SoapVersion::Soap11)
        }
    }

    /// Decodes the request into `O::Input`, awaits `call` and encodes its reply.
    pub async fn serve<O, F, Fut>(request: &Request, call: F) -> Response
    where
        O: Operation,
        F: FnOnce(O::Input) -> Fut,
        Fut: std::future::Future<Output = Result<O::Output, Fault>>,
    {
        let input: O::Input = match yaserde::de::from_str(&request.element) {
            Ok(input) => input,
            Err(error) => {
                return Fault::client(format!("invalid {} request: {error}", O::INFO.name))
                    .into_response(O::INFO.version)
            }
        };
        let output = match call(input).await {
            Ok(output) => output,
            Err(fault) => return fault.into_response(O::INFO.version),
        };
        let config = yaserde::ser::Config {
            write_document_declaration: false,
            ..Default::default()
        };
        match yaserde::ser::to_string_with_config(&output, &config) {
            Ok(xml) => Response {
                status: 200,
                content_type: "text/xml; charset=utf-8".to_string(),
                body: format!(
                    "{XML_DECLARATION}<S:Envelope xmlns:S=\"{ENVELOPE_NAMESPACE}\"><S:Body>{xml}</S:Body></S:Envelope>"
                ),
            },
            Err(error) => Fault::server(format!("cannot encode {} reply: {error}", O::INFO.name))
                .into_response(O::INFO.version),
        }
    }

    /// Writes `node` and its subtree with default-namespace declarations only, so the result
    /// does not depend on prefixes declared on the envelope.
    fn write_element(
        out: &mut String,
        node: roxmltree::Node<'_, '_>,
        parent_namespace: Option<&str>,
    ) {
        let namespace = node.tag_name().namespace().unwrap_or("");
        out.push('<');
        out.push_str(node.tag_name().name());
        if parent_namespace != Some(namespace) {
            out.push_str(&format!(" xmlns=\"{}\"", escape(namespace)));
        }
        for attribute in node.attributes().filter(|a| a.namespace().is_none()) {
            out.push_str(&format!(
                " {}=\"{}\"",
                attribute.name(),
                escape(attribute.value())
            ));
        }
        out.push('>');
        for child in node.children() {
            if child.is_element() {
                write_element(out, child, Some(namespace));
            } else if child.is_text() {
                out.push_str(&escape(child.text().unwrap_or("")));
            }
        }
        out.push_str("</");
        out.push_str(node.tag_name().name());
        out.push('>');
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
}
