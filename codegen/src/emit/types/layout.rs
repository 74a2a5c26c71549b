//! The content of a complex type as members in document order: elements, choices, inline
//! sequences and wildcards, each with its occurrence bounds.
//!
//! Sequences that occur at most once flatten into their parent, and so does a choice nested
//! directly in a choice. A choice with two or more alternatives stays a member (it becomes a
//! Rust enum), and so does a sequence of two or more members that repeats (it becomes a
//! `Vec` of a struct), so that decoding keeps the order of the children.

use heck::ToUpperCamelCase;
use unicode_security::GeneralSecurityProfile;

use crate::ir::{
    ComplexType, Content, ElementDef, ElementId, MaxOccurs, Particle, QName, Term, Wildcard,
};

use super::super::fields::FieldSpec;
use super::super::rust_type::Position;
use super::super::Context;

/// `maxOccurs="unbounded"` in a [`Member`].
pub const UNBOUNDED: u32 = u32::MAX;

/// The members, attributes and text of one complex type.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Element content in document order.
    pub members: Vec<Member>,
    /// Attributes, base attributes first.
    pub attributes: Vec<FieldSpec>,
    /// Simple content, when the type has `xs:simpleContent`.
    pub text: Option<FieldSpec>,
    /// `xs:anyAttribute` is present.
    pub any_attribute: bool,
    /// `mixed="true"`.
    pub mixed: bool,
}

/// One member of a content model with its occurrence bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`, [`UNBOUNDED`] for `unbounded`.
    pub max: u32,
    /// What occurs.
    pub kind: MemberKind,
}

/// The kinds of member.
#[derive(Clone, Debug, PartialEq)]
pub enum MemberKind {
    /// An element.
    Element(ElementMember),
    /// An `xs:choice` with its alternatives, each a member.
    Choice(Vec<Member>),
    /// A repeated `xs:sequence` of several members, or a sequence alternative of a choice.
    Sequence(Vec<Member>),
    /// An `xs:any` wildcard.
    Any(Wildcard),
}

/// An element member.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementMember {
    /// Name on the wire.
    pub wire: QName,
    /// Type of the content.
    pub type_ref: crate::ir::TypeRef,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Documentation.
    pub docs: Option<String>,
}

impl Layout {
    /// Collects the layout of `complex`.
    pub fn collect(context: &Context<'_>, complex: &ComplexType) -> Layout {
        let mut members = Vec::new();
        let mut text = None;

        match &complex.content {
            Content::Empty => {}
            Content::Simple(type_ref) => text = Some(text_field(type_ref)),
            Content::Elements(particle) => {
                sequence_members(context, particle, Bounds::ONCE, &mut members)
            }
        }

        let attributes = complex
            .attributes
            .iter()
            .map(|attribute| FieldSpec {
                wire: attribute.name.clone(),
                rust: String::new(),
                type_ref: attribute.type_ref.clone(),
                position: Position::Attribute,
                optional: !attribute.required,
                many: false,
                docs: attribute.docs.clone(),
            })
            .collect();

        Layout {
            members,
            attributes,
            text,
            any_attribute: complex.any_attribute,
            mixed: complex.mixed,
        }
    }

    /// `true` when `yaserde`'s derive cannot express the layout losslessly, so the type gets
    /// hand-written impls: a choice, a repeated sequence, a wildcard, a nillable element, an
    /// element name used by two members, `xs:anyAttribute`, mixed text, or wire names that the
    /// derive cannot turn into helper type names.
    pub fn needs_own_impls(&self) -> bool {
        let mut names = Vec::new();
        let special = self.members.iter().any(|member| match &member.kind {
            MemberKind::Element(element) => {
                let repeated = names.contains(&&element.wire);
                names.push(&element.wire);
                element.nillable || repeated
            }
            MemberKind::Choice(_) | MemberKind::Sequence(_) | MemberKind::Any(_) => true,
        });

        special || self.any_attribute || self.mixed || self.visitor_names_unusable()
    }

    /// `true` when the `yaserde` derive would name two helper types alike, or give one a name
    /// that rustc warns about. The derive names a helper type after the upper camel case of each
    /// direct element's or attribute's wire name. So names that differ only in case or in `_`,
    /// `-` and `.` (`url` and `URL`) collide. A name not in Unicode NFKC form (half-width
    /// `ｻｲｽﾞ`) or with a letter outside the Unicode TR 39 identifier profile (`ƀ`) trips the
    /// `uncommon_codepoints` lint.
    fn visitor_names_unusable(&self) -> bool {
        let elements = self.members.iter().filter_map(|member| match &member.kind {
            MemberKind::Element(element) => Some((false, &element.wire.local)),
            _ => None,
        });
        let attributes = self
            .attributes
            .iter()
            .map(|attribute| (true, &attribute.wire.local));

        let mut seen = std::collections::BTreeSet::new();
        let mut wire_names = std::collections::BTreeSet::new();
        elements.chain(attributes).any(|(attribute, local)| {
            let visitor = local.replace('.', "_").to_upper_camel_case();
            let uncommon = !visitor.is_ascii()
                && (!unicode_normalization::is_nfkc(&visitor)
                    || !visitor
                        .chars()
                        .all(GeneralSecurityProfile::identifier_allowed));
            uncommon
                || (wire_names.insert((attribute, local)) && !seen.insert((attribute, visitor)))
        })
    }

    /// Returns the fields a `yaserde`-derived struct would have. Choice alternatives become
    /// optional fields, repeated groups `Vec` fields, and an element that occurs twice under one
    /// name a single `Vec` field. Wildcards get no field.
    pub fn flat_fields(&self) -> Vec<FieldSpec> {
        let mut fields = Vec::new();

        fields.extend(self.text.clone());
        flatten(&self.members, Bounds::ONCE, &mut fields);
        for attribute in &self.attributes {
            push_unique(&mut fields, attribute.clone());
        }

        fields
    }
}

fn text_field(type_ref: &crate::ir::TypeRef) -> FieldSpec {
    FieldSpec {
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
    }
}

/// Occurrence bounds inherited from the groups around a particle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bounds {
    min: u32,
    max: u32,
}

impl Bounds {
    const ONCE: Bounds = Bounds { min: 1, max: 1 };

    fn of(particle: &Particle) -> Bounds {
        Bounds {
            min: particle.min_occurs,
            max: match particle.max_occurs {
                MaxOccurs::Bounded(bound) => bound,
                MaxOccurs::Unbounded => UNBOUNDED,
            },
        }
    }

    /// Returns the bounds of a particle nested in a group that occurs `self` times.
    fn times(self, inner: Bounds) -> Bounds {
        Bounds {
            min: self.min.saturating_mul(inner.min),
            max: if self.max == UNBOUNDED || inner.max == UNBOUNDED {
                UNBOUNDED
            } else {
                self.max.saturating_mul(inner.max)
            },
        }
    }
}

/// Appends the members that `particle` contributes to a sequence, inside groups that occur
/// `outer` times.
fn sequence_members(
    context: &Context<'_>,
    particle: &Particle,
    outer: Bounds,
    members: &mut Vec<Member>,
) {
    let bounds = outer.times(Bounds::of(particle));

    match &particle.term {
        Term::Element(element) => element_members(context, element, bounds, members),
        Term::Sequence(items) | Term::All(items) => {
            let mut inner = Vec::new();
            for item in items {
                sequence_members(context, item, Bounds::ONCE, &mut inner);
            }
            push_group(inner, bounds, members, MemberKind::Sequence);
        }
        Term::Choice(items) => {
            let alternatives = choice_alternatives(context, items);
            push_group(alternatives, bounds, members, MemberKind::Choice);
        }
        Term::Any(wildcard) => members.push(Member {
            min: bounds.min,
            max: bounds.max,
            kind: MemberKind::Any(wildcard.clone()),
        }),
    }
}

/// Adds a group's members: flattened when the group occurs at most once (a sequence) or
/// contains one member, or else as one group member.
fn push_group(
    inner: Vec<Member>,
    bounds: Bounds,
    members: &mut Vec<Member>,
    kind: fn(Vec<Member>) -> MemberKind,
) {
    let is_choice = matches!(kind(Vec::new()), MemberKind::Choice(_));

    if inner.len() == 1 || (!is_choice && bounds.max <= 1) {
        for member in inner {
            let nested = bounds.times(Bounds {
                min: member.min,
                max: member.max,
            });
            match member.kind {
                MemberKind::Sequence(items) if nested.max <= 1 => {
                    push_group(items, nested, members, MemberKind::Sequence);
                }
                kind => members.push(Member {
                    min: nested.min,
                    max: nested.max,
                    kind,
                }),
            }
        }
    } else if !inner.is_empty() {
        members.push(Member {
            min: bounds.min,
            max: bounds.max,
            kind: kind(inner),
        });
    }
}

/// Adds the element of one element particle. When the element heads a substitution group, the
/// head (unless abstract) and each member become the alternatives of a choice with the
/// particle's bounds, so a repeated head keeps the order of its substitutes.
fn element_members(
    context: &Context<'_>,
    element: &crate::ir::ElementUse,
    bounds: Bounds,
    members: &mut Vec<Member>,
) {
    let substitutes = element
        .global
        .map(|head| substitution_members(context, head))
        .unwrap_or_default();
    let head_is_abstract = element
        .global
        .and_then(|head| context.model.elements.get(&head))
        .is_some_and(|head| head.is_abstract);

    let head = Member {
        min: bounds.min,
        max: bounds.max,
        kind: MemberKind::Element(ElementMember {
            wire: element.name.clone(),
            type_ref: element.type_ref.clone(),
            nillable: element.nillable,
            docs: element.docs.clone(),
        }),
    };
    if substitutes.is_empty() {
        members.push(head);
        return;
    }

    let mut alternatives = Vec::with_capacity(substitutes.len() + 1);
    if !head_is_abstract {
        alternatives.push(Member {
            min: 1,
            max: 1,
            ..head
        });
    }
    for substitute in substitutes {
        alternatives.push(Member {
            min: 1,
            max: 1,
            kind: MemberKind::Element(ElementMember {
                wire: substitute.name.clone(),
                type_ref: substitute.type_ref.clone(),
                nillable: substitute.nillable,
                docs: substitute.docs.clone(),
            }),
        });
    }
    push_group(alternatives, bounds, members, MemberKind::Choice);
}

/// Returns the alternatives of a choice. A choice nested in it that occurs at most once adds
/// its own alternatives. When that nested choice is optional, so are its alternatives, and the
/// outer choice may be empty.
fn choice_alternatives(context: &Context<'_>, items: &[Particle]) -> Vec<Member> {
    let mut alternatives = Vec::new();

    for item in items {
        let bounds = Bounds::of(item);
        match &item.term {
            Term::Choice(inner) if bounds.max <= 1 => {
                for mut alternative in choice_alternatives(context, inner) {
                    alternative.min = alternative.min.min(bounds.min);
                    alternatives.push(alternative);
                }
            }
            Term::Element(_) | Term::Any(_) => {
                let mut members = Vec::new();
                sequence_members(context, item, Bounds::ONCE, &mut members);
                for member in members {
                    match member.kind {
                        // A substitution group that occurs at most once adds its elements to
                        // the choice around it.
                        MemberKind::Choice(inner) if member.max <= 1 => {
                            for mut alternative in inner {
                                alternative.min = alternative.min.min(member.min);
                                alternatives.push(alternative);
                            }
                        }
                        kind => alternatives.push(Member { kind, ..member }),
                    }
                }
            }
            _ => {
                let mut members = Vec::new();
                sequence_members(context, item, Bounds::ONCE, &mut members);
                match members.len() {
                    0 => {}
                    1 => alternatives.extend(members),
                    _ => alternatives.push(Member {
                        min: 1,
                        max: 1,
                        kind: MemberKind::Sequence(members),
                    }),
                }
            }
        }
    }

    alternatives
}

/// Non-abstract elements that may stand in for `head`, directly or through another member, in
/// element id order.
fn substitution_members<'a>(context: &Context<'a>, head: ElementId) -> Vec<&'a ElementDef> {
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

/// `true` when `member` may match no element at all.
pub fn is_emptiable(member: &Member) -> bool {
    member.min == 0
        || match &member.kind {
            MemberKind::Sequence(items) => items.iter().all(is_emptiable),
            MemberKind::Choice(alternatives) => alternatives.iter().any(is_emptiable),
            MemberKind::Element(_) | MemberKind::Any(_) => false,
        }
}

/// Adds the flat fields of `members`, inside groups that occur `outer` times.
fn flatten(members: &[Member], outer: Bounds, fields: &mut Vec<FieldSpec>) {
    for member in members {
        let bounds = outer.times(Bounds {
            min: member.min,
            max: member.max,
        });
        match &member.kind {
            MemberKind::Element(element) => push_unique(
                fields,
                FieldSpec {
                    wire: element.wire.clone(),
                    rust: String::new(),
                    type_ref: element.type_ref.clone(),
                    position: Position::Element,
                    optional: bounds.min == 0 || element.nillable,
                    many: bounds.max > 1,
                    docs: element.docs.clone(),
                },
            ),
            MemberKind::Choice(alternatives) => {
                let each = Bounds {
                    min: 0,
                    max: bounds.max,
                };
                flatten(alternatives, each, fields);
            }
            MemberKind::Sequence(inner) => flatten(inner, bounds, fields),
            MemberKind::Any(_) => {}
        }
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
