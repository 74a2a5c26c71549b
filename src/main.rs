//! Command-line front end of the EPKIManagerDevice simulator.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ccm_device_sim::{
    ClientCertificates, Credentials, RunningSimulator, ServerCertificate, Simulator, StartError,
    TlsOptions, DEFAULT_CUSTOMER_URI, DEFAULT_LOGIN, DEFAULT_PASSWORD,
};
use clap::Parser;
use tracing::{error, info};

const CATALOGUE_HELP: &str = "\
Built-in catalogue:
  organisations (orgId):    1001 Example Devices (types 2001, 2002, 2003)
                            1002 Example Lab (type 2001)
  certificate types:        2001 Device TLS Client, terms 1-3 years (default type)
                            2002 Device TLS Server, terms 1-2 years
                            2003 Device Code Signing, term 1 year
  custom fields:            URI extension \"\": 3001 Asset Tag (mandatory), 3002 Location
                            URI extension \"lab\": 3101 Bench
collect formats: 0 PEM bundle, 1 PEM certificate, 2 PEM intermediate, 3 PKCS#7 PEM, 4 PKCS#7 DER (base64)
On /private/ws the client certificate's subject CN must equal the login; the password is not checked.
Set RUST_LOG (for example RUST_LOG=debug) to change the log level; the yaserde target, which \
logs request text with passwords at DEBUG, stays at warn unless RUST_LOG names it.";

/// Simulator of the Certificate Manager EPKIManagerDevice SOAP service.
#[derive(Debug, Parser)]
#[command(version, after_help = CATALOGUE_HELP)]
struct Options {
    /// Address and port to listen on (`localhost:PORT` means 127.0.0.1; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = parse_listen)]
    listen: SocketAddr,

    /// Customer login URI accepted in authData.
    #[arg(long, default_value = DEFAULT_CUSTOMER_URI)]
    customer_uri: String,

    /// Administrator login accepted in authData.
    #[arg(long, default_value = DEFAULT_LOGIN)]
    login: String,

    /// Administrator password accepted in authData [default: secret].
    #[arg(long, default_value = DEFAULT_PASSWORD, hide_default_value = true)]
    password: String,

    /// Number of collect calls per order that return "being processed" before the certificate.
    #[arg(long, default_value_t = 1)]
    pending_polls: u32,

    /// Serve HTTPS with a server certificate issued by the simulator's generated CA.
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    tls_generate: bool,

    /// Serve HTTPS with this PEM certificate chain (server certificate first).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,

    /// Accept client certificates issued by this PEM CA certificate on /private/ws.
    #[arg(long, value_name = "FILE", conflicts_with = "client_ca_dir")]
    client_ca: Option<PathBuf>,

    /// Generate a client CA and a client certificate for the login, and write them to this
    /// directory (client-ca.pem, client-ca.key, client.pem, client.key).
    #[arg(long, value_name = "DIR")]
    client_ca_dir: Option<PathBuf>,

    /// Write the simulator's root CA certificate (PEM) to this file, for clients to trust.
    #[arg(long, value_name = "FILE")]
    ca_cert_out: Option<PathBuf>,
}

/// Parses `--listen`: a socket address, or `localhost:PORT` for 127.0.0.1.
fn parse_listen(value: &str) -> Result<SocketAddr, String> {
    let loopback = value
        .strip_prefix("localhost:")
        .map(|port| format!("127.0.0.1:{port}"));
    let address = loopback.as_deref().unwrap_or(value);

    address.parse().map_err(|_| {
        format!("expected an address and port such as 127.0.0.1:8080 or [::1]:8080, not {value:?}")
    })
}

/// Describes a failed start, with a hint when the port is taken.
fn start_failure(error: &StartError) -> String {
    match error {
        StartError::Bind { source, .. } if source.kind() == std::io::ErrorKind::AddrInUse => {
            format!(
                "{error}; pick another port with --listen 127.0.0.1:PORT (port 0 picks a free one)"
            )
        }
        _ => error.to_string(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    ccm_device_sim::logging::init("info");

    let options = Options::parse();
    match run(options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            error!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(options: Options) -> Result<(), String> {
    let mut builder = Simulator::builder()
        .listen(options.listen)
        .pending_polls(options.pending_polls)
        .credentials(Credentials {
            customer_uri: options.customer_uri.clone(),
            login: options.login.clone(),
            password: options.password.clone(),
        });
    if let Some(tls) = tls_options(&options)? {
        builder = builder.tls(tls);
    }

    let stop = StopSignal::install()?;
    let simulator = builder
        .start()
        .await
        .map_err(|error| start_failure(&error))?;
    write_files(&options, &simulator)?;
    print_ready(&options, &simulator);

    stop.wait().await;
    info!("stop signal received; shutting down");
    simulator.shutdown().await;
    Ok(())
}

fn tls_options(options: &Options) -> Result<Option<TlsOptions>, String> {
    let server_certificate = match (&options.tls_cert, &options.tls_key) {
        (Some(certificate), Some(key)) => ServerCertificate::Pem {
            certificate_chain: read_text("--tls-cert", certificate)?,
            private_key: read_text("--tls-key", key)?,
        },
        _ if options.tls_generate => ServerCertificate::Generate,
        _ => {
            if options.client_ca.is_some() || options.client_ca_dir.is_some() {
                return Err("--client-ca and --client-ca-dir need HTTPS: add --tls-generate or --tls-cert/--tls-key".to_string());
            }
            return Ok(None);
        }
    };

    let client_certificates = match (&options.client_ca, &options.client_ca_dir) {
        (Some(path), _) => ClientCertificates::TrustedCa(read_text("--client-ca", path)?),
        (None, Some(_)) => ClientCertificates::Generate,
        (None, None) => ClientCertificates::Disabled,
    };
    Ok(Some(TlsOptions {
        server_certificate,
        client_certificates,
    }))
}

fn write_files(options: &Options, simulator: &RunningSimulator) -> Result<(), String> {
    if let Some(path) = &options.ca_cert_out {
        write_file(path, simulator.ca_certificate_pem(), false)?;
    }
    let Some(directory) = &options.client_ca_dir else {
        return Ok(());
    };

    std::fs::create_dir_all(directory)
        .map_err(|error| format!("cannot create directory {}: {error}", directory.display()))?;
    let (Some(ca_pem), Some(ca_key)) = (
        simulator.client_ca_certificate_pem(),
        simulator.client_ca_private_key_pem(),
    ) else {
        return Err("the simulator generated no client CA".to_string());
    };
    let client = simulator
        .issue_client_certificate(&options.login)
        .ok_or("the simulator generated no client CA")?
        .map_err(|error| error.to_string())?;

    write_file(&directory.join("client-ca.pem"), &ca_pem, false)?;
    write_file(&directory.join("client-ca.key"), &ca_key, true)?;
    write_file(
        &directory.join("client.pem"),
        &client.certificate_pem,
        false,
    )?;
    write_file(&directory.join("client.key"), &client.private_key_pem, true)?;
    Ok(())
}

fn print_ready(options: &Options, simulator: &RunningSimulator) {
    let password = if options.password == DEFAULT_PASSWORD {
        DEFAULT_PASSWORD
    } else {
        "(as given with --password)"
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "EPKIManagerDevice simulator ready");
    let _ = writeln!(out, "  endpoint:         {}", simulator.url());
    let _ = writeln!(out, "  WSDL:             {}", simulator.wsdl_url());
    if simulator.url().starts_with("https") {
        let _ = writeln!(out, "  private endpoint: {}", simulator.private_url());
    }
    if let Some(path) = &options.ca_cert_out {
        let _ = writeln!(out, "  CA certificate:   {} (CCM_CA_CERT)", path.display());
    }
    let _ = writeln!(out, "  customer URI:     {}", options.customer_uri);
    let _ = writeln!(out, "  login:            {}", options.login);
    let _ = writeln!(out, "  password:         {password}");
    if let Some(directory) = &options.client_ca_dir {
        let _ = writeln!(out, "  client files:     {}", directory.display());
    }
    let _ = out.flush();
}

/// Reads the file that `option` names.
fn read_text(option: &str, path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {option} {}: {error}", path.display()))
}

/// Writes `contents`; a private key file gets mode 0600 on Unix, also when it already existed
/// with a looser mode.
fn write_file(path: &Path, contents: &str, private: bool) -> Result<(), String> {
    let failed = |error: std::io::Error| format!("cannot write {}: {error}", path.display());
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        open.mode(0o600);
    }

    let mut file = open.open(path).map_err(failed)?;
    #[cfg(unix)]
    if private {
        // `mode` applies only to a new file, so narrow an existing one before writing the key.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(failed)?;
    }
    #[cfg(not(unix))]
    let _ = private;

    file.write_all(contents.as_bytes()).map_err(failed)
}

/// Ctrl-C and, on Unix, SIGTERM, registered before the ready lines are printed so that a signal
/// sent right after them is not lost.
struct StopSignal {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignal {
    fn install() -> Result<Self, String> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let register = |kind: SignalKind| {
                signal(kind).map_err(|error| format!("cannot listen for stop signals: {error}"))
            };
            Ok(StopSignal {
                interrupt: register(SignalKind::interrupt())?,
                terminate: register(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(StopSignal {})
    }

    async fn wait(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        #[cfg(not(unix))]
        if let Err(error) = tokio::signal::ctrl_c().await {
            error!(%error, "cannot listen for Ctrl-C; stopping");
        }
    }
}
