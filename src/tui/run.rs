//! The terminal session around the app: raw mode and the alternate screen,
//! the event loop, carrying out the engine's effects (a save before the next
//! frame), and putting the terminal back however the drill ends: quit,
//! Ctrl-C, an error, a panic, SIGTERM, SIGHUP or SIGINT.

use std::io::{self, IsTerminal, Write};
#[cfg(unix)]
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;

use super::app::App;
use super::keymap;
use crate::engine::{Effect, Progress};

/// How often the loop wakes to look for signals while no key comes.
const TICK: Duration = Duration::from_millis(100);

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

/// How a drill ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// A signal asked the process to stop; the number is the signal.
    Signal(i32),
}

/// The exit status for a drill ended by `signal`: 128 + its number, as
/// shells report a process a signal stopped.
pub fn signal_exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal.clamp(0, 127)).unwrap_or(1)
}

/// Why a drill stopped early.
#[derive(Debug)]
pub enum RunError {
    /// The terminal could not be set up, read or drawn.
    Terminal(io::Error),
    /// Progress could not be saved; the message says why.
    Save(String),
}

/// Signals that end the drill cleanly, registered for the drill's lifetime.
struct Signals {
    caught: Arc<AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
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

    fn caught(&self) -> Option<i32> {
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
struct Watchdog {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    fn start(caught: Arc<AtomicUsize>, saving: Arc<AtomicBool>) -> Watchdog {
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
fn install_cursor_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), Show);
        previous(info);
    }));
}

/// Leaves raw mode and the alternate screen and shows the cursor; errors
/// are ignored (after SIGHUP there may be no terminal left to write to).
fn restore() {
    let _ = ratatui::try_restore();
    let mut out = io::stdout();
    let _ = execute!(out, Show);
    let _ = out.flush();
}

/// Runs the drill until the user quits or a signal arrives. `save` is
/// called for every effect that asks for a save, before the next frame is
/// drawn; a failed save ends the drill.
pub fn run(
    app: &mut App,
    save: &mut dyn FnMut(&Progress) -> Result<(), String>,
) -> Result<Outcome, RunError> {
    let signals = Signals::register().map_err(RunError::Terminal)?;
    let saving = Arc::new(AtomicBool::new(false));
    let _watchdog = Watchdog::start(Arc::clone(&signals.caught), Arc::clone(&saving));
    install_cursor_hook();
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            restore();
            return Err(RunError::Terminal(err));
        }
    };
    let mut save = |progress: &Progress| {
        saving.store(true, Ordering::SeqCst);
        let result = save(progress);
        saving.store(false, Ordering::SeqCst);
        result
    };
    let result = drill_loop(&mut terminal, app, &mut save, &signals);
    drop(terminal);
    restore();
    result
}

fn drill_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    save: &mut dyn FnMut(&Progress) -> Result<(), String>,
    signals: &Signals,
) -> Result<Outcome, RunError> {
    // Start listening for events (resizes included) before the first frame,
    // so a resize right after it is not lost.
    event::poll(Duration::ZERO).map_err(RunError::Terminal)?;
    let mut dirty = true;
    loop {
        if let Some(signal) = signals.caught() {
            return Ok(Outcome::Signal(signal));
        }
        if dirty {
            app.set_now(Timestamp::now());
            app.set_size(terminal.size().map_err(RunError::Terminal)?);
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .map_err(RunError::Terminal)?;
            dirty = false;
        }
        if !event::poll(TICK).map_err(RunError::Terminal)? {
            continue;
        }
        match event::read().map_err(RunError::Terminal)? {
            Event::Key(key) => {
                #[cfg(debug_assertions)]
                panic_on_request(&key);
                let Some(action) = keymap::action(key, app.context()) else {
                    continue;
                };
                let effects = app.apply(action, Timestamp::now());
                if carry_out(app, &effects, save)? {
                    return Ok(Outcome::Quit);
                }
                dirty = true;
            }
            Event::Resize(..) => dirty = true,
            _ => {}
        }
    }
}

/// Debug builds only: panics when the key named by `PREPDECK_PANIC_ON_KEY`
/// is pressed, so the end-to-end tests can check that a panic mid-drill
/// restores the terminal and keeps the marks. Release builds have no such
/// key.
#[cfg(debug_assertions)]
fn panic_on_request(key: &event::KeyEvent) {
    let Some(wanted) = std::env::var_os("PREPDECK_PANIC_ON_KEY") else {
        return;
    };
    if key.kind == event::KeyEventKind::Press
        && key.code == event::KeyCode::Char(wanted.to_string_lossy().chars().next().unwrap_or('\0'))
    {
        panic!("panic requested by PREPDECK_PANIC_ON_KEY");
    }
}

/// Saves when an effect asks for it; returns whether the drill should end.
pub fn carry_out(
    app: &App,
    effects: &[Effect],
    save: &mut dyn FnMut(&Progress) -> Result<(), String>,
) -> Result<bool, RunError> {
    let needs_save = effects.iter().any(|e| e.needs_save());
    if needs_save {
        save(app.engine().progress()).map_err(RunError::Save)?;
    }
    Ok(effects.contains(&Effect::Quit) || app.should_quit())
}
