//! One integration-test binary, a module per area: faster to build than one
//! binary per file.

mod cli_list;
mod cli_progress;
mod common;
mod deck_check;
mod deck_examples;
mod deck_source;
mod engine;
mod layering;
mod parse_never_panics;
mod readme;
mod shipped_decks;
mod store;
mod study_aids;
mod tui_hangup;
mod tui_pty;
