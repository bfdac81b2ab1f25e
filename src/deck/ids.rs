//! Card and deck ids: what a valid id looks like, and the slug a card gets
//! when its file names no id.

/// The longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 100;

/// Why an id is not acceptable, or `None` when it is.
///
/// Ids are letters (any script), digits, `-`, `_` and `.`; they must not be
/// empty, start with `.` or hold `/` (which joins deck and card ids).
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("id is empty".to_string());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Some(format!(
            "id '{id}' is longer than {MAX_ID_CHARS} characters"
        ));
    }
    if id.starts_with('.') {
        return Some(format!("id '{id}' starts with '.'"));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Some(format!(
            "id '{id}' contains {bad:?}; ids use letters, digits, '-', '_' and '.'"
        ));
    }
    None
}

/// A deck id made from a file name that is not one: lowercase, every run of
/// characters an id cannot hold turned into one `-`, no `-` or `.` at the
/// start, no `-` at the end, at most [`MAX_ID_CHARS`] characters (`My
/// Deck` → `my-deck`). Empty when the name holds no letter or digit.
pub fn deck_id_from_name(name: &str) -> String {
    let out = dashed(
        name.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '_'),
        |c| c.is_alphanumeric() || matches!(c, '_' | '.'),
        MAX_ID_CHARS,
    );
    if out.chars().any(char::is_alphanumeric) {
        out
    } else {
        String::new()
    }
}

/// A stable id derived from a question: lowercase letters and digits, every
/// other run of characters turned into one `-`, at most 80 characters.
/// Returns an empty string when the question has no letters or digits.
pub fn slug(question: &str) -> String {
    dashed(question, char::is_alphanumeric, 80)
}

/// `text` lowercased, the characters `keep` accepts kept and every run of
/// others turned into one `-`, with no `-` at either end, at most `max`
/// characters.
fn dashed(text: &str, keep: impl Fn(char) -> bool, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if keep(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 4 * max {
            break;
        }
    }
    let mut out: String = out.chars().take(max).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(slug("What is an API endpoint?"), "what-is-an-api-endpoint");
        assert_eq!(slug("  SQL vs. NoSQL -- why?! "), "sql-vs-nosql-why");
        assert_eq!(slug("Что такое REST?"), "что-такое-rest");
        assert_eq!(slug("???"), "");
        assert!(slug(&"word ".repeat(100)).chars().count() <= 80);
    }

    #[test]
    fn deck_ids_are_made_from_file_names() {
        assert_eq!(deck_id_from_name("My Deck"), "my-deck");
        assert_eq!(deck_id_from_name("  SQL & NoSQL (2024) "), "sql-nosql-2024");
        assert_eq!(deck_id_from_name(".hidden notes"), "hidden-notes");
        assert_eq!(deck_id_from_name("v1.2_draft copy"), "v1.2_draft-copy");
        assert_eq!(deck_id_from_name("Ünïcode Déck"), "ünïcode-déck");
        assert_eq!(deck_id_from_name("???"), "");
        assert_eq!(deck_id_from_name("._."), "");
        let long = deck_id_from_name(&"word ".repeat(50));
        assert!(long.chars().count() <= MAX_ID_CHARS && !long.ends_with('-'));
        for name in ["My Deck", "a/b c", &"x y".repeat(80)] {
            assert_eq!(id_problem(&deck_id_from_name(name)), None, "{name}");
        }
    }

    #[test]
    fn ids_are_checked() {
        assert_eq!(id_problem("api-endpoint"), None);
        assert_eq!(id_problem("v1.2_x"), None);
        assert!(id_problem("").is_some());
        assert!(id_problem("a/b").unwrap().contains("'/'"));
        assert!(id_problem("has space").is_some());
        assert!(id_problem(".hidden").is_some());
        assert!(id_problem(&"x".repeat(101)).is_some());
    }
}
