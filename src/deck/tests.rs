//! Parsing on small in-memory decks, one concern per test: what each format
//! reads, and the diagnostics the shared rules give, with their positions.

use super::*;

fn md(text: &str) -> Parsed {
    parse_deck(
        text.as_bytes(),
        Origin::File("t/deck.md".into()),
        Format::MARKDOWN,
    )
}

fn tml(text: &str) -> Parsed {
    parse_deck(
        text.as_bytes(),
        Origin::File("t/deck.toml".into()),
        Format::TOML,
    )
}

fn errors(parsed: &Parsed) -> Vec<String> {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

fn deck(parsed: Parsed) -> Deck {
    assert!(
        !parsed.has_errors(),
        "unexpected errors: {:?}",
        errors(&parsed)
    );
    parsed.deck.expect("deck without errors")
}

const SAMPLE: &str = "+++
id = \"roadmap\"
title = \"The roadmap\"
tags = [\"backend\"]
+++

Intro prose before the first card is allowed.

# Beginner

## What is an API endpoint?
<!-- id: api-endpoint; tags: api, http -->

An address plus a method.

### Details

- item
  ```text
  ## not a card
  # not a level
  ```

# Advanced

## What is `SELECT ... FOR UPDATE`?
<!-- id: for-update; difficulty: easy; category: sql -->

Row locks.
";

#[test]
fn markdown_cards_take_levels_ids_tags_and_answers() {
    let deck = deck(md(SAMPLE));
    assert_eq!(deck.id, "roadmap");
    assert_eq!(deck.title, "The roadmap");
    assert_eq!(deck.cards.len(), 2);
    let first = &deck.cards[0];
    assert_eq!(first.id, "roadmap/api-endpoint");
    assert_eq!(first.local_id(), "api-endpoint");
    assert_eq!(first.question, "What is an API endpoint?");
    assert_eq!(first.level, Level::Beginner);
    assert_eq!(first.tags, vec!["api", "http"]);
    assert!(first.explicit_id);
    assert_eq!(first.line, 11);
    assert!(first.answer.starts_with("An address plus a method."));
    assert!(
        first.answer.contains("## not a card"),
        "code stays in the answer"
    );
    assert!(first.answer.ends_with("```"));
    let second = &deck.cards[1];
    assert_eq!(second.question, "What is `SELECT ... FOR UPDATE`?");
    // An explicit section level wins over nothing; difficulty wins over the section.
    assert_eq!(second.level, Level::Beginner);
    assert_eq!(second.difficulty, Some(Difficulty::Easy));
    assert_eq!(second.category.as_deref(), Some("sql"));
    assert_eq!(second.tags, vec!["backend"], "deck tags are the default");
    assert_eq!(second.answer, "Row locks.");
}

#[test]
fn markdown_metadata_level_beats_difficulty_and_section() {
    let deck = deck(md(
        "# Beginner\n## Q one\n<!-- id: a; level: advanced; difficulty: easy -->\nA\n",
    ));
    assert_eq!(deck.cards[0].level, Level::Advanced);
    assert_eq!(deck.id, "deck", "deck id defaults to the file stem");
}

#[test]
fn setext_headings_crlf_bom_tabs_and_non_ascii_work() {
    let text = "\u{feff}Intermédiaire notes\r\n\r\nIntermediate\r\n============\r\n\r\nQu'est-ce que REST ?\r\n---\r\n<!-- id: rest -->\r\n\r\n\tcode\r\nLigne « deux »\r\n";
    let deck = deck(md(text));
    assert_eq!(deck.cards.len(), 1);
    let card = &deck.cards[0];
    assert_eq!(card.question, "Qu'est-ce que REST ?");
    assert_eq!(card.level, Level::Intermediate);
    assert_eq!(card.line, 6);
    assert_eq!(card.answer, "\tcode\nLigne « deux »");
}

#[test]
fn headings_inside_block_quotes_and_lists_stay_in_the_answer() {
    let deck = deck(md(
        "# Beginner\n## Q\n<!-- id: q -->\n> ## quoted\n\n- ## listed\n",
    ));
    assert_eq!(deck.cards.len(), 1);
    assert!(deck.cards[0].answer.contains("## quoted"));
}

#[test]
fn a_comment_later_in_the_answer_is_not_metadata() {
    let deck = deck(md(
        "# Beginner\n## Q\n<!-- id: q -->\n\ntext\n\n<!-- id: other -->\n",
    ));
    assert_eq!(deck.cards[0].id, "deck/q");
    assert!(deck.cards[0].answer.contains("<!-- id: other -->"));
}

#[test]
fn unknown_level_heading_lists_the_valid_names() {
    let parsed = md("# Beginner\n## Q\n<!-- id: q -->\nA\n\n# Expert\n\n## R\n<!-- id: r -->\nB\n");
    assert_eq!(
        errors(&parsed),
        vec![
            "t/deck.md:6:1: error: level heading '# Expert' names no level; valid level headings are # Beginner, # Intermediate, # Advanced"
        ]
    );
    assert!(parsed.deck.is_none());
}

#[test]
fn unknown_metadata_key_is_located() {
    let parsed = md("# Beginner\n## Q\n<!-- id: q; tagz: a -->\nA\n");
    assert_eq!(
        errors(&parsed),
        vec![
            "t/deck.md:3:13: error: unknown card metadata key 'tagz'; valid keys are id, tags, level, difficulty, category"
        ]
    );
}

#[test]
fn bad_metadata_values_are_located() {
    let parsed =
        md("# Beginner\n## Q\n<!-- id: a b; level: expert\ndifficulty: brutal\nnonsense -->\nA\n");
    let errs = errors(&parsed);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert!(errs[0].starts_with("t/deck.md:3:10: error: card id 'a b' contains ' '"));
    assert!(errs[1].starts_with("t/deck.md:3:22: error: unknown level 'expert'"));
    assert!(errs[2].starts_with("t/deck.md:4:13: error: unknown difficulty 'brutal'"));
    assert!(
        errs[3].starts_with("t/deck.md:5:1: error: card metadata 'nonsense' is not 'key: value'")
    );
}

#[test]
fn duplicate_ids_in_one_file_name_both_lines() {
    let parsed = md("# Beginner\n## Q\n<!-- id: same -->\nA\n## R\n<!-- id: same -->\nB\n");
    assert_eq!(
        errors(&parsed),
        vec!["t/deck.md:6:10: error: duplicate card id 'deck/same'; first used at t/deck.md:2:1"]
    );
}

#[test]
fn cards_without_a_level_or_question_are_errors() {
    let parsed = md("## No level\n<!-- id: q -->\nA\n# Beginner\n##\n<!-- id: r -->\nB\n");
    let errs = errors(&parsed);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs[0].starts_with("t/deck.md:1:1: error: card has no level"));
    assert_eq!(errs[1], "t/deck.md:5:1: error: card has no question");
}

#[test]
fn missing_ids_empty_answers_and_long_questions_only_warn() {
    let long = "x".repeat(LONG_QUESTION_CHARS + 1);
    let parsed = md(&format!(
        "# Beginner\n## What is REST?\n\n## {long}\n<!-- id: l -->\nA\n"
    ));
    assert!(!parsed.has_errors());
    let warnings: Vec<String> = parsed.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].contains("2:1: warning: card has an empty answer"));
    assert!(warnings[1].contains("2:1: warning: card has no explicit id"));
    assert!(warnings[1].contains("'what-is-rest'"));
    assert!(warnings[2].contains("4:1: warning: question is 401 characters long"));
    let deck = parsed.deck.expect("warnings keep the deck");
    assert_eq!(deck.cards[0].id, "deck/what-is-rest");
    assert!(!deck.cards[0].explicit_id);
}

#[test]
fn front_matter_problems_are_located() {
    let parsed =
        md("+++\nid = \"x\"\ncolour = \"red\"\n+++\n# Beginner\n## Q\n<!-- id: q -->\nA\n");
    let errs = errors(&parsed);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].starts_with("t/deck.md:3:1: error: TOML: unknown field `colour`"),
        "{errs:?}"
    );

    let parsed = md("+++\nid = \"x\"\n# Beginner\n## Q\n<!-- id: q -->\nA\n");
    assert!(
        errors(&parsed)[0]
            .starts_with("t/deck.md:1:1: error: front matter opened with '+++' is never closed")
    );

    let parsed = md("+++\nlevel = \"guru\"\n+++\n## Q\n<!-- id: q -->\nA\n");
    assert!(errors(&parsed)[0].starts_with("t/deck.md:2:9: error: unknown level 'guru'"));
}

#[test]
fn empty_files_and_files_without_cards_are_errors() {
    assert_eq!(
        errors(&md(" \n\n")),
        vec!["t/deck.md: error: file is empty; a deck needs at least one card"]
    );
    assert!(errors(&md("# Beginner\n\nJust prose.\n"))[0].contains("no cards found"));
    assert!(errors(&tml("[deck]\nid = \"x\"\n"))[0].contains("no cards found"));
}

#[test]
fn invalid_utf8_is_located_at_the_bad_byte() {
    let bytes = b"# Beginner\n## Q\nab\xff\xfe\n";
    let parsed = parse_deck(bytes, Origin::File("t/bad.md".into()), Format::MARKDOWN);
    assert_eq!(
        errors(&parsed),
        vec!["t/bad.md:3:3: error: file is not valid UTF-8 text (save it as UTF-8)"]
    );
}

#[test]
fn oversized_answers_are_errors() {
    let big = "word ".repeat(MAX_ANSWER_BYTES / 5 + 10);
    let parsed = md(&format!("# Beginner\n## Q\n<!-- id: q -->\n{big}\n"));
    assert!(errors(&parsed)[0].starts_with("t/deck.md:2:1: error: answer is"));
}

/// A list nested `levels` deep, one item per level.
fn nested_list(levels: usize) -> String {
    (0..levels)
        .map(|i| format!("{}- level {}\n", "  ".repeat(i), i + 1))
        .collect()
}

#[test]
fn questions_over_the_hard_limit_are_errors() {
    let at_limit = "x".repeat(MAX_QUESTION_CHARS);
    let parsed = md(&format!("# Beginner\n## {at_limit}\n<!-- id: q -->\nA\n"));
    assert!(!parsed.has_errors(), "{:?}", errors(&parsed));
    let over = "x".repeat(MAX_QUESTION_CHARS + 1);
    let parsed = md(&format!("# Beginner\n## {over}\n<!-- id: q -->\nA\n"));
    assert_eq!(
        errors(&parsed),
        vec![format!(
            "t/deck.md:2:1: error: question is 4001 characters long, over the {MAX_QUESTION_CHARS} character limit; move detail into the answer"
        )]
    );
    let parsed = tml(&format!(
        "[[cards]]\nid = \"q\"\nlevel = \"beginner\"\nquestion = \"{over}\"\nanswer = \"A\"\n"
    ));
    assert!(errors(&parsed)[0].starts_with("t/deck.toml:1:1: error: question is 4001 characters"));
}

#[test]
fn answers_nested_over_the_limit_are_errors() {
    let ok = nested_list(MAX_NESTING) + &"> ".repeat(MAX_NESTING) + "quoted\n";
    let parsed = md(&format!("# Beginner\n## Q\n<!-- id: q -->\n{ok}"));
    assert!(!parsed.has_errors(), "{:?}", errors(&parsed));

    let deep = nested_list(MAX_NESTING + 1);
    let parsed = md(&format!("# Beginner\n## Q\n<!-- id: q -->\n{deep}"));
    assert_eq!(
        errors(&parsed),
        vec![format!(
            "t/deck.md:2:1: error: answer nests lists or block quotes 17 levels deep, over the {MAX_NESTING} level limit"
        )]
    );
    let quotes = "> ".repeat(1000) + "deep\n";
    let parsed = tml(&format!(
        "[[cards]]\nid = \"q\"\nlevel = \"beginner\"\nquestion = \"Q\"\nanswer = \"\"\"\n{quotes}\"\"\"\n"
    ));
    assert!(
        errors(&parsed)[0].contains("error: answer nests lists or block quotes 1000 levels deep"),
        "{:?}",
        errors(&parsed)
    );
    // Deep indentation alone (code) is not nesting.
    let code = format!("```\n{}x\n```\n", " ".repeat(200));
    let parsed = md(&format!("# Beginner\n## Q\n<!-- id: q -->\n{code}"));
    assert!(!parsed.has_errors(), "{:?}", errors(&parsed));
}

#[test]
fn answers_with_tables_over_the_column_limit_are_errors() {
    let table = |columns: usize| {
        format!(
            "|{}\n|{}\n|{}\n",
            " h |".repeat(columns),
            "---|".repeat(columns),
            " c |".repeat(columns)
        )
    };
    let parsed = md(&format!(
        "# Beginner\n## Q\n<!-- id: q -->\n{}",
        table(MAX_TABLE_COLUMNS)
    ));
    assert!(!parsed.has_errors(), "{:?}", errors(&parsed));
    let parsed = md(&format!(
        "# Beginner\n## Q\n<!-- id: q -->\n{}",
        table(MAX_TABLE_COLUMNS + 1)
    ));
    assert_eq!(
        errors(&parsed),
        vec![format!(
            "t/deck.md:2:1: error: answer has a table of 17 columns, over the {MAX_TABLE_COLUMNS} column limit"
        )]
    );
    // Pipes that make no table are text.
    let parsed = md(&format!(
        "# Beginner\n## Q\n<!-- id: q -->\n`{}`\n",
        "|".repeat(100)
    ));
    assert!(!parsed.has_errors(), "{:?}", errors(&parsed));
}

const TOML_SAMPLE: &str = r#"
[deck]
id = "bank"
title = "Bank"

[[cards]]
id = "catalog-caching"
question = "How would you cache a catalog?"
answer = """
Cache-aside.
"""
difficulty = "medium"
category = "technical"
tags = ["caching", "redis"]

[[cards]]
id = "explicit"
question = "Q2"
answer = "A2"
level = "advanced"
difficulty = "easy"
"#;

#[test]
fn toml_cards_map_difficulty_to_level() {
    let deck = deck(tml(TOML_SAMPLE));
    assert_eq!(deck.id, "bank");
    assert_eq!(deck.cards.len(), 2);
    let first = &deck.cards[0];
    assert_eq!(first.id, "bank/catalog-caching");
    assert_eq!(first.level, Level::Intermediate);
    assert_eq!(first.difficulty, Some(Difficulty::Medium));
    assert_eq!(first.category.as_deref(), Some("technical"));
    assert_eq!(first.tags, vec!["caching", "redis"]);
    assert_eq!(first.answer, "Cache-aside.");
    assert_eq!(first.line, 6);
    assert_eq!(
        deck.cards[1].level,
        Level::Advanced,
        "an explicit level wins"
    );
}

#[test]
fn toml_unknown_keys_and_wrong_types_are_located() {
    let parsed = tml(
        "[[cards]]\nid = \"a\"\nquestion = \"Q\"\nanswer = \"A\"\nlevel = \"beginner\"\ntagz = [\"x\"]\n",
    );
    let errs = errors(&parsed);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("t/deck.toml:6:1: error: TOML: unknown field `tagz`"),
        "{errs:?}"
    );

    let parsed = tml("[[cards]]\nid = \"a\"\nquestion = 3\nanswer = \"A\"\nlevel = \"beginner\"\n");
    let errs = errors(&parsed);
    assert!(
        errs[0].starts_with("t/deck.toml:3:12: error: TOML: invalid type: integer `3`"),
        "{errs:?}"
    );

    // Each bad card is reported on its own; good cards around them still count.
    let parsed = tml(
        "[[cards]]\nid = \"a\"\nquestion = \"Q\"\nanswer = \"A\"\ntagz = 1\n\n\
         [[cards]]\nid = \"b\"\nquestion = \"Q2\"\nanswer = \"A\"\nlevel = \"guru\"\n\n\
         [[cards]]\nid = \"c\"\nquestion = \"Q3\"\nanswer = 7\n\n\
         [[cards]]\nid = \"d\"\nquestion = \"Q4\"\nanswer = \"A\"\nlevel = \"advanced\"\n",
    );
    let errs = errors(&parsed);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].starts_with("t/deck.toml:5:1: error: TOML: unknown field `tagz`"),
        "{errs:?}"
    );
    assert!(
        errs[1].starts_with("t/deck.toml:11:9: error: unknown level 'guru'"),
        "{errs:?}"
    );
    assert!(
        errs[2].starts_with("t/deck.toml:16:10: error: TOML: invalid type"),
        "{errs:?}"
    );

    let parsed = tml("deck = 1\ncard = []\n");
    let errs = errors(&parsed);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].contains("no cards found"), "{errs:?}");
    assert_eq!(
        errs[1],
        "t/deck.toml:1:8: error: TOML: invalid type: integer `1`, expected a [deck] table"
    );
    assert!(
        errs[2].starts_with("t/deck.toml:2:1: error: TOML: unknown key `card`"),
        "{errs:?}"
    );

    let parsed = tml("[[cards]\nid = \"a\"\n");
    assert!(
        errors(&parsed)[0].starts_with("t/deck.toml:1:"),
        "{:?}",
        errors(&parsed)
    );
}

#[test]
fn toml_cards_need_a_question_an_answer_and_a_level() {
    let parsed = tml(
        "[[cards]]\nid = \"a\"\nlevel = \"beginner\"\n\n[[cards]]\nid = \"b\"\nquestion = \"Q\"\nanswer = \"A\"\n",
    );
    assert_eq!(
        errors(&parsed),
        vec![
            "t/deck.toml:1:1: error: card has no question",
            "t/deck.toml:1:1: error: card has no answer",
            "t/deck.toml:5:1: error: card has no level; put it under a '# Beginner', '# Intermediate' or '# Advanced' heading, or give it a level",
        ]
    );
}

#[test]
fn unicode_text_survives_in_both_formats() {
    let deck = deck(tml(
        "[[cards]]\nid = \"ü\"\nquestion = \"Что такое CAP? 日本\"\nanswer = \"Ответ\"\nlevel = \"advanced\"\n",
    ));
    assert_eq!(deck.cards[0].id, "deck/ü");
    assert_eq!(deck.cards[0].question, "Что такое CAP? 日本");
}

#[test]
fn control_characters_never_reach_questions_or_tags() {
    let deck = deck(md(
        "# Beginner\n## Evil \u{1b}[2J question\u{7}\n<!-- id: e; tags: a\u{1b}b -->\nA\n",
    ));
    assert_eq!(deck.cards[0].question, "Evil [2J question");
    assert_eq!(deck.cards[0].tags, vec!["ab"]);
}
