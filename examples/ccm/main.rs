//! `ccm`: a command-line client for every operation of the Certificate Manager device
//! certificate service, built on the blocking API of `ccm-device`.
//!
//! ```text
//! cargo run -q -p ccm-device-sim --example ccm -- --help
//! ```
//!
//! It needs a running service. To try it offline, start the simulator with
//! `cargo run -q -p ccm-device-sim -- --listen 127.0.0.1:8080` and set `CCM_URL`,
//! `CCM_CUSTOMER_URI`, `CCM_LOGIN`, `CCM_PASSWORD` and `CCM_ALLOW_HTTP=1` to what it prints.

mod commands;
mod output;
#[allow(dead_code)] // Each example uses only part of the shared code.
#[path = "../support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::ExitCode;

use ccm_device::OrderNumber;
use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
The password is read only from CCM_PASSWORD, never from an option.
Certificate login: set CCM_CLIENT_CERT and CCM_CLIENT_KEY (PEM files) instead of CCM_PASSWORD.
Logs: RUST_LOG=debug writes the client's log events to standard error (never the password).

Exit status: 0 success, 1 the call failed (the message gives the status code, its meaning and
what to do) or a file could not be read or written, 2 invalid arguments or settings (nothing
was sent), 3 the order is still being processed.

Offline: `cargo run -q -p ccm-device-sim -- --listen 127.0.0.1:8080` starts a simulator and
prints its URL and credentials.";

/// Calls the Certificate Manager EPKIManagerDevice service: list certificate types, enroll a
/// CSR, collect and revoke certificates.
#[derive(Debug, Parser)]
#[command(name = "ccm", after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub service: ServiceArgs,

    /// Print the result, or the error, as JSON on standard output.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// Service URL and login options.
#[derive(Debug, Args)]
pub struct ServiceArgs {
    /// Base URL of the service (https://cert-manager.com) or its …/ws/EPKIManagerDevice URL.
    #[arg(long, env = "CCM_URL", global = true)]
    pub url: Option<String>,

    /// Customer URI: the last path segment of the customer's Certificate Manager login URL.
    #[arg(long, env = "CCM_CUSTOMER_URI", global = true)]
    pub customer_uri: Option<String>,

    /// Admin login.
    #[arg(long, env = "CCM_LOGIN", global = true)]
    pub login: Option<String>,

    /// PEM client certificate chain, for certificate login.
    #[arg(long, env = "CCM_CLIENT_CERT", global = true, value_name = "FILE")]
    pub client_cert: Option<PathBuf>,

    /// PEM private key of --client-cert.
    #[arg(long, env = "CCM_CLIENT_KEY", global = true, value_name = "FILE")]
    pub client_key: Option<PathBuf>,

    /// PEM CA certificate to trust besides the web PKI roots, such as a simulator's root CA.
    #[arg(long, env = "CCM_CA_CERT", global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Allow a plain http:// URL, for a local simulator. CCM_ALLOW_HTTP=0, false, no or off
    /// leaves it off.
    #[arg(
        long,
        env = "CCM_ALLOW_HTTP",
        global = true,
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub allow_http: bool,
}

/// The operations.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the service's name and version (getWebServiceInfo).
    Info,
    /// List the certificate types the account may enroll (getDeviceCertTypeIds, getDeviceCertType).
    Types,
    /// Describe one certificate type (getDeviceCertType).
    Type {
        /// Certificate type id.
        id: i32,
    },
    /// List the custom fields of a customer account (getDeviceCustomFields).
    CustomFields {
        /// URI extension of the account, or empty for the main account.
        #[arg(long, default_value = "")]
        extension: String,
    },
    /// Request a certificate for a CSR and print the order number (enroll).
    Enroll(EnrollArgs),
    /// Fetch the certificate of an order (collect).
    Collect(CollectArgs),
    /// Revoke the certificate of an order (revoke).
    Revoke {
        /// Order number that enroll printed.
        order: OrderNumber,
        /// Reason, kept for audit: at most 256 characters, may be empty.
        #[arg(long)]
        reason: String,
    },
    /// Revoke a certificate by its serial number (revokeBySerialNumber).
    RevokeSerial {
        /// Serial number as hex digits.
        serial: String,
        /// Reason, kept for audit: at most 256 characters, may be empty.
        #[arg(long)]
        reason: String,
    },
}

/// Arguments of `enroll`.
#[derive(Debug, Args)]
pub struct EnrollArgs {
    /// Subject common name (at most 64 characters).
    #[arg(long)]
    pub cn: String,
    /// Organisation id.
    #[arg(long, env = "CCM_ORG_ID")]
    pub org: i32,
    /// Term in years.
    #[arg(long, env = "CCM_TERM", default_value_t = 1)]
    pub term: i32,
    /// PKCS#10 CSR file, PEM or base64.
    #[arg(long, value_name = "FILE")]
    pub csr: PathBuf,
    /// Certificate type id. Without it the account's default type applies.
    #[arg(long, env = "CCM_CERT_TYPE_ID")]
    pub cert_type: Option<i32>,
    /// Subject alternative names: DNS names and IP addresses, comma-separated.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub san: Vec<String>,
}

/// Arguments of `collect`.
#[derive(Debug, Args)]
pub struct CollectArgs {
    /// Order number that enroll printed.
    pub order: OrderNumber,
    /// Format of the certificate.
    #[arg(long, value_enum, default_value_t = Format::PemBundle)]
    pub format: Format,
    /// Poll until the certificate is issued, instead of exiting with status 3 while it is
    /// being processed.
    #[arg(long)]
    pub wait: bool,
    /// Maximum time that --wait polls, in seconds.
    #[arg(long, default_value_t = 900, value_name = "SECONDS")]
    pub wait_timeout: u64,
    /// Write the certificate to this file instead of standard output (pkcs7-der as binary DER).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Certificate formats of `collect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// PEM: the certificate and its issuers.
    PemBundle,
    /// PEM: the certificate alone.
    PemCert,
    /// PEM: the intermediate certificates alone.
    PemIntermediates,
    /// PKCS#7 bundle, PEM.
    Pkcs7Pem,
    /// PKCS#7 bundle, DER (base64 on standard output).
    Pkcs7Der,
}

fn main() -> ExitCode {
    // Logs go to standard error only when RUST_LOG is set, so the output stays clean.
    if std::env::var_os("RUST_LOG").is_some() {
        ccm_device_sim::logging::init("warn");
    }

    let cli = Cli::parse();
    let result = commands::run(&cli);
    output::print(result, cli.json)
}
