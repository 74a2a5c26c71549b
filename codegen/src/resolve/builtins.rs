//! Built-in types and attributes: XML Schema's own types, and the few components of SOAP
//! encoding, `xml:` and `xmime:` that schemas use without importing a schema document.

use crate::ir::Builtin;
use crate::read::xml::{SOAP12_ENCODING, SOAP_ENCODING, XMIME, XML};

/// Maps the local name of an XML Schema built-in type to [`Builtin`].
///
/// Covers the XSD 1.0 (2001) types, the XSD 1.1 additions that have a lossless match, and the
/// 1999 and 2000/10 draft names (`timeInstant`, `uriReference`, `binary`, ...).
pub(crate) fn xsd_type(local: &str) -> Option<Builtin> {
    let builtin = match local {
        "string" | "normalizedString" | "token" | "language" | "Name" | "NCName" | "ID"
        | "IDREF" | "ENTITY" | "NMTOKEN" => Builtin::String,
        "boolean" => Builtin::Boolean,
        "decimal" => Builtin::Decimal,
        "integer" | "nonPositiveInteger" | "negativeInteger" => Builtin::Integer,
        "nonNegativeInteger" | "positiveInteger" => Builtin::NonNegativeInteger,
        "long" => Builtin::Long,
        "int" => Builtin::Int,
        "short" => Builtin::Short,
        "byte" => Builtin::Byte,
        "unsignedLong" => Builtin::UnsignedLong,
        "unsignedInt" => Builtin::UnsignedInt,
        "unsignedShort" => Builtin::UnsignedShort,
        "unsignedByte" => Builtin::UnsignedByte,
        "float" => Builtin::Float,
        "double" => Builtin::Double,
        "dateTime" | "dateTimeStamp" | "timeInstant" => Builtin::DateTime,
        "date" => Builtin::Date,
        "time" => Builtin::Time,
        "duration" | "dayTimeDuration" | "yearMonthDuration" | "gYear" | "gYearMonth"
        | "gMonth" | "gMonthDay" | "gDay" | "timeDuration" | "recurringDuration"
        | "recurringDate" | "recurringDay" | "timePeriod" | "century" | "year" | "month" => {
            Builtin::OtherTemporal
        }
        "base64Binary" | "binary" => Builtin::Base64Binary,
        "hexBinary" => Builtin::HexBinary,
        "QName" | "NOTATION" => Builtin::QName,
        "anyURI" | "uriReference" => Builtin::AnyUri,
        "anyType" | "ur-type" => Builtin::AnyType,
        "anySimpleType" | "anyAtomicType" => Builtin::AnySimpleType,
        "NMTOKENS" | "IDREFS" | "ENTITIES" => Builtin::StringList,
        _ => return None,
    };
    Some(builtin)
}

/// Maps a type in a well-known non-schema namespace to [`Builtin`].
///
/// SOAP encoding declares one type per XSD simple type (`soapenc:string`, ...) plus `base64`,
/// `Array` and `Struct`. `Array` and `Struct` become `anyType` because encoded arrays are not
/// supported. `xmime:base64Binary` and `xmime:hexBinary` keep their binary type and lose the
/// `contentType` attribute.
pub(crate) fn well_known_type(namespace: &str, local: &str) -> Option<Builtin> {
    match namespace {
        SOAP_ENCODING | SOAP12_ENCODING => match local {
            "base64" => Some(Builtin::Base64Binary),
            "Array" | "Struct" => Some(Builtin::AnyType),
            other => xsd_type(other),
        },
        XMIME => match local {
            "base64Binary" => Some(Builtin::Base64Binary),
            "hexBinary" => Some(Builtin::HexBinary),
            _ => None,
        },
        _ => None,
    }
}

/// Returns the type of a global attribute in a well-known namespace (`xml:lang`,
/// `soapenc:arrayType`, `wsdl:arrayType`, `xmime:contentType`, ...).
pub(crate) fn well_known_attribute(namespace: &str, local: &str) -> Option<Builtin> {
    match (namespace, local) {
        (XML, "lang" | "space" | "id") => Some(Builtin::String),
        (XML, "base") => Some(Builtin::AnyUri),
        (SOAP_ENCODING | SOAP12_ENCODING, "arrayType" | "offset" | "position" | "itemType") => {
            Some(Builtin::String)
        }
        (SOAP_ENCODING | SOAP12_ENCODING, "arraySize" | "id" | "ref") => Some(Builtin::String),
        (crate::read::xml::WSDL, "arrayType") => Some(Builtin::String),
        (XMIME, "contentType" | "expectedContentTypes") => Some(Builtin::String),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_family_is_lossless() {
        assert_eq!(xsd_type("int"), Some(Builtin::Int));
        assert_eq!(xsd_type("integer"), Some(Builtin::Integer));
        assert_eq!(
            xsd_type("positiveInteger"),
            Some(Builtin::NonNegativeInteger)
        );
        assert_eq!(xsd_type("negativeInteger"), Some(Builtin::Integer));
        assert_eq!(xsd_type("unsignedByte"), Some(Builtin::UnsignedByte));
    }

    #[test]
    fn string_family_and_uri() {
        assert_eq!(xsd_type("token"), Some(Builtin::String));
        assert_eq!(xsd_type("anyURI"), Some(Builtin::AnyUri));
        assert_eq!(xsd_type("NMTOKENS"), Some(Builtin::StringList));
    }

    #[test]
    fn draft_names_map() {
        assert_eq!(xsd_type("timeInstant"), Some(Builtin::DateTime));
        assert_eq!(xsd_type("uriReference"), Some(Builtin::AnyUri));
    }

    #[test]
    fn unknown_name_is_none() {
        assert_eq!(xsd_type("strin"), None);
    }

    #[test]
    fn soap_encoding_types() {
        assert_eq!(
            well_known_type(SOAP_ENCODING, "string"),
            Some(Builtin::String)
        );
        assert_eq!(
            well_known_type(SOAP_ENCODING, "base64"),
            Some(Builtin::Base64Binary)
        );
        assert_eq!(
            well_known_type(SOAP_ENCODING, "Array"),
            Some(Builtin::AnyType)
        );
        assert_eq!(well_known_type("urn:other", "string"), None);
    }

    #[test]
    fn xml_lang_attribute() {
        assert_eq!(well_known_attribute(XML, "lang"), Some(Builtin::String));
        assert_eq!(well_known_attribute(XML, "nope"), None);
    }
}
