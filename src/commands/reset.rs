//! `prepdeck reset`: set the filtered cards back to unseen, after asking; or,
//! with `--broken`, move an unreadable progress file aside.

use std::process::ExitCode;

use super::{Error, Output, store_error};
use crate::cli::ResetArgs;
use crate::cli::settings::Settings;
use crate::engine;

pub fn run(
    settings: &Settings,
    args: &ResetArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    let now = jiff::Timestamp::now();
    if args.broken {
        return move_broken_aside(settings, output, now);
    }
    let super::Selection {
        library,
        store,
        mut progress,
        filter,
    } = super::select(settings, &args.filter, output)?;
    let what = filter.to_string();
    let cards = library.into_cards();
    let marked = engine::count(&cards, &progress, &filter).all.seen();
    if marked == 0 {
        if filter.is_all() {
            writeln!(output.out, "nothing to reset: no card has been marked")?;
        } else {
            writeln!(
                output.out,
                "nothing to reset: no card in {what} has been marked"
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let cards_word = if marked == 1 { "card" } else { "cards" };
    if !args.yes {
        if !output.terminals.interactive() {
            return Err(Error::new(format!(
                "not resetting {marked} {cards_word} ({what}) without confirmation; run it in a terminal, or pass --yes"
            )));
        }
        write!(
            output.err,
            "Reset {marked} marked {cards_word} ({what}) to unseen? [y/N] "
        )?;
        output.err.flush()?;
        let mut answer = String::new();
        output.input.read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            writeln!(output.out, "nothing reset")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let changed = engine::reset(&cards, &mut progress, &filter, now);
    store.save(&progress).map_err(store_error)?;
    writeln!(
        output.out,
        "reset {changed} {} ({what}) to unseen",
        if changed == 1 { "card" } else { "cards" }
    )?;
    Ok(ExitCode::SUCCESS)
}

fn move_broken_aside(
    settings: &Settings,
    output: &mut Output<'_>,
    now: jiff::Timestamp,
) -> Result<ExitCode, Error> {
    let store = settings.store().map_err(store_error)?;
    match store.move_broken_aside(now).map_err(store_error)? {
        Some(to) => writeln!(
            output.out,
            "moved the unreadable progress file to {}; prepdeck starts with fresh progress",
            to.display()
        )?,
        None => writeln!(
            output.out,
            "progress file {} is readable (or absent); nothing moved",
            store.progress_path().display()
        )?,
    }
    Ok(ExitCode::SUCCESS)
}
