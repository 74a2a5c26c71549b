//! Fault enums and header structs shared by the operations of one binding module.
//!
//! Services often declare the same `soap:header` blocks or `wsdl:fault`s on every operation
//! (Exchange Web Services puts the same three request headers on over a hundred operations).
//! The first operation with a given set gets the enum or struct. Each later operation with an
//! identical set gets a type alias of it under its own name, so every `{Operation}Fault` and
//! `{Operation}InputHeaders` name still exists while the file contains each impl once.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::QName;

use super::docs::doc_line;

/// One variant of a fault enum or one field of a header struct: its Rust name, the name of the
/// generated type it holds, and the element it reads and writes.
pub type Member = (String, String, QName);

/// Fault enums and header structs emitted so far in one binding module, by their members.
#[derive(Debug, Default)]
pub struct SharedItems {
    by_members: BTreeMap<(&'static str, Vec<Member>), Ident>,
}

impl SharedItems {
    /// Returns the item emitted earlier for `kind` with the same `members`, or records `ident`
    /// as that item and returns `None`. `kind` keeps fault enums, request headers and
    /// response headers apart.
    pub fn find_or_insert(
        &mut self,
        kind: &'static str,
        members: Vec<Member>,
        ident: &Ident,
    ) -> Option<Ident> {
        match self.by_members.entry((kind, members)) {
            Entry::Occupied(entry) => Some(entry.get().clone()),
            Entry::Vacant(entry) => {
                entry.insert(ident.clone());
                None
            }
        }
    }
}

/// Emits `pub type alias = original;` with a doc line naming the operation it belongs to.
pub fn alias_item(alias: &Ident, original: &Ident, summary: &str) -> TokenStream {
    let doc = doc_line(&format!("{summary}: same as [`{original}`]."));

    quote! {
        #doc
        pub type #alias = #original;
    }
}
