//! Generates code for each WSDL of `WSDLS` into `$OUT_DIR/LABEL.rs`, and `$OUT_DIR/dispatch.rs`:
//! the list of labels with WSDL paths, and a function that maps a WSDL label and an operation
//! name to the round trip of that operation's generated types.
//!
//! Corpus WSDLs are read from `WSDL_CORPUS` (default: `shared/wsdl-corpus` beside the
//! repository), the project's own from `wsdl/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Label (the generated module's name) and WSDL path. A path starting with `corpus/` is
/// relative to the corpus directory, any other to the repository root.
const WSDLS: &[(&str, &str)] = &[
    (
        "tempconverter",
        "corpus/tempconverter-learnwebservices/tempconverter.wsdl",
    ),
    (
        "countryinfo",
        "corpus/countryinfo-oorsprong/countrinfoservice.wsdl",
    ),
    ("docdata", "corpus/docdata-payments/1_3.wsdl"),
    ("epcis", "corpus/epcis/EPCglobal-epcis-query-1_2.wsdl"),
    (
        "cybersource",
        "corpus/cybersource/CyberSourceTransaction_1.26.wsdl",
    ),
    ("telkom", "corpus/telkom-ordercontract/OrderContract.wsdl"),
    ("cxf_fault", "corpus/cxf/hello_world_fault.wsdl"),
    ("cxf_rpc", "corpus/cxf/hello_world_rpc_lit.wsdl"),
    ("cxf_soap12", "corpus/cxf/hello_world_soap12.wsdl"),
    ("zeep_header", "corpus/zeep-py/soap_header.wsdl"),
    ("device", "wsdl/EPKIManagerDevice.wsdl"),
    ("ssl", "wsdl/ssl/EPKIManagerSSL.wsdl"),
];

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let repository = manifest_dir.join("../../..");
    let corpus = std::env::var_os("WSDL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository.join("../shared/wsdl-corpus"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-env-changed=WSDL_CORPUS");

    let mut modules = String::new();
    let mut arms = String::new();
    let mut list = String::new();
    for (label, relative) in WSDLS {
        let wsdl = match relative.strip_prefix("corpus/") {
            Some(inside) => corpus.join(inside),
            None => repository.join(relative),
        };
        let generated = wsdl_codegen::Config::new()
            .generate(&wsdl)
            .unwrap_or_else(|error| {
                panic!("generating code for {} failed:\n{error}", wsdl.display())
            });
        for file in &generated.files {
            println!("cargo:rerun-if-changed={}", file.display());
        }

        let _ = writeln!(list, "    ({label:?}, {:?}),", wsdl.display().to_string());
        let path = out_dir.join(format!("{label}.rs"));
        write(&path, &generated.code);
        // NOTE: generated `Headers::from_elements` matches on the block name with a single arm
        // when a message has one header block, which clippy's `single_match` lint flags. The
        // lint stays allowed on generated modules until the generator writes an `if` there.
        let _ = writeln!(
            modules,
            "#[allow(clippy::single_match)]\npub mod {label} {{\n    include!({:?});\n}}",
            path.display().to_string()
        );
        for (module, operation, name) in operations(&generated.code) {
            let _ = writeln!(
                arms,
                "        ({label:?}, {name:?}) => run::<crate::{label}::{module}::{operation}>(direction, envelope),"
            );
        }
    }

    let dispatch = format!(
        "{modules}\n\
         /// Label and path of each WSDL that code was generated for.\n\
         pub const WSDLS: &[(&str, &str)] = &[\n{list}];\n\n\
         /// Runs the round trip of operation `operation` of the WSDL labelled `wsdl`, or returns\n\
         /// `None` when there is no such operation.\n\
         pub fn dispatch(wsdl: &str, operation: &str, direction: Direction, envelope: &[u8]) -> Option<Result<String, String>> {{\n\
         \x20   let result = match (wsdl, operation) {{\n{arms}        _ => return None,\n    }};\n    Some(result)\n}}\n"
    );
    write(&out_dir.join("dispatch.rs"), &dispatch);
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text)
        .unwrap_or_else(|error| panic!("failed to write {}: {error}", path.display()));
}

/// Finds the operations of the first binding module that binds each operation name, as
/// (module, struct, WSDL name), by reading the generated code: each binding module starts
/// with `pub mod NAME {` at the start of a line and contains `impl ::soap_runtime::Operation for
/// STRUCT {` followed by the descriptor's `name: "..."` line.
fn operations(code: &str) -> Vec<(String, String, String)> {
    let mut found: Vec<(String, String, String)> = Vec::new();
    let mut module = String::new();
    let mut operation: Option<String> = None;

    for line in code.lines() {
        if let Some(rest) = line.strip_prefix("pub mod ") {
            module = rest.trim_end_matches(" {").to_string();
        } else if let Some(rest) = line
            .trim()
            .strip_prefix("impl ::soap_runtime::Operation for ")
        {
            operation = Some(rest.trim_end_matches(" {").to_string());
        } else if let Some(rest) = line.trim().strip_prefix("name: \"") {
            let Some(struct_name) = operation.take() else {
                continue;
            };
            let name = rest.trim_end_matches("\",").to_string();
            if !found.iter().any(|(_, _, existing)| *existing == name) {
                found.push((module.clone(), struct_name, name));
            }
        }
    }
    found
}
