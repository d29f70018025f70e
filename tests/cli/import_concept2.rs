//! Concept2 logbook season exports end to end: the bundled sample (a week on the RowErg, SkiErg
//! and BikeErg), the newer header (`Log ID`, `Date Entered`) and the older one (`ID`, every field
//! quoted, tripled quotes), rows that cannot be read, and the real exports where they are. The
//! logbook's `Date` is the end of a workout; the session starts its work and rest earlier.

use crate::common::{close, column, file_json, imported, real_exports, root_json, strict_error};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/concept2/{name}")
}

#[test]
fn the_sample_week_on_three_machines() {
    let r = root_json(
        "sample-data/concept2_season.csv",
        "endurance",
        &["--max-hr", "190"],
    );
    assert_eq!(r["files"][0]["format"], "concept2");
    assert_eq!(r["summary"]["sessions"], 6);
    assert_eq!(r["summary"]["cardio_sessions"], 6);
    assert_eq!(r["summary"]["skipped_rows"], 0);
    // 5000 m in 21:05.3, ending 07:32:10, started 07:11:05 (to the second); the intervals: 10:45.6 of work and 9:00 of rest.
    assert_eq!(
        column(&r, "start")[..2],
        ["2024-04-15T07:11:05+02:00", "2024-04-16T18:20:14+02:00"]
    );
    assert_eq!(r["sessions"][0]["end"], "2024-04-15T07:32:10+02:00");
    assert!(close(&r["sessions"][0]["minutes"], 21.09));
    assert!(close(&r["sessions"][1]["minutes"], 19.76));
    assert_eq!(
        column(&r, "title"),
        [
            "5000m row",
            "v500m/1:30r...6 row",
            "30:00 ski",
            "10000m bike",
            "60:00 row",
            "2000m row"
        ]
    );
    // 171 bpm of 190 on the 2000 m test: hard; 135 on the hour: moderate.
    assert_eq!(r["sessions"][5]["intensity"], "hard");
    assert_eq!(r["sessions"][5]["intensity_basis"], "heart_rate");
    assert_eq!(r["sessions"][4]["intensity"], "moderate");

    let read = imported("sample-data/concept2_season.csv");
    let activities: Vec<&str> = read.workouts.iter().map(|w| w.activity.as_str()).collect();
    assert_eq!(
        activities,
        [
            "Indoor Rowing",
            "Indoor Rowing",
            "BikeErg",
            "SkiErg",
            "Indoor Rowing",
            "Indoor Rowing"
        ]
    );
    assert_eq!(read.workouts[1].distance_km, Some(13.45));
    assert_eq!(read.workouts[1].avg_hr, Some(135.0));
}

#[test]
fn the_newer_header_with_rest_and_no_heart_rate() {
    let r = root_json(&fixture("season-newer.csv"), "endurance", &[]);
    assert_eq!(r["files"][0]["format"], "concept2");
    assert_eq!(column(&r, "modality"), ["cardio", "cardio", "cardio"]);
    assert_eq!(
        column(&r, "start"),
        [
            "2024-10-25T06:54:31+02:00",
            "2024-10-26T17:40:00+02:00",
            // 8 × 1:00 on, 1:00 off, ending 08:30 on the morning clocks went back.
            "2024-10-27T08:14:00+01:00",
        ]
    );
    assert_eq!(r["sessions"][2]["minutes"], 16.0);
    let read = imported(&fixture("season-newer.csv"));
    // `0` is no heart rate.
    assert_eq!(read.workouts[0].avg_hr, None);
    assert_eq!(read.workouts[0].distance_km, Some(2.21));
    assert_eq!(read.workouts[1].notes, "arms burning, legs fine");
}

#[test]
fn the_older_header_with_tripled_quotes() {
    let r = root_json(&fixture("season-older.csv"), "endurance", &[]);
    assert_eq!(r["files"][0]["format"], "concept2");
    assert_eq!(
        column(&r, "start"),
        ["2021-03-13T07:57:19+01:00", "2021-03-14T18:37:28+01:00"]
    );
    assert!(close(&r["sessions"][1]["minutes"], 42.53));
    let read = imported(&fixture("season-older.csv"));
    assert_eq!(read.workouts[0].activity, "Indoor Rowing");
    assert_eq!(read.workouts[0].avg_hr, Some(141.0));
    assert_eq!(read.workouts[0].distance_km, Some(10.0));
}

#[test]
fn rows_with_an_unreadable_date_or_time_are_skipped_and_named() {
    let path = fixture("bad-rows.csv");
    let r = root_json(&path, "endurance", &[]);
    assert_eq!(r["summary"]["sessions"], 1);
    assert_eq!(r["summary"]["skipped_rows"], 2);
    let said: Vec<&str> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "skipped_row")
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    assert!(said[0].contains("column 2 (Date)") && said[0].contains("\"25/10/2024 18:00\""));
    assert!(
        said[1].contains("column 4 (Work Time (Formatted))") && said[1].contains("\"8 minutes\"")
    );
    let err = strict_error(&path, "endurance");
    assert!(err.contains("bad-rows.csv:3: column 2 (Date)"), "{err}");
}

/// Every real Concept2 export beside the project: one cardio session per row, each ending at
/// its `Date`.
#[test]
fn real_exports_one_cardio_session_per_row() {
    let Some(files) = real_exports("concept2", "csv") else {
        return;
    };
    for file in &files {
        let records = csv::Reader::from_path(file).unwrap().records().count();
        let r = file_json(file, "general");
        assert_eq!(r["summary"]["skipped_rows"], 0, "{}", file.display());
        assert_eq!(
            r["summary"]["cardio_sessions"],
            records as u64,
            "{}",
            file.display()
        );
        assert_eq!(
            r["summary"]["sessions"],
            records as u64,
            "{}",
            file.display()
        );
    }
}
