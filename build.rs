//! Rebuilds the simulator when the WSDL or schema it embeds changes.
//!
//! TODO: run `wsdl-codegen` with `server(true)` here once it emits the server skeleton, and
//! drop `src/generated_standin.rs`.

fn main() {
    println!("cargo:rerun-if-changed=wsdl/EPKIManagerDevice.wsdl");
    println!("cargo:rerun-if-changed=wsdl/EPKIManagerDevice_schema1.xsd");
}
