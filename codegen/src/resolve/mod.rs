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
//!
//! # Mistakes that are warnings
//!
//! WSDLs published by real services often contain mistakes that other SOAP toolkits accept.
//! The resolver works around the following ones, each reported as a [`Warning`] with the file
//! and element path, and loads the rest:
//!
//! - A binding operation that the port type does not declare
//!   ([`crate::WarningKind::UnknownBindingOperation`]): the operation is skipped.
//! - A name in `soap:body/@parts` that the message lacks ([`crate::WarningKind::UnknownPart`]): the
//!   name is ignored. The body takes the remaining listed parts, or every part that is not a
//!   header when no listed name is left.
//! - A reference from inside a schema to a type, element or attribute that no schema defines
//!   ([`crate::WarningKind::UnresolvedReference`]): the reference becomes `xs:anyType`
//!   (`xs:anySimpleType` for values and attributes), so the data is kept as untyped XML or text.
//!   A derivation from a missing base type keeps only the derived type's own content.
//! - Schema structure that XML Schema does not allow and that can be left out, such as a
//!   particle directly inside `xs:element` ([`crate::WarningKind::InvalidSchema`]): the misplaced
//!   element is skipped.
//!
//! These stay errors: references from WSDL messages, bindings and ports to components that do
//! not exist, references to undefined model groups and attribute groups (their content cannot
//! be guessed), undeclared namespace prefixes, and files that cannot be read or parsed.

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
