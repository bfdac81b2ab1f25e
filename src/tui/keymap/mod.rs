//! The keys, as data: one table (`bindings.rs`) maps keys to commands on
//! each screen, and the same table writes the footer hints, the help overlay
//! and every key named on screen, so what the screen says and what the keys
//! do cannot drift apart. The functions here are the only way to look a key
//! up.
//!
//! Choices: digits grade a card as in common flashcard tools (1 knew,
//! 2 learnt, 3 skip, plus `s` for skip); the end-of-queue choices that
//! start another pass are capitals (`S`, `L`), so a skip or next key
//! pressed once too often at the last card never starts a pass by
//! accident; `k` and `l` are left to vim motions (`j`/`k` scroll, `h`/`l` previous/next card), with arrows, PgUp/PgDn and
//! Home/End doing the same for everyone else; `b`/`i`/`a` filter levels:
//! from all levels the first key picks that level alone (the usual path is
//! "only beginner"), later keys turn levels on and off. Ctrl-Z suspends
//! everywhere: raw mode turns the terminal's own suspend key into a key
//! press, so the table has to name it.

mod bindings;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::deck::Level;
pub use bindings::BINDINGS;

/// Everything a key can ask for, named for what it does. (The engine's
/// `Action` is what a drill does to its cards; a command may be only a
/// screen's business, like scrolling.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Reveal,
    MarkKnew,
    MarkLearnt,
    MarkSkipped,
    Undo,
    PreviousCard,
    NextCard,
    ScrollUp,
    ScrollDown,
    PageUp,
    PageDown,
    ScrollTop,
    ScrollBottom,
    ToggleLevel(Level),
    DrillSkippedAgain,
    DrillLearntAgain,
    AskReset,
    ConfirmReset,
    CancelReset,
    ToggleHelp,
    CloseHelp,
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; `fg`
    /// resumes. Carried out by the event loop, not the app.
    Suspend,
    Quit,
}

/// Which screen is in front; a key means different things on each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// A card with its answer hidden.
    Question,
    /// A card with its answer shown.
    Answer,
    /// The queue is done.
    Summary,
    /// The filter matches no card.
    Empty,
    /// "Reset these cards?"
    ConfirmReset,
    /// The help overlay.
    Help,
    /// The terminal is below the smallest size the drill draws at: nothing
    /// is on screen to act on, so only quitting works.
    TooSmall,
}

/// A set of contexts (a bit each; room for 32).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contexts(u32);

impl Contexts {
    pub const QUESTION: Contexts = Contexts(1);
    pub const ANSWER: Contexts = Contexts(2);
    pub const SUMMARY: Contexts = Contexts(4);
    pub const EMPTY: Contexts = Contexts(8);
    pub const CONFIRM: Contexts = Contexts(16);
    pub const HELP: Contexts = Contexts(32);
    pub const TOO_SMALL: Contexts = Contexts(64);
    pub const CARD: Contexts = Contexts(1 | 2);
    pub const MAIN: Contexts = Contexts(1 | 2 | 4 | 8);
    pub const ANYWHERE: Contexts = Contexts(1 | 2 | 4 | 8 | 16 | 32 | 64);
    pub const NONE: Contexts = Contexts(0);

    pub const fn or(self, other: Contexts) -> Contexts {
        Contexts(self.0 | other.0)
    }

    pub fn contains(self, context: Context) -> bool {
        let bit = match context {
            Context::Question => Self::QUESTION,
            Context::Answer => Self::ANSWER,
            Context::Summary => Self::SUMMARY,
            Context::Empty => Self::EMPTY,
            Context::ConfirmReset => Self::CONFIRM,
            Context::Help => Self::HELP,
            Context::TooSmall => Self::TOO_SMALL,
        };
        self.0 & bit.0 != 0
    }
}

/// One key: a code and whether Ctrl is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(super) const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    /// Whether a key press is this key. Shift is ignored for characters
    /// (terminals report `G` and `?` with or without it); Ctrl and Alt must match.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let held = event.modifiers;
        if held.contains(KeyModifiers::ALT) || held.contains(KeyModifiers::CONTROL) != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b || (self.ctrl && a.eq_ignore_ascii_case(&b))
            }
            (a, b) => a == b && !held.contains(KeyModifiers::SHIFT),
        }
    }

    /// How the key is written on screen.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// Where a binding is listed in the help overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Card,
    Answer,
    Levels,
    Summary,
    General,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Card,
        Section::Answer,
        Section::Levels,
        Section::Summary,
        Section::General,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Card => "Card",
            Section::Answer => "Reading the answer",
            Section::Levels => "Levels (first press: that one only)",
            Section::Summary => "End of the queue",
            Section::General => "Anywhere",
        }
    }
}

/// How much a footer hint matters: when the footer is too narrow, the
/// lowest go first (the rightmost of equals first), and `Essential` hints
/// are never dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Normal,
    High,
    Essential,
}

/// One row of the key table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    /// Short word for the footer.
    pub hint: &'static str,
    /// Sentence for the help overlay.
    pub help: &'static str,
    pub contexts: Contexts,
    /// Shown in the footer (only in these contexts).
    pub footer: Contexts,
    pub priority: Priority,
    pub section: Section,
}

/// A footer hint: the first key of a binding and its word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub text: &'static str,
    pub command: Command,
    pub priority: Priority,
}

/// The command a key event asks for on this screen. Only presses count:
/// releases and repeats reported by some terminals are ignored.
pub fn command(event: KeyEvent, context: Context) -> Option<Command> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(context))
        .find(|b| b.keys.iter().any(|k| k.matches(&event)))
        .map(|b| b.command)
}

/// The footer hints for a screen, in table order.
pub fn hints(context: Context) -> Vec<Hint> {
    BINDINGS
        .iter()
        .filter(|b| b.footer.contains(context))
        .filter_map(binding_hint)
        .collect()
}

/// The hint for `command` on a screen, whether or not the footer shows it
/// by default (a screen may swap one hint for another).
pub fn hint(command: Command, context: Context) -> Option<Hint> {
    BINDINGS
        .iter()
        .find(|b| b.command == command && b.contexts.contains(context))
        .and_then(binding_hint)
}

fn binding_hint(b: &Binding) -> Option<Hint> {
    b.keys.first().map(|k| Hint {
        key: k.label(),
        text: b.hint,
        command: b.command,
        priority: b.priority,
    })
}

/// Every key of the binding for `command` on a screen, as written.
pub fn key_labels(command: Command, context: Context) -> Vec<String> {
    BINDINGS
        .iter()
        .find(|b| b.command == command && b.contexts.contains(context))
        .map(|b| b.keys.iter().map(Key::label).collect())
        .unwrap_or_default()
}

/// The first key of the binding for `command` on a screen, as written.
pub fn first_key(command: Command, context: Context) -> String {
    key_labels(command, context)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// The help overlay's rows: per section, every key of each binding and its
/// sentence. Bindings that repeat an action already listed are folded in.
pub fn help_rows() -> Vec<(Section, Vec<(String, &'static str)>)> {
    Section::ALL
        .into_iter()
        .map(|section| {
            let rows = BINDINGS
                .iter()
                .enumerate()
                .filter(|(_, b)| b.section == section)
                .filter(|(i, b)| !BINDINGS[..*i].iter().any(|e| e.command == b.command))
                .map(|(_, b)| {
                    let labels: Vec<String> = b.keys.iter().map(Key::label).collect();
                    (labels.join(" "), b.help)
                })
                .collect();
            (section, rows)
        })
        .collect()
}

#[cfg(test)]
mod tests;
