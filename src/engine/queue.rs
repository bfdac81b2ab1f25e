//! Which cards a pass drills, and in what order: the seam a scheduler
//! replaces. A [`QueuePolicy`] turns the filtered cards (already in the
//! session's order) and their records into a [`Queue`]; the engine only
//! walks the queue, marks slots done and asks for the next pending one.
//!
//! Today's policy, [`PassQueue`], is the pass rule of the drill: the main
//! pass takes unseen cards, then skipped ones; the "again" passes take the
//! skipped or the learnt cards. A spaced-repetition policy would instead
//! take the cards due at `now`, then new ones up to a daily limit.

use std::collections::BTreeSet;
use std::fmt;

use jiff::Timestamp;

use super::progress::{Pass, Progress, Status};
use crate::deck::Card;

/// What a policy sees when it builds the queue of a pass.
#[derive(Clone, Copy, Debug)]
pub struct PassInput<'a> {
    /// Every loaded card.
    pub cards: &'a [Card],
    /// Indices into `cards` of the filtered cards, in the session's order.
    pub filtered: &'a [usize],
    pub progress: &'a Progress,
    pub pass: Pass,
    /// When the pass began: a card marked since then belongs to the pass,
    /// as a slot already done.
    pub pass_started: Timestamp,
}

impl PassInput<'_> {
    /// The status of a card and whether it was marked during this pass.
    pub fn state(&self, index: usize) -> (Status, bool) {
        let entry = self.progress.cards.get(&self.cards[index].id);
        let status = entry.map_or(Status::Unseen, |e| e.status);
        let marked = status != Status::Unseen
            && entry
                .and_then(|e| e.last_marked)
                .is_some_and(|t| t >= self.pass_started);
        (status, marked)
    }
}

/// Builds the queue of a pass. Implementations are pure: same input, same
/// queue.
pub trait QueuePolicy: fmt::Debug + Send + Sync {
    fn build(&self, input: &PassInput<'_>) -> Queue;
}

/// The cards of one pass in drill order, and which slots are still to do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    /// Indices into the engine's cards, one per slot.
    pub(super) cards: Vec<usize>,
    /// Slots not yet marked in this pass.
    pub(super) pending: BTreeSet<usize>,
}

impl Queue {
    /// A queue from `(card index, still to do)` pairs in drill order.
    pub fn from_slots(slots: impl IntoIterator<Item = (usize, bool)>) -> Queue {
        let mut queue = Queue::default();
        for (slot, (index, pending)) in slots.into_iter().enumerate() {
            queue.cards.push(index);
            if pending {
                queue.pending.insert(slot);
            }
        }
        queue
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The card index in `slot`.
    pub(super) fn card(&self, slot: usize) -> Option<usize> {
        self.cards.get(slot).copied()
    }

    /// The first pending slot at or after `from`, wrapping to the start.
    pub(super) fn next_pending(&self, from: usize) -> Option<usize> {
        self.pending
            .range(from..)
            .next()
            .or_else(|| self.pending.iter().next())
            .copied()
    }
}

/// The drill's pass rule. In the main pass unseen cards come first and
/// skipped ones after them; the skipped and learnt passes take the cards of
/// their status. A card marked since the pass began stays in its place as
/// a slot already done, so `Previous` and `Undo` reach it; a card reset
/// since (unseen again, its last mark kept) counts as unmarked, so a
/// `prepdeck reset` puts it back in every saved session's queue.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassQueue;

impl QueuePolicy for PassQueue {
    fn build(&self, input: &PassInput<'_>) -> Queue {
        let mut first = Vec::new();
        let mut second = Vec::new();
        for &index in input.filtered {
            let (status, marked) = input.state(index);
            let group = match (input.pass, status) {
                _ if marked => Some(&mut first),
                (Pass::Main, Status::Unseen) => Some(&mut first),
                (Pass::Main, Status::Skipped) => Some(&mut second),
                (Pass::Skipped, Status::Skipped) | (Pass::Learnt, Status::Learnt) => {
                    Some(&mut first)
                }
                _ => None,
            };
            if let Some(group) = group {
                group.push((index, !marked));
            }
        }
        first.append(&mut second);
        Queue::from_slots(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_pending_wraps_to_the_first_pending_slot() {
        let queue = Queue::from_slots([(7, false), (8, true), (9, false), (10, true)]);
        assert_eq!(queue.len(), 4);
        assert_eq!(queue.next_pending(0), Some(1));
        assert_eq!(queue.next_pending(2), Some(3));
        assert_eq!(queue.next_pending(4), Some(1));
        assert_eq!(queue.card(3), Some(10));
        assert_eq!(Queue::default().next_pending(0), None);
    }
}
