//! The project's Python test environment, created on first use by `scripts/python-env.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Returns the interpreter of the project's virtual environment (`target/python-venv`), creating the
/// environment and installing `tests/python/requirements.txt` on the first call of the process.
///
/// Panics with the script's output when the environment cannot be set up: a test that needs Python
/// then fails instead of being skipped.
pub fn python() -> PathBuf {
    static INTERPRETER: OnceLock<PathBuf> = OnceLock::new();
    INTERPRETER.get_or_init(set_up_environment).clone()
}

/// Returns the path of a script in `tests/python/`.
pub fn script(name: &str) -> PathBuf {
    repo_root().join("tests").join("python").join(name)
}

/// Returns the root of the repository (the root package's manifest directory).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn set_up_environment() -> PathBuf {
    let script = repo_root().join("scripts").join("python-env.sh");
    let output = Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|error| panic!("running {} failed: {error}", script.display()));

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} failed ({}); the Python test environment is required:\n{stderr}",
        script.display(),
        output.status,
    );

    let interpreter = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    assert!(
        interpreter.is_file(),
        "{} printed '{}', which is not a file; expected the venv's interpreter path",
        script.display(),
        interpreter.display(),
    );
    interpreter
}
