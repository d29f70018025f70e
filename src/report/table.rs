//! The terminal report: a summary a person reads in five seconds, then the days with pairs, the
//! weeks, and what concur could not use or had to assume.

use std::fmt::Write;

use chrono::NaiveDate;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table};

use super::{DETAIL_WEEKS, PairOut, Report, SessionOut, WeekOut, format_gap, score_text};
use crate::model::Modality;

/// How many warnings the table shows before it points at the JSON report for the rest.
const WARNINGS_SHOWN: usize = 12;

/// How the terminal report is laid out.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Columns the tables may use.
    pub width: u16,
    /// Colour verdicts and the score (ANSI escapes).
    pub color: bool,
    /// Show, for each verdict, the measured values and thresholds that decided it.
    pub explain: bool,
    /// Every week and day, however long the history (else months, and the last weeks in detail).
    pub all: bool,
}

pub(super) fn new_table(look: Look) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(look.width);
    if look.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn verdict_color(verdict: &str) -> Option<Color> {
    match verdict {
        "aligned" => Some(Color::Green),
        "caution" => Some(Color::Yellow),
        "conflict" => Some(Color::Red),
        _ => None,
    }
}

fn verdict_cell(verdict: &str, look: Look) -> Cell {
    let cell = Cell::new(verdict);
    match verdict_color(verdict).filter(|_| look.color) {
        Some(c) => cell.fg(c),
        None => cell,
    }
}

/// A verdict in its colour, for text outside tables.
pub(crate) fn paint_verdict(verdict: &str, look: Look) -> String {
    let code = match verdict_color(verdict).filter(|_| look.color) {
        Some(Color::Green) => "32",
        Some(Color::Yellow) => "33",
        Some(Color::Red) => "31",
        _ => return verdict.to_string(),
    };
    format!("\x1b[{code}m{verdict}\x1b[0m")
}

/// ANSI colour for text outside tables: green from 80, yellow from 50, red below.
pub(crate) fn paint_score(text: String, score: Option<f64>, look: Look) -> String {
    match score.filter(|_| look.color) {
        Some(s) if s >= 80.0 => format!("\x1b[1;32m{text}\x1b[0m"),
        Some(s) if s >= 50.0 => format!("\x1b[1;33m{text}\x1b[0m"),
        Some(_) => format!("\x1b[1;31m{text}\x1b[0m"),
        None => text,
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn session_line(s: &SessionOut) -> String {
    let time = if s.time_known {
        s.clock()
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

/// Tables for the terminal, as wide as `Look` says.
pub struct Tables(pub Look);

impl super::Render for Tables {
    fn report(&self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render_table(report, self.0).as_bytes())
    }

    fn review(
        &self,
        review: &crate::review::Review,
        report: &Report,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let layout = crate::review::Layout::Terminal(self.0);
        out.write_all(crate::review::render(review, &report.warnings, layout).as_bytes())
    }
}

/// The whole terminal report.
pub fn render_table(report: &Report, look: Look) -> String {
    let mut out = String::new();
    write_summary(&mut out, report, look);
    let from = if look.all { None } else { report.detail_from() };
    if let Some(from) = from {
        write_month_table(&mut out, report, look);
        let text = format!(
            "The last {DETAIL_WEEKS} of {} weeks in detail, from {from} (--all shows every week and day; --since and --until a range).",
            report.weeks.len()
        );
        let _ = writeln!(out, "\n{}", wrapped(&text, look, ""));
    }
    let from = from.unwrap_or(NaiveDate::MIN);
    write_day_table(&mut out, report, look, from);
    write_week_table(&mut out, report, look, from);
    write_warnings(&mut out, report, look);
    let _ = writeln!(
        out,
        "\n{}",
        wrapped(
            "A conflict means \"likely costs some adaptation\", not \"kills gains\". `concur rules` lists every rule and the evidence.",
            look,
            ""
        )
    );
    out
}

/// The lines at the top: goal, range, counts and the score.
fn write_summary(out: &mut String, report: &Report, look: Look) {
    let s = &report.summary;
    let range = match (report.range.from, report.range.to) {
        (Some(from), Some(to)) => format!("{from} to {to}"),
        _ => "no sessions".to_string(),
    };
    if report.kind == "check" {
        let _ = writeln!(
            out,
            "concur check of a plan: goal {} ({})",
            report.goal, report.guidance
        );
    } else {
        let _ = writeln!(out, "concur: goal {} ({})", report.goal, report.guidance);
    }
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
    if s.weeks_with_both > 0 {
        let text = super::separate_days_text(s.separate_day_weeks, s.weeks_with_both);
        let _ = writeln!(out, "{}", wrapped(&text, look, ""));
    }
    let _ = writeln!(
        out,
        "Score: {}{}",
        paint_score(score_text(s.score), s.score, look),
        if s.score.is_some() {
            " / 100"
        } else {
            " (no pairs to judge)"
        }
    );
    if s.skipped_rows > 0 {
        let _ = writeln!(out, "{} rows skipped (see warnings)", s.skipped_rows);
    }
}

/// "Days with pairs": one row per pair, or a line saying there is none.
fn write_day_table(out: &mut String, report: &Report, look: Look, from: NaiveDate) {
    let concurrent: Vec<_> = report
        .days
        .iter()
        .filter(|d| !d.pairs.is_empty() && d.date >= from)
        .collect();
    if concurrent.is_empty() {
        let _ = writeln!(
            out,
            "\nNo day has strength and cardio close enough to judge their order."
        );
        return;
    }
    let _ = writeln!(out, "\nDays with pairs");
    let mut table = new_table(look);
    table.set_header([
        "Date",
        "Sessions in order",
        "Gap",
        "Verdict",
        "Rule",
        "Reason",
    ]);
    for day in &concurrent {
        for (k, pair) in day.pairs.iter().enumerate() {
            // The date only on a day's first row.
            let date = if k == 0 {
                format!("{}\n{}", day.date, day.date.format("%a"))
            } else {
                String::new()
            };
            table.add_row(pair_row(date, pair, report, look));
        }
    }
    let _ = writeln!(out, "{table}");
    if look.explain {
        let _ = writeln!(out, "\nWhat decided each verdict (--explain)");
        for day in &concurrent {
            for pair in &day.pairs {
                let line = format!(
                    "- {} {} {}: {}",
                    day.date,
                    pair.rule,
                    pair.verdict.as_str(),
                    pair.measured(&report.settings.thresholds)
                );
                let _ = writeln!(out, "{}", wrapped(&line, look, "  "));
            }
        }
    }
}

/// One pair's row of the day table.
fn pair_row(date: String, pair: &PairOut, report: &Report, look: Look) -> Vec<Cell> {
    let first = &report.sessions[pair.first_session];
    let second = &report.sessions[pair.second_session];
    vec![
        Cell::new(date),
        Cell::new(format!("{}\n{}", session_line(first), session_line(second))),
        Cell::new(format!(
            "{}{}\n{}",
            if pair.gap_estimated { "~" } else { "" },
            format_gap(pair.gap_minutes as f64),
            pair.gap_class.as_str()
        )),
        verdict_cell(pair.verdict.as_str(), look),
        Cell::new(pair.rule),
        // The sessions column already says what happened; the rule says why it matters. The
        // measurements (--explain) get lines of their own under the table.
        Cell::new(&*pair.rule_reason),
    ]
}

/// "Weeks": one row per week, with the key to the short column names.
fn write_week_table(out: &mut String, report: &Report, look: Look, from: NaiveDate) {
    if report.weeks.is_empty() {
        return;
    }
    let shown = |w: &&WeekOut| w.ends_on_or_after(from);
    let _ = writeln!(out, "\nWeeks");
    let mut table = new_table(look);
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
    for w in report.weeks.iter().filter(shown) {
        table.add_row(week_row(w, look));
    }
    let _ = writeln!(out, "{table}");
    let key = "Str/Card: strength and cardio sessions; Conc: concurrent days; Ali/Cau/Con: aligned, caution and conflict pairs.";
    let _ = writeln!(out, "{}", wrapped(key, look, ""));
    if report.weeks.iter().any(|w| w.partial) {
        let part =
            "(part): the range covers only part of the week, so week rules are not applied to it.";
        let _ = writeln!(out, "{}", wrapped(part, look, ""));
    }
}

/// "Months": the whole history month by month, for a report too long to show week by week.
fn write_month_table(out: &mut String, report: &Report, look: Look) {
    let _ = writeln!(out, "\nMonths");
    let mut table = new_table(look);
    table.set_header(["Month", "Str", "Card", "Ali", "Cau", "Con", "Score"]);
    for m in report.months() {
        let mut row = vec![Cell::new(&m.month)];
        for n in [
            m.strength_sessions,
            m.cardio_sessions,
            m.aligned,
            m.caution,
            m.conflict,
        ] {
            row.push(Cell::new(n).set_alignment(CellAlignment::Right));
        }
        row.push(Cell::new(score_text(m.score)).set_alignment(CellAlignment::Right));
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
}

/// One week's row of the week table; the findings are coloured by the worst of them.
fn week_row(w: &WeekOut, look: Look) -> Vec<Cell> {
    let findings = w.findings_text();
    let mut row = vec![Cell::new(if w.partial {
        format!("{} (part)", w.week)
    } else {
        w.week.clone()
    })];
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
    let worst = w
        .findings
        .iter()
        .map(|f| f.verdict)
        .max()
        .map_or("", |v| v.as_str());
    let findings_cell = Cell::new(if findings.is_empty() {
        "–".to_string()
    } else {
        findings.join("\n")
    });
    row.push(match verdict_color(worst).filter(|_| look.color) {
        Some(c) => findings_cell.fg(c),
        None => findings_cell,
    });
    row
}

/// "Warnings": the first [`WARNINGS_SHOWN`], then how many more the JSON report has.
/// Prose cut between words to the width of the tables, each line after the first indented by
/// `indent` spaces.
/// `text` filled to the width of `look`, its later lines indented by `indent`; a word longer
/// than a line (a path) is left whole.
pub(crate) fn wrapped(text: &str, look: Look, indent: &str) -> String {
    let options = textwrap::Options::new(usize::from(look.width).max(40))
        .subsequent_indent(indent)
        .break_words(false);
    textwrap::fill(text, options)
}

fn write_warnings(out: &mut String, report: &Report, look: Look) {
    if report.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nWarnings");
    for w in report.warnings.iter().take(WARNINGS_SHOWN) {
        let place = w.place();
        let _ = writeln!(
            out,
            "{}",
            wrapped(&format!("- {place}{}", w.message), look, "  ")
        );
    }
    if report.warnings.len() > WARNINGS_SHOWN {
        let _ = writeln!(
            out,
            "- ... and {} more (all of them are in --format json)",
            report.warnings.len() - WARNINGS_SHOWN
        );
    }
}
