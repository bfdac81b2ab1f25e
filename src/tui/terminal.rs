//! The terminal around the app: raw mode and the alternate screen, and
//! putting them back however the drill ends: quit, an error, a panic,
//! SIGTERM, SIGHUP, SIGINT, or a terminal that went away (the watchdog).
//!
//! Suspending (Ctrl-Z, which raw mode delivers as a key, or SIGTSTP from
//! outside) gives the terminal back first, then stops the process with the
//! stop signal's default action; on SIGCONT (`fg`) raw mode and the
//! alternate screen are taken again and the whole screen is redrawn. A
//! SIGCONT that comes without our own stop (after a SIGSTOP from outside,
//! the shell may have put the terminal back in cooked mode) takes the
//! terminal again as well.
//!
//! A stop only makes sense when a shell with job control can bring the
//! drill back. When the drill runs in its session leader's process group
//! (started straight by a terminal window, `tmux new prepdeck`, `ssh -t
//! host prepdeck`), no one could, and the kernel itself ignores a
//! terminal's stop in such an orphaned group; the drill then stays and says
//! why. This check reads `/proc`, so it is made on Linux only.

use std::io::{self, IsTerminal, Write};
#[cfg(unix)]
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;

/// How often the watchdog looks at the terminal and the signal flag.
const WATCH: Duration = Duration::from_millis(200);

/// How long the loop has to end by itself once a signal came or the
/// terminal went away, before the watchdog ends the process.
const GRACE: Duration = Duration::from_secs(1);

/// The signal number a vanished terminal is reported as: a hangup.
#[cfg(unix)]
const HANGUP: usize = signal_hook::consts::signal::SIGHUP as usize;
#[cfg(not(unix))]
const HANGUP: usize = 1;

/// The exit status for a drill ended by `signal`: 128 + its number, as
/// shells report a process a signal stopped.
pub fn signal_exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal.clamp(0, 127)).unwrap_or(1)
}

/// Signals the drill answers, registered for the drill's lifetime: those
/// that end it cleanly, the stop request (SIGTSTP) and SIGCONT.
pub(super) struct Signals {
    pub(super) caught: Arc<AtomicUsize>,
    /// SIGTSTP came: suspend at the next turn of the loop.
    stop: Arc<AtomicBool>,
    /// SIGCONT came: take the terminal again and redraw.
    continued: Arc<AtomicBool>,
    /// Set while the terminal is given back for a suspend, so the
    /// watchdog leaves a stopped drill alone.
    pub(super) suspended: Arc<AtomicBool>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    pub(super) fn register() -> io::Result<Signals> {
        let caught = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let continued = Arc::new(AtomicBool::new(false));
        let suspended = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
            let mut ids = Vec::new();
            for signal in [SIGTERM, SIGHUP, SIGINT] {
                let value = usize::try_from(signal).unwrap_or(1);
                ids.push(signal_hook::flag::register_usize(
                    signal,
                    Arc::clone(&caught),
                    value,
                )?);
            }
            ids.push(signal_hook::flag::register(SIGTSTP, Arc::clone(&stop))?);
            ids.push(signal_hook::flag::register(
                SIGCONT,
                Arc::clone(&continued),
            )?);
            Ok(Signals {
                caught,
                stop,
                continued,
                suspended,
                ids,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {
            caught,
            stop,
            continued,
            suspended,
        })
    }

    /// Whether SIGTSTP asked for a suspend since the last call.
    pub(super) fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::SeqCst)
    }

    /// Whether SIGCONT came since the last call.
    pub(super) fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }

    pub(super) fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            n => Some(i32::try_from(n).unwrap_or(i32::MAX)),
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        #[cfg(unix)]
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Ends the process when the drill loop cannot. Once the terminal is gone
/// (its window closed, an ssh connection dropped), crossterm's `poll` spins
/// on a descriptor that is always readable and never returns, timeout or
/// not, so the loop never sees a signal flag. A hangup may not even arrive:
/// the kernel sends it to the session leader, which is often the shell
/// that started prepdeck, not prepdeck.
///
/// So a thread checks, a few times a second, whether standard input is
/// still a terminal (a hung-up one is not) and whether a signal came. When
/// either holds and the loop has not ended within [`GRACE`], and no save is
/// under way, it restores what it can and exits with 128 + the signal.
/// Every mark is saved before the next frame, so nothing marked is lost.
pub(super) struct Watchdog {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    pub(super) fn start(
        caught: Arc<AtomicUsize>,
        saving: Arc<AtomicBool>,
        suspended: Arc<AtomicBool>,
    ) -> Watchdog {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("prepdeck-watchdog".into())
            .spawn(move || watch(&caught, &saving, &suspended, &stopped))
            .ok();
        Watchdog { stop, thread }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

fn watch(caught: &AtomicUsize, saving: &AtomicBool, suspended: &AtomicBool, stop: &AtomicBool) {
    // Its own handle on standard output: `main` holds `io::stdout()`'s lock
    // for the whole run, so the watchdog must never wait for it.
    #[cfg(unix)]
    let mut out: Option<std::fs::File> = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::fs::File::from);
    #[cfg(not(unix))]
    let mut out: Option<std::fs::File> = None;
    let mut since: Option<Instant> = None;
    while !stop.load(Ordering::SeqCst) {
        std::thread::park_timeout(WATCH);
        if stop.load(Ordering::SeqCst) {
            return;
        }
        // A suspended drill has given the terminal back on purpose and may
        // stay stopped for hours: that is neither a lost terminal nor a
        // loop that hangs. The grace starts again once it is back.
        if suspended.load(Ordering::SeqCst) {
            since = None;
            continue;
        }
        if !io::stdin().is_terminal() {
            let _ = caught.compare_exchange(0, HANGUP, Ordering::SeqCst, Ordering::SeqCst);
        }
        let signal = caught.load(Ordering::SeqCst);
        if signal == 0 {
            continue;
        }
        let first = *since.get_or_insert_with(Instant::now);
        if first.elapsed() >= GRACE && !saving.load(Ordering::SeqCst) {
            restore_without_locks(out.as_mut());
            let signal = i32::try_from(signal).unwrap_or(i32::MAX);
            std::process::exit(i32::from(signal_exit_code(signal)));
        }
    }
}

/// The watchdog's restore, on its own output handle, with errors ignored:
/// raw mode off (a terminal setting, no output), then the alternate screen
/// left and the cursor shown. On a terminal that is gone, each step fails
/// at once.
fn restore_without_locks(out: Option<&mut std::fs::File>) {
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    if let Some(out) = out {
        use ratatui::crossterm::terminal::LeaveAlternateScreen;
        let _ = ratatui::crossterm::queue!(out, LeaveAlternateScreen, Show);
        let _ = out.flush();
    }
}

/// Shows the cursor on panic. Installed before ratatui's hook, which wraps
/// it: the terminal is restored first, then the cursor shown, then the
/// panic message printed on the normal screen.
pub(super) fn install_cursor_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), Show);
        previous(info);
    }));
}

/// Whether a stop could be undone: some process outside our process group
/// but in our session (a job-control shell) can continue us. On Linux our
/// group is checked against the session's; elsewhere a stop is assumed
/// to be fine.
pub(super) fn can_suspend() -> bool {
    #[cfg(target_os = "linux")]
    {
        let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
            return true;
        };
        // After the command name in parentheses: state, ppid, pgrp, session.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        match (fields.get(2), fields.get(3)) {
            (Some(group), Some(session)) => group != session,
            _ => true,
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        cfg!(unix)
    }
}

/// Suspends the drill: gives the terminal back, stops the process as
/// SIGTSTP's default action would (signal-hook raises SIGSTOP, since our
/// own SIGTSTP handler is in the way), and once continued takes the
/// terminal again. The watchdog is told to wait meanwhile.
pub(super) fn suspend(terminal: &mut DefaultTerminal, signals: &Signals) -> io::Result<()> {
    signals.suspended.store(true, Ordering::SeqCst);
    restore();
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    // Continued: the SIGCONT that woke us is answered here.
    let _ = signals.take_continued();
    let result = take_back(terminal);
    signals.suspended.store(false, Ordering::SeqCst);
    result
}

/// Raw mode and the alternate screen again, after a stop, with the
/// last frame forgotten so the next frame redraws everything.
/// Raw mode is left first: crossterm skips enabling it when it thinks it
/// is on, and a shell may have put the line back in cooked mode behind
/// its back (a SIGSTOP from outside).
pub(super) fn take_back(terminal: &mut DefaultTerminal) -> io::Result<()> {
    use ratatui::crossterm::cursor::Hide;
    use ratatui::crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)?;
    // A resize to the current size clears the screen and forgets the last
    // frame (`clear` would ask the terminal where its cursor is first, and
    // not every terminal answers).
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Leaves raw mode and the alternate screen and shows the cursor; errors
/// are ignored (after SIGHUP there may be no terminal left to write to).
pub(super) fn restore() {
    let _ = ratatui::try_restore();
    let mut out = io::stdout();
    let _ = execute!(out, Show);
    let _ = out.flush();
}
