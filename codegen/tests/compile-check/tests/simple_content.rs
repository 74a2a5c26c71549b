//! Elements with simple content and no characters decode to an empty `String` value, through
//! the code generated for `tests/emit-fixtures/constructs.wsdl` (the golden file
//! `constructs.rs`).
//!
//! Run by `codegen/tests/constructs_roundtrip.rs`.

use wsdl_codegen_compile_check::m_constructs as constructs;

#[test]
fn empty_element_has_empty_text() {
    let cases = [
        r#"<tns:session xmlns:tns="urn:example:constructs"/>"#,
        r#"<tns:session xmlns:tns="urn:example:constructs"></tns:session>"#,
    ];
    for xml in cases {
        let session: constructs::Session = yaserde::de::from_str(xml).unwrap();
        assert_eq!(session.value, "", "{xml}");
    }
}

#[test]
fn empty_text_keeps_attributes() {
    let xml = r#"<price currency="USD" amount="12.50"/>"#;

    let price: constructs::Price = yaserde::de::from_str(xml).unwrap();

    assert_eq!(price.value, "");
    assert_eq!(price.currency, "USD");
    assert_eq!(price.amount.map(|amount| amount.to_string()).as_deref(), Some("12.50"));
}

#[test]
fn text_still_decoded() {
    let xml = r#"<price currency="EUR">9.99</price>"#;

    let price: constructs::Price = yaserde::de::from_str(xml).unwrap();

    assert_eq!(price.value, "9.99");
    assert_eq!(price.currency, "EUR");
}
