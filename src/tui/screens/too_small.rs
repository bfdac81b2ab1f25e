//! What any screen shows while the terminal is below the smallest size the
//! drill draws at: the size, the size needed and the key that quits.
//! Nothing else is on screen to act on, so only quitting works.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::keymap::{self, Command, Context};
use crate::tui::parts::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::theme::Theme;

pub(in crate::tui) fn render(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::styled("Terminal too small", theme.chrome.notice),
        Line::from(format!("{}×{}", area.width, area.height)),
        Line::from(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
        Line::from(format!(
            "{} quits",
            keymap::first_key(Command::Quit, Context::TooSmall)
        )),
    ];
    let height = u16::try_from(text.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let inner = Rect::new(area.x, top, area.width, height);
    Paragraph::new(text).centered().render(inner, buf);
}
