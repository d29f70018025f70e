//! One way to write what a command shows. Each format is one implementation of [`Render`], in
//! its own file (table.rs, json.rs, markdown.rs, html.rs), for the report of `concur analyze`
//! and the week of `concur review` alike.

use std::io::{self, Write};

use clap::ValueEnum;

use super::{Look, Report};
use crate::review::Review;

/// A format a report or a review can be written in.
pub trait Render {
    /// Writes the whole report of `concur analyze`.
    fn report(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
    /// Writes the week of `concur review`; `report` is the analysis it was drawn from (the
    /// week and the four before it).
    fn review(&self, review: &Review, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// The formats, as `--format` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for the terminal (`text` is the same).
    #[value(alias = "text")]
    Table,
    /// JSON (the report's contract is docs/json-report.md).
    Json,
    /// Markdown, to paste into notes or a message to a coach.
    Markdown,
    /// One self-contained HTML page (timeline, charts, tables), best with --output report.html.
    Html,
}

impl Format {
    /// The name `--format` gives it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The renderer of this format; `look` is what a table needs to know of where it goes.
    pub fn renderer(self, look: Look) -> Box<dyn Render> {
        match self {
            Format::Table => Box::new(super::table::Tables(look)),
            Format::Json => Box::new(super::json::Json),
            Format::Markdown => Box::new(super::markdown::Markdown {
                all: look.all,
                explain: look.explain,
            }),
            Format::Html => Box::new(super::html::Html),
        }
    }
}
