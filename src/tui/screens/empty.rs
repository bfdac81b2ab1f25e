//! The screen for a filter that selects no card: what is drilled, the level
//! keys that change it, and the commands that show what there is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use super::{Input, Reply, Screen, View};
use crate::deck::Level;
use crate::tui::drill::Drill;
use crate::tui::keymap::{self, Command, Context};

/// No state: the level keys, the only way out besides quitting, act on the
/// whole drill and are the router's.
pub(in crate::tui) struct EmptyScreen;

impl Screen for EmptyScreen {
    fn context(&self, _: &Drill) -> Context {
        Context::Empty
    }

    fn handle(&mut self, _: Command, _: Input<'_>) -> Reply {
        Reply::none()
    }

    fn render(&self, view: &View<'_>, body: Rect, buf: &mut Buffer) {
        let theme = view.theme;
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.chrome.border)
            .padding(Padding::new(2, 2, 1, 0));
        let inner = block.inner(body);
        block.render(body, buf);
        let levels: Vec<Span<'static>> = Level::ALL
            .into_iter()
            .flat_map(|level| {
                [
                    Span::styled(
                        keymap::first_key(Command::ToggleLevel(level), Context::Empty),
                        theme.keys.key,
                    ),
                    Span::raw(format!(" {}  ", level.name())),
                ]
            })
            .collect();
        let text = vec![
            Line::styled("No cards match this filter.", theme.chrome.notice),
            Line::styled(
                format!("Drilling: {}", view.drill.engine.filter()),
                theme.chrome.muted,
            ),
            Line::raw(""),
            Line::raw("Change the levels:"),
            Line::from(levels),
            Line::raw(""),
            Line::raw(
                "or quit and drill other filters: `prepdeck list --json` shows each card's deck, level and tags, and `prepdeck drill --all` drills every card.",
            ),
        ];
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}
