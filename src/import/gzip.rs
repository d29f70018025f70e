//! gzip, the packing of one file: Strava's archive holds `activities/*.fit.gz`, `*.tcx.gz` and
//! sometimes `*.gpx.gz`, and any export may be given gzipped (`log.csv.gz`). The unpacked bytes
//! are read as a file of their own, found by their content like any file's; detection sees the
//! name without `.gz`, messages and the report the name as given.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::archive::{CountIn, Nest, Packed, settle};
use super::{Detection, IMPORTERS, Importer, Input, Probe, Sink};
use crate::error::Result;

pub struct Gzip;

impl Importer for Gzip {
    fn name(&self) -> &'static str {
        "gzip"
    }

    fn describe(&self) -> &'static str {
        "a gzip file (.gz)"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["gz"]
    }

    fn detect_bytes(&self, probe: &Probe) -> Detection {
        // The magic, and the one compression method gzip has (deflate, 8).
        if probe.bytes.starts_with(&[0x1f, 0x8b, 0x08]) {
            Detection::Match(200)
        } else {
            Detection::No
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let path = input.path;
        let nest = Nest::enter(&path)?;
        let packed = Arc::new(AtomicU64::new(0));
        // Several gzip members one after the other are one file (what `cat a.gz b.gz` makes).
        let decoder = flate2::read::MultiGzDecoder::new(CountIn {
            inner: input.reader,
            count: Arc::clone(&packed),
        });
        let (reader, damage) =
            super::archive::Checked::new(decoder, &path, Packed::Counted(packed), None, &nest);
        let files_before = sink.files.len();
        let detect_as = unpacked_name(&path);
        let result = nest.run(|| super::import_named(IMPORTERS, &detect_as, &path, reader, sink));
        let format = settle(result, nest.budget(), &damage, &path, "gzip data")?;
        if sink.files.len() == files_before {
            sink.files.push((path.display().to_string(), format));
        }
        Ok(())
    }
}

/// The file's name without `.gz`: what detection sees of a `.fit.gz`.
fn unpacked_name(path: &Path) -> PathBuf {
    let name = path.to_string_lossy();
    let cut = name.len().saturating_sub(3);
    match name.get(cut..) {
        Some(tail) if tail.eq_ignore_ascii_case(".gz") => PathBuf::from(&name[..cut]),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unpacked_name_drops_gz_only() {
        assert_eq!(
            unpacked_name(Path::new("activities/1.fit.GZ")),
            Path::new("activities/1.fit")
        );
        assert_eq!(unpacked_name(Path::new("log.csv")), Path::new("log.csv"));
        assert_eq!(unpacked_name(Path::new("gz")), Path::new("gz"));
    }
}
