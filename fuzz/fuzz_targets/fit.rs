//! The FIT importer: a FIT header (its CRC right, its data size that of the body), then fuzzed
//! bytes as the messages, then (where the first byte's low bit says so) the right checksum of
//! the whole, so that inputs reach the end of the file as well as the damage checks; imported,
//! then analysed. With the first byte's second bit set, the body is given as it is, header and
//! all: headers that lie about their size, chained files, garbage after the data.
#![no_main]

use concur_fuzz::analyze;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fixtures/fit/encode.rs"]
mod encode;

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let bytes = if first & 0x02 != 0 {
        body.to_vec()
    } else {
        let mut bytes = vec![14, 0x20];
        bytes.extend_from_slice(&2132u16.to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u32).to_le_bytes());
        bytes.extend_from_slice(b".FIT");
        let header_crc = encode::crc(0, &bytes);
        bytes.extend_from_slice(&header_crc.to_le_bytes());
        bytes.extend_from_slice(body);
        if first & 0x01 != 0 {
            let crc = encode::crc(0, &bytes);
            bytes.extend_from_slice(&crc.to_le_bytes());
        }
        bytes
    };
    // Only a file with a FIT header must be read as FIT.
    let fit = bytes.len() >= 12 && matches!(bytes[0], 12 | 14) && &bytes[8..12] == b".FIT";
    analyze(&bytes, first, fit.then_some("fit"), false);
});
