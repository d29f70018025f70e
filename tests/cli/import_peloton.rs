//! Peloton's workouts CSV end to end: the bundled sample (a week on the bike, the floor and the
//! mat), an export in miles with every form of zone (`(CDT)` in January, `(-05)`, `(UTC)`), one
//! in kilometres (`(CET)` in June), rows that cannot be read, and the real exports beside the
//! project where they are.

use crate::common::{
    analyze_json, close, column, concur_at_root, file_json, imported, pairs_on, real_exports,
    root_json, strict_error,
};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/peloton/{name}")
}

#[test]
fn the_sample_week_in_its_own_zone() {
    let r = analyze_json(
        concur_at_root(),
        &[
            "sample-data/peloton_workouts.csv",
            "--goal",
            "strength",
            "--tz",
            "America/Los_Angeles",
            "--max-hr",
            "190",
        ],
    );
    assert_eq!(r["files"][0]["format"], "peloton");
    assert_eq!(r["summary"]["skipped_rows"], 0);
    assert_eq!(
        column(&r, "modality"),
        [
            "cardio", "strength", "other", "cardio", "strength", "other", "cardio", "cardio",
            "other", "cardio"
        ]
    );
    // The bike writes its offset, (-07); the app writes (PST) all year, which is the Pacific
    // wall clock: in April, daylight time.
    assert_eq!(
        column(&r, "start")[..3],
        [
            "2024-04-15T17:30:00-07:00",
            "2024-04-15T18:05:00-07:00",
            "2024-04-16T06:45:00-07:00"
        ]
    );
    assert_eq!(
        column(&r, "minutes"),
        [30.0, 20.0, 20.0, 45.0, 30.0, 5.0, 30.0, 40.2, 10.0, 20.0]
    );
    // The scenic ride has no class length: 10 mi at a plain 2.5 min/km.
    assert_eq!(r["sessions"][7]["estimated_end"], true);
    // Average heart rate 152 of 190: hard.
    assert_eq!(r["sessions"][0]["intensity"], "hard");
    assert_eq!(r["sessions"][0]["intensity_basis"], "heart_rate");
    // A HIIT ride, then upper-body strength 5 minutes after it.
    let monday = pairs_on(&r, "2024-04-15");
    assert_eq!(
        (
            &monday[0]["first"],
            &monday[0]["rule"],
            &monday[0]["verdict"]
        ),
        (&"cardio".into(), &"W4".into(), &"conflict".into())
    );

    let read = imported("sample-data/peloton_workouts.csv");
    let ride = &read.workouts[0];
    assert!((ride.distance_km.unwrap() - 10.26 * 1.609_344).abs() < 1e-9);
    assert_eq!(ride.avg_hr, Some(152.34));
    assert_eq!(ride.notes, "Intervals, Jamie Reyes");
    assert_eq!(read.workouts[2].distance_km, None);
}

#[test]
fn miles_with_every_form_of_zone() {
    let r = root_json(
        &fixture("workouts-miles.csv"),
        "strength",
        &["--max-hr", "190"],
    );
    assert_eq!(r["files"][0]["format"], "peloton");
    assert_eq!(
        column(&r, "modality"),
        [
            "cardio", "strength", "cardio", "cardio", "other", "cardio", "cardio"
        ]
    );
    // (CDT) in January is Central standard time, UTC-6; (-05) and (UTC) are what they say.
    assert_eq!(
        column(&r, "start"),
        [
            "2023-01-12T16:30:00+01:00",
            "2023-01-12T17:05:00+01:00",
            "2023-07-20T13:15:00+02:00",
            "2023-07-22T01:40:00+02:00",
            "2023-07-22T16:00:00+02:00",
            "2023-07-23T15:20:00+02:00",
            "2023-07-23T16:30:00+02:00",
        ]
    );
    // A 20 mi scenic ride (no length) at a plain pace; a 0-minute Just Ride of 0.14 mi.
    assert!(close(&r["sessions"][5]["minutes"], 80.47));
    assert!(close(&r["sessions"][6]["minutes"], 0.56));
    // 118 bpm of 190: easy.
    assert_eq!(r["sessions"][2]["intensity"], "easy");
    let read = imported(&fixture("workouts-miles.csv"));
    assert_eq!(read.workouts[3].avg_hr, None);
    assert!((read.workouts[3].distance_km.unwrap() - 5.4 * 1.609_344).abs() < 1e-9);
}

#[test]
fn kilometres_and_central_european_time() {
    let r = root_json(
        &fixture("workouts-km.csv"),
        "strength",
        &["--max-hr", "190"],
    );
    assert_eq!(r["files"][0]["format"], "peloton");
    assert_eq!(
        column(&r, "modality"),
        ["cardio", "strength", "cardio", "cardio"]
    );
    // (CET) on a June run is Berlin's summer time.
    assert_eq!(
        column(&r, "start"),
        [
            "2023-12-05T18:00:00+01:00",
            "2023-12-05T18:35:00+01:00",
            "2024-06-11T07:10:00+02:00",
            "2024-06-12T19:00:00+02:00",
        ]
    );
    assert_eq!(column(&r, "minutes"), [30.0, 20.0, 20.0, 30.0]);
    let read = imported(&fixture("workouts-km.csv"));
    assert_eq!(read.workouts[0].distance_km, Some(15.55));
    assert_eq!(read.workouts[0].avg_hr, Some(146.2));
    // A bootcamp is both; its discipline names the bike, so its words read it as cardio.
    assert_eq!(read.workouts[3].activity, "Bike Bootcamp");
    assert_eq!(read.workouts[3].modality, None);
}

#[test]
fn bad_times_and_unknown_zones_are_skipped_and_named() {
    let path = fixture("bad-rows.csv");
    let r = root_json(&path, "strength", &[]);
    assert_eq!(r["summary"]["sessions"], 2);
    assert_eq!(r["summary"]["skipped_rows"], 3);
    let said: Vec<(Option<u64>, &str)> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["line"].as_u64(), w["message"].as_str().unwrap()))
        .collect();
    assert_eq!(said[0].0, Some(3));
    assert!(
        said[0]
            .1
            .contains("column 1 (Workout Timestamp): expected a time"),
        "{said:?}"
    );
    assert_eq!(said[1].0, Some(4));
    assert!(
        said[1].1.contains("the zone (IST) is not one concur knows"),
        "{said:?}"
    );
    assert_eq!(said[2].0, Some(5));
    assert!(
        said[2].1.contains("column 4 (Length (minutes))"),
        "{said:?}"
    );
    // Arizona keeps MST all summer; Denver does not.
    assert!(
        said.iter()
            .any(|(_, m)| m.contains("(MST) are read as America/Denver")),
        "{said:?}"
    );
    assert_eq!(r["sessions"][1]["start"], "2023-07-24T14:15:00+02:00");

    let err = strict_error(&path, "strength");
    assert!(
        err.contains("bad-rows.csv:3: column 1 (Workout Timestamp)"),
        "{err}"
    );
}

/// Every real Peloton export beside the project: one session per row (none skipped), each of
/// the modality its discipline states.
#[test]
fn real_exports_one_session_per_row_of_the_right_modality() {
    let Some(files) = real_exports("peloton", "csv") else {
        return;
    };
    for file in &files {
        let mut reader = csv::Reader::from_path(file).unwrap();
        let discipline = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "Fitness Discipline")
            .unwrap();
        let disciplines: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[discipline].to_string())
            .collect();
        let r = file_json(file, "general");
        assert_eq!(r["summary"]["skipped_rows"], 0, "{}", file.display());
        let s = r["sessions"].as_array().unwrap();
        assert_eq!(s.len(), disciplines.len(), "{}", file.display());
        let count = |names: &[&str]| {
            disciplines
                .iter()
                .filter(|d| names.contains(&d.as_str()))
                .count() as u64
        };
        let summary = &r["summary"];
        assert_eq!(summary["strength_sessions"], count(&["Strength"]));
        assert_eq!(
            summary["other_sessions"],
            count(&["Meditation", "Stretching", "Yoga"])
        );
    }
}
