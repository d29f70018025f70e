//! What the commands share: the inputs and settings of `analyze` and `review`, the thresholds
//! every command can override, and the parsers of dates, zones and times.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::import::values::parse_time_of_day;
use crate::model::Verdict;
use crate::report::{Format, Look};
use crate::settings::{THRESHOLDS, ThresholdOverrides};
use crate::{Error, Flags, Goal};

/// What `analyze` and `review` share: the inputs and the settings they are judged with.
#[derive(Args)]
pub struct CommonArgs {
    /// Export files or folders; the format is read from the content (the help lists the apps,
    /// from the importers: see `crate::cli::command`). Default: `files` in concur.toml.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Training goal: strength, hypertrophy (muscle), fat-loss, endurance, general (health),
    /// hybrid. Default: `goal` in concur.toml.
    #[arg(
        long,
        short,
        value_enum,
        ignore_case = true,
        hide_possible_values = true
    )]
    pub goal: Option<Goal>,

    /// Read settings from this config file instead of ./concur.toml or
    /// ~/.config/concur/concur.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no config file.
    #[arg(long)]
    pub no_config: bool,

    /// Time zone for days and times, as an IANA name like Europe/Berlin (default: the system's).
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    pub tz: Option<Tz>,

    /// The zone of one file's wall-clock times, as FILE=ZONE (a log recorded while travelling; a
    /// folder or an archive gives it to every file in it); repeatable.
    #[arg(long = "tz-of", value_name = "FILE=ZONE", value_parser = parse_tz_of)]
    pub tz_of: Vec<(String, Tz)>,

    /// When a training day begins, HH:MM (default 00:00; with 04:00 a 01:30 session belongs to
    /// the day before).
    #[arg(long, value_name = "HH:MM", value_parser = parse_day_start)]
    pub day_start: Option<NaiveTime>,

    /// Your maximum heart rate in bpm, for the heart-rate intensity bands (default: the highest
    /// heart rate in the logs).
    #[arg(long, value_name = "BPM", value_parser = clap::value_parser!(u16).range(100..=240))]
    pub max_hr: Option<u16>,

    /// Treat the first unusable row as an error instead of skipping it.
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    /// Today's date, for `--week last|this` and `review` (for reproducible runs and tests).
    #[arg(long, hide = true, value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

/// The threshold flags, one per entry of [`THRESHOLDS`]: added to a command from that table, so a
/// threshold is named, explained and given its default in one place.
#[derive(Clone, Debug, Default)]
pub struct ThresholdArgs(pub ThresholdOverrides);

impl ThresholdArgs {
    pub fn overrides(&self) -> ThresholdOverrides {
        self.0.clone()
    }
}

impl clap::FromArgMatches for ThresholdArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut overrides = ThresholdOverrides::default();
        for threshold in &THRESHOLDS {
            if let Some(value) = matches.get_one::<f64>(threshold.key) {
                overrides.set(threshold.key, *value);
            }
        }
        Ok(ThresholdArgs(overrides))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        let more = Self::from_arg_matches(matches)?;
        self.0 = more.0.over(&self.0);
        Ok(())
    }
}

impl Args for ThresholdArgs {
    fn augment_args(command: clap::Command) -> clap::Command {
        THRESHOLDS.iter().fold(command, |command, threshold| {
            let mut meaning = threshold.meaning.to_string();
            meaning[..1].make_ascii_uppercase();
            command.arg(
                clap::Arg::new(threshold.key)
                    .long(threshold.flag)
                    .value_name(threshold.unit)
                    .value_parser(clap::value_parser!(f64))
                    .help(format!("{meaning} [default: {}]", threshold.default)),
            )
        })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        Self::augment_args(command)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` colours only a terminal, and never when NO_COLOR is set (no-color.org).
    pub fn enabled(self, to_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    /// Fail on a conflict.
    Conflict,
    /// Fail on a caution or a conflict.
    Caution,
}

impl FailOn {
    pub fn threshold(self) -> Verdict {
        match self {
            FailOn::Conflict => Verdict::Conflict,
            FailOn::Caution => Verdict::Caution,
        }
    }
}

pub fn parse_tz(s: &str) -> Result<Tz, String> {
    s.parse::<Tz>()
        .map_err(|_| "expected an IANA time zone like Europe/Berlin or America/New_York".into())
}

pub fn parse_tz_of(s: &str) -> Result<(String, Tz), String> {
    let (file, zone) = s
        .rsplit_once('=')
        .ok_or_else(|| "expected FILE=ZONE, like garmin.csv=America/New_York".to_string())?;
    Ok((file.to_string(), parse_tz(zone)?))
}

pub fn parse_day_start(s: &str) -> Result<NaiveTime, String> {
    parse_time_of_day(s).ok_or_else(|| "expected a time of day as HH:MM, like 04:00".into())
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD".to_string())?;
    // Weeks and plans are counted from a date: one at chrono's ends has no week after it.
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err("expected a date between 1900-01-01 and 9999-12-31".into());
    }
    Ok(date)
}

/// How `analyze` and `review` write what they found: the same flags, meaning the same, in both.
#[derive(Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Colour verdicts and scores in the table: auto (when writing to a terminal and NO_COLOR is
    /// not set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Show, for each verdict, the measured values and the thresholds that decided it (table
    /// and Markdown; JSON and HTML always carry them).
    #[arg(long)]
    pub explain: bool,

    /// Write to this file instead of standard output (never one of the inputs).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with code 1 when a pair or a week has this verdict or a worse one (for scripts).
    #[arg(long, value_enum, value_name = "VERDICT")]
    pub fail_on: Option<FailOn>,
}

impl OutputArgs {
    /// Where a table goes and how it looks: as wide as the terminal, 80 columns elsewhere.
    pub fn look(&self, all: bool) -> Look {
        let to_terminal = self.output.is_none() && std::io::stdout().is_terminal();
        Look {
            width: output_width(to_terminal),
            color: self.color.enabled(to_terminal),
            explain: self.explain,
            all,
        }
    }

    /// Whether `worst`, the worst verdict found, fails the run by `--fail-on`.
    pub fn fails(&self, worst: Option<Verdict>) -> bool {
        self.fail_on.is_some_and(|f| worst >= Some(f.threshold()))
    }

    /// The flags given that this format does not use: said on stderr, not silently ignored.
    pub fn without_effect(&self) -> Vec<String> {
        let name = self.format.name();
        let mut notes = Vec::new();
        if self.explain && matches!(self.format, Format::Json | Format::Html) {
            notes.push(format!(
                "--explain has no effect with --format {name}, which always carries the measured values"
            ));
        }
        if self.color != ColorChoice::Auto && self.format != Format::Table {
            notes.push(format!(
                "--color colours the table only; it has no effect with --format {name}"
            ));
        }
        notes
    }
}

/// The width text is laid out for where the terminal's is unknown (a pipe, a file).
pub const UNKNOWN_WIDTH: u16 = 80;

/// The terminal's width when writing to one; [`UNKNOWN_WIDTH`] elsewhere.
pub fn output_width(to_terminal: bool) -> u16 {
    if to_terminal {
        comfy_table::Table::new().width().unwrap_or(UNKNOWN_WIDTH)
    } else {
        UNKNOWN_WIDTH
    }
}

impl CommonArgs {
    pub fn flags(self) -> Flags {
        Flags {
            files: self.files,
            config: self.config,
            no_config: self.no_config,
            goal: self.goal,
            tz: self.tz,
            tz_of: self.tz_of,
            day_start: self.day_start,
            max_hr: self.max_hr,
            thresholds: self.thresholds.overrides(),
            strict: self.strict,
            categories: None,
        }
    }
}

pub fn today_in(tz: Tz, today: Option<NaiveDate>) -> NaiveDate {
    today.unwrap_or_else(|| chrono::Utc::now().with_timezone(&tz).date_naive())
}

pub fn week_error(week: &str) -> Error {
    Error::Usage(format!(
        "invalid value '{week}' for '--week': expected last, this, or an ISO week like 2024-W10"
    ))
}
