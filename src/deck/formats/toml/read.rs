//! Reading a TOML deck. The file is parsed once into spanned TOML values,
//! then the deck table and each card are read on their own, so one bad card
//! does not hide the problems of the next: every problem gets its own line.

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::deck::assemble::{DeckDefaults, RawCard, assemble};
use crate::deck::context::ParseContext;
use crate::deck::{Deck, Difficulty, Level, Origin};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [deck] table")]
struct DeckTable {
    id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    level: Option<Spanned<String>>,
    tags: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [[cards]] table")]
struct CardTable {
    id: Option<Spanned<String>>,
    question: Option<String>,
    answer: Option<String>,
    level: Option<Spanned<String>>,
    difficulty: Option<Spanned<String>>,
    category: Option<String>,
    tags: Option<Vec<String>>,
}

pub(super) fn parse(ctx: &mut ParseContext<'_>, origin: &Origin) -> Option<Deck> {
    let text = ctx.text;
    let root = match DeTable::parse(text) {
        Ok(root) => root.into_inner(),
        Err(err) => {
            ctx.toml_error(0, &err);
            return None;
        }
    };
    let mut deck = None;
    let mut cards = Vec::new();
    let mut unreadable = 0;
    for (key, value) in root {
        match key.get_ref().as_ref() {
            "deck" => deck = read::<DeckTable>(ctx, value),
            "cards" => match value.into_inner() {
                DeValue::Array(items) => {
                    let total = items.len();
                    cards = items
                        .into_iter()
                        .filter_map(|item| read::<CardTable>(ctx, item))
                        .collect();
                    unreadable = total - cards.len();
                }
                _ => ctx.error(
                    Some(key.span().start),
                    "TOML: `cards` must be an array of tables; write each card as [[cards]]",
                ),
            },
            other => ctx.error(
                Some(key.span().start),
                format!("TOML: unknown key `{other}`, expected `deck` or `cards`"),
            ),
        }
    }
    let defaults = match deck {
        None => DeckDefaults::default(),
        Some(table) => {
            let offset = table.span().start;
            let table = table.into_inner();
            DeckDefaults {
                id: table.id,
                title: table.title,
                description: table.description,
                level: table.level.and_then(|l| level(ctx, l)),
                tags: table.tags,
                offset: Some(offset),
            }
        }
    };
    if cards.is_empty() && unreadable > 0 {
        // Every card was reported already; "no cards" would only add noise.
        return None;
    }
    let mut raws = Vec::with_capacity(cards.len());
    for card in cards {
        let offset = card.span().start;
        let card = card.into_inner();
        let level_reported = card.level.is_some() || card.difficulty.is_some();
        let difficulty = card.difficulty.and_then(|d| {
            let at = d.span().start;
            d.into_inner()
                .parse::<Difficulty>()
                .map_err(|err| ctx.error(Some(at), err.to_string()))
                .ok()
        });
        raws.push(RawCard {
            offset,
            question: card.question,
            answer: card.answer.map(std::borrow::Cow::Owned),
            id: card.id.map(|id| {
                let at = id.span().start;
                (id.into_inner(), at)
            }),
            level: card.level.and_then(|l| level(ctx, l)),
            difficulty,
            category: card.category,
            tags: card.tags,
            section_level: None,
            level_reported,
        });
    }
    assemble(
        ctx,
        origin,
        defaults,
        raws,
        "add cards as [[cards]] tables with a question and an answer",
    )
}

/// One table read on its own; a problem in it is reported and the table
/// skipped.
fn read<'i, T: Deserialize<'i>>(
    ctx: &mut ParseContext<'_>,
    value: Spanned<DeValue<'i>>,
) -> Option<Spanned<T>> {
    Spanned::<T>::deserialize(ValueDeserializer::from(value))
        .map_err(|err| ctx.toml_error(0, &err))
        .ok()
}

fn level(ctx: &mut ParseContext<'_>, value: Spanned<String>) -> Option<Level> {
    let at = value.span().start;
    value
        .into_inner()
        .parse::<Level>()
        .map_err(|err| ctx.error(Some(at), err.to_string()))
        .ok()
}
