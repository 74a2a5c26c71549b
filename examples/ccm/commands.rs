//! Runs each subcommand with the blocking client.

use std::path::Path;
use std::time::Duration;

use ccm_device::blocking::Client;
use ccm_device::{
    CertType, Certificate, CollectFormat, Collected, CustomField, EnrollOptions, OrderNumber,
    Password, WaitOptions, WaitProgress,
};

use crate::support::certificate::CertificateSummary;
use crate::support::service::{env_text, Access, ServiceSettings, PASSWORD_VARIABLE};
use crate::{Cli, CollectArgs, Command, EnrollArgs, Format, ServiceArgs};

/// Delay before the first `collect` of `collect --wait`. Each further delay doubles.
const FIRST_POLL_DELAY: Duration = Duration::from_secs(1);
/// Maximum delay between two `collect` calls of `collect --wait`.
const MAX_POLL_DELAY: Duration = Duration::from_secs(30);
/// Maximum number of `collect` calls of `collect --wait`, whatever the timeout.
const MAX_POLLS: u32 = 100;

/// The result of a subcommand.
#[derive(Debug)]
pub enum Outcome {
    Info(String),
    Types(Vec<CertType>),
    Type(CertType),
    CustomFields(Vec<CustomField>),
    Enrolled(OrderNumber),
    Issued {
        order_number: OrderNumber,
        format: Format,
        certificate: Certificate,
        /// Summary of the first X.509 certificate, or `None` for the PKCS#7 formats.
        summary: Option<CertificateSummary>,
        /// File the certificate was written to, if any.
        file: Option<String>,
    },
    Pending {
        order_number: OrderNumber,
        /// How long `--wait` polled, or `None` for a single `collect`.
        waited: Option<Waited>,
    },
    Revoked(OrderNumber),
    RevokedSerial(String),
}

/// How long `collect --wait` polled before its time limit.
#[derive(Clone, Copy, Debug)]
pub struct Waited {
    pub duration: Duration,
    pub attempts: u32,
}

/// The reason a subcommand failed.
#[derive(Debug)]
pub enum Failure {
    /// Invalid arguments or settings, so nothing was sent.
    Usage(String),
    /// The call failed.
    Call(ccm_device::Error),
    /// Reading or writing a local file failed.
    Local(String),
}

impl From<ccm_device::Error> for Failure {
    fn from(error: ccm_device::Error) -> Self {
        call_failure(error, |argument| option_name(argument).to_owned())
    }
}

/// Keeps a call's error, but reports an argument the client rejected before sending as a
/// usage error that names it as `name` returns (the command-line option).
fn call_failure(error: ccm_device::Error, name: impl Fn(&str) -> String) -> Failure {
    let message = match &error {
        ccm_device::Error::TooLong {
            argument,
            limit,
            length,
        } => format!(
            "{} is too long: {length} characters, the limit is {limit}; nothing was sent",
            name(argument)
        ),
        ccm_device::Error::InvalidArgument { argument, reason } => {
            format!("{} is invalid: {reason}; nothing was sent", name(argument))
        }
        _ => return Failure::Call(error),
    };
    Failure::Usage(message)
}

/// Returns the option or operand of `ccm` that carries the client's parameter `argument`.
fn option_name(argument: &str) -> &str {
    match argument {
        "common_name" => "--cn",
        "term_years" => "--term",
        "csr" => "--csr",
        "reason" => "--reason",
        "serial_number" => "SERIAL",
        other => other,
    }
}

/// Runs the subcommand of `cli`.
pub fn run(cli: &Cli) -> Result<Outcome, Failure> {
    let settings = settings(&cli.service);
    match &cli.command {
        Command::Info => {
            let client = client(&settings, Access::Anonymous)?;
            Ok(Outcome::Info(client.web_service_info()?))
        }
        Command::Types => {
            let client = client(&settings, Access::Login)?;
            let ids = client.cert_type_ids()?;
            let types = ids
                .into_iter()
                .map(|id| client.cert_type(id))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Outcome::Types(types))
        }
        Command::Type { id } => {
            let client = client(&settings, Access::Login)?;
            Ok(Outcome::Type(client.cert_type(*id)?))
        }
        Command::CustomFields { extension } => {
            let client = client(&settings, Access::CustomerUri)?;
            Ok(Outcome::CustomFields(client.custom_fields(extension)?))
        }
        Command::Enroll(args) => enroll(&client(&settings, Access::Login)?, args),
        Command::Collect(args) => collect(&client(&settings, Access::Login)?, args),
        Command::Revoke { order, reason } => {
            client(&settings, Access::Login)?.revoke(*order, reason)?;
            Ok(Outcome::Revoked(*order))
        }
        Command::RevokeSerial { serial, reason } => {
            client(&settings, Access::Login)?.revoke_by_serial_number(serial, reason)?;
            Ok(Outcome::RevokedSerial(serial.clone()))
        }
    }
}

fn settings(args: &ServiceArgs) -> ServiceSettings {
    ServiceSettings {
        url: args.url.clone(),
        customer_uri: args.customer_uri.clone(),
        login: args.login.clone(),
        password: env_text(PASSWORD_VARIABLE).map(Password::new),
        client_cert: args.client_cert.clone(),
        client_key: args.client_key.clone(),
        ca_cert: args.ca_cert.clone(),
        allow_http: args.allow_http,
    }
}

fn client(settings: &ServiceSettings, access: Access) -> Result<Client, Failure> {
    let builder = settings.client_builder(access).map_err(Failure::Usage)?;
    Ok(builder.build_blocking()?)
}

fn enroll(client: &Client, args: &EnrollArgs) -> Result<Outcome, Failure> {
    let csr = read_csr(&args.csr)?;
    let options = EnrollOptions {
        cert_type_id: args.cert_type,
        subject_alt_names: args
            .san
            .iter()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect(),
        ..EnrollOptions::default()
    };
    let order_number = client
        .enroll(&args.cn, args.org, args.term, &csr, &options)
        .map_err(|error| {
            call_failure(error, |argument| match argument {
                "csr" => format!("--csr {}", args.csr.display()),
                other => option_name(other).to_owned(),
            })
        })?;
    Ok(Outcome::Enrolled(order_number))
}

/// Reads a CSR file, which must be text: PEM, or base64 without the PEM lines.
fn read_csr(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|error| {
        Failure::Local(format!(
            "cannot read the CSR file {}: {error}",
            path.display()
        ))
    })?;

    String::from_utf8(bytes).map_err(|_| {
        Failure::Usage(format!(
            "--csr {} is not a text file: pass the CSR as PEM or base64; convert a DER CSR with \
             `openssl req -inform DER -in {} -out request.pem`",
            path.display(),
            path.display()
        ))
    })
}

fn collect(client: &Client, args: &CollectArgs) -> Result<Outcome, Failure> {
    let order_number = args.order;
    let format = collect_format(args.format);
    let timeout = Duration::from_secs(args.wait_timeout);
    let collected = if args.wait {
        wait_for(client, order_number, format, timeout)
    } else {
        client.collect(order_number, format)
    };
    let certificate = match collected {
        Ok(Collected::Issued(certificate)) => certificate,
        Ok(Collected::Pending) => {
            let waited = None;
            return Ok(Outcome::Pending {
                order_number,
                waited,
            });
        }
        Err(ccm_device::Error::WaitTimedOut {
            waited, attempts, ..
        }) => {
            let waited = Some(Waited {
                duration: waited,
                attempts,
            });
            return Ok(Outcome::Pending {
                order_number,
                waited,
            });
        }
        Err(error) => return Err(Failure::from(error)),
    };

    let summary = certificate
        .certificates_der()
        .next()
        .map(CertificateSummary::from_der)
        .transpose()
        .map_err(Failure::Local)?;
    if let Some(path) = &args.output {
        write_certificate(path, &certificate)?;
    }
    Ok(Outcome::Issued {
        order_number,
        format: args.format,
        certificate,
        summary,
        file: args.output.as_ref().map(|path| path.display().to_string()),
    })
}

/// Collects until the certificate is issued, `timeout` passes or [`MAX_POLLS`] calls were
/// made; an order still in processing then gives `Error::WaitTimedOut`.
fn wait_for(
    client: &Client,
    order_number: OrderNumber,
    format: CollectFormat,
    timeout: Duration,
) -> Result<Collected, ccm_device::Error> {
    let wait = WaitOptions {
        format,
        first_delay: FIRST_POLL_DELAY,
        max_delay: MAX_POLL_DELAY,
        deadline: timeout,
        max_attempts: MAX_POLLS,
        ..WaitOptions::default()
    }
    .on_progress(|progress| {
        if let WaitProgress::Pending {
            order_number,
            attempt,
            next_delay,
        } = progress
        {
            eprintln!(
                "order {order_number} is still being processed (check {attempt}); next check in {} s",
                next_delay.as_secs()
            );
        }
    });

    client
        .wait_for_certificate(order_number, &wait)
        .map(Collected::Issued)
}

fn collect_format(format: Format) -> CollectFormat {
    match format {
        Format::PemBundle => CollectFormat::PemBundle,
        Format::PemCert => CollectFormat::PemCertificate,
        Format::PemIntermediates => CollectFormat::PemIntermediates,
        Format::Pkcs7Pem => CollectFormat::Pkcs7Pem,
        Format::Pkcs7Der => CollectFormat::Pkcs7Der,
    }
}

/// Writes the certificate text, or the binary DER for [`CollectFormat::Pkcs7Der`].
fn write_certificate(path: &Path, certificate: &Certificate) -> Result<(), Failure> {
    let bytes = match certificate.format() {
        CollectFormat::Pkcs7Der => certificate
            .blocks()
            .first()
            .map(|block| block.der.clone())
            .unwrap_or_default(),
        _ => certificate.text().as_bytes().to_vec(),
    };
    std::fs::write(path, bytes)
        .map_err(|error| Failure::Local(format!("cannot write {}: {error}", path.display())))
}
