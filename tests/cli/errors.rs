//! Unusable input and bad usage: exit code 2, nothing on stdout, and one message on stderr that
//! names the file, the line and column where there is one, and what was expected.

use crate::common::*;
use predicates::prelude::*;

fn analyze_fails(file: &str) -> String {
    fails_with_one_message(
        concur(),
        &["analyze", file, "--goal", "strength", "--tz", TZ],
    )
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("export.csv");
    std::fs::create_dir(&folder).unwrap();
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            folder.to_str().unwrap(),
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(msg.contains("export.csv"), "{msg}");
    assert!(msg.contains("folder"), "says it is a folder: {msg}");
}

/// A file concur cannot use, and what its one message must say: each `(text, why)` in `says`
/// is in it, each in `never` is not.
struct Unusable {
    file: &'static str,
    says: &'static [(&'static str, &'static str)],
    never: &'static [(&'static str, &'static str)],
}

const UNUSABLE: &[Unusable] = &[
    // A missing file.
    Unusable {
        file: "no-such-export.csv",
        says: &[("no-such-export.csv", ""), ("no such file", "")],
        never: &[],
    },
    // A CSV with an unrelated header.
    Unusable {
        file: "people.csv",
        says: &[
            ("people.csv", ""),
            ("unknown log format", ""),
            ("name, age, city", "shows the header it found"),
            ("`start`", "says which columns it expected"),
        ],
        never: &[],
    },
    // Binary garbage.
    Unusable {
        file: "garbage.bin",
        says: &[("garbage.bin", ""), ("not text", "")],
        never: &[],
    },
    // A bad date in the start column.
    Unusable {
        file: "bad-start.csv",
        says: &[
            ("bad-start.csv:4", "file and line"),
            ("column 1 (start)", "column by number and name"),
            ("expected a date-time", "what was expected"),
            ("\"yesterday\"", "what was found"),
        ],
        never: &[],
    },
    // A bad number in the rpe column.
    Unusable {
        file: "bad-rpe.csv",
        says: &[
            ("bad-rpe.csv:3", "file and line"),
            ("column 5 (rpe)", "column by number and name"),
            ("expected a number", ""),
            ("\"hard\"", ""),
        ],
        never: &[],
    },
    // Malformed JSON names line and column: line 3 misses the comma after "2024-05-14 07:00",
    // so the next key starts at column 32.
    Unusable {
        file: "malformed.json",
        says: &[
            ("malformed.json:3:32", "file:line:column"),
            ("malformed JSON", ""),
        ],
        never: &[],
    },
    // Truncated JSON names a real column.
    Unusable {
        file: "truncated.json",
        says: &[("truncated.json:", "")],
        never: &[(":0:", "no column 0")],
    },
    // A JSON object without sessions.
    Unusable {
        file: "no-sessions.json",
        says: &[
            ("no-sessions.json: unknown log format", "names the file"),
            ("{\"sessions\": [...]}", "says what it expected"),
            ("array of objects with a `start` field", ""),
        ],
        never: &[],
    },
];

#[test]
fn an_unusable_file_is_one_message_naming_it() {
    for case in UNUSABLE {
        let msg = analyze_fails(case.file);
        for (part, why) in case.says {
            assert!(
                msg.contains(part),
                "{}: {why}: {part:?} in {msg}",
                case.file
            );
        }
        for (part, why) in case.never {
            assert!(
                !msg.contains(part),
                "{}: {why}: {part:?} in {msg}",
                case.file
            );
        }
    }
}

#[test]
fn an_empty_start_is_skipped_with_a_warning() {
    let r = fixture_json("empty-start.csv", "strength", &[]);
    assert_eq!(r["summary"]["sessions"], 2);
    assert_eq!(r["summary"]["skipped_rows"], 1);
    let w = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["line"] == 3)
        .expect("a warning for line 3");
    assert_eq!(w["file"], "empty-start.csv");
    assert!(w["message"].as_str().unwrap().contains("start"), "{w}");

    // The table mentions it too.
    concur()
        .args([
            "analyze",
            "empty-start.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ])
        .assert()
        .success()
        .stdout(
            predicates::str::contains("1 row skipped")
                .or(predicates::str::contains("1 rows skipped")),
        );
}

#[test]
fn an_empty_start_with_strict_is_an_error() {
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            "empty-start.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--strict",
        ],
    );
    assert!(msg.contains("empty-start.csv:3"), "{msg}");
    assert!(msg.contains("no start time"), "{msg}");
}

#[test]
fn the_first_bad_file_stops_the_run_even_after_good_ones() {
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            "semicolon.csv",
            "bad-rpe.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(msg.contains("bad-rpe.csv:3"), "{msg}");
}

// Usage errors: clap's messages, exit 2.

/// Arguments clap refuses, and what its message must mention.
const USAGE_ERRORS: &[(&[&str], &[&str])] = &[
    // No goal.
    (&["analyze", SAMPLE, "--tz", TZ], &["--goal"]),
    // A bad goal.
    (
        &["analyze", SAMPLE, "--goal", "speed", "--tz", TZ],
        &[
            "speed",
            "possible values: strength, hypertrophy, fat-loss, endurance, general, hybrid",
        ],
    ),
    // A misspelling gets the goal it was meant to be.
    (
        &["analyze", SAMPLE, "--goal", "strenght", "--tz", TZ],
        &["a similar value exists: 'strength'"],
    ),
    // A bad time zone.
    (
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            "Mars/Olympus",
        ],
        &["Mars/Olympus", "IANA"],
    ),
    // A bad day start.
    (
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--day-start",
            "25:00",
        ],
        &["HH:MM"],
    ),
    (
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--day-start",
            "4am",
        ],
        &["HH:MM"],
    ),
    // A bad date flag.
    (
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--since",
            "13/03/2024",
        ],
        &["YYYY-MM-DD"],
    ),
    // No files.
    (
        &["analyze", "--goal", "strength", "--tz", TZ],
        &["no files to analyse"],
    ),
    // Rules with a bad goal.
    (&["rules", "--goal", "speed"], &["speed"]),
];

#[test]
fn bad_usage_exits_2_and_says_what_is_wrong() {
    for (args, needles) in USAGE_ERRORS {
        let stderr = fails(concur_at_root(), args);
        for needle in *needles {
            assert!(
                stderr.contains(needle),
                "concur {args:?}: stderr should mention {needle:?}: {stderr}"
            );
        }
    }
}

#[test]
fn a_bad_week() {
    for week in ["2024-W60", "soon", "2024-11"] {
        let msg = fails_with_one_message(
            concur_at_root(),
            &[
                "analyze", SAMPLE, "--goal", "strength", "--tz", TZ, "--week", week,
            ],
        );
        assert!(msg.contains(week), "{msg}");
        assert!(msg.contains("--week"), "{msg}");
    }
}

#[test]
fn since_after_until() {
    let msg = fails_with_one_message(
        concur_at_root(),
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--since",
            "2024-03-20",
            "--until",
            "2024-03-10",
        ],
    );
    assert!(msg.contains("--since"), "{msg}");
}

/// An export of an app concur does not read yet is named as such, with the exports it does
/// read; a header it cannot place at all gets that list too.
#[test]
fn an_app_not_read_yet_is_named() {
    for (file, app) in [
        ("polar.csv", "Polar Flow"),
        ("samsung.csv", "Samsung Health"),
    ] {
        let path = fixture(&format!("not-read-yet/{file}"));
        let msg = analyze_fails(path.to_str().unwrap());
        assert!(
            msg.contains(&format!("this looks like a {app} export")),
            "{file}: {msg}"
        );
        assert!(msg.contains("which concur does not read yet"), "{msg}");
        // The apps in IMPORTERS' order.
        assert!(
            msg.contains(
                "concur reads exports of Strava, Strong, Hevy, FitNotes, Garmin Connect, Fitbod, Peloton, Concept2, Runkeeper, TrainingPeaks, WHOOP and Apple Health, FIT, GPX, TCX and iCalendar files, and its own CSV or JSON log"
            ),
            "{msg}"
        );
    }
    let msg = analyze_fails(fixture("people.csv").to_str().unwrap());
    assert!(msg.contains("matches no export concur reads"), "{msg}");
    assert!(
        msg.contains("WHOOP and Apple Health, FIT, GPX, TCX and iCalendar files"),
        "{msg}"
    );
}
