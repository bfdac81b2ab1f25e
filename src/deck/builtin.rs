//! The decks that ship with prepdeck, compiled into the binary so the app
//! works from any directory and after `cargo install`. The same files live in
//! `decks/` for reading and editing.

use super::Format;

/// A shipped deck: its path in the source tree and its text.
pub struct BuiltinDeck {
    pub path: &'static str,
    pub text: &'static str,
}

impl BuiltinDeck {
    /// The format its extension names, as for any file.
    pub fn format(&self) -> Option<Format> {
        Format::from_path(std::path::Path::new(self.path))
    }
}

/// Every shipped deck, in the order they are drilled.
pub static BUILTIN_DECKS: &[BuiltinDeck] = &[
    BuiltinDeck {
        path: "decks/backend-roadmap.md",
        text: include_str!("../../decks/backend-roadmap.md"),
    },
    BuiltinDeck {
        path: "decks/backend-question-bank.toml",
        text: include_str!("../../decks/backend-question-bank.toml"),
    },
    BuiltinDeck {
        path: "decks/backend-role.md",
        text: include_str!("../../decks/backend-role.md"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_deck_has_a_known_format() {
        for deck in BUILTIN_DECKS {
            assert!(deck.format().is_some(), "{}", deck.path);
        }
    }
}
