//! `wsdl-codegen` turns a WSDL 1.1 description and the XML Schemas it uses into Rust types with
//! `yaserde` derives and SOAP operation descriptors for the `soap-runtime` crate.
//!
//! # Stages
//!
//! 1. `read`: load the entry WSDL and every `wsdl:import`, `xs:import` and `xs:include` with
//!    `xmltree`, mapping absolute locations to local files.
//! 2. `resolve`: resolve QNames and build the owned [`ir::Model`]. No `xmltree` type passes this stage.
//! 3. `naming`: choose unique Rust identifiers for types, fields, variants and modules.
//! 4. `emit`: build tokens with `quote!`.
//! 5. `format`: parse with `syn` and print with `prettyplease`.

#![deny(missing_docs)]

mod config;
mod emit;
pub mod error;
mod format;
pub mod ir;
pub mod naming;
mod parts;
mod read;
pub mod resolve;
mod summary;
mod threads;

pub use config::{compile, Config, Generated};
pub use error::{Diagnostic, Error, Warning, WarningKind};
pub use resolve::{load, LoadOptions, Loaded};
pub use summary::{summarize, WarningSummary};
