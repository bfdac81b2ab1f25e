//! Resuming: the same queue, in the same order, on the same card.

use super::*;

/// Resume from `engine`'s progress and check the rest of the drill matches
/// what the original engine would have shown.
fn assert_resumes_like(engine: &Engine, cards: Vec<Card>, clock: &mut Clock) -> Engine {
    let mut original = engine.clone();
    let expected_at = at(&original);
    let (mut resumed, effects) = Engine::resume(cards, engine.progress().clone(), clock.now());
    assert_eq!(effects, [], "nothing moved, nothing to save");
    assert_eq!(at(&resumed), expected_at);
    assert_eq!(resumed.counters(), original.counters());
    assert_eq!(resumed.remaining(), original.remaining());
    let copy = resumed.clone();
    let expected = walk(&mut original, clock, Mark::Knew);
    assert_eq!(walk(&mut resumed, clock, Mark::Knew), expected);
    copy
}

#[test]
fn a_resumed_shuffled_drill_lands_on_the_same_card_in_the_same_order() {
    let mut clock = Clock::new();
    let cards = many(50);
    let mut engine = start_with(
        cards.clone(),
        Progress::default(),
        Filter::all(),
        Order::Shuffled { seed: 11 },
        &mut clock,
    );
    run(
        &mut engine,
        &mut clock,
        &[KNEW, SKIPPED, LEARNT, SKIPPED, KNEW, Action::Reveal],
    );
    let resumed = assert_resumes_like(&engine, cards, &mut clock);
    assert_eq!(resumed.order(), Order::Shuffled { seed: 11 });
    assert_eq!(resumed.phase(), Phase::Question, "question first again");
}

#[test]
fn cards_skipped_before_the_break_do_not_come_back_in_the_same_pass() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(&mut engine, &mut clock, &[SKIPPED, SKIPPED]);
    let mut resumed = assert_resumes_like(&engine, cards, &mut clock);
    assert_eq!(
        walk(&mut resumed, &mut clock, Mark::Knew),
        ["web/c", "db/d", "db/e", "db/f"]
    );
}

#[test]
fn resuming_in_the_skipped_part_of_the_main_pass_keeps_its_place() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut progress = Progress::default();
    for id in ["web/a", "web/c"] {
        progress
            .cards
            .insert(id.into(), marked(Status::Skipped, clock.now()));
    }
    let mut engine = start_with(
        cards.clone(),
        progress,
        Filter::all(),
        Order::Deck,
        &mut clock,
    );
    run(&mut engine, &mut clock, &[KNEW, KNEW, KNEW, KNEW, SKIPPED]);
    assert_eq!(at(&engine), "web/c");
    assert_resumes_like(&engine, cards, &mut clock);
}

#[test]
fn resuming_after_going_back_lands_on_the_card_on_screen() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(
        &mut engine,
        &mut clock,
        &[KNEW, LEARNT, KNEW, Action::Previous, Action::Previous],
    );
    assert_eq!(at(&engine), "web/b");
    assert_resumes_like(&engine, cards, &mut clock);
}

#[test]
fn resuming_after_an_undo_queues_the_undone_card_again() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(&mut engine, &mut clock, &[KNEW, SKIPPED, Action::Undo]);
    assert_eq!(at(&engine), "web/b");
    let resumed = assert_resumes_like(&engine, cards, &mut clock);
    assert_eq!(resumed.remaining(), 5);
    assert!(!resumed.can_undo(), "undo belongs to the sitting");
}

#[test]
fn resuming_a_second_pass_keeps_the_pass() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(
        &mut engine,
        &mut clock,
        &[SKIPPED, KNEW, SKIPPED, SKIPPED, KNEW, SKIPPED],
    );
    engine.apply(Action::DrillSkipped, clock.now());
    run(&mut engine, &mut clock, &[KNEW, SKIPPED]);
    let resumed = assert_resumes_like(&engine, cards, &mut clock);
    assert_eq!(resumed.pass(), Pass::Skipped);
    assert_eq!(resumed.queue_len(), 4);
}

#[test]
fn resuming_a_finished_drill_shows_the_end() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    walk(&mut engine, &mut clock, Mark::Skipped);
    let (resumed, _) = Engine::resume(cards, engine.progress().clone(), clock.now());
    assert_eq!(resumed.phase(), Phase::Finished);
    assert_eq!(resumed.choices()[0], Action::DrillSkipped);
}

#[test]
fn resuming_without_a_session_starts_every_card_in_deck_order() {
    let mut clock = Clock::new();
    let (mut engine, effects) = Engine::resume(sample(), Progress::default(), clock.now());
    assert_eq!(effects, [Effect::SaveSession]);
    assert_eq!(engine.filter(), &Filter::all());
    assert_eq!(engine.order(), Order::Deck);
    assert_eq!(walk(&mut engine, &mut clock, Mark::Knew).len(), 6);
}

#[test]
fn a_resumed_session_keeps_its_filter() {
    let mut clock = Clock::new();
    let cards = sample();
    let filter = Filter::all().with_levels([Level::Advanced]);
    let engine = start_with(
        cards.clone(),
        Progress::default(),
        filter.clone(),
        Order::Deck,
        &mut clock,
    );
    let (resumed, _) = Engine::resume(cards, engine.progress().clone(), clock.now());
    assert_eq!(resumed.filter(), &filter);
    assert_eq!(resumed.counters().all.total, 2);
}

#[test]
fn a_card_that_left_its_deck_is_skipped_and_its_progress_kept_but_not_counted() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(&mut engine, &mut clock, &[KNEW, LEARNT]);
    assert_eq!(at(&engine), "web/c");
    // Between runs, web/b (marked) and web/c (on screen) leave the deck.
    let fewer: Vec<Card> = cards
        .into_iter()
        .filter(|c| c.id != "web/b" && c.id != "web/c")
        .collect();
    let (mut resumed, effects) =
        Engine::resume(fewer.clone(), engine.progress().clone(), clock.now());
    assert_eq!(effects, [Effect::SaveSession], "the position moved");
    assert_eq!(at(&resumed), "db/d");
    assert_eq!(resumed.counters().all.total, 4);
    assert_eq!(resumed.counters().all.learnt, 0);
    assert_eq!(resumed.counters().all.knew, 1);
    assert_eq!(resumed.progress().status("web/b"), Status::Learnt);
    assert_eq!(
        walk(&mut resumed, &mut clock, Mark::Knew),
        ["db/d", "db/e", "db/f"]
    );
    assert!(resumed.progress().cards.contains_key("web/b"));
    assert_eq!(
        count(&fewer, resumed.progress(), &Filter::all()).all.total,
        4
    );
}

#[test]
fn a_vanished_last_card_resumes_at_the_first_unmarked_one() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(
        &mut engine,
        &mut clock,
        &[Action::Next, KNEW, KNEW, KNEW, KNEW],
    );
    assert_eq!(at(&engine), "db/f");
    let fewer: Vec<Card> = cards.into_iter().filter(|c| c.id != "db/f").collect();
    let (resumed, _) = Engine::resume(fewer, engine.progress().clone(), clock.now());
    assert_eq!(at(&resumed), "web/a");
}
