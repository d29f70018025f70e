//! TrainingPeaks workout summaries (`workouts.csv`) through the real binary: the JSON report a
//! user reads for tests/fixtures/trainingpeaks/ and sample-data/trainingpeaks_workouts.csv.
//! TrainingPeaks keeps only the day of a workout, so, as with FitNotes, no pair is judged; the
//! planned workouts and days off on the calendar are left out and counted.

use serde_json::Value;

use crate::common::{assert_fails_saying, close, column, day, root_json, sessions, warnings_text};

const FIXTURE: &str = "tests/fixtures/trainingpeaks/workouts.csv";
const SAMPLE: &str = "sample-data/trainingpeaks_workouts.csv";

fn session<'a>(r: &'a Value, title: &str) -> &'a Value {
    sessions(r)
        .iter()
        .find(|s| s["title"] == title)
        .unwrap_or_else(|| panic!("no session {title}: {}", r["sessions"]))
}

#[test]
fn done_workouts_are_sessions_of_a_day_without_a_time() {
    let r = root_json(FIXTURE, "strength", &[]);
    assert_eq!(r["files"][0]["format"], "trainingpeaks");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["pairs"],
            &s["skipped_rows"],
        ],
        [4, 1, 3, 0, 0, 0]
    );
    assert_eq!(
        column(&r, "date"),
        ["2024-07-01", "2024-07-01", "2024-07-02", "2024-07-03"]
    );
    for s in sessions(&r) {
        assert_eq!(s["time_known"], false, "no time of day: {s}");
        // Placed at the start of its day in --tz, for the timeline only.
        assert!(
            s["start"].as_str().unwrap().ends_with("T00:00:00+02:00"),
            "{s}"
        );
    }

    // TimeTotalInHours 0.85 is 51 minutes; Rpe 8 makes it hard.
    let intervals = session(&r, "Track intervals 6x800m");
    assert_eq!(intervals["modality"], "cardio");
    assert!(close(&intervals["minutes"], 51.0), "{intervals}");
    assert_eq!(intervals["estimated_end"], false);
    assert_eq!(intervals["intensity"], "hard");
    assert_eq!(intervals["intensity_basis"], "rpe");

    // A strength workout, its squats in the description: a leg day of 45 minutes.
    let lift = session(&r, "Strength");
    assert_eq!(lift["modality"], "strength");
    assert_eq!(lift["leg_day"], true);
    assert!(close(&lift["minutes"], 45.0), "{lift}");

    // 10000 m done and no time: 10 km at a plain pace of 6 min/km.
    let run = session(&r, "Morning run");
    assert_eq!(run["modality"], "cardio");
    assert_eq!(run["estimated_end"], true);
    assert!(close(&run["minutes"], 60.0), "{run}");

    // WorkoutType "Other" with the title "Cardio"; no Rpe, so the heart rate decides: an
    // average of 131 against the highest max in the file, 184 (71 %), is moderate.
    let other = session(&r, "Cardio");
    assert_eq!(other["modality"], "cardio");
    assert_eq!(other["intensity_basis"], "heart_rate");
    assert_eq!(other["intensity"], "moderate");

    let warnings = warnings_text(&r);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("184 bpm, is used as max HR")),
        "HeartRateMax is read: {warnings:?}"
    );
    // Lifting and a run on 1 July, with no times: the order is unknown.
    assert_eq!(day(&r, "2024-07-01")["order"], "unknown");
}

#[test]
fn planned_workouts_and_days_off_are_counted_in_a_warning_not_as_sessions() {
    for strict in [false, true] {
        let extra: &[&str] = if strict { &["--strict"] } else { &[] };
        let r = root_json(FIXTURE, "general", extra);
        assert_eq!(r["summary"]["sessions"], 4);
        assert_eq!(r["summary"]["skipped_rows"], 0);
        let warnings = warnings_text(&r);
        assert!(
            warnings.contains(&"2 workouts planned, not done (a PlannedDuration or PlannedDistanceInMeters, but no TimeTotalInHours, distance or heart rate): left out; lines 6, 8".to_string()),
            "{warnings:?}"
        );
        assert!(
            warnings.contains(&"2 rows with nothing planned or done (a Day Off, a note on the calendar): left out; lines 7, 9".to_string()),
            "{warnings:?}"
        );
        let titles = column(&r, "title");
        assert!(!titles.contains(&&Value::from("Long ride")), "{titles:?}");
    }
}

#[test]
fn sample_trainingpeaks_week() {
    let r = root_json(SAMPLE, "strength", &[]);
    assert_eq!(r["files"][0]["format"], "trainingpeaks");
    assert_eq!(r["range"]["from"], "2024-05-27");
    assert_eq!(r["range"]["to"], "2024-06-01");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["pairs"],
        ],
        [8, 2, 5, 1, 0]
    );
    let lower = session(&r, "Strength - lower body");
    assert_eq!(lower["leg_day"], true);
    let ride = session(&r, "Long ride");
    assert!(close(&ride["minutes"], 204.2), "{ride}");
    assert_eq!(session(&r, "Core and mobility")["modality"], "other");
    // The Day Off on Thursday and Sunday's two planned runs are no sessions.
    assert!(sessions(&r).iter().all(|s| s["date"] != "2024-05-30"));
    let warnings = warnings_text(&r);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("2 workouts planned, not done") && w.ends_with("lines 11, 12")),
        "{warnings:?}"
    );
    assert_eq!(day(&r, "2024-05-29")["order"], "unknown");
}

#[test]
fn bad_files_name_what_is_wrong() {
    assert_fails_saying(
        "tests/fixtures/trainingpeaks/bad-day.csv",
        "strength",
        &[
            "bad-day.csv:3: column 6 (WorkoutDay)",
            "expected a date like 2024-05-28",
            "\"07/02/2024\"",
        ],
    );
    assert_fails_saying(
        "tests/fixtures/trainingpeaks/bad-hours.csv",
        "strength",
        &[
            "bad-hours.csv:2: column 13 (TimeTotalInHours)",
            "expected hours as a decimal number",
            "\"0:45\"",
        ],
    );
    assert_fails_saying(
        "tests/fixtures/trainingpeaks/near-miss.csv",
        "strength",
        &[
            "this looks like a TrainingPeaks workout summary (workouts.csv)",
            "no 'TimeTotalInHours' column",
        ],
    );
}
