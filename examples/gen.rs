//! Writes realistic synthetic workout exports of any size, for benchmarks and manual testing.
//!
//! ```sh
//! cargo run --release --example gen -- --format strong --rows 100000 --out target/bench/strong.csv
//! cargo run --release --example gen -- --format strava --rows 100000 --out target/bench/strava.csv
//! cargo run --release --example gen -- --format generic-json --rows 100000 --out target/bench/generic.json
//! ```
//!
//! One athlete, a lifter who also runs, rides and swims, is simulated day by day from the seed;
//! each format writes what that app would have recorded of the same athlete:
//!
//! - `strong`, `hevy`: the lifting log, exactly `--rows` set rows. Some workouts end with a
//!   treadmill run or a bike, or start with a rowing warm-up (cardio logged inside the lifting
//!   app).
//! - `generic`: concur's own set-log CSV: the same `--rows` lifting rows, plus one row per cardio
//!   session.
//! - `generic-json`: the same events as `generic`, in concur's own JSON (README, "JSON"): an
//!   array of session objects, one a line. A cardio session is a plain session (`start`,
//!   `duration`, `type`, `title`, `rpe`, `avg_hr`, `max_hr`, `distance_km`; its type is the
//!   exercise name the CSV gives it); a lifting workout has `start`, `end`, `title` and
//!   `exercises`, the consecutive set rows of one exercise being its `sets`. A set or session
//!   leaves out the values the CSV leaves empty.
//! - `strava`: the cardio (and yoga) of the same athlete, one row per activity, in Strava's
//!   103-column 2026 layout, times in UTC.
//! - `garmin`: the same activities as the watch saw them, newest first, plus a "Strength
//!   Training" activity for about half of the lifting sessions (the watch worn in the gym).
//! - `apple-health`: Health's `export.xml` of the same athlete wearing an Apple Watch: here
//!   `--rows` counts the `<Record>` elements (heart rate, steps, active energy, walking
//!   distance, grouped by type and spread over the history as Health writes them), and the
//!   history is `--years` long (default 1: a few hundred workouts), every lifting session a
//!   strength `<Workout>` and every cardio session its own, with `<WorkoutStatistics>` (heart
//!   rate, distance) in its second half and the older attributes (`totalDistance`) in its first.
//!   Then one `<ActivitySummary>` a day. About 330 bytes a record: `--rows 3000000` is 1 GB.
//!
//! Except in `apple-health`, `--rows` counts the lifting log's set rows, so `--format strong` and `--format strava`
//! with the same `--rows`, `--years` and `--seed` are the two exports of one person: their
//! sessions fall on the same days, cardio before or after lifting, minutes or hours apart.
//!
//! The history ends on `--end` (default 2025-12-28) and goes back `--years` years (default: what
//! a four-times-a-week lifter needs for that many sets, at most 40). Where the rows asked for are
//! more than one person logs in that time, the days get denser (two or three lifting sessions a
//! day: a coach's shared account). Weights progress over the years; the program changes every
//! year or so (push/pull/legs, upper/lower, full body); there are holidays and sick weeks with no
//! training; RPE is logged in some years and not in others; cardio is easy, moderate or hard by
//! its name, heart rate and, sometimes, perceived exertion. `--tz` is the athlete's zone: lifting
//! apps and Garmin write wall-clock times in it, Strava writes UTC.
//!
//! With `--files N`, `--out` is a folder, and it gets the athlete's first N activities as one
//! file each, as a watch or an app's bulk export keeps them (bench/many.sh): `--format generic`
//! writes each in concur's CSV (a lifting workout's set rows, or a cardio session's row), and
//! `--format gpx` each cardio session as a Strava GPX track with a point every 5 s and its heart
//! rate (lifting sessions have no track; so many more are simulated). `--gz` gzips each file
//! (`1000811.csv.gz`, as Strava's archive holds its `.fit.gz` files).
//!
//! The output depends only on the arguments. Generated files are never committed.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::{
    Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use serde::Serialize;

const USAGE: &str = "usage: gen --format strong|strava|hevy|garmin|generic|generic-json|apple-health --rows N [--years Y] [--seed S] [--end YYYY-MM-DD] [--tz ZONE] --out FILE\n       gen --format generic|gpx --files N [--gz] [--seed S] [--end YYYY-MM-DD] [--tz ZONE] --out FOLDER";

/// Sets a year of a lifter who trains four times a week logs.
const SETS_PER_YEAR: f64 = 4.0 * 52.0 * 22.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Strong,
    Strava,
    Hevy,
    Garmin,
    Generic,
    GenericJson,
    AppleHealth,
    /// Only with `--files`: each cardio session as a GPX track.
    Gpx,
}

struct Args {
    format: Format,
    rows: u64,
    years: Option<u32>,
    seed: u64,
    end: NaiveDate,
    tz: chrono_tz::Tz,
    out: PathBuf,
    /// One file an activity, this many, into the folder `out`.
    files: Option<u64>,
    gz: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut format = None;
    let mut rows = None;
    let mut years = None;
    let mut seed = 1;
    let mut end = default_end();
    let mut tz = chrono_tz::UTC;
    let mut out = None;
    let mut files = None;
    let mut gz = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--format" => {
                format = Some(match value()?.as_str() {
                    "strong" => Format::Strong,
                    "strava" => Format::Strava,
                    "hevy" => Format::Hevy,
                    "garmin" => Format::Garmin,
                    "generic" => Format::Generic,
                    "generic-json" => Format::GenericJson,
                    "apple-health" => Format::AppleHealth,
                    "gpx" => Format::Gpx,
                    other => return Err(format!("unknown format {other:?}")),
                })
            }
            "--rows" => rows = Some(value()?.parse().map_err(|e| format!("--rows: {e}"))?),
            "--years" => years = Some(value()?.parse().map_err(|e| format!("--years: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--end" => {
                end = NaiveDate::parse_from_str(&value()?, "%Y-%m-%d")
                    .map_err(|e| format!("--end: {e}"))?
            }
            "--tz" => tz = value()?.parse().map_err(|e| format!("--tz: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--files" => files = Some(value()?.parse().map_err(|e| format!("--files: {e}"))?),
            "--gz" => gz = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let format = format.ok_or(USAGE)?;
    if files.is_none() && format == Format::Gpx {
        return Err(format!("--format gpx needs --files N\n{USAGE}"));
    }
    // With --files, enough lifting rows that the athlete has that many activities (about one
    // in two is cardio, at about 25 set rows a lifting session).
    let rows = rows.or(files.map(|n| n * 60));
    Ok(Args {
        format,
        files,
        gz,
        rows: rows.ok_or(USAGE)?,
        years: years.filter(|y| *y > 0),
        seed,
        end,
        tz,
        out: out.ok_or(USAGE)?,
    })
}

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in lo..=hi.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// An exercise of a program: its name, the weight of a beginner's working set, the reps range,
/// and whether it is a main lift (with warm-up sets).
struct Lift {
    name: &'static str,
    kg: f64,
    reps: (i64, i64),
    main: bool,
}

const fn lift(name: &'static str, kg: f64, reps: (i64, i64), main: bool) -> Lift {
    Lift {
        name,
        kg,
        reps,
        main,
    }
}

const LEGS: &[Lift] = &[
    lift("Squat (Barbell)", 80.0, (3, 6), true),
    lift("Romanian Deadlift (Barbell)", 70.0, (6, 10), false),
    lift("Leg Press", 140.0, (8, 12), false),
    lift("Lunge (Dumbbell)", 16.0, (8, 12), false),
    lift("Leg Extension (Machine)", 40.0, (10, 15), false),
    lift("Seated Leg Curl (Machine)", 35.0, (10, 15), false),
    lift("Standing Calf Raise (Smith Machine)", 60.0, (10, 15), false),
    lift("Hip Thrust (Barbell)", 80.0, (8, 12), false),
];
const PUSH: &[Lift] = &[
    lift("Bench Press (Barbell)", 60.0, (3, 6), true),
    lift("Overhead Press (Barbell)", 40.0, (5, 8), false),
    lift("Incline Bench Press (Dumbbell)", 22.0, (8, 12), false),
    lift(
        "Triceps Pushdown (Cable - Straight Bar)",
        25.0,
        (10, 15),
        false,
    ),
    lift("Lateral Raise (Dumbbell)", 8.0, (12, 15), false),
    lift("Chest Fly (Dumbbell)", 12.0, (10, 15), false),
    lift("Triceps Dip", 0.0, (8, 12), false),
];
const PULL: &[Lift] = &[
    lift("Deadlift (Barbell)", 100.0, (3, 5), true),
    lift("Pull Up", 0.0, (5, 10), false),
    lift("Bent Over Row (Barbell)", 60.0, (6, 10), false),
    lift("Lat Pulldown (Cable)", 50.0, (8, 12), false),
    lift("Seated Row (Cable)", 50.0, (8, 12), false),
    lift("Bicep Curl (Barbell)", 25.0, (8, 12), false),
    lift("Face Pull (Cable)", 20.0, (12, 15), false),
    lift("Hammer Curl (Dumbbell)", 12.0, (8, 12), false),
];
const CORE: &[Lift] = &[
    lift("Plank", 0.0, (1, 1), false),
    lift("Hanging Leg Raise", 0.0, (10, 15), false),
    lift("Cable Crunch", 30.0, (12, 15), false),
];

/// A kind of workout: its names in the app and where its exercises come from.
struct Template {
    titles: &'static [&'static str],
    /// (pool, how many exercises from it)
    parts: &'static [(&'static [Lift], usize)],
}

const LEG_DAY: Template = Template {
    titles: &["Leg day", "Legs", "Lower body"],
    parts: &[(LEGS, 5), (CORE, 1)],
};
const PUSH_DAY: Template = Template {
    titles: &["Push", "Push day", "Chest and triceps"],
    parts: &[(PUSH, 5)],
};
const PULL_DAY: Template = Template {
    titles: &["Pull", "Pull day", "Back and biceps"],
    parts: &[(PULL, 5)],
};
const UPPER: Template = Template {
    titles: &["Upper body", "Upper A", "Upper B"],
    parts: &[(PUSH, 3), (PULL, 3)],
};
const FULL: Template = Template {
    titles: &["Full body", "Full body A", "Full body B"],
    parts: &[(LEGS, 2), (PUSH, 2), (PULL, 2)],
};

/// The programs the lifter follows, one after another, a year or so each.
const PROGRAMS: &[&[&Template]] = &[
    &[&PUSH_DAY, &PULL_DAY, &LEG_DAY],
    &[&UPPER, &LEG_DAY],
    &[&FULL],
    &[&UPPER, &LEG_DAY, &PUSH_DAY, &PULL_DAY],
];

/// One set row of the lifting log.
#[derive(Clone)]
struct SetRow {
    exercise: &'static str,
    /// 1-based number of the set in its exercise.
    order: u32,
    warmup: bool,
    kg: f64,
    reps: f64,
    km: f64,
    seconds: f64,
    rpe: Option<f64>,
}

struct LiftSession {
    start: NaiveDateTime,
    title: &'static str,
    minutes: i64,
    notes: &'static str,
    rows: Vec<SetRow>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Effort {
    Easy,
    Moderate,
    Hard,
}

struct Cardio {
    start: NaiveDateTime,
    /// Strava's activity type.
    strava_type: &'static str,
    /// Garmin's activity type.
    garmin_type: &'static str,
    /// The exercise name a lifting app or concur's set log uses.
    exercise: &'static str,
    name: &'static str,
    description: &'static str,
    seconds: i64,
    km: f64,
    avg_hr: i64,
    max_hr: i64,
    exertion: Option<i64>,
}

enum Event {
    Lift(LiftSession),
    Cardio(Cardio),
}

impl Event {
    fn start(&self) -> NaiveDateTime {
        match self {
            Event::Lift(l) => l.start,
            Event::Cardio(c) => c.start,
        }
    }
}

struct Athlete {
    rng: Rng,
    first: NaiveDate,
    days: i64,
    /// Training weight of each day: 0 on holidays and sick days.
    lift_weight: Vec<f64>,
    rest_weight_sum: Vec<f64>,
    rows_left: u64,
    rows_done: u64,
    lifts_done: u64,
    /// Lifting sessions a day compared with a four-times-a-week lifter.
    density: f64,
    program: usize,
    program_until: NaiveDate,
    next_template: usize,
    logs_rpe: bool,
}

/// Weekday shape of the lifting plan (Monday first) and of the cardio plan.
const LIFT_DAYS: [f64; 7] = [1.0, 0.35, 1.0, 0.35, 1.0, 0.6, 0.1];
const CARDIO_DAYS: [f64; 7] = [0.3, 1.0, 0.3, 1.0, 0.3, 0.5, 1.0];

impl Athlete {
    fn new(seed: u64, rows: u64, years: u32, end: NaiveDate) -> Athlete {
        let mut rng = Rng(seed ^ 0x005E_ED0F_C0C0);
        let first = end
            .with_year(end.year() - years as i32)
            .unwrap_or(end - Duration::days(365 * i64::from(years)))
            + Duration::days(1);
        let days = (end - first).num_days() + 1;
        // Holidays (two a year, one to three weeks) and sick days (three spells a year).
        let mut off = vec![false; days as usize];
        for _ in 0..(2 * years) {
            let at = rng.int(0, days - 1);
            let len = rng.int(7, 21);
            for d in at..(at + len).min(days) {
                off[d as usize] = true;
            }
        }
        for _ in 0..(3 * years) {
            let at = rng.int(0, days - 1);
            let len = rng.int(2, 6);
            for d in at..(at + len).min(days) {
                off[d as usize] = true;
            }
        }
        let lift_weight: Vec<f64> = (0..days)
            .map(|d| {
                let date = first + Duration::days(d);
                if off[d as usize] {
                    0.0
                } else {
                    LIFT_DAYS[date.weekday().num_days_from_monday() as usize]
                }
            })
            .collect();
        let mut rest_weight_sum = vec![0.0; days as usize + 1];
        for d in (0..days as usize).rev() {
            rest_weight_sum[d] = rest_weight_sum[d + 1] + lift_weight[d];
        }
        let density = rows as f64 / (f64::from(years) * SETS_PER_YEAR);
        Athlete {
            rng,
            first,
            days,
            lift_weight,
            rest_weight_sum,
            rows_left: rows,
            rows_done: 0,
            lifts_done: 0,
            density,
            program: 0,
            program_until: first,
            next_template: 0,
            logs_rpe: false,
        }
    }

    /// Every session of the whole history, in order of start.
    fn simulate(mut self) -> Vec<Event> {
        let mut events = Vec::new();
        for d in 0..self.days {
            let date = self.first + Duration::days(d);
            if date >= self.program_until {
                self.program = self.rng.int(0, PROGRAMS.len() as i64 - 1) as usize;
                self.program_until = date + Duration::days(self.rng.int(240, 480));
                self.logs_rpe = self.rng.chance(0.5);
            }
            let mut day = self.day(d, date);
            day.sort_by_key(Event::start);
            // Cardio that would overlap another session of the day is not done.
            let span = |e: &Event| match e {
                Event::Lift(l) => (l.start, l.start + Duration::minutes(l.minutes)),
                Event::Cardio(c) => (c.start, c.start + Duration::seconds(c.seconds)),
            };
            let lifts: Vec<_> = day
                .iter()
                .filter(|e| matches!(e, Event::Lift(_)))
                .map(span)
                .collect();
            let mut kept: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
            day.retain(|e| {
                if matches!(e, Event::Lift(_)) {
                    return true;
                }
                let (from, to) = span(e);
                let clash = lifts.iter().chain(&kept).any(|(f, t)| *f < to && from < *t);
                if !clash {
                    kept.push((from, to));
                }
                !clash
            });
            events.append(&mut day);
        }
        events
    }

    /// The sessions of one day.
    fn day(&mut self, d: i64, date: NaiveDate) -> Vec<Event> {
        let mut out = Vec::new();
        let weight = self.lift_weight[d as usize];
        let last_day = d == self.days - 1;
        // How many lifting sessions today: the rows still to write, spread over the training
        // days left by their weight, at the sets per session seen so far.
        let per_session = if self.lifts_done == 0 {
            24.0
        } else {
            self.rows_done as f64 / self.lifts_done as f64
        };
        let mut lifts = if last_day {
            (self.rows_left as f64 / per_session).ceil() as i64
        } else if weight > 0.0 {
            let expected =
                self.rows_left as f64 * weight / (self.rest_weight_sum[d as usize] * per_session);
            let whole = expected.floor();
            whole as i64 + i64::from(self.rng.chance(expected - whole))
        } else {
            0
        };
        // Lifting slots: three hours apart so that cardio fits around each.
        let slots: &[(u32, u32)] = &[(6, 0), (9, 0), (12, 0), (15, 0), (18, 0), (21, 0)];
        let evening_first = [4usize, 0, 2, 3, 1, 5];
        let mut slot_order = evening_first.to_vec();
        if self.rng.chance(0.3) {
            slot_order.swap(0, 1);
        }
        let mut cardio_done = 0;
        // The day the lifting goes on: past the last day only for the rows left over.
        let mut day = date;
        while lifts > 0 && self.rows_left > 0 {
            let mut taken = Vec::new();
            for &slot in slot_order.iter().take(lifts as usize) {
                taken.push(slot);
            }
            taken.sort_unstable();
            for slot in taken {
                if self.rows_left == 0 {
                    break;
                }
                let (h, m) = slots[slot];
                let jitter = self.rng.int(-25, 35);
                let start = day.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("a time"))
                    + Duration::minutes(jitter);
                let session = self.lift_session(start);
                // Cardio next to the lifting: before, after, or in the morning.
                let chance = (0.45 * self.density.sqrt()).min(0.6);
                if self.rng.chance(chance) && cardio_done < 6 {
                    let effort = self.effort();
                    let mut c = self.cardio(start, effort);
                    match self.rng.int(0, 9) {
                        0..=3 => {
                            let gap = self.rng.int(2, 40);
                            c.start = start - Duration::minutes(gap + c.seconds / 60);
                        }
                        4..=7 => {
                            let gap = self.rng.int(0, 30);
                            c.start = start + Duration::minutes(session.minutes + gap);
                        }
                        _ => {
                            // A run before work: hours before an evening session, not a pair.
                            c.start = day.and_hms_opt(5, 30, 0).expect("a time")
                                + Duration::minutes(self.rng.int(0, 40));
                            if start.hour() < 12 {
                                c.start = start + Duration::hours(7);
                            }
                        }
                    }
                    c.start = c.start.with_second(0).unwrap_or(c.start);
                    out.push(Event::Cardio(c));
                    cardio_done += 1;
                }
                self.rows_left -= session.rows.len() as u64;
                self.rows_done += session.rows.len() as u64;
                self.lifts_done += 1;
                out.push(Event::Lift(session));
            }
            if last_day {
                // Whatever rows are left go into more sessions on the last day, a day later
                // each so that their keys stay apart.
                lifts = (self.rows_left as f64 / per_session).ceil() as i64;
                slot_order.rotate_left(1);
                day += Duration::days(1);
            } else {
                lifts = 0;
            }
        }
        // Cardio days of their own.
        let cardio_weight = if weight == 0.0 {
            // A holiday or a sick day: now and then a walk or a hike.
            0.1
        } else {
            CARDIO_DAYS[date.weekday().num_days_from_monday() as usize] * 0.7
        };
        let expected = cardio_weight * self.density.max(0.25);
        let whole = expected.floor();
        let count = (whole as i64 + i64::from(self.rng.chance(expected - whole))).min(3);
        for i in 0..count {
            let effort = if date.weekday() == Weekday::Sun && i == 0 {
                Effort::Easy
            } else {
                self.effort()
            };
            let hour = [7, 13, 19][i as usize];
            let start = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("a time"))
                + Duration::minutes(self.rng.int(-40, 50));
            let mut c = self.cardio(start, effort);
            if date.weekday() == Weekday::Sun && i == 0 && self.rng.chance(0.7) {
                c.name = "Long run";
                c.strava_type = "Run";
                c.garmin_type = "Running";
                c.exercise = "Running";
                c.seconds = self.rng.int(70, 130) * 60;
                c.km = c.seconds as f64 / 60.0 / self.rng_range(5.2, 6.2);
                c.avg_hr = self.rng.int(132, 142);
                c.max_hr = c.avg_hr + self.rng.int(10, 20);
            }
            out.push(Event::Cardio(c));
        }
        out
    }

    fn rng_range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + self.rng.unit() * (hi - lo)
    }

    fn effort(&mut self) -> Effort {
        match self.rng.int(0, 9) {
            0..=4 => Effort::Easy,
            5..=6 => Effort::Moderate,
            _ => Effort::Hard,
        }
    }

    /// One lifting session at `start`, with the program's next workout.
    fn lift_session(&mut self, start: NaiveDateTime) -> LiftSession {
        let program = PROGRAMS[self.program];
        let template = program[self.next_template % program.len()];
        self.next_template += 1;
        let title = *self.rng.pick(template.titles);
        let years_in = (start.date() - self.first).num_days() as f64 / 365.0;
        // Strength grows fast at first, then slowly; a bad day is 10 % off.
        let progress = 1.0 + 0.6 * (1.0 - (-years_in / 3.0).exp());
        let form = if self.rng.chance(0.1) { 0.9 } else { 1.0 };
        let mut rows = Vec::new();
        // A rowing or bike warm-up now and then; a treadmill run or bike to finish.
        let warm_up = self.rng.chance(0.07);
        let finisher = !warm_up && self.rng.chance(0.1);
        if warm_up {
            let (exercise, km_per_min) = if self.rng.chance(0.5) {
                ("Rowing (Machine)", 0.2)
            } else {
                ("Cycling (Indoor)", 0.45)
            };
            let minutes = self.rng.int(5, 12) as f64;
            rows.push(cardio_row(exercise, minutes, minutes * km_per_min));
        }
        for (pool, n) in template.parts {
            let mut picked: Vec<usize> = Vec::new();
            // The main lift of the pool first, then others at random.
            if pool[0].main {
                picked.push(0);
            }
            while picked.len() < (*n).min(pool.len()) {
                let i = self.rng.int(0, pool.len() as i64 - 1) as usize;
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            for &i in &picked {
                let ex = &pool[i];
                let kg = round_to(ex.kg * progress * form, 2.5);
                let mut order = 1;
                if ex.main {
                    for share in [0.5, 0.7] {
                        rows.push(SetRow {
                            exercise: ex.name,
                            order: 0,
                            warmup: true,
                            kg: round_to(kg * share, 2.5),
                            reps: 5.0,
                            km: 0.0,
                            seconds: 0.0,
                            rpe: None,
                        });
                    }
                }
                let sets = self.rng.int(3, 5);
                for s in 0..sets {
                    let (lo, hi) = ex.reps;
                    let plank = ex.name == "Plank";
                    let rpe = self.logs_rpe.then(|| {
                        (6.0 + s as f64 * 0.5 + self.rng.int(0, 3) as f64 * 0.5).min(10.0)
                    });
                    rows.push(SetRow {
                        exercise: ex.name,
                        order,
                        warmup: false,
                        kg,
                        reps: if plank {
                            0.0
                        } else {
                            self.rng.int(lo, hi) as f64
                        },
                        km: 0.0,
                        seconds: if plank {
                            self.rng.int(3, 8) as f64 * 15.0
                        } else {
                            0.0
                        },
                        rpe,
                    });
                    order += 1;
                }
            }
        }
        if finisher {
            let (exercise, km_per_min) = if self.rng.chance(0.7) {
                ("Running (Treadmill)", 0.17)
            } else {
                ("Cycling (Indoor)", 0.45)
            };
            let minutes = self.rng.int(10, 30) as f64;
            rows.push(cardio_row(exercise, minutes, minutes * km_per_min));
        }
        if self.rows_left < rows.len() as u64 {
            rows.truncate(self.rows_left as usize);
        }
        let cardio_minutes: f64 = rows.iter().map(|r| r.seconds / 60.0).sum();
        let minutes = (rows.len() as f64 * 2.4 + cardio_minutes + self.rng.int(-5, 10) as f64)
            .round()
            .max(15.0) as i64;
        let notes = match self.rng.int(0, 19) {
            0 => "felt strong",
            1 => "tired today",
            2 => "new PR!",
            3 => "short on time, skipped accessories",
            _ => "",
        };
        LiftSession {
            start,
            title,
            minutes,
            notes,
            rows,
        }
    }

    /// A cardio session of this effort starting at `start` (moved later by the caller).
    fn cardio(&mut self, start: NaiveDateTime, effort: Effort) -> Cardio {
        let sport = self.rng.int(0, 19);
        let (strava_type, garmin_type, exercise) = match sport {
            0..=10 => ("Run", "Running", "Running"),
            11..=15 => ("Ride", "Cycling", "Cycling"),
            16 => ("Virtual Ride", "Virtual Cycling", "Cycling (Indoor)"),
            17 => ("Swim", "Pool Swim", "Swimming"),
            18 => ("Walk", "Walking", "Walking"),
            _ => ("Yoga", "Yoga", "Yoga"),
        };
        let name = match (strava_type, effort) {
            ("Run", Effort::Easy) => {
                *self
                    .rng
                    .pick(&["Easy run", "Recovery run", "Morning Run", "Zone 2 run"])
            }
            ("Run", Effort::Moderate) => {
                *self.rng.pick(&["Evening Run", "Lunch Run", "Steady run"])
            }
            ("Run", Effort::Hard) => *self.rng.pick(&[
                "Tempo run",
                "Intervals 6x800m",
                "Threshold run",
                "Hill repeats",
                "5k race",
            ]),
            ("Ride", Effort::Easy) => *self.rng.pick(&["Recovery spin", "Easy ride"]),
            ("Ride", Effort::Moderate) => *self.rng.pick(&["Morning Ride", "Afternoon Ride"]),
            ("Ride", Effort::Hard) => *self.rng.pick(&["Threshold ride", "Hill repeats"]),
            ("Virtual Ride", Effort::Hard) => "Zwift - Race",
            ("Virtual Ride", _) => "Zwift - Endurance ride",
            ("Swim", _) => "Pool Swim",
            ("Walk", _) => "Afternoon Walk",
            _ => "Morning Yoga",
        };
        let (minutes, kmh) = match strava_type {
            "Run" => (self.rng.int(20, 55), self.rng_range(9.5, 12.5)),
            "Ride" | "Virtual Ride" => (self.rng.int(30, 90), self.rng_range(25.0, 33.0)),
            "Swim" => (self.rng.int(25, 45), self.rng_range(2.2, 3.0)),
            "Walk" => (self.rng.int(20, 60), self.rng_range(4.5, 5.5)),
            _ => (self.rng.int(20, 45), 0.0),
        };
        let (avg_hr, exertion) = match (strava_type, effort) {
            ("Yoga", _) => (self.rng.int(75, 95), 2),
            ("Walk", _) => (self.rng.int(95, 110), 2),
            (_, Effort::Easy) => (self.rng.int(118, 134), self.rng.int(2, 4)),
            (_, Effort::Moderate) => (self.rng.int(138, 150), self.rng.int(5, 6)),
            (_, Effort::Hard) => (self.rng.int(156, 170), self.rng.int(7, 9)),
        };
        let description = match (effort, self.rng.int(0, 9)) {
            (_, 0) => "straight from the gym",
            (Effort::Hard, 1) => "legs heavy from squats",
            (Effort::Easy, 1) => "easy, zone 2",
            _ => "",
        };
        let seconds = minutes * 60 + self.rng.int(0, 59);
        Cardio {
            start,
            strava_type,
            garmin_type,
            exercise,
            name,
            description,
            seconds,
            km: kmh * seconds as f64 / 3600.0,
            avg_hr,
            max_hr: avg_hr + self.rng.int(8, 22),
            exertion: self.rng.chance(0.25).then_some(exertion),
        }
    }
}

fn cardio_row(exercise: &'static str, minutes: f64, km: f64) -> SetRow {
    SetRow {
        exercise,
        order: 1,
        warmup: false,
        kg: 0.0,
        reps: 0.0,
        km: (km * 100.0).round() / 100.0,
        seconds: minutes * 60.0,
        rpe: None,
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

/// Strong's workout duration: `1h 5m`, `44m`, `1h`.
fn strong_duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// A number as the apps write it: no fraction when whole.
fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{}", (x * 100.0).round() / 100.0)
    }
}

const STRONG_HEADER: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";
const HEVY_HEADER: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"";
const GENERIC_HEADER: &str =
    "start,end,duration,title,exercise,weight,reps,rpe,seconds,distance_km,avg_hr,max_hr";
const GARMIN_HEADER: &str = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Steps,Body Battery Drain,Decompression,Best Lap Time,Number of Laps,Moving Time,Elapsed Time,Min Elevation,Max Elevation";
/// Strava's 2026 layout: 103 columns, some names twice.
const STRAVA_HEADER: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Recovery,With Pet,Competition,Long Run,For a Cause,With Kid,Downhill Distance,Total Sets,Total Reps,Media";

fn write_strong(events: &[Event], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{STRONG_HEADER}")?;
    let mut line = String::new();
    for event in events {
        let Event::Lift(l) = event else { continue };
        let date = l.start.format("%Y-%m-%d %H:%M:%S");
        let duration = strong_duration(l.minutes);
        for (i, r) in l.rows.iter().enumerate() {
            line.clear();
            let order = if r.warmup {
                "W".to_string()
            } else {
                r.order.to_string()
            };
            let (notes, workout_notes) = if i == 0 {
                ("\"\"", format!("\"{}\"", l.notes))
            } else {
                ("", String::new())
            };
            let rpe = r.rpe.map(num).unwrap_or_default();
            let _ = writeln!(
                line,
                "{date},\"{}\",{duration},\"{}\",{order},{:.1},{:.1},{},{:.1},{notes},{workout_notes},{rpe}",
                l.title,
                r.exercise,
                r.kg,
                r.reps,
                num(r.km),
                r.seconds,
            );
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

fn hevy_time(t: NaiveDateTime) -> String {
    t.format("%-d %b %Y, %H:%M").to_string()
}

fn write_hevy(events: &[Event], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{HEVY_HEADER}")?;
    // Hevy writes the newest workout first.
    for event in events.iter().rev() {
        let Event::Lift(l) = event else { continue };
        let start = hevy_time(l.start);
        let end = hevy_time(l.start + Duration::minutes(l.minutes));
        let mut index = 0;
        let mut previous = "";
        for r in &l.rows {
            if r.exercise != previous {
                index = 0;
                previous = r.exercise;
            }
            let opt = |x: f64| if x == 0.0 { String::new() } else { num(x) };
            writeln!(
                out,
                "\"{}\",\"{start}\",\"{end}\",\"{}\",\"{}\",,\"\",{index},\"{}\",{},{},{},{},{}",
                l.title,
                l.notes,
                r.exercise,
                if r.warmup { "warmup" } else { "normal" },
                opt(r.kg),
                opt(r.reps),
                opt(r.km),
                opt(r.seconds),
                r.rpe.map(num).unwrap_or_default(),
            )?;
            index += 1;
        }
    }
    Ok(())
}

fn write_generic(events: &[Event], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{GENERIC_HEADER}")?;
    let opt = |x: f64| if x == 0.0 { String::new() } else { num(x) };
    for event in events {
        match event {
            Event::Lift(l) => {
                let start = l.start.format("%Y-%m-%d %H:%M");
                let end = (l.start + Duration::minutes(l.minutes)).format("%Y-%m-%d %H:%M");
                for r in &l.rows {
                    writeln!(
                        out,
                        "{start},{end},,{},{},{},{},{},{},{},,",
                        l.title,
                        r.exercise,
                        opt(r.kg),
                        opt(r.reps),
                        r.rpe.map(num).unwrap_or_default(),
                        opt(r.seconds),
                        opt(r.km),
                    )?;
                }
            }
            Event::Cardio(c) => {
                writeln!(
                    out,
                    "{},,{},{},{},,,{},{},{},{},{}",
                    c.start.format("%Y-%m-%d %H:%M"),
                    num((c.seconds as f64 / 60.0).round()),
                    c.name,
                    c.exercise,
                    c.exertion.map(|e| e.to_string()).unwrap_or_default(),
                    c.seconds,
                    num(c.km),
                    c.avg_hr,
                    c.max_hr,
                )?;
            }
        }
    }
    Ok(())
}

/// A number in JSON as [`num`] writes it in CSV: an integer when whole, else to two decimals.
#[derive(Clone, Copy)]
struct JsonNum(f64);

impl Serialize for JsonNum {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 1e15 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64((x * 100.0).round() / 100.0)
        }
    }
}

/// A value the generic CSV leaves empty when zero, left out of the JSON then.
fn json_opt(x: f64) -> Option<JsonNum> {
    (x != 0.0).then_some(JsonNum(x))
}

#[derive(Serialize)]
struct JsonSet {
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reps: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rpe: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance_km: Option<JsonNum>,
}

#[derive(Serialize)]
struct JsonExercise {
    name: &'static str,
    sets: Vec<JsonSet>,
}

/// One session of concur's JSON log; the fields of `write_generic`'s columns, in that order.
#[derive(Serialize)]
struct JsonSession {
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<JsonNum>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    activity: Option<&'static str>,
    title: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rpe: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avg_hr: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_hr: Option<JsonNum>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance_km: Option<JsonNum>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exercises: Vec<JsonExercise>,
}

/// The events of [`write_generic`] as concur's JSON log: an array of sessions, one a line.
fn write_generic_json(events: &[Event], out: &mut impl Write) -> std::io::Result<()> {
    let minute = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    out.write_all(b"[")?;
    let mut line = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let session = match event {
            Event::Lift(l) => {
                let mut exercises: Vec<JsonExercise> = Vec::new();
                for r in &l.rows {
                    let set = JsonSet {
                        weight: json_opt(r.kg),
                        reps: json_opt(r.reps),
                        rpe: r.rpe.map(JsonNum),
                        seconds: json_opt(r.seconds),
                        distance_km: json_opt(r.km),
                    };
                    // Consecutive rows of one exercise are its sets, as concur groups the CSV.
                    match exercises.last_mut() {
                        Some(ex) if ex.name == r.exercise => ex.sets.push(set),
                        _ => exercises.push(JsonExercise {
                            name: r.exercise,
                            sets: vec![set],
                        }),
                    }
                }
                JsonSession {
                    start: minute(l.start),
                    end: Some(minute(l.start + Duration::minutes(l.minutes))),
                    duration: None,
                    activity: None,
                    title: l.title,
                    rpe: None,
                    avg_hr: None,
                    max_hr: None,
                    distance_km: None,
                    exercises,
                }
            }
            Event::Cardio(c) => JsonSession {
                start: minute(c.start),
                end: None,
                duration: Some(JsonNum((c.seconds as f64 / 60.0).round())),
                activity: Some(c.exercise),
                title: c.name,
                rpe: c.exertion.map(|e| JsonNum(e as f64)),
                avg_hr: Some(JsonNum(c.avg_hr as f64)),
                max_hr: Some(JsonNum(c.max_hr as f64)),
                // Written even when zero, as the CSV writes it.
                distance_km: Some(JsonNum(c.km)),
                exercises: Vec::new(),
            },
        };
        line.clear();
        if i > 0 {
            line.push(b',');
        }
        line.push(b'\n');
        serde_json::to_writer(&mut line, &session)?;
        out.write_all(&line)?;
    }
    out.write_all(b"\n]\n")
}

fn clock(seconds: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// A number with a comma between thousands, as Garmin writes it.
fn thousands(n: i64) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

fn write_garmin(events: &[Event], rng: &mut Rng, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{GARMIN_HEADER}")?;
    // Garmin Connect lists the newest activity first.
    for event in events.iter().rev() {
        match event {
            Event::Lift(l) => {
                if !rng.chance(0.5) {
                    continue;
                }
                let seconds = l.minutes * 60 + rng.int(-60, 60);
                let avg = rng.int(100, 118);
                writeln!(
                    out,
                    "Strength Training,{},false,\"Strength\",\"0.00\",\"{}\",\"{}\",\"{avg}\",\"{}\",\"{:.1}\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"{}\",\"-{}\",\"No\",\"00:06:12.4\",\"{}\",\"00:00:00\",\"{}\",\"--\",\"--\"",
                    l.start.format("%Y-%m-%d %H:%M:%S"),
                    thousands(seconds / 10 + 50),
                    clock(seconds),
                    avg + rng.int(20, 35),
                    rng.unit() * 1.5,
                    thousands(rng.int(400, 1600)),
                    rng.int(5, 15),
                    rng.int(2, 8),
                    clock(seconds + 90),
                )?;
            }
            Event::Cardio(c) => {
                let distance = if c.garmin_type == "Pool Swim" {
                    thousands((c.km * 1000.0 / 25.0).round() as i64 * 25)
                } else {
                    format!("{:.2}", c.km)
                };
                let pace = if c.km > 0.0 {
                    let s = (c.seconds as f64 / c.km) as i64;
                    format!("{}:{:02}", s / 60, s % 60)
                } else {
                    "--".to_string()
                };
                writeln!(
                    out,
                    "{},{},false,\"{}\",\"{distance}\",\"{}\",\"{}\",\"{}\",\"{}\",\"{:.1}\",\"--\",\"--\",\"{pace}\",\"{pace}\",\"{}\",\"{}\",\"--\",\"--\",\"-{}\",\"No\",\"00:05:40.2\",\"{}\",\"{}\",\"{}\",\"34\",\"41\"",
                    c.garmin_type,
                    c.start.format("%Y-%m-%d %H:%M:%S"),
                    c.name,
                    thousands(c.seconds / 6),
                    clock(c.seconds),
                    c.avg_hr,
                    c.max_hr,
                    1.0 + rng.unit() * 3.0,
                    rng.int(0, 120),
                    rng.int(0, 120),
                    rng.int(5, 25),
                    (c.km.ceil() as i64).max(1),
                    clock(c.seconds - 30),
                    clock(c.seconds + 60),
                )?;
            }
        }
    }
    Ok(())
}

fn write_strava(
    events: &[Event],
    tz: chrono_tz::Tz,
    rng: &mut Rng,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "{STRAVA_HEADER}")?;
    let columns = STRAVA_HEADER.split(',').count();
    let mut fields = vec![String::new(); columns];
    let mut id: u64 = 1_000_000_000;
    for event in events {
        let Event::Cardio(c) = event else { continue };
        id += rng.int(1_000, 90_000) as u64;
        let utc = tz
            .from_local_datetime(&c.start)
            .earliest()
            .map_or(c.start, |t| t.with_timezone(&Utc).naive_utc());
        for f in fields.iter_mut() {
            f.clear();
        }
        let metres = c.km * 1000.0;
        let shown_km = if c.strava_type == "Swim" {
            format!("{metres:.0}")
        } else {
            format!("{:.2}", c.km)
        };
        fields[0] = id.to_string();
        fields[1] = format!("\"{}\"", utc.format("%b %-d, %Y, %-I:%M:%S %p"));
        fields[2] = c.name.to_string();
        fields[3] = c.strava_type.to_string();
        fields[4] = if c.description.is_empty() {
            String::new()
        } else {
            format!("\"{}\"", c.description)
        };
        fields[5] = c.seconds.to_string();
        fields[6] = shown_km;
        fields[7] = format!("{}.0", c.max_hr);
        fields[9] = "false".into();
        fields[12] = format!("activities/{}.fit.gz", id + 811);
        fields[15] = format!("{}.0", c.seconds);
        fields[16] = format!("{}.0", c.seconds - rng.int(0, 60).min(c.seconds));
        fields[17] = format!("{metres:.1}");
        fields[31] = format!("{}.0", c.avg_hr);
        if let Some(e) = c.exertion {
            fields[43] = format!("{e}.0");
            fields[48] = "1.0".into();
        }
        fields[52] = "1.0".into();
        let mut line = fields.join(",");
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The export of one format, `rows` set rows of lifting over `years` (default: as many as a
/// four-times-a-week lifter needs), as bytes; and a line that says what it holds. The benches
/// (`benches/stages.rs`) call this to make their data in memory.
pub fn generate(
    format: Format,
    rows: u64,
    years: Option<u32>,
    seed: u64,
    end: NaiveDate,
    tz: chrono_tz::Tz,
    out: &mut impl Write,
) -> std::io::Result<String> {
    if format == Format::AppleHealth {
        return write_apple_health(rows, years.unwrap_or(1), seed, end, tz, out);
    }
    let years =
        years.unwrap_or_else(|| ((rows as f64 / SETS_PER_YEAR).round() as u32).clamp(1, 40));
    let events = Athlete::new(seed, rows, years, end).simulate();
    let mut rng = Rng(seed.wrapping_mul(31).wrapping_add(7));
    match format {
        Format::AppleHealth => unreachable!("written above"),
        Format::Strong => write_strong(&events, out),
        Format::Hevy => write_hevy(&events, out),
        Format::Generic => write_generic(&events, out),
        Format::GenericJson => write_generic_json(&events, out),
        Format::Garmin => write_garmin(&events, &mut rng, out),
        Format::Strava => write_strava(&events, tz, &mut rng, out),
        Format::Gpx => return Err(std::io::Error::other("--format gpx needs --files N")),
    }?;
    let lifts = events
        .iter()
        .filter(|e| matches!(e, Event::Lift(_)))
        .count();
    let rows: usize = events
        .iter()
        .map(|e| match e {
            Event::Lift(l) => l.rows.len(),
            Event::Cardio(_) => 0,
        })
        .sum();
    Ok(format!(
        "{format:?}, {years} years to {end}, {lifts} lifting sessions ({rows} set rows), {} cardio sessions",
        events.len() - lifts
    ))
}

/// The top of Health's export.xml: the declaration and the DTD (Export Version 14, shortened
/// to the elements written here), as every export starts.
const APPLE_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth                   CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex                 CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType                     CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse   CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutEvent ((MetadataEntry)*)>
<!ATTLIST WorkoutEvent
  type                 CDATA #REQUIRED
  date                 CDATA #REQUIRED
  duration             CDATA #IMPLIED
  durationUnit         CDATA #IMPLIED
>
<!ELEMENT WorkoutStatistics EMPTY>
<!ATTLIST WorkoutStatistics
  type                 CDATA #REQUIRED
  startDate            CDATA #REQUIRED
  endDate              CDATA #REQUIRED
  average              CDATA #IMPLIED
  minimum              CDATA #IMPLIED
  maximum              CDATA #IMPLIED
  sum                  CDATA #IMPLIED
  unit                 CDATA #IMPLIED
>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
  activeEnergyBurnedGoal   CDATA #IMPLIED
  activeEnergyBurnedUnit   CDATA #IMPLIED
  appleMoveTime            CDATA #IMPLIED
  appleMoveTimeGoal        CDATA #IMPLIED
  appleExerciseTime        CDATA #IMPLIED
  appleExerciseTimeGoal    CDATA #IMPLIED
  appleStandHours          CDATA #IMPLIED
  appleStandHoursGoal      CDATA #IMPLIED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>
"#;

/// How the watch names itself in every sample it writes.
const WATCH: &str = r#"sourceName="Apple Watch" sourceVersion="10.4" device="&lt;&lt;HKDevice: 0x281f3c0a0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.4&gt;""#;
const PHONE: &str = r#"sourceName="iPhone" sourceVersion="17.4" device="&lt;&lt;HKDevice: 0x282a4d1b0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.4&gt;""#;

/// A local time with its offset, as Health writes every date: `2025-05-08 17:26:15 +0100`.
fn apple_date(out: &mut String, t: NaiveDateTime, tz: chrono_tz::Tz) {
    use chrono::Offset;
    let offset = tz
        .offset_from_local_datetime(&t)
        .earliest()
        .map_or(0, |o| o.fix().local_minus_utc());
    let (sign, offset) = if offset < 0 {
        ('-', -offset)
    } else {
        ('+', offset)
    };
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        offset / 3600,
        offset / 60 % 60
    );
}

/// A kind of `<Record>` written: its type, its share of the records, its unit, how long each
/// lasts (in seconds; 0 for an instant reading) and the range of its values.
struct AppleRecord {
    kind: &'static str,
    share: f64,
    unit: &'static str,
    lasts: i64,
    values: (f64, f64),
}

const APPLE_RECORDS: &[AppleRecord] = &[
    AppleRecord {
        kind: "HKQuantityTypeIdentifierHeartRate",
        share: 0.5,
        unit: "count/min",
        lasts: 0,
        values: (52.0, 128.0),
    },
    AppleRecord {
        kind: "HKQuantityTypeIdentifierStepCount",
        share: 0.2,
        unit: "count",
        lasts: 420,
        values: (8.0, 900.0),
    },
    AppleRecord {
        kind: "HKQuantityTypeIdentifierActiveEnergyBurned",
        share: 0.22,
        unit: "Cal",
        lasts: 60,
        values: (0.05, 9.0),
    },
    AppleRecord {
        kind: "HKQuantityTypeIdentifierDistanceWalkingRunning",
        share: 0.08,
        unit: "km",
        lasts: 300,
        values: (0.004, 0.6),
    },
];

/// Health's export.xml of the athlete over `years` to `end`: `records` records, then the
/// workouts, then the day summaries.
fn write_apple_health(
    records: u64,
    years: u32,
    seed: u64,
    end: NaiveDate,
    tz: chrono_tz::Tz,
    out: &mut impl Write,
) -> std::io::Result<String> {
    let years = years.clamp(1, 40);
    let lift_rows = (f64::from(years) * SETS_PER_YEAR) as u64;
    let athlete = Athlete::new(seed, lift_rows, years, end);
    let first = athlete.first;
    let days = athlete.days;
    let events = athlete.simulate();
    let mut rng = Rng(seed.wrapping_mul(37).wrapping_add(11));
    let mut line = String::with_capacity(1024);
    out.write_all(APPLE_HEAD.as_bytes())?;
    line.push_str("<HealthData locale=\"en_US\">\n <ExportDate value=\"");
    apple_date(&mut line, end.and_hms_opt(21, 0, 0).expect("a time"), tz);
    line.push_str("\"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth=\"\" HKCharacteristicTypeIdentifierBiologicalSex=\"HKBiologicalSexNotSet\" HKCharacteristicTypeIdentifierBloodType=\"HKBloodTypeNotSet\" HKCharacteristicTypeIdentifierFitzpatrickSkinType=\"HKFitzpatrickSkinTypeNotSet\" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse=\"None\"/>\n");
    out.write_all(line.as_bytes())?;
    let from = first.and_hms_opt(0, 0, 0).expect("a time");
    let span = (days * 86_400) as f64;
    let mut written = 0u64;
    for (i, record) in APPLE_RECORDS.iter().enumerate() {
        let AppleRecord {
            kind,
            share,
            unit,
            lasts,
            values: (lo, hi),
        } = record;
        let count = if i + 1 == APPLE_RECORDS.len() {
            records - written
        } else {
            (records as f64 * share) as u64
        };
        written += count;
        let step = span / count.max(1) as f64;
        for n in 0..count {
            let at = from + Duration::seconds((n as f64 * step) as i64 + rng.int(0, 30));
            let until = at + Duration::seconds(*lasts);
            let value = lo + rng.unit() * (hi - lo);
            line.clear();
            let source = if *lasts > 0 && rng.chance(0.3) {
                PHONE
            } else {
                WATCH
            };
            let _ = write!(
                line,
                " <Record type=\"{kind}\" {source} unit=\"{unit}\" creationDate=\""
            );
            apple_date(&mut line, until + Duration::seconds(rng.int(5, 600)), tz);
            line.push_str("\" startDate=\"");
            apple_date(&mut line, at, tz);
            line.push_str("\" endDate=\"");
            apple_date(&mut line, until, tz);
            if *lasts == 0 {
                // A heart rate of the watch says whether the wearer was still or moving.
                let _ = writeln!(
                    line,
                    "\" value=\"{value:.0}\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"{}\"/>\n </Record>",
                    rng.int(0, 2)
                );
            } else if *unit == "count" {
                let _ = writeln!(line, "\" value=\"{value:.0}\"/>");
            } else {
                let _ = writeln!(line, "\" value=\"{value:.3}\"/>");
            }
            out.write_all(line.as_bytes())?;
        }
    }
    // Workouts follow the records; the newer form (statistics) from the middle of the history.
    let newer_from = from + Duration::seconds((span / 2.0) as i64);
    let (mut lifts, mut cardio) = (0, 0);
    for event in &events {
        line.clear();
        let (apple_type, start, seconds, km, hr, distance_kind) = match event {
            Event::Lift(l) => {
                lifts += 1;
                let apple_type = if rng.chance(0.25) {
                    "FunctionalStrengthTraining"
                } else {
                    "TraditionalStrengthTraining"
                };
                let avg = rng.int(98, 125);
                (
                    apple_type,
                    l.start,
                    l.minutes * 60,
                    0.0,
                    (avg, avg + rng.int(22, 40)),
                    "",
                )
            }
            Event::Cardio(c) => {
                cardio += 1;
                let (apple_type, kind) = match c.garmin_type {
                    "Running" => ("Running", "DistanceWalkingRunning"),
                    "Walking" => ("Walking", "DistanceWalkingRunning"),
                    "Cycling" | "Virtual Cycling" => ("Cycling", "DistanceCycling"),
                    "Pool Swim" => ("Swimming", "DistanceSwimming"),
                    _ => ("Yoga", ""),
                };
                (
                    apple_type,
                    c.start,
                    c.seconds,
                    c.km,
                    (c.avg_hr, c.max_hr),
                    kind,
                )
            }
        };
        let until = start + Duration::seconds(seconds);
        // The time recorded leaves out a pause now and then.
        let paused = if rng.chance(0.2) {
            rng.int(30, 240).min(seconds / 4)
        } else {
            0
        };
        let minutes = (seconds - paused) as f64 / 60.0;
        let energy = minutes * rng_between(&mut rng, 5.0, 11.0);
        let newer = start >= newer_from;
        let _ = write!(
            line,
            " <Workout workoutActivityType=\"HKWorkoutActivityType{apple_type}\" duration=\"{minutes:.4}\" durationUnit=\"min\""
        );
        if !newer {
            if km > 0.0 {
                let _ = write!(line, " totalDistance=\"{km:.4}\" totalDistanceUnit=\"km\"");
            }
            let _ = write!(
                line,
                " totalEnergyBurned=\"{energy:.3}\" totalEnergyBurnedUnit=\"Cal\""
            );
        }
        let _ = write!(line, " {WATCH} creationDate=\"");
        apple_date(&mut line, until + Duration::seconds(rng.int(1, 30)), tz);
        line.push_str("\" startDate=\"");
        apple_date(&mut line, start, tz);
        line.push_str("\" endDate=\"");
        apple_date(&mut line, until, tz);
        let indoor =
            matches!(event, Event::Lift(_)) || apple_type == "Swimming" || apple_type == "Yoga";
        let _ = writeln!(
            line,
            "\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"{}\"/>",
            u8::from(indoor)
        );
        if paused > 0 {
            let pause = start + Duration::seconds(seconds / 2);
            line.push_str("  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"");
            apple_date(&mut line, pause, tz);
            line.push_str("\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"");
            apple_date(&mut line, pause + Duration::seconds(paused), tz);
            line.push_str("\"/>\n");
        }
        if newer {
            let statistic = |line: &mut String, kind: &str, values: String| {
                let _ = write!(
                    line,
                    "  <WorkoutStatistics type=\"HKQuantityTypeIdentifier{kind}\" startDate=\""
                );
                apple_date(line, start, tz);
                line.push_str("\" endDate=\"");
                apple_date(line, until, tz);
                let _ = writeln!(line, "\" {values}/>");
            };
            statistic(
                &mut line,
                "ActiveEnergyBurned",
                format!("sum=\"{energy:.3}\" unit=\"Cal\""),
            );
            if km > 0.0 && !distance_kind.is_empty() {
                statistic(
                    &mut line,
                    distance_kind,
                    format!("sum=\"{km:.4}\" unit=\"km\""),
                );
            }
            let (avg, max) = hr;
            statistic(
                &mut line,
                "HeartRate",
                format!(
                    "average=\"{:.3}\" minimum=\"{}\" maximum=\"{max}\" unit=\"count/min\"",
                    avg as f64 + rng.unit(),
                    avg - 30
                ),
            );
        }
        if !indoor && km > 0.0 {
            let _ = write!(line, "  <WorkoutRoute {WATCH} creationDate=\"");
            apple_date(&mut line, until, tz);
            line.push_str("\" startDate=\"");
            apple_date(&mut line, start, tz);
            line.push_str("\" endDate=\"");
            apple_date(&mut line, until, tz);
            let _ = writeln!(
                line,
                "\">\n   <FileReference path=\"/workout-routes/route_{}.gpx\"/>\n  </WorkoutRoute>",
                start.format("%Y-%m-%d_%-I.%M%P")
            );
        }
        line.push_str(" </Workout>\n");
        out.write_all(line.as_bytes())?;
    }
    for d in 0..days {
        let date = first + Duration::days(d);
        line.clear();
        let _ = writeln!(
            line,
            " <ActivitySummary dateComponents=\"{date}\" activeEnergyBurned=\"{:.3}\" activeEnergyBurnedGoal=\"600\" activeEnergyBurnedUnit=\"Cal\" appleMoveTime=\"0\" appleMoveTimeGoal=\"0\" appleExerciseTime=\"{}\" appleExerciseTimeGoal=\"30\" appleStandHours=\"{}\" appleStandHoursGoal=\"12\"/>",
            rng_between(&mut rng, 250.0, 1100.0),
            rng.int(5, 120),
            rng.int(6, 16)
        );
        out.write_all(line.as_bytes())?;
    }
    out.write_all(b"</HealthData>\n")?;
    Ok(format!(
        "AppleHealth, {years} years to {end}, {records} records, {lifts} strength workouts, {cardio} cardio workouts"
    ))
}

fn rng_between(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + rng.unit() * (hi - lo)
}

/// The end of the generated history unless `--end` says otherwise.
pub fn default_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 28).expect("a date")
}

/// A cardio session as Strava's GPX of it: a point every 5 s along a line, with the heart rate
/// wandering around the session's average (times in UTC).
fn write_gpx(
    c: &Cardio,
    tz: chrono_tz::Tz,
    rng: &mut Rng,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let start = tz
        .from_local_datetime(&c.start)
        .earliest()
        .map_or(c.start, |t| t.with_timezone(&Utc).naive_utc());
    let kind = match c.strava_type {
        "Run" => "running",
        "Ride" => "cycling",
        "Swim" => "swimming",
        _ => "workout",
    };
    writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata>
  <time>{}</time>
 </metadata>
 <trk>
  <name>{}</name>
  <type>{kind}</type>
  <trkseg>"#,
        start.format("%Y-%m-%dT%H:%M:%SZ"),
        c.name
    )?;
    let points = (c.seconds / 5).max(1);
    let degrees = c.km / 111.0;
    for i in 0..=points {
        let at = start + Duration::seconds(i * 5);
        let along = degrees * i as f64 / points as f64;
        let hr = c.avg_hr + rng.int(-6, 6);
        writeln!(
            out,
            r#"   <trkpt lat="{:.7}" lon="{:.7}">
    <time>{}</time>
    <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>
   </trkpt>"#,
            52.5 + along,
            13.4,
            at.format("%Y-%m-%dT%H:%M:%SZ")
        )?;
    }
    writeln!(out, "  </trkseg>\n </trk>\n</gpx>")
}

/// `--files N`: the athlete's first N activities (of the kinds the format holds), one file each,
/// into `folder`; returns how many were written.
fn write_files(args: &Args, count: u64, folder: &std::path::Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(folder)?;
    let years = ((args.rows as f64 / SETS_PER_YEAR).round() as u32).clamp(1, 40);
    let events = Athlete::new(args.seed, args.rows, years, args.end).simulate();
    let mut rng = Rng(args.seed.wrapping_mul(31).wrapping_add(7));
    let mut id: u64 = 1_000_000_000;
    let mut written = 0;
    for event in &events {
        if written == count {
            break;
        }
        if args.format == Format::Gpx && !matches!(event, Event::Cardio(_)) {
            continue;
        }
        id += rng.int(1_000, 90_000) as u64;
        let extension = if args.format == Format::Gpx {
            "gpx"
        } else {
            "csv"
        };
        let mut bytes = Vec::new();
        match (args.format, event) {
            (Format::Gpx, Event::Cardio(c)) => write_gpx(c, args.tz, &mut rng, &mut bytes)?,
            _ => write_generic(std::slice::from_ref(event), &mut bytes)?,
        }
        let name = if args.gz {
            let mut packed =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            packed.write_all(&bytes)?;
            bytes = packed.finish()?;
            format!("{id}.{extension}.gz")
        } else {
            format!("{id}.{extension}")
        };
        std::fs::write(folder.join(name), bytes)?;
        written += 1;
    }
    Ok(written)
}

#[allow(dead_code)] // unused where the benches include this file as a module
fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Some(count) = args.files {
        match write_files(&args, count, &args.out) {
            Ok(written) => eprintln!("{}: {written} files", args.out.display()),
            Err(e) => {
                eprintln!("{}: {e}", args.out.display());
                std::process::exit(1);
            }
        }
        return;
    }
    let file = match std::fs::File::create(&args.out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}: {e}", args.out.display());
            std::process::exit(2);
        }
    };
    let mut out = BufWriter::with_capacity(1 << 16, file);
    let written = generate(
        args.format,
        args.rows,
        args.years,
        args.seed,
        args.end,
        args.tz,
        &mut out,
    )
    .and_then(|summary| out.flush().map(|()| summary));
    match written {
        Ok(summary) => eprintln!("{}: {summary}", args.out.display()),
        Err(e) => {
            eprintln!("{}: {e}", args.out.display());
            std::process::exit(1);
        }
    }
}
