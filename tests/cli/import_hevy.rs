//! Hevy exports (`workout_data.csv`) through the real binary: the JSON report a user would check
//! for each variant of the file in tests/fixtures/hevy/ and for sample-data/hevy_workouts.csv.

use assert_cmd::Command;
use serde_json::Value;

use crate::common::{TZ, analyze_json, concur_at_root};

/// concur run from the crate root, so that fixture paths are given from there.
fn concur() -> Command {
    concur_at_root()
}

fn report(file: &str, goal: &str) -> Value {
    analyze_json(concur(), &[file, "--goal", goal, "--tz", TZ])
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/hevy/{name}")
}

fn sessions(r: &Value) -> &Vec<Value> {
    r["sessions"].as_array().expect("sessions")
}

fn column<'a>(r: &'a Value, field: &str) -> Vec<&'a Value> {
    sessions(r).iter().map(|s| &s[field]).collect()
}

/// The pairs of a day, in order.
fn pairs<'a>(r: &'a Value, date: &str) -> &'a Vec<Value> {
    r["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("no day {date} in {}", r["days"]))["pairs"]
        .as_array()
        .unwrap()
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 0.05)
}

#[test]
fn kilograms_and_a_workout_of_squats_then_a_treadmill_run() {
    let r = report(&fixture("kg-km.csv"), "strength");
    assert_eq!(r["files"][0]["format"], "hevy");
    assert_eq!(r["summary"]["skipped_rows"], 0);
    // Four sessions from three workouts: the legs workout splits at the treadmill.
    assert_eq!(
        column(&r, "modality"),
        ["strength", "strength", "cardio", "cardio"]
    );
    assert_eq!(
        column(&r, "start"),
        [
            "2024-03-04T07:00:00+01:00",
            "2024-03-05T17:30:00+01:00",
            "2024-03-05T18:30:00+01:00",
            "2024-03-07T07:00:00+01:00",
        ]
    );
    // 75 minutes: the run logged 900 s, the lifting gets the rest.
    assert_eq!(column(&r, "minutes"), [60.0, 60.0, 15.0, 40.0]);
    let legs = &sessions(&r)[1];
    assert_eq!(legs["leg_day"], true);
    assert_eq!(legs["title"], "Squat (Barbell), Leg Press (Machine)");
    assert_eq!(sessions(&r)[2]["title"], "Treadmill");
    // The run carries RPE 3 on its set.
    assert_eq!(sessions(&r)[3]["intensity"], "easy");

    let day = pairs(&r, "2024-03-05");
    assert_eq!(day.len(), 1);
    assert_eq!(day[0]["first"], "strength");
    assert_eq!(day[0]["second"], "cardio");
    assert_eq!(day[0]["gap_minutes"], 0);
    assert_eq!(day[0]["verdict"], "aligned", "weights first for strength");

    // The same day judged for endurance: the leg day comes before the run.
    let endurance = report(&fixture("kg-km.csv"), "endurance");
    assert_eq!(pairs(&endurance, "2024-03-05")[0]["verdict"], "conflict");
}

#[test]
fn pounds_and_miles() {
    let r = report(&fixture("lbs-miles.csv"), "strength");
    assert_eq!(r["files"][0]["format"], "hevy");
    assert_eq!(
        column(&r, "modality"),
        ["strength", "cardio", "strength", "cardio"]
    );
    assert_eq!(sessions(&r)[0]["minutes"], 70.0);
    // "tempo" and RPE 7 on the set: hard.
    assert_eq!(sessions(&r)[1]["intensity"], "hard");
    assert_eq!(sessions(&r)[1]["minutes"], 35.0);
    // A treadmill of 2 miles with no time: 3.22 km at a plain 6 min/km, about 19.3 minutes.
    let run = &sessions(&r)[3];
    assert!(close(&run["minutes"], 19.3), "{run}");
    assert!(close(&sessions(&r)[2]["minutes"], 80.0 - 19.3));
}

#[test]
fn a_workout_across_midnight() {
    let r = report(&fixture("midnight.csv"), "strength");
    let s = sessions(&r);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0]["start"], "2024-12-19T23:10:00+01:00");
    assert_eq!(s[0]["date"], "2024-12-19");
    assert_eq!(s[0]["minutes"], 65.0);
    assert_eq!(s[1]["modality"], "cardio");
    assert_eq!(s[1]["start"], "2024-12-20T00:15:00+01:00");
    assert_eq!(s[1]["end"], "2024-12-20T00:25:00+01:00");
    // Back to back across midnight: still one pair, on the evening's day.
    let day = pairs(&r, "2024-12-19");
    assert_eq!(day.len(), 1);
    assert_eq!(day[0]["verdict"], "aligned");
}

#[test]
fn portuguese_month_names() {
    let r = report(&fixture("portuguese.csv"), "general");
    assert_eq!(r["files"][0]["format"], "hevy");
    assert_eq!(
        column(&r, "start"),
        [
            "2024-02-13T18:00:00+01:00", // Fev
            "2024-04-09T18:00:00+02:00", // Abr
            "2024-05-06T07:30:00+02:00", // Mai
            "2024-05-08T19:00:00+02:00", // Mai
            "2024-08-20T18:00:00+02:00", // Ago
            "2024-09-03T18:00:00+02:00", // Set
            "2024-10-15T18:00:00+02:00", // Out
            "2024-12-10T18:00:00+01:00", // Dez
        ]
    );
    // Portuguese exercise names are unknown words; the sets say what they were.
    let bike = &sessions(&r)[3];
    assert_eq!(bike["modality"], "cardio");
    assert_eq!(bike["minutes"], 25.0);
    assert_eq!(sessions(&r)[2]["minutes"], 70.0);
    assert_eq!(r["summary"]["strength_sessions"], 7);
}

#[test]
fn sample_data_two_weeks_of_push_pull_legs() {
    let r = report("sample-data/hevy_workouts.csv", "strength");
    assert_eq!(r["files"][0]["format"], "hevy");
    assert_eq!(r["range"]["from"], "2024-04-15");
    assert_eq!(r["range"]["to"], "2024-04-28");
    assert_eq!(r["summary"]["strength_sessions"], 10);
    assert_eq!(r["summary"]["cardio_sessions"], 1);
    let first = &sessions(&r)[0];
    assert_eq!(first["start"], "2024-04-15T07:00:00+02:00");
    assert_eq!(first["minutes"], 65.0);
    let run = sessions(&r)
        .iter()
        .find(|s| s["modality"] == "cardio")
        .unwrap();
    assert_eq!(run["start"], "2024-04-17T19:05:00+02:00");
    assert_eq!(run["minutes"], 15.0);
    let day = pairs(&r, "2024-04-17");
    assert_eq!(day.len(), 1);
    assert_eq!(day[0]["verdict"], "aligned");
}

#[test]
fn a_bad_date_names_line_column_and_the_form_expected() {
    let out = concur()
        .args(["analyze", &fixture("bad-date.csv"), "--goal", "strength"])
        .args(["--tz", TZ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // Line 3 has "6 Mrz. 2024", German for March: it reads. Line 4 has a 32nd of March.
    assert!(
        err.contains("bad-date.csv:4: column 2 (start_time): expected a Hevy date-time like 5 Mar 2024, 07:01"),
        "{err}"
    );
    assert!(err.contains("found \"32 Mar 2024, 07:00\""), "{err}");
}

#[test]
fn a_header_without_title_is_named_as_hevy() {
    let out = concur()
        .args(["analyze", &fixture("near-miss.csv"), "--goal", "strength"])
        .args(["--tz", TZ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a Hevy workout export"), "{err}");
    assert!(err.contains("no 'title' column"), "{err}");
}
