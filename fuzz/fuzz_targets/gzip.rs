//! The gzip layer. The first byte picks what the rest is: the content of a valid gzip file
//! (stored blocks, so that every input is the gzip of itself), which must read exactly as the
//! content does, named as given; that gzip file cut short or with one byte changed, where the
//! first bytes of the content say; or the fuzzed bytes as the deflate stream itself. No input may
//! panic, and every skipped row has its warning.
#![no_main]

use std::path::Path;

use concur::import::{Sink, import_bytes};
use libfuzzer_sys::fuzz_target;

/// CRC-32 (IEEE), as gzip's trailer holds it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// A gzip file of `content` in stored (unpacked) deflate blocks.
fn gzip_stored(content: &[u8]) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    let mut chunks = content.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        let last = u8::from(chunks.peek().is_none());
        let len = chunk.len() as u16;
        out.push(last);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32(content).to_le_bytes());
    out.extend_from_slice(&(content.len() as u32).to_le_bytes());
    out
}

/// Whether bytes start as a packed file does (a gzip or zip inside is one layer deeper when
/// gzipped, so the two reads are not alike).
fn packed(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b]) || bytes.starts_with(b"PK")
}

fn read(name: &str, bytes: Vec<u8>) -> (Result<&'static str, String>, Sink) {
    let mut sink = Sink::new(false);
    let result = import_bytes(Path::new(name), bytes, &mut sink).map_err(|e| e.to_string());
    assert!(sink.warnings.len() >= sink.skipped, "a warning per skipped row");
    (result, sink)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, content)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 if !packed(content) => {
            let (plain, plain_sink) = read("fuzz.csv", content.to_vec());
            let (gzipped, gz_sink) = read("fuzz.csv.gz", gzip_stored(content));
            let gzipped = gzipped
                .map(|_| gz_sink.files.first().map_or("gzip", |(_, format)| *format))
                .map_err(|e| e.replace("fuzz.csv.gz", "fuzz.csv"));
            assert_eq!(plain, gzipped, "format or error");
            if plain.is_err() {
                return;
            }
            assert_eq!(plain_sink.skipped, gz_sink.skipped, "skipped rows");
            assert!(plain_sink.workouts.len() == gz_sink.workouts.len(), "workouts");
            let messages = |s: &Sink| -> Vec<String> {
                s.warnings.iter().map(|w| w.message.clone()).collect()
            };
            assert_eq!(messages(&plain_sink), messages(&gz_sink), "warnings");
        }
        1 => {
            let mut bytes = gzip_stored(content);
            let at = content.first().map_or(0, |&b| usize::from(b) * 7) % bytes.len();
            if mode & 0x10 != 0 {
                bytes.truncate(at);
            } else {
                bytes[at] ^= content.get(1).copied().unwrap_or(0x55) | 1;
            }
            let _ = read("fuzz.csv.gz", bytes);
        }
        _ => {
            let _ = read("fuzz.csv.gz", [&HEADER[..], content].concat());
        }
    }
});
