//! concur: reads workout logs, finds every cardio/strength pair, and checks the order and gap of
//! each against the guidance for a training goal.
//!
//! The stages run one way, a folder each: [`cli`] reads the command line, [`import`] reads files
//! into workouts, [`analysis`] turns them into sessions ([`model`]), places them in days, finds
//! the pairs and judges pairs and weeks, and [`report`] renders the result. [`plan`] comes after
//! analysis: it learns a week from the habits of the last four weeks and finds the fewest moves
//! that take out its conflicts and cautions.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod error;
pub mod import;
pub mod model;
pub mod plan;
pub mod report;
pub mod review;
pub mod settings;

use std::path::PathBuf;

use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};

pub use error::{Error, Result};
pub use model::Goal;
pub use report::Report;
pub use settings::{Settings, Thresholds};

/// What one `concur analyze` run is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    pub files: Vec<PathBuf>,
    /// The files of `files` found in a named folder rather than named: one in no format concur
    /// reads is passed over with a warning (an unzipped export holds other files too).
    pub found_in_folders: std::collections::HashSet<PathBuf>,
    pub goal: Goal,
    pub settings: Settings,
    /// Only days on or after this date.
    pub since: Option<NaiveDate>,
    /// Only days on or before this date.
    pub until: Option<NaiveDate>,
    /// Make the first unusable row an error.
    pub strict: bool,
    /// What the report must say about the files named (a link in a folder that leads nowhere).
    pub warnings: Vec<model::Warning>,
    /// What calendars (.ics) are read with: the day up to which repeats without an end are
    /// expanded (`analyze`: the end of its range, or today; `check`: the end of its range, or
    /// the Sunday four weeks after this week), and the categories that count.
    pub calendar: import::CalendarRead,
}

impl Options {
    /// A run over these files: every day, rows that cannot be used skipped with a warning.
    pub fn new(files: Vec<PathBuf>, goal: Goal, settings: Settings) -> Options {
        Options {
            files,
            found_in_folders: Default::default(),
            goal,
            settings,
            since: None,
            until: None,
            strict: false,
            warnings: Vec::new(),
            calendar: Default::default(),
        }
    }
}

/// What the command line says, before the config file fills the gaps.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub files: Vec<PathBuf>,
    /// A config file to read instead of the default places.
    pub config: Option<PathBuf>,
    /// Read no config file at all.
    pub no_config: bool,
    pub goal: Option<Goal>,
    pub tz: Option<chrono_tz::Tz>,
    pub tz_of: Vec<(String, chrono_tz::Tz)>,
    pub day_start: Option<chrono::NaiveTime>,
    pub max_hr: Option<u16>,
    pub thresholds: config::ThresholdOverrides,
    pub strict: bool,
    /// The calendar categories whose events count (`concur check --categories`).
    pub categories: Option<Vec<String>>,
}

/// The options of a run: flags first, then the config file (`--config`, `CONCUR_CONFIG`,
/// `./concur.toml`, the user's config folder), then the defaults (docs/rules.md, "Thresholds").
/// Folders among the files are expanded to the exports inside them.
pub fn options(flags: Flags) -> Result<Options> {
    let config = config::for_run(flags.config.as_deref(), flags.no_config)?;
    let from_config = |what: &str| {
        config
            .path
            .as_ref()
            .map_or(String::new(), |p| format!(" ({what} {})", p.display()))
    };
    let goal = flags.goal.or(config.goal).ok_or_else(|| {
        Error::Usage(format!(
            "no goal given: pass --goal strength|hypertrophy|fat-loss|endurance|general|hybrid, or set `goal` in concur.toml (`concur init` writes one){}",
            from_config("read")
        ))
    })?;
    let thresholds = flags.thresholds.over(&config.thresholds).thresholds();
    thresholds.validate().map_err(Error::Usage)?;
    let mut settings = Settings::new(flags.tz.or(config.tz).unwrap_or_else(settings::system_zone));
    settings.day_start = flags
        .day_start
        .or(config.day_start)
        .unwrap_or(chrono::NaiveTime::MIN);
    settings.max_hr = flags.max_hr.or(config.max_hr).map(f64::from);
    settings.thresholds = thresholds;
    let named = if flags.files.is_empty() {
        config.files.clone()
    } else {
        flags.files
    };
    if named.is_empty() {
        return Err(Error::Usage(format!(
            "no files to analyse: name export files or folders, or list them under `files` in concur.toml{}",
            from_config("read")
        )));
    }
    let (files, found_in_folders, warnings) = config::expand(&named)?;
    settings.file_zones = file_zones(flags.tz_of, &files)?;
    Ok(Options {
        files,
        found_in_folders,
        goal,
        settings,
        since: None,
        until: None,
        strict: flags.strict,
        warnings,
        calendar: import::CalendarRead {
            repeats_until: None,
            repeats_from: None,
            categories: flags.categories.or(config.plan_categories.clone()),
        },
    })
}

/// `--tz-of FILE=ZONE` keyed by the input file it names: the same file however the path is
/// written (`./a.csv`, `a.csv`, an absolute path, or a file from a config's folder). A folder
/// names every file read from it; an archive its entries (see `Settings::zone_of`).
fn file_zones(
    tz_of: Vec<(String, chrono_tz::Tz)>,
    files: &[PathBuf],
) -> Result<std::collections::HashMap<String, chrono_tz::Tz>> {
    let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut zones = std::collections::HashMap::new();
    for (named, zone) in tz_of {
        let wanted = canonical(std::path::Path::new(&named));
        let named_files: Vec<&PathBuf> = files
            .iter()
            .filter(|f| {
                let f = canonical(f);
                f == wanted || (wanted.is_dir() && f.starts_with(&wanted))
            })
            .collect();
        if named_files.is_empty() {
            return Err(Error::Usage(format!(
                "--tz-of names {named}, which is not one of the files or folders to analyse"
            )));
        }
        for file in named_files {
            zones.insert(file.display().to_string(), zone);
        }
    }
    Ok(zones)
}

/// Runs the whole pipeline on the files and returns the report.
pub fn analyze(options: &Options) -> Result<Report> {
    Ok(report::build(&analysis::analyse(options)?))
}

/// The Monday to Sunday of an ISO week.
pub fn week_bounds(week: IsoWeek) -> (NaiveDate, NaiveDate) {
    let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon)
        .expect("an IsoWeek always has a Monday");
    (monday, monday + Duration::days(6))
}

/// Reads `--week`: `this`, `last`, or `YYYY-Www`, relative to `today`.
pub fn parse_week(s: &str, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match s.trim().to_ascii_lowercase().as_str() {
        "this" => Some(week_bounds(today.iso_week())),
        "last" => Some(week_bounds((today - Duration::days(7)).iso_week())),
        other => {
            let (year, week) = other.split_once("-w")?;
            let year: i32 = year.parse().ok()?;
            let week: u32 = week.parse().ok()?;
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
            Some((monday, monday + Duration::days(6)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_by_name() {
        let today = d("2024-03-13"); // a Wednesday in 2024-W11
        assert_eq!(
            parse_week("this", today),
            Some((d("2024-03-11"), d("2024-03-17")))
        );
        assert_eq!(
            parse_week("last", today),
            Some((d("2024-03-04"), d("2024-03-10")))
        );
        assert_eq!(
            parse_week("2024-W01", today),
            Some((d("2024-01-01"), d("2024-01-07")))
        );
        assert_eq!(
            parse_week("2020-W53", today),
            Some((d("2020-12-28"), d("2021-01-03")))
        );
        assert_eq!(parse_week("2021-W53", today), None);
        assert_eq!(parse_week("next", today), None);
    }
}
