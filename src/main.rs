//! The `concur` command: parses arguments, calls the library, prints, and maps errors to exit
//! codes (0 a report was made, 2 bad usage or unusable input).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use clap::{Args, Parser, Subcommand, ValueEnum};

use concur::import::values::parse_time_of_day;
use concur::report::{Look, render_json, render_markdown, render_rules, render_table};
use concur::{Error, Goal, Options, Settings, Thresholds, parse_week, settings};

#[derive(Parser)]
#[command(
    name = "concur",
    version,
    about = "Checks the order of cardio and strength in your workout logs against your goal",
    long_about = "Reads workout-log exports (Strong, Hevy, FitNotes, Strava, Garmin Connect, or concur's own CSV/JSON), finds every cardio/strength \
                  pair, its order and the gap between the two, and reports how well the history \
                  matches the guidance for your goal. `concur rules` shows the rules."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one or more log files against a goal.
    Analyze(AnalyzeArgs),
    /// Show the goals, the rule table with sources, the thresholds and the evidence notes.
    Rules(RulesArgs),
}

#[derive(Args)]
struct AnalyzeArgs {
    /// Export files (Strong, Hevy, FitNotes, Strava, Garmin Connect, or concur's own CSV/JSON); the
    /// format is read from the content.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Training goal: strength, hypertrophy (muscle), fat-loss, endurance, general (health),
    /// hybrid.
    #[arg(long, short, value_parser = parse_goal)]
    goal: Goal,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Colour verdicts and scores: auto (when writing to a terminal and NO_COLOR is not set),
    /// always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Show, for each verdict, the measured values and the thresholds that decided it.
    #[arg(long)]
    explain: bool,

    /// Write the report to this file instead of standard output (never one of the inputs).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    calendar: CalendarArgs,

    /// Only this week: `last`, `this`, or an ISO week like 2024-W10.
    #[arg(long, value_name = "WEEK")]
    week: Option<String>,

    /// Only days on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,

    /// Only days on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<NaiveDate>,

    /// Treat the first unusable row as an error instead of skipping it.
    #[arg(long)]
    strict: bool,

    /// Your maximum heart rate in bpm, for the heart-rate intensity bands (default: the highest
    /// heart rate in the logs).
    #[arg(long, value_name = "BPM", value_parser = clap::value_parser!(u16).range(100..=240))]
    max_hr: Option<u16>,

    #[command(flatten)]
    thresholds: ThresholdArgs,

    /// Today's date, for `--week last|this` (for reproducible runs and tests).
    #[arg(long, hide = true, value_parser = parse_date)]
    today: Option<NaiveDate>,
}

#[derive(Args)]
struct CalendarArgs {
    /// Time zone for days and times, as an IANA name like Europe/Berlin (default: the system's).
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    tz: Option<Tz>,

    /// The zone of one file's wall-clock times, as FILE=ZONE (a log recorded while travelling);
    /// repeatable.
    #[arg(long = "tz-of", value_name = "FILE=ZONE", value_parser = parse_tz_of)]
    tz_of: Vec<(String, Tz)>,

    /// When a training day begins, HH:MM (a 01:00 session belongs to the day before if this is
    /// later).
    #[arg(long, value_name = "HH:MM", default_value = "00:00", value_parser = parse_day_start)]
    day_start: NaiveTime,
}

#[derive(Args)]
struct ThresholdArgs {
    /// Hours apart at which the order stops mattering.
    #[arg(long, value_name = "HOURS", default_value_t = 6.0)]
    separation_hours: f64,
    /// Gap in minutes up to which two sessions are back-to-back.
    #[arg(long, value_name = "MIN", default_value_t = 30.0)]
    back_to_back: f64,
    /// Cardio up to this many minutes is a cool-down.
    #[arg(long, value_name = "MIN", default_value_t = 10.0)]
    cool_down: f64,
    /// Cardio up to this many minutes is a warm-up.
    #[arg(long, value_name = "MIN", default_value_t = 20.0)]
    warm_up: f64,
    /// Cardio over this many minutes is long.
    #[arg(long, value_name = "MIN", default_value_t = 40.0)]
    long: f64,
    /// RPE from which cardio is moderate.
    #[arg(long, value_name = "RPE", default_value_t = 5.0)]
    rpe_moderate: f64,
    /// RPE from which cardio is hard.
    #[arg(long, value_name = "RPE", default_value_t = 7.0)]
    rpe_hard: f64,
    /// Average heart rate, in % of max, from which cardio is moderate.
    #[arg(long, value_name = "PCT", default_value_t = 64.0)]
    hr_moderate: f64,
    /// Average heart rate, in % of max, from which cardio is hard.
    #[arg(long, value_name = "PCT", default_value_t = 77.0)]
    hr_hard: f64,
}

impl ThresholdArgs {
    fn thresholds(&self) -> Thresholds {
        Thresholds {
            separation_hours: self.separation_hours,
            back_to_back_minutes: self.back_to_back,
            cool_down_minutes: self.cool_down,
            warm_up_minutes: self.warm_up,
            long_minutes: self.long,
            rpe_moderate: self.rpe_moderate,
            rpe_hard: self.rpe_hard,
            hr_moderate_pct: self.hr_moderate,
            hr_hard_pct: self.hr_hard,
        }
    }
}

#[derive(Args)]
struct RulesArgs {
    /// Show only the rules of this goal.
    #[arg(long, short, value_parser = parse_goal)]
    goal: Option<Goal>,
    #[command(flatten)]
    thresholds: ThresholdArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` colours only a terminal, and never when NO_COLOR is set (no-color.org).
    fn enabled(self, to_terminal: bool) -> bool {
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
enum Format {
    /// Tables for the terminal.
    Table,
    /// The JSON report (the contract in JSON-REPORT.md).
    Json,
    /// Markdown, to paste into notes or a message.
    Markdown,
}

fn parse_goal(s: &str) -> Result<Goal, String> {
    Goal::parse(s).ok_or_else(|| {
        "expected strength, hypertrophy (muscle), fat-loss, endurance, general (health) or hybrid"
            .to_string()
    })
}

fn parse_tz(s: &str) -> Result<Tz, String> {
    s.parse::<Tz>()
        .map_err(|_| "expected an IANA time zone like Europe/Berlin or America/New_York".into())
}

fn parse_tz_of(s: &str) -> Result<(String, Tz), String> {
    let (file, zone) = s
        .rsplit_once('=')
        .ok_or_else(|| "expected FILE=ZONE, like garmin.csv=America/New_York".to_string())?;
    Ok((file.to_string(), parse_tz(zone)?))
}

fn parse_day_start(s: &str) -> Result<NaiveTime, String> {
    parse_time_of_day(s).ok_or_else(|| "expected a time of day as HH:MM, like 04:00".into())
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| "expected a date as YYYY-MM-DD".into())
}

/// The table fits the terminal; elsewhere (a pipe, a file) it is 100 columns wide.
fn output_width() -> u16 {
    if std::io::stdout().is_terminal() {
        comfy_table::Table::new().width().unwrap_or(100)
    } else {
        100
    }
}

/// concur never writes to its input files, not even when asked to.
fn refuse_to_overwrite_inputs(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    match inputs.iter().find(|input| same(output, input)) {
        Some(input) => Err(Error::Usage(format!(
            "--output {} is one of the input files; concur never writes to its inputs",
            input.display()
        ))),
        None => Ok(()),
    }
}

fn run(cli: Cli) -> Result<String, Error> {
    match cli.command {
        Command::Rules(args) => {
            let thresholds = args.thresholds.thresholds();
            thresholds.validate().map_err(Error::Usage)?;
            let look = Look {
                width: output_width(),
                color: ColorChoice::Auto.enabled(std::io::stdout().is_terminal()),
                explain: false,
            };
            Ok(render_rules(args.goal, &thresholds, look))
        }
        Command::Analyze(args) => {
            let tz = args.calendar.tz.unwrap_or_else(settings::system_zone);
            let thresholds = args.thresholds.thresholds();
            thresholds.validate().map_err(Error::Usage)?;
            let mut settings = Settings::new(tz);
            settings.day_start = args.calendar.day_start;
            settings.file_zones = args.calendar.tz_of.into_iter().collect();
            settings.max_hr = args.max_hr.map(f64::from);
            settings.thresholds = thresholds;
            let (mut since, mut until) = (args.since, args.until);
            let mut week_bounds = None;
            if let Some(week) = &args.week {
                let today = args
                    .today
                    .unwrap_or_else(|| chrono::Utc::now().with_timezone(&tz).date_naive());
                let (monday, sunday) = parse_week(week, today).ok_or_else(|| {
                    Error::Usage(format!(
                        "invalid value '{week}' for '--week': expected last, this, or an ISO week like 2024-W10"
                    ))
                })?;
                week_bounds = Some((week, monday, sunday));
                since = Some(since.map_or(monday, |s| s.max(monday)));
                until = Some(until.map_or(sunday, |u| u.min(sunday)));
            }
            if let (Some(s), Some(u)) = (since, until)
                && s > u
            {
                let bounds = match week_bounds {
                    Some((week, monday, sunday)) => {
                        let other = match (args.since, args.until) {
                            (Some(since), _) if since > sunday => format!("--since {since}"),
                            (_, Some(until)) => format!("--until {until}"),
                            _ => String::new(),
                        };
                        format!("--week {week} ({monday} to {sunday}) and {other}")
                    }
                    None => format!("--since {s} and --until {u}"),
                };
                return Err(Error::Usage(format!(
                    "the range is empty: no day fits both {bounds}"
                )));
            }
            let options = Options {
                files: args.files,
                goal: args.goal,
                settings,
                since,
                until,
                strict: args.strict,
            };
            if let Some(output) = &args.output {
                refuse_to_overwrite_inputs(output, &options.files)?;
            }
            let report = concur::analyze(&options)?;
            let text = match args.format {
                Format::Table => {
                    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
                    let look = Look {
                        width: if to_terminal { output_width() } else { 100 },
                        color: args.color.enabled(to_terminal),
                        explain: args.explain,
                    };
                    render_table(&report, look)
                }
                Format::Json => render_json(&report),
                Format::Markdown => render_markdown(&report),
            };
            match &args.output {
                None => Ok(text),
                Some(path) => {
                    std::fs::write(path, text).map_err(|source| Error::Io {
                        path: path.clone(),
                        source,
                    })?;
                    Ok(String::new())
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`concur ... | head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("concur: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
