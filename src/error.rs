//! Errors that stop a run. Each names the file and, where there is one, the line and column, and
//! says what was expected, so that a user can open the file and fix it. Reading and writing are
//! told apart: a file that cannot be read is an input's fault, one that cannot be written is
//! where the report was to go.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be opened or read.
    #[error("{}: cannot read: {}", path.display(), why(source))]
    Io { path: PathBuf, source: io::Error },
    /// Output could not be written: `what` (the report, a config file) `to` a file, or to
    /// standard output.
    #[error("cannot write {what} to {to}: {}", why_not_written(source))]
    Write {
        what: &'static str,
        to: String,
        source: io::Error,
    },
    /// No importer recognises the file's content.
    #[error("{}: unknown log format: {detail}", path.display())]
    UnknownFormat { path: PathBuf, detail: String },
    /// A value in the file is malformed.
    #[error("{}: {message}", place(path, *line, *column))]
    Parse {
        path: PathBuf,
        line: Option<u64>,
        column: Option<u64>,
        message: String,
    },
    /// A bad value given on the command line that clap could not check itself.
    #[error("{0}")]
    Usage(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn parse(
        path: impl Into<PathBuf>,
        line: Option<u64>,
        column: Option<u64>,
        message: impl Into<String>,
    ) -> Error {
        Error::Parse {
            path: path.into(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Every error that stops a run exits with 2.
    pub fn exit_code(&self) -> u8 {
        2
    }
}

/// An I/O error in a person's words, without the system's error number.
pub(crate) fn why(source: &io::Error) -> String {
    match source.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a folder; name a file".into(),
        io::ErrorKind::StorageFull => "no space left on the device".into(),
        _ => {
            let text = source.to_string();
            text.split(" (os error")
                .next()
                .unwrap_or_default()
                .to_string()
        }
    }
}

/// [`why`] for a write: a path not found is a folder that does not exist.
fn why_not_written(source: &io::Error) -> String {
    match source.kind() {
        io::ErrorKind::NotFound => "no such folder".into(),
        _ => why(source),
    }
}

/// `file:line:column`, as far as they are known.
fn place(path: &Path, line: Option<u64>, column: Option<u64>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", path.display()),
        (Some(line), None) => format!("{}:{line}", path.display()),
        _ => path.display().to_string(),
    }
}
