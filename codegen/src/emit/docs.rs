//! Documentation attributes from `xs:documentation` and `wsdl:documentation`.

use proc_macro2::TokenStream;
use quote::quote;

/// Returns one `#[doc]` attribute per line of `text`, which prettyplease prints as `///` lines.
///
/// Lines are trimmed, so text indented in the WSDL does not turn into a Markdown code block
/// (which rustdoc would try to compile as a doctest).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };

    let lines = text
        .lines()
        .map(str::trim)
        .map(|line| format!(" {line}").trim_end().to_owned());

    quote! { #( #[doc = #lines] )* }
}

/// Returns a one-line `#[doc]` attribute.
pub fn doc_line(text: &str) -> TokenStream {
    let line = format!(" {text}");
    quote!(#[doc = #line])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_trimmed() {
        let tokens = doc_attrs(Some("First line.\n        indented line"));

        assert_eq!(
            tokens.to_string(),
            "# [doc = \" First line.\"] # [doc = \" indented line\"]"
        );
    }

    #[test]
    fn no_docs_no_attributes() {
        assert!(doc_attrs(None).is_empty());
    }
}
