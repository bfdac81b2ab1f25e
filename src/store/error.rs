//! Everything that can go wrong keeping progress on disk, each as a one-line
//! message that names the file or folder involved.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why progress could not be loaded or saved.
#[derive(Debug)]
pub enum StoreError {
    /// No data directory could be found (no home directory).
    NoDataDir,
    /// The data directory cannot be created or written to.
    Unwritable { path: PathBuf, source: io::Error },
    /// The data directory's path, or one of the folders above it, names
    /// something that is not a directory, such as a file: `blocker`.
    NotADirectory { path: PathBuf, blocker: PathBuf },
    /// The progress file exists but cannot be read.
    Read { path: PathBuf, source: io::Error },
    /// The progress file is not valid: invalid JSON, truncated, or the wrong
    /// shape. It is left untouched.
    Broken {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// The progress file names a version this prepdeck never wrote.
    BadVersion { path: PathBuf, found: u64 },
    /// The progress file was written by a newer prepdeck; `supported` is
    /// the newest version this one reads.
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    /// Another process held the lock for too long.
    Locked { path: PathBuf },
    /// Taking the lock failed for a reason other than contention.
    Lock { path: PathBuf, source: io::Error },
    /// Writing the new progress file failed; the old one is intact.
    Write { path: PathBuf, source: io::Error },
    /// Moving a broken progress file aside failed.
    MoveAside {
        from: PathBuf,
        to: PathBuf,
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

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoDataDir => f.write_str(
                "cannot find a data directory for prepdeck (no home directory); \
                 pass --data-dir or set PREPDECK_DATA_DIR",
            ),
            StoreError::Unwritable { path, source } => write!(
                f,
                "data directory {} is not writable: {source}",
                path.display()
            ),
            StoreError::NotADirectory { path, blocker } => write!(
                f,
                "data directory {} cannot be used: {} is not a directory; \
                 pass --data-dir with a directory, or move it",
                path.display(),
                blocker.display()
            ),
            StoreError::Read { path, source } => {
                write!(f, "cannot read progress file {}: {source}", path.display())
            }
            StoreError::Broken { path, source } => {
                let what = match source.classify() {
                    serde_json::error::Category::Eof => "is truncated",
                    serde_json::error::Category::Syntax => "is not valid JSON",
                    serde_json::error::Category::Data => "does not hold prepdeck progress",
                    serde_json::error::Category::Io => "cannot be read",
                };
                write!(f, "progress file {} {what}: {source}", path.display())
            }
            StoreError::BadVersion { path, found } => write!(
                f,
                "progress file {} has version {found}, which no prepdeck writes",
                path.display()
            ),
            StoreError::NewerVersion {
                path,
                found,
                supported,
            } => write!(
                f,
                "progress file {} is version {found}, from a newer prepdeck; \
                 this prepdeck reads versions up to {supported}",
                path.display()
            ),
            StoreError::Locked { path } => write!(
                f,
                "another prepdeck kept {} locked for too long; try again",
                path.display()
            ),
            StoreError::Lock { path, source } => {
                write!(f, "cannot lock {}: {source}", path.display())
            }
            StoreError::Write { path, source } => {
                write!(f, "cannot save progress to {}: {source}", path.display())
            }
            StoreError::MoveAside { from, to, source } => write!(
                f,
                "cannot move {} aside to {}: {source}",
                from.display(),
                to.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Unwritable { source, .. }
            | StoreError::Read { source, .. }
            | StoreError::Lock { source, .. }
            | StoreError::Write { source, .. }
            | StoreError::MoveAside { source, .. } => Some(source),
            StoreError::Broken { source, .. } => Some(source),
            StoreError::NoDataDir
            | StoreError::BadVersion { .. }
            | StoreError::NewerVersion { .. }
            | StoreError::NotADirectory { .. }
            | StoreError::Locked { .. } => None,
        }
    }
}
