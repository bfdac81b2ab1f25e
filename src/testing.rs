//! Helpers the unit tests share, so no test module keeps its own copy:
//! cards built in one line, fixed instants and a clock that ticks.

use jiff::Timestamp;

use crate::deck::{Card, Level};

/// The instant the tests count from.
pub const EPOCH: i64 = 1_750_000_000;

/// `seconds` after [`EPOCH`].
pub fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(EPOCH + seconds).expect("a valid test time")
}

/// A clock for tests: starts at [`EPOCH`], one second per reading.
pub struct Clock(i64);

impl Clock {
    pub fn new() -> Clock {
        Clock(0)
    }

    pub fn now(&mut self) -> Timestamp {
        self.0 += 1;
        at(self.0)
    }

    /// The time of the last reading, without moving the clock.
    pub fn peek(&self) -> Timestamp {
        at(self.0)
    }
}

/// A card `deck/local` asking "What is local?", with an explicit id and
/// no tags.
pub fn card(deck: &str, local: &str, level: Level) -> Card {
    Card {
        id: format!("{deck}/{local}"),
        deck: deck.to_string(),
        question: format!("What is {local}?"),
        answer: format!("{local} is a thing."),
        level,
        difficulty: None,
        category: None,
        tags: Vec::new(),
        explicit_id: true,
        line: 1,
    }
}

impl Card {
    /// The same card with these tags.
    pub fn tagged(mut self, tags: &[&str]) -> Card {
        self.tags = tags.iter().map(|t| t.to_string()).collect();
        self
    }

    /// The same card with this question and answer.
    pub fn asking(mut self, question: &str, answer: &str) -> Card {
        self.question = question.to_string();
        self.answer = answer.to_string();
        self
    }
}
