//! Helpers shared by the end-to-end tests: run the real `concur` binary, read its JSON report.
//!
//! Every run passes an explicit `--tz` so that results never depend on the machine's zone.

#![allow(dead_code)] // each test crate uses a different subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

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

/// `concur` with the working directory in `tests/fixtures`, so that fixture names can be given
/// bare and come back bare in reports and messages.
pub fn concur() -> Command {
    let mut cmd = Command::cargo_bin("concur").expect("the concur binary is built");
    cmd.current_dir(fixtures_dir());
    // Make sure nothing about the machine leaks in: the tests always pass --tz.
    cmd.env_remove("TZ");
    cmd
}

/// `concur` with the working directory at the crate root (for `sample-data/month.csv`).
pub fn concur_at_root() -> Command {
    let mut cmd = concur();
    cmd.current_dir(manifest_dir());
    cmd
}

pub const SAMPLE: &str = "sample-data/month.csv";

/// Runs `concur analyze <args> --format json`, asserts exit 0 and an empty stderr, and parses
/// stdout.
pub fn analyze_json(mut cmd: Command, args: &[&str]) -> Value {
    cmd.arg("analyze").args(args).args(["--format", "json"]);
    let out = cmd.output().expect("concur runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "concur analyze {args:?} failed: {}",
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

/// The sample month for a goal, as JSON.
pub fn sample_json(goal: &str) -> Value {
    analyze_json(concur_at_root(), &[SAMPLE, "--goal", goal, "--tz", TZ])
}

/// A fixture for a goal, as JSON.
pub fn fixture_json(name: &str, goal: &str, extra: &[&str]) -> Value {
    let mut args = vec![name, "--goal", goal, "--tz", TZ];
    args.extend_from_slice(extra);
    analyze_json(concur(), &args)
}

/// Runs `concur <args>` expecting a failure; returns stderr after checking exit code 2, an
/// empty stdout, and a single message line.
pub fn fails(mut cmd: Command, args: &[&str]) -> String {
    let out = cmd.args(args).output().expect("concur runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "concur {args:?} should exit 2; stderr: {stderr}; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "a failed run prints no report, got: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    stderr
}

/// Like [`fails`] for an input error concur reports itself (not clap): exactly one line,
/// starting with `concur: `.
pub fn fails_with_one_message(cmd: Command, args: &[&str]) -> String {
    let stderr = fails(cmd, args);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "expected one message line on stderr, got: {stderr:?}"
    );
    assert!(
        lines[0].starts_with("concur: "),
        "the message says who is speaking: {stderr:?}"
    );
    lines[0].to_string()
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

/// The pair of a day (a day of the fixtures has at most one unless said otherwise).
pub fn day<'a>(report: &'a Value, date: &str) -> &'a Value {
    report["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("no day {date} in the report"))
}

pub fn sessions(report: &Value) -> &Vec<Value> {
    report["sessions"].as_array().expect("sessions is an array")
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

pub mod contract;
