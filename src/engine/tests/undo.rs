//! Undo: the last mark of the pass comes back, status and counters included.

use super::*;

#[test]
fn undo_reverts_status_counters_and_position() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(&mut engine, &mut clock, &[KNEW, SKIPPED]);
    assert_eq!(engine.counters().all.of(Status::Skipped), 1);
    assert_eq!(
        engine.apply(Action::Undo, clock.now()),
        [Effect::SaveProgress]
    );
    assert_eq!(at(&engine), "web/b");
    assert_eq!(engine.phase(), Phase::Question);
    assert_eq!(engine.current_status(), Some(Status::Unseen));
    let counts = engine.counters().all;
    assert_eq!(
        (
            counts.of(Status::Knew),
            counts.of(Status::Skipped),
            counts.of(Status::Unseen)
        ),
        (1, 0, 5)
    );
    assert_eq!(
        engine.counters().level(Level::Beginner).of(Status::Unseen),
        1
    );
    assert_eq!(engine.tally().of(Mark::Skipped), 0);
    assert_eq!(engine.remaining(), 5);
}

#[test]
fn last_mark_names_what_undo_would_take_back() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    assert!(engine.last_mark().is_none());
    run(&mut engine, &mut clock, &[KNEW, SKIPPED]);
    let (card, mark) = engine.last_mark().expect("a mark to take back");
    assert_eq!((card.id.as_str(), mark), ("web/b", Mark::Skipped));
    engine.apply(Action::Undo, clock.now());
    let (card, mark) = engine.last_mark().expect("the first mark");
    assert_eq!((card.id.as_str(), mark), ("web/a", Mark::Knew));
    engine.apply(Action::Undo, clock.now());
    assert!(engine.last_mark().is_none());
}

#[test]
fn undoing_a_first_mark_leaves_a_newer_unseen_record_not_a_gap() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    engine.apply(KNEW, clock.now());
    let undone_at = clock.now();
    engine.apply(Action::Undo, undone_at);
    let entry = engine.progress().get("web/a").unwrap();
    assert_eq!(entry.status, Status::Unseen);
    assert_eq!(entry.times_marked, 0);
    assert_eq!(entry.first_marked, None);
    assert_eq!(entry.last_marked, None);
    assert_eq!(entry.updated, undone_at);
}

#[test]
fn undoing_a_second_mark_restores_the_first_one_with_a_new_date() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    let first = clock.now();
    engine.apply(SKIPPED, first);
    run(
        &mut engine,
        &mut clock,
        &[Action::Previous, KNEW, Action::Undo],
    );
    let entry = engine.progress().get("web/a").unwrap();
    assert_eq!(entry.status, Status::Skipped);
    assert_eq!(entry.times_marked, 1);
    assert_eq!(entry.last_marked, Some(first));
    assert!(entry.updated > first);
    assert_eq!(at(&engine), "web/a");
    // It was already marked in this pass, so it stays out of the unmarked set.
    assert_eq!(engine.remaining(), 5);
}

#[test]
fn undo_works_across_the_end_of_the_queue() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    walk(&mut engine, &mut clock, Mark::Learnt);
    assert_eq!(engine.phase(), Phase::Finished);
    engine.apply(Action::Undo, clock.now());
    assert_eq!(engine.phase(), Phase::Question);
    assert_eq!(at(&engine), "db/f");
    assert_eq!(engine.counters().all.of(Status::Learnt), 5);
    assert_eq!(engine.counters().all.of(Status::Unseen), 1);
    engine.apply(KNEW, clock.now());
    assert_eq!(engine.phase(), Phase::Finished);
    assert_eq!(engine.counters().all.of(Status::Knew), 1);
}

#[test]
fn undo_walks_back_through_every_mark_of_the_pass() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    walk(&mut engine, &mut clock, Mark::Knew);
    for _ in 0..6 {
        assert!(engine.can_undo());
        engine.apply(Action::Undo, clock.now());
    }
    assert!(!engine.can_undo());
    assert_eq!(engine.apply(Action::Undo, clock.now()), []);
    assert_eq!(at(&engine), "web/a");
    assert_eq!(engine.counters().all.of(Status::Unseen), 6);
    assert_eq!(engine.tally(), Tally::default());
    assert_eq!(engine.remaining(), 6);
}

#[test]
fn undo_with_nothing_marked_does_nothing() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    assert_eq!(engine.apply(Action::Undo, clock.now()), []);
    assert!(engine.progress().cards.is_empty());
}

#[test]
fn a_new_pass_cannot_undo_the_previous_one() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    walk(&mut engine, &mut clock, Mark::Skipped);
    engine.apply(Action::DrillSkipped, clock.now());
    assert!(!engine.can_undo());
    assert_eq!(engine.apply(Action::Undo, clock.now()), []);
}

#[test]
fn undo_after_moving_away_returns_to_the_undone_card() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(
        &mut engine,
        &mut clock,
        &[KNEW, Action::Next, Action::Next, Action::Undo],
    );
    assert_eq!(at(&engine), "web/a");
    assert_eq!(engine.current_status(), Some(Status::Unseen));
}
