//! The `{Operation}InputHeaders` and `{Operation}OutputHeaders` structs of an operation: one
//! optional field per `soap:header` part, written and read as standalone header blocks.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{HeaderPart, Operation, QName};
use crate::naming::{self, Scope};

use super::docs::doc_line;
use super::messages::element_struct;
use super::shared::{alias_item, Member, SharedItems};
use super::Context;

/// Returns the type of an operation's `InputHeaders` or `OutputHeaders` (by `suffix`) and the
/// items that define it: a struct with one field per `soap:header` part, an alias of an
/// identical struct of an earlier operation, or `NoHeaders` and no item.
pub fn headers_struct(
    context: &Context<'_>,
    operation: &Operation,
    headers: &[HeaderPart],
    suffix: &'static str,
    scope: &mut Scope,
    shared: &mut SharedItems,
) -> (TokenStream, TokenStream) {
    let parts: Vec<(&HeaderPart, String, QName)> = headers
        .iter()
        .filter_map(|header| {
            let name = element_struct(context, header.element)?;
            let element = context.model.elements.get(&header.element)?;
            Some((header, name, element.name.clone()))
        })
        .collect();
    if parts.is_empty() {
        return (quote!(::soap_runtime::NoHeaders), TokenStream::new());
    }

    let ident =
        naming::ident(&scope.claim(&format!("{}{suffix}", naming::type_name(&operation.name))));
    let mut field_scope = Scope::new();
    let members: Vec<Member> = parts
        .into_iter()
        .map(|(header, name, element)| {
            let field = field_scope.claim(&naming::field_name(&header.name));
            (field, name, element)
        })
        .collect();

    let direction = if suffix == "InputHeaders" {
        "request"
    } else {
        "response"
    };
    let item = match shared.find_or_insert(suffix, members.clone(), &ident) {
        Some(original) => {
            let summary = format!(
                "SOAP header blocks of operation `{}` ({direction})",
                operation.name
            );
            alias_item(&ident, &original, &summary)
        }
        None => struct_item(operation, &ident, &members, direction),
    };
    (quote!(#ident), item)
}

fn struct_item(
    operation: &Operation,
    ident: &Ident,
    members: &[Member],
    direction: &str,
) -> TokenStream {
    let fields: Vec<(Ident, Ident, &QName)> = members
        .iter()
        .map(|(field, ty, element)| (naming::ident(field), naming::ident(ty), element))
        .collect();

    let declarations = fields.iter().map(|(field, ty, element)| {
        let doc = doc_line(&format!("Header block `{}`.", element.local));
        quote!(#doc pub #field: ::std::option::Option<super::#ty>,)
    });
    let writes = fields.iter().map(|(field, _, element)| {
        let local = &element.local;
        quote! {
            if let ::std::option::Option::Some(block) = &self.#field {
                let xml = ::soap_runtime::xsd::to_element(block)
                    .map_err(|error| ::soap_runtime::HeaderError::new(#local, error.to_string()))?;
                elements.push(xml);
            }
        }
    });
    let reads: Vec<(TokenStream, TokenStream)> = fields
        .iter()
        .map(|(field, ty, element)| {
            let namespace = element.namespace.as_deref().unwrap_or("");
            let local = &element.local;
            let read = quote! {
                let block = ::yaserde::de::from_str::<super::#ty>(element)
                    .map_err(|error| ::soap_runtime::HeaderError::new(#local, error.to_string()))?;
                headers.#field = ::std::option::Option::Some(block);
            };
            (quote!((#namespace, #local)), read)
        })
        .collect();
    let lookup = header_lookup(&reads);
    let names = reads.iter().map(|(pattern, _)| pattern);
    let doc = doc_line(&format!(
        "SOAP header blocks of operation `{}` ({}).",
        operation.name, direction
    ));

    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #ident {
            #( #declarations )*
        }

        impl ::soap_runtime::Headers for #ident {
            fn to_elements(
                &self,
            ) -> ::std::result::Result<::std::vec::Vec<::std::string::String>, ::soap_runtime::HeaderError> {
                let mut elements = ::std::vec::Vec::new();
                #( #writes )*
                ::std::result::Result::Ok(elements)
            }

            fn from_elements(
                elements: &[::std::string::String],
            ) -> ::std::result::Result<Self, ::soap_runtime::HeaderError> {
                let mut headers = Self::default();
                for element in elements {
                    let ::std::option::Option::Some((namespace, local)) =
                        ::soap_runtime::xsd::element_name(element)
                    else {
                        continue;
                    };
                    #lookup
                }
                ::std::result::Result::Ok(headers)
            }

            fn understands(namespace: &str, local: &str) -> bool {
                matches!((namespace, local), #( #names )|*)
            }
        }
    }
}

/// Returns the statement that reads the header block named `(namespace, local)`: an `if let`
/// for one header (a one-arm `match` fails clippy's `single_match`), or a `match` over several.
fn header_lookup(reads: &[(TokenStream, TokenStream)]) -> TokenStream {
    let name = quote!((namespace.as_str(), local.as_str()));
    if let [(pattern, read)] = reads {
        return quote! {
            if let #pattern = #name {
                #read
            }
        };
    }

    let arms = reads
        .iter()
        .map(|(pattern, read)| quote!(#pattern => { #read }));
    quote! {
        match #name {
            #( #arms )*
            _ => {}
        }
    }
}
