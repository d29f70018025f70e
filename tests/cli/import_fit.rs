//! FIT activity files, through the real binary: a strength activity with its sets and a run on
//! the same day (tests/fixtures/fit/, and the same pair in sample-data/), a multisport file, and
//! damaged files. The files are written by the encoder beside them
//! (tests/fixtures/fit/encode.rs), with invented values; the first test checks that the files
//! committed are what it writes.

use std::path::Path;

use crate::common::{
    TZ, concur_at_root, fails_with_one_message, file_json, manifest_dir, pairs_on, root_json,
    session_starting, sessions, warnings_text,
};

#[path = "../fixtures/fit/encode.rs"]
mod encode;

use encode::examples;

/// The FIT files committed, each with the bytes the encoder writes for it.
fn committed() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("tests/fixtures/fit/strength.fit", examples::strength()),
        ("tests/fixtures/fit/run.fit", examples::run()),
        (
            "tests/fixtures/fit/ride-then-lift.fit",
            examples::ride_then_lift(),
        ),
        ("sample-data/fit_strength.fit", examples::strength()),
        ("sample-data/fit_run.fit", examples::run()),
    ]
}

/// The committed files are the encoder's: where they differ, the encoder changed and the files
/// must be written again, with `CONCUR_WRITE_FIT=1 cargo test --test cli import_fit::`.
#[test]
fn the_committed_fit_files_are_the_encoders() {
    let write = std::env::var_os("CONCUR_WRITE_FIT").is_some();
    for (path, bytes) in committed() {
        let path = manifest_dir().join(path);
        if write {
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| {
            panic!("{}: {e}; write it with CONCUR_WRITE_FIT=1", path.display())
        });
        assert!(
            on_disk == bytes,
            "{} is not what tests/fixtures/fit/encode.rs writes; write it again with CONCUR_WRITE_FIT=1",
            path.display()
        );
    }
}

#[test]
fn a_strength_activity_and_a_run_on_one_day() {
    let r = crate::common::analyze_json(
        concur_at_root(),
        &[
            "tests/fixtures/fit/strength.fit",
            "tests/fixtures/fit/run.fit",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    let files = r["files"].as_array().unwrap();
    assert!(files.iter().all(|f| f["format"] == "fit"), "{files:?}");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["skipped_rows"],
        ],
        [2, 1, 1, 0]
    );
    // 17:30 UTC, 18:30 in Berlin; 50 minutes as the session's elapsed time says.
    let lift = session_starting(&r, "2024-03-05T18:30:00+01:00");
    assert_eq!(lift["modality"], "strength");
    assert_eq!(lift["end"], "2024-03-05T19:20:00+01:00");
    assert_eq!(lift["minutes"], 50.0);
    assert_eq!(lift["source"], "fit");
    // Squats and lunges, 7 of the 11 working sets: a leg day (the warm-up does not count).
    assert_eq!(lift["leg_day"], true);
    assert_eq!(lift["title"], "Warm Up, Barbell Back Squat +3");
    let run = session_starting(&r, "2024-03-05T19:30:00+01:00");
    assert_eq!(run["modality"], "cardio");
    assert_eq!(run["title"], "Running");
    assert_eq!(run["end"], "2024-03-05T20:00:30+01:00");
    assert_eq!(run["minutes"], 30.5);
    // Its average heart rate, 152, against the highest of the day's, 171 (the run's maximum):
    // hard.
    assert_eq!(run["intensity"], "hard");
    assert_eq!(run["intensity_basis"], "heart_rate");
    let warnings = warnings_text(&r);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("171 bpm, is used as max HR")),
        "{warnings:?}"
    );
    // Legs, then a hard run ten minutes later: the leg-day rule.
    let pairs = pairs_on(&r, "2024-03-05");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["gap_minutes"], 10);
    assert_eq!(pairs[0]["rule"], "L1");
    assert_eq!(pairs[0]["facts"]["leg_day"], true);
}

#[test]
fn the_sample_pair_reads_as_the_fixtures_do() {
    let r = crate::common::analyze_json(
        concur_at_root(),
        &[
            "sample-data/fit_strength.fit",
            "sample-data/fit_run.fit",
            "--goal",
            "endurance",
            "--tz",
            TZ,
        ],
    );
    assert_eq!(r["summary"]["sessions"], 2);
    let pairs = pairs_on(&r, "2024-03-05");
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["second"], "cardio");
}

#[test]
fn a_multisport_file_gives_a_session_for_each_sport() {
    let r = root_json("tests/fixtures/fit/ride-then-lift.fit", "strength", &[]);
    let all = sessions(&r);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0]["modality"], "cardio");
    assert_eq!(all[0]["title"], "Indoor Cycling");
    assert_eq!(all[0]["start"], "2024-03-07T08:00:00+01:00");
    assert_eq!(all[0]["minutes"], 10.0);
    assert_eq!(all[0]["line"], 1);
    assert_eq!(all[1]["modality"], "strength");
    assert_eq!(all[1]["title"], "Row, Pull Up");
    assert_eq!(all[1]["leg_day"], false);
    assert_eq!(all[1]["line"], 2);
}

/// A damaged copy of the run, written to a temporary folder: `change` makes the damage.
fn damaged(dir: &Path, name: &str, change: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut bytes = examples::run();
    change(&mut bytes);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn a_damaged_file_alone_stops_with_a_message_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad_crc = damaged(dir.path(), "bad-crc.fit", |b| {
        let last = b.len() - 1;
        b[last] ^= 0x5A;
    });
    let message = fails_with_one_message(
        concur_at_root(),
        &["analyze", &bad_crc, "--goal", "strength", "--tz", TZ],
    );
    assert!(
        message.starts_with(&format!("concur: {bad_crc}: a damaged FIT file")),
        "{message}"
    );
    assert!(
        message.contains("checksum at its end does not match"),
        "{message}"
    );

    let cut = damaged(dir.path(), "cut.fit", |b| b.truncate(b.len() / 2));
    let message = fails_with_one_message(
        concur_at_root(),
        &["analyze", &cut, "--goal", "strength", "--tz", TZ],
    );
    assert!(
        message.contains(&format!("{cut}: a FIT file cut short")),
        "{message}"
    );
    assert!(message.contains("no session"), "{message}");
}

/// A field whose size its type does not divide (COROS watches write some) is read without a
/// word on stderr: `run_json` checks stderr is empty.
#[test]
fn a_field_of_an_odd_size_is_read_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coros.fit");
    std::fs::write(&path, examples::misfit_run()).unwrap();
    let mut cmd = concur_at_root();
    cmd.arg("analyze")
        .arg(&path)
        .args(["--goal", "strength", "--tz", TZ, "--format", "json"]);
    let r = crate::common::run_json(cmd);
    assert_eq!(r["sessions"][0]["title"], "Running");
    assert_eq!(r["sessions"][0]["minutes"], 20.0);
}

#[test]
fn a_fit_file_that_is_not_an_activity_is_passed_over_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("run.fit"), examples::run()).unwrap();
    let mut monitoring = encode::FitWriter::new();
    monitoring.file_id_of_type(15, examples::RUN_START);
    monitoring.record(examples::RUN_START, 58, 0.0);
    std::fs::write(dir.path().join("monitoring.fit"), monitoring.finish()).unwrap();
    let r = file_json(dir.path(), "strength");
    assert_eq!(r["summary"]["sessions"], 1);
    let warnings = warnings_text(&r);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("a FIT file of type `monitoring_a`, not an activity")),
        "{warnings:?}"
    );
}
