//! The emit stage: builds the tokens of one generated file from the IR with `quote!`.
//!
//! The file holds, in this order: schema types and message elements, one module per SOAP
//! binding with its operation descriptors (and, with [`Options::server`], a `Handler` trait and a
//! `dispatch` function), and one module per service with its port descriptors. Every path in it
//! is fully qualified, so a schema type named `Option` or `Result` cannot break it.

mod docs;
mod faults;
mod fields;
mod headers;
mod messages;
mod operations;
mod prefixes;
mod recursion;
mod rust_type;
mod server;
mod services;
mod shared;
mod types;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Warning, WarningKind};
use crate::ir::{Model, SimpleType, Source, TypeId, TypeKind};
use crate::naming::{self, Names};

pub use prefixes::Prefixes;

/// Settings of the emit stage.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Also derive `serde::Serialize` and `serde::Deserialize` on every type.
    pub serde: bool,
    /// Also emit a `Handler` trait and a `dispatch` function in each binding module.
    pub server: bool,
    /// Namespace prefixes chosen by the user, by namespace URI.
    pub prefixes: BTreeMap<String, String>,
}

/// Tokens of one generated file, and what they leave out.
#[derive(Debug)]
pub struct Emitted {
    /// The items of the file.
    pub tokens: TokenStream,
    /// Constructs left out or mapped with loss, in the order met.
    pub warnings: Vec<Warning>,
}

/// Emits the items for `model`.
///
/// Fails only when a user-chosen namespace prefix is invalid or taken twice.
pub fn emit(model: &Model, options: &Options) -> Result<Emitted, String> {
    let names = Names::assign(model);
    let target_namespace = target_namespace(model);
    let prefixes = Prefixes::assign(model, target_namespace.as_deref(), &options.prefixes)?;
    let context = Context {
        model,
        names,
        prefixes,
        options,
        boxed: RefCell::new(BTreeSet::new()),
        warnings: RefCell::new(Vec::new()),
    };

    let layouts = fields::collect_all(&context);
    let recursive = recursion::RecursiveEdges::find(&context, &layouts);
    let types = types::emit_types(&context, &layouts, &recursive);
    let boxes = types::emit_box_impls(&context);
    let (wrappers, bindings) = operations::emit_bindings(&context);
    let services = services::emit_services(&context);

    // Moving each part into one stream copies no tokens, unlike interpolating it with `quote!`.
    let mut tokens = types;
    tokens.extend([wrappers, boxes, bindings, services]);

    Ok(Emitted {
        tokens,
        warnings: context.warnings.into_inner(),
    })
}

/// The namespace that gets the `tns` prefix: the WSDL's target namespace, which every binding
/// name carries, or else the namespace of the first message element.
fn target_namespace(model: &Model) -> Option<String> {
    model
        .bindings
        .iter()
        .find_map(|binding| binding.name.namespace.clone())
        .or_else(|| {
            model
                .elements
                .values()
                .find_map(|element| element.name.namespace.clone())
        })
}

/// Everything the emitters share while building one file.
pub struct Context<'a> {
    /// The model being emitted.
    pub model: &'a Model,
    /// Names of the top-level items.
    pub names: Names,
    /// Namespace prefixes.
    pub prefixes: Prefixes,
    /// Settings.
    pub options: &'a Options,
    /// Types that some field holds in a `Box`, which need `yaserde` impls for `Box<T>`.
    pub boxed: RefCell<BTreeSet<TypeId>>,
    /// Constructs left out so far.
    pub warnings: RefCell<Vec<Warning>>,
}

impl Context<'_> {
    /// Returns the path of a generated type from the top level of the file.
    pub fn type_path(&self, id: TypeId) -> TokenStream {
        let name = self
            .names
            .types
            .get(&id)
            .map_or("UnknownType", String::as_str);
        let ident = naming::ident(name);
        quote!(#ident)
    }

    /// `true` when the type becomes a Rust enum (a simple type with an enumeration).
    pub fn is_enum(&self, id: TypeId) -> bool {
        self.model.types.get(&id).is_some_and(|def| {
            matches!(
                &def.kind,
                TypeKind::Simple(SimpleType::Restriction { enumeration, .. }) if !enumeration.is_empty()
            )
        })
    }

    /// Returns the prefix of `namespace`.
    pub fn prefix(&self, namespace: &str) -> String {
        self.prefixes.get(namespace).unwrap_or("tns").to_owned()
    }

    /// Records a construct left out, in `location` (a type or operation) defined at `source`.
    pub fn skip(&self, kind: WarningKind, location: String, source: &Source) {
        self.warnings.borrow_mut().push(Warning {
            kind,
            file: source.file.clone(),
            path: source.path.clone(),
            message: format!("{location}: {}", kind.describe()),
        });
    }

    /// The derives every generated struct and enum carries besides the `yaserde` ones.
    pub fn serde_derives(&self) -> TokenStream {
        if self.options.serde {
            quote!(, ::serde::Serialize, ::serde::Deserialize)
        } else {
            TokenStream::new()
        }
    }
}
