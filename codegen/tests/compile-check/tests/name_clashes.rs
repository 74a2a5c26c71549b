//! Names that differ only in case or punctuation keep their own fields, and names outside
//! Unicode NFKC form get normalized field names, through the code
//! generated for `tests/fixtures/name_clashes.wsdl` (the golden file `name_clashes.rs`).
//!
//! Run by `codegen/tests/constructs_roundtrip.rs`.

use wsdl_codegen_compile_check::m_name_clashes as clashes;

const LINK: &str = r#"<tns:link xmlns:tns="urn:fixture:name-clashes" id="lower" ID="upper"><tns:url>a</tns:url><tns:URL>b</tns:URL><tns:fooBar>1</tns:fooBar><tns:foo_bar>2</tns:foo_bar><tns:foo-bar>3</tns:foo-bar><tns:foo.bar>4</tns:foo.bar><tns:self>s</tns:self><tns:Self>S</tns:Self><tns:target><tns:x>x</tns:x></tns:target><tns:ｻｲｽﾞ>7</tns:ｻｲｽﾞ></tns:link>"#;

#[test]
fn similar_names_decode_separately() {
    let link: clashes::Link = yaserde::de::from_str(LINK).unwrap();

    assert_eq!(link.url, "a");
    assert_eq!(link.url_2.as_deref(), Some("b"));
    assert_eq!(
        [link.foo_bar, link.foo_bar_2, link.foo_bar_3, link.foo_bar_4],
        [1, 2, 3, 4]
    );
    assert_eq!(link.self_field, "s");
    assert_eq!(link.self_field_2, "S");
    assert_eq!(link.target.x, "x");
    assert_eq!(link.サイズ, Some(7));
    assert_eq!(link.μs, None);
    assert_eq!(link.file, None);
    assert_eq!(link.id.as_deref(), Some("lower"));
    assert_eq!(link.id_2.as_deref(), Some("upper"));
}

#[test]
fn uncommon_names_decode_by_wire_name() {
    let xml = r#"<tns:linkResponse xmlns:tns="urn:fixture:name-clashes"><tns:ok>true</tns:ok><tns:ｻｲｽﾞ>3</tns:ｻｲｽﾞ><tns:ƀar>4</tns:ƀar></tns:linkResponse>"#;

    let response: clashes::LinkResponse = yaserde::de::from_str(xml).unwrap();

    assert!(response.ok);
    assert_eq!(response.サイズ, Some(3));
    assert_eq!(response.ar, Some(4));
}

#[test]
fn similar_names_encode_in_order() {
    let link: clashes::Link = yaserde::de::from_str(LINK).unwrap();

    let xml = yaserde::ser::to_string(&link).unwrap();

    let order = ["url>a<", "URL>b<", "fooBar>1<", "foo_bar>2<", "foo-bar>3<", "foo.bar>4<"];
    let positions: Vec<usize> = order
        .iter()
        .map(|needle| xml.find(needle).unwrap_or_else(|| panic!("{needle} missing in {xml}")))
        .collect();
    assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{xml}");
    assert!(xml.contains(r#"id="lower""#), "{xml}");
    assert!(xml.contains(r#"ID="upper""#), "{xml}");
}
