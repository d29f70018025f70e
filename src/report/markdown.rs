//! The report as Markdown: what a person pastes into their notes or a message to their coach.

use std::fmt::Write;

use super::{Report, SessionOut, format_gap, score_text};

/// Table cells must not break the table: pipes are escaped, line breaks become `<br>`.
pub(super) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

fn session_text(s: &SessionOut) -> String {
    let time = if s.time_known {
        s.clock()
    } else {
        "time unknown".to_string()
    };
    let mut text = format!(
        "{time} {} *{}* {}{} min",
        s.modality,
        s.title.trim(),
        if s.estimated_end { "~" } else { "" },
        s.minutes.round()
    );
    if s.modality == crate::model::Modality::Cardio
        && s.intensity != crate::model::Intensity::Unknown
    {
        let _ = write!(text, ", {}", s.intensity);
    }
    if s.leg_day {
        text.push_str(", leg day");
    }
    text
}

/// Markdown, to paste into notes or a message.
pub struct Markdown {
    /// Every week and day, however long the history.
    pub all: bool,
    /// The measured values and thresholds that decided each verdict, under the day table.
    pub explain: bool,
}

impl super::Render for Markdown {
    fn report(&self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.text(report).as_bytes())
    }

    fn review(
        &self,
        review: &crate::review::Review,
        report: &Report,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let layout = crate::review::Layout::Markdown {
            explain: self.explain,
        };
        out.write_all(crate::review::render(review, &report.warnings, layout).as_bytes())
    }
}

pub fn render_markdown(report: &Report) -> String {
    Markdown {
        all: true,
        explain: false,
    }
    .text(report)
}

impl Markdown {
    /// The report as Markdown; unless `all`, a history longer than 8 weeks month by month, with
    /// its last weeks in detail, as the table does.
    fn text(&self, report: &Report) -> String {
        let mut out = String::new();
        write_summary(&mut out, report);
        let from = if self.all { None } else { report.detail_from() };
        if let Some(from) = from {
            write_month_table(&mut out, report);
            let _ = writeln!(
                out,
                "\nThe last {} of {} weeks in detail, from {from} (`--all` shows every week and day).",
                super::DETAIL_WEEKS,
                report.weeks.len()
            );
        }
        let from = from.unwrap_or(chrono::NaiveDate::MIN);
        write_day_table(&mut out, report, from, self.explain);
        write_week_table(&mut out, report, from);
        write_warnings(&mut out, report);
        let _ = writeln!(
            out,
            "\n*A conflict means \"likely costs some adaptation\", not \"kills gains\". Rules and evidence: `concur rules`.*"
        );
        out
    }
}

/// The title, the guidance, the range with the score, and the counts as a two-column table.
fn write_summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    let _ = writeln!(out, "# {}: {} goal\n", report.title(), report.goal);
    let _ = writeln!(out, "> {}\n", report.guidance);
    if let (Some(from), Some(to)) = (report.range.from, report.range.to) {
        let _ = writeln!(
            out,
            "**{from} to {to}** ({}), score **{}**{}\n",
            report.timezone,
            score_text(s.score),
            if s.score.is_some() {
                " / 100"
            } else {
                " (no pairs)"
            }
        );
    }
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(
        out,
        "| sessions | {} ({} strength, {} cardio, {} other) |",
        s.sessions, s.strength_sessions, s.cardio_sessions, s.other_sessions
    );
    let _ = writeln!(out, "| concurrent days | {} |", s.concurrent_days);
    let _ = writeln!(
        out,
        "| pairs | {} ({} aligned, {} caution, {} conflict) |",
        s.pairs, s.aligned, s.caution, s.conflict
    );
    let _ = writeln!(
        out,
        "| weeks with strength and cardio on separate days | {} of {} |",
        s.separate_day_weeks, s.weeks_with_both
    );
    if s.skipped_rows > 0 {
        let _ = writeln!(out, "| rows skipped | {} |", s.skipped_rows);
    }
    if s.merged_duplicates > 0 {
        let _ = writeln!(out, "| duplicates merged | {} |", s.merged_duplicates);
    }
}

/// "Days with pairs": one table row per pair; nothing when no day has one.
fn write_day_table(out: &mut String, report: &Report, from: chrono::NaiveDate, explain: bool) {
    let concurrent: Vec<_> = report
        .days
        .iter()
        .filter(|d| !d.pairs.is_empty() && d.date >= from)
        .collect();
    if concurrent.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Days with pairs\n");
    let _ = writeln!(
        out,
        "| Date | Sessions in order | Gap | Verdict | Rule | Why |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for day in &concurrent {
        for pair in &day.pairs {
            let first = &report.sessions[pair.first_session];
            let second = &report.sessions[pair.second_session];
            let why: &str = &pair.rule_reason;
            let _ = writeln!(
                out,
                "| {} {} | {}<br>{} | {}{} ({}) | **{}** | {} | {} |",
                day.date,
                day.date.format("%a"),
                cell(&session_text(first)),
                cell(&session_text(second)),
                if pair.gap_estimated { "~" } else { "" },
                format_gap(pair.gap_minutes as f64),
                pair.gap_class.as_str(),
                pair.verdict,
                pair.rule,
                cell(why)
            );
        }
    }
    if explain {
        let _ = writeln!(out, "\n### What decided each verdict\n");
        for day in concurrent {
            for pair in &day.pairs {
                let _ = writeln!(
                    out,
                    "- {} {} {}: {}",
                    day.date,
                    pair.rule,
                    pair.verdict,
                    pair.measured(&report.settings.thresholds)
                );
            }
        }
    }
}

/// "Months": the whole history month by month.
fn write_month_table(out: &mut String, report: &Report) {
    let _ = writeln!(out, "\n## Months\n");
    let _ = writeln!(
        out,
        "| Month | Strength | Cardio | Aligned | Caution | Conflict | Score |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|");
    for m in report.months() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            m.month,
            m.strength_sessions,
            m.cardio_sessions,
            m.aligned,
            m.caution,
            m.conflict,
            score_text(m.score)
        );
    }
}

fn write_week_table(out: &mut String, report: &Report, from: chrono::NaiveDate) {
    if report.weeks.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Weeks\n");
    let _ = writeln!(
        out,
        "| Week | Strength | Cardio | Concurrent days | Aligned | Caution | Conflict | Score | Week rules |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|---|");
    let shown = |w: &&super::WeekOut| w.ends_on_or_after(from);
    for w in report.weeks.iter().filter(shown) {
        let findings = w.findings_text();
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} | {} | {} | {} | {} | {} |",
            w.week,
            if w.partial { " (part)" } else { "" },
            w.strength_sessions,
            w.cardio_sessions,
            w.concurrent_days,
            w.aligned,
            w.caution,
            w.conflict,
            score_text(w.score),
            if findings.is_empty() {
                "–".to_string()
            } else {
                cell(&findings.join("\n"))
            }
        );
    }
}

/// "Warnings": all of them, each with its file and line.
fn write_warnings(out: &mut String, report: &Report) {
    if report.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Warnings\n");
    for w in &report.warnings {
        let place = match (&w.file, w.line) {
            (Some(f), Some(l)) => format!("`{f}:{l}`: "),
            (Some(f), None) => format!("`{f}`: "),
            _ => String::new(),
        };
        let _ = writeln!(out, "- {place}{}", w.message);
    }
}
