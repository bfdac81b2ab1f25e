//! Counting and resetting cards for a filter, without a drill session: what
//! `prepdeck stats` and `prepdeck reset` need, and the engine's starting
//! counters.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::clock::after;

use super::filter::Filter;
use super::progress::{Mark, Progress, Status};
use crate::deck::{Card, Level};

/// How many cards have each status, indexed by status (a new status needs
/// only its variant), and `total`, their sum; `seen` is every status but
/// unseen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    by_status: [usize; Status::ALL.len()],
}

impl Counts {
    /// Cards marked at least once and not reset since.
    pub fn seen(&self) -> usize {
        self.total - self.of(Status::Unseen)
    }

    /// The number of cards with `status`.
    pub fn of(&self, status: Status) -> usize {
        self.by_status[status as usize]
    }

    fn add(&mut self, status: Status) {
        self.total += 1;
        self.by_status[status as usize] += 1;
    }

    fn change(&mut self, from: Status, to: Status) {
        let from = &mut self.by_status[from as usize];
        *from = from.saturating_sub(1);
        self.by_status[to as usize] += 1;
    }
}

/// The marks given since the engine was created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    by_mark: [usize; Mark::ALL.len()],
}

impl Tally {
    /// How many times `mark` was given.
    pub fn of(&self, mark: Mark) -> usize {
        self.by_mark[mark as usize]
    }

    pub(crate) fn record(&mut self, mark: Mark) {
        self.by_mark[mark as usize] += 1;
    }

    pub(crate) fn take_back(&mut self, mark: Mark) {
        let count = &mut self.by_mark[mark as usize];
        *count = count.saturating_sub(1);
    }

    pub fn total(&self) -> usize {
        self.by_mark.iter().sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_tallies_are_indexed_in_the_order_of_all() {
        for (i, status) in Status::ALL.into_iter().enumerate() {
            assert_eq!(status as usize, i, "{status}");
        }
        for (i, mark) in Mark::ALL.into_iter().enumerate() {
            assert_eq!(mark as usize, i, "{mark:?}");
        }
        let mut counts = Counts::default();
        counts.add(Status::Knew);
        counts.add(Status::Unseen);
        counts.change(Status::Unseen, Status::Skipped);
        assert_eq!(Status::ALL.map(|s| counts.of(s)), [0, 1, 0, 1]);
        assert_eq!((counts.total, counts.seen()), (2, 2));
        let mut tally = Tally::default();
        tally.record(Mark::Learnt);
        tally.record(Mark::Learnt);
        tally.take_back(Mark::Knew);
        assert_eq!(Mark::ALL.map(|m| tally.of(m)), [0, 2, 0]);
        assert_eq!(tally.total(), 2);
    }
}
