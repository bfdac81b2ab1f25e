//! `stats`, `list --status` and `reset` through the real binary, on progress
//! made with the library's own engine and store in a temporary data folder.

use std::path::Path;

use jiff::Timestamp;
use prepdeck::deck::Level;
use prepdeck::deck::load::{DeckSources, load};
use prepdeck::engine::{Action, Engine, Filter, Mark, Order, Progress};
use prepdeck::store::Store;
use serde_json::Value;

use crate::shipped_decks::SHIPPED_CARDS;

use crate::common::{prepdeck, run, temp_dir};

/// How many shipped cards have this level.
fn shipped_at(level: Level) -> usize {
    load(&DeckSources {
        builtin: true,
        ..DeckSources::default()
    })
    .cards()
    .filter(|c| c.level == level)
    .count()
}

/// Marks the first three beginner cards Knew, Learnt and Skipped, and saves.
fn mark_three_beginner_cards(data: &Path) -> Vec<String> {
    let cards = load(&DeckSources {
        builtin: true,
        ..DeckSources::default()
    })
    .into_cards();
    let now: Timestamp = "2026-01-02T03:04:05Z".parse().expect("time");
    let filter = Filter::all().with_levels([Level::Beginner]);
    let (mut engine, _) = Engine::start(cards, Progress::default(), filter, Order::Deck, now);
    let mut ids = Vec::new();
    for mark in [Mark::Knew, Mark::Learnt, Mark::Skipped] {
        ids.push(engine.current().expect("a card").id.clone());
        engine.apply(Action::Reveal, now);
        engine.apply(Action::Mark(mark), now);
    }
    Store::at(data).save(engine.progress()).expect("save");
    ids
}

fn stats_json(data: &Path, args: &[&str]) -> Value {
    let out = run(prepdeck(data).args(["stats", "--json"]).args(args));
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("stats --json prints JSON")
}

#[test]
fn stats_on_fresh_progress_counts_every_shipped_card_as_unseen() {
    let data = temp_dir();
    let stats = stats_json(data.path(), &[]);
    assert_eq!(stats["total"], SHIPPED_CARDS);
    assert_eq!(stats["unseen"], SHIPPED_CARDS);
    assert_eq!(stats["knew"], 0);
    let levels = stats["levels"].as_object().expect("levels object");
    assert_eq!(
        levels.keys().collect::<Vec<_>>(),
        ["advanced", "beginner", "intermediate"]
    );
    assert_eq!(levels["beginner"]["total"], shipped_at(Level::Beginner));
    assert!(
        !data.path().join("progress.json").exists(),
        "reading never writes"
    );
}

#[test]
fn stats_and_list_reflect_marks() {
    let data = temp_dir();
    let ids = mark_three_beginner_cards(data.path());
    let stats = stats_json(data.path(), &[]);
    assert_eq!(
        [
            &stats["knew"],
            &stats["learnt"],
            &stats["skipped"],
            &stats["unseen"]
        ],
        [1, 1, 1, SHIPPED_CARDS - 3]
    );
    assert_eq!(stats["levels"]["beginner"]["knew"], 1);
    let advanced = shipped_at(Level::Advanced);
    assert_eq!(stats["levels"]["advanced"]["unseen"], advanced);
    let filtered = stats_json(data.path(), &["--level", "advanced"]);
    assert_eq!(filtered["total"], advanced);
    assert_eq!(filtered["unseen"], advanced);

    let out = run(prepdeck(data.path()).args(["list", "--json", "--status", "knew,learnt"]));
    let listed: Value = serde_json::from_str(&out.stdout).expect("json");
    let listed: Vec<(&str, &str)> = listed
        .as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or(""),
                c["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [(ids[0].as_str(), "knew"), (ids[1].as_str(), "learnt")]
    );

    let text = run(prepdeck(data.path()).args(["stats"]));
    assert!(
        text.stdout.contains(&format!(
            "seen 3 / {SHIPPED_CARDS} ({}%) for all cards",
            300 / SHIPPED_CARDS
        )),
        "{}",
        text.stdout
    );
}

#[test]
fn sessions_of_two_filters_survive_the_binary_reading_and_saving_the_file() {
    let data = temp_dir();
    let beginner_ids = mark_three_beginner_cards(data.path());
    let store = Store::at(data.path());
    let cards = load(&DeckSources {
        builtin: true,
        ..DeckSources::default()
    })
    .into_cards();
    // Drill the advanced cards shuffled: the beginner session is kept.
    let now: Timestamp = "2026-01-02T04:00:00Z".parse().expect("time");
    let advanced = Filter::all().with_levels([Level::Advanced]);
    let (mut engine, _) = Engine::start(
        cards.clone(),
        store.load().expect("load"),
        advanced.clone(),
        Order::Shuffled { seed: 99 },
        now,
    );
    engine.apply(Action::Mark(Mark::Knew), now);
    store.save(engine.progress()).expect("save");
    let file = data.path().join("progress.json");
    let read = |file: &Path| -> Value {
        serde_json::from_str(&std::fs::read_to_string(file).expect("file")).expect("json")
    };
    let before = read(&file);
    assert_eq!(before["version"], 2);
    assert_eq!(before["session"]["filter"]["levels"][0], "advanced");
    assert_eq!(before["sessions"][0]["filter"]["levels"][0], "beginner");
    let fourth_beginner = cards
        .iter()
        .filter(|card| card.level == Level::Beginner)
        .nth(3)
        .map(|card| card.id.clone());
    assert_eq!(
        before["sessions"][0]["current"].as_str(),
        fourth_beginner.as_deref()
    );

    // The binary reads the file and then saves it, by resetting the
    // advanced card: both sessions are still there, unchanged.
    assert_eq!(stats_json(data.path(), &[])["knew"], 2);
    let out = run(prepdeck(data.path()).args(["reset", "--yes", "--level", "advanced"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "reset 1 card (level advanced) to unseen\n");
    let after = read(&file);
    assert_eq!(after["session"], before["session"]);
    assert_eq!(after["sessions"], before["sessions"]);
    assert_eq!(after["version"], 2);

    // And the beginner session resumes on the card after the three marked.
    let mut progress = store.load().expect("load");
    assert!(progress.activate_session(&Filter::all().with_levels([Level::Beginner])));
    let later: Timestamp = "2026-01-02T05:00:00Z".parse().expect("time");
    let (resumed, _) = Engine::resume(cards, progress, later);
    let on = resumed.current().map(|card| card.id.clone());
    assert_eq!(on, fourth_beginner);
    assert!(on.is_some_and(|id| !beginner_ids.contains(&id)));
}

#[test]
fn unknown_status_lists_the_valid_ones() {
    let data = temp_dir();
    let out = run(prepdeck(data.path()).args(["list", "--status", "known"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("unknown status 'known'; valid statuses are unseen, knew, learnt, skipped")
    );
}

#[test]
fn reset_refuses_without_a_terminal_or_yes_and_keeps_the_file() {
    let data = temp_dir();
    mark_three_beginner_cards(data.path());
    let file = data.path().join("progress.json");
    let before = std::fs::read(&file).expect("progress saved");
    let out = run(prepdeck(data.path()).args(["reset", "--level", "beginner"]));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "prepdeck: error: not resetting 3 cards (level beginner) without confirmation; run it in a terminal, or pass --yes\n"
    );
    assert_eq!(std::fs::read(&file).expect("still there"), before);
}

#[test]
fn reset_with_yes_clears_only_the_filtered_cards_and_keeps_unknown_records() {
    let data = temp_dir();
    let ids = mark_three_beginner_cards(data.path());
    // A record for a card no deck has any more: kept, never counted.
    let store = Store::at(data.path());
    let mut progress = store.load().expect("load");
    let mut gone = progress.cards[&ids[0]].clone();
    gone.last_marked = Some("2026-01-01T00:00:00Z".parse().expect("time"));
    progress
        .cards
        .insert("retired-deck/old-card".to_string(), gone);
    store.save(&progress).expect("save");
    assert_eq!(stats_json(data.path(), &[])["knew"], 1);

    let out = run(prepdeck(data.path()).args(["reset", "--yes", "--level", "advanced"]));
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        "nothing to reset: no card in level advanced has been marked\n"
    );
    let fresh = temp_dir();
    let out = run(prepdeck(fresh.path()).args(["reset", "--yes"]));
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "nothing to reset: no card has been marked\n")
    );

    let out = run(prepdeck(data.path()).args(["reset", "--yes", "--level", "beginner"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "reset 3 cards (level beginner) to unseen\n");
    let stats = stats_json(data.path(), &[]);
    assert_eq!(
        [&stats["unseen"], &stats["total"]],
        [SHIPPED_CARDS, SHIPPED_CARDS]
    );
    let saved = std::fs::read_to_string(data.path().join("progress.json")).expect("file");
    assert!(
        saved.contains("retired-deck/old-card"),
        "records of retired cards are kept"
    );
}

#[test]
fn broken_progress_is_refused_untouched_then_moved_aside_on_request() {
    let data = temp_dir();
    let file = data.path().join("progress.json");
    std::fs::write(&file, "{\"version\": 1, \"cards\": {").expect("write");
    for args in [&["stats"][..], &["list"], &["reset", "--yes"]] {
        let out = run(prepdeck(data.path()).args(args));
        assert_eq!(out.code, 1, "{args:?}");
        let message = out.stderr.lines().last().unwrap_or_default().to_string();
        assert!(
            message.starts_with(&format!(
                "prepdeck: error: progress file {} is truncated",
                file.display()
            )),
            "{message}"
        );
        assert!(
            message.contains("run `prepdeck reset --broken`"),
            "{message}"
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(&file).expect("kept"),
        "{\"version\": 1, \"cards\": {"
    );

    // The whole file is moved or nothing: filters make no sense with it.
    let out = run(prepdeck(data.path()).args(["reset", "--broken", "--level", "beginner"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);

    let out = run(prepdeck(data.path()).args(["reset", "--broken"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("moved the unreadable progress file to "),
        "{}",
        out.stdout
    );
    assert!(!file.exists());
    let moved: Vec<String> = std::fs::read_dir(data.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("progress.json.broken-"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        std::fs::read_to_string(data.path().join(&moved[0])).expect("moved file"),
        "{\"version\": 1, \"cards\": {"
    );
    assert_eq!(stats_json(data.path(), &[])["unseen"], SHIPPED_CARDS);
}

#[test]
fn progress_from_a_newer_version_is_refused_naming_both_versions() {
    let data = temp_dir();
    let file = data.path().join("progress.json");
    std::fs::write(&file, "{\"version\": 99, \"cards\": {}}").expect("write");
    let out = run(prepdeck(data.path()).args(["stats"]));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("99"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&prepdeck::store::VERSION.to_string()),
        "{}",
        out.stderr
    );
    let out = run(prepdeck(data.path()).args(["reset", "--broken"]));
    assert_eq!(out.code, 1, "a newer file is not broken: it is left alone");
    assert!(file.exists());
}

#[test]
fn every_bad_progress_fixture_stops_the_binary_with_one_line_and_is_kept() {
    let dir = crate::common::fixtures().join("progress/invalid");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let data = temp_dir();
        let file = data.path().join("progress.json");
        let bytes = std::fs::read(dir.join(&name)).expect("fixture");
        std::fs::write(&file, &bytes).expect("copy");
        for args in [&["stats"][..], &["list", "--json"], &["reset", "--yes"]] {
            let out = run(prepdeck(data.path()).args(args));
            assert_eq!(out.code, 1, "{name:?} {args:?}");
            assert!(out.stdout.is_empty(), "{name:?} {args:?}: {}", out.stdout);
            assert_eq!(out.stderr.lines().count(), 1, "{name:?}: {}", out.stderr);
            assert!(
                out.stderr.starts_with(&format!(
                    "prepdeck: error: progress file {}",
                    file.display()
                )),
                "{name:?}: {}",
                out.stderr
            );
            assert_eq!(
                std::fs::read(&file).expect("kept"),
                bytes,
                "{name:?} {args:?}"
            );
        }
    }
}

#[test]
fn a_file_where_the_data_dir_should_be_is_named_and_left_alone() {
    let dir = temp_dir();
    let file = dir.path().join("data");
    std::fs::write(&file, b"my notes").expect("write");
    for args in [&["stats"][..], &["list", "--json"], &["reset", "--yes"]] {
        let out = run(prepdeck(&file).args(args));
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(
            out.stderr,
            format!(
                "prepdeck: error: data directory {0} cannot be used: {0} is not a directory; \
                 pass --data-dir with a directory, or move it\n",
                file.display()
            ),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(&file).expect("read"), b"my notes");
}
