//! The card frame and where its parts go: the bordered block with the level
//! badge, tags, "marked" note and place in the pass on top and the deck
//! below, the question wrapped inside, and the area left for the answer.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding};

use super::truncate;
use crate::deck::Card;
use crate::engine::{Phase, Status};
use crate::text::one_line;
use crate::tui::drill::Drill;
use crate::tui::theme::Theme;
use crate::tui::wrap::{self, Frag};

/// Where each part of the card goes.
pub(in crate::tui) struct CardLayout {
    pub question: Vec<Line<'static>>,
    pub question_area: Rect,
    pub answer_area: Rect,
}

/// The card's frame at `width` columns.
pub(in crate::tui) fn block(
    drill: &Drill,
    theme: &Theme,
    card: &Card,
    width: u16,
) -> Block<'static> {
    let chrome = &theme.chrome;
    let mut title = vec![
        Span::raw(" "),
        Span::styled(format!(" {} ", card.level.name()), theme.level(card.level)),
    ];
    let engine = &drill.engine;
    let mut right = Vec::new();
    match engine.current_status() {
        Some(Status::Knew) => right.push(Span::styled(" marked knew ", theme.marks.knew)),
        Some(Status::Learnt) => right.push(Span::styled(" marked learnt ", theme.marks.learnt)),
        _ => {}
    }
    let (at, of) = (engine.position() + 1, engine.queue_len());
    let badge = Line::from(title.clone()).width();
    let marked: usize = right.iter().map(Span::width).sum();
    let long = format!(" {at} of {of} in this pass ");
    let place = if 2 + badge + marked + wrap::width(&long) <= usize::from(width) {
        long
    } else {
        format!(" {at}/{of} ")
    };
    right.push(Span::styled(place, chrome.muted));
    let right = Line::from(right);
    if !card.tags.is_empty() {
        // Corners, the badge, the right-hand title and a gap come first.
        let used = 2 + badge + right.width() + 2;
        let room = usize::from(width).saturating_sub(used);
        let tags: Vec<String> = card.tags.iter().map(|t| one_line(t)).collect();
        let tags = truncate(&tags.join(" · "), room.saturating_sub(2));
        if room > 4 {
            title.push(Span::styled(format!(" {tags} "), chrome.muted));
        }
    }
    let deck = drill.deck_title(&card.deck).unwrap_or(&card.deck);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(chrome.border)
        .padding(Padding::horizontal(1))
        .title(Line::from(title))
        .title(right.right_aligned())
        .title_bottom(Line::styled(format!(" {} ", one_line(deck)), chrome.muted))
}

/// The question and answer areas of the card in `body`.
pub(in crate::tui) fn layout(drill: &Drill, theme: &Theme, card: &Card, body: Rect) -> CardLayout {
    let inner = block(drill, theme, card, body.width).inner(body);
    let frags: Vec<Frag> = vec![(one_line(&card.question), theme.card.question)];
    let mut question: Vec<Line<'static>> = wrap::wrap(&frags, usize::from(inner.width))
        .into_iter()
        .map(|l| Line::from(wrap::spans(l).collect::<Vec<_>>()))
        .collect();
    // The question may take every row but the prompt's before the reveal,
    // and at most half the card after it, so the answer always shows.
    let max_rows = if drill.engine.phase() == Phase::Answer {
        (inner.height.saturating_sub(1) / 2).max(1)
    } else {
        inner.height.saturating_sub(2).max(1)
    };
    let q_height = u16::try_from(question.len())
        .unwrap_or(u16::MAX)
        .min(max_rows)
        .min(inner.height);
    if question.len() > usize::from(q_height) {
        question.truncate(usize::from(q_height));
        if let Some(last) = question.last_mut() {
            let text = format!("{last} …");
            *last = Line::styled(
                truncate(&text, usize::from(inner.width)),
                theme.card.question,
            );
        }
    }
    let question_area = Rect {
        height: q_height,
        ..inner
    };
    // One blank line between question and answer.
    let gap = (q_height + 1).min(inner.height);
    let answer_area = Rect {
        y: inner.y + gap,
        height: inner.height - gap,
        ..inner
    };
    CardLayout {
        question,
        question_area,
        answer_area,
    }
}
