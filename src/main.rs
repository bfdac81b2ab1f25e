//! The `prepdeck` binary: parse the command line, hand over, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = prepdeck::cli::Cli::parse();
    let terminals = prepdeck::commands::Terminals::detect();
    let (mut out, mut err, mut input) = (
        std::io::stdout().lock(),
        std::io::stderr().lock(),
        std::io::stdin().lock(),
    );
    let mut output = prepdeck::commands::Output {
        out: &mut out,
        err: &mut err,
        input: &mut input,
        terminals,
    };
    prepdeck::commands::run(cli, &mut output)
}
