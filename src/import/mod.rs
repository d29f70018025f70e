//! Reading export files. Each format lives in its own file and is found by its content (the
//! header of a CSV file, the shape of a JSON document), never by the file name.
//!
//! A format is an [`Importer`]: it says how sure it is that a file is its own, and reads it into
//! [`Workout`]s. Adding a format is one new file here and one line in [`IMPORTERS`].

pub mod csv_rows;
mod fitnotes;
mod garmin;
mod generic;
mod hevy;
mod strava;
mod strong;
pub mod values;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::{Origin, Warning, Workout};

/// How much of a file detection looks at.
const HEAD_BYTES: usize = 64 * 1024;

/// The start of a file, as detection sees it.
pub struct Head<'a> {
    /// The first bytes as text, without a byte-order mark.
    pub text: &'a str,
    /// The header fields of a CSV file, if the first line reads as one, and its delimiter.
    pub csv_header: Option<(Vec<String>, u8)>,
}

impl Head<'_> {
    /// Whether the CSV header has a column with this name, compared loosely.
    pub fn has_column(&self, name: &str) -> bool {
        self.csv_header
            .as_ref()
            .is_some_and(|(fields, _)| fields.iter().any(|f| column_key(f) == column_key(name)))
    }
}

/// How a header name is compared: case, spaces, dashes and underscores do not matter.
pub fn column_key(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How well a file's start fits a format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detection {
    No,
    /// It is this format; a higher score wins over other matches.
    Match(u8),
    /// Most of the format's columns are there but these are missing: a renamed or cut header.
    Near {
        missing: Vec<&'static str>,
    },
}

/// Detection by header: `required` lists each column the format needs, with the names it goes
/// by (the first is the one error messages use). All present is a match scored by how many
/// columns it took; most present is a near miss.
pub fn detect_columns(head: &Head, required: &[&[&'static str]]) -> Detection {
    if head.csv_header.is_none() {
        return Detection::No;
    }
    let missing: Vec<&'static str> = required
        .iter()
        .filter(|aliases| !aliases.iter().any(|a| head.has_column(a)))
        .map(|aliases| aliases[0])
        .collect();
    let present = required.len() - missing.len();
    if missing.is_empty() {
        Detection::Match(required.len().min(200) as u8 + 10)
    } else if present >= 2 && present * 3 >= required.len() * 2 {
        Detection::Near { missing }
    } else {
        Detection::No
    }
}

/// A format concur can read.
pub trait Importer: Sync {
    /// The short name shown in reports (`generic`, `strong`, ...).
    fn name(&self) -> &'static str;
    /// The app and file, for messages: "a Strong workout export (strong.csv)".
    fn describe(&self) -> &'static str;
    /// Whether the file is this format.
    fn detect(&self, head: &Head) -> Detection;
    /// Reads the whole file.
    fn read(&self, input: Input, sink: &mut Sink) -> Result<()>;
}

/// Every format, in the order detection asks them.
pub static IMPORTERS: &[&dyn Importer] = &[
    &strava::Strava,
    &strong::Strong,
    &hevy::Hevy,
    &fitnotes::FitNotes,
    &garmin::Garmin,
    &generic::GenericCsv,
    &generic::GenericJson,
];

/// A file being read: its path as given and its bytes from the start.
pub struct Input {
    pub path: PathBuf,
    pub file: Arc<str>,
    pub reader: Box<dyn Read>,
    /// The CSV delimiter detection found (`,` where the file is not CSV).
    pub delimiter: u8,
}

/// Where an importer puts what it reads: workouts, and the rows it could not use.
pub struct Sink {
    pub workouts: Vec<Workout>,
    pub warnings: Vec<Warning>,
    pub skipped: usize,
    /// With `--strict`, the first unusable row is an error instead of a warning.
    pub strict: bool,
}

impl Sink {
    pub fn new(strict: bool) -> Sink {
        Sink {
            workouts: Vec::new(),
            warnings: Vec::new(),
            skipped: 0,
            strict,
        }
    }

    /// Skips a row the file cannot give a session for; with `--strict`, stops the run instead.
    pub fn skip(&mut self, origin: &Origin, why: impl Into<String>) -> Result<()> {
        let why = why.into();
        if self.strict {
            return Err(Error::parse(
                origin.file.as_ref(),
                Some(origin.line),
                None,
                format!("{why} (--strict)"),
            ));
        }
        self.skipped += 1;
        self.warnings
            .push(Warning::at(origin, format!("row skipped: {why}")));
        Ok(())
    }
}

/// What one or more files gave.
#[derive(Debug, Default)]
pub struct Imported {
    pub workouts: Vec<Workout>,
    pub warnings: Vec<Warning>,
    pub skipped: usize,
    /// Each file and the format it was read as.
    pub files: Vec<(String, &'static str)>,
}

/// Reads every file, each by the importer its content matches. Files are read in parallel where
/// there are cores to use; the result is the same as reading them in order, and the error of
/// the first bad file (in the order given) is the one reported.
pub fn import_files(paths: &[PathBuf], strict: bool) -> Result<Imported> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len());
    let mut results: Vec<Option<Result<(Sink, &'static str)>>> = Vec::new();
    results.resize_with(paths.len(), || None);
    if workers <= 1 {
        for (slot, path) in results.iter_mut().zip(paths) {
            *slot = Some(read_one(path, strict));
        }
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = std::sync::Mutex::new(&mut results);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        let result = read_one(path, strict);
                        done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                    }
                });
            }
        });
    }
    let mut all = Imported::default();
    for (path, result) in paths.iter().zip(results) {
        let (mut sink, format) = result.expect("every file was read")?;
        all.files.push((path.display().to_string(), format));
        all.workouts.append(&mut sink.workouts);
        all.warnings.append(&mut sink.warnings);
        all.skipped += sink.skipped;
    }
    Ok(all)
}

fn read_one(path: &Path, strict: bool) -> Result<(Sink, &'static str)> {
    let mut sink = Sink::new(strict);
    let format = import_file(path, &mut sink)?;
    Ok((sink, format))
}

/// Reads one file into the sink and returns the name of the format it was read as.
pub fn import_file(path: &Path, sink: &mut Sink) -> Result<&'static str> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: io::Error::other("is a folder, not a file"),
        });
    }
    let mut file = File::open(path).map_err(io_error)?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut file)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io_error)?;

    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            detail: "the file is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)".into(),
        });
    }
    let text = utf8_prefix(&head[bom..]);
    if head[bom..].iter().all(u8::is_ascii_whitespace) && head.len() < HEAD_BYTES {
        // An empty export is a valid export of nothing.
        sink.warnings.push(Warning {
            file: Some(path.display().to_string()),
            line: None,
            message: "the file is empty".into(),
        });
        return Ok("empty");
    }
    if text.is_empty() || text.contains('\0') {
        return Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            detail: "the file is not text (binary data or an encoding other than UTF-8)".into(),
        });
    }
    let head_view = Head {
        text,
        csv_header: csv_header(text),
    };
    let mut best: Option<(u8, &dyn Importer)> = None;
    let mut near: Option<(usize, &dyn Importer, Vec<&'static str>)> = None;
    for importer in IMPORTERS {
        match importer.detect(&head_view) {
            Detection::Match(score) if best.is_none_or(|(b, _)| score > b) => {
                best = Some((score, *importer));
            }
            Detection::Near { missing } if near.as_ref().is_none_or(|n| missing.len() < n.0) => {
                near = Some((missing.len(), *importer, missing));
            }
            _ => {}
        }
    }
    // A weak match (concur's own loose format) loses to a near miss of an app's export: a Hevy
    // file with a renamed column should hear that it looks like Hevy, not fail as something else.
    let best = best.filter(|(score, _)| *score >= 10 || near.is_none());
    let importer = match (best, near) {
        (Some((_, importer)), _) => importer,
        (None, Some((_, importer, missing))) => {
            let names: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
            return Err(Error::UnknownFormat {
                path: path.to_path_buf(),
                detail: format!(
                    "this looks like {}, but the header has no {} column{}; export the file again from the app without editing it",
                    importer.describe(),
                    names.join(", "),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            });
        }
        (None, None) => {
            return Err(Error::UnknownFormat {
                path: path.to_path_buf(),
                detail: describe_unknown(&head_view),
            });
        }
    };
    let rest_of_head = head[bom..].to_vec();
    let input = Input {
        path: path.to_path_buf(),
        file: Arc::from(path.display().to_string()),
        reader: Box::new(io::Cursor::new(rest_of_head).chain(file)),
        delimiter: head_view.csv_header.as_ref().map_or(b',', |(_, d)| *d),
    };
    importer.read(input, sink)?;
    Ok(importer.name())
}

/// The longest valid UTF-8 prefix: the head may end inside a multi-byte character.
fn utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => "",
    }
}

/// The first line read as a CSV header, with the delimiter that splits it most.
fn csv_header(text: &str) -> Option<(Vec<String>, u8)> {
    let first = text.trim_start().starts_with(['{', '[']);
    if first {
        return None;
    }
    let mut best: Option<(Vec<String>, u8)> = None;
    for delimiter in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        if reader.read_record(&mut record).unwrap_or(false) {
            let fields: Vec<String> = record.iter().map(str::to_string).collect();
            if best.as_ref().is_none_or(|(b, _)| fields.len() > b.len()) {
                best = Some((fields, delimiter));
            }
        }
    }
    best.filter(|(fields, _)| fields.len() > 1)
}

fn describe_unknown(head: &Head) -> String {
    match &head.csv_header {
        Some((fields, _)) => {
            let shown: Vec<&str> = fields.iter().take(8).map(String::as_str).collect();
            format!(
                "a CSV file whose header ({}{}) matches no supported export; expected concur's own format (a `start` column and a `type`, `title` or `exercise` column; see the README)",
                shown.join(", "),
                if fields.len() > 8 { ", ..." } else { "" }
            )
        }
        None if head.text.trim_start().starts_with(['{', '[']) => {
            "a JSON document that is not a list of sessions; expected an array of objects with a `start` field, or {\"sessions\": [...]}".into()
        }
        None => "expected a CSV file with a header row or a JSON list of sessions".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_keys_ignore_case_and_separators() {
        assert_eq!(column_key("Avg HR"), column_key("avg_hr"));
        assert_eq!(column_key(" Distance-KM "), "distancekm");
    }

    #[test]
    fn header_delimiter_is_the_one_that_splits_most() {
        let (fields, delim) = csv_header("a;b;c\n1;2;3\n").unwrap();
        assert_eq!(delim, b';');
        assert_eq!(fields, vec!["a", "b", "c"]);
        assert!(csv_header("just one line of prose").is_none());
    }
}
