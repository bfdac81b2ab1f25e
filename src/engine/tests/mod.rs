//! Engine tests: scripts of actions against in-memory decks, with a clock
//! that ticks one second per read and seeded random generators. No terminal,
//! no files.

mod counting;
mod drill;
mod end;
mod filters;
mod order;
mod resume;
mod undo;

use jiff::Timestamp;

use super::*;
use crate::deck::{Card, Level};

pub use crate::testing::Clock;

pub fn card(deck: &str, local: &str, level: Level, tags: &[&str]) -> Card {
    crate::testing::card(deck, local, level).tagged(tags)
}

/// Six cards over two decks and three levels:
/// `web/a b` beginner, `web/c` intermediate, `db/d e` (d intermediate,
/// e advanced), `db/f` advanced.
pub fn sample() -> Vec<Card> {
    vec![
        card("web", "a", Level::Beginner, &["http"]),
        card("web", "b", Level::Beginner, &["HTTP", "cache"]),
        card("web", "c", Level::Intermediate, &["cache"]),
        card("db", "d", Level::Intermediate, &["sql"]),
        card("db", "e", Level::Advanced, &["sql", "index"]),
        card("db", "f", Level::Advanced, &[]),
    ]
}

/// `n` cards in one deck, levels in thirds.
pub fn many(n: usize) -> Vec<Card> {
    (0..n)
        .map(|i| {
            let level = Level::ALL[(i * 3 / n.max(1)).min(2)];
            card("big", &format!("c{i}"), level, &[])
        })
        .collect()
}

pub fn start(cards: Vec<Card>, clock: &mut Clock) -> Engine {
    start_with(
        cards,
        Progress::default(),
        Filter::all(),
        Order::Deck,
        clock,
    )
}

pub fn start_with(
    cards: Vec<Card>,
    progress: Progress,
    filter: Filter,
    order: Order,
    clock: &mut Clock,
) -> Engine {
    let (engine, effects) = Engine::start(cards, progress, filter, order, clock.now());
    assert_eq!(effects, [Effect::SaveSession]);
    engine
}

/// Apply each action, returning the effects of each.
pub fn run(engine: &mut Engine, clock: &mut Clock, actions: &[Action]) -> Vec<Vec<Effect>> {
    actions
        .iter()
        .map(|&action| engine.apply(action, clock.now()))
        .collect()
}

/// The local id of the current card, or "end" once the queue ran out.
pub fn at(engine: &Engine) -> String {
    engine
        .current()
        .map_or("end".to_string(), |card| card.id.clone())
}

/// The ids the engine shows by marking every card `mark` until the end.
pub fn walk(engine: &mut Engine, clock: &mut Clock, mark: Mark) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..10_000 {
        match engine.current() {
            Some(card) => seen.push(card.id.clone()),
            None => break,
        }
        engine.apply(Action::Mark(mark), clock.now());
    }
    seen
}

/// A record of one mark at `t`.
pub fn marked(status: Status, t: Timestamp) -> CardProgress {
    CardProgress {
        first_marked: Some(t),
        last_marked: Some(t),
        status,
        times_marked: 1,
        updated: t,
    }
}

pub const KNEW: Action = Action::Mark(Mark::Knew);
pub const LEARNT: Action = Action::Mark(Mark::Learnt);
pub const SKIPPED: Action = Action::Mark(Mark::Skipped);
