//! The terminal around the app: raw mode and the alternate screen, and
//! putting them back however the drill ends: quit, an error, a panic,
//! SIGTERM, SIGHUP, SIGINT, or a terminal that went away (the watchdog).

use std::io::{self, IsTerminal, Write};
#[cfg(unix)]
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

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

/// Signals that end the drill cleanly, registered for the drill's lifetime.
pub(super) struct Signals {
    pub(super) caught: Arc<AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    pub(super) fn register() -> io::Result<Signals> {
        let caught = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        {
            use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
            let mut ids = Vec::new();
            for signal in [SIGTERM, SIGHUP, SIGINT] {
                let value = usize::try_from(signal).unwrap_or(1);
                ids.push(signal_hook::flag::register_usize(
                    signal,
                    Arc::clone(&caught),
                    value,
                )?);
            }
            Ok(Signals { caught, ids })
        }
        #[cfg(not(unix))]
        Ok(Signals { caught })
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
    pub(super) fn start(caught: Arc<AtomicUsize>, saving: Arc<AtomicBool>) -> Watchdog {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("prepdeck-watchdog".into())
            .spawn(move || watch(&caught, &saving, &stopped))
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

fn watch(caught: &AtomicUsize, saving: &AtomicBool, stop: &AtomicBool) {
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

/// Leaves raw mode and the alternate screen and shows the cursor; errors
/// are ignored (after SIGHUP there may be no terminal left to write to).
pub(super) fn restore() {
    let _ = ratatui::try_restore();
    let mut out = io::stdout();
    let _ = execute!(out, Show);
    let _ = out.flush();
}
