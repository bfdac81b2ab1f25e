//! The `prepdeck` binary: parse the command line, hand over, exit.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = prepdeck::cli::Cli::parse();
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal() && std::io::stderr().is_terminal();
    let (mut out, mut err, mut input) = (
        std::io::stdout().lock(),
        std::io::stderr().lock(),
        stdin.lock(),
    );
    let mut output = prepdeck::commands::Output {
        out: &mut out,
        err: &mut err,
        input: &mut input,
        interactive,
    };
    prepdeck::commands::run(cli, &mut output)
}
