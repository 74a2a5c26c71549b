//! Names of the top-level items of one generated file: which schema types and global elements
//! get a struct or an enum, and what each is called.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{
    Body, Content, ElementId, Model, Particle, SimpleType, Term, TypeDef, TypeId, TypeKind, TypeRef,
};

use super::{type_name, Scope};

/// How a global element that a message uses is represented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElementItem {
    /// The element shares the struct of its complex type (an anonymous type, or a named type of
    /// the same local name that nothing else uses), which then carries the element's name.
    Merged(TypeId),
    /// The element gets a struct of its own with this name.
    Own(String),
}

/// Rust names of every top-level item of a generated file.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Struct or enum name of each schema type that becomes an item. Simple types without an
    /// enumeration have none: fields use their base type.
    pub types: BTreeMap<TypeId, String>,
    /// Representation of each global element that a message carries (body, header or fault).
    pub elements: BTreeMap<ElementId, ElementItem>,
    /// Global element whose name a merged type's struct carries on the wire.
    pub merged_types: BTreeMap<TypeId, ElementId>,
    /// Names taken so far, so later items (RPC wrappers) can claim unique names.
    pub scope: Scope,
}

impl Names {
    /// Chooses names for `model`: named types first, then elements with a struct of their own,
    /// then anonymous types, each taking a numeric suffix when its name is already taken.
    pub fn assign(model: &Model) -> Names {
        let mut names = Names::default();
        let uses = count_type_uses(model);

        let message_elements = message_elements(model);
        for id in &message_elements {
            if let Some(type_id) = merge_target(model, *id, &uses) {
                names.elements.insert(*id, ElementItem::Merged(type_id));
                names.merged_types.insert(type_id, *id);
            }
        }

        for (id, def) in &model.types {
            if !def.anonymous && has_item(def) {
                let name = names.scope.claim(&type_name(&def.name.local));
                names.types.insert(*id, name);
            }
        }

        for id in &message_elements {
            if names.elements.contains_key(id) {
                continue;
            }
            let Some(element) = model.elements.get(id) else {
                continue;
            };
            let name = names.scope.claim(&type_name(&element.name.local));
            names.elements.insert(*id, ElementItem::Own(name));
        }

        for (id, def) in &model.types {
            if def.anonymous && has_item(def) {
                let name = names.scope.claim(&type_name(&def.name.local));
                names.types.insert(*id, name);
            }
        }

        names
    }
}

/// `true` for types that become a struct or an enum.
fn has_item(def: &TypeDef) -> bool {
    match &def.kind {
        TypeKind::Complex(_) => true,
        TypeKind::Simple(SimpleType::Restriction { enumeration, .. }) => !enumeration.is_empty(),
        TypeKind::Simple(_) => false,
    }
}

/// Global elements carried in a message body, header or fault, in id order.
fn message_elements(model: &Model) -> BTreeSet<ElementId> {
    let mut ids = BTreeSet::new();

    for binding in &model.bindings {
        for operation in &binding.operations {
            let messages = std::iter::once(&operation.input).chain(operation.output.as_ref());
            for message in messages {
                if let Body::Document(elements) = &message.body {
                    ids.extend(elements.iter().copied());
                }
                ids.extend(message.headers.iter().map(|header| header.element));
            }
            ids.extend(operation.faults.iter().map(|fault| fault.element));
        }
    }

    ids
}

/// The complex type whose struct `element` can share, if any.
///
/// An anonymous type belongs to its element alone. A named type is shared when it has the
/// element's local name and no other declaration refers to it (the JAX-WS wrapper pattern,
/// element `enroll` of type `enroll`).
fn merge_target(
    model: &Model,
    element: ElementId,
    uses: &BTreeMap<TypeId, usize>,
) -> Option<TypeId> {
    let def = model.elements.get(&element)?;
    let TypeRef::Defined(type_id) = def.type_ref else {
        return None;
    };
    let type_def = model.types.get(&type_id)?;
    if !matches!(type_def.kind, TypeKind::Complex(_)) {
        return None;
    }

    let used_once = uses.get(&type_id).copied().unwrap_or(0) == 1;
    let same_name = type_def.name.local == def.name.local;
    (type_def.anonymous || (same_name && used_once)).then_some(type_id)
}

/// Counts how many declarations refer to each defined type.
fn count_type_uses(model: &Model) -> BTreeMap<TypeId, usize> {
    let mut uses = BTreeMap::new();
    let mut count = |type_ref: &TypeRef| {
        if let TypeRef::Defined(id) = type_ref {
            *uses.entry(*id).or_insert(0) += 1;
        }
    };

    for element in model.elements.values() {
        count(&element.type_ref);
    }

    for def in model.types.values() {
        match &def.kind {
            TypeKind::Complex(complex) => {
                if let Some(base) = &complex.base {
                    count(base);
                }
                match &complex.content {
                    Content::Empty => {}
                    Content::Simple(type_ref) => count(type_ref),
                    Content::Elements(particle) => visit_particle(particle, &mut count),
                }
                for attribute in &complex.attributes {
                    count(&attribute.type_ref);
                }
            }
            TypeKind::Simple(SimpleType::Restriction { base, .. }) => count(base),
            TypeKind::Simple(SimpleType::List { item }) => count(item),
            TypeKind::Simple(SimpleType::Union { members }) => members.iter().for_each(&mut count),
        }
    }

    for binding in &model.bindings {
        for operation in &binding.operations {
            let messages = std::iter::once(&operation.input).chain(operation.output.as_ref());
            for message in messages {
                if let Body::Rpc { parts, .. } = &message.body {
                    parts.iter().for_each(|part| count(&part.type_ref));
                }
            }
        }
    }

    uses
}

fn visit_particle(particle: &Particle, count: &mut impl FnMut(&TypeRef)) {
    match &particle.term {
        Term::Element(element) => {
            if element.global.is_none() {
                count(&element.type_ref);
            }
        }
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => {
            for item in items {
                visit_particle(item, count);
            }
        }
        Term::Any(_) => {}
    }
}
