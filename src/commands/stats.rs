//! `prepdeck stats`: how many of the filtered cards you knew, learnt, skipped
//! or have not seen, overall and per level.
//!
//! `--json` prints [`StatsJson`], a type of its own, so that the engine's
//! counters can change without changing what scripts read.

use std::process::ExitCode;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Error, Output};
use crate::cli::StatsArgs;
use crate::cli::settings::Settings;
use crate::deck::Level;
use crate::engine::Status;
use crate::engine::{self, Counters, Counts};

/// What `stats --json` prints: the counts for all filtered cards, then
/// `levels`, every level easiest first with its own counts.
#[derive(Debug, Serialize)]
struct StatsJson {
    total: usize,
    knew: usize,
    learnt: usize,
    skipped: usize,
    unseen: usize,
    levels: LevelsJson,
}

/// One level's counts in `stats --json`.
#[derive(Debug, Serialize)]
struct CountsJson {
    total: usize,
    knew: usize,
    learnt: usize,
    skipped: usize,
    unseen: usize,
}

/// The `levels` object: every level, easiest first, even with no cards, so
/// the output always has the same shape.
#[derive(Debug)]
struct LevelsJson(Vec<(Level, CountsJson)>);

impl Serialize for LevelsJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (level, counts) in &self.0 {
            map.serialize_entry(level.name(), counts)?;
        }
        map.end()
    }
}

impl From<Counts> for CountsJson {
    fn from(c: Counts) -> Self {
        CountsJson {
            total: c.total,
            knew: c.of(Status::Knew),
            learnt: c.of(Status::Learnt),
            skipped: c.of(Status::Skipped),
            unseen: c.of(Status::Unseen),
        }
    }
}

impl From<&Counters> for StatsJson {
    fn from(counters: &Counters) -> Self {
        let all = counters.all;
        StatsJson {
            total: all.total,
            knew: all.of(Status::Knew),
            learnt: all.of(Status::Learnt),
            skipped: all.of(Status::Skipped),
            unseen: all.of(Status::Unseen),
            levels: LevelsJson(
                Level::ALL
                    .into_iter()
                    .map(|level| (level, counters.level(level).into()))
                    .collect(),
            ),
        }
    }
}

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
        serde_json::to_writer_pretty(&mut *output.out, &StatsJson::from(&counters))?;
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
            c.total,
            c.of(Status::Knew),
            c.of(Status::Learnt),
            c.of(Status::Skipped),
            c.of(Status::Unseen)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Filter, Progress};

    #[test]
    fn the_json_lists_the_counts_then_every_level_easiest_first() {
        let counters = engine::count(&[], &Progress::default(), &Filter::all());
        let json = serde_json::to_string(&StatsJson::from(&counters)).unwrap();
        let zero = r#"{"total":0,"knew":0,"learnt":0,"skipped":0,"unseen":0}"#;
        assert_eq!(
            json,
            format!(
                r#"{{"total":0,"knew":0,"learnt":0,"skipped":0,"unseen":0,"levels":{{"beginner":{zero},"intermediate":{zero},"advanced":{zero}}}}}"#
            )
        );
    }
}
