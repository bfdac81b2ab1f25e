//! The event loop: draw, wait for a key or a resize, hand the key's command
//! to the app, and carry out the engine's effects (a save before the next
//! frame). A save that waits for another prepdeck says so on screen; a save
//! that fails leaves the drill open with the error in the footer and is
//! tried again on the next key, and once more at the end. Suspending (the
//! Ctrl-Z key or SIGTSTP) is the loop's own business, since it gives up the
//! terminal. The terminal itself is set up, restored, suspended and taken
//! back by `terminal.rs`.

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

/// Saves progress. The second argument is called (at most once) when the
/// save has to wait for another process; the loop then redraws the screen
/// with [`WAITING`] in the footer.
pub type SaveFn<'a> = dyn FnMut(&Progress, &mut dyn FnMut()) -> Result<(), SaveError> + 'a;

/// The footer's notice while a save waits for another process's lock.
pub const WAITING: &str = "Waiting for another prepdeck to finish saving…";

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
/// drawn. A failed save keeps the drill open (see [`carry_out`]); the drill
/// ends with [`RunError::Save`] only when the save made on the way out
/// fails too.
pub fn run(app: &mut App, save: &mut SaveFn<'_>) -> Result<Outcome, RunError> {
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
    let mut save = |progress: &Progress, waiting: &mut dyn FnMut()| {
        saving.store(true, Ordering::SeqCst);
        let result = save(progress, waiting);
        saving.store(false, Ordering::SeqCst);
        result
    };
    let result = drill_loop(&mut terminal, app, &mut save, &signals);
    drop(terminal);
    restore();
    result
}

fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    app.set_now(Timestamp::now());
    app.set_size(terminal.size()?);
    terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    Ok(())
}

fn drill_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    save: &mut SaveFn<'_>,
    signals: &Signals,
) -> Result<Outcome, RunError> {
    // Start listening for events (resizes included) before the first frame,
    // so a resize right after it is not lost.
    event::poll(Duration::ZERO).map_err(RunError::Terminal)?;
    let mut dirty = true;
    let mut unsaved = false;
    loop {
        if let Some(signal) = signals.caught() {
            // The marks a failed save left in memory get one last try.
            if unsaved {
                save_now(app, save, &mut |_| {}).map_err(RunError::Save)?;
            }
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
            draw(terminal, app).map_err(RunError::Terminal)?;
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
                let mut redraw = |app: &mut App| {
                    // A frame that cannot be drawn now is drawn after the save.
                    let _ = draw(terminal, app);
                };
                if carry_out(app, &effects, &mut unsaved, save, &mut redraw)? {
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

/// Carries out one key's effects: saves when an effect asks for it or an
/// earlier save failed (`unsaved`), and returns whether the drill should
/// end. A failed save does not end the drill: the engine still holds the
/// marks, the footer shows why the save failed, `unsaved` is set, and the
/// next key tries again. On the way out a failed save is final: the error
/// is returned. `redraw` draws the app when a save waits for a lock, with
/// [`WAITING`] in the footer.
pub fn carry_out(
    app: &mut App,
    effects: &[Effect],
    unsaved: &mut bool,
    save: &mut SaveFn<'_>,
    redraw: &mut dyn FnMut(&mut App),
) -> Result<bool, RunError> {
    let quit = effects.contains(&Effect::Quit) || app.should_quit();
    if *unsaved || effects.iter().any(|e| e.needs_save()) {
        match save_now(app, save, redraw) {
            Ok(()) => *unsaved = false,
            Err(err) if quit => return Err(RunError::Save(err)),
            Err(err) => {
                *unsaved = true;
                app.notify(format!("Not saved (will retry): {}", root_cause(&*err)));
            }
        }
    }
    Ok(quit)
}

/// One save of what the engine holds; while it waits for a lock the app is
/// redrawn with [`WAITING`], which is taken down again once the save is done.
fn save_now(
    app: &mut App,
    save: &mut SaveFn<'_>,
    redraw: &mut dyn FnMut(&mut App),
) -> Result<(), SaveError> {
    let progress = app.engine().progress().clone();
    let before = app.notice().map(str::to_string);
    let mut waited = false;
    let result = save(&progress, &mut || {
        waited = true;
        app.notify(WAITING);
        redraw(app);
    });
    if waited {
        app.restore_notice(before);
    }
    result
}

/// The innermost cause, in words: what went wrong at the bottom ("No space
/// left on device"), short enough for the footer.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut inner = err;
    while let Some(source) = inner.source() {
        inner = source;
    }
    match inner.downcast_ref::<io::Error>() {
        Some(io) => crate::text::io_message(io),
        None => inner.to_string(),
    }
}
