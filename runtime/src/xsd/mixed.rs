//! Text between the child elements of a `mixed="true"` type.

/// The text of a `mixed="true"` element, with the place of each run among its child elements,
/// so that encoding writes it back where it was.
///
/// The decoder trims whitespace at both ends of every run, because `yaserde`'s reader
/// (version 0.13) is set up that way: `Hello <b>you</b> !` reads as the runs `Hello` and `!`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MixedText {
    /// The runs in document order.
    pub runs: Vec<TextRun>,
}

/// One run of text in mixed content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRun {
    /// Number of child elements before the run.
    pub position: usize,
    /// The text, unescaped.
    pub text: String,
}

impl MixedText {
    /// Returns every run joined with single spaces, without the child elements.
    pub fn joined(&self) -> String {
        let runs: Vec<&str> = self.runs.iter().map(|run| run.text.as_str()).collect();
        runs.join(" ")
    }

    /// Returns `true` when there is no text.
    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|run| run.text.is_empty())
    }
}
