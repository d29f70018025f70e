//! Format detection (and decoding) on any bytes: an answer or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = concur::import::detect_format(Path::new("fuzz.csv"), data.to_vec());
});
