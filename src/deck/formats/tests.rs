//! Writers against readers: writing a deck and reading it back gives the same
//! cards in every format, for tricky text, for generated cards and for the
//! shipped decks; what a format cannot hold is refused with a reason.

use proptest::prelude::*;

use super::{CardProblem, Format, WriteError};
use crate::deck::assemble::{clean_tags, normalize_answer};
use crate::deck::{BUILTIN_DECKS, Card, Deck, Difficulty, Level, Origin, parse_deck};
use crate::text::one_line;

/// What the cards of a deck must read back as: what the reader makes of
/// them (one-line questions, trimmed answers, cleaned tags), ids explicit.
type Seen = (
    String,
    String,
    String,
    Level,
    Vec<String>,
    Option<Difficulty>,
    Option<String>,
);

fn as_read(card: &Card) -> Seen {
    (
        card.id.clone(),
        one_line(&card.question),
        normalize_answer(&card.answer),
        card.level,
        clean_tags(&card.tags),
        card.difficulty,
        card.category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    )
}

/// Reads `text` as `format`, which must give a deck with no diagnostic but
/// the warning about an empty answer.
fn read(text: &str, format: Format) -> Deck {
    let origin = Origin::Builtin("round-trip");
    let parsed = parse_deck(text.as_bytes(), origin, format);
    let unexpected: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !d.message.contains("empty answer"))
        .map(ToString::to_string)
        .collect();
    assert!(unexpected.is_empty(), "{format}: {unexpected:#?}\n{text}");
    parsed.deck.expect("a deck without errors")
}

/// Writes `deck` as `format`, reads it back and checks it is the same deck.
fn round_trip(deck: &Deck, format: Format) -> String {
    let text = format
        .write(deck)
        .unwrap_or_else(|e| panic!("{format}: {e}"));
    let back = read(&text, format);
    assert_eq!(back.id, deck.id, "{format}");
    assert_eq!(back.title, one_line(&deck.title), "{format}");
    assert_eq!(
        back.description.as_deref(),
        deck.description.as_deref().map(str::trim),
        "{format}"
    );
    let want: Vec<Seen> = deck.cards.iter().map(as_read).collect();
    let got: Vec<Seen> = back.cards.iter().map(as_read).collect();
    assert_eq!(got, want, "{format}:\n{text}");
    assert!(back.cards.iter().all(|c| c.explicit_id), "{format}");
    text
}

fn card(local: &str, question: &str, answer: &str) -> Card {
    Card {
        id: format!("d/{local}"),
        deck: "d".to_string(),
        question: question.to_string(),
        answer: answer.to_string(),
        level: Level::Beginner,
        difficulty: None,
        category: None,
        tags: Vec::new(),
        explicit_id: true,
        line: 0,
    }
}

fn deck(cards: Vec<Card>) -> Deck {
    Deck {
        id: "d".to_string(),
        title: "A deck".to_string(),
        description: None,
        origin: Origin::Builtin("d.md"),
        cards,
    }
}

fn problem(result: Result<String, WriteError>) -> CardProblem {
    match result {
        Err(WriteError::Card { problem, .. }) => problem,
        other => panic!("expected a card problem, got {other:?}"),
    }
}

#[test]
fn questions_with_markdown_syntax_read_back_as_written() {
    let questions = [
        "What does `SELECT ... FOR UPDATE` lock?",
        "C# or F#",
        "Is # a comment ##",
        "Why <!-- is --> not metadata?",
        "A <b>tag</b>, an &amp; entity, a [link](x) and ![img](y)",
        "*stars*, _under_scores_, ~~strike~~ and \\ backslashes\\",
        "`a``b` and `` and ` spaced ` and `x`",
        "   padded   and\ttabbed\nacross lines  ",
        "#",
        "1. not a list",
        "- not a list either",
        "> nor a quote",
    ];
    let cards = questions
        .iter()
        .enumerate()
        .map(|(i, q)| card(&format!("q{i}"), q, "A"))
        .collect();
    let deck = deck(cards);
    for format in Format::all() {
        round_trip(&deck, format);
    }
}

#[test]
fn answers_with_quotes_escapes_and_control_characters_round_trip() {
    let answers = [
        "Use '''triple''' quotes\nand \"\"\" too",
        "ends with a quote'\nreally'",
        "a \\ backslash\nand a \\\" pair",
        "tab\there\nand a bell \u{7} and DEL \u{7f}",
        "CRLF\r\nline ends\r\n",
        "\n\n  indented first line\nthen more   \n\n",
        "```rust\n## in code\n# also code\n```",
        "> ## quoted heading\n\n- ## listed heading\n\n    ## indented code",
        "<!-- id: not-metadata -->\n\ntext",
        "",
    ];
    let cards = answers
        .iter()
        .enumerate()
        .map(|(i, a)| card(&format!("a{i}"), &format!("Question {i}"), a))
        .collect();
    let deck = deck(cards);
    for format in Format::all() {
        let text = round_trip(&deck, format);
        if format == Format::TOML {
            assert!(text.contains("answer = \"\"\"\nUse '''triple'''"), "{text}");
        }
    }
}

#[test]
fn markdown_refuses_answers_that_would_end_the_card() {
    let cases = [
        ("first line\n## a heading", 2),
        ("# Beginner\ntext", 1),
        ("Setext title\n---\nmore", 1),
        ("Setext title\n===", 1),
        ("```\nnever closed", 1),
        ("text\n\n<!-- never closed", 3),
    ];
    for (answer, line) in cases {
        let deck = deck(vec![card("a", "Q", answer)]);
        assert_eq!(
            problem(Format::MARKDOWN.write(&deck)),
            CardProblem::AnswerBreaksOut { line },
            "{answer:?}"
        );
        // TOML holds any answer.
        round_trip(&deck, Format::TOML);
    }
}

#[test]
fn markdown_refuses_metadata_it_cannot_hold() {
    let mut with_comma = card("a", "Q", "A");
    with_comma.tags = vec!["a,b".to_string()];
    let mut with_semicolon = card("b", "Q", "A");
    with_semicolon.category = Some("x; y".to_string());
    let mut with_end = card("c", "Q", "A");
    with_end.category = Some("x --> y".to_string());
    for bad in [with_comma, with_semicolon, with_end] {
        let deck = deck(vec![bad]);
        assert!(matches!(
            problem(Format::MARKDOWN.write(&deck)),
            CardProblem::Metadata { .. }
        ));
        round_trip(&deck, Format::TOML);
    }
}

#[test]
fn levels_difficulties_tags_and_deck_settings_survive() {
    let mut cards = Vec::new();
    for (i, (level, difficulty)) in [
        (Level::Advanced, Some(Difficulty::Easy)),
        (Level::Beginner, None),
        (Level::Advanced, Some(Difficulty::Hard)),
        (Level::Intermediate, Some(Difficulty::Medium)),
        (Level::Beginner, Some(Difficulty::Hard)),
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = card(&format!("c{i}"), &format!("Q{i}"), "A");
        c.level = level;
        c.difficulty = difficulty;
        c.category = Some(format!("  system design {i} "));
        c.tags = vec![" Caching ".into(), "caching".into(), "two words".into()];
        cards.push(c);
    }
    let mut deck = deck(cards);
    deck.title = "A \"quoted\" title".to_string();
    deck.description = Some("Two lines\n+++\nwith a fence-like line".to_string());
    for format in Format::all() {
        round_trip(&deck, format);
    }
}

#[test]
fn both_writers_refuse_what_the_reader_rejects() {
    let twice = deck(vec![card("a", "Q", "A"), card("a", "R", "B")]);
    let empty = deck(vec![card("a", " \n ", "A")]);
    let bad_id = deck(vec![card("has space", "Q", "A")]);
    let mut other_deck = card("a", "Q", "A");
    other_deck.deck = "e".into();
    other_deck.id = "e/a".into();
    let mut bad_deck = deck(vec![card("a", "Q", "A")]);
    bad_deck.id = "a/b".into();
    for format in Format::all() {
        assert_eq!(problem(format.write(&twice)), CardProblem::DuplicateId);
        assert_eq!(problem(format.write(&empty)), CardProblem::EmptyQuestion);
        assert!(matches!(problem(format.write(&bad_id)), CardProblem::Id(_)));
        assert_eq!(
            problem(format.write(&deck(vec![other_deck.clone()]))),
            CardProblem::OtherDeck("e".into())
        );
        assert_eq!(
            format.write(&deck(Vec::new())),
            Err(WriteError::NoCards("d".into()))
        );
        let err = format.write(&bad_deck).unwrap_err();
        assert!(
            err.to_string().starts_with("deck id 'a/b' contains '/'"),
            "{err}"
        );
    }
}

#[test]
fn shipped_decks_round_trip_through_every_writer() {
    for shipped in BUILTIN_DECKS {
        let format = shipped.format().expect("a known format");
        let deck = read(shipped.text, format);
        for format in Format::all() {
            round_trip(&deck, format);
        }
    }
}

#[test]
fn formats_are_found_by_extension_and_name() {
    assert_eq!(Format::from_path("x/a.MD".as_ref()), Some(Format::MARKDOWN));
    assert_eq!(
        Format::from_path("a.markdown".as_ref()),
        Some(Format::MARKDOWN)
    );
    assert_eq!(Format::from_path("a.toml".as_ref()), Some(Format::TOML));
    assert_eq!(Format::from_path("a.txt".as_ref()), None);
    assert_eq!(Format::from_path("toml".as_ref()), None);
    assert_eq!(Format::from_name("md"), Some(Format::MARKDOWN));
    assert_eq!(Format::from_name("Markdown"), Some(Format::MARKDOWN));
    assert_eq!(Format::from_name("yaml"), None);
    assert_eq!(Format::extension_list("*."), "*.md or *.toml");
}

/// Answer lines a Markdown answer can hold wherever they appear.
fn safe_line() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(""),
        Just("Plain text with *emphasis*, `code` and a [link](x)."),
        Just("### A sub-heading"),
        Just("- a list item"),
        Just("  - nested ## not a heading"),
        Just("1. numbered"),
        Just("> a quote"),
        Just("    indented code"),
        Just("```sh\n## in a fence\n# also\n```"),
        Just("~~~\n---\n~~~"),
        Just("| a | b |\n|---|---|\n| 1 | 2 |"),
        Just("<!-- a comment -->"),
        Just("<div>\nblock\n</div>"),
        Just("Quotes ''' and \"\"\" and a \\ backslash"),
        Just("tab\tand \u{7} bell"),
        Just("+++"),
        Just("***"),
        Just("trailing spaces   "),
        Just("ünïcödé 日本語"),
    ]
}

/// Answer lines that may end a card in Markdown, mixed in with safe ones.
fn any_line() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => safe_line(),
        1 => prop_oneof![
            Just("## heading"),
            Just("# Beginner"),
            Just("---"),
            Just("==="),
            Just("```"),
            Just("<!--"),
            Just("-->"),
            Just("<pre>"),
            Just("crlf\r"),
        ],
    ]
}

fn generated_deck(answers: impl Strategy<Value = String>) -> impl Strategy<Value = Deck> {
    let one = (
        "[a-zA-Z0-9][a-zA-Z0-9 #*_`\\[\\]<>&~!\\\\:;,.'\"()=+|{}é\t\n-]{0,30}",
        answers,
        proptest::sample::select(Level::ALL.to_vec()),
        proptest::option::of(proptest::sample::select(Difficulty::ALL.to_vec())),
        proptest::option::of("[a-z][a-z ]{0,10}"),
        proptest::collection::vec("[a-zA-Z0-9][a-zA-Z0-9 ]{0,8}", 0..3),
    );
    proptest::collection::vec(one, 1..6).prop_map(|cards| {
        let cards = cards
            .into_iter()
            .enumerate()
            .map(
                |(i, (question, answer, level, difficulty, category, tags))| Card {
                    level,
                    difficulty,
                    category,
                    tags,
                    ..card(&format!("card-{i}"), &question, &answer)
                },
            )
            .collect();
        deck(cards)
    })
}

fn answer_of(line: impl Strategy<Value = &'static str>) -> impl Strategy<Value = String> {
    proptest::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Cards whose answers Markdown can hold round-trip through every writer.
    #[test]
    fn generated_cards_round_trip(deck in generated_deck(answer_of(safe_line()))) {
        for format in Format::all() {
            round_trip(&deck, format);
        }
    }

    /// Whatever the answer, TOML writes it, and Markdown either refuses it
    /// or writes it so that it reads back the same.
    #[test]
    fn any_answer_round_trips_or_is_refused(deck in generated_deck(answer_of(any_line()))) {
        round_trip(&deck, Format::TOML);
        match Format::MARKDOWN.write(&deck) {
            Ok(_) => {
                round_trip(&deck, Format::MARKDOWN);
            }
            Err(WriteError::Card { problem: CardProblem::AnswerBreaksOut { .. }, .. }) => {}
            Err(other) => prop_assert!(false, "unexpected refusal: {other}"),
        }
    }
}
