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
    assert_eq!(resumed.choices()[0], Choice::DrillSkipped);
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
    assert_eq!(resumed.counters().all.of(Status::Learnt), 0);
    assert_eq!(resumed.counters().all.of(Status::Knew), 1);
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

/// The tags of the current session's filter, then of the earlier ones.
fn session_tags(progress: &Progress) -> Vec<String> {
    progress
        .session
        .iter()
        .chain(&progress.sessions)
        .map(|session| session.filter.tags.join(","))
        .collect()
}

#[test]
fn a_session_left_for_another_filter_resumes_on_its_card_in_its_order_and_pass() {
    let mut clock = Clock::new();
    let cards = sample();
    let upper = Filter::all().with_levels([Level::Intermediate, Level::Advanced]);
    let mut first = start_with(
        cards.clone(),
        Progress::default(),
        upper.clone(),
        Order::Shuffled { seed: 5 },
        &mut clock,
    );
    walk(&mut first, &mut clock, Mark::Skipped);
    first.apply(Action::DrillSkipped, clock.now());
    run(&mut first, &mut clock, &[KNEW, Action::Next]);
    let left_on = at(&first);

    // The same data folder, another filter: its marks do not touch `upper`.
    let beginner = Filter::all().with_levels([Level::Beginner]);
    let mut second = start_with(
        cards.clone(),
        first.progress().clone(),
        beginner.clone(),
        Order::Deck,
        &mut clock,
    );
    run(&mut second, &mut clock, &[KNEW]);
    let mut progress = second.progress().clone();
    assert_eq!(
        progress.session.as_ref().map(|s| &s.filter),
        Some(&beginner)
    );
    assert_eq!(progress.sessions.len(), 1, "the first session is kept");

    assert!(progress.activate_session(&upper));
    assert_eq!(progress.sessions[0].filter, beginner);
    let (mut resumed, effects) = Engine::resume(cards, progress, clock.now());
    assert_eq!(
        effects,
        [Effect::SaveSession],
        "recorded again, as the newest session"
    );
    assert_eq!(at(&resumed), left_on);
    assert_eq!(resumed.filter(), &upper);
    assert_eq!(resumed.order(), Order::Shuffled { seed: 5 });
    assert_eq!(resumed.pass(), Pass::Skipped);
    assert_eq!(resumed.position(), first.position());
    assert_eq!(resumed.queue_len(), first.queue_len());
    let saved = resumed.progress();
    let newest = saved.session.as_ref().map(|s| s.updated);
    assert!(saved.sessions.iter().all(|s| Some(s.updated) < newest));
    let expected = walk(&mut first, &mut clock, Mark::Knew);
    assert_eq!(walk(&mut resumed, &mut clock, Mark::Knew), expected);
}

#[test]
fn a_saved_card_marked_in_another_filters_session_is_passed_over() {
    let mut clock = Clock::new();
    let cards = sample();
    let cache = Filter::all().with_tags(["cache"]);
    let first = start_with(
        cards.clone(),
        Progress::default(),
        cache.clone(),
        Order::Deck,
        &mut clock,
    );
    assert_eq!(at(&first), "web/b");
    let mut every = start_with(
        cards.clone(),
        first.into_progress(),
        Filter::all(),
        Order::Deck,
        &mut clock,
    );
    run(&mut every, &mut clock, &[KNEW, KNEW]);
    let mut progress = every.into_progress();
    assert!(progress.activate_session(&cache));
    let (resumed, _) = Engine::resume(cards, progress, clock.now());
    assert_eq!(at(&resumed), "web/c", "web/b was marked meanwhile");
    assert_eq!(resumed.remaining(), 1);
}

#[test]
fn a_filter_without_a_saved_session_activates_nothing() {
    let mut clock = Clock::new();
    let engine = start(sample(), &mut clock);
    let mut progress = engine.into_progress();
    let before = progress.clone();
    assert!(!progress.activate_session(&Filter::all().with_tags(["sql"])));
    assert_eq!(progress, before);
    assert!(
        progress.activate_session(&Filter::all()),
        "already the current one"
    );
    assert_eq!(progress, before);
}

#[test]
fn earlier_sessions_are_kept_once_per_filter_newest_first_up_to_the_cap() {
    let mut clock = Clock::new();
    let tag = |i: usize| Filter::all().with_tags([format!("t{i}")]);
    let mut progress = Progress::default();
    let count = Progress::EARLIER_SESSIONS + 8;
    for i in 0..count {
        progress = start_with(sample(), progress, tag(i), Order::Deck, &mut clock).into_progress();
    }
    let newest_first: Vec<String> = (0..count).rev().map(|i| format!("t{i}")).collect();
    assert_eq!(
        session_tags(&progress),
        newest_first[..=Progress::EARLIER_SESSIONS]
    );

    // A new session for a filter with a saved one supersedes it.
    progress = start_with(sample(), progress, tag(20), Order::Deck, &mut clock).into_progress();
    let tags = session_tags(&progress);
    assert_eq!(tags[..3], ["t20", "t39", "t38"]);
    assert_eq!(tags.iter().filter(|t| *t == "t20").count(), 1);
    assert_eq!(tags.len(), Progress::EARLIER_SESSIONS + 1);

    // Activating moves the current session to the front of the earlier ones.
    assert!(progress.activate_session(&tag(10)));
    let tags = session_tags(&progress);
    assert_eq!(tags[..3], ["t10", "t20", "t39"]);
    assert_eq!(tags.iter().filter(|t| *t == "t10").count(), 1);
    assert!(!progress.activate_session(&tag(0)), "dropped past the cap");
}

#[test]
fn a_reset_keeps_the_session_and_its_reset_cards_come_back_after_its_card() {
    let mut clock = Clock::new();
    let cards = sample();
    let mut engine = start(cards.clone(), &mut clock);
    run(&mut engine, &mut clock, &[KNEW, KNEW, KNEW]);
    let mut progress = engine.into_progress();
    let beginner = Filter::all().with_levels([Level::Beginner]);
    assert_eq!(reset(&cards, &mut progress, &beginner, clock.now()), 2);
    let (mut resumed, effects) = Engine::resume(cards, progress, clock.now());
    assert_eq!(effects, []);
    assert_eq!(resumed.remaining(), 5);
    assert_eq!(
        walk(&mut resumed, &mut clock, Mark::Knew),
        ["db/d", "db/e", "db/f", "web/a", "web/b"]
    );
}
