//! Attributes: declarations, references, attribute group references and wildcards.

use super::builtins;
use super::types::{Node, TypeBuilder, MAX_CHAIN_DEPTH};
use crate::ir::{Attribute, Builtin, QName, TypeRef};
use crate::read::xml::xs_docs;

/// The attributes a complex type or derivation declares itself.
#[derive(Clone, Debug, Default)]
pub(crate) struct AttributeSet {
    pub(crate) attributes: Vec<Attribute>,
    /// Names with `use="prohibited"`, which a restriction removes from its base.
    pub(crate) prohibited: Vec<QName>,
    /// `xs:anyAttribute` is present.
    pub(crate) any: bool,
}

impl AttributeSet {
    fn push(&mut self, attribute: Attribute) {
        if !self
            .attributes
            .iter()
            .any(|existing| existing.name == attribute.name)
        {
            self.attributes.push(attribute);
        }
    }

    /// Appends these attributes after `base` (extension), skipping names already there.
    pub(crate) fn extend_into(self, base: &mut Vec<Attribute>) {
        for attribute in self.attributes {
            if !base.iter().any(|existing| existing.name == attribute.name) {
                base.push(attribute);
            }
        }
    }

    /// Applies these attributes as a restriction of `base`: a redeclared attribute replaces the
    /// base's in place, a prohibited one is removed, a new one is appended.
    pub(crate) fn restrict(self, base: Vec<Attribute>) -> Vec<Attribute> {
        let mut result: Vec<Attribute> = base
            .into_iter()
            .filter(|attribute| !self.prohibited.contains(&attribute.name))
            .collect();
        for attribute in self.attributes {
            match result
                .iter_mut()
                .find(|existing| existing.name == attribute.name)
            {
                Some(existing) => *existing = attribute,
                None => result.push(attribute),
            }
        }
        result
    }
}

impl<'a> TypeBuilder<'_, 'a> {
    /// Adds `xs:attribute`, `xs:attributeGroup ref=` or `xs:anyAttribute` to `set`.
    pub(crate) fn attribute_item(&mut self, node: &Node<'a>, set: &mut AttributeSet) {
        match node.element.name.as_str() {
            "anyAttribute" => set.any = true,
            "attributeGroup" => {
                if let Some(group) = self.attribute_group(node) {
                    for attribute in group.attributes {
                        set.push(attribute);
                    }
                    set.prohibited.extend(group.prohibited);
                    set.any |= group.any;
                }
            }
            _ => self.attribute(node, set),
        }
    }

    fn attribute(&mut self, node: &Node<'a>, set: &mut AttributeSet) {
        let declared = match node.attr("ref") {
            Some(reference) => self.attribute_reference(node, reference),
            None => self.local_attribute(node),
        };
        let Some(mut attribute) = declared else {
            return;
        };

        match node.attr("use").map(str::trim) {
            Some("prohibited") => {
                set.prohibited.push(attribute.name);
                return;
            }
            Some("required") => attribute.required = true,
            _ => {}
        }
        if let Some(default) = node.attr("default").or(node.attr("fixed")) {
            attribute.default = Some(default.to_string());
        }
        if let Some(docs) = xs_docs(node.element) {
            attribute.docs = Some(docs);
        }
        set.push(attribute);
    }

    fn local_attribute(&mut self, node: &Node<'a>) -> Option<Attribute> {
        let Some(local) = node.attr("name") else {
            self.error(node, "xs:attribute has neither name nor ref");
            return None;
        };
        let qualified_by_default = self.set.schema(node.schema).qualified_attributes;
        let name = self.local_name(node, local, qualified_by_default);
        Some(self.attribute_declaration(node, name))
    }

    /// Converts the type and defaults of an attribute declaration named `name`.
    fn attribute_declaration(&mut self, node: &Node<'a>, name: QName) -> Attribute {
        let type_ref = match self.type_attribute(node, "type", Builtin::AnySimpleType) {
            Some(type_ref) => type_ref,
            None => match node.xs_children().find(|child| child.is("simpleType")) {
                Some(inline) => self.anonymous(inline, name.clone()),
                None => TypeRef::Builtin(Builtin::AnySimpleType),
            },
        };
        Attribute {
            name,
            type_ref,
            required: false,
            default: node
                .attr("default")
                .or(node.attr("fixed"))
                .map(str::to_string),
            docs: xs_docs(node.element),
        }
    }

    fn attribute_reference(&mut self, node: &Node<'a>, reference: &str) -> Option<Attribute> {
        let qname = match self.set.qname(node.schema, node.element, reference) {
            Ok(qname) => qname,
            Err(message) => {
                self.error(node, message);
                return None;
            }
        };
        if let Some(cached) = self.global_attributes.get(&qname) {
            return cached.clone();
        }

        let builtin = qname
            .namespace
            .as_deref()
            .and_then(|namespace| builtins::well_known_attribute(namespace, &qname.local));
        let converted = if let Some(builtin) = builtin {
            Some(Attribute {
                name: qname.clone(),
                type_ref: TypeRef::Builtin(builtin),
                required: false,
                default: None,
                docs: None,
            })
        } else if let Some(component) = self.set.attributes.get(&qname) {
            let declaration = Node::of(component);
            Some(self.attribute_declaration(&declaration, qname.clone()))
        } else {
            let problem = self.not_found_message("attribute", &qname);
            self.unresolved(
                node,
                &problem,
                "The attribute is kept with type xs:anySimpleType",
            );
            Some(Attribute {
                name: qname.clone(),
                type_ref: TypeRef::Builtin(Builtin::AnySimpleType),
                required: false,
                default: None,
                docs: None,
            })
        };

        self.global_attributes.insert(qname, converted.clone());
        converted
    }

    /// Expands `xs:attributeGroup ref=`, nested groups included, converting each group once.
    fn attribute_group(&mut self, node: &Node<'a>) -> Option<AttributeSet> {
        let Some(reference) = node.attr("ref") else {
            self.error(
                node,
                "xs:attributeGroup inside a type needs a ref attribute",
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
        if let Some(cached) = self.attribute_groups.get(&qname) {
            return Some(cached.clone());
        }
        if self.attribute_group_stack.contains(&qname) {
            self.error(
                node,
                format!("circular reference to attribute group {}", qname.local),
            );
            return None;
        }
        let Some(component) = self.set.attribute_groups.get(&qname) else {
            let message = self.not_found_message("attribute group", &qname);
            self.error(node, message);
            return None;
        };

        if self.attribute_group_stack.len() >= MAX_CHAIN_DEPTH {
            let message = format!(
                "attribute group {} is nested deeper than {MAX_CHAIN_DEPTH} attribute group references: the generator supports at most {MAX_CHAIN_DEPTH}; merge some of the groups",
                qname.local
            );
            self.error(node, message);
            return None;
        }

        let definition = Node::of(component);
        self.attribute_group_stack.push(qname.clone());
        let mut set = AttributeSet::default();
        for child in definition.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(&child, &mut set)
                }
                _ => self.unexpected(&child, "attributeGroup"),
            }
        }
        self.attribute_group_stack.pop();
        self.attribute_groups.insert(qname, set.clone());
        Some(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(local: &str) -> Attribute {
        Attribute {
            name: QName {
                namespace: None,
                local: local.to_string(),
            },
            type_ref: TypeRef::Builtin(Builtin::String),
            required: false,
            default: None,
            docs: None,
        }
    }

    #[test]
    fn restriction_replaces_and_removes() {
        let base = vec![attribute("a"), attribute("b"), attribute("c")];
        let mut replaced = attribute("b");
        replaced.required = true;
        let own = AttributeSet {
            attributes: vec![replaced, attribute("d")],
            prohibited: vec![attribute("c").name],
            any: false,
        };
        let result = own.restrict(base);
        let names: Vec<&str> = result.iter().map(|a| a.name.local.as_str()).collect();
        assert_eq!(names, ["a", "b", "d"]);
        assert!(result[1].required);
    }

    #[test]
    fn extension_appends_after_base() {
        let mut base = vec![attribute("a")];
        let own = AttributeSet {
            attributes: vec![attribute("b"), attribute("a")],
            ..AttributeSet::default()
        };
        own.extend_into(&mut base);
        let names: Vec<&str> = base.iter().map(|a| a.name.local.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
    }
}
