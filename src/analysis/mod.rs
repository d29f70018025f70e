//! From workouts to verdicts: [`classify`] turns each workout into sessions (modality,
//! intensity, leg day; a mixed workout into one session per block), [`timeline`] places them in
//! the user's days and finds every strength/cardio pair with its order and gap, and [`judge`]
//! judges each pair and week against the goal by the rules of [`rules`] (the rule table as
//! data, documented in `docs/rules.md`).

pub mod classify;
pub mod judge;
pub mod rules;
pub mod timeline;
