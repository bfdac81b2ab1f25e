//! `prepdeck drill` and `prepdeck` with no subcommand: load the decks and the
//! progress, start or resume the session, and hand the terminal to the drill.
//! Every save the engine asks for goes through the store before the next
//! frame; the drill refuses to start without a terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use jiff::Timestamp;

use super::{Error, Output, check_filter_names, load_library, load_progress, store_error};
use crate::cli::DrillArgs;
use crate::cli::settings::{self, Settings};
use crate::engine::{Engine, Order, OrderRequest, start_or_resume};
use crate::tui::{App, Outcome, RunError, SaveError, Theme};

pub fn run(
    settings: &Settings,
    args: &DrillArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    // Nothing may reach a pipe or file: no escape codes, just one line.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::new(
            "the drill needs a terminal on standard input and output; to print the cards instead, run `prepdeck list`",
        )
        .with_code(2));
    }
    let library = load_library(settings, output)?;
    check_filter_names(&library, &args.filter)?;
    let (store, progress) = load_progress(settings)?;
    // An unwritable data folder is reported now, not on the first mark.
    store.check_writable().map_err(store_error)?;

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
    let mut save = |progress: &crate::engine::Progress| -> Result<(), SaveError> {
        store
            .save(progress)
            .map_err(|err| SaveError::from(store_error(err).message))
    };
    if effects.iter().any(|e| e.needs_save()) {
        save(app.engine().progress()).map_err(|err| Error::new(err.to_string()))?;
    }
    let outcome = crate::tui::run(&mut app, &mut save);
    // The terminal is restored by now and every save is done.
    super::leave_for_exit(app);
    match outcome {
        Ok(Outcome::Quit) => Ok(ExitCode::SUCCESS),
        Ok(Outcome::Signal(signal)) => Ok(ExitCode::from(crate::tui::signal_exit_code(signal))),
        Err(RunError::Save(cause)) => Err(Error::new(format!(
            "progress could not be saved, so the drill stopped: {cause}"
        ))),
        Err(RunError::Terminal(err)) => Err(Error::new(format!("terminal: {err}"))),
    }
}
