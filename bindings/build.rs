//! Generates the message types and operation descriptors from `../wsdl/EPKIManagerDevice.wsdl`.

use std::path::PathBuf;

/// Hosts and paths where the live service publishes its schema. The live WSDL imports
/// `{base}/ws/EPKIManagerDevice?xsd=1`; each is mapped to the saved schema, so a customer can
/// drop the live WSDL into `wsdl/` unchanged.
const HOSTS: [&str; 4] = [
    "cert-manager.com",
    "cert-manager.com:443",
    "hard.cert-manager.com",
    "hard.cert-manager.com:443",
];
const PATHS: [&str; 2] = ["ws", "private/ws"];
const SCHEMES: [&str; 2] = ["https", "http"];

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let wsdl_dir = manifest_dir.join("../wsdl");
    let schema = wsdl_dir.join("EPKIManagerDevice_schema1.xsd");

    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_SERDE");
    let serde = std::env::var_os("CARGO_FEATURE_SERDE").is_some();

    let mut config = wsdl_codegen::Config::new().serde(serde);
    for scheme in SCHEMES {
        for host in HOSTS {
            for path in PATHS {
                let url = format!("{scheme}://{host}/{path}/EPKIManagerDevice?xsd=1");
                config = config.map_location(url, schema.clone());
            }
        }
    }

    config.compile(wsdl_dir.join("EPKIManagerDevice.wsdl"));
}
