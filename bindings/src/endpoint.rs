//! Service endpoints: the Certificate Manager hosts and the service paths.

use std::fmt;

/// Path of the service for password login.
pub const PASSWORD_PATH: &str = "/ws/EPKIManagerDevice";

/// Path of the service for client-certificate login.
pub const CERTIFICATE_PATH: &str = "/private/ws/EPKIManagerDevice";

/// The Certificate Manager instance to call. The service path is appended from the kind of
/// credentials.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Endpoint {
    /// `https://cert-manager.com`.
    #[default]
    CertManager,
    /// `https://hard.cert-manager.com`.
    HardCertManager,
    /// Any other base URL, such as a private instance or a local simulator
    /// (`http://127.0.0.1:8080`), without the service path.
    BaseUrl(String),
}

impl Endpoint {
    /// Returns the base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Endpoint::CertManager => "https://cert-manager.com",
            Endpoint::HardCertManager => "https://hard.cert-manager.com",
            Endpoint::BaseUrl(url) => url.trim_end_matches('/'),
        }
    }

    /// Returns the service URL for password login, or for client-certificate login when
    /// `client_certificate` is `true`.
    pub fn service_url(&self, client_certificate: bool) -> String {
        let path = if client_certificate {
            CERTIFICATE_PATH
        } else {
            PASSWORD_PATH
        };
        format!("{}{path}", self.base_url())
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base_url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_urls() {
        assert_eq!(
            Endpoint::CertManager.service_url(false),
            "https://cert-manager.com/ws/EPKIManagerDevice"
        );
        assert_eq!(
            Endpoint::HardCertManager.service_url(true),
            "https://hard.cert-manager.com/private/ws/EPKIManagerDevice"
        );
        assert_eq!(
            Endpoint::BaseUrl("http://127.0.0.1:8080/".into()).service_url(false),
            "http://127.0.0.1:8080/ws/EPKIManagerDevice"
        );
    }
}
