//! Days, weeks and ranges: pairs across midnight, `--day-start`, DST changes, `--week`,
//! `--since` and `--until`.

use crate::common::contract::assert_contract;
use crate::common::*;
use serde_json::Value;

fn dates_of_sessions(r: &Value) -> Vec<String> {
    sessions(r)
        .iter()
        .map(|s| s["date"].as_str().unwrap().to_string())
        .collect()
}

fn week_names(r: &Value) -> Vec<String> {
    r["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["week"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_late_lift_and_an_early_run_pair_on_the_first_day() {
    // midnight.csv: lift 22:00-23:00 on 3 June, run at 02:00 on 4 June: 3 h apart.
    let r = fixture_json("midnight.csv", "strength", &[]);
    assert_contract(&r, TZ, 0);
    assert_eq!(
        dates_of_sessions(&r),
        [
            "2024-06-03",
            "2024-06-04",
            "2024-06-05",
            "2024-06-06",
            "2024-06-07"
        ],
        "with the default day start each session is on its calendar date"
    );
    let all = pairs(&r);
    assert_eq!(all.len(), 1, "only the 3 h pair: {all:#?}");
    let (date, p) = &all[0];
    assert_eq!(
        date, "2024-06-03",
        "the pair belongs to the day of its first session"
    );
    assert_eq!(p["first"], "strength");
    assert_eq!(p["second"], "cardio");
    assert_eq!(p["gap_minutes"], 180);
    assert_eq!(p["gap_class"], "short");
    assert_eq!(p["rule"], "W2");
    assert_eq!(day(&r, "2024-06-04")["verdict"], "none");
    // Lift on 5 June ending 19:00, run on 6 June at 07:00: 12 h apart on different days, no
    // pair; it and the 4 June run -> 5 June lift switch are the separate-day pattern.
    assert_eq!(day(&r, "2024-06-05")["pairs"].as_array().unwrap().len(), 0);
    assert_eq!(day(&r, "2024-06-06")["pairs"].as_array().unwrap().len(), 0);
    assert_eq!(r["summary"]["separate_day_switches"], 2);
    assert_eq!(r["summary"]["pairs"], 1);
    assert_eq!(r["summary"]["concurrent_days"], 1);
}

#[test]
fn day_start_moves_a_night_session_to_the_day_before() {
    let r = fixture_json("midnight.csv", "strength", &["--day-start", "04:00"]);
    assert_contract(&r, TZ, 4);
    let s = sessions(&r);
    // The 01:30 jog on 7 June belongs to 6 June; so does the 02:00 run on 4 June to 3 June.
    let jog = s
        .iter()
        .find(|s| s["title"] == "After-midnight jog")
        .unwrap();
    assert_eq!(
        jog["start"], "2024-06-07T01:30:00+02:00",
        "the time itself is unchanged"
    );
    assert_eq!(jog["date"], "2024-06-06");
    let night = s.iter().find(|s| s["title"] == "Night run").unwrap();
    assert_eq!(night["date"], "2024-06-03");
    let days: Vec<&str> = r["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2024-06-03", "2024-06-05", "2024-06-06"]);
    assert_eq!(day(&r, "2024-06-03")["order"], "strength_first");
    assert_eq!(day(&r, "2024-06-03")["pairs"][0]["rule"], "W2");

    // Without --day-start the jog stays on 7 June.
    let r = fixture_json("midnight.csv", "strength", &[]);
    let jog = sessions(&r)
        .iter()
        .find(|s| s["title"] == "After-midnight jog")
        .unwrap()
        .clone();
    assert_eq!(jog["date"], "2024-06-07");
}

#[test]
fn dst_gap_and_overlap_warn_instead_of_failing() {
    // 2024-03-31 02:30 does not exist in Berlin; 2024-10-27 02:30 happens twice.
    let r = fixture_json("dst.csv", "strength", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s.len(), 4, "no session is lost");
    let warnings = &r["warnings"];
    let dst: Vec<&Value> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["message"].as_str().unwrap().contains("2024-"))
        .collect();
    let gap = dst
        .iter()
        .find(|w| w["message"].as_str().unwrap().contains("2024-03-31 02:30"))
        .expect("a warning for the time in the spring gap");
    assert_eq!(gap["file"], "dst.csv");
    assert_eq!(gap["line"], 3);
    let overlap = dst
        .iter()
        .find(|w| w["message"].as_str().unwrap().contains("2024-10-27 02:30"))
        .expect("a warning for the time in the autumn overlap");
    assert_eq!(overlap["line"], 4);

    // The spring-gap run is read as 03:30 summer time: the lift ended 01:45 winter time, so
    // 45 real minutes lie between them.
    assert_eq!(s[1]["start"], "2024-03-31T03:30:00+02:00");
    let spring = &day(&r, "2024-03-31")["pairs"][0];
    assert_eq!(spring["gap_minutes"], 45);
    // The overlap run is read as the first 02:30 (+02:00); 30 min later it is 02:00 +01:00,
    // and the 03:30 (+01:00) lift is 90 real minutes after that.
    assert_eq!(s[2]["start"], "2024-10-27T02:30:00+02:00");
    assert_eq!(s[2]["end"], "2024-10-27T02:00:00+01:00");
    assert_eq!(s[3]["start"], "2024-10-27T03:30:00+01:00");
    let autumn = &day(&r, "2024-10-27")["pairs"][0];
    assert_eq!(autumn["gap_minutes"], 90);
    assert_eq!(autumn["rule"], "W4");

    // The table report of the same file works too.
    concur()
        .args(["analyze", "dst.csv", "--goal", "strength", "--tz", TZ])
        .assert()
        .success()
        .stdout(predicates::str::contains("2024-10-27"));
}

#[test]
fn date_only_sessions_take_part_in_no_pair() {
    let r = fixture_json("date-only.csv", "strength", &[]);
    assert_contract(&r, TZ, 0);
    let s = sessions(&r);
    assert_eq!(s[0]["time_known"], false);
    assert_eq!(
        s[0]["start"], "2024-06-17T00:00:00+02:00",
        "a date-only session starts at the day start"
    );
    let d = day(&r, "2024-06-17");
    assert_eq!(d["order"], "unknown");
    assert_eq!(d["verdict"], "none");
    assert_eq!(r["summary"]["pairs"], 0);
    assert!(
        warnings_text(&r)
            .iter()
            .any(|w| w.contains("2024-06-17") && w.contains("order")),
        "a warning says why no pair was judged"
    );
}

#[test]
fn week_restricts_the_range_to_that_iso_week() {
    let r = analyze_json(
        concur_at_root(),
        &[
            SAMPLE, "--goal", "strength", "--tz", TZ, "--week", "2024-W11",
        ],
    );
    assert_contract(&r, TZ, 0);
    assert_eq!(r["range"]["from"], "2024-03-11");
    assert_eq!(r["range"]["to"], "2024-03-17");
    assert_eq!(week_names(&r), ["2024-W11"]);
    let dates = dates_of_sessions(&r);
    assert_eq!(dates.len(), 8);
    assert!(
        dates
            .iter()
            .all(|d| d.as_str() >= "2024-03-11" && d.as_str() <= "2024-03-17")
    );
    let rules: Vec<String> = pairs(&r)
        .iter()
        .map(|(d, p)| format!("{d} {}", p["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, ["2024-03-11 W3", "2024-03-12 W4", "2024-03-14 W1"]);
    assert_eq!(r["summary"]["score"], 50.0);
}

#[test]
fn since_and_until_restrict_the_range() {
    let r = analyze_json(
        concur_at_root(),
        &[
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--since",
            "2024-03-10",
            "--until",
            "2024-03-20",
        ],
    );
    assert_contract(&r, TZ, 0);
    assert_eq!(r["range"]["from"], "2024-03-10");
    assert_eq!(r["range"]["to"], "2024-03-20");
    assert_eq!(week_names(&r), ["2024-W10", "2024-W11", "2024-W12"]);
    let dates = dates_of_sessions(&r);
    assert_eq!(dates.first().unwrap(), "2024-03-11");
    assert_eq!(dates.last().unwrap(), "2024-03-20");
    assert_eq!(dates.len(), 10);
    // W10 is in the range by its Sunday only, which has no session.
    assert_eq!(r["weeks"][0]["strength_sessions"], 0);
    assert_eq!(r["weeks"][0]["cardio_sessions"], 0);
    assert!(r["weeks"][0]["score"].is_null());

    // --since alone keeps everything from that day on.
    let r = analyze_json(
        concur_at_root(),
        &[
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--since",
            "2024-04-01",
        ],
    );
    assert_eq!(r["range"]["from"], "2024-04-01");
    assert_eq!(r["range"]["to"], "2024-04-13");
    assert_eq!(week_names(&r), ["2024-W14", "2024-W15"]);
    assert_eq!(r["summary"]["sessions"], 8);
}

#[test]
fn week_last_is_the_week_before_today() {
    // 2024-03-13 is a Wednesday in W11, so "last" is W10 (4-10 March).
    let r = analyze_json(
        concur_at_root(),
        &[
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--week",
            "last",
            "--today",
            "2024-03-13",
        ],
    );
    assert_contract(&r, TZ, 0);
    assert_eq!(r["range"]["from"], "2024-03-04");
    assert_eq!(r["range"]["to"], "2024-03-10");
    assert_eq!(week_names(&r), ["2024-W10"]);
    assert_eq!(r["summary"]["sessions"], 9);
    assert_eq!(r["summary"]["pairs"], 3);
    assert_eq!(r["summary"]["score"], 83.3);

    let r = analyze_json(
        concur_at_root(),
        &[
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--week",
            "this",
            "--today",
            "2024-03-13",
        ],
    );
    assert_eq!(week_names(&r), ["2024-W11"]);
}

#[test]
fn a_range_without_sessions_is_an_empty_report_not_an_error() {
    let r = analyze_json(
        concur_at_root(),
        &[
            SAMPLE, "--goal", "strength", "--tz", TZ, "--week", "2024-W30",
        ],
    );
    assert_eq!(r["summary"]["sessions"], 0);
    assert!(r["summary"]["score"].is_null());
    assert_eq!(r["range"]["from"], "2024-07-22");
    assert_eq!(r["range"]["to"], "2024-07-28");
}

#[test]
fn a_range_ending_on_a_pairs_first_day_keeps_the_pair() {
    // Without a range, 3 June holds the pair of the 22:00 lift and the 02:00 run (W2).
    let full = fixture_json("midnight.csv", "strength", &[]);
    assert_eq!(day(&full, "2024-06-03")["pairs"][0]["rule"], "W2");
    // Asking for 3 June only must give 3 June the same verdict.
    let cut = fixture_json("midnight.csv", "strength", &["--until", "2024-06-03"]);
    let d = day(&cut, "2024-06-03");
    assert_eq!(d["verdict"], "aligned", "{d}");
    assert_eq!(cut["summary"]["pairs"], 1);
    // The 02:00 run on 4 June is listed for the pair, marked, and counted nowhere.
    let run = &cut["sessions"][d["pairs"][0]["second_session"].as_u64().unwrap() as usize];
    assert_eq!(run["in_range"], false);
    assert_eq!(cut["summary"]["sessions"], 1);
    assert_eq!(cut["summary"]["cardio_sessions"], 0);
    let dates: Vec<&str> = cut["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-06-03"], "no day after --until");
}
