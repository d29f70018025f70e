//! Helpers shared by the end-to-end tests: run the real `concur` binary, read its JSON report.
//!
//! Every run passes an explicit `--tz` so that results never depend on the machine's zone.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub mod contract;

pub const TZ: &str = "Europe/Berlin";

pub const GOALS: [&str; 6] = [
    "strength",
    "hypertrophy",
    "fat-loss",
    "endurance",
    "general",
    "hybrid",
];

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures_dir() -> PathBuf {
    manifest_dir().join("tests").join("fixtures")
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures_dir().join(name)
}

/// The one place a test gets the `concur` binary: run in `dir`, with nothing about the machine
/// leaking in. The tests always pass `--tz` (or read it from a config they wrote), so `TZ` is
/// removed; a config comes only from `dir` or a flag, so `CONCUR_CONFIG` is removed.
pub fn concur_in(dir: impl AsRef<Path>) -> Command {
    let mut cmd = Command::cargo_bin("concur").expect("the concur binary is built");
    cmd.current_dir(dir.as_ref())
        .env_remove("TZ")
        .env_remove("CONCUR_CONFIG");
    cmd
}

/// `concur` with the working directory in `tests/fixtures`, so that fixture names can be given
/// bare and come back bare in reports and messages.
pub fn concur() -> Command {
    concur_in(fixtures_dir())
}

/// `concur` with the working directory at the crate root (for `sample-data/month.csv`).
pub fn concur_at_root() -> Command {
    concur_in(manifest_dir())
}

pub const SAMPLE: &str = "sample-data/month.csv";

/// Runs `cmd` (which asks for `--format json`), asserts exit 0 and an empty stderr, and parses
/// stdout.
pub fn run_json(mut cmd: Command) -> Value {
    let out = cmd.output().expect("concur runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "a successful run prints nothing on stderr, got: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Runs `concur analyze <args> --format json`, asserts exit 0 and an empty stderr, and parses
/// stdout.
pub fn analyze_json(mut cmd: Command, args: &[&str]) -> Value {
    cmd.arg("analyze").args(args).args(["--format", "json"]);
    run_json(cmd)
}

/// The sample month for a goal, as JSON.
pub fn sample_json(goal: &str) -> Value {
    analyze_json(concur_at_root(), &[SAMPLE, "--goal", goal, "--tz", TZ])
}

/// A fixture for a goal, as JSON: `name` is given from `tests/fixtures`.
pub fn fixture_json(name: &str, goal: &str, extra: &[&str]) -> Value {
    let mut args = vec![name, "--goal", goal, "--tz", TZ];
    args.extend_from_slice(extra);
    analyze_json(concur(), &args)
}

/// A file for a goal, as JSON: `path` is given from the crate root (`sample-data/...`,
/// `tests/fixtures/...`).
pub fn root_json(path: &str, goal: &str, extra: &[&str]) -> Value {
    let mut args = vec![path, "--goal", goal, "--tz", TZ];
    args.extend_from_slice(extra);
    analyze_json(concur_at_root(), &args)
}

/// `concur analyze FILE --goal GOAL --tz Europe/Berlin --format json` at the crate root, for a
/// file anywhere (a real export, a file written in a temporary folder): asserts a successful
/// run (warnings on stderr allowed) and returns the report.
pub fn file_json(file: &Path, goal: &str) -> Value {
    let out = concur_at_root()
        .args(["analyze", "--goal", goal, "--tz", TZ, "--format", "json"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What the library imports of one file, given from the crate root, without the binary.
pub fn imported(path: &str) -> concur::import::Imported {
    concur::import::import_files(&[manifest_dir().join(path)], false).unwrap()
}

/// The files with this extension in `../shared/real-exports/<folder>` (the real exports beside
/// the project), in order; `None`, said on stderr, where the folder is not there.
pub fn real_exports(folder: &str, extension: &str) -> Option<Vec<PathBuf>> {
    let dir = manifest_dir().join("../shared/real-exports").join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is not here", dir.display());
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    Some(files)
}

/// Checks that a run failed: exit code 2 and an empty stdout. Returns stderr. `what` names the
/// run in the messages.
pub fn failed(out: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what} should exit 2; stderr: {stderr}; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "{what}: a failed run prints no report, got: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    stderr
}

/// Like [`failed`] for an input error concur reports itself (not clap): exactly one line,
/// starting with `concur: `, short enough for a person to read. Returns that line.
pub fn one_error(out: &Output, what: &str) -> String {
    let stderr = failed(out, what);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: expected one message line on stderr, got: {stderr:?}"
    );
    assert!(
        lines[0].starts_with("concur: "),
        "{what}: the message says who is speaking: {stderr:?}"
    );
    // The length without the file it names (`concur: PATH: ...`): where the file lies (the
    // repository's folder, a temporary one) is not the message's doing.
    let body = &lines[0]["concur: ".len()..];
    let length = match body.split_once(": ") {
        Some((path, rest)) if path.contains(['/', '.']) && !path.contains(' ') => rest.len(),
        _ => body.len(),
    };
    assert!(
        length < 400,
        "{what}: a message a person can read, got {length} characters"
    );
    lines[0].to_string()
}

/// Runs `concur <args>` expecting a failure: see [`failed`]. Returns stderr.
pub fn fails(mut cmd: Command, args: &[&str]) -> String {
    let out = cmd.args(args).output().expect("concur runs");
    failed(&out, &format!("concur {args:?}"))
}

/// `concur analyze PATH --goal GOAL --tz Europe/Berlin` at the crate root must fail (see
/// [`failed`]) with a message holding each of `parts`.
pub fn assert_fails_saying(path: &str, goal: &str, parts: &[&str]) {
    let err = fails(
        concur_at_root(),
        &["analyze", path, "--goal", goal, "--tz", TZ],
    );
    for part in parts {
        assert!(err.contains(part), "{path}: {part:?} in {err}");
    }
}

/// The error of `concur analyze PATH --goal GOAL --tz Europe/Berlin --strict` at the crate root,
/// which must fail (see [`failed`]).
pub fn strict_error(path: &str, goal: &str) -> String {
    fails(
        concur_at_root(),
        &["analyze", path, "--goal", goal, "--tz", TZ, "--strict"],
    )
}

/// Runs `concur <args>` expecting one message of concur's own: see [`one_error`].
pub fn fails_with_one_message(mut cmd: Command, args: &[&str]) -> String {
    let out = cmd.args(args).output().expect("concur runs");
    one_error(&out, &format!("concur {args:?}"))
}

/// All pairs of a report, with the date of the day they belong to.
pub fn pairs(report: &Value) -> Vec<(String, Value)> {
    report["days"]
        .as_array()
        .expect("days is an array")
        .iter()
        .flat_map(|d| {
            let date = d["date"].as_str().unwrap().to_string();
            d["pairs"]
                .as_array()
                .expect("pairs is an array")
                .iter()
                .map(move |p| (date.clone(), p.clone()))
        })
        .collect()
}

/// The entry of a day in `days`.
pub fn day<'a>(report: &'a Value, date: &str) -> &'a Value {
    report["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("no day {date} in the report: {}", report["days"]))
}

/// The pairs of a day, in order.
pub fn pairs_on<'a>(report: &'a Value, date: &str) -> &'a Vec<Value> {
    day(report, date)["pairs"]
        .as_array()
        .expect("pairs is an array")
}

pub fn sessions(report: &Value) -> &Vec<Value> {
    report["sessions"].as_array().expect("sessions is an array")
}

/// One field of every session, in order.
pub fn column<'a>(report: &'a Value, field: &str) -> Vec<&'a Value> {
    sessions(report).iter().map(|s| &s[field]).collect()
}

/// The session of a report that starts at `start`, as the report writes it.
pub fn session_starting<'a>(report: &'a Value, start: &str) -> &'a Value {
    sessions(report)
        .iter()
        .find(|s| s["start"] == start)
        .unwrap_or_else(|| panic!("no session starting {start}: {}", report["sessions"]))
}

/// The format each file of a report was read as, in the report's order.
pub fn formats(report: &Value) -> Vec<&str> {
    report["files"]
        .as_array()
        .expect("files is an array")
        .iter()
        .map(|f| f["format"].as_str().unwrap())
        .collect()
}

/// A number within 0.05 of `expected` (minutes estimated from a distance).
pub fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 0.05)
}

pub fn warnings_text(report: &Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .expect("warnings is an array")
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect()
}

pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Writes a file the test makes up (in a temporary folder).
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), content).unwrap();
}

/// Terminal text with every run of white space (a wrapped line's break and indent among them)
/// made one space, to find a sentence wherever it broke.
pub fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
