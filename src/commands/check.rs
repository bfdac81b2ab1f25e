//! `prepdeck check`: validate deck files and report every problem.

use std::process::ExitCode;

use super::{Error, Output};
use crate::cli::CheckArgs;
use crate::cli::settings::Settings;
use crate::deck::load::{self, DeckSources};

pub fn run(
    settings: &Settings,
    args: &CheckArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    // Named paths are checked on their own; otherwise every deck a run loads.
    let sources = if args.paths.is_empty() {
        settings.sources.clone()
    } else {
        DeckSources {
            builtin: false,
            user_dir: None,
            paths: args.paths.clone(),
        }
    };
    let library = load::load(&sources);
    for d in &library.diagnostics {
        writeln!(output.out, "{d}")?;
    }
    let (errors, warnings) = (library.errors(), library.warnings());
    writeln!(
        output.out,
        "checked {} file{}, {} card{}: {} error{}, {} warning{}",
        library.files,
        plural(library.files),
        library.card_count(),
        plural(library.card_count()),
        errors,
        plural(errors),
        warnings,
        plural(warnings),
    )?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
