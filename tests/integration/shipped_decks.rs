//! The shipped decks: exact counts, ids in the order of the source list,
//! complete metadata, a shared tag vocabulary, a clean `check`, code blocks
//! that declare their language, and runnable code where an answer promises it.

use std::collections::BTreeSet;

use prepdeck::deck::load::{DeckSources, load};
use prepdeck::deck::{Card, Deck, Difficulty, Level};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use crate::common::{prepdeck, run, temp_dir};

const ROADMAP_IDS: [&str; 50] = [
    "api-endpoint",
    "sql-vs-nosql",
    "rest-principles",
    "http-request-cycle",
    "file-uploads",
    "testing-new-endpoint",
    "session-management",
    "api-versioning",
    "sql-injection",
    "http-statelessness",
    "containerization",
    "securing-new-api",
    "scaling-traffic-surge",
    "debugging-backend",
    "maintainable-code",
    "full-text-search",
    "batch-processing",
    "message-queues",
    "db-connection-management",
    "ci-cd-pipeline",
    "distributed-caching",
    "background-tasks",
    "data-encryption",
    "webhooks",
    "gdpr-compliance",
    "long-running-requests",
    "rate-limiting",
    "performance-monitoring",
    "microservices-decomposition",
    "api-dependencies",
    "eventual-consistency",
    "reverse-proxy",
    "load-balanced-sessions",
    "database-replication",
    "blue-green-deployment",
    "cap-theorem",
    "schema-migrations",
    "idempotency",
    "single-sign-on",
    "iot-data-streams",
    "realtime-sync",
    "microservices-tradeoffs",
    "load-testing",
    "cache-eviction",
    "correlation-ids",
    "optimistic-vs-pessimistic-locking",
    "deadlock-prevention",
    "inter-service-security",
    "data-anomalies",
    "global-ha-storage",
];

/// Item, difficulty and category of the five question-bank prompts.
const BANK: [(&str, Difficulty, &str); 5] = [
    ("catalog-caching", Difficulty::Medium, "technical"),
    (
        "inventory-optimistic-locking",
        Difficulty::Medium,
        "technical",
    ),
    (
        "zero-downtime-not-null-column",
        Difficulty::Medium,
        "technical",
    ),
    ("multi-region-social-app", Difficulty::Hard, "system design"),
    ("payment-service-testing", Difficulty::Easy, "technical"),
];

/// The one tag vocabulary both decks share.
const TAGS: [&str; 29] = [
    "api",
    "http",
    "rest",
    "databases",
    "sql",
    "nosql",
    "security",
    "auth",
    "caching",
    "distributed-systems",
    "messaging",
    "testing",
    "devops",
    "deployment",
    "containers",
    "scalability",
    "performance",
    "observability",
    "architecture",
    "microservices",
    "data",
    "privacy",
    "concurrency",
    "real-time",
    "storage",
    "networking",
    "code-quality",
    "search",
    "reliability",
];

fn shipped() -> Vec<Deck> {
    let library = load(&DeckSources {
        builtin: true,
        user_dir: None,
        paths: Vec::new(),
    });
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    library.decks
}

fn deck<'a>(decks: &'a [Deck], id: &str) -> &'a Deck {
    decks
        .iter()
        .find(|d| d.id == id)
        .expect("shipped deck present")
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[test]
fn roadmap_deck_has_the_fifty_questions_in_order_and_by_level() {
    let decks = shipped();
    let roadmap = deck(&decks, "backend-roadmap");
    let ids: Vec<&str> = roadmap.cards.iter().map(Card::local_id).collect();
    assert_eq!(ids, ROADMAP_IDS);
    let count = |level| roadmap.cards.iter().filter(|c| c.level == level).count();
    assert_eq!(
        [
            count(Level::Beginner),
            count(Level::Intermediate),
            count(Level::Advanced)
        ],
        [15, 18, 17]
    );
    for (i, card) in roadmap.cards.iter().enumerate() {
        let expected = match i {
            0..15 => Level::Beginner,
            15..33 => Level::Intermediate,
            _ => Level::Advanced,
        };
        assert_eq!(card.level, expected, "{}", card.id);
    }
}

#[test]
fn bank_deck_has_the_five_prompts_with_difficulty_category_and_level() {
    let decks = shipped();
    let bank = deck(&decks, "backend-question-bank");
    assert_eq!(bank.cards.len(), BANK.len());
    for (card, (id, difficulty, category)) in bank.cards.iter().zip(BANK) {
        assert_eq!(card.local_id(), id);
        assert_eq!(card.difficulty, Some(difficulty), "{id}");
        assert_eq!(card.category.as_deref(), Some(category), "{id}");
        assert_eq!(card.level, difficulty.level(), "{id}");
    }
    assert_eq!(decks.iter().map(|d| d.cards.len()).sum::<usize>(), 55);
}

#[test]
fn every_card_is_complete_and_shaped_for_an_interview() {
    let decks = shipped();
    for card in decks.iter().flat_map(|d| &d.cards) {
        assert!(card.explicit_id, "{} has no explicit id", card.id);
        assert!(
            (1..=4).contains(&card.tags.len()),
            "{}: {:?}",
            card.id,
            card.tags
        );
        for tag in &card.tags {
            assert!(
                TAGS.contains(&tag.as_str()),
                "{}: tag '{tag}' is not in the shared vocabulary",
                card.id
            );
        }
        let (min, max) = if card.deck == "backend-roadmap" {
            (150, 400)
        } else {
            (300, 700)
        };
        let n = words(&card.answer);
        assert!(
            (min..=max).contains(&n),
            "{}: {n} words, expected {min}-{max}",
            card.id
        );
        for section in ["### Key points", "### Follow-ups"] {
            assert!(
                card.answer.contains(section),
                "{} lacks '{section}'",
                card.id
            );
        }
        for outdated in ["master", "slave", "whitelist", "blacklist"] {
            assert!(
                !card.answer.to_lowercase().contains(outdated),
                "{}: uses '{outdated}'",
                card.id
            );
        }
    }
}

#[test]
fn check_reports_nothing_on_the_shipped_decks() {
    let data = temp_dir();
    let out = run(prepdeck(data.path()).arg("check"));
    assert_eq!(out.code, 0, "{}", out.stdout);
    let shipped = prepdeck::deck::BUILTIN_DECKS.len();
    assert_eq!(
        out.stdout,
        format!("checked {shipped} files, 55 cards: 0 errors, 0 warnings\n")
    );
}

#[test]
fn shipped_files_in_decks_folder_match_the_compiled_ones() {
    for deck in prepdeck::deck::BUILTIN_DECKS {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(deck.path);
        let on_disk = std::fs::read_to_string(&path).expect("deck file exists");
        assert_eq!(on_disk, deck.text, "{}", deck.path);
    }
}

/// Every fenced code block of every answer, as (card id, language, code).
fn code_blocks(decks: &[Deck]) -> Vec<(String, String, String)> {
    let mut blocks = Vec::new();
    for card in decks.iter().flat_map(|d| &d.cards) {
        let mut current: Option<(String, String)> = None;
        for event in Parser::new(&card.answer) {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(lang) => lang.to_string(),
                        CodeBlockKind::Indented => "<indented>".to_string(),
                    };
                    current = Some((lang, String::new()));
                }
                Event::Text(text) => {
                    if let Some((_, code)) = current.as_mut() {
                        code.push_str(&text);
                    }
                }
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                    if let Some((lang, code)) = current.take() {
                        blocks.push((card.id.clone(), lang, code));
                    }
                }
                _ => {}
            }
        }
    }
    blocks
}

#[test]
fn every_code_block_declares_its_language() {
    let blocks = code_blocks(&shipped());
    assert!(!blocks.is_empty());
    let langs: BTreeSet<&str> = blocks.iter().map(|(_, lang, _)| lang.as_str()).collect();
    for (id, lang, _) in &blocks {
        assert!(
            !lang.trim().is_empty() && lang != "<indented>",
            "{id} has a code block without a language"
        );
    }
    assert!(
        langs.contains("sql") && langs.contains("python"),
        "{langs:?}"
    );
}

#[test]
fn migration_prompt_gives_the_sql_for_every_step() {
    let blocks = code_blocks(&shipped());
    let sql: String = blocks
        .iter()
        .filter(|(id, lang, _)| id.ends_with("/zero-downtime-not-null-column") && lang == "sql")
        .map(|(_, _, code)| code.to_uppercase())
        .collect();
    for step in [
        "ADD COLUMN",
        "UPDATE",
        "NOT VALID",
        "VALIDATE CONSTRAINT",
        "SET NOT NULL",
        "DROP CONSTRAINT",
        "LOCK_TIMEOUT",
    ] {
        assert!(sql.contains(step), "migration SQL lacks {step}");
    }
}

#[test]
fn locking_prompt_python_compiles_and_runs() {
    let blocks = code_blocks(&shipped());
    let code: Vec<&String> = blocks
        .iter()
        .filter(|(id, lang, _)| id.ends_with("/inventory-optimistic-locking") && lang == "python")
        .map(|(_, _, code)| code)
        .collect();
    assert_eq!(code.len(), 1, "the locking prompt has one Python block");
    let dir = temp_dir();
    let script = dir.path().join("inventory.py");
    std::fs::write(&script, code[0]).expect("write script");
    let python = match std::process::Command::new("python3")
        .arg("--version")
        .output()
    {
        Ok(out) if out.status.success() => "python3",
        _ => {
            println!("skipped: python3 is not installed, so the locking code was not compiled");
            return;
        }
    };
    let compiled = std::process::Command::new(python)
        .args(["-m", "py_compile"])
        .arg(&script)
        .output()
        .expect("py_compile runs");
    assert!(
        compiled.status.success(),
        "{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let ran = std::process::Command::new(python)
        .arg(&script)
        .output()
        .expect("script runs");
    assert!(
        ran.status.success(),
        "the locking example fails when run:\n{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(!ran.stdout.is_empty(), "the demo prints its result");
}
