//! Errors that stop a run. Each names the file and, where there is one, the line and column, and
//! says what was expected, so that a user can open the file and fix it.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The file could not be opened or read.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Output could not be written: `what` (the report, a config file) `to` a file, or to
    /// standard output.
    Write {
        what: &'static str,
        to: String,
        source: std::io::Error,
    },
    /// No importer recognises the file's content.
    UnknownFormat { path: PathBuf, detail: String },
    /// A value in the file is malformed.
    Parse {
        path: PathBuf,
        line: Option<u64>,
        column: Option<u64>,
        message: String,
    },
    /// A bad value given on the command line that clap could not check itself.
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

    pub fn exit_code(&self) -> u8 {
        2
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => {
                let what = match source.kind() {
                    std::io::ErrorKind::NotFound => "no such file".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => source.to_string(),
                };
                write!(f, "{}: cannot read: {what}", path.display())
            }
            Error::Write { what, to, source } => {
                let why = match source.kind() {
                    std::io::ErrorKind::IsADirectory => "it is a folder; name a file".to_string(),
                    std::io::ErrorKind::NotFound => "no such folder".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    std::io::ErrorKind::StorageFull => "no space left on the device".to_string(),
                    _ => source.to_string(),
                };
                write!(f, "cannot write {what} to {to}: {why}")
            }
            Error::UnknownFormat { path, detail } => {
                write!(f, "{}: unknown log format: {detail}", path.display())
            }
            Error::Parse {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "{}", path.display())?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                    if let Some(column) = column {
                        write!(f, ":{column}")?;
                    }
                }
                write!(f, ": {message}")
            }
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}
