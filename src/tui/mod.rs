//! The terminal drill: the only module that talks to ratatui and crossterm.
//! Everything it shows comes from the engine's state; everything the user
//! does goes back to the engine as a named action.

pub mod app;
mod help;
pub mod keymap;
pub mod markdown;
pub mod run;
mod summary;
mod table;
pub mod theme;
mod view;
pub mod wrap;

pub use app::App;
pub use view::{MIN_HEIGHT, MIN_WIDTH};

#[cfg(test)]
mod snapshot_tests;
