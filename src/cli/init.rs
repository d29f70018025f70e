//! `concur init`: a commented concur.toml to start from.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use chrono_tz::Tz;
use clap::Args;

use super::args::parse_tz;
use super::{Body, Outcome};
use crate::Goal;
use crate::error::{Error, Result};

#[derive(Args)]
pub struct InitArgs {
    /// The goal to write into the file (asked for on a terminal; needed without one).
    #[arg(
        long,
        short,
        value_enum,
        ignore_case = true,
        hide_possible_values = true
    )]
    goal: Option<Goal>,
    /// The time zone your workouts were logged in (asked for on a terminal, proposing the
    /// system's; without one, the system's).
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
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let (mut input, mut prompt) = (std::io::stdin().lock(), std::io::stderr());
    let goal = match args.goal {
        Some(goal) => goal,
        None if interactive => ask_goal(&mut input, &mut prompt)?,
        None => {
            return Err(Error::Usage(format!(
                "concur init needs --goal ({}): there is no terminal to ask on",
                Goal::names()
            )));
        }
    };
    let system = crate::settings::system_zone();
    let tz = match args.tz {
        Some(tz) => tz,
        None if interactive => ask_zone(&mut input, &mut prompt, system)?,
        None => system,
    };
    let text = crate::config::template(goal, tz);
    std::fs::write(&args.output, text).map_err(|source| Error::Write {
        what: "the config file",
        to: args.output.display().to_string(),
        source,
    })?;
    Ok(Outcome {
        body: Body::Text(format!(
            "wrote {}: list your export files under `files` there, then run `concur review`\n",
            args.output.display()
        )),
        output: None,
        failed: false,
    })
}

/// Asks for the goal until a name or alias is given (three tries).
fn ask_goal(input: &mut impl BufRead, prompt: &mut impl Write) -> Result<Goal> {
    for _ in 0..3 {
        let answer = ask(input, prompt, &format!("Your goal ({}): ", Goal::names()))?;
        if let Some(goal) = Goal::parse(&answer) {
            return Ok(goal);
        }
        let _ = writeln!(prompt, "  {answer:?} is not a goal concur knows.");
    }
    Err(Error::Usage(
        "no goal given; run concur init --goal GOAL".into(),
    ))
}

/// Asks for the zone the workouts were logged in, proposing `system` (taken on Enter).
fn ask_zone(input: &mut impl BufRead, prompt: &mut impl Write, system: Tz) -> Result<Tz> {
    for _ in 0..3 {
        let answer = ask(
            input,
            prompt,
            &format!("The time zone your workouts were logged in [{system}]: "),
        )?;
        if answer.is_empty() {
            return Ok(system);
        }
        match parse_tz(&answer) {
            Ok(tz) => return Ok(tz),
            Err(why) => {
                let _ = writeln!(prompt, "  {answer:?}: {why}.");
            }
        }
    }
    Err(Error::Usage(
        "no time zone given; run concur init --tz ZONE".into(),
    ))
}

/// One line read after a prompt, trimmed; the end of the input is an answer of its own.
fn ask(input: &mut impl BufRead, prompt: &mut impl Write, question: &str) -> Result<String> {
    let _ = write!(prompt, "{question}");
    let _ = prompt.flush();
    let mut line = String::new();
    let read = input.read_line(&mut line).map_err(|source| Error::Io {
        path: "standard input".into(),
        source,
    })?;
    if read == 0 {
        return Err(Error::Usage("no answer (the input ended)".into()));
    }
    Ok(line.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_goal_and_zone_are_asked_until_they_read() {
        let mut prompt = Vec::new();
        let mut answers = std::io::Cursor::new("speed\nMuscle\n");
        assert_eq!(
            ask_goal(&mut answers, &mut prompt).unwrap(),
            Goal::Hypertrophy
        );
        let shown = String::from_utf8(prompt).unwrap();
        assert!(
            shown.contains("Your goal (strength, hypertrophy (muscle)"),
            "{shown}"
        );
        assert!(shown.contains("\"speed\" is not a goal"), "{shown}");

        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let mut prompt = Vec::new();
        let mut enter = std::io::Cursor::new("\n");
        assert_eq!(ask_zone(&mut enter, &mut prompt, berlin).unwrap(), berlin);
        let mut other = std::io::Cursor::new("Mars/Olympus\nAmerica/Chicago\n");
        assert_eq!(
            ask_zone(&mut other, &mut prompt, berlin).unwrap().name(),
            "America/Chicago"
        );
        let mut nothing = std::io::Cursor::new("");
        assert!(ask_goal(&mut nothing, &mut prompt).is_err());
    }
}
