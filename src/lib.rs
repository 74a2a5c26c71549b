//! A simulator of the Certificate Manager (Comodo, now Sectigo) `EPKIManagerDevice` SOAP service,
//! for offline development and tests of device-certificate clients.
//!
//! It serves the project's WSDL at `/ws/EPKIManagerDevice?wsdl`, answers the eight operations on
//! `/ws/EPKIManagerDevice` (password login) and, over HTTPS with a client certificate, on
//! `/private/ws/EPKIManagerDevice`. Replies look like the real JAX-WS server's: an `S:` envelope,
//! an `ns2:` wrapper, unqualified children and errors as negative status codes with HTTP 200.
//!
//! `enroll` verifies the CSR; `collect` returns a real certificate for the CSR's key, signed by
//! an intermediate CA under a root that the simulator generates at start. See [`catalogue`] for
//! the organisations and certificate types, and [`status`] for the codes.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ccm_device_sim::StartError> {
//! let simulator = ccm_device_sim::Simulator::builder().pending_polls(2).start().await?;
//! println!("WSDL at {}", simulator.wsdl_url());
//! simulator.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

mod ca;
pub mod catalogue;
mod csr;
#[path = "generated_standin.rs"]
mod device;
mod http;
mod orders;
mod service;
mod simulator;
pub mod status;
pub mod testing;
mod tls;
mod wsdl;

pub use ca::{CaError, ClientIdentity};
pub use csr::{CsrError, MAX_CSR_CHARS, MAX_KEY_BITS, MIN_KEY_BITS};
pub use http::{MAX_BODY_BYTES, PRIVATE_PATH, PUBLIC_PATH};
pub use orders::MAX_ORDERS;
pub use simulator::{RunningSimulator, Simulator, SimulatorBuilder, StartError, MAX_CONNECTIONS};
pub use tls::{ClientCertificates, ServerCertificate, TlsError, TlsOptions};

/// What `getWebServiceInfo` returns.
pub const WEB_SERVICE_INFO: &str = concat!(
    "EPKIManagerDevice simulator (ccm-device-sim ",
    env!("CARGO_PKG_VERSION"),
    ")"
);

/// Documented default customer URI.
pub const DEFAULT_CUSTOMER_URI: &str = "ExampleCustomer";
/// Documented default login.
pub const DEFAULT_LOGIN: &str = "admin";
/// Documented default password.
pub const DEFAULT_PASSWORD: &str = "secret";

/// The administrator account the simulator accepts.
///
/// On `/private/ws` the password is not checked; the client certificate's subject common name
/// must equal `login` instead.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Customer login URI (`authData/customerLoginUri`).
    pub customer_uri: String,
    /// Administrator login (`authData/login`).
    pub login: String,
    /// Administrator password (`authData/password`).
    pub password: String,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            customer_uri: DEFAULT_CUSTOMER_URI.to_string(),
            login: DEFAULT_LOGIN.to_string(),
            password: DEFAULT_PASSWORD.to_string(),
        }
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("customer_uri", &self.customer_uri)
            .field("login", &self.login)
            .field("password", &"<redacted>")
            .finish()
    }
}
