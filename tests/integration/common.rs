//! Shared helpers: run the real binary with a private data folder, find
//! fixtures, fixed test times and a ticking clock.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jiff::Timestamp;

/// The repository's `tests/fixtures` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// A fixture path relative to the repository root, as users would type it.
pub fn fixture(rel: &str) -> String {
    format!("tests/fixtures/{rel}")
}

/// `prepdeck` run from the repository root with `data_dir` as its data folder
/// and no inherited prepdeck or colour settings.
pub fn prepdeck(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prepdeck"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PREPDECK_DATA_DIR")
        .env_remove("NO_COLOR")
        .arg("--data-dir")
        .arg(data_dir);
    cmd
}

/// The output of a finished command, as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A fresh temporary folder that is removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// `seconds` after the instant the tests count from.
pub fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_750_000_000 + seconds).expect("a valid test time")
}

/// A clock for tests: one second per reading, from [`at`]`(0)`.
#[derive(Default)]
pub struct Clock(i64);

impl Clock {
    pub fn now(&mut self) -> Timestamp {
        self.0 += 1;
        at(self.0)
    }
}

/// A small tmpfs mounted on a fresh folder for the full-disk tests, and
/// unmounted when dropped.
pub struct SmallFs {
    dir: tempfile::TempDir,
}

impl SmallFs {
    /// A file system of `size` (`64k`), or `None` with the reason printed
    /// where mounting is not permitted (not root, or in a container that
    /// forbids it).
    pub fn mount(size: &str) -> Option<SmallFs> {
        let dir = temp_dir();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => Some(SmallFs { dir }),
            Ok(out) => {
                eprintln!(
                    "skipped: cannot mount a small file system: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(err) => {
                eprintln!("skipped: cannot run mount: {err}");
                None
            }
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system to the last byte with one file, `filler`.
    pub fn fill(&self) {
        use std::io::Write;
        let mut file = std::fs::File::create(self.path().join("filler")).expect("filler");
        let block = [b'x'; 4096];
        while file.write_all(&block).is_ok() {}
        while file.write_all(b"x").is_ok() {}
        let _ = file.sync_all();
    }

    /// Removes what [`fill`](SmallFs::fill) wrote.
    pub fn free(&self) {
        std::fs::remove_file(self.path().join("filler")).expect("remove the filler");
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}
