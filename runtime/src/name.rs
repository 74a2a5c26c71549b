//! Owned XML names, for names read from a message at run time.

use std::fmt;

use crate::QName;

/// A namespace-qualified XML name read from a message.
///
/// [`QName`] contains `'static` names from descriptors. This type contains names that arrive on the
/// wire, such as the element found in a response body or a custom fault code.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OwnedQName {
    /// Namespace URI; empty for a name in no namespace.
    pub namespace: String,
    /// Local part of the name.
    pub local: String,
}

impl OwnedQName {
    /// Creates a name from its namespace URI (empty for none) and local part.
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        OwnedQName {
            namespace: namespace.into(),
            local: local.into(),
        }
    }

    /// Returns `true` when this name equals the descriptor name `other`.
    pub fn matches(&self, other: &QName) -> bool {
        self.namespace == other.namespace && self.local == other.local
    }

    pub(crate) fn from_xml(name: &xml::name::OwnedName) -> Self {
        OwnedQName {
            namespace: name.namespace.clone().unwrap_or_default(),
            local: name.local_name.clone(),
        }
    }
}

impl From<QName> for OwnedQName {
    fn from(name: QName) -> Self {
        OwnedQName::new(name.namespace, name.local)
    }
}

/// Formats the name in Clark notation, `{namespace}local`, or `local` when it has no namespace.
impl fmt::Display for OwnedQName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}

/// Formats the name in Clark notation, `{namespace}local`, or `local` when it has no namespace.
impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}
