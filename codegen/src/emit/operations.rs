//! One module per SOAP binding: a unit struct per operation implementing
//! `soap_runtime::Operation`, typed fault enums, header structs and `OPERATIONS`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::error::WarningKind;
use crate::ir::{Binding, Operation, QName, SoapVersion, Style};
use crate::naming::{self, Scope};

use super::docs::{doc_attrs, doc_line};
use super::faults::fault_enum;
use super::headers::headers_struct;
use super::messages::{body_name, RpcWrappers};
use super::shared::SharedItems;
use super::{server, Context};

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
    /// Request and response header types, when the binding declares `soap:header` parts.
    pub headers: Option<(TokenStream, TokenStream)>,
}

impl EmittedOperation<'_> {
    /// Returns the operation's documentation, or `{summary} `name`.` when it has none.
    pub fn docs(&self, summary: &str) -> TokenStream {
        let docs = doc_attrs(self.operation.docs.as_deref());
        if docs.is_empty() {
            doc_line(&format!("{summary} `{}`.", self.operation.name))
        } else {
            docs
        }
    }

    /// Returns the path of the response body type, `soap_runtime::xsd::Empty` for a one-way
    /// operation.
    pub fn output_type(&self) -> TokenStream {
        self.output
            .clone()
            .unwrap_or_else(|| quote!(::soap_runtime::xsd::Empty))
    }
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
    let mut shared = SharedItems::default();
    for operation in &binding.operations {
        let Some(mut emitted) = prepare(context, wrappers, &mut scope, binding, operation) else {
            continue;
        };
        items.extend(operation_item(
            context,
            binding,
            &mut emitted,
            &mut scope,
            &mut shared,
        ));
        operations.push(emitted);
    }

    let infos = operations.iter().map(|emitted| {
        let ident = &emitted.ident;
        quote!(<#ident as ::soap_runtime::Operation>::INFO,)
    });
    let server = if context.options.server {
        server::emit_server(context, binding, &operations)
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
        headers: None,
    })
}

fn operation_item(
    context: &Context<'_>,
    binding: &Binding,
    emitted: &mut EmittedOperation<'_>,
    scope: &mut Scope,
    shared: &mut SharedItems,
) -> TokenStream {
    let operation = emitted.operation;
    let ident = &emitted.ident;
    let docs = emitted.docs("Operation");

    let input = &emitted.input;
    let output = emitted.output_type();
    let (fault_type, fault_item) = fault_enum(context, operation, scope, shared);
    let (input_headers, input_headers_item) = headers_struct(
        context,
        operation,
        &operation.input.headers,
        "InputHeaders",
        scope,
        shared,
    );
    let output_headers = operation.output.as_ref().map_or(&[][..], |m| &m.headers);
    let (output_headers, output_headers_item) = headers_struct(
        context,
        operation,
        output_headers,
        "OutputHeaders",
        scope,
        shared,
    );
    let info = operation_info(context, binding, operation);
    if !input_headers_item.is_empty() || !output_headers_item.is_empty() {
        emitted.headers = Some((input_headers.clone(), output_headers.clone()));
    }

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
