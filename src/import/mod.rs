//! Reading export files. Each format lives in its own file and is found by its content, never
//! by the file name alone: a binary format or an archive by its first bytes, a text format by
//! the start of its text (the header of a CSV file, the shape of a JSON document).
//!
//! A format is an [`Importer`]: it says how sure it is that a file is its own, and reads it into
//! [`Workout`]s. Adding a format is one new file here and one line in [`IMPORTERS`]. A file is
//! read once, as a stream: first its head is looked at, then the importer that knows it reads
//! the whole of it, as bytes or (for a format of text) as UTF-8 text decoded from whatever
//! encoding the file is in ([`decode`]).

mod apple_health;
pub mod archive;
mod concept2;
pub mod csv_rows;
pub mod decode;
mod fit;
mod fitbod;
mod fitnotes;
mod garmin;
mod garmin_export;
mod generic;
mod gpx;
mod gzip;
mod healthexport;
mod hevy;
mod ics;
pub mod lang;
mod peloton;
mod runkeeper;
mod strava;
mod strong;
mod tcx;
mod trainingpeaks;
pub mod values;
mod whoop;
mod xml;

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::error::{Error, Result};
use crate::model::{Origin, Warning, Workout};

pub use ics::CalendarRead;

/// How much of a file detection looks at.
const HEAD_BYTES: usize = 64 * 1024;

/// The start of a file, as detection sees it.
pub struct Head<'a> {
    /// The first bytes as text, without a byte-order mark.
    pub text: &'a str,
    /// The header fields of a CSV file, if the first line reads as one, and its delimiter.
    pub csv_header: Option<(Vec<String>, u8)>,
    /// The header fields as [`column_key`]s, made once: every importer asks about its columns,
    /// and a Strava header has about 90.
    keys: Vec<String>,
}

impl<'a> Head<'a> {
    pub fn new(text: &'a str, csv_header: Option<(Vec<String>, u8)>) -> Head<'a> {
        let keys = csv_header
            .as_ref()
            .map(|(fields, _)| fields.iter().map(|f| column_key(f)).collect())
            .unwrap_or_default();
        Head {
            text,
            csv_header,
            keys,
        }
    }

    /// Whether the CSV header has a column with this name, compared loosely.
    pub fn has_column(&self, name: &str) -> bool {
        let key = column_key(name);
        self.keys.contains(&key)
    }

    /// The header fields as [`column_key`]s.
    pub fn column_keys(&self) -> &[String] {
        &self.keys
    }
}

/// Whether two header names are the same column as [`column_key`] compares them, without
/// building either key (detection compares every alias of every format with every field).
pub fn same_column(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // Nearly every header is ASCII, and bytes compare without Unicode case tables.
        return ascii_key(a).eq(ascii_key(b));
    }
    key_chars(a).eq(key_chars(b))
}

fn ascii_key(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.trim()
        .bytes()
        .filter(|c| !matches!(c, b' ' | b'_' | b'-'))
        .map(|c| c.to_ascii_lowercase())
}

fn key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
}

/// How a header name is compared: case, spaces, dashes and underscores do not matter.
pub fn column_key(name: &str) -> String {
    if name.is_ascii() {
        return ascii_key(name).map(char::from).collect();
    }
    key_chars(name).collect()
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

/// The start of a file as it is, before any decoding: what tells a binary format or an archive.
pub struct Probe<'a> {
    /// The path as given (its extension may help; its content decides).
    pub path: &'a Path,
    /// The first bytes (64 KB, or the whole of a shorter file).
    pub bytes: &'a [u8],
}

/// A format concur can read. An importer of text (CSV, JSON, XML) answers [`Importer::detect`]
/// and gets the file's text as UTF-8; an importer of bytes (a binary format, an archive)
/// answers [`Importer::detect_bytes`] and gets the file's bytes as they are.
pub trait Importer: Sync {
    /// The short name shown in reports (`generic`, `strong`, ...).
    fn name(&self) -> &'static str;
    /// The app and file, for messages: "a Strong workout export (strong.csv)".
    fn describe(&self) -> &'static str;
    /// The app whose exports this reads (`Strong`); `None` for concur's own formats.
    fn app(&self) -> Option<&'static str> {
        None
    }
    /// The kind of file a device or many apps write (`FIT`, `GPX`), for a format no one app
    /// owns; `None` for an app's export or concur's own formats.
    fn file_kind(&self) -> Option<&'static str> {
        None
    }
    /// The languages this app writes its exports in, as its table in `lang/` lists them; `None`
    /// for a format written in one language.
    fn languages(&self) -> Option<&'static lang::Languages> {
        None
    }
    /// What one record of this format is called in a warning about it ("row skipped: ...",
    /// "track skipped: ...").
    fn record(&self) -> &'static str {
        "row"
    }
    /// The file extensions (lower case, without the dot) of this format's files: which files of
    /// a folder are read. A file named on its own is read whatever its name.
    fn extensions(&self) -> &'static [&'static str];
    /// Whether the file is this format, by its first bytes. Asked before the text is decoded:
    /// a match here means `read` gets the bytes.
    fn detect_bytes(&self, _probe: &Probe) -> Detection {
        Detection::No
    }
    /// Whether the file is this format, by the start of its text.
    fn detect(&self, _head: &Head) -> Detection {
        Detection::No
    }
    /// Where a file no importer matched still looks like this app's export (in a language or a
    /// version concur does not read yet, told by the shape of its header and values): the
    /// message that says so, naming the columns it recognised. Asked only when every importer
    /// has said no.
    fn unread_variant(&self, _head: &Head) -> Option<String> {
        None
    }
    /// Reads the whole file.
    fn read(&self, input: Input, sink: &mut Sink) -> Result<()>;
}

/// What a record of the format named `format` is called ("row" for a CSV's): see
/// [`Importer::record`].
pub fn record_name(format: &str) -> &'static str {
    IMPORTERS
        .iter()
        .find(|i| i.name() == format)
        .map_or("row", |i| i.record())
}

/// Every format, in the order detection asks them.
pub static IMPORTERS: &[&dyn Importer] = &[
    &strava::Strava,
    &strong::Strong,
    &hevy::Hevy,
    &fitnotes::FitNotes,
    &garmin::Garmin,
    &fitbod::Fitbod,
    &peloton::Peloton,
    &concept2::Concept2,
    &runkeeper::Runkeeper,
    &trainingpeaks::TrainingPeaks,
    &whoop::Whoop,
    &apple_health::AppleHealth,
    &healthexport::HealthExport,
    &fit::Fit,
    &gpx::Gpx,
    &tcx::Tcx,
    &ics::Ics,
    &garmin_export::GarminExport,
    &generic::GenericCsv,
    &generic::GenericJson,
];

/// The packings an export comes in (a `.gz` file, a zip archive as downloaded): each unpacks and
/// hands what it holds to detection, as files of their own. Not formats of sessions: a session
/// read from a `.fit.gz` is a FIT session, and the report names the files inside.
pub static CONTAINERS: &[&dyn Importer] = &[&gzip::Gzip, &archive::Zip];

/// What CSV exports are saved as. (Excel's "Unicode text" is a `.txt`, read when named, but a
/// folder's `.txt` files are more often notes than exports.)
pub const CSV_EXTENSIONS: &[&str] = &["csv", "tsv"];

/// Whether a file of a folder (or an entry of an archive) is one concur reads: its extension is
/// one an importer or a packing declares; for a `.gz` file, what it holds is (`.csv.gz`,
/// `.fit.gz`), by the name without `.gz`.
pub fn is_export_name(path: &Path) -> bool {
    let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    let extension = extension.to_ascii_lowercase();
    if extension == "gz" {
        let inner = path.file_stem().map(Path::new);
        return inner.is_some_and(|inner| inner.extension().is_some() && is_export_name(inner));
    }
    IMPORTERS
        .iter()
        .chain(CONTAINERS)
        .any(|i| i.extensions().contains(&extension.as_str()))
}

/// Every extension a file of a folder is read by, for messages: `.csv, .tsv, .json, ...`.
pub fn export_extensions() -> String {
    let mut all: Vec<&str> = Vec::new();
    for extension in IMPORTERS
        .iter()
        .chain(CONTAINERS)
        .flat_map(|i| i.extensions())
    {
        if !all.contains(extension) {
            all.push(extension);
        }
    }
    let dotted: Vec<String> = all.iter().map(|e| format!(".{e}")).collect();
    dotted.join(", ")
}

/// A file being read: its path as given, and its content from the start (its text as UTF-8 for
/// an importer of text, its bytes for an importer of bytes).
pub struct Input {
    pub path: PathBuf,
    pub file: Arc<str>,
    pub reader: Box<dyn Read + Send>,
    /// The CSV delimiter detection found (`,` where the file is not CSV).
    pub delimiter: u8,
}

/// Where an importer puts what it reads: workouts, and the rows it could not use.
pub struct Sink {
    pub workouts: Vec<Workout>,
    pub warnings: Vec<Warning>,
    pub skipped: usize,
    /// Workouts whose rows the file holds twice, read once.
    pub repeated: usize,
    /// With `--strict`, the first unusable row is an error instead of a warning.
    pub strict: bool,
    /// The files read inside this one (a gzip file's content, an archive's entries), each with
    /// the format it was read as; empty for a file read as it is.
    pub files: Vec<(String, &'static str)>,
    /// What the run asks of calendars (.ics): how far repeats go, which categories count.
    pub calendar: CalendarRead,
}

impl Sink {
    pub fn new(strict: bool) -> Sink {
        Sink {
            workouts: Vec::new(),
            warnings: Vec::new(),
            skipped: 0,
            repeated: 0,
            strict,
            files: Vec::new(),
            calendar: CalendarRead::default(),
        }
    }

    /// Takes in everything another sink read (an archive's entry, read on its own).
    pub fn add(&mut self, other: &mut Sink) {
        if self.workouts.is_empty() {
            std::mem::swap(&mut self.workouts, &mut other.workouts);
        }
        self.workouts.append(&mut other.workouts);
        self.warnings.append(&mut other.warnings);
        self.files.append(&mut other.files);
        self.skipped += other.skipped;
        self.repeated += other.repeated;
    }

    /// Skips a row the file cannot give a session for; with `--strict`, stops the run instead.
    pub fn skip(&mut self, origin: &Origin, why: impl Into<String>) -> Result<()> {
        self.skip_record(record_name(origin.format), origin, why)
    }

    /// [`Sink::skip`] for a record that is no row: `what` names it as the file has it (a
    /// `workout` element, a `track`), so that the warning reads `workout skipped: ...`.
    pub fn skip_record(
        &mut self,
        what: &str,
        origin: &Origin,
        why: impl Into<String>,
    ) -> Result<()> {
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
        self.warnings.push(Warning::at(
            crate::model::WarningKind::SkippedRow,
            origin,
            format!("{what} skipped: {why}"),
        ));
        Ok(())
    }
}

/// What one or more files gave.
#[derive(Debug, Default)]
pub struct Imported {
    pub workouts: Vec<Workout>,
    pub warnings: Vec<Warning>,
    pub skipped: usize,
    /// Workouts whose rows a file holds twice, read once (duplicates merged before sessions).
    pub repeated: usize,
    /// Each file and the format it was read as.
    pub files: Vec<(String, &'static str)>,
}

/// Reads every file, each by the importer its content matches, in the order given; the error of
/// the first bad file is the one reported.
pub fn import_files(paths: &[PathBuf], strict: bool) -> Result<Imported> {
    import_inputs(paths, &Default::default(), strict, &CalendarRead::default())
}

/// [`import_files`], where a file of `found_in_folders` in no format concur reads is passed over
/// with a warning naming it, and so, without `--strict`, is one that cannot be read (a damaged
/// file among thousands in an unzipped export); unless no file could be read at all, when the
/// first file's reason is the error.
///
/// Many files are read in parallel; one or two, and any big one (over [`BIG_FILE`]), on the
/// calling thread, one after the other (threads cost memory and gained little on two big files:
/// bench/RESULTS.md). On a terminal, a read that takes more than a second shows its progress on
/// stderr ([`show_progress`]).
pub fn import_inputs(
    paths: &[PathBuf],
    found_in_folders: &std::collections::HashSet<PathBuf>,
    strict: bool,
    calendar: &CalendarRead,
) -> Result<Imported> {
    let _progress = progress::Shown::start(paths);
    let sizes: Vec<u64> = paths
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let fatal = |index: usize, result: &Result<(Sink, &'static str)>| match result {
        Ok(_) => false,
        Err(Error::UnknownFormat { .. }) => !found_in_folders.contains(&paths[index]),
        Err(_) => strict || !found_in_folders.contains(&paths[index]),
    };
    let indexes: Vec<usize> = (0..paths.len()).collect();
    // Two files (a lifting app's export and a tracker's, the common case) one after the other.
    let few = paths.len() <= 2;
    let results = in_parallel(
        &indexes,
        |&i| few || sizes[i] > BIG_FILE,
        |(index, result)| fatal(*index, result),
        |&i| {
            let result = read_one(&paths[i], strict, calendar);
            progress::file_done();
            (i, result)
        },
    );
    let mut all = Imported::default();
    let mut passed_over = Vec::new();
    let mut failed = Vec::new();
    for (path, result) in paths.iter().zip(results) {
        let Some((index, result)) = result else { break };
        if fatal(index, &result) {
            return result.map(|_| all);
        }
        let (mut sink, format) = match result {
            Err(Error::UnknownFormat { path: file, detail }) => {
                passed_over.push((file, detail));
                continue;
            }
            Err(error) => {
                failed.push(error);
                continue;
            }
            Ok(read) => read,
        };
        if sink.files.is_empty() {
            all.files.push((path.display().to_string(), format));
        }
        all.files.append(&mut sink.files);
        if all.workouts.is_empty() {
            // Not a copy of a long history's workouts, where there is nothing to add them to.
            std::mem::swap(&mut all.workouts, &mut sink.workouts);
        }
        all.workouts.append(&mut sink.workouts);
        all.warnings.append(&mut sink.warnings);
        all.skipped += sink.skipped;
        all.repeated += sink.repeated;
    }
    if all.files.is_empty() {
        // Nothing read: the first file's reason is the answer, not an empty report.
        if let Some((path, detail)) = passed_over.into_iter().next() {
            return Err(Error::UnknownFormat { path, detail });
        }
        if let Some(error) = failed.into_iter().next() {
            return Err(error);
        }
        return Ok(all);
    }
    let warnings: Vec<Warning> = failed
        .iter()
        .map(not_read_warning)
        .chain(passed_over_warnings(passed_over))
        .collect();
    all.warnings.splice(0..0, warnings);
    Ok(all)
}

/// A file at least this big is read on the calling thread: its workouts then live in the heap
/// the later stages reuse (bench/RESULTS.md, "Thread heaps"), and two big files read at once
/// cost more memory than they save time.
pub const BIG_FILE: u64 = 4 << 20;

fn read_one(path: &Path, strict: bool, calendar: &CalendarRead) -> Result<(Sink, &'static str)> {
    let mut sink = Sink::new(strict);
    sink.calendar = calendar.clone();
    let format = import_file(path, &mut sink)?;
    Ok((sink, format))
}

/// Threads beyond the calling one that readers may start, for all of them together: an
/// archive read while a folder is read in parallel gets what the folder's read left.
static SPARE_THREADS: std::sync::LazyLock<std::sync::atomic::AtomicUsize> =
    std::sync::LazyLock::new(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::sync::atomic::AtomicUsize::new(cores.saturating_sub(1))
    });

/// `work` on every item, in parallel where there are spare threads (the calling thread one of
/// the workers), with the results in the items' order. The `heavy` items are done first, on the
/// calling thread. Once an item's result is `fatal`, the items after it that have not started
/// are left out (`None`): the first fatal result in order is the same as one after the other.
pub(crate) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    heavy: impl Fn(&T) -> bool + Sync,
    fatal: impl Fn(&R) -> bool + Sync,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    use std::sync::atomic::AtomicUsize;
    let first_fatal = AtomicUsize::new(usize::MAX);
    let run = |index: usize| -> Option<R> {
        if index > first_fatal.load(Ordering::Relaxed) {
            return None;
        }
        let result = work(&items[index]);
        if fatal(&result) {
            first_fatal.fetch_min(index, Ordering::Relaxed);
        }
        Some(result)
    };
    let (heavy_items, light): (Vec<usize>, Vec<usize>) =
        (0..items.len()).partition(|&i| heavy(&items[i]));
    // The calling thread takes light items too, once through the heavy ones.
    let wanted = light
        .len()
        .saturating_sub(usize::from(heavy_items.is_empty()));
    let threads = SPARE_THREADS
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |spare| {
            Some(spare - spare.min(wanted))
        })
        .map_or(0, |spare| spare.min(wanted));
    struct GiveBack(usize);
    impl Drop for GiveBack {
        fn drop(&mut self) {
            SPARE_THREADS.fetch_add(self.0, Ordering::AcqRel);
        }
    }
    let _give_back = GiveBack(threads);
    if threads == 0 {
        return (0..items.len()).map(run).collect();
    }
    let next = AtomicUsize::new(0);
    let take_light = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&index) = light.get(k) else { break };
            done.push((index, run(index)));
        }
        done
    };
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(take_light)).collect();
        for &index in &heavy_items {
            results[index] = run(index);
        }
        let mut done = take_light();
        for worker in workers {
            match worker.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (index, result) in done {
            results[index] = result;
        }
    });
    results
}

/// The warning for a file of a folder or an archive that could not be read and was passed over:
/// the error's place and reason.
pub(crate) fn not_read_warning(error: &Error) -> Warning {
    let (file, line, message) = match error {
        Error::Parse {
            path,
            line,
            column,
            message,
        } => {
            let at = column.map_or(String::new(), |c| format!(" (column {c})"));
            (path.clone(), *line, format!("not read{at}: {message}"))
        }
        Error::Io { path, source } => (
            path.clone(),
            None,
            format!("not read: {}", crate::error::why(source)),
        ),
        Error::UnknownFormat { path, detail } => (
            path.clone(),
            None,
            format!("not read, in no format concur reads: {detail}"),
        ),
        other => (PathBuf::new(), None, format!("not read: {other}")),
    };
    Warning {
        kind: crate::model::WarningKind::File,
        file: Some(file.display().to_string()),
        line,
        message,
    }
}

/// How many files in no format concur reads get a warning each, with the reason; past them, the
/// rest of a folder or an archive are named in one (an unzipped Garmin export has hundreds of
/// JSON files of its own).
const PASSED_OVER_NAMED: usize = 5;

/// The warnings for the files of a folder or an archive in no format concur reads.
pub(crate) fn passed_over_warnings(files: Vec<(PathBuf, String)>) -> Vec<Warning> {
    // An unzipped Garmin export holds hundreds of JSON files of other things: one warning.
    let (garmin, files): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(_, detail)| detail == garmin_export::NO_WORKOUTS);
    let garmin: Vec<PathBuf> = garmin.into_iter().map(|(path, _)| path).collect();
    let mut warnings: Vec<Warning> = files
        .iter()
        .take(PASSED_OVER_NAMED)
        .map(|(path, detail)| Warning {
            kind: crate::model::WarningKind::File,
            file: Some(path.display().to_string()),
            line: None,
            message: format!("not read, in no format concur reads: {detail}"),
        })
        .collect();
    if files.len() > PASSED_OVER_NAMED {
        let rest: Vec<PathBuf> = files
            .into_iter()
            .skip(PASSED_OVER_NAMED)
            .map(|(path, _)| path)
            .collect();
        warnings.push(Warning::general(
            crate::model::WarningKind::File,
            format!(
                "not read: {}",
                some_names(&rest, " in no format concur reads")
            ),
        ));
    }
    if !garmin.is_empty() {
        warnings.push(Warning::general(
            crate::model::WarningKind::File,
            format!(
                "not read: {}",
                some_names(&garmin, garmin_export::NO_WORKOUTS_ARE)
            ),
        ));
    }
    warnings
}

/// `3 files{what} (a.csv, b.csv, c.csv)`, naming the first few: for warnings about many files.
pub(crate) fn some_names(files: &[PathBuf], what: &str) -> String {
    const NAMED: usize = 5;
    let names: Vec<String> = files
        .iter()
        .take(NAMED)
        .map(|f| f.display().to_string())
        .collect();
    let more = files.len().saturating_sub(NAMED);
    format!(
        "{}{what} ({}{})",
        if files.len() == 1 {
            "1 file".to_string()
        } else {
            format!("{} files", files.len())
        },
        names.join(", "),
        if more > 0 {
            format!(", and {more} more")
        } else {
            String::new()
        }
    )
}

/// Whether reads show their progress on stderr: the command line sets it where stderr is a
/// terminal (never on a pipe or a file, never in the library's other users).
pub fn show_progress(on: bool) {
    progress::WANTED.store(on, Ordering::Relaxed);
}

/// The progress bar of a long read: the bytes of the files named (or found in folders) read so
/// far, and the files done, drawn on stderr from a second after the read began.
mod progress {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    pub static WANTED: AtomicBool = AtomicBool::new(false);
    static READ: AtomicU64 = AtomicU64::new(0);
    static FILES: AtomicUsize = AtomicUsize::new(0);

    /// Bytes read from an input file.
    pub fn read(bytes: usize) {
        READ.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    pub fn file_done() {
        FILES.fetch_add(1, Ordering::Relaxed);
    }

    /// A bar that shows from a second on, cleared when dropped (before anything else is printed).
    pub struct Shown {
        done: Option<mpsc::Sender<()>>,
        drawer: Option<std::thread::JoinHandle<()>>,
    }

    impl Shown {
        pub fn start(paths: &[PathBuf]) -> Option<Shown> {
            if !WANTED.load(Ordering::Relaxed) {
                return None;
            }
            READ.store(0, Ordering::Relaxed);
            FILES.store(0, Ordering::Relaxed);
            let total: u64 = paths
                .iter()
                .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
                .sum();
            let files = paths.len();
            let (done, finished) = mpsc::channel::<()>();
            let started = std::time::Instant::now();
            let drawer = std::thread::spawn(move || {
                if finished.recv_timeout(Duration::from_secs(1))
                    != Err(mpsc::RecvTimeoutError::Timeout)
                {
                    return;
                }
                let bar = indicatif::ProgressBar::with_draw_target(
                    Some(total),
                    indicatif::ProgressDrawTarget::stderr(),
                )
                .with_elapsed(started.elapsed());
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "reading {msg} [{bar:30}] {bytes}/{total_bytes}, {elapsed}",
                    )
                    .expect("a valid template")
                    .progress_chars("=> "),
                );
                loop {
                    let read = READ.load(Ordering::Relaxed).min(total);
                    bar.set_position(read);
                    bar.set_message(format!(
                        "{} of {files} file{}",
                        FILES.load(Ordering::Relaxed),
                        if files == 1 { "" } else { "s" }
                    ));
                    if finished.recv_timeout(Duration::from_millis(100))
                        != Err(mpsc::RecvTimeoutError::Timeout)
                    {
                        break;
                    }
                }
                bar.finish_and_clear();
            });
            Some(Shown {
                done: Some(done),
                drawer: Some(drawer),
            })
        }
    }

    impl Drop for Shown {
        fn drop(&mut self) {
            drop(self.done.take());
            if let Some(drawer) = self.drawer.take() {
                let _ = drawer.join();
            }
        }
    }
}

/// Reads one file into the sink and returns the name of the format it was read as.
pub fn import_file(path: &Path, sink: &mut Sink) -> Result<&'static str> {
    import_with(IMPORTERS, path, sink)
}

/// [`import_file`] with these importers instead of concur's own, in the order given.
pub fn import_with(
    importers: &[&'static dyn Importer],
    path: &Path,
    sink: &mut Sink,
) -> Result<&'static str> {
    // `-` is standard input, as for most tools that read files: `curl ... | concur analyze -`.
    if path == Path::new("-") {
        return import_reader(importers, path, io::stdin(), sink);
    }
    if path.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: io::Error::other("is a folder, not a file"),
        });
    }
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_error)?;
    // A zip archive is read from its end, in place, its entries on several threads; one that
    // comes through a pipe (`<(curl ...)`) cannot be, and is read as a stream.
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    if regular && archive::is_zip_file(&mut file).map_err(io_error)? {
        archive::read_file(file, path, sink)?;
        return Ok(archive::Zip.name());
    }
    import_reader(importers, path, CountRead(file), sink)
}

/// A file's reads counted for the progress bar.
struct CountRead(File);

impl Read for CountRead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        progress::read(n);
        Ok(n)
    }
}

/// Reads a file's content into the sink, as [`import_file`] does; `path` only names the file in
/// messages and reports.
pub fn import_bytes(path: &Path, bytes: Vec<u8>, sink: &mut Sink) -> Result<&'static str> {
    import_reader(IMPORTERS, path, Cursor::new(bytes), sink)
}

/// The first `HEAD_BYTES` of a file (and room for a byte-order mark before them).
fn read_head(path: &Path, reader: &mut impl Read) -> Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_BYTES + 3);
    reader
        .take((HEAD_BYTES + 3) as u64)
        .read_to_end(&mut head)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(head)
}

fn import_reader(
    importers: &[&'static dyn Importer],
    path: &Path,
    reader: impl Read + Send + 'static,
    sink: &mut Sink,
) -> Result<&'static str> {
    import_named(importers, path, path, reader, sink)
}

/// [`import_reader`], where detection sees the file as `detect_as` (a `.fit.gz` unpacked is a
/// `.fit`) and everything else, messages and the report, as `path`.
fn import_named(
    importers: &[&'static dyn Importer],
    detect_as: &Path,
    path: &Path,
    mut reader: impl Read + Send + 'static,
    sink: &mut Sink,
) -> Result<&'static str> {
    let head = read_head(path, &mut reader)?;
    let file: Arc<str> = Arc::from(path.display().to_string());
    let input = |content: Box<dyn Read + Send>, delimiter| Input {
        path: path.to_path_buf(),
        file: Arc::clone(&file),
        reader: content,
        delimiter,
    };
    let probe = Probe {
        path: detect_as,
        bytes: &head,
    };
    let by_bytes = CONTAINERS
        .iter()
        .chain(importers)
        .filter_map(|i| match i.detect_bytes(&probe) {
            Detection::Match(score) => Some((score, *i)),
            _ => None,
        })
        .max_by_key(|(score, _)| *score);
    if let Some((_, importer)) = by_bytes {
        importer.read(input(Box::new(Cursor::new(head).chain(reader)), b','), sink)?;
        return Ok(importer.name());
    }
    let sniffed = decode::sniff(&head).ok_or_else(|| not_text(path))?;
    let text = decode::head_text(&head, sniffed);
    let whole = head.len() < HEAD_BYTES + 3;
    let Some((importer, delimiter)) = detect(importers, path, &text, whole)? else {
        // An empty export is a valid export of nothing.
        sink.warnings.push(Warning::about(
            crate::model::WarningKind::File,
            &file,
            "the file is empty",
        ));
        return Ok("empty");
    };
    let text_reader =
        decode::TextReader::new(Cursor::new(head).chain(reader), sniffed).map_err(|source| {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        })?;
    let switched = text_reader.switched();
    let first_warning = sink.warnings.len();
    importer.read(input(Box::new(text_reader), delimiter), sink)?;
    if sniffed.encoding == encoding_rs::WINDOWS_1252 || switched.load(Ordering::Relaxed) {
        sink.warnings.insert(
            first_warning,
            Warning::about(
                crate::model::WarningKind::File,
                &file,
                "the file is not UTF-8; it was read as Windows-1252 (Latin-1, what spreadsheets on Windows save as CSV); if names look wrong, save it as UTF-8 (a spreadsheet's CSV UTF-8)",
            ),
        );
    }
    Ok(importer.name())
}

fn not_text(path: &Path) -> Error {
    Error::UnknownFormat {
        path: path.to_path_buf(),
        detail: "the file is not text (binary data or an encoding other than UTF-8)".into(),
    }
}

/// The format a file's content would be read as (`empty` for an export of nothing), or the
/// error that says why it cannot be read.
pub fn detect_format(path: &Path, bytes: Vec<u8>) -> Result<&'static str> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES + 3)];
    let probe = Probe { path, bytes: head };
    if let Some(importer) = CONTAINERS
        .iter()
        .chain(IMPORTERS)
        .find(|i| matches!(i.detect_bytes(&probe), Detection::Match(_)))
    {
        return Ok(importer.name());
    }
    let sniffed = decode::sniff(head).ok_or_else(|| not_text(path))?;
    let text = decode::head_text(head, sniffed);
    let whole = head.len() == bytes.len();
    Ok(detect(IMPORTERS, path, &text, whole)?.map_or("empty", |(importer, _)| importer.name()))
}

/// The importer of text whose format the text is, and the CSV delimiter detection found (`,`
/// where the file is not CSV); `None` for an empty file (`whole`: the text is all of it).
fn detect(
    importers: &[&'static dyn Importer],
    path: &Path,
    text: &str,
    whole: bool,
) -> Result<Option<(&'static dyn Importer, u8)>> {
    if text.trim().is_empty() && whole {
        return Ok(None);
    }
    let text = head_of(text);
    if looks_binary(text) {
        return Err(not_text(path));
    }
    let head_view = Head::new(text, csv_header(text));
    // An app concur does not read yet has a `Date` and a `Name` too: its columns are told
    // before concur's own loose format would take the file and fail on its first row.
    if let Some(detail) = not_read_yet(&head_view) {
        return Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            detail,
        });
    }
    let mut best: Option<(u8, &'static dyn Importer)> = None;
    let mut near: Option<(usize, &'static dyn Importer, Vec<&'static str>)> = None;
    for importer in importers {
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
    match (best, near) {
        (Some((_, importer)), _) => Ok(Some((
            importer,
            head_view.csv_header.as_ref().map_or(b',', |(_, d)| *d),
        ))),
        (None, Some((_, importer, missing))) => {
            let names: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
            Err(Error::UnknownFormat {
                path: path.to_path_buf(),
                detail: format!(
                    "this looks like {}, but the header has no {} column{}; export the file again from the app without editing it",
                    importer.describe(),
                    names.join(", "),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            })
        }
        (None, None) => Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            detail: holds_no_workouts(path, &head_view)
                .unwrap_or_else(|| describe_unknown(&head_view)),
        }),
    }
}

/// Whether text that decoded as UTF-8 is binary data all the same: NUL bytes in its first line
/// (where a header or the start of a JSON document stands), or more than one in a hundred of its
/// bytes. A stray NUL further on is a damaged text field, which the importer reads around.
fn looks_binary(head: &str) -> bool {
    let first_line = head.split('\n').next().unwrap_or_default();
    let nuls = memchr::memchr_iter(0, head.as_bytes()).count();
    first_line.contains('\0') || nuls * 100 > head.len()
}

/// The start of the text that detection looks at, cut at a character boundary.
fn head_of(text: &str) -> &str {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first line read as a CSV header, with the delimiter that splits it most.
fn csv_header(text: &str) -> Option<(Vec<String>, u8)> {
    // JSON, or XML (GPX, TCX, Apple Health's export.xml): no header row. Each CSV reader built
    // below costs about 270,000 instructions, most of the cost of a small file, and a folder
    // holds thousands of tracks.
    if text.trim_start().starts_with(['{', '[', '<']) {
        return None;
    }
    // The first record as the csv crate reads it with each delimiter, the one that splits it
    // into the most fields winning (the first on a tie). Parsed, not counted: the crate's idea
    // of the first record (blank lines skipped, a lone CR ending it, quotes only at a field's
    // start) is what the importer will read.
    let mut best: Option<(Vec<String>, u8)> = None;
    // A delimiter the text does not hold would read the first record as one field, which wins
    // nothing: its reader is not built (most files hold one of the three).
    for delimiter in [b',', b';', b'\t'] {
        if memchr::memchr(delimiter, text.as_bytes()).is_none() {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        if reader.read_record(&mut record).unwrap_or(false)
            && best.as_ref().is_none_or(|(b, _)| record.len() > b.len())
        {
            best = Some((record.iter().map(str::to_string).collect(), delimiter));
        }
    }
    best.filter(|(fields, _)| fields.len() > 1)
}

/// Exports of apps concur does not read yet, told by columns no other export has together: the
/// app and its file, and those columns (English headers, as the apps write them).
const NOT_READ_YET: &[(&str, &str, &[&str])] = &[
    (
        "Polar Flow",
        "a training session CSV",
        &["Sport", "Running index", "HR sit"],
    ),
    (
        // Samsung's CSV files start with a line naming their table, above the header.
        "Samsung Health",
        "com.samsung.shealth.exercise.*.csv",
        &["com.samsung.shealth.exercise"],
    ),
];

/// The exports concur reads, for messages: every importer's app and kind of file.
fn supported() -> String {
    format!(
        "concur reads exports of {}, {}, and its own CSV or JSON log",
        app_names(),
        file_kinds()
    )
}

/// The apps whose exports concur reads, in the importers' order: "Strava, Strong, ... and
/// Apple Health", for messages and the help. An app read from two exports ("Apple Health
/// (export.xml)", "Apple Health (HealthExport)") is named once; the README tells its exports.
pub fn app_names() -> String {
    let mut apps: Vec<&str> = Vec::new();
    for app in IMPORTERS.iter().filter_map(|i| i.app()) {
        let name = app.split(" (").next().unwrap_or(app);
        if !apps.contains(&name) {
            apps.push(name);
        }
    }
    and_list(&apps)
}

/// The kinds of file concur reads whoever wrote them: "FIT, GPX, TCX and iCalendar files".
pub fn file_kinds() -> String {
    let kinds: Vec<&str> = IMPORTERS.iter().filter_map(|i| i.file_kind()).collect();
    format!("{} files", and_list(&kinds))
}

fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// The message for an export of an app concur does not read yet, told by its columns.
fn not_read_yet(head: &Head) -> Option<String> {
    let (app, file, _) = NOT_READ_YET
        .iter()
        .find(|(_, _, columns)| columns.iter().all(|c| head.has_column(c)))?;
    Some(format!(
        "this looks like a {app} export ({file}), which concur does not read yet; {}",
        supported()
    ))
}

type IsBeside = fn(&Path, &Head) -> bool;

/// The files an export holds beside its workouts, told by their content (or, where the app
/// translates the content, by the folder the app puts them in), with what they are: a person
/// who gives the whole export should hear that these hold no workouts, not that concur cannot
/// read them.
const BESIDE_THE_WORKOUTS: &[(&str, IsBeside)] = &[
    (
        // HL7's Clinical Document Architecture, whatever the language of the export.
        "Apple Health's clinical document (export_cda.xml), which holds no workouts; they are in export.xml beside it",
        |_, head| head.text.contains("<ClinicalDocument"),
    ),
    (
        // The labels in the file are translated ("Recorded Date", "Aufnahmedatum"); the folder's
        // name is not.
        "an Apple Watch ECG recording, which holds no workouts",
        |path, _| {
            path.components()
                .any(|c| c.as_os_str() == "electrocardiograms")
        },
    ),
    (
        // Health Records from providers, as FHIR resources (`clinical-records/*.json`).
        "a health record (FHIR) of Apple Health's clinical records, which holds no workouts",
        |_, head| head.text.trim_start().starts_with('{') && head.text.contains("\"resourceType\""),
    ),
];

fn holds_no_workouts(path: &Path, head: &Head) -> Option<String> {
    BESIDE_THE_WORKOUTS
        .iter()
        .find(|(_, is)| is(path, head))
        .map(|(what, _)| what.to_string())
}

fn describe_unknown(head: &Head) -> String {
    match &head.csv_header {
        Some(_) => {
            // The app is known: the list of every app would only bury what to do.
            if let Some(message) = IMPORTERS.iter().find_map(|i| i.unread_variant(head)) {
                return message;
            }
            if let Some(message) = not_read_yet(head) {
                return message;
            }
            let (fields, _) = head.csv_header.as_ref().expect("a CSV header");
            let shown: Vec<&str> = fields.iter().take(8).map(String::as_str).collect();
            format!(
                "a CSV file whose header ({}{}) matches no export concur reads; {} (a `start` column and `type`, `title` or `exercise`)",
                shown.join(", "),
                if fields.len() > 8 { ", ..." } else { "" },
                supported()
            )
        }
        None if head.text.trim_start().starts_with('<') => {
            "this is a web page (HTML or XML), not an export; download the export file itself (see the README for each app)".into()
        }
        None if head.text.trim_start().starts_with(['{', '[']) => {
            "a JSON document that is not a list of sessions; expected an array of objects with a `start` field, or {\"sessions\": [...]}".into()
        }
        None => format!(
            "expected a CSV file with a header row or a JSON list of sessions; {}",
            supported()
        ),
    }
}

/// What the importers' unit tests share: a file's start as detection sees it, and a text read by
/// one importer as if it were a file of that name.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Head, Importer, Input, Sink, csv_header};
    use crate::error::Result;

    pub fn head(text: &str) -> Head<'_> {
        Head::new(text, csv_header(text))
    }

    pub fn read(importer: &dyn Importer, name: &str, text: &str) -> Result<Sink> {
        let mut sink = Sink::new(false);
        let input = Input {
            path: name.into(),
            file: name.into(),
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            delimiter: csv_header(text).map_or(b',', |(_, d)| d),
        };
        importer.read(input, &mut sink)?;
        Ok(sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_nul_is_text_and_many_are_binary() {
        let row = "2024-03-05 17:30,,60,Strength Training,Leg day,8,,,\n";
        let text = format!("start,end,duration,type,title,rpe,avg_hr,distance_km,notes\n{row}");
        assert!(!looks_binary(&text));
        assert!(!looks_binary(&text.replacen("Leg day", "Leg\0day", 1)));
        assert!(looks_binary(&text.replacen("start", "st\0art", 1)));
        assert!(looks_binary(&format!(
            "{text}{}",
            "\0".repeat(text.len() / 50)
        )));
    }

    #[test]
    fn in_parallel_keeps_the_order_and_stops_after_the_first_fatal_result() {
        let items: Vec<u32> = (0..500).collect();
        let squares = in_parallel(&items, |&i| i % 7 == 0, |_| false, |&i| i * i);
        let expected: Vec<Option<u32>> = items.iter().map(|&i| Some(i * i)).collect();
        assert_eq!(squares, expected);
        // Every item before the first fatal one is done, and that one; none after it is needed.
        let results = in_parallel(&items, |_| false, |&r: &u32| r == 100, |&i| i);
        assert!(
            results[..=100]
                .iter()
                .enumerate()
                .all(|(i, r)| *r == Some(i as u32))
        );
        let first_fatal = results.iter().flatten().position(|&r| r == 100);
        assert_eq!(first_fatal, Some(100));
    }

    #[test]
    fn an_app_with_two_exports_is_named_once() {
        let names = app_names();
        assert_eq!(names.matches("Garmin Connect").count(), 1, "{names}");
        assert_eq!(names.matches("Apple Health").count(), 1, "{names}");
    }

    #[test]
    fn gzip_files_are_read_by_what_they_hold() {
        assert!(is_export_name(Path::new("activities/1.csv.gz")));
        assert!(is_export_name(Path::new("export.zip")));
        assert!(!is_export_name(Path::new("backup.tar.gz")));
        assert!(!is_export_name(Path::new("data.gz")));
    }

    #[test]
    fn column_keys_ignore_case_and_separators() {
        assert_eq!(column_key("Avg HR"), column_key("avg_hr"));
        assert_eq!(column_key(" Distance-KM "), "distancekm");
        assert!(same_column("Avg HR", "avg_hr"));
        assert!(same_column("Tidsforbrug", "TIDSFORBRUG"));
        assert!(!same_column("Avg HR", "Max HR"));
        assert!(!same_column("Distance", "Distance (km)"));
    }

    #[test]
    fn header_delimiter_is_the_one_that_splits_most() {
        let (fields, delim) = csv_header("a;b;c\n1;2;3\n").unwrap();
        assert_eq!(delim, b';');
        assert_eq!(fields, vec!["a", "b", "c"]);
        assert!(csv_header("just one line of prose").is_none());
        // Delimiters inside quotes do not count, and the first record is all that is looked at.
        let (fields, delim) = csv_header("\"a;b;c\",d\n1;2;3;4;5\n").unwrap();
        assert_eq!(delim, b',');
        assert_eq!(fields, vec!["a;b;c", "d"]);
        assert_eq!(csv_header("a\tb\tc;d\n").unwrap().1, b'\t');
        // The first record as the csv crate reads it: after a blank line, ended by a lone CR,
        // with a quote inside a field taken as a plain character.
        assert_eq!(csv_header("\nDate;Type;Title\n").unwrap().1, b';');
        assert_eq!(csv_header("\r\nDate;Type;Title\r\n").unwrap().1, b';');
        let cr_only = "start,type,title,notes\r2024-03-01 07:00,run,Easy,a;b;c;d;e\r".repeat(5);
        assert_eq!(csv_header(&cr_only).unwrap().0.len(), 4);
        let (fields, delim) = csv_header("5\" plates;Reps;Sets\n").unwrap();
        assert_eq!((fields.len(), delim), (3, b';'));
    }
}
