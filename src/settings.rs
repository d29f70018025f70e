//! The thresholds the rules use, with their defaults and where each default comes from, and the
//! user's calendar. Every stage reads them from here, so that a flag changes one number
//! everywhere; docs/rules.md lists them (`concur rules --format markdown`).

use std::collections::HashMap;

use chrono::NaiveTime;
use chrono_tz::Tz;

/// Every number the rules use; [`THRESHOLDS`] names each and holds its default.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Thresholds {
    /// At or above this many hours apart, order stops mattering (gap class `separated`).
    pub separation_hours: f64,
    /// At or below this many minutes apart, two sessions are `back-to-back`.
    pub back_to_back_minutes: f64,
    /// Cardio at or below this length is a `cool-down`.
    pub cool_down_minutes: f64,
    /// Cardio at or below this length is a `warm-up`.
    pub warm_up_minutes: f64,
    /// Cardio above this length is `long`.
    pub long_minutes: f64,
    /// RPE at or above this is moderate; below it, easy.
    pub rpe_moderate: f64,
    /// RPE at or above this is hard.
    pub rpe_hard: f64,
    /// Average HR at or above this percentage of max HR is moderate.
    pub hr_moderate_pct: f64,
    /// Average HR at or above this percentage of max HR is hard.
    pub hr_hard_pct: f64,
}

/// One threshold, as everything that names it reads it: the flag (`--separation-hours`), the
/// `concur.toml` key under `[thresholds]` (`separation_hours`), `concur init`'s template,
/// `concur rules` and docs/rules.md, the README's table of options; with its default, what it
/// means and where the default comes from.
pub struct Threshold {
    /// The key in `concur.toml`.
    pub key: &'static str,
    /// The flag, without its dashes: the key with `-` for `_`.
    pub flag: &'static str,
    /// The unit the value is given in, as the flag's value name.
    pub unit: &'static str,
    pub default: f64,
    /// What the value means, after the value and unit ("6 h: ...").
    pub meaning: &'static str,
    /// Where the default comes from, citing [`crate::analysis::rules::SOURCES`] by name.
    pub basis: &'static str,
    pub get: fn(&Thresholds) -> f64,
    set: fn(&mut Thresholds, f64),
}

impl Threshold {
    /// The flag as typed: `--separation-hours`.
    pub fn flag(&self) -> String {
        format!("--{}", self.flag)
    }
}

/// Every threshold, with its default, in the order they are listed everywhere.
pub static THRESHOLDS: [Threshold; 9] = [
    Threshold {
        key: "separation_hours",
        flag: "separation-hours",
        unit: "HOURS",
        default: 6.0,
        meaning: "hours apart from which the order no longer matters",
        basis: "Planfit, citing Ferguson 2025; Blitz45; Fitro; Well+Good, citing Robineau 2016",
        get: |t| t.separation_hours,
        set: |t, v| t.separation_hours = v,
    },
    Threshold {
        key: "back_to_back",
        flag: "back-to-back",
        unit: "MIN",
        default: 30.0,
        meaning: "minutes apart up to which two sessions are back-to-back",
        basis: "concur's own line; no rule depends on it, it only names a gap",
        get: |t| t.back_to_back_minutes,
        set: |t, v| t.back_to_back_minutes = v,
    },
    Threshold {
        key: "cool_down",
        flag: "cool-down",
        unit: "MIN",
        default: 10.0,
        meaning: "minutes: cardio up to this long is a cool-down",
        basis: "Blitz45: 5–10 min of easy cardio after lifting (3–5 min as a cool-down)",
        get: |t| t.cool_down_minutes,
        set: |t, v| t.cool_down_minutes = v,
    },
    Threshold {
        key: "warm_up",
        flag: "warm-up",
        unit: "MIN",
        default: 20.0,
        meaning: "minutes: cardio up to this long is a warm-up",
        basis: "Planfit: a 15–20 min warm-up jog",
        get: |t| t.warm_up_minutes,
        set: |t, v| t.warm_up_minutes = v,
    },
    Threshold {
        key: "long",
        flag: "long",
        unit: "MIN",
        default: 40.0,
        meaning: "minutes: cardio longer than this is long",
        basis: "Fitro: 20–40 min of low-to-moderate cardio after lifting",
        get: |t| t.long_minutes,
        set: |t, v| t.long_minutes = v,
    },
    Threshold {
        key: "rpe_moderate",
        flag: "rpe-moderate",
        unit: "RPE",
        default: 5.0,
        meaning: "RPE from which cardio is moderate",
        basis: "concur's own line between easy and moderate",
        get: |t| t.rpe_moderate,
        set: |t, v| t.rpe_moderate = v,
    },
    Threshold {
        key: "rpe_hard",
        flag: "rpe-hard",
        unit: "RPE",
        default: 7.0,
        meaning: "RPE from which cardio is hard",
        basis: "Well+Good: no more than 6/10 effort after a leg day, on the CDC's 0–10 scale",
        get: |t| t.rpe_hard,
        set: |t, v| t.rpe_hard = v,
    },
    Threshold {
        key: "hr_moderate",
        flag: "hr-moderate",
        unit: "PCT",
        default: 64.0,
        meaning: "average heart rate, in % of max, from which cardio is moderate",
        basis: "ACSM/CDC",
        get: |t| t.hr_moderate_pct,
        set: |t, v| t.hr_moderate_pct = v,
    },
    Threshold {
        key: "hr_hard",
        flag: "hr-hard",
        unit: "PCT",
        default: 77.0,
        meaning: "average heart rate, in % of max, from which cardio is hard",
        basis: "ACSM/CDC",
        get: |t| t.hr_hard_pct,
        set: |t, v| t.hr_hard_pct = v,
    },
];

impl Default for Thresholds {
    fn default() -> Thresholds {
        let mut t = Thresholds {
            separation_hours: 0.0,
            back_to_back_minutes: 0.0,
            cool_down_minutes: 0.0,
            warm_up_minutes: 0.0,
            long_minutes: 0.0,
            rpe_moderate: 0.0,
            rpe_hard: 0.0,
            hr_moderate_pct: 0.0,
            hr_hard_pct: 0.0,
        };
        for threshold in &THRESHOLDS {
            (threshold.set)(&mut t, threshold.default);
        }
        t
    }
}

/// Thresholds set by a config or by flags, by their place in [`THRESHOLDS`]; the rest keep
/// their defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThresholdOverrides([Option<f64>; THRESHOLDS.len()]);

impl ThresholdOverrides {
    /// Sets the threshold of this config key; false for a key that names none.
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        match THRESHOLDS.iter().position(|t| t.key == key) {
            Some(i) => {
                self.0[i] = Some(value);
                true
            }
            None => false,
        }
    }

    /// These values over `base`.
    pub fn over(&self, base: &ThresholdOverrides) -> ThresholdOverrides {
        let mut out = base.clone();
        for (value, mine) in out.0.iter_mut().zip(&self.0) {
            *value = mine.or(*value);
        }
        out
    }

    /// The thresholds in force: these values, and the defaults for the rest.
    pub fn thresholds(&self) -> Thresholds {
        let mut t = Thresholds::default();
        for (threshold, value) in THRESHOLDS.iter().zip(&self.0) {
            if let Some(value) = value {
                (threshold.set)(&mut t, *value);
            }
        }
        t
    }
}

impl Thresholds {
    pub fn separation_minutes(&self) -> f64 {
        self.separation_hours * 60.0
    }

    /// Checks that the numbers make sense together; names the flag that does not.
    pub fn validate(&self) -> Result<(), String> {
        let positive = [
            ("--separation-hours", self.separation_hours),
            ("--back-to-back", self.back_to_back_minutes),
            ("--cool-down", self.cool_down_minutes),
            ("--warm-up", self.warm_up_minutes),
            ("--long", self.long_minutes),
        ];
        for (flag, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!("{flag} must be a positive number, got {value}"));
            }
        }
        if self.back_to_back_minutes >= self.separation_minutes() {
            return Err("--back-to-back must be shorter than --separation-hours".into());
        }
        if !(self.cool_down_minutes <= self.warm_up_minutes
            && self.warm_up_minutes <= self.long_minutes)
        {
            return Err("cardio lengths must grow: --cool-down <= --warm-up <= --long".into());
        }
        if !(1.0..=10.0).contains(&self.rpe_moderate)
            || !(1.0..=10.0).contains(&self.rpe_hard)
            || self.rpe_moderate > self.rpe_hard
        {
            return Err("RPE bands must lie in 1..=10 with --rpe-moderate <= --rpe-hard".into());
        }
        if !(0.0..=100.0).contains(&self.hr_moderate_pct)
            || !(0.0..=100.0).contains(&self.hr_hard_pct)
            || self.hr_moderate_pct > self.hr_hard_pct
        {
            return Err(
                "heart-rate bands must lie in 0..=100 % with --hr-moderate <= --hr-hard".into(),
            );
        }
        Ok(())
    }
}

/// Everything about the user that turns logged records into days and verdicts.
#[derive(Clone, Debug)]
pub struct Settings {
    pub tz: Tz,
    /// The time of day at which a new training day begins (a 01:00 run after a late lift still
    /// belongs to the evening before when this is, say, 04:00).
    pub day_start: NaiveTime,
    /// The user's maximum heart rate; when absent, the highest heart rate in the logs is used.
    pub max_hr: Option<f64>,
    pub thresholds: Thresholds,
    /// Zones for the wall-clock times of particular files (`--tz-of`), by the file's name as
    /// given: a log recorded while travelling. Times with an offset are not affected.
    pub file_zones: HashMap<String, Tz>,
    /// The files are a plan (`concur check`): sessions dated after today are the point, not a
    /// typo in the year.
    pub plan: bool,
}

impl Settings {
    pub fn new(tz: Tz) -> Settings {
        Settings {
            tz,
            day_start: NaiveTime::MIN,
            max_hr: None,
            thresholds: Thresholds::default(),
            file_zones: HashMap::new(),
            plan: false,
        }
    }

    /// The zone a file's wall-clock times are in: its own, or that of the archive it was read
    /// from (`export.zip/activities.csv` is in the zone given for `export.zip`).
    pub fn zone_of(&self, file: &str) -> Tz {
        if self.file_zones.is_empty() {
            return self.tz;
        }
        if let Some(zone) = self.file_zones.get(file) {
            return *zone;
        }
        let mut holder = file;
        while let Some((outer, _)) = holder.rsplit_once('/') {
            if let Some(zone) = self.file_zones.get(outer) {
                return *zone;
            }
            holder = outer;
        }
        self.tz
    }
}

/// The zone of this machine, by IANA name: `TZ` first, then the system's setting, else UTC.
pub fn system_zone() -> Tz {
    if let Ok(name) = std::env::var("TZ") {
        let name = name.trim_start_matches(':');
        if let Ok(tz) = name.parse::<Tz>() {
            return tz;
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_threshold_is_named_once_and_read_back_by_its_key() {
        let mut overrides = ThresholdOverrides::default();
        for (i, threshold) in THRESHOLDS.iter().enumerate() {
            assert_eq!(threshold.flag, threshold.key.replace('_', "-"));
            assert_eq!((threshold.get)(&Thresholds::default()), threshold.default);
            assert!(overrides.set(threshold.key, 100.0 + i as f64));
        }
        let t = overrides.thresholds();
        for (i, threshold) in THRESHOLDS.iter().enumerate() {
            assert_eq!((threshold.get)(&t), 100.0 + i as f64, "{}", threshold.key);
        }
    }

    #[test]
    fn the_readme_lists_every_threshold_with_its_default() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("the README");
        for threshold in &THRESHOLDS {
            let flag = threshold.flag();
            let row = readme
                .lines()
                .find(|l| l.starts_with('|') && l.contains(&format!("`{flag}")))
                .unwrap_or_else(|| panic!("README's options table has {flag}"));
            let defaults: Vec<&str> = row.rsplit('|').nth(1).unwrap().split(',').collect();
            assert!(
                defaults
                    .iter()
                    .any(|d| d.trim().trim_matches('`') == threshold.default.to_string()),
                "README gives {flag} its default {}: {row}",
                threshold.default
            );
        }
    }
}
