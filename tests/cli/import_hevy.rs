//! Hevy exports (`workout_data.csv`) through the real binary: the JSON report a user would check
//! for each variant of the file in tests/fixtures/hevy/ and for sample-data/hevy_workouts.csv.

use serde_json::Value;

use crate::common::{assert_fails_saying, close, column, pairs_on, root_json, sessions};

fn report(file: &str, goal: &str) -> Value {
    root_json(file, goal, &[])
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/hevy/{name}")
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

    let day = pairs_on(&r, "2024-03-05");
    assert_eq!(day.len(), 1);
    assert_eq!(day[0]["first"], "strength");
    assert_eq!(day[0]["second"], "cardio");
    assert_eq!(day[0]["gap_minutes"], 0);
    assert_eq!(day[0]["verdict"], "aligned", "weights first for strength");

    // The same day judged for endurance: the leg day comes before the run.
    let endurance = report(&fixture("kg-km.csv"), "endurance");
    assert_eq!(pairs_on(&endurance, "2024-03-05")[0]["verdict"], "conflict");
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
    let day = pairs_on(&r, "2024-12-19");
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
    let day = pairs_on(&r, "2024-04-17");
    assert_eq!(day.len(), 1);
    assert_eq!(day[0]["verdict"], "aligned");
}

#[test]
fn bad_files_name_what_is_wrong() {
    for (file, parts) in [
        // A bad date names line, column and the form expected. Line 3 has "6 Mrz. 2024", German
        // for March: it reads. Line 4 has a 32nd of March.
        (
            "bad-date.csv",
            &[
                "bad-date.csv:4: column 2 (start_time): expected a Hevy date-time like 5 Mar 2024, 07:01",
                "found \"32 Mar 2024, 07:00\"",
            ][..],
        ),
        // A header without title is named as Hevy.
        (
            "near-miss.csv",
            &["a Hevy workout export", "no 'title' column"],
        ),
    ] {
        assert_fails_saying(&fixture(file), "strength", parts);
    }
}
