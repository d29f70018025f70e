//! The terminal report: a summary a person reads in five seconds, then the days with pairs, the
//! weeks, and what concur could not use or had to assume.

use std::fmt::Write;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use super::{Report, SessionOut, format_gap};
use crate::model::{Goal, Modality};
use crate::rules::{PAIR_RULES, WEEK_RULES, pair_rule};
use crate::settings::Thresholds;

/// How many warnings the table shows before it points at the JSON report for the rest.
const WARNINGS_SHOWN: usize = 12;

fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_string(), |s| format!("{s:.1}"))
}

fn session_line(s: &SessionOut) -> String {
    let time = if s.time_known {
        s.start.get(11..16).unwrap_or("").to_string()
    } else {
        "--:--".to_string()
    };
    let mut line = format!(
        "{time} {} {} {}{} min",
        s.modality,
        s.title,
        if s.estimated_end { "~" } else { "" },
        s.minutes.round()
    );
    if s.modality == Modality::Cardio && s.intensity != crate::model::Intensity::Unknown {
        let _ = write!(line, ", {}", s.intensity);
    }
    if s.leg_day {
        line.push_str(", leg day");
    }
    line
}

/// The whole terminal report, `width` columns wide.
pub fn render_table(report: &Report, width: u16) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let range = match (report.range.from, report.range.to) {
        (Some(from), Some(to)) => format!("{from} to {to}"),
        _ => "no sessions".to_string(),
    };
    let _ = writeln!(out, "concur: goal {} ({})", report.goal, report.guidance);
    let _ = writeln!(out, "{range}, times in {}", report.timezone);
    let _ = writeln!(
        out,
        "{}: {} strength, {} cardio, {} other",
        plural(s.sessions, "session"),
        s.strength_sessions,
        s.cardio_sessions,
        s.other_sessions
    );
    let _ = writeln!(
        out,
        "{}, {}: {} aligned, {} caution, {} conflict",
        plural(s.concurrent_days, "concurrent day"),
        plural(s.pairs, "pair"),
        s.aligned,
        s.caution,
        s.conflict
    );
    if s.separate_day_switches > 0 {
        let _ = writeln!(
            out,
            "{} times strength and cardio were on separate days, 6 h or more apart (the best pattern; no pair)",
            s.separate_day_switches
        );
    }
    let _ = writeln!(
        out,
        "Score: {}{}",
        score_text(s.score),
        if s.score.is_some() {
            " / 100"
        } else {
            " (no pairs to judge)"
        }
    );
    if s.skipped_rows > 0 {
        let _ = writeln!(out, "{} rows skipped (see warnings)", s.skipped_rows);
    }

    let concurrent: Vec<_> = report.days.iter().filter(|d| !d.pairs.is_empty()).collect();
    if !concurrent.is_empty() {
        let _ = writeln!(out, "\nDays with pairs");
        let mut table = new_table(width);
        table.set_header([
            "Date",
            "Sessions in order",
            "Gap",
            "Verdict",
            "Rule",
            "Reason",
        ]);
        for day in concurrent {
            for (k, pair) in day.pairs.iter().enumerate() {
                let first = &report.sessions[pair.first_session];
                let second = &report.sessions[pair.second_session];
                let date = if k == 0 {
                    format!("{}\n{}", day.date, day.date.format("%a"))
                } else {
                    String::new()
                };
                table.add_row(vec![
                    Cell::new(date),
                    Cell::new(format!("{}\n{}", session_line(first), session_line(second))),
                    Cell::new(format!(
                        "{}{}\n{}",
                        if pair.gap_estimated { "~" } else { "" },
                        format_gap(pair.gap_minutes as f64),
                        pair.gap_class.as_str()
                    )),
                    Cell::new(pair.verdict),
                    Cell::new(pair.rule),
                    // The sessions column already says what happened; the rule says why it matters.
                    Cell::new(pair_rule(pair.rule).map_or(pair.reason.as_str(), |r| r.reason)),
                ]);
            }
        }
        let _ = writeln!(out, "{table}");
    } else {
        let _ = writeln!(
            out,
            "\nNo day has strength and cardio close enough to judge their order."
        );
    }

    if !report.weeks.is_empty() {
        let _ = writeln!(out, "\nWeeks");
        let mut table = new_table(width);
        table.set_header([
            "Week",
            "Str",
            "Card",
            "Conc",
            "Ali",
            "Cau",
            "Con",
            "Score",
            "Week rules",
        ]);
        for w in &report.weeks {
            let findings: Vec<String> = w
                .findings
                .iter()
                .map(|f| format!("{} {}: {}", f.rule, f.verdict, f.reason))
                .collect();
            let mut row = vec![Cell::new(&w.week)];
            for n in [
                w.strength_sessions,
                w.cardio_sessions,
                w.concurrent_days,
                w.aligned,
                w.caution,
                w.conflict,
            ] {
                row.push(Cell::new(n).set_alignment(CellAlignment::Right));
            }
            row.push(Cell::new(score_text(w.score)).set_alignment(CellAlignment::Right));
            row.push(Cell::new(if findings.is_empty() {
                "–".to_string()
            } else {
                findings.join("\n")
            }));
            table.add_row(row);
        }
        let _ = writeln!(out, "{table}");
        let _ = writeln!(
            out,
            "Str/Card: strength and cardio sessions; Conc: concurrent days; Ali/Cau/Con: aligned, caution and conflict pairs."
        );
    }

    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for w in report.warnings.iter().take(WARNINGS_SHOWN) {
            let place = match (&w.file, w.line) {
                (Some(f), Some(l)) => format!("{f}:{l}: "),
                (Some(f), None) => format!("{f}: "),
                _ => String::new(),
            };
            let _ = writeln!(out, "- {place}{}", w.message);
        }
        if report.warnings.len() > WARNINGS_SHOWN {
            let _ = writeln!(
                out,
                "- ... and {} more (all of them are in --format json)",
                report.warnings.len() - WARNINGS_SHOWN
            );
        }
    }
    let _ = writeln!(
        out,
        "\nA conflict means \"likely costs some adaptation\", not \"kills gains\". `concur rules` lists every rule and the evidence."
    );
    out
}

/// `concur rules`: both rule tables with their sources, the thresholds in force, and what the
/// evidence does and does not say.
pub fn render_rules(goal: Option<Goal>, thresholds: &Thresholds, width: u16) -> String {
    let mut out = String::new();
    let goals = |gs: &[Goal]| -> String {
        if gs.len() == Goal::ALL.len() {
            "any".to_string()
        } else {
            gs.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    let _ = writeln!(out, "Goals");
    let mut table = new_table(width);
    table.set_header(["Goal", "Priority", "Guidance"]);
    for g in Goal::ALL {
        if goal.is_none_or(|x| x == g) {
            table.add_row([g.as_str(), g.priority(), g.guidance()]);
        }
    }
    let _ = writeln!(out, "{table}");

    let _ = writeln!(
        out,
        "\nPair rules (tried in this order; the first that matches decides)"
    );
    let mut table = new_table(width);
    table.set_header(["Rule", "Goals", "When", "Verdict", "Why (source)"]);
    for r in PAIR_RULES {
        if goal.is_none_or(|g| r.goals.contains(&g)) {
            table.add_row([r.id, &goals(r.goals), r.when, r.verdict.as_str(), r.why]);
        }
    }
    let _ = writeln!(out, "{table}");

    let _ = writeln!(out, "\nWeek rules (ISO weeks, reported beside the score)");
    let mut table = new_table(width);
    table.set_header(["Rule", "Goals", "When", "Verdict", "Why (source)"]);
    for r in WEEK_RULES {
        if goal.is_none_or(|g| r.goals.contains(&g)) {
            table.add_row([r.id, &goals(r.goals), r.when, r.verdict.as_str(), r.why]);
        }
    }
    let _ = writeln!(out, "{table}");

    let t = thresholds;
    let _ = writeln!(out, "\nThresholds in force (each is a flag)");
    let _ = writeln!(
        out,
        "- gap classes: back-to-back <= {} min (--back-to-back), short < {} h, separated >= {} h (--separation-hours)",
        t.back_to_back_minutes, t.separation_hours, t.separation_hours
    );
    let _ = writeln!(
        out,
        "- cardio length: cool-down <= {} min (--cool-down), warm-up <= {} min (--warm-up), long > {} min (--long)",
        t.cool_down_minutes, t.warm_up_minutes, t.long_minutes
    );
    let _ = writeln!(
        out,
        "- intensity, first match wins: RPE < {} easy, < {} moderate, else hard (--rpe-moderate, --rpe-hard); \
         average HR < {}% of max easy, < {}% moderate, else hard (--hr-moderate, --hr-hard, --max-hr); \
         then words (interval, tempo, race... hard; easy, recovery, zone 2... easy); else unknown, judged as moderate",
        t.rpe_moderate, t.rpe_hard, t.hr_moderate_pct, t.hr_hard_pct
    );
    let _ = writeln!(
        out,
        "- score: aligned 1, caution 0.5, conflict 0; 100 x the mean over a period's pairs; no pairs, no score"
    );

    let _ = writeln!(out, "\nWhat the evidence does and does not say");
    for note in EVIDENCE_NOTES {
        let _ = writeln!(out, "- {note}");
    }
    out
}

/// GUIDANCE.md, "What the evidence does and does not say".
pub const EVIDENCE_NOTES: &[&str] = &[
    "The interference effect is real in acute signalling, and asymmetric: endurance work interferes with strength adaptations more than the reverse (Ferguson 2025, seed 000).",
    "A 2022 meta-analysis (Schumann et al., Sports Med) found concurrent training did not compromise hypertrophy or maximal strength, even in the same session; it slightly blunted explosive strength (seed 004). So a `conflict` means \"likely costs some adaptation\", not \"kills gains\".",
    "One rat study (Ogasawara 2014, seed 001) found the opposite order worse for protein synthesis; an animal model, one study. Lundberg 2013 saw aerobic exercise 6 h before lifting add muscle.",
    "Intensity matters more than duration; hard cardio next to lifting is the main risk (seeds 000, 003, 004).",
];
