//! One summary line per kind of warning, for the command line and build scripts. A large schema
//! can have the same skipped construct (an identity constraint, a WS-Policy element) in dozens
//! of places, so one line per place would bury the other messages of a build.

use std::fmt;

use crate::error::{Warning, WarningKind};

/// The warnings of one kind: how many there are and the first one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarningSummary<'a> {
    /// The kind of construct skipped.
    pub kind: WarningKind,
    /// Number of places with this kind of warning.
    pub count: usize,
    /// The first of them, in the order the generator met them.
    pub first: &'a Warning,
}

impl fmt::Display for WarningSummary<'_> {
    /// Writes the whole warning when there is one, and otherwise the kind, the count and the
    /// first place (`file: element path`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.count == 1 {
            return write!(f, "{}", self.first);
        }

        write!(
            f,
            "{} in {} places, the first in {}: {}",
            self.kind.describe(),
            self.count,
            self.first.file.display(),
            self.first.path
        )
    }
}

/// Groups `warnings` by kind, in the order each kind first occurs.
pub fn summarize(warnings: &[Warning]) -> Vec<WarningSummary<'_>> {
    let mut summaries: Vec<WarningSummary<'_>> = Vec::new();

    for warning in warnings {
        match summaries
            .iter_mut()
            .find(|summary| summary.kind == warning.kind)
        {
            Some(summary) => summary.count += 1,
            None => summaries.push(WarningSummary {
                kind: warning.kind,
                count: 1,
                first: warning,
            }),
        }
    }

    summaries
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn warning(kind: WarningKind, path: &str) -> Warning {
        Warning {
            kind,
            file: PathBuf::from("types.xsd"),
            path: path.to_owned(),
            message: format!("type T: {}", kind.describe()),
        }
    }

    #[test]
    fn kinds_in_first_occurrence_order() {
        let warnings = [
            warning(WarningKind::IdentityConstraint, "/schema/element[A]/key"),
            warning(WarningKind::Notation, "/schema/notation[png]"),
            warning(WarningKind::IdentityConstraint, "/schema/element[C]/key"),
        ];

        let summaries = summarize(&warnings);

        assert_eq!(summaries.len(), 2);
        assert_eq!(summaries[0].kind, WarningKind::IdentityConstraint);
        assert_eq!(summaries[0].count, 2);
        assert_eq!(summaries[0].first.path, "/schema/element[A]/key");
        assert_eq!(summaries[1].kind, WarningKind::Notation);
        assert_eq!(summaries[1].count, 1);
    }

    #[test]
    fn repeated_kind_names_count_and_first_place() {
        let warnings = [
            warning(WarningKind::IdentityConstraint, "/schema/element[A]/key"),
            warning(WarningKind::IdentityConstraint, "/schema/element[C]/key"),
        ];

        let line = summarize(&warnings)[0].to_string();

        assert_eq!(
            line,
            "xs:key/xs:keyref/xs:unique (not checked) in 2 places, the first in types.xsd: \
             /schema/element[A]/key"
        );
    }

    #[test]
    fn single_warning_is_written_whole() {
        let warnings = [warning(WarningKind::Notation, "/schema/notation[png]")];

        let line = summarize(&warnings)[0].to_string();

        assert_eq!(
            line,
            "types.xsd: /schema/notation[png]: type T: xs:notation (ignored)"
        );
    }
}
