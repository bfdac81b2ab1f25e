//! The study aids of the house style, on every card of every shipped deck:
//! a prose word budget, key points with bold lead-ins short enough to say,
//! a ladder of answered follow-ups, a pitfall, further reading with links,
//! and related cards named by full ids that exist.
//!
//! Each check is a plain function from an answer to its problems, tested on
//! tiny inline cards below; each shipped-deck test lists every offending
//! card at once.

use std::collections::BTreeSet;

use prepdeck::deck::{Card, Deck};

use crate::deck_source::{is_markdown, shipped, source_path};

/// Prose words of a Markdown card, and of a TOML question-bank prompt.
const MARKDOWN_WORDS: (usize, usize) = (150, 400);
const TOML_WORDS: (usize, usize) = (300, 700);
/// Words of one key-point bullet, lead-in included.
const KEY_POINT_WORDS: usize = 35;
const MIN_KEY_POINTS: usize = 3;
const MIN_FOLLOW_UPS: usize = 3;
const READING_LINKS: (usize, usize) = (1, 3);
const RELATED_IDS: (usize, usize) = (1, 4);

const FURTHER_READING: &str = "**Further reading:**";
const RELATED: &str = "**Related:**";
const PITFALL: &str = "**Pitfall:**";

/// True for the line that opens or closes a fenced code block.
fn is_fence(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

/// The lines of an answer outside fenced code blocks.
fn outside_code(answer: &str) -> Vec<&str> {
    let mut in_code = false;
    let mut out = Vec::new();
    for line in answer.lines() {
        if is_fence(line) {
            in_code = !in_code;
        } else if !in_code {
            out.push(line);
        }
    }
    out
}

/// The prose of an answer: everything but fenced code, the Further reading
/// and Related lines, HTML comment lines and level-1 headings.
pub fn prose(answer: &str) -> String {
    outside_code(answer)
        .into_iter()
        .filter(|l| {
            !l.starts_with(FURTHER_READING)
                && !l.starts_with(RELATED)
                && !l.trim_start().starts_with("<!--")
                && !l.starts_with("# ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn prose_words(answer: &str) -> usize {
    prose(answer).split_whitespace().count()
}

/// The lines (outside code) of the `### heading` section, up to the next
/// heading or a bold label line such as `**Pitfall:**`.
fn section<'a>(answer: &'a str, heading: &str) -> Option<Vec<&'a str>> {
    let lines = outside_code(answer);
    let start = lines.iter().position(|l| l.trim_end() == heading)?;
    Some(
        lines[start + 1..]
            .iter()
            .take_while(|l| !l.starts_with('#') && !l.starts_with("**"))
            .copied()
            .collect(),
    )
}

/// The bullets (`- ` items) of a section, each with its continuation lines
/// joined by spaces. A blank line followed by an unindented line that is not
/// a bullet ends the list.
fn bullets(lines: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut open = false;
    let mut blank = false;
    for line in lines {
        if let Some(rest) = line.strip_prefix("- ") {
            items.push(rest.trim().to_string());
            open = true;
            blank = false;
        } else if line.trim().is_empty() {
            blank = true;
        } else if open && (!blank || line.starts_with([' ', '\t'])) {
            let item = items.last_mut().expect("open item");
            item.push(' ');
            item.push_str(line.trim());
            blank = false;
        } else {
            open = false;
        }
    }
    items
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A short quote of a bullet for messages.
fn quote(text: &str) -> String {
    let short: String = text.chars().take(50).collect();
    if short.len() < text.len() {
        format!("'{short}...'")
    } else {
        format!("'{short}'")
    }
}

/// Prose within the word budget of its deck's format.
pub fn word_budget(answer: &str, markdown: bool) -> Vec<String> {
    let (min, max) = if markdown { MARKDOWN_WORDS } else { TOML_WORDS };
    let n = prose_words(answer);
    if (min..=max).contains(&n) {
        Vec::new()
    } else {
        vec![format!("{n} prose words, expected {min}-{max}")]
    }
}

/// `### Key points`: at least three bullets, each opening with a bold
/// lead-in (`- **The point.** Why.`) and at most 35 words in all.
pub fn key_points(answer: &str) -> Vec<String> {
    let Some(lines) = section(answer, "### Key points") else {
        return vec!["no '### Key points' section".to_string()];
    };
    let items = bullets(&lines);
    let mut problems = Vec::new();
    if items.len() < MIN_KEY_POINTS {
        problems.push(format!(
            "{} key points, expected at least {MIN_KEY_POINTS}",
            items.len()
        ));
    }
    for item in &items {
        let lead = item
            .strip_prefix("**")
            .and_then(|rest| rest.split_once("**"))
            .map(|(lead, _)| lead.trim());
        if lead.is_none_or(str::is_empty) {
            problems.push(format!("key point without a bold lead-in: {}", quote(item)));
        }
        let n = words(item);
        if n > KEY_POINT_WORDS {
            problems.push(format!(
                "key point of {n} words (at most {KEY_POINT_WORDS}): {}",
                quote(item)
            ));
        }
    }
    problems
}

/// `### Follow-ups`: at least three bullets, every one shaped
/// `- *Question?* Answer` with an answer after the question.
pub fn follow_ups(answer: &str) -> Vec<String> {
    let Some(lines) = section(answer, "### Follow-ups") else {
        return vec!["no '### Follow-ups' section".to_string()];
    };
    let items = bullets(&lines);
    let mut problems = Vec::new();
    let mut good = 0;
    for item in &items {
        let shaped = item
            .strip_prefix('*')
            .filter(|rest| !rest.starts_with('*'))
            .and_then(split_question);
        match shaped {
            Some((_, reply)) if !reply.trim().is_empty() => good += 1,
            Some(_) => problems.push(format!("follow-up without an answer: {}", quote(item))),
            None => problems.push(format!(
                "follow-up not shaped '- *Question?* Answer': {}",
                quote(item)
            )),
        }
    }
    if good < MIN_FOLLOW_UPS {
        problems.push(format!(
            "{good} answered follow-ups, expected at least {MIN_FOLLOW_UPS}"
        ));
    }
    problems
}

/// Splits `Question?* Answer` (the text after the opening `*`) at the `*`
/// that closes a question: one ending in `?`, perhaps followed by a closing
/// quote or bracket (`*Who can see "this?"*`).
fn split_question(rest: &str) -> Option<(&str, &str)> {
    rest.match_indices('*').find_map(|(at, _)| {
        let question = &rest[..at];
        let bare = question.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}', '`']);
        (bare.ends_with('?') && bare.len() > 1).then(|| (question, &rest[at + 1..]))
    })
}

/// A `**Pitfall:**` line with text after the label.
pub fn pitfall(answer: &str) -> Vec<String> {
    let found = outside_code(answer).iter().any(|l| {
        l.strip_prefix(PITFALL)
            .is_some_and(|t| !t.trim().is_empty())
    });
    if found {
        Vec::new()
    } else {
        vec![format!("no '{PITFALL}' line")]
    }
}

/// The one line (outside code) that starts with `label`, or a problem.
fn labelled_line<'a>(answer: &'a str, label: &str) -> Result<&'a str, String> {
    let lines: Vec<&str> = outside_code(answer)
        .into_iter()
        .filter(|l| l.starts_with(label))
        .collect();
    match lines.as_slice() {
        [one] => Ok(one[label.len()..].trim()),
        [] => Err(format!("no '{label}' line")),
        more => Err(format!("{} '{label}' lines, expected one", more.len())),
    }
}

/// The targets of the Markdown links `[text](target)` of a line.
fn link_targets(line: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        targets.push(after[..end].trim().to_string());
        rest = &after[end + 1..];
    }
    targets
}

/// `**Further reading:**` with one to three Markdown links to http(s) URLs.
pub fn further_reading(answer: &str) -> Vec<String> {
    let line = match labelled_line(answer, FURTHER_READING) {
        Ok(line) => line,
        Err(problem) => return vec![problem],
    };
    let targets = link_targets(line);
    let (min, max) = READING_LINKS;
    let mut problems = Vec::new();
    if !(min..=max).contains(&targets.len()) {
        problems.push(format!(
            "{} links in Further reading, expected {min}-{max}",
            targets.len()
        ));
    }
    for target in &targets {
        let host = target
            .strip_prefix("https://")
            .or_else(|| target.strip_prefix("http://"));
        if host.is_none_or(|h| h.is_empty() || h.contains(char::is_whitespace)) {
            problems.push(format!(
                "Further reading link is not an http(s) URL: {target}"
            ));
        }
    }
    problems
}

/// `**Related:**` with one to four backticked full ids (`deck/card`), each
/// another card among `known`.
pub fn related(answer: &str, own_id: &str, known: &BTreeSet<String>) -> Vec<String> {
    let line = match labelled_line(answer, RELATED) {
        Ok(line) => line,
        Err(problem) => return vec![problem],
    };
    let ids: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
    let (min, max) = RELATED_IDS;
    let mut problems = Vec::new();
    if !(min..=max).contains(&ids.len()) {
        problems.push(format!(
            "{} related ids, expected {min}-{max} in backticks",
            ids.len()
        ));
    }
    let mut seen = BTreeSet::new();
    for id in &ids {
        if !id.contains('/') {
            problems.push(format!("related id `{id}` is not a full deck-id/card-id"));
        } else if *id == own_id {
            problems.push(format!("related id `{id}` is the card itself"));
        } else if !known.contains(*id) {
            problems.push(format!("related id `{id}` is not a shipped card"));
        }
        if !seen.insert(*id) {
            problems.push(format!("related id `{id}` is listed twice"));
        }
    }
    problems
}

/// Every card of these decks that fails a check, with its problems.
fn offenders(decks: &[Deck], check: impl Fn(&Deck, &Card) -> Vec<String>) -> Vec<String> {
    let mut offenders = Vec::new();
    for deck in decks {
        for card in &deck.cards {
            let problems = check(deck, card);
            if !problems.is_empty() {
                offenders.push(format!(
                    "{} ({}:{}):\n    {}",
                    card.id,
                    source_path(deck),
                    card.line,
                    problems.join("\n    ")
                ));
            }
        }
    }
    offenders
}

/// Runs a check on every shipped card and fails listing every offending card.
fn every_card(what: &str, check: impl Fn(&Deck, &Card) -> Vec<String>) {
    let decks = shipped();
    let cards: usize = decks.iter().map(|d| d.cards.len()).sum();
    let offenders = offenders(&decks, check);
    assert!(
        offenders.is_empty(),
        "{} of {cards} cards fail the {what} check:\n\n{}\n",
        offenders.len(),
        offenders.join("\n")
    );
}

/// The full ids of every shipped card.
fn shipped_ids() -> BTreeSet<String> {
    shipped()
        .iter()
        .flat_map(|d| &d.cards)
        .map(|c| c.id.clone())
        .collect()
}

#[test]
fn every_card_keeps_its_prose_within_the_word_budget() {
    every_card("word budget", |deck, card| {
        word_budget(&card.answer, is_markdown(deck))
    });
}

#[test]
fn every_card_has_short_key_points_with_bold_lead_ins() {
    every_card("key points", |_, card| key_points(&card.answer));
}

#[test]
fn every_card_has_a_ladder_of_answered_follow_ups() {
    every_card("follow-ups", |_, card| follow_ups(&card.answer));
}

#[test]
fn every_card_names_a_pitfall() {
    every_card("pitfall", |_, card| pitfall(&card.answer));
}

#[test]
fn every_card_cites_further_reading() {
    every_card("further reading", |_, card| further_reading(&card.answer));
}

#[test]
fn every_card_links_related_cards_that_exist() {
    let known = shipped_ids();
    every_card("related cards", |_, card| {
        related(&card.answer, &card.id, &known)
    });
}

/// The checks on small cards: a good one passes every check, and each bad
/// variant fails the check it breaks.
mod checks {
    use super::*;

    /// A card in the house style, with `n` words of filler prose.
    fn good(filler: usize) -> String {
        format!(
            "The short spoken answer comes first.\n\n{}\n\n\
             ### Key points\n\n\
             - **The lead-in is the point.** One sentence of reason.\n\
             - **A second point.** Its reason, which wraps\n  onto a second line.\n\
             - **A third point.** Reason.\n\n\
             ### Example\n\n\
             ```sql postgresql-15\nSELECT 1; -- words in code do not count\n```\n\n\
             ### Follow-ups\n\n\
             - *First question?* First answer.\n\
             - *Deeper question?* Deeper answer.\n\
             - *Deepest question, with `code?`?* Deepest answer\n  on two lines.\n\n\
             **Pitfall:** The wrong answer and why.\n\n\
             **Further reading:** [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110); [PostgreSQL: Indexes](https://www.postgresql.org/docs/current/indexes.html)\n\n\
             **Related:** `deck/other`, `other-deck/third`\n",
            vec!["word"; filler].join(" ")
        )
    }

    fn known() -> BTreeSet<String> {
        ["deck/card", "deck/other", "other-deck/third"]
            .map(String::from)
            .into()
    }

    fn all(answer: &str) -> Vec<String> {
        [
            word_budget(answer, true),
            key_points(answer),
            follow_ups(answer),
            pitfall(answer),
            further_reading(answer),
            related(answer, "deck/card", &known()),
        ]
        .concat()
    }

    #[test]
    fn a_card_in_the_house_style_passes_every_check() {
        assert_eq!(all(&good(150)), Vec::<String>::new());
    }

    #[test]
    fn prose_leaves_out_code_reading_and_related_lines() {
        let card = good(0);
        let prose = prose(&card);
        assert!(!prose.contains("SELECT"), "{prose}");
        assert!(!prose.contains("Further reading") && !prose.contains("Related"));
        assert!(prose.contains("Pitfall") && prose.contains("Deepest answer"));
        // Filler plus the fixed words of the card, TOML budget on the same text.
        let base = prose_words(&card);
        assert_eq!(prose_words(&good(10)), base + 10);
        assert_eq!(word_budget(&good(150 - base), true), Vec::<String>::new());
        assert_eq!(word_budget(&good(149 - base), true).len(), 1);
        assert_eq!(word_budget(&good(400 - base), true), Vec::<String>::new());
        assert_eq!(word_budget(&good(401 - base), true).len(), 1);
        assert_eq!(word_budget(&good(299 - base), false).len(), 1);
        assert_eq!(word_budget(&good(300 - base), false), Vec::<String>::new());
        assert_eq!(word_budget(&good(700 - base), false), Vec::<String>::new());
        assert_eq!(word_budget(&good(701 - base), false).len(), 1);
    }

    #[test]
    fn key_points_need_three_bold_short_bullets() {
        let card = good(150);
        let two = card.replace("- **A third point.** Reason.\n", "");
        assert_eq!(key_points(&two), ["2 key points, expected at least 3"]);
        let plain = card.replace("- **A third point.** Reason.", "- A third point. Reason.");
        assert_eq!(key_points(&plain).len(), 1, "{:?}", key_points(&plain));
        assert!(key_points(&plain)[0].contains("bold lead-in"));
        let empty_lead = card.replace("**A third point.**", "**** Reason.");
        assert_eq!(key_points(&empty_lead).len(), 1);
        // The bullet's lead-in is five words.
        let long = card.replace("One sentence of reason.", &vec!["reason"; 31].join(" "));
        let problems = key_points(&long);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("key point of 36 words"),
            "{problems:?}"
        );
        let exactly = card.replace("One sentence of reason.", &vec!["reason"; 30].join(" "));
        assert_eq!(key_points(&exactly), Vec::<String>::new());
        let none = card.replace("### Key points", "### Points");
        assert_eq!(key_points(&none), ["no '### Key points' section"]);
        // A paragraph after the list is not part of the last bullet.
        let after = card.replace(
            "- **A third point.** Reason.\n",
            &format!(
                "- **A third point.** Reason.\n\n{}\n",
                vec!["more"; 40].join(" ")
            ),
        );
        assert_eq!(key_points(&after), Vec::<String>::new());
    }

    #[test]
    fn follow_ups_need_three_answered_italic_questions() {
        let card = good(150);
        let unanswered = card.replace("*Deeper question?* Deeper answer.", "*Deeper question?*");
        let problems = follow_ups(&unanswered);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("follow-up without an answer"));
        assert_eq!(problems[1], "2 answered follow-ups, expected at least 3");
        let bold = card.replace("*First question?*", "**First question?**");
        assert!(follow_ups(&bold)[0].starts_with("follow-up not shaped"));
        let no_mark = card.replace("*First question?*", "*First question*");
        assert!(follow_ups(&no_mark)[0].starts_with("follow-up not shaped"));
        let quoted = card.replace("*First question?*", "*Who can see \"this?\"*");
        assert_eq!(follow_ups(&quoted), Vec::<String>::new());
        let starred = card.replace("*First question?*", "*Is `SELECT *` slow?*");
        assert_eq!(follow_ups(&starred), Vec::<String>::new());
        let two = card.replace("- *First question?* First answer.\n", "");
        assert_eq!(
            follow_ups(&two),
            ["2 answered follow-ups, expected at least 3"]
        );
        let none = card.replace("### Follow-ups", "### Questions");
        assert_eq!(follow_ups(&none), ["no '### Follow-ups' section"]);
    }

    #[test]
    fn a_pitfall_line_has_text() {
        let card = good(150);
        assert_eq!(
            pitfall(&card.replace("**Pitfall:** The wrong answer and why.", "**Pitfall:**")).len(),
            1
        );
        assert_eq!(pitfall(&card.replace("**Pitfall:**", "Pitfall:")).len(), 1);
    }

    #[test]
    fn further_reading_has_one_to_three_web_links() {
        let card = good(150);
        let line = |links: &str| {
            card.lines()
                .map(|l| {
                    if l.starts_with(FURTHER_READING) {
                        format!("{FURTHER_READING} {links}")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let link = "[A](https://example.org/a)";
        assert_eq!(further_reading(&line(link)), Vec::<String>::new());
        assert_eq!(
            further_reading(&line(&[link; 3].join("; "))),
            Vec::<String>::new()
        );
        assert_eq!(further_reading(&line(&[link; 4].join("; "))).len(), 1);
        assert_eq!(
            further_reading(&line("RFC 9110")),
            ["0 links in Further reading, expected 1-3"]
        );
        assert_eq!(
            further_reading(&line("[A](ftp://example.org/a)")),
            ["Further reading link is not an http(s) URL: ftp://example.org/a"]
        );
        assert_eq!(further_reading(&line("[A](docs/a.md)")).len(), 1);
        let gone: String = card
            .lines()
            .filter(|l| !l.starts_with(FURTHER_READING))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(further_reading(&gone), ["no '**Further reading:**' line"]);
        let twice = format!("{card}\n{FURTHER_READING} {link}\n");
        assert_eq!(
            further_reading(&twice),
            ["2 '**Further reading:**' lines, expected one"]
        );
    }

    #[test]
    fn related_ids_are_full_known_and_not_the_card_itself() {
        let card = good(150);
        let with = |ids: &str| card.replace("`deck/other`, `other-deck/third`", ids);
        let known = known();
        let check = |answer: &str| related(answer, "deck/card", &known);
        assert_eq!(check(&with("`deck/other`")), Vec::<String>::new());
        assert_eq!(
            check(&with("`deck/missing`")),
            ["related id `deck/missing` is not a shipped card"]
        );
        assert_eq!(
            check(&with("`deck/card`")),
            ["related id `deck/card` is the card itself"]
        );
        assert_eq!(
            check(&with("`other`")),
            ["related id `other` is not a full deck-id/card-id"]
        );
        assert_eq!(
            check(&with("deck/other")),
            ["0 related ids, expected 1-4 in backticks"]
        );
        assert_eq!(
            check(&with("`deck/other`, `deck/other`")),
            ["related id `deck/other` is listed twice"]
        );
        let five = ["`deck/other`"; 5].join(", ");
        assert!(check(&with(&five))[0].starts_with("5 related ids"));
        assert_eq!(
            check(&card.replace("**Related:**", "Related:")),
            ["no '**Related:**' line"]
        );
    }

    #[test]
    fn a_deck_check_lists_every_offending_card_with_its_place() {
        let card = good(150);
        let text = format!(
            "+++\nid = \"tiny\"\n+++\n\n# Beginner\n\n\
             ## Good?\n<!-- id: good; tags: api -->\n\n{card}\n\
             ## First bad?\n<!-- id: bad-one; tags: api -->\n\n{}\n\
             ## Second bad?\n<!-- id: bad-two; tags: api -->\n\n{}\n",
            card.replace("**Pitfall:**", "Pitfall:"),
            card.replace("**Pitfall:**", "")
        );
        let parsed = prepdeck::deck::parse_deck(
            text.as_bytes(),
            prepdeck::deck::Origin::Builtin("decks/tiny.md"),
            prepdeck::deck::Format::MARKDOWN,
        );
        let deck = parsed.deck.expect("the tiny deck parses");
        let found = offenders(&[deck], |_, card| pitfall(&card.answer));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("tiny/bad-one (decks/tiny.md:"),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("tiny/bad-two (decks/tiny.md:"),
            "{}",
            found[1]
        );
        assert!(found[1].ends_with("no '**Pitfall:**' line"), "{}", found[1]);
    }

    #[test]
    fn fences_with_options_and_tildes_hide_their_content() {
        let answer = "Prose.\n\n~~~text\n### Key points\n~~~\n\n```sql postgresql-18\n**Related:** `x/y`\n```\n";
        assert_eq!(prose_words(answer), 1);
        assert_eq!(key_points(answer), ["no '### Key points' section"]);
        assert_eq!(related(answer, "a/b", &known()), ["no '**Related:**' line"]);
    }
}
