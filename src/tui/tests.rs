//! Screen snapshots at 80×24 on a small in-memory deck (not the shipped
//! decks, whose text changes), and checks that drawing never panics and
//! never uses colour under `NO_COLOR`.

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use ratatui::style::Color;

use super::app::App;
use super::keymap::{self, Command, Context};
use super::theme::Theme;
use crate::deck::{Card, Level};
use crate::engine::{Filter, Progress};
use crate::engine::{Mark, Status};
use crate::engine::{OrderRequest, start_or_resume};

fn card(id: &str, level: Level, question: &str, answer: &str, tags: &[&str]) -> Card {
    crate::testing::card("demo", id, level)
        .asking(question, answer)
        .tagged(tags)
}

const INDEX_ANSWER: &str = "\
An index is a separate **sorted structure** that lets the database find rows \
without scanning the whole table.

### Key points

- **B-tree** by default: equality and range lookups.
- Costs:
  1. slower writes
  2. more disk
- Check with `EXPLAIN`.

```sql
CREATE INDEX orders_customer_idx
    ON orders (customer_id);
```

> Pitfall: an index on a low-selectivity column is rarely used.";

fn cards() -> Vec<Card> {
    vec![
        card(
            "index",
            Level::Beginner,
            "What is a database index, and what does it cost?",
            INDEX_ANSWER,
            &["databases", "sql"],
        ),
        card(
            "idempotency",
            Level::Intermediate,
            "What makes an HTTP method idempotent?",
            "Repeating the request leaves the server in the *same state* as doing it once.",
            &["http"],
        ),
        card(
            "cap",
            Level::Advanced,
            "Explain the CAP theorem in one minute.",
            "During a network **partition** a system chooses consistency or availability.",
            &[],
        ),
    ]
}

fn t0() -> Timestamp {
    Timestamp::from_second(1_800_000_000).expect("valid time")
}

fn app_with(filter: Filter, theme: Theme) -> App {
    let (engine, _) = start_or_resume(
        cards(),
        Progress::default(),
        filter,
        OrderRequest::Any,
        t0(),
    );
    let decks = vec![("demo".to_string(), "Demo deck".to_string())];
    let mut app = App::new(engine, decks, theme);
    app.set_size(Size::new(80, 24));
    app.set_now(t0());
    app
}

fn app() -> App {
    app_with(Filter::all(), Theme::colored())
}

fn press(app: &mut App, commands: &[Command]) {
    for (i, command) in commands.iter().enumerate() {
        let now = t0() + jiff::SignedDuration::from_secs(60 * (i as i64 + 1));
        app.apply(*command, now);
    }
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draws");
    terminal
}

#[test]
fn question() {
    insta::assert_snapshot!(draw(&app(), 80, 24).backend());
}

#[test]
fn revealed_answer_with_code_and_a_list() {
    let mut app = app();
    press(&mut app, &[Command::Reveal]);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn scrolled_answer_shows_where_it_is() {
    let mut app = app();
    app.set_size(Size::new(80, 16));
    press(&mut app, &[Command::Reveal, Command::PageDown]);
    insta::assert_snapshot!(draw(&app, 80, 16).backend());
    // Scrolling stops at the end, and Home goes back to the top.
    press(&mut app, &[Command::ScrollBottom, Command::ScrollDown]);
    let max = app.max_scroll();
    assert!(max > 0);
    assert_eq!(app.scroll(), max);
    press(&mut app, &[Command::ScrollTop]);
    assert_eq!(app.scroll(), 0);
}

/// The text of one screen row.
fn row(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The footer's hint line (the last row).
fn hint_row(app: &App, width: u16, height: u16) -> String {
    row(&draw(app, width, height), height - 1)
}

#[test]
fn at_the_end_of_a_long_answer_the_footer_offers_scrolling_up() {
    let mut app = app();
    app.set_size(Size::new(80, 16));
    press(&mut app, &[Command::Reveal]);
    let top = hint_row(&app, 80, 16);
    assert!(top.contains("↓ scroll"), "{top}");
    press(&mut app, &[Command::ScrollBottom]);
    let end = hint_row(&app, 80, 16);
    assert!(!end.contains("↓ scroll"), "{end}");
    assert!(end.contains("↑ scroll up"), "{end}");
    insta::assert_snapshot!(draw(&app, 80, 16).backend());
    // One line up, and down is possible again.
    press(&mut app, &[Command::ScrollUp]);
    assert!(hint_row(&app, 80, 16).contains("↓ scroll"));
}

#[test]
fn the_undo_hint_shows_only_when_there_is_a_mark_to_undo() {
    let mut app = app();
    assert!(!hint_row(&app, 80, 24).contains("undo"));
    press(&mut app, &[Command::Reveal]);
    assert!(!hint_row(&app, 80, 24).contains("undo"));
    press(&mut app, &[Command::MarkKnew]);
    assert!(hint_row(&app, 80, 24).contains("u undo"));
    press(&mut app, &[Command::MarkKnew, Command::MarkKnew]);
    // The summary offers it while the pass has marks to take back.
    assert!(hint_row(&app, 80, 24).contains("u undo"));
    press(&mut app, &[Command::Undo, Command::Undo, Command::Undo]);
    assert!(!hint_row(&app, 80, 24).contains("undo"));
    // Past the last mark the key still answers, with a notice.
    press(&mut app, &[Command::Undo]);
    assert_eq!(app.notice(), Some("Nothing to undo in this pass"));
}

#[test]
fn undo_says_what_it_took_back() {
    let mut app = app();
    press(
        &mut app,
        &[Command::Reveal, Command::MarkLearnt, Command::Undo],
    );
    assert_eq!(
        app.notice(),
        Some("Undid learnt on: What is a database index, and what does it cost?")
    );
    // The footer cuts the question to fit.
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    press(&mut app, &[Command::MarkSkipped, Command::Undo]);
    assert_eq!(
        app.notice(),
        Some("Undid skip on: What is a database index, and what does it cost?")
    );
}

#[test]
fn at_200_columns_the_text_keeps_to_the_reading_width() {
    let mut app = app();
    app.set_size(Size::new(200, 24));
    press(&mut app, &[Command::Reveal]);
    let terminal = draw(&app, 200, 24);
    insta::assert_snapshot!(terminal.backend());
    // Inside the frame (border and one column of padding), no text runs
    // past the reading width; the frame still spans the terminal.
    let limit = 2 + usize::from(super::parts::card::READING_WIDTH);
    for y in 3..21 {
        let line = row(&terminal, y);
        let inside: String = line.chars().skip(limit).take(200 - limit - 2).collect();
        assert!(inside.trim().is_empty(), "row {y}: {line}");
    }
    assert!(row(&terminal, 21).ends_with('╯'));
}

#[test]
fn a_question_shows_its_inline_code_as_code() {
    let cards = vec![card(
        "select",
        Level::Beginner,
        "What does `SELECT 1` return?",
        "One row.",
        &[],
    )];
    for theme in [Theme::colored(), Theme::plain()] {
        let ticks = theme.markdown.inline_code_ticks;
        let code = theme.card.question.patch(theme.markdown.inline_code);
        let (engine, _) = start_or_resume(
            cards.clone(),
            Progress::default(),
            Filter::all(),
            OrderRequest::Any,
            t0(),
        );
        let mut app = App::new(engine, Vec::new(), theme);
        app.set_size(Size::new(80, 24));
        let terminal = draw(&app, 80, 24);
        let line = row(&terminal, 3);
        let wanted = if ticks {
            "What does `SELECT 1` return?"
        } else {
            "What does SELECT 1 return?"
        };
        assert!(line.contains(wanted), "{line}");
        let x = u16::try_from(line.chars().position(|c| c == 'S').expect("S")).expect("x");
        let cell = &terminal.backend().buffer()[(x, 3)];
        if let Some(fg) = code.fg {
            assert_eq!(cell.fg, fg, "{line}");
        }
    }
}

#[test]
fn help_overlay() {
    let mut app = app();
    press(&mut app, &[Command::ToggleHelp]);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn summary() {
    let mut app = app();
    press(
        &mut app,
        &[Command::MarkKnew, Command::MarkLearnt, Command::MarkSkipped],
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn reset_question_over_the_summary() {
    let mut app = app();
    press(
        &mut app,
        &[
            Command::MarkKnew,
            Command::MarkKnew,
            Command::MarkKnew,
            Command::AskReset,
        ],
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn too_small() {
    let mut app = app();
    app.set_size(Size::new(39, 9));
    insta::assert_snapshot!(draw(&app, 39, 9).backend());
    // Nothing is on screen to act on, so a digit marks nothing.
    assert_eq!(app.context(), Context::TooSmall);
    let digit = ratatui::crossterm::event::KeyCode::Char('1').into();
    assert_eq!(keymap::command(digit, app.context()), None);
    app.set_size(Size::new(40, 10));
    assert_eq!(app.context(), Context::Question);
}

#[test]
fn filter_with_no_cards() {
    let app = app_with(Filter::all().with_tags(["nothing"]), Theme::colored());
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn level_keys_pick_one_level_then_turn_levels_on_and_off() {
    let mut app = app();
    press(&mut app, &[Command::MarkKnew]);
    assert_eq!(app.engine().counters().all.of(Status::Knew), 1);
    // From all levels, `b` means "only beginner".
    press(&mut app, &[Command::ToggleLevel(Level::Beginner)]);
    assert!(app.level_on(Level::Beginner));
    assert!(!app.level_on(Level::Intermediate));
    assert!(!app.level_on(Level::Advanced));
    assert_eq!(app.engine().counters().all.total, 1);
    // Then each key turns its level on or off.
    press(&mut app, &[Command::ToggleLevel(Level::Intermediate)]);
    assert_eq!(app.engine().counters().all.total, 2);
    press(&mut app, &[Command::ToggleLevel(Level::Beginner)]);
    assert!(!app.level_on(Level::Beginner));
    assert_eq!(app.engine().counters().all.total, 1);
    // Turning the last level off brings every level back.
    press(&mut app, &[Command::ToggleLevel(Level::Intermediate)]);
    assert!(app.engine().filter().is_all());
    assert_eq!(app.engine().counters().all.of(Status::Knew), 1);
    // The sitting goes on: its tally and the mark to undo survive the changes.
    assert_eq!(app.engine().tally().of(Mark::Knew), 1);
    assert!(app.engine().can_undo());
    // Turning all three on one by one is the same as all levels.
    press(
        &mut app,
        &[
            Command::ToggleLevel(Level::Advanced),
            Command::ToggleLevel(Level::Beginner),
            Command::ToggleLevel(Level::Intermediate),
        ],
    );
    assert!(app.engine().filter().is_all());
}

#[test]
fn no_colour_reaches_a_cell_under_no_color() {
    let mut app = app_with(Filter::all(), Theme::plain());
    let mut screens = Vec::new();
    for action in [
        Command::Reveal,
        Command::ToggleHelp,
        Command::CloseHelp,
        Command::MarkKnew,
        Command::MarkLearnt,
        Command::MarkSkipped,
        Command::AskReset,
    ] {
        press(&mut app, &[action]);
        screens.push(draw(&app, 80, 24));
    }
    for terminal in screens {
        for cell in terminal.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
            assert_eq!(cell.underline_color, Color::Reset);
        }
    }
}

#[test]
fn every_size_from_zero_draws_without_panic() {
    let mut states = vec![app()];
    let mut revealed = app();
    press(&mut revealed, &[Command::Reveal, Command::PageDown]);
    states.push(revealed);
    let mut help = app();
    press(&mut help, &[Command::ToggleHelp, Command::PageDown]);
    states.push(help);
    let mut done = app();
    press(
        &mut done,
        &[
            Command::MarkKnew,
            Command::MarkKnew,
            Command::MarkSkipped,
            Command::AskReset,
        ],
    );
    states.push(done);
    states.push(app_with(Filter::all().with_tags(["none"]), Theme::plain()));
    for app in &mut states {
        for width in (0..=90).step_by(3) {
            for height in 0..=30 {
                app.set_size(Size::new(width, height));
                let _ = draw(app, width, height);
            }
        }
    }
}

#[test]
fn a_session_resumes_only_for_the_same_filter_and_a_fitting_order() {
    use crate::engine::Order;
    let mut app = app_with(Filter::all().with_levels([Level::Beginner]), Theme::plain());
    press(&mut app, &[Command::MarkSkipped]);
    let saved = app.engine().progress().clone();
    let resume = |filter: Filter, order: OrderRequest| {
        start_or_resume(cards(), saved.clone(), filter, order, t0()).0
    };
    let beginner = || Filter::all().with_levels([Level::Beginner]);
    // Same filter, any order: the saved session, whose one card is marked.
    let resumed = resume(beginner(), OrderRequest::Any);
    assert_eq!(resumed.phase(), crate::engine::Phase::Finished);
    assert_eq!(resumed.counters().all.of(Status::Skipped), 1);
    // Another filter: a new session in deck order.
    let other = resume(Filter::all(), OrderRequest::Any);
    assert_eq!(other.order(), Order::Deck);
    assert_eq!(other.filter(), &Filter::all());
    // A shuffle asked for: deck order saved, so a new shuffled session.
    let shuffled = resume(beginner(), OrderRequest::Shuffled { fresh_seed: 9 });
    assert_eq!(shuffled.order(), Order::Shuffled { seed: 9 });
    let exact = resume(beginner(), OrderRequest::Exact(Order::Deck));
    assert_eq!(exact.order(), Order::Deck);
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let mut app = app();
    press(&mut app, &[Command::Undo]);
    assert_eq!(app.notice(), Some("Nothing to undo in this pass"));
    press(&mut app, &[Command::MarkKnew, Command::Undo]);
    assert_eq!(app.engine().counters().all.of(Status::Knew), 0);
    assert_eq!(app.engine().position(), 0);
    // A successful undo says what it took back.
    assert_eq!(
        app.notice(),
        Some("Undid knew on: What is a database index, and what does it cost?")
    );
}

#[test]
fn undo_behind_a_level_filter_says_why_it_waits() {
    let mut app = app();
    press(
        &mut app,
        &[
            Command::MarkKnew,
            Command::ToggleLevel(Level::Advanced),
            Command::Undo,
        ],
    );
    assert_eq!(
        app.notice(),
        Some("The last mark is on a card this filter hides: turn its level back on to undo it")
    );
    assert_eq!(
        app.engine().counters().all.of(Status::Knew),
        0,
        "advanced only"
    );
    press(
        &mut app,
        &[Command::ToggleLevel(Level::Advanced), Command::Undo],
    );
    assert!(
        app.notice()
            .is_some_and(|n| n.starts_with("Undid knew on:"))
    );
}

#[test]
fn the_summary_goes_back_to_the_last_card_with_previous() {
    let mut app = app();
    press(
        &mut app,
        &[Command::MarkKnew, Command::MarkKnew, Command::MarkKnew],
    );
    assert_eq!(app.context(), Context::Summary);
    press(&mut app, &[Command::PreviousCard]);
    assert_eq!(app.context(), Context::Question);
    assert_eq!(app.engine().position(), 2);
}

#[test]
fn deck_text_cannot_reach_the_terminal_as_control_codes() {
    let evil = card(
        "evil",
        Level::Beginner,
        "Question \u{1b}[2J with \u{9b}31m codes\u{7}",
        "Answer \u{1b}]0;title\u{7} and &#27;[5m\n\n```\u{1b}[31m\nx\u{202E}y\n```",
        &["t\u{1b}[1mag"],
    );
    let (engine, _) = start_or_resume(
        vec![evil],
        Progress::default(),
        Filter::all(),
        OrderRequest::Any,
        t0(),
    );
    let decks = vec![("demo".to_string(), "Deck \u{1b}[31mtitle".to_string())];
    let mut app = App::new(engine, decks, Theme::colored());
    app.set_size(Size::new(80, 24));
    for action in [None, Some(Command::Reveal)] {
        if let Some(action) = action {
            press(&mut app, &[action]);
        }
        let terminal = draw(&app, 80, 24);
        for cell in terminal.backend().buffer().content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
                "{:?}",
                cell.symbol()
            );
        }
    }
}

/// The screen as text rows.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn long_question_app() -> App {
    let question = "Walk me through, step by step and with the trade-offs at each step, \
        how you would design, build, test, roll out and then operate a rate limiter \
        shared by many services in several regions";
    let long = card(
        "rate-limiter",
        Level::Advanced,
        question,
        "Start with **token buckets** in a shared store.\n\n- one\n- two\n- three",
        &["distributed-systems", "reliability", "api", "caching"],
    );
    let (engine, _) = start_or_resume(
        vec![long],
        Progress::default(),
        Filter::all(),
        OrderRequest::Any,
        t0(),
    );
    let decks = vec![("demo".to_string(), "Demo deck".to_string())];
    App::new(engine, decks, Theme::colored())
}

#[test]
fn at_the_smallest_size_a_long_question_leaves_room_for_the_answer() {
    let mut app = long_question_app();
    app.set_size(Size::new(40, 10));
    press(&mut app, &[Command::Reveal]);
    let terminal = draw(&app, 40, 10);
    insta::assert_snapshot!(terminal.backend());
    let screen = rows(&terminal).join("\n");
    assert!(screen.contains("Start with token buckets"), "{screen}");
    assert!(screen.contains('…'), "the cut question ends in an ellipsis");
    // The counters stay whole at 40 columns; "Unseen" gives way.
    assert!(screen.contains("Knew 0 · Learnt 0 · Skipped 0"), "{screen}");
    // Tags give way to the badge and the place in the pass.
    let top = &rows(&terminal)[2];
    assert!(
        top.contains("advanced") && top.contains("1 of 1"),
        "{screen}"
    );
    assert!(top.ends_with('╮'), "{screen}");
}

#[test]
fn the_summary_keeps_its_choices_on_small_screens() {
    for (width, height) in [(40, 10), (52, 20), (60, 14)] {
        let mut app = app();
        app.set_size(Size::new(width, height));
        press(
            &mut app,
            &[Command::MarkKnew, Command::MarkLearnt, Command::MarkSkipped],
        );
        let terminal = draw(&app, width, height);
        let screen = rows(&terminal).join("\n");
        for choice in ["S  Drill", "L  Drill", "r  Reset", "q  Quit"] {
            assert!(
                screen.contains(choice),
                "{width}×{height}: {choice}\n{screen}"
            );
        }
        // No table row is folded onto a second line.
        assert!(!screen.contains("│  Total"), "{width}×{height}\n{screen}");
    }
    let mut app = app();
    app.set_size(Size::new(52, 20));
    press(
        &mut app,
        &[Command::MarkKnew, Command::MarkLearnt, Command::MarkSkipped],
    );
    insta::assert_snapshot!(draw(&app, 52, 20).backend());
}

#[test]
fn a_filter_drilled_earlier_resumes_after_another_filter_was_drilled() {
    let mut app = app_with(Filter::all(), Theme::plain());
    press(&mut app, &[Command::MarkSkipped]);
    let second = app.engine().current().map(|card| card.id.clone());
    assert!(second.is_some());
    // Another filter is drilled in between, and a card marked there.
    let beginner = Filter::all().with_levels([Level::Beginner]);
    let (mut other, _) = start_or_resume(
        cards(),
        app.engine().progress().clone(),
        beginner.clone(),
        OrderRequest::Any,
        t0() + jiff::SignedDuration::from_secs(3600),
    );
    assert_eq!(other.filter(), &beginner);
    assert_eq!(other.position(), 0, "a new session for the beginner filter");
    other.apply(
        crate::engine::Action::Mark(crate::engine::Mark::Knew),
        t0() + jiff::SignedDuration::from_secs(3660),
    );
    // Back to all cards: the first session goes on where it stopped.
    let (back, _) = start_or_resume(
        cards(),
        other.progress().clone(),
        Filter::all(),
        OrderRequest::Any,
        t0() + jiff::SignedDuration::from_secs(7200),
    );
    assert_eq!(back.filter(), &Filter::all());
    assert_eq!(back.current().map(|card| card.id.clone()), second);
    assert_eq!(back.position(), 1);
}

#[test]
fn the_scroll_hint_shows_only_when_the_answer_scrolls() {
    let short = card(
        "cache",
        Level::Beginner,
        "What is a cache?",
        "A fast store in front of a slow one.",
        &["caching"],
    );
    let (engine, _) = start_or_resume(
        vec![short],
        Progress::default(),
        Filter::all(),
        OrderRequest::Any,
        t0(),
    );
    let decks = vec![("demo".to_string(), "Demo deck".to_string())];
    let mut app = App::new(engine, decks, Theme::plain());
    app.set_size(Size::new(80, 24));
    press(&mut app, &[Command::Reveal]);
    let footer = rows(&draw(&app, 80, 24)).pop().unwrap_or_default();
    assert!(footer.contains("1 knew"), "{footer}");
    assert!(!footer.contains("scroll"), "{footer}");

    // The long answer overflows 80×24: the hint is there.
    let mut long = app_with(Filter::all(), Theme::plain());
    press(&mut long, &[Command::Reveal]);
    assert!(long.max_scroll() > 0);
    let footer = rows(&draw(&long, 80, 24)).pop().unwrap_or_default();
    assert!(footer.contains("↓ scroll"), "{footer}");
}

#[test]
fn a_failed_save_keeps_the_drill_open_says_why_and_is_retried_on_the_next_key() {
    use super::event_loop::{RunError, SaveError, WAITING, carry_out};
    use crate::engine::Status;

    let mut app = app();
    let mut unsaved = false;
    let mut fail = true;
    let mut saved: Vec<Progress> = Vec::new();
    let mut save = |progress: &Progress, _waiting: &mut dyn FnMut()| -> Result<(), SaveError> {
        if fail {
            let disk =
                std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device");
            return Err(SaveError::from(crate::store::StoreError::Write {
                path: "/data/progress.json".into(),
                source: disk,
            }));
        }
        saved.push(progress.clone());
        Ok(())
    };
    let effects = app.apply(Command::MarkKnew, t0());
    let quit = carry_out(&mut app, &effects, &mut unsaved, &mut save, &mut |_| {});
    assert!(!quit.expect("the drill goes on"));
    assert!(unsaved);
    assert_eq!(
        app.notice(),
        Some("Not saved (will retry): No space left on device")
    );
    let footer = rows(&draw(&app, 80, 24)).join("\n");
    assert!(footer.contains("Not saved (will retry)"), "{footer}");
    // The mark is still in memory.
    let knew = |p: &Progress| {
        p.cards
            .values()
            .filter(|c| c.status == Status::Knew)
            .count()
    };
    assert_eq!(knew(app.engine().progress()), 1);

    // A key that asks for no save still retries, and succeeds.
    fail = false;
    let effects = app.apply(Command::ToggleHelp, t0());
    assert!(!effects.iter().any(|e| e.needs_save()));
    let mut save = |progress: &Progress, _waiting: &mut dyn FnMut()| -> Result<(), SaveError> {
        if fail {
            return Err("disk full".into());
        }
        saved.push(progress.clone());
        Ok(())
    };
    assert!(!carry_out(&mut app, &effects, &mut unsaved, &mut save, &mut |_| {}).unwrap());
    assert!(!unsaved);
    assert_eq!(saved.len(), 1);
    assert_eq!(knew(&saved[0]), 1);

    // A save that waits says so, and the notice goes once it is done.
    let mut shown = Vec::new();
    let mut waiting_save = |_: &Progress, waiting: &mut dyn FnMut()| -> Result<(), SaveError> {
        waiting();
        Ok(())
    };
    let effects = app.apply(Command::ToggleHelp, t0());
    let mut unsaved = true;
    let mut redraw = |app: &mut App| shown.push(app.notice().map(str::to_string));
    carry_out(
        &mut app,
        &effects,
        &mut unsaved,
        &mut waiting_save,
        &mut redraw,
    )
    .unwrap();
    assert_eq!(shown, vec![Some(WAITING.to_string())]);
    assert_eq!(app.notice(), None);

    // On the way out a failure is final.
    let mut failing =
        |_: &Progress, _: &mut dyn FnMut()| -> Result<(), SaveError> { Err("disk full".into()) };
    let effects = app.apply(Command::Quit, t0());
    let mut unsaved = true;
    let end = carry_out(&mut app, &effects, &mut unsaved, &mut failing, &mut |_| {});
    assert!(matches!(end, Err(RunError::Save(_))));
}
