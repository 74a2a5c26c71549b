//! Content models: particles, local elements, element references and model group references.

use super::types::{is_inline_type, Node, TypeBuilder};
use crate::error::WarningKind;
use crate::ir::{
    Builtin, ElementId, ElementUse, MaxOccurs, Particle, QName, Term, TypeRef, Wildcard,
};
use crate::read::xml::xs_docs;

/// Local names of the XML Schema elements allowed inside `xs:sequence` and `xs:choice`.
const PARTICLES: [&str; 6] = ["element", "sequence", "choice", "all", "any", "group"];

/// Maximum number of particles that group references may copy into one type. Each reference
/// copies the whole group, so nested groups used twice each grow exponentially with depth.
pub(crate) const MAX_EXPANDED_PARTICLES: usize = 100_000;

/// Maximum depth of nested group references, which keeps the recursion within the stack.
pub(crate) const MAX_GROUP_DEPTH: usize = 256;

impl<'a> TypeBuilder<'_, 'a> {
    /// Converts one particle: `xs:element`, `xs:sequence`, `xs:choice`, `xs:all`, `xs:any` or
    /// `xs:group ref=`. Returns `None` for a particle with `maxOccurs="0"`, which XML Schema
    /// uses to prohibit it, and (after reporting) for anything else.
    pub(crate) fn particle(&mut self, node: &Node<'a>) -> Option<Particle> {
        let (min_occurs, max_occurs) = self.occurs(node);
        if max_occurs == MaxOccurs::Bounded(0) {
            return None;
        }

        let term = match node.element.name.as_str() {
            "element" => Term::Element(self.element_use(node)),
            "sequence" => Term::Sequence(self.particles(node)),
            "choice" => Term::Choice(self.particles(node)),
            "all" => Term::All(self.particles(node)),
            "any" => Term::Any(wildcard(node)),
            "group" => return self.group_use(node, min_occurs, max_occurs),
            _ => {
                let message = format!("xs:{} is not a particle; it is skipped", node.element.name);
                self.invalid_schema(node, message);
                return None;
            }
        };
        Some(Particle {
            min_occurs,
            max_occurs,
            term,
        })
    }

    fn particles(&mut self, node: &Node<'a>) -> Vec<Particle> {
        let mut particles = Vec::new();
        for child in node.xs_children().collect::<Vec<_>>() {
            if !PARTICLES.contains(&child.element.name.as_str()) {
                self.unexpected(&child, &node.element.name);
                continue;
            }
            if let Some(particle) = self.particle(&child) {
                particles.push(particle);
            }
        }
        particles
    }

    /// Converts a local element declaration or an element reference.
    fn element_use(&mut self, node: &Node<'a>) -> ElementUse {
        if let Some(reference) = node.attr("ref") {
            return self.element_reference(node, reference);
        }
        self.check_element_children(node);

        let local = node.attr("name").unwrap_or_else(|| {
            self.error(node, "xs:element has neither name nor ref");
            ""
        });
        let qualified_by_default = self.set.schema(node.schema).qualified_elements;
        let name = self.local_name(node, local, qualified_by_default);

        ElementUse {
            type_ref: self.element_type(node, &name),
            nillable: node.flag("nillable"),
            global: None,
            default: node
                .attr("default")
                .or(node.attr("fixed"))
                .map(str::to_string),
            docs: xs_docs(node.element),
            name,
        }
    }

    /// Converts `xs:element ref=`. A reference to an element that no schema defines is reported
    /// as a warning and kept as an element of that name with type `xs:anyType`.
    fn element_reference(&mut self, node: &Node<'a>, reference: &str) -> ElementUse {
        let docs = xs_docs(node.element);
        let Some(qname) = self.schema_qname(node, reference) else {
            return untyped_element(local_qname(reference), docs);
        };
        let Some(&index) = self.set.element_index.get(&qname) else {
            let problem = self.not_found_message("element", &qname);
            let consequence =
                "The reference is kept as an element of that name with type xs:anyType";
            self.unresolved(node, &problem, consequence);
            return untyped_element(qname, docs);
        };

        let id = ElementId(index);
        let default = self.element_defaults.get(index).cloned().flatten();
        let def = self.elements.get(index).cloned().flatten();
        let (type_ref, nillable, global_docs) = match def {
            Some(def) => (def.type_ref, def.nillable, def.docs),
            // Only when the global element has not been converted yet.
            None => (TypeRef::Builtin(Builtin::AnyType), false, None),
        };
        ElementUse {
            name: qname,
            type_ref,
            nillable,
            global: Some(id),
            default,
            docs: docs.or(global_docs),
        }
    }

    /// Resolves the substitution group head QName written at `node`. A head that no schema
    /// defines is reported as a warning, and the element is then not in any substitution group.
    pub(crate) fn substitution_head(&mut self, node: &Node<'a>, value: &str) -> Option<ElementId> {
        let qname = self.schema_qname(node, value)?;
        let found = self.set.element_index.get(&qname).map(|&id| ElementId(id));
        if found.is_none() {
            let problem = self.not_found_message("element", &qname);
            let consequence = "The element is kept outside of any substitution group";
            self.unresolved(node, &problem, consequence);
        }
        found
    }

    /// Returns the type of an element declaration: `type=`, an inline type, or `anyType`.
    pub(crate) fn element_type(&mut self, node: &Node<'a>, holder: &QName) -> TypeRef {
        if let Some(type_ref) = self.type_attribute(node, "type", Builtin::AnyType) {
            return type_ref;
        }
        let inline = crate::read::xml::children(node.element).find(|child| is_inline_type(child));
        match inline {
            Some(inline) => self.anonymous(node.child(inline), holder.clone()),
            None => TypeRef::Builtin(Builtin::AnyType),
        }
    }

    /// Checks the children of an element declaration: identity constraints are recorded as
    /// warnings, and anything but an inline type is reported as invalid and skipped.
    pub(crate) fn check_element_children(&mut self, node: &Node<'a>) {
        for child in node.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "complexType" | "simpleType" | "alternative" => {}
                "key" | "keyref" | "unique" => {
                    let file = self.set.schema(node.schema).file;
                    let message = format!("xs:{} is not checked", child.element.name);
                    self.report
                        .warn(WarningKind::IdentityConstraint, file, &child.path, message);
                }
                _ => {
                    let message = format!(
                        "xs:{} is not allowed inside xs:element, because a content model belongs \
                         inside xs:complexType; it is skipped",
                        child.element.name
                    );
                    self.invalid_schema(&child, message);
                }
            }
        }
    }

    /// Expands `xs:group ref=` into the group's model group, with the reference's occurrence.
    fn group_use(
        &mut self,
        node: &Node<'a>,
        min_occurs: u32,
        max_occurs: MaxOccurs,
    ) -> Option<Particle> {
        let Some(reference) = node.attr("ref") else {
            self.error(
                node,
                "xs:group inside a content model needs a ref attribute",
            );
            return None;
        };
        let qname = match self.set.qname(node.schema, node.element, reference) {
            Ok(qname) => qname,
            Err(message) => {
                self.error(node, message);
                return None;
            }
        };

        let group = self.group_definition(node, &qname)?;
        if !self.count_expansion(node, &qname, &group) {
            return None;
        }
        let once = group.min_occurs == 1 && group.max_occurs == MaxOccurs::Bounded(1);
        let term = if once {
            group.term
        } else {
            Term::Sequence(vec![group])
        };
        Some(Particle {
            min_occurs,
            max_occurs,
            term,
        })
    }

    /// Adds the particles of `group` to the count of copied particles of the current type.
    /// Returns false, reporting the first time, once the count passes
    /// [`MAX_EXPANDED_PARTICLES`].
    fn count_expansion(&mut self, node: &Node<'a>, qname: &QName, group: &Particle) -> bool {
        if self.expanded_particles > MAX_EXPANDED_PARTICLES {
            return false;
        }
        self.expanded_particles += particle_count(group);
        if self.expanded_particles <= MAX_EXPANDED_PARTICLES {
            return true;
        }
        let message = format!(
            "the references to group {} expand to more than {MAX_EXPANDED_PARTICLES} particles \
             in one type, because every reference copies the whole group; define the repeated \
             content as a named complex type and use elements of that type instead",
            qname.local
        );
        self.error(node, message);
        false
    }

    /// Converts the model group of the named group `qname` once and returns a copy.
    fn group_definition(&mut self, node: &Node<'a>, qname: &QName) -> Option<Particle> {
        if let Some(cached) = self.groups.get(qname) {
            return cached.clone();
        }
        if self.group_stack.contains(qname) {
            self.error(node, format!("circular reference to group {}", qname.local));
            return None;
        }
        if self.group_stack.len() >= MAX_GROUP_DEPTH {
            let message = format!(
                "group {} is nested more than {MAX_GROUP_DEPTH} group references deep; \
                 flatten the chain of xs:group references",
                qname.local
            );
            self.error(node, message);
            return None;
        }
        let Some(component) = self.set.groups.get(qname) else {
            let message = self.not_found_message("group", qname);
            self.error(node, message);
            return None;
        };

        let definition = Node::of(component);
        self.group_stack.push(qname.clone());
        let model = definition
            .xs_children()
            .find(|child| child.is("sequence") || child.is("choice") || child.is("all"));
        let particle = match model {
            Some(model) => self.particle(&model),
            None => Some(Particle {
                min_occurs: 1,
                max_occurs: MaxOccurs::Bounded(1),
                term: Term::Sequence(Vec::new()),
            }),
        };
        self.group_stack.pop();

        // A group cut short by the expansion limit is cached as missing, so no later type
        // copies the truncated content.
        let particle = particle.filter(|_| self.expanded_particles <= MAX_EXPANDED_PARTICLES);
        self.groups.insert(qname.clone(), particle.clone());
        particle
    }
}

/// Counts `particle` and every particle nested inside it.
fn particle_count(particle: &Particle) -> usize {
    let children = match &particle.term {
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => items,
        Term::Element(_) | Term::Any(_) => return 1,
    };
    1 + children.iter().map(particle_count).sum::<usize>()
}

/// Returns an element use of type `xs:anyType`, for a reference that cannot be resolved.
fn untyped_element(name: QName, docs: Option<String>) -> ElementUse {
    ElementUse {
        name,
        type_ref: TypeRef::Builtin(Builtin::AnyType),
        nillable: false,
        global: None,
        default: None,
        docs,
    }
}

/// Returns a name in no namespace, for a reference whose prefix is undeclared.
fn local_qname(reference: &str) -> QName {
    let local = reference.rsplit(':').next().unwrap_or(reference);
    QName {
        namespace: None,
        local: local.to_string(),
    }
}

fn wildcard(node: &Node<'_>) -> Wildcard {
    Wildcard {
        namespace: node.attr("namespace").unwrap_or("##any").to_string(),
        process_contents: node.attr("processContents").unwrap_or("strict").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_EXPANDED_PARTICLES, MAX_GROUP_DEPTH};
    use crate::{load, Error, LoadOptions};
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant};

    /// Writes a WSDL whose schema has the given groups and one element whose type references
    /// group `G0`, and returns its path.
    fn write_wsdl(name: &str, groups: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wsdl-codegen-particles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the temp dir");
        let path = dir.join(format!("{name}.wsdl"));
        let wsdl = format!(
            r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tns="urn:t" targetNamespace="urn:t">
<types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
{groups}
<xs:element name="Root"><xs:complexType><xs:group ref="tns:G0"/></xs:complexType></xs:element>
</xs:schema></types>
</definitions>"#
        );
        std::fs::write(&path, wsdl).expect("write the WSDL");
        path
    }

    /// Groups `G0`..`G{depth-1}` where each group references the next one twice.
    fn doubling_groups(depth: usize) -> String {
        let mut groups = String::new();
        for level in 0..depth {
            let next = level + 1;
            let inner = if next == depth {
                format!(r#"<xs:element name="e{level}" type="xs:string"/>"#)
            } else {
                format!(r#"<xs:group ref="tns:G{next}"/><xs:group ref="tns:G{next}"/>"#)
            };
            groups.push_str(&format!(
                "<xs:group name=\"G{level}\"><xs:sequence>{inner}</xs:sequence></xs:group>\n"
            ));
        }
        groups
    }

    /// Groups `G0`..`G{length-1}` where each group has one element and references the next.
    fn chained_groups(length: usize) -> String {
        let mut groups = String::new();
        for level in 0..length {
            let next = level + 1;
            let reference = if next == length {
                String::new()
            } else {
                format!(r#"<xs:group ref="tns:G{next}"/>"#)
            };
            groups.push_str(&format!(
                "<xs:group name=\"G{level}\"><xs:sequence><xs:element name=\"e{level}\" \
                 type=\"xs:string\"/>{reference}</xs:sequence></xs:group>\n"
            ));
        }
        groups
    }

    fn diagnostics(path: &Path) -> Vec<String> {
        match load(path, &LoadOptions::default()) {
            Err(Error::Input(diagnostics)) => diagnostics.into_iter().map(|d| d.message).collect(),
            Err(other) => panic!("expected input diagnostics, got {other}"),
            Ok(_) => panic!("expected input diagnostics, got a model"),
        }
    }

    #[test]
    fn doubling_groups_stop_at_expansion_limit() {
        let path = write_wsdl("doubling-20", &doubling_groups(20));
        let started = Instant::now();
        let messages = diagnostics(&path);

        assert!(
            started.elapsed() < Duration::from_secs(10),
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(messages.len(), 1, "{messages:?}");
        let limit = MAX_EXPANDED_PARTICLES.to_string();
        assert!(messages[0].contains("group G"), "{}", messages[0]);
        assert!(messages[0].contains(&limit), "{}", messages[0]);
    }

    #[test]
    fn doubling_groups_below_limit_load() {
        let path = write_wsdl("doubling-8", &doubling_groups(8));
        let loaded = load(&path, &LoadOptions::default());
        assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
    }

    #[test]
    fn group_chain_past_depth_limit_fails() {
        let path = write_wsdl("chain-300", &chained_groups(300));
        let messages = diagnostics(&path);

        assert_eq!(messages.len(), 1, "{messages:?}");
        let limit = format!("more than {MAX_GROUP_DEPTH} group references deep");
        assert!(messages[0].contains(&limit), "{}", messages[0]);
    }

    #[test]
    fn group_chain_of_100_loads() {
        let path = write_wsdl("chain-100", &chained_groups(100));
        let loaded = load(&path, &LoadOptions::default());
        assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
    }
}
