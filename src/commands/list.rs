//! `prepdeck list`: the cards that match the filters, as text or JSON.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{Error, Output};
use crate::cli::ListArgs;
use crate::cli::settings::Settings;
use crate::deck::{Card, Difficulty, Level};
use crate::engine::Status;
use crate::text::one_line_cow;

/// One card as `list --json` prints it.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    id: &'a str,
    deck: &'a str,
    level: Level,
    question: Cow<'a, str>,
    tags: Vec<Cow<'a, str>>,
    status: &'static str,
    difficulty: Option<Difficulty>,
    category: Option<Cow<'a, str>>,
}

pub fn run(
    settings: &Settings,
    args: &ListArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    let super::Selection {
        library,
        progress,
        filter,
        ..
    } = super::select(settings, &args.filter, output)?;
    let cards: Vec<(&Card, Status)> = library
        .cards()
        .filter(|card| filter.matches(card))
        .map(|card| (card, progress.status(&card.id)))
        .filter(|(_, status)| args.status.is_empty() || args.status.contains(status))
        .collect();
    // Thousands of rows: one buffered write instead of one per line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut *output.out);
    if args.json {
        let entries: Vec<Entry<'_>> = cards
            .iter()
            .map(|&(card, status)| Entry {
                id: &card.id,
                deck: &card.deck,
                level: card.level,
                question: one_line_cow(&card.question),
                tags: card.tags.iter().map(|t| one_line_cow(t)).collect(),
                status: status.name(),
                difficulty: card.difficulty,
                category: card.category.as_deref().map(one_line_cow),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &entries)?;
        writeln!(out)?;
        super::leave_for_exit(entries);
    } else {
        let width = cards
            .iter()
            .map(|(c, _)| c.id.chars().count())
            .max()
            .unwrap_or(0);
        for (card, status) in &cards {
            writeln!(
                out,
                "{:<width$}  {:<12}  {:<7}  {}",
                one_line_cow(&card.id),
                card.level.name(),
                status.name(),
                one_line_cow(&card.question)
            )?;
        }
    }
    out.flush()?;
    drop(out);
    super::leave_for_exit(cards);
    super::leave_for_exit(library);
    Ok(ExitCode::SUCCESS)
}
