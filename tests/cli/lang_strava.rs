//! Strava's `activities.csv` in every language and version concur reads (the table in
//! `src/import/lang/strava.toml`): for each, one fixture with invented rows under that
//! language's header and date format, read through the real binary and checked as a user would
//! check the report: the format, the sessions, and each one's modality, start (Activity Date is
//! UTC, shown in Europe/Berlin) and length; the distance and the English activity type, which
//! the JSON report does not carry, are checked on what the importer gives the library. Then a
//! Strava export in a language no entry has, which is named as such.

use serde_json::Value;

use concur::import::{Sink, import_file};

use crate::common::{TZ, concur, fails, fixture, manifest_dir, root_json, sessions};

/// One session as it should be read: Strava's English type, modality, start, minutes, km
/// (`None`: no distance).
type Expected = (&'static str, &'static str, &'static str, f64, Option<f64>);

/// A run, a weight training and a ride on 4 and 5 March 2024, 06:00, 17:30 and 07:15:30 UTC
/// (an hour later in Berlin), 30, 60 and 90 minutes, 5 km, none and 40.5 km.
const RUN_LIFT_RIDE: &[Expected] = &[
    (
        "Run",
        "cardio",
        "2024-03-04T07:00:00+01:00",
        30.0,
        Some(5.0),
    ),
    (
        "Weight Training",
        "strength",
        "2024-03-04T18:30:00+01:00",
        60.0,
        None,
    ),
    (
        "Ride",
        "cardio",
        "2024-03-05T08:15:30+01:00",
        90.0,
        Some(40.5),
    ),
];

/// Each fixture and what its sessions are.
const CASES: &[(&str, &[Expected])] = &[
    ("en.csv", RUN_LIFT_RIDE),
    ("de.csv", RUN_LIFT_RIDE),
    ("es.csv", RUN_LIFT_RIDE),
    ("pt-BR.csv", RUN_LIFT_RIDE),
    // No French name of Weight Training was found: a pool swim (1.500 m, shown with the
    // thousands point of a decimal-comma language) stands in its place.
    (
        "fr.csv",
        &[
            (
                "Run",
                "cardio",
                "2024-03-04T07:00:00+01:00",
                30.0,
                Some(5.0),
            ),
            (
                "Swim",
                "cardio",
                "2024-03-04T18:30:00+01:00",
                40.0,
                Some(1.5),
            ),
            (
                "Ride",
                "cardio",
                "2024-03-05T08:15:30+01:00",
                90.0,
                Some(40.5),
            ),
        ],
    ),
    // Only Dutch runs (Hardloopsessie) were found.
    (
        "nl.csv",
        &[
            (
                "Run",
                "cardio",
                "2024-03-04T07:00:00+01:00",
                30.0,
                Some(5.0),
            ),
            (
                "Run",
                "cardio",
                "2024-03-04T18:30:00+01:00",
                45.0,
                Some(7.2),
            ),
            (
                "Run",
                "cardio",
                "2024-03-05T08:15:30+01:00",
                90.0,
                Some(15.0),
            ),
        ],
    ),
    // Japanese: runs only, a moving time and no elapsed time; summer time in Berlin.
    (
        "ja.csv",
        &[
            (
                "Run",
                "cardio",
                "2026-06-29T22:14:15+02:00",
                75.9,
                Some(12.4),
            ),
            (
                "Run",
                "cardio",
                "2026-06-30T07:00:00+02:00",
                30.0,
                Some(5.0),
            ),
            (
                "Run",
                "cardio",
                "2026-07-02T00:30:00+02:00",
                40.0,
                Some(6.5),
            ),
        ],
    ),
    // The archive before 2019: ISO dates in UTC, distance in metres.
    (
        "pre-2019.csv",
        &[
            (
                "Run",
                "cardio",
                "2018-11-27T07:00:00+01:00",
                30.0,
                Some(5.0),
            ),
            (
                "Weight Training",
                "strength",
                "2018-11-27T18:30:00+01:00",
                60.0,
                None,
            ),
            (
                "Ride",
                "cardio",
                "2018-11-28T08:15:30+01:00",
                90.0,
                Some(40.5),
            ),
        ],
    ),
];

fn check(file: &str, want: &[Expected]) {
    let path = format!("tests/fixtures/lang/strava/{file}");
    let report: Value = root_json(&path, "strength", &[]);
    assert_eq!(report["files"][0]["format"], "strava", "{file}");
    assert_eq!(report["summary"]["skipped_rows"], 0, "{file}");
    let got = sessions(&report);
    assert_eq!(got.len(), want.len(), "{file}: {got:?}");
    let mut sink = Sink::new(true);
    let format = import_file(&manifest_dir().join(&path), &mut sink).expect("imports");
    assert_eq!(format, "strava", "{file}");
    assert_eq!(sink.workouts.len(), want.len(), "{file}");
    let rows = got.iter().zip(&sink.workouts).zip(want).enumerate();
    for (i, ((s, w), (activity, modality, start, minutes, km))) in rows {
        let at = format!("{file}, session {}", i + 1);
        assert_eq!(s["modality"], *modality, "{at}: {s}");
        assert_eq!(s["start"], *start, "{at}: {s}");
        let length = s["minutes"].as_f64().expect("minutes");
        assert!(
            (length - minutes).abs() < 0.051,
            "{at}: {length} minutes, expected {minutes}"
        );
        assert_eq!(w.activity, *activity, "{at}");
        match (w.distance_km, km) {
            (Some(d), Some(km)) => assert!((d - km).abs() < 0.0001, "{at}: {d} km, expected {km}"),
            (d, km) => assert_eq!(d, *km, "{at}"),
        }
    }
}

#[test]
fn every_language_and_version_reads_its_own_fixture() {
    for (file, want) in CASES {
        check(file, want);
    }
}

#[test]
fn every_language_of_the_table_has_a_fixture() {
    let table = std::fs::read_to_string(manifest_dir().join("src/import/lang/strava.toml"))
        .expect("the table");
    let codes: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("code = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(codes.len() >= 7, "{codes:?}");
    for code in codes {
        let file = match code {
            "en-x-pre2019" => "pre-2019.csv".to_string(),
            other => format!("{other}.csv"),
        };
        assert!(
            CASES.iter().any(|(f, _)| *f == file),
            "{code} has no fixture in CASES"
        );
        assert!(fixture(&format!("lang/strava/{file}")).is_file(), "{file}");
    }
}

#[test]
fn an_export_in_a_language_concur_does_not_read_is_named_as_strava() {
    // The German fixture with its header names replaced by made-up words: Strava's shape (a
    // numeric id first, activities/... file names, repeated names) without a name concur knows.
    let text = std::fs::read_to_string(fixture("lang/strava/de.csv")).expect("fixture");
    let (header, rows) = text.split_once('\n').expect("a header");
    let renamed: Vec<String> = header
        .split(',')
        .map(|name| {
            let n = name.chars().count();
            format!("Sarake{n}")
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("activities.csv");
    std::fs::write(&path, format!("{}\n{rows}", renamed.join(","))).expect("write");
    let err = fails(
        concur(),
        &[
            "analyze",
            path.to_str().unwrap(),
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(err.contains(path.to_str().unwrap()), "{err}");
    assert!(
        err.contains("looks like a Strava export") && err.contains("does not read yet"),
        "{err}"
    );
    assert!(err.contains("activities/101.fit.gz"), "{err}");
    assert!(err.contains("German"), "{err}");
}
