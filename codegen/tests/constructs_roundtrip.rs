//! Runs the tests of the compile-check crate (`tests/compile-check/tests/`), which decode and
//! encode real XML with the generated code of the golden files: choices, inline sequences,
//! wildcards, mixed text and nillable elements, and the server skeleton with its header blocks.
//!
//! The crate is built with the golden test's target directory, so the generated code is
//! compiled once for both. It needs the crates of the workspace in the local cargo cache
//! (`--offline`), and the golden files must be current (the golden test checks that).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Maximum time the build and run of the round-trip tests may take.
const TIMEOUT: Duration = Duration::from_secs(900);

#[test]
fn generated_code_round_trips() {
    let package = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output_dir =
        std::env::temp_dir().join(format!("constructs-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&output_dir).expect("the temporary directory can be created");
    let stdout_path = output_dir.join("stdout");
    let stderr_path = output_dir.join("stderr");

    let mut child = Command::new(cargo)
        .args(["test", "--offline", "--quiet", "--tests", "--manifest-path"])
        .arg(package.join("tests/compile-check/Cargo.toml"))
        .env("COMPILE_CHECK_DIR", package.join("tests/golden"))
        .env(
            "CARGO_TARGET_DIR",
            package.join("../target/compile-check-golden"),
        )
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("cargo starts");

    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("cargo can be waited for") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the round-trip tests did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };

    let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&output_dir);
    assert!(
        status.success(),
        "the round-trip tests failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("test result: ok"),
        "no test ran:\n{stdout}\n{stderr}"
    );
}
