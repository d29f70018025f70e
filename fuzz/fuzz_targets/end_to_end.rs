//! Any bytes as a file given to `concur analyze`: imported by whatever format they are
//! detected as, analysed and rendered.
#![no_main]

use concur_fuzz::{analyze, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let flags = data.first().copied().unwrap_or(0);
    import(data);
    analyze(data, flags, None, true);
});
