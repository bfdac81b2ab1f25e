//! The terminal drill: the only module that talks to ratatui and crossterm.
//! Everything it shows comes from the engine's state; everything the user
//! does goes back to the engine as a named action.

pub mod keymap;
pub mod markdown;
pub mod theme;
pub mod wrap;
