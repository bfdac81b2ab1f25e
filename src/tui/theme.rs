//! Every style the screens use, in one place and grouped by the area that
//! uses it (chrome, card, marks, keys, report, Markdown), so the look can
//! change without touching layout code, a new screen adds its own group,
//! and `NO_COLOR` is honoured everywhere at once.
//!
//! With colour off no style carries a colour at all, not even `Color::Reset`:
//! crossterm 0.29 writes an empty SGR sequence (`ESC[m`) for any colour under
//! `NO_COLOR`, which terminals read as "reset everything" and which would
//! wipe the bold and reverse that emphasis relies on. Cells with no colour
//! never make the backend send a colour command, so emphasis survives.

use ratatui::style::{Color, Modifier, Style};

use crate::deck::Level;

/// The styles of the screens, one group per area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used at all.
    pub color: bool,
    pub chrome: Chrome,
    pub card: CardStyles,
    pub marks: MarkStyles,
    pub keys: KeyStyles,
    pub report: ReportStyles,
    pub markdown: MarkdownStyles,
}

/// The frame around every screen: header, borders, footer, messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chrome {
    /// The app title in the header.
    pub title: Style,
    /// A level chip that is part of the filter, and one that is not.
    pub chip_on: Style,
    pub chip_off: Style,
    /// The filled and empty parts of the progress gauge.
    pub gauge_filled: Style,
    pub gauge_unfilled: Style,
    /// Block borders.
    pub border: Style,
    /// Tags, deck names and other quiet detail.
    pub muted: Style,
    /// Messages such as "terminal too small" and the summary's title.
    pub notice: Style,
    /// The scroll indicator beside a long text.
    pub scrollbar: Style,
    /// Section headings of overlays (the help).
    pub section: Style,
}

/// The card on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardStyles {
    /// The question text.
    pub question: Style,
    /// The prompt shown before the answer is revealed.
    pub prompt: Style,
}

/// The three marks, in the footer counters and on marked cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkStyles {
    pub knew: Style,
    pub learnt: Style,
    pub skipped: Style,
}

/// Keys named on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyStyles {
    /// A key in a hint or a choice, and its description.
    pub key: Style,
    pub hint: Style,
}

/// Reports: the summary's counts table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportStyles {
    pub table_header: Style,
    /// The totals row.
    pub total: Style,
}

/// Answer Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkdownStyles {
    pub heading: Style,
    pub strong: Style,
    pub emphasis: Style,
    pub strike: Style,
    pub inline_code: Style,
    /// Inline code keeps its backticks when it has no colour to set it apart.
    pub inline_code_ticks: bool,
    pub code_block: Style,
    pub code_label: Style,
    pub link: Style,
    pub link_url: Style,
    pub quote: Style,
    pub rule: Style,
    pub table_header: Style,
    pub table_border: Style,
    pub list_marker: Style,
}

impl Theme {
    /// The theme for this process: no colour when `NO_COLOR` is set to
    /// anything but the empty string (<https://no-color.org>).
    pub fn from_env() -> Theme {
        Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a given value of `NO_COLOR` (`None` when it is unset).
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Theme {
        if value.is_some_and(|v| !v.is_empty()) {
            Theme::plain()
        } else {
            Theme::colored()
        }
    }

    /// Sixteen-colour palette: readable on dark and light backgrounds.
    pub fn colored() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            color: true,
            chrome: Chrome {
                title: bold.fg(Color::Cyan),
                chip_on: bold.fg(Color::Black).bg(Color::Cyan),
                chip_off: fg(Color::DarkGray),
                gauge_filled: fg(Color::Cyan),
                gauge_unfilled: fg(Color::DarkGray),
                border: fg(Color::DarkGray),
                muted: fg(Color::DarkGray),
                notice: bold.fg(Color::Yellow),
                scrollbar: fg(Color::Cyan),
                section: bold.fg(Color::Cyan),
            },
            card: CardStyles {
                question: bold,
                prompt: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            },
            marks: MarkStyles {
                knew: bold.fg(Color::Green),
                learnt: bold.fg(Color::Yellow),
                skipped: bold.fg(Color::Magenta),
            },
            keys: KeyStyles {
                key: bold.fg(Color::Cyan),
                hint: Style::new(),
            },
            report: ReportStyles {
                table_header: bold.fg(Color::Cyan),
                total: bold,
            },
            markdown: MarkdownStyles {
                heading: bold.fg(Color::Cyan),
                strong: bold,
                emphasis: Style::new().add_modifier(Modifier::ITALIC),
                strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
                inline_code: fg(Color::Yellow),
                inline_code_ticks: false,
                code_block: fg(Color::Yellow),
                code_label: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
                link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
                link_url: fg(Color::DarkGray),
                quote: fg(Color::Magenta),
                rule: fg(Color::DarkGray),
                table_header: bold.fg(Color::Cyan),
                table_border: fg(Color::DarkGray),
                list_marker: fg(Color::Cyan),
            },
        }
    }

    /// No colour anywhere; emphasis through bold, italic, underline and reverse.
    pub fn plain() -> Theme {
        let none = Style::new();
        let bold = none.add_modifier(Modifier::BOLD);
        let reversed = none.add_modifier(Modifier::REVERSED);
        Theme {
            color: false,
            chrome: Chrome {
                title: bold,
                chip_on: reversed.add_modifier(Modifier::BOLD),
                chip_off: none,
                gauge_filled: none,
                gauge_unfilled: none,
                border: none,
                muted: none,
                notice: bold,
                scrollbar: none,
                section: bold.add_modifier(Modifier::UNDERLINED),
            },
            card: CardStyles {
                question: bold,
                prompt: none.add_modifier(Modifier::ITALIC),
            },
            marks: MarkStyles {
                knew: bold,
                learnt: bold,
                skipped: bold,
            },
            keys: KeyStyles {
                key: bold,
                hint: none,
            },
            report: ReportStyles {
                table_header: bold,
                total: bold,
            },
            markdown: MarkdownStyles {
                heading: bold.add_modifier(Modifier::UNDERLINED),
                strong: bold,
                emphasis: none.add_modifier(Modifier::ITALIC),
                strike: none.add_modifier(Modifier::CROSSED_OUT),
                inline_code: none,
                inline_code_ticks: true,
                code_block: none,
                code_label: none.add_modifier(Modifier::ITALIC),
                link: none.add_modifier(Modifier::UNDERLINED),
                link_url: none,
                quote: none.add_modifier(Modifier::ITALIC),
                rule: none,
                table_header: bold,
                table_border: none,
                list_marker: none,
            },
        }
    }

    /// The badge style for a card's level.
    pub fn level(&self, level: Level) -> Style {
        if !self.color {
            return Style::new().add_modifier(Modifier::REVERSED);
        }
        let color = match level {
            Level::Beginner => Color::Green,
            Level::Intermediate => Color::Yellow,
            Level::Advanced => Color::Red,
        };
        Style::new()
            .fg(Color::Black)
            .bg(color)
            .add_modifier(Modifier::BOLD)
    }

    /// Every style of the theme, for checks that cover them all.
    fn all_styles(&self) -> Vec<Style> {
        let (c, m) = (&self.chrome, &self.markdown);
        let mut styles = vec![
            c.title,
            c.chip_on,
            c.chip_off,
            c.gauge_filled,
            c.gauge_unfilled,
            c.border,
            c.muted,
            c.notice,
            c.scrollbar,
            c.section,
            self.card.question,
            self.card.prompt,
            self.marks.knew,
            self.marks.learnt,
            self.marks.skipped,
            self.keys.key,
            self.keys.hint,
            self.report.table_header,
            self.report.total,
            m.heading,
            m.strong,
            m.emphasis,
            m.strike,
            m.inline_code,
            m.code_block,
            m.code_label,
            m.link,
            m.link_url,
            m.quote,
            m.rule,
            m.table_header,
            m.table_border,
            m.list_marker,
        ];
        styles.extend(Level::ALL.map(|l| self.level(l)));
        styles
    }

    /// Whether any style of the theme sets a colour (`Color::Reset` included).
    pub fn uses_color(&self) -> bool {
        self.all_styles()
            .iter()
            .any(|s| s.fg.is_some() || s.bg.is_some() || s.underline_color.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_sets_no_colour_at_all() {
        assert!(!Theme::plain().uses_color());
        assert!(Theme::colored().uses_color());
    }

    #[test]
    fn any_non_empty_no_color_turns_colour_off() {
        use std::ffi::OsStr;
        assert_eq!(Theme::for_no_color(None), Theme::colored());
        assert_eq!(Theme::for_no_color(Some(OsStr::new(""))), Theme::colored());
        assert_eq!(Theme::for_no_color(Some(OsStr::new("1"))), Theme::plain());
        assert_eq!(Theme::for_no_color(Some(OsStr::new("0"))), Theme::plain());
    }

    #[test]
    fn plain_theme_keeps_emphasis() {
        let theme = Theme::plain();
        assert!(theme.card.question.add_modifier.contains(Modifier::BOLD));
        assert!(
            theme
                .chrome
                .chip_on
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_ne!(theme.chrome.chip_on, theme.chrome.chip_off);
    }
}
