//! The header of the drill screens: "prepdeck · what is drilled", the level
//! chips (the key that toggles each underlined) and the seen-of-total gauge.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Widget};

use super::truncate;
use crate::deck::Level;
use crate::text::one_line;
use crate::tui::drill::Drill;
use crate::tui::keymap::{self, Command, Context};
use crate::tui::theme::Theme;
use crate::tui::wrap;

pub(in crate::tui) fn render(drill: &Drill, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let chrome = &theme.chrome;
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let chip_line = |letters: usize| -> Line<'static> {
        let spans: Vec<Span<'static>> = Level::ALL
            .into_iter()
            .flat_map(|level| {
                let style = if drill.level_on(level) {
                    chrome.chip_on
                } else {
                    chrome.chip_off
                };
                let mut spans = vec![Span::raw(" "), Span::styled(" ", style)];
                spans.extend(chip_label(level, letters, style));
                spans.push(Span::styled(" ", style));
                spans
            })
            .collect();
        Line::from(spans)
    };
    // Full level names, or their first three letters when the title would
    // be left fewer than 20 columns.
    let mut chips = chip_line(usize::MAX);
    if usize::from(top.width).saturating_sub(chips.width()) < 20 {
        chips = chip_line(3);
    }
    let chips_width = u16::try_from(chips.width()).unwrap_or(u16::MAX);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(chips_width)]).areas(top);
    let room = usize::from(left.width.saturating_sub(1));
    let title_text = one_line(&drill.title());
    let full = format!("prepdeck · {title_text}");
    let title = if wrap::width(&full) <= room {
        full
    } else {
        truncate(&title_text, room)
    };
    Line::from(vec![Span::raw(" "), Span::styled(title, chrome.title)]).render(left, buf);
    chips.render(right, buf);

    let counts = drill.engine.counters().all;
    let (seen, total) = (counts.seen(), counts.total);
    let ratio = if total == 0 {
        0.0
    } else {
        (seen as f64 / total as f64).clamp(0.0, 1.0)
    };
    LineGauge::default()
        .ratio(ratio)
        .label(Line::from(format!(" {seen} / {total} seen")))
        .filled_symbol("━")
        .unfilled_symbol("─")
        .filled_style(chrome.gauge_filled)
        .unfilled_style(chrome.gauge_unfilled)
        .render(bottom, buf);
}

/// A level's name (its first `letters` letters) for its header chip, with
/// the key that filters it underlined when the name starts with that key
/// (`b`eginner).
fn chip_label(level: Level, letters: usize, style: Style) -> Vec<Span<'static>> {
    let key = keymap::first_key(Command::ToggleLevel(level), Context::Question);
    let cut = level
        .name()
        .char_indices()
        .nth(letters)
        .map_or(level.name().len(), |(i, _)| i);
    let name = &level.name()[..cut];
    match name.strip_prefix(key.as_str()) {
        Some(rest) if !key.is_empty() => vec![
            Span::styled(key, style.add_modifier(Modifier::UNDERLINED)),
            Span::styled(rest.to_string(), style),
        ],
        _ => vec![Span::styled(name.to_string(), style)],
    }
}
