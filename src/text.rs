//! Making untrusted text safe to print: deck files and error messages can hold
//! escape sequences, bidi overrides and tabs that would garble a terminal.

use std::borrow::Cow;

/// Width a tab expands to.
pub const TAB_WIDTH: usize = 4;

/// Whether a character must never reach a terminal as it is: C0 and C1
/// controls (ESC, BEL, CSI, ...), DEL, and the bidi embedding, override and
/// isolate marks that can make text display in a misleading order.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Keeps newlines, expands tabs to the next multiple of [`TAB_WIDTH`], and drops
/// every other control character and bidi override.
pub fn sanitize(text: &str) -> String {
    if !needs_sanitizing(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut col = 0usize;
    for c in text.chars() {
        match c {
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let pad = TAB_WIDTH - col % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', pad));
                col += pad;
            }
            c if is_unsafe(c) => {}
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Like [`sanitize`], then folds every run of white space (newlines included)
/// into one space, for one-line output such as `list` rows and messages.
pub fn one_line(text: &str) -> String {
    one_line_cow(text).into_owned()
}

/// [`one_line`], borrowing `text` when it is already one clean line (the
/// usual case for questions, tags and ids, which are folded when read).
pub fn one_line_cow(text: &str) -> Cow<'_, str> {
    if is_one_clean_line(text) {
        return Cow::Borrowed(text);
    }
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether [`sanitize`] would change anything: a byte-wise look at ASCII
/// text, a look at every character otherwise.
fn needs_sanitizing(text: &str) -> bool {
    if text.is_ascii() {
        return text.bytes().any(|b| (b < 0x20 && b != b'\n') || b == 0x7f);
    }
    text.chars().any(|c| is_unsafe(c) && c != '\n')
}

/// ASCII text that [`one_line`] gives back unchanged: printable characters
/// and single spaces only, none at either end.
fn is_one_clean_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes.iter().all(|b| (0x20..0x7f).contains(b))
        && memchr::memmem::find(bytes, b"  ").is_none()
}

/// How many characters of a file's text an error message quotes.
pub const EXCERPT_CHARS: usize = 80;

/// At most `max` characters of `text`, ending in `…` when cut, with every
/// character [`sanitize`] would drop shown escaped instead (`\u{1b}`), so
/// that an error quoting a file stays short and cannot drive the terminal.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count >= max {
            out.push('…');
            return out;
        }
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A message of ours that quotes a value from a file (between single or
/// double quotes or backticks): unchanged when it is a normal length; when
/// a value made it long, each stretch is cut to [`EXCERPT_CHARS`] and the
/// whole to four times that.
pub fn shorten_message(message: String) -> String {
    if message.chars().count() <= 4 * EXCERPT_CHARS {
        return message;
    }
    cut_between(&message, &['\'', '`', '"'])
}

/// A message that quotes text from a file (between backticks or double
/// quotes, as serde does) with each quoted or unquoted stretch cut to
/// [`EXCERPT_CHARS`] and the whole cut to four times that: whatever the file
/// held, the message stays a line long.
pub fn excerpt_quotes(message: &str) -> String {
    cut_between(message, &['`', '"'])
}

/// `message` with each stretch between two of `quotes` cut to
/// [`EXCERPT_CHARS`], and the whole to four times that.
fn cut_between(message: &str, quotes: &[char]) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find(quotes) {
        out.push_str(&excerpt(&rest[..at], EXCERPT_CHARS));
        out.push_str(&rest[at..at + 1]);
        rest = &rest[at + 1..];
    }
    out.push_str(&excerpt(rest, EXCERPT_CHARS));
    if out.chars().count() > 4 * EXCERPT_CHARS {
        out = excerpt(&out, 4 * EXCERPT_CHARS);
    }
    out
}

/// An I/O error in words, without the `(os error N)` suffix.
pub fn io_message(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_cut_with_an_ellipsis_and_escapes_controls() {
        assert_eq!(excerpt("short", 80), "short");
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt("a\u{1b}[2Jb", 80), "a\\u{1b}[2Jb");
        let long = format!("unknown variant `{}`, expected `knew`", "x".repeat(1 << 20));
        let cut = excerpt_quotes(&long);
        assert!(cut.chars().count() < 200, "{cut}");
        assert!(cut.starts_with("unknown variant `xxx"), "{cut}");
        assert!(cut.ends_with("…`, expected `knew`"), "{cut}");
        let many = "\"a".repeat(1 << 16);
        assert!(excerpt_quotes(&many).chars().count() <= 4 * EXCERPT_CHARS + 1);
    }

    #[test]
    fn escape_sequences_and_bells_are_removed() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{7}\u{9b}2J"), "a[31mred2J");
    }

    #[test]
    fn bidi_overrides_are_removed_but_text_kept() {
        assert_eq!(sanitize("abc\u{202E}fed\u{2066}x\u{2069}"), "abcfedx");
        assert_eq!(sanitize("é日本 ok"), "é日本 ok");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("a\tb\n\tc"), "a   b\n    c");
    }

    #[test]
    fn one_line_borrows_only_what_it_would_not_change() {
        for text in [
            "plain words",
            "a",
            "",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "é x",
            "bell\u{7}",
        ] {
            let cow = one_line_cow(text);
            assert_eq!(cow, one_line(text));
            let expected = one_line(text);
            assert_eq!(
                matches!(cow, Cow::Borrowed(_)),
                expected == text && text.is_ascii(),
                "{text:?}"
            );
        }
        assert_eq!(sanitize("a\u{7f}b\u{1}c\n"), "abc\n");
    }

    #[test]
    fn one_line_folds_white_space() {
        assert_eq!(
            one_line("  two\nlines\r\n and\ttabs "),
            "two lines and tabs"
        );
    }
}
