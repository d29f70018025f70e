//! Zip archives, read as they are downloaded: Strava's bulk export (`activities.csv` and
//! `activities/*.fit.gz`, `*.gpx`, `*.tcx.gz`), Apple Health's `export.zip`
//! (`apple_health_export/export.xml`) and Garmin Connect's data export (`DI_CONNECT/...`, with
//! the activity files in zips inside it).
//!
//! Each entry whose name has the extension of a format concur reads is read as a file named
//! `ARCHIVE/ENTRY`, its format found by its content like any file's; the other entries are
//! counted in one warning, as a folder's are. An entry that is itself an archive is read the
//! same way, to [`MAX_DEPTH`] archives deep. Entries are read in parallel, and streamed: an
//! `export.xml` of several GB is never held in memory.
//!
//! Nothing is ever written out, so an entry's name is only a label; what guards the reader is a
//! limit on what an archive unpacks to ([`LIMITS`]): in all, per entry, and as a multiple of an
//! entry's packed size. Past one, the archive stops with an error naming it and the entry.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use super::{Detection, Importer, Input, Probe, Sink};
use crate::error::{Error, Result};
use crate::model::{Warning, WarningKind};

/// How many archives deep concur reads: Garmin's export holds its activity files in zips inside
/// the zip (2); a gzip layer counts too (`.zip.gz`). A file that unpacks to itself (a "quine")
/// stops here.
pub const MAX_DEPTH: usize = 4;

/// What one archive (with every archive and gzip layer inside it) may unpack to.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bytes unpacked in all.
    pub total: u64,
    /// Bytes unpacked from one entry.
    pub entry: u64,
    /// Unpacked bytes per packed byte of one entry, checked once it has unpacked `ratio_from`.
    pub ratio: u64,
    pub ratio_from: u64,
}

const GB: u64 = 1 << 30;
const MB: u64 = 1 << 20;

/// The limits concur reads archives with. Apple Health's `export.xml` is often 1 to 4 GB and
/// sometimes over 10, packed about 20 to 1 (XML repeats its names); a CSV or FIT file packs 3 to
/// 10 to 1. Deflate packs at most about 1,000 to 1, which a zip bomb uses.
pub const LIMITS: Limits = Limits {
    total: 32 * GB,
    entry: 16 * GB,
    ratio: 200,
    ratio_from: 16 * MB,
};

/// An archive inside an archive (as its bytes come unpacked) is held in memory up to this size,
/// and beyond it in a temporary file.
const IN_MEMORY: u64 = 256 * MB;

/// Folders of an export whose files are not activities of their own: Apple Health's
/// `workout-routes/` holds the GPS track of workouts `export.xml` lists (the
/// `<WorkoutRoute><FileReference path="/workout-routes/...gpx"/>` of each workout), and Strava's
/// `routes/` the routes planned in its route builder, with no time (redback-operations'
/// "Strava Bulk Export Data Description"). Read as activities, they would be sessions twice or sessions that never
/// happened.
pub const ATTACHMENT_FOLDERS: &[&str] = &["workout-routes", "routes"];

/// What a warning says of the files it passes over in [`ATTACHMENT_FOLDERS`].
pub const ATTACHMENTS_ARE: &str =
    " of routes, the tracks of workouts the export lists or routes planned, not activities";

/// Whether an entry of an archive or a file under a named folder (`relative` to either) lies in
/// a folder of [`ATTACHMENT_FOLDERS`].
pub fn in_attachment_folder(relative: &Path) -> bool {
    let mut folders = relative.components().rev().skip(1);
    folders.any(|c| {
        let name = c.as_os_str().to_string_lossy();
        ATTACHMENT_FOLDERS
            .iter()
            .any(|a| name.eq_ignore_ascii_case(a))
    })
}

/// Whether an entry's path is one a system adds and nobody exported: a name starting with a dot
/// (`.DS_Store`) in any of its folders, and macOS's `__MACOSX/` copies of resource forks.
fn hidden(name: &str) -> bool {
    name.split('/')
        .any(|part| part.starts_with('.') || part == "__MACOSX")
}

/// The zip format: an archive of files, found by its first bytes.
pub struct Zip;

impl Importer for Zip {
    fn name(&self) -> &'static str {
        "zip"
    }

    fn describe(&self) -> &'static str {
        "a zip archive (an export as downloaded)"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["zip"]
    }

    fn detect_bytes(&self, probe: &Probe) -> Detection {
        // A local file header, or the end record alone of an empty archive.
        if probe.bytes.starts_with(b"PK\x03\x04") || probe.bytes.starts_with(b"PK\x05\x06") {
            Detection::Match(200)
        } else {
            Detection::No
        }
    }

    /// An archive as a stream (inside another archive, or from memory): held whole, as a zip is
    /// read from its end. A file on disk is read in place instead ([`read_file`]).
    fn read(&self, mut input: Input, sink: &mut Sink) -> Result<()> {
        let io_error = |source| Error::Io {
            path: input.path.clone(),
            source,
        };
        let mut bytes = Vec::new();
        (&mut input.reader)
            .take(IN_MEMORY)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        let source = if (bytes.len() as u64) < IN_MEMORY {
            Source::Bytes(Arc::from(bytes))
        } else {
            let mut spill = tempfile::tempfile().map_err(io_error)?;
            spill.write_all(&bytes).map_err(io_error)?;
            drop(bytes);
            io::copy(&mut input.reader, &mut spill).map_err(io_error)?;
            Source::File {
                file: Arc::new(spill),
                counted: false,
            }
        };
        read_archive(source, &input.path, sink)
    }
}

/// Whether a file starts as a zip archive does; the file is left at its start.
pub fn is_zip_file(file: &mut File) -> io::Result<bool> {
    let mut magic = [0u8; 4];
    let mut read = 0;
    while read < magic.len() {
        match file.read(&mut magic[read..])? {
            0 => break,
            n => read += n,
        }
    }
    file.seek(SeekFrom::Start(0))?;
    let probe = Probe {
        path: Path::new(""),
        bytes: &magic[..read],
    };
    Ok(matches!(Zip.detect_bytes(&probe), Detection::Match(_)))
}

/// Reads an archive that is a file on disk, in place: its entries are read from where they lie,
/// on as many threads as read entries.
pub fn read_file(file: File, path: &Path, sink: &mut Sink) -> Result<()> {
    read_archive(
        Source::File {
            file: Arc::new(file),
            counted: true,
        },
        path,
        sink,
    )
}

/// Where an archive's bytes are: a file (read at offsets, so that several threads read its
/// entries at once), or memory.
#[derive(Clone)]
enum Source {
    /// `counted`: its reads count towards the progress of the run (a file named or found in a
    /// folder, not a temporary copy).
    File {
        file: Arc<File>,
        counted: bool,
    },
    Bytes(Arc<[u8]>),
}

impl Source {
    fn len(&self) -> io::Result<u64> {
        match self {
            Source::File { file, .. } => Ok(file.metadata()?.len()),
            Source::Bytes(bytes) => Ok(bytes.len() as u64),
        }
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        match self {
            Source::File { file, counted } => {
                let n = read_file_at(file, buf, offset)?;
                if *counted {
                    super::progress::read(n);
                }
                Ok(n)
            }
            Source::Bytes(bytes) => {
                let start = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                let n = buf.len().min(bytes.len() - start);
                buf[..n].copy_from_slice(&bytes[start..start + n]);
                Ok(n)
            }
        }
    }
}

#[cfg(unix)]
fn read_file_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_file_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// A reader of a stretch of a [`Source`], with its own position.
#[derive(Clone)]
struct SourceReader {
    source: Source,
    pos: u64,
    end: u64,
}

impl Read for SourceReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.end.saturating_sub(self.pos);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.source.read_at(&mut buf[..want], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SourceReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.end.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the archive's start",
            )
        })?;
        Ok(self.pos)
    }
}

/// What unpacking has come to in one outermost archive (or gzip file), across every archive
/// inside it and every thread reading it.
pub struct Budget {
    /// The outermost archive as given, which limit errors name.
    archive: PathBuf,
    limits: Limits,
    unpacked: AtomicU64,
    /// The first limit passed: every reader of the archive stops.
    breach: OnceLock<String>,
}

impl Budget {
    fn breached(&self) -> Option<Error> {
        self.breach
            .get()
            .map(|why| Error::parse(&self.archive, None, None, why.clone()))
    }

    /// The name of a file inside the archive, as limit errors give it: without the archive's
    /// own name before it; "the file" for the archive itself (a gzip file).
    fn inner_name(&self, path: &Path) -> String {
        if path == self.archive {
            return "the file".into();
        }
        let shown = path.display().to_string();
        let archive = self.archive.display().to_string();
        shown
            .strip_prefix(&archive)
            .and_then(|rest| rest.strip_prefix(['/', '\\']))
            .unwrap_or(&shown)
            .to_string()
    }
}

/// The archives (and gzip layers) a thread is inside of, outermost first, and their budget.
#[derive(Clone)]
pub struct Nest {
    depth: usize,
    budget: Arc<Budget>,
}

thread_local! {
    static NEST: RefCell<Option<Nest>> = const { RefCell::new(None) };
}

impl Nest {
    /// Enters the archive (or gzip file) at `path`: one level deeper than the one this thread is
    /// reading, if any, with its budget; else the outermost, with a budget of its own.
    pub fn enter(path: &Path) -> Result<Nest> {
        Nest::enter_with(path, LIMITS)
    }

    fn enter_with(path: &Path, limits: Limits) -> Result<Nest> {
        let nest = match NEST.with(|n| n.borrow().clone()) {
            Some(outer) => Nest {
                depth: outer.depth + 1,
                budget: outer.budget,
            },
            None => Nest {
                depth: 1,
                budget: Arc::new(Budget {
                    archive: path.to_path_buf(),
                    limits,
                    unpacked: AtomicU64::new(0),
                    breach: OnceLock::new(),
                }),
            },
        };
        if nest.depth > MAX_DEPTH {
            return Err(Error::parse(
                &nest.budget.archive,
                None,
                None,
                format!(
                    "{} is an archive more than {MAX_DEPTH} archives deep (an archive that unpacks to itself?); concur stops there",
                    nest.budget.inner_name(path)
                ),
            ));
        }
        Ok(nest)
    }

    /// Runs `read` on this thread as inside this archive.
    pub fn run<T>(&self, read: impl FnOnce() -> T) -> T {
        let outer = NEST.with(|n| n.replace(Some(self.clone())));
        struct Restore(Option<Nest>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let outer = self.0.take();
                NEST.with(|n| *n.borrow_mut() = outer);
            }
        }
        let _restore = Restore(outer);
        read()
    }

    pub fn budget(&self) -> &Arc<Budget> {
        &self.budget
    }
}

/// How many bytes of a packed stream have been consumed: fixed for a zip entry (its packed size
/// is known), counted as the decoder reads for gzip.
pub enum Packed {
    Known(u64),
    Counted(Arc<AtomicU64>),
}

impl Packed {
    fn bytes(&self) -> u64 {
        match self {
            Packed::Known(n) => *n,
            Packed::Counted(n) => n.load(Ordering::Relaxed),
        }
    }
}

/// A reader that counts what its packed stream is read from.
pub struct CountIn<R> {
    pub inner: R,
    pub count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountIn<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Unpacked bytes as they come out of a decoder: counted against the limits, checked against the
/// entry's CRC and size where the archive states them, and any fault kept so that the message
/// can say what went wrong where (the importer reading the bytes only sees an I/O error).
pub struct Checked<R> {
    inner: R,
    /// The file these bytes are, as messages name it.
    path: PathBuf,
    packed: Packed,
    unpacked: u64,
    /// The size and CRC-32 the archive states for the entry.
    expected: Option<(u64, u32)>,
    crc: flate2::Crc,
    budget: Arc<Budget>,
    damage: Arc<OnceLock<String>>,
}

impl<R: Read> Checked<R> {
    pub fn new(
        inner: R,
        path: &Path,
        packed: Packed,
        expected: Option<(u64, u32)>,
        nest: &Nest,
    ) -> (Checked<R>, Arc<OnceLock<String>>) {
        let damage = Arc::new(OnceLock::new());
        let checked = Checked {
            inner,
            path: path.to_path_buf(),
            packed,
            unpacked: 0,
            expected,
            crc: flate2::Crc::new(),
            budget: Arc::clone(&nest.budget),
            damage: Arc::clone(&damage),
        };
        (checked, damage)
    }

    fn damaged(&self, why: String) -> io::Error {
        let _ = self.damage.set(why.clone());
        io::Error::new(io::ErrorKind::InvalidData, why)
    }

    fn over_limit(&self) -> Option<String> {
        let limits = &self.budget.limits;
        let name = self.budget.inner_name(&self.path);
        let in_all = self.budget.unpacked.load(Ordering::Relaxed);
        let packed = self.packed.bytes().max(1);
        if self.unpacked > limits.entry {
            Some(format!(
                "{name} unpacks to more than {}, concur's limit for one file in an archive (a zip bomb?)",
                size(limits.entry)
            ))
        } else if in_all > limits.total {
            Some(format!(
                "the archive unpacks to more than {} in all (at {name}), concur's limit for an archive (a zip bomb?)",
                size(limits.total)
            ))
        } else if self.unpacked > limits.ratio_from && self.unpacked > limits.ratio * packed {
            Some(format!(
                "{name} unpacks to more than {} times its packed size ({} from {}), past concur's limit of {} (a zip bomb?)",
                limits.ratio,
                size(self.unpacked),
                size(packed),
                limits.ratio
            ))
        } else {
            None
        }
    }
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(why) = self.budget.breach.get() {
            return Err(io::Error::other(why.clone()));
        }
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => return Err(self.damaged(crate::error::why(&e))),
        };
        if n == 0 {
            if let Some((size, crc)) = self.expected {
                if self.unpacked != size {
                    return Err(self.damaged(format!(
                        "it unpacks to {} bytes where the archive says {size}",
                        self.unpacked
                    )));
                }
                if self.crc.sum() != crc {
                    return Err(
                        self.damaged("its checksum (CRC-32) does not match the archive's".into())
                    );
                }
            }
            return Ok(0);
        }
        self.unpacked += n as u64;
        self.crc.update(&buf[..n]);
        self.budget.unpacked.fetch_add(n as u64, Ordering::Relaxed);
        if let Some(why) = self.over_limit() {
            let why = self.budget.breach.get_or_init(|| why).clone();
            return Err(io::Error::other(why));
        }
        Ok(n)
    }
}

/// A size for messages: `16 GB`, `300 MB`, `12 KB`.
fn size(bytes: u64) -> String {
    if bytes >= GB && bytes.is_multiple_of(GB) {
        format!("{} GB", bytes / GB)
    } else if bytes >= 10 * MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The outcome of reading something inside an archive: the reading's own result, or the
/// archive's limit error (which stops the whole archive), or, where the bytes came out damaged,
/// an error saying so about `path` (`what` names the packing: "in the archive", "gzip data").
pub fn settle<T>(
    result: Result<T>,
    budget: &Budget,
    damage: &OnceLock<String>,
    path: &Path,
    what: &str,
) -> Result<T> {
    if let Some(error) = budget.breached() {
        return Err(error);
    }
    match (result, damage.get()) {
        (Err(_), Some(why)) => Err(Error::parse(
            path,
            None,
            None,
            format!("damaged {what}: {why}"),
        )),
        (result, _) => result,
    }
}

/// Whether an error is an archive's limit error, which stops the archive wherever it is.
fn is_breach(error: &Error, budget: &Budget) -> bool {
    budget.breach.get().is_some()
        && matches!(error, Error::Parse { path, .. } if *path == budget.archive)
}

/// One entry of an archive, as its central directory lists it.
struct Entry {
    /// Its path inside the archive.
    name: String,
    /// Where its packed bytes start, or why they cannot be found.
    data_start: std::result::Result<u64, String>,
    packed: u64,
    size: u64,
    crc: u32,
    method: ::zip::CompressionMethod,
    encrypted: bool,
}

/// An entry's name as concur shows it after the archive's: with `/` between folders, and none
/// before the first (a name is only a label here; nothing is written out).
fn entry_name(name: std::borrow::Cow<str>) -> String {
    name.replace('\\', "/").trim_start_matches('/').to_string()
}

/// The error for an archive the zip reader cannot read at all.
fn unreadable(path: &Path, error: ::zip::result::ZipError) -> Error {
    let why = match &error {
        ::zip::result::ZipError::Io(e) => crate::error::why(e),
        other => other.to_string(),
    };
    Error::parse(
        path,
        None,
        None,
        format!("not a zip archive concur can read ({why}); download the export again"),
    )
}

/// Reads every entry of the archive concur reads into the sink, the files read in
/// `sink.files` as `ARCHIVE/ENTRY`.
fn read_archive(source: Source, path: &Path, sink: &mut Sink) -> Result<()> {
    let nest = Nest::enter(path)?;
    nest.run(|| read_entries(source, path, &nest, sink))
}

fn read_entries(source: Source, path: &Path, nest: &Nest, sink: &mut Sink) -> Result<()> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let end = source.len().map_err(io_error)?;
    let reader = SourceReader {
        source: source.clone(),
        pos: 0,
        end,
    };
    let mut zip = ::zip::ZipArchive::new(reader).map_err(|e| unreadable(path, e))?;
    let mut to_read = Vec::new();
    let mut other_kinds = Vec::new();
    let mut attachments = Vec::new();
    for index in 0..zip.len() {
        let listed = zip.by_index_raw(index).map(|file| Entry {
            name: entry_name(
                file.name()
                    .unwrap_or_else(|_| String::from_utf8_lossy(file.name_raw())),
            ),
            data_start: file.data_start().ok_or_else(|| "no data".to_string()),
            packed: file.compressed_size(),
            size: file.size(),
            crc: file.crc32(),
            method: file.compression(),
            encrypted: file.encrypted(),
        });
        let entry = match listed {
            Ok(entry) => entry,
            Err(e) => {
                // The central directory names it, but its local header is damaged.
                let Some(Ok(name)) = zip.name_for_index(index) else {
                    return Err(unreadable(path, e));
                };
                Entry {
                    name: entry_name(name),
                    data_start: Err(e.to_string()),
                    packed: 0,
                    size: 0,
                    crc: 0,
                    method: ::zip::CompressionMethod::Stored,
                    encrypted: false,
                }
            }
        };
        let relative = Path::new(&entry.name);
        if entry.name.ends_with('/') || hidden(&entry.name) {
            continue;
        }
        if in_attachment_folder(relative) && super::is_export_name(relative) {
            attachments.push(PathBuf::from(&entry.name));
        } else if super::is_export_name(relative) {
            to_read.push(entry);
        } else {
            other_kinds.push(PathBuf::from(&entry.name));
        }
    }
    drop(zip);
    // In the order a folder's files are read in: by folder, then name.
    to_read.sort_by(|a, b| Path::new(&a.name).cmp(Path::new(&b.name)));
    if to_read.is_empty() {
        let holds = if other_kinds.is_empty() {
            "an empty zip archive".to_string()
        } else {
            format!(
                "a zip archive with no export in it, only {}",
                super::some_names(&other_kinds, " of other kinds")
            )
        };
        return Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            detail: format!("{holds}; {}", super::supported()),
        });
    }
    let budget = nest.budget();
    let limits = budget.limits;
    let declared: u64 = to_read.iter().map(|e| e.size).sum();
    // Past a limit by what the archive says of itself, before anything is unpacked; the
    // archives around this one stop too.
    let stated = |why: String| {
        Err(Error::parse(
            &budget.archive,
            None,
            None,
            budget.breach.get_or_init(|| why).clone(),
        ))
    };
    if let Some(big) = to_read.iter().find(|e| e.size > limits.entry) {
        return stated(format!(
            "{} unpacks to {}, more than {}, concur's limit for one file in an archive (a zip bomb?)",
            budget.inner_name(&path.join(&big.name)),
            size(big.size),
            size(limits.entry)
        ));
    }
    let already = budget.unpacked.load(Ordering::Relaxed);
    if declared.saturating_add(already) > limits.total {
        return stated(if nest.depth == 1 {
            format!(
                "the archive unpacks to {} in all, more than {}, concur's limit for an archive (a zip bomb?)",
                size(declared),
                size(limits.total)
            )
        } else {
            format!(
                "the archive unpacks to more than {} in all (at {}), concur's limit for an archive (a zip bomb?)",
                size(limits.total),
                budget.inner_name(path)
            )
        });
    }
    let strict = sink.strict;
    let calendar = &sink.calendar;
    let fatal = |result: &Result<(Sink, &'static str)>| match result {
        Err(e) => is_breach(e, budget) || (strict && !matches!(e, Error::UnknownFormat { .. })),
        Ok(_) => false,
    };
    let results = super::in_parallel(
        &to_read,
        |_| false,
        fatal,
        |entry| nest.run(|| read_entry(&source, path, entry, nest, strict, calendar)),
    );
    let mut passed_over = Vec::new();
    let mut failed = Vec::new();
    let files_before = sink.files.len();
    for (entry, result) in to_read.iter().zip(results) {
        // Nothing is left out before the first fatal result, which ends the loop.
        let Some(result) = result else { break };
        match result {
            Ok((mut read, format)) => {
                if read.files.is_empty() {
                    let name = path.join(&entry.name).display().to_string();
                    sink.files.push((name, format));
                }
                sink.add(&mut read);
            }
            Err(Error::UnknownFormat { path: file, detail }) => passed_over.push((file, detail)),
            Err(e) if strict || is_breach(&e, budget) => {
                return Err(e);
            }
            Err(e) => failed.push(e),
        }
    }
    if sink.files.len() == files_before {
        // Nothing read: the first entry's reason is the answer.
        if let Some((file, detail)) = passed_over.into_iter().next() {
            return Err(Error::UnknownFormat { path: file, detail });
        }
        if let Some(error) = failed.into_iter().next() {
            return Err(error);
        }
    } else {
        sink.warnings
            .extend(failed.iter().map(super::not_read_warning));
        sink.warnings
            .extend(super::passed_over_warnings(passed_over));
    }
    if !other_kinds.is_empty() {
        other_kinds.sort();
        sink.warnings
            .push(crate::config::other_kinds_warning(path, &other_kinds));
    }
    if !attachments.is_empty() {
        attachments.sort();
        sink.warnings.push(Warning {
            kind: WarningKind::File,
            file: Some(path.display().to_string()),
            line: None,
            message: format!(
                "not read: {}",
                super::some_names(&attachments, ATTACHMENTS_ARE)
            ),
        });
    }
    Ok(())
}

/// Reads one entry as the file `ARCHIVE/ENTRY`, into a sink of its own.
fn read_entry(
    source: &Source,
    archive: &Path,
    entry: &Entry,
    nest: &Nest,
    strict: bool,
    calendar: &super::CalendarRead,
) -> Result<(Sink, &'static str)> {
    let path = archive.join(&entry.name);
    let damaged = |why: String| {
        Err(Error::parse(
            &path,
            None,
            None,
            format!("damaged in the archive: {why}"),
        ))
    };
    let start = match &entry.data_start {
        Ok(start) => *start,
        Err(why) => return damaged(why.clone()),
    };
    if entry.encrypted {
        return Err(Error::parse(
            &path,
            None,
            None,
            "encrypted in the archive (a password is needed); concur does not read encrypted entries",
        ));
    }
    let packed = SourceReader {
        source: source.clone(),
        pos: start,
        end: start.saturating_add(entry.packed),
    };
    let unpacking: Box<dyn Read + Send> = match entry.method {
        ::zip::CompressionMethod::Stored => Box::new(packed),
        ::zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(packed)),
        other => {
            return Err(Error::parse(
                &path,
                None,
                None,
                format!(
                    "packed with {other:?}, which concur does not unpack (only stored and deflated entries); unpack the archive and give its folder"
                ),
            ));
        }
    };
    let (reader, damage) = Checked::new(
        unpacking,
        &path,
        Packed::Known(entry.packed),
        Some((entry.size, entry.crc)),
        nest,
    );
    let mut sink = Sink::new(strict);
    // A calendar in an archive (Google Calendar's export is a zip of .ics files) is read as the
    // run asks.
    sink.calendar = calendar.clone();
    let result = super::import_named(super::IMPORTERS, &path, &path, reader, &mut sink);
    let format = settle(result, nest.budget(), &damage, &path, "in the archive")?;
    Ok((sink, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_folders_are_told_by_any_folder_of_the_path() {
        assert!(in_attachment_folder(Path::new(
            "apple_health_export/workout-routes/route_2024-03-05_6.12pm.gpx"
        )));
        assert!(in_attachment_folder(Path::new("routes/123.gpx")));
        assert!(!in_attachment_folder(Path::new("activities/123.gpx")));
        // The file's own name is not a folder.
        assert!(!in_attachment_folder(Path::new("routes.csv")));
    }

    #[test]
    fn hidden_entries_are_the_systems() {
        assert!(hidden("__MACOSX/activities/._1.gpx"));
        assert!(hidden("export/.DS_Store"));
        assert!(!hidden("export/activities.csv"));
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ::zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let options = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// The archive's bytes read with these limits, as the outermost archive.
    fn read_with(bytes: Vec<u8>, limits: Limits) -> Result<Sink> {
        let path = Path::new("export.zip");
        let mut sink = Sink::new(false);
        let nest = Nest::enter_with(path, limits)?;
        nest.run(|| read_entries(Source::Bytes(Arc::from(bytes)), path, &nest, &mut sink))?;
        Ok(sink)
    }

    const SMALL: Limits = Limits {
        total: 4096,
        entry: 2048,
        ratio: 10,
        ratio_from: 1024,
    };

    fn row(day: u32) -> Vec<u8> {
        format!("start,duration,type,title\n2024-03-{day:02} 07:00,30,Run,Run\n").into_bytes()
    }

    #[test]
    fn an_archive_within_its_limits_is_read() {
        let sink = read_with(zip_of(&[("a.csv", &row(1)), ("b.csv", &row(2))]), SMALL).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        let names: Vec<&str> = sink.files.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(names, ["export.zip/a.csv", "export.zip/b.csv"]);
    }

    #[test]
    fn each_limit_stops_the_archive_naming_it_and_the_entry() {
        let error = |bytes, limits| match read_with(bytes, limits) {
            Ok(sink) => panic!("read: {:?} {:?}", sink.files, sink.warnings),
            Err(e) => e.to_string(),
        };
        // Declared sizes, before anything is unpacked.
        let big = [row(1), vec![b' '; 3000]].concat();
        let e = error(zip_of(&[("big.csv", &big)]), SMALL);
        assert!(
            e.starts_with("export.zip: big.csv unpacks to 3 KB, more than 2 KB"),
            "{e}"
        );
        let e = error(
            zip_of(&[
                ("a.csv", &big[..2000]),
                ("b.csv", &big[..2000]),
                ("c.csv", &big[..2000]),
            ]),
            SMALL,
        );
        assert!(
            e.starts_with("export.zip: the archive unpacks to 6 KB in all, more than 4 KB"),
            "{e}"
        );
        // Unpacked bytes past the ratio, counted as they come.
        let e = error(zip_of(&[("packed.csv", &big[..2000])]), SMALL);
        assert!(
            e.starts_with("export.zip: packed.csv unpacks to more than 10 times its packed size"),
            "{e}"
        );
        // An archive inside counts towards the outer one's total.
        let inner = zip_of(&[("a.csv", &big[..1500]), ("b.csv", &big[..1500])]);
        let limits = Limits {
            ratio: 1000,
            ..SMALL
        };
        let e = error(
            zip_of(&[("inner.zip", &inner), ("c.csv", &big[..1500])]),
            limits,
        );
        assert!(
            e.starts_with("export.zip: the archive unpacks to more than 4 KB in all (at "),
            "{e}"
        );
    }

    #[test]
    fn archives_nested_too_deep_stop() {
        let mut bytes = zip_of(&[("a.csv", &row(1))]);
        for _ in 0..MAX_DEPTH {
            bytes = zip_of(&[("inner.zip", &bytes)]);
        }
        let limits = Limits {
            ratio: 1000,
            ..LIMITS
        };
        let e = read_with(bytes, limits).err().unwrap().to_string();
        assert!(e.contains("more than 4 archives deep"), "{e}");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(16 * GB), "16 GB");
        assert_eq!(size(300 * MB + 5), "300 MB");
        assert_eq!(size(12 * 1024), "12 KB");
    }
}
