//! The schema's tests: the checks made on reading, each version's bytes
//! against the golden files in `tests/fixtures/progress/valid`, and the
//! records' JSON shapes.

use super::*;
use crate::deck::Level;
use crate::engine::Filter;

fn path() -> &'static Path {
    Path::new("/data/progress.json")
}

/// The error and its cause, as the user sees them.
fn message(err: &StoreError) -> String {
    crate::commands::chain(err)
}

fn written(progress: &Progress) -> String {
    let mut out = Vec::new();
    write(&mut out, progress).unwrap();
    String::from_utf8(out).unwrap()
}

const SESSION_V1: &str = r#"{
  "cards": {},
  "session": {
    "current": "web/a",
    "filter": {
      "decks": [],
      "levels": [
        "advanced"
      ],
      "tags": []
    },
    "order": {
      "kind": "deck"
    },
    "pass": "main",
    "pass_started": "2025-06-15T15:06:40Z",
    "position": 2,
    "updated": "2025-06-15T15:07:10Z"
  },
  "version": 1
}
"#;

#[test]
fn an_empty_object_with_a_version_is_empty_progress() {
    let progress = parse(path(), br#"{"version": 1}"#).unwrap();
    assert_eq!(progress, Progress::default());
}

#[test]
fn unknown_fields_are_refused_with_line_and_column() {
    let err = parse(path(), b"{\n  \"version\": 1,\n  \"carts\": {}\n}").unwrap_err();
    let message = message(&err);
    assert!(message.starts_with("progress file /data/progress.json does not hold prepdeck progress: unknown field `carts`"), "{message}");
    assert!(message.contains("line 3 column"), "{message}");
}

#[test]
fn a_newer_version_is_refused_even_when_its_shape_is_unknown() {
    let err = parse(path(), br#"{"version": 3, "decks": []}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "progress file /data/progress.json is version 3, from a newer prepdeck; this prepdeck reads versions up to 2"
    );
}

#[test]
fn version_zero_is_broken() {
    let err = parse(path(), br#"{"version": 0}"#).unwrap_err();
    assert!(err.is_broken());
}

#[test]
fn truncated_and_invalid_files_say_so() {
    let err = parse(path(), b"{\"version\": 1, \"cards\": {").unwrap_err();
    assert!(err.to_string().contains("is truncated"), "{err}");
    let err = parse(path(), b"{version: 1}").unwrap_err();
    assert!(err.to_string().contains("is not valid JSON"), "{err}");
    let err = parse(path(), b"").unwrap_err();
    assert!(err.is_broken());
    let err = parse(path(), b"[1, 2]").unwrap_err();
    assert!(
        err.to_string().contains("does not hold prepdeck progress"),
        "{err}"
    );
}

#[test]
fn a_version_1_file_loads_unchanged_and_is_written_back_byte_for_byte() {
    let progress = parse(path(), SESSION_V1.as_bytes()).unwrap();
    let session = progress.session.as_ref().unwrap();
    assert_eq!(session.current.as_deref(), Some("web/a"));
    assert_eq!(session.filter, Filter::all().with_levels([Level::Advanced]));
    assert!(progress.sessions.is_empty());
    assert_eq!(written(&progress), SESSION_V1);
}

#[test]
fn earlier_sessions_are_written_as_version_2_between_session_and_version() {
    let mut progress = parse(path(), SESSION_V1.as_bytes()).unwrap();
    let mut beginner = progress.session.clone().unwrap();
    beginner.filter = Filter::all().with_levels([Level::Beginner]);
    beginner.current = Some("web/b".into());
    progress.sessions.push(beginner);
    let text = written(&progress);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 2);
    assert_eq!(value["sessions"][0]["current"], "web/b");
    assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
    assert_eq!(parse(path(), text.as_bytes()).unwrap(), progress);
}

#[test]
fn earlier_sessions_are_read_from_a_version_1_file_too() {
    let text = r#"{"version": 1, "sessions": []}"#;
    assert_eq!(parse(path(), text.as_bytes()).unwrap(), Progress::default());
}

#[test]
fn unknown_fields_in_an_earlier_session_are_refused() {
    let text = r#"{"version": 2, "sessions": [{"pass_started": "2025-06-15T15:06:40Z", "updated": "2025-06-15T15:06:40Z", "seat": 1}]}"#;
    let err = parse(path(), text.as_bytes()).unwrap_err();
    assert!(err.is_broken());
    assert!(message(&err).contains("unknown field `seat`"), "{err}");
}

#[test]
fn a_value_of_the_wrong_type_is_named_as_before_the_records_had_their_own_types() {
    let session = |inner: &str| {
        format!(
            r#"{{"version": 2, "session": {{{inner}"pass_started": "2025-06-15T15:06:40Z", "updated": "2025-06-15T15:06:40Z"}}}}"#
        )
    };
    for (text, expected) in [
        ("3".to_string(), "expected struct FileIn"),
        (
            r#"{"version": 1, "cards": {"a": 3}}"#.to_string(),
            "expected struct CardProgress",
        ),
        (
            r#"{"version": 1, "cards": []}"#.to_string(),
            "expected a map",
        ),
        (
            r#"{"version": 2, "session": 3}"#.to_string(),
            "expected struct SessionState",
        ),
        (session(r#""filter": 3, "#), "expected struct Filter"),
        (
            session(r#""order": 3, "#),
            "expected internally tagged enum Order",
        ),
    ] {
        let err = parse(path(), text.as_bytes()).unwrap_err();
        assert!(err.is_broken(), "{text}");
        assert!(
            message(&err).contains(expected),
            "{text}: {}",
            message(&err)
        );
    }
}

/// Golden files: a file of each version, as a prepdeck of that version
/// wrote it, loads into the expected progress, and writing that progress
/// gives the same bytes. Any change to the records fails here.
mod golden {
    use jiff::Timestamp;

    use super::*;
    use crate::engine::{CardProgress, Order, Pass, SessionState, Status};

    const V1: &str = include_str!("../../../tests/fixtures/progress/valid/v1.json");
    const V2: &str = include_str!("../../../tests/fixtures/progress/valid/v2.json");
    /// The same progress as `V2`, written by hand: keys in any order, every
    /// key that has a default left out, a level repeated.
    const V2_SHORT: &str = include_str!("../../../tests/fixtures/progress/valid/v2-short.json");

    fn t(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn marked(status: Status, times: u32, first: &str, last: &str, updated: &str) -> CardProgress {
        CardProgress {
            first_marked: Some(t(first)),
            last_marked: Some(t(last)),
            status,
            times_marked: times,
            updated: t(updated),
        }
    }

    fn cards(
        records: Vec<(&str, CardProgress)>,
    ) -> std::collections::BTreeMap<String, CardProgress> {
        records
            .into_iter()
            .map(|(id, record)| (id.to_string(), record))
            .collect()
    }

    fn v1_progress() -> Progress {
        let nanos = "2025-06-15T15:06:50.123456789Z";
        Progress {
            cards: cards(vec![
                (
                    "backend-roadmap/api-endpoint",
                    marked(
                        Status::Unseen,
                        3,
                        "2025-06-01T08:00:00Z",
                        "2025-06-15T15:06:42Z",
                        "2025-06-15T15:08:00Z",
                    ),
                ),
                (
                    "db/acid",
                    marked(
                        Status::Skipped,
                        1,
                        "2025-06-15T15:06:45Z",
                        "2025-06-15T15:06:45Z",
                        "2025-06-15T15:06:45Z",
                    ),
                ),
                ("db/indexes", marked(Status::Learnt, 1, nanos, nanos, nanos)),
                (
                    "web/cache-headers",
                    marked(
                        Status::Knew,
                        2,
                        "2025-06-14T09:00:00Z",
                        "2025-06-15T15:07:10Z",
                        "2025-06-15T15:07:10Z",
                    ),
                ),
                ("web/cors", CardProgress::unseen(t("2025-06-15T15:06:41Z"))),
            ]),
            session: Some(SessionState {
                current: Some("web/cache-headers".into()),
                filter: Filter::all()
                    .with_decks(["web"])
                    .with_levels([Level::Advanced, Level::Beginner])
                    .with_tags(["Cache", "http"]),
                order: Order::Shuffled { seed: u64::MAX - 1 },
                pass: Pass::Skipped,
                pass_started: t("2025-06-15T15:06:40Z"),
                position: 3,
                updated: t("2025-06-15T15:07:10Z"),
            }),
            sessions: Vec::new(),
        }
    }

    fn v2_progress() -> Progress {
        Progress {
            cards: cards(vec![
                (
                    "backend-roadmap/api-endpoint",
                    marked(
                        Status::Unseen,
                        1,
                        "2025-06-15T15:06:42Z",
                        "2025-06-15T15:06:42Z",
                        "2025-06-16T10:00:06Z",
                    ),
                ),
                (
                    "db/acid",
                    marked(
                        Status::Skipped,
                        1,
                        "2025-06-16T10:00:04Z",
                        "2025-06-16T10:00:04Z",
                        "2025-06-16T10:00:04Z",
                    ),
                ),
                (
                    "web/cache-headers",
                    marked(
                        Status::Knew,
                        2,
                        "2025-06-14T09:00:00Z",
                        "2025-06-15T15:07:10Z",
                        "2025-06-15T15:07:10Z",
                    ),
                ),
                (
                    "web/cors",
                    marked(
                        Status::Unseen,
                        1,
                        "2025-06-15T15:06:30Z",
                        "2025-06-15T15:06:30Z",
                        "2025-06-15T15:06:41Z",
                    ),
                ),
            ]),
            session: Some(SessionState {
                current: Some("db/acid".into()),
                filter: Filter::all().with_decks(["db"]),
                order: Order::Deck,
                pass: Pass::Main,
                pass_started: t("2025-06-16T10:00:00Z"),
                position: 1,
                updated: t("2025-06-16T10:00:05Z"),
            }),
            sessions: vec![
                SessionState {
                    current: Some("web/cache-headers".into()),
                    filter: Filter::all()
                        .with_levels([Level::Intermediate])
                        .with_tags(["Cache"]),
                    order: Order::Shuffled { seed: 7 },
                    pass: Pass::Learnt,
                    pass_started: t("2025-06-15T15:06:40Z"),
                    position: 3,
                    updated: t("2025-06-15T15:07:10Z"),
                },
                SessionState {
                    current: None,
                    filter: Filter::all(),
                    order: Order::Deck,
                    pass: Pass::Main,
                    pass_started: t("2025-06-14T08:00:00Z"),
                    position: 0,
                    updated: t("2025-06-14T09:00:00Z"),
                },
            ],
        }
    }

    #[test]
    fn version_1_loads_and_is_written_back_byte_for_byte() {
        assert_eq!(parse(path(), V1.as_bytes()).unwrap(), v1_progress());
        assert_eq!(written(&v1_progress()), V1);
    }

    #[test]
    fn version_2_loads_and_is_written_back_byte_for_byte() {
        assert_eq!(parse(path(), V2.as_bytes()).unwrap(), v2_progress());
        assert_eq!(written(&v2_progress()), V2);
    }

    #[test]
    fn a_file_written_by_hand_is_written_back_in_the_canonical_form() {
        let progress = parse(path(), V2_SHORT.as_bytes()).unwrap();
        assert_eq!(progress, v2_progress());
        assert_eq!(written(&progress), V2);
    }

    #[test]
    fn dropping_the_earlier_sessions_writes_version_1_again() {
        let mut progress = v2_progress();
        progress.sessions.clear();
        let text = written(&progress);
        assert!(text.ends_with("  \"version\": 1\n}\n"), "{text}");
        assert!(!text.contains("\"sessions\""), "{text}");
    }
}

/// The records' JSON shapes, each the same as before the store had its
/// own types.
mod shapes {
    use super::super::records::{FilterRecord, OrderRecord, StatusRecord};
    use crate::deck::Level;
    use crate::engine::{Filter, Order, Status};

    #[test]
    fn statuses_are_lowercase_words() {
        let records = Status::ALL.map(StatusRecord::from);
        let json = serde_json::to_string(&records).unwrap();
        assert_eq!(json, r#"["unseen","knew","learnt","skipped"]"#);
        let back: Vec<StatusRecord> = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back.into_iter().map(Status::from).collect::<Vec<_>>(),
            Status::ALL
        );
    }

    #[test]
    fn an_order_has_a_kind() {
        let shuffled = OrderRecord::from(Order::Shuffled { seed: 5 });
        let json = serde_json::to_string(&shuffled).unwrap();
        assert_eq!(json, r#"{"kind":"shuffled","seed":5}"#);
        assert_eq!(
            serde_json::to_string(&OrderRecord::from(Order::Deck)).unwrap(),
            r#"{"kind":"deck"}"#
        );
        let back: OrderRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(Order::from(back), Order::Shuffled { seed: 5 });
    }

    #[test]
    fn filters_round_trip_with_levels_easiest_first() {
        let filter = Filter::all()
            .with_levels([Level::Advanced, Level::Beginner])
            .with_decks(["db"])
            .with_tags(["SQL"]);
        let json = serde_json::to_string(&FilterRecord::from(&filter)).unwrap();
        assert_eq!(
            json,
            r#"{"decks":["db"],"levels":["beginner","advanced"],"tags":["sql"]}"#
        );
        let back: FilterRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(Filter::from(back), filter);
        let empty: FilterRecord = serde_json::from_str("{}").unwrap();
        assert_eq!(Filter::from(empty), Filter::all());
    }

    #[test]
    fn every_level_has_its_record() {
        for level in Level::ALL {
            let json =
                serde_json::to_string(&super::super::records::LevelRecord::from(level)).unwrap();
            assert_eq!(json, format!("\"{}\"", level.name()));
        }
    }
}
