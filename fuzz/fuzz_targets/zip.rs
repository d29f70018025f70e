//! Zip archives. The first byte picks what the rest is: one entry of a valid archive (stored,
//! under a name the first byte picks), which must read as that file does alone, named
//! `fuzz.zip/NAME`; several entries, split at 0xFF bytes, some in an archive inside the
//! archive, with one byte of the whole changed or the whole cut short; or the fuzzed bytes after
//! a local header's signature. No input may panic, and every skipped row has its warning.
#![no_main]

use std::path::Path;

use concur::import::{Sink, import_bytes};
use libfuzzer_sys::fuzz_target;

/// Entry names of the kinds concur reads, and one it passes over.
const NAMES: &[&str] = &[
    "activities.csv",
    "export/log.json",
    "activities/1.csv.gz",
    "DI_CONNECT/UploadedFiles_0-_Part1.zip",
    "media/photo.jpg",
];

/// CRC-32 (IEEE), as the zip headers hold it.
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

/// A zip archive of these entries, stored (not packed).
fn zip_stored(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&[0, 0]);
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\x03");
        common(&mut central);
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&0o100644u32.wrapping_shl(16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (start, length) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let count = entries.len() as u16;
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn read(name: &str, bytes: Vec<u8>) -> (Result<&'static str, String>, Sink) {
    let mut sink = Sink::new(false);
    let result = import_bytes(Path::new(name), bytes, &mut sink).map_err(|e| e.to_string());
    assert!(sink.warnings.len() >= sink.skipped, "a warning per skipped row");
    for (file, _) in &sink.files {
        assert!(file.starts_with(name), "{file} is named inside {name}");
    }
    (result, sink)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, content)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            // The names of files read, whose content is not itself packed (one layer deeper).
            let name = NAMES[usize::from(mode / 3) % 3];
            if name.ends_with(".gz") || content.starts_with(&[0x1f, 0x8b]) || content.starts_with(b"PK") {
                return;
            }
            let (alone, alone_sink) = read(name, content.to_vec());
            let (zipped, zip_sink) = read("fuzz.zip", zip_stored(&[(name, content)]));
            let inside = format!("fuzz.zip/{name}");
            let zipped = zipped
                .map(|_| zip_sink.files.first().map_or("zip", |(_, format)| *format))
                .map_err(|e| e.replace(&inside, name));
            assert_eq!(alone, zipped, "format or error");
            // After an error, what a sink holds is not used (the run stops).
            if alone.is_ok() {
                assert_eq!(alone_sink.skipped, zip_sink.skipped, "skipped rows");
                assert!(alone_sink.workouts.len() == zip_sink.workouts.len(), "workouts");
            }
        }
        1 => {
            let parts: Vec<&[u8]> = content.split(|&b| b == 0xff).take(6).collect();
            let mut entries: Vec<(&str, Vec<u8>)> = parts
                .iter()
                .enumerate()
                .map(|(i, part)| (NAMES[(usize::from(mode) + i) % NAMES.len()], part.to_vec()))
                .collect();
            // An archive inside: the entries after the first, stored in the first zip entry.
            if let Some(k) = entries.iter().position(|(n, _)| n.ends_with(".zip")) {
                let inner: Vec<(&str, &[u8])> =
                    entries[k + 1..].iter().map(|(n, d)| (*n, d.as_slice())).collect();
                entries[k].1 = zip_stored(&inner);
            }
            let mut names = std::collections::HashSet::new();
            entries.retain(|(n, _)| names.insert(*n));
            let listed: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (*n, d.as_slice())).collect();
            let mut bytes = zip_stored(&listed);
            let at = usize::from(mode) * 13 % bytes.len();
            match mode & 0x30 {
                0x10 => bytes.truncate(at),
                0x20 => bytes[at] ^= content.first().copied().unwrap_or(0x55) | 1,
                _ => {}
            }
            let _ = read("fuzz.zip", bytes);
        }
        _ => {
            let _ = read("fuzz.zip", [&b"PK\x03\x04"[..], content].concat());
        }
    }
});
