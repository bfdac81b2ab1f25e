//! `prepdeck check`: validate deck files and report every problem.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{Error, Output, shell_word};
use crate::cli::CheckArgs;
use crate::cli::settings::Settings;
use crate::deck::Diagnostic;
use crate::deck::load::{self, DeckSources};

/// How many problems of one file are printed before the rest are counted.
pub(super) const SHOWN_PER_FILE: usize = 20;

pub fn run(
    settings: &Settings,
    args: &CheckArgs,
    output: &mut Output<'_>,
) -> Result<ExitCode, Error> {
    // Named paths are checked on their own; otherwise every deck a run loads.
    let sources = if args.paths.is_empty() {
        settings.sources.clone()
    } else {
        DeckSources {
            builtin: false,
            user_dir: None,
            paths: args.paths.clone(),
        }
    };
    let library = load::load(&sources);
    let limit = (!args.all_errors).then_some(SHOWN_PER_FILE);
    write_diagnostics(output.out, &library.diagnostics, limit)?;
    let (errors, warnings) = (library.errors(), library.warnings());
    writeln!(
        output.out,
        "checked {} file{}, {} card{}: {} error{}, {} warning{}",
        library.files,
        plural(library.files),
        library.card_count(),
        plural(library.card_count()),
        errors,
        plural(errors),
        warnings,
        plural(warnings),
    )?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the diagnostics, at most `limit` of each file (all with `None`),
/// and after each file's last one shown a line counting those left out.
pub(super) fn write_diagnostics<'a>(
    out: &mut dyn Write,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    limit: Option<usize>,
) -> io::Result<()> {
    let limit = limit.unwrap_or(usize::MAX);
    // Per file: how many were printed; for the current run of one file, how
    // many errors and warnings were left out.
    let mut shown: std::collections::HashMap<&str, usize> = Default::default();
    let mut current: Option<(&str, usize, usize)> = None;
    for d in diagnostics {
        if current.is_some_and(|(path, _, _)| path != d.path) {
            write_left_out(out, current.take())?;
        }
        let (_, errors, warnings) = current.get_or_insert((&d.path, 0, 0));
        let count = shown.entry(&d.path).or_default();
        if *count < limit {
            *count += 1;
            writeln!(out, "{d}")?;
        } else if d.is_error() {
            *errors += 1;
        } else {
            *warnings += 1;
        }
    }
    write_left_out(out, current)
}

/// "... and 999,980 more errors in deck.md; run ..." for a file's left-out
/// problems, when there are any.
fn write_left_out(out: &mut dyn Write, run: Option<(&str, usize, usize)>) -> io::Result<()> {
    let Some((path, errors, warnings)) = run.filter(|(_, e, w)| e + w > 0) else {
        return Ok(());
    };
    let counted = |n: usize, what: &str| {
        (n > 0).then(|| format!("{} more {what}{}", thousands(n), plural(n)))
    };
    let counts: Vec<String> = [counted(errors, "error"), counted(warnings, "warning")]
        .into_iter()
        .flatten()
        .collect();
    let shown = crate::text::one_line(path);
    writeln!(
        out,
        "... and {} in {shown}; run prepdeck check --all-errors {} to see them all",
        counts.join(" and "),
        shell_word(&shown)
    )
}

/// `n` with a comma between groups of three digits: 999,980.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(999_980), "999,980");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn each_file_shows_its_first_problems_then_a_count() {
        let mut all: Vec<Diagnostic> = (0..25)
            .map(|i| Diagnostic::error("a.md", None, format!("e{i}")))
            .collect();
        all.push(Diagnostic::warning("a.md", None, "w"));
        all.push(Diagnostic::error("my deck.md", None, "only one"));
        let mut out = Vec::new();
        write_diagnostics(&mut out, &all, Some(20)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 22, "{text}");
        assert_eq!(lines[19], "a.md: error: e19");
        assert_eq!(
            lines[20],
            "... and 5 more errors and 1 more warning in a.md; run prepdeck check --all-errors a.md to see them all"
        );
        assert_eq!(lines[21], "my deck.md: error: only one");

        let mut out = Vec::new();
        write_diagnostics(&mut out, &all, None).unwrap();
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 27);
    }
}
