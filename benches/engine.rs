//! Drill engine speed with 100,000 cards loaded. Target: a mark + advance
//! well under 1 ms (no per-key work that grows with the deck).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use prepdeck::deck::synthetic::generate;
use prepdeck::deck::{Card, Format, Origin, parse_deck};
use prepdeck::engine::{
    Action, CardProgress, Engine, Filter, Mark, Order, Phase, Progress, Status, count,
};

const CARDS: usize = 100_000;

fn cards() -> Vec<Card> {
    let text = generate(CARDS, Format::TOML);
    let parsed = parse_deck(text.as_bytes(), Origin::Builtin("bench.toml"), Format::TOML);
    parsed.deck.map(|deck| deck.cards).unwrap_or_default()
}

/// Every card already skipped once: the progress map holds 100,000 records.
fn all_skipped(cards: &[Card], at: Timestamp) -> Progress {
    let mut progress = Progress::default();
    for card in cards {
        let record = CardProgress {
            first_marked: Some(at),
            last_marked: Some(at),
            status: Status::Skipped,
            times_marked: 1,
            updated: at,
        };
        progress.cards.insert(card.id.clone(), record);
    }
    progress
}

fn engine(c: &mut Criterion) {
    let cards = cards();
    assert_eq!(cards.len(), CARDS);
    let t0 = Timestamp::from_second(1_750_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut group = c.benchmark_group("engine");

    for (name, progress) in [
        ("mark_advance/100k_cards_no_progress", Progress::default()),
        (
            "mark_advance/100k_cards_100k_records",
            all_skipped(&cards, t0),
        ),
    ] {
        let fresh =
            |order| Engine::start(cards.clone(), progress.clone(), Filter::all(), order, t0).0;
        let mut drill = fresh(Order::Shuffled { seed: 1 });
        let mut now = t0;
        let marks = [Mark::Knew, Mark::Learnt, Mark::Skipped];
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for i in 0..iters {
                    if drill.phase() == Phase::Finished {
                        drill = fresh(Order::Shuffled { seed: i });
                    }
                    now = now
                        .saturating_add(SignedDuration::from_millis(1))
                        .unwrap_or(now);
                    let mark = marks[(i % 3) as usize];
                    let start = Instant::now();
                    black_box(drill.apply(Action::Mark(mark), now));
                    spent += start.elapsed();
                }
                spent
            })
        });
    }

    group.bench_function("undo/100k_cards", |b| {
        let mut drill = Engine::start(
            cards.clone(),
            Progress::default(),
            Filter::all(),
            Order::Deck,
            t0,
        )
        .0;
        let mut now = t0;
        b.iter(|| {
            now = now
                .saturating_add(SignedDuration::from_millis(1))
                .unwrap_or(now);
            drill.apply(Action::Mark(Mark::Knew), now);
            black_box(drill.apply(Action::Undo, now))
        })
    });

    group.sample_size(10);
    group.bench_function("start/100k_cards_shuffled", |b| {
        b.iter(|| {
            Engine::start(
                cards.clone(),
                Progress::default(),
                Filter::all(),
                Order::Shuffled { seed: 9 },
                t0,
            )
        })
    });
    let progress = all_skipped(&cards, t0);
    group.bench_function("count/100k_cards_100k_records", |b| {
        b.iter(|| black_box(count(&cards, &progress, &Filter::all())))
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
