//! The layout of `progress.json`, version 1, and the checks made on reading
//! it: a newer version is refused by number, anything else that does not fit
//! is reported with serde_json's line and column.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use crate::engine::{CardProgress, Progress, SessionState};

/// The version this prepdeck reads and writes.
pub const VERSION: u64 = 1;

/// The file as written. Fields are in alphabetical order, and the cards are a
/// `BTreeMap`, so every key in the file is sorted.
#[derive(Serialize)]
struct FileOut<'a> {
    cards: &'a BTreeMap<String, CardProgress>,
    session: &'a Option<SessionState>,
    version: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[serde(default)]
    cards: BTreeMap<String, CardProgress>,
    #[serde(default)]
    session: Option<SessionState>,
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
    } else if found < VERSION {
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
            version: VERSION,
        },
    )?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("/data/progress.json")
    }

    #[test]
    fn an_empty_object_with_a_version_is_empty_progress() {
        let progress = parse(path(), br#"{"version": 1}"#).unwrap();
        assert_eq!(progress, Progress::default());
    }

    #[test]
    fn unknown_fields_are_refused_with_line_and_column() {
        let err = parse(path(), b"{\n  \"version\": 1,\n  \"carts\": {}\n}").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("progress file /data/progress.json does not hold prepdeck progress: unknown field `carts`"), "{message}");
        assert!(message.contains("line 3 column"), "{message}");
    }

    #[test]
    fn a_newer_version_is_refused_even_when_its_shape_is_unknown() {
        let err = parse(path(), br#"{"version": 2, "decks": []}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "progress file /data/progress.json is version 2, from a newer prepdeck; this prepdeck reads version 1 only"
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
}
