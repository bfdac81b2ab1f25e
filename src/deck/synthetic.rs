//! Synthetic decks of any size, for benchmarks, scale tests and trying the
//! app on a big deck (`cargo run --release --example gen_deck`).

use std::fmt::Write;

use super::{Format, Level};

/// A deck of `cards` cards in `format`, spread evenly over the three levels,
/// with realistic answers (paragraphs, a list, a code block, about 600 bytes).
pub fn generate(cards: usize, format: Format) -> String {
    let mut out = String::with_capacity(cards * 700 + 200);
    match format {
        Format::Markdown => {
            out.push_str("+++\nid = \"synthetic\"\ntitle = \"Synthetic deck\"\n+++\n\n");
            let mut section = None;
            for i in 0..cards {
                let level = level_of(i, cards);
                if section != Some(level) {
                    let _ = write!(out, "# {}\n\n", capitalized(level));
                    section = Some(level);
                }
                let _ = write!(
                    out,
                    "## Synthetic question number {i}: how does component {i} behave under load?\n\
                     <!-- id: card-{i}; tags: synthetic, t{} -->\n\n{}\n",
                    i % 7,
                    answer(i)
                );
            }
        }
        Format::Toml => {
            out.push_str("[deck]\nid = \"synthetic\"\ntitle = \"Synthetic deck\"\n\n");
            for i in 0..cards {
                let _ = write!(
                    out,
                    "[[cards]]\nid = \"card-{i}\"\nquestion = \"Synthetic question number {i}: how does component {i} behave under load?\"\n\
                     level = \"{}\"\ntags = [\"synthetic\", \"t{}\"]\nanswer = '''\n{}'''\n\n",
                    level_of(i, cards),
                    i % 7,
                    answer(i)
                );
            }
        }
    }
    out
}

fn level_of(i: usize, cards: usize) -> Level {
    Level::ALL[(i * 3 / cards.max(1)).min(2)]
}

fn capitalized(level: Level) -> String {
    let name = level.name();
    name[..1].to_uppercase() + &name[1..]
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
         Follow-up: what happens to component {} when {i} sheds load?\n",
        i + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Origin, parse_deck};

    #[test]
    fn generated_decks_parse_cleanly_in_both_formats() {
        for format in [Format::Markdown, Format::Toml] {
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
