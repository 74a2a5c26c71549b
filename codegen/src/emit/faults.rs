//! The `{Operation}Fault` enum of an operation: one variant per `wsdl:fault`, decoded from the
//! fault's detail element.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{Fault, Operation, QName};
use crate::naming::{self, Scope};

use super::docs::doc_line;
use super::messages::element_struct;
use super::shared::{alias_item, Member, SharedItems};
use super::Context;

/// Returns the type of an operation's `FaultDetail` and the items that define it: the
/// `{Operation}Fault` enum with one variant per `wsdl:fault`, an alias of an identical enum of
/// an earlier operation, or `NoFaultDetail` and no item.
pub fn fault_enum(
    context: &Context<'_>,
    operation: &Operation,
    scope: &mut Scope,
    shared: &mut SharedItems,
) -> (TokenStream, TokenStream) {
    let faults: Vec<(&Fault, String, QName)> = operation
        .faults
        .iter()
        .filter_map(|fault| {
            let name = element_struct(context, fault.element)?;
            let element = context.model.elements.get(&fault.element)?;
            Some((fault, name, element.name.clone()))
        })
        .collect();
    if faults.is_empty() {
        return (quote!(::soap_runtime::NoFaultDetail), TokenStream::new());
    }

    let ident =
        naming::ident(&scope.claim(&format!("{}Fault", naming::type_name(&operation.name))));
    let mut variant_scope = Scope::new();
    let members: Vec<Member> = faults
        .into_iter()
        .map(|(fault, name, element)| {
            let variant = variant_scope.claim(&naming::type_name(&fault.name));
            (variant, name, element)
        })
        .collect();

    let item = match shared.find_or_insert("fault", members.clone(), &ident) {
        Some(original) => {
            let summary = format!("Typed fault details of operation `{}`", operation.name);
            alias_item(&ident, &original, &summary)
        }
        None => enum_item(operation, &ident, &members),
    };
    (quote!(#ident), item)
}

fn enum_item(operation: &Operation, ident: &Ident, members: &[Member]) -> TokenStream {
    let variants: Vec<(Ident, Ident, &QName)> = members
        .iter()
        .map(|(variant, detail, element)| (naming::ident(variant), naming::ident(detail), element))
        .collect();

    let declarations = variants.iter().map(|(variant, detail, element)| {
        let doc = doc_line(&format!("Fault detail element `{}`.", element.local));
        quote!(#doc #variant(super::#detail),)
    });
    let arms = variants.iter().map(|(variant, detail, element)| {
        let namespace = element.namespace.as_deref().unwrap_or("");
        let local = &element.local;
        quote! {
            (#namespace, #local) => ::yaserde::de::from_str::<super::#detail>(xml)
                .ok()
                .map(#ident::#variant),
        }
    });
    let doc = doc_line(&format!(
        "Typed fault details of operation `{}`, one variant per `wsdl:fault`.",
        operation.name
    ));

    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #( #declarations )*
        }

        impl ::soap_runtime::FaultDetail for #ident {
            fn from_detail_element(xml: &str) -> ::std::option::Option<Self> {
                let (namespace, local) = ::soap_runtime::xsd::element_name(xml)?;
                match (namespace.as_str(), local.as_str()) {
                    #( #arms )*
                    _ => ::std::option::Option::None,
                }
            }
        }
    }
}
