//! The format stage: prints generated tokens as Rust source with `prettyplease`.

use proc_macro2::{Punct, Spacing, TokenStream, TokenTree};
use syn::{Attribute, Item, Meta};

/// Parses `tokens` as the items of a file and prints them, with blank lines between items.
///
/// The tokens are parsed once and printed once; only the `derive` attributes of the parsed
/// items change in between (see [`split_derives`]). `prettyplease` prints top-level items
/// independently, so parts of a file can be printed separately and joined with [`join_parts`].
///
/// Fails only when the emit stage built tokens that are not valid Rust items, which is a bug
/// in the generator. The message then contains the parser's error.
pub fn format_part(tokens: TokenStream) -> Result<String, String> {
    let mut file = syn::parse2::<syn::File>(tokens).map_err(|error| {
        format!("the generated code is not valid Rust ({error}); this is a bug in wsdl-codegen")
    })?;
    split_derives(&mut file.items);

    Ok(separate_items(&prettyplease::unparse(&file)))
}

/// Joins `header` (comment lines), a blank line and the parts printed by [`format_part`] in
/// order, with a blank line between two parts where [`separate_items`] puts one between items.
pub fn join_parts(header: &str, parts: &[String]) -> String {
    let length = parts.iter().map(String::len).sum::<usize>() + parts.len();
    let mut out = String::with_capacity(header.len() + 2 + length);
    out.push_str(header);
    out.push_str("\n\n");

    let mut previous: Option<&str> = None;
    for part in parts.iter().filter(|part| !part.is_empty()) {
        if let (Some(previous), Some(first)) = (previous, part.lines().next()) {
            if needs_blank_line(previous, first) {
                out.push('\n');
            }
        }
        out.push_str(part);
        previous = part.lines().next_back();
    }

    out
}

/// Splits every `#[derive(...)]` that names both plain traits (`Clone`) and qualified paths
/// (`::yaserde::YaSerialize`) into one attribute for the plain traits and one per crate, in
/// items at any module depth.
///
/// `prettyplease` puts each entry of a derive list on its own line once the list is longer
/// than its 89-column margin, which the fully qualified derive macros make it. The shorter
/// lists each fit on one line.
fn split_derives(items: &mut [Item]) {
    for item in items {
        match item {
            Item::Struct(item) => item.attrs = split_derive_attrs(std::mem::take(&mut item.attrs)),
            Item::Enum(item) => item.attrs = split_derive_attrs(std::mem::take(&mut item.attrs)),
            Item::Mod(module) => {
                if let Some((_, items)) = &mut module.content {
                    split_derives(items);
                }
            }
            _ => {}
        }
    }
}

fn split_derive_attrs(attrs: Vec<Attribute>) -> Vec<Attribute> {
    let mut split = Vec::with_capacity(attrs.len() + 2);

    for attr in attrs {
        let groups = match &attr.meta {
            Meta::List(list) if list.path.is_ident("derive") => group_by_crate(list.tokens.clone()),
            _ => Vec::new(),
        };
        if groups.len() < 2 {
            split.push(attr);
            continue;
        }

        for tokens in groups {
            let mut group_attr = attr.clone();
            if let Meta::List(list) = &mut group_attr.meta {
                list.tokens = tokens;
            }
            split.push(group_attr);
        }
    }

    split
}

/// Groups the comma-separated paths of a derive list by their first segment (`yaserde` in
/// `::yaserde::YaSerialize`), with all single-name paths in one group, each group where its
/// first member was.
///
/// This works on the tokens, without parsing each path, because it runs on every generated
/// struct and enum.
fn group_by_crate(tokens: TokenStream) -> Vec<TokenStream> {
    let mut groups: Vec<(Option<String>, TokenStream)> = Vec::new();
    let mut entry: Vec<TokenTree> = Vec::new();
    let mut tokens = tokens.into_iter().peekable();

    while let Some(token) = tokens.next() {
        let ends_entry = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == ',');
        if !ends_entry {
            entry.push(token);
        }
        let complete = ends_entry || tokens.peek().is_none();
        if !complete || entry.is_empty() {
            continue;
        }

        let key = crate_of(&entry);
        match groups.iter_mut().find(|(existing, _)| *existing == key) {
            Some((_, group)) => {
                group.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
                group.extend(entry.drain(..));
            }
            None => groups.push((key, entry.drain(..).collect())),
        }
    }

    groups.into_iter().map(|(_, group)| group).collect()
}

/// Returns the first identifier of a path written as tokens, or `None` for a single name
/// (`Clone`).
fn crate_of(path: &[TokenTree]) -> Option<String> {
    if let [TokenTree::Ident(_)] = path {
        return None;
    }
    path.iter().find_map(|token| match token {
        TokenTree::Ident(ident) => Some(ident.to_string()),
        _ => None,
    })
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
        if previous.is_some_and(|previous| needs_blank_line(previous, line)) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }

    out
}

fn needs_blank_line(previous: &str, line: &str) -> bool {
    ends_item(previous) && starts_item(line) && indent(previous) == indent(line)
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

    fn format_file(header: &str, tokens: TokenStream) -> Result<String, String> {
        Ok(join_parts(header, &[format_part(tokens)?]))
    }

    #[test]
    fn prints_items_below_header() {
        let text = format_file(
            "// header",
            quote!(
                pub struct A;
            ),
        )
        .unwrap();

        assert_eq!(text, "// header\n\npub struct A;\n");
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
            "// h\n\npub struct A;\n\npub struct B {\n    x: i32,\n}\n\nimpl B {}\n"
        );
    }

    #[test]
    fn mixed_derives_are_split() {
        let text = format_file(
            "// h",
            quote!(
                mod m {
                    #[derive(Clone, ::yaserde::YaSerialize, Debug, ::serde::Serialize)]
                    #[yaserde(rename = "a")]
                    pub struct A;
                }
            ),
        )
        .unwrap();

        assert!(
            text.contains(
                "    #[derive(Clone, Debug)]\n    #[derive(::yaserde::YaSerialize)]\n    #[derive(::serde::Serialize)]\n    #[yaserde(rename = \"a\")]\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn plain_derives_stay_together() {
        let text = format_file(
            "// h",
            quote!(
                #[derive(Clone, Copy)]
                pub enum E {
                    A,
                }
            ),
        )
        .unwrap();

        assert!(
            text.contains("#[derive(Clone, Copy)]\npub enum E"),
            "{text}"
        );
    }

    #[test]
    fn parts_join_like_one_file() {
        let whole = format_file(
            "// h",
            quote!(
                pub struct A;
                pub struct B {
                    x: i32,
                }
            ),
        )
        .unwrap();
        let first = format_part(quote!(
            pub struct A;
        ))
        .unwrap();
        let second = format_part(quote!(
            pub struct B {
                x: i32,
            }
        ))
        .unwrap();

        let joined = join_parts("// h", &[first, String::new(), second]);

        assert_eq!(joined, whole);
    }

    #[test]
    fn invalid_tokens_fail() {
        let error = format_file("", quote!(pub struct)).unwrap_err();

        assert!(error.contains("not valid Rust"), "{error}");
    }
}
