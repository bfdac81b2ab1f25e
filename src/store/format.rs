//! The layout of `progress.json`, versions 1 and 2, and the checks made on
//! reading it: a newer version is refused by number, anything else that does
//! not fit is reported with serde_json's line and column.
//!
//! Version 2 adds `sessions`, the earlier sessions of other filters. A file
//! without them is written as version 1, byte for byte what earlier prepdecks
//! wrote; a file with them is version 2, so an earlier prepdeck, which
//! refuses unknown fields, reports it as newer and leaves it alone instead of
//! calling it broken and offering to move it aside.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use crate::engine::{CardProgress, Progress, SessionState};

/// The newest version this prepdeck reads and writes.
pub const VERSION: u64 = 2;

/// The oldest version this prepdeck reads, and the one it writes when
/// there are no earlier sessions.
const FIRST_VERSION: u64 = 1;

/// The file as written. Fields are in alphabetical order, and the cards are a
/// `BTreeMap`, so every key in the file is sorted.
#[derive(Serialize)]
struct FileOut<'a> {
    cards: &'a BTreeMap<String, CardProgress>,
    session: &'a Option<SessionState>,
    #[serde(skip_serializing_if = "<[SessionState]>::is_empty")]
    sessions: &'a [SessionState],
    version: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[serde(default)]
    cards: BTreeMap<String, CardProgress>,
    #[serde(default)]
    session: Option<SessionState>,
    #[serde(default)]
    sessions: Vec<SessionState>,
    version: u64,
}

/// Just the version, read when the full parse fails, so a newer file is
/// reported as newer rather than as broken.
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u64>,
}

/// Parse the bytes of the progress file at `path`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Progress, StoreError> {
    match serde_json::from_slice::<FileIn>(bytes) {
        Ok(file) => {
            check_version(path, file.version)?;
            Ok(Progress {
                cards: file.cards,
                session: file.session,
                sessions: file.sessions,
            })
        }
        Err(source) => {
            if let Ok(VersionOnly {
                version: Some(found),
            }) = serde_json::from_slice(bytes)
            {
                check_version(path, found)?;
            }
            Err(StoreError::Broken {
                path: path.to_path_buf(),
                source,
            })
        }
    }
}

fn check_version(path: &Path, found: u64) -> Result<(), StoreError> {
    if found > VERSION {
        Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: VERSION,
        })
    } else if found < FIRST_VERSION {
        Err(StoreError::BadVersion {
            path: path.to_path_buf(),
            found,
        })
    } else {
        Ok(())
    }
}

/// Write `progress` pretty-printed, with a final newline.
pub fn write<W: Write>(out: W, progress: &Progress) -> serde_json::Result<()> {
    let mut out = out;
    serde_json::to_writer_pretty(
        &mut out,
        &FileOut {
            cards: &progress.cards,
            session: &progress.session,
            sessions: &progress.sessions,
            version: if progress.sessions.is_empty() {
                FIRST_VERSION
            } else {
                VERSION
            },
        },
    )?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

#[cfg(test)]
mod tests {
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
}
