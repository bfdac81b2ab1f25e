//! Markdown tables laid out for the terminal: columns as wide as their
//! widest cell when they fit, shared out fairly when they do not, cells
//! wrapped inside their column, alignment from the table's header line.
//!
//! When the columns cannot each get a few characters, or wrapping a long
//! cell into a narrow column would make the table far taller than its
//! text, each row is shown as a block of `header: value` lines instead.
//! That keeps a wide table readable on a small screen and bounds the work
//! by the size of the text, not by columns × text.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use crate::tui::theme::Theme;
use crate::tui::wrap::{Frag, fit_columns, frags_width, spans, width, wrap};

/// Between table columns.
const COLUMN_GAP: &str = " │ ";

/// The narrowest a column may be before the table is stacked.
const MIN_COLUMN: usize = 3;

/// How much more work than the stacked layout the columns may cost.
const MAX_COLUMN_COST: usize = 8;

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
        if gaps + columns * MIN_COLUMN > max {
            return self.stacked(max, theme);
        }
        let widths = fit_columns(&natural, max.saturating_sub(gaps));
        // Rows the column layout takes (each line costs a span per column)
        // against the lines of the stacked layout.
        let rows_of = |text: usize, w: usize| text.div_ceil(w.max(1)).max(1);
        let column_rows: usize = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, cell)| rows_of(frags_width(cell), widths[i]))
                    .max()
                    .unwrap_or(1)
            })
            .sum();
        let stacked_rows: usize = self
            .rows
            .iter()
            .flat_map(|row| row.iter().map(|cell| rows_of(frags_width(cell) + 8, max)))
            .sum();
        if column_rows * columns > MAX_COLUMN_COST * stacked_rows.max(1) {
            return self.stacked(max, theme);
        }
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

    /// Each row as a block of `header: value` lines, `max` columns wide,
    /// rows separated by a rule. A table without a header row numbers its
    /// columns instead.
    fn stacked(&self, max: usize, theme: &Theme) -> Vec<Vec<Span<'static>>> {
        let header_style = theme.markdown.table_header;
        let label = |i: usize| -> String {
            let named = self
                .rows
                .first()
                .filter(|_| self.header_rows > 0)
                .and_then(|header| header.get(i))
                .map(|cell| cell.iter().map(|(t, _)| t.as_str()).collect::<String>())
                .filter(|name| !name.trim().is_empty());
            named.unwrap_or_else(|| format!("Column {}", i + 1))
        };
        let body = self.rows.get(self.header_rows..).unwrap_or_default();
        let rows: &[Vec<Vec<Frag>>] = if body.is_empty() { &self.rows } else { body };
        let mut out = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            if r > 0 {
                out.push(vec![Span::styled(
                    "─".repeat(max.max(1)),
                    theme.markdown.table_border,
                )]);
            }
            for (i, cell) in row.iter().enumerate() {
                let mut frags: Vec<Frag> = vec![(format!("{}: ", label(i)), header_style)];
                frags.extend(cell.iter().cloned());
                out.extend(
                    wrap(&frags, max.max(1))
                        .into_iter()
                        .map(|line| spans(line).collect()),
                );
            }
        }
        out
    }
}
