//! Generation time (load, resolve, emit and format, in process): the device WSDL, the largest
//! corpus WSDL (Exchange Web Services), all corpus entries together, and each corpus entry.
//! The corpus is read from `WSDL_CORPUS` (default `../shared/wsdl-corpus` next to the project);
//! benchmarks whose WSDL is missing are left out with a message.
//!
//! Run with `cargo bench -p wsdl-codegen --bench generate`; it takes about three minutes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use wsdl_codegen::Config;

fn corpus_dir() -> PathBuf {
    std::env::var_os("WSDL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl-corpus"))
}

/// Entry WSDLs listed under "Entry WSDLs" in the corpus's SOURCES.md.
fn corpus_entries(dir: &Path) -> Vec<PathBuf> {
    let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap_or_default();
    sources
        .lines()
        .skip_while(|line| !line.starts_with("## Entry WSDLs"))
        .skip(1)
        .take_while(|line| !line.starts_with("## "))
        .filter_map(|line| line.trim().strip_prefix("- `")?.strip_suffix('`'))
        .map(|relative| dir.join(relative))
        .collect()
}

fn bench_generate(c: &mut Criterion) {
    let config = Config::new();
    let device = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/EPKIManagerDevice.wsdl");
    c.bench_function("device", |b| b.iter(|| config.generate(&device)));

    let corpus = corpus_dir();
    let ews = corpus.join("ews-exchange/services.wsdl");
    if ews.exists() {
        c.bench_function("ews", |b| b.iter(|| config.generate(&ews)));
    } else {
        eprintln!(
            "{} not found: set WSDL_CORPUS; skipping the EWS benchmark",
            ews.display()
        );
    }

    let entries = corpus_entries(&corpus);
    if entries.is_empty() {
        eprintln!(
            "no corpus entries in {}: skipping the corpus benchmarks",
            corpus.display()
        );
        return;
    }
    c.bench_function("corpus_all", |b| {
        b.iter(|| {
            for entry in &entries {
                // Expected rejections (rpc/encoded) count too: their time is the time to fail.
                let _ = config.generate(entry);
            }
        })
    });

    let mut group = c.benchmark_group("corpus");
    for entry in &entries {
        let name = entry
            .strip_prefix(&corpus)
            .unwrap_or(entry)
            .display()
            .to_string();
        group.bench_function(name, |b| b.iter(|| config.generate(entry)));
    }
    group.finish();
}

/// Ten samples of about two seconds each, so the whole run stays within a few minutes even
/// though one EWS generation takes a few hundred milliseconds.
fn settings() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = settings();
    targets = bench_generate
}
criterion_main!(benches);
