//! The server skeleton of a binding: a `Handler` trait with one method per operation, and a
//! `dispatch` function that routes a request envelope to it.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::error::WarningKind;
use crate::ir::Binding;
use crate::naming::{self, Scope};

use super::docs::doc_line;
use super::operations::{version_tokens, EmittedOperation};
use super::Context;

/// Emits `Handler` and `dispatch` for `operations` of `binding`.
pub fn emit_server(
    context: &Context<'_>,
    binding: &Binding,
    operations: &[EmittedOperation<'_>],
) -> TokenStream {
    let mut method_scope = Scope::new();
    let methods: Vec<_> = operations
        .iter()
        .map(|emitted| {
            naming::ident(&method_scope.claim(&naming::field_name(&emitted.operation.name)))
        })
        .collect();

    let shadowed = shadowing_operations(context, binding, operations);
    let declarations = operations
        .iter()
        .zip(&methods)
        .zip(&shadowed)
        .map(|((emitted, method), first)| handler_method(emitted, method, *first));

    let arms: Vec<TokenStream> = operations
        .iter()
        .zip(&methods)
        .zip(&shadowed)
        .filter(|(_, first)| first.is_none())
        .map(|((emitted, method), _)| dispatch_arm(emitted, method))
        .collect();

    let version = version_tokens(binding.version);
    // With no operation, `handler` would be an unused parameter.
    let unused = operations.is_empty().then(|| quote!(let _ = handler;));
    // With no operation, a `match` would have only the wildcard arm.
    let route = if operations.is_empty() {
        quote!(request.unknown_operation())
    } else {
        quote! {
            match (request.body_namespace(), request.body_name()) {
                #( #arms )*
                _ => request.unknown_operation(),
            }
        }
    };
    let handler_doc = doc_line(&format!(
        "Server side of binding `{}`: one method per operation.",
        binding.name.local
    ));

    quote! {
        #handler_doc
        pub trait Handler: ::std::marker::Send + ::std::marker::Sync {
            #( #declarations )*
        }

        /// Decodes a request envelope, calls the handler method its body element names, and encodes
        /// the reply (a SOAP fault with HTTP 500 for a malformed request or an unknown operation).
        pub async fn dispatch<H: Handler>(handler: &H, body: &[u8]) -> ::soap_runtime::server::Response {
            let request = match ::soap_runtime::server::Request::parse(body) {
                ::std::result::Result::Ok(request) => request,
                ::std::result::Result::Err(fault) => return fault.into_response(#version),
            };
            #unused
            #route
        }
    }
}

/// Returns, for each operation, the earlier operation of the binding that takes the same request
/// element (so `dispatch` routes that element there), and warns about each such operation.
fn shadowing_operations<'o>(
    context: &Context<'_>,
    binding: &Binding,
    operations: &'o [EmittedOperation<'_>],
) -> Vec<Option<&'o str>> {
    let mut routed: BTreeMap<(String, String), &str> = BTreeMap::new();
    operations
        .iter()
        .map(|emitted| {
            let element = (body_namespace(emitted), body_local(emitted));
            let name = emitted.operation.name.as_str();
            let first = *routed.entry(element.clone()).or_insert(name);
            if first == name {
                return None;
            }

            let location = format!(
                "operation {name} of binding {} (request element {}, as operation {first})",
                binding.name.local, element.1
            );
            context.skip(WarningKind::AmbiguousDispatch, location, &binding.source);
            Some(first)
        })
        .collect()
}

/// Builds the `match` arm of `dispatch` that serves one operation.
fn dispatch_arm(emitted: &EmittedOperation<'_>, method: &Ident) -> TokenStream {
    let ident = &emitted.ident;
    let namespace = body_namespace(emitted);
    let local = body_local(emitted);
    let call = if emitted.headers.is_some() {
        quote! {
            ::soap_runtime::server::serve_with_headers::<#ident, _, _>(
                &request,
                |input, headers| handler.#method(input, headers),
            )
        }
    } else {
        quote!(::soap_runtime::server::serve::<#ident, _, _>(&request, |input| handler.#method(input)))
    };

    quote! {
        (#namespace, #local) => {
            #call.await
        }
    }
}

/// Declares the `Handler` method of one operation. An operation with `soap:header` parts also
/// receives the request's header blocks and returns the response's with its output.
fn handler_method(
    emitted: &EmittedOperation<'_>,
    method: &Ident,
    shadowed_by: Option<&str>,
) -> TokenStream {
    let mut docs = emitted.docs("Handles operation");
    if let Some(first) = shadowed_by {
        docs.extend(doc_line(""));
        docs.extend(doc_line(&format!(
            "`dispatch` never calls this method: operation `{first}` takes the same request \
             element, and the body alone cannot tell them apart."
        )));
    }
    let input = &emitted.input;
    let output = emitted.output_type();

    let (headers, output) = match &emitted.headers {
        Some((input_headers, output_headers)) => (
            quote!(headers: #input_headers,),
            quote!((#output, #output_headers)),
        ),
        None => (TokenStream::new(), output),
    };
    quote! {
        #docs
        fn #method(
            &self,
            input: #input,
            #headers
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<#output, ::soap_runtime::server::Fault>,
        > + ::std::marker::Send;
    }
}

/// The request's body element as the descriptor names it.
fn body_namespace(emitted: &EmittedOperation<'_>) -> String {
    emitted.input_name.namespace.clone().unwrap_or_default()
}

fn body_local(emitted: &EmittedOperation<'_>) -> String {
    emitted.input_name.local.clone()
}
