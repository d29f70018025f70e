//! The command line: the arguments of each command (one file each), what the command does
//! with the library, and where its output goes ([`output`]). `main.rs` only parses, calls
//! [`run`] and [`Outcome::deliver`], and turns errors into exit codes (0 a report was made; 1 a
//! report was made and `--fail-on` found what it names; 2 bad usage or unusable input).

mod analyze;
mod args;
mod check;
mod init;
pub mod output;
mod plan;
mod review;
mod rules;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::report::{Render, Report};
use crate::review::Review;

#[derive(Parser)]
#[command(
    name = "concur",
    version,
    about = "Checks the order of cardio and strength in your workout logs against your goal",
    after_help = "Exit codes: 0 a report was made; 1 a report was made and --fail-on found what it names; 2 bad usage or unusable input."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line of this process. Help is wrapped at the terminal's width, and at 80
    /// columns where there is none to measure (clap would use 100).
    pub fn from_env() -> Cli {
        use clap::FromArgMatches;
        let mut command = command();
        if !std::io::stdout().is_terminal() {
            command = command.term_width(usize::from(args::UNKNOWN_WIDTH));
        }
        Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit())
    }
}

/// The command line as clap builds it, with the apps concur reads named in the help from the
/// importers, so that the help, the man pages and the messages list the same apps.
pub fn command() -> clap::Command {
    let (apps, kinds) = (crate::import::app_names(), crate::import::file_kinds());
    let files = format!(
        "Export files or folders ({apps}, {kinds}, or concur's own CSV/JSON; the format is read from the content; `-` is standard input). Default: `files` in concur.toml"
    );
    // In place, keeping the commands' order (mut_subcommand would move them to the end).
    let with_files = |c: clap::Command| {
        match c.get_name() {
            "analyze" | "review" | "plan" => c.mut_arg("files", |a| a.help(files.clone())),
            "check" => c.mut_arg("files", |a| {
                a.value_name("PLAN").help(
                    "The plan: a calendar file (.ics, as Google Calendar, Apple Calendar or a training tool's iCal feed writes it), or concur's own CSV/JSON with dates to come (never the `files` of concur.toml, which are the history)",
                )
            }),
            _ => c,
        }
    };
    Cli::command()
        .long_about(format!(
            "Reads workout-log exports ({apps}, {kinds}, or concur's own CSV/JSON), finds every cardio/strength pair, its order and the gap between the two, and reports how well the history matches the guidance for your goal. `concur rules` shows the rules."
        ))
        .mut_subcommands(with_files)
}

#[derive(Subcommand)]
pub enum Command {
    /// Analyse export files against a goal, day by day and week by week.
    Analyze(analyze::AnalyzeArgs),
    /// Check a planned week (a calendar .ics, or concur's own CSV/JSON) against a goal before
    /// training it, with the same rules and reports as analyze.
    Check(check::CheckArgs),
    /// Review one week (the last full one by default) against the four before it, with
    /// suggestions.
    Review(review::ReviewArgs),
    /// Propose next week from the last four weeks' habits, with the fewest moves that take out
    /// its conflicts and cautions; as a table, JSON, or an .ics file to import (--format ics).
    Plan(plan::PlanArgs),
    /// Show the goals, the rule table with sources, the thresholds and the evidence notes.
    Rules(rules::RulesArgs),
    /// Write a commented concur.toml in the current folder.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) of concur or of one command, or write them all to a folder.
    Man {
        /// The command whose page to print (analyze, review, rules, init, ...).
        command: Option<String>,
        /// Write every page (concur.1, concur-analyze.1, ...) into this folder instead.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out: Option<PathBuf>,
    },
}

/// What a command printed, and the exit code it asks for.
pub struct Outcome {
    body: Body,
    output: Option<PathBuf>,
    failed: bool,
}

/// What a command prints: text made whole, or a report or a review written in a format as it
/// is rendered (the JSON and HTML of a long history are tens of MB, not worth holding whole
/// before writing).
enum Body {
    Text(String),
    Report {
        report: Box<Report>,
        format: Box<dyn Render>,
    },
    Review {
        review: Box<Review>,
        report: Box<Report>,
        format: Box<dyn Render>,
    },
}

impl Outcome {
    /// A report or a review written as `out` asks (the table laid out with `all` or not): the
    /// flags this format does not use named on stderr, and the exit `--fail-on` asks for by
    /// `worst`, the worst verdict found.
    fn written(
        out: args::OutputArgs,
        worst: Option<crate::model::Verdict>,
        all: bool,
        body: impl FnOnce(Box<dyn Render>) -> Body,
    ) -> Outcome {
        let failed = out.fails(worst);
        for note in out.without_effect() {
            eprintln!("concur: note: {note}");
        }
        Outcome {
            body: body(out.format.renderer(out.look(all))),
            output: out.output,
            failed,
        }
    }

    /// Plain text to standard output.
    fn text(text: String) -> Outcome {
        Outcome {
            body: Body::Text(text),
            output: None,
            failed: false,
        }
    }

    /// Writes what the command printed where it goes, and gives the exit code it asks for: 0, or
    /// 1 where `--fail-on` found what it names.
    pub fn deliver(self) -> Result<u8> {
        let mut render = |out: &mut dyn Write| self.write_to(out);
        match &self.output {
            Some(path) => {
                output::to_file(path, &mut render)?;
                // A person at a terminal hears where the report went; a script does not need to.
                if std::io::stderr().is_terminal() {
                    eprintln!("wrote {}", path.display());
                }
            }
            None => output::to_stdout(&mut render)?,
        }
        Ok(u8::from(self.failed))
    }

    /// Writes what the command printed.
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.body {
            Body::Text(text) => out.write_all(text.as_bytes()),
            Body::Report { report, format } => format.report(report, out),
            Body::Review {
                review,
                report,
                format,
            } => format.review(review, report, out),
        }
    }
}

/// Runs the command the arguments name.
pub fn run(cli: Cli) -> Result<Outcome> {
    let plain = Outcome::text;
    // A long read of many files shows its progress to a person, never to a pipe or a file.
    crate::import::show_progress(std::io::stderr().is_terminal());
    match cli.command {
        Command::Analyze(args) => analyze::analyze(args),
        Command::Check(args) => check::check(args),
        Command::Review(args) => review::review(args),
        Command::Plan(args) => plan::plan(args),
        Command::Rules(args) => rules::rules(args),
        Command::Init(args) => init::init(args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command(), "concur", &mut out);
            Ok(plain(String::from_utf8_lossy(&out).into_owned()))
        }
        Command::Man { command, out } => man(command.as_deref(), out.as_deref()),
    }
}

/// `concur man`: the top page, one command's page (`concur-analyze`, as the top page's
/// SUBCOMMANDS names it: clap names a built command's subcommands so), or every page into a
/// folder.
fn man(command: Option<&str>, folder: Option<&std::path::Path>) -> Result<Outcome> {
    let mut top = self::command().disable_help_subcommand(true);
    top.build();
    if let Some(folder) = folder {
        let written = std::fs::create_dir_all(folder)
            .and_then(|()| clap_mangen::generate_to(top.clone(), folder));
        written.map_err(|source| Error::Write {
            what: "the man pages",
            to: folder.display().to_string(),
            source,
        })?;
        let pages = top.get_subcommands().count() + 1;
        return Ok(Outcome::text(format!(
            "wrote {pages} man pages into {}\n",
            folder.display()
        )));
    }
    let page = match command {
        None => top,
        Some(name) => top.find_subcommand(name).cloned().ok_or_else(|| {
            let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
            Error::Usage(format!(
                "no command {name:?}; the commands are {}",
                names.join(", ")
            ))
        })?,
    };
    let mut text = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut text)
        .map_err(|e| Error::Usage(format!("cannot render the man page: {e}")))?;
    Ok(Outcome::text(String::from_utf8_lossy(&text).into_owned()))
}
