//! The pieces screens are made of: the header (title, level chips, progress
//! gauge), the card frame (level badge, tags, place in the pass, deck) and
//! the footer (counters, notice, key hints), plus the layout every drill
//! screen shares. Parts only read; they never panic at any size.

pub(super) mod card;
pub(super) mod footer;
pub(super) mod header;

use ratatui::layout::{Constraint, Layout, Rect};

use super::wrap;

/// Below this size the drill shows only a "too small" message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Header, body and footer.
pub(super) fn split(area: Rect) -> [Rect; 3] {
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

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncate_keeps_what_fits_and_marks_a_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer title", 6), "a lon…");
        assert_eq!(truncate("anything", 0), "");
    }
}
