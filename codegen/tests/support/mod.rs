//! Shared by the golden and corpus tests: building the compile-check crate.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Directory of the `wsdl-codegen` package.
pub fn package_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the compile-check crate over every `*.rs` file in `dir`, under `#![deny(warnings)]`,
/// with its own target directory so it never waits on the workspace build lock.
///
/// Returns the compiler's messages when the build fails.
pub fn compile_check(dir: &Path, target_name: &str) -> Result<(), String> {
    let package = package_dir();
    let manifest = package.join("tests/compile-check/Cargo.toml");
    let target = package.join("../target").join(target_name);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());

    let output = Command::new(cargo)
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .env("COMPILE_CHECK_DIR", dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|error| format!("failed to run cargo: {error}"))?;

    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// Groups compiler messages by the generated file they point at (`--> FILE:LINE:COL`).
#[allow(dead_code)] // Used by the corpus test only.
pub fn errors_by_file(messages: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut current = String::new();

    for line in messages.lines() {
        if line.starts_with("error") || line.starts_with("warning") {
            current = line.to_owned();
        }
        if let Some(location) = line.trim_start().strip_prefix("--> ") {
            let file = location.split(':').next().unwrap_or(location).to_owned();
            if current.starts_with("error")
                && !found.iter().any(|(f, m)| *f == file && *m == current)
            {
                found.push((file, current.clone()));
            }
        }
    }

    found
}
