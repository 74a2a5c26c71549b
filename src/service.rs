//! The eight operations of `EPKIManagerDevice`: the simulator's implementation of the generated
//! `Handler` trait.

use std::sync::{Arc, Mutex, MutexGuard};

use rcgen::SanType;
use tracing::{info, warn};

use crate::ca::{CertificateAuthority, LeafRequest};
use crate::catalogue;
use crate::csr;
use crate::device::epki_manager_device_port_binding::Handler;
use crate::device::{
    AuthData, Collect, CollectResponse, DeviceCertCollectResponse, DeviceCertCustomField,
    DeviceCertCustomFieldResponse, DeviceCertType, DeviceCertTypeIdsResponse,
    DeviceCertTypeResponse, Enroll, EnrollResponse, GetDeviceCertType, GetDeviceCertTypeIds,
    GetDeviceCertTypeIdsResponse, GetDeviceCertTypeResponse, GetDeviceCustomFields,
    GetDeviceCustomFieldsResponse, GetWebServiceInfo, GetWebServiceInfoResponse, Revoke,
    RevokeBySerialNumber, RevokeBySerialNumberResponse, RevokeResponse,
};
use crate::orders::{self, OrderRequest, Orders};
use crate::status;
use crate::Credentials;
use soap_runtime::server::Fault;

/// Maximum length of `commonName`, in characters.
const MAX_COMMON_NAME_CHARS: usize = 64;
/// Maximum length of a revocation `reason`, in characters.
const MAX_REASON_CHARS: usize = 256;

/// State shared by every connection of one simulator.
pub(crate) struct State {
    pub credentials: Credentials,
    pub pending_polls: u32,
    pub ca: CertificateAuthority,
    pub orders: Mutex<Orders>,
}

impl State {
    fn orders(&self) -> MutexGuard<'_, Orders> {
        // A panic while the lock was held cannot leave an order half-written: every update is a
        // single field assignment, so the data stays usable.
        self.orders
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Proof of identity that a request carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Login {
    /// `/ws`: customer URI, login and password in `authData`.
    Password,
    /// `/private/ws`: a verified client certificate whose subject common name is given.
    ClientCertificate { common_name: String },
}

/// Handles the operations of one request.
pub(crate) struct DeviceService {
    state: Arc<State>,
    login: Login,
}

impl DeviceService {
    pub(crate) fn new(state: Arc<State>, login: Login) -> Self {
        DeviceService { state, login }
    }

    /// Checks `authData` and returns the status code to return when it fails.
    fn authenticate(&self, auth: &AuthData, operation: &str) -> Result<(), i32> {
        let expected = &self.state.credentials;
        let (Some(uri), Some(login)) = (&auth.customer_login_uri, &auth.login) else {
            warn!(operation, "authData is missing customerLoginUri or login");
            return Err(status::INVALID_AUTH_ARGUMENT);
        };

        let proven = match &self.login {
            Login::Password => auth.password.as_deref() == Some(expected.password.as_str()),
            Login::ClientCertificate { common_name } => common_name == login,
        };
        if uri == &expected.customer_uri && login == &expected.login && proven {
            return Ok(());
        }
        warn!(operation, customer_uri = %uri, login = %login, via = ?self.login, "authentication failed");
        Err(status::INVALID_AUTH_DATA)
    }

    fn enroll_status(&self, input: &Enroll) -> i32 {
        if let Err(code) = self.authenticate(&input.auth_data, "enroll") {
            return code;
        }
        match self.checked_order_request(input) {
            Ok(request) => self.store_order(request),
            Err(code) => code,
        }
    }

    /// Validates every `enroll` argument and returns what to store, or the status code.
    fn checked_order_request(&self, input: &Enroll) -> Result<OrderRequest, i32> {
        let length = input.common_name.chars().count();
        if input.common_name.trim().is_empty() || length > MAX_COMMON_NAME_CHARS {
            warn!(
                length,
                "enroll: commonName is empty or longer than 64 characters"
            );
            return Err(status::INVALID_ARGUMENT);
        }

        let Some(organization) = catalogue::organization(input.org_id) else {
            warn!(org_id = input.org_id, "enroll: unknown orgId");
            return Err(status::PERMISSION_DENIED);
        };
        let cert_type_id = input
            .cert_type_id
            .unwrap_or(catalogue::DEFAULT_CERT_TYPE_ID);
        let Some(cert_type) = catalogue::cert_type(cert_type_id) else {
            warn!(cert_type_id, "enroll: unknown certTypeId");
            return Err(status::INVALID_CERT_TYPE);
        };
        if !organization.cert_type_ids.contains(&cert_type_id) {
            warn!(
                cert_type_id,
                org_id = input.org_id,
                "enroll: type not available for organisation"
            );
            return Err(status::CERT_TYPE_NOT_AVAILABLE);
        }
        if !cert_type.terms.contains(&input.term) {
            warn!(
                term = input.term,
                cert_type_id, "enroll: term not offered for type"
            );
            return Err(status::INVALID_TERM);
        }

        let verified = csr::verify(&input.csr).map_err(|error| {
            warn!(%error, "enroll: CSR rejected");
            error.status_code()
        })?;
        let alt_names = input
            .optional_fields
            .as_ref()
            .and_then(|fields| fields.subject_alt_names.as_deref())
            .unwrap_or("");
        let subject_alt_names = parse_subject_alt_names(alt_names).map_err(|entry| {
            warn!(entry = %entry, "enroll: subject alternative names rejected: not a DNS name or IP address, or too many");
            status::UNKNOWN_ERROR
        })?;

        Ok(OrderRequest {
            common_name: input.common_name.clone(),
            organization: organization.name,
            cert_type,
            term_years: input.term,
            public_key_der: verified.public_key_der,
            subject_alt_names,
        })
    }

    fn store_order(&self, request: OrderRequest) -> i32 {
        let common_name = request.common_name.clone();
        match self
            .state
            .orders()
            .insert(request, self.state.pending_polls)
        {
            Some(order_number) => {
                info!(order_number, common_name = %common_name, "enroll: order accepted");
                order_number
            }
            None => {
                warn!(max = orders::MAX_ORDERS, "enroll: order book is full");
                status::UNKNOWN_ERROR
            }
        }
    }

    fn collect_reply(&self, input: &Collect) -> DeviceCertCollectResponse {
        let failure = |code| DeviceCertCollectResponse {
            status_code: code,
            certificate: None,
        };
        if let Err(code) = self.authenticate(&input.auth_data, "collect") {
            return failure(code);
        }
        let order_number = input.order_number;
        if order_number <= 0 {
            return failure(status::INVALID_ORDER_NUMBER);
        }
        if !(0..=4).contains(&input.format) {
            warn!(
                order_number,
                format = input.format,
                "collect: format is not 0 to 4"
            );
            return failure(status::UNKNOWN_ERROR);
        }

        let mut orders = self.state.orders();
        let Some(order) = orders.get_mut(order_number) else {
            warn!(order_number, "collect: order not found");
            return failure(status::ORDER_NOT_FOUND);
        };
        if order.revoked {
            return failure(status::REVOKED);
        }
        if order.polls_left > 0 {
            order.polls_left -= 1;
            info!(
                order_number,
                polls_left = order.polls_left,
                "collect: still pending"
            );
            return failure(status::SUCCESSFUL);
        }

        if order.issued.is_none() {
            let request = &order.request;
            let issued = self.state.ca.issue(&LeafRequest {
                public_key_der: &request.public_key_der,
                common_name: &request.common_name,
                organization: request.organization,
                subject_alt_names: request.subject_alt_names.clone(),
                cert_type: request.cert_type,
                term_years: request.term_years,
            });
            match issued {
                Ok(issued) => {
                    info!(order_number, serial = %issued.serial_hex, "collect: certificate issued");
                    order.issued = Some(issued);
                }
                Err(error) => {
                    warn!(order_number, %error, "collect: issuing the certificate failed");
                    return failure(status::UNKNOWN_ERROR);
                }
            }
        }

        let Some(issued) = order.issued.as_ref() else {
            return failure(status::UNKNOWN_ERROR);
        };
        match self.state.ca.render(&issued.der, input.format) {
            Ok(Some(certificate)) => {
                info!(
                    order_number,
                    format = input.format,
                    "collect: certificate returned"
                );
                DeviceCertCollectResponse {
                    status_code: status::CERTIFICATE_ATTACHED,
                    certificate: Some(certificate),
                }
            }
            Ok(None) => failure(status::UNKNOWN_ERROR),
            Err(error) => {
                warn!(order_number, %error, "collect: encoding the certificate failed");
                failure(status::UNKNOWN_ERROR)
            }
        }
    }

    fn revoke_status(&self, input: &Revoke) -> i32 {
        if let Err(code) = self.authenticate(&input.auth_data, "revoke") {
            return code;
        }
        let order_number = input.order_number;
        if order_number <= 0 {
            return status::INVALID_ORDER_NUMBER;
        }
        if input.reason.chars().count() > MAX_REASON_CHARS {
            warn!(order_number, "revoke: reason is longer than 256 characters");
            return status::UNKNOWN_ERROR;
        }

        let mut orders = self.state.orders();
        let Some(order) = orders.get_mut(order_number) else {
            warn!(order_number, "revoke: order not found");
            return status::ORDER_NOT_FOUND;
        };
        if order.revoked {
            return status::REVOKED;
        }
        order.revoked = true;
        info!(order_number, reason = %input.reason, "revoke: order revoked");
        status::SUCCESSFUL
    }

    fn revoke_by_serial_status(&self, input: &RevokeBySerialNumber) -> i32 {
        if let Err(code) = self.authenticate(&input.auth_data, "revokeBySerialNumber") {
            return code;
        }
        let Some(serial) = orders::normalize_serial(&input.serial_number) else {
            warn!(serial = %input.serial_number, "revokeBySerialNumber: serial number is not 1 to 64 hex digits");
            return status::INVALID_ARGUMENT;
        };
        if input.reason.chars().count() > MAX_REASON_CHARS {
            warn!(serial = %serial, "revokeBySerialNumber: reason is longer than 256 characters");
            return status::UNKNOWN_ERROR;
        }

        let mut orders = self.state.orders();
        let Some((order_number, order)) = orders.find_by_serial(&serial) else {
            warn!(serial = %serial, "revokeBySerialNumber: serial number not found");
            return status::SERIAL_NOT_FOUND;
        };
        if order.revoked {
            return status::REVOKED;
        }
        order.revoked = true;
        info!(order_number, serial = %serial, reason = %input.reason, "revokeBySerialNumber: certificate revoked");
        status::SUCCESSFUL
    }

    fn cert_type_reply(&self, input: &GetDeviceCertType) -> DeviceCertTypeResponse {
        if let Err(code) = self.authenticate(&input.auth_data, "getDeviceCertType") {
            return DeviceCertTypeResponse {
                status_code: code,
                cert_type: None,
            };
        }
        let Some(cert_type) = catalogue::cert_type(input.cert_type_id) else {
            warn!(
                cert_type_id = input.cert_type_id,
                "getDeviceCertType: unknown id"
            );
            return DeviceCertTypeResponse {
                status_code: status::INVALID_CERT_TYPE,
                cert_type: None,
            };
        };
        DeviceCertTypeResponse {
            status_code: status::SUCCESSFUL,
            cert_type: Some(DeviceCertType {
                id: cert_type.id,
                name: Some(cert_type.name.to_string()),
                description: Some(cert_type.description.to_string()),
                terms: cert_type.terms.to_vec(),
                key_usages: cert_type.key_usages.iter().map(|s| s.to_string()).collect(),
                extended_key_usages: cert_type
                    .extended_key_usages
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            }),
        }
    }

    fn custom_fields_reply(&self, input: &GetDeviceCustomFields) -> DeviceCertCustomFieldResponse {
        let known_customer = input.customer_login_uri == self.state.credentials.customer_uri;
        let fields = catalogue::custom_fields(&input.uri_extension).filter(|_| known_customer);
        let Some(fields) = fields else {
            warn!(
                customer_uri = %input.customer_login_uri,
                uri_extension = %input.uri_extension,
                "getDeviceCustomFields: unknown customer URI or URI extension"
            );
            return DeviceCertCustomFieldResponse {
                status_code: status::INVALID_AUTH_DATA,
                custom_fields: Vec::new(),
            };
        };
        DeviceCertCustomFieldResponse {
            status_code: status::SUCCESSFUL,
            custom_fields: fields
                .iter()
                .map(|field| DeviceCertCustomField {
                    id: field.id,
                    name: field.name.to_string(),
                    mandatory: field.mandatory,
                })
                .collect(),
        }
    }
}

/// Most subject alternative names accepted in one order. Public CAs allow a few hundred; the
/// cap keeps one request from storing megabytes in the order table.
const MAX_SUBJECT_ALT_NAMES: usize = 250;

/// Splits the comma-separated `subjectAltNames` into IP addresses and DNS names; returns the
/// first entry that is neither, or a note that there are too many.
fn parse_subject_alt_names(text: &str) -> Result<Vec<SanType>, String> {
    let mut names = Vec::new();
    for entry in text
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
    {
        if names.len() == MAX_SUBJECT_ALT_NAMES {
            return Err(format!("more than {MAX_SUBJECT_ALT_NAMES} names"));
        }
        if let Ok(address) = entry.parse::<std::net::IpAddr>() {
            names.push(SanType::IpAddress(address));
            continue;
        }
        if !is_dns_name(entry) {
            return Err(entry.to_string());
        }
        let name = entry.try_into().map_err(|_| entry.to_string())?;
        names.push(SanType::DnsName(name));
    }
    Ok(names)
}

/// Accepts host names of at most 253 characters whose labels are letters, digits and hyphens,
/// with an optional leading `*.` wildcard label.
fn is_dns_name(name: &str) -> bool {
    let host = name.strip_prefix("*.").unwrap_or(name);
    !host.is_empty()
        && name.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

impl Handler for DeviceService {
    async fn enroll(&self, input: Enroll) -> Result<EnrollResponse, Fault> {
        Ok(EnrollResponse {
            r#return: self.enroll_status(&input),
        })
    }

    async fn collect(&self, input: Collect) -> Result<CollectResponse, Fault> {
        Ok(CollectResponse {
            r#return: Some(self.collect_reply(&input)),
        })
    }

    async fn revoke(&self, input: Revoke) -> Result<RevokeResponse, Fault> {
        Ok(RevokeResponse {
            r#return: self.revoke_status(&input),
        })
    }

    async fn revoke_by_serial_number(
        &self,
        input: RevokeBySerialNumber,
    ) -> Result<RevokeBySerialNumberResponse, Fault> {
        Ok(RevokeBySerialNumberResponse {
            r#return: self.revoke_by_serial_status(&input),
        })
    }

    async fn get_device_cert_type_ids(
        &self,
        input: GetDeviceCertTypeIds,
    ) -> Result<GetDeviceCertTypeIdsResponse, Fault> {
        let reply = match self.authenticate(&input.auth_data, "getDeviceCertTypeIds") {
            Ok(()) => DeviceCertTypeIdsResponse {
                status_code: status::SUCCESSFUL,
                ids: catalogue::CERT_TYPES.iter().map(|t| t.id).collect(),
            },
            Err(code) => DeviceCertTypeIdsResponse {
                status_code: code,
                ids: Vec::new(),
            },
        };
        Ok(GetDeviceCertTypeIdsResponse {
            r#return: Some(reply),
        })
    }

    async fn get_device_cert_type(
        &self,
        input: GetDeviceCertType,
    ) -> Result<GetDeviceCertTypeResponse, Fault> {
        Ok(GetDeviceCertTypeResponse {
            r#return: Some(self.cert_type_reply(&input)),
        })
    }

    async fn get_device_custom_fields(
        &self,
        input: GetDeviceCustomFields,
    ) -> Result<GetDeviceCustomFieldsResponse, Fault> {
        Ok(GetDeviceCustomFieldsResponse {
            r#return: Some(self.custom_fields_reply(&input)),
        })
    }

    async fn get_web_service_info(
        &self,
        _input: GetWebServiceInfo,
    ) -> Result<GetWebServiceInfoResponse, Fault> {
        Ok(GetWebServiceInfoResponse {
            r#return: Some(crate::WEB_SERVICE_INFO.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_alt_names_split_dns_and_ip() {
        let names =
            parse_subject_alt_names(" a.example.com, 192.0.2.1 ,,*.b.example").expect("valid");
        assert_eq!(names.len(), 3);
        assert!(matches!(names[1], SanType::IpAddress(_)));
    }

    #[test]
    fn subject_alt_names_reject_invalid_entry() {
        assert_eq!(
            parse_subject_alt_names("ok.example, bad name"),
            Err("bad name".to_string())
        );
    }

    #[test]
    fn subject_alt_names_capped() {
        let names = |count: usize| {
            (0..count)
                .map(|index| format!("h{index}.example"))
                .collect::<Vec<_>>()
                .join(",")
        };

        let at_limit = parse_subject_alt_names(&names(MAX_SUBJECT_ALT_NAMES)).expect("valid");
        let over = parse_subject_alt_names(&names(MAX_SUBJECT_ALT_NAMES + 1));

        assert_eq!(at_limit.len(), MAX_SUBJECT_ALT_NAMES);
        assert_eq!(over, Err("more than 250 names".to_string()));
    }
}
