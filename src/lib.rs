//! prepdeck: drill backend-developer interview questions as flashcards in the
//! terminal.
//!
//! The crate is a library with a thin binary. Deck files are parsed into plain
//! data (`deck`), a pure engine drives a drill (`engine`), the store keeps
//! progress safely on disk (`store`), the terminal screens draw the engine's
//! state (`tui`), and `cli` plus `commands` tie them together.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod commands;
pub mod deck;
pub mod engine;
pub mod names;
pub mod store;
pub mod text;
pub mod tui;

#[cfg(test)]
mod testing;
