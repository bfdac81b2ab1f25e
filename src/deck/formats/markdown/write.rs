//! Writing a deck as Markdown: `+++` front matter with the deck's id, title
//! and description, a `# Level` heading whenever the level changes (cards
//! keep their order), and each card as a `## Question` heading, a metadata
//! comment with its id (and difficulty, category and tags when set) and the
//! answer.
//!
//! What Markdown cannot hold is refused, never changed quietly:
//! - an answer with a level-1 or level-2 heading outside code, block quotes
//!   and lists (`# x`, `## x`, or a setext `===`/`---` underline), or with a
//!   block it never closes (a code fence, an HTML comment), would start a new
//!   card or swallow the next one;
//! - a metadata value holding `;`, a line break or `-->` (or a tag holding
//!   `,`) cannot be written in the comment.
//!
//! What the reader would normalise anyway is normalised: the question and
//! each tag are put on one line (`text::one_line`), the category trimmed.
//! The question is escaped so that Markdown syntax in it (`*`, `_`, `<`,
//! `[`, `&`, `~`, a trailing `#`) reads back as the same characters; `code`
//! spans that read back the same are kept as they are.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

use super::options;
use super::read::{is_container, is_container_end};
use crate::deck::formats::toml::basic_string;
use crate::deck::formats::{CardProblem, WriteError, check_deck};
use crate::deck::{Card, Deck, Level};

pub(super) fn write(deck: &Deck) -> Result<String, WriteError> {
    check_deck(deck)?;
    let size: usize = deck
        .cards
        .iter()
        .map(|c| c.question.len() + c.answer.len() + 80)
        .sum();
    let mut out = String::with_capacity(size + 200);
    front_matter(&mut out, deck);
    let mut section = None;
    for card in &deck.cards {
        if section != Some(card.level) {
            out.push_str("# ");
            out.push_str(heading(card.level));
            out.push_str("\n\n");
            section = Some(card.level);
        }
        out.push_str("## ");
        question(&mut out, &crate::text::one_line(&card.question));
        out.push('\n');
        metadata(&mut out, card)?;
        check_answer(card)?;
        out.push('\n');
        out.push_str(&card.answer);
        out.push_str("\n\n");
    }
    Ok(out)
}

fn front_matter(out: &mut String, deck: &Deck) {
    out.push_str("+++\nid = ");
    basic_string(out, &deck.id);
    out.push_str("\ntitle = ");
    basic_string(out, &deck.title);
    if let Some(description) = &deck.description {
        out.push_str("\ndescription = ");
        basic_string(out, description);
    }
    out.push_str("\n+++\n\n");
}

fn heading(level: Level) -> &'static str {
    match level {
        Level::Beginner => "Beginner",
        Level::Intermediate => "Intermediate",
        Level::Advanced => "Advanced",
    }
}

/// The question as heading text that reads back as the same characters.
fn question(out: &mut String, question: &str) {
    let chars: Vec<char> = question.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`'
            && let Some(len) = code_span(&chars[i..])
        {
            out.extend(&chars[i..i + len]);
            i += len;
            continue;
        }
        let trailing_hash = c == '#' && chars[i..].iter().all(|&c| c == '#' || c == ' ');
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '~') || trailing_hash {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
}

/// The length of a code span at the start of `chars` that the reader gives
/// back as written: one backtick, text without backticks that does not both
/// start and end with a space, one backtick not followed by another.
fn code_span(chars: &[char]) -> Option<usize> {
    let close = chars.iter().skip(1).position(|&c| c == '`')? + 1;
    let inner = &chars[1..close];
    let padded = inner.first() == Some(&' ') && inner.last() == Some(&' ');
    let followed = chars.get(close + 1) == Some(&'`');
    (!inner.is_empty() && !padded && !followed).then_some(close + 1)
}

/// `<!-- id: x; level: l; difficulty: d; category: c; tags: a, b -->`. The
/// level is given only when a difficulty would read as another level.
fn metadata(out: &mut String, card: &Card) -> Result<(), WriteError> {
    out.push_str("<!-- id: ");
    out.push_str(card.local_id());
    if let Some(difficulty) = card.difficulty {
        if difficulty.level() != card.level {
            out.push_str("; level: ");
            out.push_str(card.level.name());
        }
        out.push_str("; difficulty: ");
        out.push_str(difficulty.name());
    }
    if let Some(category) = &card.category {
        out.push_str("; category: ");
        out.push_str(&meta_value(card, "category", category.trim(), false)?);
    }
    if !card.tags.is_empty() {
        out.push_str("; tags: ");
        for (i, tag) in card.tags.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let tag = crate::text::one_line(tag);
            out.push_str(&meta_value(card, "tag", &tag, true)?);
        }
    }
    out.push_str(" -->\n");
    Ok(())
}

/// A value as the comment holds it, or an error when it holds `;`, a line
/// break or `-->`, or (in a list) `,`.
fn meta_value(
    card: &Card,
    key: &'static str,
    value: &str,
    in_list: bool,
) -> Result<String, WriteError> {
    let breaks = |c: char| matches!(c, ';' | '\n' | '\r') || (in_list && c == ',');
    if value.contains(breaks) || value.contains("-->") {
        return Err(WriteError::card(
            card,
            CardProblem::Metadata {
                key,
                value: value.to_string(),
            },
        ));
    }
    Ok(value.to_string())
}

/// Refuses an answer that would not read back as one card's answer: the
/// answer followed by a probe heading must show that heading, at top level,
/// as the first level-1 or level-2 heading.
fn check_answer(card: &Card) -> Result<(), WriteError> {
    const PROBE: &str = "\n\n## probe\n";
    let answer = card.answer.as_str();
    let text = format!("{answer}{PROBE}");
    let mut depth = 0usize;
    let mut last_block = 0usize;
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. })
                if depth == 0 && matches!(level, HeadingLevel::H1 | HeadingLevel::H2) =>
            {
                if range.start >= answer.len() {
                    return Ok(());
                }
                return Err(breaks_out(card, range.start));
            }
            Event::Start(tag) => {
                if depth == 0 {
                    last_block = range.start;
                }
                if is_container(&tag) {
                    depth += 1;
                }
            }
            Event::End(tag) if is_container_end(&tag) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // The probe was swallowed by a block the answer leaves open.
    Err(breaks_out(card, last_block))
}

fn breaks_out(card: &Card, offset: usize) -> WriteError {
    let before = card.answer.get(..offset).unwrap_or(&card.answer);
    let line = before.matches('\n').count() + 1;
    WriteError::card(card, CardProblem::AnswerBreaksOut { line })
}
