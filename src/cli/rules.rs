//! `concur rules`: the goals, the rule table with its sources, and the thresholds in force.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use super::args::{ColorChoice, ThresholdArgs, output_width};
use crate::Goal;
use crate::error::{Error, Result};
use crate::report::{Look, render_rules};

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

pub fn rules(args: RulesArgs) -> Result<Outcome> {
    // The thresholds in force are those `analyze` would use here: flags, then config.
    let config = crate::config::for_run(args.config.as_deref(), args.no_config)?;
    let thresholds = args
        .thresholds
        .overrides()
        .over(&config.thresholds)
        .thresholds();
    thresholds.validate().map_err(Error::Usage)?;
    let look = Look {
        width: output_width(),
        color: ColorChoice::Auto.enabled(std::io::stdout().is_terminal()),
        explain: false,
    };
    Ok(Outcome::text(render_rules(args.goal, &thresholds, look)))
}
