//! Counters: kept incrementally by the engine, recomputed by `count`, and
//! always equal.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use super::*;

#[test]
fn count_covers_the_filtered_cards_per_level() {
    let mut clock = Clock::new();
    let mut progress = Progress::default();
    progress
        .cards
        .insert("web/a".into(), marked(Status::Knew, clock.now()));
    progress
        .cards
        .insert("db/e".into(), marked(Status::Skipped, clock.now()));
    progress
        .cards
        .insert("gone/x".into(), marked(Status::Knew, clock.now()));
    let counters = count(&sample(), &progress, &Filter::all());
    let all = counters.all;
    assert_eq!(all.total, 6);
    assert_eq!(
        Status::ALL.map(|s| all.of(s)),
        [4, 1, 0, 1],
        "unseen, knew, learnt, skipped"
    );
    assert_eq!(counters.all.seen(), 2);
    assert_eq!(counters.level(Level::Beginner).of(Status::Knew), 1);
    assert_eq!(counters.level(Level::Advanced).of(Status::Skipped), 1);
    assert_eq!(counters.level(Level::Intermediate).of(Status::Unseen), 2);
    let web = count(&sample(), &progress, &Filter::all().with_decks(["web"]));
    assert_eq!(
        (
            web.all.total,
            web.all.of(Status::Knew),
            web.all.of(Status::Skipped)
        ),
        (3, 1, 0)
    );
}

#[test]
fn reset_only_touches_filtered_cards_that_were_marked() {
    let mut clock = Clock::new();
    let mut progress = Progress::default();
    for id in ["web/a", "web/c", "db/d"] {
        progress
            .cards
            .insert(id.into(), marked(Status::Learnt, clock.now()));
    }
    let now = clock.now();
    let filter = Filter::all().with_decks(["web"]);
    assert_eq!(reset(&sample(), &mut progress, &filter, now), 2);
    assert_eq!(progress.status("web/a"), Status::Unseen);
    assert_eq!(progress.get("web/a").unwrap().updated, now);
    assert_eq!(progress.status("db/d"), Status::Learnt);
    assert!(
        progress.get("web/b").is_none(),
        "no record for a card never marked"
    );
    assert_eq!(reset(&sample(), &mut progress, &filter, clock.now()), 0);
}

#[test]
fn a_reset_is_dated_after_the_record_it_replaces_even_with_a_slow_clock() {
    let mut clock = Clock::new();
    let late = clock.now();
    let mut progress = Progress::default();
    progress
        .cards
        .insert("web/a".into(), marked(Status::Knew, late));
    let early = jiff::Timestamp::from_second(0).unwrap();
    reset(&sample(), &mut progress, &Filter::all(), early);
    assert!(progress.get("web/a").unwrap().updated > late);
}

/// Random scripts: after every action the engine's counters equal a full
/// recount, and the number of unmarked cards never exceeds the queue.
#[test]
fn incremental_counters_always_match_a_recount() {
    let actions = [
        Action::Reveal,
        KNEW,
        LEARNT,
        SKIPPED,
        Action::Undo,
        Action::Previous,
        Action::Next,
        Action::DrillSkipped,
        Action::DrillLearnt,
        Action::ResetFiltered,
    ];
    for seed in 0..40 {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut clock = Clock::new();
        let cards = many(25);
        let filter = if seed % 2 == 0 {
            Filter::all()
        } else {
            Filter::all().with_levels([Level::Beginner, Level::Advanced])
        };
        let mut engine = start_with(
            cards.clone(),
            Progress::default(),
            filter.clone(),
            Order::shuffled(&mut rng),
            &mut clock,
        );
        for step in 0..300 {
            let action = actions[rng.random_range(0..actions.len())];
            engine.apply(action, clock.now());
            let recount = count(&cards, engine.progress(), &filter);
            assert_eq!(
                engine.counters(),
                &recount,
                "seed {seed} step {step} {action:?}"
            );
            assert!(engine.remaining() <= engine.queue_len());
            if engine.phase() != Phase::Finished {
                assert!(engine.current().is_some());
            }
        }
    }
}
