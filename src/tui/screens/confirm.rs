//! The "reset these cards?" question, over the summary: `y` resets the
//! filtered cards to unseen (their history kept), `n` or Esc keeps them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget, Wrap};

use super::{Input, Reply, Screen, View};
use crate::engine::Action;
use crate::tui::drill::Drill;
use crate::tui::keymap::{self, Command, Context};

pub(in crate::tui) struct ConfirmReset;

impl Screen for ConfirmReset {
    fn context(&self, _: &Drill) -> Context {
        Context::ConfirmReset
    }

    fn handle(&mut self, command: Command, input: Input<'_>) -> Reply {
        match command {
            Command::ConfirmReset => {
                Reply::close(input.drill.engine.apply(Action::ResetFiltered, input.now))
            }
            Command::CancelReset => Reply::close(Vec::new()),
            _ => Reply::none(),
        }
    }

    fn render(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        let theme = view.theme;
        let total = view.drill.engine.counters().all.total;
        let popup = area.centered(Constraint::Length(44), Constraint::Length(7));
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.chrome.notice)
            .padding(Padding::horizontal(1))
            .title(Line::styled(" Reset? ", theme.chrome.notice));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let text = vec![
            Line::from(format!("Set these {total} cards back to unseen?")),
            Line::styled("Their marking history is kept.", theme.chrome.muted),
            Line::raw(""),
            Line::from(vec![
                Span::styled(
                    keymap::first_key(Command::ConfirmReset, Context::ConfirmReset),
                    theme.keys.key,
                ),
                Span::raw(" reset    "),
                Span::styled(
                    keymap::first_key(Command::CancelReset, Context::ConfirmReset),
                    theme.keys.key,
                ),
                Span::raw(" keep them"),
            ]),
        ];
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}
