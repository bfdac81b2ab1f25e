//! The TOML deck format: an optional `[deck]` table and one `[[cards]]` table
//! per card. Unknown keys are errors, so a typo never drops data silently.

mod read;
mod write;

pub(crate) use write::basic_string;

use super::FormatSpec;

pub(crate) static SPEC: FormatSpec = FormatSpec {
    name: "toml",
    extensions: &["toml"],
    parse: read::parse,
    write: write::write,
};
