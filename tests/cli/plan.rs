//! `concur plan`: next week from the last four weeks' habits, improved by the fewest moves, as a
//! table, JSON and an iCalendar file. On sample-data/ with `--today 2024-05-05`, so that the four
//! weeks learned from (2024-04-08 to 2024-05-05) are the sample's busiest.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
use serde_json::Value;

use crate::common::{GOALS, TZ, concur_at_root, concur_in, fails_with_one_message, run_json};

const TODAY: &str = "2024-05-05";

fn plan_json(goal: &str) -> Value {
    let mut cmd = concur_at_root();
    cmd.args([
        "plan",
        "sample-data",
        "--goal",
        goal,
        "--tz",
        TZ,
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    run_json(cmd)
}

fn instant(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().expect("a time"))
        .unwrap_or_else(|e| panic!("{v} is not RFC 3339: {e}"))
        .with_timezone(&Utc)
}

#[test]
fn plan_on_the_sample_proposes_a_week_that_scores_higher_with_each_move_explained() {
    let plan = plan_json("strength");
    assert_eq!(plan["kind"], "plan");
    assert_eq!(plan["week"], "2024-W19");
    assert_eq!(
        (&plan["from"], &plan["to"]),
        (&Value::from("2024-05-06"), &Value::from("2024-05-12"))
    );
    assert_eq!(plan["learned_from"]["from"], "2024-04-08");
    assert_eq!(plan["learned_from"]["to"], TODAY);
    let (before, after) = (&plan["before"], &plan["after"]);
    let score = |j: &Value| j["score"].as_f64().expect("the week has pairs and a score");
    assert!(
        score(after) > score(before),
        "{} is not higher than {}",
        after["score"],
        before["score"]
    );
    let flags = |j: &Value| j["conflicts"].as_u64().unwrap() + j["cautions"].as_u64().unwrap();
    assert!(
        flags(before) > 0,
        "the sample's habits hold a conflict or caution"
    );
    assert!(flags(after) < flags(before));

    let sessions = plan["sessions"].as_array().unwrap();
    let moves = plan["moves"].as_array().unwrap();
    assert!(!moves.is_empty());
    let flagged: Vec<(&str, &str)> = before["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["verdict"] != "aligned")
        .map(|p| (p["date"].as_str().unwrap(), p["rule"].as_str().unwrap()))
        .collect();
    let mut moved = BTreeSet::new();
    for m in moves {
        let avoids = &m["avoids"];
        let rule = avoids["rule"].as_str().unwrap();
        assert_ne!(avoids["verdict"], "aligned", "{m}");
        assert!(
            flagged.contains(&(m["date"].as_str().unwrap(), rule)),
            "each move avoids a rule that flagged a pair of the week as learned: {m}"
        );
        let text = m["text"].as_str().unwrap();
        assert!(text.contains(&format!("Avoids {rule} ")), "{text}");
        assert!(text.contains(avoids["reason"].as_str().unwrap()), "{text}");
        for shift in m["shifts"].as_array().unwrap() {
            let k = shift["session"].as_u64().unwrap() as usize;
            let s = &sessions[k];
            assert!(text.contains(s["title"].as_str().unwrap()), "{text}");
            assert_eq!(instant(&s["moved_from"]), instant(&shift["from"]));
            assert_eq!(instant(&s["start"]), instant(&shift["to"]));
            moved.insert(k);
        }
    }
    let rest: Vec<&str> = plan["rest_days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    for (k, s) in sessions.iter().enumerate() {
        let date = s["date"].as_str().unwrap();
        assert!(("2024-05-06".."2024-05-13").contains(&date), "{s}");
        assert!(
            !rest.contains(&date),
            "nothing is planned on a rest day: {s}"
        );
        assert_eq!(s["moved_from"].is_null(), !moved.contains(&k), "{s}");
        assert!(s["basis"].as_str().unwrap().contains("of the last 4 weeks"));
    }
}

#[test]
fn the_table_shows_the_scores_and_each_move_with_its_reason() {
    let plan = plan_json("strength");
    let out = concur_at_root()
        .args([
            "plan",
            "sample-data",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--today",
            TODAY,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("Proposed week 2024-W19 (2024-05-06 to 2024-05-12)"));
    let scores = format!(
        "Score {:.1} -> {:.1}",
        plan["before"]["score"].as_f64().unwrap(),
        plan["after"]["score"].as_f64().unwrap()
    );
    assert!(table.contains(&scores), "{scores} in\n{table}");
    assert!(table.contains("\nMoves\n"));
    // Lines are wrapped at 80 columns: compared with the line breaks as spaces.
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    for m in plan["moves"].as_array().unwrap() {
        let text = words(m["text"].as_str().unwrap());
        assert!(words(&table).contains(&text), "{text} in\n{table}");
    }
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    assert!(table.contains("\nAssumed\n"));
    assert!(words(&table).contains("a plan is only words and times"));
}

/// The DTSTART or DTEND of an event, as UTC.
fn utc(at: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match at {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("a UTC time, got {other:?}"),
    }
}

#[test]
fn the_ics_written_parses_back_with_the_same_events() {
    let plan = plan_json("strength");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("next-week.ics");
    let out = concur_at_root()
        .args([
            "plan",
            "sample-data",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--today",
            TODAY,
            "--format",
            "ics",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty(), "the calendar goes to the file");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines are folded at 75 octets"
    );
    let calendar = Calendar::from_str(&text).expect("the .ics parses back");
    let mut events: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = Vec::new();
    let mut uids = BTreeSet::new();
    for event in calendar.events() {
        assert!(uids.insert(event.get_uid().expect("a UID").to_string()));
        assert!(event.get_timestamp().is_some(), "a DTSTAMP");
        events.push((
            utc(event.get_start()),
            utc(event.get_end()),
            event.get_summary().expect("a SUMMARY").to_string(),
        ));
    }
    events.sort();
    let mut expected: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let kind = match (
                s["modality"].as_str().unwrap(),
                s["intensity"].as_str().unwrap(),
            ) {
                ("cardio", i) if i != "unknown" => format!("cardio, {i}"),
                (m, _) => m.to_string(),
            };
            let leg = if s["leg_day"] == true {
                ", leg day"
            } else {
                ""
            };
            let title = s["title"].as_str().unwrap();
            let kind = format!("{kind}{leg}");
            let summary = if kind.eq_ignore_ascii_case(title) {
                title.to_string()
            } else {
                format!("{title} ({kind})")
            };
            (instant(&s["start"]), instant(&s["end"]), summary)
        })
        .collect();
    expected.sort();
    assert_eq!(events, expected);
    // A moved session says why in its description.
    let moved = plan["moves"][0]["text"].as_str().unwrap();
    let unfolded = text.replace("\r\n ", "");
    let rule = plan["moves"][0]["avoids"]["rule"].as_str().unwrap();
    assert!(moved.contains(rule));
    assert!(unfolded.contains(&format!("Avoids {rule} ")), "{unfolded}");
}

#[test]
fn every_goal_gets_a_week_that_scores_no_lower() {
    for goal in GOALS {
        let plan = plan_json(goal);
        let (before, after) = (&plan["before"], &plan["after"]);
        match (before["score"].as_f64(), after["score"].as_f64()) {
            (Some(b), Some(a)) => assert!(a >= b, "{goal}: {a} < {b}"),
            (_, None) => assert!(after["pairs"].as_array().unwrap().is_empty()),
            (None, Some(_)) => {}
        }
        assert!(after["conflicts"].as_u64() <= before["conflicts"].as_u64());
        for m in plan["moves"].as_array().unwrap() {
            assert!(!m["text"].as_str().unwrap().is_empty(), "{goal}: {m}");
        }
    }
}

fn month_plan_json(today: &str) -> Value {
    let mut cmd = concur_at_root();
    cmd.args([
        "plan",
        "sample-data/month.csv",
        "--goal",
        "strength",
        "--tz",
        TZ,
        "--today",
        today,
        "--format",
        "json",
    ]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn four_weeks_without_a_habit_propose_no_week_and_say_so() {
    // The log's first two days: nothing has recurred yet.
    let plan = month_plan_json("2024-03-05");
    assert!(plan["sessions"].as_array().unwrap().is_empty());
    assert!(plan["moves"].as_array().unwrap().is_empty());
    let notes = plan["notes"].to_string();
    assert!(notes.contains("no kind of session recurred"), "{notes}");
}

/// Logs exported long ago: their latest four weeks with a routine are learned, for the week
/// after today all the same, and the note says which weeks.
#[test]
fn logs_that_end_long_ago_teach_their_last_routine_for_the_coming_week() {
    let stale = month_plan_json("2030-01-06");
    let sessions = stale["sessions"].as_array().unwrap();
    assert!(!sessions.is_empty());
    assert!(
        sessions
            .iter()
            .all(|s| s["start"].as_str().unwrap().starts_with("2030-01-")),
        "{sessions:?}"
    );
    let notes = stale["notes"].to_string();
    assert!(
        notes.contains("the logs show no routine in the four weeks before today (2030-01-06)"),
        "{notes}"
    );
}

#[test]
fn plan_never_writes_over_an_input() {
    let err = fails_with_one_message(
        concur_at_root(),
        &[
            "plan",
            "sample-data/month.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--format",
            "ics",
            "-o",
            "sample-data/month.csv",
        ],
    );
    assert!(err.contains("month.csv"), "{err}");
}

/// `check PLAN --suggest` before `check` exists on this branch: the same search, through the
/// library, on a plan in concur's own CSV (tests/fixtures/plan/next-week.csv: a tempo run
/// before squats on Monday, W4; intervals straight after upper body on Wednesday, W1; nothing on
/// Tuesday and Sunday).
#[test]
fn a_plan_in_concurs_own_csv_gets_the_fewest_moves_that_take_out_its_conflict_and_caution() {
    use concur::model::Stamp;
    let mut settings = concur::Settings::new(TZ.parse().unwrap());
    settings.thresholds = concur::Thresholds::default();
    let options = concur::Options::new(
        vec![crate::common::fixture("plan/next-week.csv")],
        concur::Goal::Strength,
        settings,
    );
    let analysis = concur::analysis::analyse(&options).unwrap();
    let weeks = concur::plan::suggest_checked(&analysis);
    assert_eq!(weeks.len(), 1);
    let s = &weeks[0];
    let flagged: Vec<&str> = s.before.flagged().map(|p| p.rule.id).collect();
    assert_eq!(flagged, ["W4", "W1"]);
    assert_eq!(s.before.score, Some(25.0));
    let avoided: BTreeSet<&str> = s.moves.iter().map(|m| m.avoids.id).collect();
    assert_eq!(avoided, BTreeSet::from(["W1", "W4"]));
    assert_eq!(s.moves.len(), 2, "one move each: {:?}", s.moves);
    assert_eq!((s.after.conflicts, s.after.cautions), (0, 0));
    assert!(s.after.score.is_none_or(|a| a > 25.0));
    let tz: chrono_tz::Tz = TZ.parse().unwrap();
    let days: Vec<String> = s
        .week
        .sessions
        .iter()
        .map(|p| match p.session.start {
            Stamp::Instant(t) => t.with_timezone(&tz).format("%a").to_string(),
            _ => unreachable!("every session of the plan has a time"),
        })
        .collect();
    assert!(
        !days.iter().any(|d| d == "Tue" || d == "Sun"),
        "days the plan leaves free are rest days: {days:?}"
    );
    // What each session was planned as is kept: where it came from in the plan, and its kind.
    assert_eq!(
        s.week.sessions[0].basis,
        format!(
            "{}:2",
            crate::common::fixture("plan/next-week.csv").display()
        )
    );
    let text = concur::plan::show::render_suggestions(
        &weeks,
        concur::plan::show::Format::Table,
        100,
        &[],
        &options.settings,
        Utc::now(),
    );
    assert!(text.starts_with("Suggested week 2024-W20"), "{text}");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Avoids W4 conflict") && words.contains("Avoids W1 caution"),
        "{text}"
    );
}

#[test]
fn docs_plan_md_names_every_field_of_the_json() {
    let doc = std::fs::read_to_string(crate::common::manifest_dir().join("docs/plan.md")).unwrap();
    let plan = plan_json("strength");
    let mut objects = vec![("", &plan)];
    for (what, list) in [
        ("sessions", &plan["sessions"]),
        ("moves", &plan["moves"]),
        ("before.pairs", &plan["before"]["pairs"]),
    ] {
        let first = list.get(0).unwrap_or_else(|| panic!("{what} is empty"));
        objects.push((what, first));
    }
    objects.push(("moves.shifts", &plan["moves"][0]["shifts"][0]));
    objects.push(("moves.avoids", &plan["moves"][0]["avoids"]));
    objects.push(("before", &plan["before"]));
    for (what, object) in objects {
        for key in object.as_object().unwrap().keys() {
            assert!(
                doc.contains(&format!("`{key}`")),
                "docs/plan.md does not name `{key}` of {what}"
            );
        }
    }
}

/// The pairs a report or proposal flags, as `date rule`.
fn flagged(pairs: impl Iterator<Item = (String, Value)>) -> Vec<String> {
    pairs
        .filter(|(_, p)| p["verdict"] != "aligned")
        .map(|(date, p)| format!("{date} {}", p["rule"].as_str().unwrap()))
        .collect()
}

fn proposal_flags(j: &Value) -> Vec<String> {
    flagged(
        j["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["date"].as_str().unwrap().to_string(), p.clone())),
    )
}

/// The round trip: `plan` writes the week as .ics, `check` reads it back, and the week it judges
/// is the proposed one, with no conflict or caution the moves could have avoided (none that the
/// proposal did not already leave); the search on it has nothing left to move.
#[test]
fn the_ics_plan_writes_is_checked_back_with_nothing_the_moves_could_have_avoided() {
    let plan = plan_json("strength");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("next-week.ics");
    let out = concur_at_root()
        .args(["plan", "sample-data", "--goal", "strength", "--tz", TZ])
        .args(["--today", TODAY, "--format", "ics", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    let check = |extra: &[&str]| {
        let mut cmd = concur_in(dir.path());
        cmd.args(["check", "next-week.ics", "--goal", "strength", "--tz", TZ])
            .args(["--no-config", "--today", TODAY, "--format", "json"])
            .args(extra);
        run_json(cmd)
    };
    let report = check(&[]);
    assert_eq!(report["kind"], "check");
    let read: Vec<(DateTime<Utc>, String, bool)> = report["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                instant(&s["start"]),
                s["modality"].as_str().unwrap().to_string(),
                s["leg_day"] == true,
            )
        })
        .collect();
    let mut proposed: Vec<(DateTime<Utc>, String, bool)> = plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                instant(&s["start"]),
                s["modality"].as_str().unwrap().to_string(),
                s["leg_day"] == true,
            )
        })
        .collect();
    proposed.sort();
    assert_eq!(read, proposed, "check reads back the week plan proposed");
    // Hard cardio stays hard: its summary says so in a word the classification knows.
    let hard = |j: &Value| {
        j["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["modality"] == "cardio" && s["intensity"] == "hard")
            .count()
    };
    assert!(hard(&plan) > 0, "the sample's week has a hard session");
    assert_eq!(hard(&report), hard(&plan));
    let left = proposal_flags(&plan["after"]);
    for f in flagged(crate::common::pairs(&report).into_iter()) {
        assert!(
            left.contains(&f),
            "{f}: a pair flagged in the checked plan that the proposal did not leave"
        );
    }
    let suggested = check(&["--suggest"]);
    for week in suggested.as_array().unwrap() {
        assert_eq!(week["kind"], "suggestion");
        assert!(
            week["moves"].as_array().unwrap().is_empty(),
            "nothing left to move: {}",
            week["moves"]
        );
    }
}

fn check_google(extra: &[&str]) -> std::process::Output {
    concur_in(crate::common::fixture("ics"))
        .args(["check", "google.ics", "--goal", "strength", "--tz", TZ])
        .args(["--no-config", "--today", "2025-02-26"])
        .args(extra)
        .output()
        .unwrap()
}

/// `check PLAN --suggest` on a Google Calendar export: each week whose pairs are flagged gets
/// moves that each avoid one of its flagged rules, and scores no lower; `--suggest=ics` writes
/// the suggested weeks as one calendar.
#[test]
fn check_suggest_moves_each_flagged_pair_of_a_calendar_and_writes_it_back_as_ics() {
    let out = check_google(&["--suggest", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let weeks: Value = serde_json::from_slice(&out.stdout).unwrap();
    let weeks = weeks.as_array().unwrap();
    assert!(!weeks.is_empty());
    let mut moved = 0;
    let mut sessions = 0;
    for week in weeks {
        assert_eq!(week["kind"], "suggestion");
        let before = proposal_flags(&week["before"]);
        let after = proposal_flags(&week["after"]);
        assert!(after.len() <= before.len());
        if let (Some(b), Some(a)) = (
            week["before"]["score"].as_f64(),
            week["after"]["score"].as_f64(),
        ) {
            assert!(a >= b, "{}", week["week"]);
        }
        for m in week["moves"].as_array().unwrap() {
            let avoided = format!(
                "{} {}",
                m["date"].as_str().unwrap(),
                m["avoids"]["rule"].as_str().unwrap()
            );
            assert!(before.contains(&avoided), "{avoided} in {before:?}");
            moved += 1;
        }
        // The calendar written holds the training; the dentist stays where it is.
        sessions += week["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["modality"] != "other")
            .count();
        let basis = week["sessions"][0]["basis"].as_str().unwrap();
        assert!(basis.starts_with("google.ics:"), "{basis}");
    }
    assert!(
        moved > 0,
        "the Google fixture plans a tempo run before a leg day"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("better.ics");
    let out = check_google(&["--suggest=ics", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    let calendar = Calendar::from_str(&text).expect("the suggested plan parses back");
    assert_eq!(calendar.events().count(), sessions);
    assert!(!text.contains("Dentist"), "{text}");
}

#[test]
fn check_suggest_refuses_a_report_format_it_cannot_write() {
    let out = check_google(&["--suggest", "--format", "markdown"]);
    let err = crate::common::one_error(&out, "check --suggest --format markdown");
    assert!(err.contains("--suggest writes a table, JSON"), "{err}");
}
