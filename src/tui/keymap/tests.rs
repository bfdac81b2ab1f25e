//! Unit tests for the key table: what each key does on each screen, and that
//! hints and help are generated from the same rows.

use super::*;
use ratatui::crossterm::event::KeyEventState;

fn press(code: KeyCode, context: Context) -> Option<Command> {
    command(code.into(), context)
}

fn with(code: KeyCode, mods: KeyModifiers, context: Context) -> Option<Command> {
    command(KeyEvent::new(code, mods), context)
}

const EVERY_CONTEXT: [Context; 7] = [
    Context::Question,
    Context::Answer,
    Context::Summary,
    Context::Empty,
    Context::ConfirmReset,
    Context::Help,
    Context::TooSmall,
];

#[test]
fn space_and_enter_reveal() {
    assert_eq!(
        press(KeyCode::Char(' '), Context::Question),
        Some(Command::Reveal)
    );
    assert_eq!(
        press(KeyCode::Enter, Context::Question),
        Some(Command::Reveal)
    );
    assert_eq!(press(KeyCode::Char(' '), Context::Answer), None);
}

#[test]
fn digits_mark_before_and_after_reveal() {
    for context in [Context::Question, Context::Answer] {
        assert_eq!(press(KeyCode::Char('1'), context), Some(Command::MarkKnew));
        assert_eq!(
            press(KeyCode::Char('2'), context),
            Some(Command::MarkLearnt)
        );
        assert_eq!(
            press(KeyCode::Char('3'), context),
            Some(Command::MarkSkipped)
        );
        assert_eq!(
            press(KeyCode::Char('s'), context),
            Some(Command::MarkSkipped)
        );
    }
}

#[test]
fn vim_and_arrow_keys_do_the_same() {
    let a = Context::Answer;
    assert_eq!(press(KeyCode::Char('j'), a), press(KeyCode::Down, a));
    assert_eq!(press(KeyCode::Char('k'), a), press(KeyCode::Up, a));
    assert_eq!(press(KeyCode::Char('h'), a), press(KeyCode::Left, a));
    assert_eq!(press(KeyCode::Char('l'), a), press(KeyCode::Right, a));
    assert_eq!(press(KeyCode::Char('g'), a), press(KeyCode::Home, a));
    assert_eq!(press(KeyCode::Char('G'), a), press(KeyCode::End, a));
    assert_eq!(
        with(KeyCode::Char('G'), KeyModifiers::SHIFT, a),
        Some(Command::ScrollBottom)
    );
    assert_eq!(
        with(KeyCode::Char('d'), KeyModifiers::CONTROL, a),
        Some(Command::PageDown)
    );
    assert_eq!(press(KeyCode::PageUp, a), Some(Command::PageUp));
}

#[test]
fn quit_keys_and_ctrl_c_everywhere() {
    for key in [KeyCode::Char('q'), KeyCode::Esc] {
        assert_eq!(press(key, Context::Question), Some(Command::Quit));
        assert_eq!(press(key, Context::Summary), Some(Command::Quit));
    }
    for context in EVERY_CONTEXT {
        assert_eq!(
            with(KeyCode::Char('c'), KeyModifiers::CONTROL, context),
            Some(Command::Quit),
            "{context:?}"
        );
    }
    // A plain c is not Ctrl-C.
    assert_eq!(press(KeyCode::Char('c'), Context::Question), None);
}

#[test]
fn ctrl_z_suspends_everywhere_and_the_help_says_so() {
    for context in EVERY_CONTEXT {
        assert_eq!(
            with(KeyCode::Char('z'), KeyModifiers::CONTROL, context),
            Some(Command::Suspend),
            "{context:?}"
        );
    }
    // A plain z does nothing.
    assert_eq!(press(KeyCode::Char('z'), Context::Question), None);
    let general = help_rows()
        .into_iter()
        .find(|(section, _)| *section == Section::General)
        .map(|(_, rows)| rows)
        .unwrap_or_default();
    assert!(
        general.iter().any(|(keys, _)| keys == "Ctrl-Z"),
        "{general:?}"
    );
}

#[test]
fn a_too_small_terminal_only_quits() {
    let small = Context::TooSmall;
    for code in [KeyCode::Char('q'), KeyCode::Esc] {
        assert_eq!(press(code, small), Some(Command::Quit));
    }
    for code in [
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Char('3'),
        KeyCode::Char(' '),
        KeyCode::Char('u'),
        KeyCode::Char('b'),
        KeyCode::Char('?'),
        KeyCode::Right,
        KeyCode::Down,
    ] {
        assert_eq!(press(code, small), None, "{code:?}");
    }
    assert!(hints(small).is_empty());
}

#[test]
fn help_overlay_closes_on_esc_q_and_question_mark() {
    assert_eq!(press(KeyCode::Esc, Context::Help), Some(Command::CloseHelp));
    assert_eq!(
        press(KeyCode::Char('q'), Context::Help),
        Some(Command::CloseHelp)
    );
    assert_eq!(
        with(KeyCode::Char('?'), KeyModifiers::SHIFT, Context::Help),
        Some(Command::ToggleHelp)
    );
    assert_eq!(press(KeyCode::Char('1'), Context::Help), None);
}

#[test]
fn levels_toggle_on_every_main_screen() {
    for context in [
        Context::Question,
        Context::Answer,
        Context::Summary,
        Context::Empty,
    ] {
        assert_eq!(
            press(KeyCode::Char('b'), context),
            Some(Command::ToggleLevel(Level::Beginner))
        );
        assert_eq!(
            press(KeyCode::Char('a'), context),
            Some(Command::ToggleLevel(Level::Advanced))
        );
    }
}

#[test]
fn summary_letters_choose_what_comes_next() {
    let s = Context::Summary;
    assert_eq!(
        press(KeyCode::Char('S'), s),
        Some(Command::DrillSkippedAgain)
    );
    assert_eq!(
        press(KeyCode::Char('L'), s),
        Some(Command::DrillLearntAgain)
    );
    // The card screen's skip and next keys, pressed once too often at the
    // last card, do nothing on the summary.
    assert_eq!(press(KeyCode::Char('s'), s), None);
    assert_eq!(press(KeyCode::Char('l'), s), None);
    assert_eq!(press(KeyCode::Left, s), Some(Command::PreviousCard));
    assert_eq!(press(KeyCode::Char('r'), s), Some(Command::AskReset));
    assert_eq!(press(KeyCode::Char('u'), s), Some(Command::Undo));
    let c = Context::ConfirmReset;
    assert_eq!(press(KeyCode::Char('y'), c), Some(Command::ConfirmReset));
    assert_eq!(press(KeyCode::Esc, c), Some(Command::CancelReset));
    assert_eq!(press(KeyCode::Char('q'), c), None);
}

#[test]
fn releases_and_repeats_are_ignored() {
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let event = KeyEvent {
            code: KeyCode::Char('1'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        };
        assert_eq!(command(event, Context::Question), None);
    }
}

#[test]
fn no_key_means_two_things_on_one_screen() {
    for context in EVERY_CONTEXT {
        let mut seen: Vec<(Key, Command)> = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.contexts.contains(context)) {
            for key in b.keys {
                if let Some((_, other)) = seen.iter().find(|(k, _)| k == key) {
                    panic!(
                        "{context:?}: {} is {other:?} and {:?}",
                        key.label(),
                        b.command
                    );
                }
                seen.push((*key, b.command));
            }
        }
    }
}

#[test]
fn footer_and_help_come_from_the_table() {
    let hints: Vec<(String, &str)> = hints(Context::Question)
        .into_iter()
        .map(|h| (h.key, h.text))
        .collect();
    assert_eq!(hints[0], ("Space".to_string(), "reveal"));
    assert!(hints.contains(&("1".to_string(), "knew")));
    assert!(hints.contains(&("?".to_string(), "help")));
    let help = help_rows();
    let general = &help.iter().find(|(s, _)| *s == Section::General).unwrap().1;
    assert!(general.contains(&("q Esc Ctrl-C".to_string(), "Quit (marks are saved)")));
    // Every action in the table is listed in the help.
    let listed: usize = help.iter().map(|(_, rows)| rows.len()).sum();
    let mut actions: Vec<Command> = Vec::new();
    for b in BINDINGS {
        if !actions.contains(&b.command) {
            actions.push(b.command);
        }
    }
    assert_eq!(listed, actions.len());
}

#[test]
fn the_three_marks_are_essential_hints_and_keys_are_looked_up_in_the_table() {
    for context in [Context::Question, Context::Answer] {
        let essential: Vec<Command> = hints(context)
            .into_iter()
            .filter(|h| h.priority == Priority::Essential)
            .map(|h| h.command)
            .collect();
        assert_eq!(
            essential,
            [Command::MarkKnew, Command::MarkLearnt, Command::MarkSkipped]
        );
    }
    assert_eq!(
        key_labels(Command::Reveal, Context::Question),
        ["Space", "Enter"]
    );
    assert_eq!(first_key(Command::Quit, Context::TooSmall), "q");
    assert_eq!(first_key(Command::ConfirmReset, Context::Question), "");
}
