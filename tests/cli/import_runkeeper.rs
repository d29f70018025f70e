//! Runkeeper `cardioActivities.csv` end to end: the bundled sample (the newer header, with
//! `Activity Id`, in km), the older header in miles, the newer in km with a strength workout and
//! a type classification needs told, rows that cannot be read, and the real exports where they
//! are.

use crate::common::{
    close, column, file_json, imported, pairs_on, real_exports, root_json, strict_error,
};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/runkeeper/{name}")
}

#[test]
fn the_sample_week() {
    let r = root_json(
        "sample-data/runkeeper_cardioActivities.csv",
        "strength",
        &["--max-hr", "190"],
    );
    assert_eq!(r["files"][0]["format"], "runkeeper");
    assert_eq!(r["summary"]["skipped_rows"], 0);
    assert_eq!(
        column(&r, "modality"),
        [
            "cardio", "cardio", "strength", "cardio", "strength", "cardio", "other", "cardio"
        ]
    );
    assert_eq!(
        column(&r, "start")[..2],
        ["2024-04-15T12:30:00+02:00", "2024-04-16T07:00:25+02:00"]
    );
    // 38:40 is 38 minutes 40 seconds; 1:42:18 an hour and 42 minutes.
    assert!(close(&r["sessions"][0]["minutes"], 38.67));
    assert!(close(&r["sessions"][7]["minutes"], 102.3));
    assert_eq!(r["sessions"][4]["minutes"], 60.0);
    // 168 bpm of 190: hard; the long run's route name is its title.
    assert_eq!(r["sessions"][5]["intensity"], "hard");
    assert_eq!(r["sessions"][5]["intensity_basis"], "heart_rate");
    assert_eq!(r["sessions"][7]["title"], "Long loop");
    // Lifting, then intervals 15 minutes later.
    let friday = pairs_on(&r, "2024-04-19");
    assert_eq!(
        (&friday[0]["first"], &friday[0]["gap_minutes"]),
        (&"strength".into(), &15.into())
    );

    let read = imported("sample-data/runkeeper_cardioActivities.csv");
    assert_eq!(read.workouts[0].distance_km, Some(18.42));
    assert_eq!(read.workouts[0].avg_hr, Some(151.0));
    assert_eq!(read.workouts[1].distance_km, None, "yoga has no distance");
}

#[test]
fn the_older_header_in_miles() {
    let r = root_json(&fixture("older-miles.csv"), "endurance", &[]);
    assert_eq!(r["files"][0]["format"], "runkeeper");
    assert_eq!(column(&r, "modality"), ["cardio", "cardio", "cardio"]);
    assert_eq!(
        column(&r, "start"),
        [
            "2014-05-01T12:10:00+02:00",
            "2014-05-02T18:30:45+02:00",
            "2014-05-04T08:02:11+02:00"
        ]
    );
    assert!(close(&r["sessions"][0]["minutes"], 125.0));
    assert!(close(&r["sessions"][1]["minutes"], 27.92));
    let read = imported(&fixture("older-miles.csv"));
    assert!((read.workouts[0].distance_km.unwrap() - 6.21 * 1.609_344).abs() < 1e-9);
    assert_eq!(read.workouts[0].avg_hr, Some(155.0));
    assert_eq!(read.workouts[0].title, "Park loop");
    assert_eq!(read.workouts[1].avg_hr, None);
}

#[test]
fn the_newer_header_in_kilometres() {
    let r = root_json(&fixture("newer-km.csv"), "strength", &["--max-hr", "190"]);
    assert_eq!(r["files"][0]["format"], "runkeeper");
    // Core Strengthening is strength, as Runkeeper's type says.
    assert_eq!(
        column(&r, "modality"),
        ["strength", "cardio", "strength", "cardio"]
    );
    assert_eq!(r["sessions"][3]["start"], "2024-09-18T18:15:00+02:00");
    assert!(close(&r["sessions"][3]["minutes"], 58.2));
    let pairs = pairs_on(&r, "2024-09-18");
    assert_eq!(
        (&pairs[0]["first"], &pairs[0]["gap_minutes"]),
        (&"strength".into(), &25.into())
    );
    let read = imported(&fixture("newer-km.csv"));
    assert_eq!(read.workouts[0].distance_km, Some(24.6));
    assert_eq!(read.workouts[0].avg_hr, Some(139.0));
}

#[test]
fn rows_with_an_unreadable_date_or_duration_are_skipped_and_named() {
    let path = fixture("bad-rows.csv");
    let r = root_json(&path, "endurance", &[]);
    assert_eq!(r["summary"]["sessions"], 1);
    assert_eq!(r["summary"]["skipped_rows"], 2);
    let said: Vec<(u64, &str)> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "skipped_row")
        .map(|w| (w["line"].as_u64().unwrap(), w["message"].as_str().unwrap()))
        .collect();
    assert_eq!(said[0].0, 3);
    assert!(said[0].1.contains("column 1 (Date)") && said[0].1.contains("\"18.09.2016 17:23\""));
    assert_eq!(said[1].0, 4);
    assert!(said[1].1.contains("column 5 (Duration)") && said[1].1.contains("\"80 min\""));
    let err = strict_error(&path, "endurance");
    assert!(err.contains("bad-rows.csv:3: column 1 (Date)"), "{err}");
}

/// Every real Runkeeper export beside the project: one session per row, none skipped, each
/// cardio (the files hold runs, walks, hikes and a swim).
#[test]
fn real_exports_one_session_per_row() {
    let Some(files) = real_exports("runkeeper", "csv") else {
        return;
    };
    for file in &files {
        let records = csv::Reader::from_path(file).unwrap().records().count();
        let r = file_json(file, "general");
        assert_eq!(r["summary"]["skipped_rows"], 0, "{}", file.display());
        assert_eq!(
            r["summary"]["sessions"],
            records as u64,
            "{}",
            file.display()
        );
        assert_eq!(
            r["summary"]["cardio_sessions"],
            records as u64,
            "{}",
            file.display()
        );
    }
}
