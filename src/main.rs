//! The `prepdeck` binary: parse the command line, hand over, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = prepdeck::cli::Cli::parse();
    let default_data_dir = directories::ProjectDirs::from("", "", "prepdeck")
        .map(|dirs| dirs.data_dir().to_path_buf());
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut output = prepdeck::commands::Output {
        out: &mut out,
        err: &mut err,
    };
    prepdeck::commands::run(cli, default_data_dir, &mut output)
}
