//! `concur analyze --format html`: one self-contained page that holds every day and pair of the
//! JSON report of the same run, escapes what the logs say, and draws what a person looks for
//! (a pair across midnight on both rows, date-only sessions without a time, weeks without a score
//! as gaps). No browser needed; `tests/browser/check_html.sh` opens the page in Chromium.

use assert_cmd::Command;

use crate::common::*;

/// Runs `concur analyze <args> --format html` and returns stdout, checking exit 0 and no stderr.
fn html(mut cmd: Command, args: &[&str]) -> String {
    let out = cmd
        .arg("analyze")
        .args(args)
        .args(["--format", "html"])
        .output()
        .expect("concur runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "concur analyze {args:?} --format html failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the page is UTF-8")
}

fn sample_html() -> String {
    html(
        concur_at_root(),
        &[SAMPLE, "--goal", "strength", "--tz", TZ],
    )
}

/// The markup of one timeline row: from its `<g class="day..."` to the next row or the end of
/// the week's SVG.
fn row<'a>(page: &'a str, date: &str) -> &'a str {
    let attr = format!("data-date=\"{date}\" data-sessions=");
    let at = page
        .find(&attr)
        .unwrap_or_else(|| panic!("no timeline row for {date}"));
    let start = page[..at].rfind("<g class=\"day").unwrap();
    let rest = &page[at..];
    let end = [rest.find("<g class=\"day"), rest.find("</svg>")]
        .into_iter()
        .flatten()
        .min()
        .unwrap();
    &page[start..at + end]
}

#[test]
fn the_page_is_one_document_that_loads_and_runs_nothing() {
    let page = sample_html();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.ends_with("</html>\n"));
    let lower = page.to_ascii_lowercase();
    for (tag, n) in [
        ("<html", 1),
        ("</html>", 1),
        ("<head>", 1),
        ("<body>", 1),
        ("</body>", 1),
        ("<style>", 1),
        ("<meta charset=\"utf-8\">", 1),
    ] {
        assert_eq!(
            lower.matches(tag).count(),
            n,
            "{tag} should occur {n} time(s)"
        );
    }
    for banned in [
        "<script", "http://", "https://", " src=", "<link", "<img", "<iframe", "@import", "url(",
    ] {
        assert!(
            !lower.contains(banned),
            "a self-contained page has no {banned:?}"
        );
    }
    assert!(
        page.contains("content=\"default-src 'none';"),
        "the page tells the browser it fetches nothing"
    );
    assert!(page.contains("<meta name=\"viewport\""), "phone-ready");
    assert!(page.contains("@media print"), "printable");
    assert!(
        page.matches("<svg class=\"tl\" viewBox=").count() == 6,
        "one timeline per ISO week of the six-week sample"
    );
}

#[test]
fn every_day_and_pair_of_the_json_report_is_on_the_page() {
    let page = sample_html();
    let report = sample_json("strength");
    let sessions = sessions(&report);
    for day in report["days"].as_array().unwrap() {
        let date = day["date"].as_str().unwrap();
        let n = sessions.iter().filter(|s| s["date"] == date).count();
        let attrs = format!(
            "data-date=\"{date}\" data-sessions=\"{n}\" data-order=\"{}\" data-verdict=\"{}\"",
            day["order"].as_str().unwrap(),
            day["verdict"].as_str().unwrap()
        );
        assert_eq!(page.matches(&attrs).count(), 1, "timeline row {attrs}");
    }
    let pairs = pairs(&report);
    assert_eq!(pairs.len(), 9);
    for (date, p) in &pairs {
        let attrs = format!(
            "data-pair=\"{}-{}\" data-rule=\"{}\" data-verdict=\"{}\" data-date=\"{date}\"",
            p["first_session"],
            p["second_session"],
            p["rule"].as_str().unwrap(),
            p["verdict"].as_str().unwrap()
        );
        let verdict = p["verdict"].as_str().unwrap();
        assert_eq!(
            page.matches(&format!("<tr class=\"pair {verdict}\" {attrs}>"))
                .count(),
            1,
            "day-table row {attrs}"
        );
        assert_eq!(
            page.matches(&format!("<g class=\"gap {verdict}\" {attrs}>"))
                .count(),
            1,
            "timeline gap {attrs}"
        );
    }
    assert_eq!(page.matches("<tr class=\"pair ").count(), pairs.len());
    assert_eq!(page.matches("<g class=\"gap ").count(), pairs.len());
    for (i, _) in sessions.iter().enumerate() {
        assert!(
            page.contains(&format!("data-session=\"{i}\" x=")),
            "session {i} has a block in the timeline"
        );
    }
}

#[test]
fn the_summary_weeks_rules_and_evidence_are_those_of_the_report() {
    let page = sample_html();
    assert!(page.contains("id=\"score\" data-score=\"72.2\""));
    assert!(page.contains("<strong>weights first</strong>"));
    assert!(
        page.contains("2024-03-04 to 2024-04-13, times in <span id=\"timezone\">Europe/Berlin")
    );
    assert!(page.contains("13 strength · 21 cardio · 2 other"));
    assert!(page.contains("5 aligned</span> <span class=\"pill caution\">3 caution</span> <span class=\"pill conflict\">1 conflict"));
    assert!(page.contains("<div data-key=\"separate_day_weeks\"><dt>Separate days</dt><dd>0"));
    assert!(page.contains("weeks of the 4 with both in which they were never on the same day"));
    assert!(page.contains("<div data-key=\"skipped_rows\"><dt>Rows skipped</dt><dd>0"));
    assert!(page.contains("<div data-key=\"merged_duplicates\"><dt>Duplicates merged</dt><dd>0"));
    for (week, score) in [
        ("2024-W10", "83.3"),
        ("2024-W11", "50.0"),
        ("2024-W12", ""),
        ("2024-W13", "100.0"),
        ("2024-W14", ""),
        ("2024-W15", "50.0"),
    ] {
        assert!(page.contains(&format!(
            "<tr class=\"week\" data-week=\"{week}\" data-score=\"{score}\">"
        )));
        let bar = format!("data-week=\"{week}\" data-score=\"{score}\">");
        let at = page.find(&bar).expect("a bar per week");
        let bar_markup = &page[at..at + page[at..].find("</g>").unwrap()];
        assert_eq!(
            bar_markup.contains("<rect"),
            !score.is_empty(),
            "{week}: a bar where there is a score, a gap where there is none"
        );
    }
    assert!(
        page.contains("<li data-rule=\"B2\" data-verdict=\"conflict\"><a href=\"#rule-B2\">B2</a>")
    );
    for (rule, n) in [
        ("S1", 2),
        ("L1", 1),
        ("W1", 2),
        ("W2", 2),
        ("W3", 1),
        ("W4", 1),
        ("B2", 1),
    ] {
        assert!(
            page.contains(&format!("data-rule-id=\"{rule}\" data-verdict=")),
            "{rule} is listed as fired"
        );
        assert!(page.contains(&format!(
            "id=\"rule-{rule}\" data-rule-id=\"{rule}\" data-verdict=\""
        )));
        let at = page.find(&format!("data-rule-id=\"{rule}\"")).unwrap();
        assert!(page[at..].contains(&format!("data-count=\"{n}\"")));
    }
    assert!(
        !page.contains("data-rule-id=\"E1\""),
        "rules that did not fire are left out"
    );
    assert!(page.contains("(Planfit; Ferguson 2025)"), "W4's sources");
    assert!(page.contains("likely costs some adaptation”, not “kills gains”"));
    assert!(page.contains("judged as moderate</li>"), "the warnings");
}

#[test]
fn titles_and_file_names_from_the_logs_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "log<i>&'q'.csv";
    write(
        dir.path(),
        name,
        "start,duration,type,title\n\
         2024-06-03 17:00,60,Strength Training,\"<script>alert(\"\"x\"\")</script> & <b>legs</b>\"\n\
         2024-06-03 18:10,30,Run,Tempo run\n",
    );
    let page = html(
        concur_in(dir.path()),
        &[name, "--goal", "strength", "--tz", TZ],
    );
    assert!(!page.to_ascii_lowercase().contains("<script"), "{page}");
    assert!(!page.contains("<b>legs</b>"));
    assert!(!page.contains("<i>&"));
    assert!(page.contains(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;legs&lt;/b&gt;"
    ));
    assert!(page.contains("<code>log&lt;i&gt;&amp;&#39;q&#39;.csv</code> read as generic"));
    // The title is in the day table and in the block's tooltip.
    assert_eq!(
        page.matches("&lt;script&gt;alert(&quot;x&quot;)").count(),
        2
    );
}

#[test]
fn output_writes_the_page_to_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    let out = concur_at_root()
        .args(["analyze", SAMPLE, "--goal", "strength", "--tz", TZ])
        .args(["--format", "html", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, sample_html(), "the same input gives the same page");
}

#[test]
fn a_pair_and_a_session_across_midnight_go_on_in_the_next_row() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "late.csv",
        "start,duration,type,title,rpe\n\
         2024-06-03 21:30,60,Strength Training,Late upper body,\n\
         2024-06-04 01:00,30,Run,Night run,4\n\
         2024-06-05 23:30,60,Run,Midnight run,4\n",
    );
    let page = html(
        concur_in(dir.path()),
        &["late.csv", "--goal", "strength", "--tz", TZ],
    );

    // The pair belongs to the 3rd; its 2.5 h gap runs from 22:30 to midnight on the 3rd and on
    // from midnight to 01:00 on the 4th.
    let attrs =
        "data-pair=\"0-1\" data-rule=\"W2\" data-verdict=\"aligned\" data-date=\"2024-06-03\"";
    let third = row(&page, "2024-06-03");
    let fourth = row(&page, "2024-06-04");
    assert!(
        third.contains(&format!("<g class=\"gap aligned\" {attrs}>")),
        "{third}"
    );
    assert!(
        fourth.contains(&format!("<g class=\"gap aligned gap-cont\" {attrs}>")),
        "{fourth}"
    );
    // 22:30 is 15/16 of the way along the hour axis, which runs from x=92 to x=790.
    assert!(third.contains("<line x1=\"746.4\" y1=\"") && third.contains(" x2=\"790.0\""));

    // The 23:30 run is drawn on the 5th until midnight and goes on on the 6th, which has no
    // session of its own.
    let fifth = row(&page, "2024-06-05");
    let sixth = row(&page, "2024-06-06");
    assert!(fifth.contains("<rect class=\"blk cardio i-easy\" data-session=\"2\""));
    assert!(sixth.contains("<rect class=\"blk cardio i-easy cont\" data-session=\"2\""));
    assert!(sixth.contains("data-sessions=\"0\""));
    assert!(sixth.contains("<title>continued: 2024-06-05 · 23:30–00:30"));
}

#[test]
fn date_only_sessions_are_drawn_apart_without_a_time() {
    let page = html(
        concur(),
        &["date-only.csv", "--goal", "strength", "--tz", TZ],
    );
    let report = fixture_json("date-only.csv", "strength", &[]);
    let day = row(&page, "2024-06-17");
    assert!(day.contains("data-order=\"unknown\""));
    for (i, s) in sessions(&report).iter().enumerate() {
        let timed = s["time_known"].as_bool().unwrap();
        let block = format!(
            "<rect class=\"blk {}{} ",
            if timed { "" } else { "notime " },
            s["modality"].as_str().unwrap()
        );
        let at = page
            .find(&format!("data-session=\"{i}\" x="))
            .unwrap_or_else(|| panic!("session {i} is drawn"));
        let tag = &page[page[..at].rfind('<').unwrap()..at];
        assert!(tag.starts_with(&block), "session {i}: {tag}");
    }
    assert_eq!(day.matches("<rect class=\"blk notime ").count(), 2);
    assert_eq!(day.matches("no time logged").count(), 2);
    assert!(page.contains(">no time</text>"), "the column has a heading");
    assert!(page.contains("No day has strength and cardio close enough to judge their order."));
}

#[test]
fn a_report_without_sessions_is_still_a_page() {
    let page = html(concur(), &["empty.csv", "--goal", "general", "--tz", TZ]);
    assert!(page.ends_with("</html>\n"));
    assert!(page.contains("id=\"score\" data-score=\"\""));
    assert!(page.contains("No sessions to show."));
}
