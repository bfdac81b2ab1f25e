//! The plain data every other part of prepdeck reads: levels, cards, decks.
//!
//! Nothing here knows about files, terminals or progress; parsers produce these
//! values and the engine, store and screens consume them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How hard a card is, as the three sections of a deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

crate::named_enum!(Level, "level", "levels", [
    Beginner => "beginner",
    Intermediate => "intermediate",
    Advanced => "advanced",
]);

/// The difficulty a question bank gives a prompt; it maps onto a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

crate::named_enum!(Difficulty, "difficulty", "difficulties", [
    Easy => "easy",
    Medium => "medium",
    Hard => "hard",
]);

impl Difficulty {
    /// easy → beginner, medium → intermediate, hard → advanced.
    pub fn level(self) -> Level {
        match self {
            Difficulty::Easy => Level::Beginner,
            Difficulty::Medium => Level::Intermediate,
            Difficulty::Hard => Level::Advanced,
        }
    }
}

/// One flashcard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Stable identity: `<deck id>/<card id>`. Progress is keyed by it.
    pub id: String,
    /// The id of the deck the card belongs to.
    pub deck: String,
    /// The prompt, one line of plain text.
    pub question: String,
    /// The answer, in Markdown.
    pub answer: String,
    pub level: Level,
    pub difficulty: Option<Difficulty>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// False when the card id was derived from the question text.
    pub explicit_id: bool,
    /// 1-based line of the question in its source file.
    pub line: usize,
}

impl Card {
    /// The part of the id after the deck id.
    pub fn local_id(&self) -> &str {
        self.id
            .strip_prefix(self.deck.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(&self.id)
    }

    /// Whether the card carries `tag`, compared case-insensitively.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

/// Where a deck came from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary; the name is its path in the source tree.
    Builtin(&'static str),
    /// A file the user pointed at or keeps in the data directory.
    File(std::path::PathBuf),
}

impl Origin {
    /// The stem of the file name, used as the deck id when the deck names none.
    pub fn stem(&self) -> String {
        let path = match self {
            Origin::Builtin(name) => std::path::Path::new(name),
            Origin::File(path) => path.as_path(),
        };
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin(name) => f.write_str(name),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A parsed deck: its metadata and its cards in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deck {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub origin: Origin,
    pub cards: Vec<Card>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_case_insensitively() {
        assert_eq!("Beginner".parse::<Level>(), Ok(Level::Beginner));
        assert_eq!(" ADVANCED ".parse::<Level>(), Ok(Level::Advanced));
        let err = "expert".parse::<Level>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown level 'expert'; valid levels are beginner, intermediate, advanced"
        );
    }

    #[test]
    fn difficulty_maps_to_level() {
        assert_eq!(Difficulty::Easy.level(), Level::Beginner);
        assert_eq!(Difficulty::Medium.level(), Level::Intermediate);
        assert_eq!(Difficulty::Hard.level(), Level::Advanced);
        assert_eq!(
            "impossible".parse::<Difficulty>().unwrap_err().to_string(),
            "unknown difficulty 'impossible'; valid difficulties are easy, medium, hard"
        );
    }

    #[test]
    fn origin_stem_is_the_file_name_without_extension() {
        assert_eq!(
            Origin::Builtin("decks/backend-roadmap.md").stem(),
            "backend-roadmap"
        );
        assert_eq!(Origin::File("/x/y/my.deck.toml".into()).stem(), "my.deck");
    }
}
