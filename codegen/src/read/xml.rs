//! Namespace-aware helpers over `xmltree` elements, shared by the read and resolve stages.

use xmltree::{Element, XMLNode};

use crate::ir::QName;

/// WSDL 1.1 namespace.
pub(crate) const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
/// WSDL SOAP 1.1 binding extension namespace.
pub(crate) const WSDL_SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// WSDL SOAP 1.2 binding extension namespace.
pub(crate) const WSDL_SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// WSDL HTTP binding extension namespace.
pub(crate) const WSDL_HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";
/// WSDL MIME binding extension namespace.
pub(crate) const WSDL_MIME: &str = "http://schemas.xmlsoap.org/wsdl/mime/";
/// XML Schema namespaces: the 2001 recommendation and the obsolete 1999 and 2000/10 drafts.
pub(crate) const XSD: [&str; 3] = [
    "http://www.w3.org/2001/XMLSchema",
    "http://www.w3.org/2000/10/XMLSchema",
    "http://www.w3.org/1999/XMLSchema",
];
/// SOAP 1.1 encoding namespace (`soapenc`).
pub(crate) const SOAP_ENCODING: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// SOAP 1.2 encoding namespace.
pub(crate) const SOAP12_ENCODING: &str = "http://www.w3.org/2003/05/soap-encoding";
/// The `xml:` namespace.
pub(crate) const XML: &str = "http://www.w3.org/XML/1998/namespace";
/// The XML media type namespace (`xmime`).
pub(crate) const XMIME: &str = "http://www.w3.org/2005/05/xmlmime";
/// WS-Policy namespaces (2004/09 submission and the 1.2 and 1.5 versions).
pub(crate) const POLICY: [&str; 3] = [
    "http://schemas.xmlsoap.org/ws/2004/09/policy",
    "http://www.w3.org/ns/ws-policy",
    "http://www.w3.org/2006/07/ws-policy",
];

/// Namespaces whose components are built into the resolver, so an
/// `xs:import` of them needs no location.
pub(crate) const WELL_KNOWN: [&str; 10] = [
    SOAP_ENCODING,
    SOAP12_ENCODING,
    XML,
    XMIME,
    WSDL,
    "http://www.w3.org/2001/xml.xsd",
    "http://www.w3.org/2001/XMLSchema",
    "http://www.w3.org/2000/10/XMLSchema",
    "http://www.w3.org/1999/XMLSchema",
    "http://schemas.xmlsoap.org/soap/envelope/",
];

/// Returns `true` if `namespace` is an XML Schema namespace.
pub(crate) fn is_xsd(namespace: Option<&str>) -> bool {
    namespace.is_some_and(|namespace| XSD.contains(&namespace))
}

/// Returns `true` if `element` is `{namespace}local`.
pub(crate) fn is(element: &Element, namespace: &str, local: &str) -> bool {
    element.name == local && element.namespace.as_deref() == Some(namespace)
}

/// Returns `true` if `element` is the XML Schema element `local`, in any schema namespace.
pub(crate) fn is_xs(element: &Element, local: &str) -> bool {
    element.name == local && is_xsd(element.namespace.as_deref())
}

/// Iterates over the child elements of `element`, skipping text and comments.
pub(crate) fn children(element: &Element) -> impl Iterator<Item = &Element> {
    element.children.iter().filter_map(XMLNode::as_element)
}

/// Returns the first child `{namespace}local`.
pub(crate) fn child<'a>(element: &'a Element, namespace: &str, local: &str) -> Option<&'a Element> {
    children(element).find(|child| is(child, namespace, local))
}

/// Returns the value of the unqualified attribute `name`.
///
/// `xmltree` keys attributes by local name, so `wsdl:arrayType` is found as `arrayType`.
pub(crate) fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element.attributes.get(name).map(String::as_str)
}

/// Returns the path of `element` below `parent_path`: its local name, with `[name]` when it
/// has a `name` attribute.
pub(crate) fn child_path(parent_path: &str, element: &Element) -> String {
    match attr(element, "name") {
        Some(name) => format!("{parent_path}/{}[{name}]", element.name),
        None => format!("{parent_path}/{}", element.name),
    }
}

/// Returns the whitespace-trimmed text of an element, or `None` when it is empty.
pub(crate) fn text(element: &Element) -> Option<String> {
    let text = element.get_text()?;
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Returns the text of `wsdl:documentation` children of a WSDL element, joined by blank lines.
pub(crate) fn wsdl_docs(element: &Element) -> Option<String> {
    join_docs(
        children(element)
            .filter(|child| is(child, WSDL, "documentation"))
            .filter_map(text),
    )
}

/// Returns the text of `xs:annotation/xs:documentation` children of a schema element.
pub(crate) fn xs_docs(element: &Element) -> Option<String> {
    join_docs(
        children(element)
            .filter(|child| is_xs(child, "annotation"))
            .flat_map(children)
            .filter(|child| is_xs(child, "documentation"))
            .filter_map(text),
    )
}

fn join_docs(parts: impl Iterator<Item = String>) -> Option<String> {
    let parts: Vec<String> = parts.collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// Resolves a `prefix:local` value (a QName-valued attribute such as `type=`) against the
/// namespace declarations in scope at `element`.
///
/// An unprefixed value takes the default namespace, or no namespace when none is declared.
/// Returns an error message for an undeclared prefix or an empty local part.
pub(crate) fn resolve_qname(element: &Element, value: &str) -> Result<QName, String> {
    let value = value.trim();
    let (prefix, local) = match value.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, value),
    };
    if local.is_empty() || local.contains(':') {
        return Err(format!("invalid QName \"{value}\""));
    }

    let namespace = match prefix {
        Some("xml") => Some(XML.to_string()),
        Some(prefix) => match lookup_prefix(element, prefix) {
            Some(namespace) => Some(namespace.to_string()),
            None => {
                return Err(format!(
                    "undeclared namespace prefix \"{prefix}\" in \"{value}\"; declare it with xmlns:{prefix}=\"...\""
                ))
            }
        },
        None => lookup_prefix(element, "")
            .filter(|namespace| !namespace.is_empty())
            .map(str::to_string),
    };

    Ok(QName {
        namespace,
        local: local.to_string(),
    })
}

fn lookup_prefix<'a>(element: &'a Element, prefix: &str) -> Option<&'a str> {
    element.namespaces.as_ref()?.get(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Element {
        Element::parse(text.as_bytes()).expect("test XML is well-formed")
    }

    #[test]
    fn qname_with_prefix_resolves() {
        let element = parse(r#"<a xmlns:t="urn:t" type="t:Foo"/>"#);
        let qname = resolve_qname(&element, "t:Foo").expect("prefix is declared");
        assert_eq!(qname.namespace.as_deref(), Some("urn:t"));
        assert_eq!(qname.local, "Foo");
    }

    #[test]
    fn qname_without_prefix_takes_default_namespace() {
        let element = parse(r#"<a xmlns="urn:d"/>"#);
        let qname = resolve_qname(&element, "Foo").expect("no prefix needed");
        assert_eq!(qname.namespace.as_deref(), Some("urn:d"));
    }

    #[test]
    fn qname_without_default_namespace_has_none() {
        let element = parse("<a/>");
        let qname = resolve_qname(&element, "Foo").expect("no prefix needed");
        assert_eq!(qname.namespace, None);
    }

    #[test]
    fn qname_undeclared_prefix_is_error() {
        let element = parse("<a/>");
        let message = resolve_qname(&element, "x:Foo").expect_err("x is undeclared");
        assert!(
            message.contains("undeclared namespace prefix \"x\""),
            "{message}"
        );
    }

    #[test]
    fn qname_empty_local_is_error() {
        let element = parse(r#"<a xmlns:t="urn:t"/>"#);
        assert!(resolve_qname(&element, "t:").is_err());
        assert!(resolve_qname(&element, "").is_err());
    }

    #[test]
    fn docs_joined_and_trimmed() {
        let element = parse(
            r#"<e xmlns:xs="http://www.w3.org/2001/XMLSchema">
                 <xs:annotation><xs:documentation>  one </xs:documentation>
                 <xs:documentation>two</xs:documentation></xs:annotation></e>"#,
        );
        assert_eq!(xs_docs(&element).as_deref(), Some("one\n\ntwo"));
    }

    #[test]
    fn child_path_uses_name() {
        let element = parse(r#"<operation name="enroll"/>"#);
        assert_eq!(
            child_path("/definitions", &element),
            "/definitions/operation[enroll]"
        );
    }
}
