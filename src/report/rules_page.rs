//! `concur rules`: the goals, the terms the rules use, the pair and week rules with their
//! sources, the score, the thresholds, what the evidence does and does not say, and the sources;
//! as terminal tables or as Markdown. `docs/rules.md` is the Markdown with no config
//! (`concur rules --format markdown --no-config`), and a test keeps it so.

use std::fmt::Write;

use super::markdown::cell;
use super::table::{Look, new_table};
use crate::analysis::classify::{OTHER_ESTIMATE_MINUTES, STRENGTH_ESTIMATE_MINUTES, WORDS};
use crate::analysis::rules::{
    DAY_VERDICT, EVIDENCE_NOTES, PAIR_RULES, SCORE, SOURCES, Source, SourceKind, WEEK_RULES, fill,
};
use crate::model::{Goal, Verdict};
use crate::settings::{THRESHOLDS, Thresholds};

/// How many of the leg-day words the terms name before "and N more".
const LEG_WORDS_SHOWN: usize = 8;

/// A threshold as people write it: `6`, `4.5`.
fn num(x: f64) -> String {
    format!("{x}")
}

/// The goals a rule applies to: `any`, or their names.
fn goal_list(goals: &[Goal]) -> String {
    if goals.len() == Goal::ALL.len() {
        "any".to_string()
    } else {
        goals
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Other words for a goal (`muscle`), leaving out other spellings of its name (`fat_loss`).
fn aliases(goal: Goal) -> Vec<String> {
    let value = clap::ValueEnum::to_possible_value(&goal).expect("no goal is hidden");
    let spelling = |a: &str| a.replace(['-', '_'], "") == goal.as_str().replace('-', "");
    value
        .get_name_and_aliases()
        .skip(1)
        .filter(|a| !spelling(a))
        .map(str::to_string)
        .collect()
}

fn shown(goal: Option<Goal>, goals: &[Goal]) -> bool {
    goal.is_none_or(|g| goals.contains(&g))
}

/// The words the rules use, with the thresholds in force and the flag that changes each.
fn terms(t: &Thresholds) -> Vec<(&'static str, String)> {
    let mut terms = pairing_terms(t);
    terms.extend(class_terms(t));
    terms.extend(calendar_terms());
    terms
}

/// The terms of what is judged: session, modality, pair, gap.
fn pairing_terms(t: &Thresholds) -> Vec<(&'static str, String)> {
    let sep = num(t.separation_hours);
    vec![
        (
            "session",
            "one contiguous block of one modality: a logged workout that mixes lifting and \
             cardio (squats, then a treadmill run) is split into one session per block, in the \
             order they were logged, with a gap of 0 between them"
                .to_string(),
        ),
        (
            "modality",
            "`strength` (resistance work), `cardio` (run, ride, swim, row, walk, ...) or `other` \
             (yoga, stretching, mobility, ...); `other` sessions are shown but take part in no rule"
                .to_string(),
        ),
        (
            "pair",
            format!(
                "a strength and a cardio session next to each other, in either order, with nothing \
                 but `other` sessions between them, that start on the same day, or on neighbouring \
                 days less than {sep} h apart (a late lift and an early run). A pair belongs to the \
                 day of its first session; a session without a time of day takes part in no pair. \
                 Strength and cardio on different days, {sep} h or more apart, make no pair: that \
                 is the separate-days pattern, counted in the report's summary"
            ),
        ),
        (
            "gap",
            format!(
                "the start of the later session minus the end of the earlier. Without a logged end \
                 the end is the start plus the duration; without either it is estimated (strength \
                 {} min, cardio from its distance at a plain pace for its sport, else {} min) and \
                 the gap is marked as estimated",
                num(STRENGTH_ESTIMATE_MINUTES),
                num(OTHER_ESTIMATE_MINUTES)
            ),
        ),
    ]
}

/// The classes the rules sort by: gap classes, cardio length, intensity, leg day.
fn class_terms(t: &Thresholds) -> Vec<(&'static str, String)> {
    let sep = num(t.separation_hours);
    let leg_words = WORDS.legs[..LEG_WORDS_SHOWN].join(", ");
    vec![
        (
            "gap classes",
            format!(
                "back-to-back <= {} min (--back-to-back), short < {sep} h, separated >= {sep} h \
                 (--separation-hours)",
                num(t.back_to_back_minutes)
            ),
        ),
        (
            "cardio length",
            format!(
                "cool-down <= {} min (--cool-down), warm-up <= {} min (--warm-up), long > {} min \
                 (--long), medium in between",
                num(t.cool_down_minutes),
                num(t.warm_up_minutes),
                num(t.long_minutes)
            ),
        ),
        (
            "intensity",
            format!(
                "of a cardio session, first match wins: RPE < {} easy, < {} moderate, else hard \
                 (--rpe-moderate, --rpe-hard); average heart rate < {}% of max easy, < {}% \
                 moderate, else hard (--hr-moderate, --hr-hard; max HR from --max-hr, else the \
                 highest in the logs); then words in its type, title or notes (hard: {}; easy: \
                 {}); else unknown, judged as moderate, and the report says so. A strength \
                 session's intensity comes only from a logged RPE",
                num(t.rpe_moderate),
                num(t.rpe_hard),
                num(t.hr_moderate_pct),
                num(t.hr_hard_pct),
                WORDS.hard.join(", "),
                WORDS.easy.join(", ")
            ),
        ),
        (
            "leg day",
            format!(
                "a strength session in which at least a third of the working sets (or exercises, \
                 where sets are not logged) are lower-body work: {leg_words} and {} more names; a \
                 session logged without exercises is a leg day when its type, title or notes name \
                 such work",
                WORDS.legs.len() - LEG_WORDS_SHOWN
            ),
        ),
    ]
}

/// The calendar: day and week.
fn calendar_terms() -> Vec<(&'static str, String)> {
    vec![
        (
            "day",
            "the local date of a session's start in the time zone (--tz), counted from the day \
             start (--day-start, 00:00 unless set)"
                .to_string(),
        ),
        ("week", "an ISO week, Monday to Sunday".to_string()),
    ]
}

/// Where a source is cited: the rules whose reasons name it, the thresholds whose defaults
/// come from it, the evidence notes.
fn cited_for(source: &Source) -> String {
    let cite = source.cite;
    let mut places: Vec<String> = PAIR_RULES
        .iter()
        .filter(|r| r.why.contains(cite))
        .map(|r| r.id.to_string())
        .chain(
            WEEK_RULES
                .iter()
                .filter(|r| r.why.contains(cite))
                .map(|r| r.id.to_string()),
        )
        .chain(
            THRESHOLDS
                .iter()
                .filter(|t| t.basis.contains(cite))
                .map(|t| t.flag()),
        )
        .collect();
    if EVIDENCE_NOTES.iter().any(|n| n.contains(cite)) {
        places.push("evidence notes".to_string());
    }
    places.join(", ")
}

/// A source's reference, with its note and link, as one line of text.
fn reference(source: &Source, link: impl Fn(&str) -> String) -> String {
    let mut text = format!("{}.", source.reference);
    if !source.note.is_empty() {
        let _ = write!(text, " {}", source.note);
    }
    if !source.link.is_empty() {
        let _ = write!(text, " {}", link(source.link));
    }
    text
}

/// `concur rules`: the terminal tables.
pub fn render_rules(goal: Option<Goal>, thresholds: &Thresholds, look: Look) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Goals");
    let mut table = new_table(look);
    table.set_header(["Goal", "Priority", "Guidance"]);
    for g in Goal::ALL {
        if goal.is_none_or(|x| x == g) {
            table.add_row([g.as_str(), g.priority(), g.guidance()]);
        }
    }
    let _ = writeln!(out, "{table}");

    let _ = writeln!(
        out,
        "\nPair rules (tried in this order; the first that matches decides)"
    );
    let mut table = new_table(look);
    table.set_header(["Rule", "Goals", "When", "Verdict", "Why (source)"]);
    for r in PAIR_RULES.iter().filter(|r| shown(goal, r.goals)) {
        table.add_row([
            r.id,
            &goal_list(r.goals),
            &fill(r.when, thresholds),
            r.verdict.as_str(),
            &fill(r.why, thresholds),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let _ = writeln!(out, "{DAY_VERDICT}");

    let _ = writeln!(out, "\nWeek rules (ISO weeks, reported beside the score)");
    let mut table = new_table(look);
    table.set_header(["Rule", "Goals", "When", "Verdict", "Why (source)"]);
    for r in WEEK_RULES.iter().filter(|r| shown(goal, r.goals)) {
        table.add_row([r.id, &goal_list(r.goals), r.when, r.verdict.as_str(), r.why]);
    }
    let _ = writeln!(out, "{table}");

    let _ = writeln!(
        out,
        "\nTerms, with the thresholds in force (each is a flag and a concur.toml key)"
    );
    for (term, meaning) in terms(thresholds) {
        let _ = writeln!(out, "- {term}: {meaning}");
    }

    let _ = writeln!(out, "\nScore\n{SCORE}");

    let _ = writeln!(out, "\nWhat the evidence does and does not say");
    for note in EVIDENCE_NOTES {
        let _ = writeln!(out, "- {note}");
    }

    let _ = writeln!(out, "\nSources");
    for s in SOURCES {
        let via = match s.kind {
            SourceKind::Study { via } => format!(" (cited by {via})"),
            SourceKind::Article | SourceKind::Guideline => String::new(),
        };
        let _ = writeln!(
            out,
            "- {}{via}: {}\n  Cited for {}.",
            s.cite,
            reference(s, |l| l.to_string()),
            cited_for(s)
        );
    }
    out
}

/// `concur rules --format markdown`: the same, as a page; with no config, docs/rules.md.
pub fn render_rules_markdown(goal: Option<Goal>, thresholds: &Thresholds) -> String {
    let mut out = String::new();
    let defaults = *thresholds == Thresholds::default();
    write_md_intro(&mut out, goal);
    write_md_goals(&mut out, goal);
    write_md_terms(&mut out, thresholds, defaults);
    write_md_rules(&mut out, goal, thresholds);
    let _ = writeln!(out, "\n## Score\n\n{SCORE}");
    write_md_thresholds(&mut out, thresholds, defaults);
    let _ = writeln!(out, "\n## What the evidence does and does not say\n");
    for note in EVIDENCE_NOTES {
        let _ = writeln!(out, "- {note}");
    }
    write_md_sources(&mut out);
    out
}

/// The page's title and what it is (and how docs/rules.md is made from it).
fn write_md_intro(out: &mut String, goal: Option<Goal>) {
    let _ = writeln!(out, "# concur's rules\n");
    let _ = writeln!(
        out,
        "concur finds every pair of a strength and a cardio session next to each other in a \
         training history and judges it by the rules of the goal; it judges every week by the \
         week rules. This page is what `concur rules --format markdown` prints{}. \
         `docs/rules.md` in concur's repository is this output with no config, \
         generated from `src/analysis/rules.rs` and `src/settings.rs`: after changing them, run \
         `cargo run -- rules --format markdown --no-config > docs/rules.md` (a test fails until \
         the page matches).\n",
        match goal {
            Some(g) => format!(", for the goal `{g}` only"),
            None => String::new(),
        }
    );
}

/// "Goals": each goal with its other names, priority work and guidance.
fn write_md_goals(out: &mut String, goal: Option<Goal>) {
    let _ = writeln!(out, "## Goals\n");
    let _ = writeln!(
        out,
        "| goal | also | priority work | guidance |\n|---|---|---|---|"
    );
    for g in Goal::ALL
        .into_iter()
        .filter(|g| goal.is_none_or(|x| x == *g))
    {
        let also: Vec<String> = aliases(g).iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(
            out,
            "| `{g}` | {} | {} | {} |",
            also.join(", "),
            cell(g.priority()),
            cell(g.guidance())
        );
    }
}

/// "Terms": the [`terms`] as a list.
fn write_md_terms(out: &mut String, thresholds: &Thresholds, defaults: bool) {
    let _ = writeln!(
        out,
        "\n## Terms\n\nThe words the rules use, with the thresholds {} (each is a flag and a \
         `concur.toml` key; see [Thresholds](#thresholds)).\n",
        if defaults {
            "at their defaults"
        } else {
            "in force"
        }
    );
    for (term, meaning) in terms(thresholds) {
        let _ = writeln!(out, "- **{term}**: {meaning}.");
    }
}

/// "Pair rules" and "Week rules", each with what it means and its table.
fn write_md_rules(out: &mut String, goal: Option<Goal>, thresholds: &Thresholds) {
    let _ = writeln!(
        out,
        "\n## Pair rules\n\nEvery pair gets exactly one verdict, `{}`, `{}` or `{}`, from the \
         first of its goal's rules that matches, tried in this order. {DAY_VERDICT}\n",
        Verdict::Aligned.as_str(),
        Verdict::Caution.as_str(),
        Verdict::Conflict.as_str()
    );
    write_md_rule_table(
        out,
        PAIR_RULES
            .iter()
            .filter(|r| shown(goal, r.goals))
            .map(|r| {
                [
                    format!("`{}`", r.id),
                    goal_list(r.goals),
                    fill(r.when, thresholds),
                    format!("`{}`", r.verdict.as_str()),
                    fill(r.why, thresholds),
                ]
            })
            .collect(),
    );

    let _ = writeln!(
        out,
        "\n## Week rules\n\nEvery week rule of the goal that matches a week is reported beside \
         the week's score; none is applied to a week the range cuts (`partial`).\n"
    );
    write_md_rule_table(
        out,
        WEEK_RULES
            .iter()
            .filter(|r| shown(goal, r.goals))
            .map(|r| {
                [
                    format!("`{}`", r.id),
                    goal_list(r.goals),
                    r.when.to_string(),
                    format!("`{}`", r.verdict.as_str()),
                    r.why.to_string(),
                ]
            })
            .collect(),
    );
}

/// A rule table: rule, goals, when, verdict, why.
fn write_md_rule_table(out: &mut String, rows: Vec<[String; 5]>) {
    let _ = writeln!(
        out,
        "| rule | goals | when | verdict | why (sources) |\n|---|---|---|---|---|"
    );
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// "Thresholds": every flag with its key, default and basis; with a config or flags, the values
/// in force in a column of their own.
fn write_md_thresholds(out: &mut String, thresholds: &Thresholds, defaults: bool) {
    let _ = writeln!(
        out,
        "\n## Thresholds\n\nEvery number the rules use. A flag wins over the `[thresholds]` table \
         of `concur.toml`, which wins over the default.\n"
    );
    let _ = writeln!(
        out,
        "| flag | `concur.toml` key | default | {}meaning | default from |\n|---|---|---|{}---|---|",
        if defaults { "" } else { "in force | " },
        if defaults { "" } else { "---|" }
    );
    for t in &THRESHOLDS {
        let in_force = if defaults {
            String::new()
        } else {
            format!("{} | ", num((t.get)(thresholds)))
        };
        let _ = writeln!(
            out,
            "| `{} {}` | `{}` | {} | {in_force}{} | {} |",
            t.flag(),
            t.unit,
            t.key,
            num(t.default),
            cell(t.meaning),
            cell(t.basis)
        );
    }
}

/// A link as Markdown shows it bare: `<https://...>`.
fn angle_link(l: &str) -> String {
    format!("<{l}>")
}

/// "Sources": the articles, then the studies and guidelines with the article that cites each.
fn write_md_sources(out: &mut String) {
    let _ = writeln!(
        out,
        "\n## Sources\n\nThe rules, the notes and the thresholds' defaults cite these by the \
         name in the first column.\n\n### Articles\n\nThe articles the rules were distilled \
         from.\n\n| source | article | cited for |\n|---|---|---|"
    );
    for s in SOURCES.iter().filter(|s| s.kind == SourceKind::Article) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            s.cite,
            cell(&reference(s, angle_link)),
            cited_for(s)
        );
    }
    let _ = writeln!(
        out,
        "\n### Studies and guidelines\n\nEach study as the article that cites it describes it.\n\n\
         | source | reference | cited by | cited for |\n|---|---|---|---|"
    );
    for s in SOURCES.iter().filter(|s| s.kind != SourceKind::Article) {
        let via = match s.kind {
            SourceKind::Study { via } => via,
            SourceKind::Article | SourceKind::Guideline => "",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {via} | {} |",
            s.cite,
            cell(&reference(s, angle_link)),
            cited_for(s)
        );
    }
}
