//! What every CSV importer shares: columns found by their header names, rows with typed getters
//! whose errors name the file, line and column, the loop that skips blank and ragged rows, and
//! the grouping of set rows into workouts.

use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, mpsc};

use rustc_hash::{FxHashMap, FxHashSet};

use super::values::{
    DATE_TIME_EXPECTED, DURATION_EXPECTED, parse_minutes_in, parse_number, parse_stamp,
};
use super::{Input, Sink, column_key};
use crate::error::{Error, Result};
use crate::model::{Exercise, Origin, Set, Sets, Stamp, Workout};

pub const KG_PER_LB: f64 = 0.453_592_37;
pub const KM_PER_MILE: f64 = 1.609_344;

/// A column's position in the header, if the file has it.
pub type Col = Option<usize>;

/// The header of a CSV file.
pub struct Columns {
    pub names: Vec<String>,
    keys: Vec<String>,
}

impl Columns {
    pub fn new(names: Vec<String>) -> Columns {
        let keys = names.iter().map(|n| column_key(n)).collect();
        Columns { names, keys }
    }

    /// The first column answering to any of the names (compared as [`column_key`] does).
    pub fn find(&self, aliases: &[&str]) -> Col {
        aliases.iter().find_map(|a| {
            let key = column_key(a);
            self.keys.iter().position(|k| *k == key)
        })
    }

    /// The `n`th (0-based) column answering to the names: exports that repeat a header name
    /// (Strava's two `Distance` columns) mean different things by each.
    pub fn find_nth(&self, aliases: &[&str], n: usize) -> Col {
        let wanted: Vec<String> = aliases.iter().map(|a| column_key(a)).collect();
        self.keys
            .iter()
            .enumerate()
            .filter(|(_, k)| wanted.contains(k))
            .map(|(i, _)| i)
            .nth(n)
    }
}

/// A value quoted for a message, cut short when it is long: a message names the value, it does
/// not repeat a 10 MB field.
pub fn shown(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!(
            "{:?} ({} characters)",
            format!("{}…", &value[..cut]),
            value.chars().count()
        ),
    }
}

/// `str::trim`, with a shortcut for the common field that starts and ends with a visible ASCII
/// character and so has nothing to trim.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Values exports write for "nothing here".
fn is_missing(s: &str) -> bool {
    matches!(s, "" | "--" | "-" | "N/A" | "n/a" | "null" | "NULL")
}

/// One record of a CSV file, with getters that turn a bad value into an error naming the file,
/// line and column and what was expected there.
pub struct Row<'a> {
    pub line: u64,
    pub record: &'a csv::StringRecord,
    pub columns: &'a Columns,
    pub path: &'a Path,
    pub decimal_comma: bool,
}

impl Row<'_> {
    /// The trimmed text of a column; empty where the file has no such column.
    pub fn text(&self, col: Col) -> &str {
        col.and_then(|i| self.record.get(i)).map(trim).unwrap_or("")
    }

    /// The text, or `None` where it is empty or one of the apps' "missing" marks (`--`, `N/A`).
    pub fn value(&self, col: Col) -> Option<&str> {
        let s = self.text(col);
        (!is_missing(s)).then_some(s)
    }

    pub fn bad(&self, col: Col, expected: &str) -> Error {
        let detail = match col {
            Some(i) => format!(
                "column {} ({}): expected {expected}, found {}",
                i + 1,
                self.columns.names.get(i).map_or("", String::as_str),
                shown(self.text(col))
            ),
            None => format!("expected {expected}"),
        };
        Error::parse(self.path, Some(self.line), None, detail)
    }

    /// Skips this row because its value in `col` cannot be read, naming the column and what was
    /// `expected` as [`Row::bad`] does (an error with `--strict`): for importers that skip such
    /// rows rather than stop.
    pub fn skip_unreadable(
        &self,
        col: Col,
        expected: &str,
        origin: &Origin,
        sink: &mut Sink,
    ) -> Result<()> {
        let why = match self.bad(col, expected) {
            Error::Parse { message, .. } => message,
            other => other.to_string(),
        };
        sink.skip(origin, why)
    }

    /// A value read by `parse`; an unreadable one is an error that says what was `expected`.
    pub fn parse<T>(
        &self,
        col: Col,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>> {
        match self.value(col) {
            None => Ok(None),
            Some(s) => parse(s).map(Some).ok_or_else(|| self.bad(col, expected)),
        }
    }

    pub fn number(&self, col: Col) -> Result<Option<f64>> {
        let comma = self.decimal_comma;
        self.parse(col, "a number", |s| parse_number(s, comma))
    }

    pub fn stamp(&self, col: Col) -> Result<Option<Stamp>> {
        self.parse(col, DATE_TIME_EXPECTED, parse_stamp)
    }

    pub fn minutes(&self, col: Col) -> Result<Option<f64>> {
        let comma = self.decimal_comma;
        self.parse(col, DURATION_EXPECTED, |s| parse_minutes_in(s, comma))
    }
}

/// How many of the last bytes read [`LineCounter`] keeps: room for any last record but a note
/// of a whole page.
const TAIL: usize = 64 * 1024;

/// Line numbers by byte offset. The csv crate's own line count is one short per record in
/// files with CRLF line ends, so the reader is wrapped to note where each line end passes, and
/// a record's line is found from its byte offset. Only the line ends still ahead of the record
/// being read are kept, so memory stays flat however long the file.
///
/// It also keeps the last [`TAIL`] bytes read: at the end of the file they hold the last record
/// as written (unless it is longer than that), which tells whether the file ends inside a
/// quoted value (a row cut short there, which the csv crate reads as if the quote had closed).
/// The csv reader reads 256 KB at a time, so keeping them copies a quarter of the bytes.
pub struct LineCounter<R> {
    inner: R,
    offset: u64,
    /// Line ends read but not yet passed by a record: where, and which byte.
    ends: VecDeque<(u64, u8)>,
    /// Line feeds passed.
    passed: u64,
    /// The last bytes read, at most [`TAIL`] of them, ending at `offset`.
    tail: Vec<u8>,
    /// Where the record read last starts.
    last_record: u64,
}

impl<R: Read> LineCounter<R> {
    pub fn new(inner: R) -> LineCounter<R> {
        LineCounter {
            inner,
            offset: 0,
            ends: VecDeque::new(),
            passed: 0,
            tail: Vec::new(),
            last_record: 0,
        }
    }

    /// Whether the bytes from the last record's start to the end of the input end inside a
    /// quoted value; to be asked once the reader has met the end.
    pub fn ends_inside_quotes(&self, delimiter: u8) -> bool {
        // A record that began before the bytes kept: too long to tell, and not guessed at.
        let tail_from = self.offset - self.tail.len() as u64;
        let Some(from) = self
            .last_record
            .checked_sub(tail_from)
            .and_then(|from| usize::try_from(from).ok())
        else {
            return false;
        };
        ends_inside_quotes(self.tail.get(from..).unwrap_or_default(), delimiter)
    }

    /// The line of a record the csv crate says starts at `offset`; offsets must come in
    /// increasing order. The crate may put the start on the line end before the record, or on
    /// blank lines before it; no record starts with a line end, so those are stepped over.
    /// (Reached through `csv::Reader::get_mut`: the crate reads ahead, so the ends up to any
    /// record it has returned have passed through here.)
    pub fn line_at(&mut self, offset: u64) -> u64 {
        while self.ends.front().is_some_and(|&(at, _)| at < offset) {
            let (_, b) = self.ends.pop_front().unwrap_or_default();
            self.passed += u64::from(b == b'\n');
        }
        let mut at = offset;
        while self.ends.front().is_some_and(|&(pos, _)| pos == at) {
            let (_, b) = self.ends.pop_front().unwrap_or_default();
            self.passed += u64::from(b == b'\n');
            at += 1;
        }
        self.last_record = offset;
        self.passed + 1
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            self.ends.push_back((self.offset + i as u64, buf[i]));
        }
        if n >= TAIL {
            self.tail.clear();
            self.tail.extend_from_slice(&buf[n - TAIL..n]);
        } else if n > 0 {
            let keep = TAIL - n;
            if self.tail.len() > keep {
                self.tail.drain(..self.tail.len() - keep);
            }
            self.tail.extend_from_slice(&buf[..n]);
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Records read ahead, each with its line, handed from the reading thread to the row loop.
type Batch = Vec<(csv::StringRecord, u64)>;

/// Records per batch: enough that handing a batch over costs little per record, few enough that
/// the batches in flight stay small.
const BATCH: usize = 512;

/// Bytes the csv reader asks for at a time: 8 KB (its default) meant ten thousand reads for an
/// 82 MB export.
const READ_BUFFER: usize = 256 * 1024;

/// How a batch of records ended.
#[derive(Clone, Copy)]
enum Filled {
    /// There may be more records.
    More,
    /// The input ended after these records, `cut` inside a quoted value of the last one.
    End { cut: bool },
}

/// Fills `batch` (reusing its records) with up to [`BATCH`] records.
fn fill<R: Read>(
    reader: &mut csv::Reader<LineCounter<R>>,
    path: &Path,
    delimiter: u8,
    batch: &mut Batch,
    used: &mut usize,
) -> Result<Filled> {
    *used = 0;
    while *used < BATCH {
        if batch.len() == *used {
            batch.push((csv::StringRecord::new(), 0));
        }
        let (record, line) = &mut batch[*used];
        match reader.read_record(record) {
            Ok(true) => {}
            Ok(false) => {
                let cut = reader.get_mut().ends_inside_quotes(delimiter);
                return Ok(Filled::End { cut });
            }
            Err(e) => return Err(csv_error_at(path, e, reader.get_mut())),
        }
        *line = record
            .position()
            .map_or(0, |p| reader.get_mut().line_at(p.byte()));
        *used += 1;
    }
    Ok(Filled::More)
}

/// Reads every record of a CSV input and hands each usable one to `each`. Blank rows are passed
/// over; a row whose number of fields differs from the header's is skipped with a warning.
/// With a semicolon delimiter, numbers may have decimal commas.
pub fn for_each_row(
    input: Input,
    format: &'static str,
    sink: &mut Sink,
    each: impl FnMut(&Row, &Origin, &mut Sink) -> Result<()>,
) -> Result<()> {
    for_each_mended_row(input, format, sink, |_, _| None, each)
}

/// [`for_each_row`] for exports that write ragged rows of a known kind: `mend` gets a record whose
/// number of fields differs from the header's (and the header's columns) and may return it
/// mended; where it returns `None` the row is skipped with a warning.
pub fn for_each_mended_row(
    input: Input,
    format: &'static str,
    sink: &mut Sink,
    mend: impl Fn(&csv::StringRecord, &Columns) -> Option<csv::StringRecord>,
    each: impl FnMut(&Row, &Origin, &mut Sink) -> Result<()>,
) -> Result<()> {
    let Input {
        path,
        file,
        reader,
        delimiter,
    } = input;
    let mut reader = csv::ReaderBuilder::new()
        .buffer_capacity(READ_BUFFER)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(LineCounter::new(reader));
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return Err(csv_error_at(&path, e, reader.get_mut())),
    };
    let mut rows = RowLoop {
        columns: Columns::new(headers.iter().map(|h| h.trim().to_string()).collect()),
        path: &path,
        delimiter,
        origin: Origin {
            format,
            file,
            line: 0,
            column: 1,
        },
        mend,
        each,
        held: None,
    };
    let mut batch = Batch::new();
    let mut used = 0;
    let status = fill(&mut reader, &path, delimiter, &mut batch, &mut used);
    if !rows.hand_on(&batch[..used], status, sink)? {
        return Ok(());
    }
    // The rest on two threads: this one runs the rows while another parses the next records.
    std::thread::scope(|scope| {
        let (full, ready) = mpsc::sync_channel::<(Batch, usize, Result<Filled>)>(4);
        let (give_back, returned) = mpsc::channel::<Batch>();
        let path_ref = &path;
        let started = std::thread::Builder::new().spawn_scoped(scope, move || {
            loop {
                let mut batch = returned.try_recv().unwrap_or_default();
                let mut used = 0;
                let status = fill(&mut reader, path_ref, delimiter, &mut batch, &mut used);
                let more = matches!(status, Ok(Filled::More));
                // A closed channel: the row loop stopped on an error of its own.
                if full.send((batch, used, status)).is_err() || !more {
                    break;
                }
            }
        });
        // Where the system has no thread to give (out of resources), an error, not a panic.
        if let Err(source) = started {
            return Err(Error::Io {
                path: path.clone(),
                source,
            });
        }
        for (batch, used, status) in ready {
            if !rows.hand_on(&batch[..used], status, sink)? {
                break;
            }
            let _ = give_back.send(batch);
        }
        Ok(())
    })
}

/// What the row loop keeps between records: the header, the origin each row borrows (its line
/// set per row; a workout takes a copy), and the last record read, held back until the next
/// batch, or the end of the input, shows whether it is the file's last.
struct RowLoop<'a, M, E> {
    columns: Columns,
    path: &'a Path,
    delimiter: u8,
    origin: Origin,
    mend: M,
    each: E,
    held: Option<(csv::StringRecord, u64)>,
}

impl<M, E> RowLoop<'_, M, E>
where
    M: Fn(&csv::StringRecord, &Columns) -> Option<csv::StringRecord>,
    E: FnMut(&Row, &Origin, &mut Sink) -> Result<()>,
{
    /// Hands on a batch of records and says whether more may come. The records of a batch are
    /// handled before an error met after them, as a plain loop would: a row's own error comes
    /// first.
    fn hand_on(
        &mut self,
        batch: &[(csv::StringRecord, u64)],
        status: Result<Filled>,
        sink: &mut Sink,
    ) -> Result<bool> {
        match status {
            Ok(Filled::More) => self.batch(batch, None, sink).map(|()| true),
            Ok(Filled::End { cut }) => self.batch(batch, Some(cut), sink).map(|()| false),
            Err(e) => {
                self.batch(batch, Some(false), sink)?;
                Err(e)
            }
        }
    }

    /// `end`: the input ended after this batch, and whether inside a quoted value.
    fn batch(
        &mut self,
        batch: &[(csv::StringRecord, u64)],
        end: Option<bool>,
        sink: &mut Sink,
    ) -> Result<()> {
        if let Some((record, line)) = self.held.take() {
            self.record(&record, line, batch.is_empty() && end == Some(true), sink)?;
        }
        if let Some(((last, last_line), rest)) = batch.split_last() {
            for (record, line) in rest {
                self.record(record, *line, false, sink)?;
            }
            match end {
                Some(cut) => self.record(last, *last_line, cut, sink)?,
                None => self.held = Some((last.clone(), *last_line)),
            }
        }
        Ok(())
    }

    /// One record: `cut` when it is the file's last and the file ends inside one of its quoted
    /// values.
    fn record(
        &mut self,
        record: &csv::StringRecord,
        line: u64,
        cut: bool,
        sink: &mut Sink,
    ) -> Result<()> {
        let width = self.columns.names.len();
        if let Some(swallowed) = open_quote(record, width, self.delimiter) {
            return Err(Error::parse(
                self.path,
                Some(line),
                None,
                format!(
                    "a quote (\") opened in this row is not closed where the value ends, so the {swallowed} line{} after it {} read into this row; close the quote or remove it",
                    if swallowed == 1 { "" } else { "s" },
                    if swallowed == 1 { "was" } else { "were" },
                ),
            ));
        }
        self.origin.line = line;
        // Every field blank is the same as all of the record's text blank: one look.
        if record.as_slice().trim().is_empty() {
            return Ok(());
        }
        if cut {
            return sink.skip(
                &self.origin,
                "the file ends inside a quoted value: this last row was cut short",
            );
        }
        let cleaned;
        let record = match without_nul(record) {
            Some(record) => {
                sink.warnings.push(crate::model::Warning::at(
                    crate::model::WarningKind::File,
                    &self.origin,
                    "a NUL byte (binary data inside a text field) was removed from this row",
                ));
                cleaned = record;
                &cleaned
            }
            None => record,
        };
        let mended;
        let record = if record.len() == width {
            record
        } else if let Some(m) = (self.mend)(record, &self.columns).filter(|m| m.len() == width) {
            mended = m;
            &mended
        } else {
            return sink.skip(
                &self.origin,
                format!(
                    "{} field{} where the header has {width}",
                    record.len(),
                    if record.len() == 1 { "" } else { "s" },
                ),
            );
        };
        let row = Row {
            line,
            record,
            columns: &self.columns,
            path: self.path,
            decimal_comma: self.delimiter == b';',
        };
        (self.each)(&row, &self.origin, sink)
    }
}

/// The record without its NUL bytes, if it has any: binary data in a text field (a stray byte
/// from an app or a sync), which costs nothing but itself.
fn without_nul(record: &csv::StringRecord) -> Option<csv::StringRecord> {
    memchr::memchr(0, record.as_slice().as_bytes())?;
    Some(record.iter().map(|field| field.replace('\0', "")).collect())
}

/// How many lines a quote left open swallowed into one field of this record, if one did. A
/// quoted field may hold line breaks (notes written on several lines), so a field with line
/// breaks is taken for a quote left open only when its record has the wrong number of fields
/// (the quote closed somewhere in a later row), or when a line inside it has as many fields as
/// the header (a row of the file, read as text up to the end of the file). The csv reader itself
/// accepts both silently, and the rows swallowed would be lost without a word.
fn open_quote(record: &csv::StringRecord, fields: usize, delimiter: u8) -> Option<usize> {
    // Nearly every record has no line break at all: one look at its bytes says so.
    memchr::memchr(b'\n', record.as_slice().as_bytes())?;
    let delimiter = char::from(delimiter);
    let ragged = record.len() != fields;
    record.iter().find_map(|field| {
        let breaks = field.matches('\n').count();
        let swallowed_row = || {
            fields > 1
                && field
                    .lines()
                    .skip(1)
                    .any(|l| l.split(delimiter).count() == fields)
        };
        (breaks > 0 && (ragged || swallowed_row())).then(|| field.lines().count().max(2) - 1)
    })
}

/// Whether `record`, the bytes of a file's last record up to the end of the file, ends inside a
/// quoted value: the record is fed to a CSV parser (csv-core, which the csv crate reads with)
/// with one more line end, and a record still open after it was inside quotes.
fn ends_inside_quotes(record: &[u8], delimiter: u8) -> bool {
    let record = record
        .iter()
        .position(|b| !matches!(b, b'\n' | b'\r'))
        .map_or(&[][..], |start| &record[start..]);
    // No quote, no quoted value (and no parser to build: most of a small file's cost).
    if record.is_empty() || memchr::memchr(b'"', record).is_none() {
        return false;
    }
    let mut parser = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut output = vec![0; record.len() + 1];
    let mut ends = vec![0; record.len() + 2];
    // With room for every byte, a call reads all its input unless a record ends in it.
    for input in [record, b"\n"] {
        let (result, _, _, _) = parser.read_record(input, &mut output, &mut ends);
        if !matches!(result, csv_core::ReadRecordResult::InputEmpty) {
            return false;
        }
    }
    true
}

/// Reads only the header of a CSV input (for importers that need it before the rows).
pub fn header_of(head: &str, delimiter: u8) -> Columns {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(head.as_bytes());
    let mut record = csv::StringRecord::new();
    let _ = reader.read_record(&mut record);
    Columns::new(record.iter().map(|h| h.trim().to_string()).collect())
}

pub fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    csv_error_on(path, e, line)
}

/// [`csv_error`] with the line taken from a [`LineCounter`].
pub fn csv_error_at<R: Read>(path: &Path, e: csv::Error, lines: &mut LineCounter<R>) -> Error {
    let line = e.position().map(|p| lines.line_at(p.byte()));
    csv_error_on(path, e, line)
}

fn csv_error_on(path: &Path, e: csv::Error, line: Option<u64>) -> Error {
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not UTF-8; save the file as UTF-8 (CSV UTF-8 in a spreadsheet)".to_string()
        }
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => format!("malformed CSV: {e}"),
    };
    Error::parse(path, line, None, message)
}

/// Groups set rows into workouts: rows with the same key (start and title, as written) belong to
/// one workout wherever they stand in the file, and consecutive rows of one exercise to one
/// [`Exercise`], so that exercises keep their logged order.
#[derive(Default)]
pub struct SetLog {
    open: FxHashMap<(String, String), usize>,
    /// The last key looked up and its workout: the rows of a workout follow one another, so most
    /// rows find theirs here, without building a key or hashing it.
    last: Option<(String, String, usize)>,
    /// Exercise names, each kept once however many exercises share it.
    names: FxHashSet<Arc<str>>,
    /// The workout the last row went to.
    served: Option<usize>,
    /// The last row went to a workout other than the one before it: its set starts a new
    /// exercise, even of the same name, so that a repeat can be told from the first time.
    resumed: bool,
    /// Workouts whose rows came back after other workouts' rows, with how many exercises each
    /// had then.
    returns: FxHashMap<usize, usize>,
}

impl SetLog {
    /// The index in the sink of the workout of this key, if a row has opened it.
    pub fn find(&mut self, key: (&str, &str)) -> Option<usize> {
        if let Some((start, title, idx)) = &self.last
            && start == key.0
            && title == key.1
        {
            return Some(*idx);
        }
        let owned = (key.0.to_string(), key.1.to_string());
        let idx = *self.open.get(&owned)?;
        self.last = Some((owned.0, owned.1, idx));
        Some(idx)
    }

    /// The workout of this key in the sink, made by `make` on its first row.
    pub fn workout<'s>(
        &mut self,
        sink: &'s mut Sink,
        key: (&str, &str),
        make: impl FnOnce() -> Result<Workout>,
    ) -> Result<&'s mut Workout> {
        let found = self.find(key);
        self.found_or_new(sink, found, key, make)
    }

    /// [`SetLog::workout`] for importers that look first (with [`SetLog::find`]) because they
    /// read something of the row only when it opens a workout: the workout `found` for this
    /// key, or a new one made by `make` where none was.
    pub fn found_or_new<'s>(
        &mut self,
        sink: &'s mut Sink,
        found: Option<usize>,
        key: (&str, &str),
        make: impl FnOnce() -> Result<Workout>,
    ) -> Result<&'s mut Workout> {
        if let Some(idx) = found {
            if self.served != Some(idx) {
                self.resumed = true;
                self.returns
                    .entry(idx)
                    .or_insert(sink.workouts[idx].exercises.len());
            }
            self.served = Some(idx);
            return Ok(&mut sink.workouts[idx]);
        }
        let workout = make()?;
        // The rows of a workout nearly always follow one another, so the workout read last is
        // done: its exercise list is cut to its length (a tenth of the import's memory at 1M
        // rows was room that lists grown by doubling never used).
        if let Some((_, _, last)) = &self.last
            && let Some(done) = sink.workouts.get_mut(*last)
        {
            done.exercises.shrink_to_fit();
        }
        sink.workouts.push(workout);
        let idx = sink.workouts.len() - 1;
        self.served = Some(idx);
        self.resumed = false;
        let owned = (key.0.to_string(), key.1.to_string());
        self.open.insert(owned.clone(), idx);
        self.last = Some((owned.0, owned.1, idx));
        Ok(&mut sink.workouts[idx])
    }

    /// Adds a set to the workout: to its last exercise when the name is the same, else as a new
    /// exercise.
    pub fn add_set(&mut self, workout: &mut Workout, name: &str, set: Set, line: u64) {
        let resumed = std::mem::take(&mut self.resumed);
        match workout.exercises.last_mut() {
            Some(ex) if *ex.name == *name && !resumed => ex.sets.add(&set),
            _ => workout.exercises.push(Exercise {
                name: self.name(name),
                sets: Sets::of([&set]),
                line,
            }),
        }
    }

    /// To be called once the rows are read. A workout whose rows come twice, the second time
    /// after other workouts' rows and exercise for exercise as the first (an export pasted after
    /// itself, or two overlapping exports joined into one file), is read once; the repeats are
    /// counted in `sink.repeated` and named in one warning.
    pub fn finish(self, sink: &mut Sink) {
        let mut returns: Vec<(usize, usize)> = self.returns.into_iter().collect();
        returns.sort_unstable();
        let mut example = None;
        let mut repeated = 0;
        for (idx, k) in returns {
            let workout = &mut sink.workouts[idx];
            let exercises = &workout.exercises;
            let twice = k > 0
                && exercises.len() == 2 * k
                && exercises[..k]
                    .iter()
                    .zip(&exercises[k..])
                    .all(|(a, b)| a.name == b.name && a.sets == b.sets);
            if twice {
                example.get_or_insert((workout.origin.clone(), exercises[k].line));
                workout.exercises.truncate(k);
                repeated += 1;
            }
        }
        if let Some((origin, again)) = example {
            sink.repeated += repeated;
            sink.warnings.push(crate::model::Warning::at(
                crate::model::WarningKind::Duplicate,
                &origin,
                format!(
                    "{repeated} {} twice in this file, row for row (an export pasted after itself?), and {} read once; for example this one, again from line {again}",
                    if repeated == 1 { "workout appears" } else { "workouts appear" },
                    if repeated == 1 { "was" } else { "were" },
                ),
            ));
        }
    }

    /// The one copy of an exercise name (past 4096 distinct names, a copy each).
    fn name(&mut self, name: &str) -> Arc<str> {
        if let Some(known) = self.names.get(name) {
            return Arc::clone(known);
        }
        let name: Arc<str> = Arc::from(name);
        if self.names.len() < 4096 {
            self.names.insert(Arc::clone(&name));
        }
        name
    }
}

/// Reads a whole input as text, for formats that need all of it at once.
pub fn read_text(mut input: Input) -> Result<(Input, String)> {
    let mut text = String::new();
    if let Err(e) = input.reader.read_to_string(&mut text) {
        let message = if e.kind() == std::io::ErrorKind::InvalidData {
            "the text is not UTF-8; save the file as UTF-8".to_string()
        } else {
            format!("cannot read: {e}")
        };
        return Err(Error::parse(&input.path, None, None, message));
    }
    Ok((input, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: Vec<u8>) -> Input {
        Input {
            path: "log.csv".into(),
            file: Arc::from("log.csv"),
            reader: Box::new(std::io::Cursor::new(bytes)),
            delimiter: b',',
        }
    }

    /// The lines `for_each_row` hands over, and its result; `fail_at` makes the row of that line
    /// an error of the row loop's own.
    fn run_rows(bytes: Vec<u8>, strict: bool, fail_at: u64) -> (Vec<u64>, usize, Result<()>) {
        let mut sink = Sink::new(strict);
        let mut seen = Vec::new();
        let result = for_each_row(input(bytes), "test", &mut sink, |row, origin, _| {
            if origin.line == fail_at {
                return Err(Error::parse(row.path, Some(row.line), None, "bad row"));
            }
            seen.push(origin.line);
            Ok(())
        });
        (seen, sink.skipped, result)
    }

    fn rows(n: usize) -> String {
        let mut text = String::from("a,b\n");
        for i in 0..n {
            text.push_str(&format!("{i},x\n"));
        }
        text
    }

    #[test]
    fn long_inputs_give_every_row_once_in_order_across_batches() {
        // Several batches of the reading thread, a short row to skip in the third, a blank line.
        let mut text = rows(1000);
        text = text.replacen("600,x\n", "600\n\n", 1);
        let (seen, skipped, result) = run_rows(text.into_bytes(), false, 0);
        assert!(result.is_ok());
        assert_eq!(skipped, 1);
        let expected: Vec<u64> = (2..=1002).filter(|&l| l != 602 && l != 603).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn long_inputs_stop_at_the_first_error_in_file_order() {
        // Bytes that are not UTF-8 on line 902: a parse error from the reading thread.
        let mut bytes = rows(1000).into_bytes();
        let at = rows(900).len();
        bytes[at] = 0xFF;
        let (seen, _, result) = run_rows(bytes.clone(), false, 0);
        let error = result.unwrap_err().to_string();
        assert!(error.contains("log.csv:902"), "{error}");
        assert_eq!(seen.len(), 900);
        // A row's own error earlier in the file wins over the later one.
        let (seen, _, result) = run_rows(bytes.clone(), false, 300);
        assert!(result.unwrap_err().to_string().contains("log.csv:300"));
        assert_eq!(seen.len(), 298);
        // So does a skip made an error by --strict.
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        text = text.replacen("700,x\n", "700\n", 1);
        let (_, _, result) = run_rows(text.into_bytes(), true, 0);
        assert!(result.unwrap_err().to_string().contains("log.csv:702"));
    }

    #[test]
    fn a_file_ending_inside_quotes_is_told_from_one_that_closes_them() {
        for (tail, cut) in [
            (&b"1,\"note"[..], true),
            (b"1,\"note\n", true),
            (b"1,\"a \"\"quoted\"\" word", true),
            (b"1,\"", true),
            (b"1,\"note\"", false),
            (b"1,\"note\"\n", false),
            (b"1,\"\"", false),
            (b"1,note", false),
            (b"1,5\" plates", false),
            (b"\n\r\n1,\"x", true),
            (b"", false),
        ] {
            assert_eq!(
                ends_inside_quotes(tail, b','),
                cut,
                "{}",
                String::from_utf8_lossy(tail)
            );
        }
        assert!(ends_inside_quotes(b"1;\"a;b", b';'));
    }

    #[test]
    fn a_last_row_cut_inside_quotes_is_skipped_after_any_number_of_batches() {
        for n in [1, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH] {
            let text = format!("{}{n},\"cut sho", rows(n));
            let (seen, skipped, result) = run_rows(text.into_bytes(), false, 0);
            assert!(result.is_ok());
            assert_eq!((seen.len(), skipped), (n, 1), "{n}");
            let closed = format!("{}{n},\"closed\"", rows(n));
            let (seen, skipped, _) = run_rows(closed.into_bytes(), false, 0);
            assert_eq!((seen.len(), skipped), (n + 1, 0), "{n}");
        }
    }

    fn lines_of(text: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new().from_reader(LineCounter::new(text.as_bytes()));
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let at = record.position().unwrap().byte();
            out.push(reader.get_mut().line_at(at));
        }
        out
    }

    #[test]
    fn line_numbers_are_right_with_lf_and_crlf_ends() {
        let lf = "a,b\n1,2\n\n3,\"x\ny\"\n5,6\n";
        assert_eq!(lines_of(lf), vec![2, 4, 6]);
        assert_eq!(lines_of(&lf.replace('\n', "\r\n")), vec![2, 4, 6]);
    }

    #[test]
    fn columns_by_alias_and_repeated_names() {
        let c = Columns::new(
            ["Activity Date", "Distance", "Elapsed Time", "Distance"]
                .map(String::from)
                .to_vec(),
        );
        assert_eq!(c.find(&["activity_date"]), Some(0));
        assert_eq!(c.find(&["nope", "elapsed time"]), Some(2));
        assert_eq!(c.find_nth(&["Distance"], 1), Some(3));
        assert_eq!(c.find(&["Weight"]), None);
    }
}
