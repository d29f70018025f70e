//! Sessions placed in the user's time zone and calendar: their days, the strength/cardio pairs
//! between them, and the gap and gap class of each pair (docs/rules.md, "Terms").

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use serde::Serialize;

use crate::model::{Modality, Session, Stamp, Warning};
use crate::settings::Settings;

/// A session with its place in time.
#[derive(Clone, Debug)]
pub struct Placed {
    pub session: Session,
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
    /// The training day: the local date of the start, counted from the day start.
    pub date: NaiveDate,
    /// False when the source gives only a date; such a session takes part in no pair.
    pub time_known: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum GapClass {
    #[serde(rename = "back-to-back")]
    BackToBack,
    #[serde(rename = "short")]
    Short,
    #[serde(rename = "separated")]
    Separated,
}

impl GapClass {
    pub fn as_str(self) -> &'static str {
        match self {
            GapClass::BackToBack => "back-to-back",
            GapClass::Short => "short",
            GapClass::Separated => "separated",
        }
    }

    pub fn of(gap_minutes: f64, settings: &Settings) -> GapClass {
        let t = &settings.thresholds;
        if gap_minutes <= t.back_to_back_minutes {
            GapClass::BackToBack
        } else if gap_minutes < t.separation_minutes() {
            GapClass::Short
        } else {
            GapClass::Separated
        }
    }
}

/// Two neighbouring sessions, one strength and one cardio, whose order may matter.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// Index into [`Timeline::sessions`] of the earlier session.
    pub first: usize,
    pub second: usize,
    /// Start of the later minus end of the earlier; never below zero (overlaps count as 0).
    pub gap_minutes: f64,
    pub gap_class: GapClass,
    /// True when the earlier session's end was estimated, so the gap is too.
    pub estimated: bool,
    /// Minutes the second session starts before the first ends (two records that overlap, as
    /// no one trains): the gap is then read as 0, and the report says so.
    pub overlap_minutes: f64,
    /// The day the pair belongs to: that of its first session.
    pub date: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrder {
    StrengthOnly,
    CardioOnly,
    OtherOnly,
    StrengthFirst,
    CardioFirst,
    Unknown,
}

impl DayOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            DayOrder::StrengthOnly => "strength_only",
            DayOrder::CardioOnly => "cardio_only",
            DayOrder::OtherOnly => "other_only",
            DayOrder::StrengthFirst => "strength_first",
            DayOrder::CardioFirst => "cardio_first",
            DayOrder::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Day {
    pub date: NaiveDate,
    /// Indexes into [`Timeline::sessions`], in time order.
    pub sessions: Vec<usize>,
    pub order: DayOrder,
    /// Indexes into [`Timeline::pairs`] of the pairs that belong to this day.
    pub pairs: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// Sorted by start.
    pub sessions: Vec<Placed>,
    pub pairs: Vec<Pair>,
    /// Every date with at least one session, in order.
    pub days: Vec<Day>,
    /// Strength and cardio that follow each other on different days, 6 h or more apart: the
    /// separate-days pattern the rules call best, which makes no pair (docs/rules.md, "pair").
    pub separate_day_switches: usize,
    /// Sessions dropped because another record was the same activity.
    pub merged_duplicates: usize,
    /// The first and last day of all sessions, before the range was applied.
    pub span: Option<(NaiveDate, NaiveDate)>,
    pub warnings: Vec<Warning>,
}

/// A pair's two sessions in order, and which is the strength and which the cardio.
pub struct Sides<'a> {
    pub first: &'a Placed,
    pub second: &'a Placed,
    pub strength: &'a Placed,
    pub cardio: &'a Placed,
}

impl Timeline {
    /// The sessions of a pair, in order and by kind.
    pub fn sides(&self, pair: &Pair) -> Sides<'_> {
        let (first, second) = (&self.sessions[pair.first], &self.sessions[pair.second]);
        let (strength, cardio) = if first.session.modality == Modality::Strength {
            (first, second)
        } else {
            (second, first)
        };
        Sides {
            first,
            second,
            strength,
            cardio,
        }
    }
}

/// A wall-clock time in the zone. A time that does not exist (clocks went forward) is moved
/// forward by the jump; a time that exists twice (clocks went back) is read as the first. Both
/// get a warning rather than a failure: a report off by an hour on one night beats no report.
pub fn resolve_local(tz: Tz, local: NaiveDateTime, mut warn: impl FnMut(String)) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(first, _) => {
            warn(format!(
                "{} happens twice in {tz} (clocks went back); read as the first, {}",
                local.format("%Y-%m-%d %H:%M"),
                first.format("%H:%M %:z")
            ));
            first
        }
        LocalResult::None => {
            // Read the time with the offset in force just before the gap: 02:30 in a gap from
            // 02:00 to 03:00 becomes 03:30, as a watch that did not change would say.
            let mut probe = local;
            for _ in 0..(24 * 4) {
                probe -= Duration::minutes(15);
                if let Some(before) = tz.from_local_datetime(&probe).latest() {
                    let offset = before.offset().fix();
                    let utc = local - Duration::seconds(offset.local_minus_utc() as i64);
                    let t = tz.from_utc_datetime(&utc);
                    warn(format!(
                        "{} does not exist in {tz} (clocks went forward); read as {}",
                        local.format("%Y-%m-%d %H:%M"),
                        t.format("%Y-%m-%d %H:%M %:z")
                    ));
                    return t;
                }
            }
            // Unreachable for real zones: gaps last hours, not days.
            tz.from_utc_datetime(&local)
        }
    }
}

/// The training day of a local time, given the day start.
pub fn day_of(start: &DateTime<Tz>, settings: &Settings) -> NaiveDate {
    let since_midnight = settings.day_start - chrono::NaiveTime::MIN;
    (start.naive_local() - since_midnight).date()
}

/// Places every session and finds days and pairs. Sessions whose day falls outside `range`
/// (inclusive) are left out before pairing.
pub fn build(
    sessions: Vec<Session>,
    settings: &Settings,
    range: Option<(NaiveDate, NaiveDate)>,
) -> Timeline {
    let mut warnings = Vec::new();
    let mut placed: Vec<Placed> = Vec::with_capacity(sessions.len());
    let mut span: Option<(NaiveDate, NaiveDate)> = None;
    for session in sessions {
        let p = place(session, settings, &mut warnings);
        let date = p.date;
        span = Some(span.map_or((date, date), |(a, b)| (a.min(date), b.max(date))));
        placed.push(p);
    }
    placed.sort_by(time_order);
    // Sorting by date first keeps date-only sessions on their day; for time-known sessions date
    // order and start order agree because the day is derived from the start.
    let (mut placed, merged) = merge_duplicates(placed);
    if merged.count > 0 {
        // A richer record kept in its twin's place may start later, even on the next day (a
        // run across midnight in two apps): back into order, or pairs are looked for between
        // the wrong neighbours. Stable, and on sorted input next to no work.
        placed.sort_by(time_order);
    }
    warnings.extend(duplicates_warnings(&merged));
    warnings.extend(super::zones::check(&placed, settings.tz));
    let mut timeline = Timeline {
        merged_duplicates: merged.count,
        sessions: placed,
        span,
        warnings,
        ..Timeline::default()
    };
    find_pairs(&mut timeline, settings);
    if let Some((from, to)) = range {
        narrow_to_range(&mut timeline, from, to, settings);
    }
    group_days(&mut timeline);
    timeline
}

/// A session placed in the user's zone: its start and end, and its training day. A local time
/// that the clocks skip or repeat adds a warning to `warnings`.
fn place(session: Session, settings: &Settings, warnings: &mut Vec<Warning>) -> Placed {
    let tz = settings.tz;
    let (start, time_known, date) = match session.start {
        Stamp::Instant(t) => {
            let start = t.with_timezone(&tz);
            (start, true, None)
        }
        Stamp::Local(local) => {
            let zone = settings.zone_of(&session.origin.file);
            let start = resolve_local(zone, local, |m| {
                warnings.push(Warning::at(
                    crate::model::WarningKind::Time,
                    &session.origin,
                    m,
                ));
            });
            (start.with_timezone(&tz), true, None)
        }
        Stamp::Date(date) => {
            let start = resolve_local(tz, date.and_time(settings.day_start), |_| {});
            (start, false, Some(date))
        }
    };
    let start = start + minutes(session.offset_minutes);
    let end = start + minutes(session.minutes);
    let date = date.unwrap_or_else(|| day_of(&start, settings));
    Placed {
        session,
        start,
        end,
        date,
        time_known,
    }
}

/// The warnings that say how many sessions were merged as duplicates, with an example: those an
/// export holds twice by design apart from those found twice across the files given. None when
/// none were merged.
fn duplicates_warnings(merged: &Merged) -> Vec<Warning> {
    let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    let mut warnings = Vec::new();
    if let Some(example) = &merged.export_example {
        let n = merged.in_one_export;
        warnings.push(Warning::general(
            crate::model::WarningKind::Duplicate,
            format!(
                "{n} activit{} {} both in an export's list of activities and in {} own file, and {} read once, with what both tell; for example {example}",
                plural(n, "y", "ies"),
                plural(n, "is", "are"),
                plural(n, "its", "their"),
                plural(n, "is", "are"),
            ),
        ));
    }
    if let Some(example) = &merged.example {
        let n = merged.count - merged.in_one_export;
        warnings.push(Warning::general(
            crate::model::WarningKind::Duplicate,
            format!(
                "{n} session{} appeared twice (the same activity in two files, a file given twice, or a row repeated in one file) and {} merged, keeping the richer record; for example {example}",
                plural(n, "", "s"),
                plural(n, "was", "were"),
            ),
        ));
    }
    warnings
}

/// Keeps the sessions whose day is from `from` to `to` (inclusive) and finds their pairs anew.
/// Pairs are found on the whole history first, so a late lift on the range's last day keeps its
/// pair with the next morning's run; that run is kept too, since the pair needs it.
fn narrow_to_range(timeline: &mut Timeline, from: NaiveDate, to: NaiveDate, settings: &Settings) {
    let in_range = |d: NaiveDate| from <= d && d <= to;
    let mut keep: Vec<bool> = timeline.sessions.iter().map(|p| in_range(p.date)).collect();
    for pair in &timeline.pairs {
        if in_range(pair.date) {
            keep[pair.second] = true;
        }
    }
    let mut keep = keep.into_iter();
    timeline.sessions.retain(|_| keep.next().unwrap_or(false));
    timeline.pairs.clear();
    timeline.separate_day_switches = 0;
    find_pairs(timeline, settings);
}

/// The order of the timeline: by day and start; sessions that start together by what they are
/// (end, modality, title, ...), so that the report does not change when rows are shuffled or a
/// log is split into two files. Where they were read (file, line) decides only between records
/// that tell the same.
fn time_order(a: &Placed, b: &Placed) -> std::cmp::Ordering {
    let (x, y) = (&a.session, &b.session);
    content_order(a, b)
        .then_with(|| x.origin.file.cmp(&y.origin.file))
        .then_with(|| x.origin.line.cmp(&y.origin.line))
        .then_with(|| x.origin.column.cmp(&y.origin.column))
        .then_with(|| x.offset_minutes.total_cmp(&y.offset_minutes))
}

/// [`time_order`] by what the sessions tell, leaving out where they were read.
fn content_order(a: &Placed, b: &Placed) -> std::cmp::Ordering {
    let (x, y) = (&a.session, &b.session);
    let what = |p: &Placed| {
        let s = &p.session;
        (
            p.date,
            p.start,
            p.end,
            p.time_known,
            s.modality,
            s.intensity,
            s.intensity_basis as u8,
            s.leg_day,
            s.estimated,
        )
    };
    let numbers = |s: &Session| [s.distance_km, s.rpe, s.avg_hr].map(|n| n.map(OrdF64));
    what(a)
        .cmp(&what(b))
        .then_with(|| x.title.cmp(&y.title))
        .then_with(|| x.activity.cmp(&y.activity))
        .then_with(|| x.origin.format.cmp(y.origin.format))
        .then_with(|| numbers(x).cmp(&numbers(y)))
        .then_with(|| x.minutes.total_cmp(&y.minutes))
}

/// An `f64` ordered by `total_cmp`, for sort keys.
#[derive(PartialEq)]
struct OrdF64(f64);

impl Eq for OrdF64 {}

impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[derive(Default)]
struct Merged {
    count: usize,
    example: Option<String>,
    /// Of `count`, the activities an export holds twice by design: in its list of activities
    /// and in a file of their own (Strava's `activities.csv` and `activities/123.gpx`).
    in_one_export: usize,
    export_example: Option<String>,
}

/// Whether two files are parts of one export, one a list of activities and the other an
/// activity's own file: in one archive or one folder, but not side by side (two exports saved in
/// one folder or zipped together are still two files given). Their twins are the export's way of
/// holding an activity (Strava's `activities.csv` and `activities/123.gpx`; Garmin's summary
/// JSON and its zipped FIT files), not a file given twice.
fn in_one_export(a: &str, b: &str) -> bool {
    use std::path::Path;
    let (Some(x), Some(y)) = (Path::new(a).parent(), Path::new(b).parent()) else {
        return false;
    };
    if x == y || x.as_os_str().is_empty() || y.as_os_str().is_empty() {
        return false;
    }
    let archive = |f: &'_ str| f.find(".zip/").map(|i| f[..i + 4].to_string());
    match (archive(a), archive(b)) {
        (Some(p), Some(q)) => p == q,
        (None, None) => x.starts_with(y) || y.starts_with(x),
        _ => false,
    }
}

/// Whether two sessions are one activity recorded twice: the same modality, and either from
/// different files and overlapping for at least half of the shorter one, or from one file and
/// telling exactly the same (the same record of a file given twice, or a row repeated in one
/// file: a sync that exported twice, a copy and paste). Two records of one file that differ in
/// anything are two sessions, however close. Date-only sessions from different files are never
/// merged: without times there is no overlap to go by.
fn same_activity(a: &Placed, b: &Placed) -> bool {
    let (x, y) = (&a.session, &b.session);
    if x.modality != y.modality {
        return false;
    }
    // The sessions of one file share one copy of its name: most checks end at the pointers.
    let same_file = Arc::ptr_eq(&x.origin.file, &y.origin.file) || x.origin.file == y.origin.file;
    if same_file {
        return tell_the_same(a, b);
    }
    if !(a.time_known && b.time_known) {
        return false;
    }
    let overlap = (a.end.min(b.end) - a.start.max(b.start)).num_seconds() as f64 / 60.0;
    let shorter = x.minutes.min(y.minutes);
    if shorter <= 0.0 {
        return (a.start - b.start).num_minutes().abs() <= 2;
    }
    overlap >= 0.5 * shorter
}

/// Whether two sessions tell exactly the same, wherever they were read: [`time_order`] without
/// the file and line.
fn tell_the_same(a: &Placed, b: &Placed) -> bool {
    content_order(a, b).is_eq() && a.session.offset_minutes == b.session.offset_minutes
}

/// How much a record tells: the one that tells more is kept.
fn richness(p: &Placed) -> u32 {
    let s = &p.session;
    [
        !s.estimated,
        s.intensity_basis != crate::model::IntensityBasis::Assumed,
        s.rpe.is_some(),
        s.avg_hr.is_some(),
        s.distance_km.is_some(),
        s.leg_day,
        !s.title.is_empty(),
    ]
    .iter()
    .filter(|b| **b)
    .count() as u32
}

/// Drops the second record of every activity recorded twice, keeping the richer of the two and
/// what the poorer one adds (a leg day seen in the lifting app, a heart rate from the watch).
fn merge_duplicates(mut placed: Vec<Placed>) -> (Vec<Placed>, Merged) {
    let mut merged = Merged::default();
    // In place: `placed[..kept]` are the sessions kept so far; the rest are still to look at.
    // (A second list of tens of thousands of 300-byte sessions cost more than the merging.)
    let mut kept: usize = 0;
    for next in 0..placed.len() {
        // Sorted by start: only the last few kept sessions can overlap this one, so only they
        // are looked at (looking further back made this quadratic in the sessions).
        let recent = kept.saturating_sub(8);
        let twin = placed[recent..kept]
            .iter()
            .rposition(|k| same_activity(k, &placed[next]))
            .map(|i| recent + i);
        let Some(i) = twin else {
            if kept != next {
                placed.swap(kept, next);
            }
            kept += 1;
            continue;
        };
        merged.count += 1;
        let (a, b) = (&placed[i].session.origin, &placed[next].session.origin);
        if in_one_export(&a.file, &b.file) {
            merged.in_one_export += 1;
            if merged.export_example.is_none() {
                merged.export_example = Some(format!("{} and {}", a.place(), b.place()));
            }
        } else if merged.example.is_none() {
            merged.example = Some(format!("{} and {}", a.place(), b.place()));
        }
        if richness(&placed[next]) > richness(&placed[i]) {
            placed.swap(i, next);
        }
        // `next` now holds the record not kept; what it tells beyond the kept one is kept.
        let (head, tail) = placed.split_at_mut(next);
        let (k, other) = (&mut head[i].session, &tail[0].session);
        k.leg_day |= other.leg_day;
        if k.intensity_basis == crate::model::IntensityBasis::Assumed
            && other.intensity_basis != crate::model::IntensityBasis::Assumed
        {
            k.intensity = other.intensity;
            k.intensity_basis = other.intensity_basis;
        }
        k.avg_hr = k.avg_hr.or(other.avg_hr);
        k.rpe = k.rpe.or(other.rpe);
        k.distance_km = k.distance_km.or(other.distance_km);
        // An end the kept record only estimated (a lifting app's workout left running), where
        // the other has it as recorded (a watch's file): the recorded times are kept. The
        // sessions are sorted again after merging, as for a twin kept in another's place.
        if k.estimated && !other.estimated && tail[0].time_known {
            k.start = other.start;
            k.minutes = other.minutes;
            k.offset_minutes = other.offset_minutes;
            k.estimated = false;
            let kept = &mut head[i];
            (kept.start, kept.end, kept.date) = (tail[0].start, tail[0].end, tail[0].date);
        }
    }
    placed.truncate(kept);
    (placed, merged)
}

fn minutes(m: f64) -> Duration {
    Duration::milliseconds((m * 60_000.0).round() as i64)
}

fn find_pairs(timeline: &mut Timeline, settings: &Settings) {
    let sequence: Vec<usize> = timeline
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, p)| p.time_known && p.session.modality != Modality::Other)
        .map(|(i, _)| i)
        .collect();
    let separation = settings.thresholds.separation_minutes();
    for window in sequence.windows(2) {
        let (i, j) = (window[0], window[1]);
        let (a, b) = (&timeline.sessions[i], &timeline.sessions[j]);
        if a.session.modality == b.session.modality {
            continue;
        }
        // Whole minutes, so that the gap shown and its class always agree; rounded down, so
        // that 5 h 59 min 30 s is not yet the 6 h after which order stops mattering. Between
        // the times as the report shows them (whole seconds): an end estimated at 10:00:00.4
        // is shown as 10:00:00, and a start at 11:14:00 is then 74 min after it, not 73.
        let raw = (b.start.timestamp() - a.end.timestamp()) as f64 / 60.0;
        let gap = raw.floor().max(0.0);
        // Two blocks of one logged workout follow each other with no gap, whatever the
        // estimate of where one ends and the next begins.
        let same_workout = a.session.origin == b.session.origin && b.session.offset_minutes > 0.0;
        let same_day = a.date == b.date;
        let next_day = a.date.succ_opt() == Some(b.date);
        if same_day || (next_day && gap < separation) {
            timeline.pairs.push(Pair {
                first: i,
                second: j,
                gap_minutes: gap,
                gap_class: GapClass::of(gap, settings),
                estimated: a.session.estimated && !same_workout,
                overlap_minutes: if same_workout {
                    0.0
                } else {
                    (-raw).max(0.0).round()
                },
                date: a.date,
            });
        } else {
            timeline.separate_day_switches += 1;
        }
    }
}

fn group_days(timeline: &mut Timeline) {
    let mut pairs_by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (k, pair) in timeline.pairs.iter().enumerate() {
        pairs_by_date.entry(pair.date).or_default().push(k);
    }
    // `build` keeps the sessions sorted by day first (`time_order`, again after a merge; the
    // range filter keeps the order), so each day's sessions are one run of them.
    debug_assert!(timeline.sessions.is_sorted_by_key(|p| p.date));
    let mut from = 0;
    while from < timeline.sessions.len() {
        let date = timeline.sessions[from].date;
        let to = from
            + timeline.sessions[from..]
                .iter()
                .take_while(|p| p.date == date)
                .count();
        let day = &timeline.sessions[from..to];
        let relevant = || day.iter().filter(|p| p.session.modality != Modality::Other);
        let has = |m| relevant().any(|p| p.session.modality == m);
        let known = || relevant().filter(|p| p.time_known);
        let known_has = |m| known().any(|p| p.session.modality == m);
        let order = match (has(Modality::Strength), has(Modality::Cardio)) {
            (false, false) => DayOrder::OtherOnly,
            (true, false) => DayOrder::StrengthOnly,
            (false, true) => DayOrder::CardioOnly,
            // Sessions with times decide the order; date-only ones cannot change it.
            (true, true) if known_has(Modality::Strength) && known_has(Modality::Cardio) => {
                match known().next().map(|p| p.session.modality) {
                    Some(Modality::Strength) => DayOrder::StrengthFirst,
                    _ => DayOrder::CardioFirst,
                }
            }
            (true, true) => {
                let undated = relevant()
                    .find(|p| !p.time_known)
                    .map(|p| p.session.origin.file.to_string());
                timeline.warnings.push(Warning {
                    kind: crate::model::WarningKind::Assumption,
                    file: undated,
                    line: None,
                    message: format!(
                        "{date}: strength and cardio on the same day, but this log gives no times of day, so their order is unknown and no pair is judged"
                    ),
                });
                DayOrder::Unknown
            }
        };
        let sessions: Vec<usize> = (from..to).collect();
        from = to;
        // A late lift's day holds its pair with a run after midnight, but its order stays
        // `strength_only`: docs/json-report.md (`days[].order`) defines the order by the day's own
        // sessions.
        let pairs = pairs_by_date.remove(&date).unwrap_or_default();
        timeline.days.push(Day {
            date,
            sessions,
            order,
            pairs,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exports_list_and_its_activity_files_are_one_export_and_files_side_by_side_are_not() {
        for (a, b) in [
            ("x.zip/activities.csv", "x.zip/activities/1.gpx"),
            ("export/activities.csv", "export/activities/1.fit.gz"),
            (
                "g.zip/DI_CONNECT/DI-Connect-Fitness/u_0_summarizedActivities.json",
                "g.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/1_ACTIVITY.fit",
            ),
        ] {
            assert!(in_one_export(a, b) && in_one_export(b, a), "{a} {b}");
        }
        for (a, b) in [
            ("logs/strong.csv", "logs/strava.csv"),
            ("strava.csv", "strava.csv"),
            ("strava.csv", "garmin.csv"),
            ("logs/strava.csv", "logs/strava_export.zip/activities.csv"),
            ("x.zip/activities.csv", "y.zip/activities/1.gpx"),
            ("both.zip/strong.csv", "both.zip/strava.csv"),
        ] {
            assert!(!in_one_export(a, b) && !in_one_export(b, a), "{a} {b}");
        }
    }
    use crate::model::{Intensity, IntensityBasis, Origin};
    use std::sync::Arc;

    fn session(start: &str, minutes: f64, modality: Modality) -> Session {
        let start = crate::import::values::parse_stamp(start).unwrap();
        Session {
            origin: Origin {
                format: "test",
                file: Arc::from("t.csv"),
                line: 1,
                column: 1,
            },
            start,
            offset_minutes: 0.0,
            minutes,
            estimated: false,
            modality,
            intensity: Intensity::Unknown,
            intensity_basis: IntensityBasis::Assumed,
            leg_day: false,
            title: String::new(),
            activity: String::new(),
            distance_km: None,
            rpe: None,
            avg_hr: None,
        }
    }

    fn settings(tz: &str) -> Settings {
        Settings::new(tz.parse().unwrap())
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_late_lift_and_an_early_run_pair_across_midnight() {
        let s = settings("Europe/Berlin");
        let t = build(
            vec![
                session("2024-03-04 22:00", 60.0, Modality::Strength),
                session("2024-03-05 02:00", 30.0, Modality::Cardio),
            ],
            &s,
            None,
        );
        assert_eq!(t.days.len(), 2);
        assert_eq!(t.pairs.len(), 1);
        assert_eq!(t.pairs[0].date, date("2024-03-04"));
        assert_eq!(t.pairs[0].gap_minutes, 180.0);
        assert_eq!(t.pairs[0].gap_class, GapClass::Short);
    }

    #[test]
    fn half_a_minute_short_of_six_hours_is_not_separated() {
        let t = build(
            vec![
                session("2024-03-04 07:00:00", 30.0, Modality::Cardio),
                session("2024-03-04 13:29:30", 60.0, Modality::Strength),
            ],
            &settings("UTC"),
            None,
        );
        assert_eq!(t.pairs[0].gap_minutes, 359.0);
        assert_eq!(t.pairs[0].gap_class, GapClass::Short);
    }

    #[test]
    fn different_days_six_hours_apart_make_no_pair() {
        let s = settings("Europe/Berlin");
        let t = build(
            vec![
                session("2024-03-04 18:00", 60.0, Modality::Strength),
                session("2024-03-05 07:00", 30.0, Modality::Cardio),
            ],
            &s,
            None,
        );
        assert!(t.pairs.is_empty());
        assert_eq!(t.separate_day_switches, 1);
    }

    #[test]
    fn the_day_start_moves_a_night_session_to_the_day_before() {
        let mut s = settings("Europe/Berlin");
        s.day_start = chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let t = build(
            vec![session("2024-03-05 01:30", 30.0, Modality::Cardio)],
            &s,
            None,
        );
        assert_eq!(t.sessions[0].date, date("2024-03-04"));
        let midnight = settings("Europe/Berlin");
        let t = build(
            vec![session("2024-03-05 01:30", 30.0, Modality::Cardio)],
            &midnight,
            None,
        );
        assert_eq!(t.sessions[0].date, date("2024-03-05"));
    }

    #[test]
    fn instants_land_on_the_users_local_day() {
        // 23:30 UTC on the 4th is 00:30 on the 5th in Berlin.
        let t = build(
            vec![session("2024-03-04T23:30:00Z", 30.0, Modality::Cardio)],
            &settings("Europe/Berlin"),
            None,
        );
        assert_eq!(t.sessions[0].date, date("2024-03-05"));
        assert_eq!(
            t.sessions[0].start.to_rfc3339(),
            "2024-03-05T00:30:00+01:00"
        );
    }

    #[test]
    fn gap_across_the_spring_dst_change_counts_real_minutes() {
        // Clocks go from 02:00 to 03:00 on 2024-03-31 in Berlin: 01:00 to 03:30 is 90 min.
        let t = build(
            vec![
                session("2024-03-31 00:30", 30.0, Modality::Strength),
                session("2024-03-31 03:30", 30.0, Modality::Cardio),
            ],
            &settings("Europe/Berlin"),
            None,
        );
        assert_eq!(t.pairs[0].gap_minutes, 90.0);
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn a_time_inside_the_dst_gap_warns_and_moves_forward() {
        let t = build(
            vec![session("2024-03-31 02:30", 30.0, Modality::Cardio)],
            &settings("Europe/Berlin"),
            None,
        );
        assert_eq!(
            t.sessions[0].start.to_rfc3339(),
            "2024-03-31T03:30:00+02:00"
        );
        assert_eq!(t.warnings.len(), 1);
        assert!(t.warnings[0].message.contains("does not exist"));
    }

    #[test]
    fn a_time_inside_the_dst_overlap_warns_and_takes_the_first() {
        let t = build(
            vec![session("2024-10-27 02:30", 30.0, Modality::Cardio)],
            &settings("Europe/Berlin"),
            None,
        );
        assert_eq!(
            t.sessions[0].start.to_rfc3339(),
            "2024-10-27T02:30:00+02:00"
        );
        assert!(t.warnings[0].message.contains("happens twice"));
    }

    #[test]
    fn other_sessions_between_do_not_break_a_pair_and_same_modality_does() {
        let t = build(
            vec![
                session("2024-03-04 07:00", 30.0, Modality::Cardio),
                session("2024-03-04 07:30", 15.0, Modality::Other),
                session("2024-03-04 08:00", 60.0, Modality::Strength),
                session("2024-03-04 18:00", 60.0, Modality::Strength),
            ],
            &settings("UTC"),
            None,
        );
        assert_eq!(t.pairs.len(), 1);
        assert_eq!((t.pairs[0].first, t.pairs[0].second), (0, 2));
        assert_eq!(t.pairs[0].gap_class, GapClass::BackToBack);
        assert_eq!(t.days[0].order, DayOrder::CardioFirst);
    }

    #[test]
    fn date_only_sessions_make_no_pair_and_an_unknown_order() {
        let t = build(
            vec![
                session("2024-03-04", 60.0, Modality::Strength),
                session("2024-03-04 07:00", 30.0, Modality::Cardio),
            ],
            &settings("UTC"),
            None,
        );
        assert!(t.pairs.is_empty());
        assert_eq!(t.days[0].order, DayOrder::Unknown);
        assert!(!t.sessions[0].time_known);
    }

    fn from(file: &str, mut s: Session) -> Session {
        s.origin.file = Arc::from(file);
        s
    }

    #[test]
    fn the_same_activity_in_two_files_is_merged_keeping_the_richer() {
        let mut lifted = from(
            "strong.csv",
            session("2024-03-04 18:00", 60.0, Modality::Strength),
        );
        lifted.leg_day = true;
        let mut watch = from(
            "garmin.csv",
            session("2024-03-04 18:03", 62.0, Modality::Strength),
        );
        watch.avg_hr = Some(120.0);
        let run = from(
            "garmin.csv",
            session("2024-03-04 19:10", 30.0, Modality::Cardio),
        );
        let t = build(vec![lifted, watch, run], &settings("UTC"), None);
        assert_eq!(t.merged_duplicates, 1);
        assert_eq!(t.sessions.len(), 2);
        assert!(
            t.sessions[0].session.leg_day,
            "the leg day of the lifting app survives"
        );
        assert_eq!(t.sessions[0].session.avg_hr, Some(120.0));
        assert_eq!(t.pairs.len(), 1);
        assert!(
            t.warnings
                .iter()
                .any(|w| w.message.contains("appeared twice"))
        );
    }

    /// The richer of two records of a run across midnight takes the place of the other, which
    /// started the day before: the days are still each one day, in order, with all their
    /// sessions and pairs, and the run pairs with the lift it follows.
    #[test]
    fn a_merged_run_across_midnight_leaves_the_days_whole() {
        let morning = from(
            "garmin.csv",
            session("2024-03-04 08:00", 30.0, Modality::Cardio),
        );
        let watch = from(
            "garmin.csv",
            session("2024-03-04 23:50", 40.0, Modality::Cardio),
        );
        let lift = from(
            "strong.csv",
            session("2024-03-04 23:55", 4.0, Modality::Strength),
        );
        let mut app = from(
            "strava.csv",
            session("2024-03-05 00:01", 29.0, Modality::Cardio),
        );
        app.avg_hr = Some(150.0);
        let t = build(vec![morning, watch, lift, app], &settings("UTC"), None);
        assert_eq!(t.merged_duplicates, 1);
        assert_eq!(t.sessions.len(), 3);
        let days: Vec<(NaiveDate, Vec<usize>)> = t
            .days
            .iter()
            .map(|d| (d.date, d.sessions.clone()))
            .collect();
        let on = |i: usize| t.sessions[i].date;
        assert_eq!(days.len(), 2, "{days:?}");
        assert_eq!(days[0].0, date("2024-03-04"));
        assert_eq!(days[1].0, date("2024-03-05"));
        assert!(days[0].1.iter().all(|&i| on(i) == date("2024-03-04")));
        assert_eq!(days[0].1.len(), 2);
        assert_eq!(days[1].1.len(), 1);
        assert_eq!(t.days[0].order, DayOrder::CardioFirst);
        let pairs: usize = t.days.iter().map(|d| d.pairs.len()).sum();
        assert_eq!(pairs, t.pairs.len());
        assert!(t.sessions.windows(2).all(|w| w[0].start <= w[1].start));
        // The morning run and the lift, then the lift and the run after midnight.
        assert_eq!(t.pairs.len(), 2, "{:?}", t.pairs);
        let late = &t.pairs[1];
        let (a, b) = (&t.sessions[late.first], &t.sessions[late.second]);
        assert_eq!(a.session.modality, Modality::Strength);
        assert_eq!(b.session.modality, Modality::Cardio);
        assert_eq!(late.gap_minutes, 2.0);
        assert_eq!(late.date, date("2024-03-04"));
    }

    #[test]
    fn a_file_given_twice_counts_once() {
        let a = session("2024-03-04 18:00", 60.0, Modality::Strength);
        let b = session("2024-03-04", 60.0, Modality::Strength);
        let t = build(vec![a.clone(), b.clone(), a, b], &settings("UTC"), None);
        assert_eq!(t.sessions.len(), 2);
        assert_eq!(t.merged_duplicates, 2);
    }

    #[test]
    fn a_row_repeated_in_one_file_counts_once_and_records_that_differ_stay() {
        let at = |line: u64, column: u32, start: &str, title: &str| {
            let mut s = from("a.json", session(start, 30.0, Modality::Cardio));
            s.origin.line = line;
            s.origin.column = column;
            s.title = title.into();
            s
        };
        let t = build(
            vec![
                at(1, 2, "2024-03-04 07:00", "Easy run"),
                // The same row again, further on in the file.
                at(1, 60, "2024-03-04 07:00", "Easy run"),
                // Same start, another title: another record, kept.
                at(1, 120, "2024-03-04 07:00", "Tempo run"),
                at(2, 1, "2024-03-05 07:00", "Easy run"),
            ],
            &settings("UTC"),
            None,
        );
        assert_eq!(t.sessions.len(), 3);
        assert_eq!(t.merged_duplicates, 1);
        let warning = &t.warnings.last().unwrap().message;
        assert!(warning.contains("a.json:1:2 and a.json:1:60"), "{warning}");
    }

    #[test]
    fn overlapping_sessions_of_one_file_or_another_modality_stay() {
        let t = build(
            vec![
                from(
                    "a.csv",
                    session("2024-03-04 18:00", 60.0, Modality::Strength),
                ),
                {
                    let mut s = from(
                        "a.csv",
                        session("2024-03-04 18:10", 60.0, Modality::Strength),
                    );
                    s.origin.line = 2;
                    s
                },
                from("b.csv", session("2024-03-04 18:00", 30.0, Modality::Cardio)),
            ],
            &settings("UTC"),
            None,
        );
        assert_eq!(t.merged_duplicates, 0);
        assert_eq!(t.sessions.len(), 3);
    }

    #[test]
    fn tz_of_reads_one_files_wall_clock_in_another_zone() {
        let mut s = settings("Europe/Berlin");
        s.file_zones
            .insert("trip.csv".into(), "America/New_York".parse().unwrap());
        let t = build(
            vec![from(
                "trip.csv",
                session("2024-03-04 07:00", 30.0, Modality::Cardio),
            )],
            &s,
            None,
        );
        assert_eq!(
            t.sessions[0].start.to_rfc3339(),
            "2024-03-04T13:00:00+01:00"
        );
    }

    #[test]
    fn range_leaves_out_days_outside_it() {
        let t = build(
            vec![
                session("2024-03-03 07:00", 30.0, Modality::Cardio),
                session("2024-03-04 07:00", 30.0, Modality::Cardio),
            ],
            &settings("UTC"),
            Some((date("2024-03-04"), date("2024-03-10"))),
        );
        assert_eq!(t.sessions.len(), 1);
        assert_eq!(t.days[0].date, date("2024-03-04"));
    }
}
