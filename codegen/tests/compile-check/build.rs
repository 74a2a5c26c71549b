//! Writes `$OUT_DIR/modules.rs`: one module per `*.rs` file in `COMPILE_CHECK_DIR` (default:
//! the golden files next to this crate), named after the file.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=COMPILE_CHECK_DIR");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = std::env::var_os("COMPILE_CHECK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("../golden"));
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("failed to read {}: {error}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();

    let mut modules = String::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let module: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let _ = writeln!(
            modules,
            "#[path = {:?}]\npub mod m_{module};",
            file.display().to_string()
        );
    }

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("modules.rs");
    std::fs::write(&out, modules)
        .unwrap_or_else(|error| panic!("failed to write {}: {error}", out.display()));
}
