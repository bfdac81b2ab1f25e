//! The drill under way, as every screen sees it: the engine, the deck
//! titles, the time shown and a one-line notice, with the few operations
//! several screens share (undo with its notice, the level keys, the title).

use jiff::Timestamp;

use crate::deck::Level;
use crate::engine::{Action, Effect, Engine, Filter, Mark};

/// What every screen of a drill reads and changes: the engine, the deck
/// titles, the time shown and a one-line notice.
pub struct Drill {
    pub engine: Engine,
    /// Deck ids and titles, for the header and card frames.
    decks: Vec<(String, String)>,
    /// The time the screen shows (the summary's time spent).
    pub now: Timestamp,
    /// A short message in the footer until the next key.
    pub notice: Option<String>,
}

impl Drill {
    pub fn new(engine: Engine, decks: Vec<(String, String)>) -> Drill {
        Drill {
            engine,
            decks,
            now: Timestamp::UNIX_EPOCH,
            notice: None,
        }
    }

    /// The header's title: the one deck drilled, "N decks" or "All decks",
    /// then the tags drilled, if any (levels have their chips).
    pub fn title(&self) -> String {
        let filter = self.engine.filter();
        let only = match (filter.decks.as_slice(), self.decks.as_slice()) {
            ([one], _) => Some(one.as_str()),
            (_, [(one, _)]) => Some(one.as_str()),
            _ => None,
        };
        let decks = match only.and_then(|id| self.deck_title(id)) {
            Some(title) => title.to_string(),
            None if filter.decks.len() > 1 => format!("{} decks", filter.decks.len()),
            None => "All decks".to_string(),
        };
        if filter.tags.is_empty() {
            decks
        } else {
            format!("{decks} · tag {}", filter.tags.join(" or "))
        }
    }

    /// The title of the deck with this id.
    pub fn deck_title(&self, id: &str) -> Option<&str> {
        self.decks
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, title)| title.as_str())
    }

    /// Levels shown as "on" in the header.
    pub fn level_on(&self, level: Level) -> bool {
        let levels = &self.engine.filter().levels;
        levels.is_empty() || levels.contains(&level)
    }

    /// Shows a message in the footer until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some(crate::text::one_line(&message.into()));
    }

    /// Takes back the last mark and says which (the footer cuts the
    /// question to fit), or says there is none to take back.
    pub fn undo(&mut self, now: Timestamp) -> Vec<Effect> {
        let Some((card, mark)) = self.engine.last_mark() else {
            self.notify(if self.engine.undo_is_filtered_out() {
                "The last mark is on a card this filter hides: turn its level back on to undo it"
            } else {
                "Nothing to undo in this pass"
            });
            return Vec::new();
        };
        let word = match mark {
            Mark::Knew => "knew",
            Mark::Learnt => "learnt",
            Mark::Skipped => "skip",
        };
        let notice = format!("Undid {word} on: {}", card.question);
        let effects = self.engine.apply(Action::Undo, now);
        self.notify(notice);
        effects
    }

    /// Changes the level filter and rebuilds the queue; statuses, this
    /// sitting's tally, time spent and undo are kept. From all levels a
    /// level key narrows the drill to that level; after that each key turns
    /// its level on or off, and turning the last one off brings all back.
    pub fn toggle_level(&mut self, level: Level, now: Timestamp) -> Vec<Effect> {
        let old = self.engine.filter().clone();
        let mut levels = old.levels.clone();
        // From all levels, the key picks its level alone; otherwise it flips it.
        if levels.is_empty() || !levels.remove(&level) {
            levels.insert(level);
        }
        if levels.len() == Level::ALL.len() {
            levels.clear();
        }
        self.engine.set_filter(Filter { levels, ..old }, now)
    }
}
