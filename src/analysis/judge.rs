//! Judging: every pair of the timeline by the goal's pair rules, and every ISO week of the range
//! by its counts, its score and the week rules. The verdicts and the rules that gave them are
//! typed here; what the report says of them in words is the report's business.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, IsoWeek, NaiveDate};

use super::rules::{self, PairFacts, PairRule, WeekFacts, WeekRule};
use super::timeline::{Pair, Timeline};
use crate::model::{Goal, Modality, Verdict};
use crate::settings::Thresholds;

/// The judged history.
pub struct Judged {
    /// One for each of the timeline's pairs, in its order.
    pub pairs: Vec<JudgedPair>,
    /// Every ISO week of the range, in calendar order; none where the range is empty.
    pub weeks: Vec<JudgedWeek>,
}

/// A pair of the timeline, the facts the rules saw, and the rule that decided it.
pub struct JudgedPair {
    pub facts: PairFacts,
    pub rule: &'static PairRule,
}

impl JudgedWeek {
    /// Strength and cardio both this week, never on the same day and never as a pair (a late
    /// lift and an early run across midnight are one): the pattern the guidance calls best.
    pub fn on_separate_days(&self) -> bool {
        self.strength_sessions > 0
            && self.cardio_sessions > 0
            && self.mixed_days == 0
            && self.concurrent_days == 0
    }
}

impl JudgedPair {
    pub fn verdict(&self) -> Verdict {
        self.rule.verdict
    }
}

/// An ISO week of the range.
pub struct JudgedWeek {
    pub week: IsoWeek,
    /// The range cuts the week: the week rules, which speak of a whole week, are not applied.
    pub partial: bool,
    pub strength_sessions: usize,
    pub cardio_sessions: usize,
    pub concurrent_days: usize,
    pub aligned: usize,
    pub caution: usize,
    pub conflict: usize,
    /// Days of the week with both a strength and a cardio session.
    pub mixed_days: usize,
    /// `None` for a week without pairs.
    pub score: Option<f64>,
    pub findings: Vec<&'static WeekRule>,
}

/// The range the report covers: the bounds asked for, or else the logs' first and last day.
pub fn range(
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    timeline: &Timeline,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = since
        .filter(|d| *d != NaiveDate::MIN)
        .or(timeline.sessions.first().map(|s| s.date));
    let to =
        until
            .filter(|d| *d != NaiveDate::MAX)
            .or(timeline.sessions.iter().map(|s| s.date).max());
    (from, to)
}

/// Judges the timeline's pairs by `goal`, and each week of `since..=until` (the bounds asked
/// for; the days after `until` hold only sessions an in-range pair needs).
pub fn judge(
    goal: Goal,
    thresholds: &Thresholds,
    timeline: &Timeline,
    (since, until): (Option<NaiveDate>, Option<NaiveDate>),
) -> Judged {
    let pairs: Vec<JudgedPair> = timeline
        .pairs
        .iter()
        .map(|pair| {
            let facts = pair_facts(goal, timeline, pair);
            let rule = rules::judge_pair(&facts, thresholds);
            JudgedPair { facts, rule }
        })
        .collect();
    let weeks = match range(since, until, timeline) {
        (Some(from), Some(to)) if from <= to => {
            judge_weeks(goal, (from, to), (since, until), timeline, &pairs)
        }
        _ => Vec::new(),
    };
    Judged { pairs, weeks }
}

/// What the rules ask about a pair.
fn pair_facts(goal: Goal, timeline: &Timeline, pair: &Pair) -> PairFacts {
    let sides = timeline.sides(pair);
    let (a, strength, cardio) = (sides.first, sides.strength, sides.cardio);
    PairFacts {
        goal,
        first: a.session.modality,
        gap_minutes: pair.gap_minutes,
        gap_class: pair.gap_class,
        cardio_minutes: cardio.session.minutes,
        cardio_intensity: cardio.session.intensity,
        leg_day: strength.session.leg_day,
    }
}

/// Whether a day is counted: a session after `until` is there only because an in-range pair
/// needs it.
pub fn in_range(until: Option<NaiveDate>, d: NaiveDate) -> bool {
    until.is_none_or(|u| d <= u)
}

/// An ISO week as a map key: (ISO year, week number), in calendar order.
type WeekKey = (i32, u32);

fn week_key(d: NaiveDate) -> WeekKey {
    (d.iso_week().year(), d.iso_week().week())
}

/// Every ISO week from `from` to `to` with its counts, score and week-rule findings.
fn judge_weeks(
    goal: Goal,
    (from, to): (NaiveDate, NaiveDate),
    (since, until): (Option<NaiveDate>, Option<NaiveDate>),
    timeline: &Timeline,
    pairs: &[JudgedPair],
) -> Vec<JudgedWeek> {
    let mut weeks = empty_weeks((from, to), (since, until));
    count_week_sessions(&mut weeks, (from, to), timeline);
    let mut verdicts = count_week_pairs(&mut weeks, until, timeline, pairs);
    for (k, w) in weeks.iter_mut() {
        w.score = rules::score(verdicts.remove(k).unwrap_or_default());
        if !w.partial {
            w.findings = rules::judge_week(&WeekFacts {
                goal,
                strength_sessions: w.strength_sessions,
                cardio_sessions: w.cardio_sessions,
            });
        }
    }
    weeks.into_values().collect()
}

/// A week with nothing counted yet for each ISO week from `from` to `to`; one that an explicit
/// bound (`--since`, `--until`, `--week`) cuts is partial.
fn empty_weeks(
    (from, to): (NaiveDate, NaiveDate),
    (since, until): (Option<NaiveDate>, Option<NaiveDate>),
) -> BTreeMap<WeekKey, JudgedWeek> {
    let mut weeks = BTreeMap::new();
    let mut monday = crate::week_bounds(from.iso_week()).0;
    while monday <= to {
        let week = monday.iso_week();
        let sunday = monday + Duration::days(6);
        weeks.insert(
            (week.year(), week.week()),
            JudgedWeek {
                week,
                partial: since.is_some_and(|s| monday < s) || until.is_some_and(|u| sunday > u),
                strength_sessions: 0,
                cardio_sessions: 0,
                concurrent_days: 0,
                aligned: 0,
                caution: 0,
                conflict: 0,
                mixed_days: 0,
                score: None,
                findings: Vec::new(),
            },
        );
        monday += Duration::days(7);
    }
    weeks
}

/// The strength and cardio sessions of each week, and its days with both.
fn count_week_sessions(
    weeks: &mut BTreeMap<WeekKey, JudgedWeek>,
    (from, to): (NaiveDate, NaiveDate),
    timeline: &Timeline,
) {
    // What each day held: strength, cardio.
    let mut days: BTreeMap<NaiveDate, (bool, bool)> = BTreeMap::new();
    // A session listed only because an in-range pair needs it is not counted in its week.
    for s in timeline
        .sessions
        .iter()
        .filter(|s| from <= s.date && s.date <= to)
    {
        if let Some(w) = weeks.get_mut(&week_key(s.date)) {
            let day = days.entry(s.date).or_default();
            match s.session.modality {
                Modality::Strength => {
                    (w.strength_sessions, day.0) = (w.strength_sessions + 1, true)
                }
                Modality::Cardio => (w.cardio_sessions, day.1) = (w.cardio_sessions + 1, true),
                Modality::Other => {}
            }
        }
    }
    for (date, _) in days.into_iter().filter(|(_, (s, c))| *s && *c) {
        if let Some(w) = weeks.get_mut(&week_key(date)) {
            w.mixed_days += 1;
        }
    }
}

/// The concurrent days and the pair verdicts of each week; returns the verdicts for the score.
fn count_week_pairs(
    weeks: &mut BTreeMap<WeekKey, JudgedWeek>,
    until: Option<NaiveDate>,
    timeline: &Timeline,
    pairs: &[JudgedPair],
) -> BTreeMap<WeekKey, Vec<Verdict>> {
    let mut verdicts: BTreeMap<WeekKey, Vec<Verdict>> = BTreeMap::new();
    for day in timeline.days.iter().filter(|d| in_range(until, d.date)) {
        let Some(w) = weeks.get_mut(&week_key(day.date)) else {
            continue;
        };
        if !day.pairs.is_empty() {
            w.concurrent_days += 1;
        }
        for &k in &day.pairs {
            let verdict = pairs[k].verdict();
            match verdict {
                Verdict::Aligned => w.aligned += 1,
                Verdict::Caution => w.caution += 1,
                Verdict::Conflict => w.conflict += 1,
            }
            verdicts
                .entry(week_key(day.date))
                .or_default()
                .push(verdict);
        }
    }
    verdicts
}
