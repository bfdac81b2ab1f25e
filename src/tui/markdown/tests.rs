//! Unit tests for the answer renderer: what each Markdown construct looks
//! like as plain text, and that styles land on the right words.

use ratatui::style::Modifier;
use ratatui::text::Line;

use super::render;
use crate::tui::theme::Theme;

fn text(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            s.trim_end().to_string()
        })
        .collect()
}

fn plain(md: &str, width: u16) -> Vec<String> {
    text(&render(md, width, &Theme::colored()))
}

/// The style of the first span whose text contains `needle`.
fn style_of(lines: &[Line<'_>], needle: &str) -> ratatui::style::Style {
    lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .find(|s| s.content.contains(needle))
        .map(|s| s.style)
        .unwrap_or_else(|| panic!("{needle} not found"))
}

#[test]
fn paragraphs_are_wrapped_and_separated_by_a_blank_line() {
    let md = "One two three four five six.\n\nSecond paragraph.";
    assert_eq!(
        plain(md, 12),
        [
            "One two",
            "three four",
            "five six.",
            "",
            "Second",
            "paragraph."
        ]
    );
}

#[test]
fn headings_drop_their_hashes_and_are_styled() {
    let theme = Theme::colored();
    let lines = render("Intro\n\n### Key points\n\nText", 40, &theme);
    assert_eq!(text(&lines), ["Intro", "", "Key points", "", "Text"]);
    assert_eq!(style_of(&lines, "Key points"), theme.markdown.heading);
}

#[test]
fn bold_italic_strike_and_inline_code_get_their_styles() {
    let theme = Theme::colored();
    let lines = render("**bold** *it* ~~gone~~ `code`", 40, &theme);
    assert_eq!(text(&lines), ["bold it gone code"]);
    assert!(
        style_of(&lines, "bold")
            .add_modifier
            .contains(Modifier::BOLD)
    );
    assert!(
        style_of(&lines, "it")
            .add_modifier
            .contains(Modifier::ITALIC)
    );
    assert!(
        style_of(&lines, "gone")
            .add_modifier
            .contains(Modifier::CROSSED_OUT)
    );
    assert_eq!(style_of(&lines, "code"), theme.markdown.inline_code);
}

#[test]
fn inline_code_keeps_backticks_without_colour() {
    let lines = render("use `GET /x` here", 40, &Theme::plain());
    assert_eq!(text(&lines), ["use `GET /x` here"]);
}

#[test]
fn fenced_code_is_indented_labelled_and_not_reflowed() {
    let md = "Before\n\n```sql\nSELECT a,  b\nFROM t;\n```\n\nAfter";
    assert_eq!(
        plain(md, 40),
        [
            "Before",
            "",
            "  ╭ sql",
            "  │ SELECT a,  b",
            "  │ FROM t;",
            "  ╰─",
            "",
            "After"
        ]
    );
}

#[test]
fn long_code_lines_are_cut_at_the_width() {
    let md = "```\nabcdefghij\n```";
    assert_eq!(plain(md, 10), ["  │ abcdef", "  │ ghij", "  ╰─"]);
}

#[test]
fn nested_lists_get_bullets_numbers_and_hanging_indents() {
    let md = "- one\n- two is long enough to wrap\n  - inner\n    1. first\n    2. second\n- three";
    assert_eq!(
        plain(md, 20),
        [
            "• one",
            "• two is long enough",
            "  to wrap",
            "  ◦ inner",
            "    1. first",
            "    2. second",
            "• three"
        ]
    );
}

#[test]
fn ordered_lists_start_at_their_number_and_tasks_show_boxes() {
    assert_eq!(plain("3. c\n4. d", 20), ["3. c", "4. d"]);
    assert_eq!(
        plain("- [x] done\n- [ ] todo", 20),
        ["• [x] done", "• [ ] todo"]
    );
}

#[test]
fn loose_lists_keep_blank_lines_between_items() {
    assert_eq!(plain("- a\n\n- b", 20), ["• a", "", "• b"]);
}

#[test]
fn tables_align_columns_with_a_header_rule() {
    let md = "| Method | Path |\n|---|--:|\n| `GET` | /orders |\n| DELETE | /o/1 |";
    assert_eq!(
        plain(md, 40),
        [
            "Method │    Path",
            "───────┼────────",
            "GET    │ /orders",
            "DELETE │    /o/1"
        ]
    );
}

#[test]
fn narrow_tables_wrap_inside_their_cells() {
    let md = "| a | b |\n|---|---|\n| x | one two three |";
    assert_eq!(
        plain(md, 11),
        ["a │ b", "──┼────────", "x │ one two", "  │ three"]
    );
}

#[test]
fn block_quotes_get_a_bar_on_every_line() {
    assert_eq!(
        plain("> quoted text that wraps\n>\n> second", 14),
        ["│ quoted text", "│ that wraps", "│", "│ second"]
    );
}

#[test]
fn links_show_text_and_address_once() {
    assert_eq!(
        plain(
            "[RFC 9110](https://www.rfc-editor.org/rfc/rfc9110) and <https://x.dev>",
            80
        ),
        ["RFC 9110 (https://www.rfc-editor.org/rfc/rfc9110) and https://x.dev"]
    );
}

#[test]
fn html_comments_are_hidden_other_html_is_shown() {
    assert_eq!(
        plain(
            "<!-- id: x; tags: a -->\n\nText <!-- hidden --> shown<br>next",
            40
        ),
        ["Text  shown", "next"]
    );
    assert_eq!(plain("<div>raw</div>", 40), ["<div>raw</div>"]);
}

#[test]
fn escape_sequences_in_text_and_entities_are_removed() {
    let md = "red \u{1b}[31m text &#27;[2J and `\u{7}bell`\n\n```\n\u{1b}]0;title\u{7}\n```";
    let lines = plain(md, 80);
    for line in &lines {
        assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
    }
    assert_eq!(lines[0], "red [31m text [2J and bell");
}

#[test]
fn rules_span_the_width() {
    assert_eq!(plain("a\n\n---\n\nb", 5), ["a", "", "─────", "", "b"]);
}

#[test]
fn every_line_fits_the_width() {
    let md = include_str!("../../../decks/backend-roadmap.md");
    for width in [20u16, 41, 80, 120] {
        for line in render(md, width, &Theme::colored()) {
            assert!(line.width() <= usize::from(width), "{width}: {line:?}");
        }
    }
}

#[test]
fn tiny_widths_and_odd_input_do_not_panic() {
    let md = "# h\n\n> - [ ] **a** `b`\n>   | x | y |\n>   |---|---|\n>   | 1 | 2 |\n\n```\n\tx\n```\n\n<!-- open";
    for width in 0..12 {
        let _ = render(md, width, &Theme::plain());
    }
    assert!(render("", 10, &Theme::plain()).is_empty());
}

#[test]
fn tables_too_wide_for_their_columns_stack_each_row() {
    let md = "| Key | Meaning | Default |\n|---|---|---|\n| `ttl` | how long a key lives | none |";
    assert_eq!(
        plain(md, 12),
        [
            "Key: ttl",
            "Meaning: how",
            "long a key",
            "lives",
            "Default:",
            "none"
        ]
    );
    // Wide enough, the same table keeps its columns.
    assert_eq!(plain(md, 60)[1], "────┼──────────────────────┼────────");
}

#[test]
fn a_long_cell_in_a_many_column_table_costs_lines_by_its_text_not_by_its_columns() {
    let header: String = (0..16).map(|i| format!("| c{i} ")).collect::<String>() + "|";
    let rule: String = "|---".repeat(16) + "|";
    let long = "word ".repeat(20_000);
    let row: String = format!("| {long} ") + &"| x ".repeat(15) + "|";
    let md = format!("{header}\n{rule}\n{row}");
    for width in [40u16, 80, 120] {
        let lines = render(&md, width, &Theme::plain());
        // Stacked: about the text's own lines at this width, plus one per cell.
        let text_lines = long.len() / usize::from(width - 4);
        assert!(
            lines.len() < 2 * text_lines + 64,
            "{width}: {} lines for {text_lines} lines of text",
            lines.len()
        );
        assert!(lines.iter().all(|l| l.width() <= usize::from(width)));
    }
}
