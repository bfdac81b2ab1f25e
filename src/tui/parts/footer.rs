//! The footer of every screen: the counters (knew, learnt, skipped) with
//! the unseen count or a notice, and the key hints of the screen in front,
//! as many as fit: the lowest priority goes first and the three marks never.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::truncate;
use crate::engine::Status;
use crate::tui::drill::Drill;
use crate::tui::keymap::{Hint, Priority};
use crate::tui::theme::Theme;
use crate::tui::wrap;

pub(in crate::tui) fn render(
    drill: &Drill,
    theme: &Theme,
    hints: Vec<Hint>,
    area: Rect,
    buf: &mut Buffer,
) {
    let chrome = &theme.chrome;
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let counts = drill.engine.counters().all;
    let marks = &theme.marks;
    let line = |[knew, learnt, skipped]: [&str; 3]| {
        Line::from(vec![
            Span::raw(" "),
            Span::styled(format!("{knew} {}", counts.of(Status::Knew)), marks.knew),
            Span::styled(" · ", chrome.muted),
            Span::styled(
                format!("{learnt} {}", counts.of(Status::Learnt)),
                marks.learnt,
            ),
            Span::styled(" · ", chrome.muted),
            Span::styled(
                format!("{skipped} {}", counts.of(Status::Skipped)),
                marks.skipped,
            ),
        ])
    };
    // The counters always show: in full, or as initials when space is short.
    let mut counters = line(["Knew", "Learnt", "Skipped"]);
    if counters.width() > usize::from(top.width) {
        counters = line(["K", "L", "S"]);
    }
    let room = usize::from(top.width)
        .saturating_sub(counters.width() + 2)
        .saturating_sub(1);
    let right = match &drill.notice {
        Some(notice) => Line::styled(format!("{} ", truncate(notice, room)), chrome.notice),
        None => {
            let unseen = format!("Unseen {}", counts.of(Status::Unseen));
            if wrap::width(&unseen) <= room {
                Line::styled(format!("{unseen} "), chrome.muted)
            } else {
                Line::raw("")
            }
        }
    };
    let right_width = u16::try_from(right.width()).unwrap_or(u16::MAX);
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(top);
    counters.render(l, buf);
    right.right_aligned().render(r, buf);
    hint_line(theme, fit(hints, usize::from(bottom.width))).render(bottom, buf);
}

/// The columns a row of hints takes (the gap after the last one is not
/// needed).
fn width(hints: &[Hint]) -> usize {
    let gaps: usize = hints
        .iter()
        .map(|h| wrap::width(&h.key) + 1 + wrap::width(h.text) + 2)
        .sum();
    1 + gaps.saturating_sub(2)
}

/// The hints that fit in `max` columns: the lowest priority is dropped
/// first, the rightmost of equals first; essential hints always stay.
fn fit(mut hints: Vec<Hint>, max: usize) -> Vec<Hint> {
    while width(&hints) > max {
        let lowest = hints
            .iter()
            .map(|h| h.priority)
            .filter(|p| *p != Priority::Essential)
            .min();
        let Some(lowest) = lowest else { break };
        match hints.iter().rposition(|h| h.priority == lowest) {
            Some(drop) => {
                hints.remove(drop);
            }
            None => break,
        }
    }
    hints
}

fn hint_line(theme: &Theme, hints: Vec<Hint>) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for hint in hints {
        spans.push(Span::styled(hint.key, theme.keys.key));
        spans.push(Span::styled(format!(" {}  ", hint.text), theme.keys.hint));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{self, Command, Context};

    fn commands(hints: &[Hint]) -> Vec<Command> {
        hints.iter().map(|h| h.command).collect()
    }

    #[test]
    fn narrow_footers_keep_the_three_marks_and_drop_the_lowest_first() {
        let all = keymap::hints(Context::Question);
        assert_eq!(fit(all.clone(), 200), all);
        let at_40 = fit(all.clone(), 40);
        assert!(width(&at_40) <= 40);
        // The key that moves the card on outlasts help and quit.
        assert_eq!(
            commands(&at_40),
            [
                Command::Reveal,
                Command::MarkKnew,
                Command::MarkLearnt,
                Command::MarkSkipped,
            ]
        );
        // Too narrow even for the marks: they stay anyway.
        let tiny = fit(all, 5);
        assert_eq!(
            commands(&tiny),
            [Command::MarkKnew, Command::MarkLearnt, Command::MarkSkipped]
        );
    }
}
