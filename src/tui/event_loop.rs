//! The event loop: draw, wait for a key or a resize, hand the key's command
//! to the app, and carry out the engine's effects (a save before the next
//! frame). Suspending (the Ctrl-Z key or SIGTSTP) is the loop's own
//! business, since it gives up the terminal. The terminal itself is set up,
//! restored, suspended and taken back by `terminal.rs`.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use super::app::App;
use super::keymap::{self, Command};
use super::terminal::{
    Signals, Watchdog, can_suspend, install_cursor_hook, restore, suspend, take_back,
};
use crate::engine::{Effect, Progress};

/// How often the loop wakes to look for signals while no key comes.
const TICK: Duration = Duration::from_millis(100);

/// Why a save failed, with its cause kept for the message.
pub type SaveError = Box<dyn std::error::Error + Send + Sync>;

/// How a drill ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// A signal asked the process to stop; the number is the signal.
    Signal(i32),
}

/// Why a drill stopped early. Each keeps its cause as its `source()`.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The terminal could not be set up, read or drawn.
    #[error("terminal")]
    Terminal(#[source] io::Error),
    /// Progress could not be saved; the cause says why.
    #[error("progress could not be saved")]
    Save(#[source] SaveError),
}

/// Runs the drill until the user quits or a signal arrives. `save` is
/// called for every effect that asks for a save, before the next frame is
/// drawn; a failed save ends the drill.
pub fn run(
    app: &mut App,
    save: &mut dyn FnMut(&Progress) -> Result<(), SaveError>,
) -> Result<Outcome, RunError> {
    let signals = Signals::register().map_err(RunError::Terminal)?;
    let saving = Arc::new(AtomicBool::new(false));
    let _watchdog = Watchdog::start(
        Arc::clone(&signals.caught),
        Arc::clone(&saving),
        Arc::clone(&signals.suspended),
    );
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
    save: &mut dyn FnMut(&Progress) -> Result<(), SaveError>,
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
        if signals.take_stop() {
            suspend_or_say_why(terminal, app, signals)?;
            dirty = true;
        }
        if signals.take_continued() {
            take_back(terminal).map_err(RunError::Terminal)?;
            dirty = true;
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
                let Some(command) = keymap::command(key, app.context()) else {
                    continue;
                };
                if command == Command::Suspend {
                    suspend_or_say_why(terminal, app, signals)?;
                    dirty = true;
                    continue;
                }
                let effects = app.apply(command, Timestamp::now());
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

/// Suspends when a shell can bring the drill back (see `terminal.rs`);
/// otherwise stays, with a notice saying why.
fn suspend_or_say_why(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &Signals,
) -> Result<(), RunError> {
    if can_suspend() {
        suspend(terminal, signals).map_err(RunError::Terminal)
    } else {
        app.notify("Not suspended: no shell to resume from");
        Ok(())
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
    save: &mut dyn FnMut(&Progress) -> Result<(), SaveError>,
) -> Result<bool, RunError> {
    let needs_save = effects.iter().any(|e| e.needs_save());
    if needs_save {
        save(app.engine().progress()).map_err(RunError::Save)?;
    }
    Ok(effects.contains(&Effect::Quit) || app.should_quit())
}
