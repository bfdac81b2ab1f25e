//! Sessions: which saved session a drill goes on with, how it is rebuilt,
//! and how the engine records where it is after every change.
//!
//! A session is the filter, the order, the pass and the card on screen.
//! Each filter keeps its own (the last one plus a bounded list of earlier
//! ones in [`Progress`]), so drilling beginner cards, then advanced, then
//! beginner again lands on the beginner card left. This is policy, not
//! drawing: the terminal only asks for it.

use jiff::Timestamp;

use super::drill::{Effect, Engine, Phase};
use super::filter::{Filter, Order};
use super::progress::{Progress, SessionState};
use crate::deck::Card;

/// The order a drill was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderRequest {
    /// Whatever the saved session used; deck order for a new one.
    Any,
    /// Exactly this order.
    Exact(Order),
    /// Any shuffle; a new session uses this seed.
    Shuffled { fresh_seed: u64 },
}

impl OrderRequest {
    /// Whether a saved session in `saved` order satisfies the request.
    fn accepts(self, saved: Order) -> bool {
        match self {
            OrderRequest::Any => true,
            OrderRequest::Exact(wanted) => wanted == saved,
            OrderRequest::Shuffled { .. } => matches!(saved, Order::Shuffled { .. }),
        }
    }

    /// The order of a new session.
    fn for_new_session(self) -> Order {
        match self {
            OrderRequest::Any => Order::Deck,
            OrderRequest::Exact(order) => order,
            OrderRequest::Shuffled { fresh_seed } => Order::Shuffled { seed: fresh_seed },
        }
    }
}

/// The session for `filter`: the one saved for the same filter (the last
/// session, or an earlier one left for another filter since) when its order
/// fits the request, otherwise a new session.
pub fn start_or_resume(
    cards: Vec<Card>,
    mut progress: Progress,
    filter: Filter,
    order: OrderRequest,
    now: Timestamp,
) -> (Engine, Vec<Effect>) {
    // A session saved earlier for this filter, even if other filters were
    // drilled since, is the one to go on with.
    let saved_for_filter = progress.activate_session(&filter);
    let resume = saved_for_filter
        && progress
            .session
            .as_ref()
            .is_some_and(|saved| order.accepts(saved.order));
    if resume {
        return Engine::resume(cards, progress, now);
    }
    Engine::start(cards, progress, filter, order.for_new_session(), now)
}

impl Engine {
    /// The saved session, rebuilt: same filter, same order, same pass, on the
    /// same card (or, if that card is gone from its deck or was marked after
    /// the session was saved, the next unmarked one). Without a saved session
    /// this is `start` with every card in deck order.
    ///
    /// The session resumed is `progress.session`; to resume the session of a
    /// filter, call [`Progress::activate_session`] first (or use
    /// [`start_or_resume`]). A session that is not the newest saved one is
    /// recorded again (with `SaveSession`), so it becomes the last session.
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
                .cards
                .iter()
                .position(|&index| engine.cards[index].id == id)
        });
        if engine.queue.pending.is_empty() {
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
            engine.pos = if marked_since && !engine.queue.pending.contains(&slot) {
                engine.queue.next_pending(slot).unwrap_or(slot)
            } else {
                slot
            };
            engine.phase = Phase::Question;
        } else {
            // The card left its deck: cards before it were marked (unless the
            // user moved ahead without marking), so the first unmarked card
            // is the one that followed it.
            engine.pos = engine.queue.next_pending(0).unwrap_or(0);
            engine.phase = Phase::Question;
        }
        let current = engine.current().map(|card| card.id.as_str());
        if newest && current == saved.current.as_deref() && engine.pos == saved.position {
            (engine, Vec::new())
        } else {
            let t = engine.clock.tick(now);
            engine.record_session(t);
            (engine, vec![Effect::SaveSession])
        }
    }

    /// Writes where the drill is into the progress, dated `t`: the current
    /// session when the filter is the same, otherwise a new current session
    /// (the one it replaces is kept among the earlier sessions, to be
    /// resumed by its filter).
    pub(super) fn record_session(&mut self, t: Timestamp) {
        let current = self.queue.card(self.pos).map(|index| &self.cards[index].id);
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
