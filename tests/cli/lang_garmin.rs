//! Garmin Connect's activity list in every language of `src/import/lang/garmin.toml`: one
//! fixture per language (`tests/fixtures/lang/garmin/<code>.csv`, that language's header as the
//! export writes it, with invented rows), each read end to end: the format, the sessions, and
//! each session's modality, start and length.

use serde_json::Value;

use crate::common::root_json;

/// Each fixture, and for each of its sessions: start, modality, minutes.
type Expected = (&'static str, &'static [(&'static str, &'static str, f64)]);

const LANGUAGES: &[Expected] = &[
    (
        "en",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "da",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.0),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "sv",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "nb",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
        ],
    ),
    (
        "fi",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
        ],
    ),
    (
        "de",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "nl",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "fr",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "es",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "pt-BR",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "cardio", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
        ],
    ),
    (
        "it",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-04T18:00:00+02:00", "cardio", 32.5),
            ("2024-06-05T17:30:00+02:00", "cardio", 65.0),
        ],
    ),
    (
        "pl",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-04T18:00:00+02:00", "cardio", 45.508),
            ("2024-06-05T17:30:00+02:00", "cardio", 82.367),
        ],
    ),
    (
        "hu",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
    (
        "ko",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
            ("2024-06-06T07:10:00+02:00", "cardio", 39.083),
        ],
    ),
    (
        "ja",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
            ("2024-06-06T10:00:00+02:00", "cardio", 13.5),
        ],
    ),
    (
        "zh-Hans",
        &[
            ("2024-06-03T07:00:00+02:00", "cardio", 50.0),
            ("2024-06-03T18:00:00+02:00", "strength", 45.5),
            ("2024-06-04T17:30:00+02:00", "cardio", 65.0),
            ("2024-06-05T06:45:00+02:00", "cardio", 40.0),
        ],
    ),
];

fn sessions(report: &Value) -> &Vec<Value> {
    report["sessions"].as_array().expect("sessions")
}

#[test]
fn every_language_of_the_table_reads_end_to_end() {
    for (code, expected) in LANGUAGES {
        let path = format!("tests/fixtures/lang/garmin/{code}.csv");
        let r = root_json(&path, "general", &[]);
        assert_eq!(r["files"][0]["format"], "garmin", "{code}");
        assert_eq!(r["summary"]["skipped_rows"], 0, "{code}");
        let got = sessions(&r);
        assert_eq!(got.len(), expected.len(), "{code}: {got:?}");
        for (start, modality, minutes) in expected.iter() {
            let s = got
                .iter()
                .find(|s| s["start"] == *start)
                .unwrap_or_else(|| panic!("{code}: no session at {start}: {got:?}"));
            assert_eq!(s["modality"], *modality, "{code} {start}: {s}");
            let m = s["minutes"].as_f64().unwrap();
            assert!(
                (m - minutes).abs() < 0.05,
                "{code} {start}: {m} min, not {minutes}"
            );
            assert_eq!(s["estimated_end"], false, "{code} {start}");
        }
    }
}

#[test]
fn every_language_of_the_table_has_a_fixture() {
    let table =
        std::fs::read_to_string(crate::common::manifest_dir().join("src/import/lang/garmin.toml"))
            .unwrap();
    let codes: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("code = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(codes.len() >= 15, "{codes:?}");
    for code in codes {
        assert!(
            LANGUAGES.iter().any(|(c, _)| *c == code),
            "{code} has no fixture in this test"
        );
    }
}
