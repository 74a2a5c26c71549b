//! Corpus test: generates code for every entry WSDL under a directory and compiles all of it
//! in one crate under `#![deny(warnings)]`.
//!
//! `WSDL_CORPUS=DIR cargo test -p wsdl-codegen --test corpus` reads the entry list from
//! `DIR/SOURCES.md` (its "Entry WSDLs" list) when there is one, and otherwise takes every
//! `*.wsdl` under DIR that no other WSDL there imports. Without `WSDL_CORPUS`, DIR is this
//! package's `tests/emit-fixtures` plus the project's `wsdl/` files.
//!
//! WSDLs the generator must reject (rpc/encoded bindings) are checked to fail with an error
//! naming the cause; they are not counted as passes.

mod support;

use std::path::{Path, PathBuf};

use wsdl_codegen::Config;

/// File names of WSDLs that must be rejected, with a phrase the error must contain.
const EXPECTED_REJECTIONS: &[(&str, &str)] = &[("GoogleSearch.wsdl", "rpc/encoded")];

/// Deepest directory level searched for WSDL files.
const MAX_DEPTH: usize = 8;

#[test]
fn corpus_generates_and_compiles() {
    let entries = entries();
    assert!(!entries.is_empty(), "no WSDL entries found");

    let out_dir = support::package_dir().join("../target/corpus-generated");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).expect("the target directory is writable");

    let mut failures = Vec::new();
    let mut generated = 0usize;
    for (label, wsdl) in &entries {
        match check_entry(label, wsdl, &out_dir) {
            Ok(true) => generated += 1,
            Ok(false) => {}
            Err(message) => failures.push(format!("{label}: {message}")),
        }
    }

    if generated > 0 {
        if let Err(messages) = support::compile_check(&out_dir, "compile-check-corpus") {
            let by_file = support::errors_by_file(&messages);
            if by_file.is_empty() {
                failures.push(format!("compiling the generated code failed:\n{messages}"));
            }
            for (file, error) in by_file {
                failures.push(format!("{file}: {error}"));
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} entries failed:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

/// Generates one entry into `out_dir`; `Ok(false)` for an expected rejection.
fn check_entry(label: &str, wsdl: &Path, out_dir: &Path) -> Result<bool, String> {
    let file_name = wsdl
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rejection = EXPECTED_REJECTIONS
        .iter()
        .find(|(name, _)| *name == file_name)
        .map(|(_, phrase)| *phrase);

    match (Config::new().generate(wsdl), rejection) {
        (Ok(generated), None) => {
            let module: String = label
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            let path = out_dir.join(format!("{module}.rs"));
            std::fs::write(&path, generated.code)
                .map_err(|error| format!("failed to write {}: {error}", path.display()))?;
            Ok(true)
        }
        (Ok(_), Some(phrase)) => Err(format!("generated code, but must be rejected ({phrase})")),
        (Err(error), Some(phrase)) if error.to_string().contains(phrase) => Ok(false),
        (Err(error), Some(phrase)) => Err(format!("rejected without naming {phrase}: {error}")),
        (Err(error), None) => Err(error.to_string()),
    }
}

/// The entries to check, as (label, path) pairs.
fn entries() -> Vec<(String, PathBuf)> {
    match std::env::var_os("WSDL_CORPUS") {
        Some(dir) => corpus_entries(Path::new(&dir)),
        None => {
            let package = support::package_dir();
            let mut dirs = vec![package.join("tests/emit-fixtures"), package.join("../wsdl")];
            dirs.push(package.join("../wsdl/ssl"));
            dirs.iter()
                .flat_map(|dir| unimported_wsdls(dir, 1))
                .collect()
        }
    }
}

fn corpus_entries(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(sources) = std::fs::read_to_string(dir.join("SOURCES.md")) else {
        return unimported_wsdls(dir, MAX_DEPTH);
    };

    sources
        .lines()
        .skip_while(|line| !line.starts_with("## Entry WSDLs"))
        .skip(1)
        .take_while(|line| !line.starts_with("## "))
        .filter_map(|line| line.trim().strip_prefix("- `")?.strip_suffix('`'))
        .map(|relative| (relative.to_owned(), dir.join(relative)))
        .collect()
}

/// Every `*.wsdl` under `dir` (down to `depth` levels) that no other WSDL there names in an
/// import `location`.
fn unimported_wsdls(dir: &Path, depth: usize) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    collect_wsdls(dir, depth, &mut files);
    files.sort();

    let texts: Vec<String> = files
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap_or_default())
        .collect();

    files
        .iter()
        .filter(|file| {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let needle = format!("location=\"{name}\"");
            !texts.iter().any(|text| text.contains(&needle))
        })
        .map(|file| {
            let label = file
                .strip_prefix(dir)
                .unwrap_or(file)
                .to_string_lossy()
                .into_owned();
            (label, file.clone())
        })
        .collect()
}

fn collect_wsdls(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
        if path.is_dir() && depth > 1 {
            collect_wsdls(&path, depth - 1, files);
        } else if path.extension().is_some_and(|ext| ext == "wsdl") {
            files.push(path);
        }
    }
}
