//! The drill itself: a pure state machine over a queue of cards.
//!
//! It takes `now` with every action and returns the effects the caller must
//! carry out (save, quit), so every key a user can press is testable without a
//! terminal, a disk or a clock. Marking and moving cost O(log n) at most:
//! counters are kept incrementally and the unmarked queue slots sit in an
//! ordered set.

mod view;

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;

use super::counters::{Counters, after, count_selected, reset_selected};
use super::filter::{Filter, Order};
use super::progress::{CardProgress, Mark, Pass, Progress, SessionState, Status};
use crate::deck::Card;
pub use view::{Summary, Tally};

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
    /// Only the session (position, pass) changed: save now or before exiting.
    SaveSession,
    /// Leave the drill.
    Quit,
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

/// One mark, with what it replaced.
#[derive(Clone, Debug)]
struct Step {
    /// Index into `cards` of the card marked.
    card: usize,
    /// Its slot in the current queue; `None` while a filter change has
    /// taken the card out of the queue (the step waits for it to return).
    slot: Option<usize>,
    before: Option<CardProgress>,
    mark: Mark,
    was_pending: bool,
}

/// A drill over the cards a filter selects. Owns the cards and the progress;
/// hand `progress()` to the store whenever an effect asks for a save.
#[derive(Clone, Debug)]
pub struct Engine {
    cards: Vec<Card>,
    progress: Progress,
    filter: Filter,
    order: Order,
    /// Indices into `cards` of the filtered cards, in drill order.
    filtered: Vec<usize>,
    /// Indices into `cards`: the cards of this pass.
    queue: Vec<usize>,
    /// Slots of `queue` not yet marked in this pass.
    pending: BTreeSet<usize>,
    pos: usize,
    phase: Phase,
    pass: Pass,
    pass_started: Timestamp,
    session_started: Timestamp,
    /// The latest time handed out; every change is dated strictly after it.
    clock: Timestamp,
    counters: Counters,
    tally: Tally,
    undo: Vec<Step>,
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

    /// The saved session, rebuilt: same filter, same order, same pass, on the
    /// same card (or, if that card is gone from its deck or was marked after
    /// the session was saved, the next unmarked one). Without a saved session
    /// this is `start` with every card in deck order.
    ///
    /// The session resumed is `progress.session`; to resume the session of a
    /// filter, call [`Progress::activate_session`] first. A session that is
    /// not the newest saved one is recorded again (with `SaveSession`), so
    /// it becomes the last session.
    pub fn resume(cards: Vec<Card>, progress: Progress, now: Timestamp) -> (Engine, Vec<Effect>) {
        let Some(saved) = progress.session.clone() else {
            return Engine::start(cards, progress, Filter::all(), Order::Deck, now);
        };
        let newest = progress
            .sessions
            .iter()
            .all(|earlier| earlier.updated < saved.updated);
        let mut engine = Engine::build(cards, progress, saved.filter.clone(), saved.order, now);
        engine.pass = saved.pass;
        engine.pass_started = saved.pass_started;
        engine.rebuild_queue();
        let found = saved.current.as_deref().and_then(|id| {
            engine
                .queue
                .iter()
                .position(|&index| engine.cards[index].id == id)
        });
        if engine.pending.is_empty() {
            engine.pos = found.unwrap_or(saved.position.min(engine.queue.len().saturating_sub(1)));
            engine.phase = Phase::Finished;
        } else if let Some(slot) = found {
            // A card marked after the session was saved (in a session of
            // another filter that shares it) is done: go on to the next
            // unmarked card, as if it had been marked here.
            let marked_since = saved.current.as_deref().is_some_and(|id| {
                engine
                    .progress
                    .get(id)
                    .and_then(|entry| entry.last_marked)
                    .is_some_and(|t| t > saved.updated)
            });
            engine.pos = if marked_since && !engine.pending.contains(&slot) {
                engine.next_pending(slot).unwrap_or(slot)
            } else {
                slot
            };
            engine.phase = Phase::Question;
        } else {
            // The card left its deck: cards before it were marked (unless the
            // user moved ahead without marking), so the first unmarked card
            // is the one that followed it.
            engine.pos = engine.next_pending(0).unwrap_or(0);
            engine.phase = Phase::Question;
        }
        let current = engine.current().map(|card| card.id.as_str());
        if newest && current == saved.current.as_deref() && engine.pos == saved.position {
            (engine, Vec::new())
        } else {
            let t = engine.tick(now);
            engine.record_session(t);
            (engine, vec![Effect::SaveSession])
        }
    }

    fn build(
        cards: Vec<Card>,
        progress: Progress,
        filter: Filter,
        order: Order,
        now: Timestamp,
    ) -> Engine {
        let mut filtered = filter.select(&cards);
        order.arrange(&mut filtered);
        let counters = count_selected(&cards, &filtered, &progress);
        let mut clock = Timestamp::MIN;
        for card in filtered.iter().map(|&index| &cards[index]) {
            if let Some(entry) = progress.cards.get(&card.id) {
                clock = clock.max(entry.updated);
                clock = clock.max(entry.last_marked.unwrap_or(clock));
            }
        }
        if let Some(session) = &progress.session {
            clock = clock.max(session.updated).max(session.pass_started);
        }
        // Dating changes after every saved session keeps the one this engine
        // records the newest, so a merge keeps it as the current session.
        for session in &progress.sessions {
            clock = clock.max(session.updated);
        }
        Engine {
            cards,
            progress,
            filter,
            order,
            filtered,
            queue: Vec::new(),
            pending: BTreeSet::new(),
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
            Action::Undo => self.undo(now),
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
            _ => self.queue.get(self.pos).copied(),
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
        let t = self.tick(now);
        self.record_session(t);
        vec![Effect::SaveSession]
    }

    fn mark(&mut self, mark: Mark, now: Timestamp) -> Vec<Effect> {
        if self.phase == Phase::Finished {
            return Vec::new();
        }
        let Some(&index) = self.queue.get(self.pos) else {
            return Vec::new();
        };
        let t = self.tick(now);
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
        *self.tally.slot(mark) += 1;
        let was_pending = self.pending.remove(&self.pos);
        self.undo.push(Step {
            card: index,
            slot: Some(self.pos),
            before,
            mark,
            was_pending,
        });
        match self.next_pending(self.pos + 1) {
            Some(slot) => {
                self.pos = slot;
                self.phase = Phase::Question;
            }
            None => self.phase = Phase::Finished,
        }
        self.record_session(t);
        vec![Effect::SaveProgress]
    }

    fn undo(&mut self, now: Timestamp) -> Vec<Effect> {
        if !self.can_undo() {
            return Vec::new();
        }
        let Some(step) = self.undo.pop() else {
            return Vec::new();
        };
        let (index, slot) = (step.card, step.slot.unwrap_or(self.pos));
        let t = self.tick(now);
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
        let count = self.tally.slot(step.mark);
        *count = count.saturating_sub(1);
        if step.was_pending {
            self.pending.insert(slot);
        }
        self.pos = slot;
        self.phase = Phase::Question;
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
        } else if self.pending.is_empty() {
            self.phase = Phase::Finished;
        } else {
            return Vec::new();
        }
        self.moved(now)
    }

    fn moved(&mut self, now: Timestamp) -> Vec<Effect> {
        let t = self.tick(now);
        self.record_session(t);
        vec![Effect::SaveSession]
    }

    fn drill_again(&mut self, pass: Pass, now: Timestamp) -> Vec<Effect> {
        let available = match pass {
            Pass::Skipped => self.counters.all.skipped,
            Pass::Learnt => self.counters.all.learnt,
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
        let t = self.tick(now);
        reset_selected(&self.cards, &self.filtered, &mut self.progress, t);
        self.counters = count_selected(&self.cards, &self.filtered, &self.progress);
        self.begin_pass(Pass::Main, now);
        vec![Effect::SaveProgress]
    }

    /// Start a pass: a fresh queue, nothing to undo, on its first card.
    fn begin_pass(&mut self, pass: Pass, now: Timestamp) {
        let t = self.tick(now);
        self.pass = pass;
        self.pass_started = t;
        self.undo.clear();
        self.rebuild_queue();
        self.go_to_first_pending();
        self.record_session(t);
    }

    /// Show the first unmarked card of the queue, or the summary if none is.
    fn go_to_first_pending(&mut self) {
        match self.next_pending(0) {
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

    /// The queue of the current pass, from the card records alone: a card
    /// belongs to it when its status fits the pass or when it was marked
    /// since the pass began (it is then no longer pending). A card reset
    /// since (unseen again, its last mark kept) counts as unmarked, so a
    /// `prepdeck reset` puts it back in every saved session's queue. In the
    /// main pass marked cards are placed with the unseen ones, which keeps
    /// every unmarked card in its original place.
    fn rebuild_queue(&mut self) {
        let mut first = Vec::new();
        let mut second = Vec::new();
        for &index in &self.filtered {
            let entry = self.progress.cards.get(&self.cards[index].id);
            let status = entry.map_or(Status::Unseen, |e| e.status);
            let marked = status != Status::Unseen
                && entry
                    .and_then(|e| e.last_marked)
                    .is_some_and(|t| t >= self.pass_started);
            let group = match (self.pass, status) {
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
        self.pending = first
            .iter()
            .enumerate()
            .filter(|(_, (_, pending))| *pending)
            .map(|(slot, _)| slot)
            .collect();
        self.queue = first.into_iter().map(|(index, _)| index).collect();
    }

    /// The first pending slot at or after `from`, wrapping to the start.
    fn next_pending(&self, from: usize) -> Option<usize> {
        self.pending
            .range(from..)
            .next()
            .or_else(|| self.pending.iter().next())
            .copied()
    }

    /// A timestamp for a change: `now`, or just after the last one handed out,
    /// so changes are strictly ordered even with a fixed or backward clock.
    fn tick(&mut self, now: Timestamp) -> Timestamp {
        self.clock = after(now, self.clock);
        self.clock
    }

    fn record_session(&mut self, t: Timestamp) {
        let current = self.queue.get(self.pos).map(|&index| &self.cards[index].id);
        match &mut self.progress.session {
            Some(session) if session.filter == self.filter => {
                match (&mut session.current, current) {
                    (Some(saved), Some(id)) if saved == id => {}
                    (saved, id) => *saved = id.cloned(),
                }
                session.order = self.order;
                session.pass = self.pass;
                session.pass_started = self.pass_started;
                session.position = self.pos;
                session.updated = t;
            }
            _ => {
                // A session for another filter: the one it replaces is kept
                // among the earlier sessions, to be resumed by its filter.
                let session = SessionState {
                    current: current.cloned(),
                    filter: self.filter.clone(),
                    order: self.order,
                    pass: self.pass,
                    pass_started: self.pass_started,
                    position: self.pos,
                    updated: t,
                };
                self.progress.replace_session(session);
            }
        }
    }
}

/// Store `entry` for `id`, allocating the key only for a new card.
fn put(progress: &mut Progress, id: &str, entry: CardProgress) {
    match progress.cards.get_mut(id) {
        Some(slot) => *slot = entry,
        None => {
            progress.cards.insert(id.to_string(), entry);
        }
    }
}
