//! Markdown tables laid out for the terminal: columns as wide as their
//! widest cell when they fit, shared out fairly when they do not, cells
//! wrapped inside their column, alignment from the table's header line.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use crate::tui::theme::Theme;
use crate::tui::wrap::{Frag, fit_columns, frags_width, spans, width, wrap};

/// Between table columns.
const COLUMN_GAP: &str = " │ ";

/// A table as read from the Markdown events.
pub(super) struct Table {
    pub aligns: Vec<Alignment>,
    /// Rows of cells; a cell is styled text.
    pub rows: Vec<Vec<Vec<Frag>>>,
    /// How many leading rows are the header.
    pub header_rows: usize,
}

impl Table {
    /// The table's screen lines, at most `max` columns wide when the width
    /// allows one column per cell.
    pub fn lines(&self, max: usize, theme: &Theme) -> Vec<Vec<Span<'static>>> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut out = Vec::new();
        if columns == 0 {
            return out;
        }
        let mut natural = vec![0usize; columns];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                natural[i] = natural[i].max(frags_width(cell));
            }
        }
        let gaps = width(COLUMN_GAP) * (columns - 1);
        let widths = fit_columns(&natural, max.saturating_sub(gaps));
        let empty = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let header = r < self.header_rows;
            let cells: Vec<Vec<Vec<Frag>>> = (0..columns)
                .map(|i| {
                    let mut cell = row.get(i).unwrap_or(&empty).clone();
                    if header {
                        cell.iter_mut()
                            .for_each(|(_, s)| *s = s.patch(theme.markdown.table_header));
                    }
                    wrap(&cell, widths[i])
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for l in 0..height {
                let mut line = Vec::new();
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        line.push(Span::styled(COLUMN_GAP, theme.markdown.table_border));
                    }
                    let text = cell.get(l).cloned().unwrap_or_default();
                    let pad = widths[i].saturating_sub(frags_width(&text));
                    let align = self.aligns.get(i).copied().unwrap_or(Alignment::None);
                    let (left, right) = match align {
                        Alignment::Right => (pad, 0),
                        Alignment::Center => (pad / 2, pad - pad / 2),
                        Alignment::Left | Alignment::None => (0, pad),
                    };
                    line.push(Span::raw(" ".repeat(left)));
                    line.extend(spans(text));
                    if right > 0 && i + 1 < columns {
                        line.push(Span::raw(" ".repeat(right)));
                    }
                }
                out.push(line);
            }
            if r + 1 == self.header_rows {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                out.push(vec![Span::styled(
                    rule.join("─┼─"),
                    theme.markdown.table_border,
                )]);
            }
        }
        out
    }
}
