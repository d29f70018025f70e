//! The thresholds of GUIDANCE.md and the user's calendar, with GUIDANCE.md's defaults. Every
//! stage reads them from here, so that a flag changes one number everywhere.

use std::collections::HashMap;

use chrono::NaiveTime;
use chrono_tz::Tz;

/// Every number GUIDANCE.md names, with its default.
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

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            separation_hours: 6.0,
            back_to_back_minutes: 30.0,
            cool_down_minutes: 10.0,
            warm_up_minutes: 20.0,
            long_minutes: 40.0,
            rpe_moderate: 5.0,
            rpe_hard: 7.0,
            hr_moderate_pct: 64.0,
            hr_hard_pct: 77.0,
        }
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
}

impl Settings {
    pub fn new(tz: Tz) -> Settings {
        Settings {
            tz,
            day_start: NaiveTime::MIN,
            max_hr: None,
            thresholds: Thresholds::default(),
            file_zones: HashMap::new(),
        }
    }

    /// The zone a file's wall-clock times are in.
    pub fn zone_of(&self, file: &str) -> Tz {
        if self.file_zones.is_empty() {
            self.tz
        } else {
            self.file_zones.get(file).copied().unwrap_or(self.tz)
        }
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
