//! The subcommands: each takes resolved settings and writes its output to the
//! streams it is given, so tests can run them without a process.

mod check;
mod drill;
mod list;
mod reset;
mod stats;

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::FilterArgs;
use crate::cli::settings::{self, Settings};
use crate::cli::{Cli, Command};
use crate::deck::load::{self, Library};
use crate::engine::{Filter, Progress};
use crate::store::{Store, StoreError};

/// A failure that ends a command: one line for the user, and an exit code.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub code: u8,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: crate::text::one_line(&message.into()),
            code: 1,
        }
    }

    pub fn with_code(mut self, code: u8) -> Self {
        self.code = code;
        self
    }
}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        Error::new(crate::text::io_message(&err))
    }
}

/// The streams a command talks through.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Answers to questions such as `reset`'s confirmation.
    pub input: &'a mut dyn io::BufRead,
    /// Whether a person is there to answer (standard input and error are terminals).
    pub interactive: bool,
}

/// Runs the parsed command line. Returns the exit code.
pub fn run(cli: Cli, output: &mut Output<'_>) -> ExitCode {
    let settings = Settings::resolve(&cli.global);
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(&settings, &args, output),
        Some(Command::List(args)) => list::run(&settings, &args, output),
        Some(Command::Stats(args)) => stats::run(&settings, &args, output),
        Some(Command::Reset(args)) => reset::run(&settings, &args, output),
        Some(Command::Drill(args)) => drill::run(&settings, &args, output),
        None => drill::run(&settings, &crate::cli::DrillArgs::default(), output),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`prepdeck list | head`) is not a failure.
        Err(err) if err.message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(output.err, "prepdeck: error: {}", err.message);
            ExitCode::from(err.code)
        }
    }
}

/// Loads the decks for a command that uses them (not `check`): errors are
/// reported on stderr and the broken decks skipped; warnings stay quiet.
fn load_library(settings: &Settings, output: &mut Output<'_>) -> Result<Library, Error> {
    let library = load::load(&settings.sources);
    let errors = library.errors();
    if errors > 0 {
        // Each error, and each file with errors once, for the hint.
        let mut files: Vec<&str> = Vec::new();
        for d in library.diagnostics.iter().filter(|d| d.is_error()) {
            writeln!(output.err, "{d}")?;
            if !files.contains(&d.path.as_str()) {
                files.push(&d.path);
            }
        }
        let files: Vec<String> = files.into_iter().map(shell_word).collect();
        writeln!(
            output.err,
            "prepdeck: skipped deck files with errors ({errors} error{}); `prepdeck check {}` shows warnings too",
            if errors == 1 { "" } else { "s" },
            files.join(" ")
        )?;
    }
    if library.decks.is_empty() {
        return Err(Error::new(no_decks_message(settings, errors)));
    }
    Ok(library)
}

/// Why no deck at all is loaded, and what to do about it.
fn no_decks_message(settings: &Settings, errors: usize) -> String {
    if errors > 0 {
        return "no deck loaded: see the errors above".to_string();
    }
    let folder = settings
        .sources
        .user_dir
        .as_ref()
        .map(|dir| format!(" or put deck files in {}", dir.display()))
        .unwrap_or_default();
    format!("no decks to load: --no-builtin leaves none; pass --deck-file PATH{folder}")
}

/// A path as one word for a shell command line, quoted when it needs to be.
fn shell_word(path: &str) -> String {
    let plain = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+:,@%".contains(c));
    if plain {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

/// Lets go of what a command built without freeing it: the process is
/// about to exit and the system takes the memory back at once, while
/// freeing a big library card by card costs a tenth of a `list`. Only for
/// values whose drop does nothing else (no files, no terminal state).
pub(crate) fn leave_for_exit<T>(value: T) {
    std::mem::forget(value);
}

/// What `list`, `stats` and `reset` start from: the loaded decks, checked
/// against `--deck`, the saved progress and the filter the flags describe.
struct Selection {
    library: Library,
    store: Store,
    progress: Progress,
    filter: Filter,
}

fn select(
    settings: &Settings,
    args: &FilterArgs,
    output: &mut Output<'_>,
) -> Result<Selection, Error> {
    let library = load_library(settings, output)?;
    check_filter_names(&library, args)?;
    let (store, progress) = load_progress(settings)?;
    Ok(Selection {
        library,
        store,
        progress,
        filter: settings::filter(args),
    })
}

/// The saved progress; an unreadable file is an error that says how to get
/// past it, and is never touched.
fn load_progress(settings: &Settings) -> Result<(Store, Progress), Error> {
    let store = settings.store().map_err(store_error)?;
    let progress = store.load().map_err(store_error)?;
    Ok((store, progress))
}

/// A store problem as a command error, with the way out for a broken file.
fn store_error(err: StoreError) -> Error {
    if err.is_broken() {
        Error::new(format!(
            "{err}; it was left untouched: fix it by hand, or run `prepdeck reset --broken` to move it aside and start afresh"
        ))
    } else {
        Error::new(err.to_string())
    }
}

/// A `--deck` or `--tag` that nothing loaded has is a typo, not an empty
/// result: an error listing what there is.
fn check_filter_names(library: &Library, args: &FilterArgs) -> Result<(), Error> {
    if let Some(id) = args
        .deck
        .iter()
        .find(|id| !library.decks.iter().any(|d| d.id == **id))
    {
        let known = library.decks.iter().map(|d| d.id.as_str());
        return Err(unknown_name("deck", id, "loaded decks are", known));
    }
    if let Some(tag) = args
        .tag
        .iter()
        .find(|tag| !library.cards().any(|card| card.has_tag(tag)))
    {
        let mut known: Vec<&str> = library
            .cards()
            .flat_map(|card| card.tags.iter().map(String::as_str))
            .collect();
        known.sort_unstable();
        known.dedup();
        return Err(unknown_name(
            "tag",
            tag,
            "tags in the loaded decks are",
            known.into_iter(),
        ));
    }
    Ok(())
}

/// "unknown deck 'x'; loaded decks are a, b": the name as typed, on one
/// line, then the valid ones (or "none").
fn unknown_name<'a>(
    what: &str,
    name: &str,
    valid: &str,
    known: impl Iterator<Item = &'a str>,
) -> Error {
    let known: Vec<&str> = known.collect();
    let known = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    Error::new(format!(
        "unknown {what} '{}'; {valid} {known}",
        crate::text::one_line(name)
    ))
}
