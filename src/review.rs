//! `concur review`: one week against the four before it, with the days that had pairs, the week
//! rules that fired, and two or three concrete suggestions drawn from the rules that fired.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::model::{Goal, Modality, Verdict, Warning};
use crate::report::{
    Look, PairFactsOut, PairOut, Report, SessionOut, WeekOut, format_gap, paint_score,
    paint_verdict, score_text, week_name, wrapped,
};
use crate::settings::Thresholds;

impl Review {
    /// The worst verdict of the week's pairs and week findings: what `--fail-on` looks at.
    pub fn worst(&self) -> Option<Verdict> {
        self.days
            .iter()
            .flat_map(|d| d.pairs.iter().map(|p| p.verdict))
            .chain(self.findings.iter().map(|f| f.verdict))
            .max()
    }
}

/// How many weeks before the reviewed one its score is compared with.
pub const WEEKS_BEFORE: i64 = 4;

#[derive(Clone, Debug, Serialize)]
pub struct Review {
    pub goal: &'static str,
    pub guidance: &'static str,
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The last day of the logs, where it is before the reviewed week: the export is older than
    /// the week, which then has no data to judge (no week rule, no suggestion, no `--fail-on`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs_end: Option<NaiveDate>,
    pub score: Option<f64>,
    /// The mean of the scores of the weeks before that had one (each week's score unrounded,
    /// the mean rounded to one decimal).
    pub previous_mean: Option<f64>,
    pub previous: Vec<WeekScore>,
    pub strength_sessions: usize,
    pub cardio_sessions: usize,
    pub other_sessions: usize,
    pub days: Vec<ReviewDay>,
    pub findings: Vec<ReviewFinding>,
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeekScore {
    pub week: String,
    pub score: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewDay {
    pub date: NaiveDate,
    pub verdict: &'static str,
    pub pairs: Vec<ReviewPair>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewPair {
    pub rule: &'static str,
    pub verdict: Verdict,
    /// "17:00 Leg day 65 min, then 18:10 Tempo run 30 min (5 min later)".
    pub what: String,
    pub reason: String,
    /// What the rules measured, as in the report's pairs.
    pub facts: PairFactsOut,
    /// The measured values and the thresholds held against them, in words (`--explain`).
    #[serde(skip)]
    pub measured: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewFinding {
    pub rule: &'static str,
    pub verdict: Verdict,
    pub reason: &'static str,
}

/// The Monday to Sunday of the reviewed week and the range to analyse for it (the four weeks
/// before it too).
pub fn analysis_range(monday: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        monday - Duration::weeks(WEEKS_BEFORE),
        monday + Duration::days(6),
    )
}

fn weekday(date: NaiveDate) -> String {
    date.format("%A").to_string()
}

fn clock(s: &SessionOut) -> String {
    if s.time_known {
        s.clock()
    } else {
        "--:--".to_string()
    }
}

fn named(s: &SessionOut) -> String {
    let title = s.title.trim();
    if title.is_empty() {
        s.modality.to_string()
    } else {
        title.to_string()
    }
}

/// The review of the week starting `monday`, from a report over [`analysis_range`].
pub fn build(
    report: &Report,
    goal: Goal,
    monday: NaiveDate,
    t: &Thresholds,
    logs_end: Option<NaiveDate>,
) -> Review {
    let sunday = monday + Duration::days(6);
    let logs_end = logs_end.filter(|last| *last < monday);
    let this_week = week_name(monday.iso_week());
    let this: Option<&WeekOut> = report.weeks.iter().find(|w| w.week == this_week);
    let in_week = |d: NaiveDate| monday <= d && d <= sunday;
    let count = |m: Modality| {
        report
            .sessions
            .iter()
            .filter(|s| in_week(s.date) && s.modality == m)
            .count()
    };
    let (days, flagged) = days_with_pairs(report, monday, sunday, t);
    let (findings, suggestions) = match logs_end {
        // Nothing logged yet for this week: nothing to judge in it, nor to suggest.
        Some(_) => (Vec::new(), Vec::new()),
        None => {
            let findings = week_findings(this);
            let suggestions = suggestions(report, goal, flagged, &findings, days.is_empty(), t);
            (findings, suggestions)
        }
    };
    Review {
        goal: goal.as_str(),
        guidance: goal.guidance(),
        week: this_week,
        from: monday,
        to: sunday,
        logs_end,
        score: this.and_then(|w| w.score),
        previous_mean: previous_mean(report, monday),
        previous: previous_scores(report, monday),
        strength_sessions: count(Modality::Strength),
        cardio_sessions: count(Modality::Cardio),
        other_sessions: count(Modality::Other),
        days,
        findings,
        suggestions,
    }
}

/// The scores of the [`WEEKS_BEFORE`] weeks before the one starting `monday`, oldest first.
fn previous_scores(report: &Report, monday: NaiveDate) -> Vec<WeekScore> {
    (1..=WEEKS_BEFORE)
        .rev()
        .map(|k| {
            let m = monday - Duration::weeks(k);
            let name = week_name(m.iso_week());
            let score = report
                .weeks
                .iter()
                .find(|w| w.week == name)
                .and_then(|w| w.score);
            WeekScore { week: name, score }
        })
        .collect()
}

/// The mean of the previous weeks' scores, each taken unrounded from its pairs so that the
/// mean is rounded once, as a score is; `None` when none of them had a score.
fn previous_mean(report: &Report, monday: NaiveDate) -> Option<f64> {
    let exact_scores: Vec<f64> = (1..=WEEKS_BEFORE)
        .filter_map(|k| {
            let from = monday - Duration::weeks(k);
            let to = from + Duration::days(6);
            let points: Vec<f64> = report
                .days
                .iter()
                .filter(|d| from <= d.date && d.date <= to)
                .flat_map(|d| d.pairs.iter().map(|p| p.verdict.points()))
                .collect();
            (!points.is_empty()).then(|| 100.0 * points.iter().sum::<f64>() / points.len() as f64)
        })
        .collect();
    (!exact_scores.is_empty()).then(|| {
        (10.0 * exact_scores.iter().sum::<f64>() / exact_scores.len() as f64).round() / 10.0
    })
}

/// The week's days that had pairs, and the pairs that did not fit (not aligned), each with its
/// day, in the order of the days.
fn days_with_pairs<'r>(
    report: &'r Report,
    monday: NaiveDate,
    sunday: NaiveDate,
    t: &Thresholds,
) -> (Vec<ReviewDay>, Vec<(NaiveDate, &'r PairOut)>) {
    let mut days = Vec::new();
    let mut flagged: Vec<(NaiveDate, &'r PairOut)> = Vec::new();
    for day in report
        .days
        .iter()
        .filter(|d| monday <= d.date && d.date <= sunday && !d.pairs.is_empty())
    {
        let pairs = day
            .pairs
            .iter()
            .map(|p| {
                if p.verdict != Verdict::Aligned {
                    flagged.push((day.date, p));
                }
                review_pair(report, p, t)
            })
            .collect();
        days.push(ReviewDay {
            date: day.date,
            verdict: day.verdict,
            pairs,
        });
    }
    (days, flagged)
}

/// A pair as the review lists it: its two sessions, when and how long, and the gap between.
fn review_pair(report: &Report, p: &PairOut, t: &Thresholds) -> ReviewPair {
    let (a, b) = (
        &report.sessions[p.first_session],
        &report.sessions[p.second_session],
    );
    ReviewPair {
        rule: p.rule,
        verdict: p.verdict,
        what: format!(
            "{} {} {} min, then {} {} {} min ({} later)",
            clock(a),
            named(a),
            a.minutes.round(),
            clock(b),
            named(b),
            b.minutes.round(),
            format_gap(p.gap_minutes as f64)
        ),
        reason: p.rule_reason.to_string(),
        facts: p.facts.clone(),
        measured: p.measured(t),
    }
}

/// The week rules that fired in the reviewed week, `this`.
fn week_findings(this: Option<&WeekOut>) -> Vec<ReviewFinding> {
    this.map(|w| {
        w.findings
            .iter()
            .map(|f| ReviewFinding {
                rule: f.rule,
                verdict: f.verdict,
                reason: f.reason,
            })
            .collect()
    })
    .unwrap_or_default()
}

/// At most three suggestions: for the `flagged` pairs, the worst first, then the earliest; then
/// what the week rules say. With none, a line that says why nothing needs changing.
fn suggestions(
    report: &Report,
    goal: Goal,
    mut flagged: Vec<(NaiveDate, &PairOut)>,
    findings: &[ReviewFinding],
    no_pairs: bool,
    t: &Thresholds,
) -> Vec<String> {
    flagged.sort_by(|(da, a), (db, b)| b.verdict.cmp(&a.verdict).then(da.cmp(db)));
    let mut suggestions: Vec<String> = flagged
        .iter()
        .filter_map(|(date, p)| suggest_pair(report, goal, *date, p, t))
        .collect();
    suggestions.dedup();
    suggestions.extend(findings.iter().filter_map(|f| suggest_week(f.rule, goal)));
    suggestions.truncate(3);
    if suggestions.is_empty() {
        suggestions.push(if no_pairs {
            "No day put strength and cardio close together; the order could not cost you anything this week.".to_string()
        } else {
            format!(
                "Nothing to change: every pair fit the guidance for a {goal} goal ({}).",
                goal.guidance()
            )
        });
    }
    suggestions
}

/// A concrete suggestion for a pair that did not fit: what happened, and what to do instead.
fn suggest_pair(
    report: &Report,
    goal: Goal,
    date: NaiveDate,
    p: &PairOut,
    t: &Thresholds,
) -> Option<String> {
    let a = &report.sessions[p.first_session];
    let b = &report.sessions[p.second_session];
    let (lift, cardio) = if a.modality == Modality::Strength {
        (a, b)
    } else {
        (b, a)
    };
    let run = format!(
        "the {} min {}{}",
        cardio.minutes.round(),
        match p.facts.cardio_intensity {
            crate::model::Intensity::Unknown => String::new(),
            i => format!("{i} "),
        },
        named(cardio)
    );
    let lifted = if lift.leg_day {
        format!("a leg day ({})", named(lift))
    } else {
        named(lift)
    };
    let rule = crate::analysis::rules::pair_rule(p.rule).filter(|r| !r.advice.is_empty())?;
    let text = crate::analysis::rules::fill(rule.advice, t)
        .replace("{day}", &weekday(date))
        .replace("{cardio}", &run)
        .replace("{strength}", &lifted)
        .replace("{gap}", &format_gap(p.gap_minutes as f64))
        .replace("{goal}", goal.as_str());
    Some(text)
}

fn suggest_week(rule: &str, goal: Goal) -> Option<String> {
    let rule = crate::analysis::rules::week_rule(rule)?;
    Some(rule.advice.replace("{goal}", goal.as_str()))
}

/// How a review is written: for a terminal (wrapped to its width, coloured, explained as the
/// flags say), or as Markdown.
#[derive(Clone, Copy)]
pub enum Layout {
    Terminal(Look),
    Markdown { explain: bool },
}

/// The review as text for the terminal, or as Markdown.
pub fn render(review: &Review, warnings: &[Warning], layout: Layout) -> String {
    let mut out = String::new();
    let (h1, h2, bullet, explain) = match layout {
        Layout::Terminal(look) => ("", "\n", "  - ", look.explain),
        Layout::Markdown { explain } => ("# ", "\n## ", "- ", explain),
    };
    // A line of prose: on a terminal wrapped to its width, its later lines under the text of
    // its bullet; Markdown is left to whatever shows it.
    let line = |out: &mut String, text: String| {
        let text = match layout {
            Layout::Terminal(look) => wrapped(&text, look, "    "),
            Layout::Markdown { .. } => text,
        };
        let _ = writeln!(out, "{text}");
    };
    let verdict = |v: Verdict| match layout {
        Layout::Terminal(look) => paint_verdict(v.as_str(), look),
        Layout::Markdown { .. } => v.to_string(),
    };
    line(
        &mut out,
        format!(
            "{h1}Week {} ({} to {}), goal {}: {}",
            review.week, review.from, review.to, review.goal, review.guidance
        ),
    );
    if let Some(last) = review.logs_end {
        out.push('\n');
        line(
            &mut out,
            format!(
                "Your logs end on {last}, before this week: export them again, or review their last week: concur review --week {}",
                week_name(last.iso_week())
            ),
        );
    }
    let trend = match (review.score, review.previous_mean) {
        (Some(s), Some(m)) if s > m + 0.05 => {
            format!(" (up from {m:.1}, the mean of the weeks before)")
        }
        (Some(s), Some(m)) if s < m - 0.05 => {
            format!(" (down from {m:.1}, the mean of the weeks before)")
        }
        (Some(_), Some(m)) => format!(" (level with {m:.1}, the mean of the weeks before)"),
        (_, None) => " (no scored week before to compare with)".to_string(),
        (None, Some(m)) => format!(" (the weeks before: {m:.1})"),
    };
    let score = match layout {
        Layout::Terminal(look) => format!(
            "\nScore {}{trend}",
            paint_score(score_text(review.score), review.score, look)
        ),
        Layout::Markdown { .. } => format!("\n**Score {}{trend}**", score_text(review.score)),
    };
    let _ = writeln!(out, "{score}");
    let previous: Vec<String> = review
        .previous
        .iter()
        .map(|w| format!("{} {}", w.week, score_text(w.score)))
        .collect();
    line(&mut out, format!("Weeks before: {}", previous.join(", ")));
    let _ = writeln!(
        out,
        "Sessions: {} strength, {} cardio, {} other",
        review.strength_sessions, review.cardio_sessions, review.other_sessions
    );

    let _ = writeln!(out, "{h2}Days with strength and cardio together");
    if review.days.is_empty() {
        let _ = writeln!(out, "{bullet}none this week");
    }
    for day in &review.days {
        for p in &day.pairs {
            line(
                &mut out,
                format!(
                    "{bullet}{} {}: {} {} ({}): {}",
                    weekday(day.date),
                    day.date,
                    verdict(p.verdict),
                    p.rule,
                    p.what,
                    p.reason
                ),
            );
            if explain {
                line(&mut out, format!("    {}", p.measured));
            }
        }
    }
    if !review.findings.is_empty() {
        let _ = writeln!(out, "{h2}Week rules");
        for f in &review.findings {
            line(
                &mut out,
                format!("{bullet}{} {}: {}", f.rule, verdict(f.verdict), f.reason),
            );
        }
    }
    if !review.suggestions.is_empty() {
        let _ = writeln!(out, "{h2}Suggestions");
        for s in &review.suggestions {
            line(&mut out, format!("{bullet}{s}"));
        }
    }
    if !warnings.is_empty() {
        let _ = writeln!(out, "{h2}Warnings");
        for w in warnings {
            line(&mut out, format!("{bullet}{}{}", w.place(), w.message));
        }
    }
    out
}
