//! The fields of a complex type's struct for `yaserde`'s derive: its content model flattened
//! into one list.
//!
//! Sequences and `xs:all` groups flatten into their elements. A choice becomes one field per
//! alternative, each optional, and a repeated group one `Vec` field per element. An element
//! that occurs twice under the same name becomes one `Vec` field, since `yaserde` matches
//! children by name. Types where this loses order or data get hand-written impls instead (see
//! `types::layout`), but their flat fields still tell the recursion analysis which types they
//! hold directly.

use std::collections::BTreeMap;

use crate::ir::{QName, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Scope};

use super::rust_type::Position;
use super::types::layout::Layout;
use super::Context;

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

/// Gives every field a snake case name, unique in the struct. The fields are the simple content
/// as `value`, then elements in content order, then attributes.
fn name_fields(fields: &mut [FieldSpec]) {
    let mut scope = Scope::new();

    for field in fields {
        field.rust = scope.claim(&naming::struct_field_name(&field.wire.local));
    }
}

/// Lays out every complex type of the model once. Returns the flat fields of each type, and
/// the layouts of the types that need hand-written impls, both by type id.
pub fn collect_all(
    context: &Context<'_>,
) -> (BTreeMap<TypeId, Vec<FieldSpec>>, BTreeMap<TypeId, Layout>) {
    let mut fields = BTreeMap::new();
    let mut own_layouts = BTreeMap::new();

    for (id, def) in &context.model.types {
        let TypeKind::Complex(complex) = &def.kind else {
            continue;
        };
        let layout = Layout::collect(context, complex);
        let mut flat = layout.flat_fields();
        name_fields(&mut flat);
        fields.insert(*id, flat);
        if layout.needs_own_impls() {
            own_layouts.insert(*id, layout);
        }
    }

    (fields, own_layouts)
}
