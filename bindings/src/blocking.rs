//! The blocking client: the async client driven by a private single-thread runtime.

use tokio::runtime::{Builder, Handle, Runtime};

use crate::certificate::{Certificate, CollectFormat, Collected};
use crate::client::{CertType, CustomField};
use crate::error::Error;
use crate::input::EnrollOptions;
use crate::wait::WaitOptions;
use crate::OrderNumber;

/// A blocking client of the device certificate service, built by
/// [`ClientBuilder::build_blocking`](crate::ClientBuilder::build_blocking).
///
/// Every method has the same arguments, results and errors as the method of the same name on
/// [`crate::Client`]. Calling one from inside an async runtime fails with [`Error::Config`];
/// use the async client there.
#[derive(Debug)]
pub struct Client {
    inner: crate::Client,
    /// Always `Some` until `drop` takes it.
    runtime: Option<Runtime>,
}

impl Client {
    pub(crate) fn new(inner: crate::Client) -> Result<Client, Error> {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| Error::Config {
                message: format!("failed to start the runtime for blocking calls: {error}"),
            })?;
        Ok(Client {
            inner,
            runtime: Some(runtime),
        })
    }

    /// Returns the async client this one drives.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// See [`crate::Client::enroll`].
    pub fn enroll(
        &self,
        common_name: &str,
        org_id: i32,
        term_years: i32,
        csr: &str,
        options: &EnrollOptions,
    ) -> Result<OrderNumber, Error> {
        self.block_on(
            self.inner
                .enroll(common_name, org_id, term_years, csr, options),
        )
    }

    /// See [`crate::Client::enroll_and_wait`].
    pub fn enroll_and_wait(
        &self,
        common_name: &str,
        org_id: i32,
        term_years: i32,
        csr: &str,
        options: &EnrollOptions,
        wait: &WaitOptions,
    ) -> Result<(OrderNumber, Certificate), Error> {
        self.block_on(self.inner.enroll_and_wait(
            common_name,
            org_id,
            term_years,
            csr,
            options,
            wait,
        ))
    }

    /// See [`crate::Client::wait_for_certificate`].
    pub fn wait_for_certificate(
        &self,
        order_number: OrderNumber,
        wait: &WaitOptions,
    ) -> Result<Certificate, Error> {
        self.block_on(self.inner.wait_for_certificate(order_number, wait))
    }

    /// See [`crate::Client::collect`].
    pub fn collect(
        &self,
        order_number: OrderNumber,
        format: CollectFormat,
    ) -> Result<Collected, Error> {
        self.block_on(self.inner.collect(order_number, format))
    }

    /// See [`crate::Client::revoke`].
    pub fn revoke(&self, order_number: OrderNumber, reason: &str) -> Result<(), Error> {
        self.block_on(self.inner.revoke(order_number, reason))
    }

    /// See [`crate::Client::revoke_by_serial_number`].
    pub fn revoke_by_serial_number(&self, serial_number: &str, reason: &str) -> Result<(), Error> {
        self.block_on(self.inner.revoke_by_serial_number(serial_number, reason))
    }

    /// See [`crate::Client::cert_type_ids`].
    pub fn cert_type_ids(&self) -> Result<Vec<i32>, Error> {
        self.block_on(self.inner.cert_type_ids())
    }

    /// See [`crate::Client::cert_type`].
    pub fn cert_type(&self, cert_type_id: i32) -> Result<CertType, Error> {
        self.block_on(self.inner.cert_type(cert_type_id))
    }

    /// See [`crate::Client::custom_fields`].
    pub fn custom_fields(&self, uri_extension: &str) -> Result<Vec<CustomField>, Error> {
        self.block_on(self.inner.custom_fields(uri_extension))
    }

    /// See [`crate::Client::web_service_info`].
    pub fn web_service_info(&self) -> Result<String, Error> {
        self.block_on(self.inner.web_service_info())
    }

    fn block_on<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        if Handle::try_current().is_ok() {
            return Err(Error::Config {
                message: "the blocking client was called inside an async runtime, where it \
                          would block the runtime; use ccm_device::Client instead"
                    .to_owned(),
            });
        }
        match &self.runtime {
            Some(runtime) => runtime.block_on(call),
            None => Err(Error::Config {
                message: "the blocking client's runtime has been shut down".to_owned(),
            }),
        }
    }
}

impl Drop for Client {
    /// Shuts the private runtime down without waiting for its tasks, because dropping a
    /// runtime the ordinary way panics when the drop happens inside another async runtime.
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
