//! Counting and resetting cards for a filter, without a drill session: what
//! `prepdeck stats` and `prepdeck reset` need, and the engine's starting
//! counters.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::clock::after;

use super::filter::Filter;
use super::progress::{Mark, Progress, Status};
use crate::deck::{Card, Level};

/// How many cards have each status, and `total`, their sum; `seen` is
/// knew + learnt + skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub knew: usize,
    pub learnt: usize,
    pub skipped: usize,
    pub unseen: usize,
}

impl Counts {
    /// Cards marked at least once and not reset since.
    pub fn seen(&self) -> usize {
        self.knew + self.learnt + self.skipped
    }

    /// The number of cards with `status`.
    pub fn of(&self, status: Status) -> usize {
        match status {
            Status::Unseen => self.unseen,
            Status::Knew => self.knew,
            Status::Learnt => self.learnt,
            Status::Skipped => self.skipped,
        }
    }

    fn slot(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Unseen => &mut self.unseen,
            Status::Knew => &mut self.knew,
            Status::Learnt => &mut self.learnt,
            Status::Skipped => &mut self.skipped,
        }
    }

    fn add(&mut self, status: Status) {
        self.total += 1;
        *self.slot(status) += 1;
    }

    fn change(&mut self, from: Status, to: Status) {
        let from_slot = self.slot(from);
        *from_slot = from_slot.saturating_sub(1);
        *self.slot(to) += 1;
    }
}

/// The marks given since the engine was created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub knew: usize,
    pub learnt: usize,
    pub skipped: usize,
}

impl Tally {
    fn slot(&mut self, mark: Mark) -> &mut usize {
        match mark {
            Mark::Knew => &mut self.knew,
            Mark::Learnt => &mut self.learnt,
            Mark::Skipped => &mut self.skipped,
        }
    }

    pub(crate) fn record(&mut self, mark: Mark) {
        *self.slot(mark) += 1;
    }

    pub(crate) fn take_back(&mut self, mark: Mark) {
        let count = self.slot(mark);
        *count = count.saturating_sub(1);
    }

    pub fn total(&self) -> usize {
        self.knew + self.learnt + self.skipped
    }
}

/// The counts for a set of cards, overall and per level. `levels` always
/// holds all three levels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counters {
    pub all: Counts,
    pub levels: BTreeMap<Level, Counts>,
}

impl Default for Counters {
    fn default() -> Self {
        Counters {
            all: Counts::default(),
            levels: Level::ALL
                .into_iter()
                .map(|level| (level, Counts::default()))
                .collect(),
        }
    }
}

impl Counters {
    /// The counts for one level.
    pub fn level(&self, level: Level) -> Counts {
        self.levels.get(&level).copied().unwrap_or_default()
    }

    pub(crate) fn add(&mut self, level: Level, status: Status) {
        self.all.add(status);
        self.levels.entry(level).or_default().add(status);
    }

    /// A card of `level` moved from one status to another: O(1).
    pub(crate) fn change(&mut self, level: Level, from: Status, to: Status) {
        if from != to {
            self.all.change(from, to);
            self.levels.entry(level).or_default().change(from, to);
        }
    }
}

/// The counters for the cards `filter` lets through. Progress for cards that
/// are in no deck is ignored.
pub fn count(cards: &[Card], progress: &Progress, filter: &Filter) -> Counters {
    count_selected(cards, &filter.select(cards), progress)
}

pub(crate) fn count_selected(cards: &[Card], selected: &[usize], progress: &Progress) -> Counters {
    let mut counters = Counters::default();
    for card in selected.iter().filter_map(|&index| cards.get(index)) {
        counters.add(card.level, progress.status(&card.id));
    }
    counters
}

/// Set every card `filter` lets through back to unseen, as of `now`, and
/// return how many changed. Each reset record is dated after the record it
/// replaces, so it wins a merge even when the clock is behind. The history
/// (times marked, first and last marked) is kept.
///
/// Saved sessions are kept, including those whose filter the reset covers:
/// dropping one would not survive a save, since the merge keeps the other
/// side's copy, and there is no need to. A session's queue is rebuilt from
/// the card records, where a reset card counts as unmarked, so the session
/// resumes on its saved card and drills the reset cards in their places
/// (those before that card once the queue wraps), with its order kept.
pub fn reset(cards: &[Card], progress: &mut Progress, filter: &Filter, now: Timestamp) -> usize {
    reset_selected(cards, &filter.select(cards), progress, now)
}

pub(crate) fn reset_selected(
    cards: &[Card],
    selected: &[usize],
    progress: &mut Progress,
    now: Timestamp,
) -> usize {
    let mut changed = 0;
    for card in selected.iter().filter_map(|&index| cards.get(index)) {
        if let Some(entry) = progress.cards.get_mut(&card.id)
            && entry.status != Status::Unseen
        {
            entry.status = Status::Unseen;
            entry.updated = after(now, entry.updated);
            changed += 1;
        }
    }
    changed
}
