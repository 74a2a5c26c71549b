//! The Rust types of message bodies: a document message's element struct, or a struct for an
//! RPC message's wrapper element.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Body, Message, QName};
use crate::naming::{self, ElementItem, Scope};

use super::fields::FieldSpec;
use super::rust_type::Position;
use super::types::{struct_item, Root};
use super::Context;

/// RPC wrapper structs, each emitted once however many bindings share it.
pub struct RpcWrappers {
    scope: Scope,
    by_wrapper: BTreeMap<QName, (String, Vec<FieldSpec>)>,
    items: TokenStream,
}

impl RpcWrappers {
    /// Starts with the names the schema items already took.
    pub fn new(context: &Context<'_>) -> Self {
        RpcWrappers {
            scope: context.names.scope.clone(),
            by_wrapper: BTreeMap::new(),
            items: TokenStream::new(),
        }
    }

    /// The wrapper structs emitted so far.
    pub fn into_items(self) -> TokenStream {
        self.items
    }

    /// Returns the name of the struct for an RPC wrapper element, emitting it on first use.
    /// A second wrapper with the same name but other parts gets a struct of its own.
    fn wrapper(
        &mut self,
        context: &Context<'_>,
        wrapper: &QName,
        fields: Vec<FieldSpec>,
    ) -> String {
        if let Some((name, known)) = self.by_wrapper.get(wrapper) {
            if *known == fields {
                return name.clone();
            }
        }

        let name = self.scope.claim(&naming::type_name(&wrapper.local));
        let docs = format!("RPC wrapper element `{}`.", wrapper.local);
        let root = Root::Element(wrapper.clone());
        self.items.extend(struct_item(
            context,
            &name,
            &root,
            &fields,
            None,
            Some(&docs),
        ));
        self.by_wrapper
            .entry(wrapper.clone())
            .or_insert_with(|| (name.clone(), fields));
        name
    }

    /// Returns the path (from inside a binding module) of the Rust type of `message`'s body,
    /// or `None` when a document message has no body part or several.
    pub fn body_type(&mut self, context: &Context<'_>, message: &Message) -> Option<TokenStream> {
        let name = match &message.body {
            Body::Document(elements) => match elements.as_slice() {
                [element] => element_struct(context, *element)?,
                _ => return None,
            },
            Body::Rpc { wrapper, parts } => {
                let fields = rpc_fields(context, parts);
                self.wrapper(context, wrapper, fields)
            }
        };

        let ident = naming::ident(&name);
        Some(quote!(super::#ident))
    }
}

/// Returns the name of the struct of a message element.
pub fn element_struct(context: &Context<'_>, element: crate::ir::ElementId) -> Option<String> {
    match context.names.elements.get(&element)? {
        ElementItem::Merged(type_id) => context.names.types.get(type_id).cloned(),
        ElementItem::Own(name) => Some(name.clone()),
    }
}

/// The first element of a message body on the wire.
pub fn body_name(context: &Context<'_>, message: &Message) -> Option<QName> {
    match &message.body {
        Body::Document(elements) => {
            let element = context.model.elements.get(elements.first()?)?;
            Some(element.name.clone())
        }
        Body::Rpc { wrapper, .. } => Some(wrapper.clone()),
    }
}

/// One unqualified child per part (named after the element for an `element=` part).
fn rpc_fields(context: &Context<'_>, parts: &[crate::ir::RpcPart]) -> Vec<FieldSpec> {
    let mut scope = Scope::new();

    parts
        .iter()
        .map(|part| {
            let wire = part
                .element
                .and_then(|id| context.model.elements.get(&id))
                .map_or_else(
                    || QName {
                        namespace: None,
                        local: part.name.clone(),
                    },
                    |element| element.name.clone(),
                );
            FieldSpec {
                rust: scope.claim(&naming::struct_field_name(&wire.local)),
                wire,
                type_ref: part.type_ref.clone(),
                position: Position::Element,
                optional: false,
                many: false,
                docs: None,
            }
        })
        .collect()
}
