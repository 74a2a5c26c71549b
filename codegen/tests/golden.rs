//! Golden tests: the generated code for every fixture is compared with
//! `tests/golden/NAME.rs`, and all golden files are compiled together under
//! `#![deny(warnings)]` and checked with `cargo clippy -- -D warnings`.
//!
//! Fixtures are discovered: every `*.wsdl` directly in `tests/fixtures/` and
//! `tests/emit-fixtures/`, plus the project's `wsdl/` files, each with the default settings,
//! and the device WSDL once more with the server skeleton, serde derives and the `ns2` prefix.
//! Run with `WSDL_CODEGEN_ACCEPT=1` to write the current output as the new golden files.

mod support;

use std::path::{Path, PathBuf};

use wsdl_codegen::Config;

/// One golden file and how to produce it.
struct Case {
    name: String,
    wsdl: PathBuf,
    config: Config,
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let accept = std::env::var_os("WSDL_CODEGEN_ACCEPT").is_some();
    let golden_dir = support::package_dir().join("tests/golden");

    let mut passed = 0usize;
    let mut failed = Vec::new();
    for case in cases() {
        if filter
            .as_ref()
            .is_some_and(|filter| !case.name.contains(filter.as_str()))
        {
            continue;
        }
        let result = run_case(&case, &golden_dir, accept);
        report(&format!("golden::{}", case.name), &result);
        match result {
            Ok(()) => passed += 1,
            Err(message) => failed.push((case.name, message)),
        }
    }

    if filter.is_none() || filter.as_deref() == Some("compile") {
        let result = support::compile_check(&golden_dir, "compile-check-golden");
        report("golden::compile_all", &result);
        match result {
            Ok(()) => passed += 1,
            Err(message) => failed.push(("compile_all".to_owned(), message)),
        }
    }

    if filter.is_none() || filter.as_deref() == Some("clippy") {
        let result = clippy_check(&golden_dir);
        report("golden::clippy_all", &result);
        match result {
            Ok(()) => passed += 1,
            Err(message) => failed.push(("clippy_all".to_owned(), message)),
        }
    }

    for (name, message) in &failed {
        eprintln!("\n---- {name} ----\n{message}");
    }
    println!("\n{passed} passed, {} failed", failed.len());
    if !failed.is_empty() {
        std::process::exit(1);
    }
}

fn report(name: &str, result: &Result<(), String>) {
    let status = if result.is_ok() { "ok" } else { "FAILED" };
    println!("test {name} ... {status}");
}

fn cases() -> Vec<Case> {
    let package = support::package_dir();
    let project = package.join("..");
    let mut cases = Vec::new();

    let mut entries = wsdl_files(&package.join("tests/fixtures"));
    entries.extend(wsdl_files(&package.join("tests/emit-fixtures")));
    entries.extend(wsdl_files(&project.join("wsdl")));
    entries.extend(wsdl_files(&project.join("wsdl/ssl")));
    for wsdl in entries {
        cases.push(Case {
            name: golden_name(&wsdl),
            wsdl,
            config: Config::new(),
        });
    }

    cases.push(Case {
        name: "epki_manager_device_server".to_owned(),
        wsdl: project.join("wsdl/EPKIManagerDevice.wsdl"),
        config: Config::new()
            .server(true)
            .serde(true)
            .prefix("http://device.ws.epki.comodo.com/", "ns2"),
    });
    cases.push(Case {
        name: "name_clashes_server".to_owned(),
        wsdl: package.join("tests/fixtures/name_clashes.wsdl"),
        config: Config::new().server(true),
    });
    cases.push(Case {
        name: "constructs_server".to_owned(),
        wsdl: package.join("tests/emit-fixtures/constructs.wsdl"),
        config: Config::new().server(true).serde(true),
    });

    cases
}

/// The `*.wsdl` files directly in `dir`, sorted.
fn wsdl_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "wsdl"))
        .collect();
    files.sort();
    files
}

/// Snake case file stem: `EPKIManagerDevice.wsdl` gives `epki_manager_device`.
fn golden_name(wsdl: &Path) -> String {
    let stem = wsdl
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    wsdl_codegen::naming::module_name(&stem)
        .trim_start_matches("r#")
        .to_owned()
}

fn run_case(case: &Case, golden_dir: &Path, accept: bool) -> Result<(), String> {
    let generated = case
        .config
        .generate(&case.wsdl)
        .map_err(|error| format!("generating {} failed:\n{error}", case.wsdl.display()))?;
    let golden = golden_dir.join(format!("{}.rs", case.name));

    if accept {
        return std::fs::write(&golden, &generated.code)
            .map_err(|error| format!("failed to write {}: {error}", golden.display()));
    }

    let expected = std::fs::read_to_string(&golden).map_err(|error| {
        format!(
            "failed to read {} ({error}); run with WSDL_CODEGEN_ACCEPT=1 to create it",
            golden.display()
        )
    })?;
    if expected == generated.code {
        return Ok(());
    }

    let line = expected
        .lines()
        .zip(generated.code.lines())
        .position(|(old, new)| old != new)
        .unwrap_or_else(|| expected.lines().count().min(generated.code.lines().count()));
    Err(format!(
        "{} differs from the generated code, first at line {}:\n  golden:    {}\n  generated: {}\n\
         review the change and run with WSDL_CODEGEN_ACCEPT=1 to accept it",
        golden.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("(end of file)"),
        generated.code.lines().nth(line).unwrap_or("(end of file)"),
    ))
}

/// Runs `cargo clippy -- -D warnings` on the compile-check crate over the golden files, in the
/// same target directory as the build, so only the golden modules are checked again.
///
/// Returns clippy's messages when it reports a lint or cannot run.
fn clippy_check(golden_dir: &Path) -> Result<(), String> {
    let package = support::package_dir();
    let manifest = package.join("tests/compile-check/Cargo.toml");
    let target = package.join("../target/compile-check-golden");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());

    let output = std::process::Command::new(cargo)
        .args(["clippy", "--offline", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .args(["--", "-D", "warnings"])
        .env("COMPILE_CHECK_DIR", golden_dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|error| format!("failed to run cargo clippy: {error}"))?;

    if output.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!(
            "cargo clippy failed on the golden files (install it with \
             `rustup component add clippy` if it is missing):\n{stderr}"
        ))
    }
}
