//! From cards as a format wrote them to a checked deck, the same for every
//! format: a reader only collects [`RawCard`]s and [`DeckDefaults`], and the
//! rules below (one function each) apply defaults, report problems and build
//! the [`Deck`]. A new format gets every rule, and every message, for free.

use std::borrow::Cow;
use std::collections::HashMap;

use super::context::ParseContext;
use super::{
    Card, Deck, Difficulty, Format, LONG_QUESTION_CHARS, Level, MAX_ANSWER_BYTES, MAX_NESTING,
    MAX_QUESTION_CHARS, MAX_TABLE_COLUMNS, Origin, deck_id_from_name, id_problem, slug,
};

/// Deck-wide settings from front matter or a `[deck]` table.
#[derive(Debug, Default)]
pub(crate) struct DeckDefaults {
    pub(crate) id: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) level: Option<Level>,
    pub(crate) tags: Option<Vec<String>>,
    /// Where the settings are, for messages about the deck id.
    pub(crate) offset: Option<usize>,
}

/// A card as written, before defaults are applied and it is validated.
#[derive(Debug, Default)]
pub(crate) struct RawCard<'a> {
    /// Byte offset of the question (or of the card's table) in the file.
    pub(crate) offset: usize,
    pub(crate) question: Option<String>,
    /// Markdown answers borrow the file's text, so no copy is made while the
    /// Markdown parser's tree is still alive.
    pub(crate) answer: Option<Cow<'a, str>>,
    /// An explicit id and where it is written.
    pub(crate) id: Option<(String, usize)>,
    pub(crate) level: Option<Level>,
    pub(crate) difficulty: Option<Difficulty>,
    pub(crate) category: Option<String>,
    pub(crate) tags: Option<Vec<String>>,
    /// The level of the `# Level` section the card sits in (Markdown only).
    pub(crate) section_level: Option<Level>,
    /// A level or difficulty was written but could not be read; the reader
    /// has reported it, so a missing level is not reported again.
    pub(crate) level_reported: bool,
}

/// Applies defaults, checks every card and builds the deck.
pub(crate) fn assemble(
    ctx: &mut ParseContext<'_>,
    origin: &Origin,
    defaults: DeckDefaults,
    raws: Vec<RawCard<'_>>,
    no_cards_hint: &str,
) -> Option<Deck> {
    let deck_id = deck_id(ctx, origin, &defaults);
    if raws.is_empty() {
        ctx.error(None, format!("no cards found; {no_cards_hint}"));
        return None;
    }
    let default_tags = defaults.tags.as_deref().map(clean_tags).unwrap_or_default();
    let mut ids = CardIds::with_capacity(raws.len());
    let mut cards = Vec::with_capacity(raws.len());
    for raw in raws {
        let question = question(ctx, &raw);
        let answer = answer(ctx, &raw);
        let Some(level) = level(ctx, &raw, &defaults) else {
            continue;
        };
        let (local_id, explicit_id) = card_id(ctx, &raw, &question);
        ids.check_unique(ctx, &deck_id, &local_id, &raw);
        cards.push(Card {
            id: format!("{deck_id}/{local_id}"),
            deck: deck_id.clone(),
            question,
            answer,
            level,
            difficulty: raw.difficulty,
            category: category(raw.category),
            tags: tags(raw.tags, &default_tags),
            explicit_id,
            line: ctx.position(raw.offset).line,
        });
    }
    Some(Deck {
        title: title(defaults.title, &deck_id),
        description: description(defaults.description),
        id: deck_id,
        origin: origin.clone(),
        cards,
    })
}

/// The deck's id, from its settings or else its file name, checked. A file
/// name that is not an id gives one made from it (`My Deck.md` → `my-deck`);
/// an invalid id in the settings is an error that says what to write.
fn deck_id(ctx: &mut ParseContext<'_>, origin: &Origin, defaults: &DeckDefaults) -> String {
    let setting = id_setting(origin);
    let stem = origin.stem();
    let Some(id) = defaults.id.clone() else {
        if id_problem(&stem).is_none() {
            return stem;
        }
        let derived = deck_id_from_name(&stem);
        if derived.is_empty() {
            ctx.error(
                defaults.offset,
                format!(
                    "the file name '{stem}' gives no deck id; name the file with letters or digits, or set id = \"my-deck\" {setting}"
                ),
            );
            return stem;
        }
        return derived;
    };
    if let Some(problem) = id_problem(&id) {
        let fix = [deck_id_from_name(&id), deck_id_from_name(&stem)]
            .into_iter()
            .find(|fix| !fix.is_empty())
            .unwrap_or_else(|| "my-deck".to_string());
        ctx.error(
            defaults.offset,
            format!("deck {problem}; set id = \"{fix}\" {setting}"),
        );
    }
    id
}

/// Where a deck file of this origin sets its id, for messages.
fn id_setting(origin: &Origin) -> &'static str {
    let path = match origin {
        Origin::Builtin(name) => std::path::Path::new(name),
        Origin::File(path) => path.as_path(),
    };
    match Format::from_path(path) {
        Some(format) if format == Format::TOML => "in the [deck] table",
        _ => "in the front matter",
    }
}

/// The question on one line; missing or over the limit is an error, very
/// long a warning.
fn question(ctx: &mut ParseContext<'_>, raw: &RawCard<'_>) -> String {
    let at = Some(raw.offset);
    let question = raw
        .question
        .as_deref()
        .map(crate::text::one_line)
        .unwrap_or_default();
    let chars = question.chars().count();
    if question.is_empty() {
        ctx.error(at, "card has no question");
    } else if chars > MAX_QUESTION_CHARS {
        ctx.error(
            at,
            format!(
                "question is {chars} characters long, over the {MAX_QUESTION_CHARS} character limit; move detail into the answer"
            ),
        );
    } else if chars > LONG_QUESTION_CHARS {
        ctx.warning(
            at,
            format!(
                "question is {chars} characters long; keep it under {LONG_QUESTION_CHARS} and move detail into the answer"
            ),
        );
    }
    question
}

/// The answer, normalised; missing, oversized or nested too deep is an
/// error, empty a warning.
fn answer(ctx: &mut ParseContext<'_>, raw: &RawCard<'_>) -> String {
    let at = Some(raw.offset);
    let Some(given) = raw.answer.as_deref() else {
        ctx.error(at, "card has no answer");
        return String::new();
    };
    let answer = normalize_answer(given);
    if answer.is_empty() {
        ctx.warning(at, "card has an empty answer");
    }
    if answer.len() > MAX_ANSWER_BYTES {
        ctx.error(
            at,
            format!(
                "answer is {} bytes, over the {MAX_ANSWER_BYTES} byte limit (is a code fence left open?)",
                answer.len()
            ),
        );
    } else if let Some(depth) = super::formats::markdown::too_deep(&answer) {
        ctx.error(
            at,
            format!(
                "answer nests lists or block quotes {depth} levels deep, over the {MAX_NESTING} level limit"
            ),
        );
    } else if let Some(columns) = super::formats::markdown::too_wide(&answer) {
        ctx.error(
            at,
            format!(
                "answer has a table of {columns} columns, over the {MAX_TABLE_COLUMNS} column limit"
            ),
        );
    }
    answer
}

/// The card's level: its own, then its difficulty's, its section's, the
/// deck's. None at all is an error, unless an unreadable one was reported.
fn level(ctx: &mut ParseContext<'_>, raw: &RawCard<'_>, defaults: &DeckDefaults) -> Option<Level> {
    let level = raw
        .level
        .or(raw.difficulty.map(Difficulty::level))
        .or(raw.section_level)
        .or(defaults.level);
    if level.is_none() && !raw.level_reported {
        ctx.error(
            Some(raw.offset),
            "card has no level; put it under a '# Beginner', '# Intermediate' or '# Advanced' heading, or give it a level",
        );
    }
    level
}

/// The card's id within its deck and whether it was written: an explicit id
/// is checked, a derived one draws a warning (or an error when the question
/// gives no slug).
fn card_id(ctx: &mut ParseContext<'_>, raw: &RawCard<'_>, question: &str) -> (String, bool) {
    if let Some((id, id_at)) = &raw.id {
        if let Some(problem) = id_problem(id) {
            ctx.error(Some(*id_at), format!("card {problem}"));
        }
        return (id.clone(), true);
    }
    let at = Some(raw.offset);
    let derived = slug(question);
    if !derived.is_empty() {
        ctx.warning(
            at,
            format!(
                "card has no explicit id, so rewording the question will lose its progress; add the id '{derived}'"
            ),
        );
    } else if !question.is_empty() {
        ctx.error(
            at,
            "no id can be derived from this question; give the card an id",
        );
    }
    (derived, false)
}

/// The card ids seen so far in one file, and where each was first used.
struct CardIds(HashMap<String, usize>);

impl CardIds {
    fn with_capacity(cards: usize) -> Self {
        CardIds(HashMap::with_capacity(cards))
    }

    /// A second use of an id is an error that names the first.
    fn check_unique(
        &mut self,
        ctx: &mut ParseContext<'_>,
        deck_id: &str,
        local_id: &str,
        raw: &RawCard<'_>,
    ) {
        if local_id.is_empty() {
            return;
        }
        let Some(first) = self.0.get(local_id) else {
            self.0.insert(local_id.to_string(), raw.offset);
            return;
        };
        let first = ctx.position(*first);
        let message = format!(
            "duplicate card id '{deck_id}/{local_id}'; first used at {}:{}:{}",
            ctx.path, first.line, first.col
        );
        let at = raw.id.as_ref().map(|(_, o)| *o).unwrap_or(raw.offset);
        ctx.error(Some(at), message);
    }
}

/// The card's own tags, cleaned, or else the deck's.
fn tags(own: Option<Vec<String>>, deck_tags: &[String]) -> Vec<String> {
    own.as_deref()
        .map(clean_tags)
        .unwrap_or_else(|| deck_tags.to_vec())
}

/// The category, trimmed; an empty one is none.
fn category(category: Option<String>) -> Option<String> {
    category
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

/// The title on one line, or the deck id when there is none.
fn title(title: Option<String>, deck_id: &str) -> String {
    title
        .map(|t| crate::text::one_line(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| deck_id.to_string())
}

/// The description, trimmed; an empty one is none.
fn description(description: Option<String>) -> Option<String> {
    description
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
}

/// Drops leading blank lines (keeping the first line's indentation, which
/// can mean code) and trailing white space, and turns CRLF line ends into LF.
pub(crate) fn normalize_answer(answer: &str) -> String {
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
pub(crate) fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = crate::text::one_line(tag);
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    out
}
