//! Reading a file as a stream, so that a long export is never held in memory whole.
//!
//! [`import_file`] gives exactly what reading the whole file with [`import_bytes`] gives: the
//! format is detected from the same first 64 KB, and the importer reads the same text, only a
//! buffer at a time. Where the stream cannot promise that, the file is read whole instead, as
//! before: a small file, one that starts with a UTF-16 byte-order mark or holds bytes that are
//! not UTF-8 (read whole, as Windows-1252 with a note, or refused), one whose first 64 KB are
//! blank or in no known format, and any file the importer stops on with an error (so that the
//! error reads exactly as it did).

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{HEAD_BYTES, IMPORTERS, Input, Sink, csv_header, detect_format, head_of, import_bytes};
use crate::error::{Error, Result};

/// Reads the file at `path` into the sink; the name of the format it was read as.
pub fn import_file(path: &Path, sink: &mut Sink) -> Result<&'static str> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_error)?;
    // The head detection looks at, and a byte-order mark before it.
    let mut head = Vec::with_capacity(HEAD_BYTES + 3);
    (&mut file)
        .take((HEAD_BYTES + 3) as u64)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    let read_whole = |sink: &mut Sink| {
        let bytes = std::fs::read(path).map_err(io_error)?;
        import_bytes(path, bytes, sink)
    };
    if head.len() < HEAD_BYTES + 3 || head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF")
    {
        return read_whole(sink);
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let text = match std::str::from_utf8(&head[bom..]) {
        Ok(text) => text,
        // A character cut by the end of the head: the text before it.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[bom..bom + e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return read_whole(sink),
    };
    if text.trim().is_empty() {
        return read_whole(sink);
    }
    // Detection as import_bytes does it, on the same head. Where it fails, the whole file gives
    // the error: bytes further on that are not UTF-8 would have it decoded as Windows-1252, and
    // then the head reads differently.
    let Ok(format) = detect_format(path, text.as_bytes().to_vec()) else {
        return read_whole(sink);
    };
    let Some(importer) = IMPORTERS.iter().find(|i| i.name() == format) else {
        return read_whole(sink);
    };
    let delimiter = csv_header(head_of(text)).map_or(b',', |(_, d)| d);
    let state = Arc::new(Mutex::new(State::default()));
    let reader = Checked {
        inner: Cursor::new(head.split_off(bom)).chain(file),
        carry: Vec::new(),
        state: Arc::clone(&state),
    };
    let input = Input {
        path: path.to_path_buf(),
        file: Arc::from(path.display().to_string()),
        reader: Box::new(reader),
        delimiter,
    };
    let mut streamed = Sink::new(sink.strict);
    let read = importer.read(input, &mut streamed);
    let state = std::mem::take(&mut *state.lock().unwrap_or_else(|e| e.into_inner()));
    match (read, state.stop) {
        (_, Some(Stop::Io(source))) => Err(io_error(source)),
        (Ok(()), None) if state.eof => {
            // Moved, not copied, where the sink is empty (tens of MB for a long history).
            if sink.workouts.is_empty() {
                std::mem::swap(&mut sink.workouts, &mut streamed.workouts);
            }
            sink.workouts.append(&mut streamed.workouts);
            sink.warnings.append(&mut streamed.warnings);
            sink.skipped += streamed.skipped;
            sink.repeated += streamed.repeated;
            Ok(importer.name())
        }
        // Bytes that are not UTF-8, an error, or an importer that stopped before the end.
        _ => read_whole(sink),
    }
}

/// Why the stream stopped before its end.
enum Stop {
    /// Bytes that are not UTF-8: the file is read whole and decoded as before.
    NotUtf8,
    /// The file could not be read.
    Io(io::Error),
}

#[derive(Default)]
struct State {
    stop: Option<Stop>,
    /// The whole file was read, all of it UTF-8.
    eof: bool,
}

/// Passes bytes on only once they are known to be UTF-8 (a character split between two reads
/// is checked when its end arrives); anything else stops the stream with an error.
struct Checked<R> {
    inner: R,
    /// The start of a character whose end is still to come.
    carry: Vec<u8>,
    state: Arc<Mutex<State>>,
}

impl<R: Read> Checked<R> {
    fn stop(&self, why: Stop) -> io::Error {
        let error = match &why {
            Stop::NotUtf8 => io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"),
            Stop::Io(e) => io::Error::new(e.kind(), e.to_string()),
        };
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stop = Some(why);
        error
    }
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => return Err(self.stop(Stop::Io(e))),
        };
        if n == 0 {
            if !self.carry.is_empty() {
                return Err(self.stop(Stop::NotUtf8));
            }
            self.state.lock().unwrap_or_else(|e| e.into_inner()).eof = true;
            return Ok(0);
        }
        let data = &buf[..n];
        let mut from = 0;
        if let Some(&lead) = self.carry.first() {
            let width = match lead {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            from = (width - self.carry.len()).min(n);
            self.carry.extend_from_slice(&data[..from]);
            if self.carry.len() == width {
                if std::str::from_utf8(&self.carry).is_err() {
                    return Err(self.stop(Stop::NotUtf8));
                }
                self.carry.clear();
            }
        }
        match std::str::from_utf8(&data[from..]) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() => {
                self.carry
                    .extend_from_slice(&data[from + e.valid_up_to()..]);
            }
            Err(_) => return Err(self.stop(Stop::NotUtf8)),
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads everything through a `Checked` in reads of `chunk` bytes.
    fn through(bytes: &[u8], chunk: usize) -> (Vec<u8>, Option<&'static str>) {
        let state = Arc::new(Mutex::new(State::default()));
        let mut reader = Checked {
            inner: bytes,
            carry: Vec::new(),
            state: Arc::clone(&state),
        };
        let mut out = Vec::new();
        let mut buf = vec![0; chunk];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(_) => break,
            }
        }
        let stop = match state.lock().unwrap().stop {
            Some(Stop::NotUtf8) => Some("not utf-8"),
            Some(Stop::Io(_)) => Some("io"),
            None => None,
        };
        (out, stop)
    }

    #[test]
    fn utf8_split_anywhere_passes_and_other_bytes_stop_the_stream() {
        let text = "Kniebeuge (Langhantel) 100 kg, Løb 5 km, 跑步 🏃, Übung\n".repeat(20);
        for chunk in 1..12 {
            assert_eq!(
                through(text.as_bytes(), chunk),
                (text.clone().into_bytes(), None)
            );
        }
        let mut latin1 = b"Squat,".to_vec();
        latin1.extend_from_slice(&[0xDC, b'b', b'u', b'n', b'g', b'\n']); // "Übung" in Latin-1
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(through(&latin1, chunk).1, Some("not utf-8"), "{chunk}");
        }
        // A character cut off by the end of the file.
        assert_eq!(
            through("ab\u{e9}".as_bytes().split_last().unwrap().1, 2).1,
            Some("not utf-8")
        );
        // A surrogate encoded in three bytes is not UTF-8 either.
        assert_eq!(through(b"a\xED\xA0\x80b", 2).1, Some("not utf-8"));
    }

    #[test]
    fn a_head_in_no_known_format_gets_the_whole_files_answer() {
        // A Spanish Garmin header without its time column, in UTF-8, and one Latin-1 byte far
        // past the head: read whole, the file is Windows-1252 and its header reads otherwise.
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("Tipo de actividad,Fecha,Título,Distancia\n");
        while text.len() < 3 * HEAD_BYTES {
            text += "Carrera,2024-03-04 07:00:00,Rodaje suave,5.00\n";
        }
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 10;
        bytes[at] = 0xE9;
        let path = dir.path().join("Activities.csv");
        std::fs::write(&path, &bytes).unwrap();
        let streamed = import_file(&path, &mut Sink::new(false)).map_err(|e| e.to_string());
        let whole = import_bytes(&path, bytes, &mut Sink::new(false)).map_err(|e| e.to_string());
        assert!(whole.is_err(), "{whole:?}");
        assert_eq!(streamed, whole);
    }

    #[test]
    fn a_streamed_file_reads_as_the_whole_file_does() {
        let dir = tempfile::tempdir().unwrap();
        let header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n";
        let row = |day: u32, name: &str| {
            format!(
                "2024-03-{day:02} 18:00:00,\"Beine\",1h 5m,\"{name}\",1,100.0,5.0,0,0.0,\"\",\"gut\",8\n"
            )
        };
        let mut utf8 = String::from("\u{feff}") + header;
        while utf8.len() < 3 * HEAD_BYTES {
            utf8 += &row(
                1 + (utf8.len() / 10_000) as u32 % 28,
                "Kniebeuge (Langhantel) ü",
            );
        }
        // The same rows with one Latin-1 byte far past the head: read whole, as Windows-1252.
        let mut latin1 = utf8.replace('ü', "u").into_bytes();
        let at = latin1.len() - latin1.iter().rev().position(|b| *b == b'u').unwrap() - 1;
        latin1[at] = 0xFC;
        for (name, bytes) in [("utf8.csv", utf8.into_bytes()), ("latin1.csv", latin1)] {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let mut streamed = Sink::new(false);
            let mut whole = Sink::new(false);
            let a = import_file(&path, &mut streamed).unwrap();
            let b = import_bytes(&path, bytes, &mut whole).unwrap();
            assert_eq!(a, b);
            assert_eq!(streamed.workouts, whole.workouts, "{name}");
            assert_eq!(streamed.warnings, whole.warnings, "{name}");
            assert_eq!(streamed.skipped, whole.skipped, "{name}");
            assert!(!streamed.workouts.is_empty());
        }
    }
}
