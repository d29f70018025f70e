//! Before the week: a stage after analysis. [`habits`] learns the sessions that recur in the
//! last four weeks and projects them into the next one; [`search`] finds the fewest moves that
//! take the conflicts and cautions out of a week (swap the order within a day, put cardio the
//! separation threshold away, move a session to a free day); [`show`] puts a proposal in words
//! (a table, JSON) and [`ics_out`] writes it as an iCalendar file.
//!
//! A week is judged by the code that judges a report: its sessions go through
//! [`crate::analysis::timeline::build`] and [`crate::analysis::judge::judge`], so a candidate
//! week and a logged week can never be judged by two copies of the rules.

pub mod habits;
pub mod ics_out;
pub mod search;
pub mod show;

/// What the stage's unit tests share: a planned session of moderate intensity.
#[cfg(test)]
mod testing {
    use std::sync::Arc;

    use crate::model::{Intensity, IntensityBasis, Modality, Origin, Session};

    pub fn session(start: &str, minutes: f64, modality: Modality, title: &str) -> Session {
        Session {
            origin: Origin {
                format: "generic",
                file: Arc::from("plan.csv"),
                line: 2,
                column: 1,
            },
            start: crate::import::values::parse_stamp(start).unwrap(),
            offset_minutes: 0.0,
            minutes,
            estimated: false,
            modality,
            intensity: Intensity::Moderate,
            intensity_basis: IntensityBasis::Words,
            leg_day: false,
            title: title.into(),
            activity: String::new(),
            distance_km: None,
            rpe: None,
            avg_hr: None,
        }
    }
}

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Offset, Weekday,
};

use crate::analysis::judge::{self, Judged};
use crate::analysis::timeline::{self, Timeline};
use crate::model::{Goal, Origin, Session, Stamp, Verdict};
use crate::settings::Settings;

pub use habits::{Habit, habits};
pub use search::{Move, MoveKind, Suggestion, improve, suggest, suggest_checked};

/// One ISO week of planned sessions, and the days no session may be moved to.
#[derive(Clone, Debug)]
pub struct Week {
    pub monday: NaiveDate,
    /// In the order they were planned; a move changes a session's start, never the order here,
    /// so that a move can name the sessions it shifts by their place in this list.
    pub sessions: Vec<Planned>,
    /// Rest days: no session is moved onto them.
    pub rest_days: BTreeSet<NaiveDate>,
}

/// A planned session: the session the rules judge, and where it comes from in words.
#[derive(Clone, Debug)]
pub struct Planned {
    /// A timed session starts at an instant (`Stamp::Instant`) and can be moved; one planned
    /// for a day without a time (`Stamp::Date`, an all-day event) stays where it is and, as a
    /// date-only session in a report, takes part in no pair.
    pub session: Session,
    /// "3 of the last 4 weeks" (a habit) or "plan.ics:14" (a planned event).
    pub basis: String,
}

impl Week {
    pub fn sunday(&self) -> NaiveDate {
        self.monday + Duration::days(6)
    }

    /// The seven days, Monday first.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..7).map(|k| self.monday + Duration::days(k))
    }

    /// The sessions as the timeline takes them: each with one origin in a file of its own
    /// (line = its place in [`Week::sessions`], plus one), so that the judged pairs lead back to
    /// the planned sessions and two planned sessions are never merged as one activity recorded
    /// twice (within one file only records that tell exactly the same are).
    fn for_judging(&self) -> Vec<Session> {
        let file: Arc<str> = Arc::from("planned week");
        self.sessions
            .iter()
            .enumerate()
            .map(|(k, p)| Session {
                origin: Origin {
                    format: "plan",
                    file: file.clone(),
                    line: k as u64 + 1,
                    column: 1,
                },
                ..p.session.clone()
            })
            .collect()
    }

    /// The week judged by the rules of a report, for `goal`.
    pub fn judge(&self, goal: Goal, settings: &Settings) -> Judgement {
        let timeline = timeline::build(self.for_judging(), settings, None);
        let judged = judge::judge(
            goal,
            &settings.thresholds,
            &timeline,
            (Some(self.monday), Some(self.sunday())),
        );
        Judgement::of(&timeline, &judged, self.monday)
    }

    /// The local start of a timed session, in the zone of `settings`.
    pub fn local_start(&self, k: usize, settings: &Settings) -> Option<NaiveDateTime> {
        match self.sessions[k].session.start {
            Stamp::Instant(t) => Some(t.with_timezone(&settings.tz).naive_local()),
            Stamp::Local(t) => Some(t),
            Stamp::Date(_) => None,
        }
    }

    /// The training day of a session.
    pub fn date_of(&self, k: usize, settings: &Settings) -> NaiveDate {
        match self.sessions[k].session.start {
            Stamp::Date(d) => d,
            _ => {
                let start = self.local_start(k, settings).expect("a timed session");
                (start - (settings.day_start - chrono::NaiveTime::MIN)).date()
            }
        }
    }

    /// How many sessions each day holds.
    pub fn sessions_on(&self, date: NaiveDate, settings: &Settings) -> usize {
        (0..self.sessions.len())
            .filter(|&k| self.date_of(k, settings) == date)
            .count()
    }
}

/// A wall-clock time in the user's zone as an instant with its offset (a time the clocks skip is
/// read as the timeline reads it).
pub fn instant(local: NaiveDateTime, settings: &Settings) -> DateTime<FixedOffset> {
    let t = timeline::resolve_local(settings.tz, local, |_| {});
    t.with_timezone(&t.offset().fix())
}

/// A planned pair as the rules judged it: its sessions (places in [`Week::sessions`]), its day
/// and the rule that decided it.
#[derive(Clone)]
pub struct PlannedPair {
    pub date: NaiveDate,
    pub first: usize,
    pub second: usize,
    pub strength: usize,
    pub cardio: usize,
    pub gap_minutes: f64,
    pub rule: &'static crate::analysis::rules::PairRule,
}

impl std::fmt::Debug for PlannedPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} #{}-#{} {} {}",
            self.date, self.first, self.second, self.rule.id, self.rule.verdict
        )
    }
}

impl std::fmt::Debug for Judgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let findings: Vec<&str> = self.findings.iter().map(|r| r.id).collect();
        f.debug_struct("Judgement")
            .field("score", &self.score)
            .field("conflicts", &self.conflicts)
            .field("cautions", &self.cautions)
            .field("pairs", &self.pairs)
            .field("findings", &findings)
            .finish()
    }
}

impl PlannedPair {
    pub fn verdict(&self) -> Verdict {
        self.rule.verdict
    }
}

/// What the rules found in a week.
#[derive(Clone)]
pub struct Judgement {
    /// [`crate::analysis::rules::score`] of the week's pairs; `None` without pairs.
    pub score: Option<f64>,
    pub conflicts: usize,
    pub cautions: usize,
    pub pairs: Vec<PlannedPair>,
    /// The week rules that fired (B1-B3): no move changes them, since no move takes a session
    /// out of the week.
    pub findings: Vec<&'static crate::analysis::rules::WeekRule>,
}

impl Judgement {
    fn of(timeline: &Timeline, judged: &Judged, monday: NaiveDate) -> Judgement {
        let week = judged
            .weeks
            .iter()
            .find(|w| crate::week_bounds(w.week).0 == monday);
        let place = |i: usize| timeline.sessions[i].session.origin.line as usize - 1;
        let pairs = timeline
            .pairs
            .iter()
            .zip(&judged.pairs)
            .filter(|(p, _)| judge::in_range(Some(monday + Duration::days(6)), p.date))
            .map(|(p, j)| {
                let sides = timeline.sides(p);
                let strength_first =
                    sides.first.session.modality == crate::model::Modality::Strength;
                let (first, second) = (place(p.first), place(p.second));
                let (strength, cardio) = if strength_first {
                    (first, second)
                } else {
                    (second, first)
                };
                PlannedPair {
                    date: p.date,
                    first,
                    second,
                    strength,
                    cardio,
                    gap_minutes: p.gap_minutes,
                    rule: j.rule,
                }
            })
            .collect();
        Judgement {
            score: week.and_then(|w| w.score),
            conflicts: week.map_or(0, |w| w.conflict),
            cautions: week.map_or(0, |w| w.caution),
            pairs,
            findings: week.map(|w| w.findings.clone()).unwrap_or_default(),
        }
    }

    /// The pairs that are not aligned.
    pub fn flagged(&self) -> impl Iterator<Item = &PlannedPair> {
        self.pairs
            .iter()
            .filter(|p| p.verdict() != Verdict::Aligned)
    }
}

/// The Monday of the week after the one holding `today`: the week `concur plan` proposes.
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday + Duration::days(7)
}

/// A weekday's short English name, as the tables write it.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}
