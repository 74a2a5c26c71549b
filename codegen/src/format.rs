//! The format stage: prints generated tokens as Rust source with `prettyplease`.

use proc_macro2::TokenStream;

/// Parses `tokens` as a file and prints it, with `header` (comment lines) on top.
///
/// Fails only when the emit stage built tokens that are not a valid Rust file, which is a bug
/// in the generator; the message then holds the parser's error.
pub fn format_file(header: &str, tokens: TokenStream) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|error| {
        format!("the generated code is not valid Rust ({error}); this is a bug in wsdl-codegen")
    })?;
    let body = separate_items(&prettyplease::unparse(&file));

    Ok(format!("{header}\n{body}"))
}

/// Line starts that begin an item or a trait method.
const ITEM_STARTS: &[&str] = &[
    "#[",
    "///",
    "pub ",
    "impl ",
    "impl<",
    "fn ",
    "const ",
    "async fn",
    "::soap_runtime::",
];

/// Puts a blank line between consecutive items, which `prettyplease` prints without one.
///
/// A line that starts an item gets a blank line above it when the line before ends an item at
/// the same indentation (`}`, `};` or a line ending in `;`).
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;

    for line in text.lines() {
        if let Some(previous) = previous {
            if ends_item(previous) && starts_item(line) && indent(previous) == indent(line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }

    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn ends_item(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed == "}" || trimmed == "};" || (trimmed.ends_with(';') && !trimmed.starts_with("//"))
}

fn starts_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    ITEM_STARTS.iter().any(|start| trimmed.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn prints_items_below_header() {
        let text = format_file(
            "// header",
            quote!(
                pub struct A;
            ),
        )
        .unwrap();

        assert_eq!(text, "// header\npub struct A;\n");
    }

    #[test]
    fn items_get_blank_lines_between() {
        let text = format_file(
            "// h",
            quote!(pub struct A; pub struct B { x: i32 } impl B {}),
        )
        .unwrap();

        assert_eq!(
            text,
            "// h\npub struct A;\n\npub struct B {\n    x: i32,\n}\n\nimpl B {}\n"
        );
    }

    #[test]
    fn invalid_tokens_fail() {
        let error = format_file("", quote!(pub struct)).unwrap_err();

        assert!(error.contains("not valid Rust"), "{error}");
    }
}
