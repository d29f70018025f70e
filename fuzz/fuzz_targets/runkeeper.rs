//! The runkeeper importer: a runkeeper header, then fuzzed rows; imported, then analysed.
#![no_main]

use concur_fuzz::{analyze, file_from, headers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((bytes, flags)) = file_from(headers::RUNKEEPER, data) else {
        return;
    };
    analyze(&bytes, flags, Some("runkeeper"), false);
});
