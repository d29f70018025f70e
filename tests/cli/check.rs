//! `concur check`: planned weeks from calendars (.ics in the shapes Google Calendar, Apple
//! Calendar and TrainingPeaks' iCal feed write: tests/fixtures/ics/README.md) and from concur's
//! own CSV, judged before they are trained.

use serde_json::Value;

use crate::common::*;

/// `concur check <plan> --goal <goal> --format json` from `tests/fixtures/ics`, with today's date
/// fixed so that repeats without an end stop at the same day every run.
fn check_json(plan: &str, goal: &str, extra: &[&str]) -> Value {
    let mut cmd = concur_in(fixture("ics"));
    cmd.args(["check", plan, "--goal", goal, "--tz", TZ, "--no-config"])
        .args(["--today", "2025-02-26", "--format", "json"])
        .args(extra);
    run_json(cmd)
}

/// Each pair as `date first>second verdict rule`.
fn pair_lines(report: &Value) -> Vec<String> {
    pairs(report)
        .iter()
        .map(|(date, p)| {
            format!(
                "{date} {}>{} {} {}",
                p["first"].as_str().unwrap(),
                p["second"].as_str().unwrap(),
                p["verdict"].as_str().unwrap(),
                p["rule"].as_str().unwrap()
            )
        })
        .collect()
}

/// Each session as `start modality intensity minutes title`.
fn session_lines(report: &Value) -> Vec<String> {
    sessions(report)
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {} {}",
                s["start"].as_str().unwrap(),
                s["modality"].as_str().unwrap(),
                s["intensity"].as_str().unwrap(),
                s["minutes"],
                s["title"].as_str().unwrap()
            )
        })
        .collect()
}

fn says(report: &Value, part: &str) -> bool {
    warnings_text(report).iter().any(|w| w.contains(part))
}

#[test]
fn a_google_calendar_week_reports_its_planned_pairs_with_their_rules() {
    let r = check_json("google.ics", "strength", &["--week", "2025-W10"]);
    assert_eq!(r["kind"], "check");
    assert_eq!(r["files"][0]["format"], "ics");
    assert_eq!(
        session_lines(&r),
        [
            // 07:00 in Berlin, from the weekly repeat in the VTIMEZONE's zone.
            "2025-03-03T07:00:00+01:00 cardio hard 45.0 Run: Tempo 45'",
            // 07:00 UTC, the folded description read whole (its squats make it a leg day).
            "2025-03-03T08:00:00+01:00 strength unknown 75.0 Lower body",
            // Not training: shown as other, in no pair.
            "2025-03-05T10:30:00+01:00 other unknown 45.0 Dentist",
            // The cancelled ride before it is left out: no pair on Thursday.
            "2025-03-06T17:00:00+01:00 strength unknown 60.0 Upper body",
        ]
    );
    assert_eq!(sessions(&r)[1]["leg_day"], true);
    assert_eq!(sessions(&r)[1]["line"], 57, "the line of its BEGIN:VEVENT");
    assert_eq!(pair_lines(&r), ["2025-03-03 cardio>strength conflict W4"]);
    assert!(
        says(&r, "1 event (line 100) left out: cancelled"),
        "{:?}",
        warnings_text(&r)
    );
    assert!(
        says(&r, "from the words of its title and description"),
        "the report says what was assumed: {:?}",
        warnings_text(&r)
    );
}

#[test]
fn exdate_removes_a_week_and_recurrence_id_moves_one_run() {
    let r = check_json("google.ics", "strength", &["--since", "2025-03-10"]);
    let runs: Vec<&str> = sessions(&r)
        .iter()
        .filter(|s| s["title"] == "Run: Tempo 45'")
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        runs,
        [
            // 10 March is off; 17 March moved to the evening; the repeat goes on to the Sunday
            // four weeks after the week of --today (2025-02-26): 30 March.
            "2025-03-17T18:30:00+01:00",
            "2025-03-24T07:00:00+01:00",
        ]
    );
    assert_eq!(
        pair_lines(&r),
        ["2025-03-17 strength>cardio caution L1"],
        "the lift now comes first, but hard running on a leg day is still a caution"
    );
}

#[test]
fn an_apple_calendar_week_with_an_all_day_event() {
    let r = check_json("apple.ics", "strength", &["--week", "2025-W10"]);
    assert_eq!(
        pair_lines(&r),
        [
            "2025-03-04 strength>cardio caution W1",
            "2025-03-06 cardio>strength aligned S1",
        ]
    );
    let long_run = &sessions(&r)[4];
    assert_eq!(long_run["title"], "Long run");
    assert_eq!(long_run["time_known"], false);
    assert_eq!(long_run["date"], "2025-03-08");
    assert!(
        says(&r, "1 all-day event has no time of day"),
        "{:?}",
        warnings_text(&r)
    );
    // The weekly upper-body session stops at its UNTIL: the last is 25 March.
    let all = check_json("apple.ics", "strength", &[]);
    let upper: Vec<&Value> = sessions(&all)
        .iter()
        .filter(|s| s["title"] == "Upper body")
        .map(|s| &s["date"])
        .collect();
    assert_eq!(
        upper,
        ["2025-03-04", "2025-03-11", "2025-03-18", "2025-03-25"]
    );
}

#[test]
fn a_trainingpeaks_feed_has_all_day_plans_with_their_planned_time() {
    let r = check_json("trainingpeaks.ics", "strength", &[]);
    assert_eq!(
        (&r["range"]["from"], &r["range"]["to"]),
        (&Value::from("2025-03-03"), &Value::from("2025-03-07")),
        "without --week, the range is the planned days"
    );
    assert_eq!(
        session_lines(&r),
        [
            "2025-03-03T00:00:00+01:00 cardio easy 40.0 Run: Easy Run 40 min",
            "2025-03-03T00:00:00+01:00 strength unknown 60.0 Strength: Lower body",
            "2025-03-04T06:45:00+01:00 cardio hard 46.0 Run: Tempo 45'",
            "2025-03-04T07:45:00+01:00 strength unknown 62.0 Strength: Full body",
            "2025-03-05T00:00:00+01:00 cardio easy 90.0 Bike - Endurance",
            "2025-03-07T00:00:00+01:00 other unknown 30.0 Day Off",
        ]
    );
    assert_eq!(
        sessions(&r)[0]["estimated_end"],
        false,
        "Planned Time: 0:40"
    );
    assert_eq!(pair_lines(&r), ["2025-03-04 cardio>strength conflict W4"]);
    assert_eq!(day(&r, "2025-03-03")["order"], "unknown");
    assert!(
        says(&r, "2025-03-03: strength and cardio on the same day, but")
            && says(&r, "4 all-day events have no time of day"),
        "{:?}",
        warnings_text(&r)
    );
}

/// A calendar with categories, written by the test.
fn categorised(dir: &std::path::Path) {
    let ics = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "DTSTART:20250303T060000Z",
        "DTEND:20250303T064500Z",
        "CATEGORIES:Training",
        "SUMMARY:Intervals run",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20250303T070000Z",
        "DTEND:20250303T080000Z",
        "CATEGORIES:Training,Gym",
        "SUMMARY:Squats",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20250303T080000Z",
        "DTEND:20250303T083000Z",
        "CATEGORIES:Commute",
        "SUMMARY:Bike to work",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    .join("\r\n");
    write(dir, "plan.ics", ics);
}

#[test]
fn categories_from_the_flag_or_the_config_keep_only_those_events() {
    let dir = tempfile::tempdir().unwrap();
    categorised(dir.path());
    let run = |args: &[&str]| {
        let mut cmd = concur_in(dir.path());
        cmd.args(["check", "plan.ics", "--goal", "strength", "--tz", TZ])
            .args(["--format", "json"])
            .args(args);
        run_json(cmd)
    };
    let every = run(&["--no-config"]);
    assert_eq!(every["summary"]["sessions"], 3);
    assert_eq!(
        pair_lines(&every),
        [
            "2025-03-03 cardio>strength conflict W4",
            "2025-03-03 strength>cardio aligned W2"
        ]
    );
    let training = run(&["--no-config", "--categories", "training"]);
    assert_eq!(training["summary"]["sessions"], 2);
    assert_eq!(
        pair_lines(&training),
        ["2025-03-03 cardio>strength conflict W4"]
    );
    assert!(
        says(
            &training,
            "1 event (line 15) left out: none of their categories is training"
        ),
        "{:?}",
        warnings_text(&training)
    );
    write(
        dir.path(),
        "concur.toml",
        "plan_categories = [\"Gym\", \"Commute\"]\n",
    );
    let from_config = run(&[]);
    assert_eq!(
        column(&from_config, "title"),
        ["Squats", "Bike to work"],
        "the config's categories"
    );
    let flag_wins = run(&["--categories", "Commute"]);
    assert_eq!(column(&flag_wins, "title"), ["Bike to work"]);
}

#[test]
fn concur_s_own_csv_plan_of_days_to_come_is_checked_where_analyze_skips_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "plan.csv",
        "start,end,type,title\n2099-06-01 07:00,2099-06-01 07:45,Run,Intervals\n2099-06-01 08:00,2099-06-01 09:00,Strength Training,Squats\n",
    );
    let mut cmd = concur_in(dir.path());
    cmd.args(["check", "plan.csv", "--goal", "strength", "--tz", TZ])
        .args(["--no-config", "--format", "json"]);
    let r = run_json(cmd);
    assert_eq!(pair_lines(&r), ["2099-06-01 cardio>strength conflict W4"]);
    assert!(
        !says(&r, "after today"),
        "dates to come are the point of a plan: {:?}",
        warnings_text(&r)
    );
    let analysed = analyze_json(
        concur_in(dir.path()),
        &["plan.csv", "--goal", "strength", "--tz", TZ, "--no-config"],
    );
    assert_eq!(analysed["kind"], "analyze");
    assert_eq!(analysed["summary"]["sessions"], 0);
    assert!(says(&analysed, "after today"));
}

#[test]
fn every_format_says_it_is_a_plan_check() {
    for (format, title) in [
        ("table", "concur check of a plan: goal strength"),
        ("markdown", "# concur plan check: strength goal"),
        ("html", "<h1>concur plan check: strength goal</h1>"),
    ] {
        let out = concur_in(fixture("ics"))
            .args(["check", "apple.ics", "--goal", "strength", "--tz", TZ])
            .args(["--no-config", "--today", "2025-02-26", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(title), "{format}: {title:?} in {text}");
    }
}

#[test]
fn a_damaged_calendar_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "plan.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Mars/Olympus:20250303T070000\r\nSUMMARY:Run\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let err = fails_with_one_message(
        concur_in(dir.path()),
        &[
            "check",
            "plan.ics",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--no-config",
        ],
    );
    assert!(
        err.starts_with(
            "concur: plan.ics:2: DTSTART: unknown time zone TZID=\"Mars/Olympus\"; expected an IANA name like Europe/Berlin"
        ),
        "{err}"
    );
}

#[test]
fn the_sample_plan_shows_what_check_is_for() {
    let mut cmd = concur_at_root();
    cmd.args(["check", "sample-plan/next-week.ics", "--goal", "strength"])
        .args(["--tz", TZ, "--no-config", "--format", "json"]);
    let r = run_json(cmd);
    assert_eq!(
        pair_lines(&r),
        [
            "2024-04-15 cardio>strength aligned S1",
            "2024-04-16 cardio>strength conflict W4",
            "2024-04-18 strength>cardio caution W1",
        ]
    );
    assert_eq!(
        column(&r, "title")
            .iter()
            .filter(|t| **t == "Dentist")
            .count(),
        1
    );
    assert_eq!(r["summary"]["other_sessions"], 1, "the dentist alone");
}

#[test]
fn check_needs_a_plan_named_and_never_takes_the_config_s_history() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "concur.toml",
        "goal = \"strength\"\nfiles = [\"log.csv\"]\n",
    );
    let err = fails_with_one_message(concur_in(dir.path()), &["check", "--tz", TZ]);
    assert!(
        err.contains("no plan to check: name a calendar file (.ics)"),
        "{err}"
    );
}

#[test]
fn analyze_reads_a_calendar_s_repeats_up_to_today_or_its_range() {
    let runs = |extra: &[&str]| {
        let mut args = vec![
            "google.ics",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--no-config",
        ];
        args.extend_from_slice(extra);
        let r = analyze_json(concur_in(fixture("ics")), &args);
        assert_eq!(r["kind"], "analyze");
        sessions(&r)
            .iter()
            .filter(|s| s["title"] == "Run: Tempo 45'")
            .map(|s| s["date"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        runs(&["--today", "2025-03-20"]),
        ["2025-03-03", "2025-03-17"],
        "a log is of what was done: up to today"
    );
    assert_eq!(
        runs(&["--today", "2025-03-20", "--until", "2025-03-31"]),
        ["2025-03-03", "2025-03-17", "2025-03-24", "2025-03-31"],
        "or to the end of the range asked for"
    );
}

#[test]
fn a_calendar_in_a_zip_as_google_exports_it_is_read_as_the_run_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("training@group.calendar.google.com.ics", options)
        .unwrap();
    std::io::Write::write_all(&mut zip, &read_bytes(&fixture("ics/google.ics"))).unwrap();
    write(
        dir.path(),
        "calendar.zip",
        zip.finish().unwrap().into_inner(),
    );
    let mut cmd = concur_in(dir.path());
    cmd.args(["check", "calendar.zip", "--goal", "strength", "--tz", TZ])
        .args([
            "--no-config",
            "--today",
            "2025-02-26",
            "--since",
            "2025-03-10",
        ])
        .args(["--format", "json"]);
    let r = run_json(cmd);
    let runs: Vec<&Value> = sessions(&r)
        .iter()
        .filter(|s| s["title"] == "Run: Tempo 45'")
        .map(|s| &s["date"])
        .collect();
    assert_eq!(
        runs,
        ["2025-03-17", "2025-03-24"],
        "repeats to the Sunday four weeks after the week of --today, inside the archive too"
    );
}

#[test]
fn an_outlook_calendar_in_windows_zone_names() {
    let r = check_json("outlook.ics", "strength", &[]);
    assert_eq!(
        session_lines(&r),
        [
            "2025-03-04T06:30:00+01:00 cardio hard 45.0 Intervals on the treadmill",
            "2025-03-04T12:00:00+01:00 strength unknown 60.0 Leg day",
            "2025-03-06T18:00:00+01:00 strength unknown 60.0 Upper body",
            "2025-03-13T18:00:00+01:00 strength unknown 60.0 Upper body",
            "2025-03-20T18:00:00+01:00 strength unknown 60.0 Upper body",
        ],
        "TZID=W. Europe Standard Time is Berlin's time; COUNT=3 repeats three times"
    );
    assert_eq!(pair_lines(&r), ["2025-03-04 cardio>strength conflict W4"]);
}

/// A calendar that holds weeks gone by and weeks to come is checked from this week on, unless a
/// range is asked for; the report says what it left out and how to see it.
#[test]
fn a_calendar_with_weeks_gone_by_is_checked_from_this_week_on() {
    let run = |extra: &[&str]| {
        let mut cmd = concur_in(fixture("ics"));
        cmd.args(["check", "google.ics", "--goal", "strength", "--tz", TZ])
            .args(["--no-config", "--today", "2025-03-20", "--format", "json"])
            .args(extra);
        run_json(cmd)
    };
    let coming = run(&[]);
    let starts: Vec<String> = sessions(&coming)
        .iter()
        .map(|s| s["date"].as_str().unwrap().to_string())
        .collect();
    assert!(!starts.is_empty());
    assert!(
        starts.iter().all(|d| d.as_str() >= "2025-03-17"),
        "{starts:?}"
    );
    let said = coming["warnings"].to_string();
    assert!(
        said.contains("the plan's days before this week (2025-03-03 to 2025-03-16) are left out"),
        "{said}"
    );
    let all = run(&["--since", "2025-03-03"]);
    assert!(sessions(&all).len() > starts.len());
    assert!(!all["warnings"].to_string().contains("are left out"));
}

/// A repeat without an end set up years ago (a daily run since 2020) reaches the weeks checked:
/// only those weeks are expanded, not the years before them.
#[test]
fn an_endless_repeat_from_years_ago_reaches_the_weeks_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "old.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\nDTSTART;TZID=Europe/Berlin:20200106T070000\r\nDTEND;TZID=Europe/Berlin:20200106T074500\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Run: Tempo 45'\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a2\r\nDTSTART;TZID=Europe/Berlin:20261207T180000\r\nDTEND;TZID=Europe/Berlin:20261207T190000\r\nSUMMARY:Lower body\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let mut cmd = concur_in(dir.path());
    cmd.args(["check", "old.ics", "--goal", "strength", "--tz", TZ])
        .args(["--no-config", "--today", "2026-12-02", "--format", "json"]);
    let r = run_json(cmd);
    let runs: Vec<&str> = sessions(&r)
        .iter()
        .filter(|s| s["modality"] == "cardio")
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    // This week's Monday to the Sunday four weeks after this week: 35 days.
    assert_eq!(runs.len(), 35, "{runs:?}");
    assert_eq!(runs[0], "2026-11-30");
    assert!(
        pair_lines(&r).contains(&"2026-12-07 cardio>strength aligned S1".to_string()),
        "{:?}",
        pair_lines(&r)
    );
    assert!(!r["warnings"].to_string().contains("repeats more than"));
}
