//! Progress store speed: a save (lock, re-read, merge, atomic write with
//! fsync) and a load, with 10,000 and 100,000 records. Target: a save of
//! 10,000 records under 20 ms.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use prepdeck::engine::{CardProgress, Filter, Order, Pass, Progress, SessionState, Status};
use prepdeck::store::Store;

fn progress(records: usize, at: Timestamp) -> Progress {
    let mut progress = Progress::default();
    for i in 0..records {
        let status = [Status::Knew, Status::Learnt, Status::Skipped][i % 3];
        let record = CardProgress {
            first_marked: Some(at),
            last_marked: Some(at),
            status,
            times_marked: 1 + (i % 5) as u32,
            updated: at,
        };
        progress
            .cards
            .insert(format!("backend-roadmap/question-number-{i:06}"), record);
    }
    progress.session = Some(SessionState {
        current: Some("backend-roadmap/question-number-000000".into()),
        filter: Filter::all(),
        order: Order::Shuffled { seed: 42 },
        pass: Pass::Main,
        pass_started: at,
        position: 0,
        updated: at,
    });
    progress
}

fn store(c: &mut Criterion) {
    let t0 = Timestamp::from_second(1_750_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut group = c.benchmark_group("store");
    group.sample_size(20);
    for records in [10_000usize, 100_000] {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        let store = Store::at(dir.path());
        let mut mine = progress(records, t0);
        if store.save(&mine).is_err() {
            return;
        }
        // Each save carries one new mark, as in a drill.
        let mut now = t0;
        let mut i = 0;
        group.bench_with_input(
            BenchmarkId::new("save", records),
            &records,
            |b, &records| {
                b.iter(|| {
                    now = now
                        .saturating_add(SignedDuration::from_millis(1))
                        .unwrap_or(now);
                    let id = format!("backend-roadmap/question-number-{:06}", i % records);
                    i += 1;
                    if let Some(record) = mine.cards.get_mut(&id) {
                        record.updated = now;
                        record.last_marked = Some(now);
                        record.times_marked += 1;
                    }
                    black_box(store.save(&mine))
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("load", records), &records, |b, _| {
            b.iter(|| black_box(store.load()))
        });
    }
    group.finish();
}

criterion_group!(benches, store);
criterion_main!(benches);
