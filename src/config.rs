//! `concur.toml`: the settings a person would otherwise type every week (goal, zone, day start,
//! max HR, thresholds, the export files or folders). Flags override it; a bad key or value is an
//! error naming the file, line and column.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::import::values::parse_time_of_day;
use crate::model::{Goal, Warning};
use crate::settings::THRESHOLDS;
pub use crate::settings::ThresholdOverrides;

/// The name concur looks for in the current folder and in the user's config folder.
pub const FILE_NAME: &str = "concur.toml";

/// The config as written; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    goal: Option<String>,
    tz: Option<String>,
    day_start: Option<String>,
    max_hr: Option<u16>,
    files: Option<Vec<String>>,
    plan_categories: Option<Vec<String>>,
    thresholds: Option<toml::Table>,
}

/// A config, read and checked.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Where it was read from.
    pub path: Option<PathBuf>,
    pub goal: Option<Goal>,
    pub tz: Option<Tz>,
    pub day_start: Option<NaiveTime>,
    pub max_hr: Option<u16>,
    /// Export files and folders, resolved against the config's folder.
    pub files: Vec<PathBuf>,
    /// The calendar categories whose events `concur check` reads (`plan_categories`); `None`:
    /// every event.
    pub plan_categories: Option<Vec<String>>,
    pub thresholds: ThresholdOverrides,
}

/// Where a config is looked for when none is named: `./concur.toml`, then the user's config
/// folder (`~/.config/concur/concur.toml` on Linux).
pub fn default_locations() -> Vec<PathBuf> {
    let mut places = vec![PathBuf::from(FILE_NAME)];
    if let Some(dir) = dirs::config_dir() {
        places.push(dir.join("concur").join(FILE_NAME));
    }
    places
}

/// The config of a run: none with `--no-config`; else the one `--config` names, else the one
/// `CONCUR_CONFIG` names, else the first in the default places, else none.
pub fn for_run(explicit: Option<&Path>, no_config: bool) -> Result<Config> {
    if no_config {
        return Ok(Config::default());
    }
    let env = std::env::var_os("CONCUR_CONFIG").map(PathBuf::from);
    find(explicit.or(env.as_deref()))
}

/// The config named by `--config`, else the first that exists in the default places, else none.
pub fn find(explicit: Option<&Path>) -> Result<Config> {
    if let Some(path) = explicit {
        return load(path);
    }
    match default_locations().into_iter().find(|p| p.is_file()) {
        Some(path) => load(&path),
        None => Ok(Config::default()),
    }
}

/// Line and column (1-based) of a byte offset.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |nl| before.len() - nl - 1) as u64
        + 1;
    (line, col)
}

/// The line and column of `key = ...` in the text, for errors about a value.
fn key_position(text: &str, key: &str) -> (Option<u64>, Option<u64>) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let col = line.len() - trimmed.len() + 1;
            return (Some(i as u64 + 1), Some(col as u64));
        }
    }
    (None, None)
}

pub fn load(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

/// Reads a config's text; `path` names it in errors and anchors relative file paths.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    let raw: Raw = toml::from_str(text).map_err(|e| toml_error(text, path, &e))?;
    let bad = |key: &str, expected: &str, found: &str| bad_value(text, path, key, expected, found);
    let goal = match &raw.goal {
        None => None,
        Some(g) => Some(Goal::parse(g).ok_or_else(|| bad("goal", &Goal::names(), g))?),
    };
    let tz = match &raw.tz {
        None => None,
        Some(z) => Some(
            z.parse::<Tz>()
                .map_err(|_| bad("tz", "an IANA time zone like Europe/Berlin", z))?,
        ),
    };
    let day_start = match &raw.day_start {
        None => None,
        Some(t) => Some(parse_time_of_day(t).ok_or_else(|| bad("day_start", "HH:MM", t))?),
    };
    if let Some(hr) = raw.max_hr
        && !(100..=240).contains(&hr)
    {
        return Err(bad(
            "max_hr",
            "a heart rate from 100 to 240",
            &hr.to_string(),
        ));
    }
    let base = path.parent().unwrap_or(Path::new("."));
    let files = raw
        .files
        .unwrap_or_default()
        .iter()
        .map(|f| resolve(f, base))
        .collect();
    let thresholds = thresholds_of(raw.thresholds.unwrap_or_default(), text, path)?;
    Ok(Config {
        path: Some(path.to_path_buf()),
        goal,
        tz,
        day_start,
        max_hr: raw.max_hr,
        files,
        plan_categories: raw.plan_categories,
        thresholds,
    })
}

/// The error for text that is not TOML, or not a config's keys and types, at the place the TOML
/// reader names.
fn toml_error(text: &str, path: &Path, e: &toml::de::Error) -> Error {
    let (line, col) = e
        .span()
        .map(|span| line_col(text, span.start))
        .map_or((None, None), |(l, c)| (Some(l), Some(c)));
    let message = e.message().trim().replace('\n', " ");
    Error::parse(path, line, col, format!("config: {message}"))
}

/// The error for a key whose value is not what it must be, at the line of `key = ...`.
fn bad_value(text: &str, path: &Path, key: &str, expected: &str, found: &str) -> Error {
    let (line, col) = key_position(text, key);
    Error::parse(
        path,
        line,
        col,
        format!("config key `{key}`: expected {expected}, found {found:?}"),
    )
}

/// The `[thresholds]` table read and checked: every key a threshold, every value a number, and
/// the thresholds together in the order they must keep.
fn thresholds_of(table: toml::Table, text: &str, path: &Path) -> Result<ThresholdOverrides> {
    let mut thresholds = ThresholdOverrides::default();
    for (key, value) in table {
        let number = value
            .as_float()
            .or_else(|| value.as_integer().map(|i| i as f64));
        let Some(number) = number else {
            return Err(bad_value(text, path, &key, "a number", &value.to_string()));
        };
        if !thresholds.set(&key, number) {
            let known: Vec<&str> = THRESHOLDS.iter().map(|t| t.key).collect();
            return Err(bad_value(
                text,
                path,
                &key,
                &format!("a threshold, one of {}", known.join(", ")),
                &key,
            ));
        }
    }
    if let Err(why) = thresholds.thresholds().validate() {
        let (line, _) = key_position(text, "[thresholds]");
        return Err(Error::parse(
            path,
            line.or_else(|| {
                text.lines()
                    .position(|l| l.trim() == "[thresholds]")
                    .map(|i| i as u64 + 1)
            }),
            None,
            format!("config [thresholds]: {}", flags_as_keys(&why)),
        ));
    }
    Ok(thresholds)
}

/// A message about flags (`--warm-up`) said in the config's words (`warm_up`).
fn flags_as_keys(message: &str) -> String {
    THRESHOLDS
        .iter()
        .fold(message.to_string(), |m, t| m.replace(&t.flag(), t.key))
}

/// `~/x` is in the home folder; a relative path is relative to the config's folder.
fn resolve(file: &str, base: &Path) -> PathBuf {
    if let Some(rest) = file.strip_prefix("~/")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    let p = PathBuf::from(file);
    if p.is_absolute() { p } else { base.join(p) }
}

/// How many levels of sub-folders below a named folder are looked into: an unzipped export holds
/// its files a few folders down (Strava's `activities/`, Garmin's
/// `DI_CONNECT/DI-Connect-Uploaded-Files/`, one more where the archive unzipped into a folder of
/// its own name).
pub const SUB_FOLDER_DEPTH: usize = 3;

/// Files named directly, and the export files inside named folders and their sub-folders (to
/// [`SUB_FOLDER_DEPTH`] levels; links to folders are not followed) by the extensions the
/// importers declare (`.csv`, `.json`, ...), in name order, with the set of those found in
/// folders. An entry of a folder that looks like an export but cannot be read as a file (a link
/// that leads nowhere, or to itself) is left out with a warning naming it, and so, in one
/// warning a folder, are its files of other kinds and the tracks in an export's folders of
/// routes (Apple Health's `workout-routes/`): the rest of the folder is still worth reading, and
/// the user should hear what was not. Hidden files and folders (`.DS_Store`, `.git`) are passed
/// over in silence.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, HashSet<PathBuf>, Vec<Warning>)> {
    let mut out = Vec::new();
    let mut in_folders = HashSet::new();
    let mut warnings = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut walk = FolderWalk::default();
        walk.walk(path, path, 0)?;
        let FolderWalk {
            mut found,
            mut unreadable,
            mut other_kinds,
            mut attachments,
        } = walk;
        found.sort();
        unreadable.sort_by(|a, b| a.0.cmp(&b.0));
        for (entry, e) in unreadable {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "a link to a file that does not exist".to_string(),
                // "Too many levels of symbolic links" for a loop, in the system's words.
                _ => crate::error::why(&e),
            };
            warnings.push(Warning {
                kind: crate::model::WarningKind::File,
                file: Some(entry.display().to_string()),
                line: None,
                message: format!("not read: {why}"),
            });
        }
        if found.is_empty() {
            return Err(Error::Io {
                path: path.clone(),
                source: std::io::Error::other(format!(
                    "is a folder with no export in it (no {} file)",
                    crate::import::export_extensions()
                )),
            });
        }
        if !other_kinds.is_empty() {
            other_kinds.sort();
            warnings.push(other_kinds_warning(path, &other_kinds));
        }
        if !attachments.is_empty() {
            attachments.sort();
            warnings.push(Warning {
                kind: crate::model::WarningKind::File,
                file: Some(path.display().to_string()),
                line: None,
                message: format!(
                    "not read: {}",
                    crate::import::some_names(
                        &attachments,
                        crate::import::archive::ATTACHMENTS_ARE
                    )
                ),
            });
        }
        in_folders.extend(found.iter().cloned());
        out.extend(found);
    }
    Ok((out, in_folders, warnings))
}

/// What a named folder holds, sorted out: export files, entries that cannot be read, files of
/// other kinds (named relative to the folder), and tracks in folders of routes.
#[derive(Default)]
struct FolderWalk {
    found: Vec<PathBuf>,
    unreadable: Vec<(PathBuf, std::io::Error)>,
    other_kinds: Vec<PathBuf>,
    attachments: Vec<PathBuf>,
}

impl FolderWalk {
    fn walk(&mut self, named: &Path, folder: &Path, depth: usize) -> Result<()> {
        let entries = std::fs::read_dir(folder).map_err(|source| Error::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        let export = crate::import::is_export_name;
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            let relative = path.strip_prefix(named).unwrap_or(&path).to_path_buf();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // The entry itself, not where a link leads: a link to a folder is not followed (a
            // link to a folder above would be a loop).
            let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_folder {
                if !hidden && depth < SUB_FOLDER_DEPTH {
                    // A sub-folder that cannot be listed is one more entry not read.
                    if let Err(Error::Io { path, source }) = self.walk(named, &path, depth + 1) {
                        self.unreadable.push((path, source));
                    }
                }
                continue;
            }
            if !export(&path) {
                if !hidden && path.is_file() {
                    self.other_kinds.push(relative);
                }
                continue;
            }
            if hidden {
                continue;
            }
            if crate::import::archive::in_attachment_folder(&relative) {
                self.attachments.push(relative);
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => self.found.push(path),
                Ok(_) => {}
                Err(e) => self.unreadable.push((path, e)),
            }
        }
        Ok(())
    }
}

/// The one warning that names a folder's files of kinds concur does not read: how many, and the
/// first few by name.
pub(crate) fn other_kinds_warning(folder: &Path, files: &[PathBuf]) -> Warning {
    Warning {
        kind: crate::model::WarningKind::File,
        file: Some(folder.display().to_string()),
        line: None,
        message: format!(
            "not read: {}",
            crate::import::some_names(files, " of a kind concur does not read")
        ),
    }
}

/// What `concur init` writes: every key, commented, with the defaults.
pub fn template(goal: Goal, tz: Tz) -> String {
    let goal_line = format!("goal = \"{goal}\"");
    let thresholds: String = THRESHOLDS
        .iter()
        .map(|t| {
            let setting = format!("{} = {}", t.key, t.default);
            format!("# {setting:<22} # {}\n", t.meaning)
        })
        .collect();
    format!(
        r#"# concur.toml: what `concur analyze`, `review` and `check` use when a flag does not say.
# Flags always win over this file. concur looks for it in the current folder, then in
# ~/.config/concur/concur.toml (or give one with --config FILE).

# Your goal: strength, hypertrophy (muscle), fat-loss, endurance, general (health) or hybrid.
{goal_line}

# The time zone your workouts were logged in (an IANA name). It must be where the apps
# recorded their local times: with a wrong zone, sessions from an app that writes local times
# and one that writes UTC (Strava) shift against each other, and every gap between them is off.
tz = "{tz}"

# When your training day begins: with "04:00", a 01:30 run belongs to the evening before.
day_start = "00:00"

# Your maximum heart rate, for the heart-rate intensity bands. Without it concur uses the
# highest heart rate in your logs.
# max_hr = 190

# Your export files (a .zip as downloaded too), or folders holding them (every export in them,
# and in their sub-folders three levels down, is read).
# Relative paths are relative to this file; ~/ is your home folder.
files = [
  # "exports/strong.csv",
  # "exports/strava/activities.csv",
]

# `concur check` of a planned week in a calendar (.ics): only the events with one of these
# categories count (a calendar of everything holds meetings too). Without it, every event.
# plan_categories = ["Training"]

# The numbers of the guidance, with their defaults.
[thresholds]
{thresholds}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config> {
        parse(text, Path::new("/home/a/concur.toml"))
    }

    #[test]
    fn the_template_reads_back() {
        let text = template(Goal::Endurance, "Europe/Berlin".parse().unwrap());
        let c = parse_str(&text).unwrap();
        assert_eq!(c.goal, Some(Goal::Endurance));
        assert_eq!(c.tz, Some("Europe/Berlin".parse().unwrap()));
        assert_eq!(c.day_start, Some(NaiveTime::MIN));
        assert!(c.files.is_empty());
        assert_eq!(c.thresholds, ThresholdOverrides::default());
    }

    #[test]
    fn every_key() {
        let c = parse_str(
            "goal = 'muscle'\ntz = 'America/New_York'\nday_start = '04:00'\nmax_hr = 188\n\
             files = ['logs', '/abs/strava.csv']\nplan_categories = ['Training', 'Gym']\n\
             [thresholds]\nlong = 45\nrpe_hard = 8\n",
        )
        .unwrap();
        assert_eq!(c.goal, Some(Goal::Hypertrophy));
        assert_eq!(c.max_hr, Some(188));
        assert_eq!(
            c.plan_categories,
            Some(vec!["Training".to_string(), "Gym".to_string()])
        );
        assert_eq!(
            c.files,
            vec![
                PathBuf::from("/home/a/logs"),
                PathBuf::from("/abs/strava.csv")
            ]
        );
        let t = c.thresholds.thresholds();
        assert_eq!(
            (t.long_minutes, t.rpe_hard, t.separation_hours),
            (45.0, 8.0, 6.0)
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let e = parse_str("goal = 'strength'\ngaol = 'x'\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("/home/a/concur.toml:2:1: "), "{e}");
        assert!(e.contains("gaol"), "{e}");
    }

    #[test]
    fn a_bad_value_is_named_with_its_line() {
        let e = parse_str("# c\ntz = 'Mars/Olympus'\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("/home/a/concur.toml:2:1: config key `tz`"),
            "{e}"
        );
        let e = parse_str("max_hr = 'high'\n").unwrap_err().to_string();
        assert!(e.starts_with("/home/a/concur.toml:1:"), "{e}");
        let e = parse_str("[thresholds]\nwarm_up = 50\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("[thresholds]"), "{e}");
    }

    #[test]
    fn flags_win_over_the_config() {
        let mut config = ThresholdOverrides::default();
        assert!(config.set("long", 45.0) && config.set("warm_up", 15.0));
        let mut flags = ThresholdOverrides::default();
        assert!(flags.set("long", 50.0));
        assert!(!flags.set("longest", 50.0));
        let t = flags.over(&config).thresholds();
        assert_eq!((t.long_minutes, t.warm_up_minutes), (50.0, 15.0));
    }
}
