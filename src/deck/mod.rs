//! Deck files: the cards as plain data, the formats that read and write
//! them, the rules every deck must follow, and loading the shipped and user
//! decks.
//!
//! Parsing never panics and never stops at the first problem: it returns the
//! deck (when the file has no errors) together with every diagnostic found.
//! Deck problems are data ([`Diagnostic`]s with a position), not errors.

mod assemble;
mod builtin;
mod context;
mod diagnostic;
mod formats;
mod ids;
pub mod load;
mod model;
#[doc(hidden)]
pub mod synthetic;

#[cfg(test)]
mod tests;

use context::ParseContext;

pub use builtin::{BUILTIN_DECKS, BuiltinDeck};
pub use diagnostic::{Diagnostic, LineIndex, Position, Severity};
pub use formats::markdown::options as markdown_options;
pub use formats::{CardProblem, Format, WriteError};
pub use ids::{deck_id_from_name, id_problem, slug};
pub use model::{Card, Deck, Difficulty, Level, Origin};

/// Deck files larger than this are refused before they are read. 100,000
/// generated cards take about 62 MB as Markdown and 68 MB as TOML; the limit
/// leaves room above both.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// An answer larger than this is an error: it is almost always a code fence
/// left open that swallowed the rest of the file. The longest shipped answer
/// is about 8 KB; at this size the drill draws prose, code and nested lists
/// in well under 50 ms a key (see `benches/render.rs`).
pub const MAX_ANSWER_BYTES: usize = 128 * 1024;
/// A question longer than this many characters draws a warning: about five
/// lines at 80 columns, room for a multi-part design prompt but not an essay.
pub const LONG_QUESTION_CHARS: usize = 400;
/// A question longer than this many characters is an error: fifty lines at
/// 80 columns, ten times the warning, and more than any screen shows at once.
pub const MAX_QUESTION_CHARS: usize = 4_000;
/// Lists and block quotes nested deeper than this in an answer are an error.
/// Real answers use two or three levels; the drill's layout work grows with
/// the depth, so an unbounded one could stall every key.
pub const MAX_NESTING: usize = 16;
/// A table in an answer with more columns than this is an error. Real
/// tables have a handful; when many columns share a narrow screen each cell
/// wraps to one character a line, and the work grows with columns times
/// text.
pub const MAX_TABLE_COLUMNS: usize = 16;

/// The result of parsing one file.
#[derive(Debug)]
pub struct Parsed {
    /// The deck, present only when no diagnostic is an error.
    pub deck: Option<Deck>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses a deck from the raw bytes of a file.
pub fn parse_deck(bytes: &[u8], origin: Origin, format: Format) -> Parsed {
    let path = origin.to_string();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let index = LineIndex::new(prefix);
            let at = index.position(prefix, prefix.len());
            return Parsed {
                deck: None,
                diagnostics: vec![Diagnostic::error(
                    path,
                    Some(at),
                    "file is not valid UTF-8 text (save it as UTF-8)",
                )],
            };
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ctx = ParseContext::new(path, text);
    if text.trim().is_empty() {
        ctx.error(None, "file is empty; a deck needs at least one card");
        return ctx.finish(None);
    }
    let deck = format.parse(&mut ctx, &origin);
    ctx.finish(deck)
}
