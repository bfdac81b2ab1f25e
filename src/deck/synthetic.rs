//! Synthetic decks of any size, for benchmarks, scale tests and trying the
//! app on a big deck (`cargo run --release --example gen_deck`). The deck is
//! built as data and written by the format's own writer.

use super::{Card, Deck, Format, Level, Origin};

/// A deck of `cards` cards in `format`, spread evenly over the three levels,
/// with realistic answers (paragraphs, a list, a code block, about 600 bytes).
pub fn generate(cards: usize, format: Format) -> String {
    // The deck is valid by construction, so every writer can hold it.
    format.write(&deck(cards)).unwrap_or_default()
}

/// The deck [`generate`] writes: id `synthetic`, card ids `card-<n>`.
pub fn deck(cards: usize) -> Deck {
    let id = "synthetic".to_string();
    Deck {
        title: "Synthetic deck".to_string(),
        description: None,
        origin: Origin::Builtin("synthetic"),
        cards: (0..cards)
            .map(|i| Card {
                id: format!("{id}/card-{i}"),
                deck: id.clone(),
                question: format!(
                    "Synthetic question number {i}: how does component {i} behave under load?"
                ),
                answer: answer(i),
                level: level_of(i, cards),
                difficulty: None,
                category: None,
                tags: vec!["synthetic".to_string(), format!("t{}", i % 7)],
                explicit_id: true,
                line: 0,
            })
            .collect(),
        id,
    }
}

fn level_of(i: usize, cards: usize) -> Level {
    Level::ALL[(i * 3 / cards.max(1)).min(2)]
}

fn answer(i: usize) -> String {
    format!(
        "Component {i} keeps a **bounded queue** and sheds load once it is full, so latency \
         stays flat while throughput levels off.\n\n\
         ### Key points\n\n\
         - *Backpressure* tells callers to slow down before memory runs out.\n\
         - Timeouts are set below the caller's own deadline.\n\
         - Metrics expose queue depth, so alerts fire before users notice.\n\n\
         ```python\ndef handle(request):\n    if queue.full():\n        return 503\n    queue.put(request)\n```\n\n\
         Follow-up: what happens to component {} when {i} sheds load?",
        i + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    #[test]
    fn generated_decks_parse_cleanly_in_every_format() {
        for format in Format::all() {
            let text = generate(30, format);
            let parsed = parse_deck(text.as_bytes(), Origin::Builtin("synthetic"), format);
            assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
            let deck = parsed.deck.expect("deck");
            assert_eq!(deck.cards.len(), 30);
            assert_eq!(deck.cards[29].id, "synthetic/card-29");
            let per_level = |l| deck.cards.iter().filter(|c| c.level == l).count();
            assert_eq!(
                [
                    per_level(Level::Beginner),
                    per_level(Level::Intermediate),
                    per_level(Level::Advanced)
                ],
                [10, 10, 10]
            );
            assert!(deck.cards[0].answer.contains("```python"));
        }
    }
}
