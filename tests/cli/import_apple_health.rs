//! Apple Health's own export.xml, through the real binary: the workouts of an export with the
//! DTD, records, correlations and statistics of a real one (tests/fixtures/apple-health/), the
//! sample week (sample-data/apple_health_export.xml), the same lifting in a Strong export read
//! once, and the messages for a workout whose date cannot be read and a file cut short.

use serde_json::Value;

use crate::common::{
    TZ, analyze_json, assert_fails_saying, close, concur_in, pairs_on, root_json, session_starting,
    strict_error, warnings_text, write,
};

const EXPORT: &str = "tests/fixtures/apple-health/export.xml";

fn counts(r: &Value) -> [&Value; 5] {
    let s = &r["summary"];
    [
        &s["sessions"],
        &s["strength_sessions"],
        &s["cardio_sessions"],
        &s["other_sessions"],
        &s["skipped_rows"],
    ]
}

#[test]
fn workouts_with_their_offsets_lengths_and_heart_rate() {
    let r = root_json(EXPORT, "strength", &[]);
    assert_eq!(r["files"][0]["format"], "apple-health");
    // Six workouts among records, a correlation and day summaries, which are not sessions.
    assert_eq!(counts(&r), [6, 2, 3, 1, 0]);

    // The start and end as the file gives them (+0200), the length from them (pauses included).
    let lift = session_starting(&r, "2024-06-11T17:30:12+02:00");
    assert_eq!(lift["title"], "Traditional Strength Training");
    assert_eq!(lift["modality"], "strength");
    assert_eq!(lift["end"], "2024-06-11T18:24:40+02:00");
    assert!(close(&lift["minutes"], 54.5), "{lift}");
    assert_eq!(lift["source"], "apple-health");
    assert_eq!(lift["line"], 120);

    // The run's heart rate comes from its <WorkoutStatistics>: the highest maximum of the file
    // (171) is the max HR, and the average of 152.6 is hard against it.
    let run = session_starting(&r, "2024-06-11T18:31:05+02:00");
    assert_eq!(
        (&run["title"], &run["modality"]),
        (&"Running".into(), &"cardio".into())
    );
    assert!(close(&run["minutes"], 33.8), "{run}");
    assert_eq!(run["intensity"], "hard");
    assert_eq!(run["intensity_basis"], "heart_rate");
    assert_eq!(r["settings"]["max_hr"], 171.0);

    // Lifting, then the run 6 minutes later: the pair of the day.
    let pairs = pairs_on(&r, "2024-06-11");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["gap_minutes"], 6);
    assert_eq!(pairs[0]["rule"], "W1");

    // A run recorded while travelling (-0400) is the same instant in Berlin.
    let away = session_starting(&r, "2024-06-14T13:10:00+02:00");
    assert_eq!(away["end"], "2024-06-14T13:51:30+02:00");
    assert_eq!(
        session_starting(&r, "2024-06-15T00:00:30+02:00")["title"],
        "Functional Strength Training"
    );
    // An older workout (distance as an attribute, no statistics) and yoga, which is other.
    let ride = session_starting(&r, "2024-06-12T07:02:00+02:00");
    assert_eq!(
        (&ride["modality"], &ride["minutes"]),
        (&"cardio".into(), &48.0.into())
    );
    assert_eq!(
        session_starting(&r, "2024-06-12T20:00:00+02:00")["modality"],
        "other"
    );
}

#[test]
fn the_average_heart_rate_is_the_statistics_average() {
    // 152.6 bpm is 77.07 % of 198 (hard from 77 %) and 76.3 % of 200 (moderate).
    let run = |max_hr: &str| {
        let r = root_json(EXPORT, "strength", &["--max-hr", max_hr]);
        session_starting(&r, "2024-06-11T18:31:05+02:00")["intensity"].clone()
    };
    assert_eq!(run("198"), "hard");
    assert_eq!(run("200"), "moderate");
}

#[test]
fn times_are_shown_in_the_zone_asked_for() {
    let r = analyze_json(
        crate::common::concur_at_root(),
        &[EXPORT, "--goal", "strength", "--tz", "America/New_York"],
    );
    let away = session_starting(&r, "2024-06-14T07:10:00-04:00");
    assert_eq!(away["date"], "2024-06-14");
    assert_eq!(
        session_starting(&r, "2024-06-11T11:30:12-04:00")["modality"],
        "strength"
    );
}

#[test]
fn sample_apple_health_week() {
    let r = root_json("sample-data/apple_health_export.xml", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "apple-health");
    assert_eq!(
        (&r["range"]["from"], &r["range"]["to"]),
        (&"2024-09-09".into(), &"2024-09-15".into())
    );
    assert_eq!(counts(&r), [10, 3, 6, 1, 0]);
    assert_eq!(r["summary"]["pairs"], 3);
    let hiit = session_starting(&r, "2024-09-10T18:10:02+02:00");
    assert_eq!(hiit["title"], "High Intensity Interval Training");
    assert_eq!(hiit["modality"], "cardio");
    // An easy run before lifting on Friday: cardio first, against a strength goal.
    let friday = pairs_on(&r, "2024-09-13");
    assert_eq!(friday[0]["first"], "cardio");
    assert_eq!(friday[0]["verdict"], "conflict");
}

/// The lifting of the export, logged in Strong too: one session, not two.
#[test]
fn the_same_lifting_in_a_strong_export_is_one_session() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::manifest_dir().join(EXPORT),
        dir.path().join("export.xml"),
    )
    .unwrap();
    write(
        dir.path(),
        "strong.csv",
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
         2024-06-11 17:30:00,\"Leg day\",55m,\"Squat (Barbell)\",1,100,5,0,0,\"\",\"\",\n\
         2024-06-11 17:30:00,\"Leg day\",55m,\"Squat (Barbell)\",2,100,5,0,0,\"\",\"\",\n\
         2024-06-11 17:30:00,\"Leg day\",55m,\"Leg Press\",1,180,10,0,0,\"\",\"\",\n",
    );
    let r = analyze_json(
        concur_in(dir.path()),
        &["export.xml", "strong.csv", "--goal", "strength", "--tz", TZ],
    );
    assert_eq!(r["summary"]["merged_duplicates"], 1);
    assert_eq!(r["summary"]["strength_sessions"], 2);
    // What Strong adds (a leg day) is kept with the session.
    let pairs = pairs_on(&r, "2024-06-11");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["facts"]["leg_day"], true);
}

#[test]
fn a_workout_whose_date_cannot_be_read_is_skipped_naming_its_line() {
    let r = root_json("tests/fixtures/apple-health/bad-date.xml", "strength", &[]);
    assert_eq!(counts(&r), [5, 2, 3, 0, 1]);
    let warnings = warnings_text(&r);
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "workout skipped: startDate \"2024-06-31 20:00:00 +0200\" is not a date; expected a date like 2025-05-08 17:26:15 +0100"
        )),
        "{warnings:?}"
    );
    let skipped = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "skipped_row")
        .expect("a skipped-row warning");
    assert_eq!(skipped["line"], 142);
    // With --strict it stops the run, naming the place.
    let err = strict_error("tests/fixtures/apple-health/bad-date.xml", "strength");
    assert!(err.contains("bad-date.xml:142: startDate"), "{err}");
}

#[test]
fn a_file_cut_short_names_the_line_and_column_where_it_ends() {
    assert_fails_saying(
        "tests/fixtures/apple-health/cut-short.xml",
        "strength",
        &[
            "cut-short.xml:139:2: broken XML: tag not closed",
            "the file was cut short; export it again from the Health app",
        ],
    );
}
