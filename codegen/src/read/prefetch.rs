//! Parses the files that an entry WSDL reaches on all cores, before the read stage walks them.
//!
//! The files are found by a text search for `location="..."` and `schemaLocation="..."` in
//! their bytes, which needs no parsed tree, so every parse can start at once. The read stage
//! still finds references in the parsed documents and takes a tree from here only for a file it
//! reaches. A reference that the search misses (for example one written with an entity) is read
//! then, and a file that the search finds by mistake is parsed for nothing.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use xmltree::Element;

use super::location::{self, Target};
use super::parse::parse_xml;
use crate::threads::{map_in_parallel, thread_count};

/// Maximum number of files parsed ahead; the read stage reads any others itself.
const MAX_FILES: usize = 256;

/// Parse results by canonical path.
#[derive(Default)]
pub(crate) struct Prefetched {
    trees: HashMap<PathBuf, Result<Element, String>>,
}

impl Prefetched {
    /// Removes and returns the parse result of the file at the canonical path `key`.
    pub(crate) fn take(&mut self, key: &Path) -> Option<Result<Element, String>> {
        self.trees.remove(key)
    }
}

/// Reads `entry` and the files it reaches, as far as the text search finds them, and parses
/// them in parallel, largest first. Files that cannot be read are left out.
pub(crate) fn prefetch(entry: &Path, location_map: &BTreeMap<String, PathBuf>) -> Prefetched {
    let mut files = read_reachable(entry, location_map);
    files.sort_by_key(|(_, bytes)| std::cmp::Reverse(bytes.len()));

    let trees = map_in_parallel(&files, thread_count(), |(_, bytes)| parse_xml(bytes));
    let trees = files.into_iter().map(|(key, _)| key).zip(trees).collect();

    Prefetched { trees }
}

/// Reads the files reachable from `entry` through the locations the text search finds,
/// breadth first, each once, returning their canonical paths and bytes.
fn read_reachable(
    entry: &Path,
    location_map: &BTreeMap<String, PathBuf>,
) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([entry.to_path_buf()]);

    while let Some(path) = queue.pop_front() {
        if files.len() >= MAX_FILES {
            break;
        }
        let Ok(key) = std::fs::canonicalize(&path) else {
            continue;
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let Ok(bytes) = super::file::read_input(&path) else {
            continue;
        };

        for location in find_locations(&bytes) {
            if let Target::File(target) = location::locate(&location, None, &path, location_map) {
                queue.push_back(target);
            }
        }
        files.push((key, bytes));
    }

    files
}

/// Returns the values of attributes whose name ends in `ocation` (`location`,
/// `schemaLocation`) on `import`, `include`, `redefine` and `override` elements, as written.
///
/// Other elements are skipped, because their locations (`soap:address location`,
/// `xsi:schemaLocation`) name endpoints or hints that the read stage never opens.
fn find_locations(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest: &str = &text;

    while let Some(position) = rest.find("ocation") {
        // The element name is looked up in the whole text before the match, because an earlier
        // match in the same start tag has already moved `rest` past its `<`.
        let consumed = text.len() - rest.len();
        let follows_reference = is_reference_element(&text[..consumed + position]);
        rest = &rest[position + "ocation".len()..];
        if !follows_reference {
            continue;
        }
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let value = &value[1..];
        let Some(end) = value.find(quote) else {
            break;
        };
        found.push(value[..end].to_string());
        rest = &value[end..];
    }

    found
}

/// Returns `true` when the last start tag opened in `before` is an element that references
/// another file.
fn is_reference_element(before: &str) -> bool {
    let Some(start) = before.rfind('<') else {
        return false;
    };
    let name = before[start + 1..]
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or_default();
    let local = name.rsplit(':').next().unwrap_or_default();
    matches!(local, "import" | "include" | "redefine" | "override")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_found_in_both_quotes() {
        let text = br#"<xs:import namespace="urn:a" schemaLocation="a.xsd"/>
            <wsdl:import location = 'b.wsdl' namespace="urn:b"/>"#;

        assert_eq!(find_locations(text), ["a.xsd", "b.wsdl"]);
    }

    #[test]
    fn unterminated_location_ends_search() {
        assert!(find_locations(br#"<xs:include schemaLocation="a.xsd"#).is_empty());
        assert!(find_locations(b"<import location>").is_empty());
    }

    #[test]
    fn address_locations_are_skipped() {
        let text = br#"<soap:address location="/dev/zero"/>
            <soap12:address location="fifo.xsd"/><http:address location="x"/>
            <xs:schema xsi:schemaLocation="urn:a a.xsd"><xs:redefine schemaLocation="c.xsd"/>"#;

        assert_eq!(find_locations(text), ["c.xsd"]);
    }

    #[test]
    fn location_after_matching_namespace_is_found() {
        let text = br#"<xs:import namespace="urn:location" schemaLocation="a.xsd"/>"#;

        assert_eq!(find_locations(text), ["a.xsd"]);
    }

    #[test]
    fn reachable_files_read_once() {
        let dir = std::env::temp_dir().join(format!("wsdl-prefetch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.xsd"), r#"<include schemaLocation="b.xsd"/>"#).unwrap();
        std::fs::write(dir.join("b.xsd"), r#"<include schemaLocation="a.xsd"/>"#).unwrap();

        let mut prefetched = prefetch(&dir.join("a.xsd"), &BTreeMap::new());

        let a = std::fs::canonicalize(dir.join("a.xsd")).unwrap();
        let b = std::fs::canonicalize(dir.join("b.xsd")).unwrap();
        assert!(prefetched.take(&a).is_some_and(|tree| tree.is_ok()));
        assert!(prefetched.take(&b).is_some_and(|tree| tree.is_ok()));
        assert!(prefetched.trees.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
