//! One module per SOAP binding: a unit struct per operation implementing
//! `soap_runtime::Operation`, typed fault enums, header structs and `OPERATIONS`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{Binding, Fault, HeaderPart, Operation, QName, SoapVersion, Style};
use crate::naming::{self, Scope};

use super::docs::{doc_attrs, doc_line};
use super::messages::{body_name, element_struct, RpcWrappers};
use super::{server, Context};
use crate::error::WarningKind;

/// An operation whose types are known, ready to emit.
pub struct EmittedOperation<'a> {
    /// The operation.
    pub operation: &'a Operation,
    /// Name of its unit struct.
    pub ident: Ident,
    /// Path of the request body type, from inside the binding module.
    pub input: TokenStream,
    /// The request's first body element on the wire.
    pub input_name: QName,
    /// Path of the response body type, or `None` for a one-way operation.
    pub output: Option<TokenStream>,
}

/// Emits the RPC wrapper structs (top level) and one module per binding.
pub fn emit_bindings(context: &Context<'_>) -> (TokenStream, TokenStream) {
    let mut wrappers = RpcWrappers::new(context);
    let mut modules = TokenStream::new();
    let mut module_scope = Scope::new();

    for binding in &context.model.bindings {
        let module = naming::ident(&module_scope.claim(&naming::module_name(&binding.name.local)));
        modules.extend(binding_module(context, &mut wrappers, binding, &module));
    }

    (wrappers.into_items(), modules)
}

/// Returns the module name of each binding, in model order (the same names as
/// [`emit_bindings`] gives).
pub fn binding_modules(context: &Context<'_>) -> Vec<Ident> {
    let mut module_scope = Scope::new();

    context
        .model
        .bindings
        .iter()
        .map(|binding| {
            naming::ident(&module_scope.claim(&naming::module_name(&binding.name.local)))
        })
        .collect()
}

fn binding_module(
    context: &Context<'_>,
    wrappers: &mut RpcWrappers,
    binding: &Binding,
    module: &Ident,
) -> TokenStream {
    let mut scope = Scope::new();
    scope.reserve("OPERATIONS");
    scope.reserve("Handler");

    let mut operations = Vec::new();
    let mut items = TokenStream::new();
    for operation in &binding.operations {
        let Some(emitted) = prepare(context, wrappers, &mut scope, binding, operation) else {
            continue;
        };
        items.extend(operation_item(context, binding, &emitted, &mut scope));
        operations.push(emitted);
    }

    let infos = operations.iter().map(|emitted| {
        let ident = &emitted.ident;
        quote!(<#ident as ::soap_runtime::Operation>::INFO,)
    });
    let server = if context.options.server {
        server::emit_server(binding, &operations)
    } else {
        TokenStream::new()
    };

    let version = match binding.version {
        SoapVersion::Soap11 => "SOAP 1.1",
        SoapVersion::Soap12 => "SOAP 1.2",
    };
    let summary = doc_line(&format!(
        "Binding `{}` of port type `{}` ({version}).",
        binding.name.local, binding.port_type.local
    ));
    let docs = doc_attrs(binding.docs.as_deref());
    let docs = if docs.is_empty() {
        docs
    } else {
        quote!(#[doc = ""] #docs)
    };

    quote! {
        #summary
        #docs
        pub mod #module {
            #items

            /// Descriptors of every operation of this binding, in WSDL order.
            pub const OPERATIONS: &[::soap_runtime::OperationInfo] = &[
                #( #infos )*
            ];

            #server
        }
    }
}

fn prepare<'a>(
    context: &Context<'_>,
    wrappers: &mut RpcWrappers,
    scope: &mut Scope,
    binding: &Binding,
    operation: &'a Operation,
) -> Option<EmittedOperation<'a>> {
    let input = wrappers.body_type(context, &operation.input);
    // `None`: a one-way operation; `Some(None)`: an output message with no usable body.
    let output = operation
        .output
        .as_ref()
        .map(|message| wrappers.body_type(context, message));

    let (Some(input), Some(output)) = (input, output.map_or(Some(None), |output| output.map(Some)))
    else {
        let location = format!(
            "operation {} of binding {}",
            operation.name, binding.name.local
        );
        context.skip(WarningKind::UnsupportedMessage, location, &binding.source);
        return None;
    };

    let input_name = body_name(context, &operation.input)?;

    Some(EmittedOperation {
        operation,
        input_name,
        ident: naming::ident(&scope.claim(&naming::type_name(&operation.name))),
        input,
        output,
    })
}

fn operation_item(
    context: &Context<'_>,
    binding: &Binding,
    emitted: &EmittedOperation<'_>,
    scope: &mut Scope,
) -> TokenStream {
    let operation = emitted.operation;
    let ident = &emitted.ident;
    let docs = doc_attrs(operation.docs.as_deref());
    let docs = if docs.is_empty() {
        doc_line(&format!("Operation `{}`.", operation.name))
    } else {
        docs
    };

    let input = &emitted.input;
    let output = emitted
        .output
        .clone()
        .unwrap_or_else(|| quote!(::soap_runtime::xsd::Empty));
    let (fault_type, fault_item) = fault_enum(context, operation, scope);
    let (input_headers, input_headers_item) = headers_struct(
        context,
        operation,
        &operation.input.headers,
        "InputHeaders",
        scope,
    );
    let output_headers = operation.output.as_ref().map_or(&[][..], |m| &m.headers);
    let (output_headers, output_headers_item) =
        headers_struct(context, operation, output_headers, "OutputHeaders", scope);
    let info = operation_info(context, binding, operation);

    quote! {
        #docs
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #ident;

        impl ::soap_runtime::Operation for #ident {
            type Input = #input;
            type Output = #output;
            type FaultDetail = #fault_type;
            type InputHeaders = #input_headers;
            type OutputHeaders = #output_headers;
            const INFO: ::soap_runtime::OperationInfo = #info;
        }

        #fault_item
        #input_headers_item
        #output_headers_item
    }
}

fn operation_info(context: &Context<'_>, binding: &Binding, operation: &Operation) -> TokenStream {
    let name = &operation.name;
    let soap_action = &operation.soap_action;
    let version = version_tokens(binding.version);
    let style = match operation.style {
        Style::Document => quote!(::soap_runtime::BindingStyle::Document),
        Style::Rpc => quote!(::soap_runtime::BindingStyle::Rpc),
    };
    let input = body_name(context, &operation.input).map_or_else(empty_qname, |q| qname(&q));
    let output = match operation
        .output
        .as_ref()
        .and_then(|m| body_name(context, m))
    {
        Some(name) => {
            let name = qname(&name);
            quote!(::std::option::Option::Some(#name))
        }
        None => quote!(::std::option::Option::None),
    };

    quote! {
        ::soap_runtime::OperationInfo {
            name: #name,
            soap_action: #soap_action,
            version: #version,
            style: #style,
            input: #input,
            output: #output,
        }
    }
}

/// Returns the `soap_runtime::SoapVersion` value of a binding's version.
pub fn version_tokens(version: SoapVersion) -> TokenStream {
    match version {
        SoapVersion::Soap11 => quote!(::soap_runtime::SoapVersion::Soap11),
        SoapVersion::Soap12 => quote!(::soap_runtime::SoapVersion::Soap12),
    }
}

fn qname(name: &QName) -> TokenStream {
    let namespace = name.namespace.as_deref().unwrap_or("");
    let local = &name.local;
    quote!(::soap_runtime::QName { namespace: #namespace, local: #local })
}

fn empty_qname() -> TokenStream {
    quote!(::soap_runtime::QName {
        namespace: "",
        local: ""
    })
}

/// The `{Operation}Fault` enum with one variant per `wsdl:fault`, or `NoFaultDetail`.
fn fault_enum(
    context: &Context<'_>,
    operation: &Operation,
    scope: &mut Scope,
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
    let variants: Vec<(Ident, Ident, QName)> = faults
        .into_iter()
        .map(|(fault, name, element)| {
            let variant = naming::ident(&variant_scope.claim(&naming::type_name(&fault.name)));
            (variant, naming::ident(&name), element)
        })
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

    let item = quote! {
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
    };

    (quote!(#ident), item)
}

/// The `{Operation}InputHeaders` or `OutputHeaders` struct, or `NoHeaders`.
fn headers_struct(
    context: &Context<'_>,
    operation: &Operation,
    headers: &[HeaderPart],
    suffix: &str,
    scope: &mut Scope,
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
    let fields: Vec<(Ident, Ident, QName)> = parts
        .into_iter()
        .map(|(header, name, element)| {
            let field = naming::ident(&field_scope.claim(&naming::field_name(&header.name)));
            (field, naming::ident(&name), element)
        })
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
    let reads = fields.iter().map(|(field, ty, element)| {
        let namespace = element.namespace.as_deref().unwrap_or("");
        let local = &element.local;
        quote! {
            (#namespace, #local) => {
                let block = ::yaserde::de::from_str::<super::#ty>(element)
                    .map_err(|error| ::soap_runtime::HeaderError::new(#local, error.to_string()))?;
                headers.#field = ::std::option::Option::Some(block);
            }
        }
    });
    let doc = doc_line(&format!(
        "SOAP header blocks of operation `{}` ({}).",
        operation.name,
        if suffix == "InputHeaders" {
            "request"
        } else {
            "response"
        }
    ));

    let item = quote! {
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
                    match (namespace.as_str(), local.as_str()) {
                        #( #reads )*
                        _ => {}
                    }
                }
                ::std::result::Result::Ok(headers)
            }
        }
    };

    (quote!(#ident), item)
}
