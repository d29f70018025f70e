//! The Apple Health export.xml importer: the start of an export (declaration, DTD comment, the
//! root opened), then the fuzzed body. Read whole and read a few bytes at a time (as from a pipe
//! or an archive), the two must give the same workouts, warnings and error, lines and columns
//! included; then the whole pipeline on the file. The first byte picks the flags of
//! `concur_fuzz::analyze`, and whether the root is closed after the body.
#![no_main]

use std::io::Read;

use concur::import::{IMPORTERS, Input, Sink};
use libfuzzer_sys::fuzz_target;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 14 -->\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n]>\n<HealthData locale=\"en_US\">\n";

/// Gives the bytes 1 to 13 at a time.
struct Trickle {
    bytes: Vec<u8>,
    at: usize,
}

impl Read for Trickle {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = (self.at % 13 + 1)
            .min(out.len())
            .min(self.bytes.len() - self.at);
        out[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn read(bytes: &[u8], trickle: bool) -> (Result<(), String>, Sink) {
    let importer = IMPORTERS
        .iter()
        .find(|i| i.name() == "apple-health")
        .expect("the importer");
    let reader: Box<dyn Read + Send> = if trickle {
        Box::new(Trickle {
            bytes: bytes.to_vec(),
            at: 0,
        })
    } else {
        Box::new(std::io::Cursor::new(bytes.to_vec()))
    };
    let input = Input {
        path: "export.xml".into(),
        file: "export.xml".into(),
        reader,
        delimiter: b',',
    };
    let mut sink = Sink::new(false);
    let result = importer.read(input, &mut sink).map_err(|e| e.to_string());
    (result, sink)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let mut bytes = HEAD.as_bytes().to_vec();
    if first & 0x40 != 0 {
        bytes.extend_from_slice(String::from_utf8_lossy(body).as_bytes());
    } else {
        bytes.extend_from_slice(body);
    }
    if first & 0x01 != 0 {
        bytes.extend_from_slice(b"</HealthData>\n");
    }
    let (whole, whole_sink) = read(&bytes, false);
    let (trickled, trickled_sink) = read(&bytes, true);
    assert_eq!(whole, trickled, "the error");
    assert_eq!(whole_sink.warnings, trickled_sink.warnings, "warnings");
    assert_eq!(whole_sink.skipped, trickled_sink.skipped, "skipped");
    assert!(whole_sink.workouts == trickled_sink.workouts, "workouts");
    assert!(whole_sink.warnings.len() >= whole_sink.skipped);
    concur_fuzz::analyze(&bytes, first, Some("apple-health"), false);
});
