//! Property tests: whatever bytes a deck file holds, parsing returns
//! diagnostics or a deck and never panics; every error carries the path.

use proptest::prelude::*;

use prepdeck::deck::{Format, Origin, parse_deck};

/// Fragments that exercise the parsers' edges, glued together at random.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++\n".to_string()),
        Just("id = \"x\"\n".to_string()),
        Just("# Beginner\n".to_string()),
        Just("# Nope\n".to_string()),
        Just("## Question?\n".to_string()),
        Just("##\n".to_string()),
        Just("Setext\n---\n".to_string()),
        Just("<!-- id: a; tags: b, c; level: advanced -->\n".to_string()),
        Just("<!-- id: ; : ; tags -->\n".to_string()),
        Just("<!--".to_string()),
        Just("```rust\n## code\n".to_string()),
        Just("```\n".to_string()),
        Just("> ## quoted\n".to_string()),
        Just("- item\n  - nested\n".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("[[cards]]\n".to_string()),
        Just("[deck]\n".to_string()),
        Just("question = \"Q\"\nanswer = '''\nA\n'''\n".to_string()),
        Just("level = 3\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\t日本語 é \u{202e}\u{1b}[2J\n".to_string()),
        "[^\u{0}]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in [Format::MARKDOWN, Format::TOML] {
            let parsed = parse_deck(&bytes, Origin::Builtin("fuzz.md"), format);
            prop_assert!(parsed.deck.is_some() || parsed.has_errors());
        }
    }

    #[test]
    fn structured_noise_never_panics(parts in proptest::collection::vec(fragment(), 0..40)) {
        let text = parts.concat();
        for format in [Format::MARKDOWN, Format::TOML] {
            let parsed = parse_deck(text.as_bytes(), Origin::Builtin("fuzz.md"), format);
            prop_assert!(parsed.deck.is_some() || parsed.has_errors());
            for d in &parsed.diagnostics {
                let line = d.to_string();
                prop_assert!(line.starts_with("fuzz.md"), "{}", line);
                prop_assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{}", line);
                if let Some(pos) = d.position {
                    prop_assert!(pos.line >= 1 && pos.col >= 1);
                    prop_assert!(pos.line <= text.lines().count().max(1) + 1);
                }
            }
            if let Some(deck) = parsed.deck {
                let prefix = format!("{}/", deck.id);
                for card in deck.cards {
                    prop_assert!(!card.question.is_empty());
                    prop_assert!(card.id.starts_with(&prefix), "{} in {}", card.id, deck.id);
                }
            }
        }
    }
}
