//! Content models as data: which child elements start each member of a generated struct, and
//! the state machine that assigns each child element of a message to a member.
//!
//! Generated code for a type with an `xs:choice`, a repeated group, an `xs:any` wildcard or a
//! nillable element describes its members in a `&[Member]` table. It reads its children with a
//! [`Sequence`], so that the order of the children survives decoding.

use std::io::{Read, Write};

use super::reader::ContentReader;
use super::writer::ContentWriter;

/// `maxOccurs="unbounded"`.
pub const UNBOUNDED: u32 = u32::MAX;

/// The namespaces whose elements an `xs:any` wildcard accepts (its `namespace` attribute with
/// `##targetNamespace` and `##local` replaced by the URIs they stand for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespaces {
    /// `##any`: every element.
    Any,
    /// `##other`: elements in a namespace other than the given target namespace, and not in
    /// no namespace.
    Other(&'static str),
    /// An explicit list of namespace URIs, where `""` stands for no namespace (`##local`).
    List(&'static [&'static str]),
}

impl Namespaces {
    /// Returns `true` when an element in `namespace` (`""` for none) matches the wildcard.
    pub fn accepts(&self, namespace: &str) -> bool {
        match self {
            Namespaces::Any => true,
            Namespaces::Other(target) => !namespace.is_empty() && namespace != *target,
            Namespaces::List(list) => list.contains(&namespace),
        }
    }
}

/// One member of a content model: an element, a group (choice or sequence) or a wildcard, with
/// the child elements that can start it and how often it occurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// Names (namespace URI, `""` for none, and local name) of the elements that start it.
    pub names: &'static [(&'static str, &'static str)],
    /// Wildcards that accept the element that starts it.
    pub wildcards: &'static [Namespaces],
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`, [`UNBOUNDED`] for `unbounded`.
    pub max: u32,
}

impl Member {
    /// Returns `true` when one of the member's element names is `(namespace, local)`.
    pub fn names(&self, namespace: &str, local: &str) -> bool {
        self.names.iter().any(|(known_namespace, known_local)| {
            *known_namespace == namespace && *known_local == local
        })
    }

    /// Returns `true` when one of the member's wildcards accepts an element in `namespace`.
    pub fn wildcard_accepts(&self, namespace: &str) -> bool {
        self.wildcards
            .iter()
            .any(|wildcard| wildcard.accepts(namespace))
    }

    /// Returns `true` when the member can start with the element `(namespace, local)`.
    pub fn starts_with(&self, namespace: &str, local: &str) -> bool {
        self.names(namespace, local) || self.wildcard_accepts(namespace)
    }
}

/// A group of elements written inline in its parent's content, without an element of its own:
/// the Rust enum of an `xs:choice`, or the struct of a sequence inside a choice or a repeated
/// sequence.
pub trait Group: Sized {
    /// Reads the group from the children at the reader's position, which start the group.
    fn read<R: Read>(content: &mut ContentReader<'_, R>) -> yaserde::Result<Self>;

    /// Writes the group's elements.
    fn write<W: Write>(&self, content: &mut ContentWriter<'_, W>) -> yaserde::Result<()>;
}

/// Assigns the children of an element (or of a group inside it) to the members of its content
/// model, in document order.
///
/// A child goes to the first member at or after the current one that names it and has not
/// occurred `max` times yet, or else to the first such member whose wildcard accepts it. Inside
/// an element, a child that fits no later member may still fill an earlier one, because senders
/// do not always keep the schema's order. A child that fits no member then goes to the first
/// wildcard member with room whatever its namespace, so that it is kept, and is skipped only
/// when there is none. Inside a group, such a child ends the group and is left for the parent.
#[derive(Clone, Debug)]
pub struct Sequence {
    members: &'static [Member],
    counts: Vec<u32>,
    position: usize,
    nested: bool,
}

impl Sequence {
    /// Starts reading the children of an element.
    pub fn new(members: &'static [Member]) -> Self {
        Sequence {
            members,
            counts: vec![0; members.len()],
            position: 0,
            nested: false,
        }
    }

    /// Starts reading a group inside an element's children.
    pub fn nested(members: &'static [Member]) -> Self {
        Sequence {
            nested: true,
            ..Sequence::new(members)
        }
    }

    /// Returns the index of the member that the next child element belongs to, or `None` when
    /// the element (or group) has no more children.
    ///
    /// Skips, inside an element, children that fit no member.
    pub fn next<R: Read>(
        &mut self,
        content: &mut ContentReader<'_, R>,
    ) -> yaserde::Result<Option<usize>> {
        // Each round either returns or skips one child element, so the loop ends with the
        // input.
        while let Some((namespace, local)) = content.peek_child()? {
            if let Some(index) = self.find(&namespace, &local) {
                self.counts[index] += 1;
                self.position = if self.counts[index] >= self.members[index].max {
                    index + 1
                } else {
                    index
                };
                return Ok(Some(index));
            }
            if self.nested {
                return Ok(None);
            }
            content.skip()?;
        }

        Ok(None)
    }

    /// Checks that every member that must occur exactly once did occur; `owner` names the type
    /// for the error message.
    pub fn finish(&self, owner: &str) -> yaserde::Result<()> {
        let missing = self
            .members
            .iter()
            .zip(&self.counts)
            .find(|(member, count)| member.min > 0 && member.max == 1 && **count == 0);

        match missing {
            Some((member, _)) => Err(yaserde::Error::custom(format!(
                "missing element {} in {owner}",
                describe(member)
            ))),
            None => Ok(()),
        }
    }

    fn find(&self, namespace: &str, local: &str) -> Option<usize> {
        let open = |index: &usize| self.counts[*index] < self.members[*index].max;
        let later = self.position..self.members.len();

        later
            .clone()
            .filter(open)
            .find(|index| self.members[*index].names(namespace, local))
            .or_else(|| {
                later
                    .filter(open)
                    .find(|index| self.members[*index].wildcard_accepts(namespace))
            })
            .or_else(|| {
                if self.nested {
                    return None;
                }
                let all = 0..self.members.len();
                (0..self.position)
                    .filter(open)
                    .find(|index| self.members[*index].names(namespace, local))
                    .or_else(|| {
                        all.filter(open)
                            .find(|index| !self.members[*index].wildcards.is_empty())
                    })
            })
    }
}

/// Names a member for an error message: `<local>`, `one of <a>, <b>`, or `an element`.
pub(crate) fn describe(member: &Member) -> String {
    let names: Vec<String> = member
        .names
        .iter()
        .map(|(_, local)| format!("<{local}>"))
        .collect();

    match names.as_slice() {
        [] => "an element".to_owned(),
        [one] => one.clone(),
        many => format!("one of {}", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaserde::de::Deserializer;

    const A: Member = Member {
        names: &[("", "a")],
        wildcards: &[],
        min: 1,
        max: 1,
    };
    const B_MANY: Member = Member {
        names: &[("", "b")],
        wildcards: &[],
        min: 0,
        max: UNBOUNDED,
    };
    const OTHER: Member = Member {
        names: &[],
        wildcards: &[Namespaces::Other("urn:t")],
        min: 0,
        max: UNBOUNDED,
    };

    /// Runs a sequence over the children of the root of `xml` and returns, per child read, the
    /// member index and the child's local name; skipped children do not appear.
    fn assign(xml: &str, members: &'static [Member]) -> (Vec<(usize, String)>, Sequence) {
        let mut reader = Deserializer::new_from_reader(xml.as_bytes());
        let mut content = ContentReader::start(&mut reader, "Root").unwrap();
        let mut sequence = Sequence::new(members);
        let mut found = Vec::new();

        while let Some(index) = sequence.next(&mut content).unwrap() {
            let (_, local) = content.peek_child().unwrap().unwrap();
            content.skip().unwrap();
            found.push((index, local));
        }
        (found, sequence)
    }

    #[test]
    fn sequence_keeps_document_order() {
        const MEMBERS: &[Member] = &[A, B_MANY];

        let (found, sequence) = assign("<r><a/><b/><b/></r>", MEMBERS);

        assert_eq!(found, [(0, "a".into()), (1, "b".into()), (1, "b".into())]);
        assert!(sequence.finish("Root").is_ok());
    }

    #[test]
    fn sequence_accepts_earlier_member_late() {
        const MEMBERS: &[Member] = &[A, B_MANY];

        let (found, _) = assign("<r><b/><a/></r>", MEMBERS);

        assert_eq!(found, [(1, "b".into()), (0, "a".into())]);
    }

    #[test]
    fn sequence_skips_unknown_children() {
        const MEMBERS: &[Member] = &[A, B_MANY];

        let (found, _) = assign("<r><x><y/></x><a/><a/><b/></r>", MEMBERS);

        assert_eq!(found, [(0, "a".into()), (1, "b".into())]);
    }

    #[test]
    fn wildcard_takes_foreign_children() {
        const MEMBERS: &[Member] = &[A, OTHER];

        let (found, _) = assign(r#"<r xmlns:f="urn:f"><f:x/><a/><f:y/></r>"#, MEMBERS);

        assert_eq!(found, [(1, "x".into()), (0, "a".into()), (1, "y".into())]);
    }

    #[test]
    fn wildcard_keeps_child_outside_its_namespaces() {
        const MEMBERS: &[Member] = &[A, OTHER];

        let (found, _) = assign(r#"<r><a/><t:y xmlns:t="urn:t"/><z/></r>"#, MEMBERS);

        assert_eq!(found, [(0, "a".into()), (1, "y".into()), (1, "z".into())]);
    }

    #[test]
    fn finish_reports_missing_member() {
        const MEMBERS: &[Member] = &[A, B_MANY];

        let (_, sequence) = assign("<r><b/></r>", MEMBERS);

        let error = sequence.finish("Root").unwrap_err().to_string();
        assert_eq!(error, "missing element <a> in Root");
    }

    #[test]
    fn nested_sequence_stops_at_other_child() {
        const MEMBERS: &[Member] = &[A, B_MANY];
        let mut reader = Deserializer::new_from_reader("<r><a/><c/><b/></r>".as_bytes());
        let mut content = ContentReader::start(&mut reader, "Root").unwrap();
        let mut sequence = Sequence::nested(MEMBERS);

        assert_eq!(sequence.next(&mut content).unwrap(), Some(0));
        content.skip().unwrap();

        assert_eq!(sequence.next(&mut content).unwrap(), None);
        let next = content.peek_child().unwrap();
        assert_eq!(next, Some((String::new(), "c".to_owned())));
    }

    #[test]
    fn wildcard_namespaces() {
        assert!(Namespaces::Any.accepts(""));
        assert!(Namespaces::Other("urn:a").accepts("urn:b"));
        assert!(!Namespaces::Other("urn:a").accepts("urn:a"));
        assert!(!Namespaces::Other("urn:a").accepts(""));
        assert!(Namespaces::List(&["", "urn:b"]).accepts(""));
        assert!(!Namespaces::List(&["urn:b"]).accepts("urn:c"));
    }

    #[test]
    fn describe_member_names() {
        let one = Member {
            names: &[("", "a")],
            wildcards: &[],
            min: 1,
            max: 1,
        };
        let two = Member {
            names: &[("", "a"), ("urn:x", "b")],
            ..one
        };
        let none = Member { names: &[], ..one };

        assert_eq!(describe(&one), "<a>");
        assert_eq!(describe(&two), "one of <a>, <b>");
        assert_eq!(describe(&none), "an element");
    }
}
