//! Mapping of `location` and `schemaLocation` values to local files.
//!
//! Nothing is ever fetched from the network: an absolute URL is either mapped to a local file by
//! the caller, names a namespace built into the resolver, or is an error.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::xml::WELL_KNOWN;

/// Target of a location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A local file.
    File(PathBuf),
    /// A namespace built into the resolver; nothing to read.
    WellKnown,
    /// An absolute URL with no local mapping.
    Unmapped,
}

/// Maps `location`, as written in `referrer`, to a target.
///
/// An exact match in `location_map` wins. A location with a URL scheme is well-known when it or
/// `namespace` is a built-in namespace, and unmapped otherwise. Any other location is a path
/// relative to the directory of `referrer`.
pub(crate) fn locate(
    location: &str,
    namespace: Option<&str>,
    referrer: &Path,
    location_map: &BTreeMap<String, PathBuf>,
) -> Target {
    let location = location.trim();
    if let Some(path) = location_map.get(location) {
        return Target::File(path.clone());
    }

    if let Some(path) = location.strip_prefix("file://") {
        return Target::File(PathBuf::from(path));
    }

    if has_scheme(location) {
        let known = |value: &str| WELL_KNOWN.contains(&value.trim_end_matches('#'));
        if known(location) || namespace.is_some_and(known) {
            return Target::WellKnown;
        }
        return Target::Unmapped;
    }

    // NOTE: percent-escapes (`%20`) and query strings (`?xsd=1`) are not decoded; such
    // locations need an entry in the location map.
    let directory = referrer.parent().unwrap_or(Path::new(""));
    Target::File(normalize(&directory.join(location)))
}

/// Returns `true` for `scheme:...` with a scheme of two or more characters, so that a Windows
/// drive letter (`C:\...`) stays a path.
fn has_scheme(location: &str) -> bool {
    let Some((scheme, _)) = location.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_valid = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme.len() > 1 && starts_with_letter && rest_valid
}

/// Removes `.` components and folds `dir/..` pairs without touching the file system, so a file
/// reached by two relative paths gets one display name.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let can_pop = matches!(result.components().next_back(), Some(Component::Normal(_)));
                if can_pop {
                    result.pop();
                } else {
                    result.push("..");
                }
            }
            other => result.push(other.as_os_str()),
        }
    }

    // `dir/..` and `.` fold to nothing, which the file system does not accept as a path.
    if result.as_os_str().is_empty() {
        result.push(".");
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_map() -> BTreeMap<String, PathBuf> {
        BTreeMap::new()
    }

    #[test]
    fn relative_location_joins_referrer_directory() {
        let target = locate(
            "./types.xsd",
            None,
            Path::new("wsdl/a/main.wsdl"),
            &no_map(),
        );
        assert_eq!(target, Target::File(PathBuf::from("wsdl/a/types.xsd")));
    }

    #[test]
    fn parent_location_is_folded() {
        let target = locate("../b/t.xsd", None, Path::new("wsdl/a/main.wsdl"), &no_map());
        assert_eq!(target, Target::File(PathBuf::from("wsdl/b/t.xsd")));
    }

    #[test]
    fn mapped_url_wins() {
        let mut map = no_map();
        map.insert(
            "http://x.test/a.xsd".to_string(),
            PathBuf::from("local/a.xsd"),
        );
        let target = locate("http://x.test/a.xsd", None, Path::new("m.wsdl"), &map);
        assert_eq!(target, Target::File(PathBuf::from("local/a.xsd")));
    }

    #[test]
    fn unmapped_url_is_unmapped() {
        let target = locate(
            "https://x.test/a.xsd",
            Some("urn:a"),
            Path::new("m.wsdl"),
            &no_map(),
        );
        assert_eq!(target, Target::Unmapped);
    }

    #[test]
    fn soap_encoding_url_is_well_known() {
        let location = "http://schemas.xmlsoap.org/soap/encoding/";
        let target = locate(location, Some(location), Path::new("m.wsdl"), &no_map());
        assert_eq!(target, Target::WellKnown);
    }

    #[test]
    fn drive_letter_is_path() {
        assert!(!has_scheme("C:\\schemas\\a.xsd"));
        assert!(has_scheme("urn:x"));
    }
}
