//! README.md stays true: its key tables are the key table the drill uses,
//! and its test command is the one CI runs.

use prepdeck::tui::help_rows;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// The key tables as README.md must show them, built from the key table.
fn key_tables() -> String {
    let mut out = String::new();
    for (section, rows) in help_rows() {
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "**{}**\n\n| Keys | Action |\n| --- | --- |\n",
            section.title()
        ));
        for (keys, help) in rows {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("| {} | {help} |\n", keys.join(" ")));
        }
        out.push('\n');
    }
    out
}

#[test]
fn readme_lists_every_key_of_the_drill() {
    let expected = key_tables();
    assert!(
        readme().contains(&expected),
        "README.md's key tables differ from the key table; they should read:\n\n{expected}"
    );
}

#[test]
fn readme_gives_the_two_commands_and_ci_runs_the_same_test_command() {
    let readme = readme();
    assert!(
        readme.contains("cargo run --release "),
        "the command that runs the app"
    );
    assert!(
        readme.contains("cargo test --locked "),
        "the command that runs the tests"
    );
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|line| line.trim() == "cargo test --locked"),
        "{ci}"
    );
}

/// The drill screen README.md shows: every shipped deck, the first card
/// marked Knew, the second card's answer revealed, 80×24 without colour.
fn drill_capture() -> String {
    use prepdeck::deck::load::{DeckSources, load};
    use prepdeck::engine::{Filter, Progress};
    use prepdeck::engine::{OrderRequest, start_or_resume};
    use prepdeck::tui::{App, Command, Theme};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Size;

    let library = load(&DeckSources {
        builtin: true,
        ..DeckSources::default()
    });
    let decks = library
        .decks
        .iter()
        .map(|d| (d.id.clone(), d.title.clone()))
        .collect();
    let t0 = jiff::Timestamp::from_second(1_800_000_000).expect("a time");
    let (engine, _) = start_or_resume(
        library.into_cards(),
        Progress::default(),
        Filter::all(),
        OrderRequest::Any,
        t0,
    );
    let mut app = App::new(engine, decks, Theme::plain());
    app.set_size(Size::new(80, 24));
    app.apply(Command::MarkKnew, t0);
    app.apply(Command::Reveal, t0);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let row: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn readme_shows_the_drill_as_it_draws() {
    let expected = format!("```text\n{}```", drill_capture());
    let readme = readme();
    if std::env::var_os("PREPDECK_UPDATE_README").is_some() {
        let start = readme.find("```text\n").expect("a text block");
        let end = start + readme[start..].find("\n```").expect("its end") + 4;
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated)
            .expect("write README.md");
        return;
    }
    assert!(
        readme.contains(&expected),
        "README.md's drill capture differs from the screen; run this test with \
         PREPDECK_UPDATE_README=1 to refresh it. It should read:\n\n{expected}"
    );
}

/// The rows of README.md's "where things live" table: (folder, row text).
fn layout_rows() -> Vec<(String, String)> {
    let readme = readme();
    let start = readme
        .find("| Folder | What is in it |")
        .expect("the layout table");
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| {
            let folder = line.split('`').nth(1)?;
            Some((folder.to_string(), line.to_string()))
        })
        .collect()
}

#[test]
fn readme_names_every_source_folder_and_only_real_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rows = layout_rows();
    for (folder, _) in &rows {
        assert!(
            root.join(folder).is_dir(),
            "README names {folder}, which is not a folder"
        );
    }
    // Every folder of code under src/ has its own row, or is named as
    // `name/` in its parent's row; test and snapshot folders apart.
    let mut todo = vec![root.join("src")];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !path.is_dir() || matches!(name, "tests" | "snapshots") {
                continue;
            }
            let rel = |p: &std::path::Path| {
                format!(
                    "{}/",
                    p.strip_prefix(root).expect("below the root").display()
                )
            };
            let (own, parent) = (rel(&path), rel(&dir));
            let covered = rows.iter().any(|(folder, row)| {
                *folder == own || (*folder == parent && row.contains(&format!("`{name}/`")))
            });
            assert!(covered, "README's layout table does not name {own}");
            todo.push(path);
        }
    }
}
