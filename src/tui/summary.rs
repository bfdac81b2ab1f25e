//! The end of the queue: counts per level, what this sitting did, and the
//! choices the engine offers (skipped again, learnt again, reset, quit),
//! each with its key from the key table; plus the "reset these cards?"
//! question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget, Wrap};

use super::app::App;
use super::keymap::{Action, Context};
use super::view::key_for;
use crate::deck::Level;
use crate::engine::{self, Counts, Pass};

/// How long a sitting took, in words: `45s`, `4m 12s`, `1h 03m`.
pub(super) fn duration(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}

fn row(name: &str, c: Counts) -> String {
    format!(
        "{name:<14}{:>6}{:>8}{:>9}{:>8}{:>7}",
        c.knew, c.learnt, c.skipped, c.unseen, c.total
    )
}

pub(super) fn render(app: &App, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let summary = app.engine.summary(app.now);
    let title = match summary.pass {
        Pass::Main => " Queue done ",
        Pass::Skipped => " Skipped cards done ",
        Pass::Learnt => " Learnt cards done ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .padding(Padding::new(2, 2, 1, 0))
        .title(Line::styled(title, theme.notice));
    let inner = block.inner(body);
    block.render(body, buf);

    let all = summary.counters.all;
    let mut lines = vec![
        Line::from(format!(
            "{} of {} cards seen; none left in this pass.",
            all.seen(),
            all.total
        )),
        Line::raw(""),
        Line::styled(
            format!(
                "{:<14}{:>6}{:>8}{:>9}{:>8}{:>7}",
                "", "Knew", "Learnt", "Skipped", "Unseen", "Total"
            ),
            theme.table_header,
        ),
    ];
    for level in Level::ALL {
        let counts = summary.counters.level(level);
        if counts.total > 0 {
            lines.push(Line::raw(row(level.name(), counts)));
        }
    }
    lines.push(Line::styled(row("all", all), theme.strong));
    lines.push(Line::raw(""));
    let tally = summary.tally;
    lines.push(Line::from(format!(
        "This sitting: {} marked in {} (knew {}, learnt {}, skipped {}).",
        tally.total(),
        duration(summary.time_spent.as_secs()),
        tally.knew,
        tally.learnt,
        tally.skipped
    )));
    lines.push(Line::raw(""));
    for choice in &summary.choices {
        let (action, text) = match choice {
            engine::Action::DrillSkipped => (
                Action::DrillSkippedAgain,
                format!("Drill the {} skipped cards again", all.skipped),
            ),
            engine::Action::DrillLearnt => (
                Action::DrillLearntAgain,
                format!("Drill the {} learnt cards again", all.learnt),
            ),
            engine::Action::ResetFiltered => (
                Action::AskReset,
                format!("Reset these {} cards to unseen", all.total),
            ),
            engine::Action::Quit => (Action::Quit, "Quit".to_string()),
            _ => continue,
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>3}", key_for(action, Context::Summary)),
                theme.key,
            ),
            Span::raw(format!("  {text}")),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The reset question, over the summary.
pub(super) fn render_confirm(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let total = app.engine.counters().all.total;
    let popup = area.centered(Constraint::Length(44), Constraint::Length(7));
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.notice)
        .padding(Padding::horizontal(1))
        .title(Line::styled(" Reset? ", theme.notice));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let text = vec![
        Line::from(format!("Set these {total} cards back to unseen?")),
        Line::styled("Their marking history is kept.", theme.muted),
        Line::raw(""),
        Line::from(vec![
            Span::styled(
                key_for(Action::ConfirmReset, Context::ConfirmReset),
                theme.key,
            ),
            Span::raw(" reset    "),
            Span::styled(
                key_for(Action::CancelReset, Context::ConfirmReset),
                theme.key,
            ),
            Span::raw(" keep them"),
        ]),
    ];
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
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
