//! Screen snapshots at 80×24 on a small in-memory deck (not the shipped
//! decks, whose text changes), and checks that drawing never panics and
//! never uses colour under `NO_COLOR`.

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use ratatui::style::Color;

use super::app::{App, OrderRequest, start_or_resume};
use super::keymap::Action;
use super::theme::Theme;
use crate::deck::{Card, Level};
use crate::engine::{Filter, Progress};

fn card(id: &str, level: Level, question: &str, answer: &str, tags: &[&str]) -> Card {
    Card {
        id: format!("demo/{id}"),
        deck: "demo".to_string(),
        question: question.to_string(),
        answer: answer.to_string(),
        level,
        difficulty: None,
        category: None,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        explicit_id: true,
        line: 1,
    }
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
    let mut app = App::new(engine, cards(), decks, theme);
    app.set_size(Size::new(80, 24));
    app.set_now(t0());
    app
}

fn app() -> App {
    app_with(Filter::all(), Theme::colored())
}

fn press(app: &mut App, actions: &[Action]) {
    for (i, action) in actions.iter().enumerate() {
        let now = t0() + jiff::SignedDuration::from_secs(60 * (i as i64 + 1));
        app.apply(*action, now);
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
    press(&mut app, &[Action::Reveal]);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn scrolled_answer_shows_where_it_is() {
    let mut app = app();
    app.set_size(Size::new(80, 16));
    press(&mut app, &[Action::Reveal, Action::PageDown]);
    insta::assert_snapshot!(draw(&app, 80, 16).backend());
    // Scrolling stops at the end, and Home goes back to the top.
    press(&mut app, &[Action::ScrollBottom, Action::ScrollDown]);
    let max = app.max_scroll();
    assert!(max > 0);
    assert_eq!(app.scroll, max);
    press(&mut app, &[Action::ScrollTop]);
    assert_eq!(app.scroll, 0);
}

#[test]
fn help_overlay() {
    let mut app = app();
    press(&mut app, &[Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn summary() {
    let mut app = app();
    press(
        &mut app,
        &[Action::MarkKnew, Action::MarkLearnt, Action::MarkSkipped],
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn reset_question_over_the_summary() {
    let mut app = app();
    press(
        &mut app,
        &[
            Action::MarkKnew,
            Action::MarkKnew,
            Action::MarkKnew,
            Action::AskReset,
        ],
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn too_small() {
    let mut app = app();
    app.set_size(Size::new(39, 9));
    insta::assert_snapshot!(draw(&app, 39, 9).backend());
}

#[test]
fn filter_with_no_cards() {
    let app = app_with(Filter::all().with_tags(["nothing"]), Theme::colored());
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn level_toggles_rebuild_the_queue_and_keep_statuses() {
    let mut app = app();
    press(&mut app, &[Action::MarkKnew]);
    assert_eq!(app.engine().counters().all.knew, 1);
    press(&mut app, &[Action::ToggleLevel(Level::Beginner)]);
    assert!(!app.level_on(Level::Beginner));
    assert_eq!(app.engine().counters().all.total, 2);
    press(&mut app, &[Action::ToggleLevel(Level::Beginner)]);
    assert!(app.engine().filter().is_all());
    assert_eq!(app.engine().counters().all.knew, 1);
    // The last level on stays on.
    press(
        &mut app,
        &[
            Action::ToggleLevel(Level::Beginner),
            Action::ToggleLevel(Level::Intermediate),
            Action::ToggleLevel(Level::Advanced),
        ],
    );
    assert!(app.level_on(Level::Advanced));
    assert!(app.notice.is_some());
}

#[test]
fn no_colour_reaches_a_cell_under_no_color() {
    let mut app = app_with(Filter::all(), Theme::plain());
    let mut screens = Vec::new();
    for action in [
        Action::Reveal,
        Action::ToggleHelp,
        Action::CloseHelp,
        Action::MarkKnew,
        Action::MarkLearnt,
        Action::MarkSkipped,
        Action::AskReset,
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
    press(&mut revealed, &[Action::Reveal, Action::PageDown]);
    states.push(revealed);
    let mut help = app();
    press(&mut help, &[Action::ToggleHelp, Action::PageDown]);
    states.push(help);
    let mut done = app();
    press(
        &mut done,
        &[
            Action::MarkKnew,
            Action::MarkKnew,
            Action::MarkSkipped,
            Action::AskReset,
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
    press(&mut app, &[Action::MarkSkipped]);
    let saved = app.engine().progress().clone();
    let resume = |filter: Filter, order: OrderRequest| {
        start_or_resume(cards(), saved.clone(), filter, order, t0()).0
    };
    let beginner = || Filter::all().with_levels([Level::Beginner]);
    // Same filter, any order: the saved session, whose one card is marked.
    let resumed = resume(beginner(), OrderRequest::Any);
    assert_eq!(resumed.phase(), crate::engine::Phase::Finished);
    assert_eq!(resumed.counters().all.skipped, 1);
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
    press(&mut app, &[Action::Undo]);
    assert_eq!(app.notice.as_deref(), Some("Nothing to undo in this pass"));
    press(&mut app, &[Action::MarkKnew, Action::Undo]);
    assert_eq!(app.engine().counters().all.knew, 0);
    assert_eq!(app.engine().position(), 0);
    assert!(app.notice.is_none());
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
        vec![evil.clone()],
        Progress::default(),
        Filter::all(),
        OrderRequest::Any,
        t0(),
    );
    let decks = vec![("demo".to_string(), "Deck \u{1b}[31mtitle".to_string())];
    let mut app = App::new(engine, vec![evil], decks, Theme::colored());
    app.set_size(Size::new(80, 24));
    for action in [None, Some(Action::Reveal)] {
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
