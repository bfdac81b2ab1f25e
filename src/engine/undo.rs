//! Undo: each mark of a pass is kept with the record it replaced, so `Undo`
//! restores that record (dated now, so it wins a merge) and returns to the
//! card. Undo history belongs to a pass: starting another pass clears it.

use jiff::Timestamp;

use super::drill::{Effect, Engine, Phase, put};
use super::progress::{CardProgress, Mark};
use crate::deck::Card;

impl Engine {
    /// Whether `Undo` would take a mark back: there is a mark in this pass
    /// and its card is in the current selection.
    pub fn can_undo(&self) -> bool {
        self.undo.last().is_some_and(|step| step.slot.is_some())
    }

    /// Whether the last mark of this pass is on a card the current filter
    /// leaves out (so `Undo` waits until a filter brings it back).
    pub fn undo_is_filtered_out(&self) -> bool {
        self.undo.last().is_some_and(|step| step.slot.is_none())
    }

    /// The card and mark `Undo` would take back, if it would take one.
    pub fn last_mark(&self) -> Option<(&Card, Mark)> {
        let step = self.undo.last().filter(|step| step.slot.is_some())?;
        Some((&self.cards[step.card], step.mark))
    }

    pub(super) fn undo_last(&mut self, now: Timestamp) -> Vec<Effect> {
        if !self.can_undo() {
            return Vec::new();
        }
        let Some(step) = self.undo.pop() else {
            return Vec::new();
        };
        let (index, slot) = (step.card, step.slot.unwrap_or(self.pos));
        let t = self.clock.tick(now);
        let card = &self.cards[index];
        let restored = match step.before {
            Some(before) => CardProgress {
                updated: t,
                ..before
            },
            None => CardProgress::unseen(t),
        };
        let status_now = self.progress.status(&card.id);
        self.counters
            .change(card.level, status_now, restored.status);
        put(&mut self.progress, &card.id, restored);
        self.tally.take_back(step.mark);
        if step.was_pending {
            self.queue.pending.insert(slot);
        }
        self.pos = slot;
        self.phase = Phase::Question;
        self.record_session(t);
        vec![Effect::SaveProgress]
    }
}
