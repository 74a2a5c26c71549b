//! Generates the server skeleton of `EPKIManagerDevice` (types, `Handler` trait and `dispatch`)
//! from the project's WSDL, with the `ns2` prefix the real JAX-WS server writes for the service
//! namespace.
//!
//! Like `bindings/build.rs`, it maps each URL where the live service publishes its schema to the
//! saved schema, so the live WSDL can replace `wsdl/EPKIManagerDevice.wsdl` unchanged.

include!("bindings/schema_locations.rs");

fn main() {
    let schema = "wsdl/EPKIManagerDevice_schema1.xsd";
    println!("cargo:rerun-if-changed={schema}");
    println!("cargo:rerun-if-changed=bindings/schema_locations.rs");

    let mut config = wsdl_codegen::Config::new()
        .prefix("http://device.ws.epki.comodo.com/", "ns2")
        .server(true);
    for url in schema_locations() {
        config = config.map_location(url, schema);
    }

    config.compile("wsdl/EPKIManagerDevice.wsdl");
}
