//! Python zeep, a SOAP stack written outside this project, loads the simulator's WSDL and calls
//! all eight operations (`tests/python/zeep_sim.py`).

mod sim_support;
mod support;

use std::process::Command;
use std::time::Duration;

use ccm_device_sim::testing::{rsa_csr, CsrDigest};
use sim_support::*;
use x509_parser::pem::Pem;
use x509_parser::prelude::{FromDer, X509Certificate};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_every_operation() {
    let simulator = start(0).await;

    // An order issued through hand-written XML, for zeep to revoke by serial number.
    let first = rsa_csr(1024, "serial.example", CsrDigest::Sha256).expect("CSR");
    let order = enroll(&simulator, &first.pem).await;
    let reply = collect(&simulator, order, 1).await;
    assert_eq!(status_code(&reply), 1);
    let pem = text_of(&reply.body, "certificate").expect("certificate");
    let der = Pem::iter_from_buffer(pem.as_bytes())
        .next()
        .expect("PEM block")
        .expect("PEM")
        .contents;
    let serial = X509Certificate::from_der(&der)
        .expect("certificate")
        .1
        .raw_serial_as_string()
        .replace(':', "");

    let csr = rsa_csr(1024, "zeep.example", CsrDigest::Sha256).expect("CSR");
    let csr_file =
        std::env::temp_dir().join(format!("ccm-device-sim-zeep-{}.csr", std::process::id()));
    std::fs::write(&csr_file, &csr.pem).expect("write CSR file");

    let python = support::python::python();
    let script = support::python::script("zeep_sim.py");
    let wsdl_url = simulator.wsdl_url();
    let run = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(script)
            .arg(wsdl_url)
            .arg(&csr_file)
            .arg(serial)
            .output()
    });
    let output = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("zeep_sim.py finishes within 120 seconds")
        .expect("join")
        .expect("python runs");

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "zeep_sim.py failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert!(stdout.contains("8 passed, 0 failed"), "{stdout}");
    simulator.shutdown().await;
}
