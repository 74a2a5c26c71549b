//! Walks one device certificate through its life with the async client: makes a 2048-bit RSA
//! key and a CSR, enrolls it, waits for the certificate, writes it to a file, shows its subject,
//! serial number and validity, and revokes it.
//!
//! ```text
//! cargo run -p ccm-device-sim --example device_lifecycle
//! ```
//!
//! With `CCM_URL` unset it starts the simulator in-process on 127.0.0.1 and uses its account.
//! Otherwise it calls the service that these variables describe:
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `CCM_URL` | base URL (`https://cert-manager.com`) or `…/ws/EPKIManagerDevice` URL | in-process simulator |
//! | `CCM_CUSTOMER_URI` | last path segment of the customer's login URL | required |
//! | `CCM_LOGIN` | admin login | required |
//! | `CCM_PASSWORD` | admin password, for password login | |
//! | `CCM_CLIENT_CERT`, `CCM_CLIENT_KEY` | PEM client certificate and key, for certificate login | |
//! | `CCM_CA_CERT` | PEM CA certificate to trust besides the web PKI roots | |
//! | `CCM_ALLOW_HTTP` | `1` allows a plain `http://` URL | off |
//! | `CCM_ORG_ID` | organisation id | required with `CCM_URL`; 1001 in the simulator |
//! | `CCM_CERT_TYPE_ID` | certificate type id | the customer's default type |
//! | `CCM_TERM` | term in years | 1 |
//! | `CCM_COMMON_NAME` | subject common name | `device-01.example.com` |
//! | `CCM_OUT_DIR` | directory for the certificate file | the system temp directory |
//!
//! Against a real account it orders a real certificate and revokes it at the end.
//!
//! The output never shows the password or the private key, and the key is never written.

#[allow(dead_code)] // Each example uses only part of the shared code.
mod support;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ccm_device::{
    Certificate, Client, CollectFormat, Collected, EnrollOptions, OrderNumber, Password,
    WaitOptions, WaitProgress,
};
use ccm_device_sim::testing::{rsa_csr, CsrDigest, TestCsr};
use ccm_device_sim::{RunningSimulator, Simulator};

use support::certificate::CertificateSummary;
use support::service::{env_number, env_text, explain, Access, ServiceSettings};

/// Key size of the generated CSR.
const KEY_BITS: usize = 2048;

/// The values of an enrollment request.
struct Order {
    common_name: String,
    org_id: i32,
    term_years: i32,
    options: EnrollOptions,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut settings = ServiceSettings::from_env();
    let order = order_from_env(settings.url.is_some())?;
    let simulator = if settings.url.is_none() {
        Some(start_simulator(&mut settings).await?)
    } else {
        None
    };

    let client = settings
        .client_builder(Access::Login)?
        .build()
        .map_err(|error| explain(&error))?;
    println!("Service:      {}", client.endpoint_url());
    let info = client
        .web_service_info()
        .await
        .map_err(|error| explain(&error))?;
    println!("Service info: {info}");

    // A read-only call that needs the login, so wrong credentials stop the run before any key
    // is made or order placed.
    let types = client
        .cert_type_ids()
        .await
        .map_err(|error| explain(&error))?;
    println!("Login:        accepted ({} certificate types)", types.len());

    let csr = generate_csr(&order.common_name)?;
    let wait = wait_options(simulator.is_some());
    let (order_number, certificate) = enroll_and_wait(&client, &order, &csr, &wait).await?;

    let path = write_certificate(order_number, certificate.text())?;
    println!("Certificate written to {}", path.display());
    show_certificate(&certificate, &csr)?;

    revoke(&client, order_number).await?;
    if let Some(simulator) = simulator {
        simulator.shutdown().await;
    }
    Ok(())
}

/// Starts the simulator on a free loopback port and points `settings` at it.
async fn start_simulator(settings: &mut ServiceSettings) -> Result<RunningSimulator, String> {
    let simulator = Simulator::builder()
        .pending_polls(2)
        .start()
        .await
        .map_err(|error| format!("the simulator failed to start: {error}"))?;

    settings.password = Some(Password::new(simulator.credentials().password.clone()));
    settings.url = Some(simulator.url());
    settings.customer_uri = Some(simulator.credentials().customer_uri.clone());
    settings.login = Some(simulator.credentials().login.clone());
    settings.allow_http = true;
    println!("CCM_URL is not set, so the simulator was started in-process (set CCM_URL to call another service).");
    Ok(simulator)
}

/// Reads the order from the environment. Against a configured service (`real_service`),
/// `CCM_ORG_ID` is required, because the default organisation exists only in the simulator.
fn order_from_env(real_service: bool) -> Result<Order, String> {
    if real_service && env_text("CCM_ORG_ID").is_none() {
        return Err(
            "CCM_URL is set but CCM_ORG_ID is not: set it to the id of the organisation to \
             enroll for (the default, 1001, exists only in the simulator)"
                .to_owned(),
        );
    }

    let cert_type_id = match env_text("CCM_CERT_TYPE_ID") {
        Some(_) => Some(env_number("CCM_CERT_TYPE_ID", 0)?),
        None => None,
    };
    Ok(Order {
        common_name: env_text("CCM_COMMON_NAME")
            .unwrap_or_else(|| "device-01.example.com".to_owned()),
        org_id: env_number("CCM_ORG_ID", ccm_device_sim::catalogue::ORGANIZATIONS[0].id)?,
        term_years: env_number("CCM_TERM", 1)?,
        options: EnrollOptions {
            cert_type_id,
            ..EnrollOptions::default()
        },
    })
}

fn generate_csr(common_name: &str) -> Result<TestCsr, String> {
    println!("Generating a {KEY_BITS}-bit RSA key and a CSR for CN={common_name} ...");
    let started = Instant::now();
    let csr = rsa_csr(KEY_BITS, common_name, CsrDigest::Sha256)
        .map_err(|error| format!("generating the key and CSR failed: {error}"))?;
    println!("  done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(csr)
}

/// Polls every few hundred milliseconds against the in-process simulator. Against a real
/// service the first check comes after 1 s, and the delay doubles up to the client's default
/// of 60 s, for at most the client's default of 15 minutes.
fn wait_options(simulator: bool) -> WaitOptions {
    let mut wait = WaitOptions {
        first_delay: Duration::from_secs(1),
        ..WaitOptions::default()
    };
    if simulator {
        wait.first_delay = Duration::from_millis(200);
        wait.max_delay = Duration::from_secs(1);
        wait.deadline = Duration::from_secs(30);
    }
    wait.on_progress(print_progress)
}

fn print_progress(progress: &WaitProgress) {
    match progress {
        WaitProgress::Enrolled(order_number) => println!("  order {order_number} created"),
        WaitProgress::Pending {
            order_number,
            attempt,
            next_delay,
        } => println!(
            "  order {order_number} is still being processed (check {attempt}); next check in {:.1} s",
            next_delay.as_secs_f64()
        ),
        WaitProgress::Issued(order_number) => println!("  order {order_number} issued"),
    }
}

async fn enroll_and_wait(
    client: &Client,
    order: &Order,
    csr: &TestCsr,
    wait: &WaitOptions,
) -> Result<(OrderNumber, Certificate), String> {
    let cert_type = match order.options.cert_type_id {
        Some(id) => format!("certificate type {id}"),
        None => "the default certificate type".to_owned(),
    };
    println!(
        "Enrolling for organisation {}, {cert_type}, {}-year term ...",
        order.org_id, order.term_years
    );
    client
        .enroll_and_wait(
            &order.common_name,
            order.org_id,
            order.term_years,
            &csr.pem,
            &order.options,
            wait,
        )
        .await
        .map_err(|error| explain(&error))
}

fn write_certificate(order_number: OrderNumber, pem: &str) -> Result<PathBuf, String> {
    let directory = env_text("CCM_OUT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&directory).map_err(|error| {
        format!(
            "cannot create the directory {}: {error}",
            directory.display()
        )
    })?;
    let path = directory.join(format!("ccm-device-order-{order_number}.pem"));
    write_file(&path, pem)?;
    Ok(path)
}

fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    std::fs::write(path, contents)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// Prints the certificate that contains the CSR's public key. A bundle also contains its issuers.
fn show_certificate(certificate: &Certificate, csr: &TestCsr) -> Result<(), String> {
    let certificates: Vec<&[u8]> = certificate.certificates_der().collect();
    let leaf = certificates
        .iter()
        .find(|der| {
            support::certificate::public_key_der(der).as_deref()
                == Some(csr.public_key_der.as_slice())
        })
        .ok_or("no certificate in the bundle holds the CSR's public key")?;

    let summary = CertificateSummary::from_der(leaf)?;
    println!(
        "  {} certificates in the bundle; the one for the CSR's key:",
        certificates.len()
    );
    println!("{}", summary.to_lines());
    Ok(())
}

async fn revoke(client: &Client, order_number: OrderNumber) -> Result<(), String> {
    let reason = "device_lifecycle example: certificate no longer needed";
    client
        .revoke(order_number, reason)
        .await
        .map_err(|error| explain(&error))?;

    let status = match client
        .collect(order_number, CollectFormat::PemCertificate)
        .await
    {
        Err(error) => error
            .status()
            .map_or_else(|| error.to_string(), |status| status.to_string()),
        Ok(Collected::Pending) => "still being processed".to_owned(),
        Ok(Collected::Issued(_)) => {
            "the certificate, so the revocation is still in progress".to_owned()
        }
    };
    println!("collect for order {order_number} now returns {status}");
    println!("Revoked order {order_number} (reason: {reason:?}).");
    Ok(())
}
