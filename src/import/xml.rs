//! Reading XML exports as a stream of events, shared by the importers of XML files (GPX,
//! TCX, Apple Health's export.xml): where the root element is, where each event stands (line
//! and column), the text of an element, its attributes, and the errors that name the place.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use quick_xml::XmlVersion;
use quick_xml::errors::SyntaxError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use crate::error::{Error, Result};
use crate::import::{Input, Sink};
use crate::model::Origin;

/// The score of a file whose root element is a format's: nothing else can be that format.
pub const ROOT_MATCH: u8 = 100;

/// The local name (without its prefix) of the root element of an XML text's start, after
/// any byte-order mark, XML declaration, processing instructions, comments and DOCTYPE; `None`
/// where the text is no XML or its root is beyond the start.
pub fn root_name(text: &str) -> Option<&str> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            // A DOCTYPE, whose internal subset in brackets may hold '>'.
            let close = r.find('>')?;
            rest = match r.find('[') {
                Some(open) if open < close => {
                    let end = r[open..].find(']')? + open;
                    &r[end + r[end..].find('>')? + 1..]
                }
                _ => &r[close + 1..],
            };
        } else {
            let r = rest.strip_prefix('<')?;
            let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(local(&r[..end])).filter(|n| !n.is_empty());
        }
    }
}

/// An element's or attribute's name without its namespace prefix: `hr` of `gpxtpx:hr`.
pub fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// A place in the file: line and column (in bytes), both from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

impl Pos {
    pub fn error(self, path: &Path, message: impl Into<String>) -> Error {
        Error::parse(path, Some(self.line), Some(self.column), message)
    }
}

/// An XML file being read, event by event, with the place of each.
struct XmlFile {
    reader: Reader<Lines<BufReader<Box<dyn Read + Send>>>>,
    buf: Vec<u8>,
}

impl XmlFile {
    fn new(input: Input) -> XmlFile {
        let lines = Lines::new(BufReader::with_capacity(64 * 1024, input.reader));
        XmlFile {
            reader: Reader::from_reader(lines),
            buf: Vec::new(),
        }
    }

    /// The next event and where it starts; broken XML is an error naming the place.
    fn next(&mut self, path: &Path) -> Result<(Event<'_>, Pos)> {
        let XmlFile { reader, buf } = self;
        buf.clear();
        let at = reader.get_mut().mark();
        // What the reader counted and what it was given differ by a byte-order mark it
        // skipped on its own; its error offsets are in its own count.
        let skipped = reader
            .get_ref()
            .consumed
            .saturating_sub(reader.buffer_position());
        match reader.read_event_into(buf) {
            Ok(event) => Ok((event, at)),
            Err(e) => {
                let place = reader.get_ref().position(reader.error_position() + skipped);
                Err(place.error(path, describe(&e)))
            }
        }
    }
}

/// What an importer of a file of elements does with them, as [`read_elements`] meets them.
pub trait Elements {
    /// What an element is to the importer, told by its name and where it stands.
    type Element: Copy;

    /// The element a start tag opens inside `parent` (`None` for the root), at `at`.
    fn open(
        &mut self,
        e: &BytesStart,
        parent: Option<Self::Element>,
        at: Pos,
    ) -> Result<Self::Element>;

    /// The element ends: its text, if it holds any, is in [`Elements::text`].
    fn close(&mut self, element: Self::Element, sink: &mut Sink) -> Result<()>;

    /// Whether the text inside the element is read.
    fn holds_text(element: Self::Element) -> bool;

    /// Where the text of an element that holds text is gathered.
    fn text(&mut self) -> &mut Text;
}

/// Reads a whole file whose root element is `root`, opening and closing each element as it
/// comes and gathering the text of those that hold text: broken XML is an error naming the
/// place, and so is a file that ends inside an element.
pub fn read_elements<E: Elements>(
    input: Input,
    path: &Path,
    root: &str,
    reading: &mut E,
    sink: &mut Sink,
) -> Result<()> {
    let mut xml = XmlFile::new(input);
    let mut stack: Vec<E::Element> = Vec::new();
    loop {
        let (event, at) = xml.next(path)?;
        match event {
            Event::Start(e) => {
                let element = reading.open(&e, stack.last().copied(), at)?;
                stack.push(element);
            }
            Event::Empty(e) => {
                let element = reading.open(&e, stack.last().copied(), at)?;
                reading.close(element, sink)?;
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    reading.close(element, sink)?;
                }
            }
            Event::Text(t) if stack.last().is_some_and(|e| E::holds_text(*e)) => {
                reading.text().push(&t, at);
            }
            Event::CData(t) if stack.last().is_some_and(|e| E::holds_text(*e)) => {
                reading.text().push(&t, at);
            }
            Event::GeneralRef(r) if stack.last().is_some_and(|e| E::holds_text(*e)) => {
                reading.text().push_reference(&r, at);
            }
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(cut_short(path, at, root));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

/// The value of the attribute `name` of `e`, its references resolved; an attribute that cannot
/// be read is an error at the element.
pub fn attribute<'e>(
    path: &Path,
    e: &'e BytesStart,
    name: &str,
    at: Pos,
) -> Result<Option<Cow<'e, str>>> {
    let broken = |err: String| at.error(path, format!("broken XML: {err}"));
    for attribute in e.attributes().with_checks(false) {
        let attribute = attribute.map_err(|err| broken(describe_attr(err)))?;
        if attribute.key.as_ref() == name {
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| broken(format!("the attribute {name}: {err}")))?;
            return Ok(Some(value));
        }
    }
    Ok(None)
}

/// The error of a file that ends inside its root element.
fn cut_short(path: &Path, at: Pos, root: &str) -> Error {
    at.error(
        path,
        format!(
            "broken XML: the file ends before </{root}>, inside an element still open: it was cut short (copied or downloaded only in part?)"
        ),
    )
}

/// Whether quick-xml's syntax error is the file ending inside markup (a tag, a comment, a
/// quoted value): a file cut short.
pub fn ends_inside_markup(e: &SyntaxError) -> bool {
    matches!(
        e,
        SyntaxError::UnclosedTag
            | SyntaxError::UnclosedComment
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedPI
            | SyntaxError::UnclosedXmlDecl
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue
    )
}

/// quick-xml's error in a person's words.
fn describe(e: &quick_xml::Error) -> String {
    use quick_xml::errors::IllFormedError;
    match e {
        quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("broken XML: expected </{expected}> here, found </{found}>")
        }
        quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
            format!("broken XML: </{tag}> closes no element that is open")
        }
        quick_xml::Error::Syntax(s) if ends_inside_markup(s) => {
            format!("broken XML: the file ends inside this markup ({s}): it was cut short")
        }
        quick_xml::Error::Io(io) => format!("cannot read: {io}"),
        other => format!("broken XML: {other}"),
    }
}

/// An attribute that cannot be read, in a person's words.
pub fn describe_attr(e: quick_xml::events::attributes::AttrError) -> String {
    format!("an attribute of this element: {e}")
}

/// Skips a record (a track, an activity) that gives no session, with a warning naming it;
/// with `--strict`, stops the run instead.
pub fn skip(sink: &mut Sink, origin: &Origin, what: &str, why: String) -> Result<()> {
    // The error names the column too: an element's line may hold others.
    if sink.strict {
        return Err(Error::parse(
            origin.file.as_ref(),
            Some(origin.line),
            Some(u64::from(origin.column)),
            format!("{why} (--strict)"),
        ));
    }
    sink.skip_record(what, origin, why)
}

/// The text of the element being read, gathered from its pieces (text, CDATA, entity and
/// character references) into one buffer that is reused from element to element.
#[derive(Default)]
pub struct Text {
    text: String,
    /// Where the text starts, for errors about its value.
    at: Pos,
}

impl Text {
    pub fn clear(&mut self) {
        self.text.clear();
    }

    fn push(&mut self, piece: &str, at: Pos) {
        if self.text.is_empty() {
            self.at = at;
        }
        self.text.push_str(piece);
    }

    fn push_reference(&mut self, r: &BytesRef, at: Pos) {
        let name: &str = r;
        let resolved = match r.resolve_char_ref() {
            Ok(Some(c)) => Some(c),
            _ => match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => None,
            },
        };
        match resolved {
            Some(c) => self.push(c.encode_utf8(&mut [0; 4]), at),
            // An entity the file's DTD defines is kept as written.
            None => {
                self.push("&", at);
                self.text.push_str(name);
                self.text.push(';');
            }
        }
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    /// The text as a time, `None` where it is empty.
    pub fn time(&self, path: &Path, expected: &str) -> Result<Option<DateTime<FixedOffset>>> {
        let s = self.trimmed();
        if s.is_empty() {
            return Ok(None);
        }
        parse_time(s).map(Some).ok_or_else(|| {
            self.at
                .error(path, format!("expected {expected}, found \"{s}\""))
        })
    }

    /// The text as a number, `None` where it is empty.
    pub fn number(&self, path: &Path, expected: &str) -> Result<Option<f64>> {
        let s = self.trimmed();
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(Some)
            .ok_or_else(|| {
                self.at
                    .error(path, format!("expected {expected}, found \"{s}\""))
            })
    }
}

/// What GPX and TCX files hold where a time or a heart rate is expected, for messages.
pub const TIME_EXPECTED: &str = "a time like 2024-04-11T15:50:00Z";
pub const HR_EXPECTED: &str = "a heart rate in beats per minute, like 142";

/// An `xsd:dateTime` as GPX and TCX files write it: `2024-04-11T15:50:00Z`, with fractional
/// seconds (`.661Z`) or an offset (`+02:00`); one without either is UTC, as both schemas
/// define their times.
pub fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok().or_else(|| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .map(|t| t.and_utc().fixed_offset())
    })
}

/// A reader that counts the lines of what is read from it, so that a place in the file can be
/// named by line and column: the reader of XML gives byte offsets.
struct Lines<R> {
    inner: R,
    /// Bytes handed on so far.
    consumed: u64,
    /// The line at the last mark, and the offset where it starts.
    line: u64,
    line_start: u64,
    /// The offsets of the line ends handed on since the last mark (few: one event's).
    newlines: Vec<u64>,
}

impl<R: BufRead> Lines<R> {
    fn new(inner: R) -> Lines<R> {
        Lines {
            inner,
            consumed: 0,
            line: 1,
            line_start: 0,
            newlines: Vec::new(),
        }
    }

    /// Where the next byte stands; the lines before it are counted from here on.
    fn mark(&mut self) -> Pos {
        if let Some(&last) = self.newlines.last() {
            self.line += self.newlines.len() as u64;
            self.line_start = last + 1;
            self.newlines.clear();
        }
        Pos {
            line: self.line,
            column: self.consumed - self.line_start + 1,
        }
    }

    /// Where a byte at or after the last mark stands.
    fn position(&self, offset: u64) -> Pos {
        let before = self.newlines.partition_point(|&n| n < offset);
        let line_start = match before {
            0 => self.line_start,
            n => self.newlines[n - 1] + 1,
        };
        Pos {
            line: self.line + before as u64,
            column: offset.saturating_sub(line_start) + 1,
        }
    }
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // What is handed on is what the last `fill_buf` gave: the buffer holds it still.
        if amount > 0
            && let Ok(available) = self.inner.fill_buf()
        {
            let end = amount.min(available.len());
            let start = self.consumed;
            self.newlines
                .extend(memchr::memchr_iter(b'\n', &available[..end]).map(|i| start + i as u64));
        }
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_across_reads() {
        let text = "ab\ncd\n\nefg";
        let mut lines = Lines::new(std::io::BufReader::with_capacity(2, text.as_bytes()));
        assert_eq!(lines.mark(), Pos { line: 1, column: 1 });
        for _ in 0..4 {
            let n = lines.fill_buf().unwrap().len();
            lines.consume(n);
        }
        assert_eq!(lines.position(1), Pos { line: 1, column: 2 });
        assert_eq!(lines.position(4), Pos { line: 2, column: 2 });
        assert_eq!(lines.position(7), Pos { line: 4, column: 1 });
        assert_eq!(lines.mark(), Pos { line: 4, column: 2 });
    }
}
