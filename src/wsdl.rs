//! The WSDL and schema the simulator serves at `?wsdl` and `?xsd=1`: the project's files, with
//! every `soap:address` and the schema import pointed at the simulator, as a JAX-WS server
//! rewrites them.

use std::ops::Range;

const SOAP11_BINDING_NAMESPACE: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const XML_SCHEMA_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema";

/// The project's WSDL, as written.
pub const WSDL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/wsdl/EPKIManagerDevice.wsdl"
));
/// The schema the WSDL imports, served as `?xsd=1`.
pub const SCHEMA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/wsdl/EPKIManagerDevice_schema1.xsd"
));

/// The WSDL could not be rewritten.
#[derive(Debug, thiserror::Error)]
#[error("the embedded WSDL is not well-formed XML: {0}")]
pub struct WsdlError(#[from] roxmltree::Error);

/// Returns the WSDL with `soap:address` locations set to `public_url` (for `/ws/...` addresses)
/// or `private_url` (for `/private/ws/...`), and each `xs:import` of the schema loading it from
/// `{endpoint_url}?xsd=1`.
pub fn rewrite(
    public_url: &str,
    private_url: &str,
    endpoint_url: &str,
) -> Result<String, WsdlError> {
    let document = roxmltree::Document::parse(WSDL)?;
    let schema_url = format!("{endpoint_url}?xsd=1");
    let mut edits: Vec<(Range<usize>, &str)> = Vec::new();

    for node in document.descendants().filter(|node| node.is_element()) {
        let name = node.tag_name();
        let target = match (name.namespace(), name.name()) {
            (Some(SOAP11_BINDING_NAMESPACE), "address") => "location",
            (Some(XML_SCHEMA_NAMESPACE), "import") => "schemaLocation",
            _ => continue,
        };
        let Some(attribute) = node.attributes().find(|a| a.name() == target) else {
            continue;
        };
        let replacement = if target == "schemaLocation" {
            schema_url.as_str()
        } else if attribute.value().contains("/private/ws/") {
            private_url
        } else {
            public_url
        };
        edits.push((attribute.range_value(), replacement));
    }

    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut served = WSDL.to_string();
    for (range, replacement) in edits {
        served.replace_range(range, &escape_attribute(replacement));
    }
    Ok(served)
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_points_addresses_and_import_at_simulator() {
        let served = rewrite(
            "http://127.0.0.1:1/ws/EPKIManagerDevice",
            "http://127.0.0.1:1/private/ws/EPKIManagerDevice",
            "http://127.0.0.1:1/ws/EPKIManagerDevice",
        )
        .expect("rewrite");
        assert!(!served.contains("location=\"https://cert-manager.com"));
        assert!(!served.contains("schemaLocation=\"EPKIManagerDevice_schema1.xsd\""));
        assert!(served.contains("location=\"http://127.0.0.1:1/ws/EPKIManagerDevice\""));
        assert!(served.contains("location=\"http://127.0.0.1:1/private/ws/EPKIManagerDevice\""));
        assert!(served.contains("schemaLocation=\"http://127.0.0.1:1/ws/EPKIManagerDevice?xsd=1\""));
    }
}
