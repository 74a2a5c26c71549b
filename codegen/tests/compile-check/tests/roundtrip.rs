//! Round trips through the code generated for `tests/emit-fixtures/lossless.wsdl` (the golden
//! file `lossless.rs`) and `tests/fixtures/substitution_group.wsdl`: real XML is decoded into
//! the generated types, checked field by field, and encoded again. The encoded XML must have
//! the same elements, attributes, namespaces, text and order as the input; prefixes and
//! namespace declarations may differ.
//!
//! Run by `codegen/tests/constructs_roundtrip.rs`.

use std::collections::BTreeMap;

use soap_runtime::xsd::{AnyAttribute, AnyElement, MixedText, TextRun};
use soap_runtime::OwnedQName;
use wsdl_codegen_compile_check::m_lossless as lossless;
use yaserde::__xml::reader::{EventReader, ParserConfig, XmlEvent};

use lossless::{batch, customer, paragraph, script};

const NS: &str = "urn:example:lossless";

/// An element as (namespace, local name), attributes without namespace declarations, and
/// children in order, with text trimmed the way `yaserde`'s reader trims it.
#[derive(Debug, PartialEq)]
struct Node {
    name: (String, String),
    attributes: BTreeMap<(String, String), String>,
    children: Vec<Child>,
}

#[derive(Debug, PartialEq)]
enum Child {
    Element(Node),
    Text(String),
}

fn tree(xml: &str) -> Node {
    let config = ParserConfig::new().trim_whitespace(true);
    let mut stack: Vec<Node> = Vec::new();

    for event in EventReader::new_with_config(xml.as_bytes(), config) {
        match event.unwrap_or_else(|error| panic!("malformed XML ({error}):\n{xml}")) {
            XmlEvent::StartElement {
                name, attributes, ..
            } => stack.push(Node {
                name: (name.namespace.unwrap_or_default(), name.local_name),
                attributes: attributes
                    .into_iter()
                    .map(|attribute| {
                        let name = attribute.name;
                        let key = (name.namespace.unwrap_or_default(), name.local_name);
                        (key, attribute.value)
                    })
                    .collect(),
                children: Vec::new(),
            }),
            XmlEvent::Characters(text) => {
                if let Some(node) = stack.last_mut() {
                    node.children.push(Child::Text(text.trim().to_owned()));
                }
            }
            XmlEvent::EndElement { .. } => {
                let node = stack.pop().expect("balanced elements");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Child::Element(node)),
                    None => return node,
                }
            }
            _ => {}
        }
    }
    panic!("no root element in {xml}");
}

fn decode<T: yaserde::YaDeserialize>(xml: &str) -> T {
    yaserde::de::from_str(xml).unwrap_or_else(|error| panic!("decoding failed: {error}\n{xml}"))
}

fn encode<T: yaserde::YaSerialize>(value: &T) -> String {
    yaserde::ser::to_string(value).unwrap_or_else(|error| panic!("encoding failed: {error}"))
}

/// Decodes `xml` into `T`, encodes it again and checks that the XML is the same.
///
/// The root element's name is not compared: the struct of a schema type has no element name
/// of its own, so as a document root it is written with the type's name.
fn round_trip<T: yaserde::YaDeserialize + yaserde::YaSerialize>(xml: &str) -> T {
    let value: T = decode(xml);
    let written = encode(&value);

    let read = tree(xml);
    let mut again = tree(&written);
    again.name = read.name.clone();
    assert_eq!(again, read, "written:\n{written}\nread:\n{xml}");
    value
}

const SCRIPT: &str = r#"<tns:script xmlns:tns="urn:example:lossless">
  <tns:name>demo</tns:name>
  <tns:say>hello</tns:say>
  <tns:wait>5</tns:wait>
  <tns:say>again</tns:say>
  <tns:goto>start</tns:goto>
  <tns:times>2</tns:times>
  <tns:goto>end</tns:goto>
  <tns:call async="true"><tns:target>helper</tns:target></tns:call>
  <tns:beep>1</tns:beep>
  <tns:flash>true</tns:flash>
  <tns:beep>2</tns:beep>
  <tns:stop/>
  <tns:wait>1</tns:wait>
</tns:script>"#;

#[test]
fn repeated_choice_keeps_order() {
    let value: lossless::Script = round_trip(SCRIPT);

    assert_eq!(value.name, "demo");
    let steps = &value.choice;
    assert_eq!(steps.len(), 9, "{steps:?}");
    assert_eq!(steps[0], script::Choice::Say("hello".into()));
    assert_eq!(steps[1], script::Choice::Wait(5));
    assert_eq!(steps[2], script::Choice::Say("again".into()));
    assert_eq!(steps[8], script::Choice::Wait(1));
}

#[test]
fn sequence_inside_choice_reads_as_struct() {
    let value: lossless::Script = decode(SCRIPT);

    let first = script::GotoAndTimes {
        goto: "start".into(),
        times: Some(2),
    };
    let second = script::GotoAndTimes {
        goto: "end".into(),
        times: None,
    };
    assert_eq!(value.choice[3], script::Choice::GotoAndTimes(first));
    assert_eq!(value.choice[4], script::Choice::GotoAndTimes(second));
}

#[test]
fn nested_choices_read_as_variants() {
    let value: lossless::Script = decode(SCRIPT);

    let call = lossless::Call {
        target: "helper".into(),
        r#async: Some(true),
    };
    assert_eq!(value.choice[5], script::Choice::Call(call));
    let signals = vec![
        script::BeepOrFlash::Beep(1),
        script::BeepOrFlash::Flash(true),
        script::BeepOrFlash::Beep(2),
    ];
    assert_eq!(value.choice[6], script::Choice::BeepOrFlash(signals));
    assert_eq!(value.choice[7], script::Choice::Stop(lossless::Stop {}));
}

#[test]
fn choice_encodes_in_given_order() {
    let value = lossless::Script {
        name: "built".into(),
        choice: vec![
            script::Choice::Wait(3),
            script::Choice::Say("hi".into()),
            script::Choice::Wait(4),
        ],
    };

    let written = encode(&value);
    let wait = written.find("wait>3<").expect("first wait written");
    let say = written.find("say>hi<").expect("say written");
    let last = written.find("wait>4<").expect("second wait written");
    assert!(wait < say, "{written}");
    assert!(say < last, "{written}");
}

#[test]
fn choice_in_extension_round_trip() {
    let xml = r#"<tns:customer xmlns:tns="urn:example:lossless" vip="false">
      <tns:id>7</tns:id><tns:company>ACME</tns:company></tns:customer>"#;

    let value: lossless::Customer = round_trip(xml);

    assert_eq!(value.id, 7);
    assert_eq!(
        value.person_or_company,
        customer::PersonOrCompany::Company("ACME".into())
    );
    assert_eq!(value.vip, Some(false));
}

#[test]
fn missing_required_choice_fails() {
    let xml = r#"<tns:customer xmlns:tns="urn:example:lossless"><tns:id>7</tns:id></tns:customer>"#;

    let error = yaserde::de::from_str::<lossless::Customer>(xml).unwrap_err();

    let message = error.to_string();
    assert!(message.contains("missing element"), "{message}");
    assert!(message.contains("<person>, <company>"), "{message}");
}

#[test]
fn repeated_sequence_keeps_pairs() {
    let xml = r#"<tns:batch xmlns:tns="urn:example:lossless">
      <tns:key>a</tns:key><tns:value>1</tns:value>
      <tns:key>b</tns:key>
      <tns:key>c</tns:key><tns:value>3</tns:value>
    </tns:batch>"#;

    let value: lossless::Batch = round_trip(xml);

    let pairs: Vec<(&str, Option<&str>)> = value
        .key_and_value
        .iter()
        .map(|pair| (pair.key.as_str(), pair.value.as_deref()))
        .collect();
    assert_eq!(pairs, [("a", Some("1")), ("b", None), ("c", Some("3"))]);
    assert_eq!(
        value.key_and_value[1],
        batch::KeyAndValue {
            key: "b".into(),
            value: None
        }
    );
}

const EXTENSIBLE: &str = r#"<tns:extensible xmlns:tns="urn:example:lossless"
    xmlns:ext="urn:example:ext" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    version="2" ext:flag="on" ext:level="3">
  <tns:id>1</tns:id>
  <ext:note lang="en" xsi:type="ext:Note">first <ext:em>note</ext:em></ext:note>
  <other:record xmlns:other="urn:example:other"><other:field>x</other:field></other:record>
  <tns:trailer>end</tns:trailer>
</tns:extensible>"#;

#[test]
fn any_keeps_foreign_elements() {
    let value: lossless::Extensible = round_trip(EXTENSIBLE);

    assert_eq!(value.id, 1);
    assert_eq!(value.any.len(), 2);
    assert_eq!(
        value.any[0].name(),
        &OwnedQName::new("urn:example:ext", "note")
    );
    assert_eq!(
        value.any[1].name(),
        &OwnedQName::new("urn:example:other", "record")
    );
    assert_eq!(value.trailer.as_deref(), Some("end"));
}

#[test]
fn any_element_decodes_to_value() {
    let value: lossless::Extensible = decode(EXTENSIBLE);
    let note = &value.any[0];

    assert!(
        note.xml().contains(r#"xmlns:ext="urn:example:ext""#),
        "{}",
        note.xml()
    );
    let call = AnyElement::from_value(&lossless::Call {
        target: "t".into(),
        r#async: None,
    })
    .expect("a struct encodes as an element");
    let back: lossless::Call = call.to_value().expect("the element decodes");
    assert_eq!(back.target, "t");
}

#[test]
fn any_attribute_round_trip() {
    let value: lossless::Extensible = decode(EXTENSIBLE);

    assert_eq!(value.version.as_deref(), Some("2"));
    assert_eq!(
        value.other_attributes,
        [
            AnyAttribute::new("urn:example:ext", "flag", "on"),
            AnyAttribute::new("urn:example:ext", "level", "3"),
        ]
    );
}

#[test]
fn any_attribute_gets_a_prefix() {
    let value = lossless::Extensible {
        id: 2,
        other_attributes: vec![AnyAttribute::new("urn:example:new", "mark", "yes")],
        ..Default::default()
    };

    let written = encode(&value);
    let node = tree(&written);
    let key = ("urn:example:new".to_owned(), "mark".to_owned());
    assert_eq!(
        node.attributes.get(&key).map(String::as_str),
        Some("yes"),
        "{written}"
    );
}

#[test]
fn mixed_text_keeps_places() {
    let xml = r#"<tns:paragraph xmlns:tns="urn:example:lossless">Hello <tns:b>big</tns:b> and <tns:i>small</tns:i> world<tns:b>!</tns:b></tns:paragraph>"#;

    let value: lossless::Paragraph = round_trip(xml);

    let runs = MixedText {
        runs: vec![
            TextRun {
                position: 0,
                text: "Hello".into(),
            },
            TextRun {
                position: 1,
                text: "and".into(),
            },
            TextRun {
                position: 2,
                text: "world".into(),
            },
        ],
    };
    assert_eq!(value.text, runs);
    assert_eq!(value.b_or_i[1], paragraph::BOrI::I("small".into()));
}

const NILLABLES: &str = r#"<tns:nillables xmlns:tns="urn:example:lossless"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <tns:count xsi:nil="true"/>
  <tns:label xsi:nil="true"></tns:label>
  <tns:call xsi:nil="true"/>
  <tns:limit xsi:nil="true"/>
  <tns:scores>1.5</tns:scores>
  <tns:scores xsi:nil="true"/>
  <tns:scores>2</tns:scores>
</tns:nillables>"#;

#[test]
fn nillable_nil_reads_as_none() {
    let value: lossless::Nillables = decode(NILLABLES);

    assert_eq!(value.count, None);
    assert_eq!(value.label, None);
    assert_eq!(value.call, None);
    assert_eq!(value.limit, Some(None));
    assert_eq!(value.scores, [Some(1.5), None, Some(2.0)]);
}

#[test]
fn nil_one_reads_as_none() {
    let xml = r#"<tns:nillables xmlns:tns="urn:example:lossless"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <tns:count xsi:nil="1"/><tns:label xsi:nil="false">kept</tns:label><tns:call xsi:nil="1"/>
    </tns:nillables>"#;

    let value: lossless::Nillables = decode(xml);

    assert_eq!(value.count, None);
    assert_eq!(value.label.as_deref(), Some("kept"));
    assert_eq!(value.call, None);
}

#[test]
fn nillable_none_writes_nil() {
    let value: lossless::Nillables = decode(NILLABLES);

    let written = encode(&value);
    let node = tree(&written);
    let nil = (
        "http://www.w3.org/2001/XMLSchema-instance".to_owned(),
        "nil".to_owned(),
    );
    let nils = node
        .children
        .iter()
        .filter(|child| match child {
            Child::Element(element) => {
                element.attributes.get(&nil).map(String::as_str) == Some("true")
            }
            Child::Text(_) => false,
        })
        .count();
    assert_eq!(nils, 5, "{written}");
}

#[test]
fn nillable_values_read_as_some() {
    let xml = r#"<tns:nillables xmlns:tns="urn:example:lossless">
      <tns:count>3</tns:count><tns:label></tns:label>
      <tns:call><tns:target>x</tns:target></tns:call>
    </tns:nillables>"#;

    let value: lossless::Nillables = round_trip(xml);

    assert_eq!(value.count, Some(3));
    assert_eq!(value.label.as_deref(), Some(""));
    assert_eq!(value.call.map(|call| call.target).as_deref(), Some("x"));
    assert_eq!(value.limit, None);
    assert!(value.scores.is_empty());
}

#[test]
fn invalid_number_names_element() {
    let xml = r#"<tns:nillables xmlns:tns="urn:example:lossless">
      <tns:count>three</tns:count><tns:label>a</tns:label><tns:call xsi:nil="true"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></tns:nillables>"#;

    let error = yaserde::de::from_str::<lossless::Nillables>(xml).unwrap_err();

    let message = error.to_string();
    assert!(message.starts_with("count:"), "{message}");
    assert!(message.contains("\"three\""), "{message}");
}

#[test]
fn truncated_input_fails() {
    let cut = &SCRIPT[..SCRIPT.len() / 2];

    let result = yaserde::de::from_str::<lossless::Script>(cut);

    assert!(result.is_err(), "{result:?}");
}

#[test]
fn unknown_elements_are_skipped() {
    let xml = r#"<tns:customer xmlns:tns="urn:example:lossless">
      <tns:id>7</tns:id><tns:unknown><tns:deep/></tns:unknown><tns:person>Ann</tns:person>
    </tns:customer>"#;

    let value: lossless::Customer = decode(xml);

    assert_eq!(
        value.person_or_company,
        customer::PersonOrCompany::Person("Ann".into())
    );
}

#[test]
fn derived_parent_round_trip() {
    let xml = format!(
        r#"<tns:run xmlns:tns="urn:example:lossless">{}{}{}{}{}{}</tns:run>"#,
        SCRIPT,
        r#"<tns:customer><tns:id>7</tns:id><tns:person>Ann</tns:person></tns:customer>"#,
        r#"<tns:batch><tns:key>k</tns:key></tns:batch>"#,
        EXTENSIBLE,
        r#"<tns:paragraph>text<tns:b>b</tns:b></tns:paragraph>"#,
        NILLABLES,
    );

    let value: lossless::Run = round_trip(&xml);

    assert_eq!(value.script.choice.len(), 9);
    assert_eq!(value.extensible.any.len(), 2);
    assert_eq!(value.nillables.scores.len(), 3);
}

#[test]
fn response_envelope_decodes_nil() {
    let envelope = format!(
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>{}</S:Body></S:Envelope>"#,
        NILLABLES.replace("tns:nillables", "tns:runResponse")
    );

    let response =
        soap_runtime::decode_response::<lossless::runner_binding::Run>(envelope.as_bytes())
            .expect("the response decodes");

    assert_eq!(response.count, None);
    assert_eq!(response.scores, [Some(1.5), None, Some(2.0)]);
}

#[test]
fn request_envelope_round_trip() {
    let run: lossless::Run = decode(&format!(
        r#"<tns:run xmlns:tns="{NS}">{SCRIPT}<tns:customer><tns:id>1</tns:id><tns:person>P</tns:person></tns:customer><tns:batch/><tns:extensible><tns:id>2</tns:id></tns:extensible><tns:paragraph/>{NILLABLES}</tns:run>"#
    ));

    let text = soap_runtime::encode_request::<lossless::runner_binding::Run>(
        &run,
        &soap_runtime::NoHeaders,
    )
    .expect("the request encodes");

    let body = tree(&text);
    let Child::Element(body) = &body.children[0] else {
        panic!("no Body in {text}");
    };
    let Child::Element(request) = &body.children[0] else {
        panic!("no request in {text}");
    };
    assert_eq!(request.name, (NS.to_owned(), "run".to_owned()));
    assert_eq!(request.children.len(), 6, "{text}");
}

#[test]
fn substitution_group_keeps_order() {
    use wsdl_codegen_compile_check::m_substitution_group as substitution;
    use substitution::get_items::MessageOrPlainItem;

    let xml = r#"<tns:getItems xmlns:tns="urn:fixture:substitution">
      <tns:message><tns:id>1</tns:id><tns:subject>first</tns:subject></tns:message>
      <tns:plainItem><tns:id>2</tns:id></tns:plainItem>
      <tns:message><tns:id>3</tns:id><tns:subject>third</tns:subject></tns:message>
    </tns:getItems>"#;

    let value: substitution::GetItems = round_trip(xml);

    let items = &value.message_or_plain_item;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(
        matches!(&items[0], MessageOrPlainItem::Message(message) if message.subject == "first"),
        "{items:?}"
    );
    assert!(
        matches!(&items[1], MessageOrPlainItem::PlainItem(item) if item.id == "2"),
        "{items:?}"
    );
    assert!(
        matches!(&items[2], MessageOrPlainItem::Message(message) if message.id == "3"),
        "{items:?}"
    );
}
