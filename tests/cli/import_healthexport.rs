//! Apple Health workouts exported by the HealthExport app, through the real binary: the JSON
//! report a user reads for the older header (tests/fixtures/healthexport/) and the newer one
//! (sample-data/healthexport_workouts.csv), and the error for a date it cannot read.

use crate::common::{
    assert_fails_saying, close, pairs_on, root_json, session_starting, warnings_text,
};

#[test]
fn older_header_apple_types_ranges_and_distances() {
    let r = root_json(
        "tests/fixtures/healthexport/workouts-older.csv",
        "strength",
        &[],
    );
    assert_eq!(r["files"][0]["format"], "healthexport");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["skipped_rows"],
        ],
        [7, 3, 3, 1, 0]
    );
    // The start and end of the Date range, wall-clock times read in --tz.
    let lift = session_starting(&r, "2024-08-05T18:00:10+02:00");
    assert_eq!(lift["title"], "Traditional Strength Training");
    assert_eq!(lift["modality"], "strength");
    assert_eq!(lift["end"], "2024-08-05T18:50:40+02:00");
    assert!(close(&lift["minutes"], 50.5), "{lift}");
    for start in ["2024-08-06T07:30:00+02:00", "2024-08-06T12:00:00+02:00"] {
        assert_eq!(
            session_starting(&r, start)["modality"],
            "strength",
            "{start}"
        );
    }
    // Average HR 160 of the highest Max HR in the file, 181: hard.
    let run = session_starting(&r, "2024-08-05T18:55:00+02:00");
    assert_eq!(run["modality"], "cardio");
    assert_eq!(run["intensity"], "hard");
    assert_eq!(run["intensity_basis"], "heart_rate");
    let warnings = warnings_text(&r);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("181 bpm, is used as max HR")),
        "{warnings:?}"
    );
    // A start alone, no duration: 8.000 km at a plain 6 min/km.
    let untimed = session_starting(&r, "2024-08-07T07:00:00+02:00");
    assert_eq!(untimed["estimated_end"], true);
    assert!(close(&untimed["minutes"], 48.0), "{untimed}");
    // A type neither the table nor classification knows is shown as other and named.
    assert_eq!(
        session_starting(&r, "2024-08-08T17:04:33+02:00")["modality"],
        "other"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("not recognised as strength or cardio")
                && w.contains("Fishing")),
        "{warnings:?}"
    );
    // Lifting, then a hard 30 min run 4 min later.
    let pairs = pairs_on(&r, "2024-08-05");
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["gap_minutes"], 4);
    assert_eq!(pairs[0]["rule"], "W1");
}

#[test]
fn sample_healthexport_week() {
    let r = root_json("sample-data/healthexport_workouts.csv", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "healthexport");
    assert_eq!(r["range"]["from"], "2024-06-10");
    assert_eq!(r["range"]["to"], "2024-06-16");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["pairs"],
        ],
        [11, 3, 7, 1, 2]
    );
    let hiit = session_starting(&r, "2024-06-13T18:35:02+02:00");
    assert_eq!(hiit["title"], "High Intensity Interval Training");
    assert_eq!(hiit["modality"], "cardio");
    let pairs = pairs_on(&r, "2024-06-13");
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["rule"], "W1");
    // A morning run and lifting ten hours later: far enough apart.
    assert_eq!(pairs_on(&r, "2024-06-10")[0]["rule"], "S1");
}

#[test]
fn a_date_it_cannot_read_names_line_and_column() {
    assert_fails_saying(
        "tests/fixtures/healthexport/bad-date.csv",
        "strength",
        &[
            "bad-date.csv:3: column 1 (Date)",
            "expected a start and end like 2021-01-02 15:05:17 - 2021-01-02 16:12:32",
            "\"05/08/2024 18:55 - 05/08/2024 19:25\"",
        ],
    );
}
