//! Generates the server skeleton of `EPKIManagerDevice` (types, `Handler` trait and `dispatch`)
//! from the project's WSDL, with the `ns2` prefix the real JAX-WS server writes for the service
//! namespace.

fn main() {
    println!("cargo:rerun-if-changed=wsdl/EPKIManagerDevice_schema1.xsd");
    wsdl_codegen::Config::new()
        .prefix("http://device.ws.epki.comodo.com/", "ns2")
        .server(true)
        .compile("wsdl/EPKIManagerDevice.wsdl");
}
