//! The screens, one module each, and the two lists that route to them: the
//! main screen in front (the card, the summary, the empty filter) and an
//! optional overlay over it (the help, the reset question). A screen owns
//! its state, answers the commands of its key context, names its hints and
//! draws its body; the header and footer are parts it shares (`parts/`).
//!
//! Adding a screen is a module with a type that implements [`Screen`] and
//! one line in `Main` or `Overlay` below; `app.rs` only routes. The "too
//! small" message is not in the lists: it stands in for any screen while
//! the terminal is below the smallest size (`too_small.rs`).

pub(super) mod card;
pub(super) mod confirm;
pub(super) mod empty;
pub(super) mod help;
pub(super) mod summary;
pub(super) mod too_small;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};

use super::drill::Drill;
use super::keymap::{self, Command, Context, Hint};
use super::theme::Theme;
use crate::engine::{Effect, Engine, Phase};

/// What a screen reads when it draws.
pub(super) struct View<'a> {
    pub drill: &'a Drill,
    pub theme: &'a Theme,
    /// The whole terminal.
    pub size: Size,
}

/// What a screen may change when it answers a command.
pub(super) struct Input<'a> {
    pub drill: &'a mut Drill,
    pub theme: &'a Theme,
    pub size: Size,
    pub now: Timestamp,
}

/// What the router does after a command, besides the engine's effects.
pub(super) enum Then {
    Stay,
    Open(Overlay),
    Close,
}

/// A screen's answer to a command.
pub(super) struct Reply {
    pub effects: Vec<Effect>,
    pub then: Then,
}

impl Reply {
    pub fn none() -> Reply {
        Reply::effects(Vec::new())
    }

    pub fn effects(effects: Vec<Effect>) -> Reply {
        Reply {
            effects,
            then: Then::Stay,
        }
    }

    pub fn open(overlay: Overlay) -> Reply {
        Reply {
            effects: Vec::new(),
            then: Then::Open(overlay),
        }
    }

    pub fn close(effects: Vec<Effect>) -> Reply {
        Reply {
            effects,
            then: Then::Close,
        }
    }
}

/// One screen: its key context, its commands, its hints and its body.
pub(super) trait Screen {
    /// The key context the screen is in now.
    fn context(&self, drill: &Drill) -> Context;
    /// Carries out a command of that context.
    fn handle(&mut self, command: Command, input: Input<'_>) -> Reply;
    /// Draws the screen's body (an overlay: over the whole `area`).
    fn render(&self, view: &View<'_>, area: Rect, buf: &mut Buffer);
    /// The footer hints, as the key table gives them for the context.
    fn hints(&self, view: &View<'_>) -> Vec<Hint> {
        keymap::hints(self.context(view.drill))
    }
}

/// An enum of screens that is itself a screen, by delegation.
macro_rules! screen_list {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident($ty:ty),)* }) => {
        $(#[$meta])*
        $vis enum $name { $($variant($ty),)* }

        impl Screen for $name {
            fn context(&self, drill: &Drill) -> Context {
                match self { $($name::$variant(s) => s.context(drill),)* }
            }
            fn handle(&mut self, command: Command, input: Input<'_>) -> Reply {
                match self { $($name::$variant(s) => s.handle(command, input),)* }
            }
            fn render(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
                match self { $($name::$variant(s) => s.render(view, area, buf),)* }
            }
            fn hints(&self, view: &View<'_>) -> Vec<Hint> {
                match self { $($name::$variant(s) => s.hints(view),)* }
            }
        }
    };
}

screen_list! {
    /// The screen in front.
    pub(super) enum Main {
        Card(card::CardScreen),
        Summary(summary::SummaryScreen),
        Empty(empty::EmptyScreen),
    }
}

screen_list! {
    /// A screen over the main one, until it closes.
    pub(super) enum Overlay {
        Help(help::HelpOverlay),
        ConfirmReset(confirm::ConfirmReset),
    }
}

impl Main {
    /// The drill screen for where the engine is.
    pub(super) fn for_engine(engine: &Engine) -> Main {
        if engine.is_empty() {
            Main::Empty(empty::EmptyScreen)
        } else if engine.phase() == Phase::Finished {
            Main::Summary(summary::SummaryScreen)
        } else {
            Main::Card(card::CardScreen::default())
        }
    }

    /// After a command, the drill screens follow the engine: the card gives
    /// way to the summary when the queue runs out, and back. A screen that
    /// is still the right one keeps its state.
    pub(super) fn follow(&mut self, engine: &Engine) {
        let next = Main::for_engine(engine);
        if std::mem::discriminant(self) != std::mem::discriminant(&next) {
            *self = next;
        }
    }
}
