//! Rust names for the members of a [`Layout`]: struct fields, enum variants, and the items
//! (choice enums and inline sequence structs) in the module that contains a type's groups.

use std::collections::BTreeMap;

use crate::ir::{Model, TypeId};
use crate::naming::{self, Names, Scope};

use super::layout::{Layout, Member, MemberKind};

/// Most element names that a choice or sequence name joins (`card_or_iban`); groups with more
/// are called `choice` or `sequence`.
const MAX_JOINED_NAMES: usize = 3;

/// A member with its Rust names.
#[derive(Debug)]
pub struct Named<'m> {
    /// The member.
    pub member: &'m Member,
    /// Field name in a struct, or variant name in a choice enum.
    pub name: String,
    /// The item of a choice or sequence member, with its own members named.
    pub group: Option<GroupItem<'m>>,
}

/// A choice enum or an inline sequence struct.
#[derive(Debug)]
pub struct GroupItem<'m> {
    /// Name of the item in the group module.
    pub name: String,
    /// Alternatives (choice) or fields (sequence).
    pub members: Vec<Named<'m>>,
}

/// The fields of a struct with hand-written impls.
#[derive(Debug)]
pub struct NamedLayout<'m> {
    /// Field of the simple content, if any.
    pub text: Option<String>,
    /// Members in document order.
    pub members: Vec<Named<'m>>,
    /// Field of each attribute, in layout order.
    pub attributes: Vec<String>,
    /// Field of the `xs:anyAttribute` attributes.
    pub other_attributes: Option<String>,
    /// Field of the mixed text.
    pub mixed: Option<String>,
}

impl<'m> NamedLayout<'m> {
    /// Names the fields of `layout` and the items of its groups. The item names are unique in
    /// the group module and never shadow a top-level item of the file.
    pub fn assign(layout: &'m Layout, names: &Names) -> Self {
        let mut items = ItemNames {
            file: &names.scope,
            module: Scope::new(),
        };
        let mut fields = Scope::new();

        let text = layout.text.as_ref().map(|_| fields.claim("value"));
        let members = name_members(&layout.members, &mut items, &mut fields, Role::Field);
        let attributes = layout
            .attributes
            .iter()
            .map(|attribute| fields.claim(&naming::struct_field_name(&attribute.wire.local)))
            .collect();
        let other_attributes = layout
            .any_attribute
            .then(|| fields.claim("other_attributes"));
        let mixed = layout.mixed.then(|| fields.claim("text"));

        NamedLayout {
            text,
            members,
            attributes,
            other_attributes,
            mixed,
        }
    }
}

/// Chooses the module name of every type with hand-written impls that has groups, after the
/// binding and service module names.
pub fn group_modules(
    model: &Model,
    names: &Names,
    layouts: &BTreeMap<TypeId, Layout>,
) -> BTreeMap<TypeId, String> {
    let mut scope = Scope::new();
    for binding in &model.bindings {
        scope.claim(&naming::module_name(&binding.name.local));
    }
    for service in &model.services {
        scope.claim(&naming::module_name(&service.name));
    }

    layouts
        .iter()
        .filter(|(_, layout)| layout.needs_own_impls() && has_groups(&layout.members))
        .filter_map(|(id, _)| {
            let type_name = names.types.get(id)?;
            Some((*id, scope.claim(&naming::module_name(type_name))))
        })
        .collect()
}

/// `true` when a member is a choice or an inline sequence.
pub fn has_groups(members: &[Member]) -> bool {
    members
        .iter()
        .any(|member| matches!(member.kind, MemberKind::Choice(_) | MemberKind::Sequence(_)))
}

/// The item names taken in one group module, which must not shadow the file's top-level names
/// either. The file's names are looked up in place, since copying them for every type with
/// groups cost more than naming its members.
struct ItemNames<'n> {
    file: &'n Scope,
    module: Scope,
}

impl ItemNames<'_> {
    fn claim(&mut self, name: &str) -> String {
        self.module.claim_beside(self.file, name)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Field,
    Variant,
}

fn name_members<'m>(
    members: &'m [Member],
    items: &mut ItemNames<'_>,
    names: &mut Scope,
    role: Role,
) -> Vec<Named<'m>> {
    members
        .iter()
        .map(|member| {
            let label = label(member);
            let name = match role {
                Role::Field => names.claim(&naming::struct_field_name(&label)),
                Role::Variant => names.claim(&naming::type_name(&label)),
            };
            let group = match &member.kind {
                MemberKind::Choice(alternatives) => {
                    let item = items.claim(&naming::type_name(&label));
                    let mut variants = Scope::new();
                    let members = name_members(alternatives, items, &mut variants, Role::Variant);
                    Some(GroupItem {
                        name: item,
                        members,
                    })
                }
                MemberKind::Sequence(inner) => {
                    let item = items.claim(&naming::type_name(&label));
                    let mut fields = Scope::new();
                    let members = name_members(inner, items, &mut fields, Role::Field);
                    Some(GroupItem {
                        name: item,
                        members,
                    })
                }
                MemberKind::Element(_) | MemberKind::Any(_) => None,
            };
            Named {
                member,
                name,
                group,
            }
        })
        .collect()
}

/// Returns the XML-side name of a member: an element's local name, `any`, or the element names
/// of a small group joined with `_or_` (choice) or `_and_` (sequence).
fn label(member: &Member) -> String {
    match &member.kind {
        MemberKind::Element(element) => element.wire.local.clone(),
        MemberKind::Any(_) => "any".to_owned(),
        MemberKind::Choice(alternatives) => {
            joined(alternatives, "_or_").unwrap_or_else(|| "choice".to_owned())
        }
        MemberKind::Sequence(items) => {
            joined(items, "_and_").unwrap_or_else(|| "sequence".to_owned())
        }
    }
}

fn joined(members: &[Member], separator: &str) -> Option<String> {
    if members.len() > MAX_JOINED_NAMES {
        return None;
    }

    let locals: Option<Vec<String>> = members
        .iter()
        .map(|member| match &member.kind {
            MemberKind::Element(element) => {
                let name = naming::field_name(&element.wire.local);
                Some(name.trim_start_matches("r#").to_owned())
            }
            _ => None,
        })
        .collect();

    locals.map(|locals| locals.join(separator))
}
