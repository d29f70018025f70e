//! WHOOP `workouts.csv` through the real binary: the JSON report a user reads for
//! tests/fixtures/whoop/ (a trip abroad: times in the offset of their cycle) and for
//! sample-data/whoop_workouts.csv, and the errors for bad values.

use serde_json::Value;

use crate::common::{
    analyze_json, assert_fails_saying, close, concur_at_root, pairs_on, root_json, sessions,
    warnings_text,
};

const FIXTURE: &str = "tests/fixtures/whoop/workouts.csv";

fn starts(r: &Value) -> Vec<&str> {
    sessions(r)
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect()
}

#[test]
fn times_are_read_in_the_cycle_offset_whatever_the_zone_of_the_report() {
    let berlin = root_json(FIXTURE, "strength", &[]);
    assert_eq!(berlin["files"][0]["format"], "whoop");
    let s = &berlin["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["skipped_rows"],
        ],
        [5, 2, 2, 1, 0]
    );
    // The run at 07:00 in New York (UTC-04:00) is 13:00 in Berlin; the lift at 19:30 there is
    // 01:30 the next day here. The last row has no offset: its wall clock is read in --tz.
    assert_eq!(
        starts(&berlin),
        [
            "2024-07-08T13:00:00+02:00",
            "2024-07-09T01:30:00+02:00",
            "2024-07-10T18:00:00+02:00",
            "2024-07-10T18:50:00+02:00",
            "2024-07-11T12:00:00+02:00",
        ]
    );
    let new_york = analyze_json(
        concur_at_root(),
        &[FIXTURE, "--goal", "strength", "--tz", "America/New_York"],
    );
    assert_eq!(
        starts(&new_york),
        [
            "2024-07-08T07:00:00-04:00",
            "2024-07-08T19:30:00-04:00",
            "2024-07-10T12:00:00-04:00",
            "2024-07-10T12:50:00-04:00",
            "2024-07-11T12:00:00-04:00",
        ]
    );

    let run = &sessions(&berlin)[0];
    assert_eq!(run["modality"], "cardio");
    assert_eq!(run["title"], "Running");
    assert_eq!(run["end"], "2024-07-08T13:40:00+02:00");
    assert!(close(&run["minutes"], 40.0), "{run}");
    // Average HR 150 of the highest Max HR, 172: hard, from the heart rate.
    assert_eq!(run["intensity"], "hard");
    assert_eq!(run["intensity_basis"], "heart_rate");
    let warnings = warnings_text(&berlin);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("172 bpm, is used as max HR")),
        "{warnings:?}"
    );
    assert_eq!(sessions(&berlin)[1]["modality"], "strength");
    assert_eq!(sessions(&berlin)[4]["modality"], "other");

    // A run without an end or a duration: its 6000 m at a plain 6 min/km.
    let untimed = &sessions(&berlin)[3];
    assert_eq!(untimed["estimated_end"], true);
    assert!(close(&untimed["minutes"], 36.0), "{untimed}");
    // Lifting at 18:00 for 45 min, then that run 5 min later: W1 for a strength goal.
    let pairs = pairs_on(&berlin, "2024-07-10");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["gap_minutes"], 5);
    assert_eq!(pairs[0]["rule"], "W1");
}

#[test]
fn sample_whoop_week() {
    let r = root_json("sample-data/whoop_workouts.csv", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "whoop");
    assert_eq!(r["range"]["from"], "2024-06-03");
    assert_eq!(r["range"]["to"], "2024-06-09");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["pairs"],
        ],
        [11, 3, 7, 1, 3]
    );
    // Weightlifting, then a run: W1; HIIT straight before lifting: W4.
    let monday = pairs_on(&r, "2024-06-03");
    assert_eq!(
        (monday[0]["first"].as_str(), monday[0]["rule"].as_str()),
        (Some("strength"), Some("W1"))
    );
    let friday = pairs_on(&r, "2024-06-07");
    assert_eq!(
        (friday[0]["first"].as_str(), friday[0]["rule"].as_str()),
        (Some("cardio"), Some("W4"))
    );
    // Functional Fitness (CrossFit-style work) is lifting, and no name is left unknown.
    let fitness = r["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Functional Fitness")
        .unwrap();
    assert_eq!(fitness["modality"], "strength");
    assert!(
        !warnings_text(&r)
            .iter()
            .any(|w| w.starts_with("not recognised as strength or cardio")),
        "{:?}",
        warnings_text(&r)
    );
}

#[test]
fn bad_files_name_what_is_wrong() {
    assert_fails_saying(
        "tests/fixtures/whoop/bad-start.csv",
        "strength",
        &[
            "bad-start.csv:3: column 4 (Workout start time)",
            "expected a date-time like 2024-06-03 08:13:34",
            "\"7/9/2024 7:00 AM\"",
        ],
    );
    assert_fails_saying(
        "tests/fixtures/whoop/bad-offset.csv",
        "strength",
        &[
            "bad-offset.csv:2: column 3 (Cycle timezone)",
            "expected an offset from UTC like UTC-04:00",
            "\"Eastern\"",
        ],
    );
    // Another file of the same export: named, with the one to give instead.
    assert_fails_saying(
        "tests/fixtures/whoop/physiological_cycles.csv",
        "strength",
        &[
            "a WHOOP export that holds no workouts",
            "give concur the export's workouts.csv",
        ],
    );
}
