//! A proposed week in words: the structure the JSON is (`--format json`), and the table built
//! from it. The `.ics` file is [`super::ics_out`]'s.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDate};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use super::search::{Move, MoveKind, Suggestion, day_text};
use super::{Judgement, Week, weekday_name};
use crate::analysis::rules::fill;
use crate::model::{Intensity, IntensityBasis, Modality, Stamp, Verdict};
use crate::report::{score_text, week_name};
use crate::settings::Settings;

/// What a proposal is written as. The report formats (`--format` of `analyze`) are for reports;
/// a proposed week is a table, JSON, or a calendar to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal (`text` is the same).
    #[value(alias = "text")]
    Table,
    /// JSON.
    Json,
    /// An iCalendar file to import into a calendar app, best with --output next-week.ics.
    Ics,
}

/// A proposed week, as the JSON says it.
#[derive(Clone, Debug, Serialize)]
pub struct PlanOut {
    /// `plan` for `concur plan`, `suggestion` for a week of `concur check --suggest`.
    pub kind: &'static str,
    pub goal: &'static str,
    pub guidance: &'static str,
    pub timezone: String,
    /// `2024-W19`.
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The days the habits were learned from (`concur plan` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learned_from: Option<Span>,
    pub before: JudgementOut,
    pub after: JudgementOut,
    /// The proposed week's sessions, in time order.
    pub sessions: Vec<PlannedOut>,
    pub moves: Vec<MoveOut>,
    pub rest_days: Vec<NaiveDate>,
    /// The week rules that fire for the week (no move changes them).
    pub findings: Vec<FindingOut>,
    /// What was assumed or left out, in words.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Clone, Debug, Serialize)]
pub struct JudgementOut {
    /// As a report's week score: `null` without pairs.
    pub score: Option<f64>,
    pub conflicts: usize,
    pub cautions: usize,
    pub pairs: Vec<PairOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PairOut {
    pub date: NaiveDate,
    /// Places in `sessions`.
    pub first: usize,
    pub second: usize,
    pub gap_minutes: f64,
    pub rule: &'static str,
    pub verdict: Verdict,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlannedOut {
    /// `null` for a session planned for a day without a time.
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
    pub date: NaiveDate,
    pub modality: Modality,
    pub intensity: Intensity,
    pub intensity_basis: IntensityBasis,
    pub minutes: f64,
    pub leg_day: bool,
    pub title: String,
    /// Where it comes from: "3 of the last 4 weeks" (the habit), or `plan.ics:14`.
    pub basis: String,
    /// Where it was before the moves, if a move shifted it.
    pub moved_from: Option<DateTime<FixedOffset>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MoveOut {
    /// `swap`, `apart` or `other_day`.
    pub kind: MoveKind,
    pub date: NaiveDate,
    pub shifts: Vec<ShiftOut>,
    /// The rule of the pair the move was made for.
    pub avoids: RuleOut,
    /// The rule that judges the two sessions in the proposed week; `null` where they no longer
    /// make a pair.
    pub now: Option<RuleOut>,
    /// The move and its reason in one sentence.
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShiftOut {
    pub session: usize,
    pub title: String,
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleOut {
    pub rule: &'static str,
    pub verdict: Verdict,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingOut {
    pub rule: &'static str,
    pub verdict: Verdict,
    pub reason: &'static str,
}

fn name(week: &Week, k: usize) -> String {
    let s = &week.sessions[k].session;
    if s.title.trim().is_empty() {
        s.modality.to_string()
    } else {
        s.title.trim().to_string()
    }
}

fn start_of(week: &Week, k: usize) -> Option<DateTime<FixedOffset>> {
    match week.sessions[k].session.start {
        Stamp::Instant(t) => Some(t),
        _ => None,
    }
}

/// A time in the offset of the user's zone, as a report writes its times (a plan's UTC `Z` times
/// too).
fn zoned(t: DateTime<FixedOffset>, settings: &Settings) -> DateTime<FixedOffset> {
    t.with_timezone(&settings.tz).fixed_offset()
}

fn at(t: DateTime<FixedOffset>, settings: &Settings) -> String {
    t.with_timezone(&settings.tz).format("%H:%M").to_string()
}

fn day_at(t: DateTime<FixedOffset>, settings: &Settings) -> String {
    let local = t.with_timezone(&settings.tz);
    format!(
        "{} {}",
        weekday_name(chrono::Datelike::weekday(&local)),
        local.format("%H:%M")
    )
}

fn rule_out(rule: &'static crate::analysis::rules::PairRule, settings: &Settings) -> RuleOut {
    RuleOut {
        rule: rule.id,
        verdict: rule.verdict,
        reason: fill(rule.reason, &settings.thresholds),
    }
}

/// A move and its reason, as one sentence.
pub fn move_text(m: &Move, input: &Week, settings: &Settings) -> String {
    let sep = fill("{sep}", &settings.thresholds);
    let what = match m.kind {
        MoveKind::Swap => {
            let (second, first) = (&m.shifts[0], &m.shifts[1]);
            format!(
                "{}: {} first at {}, then {} at {} (was {} then {})",
                day_text(m.date),
                name(input, second.session),
                at(second.to, settings),
                name(input, first.session),
                at(first.to, settings),
                at(first.from, settings),
                at(second.from, settings),
            )
        }
        MoveKind::Apart => {
            let s = &m.shifts[0];
            format!(
                "{}: {} from {} to {}, {sep} h or more from {}",
                day_text(m.date),
                name(input, s.session),
                at(s.from, settings),
                at(s.to, settings),
                name(input, m.strength),
            )
        }
        MoveKind::OtherDay => {
            let s = &m.shifts[0];
            format!(
                "{} from {} to {}",
                name(input, s.session),
                day_at(s.from, settings),
                day_at(s.to, settings),
            )
        }
    };
    let now = match m.now {
        Some(rule) => format!(
            "; now {} {}: {}",
            rule.id,
            rule.verdict,
            fill(rule.reason, &settings.thresholds)
        ),
        None => "; now the two make no pair".to_string(),
    };
    format!(
        "{what}. Avoids {} {}: {}{now}.",
        m.avoids.id,
        m.avoids.verdict,
        fill(m.avoids.reason, &settings.thresholds)
    )
}

fn judgement_out(j: &Judgement, places: &[usize], settings: &Settings) -> JudgementOut {
    JudgementOut {
        score: j.score,
        conflicts: j.conflicts,
        cautions: j.cautions,
        pairs: j
            .pairs
            .iter()
            .map(|p| PairOut {
                date: p.date,
                first: places[p.first],
                second: places[p.second],
                gap_minutes: p.gap_minutes,
                rule: p.rule.id,
                verdict: p.rule.verdict,
                reason: fill(p.rule.reason, &settings.thresholds),
            })
            .collect(),
    }
}

/// The proposal as the JSON says it. `kind` is `plan` or `suggestion`; `learned_from` the days
/// the habits came from, for `concur plan`.
pub fn plan_out(
    s: &Suggestion,
    kind: &'static str,
    learned_from: Option<(NaiveDate, NaiveDate)>,
    notes: Vec<String>,
    settings: &Settings,
) -> PlanOut {
    let week = &s.week;
    // In time order; `places[k]` is where the week's `k`th session is listed.
    let mut order: Vec<usize> = (0..week.sessions.len()).collect();
    order.sort_by_key(|&k| (week.date_of(k, settings), start_of(week, k)));
    let mut places = vec![0; order.len()];
    for (place, &k) in order.iter().enumerate() {
        places[k] = place;
    }
    let sessions = order
        .iter()
        .map(|&k| {
            let p = &week.sessions[k];
            let start = start_of(week, k).map(|t| zoned(t, settings));
            let before = start_of(&s.input, k).map(|t| zoned(t, settings));
            PlannedOut {
                start,
                end: start.map(|t| {
                    t + chrono::Duration::milliseconds((p.session.minutes * 60_000.0) as i64)
                }),
                date: week.date_of(k, settings),
                modality: p.session.modality,
                intensity: p.session.intensity,
                intensity_basis: p.session.intensity_basis,
                minutes: p.session.minutes,
                leg_day: p.session.leg_day,
                title: p.session.title.clone(),
                basis: p.basis.clone(),
                moved_from: before.filter(|b| Some(*b) != start),
            }
        })
        .collect();
    PlanOut {
        kind,
        goal: s.goal.as_str(),
        guidance: s.goal.guidance(),
        timezone: settings.tz.name().to_string(),
        week: week_name(chrono::Datelike::iso_week(&week.monday)),
        from: week.monday,
        to: week.sunday(),
        learned_from: learned_from.map(|(from, to)| Span { from, to }),
        before: judgement_out(&s.before, &places, settings),
        after: judgement_out(&s.after, &places, settings),
        sessions,
        moves: s
            .moves
            .iter()
            .map(|m| MoveOut {
                kind: m.kind,
                date: m.date,
                shifts: m
                    .shifts
                    .iter()
                    .map(|sh| ShiftOut {
                        session: places[sh.session],
                        title: name(&s.input, sh.session),
                        from: zoned(sh.from, settings),
                        to: zoned(sh.to, settings),
                    })
                    .collect(),
                avoids: rule_out(m.avoids, settings),
                now: m.now.map(|r| rule_out(r, settings)),
                text: move_text(m, &s.input, settings),
            })
            .collect(),
        rest_days: week.rest_days.iter().copied().collect(),
        findings: s
            .after
            .findings
            .iter()
            .map(|f| FindingOut {
                rule: f.id,
                verdict: f.verdict,
                reason: f.reason,
            })
            .collect(),
        notes,
    }
}

fn kind_text(p: &PlannedOut) -> String {
    let mut kind = p.modality.to_string();
    if p.modality == Modality::Cardio && p.intensity != Intensity::Unknown {
        let _ = write!(kind, ", {}", p.intensity);
    }
    if p.leg_day {
        kind.push_str(", leg day");
    }
    kind
}

fn change(before: Option<f64>, after: Option<f64>) -> String {
    format!("{} -> {}", score_text(before), score_text(after))
}

/// A line of text wrapped at `width`, its later lines indented by `indent`.
fn wrap(text: &str, width: u16, indent: &str) -> String {
    // Never at a hyphen: "pre-fatigues" and "06:00-22:00" stay whole.
    let options = textwrap::Options::new(usize::from(width).max(40))
        .subsequent_indent(indent)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text, options)
}

/// The proposal as tables for the terminal, `width` columns wide.
pub fn render_table(plan: &PlanOut, width: u16) -> String {
    let mut out = String::new();
    let title = match plan.kind {
        "plan" => "Proposed week",
        _ => "Suggested week",
    };
    let head = format!(
        "{title} {} ({} to {}), goal {}: {}",
        plan.week, plan.from, plan.to, plan.goal, plan.guidance
    );
    let _ = writeln!(out, "{}", wrap(&head, width, ""));
    if let Some(span) = &plan.learned_from {
        let _ = writeln!(out, "From the habits of {} to {}.", span.from, span.to);
    }
    let b = &plan.before;
    let a = &plan.after;
    let _ = writeln!(
        out,
        "Score {} · conflicts {} -> {} · cautions {} -> {} · {}",
        change(b.score, a.score),
        b.conflicts,
        a.conflicts,
        b.cautions,
        a.cautions,
        match plan.moves.len() {
            0 => "no move".to_string(),
            1 => "1 move".to_string(),
            n => format!("{n} moves"),
        }
    );
    if a.score.is_none() && b.score.is_some() {
        let _ = writeln!(
            out,
            "{}",
            wrap(
                "No pair is left: strength and cardio are on separate days, which the guidance calls best.",
                width,
                ""
            )
        );
    }
    out.push('\n');
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .force_no_tty()
        .set_header(["Day", "Time", "Session", "Kind", "From"]);
    for s in &plan.sessions {
        let time = match (s.start, s.end) {
            (Some(a), Some(b)) => format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")),
            _ => "all day".to_string(),
        };
        // A plan's `folder/file.ics:26` by its file's name alone: the column is narrow, and the
        // JSON keeps the whole place.
        let mut from = std::path::Path::new(&s.basis)
            .file_name()
            .map_or_else(|| s.basis.clone(), |f| f.to_string_lossy().into_owned());
        if let Some(was) = s.moved_from {
            let _ = write!(from, "; moved, was {}", was.format("%a %H:%M"));
        }
        table.add_row([
            format!(
                "{} {}",
                weekday_name(chrono::Datelike::weekday(&s.date)),
                s.date.format("%m-%d")
            ),
            time,
            s.title.clone(),
            format!("{}, {} min", kind_text(s), s.minutes.round()),
            from,
        ]);
    }
    let _ = writeln!(out, "{table}");
    if !plan.moves.is_empty() {
        out.push_str("\nMoves\n");
        for (k, m) in plan.moves.iter().enumerate() {
            let line = format!("{:>2}. {}", k + 1, m.text);
            let _ = writeln!(out, "{}", wrap(&line, width, "    "));
        }
    }
    let flagged: Vec<&PairOut> = a
        .pairs
        .iter()
        .filter(|p| p.verdict != Verdict::Aligned)
        .collect();
    if !flagged.is_empty() {
        out.push_str("\nStill flagged (no move that helps keeps the score)\n");
        for p in flagged {
            let line = format!(
                " - {}: {} and {}: {} {}: {}",
                day_text(p.date),
                plan.sessions[p.first].title,
                plan.sessions[p.second].title,
                p.rule,
                p.verdict,
                p.reason
            );
            let _ = writeln!(out, "{}", wrap(&line, width, "   "));
        }
    }
    if !plan.findings.is_empty() {
        out.push_str("\nThe week\n");
        for f in &plan.findings {
            let line = format!(" - {} {}: {}", f.rule, f.verdict, f.reason);
            let _ = writeln!(out, "{}", wrap(&line, width, "   "));
        }
    }
    if !plan.notes.is_empty() {
        out.push_str("\nAssumed\n");
        for n in &plan.notes {
            let _ = writeln!(out, "{}", wrap(&format!(" - {n}"), width, "   "));
        }
    }
    out
}

/// The proposal as JSON, ending in a newline.
pub fn render_json(plan: &PlanOut) -> String {
    let mut text = serde_json::to_string_pretty(plan).expect("a plan serialises");
    text.push('\n');
    text
}

/// The suggestions of `concur check PLAN --suggest`, a week each, in a format: tables one after
/// another, a JSON array, or one calendar holding every week. `width` is the tables';
/// `checked` what the check said it assumed or left out (its warnings), said with each week.
pub fn render_suggestions(
    weeks: &[Suggestion],
    format: Format,
    width: u16,
    checked: &[String],
    settings: &Settings,
    stamp: chrono::DateTime<chrono::Utc>,
) -> String {
    let notes = || {
        let mut notes = vec![
            "in a plan, a day without strength or cardio is a rest day: no session is moved onto it, nor onto a day that already holds two sessions, nor into the night (moves stay within 06:00-22:00)".to_string(),
        ];
        notes.extend(checked.iter().cloned());
        notes
    };
    if weeks.is_empty() && format == Format::Table {
        let mut text = "No planned session with a time to move.\n".to_string();
        for n in notes() {
            let _ = writeln!(text, " - {n}");
        }
        return text;
    }
    match format {
        Format::Ics => {
            super::ics_out::calendar(weeks, super::ics_out::Holds::Training, settings, stamp)
        }
        Format::Json => {
            let out: Vec<PlanOut> = weeks
                .iter()
                .map(|s| plan_out(s, "suggestion", None, notes(), settings))
                .collect();
            let mut text = serde_json::to_string_pretty(&out).expect("a plan serialises");
            text.push('\n');
            text
        }
        Format::Table => weeks
            .iter()
            .map(|s| render_table(&plan_out(s, "suggestion", None, notes(), settings), width))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
