//! Login data: the customer URI and admin login, with a password or a client certificate.

use std::fmt;

use soap_runtime::ClientIdentity;

use crate::error::Error;
use crate::generated::AuthData;

/// A password that never appears in `Debug` output, errors or this crate's `tracing` events.
///
/// `yaserde`, which reads the replies, logs every XML event at DEBUG level through the `log`
/// crate (target `yaserde`), so a reply that repeats the password shows it there. Keep that
/// target at `info` or above, for example `RUST_LOG=debug,yaserde=info`.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Password(password.into())
    }

    /// Returns the password text, for sending it to the service.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The admin's proof of identity.
#[derive(Clone, Debug)]
enum Secret {
    /// Password login, on `/ws/EPKIManagerDevice`.
    Password(Password),
    /// Client-certificate login, on `/private/ws/EPKIManagerDevice`. The certificate must be the
    /// active one issued through Certificate Manager for the admin's 'Certificate Auth' profile.
    Certificate(ClientIdentity),
}

/// The login data sent with every call.
///
/// `customer_uri` is the last path segment of the customer's login URL: for
/// `https://cert-manager.com/customer/ExampleCustomer` it is `ExampleCustomer`.
#[derive(Clone, Debug)]
pub struct Credentials {
    customer_uri: String,
    login: String,
    secret: Secret,
}

impl Credentials {
    /// Creates credentials for password login.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the customer URI, login or password is empty.
    pub fn password(
        customer_uri: impl Into<String>,
        login: impl Into<String>,
        password: impl Into<String>,
    ) -> Result<Self, Error> {
        let password = password.into();
        if password.is_empty() {
            return Err(Error::empty_argument("password"));
        }
        Self::new(customer_uri, login, Secret::Password(Password(password)))
    }

    /// Creates credentials for client-certificate login; calls then go to the
    /// `/private/ws/EPKIManagerDevice` endpoint.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the customer URI or login is empty.
    pub fn certificate(
        customer_uri: impl Into<String>,
        login: impl Into<String>,
        identity: ClientIdentity,
    ) -> Result<Self, Error> {
        Self::new(customer_uri, login, Secret::Certificate(identity))
    }

    fn new(
        customer_uri: impl Into<String>,
        login: impl Into<String>,
        secret: Secret,
    ) -> Result<Self, Error> {
        let customer_uri = customer_uri.into();
        let login = login.into();
        if customer_uri.is_empty() {
            return Err(Error::empty_argument("customer_uri"));
        }
        if login.is_empty() {
            return Err(Error::empty_argument("login"));
        }
        Ok(Credentials {
            customer_uri,
            login,
            secret,
        })
    }

    /// Returns the customer URI.
    pub fn customer_uri(&self) -> &str {
        &self.customer_uri
    }

    /// Returns the admin login.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// Returns `true` for client-certificate login.
    pub fn uses_client_certificate(&self) -> bool {
        matches!(self.secret, Secret::Certificate(_))
    }

    pub(crate) fn identity(&self) -> Option<&ClientIdentity> {
        match &self.secret {
            Secret::Certificate(identity) => Some(identity),
            Secret::Password(_) => None,
        }
    }

    pub(crate) fn password_text(&self) -> Option<&str> {
        match &self.secret {
            Secret::Password(password) => Some(password.expose()),
            Secret::Certificate(_) => None,
        }
    }

    /// Builds the `authData` element; certificate login sends no password.
    pub(crate) fn auth_data(&self) -> AuthData {
        AuthData {
            customer_login_uri: Some(self.customer_uri.clone()),
            login: Some(self.login.clone()),
            password: self.password_text().map(str::to_owned),
        }
    }
}
