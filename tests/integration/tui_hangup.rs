//! The terminal going away under a running drill: its window closed, an ssh
//! connection dropped. The pty then reads as end-of-file forever. Started
//! from a shell, the drill is the shell's child and the kernel's hangup
//! signal goes to the shell only; exec'd, the drill gets it. Either way
//! prepdeck must exit by itself and keep what was marked, rather than
//! linger on a dead terminal.
//!
//! Linux only: it finds the drill's process through `/proc`.
#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::common::{prepdeck, run, temp_dir};

/// How long any step may take before the test gives up.
const DEADLINE: Duration = Duration::from_secs(20);

/// Kills the test's process group on drop, so a failing test leaves no
/// drill behind.
struct KillGroup(u32);

impl Drop for KillGroup {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0)])
            .status();
    }
}

/// Reads the pty until the screen shows `needle`. A stuck read is ended by
/// the test's deadline thread killing the process group.
fn read_until(reader: &mut dyn Read, parser: &mut vt100::Parser, needle: &str) {
    let mut buf = [0u8; 8192];
    while !parser.screen().contents().contains(needle) {
        let n = reader.read(&mut buf).unwrap_or(0);
        assert!(
            n > 0,
            "the pty closed before {needle:?} showed; screen:\n{}",
            parser.screen().contents()
        );
        parser.process(&buf[..n]);
    }
}

/// The state letter of a process from `/proc/PID/stat` (`Z` for a zombie),
/// or `None` once it is gone.
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.rfind(')')?;
    stat[after_name + 1..].trim_start().chars().next()
}

fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn skipped(data: &Path) -> u64 {
    let out = run(prepdeck(data).args(["stats", "--json", "--level", "beginner"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stats: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    stats["skipped"].as_u64().expect("a count")
}

#[test]
fn closing_the_terminal_under_a_drill_started_from_a_shell_ends_it() {
    // The drill is the shell's child: the hangup goes to the shell only.
    close_the_terminal_under_a_drill(false);
}

#[test]
fn closing_the_terminal_under_a_drill_that_leads_its_session_ends_it() {
    // The shell execs the drill, which leads the session and gets the
    // kernel's hangup signal while its terminal reads as end-of-file.
    close_the_terminal_under_a_drill(true);
}

fn close_the_terminal_under_a_drill(leader: bool) {
    let data = temp_dir();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    // The shell leads the session, as a terminal window's shell does.
    let script = if leader {
        "exec \"$0\" --data-dir \"$1\" drill --level beginner"
    } else {
        "\"$0\" --data-dir \"$1\" drill --level beginner; sleep 60"
    };
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", script, env!("CARGO_BIN_EXE_prepdeck")]);
    cmd.arg(data.path());
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("PREPDECK_DATA_DIR");
    cmd.env("TERM", "xterm-256color");
    let mut shell = pair.slave.spawn_command(cmd).expect("spawn the shell");
    drop(pair.slave);
    let shell_pid = shell.process_id().expect("shell pid");
    let _cleanup = KillGroup(shell_pid);
    // A read that never returns is ended by killing the group.
    std::thread::spawn(move || {
        std::thread::sleep(DEADLINE * 2);
        drop(KillGroup(shell_pid));
    });

    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut writer = pair.master.take_writer().expect("pty writer");
    let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
    let mut parser = vt100::Parser::new(size(24), size(80), 0);
    read_until(&mut *reader, &mut parser, "Skipped 0");
    writer.write_all(b"3").expect("type");
    writer.flush().expect("flush");
    read_until(&mut *reader, &mut parser, "Skipped 1");
    let drill = if leader {
        shell_pid
    } else {
        wait_until("the drill process", || !children(shell_pid).is_empty());
        children(shell_pid)[0]
    };
    assert!(
        matches!(state(drill), Some('R' | 'S')),
        "{:?}",
        state(drill)
    );

    // Close every handle on the pty's master side: the terminal is gone.
    drop(reader);
    drop(writer);
    drop(pair.master);
    let closed = Instant::now();
    wait_until("the drill to exit after its terminal closed", || {
        matches!(state(drill), None | Some('Z'))
    });
    eprintln!(
        "the drill exited {:?} after its terminal closed",
        closed.elapsed()
    );
    if leader {
        let status = shell.wait().expect("exit status");
        assert_eq!(status.exit_code(), 129, "128 + SIGHUP");
    } else {
        let _ = shell.kill();
        let _ = shell.wait();
    }
    assert_eq!(skipped(data.path()), 1, "the mark made before is kept");
}
