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
    assert_eq!(engine.choices(), [Action::Quit]);
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
    assert_eq!(engine.counters().level(Level::Beginner).knew, 1);
    assert_eq!(engine.counters().level(Level::Intermediate).knew, 1);
    assert_eq!(engine.counters().level(Level::Advanced).total, 0);
}

#[test]
fn filters_round_trip_through_json() {
    let filter = Filter::all()
        .with_levels([Level::Advanced, Level::Beginner])
        .with_decks(["db"])
        .with_tags(["SQL"]);
    let json = serde_json::to_string(&filter).unwrap();
    assert_eq!(
        json,
        r#"{"decks":["db"],"levels":["beginner","advanced"],"tags":["SQL"]}"#
    );
    assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), filter);
    assert_eq!(serde_json::from_str::<Filter>("{}").unwrap(), Filter::all());
}
