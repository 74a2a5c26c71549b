//! Identifier rules: how XML names become Rust identifiers.
//!
//! Every identifier in generated code comes from this module, so the rules live in one place:
//! case conversion with `heck`, characters that Rust does not allow in identifiers, leading
//! digits, empty names, keywords, and uniqueness within a scope. All functions are pure and
//! deterministic: the same input always gives the same identifier.

use std::collections::BTreeSet;

mod names;

pub use names::{ElementItem, Names};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use unicode_ident::{is_xid_continue, is_xid_start};
use unicode_normalization::UnicodeNormalization;
use unicode_security::GeneralSecurityProfile;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that Rust does not accept as raw identifiers. They get a trailing `_` instead.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// Prelude names that `yaserde`'s derive macros use unqualified in the code they expand to, and
/// `R`, the reader type parameter of the `YaDeserialize` impls they expand to. A generated type
/// with one of these names would shadow the prelude item or be shadowed by the parameter, so
/// such type names get a `Type` suffix.
const SHADOWING_TYPE_NAMES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "ToString",
    "From", "Into", "R",
];

/// Returns the Rust type name for an XML name: upper camel case (`deviceCertType` gives
/// `DeviceCertType`).
pub fn type_name(xml_name: &str) -> String {
    let name = camel_words(xml_name, "Type");

    if SHADOWING_TYPE_NAMES.contains(&name.as_str()) {
        return format!("{name}Type");
    }

    escape_keyword(name)
}

/// Returns the Rust enum variant name for an enumeration value (`dark red` gives `DarkRed`,
/// `1` gives `Value1`, `-1` gives `Minus1`, an empty value gives `Value`).
pub fn variant_name(value: &str) -> String {
    let camel = clean(value).to_upper_camel_case();

    let name = if value.starts_with('-') {
        format!("Minus{camel}")
    } else {
        fallback_and_digits(camel, "Value", "Value")
    };
    escape_keyword(name)
}

/// Returns the Rust field or function name for an XML name: snake case (`orderNumber` gives
/// `order_number`).
pub fn field_name(xml_name: &str) -> String {
    escape_keyword(snake_words(xml_name, "field"))
}

/// Returns the name of a field of a `yaserde`-derived struct: [`field_name`], except that
/// `self`, `super` and `crate` become `self_field`, `super_field` and `crate_field`.
///
/// `yaserde` 0.13 derives a local variable `__{field}_value` per field, so `self_` would make it
/// `__self__value`, which the `non_snake_case` lint rejects.
pub fn struct_field_name(xml_name: &str) -> String {
    let name = field_name(xml_name);

    match name.strip_suffix('_') {
        Some(keyword) if NON_RAW_KEYWORDS.contains(&keyword) => format!("{keyword}_field"),
        _ => name,
    }
}

/// Returns the Rust module name for a WSDL name: snake case.
pub fn module_name(wsdl_name: &str) -> String {
    escape_keyword(snake_words(wsdl_name, "module"))
}

/// Returns the Rust constant name for a WSDL name: screaming snake case (`EPKIManagerDevicePort`
/// gives `EPKI_MANAGER_DEVICE_PORT`).
pub fn const_name(wsdl_name: &str) -> String {
    let cleaned = clean(wsdl_name);
    let name = cleaned.to_shouty_snake_case();

    escape_keyword(fallback_and_digits(name, "VALUE", "_"))
}

/// Builds a `proc_macro2::Ident` from a name made by this module, as a raw identifier when the
/// name is written `r#keyword`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(keyword) => Ident::new_raw(keyword, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A set of names already taken in one scope (a file's types, a struct's fields, an enum's
/// variants), handing out unique names in the order they are requested.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// Creates an empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as taken without checking it, for names the generator itself defines.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(unraw(name).to_owned());
    }

    /// Returns `name` if it is free, otherwise `name` with the smallest numeric suffix (from 2)
    /// that is free, and marks the result as taken.
    ///
    /// Names are compared without their `r#` prefix, so `r#type` and `type_2` cannot clash.
    pub fn claim(&mut self, name: &str) -> String {
        self.claim_beside(&Scope::new(), name)
    }

    /// Claims `name` like [`Scope::claim`], but also treats the names taken in `outer` as
    /// taken, without copying them. The result is marked as taken in `self` only.
    pub fn claim_beside(&mut self, outer: &Scope, name: &str) -> String {
        if !outer.taken.contains(unraw(name)) && self.taken.insert(unraw(name).to_owned()) {
            return name.to_owned();
        }

        let base = unraw(name).trim_end_matches('_');
        let separator = if base.chars().next().is_some_and(char::is_uppercase) {
            ""
        } else {
            "_"
        };

        // The loop ends at the latest after `taken.len() + outer.taken.len() + 2` rounds,
        // because each round tries a name not tried before and at most that many are taken.
        let mut number = 2usize;
        loop {
            let candidate = format!("{base}{separator}{number}");
            if !outer.taken.contains(&candidate) && self.taken.insert(candidate.clone()) {
                return candidate;
            }
            number += 1;
        }
    }
}

fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Normalizes a name to Unicode NFKC and replaces every character that cannot appear in an
/// identifier, or that rustc warns about, with a word break.
///
/// rustc's `uncommon_codepoints` lint flags characters outside the identifier profile of
/// Unicode TR 39, which excludes every character not in NFKC form. After NFKC, full-width `ＩＤ`
/// is `ID`, the micro sign `µ` is the Greek `μ` and `m²` is `m2`. Symbols outside the Unicode
/// `XID_Continue` class (`✓`) and letters the profile leaves out (`ƀ`, Runic `ᚠ`) become word
/// breaks.
fn clean(xml_name: &str) -> String {
    if xml_name.is_ascii() {
        let keep = |c: char| if is_xid_continue(c) { c } else { ' ' };
        return xml_name.chars().map(keep).collect();
    }

    let keep = |c: char| {
        if is_xid_continue(c) && c.identifier_allowed() {
            c
        } else {
            ' '
        }
    };
    xml_name.nfkc().map(keep).collect()
}

fn camel_words(xml_name: &str, fallback: &str) -> String {
    let name = clean(xml_name).to_upper_camel_case();

    fallback_and_digits(name, fallback, fallback)
}

fn snake_words(xml_name: &str, fallback: &str) -> String {
    let name = clean(xml_name).to_snake_case();

    fallback_and_digits(name, fallback, "_")
}

/// Gives an empty name the fallback, and puts `digit_prefix` before a name that starts with a
/// digit (identifiers cannot).
fn fallback_and_digits(name: String, fallback: &str, digit_prefix: &str) -> String {
    if name.is_empty() {
        return fallback.to_owned();
    }

    if name.starts_with(|c: char| c.is_ascii_digit() || !unicode_start(c)) {
        return format!("{digit_prefix}{name}");
    }

    name
}

/// `true` when `c` may start an identifier (other than `_`).
fn unicode_start(c: char) -> bool {
    is_xid_start(c)
}

fn escape_keyword(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        return format!("{name}_");
    }

    if RAW_KEYWORDS.contains(&name.as_str()) {
        return format!("r#{name}");
    }

    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(type_name("deviceCertType"), "DeviceCertType");
        assert_eq!(type_name("EPKIManagerDevice"), "EpkiManagerDevice");
        assert_eq!(type_name("ArrayOfstring"), "ArrayOfstring");
    }

    #[test]
    fn field_names_are_snake_case() {
        assert_eq!(field_name("orderNumber"), "order_number");
        assert_eq!(field_name("customerLoginUri"), "customer_login_uri");
        assert_eq!(field_name("ID"), "id");
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(field_name("return"), "r#return");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("async"), "r#async");
        assert_eq!(module_name("mod"), "r#mod");
        assert_eq!(ident("r#type").to_string(), "r#type");
    }

    #[test]
    fn non_raw_keywords_get_trailing_underscore() {
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(ident("self_").to_string(), "self_");
    }

    #[test]
    fn struct_fields_avoid_trailing_underscore() {
        assert_eq!(struct_field_name("self"), "self_field");
        assert_eq!(struct_field_name("crate"), "crate_field");
        assert_eq!(struct_field_name("type"), "r#type");
        assert_eq!(struct_field_name("orderNumber"), "order_number");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(type_name("3DSecure"), "Type3dSecure");
        assert_eq!(field_name("3dSecure"), "_3d_secure");
        assert_eq!(variant_name("1"), "Value1");
        assert_eq!(const_name("1stPort"), "_1ST_PORT");
    }

    #[test]
    fn invalid_characters_become_word_breaks() {
        assert_eq!(type_name("order-line.item"), "OrderLineItem");
        assert_eq!(field_name("xml:lang"), "xml_lang");
        assert_eq!(variant_name("dark red"), "DarkRed");
        assert_eq!(variant_name("a/b+c"), "ABC");
    }

    #[test]
    fn non_ascii_letters_are_kept() {
        assert_eq!(type_name("größe"), "Größe");
        assert_eq!(field_name("Größe"), "größe");
    }

    #[test]
    fn non_identifier_symbols_become_word_breaks() {
        assert_eq!(variant_name("m✓"), "M");
        assert_eq!(variant_name("m✓s"), "MS");
        assert_eq!(variant_name("★"), "Value");
        assert_eq!(type_name("★Size"), "Size");
        assert_eq!(field_name("area_m✓"), "area_m");
        assert_eq!(const_name("★"), "VALUE");
        assert_eq!(ident(&type_name("m✓")).to_string(), "M");
    }

    #[test]
    fn compatibility_characters_normalized() {
        assert_eq!(variant_name("m²"), "M2");
        assert_eq!(field_name("area_m²"), "area_m2");
        assert_eq!(variant_name("①"), "Value1");
        assert_eq!(variant_name("½"), "Value12");
        assert_eq!(type_name("ｶﾅ"), "カナ");
        assert_eq!(field_name("aƀc"), "a_c");
        assert_eq!(type_name("ᚠ"), "Type");
    }

    #[test]
    fn empty_names_get_a_fallback() {
        assert_eq!(type_name(""), "Type");
        assert_eq!(field_name("--"), "field");
        assert_eq!(variant_name(""), "Value");
        assert_eq!(module_name("."), "module");
    }

    #[test]
    fn negative_numbers_keep_their_sign() {
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("1"), "Value1");
    }

    #[test]
    fn prelude_type_names_get_a_suffix() {
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name("r"), "RType");
        assert_eq!(type_name("ＩＤ"), "Id");
        assert_eq!(field_name("µs"), "μs");
        assert_eq!(field_name("ﬁle"), "file");
        assert_eq!(type_name("result"), "ResultType");
        assert_eq!(type_name("string"), "StringType");
    }

    #[test]
    fn constants_are_screaming_snake_case() {
        assert_eq!(
            const_name("EPKIManagerDevicePort"),
            "EPKI_MANAGER_DEVICE_PORT"
        );
        assert_eq!(const_name("CalculatorSoap12"), "CALCULATOR_SOAP12");
    }

    #[test]
    fn scope_numbers_repeated_names() {
        let mut scope = Scope::new();

        assert_eq!(scope.claim("Item"), "Item");
        assert_eq!(scope.claim("Item"), "Item2");
        assert_eq!(scope.claim("Item"), "Item3");
        assert_eq!(scope.claim("value"), "value");
        assert_eq!(scope.claim("value"), "value_2");
    }

    #[test]
    fn scope_claim_beside_skips_outer_names() {
        let mut outer = Scope::new();
        outer.claim("Item");
        let mut inner = Scope::new();

        assert_eq!(inner.claim_beside(&outer, "Item"), "Item2");
        assert_eq!(inner.claim_beside(&outer, "Item"), "Item3");
        assert_eq!(inner.claim_beside(&outer, "Other"), "Other");
        assert_eq!(outer.claim("Other"), "Other");
    }

    #[test]
    fn scope_compares_without_raw_prefix() {
        let mut scope = Scope::new();

        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("type"), "type_2");
    }

    #[test]
    fn scope_handles_case_only_differences_after_conversion() {
        let mut scope = Scope::new();

        assert_eq!(scope.claim(&type_name("foo")), "Foo");
        assert_eq!(scope.claim(&type_name("Foo")), "Foo2");
    }

    #[test]
    fn scope_skips_reserved_names() {
        let mut scope = Scope::new();
        scope.reserve("Enroll");

        assert_eq!(scope.claim("Enroll"), "Enroll2");
    }

    #[test]
    fn scope_suffix_after_trailing_underscore() {
        let mut scope = Scope::new();

        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
    }
}
