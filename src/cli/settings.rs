//! What the command line resolves to: the deck sources and the data folder a
//! run uses. Raw flags stay in [`super::Cli`]; commands read these settings.

use std::path::PathBuf;

use super::GlobalArgs;
use crate::deck::load::Sources;

/// Settings shared by every command.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where progress and the user's own decks (`decks/`) live, if known.
    pub data_dir: Option<PathBuf>,
    /// The decks this run loads.
    pub sources: Sources,
}

impl Settings {
    /// Resolves the global options. `default_data_dir` is the platform's data
    /// folder, used when neither `--data-dir` nor `PREPDECK_DATA_DIR` is set.
    pub fn resolve(global: &GlobalArgs, default_data_dir: Option<PathBuf>) -> Settings {
        let data_dir = global.data_dir.clone().or(default_data_dir);
        Settings {
            sources: Sources {
                builtin: !global.no_builtin,
                user_dir: data_dir.as_ref().map(|dir| dir.join("decks")),
                paths: global.deck_files.clone(),
            },
            data_dir,
        }
    }
}
