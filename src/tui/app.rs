//! The app: the drill under way plus the screen in front and an optional
//! overlay, and the routing between them. A key's command goes to the
//! overlay when one is open, otherwise to the main screen; the few commands
//! that act on the whole drill (quit, help, the level keys) are routed
//! here. Handlers return the engine's effects for the caller to carry out,
//! so the whole app runs in tests without a terminal.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;

use super::drill::Drill;
use super::keymap::{Command, Context};
use super::parts::{self, MIN_HEIGHT, MIN_WIDTH};
use super::screens::{self, Input, Main, Overlay, Screen, Then, View};
use super::theme::Theme;
use crate::deck::Level;
use crate::engine::{Action, Effect, Engine};

/// The drill as the terminal sees it.
pub struct App {
    drill: Drill,
    screen: Main,
    overlay: Option<Overlay>,
    theme: Theme,
    /// The terminal size the screen was last drawn at.
    size: Size,
    quit: bool,
}

impl App {
    /// An app around a started or resumed engine.
    pub fn new(engine: Engine, decks: Vec<(String, String)>, theme: Theme) -> App {
        App {
            screen: Main::for_engine(&engine),
            drill: Drill::new(engine, decks),
            overlay: None,
            theme,
            size: Size::new(80, 24),
            quit: false,
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.drill.engine
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn set_size(&mut self, size: Size) {
        self.size = size;
        if let Main::Card(card) = &mut self.screen {
            card.clamp_scroll(&self.drill, &self.theme, size);
        }
    }

    pub fn set_now(&mut self, now: Timestamp) {
        self.drill.now = now;
    }

    /// Shows a message in the footer until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.drill.notify(message);
    }

    /// Puts back the footer's message as it was before a passing notice
    /// (such as the one shown while a save waits).
    pub fn restore_notice(&mut self, notice: Option<String>) {
        self.drill.notice = notice;
    }

    /// The footer's message, if any.
    pub fn notice(&self) -> Option<&str> {
        self.drill.notice.as_deref()
    }

    /// Levels shown as "on" in the header.
    pub fn level_on(&self, level: Level) -> bool {
        self.drill.level_on(level)
    }

    /// The first answer line shown (0 off the card screen).
    pub fn scroll(&self) -> usize {
        match &self.screen {
            Main::Card(card) => card.scroll,
            _ => 0,
        }
    }

    /// The furthest the answer can scroll at the current size.
    pub fn max_scroll(&self) -> usize {
        match &self.screen {
            Main::Card(card) => card.max_scroll(&self.drill, &self.theme, self.size),
            _ => 0,
        }
    }

    /// Whether the terminal is below the smallest size the drill draws at.
    pub fn too_small(&self) -> bool {
        self.size.width < MIN_WIDTH || self.size.height < MIN_HEIGHT
    }

    /// Which key context is in front.
    pub fn context(&self) -> Context {
        if self.too_small() {
            Context::TooSmall
        } else if let Some(overlay) = &self.overlay {
            overlay.context(&self.drill)
        } else {
            self.screen.context(&self.drill)
        }
    }

    /// Carries out one command; returns what the caller must do (save, quit).
    pub fn apply(&mut self, command: Command, now: Timestamp) -> Vec<Effect> {
        self.drill.now = now;
        self.drill.notice = None;
        let effects = match command {
            Command::Quit => {
                self.quit = true;
                self.drill.engine.apply(Action::Quit, now)
            }
            Command::ToggleHelp if self.overlay.is_none() => {
                self.overlay = Some(Overlay::Help(screens::help::HelpOverlay::default()));
                Vec::new()
            }
            Command::ToggleLevel(level) if self.overlay.is_none() => {
                // A new selection: the card screen starts afresh.
                self.screen = Main::for_engine(&self.drill.engine);
                self.drill.toggle_level(level, now)
            }
            _ => {
                let input = Input {
                    drill: &mut self.drill,
                    theme: &self.theme,
                    size: self.size,
                    now,
                };
                let reply = match &mut self.overlay {
                    Some(overlay) => overlay.handle(command, input),
                    None => self.screen.handle(command, input),
                };
                match reply.then {
                    Then::Stay => {}
                    Then::Open(overlay) => self.overlay = Some(overlay),
                    Then::Close => self.overlay = None,
                }
                reply.effects
            }
        };
        self.screen.follow(&self.drill.engine);
        effects
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            screens::too_small::render(&self.theme, area, buf);
            return;
        }
        let view = View {
            drill: &self.drill,
            theme: &self.theme,
            size: Size::new(area.width, area.height),
        };
        let [header, body, footer] = parts::split(area);
        parts::header::render(&self.drill, &self.theme, header, buf);
        self.screen.render(&view, body, buf);
        let hints = match &self.overlay {
            Some(overlay) => overlay.hints(&view),
            None => self.screen.hints(&view),
        };
        parts::footer::render(&self.drill, &self.theme, hints, footer, buf);
        if let Some(overlay) = &self.overlay {
            overlay.render(&view, area, buf);
        }
    }
}
