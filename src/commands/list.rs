//! `prepdeck list`: the cards that match the filters, as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{Error, Output, load_library};
use crate::cli::ListArgs;
use crate::cli::settings::Settings;
use crate::deck::{Card, Difficulty, Level};
use crate::text::one_line;

/// One card as `list --json` prints it.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    id: &'a str,
    deck: &'a str,
    level: Level,
    question: String,
    tags: Vec<String>,
    status: &'a str,
    difficulty: Option<Difficulty>,
    category: Option<String>,
}

pub fn run(
    settings: &Settings,
    args: &ListArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    let library = load_library(settings, output)?;
    super::check_deck_ids(&library, &args.filter.deck)?;
    let cards: Vec<&Card> = library
        .cards()
        .filter(|card| super::filter_matches(&args.filter, card))
        .collect();
    // Thousands of rows: one buffered write instead of one per line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut *output.out);
    if args.json {
        let entries: Vec<Entry<'_>> = cards
            .iter()
            .map(|card| Entry {
                id: &card.id,
                deck: &card.deck,
                level: card.level,
                question: one_line(&card.question),
                tags: card.tags.iter().map(|t| one_line(t)).collect(),
                status: "unseen",
                difficulty: card.difficulty,
                category: card.category.as_deref().map(one_line),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &entries)
            .map_err(|err| Error::new(err.to_string()))?;
        writeln!(out)?;
    } else {
        let width = cards
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(0);
        for card in &cards {
            writeln!(
                out,
                "{:<width$}  {:<12}  {}",
                one_line(&card.id),
                card.level.name(),
                one_line(&card.question)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
