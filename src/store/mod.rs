//! Keeping progress on disk so that it is never lost: one pretty-printed JSON
//! file, `<data dir>/progress.json`, replaced atomically on every save under
//! an exclusive lock on `<data dir>/progress.lock`, merged card by card with
//! whatever another process saved meanwhile. The file's layout, with its
//! versions, is the store's own (`schema`), converted to and from the
//! engine's types; `docs/data-files.md` describes every file kept here.
//!
//! This is the only module that knows where the data directory is. A file
//! that cannot be read as progress is never overwritten or deleted: loading
//! and saving report it, and only [`Store::move_broken_aside`] (the user's
//! explicit choice) moves it out of the way.

mod error;
mod merge;
mod schema;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use atomic_write_file::AtomicWriteFile;
use jiff::Timestamp;

use crate::engine::Progress;

pub use error::StoreError;
pub use merge::merge_into;
pub use schema::VERSION;

/// The progress file's name in the data directory.
pub const PROGRESS_FILE: &str = "progress.json";
/// The lock file's name. The lock is on this file, not on `progress.json`,
/// which every save replaces.
pub const LOCK_FILE: &str = "progress.lock";
/// How long a save waits for another process to finish its own.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// Created and removed to prove the directory is writable.
const PROBE_FILE: &str = ".prepdeck-write-check";

/// The data directory: `override_dir` when given and not empty (the CLI
/// passes `--data-dir` or `PREPDECK_DATA_DIR`), else the platform's data
/// directory for prepdeck (`~/.local/share/prepdeck` on Linux).
pub fn data_dir(override_dir: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    match override_dir {
        Some(dir) if !dir.as_os_str().is_empty() => Ok(dir),
        _ => directories::ProjectDirs::from("", "", "prepdeck")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .ok_or(StoreError::NoDataDir),
    }
}

/// The progress kept in one data directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in `dir`. Does no I/O.
    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The store in the data directory [`data_dir`] resolves to. Does no I/O.
    pub fn resolve(override_dir: Option<PathBuf>) -> Result<Store, StoreError> {
        data_dir(override_dir).map(Store::at)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn progress_path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }

    /// Prove that saves will work, before the user marks anything: create the
    /// directory if needed, take the lock, create and remove a file.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        let probe = self.dir.join(PROBE_FILE);
        File::create(&probe).map_err(|source| self.unwritable(source))?;
        fs::remove_file(&probe).map_err(|source| self.unwritable(source))
    }

    /// The saved progress; empty when there is no file yet. A file that is
    /// not valid progress is an error naming it and the problem.
    pub fn load(&self) -> Result<Progress, StoreError> {
        Ok(self.read()?.unwrap_or_default())
    }

    /// Save `progress`: lock, re-read the file, merge card by card (the
    /// record changed last wins), replace the file atomically (the new file
    /// and the directory are synced before the lock is released), unlock.
    /// A broken or newer file is left as it is and the save fails.
    pub fn save(&self, progress: &Progress) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.clear_stale_files();
        let mut merged = self.read()?.unwrap_or_default();
        merge_into(&mut merged, progress);
        self.write(&merged)
    }

    /// Move a progress file that cannot be read as progress to
    /// `progress.json.broken-<UTC time>`, and return where it went. Only for
    /// when the user asked for it. Returns `None` when the file is missing or
    /// fine; a file from a newer prepdeck is an error, not broken.
    pub fn move_broken_aside(&self, now: Timestamp) -> Result<Option<PathBuf>, StoreError> {
        let _lock = self.lock()?;
        match self.read() {
            Ok(_) => return Ok(None),
            Err(err) if err.is_broken() => {}
            Err(err) => return Err(err),
        }
        let from = self.progress_path();
        let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
        let mut to = self.dir.join(format!("{PROGRESS_FILE}.broken-{stamp}"));
        for n in 1..1000 {
            if fs::symlink_metadata(&to).is_err() {
                break;
            }
            to = self.dir.join(format!("{PROGRESS_FILE}.broken-{stamp}-{n}"));
        }
        if fs::symlink_metadata(&to).is_ok() {
            let source = io::Error::from(io::ErrorKind::AlreadyExists);
            return Err(StoreError::MoveAside { from, to, source });
        }
        match fs::rename(&from, &to) {
            Ok(()) => Ok(Some(to)),
            Err(source) => Err(StoreError::MoveAside { from, to, source }),
        }
    }

    /// The file's progress, `None` when there is no file.
    fn read(&self) -> Result<Option<Progress>, StoreError> {
        let path = self.progress_path();
        match fs::read(&path) {
            Ok(bytes) => schema::parse(&path, &bytes).map(Some),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(self
                .not_a_directory()
                .unwrap_or(StoreError::Read { path, source })),
        }
    }

    fn write(&self, progress: &Progress) -> Result<(), StoreError> {
        let path = self.progress_path();
        let write_error = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        let mut file = AtomicWriteFile::open(&path).map_err(write_error)?;
        {
            let mut out = BufWriter::with_capacity(1 << 16, &mut file);
            schema::write(&mut out, progress)
                .map_err(io::Error::from)
                .map_err(write_error)?;
            out.flush().map_err(write_error)?;
        }
        file.commit().map_err(write_error)
    }

    /// Take the exclusive lock, creating the directory and lock file if
    /// needed. Waits at most [`LOCK_WAIT`] for another process.
    fn lock(&self) -> Result<File, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|source| self.unwritable(source))?;
        let path = self.lock_path();
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| self.unwritable(source))?;
        let deadline = Instant::now() + LOCK_WAIT;
        let mut pause = Duration::from_micros(200);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => return Err(StoreError::Locked { path }),
                Err(TryLockError::Error(source)) => return Err(StoreError::Lock { path, source }),
            }
        }
    }

    /// Remove temporary files a killed save left behind
    /// (`.progress.json.XXXXXX`, atomic-write-file's naming) and a leftover
    /// write check. Only called under the lock, when no save is running.
    /// Best effort: a file that cannot be removed does no harm.
    fn clear_stale_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let prefix = format!(".{PROGRESS_FILE}.");
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            let stale = name == PROBE_FILE
                || name.strip_prefix(&prefix).is_some_and(|suffix| {
                    suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if stale {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn unwritable(&self, source: io::Error) -> StoreError {
        self.not_a_directory()
            .unwrap_or_else(|| StoreError::Unwritable {
                path: self.dir.clone(),
                source,
            })
    }

    /// The error for something other than a directory (a file, say) where
    /// the data directory or a folder above it should be. A missing
    /// directory is not this: saving creates it.
    fn not_a_directory(&self) -> Option<StoreError> {
        let existing = self
            .dir
            .ancestors()
            .find_map(|path| fs::metadata(path).ok().map(|meta| (path, meta)))?;
        let (blocker, meta) = existing;
        (!meta.is_dir()).then(|| StoreError::NotADirectory {
            path: self.dir.clone(),
            blocker: blocker.to_path_buf(),
        })
    }
}
