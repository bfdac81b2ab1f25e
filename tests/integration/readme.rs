//! README.md stays true: its key tables are the key table the drill uses,
//! and its test command is the one CI runs.

use prepdeck::tui::keymap::help_rows;

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
