//! Everything that can go wrong keeping progress on disk, each as a one-line
//! message that names the file or folder involved.
//!
//! A message never repeats its cause: the I/O or JSON error that caused it
//! is its [`source`](std::error::Error::source), and whoever prints the
//! error walks the chain once (`message: cause`), as `commands` does.

use std::io;
use std::path::PathBuf;

use serde_json::error::Category;

/// Why progress could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No data directory could be found (no home directory).
    #[error(
        "cannot find a data directory for prepdeck (no home directory); \
         pass --data-dir or set PREPDECK_DATA_DIR"
    )]
    NoDataDir,
    /// The data directory cannot be created or written to.
    #[error("data directory {} is not writable", .path.display())]
    Unwritable {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The data directory's path, or one of the folders above it, names
    /// something that is not a directory, such as a file: `blocker`.
    #[error(
        "data directory {} cannot be used: {} is not a directory; \
         pass --data-dir with a directory, or move it",
        .path.display(),
        .blocker.display()
    )]
    NotADirectory { path: PathBuf, blocker: PathBuf },
    /// The progress file exists but cannot be read.
    #[error("cannot read progress file {}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The progress file is not valid: invalid JSON, truncated, or the wrong
    /// shape. It is left untouched.
    #[error("progress file {} {}", .path.display(), what_is_wrong(&.source.0))]
    Broken {
        path: PathBuf,
        #[source]
        source: JsonError,
    },
    /// The progress file names a version this prepdeck never wrote.
    #[error("progress file {} has version {found}, which no prepdeck writes", .path.display())]
    BadVersion { path: PathBuf, found: u64 },
    /// The progress file was written by a newer prepdeck; `supported` is
    /// the newest version this one reads.
    #[error(
        "progress file {} is version {found}, from a newer prepdeck; \
         this prepdeck reads versions up to {supported}",
        .path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    /// `link` is a symbolic link to `target`, whose folder does not exist:
    /// nothing is created there, since the folder may be a drive or share
    /// that is not mounted.
    #[error(
        "{} is a symbolic link to {}, whose folder does not exist; \
         create the folder or remove the link",
        .link.display(),
        .target.display()
    )]
    DanglingLink { link: PathBuf, target: PathBuf },
    /// Following `path`'s symbolic links failed (a loop, or too many links).
    #[error("cannot follow the symbolic link {}", .path.display())]
    Link {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Another process held the lock for too long.
    #[error("another prepdeck kept {} locked for too long; try again", .path.display())]
    Locked { path: PathBuf },
    /// Taking the lock failed for a reason other than contention.
    #[error("cannot lock {}", .path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Writing the new progress file failed; the old one is intact.
    #[error("cannot save progress to {}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Moving a broken progress file aside failed.
    #[error("cannot move {} aside to {}", .from.display(), .to.display())]
    MoveAside {
        from: PathBuf,
        to: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    /// Whether the progress file itself is unreadable as progress, so moving
    /// it aside (with the user's consent) is the way out.
    pub fn is_broken(&self) -> bool {
        matches!(
            self,
            StoreError::Broken { .. } | StoreError::BadVersion { .. }
        )
    }
}

/// serde_json's error about the progress file, shown with every value it
/// quotes from the file cut to a short excerpt
/// ([`excerpt_quotes`](crate::text::excerpt_quotes)): a file holding a
/// 200 MB string where a status should be gives a one-line message.
#[derive(Debug)]
pub struct JsonError(pub serde_json::Error);

impl From<serde_json::Error> for JsonError {
    fn from(err: serde_json::Error) -> Self {
        JsonError(err)
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let full = self.0.to_string();
        let position = format!(" at line {} column {}", self.0.line(), self.0.column());
        let message = full.strip_suffix(&position).unwrap_or(&full);
        f.write_str(&crate::text::excerpt_quotes(message))?;
        if self.0.line() > 0 {
            f.write_str(&position)?;
        }
        Ok(())
    }
}

/// The words are serde_json's; its cause is not shown a second time.
impl std::error::Error for JsonError {}

/// What a JSON error says about the file, in words.
fn what_is_wrong(source: &serde_json::Error) -> &'static str {
    match source.classify() {
        Category::Eof => "is truncated",
        Category::Syntax => "is not valid JSON",
        Category::Data => "does not hold prepdeck progress",
        Category::Io => "cannot be read",
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::*;

    /// One error of each variant that has a cause, and some without.
    fn every_kind() -> Vec<StoreError> {
        let io = || io::Error::new(io::ErrorKind::PermissionDenied, "no entry here");
        let path = || PathBuf::from("/data/progress.json");
        let json = serde_json::from_str::<u8>("[").unwrap_err();
        vec![
            StoreError::NoDataDir,
            StoreError::Unwritable {
                path: path(),
                source: io(),
            },
            StoreError::NotADirectory {
                path: path(),
                blocker: PathBuf::from("/data"),
            },
            StoreError::Read {
                path: path(),
                source: io(),
            },
            StoreError::Broken {
                path: path(),
                source: json.into(),
            },
            StoreError::DanglingLink {
                link: path(),
                target: path(),
            },
            StoreError::Link {
                path: path(),
                source: io(),
            },
            StoreError::BadVersion {
                path: path(),
                found: 0,
            },
            StoreError::NewerVersion {
                path: path(),
                found: 3,
                supported: 2,
            },
            StoreError::Locked { path: path() },
            StoreError::Lock {
                path: path(),
                source: io(),
            },
            StoreError::Write {
                path: path(),
                source: io(),
            },
            StoreError::MoveAside {
                from: path(),
                to: path(),
                source: io(),
            },
        ]
    }

    #[test]
    fn no_message_repeats_its_cause() {
        for err in every_kind() {
            let mut current: &dyn Error = &err;
            while let Some(source) = current.source() {
                let (message, cause) = (current.to_string(), source.to_string());
                assert!(!message.contains(&cause), "{message:?} repeats {cause:?}");
                current = source;
            }
        }
    }

    #[test]
    fn errors_with_a_cause_keep_it() {
        let with_cause = every_kind().iter().filter(|e| e.source().is_some()).count();
        assert_eq!(with_cause, 7);
    }
}
