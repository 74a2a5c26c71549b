//! Schema documents and their global components.
//!
//! Every inline schema of every WSDL, and every schema file reached from them, becomes one
//! [`SchemaDoc`] with its effective target namespace and form defaults. A file included into
//! schemas of two namespaces (a chameleon include) becomes one `SchemaDoc` per namespace. The
//! global components of all of them are then indexed by QName, in document order, which fixes
//! the ids of named types and global elements.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;

use xmltree::Element;

use crate::error::{Report, WarningKind};

use super::builtins;
use crate::ir::{QName, TypeId, TypeRef};
use crate::read::xml::{attr, child_path, children, is_xs, is_xsd, resolve_qname};
use crate::read::{inline_schemas, Library};

/// One schema document as used under one target namespace.
#[derive(Debug)]
pub(crate) struct SchemaDoc<'a> {
    /// Index of the file in the library.
    pub(crate) document: usize,
    /// The file, for messages.
    pub(crate) file: &'a Path,
    /// The `xs:schema` element.
    pub(crate) root: &'a Element,
    /// Element path of `xs:schema` in its file.
    pub(crate) path: String,
    /// Effective target namespace: the document's own, or the includer's for a chameleon include.
    pub(crate) target_namespace: Option<String>,
    /// The document has no `targetNamespace` and was included into one that has.
    pub(crate) chameleon: bool,
    /// `elementFormDefault="qualified"`.
    pub(crate) qualified_elements: bool,
    /// `attributeFormDefault="qualified"`.
    pub(crate) qualified_attributes: bool,
}

/// A global schema component: its declaring element in its schema document.
#[derive(Clone, Debug)]
pub(crate) struct Component<'a> {
    /// Index into [`SchemaSet::schemas`].
    pub(crate) schema: usize,
    /// The declaring element (`xs:complexType`, `xs:element`, ...).
    pub(crate) node: &'a Element,
    /// Its element path.
    pub(crate) path: String,
}

/// All schema documents and an index of their global components.
#[derive(Debug, Default)]
pub(crate) struct SchemaSet<'a> {
    pub(crate) schemas: Vec<SchemaDoc<'a>>,
    /// Named types in document order; the position is the [`crate::ir::TypeId`].
    pub(crate) types: Vec<(QName, Component<'a>)>,
    pub(crate) type_index: HashMap<QName, usize>,
    /// Global elements in document order; the position is the [`crate::ir::ElementId`].
    pub(crate) elements: Vec<(QName, Component<'a>)>,
    pub(crate) element_index: HashMap<QName, usize>,
    pub(crate) groups: HashMap<QName, Component<'a>>,
    pub(crate) attribute_groups: HashMap<QName, Component<'a>>,
    pub(crate) attributes: HashMap<QName, Component<'a>>,
    /// Target namespaces of all schema documents, for "no schema for namespace" hints.
    pub(crate) namespaces: HashSet<Option<String>>,
}

impl<'a> SchemaSet<'a> {
    /// Resolves a QName-valued attribute of `node` in schema `schema`. In a chameleon document,
    /// a name in no namespace takes the effective target namespace.
    pub(crate) fn qname(
        &self,
        schema: usize,
        node: &Element,
        value: &str,
    ) -> Result<QName, String> {
        let mut qname = resolve_qname(node, value)?;
        if qname.namespace.is_none() {
            if let Some(doc) = self.schemas.get(schema).filter(|doc| doc.chameleon) {
                qname.namespace = doc.target_namespace.clone();
            }
        }
        Ok(qname)
    }

    /// Returns the schema document `index`; indexes come from this set.
    pub(crate) fn schema(&self, index: usize) -> &SchemaDoc<'a> {
        &self.schemas[index]
    }
}

/// A schema document waiting to be visited.
struct Pending<'a> {
    document: usize,
    root: &'a Element,
    path: String,
    /// Target namespace of the includer, for a chameleon include.
    inherited_namespace: Option<Option<String>>,
}

/// Finds every schema document reachable from the WSDL documents and indexes their components.
pub(crate) fn collect<'a>(library: &'a Library, report: &mut Report) -> SchemaSet<'a> {
    let mut set = SchemaSet::default();
    let mut queue = VecDeque::new();
    for (index, document) in library.documents.iter().enumerate() {
        for (root, path) in inline_schemas(&document.root) {
            queue.push_back(Pending {
                document: index,
                root,
                path,
                inherited_namespace: None,
            });
        }
    }

    let mut seen = HashSet::new();
    let mut reached = HashSet::new();
    visit_all(
        library,
        &mut set,
        &mut queue,
        &mut seen,
        &mut reached,
        report,
    );

    // A schema file that only a wsdl:import names is not reached through a schema.
    for (index, document) in library.documents.iter().enumerate() {
        if is_xs(&document.root, "schema") && !reached.contains(&index) {
            queue.push_back(Pending {
                document: index,
                root: &document.root,
                path: format!("/{}", document.root.name),
                inherited_namespace: None,
            });
            visit_all(
                library,
                &mut set,
                &mut queue,
                &mut seen,
                &mut reached,
                report,
            );
        }
    }

    for schema in 0..set.schemas.len() {
        index_components(&mut set, schema, report);
    }
    set
}

fn visit_all<'a>(
    library: &'a Library,
    set: &mut SchemaSet<'a>,
    queue: &mut VecDeque<Pending<'a>>,
    seen: &mut HashSet<(usize, String, Option<String>)>,
    reached: &mut HashSet<usize>,
    report: &mut Report,
) {
    while let Some(pending) = queue.pop_front() {
        let own_namespace = attr(pending.root, "targetNamespace").map(str::to_string);
        let chameleon =
            own_namespace.is_none() && matches!(pending.inherited_namespace, Some(Some(_)));
        let target_namespace = match (&own_namespace, &pending.inherited_namespace) {
            (Some(own), _) => Some(own.clone()),
            (None, Some(inherited)) => inherited.clone(),
            (None, None) => None,
        };

        let key = (
            pending.document,
            pending.path.clone(),
            target_namespace.clone(),
        );
        if !seen.insert(key) {
            continue;
        }
        reached.insert(pending.document);

        let Some(document) = library.documents.get(pending.document) else {
            continue;
        };
        let doc = SchemaDoc {
            document: pending.document,
            file: &document.file,
            root: pending.root,
            path: pending.path,
            target_namespace,
            chameleon,
            qualified_elements: attr(pending.root, "elementFormDefault") == Some("qualified"),
            qualified_attributes: attr(pending.root, "attributeFormDefault") == Some("qualified"),
        };
        check_included_namespace(&doc, &pending.inherited_namespace, &own_namespace, report);
        queue_references(library, &doc, queue, report);
        set.namespaces.insert(doc.target_namespace.clone());
        set.schemas.push(doc);
    }
}

/// An included document must have no target namespace or the includer's.
fn check_included_namespace(
    doc: &SchemaDoc<'_>,
    inherited: &Option<Option<String>>,
    own: &Option<String>,
    report: &mut Report,
) {
    if let (Some(inherited), Some(own)) = (inherited, own) {
        if inherited.as_ref() != Some(own) {
            let expected = inherited.as_deref().unwrap_or("(none)");
            let message = format!(
                "included schema has targetNamespace \"{own}\", but the including schema has \"{expected}\"; \
                 use xs:import for a schema of another namespace"
            );
            report.error(doc.file, &doc.path, message);
        }
    }
}

fn queue_references<'a>(
    library: &'a Library,
    doc: &SchemaDoc<'a>,
    queue: &mut VecDeque<Pending<'a>>,
    report: &mut Report,
) {
    for child in children(doc.root) {
        let is_include = is_xs(child, "include") || is_xs(child, "redefine");
        if !is_include && !is_xs(child, "import") {
            continue;
        }
        let child_path = child_path(&doc.path, child);
        if is_xs(child, "redefine") {
            let message = "xs:redefine is not supported; the schema is included as it is and its redefinitions are ignored";
            report.warn(WarningKind::Redefine, doc.file, &child_path, message);
        }

        let Some(location) = attr(child, "schemaLocation") else {
            if is_include {
                report.error(
                    doc.file,
                    &child_path,
                    format!("{} has no schemaLocation", child.name),
                );
            }
            continue;
        };
        let Some(target) = library.linked(doc.document, location) else {
            continue;
        };
        let Some(target_document) = library.documents.get(target) else {
            continue;
        };
        if !is_xs(&target_document.root, "schema") {
            let message = format!("schemaLocation \"{location}\" is not an XML Schema document");
            report.error(doc.file, &child_path, message);
            continue;
        }

        queue.push_back(Pending {
            document: target,
            root: &target_document.root,
            path: format!("/{}", target_document.root.name),
            inherited_namespace: is_include.then(|| doc.target_namespace.clone()),
        });
    }
}

/// Adds the global components of schema `schema` to the index.
fn index_components(set: &mut SchemaSet<'_>, schema: usize, report: &mut Report) {
    let doc = set.schema(schema);
    let (root, file, base_path, namespace) = (
        doc.root,
        doc.file,
        doc.path.clone(),
        doc.target_namespace.clone(),
    );

    for node in children(root) {
        let path = child_path(&base_path, node);
        if is_xs(node, "notation") {
            report.warn(WarningKind::Notation, file, &path, "xs:notation is ignored");
            continue;
        }
        let Some(table) = Table::of(node) else {
            continue;
        };
        let Some(name) = attr(node, "name") else {
            report.error(file, &path, format!("global {} has no name", node.name));
            continue;
        };

        let qname = QName {
            namespace: namespace.clone(),
            local: name.to_string(),
        };
        let component = Component { schema, node, path };
        insert(set, table, qname, component, report);
    }
}

/// Index that a global component belongs in.
#[derive(Clone, Copy)]
enum Table {
    Type,
    Element,
    Group,
    AttributeGroup,
    Attribute,
}

impl Table {
    fn of(node: &Element) -> Option<Table> {
        let table = match node.name.as_str() {
            "complexType" | "simpleType" => Table::Type,
            "element" => Table::Element,
            "group" => Table::Group,
            "attributeGroup" => Table::AttributeGroup,
            "attribute" => Table::Attribute,
            _ => return None,
        };
        is_xs(node, &node.name).then_some(table)
    }

    fn noun(self) -> &'static str {
        match self {
            Table::Type => "type",
            Table::Element => "element",
            Table::Group => "group",
            Table::AttributeGroup => "attribute group",
            Table::Attribute => "attribute",
        }
    }
}

fn insert<'a>(
    set: &mut SchemaSet<'a>,
    table: Table,
    qname: QName,
    component: Component<'a>,
    report: &mut Report,
) {
    let existing = match table {
        Table::Type => set
            .type_index
            .get(&qname)
            .and_then(|&i| set.types.get(i))
            .map(|(_, c)| c),
        Table::Element => set
            .element_index
            .get(&qname)
            .and_then(|&i| set.elements.get(i))
            .map(|(_, c)| c),
        Table::Group => set.groups.get(&qname),
        Table::AttributeGroup => set.attribute_groups.get(&qname),
        Table::Attribute => set.attributes.get(&qname),
    };
    if let Some(existing) = existing {
        let first = set.schema(existing.schema);
        let message = format!(
            "duplicate {} {}; it is first defined at {}: {}",
            table.noun(),
            display_qname(&qname),
            first.file.display(),
            existing.path
        );
        let file = set.schema(component.schema).file;
        report.error(file, &component.path, message);
        return;
    }

    match table {
        Table::Type => {
            set.type_index.insert(qname.clone(), set.types.len());
            set.types.push((qname, component));
        }
        Table::Element => {
            set.element_index.insert(qname.clone(), set.elements.len());
            set.elements.push((qname, component));
        }
        Table::Group => {
            set.groups.insert(qname, component);
        }
        Table::AttributeGroup => {
            set.attribute_groups.insert(qname, component);
        }
        Table::Attribute => {
            set.attributes.insert(qname, component);
        }
    }
}

/// Formats a QName as `{namespace}local`, or `local` in no namespace.
pub(crate) fn display_qname(qname: &QName) -> String {
    match &qname.namespace {
        Some(namespace) => format!("{{{namespace}}}{}", qname.local),
        None => qname.local.clone(),
    }
}

/// Looks up a type by QName: an XML Schema built-in, a well-known built-in, or a schema type.
/// Returns the error message for a name that none of them defines.
pub(crate) fn lookup_type(set: &SchemaSet<'_>, qname: &QName) -> Result<TypeRef, String> {
    let namespace = qname.namespace.as_deref();
    if is_xsd(namespace) {
        return builtins::xsd_type(&qname.local)
            .map(TypeRef::Builtin)
            .ok_or_else(|| format!("unknown XML Schema built-in type \"{}\"", qname.local));
    }
    if let Some(builtin) = namespace.and_then(|ns| builtins::well_known_type(ns, &qname.local)) {
        return Ok(TypeRef::Builtin(builtin));
    }
    match set.type_index.get(qname) {
        Some(&id) => Ok(TypeRef::Defined(TypeId(id))),
        None => Err(not_found(set, "type", qname)),
    }
}

/// Builds the message for a reference to a component that no schema defines, with a hint when
/// no schema of its namespace was loaded at all.
pub(crate) fn not_found(set: &SchemaSet<'_>, noun: &str, qname: &QName) -> String {
    let name = display_qname(qname);
    if set.namespaces.contains(&qname.namespace) {
        format!("{noun} {name} not found; no schema of its namespace defines it")
    } else {
        let namespace = qname.namespace.as_deref().unwrap_or("(no namespace)");
        format!(
            "{noun} {name} not found: no schema for namespace \"{namespace}\" was loaded; \
             add an xs:import of it with a schemaLocation"
        )
    }
}
