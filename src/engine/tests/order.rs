//! Shuffled order: fixed by the seed, drawn from the caller's generator.

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::*;

fn shown(order: Order) -> Vec<String> {
    let mut clock = Clock::new();
    let mut engine = start_with(
        many(40),
        Progress::default(),
        Filter::all(),
        order,
        &mut clock,
    );
    walk(&mut engine, &mut clock, Mark::Knew)
}

#[test]
fn the_same_seed_gives_the_same_drill() {
    let mut rng = StdRng::seed_from_u64(7);
    let order = Order::shuffled(&mut rng);
    assert_eq!(shown(order), shown(order));
    let mut again = StdRng::seed_from_u64(7);
    assert_eq!(Order::shuffled(&mut again), order);
}

#[test]
fn different_seeds_give_different_drills_over_the_same_cards() {
    let mut rng = StdRng::seed_from_u64(1);
    let first = shown(Order::shuffled(&mut rng));
    let second = shown(Order::shuffled(&mut rng));
    assert_ne!(first, second);
    let deck_order = shown(Order::Deck);
    assert_ne!(first, deck_order);
    let mut a = first.clone();
    let mut b = deck_order.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "a shuffle shows every card once");
}

#[test]
fn shuffled_drills_still_show_unseen_before_skipped() {
    let mut clock = Clock::new();
    let cards = many(30);
    let mut progress = Progress::default();
    for card in cards.iter().step_by(3) {
        progress
            .cards
            .insert(card.id.clone(), marked(Status::Skipped, clock.now()));
    }
    let mut engine = start_with(
        cards,
        progress.clone(),
        Filter::all(),
        Order::Shuffled { seed: 99 },
        &mut clock,
    );
    let shown = walk(&mut engine, &mut clock, Mark::Knew);
    assert_eq!(shown.len(), 30);
    let first_skipped = shown
        .iter()
        .position(|id| progress.status(id) == Status::Skipped)
        .unwrap();
    assert_eq!(first_skipped, 20);
    assert!(
        shown[20..]
            .iter()
            .all(|id| progress.status(id) == Status::Skipped)
    );
}

#[test]
fn the_order_is_saved_with_the_session() {
    let mut clock = Clock::new();
    let engine = start_with(
        sample(),
        Progress::default(),
        Filter::all(),
        Order::Shuffled { seed: 3 },
        &mut clock,
    );
    let session = engine.progress().session.as_ref().unwrap();
    assert_eq!(session.order, Order::Shuffled { seed: 3 });
    assert_eq!(
        session.current.as_deref(),
        engine.current().map(|c| c.id.as_str())
    );
}
