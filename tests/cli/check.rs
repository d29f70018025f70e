//! `concur check`: planned weeks from calendars (.ics in the shapes Google Calendar, Apple
//! Calendar and TrainingPeaks' iCal feed write) and from concur's own CSV, judged before they are
//! trained.

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

#[test]
fn a_google_calendar_week_reports_its_planned_pairs_with_their_rules() {
    let r = check_json("google.ics", "strength", &["--week", "2025-W10"]);
    assert_eq!(r["kind"], "check");
    assert_eq!(
        pair_lines(&r),
        ["2025-03-03 cardio>strength conflict W4"],
        "the tempo run at 07:00 in Berlin, 15 min before the lift at 07:00 UTC (08:00 in Berlin)"
    );
    let s = sessions(&r);
    assert_eq!(s[0]["start"], "2025-03-03T07:00:00+01:00");
    assert_eq!(s[0]["minutes"], 45.0);
    assert_eq!(s[0]["intensity"], "hard");
    assert_eq!(s[1]["start"], "2025-03-03T08:00:00+01:00");
    assert_eq!(s[1]["leg_day"], true);
    assert_eq!(s[1]["source"], "ics");
    assert!(
        warnings_text(&r)
            .iter()
            .any(|w| w.contains("from the words of its title and description")),
        "the report says what was assumed: {:?}",
        warnings_text(&r)
    );
}
