//! The move search: the fewest moves that take the conflicts and cautions out of a week.
//!
//! A move is one of three, each made for a pair the rules flag:
//! - **swap**: the two sessions of the pair change order, in the same stretch of the day;
//! - **apart**: the cardio moves the separation threshold (6 h by default) or more away from the
//!   strength on the same day, starting at 06:00 or later and ending by 22:00;
//! - **other day**: one of the two moves to another day of the week at the same time of day: a
//!   day that is not a rest day, holds at most one session, and where it overlaps none.
//!
//! Every candidate week is judged by the report's own code ([`Week::judge`]). A week is better
//! when it has fewer conflicts, then fewer cautions; between equally good weeks the one with
//! fewer moves wins, then the one with a higher score. The search takes the flagged days one at
//! a time and looks at every combination of up to [`DEPTH`] moves for that day's pairs, going on
//! from the best it found while that still improves the week; where no day alone improves, it
//! looks at [`DEPTH`] moves over the whole week. No move puts a session on top of another.
//! A proposal never scores lower than the week it was made from: where no combination helps
//! without that, the week is kept as it was, with no move.

use std::collections::{BTreeMap, HashSet};

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike,
};
use serde::Serialize;

use super::{Judgement, Planned, PlannedPair, Week, instant};
use crate::analysis::rules::PairRule;
use crate::model::{Goal, Modality, Session, Stamp};
use crate::settings::Settings;

/// How many moves the search combines before it settles on the best so far and goes on from it.
pub const DEPTH: usize = 2;

/// The most candidate weeks judged for one proposal, so that a crowded week still gets an answer
/// in a moment.
const BUDGET: usize = 20_000;

/// The hours a session may be moved into: not before 06:00, and ending by 22:00.
const EARLIEST: u32 = 6;
const LATEST: u32 = 22;

/// Moves land on quarter hours.
const GRID_MINUTES: i64 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Swap,
    Apart,
    OtherDay,
}

impl MoveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Swap => "swap",
            MoveKind::Apart => "apart",
            MoveKind::OtherDay => "other_day",
        }
    }
}

/// One session's new start.
#[derive(Clone, Debug)]
pub struct Shift {
    /// Its place in [`Week::sessions`].
    pub session: usize,
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
}

/// A move and why.
#[derive(Clone)]
pub struct Move {
    pub kind: MoveKind,
    pub shifts: Vec<Shift>,
    /// The day of the pair the move was made for.
    pub date: NaiveDate,
    /// The pair's strength and cardio sessions (places in [`Week::sessions`]).
    pub strength: usize,
    pub cardio: usize,
    /// The rule that flagged the pair: the one the move avoids.
    pub avoids: &'static PairRule,
    /// The rule that judges the two in the proposed week; `None` where they no longer make a
    /// pair (on separate days, or with another session of the cardio's kind between them).
    pub now: Option<&'static PairRule>,
}

impl std::fmt::Debug for Move {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Move")
            .field("kind", &self.kind)
            .field("shifts", &self.shifts)
            .field("date", &self.date)
            .field("avoids", &self.avoids.id)
            .field("now", &self.now.map(|r| r.id))
            .finish()
    }
}

/// A proposed week, the week it was made from, and the moves between them.
#[derive(Clone, Debug)]
pub struct Suggestion {
    pub goal: Goal,
    pub input: Week,
    pub before: Judgement,
    pub week: Week,
    pub after: Judgement,
    pub moves: Vec<Move>,
}

/// Where each session starts: `None` for a session planned for a day without a time.
type Starts = Vec<Option<DateTime<FixedOffset>>>;

struct Node {
    starts: Starts,
    judgement: Judgement,
    moves: Vec<Move>,
}

fn starts_of(week: &Week) -> Starts {
    week.sessions
        .iter()
        .map(|p| match p.session.start {
            Stamp::Instant(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn with_starts(week: &Week, starts: &Starts) -> Week {
    let mut out = week.clone();
    for (p, start) in out.sessions.iter_mut().zip(starts) {
        if let Some(t) = start {
            p.session.start = Stamp::Instant(*t);
        }
    }
    out
}

/// Whether `after` scores no lower than `before`: a score at least as high, or no pair left at
/// all (each kind on a day of its own, the pattern the guidance calls best; such a week has no
/// score to compare, docs/rules.md, "Score").
pub fn not_lower(after: &Judgement, before: &Judgement) -> bool {
    match (after.score, before.score) {
        (Some(a), Some(b)) => a >= b,
        (None, _) => after.pairs.is_empty(),
        (Some(_), None) => true,
    }
}

/// How good a week is, smallest best: conflicts, cautions, moves, then a missing score and a
/// lower score.
fn rank(node: &Node) -> (usize, usize, usize, bool, i64) {
    let j = &node.judgement;
    (
        j.conflicts,
        j.cautions,
        node.moves.len(),
        j.score.is_none(),
        -j.score.map_or(0, |s| (s * 10.0).round() as i64),
    )
}

/// The fewest moves that take the conflicts and cautions out of `week` for `goal`, judged with
/// `settings` (zone, day start, thresholds). Sessions planned without a time are never moved.
pub fn improve(week: &Week, goal: Goal, settings: &Settings) -> Suggestion {
    let week = timed_as_instants(week, settings);
    let before = week.judge(goal, settings);
    let mut best = Node {
        starts: starts_of(&week),
        judgement: before.clone(),
        moves: Vec::new(),
    };
    let mut budget = BUDGET;
    while best.judgement.flagged().next().is_some() && budget > 0 {
        // A day at a time first: moves within a day change only that day's pairs, so the
        // fewest moves for each day add up to the fewest for the week, where searching the
        // whole week two moves deep would trade one day's caution for another's conflict.
        let mut days: Vec<NaiveDate> = best.judgement.flagged().map(|p| p.date).collect();
        days.dedup();
        let mut improved = false;
        for day in days {
            let search = Search {
                week: &week,
                input: &before,
                goal,
                settings,
                only: Some(day),
            };
            if let Some(better) = search.from(&best, &mut budget) {
                best = better;
                improved = true;
            }
        }
        if improved {
            continue;
        }
        let search = Search {
            week: &week,
            input: &before,
            goal,
            settings,
            only: None,
        };
        match search.from(&best, &mut budget) {
            Some(better) => best = better,
            None => break,
        }
    }
    let proposed = with_starts(&week, &best.starts);
    let after = best.judgement;
    let mut moves = best.moves;
    for m in &mut moves {
        m.now = after
            .pairs
            .iter()
            .find(|p| p.strength == m.strength && p.cardio == m.cardio)
            .map(|p| p.rule);
    }
    Suggestion {
        goal,
        input: week,
        before,
        week: proposed,
        after,
        moves,
    }
}

/// Local wall-clock times as instants in the user's zone, so that every timed session can be
/// moved the same way.
fn timed_as_instants(week: &Week, settings: &Settings) -> Week {
    let mut out = week.clone();
    for p in &mut out.sessions {
        if let Stamp::Local(t) = p.session.start {
            p.session.start = Stamp::Instant(instant(t, settings));
        }
    }
    out
}

/// One search: the week, the judgement of the week as given (no proposal scores lower), and
/// the day whose flagged pairs the moves are made for (`None`: every day's).
struct Search<'a> {
    week: &'a Week,
    input: &'a Judgement,
    goal: Goal,
    settings: &'a Settings,
    only: Option<NaiveDate>,
}

impl Search<'_> {
    /// Whether nothing is left to do in `j` for the day (or days) this search is about.
    fn done(&self, j: &Judgement) -> bool {
        j.flagged().all(|p| self.only.is_some_and(|d| d != p.date))
    }

    /// The best week within [`DEPTH`] moves of `from` that is better than it (fewer conflicts,
    /// or as many and fewer cautions) and scores no lower than the week as given.
    fn from(&self, from: &Node, budget: &mut usize) -> Option<Node> {
        let (week, input, goal, settings) = (self.week, self.input, self.goal, self.settings);
        let mut seen: HashSet<Vec<Option<i64>>> = HashSet::new();
        let key = |s: &Starts| {
            s.iter()
                .map(|t| t.map(|t| t.timestamp()))
                .collect::<Vec<_>>()
        };
        seen.insert(key(&from.starts));
        let target = (from.judgement.conflicts, from.judgement.cautions);
        let mut best: Option<Node> = None;
        let mut frontier: Vec<Node> = vec![Node {
            starts: from.starts.clone(),
            judgement: from.judgement.clone(),
            moves: from.moves.clone(),
        }];
        for _ in 0..DEPTH {
            let mut next = Vec::new();
            for node in &frontier {
                let current = with_starts(week, &node.starts);
                for (starts, step) in moves_for(&current, &node.judgement, self.only, settings) {
                    if *budget == 0 {
                        break;
                    }
                    if !seen.insert(key(&starts)) {
                        continue;
                    }
                    *budget -= 1;
                    let judgement = with_starts(week, &starts).judge(goal, settings);
                    let mut moves = node.moves.clone();
                    moves.push(step);
                    let child = Node {
                        starts,
                        judgement,
                        moves,
                    };
                    let better = (child.judgement.conflicts, child.judgement.cautions) < target
                        && not_lower(&child.judgement, input);
                    if better && best.as_ref().is_none_or(|b| rank(&child) < rank(b)) {
                        best = Some(Node {
                            starts: child.starts.clone(),
                            judgement: child.judgement.clone(),
                            moves: child.moves.clone(),
                        });
                    }
                    next.push(child);
                }
            }
            // Deeper can only tie a week with nothing flagged, with more moves.
            if best.as_ref().is_some_and(|b| self.done(&b.judgement)) {
                break;
            }
            frontier = next;
        }
        best
    }
}

/// Every move for the flagged pairs of `week` (of one day, with `only`), as the starts it leads
/// to.
fn moves_for(
    week: &Week,
    judgement: &Judgement,
    only: Option<NaiveDate>,
    settings: &Settings,
) -> Vec<(Starts, Move)> {
    let starts = starts_of(week);
    let mut out = Vec::new();
    for pair in judgement
        .flagged()
        .filter(|p| only.is_none_or(|d| d == p.date))
    {
        let step = |kind, shifts: Vec<Shift>| {
            let mut next = starts.clone();
            for s in &shifts {
                next[s.session] = Some(s.to);
            }
            (
                next,
                Move {
                    kind,
                    shifts,
                    date: pair.date,
                    strength: pair.strength,
                    cardio: pair.cardio,
                    avoids: pair.rule,
                    now: None,
                },
            )
        };
        if let Some(shifts) = swap(week, pair, settings) {
            out.push(step(MoveKind::Swap, shifts));
        }
        for shift in apart(week, pair, settings) {
            out.push(step(MoveKind::Apart, vec![shift]));
        }
        for k in [pair.cardio, pair.strength] {
            for shift in other_days(week, k, settings) {
                out.push(step(MoveKind::OtherDay, vec![shift]));
            }
        }
    }
    // No one does two sessions at once: a session is never moved onto another. (Two sessions
    // of one kind at once make no pair, so the rules alone would not mind.)
    out.retain(|(starts, m)| {
        m.shifts
            .iter()
            .all(|sh| !overlaps(week, starts, sh.session))
    });
    out
}

/// Whether session `k`, starting where `starts` says, overlaps another timed session there.
fn overlaps(week: &Week, starts: &Starts, k: usize) -> bool {
    let span = |j: usize| starts[j].map(|t| (t, t + minutes(week.sessions[j].session.minutes)));
    let Some((a, b)) = span(k) else {
        return false;
    };
    (0..week.sessions.len())
        .filter(|&j| j != k)
        .filter_map(span)
        .any(|(c, d)| a < d && c < b)
}

fn start(week: &Week, k: usize) -> Option<DateTime<FixedOffset>> {
    match week.sessions[k].session.start {
        Stamp::Instant(t) => Some(t),
        _ => None,
    }
}

fn minutes(m: f64) -> Duration {
    Duration::milliseconds((m * 60_000.0).round() as i64)
}

fn end(week: &Week, k: usize) -> Option<DateTime<FixedOffset>> {
    Some(start(week, k)? + minutes(week.sessions[k].session.minutes))
}

/// The training day of a local time.
fn day(local: NaiveDateTime, settings: &Settings) -> NaiveDate {
    (local - (settings.day_start - NaiveTime::MIN)).date()
}

fn local(t: DateTime<FixedOffset>, settings: &Settings) -> NaiveDateTime {
    t.with_timezone(&settings.tz).naive_local()
}

/// The pair's two sessions the other way round, from where the first began, with the gap kept.
fn swap(week: &Week, pair: &PlannedPair, settings: &Settings) -> Option<Vec<Shift>> {
    let (a, b) = (pair.first, pair.second);
    let (a_start, b_start) = (start(week, a)?, start(week, b)?);
    let b_to = a_start;
    let a_to = b_to + minutes(week.sessions[b].session.minutes) + minutes(pair.gap_minutes);
    // Both stay on their day.
    let on_day = |t| day(local(t, settings), settings) == pair.date;
    (on_day(a_to) && on_day(b_to)).then(|| {
        vec![
            Shift {
                session: b,
                from: b_start,
                to: b_to,
            },
            Shift {
                session: a,
                from: a_start,
                to: a_to,
            },
        ]
    })
}

/// A time rounded to the quarter-hour grid, up or down.
fn on_grid(t: NaiveDateTime, up: bool) -> NaiveDateTime {
    let since = i64::from(t.time().num_seconds_from_midnight());
    let step = GRID_MINUTES * 60;
    let down = since - since.rem_euclid(step);
    let snapped = if up && down != since {
        down + step
    } else {
        down
    };
    t.date().and_time(NaiveTime::MIN) + Duration::seconds(snapped)
}

/// Whether a session from `start` lasting `length` stays within the sensible hours of its day.
fn in_hours(start: NaiveDateTime, length: Duration, date: NaiveDate) -> bool {
    let end = start + length;
    let earliest = date.and_hms_opt(EARLIEST, 0, 0).expect("a time");
    let latest = date.and_hms_opt(LATEST, 0, 0).expect("a time");
    start.date() == date && earliest <= start && end <= latest
}

/// The cardio the separation threshold or more after the strength's end, and as far before
/// its start; each where it fits the day's sensible hours and overlaps no other session.
fn apart(week: &Week, pair: &PlannedPair, settings: &Settings) -> Vec<Shift> {
    let (s, c) = (pair.strength, pair.cardio);
    let (Some(s_start), Some(s_end), Some(c_start)) =
        (start(week, s), end(week, s), start(week, c))
    else {
        return Vec::new();
    };
    let date = day(local(s_start, settings), settings);
    let sep = minutes(settings.thresholds.separation_minutes());
    let length = minutes(week.sessions[c].session.minutes);
    let after = on_grid(local(s_end, settings) + sep, true);
    let before = on_grid(local(s_start, settings) - sep - length, false);
    let starts = starts_of(week);
    // The first quarter hour from there, on towards the evening (or back towards the morning),
    // where the cardio overlaps no other session.
    let free = |first: NaiveDateTime, step: i64| {
        let mut t = first;
        while in_hours(t, length, date) {
            let mut tried = starts.clone();
            tried[c] = Some(instant(t, settings));
            if !overlaps(week, &tried, c) {
                return Some(t);
            }
            t += Duration::minutes(step * GRID_MINUTES);
        }
        None
    };
    [free(after, 1), free(before, -1)]
        .into_iter()
        .flatten()
        .map(|t| Shift {
            session: c,
            from: c_start,
            to: instant(t, settings),
        })
        .filter(|shift| shift.to != c_start)
        .collect()
}

/// Session `k` at the same time of day on each other day it may go to: not a rest day, and
/// holding at most one session (that it overlaps none there is checked with every move).
fn other_days(week: &Week, k: usize, settings: &Settings) -> Vec<Shift> {
    let Some(from) = start(week, k) else {
        return Vec::new();
    };
    let here = week.date_of(k, settings);
    let time = local(from, settings) - here.and_time(NaiveTime::MIN);
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for j in (0..week.sessions.len()).filter(|&j| j != k) {
        by_day.entry(week.date_of(j, settings)).or_default().push(j);
    }
    week.days()
        .filter(|d| *d != here && !week.rest_days.contains(d))
        .filter(|d| by_day.get(d).map_or(0, Vec::len) <= 1)
        .filter_map(|d| {
            let to = instant(d.and_time(NaiveTime::MIN) + time, settings);
            (day(local(to, settings), settings) == d).then_some(Shift {
                session: k,
                from,
                to,
            })
        })
        .collect()
}

/// The search on a checked plan: its sessions, week by week (ISO weeks, by the day each starts
/// on). In a plan a day without training is a rest day: concur cannot tell a day left free
/// from one kept for rest, and does not fill a day the person left empty, so a session moves
/// only to another day that already holds a strength or cardio session (and at most one
/// session). Sessions planned without a time stay where they are.
pub fn suggest(sessions: &[Session], goal: Goal, settings: &Settings) -> Vec<Suggestion> {
    let mut weeks: BTreeMap<NaiveDate, Vec<Planned>> = BTreeMap::new();
    for s in sessions {
        let mut s = s.clone();
        if let Stamp::Local(t) = s.start {
            let zone = settings.zone_of(&s.origin.file);
            let at = crate::analysis::timeline::resolve_local(zone, t, |_| {});
            s.start = Stamp::Instant(at.with_timezone(&chrono::Offset::fix(at.offset())));
        }
        let date = match s.start {
            Stamp::Instant(t) => day(local(t, settings), settings),
            Stamp::Date(d) => d,
            Stamp::Local(_) => unreachable!("read as an instant above"),
        };
        let monday = crate::week_bounds(date.iso_week()).0;
        weeks.entry(monday).or_default().push(Planned {
            basis: s.origin.place(),
            session: s,
        });
    }
    weeks
        .into_iter()
        .map(|(monday, sessions)| {
            let mut week = Week {
                monday,
                sessions,
                rest_days: Default::default(),
            };
            let training: HashSet<NaiveDate> = (0..week.sessions.len())
                .filter(|&k| week.sessions[k].session.modality != Modality::Other)
                .map(|k| week.date_of(k, settings))
                .collect();
            week.rest_days = week.days().filter(|d| !training.contains(d)).collect();
            improve(&week, goal, settings)
        })
        .collect()
}

/// The search on what `concur check` read (`check PLAN --suggest`): the planned sessions of
/// the range asked for, week by week, as [`suggest`] takes them. The sessions come from the
/// analysis, so they are classified and merged exactly as the check judged them.
pub fn suggest_checked(analysis: &crate::analysis::Analysis) -> Vec<Suggestion> {
    let sessions: Vec<Session> = analysis
        .timeline
        .sessions
        .iter()
        .filter(|p| analysis.since.is_none_or(|s| s <= p.date))
        .filter(|p| crate::analysis::judge::in_range(analysis.until, p.date))
        .map(|p| p.session.clone())
        .collect();
    suggest(&sessions, analysis.goal, &analysis.settings)
}

/// A day's name and date as the moves say it: `Tue 2024-05-07`.
pub fn day_text(date: NaiveDate) -> String {
    format!("{} {date}", super::weekday_name(date.weekday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Intensity, Verdict};

    use crate::plan::testing::session;

    fn hard(mut s: Session) -> Session {
        s.intensity = Intensity::Hard;
        s
    }

    fn settings() -> Settings {
        Settings::new("Europe/Berlin".parse().unwrap())
    }

    fn one_week(sessions: Vec<Session>) -> Suggestion {
        let mut out = suggest(&sessions, Goal::Strength, &settings());
        assert_eq!(out.len(), 1);
        out.remove(0)
    }

    fn clock(s: &Suggestion, k: usize) -> String {
        match s.week.sessions[k].session.start {
            Stamp::Instant(t) => local(t, &settings()).format("%a %H:%M").to_string(),
            _ => "date only".into(),
        }
    }

    #[test]
    fn cardio_before_lifting_is_swapped_in_one_move() {
        // Monday: a 30 min moderate run, then lifting 10 min later: W4 for a strength goal.
        let s = one_week(vec![
            session("2024-05-06 17:00", 30.0, Modality::Cardio, "Run"),
            session("2024-05-06 17:40", 60.0, Modality::Strength, "Upper body"),
        ]);
        assert_eq!((s.before.conflicts, s.before.score), (1, Some(0.0)));
        assert_eq!(s.moves.len(), 1);
        let m = &s.moves[0];
        assert_eq!((m.kind, m.avoids.id), (MoveKind::Swap, "W4"));
        assert_eq!(m.now.map(|r| r.id), Some("W2"));
        assert_eq!(clock(&s, 1), "Mon 17:00");
        assert_eq!(clock(&s, 0), "Mon 18:10");
        assert_eq!((s.after.conflicts, s.after.cautions), (0, 0));
        assert_eq!(s.after.score, Some(100.0));
    }

    #[test]
    fn hard_cardio_after_lifting_goes_six_hours_away() {
        // Lifting at 07:00, intervals straight after: W1. Swapping makes W4 (a conflict); the
        // intervals go 6 h after the lifting's end instead.
        let s = one_week(vec![
            session("2024-05-07 07:00", 60.0, Modality::Strength, "Upper body"),
            hard(session(
                "2024-05-07 08:10",
                40.0,
                Modality::Cardio,
                "Intervals",
            )),
        ]);
        assert_eq!(s.before.pairs[0].rule.id, "W1");
        assert_eq!(s.moves.len(), 1);
        assert_eq!(
            (s.moves[0].kind, s.moves[0].avoids.id),
            (MoveKind::Apart, "W1")
        );
        assert_eq!(clock(&s, 1), "Tue 14:00");
        assert_eq!(s.moves[0].now.map(|r| r.id), Some("S1"));
        assert_eq!(s.after.score, Some(100.0));
    }

    #[test]
    fn a_full_day_moves_to_a_training_day_with_room_and_never_to_a_rest_day() {
        // Thursday: lifting 11:30 to 15:30, then hard intervals: W1, and no room 6 h either
        // side within 06:00-22:00. Wednesday is empty (a rest day in a plan); Saturday holds
        // one easy swim.
        let s = one_week(vec![
            session(
                "2024-05-09 11:30",
                240.0,
                Modality::Strength,
                "Lifting camp",
            ),
            hard(session(
                "2024-05-09 15:35",
                40.0,
                Modality::Cardio,
                "Intervals",
            )),
            session("2024-05-11 09:00", 30.0, Modality::Cardio, "Easy swim"),
        ]);
        assert_eq!(s.before.pairs[0].rule.id, "W1");
        assert_eq!(s.moves.len(), 1);
        assert_eq!(s.moves[0].kind, MoveKind::OtherDay);
        assert_eq!(clock(&s, 1), "Sat 15:35");
        assert_eq!(s.moves[0].now.map(|r| r.id), None);
        assert!(s.after.pairs.is_empty());
        assert!(not_lower(&s.after, &s.before));
    }

    #[test]
    fn a_crowded_day_takes_two_moves_not_three() {
        // Intervals, a leg day 10 min later, a tempo run 10 min after it: W4 then L1. The
        // intervals and the tempo run both go 6 h after the legs (one after the other): two
        // moves. Swapping first (W4 gone, a second L1 come) would need three.
        let s = one_week(vec![
            hard(session(
                "2024-05-13 07:00",
                30.0,
                Modality::Cardio,
                "Intervals",
            )),
            {
                let mut legs = session("2024-05-13 07:40", 60.0, Modality::Strength, "Legs");
                legs.leg_day = true;
                legs
            },
            hard(session(
                "2024-05-13 08:50",
                45.0,
                Modality::Cardio,
                "Tempo run",
            )),
        ]);
        let flagged: Vec<&str> = s.before.flagged().map(|p| p.rule.id).collect();
        assert_eq!(flagged, ["W4", "L1"]);
        assert_eq!(s.moves.len(), 2, "{:?}", s.moves);
        assert!(s.after.flagged().next().is_none());
        assert_eq!(
            (0..3).map(|k| clock(&s, k)).collect::<Vec<_>>(),
            ["Mon 14:45", "Mon 07:40", "Mon 15:15"]
        );
    }

    #[test]
    fn an_aligned_week_is_kept_as_it_is() {
        let s = one_week(vec![
            session("2024-05-06 07:00", 60.0, Modality::Strength, "Upper body"),
            session("2024-05-06 08:10", 20.0, Modality::Cardio, "Easy run"),
        ]);
        assert!(s.moves.is_empty());
        assert_eq!(s.after.score, s.before.score);
        assert_eq!(s.before.pairs[0].verdict(), Verdict::Aligned);
    }

    #[test]
    fn a_plan_over_two_weeks_is_improved_week_by_week_and_all_day_sessions_stay() {
        let out = suggest(
            &[
                session("2024-05-06 17:00", 30.0, Modality::Cardio, "Run"),
                session("2024-05-06 17:40", 60.0, Modality::Strength, "Upper"),
                session("2024-05-15", 60.0, Modality::Strength, "Legs"),
                session("2024-05-15 07:00", 30.0, Modality::Cardio, "Run"),
            ],
            Goal::Strength,
            &settings(),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].moves.len(), 1);
        assert!(out[1].moves.is_empty(), "no pair with a date-only session");
        assert!(matches!(
            out[1].week.sessions[0].session.start,
            Stamp::Date(_)
        ));
    }

    mod never_lower {
        use super::*;
        use proptest::prelude::*;

        /// A planned session: day of the week, start in 5-minute steps from 05:00 (or none: a
        /// date-only session), length, modality, intensity, leg day.
        type Row = (i64, Option<i64>, f64, u8, u8, bool);

        fn planned() -> impl Strategy<Value = Row> {
            (
                // Most on the first three days, so that days hold pairs to move.
                prop_oneof![4 => 0i64..3, 1 => 3i64..7],
                prop_oneof![6 => (0i64..204).prop_map(Some), 1 => Just(None)],
                prop_oneof![
                    Just(10.0),
                    Just(15.0),
                    Just(25.0),
                    Just(45.0),
                    Just(60.0),
                    Just(120.0)
                ],
                0u8..3,
                0u8..4,
                any::<bool>(),
            )
        }

        fn week_of(rows: &[Row], rest: &[bool], settings: &Settings) -> Week {
            let monday: NaiveDate = "2024-05-06".parse().unwrap();
            let sessions = rows
                .iter()
                .map(|&(day, at, minutes, modality, intensity, leg_day)| {
                    let date = monday + Duration::days(day);
                    let start = match at {
                        Some(steps) => Stamp::Instant(instant(
                            date.and_hms_opt(5, 0, 0).unwrap() + Duration::minutes(5 * steps),
                            settings,
                        )),
                        None => Stamp::Date(date),
                    };
                    let modality = [Modality::Strength, Modality::Cardio, Modality::Other]
                        [usize::from(modality)];
                    let mut s = session("2024-05-06 00:00", minutes, modality, "planned");
                    s.start = start;
                    s.intensity = [
                        Intensity::Easy,
                        Intensity::Moderate,
                        Intensity::Hard,
                        Intensity::Unknown,
                    ][usize::from(intensity)];
                    s.leg_day = leg_day && modality == Modality::Strength;
                    Planned {
                        session: s,
                        basis: String::new(),
                    }
                })
                .collect();
            Week {
                monday,
                sessions,
                rest_days: (0..7)
                    .filter(|&d| rest[d as usize])
                    .map(|d| monday + Duration::days(d))
                    .collect(),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 256,
                // As tests/cli/properties.rs: no seed files in the tree.
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            /// Whatever the week and the goal, the proposal scores no lower than the week it was
            /// made from, has no more conflicts, leaves rest days and untimed sessions alone,
            /// keeps every session in the week, moves none onto another, and is judged as it
            /// says.
            #[test]
            fn the_suggested_week_never_scores_lower(
                rows in proptest::collection::vec(planned(), 2..10),
                rest in proptest::collection::vec(any::<bool>(), 7),
                goal in proptest::sample::select(Goal::ALL.to_vec()),
            ) {
                let settings = settings();
                let week = week_of(&rows, &rest, &settings);
                let s = improve(&week, goal, &settings);
                prop_assert!(not_lower(&s.after, &s.before), "{:?} then {:?}", s.before, s.after);
                if let (Some(a), Some(b)) = (s.after.score, s.before.score) {
                    prop_assert!(a >= b);
                }
                prop_assert!(s.after.conflicts <= s.before.conflicts);
                prop_assert_eq!(s.moves.is_empty(), (s.after.conflicts, s.after.cautions) == (s.before.conflicts, s.before.cautions));
                let again = s.week.judge(goal, &settings);
                prop_assert_eq!(again.score, s.after.score);
                for k in 0..week.sessions.len() {
                    let (was, now) = (week.date_of(k, &settings), s.week.date_of(k, &settings));
                    prop_assert!(week.days().any(|d| d == now));
                    if was != now {
                        prop_assert!(!week.rest_days.contains(&now), "moved onto a rest day");
                        prop_assert!(week.sessions_on(now, &settings) <= 1, "onto a day holding two");
                    }
                    let proposed = starts_of(&s.week);
                    if proposed[k] != starts_of(&week)[k] {
                        prop_assert!(!overlaps(&s.week, &proposed, k), "moved onto another session");
                    }
                    if matches!(week.sessions[k].session.start, Stamp::Date(_)) {
                        prop_assert_eq!(&s.week.sessions[k].session.start, &week.sessions[k].session.start);
                    }
                }
            }
        }
    }
}
