//! Writes a synthetic deck of N cards, for trying prepdeck at scale:
//!
//! ```text
//! cargo run --release --example gen_deck -- 100000 md > big.md
//! cargo run --release --example gen_deck -- 1000 toml > small.toml
//! ```

use std::io::Write;
use std::process::ExitCode;

use prepdeck::deck::Format;
use prepdeck::deck::synthetic::generate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(format)) = (args.first(), args.get(1)) else {
        eprintln!("usage: gen_deck N md|toml");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("gen_deck: N must be a whole number, not '{count}'");
        return ExitCode::from(2);
    };
    let Some(format) = Format::from_name(format) else {
        eprintln!("gen_deck: format must be md or toml, not '{format}'");
        return ExitCode::from(2);
    };
    let text = generate(count, format);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_deck: {err}");
            ExitCode::FAILURE
        }
    }
}
