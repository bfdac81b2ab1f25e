//! Marking, revealing and moving through a queue.

use super::*;

#[test]
fn a_new_drill_starts_on_the_first_card_question_first() {
    let mut clock = Clock::new();
    let engine = start(sample(), &mut clock);
    assert_eq!(at(&engine), "web/a");
    assert_eq!(engine.phase(), Phase::Question);
    assert_eq!(engine.queue_len(), 6);
    assert_eq!(engine.remaining(), 6);
    assert_eq!(engine.current_status(), Some(Status::Unseen));
}

#[test]
fn reveal_shows_the_answer_and_saves_nothing() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    assert_eq!(engine.apply(Action::Reveal, clock.now()), []);
    assert_eq!(engine.phase(), Phase::Answer);
    assert_eq!(engine.apply(Action::Reveal, clock.now()), []);
    assert_eq!(engine.phase(), Phase::Answer);
}

#[test]
fn a_mark_records_status_and_time_advances_and_asks_for_a_save() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    let now = clock.now();
    assert_eq!(engine.apply(KNEW, now), [Effect::SaveProgress]);
    let entry = engine.progress().get("web/a").unwrap();
    assert_eq!(entry.status, Status::Knew);
    assert_eq!(entry.times_marked, 1);
    assert_eq!(entry.first_marked, Some(now));
    assert_eq!(entry.last_marked, Some(now));
    assert_eq!(entry.updated, now);
    assert_eq!(at(&engine), "web/b");
    assert_eq!(engine.phase(), Phase::Question);
}

#[test]
fn marking_after_reveal_hides_the_next_answer() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(&mut engine, &mut clock, &[Action::Reveal, LEARNT]);
    assert_eq!(engine.phase(), Phase::Question);
    assert_eq!(engine.progress().status("web/a"), Status::Learnt);
}

#[test]
fn the_session_follows_the_current_card() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(&mut engine, &mut clock, &[KNEW, SKIPPED]);
    let session = engine.progress().session.as_ref().unwrap();
    assert_eq!(session.current.as_deref(), Some("web/c"));
    assert_eq!(session.position, 2);
    assert_eq!(session.pass, Pass::Main);
}

#[test]
fn unseen_cards_come_first_then_skipped_ones() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut progress = Progress::default();
    for id in ["web/a", "db/d"] {
        progress
            .cards
            .insert(id.into(), marked(Status::Skipped, clock.now()));
    }
    progress
        .cards
        .insert("web/b".into(), marked(Status::Knew, clock.now()));
    let mut engine = start_with(cards, progress, Filter::all(), Order::Deck, &mut clock);
    let order = walk(&mut engine, &mut clock, Mark::Knew);
    assert_eq!(order, ["web/c", "db/e", "db/f", "web/a", "db/d"]);
}

#[test]
fn cards_skipped_in_this_pass_do_not_come_back_before_the_end() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    let shown = walk(&mut engine, &mut clock, Mark::Skipped);
    assert_eq!(shown.len(), 6);
    assert_eq!(engine.phase(), Phase::Finished);
    assert_eq!(engine.counters().all.of(Status::Skipped), 6);
}

#[test]
fn marking_the_last_card_finishes_the_queue() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    walk(&mut engine, &mut clock, Mark::Knew);
    assert_eq!(engine.phase(), Phase::Finished);
    assert!(engine.current().is_none());
    assert_eq!(engine.remaining(), 0);
    assert_eq!(engine.apply(KNEW, clock.now()), []);
    assert_eq!(engine.apply(Action::Reveal, clock.now()), []);
    assert_eq!(engine.apply(Action::Next, clock.now()), []);
}

#[test]
fn next_and_previous_move_without_marking() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    assert_eq!(engine.apply(Action::Previous, clock.now()), []);
    assert_eq!(
        engine.apply(Action::Next, clock.now()),
        [Effect::SaveSession]
    );
    assert_eq!(at(&engine), "web/b");
    engine.apply(Action::Reveal, clock.now());
    engine.apply(Action::Previous, clock.now());
    assert_eq!(at(&engine), "web/a");
    assert_eq!(engine.phase(), Phase::Question);
    assert!(engine.progress().cards.is_empty());
    assert_eq!(engine.counters().all.seen(), 0);
}

#[test]
fn next_stops_at_the_last_card_while_cards_are_unmarked() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    for _ in 0..5 {
        engine.apply(Action::Next, clock.now());
    }
    assert_eq!(at(&engine), "db/f");
    assert_eq!(engine.apply(Action::Next, clock.now()), []);
    assert_eq!(at(&engine), "db/f");
}

#[test]
fn after_skipping_ahead_marking_the_last_card_wraps_to_the_unmarked_ones() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(&mut engine, &mut clock, &[Action::Next, Action::Next, KNEW]);
    assert_eq!(at(&engine), "db/d");
    run(&mut engine, &mut clock, &[KNEW, KNEW, KNEW]);
    assert_eq!(at(&engine), "web/a");
    run(&mut engine, &mut clock, &[KNEW, KNEW]);
    assert_eq!(engine.phase(), Phase::Finished);
}

#[test]
fn going_back_to_a_marked_card_shows_its_status_and_allows_a_new_mark() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    run(&mut engine, &mut clock, &[SKIPPED, KNEW, Action::Previous]);
    assert_eq!(at(&engine), "web/b");
    assert_eq!(engine.current_status(), Some(Status::Knew));
    run(&mut engine, &mut clock, &[LEARNT]);
    assert_eq!(at(&engine), "web/c");
    let entry = engine.progress().get("web/b").unwrap();
    assert_eq!((entry.status, entry.times_marked), (Status::Learnt, 2));
    assert_eq!(engine.counters().all.of(Status::Knew), 0);
    assert_eq!(engine.counters().all.of(Status::Learnt), 1);
    assert_eq!(engine.tally().total(), 3);
}

#[test]
fn previous_from_the_end_returns_to_the_last_card() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    walk(&mut engine, &mut clock, Mark::Knew);
    assert_eq!(
        engine.apply(Action::Previous, clock.now()),
        [Effect::SaveSession]
    );
    assert_eq!(at(&engine), "db/f");
    assert_eq!(
        engine.apply(Action::Next, clock.now()),
        [Effect::SaveSession]
    );
    assert_eq!(engine.phase(), Phase::Finished);
}

#[test]
fn quit_asks_to_save_the_session_and_leave() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    assert_eq!(
        engine.apply(Action::Quit, clock.now()),
        [Effect::SaveSession, Effect::Quit]
    );
}

#[test]
fn changes_are_dated_strictly_in_order_even_with_a_stopped_clock() {
    let mut clock = Clock::new();
    let mut engine = start(sample(), &mut clock);
    let frozen = clock.now();
    for _ in 0..3 {
        engine.apply(KNEW, frozen);
    }
    let times: Vec<_> = ["web/a", "web/b", "web/c"]
        .iter()
        .map(|id| engine.progress().get(id).unwrap().updated)
        .collect();
    assert!(times[0] < times[1] && times[1] < times[2], "{times:?}");
}

#[test]
fn a_backward_clock_still_dates_a_change_after_the_record_it_replaces() {
    let mut clock = Clock::new();
    let late = clock.now();
    let mut progress = Progress::default();
    progress
        .cards
        .insert("web/a".into(), marked(Status::Skipped, late));
    let early = Timestamp::from_second(1_000_000_000).unwrap();
    let (mut engine, _) = Engine::start(sample(), progress, Filter::all(), Order::Deck, early);
    for _ in 0..5 {
        engine.apply(Action::Next, early);
    }
    assert_eq!(at(&engine), "web/a");
    engine.apply(KNEW, early);
    assert_eq!(engine.progress().status("web/a"), Status::Knew);
    assert!(engine.progress().get("web/a").unwrap().updated > late);
}
