//! How the renderer lays out blocks: the indent and markers of the lists
//! and quotes a line sits in, starting and flushing paragraphs, and fenced
//! code and tables, which are laid out whole when they end.

use ratatui::text::{Line, Span};

use super::table::Table;
use super::{CodeBlock, Container, Renderer};
use crate::text::sanitize;
use crate::tui::wrap::{hard_wrap, spans, width, wrap};

impl Renderer<'_> {
    /// Columns left for text after the containers' prefixes.
    pub(super) fn content_width(&self) -> usize {
        let used: usize = self
            .containers
            .iter()
            .map(|c| match c {
                Container::Quote => 2,
                Container::List(_) => 0,
                Container::Item { width, .. } => *width,
            })
            .sum();
        self.columns.saturating_sub(used).max(1)
    }

    /// The spans that start a line: quote bars and list markers. `first`
    /// takes list markers not shown yet; other lines get spaces instead.
    pub(super) fn prefix(&mut self, first: bool) -> Vec<Span<'static>> {
        let theme = self.theme;
        let mut out = Vec::new();
        for container in &mut self.containers {
            match container {
                Container::Quote => out.push(Span::styled("│ ", theme.markdown.quote)),
                Container::List(_) => {}
                Container::Item { marker, width } => match marker.take_if(|_| first) {
                    Some(m) => out.push(Span::styled(m, theme.markdown.list_marker)),
                    None => out.push(Span::raw(" ".repeat(*width))),
                },
            }
        }
        out
    }

    /// Ends any text in progress and puts the blank line before a new block.
    pub(super) fn start_block(&mut self) {
        self.flush();
        if self.need_blank && !self.lines.is_empty() {
            let mut prefix = self.prefix(false);
            // A blank line keeps quote bars but no trailing spaces.
            while prefix.last().is_some_and(|s| s.content.trim().is_empty()) {
                prefix.pop();
            }
            if let Some(last) = prefix.last_mut() {
                last.content = last.content.trim_end().to_string().into();
            }
            self.lines.push(Line::from(prefix));
        }
        self.need_blank = false;
    }

    /// Wraps and emits the text read so far.
    pub(super) fn flush(&mut self) {
        if self.inline.is_empty() || self.table.is_some() {
            return;
        }
        let frags = std::mem::take(&mut self.inline);
        for (i, line) in wrap(&frags, self.content_width()).into_iter().enumerate() {
            let mut spans_out = self.prefix(i == 0);
            spans_out.extend(spans(line));
            self.lines.push(Line::from(spans_out));
        }
    }

    pub(super) fn code_block(&mut self, code: CodeBlock) {
        const INDENT: &str = "  ";
        let bar_width = width(INDENT) + 2;
        let max = self.content_width().saturating_sub(bar_width).max(1);
        if let Some(label) = code.label {
            let mut line = self.prefix(true);
            line.push(Span::raw(INDENT));
            line.push(Span::styled(
                format!("╭ {label}"),
                self.theme.markdown.code_label,
            ));
            self.lines.push(Line::from(line));
        }
        let text = sanitize(code.text.strip_suffix('\n').unwrap_or(&code.text));
        for source_line in text.split('\n') {
            for piece in hard_wrap(source_line, max) {
                let mut line = self.prefix(true);
                line.push(Span::raw(INDENT));
                line.push(Span::styled("│ ", self.theme.markdown.code_label));
                line.push(Span::styled(piece, self.theme.markdown.code_block));
                self.lines.push(Line::from(line));
            }
        }
        let mut line = self.prefix(true);
        line.push(Span::raw(INDENT));
        line.push(Span::styled("╰─", self.theme.markdown.code_label));
        self.lines.push(Line::from(line));
    }

    pub(super) fn table(&mut self, table: Table) {
        for content in table.lines(self.content_width(), self.theme) {
            let mut line = self.prefix(true);
            line.extend(content);
            self.lines.push(Line::from(line));
        }
    }
}
