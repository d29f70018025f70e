//! Strong, Hevy and FitNotes exports in every language concur reads (tests/fixtures/lang/): each
//! fixture holds a leg workout and a cardio exercise with distance and time, under that
//! language's header, month names and duration words. What a user checks: the format found, the
//! sessions, their modality, start and length, and the sets read from each workout. And an export
//! in a language concur does not read yet is named as such, by the shape of its rows.

use std::path::Path;

use concur::import::{Sink, import_file};

use crate::common::{TZ, column, concur_at_root, fails_with_one_message, fixtures_dir, root_json};

/// One session as the report gives it: modality, start, minutes.
type Session = (&'static str, &'static str, f64);

/// A fixture, the format it is read as, its sessions, and the sets of each workout in the file.
struct Case {
    file: &'static str,
    format: &'static str,
    sessions: &'static [Session],
    sets: &'static [u32],
}

const STRONG_LEGS: Session = ("strength", "2024-03-04T17:30:00+01:00", 65.0);
const STRONG_RUN: Session = ("cardio", "2024-03-06T07:10:00+01:00", 44.0);
/// Strong in Portuguese: its `Duração` is not read (no export has shown how its values are
/// written), so both ends are estimated: 60 minutes for the lifts, 30 for the run.
const STRONG_PT: [Session; 2] = [
    ("strength", "2024-03-04T17:30:00+01:00", 60.0),
    // Its Duração is not read, but the run's set logs its 2400 s.
    ("cardio", "2024-03-06T07:10:00+01:00", 40.0),
];

/// Hevy's leg workout runs 17:30 to 18:35 and its cardio 07:10 to 07:50, on dates in each
/// language's months.
const fn hevy(legs_start: &'static str, cardio_start: &'static str) -> [Session; 2] {
    [
        ("strength", legs_start, 65.0),
        ("cardio", cardio_start, 40.0),
    ]
}

const HEVY_EN: [Session; 2] = hevy("2024-03-04T17:30:00+01:00", "2024-08-06T07:10:00+02:00");
const HEVY_PT: [Session; 2] = hevy("2024-02-04T17:30:00+01:00", "2024-05-06T07:10:00+02:00");
const HEVY_ES: [Session; 2] = hevy("2024-01-04T17:30:00+01:00", "2024-08-06T07:10:00+02:00");
const HEVY_TR: [Session; 2] = hevy("2024-02-04T17:30:00+01:00", "2024-08-06T07:10:00+02:00");
const HEVY_FR: [Session; 2] = hevy("2024-02-04T17:30:00+01:00", "2024-08-06T07:10:00+02:00");
const HEVY_DE: [Session; 2] = hevy("2024-03-04T17:30:00+01:00", "2024-07-06T07:10:00+02:00");
const HEVY_NL: [Session; 2] = hevy("2024-03-04T17:30:00+01:00", "2024-05-06T07:10:00+02:00");

const CASES: &[Case] = &[
    Case {
        file: "strong/en.csv",
        format: "strong",
        sessions: &[STRONG_LEGS, STRONG_RUN],
        // Two squats and two leg presses (the rest timer is no set), one run.
        sets: &[4, 1],
    },
    Case {
        file: "strong/fr.csv",
        format: "strong",
        sessions: &[STRONG_LEGS, STRONG_RUN],
        sets: &[4, 1],
    },
    Case {
        file: "strong/es.csv",
        format: "strong",
        sessions: &[STRONG_LEGS, STRONG_RUN],
        sets: &[4, 1],
    },
    Case {
        file: "strong/de.csv",
        format: "strong",
        sessions: &[STRONG_LEGS, STRONG_RUN],
        sets: &[4, 1],
    },
    Case {
        file: "strong/pt.csv",
        format: "strong",
        sessions: &STRONG_PT,
        sets: &[4, 1],
    },
    Case {
        file: "strong/zh-Hans.csv",
        format: "strong",
        // Lengths in Chinese units: 1小时5分钟 and 44分钟.
        sessions: &[STRONG_LEGS, STRONG_RUN],
        sets: &[4, 1],
    },
    Case {
        file: "hevy/en.csv",
        format: "hevy",
        sessions: &HEVY_EN,
        // A warm-up and two squats, two leg presses; one cardio set.
        sets: &[5, 1],
    },
    Case {
        file: "hevy/pt.csv",
        format: "hevy",
        sessions: &HEVY_PT,
        sets: &[5, 1],
    },
    Case {
        file: "hevy/es.csv",
        format: "hevy",
        sessions: &HEVY_ES,
        sets: &[5, 1],
    },
    Case {
        file: "hevy/tr.csv",
        format: "hevy",
        sessions: &HEVY_TR,
        sets: &[5, 1],
    },
    Case {
        file: "hevy/fr.csv",
        format: "hevy",
        sessions: &HEVY_FR,
        sets: &[5, 1],
    },
    Case {
        file: "hevy/de.csv",
        format: "hevy",
        sessions: &HEVY_DE,
        sets: &[5, 1],
    },
    Case {
        file: "hevy/nl.csv",
        format: "hevy",
        sessions: &HEVY_NL,
        sets: &[5, 1],
    },
    Case {
        file: "fitnotes/en.csv",
        format: "fitnotes",
        // FitNotes has the day only; the leg day's length is unknown (estimated at 60 minutes),
        // the treadmill's is its logged time.
        sessions: &[
            ("strength", "2024-03-04T00:00:00+01:00", 60.0),
            ("cardio", "2024-03-06T00:00:00+01:00", 40.0),
        ],
        sets: &[4, 1],
    },
];

#[test]
fn every_language_of_strong_hevy_and_fitnotes_reads() {
    for case in CASES {
        let path = format!("tests/fixtures/lang/{}", case.file);
        let r = root_json(&path, "general", &[]);
        assert_eq!(r["files"][0]["format"], case.format, "{path}");
        assert_eq!(r["summary"]["skipped_rows"], 0, "{path}");
        let modality: Vec<&str> = case.sessions.iter().map(|s| s.0).collect();
        let start: Vec<&str> = case.sessions.iter().map(|s| s.1).collect();
        let minutes: Vec<f64> = case.sessions.iter().map(|s| s.2).collect();
        assert_eq!(column(&r, "modality"), modality, "{path}");
        assert_eq!(column(&r, "start"), start, "{path}");
        assert_eq!(column(&r, "minutes"), minutes, "{path}");

        let mut sink = Sink::new(false);
        let format = import_file(&fixtures_dir().join("lang").join(case.file), &mut sink)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(format, case.format, "{path}");
        let sets: Vec<u32> = sink
            .workouts
            .iter()
            .map(|w| w.exercises.iter().map(|e| e.sets.count).sum())
            .collect();
        assert_eq!(sets, case.sets, "{path}");
    }
}

#[test]
fn every_language_of_the_tables_has_its_fixture() {
    let dir = fixtures_dir().join("lang");
    for (app, codes) in [
        ("strong", &["en", "fr", "es", "de", "pt", "zh-Hans"][..]),
        ("hevy", &["en", "pt", "es", "tr", "fr", "de", "nl"][..]),
        ("fitnotes", &["en"][..]),
    ] {
        for code in codes {
            let file = format!("{app}/{code}.csv");
            assert!(Path::new(&dir.join(&file)).is_file(), "{file}");
            assert!(CASES.iter().any(|c| c.file == file), "{file} is checked");
        }
    }
}

#[test]
fn a_leg_day_in_a_localized_export_is_a_leg_day() {
    // Squats and leg presses under Hevy's Portuguese and Turkish exercise names, and Strong's
    // English names in a German and a Chinese export.
    for path in [
        "tests/fixtures/lang/hevy/pt.csv",
        "tests/fixtures/lang/hevy/tr.csv",
        "tests/fixtures/lang/strong/de.csv",
        "tests/fixtures/lang/strong/zh-Hans.csv",
    ] {
        let r = root_json(path, "general", &[]);
        assert_eq!(column(&r, "leg_day"), [true, false], "{path}");
    }
}

#[test]
fn an_export_in_a_language_concur_does_not_read_yet_is_named() {
    for (path, parts) in [
        (
            "tests/fixtures/lang/strong/unknown-language.csv",
            &[
                "this looks like a Strong export in a language concur does not read yet",
                "Date = 'Q1', Set Order = 'Q5', Weight = 'Q6', Reps = 'Q7'",
                "English, French, Spanish, German, Portuguese, Chinese (Simplified)",
            ][..],
        ),
        (
            "tests/fixtures/lang/hevy/unknown-language.csv",
            &[
                "this looks like a Hevy export in a language concur does not read yet",
                "'4 мар 2024, 17:30' in 'q_b', 'q_c'",
            ][..],
        ),
    ] {
        let line = fails_with_one_message(
            concur_at_root(),
            &["analyze", path, "--goal", "general", "--tz", TZ],
        );
        assert!(line.contains(path), "{line}");
        for part in parts {
            assert!(line.contains(part), "{part:?} in {line}");
        }
    }
}

#[test]
fn a_set_order_tag_no_language_has_is_skipped_and_named() {
    // Strong translates its rest timer's tag; in a language whose word for it no export has
    // shown, the row is neither counted as a set nor passed over silently.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures_dir().join("lang/strong/pt.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let rest = "2024-03-04 17:30:00,\"Pernas\",1h 5min,\"Squat (Barbell)\",Xyz,0,0.0,0,120.0,,,";
    lines.insert(2, rest);
    crate::common::write(dir.path(), "strong.csv", lines.join("\n") + "\n");
    let r = crate::common::analyze_json(
        crate::common::concur_in(dir.path()),
        &["strong.csv", "--goal", "general", "--tz", TZ],
    );
    assert_eq!(r["summary"]["skipped_rows"], 1);
    let warnings = crate::common::warnings_text(&r).join("\n");
    assert!(
        warnings.contains("'Xyz' in 'Ordem da série' is neither a set number nor a tag"),
        "{warnings}"
    );
    let mut sink = Sink::new(false);
    import_file(&dir.path().join("strong.csv"), &mut sink).unwrap();
    assert_eq!(sink.workouts[0].exercises[0].sets.count, 2, "two squats");
}
