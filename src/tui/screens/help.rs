//! The help overlay (`?`): every key of the key table with what it does,
//! grouped by section, in two columns when the terminal is wide enough and
//! scrollable when it is not tall enough.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget};

use super::{Input, Reply, Screen, View};
use crate::tui::drill::Drill;
use crate::tui::keymap::{self, Command, Context, Section};
use crate::tui::theme::Theme;
use crate::tui::wrap;

/// The help overlay's own state: how far it is scrolled.
#[derive(Default)]
pub(in crate::tui) struct HelpOverlay {
    pub scroll: usize,
}

impl Screen for HelpOverlay {
    fn context(&self, _: &Drill) -> Context {
        Context::Help
    }

    fn handle(&mut self, command: Command, input: Input<'_>) -> Reply {
        let max = overflow(
            Rect::new(0, 0, input.size.width, input.size.height),
            input.theme,
        );
        let page =
            isize::try_from(usize::from(input.size.height).saturating_sub(1).max(1)).unwrap_or(1);
        let delta = match command {
            Command::CloseHelp | Command::ToggleHelp => return Reply::close(Vec::new()),
            Command::ScrollUp => -1,
            Command::ScrollDown => 1,
            Command::PageUp => -page,
            Command::PageDown => page,
            Command::ScrollTop => isize::MIN,
            Command::ScrollBottom => isize::MAX,
            _ => return Reply::none(),
        };
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        Reply::none()
    }

    fn render(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        render(self.scroll, view.theme, area, buf);
    }
}

/// Columns between the two halves.
const GAP: u16 = 2;
/// Border and padding on each side.
const FRAME: u16 = 2;

/// The sections of each column: two columns when they fit in `width`.
fn columns(width: u16, theme: &Theme) -> Vec<Vec<Line<'static>>> {
    let two = [
        &[Section::Card, Section::Answer][..],
        &[Section::Levels, Section::Summary, Section::General][..],
    ]
    .map(|sections| column_lines(sections, theme));
    if usize::from(width) >= content_width(&two) + 2 * usize::from(FRAME) {
        two.into()
    } else {
        vec![column_lines(&Section::ALL, theme)]
    }
}

fn content_width(columns: &[Vec<Line<'static>>]) -> usize {
    let widest: usize = columns
        .iter()
        .map(|c| c.iter().map(Line::width).max().unwrap_or(0))
        .sum();
    widest + usize::from(GAP) * columns.len().saturating_sub(1)
}

fn column_lines(sections: &[Section], theme: &Theme) -> Vec<Line<'static>> {
    let rows: Vec<_> = keymap::help_rows()
        .into_iter()
        .filter(|(s, _)| sections.contains(s))
        .collect();
    let mut lines = Vec::new();
    for (section, keys) in rows {
        // Each section lines its sentences up on its own widest key.
        let key_width = keys.iter().map(|(k, _)| wrap::width(k)).max().unwrap_or(0);
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title(), theme.chrome.section));
        for (keys, help) in keys {
            let pad = key_width.saturating_sub(wrap::width(&keys));
            lines.push(Line::from(vec![
                Span::styled(format!("{keys}{}", " ".repeat(pad)), theme.keys.key),
                Span::raw(format!("  {help}")),
            ]));
        }
    }
    lines
}

/// The overlay's frame, centred and no bigger than its content, and the
/// columns inside it.
fn layout(area: Rect, theme: &Theme) -> (Rect, Vec<Vec<Line<'static>>>) {
    let columns = columns(area.width, theme);
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let to_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let width = to_u16(content_width(&columns)).saturating_add(2 * FRAME);
    let height = to_u16(tallest).saturating_add(2);
    let popup = area.centered(Constraint::Max(width), Constraint::Max(height));
    (popup, columns)
}

fn inner(popup: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(popup)
}

/// How many lines of the help do not fit.
fn overflow(area: Rect, theme: &Theme) -> usize {
    let (popup, columns) = layout(area, theme);
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    tallest.saturating_sub(usize::from(inner(popup).height))
}

fn render(scroll: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (popup, columns) = layout(area, theme);
    Clear.render(popup, buf);
    let close = keymap::first_key(Command::CloseHelp, Context::Help);
    let overflow = overflow(area, theme);
    let scroll = scroll.min(overflow);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.chrome.border)
        .padding(Padding::horizontal(1))
        .title(Line::styled(" Keys ", theme.chrome.title))
        .title(Line::styled(format!(" {close} closes "), theme.chrome.muted).right_aligned());
    if overflow > 0 {
        block =
            block.title_bottom(Line::styled(" ↑↓ more ", theme.chrome.scrollbar).right_aligned());
    }
    block.render(popup, buf);
    let constraints: Vec<Constraint> = columns
        .iter()
        .map(|c| {
            let w = c.iter().map(Line::width).max().unwrap_or(0);
            Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX))
        })
        .collect();
    let areas = Layout::horizontal(constraints)
        .spacing(GAP)
        .split(inner(popup));
    for (lines, column) in columns.into_iter().zip(areas.iter()) {
        let lines: Vec<Line<'static>> = lines.into_iter().skip(scroll).collect();
        Paragraph::new(lines).render(*column, buf);
    }
}
