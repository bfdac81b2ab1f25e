//! `prepdeck drill` and `prepdeck` with no subcommand: load the decks and the
//! progress, start or resume the session, and hand the terminal to the drill.
//! Every save the engine asks for goes through the store before the next
//! frame; the drill refuses to start without a terminal.

use std::process::ExitCode;

use jiff::Timestamp;

use super::{
    Error, Output, broken_hint, check_filter_names, load_library, load_progress, store_error,
};
use crate::cli::DrillArgs;
use crate::cli::settings::{self, Settings};
use crate::engine::{Engine, Order, OrderRequest, start_or_resume};
use crate::store::StoreError;
use crate::tui::{App, Outcome, RunError, SaveError, Theme};

pub fn run(
    settings: &Settings,
    args: &DrillArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    // Nothing may reach a pipe or file: no escape codes, just one line.
    if !output.terminals.can_drill() {
        return Err(Error::new(
            "the drill needs a terminal on standard input and output; to print the cards instead, run `prepdeck list`",
        )
        .with_code(2));
    }
    let library = load_library(settings, output)?;
    check_filter_names(&library, &args.filter)?;
    let (store, progress) = load_progress(settings)?;
    // An unwritable data folder is reported now, not on the first mark. The
    // screen is not taken yet: a wait for the lock is said on standard error.
    let err = &mut *output.err;
    let mut waiting = || {
        let _ = writeln!(err, "prepdeck: {}", crate::tui::WAITING);
        let _ = err.flush();
    };
    store
        .check_writable_with(&mut waiting)
        .map_err(store_error)?;

    let filter = settings::filter(&args.filter);
    let order = match (args.shuffle, args.seed) {
        (false, _) => OrderRequest::Any,
        (true, Some(seed)) => OrderRequest::Exact(Order::Shuffled { seed }),
        (true, None) => OrderRequest::Shuffled {
            fresh_seed: rand::Rng::next_u64(&mut rand::rng()),
        },
    };
    let decks: Vec<(String, String)> = library
        .decks
        .iter()
        .map(|d| (d.id.clone(), d.title.clone()))
        .collect();
    // Errors were printed before the drill took the screen; say so on it.
    let deck_errors = library.errors();
    let cards = library.into_cards();
    let now = Timestamp::now();
    // Without filters, --all or a new order, the last session goes on,
    // whatever its filter was.
    let (engine, effects) = if filter.is_all() && order == OrderRequest::Any && !args.all {
        Engine::resume(cards, progress, now)
    } else {
        start_or_resume(cards, progress, filter, order, now)
    };
    let mut app = App::new(engine, decks, Theme::from_env());
    if deck_errors > 0 {
        app.notify("Decks with errors skipped: details on quit");
    }
    if effects.iter().any(|e| e.needs_save()) {
        store
            .save_with(app.engine().progress(), &mut waiting)
            .map_err(store_error)?;
    }
    let mut save =
        |progress: &crate::engine::Progress, waiting: &mut dyn FnMut()| -> Result<(), SaveError> {
            store.save_with(progress, waiting).map_err(SaveError::from)
        };
    let outcome = crate::tui::run(&mut app, &mut save);
    // The terminal is restored by now and every save is done.
    super::leave_for_exit(app);
    match outcome {
        Ok(Outcome::Quit) => Ok(ExitCode::SUCCESS),
        Ok(Outcome::Signal(signal)) => Ok(ExitCode::from(crate::tui::signal_exit_code(signal))),
        Err(RunError::Save(cause)) => Err(drill_stopped(cause)),
        Err(RunError::Terminal(err)) => Err(Error::caused_by("terminal", err)),
    }
}

/// The save on the way out failed (after any failure mid-drill, which only
/// shows in the footer): the store's error is the cause, with the way out
/// when the file is broken.
fn drill_stopped(cause: SaveError) -> Error {
    const STOPPED: &str = "progress could not be saved as the drill ended: \
                           the marks of this sitting since the last save were not saved";
    match cause.downcast::<StoreError>() {
        Ok(err) => {
            let hint = broken_hint(&err);
            let stopped = Error::caused_by(STOPPED, *err);
            match hint {
                Some(hint) => stopped.with_hint(hint),
                None => stopped,
            }
        }
        Err(other) => Error::caused_by(STOPPED, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_save_names_the_store_error_its_cause_and_the_way_out() {
        let source = serde_json::from_slice::<u8>(b"").unwrap_err();
        let broken = StoreError::Broken {
            path: "/data/progress.json".into(),
            source: source.into(),
        };
        let report = drill_stopped(SaveError::from(broken)).report();
        assert_eq!(
            report,
            "progress could not be saved as the drill ended: the marks of this sitting since the \
             last save were not saved: progress file /data/progress.json is truncated: EOF while parsing a value at line 1 column 0; it was left untouched: \
             fix it by hand, or run `prepdeck reset --broken` to move it aside and start afresh"
        );
        let other = drill_stopped(SaveError::from("disk on fire")).report();
        assert_eq!(
            other,
            "progress could not be saved as the drill ended: the marks of this sitting since the \
             last save were not saved: disk on fire"
        );
    }
}
