//! The layering the crate relies on, checked on its source so it holds by
//! test rather than by habit: the engine touches no terminal, file, clock or
//! global random generator; the deck model and formats draw nothing; only
//! `tui` talks to ratatui and crossterm, and it never reaches into `cli`;
//! only the store knows where the data folder is.

use std::path::{Path, PathBuf};

/// Every `.rs` file below `src/<dir>`, test modules left out.
fn sources(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
    while let Some(path) = todo.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("a source folder") {
                todo.push(entry.expect("an entry").path());
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let in_tests = path.components().any(|c| c.as_os_str() == "tests");
            if name != "tests.rs" && !in_tests {
                out.push(path);
            }
        }
    }
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

/// The code of a file: comments and the inline test module left out.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source file");
    text.lines()
        .take_while(|line| !line.trim_start().starts_with("#[cfg(test)]"))
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every place in `dir` that names one of `banned`.
fn uses(dir: &str, banned: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(dir) {
        let code = code(&path);
        for word in banned {
            if code.contains(word) {
                found.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    found
}

#[test]
fn the_engine_is_pure() {
    let found = uses(
        "engine",
        &[
            "std::fs",
            "std::io",
            "std::env",
            "std::time",
            "Timestamp::now",
            "SystemTime",
            "Instant",
            "rand::rng",
            "thread_rng",
            "ratatui",
            "crossterm",
            "crate::store",
            "crate::tui",
            "crate::cli",
            "crate::commands",
            "serde",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_the_terminal_layer_draws_and_it_never_reads_flags() {
    for dir in ["deck", "engine", "store", "cli", "commands"] {
        let found = uses(dir, &["ratatui", "crossterm"]);
        assert!(found.is_empty(), "{found:#?}");
    }
    let found = uses("tui", &["crate::cli", "crate::commands", "crate::store"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_the_store_knows_the_data_folder() {
    for dir in ["deck", "engine", "tui", "cli", "commands"] {
        let found = uses(dir, &["directories::"]);
        assert!(found.is_empty(), "{found:#?}");
    }
    let found = uses("store", &["directories::"]);
    assert!(!found.is_empty(), "the check must see the store's own use");
}
