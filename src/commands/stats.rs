//! `prepdeck stats`: how many of the filtered cards you knew, learnt, skipped
//! or have not seen, overall and per level.

use std::process::ExitCode;

use super::{Error, Output};
use crate::cli::StatsArgs;
use crate::cli::settings::Settings;
use crate::deck::Level;
use crate::engine::{self, Counts};

pub fn run(
    settings: &Settings,
    args: &StatsArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    let super::Selection {
        library,
        progress,
        filter,
        ..
    } = super::select(settings, &args.filter, output)?;
    let cards = library.into_cards();
    let counters = engine::count(&cards, &progress, &filter);
    if args.json {
        serde_json::to_writer_pretty(&mut *output.out, &counters)
            .map_err(|err| Error::new(err.to_string()))?;
        writeln!(output.out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        output.out,
        "{:<14}{:>7}{:>7}{:>8}{:>9}{:>8}",
        "level", "total", "knew", "learnt", "skipped", "unseen"
    )?;
    let row = |name: &str, c: Counts| {
        format!(
            "{name:<14}{:>7}{:>7}{:>8}{:>9}{:>8}",
            c.total, c.knew, c.learnt, c.skipped, c.unseen
        )
    };
    for level in Level::ALL {
        writeln!(output.out, "{}", row(level.name(), counters.level(level)))?;
    }
    writeln!(output.out, "{}", row("all", counters.all))?;
    let all = counters.all;
    let percent = (all.seen() * 100).checked_div(all.total).unwrap_or(0);
    writeln!(
        output.out,
        "\nseen {} / {} ({percent}%) for {}",
        all.seen(),
        all.total,
        filter
    )?;
    Ok(ExitCode::SUCCESS)
}
