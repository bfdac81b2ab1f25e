//! Every deck format behind one seam: a format is a module with a reader and
//! a writer, registered by one line in [`FORMATS`]. File detection, parsing,
//! the shipped decks, folder scans and the synthetic generator all go through
//! the table, so adding a format (an importer for Anki, hashcards, Obsidian
//! or roadmap files) is one new module plus that line.
//!
//! A reader turns the file's text into [`RawCard`](super::assemble::RawCard)s
//! and hands them to [`assemble`](super::assemble::assemble), which applies
//! the rules every format shares. A writer produces the native text of a
//! [`Deck`] with explicit ids, so that reading it back gives the same cards;
//! what a format cannot hold is refused with a [`WriteError`].

pub(crate) mod markdown;
pub(crate) mod toml;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use super::context::ParseContext;
use super::{Deck, Origin};

/// One registered format: its name, the file extensions it claims, and its
/// reader and writer.
pub(crate) struct FormatSpec {
    /// Lowercase, as `gen_deck` and messages name it.
    pub(crate) name: &'static str,
    /// Lowercase, without the dot; the first is the one messages show.
    pub(crate) extensions: &'static [&'static str],
    /// Reads the whole file; problems go to the context.
    pub(crate) parse: fn(&mut ParseContext<'_>, &Origin) -> Option<Deck>,
    /// The deck in this format, or why it cannot be written.
    pub(crate) write: fn(&Deck) -> Result<String, WriteError>,
}

/// Every format, in the order file extensions are listed in messages.
static FORMATS: &[&FormatSpec] = &[&markdown::SPEC, &toml::SPEC];

/// A deck format: a handle on one entry of the format table.
#[derive(Clone, Copy)]
pub struct Format(&'static FormatSpec);

impl Format {
    /// `+++` front matter, `# Level` sections and `## Question` cards.
    pub const MARKDOWN: Format = Format(&markdown::SPEC);
    /// A `[deck]` table and one `[[cards]]` table per card.
    pub const TOML: Format = Format(&toml::SPEC);

    /// Every registered format.
    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS.iter().map(|spec| Format(spec))
    }

    /// The format a file's extension names (case-insensitive): `.md` and
    /// `.markdown` are Markdown, `.toml` is TOML.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::all().find(|f| f.0.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    /// The format with this name or extension (case-insensitive).
    pub fn from_name(word: &str) -> Option<Format> {
        Format::all().find(|f| {
            f.0.name.eq_ignore_ascii_case(word)
                || f.0.extensions.iter().any(|e| e.eq_ignore_ascii_case(word))
        })
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The extension files in this format usually have (`md`, `toml`).
    pub fn extension(self) -> &'static str {
        self.0.extensions.first().copied().unwrap_or(self.0.name)
    }

    /// The deck as a file in this format. Reading the text back gives the
    /// same deck id, title, description and cards (question, answer, level,
    /// difficulty, category, tags and id), all ids explicit.
    pub fn write(self, deck: &Deck) -> Result<String, WriteError> {
        (self.0.write)(deck)
    }

    pub(crate) fn parse(self, ctx: &mut ParseContext<'_>, origin: &Origin) -> Option<Deck> {
        (self.0.parse)(ctx, origin)
    }

    /// Each format's usual extension, as `.md or .toml` (`prefix` "."), or
    /// `*.md or *.toml` (`prefix` "*."), for messages.
    pub(crate) fn extension_list(prefix: &str) -> String {
        let names: Vec<String> = Format::all()
            .map(|f| format!("{prefix}{}", f.extension()))
            .collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Format {}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Format").field(&self.0.name).finish()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

/// Why a deck cannot be written in a format: reading the file back would
/// give other cards, or a deck that `check` rejects.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The deck id is not a valid id (the text says why).
    #[error("deck {0}")]
    DeckId(String),
    /// A deck file must hold at least one card.
    #[error("deck '{0}' has no cards")]
    NoCards(String),
    /// One card cannot be written as it is.
    #[error("card '{card}': {problem}")]
    Card { card: String, problem: CardProblem },
}

/// What keeps one card from being written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CardProblem {
    /// Its id within the deck is not a valid id (the text says why).
    #[error("{0}")]
    Id(String),
    #[error("the id is used by an earlier card")]
    DuplicateId,
    /// Its id names another deck, so it would change on reading.
    #[error("it belongs to deck '{0}'")]
    OtherDeck(String),
    #[error("the question is empty once put on one line")]
    EmptyQuestion,
    #[error(
        "the question is over the {} character limit",
        super::MAX_QUESTION_CHARS
    )]
    QuestionTooLong,
    #[error("the answer is over the {} byte limit", super::MAX_ANSWER_BYTES)]
    AnswerTooLong,
    #[error(
        "the answer nests lists or block quotes over the {} level limit",
        super::MAX_NESTING
    )]
    AnswerTooDeep,
    #[error(
        "the answer has a table over the {} column limit",
        super::MAX_TABLE_COLUMNS
    )]
    AnswerTableTooWide,
    /// A heading or an unclosed block in the answer would end the card early
    /// or swallow the next one (Markdown).
    #[error(
        "line {line} of the answer would start a new card or level section, or leave a block open; indent it or put it in a code block"
    )]
    AnswerBreaksOut { line: usize },
    /// A value the metadata comment cannot hold (Markdown): it holds `;`, a
    /// new line or `-->`, or a tag holds `,`.
    #[error("its {key} '{value}' cannot be written in a metadata comment")]
    Metadata { key: &'static str, value: String },
}

impl WriteError {
    pub(crate) fn card(card: &super::Card, problem: CardProblem) -> WriteError {
        WriteError::Card {
            card: card.id.clone(),
            problem,
        }
    }
}

/// The checks every writer makes, for what any reader would reject: a valid
/// deck id, at least one card, and for each card a valid id that is unique
/// and of this deck, a question and an answer within the limits.
pub(crate) fn check_deck(deck: &Deck) -> Result<(), WriteError> {
    if let Some(problem) = super::id_problem(&deck.id) {
        return Err(WriteError::DeckId(problem));
    }
    if deck.cards.is_empty() {
        return Err(WriteError::NoCards(deck.id.clone()));
    }
    let mut seen = std::collections::HashSet::with_capacity(deck.cards.len());
    for card in &deck.cards {
        let local = card.local_id();
        if card.deck != deck.id || card.id.len() != deck.id.len() + 1 + local.len() {
            return Err(WriteError::card(
                card,
                CardProblem::OtherDeck(card.deck.clone()),
            ));
        }
        if let Some(problem) = super::id_problem(local) {
            return Err(WriteError::card(card, CardProblem::Id(problem)));
        }
        if !seen.insert(local) {
            return Err(WriteError::card(card, CardProblem::DuplicateId));
        }
        let question = crate::text::one_line(&card.question);
        if question.is_empty() {
            return Err(WriteError::card(card, CardProblem::EmptyQuestion));
        }
        if question.chars().count() > super::MAX_QUESTION_CHARS {
            return Err(WriteError::card(card, CardProblem::QuestionTooLong));
        }
        if card.answer.len() > super::MAX_ANSWER_BYTES {
            return Err(WriteError::card(card, CardProblem::AnswerTooLong));
        }
        if markdown::too_deep(&card.answer).is_some() {
            return Err(WriteError::card(card, CardProblem::AnswerTooDeep));
        }
        if markdown::too_wide(&card.answer).is_some() {
            return Err(WriteError::card(card, CardProblem::AnswerTableTooWide));
        }
    }
    Ok(())
}
