//! The card screen: the question, then (after the reveal) the answer as
//! rendered Markdown with a scroll position and a scrollbar. Its commands
//! mark, undo, move between cards and scroll. The rendered answer is kept
//! per card and width, so layout questions (how far can it scroll, how big
//! is a page) never render it again.
//!
//! Its footer offers only what a key would do now: `u undo` only with a
//! mark to take back, `↓ scroll` only while there is more below, and at the
//! end of a long answer `↑ scroll up` in its place.

use std::cell::{Ref, RefCell};

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::{Input, Reply, Screen, View};
use crate::deck::Card;
use crate::engine::{Action, Mark, Phase};
use crate::tui::drill::Drill;
use crate::tui::keymap::{self, Command, Context, Hint};
use crate::tui::markdown;
use crate::tui::parts::{self, card::CardLayout};
use crate::tui::theme::Theme;

/// An answer rendered at one width (empty until the first render: no
/// card has an empty id).
#[derive(Default)]
struct Rendered {
    card: String,
    width: u16,
    lines: Vec<Line<'static>>,
}

/// The card screen's own state.
#[derive(Default)]
pub(in crate::tui) struct CardScreen {
    /// First answer line shown.
    pub scroll: usize,
    rendered: RefCell<Rendered>,
}

impl CardScreen {
    /// The layout of the current card at the terminal `size`.
    fn layout<'d>(drill: &'d Drill, theme: &Theme, size: Size) -> Option<(&'d Card, CardLayout)> {
        let card = drill.engine.current()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if area.width < parts::MIN_WIDTH || area.height < parts::MIN_HEIGHT {
            return None;
        }
        let [_, body, _] = parts::split(area);
        Some((card, parts::card::layout(drill, theme, card, body)))
    }

    /// The answer of `card` rendered `width` columns wide, from the cache
    /// when it holds that card at that width.
    fn answer(&self, card: &Card, width: u16, theme: &Theme) -> Ref<'_, Vec<Line<'static>>> {
        let fresh = {
            let r = self.rendered.borrow();
            r.card == card.id && r.width == width
        };
        if !fresh {
            *self.rendered.borrow_mut() = Rendered {
                card: card.id.clone(),
                width,
                lines: markdown::render(&card.answer, width, theme),
            };
        }
        Ref::map(self.rendered.borrow(), |r| &r.lines)
    }

    /// How many answer lines fit on screen.
    pub fn answer_rows(drill: &Drill, theme: &Theme, size: Size) -> usize {
        Self::layout(drill, theme, size).map_or(0, |(_, l)| usize::from(l.answer_area.height))
    }

    /// How many answer lines do not fit: the furthest the answer scrolls.
    pub fn max_scroll(&self, drill: &Drill, theme: &Theme, size: Size) -> usize {
        if drill.engine.phase() != Phase::Answer {
            return 0;
        }
        Self::layout(drill, theme, size).map_or(0, |(card, l)| {
            self.answer(card, l.answer_area.width, theme)
                .len()
                .saturating_sub(usize::from(l.answer_area.height))
        })
    }

    /// Keeps the scroll within the answer after a resize.
    pub fn clamp_scroll(&mut self, drill: &Drill, theme: &Theme, size: Size) {
        self.scroll = self.scroll.min(self.max_scroll(drill, theme, size));
    }

    fn scroll_by(&mut self, delta: isize, input: &Input<'_>) {
        let max = self.max_scroll(input.drill, input.theme, input.size);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// Carries out an engine action on a new card (or a new phase of it):
    /// the answer starts at its top.
    fn act(&mut self, action: Action, input: Input<'_>) -> Reply {
        self.scroll = 0;
        Reply::effects(input.drill.engine.apply(action, input.now))
    }
}

impl Screen for CardScreen {
    fn context(&self, drill: &Drill) -> Context {
        match drill.engine.phase() {
            Phase::Answer => Context::Answer,
            _ => Context::Question,
        }
    }

    fn handle(&mut self, command: Command, input: Input<'_>) -> Reply {
        let page = |input: &Input<'_>| {
            let rows = Self::answer_rows(input.drill, input.theme, input.size);
            isize::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1)
        };
        match command {
            Command::Reveal => self.act(Action::Reveal, input),
            Command::MarkKnew => self.act(Action::Mark(Mark::Knew), input),
            Command::MarkLearnt => self.act(Action::Mark(Mark::Learnt), input),
            Command::MarkSkipped => self.act(Action::Mark(Mark::Skipped), input),
            Command::PreviousCard => self.act(Action::Previous, input),
            Command::NextCard => self.act(Action::Next, input),
            Command::Undo => {
                if input.drill.engine.can_undo() {
                    self.scroll = 0;
                }
                Reply::effects(input.drill.undo(input.now))
            }
            Command::ScrollUp => {
                self.scroll_by(-1, &input);
                Reply::none()
            }
            Command::ScrollDown => {
                self.scroll_by(1, &input);
                Reply::none()
            }
            Command::PageUp => {
                self.scroll_by(-page(&input), &input);
                Reply::none()
            }
            Command::PageDown => {
                self.scroll_by(page(&input), &input);
                Reply::none()
            }
            Command::ScrollTop => {
                self.scroll_by(isize::MIN, &input);
                Reply::none()
            }
            Command::ScrollBottom => {
                self.scroll_by(isize::MAX, &input);
                Reply::none()
            }
            _ => Reply::none(),
        }
    }

    /// The hints say only what a key would do now: no undo with nothing
    /// to undo; no scroll hint for an answer that fits; and at the end of
    /// a long answer `↑ scroll up` in place of `↓ scroll`.
    fn hints(&self, view: &View<'_>) -> Vec<Hint> {
        let context = self.context(view.drill);
        let mut hints = keymap::hints(context);
        if !view.drill.engine.can_undo() {
            hints.retain(|h| h.command != Command::Undo);
        }
        if context == Context::Answer {
            let max = self.max_scroll(view.drill, view.theme, view.size);
            let up = keymap::hint(Command::ScrollUp, context);
            match (max, up) {
                (0, _) | (_, None) => hints.retain(|h| h.command != Command::ScrollDown),
                (max, Some(up)) if self.scroll >= max => {
                    for hint in &mut hints {
                        if hint.command == Command::ScrollDown {
                            *hint = up.clone();
                        }
                    }
                }
                _ => {}
            }
        }
        hints
    }

    fn render(&self, view: &View<'_>, body: Rect, buf: &mut Buffer) {
        let (drill, theme) = (view.drill, view.theme);
        let Some(card) = drill.engine.current() else {
            return;
        };
        let layout = parts::card::layout(drill, theme, card, body);
        let mut block = parts::card::block(drill, theme, card, body.width);
        let answer_area = layout.answer_area;
        if drill.engine.phase() == Phase::Answer {
            let answer = self.answer(card, answer_area.width, theme);
            let rows = usize::from(answer_area.height);
            let overflow = answer.len().saturating_sub(rows);
            let scroll = self.scroll.min(overflow);
            if overflow > 0 {
                let last = (scroll + rows).min(answer.len());
                let arrows = match (scroll > 0, scroll < overflow) {
                    (true, true) => "↑↓",
                    (false, true) => "↓",
                    _ => "↑",
                };
                let label = format!(" {arrows} lines {}–{last} of {} ", scroll + 1, answer.len());
                block =
                    block.title_bottom(Line::styled(label, theme.chrome.scrollbar).right_aligned());
            }
            block.render(body, buf);
            let visible: Vec<Line<'static>> =
                answer.iter().skip(scroll).take(rows).cloned().collect();
            Paragraph::new(visible).render(answer_area, buf);
            if overflow > 0 {
                let bar_area = Rect {
                    x: body.right().saturating_sub(1),
                    width: 1,
                    ..answer_area
                };
                let mut state = ScrollbarState::new(overflow + 1)
                    .viewport_content_length(rows)
                    .position(scroll);
                Scrollbar::new(ScrollbarOrientation::VerticalRight)
                    .begin_symbol(None)
                    .end_symbol(None)
                    .track_symbol(Some("│"))
                    .thumb_symbol("┃")
                    .track_style(theme.chrome.border)
                    .thumb_style(theme.chrome.scrollbar)
                    .render(bar_area, buf, &mut state);
            }
        } else {
            block.render(body, buf);
            let reveal = keymap::key_labels(Command::Reveal, Context::Question).join(" or ");
            let prompt = Line::from(vec![
                Span::styled("Say your answer, then press ", theme.card.prompt),
                Span::styled(reveal, theme.keys.key),
                Span::styled(" to see it.", theme.card.prompt),
            ]);
            Paragraph::new(prompt).render(answer_area, buf);
        }
        Paragraph::new(layout.question).render(layout.question_area, buf);
    }
}
