//! Real processes: one killed at varied moments while it saves in a loop,
//! two saving different cards at the same time.
//!
//! Child processes are this test binary run again on the `child_process`
//! test with `STORE_CHILD_ROLE` set, so no other binary is needed.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use prepdeck::engine::{Progress, Status};
use prepdeck::store::Store;

use super::{listing, record};
use crate::common::at;
use crate::common::temp_dir;

const ROLE_ENV: &str = "STORE_CHILD_ROLE";
const DIR_ENV: &str = "STORE_CHILD_DIR";
const ARG_ENV: &str = "STORE_CHILD_ARG";
/// Longest a test waits for a child to say something.
const CHILD_TIMEOUT: Duration = Duration::from_secs(60);

/// Entry point of the child processes; does nothing in a normal test run.
#[test]
fn child_process() {
    let Ok(role) = std::env::var(ROLE_ENV) else {
        return;
    };
    let dir = PathBuf::from(std::env::var(DIR_ENV).unwrap());
    let arg = std::env::var(ARG_ENV).unwrap_or_default();
    match role.as_str() {
        "save-loop" => save_loop(&dir, arg.parse().unwrap()),
        "mark" => mark_cards(&dir, &arg),
        "save-fresh" => super::files::save_fresh(&dir),
        other => panic!("unknown child role {other}"),
    }
}

/// Cards each save-loop generation writes.
const LOOP_CARDS: usize = 2_000;

/// The progress of generation `generation`: every card marked that many
/// times, all at the same moment.
fn generation(generation: u32) -> Progress {
    let t = at(i64::from(generation));
    Progress {
        cards: (0..LOOP_CARDS)
            .map(|i| {
                (
                    format!("loop/card-{i:05}"),
                    record(Status::Knew, generation, t),
                )
            })
            .collect(),
        ..Progress::default()
    }
}

/// Save generation after generation, saying so after each, until killed
/// (bounded in count and time in case nobody kills it).
fn save_loop(dir: &Path, first: u32) {
    let store = Store::at(dir);
    let deadline = Instant::now() + CHILD_TIMEOUT;
    let mut progress = generation(first);
    for g in first..first + 100_000 {
        let t = at(i64::from(g));
        for card in progress.cards.values_mut() {
            card.times_marked = g;
            card.updated = t;
        }
        store.save(&progress).unwrap();
        say(&format!("saved {g}"));
        if Instant::now() > deadline {
            break;
        }
    }
}

/// Wait for "go" on stdin, then mark cards `<prefix>/0..` one by one,
/// saving after each mark as the app does.
fn mark_cards(dir: &Path, prefix: &str) {
    let store = Store::at(dir);
    let mut progress = Progress::default();
    say("ready");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "go");
    for i in 0..MARKS_PER_CHILD {
        let now = Timestamp::now();
        progress
            .cards
            .insert(format!("{prefix}/{i:03}"), record(Status::Knew, 1, now));
        progress.cards.insert(
            "shared/card".into(),
            record(Status::Learnt, i as u32 + 1, now),
        );
        store.save(&progress).unwrap();
    }
    say("done");
}

/// A line to the parent. Straight to stdout: the test harness captures
/// `println!`.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

const MARKS_PER_CHILD: usize = 150;

/// Runs the child `role` on `dir` under umask 0 (through `sh`), and waits
/// for it to succeed.
pub(super) fn run_under_umask_0(role: &str, dir: &Path) {
    let status = Command::new("sh")
        .args(["-c", "umask 0 && exec \"$0\" \"$@\""])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store::processes::child_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE_ENV, role)
        .env(DIR_ENV, dir)
        .status()
        .unwrap();
    assert!(status.success(), "the child failed: {status}");
}

fn spawn_child(role: &str, dir: &Path, arg: &str) -> (Child, Receiver<String>, ChildStdin) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store::processes::child_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE_ENV, role)
        .env(DIR_ENV, dir)
        .env(ARG_ENV, arg)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stdin = child.stdin.take().unwrap();
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    (child, lines, stdin)
}

/// The child's next message starting with `prefix` (the test harness prints
/// lines of its own), or a failure after `CHILD_TIMEOUT`.
fn expect_line(lines: &Receiver<String>, prefix: &str) -> String {
    let deadline = Instant::now() + CHILD_TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("the child never printed '{prefix}'"));
        // The harness's "test ... " may share the first line.
        if let Some(start) = line.find(prefix) {
            return line[start..].to_string();
        }
    }
}

/// Kills in the kill-during-save test.
const ROUNDS: u32 = 20;

#[test]
fn killing_a_save_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = temp_dir();
    let store = Store::at(dir.path());
    let mut last_confirmed = 0;
    let mut killed_mid_write = 0;
    for round in 0..ROUNDS {
        let first = (round + 1) * 1_000;
        let (mut child, lines, _stdin) = spawn_child("save-loop", dir.path(), &first.to_string());
        // Vary the moment: after 2 to 4 confirmed saves, spin for a growing
        // fraction of one save's duration (not a synchronisation, just a
        // different instant in the cycle each round).
        let mut confirmed = 0;
        let mut times = Vec::new();
        for _ in 0..(2 + round % 3) {
            let line = expect_line(&lines, "saved ");
            confirmed = line["saved ".len()..].parse::<u32>().unwrap();
            times.push(Instant::now());
        }
        let period = times[times.len() - 1] - times[times.len() - 2];
        let spin = period
            .mul_f64(f64::from(round) / f64::from(ROUNDS))
            .min(CHILD_TIMEOUT);
        let start = Instant::now();
        while start.elapsed() < spin {
            std::hint::spin_loop();
        }
        child.kill().unwrap();
        child.wait().unwrap();
        if listing(dir.path())
            .iter()
            .any(|name| name.starts_with(".progress.json."))
        {
            killed_mid_write += 1;
        }
        let progress = store
            .load()
            .unwrap_or_else(|err| panic!("round {round}: the file broke: {err}"));
        assert_eq!(progress.cards.len(), LOOP_CARDS, "round {round}");
        let generations: BTreeSet<u32> = progress.cards.values().map(|c| c.times_marked).collect();
        assert_eq!(
            generations.len(),
            1,
            "round {round}: a mix of saves {generations:?}"
        );
        let found = generations.into_iter().next().unwrap();
        assert!(
            found >= confirmed && found >= last_confirmed,
            "round {round}: found generation {found}, confirmed {confirmed}"
        );
        last_confirmed = found;
    }
    eprintln!("{killed_mid_write} of {ROUNDS} kills left a temporary file behind");
    // The next save clears what the killed ones left.
    store.save(&Progress::default()).unwrap();
    assert!(
        !listing(dir.path())
            .iter()
            .any(|name| name.starts_with(".progress.json.")),
        "{:?}",
        listing(dir.path())
    );
}

#[test]
fn two_processes_saving_at_once_lose_nothing() {
    let dir = temp_dir();
    let (mut a, a_lines, mut a_in) = spawn_child("mark", dir.path(), "a");
    let (mut b, b_lines, mut b_in) = spawn_child("mark", dir.path(), "b");
    expect_line(&a_lines, "ready");
    expect_line(&b_lines, "ready");
    a_in.write_all(b"go\n").unwrap();
    b_in.write_all(b"go\n").unwrap();
    expect_line(&a_lines, "done");
    expect_line(&b_lines, "done");
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let progress = Store::at(dir.path()).load().unwrap();
    for prefix in ["a", "b"] {
        for i in 0..MARKS_PER_CHILD {
            let id = format!("{prefix}/{i:03}");
            assert_eq!(progress.status(&id), Status::Knew, "{id} was lost");
        }
    }
    assert_eq!(progress.cards.len(), 2 * MARKS_PER_CHILD + 1);
    assert_eq!(
        progress.get("shared/card").map(|c| c.times_marked),
        Some(MARKS_PER_CHILD as u32),
        "the shared card holds one process's last mark"
    );
}
