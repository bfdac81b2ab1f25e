//! How a command fails: a message for the user, the error that caused it
//! (kept, not flattened into text), an optional way out, and an exit code.
//!
//! Keeping the cause lets the caller ask what happened rather than read the
//! words: a closed pipe (`prepdeck list | head`) is found by its
//! [`io::ErrorKind::BrokenPipe`], whatever the system's wording. The report
//! printed for the user walks the chain once: `message: cause: cause; hint`.

use std::error::Error as StdError;
use std::fmt;
use std::io;

use crate::text::io_message;

/// A failure that ends a command.
#[derive(Debug)]
pub struct Error {
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
    /// The kind of an I/O error whose words are the message itself (not a
    /// source, so they are not printed twice).
    io_kind: Option<io::ErrorKind>,
    /// What the user can do about it, printed after the causes.
    hint: Option<String>,
    code: u8,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            source: None,
            io_kind: None,
            hint: None,
            code: 1,
        }
    }

    /// `message`, caused by `source`: reported as `message: source`.
    pub fn caused_by(
        message: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Error {
            source: Some(source.into()),
            ..Error::new(message)
        }
    }

    /// An error that is only its cause, reported as the cause's chain: for
    /// a library error that already says everything, such as a
    /// [`StoreError`](crate::store::StoreError).
    pub fn only(source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        Error::caused_by(String::new(), source)
    }

    pub fn with_code(mut self, code: u8) -> Self {
        self.code = code;
        self
    }

    /// Add what the user can do, reported after the causes.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The exit code.
    pub fn code(&self) -> u8 {
        self.code
    }

    /// The kind of the I/O error behind this one, if there is one anywhere
    /// in the chain.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        self.io_kind.or_else(|| {
            let mut cause = self.source();
            while let Some(err) = cause {
                if let Some(io) = err.downcast_ref::<io::Error>() {
                    return Some(io.kind());
                }
                cause = err.source();
            }
            None
        })
    }

    /// Whether the output was closed under us (`prepdeck list | head`),
    /// which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        self.io_kind() == Some(io::ErrorKind::BrokenPipe)
    }

    /// The whole report on one line: the message, each cause once, the hint.
    pub fn report(&self) -> String {
        let mut text = chain(self);
        if let Some(hint) = &self.hint {
            text.push_str("; ");
            text.push_str(hint);
        }
        crate::text::one_line(&text)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

/// An I/O error is its own message, in words without the `(os error N)`
/// suffix; its kind is kept.
impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        Error {
            io_kind: Some(err.kind()),
            ..Error::new(io_message(&err))
        }
    }
}

/// Writing JSON output fails only when writing fails: the message is
/// serde_json's, the I/O error's kind is kept.
impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error {
            io_kind: err.io_error_kind(),
            ..Error::new(err.to_string())
        }
    }
}

/// `err` and each of its causes, once each: `error: cause: cause`. An
/// empty message (an error that only wraps another) adds nothing.
pub fn chain(err: &(dyn StdError + 'static)) -> String {
    let mut text = String::new();
    let mut next = Some(err);
    while let Some(err) = next {
        let message = err.to_string();
        if !message.is_empty() {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&message);
        }
        next = err.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    #[test]
    fn the_report_prints_each_cause_once_then_the_hint() {
        let store = StoreError::Write {
            path: "/data/progress.json".into(),
            source: io::Error::new(io::ErrorKind::StorageFull, "disk full"),
        };
        let err = Error::caused_by("the drill stopped", store).with_hint("free some space");
        assert_eq!(
            err.report(),
            "the drill stopped: cannot save progress to /data/progress.json: disk full; free some space"
        );
        assert_eq!(err.io_kind(), Some(io::ErrorKind::StorageFull));
    }

    #[test]
    fn a_broken_pipe_is_found_by_kind_anywhere_in_the_chain() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(Error::from(pipe()).is_broken_pipe());
        assert!(Error::caused_by("terminal", pipe()).is_broken_pipe());
        let json = serde_json::Error::io(pipe());
        assert!(Error::from(json).is_broken_pipe());
        // Words alone are not a broken pipe.
        assert!(!Error::new("unknown tag 'Broken pipe'").is_broken_pipe());
    }

    #[test]
    fn an_io_error_is_its_message_without_the_os_error_number() {
        let err = Error::from(io::Error::from_raw_os_error(2));
        assert!(!err.report().contains("os error"), "{}", err.report());
        assert_eq!(err.io_kind(), Some(io::ErrorKind::NotFound));
    }

    #[test]
    fn the_report_is_one_line() {
        let err = Error::new("unknown deck 'a\nb'").with_hint("see\tthe list");
        assert_eq!(err.report(), "unknown deck 'a b'; see the list");
    }
}
