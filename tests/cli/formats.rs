//! The input shapes of concur's own format (README, "The generic format"): a set log, JSON lists
//! with and without exercises, a `{"sessions": [...]}` wrapper, semicolon CSV with decimal
//! commas, a BOM with CRLF line ends, and empty files.

use crate::common::contract::assert_contract;
use crate::common::*;

#[test]
fn set_log_splits_squats_then_treadmill_into_strength_then_cardio() {
    let r = fixture_json("set-log.csv", "strength", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s.len(), 4, "3 workouts, the first split in two: {s:#?}");

    // The 17:00-18:10 workout: 5 sets of squats and RDLs, then 20 min (1200 s) on the treadmill.
    let (lift, run) = (&s[0], &s[1]);
    assert_eq!(lift["modality"], "strength");
    assert_eq!(lift["leg_day"], true, "squats and RDLs are lower body");
    assert_eq!(lift["start"], "2024-05-06T17:00:00+02:00");
    assert_eq!(lift["end"], "2024-05-06T17:50:00+02:00");
    assert_eq!(
        lift["line"], 2,
        "both segments trace back to the workout's first row"
    );
    assert!(lift["title"].as_str().unwrap().contains("Squat"));
    assert_eq!(run["modality"], "cardio");
    assert_eq!(
        run["start"], "2024-05-06T17:50:00+02:00",
        "the run starts as the lift ends"
    );
    assert_eq!(
        run["end"], "2024-05-06T18:10:00+02:00",
        "the workout's logged end"
    );
    assert_eq!(run["minutes"], 20.0, "1200 s logged on the treadmill");
    assert_eq!(run["intensity"], "hard", "RPE 8 on the treadmill");
    assert!(run["title"].as_str().unwrap().contains("Treadmill"));

    let d = day(&r, "2024-05-06");
    assert_eq!(d["order"], "strength_first");
    let p = &d["pairs"][0];
    assert_eq!(p["first_session"], 0);
    assert_eq!(p["second_session"], 1);
    assert_eq!(p["gap_minutes"], 0, "segments of one workout have no gap");
    assert_eq!(p["gap_class"], "back-to-back");
    assert_eq!(p["rule"], "L1", "leg day, then hard cardio");
    assert_eq!(p["verdict"], "caution");
    assert_eq!(d["verdict"], "caution");

    // For endurance the same pair is a leg day before the run.
    let r = fixture_json("set-log.csv", "endurance", &[]);
    assert_eq!(day(&r, "2024-05-06")["pairs"][0]["rule"], "E3");
}

#[test]
fn set_log_leg_day_needs_a_third_of_the_sets() {
    let r = fixture_json("set-log.csv", "strength", &[]);
    let s = sessions(&r);
    // 8 May: 2 bench, 1 pulldown, 1 calf raise -> 1 of 4 sets is lower body: not a leg day.
    assert_eq!(s[2]["date"], "2024-05-08");
    assert_eq!(s[2]["modality"], "strength");
    assert_eq!(s[2]["leg_day"], false);
    assert_eq!(s[2]["minutes"], 45.0, "the logged duration");
    assert_eq!(s[2]["estimated_end"], false);
    // 10 May: bench, pull-up, goblet squat -> 1 of 3: a leg day.
    assert_eq!(s[3]["date"], "2024-05-10");
    assert_eq!(s[3]["leg_day"], true);
    assert_eq!(r["summary"]["strength_sessions"], 3);
    assert_eq!(r["summary"]["cardio_sessions"], 1);
}

#[test]
fn set_log_split_gap_is_not_called_estimated() {
    let r = fixture_json("set-log.csv", "strength", &[]);
    let p = &day(&r, "2024-05-06")["pairs"][0];
    assert_eq!(p["gap_minutes"], 0);
    assert_eq!(
        p["gap_estimated"], false,
        "docs/rules.md: the gap between the sessions of one workout is 0, by definition"
    );
    for w in warnings_text(&r) {
        assert!(
            !w.contains("no end or duration logged"),
            "the workout logged its end (18:10), yet: {w}"
        );
    }
}

#[test]
fn json_list_with_exercises() {
    let r = fixture_json("sessions.json", "strength", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s.len(), 4, "{s:#?}");

    // A plain session object.
    assert_eq!(s[0]["start"], "2024-05-13T07:00:00+02:00");
    assert_eq!(s[0]["end"], "2024-05-13T07:25:00+02:00");
    assert_eq!(s[0]["modality"], "cardio");
    assert_eq!(s[0]["intensity"], "easy");
    assert_eq!(s[0]["file"], "sessions.json");
    assert_eq!(s[0]["line"], 2, "the line where the object starts");

    // The object with exercises: bench and pull-ups, then 10 min on the rower.
    assert_eq!(s[1]["modality"], "strength");
    assert_eq!(s[1]["start"], "2024-05-13T07:35:00+02:00");
    assert_eq!(s[1]["end"], "2024-05-13T08:25:00+02:00");
    assert_eq!(s[1]["leg_day"], false);
    assert_eq!(s[1]["line"], 3);
    assert_eq!(s[2]["modality"], "cardio");
    assert_eq!(s[2]["minutes"], 10.0, "600 s on the rower");
    assert_eq!(s[2]["end"], "2024-05-13T08:35:00+02:00");
    assert_eq!(s[2]["intensity"], "easy", "RPE 4");

    // "1h 10m" as text, average HR "150" as text, of max 180 (83 %): hard.
    assert_eq!(s[3]["minutes"], 70.0);
    assert_eq!(s[3]["intensity"], "hard");
    assert_eq!(s[3]["line"], 13);

    // Run, then lifting 10 min later (W4), then the rower straight after lifting (W2).
    let d = day(&r, "2024-05-13");
    let rules: Vec<&str> = d["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["W4", "W2"]);
    assert_eq!(d["pairs"][0]["gap_minutes"], 10);
    assert_eq!(d["pairs"][1]["gap_minutes"], 0);
    assert_eq!(d["verdict"], "conflict", "the worst of the day's pairs");
    assert_eq!(d["order"], "cardio_first");
}

#[test]
fn json_wrapped_in_a_sessions_object() {
    let r = fixture_json("wrapped.json", "endurance", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s.len(), 2);
    // UTC instants in the file, shown in Berlin time (UTC+2 in May).
    assert_eq!(s[0]["start"], "2024-05-20T08:30:00+02:00");
    assert_eq!(s[0]["end"], "2024-05-20T09:15:00+02:00");
    assert_eq!(s[0]["intensity"], "moderate", "RPE 6");
    assert_eq!(s[1]["start"], "2024-05-20T18:00:00+02:00");
    assert_eq!(
        s[1]["modality"], "strength",
        "the explicit modality wins over the words of the title"
    );
    let p = &day(&r, "2024-05-20")["pairs"][0];
    assert_eq!(p["gap_minutes"], 525);
    assert_eq!(p["gap_class"], "separated");
    assert_eq!(p["rule"], "S1");
}

#[test]
fn semicolon_csv_with_decimal_commas() {
    let r = fixture_json("semicolon.csv", "strength", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s.len(), 4);
    // "7,5" is RPE 7.5: hard. Read as 75 it would be no RPE and "Shakeout" would make it easy.
    assert_eq!(s[2]["title"], "Shakeout");
    assert_eq!(s[2]["intensity"], "hard");
    // No duration, "5,5" km of running at 6 min/km: 33 min, estimated. RPE "5,5": moderate.
    assert_eq!(s[3]["title"], "Steady run");
    assert_eq!(s[3]["minutes"], 33.0);
    assert_eq!(s[3]["estimated_end"], true);
    assert_eq!(s[3]["intensity"], "moderate");

    // 13 May has two pairs: run then leg day 10 h later (S1), leg day then the hard shakeout
    // (L1). The day's verdict is the worse of the two.
    let d = day(&r, "2024-05-13");
    let rules: Vec<(&str, &str)> = d["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["rule"].as_str().unwrap(), p["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, [("S1", "aligned"), ("L1", "caution")]);
    assert_eq!(d["verdict"], "caution");
    assert_eq!(r["summary"]["score"], 75.0);
}

#[test]
fn semicolon_csv_reads_a_decimal_comma_duration() {
    let r = fixture_json("semicolon-duration.csv", "strength", &[]);
    assert_eq!(r["sessions"][0]["minutes"], 32.5);
}

#[test]
fn bom_and_crlf_line_ends() {
    let r = fixture_json("bom-crlf.csv", "strength", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s.len(), 2, "the BOM does not hide the `start` column");
    assert_eq!(s[0]["start"], "2024-05-13T07:00:00+02:00");
    assert_eq!(s[0]["title"], "Easy run", "no stray \\r in the last column");
    assert_eq!(s[1]["title"], "Upper body");
    let p = &day(&r, "2024-05-13")["pairs"][0];
    assert_eq!(p["gap_minutes"], 10);
    assert_eq!(p["rule"], "W4", "a 30 min run before lifting");
    assert!(r["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn crlf_line_numbers_match_the_file() {
    let r = fixture_json("bom-crlf.csv", "strength", &[]);
    let lines: Vec<u64> = sessions(&r)
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3], "the header is line 1");
    // The same file as bad-start.csv, with CRLF: "yesterday" is on line 4.
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            "crlf-bad-start.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(msg.contains("crlf-bad-start.csv:4"), "{msg}");
}

#[test]
fn lf_line_numbers_match_the_file() {
    // The counterpart of the CRLF test above, which passes: with LF the header is line 1.
    let r = fixture_json("semicolon.csv", "strength", &[]);
    let lines: Vec<u64> = sessions(&r)
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4, 5]);
}

fn assert_empty_report(name: &str) {
    let r = fixture_json(name, "strength", &[]);
    assert_contract(&r, TZ, 0);
    assert_eq!(r["schema"], 1);
    assert!(sessions(&r).is_empty());
    assert!(r["days"].as_array().unwrap().is_empty());
    assert!(r["weeks"].as_array().unwrap().is_empty());
    assert_eq!(r["summary"]["sessions"], 0);
    assert_eq!(r["summary"]["pairs"], 0);
    assert!(r["summary"]["score"].is_null(), "no pairs, no score");

    // The table says so in words, and still exits 0.
    let out = concur()
        .args(["analyze", name, "--goal", "strength", "--tz", TZ])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("0 sessions"), "{text}");
}

#[test]
fn an_empty_file_is_a_report_of_nothing() {
    assert_empty_report("empty.csv");
    let r = fixture_json("empty.csv", "strength", &[]);
    assert!(
        warnings_text(&r).iter().any(|w| w.contains("empty")),
        "a warning says the file is empty"
    );
}

#[test]
fn a_header_only_file_is_a_report_of_nothing() {
    assert_empty_report("header-only.csv");
}

#[test]
fn several_files_make_one_timeline() {
    // Sessions from a CSV and a JSON file, sorted by start together, each traced to its file.
    let r = analyze_json(
        concur(),
        &[
            "wrapped.json",
            "semicolon.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert_contract(&r, TZ, 0);
    assert_eq!(r["summary"]["sessions"], 6);
    let files: Vec<&str> = sessions(&r)
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "semicolon.csv",
            "semicolon.csv",
            "semicolon.csv",
            "semicolon.csv",
            "wrapped.json",
            "wrapped.json"
        ],
        "the CSV's May 13-15 sessions come before the JSON's May 20 ones"
    );
    assert_eq!(r["range"]["from"], "2024-05-13");
    assert_eq!(r["range"]["to"], "2024-05-20");
}

/// A long history reads at any length: month by month, then its last 8 weeks in detail;
/// `--all` shows every week.
#[test]
fn a_long_history_is_shown_by_month_and_its_last_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::from("start,duration,type,title\n");
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for week in 0..20 {
        let monday = first + chrono::Duration::weeks(week);
        log += &format!("{monday} 17:00,60,Strength Training,Upper body\n");
        log += &format!("{monday} 18:10,30,Run,Easy run\n");
    }
    std::fs::write(dir.path().join("long.csv"), log).unwrap();
    let table = |extra: &[&str]| {
        let out = concur_in(dir.path())
            .args(["analyze", "long.csv", "--goal", "strength", "--tz", "UTC"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let short = table(&[]);
    assert!(short.contains("\nMonths\n"), "{short}");
    assert!(short.contains("│ 2024-05 "), "{short}");
    assert!(
        short.contains("The last 8 of 20 weeks in detail, from 2024-03-25"),
        "{short}"
    );
    let week_rows = |text: &str| text.matches("│ 2024-W").count();
    assert_eq!(week_rows(&short), 8, "{short}");
    assert!(
        !short.contains("│ 2024-01-01 "),
        "no early day in detail: {short}"
    );
    let all = table(&["--all"]);
    assert!(!all.contains("\nMonths\n"));
    assert_eq!(week_rows(&all), 20, "{all}");
    assert!(all.contains("│ 2024-01-01 "), "{all}");
    // Markdown the same way.
    let markdown = table(&["--format", "markdown"]);
    assert!(markdown.contains("\n## Months\n"), "{markdown}");
    assert_eq!(markdown.matches("| 2024-W").count(), 8, "{markdown}");
    let markdown = table(&["--format", "markdown", "--all"]);
    assert_eq!(markdown.matches("| 2024-W").count(), 20, "{markdown}");
    // The HTML page: the months on top, the earlier weeks folded (no script), all on the page.
    let page = table(&["--format", "html"]);
    assert!(page.contains("<section id=\"months\">"));
    assert_eq!(page.matches("<tr data-month=").count(), 5);
    let (folded, open) = page
        .split_once("</details>")
        .expect("the earlier weeks are folded");
    assert!(folded.contains("<summary>The 12 weeks before 2024-03-25</summary>"));
    assert_eq!(folded.matches("<figure class=\"week\"").count(), 12);
    assert_eq!(open.matches("<figure class=\"week\"").count(), 8);
}

/// Every line of the table format fits its width (80 columns where there is no terminal to
/// measure): tables, and the prose around them, wrapped between words.
#[test]
fn the_table_format_fits_its_width() {
    let out = concur_at_root()
        .args(["analyze", "sample-data", "--goal", "general", "--tz", TZ])
        .args(["--no-config", "--explain"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\nWarnings\n"), "{text}");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
}

/// `--explain` gives each pair's measurements lines of their own under the day table, one entry
/// a pair, instead of squeezing them into the table's reason column.
#[test]
fn explain_gives_each_pair_its_own_lines() {
    let out = concur_at_root()
        .args([
            "analyze",
            "sample-data/month.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ])
        .args(["--no-config", "--explain"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let (table, explained) = text
        .split_once("What decided each verdict (--explain)\n")
        .expect("the explanations under the table");
    assert!(!table.contains("measured:"), "{table}");
    let entries: Vec<&str> = explained
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(entries.len(), 9, "one entry per pair: {explained}");
    assert!(
        entries[4].starts_with("- 2024-03-12 W4 conflict: measured: gap 15 min"),
        "{}",
        entries[4]
    );
}
