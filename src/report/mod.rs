//! The report: one structure that is exactly the JSON report of docs/json-report.md (the
//! contract and the fields concur adds), built once from the judged timeline and rendered as a
//! table, Markdown, HTML or JSON; and `concur rules` (rules_page.rs).

mod html;
mod json;
mod markdown;
mod render;
mod rules_page;
mod table;
mod time_text;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, IsoWeek, NaiveDate};
use serde::Serialize;

pub use html::{render_html, write_html};
pub use markdown::render_markdown;
pub use render::{Format, Render};
pub use rules_page::{render_rules, render_rules_markdown};
pub use table::{Look, render_table};
pub(crate) use table::{paint_score, paint_verdict, wrapped};
pub use time_text::TimeText;

use crate::analysis::Analysis;
use crate::analysis::judge::{self, Judged, JudgedPair, JudgedWeek, in_range};
use crate::analysis::rules::{self, PairFacts};
use crate::analysis::timeline::{DayOrder, GapClass, Pair, Placed, Timeline};
use crate::model::{Intensity, IntensityBasis, Modality, Verdict, Warning};
use crate::settings::Settings;

pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub schema: u32,
    /// What made the report: `analyze` (a log of what was done) or `check` (a plan of what is
    /// to come, `concur check`).
    pub kind: &'static str,
    pub goal: &'static str,
    /// The goal's one-line guidance.
    pub guidance: &'static str,
    pub timezone: String,
    pub range: Range,
    pub sessions: Vec<SessionOut>,
    pub days: Vec<DayOut>,
    pub weeks: Vec<WeekOut>,
    pub summary: Summary,
    pub warnings: Vec<Warning>,
    /// Each input file and the format it was read as.
    pub files: Vec<FileOut>,
    /// The calendar and thresholds the verdicts were reached with.
    pub settings: SettingsOut,
}

#[derive(Clone, Debug, Serialize)]
pub struct SettingsOut {
    /// `HH:MM`.
    pub day_start: String,
    /// The max HR used for the heart-rate bands, if any.
    pub max_hr: Option<f64>,
    pub thresholds: crate::settings::Thresholds,
}

#[derive(Clone, Debug, Serialize)]
pub struct Range {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileOut {
    pub file: String,
    pub format: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct SessionOut {
    /// The start and end in the offset of the report's zone, written as RFC 3339 text.
    #[serde(serialize_with = "rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(serialize_with = "rfc3339")]
    pub end: DateTime<FixedOffset>,
    pub date: NaiveDate,
    pub modality: Modality,
    pub intensity: Intensity,
    /// What decided the intensity: `rpe`, `heart_rate`, `words`, or `assumed`.
    pub intensity_basis: IntensityBasis,
    pub minutes: f64,
    pub leg_day: bool,
    pub title: String,
    pub source: &'static str,
    pub file: Arc<str>,
    pub line: u64,
    pub estimated_end: bool,
    pub time_known: bool,
    /// False for a session after the range, listed only because a pair in the range needs it;
    /// it is not counted in the summary, the days or the weeks.
    pub in_range: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct DayOut {
    pub date: NaiveDate,
    pub order: DayOrder,
    /// `aligned`, `caution`, `conflict`, or `none` for a day without pairs.
    pub verdict: &'static str,
    pub pairs: Vec<PairOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PairOut {
    pub first: Modality,
    pub second: Modality,
    pub first_session: usize,
    pub second_session: usize,
    pub gap_minutes: i64,
    pub gap_class: GapClass,
    /// True when the gap rests on an estimated end.
    pub gap_estimated: bool,
    pub verdict: Verdict,
    pub rule: &'static str,
    pub reason: String,
    /// The rule's reason alone, with the thresholds in force (the tables show it beside the
    /// sessions, which already say what happened).
    pub rule_reason: Arc<str>,
    /// The measured values the rules looked at, for `--explain` and for scripts.
    pub facts: PairFactsOut,
}

/// What was measured about a pair, with the class each value fell into.
#[derive(Clone, Debug, Serialize)]
pub struct PairFactsOut {
    pub cardio_minutes: f64,
    /// `cool-down`, `warm-up`, `medium` or `long` by the length thresholds.
    pub cardio_length: &'static str,
    pub cardio_intensity: Intensity,
    pub intensity_basis: IntensityBasis,
    pub leg_day: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeekOut {
    pub week: String,
    /// True when the range cuts this week, so week rules were not applied.
    pub partial: bool,
    pub strength_sessions: usize,
    pub cardio_sessions: usize,
    pub concurrent_days: usize,
    pub aligned: usize,
    pub caution: usize,
    pub conflict: usize,
    pub score: Option<f64>,
    pub findings: Vec<Finding>,
}

impl PairOut {
    /// The values the rules measured and the thresholds they were held against (`--explain`).
    pub fn measured(&self, t: &crate::settings::Thresholds) -> String {
        let f = &self.facts;
        format!(
            "measured: gap {}{} ({}; back-to-back <= {} min, separated >= {} h); cardio {} min ({}; cool-down <= {}, warm-up <= {}, long > {}); intensity {} ({}); {}",
            if self.gap_estimated { "~" } else { "" },
            format_gap(self.gap_minutes as f64),
            self.gap_class.as_str(),
            t.back_to_back_minutes,
            t.separation_hours,
            f.cardio_minutes.round(),
            f.cardio_length,
            t.cool_down_minutes,
            t.warm_up_minutes,
            t.long_minutes,
            f.cardio_intensity,
            f.intensity_basis.words(),
            if f.leg_day {
                "strength is a leg day"
            } else {
                "strength is not a leg day"
            }
        )
    }
}

impl Report {
    /// What the report is, as its title says: `concur report` of a log, `concur plan check` of
    /// a plan.
    pub fn title(&self) -> &'static str {
        if self.kind == "check" {
            "concur plan check"
        } else {
            "concur report"
        }
    }
}

impl WeekOut {
    /// The week's Monday, from its name (`2024-W11`).
    pub fn monday(&self) -> Option<NaiveDate> {
        let (year, week) = self.week.split_once("-W")?;
        NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Mon)
    }

    /// Whether any of the week's days is on or after `from`.
    pub fn ends_on_or_after(&self, from: NaiveDate) -> bool {
        self.monday()
            .is_some_and(|monday| monday + chrono::Duration::days(6) >= from)
    }

    /// The week rules that fired, a line each: `B2 conflict: No strength session this week`.
    pub fn findings_text(&self) -> Vec<String> {
        self.findings
            .iter()
            .map(|f| format!("{} {}: {}", f.rule, f.verdict, f.reason))
            .collect()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub verdict: Verdict,
    pub reason: &'static str,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub sessions: usize,
    pub strength_sessions: usize,
    pub cardio_sessions: usize,
    pub other_sessions: usize,
    pub concurrent_days: usize,
    pub pairs: usize,
    pub aligned: usize,
    pub caution: usize,
    pub conflict: usize,
    pub score: Option<f64>,
    /// Strength and cardio on different days, 6 h or more apart: the pattern the guidance calls
    /// best, which makes no pair.
    pub separate_day_switches: usize,
    /// Weeks with both strength and cardio, never on the same day: the pattern the guidance
    /// calls best (see docs/json-report.md).
    pub separate_day_weeks: usize,
    /// Weeks with both strength and cardio.
    pub weeks_with_both: usize,
    /// Rows or records that could not be used (each has a warning).
    pub skipped_rows: usize,
    /// Sessions recorded twice (in two files, or a file given twice) and merged into one.
    pub merged_duplicates: usize,
    /// Cardio sessions without RPE, heart rate or telling words, judged as moderate.
    pub assumed_intensity: usize,
}

/// The report of an analysis: what it found, in the words and shape of the JSON contract.
pub fn build(analysis: &Analysis) -> Report {
    let Analysis {
        goal,
        settings,
        since,
        until,
        imported,
        classified,
        timeline,
        judged,
    } = analysis;
    let (goal, since, until) = (*goal, *since, *until);

    let sessions: Vec<SessionOut> = timeline
        .sessions
        .iter()
        .map(|p| session_out(p, in_range(until, p.date)))
        .collect();
    let pairs = pairs_out(settings, timeline, judged);
    let days = days_out(timeline, pairs, until);
    let (from, to) = judge::range(since, until, timeline);
    let weeks = judged.weeks.iter().map(week_out).collect();
    let summary = summary_of(&sessions, &days, until, analysis);
    let mut warnings: Vec<Warning> = imported
        .warnings
        .iter()
        .chain(&classified.warnings)
        .chain(&timeline.warnings)
        .cloned()
        .collect();
    warnings.extend(report_warnings(
        &sessions,
        &days,
        &summary,
        (from, to),
        timeline,
        settings.plan,
    ));

    Report {
        schema: SCHEMA,
        kind: if settings.plan { "check" } else { "analyze" },
        goal: goal.as_str(),
        guidance: goal.guidance(),
        timezone: settings.tz.name().to_string(),
        range: Range { from, to },
        sessions,
        days,
        weeks,
        summary,
        warnings,
        settings: SettingsOut {
            day_start: settings.day_start.format("%H:%M").to_string(),
            max_hr: classified.max_hr.map(|(hr, _)| hr),
            thresholds: settings.thresholds.clone(),
        },
        files: imported
            .files
            .iter()
            .map(|(file, format)| FileOut {
                file: file.clone(),
                format,
            })
            .collect(),
    }
}

/// Every judged pair in words, in the timeline's order; `Option` so that [`days_out`] can move
/// each pair to its day.
fn pairs_out(settings: &Settings, timeline: &Timeline, judged: &Judged) -> Vec<Option<PairOut>> {
    // A rule's text is the same for every pair it judges: one copy each, shared.
    let mut rule_texts: HashMap<&'static str, Arc<str>> = HashMap::new();
    timeline
        .pairs
        .iter()
        .zip(&judged.pairs)
        .map(|(pair, judged)| Some(pair_out(settings, timeline, pair, judged, &mut rule_texts)))
        .collect()
}

/// One judged pair: its facts, the rule that decided it, and the reason in words.
fn pair_out(
    settings: &Settings,
    timeline: &Timeline,
    pair: &Pair,
    judged: &JudgedPair,
    rule_texts: &mut HashMap<&'static str, Arc<str>>,
) -> PairOut {
    let sides = timeline.sides(pair);
    let (a, b, strength, cardio) = (sides.first, sides.second, sides.strength, sides.cardio);
    let (facts, rule) = (&judged.facts, judged.rule);
    let rule_reason = Arc::clone(
        rule_texts
            .entry(rule.id)
            .or_insert_with(|| rules::fill(rule.reason, &settings.thresholds).into()),
    );
    PairOut {
        first: a.session.modality,
        second: b.session.modality,
        first_session: pair.first,
        second_session: pair.second,
        gap_minutes: pair.gap_minutes as i64,
        gap_class: pair.gap_class,
        gap_estimated: pair.estimated,
        verdict: rule.verdict,
        rule: rule.id,
        reason: format!(
            "{}: {}",
            describe_pair(facts, strength, cardio, pair),
            rule_reason
        ),
        rule_reason,
        facts: PairFactsOut {
            cardio_minutes: (cardio.session.minutes * 10.0).round() / 10.0,
            cardio_length: cardio_length(cardio.session.minutes, &settings.thresholds),
            cardio_intensity: cardio.session.intensity,
            intensity_basis: cardio.session.intensity_basis,
            leg_day: strength.session.leg_day,
        },
    }
}

/// The days in range, each with its judged pairs and its worst verdict.
fn days_out(
    timeline: &Timeline,
    mut judged: Vec<Option<PairOut>>,
    until: Option<NaiveDate>,
) -> Vec<DayOut> {
    timeline
        .days
        .iter()
        .filter(|day| in_range(until, day.date))
        .map(|day| {
            // Each pair is on one day: moved there, not copied.
            let pairs: Vec<PairOut> = day.pairs.iter().filter_map(|&k| judged[k].take()).collect();
            debug_assert_eq!(pairs.len(), day.pairs.len(), "a pair on two days");
            let verdict = pairs
                .iter()
                .map(|p| p.verdict)
                .max()
                .map_or("none", Verdict::as_str);
            DayOut {
                date: day.date,
                order: day.order,
                verdict,
                pairs,
            }
        })
        .collect()
}

/// The counts and the score of the whole range.
fn summary_of(
    sessions: &[SessionOut],
    days: &[DayOut],
    until: Option<NaiveDate>,
    analysis: &Analysis,
) -> Summary {
    let Analysis {
        imported,
        classified,
        timeline,
        judged,
        ..
    } = analysis;
    let counted = || sessions.iter().filter(|s| s.in_range);
    let count = |m| counted().filter(|s| s.modality == m).count();
    let verdicts: Vec<Verdict> = days
        .iter()
        .flat_map(|d| d.pairs.iter().map(|p| p.verdict))
        .collect();
    let tally = |v| verdicts.iter().filter(|x| **x == v).count();
    Summary {
        sessions: counted().count(),
        strength_sessions: count(Modality::Strength),
        cardio_sessions: count(Modality::Cardio),
        other_sessions: count(Modality::Other),
        concurrent_days: days.iter().filter(|d| !d.pairs.is_empty()).count(),
        pairs: verdicts.len(),
        aligned: tally(Verdict::Aligned),
        caution: tally(Verdict::Caution),
        conflict: tally(Verdict::Conflict),
        score: rules::score(verdicts.iter().copied()),
        separate_day_switches: timeline.separate_day_switches,
        separate_day_weeks: judged.weeks.iter().filter(|w| w.on_separate_days()).count(),
        weeks_with_both: judged
            .weeks
            .iter()
            .filter(|w| w.strength_sessions > 0 && w.cardio_sessions > 0)
            .count(),
        skipped_rows: imported.skipped + classified.skipped,
        merged_duplicates: timeline.merged_duplicates + imported.repeated,
        assumed_intensity: timeline
            .sessions
            .iter()
            .filter(|s| {
                in_range(until, s.date)
                    && s.session.modality == Modality::Cardio
                    && s.session.intensity_basis == IntensityBasis::Assumed
            })
            .count(),
    }
}

/// The warnings the report itself adds after those of the import, the classification and the
/// timeline: an empty range, assumed intensities, gaps on estimated ends.
fn report_warnings(
    sessions: &[SessionOut],
    days: &[DayOut],
    summary: &Summary,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    timeline: &Timeline,
    analysis_is_plan: bool,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let (true, Some((first, last)), Some(from), Some(to)) =
        (sessions.is_empty(), timeline.span, from, to)
    {
        warnings.push(Warning::general(
            crate::model::WarningKind::Range,
            format!(
                "no sessions from {from} to {to}; the {} from {first} to {last}",
                if analysis_is_plan {
                    "plan runs"
                } else {
                    "logs run"
                }
            ),
        ));
    }
    if summary.assumed_intensity > 0 {
        warnings.push(Warning::general(
            crate::model::WarningKind::Assumption,
            format!(
                "{} cardio session{} had no RPE, heart rate or telling words; judged as moderate",
                summary.assumed_intensity,
                if summary.assumed_intensity == 1 {
                    ""
                } else {
                    "s"
                }
            ),
        ));
    }
    let estimated = days
        .iter()
        .flat_map(|d| &d.pairs)
        .filter(|p| p.gap_estimated)
        .count();
    if estimated > 0 {
        warnings.push(Warning::general(
            crate::model::WarningKind::Assumption,
            format!(
                "{estimated} gap{} on an estimated end (no end or duration logged)",
                if estimated == 1 { " rests" } else { "s rest" }
            ),
        ));
    }
    warnings
}

/// The cardio length classes (docs/rules.md, "cardio length").
pub fn cardio_length(minutes: f64, t: &crate::settings::Thresholds) -> &'static str {
    if minutes <= t.cool_down_minutes {
        "cool-down"
    } else if minutes <= t.warm_up_minutes {
        "warm-up"
    } else if minutes > t.long_minutes {
        "long"
    } else {
        "medium"
    }
}

/// `2024-03-04T07:30:00+01:00`: to the second, in the time's own offset.
fn rfc3339<S: serde::Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    TimeText::of(t).serialize(s)
}

impl SessionOut {
    /// The start's wall-clock time, `07:30`.
    pub fn clock(&self) -> String {
        self.start.format("%H:%M").to_string()
    }

    /// The end's wall-clock time.
    pub fn end_clock(&self) -> String {
        self.end.format("%H:%M").to_string()
    }
}

fn session_out(p: &Placed, in_range: bool) -> SessionOut {
    let s = &p.session;
    SessionOut {
        start: p.start.fixed_offset(),
        end: p.end.fixed_offset(),
        date: p.date,
        modality: s.modality,
        intensity: s.intensity,
        intensity_basis: s.intensity_basis,
        minutes: (s.minutes * 10.0).round() / 10.0,
        leg_day: s.leg_day,
        title: s.title.clone(),
        source: s.origin.format,
        file: Arc::clone(&s.origin.file),
        line: s.origin.line,
        estimated_end: s.estimated,
        time_known: p.time_known,
        in_range,
    }
}

/// "45 min hard run, then lifting 20 min later" and the like: what happened, in the words the
/// rule's reason continues.
fn describe_pair(facts: &PairFacts, strength: &Placed, cardio: &Placed, pair: &Pair) -> String {
    let intensity = match cardio.session.intensity {
        Intensity::Unknown => "moderate (assumed)".to_string(),
        i => i.to_string(),
    };
    let cardio_text = format!(
        "{} min {} {}",
        cardio.session.minutes.round(),
        intensity,
        short_title(&cardio.session.title, "cardio")
    );
    let lift = if strength.session.leg_day {
        "leg day"
    } else {
        "lifting"
    };
    let (first, second) = if facts.first == Modality::Strength {
        (lift.to_string(), cardio_text)
    } else {
        (cardio_text, lift.to_string())
    };
    // Said where it happens: two records that overlap are read as following each other.
    if pair.overlap_minutes >= 1.0 {
        return format!(
            "{first}, then {second} overlapping it by {} (read as no gap)",
            format_gap(pair.overlap_minutes)
        );
    }
    let tilde = if pair.estimated { "~" } else { "" };
    format!(
        "{first}, then {second} {tilde}{} later",
        format_gap(facts.gap_minutes)
    )
}

fn short_title(title: &str, fallback: &str) -> String {
    let t = title.trim();
    if t.is_empty() {
        fallback.to_string()
    } else if t.chars().count() > 28 {
        let cut: String = t.chars().take(27).collect();
        format!("{cut}…")
    } else {
        t.to_string()
    }
}

/// "0 min", "45 min", "3 h 10 min".
pub fn format_gap(minutes: f64) -> String {
    let m = minutes.round() as i64;
    if m < 60 {
        format!("{m} min")
    } else if m % 60 == 0 {
        format!("{} h", m / 60)
    } else {
        format!("{} h {} min", m / 60, m % 60)
    }
}

/// An ISO week as reports name it: `2024-W10`.
pub fn week_name(week: IsoWeek) -> String {
    format!("{}-W{:02}", week.year(), week.week())
}

/// A score as every renderer shows it: one decimal, or `–` for a period without pairs.
pub fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_string(), |s| format!("{s:.1}"))
}

/// A judged week in words.
fn week_out(w: &JudgedWeek) -> WeekOut {
    WeekOut {
        week: week_name(w.week),
        partial: w.partial,
        strength_sessions: w.strength_sessions,
        cardio_sessions: w.cardio_sessions,
        concurrent_days: w.concurrent_days,
        aligned: w.aligned,
        caution: w.caution,
        conflict: w.conflict,
        score: w.score,
        findings: w
            .findings
            .iter()
            .map(|r| Finding {
                rule: r.id,
                verdict: r.verdict,
                reason: r.reason,
            })
            .collect(),
    }
}

/// How many weeks a table shows in detail when the report is longer; months give the rest.
pub const DETAIL_WEEKS: usize = 8;

/// One calendar month of the report: its sessions, pairs, verdicts and score.
pub struct MonthRow {
    /// `2024-03`.
    pub month: String,
    pub strength_sessions: usize,
    pub cardio_sessions: usize,
    pub aligned: usize,
    pub caution: usize,
    pub conflict: usize,
    pub score: Option<f64>,
}

impl Report {
    /// Where the detail of a long report starts: the Monday of its last [`DETAIL_WEEKS`] weeks,
    /// where it has more; `None` where every week fits.
    pub fn detail_from(&self) -> Option<NaiveDate> {
        let first = self
            .weeks
            .len()
            .checked_sub(DETAIL_WEEKS)
            .filter(|k| *k > 0)?;
        self.weeks[first].monday()
    }

    /// The report month by month: sessions counted in the range, pairs by the day they belong to.
    pub fn months(&self) -> Vec<MonthRow> {
        let mut months: std::collections::BTreeMap<String, MonthRow> = Default::default();
        let mut verdicts: std::collections::BTreeMap<String, Vec<Verdict>> = Default::default();
        let month_of = |d: NaiveDate| d.format("%Y-%m").to_string();
        let row = |month: String| MonthRow {
            month,
            strength_sessions: 0,
            cardio_sessions: 0,
            aligned: 0,
            caution: 0,
            conflict: 0,
            score: None,
        };
        for s in self.sessions.iter().filter(|s| s.in_range) {
            let key = month_of(s.date);
            let m = months.entry(key.clone()).or_insert_with(|| row(key));
            match s.modality {
                Modality::Strength => m.strength_sessions += 1,
                Modality::Cardio => m.cardio_sessions += 1,
                Modality::Other => {}
            }
        }
        for day in &self.days {
            let key = month_of(day.date);
            let m = months
                .entry(key.clone())
                .or_insert_with(|| row(key.clone()));
            for p in &day.pairs {
                match p.verdict {
                    Verdict::Aligned => m.aligned += 1,
                    Verdict::Caution => m.caution += 1,
                    Verdict::Conflict => m.conflict += 1,
                }
                verdicts.entry(key.clone()).or_default().push(p.verdict);
            }
        }
        for (key, m) in months.iter_mut() {
            m.score = rules::score(verdicts.remove(key).unwrap_or_default());
        }
        months.into_values().collect()
    }

    /// The worst verdict of any pair or week finding: what `--fail-on` looks at.
    pub fn worst(&self) -> Option<Verdict> {
        self.days
            .iter()
            .flat_map(|d| d.pairs.iter().map(|p| p.verdict))
            .chain(
                self.weeks
                    .iter()
                    .flat_map(|w| w.findings.iter().map(|f| f.verdict)),
            )
            .max()
    }
}

/// The separate-days pattern in words: "Strength and cardio on separate days in 3 of 5 weeks
/// with both (the best pattern; no pair)".
pub fn separate_days_text(separate: usize, both: usize) -> String {
    format!(
        "Strength and cardio on separate days in {separate} of {both} week{} with both (the best pattern; no pair)",
        if both == 1 { "" } else { "s" }
    )
}

/// The report as pretty JSON, ending in a newline.
pub fn render_json(report: &Report) -> String {
    let mut out = Vec::new();
    write_json(report, &mut out).expect("the report is plain data");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The bytes of [`render_json`], written to `out` as they are serialised: the report of a long
/// history is tens of MB of JSON, not worth building as one string first.
pub fn write_json(report: &Report, mut out: impl std::io::Write) -> std::io::Result<()> {
    json::write_report(report, &mut out)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_read_as_people_say_them() {
        assert_eq!(format_gap(0.0), "0 min");
        assert_eq!(format_gap(45.4), "45 min");
        assert_eq!(format_gap(120.0), "2 h");
        assert_eq!(format_gap(190.0), "3 h 10 min");
    }
}
