//! Deck parsing speed: 1,000 and 100,000 synthetic cards in both formats,
//! and the load path `list` and the drill start from (read the file, parse,
//! assemble) at 1,000, 10,000 and 100,000 Markdown cards.
//! Target: 50 MB/s or better on a 2-core machine (criterion prints MiB/s).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use prepdeck::deck::load::{self, DeckSources};
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

/// `load::load` on a synthetic Markdown deck file, as `--no-builtin
/// --deck-file` runs it.
fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    let dir = std::env::temp_dir().join(format!("prepdeck-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for cards in [1_000usize, 10_000, 100_000] {
        let text = generate(cards, Format::MARKDOWN);
        let path = dir.join(format!("deck-{cards}.md"));
        std::fs::write(&path, &text).expect("write deck");
        let sources = DeckSources {
            builtin: false,
            user_dir: None,
            paths: vec![path],
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("markdown", cards),
            &sources,
            |b, sources| {
                b.iter(|| {
                    let library = load::load(sources);
                    assert_eq!(library.card_count(), cards);
                    library
                })
            },
        );
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, parse, load);
criterion_main!(benches);
