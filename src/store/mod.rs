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
/// How long a save waits for the lock before it tells its caller so (the
/// drill then says so on screen).
const LOCK_NOTICE: Duration = Duration::from_millis(150);
/// Written, synced and removed to prove the directory can take a save.
const PROBE_FILE: &str = ".prepdeck-write-check";
/// What the write check writes beyond the size of the current progress file.
const PROBE_MARGIN: u64 = 4096;
/// The most symbolic links followed from one file name.
const MAX_LINKS: usize = 40;
/// The permission bits of every file prepdeck creates: read and write for
/// the owner only, whatever the umask. A file that exists keeps its own.
pub const NEW_FILE_MODE: u32 = 0o600;

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
    /// directory if needed, take the lock, and in the folder the progress
    /// file is written to (a symbolic link's target's) write as many bytes
    /// as the progress file holds and a little more, sync them to disk and
    /// remove them. An empty file is not enough: a full disk still creates
    /// one, and only refuses the data.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        self.check_writable_with(&mut || {})
    }

    /// [`check_writable`](Store::check_writable), calling `waiting` once if
    /// another process holds the lock after a short while.
    pub fn check_writable_with(&self, waiting: &mut dyn FnMut()) -> Result<(), StoreError> {
        let _lock = self.lock(waiting)?;
        let target = self.follow_links(&self.progress_path())?;
        let dir = parent_of(&target);
        let size = fs::metadata(&target).map_or(0, |meta| meta.len()) + PROBE_MARGIN;
        let probe = dir.join(PROBE_FILE);
        let _ = fs::remove_file(&probe);
        let written = write_probe(&probe, size);
        let removed = fs::remove_file(&probe);
        written
            .and(removed)
            .map_err(|source| self.unwritable_at(dir, source))
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
        self.save_with(progress, &mut || {})
    }

    /// [`save`](Store::save), calling `waiting` once if the lock is still
    /// held by another process after a short while, so that the caller can
    /// say the save is waiting.
    pub fn save_with(
        &self,
        progress: &Progress,
        waiting: &mut dyn FnMut(),
    ) -> Result<(), StoreError> {
        let _lock = self.lock(waiting)?;
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
        let _lock = self.lock(&mut || {})?;
        match self.read() {
            Ok(_) => return Ok(None),
            Err(err) if err.is_broken() => {}
            Err(err) => return Err(err),
        }
        // Through a symbolic link, the target moves aside in its own folder
        // and the link stays, for the next save to write a fresh target.
        let from = self.follow_links(&self.progress_path())?;
        let dir = parent_of(&from).to_path_buf();
        let name = from.file_name().map_or_else(
            || PROGRESS_FILE.into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
        let mut to = dir.join(format!("{name}.broken-{stamp}"));
        for n in 1..1000 {
            if fs::symlink_metadata(&to).is_err() {
                break;
            }
            to = dir.join(format!("{name}.broken-{stamp}-{n}"));
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

    /// Replace the progress file, or the file its symbolic links lead to:
    /// the new file is written in the target's folder and renamed over the
    /// target, so the link stays a link. An existing target keeps its
    /// permission bits (the new file copies them before it is renamed); a
    /// new file gets [`NEW_FILE_MODE`].
    fn write(&self, progress: &Progress) -> Result<(), StoreError> {
        let path = self.progress_path();
        let target = self.follow_links(&path)?;
        let write_error = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        let mut options = AtomicWriteFile::options();
        // Masked by the umask, so never more than 0o600.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, NEW_FILE_MODE);
        let mut file = options.open(&target).map_err(write_error)?;
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
    /// needed (through the lock file's symbolic links, a new file with
    /// [`NEW_FILE_MODE`]). Waits at most [`LOCK_WAIT`] for another process,
    /// calling `waiting` once after [`LOCK_NOTICE`].
    fn lock(&self, waiting: &mut dyn FnMut()) -> Result<File, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|source| self.unwritable(source))?;
        let path = self.lock_path();
        let target = self.follow_links(&path)?;
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, NEW_FILE_MODE);
        let file = options
            .open(&target)
            .map_err(|source| self.unwritable(source))?;
        let start = Instant::now();
        let deadline = start + LOCK_WAIT;
        let mut told = false;
        let mut pause = Duration::from_micros(200);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    if !told && start.elapsed() >= LOCK_NOTICE {
                        told = true;
                        waiting();
                    }
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
        clear_stale_files(&self.dir, PROGRESS_FILE);
        if let Ok(target) = self.follow_links(&self.progress_path()) {
            let (dir, name) = (parent_of(&target), target.file_name());
            if let Some(name) = name.and_then(|n| n.to_str())
                && (dir != self.dir || name != PROGRESS_FILE)
            {
                clear_stale_files(dir, name);
            }
        }
    }

    /// Where writes to `path` go: `path` itself, or the end of its chain of
    /// symbolic links (each relative to the folder of the link that holds
    /// it, at most [`MAX_LINKS`]). A link to a missing file in an existing
    /// folder leads to that file, which a save creates; a link into a
    /// missing folder is an error.
    fn follow_links(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let mut current = path.to_path_buf();
        for _ in 0..=MAX_LINKS {
            let is_link = fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
            if !is_link {
                if current != path && fs::symlink_metadata(&current).is_err() {
                    let folder = parent_of(&current);
                    if !fs::metadata(folder).is_ok_and(|m| m.is_dir()) {
                        return Err(StoreError::DanglingLink {
                            link: path.to_path_buf(),
                            target: current,
                        });
                    }
                }
                return Ok(current);
            }
            let to = fs::read_link(&current).map_err(|source| StoreError::Link {
                path: path.to_path_buf(),
                source,
            })?;
            current = parent_of(&current).join(to);
        }
        Err(StoreError::Link {
            path: path.to_path_buf(),
            source: io::Error::other("too many levels of symbolic links"),
        })
    }

    fn unwritable_at(&self, dir: &Path, source: io::Error) -> StoreError {
        self.not_a_directory()
            .unwrap_or_else(|| StoreError::Unwritable {
                path: dir.to_path_buf(),
                source,
            })
    }

    fn unwritable(&self, source: io::Error) -> StoreError {
        self.unwritable_at(&self.dir, source)
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

/// The folder `path` is in (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Remove, in `dir`, the temporary files a killed save of `name` left
/// behind (`.NAME.XXXXXX`, atomic-write-file's naming) and a leftover write
/// check.
fn clear_stale_files(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
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

/// Write `size` bytes to a new file at `path` (mode [`NEW_FILE_MODE`]) and
/// sync them to disk.
fn write_probe(path: &Path, size: u64) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, NEW_FILE_MODE);
    let mut file = options.open(path)?;
    let block = [0u8; 4096];
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        file.write_all(&block[..n])?;
        left -= n as u64;
    }
    file.sync_all()
}
