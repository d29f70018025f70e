//! The weekly commands: `review`, `init` and the config file, `--fail-on` exit codes,
//! completions and the man page.

use crate::common::{concur_at_root, concur_in, manifest_dir, run_json, unwrapped};

/// A file of sample-data/, as an absolute path (the commands run in a folder of their own).
fn sample(name: &str) -> String {
    manifest_dir()
        .join("sample-data")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn review_compares_the_week_with_the_four_before_and_suggests() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = concur_in(dir.path());
    cmd.args(["review", "--goal", "strength", "--tz", "Europe/Berlin"])
        .args(["--today", "2024-03-18", "--format", "json"])
        .arg(sample("month.csv"));
    let r = run_json(cmd);
    // 2024-03-18 is a Monday: the last full week is 2024-W11.
    assert_eq!(r["week"], "2024-W11");
    assert_eq!(r["score"], 50.0);
    assert_eq!(r["previous_mean"], 83.3, "only W10 has a score before");
    assert_eq!(r["previous"].as_array().unwrap().len(), 4);
    assert_eq!(r["strength_sessions"], 3);
    let rules: Vec<&str> = r["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["pairs"].as_array().unwrap())
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["W3", "W4", "W1"]);
    let suggestions: Vec<&str> = r["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(suggestions.len(), 2, "{suggestions:?}");
    assert!(
        suggestions[0].starts_with("Tuesday: the 45 min hard Intervals 6x800m came 15 min before"),
        "the conflict comes first: {suggestions:?}"
    );
    assert!(suggestions[1].starts_with("Thursday:"), "{suggestions:?}");
    // The same contract as the report's: its schema, and the warnings of the analysis.
    assert_eq!(r["schema"], 1);
    let kinds: Vec<&str> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"assumption"), "{kinds:?}");
}

#[test]
fn review_of_a_week_without_strength_suggests_the_priority_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = concur_in(dir.path())
        .args(["review", "--goal", "strength", "--tz", "Europe/Berlin"])
        .args(["--week", "2024-W12"])
        .arg(sample("month.csv"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("B2 conflict"), "{text}");
    assert!(text.contains("No strength session this week"), "{text}");
}

#[test]
fn review_as_html_shows_the_week_and_the_four_before() {
    let dir = tempfile::tempdir().unwrap();
    let out = concur_in(dir.path())
        .args(["review", "--goal", "strength", "--tz", "Europe/Berlin"])
        .args(["--today", "2024-03-18", "--format", "html"])
        .arg(sample("month.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The W4 conflict of Tuesday 2024-03-12, in the reviewed week.
    assert!(
        html.contains(r#"data-rule="W4""#),
        "the week's conflict is on the page"
    );
}

#[test]
fn init_writes_a_config_that_review_then_uses() {
    let dir = tempfile::tempdir().unwrap();
    concur_in(dir.path())
        .args(["init", "--goal", "endurance", "--tz", "Europe/Berlin"])
        .assert()
        .success();
    let path = dir.path().join("concur.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("goal = \"endurance\""));
    // A second init does not overwrite it.
    concur_in(dir.path()).arg("init").assert().code(2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    let with_files = text.replace(
        "files = [",
        &format!(
            "files = [\n  {:?},",
            manifest_dir().join("sample-data").join("month.csv")
        ),
    );
    std::fs::write(&path, with_files).unwrap();
    let mut cmd = concur_in(dir.path());
    cmd.args(["analyze", "--format", "json"]);
    let r = run_json(cmd);
    assert_eq!(r["goal"], "endurance", "the goal comes from the config");
    assert_eq!(r["timezone"], "Europe/Berlin");
    assert_eq!(r["summary"]["sessions"], 36);

    // A flag wins over the config.
    let mut cmd = concur_in(dir.path());
    cmd.args(["analyze", "--format", "json", "--goal", "strength"]);
    let r = run_json(cmd);
    assert_eq!(r["goal"], "strength");
}

#[test]
fn a_folder_in_the_config_reads_every_export_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    for name in ["strong.csv", "strava_activities.csv"] {
        std::fs::copy(
            manifest_dir().join("sample-data").join(name),
            exports.join(name),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("concur.toml"),
        "goal = 'strength'\ntz = 'Europe/Berlin'\nfiles = ['exports']\n",
    )
    .unwrap();
    let mut cmd = concur_in(dir.path());
    cmd.args(["analyze", "--format", "json"]);
    let r = run_json(cmd);
    assert_eq!(r["files"].as_array().unwrap().len(), 2);
    assert_eq!(r["summary"]["score"], 72.2);
}

#[test]
fn a_bad_config_names_the_key_and_line() {
    let dir = dir_with_config("goal = 'strength'\n\n[thresholds]\nlong_cardio = 45\n");
    let out = concur_in(dir.path())
        .arg("analyze")
        .arg(sample("month.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("concur: concur.toml:4:1: "), "{err}");
    assert!(err.contains("long_cardio"), "{err}");
    // --no-config ignores it.
    concur_in(dir.path())
        .args(["analyze", "--no-config", "--goal", "strength"])
        .arg(sample("month.csv"))
        .assert()
        .success();
}

#[test]
fn no_goal_anywhere_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = concur_in(dir.path())
        .args(["analyze", "--no-config"])
        .arg(sample("month.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no goal given"));
}

fn exit_code(goal: &str, fail_on: &str, extra: &[&str]) -> Option<i32> {
    let dir = tempfile::tempdir().unwrap();
    concur_in(dir.path())
        .args([
            "analyze",
            "--goal",
            goal,
            "--tz",
            "Europe/Berlin",
            "--fail-on",
            fail_on,
        ])
        .args(extra)
        .arg(sample("month.csv"))
        .output()
        .unwrap()
        .status
        .code()
}

#[test]
fn fail_on_exits_1_only_when_the_report_has_that_verdict() {
    // Strength: W4 conflict on 2024-03-12 and B2 in W12.
    assert_eq!(exit_code("strength", "conflict", &[]), Some(1));
    assert_eq!(exit_code("strength", "caution", &[]), Some(1));
    // General: every pair aligned, but B1 cautions for one-sided weeks.
    assert_eq!(exit_code("general", "conflict", &[]), Some(0));
    assert_eq!(exit_code("general", "caution", &[]), Some(1));
    // 2024-W13 for strength: S1 and W2 aligned, no week finding.
    assert_eq!(
        exit_code("strength", "caution", &["--week", "2024-W13"]),
        Some(0)
    );
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = concur_in(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let bash = String::from_utf8(out.stdout).unwrap();
    assert!(
        bash.contains("_concur()") && bash.contains("--fail-on"),
        "{bash}"
    );
    let out = concur_in(dir.path()).arg("man").output().unwrap();
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH concur"),
        "{man}"
    );
    assert!(man.contains("review"));
}

#[test]
fn rules_shows_the_thresholds_of_the_config_in_force() {
    let dir = dir_with_config("[thresholds]\nseparation_hours = 4\nlong = 60\n");
    let out = concur_in(dir.path()).arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("separated >= 4 h"), "{text}");
    assert!(text.contains("long > 60 min"), "{text}");
    // The rules' conditions follow too (their reasons keep the numbers their sources give).
    assert!(text.contains("< 4 h") && !text.contains("< 6 h"), "{text}");
    let out = concur_in(dir.path())
        .args(["rules", "--no-config"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("separated >= 6 h")
    );
}

#[test]
fn tz_of_finds_the_file_however_its_path_is_written() {
    let mut cmd = concur_at_root();
    cmd.args(["analyze", "./sample-data/month.csv", "--goal", "strength"])
        .args(["--tz", "Europe/Berlin", "--no-config", "--format", "json"])
        .args(["--tz-of", "sample-data/month.csv=America/New_York"]);
    let r = run_json(cmd);
    // 07:00 in New York is 13:00 in Berlin.
    assert_eq!(r["sessions"][0]["start"], "2024-03-04T13:00:00+01:00");
}

/// A fresh folder holding a `concur.toml` with this text, for concur to be run in.
fn dir_with_config(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("concur.toml"), toml).unwrap();
    dir
}

/// Help is wrapped at word boundaries, at 80 columns where there is no terminal to measure.
#[test]
fn help_is_wrapped_between_words() {
    for command in ["analyze", "review", "rules", "init"] {
        let out = concur_at_root().args([command, "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "concur {command} --help: {line:?}"
            );
        }
        if ["analyze", "review"].contains(&command) {
            // The description of the files, cut only at spaces.
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains("Export files or folders"),
                "{command}: {flat}"
            );
        }
    }
}

/// `concur init` asks for the goal and the zone on a terminal; without one it needs `--goal`
/// rather than writing a goal the user never chose.
#[test]
fn init_asks_on_a_terminal_and_needs_a_goal_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = concur_in(dir.path())
        .arg("init")
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("concur init needs --goal (strength, hypertrophy (muscle)"),
        "{stderr}"
    );
    assert!(!dir.path().join("concur.toml").exists());

    // On a terminal (a pseudo-terminal made by `script`, where the system has it): a misspelled
    // goal is asked again, and Enter takes the proposed zone.
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to give concur a terminal");
        return;
    }
    let binary = assert_cmd::cargo::cargo_bin("concur");
    let mut child = std::process::Command::new(script)
        .current_dir(dir.path())
        .env("TZ", "America/Chicago")
        .args(["-qec", &format!("{} init", binary.display()), "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"strenght\nstrength\n\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("\"strenght\" is not a goal"), "{shown}");
    assert!(
        shown.contains("The time zone your workouts were logged in [America/Chicago]"),
        "{shown}"
    );
    let text = std::fs::read_to_string(dir.path().join("concur.toml")).unwrap();
    assert!(text.contains("goal = \"strength\""), "{text}");
    assert!(text.contains("tz = \"America/Chicago\""), "{text}");
}

/// A report written to `-o FILE` is announced on a terminal, and only there.
#[test]
fn a_report_written_to_a_file_is_announced_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "analyze",
        &sample("month.csv"),
        "--goal",
        "strength",
        "--format",
        "html",
        "-o",
        "report.html",
    ]
    .map(str::to_string);
    let out = concur_in(dir.path()).args(&args).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "silent for a script"
    );
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to give concur a terminal");
        return;
    }
    let line = format!(
        "{} {}",
        assert_cmd::cargo::cargo_bin("concur").display(),
        args.join(" ")
    );
    let out = std::process::Command::new(script)
        .current_dir(dir.path())
        .args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("wrote report.html"), "{shown:?}");
}

/// `analyze` and `review` take the same output flags, meaning the same in both, and a flag a
/// format does not use is named on stderr.
#[test]
fn shared_flags_mean_the_same_and_unused_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let run = |command: &str, extra: &[&str]| {
        concur_in(dir.path())
            .args([command, "--goal", "strength", "--tz", "Europe/Berlin"])
            .args(["--week", "2024-W11"])
            .args(extra)
            .arg(sample("month.csv"))
            .output()
            .unwrap()
    };
    let (table, text) = (
        run("review", &["--format", "table"]),
        run("review", &["--format", "text"]),
    );
    assert!(table.status.success(), "review --format table is a format");
    assert_eq!(table.stdout, text.stdout, "text is the table's other name");

    for command in ["analyze", "review"] {
        // --explain: the measured values under each pair, in the table and in Markdown.
        for format in ["table", "markdown"] {
            let plain = run(command, &["--format", format]);
            let explained = run(command, &["--format", format, "--explain"]);
            let (plain, explained) = (
                String::from_utf8(plain.stdout).unwrap(),
                String::from_utf8(explained.stdout).unwrap(),
            );
            assert!(!plain.contains("measured: gap"), "{command} {format}");
            assert!(
                unwrapped(&explained).contains(
                    "measured: gap 15 min (back-to-back; back-to-back <= 30 min, separated >= 6 h)"
                ),
                "{command} --format {format} --explain:\n{explained}"
            );
            assert!(explained.starts_with(plain.lines().next().unwrap()));
        }
        // --color: escapes on request, none when piped or with never.
        let always = run(command, &["--color", "always"]);
        assert!(String::from_utf8_lossy(&always.stdout).contains("\x1b["));
        let never = run(command, &["--color", "never"]);
        assert!(!String::from_utf8_lossy(&never.stdout).contains('\x1b'));
        assert!(!String::from_utf8_lossy(&run(command, &[]).stdout).contains('\x1b'));

        // Flags the format does not use are named, and the output is untouched.
        let out = run(
            command,
            &["--format", "json", "--explain", "--color", "always"],
        );
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(
                "--explain has no effect with --format json, which always carries the measured values"
            ),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("--color colours the table only; it has no effect with --format json"),
            "{command}: {stderr}"
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("the JSON is untouched");
        let quiet = run(command, &["--format", "markdown", "--explain"]);
        assert!(quiet.stderr.is_empty(), "--explain works in Markdown");
    }
    let all = run("analyze", &["--format", "json", "--all"]);
    assert!(
        String::from_utf8_lossy(&all.stderr).contains("--all has no effect with --format json")
    );

    // --since means "only days on or after": in review, the weeks before are compared from it.
    let json = |extra: &[&str]| {
        let out = run("review", &[&["--format", "json"], extra].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let whole = json(&[]);
    let first = &whole["days"][0]["pairs"][0];
    assert!(
        first["facts"]["cardio_minutes"].is_number(),
        "a review's pair has the report's facts: {first}"
    );
    let since = json(&["--since", "2024-03-04"]);
    let scored = |v: &serde_json::Value| {
        v["previous"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| !w["score"].is_null())
            .count()
    };
    assert_eq!(scored(&whole), 1, "{whole}");
    assert_eq!(scored(&since), 1, "2024-W10 starts on 2024-03-04: {since}");
    let cut = json(&["--since", "2024-03-11"]);
    assert_eq!(scored(&cut), 0, "the week before is left out: {cut}");
    assert_eq!(cut["score"], whole["score"], "the week itself is whole");
    let late = run("review", &["--since", "2024-03-18"]);
    assert_eq!(late.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&late.stderr)
            .contains("--since 2024-03-18 is after week 2024-W11 (2024-03-11 to 2024-03-17)")
    );
}

/// Every page the top man page points to exists: one per command, printed or written to a
/// folder.
#[test]
fn man_pages_exist_for_every_command_the_top_page_names() {
    let top = concur_at_root().arg("man").output().unwrap();
    let top = String::from_utf8(top.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = concur_at_root()
        .args(["man", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    for command in ["analyze", "review", "rules", "init", "completions", "man"] {
        assert!(top.contains(&format!("concur\\-{command}(1)")), "{command}");
        let page = concur_at_root().args(["man", command]).output().unwrap();
        let page = String::from_utf8(page.stdout).unwrap();
        assert!(page.contains(&format!(".TH concur-{command} 1")), "{page}");
        let file = dir.path().join(format!("concur-{command}.1"));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), page, "{command}");
    }
    let analyze = std::fs::read_to_string(dir.path().join("concur-analyze.1")).unwrap();
    assert!(
        analyze.contains("separation\\-hours"),
        "the thresholds are on the page"
    );
    let unknown = concur_at_root().args(["man", "analyse"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("the commands are analyze"));
}

/// A review of a week after the logs end says so first, judges nothing in it (no week rule, no
/// suggestion, no `--fail-on`), and shows the warnings `analyze` would.
#[test]
fn review_of_a_week_after_the_logs_end_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let review = |extra: &[&str]| {
        concur_in(dir.path())
            .args(["review", "--goal", "strength", "--tz", "Europe/Berlin"])
            .args(["--week", "2024-W30"])
            .args(extra)
            .arg(sample("month.csv"))
            .output()
            .unwrap()
    };
    let out = review(&[]);
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("\nWarnings\n"), "{shown}");
    let text = unwrapped(&shown);
    assert!(
        text.contains("Your logs end on 2024-04-13, before this week: export them again, or review their last week: concur review --week 2024-W15"),
        "{text}"
    );
    assert!(
        !text.contains("B2"),
        "no week rule on a week without data: {text}"
    );
    assert!(!text.contains("Suggestions"), "{text}");
    assert!(
        text.contains("the logs run from 2024-03-04 to 2024-04-13"),
        "{text}"
    );
    assert_eq!(review(&["--fail-on", "caution"]).status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_slice(&review(&["--format", "json"]).stdout).unwrap();
    assert_eq!(json["logs_end"], "2024-04-13");
    assert!(json["findings"].as_array().unwrap().is_empty());
}
