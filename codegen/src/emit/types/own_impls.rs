//! Structs, choice enums and inline sequence structs with hand-written `yaserde` impls, for
//! the types whose layout `yaserde`'s derive cannot express (see [`Layout::needs_own_impls`]).
//!
//! The impls stay short because `soap_runtime::xsd` does the work. A struct reads its children
//! with a `ContentReader` and a `Sequence` over a `Member` table, and writes them with a
//! `StartTag` and a `ContentWriter`. Choices and inline sequences implement `Group`.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::ir::{Builtin, TypeId, TypeRef, Wildcard};
use crate::naming;

use super::super::docs::{doc_attrs, doc_line};
use super::super::fields::FieldSpec;
use super::super::prefixes::XML_NAMESPACE;
use super::super::recursion::RecursiveEdges;
use super::super::rust_type::{resolve, value_type, Position, Resolved};
use super::super::Context;
use super::layout::{is_emptiable, ElementMember, Layout, Member, MemberKind, UNBOUNDED};
use super::names::{GroupItem, Named, NamedLayout};
use super::Root;

/// The place a path is written in: the top level of the file, or a type's group module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    TopLevel,
    GroupModule,
}

/// Whether a member is a struct field or the payload of a choice enum variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Field,
    Variant,
}

/// Emits the items of one type (or message element) with hand-written impls.
pub struct Emitter<'c, 'a> {
    context: &'c Context<'a>,
    owner: Option<(TypeId, &'c RecursiveEdges)>,
    module: Option<Ident>,
    target_namespace: String,
}

impl<'c, 'a> Emitter<'c, 'a> {
    /// Starts emitting for a struct whose groups live in `module`, where `xs:any`'s
    /// `##targetNamespace` and `##other` refer to `target_namespace`.
    pub fn new(
        context: &'c Context<'a>,
        owner: Option<(TypeId, &'c RecursiveEdges)>,
        module: Option<&str>,
        target_namespace: Option<&str>,
    ) -> Self {
        Emitter {
            context,
            owner,
            module: module.map(naming::ident),
            target_namespace: target_namespace.unwrap_or_default().to_owned(),
        }
    }

    /// Emits the struct with its `YaSerialize` and `YaDeserialize` impls.
    pub fn struct_item(
        &self,
        name: &str,
        root: &Root,
        layout: &Layout,
        named: &NamedLayout<'_>,
        docs: Option<&str>,
    ) -> TokenStream {
        let ident = naming::ident(name);
        let docs = doc_attrs(docs);
        let serde = self.context.serde_derives();
        let fields = self.struct_fields(layout, named);
        let deserialize = self.deserialize_impl(&ident, name, layout, named);
        let serialize = self.serialize_impl(&ident, root, layout, named);

        quote! {
            #docs
            #[derive(Clone, Debug, Default, PartialEq #serde)]
            pub struct #ident {
                #fields
            }

            #deserialize

            #serialize
        }
    }

    /// Emits the module holding the choice enums and inline sequence structs of `type_name`.
    pub fn group_module(&self, type_name: &str, named: &NamedLayout<'_>) -> TokenStream {
        let Some(module) = &self.module else {
            return TokenStream::new();
        };
        let docs = doc_line(&format!("Choices and inline sequences of [`{type_name}`]."));
        let mut items = TokenStream::new();
        for member in &named.members {
            self.group_items(member, &mut items);
        }

        quote! {
            #docs
            pub mod #module {
                #items
            }
        }
    }

    fn group_items(&self, named: &Named<'_>, items: &mut TokenStream) {
        let Some(group) = &named.group else {
            return;
        };

        match &named.member.kind {
            MemberKind::Choice(_) => items.extend(self.choice_enum(group)),
            MemberKind::Sequence(_) => items.extend(self.sequence_struct(group)),
            MemberKind::Element(_) | MemberKind::Any(_) => {}
        }
        for member in &group.members {
            self.group_items(member, items);
        }
    }

    fn struct_fields(&self, layout: &Layout, named: &NamedLayout<'_>) -> TokenStream {
        let mut fields = TokenStream::new();

        if let (Some(text), Some(field)) = (&layout.text, &named.text) {
            let ty = value_type(self.context, &text.type_ref, Position::Text);
            let ident = naming::ident(field);
            fields.extend(quote!(pub #ident: #ty,));
        }
        fields.extend(self.member_fields(&named.members, Place::TopLevel));
        for (attribute, field) in layout.attributes.iter().zip(&named.attributes) {
            fields.extend(self.attribute_field(attribute, field));
        }
        if let Some(field) = &named.other_attributes {
            let ident = naming::ident(field);
            fields.extend(quote! {
                /// Attributes matched by `xs:anyAttribute`.
                pub #ident: ::std::vec::Vec<::soap_runtime::xsd::AnyAttribute>,
            });
        }
        if let Some(field) = &named.mixed {
            let ident = naming::ident(field);
            fields.extend(quote! {
                /// Text between the child elements (`mixed="true"`).
                pub #ident: ::soap_runtime::xsd::MixedText,
            });
        }

        fields
    }

    fn member_fields(&self, members: &[Named<'_>], place: Place) -> TokenStream {
        members
            .iter()
            .map(|named| {
                let ident = naming::ident(&named.name);
                let ty = self.member_type(named, place, Role::Field);
                let docs = member_docs(named.member);
                quote! {
                    #docs
                    pub #ident: #ty,
                }
            })
            .collect()
    }

    fn attribute_field(&self, attribute: &FieldSpec, field: &str) -> TokenStream {
        let ident = naming::ident(field);
        let docs = doc_attrs(attribute.docs.as_deref());
        let ty = value_type(self.context, &attribute.type_ref, Position::Attribute);
        let ty = if attribute.optional {
            quote!(::std::option::Option<#ty>)
        } else {
            ty
        };

        quote! {
            #docs
            pub #ident: #ty,
        }
    }

    /// Returns the Rust type of a member: its value in a `Vec` when it repeats, or in an
    /// `Option` (fields only) when it may be absent. A nillable element's value is an `Option`
    /// whose `None` is `xsi:nil="true"`.
    fn member_type(&self, named: &Named<'_>, place: Place, role: Role) -> TokenStream {
        let member = named.member;
        let many = member.max > 1;
        let value = match (&member.kind, &named.group) {
            (MemberKind::Element(element), _) => {
                let ty = self.element_type(element, many, place);
                if element.nillable {
                    quote!(::std::option::Option<#ty>)
                } else {
                    ty
                }
            }
            (MemberKind::Any(_), _) => quote!(::soap_runtime::xsd::AnyElement),
            (_, Some(group)) => self.group_path(group, place),
            (_, None) => quote!(::std::string::String),
        };

        if many {
            quote!(::std::vec::Vec<#value>)
        } else if role == Role::Field && is_emptiable(member) {
            quote!(::std::option::Option<#value>)
        } else {
            value
        }
    }

    fn group_path(&self, group: &GroupItem<'_>, place: Place) -> TokenStream {
        let item = naming::ident(&group.name);
        match (&self.module, place) {
            (Some(module), Place::TopLevel) => quote!(#module::#item),
            _ => quote!(#item),
        }
    }

    /// Returns the type of one element value, boxed when it closes a cycle of directly held
    /// types.
    fn element_type(&self, element: &ElementMember, many: bool, place: Place) -> TokenStream {
        let ty = self.value_type(&element.type_ref, place);

        if many {
            return ty;
        }
        if let (Resolved::Item(target), Some((owner, recursive))) =
            (resolve(self.context, &element.type_ref), self.owner)
        {
            if recursive.is_recursive(owner, target) {
                self.context.boxed.borrow_mut().insert(target);
                return quote!(::std::boxed::Box<#ty>);
            }
        }
        ty
    }

    /// Returns the type of an element value, with `super::` before generated items inside the
    /// group module.
    fn value_type(&self, type_ref: &TypeRef, place: Place) -> TokenStream {
        if place == Place::GroupModule {
            match resolve(self.context, type_ref) {
                Resolved::Item(id) => {
                    let path = self.context.type_path(id);
                    return quote!(super::#path);
                }
                Resolved::List(Some(item)) => {
                    if let Resolved::Item(id) = resolve(self.context, &item) {
                        if self.context.is_enum(id) {
                            let path = self.context.type_path(id);
                            return quote!(::soap_runtime::xsd::List<super::#path>);
                        }
                    }
                }
                _ => {}
            }
        }
        value_type(self.context, type_ref, Position::Element)
    }

    fn choice_enum(&self, group: &GroupItem<'_>) -> TokenStream {
        let ident = naming::ident(&group.name);
        let serde = self.context.serde_derives();
        let variants = group.members.iter().map(|named| {
            let variant = naming::ident(&named.name);
            let ty = self.member_type(named, Place::GroupModule, Role::Variant);
            let docs = member_docs(named.member);
            quote!(#docs #variant(#ty),)
        });
        let default = group.members.first().map(|first| {
            let variant = naming::ident(&first.name);
            quote! {
                impl ::std::default::Default for #ident {
                    fn default() -> Self {
                        Self::#variant(::std::default::Default::default())
                    }
                }
            }
        });
        let group_impl = self.choice_group_impl(&ident, group);

        // Variants hold their element's value directly, as struct fields do, so alternatives
        // of very different sizes are expected; boxing them would make matching clumsier.
        quote! {
            #[doc = " One alternative of an `xs:choice` or of a substitution group."]
            #[derive(Clone, Debug, PartialEq #serde)]
            #[allow(clippy::large_enum_variant)]
            pub enum #ident {
                #( #variants )*
            }

            #default

            #group_impl
        }
    }

    fn choice_group_impl(&self, ident: &Ident, group: &GroupItem<'_>) -> TokenStream {
        let choice = &group.name;
        let table = group
            .members
            .iter()
            .map(|named| self.member_entry(named.member));
        let last = group.members.len().saturating_sub(1);
        let reads = group.members.iter().enumerate().map(|(index, named)| {
            let variant = naming::ident(&named.name);
            let read = self.variant_read(named, index);
            let is_last = index == last;
            let index = Literal::usize_unsuffixed(index);
            if is_last {
                quote!(_ => Self::#variant(#read),)
            } else {
                quote!(#index => Self::#variant(#read),)
            }
        });
        let writes = group.members.iter().map(|named| {
            let variant = naming::ident(&named.name);
            let write = self.occurrences_write(named, quote!(value), Role::Variant);
            quote!(Self::#variant(value) => { #write })
        });

        quote! {
            impl ::soap_runtime::xsd::Group for #ident {
                fn read<R: ::std::io::Read>(
                    content: &mut ::soap_runtime::xsd::ContentReader<'_, R>,
                ) -> ::std::result::Result<Self, ::yaserde::Error> {
                    const ALTERNATIVES: &[::soap_runtime::xsd::Member] = &[#( #table ),*];

                    let value = match content.choose(ALTERNATIVES, #choice)? {
                        #( #reads )*
                    };
                    ::std::result::Result::Ok(value)
                }

                fn write<W: ::std::io::Write>(
                    &self,
                    content: &mut ::soap_runtime::xsd::ContentWriter<'_, W>,
                ) -> ::std::result::Result<(), ::yaserde::Error> {
                    match self {
                        #( #writes )*
                    }
                    ::std::result::Result::Ok(())
                }
            }
        }
    }

    fn sequence_struct(&self, group: &GroupItem<'_>) -> TokenStream {
        let ident = naming::ident(&group.name);
        let serde = self.context.serde_derives();
        let fields = self.member_fields(&group.members, Place::GroupModule);
        let (table, read) = self.members_read(&group.members, &group.name, true);
        let writes = self.members_write(&group.members);

        quote! {
            #[doc = " A sequence of elements inside an `xs:choice` or a repeated `xs:sequence`."]
            #[derive(Clone, Debug, Default, PartialEq #serde)]
            pub struct #ident {
                #fields
            }

            impl ::soap_runtime::xsd::Group for #ident {
                fn read<R: ::std::io::Read>(
                    content: &mut ::soap_runtime::xsd::ContentReader<'_, R>,
                ) -> ::std::result::Result<Self, ::yaserde::Error> {
                    #table
                    let mut value = Self::default();
                    #read
                    ::std::result::Result::Ok(value)
                }

                fn write<W: ::std::io::Write>(
                    &self,
                    content: &mut ::soap_runtime::xsd::ContentWriter<'_, W>,
                ) -> ::std::result::Result<(), ::yaserde::Error> {
                    #writes
                    ::std::result::Result::Ok(())
                }
            }
        }
    }

    /// Emits `YaDeserialize`. Attributes and simple content are read into a struct literal,
    /// because assigning them one by one to a default value fails clippy's
    /// `field_reassign_with_default`. Element members and mixed text are assigned afterwards.
    fn deserialize_impl(
        &self,
        ident: &Ident,
        name: &str,
        layout: &Layout,
        named: &NamedLayout<'_>,
    ) -> TokenStream {
        let mut initializers = self.attributes_read(layout, named);
        if let Some(field) = &named.text {
            let field = naming::ident(field);
            initializers.push(quote!(#field: content.simple_content()?));
        }
        let (table, body) = match &named.text {
            Some(_) => (None, TokenStream::new()),
            None => self.members_read(&named.members, name, false),
        };
        let mixed = named.mixed.as_ref().map(|field| {
            let field = naming::ident(field);
            quote!(value.#field = content.take_text();)
        });
        let start = value_start(&initializers, named);

        quote! {
            impl ::yaserde::YaDeserialize for #ident {
                fn deserialize<R: ::std::io::Read>(
                    reader: &mut ::yaserde::de::Deserializer<R>,
                ) -> ::std::result::Result<Self, ::yaserde::Error> {
                    #table
                    let content = &mut ::soap_runtime::xsd::ContentReader::start(reader, #name)?;
                    #start
                    #body
                    #mixed
                    ::std::result::Result::Ok(value)
                }
            }
        }
    }

    /// Returns a struct literal field initializer for each attribute field, in layout order.
    fn attributes_read(&self, layout: &Layout, named: &NamedLayout<'_>) -> Vec<TokenStream> {
        let mut reads = Vec::new();

        for (attribute, field) in layout.attributes.iter().zip(&named.attributes) {
            let field = naming::ident(field);
            let namespace = attribute.wire.namespace.as_deref().unwrap_or("");
            let local = &attribute.wire.local;
            reads.push(if attribute.optional {
                quote!(#field: content.attribute(#namespace, #local)?)
            } else {
                quote!(#field: content.required_attribute(#namespace, #local)?)
            });
        }

        if let Some(field) = &named.other_attributes {
            let field = naming::ident(field);
            let known = layout.attributes.iter().map(|attribute| {
                let namespace = attribute.wire.namespace.as_deref().unwrap_or("");
                let local = &attribute.wire.local;
                quote!((#namespace, #local))
            });
            reads.push(quote!(#field: content.other_attributes(&[#( #known ),*])));
        }

        reads
    }

    /// Returns the `MEMBERS` table (none without members) and the loop that reads the members
    /// of a struct or an inline sequence into `value`.
    fn members_read(
        &self,
        members: &[Named<'_>],
        owner: &str,
        nested: bool,
    ) -> (Option<TokenStream>, TokenStream) {
        let start = if nested {
            quote!(::soap_runtime::xsd::Sequence::nested)
        } else {
            quote!(::soap_runtime::xsd::Sequence::new)
        };
        if members.is_empty() {
            return (None, quote!(#start(&[]).next(content)?;));
        }

        let table = members.iter().map(|named| self.member_entry(named.member));
        let arms = members.iter().enumerate().map(|(index, named)| {
            let field = naming::ident(&named.name);
            let read = self.read_one(named);
            let assign = if named.member.max > 1 {
                quote!(value.#field.push(#read))
            } else if is_emptiable(named.member) {
                quote!(value.#field = ::std::option::Option::Some(#read))
            } else {
                quote!(value.#field = #read)
            };
            let index = Literal::usize_unsuffixed(index);
            quote!(#index => #assign,)
        });

        let table = quote! {
            const MEMBERS: &[::soap_runtime::xsd::Member] = &[#( #table ),*];
        };
        let read = quote! {
            let mut sequence = #start(MEMBERS);
            while let ::std::option::Option::Some(index) = sequence.next(content)? {
                match index {
                    #( #arms )*
                    _ => content.skip()?,
                }
            }
            sequence.finish(#owner)?;
        };
        (Some(table), read)
    }

    /// Returns the expression that reads one occurrence of a member, `?` included.
    fn read_one(&self, named: &Named<'_>) -> TokenStream {
        let call = self.read_call(named.member);
        quote!(#call?)
    }

    /// Returns the call that reads one occurrence of a member, which returns a `Result`.
    fn read_call(&self, member: &Member) -> TokenStream {
        match &member.kind {
            MemberKind::Element(element) => {
                let method = match (self.is_text(&element.type_ref), element.nillable) {
                    (true, false) => quote!(text),
                    (true, true) => quote!(nillable_text),
                    (false, false) => quote!(element),
                    (false, true) => quote!(nillable_element),
                };
                quote!(content.#method())
            }
            MemberKind::Choice(_) | MemberKind::Sequence(_) => quote!(content.group()),
            MemberKind::Any(_) => quote!(content.any()),
        }
    }

    /// Returns the expression that reads the payload of a choice variant: one occurrence, or
    /// all occurrences for a repeated alternative.
    fn variant_read(&self, named: &Named<'_>, index: usize) -> TokenStream {
        if named.member.max > 1 {
            let call = self.read_call(named.member);
            let index = Literal::usize_unsuffixed(index);
            quote!(content.repeat(&ALTERNATIVES[#index], |content| #call)?)
        } else {
            self.read_one(named)
        }
    }

    /// `true` when values of `type_ref` are read from text with `FromStr`, not with a
    /// `YaDeserialize` impl.
    fn is_text(&self, type_ref: &TypeRef) -> bool {
        match resolve(self.context, type_ref) {
            Resolved::Builtin(builtin) => builtin != Builtin::AnyType,
            Resolved::Item(id) => self.context.is_enum(id),
            Resolved::List(_) | Resolved::Text => true,
        }
    }

    /// Returns one entry of a `Member` table: the names and wildcards that start the member,
    /// and its bounds. A member that may match nothing gets `min: 0`.
    fn member_entry(&self, member: &Member) -> TokenStream {
        let mut names = Vec::new();
        let mut wildcards = Vec::new();
        first_set(member, &mut names, &mut wildcards);

        let names = names
            .iter()
            .map(|(namespace, local)| quote!((#namespace, #local)));
        let wildcards = wildcards.iter().map(|wildcard| self.wildcard(wildcard));
        let min = Literal::u32_unsuffixed(if is_emptiable(member) { 0 } else { member.min });
        let max = if member.max == UNBOUNDED {
            quote!(::soap_runtime::xsd::UNBOUNDED)
        } else {
            let max = Literal::u32_unsuffixed(member.max);
            quote!(#max)
        };

        quote! {
            ::soap_runtime::xsd::Member {
                names: &[#( #names ),*],
                wildcards: &[#( #wildcards ),*],
                min: #min,
                max: #max,
            }
        }
    }

    /// Returns the namespaces an `xs:any` accepts, from its `namespace` attribute.
    // NOTE: `##targetNamespace` and `##other` use the namespace of the type that contains the
    // wildcard, which differs from the declaring schema's for a wildcard inherited from a base
    // type in another schema (the IR does not keep the wildcard's own schema).
    fn wildcard(&self, wildcard: &Wildcard) -> TokenStream {
        let target = self.target_namespace.as_str();

        match wildcard.namespace.trim() {
            "" | "##any" => quote!(::soap_runtime::xsd::Namespaces::Any),
            "##other" => quote!(::soap_runtime::xsd::Namespaces::Other(#target)),
            list => {
                let uris = list.split_whitespace().map(|token| match token {
                    "##targetNamespace" => target,
                    "##local" => "",
                    uri => uri,
                });
                quote!(::soap_runtime::xsd::Namespaces::List(&[#( #uris ),*]))
            }
        }
    }

    fn serialize_impl(
        &self,
        ident: &Ident,
        root: &Root,
        layout: &Layout,
        named: &NamedLayout<'_>,
    ) -> TokenStream {
        let (root_name, namespaces) = self.start_tag_names(root, layout);
        let namespaces = namespaces
            .iter()
            .map(|(prefix, uri)| quote!((#prefix, #uri)));
        let attributes = self.attributes_write(layout, named);
        let tag = if attributes.is_empty() {
            quote!(tag)
        } else {
            quote!(mut tag)
        };

        let mut body = TokenStream::new();
        if let Some(field) = &named.mixed {
            let field = naming::ident(field);
            body.extend(quote!(content.mixed(&self.#field);));
        }
        if let Some(field) = &named.text {
            let field = naming::ident(field);
            body.extend(quote!(content.characters(&self.#field)?;));
        }
        body.extend(self.members_write(&named.members));
        let content = if body.is_empty() {
            quote!(content)
        } else {
            quote!(mut content)
        };

        quote! {
            impl ::yaserde::YaSerialize for #ident {
                fn serialize<W: ::std::io::Write>(
                    &self,
                    writer: &mut ::yaserde::ser::Serializer<W>,
                ) -> ::std::result::Result<(), ::yaserde::Error> {
                    let #tag = ::soap_runtime::xsd::StartTag::new(
                        writer,
                        #root_name,
                        &[#( #namespaces ),*],
                    );
                    #attributes
                    let #content = tag.write()?;
                    #body
                    content.end()
                }

                fn serialize_attributes(
                    &self,
                    attributes: ::std::vec::Vec<::yaserde::__xml::attribute::OwnedAttribute>,
                    namespace: ::yaserde::__xml::namespace::Namespace,
                ) -> ::std::result::Result<
                    (
                        ::std::vec::Vec<::yaserde::__xml::attribute::OwnedAttribute>,
                        ::yaserde::__xml::namespace::Namespace,
                    ),
                    ::yaserde::Error,
                > {
                    ::std::result::Result::Ok((attributes, namespace))
                }
            }
        }
    }

    /// Returns the element name a struct writes when its parent does not choose one, and the
    /// namespace declarations of its start tag: every namespace it or its members write.
    fn start_tag_names(
        &self,
        root: &Root,
        layout: &Layout,
    ) -> (String, BTreeSet<(String, String)>) {
        let mut namespaces = BTreeSet::new();
        let root_name = match root {
            Root::Element(name) => self.wire_name(&name.namespace, &name.local, &mut namespaces),
            Root::Type(local) => local.clone(),
        };

        for attribute in &layout.attributes {
            self.wire_name(&attribute.wire.namespace, "", &mut namespaces);
        }
        collect_namespaces(&layout.members, &mut |namespace| {
            self.wire_name(namespace, "", &mut namespaces);
        });

        (root_name, namespaces)
    }

    /// Returns `prefix:local` (or `local` without a namespace) and records the prefix.
    fn wire_name(
        &self,
        namespace: &Option<String>,
        local: &str,
        namespaces: &mut BTreeSet<(String, String)>,
    ) -> String {
        match namespace {
            Some(namespace) => {
                let prefix = self.context.prefix(namespace);
                if namespace != XML_NAMESPACE {
                    namespaces.insert((prefix.clone(), namespace.clone()));
                }
                format!("{prefix}:{local}")
            }
            None => local.to_owned(),
        }
    }

    fn attributes_write(&self, layout: &Layout, named: &NamedLayout<'_>) -> TokenStream {
        let mut writes = TokenStream::new();
        let mut unused = BTreeSet::new();

        for (attribute, field) in layout.attributes.iter().zip(&named.attributes) {
            let field = naming::ident(field);
            let name = self.wire_name(
                &attribute.wire.namespace,
                &attribute.wire.local,
                &mut unused,
            );
            writes.extend(if attribute.optional {
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#field {
                        tag.attribute(#name, value);
                    }
                }
            } else {
                quote!(tag.attribute(#name, &self.#field);)
            });
        }
        if let Some(field) = &named.other_attributes {
            let field = naming::ident(field);
            writes.extend(quote!(tag.other_attributes(&self.#field);));
        }

        writes
    }

    /// Returns the statements that write every member of a struct or an inline sequence.
    fn members_write(&self, members: &[Named<'_>]) -> TokenStream {
        members
            .iter()
            .map(|named| {
                let field = naming::ident(&named.name);
                self.occurrences_write(named, quote!(&self.#field), Role::Field)
            })
            .collect()
    }

    /// Returns the statements that write the value `access` of a member: each item of a `Vec`,
    /// the value of a present `Option`, or the value itself.
    fn occurrences_write(&self, named: &Named<'_>, access: TokenStream, role: Role) -> TokenStream {
        let one = self.write_one(named.member, quote!(item));

        if named.member.max > 1 {
            quote! {
                for item in #access {
                    #one
                }
            }
        } else if role == Role::Field && is_emptiable(named.member) {
            quote! {
                if let ::std::option::Option::Some(item) = #access {
                    #one
                }
            }
        } else {
            self.write_one(named.member, access)
        }
    }

    /// Returns the statement that writes one occurrence `value` of a member.
    fn write_one(&self, member: &Member, value: TokenStream) -> TokenStream {
        match &member.kind {
            MemberKind::Element(element) => {
                let name = self.wire_name(
                    &element.wire.namespace,
                    &element.wire.local,
                    &mut BTreeSet::new(),
                );
                let method = match (self.is_text(&element.type_ref), element.nillable) {
                    (true, false) => quote!(text),
                    (true, true) => quote!(nillable_text),
                    (false, false) => quote!(element),
                    (false, true) => quote!(nillable_element),
                };
                quote!(content.#method(#name, #value)?;)
            }
            MemberKind::Choice(_) | MemberKind::Sequence(_) => quote!(content.group(#value)?;),
            MemberKind::Any(_) => quote!(content.any(#value)?;),
        }
    }
}

/// Documentation of an element member.
fn member_docs(member: &Member) -> TokenStream {
    match &member.kind {
        MemberKind::Element(element) => doc_attrs(element.docs.as_deref()),
        MemberKind::Any(_) => doc_line("Element matched by `xs:any`."),
        MemberKind::Choice(_) | MemberKind::Sequence(_) => TokenStream::new(),
    }
}

/// Adds the element names and wildcards that can start `member`.
fn first_set<'m>(
    member: &'m Member,
    names: &mut Vec<(String, String)>,
    wildcards: &mut Vec<&'m Wildcard>,
) {
    match &member.kind {
        MemberKind::Element(element) => {
            let name = (
                element.wire.namespace.clone().unwrap_or_default(),
                element.wire.local.clone(),
            );
            if !names.contains(&name) {
                names.push(name);
            }
        }
        MemberKind::Any(wildcard) => wildcards.push(wildcard),
        MemberKind::Choice(alternatives) => {
            for alternative in alternatives {
                first_set(alternative, names, wildcards);
            }
        }
        MemberKind::Sequence(items) => {
            for item in items {
                first_set(item, names, wildcards);
                if !is_emptiable(item) {
                    break;
                }
            }
        }
    }
}

/// Calls `found` with the namespace of every element in `members`, groups included.
fn collect_namespaces(members: &[Member], found: &mut impl FnMut(&Option<String>)) {
    for member in members {
        match &member.kind {
            MemberKind::Element(element) => found(&element.wire.namespace),
            MemberKind::Choice(inner) | MemberKind::Sequence(inner) => {
                collect_namespaces(inner, found)
            }
            MemberKind::Any(_) => {}
        }
    }
}

/// Returns the statement that creates `value`: `Self::default()` when nothing is read up
/// front, otherwise a struct literal of `initializers` that fills the remaining fields from
/// `Default` (and is mutable) only when element members or mixed text follow.
fn value_start(initializers: &[TokenStream], named: &NamedLayout<'_>) -> TokenStream {
    if initializers.is_empty() {
        return quote!(let mut value = Self::default(););
    }
    if named.members.is_empty() && named.mixed.is_none() {
        return quote!(let value = Self { #( #initializers, )* };);
    }
    quote! {
        let mut value = Self {
            #( #initializers, )*
            ..::std::default::Default::default()
        };
    }
}
