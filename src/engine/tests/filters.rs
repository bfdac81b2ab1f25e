//! Filters: levels, decks and tags, ANDed across kinds and ORed within one.

use super::*;

fn ids(cards: &[Card], filter: &Filter) -> Vec<String> {
    filter
        .select(cards)
        .into_iter()
        .map(|i| cards[i].id.clone())
        .collect()
}

#[test]
fn an_empty_filter_lets_everything_through() {
    let cards = sample();
    assert!(Filter::all().is_all());
    assert_eq!(ids(&cards, &Filter::all()).len(), 6);
}

#[test]
fn levels_within_one_list_are_ored() {
    let filter = Filter::all().with_levels([Level::Beginner, Level::Advanced]);
    assert_eq!(ids(&sample(), &filter), ["web/a", "web/b", "db/e", "db/f"]);
}

#[test]
fn kinds_are_anded() {
    let filter = Filter::all()
        .with_levels([Level::Intermediate])
        .with_decks(["db"]);
    assert_eq!(ids(&sample(), &filter), ["db/d"]);
    let filter = Filter::all().with_decks(["web"]).with_tags(["sql"]);
    assert!(ids(&sample(), &filter).is_empty());
}

#[test]
fn tags_compare_case_insensitively() {
    let filter = Filter::all().with_tags(["Http"]);
    assert_eq!(ids(&sample(), &filter), ["web/a", "web/b"]);
    let filter = Filter::all().with_tags(["CACHE", "index"]);
    assert_eq!(ids(&sample(), &filter), ["web/b", "web/c", "db/e"]);
}

#[test]
fn duplicate_ids_are_counted_once() {
    let mut cards = sample();
    cards.push(card("web", "a", Level::Advanced, &[]));
    assert_eq!(Filter::all().select(&cards).len(), 6);
}

#[test]
fn a_filter_matching_no_card_gives_an_empty_finished_drill() {
    let mut clock = Clock::new();
    let filter = Filter::all().with_decks(["nope"]);
    let mut engine = start_with(
        sample(),
        Progress::default(),
        filter,
        Order::Deck,
        &mut clock,
    );
    assert!(engine.is_empty());
    assert_eq!(engine.phase(), Phase::Finished);
    assert!(engine.current().is_none());
    assert_eq!(engine.counters().all, Counts::default());
    assert_eq!(engine.choices(), [Choice::Quit]);
    for action in [
        Action::Reveal,
        KNEW,
        Action::Undo,
        Action::Previous,
        Action::Next,
        Action::DrillSkipped,
        Action::DrillLearnt,
        Action::ResetFiltered,
    ] {
        assert_eq!(engine.apply(action, clock.now()), [], "{action:?}");
    }
    assert!(engine.progress().cards.is_empty());
    assert_eq!(
        engine.apply(Action::Quit, clock.now()),
        [Effect::SaveSession, Effect::Quit]
    );
}

#[test]
fn the_drill_only_shows_and_counts_filtered_cards() {
    let mut clock = Clock::new();
    let filter = Filter::all().with_tags(["cache"]);
    let mut engine = start_with(
        sample(),
        Progress::default(),
        filter,
        Order::Deck,
        &mut clock,
    );
    assert_eq!(engine.counters().all.total, 2);
    assert_eq!(
        walk(&mut engine, &mut clock, Mark::Knew),
        ["web/b", "web/c"]
    );
    assert_eq!(engine.counters().level(Level::Beginner).of(Status::Knew), 1);
    assert_eq!(
        engine
            .counters()
            .level(Level::Intermediate)
            .of(Status::Knew),
        1
    );
    assert_eq!(engine.counters().level(Level::Advanced).total, 0);
}

/// The filter changed mid-drill (a level turned off and on again).
mod changing {
    use super::*;

    fn beginner_and_intermediate() -> Filter {
        Filter::all().with_levels([Level::Beginner, Level::Intermediate])
    }

    #[test]
    fn keeps_statuses_tally_time_and_the_current_card() {
        let mut clock = Clock::new();
        let mut engine = start(sample(), &mut clock);
        let started = clock.peek();
        run(&mut engine, &mut clock, &[KNEW, SKIPPED]);
        assert_eq!(at(&engine), "web/c");
        let effects = engine.set_filter(beginner_and_intermediate(), clock.now());
        assert_eq!(effects, [Effect::SaveSession]);
        // web/c is intermediate: still on screen.
        assert_eq!(at(&engine), "web/c");
        assert_eq!(engine.counters().all.total, 4);
        assert_eq!(engine.counters().all.of(Status::Knew), 1);
        assert_eq!(engine.counters().all.of(Status::Skipped), 1);
        assert_eq!(engine.tally().total(), 2);
        let session = engine.progress().session.as_ref().unwrap();
        assert_eq!(session.filter, beginner_and_intermediate());
        assert_eq!(session.current.as_deref(), Some("web/c"));
        // Time spent runs from the start of the sitting, not the change.
        let now = clock.now();
        let spent = engine.summary(now).time_spent;
        assert_eq!(spent, now.duration_since(started));
        // Same filter again: nothing to do, nothing to save.
        assert_eq!(
            engine.set_filter(beginner_and_intermediate(), clock.now()),
            []
        );
    }

    #[test]
    fn moves_to_the_first_unmarked_card_when_the_current_one_is_left_out() {
        let mut clock = Clock::new();
        let mut engine = start(sample(), &mut clock);
        run(&mut engine, &mut clock, &[KNEW]);
        assert_eq!(at(&engine), "web/b");
        engine.set_filter(Filter::all().with_levels([Level::Advanced]), clock.now());
        assert_eq!(at(&engine), "db/e");
        assert_eq!(engine.phase(), Phase::Question);
        // The marked beginner card is out of the selection: its mark waits.
        assert!(!engine.can_undo());
        assert_eq!(engine.apply(Action::Undo, clock.now()), []);
        assert_eq!(engine.progress().status("web/a"), Status::Knew);
        // Turning beginner back on brings the mark within reach of undo.
        engine.set_filter(Filter::all(), clock.now());
        assert!(engine.can_undo());
        assert_eq!(
            engine.apply(Action::Undo, clock.now()),
            [Effect::SaveProgress]
        );
        assert_eq!(at(&engine), "web/a");
        assert_eq!(engine.progress().status("web/a"), Status::Unseen);
        assert_eq!(engine.tally().total(), 0);
        assert_eq!(engine.counters().all.of(Status::Unseen), 6);
    }

    #[test]
    fn cards_marked_earlier_in_the_pass_stay_reachable() {
        let mut clock = Clock::new();
        let mut engine = start(sample(), &mut clock);
        run(&mut engine, &mut clock, &[KNEW, LEARNT]);
        engine.set_filter(beginner_and_intermediate(), clock.now());
        assert_eq!(at(&engine), "web/c");
        run(&mut engine, &mut clock, &[Action::Previous]);
        assert_eq!(at(&engine), "web/b");
        assert_eq!(engine.current_status(), Some(Status::Learnt));
        // Marking the rest ends the pass over the new selection only.
        run(&mut engine, &mut clock, &[Action::Next]);
        assert_eq!(walk(&mut engine, &mut clock, Mark::Knew), ["web/c", "db/d"]);
        assert_eq!(engine.phase(), Phase::Finished);
        assert_eq!(engine.counters().all.seen(), 4);
        assert_eq!(engine.progress().status("db/e"), Status::Unseen);
    }

    #[test]
    fn a_finished_drill_goes_on_when_the_new_filter_has_unmarked_cards() {
        let mut clock = Clock::new();
        let mut engine = start_with(
            sample(),
            Progress::default(),
            Filter::all().with_levels([Level::Beginner]),
            Order::Deck,
            &mut clock,
        );
        walk(&mut engine, &mut clock, Mark::Knew);
        assert_eq!(engine.phase(), Phase::Finished);
        engine.set_filter(beginner_and_intermediate(), clock.now());
        assert_eq!(engine.phase(), Phase::Question);
        assert_eq!(at(&engine), "web/c");
        // And back: everything beginner is marked, so the summary returns.
        engine.set_filter(Filter::all().with_levels([Level::Beginner]), clock.now());
        assert_eq!(engine.phase(), Phase::Finished);
        assert_eq!(engine.tally().of(Mark::Knew), 2);
    }

    #[test]
    fn a_filter_with_no_cards_finishes_and_the_next_one_resumes() {
        let mut clock = Clock::new();
        let mut engine = start(sample(), &mut clock);
        run(&mut engine, &mut clock, &[SKIPPED]);
        engine.set_filter(Filter::all().with_tags(["nothing"]), clock.now());
        assert!(engine.is_empty());
        assert_eq!(engine.phase(), Phase::Finished);
        assert!(!engine.can_undo());
        engine.set_filter(Filter::all(), clock.now());
        assert_eq!(at(&engine), "web/b");
        assert!(engine.can_undo());
    }

    #[test]
    fn a_resumed_session_matches_the_live_one_after_a_change() {
        let mut clock = Clock::new();
        let mut engine = start(sample(), &mut clock);
        run(&mut engine, &mut clock, &[KNEW, SKIPPED]);
        engine.set_filter(beginner_and_intermediate(), clock.now());
        run(&mut engine, &mut clock, &[LEARNT]);
        let (resumed, _) = Engine::resume(sample(), engine.progress().clone(), clock.now());
        assert_eq!(at(&resumed), at(&engine));
        assert_eq!(resumed.filter(), engine.filter());
        assert_eq!(resumed.queue_len(), engine.queue_len());
        assert_eq!(resumed.remaining(), engine.remaining());
        assert_eq!(resumed.counters(), engine.counters());
    }
}

#[test]
fn filters_that_select_the_same_cards_by_the_same_words_are_one_session() {
    let typed = Filter::all()
        .with_tags(["HTTP", "cache", "http"])
        .with_decks(["Web", "db"]);
    let plain = Filter::all()
        .with_tags(["cache", "http"])
        .with_decks(["db", "web"]);
    assert_eq!(typed, plain);
    assert_eq!(typed.tags, ["cache", "http"]);
    assert_eq!(typed.decks, ["db", "web"]);
    // A deck named in other case still matches its cards.
    let mut clock = Clock::new();
    let engine = start_with(
        sample(),
        Progress::default(),
        Filter::all().with_decks(["WEB"]),
        Order::Deck,
        &mut clock,
    );
    assert_eq!(engine.counters().all.total, 3);
    // Sessions are found by the normalised filter.
    let mut progress = engine.into_progress();
    assert!(progress.activate_session(&Filter::all().with_decks(["web"])));
}
