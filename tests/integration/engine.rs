//! The engine and the store together, the way the app drives them: load,
//! build the engine, apply an action, carry out its effects, and start again
//! in a "new process" from what is on disk.

use jiff::Timestamp;
use prepdeck::deck::synthetic::generate;
use prepdeck::deck::{Card, Format, Level, Origin, parse_deck};
use prepdeck::engine::{
    Action, Effect, Engine, Filter, Mark, Order, Phase, Progress, Status, count, reset,
};
use prepdeck::store::Store;

use crate::common::{Clock, temp_dir};

/// A real parsed deck of `n` cards (deck id `synthetic`, levels in thirds).
fn deck(n: usize) -> Vec<Card> {
    let text = generate(n, Format::MARKDOWN);
    let parsed = parse_deck(
        text.as_bytes(),
        Origin::Builtin("synthetic.md"),
        Format::MARKDOWN,
    );
    parsed.deck.expect("the synthetic deck parses").cards
}

/// A clock ticking one second per reading.
/// What the app does with effects: save on both kinds, report a quit.
fn carry_out(store: &Store, engine: &Engine, effects: &[Effect]) -> bool {
    let mut quit = false;
    for effect in effects {
        match effect {
            Effect::SaveProgress | Effect::SaveSession => store.save(engine.progress()).unwrap(),
            Effect::Quit => quit = true,
        }
    }
    quit
}

fn current_id(engine: &Engine) -> Option<String> {
    engine.current().map(|card| card.id.clone())
}

#[test]
fn every_mark_is_on_disk_before_the_next_key() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    store.check_writable().unwrap();
    let mut clock = Clock::default();
    let (mut engine, effects) = Engine::start(
        deck(12),
        store.load().unwrap(),
        Filter::all(),
        Order::Deck,
        clock.now(),
    );
    carry_out(&store, &engine, &effects);
    for mark in [Mark::Knew, Mark::Learnt, Mark::Skipped, Mark::Knew] {
        let id = current_id(&engine).unwrap();
        let effects = engine.apply(Action::Mark(mark), clock.now());
        assert_eq!(effects, [Effect::SaveProgress]);
        carry_out(&store, &engine, &effects);
        assert_eq!(store.load().unwrap().status(&id), mark.status(), "{id}");
    }
    let effects = engine.apply(Action::Undo, clock.now());
    carry_out(&store, &engine, &effects);
    assert_eq!(
        store.load().unwrap().status("synthetic/card-3"),
        Status::Unseen
    );
}

#[test]
fn a_shuffled_drill_resumes_in_a_new_process_on_the_same_card_in_the_same_order() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let mut clock = Clock::default();
    let filter = Filter::all().with_levels([Level::Beginner, Level::Advanced]);
    let (mut engine, effects) = Engine::start(
        deck(60),
        store.load().unwrap(),
        filter.clone(),
        Order::Shuffled { seed: 2024 },
        clock.now(),
    );
    carry_out(&store, &engine, &effects);
    let script = [
        Action::Reveal,
        Action::Mark(Mark::Knew),
        Action::Mark(Mark::Skipped),
        Action::Next,
        Action::Mark(Mark::Learnt),
        Action::Previous,
        Action::Previous,
        Action::Quit,
    ];
    for action in script {
        let effects = engine.apply(action, clock.now());
        if carry_out(&store, &engine, &effects) {
            break;
        }
    }
    let on_screen = current_id(&engine);
    // What the first process would have shown next.
    let mut original = engine.clone();
    let mut expected = Vec::new();
    while let Some(id) = current_id(&original) {
        expected.push(id);
        original.apply(Action::Mark(Mark::Knew), clock.now());
    }
    drop(engine);

    let (mut resumed, effects) = Engine::resume(deck(60), store.load().unwrap(), clock.now());
    carry_out(&store, &resumed, &effects);
    assert_eq!(current_id(&resumed), on_screen);
    assert_eq!(resumed.filter(), &filter);
    assert_eq!(resumed.order(), Order::Shuffled { seed: 2024 });
    assert_eq!(resumed.phase(), Phase::Question);
    let mut shown = Vec::new();
    while let Some(id) = current_id(&resumed) {
        shown.push(id);
        let effects = resumed.apply(Action::Mark(Mark::Knew), clock.now());
        carry_out(&store, &resumed, &effects);
    }
    assert_eq!(shown, expected);
    let counters = count(&deck(60), &store.load().unwrap(), &filter);
    assert_eq!(
        counters.all.of(Status::Knew)
            + counters.all.of(Status::Learnt)
            + counters.all.of(Status::Skipped),
        40
    );
}

#[test]
fn two_drills_on_one_data_dir_lose_nothing() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let mut clock = Clock::default();
    let start = |filter: Filter, clock: &mut Clock| {
        let (engine, effects) = Engine::start(
            deck(30),
            store.load().unwrap(),
            filter,
            Order::Deck,
            clock.now(),
        );
        carry_out(&store, &engine, &effects);
        engine
    };
    let mut beginners = start(Filter::all().with_levels([Level::Beginner]), &mut clock);
    let mut advanced = start(Filter::all().with_levels([Level::Advanced]), &mut clock);
    for _ in 0..10 {
        for engine in [&mut beginners, &mut advanced] {
            let effects = engine.apply(Action::Mark(Mark::Knew), clock.now());
            carry_out(&store, engine, &effects);
        }
    }
    let saved = store.load().unwrap();
    let cards = deck(30);
    let counters = count(&cards, &saved, &Filter::all());
    assert_eq!(counters.level(Level::Beginner).of(Status::Knew), 10);
    assert_eq!(counters.level(Level::Advanced).of(Status::Knew), 10);
    // The session saved last is the one to resume.
    assert_eq!(
        saved.session.map(|s| s.filter),
        Some(Filter::all().with_levels([Level::Advanced]))
    );
}

#[test]
fn stats_and_reset_work_without_a_drill() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let cards = deck(9);
    let mut clock = Clock::default();
    let (mut engine, _) = Engine::start(
        cards.clone(),
        Progress::default(),
        Filter::all(),
        Order::Deck,
        clock.now(),
    );
    for _ in 0..9 {
        engine.apply(Action::Mark(Mark::Learnt), clock.now());
    }
    store.save(engine.progress()).unwrap();

    // `prepdeck reset --level beginner --yes`
    let mut progress = store.load().unwrap();
    let beginners = Filter::all().with_levels([Level::Beginner]);
    assert_eq!(reset(&cards, &mut progress, &beginners, clock.now()), 3);
    store.save(&progress).unwrap();

    // `prepdeck stats`
    let counters = count(&cards, &store.load().unwrap(), &Filter::all());
    assert_eq!(counters.all.of(Status::Learnt), 6);
    assert_eq!(counters.all.of(Status::Unseen), 3);
    assert_eq!(counters.level(Level::Beginner).of(Status::Unseen), 3);
    // The stale engine saving again does not undo the reset.
    store.save(engine.progress()).unwrap();
    assert_eq!(
        count(&cards, &store.load().unwrap(), &beginners)
            .all
            .of(Status::Unseen),
        3
    );
}

#[test]
fn progress_for_cards_no_deck_has_survives_drills_and_is_not_counted() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let mut clock = Clock::default();
    let (mut old, _) = Engine::start(
        deck(6),
        Progress::default(),
        Filter::all(),
        Order::Deck,
        clock.now(),
    );
    old.apply(Action::Mark(Mark::Knew), clock.now());
    store.save(old.progress()).unwrap();
    // The deck is replaced by one whose first card has a new id.
    let mut cards = deck(6);
    cards[0].id = "synthetic/renamed".into();
    let (mut engine, _) = Engine::resume(cards.clone(), store.load().unwrap(), clock.now());
    assert_eq!(engine.counters().all.seen(), 0);
    engine.apply(Action::Mark(Mark::Skipped), clock.now());
    store.save(engine.progress()).unwrap();
    let saved = store.load().unwrap();
    assert_eq!(saved.status("synthetic/card-0"), Status::Knew, "kept");
    assert_eq!(
        count(&cards, &saved, &Filter::all()).all.of(Status::Knew),
        0,
        "not counted"
    );
}

#[test]
fn a_broken_file_is_reported_before_the_drill_and_moved_aside_only_on_request() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    std::fs::write(store.progress_path(), b"{\"version\": 1, \"cards\": ").unwrap();
    let err = store.load().unwrap_err();
    assert!(err.is_broken());
    assert!(
        err.to_string().contains("progress.json is truncated"),
        "{err}"
    );
    // `prepdeck reset --broken`
    let moved = store.move_broken_aside(Timestamp::now()).unwrap().unwrap();
    assert!(moved.exists());
    let (engine, effects) = Engine::resume(deck(3), store.load().unwrap(), Timestamp::now());
    carry_out(&store, &engine, &effects);
    assert_eq!(engine.counters().all.total, 3);
}
