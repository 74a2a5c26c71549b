//! The read stage: loads the entry WSDL and every file it reaches through `wsdl:import`,
//! `xs:import`, `xs:include` and `xs:redefine`, each file once, cycles included.

mod file;
pub(crate) mod location;
pub(crate) mod parse;
mod prefetch;
pub(crate) mod xml;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use xmltree::Element;

use crate::error::{Error, Report};
use location::Target;
use prefetch::{prefetch, Prefetched};
use xml::{attr, child_path, children, is, is_xs, WSDL};

/// One parsed file.
#[derive(Debug)]
pub(crate) struct Document {
    /// Path as reached from the entry file (for messages), not canonicalized.
    pub(crate) file: PathBuf,
    /// Root element: `wsdl:definitions` or `xs:schema`.
    pub(crate) root: Element,
}

/// Every document reached from the entry WSDL, entry first, in discovery order.
#[derive(Debug)]
pub(crate) struct Library {
    pub(crate) documents: Vec<Document>,
    /// Maps (referring document, location as written) to the document it loaded.
    links: HashMap<(usize, String), usize>,
}

impl Library {
    /// Returns the document that `location`, written in document `from`, loaded. `None` when
    /// the location names a built-in namespace or failed to load (already reported).
    pub(crate) fn linked(&self, from: usize, location: &str) -> Option<usize> {
        self.links.get(&(from, location.to_string())).copied()
    }
}

/// A `location`/`schemaLocation` found in a document.
struct Reference {
    location: String,
    namespace: Option<String>,
    /// Element path of the importing element.
    path: String,
}

/// Reads the entry WSDL and everything it references.
///
/// Fails with [`Error::Io`] when the entry file cannot be read, and with [`Error::Input`] when
/// it is not a well-formed WSDL 1.1 document. Problems in referenced files go to `report`.
pub(crate) fn read_library(
    entry: &Path,
    location_map: &BTreeMap<String, PathBuf>,
    report: &mut Report,
) -> Result<Library, Error> {
    let mut prefetched = prefetch(entry, location_map);
    let parsed = match prefetched.take(&canonical_or_same(entry)) {
        Some(parsed) => parsed,
        None => {
            let bytes = file::read_input(entry).map_err(|source| Error::Io {
                path: entry.to_path_buf(),
                source,
            })?;
            parse::parse_xml(&bytes)
        }
    };
    let root = parsed.map_err(|message| malformed(entry, &message))?;
    check_entry_root(entry, &root)?;

    let mut library = Library {
        documents: vec![Document {
            file: entry.to_path_buf(),
            root,
        }],
        links: HashMap::new(),
    };
    let mut loaded: HashMap<PathBuf, usize> = HashMap::new();
    loaded.insert(canonical_or_same(entry), 0);

    let mut queue = VecDeque::from([0usize]);
    while let Some(index) = queue.pop_front() {
        let references = match library.documents.get(index) {
            Some(document) => references(&document.root),
            None => continue,
        };
        for reference in references {
            let from = library.documents[index].file.clone();
            let target = location::locate(
                &reference.location,
                reference.namespace.as_deref(),
                &from,
                location_map,
            );
            let path = match target {
                Target::WellKnown => continue,
                Target::Unmapped => {
                    report.error(
                        &from,
                        &reference.path,
                        unmapped_message(&reference.location),
                    );
                    continue;
                }
                Target::File(path) => path,
            };

            let referrer = Referrer {
                file: &from,
                path: &reference.path,
                location: &reference.location,
            };
            let files = (&mut loaded, &mut prefetched);
            let Some((loaded_index, is_new)) =
                load_referenced(&mut library, files, &path, referrer, report)
            else {
                continue;
            };
            library
                .links
                .insert((index, reference.location), loaded_index);
            if is_new {
                queue.push_back(loaded_index);
            }
        }
    }
    Ok(library)
}

/// The import or include that references a file, for messages.
struct Referrer<'r> {
    /// The file that contains the reference.
    file: &'r Path,
    /// Element path of the reference in `file`.
    path: &'r str,
    /// The location as written.
    location: &'r str,
}

impl Referrer<'_> {
    fn read_failed(&self, resolved: &Path, error: &std::io::Error) -> String {
        format!(
            "cannot read location \"{}\" (resolved to {}): {error}; check the location",
            self.location,
            resolved.display()
        )
    }

    /// Appends where the reference is to a message about the referenced file itself.
    fn imported_here(&self, message: &str) -> String {
        format!(
            "{message} (referenced as \"{}\" from {}: {})",
            self.location,
            self.file.display(),
            self.path
        )
    }
}

/// Loads one referenced file unless it is loaded already, taking its tree from `prefetched`
/// when it is there. Returns its index and whether it was loaded just now.
fn load_referenced(
    library: &mut Library,
    (loaded, prefetched): (&mut HashMap<PathBuf, usize>, &mut Prefetched),
    path: &Path,
    referrer: Referrer<'_>,
    report: &mut Report,
) -> Option<(usize, bool)> {
    let key = match std::fs::canonicalize(path) {
        Ok(key) => key,
        Err(error) => {
            let message = referrer.read_failed(path, &error);
            report.error(referrer.file, referrer.path, message);
            return None;
        }
    };
    if let Some(&index) = loaded.get(&key) {
        return Some((index, false));
    }

    let parsed = match prefetched.take(&key) {
        Some(parsed) => parsed,
        None => match file::read_input(path) {
            Ok(bytes) => parse::parse_xml(&bytes),
            Err(error) => {
                let message = referrer.read_failed(path, &error);
                report.error(referrer.file, referrer.path, message);
                return None;
            }
        },
    };
    let root = match parsed {
        Ok(root) => root,
        Err(message) => {
            report.error(path, "", referrer.imported_here(&message));
            return None;
        }
    };
    if !is(&root, WSDL, "definitions") && !is_xs(&root, "schema") {
        let message = format!(
            "root element is {}, but a wsdl:definitions or xs:schema document was expected here",
            describe(&root)
        );
        let message = referrer.imported_here(&message);
        report.error(path, &format!("/{}", root.name), message);
        return None;
    }

    let index = library.documents.len();
    library.documents.push(Document {
        file: path.to_path_buf(),
        root,
    });
    loaded.insert(key, index);
    Some((index, true))
}

/// Lists the imports and includes with a location in a WSDL or schema document.
fn references(root: &Element) -> Vec<Reference> {
    let mut found = Vec::new();
    if is(root, WSDL, "definitions") {
        let base = format!("/{}", root.name);
        for import in children(root).filter(|child| is(child, WSDL, "import")) {
            push_reference(&mut found, import, "location", &child_path(&base, import));
        }
        for (schema, path) in inline_schemas(root) {
            schema_references(&mut found, schema, &path);
        }
    } else if is_xs(root, "schema") {
        schema_references(&mut found, root, &format!("/{}", root.name));
    }
    found
}

fn schema_references(found: &mut Vec<Reference>, schema: &Element, schema_path: &str) {
    for child in children(schema) {
        let is_reference = ["import", "include", "redefine"]
            .iter()
            .any(|local| is_xs(child, local));
        if is_reference {
            push_reference(
                found,
                child,
                "schemaLocation",
                &child_path(schema_path, child),
            );
        }
    }
}

fn push_reference(found: &mut Vec<Reference>, element: &Element, attribute: &str, path: &str) {
    if let Some(location) = attr(element, attribute) {
        found.push(Reference {
            location: location.to_string(),
            namespace: attr(element, "namespace").map(str::to_string),
            path: path.to_string(),
        });
    }
}

/// Lists the `xs:schema` children of `wsdl:types` with their element paths; schemas are
/// numbered (`schema[2]`) when there is more than one.
pub(crate) fn inline_schemas(definitions: &Element) -> Vec<(&Element, String)> {
    let base = format!("/{}", definitions.name);
    let mut schemas = Vec::new();
    for types in children(definitions).filter(|child| is(child, WSDL, "types")) {
        let types_path = format!("{base}/{}", types.name);
        let found: Vec<&Element> = children(types)
            .filter(|child| is_xs(child, "schema"))
            .collect();
        let numbered = found.len() > 1;
        for (position, schema) in found.into_iter().enumerate() {
            let path = if numbered {
                format!("{types_path}/{}[{}]", schema.name, position + 1)
            } else {
                format!("{types_path}/{}", schema.name)
            };
            schemas.push((schema, path));
        }
    }
    schemas
}

fn check_entry_root(entry: &Path, root: &Element) -> Result<(), Error> {
    if is(root, WSDL, "definitions") {
        return Ok(());
    }
    let message = if root.namespace.as_deref() == Some("http://www.w3.org/ns/wsdl") {
        "WSDL 2.0 is not supported; only WSDL 1.1 (http://schemas.xmlsoap.org/wsdl/) is".to_string()
    } else {
        format!(
            "root element is {}, but a WSDL 1.1 document starts with definitions in namespace {WSDL}",
            describe(root)
        )
    };
    Err(Error::Input(vec![crate::error::Diagnostic {
        file: entry.to_path_buf(),
        path: format!("/{}", root.name),
        message,
    }]))
}

/// Wraps the message of a failed parse of the entry file.
fn malformed(file: &Path, message: &str) -> Error {
    Error::Input(vec![crate::error::Diagnostic {
        file: file.to_path_buf(),
        path: String::new(),
        message: message.to_owned(),
    }])
}

fn unmapped_message(location: &str) -> String {
    format!(
        "location \"{location}\" is an absolute URL and nothing is fetched from the network; \
         save the document locally and map this exact URL to it (Config::map_location, or \
         --map-location URL=FILE on the command line)"
    )
}

fn describe(element: &Element) -> String {
    match &element.namespace {
        Some(namespace) => format!("{{{namespace}}}{}", element.name),
        None => element.name.clone(),
    }
}

fn canonical_or_same(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
