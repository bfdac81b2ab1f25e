//! The terminal session around the app: raw mode and the alternate screen,
//! the event loop, carrying out the engine's effects (a save before the next
//! frame), and putting the terminal back however the drill ends: quit,
//! Ctrl-C, an error, a panic, SIGTERM, SIGHUP or SIGINT.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

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

/// How a drill ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// A signal asked the process to stop; the number is the signal.
    Signal(i32),
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
    install_cursor_hook();
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            restore();
            return Err(RunError::Terminal(err));
        }
    };
    let result = drill_loop(&mut terminal, app, save, &signals);
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
    let needs_save = effects
        .iter()
        .any(|e| matches!(e, Effect::SaveProgress | Effect::SaveSession));
    if needs_save {
        save(app.engine().progress()).map_err(RunError::Save)?;
    }
    Ok(effects.contains(&Effect::Quit) || app.should_quit())
}
