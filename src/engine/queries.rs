//! What the screens read from the engine: the current card, the counters,
//! the end-of-queue summary and its choices. Read-only.

use jiff::{SignedDuration, Timestamp};

use super::drill::{Engine, Phase};
use crate::deck::Card;
use crate::engine::counters::{Counters, Tally};
use crate::engine::filter::{Filter, Order};
use crate::engine::progress::{Pass, Progress, Status};

/// The end-of-queue report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Counts for the filtered cards, overall and per level.
    pub counters: Counters,
    /// Marks given in this sitting.
    pub tally: Tally,
    /// Time since the engine was created (never negative).
    pub time_spent: SignedDuration,
    pub pass: Pass,
    /// The choices on offer at the end, in the order to show them.
    pub choices: Vec<Choice>,
}

/// What the end-of-queue screen offers. Each is also an [`Action`](super::Action).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    DrillSkipped,
    DrillLearnt,
    ResetFiltered,
    Quit,
}

impl From<Choice> for super::Action {
    fn from(choice: Choice) -> Self {
        match choice {
            Choice::DrillSkipped => super::Action::DrillSkipped,
            Choice::DrillLearnt => super::Action::DrillLearnt,
            Choice::ResetFiltered => super::Action::ResetFiltered,
            Choice::Quit => super::Action::Quit,
        }
    }
}

impl Engine {
    /// What the screen shows.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The card on screen; `None` once the queue has run out.
    pub fn current(&self) -> Option<&Card> {
        if self.phase == Phase::Finished {
            return None;
        }
        self.queue.card(self.pos).map(|index| &self.cards[index])
    }

    /// The status of the card on screen (a card reached with `Previous` may
    /// already be marked).
    pub fn current_status(&self) -> Option<Status> {
        self.current().map(|card| self.progress.status(&card.id))
    }

    /// The 0-based place of the current card in the queue.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// How many cards this pass holds.
    pub fn queue_len(&self) -> usize {
        self.queue.len()
    }

    /// How many cards of this pass are still unmarked.
    pub fn remaining(&self) -> usize {
        self.queue.pending.len()
    }

    /// Counts for the filtered cards: progress reads `seen / total`.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    pub fn tally(&self) -> Tally {
        self.tally
    }

    pub fn pass(&self) -> Pass {
        self.pass
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn order(&self) -> Order {
        self.order
    }

    /// Whether the filter selects no card at all.
    pub fn is_empty(&self) -> bool {
        self.filtered.is_empty()
    }

    /// The progress to save when an effect asks for it.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn into_progress(self) -> Progress {
        self.progress
    }

    /// The actions on offer once the queue has run out (empty before then).
    pub fn choices(&self) -> Vec<Choice> {
        if self.phase != Phase::Finished {
            return Vec::new();
        }
        let all = &self.counters.all;
        let mut choices = Vec::with_capacity(4);
        if all.of(Status::Skipped) > 0 {
            choices.push(Choice::DrillSkipped);
        }
        if all.of(Status::Learnt) > 0 {
            choices.push(Choice::DrillLearnt);
        }
        if all.seen() > 0 {
            choices.push(Choice::ResetFiltered);
        }
        choices.push(Choice::Quit);
        choices
    }

    /// The end-of-queue report as of `now`.
    pub fn summary(&self, now: Timestamp) -> Summary {
        Summary {
            counters: self.counters.clone(),
            tally: self.tally,
            time_spent: now
                .duration_since(self.session_started)
                .max(SignedDuration::ZERO),
            pass: self.pass,
            choices: self.choices(),
        }
    }
}
