//! What the command line resolves to: the deck sources, the data folder and
//! the card filter a run uses. Raw flags stay in [`super::Cli`]; commands read
//! these settings.

use std::path::PathBuf;

use super::{FilterArgs, GlobalArgs};
use crate::deck::load::DeckSources;
use crate::engine::Filter;
use crate::store::{self, Store, StoreError};

/// Settings shared by every command.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where progress and the user's own decks (`decks/`) live; `None` when
    /// no data folder can be found (no home folder and no `--data-dir`).
    pub data_dir: Option<PathBuf>,
    /// The decks this run loads.
    pub sources: DeckSources,
}

impl Settings {
    /// Resolves the global options: `--data-dir` (or `PREPDECK_DATA_DIR`),
    /// else the platform's data folder.
    pub fn resolve(global: &GlobalArgs) -> Settings {
        let data_dir = store::data_dir(global.data_dir.clone()).ok();
        Settings {
            sources: DeckSources {
                builtin: !global.no_builtin,
                user_dir: data_dir.as_ref().map(|dir| dir.join("decks")),
                paths: global.deck_files.clone(),
            },
            data_dir,
        }
    }

    /// The progress store in the data folder.
    pub fn store(&self) -> Result<Store, StoreError> {
        self.data_dir
            .clone()
            .map(Store::at)
            .ok_or(StoreError::NoDataDir)
    }
}

/// The engine's filter for the `--level`, `--deck` and `--tag` flags.
pub fn filter(args: &FilterArgs) -> Filter {
    Filter::all()
        .with_levels(args.level.iter().copied())
        .with_decks(args.deck.iter().cloned())
        .with_tags(args.tag.iter().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Level;

    #[test]
    fn flags_become_an_engine_filter() {
        let args = FilterArgs {
            level: vec![Level::Advanced, Level::Beginner],
            deck: vec!["d".into()],
            tag: vec!["http".into()],
        };
        let f = filter(&args);
        assert_eq!(
            f.levels.iter().copied().collect::<Vec<_>>(),
            [Level::Beginner, Level::Advanced]
        );
        assert_eq!(
            f.to_string(),
            "level beginner or advanced, deck d, tag http"
        );
        assert_eq!(Filter::all().to_string(), "all cards");
    }

    #[test]
    fn data_dir_flag_wins_and_user_decks_live_under_it() {
        let global = GlobalArgs {
            data_dir: Some("/tmp/p".into()),
            ..GlobalArgs::default()
        };
        let settings = Settings::resolve(&global);
        assert_eq!(
            settings.data_dir.as_deref(),
            Some(std::path::Path::new("/tmp/p"))
        );
        assert_eq!(
            settings.sources.user_dir.as_deref(),
            Some(std::path::Path::new("/tmp/p/decks"))
        );
        assert!(settings.sources.builtin);
    }
}
