//! The habits of the last four weeks: which kinds of session recur, on which weekday, at what
//! hour and for how long, projected into the week to plan.
//!
//! A habit is a kind of session (its modality; for cardio whether it is hard and whether it is
//! short, warm-up length or less; for strength whether it is a leg day) seen in at least two of
//! the four weeks on about the same weekday (that day or a neighbour in the same week). Its hour
//! and length are the medians of the sessions it was learned from. Weekdays with no session at
//! all in the four weeks are rest days, and stay so.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike, Weekday};

use super::{Planned, Week, instant, weekday_name};
use crate::analysis::timeline::Placed;
use crate::model::{Intensity, Modality, Stamp};
use crate::settings::Settings;

/// How many weeks the habits are learned from.
pub const WEEKS: i64 = 4;

/// The fewest weeks of the four a kind must be seen in, on about the same weekday.
pub const MIN_WEEKS: usize = 2;

/// A recurring session.
#[derive(Clone, Debug)]
pub struct Habit {
    pub weekday: Weekday,
    /// The median start, to 5 minutes.
    pub time: NaiveTime,
    /// The median length.
    pub minutes: f64,
    /// In how many of the four weeks it was seen.
    pub weeks_seen: usize,
    pub modality: Modality,
    pub intensity: Intensity,
    pub leg_day: bool,
    /// The title seen most often.
    pub title: String,
}

/// What the last four weeks teach: the habits, the week they make, and what was left out.
#[derive(Clone, Debug)]
pub struct Learned {
    /// The first and last day learned from.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub habits: Vec<Habit>,
    pub week: Week,
    /// What the proposal assumed or left out, in words.
    pub notes: Vec<String>,
}

/// What makes two sessions the same kind for a habit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Kind {
    modality: Modality,
    hard: bool,
    short: bool,
    leg_day: bool,
}

fn kind(p: &Placed, settings: &Settings) -> Kind {
    let s = &p.session;
    let cardio = s.modality == Modality::Cardio;
    Kind {
        modality: s.modality,
        hard: cardio && s.intensity.is_hard(),
        short: cardio && s.minutes <= settings.thresholds.warm_up_minutes,
        leg_day: s.modality == Modality::Strength && s.leg_day,
    }
}

/// The four weeks up to and including `today`, learned into habits for the week starting
/// `monday` (the week after today's). `sessions` are the timeline's; those outside the four
/// weeks are not looked at.
pub fn habits(
    sessions: &[Placed],
    today: NaiveDate,
    monday: NaiveDate,
    settings: &Settings,
) -> Learned {
    let from = today - Duration::days(7 * WEEKS - 1);
    let in_window: Vec<&Placed> = sessions
        .iter()
        .filter(|p| from <= p.date && p.date <= today)
        .collect();
    let mut notes = Vec::new();
    let untimed = in_window.iter().filter(|p| !p.time_known).count();
    if untimed > 0 {
        notes.push(format!(
            "{untimed} session{} of the last four weeks had no time of day (a log of dates only) and taught no habit",
            if untimed == 1 { "" } else { "s" }
        ));
    }
    let trained: BTreeSet<u32> = in_window
        .iter()
        .map(|p| p.date.weekday().num_days_from_monday())
        .collect();
    let timed: Vec<&Placed> = in_window.into_iter().filter(|p| p.time_known).collect();
    let habits = learn(&timed, from, settings);

    let mut week = Week {
        monday,
        sessions: Vec::new(),
        rest_days: (0..7)
            .map(|k| monday + Duration::days(k))
            .filter(|d| !trained.contains(&d.weekday().num_days_from_monday()))
            .collect(),
    };
    for (habit, latest) in &habits {
        let date = monday + Duration::days(i64::from(habit.weekday.num_days_from_monday()));
        let mut session = latest.session.clone();
        session.start = Stamp::Instant(instant(date.and_time(habit.time), settings));
        session.offset_minutes = 0.0;
        session.minutes = habit.minutes;
        session.estimated = false;
        session.intensity = habit.intensity;
        session.title = habit.title.clone();
        week.sessions.push(Planned {
            session,
            basis: format!("{} of the last {WEEKS} weeks", habit.weeks_seen),
        });
    }
    week.sessions.sort_by_key(|p| match p.session.start {
        Stamp::Instant(t) => t.naive_utc(),
        Stamp::Local(t) => t,
        Stamp::Date(d) => d.and_time(NaiveTime::MIN),
    });
    if habits.is_empty() {
        notes.push(format!(
            "no kind of session recurred in {MIN_WEEKS} of the last {WEEKS} weeks on about the same weekday: there is no week to propose"
        ));
    }
    let rest: Vec<&str> = week
        .rest_days
        .iter()
        .map(|d| weekday_name(d.weekday()))
        .collect();
    if !rest.is_empty() {
        notes.push(format!(
            "rest days kept (no training on them in the last {WEEKS} weeks): {}",
            rest.join(", ")
        ));
    }
    Learned {
        from,
        to: today,
        habits: habits.into_iter().map(|(h, _)| h).collect(),
        week,
        notes,
    }
}

/// The habits of the sessions, each with the latest session it was learned from (whose origin,
/// activity and intensity basis the planned session keeps). Greedy: the kind and weekday seen in
/// the most weeks first, one session a week; what it took is not used again.
fn learn<'a>(
    sessions: &[&'a Placed],
    from: NaiveDate,
    settings: &Settings,
) -> Vec<(Habit, &'a Placed)> {
    let week_of = |p: &Placed| (p.date - from).num_days() / 7;
    let day_of = |p: &Placed| i64::from(p.date.weekday().num_days_from_monday());
    let kinds: Vec<Kind> = sessions.iter().map(|p| kind(p, settings)).collect();
    let mut used = vec![false; sessions.len()];
    let mut out = Vec::new();
    loop {
        // (kind, weekday) -> the weeks with it on that day, and on that day or a neighbour.
        let mut seen: BTreeMap<(Kind, i64), (BTreeSet<i64>, BTreeSet<i64>)> = BTreeMap::new();
        for (i, p) in sessions.iter().enumerate().filter(|(i, _)| !used[*i]) {
            let (d, w) = (day_of(p), week_of(p));
            for near in (d - 1).max(0)..=(d + 1).min(6) {
                let entry = seen.entry((kinds[i], near)).or_default();
                if near == d {
                    entry.0.insert(w);
                }
                entry.1.insert(w);
            }
        }
        let best = seen
            .iter()
            .filter(|(_, (exact, near))| !exact.is_empty() && near.len() >= MIN_WEEKS)
            .max_by_key(|((_, day), (exact, near))| (near.len(), exact.len(), -day));
        let Some((&(k, day), (_, weeks))) = best else {
            break;
        };
        // One session a week: on the day itself where there is one, else the nearer neighbour,
        // else the earlier one.
        let mut taken: Vec<usize> = Vec::new();
        for &w in weeks {
            let pick = (0..sessions.len())
                .filter(|&i| !used[i] && kinds[i] == k && week_of(sessions[i]) == w)
                .filter(|&i| (day_of(sessions[i]) - day).abs() <= 1)
                .min_by_key(|&i| ((day_of(sessions[i]) - day).abs(), day_of(sessions[i])));
            if let Some(i) = pick {
                used[i] = true;
                taken.push(i);
            }
        }
        let of: Vec<&Placed> = taken.iter().map(|&i| sessions[i]).collect();
        let latest = *of
            .iter()
            .max_by_key(|p| p.start)
            .expect("a habit has sessions");
        let weekday = Weekday::try_from(day as u8).expect("0 to 6 is a weekday");
        let (time, minutes) = (
            median_time(&of),
            median(of.iter().map(|p| p.session.minutes).collect()).round(),
        );
        // No one does two sessions at once: a habit that would overlap one already found on its
        // day (two apps' records of one workout, told apart by their kind) is the lesser one.
        let overlaps = out.iter().any(|(h, _): &(Habit, &Placed)| {
            h.weekday == weekday && {
                let (a, b) = (clock_minutes(h.time), clock_minutes(time));
                a < b + minutes && b < a + h.minutes
            }
        });
        if overlaps {
            continue;
        }
        out.push((
            Habit {
                weekday,
                time,
                minutes,
                weeks_seen: of.len(),
                modality: k.modality,
                intensity: most_common(
                    of.iter().map(|p| p.session.intensity),
                    latest.session.intensity,
                ),
                leg_day: k.leg_day,
                title: most_common(
                    of.iter().map(|p| p.session.title.clone()),
                    latest.session.title.clone(),
                ),
            },
            latest,
        ));
    }
    out
}

fn clock_minutes(t: NaiveTime) -> f64 {
    f64::from(t.hour() * 60 + t.minute())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// The median local start, to 5 minutes.
fn median_time(of: &[&Placed]) -> NaiveTime {
    let minutes = median(
        of.iter()
            .map(|p| {
                let t = p.start.time();
                f64::from(t.hour() * 60 + t.minute())
            })
            .collect(),
    );
    let rounded = ((minutes / 5.0).round() as u32 * 5).min(23 * 60 + 55);
    NaiveTime::from_hms_opt(rounded / 60, rounded % 60, 0).expect("a time of day")
}

/// The value seen most often; between values seen as often, `latest` if it is one of them, else
/// the first in order.
fn most_common<T: Ord + Clone>(values: impl Iterator<Item = T>, latest: T) -> T {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    if counts.get(&latest) == Some(&top) {
        return latest;
    }
    counts
        .into_iter()
        .find(|(_, n)| *n == top)
        .map_or(latest, |(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::timeline;

    use crate::plan::testing::session;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_kind_seen_in_two_weeks_on_about_the_same_day_is_a_habit_and_a_one_off_is_not() {
        let settings = Settings::new(chrono_tz::UTC);
        // Four weeks from Monday 2024-04-08; today is Sunday 2024-05-05.
        let t = timeline::build(
            vec![
                // Tuesday lifting in three weeks, 18:00, 18:10, 18:30.
                session("2024-04-09 18:00", 60.0, Modality::Strength, "Upper"),
                session("2024-04-16 18:10", 70.0, Modality::Strength, "Upper"),
                session("2024-04-30 18:30", 60.0, Modality::Strength, "Upper"),
                // A run on Thursday one week and Wednesday the next: about the same weekday.
                session("2024-04-11 07:00", 30.0, Modality::Cardio, "Easy run"),
                session("2024-04-17 07:20", 40.0, Modality::Cardio, "Easy run"),
                // Once only.
                session("2024-04-27 10:00", 90.0, Modality::Cardio, "Ride"),
                // Before the four weeks.
                session("2024-04-02 10:00", 90.0, Modality::Cardio, "Ride"),
            ],
            &settings,
            None,
        );
        let learned = habits(&t.sessions, d("2024-05-05"), d("2024-05-06"), &settings);
        assert_eq!(learned.from, d("2024-04-08"));
        let found: Vec<(Weekday, String, Modality, usize, f64)> = learned
            .habits
            .iter()
            .map(|h| {
                (
                    h.weekday,
                    h.time.format("%H:%M").to_string(),
                    h.modality,
                    h.weeks_seen,
                    h.minutes,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Weekday::Tue, "18:10".into(), Modality::Strength, 3, 60.0),
                (Weekday::Wed, "07:10".into(), Modality::Cardio, 2, 35.0),
            ]
        );
        let starts: Vec<String> = learned
            .week
            .sessions
            .iter()
            .map(|p| match p.session.start {
                Stamp::Instant(t) => t.format("%a %Y-%m-%d %H:%M").to_string(),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(starts, ["Tue 2024-05-07 18:10", "Wed 2024-05-08 07:10"]);
        // Monday and Friday had nothing in four weeks: rest days. Saturday had the one ride.
        let rest: Vec<NaiveDate> = learned.week.rest_days.iter().copied().collect();
        assert_eq!(rest, [d("2024-05-06"), d("2024-05-10"), d("2024-05-12")]);
    }
}
