//! The `ccm-device-sim` binary: it prints its URL and credentials, serves requests, writes the
//! client files it generates and stops on SIGTERM.

mod sim_support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sim_support::*;

/// Stops the child on drop, so a failing test leaves no process behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary with `arguments` and returns it with the lines it printed up to the
/// `password:` line.
fn launch(arguments: &[&str]) -> (Running, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccm-device-sim"))
        .args(arguments)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);

    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines().take(20) {
        let line = line.expect("stdout line");
        let done = line.trim_start().starts_with("password:");
        lines.push(line);
        if done {
            break;
        }
    }
    (running, lines)
}

fn value_of<'a>(lines: &'a [String], label: &str) -> &'a str {
    lines
        .iter()
        .find_map(|line| line.trim_start().strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} line in {lines:?}"))
        .trim()
}

/// Sends SIGTERM and waits (bounded) for the process to exit.
fn terminate(running: &mut Running) -> std::process::ExitStatus {
    let pid = running.0.id().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -TERM {pid} failed");

    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if let Some(status) = running.0.try_wait().expect("wait") {
            return status;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("simulator did not stop within 15 seconds of SIGTERM");
}

#[tokio::test]
async fn binary_serves_and_stops_on_sigterm() {
    let (mut running, lines) = launch(&["--listen", "127.0.0.1:0", "--pending-polls", "0"]);
    let url = value_of(&lines, "endpoint:").to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{lines:?}");
    assert_eq!(value_of(&lines, "customer URI:"), "ExampleCustomer");
    assert_eq!(value_of(&lines, "login:"), "admin");
    assert_eq!(value_of(&lines, "password:"), "secret");

    let reply = post(&url, &envelope("getDeviceCertTypeIds", &auth())).await;
    assert_eq!(status_code(&reply), 0);

    let status = terminate(&mut running);
    assert!(status.success(), "exit status {status}");
}

#[tokio::test]
async fn binary_hides_a_custom_password() {
    let (mut running, lines) = launch(&["--listen", "127.0.0.1:0", "--password", "hunter2-custom"]);
    assert!(
        lines.iter().all(|line| !line.contains("hunter2-custom")),
        "{lines:?}"
    );
    let url = value_of(&lines, "endpoint:").to_string();

    let reply = post(
        &url,
        &envelope(
            "getDeviceCertTypeIds",
            &auth_with("ExampleCustomer", "admin", "hunter2-custom"),
        ),
    )
    .await;
    assert_eq!(status_code(&reply), 0);
    let reply = post(&url, &envelope("getDeviceCertTypeIds", &auth())).await;
    assert_eq!(status_code(&reply), -100);
    terminate(&mut running);
}

#[tokio::test]
async fn binary_writes_generated_client_files() {
    let directory = std::env::temp_dir().join(format!("ccm-device-sim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let ca_file = directory.join("simulator-ca.pem");
    let (mut running, lines) = launch(&[
        "--listen",
        "127.0.0.1:0",
        "--tls-generate",
        "--client-ca-dir",
        directory.to_str().expect("UTF-8 path"),
        "--ca-cert-out",
        ca_file.to_str().expect("UTF-8 path"),
    ]);
    let private_url = value_of(&lines, "private endpoint:").to_string();
    assert!(private_url.starts_with("https://127.0.0.1:"), "{lines:?}");
    assert_eq!(
        value_of(&lines, "CA certificate:"),
        format!("{} (CCM_CA_CERT)", ca_file.display())
    );

    let read = |name: &str| std::fs::read_to_string(directory.join(name)).expect(name);
    for name in ["client-ca.pem", "client-ca.key", "client.pem", "client.key"] {
        assert!(read(name).contains("-----BEGIN"), "{name}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(directory.join("client.key"))
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o077,
            0,
            "client.key is readable by others: {mode:o}"
        );
    }

    let ca_pem = std::fs::read_to_string(&ca_file).expect("CA file");
    let connector = tls_client(&ca_pem, Some((&read("client.pem"), &read("client.key"))));
    let body = envelope(
        "getDeviceCertTypeIds",
        "<authData><customerLoginUri>ExampleCustomer</customerLoginUri><login>admin</login></authData>",
    );
    let reply = send_tls(&connector, "POST", &private_url, &body)
        .await
        .expect("HTTPS");
    assert_eq!(status_code(&reply), 0);

    terminate(&mut running);
    let _ = std::fs::remove_dir_all(&directory);
}

#[cfg(unix)]
#[tokio::test]
async fn binary_narrows_existing_key_files() {
    use std::os::unix::fs::PermissionsExt;

    let directory =
        std::env::temp_dir().join(format!("ccm-device-sim-cli-keys-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    for name in ["client-ca.key", "client.key"] {
        let path = directory.join(name);
        std::fs::write(&path, "old").expect(name);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect(name);
    }

    // The files are written before the lines that `launch` waits for are printed.
    let (mut running, lines) = launch(&[
        "--listen",
        "127.0.0.1:0",
        "--tls-generate",
        "--client-ca-dir",
        directory.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(value_of(&lines, "login:"), "admin");

    for name in ["client-ca.key", "client.key"] {
        let path = directory.join(name);
        let mode = std::fs::metadata(&path).expect(name).permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{name} has mode {mode:o}");
        let key = std::fs::read_to_string(&path).expect(name);
        assert!(key.contains("PRIVATE KEY"), "{name} was not rewritten");
    }

    terminate(&mut running);
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn binary_rejects_client_ca_without_tls() {
    let output = Command::new(env!("CARGO_BIN_EXE_ccm-device-sim"))
        .args(["--listen", "127.0.0.1:0", "--client-ca-dir", "/nonexistent"])
        .output()
        .expect("binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--tls-generate"), "{stderr}");
}

#[test]
fn help_lists_the_catalogue() {
    let output = Command::new(env!("CARGO_BIN_EXE_ccm-device-sim"))
        .arg("--help")
        .output()
        .expect("binary runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("1001 Example Devices"), "{help}");
    assert!(help.contains("2001 Device TLS Client"), "{help}");
    assert!(help.contains("[default: secret]"), "{help}");
}

/// Runs the binary with `arguments` until it exits (at most 15 seconds) and returns its status
/// and standard error.
fn run_to_exit(arguments: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccm-device-sim"))
        .args(arguments)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });

    let mut running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = running.0.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the binary did not exit");
        std::thread::sleep(Duration::from_millis(50));
    };
    (status, reader.join().expect("stderr reader"))
}

#[test]
fn taken_port_fails_with_hint() {
    let occupied = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = occupied.local_addr().expect("address").to_string();

    let (status, stderr) = run_to_exit(&["--listen", &address]);

    assert!(!status.success());
    assert!(
        stderr.contains(&format!("cannot listen on {address}")),
        "{stderr}"
    );
    assert!(stderr.contains("pick another port"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "colour codes in a log file: {stderr:?}"
    );
}

#[test]
fn localhost_listen_means_loopback() {
    let (mut running, lines) = launch(&["--listen", "localhost:0"]);

    assert!(
        value_of(&lines, "endpoint:").starts_with("http://127.0.0.1:"),
        "{lines:?}"
    );
    terminate(&mut running);
}

#[test]
fn listen_rejects_host_names() {
    let (status, stderr) = run_to_exit(&["--listen", "device-host:8080"]);

    assert!(!status.success());
    assert!(stderr.contains("127.0.0.1:8080"), "{stderr}");
}
