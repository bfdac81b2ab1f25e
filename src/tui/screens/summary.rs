//! The end of the queue: counts per level, what this sitting did, and the
//! choices the engine offers (skipped again, learnt again, reset, quit),
//! each with its key from the key table. Reset asks first, in the
//! `confirm` overlay.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use super::confirm::ConfirmReset;
use super::{Input, Overlay, Reply, Screen, View};
use crate::deck::Level;
use crate::engine::{Action, Choice, Counts, Pass};
use crate::engine::{Mark, Status};
use crate::tui::drill::Drill;
use crate::tui::keymap::{self, Command, Context, Hint};

/// The summary has no state of its own: it reads the engine.
pub(in crate::tui) struct SummaryScreen;

impl Screen for SummaryScreen {
    fn context(&self, _: &Drill) -> Context {
        Context::Summary
    }

    fn handle(&mut self, command: Command, input: Input<'_>) -> Reply {
        let engine = &mut input.drill.engine;
        match command {
            Command::DrillSkippedAgain => {
                Reply::effects(engine.apply(Action::DrillSkipped, input.now))
            }
            Command::DrillLearntAgain => {
                Reply::effects(engine.apply(Action::DrillLearnt, input.now))
            }
            Command::AskReset if engine.choices().contains(&Choice::ResetFiltered) => {
                Reply::open(Overlay::ConfirmReset(ConfirmReset))
            }
            Command::Undo => Reply::effects(input.drill.undo(input.now)),
            Command::PreviousCard => Reply::effects(engine.apply(Action::Previous, input.now)),
            _ => Reply::none(),
        }
    }

    fn render(&self, view: &View<'_>, body: Rect, buf: &mut Buffer) {
        render(view, body, buf);
    }

    /// No undo hint when there is nothing to undo.
    fn hints(&self, view: &View<'_>) -> Vec<Hint> {
        let mut hints = keymap::hints(Context::Summary);
        if !view.drill.engine.can_undo() {
            hints.retain(|h| h.command != Command::Undo);
        }
        hints
    }
}

/// The command that picks an end-of-queue choice.
fn command_for(choice: Choice) -> Command {
    match choice {
        Choice::DrillSkipped => Command::DrillSkippedAgain,
        Choice::DrillLearnt => Command::DrillLearntAgain,
        Choice::ResetFiltered => Command::AskReset,
        Choice::Quit => Command::Quit,
    }
}

/// How long a sitting took, in words: `45s`, `4m 12s`, `1h 03m`.
fn duration(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}

/// The counts table needs this many columns; narrower, each level gets a
/// line of its own.
const TABLE_WIDTH: u16 = 52;

fn row(name: &str, c: Counts) -> String {
    format!(
        "{name:<14}{:>6}{:>8}{:>9}{:>8}{:>7}",
        c.of(Status::Knew),
        c.of(Status::Learnt),
        c.of(Status::Skipped),
        c.of(Status::Unseen),
        c.total
    )
}

/// One level's counts on a narrow screen.
fn short_row(name: &str, c: Counts) -> String {
    format!(
        "{name}: {}/{} seen (K {} · L {} · S {})",
        c.seen(),
        c.total,
        c.of(Status::Knew),
        c.of(Status::Learnt),
        c.of(Status::Skipped)
    )
}

/// `1 card`, `2 cards`.
fn cards(n: usize) -> String {
    if n == 1 {
        "1 card".to_string()
    } else {
        format!("{n} cards")
    }
}

/// `the skipped card`, `the 3 skipped cards`.
fn the_cards(n: usize, kind: &str) -> String {
    if n == 1 {
        format!("the {kind} card")
    } else {
        format!("the {n} {kind} cards")
    }
}

fn render(view: &View<'_>, body: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let summary = view.drill.engine.summary(view.drill.now);
    let title = match summary.pass {
        Pass::Main => " Queue done ",
        Pass::Skipped => " Skipped cards done ",
        Pass::Learnt => " Learnt cards done ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.chrome.border)
        .padding(Padding::new(2, 2, 1, 0))
        .title(Line::styled(title, theme.chrome.notice));
    let block = if body.width < TABLE_WIDTH + 6 {
        block.padding(Padding::horizontal(1))
    } else {
        block
    };
    let inner = block.inner(body);
    block.render(body, buf);

    let all = summary.counters.all;
    let mut lines = vec![
        Line::from(format!(
            "{} of {} seen; none left in this pass.",
            all.seen(),
            cards(all.total)
        )),
        Line::raw(""),
    ];
    if inner.width >= TABLE_WIDTH {
        lines.push(Line::styled(
            format!(
                "{:<14}{:>6}{:>8}{:>9}{:>8}{:>7}",
                "", "Knew", "Learnt", "Skipped", "Unseen", "Total"
            ),
            theme.report.table_header,
        ));
        for level in Level::ALL {
            let counts = summary.counters.level(level);
            if counts.total > 0 {
                lines.push(Line::raw(row(level.name(), counts)));
            }
        }
        lines.push(Line::styled(row("all", all), theme.report.total));
    } else {
        for level in Level::ALL {
            let counts = summary.counters.level(level);
            if counts.total > 0 {
                lines.push(Line::raw(short_row(level.name(), counts)));
            }
        }
    }
    lines.push(Line::raw(""));
    let tally = summary.tally;
    lines.push(Line::from(format!(
        "This sitting: {} marked in {} (knew {}, learnt {}, skipped {}).",
        tally.total(),
        duration(summary.time_spent.as_secs()),
        tally.of(Mark::Knew),
        tally.of(Mark::Learnt),
        tally.of(Mark::Skipped)
    )));
    let mut choices = Vec::new();
    for choice in &summary.choices {
        let text = match choice {
            Choice::DrillSkipped => format!(
                "Drill {} again",
                the_cards(all.of(Status::Skipped), "skipped")
            ),
            Choice::DrillLearnt => format!(
                "Drill {} again",
                the_cards(all.of(Status::Learnt), "learnt")
            ),
            Choice::ResetFiltered => {
                if all.total == 1 {
                    "Reset this card to unseen".to_string()
                } else {
                    format!("Reset these {} cards to unseen", all.total)
                }
            }
            Choice::Quit => "Quit".to_string(),
        };
        let key = keymap::first_key(command_for(*choice), Context::Summary);
        choices.push(Line::from(vec![
            Span::styled(format!("{key:>3}"), theme.keys.key),
            Span::raw(format!("  {text}")),
        ]));
    }
    // The choices are what the screen is for: when everything does not fit
    // they keep the bottom rows and the counts give way above them.
    let choice_rows = u16::try_from(choices.len()).unwrap_or(u16::MAX);
    // Rows the report takes once wrapped; a wrapped line may break early at
    // a word, so each one is given a row to spare.
    let width = usize::from(inner.width.max(1));
    let wrapped: usize = lines
        .iter()
        .map(|l| match l.width() {
            w if w <= width => 1,
            w => w.div_ceil(width) + 1,
        })
        .sum();
    let report_rows = u16::try_from(wrapped + 1).unwrap_or(u16::MAX);
    if report_rows + choice_rows <= inner.height {
        lines.push(Line::raw(""));
        lines.extend(choices);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    } else {
        let choice_rows = choice_rows.min(inner.height);
        let [report, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(choice_rows)]).areas(inner);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(report, buf);
        Paragraph::new(choices).render(bottom, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(-5), "0s");
        assert_eq!(duration(45), "45s");
        assert_eq!(duration(252), "4m 12s");
        assert_eq!(duration(3780), "1h 03m");
    }
}
