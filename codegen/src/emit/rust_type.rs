//! The Rust type of an XML Schema type reference.
//!
//! Built-ins map without loss: `xs:decimal` and the unbounded integers become decimal-string
//! newtypes of `soap_runtime::xsd`, `xs:dateTime` keeps its offset, binary types become bytes,
//! and fixed-width integers keep their width and sign. Simple types without an enumeration map
//! to the Rust type of their base, lists to `soap_runtime::xsd::List`, and unions to `String`
//! (the lexical value, since the member that matches is not known before parsing).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Builtin, SimpleType, TypeKind, TypeRef};

use super::fragments::generic;
use super::Context;

/// Longest chain of simple type restrictions followed before giving up (cycles are invalid XML
/// Schema, but the generator must not loop on them).
const MAX_RESTRICTION_DEPTH: usize = 64;

/// Where a value is written, which limits the types `yaserde` can handle there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// A child element.
    Element,
    /// An attribute value.
    Attribute,
    /// The text of an element with simple content (`#[yaserde(text = true)]`), where `yaserde`
    /// 0.13 reads only `String` and the primitive types.
    Text,
}

/// Returns the Rust type of a built-in.
pub fn builtin(context: &Context<'_>, builtin: Builtin) -> TokenStream {
    match builtin {
        Builtin::String
        | Builtin::AnyUri
        | Builtin::QName
        | Builtin::OtherTemporal
        | Builtin::AnySimpleType => context.fragments.string.clone(),
        Builtin::Boolean => quote!(bool),
        Builtin::Decimal => quote!(::soap_runtime::xsd::Decimal),
        Builtin::Integer | Builtin::NonNegativeInteger => quote!(::soap_runtime::xsd::Integer),
        Builtin::Long => quote!(i64),
        Builtin::Int => quote!(i32),
        Builtin::Short => quote!(i16),
        Builtin::Byte => quote!(i8),
        Builtin::UnsignedLong => quote!(u64),
        Builtin::UnsignedInt => quote!(u32),
        Builtin::UnsignedShort => quote!(u16),
        Builtin::UnsignedByte => quote!(u8),
        Builtin::Float => quote!(f32),
        Builtin::Double => quote!(f64),
        Builtin::DateTime => quote!(::soap_runtime::xsd::DateTime),
        Builtin::Date => quote!(::soap_runtime::xsd::Date),
        Builtin::Time => quote!(::soap_runtime::xsd::Time),
        Builtin::Base64Binary => quote!(::soap_runtime::xsd::Base64Binary),
        Builtin::HexBinary => quote!(::soap_runtime::xsd::HexBinary),
        Builtin::AnyType => quote!(::soap_runtime::xsd::AnyContent),
        Builtin::StringList => quote!(::soap_runtime::xsd::List<::std::string::String>),
    }
}

/// `true` when `yaserde` 0.13 reads and writes `builtin` as element text itself.
fn is_primitive(builtin: Builtin) -> bool {
    matches!(
        builtin,
        Builtin::String
            | Builtin::AnyUri
            | Builtin::QName
            | Builtin::OtherTemporal
            | Builtin::AnySimpleType
            | Builtin::Boolean
            | Builtin::Long
            | Builtin::Int
            | Builtin::Short
            | Builtin::Byte
            | Builtin::UnsignedLong
            | Builtin::UnsignedInt
            | Builtin::UnsignedShort
            | Builtin::UnsignedByte
            | Builtin::Float
            | Builtin::Double
    )
}

/// What a type reference resolves to after following simple type restrictions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A built-in.
    Builtin(Builtin),
    /// A generated struct or enum.
    Item(crate::ir::TypeId),
    /// A list of the given item.
    List(Option<TypeRef>),
    /// A union, or a restriction chain too long to follow: kept as text.
    Text,
}

/// Follows restrictions without an enumeration down to a built-in, a generated item, a list or
/// a union.
pub fn resolve(context: &Context<'_>, type_ref: &TypeRef) -> Resolved {
    let mut current = type_ref.clone();

    for _ in 0..MAX_RESTRICTION_DEPTH {
        let id = match current {
            TypeRef::Builtin(builtin) => return Resolved::Builtin(builtin),
            TypeRef::Defined(id) => id,
        };
        if context.names.types.contains_key(&id) {
            return Resolved::Item(id);
        }
        let Some(def) = context.model.types.get(&id) else {
            return Resolved::Text;
        };
        match &def.kind {
            TypeKind::Simple(SimpleType::Restriction { base, .. }) => current = base.clone(),
            TypeKind::Simple(SimpleType::List { item }) => {
                return Resolved::List(Some(item.clone()));
            }
            TypeKind::Simple(SimpleType::Union { .. }) | TypeKind::Complex(_) => {
                return Resolved::Text;
            }
        }
    }

    Resolved::Text
}

/// Returns the Rust type for a value of `type_ref` written at `position`.
pub fn value_type(context: &Context<'_>, type_ref: &TypeRef, position: Position) -> TokenStream {
    match resolve(context, type_ref) {
        Resolved::Builtin(builtin) if position == Position::Text && !is_primitive(builtin) => {
            context.fragments.string.clone()
        }
        Resolved::Builtin(Builtin::AnyType) if position == Position::Attribute => {
            context.fragments.string.clone()
        }
        Resolved::Builtin(builtin) => self::builtin(context, builtin),
        Resolved::Item(_) if position == Position::Text => context.fragments.string.clone(),
        Resolved::Item(id) => context.type_path(id),
        Resolved::List(item) if position == Position::Element => list_type(context, item),
        Resolved::List(_) | Resolved::Text => context.fragments.string.clone(),
    }
}

/// Returns `soap_runtime::xsd::List<T>` for a list whose items parse from text, or `String`.
fn list_type(context: &Context<'_>, item: Option<TypeRef>) -> TokenStream {
    let item_type = match item.map(|item| resolve(context, &item)) {
        Some(Resolved::Builtin(builtin)) if builtin != Builtin::AnyType => {
            if builtin == Builtin::StringList {
                context.fragments.string.clone()
            } else {
                self::builtin(context, builtin)
            }
        }
        Some(Resolved::Item(id)) if context.is_enum(id) => context.type_path(id),
        _ => context.fragments.string.clone(),
    };

    generic(&quote!(::soap_runtime::xsd::List), item_type)
}
