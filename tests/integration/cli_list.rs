//! `prepdeck list` through the real binary: filters, JSON, skipping broken decks.

use serde_json::Value;

use crate::common::{fixture, prepdeck, run, temp_dir};

fn list_json(args: &[&str]) -> Vec<Value> {
    let data = temp_dir();
    let out = run(prepdeck(data.path()).arg("list").arg("--json").args(args));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout).expect("list --json prints JSON");
    value.as_array().expect("an array").clone()
}

#[test]
fn json_has_the_documented_fields() {
    let cards = list_json(&[
        "--no-builtin",
        "--deck-file",
        &fixture("decks/valid/bank.toml"),
    ]);
    assert_eq!(cards.len(), 2);
    let hard = &cards[1];
    assert_eq!(hard["id"], "valid-bank/hard");
    assert_eq!(hard["deck"], "valid-bank");
    assert_eq!(hard["level"], "advanced");
    assert_eq!(hard["question"], "Which level does a hard card get?");
    assert_eq!(hard["tags"], serde_json::json!(["toml"]));
    assert_eq!(hard["status"], "unseen");
    assert_eq!(hard["difficulty"], "hard");
    assert_eq!(hard["category"], "system design");
    assert_eq!(cards[0]["level"], "beginner", "deck default level");
}

#[test]
fn filters_by_level_deck_and_tag() {
    let files = [
        "--no-builtin",
        "--deck-file",
        &fixture("decks/valid/bank.toml"),
        "--deck-file",
        &fixture("decks/valid/features.md"),
    ];
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<&str> = files.to_vec();
        args.extend_from_slice(extra);
        list_json(&args)
            .iter()
            .map(|c| c["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids(&[]).len(), 4);
    assert_eq!(
        ids(&["--level", "advanced"]),
        ["valid-bank/hard", "valid-features/unicode"]
    );
    assert_eq!(
        ids(&["--level", "beginner,advanced", "--deck", "valid-features"]),
        ["valid-features/setext", "valid-features/unicode"]
    );
    assert_eq!(ids(&["--tag", "HEADINGS"]), ["valid-features/setext"]);
    assert_eq!(
        ids(&["--tag", "toml", "--level", "beginner"]),
        ["valid-bank/defaulted"]
    );
}

#[test]
fn text_output_is_one_aligned_line_per_card() {
    let data = temp_dir();
    let out = run(prepdeck(data.path())
        .args(["list", "--no-builtin", "--deck-file"])
        .arg(fixture("decks/valid/bank.toml")));
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        "valid-bank/defaulted  beginner      unseen   Which level does a card without one get?\n\
         valid-bank/hard       advanced      unseen   Which level does a hard card get?\n"
    );
}

#[test]
fn a_broken_user_deck_is_reported_and_skipped() {
    let data = temp_dir();
    let out = run(prepdeck(data.path())
        .args(["list", "--json", "--no-builtin"])
        .args(["--deck-file", &fixture("decks/invalid/unknown-meta-key.md")])
        .args(["--deck-file", &fixture("decks/valid/bank.toml")]));
    assert_eq!(out.code, 0);
    let cards: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(cards.as_array().map(Vec::len), Some(2));
    let mut lines = out.stderr.lines();
    assert_eq!(
        lines.next(),
        Some(
            "tests/fixtures/decks/invalid/unknown-meta-key.md:4:37: error: unknown card metadata key 'owner'; valid keys are id, tags, level, difficulty, category"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "prepdeck: skipped deck files with errors (1 error); `prepdeck check tests/fixtures/decks/invalid/unknown-meta-key.md` shows warnings too"
        )
    );
    assert_eq!(lines.next(), None);
}

#[test]
fn a_deck_file_reached_twice_is_loaded_once() {
    let data = temp_dir();
    let bank = fixture("decks/valid/bank.toml");
    let same = "tests/fixtures/decks/../decks/valid/bank.toml".to_string();
    let out = run(prepdeck(data.path())
        .args(["list", "--json", "--no-builtin"])
        .args(["--deck-file", &bank, "--deck-file", &same])
        .args(["--deck-file", "tests/fixtures/decks/valid"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let cards: Value = serde_json::from_str(&out.stdout).expect("json");
    let ids: Vec<&str> = cards
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    // `check` on the same file twice checks it once.
    let out = run(prepdeck(data.path()).args(["check", &bank, &same]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.starts_with("checked 1 file, "), "{}", out.stdout);
}

#[test]
fn a_missing_deck_path_is_missing_whatever_its_name() {
    let data = temp_dir();
    for path in ["no/such/notes", "no/such/folder/", "no/such/deck.md"] {
        let out = run(prepdeck(data.path()).args(["check", path]));
        assert_eq!(out.code, 1, "{path}");
        assert_eq!(
            out.stdout.lines().next(),
            Some(format!("{path}: error: cannot read file: No such file or directory").as_str())
        );
    }
}

#[test]
fn no_decks_at_all_is_an_error_that_says_what_to_do() {
    let data = temp_dir();
    let out = run(prepdeck(data.path()).args(["list", "--no-builtin"]));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "prepdeck: error: no decks to load: --no-builtin leaves none; pass --deck-file PATH or put deck files in {}\n",
            data.path().join("decks").display()
        )
    );
    // Every deck file broken: the errors, then why nothing is shown.
    let out = run(prepdeck(data.path())
        .args(["stats", "--no-builtin", "--deck-file"])
        .arg(fixture("decks/invalid/unknown-level.md")));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .ends_with("prepdeck: error: no deck loaded: see the errors above\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_deck_and_level_are_errors_naming_the_valid_ones() {
    let data = temp_dir();
    let out = run(prepdeck(data.path()).args(["list", "--deck", "nope"]));
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("prepdeck: error: unknown deck 'nope'; loaded decks are backend-roadmap, backend-question-bank"), "{}", out.stderr);
    let out = run(prepdeck(data.path()).args(["list", "--level", "expert"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("valid levels are beginner, intermediate, advanced")
    );
    for command in ["list", "stats", "reset"] {
        let out = run(prepdeck(data.path()).args(
            [command, "--tag", "nosuch", "--yes"][..if command == "reset" { 4 } else { 3 }].iter(),
        ));
        assert_eq!(out.code, 1, "{command}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(
                "prepdeck: error: unknown tag 'nosuch'; tags in the loaded decks are api, "
            ),
            "{command}: {}",
            out.stderr
        );
    }
}

#[test]
fn level_deck_and_tag_all_take_comma_lists() {
    let data = temp_dir();
    let ids = |args: &[&str]| -> Vec<String> {
        let out = run(prepdeck(data.path()).args(["list", "--json"]).args(args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let cards: Value = serde_json::from_str(&out.stdout).expect("json");
        let mut ids: Vec<String> = cards
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|c| c["id"].as_str().map(str::to_string))
            .collect();
        ids.sort();
        ids
    };
    for (comma, repeated) in [
        (
            vec!["--tag", "caching,security"],
            vec!["--tag", "caching", "--tag", "security"],
        ),
        (
            vec!["--deck", "backend-roadmap,backend-question-bank"],
            vec![
                "--deck",
                "backend-roadmap",
                "--deck",
                "backend-question-bank",
            ],
        ),
        (
            vec!["--level", "beginner,advanced"],
            vec!["--level", "beginner", "--level", "advanced"],
        ),
    ] {
        let listed = ids(&comma);
        assert!(!listed.is_empty(), "{comma:?}");
        assert_eq!(listed, ids(&repeated), "{comma:?}");
    }
    let either = ids(&["--tag", "caching,security"]);
    assert!(either.len() > ids(&["--tag", "caching"]).len());
    assert!(either.len() > ids(&["--tag", "security"]).len());
}

#[test]
fn global_options_are_accepted_after_the_subcommand() {
    let data = temp_dir();
    let before = run(prepdeck(data.path()).args([
        "--no-builtin",
        "--deck-file",
        &fixture("decks/valid/bank.toml"),
        "list",
    ]));
    let after = run(prepdeck(data.path()).args([
        "list",
        "--deck-file",
        &fixture("decks/valid/bank.toml"),
        "--no-builtin",
    ]));
    assert_eq!(before.code, 0);
    assert_eq!(before.stdout, after.stdout);
    assert_eq!(before.stdout.lines().count(), 2);
}

#[test]
fn escape_sequences_in_decks_never_reach_the_terminal() {
    let data = temp_dir();
    let path = data.path().join("evil.toml");
    std::fs::write(
        &path,
        "[[cards]]\nid = \"e\"\nquestion = \"Clear \\u001b[2J screen \\u0007 \\u202e desrever\"\nanswer = \"x\"\nlevel = \"beginner\"\ntags = [\"a\\u001b]0;title\\u0007\"]\n",
    )
    .expect("write");
    let out = run(prepdeck(data.path())
        .args(["list", "--no-builtin", "--deck-file"])
        .arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stdout.contains('\u{1b}')
            && !out.stdout.contains('\u{7}')
            && !out.stdout.contains('\u{202e}')
    );
    assert!(
        out.stdout.contains("Clear [2J screen desrever"),
        "{}",
        out.stdout
    );
    let json = run(prepdeck(data.path())
        .args(["list", "--json", "--no-builtin", "--deck-file"])
        .arg(&path));
    let cards: Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(cards[0]["tags"][0], "a]0;title");
}
