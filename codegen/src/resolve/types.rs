//! Schema types: conversion of `xs:complexType` and `xs:simpleType` into [`TypeDef`]s.
//!
//! Named types get their ids from the [`SchemaSet`] index. Anonymous types get the next free
//! id when they are met and are converted from a queue afterwards, so nesting depth never
//! turns into recursion depth. A derived complex type converts its named base first (the only
//! recursion here, as deep as the derivation chain, at most [`MAX_CHAIN_DEPTH`] types) and copies the base's content and
//! attributes in front of its own.

use std::collections::{BTreeMap, HashMap, VecDeque};

use xmltree::Element;

use super::attributes::AttributeSet;
use super::schema::{lookup_type, not_found, Component, SchemaSet};
use crate::error::{Report, WarningKind};
use crate::ir::{
    Attribute, Builtin, ComplexType, Content, ElementDef, EnumValue, MaxOccurs, Particle, QName,
    SimpleType, Source, Term, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::read::xml::{attr, child_path, children, is_xs, is_xsd, xs_docs};

/// A schema element in its schema document, with its element path.
#[derive(Clone, Debug)]
pub(crate) struct Node<'a> {
    /// Index into [`SchemaSet::schemas`].
    pub(crate) schema: usize,
    pub(crate) element: &'a Element,
    pub(crate) path: String,
}

impl<'a> Node<'a> {
    pub(crate) fn of(component: &Component<'a>) -> Self {
        Node {
            schema: component.schema,
            element: component.node,
            path: component.path.clone(),
        }
    }

    /// Returns the node of a child element.
    pub(crate) fn child(&self, element: &'a Element) -> Self {
        Node {
            schema: self.schema,
            element,
            path: child_path(&self.path, element),
        }
    }

    /// Iterates over the XML Schema child elements, skipping annotations and foreign elements.
    pub(crate) fn xs_children(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        children(self.element)
            .filter(|child| is_xsd(child.namespace.as_deref()) && child.name != "annotation")
            .map(|child| self.child(child))
    }

    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        attr(self.element, name)
    }

    /// Returns `true` for `name="true"` or `name="1"`.
    pub(crate) fn flag(&self, name: &str) -> bool {
        matches!(self.attr(name).map(str::trim), Some("true" | "1"))
    }

    pub(crate) fn is(&self, local: &str) -> bool {
        self.element.name == local
    }
}

/// The maximum depth of a type derivation chain, of nested attribute group references and
/// of a substitution group chain.
///
/// Each of these chains is converted by recursion, so the limit keeps the stack use well
/// inside the 2 MiB of a worker thread.
pub(crate) const MAX_CHAIN_DEPTH: usize = 256;

/// Why a named base type has no definition to take over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BaseProblem {
    /// The base is being converted further up the stack: its derivation chain is circular.
    Circular,
    /// Converting the base would go deeper than [`MAX_CHAIN_DEPTH`] types.
    TooDeep,
}

impl BaseProblem {
    fn message(self) -> String {
        match self {
            BaseProblem::Circular => {
                "circular type derivation: the base type derives from this type".to_owned()
            }
            BaseProblem::TooDeep => format!(
                "type derivation chain deeper than {MAX_CHAIN_DEPTH} types: the generator supports at most {MAX_CHAIN_DEPTH} levels of base types; declare fewer levels, for example by copying a base type's content into a type further down"
            ),
        }
    }
}

/// Conversion state of a named type or global element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    Pending,
    InProgress,
    Done,
}

/// Converts every schema component into IR types and elements.
pub(crate) struct TypeBuilder<'s, 'a> {
    pub(crate) set: &'s SchemaSet<'a>,
    pub(crate) report: &'s mut Report,
    pub(crate) types: BTreeMap<TypeId, TypeDef>,
    type_states: Vec<State>,
    /// Number of named types in [`State::InProgress`], which is the derivation recursion depth.
    type_depth: usize,
    anonymous_queue: VecDeque<(TypeId, Node<'a>, QName)>,
    next_type_id: usize,
    pub(crate) elements: Vec<Option<ElementDef>>,
    /// `default=`/`fixed=` of each global element, for `ref=` uses.
    pub(crate) element_defaults: Vec<Option<String>>,
    pub(crate) element_states: Vec<State>,
    /// Depth of the substitution group heads being converted, at most [`MAX_CHAIN_DEPTH`].
    pub(crate) element_depth: usize,
    pub(crate) groups: HashMap<QName, Option<Particle>>,
    pub(crate) group_stack: Vec<QName>,
    /// Particles copied out of converted groups for the type being converted.
    pub(crate) expanded_particles: usize,
    pub(crate) attribute_groups: HashMap<QName, AttributeSet>,
    pub(crate) attribute_group_stack: Vec<QName>,
    pub(crate) global_attributes: HashMap<QName, Option<Attribute>>,
}

/// Content and attributes a derived complex type takes over from its base.
#[derive(Default)]
struct BaseParts {
    content: Option<Content>,
    attributes: Vec<Attribute>,
    any_attribute: bool,
}

/// Facets that restrict values without changing the generated type.
const IGNORED_FACETS: [&str; 13] = [
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "whiteSpace",
    "maxInclusive",
    "maxExclusive",
    "minInclusive",
    "minExclusive",
    "totalDigits",
    "fractionDigits",
    "assertion",
    "explicitTimezone",
];

impl<'s, 'a> TypeBuilder<'s, 'a> {
    pub(crate) fn new(set: &'s SchemaSet<'a>, report: &'s mut Report) -> Self {
        TypeBuilder {
            set,
            report,
            types: BTreeMap::new(),
            type_states: vec![State::Pending; set.types.len()],
            type_depth: 0,
            anonymous_queue: VecDeque::new(),
            next_type_id: set.types.len(),
            elements: vec![None; set.elements.len()],
            element_defaults: vec![None; set.elements.len()],
            element_states: vec![State::Pending; set.elements.len()],
            element_depth: 0,
            groups: HashMap::new(),
            group_stack: Vec::new(),
            expanded_particles: 0,
            attribute_groups: HashMap::new(),
            attribute_group_stack: Vec::new(),
            global_attributes: HashMap::new(),
        }
    }

    /// Reports every simple type that is defined through itself: a restriction of, list of or
    /// union with a type that leads back to it.
    ///
    /// The walk is a depth-first search with an explicit stack, so a long chain of simple types
    /// uses no recursion. Each cycle is reported once, at the type where the walk closes it.
    fn report_simple_cycles(&mut self) {
        let mut states: HashMap<TypeId, State> = HashMap::new();
        let starts: Vec<TypeId> = self.types.keys().copied().collect();

        for start in starts {
            if states.contains_key(&start) {
                continue;
            }
            // Each entry is a type on the current path and the index of its next reference.
            let mut stack = vec![(start, 0usize)];
            states.insert(start, State::InProgress);

            while let Some((id, next)) = stack.last().copied() {
                let Some(target) = simple_references(self.types.get(&id)).get(next).copied() else {
                    states.insert(id, State::Done);
                    stack.pop();
                    continue;
                };
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }

                match states.get(&target) {
                    None => {
                        states.insert(target, State::InProgress);
                        stack.push((target, 0));
                    }
                    Some(State::InProgress) => self.report_simple_cycle(&stack, target),
                    Some(_) => {}
                }
            }
        }
    }

    /// Reports the cycle that closes at `target`, which is on `stack`.
    fn report_simple_cycle(&mut self, stack: &[(TypeId, usize)], target: TypeId) {
        let start = stack.iter().position(|(id, _)| *id == target).unwrap_or(0);
        let mut names: Vec<String> = stack[start..]
            .iter()
            .filter_map(|(id, _)| self.types.get(id))
            .map(|def| def.name.local.clone())
            .collect();
        names.push(
            self.types
                .get(&target)
                .map_or_else(String::new, |def| def.name.local.clone()),
        );

        let Some((last, _)) = stack.last() else {
            return;
        };
        let Some(def) = self.types.get(last) else {
            return;
        };
        let message = format!(
            "circular simple type definition: {}; a restriction, list or union must end at a built-in type",
            names.join(" -> ")
        );
        let (file, path) = (def.source.file.clone(), def.source.path.clone());
        self.report.error(&file, &path, message);
    }

    /// Converts every global element and named type, then every anonymous type met on the way.
    pub(crate) fn build(mut self) -> (BTreeMap<TypeId, TypeDef>, Vec<Option<ElementDef>>) {
        for id in 0..self.set.elements.len() {
            self.ensure_element(id);
        }
        for id in 0..self.set.types.len() {
            // A circular base chain is reported where it is found.
            let _ = self.ensure_type(id);
        }
        while let Some((id, node, holder)) = self.anonymous_queue.pop_front() {
            let def = self.convert_type(&node, holder, true);
            self.types.insert(id, def);
        }

        self.report_simple_cycles();
        (self.types, self.elements)
    }

    /// Converts named type `id` unless done, and returns its definition.
    ///
    /// Fails when the type is being converted further up the stack (a circular derivation
    /// chain) or when [`MAX_CHAIN_DEPTH`] types are already being converted.
    fn ensure_type(&mut self, id: usize) -> Result<Option<&TypeDef>, BaseProblem> {
        match self.type_states.get(id).copied() {
            Some(State::Pending) => {}
            Some(State::InProgress) => return Err(BaseProblem::Circular),
            Some(State::Done) | None => return Ok(self.types.get(&TypeId(id))),
        }
        if self.type_depth >= MAX_CHAIN_DEPTH {
            return Err(BaseProblem::TooDeep);
        }
        let set = self.set;
        let Some((name, component)) = set.types.get(id) else {
            return Ok(None);
        };

        self.type_states[id] = State::InProgress;
        self.type_depth += 1;
        let def = self.convert_type(&Node::of(component), name.clone(), false);
        self.type_depth -= 1;
        self.types.insert(TypeId(id), def);
        self.type_states[id] = State::Done;
        Ok(self.types.get(&TypeId(id)))
    }

    fn convert_type(&mut self, node: &Node<'a>, name: QName, anonymous: bool) -> TypeDef {
        self.expanded_particles = 0;
        let kind = if node.is("simpleType") {
            TypeKind::Simple(self.simple_type(node, &name))
        } else {
            TypeKind::Complex(self.complex_type(node, &name))
        };
        TypeDef {
            docs: xs_docs(node.element),
            source: self.source(node),
            name,
            anonymous,
            kind,
        }
    }

    /// Reserves an id for the anonymous type defined by `node` and queues its conversion.
    pub(crate) fn anonymous(&mut self, node: Node<'a>, holder: QName) -> TypeRef {
        let id = TypeId(self.next_type_id);
        self.next_type_id += 1;
        self.anonymous_queue.push_back((id, node, holder));
        TypeRef::Defined(id)
    }

    /// Adds an anonymous type whose definition is already converted.
    fn add_anonymous(&mut self, def: TypeDef) -> TypeRef {
        let id = TypeId(self.next_type_id);
        self.next_type_id += 1;
        self.types.insert(id, def);
        TypeRef::Defined(id)
    }

    pub(crate) fn source(&self, node: &Node<'a>) -> Source {
        Source {
            file: self.set.schema(node.schema).file.to_path_buf(),
            path: node.path.clone(),
        }
    }

    pub(crate) fn error(&mut self, node: &Node<'a>, message: impl Into<String>) {
        let file = self.set.schema(node.schema).file;
        self.report.error(file, &node.path, message);
    }

    /// Records an element that XML Schema does not allow inside `parent`; the caller skips it.
    pub(crate) fn unexpected(&mut self, node: &Node<'a>, parent: &str) {
        let message = format!(
            "xs:{} is not allowed inside xs:{parent}; it is skipped",
            node.element.name
        );
        self.invalid_schema(node, message);
    }

    /// Records invalid schema structure that the resolver skips.
    pub(crate) fn invalid_schema(&mut self, node: &Node<'a>, message: impl Into<String>) {
        let file = self.set.schema(node.schema).file;
        self.report
            .warn(WarningKind::InvalidSchema, file, &node.path, message);
    }

    /// Records a reference to a component that no schema defines; `fallback` says in a sentence
    /// what the resolver uses in its place.
    pub(crate) fn unresolved(&mut self, node: &Node<'a>, problem: &str, fallback: &str) {
        let file = self.set.schema(node.schema).file;
        let message = format!("{problem}. {fallback}");
        self.report
            .warn(WarningKind::UnresolvedReference, file, &node.path, message);
    }

    /// Resolves a QName-valued attribute of `node`, reporting an undeclared prefix as an error.
    pub(crate) fn schema_qname(&mut self, node: &Node<'a>, value: &str) -> Option<QName> {
        match self.set.qname(node.schema, node.element, value) {
            Ok(qname) => Some(qname),
            Err(message) => {
                self.error(node, message);
                None
            }
        }
    }

    /// Resolves the QName-valued attribute `attribute` of `node` to a type; see [`Self::type_ref`].
    pub(crate) fn type_attribute(
        &mut self,
        node: &Node<'a>,
        attribute: &str,
        fallback: Builtin,
    ) -> Option<TypeRef> {
        let value = node.attr(attribute)?;
        Some(self.type_ref(node, value, fallback))
    }

    /// Resolves a type QName written at `node`.
    ///
    /// A type that no schema defines is a mistake in the schema that the resolver works around:
    /// it is reported as a warning and `fallback` (`xs:anyType` for element content and bases,
    /// `xs:anySimpleType` for values) takes its place, so the data is kept untyped. An
    /// undeclared prefix is an error, and `fallback` lets conversion go on to find more problems.
    pub(crate) fn type_ref(&mut self, node: &Node<'a>, value: &str, fallback: Builtin) -> TypeRef {
        let Some(qname) = self.schema_qname(node, value) else {
            return TypeRef::Builtin(fallback);
        };
        match lookup_type(self.set, &qname) {
            Ok(type_ref) => type_ref,
            Err(problem) => {
                let consequence = match fallback {
                    Builtin::AnyType if node.is("extension") || node.is("restriction") => {
                        "The type derives from xs:anyType instead, so it has only its own content and attributes"
                    }
                    Builtin::AnyType => "The content is kept as xs:anyType (the XML as it is)",
                    _ => "The value is kept as xs:anySimpleType (text)",
                };
                self.unresolved(node, &problem, consequence);
                TypeRef::Builtin(fallback)
            }
        }
    }

    /// Builds the message for a reference to a component that no schema defines.
    pub(crate) fn not_found_message(&self, noun: &str, qname: &QName) -> String {
        not_found(self.set, noun, qname)
    }

    /// Converts `xs:complexType`.
    fn complex_type(&mut self, node: &Node<'a>, holder: &QName) -> ComplexType {
        let mut result = ComplexType {
            is_abstract: node.flag("abstract"),
            base: None,
            mixed: node.flag("mixed"),
            content: Content::Empty,
            attributes: Vec::new(),
            any_attribute: false,
        };

        let mut own = AttributeSet::default();
        for child in node.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "simpleContent" => self.simple_content(&child, holder, &mut result),
                "complexContent" => self.complex_content(&child, &mut result),
                "sequence" | "choice" | "all" | "group" => {
                    if let Some(particle) = self.particle(&child) {
                        result.content = Content::Elements(particle);
                    }
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(&child, &mut own)
                }
                "assert" | "openContent" => {}
                _ => self.unexpected(&child, "complexType"),
            }
        }

        result.any_attribute |= own.any;
        own.extend_into(&mut result.attributes);
        result
    }

    /// Finds the `xs:extension` or `xs:restriction` of simple or complex content.
    fn derivation(&mut self, node: &Node<'a>) -> Option<(Node<'a>, TypeRef)> {
        let Some(derivation) = node
            .xs_children()
            .find(|child| child.is("extension") || child.is("restriction"))
        else {
            let message = format!(
                "xs:{} needs an xs:extension or xs:restriction",
                node.element.name
            );
            self.error(node, message);
            return None;
        };
        let Some(base) = self.type_attribute(&derivation, "base", Builtin::AnyType) else {
            let message = format!("xs:{} has no base", derivation.element.name);
            self.error(&derivation, message);
            return None;
        };
        Some((derivation, base))
    }

    /// Applies `xs:complexContent`: the base's content and attributes first for an extension,
    /// the restriction's own content for a restriction.
    fn complex_content(&mut self, node: &Node<'a>, result: &mut ComplexType) {
        result.mixed |= node.flag("mixed");
        let Some((derivation, base_ref)) = self.derivation(node) else {
            return;
        };
        let base = self.complex_base(&derivation, &base_ref);

        let mut own_particle = None;
        let mut own = AttributeSet::default();
        for child in derivation.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "sequence" | "choice" | "all" | "group" => own_particle = self.particle(&child),
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(&child, &mut own)
                }
                "assert" | "openContent" => {}
                _ => self.unexpected(&child, &derivation.element.name),
            }
        }

        if derivation.is("extension") {
            result.content = extend_content(base.content, own_particle);
            result.attributes = base.attributes;
            result.any_attribute = base.any_attribute || own.any;
            own.extend_into(&mut result.attributes);
        } else {
            result.content = own_particle.map_or(Content::Empty, Content::Elements);
            result.any_attribute = own.any;
            result.attributes = own.restrict(base.attributes);
        }
        result.base = Some(base_ref);
    }

    /// Returns what a complex content derivation takes over from `base`.
    fn complex_base(&mut self, derivation: &Node<'a>, base: &TypeRef) -> BaseParts {
        let id = match base {
            TypeRef::Builtin(Builtin::AnyType) => return BaseParts::default(),
            TypeRef::Builtin(_) => {
                let message = "xs:complexContent needs a complex base type, but the base is a built-in simple type; use xs:simpleContent";
                self.error(derivation, message);
                return BaseParts::default();
            }
            TypeRef::Defined(TypeId(id)) => *id,
        };

        let base = self
            .ensure_type(id)
            .map(|def| def.map(|def| def.kind.clone()));
        match base {
            Ok(Some(TypeKind::Complex(base))) => BaseParts {
                content: Some(base.content),
                attributes: base.attributes,
                any_attribute: base.any_attribute,
            },
            Ok(Some(TypeKind::Simple(_))) => {
                let message = "xs:complexContent needs a complex base type, but the base is a simple type; use xs:simpleContent";
                self.error(derivation, message);
                BaseParts::default()
            }
            Ok(None) => BaseParts::default(),
            Err(problem) => {
                self.error(derivation, problem.message());
                BaseParts::default()
            }
        }
    }

    /// Applies `xs:simpleContent`: text of the base's value type, with attributes.
    fn simple_content(&mut self, node: &Node<'a>, holder: &QName, result: &mut ComplexType) {
        let Some((derivation, base_ref)) = self.derivation(node) else {
            return;
        };
        let (mut value, base) = self.simple_base(&derivation, &base_ref);

        let mut own = AttributeSet::default();
        let mut enumeration = Vec::new();
        for child in derivation.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(&child, &mut own)
                }
                "enumeration" => enumeration.push(enum_value(&child)),
                "simpleType" => value = self.anonymous(child, holder.clone()),
                facet if IGNORED_FACETS.contains(&facet) => {}
                _ => self.unexpected(&child, &derivation.element.name),
            }
        }

        if derivation.is("extension") {
            result.attributes = base.attributes;
            result.any_attribute = base.any_attribute || own.any;
            own.extend_into(&mut result.attributes);
        } else {
            if !enumeration.is_empty() {
                value = self.add_anonymous(TypeDef {
                    name: holder.clone(),
                    anonymous: true,
                    docs: None,
                    source: self.source(&derivation),
                    kind: TypeKind::Simple(SimpleType::Restriction {
                        base: value,
                        enumeration,
                    }),
                });
            }
            result.any_attribute = own.any;
            result.attributes = own.restrict(base.attributes);
        }
        result.content = Content::Simple(value);
        result.base = Some(base_ref);
    }

    /// Returns the value type and the attributes a simple content derivation takes from `base`.
    fn simple_base(&mut self, derivation: &Node<'a>, base: &TypeRef) -> (TypeRef, BaseParts) {
        let id = match base {
            TypeRef::Builtin(Builtin::AnyType) => {
                return (
                    TypeRef::Builtin(Builtin::AnySimpleType),
                    BaseParts::default(),
                )
            }
            TypeRef::Builtin(_) => return (base.clone(), BaseParts::default()),
            TypeRef::Defined(TypeId(id)) => *id,
        };

        let base_kind = self
            .ensure_type(id)
            .map(|def| def.map(|def| def.kind.clone()));
        match base_kind {
            Ok(Some(TypeKind::Simple(_))) => (base.clone(), BaseParts::default()),
            Ok(Some(TypeKind::Complex(complex))) => {
                let value = match complex.content {
                    Content::Simple(value) => value,
                    // A mixed complex type restricted to text content.
                    _ => TypeRef::Builtin(Builtin::String),
                };
                let parts = BaseParts {
                    content: None,
                    attributes: complex.attributes,
                    any_attribute: complex.any_attribute,
                };
                (value, parts)
            }
            Ok(None) => (
                TypeRef::Builtin(Builtin::AnySimpleType),
                BaseParts::default(),
            ),
            Err(problem) => {
                self.error(derivation, problem.message());
                (
                    TypeRef::Builtin(Builtin::AnySimpleType),
                    BaseParts::default(),
                )
            }
        }
    }

    /// Converts `xs:simpleType`.
    fn simple_type(&mut self, node: &Node<'a>, holder: &QName) -> SimpleType {
        for child in node.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "restriction" => return self.simple_restriction(&child, holder),
                "list" => return self.simple_list(&child, holder),
                "union" => return self.simple_union(&child, holder),
                _ => self.unexpected(&child, "simpleType"),
            }
        }
        self.error(
            node,
            "xs:simpleType needs an xs:restriction, xs:list or xs:union",
        );
        SimpleType::Restriction {
            base: TypeRef::Builtin(Builtin::AnySimpleType),
            enumeration: Vec::new(),
        }
    }

    fn simple_restriction(&mut self, node: &Node<'a>, holder: &QName) -> SimpleType {
        let mut base = self.type_attribute(node, "base", Builtin::AnySimpleType);
        let mut enumeration = Vec::new();
        for child in node.xs_children().collect::<Vec<_>>() {
            match child.element.name.as_str() {
                "simpleType" => base = Some(self.anonymous(child, holder.clone())),
                "enumeration" => enumeration.push(enum_value(&child)),
                facet if IGNORED_FACETS.contains(&facet) => {}
                _ => self.unexpected(&child, "restriction"),
            }
        }

        let base = base.unwrap_or_else(|| {
            self.error(
                node,
                "xs:restriction needs a base attribute or an inline xs:simpleType",
            );
            TypeRef::Builtin(Builtin::AnySimpleType)
        });
        SimpleType::Restriction { base, enumeration }
    }

    fn simple_list(&mut self, node: &Node<'a>, holder: &QName) -> SimpleType {
        let mut item = self.type_attribute(node, "itemType", Builtin::AnySimpleType);
        if let Some(inline) = node.xs_children().find(|child| child.is("simpleType")) {
            item = Some(self.anonymous(inline, holder.clone()));
        }
        let item = item.unwrap_or_else(|| {
            self.error(
                node,
                "xs:list needs an itemType attribute or an inline xs:simpleType",
            );
            TypeRef::Builtin(Builtin::AnySimpleType)
        });
        SimpleType::List { item }
    }

    fn simple_union(&mut self, node: &Node<'a>, holder: &QName) -> SimpleType {
        let mut members = Vec::new();
        if let Some(member_types) = node.attr("memberTypes") {
            for value in member_types.split_whitespace() {
                members.push(self.type_ref(node, value, Builtin::AnySimpleType));
            }
        }
        for inline in node
            .xs_children()
            .filter(|child| child.is("simpleType"))
            .collect::<Vec<_>>()
        {
            members.push(self.anonymous(inline, holder.clone()));
        }
        if members.is_empty() {
            self.error(
                node,
                "xs:union needs memberTypes or inline xs:simpleType members",
            );
        }
        SimpleType::Union { members }
    }

    /// Returns the wire name of a local element or attribute declaration: in the target
    /// namespace when `form` says `qualified`, or when it is absent and the schema's default is.
    pub(crate) fn local_name(
        &self,
        node: &Node<'a>,
        local: &str,
        qualified_by_default: bool,
    ) -> QName {
        let qualified = match node.attr("form").map(str::trim) {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => qualified_by_default,
        };
        let namespace = if qualified {
            self.set.schema(node.schema).target_namespace.clone()
        } else {
            None
        };
        QName {
            namespace,
            local: local.to_string(),
        }
    }

    /// Parses `minOccurs` and `maxOccurs` (both default to 1).
    pub(crate) fn occurs(&mut self, node: &Node<'a>) -> (u32, MaxOccurs) {
        let min = match node.attr("minOccurs").map(str::trim) {
            None => 1,
            Some(value) => value.parse().unwrap_or_else(|_| {
                self.error(
                    node,
                    format!("invalid minOccurs \"{value}\"; expected a non-negative integer of at most {}", u32::MAX),
                );
                1
            }),
        };
        let max = match node.attr("maxOccurs").map(str::trim) {
            None => MaxOccurs::Bounded(1),
            Some("unbounded") => MaxOccurs::Unbounded,
            Some(value) => match value.parse() {
                Ok(max) => MaxOccurs::Bounded(max),
                Err(_) => {
                    let message = format!("invalid maxOccurs \"{value}\"; expected a non-negative integer of at most {} or unbounded", u32::MAX);
                    self.error(node, message);
                    MaxOccurs::Bounded(1)
                }
            },
        };

        if let MaxOccurs::Bounded(bound) = max {
            if min > bound {
                let message = format!(
                    "minOccurs {min} is greater than maxOccurs {bound}; fix the schema so that \
                     minOccurs is at most maxOccurs"
                );
                self.error(node, message);
                return (bound, max);
            }
        }
        (min, max)
    }
}

/// Returns the defined types that a simple type is built from: its restriction base, list
/// item type or union members. Other types have none.
fn simple_references(def: Option<&TypeDef>) -> Vec<TypeId> {
    let Some(TypeKind::Simple(simple)) = def.map(|def| &def.kind) else {
        return Vec::new();
    };
    let references: Vec<&TypeRef> = match simple {
        SimpleType::Restriction { base, .. } => vec![base],
        SimpleType::List { item } => vec![item],
        SimpleType::Union { members } => members.iter().collect(),
    };
    references
        .into_iter()
        .filter_map(|reference| match reference {
            TypeRef::Defined(id) => Some(*id),
            TypeRef::Builtin(_) => None,
        })
        .collect()
}

/// Appends an extension's own particle to its base content.
fn extend_content(base: Option<Content>, own: Option<Particle>) -> Content {
    match (base, own) {
        (None | Some(Content::Empty), None) => Content::Empty,
        (None | Some(Content::Empty), Some(own)) => Content::Elements(own),
        (Some(base), None) => base,
        (Some(Content::Elements(base)), Some(own)) => Content::Elements(Particle {
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            term: Term::Sequence(concat_sequences(base, own)),
        }),
        // Invalid schema (complex content extending simple content): keep the base's text.
        (Some(Content::Simple(value)), Some(_)) => Content::Simple(value),
    }
}

/// Joins two particles into one sequence, splicing either one in when it is a plain
/// sequence that occurs exactly once.
fn concat_sequences(first: Particle, second: Particle) -> Vec<Particle> {
    let mut items = Vec::new();
    for particle in [first, second] {
        let once = particle.min_occurs == 1 && particle.max_occurs == MaxOccurs::Bounded(1);
        match particle.term {
            Term::Sequence(inner) if once => items.extend(inner),
            term => items.push(Particle { term, ..particle }),
        }
    }
    items
}

fn enum_value(node: &Node<'_>) -> EnumValue {
    EnumValue {
        value: node.attr("value").unwrap_or_default().to_string(),
        docs: xs_docs(node.element),
    }
}

/// Returns `true` for an element that defines a type inline.
pub(crate) fn is_inline_type(element: &Element) -> bool {
    is_xs(element, "complexType") || is_xs(element, "simpleType")
}
