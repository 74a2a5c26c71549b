//! Documentation attributes from `xs:documentation` and `wsdl:documentation`.

use proc_macro2::TokenStream;
use quote::quote;

/// Returns one `#[doc]` attribute per line of `text`, which prettyplease prints as `///` lines.
///
/// Lines are trimmed, so text indented in the WSDL does not turn into a Markdown code block
/// (which rustdoc would try to compile as a doctest). Blank lines at the start and end are
/// dropped and runs of blank lines inside become one, as in hand-written documentation.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };

    let mut lines: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim) {
        let after_blank = lines.last().is_none_or(String::is_empty);
        if line.is_empty() && after_blank {
            continue;
        }
        lines.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {}", escape_markdown(&show_bidi_controls(line)))
        });
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }

    quote! { #( #[doc = #lines] )* }
}

/// Escapes what rustdoc would misread in schema text: brackets (intra-doc links), angle
/// brackets (HTML tags), asterisks (emphasis), backtick fences (doctests), and bare URLs, which
/// are wrapped in `<>` so rustdoc links them instead of warning.
fn escape_markdown(line: &str) -> String {
    let words: Vec<String> = line.split(' ').map(escape_word).collect();
    words.join(" ")
}

fn escape_word(word: &str) -> String {
    let is_url = word.starts_with("http://") || word.starts_with("https://");
    if is_url && !word.contains(['<', '>', '`', '[', ']']) {
        let url = word.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
        let rest = &word[url.len()..];
        return format!("<{url}>{rest}");
    }

    // A single backtick pair is a code span and stays; a fence (three or more) would start a
    // code block that rustdoc compiles as a doctest, so its backticks are escaped.
    let is_fence = word.contains("```");
    let mut escaped = String::with_capacity(word.len());
    for character in word.chars() {
        let special = matches!(character, '[' | ']' | '<' | '>' | '*');
        if special || (is_fence && character == '`') {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

/// Returns a one-line `#[doc]` attribute.
pub fn doc_line(text: &str) -> TokenStream {
    let line = format!(" {}", show_bidi_controls(text));
    quote!(#[doc = #line])
}

/// Replaces each Unicode bidirectional control character with its code point (`U+202E`).
/// rustc rejects a doc comment that contains one, because it can make code read differently
/// from how it compiles.
fn show_bidi_controls(text: &str) -> String {
    let is_control = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.contains(is_control) {
        return text.to_owned();
    }

    text.chars()
        .map(|c| {
            if is_control(c) {
                format!("U+{:04X}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_shown_as_code_points() {
        let tokens = doc_attrs(Some("abc\u{202E}def\u{2066}"));

        assert_eq!(tokens.to_string(), "# [doc = \" abcU+202EdefU+2066\"]");
        assert_eq!(
            doc_line("op\u{202A}").to_string(),
            "# [doc = \" opU+202A\"]"
        );
    }

    #[test]
    fn doc_lines_are_trimmed() {
        let tokens = doc_attrs(Some("First line.\n        indented line"));

        assert_eq!(
            tokens.to_string(),
            "# [doc = \" First line.\"] # [doc = \" indented line\"]"
        );
    }

    #[test]
    fn blank_lines_are_trimmed_and_collapsed() {
        let tokens = doc_attrs(Some("\n   \n  First.\n\n\n  Second.\n  \n"));

        assert_eq!(
            tokens.to_string(),
            "# [doc = \" First.\"] # [doc = \"\"] # [doc = \" Second.\"]"
        );
    }

    #[test]
    fn blank_only_text_has_no_attributes() {
        assert!(doc_attrs(Some("  \n \n")).is_empty());
    }

    #[test]
    fn markdown_syntax_is_escaped() {
        let tokens = doc_attrs(Some(
            "See [RFC 5280], `code` and ```x``` at https://example.com/a_b.",
        ));

        assert_eq!(
            tokens.to_string(),
            r#"# [doc = " See \\[RFC 5280\\], `code` and \\`\\`\\`x\\`\\`\\` at <https://example.com/a_b>."]"#
        );
    }

    #[test]
    fn no_docs_no_attributes() {
        assert!(doc_attrs(None).is_empty());
    }
}
