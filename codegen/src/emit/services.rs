//! One module per `wsdl:service`, with a `soap_runtime::PortInfo` constant per SOAP port.

use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::{self, Scope};

use super::docs::{doc_attrs, doc_line};
use super::operations::{binding_modules, version_tokens};
use super::Context;

/// Emits the service modules, in document order.
pub fn emit_services(context: &Context<'_>) -> TokenStream {
    let bindings = binding_modules(context);
    let mut module_scope = Scope::new();
    for module in &bindings {
        module_scope.reserve(&module.to_string());
    }

    let mut items = TokenStream::new();
    for service in &context.model.services {
        let module = naming::ident(&module_scope.claim(&naming::module_name(&service.name)));
        let summary = doc_line(&format!("Service `{}`.", service.name));
        let docs = doc_attrs(service.docs.as_deref());
        let docs = if docs.is_empty() {
            docs
        } else {
            quote!(#[doc = ""] #docs)
        };

        let mut const_scope = Scope::new();
        let ports = service.ports.iter().filter_map(|port| {
            let binding = context.model.bindings.get(port.binding)?;
            let binding_module = bindings.get(port.binding)?;
            let constant = naming::ident(&const_scope.claim(&naming::const_name(&port.name)));
            let port_doc = match port.docs.as_deref() {
                Some(text) => doc_line(&format!("Port `{}`: {}", port.name, text.trim())),
                None => doc_line(&format!("Port `{}`.", port.name)),
            };
            let service_name = &service.name;
            let port_name = &port.name;
            let address = &port.address;
            let version = version_tokens(binding.version);
            Some(quote! {
                #port_doc
                pub const #constant: ::soap_runtime::PortInfo = ::soap_runtime::PortInfo {
                    service: #service_name,
                    port: #port_name,
                    default_endpoint: #address,
                    version: #version,
                    operations: super::#binding_module::OPERATIONS,
                };
            })
        });

        items.extend(quote! {
            #summary
            #docs
            pub mod #module {
                #( #ports )*
            }
        });
    }

    items
}
