//! Answers are Markdown; this turns pulldown-cmark's events into styled,
//! already-wrapped ratatui lines: headings, emphasis, inline and fenced code,
//! nested lists, tables, block quotes and links. HTML comments (the deck's
//! metadata lines) are hidden, and every piece of text is sanitized so a deck
//! cannot send escape sequences to the terminal.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

mod blocks;
mod table;

use table::Table;

use super::theme::Theme;
use super::wrap::{Frag, width};
use crate::deck::markdown_options as options;
use crate::text::sanitize;

/// Bullets for nested unordered lists, outermost first.
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// Renders Markdown to lines no wider than `columns` (when the width allows
/// any text at all; at tiny widths lines may be clipped by the screen).
pub fn render(markdown: &str, columns: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut r = Renderer {
        theme,
        columns: usize::from(columns).max(1),
        lines: Vec::new(),
        containers: Vec::new(),
        inline: Vec::new(),
        styles: Vec::new(),
        links: Vec::new(),
        code: None,
        html: None,
        table: None,
        in_comment: false,
        need_blank: false,
        list_depth: 0,
    };
    for event in Parser::new_ext(markdown, options()) {
        r.event(event);
    }
    r.flush();
    r.lines
}

/// A block that contains other blocks and adds a prefix to their lines.
enum Container {
    Quote,
    List(Option<u64>),
    /// A list item; its marker is shown on its first line only.
    Item {
        marker: Option<String>,
        width: usize,
    },
}

struct CodeBlock {
    label: Option<String>,
    text: String,
}

struct Renderer<'t> {
    theme: &'t Theme,
    columns: usize,
    lines: Vec<Line<'static>>,
    containers: Vec<Container>,
    /// The paragraph, heading, list item text or table cell being read.
    inline: Vec<Frag>,
    styles: Vec<Style>,
    /// Open links: their address and where their text starts in `inline`.
    links: Vec<(String, usize)>,
    code: Option<CodeBlock>,
    html: Option<String>,
    table: Option<Table>,
    /// Inside an inline HTML comment that spans several events.
    in_comment: bool,
    /// A blank line goes before the next block.
    need_blank: bool,
    list_depth: usize,
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        self.styles
            .iter()
            .fold(Style::new(), |acc, s| acc.patch(*s))
    }

    fn push_text(&mut self, text: &str, style: Style) {
        let text = sanitize(text);
        match self.inline.last_mut() {
            Some((t, s)) if *s == style => t.push_str(&text),
            _ => self.inline.push((text, style)),
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(code) = self.code.as_mut() {
                    code.text.push_str(&text);
                } else if let Some(html) = self.html.as_mut() {
                    html.push_str(&text);
                } else {
                    self.push_text(&text, self.style());
                }
            }
            Event::Code(text) => {
                let style = self.style().patch(self.theme.markdown.inline_code);
                if self.theme.markdown.inline_code_ticks {
                    self.push_text(&format!("`{text}`"), style);
                } else {
                    self.push_text(&text, style);
                }
            }
            Event::Html(text) => {
                if let Some(html) = self.html.as_mut() {
                    html.push_str(&text);
                }
            }
            Event::InlineHtml(text) => self.inline_html(&text),
            Event::SoftBreak => self.push_text(" ", self.style()),
            Event::HardBreak => self.push_text("\n", self.style()),
            Event::Rule => {
                self.start_block();
                let rule = "─".repeat(self.content_width());
                let mut line = self.prefix(true);
                line.push(Span::styled(rule, self.theme.markdown.rule));
                self.lines.push(Line::from(line));
                self.need_blank = true;
            }
            Event::TaskListMarker(done) => {
                let mark = if done { "[x] " } else { "[ ] " };
                self.push_text(mark, self.theme.markdown.list_marker);
            }
            Event::FootnoteReference(name) => {
                self.push_text(&format!("[^{name}]"), self.style());
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push_text(&text, self.style());
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::FootnoteDefinition(_) | Tag::DefinitionList => self.start_block(),
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => self.flush(),
            Tag::MetadataBlock(_) => self.html = Some(String::new()),
            Tag::Heading { .. } => {
                self.start_block();
                self.styles.push(self.theme.markdown.heading);
            }
            Tag::BlockQuote(_) => {
                self.start_block();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.start_block();
                let label = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let lang = info.split_whitespace().next().unwrap_or("");
                        Some(sanitize(lang)).filter(|l| !l.is_empty())
                    }
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(CodeBlock {
                    label,
                    text: String::new(),
                });
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                if self.list_depth == 0 {
                    self.start_block();
                } else {
                    self.flush();
                }
                self.list_depth += 1;
                self.containers.push(Container::List(start));
            }
            Tag::Item => {
                self.flush();
                let depth = self.list_depth.saturating_sub(1);
                let marker = match self.containers.last_mut() {
                    Some(Container::List(Some(n))) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => format!("{} ", BULLETS[depth % BULLETS.len()]),
                };
                let width = width(&marker);
                self.containers.push(Container::Item {
                    marker: Some(marker),
                    width,
                });
            }
            Tag::Table(aligns) => {
                self.start_block();
                self.table = Some(Table {
                    aligns,
                    rows: Vec::new(),
                    header_rows: 0,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = self.table.as_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.styles.push(self.theme.markdown.emphasis),
            Tag::Strong => self.styles.push(self.theme.markdown.strong),
            Tag::Strikethrough => self.styles.push(self.theme.markdown.strike),
            Tag::Superscript | Tag::Subscript => self.styles.push(Style::new()),
            Tag::Link { dest_url, .. } => {
                self.styles.push(self.theme.markdown.link);
                self.links.push((sanitize(&dest_url), self.inline.len()));
            }
            Tag::Image { dest_url, .. } => {
                self.push_text("[image: ", self.theme.chrome.muted);
                self.styles.push(self.theme.markdown.link);
                self.links.push((sanitize(&dest_url), self.inline.len()));
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.flush();
                self.need_blank = true;
            }
            TagEnd::Heading(_) => {
                self.styles.pop();
                self.flush();
                self.need_blank = true;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.containers.pop();
                self.need_blank = true;
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.code_block(code);
                }
                self.need_blank = true;
            }
            TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                let html = self.html.take().unwrap_or_default();
                if matches!(tag, TagEnd::HtmlBlock) {
                    let shown = strip_comments(&html);
                    if !shown.trim().is_empty() {
                        self.start_block();
                        self.push_text(shown.trim_end(), self.style());
                        self.flush();
                        self.need_blank = true;
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.containers.pop();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    self.need_blank = true;
                }
            }
            TagEnd::Item => {
                self.flush();
                if let Some(Container::Item {
                    marker: Some(_), ..
                }) = self.containers.last()
                {
                    let line = self.prefix(true);
                    self.lines.push(Line::from(line));
                }
                self.containers.pop();
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.table(table);
                }
                self.need_blank = true;
            }
            TagEnd::TableHead => {
                if let Some(table) = self.table.as_mut() {
                    table.header_rows = table.rows.len();
                }
            }
            TagEnd::TableRow => {}
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.styles.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.styles.pop();
                let Some((url, from)) = self.links.pop() else {
                    return;
                };
                let text: String = self.inline[from.min(self.inline.len())..]
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .collect();
                if matches!(tag, TagEnd::Image) {
                    self.push_text("]", self.theme.chrome.muted);
                }
                let same = text == url || url.strip_prefix("mailto:") == Some(text.as_str());
                if !url.is_empty() && !same {
                    self.push_text(&format!(" ({url})"), self.theme.markdown.link_url);
                }
            }
        }
    }

    /// Inline HTML is shown as written, except comments and line breaks.
    fn inline_html(&mut self, html: &str) {
        if self.in_comment {
            self.in_comment = !html.contains("-->");
            return;
        }
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            self.in_comment = !trimmed.ends_with("-->");
            return;
        }
        let tag = trimmed.to_ascii_lowercase().replace(' ', "");
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            self.push_text("\n", self.style());
        } else {
            self.push_text(html, self.style());
        }
    }
}

/// Removes `<!-- ... -->` comments (an unclosed one runs to the end).
fn strip_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
