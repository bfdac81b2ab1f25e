//! The Markdown deck format: optional `+++` TOML front matter, `# Level`
//! sections, one card per `## Question` heading, and an optional
//! `<!-- key: value; ... -->` metadata comment right after the heading.
//!
//! The structure comes from pulldown-cmark, so a `## ` line inside a fenced
//! code block stays code, and setext headings work; answers are kept as the
//! Markdown source between headings. Big files are read in pieces cut by
//! [`split`], so the parser's tree never holds the whole file.

mod read;
mod split;
mod write;

use pulldown_cmark::Options;

use super::FormatSpec;

pub(crate) static SPEC: FormatSpec = FormatSpec {
    name: "markdown",
    extensions: &["md", "markdown"],
    parse: read::parse,
    write: write::write,
};

/// The Markdown extensions prepdeck renders; parsing the structure with the
/// same set keeps what is a heading the same in both places.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The depth of lists and block quotes in `markdown` when it is over
/// [`MAX_NESTING`](crate::deck::MAX_NESTING), or `None` when it is within.
///
/// Every level of nesting takes at least one character of a line's prefix
/// (a `>`, a list marker or indentation), so text whose lines all start with
/// fewer such characters than the limit is within it, and is not parsed.
pub(crate) fn too_deep(markdown: &str) -> Option<usize> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let limit = crate::deck::MAX_NESTING;
    let prefix = |line: &str| -> usize {
        line.chars()
            .take_while(|c| {
                matches!(
                    c,
                    ' ' | '\t' | '>' | '-' | '*' | '+' | '.' | ')' | '0'..='9'
                )
            })
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum()
    };
    if markdown.lines().all(|line| prefix(line) <= limit) {
        return None;
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    (deepest > limit).then_some(deepest)
}

/// The column count of the widest table in `markdown` when it is over
/// [`MAX_TABLE_COLUMNS`](crate::deck::MAX_TABLE_COLUMNS), or `None` when
/// every table is within.
///
/// A table's delimiter row has at least one `|` fewer than its columns, so
/// text with no line holding as many `|` as the limit is not parsed.
pub(crate) fn too_wide(markdown: &str) -> Option<usize> {
    use pulldown_cmark::{Event, Parser, Tag};
    let limit = crate::deck::MAX_TABLE_COLUMNS;
    if markdown
        .lines()
        .all(|line| line.bytes().filter(|&b| b == b'|').count() < limit)
    {
        return None;
    }
    let widest = Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Table(aligns)) => Some(aligns.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    (widest > limit).then_some(widest)
}

/// Reading Markdown in pieces: wherever the splitter cuts, the pieces parse
/// exactly as the whole file does.
#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::read::{CHUNK_BYTES as CHUNK, parse_in_chunks};
    use crate::deck::context::ParseContext;
    use crate::deck::{Format, Origin, Parsed, synthetic};

    fn parse_with(text: &str, chunk_bytes: usize, fast: bool) -> Parsed {
        let mut ctx = ParseContext::new("t/deck.md".to_string(), text);
        let deck = parse_in_chunks(&mut ctx, &Origin::Builtin("t/deck.md"), chunk_bytes, fast);
        ctx.finish(deck)
    }

    fn block() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("\n"),
            Just("# Beginner\n"),
            Just("# Advanced\n"),
            Just("# Other\n"),
            Just("## Question?\n"),
            Just("##\n"),
            Just("## Q `code`\n<!-- id: x; tags: a -->\n"),
            Just("<!-- id: y; level: bogus -->\n"),
            Just("Setext\n---\n"),
            Just("Level\n===\n"),
            Just("text line\n"),
            Just("```\n"),
            Just("````md\n"),
            Just("~~~\n"),
            Just("    ## indented code\n"),
            Just("> ## quoted\n"),
            Just("> lazy\n"),
            Just("- item\n"),
            Just("  - nested ```\n"),
            Just("1. ## in list\n"),
            Just("<!--\n"),
            Just("-->\n"),
            Just("<pre>\n"),
            Just("</pre>\n"),
            Just("<div>\n"),
            Just("<?php\n"),
            Just("?>\n"),
            Just("<!DOCTYPE\n"),
            Just("| a | b |\n|---|---|\n"),
            Just("[ref]: /url \"title\n"),
            Just("\t## tab\n"),
            Just("## \u{1b}[31mred\u{7}\n"),
            Just("  ```\n"),
            Just("   ~~~~\n"),
            Just(" <div>\n"),
            Just("<span>\n"),
            Just("</div>\n"),
            Just("<https://example.com>\n"),
            Just("<!-- one line -->\n"),
            Just("<![CDATA[\n"),
            Just("]]>\n"),
            Just("   - item\n"),
            Just(">     ```\n"),
            Just("## Plain question: why, (and) how?\n<!-- id: z; tags: t -->\n"),
            Just("#  Intermediate  \n"),
            Just("##\r\n"),
            Just("## two  spaces\n\n<!-- level: advanced -->\n"),
            Just(" <!-- id: w -->\n"),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        /// Cutting wherever the splitter allows gives exactly what one whole
        /// parse gives: the same deck and the same diagnostics.
        #[test]
        fn chunked_parse_equals_whole_parse(blocks in proptest::collection::vec(block(), 0..60)) {
            let text = blocks.concat();
            let whole = parse_with(&text, usize::MAX, false);
            let pieces = parse_with(&text, 0, false);
            prop_assert_eq!(&whole.deck, &pieces.deck);
            prop_assert_eq!(&whole.diagnostics, &pieces.diagnostics);
            // Skipping the answers of plain cards changes nothing either,
            // in pieces of any size.
            for chunk_bytes in [0, 64, usize::MAX] {
                let fast = parse_with(&text, chunk_bytes, true);
                prop_assert_eq!(&whole.deck, &fast.deck);
                prop_assert_eq!(&whole.diagnostics, &fast.diagnostics);
            }
        }
    }

    #[test]
    fn synthetic_deck_parses_the_same_in_pieces() {
        let text = synthetic::generate(500, Format::MARKDOWN);
        let whole = parse_with(&text, usize::MAX, false);
        let pieces = parse_with(&text, 0, false);
        let fast = parse_with(&text, CHUNK, true);
        assert_eq!(whole.deck.as_ref().map(|d| d.cards.len()), Some(500));
        assert_eq!(whole.deck, pieces.deck);
        assert_eq!(whole.deck, fast.deck);
        assert_eq!(whole.diagnostics, fast.diagnostics);
        // Every synthetic card is plain: only its head is tokenised.
        assert!(super::split::pieces(&text).iter().skip(2).all(|p| p.plain));
        assert!(super::split::chunks(&text, 0).len() > 500);
    }
}
