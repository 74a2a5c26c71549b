//! Namespace prefixes of one generated file.
//!
//! Prefixes are cosmetic on the wire (a reader compares namespace URIs), but every prefix in a
//! file must be a valid XML name and stand for one namespace only.

use std::collections::BTreeMap;

use crate::ir::{Body, Content, Model, Particle, Term, TypeKind};

/// Namespace of the XML 1.0 `xml:` prefix, which is bound without a declaration.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The prefix chosen for each namespace the generated code writes.
#[derive(Clone, Debug, Default)]
pub struct Prefixes {
    by_namespace: BTreeMap<String, String>,
}

impl Prefixes {
    /// Chooses prefixes: overrides first, then `tns` for `target_namespace`, then `ns1`, `ns2`, …
    /// for the other namespaces in the order they are first met in `model`.
    ///
    /// Fails when an override is not a valid prefix or when two namespaces would share one.
    pub fn assign(
        model: &Model,
        target_namespace: Option<&str>,
        overrides: &BTreeMap<String, String>,
    ) -> Result<Prefixes, String> {
        let mut prefixes = Prefixes::default();
        prefixes
            .by_namespace
            .insert(XML_NAMESPACE.to_owned(), "xml".to_owned());

        for (namespace, prefix) in overrides {
            check_prefix(prefix)?;
            prefixes.insert(namespace, prefix)?;
        }

        if let Some(target) = target_namespace {
            if !prefixes.by_namespace.contains_key(target) && !prefixes.is_taken("tns") {
                prefixes.insert(target, "tns")?;
            }
        }

        let mut number = 1usize;
        for namespace in namespaces_in_order(model) {
            if prefixes.by_namespace.contains_key(&namespace) {
                continue;
            }
            // Ends because each round takes a new number, and at most as many numbers are
            // taken as there are prefixes.
            while prefixes.is_taken(&format!("ns{number}")) {
                number += 1;
            }
            prefixes.insert(&namespace, &format!("ns{number}"))?;
        }

        Ok(prefixes)
    }

    /// Returns the prefix of `namespace`; every namespace of the model has one.
    pub fn get(&self, namespace: &str) -> Option<&str> {
        self.by_namespace.get(namespace).map(String::as_str)
    }

    fn is_taken(&self, prefix: &str) -> bool {
        self.by_namespace.values().any(|taken| taken == prefix)
    }

    fn insert(&mut self, namespace: &str, prefix: &str) -> Result<(), String> {
        if let Some(other) = self
            .by_namespace
            .iter()
            .find(|(other, taken)| *taken == prefix && *other != namespace)
            .map(|(other, _)| other)
        {
            return Err(format!(
                "prefix `{prefix}` is given to both {other} and {namespace}: choose another prefix \
                 for one of them"
            ));
        }
        self.by_namespace
            .insert(namespace.to_owned(), prefix.to_owned());
        Ok(())
    }
}

/// Checks that `prefix` is an XML NCName that does not start with `xml` (reserved by XML
/// Namespaces 1.0).
pub fn check_prefix(prefix: &str) -> Result<(), String> {
    let mut chars = prefix.chars();
    let valid_start = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    let valid_rest = chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let reserved = prefix.to_ascii_lowercase().starts_with("xml");

    if !valid_start || !valid_rest || reserved {
        return Err(format!(
            "invalid namespace prefix `{prefix}`: a prefix starts with a letter or `_`, holds \
             only letters, digits, `_`, `-` and `.`, and does not start with `xml`"
        ));
    }
    Ok(())
}

/// Every namespace that a generated struct writes, in model order, with repeats.
fn namespaces_in_order(model: &Model) -> Vec<String> {
    let mut found = Vec::new();

    for element in model.elements.values() {
        found.extend(element.name.namespace.clone());
    }

    for def in model.types.values() {
        let TypeKind::Complex(complex) = &def.kind else {
            continue;
        };
        if let Content::Elements(particle) = &complex.content {
            particle_namespaces(particle, &mut found);
        }
        for attribute in &complex.attributes {
            found.extend(attribute.name.namespace.clone());
        }
    }

    for binding in &model.bindings {
        for operation in &binding.operations {
            let messages = std::iter::once(&operation.input).chain(operation.output.as_ref());
            for message in messages {
                if let Body::Rpc { wrapper, .. } = &message.body {
                    found.extend(wrapper.namespace.clone());
                }
            }
        }
    }

    found
}

fn particle_namespaces(particle: &Particle, found: &mut Vec<String>) {
    match &particle.term {
        Term::Element(element) => found.extend(element.name.namespace.clone()),
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => {
            for item in items {
                particle_namespaces(item, found);
            }
        }
        Term::Any(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_prefixes_pass() {
        assert!(check_prefix("tns").is_ok());
        assert!(check_prefix("ns2").is_ok());
        assert!(check_prefix("_a-b.c").is_ok());
    }

    #[test]
    fn invalid_prefixes_fail() {
        assert!(check_prefix("").is_err());
        assert!(check_prefix("2ns").is_err());
        assert!(check_prefix("a:b").is_err());
        assert!(check_prefix("xmlfoo").is_err());
    }

    #[test]
    fn target_namespace_gets_tns() {
        let model = Model::default();
        let prefixes = Prefixes::assign(&model, Some("urn:a"), &BTreeMap::new()).unwrap();

        assert_eq!(prefixes.get("urn:a"), Some("tns"));
        assert_eq!(prefixes.get(XML_NAMESPACE), Some("xml"));
    }

    #[test]
    fn override_replaces_tns() {
        let model = Model::default();
        let overrides = BTreeMap::from([("urn:a".to_owned(), "ns2".to_owned())]);
        let prefixes = Prefixes::assign(&model, Some("urn:a"), &overrides).unwrap();

        assert_eq!(prefixes.get("urn:a"), Some("ns2"));
    }

    #[test]
    fn duplicate_override_fails() {
        let model = Model::default();
        let overrides = BTreeMap::from([
            ("urn:a".to_owned(), "p".to_owned()),
            ("urn:b".to_owned(), "p".to_owned()),
        ]);
        let error = Prefixes::assign(&model, None, &overrides).unwrap_err();

        assert!(error.contains("prefix `p`"), "{error}");
    }
}
