//! A WSDL saved from the live service imports its schema from an absolute URL; the build's
//! location map must read the saved schema instead and generate the same code.

use std::path::{Path, PathBuf};

include!("../schema_locations.rs");

fn wsdl_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl")
}

/// Generates code for `wsdl` and returns it without the header line, which names the files read.
fn generate(wsdl: &Path) -> String {
    let mut config = wsdl_codegen::Config::new();
    for url in schema_locations() {
        config = config.map_location(url, wsdl_dir().join("EPKIManagerDevice_schema1.xsd"));
    }
    let code = config.generate(wsdl).unwrap().code;
    code.split_once('\n')
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_default()
}

#[test]
fn live_schema_urls_map_to_saved_schema() {
    let original = std::fs::read_to_string(wsdl_dir().join("EPKIManagerDevice.wsdl")).unwrap();
    let local = r#"schemaLocation="EPKIManagerDevice_schema1.xsd""#;
    assert!(
        original.contains(local),
        "the saved WSDL no longer imports the schema by file name"
    );
    let expected = generate(&wsdl_dir().join("EPKIManagerDevice.wsdl"));

    let dir = std::env::temp_dir().join(format!("ccm-device-live-wsdl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for url in [
        "https://cert-manager.com:443/ws/EPKIManagerDevice?xsd=1",
        "https://hard.cert-manager.com/private/ws/EPKIManagerDevice?xsd=1",
        "http://cert-manager.com/ws/EPKIManagerDevice?xsd=1",
    ] {
        let live = original.replace(local, &format!(r#"schemaLocation="{url}""#));
        let path = dir.join("EPKIManagerDevice.wsdl");
        std::fs::write(&path, live).unwrap();

        let code = generate(&path);
        assert!(
            code == expected,
            "{url}: the generated code differs from the saved WSDL's"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn locations_cover_hosts_and_paths() {
    let urls = schema_locations();
    assert_eq!(urls.len(), 16);
    assert!(urls
        .contains(&"https://cert-manager.com:443/private/ws/EPKIManagerDevice?xsd=1".to_owned()));
    assert!(urls.contains(&"https://hard.cert-manager.com/ws/EPKIManagerDevice?xsd=1".to_owned()));
}
