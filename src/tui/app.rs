//! The drill's screen state: the engine plus what only the screen cares about
//! (answer scroll, help overlay, the reset question, a one-line notice).
//! Handlers are named for what they do and return the engine's effects for
//! the caller to carry out, so the whole app runs in tests without a terminal.

use jiff::Timestamp;
use ratatui::layout::Size;

use super::keymap::{Action, Context};
use super::theme::Theme;
use crate::deck::Level;
use crate::engine::{self, Effect, Engine, Filter, Mark, Phase};

/// The drill as the screen sees it.
pub struct App {
    pub(super) engine: Engine,
    /// Deck ids and titles, for the header.
    decks: Vec<(String, String)>,
    pub(super) theme: Theme,
    /// The terminal size the screen was last drawn at.
    pub(super) size: Size,
    /// The time the screen shows (the summary's time spent).
    pub(super) now: Timestamp,
    /// First answer line shown.
    pub(super) scroll: usize,
    pub(super) help: bool,
    pub(super) help_scroll: usize,
    pub(super) confirm_reset: bool,
    /// A short message in the footer until the next key.
    pub(super) notice: Option<String>,
    quit: bool,
}

impl App {
    /// An app around a started or resumed engine.
    pub fn new(engine: Engine, decks: Vec<(String, String)>, theme: Theme) -> App {
        App {
            engine,
            decks,
            theme,
            size: Size::new(80, 24),
            now: Timestamp::UNIX_EPOCH,
            scroll: 0,
            help: false,
            help_scroll: 0,
            confirm_reset: false,
            notice: None,
            quit: false,
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn set_size(&mut self, size: Size) {
        self.size = size;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    pub fn set_now(&mut self, now: Timestamp) {
        self.now = now;
    }

    /// Shows a message in the footer until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some(crate::text::one_line(&message.into()));
    }

    /// Which screen is in front, for the key table.
    pub fn context(&self) -> Context {
        if self.too_small() {
            Context::TooSmall
        } else if self.confirm_reset {
            Context::ConfirmReset
        } else if self.help {
            Context::Help
        } else if self.engine.is_empty() {
            Context::Empty
        } else {
            match self.engine.phase() {
                Phase::Question => Context::Question,
                Phase::Answer => Context::Answer,
                Phase::Finished => Context::Summary,
            }
        }
    }

    /// Whether the terminal is below the smallest size the drill draws at.
    pub fn too_small(&self) -> bool {
        self.size.width < super::view::MIN_WIDTH || self.size.height < super::view::MIN_HEIGHT
    }

    /// The header's title: the one deck drilled, "N decks" or "All decks",
    /// then the tags drilled, if any (levels have their chips).
    pub fn title(&self) -> String {
        let filter = self.engine.filter();
        let only = match (filter.decks.as_slice(), self.decks.as_slice()) {
            ([one], _) => Some(one.as_str()),
            (_, [(one, _)]) => Some(one.as_str()),
            _ => None,
        };
        let decks = match only.and_then(|id| self.deck_title(id)) {
            Some(title) => title.to_string(),
            None if filter.decks.len() > 1 => format!("{} decks", filter.decks.len()),
            None => "All decks".to_string(),
        };
        if filter.tags.is_empty() {
            decks
        } else {
            format!("{decks} · tag {}", filter.tags.join(" or "))
        }
    }

    /// The title of the deck with this id.
    pub fn deck_title(&self, id: &str) -> Option<&str> {
        self.decks
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, title)| title.as_str())
    }

    /// Carries out one action; returns what the caller must do (save, quit).
    pub fn apply(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        self.now = now;
        self.notice = None;
        match action {
            Action::Reveal => self.reveal(now),
            Action::MarkKnew => self.mark(Mark::Knew, now),
            Action::MarkLearnt => self.mark(Mark::Learnt, now),
            Action::MarkSkipped => self.mark(Mark::Skipped, now),
            Action::Undo => self.undo(now),
            Action::PreviousCard => self.move_to(engine::Action::Previous, now),
            Action::NextCard => self.move_to(engine::Action::Next, now),
            Action::ScrollUp => self.scroll_by(-1),
            Action::ScrollDown => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-self.page()),
            Action::PageDown => self.scroll_by(self.page()),
            Action::ScrollTop => self.scroll_by(isize::MIN),
            Action::ScrollBottom => self.scroll_by(isize::MAX),
            Action::ToggleLevel(level) => self.toggle_level(level, now),
            Action::DrillSkippedAgain => self.move_to(engine::Action::DrillSkipped, now),
            Action::DrillLearntAgain => self.move_to(engine::Action::DrillLearnt, now),
            Action::AskReset => self.ask_reset(),
            Action::ConfirmReset => self.reset_filtered(now),
            Action::CancelReset => {
                self.confirm_reset = false;
                Vec::new()
            }
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
                Vec::new()
            }
            Action::CloseHelp => {
                self.help = false;
                Vec::new()
            }
            Action::Quit => self.quit(now),
        }
    }

    fn reveal(&mut self, now: Timestamp) -> Vec<Effect> {
        self.scroll = 0;
        self.engine.apply(engine::Action::Reveal, now)
    }

    fn mark(&mut self, mark: Mark, now: Timestamp) -> Vec<Effect> {
        self.scroll = 0;
        self.engine.apply(engine::Action::Mark(mark), now)
    }

    fn undo(&mut self, now: Timestamp) -> Vec<Effect> {
        if !self.engine.can_undo() {
            self.notify("Nothing to undo in this pass");
            return Vec::new();
        }
        self.scroll = 0;
        self.engine.apply(engine::Action::Undo, now)
    }

    fn move_to(&mut self, action: engine::Action, now: Timestamp) -> Vec<Effect> {
        self.scroll = 0;
        self.engine.apply(action, now)
    }

    fn ask_reset(&mut self) -> Vec<Effect> {
        if self
            .engine
            .choices()
            .contains(&engine::Choice::ResetFiltered)
        {
            self.confirm_reset = true;
        }
        Vec::new()
    }

    fn reset_filtered(&mut self, now: Timestamp) -> Vec<Effect> {
        self.confirm_reset = false;
        self.scroll = 0;
        self.engine.apply(engine::Action::ResetFiltered, now)
    }

    fn quit(&mut self, now: Timestamp) -> Vec<Effect> {
        self.quit = true;
        self.engine.apply(engine::Action::Quit, now)
    }

    /// Changes the level filter and rebuilds the queue; statuses, this
    /// sitting's tally, time spent and undo are kept. From all levels a
    /// level key narrows the drill to that level; after that each key turns
    /// its level on or off, and turning the last one off brings all back.
    fn toggle_level(&mut self, level: Level, now: Timestamp) -> Vec<Effect> {
        let old = self.engine.filter().clone();
        let mut levels = old.levels.clone();
        // From all levels, the key picks its level alone; otherwise it flips it.
        if levels.is_empty() || !levels.remove(&level) {
            levels.insert(level);
        }
        if levels.len() == Level::ALL.len() {
            levels.clear();
        }
        let filter = Filter { levels, ..old };
        self.scroll = 0;
        self.engine.set_filter(filter, now)
    }

    /// Levels shown as "on" in the header.
    pub fn level_on(&self, level: Level) -> bool {
        let levels = &self.engine.filter().levels;
        levels.is_empty() || levels.contains(&level)
    }

    fn page(&self) -> isize {
        let rows = if self.help {
            usize::from(self.size.height)
        } else {
            super::view::answer_rows(self)
        };
        isize::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Scrolls the help overlay or the answer by `delta` lines, clamped.
    fn scroll_by(&mut self, delta: isize) -> Vec<Effect> {
        if self.help {
            let max = super::help::max_scroll(self);
            self.help_scroll = self.help_scroll.saturating_add_signed(delta).min(max);
        } else {
            let max = self.max_scroll();
            self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        }
        Vec::new()
    }

    /// The furthest the answer can scroll at the current size.
    pub fn max_scroll(&self) -> usize {
        super::view::answer_overflow(self)
    }
}
