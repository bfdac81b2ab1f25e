//! Deck files: the Markdown and TOML formats, their validation, and loading
//! the shipped and user decks.
//!
//! Parsing never panics and never stops at the first problem: it returns the
//! deck (when the file has no errors) together with every diagnostic found.

mod builtin;
mod diagnostic;
mod ids;
pub mod load;
mod markdown;
mod model;
mod split;
pub mod synthetic;
mod toml_format;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashMap;

pub use builtin::BUILTIN_DECKS;
pub use diagnostic::{Diagnostic, LineIndex, Position, Severity};
pub use ids::{id_problem, slug};
pub use markdown::options as markdown_options;
pub use model::{Card, Deck, Difficulty, Level, Origin};

/// Deck files larger than this are refused before they are read. 100,000
/// generated cards take about 62 MB as Markdown and 68 MB as TOML; the limit
/// leaves room above both.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// An answer larger than this is an error: it is almost always a code fence
/// left open that swallowed the rest of the file.
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;
/// A question longer than this many characters draws a warning: about five
/// lines at 80 columns, room for a multi-part design prompt but not an essay.
pub const LONG_QUESTION_CHARS: usize = 400;

/// The two deck formats, told apart by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Toml,
}

impl Format {
    /// `.md` and `.markdown` are Markdown, `.toml` is TOML (case-insensitive).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }
}

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
    let mut src = Source::new(path, text);
    if text.trim().is_empty() {
        src.error(None, "file is empty; a deck needs at least one card");
        return src.finish(None);
    }
    let deck = match format {
        Format::Markdown => markdown::parse(&mut src, &origin),
        Format::Toml => toml_format::parse(&mut src, &origin),
    };
    src.finish(deck)
}

/// A file being parsed: its text, its line index and the problems found so far.
struct Source<'a> {
    path: String,
    text: &'a str,
    index: LineIndex,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Source<'a> {
    fn new(path: String, text: &'a str) -> Self {
        Source {
            path,
            text,
            index: LineIndex::new(text),
            diagnostics: Vec::new(),
        }
    }

    fn position(&self, offset: usize) -> Position {
        self.index.position(self.text, offset)
    }

    fn error(&mut self, offset: Option<usize>, message: impl Into<String>) {
        let position = offset.map(|o| self.position(o));
        let d = Diagnostic::error(self.path.clone(), position, message);
        self.diagnostics.push(d);
    }

    fn warning(&mut self, offset: Option<usize>, message: impl Into<String>) {
        let position = offset.map(|o| self.position(o));
        let d = Diagnostic::warning(self.path.clone(), position, message);
        self.diagnostics.push(d);
    }

    /// Reports a TOML error whose span is relative to `base` in this file.
    fn toml_error(&mut self, base: usize, err: &toml::de::Error) {
        let offset = err.span().map(|span| base + span.start).unwrap_or(base);
        let message = format!("TOML: {}", err.message().trim_end_matches('\n'));
        self.error(Some(offset), message);
    }

    fn finish(mut self, deck: Option<Deck>) -> Parsed {
        self.diagnostics
            .sort_by_key(|d| d.position.map(|p| (p.line, p.col)).unwrap_or((0, 0)));
        let has_errors = self.diagnostics.iter().any(Diagnostic::is_error);
        Parsed {
            deck: if has_errors { None } else { deck },
            diagnostics: self.diagnostics,
        }
    }
}

/// Deck-wide settings from front matter or a `[deck]` table.
#[derive(Debug, Default)]
struct DeckDefaults {
    id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    level: Option<Level>,
    tags: Option<Vec<String>>,
    /// Where the settings are, for messages about the deck id.
    offset: Option<usize>,
}

/// A card as written, before defaults are applied and it is validated.
#[derive(Debug, Default)]
struct RawCard<'a> {
    /// Byte offset of the question (or of the card's table) in the file.
    offset: usize,
    question: Option<String>,
    /// Markdown answers borrow the file's text, so no copy is made while the
    /// Markdown parser's tree is still alive.
    answer: Option<Cow<'a, str>>,
    /// An explicit id and where it is written.
    id: Option<(String, usize)>,
    level: Option<Level>,
    difficulty: Option<Difficulty>,
    category: Option<String>,
    tags: Option<Vec<String>>,
    /// The level of the `# Level` section the card sits in (Markdown only).
    section_level: Option<Level>,
    /// A level or difficulty was given but could not be read (already reported).
    bad_level: bool,
}

/// Applies defaults, checks every card and builds the deck.
fn assemble(
    src: &mut Source<'_>,
    origin: &Origin,
    defaults: DeckDefaults,
    raws: Vec<RawCard<'_>>,
    no_cards_hint: &str,
) -> Option<Deck> {
    let deck_id = defaults.id.clone().unwrap_or_else(|| origin.stem());
    if let Some(problem) = id_problem(&deck_id) {
        src.error(defaults.offset, format!("deck {problem}"));
    }
    if raws.is_empty() {
        src.error(None, format!("no cards found; {no_cards_hint}"));
        return None;
    }
    let default_tags = defaults.tags.as_deref().map(clean_tags).unwrap_or_default();
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(raws.len());
    let mut cards = Vec::with_capacity(raws.len());
    for raw in raws {
        let at = Some(raw.offset);
        let question = raw
            .question
            .as_deref()
            .map(crate::text::one_line)
            .unwrap_or_default();
        if question.is_empty() {
            src.error(at, "card has no question");
        } else if question.chars().count() > LONG_QUESTION_CHARS {
            src.warning(
                at,
                format!(
                    "question is {} characters long; keep it under {LONG_QUESTION_CHARS} and move detail into the answer",
                    question.chars().count()
                ),
            );
        }
        let answer_given = raw.answer.is_some();
        let answer = match raw.answer {
            None => {
                src.error(at, "card has no answer");
                String::new()
            }
            Some(answer) => normalize_answer(&answer),
        };
        if answer_given && answer.is_empty() {
            src.warning(at, "card has an empty answer");
        }
        if answer.len() > MAX_ANSWER_BYTES {
            src.error(
                at,
                format!(
                    "answer is {} bytes, over the {} byte limit (is a code fence left open?)",
                    answer.len(),
                    MAX_ANSWER_BYTES
                ),
            );
        }
        let level = raw
            .level
            .or(raw.difficulty.map(Difficulty::level))
            .or(raw.section_level)
            .or(defaults.level);
        let Some(level) = level else {
            if raw.bad_level {
                continue;
            }
            src.error(
                at,
                "card has no level; put it under a '# Beginner', '# Intermediate' or '# Advanced' heading, or give it a level",
            );
            continue;
        };
        let (local_id, explicit) = match &raw.id {
            Some((id, id_at)) => {
                if let Some(problem) = id_problem(id) {
                    src.error(Some(*id_at), format!("card {problem}"));
                }
                (id.clone(), true)
            }
            None => {
                let derived = slug(&question);
                if derived.is_empty() {
                    if !question.is_empty() {
                        src.error(
                            at,
                            "no id can be derived from this question; give the card an id",
                        );
                    }
                } else {
                    src.warning(
                        at,
                        format!(
                            "card has no explicit id, so rewording the question will lose its progress; add the id '{derived}'"
                        ),
                    );
                }
                (derived, false)
            }
        };
        if !local_id.is_empty() {
            if let Some(first) = seen.get(&local_id) {
                let first = src.position(*first);
                src.error(
                    raw.id.as_ref().map(|(_, o)| *o).or(at),
                    format!(
                        "duplicate card id '{deck_id}/{local_id}'; first used at {}:{}:{}",
                        src.path, first.line, first.col
                    ),
                );
            } else {
                seen.insert(local_id.clone(), raw.offset);
            }
        }
        let tags = raw
            .tags
            .as_deref()
            .map(clean_tags)
            .unwrap_or_else(|| default_tags.clone());
        let line = src.position(raw.offset).line;
        cards.push(Card {
            id: format!("{deck_id}/{local_id}"),
            deck: deck_id.clone(),
            question,
            answer,
            level,
            difficulty: raw.difficulty,
            category: raw
                .category
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            tags,
            explicit_id: explicit,
            line,
        });
    }
    let title = defaults
        .title
        .map(|t| crate::text::one_line(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| deck_id.clone());
    Some(Deck {
        id: deck_id,
        title,
        description: defaults
            .description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        origin: origin.clone(),
        cards,
    })
}

/// Drops leading blank lines (keeping the first line's indentation, which
/// can mean code) and trailing white space, and turns CRLF line ends into LF.
fn normalize_answer(answer: &str) -> String {
    let first = answer
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(answer.len());
    let line_start = answer[..first].rfind('\n').map_or(0, |i| i + 1);
    let trimmed = answer[line_start..].trim_end();
    if trimmed.contains('\r') {
        trimmed.replace("\r\n", "\n")
    } else {
        trimmed.to_string()
    }
}

/// Trims tags, drops empty ones and repeats (case-insensitively), keeps order.
fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = crate::text::one_line(tag);
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    out
}
