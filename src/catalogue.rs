//! The simulator's built-in catalogue: organisations, device certificate types and custom fields.
//!
//! | organisation id | name | certificate types it may enroll |
//! |---|---|---|
//! | 1001 | Example Devices | 2001, 2002, 2003 |
//! | 1002 | Example Lab | 2001 |
//!
//! | certificate type id | name | terms (years) | key usages | extended key usages |
//! |---|---|---|---|---|
//! | 2001 (default) | Device TLS Client | 1, 2, 3 | digitalSignature, keyEncipherment | clientAuth |
//! | 2002 | Device TLS Server | 1, 2 | digitalSignature, keyEncipherment | serverAuth, clientAuth |
//! | 2003 | Device Code Signing | 1 | digitalSignature | codeSigning |
//!
//! Custom fields (`getDeviceCustomFields`) exist for the configured customer URI with the URI
//! extension `""` (the main account) or `lab`:
//!
//! | URI extension | id | name | mandatory |
//! |---|---|---|---|
//! | `""` | 3001 | Asset Tag | yes |
//! | `""` | 3002 | Location | no |
//! | `lab` | 3101 | Bench | no |
//!
//! NOTE: `enroll` does not check that mandatory custom fields are present, because the reference
//! names no status code for a missing one.

use rcgen::{ExtendedKeyUsagePurpose, KeyUsagePurpose};

/// An organisation (or department) that may enroll device certificates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Organization {
    /// Identifier passed as `orgId`.
    pub id: i32,
    /// Name written to the issued certificate's `O` attribute.
    pub name: &'static str,
    /// Certificate types this organisation may enroll.
    pub cert_type_ids: &'static [i32],
}

/// A device certificate type (a key usage and extended key usage template).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CertType {
    /// Identifier passed as `certTypeId`.
    pub id: i32,
    /// Display name.
    pub name: &'static str,
    /// Description returned by `getDeviceCertType`.
    pub description: &'static str,
    /// Terms in years that `enroll` accepts for this type.
    pub terms: &'static [i32],
    /// Key usages of issued certificates, named as in RFC 5280.
    pub key_usages: &'static [&'static str],
    /// Extended key usages of issued certificates, named as in RFC 5280.
    pub extended_key_usages: &'static [&'static str],
}

/// A custom field that an enrollment may fill in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CustomField {
    /// Identifier.
    pub id: i32,
    /// Field name, as used in `customFieldValue/name`.
    pub name: &'static str,
    /// Whether the administrator must fill it in.
    pub mandatory: bool,
}

/// The built-in organisations.
pub const ORGANIZATIONS: &[Organization] = &[
    Organization {
        id: 1001,
        name: "Example Devices",
        cert_type_ids: &[2001, 2002, 2003],
    },
    Organization {
        id: 1002,
        name: "Example Lab",
        cert_type_ids: &[2001],
    },
];

/// The certificate type used when `enroll` has no `certTypeId`.
pub const DEFAULT_CERT_TYPE_ID: i32 = 2001;

/// The built-in certificate types.
pub const CERT_TYPES: &[CertType] = &[
    CertType {
        id: 2001,
        name: "Device TLS Client",
        description: "TLS client authentication for devices",
        terms: &[1, 2, 3],
        key_usages: &["digitalSignature", "keyEncipherment"],
        extended_key_usages: &["clientAuth"],
    },
    CertType {
        id: 2002,
        name: "Device TLS Server",
        description: "TLS server and client authentication for devices",
        terms: &[1, 2],
        key_usages: &["digitalSignature", "keyEncipherment"],
        extended_key_usages: &["serverAuth", "clientAuth"],
    },
    CertType {
        id: 2003,
        name: "Device Code Signing",
        description: "Firmware signing on devices",
        terms: &[1],
        key_usages: &["digitalSignature"],
        extended_key_usages: &["codeSigning"],
    },
];

/// Custom fields of the main account (URI extension `""`).
pub const MAIN_CUSTOM_FIELDS: &[CustomField] = &[
    CustomField {
        id: 3001,
        name: "Asset Tag",
        mandatory: true,
    },
    CustomField {
        id: 3002,
        name: "Location",
        mandatory: false,
    },
];

/// Custom fields of the `lab` URI extension.
pub const LAB_CUSTOM_FIELDS: &[CustomField] = &[CustomField {
    id: 3101,
    name: "Bench",
    mandatory: false,
}];

/// Finds an organisation by id.
pub fn organization(id: i32) -> Option<&'static Organization> {
    ORGANIZATIONS.iter().find(|org| org.id == id)
}

/// Finds a certificate type by id.
pub fn cert_type(id: i32) -> Option<&'static CertType> {
    CERT_TYPES.iter().find(|cert_type| cert_type.id == id)
}

/// Returns the custom fields of a URI extension, or `None` for an unknown extension.
pub fn custom_fields(uri_extension: &str) -> Option<&'static [CustomField]> {
    match uri_extension {
        "" => Some(MAIN_CUSTOM_FIELDS),
        "lab" => Some(LAB_CUSTOM_FIELDS),
        _ => None,
    }
}

/// Maps an RFC 5280 key usage name of the catalogue to rcgen's value.
pub(crate) fn key_usage(name: &str) -> Option<KeyUsagePurpose> {
    match name {
        "digitalSignature" => Some(KeyUsagePurpose::DigitalSignature),
        "keyEncipherment" => Some(KeyUsagePurpose::KeyEncipherment),
        _ => None,
    }
}

/// Maps an RFC 5280 extended key usage name of the catalogue to rcgen's value.
pub(crate) fn extended_key_usage(name: &str) -> Option<ExtendedKeyUsagePurpose> {
    match name {
        "serverAuth" => Some(ExtendedKeyUsagePurpose::ServerAuth),
        "clientAuth" => Some(ExtendedKeyUsagePurpose::ClientAuth),
        "codeSigning" => Some(ExtendedKeyUsagePurpose::CodeSigning),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_names_map_to_rcgen() {
        for cert_type in CERT_TYPES {
            for name in cert_type.key_usages {
                assert!(key_usage(name).is_some(), "key usage {name}");
            }
            for name in cert_type.extended_key_usages {
                assert!(
                    extended_key_usage(name).is_some(),
                    "extended key usage {name}"
                );
            }
        }
    }

    #[test]
    fn organizations_reference_known_types() {
        for org in ORGANIZATIONS {
            for id in org.cert_type_ids {
                assert!(cert_type(*id).is_some(), "org {} type {id}", org.id);
            }
        }
        assert!(cert_type(DEFAULT_CERT_TYPE_ID).is_some());
    }
}
