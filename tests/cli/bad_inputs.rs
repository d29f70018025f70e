//! The bad-input corpus in `tests/fixtures/bad/`: every odd file ends either in one clear error
//! (exit 2, the file and the line where there is one, what was expected) or in a report whose
//! skipped rows are counted and explained, one warning per row with its line. `--strict` turns
//! the first skipped row into an error naming that row; a file with nothing skipped gives the
//! same report with `--strict`. Large and deep inputs are generated here, not committed.
//!
//! Each case below is the manifest entry of its file: what a user gets from it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TZ, concur, concur_in, fixtures_dir, one_error, run_json, write};

fn bad_dir() -> PathBuf {
    fixtures_dir().join("bad")
}

enum Outcome {
    /// Exit 2, one message line containing each of these.
    Error(&'static [&'static str]),
    /// Exit 0 and a report.
    Report {
        sessions: usize,
        /// The lines of the rows skipped, in the order of their warnings.
        skipped_lines: &'static [u64],
        /// Each must be in some warning.
        warnings: &'static [&'static str],
        /// Each must be the title of some session (text decoded right).
        titles: &'static [&'static str],
    },
}

use Outcome::{Error, Report};

struct Case {
    files: &'static [&'static str],
    outcome: Outcome,
}

const fn report(sessions: usize, skipped_lines: &'static [u64]) -> Outcome {
    Report {
        sessions,
        skipped_lines,
        warnings: &[],
        titles: &[],
    }
}

const DATE_EXPECTED: &str = "expected a date-time like";
const DURATION_EXPECTED: &str = "expected a duration";
const NOT_TEXT: &str = "the file is not text";
const BEFORE_1970: &str = "before 1970";
const AFTER_TODAY: &str = "after today";
const WINDOWS_1252: &str = "read as Windows-1252";
const NUL_REMOVED: &str = "a NUL byte";
const LEFT_RUNNING: &str = "left running after its last set";
const CUT_IN_QUOTES: &str = "the file ends inside a quoted value";

const CASES: &[Case] = &[
    // ---- concur's generic CSV
    Case {
        files: &["generic/empty.csv"],
        outcome: Report {
            sessions: 0,
            skipped_lines: &[],
            warnings: &["the file is empty"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/blank-lines.csv"],
        outcome: Report {
            sessions: 0,
            skipped_lines: &[],
            warnings: &["the file is empty"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/header-only.csv"],
        outcome: report(0, &[]),
    },
    Case {
        files: &["generic/header-only-no-newline.csv"],
        outcome: report(0, &[]),
    },
    Case {
        files: &["generic/garbage.bin"],
        outcome: Error(&["generic/garbage.bin: unknown log format", NOT_TEXT]),
    },
    Case {
        files: &["generic/garbage-no-nul.bin"],
        outcome: Error(&["generic/garbage-no-nul.bin: unknown log format", NOT_TEXT]),
    },
    // A stray NUL byte in a text field costs nothing but itself: the row is read without it.
    Case {
        files: &["generic/nul-inside.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[NUL_REMOVED],
            titles: &["Tempo run"],
        },
    },
    Case {
        files: &["generic/html-page.csv"],
        outcome: Error(&["generic/html-page.csv", "web page", "download the export"]),
    },
    Case {
        files: &["generic/truncated-last-line.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[4],
            warnings: &["4 fields where the header has 9"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/truncated-in-date.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[4],
            warnings: &["1 field where the header has 9"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/open-quote.csv"],
        outcome: Error(&["generic/open-quote.csv:3:", "quote", "the 2 lines after it"]),
    },
    Case {
        files: &["generic/open-quote-in-last-field.csv"],
        outcome: Error(&[
            "generic/open-quote-in-last-field.csv:3:",
            "quote",
            "the 2 lines after it",
        ]),
    },
    // A quote opened on the last line and never closed: the file was cut inside that value, so
    // the row is cut short, and skipped like any other cut row.
    Case {
        files: &["generic/open-quote-on-last-line.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &[CUT_IN_QUOTES],
            titles: &[],
        },
    },
    Case {
        files: &["generic/cut-in-quoted-note.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &[CUT_IN_QUOTES],
            titles: &[],
        },
    },
    // A note on two lines, properly quoted, is not an open quote.
    Case {
        files: &["generic/multiline-note.csv"],
        outcome: report(2, &[]),
    },
    Case {
        files: &["generic/too-many-fields.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3],
            warnings: &["10 fields where the header has 9"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/too-few-fields.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3],
            warnings: &["5 fields where the header has 9"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/utf8-bom.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Leg day", "Tempo run"],
        },
    },
    Case {
        files: &["generic/utf16le-bom.txt"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Beintag: Kniebeuge", "Lauf im Regen – zügig"],
        },
    },
    Case {
        files: &["generic/utf16be-bom.txt"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Beintag: Kniebeuge", "Lauf im Regen – zügig"],
        },
    },
    Case {
        files: &["generic/utf16le-no-bom.txt"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Beintag: Kniebeuge", "Lauf im Regen – zügig"],
        },
    },
    Case {
        files: &["generic/latin1-semicolon.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[WINDOWS_1252],
            titles: &["Beintag: Kniebeuge", "Lauf – zügig"],
        },
    },
    Case {
        files: &["generic/semicolon-decimal-comma.csv"],
        outcome: report(2, &[]),
    },
    Case {
        files: &["generic/future-date.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[4],
            warnings: &["dated 2099-03-05, after today"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/far-future-typo.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[4],
            warnings: &["dated 2204-03-06, after today"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/before-1970.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[2, 3, 4],
            warnings: &["dated 1899-12-30, before 1970", "dated 1970-01-01"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/unknown-date-format.csv"],
        outcome: Error(&[
            "generic/unknown-date-format.csv:3: column 1 (start)",
            DATE_EXPECTED,
            "\"05/03/2024 18:45\"",
        ]),
    },
    Case {
        files: &["generic/negative-duration.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3],
            warnings: &["negative duration (-5 min)"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/negative-duration-words.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &["negative duration (-5 min)"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/absurd-duration.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3, 4],
            warnings: &["duration of 960.0 h is longer than a day"],
            titles: &[],
        },
    },
    Case {
        // Read as 40 days, then skipped as longer than a day: one bad row does not stop the run.
        files: &["generic/duration-in-days.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &["longer than a day"],
            titles: &[],
        },
    },
    Case {
        // Kept, but the numbers no rule can use are named, not silently dropped.
        files: &["generic/absurd-rpe-and-heart-rate.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[
                "RPE 12 is outside 1 to 10; not used",
                "average heart rate 9999 bpm is not a heart rate",
            ],
            titles: &[],
        },
    },
    Case {
        files: &["generic/end-before-start.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3],
            warnings: &["end is before start"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/absurd-distance.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3],
            warnings: &["a distance of 1.0e300 km takes more than a day"],
            titles: &["Negative run"],
        },
    },
    // RPE 55 and 9999 bpm are out of any range and are not used; the words decide.
    Case {
        files: &["generic/absurd-numbers.csv"],
        outcome: report(2, &[]),
    },
    // Weights are only evidence that an exercise is lifting: absurd ones change nothing.
    Case {
        files: &["generic/absurd-weights.csv"],
        outcome: report(2, &[]),
    },
    Case {
        files: &["generic/absurd-set-times.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["longer than a day"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/dst-gap.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &["2024-03-31 02:30 does not exist in Europe/Berlin"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/dst-overlap.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &["2024-10-27 02:30 happens twice in Europe/Berlin"],
            titles: &[],
        },
    },
    // Every row twice in one file (a sync that exported twice): each session once, and said so.
    // Two rows that differ in anything (here a title, at the same start) are two sessions.
    Case {
        files: &["generic/every-row-twice.csv"],
        outcome: Report {
            sessions: 4,
            skipped_lines: &[],
            warnings: &["4 sessions appeared twice"],
            titles: &["Easy run", "Easy run with strides"],
        },
    },
    // A set with a negative time or distance: the set's other numbers count, that one does
    // not, and a warning says so (a set is not a row that can be skipped on its own).
    Case {
        files: &["generic/negative-set-time.csv"],
        outcome: Report {
            sessions: 3,
            skipped_lines: &[],
            warnings: &["1 set with a negative time or distance; not used"],
            titles: &[],
        },
    },
    // A distance no one covers, next to a logged duration: the session is kept, the distance
    // is not used, and the warning says which and why.
    Case {
        files: &["generic/absurd-distance-with-duration.csv"],
        outcome: Report {
            sessions: 4,
            skipped_lines: &[],
            warnings: &[
                "a distance of 1.0e308 km is more than anyone covers in a day; not used",
                "a distance of 500 km in 30 min is faster than 120 km/h; not used",
            ],
            titles: &["Around the sun", "Warp run", "Tempo run"],
        },
    },
    // The same file twice is the same three sessions, each merged with its twin.
    Case {
        files: &["generic/twice.csv", "generic/twice.csv"],
        outcome: Report {
            sessions: 3,
            skipped_lines: &[],
            warnings: &["3 sessions appeared twice"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/no-start.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[3],
            warnings: &["no start time"],
            titles: &[],
        },
    },
    Case {
        files: &["generic/only-other-sessions.csv"],
        outcome: report(2, &[]),
    },
    // ---- concur's JSON
    Case {
        files: &["json/object-not-array.json"],
        outcome: Error(&[
            "json/object-not-array.json: unknown log format",
            "a JSON document that is not a list of sessions; expected an array of objects with a `start` field, or {\"sessions\": [...]}",
        ]),
    },
    Case {
        files: &["json/sessions-not-array.json"],
        outcome: Error(&[
            "json/sessions-not-array.json:1:13:",
            "expected a JSON array of sessions",
        ]),
    },
    Case {
        files: &["json/array-of-numbers.json"],
        outcome: Error(&[
            "json/array-of-numbers.json:1:2:",
            "expected a session object",
            "found a number",
        ]),
    },
    Case {
        files: &["json/truncated.json"],
        outcome: Error(&["json/truncated.json:3:", "malformed JSON"]),
    },
    Case {
        files: &["json/empty-array.json"],
        outcome: report(0, &[]),
    },
    Case {
        files: &["json/string-duration.json"],
        outcome: Error(&[
            "json/string-duration.json:2:3: field `duration`",
            DURATION_EXPECTED,
            "\"an hour\"",
        ]),
    },
    Case {
        files: &["json/end-before-start.json"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &["end is before start"],
            titles: &[],
        },
    },
    Case {
        files: &["json/null-start.json"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["no start time"],
            titles: &[],
        },
    },
    Case {
        files: &["json/huge-number.json"],
        outcome: Error(&["json/huge-number.json:2:", "number out of range"]),
    },
    Case {
        files: &["json/utf8-bom.json"],
        outcome: report(1, &[]),
    },
    // Whitespace does not change the report: three sessions on one line are three sessions,
    // though two of them start together on line 1.
    Case {
        files: &["json/one-line.json"],
        outcome: report(3, &[]),
    },
    Case {
        files: &["json/pretty.json"],
        outcome: report(3, &[]),
    },
    // ---- Strong
    Case {
        files: &["strong/header-only.csv"],
        outcome: report(0, &[]),
    },
    Case {
        files: &["strong/too-few-fields.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &["6 fields where the header has 12"],
            titles: &[],
        },
    },
    Case {
        files: &["strong/unknown-date.csv"],
        outcome: Error(&[
            "strong/unknown-date.csv:3: column 1 (Date)",
            DATE_EXPECTED,
            "\"5. März 2024 17:30\"",
        ]),
    },
    Case {
        files: &["strong/future-date.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[3],
            warnings: &[AFTER_TODAY],
            titles: &[],
        },
    },
    Case {
        files: &["strong/absurd-weights.csv"],
        outcome: report(1, &[]),
    },
    // Strong's timer left running: the workout is kept with an estimated end, and said so.
    Case {
        files: &["strong/absurd-duration.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[LEFT_RUNNING],
            titles: &[],
        },
    },
    Case {
        files: &["strong/semicolon-decimal-comma.csv"],
        outcome: report(2, &[]),
    },
    // A set log pasted after itself: each workout read once (not squats, run, squats, run).
    Case {
        files: &["strong/every-row-twice.csv"],
        outcome: Report {
            sessions: 3,
            skipped_lines: &[],
            warnings: &["2 workouts appear twice in this file, row for row"],
            titles: &[],
        },
    },
    Case {
        files: &["strong/negative-set-time.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &["1 set with a negative time or distance; not used"],
            titles: &[],
        },
    },
    Case {
        files: &["strong/nul-in-note.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[NUL_REMOVED],
            titles: &[],
        },
    },
    Case {
        files: &["strong/utf16le-bom.txt"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Beintag"],
        },
    },
    // ---- Hevy
    Case {
        files: &["hevy/end-before-start.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["end is before start"],
            titles: &[],
        },
    },
    Case {
        files: &["hevy/forty-days.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[LEFT_RUNNING],
            titles: &[],
        },
    },
    // A lifting workout whose timer ran on for a day: its sets are kept, its end estimated.
    Case {
        files: &["hevy/left-running.csv"],
        outcome: Report {
            sessions: 3,
            skipped_lines: &[],
            warnings: &[
                "workout logged as 24.5 h long, longer than lifting lasts (4 h): left running after its last set? Its 6 sets are kept and its end is estimated from them",
            ],
            titles: &[],
        },
    },
    Case {
        files: &["hevy/unknown-date.csv"],
        outcome: Error(&[
            "hevy/unknown-date.csv:2: column 2 (start_time)",
            "expected a Hevy date-time",
        ]),
    },
    Case {
        files: &["hevy/open-quote.csv"],
        outcome: Error(&["hevy/open-quote.csv:2:", "quote", "the 1 line after it"]),
    },
    // A quote in the middle of a value that closes on the same line: one ragged row.
    Case {
        files: &["hevy/stray-quote.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[2],
            warnings: &["12 fields where the header has 14"],
            titles: &[],
        },
    },
    Case {
        files: &["hevy/dst-gap.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[],
            warnings: &["does not exist in Europe/Berlin"],
            titles: &[],
        },
    },
    // ---- FitNotes
    Case {
        files: &["fitnotes/before-1970.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &[BEFORE_1970],
            titles: &[],
        },
    },
    // FitNotes leaves commas in exercise names unquoted; the extra fields are joined back.
    Case {
        files: &["fitnotes/comma-in-name.csv"],
        outcome: report(1, &[]),
    },
    // A stray trailing comma is mended the same way, which pushes a unit into the weight.
    Case {
        files: &["fitnotes/too-many-fields.csv"],
        outcome: Error(&[
            "fitnotes/too-many-fields.csv:2: column 4 (Weight)",
            "expected a number",
            "\"kgs\"",
        ]),
    },
    Case {
        files: &["fitnotes/latin1.csv"],
        outcome: Report {
            sessions: 2,
            skipped_lines: &[],
            warnings: &[WINDOWS_1252],
            titles: &["Développé couché", "Rameur"],
        },
    },
    // A negative set time is no time: FitNotes days have no times of day anyway.
    Case {
        files: &["fitnotes/negative-time.csv"],
        outcome: report(2, &[]),
    },
    // ---- Strava
    // A negative duration is skipped, as in every other format.
    Case {
        files: &["strava/negative-elapsed.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["negative duration (-5 min)"],
            titles: &[],
        },
    },
    Case {
        files: &["strava/forty-days.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["duration of 960.0 h is longer than a day"],
            titles: &[],
        },
    },
    Case {
        files: &["strava/unknown-date.csv"],
        outcome: Error(&[
            "strava/unknown-date.csv:2: column 2 (Activity Date)",
            "expected a date-time like \"Oct 6, 2022, 11:19:20 PM\"",
        ]),
    },
    Case {
        files: &["strava/future-date.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &[AFTER_TODAY],
            titles: &[],
        },
    },
    Case {
        files: &["strava/utf16le-bom.txt"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Lauf – zügig"],
        },
    },
    // ---- Garmin Connect
    Case {
        files: &["garmin/absurd-time.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["duration of 960.0 h is longer than a day"],
            titles: &[],
        },
    },
    Case {
        files: &["garmin/dst-overlap.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[],
            warnings: &["happens twice in Europe/Berlin"],
            titles: &[],
        },
    },
    Case {
        files: &["garmin/too-few-fields.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["5 fields where the header has 9"],
            titles: &[],
        },
    },
    Case {
        files: &["garmin/before-1970.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[2],
            warnings: &["dated 1969-12-31, before 1970"],
            titles: &[],
        },
    },
    Case {
        files: &["garmin/utf8-bom-crlf.csv"],
        outcome: Report {
            sessions: 1,
            skipped_lines: &[],
            warnings: &[],
            titles: &["Aftenløb"],
        },
    },
];

/// `concur analyze FILES --goal strength --tz Europe/Berlin EXTRA`, run in `dir`.
fn run(dir: &Path, files: &[&str], extra: &[&str]) -> std::process::Output {
    let mut cmd = concur_in(dir);
    cmd.arg("analyze")
        .args(files)
        .args(["--goal", "strength", "--tz", TZ])
        .args(extra);
    cmd.output().expect("concur runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_report(out: &std::process::Output, what: &str) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: expected a report; stderr: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: stdout is not JSON: {e}"))
}

fn check_case(dir: &Path, case: &Case) {
    let what = case.files.join(" ");
    for file in case.files {
        assert!(dir.join(file).is_file(), "the corpus has {file}");
    }
    let out = run(dir, case.files, &["--format", "json"]);
    match &case.outcome {
        Error(parts) => {
            let message = one_error(&out, &what);
            for part in *parts {
                assert!(message.contains(part), "{what}: {part:?} in {message:?}");
            }
            // --strict changes nothing about an error.
            let strict = run(dir, case.files, &["--strict"]);
            assert_eq!(one_error(&strict, &what), message, "{what} with --strict");
        }
        Report {
            sessions,
            skipped_lines,
            warnings,
            titles,
        } => {
            let report = json_report(&out, &what);
            let summary = &report["summary"];
            assert_eq!(summary["sessions"], *sessions, "{what}: sessions");
            assert_eq!(
                summary["skipped_rows"],
                skipped_lines.len(),
                "{what}: skipped rows"
            );
            let all = report["warnings"].as_array().expect("warnings");
            let skips: Vec<&Value> = all.iter().filter(|w| w["kind"] == "skipped_row").collect();
            let lines: Vec<u64> = skips.iter().map(|w| w["line"].as_u64().unwrap()).collect();
            assert_eq!(
                lines, *skipped_lines,
                "{what}: one warning per skipped row, naming its line"
            );
            for skip in &skips {
                assert_eq!(
                    skip["file"], case.files[0],
                    "{what}: the warning names the file"
                );
            }
            let messages: Vec<&str> = all.iter().map(|w| w["message"].as_str().unwrap()).collect();
            // Merges are counted exactly when a warning says how many there were.
            let said: u64 = messages
                .iter()
                .filter(|m| m.contains("appeared twice") || m.contains("appear twice"))
                .map(|m| m.split(' ').next().unwrap().parse::<u64>().unwrap())
                .sum();
            assert_eq!(
                summary["merged_duplicates"], said,
                "{what}: merged duplicates as the warning says"
            );
            for part in *warnings {
                assert!(
                    messages.iter().any(|m| m.contains(part)),
                    "{what}: a warning with {part:?} in {messages:#?}"
                );
            }
            let shown: Vec<&str> = report["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["title"].as_str().unwrap())
                .collect();
            for title in *titles {
                assert!(shown.contains(title), "{what}: {title:?} in {shown:?}");
            }
            // Every format renders it.
            for format in ["table", "markdown"] {
                let out = run(dir, case.files, &["--format", format]);
                assert_eq!(out.status.code(), Some(0), "{what} as {format}");
                assert!(!out.stdout.is_empty(), "{what} as {format}");
            }
            // --strict: the first skipped row is an error naming it; nothing skipped, nothing
            // changes.
            let strict = run(dir, case.files, &["--format", "json", "--strict"]);
            match skipped_lines.first() {
                Some(line) => {
                    let message = one_error(&strict, &format!("{what} --strict"));
                    let at = format!("{}:{line}: ", case.files[0]);
                    assert!(message.contains(&at), "{what}: {at:?} in {message:?}");
                    assert!(message.ends_with("(--strict)"), "{message}");
                }
                None => assert_eq!(
                    json_report(&strict, &what),
                    report,
                    "{what}: --strict changes nothing when nothing is skipped"
                ),
            }
        }
    }
}

#[test]
fn every_file_in_the_corpus_has_its_expected_outcome() {
    let dir = bad_dir();
    for case in CASES {
        check_case(&dir, case);
    }
}

#[test]
fn every_file_in_the_corpus_is_in_the_manifest() {
    let dir = bad_dir();
    let mut listed: Vec<String> = CASES
        .iter()
        .flat_map(|c| c.files.iter().map(|f| f.to_string()))
        .collect();
    listed.sort();
    listed.dedup();
    let mut found = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "README.md") {
                let rel = path.strip_prefix(&dir).unwrap();
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    assert_eq!(
        found, listed,
        "each corpus file has exactly one expected outcome"
    );
}

// ---- generated inputs

const HEADER: &str = "start,end,duration,type,title,rpe,avg_hr,distance_km,notes";
const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn a_ten_megabyte_field_is_read_and_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(TEN_MB);
    write(
        dir.path(),
        "long-note.csv",
        format!(
            "{HEADER}\n2024-03-05 17:30,,60,Strength Training,Leg day,8,,,{long}\n2024-03-05 18:45,,30,Run,Tempo run,7,,6.2,\n"
        )
        .as_bytes(),
    );
    let out = run(dir.path(), &["long-note.csv"], &["--format", "json"]);
    let report = json_report(&out, "long-note.csv");
    assert_eq!(report["summary"]["sessions"], 2);
    assert_eq!(report["summary"]["pairs"], 1);
    assert!(
        out.stdout.len() < 100_000,
        "the note is not copied into the report: {} bytes",
        out.stdout.len()
    );

    // A 10 MB title is the session's title: shown in full in JSON, cut in the table.
    write(
        dir.path(),
        "long-title.csv",
        format!("{HEADER}\n2024-03-05 17:30,,60,Strength Training,{long},8,,,\n").as_bytes(),
    );
    let out = run(dir.path(), &["long-title.csv"], &["--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        out.stdout.len() < 100_000,
        "the table cuts a long title: {} bytes",
        out.stdout.len()
    );

    // A 10 MB value where a date belongs: an error that quotes the start of it, not all of it.
    write(
        dir.path(),
        "long-date.csv",
        format!("{HEADER}\n2024-03-05 17:30{long},,60,Strength Training,Leg day,8,,,\n").as_bytes(),
    );
    let out = run(dir.path(), &["long-date.csv"], &[]);
    let message = one_error(&out, "long-date.csv");
    assert!(
        message.contains("long-date.csv:2: column 1 (start)"),
        "{message}"
    );
    assert!(
        message.contains(&format!("({} characters)", TEN_MB + 16)),
        "{message}"
    );

    // The same in JSON.
    write(
        dir.path(),
        "long-date.json",
        format!("[{{\"start\": \"2024-03-05 17:30{long}\", \"type\": \"Run\"}}]").as_bytes(),
    );
    let out = run(dir.path(), &["long-date.json"], &[]);
    let message = one_error(&out, "long-date.json");
    assert!(
        message.contains("long-date.json:1:2: field `start`"),
        "{message}"
    );
}

#[test]
fn json_nested_ten_thousand_deep_is_an_error_or_ignored_never_a_crash() {
    const DEEP: usize = 10_000;
    let lists = |inner: &str| format!("{}{inner}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let objects = format!("{}1{}", "{\"a\": ".repeat(DEEP), "}".repeat(DEEP));
    let dir = tempfile::tempdir().unwrap();
    let errors = [
        (
            "lists.json",
            lists(""),
            "lists.json:1:2: expected a session object",
        ),
        (
            "in-sessions.json",
            format!("{{\"sessions\": {}}}", lists("")),
            "found a list",
        ),
        (
            "in-a-field.json",
            format!(
                "[{{\"start\": \"2024-03-05 17:30\", \"type\": \"Run\", \"notes\": {objects}}}]"
            ),
            "in-a-field.json:1:",
        ),
        (
            "in-sets.json",
            format!(
                "[{{\"start\": \"2024-03-05 17:30\", \"exercises\": [{{\"name\": \"Squat\", \"sets\": {}}}]}}]",
                lists("")
            ),
            "nested too deep",
        ),
        ("unclosed.json", "[".repeat(DEEP), "unclosed.json:1:"),
    ];
    for (name, content, part) in &errors {
        write(dir.path(), name, content.as_bytes());
        let message = one_error(&run(dir.path(), &[name], &[]), name);
        assert!(message.contains(part), "{name}: {part:?} in {message:?}");
    }
    // Deep values under keys concur does not read are passed over.
    for (name, content) in [
        (
            "deep-meta.json",
            format!("{{\"sessions\": [], \"meta\": {objects}}}"),
        ),
        (
            "deep-meta-list.json",
            format!("{{\"sessions\": [], \"meta\": {}}}", lists("")),
        ),
    ] {
        write(dir.path(), name, content.as_bytes());
        let report = json_report(&run(dir.path(), &[name], &["--format", "json"]), name);
        assert_eq!(report["summary"]["sessions"], 0, "{name}");
    }
}

/// A link in a folder that leads nowhere (dangling) or to itself (a loop) is not an export to
/// read: the folder is read without it, and a warning names it. Given directly, it stops the run.
#[cfg(unix)]
#[test]
fn a_broken_link_in_a_folder_is_passed_over_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    std::fs::copy(bad_dir().join("generic/twice.csv"), logs.join("a.csv")).unwrap();
    std::os::unix::fs::symlink("gone.csv", logs.join("dangling.csv")).unwrap();
    std::os::unix::fs::symlink("loop.csv", logs.join("loop.csv")).unwrap();
    let out = run(dir.path(), &["logs"], &["--format", "json"]);
    let report = json_report(&out, "a folder with broken links");
    assert_eq!(report["summary"]["sessions"], 3);
    let warnings: Vec<(String, String)> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["file"].as_str().unwrap_or_default().to_string(),
                w["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for name in ["logs/dangling.csv", "logs/loop.csv"] {
        assert!(
            warnings
                .iter()
                .any(|(file, m)| file == name && m.contains("not read: ")),
            "a warning names {name}: {warnings:#?}"
        );
    }
    for name in ["logs/dangling.csv", "logs/loop.csv"] {
        let message = one_error(&run(dir.path(), &[name], &[]), name);
        assert!(message.contains(name), "{message}");
    }
}

/// A workout left running keeps every set, with the length its sets give (the lifting 60 min
/// shared by sets, the treadmill its logged 15 min), marked as estimated.
#[test]
fn a_workout_left_running_keeps_its_sets_and_estimates_its_end() {
    let mut cmd = concur();
    cmd.args(["analyze", "bad/hevy/left-running.csv", "--goal", "strength"])
        .args(["--tz", "Europe/Berlin", "--no-config", "--format", "json"]);
    let report = run_json(cmd);
    let lengths: Vec<(String, f64, bool)> = report["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["modality"].as_str().unwrap().to_string(),
                s["minutes"].as_f64().unwrap(),
                s["estimated_end"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lengths,
        [
            ("strength".to_string(), 60.0, true),
            ("cardio".to_string(), 15.0, true),
            ("cardio".to_string(), 40.0, false),
        ]
    );
    assert_eq!(report["summary"]["skipped_rows"], 0);
}

/// An unzipped export is a folder of many files: those in no format concur reads (a profile
/// CSV, a JSON of settings, KML tracks, a photo) are passed over with warnings naming them, and
/// the exports in it are read. Named on its own, an unknown file still stops the run with the
/// list of the apps concur reads; a folder with nothing readable stops it too.
#[test]
fn a_folder_passes_over_files_in_no_known_format_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::copy(bad_dir().join("generic/twice.csv"), export.join("a.csv")).unwrap();
    write(
        &export,
        "profile.csv",
        "Athlete Id,Email,First Name\n1,a@b.c,A\n",
    );
    write(&export, "settings.json", "{\"units\": \"metric\"}\n");
    write(&export, "1234.kml", "<kml></kml>\n");
    write(&export, "2345.kml", "<kml></kml>\n");
    write(&export, ".DS_Store", "x");
    let out = run(dir.path(), &["export"], &["--format", "json"]);
    let report = json_report(&out, "an unzipped export");
    assert_eq!(report["summary"]["sessions"], 3);
    let warnings: Vec<(String, String)> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["file"].as_str().unwrap_or_default().to_string(),
                w["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for name in ["export/profile.csv", "export/settings.json"] {
        assert!(
            warnings
                .iter()
                .any(|(file, m)| file == name && m.contains("not read, in no format concur reads")),
            "a warning names {name}: {warnings:#?}"
        );
    }
    assert!(
        warnings.iter().any(|(file, m)| file == "export"
            && m == "not read: 2 files of a kind concur does not read (1234.kml, 2345.kml)"),
        "{warnings:#?}"
    );
    assert!(!format!("{warnings:?}").contains("DS_Store"));

    let alone = one_error(
        &run(dir.path(), &["export/profile.csv"], &[]),
        "profile.csv",
    );
    assert!(alone.contains("concur reads exports of "), "{alone}");

    let nothing = dir.path().join("nothing");
    std::fs::create_dir(&nothing).unwrap();
    write(
        &nothing,
        "profile.csv",
        "Athlete Id,Email,First Name\n1,a@b.c,A\n",
    );
    let message = one_error(&run(dir.path(), &["nothing"], &[]), "nothing");
    assert!(message.contains("nothing/profile.csv"), "{message}");
}

/// Broken XML (a GPX whose elements do not close, a TCX cut short) in a folder is passed over
/// with a warning naming the file, its line and what is wrong, as a damaged archive entry is;
/// the rest of the folder is read. Named alone, the same file stops the run with exit 2.
#[test]
fn broken_xml_in_a_folder_is_passed_over_and_alone_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::copy(bad_dir().join("generic/twice.csv"), export.join("a.csv")).unwrap();
    write(
        &export,
        "broken.gpx",
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"x\"><trk><trkseg>\n<trkpt lat=\"1\" lon=\"2\"><time>2024-03-05T06:00:00Z</time></trkpt>\n</gpx>\n",
    );
    write(
        &export,
        "cut.tcx",
        "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">\n<Id>2024-03-05T06:00:00Z</Id>\n",
    );
    let out = run(dir.path(), &["export"], &["--format", "json"]);
    let report = json_report(&out, "a folder with broken XML");
    assert_eq!(report["summary"]["sessions"], 3);
    let said = |file: &str, line: u64, what: &str| {
        report["warnings"].as_array().unwrap().iter().any(|w| {
            w["file"] == file && w["line"] == line && w["message"].as_str().unwrap().contains(what)
        })
    };
    assert!(
        said(
            "export/broken.gpx",
            4,
            "expected </trkseg> here, found </gpx>"
        ),
        "{}",
        report["warnings"]
    );
    assert!(
        said("export/cut.tcx", 4, "cut short"),
        "{}",
        report["warnings"]
    );
    let alone = one_error(&run(dir.path(), &["export/broken.gpx"], &[]), "broken.gpx");
    assert!(alone.contains("broken.gpx:4:1: broken XML"), "{alone}");
}
