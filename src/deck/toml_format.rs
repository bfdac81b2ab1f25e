//! The TOML deck format: an optional `[deck]` table and one `[[cards]]` table
//! per card. Unknown keys are errors, so a typo never drops data silently.

use serde::Deserialize;
use toml::Spanned;

use super::{DeckDefaults, Difficulty, Level, Origin, RawCard, Source, assemble};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    deck: Option<Spanned<DeckTable>>,
    #[serde(default)]
    cards: Vec<Spanned<CardTable>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeckTable {
    id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    level: Option<Spanned<String>>,
    tags: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardTable {
    id: Option<Spanned<String>>,
    question: Option<String>,
    answer: Option<String>,
    level: Option<Spanned<String>>,
    difficulty: Option<Spanned<String>>,
    category: Option<String>,
    tags: Option<Vec<String>>,
}

pub(super) fn parse(src: &mut Source<'_>, origin: &Origin) -> Option<super::Deck> {
    let file: File = match toml::from_str(src.text) {
        Ok(file) => file,
        Err(err) => {
            src.toml_error(0, &err);
            return None;
        }
    };
    let defaults = match file.deck {
        None => DeckDefaults::default(),
        Some(table) => {
            let offset = table.span().start;
            let table = table.into_inner();
            DeckDefaults {
                id: table.id,
                title: table.title,
                description: table.description,
                level: table.level.and_then(|l| level(src, l)),
                tags: table.tags,
                offset: Some(offset),
            }
        }
    };
    let mut raws = Vec::with_capacity(file.cards.len());
    for card in file.cards {
        let offset = card.span().start;
        let card = card.into_inner();
        let bad_level = card.level.is_some() || card.difficulty.is_some();
        let difficulty = card.difficulty.and_then(|d| {
            let at = d.span().start;
            d.into_inner()
                .parse::<Difficulty>()
                .map_err(|err| src.error(Some(at), err))
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
            level: card.level.and_then(|l| level(src, l)),
            difficulty,
            category: card.category,
            tags: card.tags,
            section_level: None,
            bad_level,
        });
    }
    assemble(
        src,
        origin,
        defaults,
        raws,
        "add cards as [[cards]] tables with a question and an answer",
    )
}

fn level(src: &mut Source<'_>, value: Spanned<String>) -> Option<Level> {
    let at = value.span().start;
    value
        .into_inner()
        .parse::<Level>()
        .map_err(|err| src.error(Some(at), err.to_string()))
        .ok()
}
