//! The practical floor for reading a CSV export: one pass of the csv crate over the file that
//! only counts its records, with nothing parsed, converted or kept.
//!
//! ```sh
//! cargo run --release --example csv_count -- FILE...
//! ```
//!
//! Prints each file's record count (header excluded). `bench/run.sh` times it next to
//! `concur analyze` on the same file. The reader is the one concur uses (`csv::Reader`, flexible,
//! the delimiter concur would detect: `;` when the header line has more of them than commas),
//! reading into one reused [`csv::ByteRecord`].

use std::io::BufRead;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: csv_count FILE...");
        std::process::exit(2);
    }
    for path in paths {
        match count(&path) {
            Ok(n) => println!("{n}\t{path}"),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    }
}

fn count(path: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let mut first = String::new();
    std::io::BufReader::new(std::fs::File::open(path)?).read_line(&mut first)?;
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while reader.read_byte_record(&mut record)? {
        n += 1;
    }
    Ok(n)
}
