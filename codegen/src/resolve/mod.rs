//! The resolve stage: turns the documents of the read stage into the owned [`Model`].
//!
//! Steps, each in its own module:
//!
//! 1. [`schema`]: find every schema document (inline, imported, included) and index its global
//!    components by QName, which fixes the ids of named types and global elements.
//! 2. [`types`], [`particles`], [`attributes`], [`elements`]: convert schema components into
//!    IR types and elements.
//! 3. [`wsdl`], [`messages`]: resolve messages, port types, bindings and services.
//!
//! Every problem is collected before [`load`] fails, and nothing here panics on input.

mod attributes;
mod builtins;
mod elements;
mod messages;
mod particles;
mod schema;
mod types;
mod wsdl;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Report, Warning};
use crate::ir::{ElementDef, ElementId, Model};
use crate::read::{read_library, xml::wsdl_docs};

/// Options of [`load`].
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Maps an absolute `location`/`schemaLocation` URL (exact string) to a local file.
    pub location_map: BTreeMap<String, PathBuf>,
}

/// A resolved WSDL with the constructs skipped on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The model.
    pub model: Model,
    /// Constructs skipped on purpose, in the order found.
    pub warnings: Vec<Warning>,
}

/// Reads the WSDL at `entry` with everything it imports and resolves it into a [`Model`].
///
/// Nothing is fetched from the network: an absolute import location must be in
/// `options.location_map` or name a namespace built into the resolver (SOAP encoding, `xml:`,
/// `xmime:`, WSDL, XML Schema).
///
/// # Errors
///
/// [`Error::Io`] when `entry` cannot be read, and [`Error::Input`] listing every problem found
/// in the documents otherwise.
pub fn load(entry: &Path, options: &LoadOptions) -> Result<Loaded, Error> {
    let mut report = Report::default();
    let library = read_library(entry, &options.location_map, &mut report)?;

    let schemas = schema::collect(&library, &mut report);
    let (types, elements) = types::TypeBuilder::new(&schemas, &mut report).build();
    let mut elements: Vec<ElementDef> = elements.into_iter().flatten().collect();
    if elements.len() != schemas.elements.len() {
        // Every global element is converted unless a bug stopped it; ids would shift.
        report.error(
            entry,
            "",
            "internal error: a global element was not converted",
        );
    }

    let tables = wsdl::collect(&library, &mut report);
    let mut resolver = wsdl::WsdlResolver {
        schemas: &schemas,
        elements: &mut elements,
        synthesized: HashMap::new(),
        report: &mut report,
        tables,
    };
    let (bindings, services) = resolver.resolve();

    if !report.diagnostics.is_empty() {
        return Err(Error::Input(report.diagnostics));
    }

    let model = Model {
        types,
        elements: elements
            .into_iter()
            .enumerate()
            .map(|(index, element)| (ElementId(index), element))
            .collect(),
        services,
        bindings,
        files: library
            .documents
            .iter()
            .map(|document| document.file.clone())
            .collect(),
        docs: library
            .documents
            .first()
            .and_then(|entry| wsdl_docs(&entry.root)),
    };
    Ok(Loaded {
        model,
        warnings: report.warnings,
    })
}
