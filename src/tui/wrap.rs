//! Word wrapping of styled text to a column count, done here rather than by
//! ratatui's `Paragraph` so the screen knows how many lines an answer really
//! takes (for scrolling) and tables and code can be laid out cell by cell.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A run of text in one style. A `'\n'` inside the text forces a line break.
pub type Frag = (String, Style);

/// Display width of a string in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// One piece of a paragraph as the wrapper sees it.
enum Token {
    /// Letters without white space, possibly in several styles (`**a**b`).
    Word(Vec<Frag>, usize),
    Space(Frag, usize),
    Break,
}

fn tokens(frags: &[Frag]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Vec<Frag> = Vec::new();
    let mut word_width = 0;
    let end_word = |out: &mut Vec<Token>, word: &mut Vec<Frag>, w: &mut usize| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word), *w));
            *w = 0;
        }
    };
    for (text, style) in frags {
        for c in text.chars() {
            if c == '\n' {
                end_word(&mut out, &mut word, &mut word_width);
                out.push(Token::Break);
            } else if c.is_whitespace() {
                end_word(&mut out, &mut word, &mut word_width);
                let w = char_width(c).max(1);
                match out.last_mut() {
                    Some(Token::Space((s, st), sw)) if st == style => {
                        s.push(' ');
                        *sw += w;
                    }
                    _ => out.push(Token::Space((" ".to_string(), *style), w)),
                }
            } else {
                push_char(&mut word, c, *style);
                word_width += char_width(c);
            }
        }
    }
    end_word(&mut out, &mut word, &mut word_width);
    out
}

/// Appends a character, merging it into the last run when the style matches.
fn push_char(frags: &mut Vec<Frag>, c: char, style: Style) {
    match frags.last_mut() {
        Some((text, s)) if *s == style => text.push(c),
        _ => frags.push((c.to_string(), style)),
    }
}

fn push_frag(frags: &mut Vec<Frag>, (text, style): &Frag) {
    match frags.last_mut() {
        Some((t, s)) if s == style => t.push_str(text),
        _ => frags.push((text.clone(), *style)),
    }
}

/// Wraps styled text at word boundaries so no line is wider than `max`
/// columns (at least 1); words longer than a line are split. Spaces at a
/// wrap point are dropped. Always returns at least one (maybe empty) line.
pub fn wrap(frags: &[Frag], max: usize) -> Vec<Vec<Frag>> {
    let max = max.max(1);
    let mut lines: Vec<Vec<Frag>> = Vec::new();
    let mut line: Vec<Frag> = Vec::new();
    let mut line_width = 0usize;
    let mut space: Option<(Frag, usize)> = None;
    for token in tokens(frags) {
        match token {
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
                space = None;
            }
            Token::Space(frag, w) => {
                if line_width > 0 {
                    space = Some((frag, w));
                }
            }
            Token::Word(word, w) => {
                let space_width = space.as_ref().map_or(0, |(_, sw)| *sw);
                if line_width > 0 && line_width + space_width + w <= max {
                    if let Some((frag, sw)) = space.take() {
                        push_frag(&mut line, &frag);
                        line_width += sw;
                    }
                } else if line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                space = None;
                if w <= max.saturating_sub(line_width) {
                    word.iter().for_each(|f| push_frag(&mut line, f));
                    line_width += w;
                    continue;
                }
                // Longer than a whole line: split it character by character.
                for (text, style) in &word {
                    for c in text.chars() {
                        let cw = char_width(c);
                        if line_width + cw > max && line_width > 0 {
                            lines.push(std::mem::take(&mut line));
                            line_width = 0;
                        }
                        push_char(&mut line, c, *style);
                        line_width += cw;
                    }
                }
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits one line of code at exactly `max` columns, keeping every space.
pub fn hard_wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = vec![String::new()];
    let mut w = 0;
    for c in text.chars() {
        let cw = char_width(c);
        if w + cw > max && w > 0 {
            out.push(String::new());
            w = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        w += cw;
    }
    out
}

/// The width of a run of fragments.
pub fn frags_width(frags: &[Frag]) -> usize {
    frags.iter().map(|(t, _)| width(t)).sum()
}

/// Turns fragments into spans.
pub fn spans(frags: Vec<Frag>) -> impl Iterator<Item = Span<'static>> {
    frags
        .into_iter()
        .map(|(text, style)| Span::styled(text, style))
}

/// Column widths for a table whose columns want `natural` widths and that
/// has `avail` columns in all: columns that fit keep their width, the rest
/// share what is left equally (at least one column each).
pub fn fit_columns(natural: &[usize], avail: usize) -> Vec<usize> {
    let total: usize = natural.iter().sum();
    if total <= avail {
        return natural.iter().map(|&w| w.max(1)).collect();
    }
    let mut widths = vec![0usize; natural.len()];
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut left = avail;
    let mut remaining = natural.len();
    for i in order {
        let share = (left / remaining.max(1)).max(1);
        let w = natural[i].clamp(1, share);
        widths[i] = w;
        left = left.saturating_sub(w);
        remaining -= 1;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Frag>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    fn frag(text: &str) -> Frag {
        (text.to_string(), Style::new())
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap(&[frag("the quick brown fox jumps")], 10);
        assert_eq!(plain(&lines), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn words_longer_than_the_line_are_split() {
        let lines = wrap(&[frag("ab abcdefghij")], 4);
        assert_eq!(plain(&lines), ["ab", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn styled_pieces_of_one_word_stay_together() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(&[frag("aaaa "), ("bb".into(), bold), frag("cc dd")], 7);
        assert_eq!(plain(&lines), ["aaaa", "bbcc dd"]);
        assert_eq!(lines[1][0], ("bb".to_string(), bold));
    }

    #[test]
    fn newlines_force_breaks_and_width_zero_does_not_hang() {
        assert_eq!(plain(&wrap(&[frag("a\n\nb")], 5)), ["a", "", "b"]);
        assert_eq!(plain(&wrap(&[frag("abc")], 0)), ["a", "b", "c"]);
        assert_eq!(plain(&wrap(&[], 5)), [""]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(plain(&wrap(&[frag("日本語 日本")], 6)), ["日本語", "日本"]);
        assert_eq!(hard_wrap("日本語", 4), ["日本", "語"]);
    }

    #[test]
    fn columns_share_the_space_that_is_left() {
        assert_eq!(fit_columns(&[3, 5], 20), [3, 5]);
        assert_eq!(fit_columns(&[3, 30, 30], 23), [3, 10, 10]);
        assert_eq!(fit_columns(&[5, 5], 0), [1, 1]);
    }
}
