//! The drill in a real pseudo-terminal, as a user meets it: the binary runs
//! on a pty, keys are typed, and the screen is read back through a vt100
//! parser. Each wait polls the parsed screen until a deadline; nothing
//! sleeps. Covers marking and resuming, resizing, Ctrl-C and signals
//! restoring the terminal, suspending (Ctrl-Z, SIGTSTP, SIGSTOP) and
//! coming back in raw mode on SIGCONT, the footer's undo hint and notice,
//! `NO_COLOR`, and refusing to run without a terminal.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

use crate::common::{prepdeck, run, temp_dir};

/// How long any one screen may take to appear.
const DEADLINE: Duration = Duration::from_secs(20);

/// The binary on a pseudo-terminal, with the screen it has drawn.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte the program wrote.
    raw: Vec<u8>,
    closed: bool,
    /// Whether the binary runs under a job-control shell (the child is then
    /// the shell, and the drill is the shell's child).
    shell: bool,
}

/// A shell with job control, as a user's: the drill runs as its own job,
/// and while a job is stopped each line typed is an `fg`.
const JOB_SHELL: &str = r#"set -m; "$@"; while [ -n "$(jobs -s)" ]; do read -r _; fg; done"#;

impl Pty {
    fn spawn(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_with(data_dir, args, env, false)
    }

    /// The drill as a job of `bash` with job control; `None` (with the
    /// reason printed) where there is no bash.
    fn spawn_as_job(data_dir: &Path, args: &[&str]) -> Option<Pty> {
        let bash = std::process::Command::new("bash")
            .args(["-c", "true"])
            .status();
        if !bash.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no bash to run the drill as a job");
            return None;
        }
        Some(Pty::spawn_with(data_dir, args, &[], true))
    }

    fn spawn_with(data_dir: &Path, args: &[&str], env: &[(&str, &str)], shell: bool) -> Pty {
        let size = PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut cmd = if shell {
            let mut cmd = CommandBuilder::new("bash");
            cmd.args(["--norc", "--noprofile", "-c", JOB_SHELL, "bash"]);
            cmd.arg(env!("CARGO_BIN_EXE_prepdeck"));
            cmd
        } else {
            CommandBuilder::new(env!("CARGO_BIN_EXE_prepdeck"))
        };
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("PREPDECK_DATA_DIR");
        cmd.env("TERM", "xterm-256color");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.arg("--data-dir");
        cmd.arg(data_dir);
        cmd.args(args);
        let child = pair.slave.spawn_command(cmd).expect("spawn prepdeck");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Pty {
            child,
            master: pair.master,
            writer,
            output,
            parser: vt100::Parser::new(nonzero(24), nonzero(80), 0),
            raw: Vec::new(),
            closed: false,
            shell,
        }
    }

    /// Feeds output that arrives before `until` to the parser; returns
    /// when some arrived, at the deadline, or when the program closed the pty.
    fn pump(&mut self, until: Instant) {
        let wait = until.saturating_duration_since(Instant::now());
        match self.output.recv_timeout(wait) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                while let Ok(more) = self.output.try_recv() {
                    self.parser.process(&more);
                    self.raw.extend_from_slice(&more);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => self.closed = true,
        }
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    fn text(&self) -> String {
        self.screen().contents()
    }

    /// Waits until `ready` holds for the screen; fails with the screen shown.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !ready(self.screen()) {
            assert!(
                Instant::now() < deadline && !self.closed,
                "timed out waiting for {what}; screen:\n{}",
                self.text()
            );
            self.pump(deadline);
        }
    }

    fn wait_text(&mut self, needle: &str) {
        let owned = needle.to_string();
        self.wait_for(&format!("{needle:?}"), move |s| {
            s.contents().contains(&owned)
        });
    }

    fn wait_all(&mut self, needles: &[&str]) {
        let owned: Vec<String> = needles.iter().map(|s| s.to_string()).collect();
        self.wait_for(&format!("{needles:?}"), move |s| {
            let text = s.contents();
            owned.iter().all(|n| text.contains(n))
        });
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type keys");
        self.writer.flush().expect("flush keys");
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.parser
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Waits for the program to exit and its last output to be read;
    /// returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "prepdeck did not exit; screen:\n{}",
                self.text()
            );
            self.pump(Instant::now() + Duration::from_millis(50));
        };
        // Read what is left; the reader ends when the pty has no writer.
        let drain = Instant::now() + Duration::from_secs(2);
        while !self.closed && Instant::now() < drain {
            self.pump(drain);
        }
        status.exit_code()
    }

    /// The terminal is as the shell left it: normal screen, cursor shown,
    /// and (on Unix) the line discipline out of raw mode: canonical input,
    /// echo and signal keys back on.
    fn assert_restored(&self) {
        let screen = self.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        #[cfg(unix)]
        {
            use nix::sys::termios::LocalFlags;
            let termios = self.master.get_termios().expect("the pty's termios");
            let cooked = LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG;
            assert!(
                termios.local_flags.contains(cooked),
                "still in raw mode: {:?}",
                termios.local_flags
            );
        }
    }

    /// The pty's line settings while the drill runs are raw: no line editing,
    /// no echo.
    #[cfg(unix)]
    fn assert_raw(&self) {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("the pty's termios");
        assert!(
            !termios
                .local_flags
                .intersects(LocalFlags::ICANON | LocalFlags::ECHO),
            "not in raw mode: {:?}",
            termios.local_flags
        );
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The beginner questions of the shipped decks, in deck order, from `list`.
fn beginner_questions(data: &Path) -> Vec<String> {
    questions_of(data, "beginner")
}

/// The questions of one level of the shipped decks, in deck order.
fn questions_of(data: &Path, level: &str) -> Vec<String> {
    let out = run(prepdeck(data).args(["list", "--json", "--level", level]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let cards: Vec<Value> = serde_json::from_str(&out.stdout).expect("JSON");
    cards
        .iter()
        .map(|c| c["question"].as_str().expect("question").to_string())
        .collect()
}

/// The start of a question, short enough to sit on its first screen line.
fn start_of(question: &str) -> String {
    question.chars().take(30).collect()
}

fn stats(data: &Path) -> Value {
    let out = run(prepdeck(data).args(["stats", "--json", "--level", "beginner"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("stats --json prints JSON")
}

#[test]
fn marks_are_saved_and_the_next_start_resumes_on_the_same_card() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let total = questions.len();
    assert!(total >= 4);

    let started = Instant::now();
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_all(&[&start_of(&questions[0]), &format!("0 / {total} seen")]);
    eprintln!(
        "startup to first card on screen (debug build, pty): {:?}",
        started.elapsed()
    );
    // Colour is on without NO_COLOR, on screen and in the bytes, so the
    // NO_COLOR test's checks can tell the difference.
    assert!(has_colour(pty.screen()));
    assert!(sgr_parameters(&pty.raw).iter().any(|p| is_colour(p)));

    pty.send(" ");
    pty.wait_for("the answer", |s| {
        !s.contents().contains("Say your answer") && s.contents().contains("1 knew")
    });
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "Knew 1 · Learnt 0 · Skipped 0"]);
    pty.send("2");
    pty.wait_all(&[&start_of(&questions[2]), "Knew 1 · Learnt 1 · Skipped 0"]);
    pty.send("3");
    pty.wait_all(&[
        &start_of(&questions[3]),
        "Knew 1 · Learnt 1 · Skipped 1",
        &format!("3 / {total} seen"),
    ]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let stats = stats(data.path());
    assert_eq!(stats["total"], total);
    assert_eq!(stats["knew"], 1);
    assert_eq!(stats["learnt"], 1);
    assert_eq!(stats["skipped"], 1);
    assert_eq!(stats["unseen"], total - 3);

    // No subcommand and no filter: the last session goes on.
    let mut pty = Pty::spawn(data.path(), &[], &[]);
    pty.wait_all(&[
        &start_of(&questions[3]),
        "Knew 1 · Learnt 1 · Skipped 1",
        &format!("3 / {total} seen"),
        &format!("4 of {total}"),
    ]);
    pty.send("\x1b");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    // The same filter named again resumes too.
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_all(&[&start_of(&questions[3]), "Knew 1 · Learnt 1 · Skipped 1"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    // Another level drilled in between keeps the beginner session: naming
    // the beginner level again lands on the same card.
    let advanced = questions_of(data.path(), "advanced");
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "advanced"], &[]);
    pty.wait_all(&[&start_of(&advanced[0]), "Knew 0 · Learnt 0 · Skipped 0"]);
    pty.send("1");
    pty.wait_all(&[&start_of(&advanced[1]), "Knew 1 · Learnt 0 · Skipped 0"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_all(&[
        &start_of(&questions[3]),
        "Knew 1 · Learnt 1 · Skipped 1",
        &format!("4 of {total}"),
    ]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn resizing_small_shows_a_message_and_back_restores_the_drill() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    pty.resize(8, 30);
    pty.wait_text("Terminal too small");
    pty.resize(2, 3);
    pty.resize(24, 80);
    pty.wait_all(&[&start_of(&questions[0]), "Knew 0 · Learnt 0 · Skipped 0"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    // While the drill cannot be seen, keys do nothing but quit: the marks
    // typed before the quit key (read in order from the same input) are
    // not recorded.
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    pty.resize(8, 30);
    pty.wait_text("q quits");
    pty.send("1 23u?q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    let counts = stats(data.path());
    assert_eq!(counts["unseen"], counts["total"], "{counts}");
}

#[test]
fn an_unusable_data_dir_stops_the_drill_before_it_takes_the_screen() {
    let dir = temp_dir();
    let file = dir.path().join("data");
    std::fs::write(&file, b"my notes").expect("write");
    let mut pty = Pty::spawn(&file, &["drill", "--level", "beginner"], &[]);
    assert_eq!(pty.wait_exit(), 1);
    // The message may wrap at the screen's edge, mid-word.
    let text = pty.text().replace('\n', "");
    assert!(
        text.contains("is not a directory; pass --data-dir with a directory"),
        "{text}"
    );
    let raw = String::from_utf8_lossy(&pty.raw);
    assert!(
        !raw.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
    pty.assert_restored();
    assert_eq!(std::fs::read(&file).expect("read"), b"my notes");
}

#[test]
fn a_broken_user_deck_is_skipped_and_the_drill_says_so() {
    let data = temp_dir();
    let decks = data.path().join("decks");
    std::fs::create_dir_all(&decks).expect("mkdir");
    std::fs::write(decks.join("mine.md"), "# Expert\n\n## Q?\n\nA.\n").expect("write");
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_all(&[
        "Decks with errors skipped: details on quit",
        "Knew 0 · Learnt 0 · Skipped 0",
    ]);
    // The notice lasts until the next key.
    pty.send("1");
    pty.wait_text("Knew 1");
    assert!(!pty.text().contains("Decks with errors"), "{}", pty.text());
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    // The error itself was printed before the drill took the screen, so it
    // is there again once the drill gives the screen back.
    let raw = String::from_utf8_lossy(&pty.raw).into_owned();
    assert!(raw.contains("mine.md:1:1: error"), "{raw:?}");
    assert!(pty.text().contains("mine.md:1:1: error"), "{}", pty.text());
}

#[test]
fn ctrl_c_mid_drill_restores_the_terminal_and_keeps_the_marks() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "Knew 1"]);
    pty.send(" ");
    pty.wait_text("1 knew");
    #[cfg(unix)]
    pty.assert_raw();
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    // The one check on raw bytes: the last thing written leaves the
    // alternate screen and shows the cursor.
    let tail = String::from_utf8_lossy(&pty.raw[pty.raw.len().saturating_sub(64)..]).into_owned();
    assert!(tail.ends_with("\x1b[?25h"), "{tail:?}");
    let leave = tail.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(!tail[leave..].contains("\x1b[?1049h"), "{tail:?}");
    assert_eq!(stats(data.path())["knew"], 1);
}

#[test]
fn a_panic_mid_drill_restores_the_terminal_and_keeps_the_marks() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: only debug builds can be made to panic on a key");
        return;
    }
    let data = temp_dir();
    let mut pty = Pty::spawn(
        data.path(),
        &["drill", "--level", "beginner"],
        &[("PREPDECK_PANIC_ON_KEY", "%"), ("RUST_BACKTRACE", "0")],
    );
    pty.wait_text("Knew 0");
    pty.send("2");
    pty.wait_text("Learnt 1");
    pty.send("%");
    assert_eq!(
        pty.wait_exit(),
        101,
        "a panic exits with Rust's panic status"
    );
    pty.assert_restored();
    // After the last exit from the alternate screen: the cursor shown, and
    // no way back in.
    let raw = String::from_utf8_lossy(&pty.raw).into_owned();
    let leave = raw.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(raw[leave..].contains("\x1b[?25h"), "{:?}", &raw[leave..]);
    assert!(!raw[leave..].contains("\x1b[?1049h"), "{:?}", &raw[leave..]);
    // The message lands on the normal screen, readable after the drill.
    assert!(
        pty.text()
            .contains("panic requested by PREPDECK_PANIC_ON_KEY"),
        "{}",
        pty.text()
    );
    assert_eq!(stats(data.path())["learnt"], 1);
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_marks() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let data = temp_dir();
        let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
        pty.wait_text("Skipped 0");
        pty.send("3");
        pty.wait_text("Skipped 1");
        let sent = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pty.pid().to_string())
            .status()
            .expect("run kill");
        assert!(sent.success());
        assert_eq!(pty.wait_exit(), code, "SIG{signal}");
        pty.assert_restored();
        let counts = stats(data.path());
        assert_eq!(counts["skipped"], 1, "SIG{signal}: {counts}");
    }
}

/// Whether any cell on screen has a foreground or background colour.
fn has_colour(screen: &vt100::Screen) -> bool {
    let (rows, cols) = screen.size();
    (0..rows.get()).any(|r| {
        (0..cols.get()).any(|c| {
            screen.cell(r, c).is_some_and(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
        })
    })
}

/// Whether any cell on screen satisfies `attribute`.
fn any_cell(screen: &vt100::Screen, attribute: impl Fn(&vt100::Cell) -> bool) -> bool {
    let (rows, cols) = screen.size();
    (0..rows.get()).any(|r| (0..cols.get()).any(|c| screen.cell(r, c).is_some_and(&attribute)))
}

/// The parameter lists of every SGR sequence (`ESC [ ... m`) in `bytes`.
fn sgr_parameters(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for piece in text.split("\x1b[").skip(1) {
        let params: String = piece
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';' || *c == ':')
            .collect();
        if piece[params.len()..].starts_with('m') {
            out.push(params);
        }
    }
    out
}

#[test]
fn no_color_shows_no_colour_but_keeps_bold_and_reverse() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(
        data.path(),
        &["drill", "--level", "beginner"],
        &[("NO_COLOR", "1")],
    );
    pty.wait_text(&start_of(&questions[0]));
    pty.send(" ");
    pty.wait_text("1 knew");
    pty.send("?");
    pty.wait_text("Keys");
    assert!(!has_colour(pty.screen()), "{}", pty.text());
    assert!(any_cell(pty.screen(), vt100::Cell::bold), "no bold text");
    assert!(
        any_cell(pty.screen(), vt100::Cell::inverse),
        "no reverse text"
    );
    pty.send("q");
    pty.wait_for("help closed", |s| !s.contents().contains("Keys"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    // No colour parameter anywhere in what was sent.
    for params in sgr_parameters(&pty.raw) {
        assert!(!is_colour(&params), "colour SGR {params:?}");
    }
}

/// Whether SGR parameters set a colour: 30-49 (with the 38;... and 48;...
/// forms) or 90-107.
fn is_colour(params: &str) -> bool {
    params
        .split([';', ':'])
        .filter_map(|p| p.parse::<u32>().ok())
        .any(|n| (30..=49).contains(&n) || (90..=107).contains(&n))
}

#[test]
fn drill_without_a_terminal_refuses_with_one_line_and_no_escape_codes() {
    let data = temp_dir();
    for args in [&["drill"][..], &[][..]] {
        let out = run(prepdeck(data.path()).args(args));
        assert_eq!(out.code, 2);
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(out.stderr.contains("prepdeck list"), "{}", out.stderr);
        assert!(!out.stderr.contains('\x1b'));
    }
}

#[test]
fn a_tag_filter_shows_in_the_header_and_all_drills_every_card_again() {
    let data = temp_dir();
    let mut pty = Pty::spawn(data.path(), &["drill", "--tag", "caching"], &[]);
    pty.wait_all(&["prepdeck · All decks · tag caching", "0 / "]);
    pty.send("1");
    pty.wait_text("Knew 1");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    // Without filters the tag session goes on, and says so.
    let mut pty = Pty::spawn(data.path(), &[], &[]);
    pty.wait_all(&["tag caching", "1 / ", "Knew 1"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    // --all drills every card, with the one mark counted.
    let total = run(prepdeck(data.path()).args(["list", "--json"]));
    let total = serde_json::from_str::<Value>(&total.stdout)
        .expect("JSON")
        .as_array()
        .map_or(0, Vec::len);
    let mut pty = Pty::spawn(data.path(), &["drill", "--all"], &[]);
    pty.wait_all(&[
        "prepdeck · All decks ",
        &format!("1 / {total} seen"),
        "Knew 1",
    ]);
    assert!(!pty.text().contains("tag caching"), "{}", pty.text());
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// The state letter of a process from `/proc` (`T` when stopped).
#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name in parentheses may hold spaces; the state follows it.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

#[cfg(target_os = "linux")]
fn send_signal(signal: &str, pid: u32) {
    let sent = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{signal} {pid}");
}

#[cfg(target_os = "linux")]
impl Pty {
    /// The drill's process id: the child itself, or under a job shell the
    /// shell's child (found in `/proc` once the shell has started it).
    fn drill_pid(&mut self) -> u32 {
        let shell = self.pid();
        if !self.shell {
            return shell;
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let child = std::fs::read_dir("/proc")
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                .find(|pid| parent_of(*pid) == Some(shell));
            if let Some(pid) = child {
                return pid;
            }
            assert!(Instant::now() < deadline, "the shell started no drill");
            self.pump(Instant::now() + Duration::from_millis(20));
        }
    }

    /// Waits until the drill is stopped and has given the terminal back.
    fn wait_suspended(&mut self) {
        let pid = self.drill_pid();
        let deadline = Instant::now() + DEADLINE;
        while process_state(pid) != Some('T') {
            assert!(
                Instant::now() < deadline,
                "not stopped (state {:?}); screen:\n{}",
                process_state(pid),
                self.text()
            );
            self.pump(Instant::now() + Duration::from_millis(20));
        }
        self.wait_for("the normal screen", |s| {
            !s.alternate_screen() && !s.hide_cursor()
        });
        self.assert_restored();
    }

    /// Resumes a suspended drill with `resume` and waits for it to be drawn
    /// again in full (the question's start among the bytes sent after the
    /// resume) with the terminal raw again.
    fn resume_and_wait(&mut self, question: &str, resume: impl FnOnce(&mut Pty)) {
        let from = self.raw.len();
        let pid = self.drill_pid();
        resume(self);
        let needle = start_of(question);
        let deadline = Instant::now() + DEADLINE;
        loop {
            let redrawn = String::from_utf8_lossy(&self.raw[from..]).contains(&needle);
            if redrawn && self.screen().alternate_screen() && self.text().contains(&needle) {
                break;
            }
            assert!(
                Instant::now() < deadline && !self.closed,
                "not redrawn after the resume; screen:\n{}",
                self.text()
            );
            self.pump(deadline);
        }
        assert_ne!(process_state(pid), Some('T'), "still stopped");
        self.assert_raw();
    }
}

/// The parent of a process, from `/proc`.
#[cfg(target_os = "linux")]
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// What `fg` in the job shell needs: a line.
#[cfg(target_os = "linux")]
fn fg(pty: &mut Pty) {
    pty.send("\n");
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_brings_the_drill_back() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let Some(mut pty) = Pty::spawn_as_job(data.path(), &["drill", "--level", "beginner"]) else {
        return;
    };
    pty.wait_text(&start_of(&questions[0]));
    pty.assert_raw();
    // Raw mode delivers Ctrl-Z as a key (0x1a), not as a signal.
    pty.send("\x1a");
    pty.wait_suspended();
    pty.wait_text("Stopped");
    pty.resume_and_wait(&questions[0], fg);
    // Keys work at once, without Enter: the drill is raw again.
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "Knew 1"]);
    // And a second time, from the answer side.
    pty.send(" ");
    pty.wait_text("1 knew");
    pty.send("\x1a");
    pty.wait_suspended();
    pty.resume_and_wait(&questions[1], fg);
    pty.send("2");
    pty.wait_all(&[&start_of(&questions[2]), "Learnt 1"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    let counts = stats(data.path());
    assert_eq!(
        (counts["knew"].as_u64(), counts["learnt"].as_u64()),
        (Some(1), Some(1)),
        "{counts}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn sigtstp_from_outside_suspends_and_fg_resumes_in_raw_mode() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let Some(mut pty) = Pty::spawn_as_job(data.path(), &["drill", "--level", "beginner"]) else {
        return;
    };
    pty.wait_text(&start_of(&questions[0]));
    let pid = pty.drill_pid();
    send_signal("TSTP", pid);
    pty.wait_suspended();
    pty.resume_and_wait(&questions[0], fg);
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "Knew 1"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    assert_eq!(stats(data.path())["knew"], 1);
}

/// Started with no shell above it (the drill leads its session, as in
/// `tmux new prepdeck`), nothing could bring a stopped drill back: Ctrl-Z
/// leaves it running and says why.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_without_a_job_shell_says_so_and_the_drill_goes_on() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    pty.send("\x1a");
    pty.wait_text("Not suspended: no shell to resume from");
    assert_ne!(process_state(pty.pid()), Some('T'));
    pty.assert_raw();
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "Knew 1"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(stats(data.path())["knew"], 1);
}

/// A SIGSTOP cannot be caught: the drill stops with the terminal raw, and
/// a shell would put the line back in cooked mode meanwhile. On SIGCONT
/// the drill takes raw mode again and redraws.
#[cfg(target_os = "linux")]
#[test]
fn after_sigstop_and_a_cooked_line_sigcont_takes_raw_mode_again() {
    use nix::sys::termios::{LocalFlags, SetArg, tcsetattr};
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    send_signal("STOP", pty.pid());
    let deadline = Instant::now() + DEADLINE;
    while process_state(pty.pid()) != Some('T') {
        assert!(Instant::now() < deadline, "not stopped");
        pty.pump(Instant::now() + Duration::from_millis(20));
    }
    // What a shell does when its job stops: cooked mode back.
    let mut termios = pty.master.get_termios().expect("the pty's termios");
    termios.local_flags |= LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG;
    let fd = pty.master.as_raw_fd().expect("the pty's descriptor");
    let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    tcsetattr(fd, SetArg::TCSANOW, &termios).expect("set cooked mode");
    pty.resume_and_wait(&questions[0], |p| send_signal("CONT", p.pid()));
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "Knew 1"]);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(stats(data.path())["knew"], 1);
}

#[test]
fn the_footer_offers_undo_only_once_there_is_a_mark_and_says_what_undo_did() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_all(&[&start_of(&questions[0]), "Space reveal"]);
    assert!(!pty.text().contains("u undo"), "{}", pty.text());
    pty.send("1");
    pty.wait_all(&[&start_of(&questions[1]), "u undo"]);
    pty.send("u");
    pty.wait_all(&[&start_of(&questions[0]), "Undid knew on: "]);
    pty.wait_for("no undo hint", |s| !s.contents().contains("u undo"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(stats(data.path())["knew"], 0);
}

#[test]
fn a_full_data_dir_stops_the_drill_before_it_takes_the_screen() {
    let Some(fs) = crate::common::SmallFs::mount("64k") else {
        return;
    };
    fs.fill();
    let mut pty = Pty::spawn(fs.path(), &["drill", "--level", "beginner"], &[]);
    assert_eq!(pty.wait_exit(), 1);
    let text = pty.text().replace('\n', "");
    assert!(
        text.contains(&format!(
            "data directory {} is not writable",
            fs.path().display()
        )),
        "{text}"
    );
    assert!(text.contains("No space left on device"), "{text}");
    let raw = String::from_utf8_lossy(&pty.raw);
    assert!(
        !raw.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
    pty.assert_restored();
}

#[test]
fn a_save_waiting_for_another_prepdeck_says_so_on_screen() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    // Another process holds the lock: this one, as far as the drill can tell.
    let lock = std::fs::File::open(data.path().join("progress.lock")).expect("the lock file");
    lock.lock().expect("take the lock");
    let held = Instant::now();
    pty.send("1");
    pty.wait_text("Waiting for another prepdeck to finish saving…");
    // Held for about two seconds in all, well within the save's patience.
    std::thread::sleep(Duration::from_secs(2).saturating_sub(held.elapsed()));
    lock.unlock().expect("release the lock");
    pty.wait_for("the notice to go", |s| {
        let text = s.contents();
        !text.contains("Waiting for another") && text.contains("Knew 1 · Learnt 0")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    assert_eq!(stats(data.path())["knew"], 1);
}

#[test]
fn a_save_that_fails_mid_drill_keeps_the_drill_open_and_is_retried() {
    let Some(fs) = crate::common::SmallFs::mount("256k") else {
        return;
    };
    let data = fs.path();
    let questions = beginner_questions(data);
    let mut pty = Pty::spawn(data, &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    fs.fill();
    pty.send("1");
    pty.wait_all(&[
        "Not saved (will retry): No space left on device",
        &start_of(&questions[1]),
    ]);
    pty.send("2");
    pty.wait_all(&["Not saved (will retry)", "Knew 1 · Learnt 1"]);
    fs.free();
    // Any key retries: help opens and the save goes through.
    pty.send("?");
    pty.wait_for("the notice to go", |s| !s.contents().contains("Not saved"));
    assert_eq!(stats(data)["knew"], 1);
    assert_eq!(stats(data)["learnt"], 1);
    pty.send("?");
    pty.wait_for("help to close", |s| !s.contents().contains("Esc closes"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn a_save_that_still_fails_at_quit_exits_non_zero_saying_the_marks_were_not_saved() {
    let Some(fs) = crate::common::SmallFs::mount("256k") else {
        return;
    };
    let data = fs.path();
    let questions = beginner_questions(data);
    let mut pty = Pty::spawn(data, &["drill", "--level", "beginner"], &[]);
    pty.wait_text(&start_of(&questions[0]));
    fs.fill();
    pty.send("1");
    pty.wait_text("Not saved (will retry)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 1);
    pty.assert_restored();
    let text = pty.text().replace('\n', "");
    assert!(
        text.contains("the marks of this sitting since the last save were not saved"),
        "{text}"
    );
    assert!(text.contains("No space left on device"), "{text}");
    fs.free();
    assert_eq!(stats(data)["knew"], 0);
}

#[test]
fn a_lock_held_at_start_is_said_before_the_drill_opens() {
    let data = temp_dir();
    let questions = beginner_questions(data.path());
    let lock = std::fs::File::create(data.path().join("progress.lock")).expect("the lock file");
    lock.lock().expect("take the lock");
    let mut pty = Pty::spawn(data.path(), &["drill", "--level", "beginner"], &[]);
    pty.wait_text("prepdeck: Waiting for another prepdeck to finish saving…");
    lock.unlock().expect("release the lock");
    pty.wait_text(&start_of(&questions[0]));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}
