//! Fitbod `WorkoutExport.csv` end to end: the bundled sample (a week of lifting and cardio), the
//! two headers (with and without `multiplier`), the same ride listed twice, rows that cannot be
//! read, and the real exports beside the project where they are.

use crate::common::{
    close, column, file_json, imported, pairs_on, real_exports, root_json, strict_error,
};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/fitbod/{name}")
}

/// What the importer read from a file, through the library: the distances and sets the JSON
/// report does not carry.
#[test]
fn the_sample_week_of_lifting_and_cardio() {
    let r = root_json("sample-data/fitbod_WorkoutExport.csv", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "fitbod");
    assert_eq!(r["summary"]["skipped_rows"], 0);
    assert_eq!(
        column(&r, "modality"),
        [
            "strength", "cardio", "cardio", "strength", "cardio", "strength", "cardio", "cardio"
        ]
    );
    // `+0000` times, in Berlin summer time.
    assert_eq!(
        column(&r, "start"),
        [
            "2024-04-15T18:05:12+02:00",
            "2024-04-16T07:30:40+02:00",
            "2024-04-17T17:50:03+02:00",
            "2024-04-17T18:01:27+02:00",
            "2024-04-18T07:45:31+02:00",
            "2024-04-19T18:00:05+02:00",
            "2024-04-19T19:02:40+02:00",
            "2024-04-20T09:30:12+02:00",
        ]
    );
    // Cardio lasts its sets' seconds (1820 s, 600 s, 2405 s, 900 s, 5412 s); lifting has no
    // length in the export and is estimated.
    assert_eq!(
        column(&r, "minutes"),
        [60.0, 30.3, 10.0, 60.0, 40.1, 60.0, 15.0, 90.2]
    );
    assert_eq!(
        column(&r, "estimated_end"),
        [true, false, false, true, false, true, false, false]
    );
    assert_eq!(r["sessions"][0]["leg_day"], true);
    // A 10 min ride, its own workout, 1 min before the bench press: a warm-up.
    let wed = pairs_on(&r, "2024-04-17");
    assert_eq!(
        (&wed[0]["first"], &wed[0]["rule"]),
        (&"cardio".into(), &"W3".into())
    );
    // The stair stepper after the pulls: strength first.
    assert_eq!(pairs_on(&r, "2024-04-19")[0]["first"], "strength");

    let read = imported("sample-data/fitbod_WorkoutExport.csv");
    let km: Vec<Option<f64>> = read
        .workouts
        .iter()
        .map(|w| {
            w.exercises
                .iter()
                .filter_map(|e| e.sets.distance_km())
                .reduce(|a, b| a + b)
        })
        .collect();
    // Newest first, as the file lists them: Saturday's ride, Thursday's walk.
    assert!((km[0].unwrap() - 41.23).abs() < 0.001, "{km:?}");
    assert!((km[3].unwrap() - 3.105).abs() < 0.001, "{km:?}");
    assert_eq!(km[2], None, "the pulls logged no distance");
    assert_eq!(read.workouts.last().unwrap().notes, "belt on the top sets");
}

#[test]
fn one_timestamp_one_workout_and_the_same_ride_listed_twice_read_once() {
    let r = root_json(&fixture("workout-export.csv"), "strength", &[]);
    assert_eq!(r["files"][0]["format"], "fitbod");
    // Three rows of one ride (two of them one workout, one a workout 7 s later) are one ride.
    assert_eq!(r["summary"]["merged_duplicates"], 2);
    let warning = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "duplicate")
        .expect("a duplicate warning");
    assert_eq!(warning["line"], 6);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .starts_with("2 sets repeated a run or ride already read"),
        "{warning}"
    );
    assert_eq!(
        column(&r, "title"),
        [
            "Goblet Squat, Walking Lunge",
            "Running",
            "Cycling",
            "Barbell Bench Press, Dumbbell Fly +1",
            "Cycling",
            "Rowing"
        ]
    );
    assert_eq!(
        column(&r, "modality"),
        [
            "strength", "cardio", "cardio", "strength", "cardio", "cardio"
        ]
    );
    let s = r["sessions"].as_array().unwrap();
    // The run logged inside a lifting workout: a session of its own, after the lifts.
    assert_eq!(s[1]["start"], "2024-06-03T20:30:00+02:00");
    assert_eq!(s[1]["minutes"], 20.0);
    // The ride kept is the first listed, 3610 s.
    assert_eq!(s[4]["start"], "2024-06-06T09:00:21+02:00");
    assert!(close(&s[4]["minutes"], 60.17));
    // Three 500 m pieces typed in are three pieces: 105 + 108 + 107 s.
    assert!(close(&s[5]["minutes"], 5.33));

    let read = imported(&fixture("workout-export.csv"));
    let bench = &read.workouts[2];
    assert_eq!(bench.exercises[0].sets.warmups, 1);
    // A note with a comma, repeated on each set, kept once.
    assert_eq!(bench.notes, "slow on the way down, 3 s");
    let rows = read.workouts.first().unwrap();
    assert_eq!(rows.exercises[0].sets.count, 3);
    assert_eq!(rows.exercises[0].sets.distance_km(), Some(1.5));
}

#[test]
fn the_older_header_without_multiplier() {
    let r = root_json(&fixture("older-no-multiplier.csv"), "strength", &[]);
    assert_eq!(r["files"][0]["format"], "fitbod");
    assert_eq!(column(&r, "modality"), ["strength", "cardio"]);
    assert_eq!(
        column(&r, "start"),
        ["2019-09-10T19:45:02+02:00", "2019-09-12T08:15:30+02:00"]
    );
    assert_eq!(r["sessions"][1]["minutes"], 32.2);
    let read = imported(&fixture("older-no-multiplier.csv"));
    let run = &read.workouts[0].exercises[0].sets;
    assert!((run.distance_km().unwrap() - 5.102_367_187_5).abs() < 1e-9);
}

#[test]
fn rows_with_an_unreadable_date_or_duration_are_skipped_and_named() {
    let path = fixture("bad-rows.csv");
    let r = root_json(&path, "strength", &[]);
    assert_eq!(r["summary"]["skipped_rows"], 2);
    assert_eq!(r["summary"]["sessions"], 1);
    let said: Vec<(u64, String)> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "skipped_row")
        .map(|w| {
            (
                w["line"].as_u64().unwrap(),
                w["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(said[0].0, 3);
    assert!(said[0].1.contains("column 1 (Date)") && said[0].1.contains("\"05/06/2024 17:12\""));
    assert_eq!(said[1].0, 4);
    assert!(said[1].1.contains("column 5 (Duration(s))") && said[1].1.contains("\"an hour\""));

    let err = strict_error(&path, "strength");
    assert!(err.contains("bad-rows.csv:3: column 1 (Date)"), "{err}");
}

/// Every real Fitbod export beside the project: each set is read into a workout, counted as a
/// repeat, or skipped with a reason, and the cardio workouts are the sessions named after a
/// cardio exercise.
#[test]
fn real_exports_lose_no_set() {
    let Some(files) = real_exports("fitbod", "csv") else {
        return;
    };
    for file in &files {
        let records = csv::Reader::from_path(file).unwrap().records().count();
        let read = concur::import::import_files(std::slice::from_ref(file), false).unwrap();
        let sets: u32 = read
            .workouts
            .iter()
            .flat_map(|w| &w.exercises)
            .map(|e| e.sets.count)
            .sum();
        assert_eq!(
            sets as usize + read.repeated + read.skipped,
            records,
            "{}",
            file.display()
        );
        let r = file_json(file, "general");
        // Cardio is a workout of one cardio exercise; everything else is lifting (or, for a
        // workout of burpees, conditioning, which reads as cardio); nothing is left unknown.
        for s in r["sessions"].as_array().unwrap() {
            let cardio = ["Cycling", "Running", "Walking", "Hiking", "Stair Stepper"]
                .contains(&s["title"].as_str().unwrap());
            if cardio {
                assert_eq!(s["modality"], "cardio", "{s}");
            }
            assert_ne!(s["modality"], "other", "{s}");
        }
        assert!(r["summary"]["strength_sessions"].as_u64().unwrap() > 0);
    }
}
