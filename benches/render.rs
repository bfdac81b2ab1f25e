//! The cost of one key press in the drill on the worst cards `check` still
//! accepts: a question at the character limit and an answer at the byte
//! limit, in several shapes (prose, one long line, code, lists nested to the
//! depth limit, wide and long tables, an unbroken word). A key press here is
//! the command plus one full draw of the screen, as the event loop does.
//! Target: under 50 ms per key, on a 2-core machine, for every shape.
//!
//! `cargo bench --bench render` (criterion prints the time per key).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use prepdeck::deck::{
    Card, Format, MAX_ANSWER_BYTES, MAX_NESTING, MAX_QUESTION_CHARS, MAX_TABLE_COLUMNS, Origin,
    parse_deck,
};
use prepdeck::engine::{Filter, OrderRequest, Progress, start_or_resume};
use prepdeck::tui::{App, Command, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// `head` then `unit` repeated while the whole stays within the answer limit.
fn fill(head: &str, unit: &str) -> String {
    let room = MAX_ANSWER_BYTES - 64 - head.len();
    head.to_string() + &unit.repeat(room / unit.len())
}

/// Answers at the limit, by shape.
fn answers() -> Vec<(&'static str, String)> {
    let nested: String = (0..MAX_NESTING)
        .map(|i| format!("{}- item at level {} with `code`\n", "  ".repeat(i), i + 1))
        .collect::<String>()
        + "\n";
    let columns = MAX_TABLE_COLUMNS;
    let wide_header = format!(
        "|{}\n|{}\n",
        " col |".repeat(columns),
        "---|".repeat(columns)
    );
    let wide = fill(
        &wide_header,
        &format!("|{}\n", " cell text |".repeat(columns)),
    );
    vec![
        (
            "prose",
            fill(
                "",
                "Some **bold** words and `code` in a sentence that wraps, then more words.\n\n",
            ),
        ),
        (
            "one-line",
            fill("", "word and *more* words ").trim_end().to_string(),
        ),
        (
            "code",
            format!(
                "```rust\n{}```\n",
                fill("", "    let value = compute(x, y); // note\n")
            ),
        ),
        ("nested", fill("", &nested)),
        ("wide-table", wide),
        (
            "long-table",
            fill(
                "| a | b | c |\n|---|---|---|\n",
                "| one | two words | three |\n",
            ),
        ),
        ("unbroken", "x".repeat(MAX_ANSWER_BYTES - 64)),
        // The widest table with one cell holding all the text: on a narrow
        // screen every column is a character wide and the row is as tall as
        // the text is long.
        (
            "tall-row",
            fill(
                &format!(
                    "|{}\n|{}\n| ",
                    " h |".repeat(columns),
                    "---|".repeat(columns)
                ),
                "word ",
            ) + &" | x".repeat(columns - 1)
                + " |\n",
        ),
    ]
}

/// The card, read through the deck parser so that it is one `check` accepts.
fn card(answer: &str) -> Card {
    let question = "q".repeat(MAX_QUESTION_CHARS - 1) + "?";
    let text = format!("# Beginner\n\n## {question}\n<!-- id: worst -->\n\n{answer}\n");
    let parsed = parse_deck(
        text.as_bytes(),
        Origin::Builtin("worst.md"),
        Format::MARKDOWN,
    );
    assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics.first());
    parsed.deck.expect("deck").cards.remove(0)
}

fn now() -> Timestamp {
    Timestamp::from_second(1_800_000_000).expect("valid time")
}

fn app(card: &Card, size: Size) -> App {
    let (engine, _) = start_or_resume(
        vec![card.clone()],
        Progress::default(),
        Filter::all(),
        OrderRequest::Any,
        now(),
    );
    let mut app = App::new(
        engine,
        vec![("demo".into(), "Demo".into())],
        Theme::colored(),
    );
    app.set_size(size);
    app
}

fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, command: Command) {
    app.apply(command, now());
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .expect("draws");
}

fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key");
    group.sample_size(10);
    for (shape, answer) in answers() {
        let card = card(&answer);
        for size in [Size::new(40, 10), Size::new(80, 24), Size::new(200, 60)] {
            let name = format!("{shape}/{}x{}", size.width, size.height);
            let terminal = || Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
            // Showing the answer: the first render of it at this width.
            group.bench_function(format!("reveal/{name}"), |b| {
                b.iter_batched(
                    || (app(&card, size), terminal()),
                    |(mut app, mut term)| {
                        press(&mut app, &mut term, Command::Reveal);
                        black_box(app)
                    },
                    BatchSize::PerIteration,
                )
            });
            // Scrolling the shown answer.
            let mut shown = app(&card, size);
            let mut term = terminal();
            press(&mut shown, &mut term, Command::Reveal);
            group.bench_function(format!("scroll/{name}"), |b| {
                b.iter(|| {
                    press(&mut shown, &mut term, Command::ScrollDown);
                    press(&mut shown, &mut term, Command::ScrollUp);
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, keys);
criterion_main!(benches);
