//! The shipped decks: exact counts, ids in the order of the source list,
//! complete metadata, a shared tag vocabulary, a clean `check`, code blocks
//! that declare their language, and runnable code where an answer promises it.

use std::collections::BTreeSet;

use prepdeck::deck::{Card, Difficulty, Level};

use crate::common::{prepdeck, run, temp_dir};
use crate::deck_source::{code_blocks, deck, shipped};

/// Cards of all shipped decks together.
pub const SHIPPED_CARDS: usize = 55;

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

/// The one tag vocabulary the shipped decks share.
pub const TAGS: [&str; 34] = [
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
    "cloud",
    "runtimes",
    "data-modeling",
    "system-design",
    "interviewing",
];

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
    assert_eq!(
        decks.iter().map(|d| d.cards.len()).sum::<usize>(),
        SHIPPED_CARDS
    );
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
        format!("checked {shipped} files, {SHIPPED_CARDS} cards: 0 errors, 0 warnings\n")
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

#[test]
fn every_code_block_declares_its_language() {
    let blocks = code_blocks(&shipped());
    assert!(!blocks.is_empty());
    // The language is the first word of the info string (`sql postgresql-18`).
    let langs: BTreeSet<&str> = blocks.iter().map(|b| b.lang.as_str()).collect();
    let bare: Vec<String> = blocks
        .iter()
        .filter(|b| b.lang.is_empty() || b.lang == "<indented>")
        .map(|b| b.place())
        .collect();
    assert!(
        bare.is_empty(),
        "code blocks without a language:\n{}",
        bare.join("\n")
    );
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
        .filter(|b| b.card.ends_with("/zero-downtime-not-null-column") && b.lang == "sql")
        .map(|b| b.code.to_uppercase())
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

/// The locking prompt's code (run with the other examples by
/// `deck_examples`) retries what PostgreSQL reports under contention.
#[test]
fn locking_prompt_python_retries_serialization_failures_and_lock_timeouts() {
    let blocks = code_blocks(&shipped());
    let code: Vec<&str> = blocks
        .iter()
        .filter(|b| b.card.ends_with("/inventory-optimistic-locking") && b.lang == "python")
        .map(|b| b.code.as_str())
        .collect();
    assert_eq!(code.len(), 1, "the locking prompt has one Python block");
    let handles = |names: &[&str]| names.iter().any(|n| code[0].contains(n));
    assert!(
        handles(&["SerializationFailure", "40001"]),
        "the locking code does not retry serialization failures (SQLSTATE 40001)"
    );
    assert!(
        handles(&["LockNotAvailable", "55P03"]),
        "the locking code does not retry lock timeouts (SQLSTATE 55P03)"
    );
}
