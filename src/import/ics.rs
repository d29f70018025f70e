//! iCalendar files (`.ics`, RFC 5545): a planned week as a calendar app exports it (Google
//! Calendar, Apple Calendar) or as a training tool publishes it as a feed (TrainingPeaks,
//! intervals.icu, Final Surge). Each event with a start becomes a planned session.
//!
//! ```text
//! BEGIN:VCALENDAR
//! BEGIN:VEVENT
//! DTSTART;TZID=Europe/Berlin:20240304T070000
//! DTEND;TZID=Europe/Berlin:20240304T074500
//! RRULE:FREQ=WEEKLY;BYDAY=MO
//! SUMMARY:Run: Tempo 45'
//! DESCRIPTION:3 x 10 min at threshold
//! END:VEVENT
//! END:VCALENDAR
//! ```
//!
//! The `icalendar` crate parses the components and properties (after the lines are unfolded
//! here, so that every event keeps the line of its `BEGIN:VEVENT`); the `rrule` crate expands
//! repeats. What an event gives:
//!
//! - `SUMMARY` is the title and `DESCRIPTION` the notes: classification reads the kind and the
//!   intensity from their words. A `CATEGORIES` value that names a kind of training ("Run",
//!   "Strength") is the activity, else the type TrainingPeaks' feed writes on the description's
//!   first line (`Workout type: Run`).
//! - `DTSTART` with `VALUE=DATE` (an all-day event) is a date without a time of day, judged as
//!   date-only sessions are; their length is the `Planned Time: 1:30` TrainingPeaks' feed
//!   writes in the description, where it does. A time with `Z` is UTC; one with `TZID` is in that zone, by its
//!   IANA name (a Windows name as Outlook writes it is mapped, and a `VTIMEZONE` whose
//!   `X-LIC-LOCATION` names an IANA zone lends it); a time with neither is wall-clock time, in
//!   the calendar's `X-WR-TIMEZONE` where it names one.
//! - The end is `DTEND`, or `DTSTART` plus `DURATION`.
//! - `RRULE` repeats the event (and `RDATE` adds dates); `EXDATE` removes occurrences; an event
//!   with the same `UID` and a `RECURRENCE-ID` replaces the occurrence it names. A repeat with
//!   neither `COUNT` nor `UNTIL` is expanded up to the date the run gives
//!   ([`CalendarRead::repeats_until`]). The first occurrence is `DTSTART`.
//! - `STATUS:CANCELLED` events are left out, and so, where the run names categories
//!   ([`CalendarRead::categories`]), are events with none of them.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property};

use super::{Detection, Head, Importer, Input, Sink};
use crate::error::{Error, Result};
use crate::model::{Origin, Stamp, Warning, WarningKind, Workout};

/// Occurrences of one repeating event read at most: a plan of years of daily events is not a
/// week to check, and a rule like `FREQ=SECONDLY` must not fill memory.
const MAX_OCCURRENCES: u16 = 2000;

pub struct Ics;

impl Importer for Ics {
    fn name(&self) -> &'static str {
        "ics"
    }

    fn record(&self) -> &'static str {
        "event"
    }

    fn describe(&self) -> &'static str {
        "an iCalendar file (.ics)"
    }

    fn file_kind(&self) -> Option<&'static str> {
        Some("iCalendar")
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["ics"]
    }

    fn detect(&self, head: &Head) -> Detection {
        let start = head.text.trim_start_matches('\u{feff}').trim_start();
        let begins = start
            .get(..15)
            .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"));
        if begins {
            Detection::Match(50)
        } else {
            Detection::No
        }
    }

    fn read(&self, mut input: Input, sink: &mut Sink) -> Result<()> {
        let mut text = String::new();
        input
            .reader
            .read_to_string(&mut text)
            .map_err(|source| Error::Io {
                path: input.path.clone(),
                source,
            })?;
        read_text(&text, &input.file, sink)
    }
}

/// What a run asks of the calendars it reads.
#[derive(Clone, Debug, Default)]
pub struct CalendarRead {
    /// Repeats without an end are expanded up to this day (inclusive); `None`: up to today.
    pub repeats_until: Option<NaiveDate>,
    /// Repeats without an end are expanded from this day on (inclusive); `None`: from their
    /// `DTSTART`. A daily stand-up set up years ago would otherwise spend its occurrences on
    /// the years gone by and never reach the weeks asked for.
    pub repeats_from: Option<NaiveDate>,
    /// Only events with one of these categories (compared without regard to case); `None`:
    /// every event.
    pub categories: Option<Vec<String>>,
}

/// The text of a calendar, unfolded, each logical line with the line of the file it starts on.
struct Unfolded {
    text: String,
    /// The file's line (1-based) of each line of `text`.
    lines: Vec<u64>,
}

/// Joins folded lines (a line that starts with a space or a tab continues the one before it,
/// RFC 5545 3.1) and drops blank lines, keeping where each line started.
fn unfold(text: &str) -> Unfolded {
    let mut out = Unfolded {
        text: String::with_capacity(text.len()),
        lines: Vec::new(),
    };
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && !out.lines.is_empty()
        {
            out.text.push_str(rest);
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !out.lines.is_empty() {
            out.text.push('\n');
        }
        out.text.push_str(line);
        out.lines.push(index as u64 + 1);
    }
    out.text.push('\n');
    out
}

/// Checks the shape the parser needs (every line `NAME:VALUE`, every `BEGIN` closed by its
/// `END`), so that a damaged file is reported at its line, in words; and finds the line of each
/// `BEGIN:VEVENT`, in order.
fn check_lines(unfolded: &Unfolded, file: &str) -> Result<Vec<u64>> {
    let mut open: Vec<(String, u64)> = Vec::new();
    let mut events = Vec::new();
    let error = |line: u64, message: String| Error::parse(file, Some(line), None, message);
    for (text, &line) in unfolded.text.lines().zip(&unfolded.lines) {
        let name_end = text.find([':', ';']).unwrap_or(text.len());
        let name = &text[..name_end];
        let valid_name =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid_name || !text.contains(':') {
            let shown: String = text.chars().take(40).collect();
            return Err(error(
                line,
                format!(
                    "expected a calendar line NAME:VALUE (like SUMMARY:Easy run), found {shown:?}"
                ),
            ));
        }
        let value = || text[name_end + 1..].trim().to_ascii_uppercase();
        if name.eq_ignore_ascii_case("BEGIN") {
            if value() == "VEVENT" {
                events.push(line);
            }
            open.push((value(), line));
        } else if name.eq_ignore_ascii_case("END") {
            match open.pop() {
                Some((begun, _)) if begun == value() => {}
                Some((begun, at)) => {
                    return Err(error(
                        line,
                        format!(
                            "END:{} closes BEGIN:{begun} of line {at}; expected END:{begun}",
                            value()
                        ),
                    ));
                }
                None => {
                    return Err(error(
                        line,
                        format!("END:{} without a BEGIN:{} before it", value(), value()),
                    ));
                }
            }
        } else if open.is_empty() {
            return Err(error(
                line,
                format!("{name} outside BEGIN:VCALENDAR ... END:VCALENDAR"),
            ));
        }
    }
    if let Some((begun, at)) = open.pop() {
        return Err(error(
            at,
            format!("BEGIN:{begun} is never closed: expected END:{begun} (the file is cut short?)"),
        ));
    }
    Ok(events)
}

/// A time as an event gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum When {
    /// An all-day event's date.
    Date(NaiveDate),
    /// A wall-clock time without a zone.
    Floating(NaiveDateTime),
    /// A time in a zone (UTC for a time written with `Z`).
    Zoned(DateTime<Tz>),
}

impl When {
    /// What makes two times the same occurrence (for `EXDATE` and `RECURRENCE-ID`): the instant
    /// of a zoned time, the wall-clock time of the others.
    fn key(self) -> NaiveDateTime {
        match self {
            When::Date(d) => d.and_time(NaiveTime::MIN),
            When::Floating(t) => t,
            When::Zoned(t) => t.naive_utc(),
        }
    }

    fn stamp(self) -> Stamp {
        match self {
            When::Date(d) => Stamp::Date(d),
            When::Floating(t) => Stamp::Local(t),
            When::Zoned(t) => Stamp::Instant(t.fixed_offset()),
        }
    }

    /// The time this many minutes later; `None` past the calendar's end (a damaged `DTEND`).
    fn plus(self, minutes: i64) -> Option<When> {
        let d = Duration::try_minutes(minutes)?;
        match self {
            When::Date(date) => date.checked_add_signed(d).map(When::Date),
            When::Floating(t) => t.checked_add_signed(d).map(When::Floating),
            When::Zoned(t) => t.checked_add_signed(d).map(When::Zoned),
        }
    }

    /// The time as the `rrule` crate expands it: a zoned time in its zone; a date or a
    /// wall-clock time as if it were UTC (its wall clock never jumps).
    fn for_rrule(self) -> DateTime<rrule::Tz> {
        match self {
            When::Zoned(t) => t.with_timezone(&rrule::Tz::Tz(t.timezone())),
            other => rrule::Tz::UTC.from_utc_datetime(&other.key()),
        }
    }

    /// An occurrence the `rrule` crate found, as the same kind of time as the event's start.
    fn like(self, occurrence: DateTime<rrule::Tz>) -> When {
        match self {
            When::Date(_) => When::Date(occurrence.naive_utc().date()),
            When::Floating(_) => When::Floating(occurrence.naive_utc()),
            When::Zoned(t) => When::Zoned(occurrence.with_timezone(&t.timezone())),
        }
    }
}

/// The calendar's zones: what a `TZID` resolves to.
struct Zones {
    /// TZIDs of the calendar's `VTIMEZONE` blocks that are not IANA names, with the IANA zone
    /// their `X-LIC-LOCATION` names.
    lent: HashMap<String, Tz>,
    /// The calendar's own zone (`X-WR-TIMEZONE`, as Google and Apple write it), for wall-clock
    /// times.
    calendar: Option<Tz>,
    /// TZIDs of `VTIMEZONE` blocks that name no zone concur knows (Outlook's "Customized Time
    /// Zone", a display name), and which of them events used: their times are read as wall-clock
    /// times in the file's zone, and a warning says so.
    made_up: std::collections::HashSet<String>,
    used_made_up: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

/// Windows zone names, as Outlook and Exchange write them in `TZID`, and the IANA zone CLDR maps
/// each to for its main territory ("001"): unicode-org/cldr,
/// common/supplemental/windowsZones.xml.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("India Standard Time", "Asia/Calcutta"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
];

impl Zones {
    /// The zone a `TZID` names: an IANA name (also after a path some apps put before it,
    /// `/mozilla.org/20050126_1/Europe/Berlin`), a Windows name, or a `VTIMEZONE` of the
    /// calendar that names its IANA zone.
    fn resolve(&self, tzid: &str) -> Option<Tz> {
        let tzid = tzid.trim().trim_matches('"');
        if let Some(tz) = self.lent.get(tzid) {
            return Some(*tz);
        }
        let mut rest = tzid.trim_start_matches('/');
        loop {
            if let Ok(tz) = rest.parse::<Tz>() {
                return Some(tz);
            }
            match rest.split_once('/') {
                Some((_, after)) if after.contains('/') || after.parse::<Tz>().is_ok() => {
                    rest = after
                }
                _ => break,
            }
        }
        WINDOWS_ZONES
            .iter()
            .find(|(windows, _)| windows.eq_ignore_ascii_case(tzid))
            .and_then(|(_, iana)| iana.parse().ok())
    }
}

/// A property's parameter, by name in any case.
fn param<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(name))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str())
}

/// The first property of this name, in any case.
fn prop<'c, 'a>(component: &'c Component<'a>, name: &str) -> Option<&'c Property<'a>> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn props<'c, 'a>(
    component: &'c Component<'a>,
    name: &'c str,
) -> impl Iterator<Item = &'c Property<'a>> {
    component
        .properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

/// An event being read: where it is, to name it in messages.
struct At<'a> {
    file: &'a str,
    line: u64,
}

impl At<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        Error::parse(self.file, Some(self.line), None, message)
    }
}

const TIME_EXPECTED: &str =
    "a date like 20240304 or a date and time like 20240304T070000 (with Z for UTC, or a TZID)";

/// One value of a date or date-time property (`DTSTART`, an item of `EXDATE`), with the
/// property's `VALUE` and `TZID` parameters.
fn parse_when(value: &str, property: &Property, zones: &Zones, at: &At) -> Result<When> {
    let name = property.name.as_str().to_ascii_uppercase();
    let value = value.trim();
    let bad = || at.error(format!("{name} {value:?}: expected {TIME_EXPECTED}"));
    let date_only = param(property, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && !value.contains('T'));
    if date_only {
        let date = NaiveDate::parse_from_str(value.get(..8).ok_or_else(bad)?, "%Y%m%d")
            .map_err(|_| bad())?;
        return Ok(When::Date(date));
    }
    let (naive, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (value, false),
    };
    let naive = NaiveDateTime::parse_from_str(naive, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    if utc {
        return Ok(When::Zoned(
            Utc.from_utc_datetime(&naive).with_timezone(&Tz::UTC),
        ));
    }
    match param(property, "TZID") {
        Some(tzid) => {
            let key = tzid.trim().trim_matches('"');
            match zones.resolve(tzid) {
                Some(tz) => Ok(When::Zoned(in_zone(tz, naive))),
                None if zones.made_up.contains(key) => {
                    zones.used_made_up.borrow_mut().insert(key.to_string());
                    Ok(When::Floating(naive))
                }
                None => Err(at.error(format!(
                    "{name}: unknown time zone TZID={tzid:?}; expected an IANA name like Europe/Berlin (or a VTIMEZONE block with that TZID and an X-LIC-LOCATION naming one)"
                ))),
            }
        }
        None => match zones.calendar {
            Some(tz) => Ok(When::Zoned(in_zone(tz, naive))),
            None => Ok(When::Floating(naive)),
        },
    }
}

/// A wall-clock time in a zone: the earlier of a time that happens twice, and for a time that
/// does not happen (skipped by a change to summer time) the time an hour later, as RFC 5545
/// (3.3.5) reads it.
fn in_zone(tz: Tz, naive: NaiveDateTime) -> DateTime<Tz> {
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
        })
        .unwrap_or_else(|| tz.from_utc_datetime(&naive))
}

/// A `DURATION` (RFC 5545 3.3.6) in minutes: `PT45M`, `PT1H30M`, `P1D`, `P1W`, `-PT5M`.
fn parse_duration(value: &str) -> Option<i64> {
    let value = value.trim();
    let (sign, rest) = match value.as_bytes().first()? {
        b'-' => (-1, &value[1..]),
        b'+' => (1, &value[1..]),
        _ => (1, value),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut seconds: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            '0'..='9' => number.push(c),
            'T' if number.is_empty() && !in_time => in_time = true,
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let scale = match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                seconds = seconds.checked_add(n.checked_mul(scale)?)?;
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(sign * seconds / 60)
}

/// An event as read, before its repeats are expanded.
struct Event {
    line: u64,
    uid: Option<String>,
    start: When,
    /// Minutes from start to end, if the event says.
    minutes: Option<i64>,
    title: String,
    notes: String,
    categories: Vec<String>,
    cancelled: bool,
    /// The occurrence of a repeating event this one replaces.
    recurrence_id: Option<When>,
    repeat: Option<Repeat>,
}

/// How an event repeats.
struct Repeat {
    rule: Option<String>,
    extra: Vec<When>,
    except: Vec<When>,
}

fn text_of(component: &Component, name: &str) -> String {
    prop(component, name)
        .map(|p| p.val.as_str().trim().to_string())
        .unwrap_or_default()
}

/// Reads one `VEVENT`.
fn read_event(component: &Component, zones: &Zones, at: &At) -> Result<Event> {
    let dtstart = prop(component, "DTSTART")
        .ok_or_else(|| at.error("an event without DTSTART: expected a start date or time"))?;
    let start = parse_when(dtstart.val.as_str(), dtstart, zones, at)?;
    let minutes = match (prop(component, "DTEND"), prop(component, "DURATION")) {
        (Some(end), _) => {
            let end = parse_when(end.val.as_str(), end, zones, at)?;
            Some(minutes_between(start, end))
        }
        (None, Some(duration)) => Some(parse_duration(duration.val.as_str()).ok_or_else(|| {
            at.error(format!(
                "DURATION {:?}: expected a duration like PT45M, PT1H30M or P1D",
                duration.val.as_str()
            ))
        })?),
        (None, None) => None,
    };
    let notes = text_of(component, "DESCRIPTION");
    // An all-day event has no length of its own; TrainingPeaks' feed says the planned one.
    let minutes = match start {
        When::Date(_) => planned_time(&notes),
        _ => minutes,
    };
    let list = |name: &str| -> Result<Vec<When>> {
        let mut all = Vec::new();
        for property in props(component, name) {
            for value in property
                .val
                .as_str()
                .split(',')
                .filter(|v| !v.trim().is_empty())
            {
                all.push(parse_when(value, property, zones, at)?);
            }
        }
        Ok(all)
    };
    let rule = prop(component, "RRULE").map(|p| p.val.as_str().trim().to_string());
    let extra = list("RDATE")?;
    let repeat = (rule.is_some() || !extra.is_empty()).then(|| Repeat {
        rule,
        extra,
        except: Vec::new(),
    });
    let repeat = match repeat {
        Some(mut r) => {
            r.except = list("EXDATE")?;
            Some(r)
        }
        None => None,
    };
    let recurrence_id = match prop(component, "RECURRENCE-ID") {
        Some(p) => Some(parse_when(p.val.as_str(), p, zones, at)?),
        None => None,
    };
    let categories = props(component, "CATEGORIES")
        .flat_map(|p| split_list(p.val.as_str()))
        .collect();
    Ok(Event {
        line: at.line,
        uid: prop(component, "UID").map(|p| p.val.as_str().trim().to_string()),
        start,
        minutes,
        title: text_of(component, "SUMMARY"),
        notes,
        categories,
        cancelled: prop(component, "STATUS")
            .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED")),
        recurrence_id,
        repeat,
    })
}

/// The planned length a description states as TrainingPeaks' iCal feed writes it, on a line of
/// its own: `Planned Time: 1:30` (hours and minutes). Where the workout was done the feed adds
/// `Actual Time: 1:31` (real feed: anatgotfried/BurnRate_Helper,
/// tp-validator/data/workouts_FQ52PNFB5MWLS.json).
fn planned_time(description: &str) -> Option<i64> {
    description.lines().find_map(|line| {
        let (label, value) = line.split_once(':')?;
        if !label.trim().eq_ignore_ascii_case("planned time") {
            return None;
        }
        let (hours, minutes) = value.trim().split_once(':')?;
        let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.get(..2)?.parse().ok()?);
        (minutes < 60 && hours < 24).then_some(hours * 60 + minutes)
    })
}

/// The type TrainingPeaks' feed states on the first line of a description, `Workout type: Run`
/// (`Bike`, `Swim`, `Strength`, `Custom`, `Day Off`, ...; same source as [`planned_time`]).
fn workout_type(description: &str) -> Option<String> {
    let (label, value) = description.lines().next()?.split_once(':')?;
    let value = value.trim();
    (label.trim().eq_ignore_ascii_case("workout type") && !value.is_empty())
        .then(|| value.to_string())
}

/// The items of a list value (`CATEGORIES:Run,Key workout`), unescaped (`\,` is a comma in an
/// item).
fn split_list(value: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => items.last_mut().expect("an item").push(' '),
                Some(other) => items.last_mut().expect("an item").push(other),
                None => {}
            },
            ',' => items.push(String::new()),
            _ => items.last_mut().expect("an item").push(c),
        }
    }
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

fn minutes_between(start: When, end: When) -> i64 {
    match (start, end) {
        (When::Zoned(s), When::Zoned(e)) => (e - s).num_minutes(),
        (s, e) => (e.key() - s.key()).num_minutes(),
    }
}

/// The occurrences of a repeating event, in order: `DTSTART` first, then the rule's and the
/// `RDATE`s, without the `EXDATE`s; up to `until` (inclusive) where the rule gives no end.
fn occurrences(
    event: &Event,
    repeat: &Repeat,
    (from, until): (Option<NaiveDate>, NaiveDate),
    at: &At,
) -> Result<(Vec<When>, bool)> {
    let start = event.start;
    let mut found = vec![start];
    found.extend(repeat.extra.iter().copied());
    let mut cut = false;
    if let Some(rule) = &repeat.rule {
        let (rule, rule_until) = split_until(rule, start, at)?;
        let bad = |e: rrule::RRuleError| at.error(format!("RRULE {rule:?}: {e}"));
        let parsed: rrule::RRule<rrule::Unvalidated> = rule.parse().map_err(bad)?;
        if parsed.get_interval() == 0 {
            return Err(at.error(format!(
                "RRULE {rule:?}: INTERVAL=0; expected a whole number of 1 or more (INTERVAL=2 is every other week)"
            )));
        }
        let bounded = rule_until.is_some() || parsed.get_count().is_some();
        let dtstart = start.for_rrule();
        let valid = parsed.validate(dtstart).map_err(bad)?;
        // The last moment an occurrence may start, in the event's own kind of time.
        let last = match rule_until {
            Some(u) => u,
            None if bounded => NaiveDateTime::MAX,
            None => until.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a time")),
        };
        let mut set = rrule::RRuleSet::new(dtstart).rrule(valid);
        // The first moment an occurrence of an endless rule is wanted: only the weeks asked
        // for are expanded, and the cap counts within them.
        let first = from
            .filter(|_| !bounded)
            .map(|d| d.and_time(NaiveTime::MIN))
            .filter(|f| *f > wall_clock(start));
        if let Some(first) = first
            && let Some(after) = dtstart
                .timezone()
                .from_local_datetime(&(first - Duration::seconds(1)))
                .earliest()
        {
            set = set.after(after);
        }
        if last != NaiveDateTime::MAX {
            let before = dtstart
                .timezone()
                .from_local_datetime(&(last + Duration::seconds(1)))
                .earliest();
            if let Some(before) = before {
                set = set.before(before);
            }
        }
        let result = set.all(MAX_OCCURRENCES);
        cut = result.limited && result.dates.len() >= usize::from(MAX_OCCURRENCES);
        found.extend(
            result
                .dates
                .into_iter()
                .map(|d| start.like(d))
                .filter(|w| wall_clock(*w) <= last),
        );
        if let Some(first) = first {
            found.retain(|w| wall_clock(*w) >= first);
        }
    }
    found.sort_by_key(|w| w.key());
    found.dedup_by_key(|w| w.key());
    let except: Vec<NaiveDateTime> = repeat.except.iter().map(|w| w.key()).collect();
    found.retain(|w| !except.contains(&w.key()));
    Ok((found, cut))
}

/// A time as its wall clock reads, for comparing with the end of a rule.
fn wall_clock(when: When) -> NaiveDateTime {
    match when {
        When::Zoned(t) => t.naive_local(),
        other => other.key(),
    }
}

/// The rule without its `UNTIL`, and the `UNTIL` as a wall-clock time in the event's own kind
/// of time. (The `rrule` crate reads an `UNTIL` without `Z` in the machine's zone; here it is
/// read in the event's, and a date as the whole of that day.)
fn split_until(rule: &str, start: When, at: &At) -> Result<(String, Option<NaiveDateTime>)> {
    let mut kept = Vec::new();
    let mut until = None;
    for part in rule.split(';').filter(|p| !p.trim().is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            kept.push(part);
            continue;
        };
        if !key.trim().eq_ignore_ascii_case("UNTIL") {
            kept.push(part);
            continue;
        }
        let value = value.trim();
        let bad = || {
            at.error(format!(
                "RRULE UNTIL={value:?}: expected a date like 20240401 or a time like 20240401T215959Z"
            ))
        };
        let wall = if value.len() == 8 {
            NaiveDate::parse_from_str(value, "%Y%m%d")
                .map_err(|_| bad())?
                .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a time"))
        } else {
            let (naive, utc) = match value.strip_suffix(['Z', 'z']) {
                Some(v) => (v, true),
                None => (value, false),
            };
            let naive = NaiveDateTime::parse_from_str(naive, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
            match (utc, start) {
                (true, When::Zoned(s)) => Utc
                    .from_utc_datetime(&naive)
                    .with_timezone(&s.timezone())
                    .naive_local(),
                _ => naive,
            }
        };
        until = Some(wall);
    }
    Ok((kept.join(";"), until))
}

/// Reads a whole calendar.
pub fn read_text(text: &str, file: &Arc<str>, sink: &mut Sink) -> Result<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unfolded = unfold(text);
    let event_lines = check_lines(&unfolded, file)?;
    let calendar = icalendar::parser::read_calendar(&unfolded.text).map_err(|message| {
        let line = message
            .split("at line ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| unfolded.lines.get(n.saturating_sub(1)).copied());
        Error::parse(
            file.as_ref(),
            line,
            None,
            "not a calendar the iCalendar parser can read (RFC 5545); export it again from the calendar app",
        )
    })?;
    let calendar_zone = calendar
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case("X-WR-TIMEZONE"))
        .and_then(|p| p.val.as_str().trim().parse::<Tz>().ok());
    let mut zones = Zones {
        lent: HashMap::new(),
        calendar: calendar_zone,
        made_up: Default::default(),
        used_made_up: Default::default(),
    };
    let mut vevents: Vec<&Component> = Vec::new();
    collect(&calendar.components, &mut zones, &mut vevents);
    let until = sink
        .calendar
        .repeats_until
        .unwrap_or_else(|| Utc::now().date_naive());

    let mut events = Vec::with_capacity(vevents.len());
    for (index, component) in vevents.iter().enumerate() {
        let at = At {
            file,
            line: event_lines.get(index).copied().unwrap_or(0),
        };
        events.push(read_event(component, &zones, &at)?);
    }

    // An event with a RECURRENCE-ID replaces one occurrence of the repeating event of its UID.
    let mut replaced: HashMap<&str, Vec<NaiveDateTime>> = HashMap::new();
    for event in &events {
        if let (Some(uid), Some(id)) = (&event.uid, event.recurrence_id) {
            replaced.entry(uid.as_str()).or_default().push(id.key());
        }
    }

    let wanted = sink.calendar.categories.clone();
    let mut left_out = Tally::default();
    let mut all_day = 0usize;
    let mut read = 0usize;
    for event in &events {
        let at = At {
            file,
            line: event.line,
        };
        if event.cancelled {
            left_out.cancelled.push(event.line);
            continue;
        }
        if let Some(wanted) = &wanted
            && !event
                .categories
                .iter()
                .any(|c| wanted.iter().any(|w| w.trim().eq_ignore_ascii_case(c)))
        {
            left_out.other_categories.push(event.line);
            continue;
        }
        let starts = match (&event.repeat, event.recurrence_id) {
            (Some(repeat), None) => {
                let from = sink.calendar.repeats_from;
                let (mut starts, cut) = occurrences(event, repeat, (from, until), &at)?;
                if let Some(ids) = event.uid.as_deref().and_then(|u| replaced.get(u)) {
                    starts.retain(|w| !ids.contains(&w.key()));
                }
                if cut {
                    sink.warnings.push(Warning::at(
                        WarningKind::File,
                        &origin(file, event.line),
                        format!(
                            "the event repeats more than {MAX_OCCURRENCES} times; only the first {MAX_OCCURRENCES} were read"
                        ),
                    ));
                }
                starts
            }
            _ => vec![event.start],
        };
        for start in starts {
            let mut workout = Workout::new(origin(file, event.line), start.stamp());
            if matches!(start, When::Date(_)) {
                all_day += 1;
                workout.minutes = event.minutes.map(|m| m as f64);
            } else if let Some(minutes) = event.minutes {
                match start.plus(minutes) {
                    Some(end) => workout.end = Some(end.stamp()),
                    // Classification says what is wrong with such a length.
                    None => workout.minutes = Some(minutes as f64),
                }
            }
            workout.title = event.title.clone();
            workout.notes = event.notes.clone();
            workout.activity = event
                .categories
                .iter()
                .find(|c| crate::analysis::classify::modality_of(c).is_some())
                .cloned()
                .or_else(|| workout_type(&event.notes))
                .unwrap_or_default();
            sink.workouts.push(workout);
            read += 1;
        }
    }
    left_out.warn(file, wanted.as_deref(), &events, sink);
    for tzid in zones.used_made_up.borrow().iter() {
        sink.warnings.push(Warning::about(
            WarningKind::Assumption,
            file,
            format!(
                "TZID={tzid:?} is a time zone the calendar defines by its own rules (as Outlook writes a customised zone), not one concur knows by name: its events' times are read as wall-clock times in the file's zone (--tz, or --tz-of FILE=ZONE)"
            ),
        ));
    }
    if read > 0 {
        sink.warnings.push(Warning::about(
            WarningKind::Assumption,
            file,
            format!(
                "a calendar: {read} planned session{} read from its events; the kind and intensity of each come from the words of its title and description, its length from the event's start and end",
                if read == 1 { "" } else { "s" }
            ),
        ));
    }
    if all_day > 0 {
        sink.warnings.push(Warning::about(
            WarningKind::Assumption,
            file,
            format!(
                "{all_day} all-day event{} no time of day: judged as sessions with a date only (they count for their week, but the order and gap on their day are unknown)",
                if all_day == 1 { " has" } else { "s have" }
            ),
        ));
    }
    Ok(())
}

fn origin(file: &Arc<str>, line: u64) -> Origin {
    Origin {
        format: "ics",
        file: Arc::clone(file),
        line,
        column: 1,
    }
}

/// The `VEVENT`s of the calendar in order, and what its `VTIMEZONE`s lend to `TZID`s.
fn collect<'c, 'a>(
    components: &'c [Component<'a>],
    zones: &mut Zones,
    events: &mut Vec<&'c Component<'a>>,
) {
    for component in components {
        let name = component.name.as_str();
        if name.eq_ignore_ascii_case("VEVENT") {
            events.push(component);
        } else if name.eq_ignore_ascii_case("VTIMEZONE") {
            let tzid = prop(component, "TZID").map(|p| p.val.as_str().trim().to_string());
            let location = prop(component, "X-LIC-LOCATION")
                .and_then(|p| p.val.as_str().trim().parse::<Tz>().ok());
            match (tzid, location) {
                (Some(tzid), Some(tz)) => {
                    zones.lent.insert(tzid, tz);
                }
                (Some(tzid), None) => {
                    zones.made_up.insert(tzid.trim_matches('"').to_string());
                }
                _ => {}
            }
        }
        // Events nested deeper than the calendar (none in RFC 5545) still count in the order of
        // the `BEGIN:VEVENT` lines.
        collect(&component.components, zones, events);
    }
}

/// The events left out, by why.
#[derive(Default)]
struct Tally {
    cancelled: Vec<u64>,
    other_categories: Vec<u64>,
}

impl Tally {
    fn warn(&self, file: &str, wanted: Option<&[String]>, events: &[Event], sink: &mut Sink) {
        if !self.cancelled.is_empty() {
            sink.warnings.push(Warning::about(
                WarningKind::File,
                file,
                format!(
                    "{} left out: cancelled (STATUS:CANCELLED)",
                    event_lines(&self.cancelled)
                ),
            ));
        }
        if let Some(wanted) = wanted
            && !self.other_categories.is_empty()
        {
            let mut seen: Vec<&str> = Vec::new();
            for c in events.iter().flat_map(|e| &e.categories) {
                if !seen.iter().any(|s| s.eq_ignore_ascii_case(c)) {
                    seen.push(c);
                }
            }
            sink.warnings.push(Warning::about(
                WarningKind::File,
                file,
                format!(
                    "{} left out: none of their categories is {} (the calendar's categories: {})",
                    event_lines(&self.other_categories),
                    wanted.join(" or "),
                    if seen.is_empty() {
                        "none".to_string()
                    } else {
                        seen.join(", ")
                    }
                ),
            ));
        }
    }
}

/// `2 events (lines 14, 30)`, naming the first few lines.
fn event_lines(lines: &[u64]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(u64::to_string).collect();
    format!(
        "{} event{} (line{} {}{})",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        if lines.len() == 1 { "" } else { "s" },
        shown.join(", "),
        if lines.len() > SHOWN { ", ..." } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing;

    /// A calendar around these lines (CRLF, as the apps write them).
    fn calendar(lines: &[&str]) -> String {
        let mut all = vec![
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//concur tests//EN",
        ];
        all.extend_from_slice(lines);
        all.push("END:VCALENDAR");
        all.join("\r\n") + "\r\n"
    }

    fn read_until(text: &str, until: &str) -> Result<Sink> {
        let mut sink = Sink::new(false);
        sink.calendar.repeats_until = Some(until.parse().unwrap());
        read_text(text, &Arc::from("plan.ics"), &mut sink)?;
        Ok(sink)
    }

    fn read_error(text: &str, until: &str) -> String {
        match read_until(text, until) {
            Ok(sink) => panic!("read without an error: {:?}", starts(&sink)),
            Err(e) => e.to_string(),
        }
    }

    fn starts(sink: &Sink) -> Vec<String> {
        sink.workouts
            .iter()
            .map(|w| match w.start {
                Stamp::Instant(t) => t.to_rfc3339(),
                Stamp::Local(t) => t.to_string(),
                Stamp::Date(d) => d.to_string(),
            })
            .collect()
    }

    #[test]
    fn detected_by_its_first_line() {
        assert_eq!(
            Ics.detect(&testing::head("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")),
            Detection::Match(50)
        );
        assert_eq!(
            Ics.detect(&testing::head("\u{feff}\nbegin:vcalendar\n")),
            Detection::Match(50)
        );
        assert_eq!(
            Ics.detect(&testing::head("start,type\n2024-03-01,run\n")),
            Detection::No
        );
    }

    #[test]
    fn folded_lines_are_joined_and_keep_the_line_they_start_on() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250303T070000Z",
            "DTEND:20250303T080000Z",
            "SUMMARY:Lower",
            "  body",
            "DESCRIPTION:Squat 5x5\\, lunges",
            "\tand calf raises",
            "END:VEVENT",
        ]);
        let sink = read_until(&text, "2025-03-09").unwrap();
        let w = &sink.workouts[0];
        assert_eq!(w.title, "Lower body");
        assert_eq!(w.notes, "Squat 5x5, lungesand calf raises");
        assert_eq!(w.origin.line, 4);
        assert_eq!(w.origin.format, "ics");
        assert_eq!(
            w.end,
            Some(Stamp::Instant(
                DateTime::parse_from_rfc3339("2025-03-03T08:00:00Z").unwrap()
            ))
        );
    }

    #[test]
    fn times_in_utc_in_a_zone_floating_and_all_day() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART;TZID=Europe/Berlin:20250330T070000",
            "DURATION:PT45M",
            "SUMMARY:Run",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART:20250304T180000",
            "SUMMARY:Upper body",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20250305",
            "DTEND;VALUE=DATE:20250306",
            "SUMMARY:Long ride",
            "DESCRIPTION:Workout type: Bike\\nPlanned Time: 2:30\\n",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;TZID=\"W. Europe Standard Time\":20250306T190000",
            "SUMMARY:Squats",
            "END:VEVENT",
        ]);
        let sink = read_until(&text, "2025-04-30").unwrap();
        assert_eq!(
            starts(&sink),
            [
                // Summer time began that night in Berlin: +02:00.
                "2025-03-30T07:00:00+02:00",
                "2025-03-04 18:00:00",
                "2025-03-05",
                "2025-03-06T19:00:00+01:00",
            ]
        );
        assert_eq!(sink.workouts[2].minutes, Some(150.0));
        assert_eq!(sink.workouts[2].activity, "Bike");
        assert!(
            sink.warnings
                .iter()
                .any(|w| w.message.contains("1 all-day event has no time of day")),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn a_vtimezone_lends_its_iana_zone_and_an_unknown_zone_is_an_error_naming_the_line() {
        let lent = calendar(&[
            "BEGIN:VTIMEZONE",
            "TZID:Custom Berlin",
            "X-LIC-LOCATION:Europe/Berlin",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "DTSTART;TZID=Custom Berlin:20250303T070000",
            "SUMMARY:Run",
            "END:VEVENT",
        ]);
        assert_eq!(
            starts(&read_until(&lent, "2025-03-09").unwrap()),
            ["2025-03-03T07:00:00+01:00"]
        );
        let mozilla = lent.replace("Custom Berlin:", "/mozilla.org/20050126_1/Europe/Berlin:");
        assert_eq!(
            starts(&read_until(&mozilla, "2025-03-09").unwrap()),
            ["2025-03-03T07:00:00+01:00"]
        );
        // A zone the calendar defines by its own rules only (Outlook's customised zone): its
        // times are wall-clock times in the file's zone, with a warning.
        let made_up = lent.replace("X-LIC-LOCATION:Europe/Berlin", "X-OUTLOOK:1");
        let sink = read_until(&made_up, "2025-03-09").unwrap();
        assert_eq!(
            sink.workouts[0].start,
            Stamp::Local("2025-03-03T07:00:00".parse().unwrap())
        );
        assert!(
            sink.warnings.iter().any(|w| w
                .message
                .starts_with("TZID=\"Custom Berlin\" is a time zone the calendar defines")),
            "{:?}",
            sink.warnings
        );
        let unknown = lent.replace("Custom Berlin:", "Atlantis Standard Time:");
        let err = read_error(&unknown, "2025-03-09");
        assert!(
            err.starts_with(
                "plan.ics:8: DTSTART: unknown time zone TZID=\"Atlantis Standard Time\""
            ),
            "{err}"
        );
    }

    #[test]
    fn weekly_repeats_stop_at_the_run_s_day_and_honour_until_count_and_exdate() {
        let open = calendar(&[
            "BEGIN:VEVENT",
            "UID:run",
            "DTSTART;TZID=Europe/Berlin:20250303T070000",
            "DTEND;TZID=Europe/Berlin:20250303T074500",
            "RRULE:FREQ=WEEKLY;BYDAY=MO",
            "EXDATE;TZID=Europe/Berlin:20250310T070000,20250324T070000",
            "SUMMARY:Tempo run",
            "END:VEVENT",
        ]);
        assert_eq!(
            starts(&read_until(&open, "2025-03-31").unwrap()),
            [
                "2025-03-03T07:00:00+01:00",
                "2025-03-17T07:00:00+01:00",
                // Summer time from 30 March: the same wall-clock time.
                "2025-03-31T07:00:00+02:00",
            ]
        );
        let until = open.replace("BYDAY=MO", "BYDAY=MO;UNTIL=20250317T060000Z");
        assert_eq!(
            starts(&read_until(&until, "2025-12-31").unwrap()),
            ["2025-03-03T07:00:00+01:00", "2025-03-17T07:00:00+01:00"]
        );
        let count = open.replace("BYDAY=MO", "BYDAY=MO;COUNT=2");
        assert_eq!(
            starts(&read_until(&count, "2025-03-01").unwrap()),
            ["2025-03-03T07:00:00+01:00"],
            "a bounded repeat expands whole; the excluded date is one of its two"
        );
        let all_day = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20250304",
            "RRULE:FREQ=WEEKLY;UNTIL=20250318",
            "SUMMARY:Strength",
            "END:VEVENT",
        ]);
        assert_eq!(
            starts(&read_until(&all_day, "2025-12-31").unwrap()),
            ["2025-03-04", "2025-03-11", "2025-03-18"]
        );
    }

    #[test]
    fn wall_clock_times_are_in_the_calendar_s_zone_and_rdate_adds_dates() {
        let text = calendar(&[
            "X-WR-TIMEZONE:America/New_York",
            "BEGIN:VEVENT",
            "DTSTART:20250303T063000",
            "RDATE:20250305T063000,20250307T063000",
            "DURATION:PT40M",
            "SUMMARY:Easy run",
            "END:VEVENT",
        ]);
        assert_eq!(
            starts(&read_until(&text, "2025-03-03").unwrap()),
            [
                "2025-03-03T06:30:00-05:00",
                "2025-03-05T06:30:00-05:00",
                "2025-03-07T06:30:00-05:00"
            ]
        );
    }

    #[test]
    fn the_first_occurrence_is_dtstart_even_off_the_rule() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250302T090000Z",
            "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2",
            "SUMMARY:Run",
            "END:VEVENT",
        ]);
        assert_eq!(
            starts(&read_until(&text, "2025-12-31").unwrap()),
            [
                "2025-03-02T09:00:00+00:00",
                "2025-03-04T09:00:00+00:00",
                "2025-03-11T09:00:00+00:00"
            ]
        );
    }

    #[test]
    fn a_rule_repeating_every_zero_days_is_an_error_naming_its_line() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250303T070000Z",
            "RRULE:FREQ=DAILY;INTERVAL=0",
            "SUMMARY:Run",
            "END:VEVENT",
        ]);
        let err = read_error(&text, "2025-03-09");
        assert!(
            err.contains("INTERVAL=0; expected a whole number of 1 or more"),
            "{err}"
        );
    }

    #[test]
    fn a_recurrence_id_replaces_its_occurrence_and_cancelled_events_are_left_out() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "UID:lift",
            "DTSTART:20250303T170000Z",
            "DURATION:PT1H",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "SUMMARY:Lower body",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:lift",
            "RECURRENCE-ID:20250310T170000Z",
            "DTSTART:20250311T060000Z",
            "DURATION:PT1H",
            "SUMMARY:Lower body (moved)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:lift",
            "RECURRENCE-ID:20250317T170000Z",
            "DTSTART:20250317T170000Z",
            "STATUS:CANCELLED",
            "SUMMARY:Lower body",
            "END:VEVENT",
        ]);
        let sink = read_until(&text, "2025-12-31").unwrap();
        assert_eq!(
            starts(&sink),
            ["2025-03-03T17:00:00+00:00", "2025-03-11T06:00:00+00:00"]
        );
        assert_eq!(sink.workouts[1].title, "Lower body (moved)");
        assert!(
            sink.warnings
                .iter()
                .any(|w| w.message == "1 event (line 18) left out: cancelled (STATUS:CANCELLED)"),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn categories_pick_the_events_and_name_the_kind() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250303T070000Z",
            "CATEGORIES:Training,Run",
            "SUMMARY:Intervals",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART:20250303T120000Z",
            "CATEGORIES:Work",
            "SUMMARY:Team lunch",
            "END:VEVENT",
        ]);
        let every = read_until(&text, "2025-03-09").unwrap();
        assert_eq!(every.workouts.len(), 2);
        assert_eq!(every.workouts[0].activity, "Run");
        assert_eq!(every.workouts[1].activity, "");
        let mut sink = Sink::new(false);
        sink.calendar.categories = Some(vec!["training".into()]);
        read_text(&text, &Arc::from("plan.ics"), &mut sink).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        assert!(
            sink.warnings.iter().any(|w| w.message
                == "1 event (line 9) left out: none of their categories is training (the calendar's categories: Training, Run, Work)"),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn damaged_calendars_are_errors_naming_the_line() {
        let cut = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250303T070000Z\r\n";
        let err = read_error(cut, "2025-03-09");
        assert_eq!(
            err,
            "plan.ics:2: BEGIN:VEVENT is never closed: expected END:VEVENT (the file is cut short?)"
        );
        let crossed = calendar(&["BEGIN:VEVENT", "DTSTART:20250303T070000Z", "END:VTODO"]);
        let err = read_error(&crossed, "2025-03-09");
        assert!(
            err.starts_with("plan.ics:6: END:VTODO closes BEGIN:VEVENT of line 4"),
            "{err}"
        );
        let prose = calendar(&["BEGIN:VEVENT", "this is not a calendar line", "END:VEVENT"]);
        let err = read_error(&prose, "2025-03-09");
        assert!(
            err.starts_with("plan.ics:5: expected a calendar line NAME:VALUE"),
            "{err}"
        );
        let bad_time = calendar(&["BEGIN:VEVENT", "DTSTART:2025-03-03 07:00", "END:VEVENT"]);
        let err = read_error(&bad_time, "2025-03-09");
        assert!(
            err.starts_with(
                "plan.ics:4: DTSTART \"2025-03-03 07:00\": expected a date like 20240304"
            ),
            "{err}"
        );
        let no_start = calendar(&["BEGIN:VEVENT", "SUMMARY:Run", "END:VEVENT"]);
        let err = read_error(&no_start, "2025-03-09");
        assert!(
            err.starts_with("plan.ics:4: an event without DTSTART"),
            "{err}"
        );
        let bad_rule = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250303T070000Z",
            "RRULE:FREQ=FORTNIGHTLY",
            "END:VEVENT",
        ]);
        let err = read_error(&bad_rule, "2025-03-09");
        assert!(
            err.starts_with("plan.ics:4: RRULE \"FREQ=FORTNIGHTLY\""),
            "{err}"
        );
    }

    #[test]
    fn a_length_past_the_calendar_s_end_is_kept_for_classification_to_judge() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250303T070000Z",
            "DURATION:P99999999W",
            "SUMMARY:Run",
            "END:VEVENT",
        ]);
        let sink = read_until(&text, "2025-03-09").unwrap();
        assert_eq!(sink.workouts[0].end, None);
        assert_eq!(sink.workouts[0].minutes, Some(99_999_999.0 * 7.0 * 1440.0));
    }

    /// What `concur plan` writes with the same crate reads back: the round trip of a week.
    #[test]
    fn a_calendar_the_icalendar_crate_writes_reads_back() {
        use icalendar::{CalendarDateTime, Component as _, EventLike as _};
        let at = |h: u32, m: u32| {
            NaiveDate::from_ymd_opt(2025, 3, 4)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let zoned = |t| CalendarDateTime::WithTimezone {
            date_time: t,
            tzid: "Europe/Berlin".into(),
        };
        let mut calendar = icalendar::Calendar::new();
        calendar.push(
            icalendar::Event::new()
                .uid("lift@concur")
                .summary("Lower body")
                .description("Moved before the run: cardio first pre-fatigues the lift (W4). A long reason, so that the line is folded at 75 octets.")
                .starts(zoned(at(17, 30)))
                .ends(zoned(at(18, 40)))
                .done(),
        );
        calendar.push(
            icalendar::Event::new()
                .uid("ride@concur")
                .summary("Z2 ride 60 min")
                .starts(Utc.from_utc_datetime(&at(5, 0)))
                .ends(Utc.from_utc_datetime(&at(6, 0)))
                .done(),
        );
        calendar.push(
            icalendar::Event::new()
                .uid("long@concur")
                .summary("Long run")
                .all_day(NaiveDate::from_ymd_opt(2025, 3, 9).unwrap())
                .done(),
        );
        let sink = read_until(&calendar.done().to_string(), "2025-03-09").unwrap();
        assert_eq!(
            starts(&sink),
            [
                "2025-03-04T17:30:00+01:00",
                "2025-03-04T05:00:00+00:00",
                "2025-03-09"
            ]
        );
        assert!(sink.workouts[0].notes.ends_with("folded at 75 octets."));
        assert_eq!(
            sink.workouts[0].end,
            Some(Stamp::Instant(
                DateTime::parse_from_rfc3339("2025-03-04T18:40:00+01:00").unwrap()
            ))
        );
    }

    #[test]
    fn durations_read_as_rfc_5545_writes_them() {
        assert_eq!(parse_duration("PT45M"), Some(45));
        assert_eq!(parse_duration("PT1H30M"), Some(90));
        assert_eq!(parse_duration("P1D"), Some(1440));
        assert_eq!(parse_duration("P1W"), Some(10080));
        assert_eq!(parse_duration("-PT5M"), Some(-5));
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("45M"), None);
        assert_eq!(parse_duration("PT1H30"), None);
        assert_eq!(parse_duration("P99999999999999999W"), None);
    }

    #[test]
    fn a_repeat_without_end_that_never_stops_is_cut_with_a_warning() {
        let text = calendar(&[
            "BEGIN:VEVENT",
            "DTSTART:20250303T070000Z",
            "RRULE:FREQ=MINUTELY",
            "SUMMARY:Run",
            "END:VEVENT",
        ]);
        let sink = read_until(&text, "2025-12-31").unwrap();
        assert_eq!(sink.workouts.len(), usize::from(MAX_OCCURRENCES));
        assert!(
            sink.warnings
                .iter()
                .any(|w| w.message.contains("repeats more than 2000 times")),
            "{:?}",
            sink.warnings
        );
    }
}
