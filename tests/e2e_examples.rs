//! Runs the `device_lifecycle` and `ccm` example binaries against simulators started by the
//! tests and checks what they print and their exit status.
//!
//! The binaries are built once per test run with `cargo build --examples` into the target
//! directory of this test, which is a no-op when `cargo test` has already built them.

mod e2e_support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use ccm_device_sim::RunningSimulator;
use der::Decode;
use e2e_support::*;
use tokio::runtime::Runtime;

/// Limit for building the examples.
const BUILD_TIMEOUT: Duration = Duration::from_secs(900);
/// Limit for one run of an example.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// Every variable the examples read. Each run starts with none of them set.
const VARIABLES: [&str; 13] = [
    "CCM_URL",
    "CCM_CUSTOMER_URI",
    "CCM_LOGIN",
    "CCM_PASSWORD",
    "CCM_CLIENT_CERT",
    "CCM_CLIENT_KEY",
    "CCM_CA_CERT",
    "CCM_ALLOW_HTTP",
    "CCM_ORG_ID",
    "CCM_CERT_TYPE_ID",
    "CCM_TERM",
    "CCM_COMMON_NAME",
    "CCM_OUT_DIR",
];

/// Builds the examples once and returns the directory that contains them.
fn examples_dir() -> &'static Path {
    static DIRECTORY: OnceLock<PathBuf> = OnceLock::new();
    DIRECTORY.get_or_init(|| {
        // This test runs as <target>/<profile>/deps/e2e_examples-<hash>.
        let executable = std::env::current_exe().expect("test executable path");
        let profile_dir = executable
            .parent()
            .and_then(Path::parent)
            .expect("profile directory");
        let target_dir = profile_dir.parent().expect("target directory");
        let profile = profile_dir
            .file_name()
            .and_then(|name| name.to_str())
            .expect("profile name");

        // Building with the profile that `cargo test` uses for libraries reuses the library
        // that this test links. The dev profile would rebuild it on every run.
        let cargo_profile = match profile {
            "debug" => "test",
            other => other,
        };
        let mut build = Command::new(env!("CARGO"));
        build
            .args(["build", "-q", "-p", "ccm-device-sim", "--examples"])
            .args(["--profile", cargo_profile])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("CARGO_TARGET_DIR", target_dir);
        let output = run(build, BUILD_TIMEOUT);
        assert!(
            output.status.success(),
            "building the examples failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        profile_dir.join("examples")
    })
}

/// Runs `command` with its output captured, killing it after `limit`.
fn run(mut command: Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("starting {command:?} failed: {error}"));
    let stdout = drain(child.stdout.take().expect("stdout pipe"));
    let stderr = drain(child.stderr.take().expect("stderr pipe"));

    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the child") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// An example run's output as text.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn assert_success(&self) {
        assert_eq!(
            self.code,
            Some(0),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}", self.stdout))
    }
}

/// Runs the example `name` with `args` and only the `CCM_*` variables in `variables`.
fn example(name: &str, args: &[&str], variables: &[(&str, String)]) -> Run {
    let mut command = Command::new(examples_dir().join(name));
    command.args(args);
    for variable in VARIABLES {
        command.env_remove(variable);
    }
    for (name, value) in variables {
        command.env(name, value);
    }
    let output = run(command, RUN_TIMEOUT);
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Returns a new empty directory for one test's files.
fn scratch_dir(test: &str) -> PathBuf {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e_examples-{test}"));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("scratch directory");
    directory
}

/// Starts a simulator on a runtime of its own, so that the test thread can wait for a child.
fn start_on_runtime(tls: bool, pending_polls: u32) -> (Runtime, RunningSimulator) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let simulator = if tls {
        runtime.block_on(start_tls(pending_polls))
    } else {
        runtime.block_on(start(pending_polls))
    };
    (runtime, simulator)
}

/// Returns the variables for password login to a plain-HTTP simulator.
fn password_variables(simulator: &RunningSimulator) -> Vec<(&'static str, String)> {
    let accepted = simulator.credentials();
    vec![
        ("CCM_URL", simulator.url()),
        ("CCM_CUSTOMER_URI", accepted.customer_uri.clone()),
        ("CCM_LOGIN", accepted.login.clone()),
        ("CCM_PASSWORD", accepted.password.clone()),
        ("CCM_ALLOW_HTTP", "1".to_owned()),
    ]
}

/// Writes a client certificate for `admin`, its key and the simulator's CA to `directory` and
/// returns the variables for certificate login.
fn certificate_variables(
    simulator: &RunningSimulator,
    directory: &Path,
) -> Vec<(&'static str, String)> {
    let issued = simulator
        .issue_client_certificate("admin")
        .expect("generated client CA")
        .expect("client certificate");
    let write = |name: &str, contents: &str| {
        let path = directory.join(name);
        std::fs::write(&path, contents).expect("write PEM file");
        path.display().to_string()
    };
    vec![
        ("CCM_URL", simulator.url()),
        (
            "CCM_CUSTOMER_URI",
            simulator.credentials().customer_uri.clone(),
        ),
        ("CCM_LOGIN", "admin".to_owned()),
        (
            "CCM_CLIENT_CERT",
            write("client.pem", &issued.certificate_pem),
        ),
        (
            "CCM_CLIENT_KEY",
            write("client.key", &issued.private_key_pem),
        ),
        (
            "CCM_CA_CERT",
            write("ca.pem", simulator.ca_certificate_pem()),
        ),
    ]
}

/// Checks that an example's output shows neither the simulator's password nor a private key.
fn assert_no_secrets(run: &Run, password: &str) {
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains(password), "password in output:\n{text}");
        assert!(
            !text.contains("PRIVATE KEY"),
            "private key in output:\n{text}"
        );
    }
}

#[test]
fn device_lifecycle_starts_simulator() {
    let directory = scratch_dir("lifecycle-in-process");
    let run = example(
        "device_lifecycle",
        &[],
        &[("CCM_OUT_DIR", directory.display().to_string())],
    );
    run.assert_success();
    let stdout = &run.stdout;

    assert!(
        stdout.contains("simulator was started in-process"),
        "{stdout}"
    );
    assert!(stdout.contains("Login:        accepted"), "{stdout}");
    assert!(stdout.contains("2048-bit RSA key"), "{stdout}");
    assert!(
        stdout.contains("is still being processed (check 1)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("subject:       CN=device-01.example.com, O=Example Devices"),
        "{stdout}"
    );
    assert!(stdout.contains("serial number: "), "{stdout}");
    assert!(stdout.contains("valid until:   "), "{stdout}");

    let path_line = stdout
        .lines()
        .find(|line| line.starts_with("Certificate written to "))
        .expect("certificate path line");
    let path = path_line.trim_start_matches("Certificate written to ");
    assert!(Path::new(path).starts_with(&directory), "{path}");
    let pem = std::fs::read_to_string(path).expect("certificate file");
    assert_eq!(
        pem.matches("-----BEGIN CERTIFICATE-----").count(),
        3,
        "{pem}"
    );

    let last = stdout.lines().last().expect("output");
    assert!(last.starts_with("Revoked order "), "{stdout}");
    assert!(
        stdout.contains("(The certificate has been revoked)"),
        "{stdout}"
    );
    assert_no_secrets(&run, ccm_device_sim::DEFAULT_PASSWORD);
}

#[test]
fn device_lifecycle_service_needs_org_id() {
    let (runtime, simulator) = start_on_runtime(false, 0);
    let variables = password_variables(&simulator);

    let run = example("device_lifecycle", &[], &variables);

    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stderr.contains("CCM_ORG_ID is not"), "{}", run.stderr);
    assert!(!run.stdout.contains("Service:"), "{}", run.stdout);
    runtime.block_on(simulator.shutdown());
}

#[test]
fn device_lifecycle_wrong_password_stops_early() {
    let (runtime, simulator) = start_on_runtime(false, 0);
    let mut variables = password_variables(&simulator);
    variables.retain(|(name, _)| *name != "CCM_PASSWORD");
    variables.push(("CCM_PASSWORD", "not-the-password".to_owned()));
    variables.push(("CCM_ORG_ID", "1001".to_owned()));

    let run = example("device_lifecycle", &[], &variables);

    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stderr.contains("-100"), "{}", run.stderr);
    assert!(!run.stdout.contains("RSA key"), "{}", run.stdout);
    assert_no_secrets(&run, "not-the-password");
    runtime.block_on(simulator.shutdown());
}

#[test]
fn device_lifecycle_with_client_certificate() {
    let (runtime, simulator) = start_on_runtime(true, 1);
    let directory = scratch_dir("lifecycle-certificate");
    let mut variables = certificate_variables(&simulator, &directory);
    variables.extend([
        ("CCM_ORG_ID", "1001".to_owned()),
        ("CCM_CERT_TYPE_ID", "2002".to_owned()),
        ("CCM_TERM", "2".to_owned()),
        ("CCM_COMMON_NAME", "mtls.example".to_owned()),
        ("CCM_OUT_DIR", directory.display().to_string()),
    ]);

    let run = example("device_lifecycle", &[], &variables);
    run.assert_success();
    let stdout = &run.stdout;
    assert!(!stdout.contains("in-process"), "{stdout}");
    let service_line = format!("Service:      {}", simulator.private_url());
    assert!(stdout.contains(&service_line), "{stdout}");
    assert!(
        stdout.contains("certificate type 2002, 2-year term"),
        "{stdout}"
    );
    assert!(
        stdout.contains("subject:       CN=mtls.example"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .expect("output")
            .starts_with("Revoked order "),
        "{stdout}"
    );
    assert_no_secrets(&run, ccm_device_sim::DEFAULT_PASSWORD);

    runtime.block_on(simulator.shutdown());
}

#[test]
fn ccm_runs_every_operation() {
    let (runtime, simulator) = start_on_runtime(false, 1);
    let directory = scratch_dir("ccm-operations");
    let variables = password_variables(&simulator);
    let ccm = |args: &[&str]| example("ccm", args, &variables);

    let info = ccm(&["info"]);
    info.assert_success();
    assert_eq!(info.stdout.trim(), ccm_device_sim::WEB_SERVICE_INFO);

    let types = ccm(&["types"]);
    types.assert_success();
    assert!(
        types.stdout.contains("2001  Device TLS Client"),
        "{}",
        types.stdout
    );
    let types = ccm(&["types", "--json"]);
    types.assert_success();
    let listed = types.json()["cert_types"]
        .as_array()
        .expect("cert_types")
        .len();
    assert_eq!(listed, 3);

    let server_type = ccm(&["type", "2002"]);
    server_type.assert_success();
    assert!(
        server_type.stdout.contains("serverAuth, clientAuth"),
        "{}",
        server_type.stdout
    );

    let fields = ccm(&["custom-fields", "--extension", "lab", "--json"]);
    fields.assert_success();
    assert_eq!(fields.json()["custom_fields"][0]["name"], "Bench");

    let csr = csr("cli.example");
    let csr_path = directory.join("device.csr");
    std::fs::write(&csr_path, &csr.pem).expect("CSR file");
    let csr_arg = csr_path.display().to_string();
    let enroll_args = [
        "enroll",
        "--cn",
        "cli.example",
        "--org",
        "1001",
        "--term",
        "1",
        "--csr",
        &csr_arg,
        "--san",
        "a.example,192.0.2.9",
    ];
    let enrolled = ccm(&enroll_args);
    enrolled.assert_success();
    let order = enrolled.stdout.trim().to_owned();
    assert!(order.parse::<i32>().expect("order number") > 0, "{order}");

    let pending = ccm(&["collect", &order]);
    assert_eq!(pending.code, Some(3), "{}", pending.stderr);
    assert!(
        pending.stderr.contains("still being processed"),
        "{}",
        pending.stderr
    );

    let collected = ccm(&[
        "collect", &order, "--wait", "--format", "pem-cert", "--json",
    ]);
    collected.assert_success();
    let json = collected.json();
    assert_eq!(json["status"], "issued");
    assert_eq!(json["format"], "pem-cert");
    let subject = json["first_certificate"]["subject"]
        .as_str()
        .expect("subject");
    assert!(subject.starts_with("CN=cli.example"), "{subject}");
    let serial = json["first_certificate"]["serial_number"]
        .as_str()
        .expect("serial")
        .to_owned();
    let certificate_pem = json["certificate"].as_str().expect("certificate");
    let leaf_der = pem_body(certificate_pem);
    assert_eq!(
        parse(&leaf_der).public_key().raw,
        csr.public_key_der.as_slice()
    );

    let pkcs7_path = directory.join("bundle.p7b");
    let pkcs7_arg = pkcs7_path.display().to_string();
    let written = ccm(&["collect", &order, "--format", "pkcs7-der", "-o", &pkcs7_arg]);
    written.assert_success();
    let der = std::fs::read(&pkcs7_path).expect("PKCS#7 file");
    let content_info = cms::content_info::ContentInfo::from_der(&der).expect("PKCS#7 DER");
    assert_eq!(
        content_info.content_type.to_string(),
        "1.2.840.113549.1.7.2"
    );

    let revoked = ccm(&["revoke", &order, "--reason", "ccm test"]);
    revoked.assert_success();
    assert!(
        revoked.stdout.contains("revoked the certificate of order"),
        "{}",
        revoked.stdout
    );
    let after = ccm(&["collect", &order]);
    assert_eq!(after.code, Some(1), "{}", after.stdout);
    assert!(
        after
            .stderr
            .contains("-21 (The certificate has been revoked)"),
        "{}",
        after.stderr
    );

    let again = ccm(&["revoke-serial", &serial, "--reason", "again", "--json"]);
    assert_eq!(again.code, Some(1), "{}", again.stderr);
    assert_eq!(again.json()["error"]["status_code"], -21);

    let second = ccm(&enroll_args[..]);
    second.assert_success();
    let second_order = second.stdout.trim().to_owned();
    // A timeout beyond what `Instant` can add must not panic; the poll count still bounds it.
    let issued = ccm(&[
        "collect",
        &second_order,
        "--wait",
        "--wait-timeout",
        &u64::MAX.to_string(),
        "--json",
    ]);
    issued.assert_success();
    let second_serial = issued.json()["first_certificate"]["serial_number"]
        .as_str()
        .expect("serial")
        .to_owned();
    let by_serial = ccm(&[
        "revoke-serial",
        &second_serial,
        "--reason",
        "retired",
        "--json",
    ]);
    by_serial.assert_success();
    assert_eq!(by_serial.json()["revoked"], true);
    assert_no_secrets(&by_serial, ccm_device_sim::DEFAULT_PASSWORD);

    runtime.block_on(simulator.shutdown());
}

/// Decodes the first PEM block of `text`.
fn pem_body(text: &str) -> Vec<u8> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(text.as_bytes()).expect("PEM");
    pem.contents
}

#[test]
fn ccm_wrong_password_fails() {
    let (runtime, simulator) = start_on_runtime(false, 0);
    let mut variables = password_variables(&simulator);
    variables.retain(|(name, _)| *name != "CCM_PASSWORD");
    variables.push(("CCM_PASSWORD", "wrong-password".to_owned()));

    let run = example("ccm", &["types"], &variables);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains("-100 (Invalid auth data)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("check the customer URI, login and password"),
        "{}",
        run.stderr
    );
    assert_no_secrets(&run, "wrong-password");

    let run = example("ccm", &["types", "--json"], &variables);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let error = &run.json()["error"];
    assert_eq!(error["status_code"], -100);
    assert_eq!(error["meaning"], "Invalid auth data");
    let hint = error["hint"].as_str().expect("a hint");
    assert!(hint.contains("CCM_PASSWORD"), "{hint}");

    runtime.block_on(simulator.shutdown());
}

#[test]
fn ccm_over_mutual_tls() {
    let (runtime, simulator) = start_on_runtime(true, 0);
    let directory = scratch_dir("ccm-mutual-tls");
    let variables = certificate_variables(&simulator, &directory);

    let run = example("ccm", &["types", "--json"], &variables);
    run.assert_success();
    assert_eq!(run.json()["cert_types"][0]["id"], 2001);

    runtime.block_on(simulator.shutdown());
}

#[test]
fn ccm_without_url_explains() {
    let run = example("ccm", &["info"], &[]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("no service URL: pass --url or set CCM_URL"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("cargo run -q -p ccm-device-sim -- --listen"),
        "{}",
        run.stderr
    );
}

#[test]
fn ccm_invalid_arguments_exit_2() {
    let (runtime, simulator) = start_on_runtime(false, 0);
    let variables = password_variables(&simulator);
    let directory = scratch_dir("ccm-invalid-arguments");
    let csr_path = directory.join("garbage.csr");
    std::fs::write(&csr_path, "not a CSR").expect("CSR file");
    let csr_arg = csr_path.display().to_string();
    let long_reason = "x".repeat(300);

    let enroll_with = |csr: &str| {
        let arguments = ["enroll", "--cn", "x.example", "--org", "1001", "--csr", csr];
        example("ccm", &arguments, &variables)
    };

    let enroll = enroll_with(&csr_arg);
    assert_eq!(enroll.code, Some(2), "{}", enroll.stderr);
    assert!(
        enroll
            .stderr
            .contains(&format!("--csr {csr_arg} is invalid")),
        "{}",
        enroll.stderr
    );

    let der_path = directory.join("request.der");
    std::fs::write(&der_path, [0x30, 0x82, 0x02, 0xff, 0xfe, 0x80]).expect("DER file");
    let der_arg = der_path.display().to_string();
    let der = enroll_with(&der_arg);
    assert_eq!(der.code, Some(2), "{}", der.stderr);
    assert!(der.stderr.contains(&der_arg), "{}", der.stderr);
    assert!(
        der.stderr.contains("openssl req -inform DER"),
        "{}",
        der.stderr
    );

    for order in ["0", "99999999999"] {
        let collect = example("ccm", &["collect", order], &variables);
        assert_eq!(collect.code, Some(2), "{}", collect.stderr);
        assert!(
            collect.stderr.contains("expected a whole number from 1 to"),
            "{}",
            collect.stderr
        );
    }

    let revoke = example(
        "ccm",
        &["revoke", "5", "--reason", &long_reason],
        &variables,
    );
    assert_eq!(revoke.code, Some(2), "{}", revoke.stderr);
    assert!(
        revoke
            .stderr
            .contains("--reason is too long: 300 characters"),
        "{}",
        revoke.stderr
    );

    runtime.block_on(simulator.shutdown());
}

#[test]
fn ccm_rejects_plain_http_without_opt_in() {
    let run = example(
        "ccm",
        &["--url", "http://127.0.0.1:9/ws/EPKIManagerDevice", "info"],
        &[],
    );
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(run.stderr.contains("CCM_ALLOW_HTTP=1"), "{}", run.stderr);
}

/// `ccm --json types | head -1`: the reader closes the pipe before `ccm` writes, which must end
/// `ccm` quietly instead of with a panic.
#[test]
fn ccm_closed_pipe_exits_quietly() {
    let (runtime, simulator) = start_on_runtime(false, 0);
    let mut command = Command::new(examples_dir().join("ccm"));
    command.args(["--json", "types"]);
    for variable in VARIABLES {
        command.env_remove(variable);
    }
    for (name, value) in password_variables(&simulator) {
        command.env(name, value);
    }

    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ccm starts");
    drop(child.stdout.take());
    let stderr = drain(child.stderr.take().expect("stderr pipe"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for ccm") {
            break status;
        }
        assert!(started.elapsed() < RUN_TIMEOUT, "ccm did not finish");
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned();

    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    runtime.block_on(simulator.shutdown());
}

#[test]
fn ccm_logs_without_password() {
    let (runtime, simulator) = start_on_runtime(false, 0);
    let mut variables = password_variables(&simulator);
    variables.push(("RUST_LOG", "trace".to_owned()));

    let run = example("ccm", &["types"], &variables);

    run.assert_success();
    assert!(run.stderr.contains("sending request"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert_no_secrets(&run, &simulator.credentials().password);
    runtime.block_on(simulator.shutdown());
}

#[test]
fn ccm_wait_timeout_reports_pending() {
    let (runtime, simulator) = start_on_runtime(false, 100);
    let directory = scratch_dir("ccm-wait-timeout");
    let variables = password_variables(&simulator);
    let csr_path = directory.join("device.csr");
    std::fs::write(&csr_path, csr("wait.example").pem).expect("CSR file");
    let csr_arg = csr_path.display().to_string();
    let enroll_args = [
        "enroll",
        "--cn",
        "wait.example",
        "--org",
        "1001",
        "--csr",
        &csr_arg,
    ];
    let enrolled = example("ccm", &enroll_args, &variables);
    enrolled.assert_success();
    let order = enrolled.stdout.trim().to_owned();

    let wait_args = ["collect", &order, "--wait", "--wait-timeout", "1"];
    let text = example("ccm", &wait_args, &variables);
    let json_args = ["collect", &order, "--wait", "--wait-timeout", "1", "--json"];
    let json = example("ccm", &json_args, &variables);

    assert_eq!(text.code, Some(3), "{}", text.stderr);
    assert!(text.stderr.contains("--wait-timeout"), "{}", text.stderr);
    assert!(!text.stderr.contains("pass --wait"), "{}", text.stderr);
    assert_eq!(json.code, Some(3), "{}", json.stderr);
    let pending = json.json();
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["order_number"].to_string(), order);
    assert!(pending["collect_calls"].as_u64() >= Some(1), "{pending}");
    runtime.block_on(simulator.shutdown());
}
