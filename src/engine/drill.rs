//! The drill itself: a pure state machine over a queue of cards. This file
//! holds the state and what each action does to it; which cards a pass
//! takes is the queue policy's (`queue.rs`), resuming and recording the
//! session is `session.rs`, taking marks back is `undo.rs`, and dating
//! changes is `clock.rs`.
//!
//! It takes `now` with every action and returns the effects the caller must
//! carry out (save, quit), so every key a user can press is testable without a
//! terminal, a disk or a clock. Marking and moving cost O(log n) at most:
//! counters are kept incrementally and the unmarked queue slots sit in an
//! ordered set.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;

use super::clock::MonotonicClock;
use super::counters::{Counters, Tally, count_selected, reset_selected};
use super::filter::{Filter, Order};
use super::progress::{CardProgress, Mark, Pass, Progress, Status};
use super::queue::{PassInput, PassQueue, Queue, QueuePolicy};
use crate::deck::Card;

/// Everything a user can do in a drill, named for what it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Show the answer of the current card.
    Reveal,
    /// Record an answer and move to the next unmarked card.
    Mark(Mark),
    /// Take back the last mark of this pass and return to its card.
    Undo,
    /// Move one card back, without marking.
    Previous,
    /// Move one card on, without marking.
    Next,
    /// At the end: drill the skipped cards again.
    DrillSkipped,
    /// At the end: drill the learnt cards again (they stay learnt until marked).
    DrillLearnt,
    /// At the end: set every filtered card back to unseen and start over.
    ResetFiltered,
    /// Leave the drill.
    Quit,
}

/// What the caller must do after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// A card's status changed: save before handling the next key.
    SaveProgress,
    /// Only the session (position, pass) changed. Saved at once too, like
    /// `SaveProgress`: resume must be exact even after a kill.
    SaveSession,
    /// Leave the drill.
    Quit,
}

impl Effect {
    /// Whether the progress must be saved before the next key.
    pub fn needs_save(self) -> bool {
        matches!(self, Effect::SaveProgress | Effect::SaveSession)
    }
}

/// What the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The current card, answer hidden.
    Question,
    /// The current card, answer shown.
    Answer,
    /// The queue has run out (or was empty): show the summary and choices.
    Finished,
}

/// One mark of this pass, with what it replaced, for `Undo` (undo.rs).
#[derive(Clone, Debug)]
pub(super) struct Step {
    /// Index into the engine's cards of the card marked.
    pub(super) card: usize,
    /// Its slot in the current queue; `None` while a filter change has
    /// taken the card out of the queue (the step waits for it to return).
    pub(super) slot: Option<usize>,
    pub(super) before: Option<CardProgress>,
    pub(super) mark: Mark,
    pub(super) was_pending: bool,
}

/// A drill over the cards a filter selects. Owns the cards and the progress;
/// hand `progress()` to the store whenever an effect asks for a save.
#[derive(Clone, Debug)]
pub struct Engine {
    pub(super) cards: Vec<Card>,
    pub(super) progress: Progress,
    pub(super) filter: Filter,
    pub(super) order: Order,
    /// Indices into `cards` of the filtered cards, in drill order.
    pub(super) filtered: Vec<usize>,
    /// Which cards each pass takes.
    pub(super) policy: Arc<dyn QueuePolicy>,
    /// The cards of this pass and which are still unmarked.
    pub(super) queue: Queue,
    pub(super) pos: usize,
    pub(super) phase: Phase,
    pub(super) pass: Pass,
    pub(super) pass_started: Timestamp,
    pub(super) session_started: Timestamp,
    /// Dates every change strictly after the last.
    pub(super) clock: MonotonicClock,
    pub(super) counters: Counters,
    pub(super) tally: Tally,
    pub(super) undo: Vec<Step>,
}

impl Engine {
    /// A new session: the filtered cards in `order`, unseen first, then
    /// skipped. Returns `SaveSession` because the session must be recorded.
    pub fn start(
        cards: Vec<Card>,
        progress: Progress,
        filter: Filter,
        order: Order,
        now: Timestamp,
    ) -> (Engine, Vec<Effect>) {
        let mut engine = Engine::build(cards, progress, filter, order, now);
        engine.begin_pass(Pass::Main, now);
        (engine, vec![Effect::SaveSession])
    }

    pub(super) fn build(
        cards: Vec<Card>,
        progress: Progress,
        filter: Filter,
        order: Order,
        now: Timestamp,
    ) -> Engine {
        let mut filtered = filter.select(&cards);
        order.arrange(&mut filtered);
        let counters = count_selected(&cards, &filtered, &progress);
        let clock = MonotonicClock::after_saved(&cards, &filtered, &progress);
        Engine {
            cards,
            progress,
            filter,
            order,
            filtered,
            policy: Arc::new(PassQueue),
            queue: Queue::default(),
            pos: 0,
            phase: Phase::Finished,
            pass: Pass::Main,
            pass_started: now,
            session_started: now,
            clock,
            counters,
            tally: Tally::default(),
            undo: Vec::new(),
        }
    }

    /// Carry out `action` at time `now`; return what the caller must do.
    /// Actions that make no sense in the current phase change nothing.
    pub fn apply(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        match action {
            Action::Reveal => {
                if self.phase == Phase::Question {
                    self.phase = Phase::Answer;
                }
                Vec::new()
            }
            Action::Mark(mark) => self.mark(mark, now),
            Action::Undo => self.undo_last(now),
            Action::Previous => self.previous(now),
            Action::Next => self.next(now),
            Action::DrillSkipped => self.drill_again(Pass::Skipped, now),
            Action::DrillLearnt => self.drill_again(Pass::Learnt, now),
            Action::ResetFiltered => self.reset_filtered(now),
            Action::Quit => vec![Effect::SaveSession, Effect::Quit],
        }
    }

    /// Drill another selection of the same cards, as when a level is turned
    /// on or off mid-drill. Statuses, the marks tallied so far, the time spent
    /// and the undo history are kept; the pass becomes the main pass over
    /// the new selection, still counting cards marked since the pass began
    /// as marked in it (so `Previous` and `Undo` still reach them). The
    /// current card stays on screen when the new filter keeps it; otherwise
    /// the drill moves to the first unmarked card. A mark on a card the new
    /// filter leaves out cannot be undone until a filter brings it back.
    pub fn set_filter(&mut self, filter: Filter, now: Timestamp) -> Vec<Effect> {
        if filter == self.filter {
            return Vec::new();
        }
        let current = match self.phase {
            Phase::Finished => None,
            _ => self.queue.card(self.pos),
        };
        let mut filtered = filter.select(&self.cards);
        self.order.arrange(&mut filtered);
        self.counters = count_selected(&self.cards, &filtered, &self.progress);
        self.filtered = filtered;
        self.filter = filter;
        self.pass = Pass::Main;
        self.rebuild_queue();
        let slots: HashMap<usize, usize> = self
            .queue
            .cards
            .iter()
            .enumerate()
            .map(|(slot, &index)| (index, slot))
            .collect();
        for step in &mut self.undo {
            step.slot = slots.get(&step.card).copied();
        }
        match current.and_then(|index| slots.get(&index).copied()) {
            Some(slot) => self.pos = slot,
            None => self.go_to_first_pending(),
        }
        let t = self.clock.tick(now);
        self.record_session(t);
        vec![Effect::SaveSession]
    }

    fn mark(&mut self, mark: Mark, now: Timestamp) -> Vec<Effect> {
        if self.phase == Phase::Finished {
            return Vec::new();
        }
        let Some(index) = self.queue.card(self.pos) else {
            return Vec::new();
        };
        let t = self.clock.tick(now);
        let card = &self.cards[index];
        let status = mark.status();
        let before = self.progress.cards.get(&card.id).cloned();
        let entry = CardProgress {
            first_marked: before.as_ref().and_then(|b| b.first_marked).or(Some(t)),
            last_marked: Some(t),
            status,
            times_marked: before
                .as_ref()
                .map_or(0, |b| b.times_marked)
                .saturating_add(1),
            updated: t,
        };
        let old_status = before.as_ref().map_or(Status::Unseen, |b| b.status);
        self.counters.change(card.level, old_status, status);
        put(&mut self.progress, &card.id, entry);
        self.tally.record(mark);
        let was_pending = self.queue.pending.remove(&self.pos);
        self.undo.push(Step {
            card: index,
            slot: Some(self.pos),
            before,
            mark,
            was_pending,
        });
        match self.queue.next_pending(self.pos + 1) {
            Some(slot) => {
                self.pos = slot;
                self.phase = Phase::Question;
            }
            None => self.phase = Phase::Finished,
        }
        self.record_session(t);
        vec![Effect::SaveProgress]
    }

    fn previous(&mut self, now: Timestamp) -> Vec<Effect> {
        if self.queue.is_empty() {
            return Vec::new();
        }
        match self.phase {
            Phase::Finished => self.pos = self.queue.len() - 1,
            _ if self.pos == 0 => return Vec::new(),
            _ => self.pos -= 1,
        }
        self.phase = Phase::Question;
        self.moved(now)
    }

    fn next(&mut self, now: Timestamp) -> Vec<Effect> {
        if self.phase == Phase::Finished {
            return Vec::new();
        }
        if self.pos + 1 < self.queue.len() {
            self.pos += 1;
            self.phase = Phase::Question;
        } else if self.queue.pending.is_empty() {
            self.phase = Phase::Finished;
        } else {
            return Vec::new();
        }
        self.moved(now)
    }

    fn moved(&mut self, now: Timestamp) -> Vec<Effect> {
        let t = self.clock.tick(now);
        self.record_session(t);
        vec![Effect::SaveSession]
    }

    fn drill_again(&mut self, pass: Pass, now: Timestamp) -> Vec<Effect> {
        let available = match pass {
            Pass::Skipped => self.counters.all.of(Status::Skipped),
            Pass::Learnt => self.counters.all.of(Status::Learnt),
            Pass::Main => self.counters.all.total,
        };
        if self.phase != Phase::Finished || available == 0 {
            return Vec::new();
        }
        self.begin_pass(pass, now);
        vec![Effect::SaveSession]
    }

    fn reset_filtered(&mut self, now: Timestamp) -> Vec<Effect> {
        if self.phase != Phase::Finished || self.counters.all.seen() == 0 {
            return Vec::new();
        }
        let t = self.clock.tick(now);
        reset_selected(&self.cards, &self.filtered, &mut self.progress, t);
        self.counters = count_selected(&self.cards, &self.filtered, &self.progress);
        self.begin_pass(Pass::Main, now);
        vec![Effect::SaveProgress]
    }

    /// Start a pass: a fresh queue, nothing to undo, on its first card.
    fn begin_pass(&mut self, pass: Pass, now: Timestamp) {
        let t = self.clock.tick(now);
        self.pass = pass;
        self.pass_started = t;
        self.undo.clear();
        self.rebuild_queue();
        self.go_to_first_pending();
        self.record_session(t);
    }

    /// Show the first unmarked card of the queue, or the summary if none is.
    fn go_to_first_pending(&mut self) {
        match self.queue.next_pending(0) {
            Some(slot) => {
                self.pos = slot;
                self.phase = Phase::Question;
            }
            None => {
                self.pos = 0;
                self.phase = Phase::Finished;
            }
        }
    }

    /// The queue of the current pass, from the card records alone, as the
    /// queue policy builds it.
    pub(super) fn rebuild_queue(&mut self) {
        self.queue = self.policy.build(&PassInput {
            cards: &self.cards,
            filtered: &self.filtered,
            progress: &self.progress,
            pass: self.pass,
            pass_started: self.pass_started,
        });
    }
}

/// Store `entry` for `id`, allocating the key only for a new card.
pub(super) fn put(progress: &mut Progress, id: &str, entry: CardProgress) {
    match progress.cards.get_mut(id) {
        Some(slot) => *slot = entry,
        None => {
            progress.cards.insert(id.to_string(), entry);
        }
    }
}
