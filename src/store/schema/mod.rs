//! The on-disk schema of `progress.json`: which versions this prepdeck
//! reads, the record types of each, and the checks made on reading a file.
//! A newer version is refused by number, untouched; anything else that does
//! not fit is reported with serde_json's line and column.
//!
//! The store owns this format so that the engine's types do not have to be
//! it: records convert to and from the engine's types, and a change to the
//! file is a change here, with a new version (`docs/data-files.md` has the
//! rule and every key). The golden files in `tests/fixtures/progress/valid`
//! pin each version's bytes.

mod records;
mod v2;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::Path;

use serde::Deserialize;

use super::error::StoreError;
use crate::engine::Progress;

use v2::{ProgressFileV2, ProgressFileV2Out};

/// The newest version this prepdeck reads and writes.
pub const VERSION: u64 = v2::VERSION_2;

/// The oldest version this prepdeck reads.
const FIRST_VERSION: u64 = v2::VERSION_1;

/// Just the version, read when the full parse fails, so a newer file is
/// reported as newer rather than as broken.
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u64>,
}

/// Parse the bytes of the progress file at `path`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Progress, StoreError> {
    match serde_json::from_slice::<ProgressFileV2>(bytes) {
        Ok(file) => {
            check_version(path, file.version)?;
            Ok(file.into())
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
                source: source.into(),
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

/// Write `progress` pretty-printed, with a final newline: version 1 when it
/// has no earlier sessions, else version 2.
pub fn write<W: Write>(out: W, progress: &Progress) -> serde_json::Result<()> {
    let mut out = out;
    serde_json::to_writer_pretty(&mut out, &ProgressFileV2Out::from(progress))?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}
