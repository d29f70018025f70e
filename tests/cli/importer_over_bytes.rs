//! A binary format is one importer: what it takes to add one, shown with a toy format. The
//! importer answers `detect_bytes` (its magic bytes), declares its extension, and reads the
//! file's bytes as they are; the rest of concur's importers are left as they are, and a text
//! file is still theirs.

use std::io::Read;

use chrono::DateTime;
use concur::import::{Detection, IMPORTERS, Importer, Input, Probe, Sink, import_with};
use concur::model::{Modality, Origin, Stamp, Workout};

use crate::common::manifest_dir;

/// "TOYLOG" and a version byte, then 7-byte records: start (u32, seconds since 1970, UTC),
/// minutes (u16), modality (u8: 0 strength, 1 cardio).
struct ToyLog;

const MAGIC: &[u8] = b"TOYLOG\x01";

impl Importer for ToyLog {
    fn name(&self) -> &'static str {
        "toy"
    }

    fn describe(&self) -> &'static str {
        "a toy binary log"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["toy"]
    }

    fn detect_bytes(&self, probe: &Probe) -> Detection {
        if probe.bytes.starts_with(MAGIC) {
            Detection::Match(50)
        } else {
            Detection::No
        }
    }

    fn read(&self, mut input: Input, sink: &mut Sink) -> concur::Result<()> {
        let mut bytes = Vec::new();
        input
            .reader
            .read_to_end(&mut bytes)
            .map_err(|source| concur::Error::Io {
                path: input.path.clone(),
                source,
            })?;
        for (i, record) in bytes[MAGIC.len()..].chunks_exact(7).enumerate() {
            let start = u32::from_le_bytes(record[..4].try_into().unwrap());
            let minutes = u16::from_le_bytes(record[4..6].try_into().unwrap());
            let origin = Origin {
                format: "toy",
                file: input.file.clone(),
                // A binary file has no lines: the record's number stands in for one.
                line: i as u64 + 1,
                column: 1,
            };
            let start = DateTime::from_timestamp(i64::from(start), 0).unwrap();
            let mut workout = Workout::new(origin, Stamp::Instant(start.fixed_offset()));
            workout.minutes = Some(f64::from(minutes));
            workout.modality = Some(match record[6] {
                0 => Modality::Strength,
                _ => Modality::Cardio,
            });
            sink.workouts.push(workout);
        }
        Ok(())
    }
}

static TOY: ToyLog = ToyLog;

#[test]
fn a_binary_format_is_one_importer_beside_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = MAGIC.to_vec();
    for (start, minutes, modality) in [(1_709_650_800u32, 60u16, 0u8), (1_709_655_000, 30, 1)] {
        bytes.extend_from_slice(&start.to_le_bytes());
        bytes.extend_from_slice(&minutes.to_le_bytes());
        bytes.push(modality);
    }
    // Zero bytes and all: not text, and no text importer is asked.
    let log = dir.path().join("week.toy");
    std::fs::write(&log, &bytes).unwrap();
    let mut importers: Vec<&'static dyn Importer> = IMPORTERS.to_vec();
    importers.push(&TOY);

    let mut sink = Sink::new(false);
    assert_eq!(import_with(&importers, &log, &mut sink).unwrap(), "toy");
    assert_eq!(sink.workouts.len(), 2);
    assert_eq!(sink.workouts[1].minutes, Some(30.0));
    assert_eq!(sink.workouts[1].modality, Some(Modality::Cardio));

    // Without the importer, the same file is not text.
    let err = import_with(IMPORTERS, &log, &mut Sink::new(false)).unwrap_err();
    assert!(err.to_string().contains("not text"), "{err}");

    // And a text export is still read by its own importer.
    let csv = manifest_dir().join("sample-data/month.csv");
    let mut sink = Sink::new(false);
    assert_eq!(import_with(&importers, &csv, &mut sink).unwrap(), "generic");
    assert!(!sink.workouts.is_empty());
}

/// The README's table of supported apps names every app concur reads, and, for an app with a
/// language table, every language in it: the table in src/import/lang/ is the one place the
/// languages are kept, and the README must not fall behind it.
#[test]
fn the_readme_names_every_app_and_every_language_read() {
    let readme = std::fs::read_to_string(crate::common::manifest_dir().join("README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## Supported apps"))
        .filter(|l| l.starts_with("| **"))
        .collect();
    for importer in concur::import::IMPORTERS {
        if let Some(kind) = importer.file_kind() {
            let head = format!("| **{kind} files**");
            assert!(
                table.iter().any(|l| l.starts_with(&head)),
                "no README row for {kind} files"
            );
        }
        let Some(app) = importer.app() else { continue };
        // "Apple Health (HealthExport)" is "**Apple Health** (through the HealthExport app)".
        let short = app.split(" (").next().unwrap();
        let row = table
            .iter()
            .find(|l| l.starts_with(&format!("| **{short}**")))
            .unwrap_or_else(|| panic!("no README row for {app}"));
        let Some(languages) = importer.languages() else {
            continue;
        };
        for language in &languages.all {
            let base = language.name.split(" (").next().unwrap();
            assert!(
                row.contains(&language.name) || row.contains(base),
                "the README row of {app} does not name {}",
                language.name
            );
        }
    }
}

/// docs/json-report.md names every format a session's `source` can be.
#[test]
fn the_json_docs_name_every_format() {
    let docs =
        std::fs::read_to_string(crate::common::manifest_dir().join("docs/json-report.md")).unwrap();
    let row = docs
        .lines()
        .find(|l| l.starts_with("| `sessions[].source` |"))
        .expect("the docs describe sessions[].source");
    for importer in concur::import::IMPORTERS {
        let name = importer.name();
        if name == "generic-json" {
            continue;
        }
        assert!(
            row.contains(&format!("`{name}`")),
            "docs/json-report.md: no `{name}`"
        );
    }
}
