//! The subcommands: each takes resolved settings and writes its output to the
//! streams it is given, so tests can run them without a process.

mod check;
mod drill;
mod error;
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

pub use error::{Error, chain};

/// The streams a command talks through.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Answers to questions such as `reset`'s confirmation.
    pub input: &'a mut dyn io::BufRead,
    /// Which standard streams are terminals: the one place commands learn
    /// it, so every command runs in process in tests.
    pub terminals: Terminals,
}

/// Which of the standard streams are terminals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl Terminals {
    /// The streams of this process.
    pub fn detect() -> Terminals {
        use std::io::IsTerminal;
        Terminals {
            stdin: io::stdin().is_terminal(),
            stdout: io::stdout().is_terminal(),
            stderr: io::stderr().is_terminal(),
        }
    }

    /// Whether a person is there to answer a question: standard input and
    /// error are terminals.
    pub fn interactive(self) -> bool {
        self.stdin && self.stderr
    }

    /// Whether the drill can take the screen: standard input and output
    /// are terminals.
    pub fn can_drill(self) -> bool {
        self.stdin && self.stdout
    }
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
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(output.err, "prepdeck: error: {}", err.report());
            ExitCode::from(err.code())
        }
    }
}

/// Loads the decks for a command that uses them (not `check`): errors are
/// reported on stderr and the broken decks skipped; warnings stay quiet.
fn load_library(settings: &Settings, output: &mut Output<'_>) -> Result<Library, Error> {
    let library = load::load(&settings.sources);
    let errors = library.errors();
    if errors > 0 {
        // The first errors of each file, and each file with errors once,
        // for the hint.
        let errors_only = library.diagnostics.iter().filter(|d| d.is_error());
        check::write_diagnostics(output.err, errors_only.clone(), Some(check::SHOWN_PER_FILE))?;
        let mut files: Vec<&str> = Vec::new();
        for d in errors_only {
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
    let hint = broken_hint(&err);
    let err = Error::only(err);
    match hint {
        Some(hint) => err.with_hint(hint),
        None => err,
    }
}

/// The way out of a progress file that cannot be read, for the errors that
/// say so.
fn broken_hint(err: &StoreError) -> Option<&'static str> {
    err.is_broken().then_some(
        "it was left untouched: fix it by hand, or run `prepdeck reset --broken` to move it aside and start afresh",
    )
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    /// Standard output that fails every write with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }

        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    /// Run `prepdeck ARGS` in process with a fresh data folder, its output
    /// failing with `kind`; the exit code and what went to standard error.
    fn run_failing(args: &[&str], kind: io::ErrorKind) -> (ExitCode, String) {
        let data = tempfile::tempdir().unwrap();
        let data_dir = data.path().to_str().unwrap();
        let cli =
            Cli::try_parse_from(["prepdeck", "--data-dir", data_dir].iter().chain(args)).unwrap();
        let (mut out, mut err, mut input) = (Failing(kind), Vec::new(), io::empty());
        let mut output = Output {
            out: &mut out,
            err: &mut err,
            input: &mut input,
            terminals: Terminals::default(),
        };
        let code = run(cli, &mut output);
        (code, String::from_utf8(err).unwrap())
    }

    #[test]
    fn the_drill_refuses_in_process_without_a_terminal_and_draws_nothing() {
        for terminals in [
            Terminals::default(),
            Terminals {
                stdin: true,
                stdout: false,
                stderr: true,
            },
        ] {
            let data = tempfile::tempdir().unwrap();
            let data_dir = data.path().to_str().unwrap();
            let cli = Cli::try_parse_from(["prepdeck", "--data-dir", data_dir, "drill"]).unwrap();
            let (mut out, mut err, mut input) = (Vec::new(), Vec::new(), io::empty());
            let mut output = Output {
                out: &mut out,
                err: &mut err,
                input: &mut input,
                terminals,
            };
            assert_eq!(run(cli, &mut output), ExitCode::from(2), "{terminals:?}");
            assert!(out.is_empty(), "nothing reaches standard output");
            let err = String::from_utf8(err).unwrap();
            assert!(err.contains("the drill needs a terminal"), "{err}");
        }
    }

    #[test]
    fn a_closed_pipe_is_success_and_says_nothing() {
        for args in [
            &["list"][..],
            &["list", "--json"],
            &["stats"],
            &["stats", "--json"],
        ] {
            let (code, err) = run_failing(args, io::ErrorKind::BrokenPipe);
            assert_eq!(code, ExitCode::SUCCESS, "{args:?}: {err}");
            assert_eq!(err, "", "{args:?}");
        }
    }

    #[test]
    fn other_write_errors_fail_with_their_words() {
        for args in [&["list"][..], &["stats", "--json"]] {
            let (code, err) = run_failing(args, io::ErrorKind::StorageFull);
            assert_eq!(code, ExitCode::FAILURE, "{args:?}");
            assert!(err.starts_with("prepdeck: error: "), "{args:?}: {err}");
            assert!(err.contains("no storage space"), "{args:?}: {err}");
        }
    }
}
