//! The fields of a complex type's struct: its content model flattened into one list.
//!
//! Sequences and `xs:all` groups flatten into their elements. A choice becomes one field per
//! alternative, each optional, because `yaserde` 0.13 cannot write an enum's variant as a bare
//! sibling element (it always adds a wrapper element). An element that occurs twice under the
//! same name becomes one `Vec` field, since `yaserde` matches children by name.

use crate::ir::{ComplexType, Content, MaxOccurs, Particle, QName, Term, TypeDef, TypeRef};
use crate::naming::{self, Scope};

use super::rust_type::Position;
use super::Context;
use crate::error::WarningKind;

/// One field of a generated struct.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSpec {
    /// Name on the wire.
    pub wire: QName,
    /// Rust field name, unique in the struct.
    pub rust: String,
    /// Type of the value.
    pub type_ref: TypeRef,
    /// Element, attribute or text.
    pub position: Position,
    /// The value may be absent (`minOccurs="0"`, an optional attribute, a choice alternative,
    /// or `nillable`).
    pub optional: bool,
    /// The value may repeat (`maxOccurs` above 1 here or on an enclosing group).
    pub many: bool,
    /// Documentation.
    pub docs: Option<String>,
}

/// Occurrence inherited from the groups around a particle.
#[derive(Clone, Copy)]
struct Occurrence {
    optional: bool,
    many: bool,
}

/// Collects the fields of a complex type: simple content as `value`, then elements in content
/// order, then attributes.
pub fn collect(context: &Context<'_>, def: &TypeDef, complex: &ComplexType) -> Vec<FieldSpec> {
    let mut fields = Vec::new();

    match &complex.content {
        Content::Empty => {}
        Content::Simple(type_ref) => fields.push(FieldSpec {
            wire: QName {
                namespace: None,
                local: "value".to_owned(),
            },
            rust: String::new(),
            type_ref: type_ref.clone(),
            position: Position::Text,
            optional: false,
            many: false,
            docs: None,
        }),
        Content::Elements(particle) => {
            let occurrence = Occurrence {
                optional: false,
                many: false,
            };
            collect_particle(context, def, particle, occurrence, &mut fields);
        }
    }

    for attribute in &complex.attributes {
        push_unique(
            &mut fields,
            FieldSpec {
                wire: attribute.name.clone(),
                rust: String::new(),
                type_ref: attribute.type_ref.clone(),
                position: Position::Attribute,
                optional: !attribute.required,
                many: false,
                docs: attribute.docs.clone(),
            },
        );
    }

    if complex.any_attribute {
        context.skip(WarningKind::AnyAttribute, type_label(def), &def.source);
    }
    if complex.mixed {
        context.skip(WarningKind::MixedContent, type_label(def), &def.source);
    }

    name_fields(&mut fields);
    fields
}

fn collect_particle(
    context: &Context<'_>,
    def: &TypeDef,
    particle: &Particle,
    outer: Occurrence,
    fields: &mut Vec<FieldSpec>,
) {
    let here = Occurrence {
        optional: outer.optional || particle.min_occurs == 0,
        many: outer.many || repeats(particle.max_occurs),
    };

    match &particle.term {
        Term::Element(element) => {
            let members = element
                .global
                .map(|head| substitution_members(context, head))
                .unwrap_or_default();
            let head_is_abstract = element
                .global
                .and_then(|head| context.model.elements.get(&head))
                .is_some_and(|head| head.is_abstract);

            // A substitution group head stands for itself (unless abstract) and each member,
            // like a choice between them.
            let optional = here.optional || element.nillable || !members.is_empty();
            if !head_is_abstract || members.is_empty() {
                push_unique(
                    fields,
                    FieldSpec {
                        wire: element.name.clone(),
                        rust: String::new(),
                        type_ref: element.type_ref.clone(),
                        position: Position::Element,
                        optional,
                        many: here.many,
                        docs: element.docs.clone(),
                    },
                );
            }
            for member in members {
                push_unique(
                    fields,
                    FieldSpec {
                        wire: member.name.clone(),
                        rust: String::new(),
                        type_ref: member.type_ref.clone(),
                        position: Position::Element,
                        optional: true,
                        many: here.many,
                        docs: member.docs.clone(),
                    },
                );
            }
        }
        Term::Sequence(items) | Term::All(items) => {
            for item in items {
                collect_particle(context, def, item, here, fields);
            }
        }
        Term::Choice(items) => {
            let alternative = Occurrence {
                optional: here.optional || items.len() > 1,
                many: here.many,
            };
            for item in items {
                collect_particle(context, def, item, alternative, fields);
            }
        }
        Term::Any(_) => context.skip(WarningKind::Wildcard, type_label(def), &def.source),
    }
}

/// Non-abstract elements that may stand in for `head`, directly or through another member, in
/// element id order.
fn substitution_members<'a>(
    context: &Context<'a>,
    head: crate::ir::ElementId,
) -> Vec<&'a crate::ir::ElementDef> {
    let mut heads = vec![head];
    let mut members = Vec::new();

    // Each round adds only elements not seen before, so the loop ends after at most as many
    // rounds as there are elements.
    while let Some(current) = heads.pop() {
        for (id, element) in &context.model.elements {
            let is_member = element.substitution_group == Some(current);
            if is_member && *id != head && !heads.contains(id) {
                if members.iter().any(|(seen, _)| seen == id) {
                    continue;
                }
                heads.push(*id);
                members.push((*id, element));
            }
        }
    }

    members.sort_by_key(|(id, _)| *id);
    members
        .into_iter()
        .filter(|(_, element)| !element.is_abstract)
        .map(|(_, element)| element)
        .collect()
}

fn repeats(max: MaxOccurs) -> bool {
    match max {
        MaxOccurs::Bounded(bound) => bound > 1,
        MaxOccurs::Unbounded => true,
    }
}

/// Adds `field`, or turns an earlier field with the same wire name into a `Vec`.
fn push_unique(fields: &mut Vec<FieldSpec>, field: FieldSpec) {
    let is_attribute = field.position == Position::Attribute;
    let earlier = fields.iter_mut().find(|earlier| {
        earlier.wire == field.wire && (earlier.position == Position::Attribute) == is_attribute
    });

    match earlier {
        Some(earlier) if !is_attribute => {
            earlier.many = true;
            earlier.optional = false;
        }
        Some(_) => {}
        None => fields.push(field),
    }
}

/// Gives every field a snake case name, unique in the struct.
fn name_fields(fields: &mut [FieldSpec]) {
    let mut scope = Scope::new();

    for field in fields {
        field.rust = scope.claim(&naming::struct_field_name(&field.wire.local));
    }
}

fn type_label(def: &TypeDef) -> String {
    let kind = if def.anonymous {
        "anonymous type of"
    } else {
        "type"
    };
    format!("{kind} {}", def.name.local)
}

/// Collects the fields of every complex type of the model, once, by type id.
pub fn collect_all(
    context: &Context<'_>,
) -> std::collections::BTreeMap<crate::ir::TypeId, Vec<FieldSpec>> {
    context
        .model
        .types
        .iter()
        .filter_map(|(id, def)| match &def.kind {
            crate::ir::TypeKind::Complex(complex) => Some((*id, collect(context, def, complex))),
            crate::ir::TypeKind::Simple(_) => None,
        })
        .collect()
}
