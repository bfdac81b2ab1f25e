//! Loading every deck a run uses: the shipped ones, the user's deck folder
//! and `--deck-file` paths, with problems collected rather than fatal.
//!
//! A broken user deck is skipped and reported, so one typo never costs a
//! drill; `check` looks at the same diagnostics and fails on any error.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{
    BUILTIN_DECKS, Card, Deck, Diagnostic, Format, MAX_FILE_BYTES, Origin, Parsed, parse_deck,
};
use crate::text::io_message;

/// Which decks to load.
#[derive(Clone, Debug, Default)]
pub struct DeckSources {
    /// Load the decks compiled into the binary.
    pub builtin: bool,
    /// A folder whose deck files (`*.md`, `*.toml`) are loaded when it exists
    /// (`<data dir>/decks`); a missing folder is not an error.
    pub user_dir: Option<PathBuf>,
    /// Files or folders named on the command line; these must exist.
    pub paths: Vec<PathBuf>,
}

/// The loaded decks and every problem found on the way.
#[derive(Debug, Default)]
pub struct Library {
    pub decks: Vec<Deck>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files (or built-in decks) were read.
    pub files: usize,
}

impl Library {
    /// Every card of every deck, in deck order then file order.
    pub fn cards(&self) -> impl Iterator<Item = &Card> {
        self.decks.iter().flat_map(|deck| deck.cards.iter())
    }

    /// Every card of every deck, in deck order then file order, owned.
    pub fn into_cards(self) -> Vec<Card> {
        // The first deck's cards are taken as they are, not copied.
        let mut decks = self.decks.into_iter();
        let mut cards = decks.next().map(|deck| deck.cards).unwrap_or_default();
        decks.for_each(|deck| cards.extend(deck.cards));
        cards
    }

    pub fn card_count(&self) -> usize {
        self.decks.iter().map(|d| d.cards.len()).sum()
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Adds a parsed deck unless its id clashes with a deck already loaded.
    fn add(&mut self, parsed: Parsed) {
        self.files += 1;
        self.diagnostics.extend(parsed.diagnostics);
        let Some(deck) = parsed.deck else { return };
        if let Some(other) = self.decks.iter().find(|d| d.id == deck.id) {
            let clashes = clashing_cards(other, &deck);
            let path = deck.origin.to_string();
            self.diagnostics.push(Diagnostic::error(
                path.clone(),
                None,
                format!(
                    "deck id '{}' is already used by {}; give one of the decks another id",
                    deck.id, other.origin
                ),
            ));
            for (card, first) in clashes {
                self.diagnostics.push(Diagnostic::error(
                    path.clone(),
                    Some(super::Position {
                        line: card.line,
                        col: 1,
                    }),
                    format!(
                        "duplicate card id '{}'; first defined at {}:{}:1",
                        card.id, other.origin, first.line
                    ),
                ));
            }
            return;
        }
        self.decks.push(deck);
    }
}

fn clashing_cards<'a>(first: &'a Deck, second: &'a Deck) -> Vec<(&'a Card, &'a Card)> {
    let by_id: HashMap<&str, &Card> = first.cards.iter().map(|c| (c.id.as_str(), c)).collect();
    second
        .cards
        .iter()
        .filter_map(|c| by_id.get(c.id.as_str()).map(|f| (c, *f)))
        .collect()
}

/// Loads every deck from `sources`, in order: built-in, user folder, paths.
/// A file reached twice (named twice, or named and also in a named folder)
/// is loaded once, at its first place.
pub fn load(sources: &DeckSources) -> Library {
    let mut library = Library::default();
    if sources.builtin {
        for deck in BUILTIN_DECKS {
            // Every shipped deck has a known format (a unit test checks).
            let Some(format) = deck.format() else {
                continue;
            };
            let parsed = parse_deck(deck.text.as_bytes(), Origin::Builtin(deck.path), format);
            library.add(parsed);
        }
    }
    let mut seen = HashSet::new();
    let mut add_file = |library: &mut Library, file: &Path| {
        // Two spellings of one file (`a/../a/x.md`, a symlink) are one file.
        let key = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        if seen.insert(key) {
            library.add(load_file(file));
        }
    };
    if let Some(dir) = sources.user_dir.as_ref().filter(|dir| dir.is_dir()) {
        match deck_files_in(dir) {
            Ok(files) => files.iter().for_each(|f| add_file(&mut library, f)),
            Err(d) => library.diagnostics.push(d),
        }
    }
    for path in &sources.paths {
        if path.is_dir() {
            match deck_files_in(path) {
                Ok(files) if files.is_empty() => library.diagnostics.push(Diagnostic::error(
                    path.display().to_string(),
                    None,
                    format!(
                        "folder holds no deck files ({})",
                        Format::extension_list("*.")
                    ),
                )),
                Ok(files) => files.iter().for_each(|f| add_file(&mut library, f)),
                Err(d) => library.diagnostics.push(d),
            }
        } else {
            add_file(&mut library, path);
        }
    }
    library
}

/// Reads and parses one deck file; a problem reading it becomes a diagnostic.
pub fn load_file(path: &Path) -> Parsed {
    let shown = path.display().to_string();
    let fail = |message: String| Parsed {
        deck: None,
        diagnostics: vec![Diagnostic::error(shown.clone(), None, message)],
    };
    // Whether the file is there comes first: a missing `notes` is missing,
    // not a file of the wrong kind. Then its kind, before it is opened: a
    // FIFO would block the open, a device would never end.
    let size = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return fail("is a folder, not a deck file".to_string()),
        Ok(meta) if !meta.is_file() => {
            return fail(format!(
                "is {}, not a regular file; a deck must be a regular file",
                file_kind(&meta.file_type())
            ));
        }
        Ok(meta) => meta.len(),
        Err(err) => return fail(format!("cannot read file: {}", io_message(&err))),
    };
    let Some(format) = Format::from_path(path) else {
        return fail(format!(
            "not a deck file; deck files end in {}",
            Format::extension_list(".")
        ));
    };
    if size > MAX_FILE_BYTES {
        return fail(format!(
            "file is {size} bytes, over the {MAX_FILE_BYTES} byte limit for a deck file"
        ));
    }
    match read_limited(path, size) {
        Ok(Some(bytes)) => parse_deck(&bytes, Origin::File(path.to_path_buf()), format),
        Ok(None) => fail(format!(
            "file grew past the {MAX_FILE_BYTES} byte limit for a deck file while it was read"
        )),
        Err(err) => fail(format!("cannot read file: {}", io_message(&err))),
    }
}

/// The file's bytes, reading at most one byte past the limit whatever size
/// the file system reported; `None` when the file holds more than the limit.
fn read_limited(path: &Path, reported: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // Opened, it may be another file than the one looked at: check again.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "it became {} while being opened",
            file_kind(&meta.file_type())
        )));
    }
    let capacity = reported.min(MAX_FILE_BYTES) as usize;
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// What a file that is not a regular file is, for messages.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        return "a folder";
    }
    "a special file"
}

/// The deck files (of any registered format) directly inside `dir`, sorted by name,
/// skipping hidden files.
fn deck_files_in(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        Diagnostic::error(
            dir.display().to_string(),
            None,
            format!("cannot read folder: {}", io_message(&err)),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            !hidden && p.is_file() && Format::from_path(p).is_some()
        })
        .collect();
    files.sort();
    Ok(files)
}
