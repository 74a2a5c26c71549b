//! The emit stage: builds the tokens of one generated file from the IR with `quote!`.
//!
//! The file holds, in this order: schema types and message elements, one module per SOAP
//! binding with its operation descriptors (and, with [`Options::server`], a `Handler` trait and a
//! `dispatch` function), and one module per service with its port descriptors. Every path in it
//! is fully qualified, so a schema type named `Option` or `Result` cannot break it.

mod docs;
mod faults;
mod fields;
mod fragments;
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

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::error::{Warning, WarningKind};
use crate::ir::{Model, SimpleType, Source, TypeId, TypeKind};
use crate::naming::{self, Names};

pub use prefixes::Prefixes;

/// Name of the generated function that gives a `String` simple content field its value when
/// the element has no characters.
pub const EMPTY_TEXT: &str = "empty_text";

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

/// Everything the parts of one file share, computed once before any part is emitted, so the
/// parts can be emitted on several threads.
pub struct Plan<'a> {
    model: &'a Model,
    options: &'a Options,
    names: Names,
    prefixes: Prefixes,
    layouts: BTreeMap<TypeId, Vec<fields::FieldSpec>>,
    recursive: recursion::RecursiveEdges,
    own: types::OwnLayouts,
    /// The structs and enums of schema types and message elements, in file order.
    type_items: Vec<types::TypeItem>,
}

/// Side results of emitting one part: boxed types and warnings.
#[derive(Debug, Default)]
pub struct PartNotes {
    /// Types that a field of the part stores in a `Box`.
    pub boxed: BTreeSet<TypeId>,
    /// Constructs the part left out, in the order met.
    pub warnings: Vec<Warning>,
    /// Types that the part refers to but that have no generated item, which is a bug in the
    /// generator: the code would not compile.
    pub unknown_types: BTreeSet<TypeId>,
    /// Whether a field of the part refers to the [`EMPTY_TEXT`] function.
    pub empty_text: bool,
}

impl PartNotes {
    /// Appends the notes of a later part.
    pub fn append(&mut self, later: PartNotes) {
        self.boxed.extend(later.boxed);
        self.warnings.extend(later.warnings);
        self.unknown_types.extend(later.unknown_types);
        self.empty_text |= later.empty_text;
    }

    /// Returns the message of [`Error::Internal`](crate::Error::Internal) when a part refers to
    /// a type that has no generated item.
    pub fn unknown_types_error(&self) -> Option<String> {
        let first = self.unknown_types.first()?;
        Some(format!(
            "the generated code refers to type id {} ({} types in all) but no struct or enum \
             was generated for it; please report this with the WSDL",
            first.0,
            self.unknown_types.len()
        ))
    }
}

impl<'a> Plan<'a> {
    /// Names the items of `model` and lays out its types.
    ///
    /// Fails only when a user-chosen namespace prefix is invalid or taken twice.
    pub fn new(model: &'a Model, options: &'a Options) -> Result<Self, String> {
        let names = Names::assign(model);
        let target_namespace = target_namespace(model);
        let prefixes = Prefixes::assign(model, target_namespace.as_deref(), &options.prefixes)?;

        let context = Context::new(model, &names, &prefixes, options);
        let (layouts, own_layouts) = fields::collect_all(&context);
        let recursive = recursion::RecursiveEdges::find(&context, &layouts);
        let own = types::OwnLayouts::new(&context, own_layouts);
        let type_items = types::type_items(&context);
        drop(context);

        Ok(Plan {
            model,
            options,
            names,
            prefixes,
            layouts,
            recursive,
            own,
            type_items,
        })
    }

    /// Returns a rough cost of emitting and formatting each type item, in fields, so that the
    /// items can be cut into parts of similar cost.
    pub fn type_item_weights(&self) -> Vec<usize> {
        self.type_items
            .iter()
            .map(|item| item.weight(&self.layouts, &self.own, self.model))
            .collect()
    }

    /// Returns the number of operations in all bindings.
    pub fn operation_count(&self) -> usize {
        self.model
            .bindings
            .iter()
            .map(|binding| binding.operations.len())
            .sum()
    }

    /// Emits the type items in `range`, which indexes [`Plan::type_item_weights`].
    pub fn emit_types(&self, range: Range<usize>) -> (TokenStream, PartNotes) {
        let context = self.context();
        let items = self.type_items.get(range).unwrap_or_default();
        let tokens = types::emit_types(&context, self, items);

        (tokens, context.into_notes())
    }

    /// Emits the RPC wrapper structs, and the binding and service modules.
    pub fn emit_operations(&self) -> (TokenStream, TokenStream, PartNotes) {
        let context = self.context();
        let (wrappers, mut modules) = operations::emit_bindings(&context);
        modules.extend(services::emit_services(&context));

        (wrappers, modules, context.into_notes())
    }

    /// Emits the `yaserde` impls for `Box<T>` of every type in `boxed`.
    ///
    /// NOTE: the notes of this step are dropped, so an unknown type here is not reported. The
    /// ids in `boxed` come from fields whose type paths the other parts already checked.
    pub fn emit_box_impls(&self, boxed: &BTreeSet<TypeId>) -> TokenStream {
        types::emit_box_impls(&self.context(), boxed)
    }

    /// Emits the [`EMPTY_TEXT`] function that `String` simple content fields name as their
    /// `yaserde` default.
    pub fn emit_empty_text(&self) -> TokenStream {
        let ident = proc_macro2::Ident::new(EMPTY_TEXT, proc_macro2::Span::call_site());
        quote! {
            /// Returns the text of an element with simple content and no characters.
            fn #ident() -> ::std::string::String {
                ::std::string::String::new()
            }
        }
    }

    fn context(&self) -> Context<'_> {
        Context::new(self.model, &self.names, &self.prefixes, self.options)
    }
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
    pub names: &'a Names,
    /// Namespace prefixes.
    pub prefixes: &'a Prefixes,
    /// Settings.
    pub options: &'a Options,
    /// Types that some field holds in a `Box`, which need `yaserde` impls for `Box<T>`.
    pub boxed: RefCell<BTreeSet<TypeId>>,
    /// Constructs left out so far.
    pub warnings: RefCell<Vec<Warning>>,
    /// Types referred to that have no generated item.
    pub unknown_types: RefCell<BTreeSet<TypeId>>,
    /// Token fragments that many items repeat.
    pub fragments: fragments::Fragments,
    /// Whether a field refers to the [`EMPTY_TEXT`] function.
    pub empty_text: Cell<bool>,
}

impl<'a> Context<'a> {
    fn new(
        model: &'a Model,
        names: &'a Names,
        prefixes: &'a Prefixes,
        options: &'a Options,
    ) -> Self {
        Context {
            model,
            names,
            prefixes,
            options,
            boxed: RefCell::new(BTreeSet::new()),
            warnings: RefCell::new(Vec::new()),
            unknown_types: RefCell::new(BTreeSet::new()),
            fragments: fragments::Fragments::new(options.serde),
            empty_text: Cell::new(false),
        }
    }

    fn into_notes(self) -> PartNotes {
        PartNotes {
            boxed: self.boxed.into_inner(),
            warnings: self.warnings.into_inner(),
            unknown_types: self.unknown_types.into_inner(),
            empty_text: self.empty_text.get(),
        }
    }

    /// Returns the path of a generated type from the top level of the file.
    ///
    /// A type without a generated item is recorded in [`PartNotes::unknown_types`], which turns
    /// the whole generation into an internal error, and gets the placeholder `UnknownType`.
    pub fn type_path(&self, id: TypeId) -> TokenStream {
        let name = match self.names.types.get(&id) {
            Some(name) => name.as_str(),
            None => {
                self.unknown_types.borrow_mut().insert(id);
                "UnknownType"
            }
        };
        TokenTree::Ident(naming::ident(name)).into()
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

#[cfg(test)]
mod tests {
    use super::{Context, Options, Prefixes};
    use crate::ir::{Model, TypeId};
    use crate::naming::Names;

    #[test]
    fn unknown_type_path_is_internal_error() {
        let model = Model::default();
        let names = Names::default();
        let prefixes = Prefixes::default();
        let options = Options::default();
        let context = Context::new(&model, &names, &prefixes, &options);

        context.type_path(TypeId(7));
        let notes = context.into_notes();

        assert_eq!(notes.unknown_types.len(), 1);
        let message = notes.unknown_types_error().unwrap_or_default();
        assert!(message.contains("type id 7"), "{message}");
    }

    #[test]
    fn known_types_have_no_error() {
        let mut names = Names::default();
        names.types.insert(TypeId(3), "Order".to_owned());
        let model = Model::default();
        let prefixes = Prefixes::default();
        let options = Options::default();
        let context = Context::new(&model, &names, &prefixes, &options);

        let path = context.type_path(TypeId(3));
        let notes = context.into_notes();

        assert_eq!(path.to_string(), "Order");
        assert!(notes.unknown_types_error().is_none());
    }
}
