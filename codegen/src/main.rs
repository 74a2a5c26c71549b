//! Command-line front end of `wsdl-codegen`.

fn main() {}
