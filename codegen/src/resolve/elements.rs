//! Global element declarations, with substitution groups.

use super::types::{Node, State, TypeBuilder, MAX_CHAIN_DEPTH};
use crate::ir::{Builtin, ElementDef, TypeRef};
use crate::read::xml::xs_docs;

impl TypeBuilder<'_, '_> {
    /// Converts global element `id` unless done. An element without a type of its own takes
    /// the type of its substitution group head, so heads are converted first.
    pub(crate) fn ensure_element(&mut self, id: usize) {
        match self.element_states.get(id).copied() {
            Some(State::Pending) => {}
            _ => return,
        }
        let set = self.set;
        let Some((name, component)) = set.elements.get(id) else {
            return;
        };
        let node = Node::of(component);
        self.element_states[id] = State::InProgress;
        self.check_element_children(&node);

        // NOTE: XSD 1.1 allows a list of heads; only the first one is used.
        let head = node
            .attr("substitutionGroup")
            .and_then(|value| value.split_whitespace().next())
            .and_then(|value| self.substitution_head(&node, value));

        let has_own_type = node.attr("type").is_some()
            || node
                .xs_children()
                .any(|child| child.is("complexType") || child.is("simpleType"));
        let type_ref = match head {
            Some(head) if !has_own_type => self.head_type(&node, head.0),
            _ => self.element_type(&node, name),
        };

        let def = ElementDef {
            name: name.clone(),
            type_ref,
            is_abstract: node.flag("abstract"),
            nillable: node.flag("nillable"),
            substitution_group: head,
            docs: xs_docs(node.element),
            source: self.source(&node),
        };
        self.elements[id] = Some(def);
        self.element_defaults[id] = node
            .attr("default")
            .or(node.attr("fixed"))
            .map(str::to_string);
        self.element_states[id] = State::Done;
    }

    fn head_type(&mut self, node: &Node<'_>, head: usize) -> TypeRef {
        if self.element_states.get(head) == Some(&State::InProgress) {
            let file = self.set.schema(node.schema).file;
            let message =
                "circular substitution group: the head element is substitutable for this element";
            self.report.error(file, &node.path, message);
            return TypeRef::Builtin(Builtin::AnyType);
        }
        if self.element_depth >= MAX_CHAIN_DEPTH {
            let file = self.set.schema(node.schema).file;
            let message = format!(
                "substitution group chain deeper than {MAX_CHAIN_DEPTH} elements: the generator supports at most {MAX_CHAIN_DEPTH}; give some of the elements a type attribute of their own"
            );
            self.report.error(file, &node.path, message);
            return TypeRef::Builtin(Builtin::AnyType);
        }

        self.element_depth += 1;
        self.ensure_element(head);
        self.element_depth -= 1;
        match self.elements.get(head) {
            Some(Some(def)) => def.type_ref.clone(),
            _ => TypeRef::Builtin(Builtin::AnyType),
        }
    }
}
