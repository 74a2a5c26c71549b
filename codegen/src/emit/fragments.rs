//! Token fragments that many items repeat, built once per emitted part and cloned.
//!
//! Cloning a `proc_macro2` token stream copies each of its top-level tokens but shares the
//! contents of a delimited group. So a clone of `#[derive(...)]`, which is a `#` and one
//! bracketed group, copies two tokens instead of building about twenty again. Cloning a path
//! such as `::std::string::String` skips the identifier check that `Ident::new` runs.

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream};
use quote::{quote, TokenStreamExt};

/// Prebuilt fragments of the items of one part.
pub struct Fragments {
    /// `#[derive(...)]` of a struct whose `yaserde` impls are derived.
    pub struct_derives: TokenStream,
    /// `#[derive(...)]` of an enumeration's enum.
    pub enum_derives: TokenStream,
    /// `#[yaserde(text = true)]`.
    pub text_attribute: TokenStream,
    /// `#[default]`.
    pub default_attribute: TokenStream,
    /// `::std::string::String`.
    pub string: TokenStream,
    /// `::std::option::Option`, without generic arguments.
    pub option: TokenStream,
    /// `::std::vec::Vec`, without generic arguments.
    pub vec: TokenStream,
    /// `::std::boxed::Box`, without generic arguments.
    pub boxed: TokenStream,
    /// `::std::result::Result::Ok`.
    pub ok: TokenStream,
    /// The body of an enumeration's `Display` impl, braces included.
    pub display_body: Group,
}

impl Fragments {
    /// Builds the fragments, with serde derives on the items when `serde` is set.
    pub fn new(serde: bool) -> Self {
        let serde = if serde {
            quote!(, ::serde::Serialize, ::serde::Deserialize)
        } else {
            TokenStream::new()
        };

        Fragments {
            struct_derives: quote! {
                #[derive(Clone, Debug, Default, PartialEq, ::yaserde::YaSerialize, ::yaserde::YaDeserialize #serde)]
            },
            enum_derives: quote! {
                #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, ::yaserde::DefaultYaSerde #serde)]
            },
            text_attribute: quote!(#[yaserde(text = true)]),
            default_attribute: quote!(#[default]),
            string: quote!(::std::string::String),
            option: quote!(::std::option::Option),
            vec: quote!(::std::vec::Vec),
            boxed: quote!(::std::boxed::Box),
            ok: quote!(::std::result::Result::Ok),
            display_body: braced(quote! {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }),
        }
    }
}

/// Returns `path<inner>`, moving `inner` instead of copying it as `quote!` interpolation does.
pub fn generic(path: &TokenStream, inner: TokenStream) -> TokenStream {
    let mut tokens = path.clone();
    tokens.append(Punct::new('<', Spacing::Alone));
    tokens.extend(inner);
    tokens.append(Punct::new('>', Spacing::Alone));
    tokens
}

/// Wraps `tokens` in braces. Interpolating the group in `quote!` shares its contents.
pub fn braced(tokens: TokenStream) -> Group {
    Group::new(Delimiter::Brace, tokens)
}
