//! Where a Markdown deck can be cut into pieces that parse on their own.
//!
//! pulldown-cmark keeps a tree of the whole document while it runs: about
//! 2.4 times the size of the text. Parsing a big deck piece by piece keeps
//! only one piece's tree alive. A cut is made only where the pieces must
//! parse exactly as the whole would: before a level-1 or level-2 heading at
//! column 0 that follows a blank line, outside any fenced code block and any
//! HTML block. Such a heading closes every open list, block quote, paragraph,
//! table and indented code block. When the scan is unsure it makes no cut.

use std::ops::Range;

/// The byte ranges of `body`, in order and covering all of it, each at least
/// `min_len` bytes long except the last.
///
/// The scan does not guess: where a line can be read two ways (an HTML tag
/// that may open a block or sit in a paragraph, an indented fence that may
/// belong to a list item) it follows both readings, and cuts only where every
/// reading is outside all blocks.
pub fn chunks(body: &str, min_len: usize) -> Vec<Range<usize>> {
    scan(body, min_len).into_iter().map(|p| p.range).collect()
}

/// A piece of a Markdown body, as [`pieces`] cuts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub range: Range<usize>,
    /// No line after the piece's first can start a level-1 or level-2
    /// heading outside a container: no `#` or `##` heading line (however
    /// indented) and no line of only `=` or only `-` (a setext underline).
    /// The piece then holds at most one heading that shapes the deck, its
    /// first line, and the rest is answer text nobody needs to tokenise.
    pub plain: bool,
}

/// Every place [`chunks`] may cut (each piece as short as it can be), and
/// for each piece whether it is [`Piece::plain`].
pub fn pieces(body: &str) -> Vec<Piece> {
    scan(body, 0)
}

fn scan(body: &str, min_len: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let mut plain = true;
    let mut readings: Vec<Option<OpenBlock>> = vec![None];
    let mut next: Vec<Option<OpenBlock>> = Vec::new();
    let mut previous_blank = true;
    let mut pos = 0;
    let bytes = body.as_bytes();
    while pos < bytes.len() {
        let line_start = pos;
        let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
        pos = line_end;
        let content = line_content(&body[line_start..line_end]);
        let blank = is_blank(content);
        if previous_blank
            && line_start > piece_start
            && line_start - piece_start >= min_len
            && readings.iter().all(Option::is_none)
            && is_top_heading(content)
        {
            pieces.push(Piece {
                range: piece_start..line_start,
                plain,
            });
            piece_start = line_start;
            plain = true;
        } else if plain && line_start > piece_start && may_be_heading(content) {
            plain = false;
        }
        // A line that opens nothing in a piece outside all blocks keeps it so.
        let simple = readings.len() == 1 && readings[0].is_none() && !opens_maybe(content);
        if !simple {
            next.clear();
            for reading in &readings {
                step(reading.as_ref(), content, blank, &mut next);
            }
            std::mem::swap(&mut readings, &mut next);
        }
        previous_blank = blank;
    }
    pieces.push(Piece {
        range: piece_start..body.len(),
        plain,
    });
    pieces
}

/// The line without its line ending (any run of `\n` and `\r` at its end).
fn line_content(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    // Only ASCII bytes were dropped, so `end` is a character boundary.
    line.get(..end).unwrap_or(line)
}

/// Whether a line holds only white space. Most lines start with a visible
/// ASCII character, which settles it without a scan.
fn is_blank(content: &str) -> bool {
    match content.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() && !matches!(b, b' ' | b'\t' | 0x0b | 0x0c | b'\r') => false,
        Some(_) => content.trim().is_empty(),
    }
}

/// Whether a line might open a fence or an HTML block: its first
/// character after spaces is a backtick, a tilde or `<`. A line that is
/// not cannot open any [`OpenBlock`].
fn opens_maybe(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    matches!(rest.as_bytes().first(), Some(b'`' | b'~' | b'<'))
}

/// Whether a line could make a level-1 or level-2 heading in some reading:
/// `#` or `##` then a space, a tab or the end, after any indentation, or
/// a run of only `=` or only `-` (spaces allowed).
fn may_be_heading(line: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t']);
    let bytes = rest.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    match first {
        b'#' => {
            let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
            hashes <= 2 && matches!(bytes.get(hashes), None | Some(b' ' | b'\t'))
        }
        b'=' | b'-' => bytes.iter().all(|&b| b == first || b == b' ' || b == b'\t'),
        _ => false,
    }
}

/// Adds to `out` the possible states after `line`, given the state before it.
fn step(state: Option<&OpenBlock>, line: &str, blank: bool, out: &mut Vec<Option<OpenBlock>>) {
    let mut add = |state: Option<OpenBlock>| {
        if !out.contains(&state) {
            out.push(state);
        }
    };
    match state {
        Some(block) if block.ends_at(line, blank) => add(None),
        Some(block) => add(Some(block.clone())),
        None => match OpenBlock::starting(line) {
            None => add(None),
            // Unindented fences and HTML blocks 1-5 always open at the top.
            Some((block, 0, true)) => add(Some(block)),
            // Anything else may be read either way.
            Some((block, _, _)) => {
                add(Some(block));
                add(None);
            }
        },
    }
}

/// `#` or `##` at column 0, then a space, a tab or the end of the line.
fn is_top_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=2).contains(&hashes) && matches!(line.as_bytes().get(hashes), None | Some(b' ' | b'\t'))
}

/// Stands for the closing tag of `<pre>`, `<script>`, `<style>` or `<textarea>`.
const RAW_TEXT_END: &str = "</";

/// A block that a column-0 heading does not end.
#[derive(Clone, Debug, PartialEq)]
enum OpenBlock {
    /// A code fence of `len` characters `ch`.
    Fence { ch: u8, len: usize },
    /// An HTML block that ends on the line holding this text (lowercase).
    Html(&'static str),
    /// An HTML block that ends at a blank line (CommonMark kinds 6 and 7).
    HtmlToBlank,
}

impl OpenBlock {
    /// The block this line may open (indented by at most three spaces), its
    /// indentation, and whether the line surely opens it when it is not
    /// inside a container.
    fn starting(line: &str) -> Option<(OpenBlock, usize, bool)> {
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        if indent > 3 || line.as_bytes().get(indent) == Some(&b'\t') {
            return None;
        }
        let rest = &line[indent..];
        let first = *rest.as_bytes().first()?;
        if first == b'`' || first == b'~' {
            let len = rest.bytes().take_while(|&b| b == first).count();
            let info = &rest[len..];
            if len >= 3 && !(first == b'`' && info.contains('`')) {
                return Some((OpenBlock::Fence { ch: first, len }, indent, true));
            }
            return None;
        }
        if first != b'<' {
            return None;
        }
        let lower = rest.to_ascii_lowercase();
        let raw_text = ["<pre", "<script", "<style", "<textarea"]
            .iter()
            .any(|tag| {
                lower.starts_with(tag)
                    && matches!(
                        lower.as_bytes().get(tag.len()),
                        None | Some(b' ' | b'\t' | b'>')
                    )
            });
        let end = if raw_text {
            RAW_TEXT_END
        } else if lower.starts_with("<!--") {
            "-->"
        } else if lower.starts_with("<![cdata[") {
            "]]>"
        } else if lower.starts_with("<?") {
            "?>"
        } else if lower.as_bytes().get(1) == Some(&b'!')
            && lower.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
        {
            ">"
        } else {
            // Maybe a block tag (kind 6), a lone tag (kind 7, which cannot
            // interrupt a paragraph), or just inline HTML in a paragraph.
            return Some((OpenBlock::HtmlToBlank, indent, false));
        };
        let block = OpenBlock::Html(end);
        // A block whose end marker is on its first line is already closed.
        if block.ends_at(lower.get(2..).unwrap_or_default(), false) {
            return None;
        }
        Some((block, indent, true))
    }

    fn ends_at(&self, line: &str, blank: bool) -> bool {
        match *self {
            OpenBlock::Fence { ch, len } => {
                let trimmed = line.trim_start_matches(' ');
                let indent = line.len() - trimmed.len();
                let run = trimmed.bytes().take_while(|&b| b == ch).count();
                indent <= 3 && run >= len && trimmed[run..].trim().is_empty()
            }
            // Any closing tag of the four raw-text elements is taken as the end:
            // cutting later than CommonMark would is harmless, never earlier.
            OpenBlock::Html(RAW_TEXT_END) => {
                let lower = line.to_ascii_lowercase();
                ["</pre>", "</script>", "</style>", "</textarea>"]
                    .iter()
                    .any(|end| lower.contains(end))
            }
            OpenBlock::Html(end) => line.contains(end),
            OpenBlock::HtmlToBlank => blank,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_lines(body: &str) -> Vec<&str> {
        chunks(body, 0)
            .into_iter()
            .map(|r| body[r].lines().next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn cuts_before_top_headings_after_blank_lines() {
        let body = "intro\n\n# Beginner\n\n## Q1\ntext\n## Q2 (no blank line before)\n\n## Q3\n";
        assert_eq!(cut_lines(body), ["intro", "# Beginner", "## Q1", "## Q3"]);
    }

    #[test]
    fn never_cuts_inside_fences_or_html_blocks() {
        let body = "## A\n\n```md\n\n## in code\n```\n\n~~~~\n\n## in tilde\n~~~\n\n## still\n~~~~\n\n<!--\n\n## in comment\n-->\n\n<pre>\n\n## in pre\n</PRE>\n\n<pre>one line</pre>\n\n## B\n";
        assert_eq!(cut_lines(body), ["## A", "## B"]);
    }

    #[test]
    fn a_line_read_two_ways_stops_cuts_until_the_readings_agree() {
        // A lone closing tag is an HTML block running to the next blank line,
        // so the first `~~~` is HTML and the second opens a fence; a reading
        // that took the tag for inline HTML would see the opposite.
        let body = "## A\n\n</pre>\n~~~\n\n~~~\n\n## in fence\n~~~\n\n## B\n";
        assert_eq!(cut_lines(body), ["## A"]);
        // An autolink at the start of a paragraph settles at the blank line.
        let body = "## A\n\n<https://example.com>\ntext\n\n## B\n";
        assert_eq!(cut_lines(body), ["## A", "## B"]);
        // A fence indented under a list item may belong to the item or open at
        // the top; the readings disagree on every later fence, so no more cuts:
        // still correct, only the memory saving is lost.
        let body = "## A\n\n- item\n\n  ```sh\n  ## code\n  ```\n\n## B\n";
        assert_eq!(cut_lines(body), ["## A"]);
    }

    #[test]
    fn line_ends_and_blank_lines() {
        assert_eq!(line_content("ab\r\r\n"), "ab");
        assert_eq!(line_content("é\n"), "é");
        for line in [
            "",
            " ",
            "\t \u{b}\u{c}",
            "\u{a0}",
            "\u{3000} ",
            "x",
            " x",
            "é",
            "\u{a0}x",
        ] {
            assert_eq!(is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }

    #[test]
    fn respects_the_minimum_length() {
        let body = "## A\n\n## B\n\n## C\n\n## D\n";
        assert_eq!(chunks(body, 8), [0..12, 12..body.len()]);
        assert_eq!(
            chunks(body, 1_000),
            vec![Range {
                start: 0,
                end: body.len()
            }]
        );
        assert_eq!(chunks("", 0), vec![Range { start: 0, end: 0 }]);
    }

    #[test]
    fn level_three_headings_and_indented_lines_are_not_cut_points() {
        let body = "## A\n\n### sub\n\n  ## indented\n\n#hashtag\n";
        assert_eq!(cut_lines(body), ["## A"]);
    }
}
