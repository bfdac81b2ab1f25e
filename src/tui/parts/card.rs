//! The card frame and where its parts go: the bordered block with the level
//! badge, tags, "marked" note and place in the pass on top and the deck
//! below, the question wrapped inside, and the area left for the answer.
//!
//! Reading width: the frame spans the terminal, but the question and the
//! answer wrap at [`READING_WIDTH`] columns at most, as pagers and readers
//! keep lines short. The text stays left-aligned against the frame's
//! padding (where the level badge and the deck name start), so a wide
//! terminal leaves the room on the right rather than moving the text
//! about as the window changes size.
//!
//! Inline code in a question (text between backticks, as in Markdown) is
//! drawn in the theme's inline-code style, as in answers; the backticks
//! stay only in the theme without colour.

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

/// The widest the question and answer text run, in columns.
pub(in crate::tui) const READING_WIDTH: u16 = 100;

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
    let frame = block(drill, theme, card, body.width).inner(body);
    let inner = Rect {
        width: frame.width.min(READING_WIDTH),
        ..frame
    };
    let frags = question_frags(&card.question, theme);
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

/// The question as styled fragments: inline code spans (between runs of
/// backticks of the same length, as in Markdown) in the inline-code style,
/// the rest in the question's. A backtick with no partner is kept as typed.
fn question_frags(question: &str, theme: &Theme) -> Vec<Frag> {
    let text = one_line(question);
    let base = theme.card.question;
    let code = base.patch(theme.markdown.inline_code);
    let mut frags: Vec<Frag> = Vec::new();
    let mut plain = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find('`') {
        let run = ticks_at(&rest[start..]);
        let after = &rest[start + run..];
        let Some(end) = closing_ticks(after, run) else {
            plain.push_str(&rest[..start + run]);
            rest = after;
            continue;
        };
        plain.push_str(&rest[..start]);
        if !plain.is_empty() {
            frags.push((std::mem::take(&mut plain), base));
        }
        let mut inner = &after[..end];
        // As in Markdown, one space each side lets a span start or end
        // with a backtick; it is not part of the code.
        if inner.len() >= 2 && inner.starts_with(' ') && inner.ends_with(' ') {
            inner = &inner[1..inner.len() - 1];
        }
        let shown = if theme.markdown.inline_code_ticks {
            format!("`{inner}`")
        } else {
            inner.to_string()
        };
        frags.push((shown, code));
        rest = &after[end + run..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        frags.push((plain, base));
    }
    frags
}

/// How many backticks `text` starts with.
fn ticks_at(text: &str) -> usize {
    text.bytes().take_while(|b| *b == b'`').count()
}

/// Where in `text` the next run of exactly `run` backticks starts.
fn closing_ticks(text: &str, run: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = text[at..].find('`') {
        let start = at + found;
        let n = ticks_at(&text[start..]);
        if n == run {
            return Some(start);
        }
        at = start + n;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(question: &str, theme: &Theme) -> Vec<(String, bool)> {
        let code = theme.card.question.patch(theme.markdown.inline_code);
        question_frags(question, theme)
            .into_iter()
            .map(|(text, style)| (text, style == code))
            .collect()
    }

    fn owned(frags: &[(&str, bool)]) -> Vec<(String, bool)> {
        frags.iter().map(|(t, c)| (t.to_string(), *c)).collect()
    }

    #[test]
    fn backticks_in_a_question_are_inline_code() {
        let theme = Theme::colored();
        assert_eq!(
            shown("What does `SELECT 1` return?", &theme),
            owned(&[
                ("What does ", false),
                ("SELECT 1", true),
                (" return?", false)
            ])
        );
        // Double ticks hold a single one; the spaces inside are padding.
        assert_eq!(
            shown("Is `` ` `` a tick?", &theme),
            owned(&[("Is ", false), ("`", true), (" a tick?", false)])
        );
        // An unmatched tick is text.
        assert_eq!(shown("Why `x", &theme), owned(&[("Why `x", false)]));
        assert_eq!(shown("Plain", &theme), owned(&[("Plain", false)]));
    }

    #[test]
    fn without_colour_the_backticks_stay() {
        let theme = Theme::plain();
        let frags = question_frags("Run `ls` now", &theme);
        let text: String = frags.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, "Run `ls` now");
    }
}
