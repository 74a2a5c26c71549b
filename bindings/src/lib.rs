//! Typed client for the Sectigo (formerly Comodo) Certificate Manager device certificate
//! service, `EPKIManagerDevice`: enroll a CSR, collect the issued certificate, revoke it, and
//! list certificate types and custom fields.
//!
//! The message types and operation descriptors in [`generated`] come from the service's WSDL
//! in `wsdl/` at build time. [`Client`] wraps them in one async method per operation with plain
//! arguments, checks arguments against the service's limits before sending, and turns the
//! service's in-band status codes into [`Error::Status`] with the meaning the vendor reference
//! gives them.
//!
//! ```no_run
//! use ccm_device::{Client, CollectFormat, Collected, Credentials, EnrollOptions, Endpoint};
//!
//! # async fn run(csr: &str) -> Result<(), ccm_device::Error> {
//! let credentials = Credentials::password("ExampleCustomer", "example-admin", "secret")?;
//! let client = Client::builder(credentials)
//!     .endpoint(Endpoint::CertManager)
//!     .build()?;
//!
//! let order = client
//!     .enroll("device-01.example.com", 1234, 1, csr, &EnrollOptions::default())
//!     .await?;
//! match client.collect(order, CollectFormat::PemBundle).await? {
//!     Collected::Issued(certificate) => println!("{}", certificate.text()),
//!     Collected::Pending => println!("order {order} is still being processed"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Features: `blocking` adds [`blocking::Client`]; `serde` derives `serde` traits on the
//! generated message types and the result types.

#![deny(missing_docs)]

mod certificate;
mod client;
mod credentials;
mod endpoint;
mod error;
mod input;
mod order;
mod status;
mod wait;

#[cfg(feature = "blocking")]
pub mod blocking;

/// Message types and operation descriptors generated from `wsdl/EPKIManagerDevice.wsdl`.
// The schema documents only some elements, so not every generated item has docs, and its
// documentation text writes URLs as plain text.
#[allow(missing_docs, rustdoc::bare_urls)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/EPKIManagerDevice.rs"));
}

pub use certificate::{Certificate, CollectFormat, Collected, DerBlock};
pub use client::{CertType, Client, ClientBuilder, CustomField, DEFAULT_READ_RETRIES};
pub use credentials::{Credentials, Password};
pub use endpoint::{Endpoint, CERTIFICATE_PATH, PASSWORD_PATH};
pub use error::Error;
pub use input::{EnrollOptions, MAX_COMMON_NAME, MAX_CSR, MAX_REASON, MAX_SERIAL_NUMBER};
pub use order::{InvalidOrderNumber, OrderNumber};
pub use soap_runtime::ClientIdentity;
pub use status::{Status, StatusTable};
pub use wait::{ProgressCallback, WaitOptions, WaitProgress};
