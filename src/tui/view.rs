//! Drawing the drill: `Widget for &App` lays out the header (title, level
//! chips, progress gauge), the card (badge, tags, question, answer with a
//! scroll indicator), the footer (counters and key hints from the key table),
//! and the messages for a tiny terminal or a filter with no cards. Drawing
//! only reads the app; it never panics at any size.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, LineGauge, Padding, Paragraph, Scrollbar, ScrollbarOrientation,
    ScrollbarState, StatefulWidget, Widget,
};

use super::app::App;
use super::keymap::{self, Action, Context};
use super::markdown;
use super::wrap::{self, Frag};
use crate::deck::{Card, Level};
use crate::engine::{Phase, Status};
use crate::text::one_line;

/// Below this size the drill shows only a "too small" message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf);
            return;
        }
        let [header, body, footer] = split(area);
        render_header(self, header, buf);
        if self.engine.is_empty() {
            render_empty(self, body, buf);
        } else if self.engine.phase() == Phase::Finished {
            super::summary::render(self, body, buf);
        } else {
            render_card(self, body, buf);
        }
        render_footer(self, footer, buf);
        if self.confirm_reset {
            super::summary::render_confirm(self, area, buf);
        }
        if self.help {
            super::help::render(self, area, buf);
        }
    }
}

/// Header, body and footer.
fn split(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area)
}

/// Cuts `text` to `max` columns, ending in an ellipsis when cut.
pub(super) fn truncate(text: &str, max: usize) -> String {
    if wrap::width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = wrap::width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// The first key of the binding for `action` on a screen, as written.
pub(super) fn key_for(action: Action, context: Context) -> String {
    keymap::BINDINGS
        .iter()
        .find(|b| b.action == action && b.contexts.contains(context))
        .and_then(|b| b.keys.first())
        .map(|k| k.label())
        .unwrap_or_default()
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::styled("Terminal too small", app.theme.notice),
        Line::from(format!("{}×{}", area.width, area.height)),
        Line::from(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
        Line::from(format!(
            "{} quits",
            key_for(Action::Quit, Context::TooSmall)
        )),
    ];
    let height = u16::try_from(text.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let inner = Rect::new(area.x, top, area.width, height);
    Paragraph::new(text).centered().render(inner, buf);
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let chip_line = |letters: usize| -> Line<'static> {
        let spans: Vec<Span<'static>> = Level::ALL
            .into_iter()
            .flat_map(|level| {
                let style = if app.level_on(level) {
                    theme.chip_on
                } else {
                    theme.chip_off
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
    let title_text = one_line(&app.title());
    let full = format!("prepdeck · {title_text}");
    let title = if wrap::width(&full) <= room {
        full
    } else {
        truncate(&title_text, room)
    };
    Line::from(vec![Span::raw(" "), Span::styled(title, theme.title)]).render(left, buf);
    chips.render(right, buf);

    let counts = app.engine.counters().all;
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
        .filled_style(theme.gauge_filled)
        .unfilled_style(theme.gauge_unfilled)
        .render(bottom, buf);
}

/// A level's name (its first `letters` letters) for its header chip, with
/// the key that filters it underlined when the name starts with that key
/// (`b`eginner).
fn chip_label(level: Level, letters: usize, style: Style) -> Vec<Span<'static>> {
    let key = key_for(Action::ToggleLevel(level), Context::Question);
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

/// Where each part of the card goes.
struct CardLayout {
    question: Vec<Line<'static>>,
    question_area: Rect,
    answer_area: Rect,
}

fn card_block(app: &App, card: &Card, width: u16) -> Block<'static> {
    let theme = &app.theme;
    let mut title = vec![
        Span::raw(" "),
        Span::styled(format!(" {} ", card.level.name()), theme.level(card.level)),
    ];
    let engine = &app.engine;
    let mut right = Vec::new();
    match engine.current_status() {
        Some(Status::Knew) => right.push(Span::styled(" marked knew ", theme.knew)),
        Some(Status::Learnt) => right.push(Span::styled(" marked learnt ", theme.learnt)),
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
    right.push(Span::styled(place, theme.muted));
    let right = Line::from(right);
    if !card.tags.is_empty() {
        // Corners, the badge, the right-hand title and a gap come first.
        let used = 2 + badge + right.width() + 2;
        let room = usize::from(width).saturating_sub(used);
        let tags: Vec<String> = card.tags.iter().map(|t| one_line(t)).collect();
        let tags = truncate(&tags.join(" · "), room.saturating_sub(2));
        if room > 4 {
            title.push(Span::styled(format!(" {tags} "), theme.muted));
        }
    }
    let deck = app.deck_title(&card.deck).unwrap_or(&card.deck);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .padding(Padding::horizontal(1))
        .title(Line::from(title))
        .title(right.right_aligned())
        .title_bottom(Line::styled(format!(" {} ", one_line(deck)), theme.muted))
}

fn card_layout(app: &App, card: &Card, body: Rect) -> CardLayout {
    let inner = card_block(app, card, body.width).inner(body);
    let frags: Vec<Frag> = vec![(one_line(&card.question), app.theme.question)];
    let mut question: Vec<Line<'static>> = wrap::wrap(&frags, usize::from(inner.width))
        .into_iter()
        .map(|l| Line::from(wrap::spans(l).collect::<Vec<_>>()))
        .collect();
    // The question may take every row but the prompt's before the reveal,
    // and at most half the card after it, so the answer always shows.
    let max_rows = if app.engine.phase() == Phase::Answer {
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
                app.theme.question,
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

/// The card's layout at the size the app was last drawn at.
fn current_layout(app: &App) -> Option<(CardLayout, Vec<Line<'static>>)> {
    let card = app.engine.current()?;
    let area = Rect::new(0, 0, app.size.width, app.size.height);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [_, body, _] = split(area);
    let layout = card_layout(app, card, body);
    let answer = if app.engine.phase() == Phase::Answer {
        markdown::render(&card.answer, layout.answer_area.width, &app.theme)
    } else {
        Vec::new()
    };
    Some((layout, answer))
}

/// How many answer lines fit on screen.
pub(super) fn answer_rows(app: &App) -> usize {
    current_layout(app).map_or(0, |(l, _)| usize::from(l.answer_area.height))
}

/// How many answer lines do not fit (the furthest the answer can scroll).
pub(super) fn answer_overflow(app: &App) -> usize {
    current_layout(app).map_or(0, |(l, answer)| {
        answer
            .len()
            .saturating_sub(usize::from(l.answer_area.height))
    })
}

fn render_card(app: &App, body: Rect, buf: &mut Buffer) {
    let Some(card) = app.engine.current() else {
        return;
    };
    let theme = &app.theme;
    let layout = card_layout(app, card, body);
    let mut block = card_block(app, card, body.width);
    let answer_area = layout.answer_area;
    if app.engine.phase() == Phase::Answer {
        let answer = markdown::render(&card.answer, answer_area.width, theme);
        let rows = usize::from(answer_area.height);
        let overflow = answer.len().saturating_sub(rows);
        let scroll = app.scroll.min(overflow);
        if overflow > 0 {
            let last = (scroll + rows).min(answer.len());
            let arrows = match (scroll > 0, scroll < overflow) {
                (true, true) => "↑↓",
                (false, true) => "↓",
                _ => "↑",
            };
            let label = format!(" {arrows} lines {}–{last} of {} ", scroll + 1, answer.len());
            block = block.title_bottom(Line::styled(label, theme.scrollbar).right_aligned());
        }
        block.render(body, buf);
        let visible: Vec<Line<'static>> = answer.into_iter().skip(scroll).take(rows).collect();
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
                .track_style(theme.border)
                .thumb_style(theme.scrollbar)
                .render(bar_area, buf, &mut state);
        }
    } else {
        block.render(body, buf);
        let reveal = keymap::BINDINGS
            .iter()
            .find(|b| b.action == Action::Reveal)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                keys.join(" or ")
            })
            .unwrap_or_default();
        let prompt = Line::from(vec![
            Span::styled("Say your answer, then press ", theme.prompt),
            Span::styled(reveal, theme.key),
            Span::styled(" to see it.", theme.prompt),
        ]);
        Paragraph::new(prompt).render(answer_area, buf);
    }
    Paragraph::new(layout.question).render(layout.question_area, buf);
}

fn render_empty(app: &App, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .padding(Padding::new(2, 2, 1, 0));
    let inner = block.inner(body);
    block.render(body, buf);
    let levels: Vec<Span<'static>> = Level::ALL
        .into_iter()
        .flat_map(|level| {
            [
                Span::styled(
                    key_for(Action::ToggleLevel(level), Context::Empty),
                    theme.key,
                ),
                Span::raw(format!(" {}  ", level.name())),
            ]
        })
        .collect();
    let filter = crate::cli::settings::describe(app.engine.filter());
    let text = vec![
        Line::styled("No cards match this filter.", theme.notice),
        Line::styled(format!("Drilling: {filter}"), theme.muted),
        Line::raw(""),
        Line::raw("Change the levels:"),
        Line::from(levels),
        Line::raw(""),
        Line::raw(
            "or quit and drill other filters: `prepdeck list --json` shows each card's deck, level and tags, and `prepdeck drill --all` drills every card.",
        ),
    ];
    Paragraph::new(text)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(inner, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let counts = app.engine.counters().all;
    let line = |[knew, learnt, skipped]: [&str; 3]| {
        Line::from(vec![
            Span::raw(" "),
            Span::styled(format!("{knew} {}", counts.knew), theme.knew),
            Span::styled(" · ", theme.muted),
            Span::styled(format!("{learnt} {}", counts.learnt), theme.learnt),
            Span::styled(" · ", theme.muted),
            Span::styled(format!("{skipped} {}", counts.skipped), theme.skipped),
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
    let right = match &app.notice {
        Some(notice) => Line::styled(format!("{} ", truncate(notice, room)), theme.notice),
        None => {
            let unseen = format!("Unseen {}", counts.unseen);
            if wrap::width(&unseen) <= room {
                Line::styled(format!("{unseen} "), theme.muted)
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
    hint_line(app, usize::from(bottom.width)).render(bottom, buf);
}

/// The key hints for the screen in front, as many as fit; help and quit are
/// dropped last.
fn hint_line(app: &App, max: usize) -> Line<'static> {
    let theme = &app.theme;
    let mut hints = keymap::hints(app.context());
    // An answer that fits has nothing to scroll: no hint for it.
    if app.context() == Context::Answer && app.max_scroll() == 0 {
        hints.retain(|(_, hint)| *hint != "scroll");
    }
    let width = |hints: &[(String, &str)]| -> usize {
        1 + hints
            .iter()
            .map(|(k, h)| wrap::width(k) + 1 + wrap::width(h) + 2)
            .sum::<usize>()
    };
    while width(&hints) > max && !hints.is_empty() {
        let drop = hints
            .iter()
            .rposition(|(_, h)| !matches!(*h, "help" | "quit"))
            .unwrap_or(hints.len() - 1);
        hints.remove(drop);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, hint) in hints {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {hint}  "), theme.hint));
    }
    Line::from(spans)
}
