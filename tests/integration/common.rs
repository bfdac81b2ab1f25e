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
