//! Structs for complex types and message elements, enums for enumerations.
//!
//! Most structs derive `yaserde`'s traits. A type whose content `yaserde`'s derive cannot
//! express without loss (see [`Layout::needs_own_impls`]) gets hand-written impls instead, and
//! its choices and inline sequences become items of a module named after it.

pub(super) mod layout;
mod names;
mod own_impls;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream};
use quote::{quote, TokenStreamExt};

use crate::ir::{ElementId, QName, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, ElementItem};

use layout::Layout;
use names::{group_modules, NamedLayout};
use own_impls::Emitter;

use super::docs::doc_attrs;
use super::fields::FieldSpec;
use super::fragments::{braced, generic};
use super::prefixes::XML_NAMESPACE;
use super::recursion::RecursiveEdges;
use super::rust_type::{resolve, value_type, Position, Resolved};
use super::{Context, Plan, EMPTY_TEXT};

/// One struct or enum of a schema type or a message element.
#[derive(Clone, Copy, Debug)]
pub enum TypeItem {
    /// A schema type with a name in [`crate::naming::Names::types`].
    Type(TypeId),
    /// A message element with a struct of its own.
    Element(ElementId),
}

impl TypeItem {
    /// Returns a rough cost of the item: one per item and per field or enumeration value, and
    /// more per field for types with hand-written impls, whose code is several times longer.
    pub fn weight(
        self,
        layouts: &BTreeMap<TypeId, Vec<FieldSpec>>,
        own: &OwnLayouts,
        model: &crate::ir::Model,
    ) -> usize {
        let id = match self {
            TypeItem::Type(id) => id,
            TypeItem::Element(id) => match model.elements.get(&id).map(|e| &e.type_ref) {
                Some(TypeRef::Defined(id)) => *id,
                _ => return 1,
            },
        };
        let fields = layouts.get(&id).map_or(0, Vec::len);
        let values = match model.types.get(&id).map(|def| &def.kind) {
            Some(TypeKind::Simple(crate::ir::SimpleType::Restriction { enumeration, .. })) => {
                enumeration.len()
            }
            _ => 0,
        };
        let factor = if own.layouts.contains_key(&id) { 4 } else { 1 };

        1 + fields * factor + values * 2
    }
}

/// Lists the schema types that become an item, in type id order, then the message elements
/// that do not share their type's struct, in element id order.
pub fn type_items(context: &Context<'_>) -> Vec<TypeItem> {
    let types = context
        .model
        .types
        .keys()
        .filter(|id| context.names.types.contains_key(id))
        .map(|id| TypeItem::Type(*id));
    let elements = context
        .names
        .elements
        .iter()
        .filter(|(id, item)| {
            matches!(item, ElementItem::Own(_)) && context.model.elements.contains_key(id)
        })
        .map(|(id, _)| TypeItem::Element(*id));

    types.chain(elements).collect()
}

/// Emits `items` (from [`type_items`]).
pub fn emit_types(context: &Context<'_>, plan: &Plan<'_>, items: &[TypeItem]) -> TokenStream {
    let mut tokens = TokenStream::new();

    for item in items {
        let item = match *item {
            TypeItem::Type(id) => type_item(context, plan, id),
            TypeItem::Element(id) => element_item(context, plan, id),
        };
        tokens.extend(item);
    }

    tokens
}

fn type_item(context: &Context<'_>, plan: &Plan<'_>, id: TypeId) -> TokenStream {
    let (Some(name), Some(def)) = (context.names.types.get(&id), context.model.types.get(&id))
    else {
        return TokenStream::new();
    };
    let root = type_root(context, id, def);
    let docs = type_docs(context, id, def);
    let owner = Some((id, &plan.recursive));

    match (&def.kind, plan.own.layouts.get(&id)) {
        (TypeKind::Complex(_), Some(layout)) => {
            let emitter = plan.own.emitter(context, id, owner);
            let named = NamedLayout::assign(layout, context.names);
            let mut item = emitter.struct_item(name, &root, layout, &named, docs);
            item.extend(emitter.group_module(name, &named));
            item
        }
        (TypeKind::Complex(_), None) => {
            let fields = plan.layouts.get(&id).map_or(&[][..], Vec::as_slice);
            struct_item(context, name, &root, fields, owner, docs)
        }
        (TypeKind::Simple(_), _) => enum_item(context, name, def),
    }
}

fn element_item(context: &Context<'_>, plan: &Plan<'_>, id: ElementId) -> TokenStream {
    let (Some(ElementItem::Own(name)), Some(element)) = (
        context.names.elements.get(&id),
        context.model.elements.get(&id),
    ) else {
        return TokenStream::new();
    };
    let root = Root::Element(element.name.clone());
    let docs = element.docs.as_deref();
    let own_type = match resolve(context, &element.type_ref) {
        Resolved::Item(type_id) => plan
            .own
            .layouts
            .get(&type_id)
            .map(|layout| (type_id, layout)),
        _ => None,
    };

    match own_type {
        Some((type_id, layout)) => {
            let emitter = plan.own.emitter(context, type_id, None);
            let named = NamedLayout::assign(layout, context.names);
            emitter.struct_item(name, &root, layout, &named, docs)
        }
        None => {
            let fields = element_fields(context, &element.type_ref, &plan.layouts);
            struct_item(context, name, &root, &fields, None, docs)
        }
    }
}

/// The layouts of the complex types that get hand-written impls, and the names of the modules
/// that hold their groups.
pub struct OwnLayouts {
    layouts: BTreeMap<TypeId, Layout>,
    modules: BTreeMap<TypeId, String>,
}

impl OwnLayouts {
    /// Keeps `layouts`, the layouts that need hand-written impls, and names the modules of
    /// their groups.
    pub fn new(context: &Context<'_>, layouts: BTreeMap<TypeId, Layout>) -> Self {
        let modules = group_modules(context.model, context.names, &layouts);

        OwnLayouts { layouts, modules }
    }

    fn emitter<'c, 'a>(
        &self,
        context: &'c Context<'a>,
        id: TypeId,
        owner: Option<(TypeId, &'c RecursiveEdges)>,
    ) -> Emitter<'c, 'a> {
        let namespace = context
            .model
            .types
            .get(&id)
            .and_then(|def| def.name.namespace.as_deref());
        let module = self.modules.get(&id).map(String::as_str);

        Emitter::new(context, owner, module, namespace)
    }
}

/// Emits the `yaserde` impls for `Box<T>` of every type in `boxed`.
pub fn emit_box_impls(context: &Context<'_>, boxed: &BTreeSet<TypeId>) -> TokenStream {
    boxed
        .iter()
        .map(|id| {
            let path = context.type_path(*id);
            quote!(::soap_runtime::impl_yaserde_for_box!(#path);)
        })
        .collect()
}

/// The XML name a struct carries when it is the root of a document.
pub enum Root {
    /// A global element: written with its namespace prefix.
    Element(QName),
    /// A type: its local name, for a struct that only ever appears as a field.
    Type(String),
}

fn type_root(context: &Context<'_>, id: TypeId, def: &TypeDef) -> Root {
    let element = context
        .names
        .merged_types
        .get(&id)
        .and_then(|element| context.model.elements.get(element));

    match element {
        Some(element) => Root::Element(element.name.clone()),
        None => Root::Type(def.name.local.clone()),
    }
}

/// Documentation of a type's struct: the type's own, or else that of the global element whose
/// name the struct carries, which is where an anonymous type's documentation usually sits.
///
/// NOTE: only message elements share their type's struct, so the documentation of any other
/// global element with an anonymous type is not emitted.
fn type_docs<'m>(context: &Context<'m>, id: TypeId, def: &'m TypeDef) -> Option<&'m str> {
    if def.docs.is_some() {
        return def.docs.as_deref();
    }
    let element = context.names.merged_types.get(&id)?;
    context.model.elements.get(element)?.docs.as_deref()
}

/// Fields of a message element's own struct: its complex type's fields, or its text.
fn element_fields(
    context: &Context<'_>,
    type_ref: &TypeRef,
    layouts: &BTreeMap<TypeId, Vec<FieldSpec>>,
) -> Vec<FieldSpec> {
    if let Resolved::Item(id) = resolve(context, type_ref) {
        if let Some(fields) = layouts.get(&id) {
            return fields.clone();
        }
    }

    vec![FieldSpec {
        wire: QName {
            namespace: None,
            local: "value".to_owned(),
        },
        rust: "value".to_owned(),
        type_ref: type_ref.clone(),
        position: Position::Text,
        optional: false,
        many: false,
        docs: None,
    }]
}

/// Emits one struct with `yaserde` attributes that reproduce the wire names.
///
/// The fields are appended to one token stream and the struct's body is a group, because
/// interpolating a token stream in `quote!` copies every token of it.
pub fn struct_item(
    context: &Context<'_>,
    name: &str,
    root: &Root,
    fields: &[FieldSpec],
    owner: Option<(TypeId, &RecursiveEdges)>,
    docs: Option<&str>,
) -> TokenStream {
    let ident = naming::ident(name);

    let mut namespaces = BTreeSet::new();
    let mut body = TokenStream::new();
    for field in fields {
        field_item(context, field, owner, &mut namespaces, &mut body);
    }
    let body = braced(body);

    let mut tokens = doc_attrs(docs);
    tokens.extend(context.fragments.struct_derives.clone());
    tokens.extend(root_attribute(context, root, namespaces));
    tokens.extend(quote!(pub struct #ident #body));
    tokens
}

fn root_attribute(
    context: &Context<'_>,
    root: &Root,
    mut namespaces: BTreeSet<(String, String)>,
) -> TokenStream {
    let (local, prefix) = match root {
        Root::Element(name) => {
            let prefix = name.namespace.as_ref().map(|namespace| {
                let prefix = context.prefix(namespace);
                namespaces.insert((prefix.clone(), namespace.clone()));
                prefix
            });
            (name.local.as_str(), prefix)
        }
        Root::Type(local) => (local.as_str(), None),
    };

    let mut arguments = quote!(rename = #local);
    if let Some(prefix) = prefix {
        arguments.extend(quote!(, prefix = #prefix));
    }
    let declared: Vec<&(String, String)> = namespaces
        .iter()
        .filter(|(_, namespace)| namespace != XML_NAMESPACE)
        .collect();
    if !declared.is_empty() {
        let prefixes = declared.iter().map(|(prefix, _)| prefix);
        let uris = declared.iter().map(|(_, namespace)| namespace);
        arguments.extend(quote!(, namespaces = { #( #prefixes = #uris ),* }));
    }

    yaserde_attribute(arguments)
}

/// Returns `#[yaserde(arguments)]`.
fn yaserde_attribute(arguments: TokenStream) -> TokenStream {
    let arguments = Group::new(Delimiter::Parenthesis, arguments);
    quote!(#[yaserde #arguments])
}

/// Appends one field, with its documentation and `yaserde` attribute, to `tokens`.
fn field_item(
    context: &Context<'_>,
    field: &FieldSpec,
    owner: Option<(TypeId, &RecursiveEdges)>,
    namespaces: &mut BTreeSet<(String, String)>,
    tokens: &mut TokenStream,
) {
    let ident = naming::ident(&field.rust);
    let ty = field_type(context, field, owner);
    let local = &field.wire.local;
    let prefix = field.wire.namespace.as_ref().map(|namespace| {
        let prefix = context.prefix(namespace);
        namespaces.insert((prefix.clone(), namespace.clone()));
        prefix
    });

    let attribute = match (field.position, prefix) {
        (Position::Element, None) => yaserde_attribute(quote!(rename = #local)),
        (Position::Element, Some(prefix)) => {
            yaserde_attribute(quote!(rename = #local, prefix = #prefix))
        }
        (Position::Attribute, None) => yaserde_attribute(quote!(attribute = true, rename = #local)),
        (Position::Attribute, Some(prefix)) => {
            yaserde_attribute(quote!(attribute = true, rename = #local, prefix = #prefix))
        }
        (Position::Text, _) => text_attribute(context, &ty),
    };

    tokens.extend(doc_attrs(field.docs.as_deref()));
    tokens.extend(attribute);
    tokens.extend(quote!(pub #ident:));
    tokens.extend(ty);
    tokens.append(Punct::new(',', Spacing::Alone));
}

/// Returns the attribute of a simple content field. `yaserde` reports a `String` text as missing
/// when the element has no characters, so that field defaults to the empty string instead.
fn text_attribute(context: &Context<'_>, ty: &TokenStream) -> TokenStream {
    if ty.to_string() != context.fragments.string.to_string() {
        return context.fragments.text_attribute.clone();
    }

    context.empty_text.set(true);
    quote!(#[yaserde(text = true, default = #EMPTY_TEXT)])
}

fn field_type(
    context: &Context<'_>,
    field: &FieldSpec,
    owner: Option<(TypeId, &RecursiveEdges)>,
) -> TokenStream {
    let fragments = &context.fragments;
    let mut ty = value_type(context, &field.type_ref, field.position);

    if field.position == Position::Element && !field.many {
        if let (Resolved::Item(target), Some((owner, recursive))) =
            (resolve(context, &field.type_ref), owner)
        {
            if recursive.is_recursive(owner, target) {
                context.boxed.borrow_mut().insert(target);
                ty = generic(&fragments.boxed, ty);
            }
        }
    }

    if field.many && field.position == Position::Element {
        generic(&fragments.vec, ty)
    } else if field.optional && field.position != Position::Text {
        generic(&fragments.option, ty)
    } else {
        ty
    }
}

/// Emits a Rust enum for a simple type with an enumeration, with `Display` and `FromStr` for
/// the wire values.
fn enum_item(context: &Context<'_>, name: &str, def: &TypeDef) -> TokenStream {
    let TypeKind::Simple(crate::ir::SimpleType::Restriction { enumeration, .. }) = &def.kind else {
        return TokenStream::new();
    };

    let fragments = &context.fragments;
    let ident = naming::ident(name);
    let mut scope = naming::Scope::new();
    let mut seen = BTreeSet::new();
    let mut declarations = TokenStream::new();
    let mut to_str = TokenStream::new();
    let mut from_str = TokenStream::new();

    let values = enumeration
        .iter()
        .filter(|value| seen.insert(value.value.as_str()));
    for (index, value) in values.enumerate() {
        let variant = naming::ident(&scope.claim(&naming::variant_name(&value.value)));
        let wire = value.value.as_str();

        declarations.extend(doc_attrs(value.docs.as_deref()));
        if index == 0 {
            declarations.extend(fragments.default_attribute.clone());
        }
        if context.options.serde {
            declarations.extend(quote!(#[serde(rename = #wire)]));
        }
        declarations.extend(quote!(#variant,));

        to_str.extend(quote!(#ident::#variant => #wire,));

        from_str.extend(quote!(#wire =>));
        from_str.extend(fragments.ok.clone());
        from_str.extend(quote!((#ident::#variant),));
    }

    let declarations = braced(declarations);
    let to_str = braced(to_str);
    let from_str = from_str_arms(from_str, &def.name.local);
    let display_body = &fragments.display_body;

    let mut tokens = doc_attrs(def.docs.as_deref());
    tokens.extend(fragments.enum_derives.clone());
    tokens.extend(quote! {
        pub enum #ident #declarations

        impl #ident {
            /// Returns the value as written in XML.
            pub fn as_str(self) -> &'static str {
                match self #to_str
            }
        }

        impl ::std::fmt::Display for #ident #display_body

        impl ::std::str::FromStr for #ident {
            type Err = ::std::string::String;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                match value.trim() #from_str
            }
        }
    });
    tokens
}

/// Returns the braced arms of an enumeration's `from_str` match: `arms`, then the arm that
/// rejects any other value of the schema type `type_name`.
fn from_str_arms(mut arms: TokenStream, type_name: &str) -> Group {
    arms.extend(quote! {
        other => ::std::result::Result::Err(::std::format!(
            "invalid value {other:?} for {}: not one of its enumeration values",
            #type_name,
        )),
    });
    braced(arms)
}

#[cfg(test)]
mod tests {
    use crate::Config;

    #[test]
    fn anonymous_type_struct_keeps_element_docs() {
        let dir = std::env::temp_dir().join(format!("wsdl-codegen-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the temp dir");
        let path = dir.join("element-docs.wsdl");
        let wsdl = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:t" targetNamespace="urn:t">
<types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
<xs:element name="order">
  <xs:annotation><xs:documentation>An order placed by a customer.</xs:documentation></xs:annotation>
  <xs:complexType><xs:sequence><xs:element name="id" type="xs:string"/></xs:sequence></xs:complexType>
</xs:element>
</xs:schema></types>
<message name="PlaceOrder"><part name="body" element="tns:order"/></message>
<portType name="Orders"><operation name="place"><input message="tns:PlaceOrder"/></operation></portType>
<binding name="OrdersSoap" type="tns:Orders">
  <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="place"><soap:operation soapAction=""/><input><soap:body use="literal"/></input></operation>
</binding>
</definitions>"#;
        std::fs::write(&path, wsdl).expect("write the WSDL");

        let generated = Config::new().generate(&path).expect("generate the code");

        let expected = "/// An order placed by a customer.\n#[derive(";
        assert!(generated.code.contains(expected), "{}", generated.code);
        assert!(
            generated.code.contains("pub struct Order"),
            "{}",
            generated.code
        );
    }
}
