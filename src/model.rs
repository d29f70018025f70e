//! The vocabulary of the rules (docs/rules.md) as types: what a session is, what kind of work it
//! was, how hard, and the goals and verdicts the rules speak in.

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

    /// The rules treat an unknown intensity as moderate (docs/rules.md, "intensity").
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

impl IntensityBasis {
    /// How a report words it: "judged as moderate from heart rate".
    pub fn words(self) -> &'static str {
        match self {
            IntensityBasis::Rpe => "from RPE",
            IntensityBasis::HeartRate => "from heart rate",
            IntensityBasis::Words => "from its name",
            IntensityBasis::Assumed => "nothing logged, judged as moderate",
        }
    }
}

/// A training goal. Its names and aliases are defined here once, for the flags (with "did you
/// mean" for a misspelling), `concur.toml` and every report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Goal {
    Strength,
    #[value(alias = "muscle")]
    Hypertrophy,
    #[value(alias = "fatloss", alias = "fat_loss")]
    FatLoss,
    Endurance,
    #[value(alias = "health")]
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

    /// A goal by its name or an alias, in any case.
    pub fn parse(s: &str) -> Option<Goal> {
        <Goal as clap::ValueEnum>::from_str(s.trim(), true).ok()
    }

    /// The names and aliases, as a person reads them: `hypertrophy (muscle)`.
    pub fn names() -> String {
        Goal::ALL
            .iter()
            .map(|g| {
                let value = clap::ValueEnum::to_possible_value(g).expect("no goal is hidden");
                // `fat_loss` is a spelling of `fat-loss`, not another word for it.
                let spelling = |a: &str| a.replace(['-', '_'], "") == g.as_str().replace('-', "");
                let aliases: Vec<&str> = value
                    .get_name_and_aliases()
                    .skip(1)
                    .filter(|a| !spelling(a))
                    .collect();
                match aliases.as_slice() {
                    [] => g.as_str().to_string(),
                    _ => format!("{} ({})", g.as_str(), aliases.join(", ")),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The goal's one-line guidance (docs/rules.md, "Goals").
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

    /// A pair's share of the score (docs/rules.md, "Score").
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
    /// 1-based column (in bytes) where the record starts: 1 for a CSV row; for JSON, where its
    /// object opens. With the line it tells records apart, also on a one-line JSON file.
    pub column: u32,
}

impl Origin {
    /// `file:line`, or `file:line:column` for a record that does not start a line (JSON).
    pub fn place(&self) -> String {
        if self.column > 1 {
            format!("{}:{}:{}", self.file, self.line, self.column)
        } else {
            format!("{}:{}", self.file, self.line)
        }
    }
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

/// An exercise's sets, folded as they are read: what classification needs of them (how many,
/// how many were warm-ups, what they measured), not the sets themselves, so that memory grows
/// with workouts and exercises, not with set rows. Kept small (56 bytes): a long history has
/// hundreds of thousands of exercises.
#[derive(Clone, Debug)]
pub struct Sets {
    /// Sets logged.
    pub count: u32,
    /// Of these, warm-up sets.
    pub warmups: u32,
    /// Sets that logged an RPE, and their RPE added up.
    pub rpe_count: u32,
    pub rpe_sum: f64,
    /// Sets that logged a time.
    pub timed: u32,
    /// Sets whose RPE was outside 1 to 10, left out of `rpe_sum`.
    pub rpe_out_of_range: u32,
    /// Sets with a negative time or distance, left out of `seconds` and `distance_km`.
    pub negative: u32,
    // The measures below are NaN where no set logged one (values read from a file are always
    // finite): see the methods of the same names.
    weight: f64,
    reps: f64,
    seconds: f64,
    distance_km: f64,
}

impl Default for Sets {
    fn default() -> Sets {
        Sets {
            count: 0,
            warmups: 0,
            rpe_count: 0,
            rpe_sum: 0.0,
            timed: 0,
            rpe_out_of_range: 0,
            negative: 0,
            weight: f64::NAN,
            reps: f64::NAN,
            seconds: f64::NAN,
            distance_km: f64::NAN,
        }
    }
}

impl PartialEq for Sets {
    fn eq(&self, other: &Sets) -> bool {
        (self.count, self.warmups, self.rpe_count, self.timed)
            == (other.count, other.warmups, other.rpe_count, other.timed)
            && self.rpe_sum == other.rpe_sum
            && self.weight() == other.weight()
            && self.reps() == other.reps()
            && self.seconds() == other.seconds()
            && self.distance_km() == other.distance_km()
    }
}

/// A measure that may be missing, stored as NaN when it is.
fn measure(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

impl Sets {
    /// Folds one more set in.
    pub fn add(&mut self, set: &Set) {
        let plus = |total: f64, n: Option<f64>| match n {
            Some(n) if total.is_nan() => n,
            Some(n) => total + n,
            None => total,
        };
        self.count = self.count.saturating_add(1);
        self.warmups = self.warmups.saturating_add(u32::from(set.warmup));
        self.weight = match set.weight {
            Some(n) if self.weight.is_nan() => n,
            Some(n) => self.weight.max(n),
            None => self.weight,
        };
        self.reps = plus(self.reps, set.reps);
        match set.rpe {
            Some(rpe) if (1.0..=10.0).contains(&rpe) => {
                self.rpe_sum += rpe;
                self.rpe_count = self.rpe_count.saturating_add(1);
            }
            Some(_) => self.rpe_out_of_range = self.rpe_out_of_range.saturating_add(1),
            None => {}
        }
        // A negative time or distance is a logging mistake: adding it would take away from the
        // set's others.
        let (seconds, distance_km) = (
            set.seconds.filter(|s| *s >= 0.0),
            set.distance_km.filter(|d| *d >= 0.0),
        );
        if (seconds, distance_km) != (set.seconds, set.distance_km) {
            self.negative = self.negative.saturating_add(1);
        }
        self.timed = self.timed.saturating_add(u32::from(seconds.is_some()));
        self.seconds = plus(self.seconds, seconds);
        self.distance_km = plus(self.distance_km, distance_km);
    }

    /// The sets folded together.
    pub fn of<'a>(sets: impl IntoIterator<Item = &'a Set>) -> Sets {
        let mut out = Sets::default();
        for set in sets {
            out.add(set);
        }
        out
    }

    /// Sets that were not warm-ups.
    pub fn working(&self) -> u32 {
        self.count - self.warmups
    }

    /// The heaviest weight of a set, where any set logged one.
    pub fn weight(&self) -> Option<f64> {
        measure(self.weight)
    }

    /// The repetitions of all sets together, where any set logged them.
    pub fn reps(&self) -> Option<f64> {
        measure(self.reps)
    }

    /// The time of all sets together, where any set logged one.
    pub fn seconds(&self) -> Option<f64> {
        measure(self.seconds)
    }

    /// The distance of all sets together, where any set logged one.
    pub fn distance_km(&self) -> Option<f64> {
        measure(self.distance_km)
    }

    /// Whether a set logged a weight or repetitions.
    pub fn lifted(&self) -> bool {
        self.weight().is_some() || self.reps().is_some()
    }

    /// Whether a set logged a distance or a time.
    pub fn moved(&self) -> bool {
        self.distance_km().is_some() || self.seconds().is_some()
    }
}

/// An exercise inside a logged workout, in logged order.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// Shared between the exercises of that name (see `SetLog`).
    pub name: Arc<str>,
    pub sets: Sets,
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

/// One contiguous block of one modality (docs/rules.md, "session"), not yet placed in time.
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

/// What a warning is about, for scripts that filter the report's warnings (`warnings[].kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A row or record that could not be used and was skipped.
    SkippedRow,
    /// A value that was read but not used: an RPE outside 1 to 10, a heart rate or a distance no
    /// person has, a negative set time.
    ValueNotUsed,
    /// The file itself: empty, not UTF-8, a stray byte removed, a link that leads nowhere, rows
    /// cut short.
    File,
    /// A wall-clock time that does not exist or exists twice (a daylight-saving change).
    Time,
    /// One activity recorded twice, merged.
    Duplicate,
    /// The range asked for holds no sessions.
    Range,
    /// What concur had to assume: an intensity without evidence, an estimated end, the max HR
    /// taken from the logs, a name it does not know.
    Assumption,
}

/// A row or record that could not be used, or an assumption the report must mention.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Warning {
    pub file: Option<String>,
    pub line: Option<u64>,
    pub message: String,
    pub kind: WarningKind,
}

impl Warning {
    /// Where the warning points, as a prefix: `file:line: `, `file: `, or nothing.
    pub fn place(&self) -> String {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => format!("{file}:{line}: "),
            (Some(file), None) => format!("{file}: "),
            _ => String::new(),
        }
    }

    /// A warning about one record.
    pub fn at(kind: WarningKind, origin: &Origin, message: impl Into<String>) -> Warning {
        Warning {
            file: Some(origin.file.to_string()),
            line: Some(origin.line),
            message: message.into(),
            kind,
        }
    }

    /// A warning about a whole file.
    pub fn about(kind: WarningKind, file: &str, message: impl Into<String>) -> Warning {
        Warning {
            file: Some(file.to_string()),
            line: None,
            message: message.into(),
            kind,
        }
    }

    /// A warning about the whole run.
    pub fn general(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning {
            file: None,
            line: None,
            message: message.into(),
            kind,
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn goals_parse_from_names_and_aliases_and_print_their_names() {
        for goal in Goal::ALL {
            assert_eq!(Goal::parse(goal.as_str()), Some(goal));
            let value = clap::ValueEnum::to_possible_value(&goal).unwrap();
            assert_eq!(value.get_name(), goal.as_str());
        }
        assert_eq!(Goal::parse(" Muscle "), Some(Goal::Hypertrophy));
        assert_eq!(Goal::parse("fat_loss"), Some(Goal::FatLoss));
        assert_eq!(Goal::parse("health"), Some(Goal::General));
        assert_eq!(Goal::parse("strenght"), None);
        assert_eq!(
            Goal::names(),
            "strength, hypertrophy (muscle), fat-loss, endurance, general (health), hybrid"
        );
    }

    use super::*;

    #[test]
    fn sets_fold_into_counts_sums_and_the_heaviest_weight() {
        let warm_up = Set {
            warmup: true,
            weight: Some(60.0),
            reps: Some(5.0),
            ..Set::default()
        };
        let work = Set {
            weight: Some(100.0),
            reps: Some(3.0),
            rpe: Some(8.5),
            ..Set::default()
        };
        let run = Set {
            seconds: Some(600.0),
            distance_km: Some(2.0),
            rpe: Some(6.0),
            ..Set::default()
        };
        let sets = Sets::of([&warm_up, &work, &work, &run]);
        assert_eq!((sets.count, sets.warmups, sets.working()), (4, 1, 3));
        assert_eq!(sets.weight(), Some(100.0));
        assert_eq!(sets.reps(), Some(11.0));
        assert_eq!((sets.rpe_sum, sets.rpe_count), (23.0, 3));
        assert_eq!(
            (sets.timed, sets.seconds(), sets.distance_km()),
            (1, Some(600.0), Some(2.0))
        );
        assert!(sets.lifted() && sets.moved());

        let nothing = Sets::of([&Set::default()]);
        assert_eq!(nothing.count, 1);
        assert!(!nothing.lifted() && !nothing.moved());
        assert_eq!((nothing.weight(), nothing.seconds()), (None, None));
    }
}
