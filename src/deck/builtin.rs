//! The decks that ship with prepdeck, compiled into the binary so the app
//! works from any directory and after `cargo install`. The same files live in
//! `decks/` for reading and editing.

use super::Format;

/// A shipped deck: its path in the source tree, its format and its text.
pub struct BuiltinDeck {
    pub path: &'static str,
    pub format: Format,
    pub text: &'static str,
}

/// Every shipped deck, in the order they are drilled.
pub static BUILTIN_DECKS: &[BuiltinDeck] = &[
    BuiltinDeck {
        path: "decks/backend-roadmap.md",
        format: Format::Markdown,
        text: include_str!("../../decks/backend-roadmap.md"),
    },
    BuiltinDeck {
        path: "decks/backend-question-bank.toml",
        format: Format::Toml,
        text: include_str!("../../decks/backend-question-bank.toml"),
    },
    BuiltinDeck {
        path: "decks/backend-role.md",
        format: Format::Markdown,
        text: include_str!("../../decks/backend-role.md"),
    },
];
