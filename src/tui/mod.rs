//! The terminal drill: the only module that talks to ratatui and crossterm.
//! Everything it shows comes from the engine's state; everything the user
//! does goes back to the engine as a named action.
//!
//! Where things are: `app` routes between the screen in front and an
//! overlay; `drill` is the state every screen shares; `screens/` has one module per screen; `parts/` the header, card
//! frame and footer that screens share; `keymap/` the key table; `markdown/`
//! turns answers into lines (with `wrap`); `theme` the styles; `terminal`
//! and `event_loop` the terminal session around it all.

mod app;
mod drill;
mod event_loop;
mod keymap;
mod markdown;
mod parts;
mod screens;
mod terminal;
mod theme;
mod wrap;

pub use app::App;
pub use event_loop::{Outcome, RunError, SaveError, WAITING, run};
pub use keymap::{Command, Section, help_rows};
pub use parts::{MIN_HEIGHT, MIN_WIDTH};
pub use terminal::signal_exit_code;
pub use theme::Theme;

#[cfg(test)]
mod tests;
