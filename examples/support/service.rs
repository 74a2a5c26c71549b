//! Service settings of the examples (URL and login) and the advice printed when a call fails.

use std::path::{Path, PathBuf};

use ccm_device::{
    Client, ClientBuilder, ClientIdentity, Credentials, Endpoint, Error, Password, Status,
    CERTIFICATE_PATH, PASSWORD_PATH,
};

/// Environment variable that contains the admin password. No example takes a password as a
/// command-line argument, because arguments are visible to every user of the machine.
pub const PASSWORD_VARIABLE: &str = "CCM_PASSWORD";

/// Value sent in place of a login or password that an operation does not use.
const PLACEHOLDER: &str = "unused";

/// Returns the value of an environment variable, treating an empty value as unset.
pub fn env_text(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

/// Reads an integer environment variable, or returns `default` when it is unset.
pub fn env_number(name: &str, default: i32) -> Result<i32, String> {
    match env_text(name) {
        None => Ok(default),
        Some(text) => text.trim().parse().map_err(|_| {
            format!("{name}={text:?} is not an integer; set it to a number such as {default}")
        }),
    }
}

/// Returns `true` when a flag variable is set to anything but `0`, `false`, `no` or `off`.
fn env_flag(name: &str) -> bool {
    env_text(name).is_some_and(|value| {
        !matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "off"
        )
    })
}

/// The parts of the login data that an operation sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Nothing (`getWebServiceInfo`).
    Anonymous,
    /// The customer URI only (`getDeviceCustomFields`).
    CustomerUri,
    /// The customer URI, login and password or client certificate (every other operation).
    Login,
}

/// The service to call and the login to use. Each field comes from a `CCM_*` variable or a
/// command-line option. The password comes only from `CCM_PASSWORD`.
#[derive(Clone, Debug, Default)]
pub struct ServiceSettings {
    /// Base URL (`https://cert-manager.com`) or service URL (`…/ws/EPKIManagerDevice`).
    pub url: Option<String>,
    /// Last path segment of the customer's Certificate Manager login URL.
    pub customer_uri: Option<String>,
    /// Admin login.
    pub login: Option<String>,
    /// Admin password, for password login.
    pub password: Option<Password>,
    /// PEM client certificate chain for certificate login.
    pub client_cert: Option<PathBuf>,
    /// PEM private key of `client_cert`.
    pub client_key: Option<PathBuf>,
    /// PEM CA certificate to trust besides the web PKI roots, such as a simulator's root CA.
    pub ca_cert: Option<PathBuf>,
    /// Allows a plain `http://` URL.
    pub allow_http: bool,
}

impl ServiceSettings {
    /// Reads `CCM_URL`, `CCM_CUSTOMER_URI`, `CCM_LOGIN`, `CCM_PASSWORD`, `CCM_CLIENT_CERT`,
    /// `CCM_CLIENT_KEY`, `CCM_CA_CERT` and `CCM_ALLOW_HTTP`.
    pub fn from_env() -> Self {
        ServiceSettings {
            url: env_text("CCM_URL"),
            customer_uri: env_text("CCM_CUSTOMER_URI"),
            login: env_text("CCM_LOGIN"),
            password: env_text(PASSWORD_VARIABLE).map(Password::new),
            client_cert: env_text("CCM_CLIENT_CERT").map(PathBuf::from),
            client_key: env_text("CCM_CLIENT_KEY").map(PathBuf::from),
            ca_cert: env_text("CCM_CA_CERT").map(PathBuf::from),
            allow_http: env_flag("CCM_ALLOW_HTTP"),
        }
    }

    /// Builds a client for these settings, checking that the values `access` needs are set.
    pub fn client_builder(&self, access: Access) -> Result<ClientBuilder, String> {
        let url = self.url.as_deref().ok_or_else(missing_url)?;
        let base_url = base_url(url)?;
        if base_url.starts_with("http://") && !self.allow_http {
            return Err(format!(
                "the URL {url} uses plain HTTP, which sends the password unencrypted; set \
                 CCM_ALLOW_HTTP=1 (or pass --allow-http) for a local simulator, or use https://"
            ));
        }

        let credentials = self.credentials(access)?;
        let mut builder = Client::builder(credentials)
            .endpoint(Endpoint::BaseUrl(base_url))
            .allow_http(self.allow_http);
        if let Some(path) = &self.ca_cert {
            builder = builder.add_root_certificate_pem(read_file(path, "CA certificate")?);
        }
        Ok(builder)
    }

    fn credentials(&self, access: Access) -> Result<Credentials, String> {
        // NOTE: ccm_device::Credentials needs a customer URI, login and secret even for the
        // operations that send none of them, so those get placeholders that are never sent.
        let customer_uri = match (&self.customer_uri, access) {
            (Some(uri), _) => uri.clone(),
            (None, Access::Anonymous) => PLACEHOLDER.to_owned(),
            (None, _) => {
                return Err(missing(
                    "customer URI",
                    "--customer-uri",
                    "CCM_CUSTOMER_URI",
                ))
            }
        };
        let login_required = access == Access::Login;
        let login = match (&self.login, login_required) {
            (Some(login), _) => login.clone(),
            (None, true) => return Err(missing("login", "--login", "CCM_LOGIN")),
            (None, false) => PLACEHOLDER.to_owned(),
        };

        let credentials = match (&self.client_cert, &self.client_key) {
            (Some(certificate), Some(key)) => {
                let identity = ClientIdentity::from_pem(
                    &read_file(certificate, "client certificate")?,
                    &read_file(key, "client key")?,
                )
                .map_err(|error| error.to_string())?;
                Credentials::certificate(customer_uri, login, identity)
            }
            (Some(_), None) | (None, Some(_)) => {
                return Err(
                    "certificate login needs both CCM_CLIENT_CERT and CCM_CLIENT_KEY \
                            (or --client-cert and --client-key); set the missing one"
                        .to_owned(),
                )
            }
            (None, None) => {
                let password = match (&self.password, login_required) {
                    (Some(password), _) => password.expose().to_owned(),
                    (None, true) => {
                        return Err(format!(
                            "no password: set {PASSWORD_VARIABLE}, or CCM_CLIENT_CERT and \
                             CCM_CLIENT_KEY for certificate login"
                        ))
                    }
                    (None, false) => PLACEHOLDER.to_owned(),
                };
                Credentials::password(customer_uri, login, password)
            }
        };
        credentials.map_err(|error| error.to_string())
    }
}

fn missing(what: &str, option: &str, variable: &str) -> String {
    format!("no {what}: pass {option} or set {variable}")
}

fn missing_url() -> String {
    "no service URL: pass --url or set CCM_URL. To try the client offline, start the simulator \
     with `cargo run -q -p ccm-device-sim -- --listen 127.0.0.1:8080`, which prints its URL and \
     credentials, then set CCM_URL=http://127.0.0.1:8080 and CCM_ALLOW_HTTP=1"
        .to_owned()
}

/// Turns a base URL or a service URL into the base URL that [`Endpoint::BaseUrl`] takes.
fn base_url(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches("?wsdl").trim_end_matches('/');
    if !(trimmed.starts_with("https://") || trimmed.starts_with("http://")) {
        return Err(format!(
            "invalid service URL {url:?}: it must start with https:// (or http:// for a local \
             simulator), such as https://cert-manager.com"
        ));
    }
    let base = trimmed
        .strip_suffix(CERTIFICATE_PATH)
        .or_else(|| trimmed.strip_suffix(PASSWORD_PATH))
        .unwrap_or(trimmed);
    Ok(base.to_owned())
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path)
        .map_err(|error| format!("cannot read the {what} file {}: {error}", path.display()))
}

/// Returns the error message followed by a line on what to do, where one applies.
pub fn explain(error: &Error) -> String {
    match hint(error) {
        Some(hint) => format!("{error}\nhint: {hint}"),
        None => error.to_string(),
    }
}

/// Suggests a fix, naming the settings of the examples where the library's message names only
/// what to check.
pub fn hint(error: &Error) -> Option<&'static str> {
    if let Some(status) = error.status() {
        return match error {
            Error::Status {
                operation: "getDeviceCustomFields",
                ..
            } if status.is_authentication_failure() => {
                Some("check the customer URI (CCM_CUSTOMER_URI) and the --extension value")
            }
            _ if status.is_authentication_failure() => Some(
                "check CCM_CUSTOMER_URI, CCM_LOGIN and CCM_PASSWORD, or CCM_CLIENT_CERT and \
                 CCM_CLIENT_KEY for certificate login",
            ),
            _ => status_hint(status),
        };
    }
    match error {
        Error::Transport(source) if source.is_connect() => {
            Some("check the URL and that the service is running and reachable")
        }
        Error::Http { status: 404, .. } => Some(
            "check the URL: give the base URL (https://cert-manager.com) or the full \
             …/ws/EPKIManagerDevice URL",
        ),
        Error::Http { status: 403, .. } => Some(
            "the service rejected the connection: certificate login needs a client certificate \
             that the service trusts (CCM_CLIENT_CERT and CCM_CLIENT_KEY)",
        ),
        Error::Transport(source @ soap_runtime::Error::Tls { .. })
            if source.to_string().contains("UnknownIssuer") =>
        {
            Some("set CCM_CA_CERT (ccm: --ca-cert) to the PEM file of the CA that signed the server's certificate")
        }
        Error::WaitTimedOut { .. } => {
            Some("run `ccm collect ORDER` later, or wait longer with --wait --wait-timeout SECONDS")
        }
        _ => None,
    }
}

fn status_hint(status: Status) -> Option<&'static str> {
    let hint = match status {
        Status::PermissionDenied => {
            "check the organisation id (--org or CCM_ORG_ID) and that the admin may enroll for it"
        }
        Status::CertificateTypeInvalid => "list the certificate type ids with `ccm types`",
        Status::CertTypeNotAvailableForOrganization => {
            "pick a certificate type that the organisation offers (--cert-type or CCM_CERT_TYPE_ID)"
        }
        Status::TermInvalidForCertificateType => {
            "show the terms the type allows with `ccm type ID`, then pass one of them with --term"
        }
        Status::CsrNotBase64
        | Status::CsrUndecodable
        | Status::CsrUnsupportedAlgorithm
        | Status::CsrInvalidSignature
        | Status::CsrUnsupportedKeySize => {
            "pass a PKCS#10 CSR with an RSA key of 512 to 8192 bits, as PEM or base64"
        }
        Status::OrderNumberInvalid | Status::OrderNumberNotFound => {
            "check the order number that `ccm enroll` printed"
        }
        Status::SerialNumberInvalid | Status::SerialNumberNotFound => {
            "pass the serial number as hex digits, as `ccm collect --json` shows it"
        }
        Status::CertificateRevoked => {
            "the certificate is already revoked; enroll a new one if the device needs a certificate"
        }
        Status::RequestRejected => "the request was rejected; enroll again with corrected values",
        Status::AwaitingPayment => "the order is awaiting payment; collect it later",
        Status::UnknownError => {
            "the service gave no reason; check the arguments, such as the subject alternative names"
        }
        _ => return None,
    };
    Some(hint)
}
