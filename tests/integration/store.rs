//! The progress store on a real disk: round trips, the file's layout, merging,
//! files it must refuse and leave alone, unwritable data directories, and
//! real processes killed mid-save or saving at the same time.
//!
//! The tests with real processes are in `store/processes.rs`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use prepdeck::commands::chain;
use prepdeck::deck::Level;
use prepdeck::engine::{CardProgress, Filter, Order, Pass, Progress, SessionState, Status};
use prepdeck::store::{self, LOCK_FILE, PROGRESS_FILE, Store, StoreError};

use crate::common::{at, temp_dir};

mod files;
mod processes;

fn record(status: Status, times: u32, updated: Timestamp) -> CardProgress {
    CardProgress {
        first_marked: Some(at(0)),
        last_marked: Some(updated),
        status,
        times_marked: times,
        updated,
    }
}

fn sample_progress() -> Progress {
    let mut progress = Progress::default();
    progress
        .cards
        .insert("web/zeta".into(), record(Status::Knew, 2, at(30)));
    progress
        .cards
        .insert("db/alpha".into(), record(Status::Skipped, 1, at(10)));
    progress
        .cards
        .insert("web/alpha".into(), CardProgress::unseen(at(20)));
    progress.session = Some(SessionState {
        current: Some("web/zeta".into()),
        filter: Filter::all()
            .with_levels([Level::Advanced, Level::Beginner])
            .with_tags(["Cache"]),
        order: Order::Shuffled { seed: u64::MAX - 1 },
        pass: Pass::Skipped,
        pass_started: at(5),
        position: 3,
        updated: at(31),
    });
    progress
}

/// Every file in `dir`, by name.
fn listing(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn progress_round_trips() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let progress = sample_progress();
    store.save(&progress).unwrap();
    assert_eq!(store.load().unwrap(), progress);
    assert_eq!(
        listing(dir.path()),
        BTreeSet::from([LOCK_FILE.to_string(), PROGRESS_FILE.to_string()])
    );
}

#[test]
fn a_missing_file_is_empty_progress_and_loading_creates_nothing() {
    let dir = temp_dir();
    let store = Store::at(dir.path().join("not-yet"));
    assert_eq!(store.load().unwrap(), Progress::default());
    assert!(!dir.path().join("not-yet").exists());
}

#[test]
fn the_file_is_pretty_printed_with_every_key_sorted() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    store.save(&sample_progress()).unwrap();
    let text = fs::read_to_string(store.progress_path()).unwrap();
    // serde_json's Value keeps objects in a BTreeMap, so printing it again
    // sorts every key: the file must already be in that form.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
    assert_eq!(value["version"], 1);
    let ids: Vec<&str> = value["cards"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(ids, ["db/alpha", "web/alpha", "web/zeta"]);
    let alpha = text.find("\"db/alpha\"").unwrap();
    let zeta = text.find("\"web/zeta\"").unwrap();
    assert!(alpha < zeta);
}

#[test]
fn the_file_holds_the_documented_fields_with_utc_timestamps() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    store.save(&sample_progress()).unwrap();
    let text = fs::read_to_string(store.progress_path()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let zeta = &value["cards"]["web/zeta"];
    assert_eq!(zeta["status"], "knew");
    assert_eq!(zeta["times_marked"], 2);
    assert_eq!(zeta["first_marked"], "2025-06-15T15:06:40Z");
    assert_eq!(zeta["last_marked"], "2025-06-15T15:07:10Z");
    assert_eq!(zeta["updated"], "2025-06-15T15:07:10Z");
    let session = &value["session"];
    assert_eq!(session["current"], "web/zeta");
    assert_eq!(session["filter"]["levels"][0], "beginner");
    assert_eq!(session["order"]["kind"], "shuffled");
    assert_eq!(session["order"]["seed"], u64::MAX - 1);
    assert_eq!(session["pass"], "skipped");
    assert_eq!(session["position"], 3);
    assert!(text.starts_with("{\n  \"cards\": {\n"), "{text}");
}

#[test]
fn saves_merge_card_by_card_and_the_newest_record_wins() {
    let dir = temp_dir();
    // Two processes' views, saved one after the other.
    let first = Store::at(dir.path());
    let second = Store::at(dir.path());
    let mut mine = Progress::default();
    mine.cards
        .insert("a".into(), record(Status::Knew, 1, at(10)));
    mine.cards
        .insert("b".into(), record(Status::Skipped, 1, at(10)));
    first.save(&mine).unwrap();
    let mut theirs = Progress::default();
    theirs
        .cards
        .insert("a".into(), record(Status::Learnt, 1, at(5)));
    theirs
        .cards
        .insert("b".into(), record(Status::Learnt, 2, at(20)));
    theirs
        .cards
        .insert("c".into(), record(Status::Knew, 1, at(1)));
    second.save(&theirs).unwrap();
    let merged = first.load().unwrap();
    assert_eq!(merged.status("a"), Status::Knew, "older record lost");
    assert_eq!(merged.status("b"), Status::Learnt, "newer record won");
    assert_eq!(merged.status("c"), Status::Knew, "new card kept");
    assert_eq!(merged.cards.len(), 3);
}

#[test]
fn a_reset_saved_later_beats_an_earlier_mark_from_another_process() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let mut marked = Progress::default();
    marked
        .cards
        .insert("a".into(), record(Status::Knew, 1, at(10)));
    store.save(&marked).unwrap();
    let mut reset = marked.clone();
    let cards = vec![card("a")];
    assert_eq!(
        prepdeck::engine::reset(&cards, &mut reset, &Filter::all(), at(11)),
        1
    );
    store.save(&reset).unwrap();
    // The first process saves its stale view again: the reset stays.
    store.save(&marked).unwrap();
    assert_eq!(store.load().unwrap().status("a"), Status::Unseen);
}

fn card(id: &str) -> prepdeck::deck::Card {
    prepdeck::deck::Card {
        id: id.to_string(),
        deck: String::new(),
        question: "q".into(),
        answer: "a".into(),
        level: Level::Beginner,
        difficulty: None,
        category: None,
        tags: Vec::new(),
        explicit_id: true,
        line: 1,
    }
}

/// Each valid file in `tests/fixtures/progress/valid`, and the file a save
/// that changes nothing leaves in its place.
const VALID: &[(&str, &str)] = &[
    ("v1.json", "v1.json"),
    ("v2.json", "v2.json"),
    ("v2-short.json", "v2.json"),
];

#[test]
fn a_save_that_changes_nothing_writes_each_version_in_its_golden_form() {
    let valid = crate::common::fixtures().join("progress/valid");
    for (input, golden) in VALID {
        let dir = temp_dir();
        let store = Store::at(dir.path());
        fs::copy(valid.join(input), store.progress_path()).unwrap();
        let progress = store.load().unwrap();
        store.save(&progress).unwrap();
        let expected = fs::read(valid.join(golden)).unwrap();
        assert_eq!(
            fs::read(store.progress_path()).unwrap(),
            expected,
            "{input}"
        );
        assert_eq!(store.load().unwrap(), progress, "{input}");
    }
}

/// Every key in `value`, a progress file, apart from card ids.
fn keys_and_words(value: &serde_json::Value, names: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if !key.contains('/') {
                    names.insert(key.clone());
                }
                keys_and_words(value, names);
            }
        }
        serde_json::Value::Array(values) => {
            values.iter().for_each(|value| keys_and_words(value, names));
        }
        _ => {}
    }
}

#[test]
fn the_data_files_reference_names_every_key_of_the_golden_files() {
    let doc = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/data-files.md"),
    )
    .unwrap();
    let valid = crate::common::fixtures().join("progress/valid");
    let mut keys = BTreeSet::new();
    for name in ["v1.json", "v2.json"] {
        let text = fs::read_to_string(valid.join(name)).unwrap();
        keys_and_words(&serde_json::from_str(&text).unwrap(), &mut keys);
    }
    assert!(keys.len() > 15, "{keys:?}");
    for key in keys {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/data-files.md lacks `{key}`"
        );
    }
}

/// Bad progress files in `tests/fixtures/progress/invalid`, each with words
/// its error message must contain.
const BROKEN: &[(&str, &str)] = &[
    ("invalid-json.json", "is not valid JSON"),
    ("truncated.json", "is truncated"),
    ("empty.json", "is truncated"),
    ("a-list.json", "does not hold prepdeck progress"),
    ("no-version.json", "does not hold prepdeck progress"),
    ("unknown-status.json", "unknown variant `maybe`"),
    ("bad-timestamp.json", "does not hold prepdeck progress"),
    ("negative-count.json", "does not hold prepdeck progress"),
    ("version-as-text.json", "does not hold prepdeck progress"),
    ("version-zero.json", "has version 0"),
    ("not-utf8.json", "is not valid JSON"),
];

fn broken_fixture(name: &str) -> Vec<u8> {
    fs::read(
        crate::common::fixtures()
            .join("progress/invalid")
            .join(name),
    )
    .unwrap()
}

#[test]
fn a_broken_file_is_refused_named_and_left_byte_for_byte_intact() {
    for (what, expected) in BROKEN {
        let bytes = &broken_fixture(what);
        let dir = temp_dir();
        let store = Store::at(dir.path());
        let path = store.progress_path();
        fs::write(&path, bytes).unwrap();
        let err = store.load().unwrap_err();
        assert!(err.is_broken(), "{what}: {err:?}");
        let message = chain(&err);
        assert!(
            message.contains(&path.display().to_string()),
            "{what}: {message}"
        );
        assert!(message.contains(expected), "{what}: {message}");
        assert!(!message.contains('\n'), "{what}: one line: {message}");
        if !matches!(err, StoreError::BadVersion { .. }) {
            assert!(
                message.contains(" line ") && message.contains(" column "),
                "{what}: {message}"
            );
        }
        let save = store.save(&sample_progress()).unwrap_err();
        assert!(save.is_broken(), "{what}: {save:?}");
        assert_eq!(&fs::read(&path).unwrap(), bytes, "{what}: file changed");
        assert_eq!(
            listing(dir.path()),
            BTreeSet::from([LOCK_FILE.to_string(), PROGRESS_FILE.to_string()]),
            "{what}: no file was added, none removed"
        );
    }
}

#[test]
fn a_huge_value_in_a_broken_file_is_quoted_as_a_short_excerpt() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let huge = format!("\u{1b}[31m{}", "k".repeat(1 << 20));
    let file = serde_json::json!({
        "version": 1,
        "cards": {"a/b": {"status": huge, "times_marked": 1, "updated": "2025-01-01T00:00:00Z"}},
    });
    fs::write(store.progress_path(), serde_json::to_vec(&file).unwrap()).unwrap();
    let message = chain(&store.load().unwrap_err());
    assert!(
        message.len() < 400,
        "{} bytes: {}",
        message.len(),
        &message[..400]
    );
    assert!(
        message.contains("does not hold prepdeck progress: unknown variant `\\u{1b}[31mkkk"),
        "{message}"
    );
    assert!(message.contains("kkk…`"), "{message}");
    assert!(
        message.contains("`skipped` at line 1 column 10486"),
        "{message}"
    );
    assert!(!message.contains('\u{1b}'), "{message}");
    // The binary's message is as short.
    let out = crate::common::run(crate::common::prepdeck(dir.path()).arg("stats"));
    assert_eq!(out.code, 1);
    assert!(out.stderr.len() < 600, "{} bytes", out.stderr.len());
    assert!(out.stderr.contains("kkk…`"), "{}", out.stderr);
}

#[test]
fn a_newer_version_is_refused_naming_both_versions() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let path = store.progress_path();
    let newer = &broken_fixture("newer-version.json");
    fs::write(&path, newer).unwrap();
    let err = store.load().unwrap_err();
    assert!(!err.is_broken());
    assert_eq!(
        err.to_string(),
        format!(
            "progress file {} is version 7, from a newer prepdeck; this prepdeck reads versions up to 2",
            path.display()
        )
    );
    assert!(matches!(
        store.save(&sample_progress()),
        Err(StoreError::NewerVersion {
            found: 7,
            supported: 2,
            ..
        })
    ));
    assert!(matches!(
        store.move_broken_aside(at(0)),
        Err(StoreError::NewerVersion { .. })
    ));
    assert_eq!(&fs::read(&path).unwrap(), newer);
}

#[test]
fn a_broken_file_moves_aside_only_when_asked() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let path = store.progress_path();
    fs::write(&path, b"{oops").unwrap();
    let now: Timestamp = "2025-03-04T05:06:07Z".parse().unwrap();
    let moved = store.move_broken_aside(now).unwrap().unwrap();
    assert_eq!(
        moved,
        dir.path().join("progress.json.broken-20250304T050607Z")
    );
    assert_eq!(fs::read(&moved).unwrap(), b"{oops");
    assert!(!path.exists());
    assert_eq!(store.load().unwrap(), Progress::default());
    // A second broken file in the same second gets its own name.
    fs::write(&path, b"[]").unwrap();
    let again = store.move_broken_aside(now).unwrap().unwrap();
    assert_eq!(
        again,
        dir.path().join("progress.json.broken-20250304T050607Z-1")
    );
    assert_eq!(fs::read(&moved).unwrap(), b"{oops");
    // A good file or no file: nothing to move.
    assert_eq!(store.move_broken_aside(now).unwrap(), None);
    store.save(&sample_progress()).unwrap();
    assert_eq!(store.move_broken_aside(now).unwrap(), None);
    assert!(path.exists());
}

#[test]
fn a_writable_data_dir_passes_the_check_and_is_created() {
    let dir = temp_dir();
    let store = Store::at(dir.path().join("new").join("data"));
    store.check_writable().unwrap();
    assert_eq!(
        listing(store.dir()),
        BTreeSet::from([LOCK_FILE.to_string()]),
        "the check leaves only the lock file"
    );
}

fn assert_unwritable(store: &Store, what: &str) {
    let err = store.check_writable().unwrap_err();
    assert!(
        matches!(err, StoreError::Unwritable { .. }),
        "{what}: {err:?}"
    );
    let message = chain(&err);
    assert!(
        message.starts_with(&format!(
            "data directory {} is not writable: ",
            store.dir().display()
        )),
        "{what}: {message}"
    );
    assert!(store.save(&sample_progress()).is_err(), "{what}");
}

#[test]
fn a_data_dir_that_is_a_file_is_reported_at_start() {
    // Works even as root, where permission bits do not stop writes.
    let dir = temp_dir();
    let file = dir.path().join("data");
    fs::write(&file, b"not a folder").unwrap();
    for data_dir in [file.clone(), file.join("below").join("deeper")] {
        let store = Store::at(&data_dir);
        let expected = format!(
            "data directory {} cannot be used: {} is not a directory; \
             pass --data-dir with a directory, or move it",
            data_dir.display(),
            file.display()
        );
        let check = store.check_writable().unwrap_err();
        assert!(
            matches!(check, StoreError::NotADirectory { .. }),
            "{check:?}"
        );
        assert_eq!(check.to_string(), expected);
        assert_eq!(store.load().unwrap_err().to_string(), expected);
        assert_eq!(
            store.save(&sample_progress()).unwrap_err().to_string(),
            expected
        );
    }
    assert_eq!(fs::read(&file).unwrap(), b"not a folder");
}

#[cfg(target_os = "linux")]
#[test]
fn a_data_dir_on_a_read_only_file_system_is_reported_at_start() {
    // /proc refuses new files even to root.
    assert_unwritable(&Store::at("/proc/prepdeck-test"), "/proc");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_is_reported_at_start_unless_running_as_root() {
    use std::os::unix::fs::PermissionsExt;

    let dir = temp_dir();
    let data = dir.path().join("data");
    let store = Store::at(&data);
    store.save(&sample_progress()).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = data.join("probe");
    let privileged = fs::write(&probe, b"").is_ok();
    if privileged {
        // Root ignores permission bits; the tests above cover this case.
        fs::remove_file(&probe).unwrap();
        eprintln!("running as root: permission bits do not apply, chmod case skipped");
    } else {
        assert_unwritable(&store, "chmod 555");
        assert_eq!(store.load().unwrap(), sample_progress(), "still readable");
    }
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn saving_clears_stale_temporary_files_only() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    for name in [".progress.json.aB3xY9", ".prepdeck-write-check"] {
        fs::write(dir.path().join(name), b"left by a killed save").unwrap();
    }
    for name in [
        ".progress.json.toolong1",
        "progress.json.broken-20250101T000000Z",
        "notes.txt",
    ] {
        fs::write(dir.path().join(name), b"keep me").unwrap();
    }
    store.save(&sample_progress()).unwrap();
    assert_eq!(
        listing(dir.path()),
        BTreeSet::from(
            [
                ".progress.json.toolong1",
                "notes.txt",
                LOCK_FILE,
                PROGRESS_FILE,
                "progress.json.broken-20250101T000000Z",
            ]
            .map(String::from)
        )
    );
}

#[test]
fn the_data_dir_is_the_override_or_the_platform_default() {
    let chosen = PathBuf::from("/somewhere/else");
    assert_eq!(store::data_dir(Some(chosen.clone())).unwrap(), chosen);
    assert_eq!(Store::resolve(Some(chosen.clone())).unwrap().dir(), chosen);
    if let Ok(default) = store::data_dir(None) {
        assert!(default.ends_with("prepdeck"), "{}", default.display());
        assert_eq!(store::data_dir(Some(PathBuf::new())).unwrap(), default);
    }
}
