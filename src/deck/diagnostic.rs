//! Problems found in deck files, located by `path:line:col`.
//!
//! Positions come from a [`LineIndex`] built once per file, so locating any
//! number of problems costs a binary search each, never a rescan of the file.

use std::fmt;

/// How serious a problem is: errors reject the deck, warnings only inform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or the built-in deck's path).
    pub path: String,
    pub position: Option<Position>,
    pub severity: Severity,
    /// One line of text, no trailing period.
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, path, position, message)
    }

    pub fn warning(
        path: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, path, position, message)
    }

    fn new(
        severity: Severity,
        path: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        // A message is always one line, whatever a library or a deck put in
        // it, and a value quoted from a huge file is cut to an excerpt.
        let message: String = message.into();
        let folded = match crate::text::one_line_cow(&message) {
            std::borrow::Cow::Owned(folded) => Some(folded),
            std::borrow::Cow::Borrowed(_) => None,
        };
        let message = crate::text::shorten_message(folded.unwrap_or(message));
        Diagnostic {
            path: path.into(),
            position,
            severity,
            message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error: message`, or `path: error: message` without a position.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::text::one_line(&self.path);
        match self.position {
            Some(Position { line, col }) => write!(f, "{path}:{line}:{col}: ")?,
            None => write!(f, "{path}: ")?,
        }
        write!(f, "{}: {}", self.severity.name(), self.message)
    }
}

/// The byte offset of every line start in a text, for offset → line:col.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// One pass over the text. Lines end at `\n`; a `\r` before it belongs to the line.
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and character column of a byte offset in `text`
    /// (the same text the index was built from). Offsets past the end clamp
    /// to the end; offsets inside a character count that character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line.saturating_sub(1)];
        let col = text
            .get(start..)
            .map(|rest| {
                rest.char_indices()
                    .take_while(|(i, _)| start + i < offset)
                    .count()
            })
            .unwrap_or(0);
        Position { line, col: col + 1 }
    }

    /// The byte offset at which a 1-based line starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.starts.get(i).copied())
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçé x\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, col: 1 });
        assert_eq!(index.position(text, 1), Position { line: 1, col: 2 });
        assert_eq!(index.position(text, 3), Position { line: 2, col: 1 });
        // 'x' sits after two two-byte characters and a space.
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), Position { line: 2, col: 4 });
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 4, col: 5 }
        );
        assert_eq!(index.position(text, 10_000), Position { line: 4, col: 5 });
        assert_eq!(index.line_start(3), Some(text.find("\n\n").unwrap() + 1));
        assert_eq!(index.line_start(0), None);
    }

    #[test]
    fn display_names_path_line_col_and_severity() {
        let d = Diagnostic::error(
            "decks/a.md",
            Some(Position { line: 3, col: 7 }),
            "bad\nthing",
        );
        assert_eq!(d.to_string(), "decks/a.md:3:7: error: bad thing");
        let w = Diagnostic::warning("b.toml", None, "empty");
        assert_eq!(w.to_string(), "b.toml: warning: empty");
    }
}
