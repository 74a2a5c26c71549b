//! Generates the message types and operation descriptors from `../wsdl/EPKIManagerDevice.wsdl`.
//!
//! The live WSDL imports its schema from an absolute URL of the service. Each such URL is mapped
//! to the saved schema, so a customer can drop the live WSDL into `wsdl/` unchanged.

use std::path::PathBuf;

include!("schema_locations.rs");

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let wsdl_dir = manifest_dir.join("../wsdl");
    let schema = wsdl_dir.join("EPKIManagerDevice_schema1.xsd");

    println!("cargo:rerun-if-changed=schema_locations.rs");
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_SERDE");
    let serde = std::env::var_os("CARGO_FEATURE_SERDE").is_some();

    let mut config = wsdl_codegen::Config::new().serde(serde);
    for url in schema_locations() {
        config = config.map_location(url, schema.clone());
    }

    config.compile(wsdl_dir.join("EPKIManagerDevice.wsdl"));
}
