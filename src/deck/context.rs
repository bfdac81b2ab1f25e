//! The state every format reader shares while it reads one file: the text,
//! a line index to turn byte offsets into `line:col`, and the problems found
//! so far. Readers report through it and never stop at the first problem.

use super::{Deck, Diagnostic, LineIndex, Parsed, Position};

/// A file being parsed: its text, its line index and the problems found so far.
pub(crate) struct ParseContext<'a> {
    pub(crate) path: String,
    pub(crate) text: &'a str,
    index: LineIndex,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> ParseContext<'a> {
    pub(crate) fn new(path: String, text: &'a str) -> Self {
        ParseContext {
            path,
            text,
            index: LineIndex::new(text),
            diagnostics: Vec::new(),
        }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        self.index.position(self.text, offset)
    }

    pub(crate) fn error(&mut self, offset: Option<usize>, message: impl Into<String>) {
        let position = offset.map(|o| self.position(o));
        let d = Diagnostic::error(self.path.clone(), position, message);
        self.diagnostics.push(d);
    }

    pub(crate) fn warning(&mut self, offset: Option<usize>, message: impl Into<String>) {
        let position = offset.map(|o| self.position(o));
        let d = Diagnostic::warning(self.path.clone(), position, message);
        self.diagnostics.push(d);
    }

    /// Reports a TOML error whose span is relative to `base` in this file.
    pub(crate) fn toml_error(&mut self, base: usize, err: &::toml::de::Error) {
        let offset = err.span().map(|span| base + span.start).unwrap_or(base);
        let message = format!("TOML: {}", err.message().trim_end_matches('\n'));
        self.error(Some(offset), message);
    }

    /// The diagnostics in file order, and the deck only when none is an error.
    pub(crate) fn finish(mut self, deck: Option<Deck>) -> Parsed {
        self.diagnostics
            .sort_by_key(|d| d.position.map(|p| (p.line, p.col)).unwrap_or((0, 0)));
        let has_errors = self.diagnostics.iter().any(Diagnostic::is_error);
        Parsed {
            deck: if has_errors { None } else { deck },
            diagnostics: self.diagnostics,
        }
    }
}
