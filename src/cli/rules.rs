//! `concur rules`: the goals, the rule tables with their sources, the thresholds in force and
//! the evidence notes, as tables or as Markdown (docs/rules.md is the Markdown with no config).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Outcome;
use super::args::{ColorChoice, ThresholdArgs, output_width};
use crate::Goal;
use crate::error::{Error, Result};
use crate::report::{Look, render_rules, render_rules_markdown};

#[derive(Args)]
pub struct RulesArgs {
    /// Show only the rules of this goal.
    #[arg(
        long,
        short,
        value_enum,
        ignore_case = true,
        hide_possible_values = true
    )]
    goal: Option<Goal>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RulesFormat::Table)]
    format: RulesFormat,
    /// Read the thresholds from this config file instead of ./concur.toml or
    /// ~/.config/concur/concur.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no config file.
    #[arg(long)]
    no_config: bool,
    #[command(flatten)]
    thresholds: ThresholdArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    /// Tables for the terminal.
    Table,
    /// A Markdown page (docs/rules.md is this with --no-config).
    Markdown,
}

pub fn rules(args: RulesArgs) -> Result<Outcome> {
    // The thresholds in force are those `analyze` would use here: flags, then config.
    let config = crate::config::for_run(args.config.as_deref(), args.no_config)?;
    let thresholds = args
        .thresholds
        .overrides()
        .over(&config.thresholds)
        .thresholds();
    thresholds.validate().map_err(Error::Usage)?;
    Ok(Outcome::text(match args.format {
        RulesFormat::Table => {
            let to_terminal = std::io::stdout().is_terminal();
            let look = Look {
                width: output_width(to_terminal),
                color: ColorChoice::Auto.enabled(to_terminal),
                explain: false,
                all: true,
            };
            render_rules(args.goal, &thresholds, look)
        }
        RulesFormat::Markdown => render_rules_markdown(args.goal, &thresholds),
    }))
}
