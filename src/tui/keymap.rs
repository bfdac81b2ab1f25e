//! The keys, as data: one table maps keys to actions on each screen, and the
//! same table writes the footer hints and the help overlay, so what the
//! screen says and what the keys do cannot drift apart.
//!
//! Choices: digits grade a card as in common flashcard tools (1 knew,
//! 2 learnt, 3 skip, plus `s` for skip); `k` and `l` are left to vim motions
//! (`j`/`k` scroll, `h`/`l` previous/next card), with arrows, PgUp/PgDn and
//! Home/End doing the same for everyone else; `b`/`i`/`a` filter levels:
//! from all levels the first key picks that level alone (the usual path is
//! "only beginner"), later keys turn levels on and off.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::deck::Level;

/// Everything a key can ask for, named for what it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
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

/// A set of contexts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contexts(u8);

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
    pub const ALL: Contexts = Contexts(127);

    const fn or(self, other: Contexts) -> Contexts {
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

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
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
            Section::Levels => "Levels (first key: only that one)",
            Section::Summary => "End of the queue",
            Section::General => "Anywhere",
        }
    }
}

/// One row of the key table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Short word for the footer.
    pub hint: &'static str,
    /// Sentence for the help overlay.
    pub help: &'static str,
    pub contexts: Contexts,
    /// Shown in the footer (only in these contexts).
    pub footer: Contexts,
    pub section: Section,
}

const NONE: Contexts = Contexts(0);

/// The key table. The first binding that matches in the current context wins.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch(' '), code(KeyCode::Enter)],
        action: Action::Reveal,
        hint: "reveal",
        help: "Show the answer",
        contexts: Contexts::QUESTION,
        footer: Contexts::QUESTION,
        section: Section::Card,
    },
    Binding {
        keys: &[ch('1')],
        action: Action::MarkKnew,
        hint: "knew",
        help: "I knew it",
        contexts: Contexts::CARD,
        footer: Contexts::CARD,
        section: Section::Card,
    },
    Binding {
        keys: &[ch('2')],
        action: Action::MarkLearnt,
        hint: "learnt",
        help: "I learnt it just now",
        contexts: Contexts::CARD,
        footer: Contexts::CARD,
        section: Section::Card,
    },
    Binding {
        keys: &[ch('3'), ch('s')],
        action: Action::MarkSkipped,
        hint: "skip",
        help: "Skip, ask again later",
        contexts: Contexts::CARD,
        footer: Contexts::CARD,
        section: Section::Card,
    },
    Binding {
        keys: &[ch('u')],
        action: Action::Undo,
        hint: "undo",
        help: "Undo the last mark",
        contexts: Contexts::CARD.or(Contexts::SUMMARY),
        footer: Contexts::CARD.or(Contexts::SUMMARY),
        section: Section::Card,
    },
    Binding {
        keys: &[code(KeyCode::Left), ch('h'), ch('p')],
        action: Action::PreviousCard,
        hint: "prev",
        help: "Previous card (no mark)",
        contexts: Contexts::CARD,
        footer: NONE,
        section: Section::Card,
    },
    Binding {
        keys: &[code(KeyCode::Right), ch('l'), ch('n')],
        action: Action::NextCard,
        hint: "next",
        help: "Next card (no mark)",
        contexts: Contexts::CARD,
        footer: NONE,
        section: Section::Card,
    },
    Binding {
        keys: &[code(KeyCode::Down), ch('j')],
        action: Action::ScrollDown,
        hint: "scroll",
        help: "Scroll down",
        contexts: Contexts::ANSWER.or(Contexts::HELP),
        footer: Contexts::ANSWER,
        section: Section::Answer,
    },
    Binding {
        keys: &[code(KeyCode::Up), ch('k')],
        action: Action::ScrollUp,
        hint: "scroll up",
        help: "Scroll up",
        contexts: Contexts::ANSWER.or(Contexts::HELP),
        footer: NONE,
        section: Section::Answer,
    },
    Binding {
        keys: &[code(KeyCode::PageDown), ctrl('d')],
        action: Action::PageDown,
        hint: "page down",
        help: "Page down",
        contexts: Contexts::ANSWER.or(Contexts::HELP),
        footer: NONE,
        section: Section::Answer,
    },
    Binding {
        keys: &[code(KeyCode::PageUp), ctrl('u')],
        action: Action::PageUp,
        hint: "page up",
        help: "Page up",
        contexts: Contexts::ANSWER.or(Contexts::HELP),
        footer: NONE,
        section: Section::Answer,
    },
    Binding {
        keys: &[code(KeyCode::Home), ch('g')],
        action: Action::ScrollTop,
        hint: "top",
        help: "Top of the answer",
        contexts: Contexts::ANSWER.or(Contexts::HELP),
        footer: NONE,
        section: Section::Answer,
    },
    Binding {
        keys: &[code(KeyCode::End), ch('G')],
        action: Action::ScrollBottom,
        hint: "bottom",
        help: "End of the answer",
        contexts: Contexts::ANSWER.or(Contexts::HELP),
        footer: NONE,
        section: Section::Answer,
    },
    Binding {
        keys: &[ch('b')],
        action: Action::ToggleLevel(Level::Beginner),
        hint: "beginner",
        help: "Beginner on/off",
        contexts: Contexts::MAIN,
        footer: Contexts::EMPTY,
        section: Section::Levels,
    },
    Binding {
        keys: &[ch('i')],
        action: Action::ToggleLevel(Level::Intermediate),
        hint: "intermediate",
        help: "Intermediate on/off",
        contexts: Contexts::MAIN,
        footer: Contexts::EMPTY,
        section: Section::Levels,
    },
    Binding {
        keys: &[ch('a')],
        action: Action::ToggleLevel(Level::Advanced),
        hint: "advanced",
        help: "Advanced on/off",
        contexts: Contexts::MAIN,
        footer: Contexts::EMPTY,
        section: Section::Levels,
    },
    Binding {
        keys: &[ch('s')],
        action: Action::DrillSkippedAgain,
        hint: "skipped again",
        help: "Drill skipped again",
        contexts: Contexts::SUMMARY,
        footer: NONE,
        section: Section::Summary,
    },
    Binding {
        keys: &[ch('l')],
        action: Action::DrillLearntAgain,
        hint: "learnt again",
        help: "Drill learnt again",
        contexts: Contexts::SUMMARY,
        footer: NONE,
        section: Section::Summary,
    },
    Binding {
        keys: &[ch('r')],
        action: Action::AskReset,
        hint: "reset",
        help: "Reset filtered cards",
        contexts: Contexts::SUMMARY,
        footer: NONE,
        section: Section::Summary,
    },
    Binding {
        keys: &[ch('y')],
        action: Action::ConfirmReset,
        hint: "yes, reset",
        help: "Yes, reset them",
        contexts: Contexts::CONFIRM,
        footer: Contexts::CONFIRM,
        section: Section::Summary,
    },
    Binding {
        keys: &[ch('n'), code(KeyCode::Esc)],
        action: Action::CancelReset,
        hint: "keep",
        help: "No, keep statuses",
        contexts: Contexts::CONFIRM,
        footer: Contexts::CONFIRM,
        section: Section::Summary,
    },
    Binding {
        keys: &[ch('?'), code(KeyCode::F(1))],
        action: Action::ToggleHelp,
        hint: "help",
        help: "This help on/off",
        contexts: Contexts::MAIN.or(Contexts::HELP),
        footer: Contexts::MAIN,
        section: Section::General,
    },
    Binding {
        keys: &[code(KeyCode::Esc), ch('q')],
        action: Action::CloseHelp,
        hint: "close",
        help: "Close this help",
        contexts: Contexts::HELP,
        footer: Contexts::HELP,
        section: Section::General,
    },
    Binding {
        keys: &[ch('q'), code(KeyCode::Esc), ctrl('c')],
        action: Action::Quit,
        hint: "quit",
        help: "Quit (marks are saved)",
        contexts: Contexts::MAIN.or(Contexts::TOO_SMALL),
        footer: Contexts::MAIN,
        section: Section::General,
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::Quit,
        hint: "quit",
        help: "Quit",
        contexts: Contexts::CONFIRM.or(Contexts::HELP),
        footer: NONE,
        section: Section::General,
    },
];

/// The action a key event asks for on this screen. Only presses count:
/// releases and repeats reported by some terminals are ignored.
pub fn action(event: KeyEvent, context: Context) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(context))
        .find(|b| b.keys.iter().any(|k| k.matches(&event)))
        .map(|b| b.action)
}

/// The footer hints for a screen, in table order: (first key, hint).
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.footer.contains(context))
        .filter_map(|b| b.keys.first().map(|k| (k.label(), b.hint)))
        .collect()
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
                .filter(|(i, b)| !BINDINGS[..*i].iter().any(|e| e.action == b.action))
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
#[path = "keymap_tests.rs"]
mod tests;
