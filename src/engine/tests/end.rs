//! The end of the queue: the summary and its choices.

use super::*;

#[test]
fn the_summary_counts_the_filtered_cards_and_the_time_spent() {
    let mut clock = Clock::new();
    let started = clock.peek();
    let (mut engine, _) = Engine::start(
        sample(),
        Progress::default(),
        Filter::all(),
        Order::Deck,
        started,
    );
    run(
        &mut engine,
        &mut clock,
        &[KNEW, LEARNT, SKIPPED, KNEW, KNEW, SKIPPED],
    );
    let now = clock.now();
    let summary = engine.summary(now);
    assert_eq!(summary.counters.all.of(Status::Knew), 3);
    assert_eq!(summary.counters.all.of(Status::Learnt), 1);
    assert_eq!(summary.counters.all.of(Status::Skipped), 2);
    assert_eq!(summary.counters.all.seen(), 6);
    assert_eq!(summary.counters.level(Level::Beginner).of(Status::Knew), 1);
    assert_eq!(
        summary.counters.level(Level::Advanced).of(Status::Skipped),
        1
    );
    assert_eq!(summary.tally.total(), 6);
    assert_eq!(summary.time_spent, now.duration_since(started));
    assert_eq!(summary.pass, Pass::Main);
    assert_eq!(
        summary.choices,
        [
            Choice::DrillSkipped,
            Choice::DrillLearnt,
            Choice::ResetFiltered,
            Choice::Quit
        ]
    );
}

#[test]
fn time_spent_is_never_negative() {
    let mut clock = Clock::new();
    let engine = start(sample(), &mut clock);
    let earlier = jiff::Timestamp::from_second(0).unwrap();
    assert_eq!(
        engine.summary(earlier).time_spent,
        jiff::SignedDuration::ZERO
    );
}

#[test]
fn choices_are_only_offered_at_the_end_and_only_when_they_apply() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    assert!(engine.choices().is_empty());
    assert_eq!(engine.apply(Action::DrillSkipped, clock.now()), []);
    assert_eq!(engine.apply(Action::ResetFiltered, clock.now()), []);
    walk(&mut engine, &mut clock, Mark::Knew);
    assert_eq!(engine.choices(), [Choice::ResetFiltered, Choice::Quit]);
    assert_eq!(engine.apply(Action::DrillSkipped, clock.now()), []);
    assert_eq!(engine.apply(Action::DrillLearnt, clock.now()), []);
    assert_eq!(engine.phase(), Phase::Finished);
}

#[test]
fn drilling_skipped_again_queues_only_the_skipped_cards() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(
        &mut engine,
        &mut clock,
        &[SKIPPED, KNEW, SKIPPED, LEARNT, KNEW, SKIPPED],
    );
    assert_eq!(
        engine.apply(Action::DrillSkipped, clock.now()),
        [Effect::SaveSession]
    );
    assert_eq!(engine.pass(), Pass::Skipped);
    assert_eq!(engine.queue_len(), 3);
    let shown = walk(&mut engine, &mut clock, Mark::Knew);
    assert_eq!(shown, ["web/a", "web/c", "db/f"]);
    assert_eq!(engine.counters().all.of(Status::Knew), 5);
    assert_eq!(
        engine.choices(),
        [Choice::DrillLearnt, Choice::ResetFiltered, Choice::Quit]
    );
}

#[test]
fn drilling_learnt_again_keeps_their_status_until_marked() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(
        &mut engine,
        &mut clock,
        &[LEARNT, KNEW, LEARNT, KNEW, KNEW, KNEW],
    );
    engine.apply(Action::DrillLearnt, clock.now());
    assert_eq!(engine.pass(), Pass::Learnt);
    assert_eq!(at(&engine), "web/a");
    assert_eq!(engine.current_status(), Some(Status::Learnt));
    assert_eq!(engine.counters().all.of(Status::Learnt), 2);
    engine.apply(KNEW, clock.now());
    assert_eq!(engine.counters().all.of(Status::Learnt), 1);
    assert_eq!(at(&engine), "web/c");
    engine.apply(SKIPPED, clock.now());
    assert_eq!(engine.phase(), Phase::Finished);
    assert_eq!(engine.counters().all.of(Status::Skipped), 1);
}

#[test]
fn reset_sets_the_filtered_cards_unseen_and_starts_over() {
    let mut clock = Clock::new();
    let filter = Filter::all().with_decks(["web"]);
    let mut progress = Progress::default();
    progress
        .cards
        .insert("db/d".into(), marked(Status::Knew, clock.now()));
    let mut engine = start_with(sample(), progress, filter, Order::Deck, &mut clock);
    walk(&mut engine, &mut clock, Mark::Knew);
    let reset_at = clock.now();
    assert_eq!(
        engine.apply(Action::ResetFiltered, reset_at),
        [Effect::SaveProgress]
    );
    assert_eq!(engine.phase(), Phase::Question);
    assert_eq!(engine.pass(), Pass::Main);
    assert_eq!(at(&engine), "web/a");
    assert_eq!(engine.counters().all.of(Status::Unseen), 3);
    assert!(!engine.can_undo());
    let entry = engine.progress().get("web/a").unwrap();
    assert_eq!(entry.status, Status::Unseen);
    assert_eq!(entry.times_marked, 1, "history is kept");
    assert_eq!(entry.updated, reset_at);
    // Cards outside the filter keep their status.
    assert_eq!(engine.progress().status("db/d"), Status::Knew);
    assert_eq!(walk(&mut engine, &mut clock, Mark::Knew).len(), 3);
}

#[test]
fn an_all_known_deck_starts_at_the_end() {
    let mut clock = Clock::new();
    let mut progress = Progress::default();
    for card in sample() {
        progress
            .cards
            .insert(card.id.clone(), marked(Status::Knew, clock.now()));
    }
    let engine = start_with(sample(), progress, Filter::all(), Order::Deck, &mut clock);
    assert_eq!(engine.phase(), Phase::Finished);
    assert_eq!(engine.queue_len(), 0);
    assert_eq!(engine.choices(), [Choice::ResetFiltered, Choice::Quit]);
}
