//! `concur init`: a commented concur.toml to start from.

use std::path::PathBuf;

use chrono_tz::Tz;
use clap::Args;

use super::args::parse_tz;
use super::{Body, Outcome};
use crate::Goal;
use crate::error::{Error, Result};

#[derive(Args)]
pub struct InitArgs {
    /// The goal to write into the file.
    #[arg(
        long,
        short,
        value_enum,
        ignore_case = true,
        hide_possible_values = true
    )]
    goal: Option<Goal>,
    /// The time zone to write into the file (default: the system's).
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    tz: Option<Tz>,
    /// Where to write it.
    #[arg(long, short, value_name = "FILE", default_value = "concur.toml")]
    output: PathBuf,
}

pub fn init(args: InitArgs) -> Result<Outcome> {
    if args.output.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; concur init does not overwrite it",
            args.output.display()
        )));
    }
    let tz = args.tz.unwrap_or_else(crate::settings::system_zone);
    let text = crate::config::template(args.goal, tz);
    std::fs::write(&args.output, text).map_err(|source| Error::Write {
        what: "the config file",
        to: args.output.display().to_string(),
        source,
    })?;
    Ok(Outcome {
        body: Body::Text(format!(
            "wrote {}: set your goal and export files there, then run `concur review`\n",
            args.output.display()
        )),
        output: None,
        failed: false,
    })
}
