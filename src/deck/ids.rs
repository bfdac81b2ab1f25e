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

/// A stable id derived from a question: lowercase letters and digits, every
/// other run of characters turned into one `-`, at most 80 characters.
/// Returns an empty string when the question has no letters or digits.
pub fn slug(question: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in question.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 4 * 80 {
            break;
        }
    }
    let mut out: String = out.chars().take(80).collect();
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
