//! Text from a file's bytes, for the importers that read text. The encoding is told from the
//! first bytes: a byte-order mark (UTF-8, UTF-16), the zero bytes of UTF-16 text that has none
//! (what Excel saves as "Unicode text"), else UTF-8, else Windows-1252 (what a spreadsheet on
//! Windows saves as plain CSV). encoding_rs decodes; the file is read as a stream, once.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// What the first bytes of a file say about its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniffed {
    pub encoding: &'static Encoding,
    /// The length of the byte-order mark, which is not text.
    pub bom: usize,
}

/// The encoding of a file that starts with `head`; `None` where the bytes are not text at all
/// (control characters, or the bytes Windows-1252 leaves undefined, where UTF-8 fails).
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    let (encoding, bom) = match head {
        [0xEF, 0xBB, 0xBF, ..] => (UTF_8, 3),
        [0xFF, 0xFE, ..] => (UTF_16LE, 2),
        [0xFE, 0xFF, ..] => (UTF_16BE, 2),
        _ => (utf16_without_bom(head).unwrap_or(UTF_8), 0),
    };
    if encoding != UTF_8 || utf8_up_to_a_cut(&head[bom..]) {
        return Some(Sniffed { encoding, bom });
    }
    let binary = |b: &u8| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D);
    (!head.iter().any(binary)).then_some(Sniffed {
        encoding: WINDOWS_1252,
        bom: 0,
    })
}

/// UTF-16 without a byte-order mark: the zero high bytes of ASCII text give it away.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let sample = &head[..head.len().min(512) & !1];
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = sample.len() / 2;
    if half < 8 {
        None
    } else if zeros(0) == 0 && zeros(1) * 10 >= half * 9 {
        Some(UTF_16LE)
    } else if zeros(1) == 0 && zeros(0) * 10 >= half * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether the bytes are UTF-8, but for a character cut by their end.
fn utf8_up_to_a_cut(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// The start of a file as text, for detection: `head` decoded, without a character its end cut.
pub fn head_text(head: &[u8], sniffed: Sniffed) -> String {
    let bytes = &head[sniffed.bom..];
    if sniffed.encoding == UTF_8 {
        let valid = match std::str::from_utf8(bytes) {
            Ok(text) => text.len(),
            Err(e) => e.valid_up_to(),
        };
        return String::from_utf8_lossy(&bytes[..valid]).into_owned();
    }
    let (text, _) = sniffed
        .encoding
        .decode_without_bom_handling(&bytes[..bytes.len() & !1]);
    let mut text = text.into_owned();
    if text.ends_with(char::REPLACEMENT_CHARACTER) {
        text.pop();
    }
    text
}

/// Bytes asked of the file at a time.
const CHUNK: usize = 256 * 1024;

/// The file's text as UTF-8, read as a stream. UTF-8 passes as it is until a byte that is not
/// UTF-8; from there on the bytes are read as Windows-1252, and [`TextReader::switched`] says so.
/// (A file that is plain ASCII up to that byte reads exactly as if it were Windows-1252
/// throughout, which is what such a file is.) Other encodings are decoded from the start.
pub struct TextReader<R> {
    inner: R,
    /// `None` while the text is UTF-8.
    decoder: Option<Decoder>,
    /// Bytes read but not yet turned into text: a character whose end is still to come.
    pending: Vec<u8>,
    /// Text ready to give, from `at` on.
    text: Vec<u8>,
    at: usize,
    raw: Vec<u8>,
    /// The end of the file was read.
    finished: bool,
    switched: Arc<AtomicBool>,
}

impl<R: Read> TextReader<R> {
    /// A reader of `inner`, whose first bytes (from which `sniffed` was found) it has not read.
    pub fn new(mut inner: R, sniffed: Sniffed) -> io::Result<TextReader<R>> {
        io::copy(&mut (&mut inner).take(sniffed.bom as u64), &mut io::sink())?;
        Ok(TextReader {
            inner,
            decoder: (sniffed.encoding != UTF_8)
                .then(|| sniffed.encoding.new_decoder_without_bom_handling()),
            pending: Vec::new(),
            text: Vec::new(),
            at: 0,
            raw: Vec::new(),
            finished: false,
            switched: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Set once UTF-8 text has turned out not to be UTF-8 and is read as Windows-1252.
    pub fn switched(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.switched)
    }

    /// Reads the next chunk into `text`; false at the end of the file.
    fn refill(&mut self) -> io::Result<bool> {
        if self.finished {
            return Ok(false);
        }
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        raw.append(&mut self.pending);
        let start = raw.len();
        raw.resize(start + CHUNK, 0);
        let n = loop {
            match self.inner.read(&mut raw[start..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                result => break result?,
            }
        };
        raw.truncate(start + n);
        let end = n == 0;
        self.finished = end;
        self.text.clear();
        self.at = 0;
        let mut from = 0;
        if self.decoder.is_none() {
            let valid = match std::str::from_utf8(&raw) {
                Ok(_) => raw.len(),
                Err(e) => {
                    if e.error_len().is_some() || end {
                        self.decoder = Some(WINDOWS_1252.new_decoder_without_bom_handling());
                        self.switched.store(true, Ordering::Relaxed);
                    }
                    e.valid_up_to()
                }
            };
            self.text.extend_from_slice(&raw[..valid]);
            from = valid;
        }
        match self.decoder.as_mut() {
            // Still UTF-8: a character split by the chunk's end waits for the next one.
            None => self.pending.extend_from_slice(&raw[from..]),
            // The decoder reads every byte; a character split by the chunk's end waits in it.
            Some(decoder) => {
                let src = &raw[from..];
                let room = decoder
                    .max_utf8_buffer_length(src.len())
                    .unwrap_or(src.len() * 3 + 16);
                let old = self.text.len();
                self.text.resize(old + room, 0);
                let (_, _, written, _) = decoder.decode_to_utf8(src, &mut self.text[old..], end);
                self.text.truncate(old + written);
            }
        }
        self.raw = raw;
        Ok(true)
    }
}

impl<R: Read> TextReader<R> {
    /// UTF-8 read straight into the caller's buffer and checked there, the common case: no
    /// copy. `None` where the slow way must go on (text or bytes waiting, or decoding).
    fn read_utf8_in_place(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        if self.decoder.is_some()
            || self.finished
            || !self.pending.is_empty()
            || self.at < self.text.len()
            || buf.len() < 4
        {
            return Ok(None);
        }
        let n = loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                result => break result?,
            }
        };
        if n == 0 {
            self.finished = true;
            return Ok(Some(0));
        }
        let valid = match std::str::from_utf8(&buf[..n]) {
            Ok(_) => return Ok(Some(n)),
            Err(e) => e.valid_up_to(),
        };
        // A character cut by the read's end, or a byte that is not UTF-8: kept for the slow
        // way, which waits for the rest or switches to Windows-1252.
        self.pending.extend_from_slice(&buf[valid..n]);
        Ok(if valid > 0 { Some(valid) } else { None })
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(n) = self.read_utf8_in_place(buf)? {
            return Ok(n);
        }
        while self.at == self.text.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.text.len() - self.at);
        buf[..n].copy_from_slice(&self.text[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a `TextReader` gives for these bytes, read `step` bytes at a time.
    fn text_of(bytes: &[u8], step: usize) -> (String, bool) {
        text_as(bytes, sniff(bytes).expect("text"), step)
    }

    /// The same, for a file whose head was found to be `sniffed`.
    fn text_as(bytes: &[u8], sniffed: Sniffed, step: usize) -> (String, bool) {
        let mut reader = TextReader::new(bytes, sniffed).unwrap();
        let switched = reader.switched();
        let mut out = Vec::new();
        let mut buf = vec![0; step];
        loop {
            let n = reader.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        (
            String::from_utf8(out).expect("UTF-8 out"),
            switched.load(Ordering::Relaxed),
        )
    }

    #[test]
    fn encodings_are_told_from_the_first_bytes() {
        let utf16le: Vec<u8> = "Datum;Lauf\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "Datum;Lauf\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        type Expected = Option<(&'static Encoding, usize)>;
        let cases: [(&[u8], Expected); 7] = [
            (b"\xEF\xBB\xBFstart,type\n", Some((UTF_8, 3))),
            (b"\xFF\xFEs\0", Some((UTF_16LE, 2))),
            (b"start,type\nLauf \xFCber", Some((WINDOWS_1252, 0))),
            (&utf16le, Some((UTF_16LE, 0))),
            (&utf16be, Some((UTF_16BE, 0))),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff", None),
            ("Kniebeuge \u{fc}".as_bytes(), Some((UTF_8, 0))),
        ];
        for (bytes, expected) in cases {
            let got = sniff(bytes).map(|s| (s.encoding, s.bom));
            assert_eq!(got, expected, "{bytes:?}");
        }
        // A character cut by the end of the head is still UTF-8.
        assert_eq!(
            sniff("ab\u{e9}".as_bytes().split_last().unwrap().1)
                .unwrap()
                .encoding,
            UTF_8
        );
    }

    #[test]
    fn utf8_then_a_byte_that_is_not_reads_on_as_windows_1252_in_any_read_size() {
        let mut bytes = "ASCII first\n".repeat(50).into_bytes();
        bytes.extend_from_slice(b"then D\xE9velopp\xE9 \x80 5\n");
        // The head that was looked at was plain ASCII.
        let utf8 = sniff(&bytes[..100]).unwrap();
        assert_eq!(utf8.encoding, UTF_8);
        for step in [1, 2, 3, 7, 64, 4096] {
            let (text, switched) = text_as(&bytes, utf8, step);
            assert!(text.ends_with("then Développé € 5\n"), "{step}: {text:?}");
            assert!(switched);
        }
        // UTF-8 split anywhere passes as it is.
        let text = "Løb 5 km, 跑步 🏃, Übung\n".repeat(20);
        for step in [1, 2, 3, 5, 11] {
            assert_eq!(text_of(text.as_bytes(), step), (text.clone(), false));
        }
        // A character cut off by the end of the file.
        let cut = "ab\u{e9}".as_bytes().split_last().unwrap().1;
        let (text, switched) = text_as(cut, utf8, 2);
        assert_eq!((text.as_str(), switched), ("ab\u{c3}", true));
    }

    #[test]
    fn utf16_is_decoded_without_its_byte_order_mark() {
        let text = "Datum;Übung\n1;Kniebeuge\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        for step in [1, 3, 1024] {
            assert_eq!(text_of(&le, step), (text.to_string(), false));
        }
        let sniffed = sniff(&le).unwrap();
        assert_eq!(head_text(&le[..le.len() - 1], sniffed), text.trim_end());
    }
}
