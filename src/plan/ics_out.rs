//! A proposed week as an iCalendar file (RFC 5545), written with the `icalendar` crate, to
//! import into a calendar app: one event per session, in UTC times (`Z`), so that no VTIMEZONE
//! block is needed and every app places them alike; a session planned without a time is an
//! all-day event. Each UID is made of the week and the session's place in it, so that importing
//! the file again replaces the events instead of doubling them.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use super::search::Suggestion;
use super::show::move_text;
use crate::model::{Intensity, Modality, Session, Stamp};
use crate::report::week_name;
use crate::settings::Settings;

/// The UID of the `k`th session (from 0) of the week starting `monday`.
pub fn uid(monday: chrono::NaiveDate, k: usize) -> String {
    format!("{monday}-{}@concur.plan", k + 1)
}

/// The event's summary: the title and the kind of session (`Upper body (strength)`,
/// `Legs (strength, leg day)`, `Long run (cardio, hard)`), so that the calendar says what the
/// proposal assumed, and the classifier reads the kind back from the words.
pub fn summary(session: &Session) -> String {
    let title = session.title.trim();
    let mut kind = session.modality.to_string();
    if session.modality == Modality::Cardio && session.intensity != Intensity::Unknown {
        kind.push_str(", ");
        kind.push_str(session.intensity.as_str());
    }
    if session.leg_day {
        kind.push_str(", leg day");
    }
    if title.is_empty() {
        kind
    } else if kind.eq_ignore_ascii_case(title) {
        // `Strength`, not `Strength (strength)`.
        title.to_string()
    } else {
        format!("{title} ({kind})")
    }
}

/// What a calendar of proposed weeks holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Every session of the week (`concur plan`: the yoga learned from the habits too).
    Everything,
    /// Strength and cardio only (`check --suggest`: a checked calendar's other events, a
    /// dentist or an office day, are the person's own and stay where they are).
    Training,
}

/// The proposed weeks as iCalendar text; `stamp` is the DTSTAMP of every event (when the file
/// was made).
pub fn calendar(
    weeks: &[Suggestion],
    holds: Holds,
    settings: &Settings,
    stamp: DateTime<Utc>,
) -> String {
    // `Calendar::new()` names the crate as the product; the file is concur's.
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//concur//concur plan//EN"))
        .append_property(("CALSCALE", "GREGORIAN"));
    let names: Vec<String> = weeks
        .iter()
        .map(|s| week_name(chrono::Datelike::iso_week(&s.week.monday)))
        .collect();
    cal.name(&format!("concur: proposed week {}", names.join(", ")));
    for s in weeks {
        push_week(&mut cal, s, holds, settings, stamp);
    }
    cal.done().to_string()
}

/// The events of one proposed week.
fn push_week(
    cal: &mut Calendar,
    s: &Suggestion,
    holds: Holds,
    settings: &Settings,
    stamp: DateTime<Utc>,
) {
    let week = &s.week;
    for (k, p) in week.sessions.iter().enumerate() {
        let session = &p.session;
        if holds == Holds::Training && session.modality == Modality::Other {
            continue;
        }
        let mut description = format!(
            "Planned by concur for {} min, from {}.",
            session.minutes.round(),
            p.basis
        );
        for m in s
            .moves
            .iter()
            .filter(|m| m.shifts.iter().any(|sh| sh.session == k))
        {
            description.push(' ');
            description.push_str(&move_text(m, &s.input, settings));
        }
        let mut event = Event::new();
        event
            .uid(&uid(week.monday, k))
            .timestamp(stamp)
            .summary(&summary(session))
            .description(&description)
            .add_property("CATEGORIES", session.modality.as_str().to_ascii_uppercase());
        match session.start {
            Stamp::Instant(t) => {
                let start = t.with_timezone(&Utc);
                let end = start + Duration::seconds((session.minutes * 60.0).round() as i64);
                event.starts(start).ends(end);
            }
            Stamp::Local(t) => {
                let start = super::instant(t, settings).with_timezone(&Utc);
                let end = start + Duration::seconds((session.minutes * 60.0).round() as i64);
                event.starts(start).ends(end);
            }
            Stamp::Date(d) => {
                event.all_day(d);
            }
        }
        cal.push(event.done());
    }
}
