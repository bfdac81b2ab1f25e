//! Writing a deck as TOML: a `[deck]` table, then one `[[cards]]` table per
//! card with its id and level always given.
//!
//! TOML can hold any text, so this writer refuses only what the reader would
//! reject (see [`check_deck`]). Answers that span lines are written as
//! literal `'''` strings, where nothing needs escaping, unless they hold
//! `'''`, a carriage return or a control character that a literal string
//! cannot hold: those fall back to a basic `"""` string with escapes.

use std::fmt::Write;

use crate::deck::formats::{WriteError, check_deck};
use crate::deck::{Card, Deck};

pub(super) fn write(deck: &Deck) -> Result<String, WriteError> {
    check_deck(deck)?;
    let size: usize = deck
        .cards
        .iter()
        .map(|c| c.question.len() + c.answer.len() + 120)
        .sum();
    let mut out = String::with_capacity(size + 200);
    out.push_str("[deck]\n");
    key_value(&mut out, "id", &deck.id, basic_string);
    key_value(&mut out, "title", &deck.title, basic_string);
    if let Some(description) = &deck.description {
        key_value(&mut out, "description", description, string);
    }
    out.push('\n');
    for card in &deck.cards {
        write_card(&mut out, card);
    }
    Ok(out)
}

fn write_card(out: &mut String, card: &Card) {
    out.push_str("[[cards]]\n");
    key_value(out, "id", card.local_id(), basic_string);
    key_value(out, "question", &card.question, basic_string);
    key_value(out, "level", card.level.name(), basic_string);
    if let Some(difficulty) = card.difficulty {
        key_value(out, "difficulty", difficulty.name(), basic_string);
    }
    if let Some(category) = &card.category {
        key_value(out, "category", category, basic_string);
    }
    if !card.tags.is_empty() {
        out.push_str("tags = [");
        for (i, tag) in card.tags.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            basic_string(out, tag);
        }
        out.push_str("]\n");
    }
    key_value(out, "answer", &card.answer, string);
    out.push('\n');
}

fn key_value(out: &mut String, key: &str, value: &str, encode: fn(&mut String, &str)) {
    out.push_str(key);
    out.push_str(" = ");
    encode(out, value);
    out.push('\n');
}

/// A TOML string for any text: on one line when it has no line break,
/// otherwise a multi-line string that starts and ends on lines of its own
/// (the reader trims the line breaks this adds around an answer).
fn string(out: &mut String, text: &str) {
    if !text.contains('\n') {
        basic_string(out, text);
    } else if literal_can_hold(text) {
        out.push_str("'''\n");
        out.push_str(text);
        out.push_str("\n'''");
    } else {
        out.push_str("\"\"\"\n");
        escape_into(out, text, true);
        out.push_str("\n\"\"\"");
    }
}

/// Whether a multi-line literal string holds `text` as it is.
fn literal_can_hold(text: &str) -> bool {
    !text.contains("'''") && !text.chars().any(|c| is_toml_control(c) && c != '\n')
}

/// Characters a TOML string may hold only as escapes; tab is allowed.
fn is_toml_control(c: char) -> bool {
    (c.is_ascii_control() && c != '\t') || c == '\u{7f}'
}

/// A one-line basic string, `"..."` with escapes. Also what Markdown front
/// matter uses, where a line break could end the front matter early.
pub(crate) fn basic_string(out: &mut String, text: &str) {
    out.push('"');
    escape_into(out, text, false);
    out.push('"');
}

/// Escapes `"`, `\` and control characters, keeping line feeds as they are
/// when `multi_line`.
fn escape_into(out: &mut String, text: &str, multi_line: bool) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multi_line => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_toml_control(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}
