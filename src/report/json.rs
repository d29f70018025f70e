//! The JSON report, written field by field so that its long lists (sessions, days, weeks,
//! warnings) can be serialised on two cores: the report of a 40-year log is tens of MB of JSON, and turning
//! it into text was the largest step left after the analysis, on one core while the other
//! waited. The bytes are exactly those of `serde_json::to_writer_pretty` on the whole
//! [`Report`] (tests compare them).

use std::io::{self, Write};
use std::sync::mpsc;

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Report;

/// Elements per piece handed between the two threads: large enough that handing a piece over
/// costs little beside serialising it, small enough that the pieces in flight stay small.
const PIECE: usize = 256;

/// A list this long or longer is serialised on two threads; a shorter one is not worth a thread.
const PARALLEL_FROM: usize = 4 * PIECE;

/// serde_json's `PrettyFormatter` with its two-space indent, starting `depth` levels in: a
/// value serialised with it reads exactly as it does inside the whole report.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    /// `[` or `{`: one level in.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`: on a line of its own after elements, right after the opening one if none.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    /// Before an array element or an object key: a new line at the current depth.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

/// The indent of `depth` levels, in one write rather than one per level.
fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = b"                                                                ";
    let mut n = 2 * depth;
    while n > 0 {
        let now = n.min(SPACES.len());
        w.write_all(&SPACES[..now])?;
        n -= now;
    }
    Ok(())
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` as it reads `depth` levels into the report.
fn value<W: Write, T: Serialize + ?Sized>(w: &mut W, depth: usize, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(w, Pretty::at(depth));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// JSON: the report's contract (docs/json-report.md); a review with the same `schema` and the
/// report's `warnings`.
pub struct Json;

impl super::Render for Json {
    fn report(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        // serde_json writes a token at a time: buffered here, those writes are plain copies
        // instead of a call through `dyn Write` each.
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        write_report(report, &mut out)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    fn review(
        &self,
        review: &crate::review::Review,
        report: &Report,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        #[derive(serde::Serialize)]
        struct WeekReview<'a> {
            schema: u32,
            #[serde(flatten)]
            review: &'a crate::review::Review,
            warnings: &'a [crate::model::Warning],
        }
        let week = WeekReview {
            schema: report.schema,
            review,
            warnings: &report.warnings,
        };
        serde_json::to_writer_pretty(&mut *out, &week)?;
        out.write_all(b"\n")
    }
}

/// The report as `serde_json::to_writer_pretty` writes it.
pub fn write_report<W: Write>(report: &Report, mut w: W) -> io::Result<()> {
    // Every field named, so that a field added to `Report` does not compile until it is here.
    let Report {
        schema,
        kind,
        goal,
        guidance,
        timezone,
        range,
        sessions,
        days,
        weeks,
        summary,
        warnings,
        files,
        settings,
    } = report;
    let mut first = true;
    let mut key = |w: &mut W, name: &str| -> io::Result<()> {
        w.write_all(if first { b"{\n  \"" } else { b",\n  \"" })?;
        first = false;
        w.write_all(name.as_bytes())?;
        w.write_all(b"\": ")
    };
    key(&mut w, "schema")?;
    value(&mut w, 1, schema)?;
    key(&mut w, "kind")?;
    value(&mut w, 1, kind)?;
    key(&mut w, "goal")?;
    value(&mut w, 1, goal)?;
    key(&mut w, "guidance")?;
    value(&mut w, 1, guidance)?;
    key(&mut w, "timezone")?;
    value(&mut w, 1, timezone)?;
    key(&mut w, "range")?;
    value(&mut w, 1, range)?;
    key(&mut w, "sessions")?;
    list(&mut w, sessions)?;
    key(&mut w, "days")?;
    list(&mut w, days)?;
    key(&mut w, "weeks")?;
    list(&mut w, weeks)?;
    key(&mut w, "summary")?;
    value(&mut w, 1, summary)?;
    key(&mut w, "warnings")?;
    list(&mut w, warnings)?;
    key(&mut w, "files")?;
    value(&mut w, 1, files)?;
    key(&mut w, "settings")?;
    value(&mut w, 1, settings)?;
    w.write_all(b"\n}")
}

/// A list that is a field of the report: its elements are two levels in.
fn list<W: Write, T: Serialize + Sync>(w: &mut W, items: &[T]) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    if items.len() < PARALLEL_FROM || !two_threads(w, items)? {
        pieces(w, items, 0)?;
    }
    w.write_all(b"\n  ]")
}

/// Elements `at..` of a list, with the separators the whole list's serialisation puts before
/// them.
fn pieces<W: Write, T: Serialize>(w: &mut W, items: &[T], at: usize) -> io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        w.write_all(if at + i == 0 { b"\n    " } else { b",\n    " })?;
        value(w, 2, item)?;
    }
    Ok(())
}

/// Serialises the odd pieces of the list on a helper thread while this one serialises the even
/// ones straight to `w` and writes each odd piece after the even one before it. False where the
/// system has no thread to give, so that the caller serialises the list alone.
fn two_threads<W: Write, T: Serialize + Sync>(w: &mut W, items: &[T]) -> io::Result<bool> {
    let count = items.len().div_ceil(PIECE);
    std::thread::scope(|scope| {
        // One piece ready and one being made: the helper keeps at most one piece ahead.
        let (ready, done) = mpsc::sync_channel::<io::Result<Vec<u8>>>(1);
        let (give_back, returned) = mpsc::channel::<Vec<u8>>();
        let helper = std::thread::Builder::new().spawn_scoped(scope, move || {
            for k in (1..count).step_by(2) {
                let mut buf = returned.try_recv().unwrap_or_default();
                buf.clear();
                let at = k * PIECE;
                let result = pieces(&mut buf, &items[at..(at + PIECE).min(items.len())], at);
                let failed = result.is_err();
                // A closed channel: the writing thread stopped on an error of its own.
                if ready.send(result.map(|()| buf)).is_err() || failed {
                    break;
                }
            }
        });
        if helper.is_err() {
            return Ok(false);
        }
        for k in 0..count {
            let at = k * PIECE;
            if k.is_multiple_of(2) {
                pieces(w, &items[at..(at + PIECE).min(items.len())], at)?;
            } else {
                let buf = done
                    .recv()
                    .map_err(|_| io::Error::other("the JSON helper thread stopped"))??;
                w.write_all(&buf)?;
                let _ = give_back.send(buf);
            }
        }
        Ok(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        n: usize,
        name: String,
        tags: Vec<&'static str>,
        empty: Vec<u8>,
        nested: Option<Box<Item>>,
    }

    fn item(n: usize) -> Item {
        Item {
            n,
            name: format!("item \"{n}\"\n\u{1}é"),
            tags: if n.is_multiple_of(3) {
                vec![]
            } else {
                vec!["a", "b"]
            },
            empty: vec![],
            nested: n.is_multiple_of(2).then(|| Box::new(item(n + 1))),
        }
    }

    #[derive(Serialize)]
    struct Whole<'a> {
        before: u8,
        items: &'a [Item],
    }

    /// A list written by [`list`], alone and on two threads, reads as serde_json writes it
    /// inside a struct, at every length around the piece and thread limits.
    #[test]
    fn lists_read_as_serde_json_writes_them() {
        for len in [
            0,
            1,
            2,
            PIECE - 1,
            PIECE,
            PIECE + 1,
            PARALLEL_FROM,
            3 * PARALLEL_FROM + 7,
        ] {
            let items: Vec<Item> = (0..len).map(item).collect();
            let expected = serde_json::to_string_pretty(&Whole {
                before: 1,
                items: &items,
            })
            .unwrap();
            let mut ours = b"{\n  \"before\": 1,\n  \"items\": ".to_vec();
            list(&mut ours, &items).unwrap();
            ours.extend_from_slice(b"\n}");
            assert_eq!(String::from_utf8(ours).unwrap(), expected, "{len} items");
        }
    }

    #[test]
    fn deep_indents_are_written_whole() {
        let mut out = Vec::new();
        indent(&mut out, 40).unwrap();
        assert_eq!(out, vec![b' '; 80]);
    }
}
