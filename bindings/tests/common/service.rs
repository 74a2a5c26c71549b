//! A fake EPKIManagerDevice service: the generated message types behind
//! `soap_runtime::server`, with scripted status codes.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use base64::Engine;
use ccm_device::generated::{self as wire, epki_manager_device_port_binding as op};
use soap_runtime::server::{serve, Request, Response};

use super::server::{Recorded, Reply, Responder};

pub const PASSWORD: &str = "example-password";
pub const ORDER: i32 = 581391;
pub const UNKNOWN_ORDER: i32 = 404;

/// The service's state and scripted replies.
pub struct FakeService {
    /// Password the service accepts; `None` accepts any request without one (certificate login).
    pub password: Option<String>,
    /// Status code `enroll` returns instead of an order number, if set.
    pub enroll_status: Mutex<Option<i32>>,
    /// Number of `collect` calls that return "being processed" before the certificate.
    pub pending_collects: AtomicU32,
    /// PEM bundle of the device certificate and its issuers.
    pub chain_pem: String,
    pub device_pem: String,
    pub intermediate_pem: String,
    /// Status code `revoke` and `revokeBySerialNumber` return.
    pub revoke_status: Mutex<i32>,
}

impl FakeService {
    pub fn new(pki: &super::pki::Pki) -> FakeService {
        FakeService {
            password: Some(PASSWORD.to_owned()),
            enroll_status: Mutex::new(None),
            pending_collects: AtomicU32::new(0),
            chain_pem: pki.chain_pem(),
            device_pem: pki.device_pem.clone(),
            intermediate_pem: pki.intermediate_pem.clone(),
            revoke_status: Mutex::new(0),
        }
    }

    pub fn responder(self: Arc<Self>) -> Responder {
        Arc::new(move |recorded: &Recorded| {
            let response = now(self.dispatch(recorded.body.as_bytes()));
            Reply::new(response.status, &response.content_type, response.body)
        })
    }

    fn authorized(&self, auth: &wire::AuthData) -> bool {
        auth.password == self.password && auth.login.as_deref() == Some("example-admin")
    }

    async fn dispatch(&self, body: &[u8]) -> Response {
        let request = match Request::parse(body) {
            Ok(request) => request,
            Err(fault) => return fault.into_response(soap_runtime::SoapVersion::Soap11),
        };
        match request.body_name() {
            "enroll" => {
                serve::<op::Enroll, _, _>(&request, |input| async move { Ok(self.enroll(input)) })
                    .await
            }
            "collect" => {
                serve::<op::Collect, _, _>(&request, |input| async move { Ok(self.collect(input)) })
                    .await
            }
            "revoke" => {
                serve::<op::Revoke, _, _>(&request, |input| async move {
                    Ok(wire::RevokeResponse {
                        r#return: self.revoke(&input.auth_data, input.order_number),
                    })
                })
                .await
            }
            "revokeBySerialNumber" => {
                serve::<op::RevokeBySerialNumber, _, _>(&request, |input| async move {
                    Ok(wire::RevokeBySerialNumberResponse {
                        r#return: self.revoke(&input.auth_data, 1),
                    })
                })
                .await
            }
            "getDeviceCertTypeIds" => {
                serve::<op::GetDeviceCertTypeIds, _, _>(&request, |input| async move {
                    Ok(wire::GetDeviceCertTypeIdsResponse {
                        r#return: Some(self.cert_type_ids(&input.auth_data)),
                    })
                })
                .await
            }
            "getDeviceCertType" => {
                serve::<op::GetDeviceCertType, _, _>(&request, |input| async move {
                    Ok(wire::GetDeviceCertTypeResponse {
                        r#return: Some(self.cert_type(input)),
                    })
                })
                .await
            }
            "getDeviceCustomFields" => {
                serve::<op::GetDeviceCustomFields, _, _>(&request, |_input| async move {
                    Ok(wire::GetDeviceCustomFieldsResponse {
                        r#return: Some(custom_fields()),
                    })
                })
                .await
            }
            "getWebServiceInfo" => {
                serve::<op::GetWebServiceInfo, _, _>(&request, |_input| async move {
                    Ok(wire::GetWebServiceInfoResponse {
                        r#return: Some("EPKIManagerDevice test 1.0".to_owned()),
                    })
                })
                .await
            }
            _ => request.unknown_operation(),
        }
    }

    fn enroll(&self, input: wire::Enroll) -> wire::EnrollResponse {
        let status = if self.authorized(&input.auth_data) {
            self.enroll_status.lock().unwrap().unwrap_or(ORDER)
        } else {
            -100
        };
        wire::EnrollResponse { r#return: status }
    }

    fn collect(&self, input: wire::Collect) -> wire::CollectResponse {
        let status = |status_code| wire::CollectResponse {
            r#return: Some(wire::DeviceCertCollectResponse {
                status_code,
                certificate: None,
            }),
        };
        if !self.authorized(&input.auth_data) {
            return status(-100);
        }
        if input.order_number != ORDER {
            return status(-2);
        }
        let pending = self.pending_collects.load(Ordering::SeqCst);
        if pending > 0 {
            self.pending_collects.store(pending - 1, Ordering::SeqCst);
            return status(0);
        }

        let certificate = match input.format {
            0 => self.chain_pem.clone(),
            1 => self.device_pem.clone(),
            2 => self.intermediate_pem.clone(),
            3 => pem::encode(&pem::Pem::new("PKCS7", pkcs7_stand_in())),
            4 => base64::engine::general_purpose::STANDARD.encode(pkcs7_stand_in()),
            _ => return status(-14),
        };
        wire::CollectResponse {
            r#return: Some(wire::DeviceCertCollectResponse {
                status_code: 1,
                certificate: Some(certificate),
            }),
        }
    }

    fn revoke(&self, auth: &wire::AuthData, order_number: i32) -> i32 {
        if !self.authorized(auth) {
            return -100;
        }
        if order_number == UNKNOWN_ORDER {
            return -2;
        }
        *self.revoke_status.lock().unwrap()
    }

    fn cert_type_ids(&self, auth: &wire::AuthData) -> wire::DeviceCertTypeIdsResponse {
        let authorized = self.authorized(auth);
        wire::DeviceCertTypeIdsResponse {
            status_code: if authorized { 0 } else { -100 },
            ids: if authorized {
                vec![11, 12, 13]
            } else {
                Vec::new()
            },
        }
    }

    fn cert_type(&self, input: wire::GetDeviceCertType) -> wire::DeviceCertTypeResponse {
        if !self.authorized(&input.auth_data) {
            return wire::DeviceCertTypeResponse {
                status_code: -100,
                cert_type: None,
            };
        }
        wire::DeviceCertTypeResponse {
            status_code: 0,
            cert_type: Some(wire::DeviceCertType {
                id: input.cert_type_id,
                name: Some("Device Certificate".to_owned()),
                description: Some("TLS client and server".to_owned()),
                terms: vec![1, 2],
                key_usages: vec!["digitalSignature".to_owned(), "keyEncipherment".to_owned()],
                extended_key_usages: vec!["clientAuth".to_owned()],
            }),
        }
    }
}

fn custom_fields() -> wire::DeviceCertCustomFieldResponse {
    wire::DeviceCertCustomFieldResponse {
        status_code: 0,
        custom_fields: vec![
            wire::DeviceCertCustomField {
                id: 7,
                name: "Asset tag".to_owned(),
                mandatory: true,
            },
            wire::DeviceCertCustomField {
                id: 8,
                name: "Site".to_owned(),
                mandatory: false,
            },
        ],
    }
}

/// Bytes standing in for a PKCS#7 bundle: the client does not parse PKCS#7 content.
pub fn pkcs7_stand_in() -> Vec<u8> {
    vec![0x30, 0x82, 0x00, 0x04, 0x06, 0x02, 0x2a, 0x86]
}

/// Runs a future that never waits (every handler here returns at once).
fn now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the fake service awaited something"),
    }
}
