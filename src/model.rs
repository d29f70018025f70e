//! The vocabulary of GUIDANCE.md as types: what a session is, what kind of work it was, how hard,
//! and the goals and verdicts the rules speak in.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::Serialize;

/// The kind of work a session was. `Other` (yoga, mobility, ...) is shown but never takes part
/// in an order rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Strength,
    Cardio,
    Other,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Strength => "strength",
            Modality::Cardio => "cardio",
            Modality::Other => "other",
        }
    }

    /// Reads the modality a log states explicitly; `None` for an unknown word.
    pub fn parse(s: &str) -> Option<Modality> {
        match s.trim().to_ascii_lowercase().as_str() {
            "strength" | "lifting" | "weights" | "resistance" => Some(Modality::Strength),
            "cardio" | "endurance" | "aerobic" | "conditioning" => Some(Modality::Cardio),
            "other" | "mobility" | "flexibility" => Some(Modality::Other),
            _ => None,
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Intensity {
    Easy,
    Moderate,
    Hard,
    Unknown,
}

impl Intensity {
    pub fn as_str(self) -> &'static str {
        match self {
            Intensity::Easy => "easy",
            Intensity::Moderate => "moderate",
            Intensity::Hard => "hard",
            Intensity::Unknown => "unknown",
        }
    }

    /// The rules treat an unknown intensity as moderate (GUIDANCE.md, intensity step 4).
    pub fn is_hard(self) -> bool {
        self == Intensity::Hard
    }
}

impl fmt::Display for Intensity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What decided a session's intensity, so that a report can say when it assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntensityBasis {
    Rpe,
    HeartRate,
    Words,
    Assumed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Goal {
    Strength,
    Hypertrophy,
    FatLoss,
    Endurance,
    General,
    Hybrid,
}

impl Goal {
    pub const ALL: [Goal; 6] = [
        Goal::Strength,
        Goal::Hypertrophy,
        Goal::FatLoss,
        Goal::Endurance,
        Goal::General,
        Goal::Hybrid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Goal::Strength => "strength",
            Goal::Hypertrophy => "hypertrophy",
            Goal::FatLoss => "fat-loss",
            Goal::Endurance => "endurance",
            Goal::General => "general",
            Goal::Hybrid => "hybrid",
        }
    }

    /// Accepts the CLI values and aliases of GUIDANCE.md's goal table.
    pub fn parse(s: &str) -> Option<Goal> {
        match s.trim().to_ascii_lowercase().as_str() {
            "strength" => Some(Goal::Strength),
            "hypertrophy" | "muscle" => Some(Goal::Hypertrophy),
            "fat-loss" | "fatloss" | "fat_loss" => Some(Goal::FatLoss),
            "endurance" => Some(Goal::Endurance),
            "general" | "health" => Some(Goal::General),
            "hybrid" => Some(Goal::Hybrid),
            _ => None,
        }
    }

    /// The one-line guidance of GUIDANCE.md's goal table.
    pub fn guidance(self) -> &'static str {
        match self {
            Goal::Strength | Goal::Hypertrophy => "weights first",
            Goal::FatLoss => {
                "weights first: it protects the muscle you keep in a deficit; the diet removes the fat"
            }
            Goal::Endurance => "cardio first, or on another day",
            Goal::General => "either order; do both every week",
            Goal::Hybrid => "cardio after lifting is race practice; keep it under control",
        }
    }

    pub fn priority(self) -> &'static str {
        match self {
            Goal::Strength | Goal::Hypertrophy | Goal::FatLoss => "lifting",
            Goal::Endurance => "cardio",
            Goal::General => "both",
            Goal::Hybrid => "both, racing under fatigue (Hyrox, obstacle races)",
        }
    }
}

impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Aligned,
    Caution,
    Conflict,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Aligned => "aligned",
            Verdict::Caution => "caution",
            Verdict::Conflict => "conflict",
        }
    }

    /// A pair's share of the score (GUIDANCE.md, Score).
    pub fn points(self) -> f64 {
        match self {
            Verdict::Aligned => 1.0,
            Verdict::Caution => 0.5,
            Verdict::Conflict => 0.0,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a record came from, carried all the way to the report so every line can be traced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The format's short name (`generic`, `strong`, ...).
    pub format: &'static str,
    /// The path as the user gave it.
    pub file: Arc<str>,
    /// 1-based line of the record (of its first row, for workouts spread over several rows).
    pub line: u64,
}

/// A point in time as a log states it. Conversion into the user's zone happens in the timeline,
/// because only there are the zone and the day start known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamp {
    /// A wall-clock time without offset: local to the file's zone.
    Local(NaiveDateTime),
    /// An instant: the log gave an offset or UTC.
    Instant(DateTime<FixedOffset>),
    /// Only a date: the source has no time of day.
    Date(NaiveDate),
}

/// One set of an exercise in a per-set log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Set {
    /// A warm-up set: not a working set, so it does not count toward a leg day.
    pub warmup: bool,
    pub weight: Option<f64>,
    pub reps: Option<f64>,
    pub rpe: Option<f64>,
    pub seconds: Option<f64>,
    pub distance_km: Option<f64>,
}

/// An exercise inside a logged workout, in logged order.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    pub name: String,
    pub sets: Vec<Set>,
    pub line: u64,
}

/// A workout as the import stage reads it from a file, before classification. A workout with
/// exercises may mix strength and cardio; classification splits it into sessions.
#[derive(Clone, Debug, PartialEq)]
pub struct Workout {
    pub origin: Origin,
    pub start: Stamp,
    pub end: Option<Stamp>,
    pub minutes: Option<f64>,
    /// The activity type as the app names it (`Run`, `Strength Training`, ...).
    pub activity: String,
    pub title: String,
    /// A modality the log states explicitly; it wins over classification by words.
    pub modality: Option<Modality>,
    pub rpe: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub distance_km: Option<f64>,
    pub notes: String,
    pub exercises: Vec<Exercise>,
}

impl Workout {
    pub fn new(origin: Origin, start: Stamp) -> Workout {
        Workout {
            origin,
            start,
            end: None,
            minutes: None,
            activity: String::new(),
            title: String::new(),
            modality: None,
            rpe: None,
            avg_hr: None,
            max_hr: None,
            distance_km: None,
            notes: String::new(),
            exercises: Vec::new(),
        }
    }
}

/// One contiguous block of one modality (GUIDANCE.md, "session"), not yet placed in time.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub origin: Origin,
    pub start: Stamp,
    /// Minutes after the workout's start at which this segment begins (0 for whole workouts).
    pub offset_minutes: f64,
    pub minutes: f64,
    /// True when `minutes` (and so the end) was estimated rather than read from the log.
    pub estimated: bool,
    pub modality: Modality,
    pub intensity: Intensity,
    pub intensity_basis: IntensityBasis,
    pub leg_day: bool,
    pub title: String,
    pub activity: String,
    pub distance_km: Option<f64>,
    pub rpe: Option<f64>,
    pub avg_hr: Option<f64>,
}

/// A row or record that could not be used, or an assumption the report must mention.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Warning {
    pub file: Option<String>,
    pub line: Option<u64>,
    pub message: String,
}

impl Warning {
    pub fn at(origin: &Origin, message: impl Into<String>) -> Warning {
        Warning {
            file: Some(origin.file.to_string()),
            line: Some(origin.line),
            message: message.into(),
        }
    }

    pub fn general(message: impl Into<String>) -> Warning {
        Warning {
            file: None,
            line: None,
            message: message.into(),
        }
    }
}
