//! Deck parsing speed: 1,000 and 100,000 synthetic cards in both formats.
//! Target: 50 MB/s or better on a 2-core machine (criterion prints MiB/s).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use prepdeck::deck::synthetic::generate;
use prepdeck::deck::{Format, Origin, parse_deck};

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for (name, format) in [("markdown", Format::MARKDOWN), ("toml", Format::TOML)] {
        for cards in [1_000usize, 100_000] {
            let text = generate(cards, format);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, cards), &text, |b, text| {
                b.iter(|| {
                    let parsed = parse_deck(text.as_bytes(), Origin::Builtin("bench"), format);
                    assert_eq!(parsed.deck.map(|d| d.cards.len()), Some(cards));
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
