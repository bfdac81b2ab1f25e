//! The shipped decks as loaded, and their fenced code blocks with the line
//! each one starts on in its deck file, for the content tests.

use prepdeck::deck::load::{DeckSources, load};
use prepdeck::deck::{BUILTIN_DECKS, Card, Deck, Origin};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// Every shipped deck, loaded as the app loads them; any diagnostic fails.
pub fn shipped() -> Vec<Deck> {
    let library = load(&DeckSources {
        builtin: true,
        user_dir: None,
        paths: Vec::new(),
    });
    assert!(library.diagnostics.is_empty(), "{:#?}", library.diagnostics);
    library.decks
}

/// The shipped deck with this id.
pub fn deck<'a>(decks: &'a [Deck], id: &str) -> &'a Deck {
    decks
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("shipped deck {id} present"))
}

/// The deck's path in the source tree, such as `decks/backend-roadmap.md`.
pub fn source_path(deck: &Deck) -> &'static str {
    match deck.origin {
        Origin::Builtin(path) => path,
        Origin::File(_) => panic!("{} is not a shipped deck", deck.id),
    }
}

/// True for a Markdown deck file, false for TOML.
pub fn is_markdown(deck: &Deck) -> bool {
    source_path(deck).ends_with(".md")
}

/// One fenced (or indented) code block of a card's answer.
#[derive(Clone, Debug)]
pub struct Block {
    /// The deck file, such as `decks/backend-roadmap.md`.
    pub file: &'static str,
    /// The card's full id.
    pub card: String,
    /// 1-based line of the opening fence in the deck file.
    pub line: usize,
    /// The first word of the info string (`sql` for ```` ```sql postgresql-18 ````),
    /// `<indented>` for an indented block, empty for a bare fence.
    pub lang: String,
    /// The words of the info string after the language.
    pub options: Vec<String>,
    pub code: String,
}

impl Block {
    /// `decks/x.md:12: deck/card (sql)`, the way failures name a block.
    pub fn place(&self) -> String {
        format!("{}:{}: {} ({})", self.file, self.line, self.card, self.lang)
    }
}

/// Splits an info string into its language (first word) and options.
pub fn split_info(info: &str) -> (String, Vec<String>) {
    let mut words = info.split_whitespace().map(str::to_string);
    let lang = words.next().unwrap_or_default();
    (lang, words.collect())
}

/// Every code block of every card of these decks, in file order.
pub fn code_blocks(decks: &[Deck]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for deck in decks {
        let file = source_path(deck);
        let text = BUILTIN_DECKS
            .iter()
            .find(|b| b.path == file)
            .map(|b| b.text)
            .expect("shipped deck text");
        for card in &deck.cards {
            blocks.extend(card_blocks(file, text, card));
        }
    }
    blocks
}

/// The blocks of one card; `text` is the whole deck file.
pub fn card_blocks(file: &'static str, text: &str, card: &Card) -> Vec<Block> {
    let first_answer_line = answer_line(text, card);
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in
        Parser::new_ext(&card.answer, prepdeck::deck::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, options) = match kind {
                    CodeBlockKind::Fenced(info) => split_info(&info),
                    CodeBlockKind::Indented => ("<indented>".to_string(), Vec::new()),
                };
                let line = first_answer_line + card.answer[..range.start].matches('\n').count();
                current = Some(Block {
                    file,
                    card: card.id.clone(),
                    line,
                    lang,
                    options,
                    code: String::new(),
                });
            }
            Event::Text(code) => {
                if let Some(block) = current.as_mut() {
                    block.code.push_str(&code);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The 1-based line of the deck file where the card's answer text begins:
/// the answer's first line, looked up from the card's own line on. Answers
/// are kept verbatim (Markdown slices, TOML literal strings), so this finds
/// them; if it does not, the card's line is the best guess.
fn answer_line(text: &str, card: &Card) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(card.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let first = card.answer.lines().next().unwrap_or("");
    let needle = format!("\n{first}");
    match text.get(start..).and_then(|rest| rest.find(&needle)) {
        Some(at) if !first.trim().is_empty() => {
            card.line + 1 + text[start..start + at].matches('\n').count()
        }
        _ => card.line,
    }
}
