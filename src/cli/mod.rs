//! The command line as clap sees it: flags and subcommands with their help
//! text. Nothing here does I/O; [`settings`] turns it into what the commands use.

pub mod settings;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::deck::Level;
use crate::engine::Status;

/// Drill backend-developer interview questions as flashcards in the terminal.
///
/// Run without a subcommand to open the drill on the shipped decks, resuming
/// where you stopped last time.
#[derive(Debug, Parser)]
#[command(name = "prepdeck", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand accepts, before or after its name.
#[derive(Debug, Args, Default)]
pub struct GlobalArgs {
    /// Also load this deck file, or every *.md and *.toml file in this folder
    /// (repeatable).
    #[arg(long = "deck-file", value_name = "PATH", global = true)]
    pub deck_files: Vec<PathBuf>,

    /// Leave out the decks that ship with prepdeck.
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Keep progress and user decks (in DIR/decks) here instead of the
    /// platform's data directory.
    #[arg(long, value_name = "DIR", env = "PREPDECK_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the flashcard drill (the default when no subcommand is given).
    Drill(DrillArgs),
    /// List cards, one per line, or as JSON.
    List(ListArgs),
    /// Show how many cards you knew, learnt, skipped or have not seen.
    Stats(StatsArgs),
    /// Validate deck files and report every problem with its line.
    Check(CheckArgs),
    /// Forget the statuses of the chosen cards.
    Reset(ResetArgs),
}

/// Which cards a command works on. Values within one flag are alternatives;
/// different flags must all match.
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    /// Only cards of this level: beginner, intermediate or advanced
    /// (repeatable, or a comma list).
    #[arg(long, value_name = "LEVEL", value_delimiter = ',')]
    pub level: Vec<Level>,

    /// Only cards of the deck with this id (repeatable, or a comma list).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub deck: Vec<String>,

    /// Only cards with this tag (repeatable, or a comma list).
    #[arg(long, value_name = "TAG", value_delimiter = ',')]
    pub tag: Vec<String>,
}

#[derive(Debug, Args, Default)]
pub struct DrillArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Drill every card, whatever the last session's filter was; the
    /// all-cards session resumes where it stopped. Without filters or
    /// --all, the last session goes on.
    #[arg(long, conflicts_with_all = ["level", "deck", "tag"])]
    pub all: bool,

    /// Drill in a random order (kept when the session is resumed).
    #[arg(long)]
    pub shuffle: bool,

    /// Seed for --shuffle, to get the same order again.
    #[arg(long, value_name = "N", requires = "shuffle")]
    pub seed: Option<u64>,
}

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Only cards with this status: unseen, knew, learnt or skipped
    /// (repeatable, or a comma list).
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<Status>,

    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Default)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Print a JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// Deck files or folders to check (default: every deck that would load).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print every problem; without it each file shows its first 20 and a
    /// count of the rest.
    #[arg(long)]
    pub all_errors: bool,
}

#[derive(Debug, Args, Default)]
pub struct ResetArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Move an unreadable progress file aside (to progress.json.broken-<time>)
    /// so prepdeck can start afresh. Concerns the whole file, so it takes
    /// no filter.
    #[arg(long, conflicts_with_all = ["level", "deck", "tag"])]
    pub broken: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_work_before_and_after_the_subcommand() {
        let before =
            Cli::try_parse_from(["prepdeck", "--no-builtin", "--deck-file", "a.md", "list"])
                .expect("parses");
        let after =
            Cli::try_parse_from(["prepdeck", "list", "--deck-file", "a.md", "--no-builtin"])
                .expect("parses");
        for cli in [before, after] {
            assert!(cli.global.no_builtin);
            assert_eq!(cli.global.deck_files, vec![PathBuf::from("a.md")]);
            assert!(matches!(cli.command, Some(Command::List(_))));
        }
    }

    #[test]
    fn levels_take_repeats_and_comma_lists() {
        let cli = Cli::try_parse_from([
            "prepdeck",
            "list",
            "--level",
            "Beginner,advanced",
            "--level",
            "intermediate",
        ])
        .expect("parses");
        let Some(Command::List(list)) = cli.command else {
            panic!("not list")
        };
        assert_eq!(
            list.filter.level,
            vec![Level::Beginner, Level::Advanced, Level::Intermediate]
        );
    }

    #[test]
    fn unknown_level_lists_the_valid_ones() {
        let err = Cli::try_parse_from(["prepdeck", "list", "--level", "expert"]).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(
                "unknown level 'expert'; valid levels are beginner, intermediate, advanced"
            ),
            "{text}"
        );
    }
}
