//! `prepdeck check` on valid and invalid deck files, through the real binary.
//! Each bad input gives one located line per problem and exit status 1.

use crate::common::{fixture, prepdeck, run, temp_dir};
use prepdeck::deck::{Format, synthetic};

/// Runs `check` on one fixture and returns (exit code, diagnostic lines, summary).
fn check(rel: &str) -> (i32, Vec<String>, String) {
    let data = temp_dir();
    let out = run(prepdeck(data.path()).arg("check").arg(fixture(rel)));
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    assert!(!out.stdout.contains("panicked"), "{}", out.stdout);
    let mut lines: Vec<String> = out.stdout.lines().map(str::to_string).collect();
    let summary = lines.pop().expect("a summary line");
    (out.code, lines, summary)
}

fn assert_bad(rel: &str, expected: &[&str]) {
    let (code, lines, summary) = check(rel);
    assert_eq!(code, 1, "{rel}: {lines:?}");
    let expected: Vec<String> = expected
        .iter()
        .map(|e| format!("tests/fixtures/{e}"))
        .collect();
    assert_eq!(lines, expected);
    assert!(
        summary.contains(&format!("{} error", expected.len())),
        "{summary}"
    );
}

#[test]
fn valid_fixtures_pass_with_no_warnings() {
    for rel in [
        "decks/valid/features.md",
        "decks/valid/crlf-bom.md",
        "decks/valid/bank.toml",
    ] {
        let (code, lines, summary) = check(rel);
        assert_eq!(code, 0, "{rel}: {lines:?}");
        assert!(lines.is_empty(), "{rel}: {lines:?}");
        assert!(summary.ends_with("0 errors, 0 warnings"), "{summary}");
    }
}

#[test]
fn missing_file() {
    assert_bad(
        "decks/invalid/does-not-exist.md",
        &["decks/invalid/does-not-exist.md: error: cannot read file: No such file or directory"],
    );
}

#[test]
fn folder_without_decks() {
    assert_bad(
        "decks/invalid/no-decks",
        &["decks/invalid/no-decks: error: folder holds no deck files (*.md or *.toml)"],
    );
}

#[test]
fn invalid_utf8() {
    assert_bad(
        "decks/invalid/invalid-utf8.md",
        &[
            "decks/invalid/invalid-utf8.md:6:4: error: file is not valid UTF-8 text (save it as UTF-8)",
        ],
    );
}

#[test]
fn toml_syntax_error() {
    assert_bad(
        "decks/invalid/toml-syntax.toml",
        &["decks/invalid/toml-syntax.toml:6:29: error: TOML: invalid basic string, expected `\"`"],
    );
}

#[test]
fn unknown_toml_key() {
    assert_bad(
        "decks/invalid/unknown-key.toml",
        &[
            "decks/invalid/unknown-key.toml:9:1: error: TOML: unknown field `tagz`, expected one of `id`, `question`, `answer`, `level`, `difficulty`, `category`, `tags`",
        ],
    );
}

#[test]
fn wrong_type() {
    assert_bad(
        "decks/invalid/wrong-type.toml",
        &[
            "decks/invalid/wrong-type.toml:9:8: error: TOML: invalid type: string \"api\", expected a sequence",
        ],
    );
}

#[test]
fn card_without_question_or_answer() {
    assert_bad(
        "decks/invalid/missing-question-answer.toml",
        &[
            "decks/invalid/missing-question-answer.toml:4:1: error: card has no question",
            "decks/invalid/missing-question-answer.toml:9:1: error: card has no answer",
        ],
    );
    assert_bad(
        "decks/invalid/missing-question.md",
        &["decks/invalid/missing-question.md:8:1: error: card has no question"],
    );
}

#[test]
fn unknown_level_name() {
    assert_bad(
        "decks/invalid/unknown-level.md",
        &[
            "decks/invalid/unknown-level.md:8:1: error: level heading '# Expert' names no level; valid level headings are # Beginner, # Intermediate, # Advanced",
        ],
    );
    assert_bad(
        "decks/invalid/unknown-level.toml",
        &[
            "decks/invalid/unknown-level.toml:5:9: error: unknown level 'guru'; valid levels are beginner, intermediate, advanced",
        ],
    );
}

#[test]
fn duplicate_id_in_one_file_and_across_files() {
    assert_bad(
        "decks/invalid/duplicate-id.md",
        &[
            "decks/invalid/duplicate-id.md:9:10: error: duplicate card id 'duplicate-id/queue'; first used at tests/fixtures/decks/invalid/duplicate-id.md:3:1",
        ],
    );
    assert_bad(
        "decks/invalid/clash",
        &[
            "decks/invalid/clash/b.md: error: deck id 'shared' is already used by tests/fixtures/decks/invalid/clash/a.md; give one of the decks another id",
            "decks/invalid/clash/b.md:7:1: error: duplicate card id 'shared/dns'; first defined at tests/fixtures/decks/invalid/clash/a.md:7:1",
        ],
    );
}

#[test]
fn metadata_comment_with_unknown_key() {
    assert_bad(
        "decks/invalid/unknown-meta-key.md",
        &[
            "decks/invalid/unknown-meta-key.md:4:37: error: unknown card metadata key 'owner'; valid keys are id, tags, level, difficulty, category",
        ],
    );
}

#[test]
fn empty_file() {
    assert_bad(
        "decks/invalid/empty.md",
        &["decks/invalid/empty.md: error: file is empty; a deck needs at least one card"],
    );
}

#[test]
fn fifty_megabyte_card_is_refused_with_its_line() {
    let dir = temp_dir();
    let path = dir.path().join("huge.md");
    let line = "All work and no play makes a very long answer indeed. ".repeat(20) + "\n";
    let mut text = String::from("# Beginner\n\n## Is this answer too long?\n<!-- id: huge -->\n\n");
    while text.len() < 50 * 1000 * 1000 {
        text.push_str(&line);
    }
    std::fs::write(&path, &text).expect("write");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let first = out.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!(
            "{}:3:1: error: answer is {} bytes, over the {} byte limit (is a code fence left open?)",
            path.display(),
            text[text.find("All work").expect("answer")..]
                .trim_end()
                .len(),
            prepdeck::deck::MAX_ANSWER_BYTES
        )
    );
}

#[test]
fn fifty_megabytes_of_good_cards_check_clean() {
    let dir = temp_dir();
    for format in [Format::MARKDOWN, Format::TOML] {
        let mut n = 1000;
        let text = loop {
            let text = synthetic::generate(n, format);
            if text.len() >= 50 * 1000 * 1000 {
                break text;
            }
            n = n * 50_000_000 / text.len().max(1) + 1000;
        };
        let path = dir.path().join(format!("big.{}", format.extension()));
        std::fs::write(&path, &text).expect("write");
        let out = run(prepdeck(dir.path()).arg("check").arg(&path));
        assert_eq!(out.code, 0, "{format:?}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{format:?}: {}", out.stderr);
        let summary = out.stdout.lines().last().unwrap_or_default().to_string();
        assert!(
            summary.contains(&format!("{n} cards")) && summary.contains("0 errors"),
            "{format:?}: {summary}"
        );
    }
}

#[test]
fn file_over_the_size_limit_is_refused_unread() {
    let dir = temp_dir();
    let path = dir.path().join("sparse.md");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(prepdeck::deck::MAX_FILE_BYTES + 1)
        .expect("sparse file");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout.lines().next().unwrap_or_default(),
        format!(
            "{}: error: file is {} bytes, over the {} byte limit for a deck file",
            path.display(),
            prepdeck::deck::MAX_FILE_BYTES + 1,
            prepdeck::deck::MAX_FILE_BYTES
        )
    );
}

#[test]
fn not_a_deck_extension() {
    let dir = temp_dir();
    let path = dir.path().join("deck.txt");
    std::fs::write(&path, "# Beginner\n").expect("write");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with(&format!(
        "{}: error: not a deck file; deck files end in .md or .toml",
        path.display()
    )));
}

#[test]
fn check_without_paths_covers_shipped_user_and_named_decks() {
    let data = temp_dir();
    let user = data.path().join("decks");
    std::fs::create_dir_all(&user).expect("mkdir");
    std::fs::copy(
        crate::common::fixtures().join("decks/invalid/unknown-meta-key.md"),
        user.join("mine.md"),
    )
    .expect("copy");
    let out = run(prepdeck(data.path())
        .arg("check")
        .arg("--deck-file")
        .arg(fixture("decks/valid/bank.toml")));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("mine.md:4:37: error: unknown card metadata key 'owner'")
    );
    let summary = out.stdout.lines().last().unwrap_or_default();
    let shipped: usize = prepdeck::deck::BUILTIN_DECKS.len();
    assert!(
        summary.starts_with(&format!("checked {} files", shipped + 2)),
        "{summary}"
    );
}

/// Long enough for any check on a small file, short enough that a read that
/// never ends fails the test instead of hanging the suite.
const HANG: std::time::Duration = std::time::Duration::from_secs(20);

#[cfg(unix)]
#[test]
fn fifo_is_refused_without_opening_it() {
    let dir = temp_dir();
    let path = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let out = run(prepdeck(dir.path()).arg("check").arg(&path).timeout(HANG));
    assert_eq!(out.code, 1, "timed out or wrong status: {}", out.stdout);
    assert_eq!(
        out.stdout.lines().next().unwrap_or_default(),
        format!(
            "{}: error: is a FIFO (named pipe), not a regular file; a deck must be a regular file",
            path.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn endless_device_as_deck_file_is_refused() {
    let data = temp_dir();
    let out = run(prepdeck(data.path())
        .args(["list", "--no-builtin", "--deck-file", "/dev/zero"])
        .timeout(HANG));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().next().unwrap_or_default(),
        "/dev/zero: error: is a character device, not a regular file; a deck must be a regular file"
    );
}

#[cfg(unix)]
#[test]
fn symlink_to_an_endless_device_is_refused() {
    let dir = temp_dir();
    let path = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/urandom", &path).expect("symlink");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path).timeout(HANG));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        out.stdout.lines().next().unwrap_or_default(),
        format!(
            "{}: error: is a character device, not a regular file; a deck must be a regular file",
            path.display()
        )
    );
}

#[test]
fn question_over_the_hard_limit_is_an_error() {
    assert_bad(
        "decks/invalid/question-too-long.md",
        &[
            "decks/invalid/question-too-long.md:8:1: error: question is 4400 characters long, over the 4000 character limit; move detail into the answer",
        ],
    );
}

#[test]
fn answers_nested_too_deep_are_errors() {
    assert_bad(
        "decks/invalid/nested-too-deep.md",
        &[
            "decks/invalid/nested-too-deep.md:3:1: error: answer nests lists or block quotes 17 levels deep, over the 16 level limit",
            "decks/invalid/nested-too-deep.md:24:1: error: answer nests lists or block quotes 17 levels deep, over the 16 level limit",
        ],
    );
    assert_bad(
        "decks/invalid/nested-too-deep.toml",
        &[
            "decks/invalid/nested-too-deep.toml:5:1: error: answer nests lists or block quotes 17 levels deep, over the 16 level limit",
        ],
    );
}

#[test]
fn file_name_that_is_no_deck_id_gives_one() {
    let (code, lines, summary) = check("decks/valid/My Deck.md");
    assert_eq!(code, 0, "{lines:?}");
    assert!(lines.is_empty(), "{lines:?}");
    assert!(summary.ends_with("0 errors, 0 warnings"), "{summary}");
    let data = temp_dir();
    let out = run(prepdeck(data.path())
        .args(["list", "--no-builtin", "--deck", "my-deck", "--deck-file"])
        .arg(fixture("decks/valid/My Deck.md")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("my-deck/load-balancer"),
        "{}",
        out.stdout
    );
}

#[test]
fn invalid_deck_id_in_front_matter_says_what_to_write() {
    assert_bad(
        "decks/invalid/bad-deck-id.md",
        &[
            "decks/invalid/bad-deck-id.md:1:1: error: deck id 'My Deck' contains ' '; ids use letters, digits, '-', '_' and '.'; set id = \"my-deck\" in the front matter",
        ],
    );
}

#[test]
fn file_name_with_nothing_usable_is_refused_with_a_hint() {
    let dir = temp_dir();
    let path = dir.path().join("???.toml");
    std::fs::write(
        &path,
        "[[cards]]\nid = \"q\"\nlevel = \"beginner\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
    )
    .expect("write");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        out.stdout.lines().next().unwrap_or_default(),
        format!(
            "{}: error: the file name '???' gives no deck id; name the file with letters or digits, or set id = \"my-deck\" in the [deck] table",
            path.display()
        )
    );
}

#[test]
fn answer_over_the_limit_is_an_error() {
    let dir = temp_dir();
    let path = dir.path().join("big-answer.md");
    let limit = prepdeck::deck::MAX_ANSWER_BYTES;
    let answer = "An answer that goes on and on. ".repeat(limit / 31 + 1);
    let answer = answer.trim_end();
    let text = format!("# Beginner\n\n## Is this answer too long?\n<!-- id: big -->\n\n{answer}\n");
    std::fs::write(&path, &text).expect("write");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        out.stdout.lines().next().unwrap_or_default(),
        format!(
            "{}:3:1: error: answer is {} bytes, over the {limit} byte limit (is a code fence left open?)",
            path.display(),
            answer.len()
        )
    );
}

#[test]
fn each_file_shows_its_first_twenty_errors_then_a_count() {
    let rel = "decks/invalid/many-errors.md";
    let path = fixture(rel);
    let (code, lines, summary) = check(rel);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 21, "{lines:#?}");
    assert_eq!(
        lines[19],
        format!(
            "{path}:99:19: error: unknown card metadata key 'owner'; valid keys are id, tags, level, difficulty, category"
        )
    );
    assert_eq!(
        lines[20],
        format!(
            "... and 5 more errors in {path}; run prepdeck check --all-errors {path} to see them all"
        )
    );
    assert!(summary.ends_with("25 errors, 0 warnings"), "{summary}");

    let data = temp_dir();
    let all = run(prepdeck(data.path()).args(["check", "--all-errors", &path]));
    assert_eq!(all.code, 1);
    let lines: Vec<&str> = all.stdout.lines().collect();
    assert_eq!(lines.len(), 26, "{}", all.stdout);
    assert!(lines[24].starts_with(&format!("{path}:124:19: error: unknown card metadata key")));

    // Every other command shows the same first errors on stderr.
    let list = run(prepdeck(data.path()).args(["list", "--deck-file", &path]));
    assert_eq!(list.code, 0, "{}", list.stderr);
    let lines: Vec<&str> = list.stderr.lines().collect();
    assert_eq!(lines.len(), 22, "{}", list.stderr);
    assert!(
        lines[20].starts_with("... and 5 more errors in "),
        "{}",
        lines[20]
    );
    assert!(lines[21].starts_with("prepdeck: skipped deck files with errors (25 errors)"));
}

#[test]
fn a_hundred_thousand_errors_print_twenty_lines_and_a_count() {
    let dir = temp_dir();
    let path = dir.path().join("broken.md");
    let mut text = String::from("# Beginner\n\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "## Question {i}?\n<!-- id: q{i}; owner: x -->\n\nA.\n\n"
        ));
    }
    std::fs::write(&path, &text).expect("write");
    let out = run(prepdeck(dir.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 22, "{:?}", &lines[..lines.len().min(30)]);
    let shown = path.display();
    assert_eq!(
        lines[20],
        format!(
            "... and 99,980 more errors in {shown}; run prepdeck check --all-errors {shown} to see them all"
        )
    );
    assert!(
        lines[21].ends_with("100000 errors, 0 warnings"),
        "{}",
        lines[21]
    );
}

#[test]
fn table_over_the_column_limit_is_an_error() {
    assert_bad(
        "decks/invalid/table-too-wide.md",
        &[
            "decks/invalid/table-too-wide.md:3:1: error: answer has a table of 17 columns, over the 16 column limit",
        ],
    );
}

#[test]
fn a_huge_value_is_quoted_as_a_short_excerpt() {
    let data = temp_dir();
    let path = data.path().join("huge-id.md");
    let id = format!("bad id {}", "x".repeat(200_000));
    let deck = format!("+++\nid = \"{id}\"\n+++\n\n# Beginner\n\n## Q?\n\nA.\n");
    std::fs::write(&path, deck).expect("write deck");
    let out = run(prepdeck(data.path()).arg("check").arg(&path));
    assert_eq!(out.code, 1, "{}", out.stdout);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("error:"))
        .expect("an error line");
    assert!(line.contains("deck id 'bad id xxx"), "{line}");
    assert!(line.contains('…'), "{line}");
    assert!(
        line.chars().count() < 500,
        "{} characters",
        line.chars().count()
    );
}
