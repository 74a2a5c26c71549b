//! The async client: one method per operation, with typed arguments and results.

use std::time::Duration;

use soap_runtime::{NoFaultDetail, Operation};
use tracing::Instrument;

use crate::certificate::{Certificate, CollectFormat, Collected};
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::generated::{self, epki_manager_device_port_binding as op};
use crate::input::{self, EnrollOptions};
use crate::status::{Status, StatusTable};
use crate::OrderNumber;

/// Default number of retries of a read-only call whose connection could not be opened.
pub const DEFAULT_READ_RETRIES: u32 = 2;

/// Delay before the first retry of a read-only call; each further retry waits twice as long.
const RETRY_DELAY: Duration = Duration::from_millis(250);

/// Settings for a [`Client`], created by [`Client::builder`].
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    credentials: Credentials,
    endpoint: Endpoint,
    allow_http: bool,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    max_response_bytes: Option<u64>,
    root_certificates: Vec<Vec<u8>>,
    read_retries: u32,
}

impl ClientBuilder {
    /// Sets the Certificate Manager instance (default [`Endpoint::CertManager`]).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Allows a plain `http://` base URL, for a local simulator (default `false`).
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Sets the limit for opening a connection (default 10 s).
    pub fn connect_timeout(mut self, limit: Duration) -> Self {
        self.connect_timeout = Some(limit);
        self
    }

    /// Sets the limit for a whole call (default 60 s).
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = Some(limit);
        self
    }

    /// Sets the largest reply accepted, in bytes (default 16 MiB).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Trusts the CA certificates in `pem` in addition to the web PKI roots.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Sets how often a read-only call (everything but `enroll` and the revocations) is
    /// repeated when its connection cannot be opened (default 2). Calls that change state are
    /// never repeated.
    pub fn read_retries(mut self, retries: u32) -> Self {
        self.read_retries = retries;
        self
    }

    /// Builds the async client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an invalid endpoint, plain HTTP without
    /// [`allow_http`](Self::allow_http), or an unusable CA certificate.
    pub fn build(self) -> Result<Client, Error> {
        let url = self
            .endpoint
            .service_url(self.credentials.uses_client_certificate());

        let mut soap = soap_runtime::Client::builder(url)
            .allow_http(self.allow_http)
            .user_agent(concat!("ccm-device/", env!("CARGO_PKG_VERSION")));
        if let Some(limit) = self.connect_timeout {
            soap = soap.connect_timeout(limit);
        }
        if let Some(limit) = self.timeout {
            soap = soap.timeout(limit);
        }
        if let Some(limit) = self.max_response_bytes {
            soap = soap.max_response_bytes(limit);
        }
        for pem in self.root_certificates {
            soap = soap.add_root_certificate_pem(pem);
        }
        if let Some(identity) = self.credentials.identity() {
            soap = soap.identity(identity.clone());
        }

        let soap = soap
            .build()
            .map_err(|error| Error::from_soap(error, None))?;
        Ok(Client {
            soap,
            credentials: self.credentials,
            read_retries: self.read_retries,
        })
    }

    /// Builds the blocking client.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build), plus [`Error::Config`] when the runtime that drives the
    /// blocking calls cannot be started.
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<crate::blocking::Client, Error> {
        crate::blocking::Client::new(self.build()?)
    }
}

/// An async client of the device certificate service.
///
/// Cloning is cheap and shares the connection pool. `Debug` shows the login but never the
/// password or private key.
#[derive(Clone, Debug)]
pub struct Client {
    soap: soap_runtime::Client,
    credentials: Credentials,
    read_retries: u32,
}

impl Client {
    /// Starts configuring a client that logs in with `credentials`.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            endpoint: Endpoint::default(),
            allow_http: false,
            connect_timeout: None,
            timeout: None,
            max_response_bytes: None,
            root_certificates: Vec::new(),
            read_retries: DEFAULT_READ_RETRIES,
        }
    }

    /// Returns the service URL the client calls.
    pub fn endpoint_url(&self) -> &str {
        self.soap.endpoint()
    }

    /// Returns the credentials the client logs in with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Requests a device certificate for the CSR and returns the new order's number (`enroll`).
    ///
    /// `csr` is a PKCS#10 request in PEM or as its base64 body. It is never repeated
    /// automatically: when the request may have reached the service but no reply arrived, the
    /// error is [`Error::EnrollmentOutcomeUnknown`].
    ///
    /// # Errors
    ///
    /// [`Error::TooLong`] or [`Error::InvalidArgument`] for a common name over 64 characters, a
    /// term below 1 or an invalid CSR. [`Error::Status`] for a negative status code. Transport
    /// and reply errors as listed on [`Error`].
    pub async fn enroll(
        &self,
        common_name: &str,
        org_id: i32,
        term_years: i32,
        csr: &str,
        options: &EnrollOptions,
    ) -> Result<OrderNumber, Error> {
        input::check_text("common_name", common_name, input::MAX_COMMON_NAME)?;
        input::check_term(term_years)?;
        input::check_csr(csr)?;

        let request = generated::Enroll {
            auth_data: self.credentials.auth_data(),
            common_name: common_name.to_owned(),
            org_id,
            term: term_years,
            csr: csr.to_owned(),
            cert_type_id: options.cert_type_id,
            optional_fields: options.optional_fields(),
        };

        let span = tracing::info_span!(
            "ccm_device",
            operation = "enroll",
            order_number = tracing::field::Empty
        );
        async {
            let response = self
                .call_once::<op::Enroll>(&request)
                .await
                .map_err(|error| outcome_unknown(error, common_name))?;
            let order_number = match OrderNumber::new(response.r#return) {
                Some(order_number) => order_number,
                None if response.r#return == 0 => return Err(zero_order_number(common_name)),
                None => {
                    return Err(status_error(
                        "enroll",
                        StatusTable::Enroll,
                        response.r#return,
                    ))
                }
            };
            tracing::Span::current().record("order_number", order_number.get());
            tracing::info!("enrolled");
            Ok(order_number)
        }
        .instrument(span)
        .await
    }

    /// Fetches the certificate of an order in `format` (`collect`), or
    /// [`Collected::Pending`] while the CA is still processing it.
    ///
    /// # Errors
    ///
    /// [`Error::Status`] for a negative status code, [`Error::InvalidCertificate`] when the
    /// certificate does not decode in `format`, and transport and reply errors.
    pub async fn collect(
        &self,
        order_number: OrderNumber,
        format: CollectFormat,
    ) -> Result<Collected, Error> {
        let request = generated::Collect {
            auth_data: self.credentials.auth_data(),
            order_number: order_number.get(),
            format: format.code(),
        };

        let span = tracing::info_span!(
            "ccm_device",
            operation = "collect",
            order_number = order_number.get()
        );
        async {
            let response = self.call_read_only::<op::Collect>(&request).await?;
            let result = response.r#return.ok_or(Error::IncompleteResponse {
                operation: "collect",
                element: "return",
            })?;
            collected(order_number, format, result.status_code, result.certificate)
        }
        .instrument(span)
        .await
    }

    /// Revokes the certificate of an order (`revoke`). `reason` is logged for audit and may be
    /// empty. Never repeated automatically.
    ///
    /// # Errors
    ///
    /// [`Error::TooLong`] for a reason over 256 characters, [`Error::Status`] for a non-zero
    /// status code, and transport and reply errors.
    pub async fn revoke(&self, order_number: OrderNumber, reason: &str) -> Result<(), Error> {
        input::check_length("reason", reason, input::MAX_REASON)?;
        let request = generated::Revoke {
            auth_data: self.credentials.auth_data(),
            order_number: order_number.get(),
            reason: reason.to_owned(),
        };

        let span = tracing::info_span!(
            "ccm_device",
            operation = "revoke",
            order_number = order_number.get()
        );
        async {
            let response = self.call_once::<op::Revoke>(&request).await?;
            revoke_result("revoke", response.r#return)
        }
        .instrument(span)
        .await
    }

    /// Revokes a certificate by its serial number (`revokeBySerialNumber`), given as the service
    /// shows it (hex digits). Never repeated automatically.
    ///
    /// # Errors
    ///
    /// [`Error::TooLong`] for a serial number over 64 or a reason over 256 characters,
    /// [`Error::InvalidArgument`] for an empty serial number, [`Error::Status`] for a non-zero
    /// status code, and transport and reply errors.
    pub async fn revoke_by_serial_number(
        &self,
        serial_number: &str,
        reason: &str,
    ) -> Result<(), Error> {
        input::check_text("serial_number", serial_number, input::MAX_SERIAL_NUMBER)?;
        input::check_length("reason", reason, input::MAX_REASON)?;
        let request = generated::RevokeBySerialNumber {
            auth_data: self.credentials.auth_data(),
            serial_number: serial_number.to_owned(),
            reason: reason.to_owned(),
        };

        let span = tracing::info_span!("ccm_device", operation = "revokeBySerialNumber");
        async {
            let response = self.call_once::<op::RevokeBySerialNumber>(&request).await?;
            revoke_result("revokeBySerialNumber", response.r#return)
        }
        .instrument(span)
        .await
    }

    /// Lists the ids of the certificate types the customer may enroll (`getDeviceCertTypeIds`).
    ///
    /// # Errors
    ///
    /// [`Error::Status`] for a negative status code, and transport and reply errors.
    pub async fn cert_type_ids(&self) -> Result<Vec<i32>, Error> {
        let request = generated::GetDeviceCertTypeIds {
            auth_data: self.credentials.auth_data(),
        };

        let span = tracing::info_span!("ccm_device", operation = "getDeviceCertTypeIds");
        async {
            let response = self
                .call_read_only::<op::GetDeviceCertTypeIds>(&request)
                .await?;
            let result = required(response.r#return, "getDeviceCertTypeIds")?;
            check_status("getDeviceCertTypeIds", result.status_code)?;
            Ok(result.ids)
        }
        .instrument(span)
        .await
    }

    /// Describes one certificate type (`getDeviceCertType`).
    ///
    /// # Errors
    ///
    /// [`Error::Status`] for a negative status code, [`Error::IncompleteResponse`] when the
    /// reply has no type, and transport and reply errors.
    pub async fn cert_type(&self, cert_type_id: i32) -> Result<CertType, Error> {
        let request = generated::GetDeviceCertType {
            auth_data: self.credentials.auth_data(),
            cert_type_id,
        };

        let span = tracing::info_span!("ccm_device", operation = "getDeviceCertType", cert_type_id);
        async {
            let response = self
                .call_read_only::<op::GetDeviceCertType>(&request)
                .await?;
            let result = required(response.r#return, "getDeviceCertType")?;
            check_status("getDeviceCertType", result.status_code)?;
            result.cert_type.ok_or(Error::IncompleteResponse {
                operation: "getDeviceCertType",
                element: "certType",
            })
        }
        .instrument(span)
        .await
    }

    /// Lists the customer's custom fields for device certificates (`getDeviceCustomFields`).
    ///
    /// The call sends the credentials' customer URI and `uri_extension` unchanged, and no login;
    /// the reference names the `uriExtension` argument without describing it.
    ///
    /// # Errors
    ///
    /// [`Error::Status`] for a negative status code, and transport and reply errors.
    pub async fn custom_fields(&self, uri_extension: &str) -> Result<Vec<CustomField>, Error> {
        let request = generated::GetDeviceCustomFields {
            customer_login_uri: self.credentials.customer_uri().to_owned(),
            uri_extension: uri_extension.to_owned(),
        };

        let span = tracing::info_span!("ccm_device", operation = "getDeviceCustomFields");
        async {
            let response = self
                .call_read_only::<op::GetDeviceCustomFields>(&request)
                .await?;
            let result = required(response.r#return, "getDeviceCustomFields")?;
            check_status("getDeviceCustomFields", result.status_code)?;
            Ok(result.custom_fields)
        }
        .instrument(span)
        .await
    }

    /// Returns the service's short description of itself: name, version (`getWebServiceInfo`).
    ///
    /// # Errors
    ///
    /// Transport and reply errors.
    pub async fn web_service_info(&self) -> Result<String, Error> {
        let span = tracing::info_span!("ccm_device", operation = "getWebServiceInfo");
        async {
            let response = self
                .call_read_only::<op::GetWebServiceInfo>(&generated::GetWebServiceInfo {})
                .await?;
            required(response.r#return, "getWebServiceInfo")
        }
        .instrument(span)
        .await
    }

    /// Calls `O` once.
    async fn call_once<O>(&self, input: &O::Input) -> Result<O::Output, Error>
    where
        O: Operation<FaultDetail = NoFaultDetail, InputHeaders = soap_runtime::NoHeaders>,
    {
        let result = self.soap.call::<O>(input).await;
        result.map_err(|error| {
            let error = Error::from_soap(error, self.credentials.password_text());
            tracing::debug!(%error, "call failed");
            error
        })
    }

    /// Calls `O`, repeating it with a doubling delay while the connection cannot be opened, at
    /// most [`ClientBuilder::read_retries`] times.
    async fn call_read_only<O>(&self, input: &O::Input) -> Result<O::Output, Error>
    where
        O: Operation<FaultDetail = NoFaultDetail, InputHeaders = soap_runtime::NoHeaders>,
    {
        let mut delay = RETRY_DELAY;
        for retry in 1..=self.read_retries {
            match self.call_once::<O>(input).await {
                Err(error) if error.is_connect() => {
                    tracing::warn!(%error, retry, ?delay, "connection failed, retrying");
                    tokio::time::sleep(delay).await;
                    delay = delay.saturating_mul(2);
                }
                result => return result,
            }
        }
        self.call_once::<O>(input).await
    }
}

/// A certificate type (`deviceCertType`).
pub type CertType = generated::DeviceCertType;

/// A custom field of the customer (`deviceCertCustomField`).
pub type CustomField = generated::DeviceCertCustomField;

/// Turns a transport failure after the request may have been sent into
/// [`Error::EnrollmentOutcomeUnknown`].
fn outcome_unknown(error: Error, common_name: &str) -> Error {
    match error {
        Error::Transport(source) if source.may_have_reached_server() => {
            tracing::warn!(error = %source, common_name, "enrollment outcome unknown");
            Error::EnrollmentOutcomeUnknown {
                common_name: common_name.to_owned(),
                source,
            }
        }
        other => other,
    }
}

/// Builds the error for an `enroll` reply of 0, which is neither an order number (1 and above)
/// nor an error status (below 0). The service may have placed the order, so the outcome is
/// unknown, as after a lost reply.
fn zero_order_number(common_name: &str) -> Error {
    tracing::warn!(common_name, "enroll returned 0; enrollment outcome unknown");
    Error::EnrollmentOutcomeUnknown {
        common_name: common_name.to_owned(),
        source: soap_runtime::Error::Decode {
            operation: "enroll",
            element: "return".to_owned(),
            message: "0 is neither an order number (1 and above) nor an error status (below 0)"
                .to_owned(),
            excerpt: "<return>0</return>".to_owned(),
        },
    }
}

fn status_error(operation: &'static str, table: StatusTable, code: i32) -> Error {
    Error::Status {
        operation,
        status: Status::from_code(table, code),
    }
}

/// Accepts the status codes 0 and above; the reference describes only negative codes as
/// errors for the listing operations.
fn check_status(operation: &'static str, code: i32) -> Result<(), Error> {
    if code < 0 {
        return Err(status_error(operation, StatusTable::Enroll, code));
    }
    Ok(())
}

fn revoke_result(operation: &'static str, code: i32) -> Result<(), Error> {
    if code != 0 {
        return Err(status_error(operation, StatusTable::Revoke, code));
    }
    tracing::info!("revoked");
    Ok(())
}

fn required<T>(value: Option<T>, operation: &'static str) -> Result<T, Error> {
    value.ok_or(Error::IncompleteResponse {
        operation,
        element: "return",
    })
}

/// Reads a collect result: 0 is pending, a positive code with a certificate is issued (the
/// reference gives 1), a negative code is an error.
fn collected(
    order_number: OrderNumber,
    format: CollectFormat,
    status: i32,
    certificate: Option<String>,
) -> Result<Collected, Error> {
    match (status, certificate) {
        (0, _) => Ok(Collected::Pending),
        (code, _) if code < 0 => Err(status_error("collect", StatusTable::Collect, code)),
        (_, Some(text)) => Certificate::decode(order_number, format, text).map(Collected::Issued),
        (code, None) => Err(Error::InvalidCertificate {
            order_number,
            format,
            reason: format!("status {code} came without a certificate"),
        }),
    }
}
