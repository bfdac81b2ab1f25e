//! The shipped decks: exact counts, ids in the order of the source list,
//! complete metadata, a shared tag vocabulary, a clean `check`, code blocks
//! that declare their language, and runnable code where an answer promises it.

use std::collections::BTreeSet;

use prepdeck::deck::{Card, Difficulty, Level};

use crate::common::{prepdeck, run, temp_dir};
use crate::deck_source::{code_blocks, deck, shipped, source_path};

/// Cards of all shipped decks together.
pub const SHIPPED_CARDS: usize = 102;

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

/// The third deck's planned cards and their levels.
const ROLE_PLAN: [(&str, Level); 47] = [
    ("n-plus-one-queries", Level::Beginner),
    ("domain-to-schema", Level::Beginner),
    ("choosing-a-runtime", Level::Beginner),
    ("aws-iam", Level::Beginner),
    ("aws-building-blocks", Level::Beginner),
    ("sessions-vs-tokens-browser", Level::Beginner),
    ("passkeys", Level::Beginner),
    ("pagination-cursor-offset", Level::Beginner),
    ("design-interview-structure", Level::Beginner),
    ("ask-about-architecture", Level::Beginner),
    ("ask-about-scale", Level::Beginner),
    ("ask-about-ownership", Level::Beginner),
    ("index-types", Level::Intermediate),
    ("composite-index-order", Level::Intermediate),
    ("isolation-levels", Level::Intermediate),
    ("normal-forms", Level::Intermediate),
    ("mongodb-document-design", Level::Intermediate),
    ("nodejs-event-loop", Level::Intermediate),
    ("python-gil-asyncio", Level::Intermediate),
    ("aws-vpc-networking", Level::Intermediate),
    ("azure-equivalents", Level::Intermediate),
    ("oauth-oidc-flows", Level::Intermediate),
    ("rbac-abac-rebac", Level::Intermediate),
    ("managed-database-choices", Level::Intermediate),
    ("rest-grpc-graphql", Level::Intermediate),
    ("problem-details-errors", Level::Intermediate),
    ("slos-error-budgets", Level::Intermediate),
    ("blameless-postmortems", Level::Intermediate),
    ("infrastructure-as-code", Level::Intermediate),
    ("flaky-tests", Level::Intermediate),
    ("feature-flags", Level::Intermediate),
    ("explain-analyze", Level::Advanced),
    ("write-skew-ssi", Level::Advanced),
    ("mvcc-vacuum", Level::Advanced),
    ("table-partitioning", Level::Advanced),
    ("shard-keys", Level::Advanced),
    ("multi-tenant-data", Level::Advanced),
    ("jvm-garbage-collectors", Level::Advanced),
    ("jvm-virtual-threads", Level::Advanced),
    ("token-validation", Level::Advanced),
    ("service-to-service-identity", Level::Advanced),
    ("multi-tenant-isolation", Level::Advanced),
    ("evolving-apis", Level::Advanced),
    ("incident-response-oncall", Level::Advanced),
    ("testing-event-driven", Level::Advanced),
    ("progressive-delivery", Level::Advanced),
    ("back-of-envelope-estimation", Level::Advanced),
];

#[test]
fn role_deck_is_compiled_in_with_the_planned_cards_and_levels() {
    let decks = shipped();
    let Some(role) = decks.iter().find(|d| d.id == "backend-role") else {
        panic!(
            "backend-role deck not compiled in: add decks/backend-role.md to BUILTIN_DECKS in src/deck/builtin.rs"
        );
    };
    assert_eq!(source_path(role), "decks/backend-role.md");
    assert_eq!(role.title, "Backend interview: the whole role");
    let n = role.cards.len();
    assert!(
        (40..=50).contains(&n),
        "backend-role has {n} cards, expected 40-50"
    );
    let count = |level| role.cards.iter().filter(|c| c.level == level).count();
    let counts = Level::ALL.map(count);
    for (level, (got, want)) in Level::ALL.iter().zip(counts.iter().zip([12usize, 17, 16])) {
        assert!(
            got.abs_diff(want) <= 3,
            "backend-role has {got} {level} cards, expected {want} (within 3); counts {counts:?}"
        );
    }
    let mut problems = Vec::new();
    for (id, level) in ROLE_PLAN {
        match role.cards.iter().find(|c| c.local_id() == id) {
            None => problems.push(format!("backend-role/{id} is missing")),
            Some(card) if card.level != level => problems.push(format!(
                "backend-role/{id} is {}, the plan says {level}",
                card.level
            )),
            Some(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "the backend-role deck differs from its plan:\n{}",
        problems.join("\n")
    );
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
fn code_block_lines_point_at_their_fences() {
    let mut wrong = Vec::new();
    for block in code_blocks(&shipped()) {
        let text = prepdeck::deck::BUILTIN_DECKS
            .iter()
            .find(|d| d.path == block.file)
            .map(|d| d.text)
            .expect("deck text");
        let line = text.lines().nth(block.line - 1).unwrap_or("").trim_start();
        let info = line.trim_start_matches(['`', '~']).trim();
        if !(line.starts_with("```") || line.starts_with("~~~"))
            || info.split_whitespace().next().unwrap_or("") != block.lang
        {
            wrong.push(format!("{}: the line is '{line}'", block.place()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
