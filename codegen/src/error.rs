//! Errors and warnings of the read and resolve stages.
//!
//! Problems in the input never stop the resolver at the first one: each becomes a [`Diagnostic`]
//! with the file and element path it concerns, and [`Error::Input`] carries all of them.
//! Constructs skipped on purpose, and mistakes in the input that the resolver can work around
//! without losing data (see the `resolve` module), become a [`Warning`] instead.

use std::fmt;
use std::path::PathBuf;

/// One problem in the input, located by file and element path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// File the problem is in.
    pub file: PathBuf,
    /// Element path inside the file, e.g. `/definitions/binding[Binding]/operation[enroll]`, with
    /// local names and `[name]` for named elements. Empty when the problem concerns the whole file.
    pub path: String,
    /// Description of the problem and of the fix.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}: {}: {}",
                self.file.display(),
                self.path,
                self.message
            )
        }
    }
}

/// Kind of a construct that the resolver skips on purpose or of an input mistake it works around.
///
/// The back end reports each kind once, so every variant stands for one family of constructs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// `xs:redefine`: the redefined schema is included as it is and the redefinitions are ignored.
    Redefine,
    /// `xs:key`, `xs:keyref` and `xs:unique`: identity constraints are not checked.
    IdentityConstraint,
    /// `xs:notation` declarations.
    Notation,
    /// WS-Policy elements and references (`wsp:Policy`, `wsp:PolicyReference`, `wsp:UsingPolicy`).
    Policy,
    /// `wsdl:operation/@parameterOrder`: parts keep message order.
    ParameterOrder,
    /// MIME bindings (`mime:multipartRelated` and friends): only the SOAP part is used.
    MimeBinding,
    /// A binding that is neither SOAP 1.1, SOAP 1.2 nor HTTP, or a SOAP port whose address
    /// belongs to another transport (JMS, ...): skipped with its ports.
    UnsupportedBinding,
    /// A port type operation that its binding does not bind.
    UnboundOperation,
    /// A binding operation that its port type does not declare: skipped.
    UnknownBindingOperation,
    /// A name in `soap:body/@parts` that is not a part of the message: ignored.
    UnknownPart,
    /// A type, element or attribute reference inside a schema that no schema defines: the
    /// reference becomes `xs:anyType` (`xs:anySimpleType` for an attribute).
    UnresolvedReference,
    /// Schema structure that XML Schema does not allow and that can be left out, such as a
    /// particle directly inside `xs:element`: the misplaced element is skipped.
    InvalidSchema,
    /// A `type=` part in a document-style message: it is sent as an element named after the
    /// part, in no namespace.
    DocumentTypePart,
    /// A document-style operation whose message has no body part or several: the generated
    /// binding module leaves it out.
    UnsupportedMessage,
    /// With the server skeleton, an operation whose request body element an earlier operation
    /// of the binding also takes: `dispatch` cannot tell them apart and calls the earlier one.
    AmbiguousDispatch,
}

impl WarningKind {
    /// Returns a short description of the kind, for a summary line.
    pub fn describe(self) -> &'static str {
        match self {
            WarningKind::Redefine => "xs:redefine (redefinitions ignored)",
            WarningKind::IdentityConstraint => "xs:key/xs:keyref/xs:unique (not checked)",
            WarningKind::Notation => "xs:notation (ignored)",
            WarningKind::Policy => "WS-Policy (ignored)",
            WarningKind::ParameterOrder => "wsdl:operation/@parameterOrder (ignored)",
            WarningKind::MimeBinding => "MIME bindings (only the SOAP body is used)",
            WarningKind::UnsupportedBinding => "non-SOAP bindings and transports (skipped)",
            WarningKind::UnboundOperation => "port type operations without a binding (skipped)",
            WarningKind::UnknownBindingOperation => {
                "binding operations missing from the port type (skipped)"
            }
            WarningKind::UnknownPart => "soap:body parts naming no part of the message (ignored)",
            WarningKind::UnresolvedReference => {
                "references to undefined schema components (kept as xs:anyType)"
            }
            WarningKind::InvalidSchema => "invalid schema structure (misplaced elements skipped)",
            WarningKind::DocumentTypePart => {
                "type= parts in document style (sent as an unqualified element named after the part)"
            }
            WarningKind::UnsupportedMessage => {
                "operations whose document message has no body part or several (skipped)"
            }
            WarningKind::AmbiguousDispatch => {
                "operations sharing a request body element (dispatch calls the first one)"
            }
        }
    }
}

/// A construct skipped on purpose, or an input mistake worked around, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Family of constructs it belongs to.
    pub kind: WarningKind,
    /// File it is in.
    pub file: PathBuf,
    /// Element path inside the file.
    pub path: String,
    /// Description of what was skipped and what that means for the generated code.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file.display(),
            self.path,
            self.message
        )
    }
}

/// Failure of the read and resolve stages.
#[derive(Debug)]
pub enum Error {
    /// The input has problems; every one found is listed, in the order found.
    Input(Vec<Diagnostic>),
    /// A setting of the generator is invalid, such as a namespace prefix.
    Config(String),
    /// The generated file could not be written.
    Output {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The generator built code that does not parse: a bug in `wsdl-codegen`.
    Internal(String),
    /// The entry file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(diagnostics) => {
                let count = diagnostics.len();
                let noun = if count == 1 { "problem" } else { "problems" };
                write!(f, "the WSDL has {count} {noun}:")?;
                for diagnostic in diagnostics {
                    write!(f, "\n{diagnostic}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => {
                write!(f, "failed to read {}: {source}", path.display())
            }
            Error::Config(message) | Error::Internal(message) => f.write_str(message),
            Error::Output { path, source } => {
                write!(f, "failed to write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Input(_) | Error::Config(_) | Error::Internal(_) => None,
            Error::Io { source, .. } | Error::Output { source, .. } => Some(source),
        }
    }
}

/// Collects diagnostics and warnings while a stage runs.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Warning>,
}

impl Report {
    /// Records a problem.
    pub(crate) fn error(&mut self, file: &std::path::Path, path: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            file: file.to_path_buf(),
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// Records a construct skipped on purpose or an input mistake worked around.
    pub(crate) fn warn(
        &mut self,
        kind: WarningKind,
        file: &std::path::Path,
        path: &str,
        message: impl Into<String>,
    ) {
        self.warnings.push(Warning {
            kind,
            file: file.to_path_buf(),
            path: path.to_string(),
            message: message.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_display_has_file_path_message() {
        let diagnostic = Diagnostic {
            file: PathBuf::from("wsdl/EPKIManagerDevice.wsdl"),
            path: "/definitions/binding[B]/operation[enrol]".to_string(),
            message: "no such operation in portType EPKIManagerDevice".to_string(),
        };
        assert_eq!(
            diagnostic.to_string(),
            "wsdl/EPKIManagerDevice.wsdl: /definitions/binding[B]/operation[enrol]: \
             no such operation in portType EPKIManagerDevice"
        );
    }

    #[test]
    fn input_error_lists_every_diagnostic() {
        let make = |message: &str| Diagnostic {
            file: PathBuf::from("a.wsdl"),
            path: "/definitions".to_string(),
            message: message.to_string(),
        };
        let error = Error::Input(vec![make("first"), make("second")]);
        let text = error.to_string();
        assert_eq!(text.lines().count(), 3);
        assert!(text.contains("a.wsdl: /definitions: first"));
        assert!(text.contains("a.wsdl: /definitions: second"));
    }
}
