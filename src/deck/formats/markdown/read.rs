//! Reading a Markdown deck: front matter, then the pulldown-cmark events of
//! each piece, turned into raw cards whose answers borrow the file's text.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::options;
use crate::deck::assemble::{DeckDefaults, RawCard, assemble};
use crate::deck::context::ParseContext;
use crate::deck::{Deck, Difficulty, Level, Origin};

/// Front matter keys; anything else is an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    level: Option<toml::Spanned<String>>,
    tags: Option<Vec<String>>,
}

const META_KEYS: &str = "id, tags, level, difficulty, category";

/// Markdown is parsed in pieces of at least this many bytes, so the parser's
/// tree for a huge deck never has to exist all at once.
pub(super) const CHUNK_BYTES: usize = 1 << 20;

pub(super) fn parse(ctx: &mut ParseContext<'_>, origin: &Origin) -> Option<Deck> {
    parse_in_chunks(ctx, origin, CHUNK_BYTES, true)
}

/// The ranges of `body` to run the Markdown parser over, in order.
///
/// Without `fast` these are the pieces [`chunks`](super::split::chunks)
/// cuts, at least `chunk_bytes` long. With it, a card whose piece is
/// [plain](super::split::Piece::plain) is parsed only up to the end of its
/// head: the heading line, blank lines, and the metadata comment when it is
/// the next line and closes on it. The rest of a plain piece cannot hold a
/// heading that shapes the deck, and its answer is taken from the text
/// between headings, so tokenising it would change nothing; the events of
/// the head alone are the events the whole piece starts with.
///
/// A body that may define link references (`]:`) is always parsed in full,
/// since a reference defined in one card can turn a heading's brackets in
/// another into a link.
fn parse_ranges(body: &str, chunk_bytes: usize, fast: bool) -> Vec<Segment> {
    if !fast || memchr::memmem::find(body.as_bytes(), b"]:").is_some() {
        return super::split::chunks(body, chunk_bytes)
            .into_iter()
            .map(Segment::Parse)
            .collect();
    }
    let mut ranges: Vec<Segment> = Vec::new();
    // Consecutive pieces that need a full parse, merged up to `chunk_bytes`.
    let mut group: Option<Range<usize>> = None;
    for piece in super::split::pieces(body) {
        let head = if piece.plain {
            head_end(&body[piece.range.clone()]).map(|(len, meta)| Segment::Head {
                range: piece.range.start..piece.range.start + len,
                meta: meta.map(|m| piece.range.start + m),
            })
        } else {
            None
        };
        match head {
            Some(head) => {
                ranges.extend(group.take().map(Segment::Parse));
                ranges.push(head);
            }
            None => {
                let merged = match group.take() {
                    Some(g) if g.end - g.start < chunk_bytes => g.start..piece.range.end,
                    Some(g) => {
                        ranges.push(Segment::Parse(g));
                        piece.range
                    }
                    None => piece.range,
                };
                group = Some(merged);
            }
        }
    }
    ranges.extend(group.map(Segment::Parse));
    ranges
}

/// A range of the body to read events from.
enum Segment {
    /// Run the Markdown parser over it.
    Parse(Range<usize>),
    /// The head of a plain card (see [`parse_ranges`]); `meta` is where its
    /// metadata comment line starts, when it has one.
    Head {
        range: Range<usize>,
        meta: Option<usize>,
    },
}

/// Bytes a heading may hold for [`simple_head`] to read it without the
/// parser: printable ASCII that is never Markdown syntax inside a heading
/// (no escapes, code, emphasis, entities, HTML, links, images, strikethrough,
/// closing hashes, pipes or braces).
fn plain_heading_byte(b: u8) -> bool {
    match b {
        b'\\' | b'`' | b'*' | b'_' | b'&' | b'<' | b'>' | b'[' | b']' | b'!' | b'~' | b'#'
        | b'|' | b'{' | b'}' => false,
        b' ' => true,
        b => b.is_ascii_graphic(),
    }
}

/// The events the parser gives for a card head whose heading is plain text
/// and whose metadata comment, if any, starts at column 0: the heading with
/// one text event, then the HTML block. None when the head is not that
/// simple, and the parser reads it.
fn simple_head<'a>(
    body: &'a str,
    base: usize,
    range: &Range<usize>,
    meta: Option<usize>,
) -> Option<Vec<(Event<'a>, usize, usize)>> {
    let piece = &body[range.clone()];
    let first_end = memchr::memchr(b'\n', piece.as_bytes()).map_or(piece.len(), |i| i + 1);
    let hashes = piece.bytes().take_while(|&b| b == b'#').count();
    let level = match hashes {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        _ => return None,
    };
    let words = piece[hashes..first_end]
        .strip_suffix('\n')
        .map(|w| w.strip_suffix('\r').unwrap_or(w))
        .unwrap_or(&piece[hashes..first_end]);
    if !words.bytes().all(plain_heading_byte) {
        return None;
    }
    let words = words.trim_matches(' ');
    let (start, end) = (base + range.start, base + range.start + first_end);
    let mut events = Vec::with_capacity(5);
    let tag = Tag::Heading {
        level,
        id: None,
        classes: Vec::new(),
        attrs: Vec::new(),
    };
    events.push((Event::Start(tag), start, end));
    if !words.is_empty() {
        events.push((Event::Text(words.into()), start, end));
    }
    events.push((Event::End(TagEnd::Heading(level)), start, end));
    if let Some(meta) = meta {
        if !body[meta..].starts_with("<!--") {
            return None;
        }
        let (start, end) = (base + meta, base + range.end);
        events.push((Event::Start(Tag::HtmlBlock), start, end));
        events.push((Event::End(TagEnd::HtmlBlock), start, end));
    }
    Some(events)
}

/// The length of a plain piece's head (see [`parse_ranges`]), or None when
/// the piece must be parsed in full: it does not start with a `#` or `##`
/// heading line, the heading has brackets, or the first line after it is
/// HTML other than a one-line comment.
fn head_end(piece: &str) -> Option<(usize, Option<usize>)> {
    let bytes = piece.as_bytes();
    let line_end =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i + 1);
    let first_end = line_end(0);
    let first = &piece[..first_end];
    let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
    if !(1..=2).contains(&hashes)
        || !matches!(bytes.get(hashes), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
        || memchr::memchr2(b'[', b']', first.as_bytes()).is_some()
    {
        return None;
    }
    let mut pos = first_end;
    while pos < bytes.len() {
        let end = line_end(pos);
        let line = &piece[pos..end];
        if line.trim().is_empty() {
            pos = end;
            continue;
        }
        let rest = line.trim_start();
        if !rest.starts_with('<') {
            return Some((pos, None));
        }
        let closes = rest.starts_with("<!--") && rest[4..].contains("-->");
        return closes.then_some((end, Some(pos)));
    }
    Some((bytes.len(), None))
}

/// [`parse`] with a chosen chunk size; any size gives the same result.
pub(super) fn parse_in_chunks(
    ctx: &mut ParseContext<'_>,
    origin: &Origin,
    chunk_bytes: usize,
    fast: bool,
) -> Option<Deck> {
    let text = ctx.text;
    let (defaults, body_start) = front_matter(ctx);
    let body = &text[body_start..];

    let mut raws: Vec<RawCard<'_>> = Vec::new();
    let mut open: Option<RawCard<'_>> = None;
    let mut answer_from = 0usize;
    let mut section_level = defaults.level;
    // Nesting of container blocks: only top-level headings shape the deck.
    let mut depth = 0usize;
    // The level-1 or level-2 heading being read: its level, offset and text.
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut expect_meta = false;

    let events = parse_ranges(body, chunk_bytes, fast).into_iter().flat_map(
        |segment| -> Box<dyn Iterator<Item = (Event<'_>, usize, usize)> + '_> {
            let range = match segment {
                Segment::Head { range, meta } => {
                    match simple_head(body, body_start, &range, meta) {
                        Some(events) => return Box::new(events.into_iter()),
                        None => range,
                    }
                }
                Segment::Parse(range) => range,
            };
            let base = body_start + range.start;
            Box::new(
                Parser::new_ext(&body[range], options())
                    .into_offset_iter()
                    .map(move |(event, range)| (event, base + range.start, base + range.end)),
            )
        },
    );
    for (event, start, end) in events {
        if let Some((level, at, words)) = heading.as_mut() {
            match event {
                Event::Text(t) => words.push_str(&t),
                Event::Code(t) => {
                    words.push('`');
                    words.push_str(&t);
                    words.push('`');
                }
                Event::SoftBreak | Event::HardBreak => words.push(' '),
                Event::End(TagEnd::Heading(_)) => {
                    let (level, at, words) =
                        (*level, *at, std::mem::take(words).trim().to_string());
                    heading = None;
                    if level == HeadingLevel::H1 {
                        match words.parse::<Level>() {
                            Ok(level) => section_level = Some(level),
                            Err(_) => ctx.error(
                                Some(at),
                                format!(
                                    "level heading '# {words}' names no level; valid level headings are # Beginner, # Intermediate, # Advanced"
                                ),
                            ),
                        }
                    } else {
                        open = Some(RawCard {
                            offset: at,
                            question: Some(words),
                            section_level,
                            ..RawCard::default()
                        });
                        answer_from = end;
                        expect_meta = true;
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. })
                if depth == 0 && matches!(level, HeadingLevel::H1 | HeadingLevel::H2) =>
            {
                close(&mut open, &mut raws, text, answer_from, start);
                heading = Some((level, start, String::new()));
                expect_meta = false;
            }
            Event::Start(Tag::HtmlBlock) if expect_meta => {
                expect_meta = false;
                let block = &text[start..end];
                if block.trim_start().starts_with("<!--") {
                    if let Some(card) = open.as_mut() {
                        metadata(ctx, card, block, start);
                    }
                    answer_from = end;
                }
            }
            Event::Start(tag) => {
                expect_meta = false;
                if is_container(&tag) {
                    depth += 1;
                }
            }
            Event::End(tag) => {
                if is_container_end(&tag) {
                    depth = depth.saturating_sub(1);
                }
            }
            _ => expect_meta = false,
        }
    }
    close(&mut open, &mut raws, text, answer_from, text.len());
    assemble(
        ctx,
        origin,
        defaults,
        raws,
        "a card starts with a level-2 heading such as '## What is an API endpoint?'",
    )
}

/// Ends the open card: its answer is the text from `from` up to `to`.
fn close<'a>(
    open: &mut Option<RawCard<'a>>,
    raws: &mut Vec<RawCard<'a>>,
    text: &'a str,
    from: usize,
    to: usize,
) {
    if let Some(mut card) = open.take() {
        card.answer = Some(Cow::Borrowed(
            text.get(from.min(to)..to).unwrap_or_default(),
        ));
        raws.push(card);
    }
}

pub(super) fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)
    )
}

pub(super) fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition
    )
}

/// Reads `+++` front matter at the very start of the file. Returns the deck
/// settings and the offset where the Markdown body starts.
fn front_matter(ctx: &mut ParseContext<'_>) -> (DeckDefaults, usize) {
    let text = ctx.text;
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return (DeckDefaults::default(), 0);
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut pos = toml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..line_end].trim_end() == "+++" {
            let body_start = (line_end + 1).min(text.len());
            let defaults = match toml::from_str::<FrontMatter>(&text[toml_start..pos]) {
                Ok(fm) => {
                    let level = fm.level.and_then(|level| {
                        let at = toml_start + level.span().start;
                        level
                            .into_inner()
                            .parse::<Level>()
                            .map_err(|err| ctx.error(Some(at), err.to_string()))
                            .ok()
                    });
                    DeckDefaults {
                        id: fm.id,
                        title: fm.title,
                        description: fm.description,
                        level,
                        tags: fm.tags,
                        offset: Some(0),
                    }
                }
                Err(err) => {
                    ctx.toml_error(toml_start, &err);
                    DeckDefaults::default()
                }
            };
            return (defaults, body_start);
        }
        pos = line_end + 1;
    }
    ctx.error(
        Some(0),
        "front matter opened with '+++' is never closed by a '+++' line",
    );
    (DeckDefaults::default(), 0)
}

/// Reads the `<!-- key: value; key: value -->` comment that follows a question.
/// Pairs are separated by `;` or new lines.
fn metadata(ctx: &mut ParseContext<'_>, card: &mut RawCard<'_>, block: &str, block_start: usize) {
    let Some(open_at) = block.find("<!--") else {
        return;
    };
    let inner_start = open_at + 4;
    let inner_end = block[inner_start..]
        .find("-->")
        .map_or(block.len(), |i| inner_start + i);
    let inner = &block[inner_start..inner_end];
    let mut given: Vec<String> = Vec::new();
    let mut part_start = 0usize;
    for (i, c) in inner
        .char_indices()
        .chain(std::iter::once((inner.len(), ';')))
    {
        if c != ';' && c != '\n' {
            continue;
        }
        let part = &inner[part_start..i];
        let part_offset = block_start + inner_start + part_start;
        part_start = i + c.len_utf8();
        let lead = part.len() - part.trim_start().len();
        let pair = part.trim();
        if pair.is_empty() {
            continue;
        }
        let at = part_offset + lead;
        let Some((key, value)) = pair.split_once(':') else {
            ctx.error(
                Some(at),
                format!("card metadata '{pair}' is not 'key: value'; valid keys are {META_KEYS}"),
            );
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value_at =
            at + pair.find(':').map_or(0, |i| i + 1) + (value.len() - value.trim_start().len());
        let value = value.trim();
        if given.contains(&key) {
            ctx.error(
                Some(at),
                format!("card metadata key '{key}' is given twice"),
            );
            continue;
        }
        match key.as_str() {
            "id" => card.id = Some((value.to_string(), value_at)),
            "tags" => {
                card.tags = Some(value.split(',').map(|t| t.trim().to_string()).collect());
            }
            "level" => match value.parse::<Level>() {
                Ok(level) => card.level = Some(level),
                Err(err) => {
                    card.level_reported = true;
                    ctx.error(Some(value_at), err.to_string());
                }
            },
            "difficulty" => match value.parse::<Difficulty>() {
                Ok(d) => card.difficulty = Some(d),
                Err(err) => {
                    card.level_reported = true;
                    ctx.error(Some(value_at), err.to_string());
                }
            },
            "category" => card.category = Some(value.to_string()),
            _ => {
                ctx.error(
                    Some(at),
                    format!("unknown card metadata key '{key}'; valid keys are {META_KEYS}"),
                );
                continue;
            }
        }
        given.push(key);
    }
}
