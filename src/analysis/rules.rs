//! The rules as data: the pair and week rules, the sources they cite, the evidence notes and
//! the score. `concur rules` prints them, and `docs/rules.md` is its Markdown output
//! (`concur rules --format markdown --no-config`), so the page and the code cannot disagree.
//! Pair rules are tried in order and the first that matches decides.

use crate::analysis::timeline::GapClass;
use crate::model::{Goal, Intensity, Modality, Verdict};
use crate::settings::Thresholds;

use Goal::*;

/// What the rules may ask about a pair.
#[derive(Clone, Debug)]
pub struct PairFacts {
    pub goal: Goal,
    /// Which of the two came first.
    pub first: Modality,
    pub gap_minutes: f64,
    pub gap_class: GapClass,
    pub cardio_minutes: f64,
    pub cardio_intensity: Intensity,
    pub leg_day: bool,
}

impl PairFacts {
    fn strength_first(&self) -> bool {
        self.first == Modality::Strength
    }
    fn cardio_first(&self) -> bool {
        self.first == Modality::Cardio
    }
    fn hard(&self) -> bool {
        self.cardio_intensity.is_hard()
    }
}

pub struct PairRule {
    pub id: &'static str,
    pub goals: &'static [Goal],
    /// The condition, in the words of docs/rules.md's terms; `{sep}` as in `reason`.
    pub when: &'static str,
    pub verdict: Verdict,
    /// The reason a report gives, short enough for a table cell; `{sep}` stands for the
    /// separation threshold in force (see [`fill`]).
    pub reason: &'static str,
    /// The full reason with its sources, for `concur rules`: each source by its
    /// [`Source::cite`] name.
    pub why: &'static str,
    /// What `concur review` suggests when this rule decides a pair, with `{day}`, `{cardio}`,
    /// `{strength}`, `{gap}`, `{goal}`, `{sep}` and `{long}` to fill; empty for a rule that
    /// finds nothing to change.
    pub advice: &'static str,
    pub test: fn(&PairFacts, &Thresholds) -> bool,
}

const ANY: &[Goal] = &Goal::ALL;
const LIFTING: &[Goal] = &[Strength, Hypertrophy, FatLoss];

pub static PAIR_RULES: &[PairRule] = &[
    PairRule {
        id: "S1",
        goals: ANY,
        when: "gap is `separated` (>= {sep} h, same day)",
        verdict: Verdict::Aligned,
        reason: "{sep} h or more apart, so the order no longer matters",
        why: "the interference signal quiets down within ~6 h; order no longer matters (Ferguson 2025; Robineau 2016)",
        advice: "",
        test: |f, _| f.gap_class == GapClass::Separated,
    },
    PairRule {
        id: "L1",
        goals: &[Strength, Hypertrophy, FatLoss, General, Hybrid],
        when: "strength is a leg day, then `hard` cardio, gap < {sep} h",
        verdict: Verdict::Caution,
        reason: "hard cardio on legs fatigued by a leg day raises injury risk; keep it at 6/10 effort or less",
        why: "fatigued legs raise injury risk under hard cardio; keep it <= 6/10 effort (Well+Good)",
        advice: "{day}: {cardio} came {gap} after {strength}; keep cardio after leg days at 6/10 effort or less, or put it on another day.",
        test: |f, _| {
            f.leg_day && f.strength_first() && f.hard() && f.gap_class != GapClass::Separated
        },
    },
    PairRule {
        id: "W1",
        goals: LIFTING,
        when: "strength then cardio, cardio is `hard` or `long`",
        verdict: Verdict::Caution,
        reason: "cardio after lifting should stay easy to moderate; long or hard cardio belongs {sep} h or more away",
        why: "post-lift cardio should stay easy to moderate; long or hard cardio belongs >= {sep} h away (Blitz45; Fitro)",
        advice: "{day}: {cardio} came {gap} after {strength}; after lifting keep cardio easy and under {long} min, or move it {sep}+ h away.",
        test: |f, t| f.strength_first() && (f.hard() || f.cardio_minutes > t.long_minutes),
    },
    PairRule {
        id: "W2",
        goals: LIFTING,
        when: "strength then cardio",
        verdict: Verdict::Aligned,
        reason: "weights first: the priority work done fresh",
        why: "priority work done fresh (Planfit; Ferguson 2025)",
        advice: "",
        test: |f, _| f.strength_first(),
    },
    PairRule {
        id: "W3",
        goals: LIFTING,
        when: "cardio then strength, cardio is `warm-up` length and not `hard`",
        verdict: Verdict::Aligned,
        reason: "a short easy warm-up costs almost nothing on the bar",
        why: "a short easy warm-up costs almost nothing on the bar (Planfit)",
        advice: "",
        test: |f, t| f.cardio_first() && f.cardio_minutes <= t.warm_up_minutes && !f.hard(),
    },
    PairRule {
        id: "W4",
        goals: LIFTING,
        when: "cardio then strength, otherwise",
        verdict: Verdict::Conflict,
        reason: "cardio first pre-fatigues the lift: likely costs some strength and muscle adaptation",
        why: "pre-fatigue: fewer motor units, smaller stimulus; AMPK blunts mTOR (Planfit; Ferguson 2025). For fat-loss: lifting fresh is what protects muscle in a deficit (Terada 2024)",
        advice: "{day}: {cardio} came {gap} before {strength}; for a {goal} goal move it after lifting or {sep}+ h away.",
        test: |f, _| f.cardio_first(),
    },
    PairRule {
        id: "E1",
        goals: &[Endurance],
        when: "cardio then strength",
        verdict: Verdict::Aligned,
        reason: "cardio first: key cardio done fresh",
        why: "key cardio done fresh (Planfit; Fitro; Well+Good)",
        advice: "",
        test: |f, _| f.cardio_first(),
    },
    PairRule {
        id: "E2",
        goals: &[Endurance],
        when: "strength then cardio, cardio is `cool-down` length and not `hard`",
        verdict: Verdict::Aligned,
        reason: "a short easy cool-down after lifting is fine",
        why: "a short easy cool-down is fine (Blitz45)",
        advice: "",
        test: |f, t| f.strength_first() && f.cardio_minutes <= t.cool_down_minutes && !f.hard(),
    },
    PairRule {
        id: "E3",
        goals: &[Endurance],
        when: "strength then cardio, strength is a leg day",
        verdict: Verdict::Conflict,
        reason: "a leg day before the cardio compromises the run and raises injury risk",
        why: "lifting legs before the key run compromises the run and raises injury risk (Carlson in Well+Good; Robineau 2016)",
        advice: "{day}: {strength} came {gap} before {cardio}; for an endurance goal do the cardio first, or lift legs on another day.",
        test: |f, _| f.strength_first() && f.leg_day,
    },
    PairRule {
        id: "E4",
        goals: &[Endurance],
        when: "strength then cardio, otherwise",
        verdict: Verdict::Conflict,
        reason: "lifting first depletes glycogen and pre-fatigues the muscles the cardio needs",
        why: "lifting first depletes glycogen and pre-fatigues the muscles the cardio needs (Planfit; Patton 2019)",
        advice: "{day}: {strength} came {gap} before {cardio}; for an endurance goal do the cardio first, or {sep}+ h apart.",
        test: |f, _| f.strength_first(),
    },
    PairRule {
        id: "H1",
        goals: &[Hybrid],
        when: "strength then cardio, cardio `hard`",
        verdict: Verdict::Caution,
        reason: "race-specific, but hard cardio on fatigued legs is for advanced athletes",
        why: "race-specific, but hard running on fatigued legs is for advanced athletes (Churchill in Well+Good)",
        advice: "{day}: {cardio} came {gap} after {strength}; good race practice, but keep hard running on tired legs to a few sessions.",
        test: |f, _| f.strength_first() && f.hard(),
    },
    PairRule {
        id: "H2",
        goals: &[Hybrid],
        when: "any other pair",
        verdict: Verdict::Aligned,
        reason: "both orders have a place in hybrid racing",
        why: "both orders have a place in hybrid racing (Churchill in Well+Good)",
        advice: "",
        test: |_, _| true,
    },
    PairRule {
        id: "G1",
        goals: &[General],
        when: "any pair",
        verdict: Verdict::Aligned,
        reason: "for health the order is not the big lever; doing both is",
        why: "order is not the big lever for health; consistency is (Planfit; Terada 2024)",
        advice: "",
        test: |_, _| true,
    },
];

/// What the week rules may ask about a week.
#[derive(Clone, Copy, Debug)]
pub struct WeekFacts {
    pub goal: Goal,
    pub strength_sessions: usize,
    pub cardio_sessions: usize,
}

pub struct WeekRule {
    pub id: &'static str,
    pub goals: &'static [Goal],
    pub when: &'static str,
    pub verdict: Verdict,
    pub reason: &'static str,
    pub why: &'static str,
    /// What `concur review` suggests when this rule fires, with `{goal}` to fill.
    pub advice: &'static str,
    pub test: fn(&WeekFacts) -> bool,
}

pub static WEEK_RULES: &[WeekRule] = &[
    WeekRule {
        id: "B1",
        goals: &[General, FatLoss, Hybrid],
        when: "the week has cardio but no strength, or strength but no cardio",
        verdict: Verdict::Caution,
        reason: "only one kind of training this week; combined training beats either alone",
        why: "combined training beats aerobic training alone for fitness, lean mass and body fat (Terada 2024: SMD 0.26, +0.78 kg lean mass, -2.2% body fat)",
        advice: "The week had only one kind of training; for a {goal} goal plan at least one strength and one cardio session.",
        test: |w| (w.strength_sessions == 0) != (w.cardio_sessions == 0),
    },
    WeekRule {
        id: "B2",
        goals: &[Strength, Hypertrophy],
        when: "the week has no strength session",
        verdict: Verdict::Conflict,
        reason: "no strength session this week: the priority work did not happen",
        why: "the priority work did not happen",
        advice: "No strength session this week: the priority work for your goal did not happen; plan at least one.",
        test: |w| w.strength_sessions == 0,
    },
    WeekRule {
        id: "B3",
        goals: &[Endurance],
        when: "the week has no cardio session",
        verdict: Verdict::Conflict,
        reason: "no cardio session this week: the priority work did not happen",
        why: "the priority work did not happen",
        advice: "No cardio session this week: the priority work for your goal did not happen; plan at least one.",
        test: |w| w.cardio_sessions == 0,
    },
];

/// What a day's verdict is made of.
pub const DAY_VERDICT: &str = "A day's verdict is the worst verdict of its pairs (`conflict` \
     over `caution` over `aligned`); a day without pairs has the verdict `none`.";

/// How a score is reached; [`score`] computes it.
pub const SCORE: &str = "Each pair scores aligned 1, caution 0.5, conflict 0. The score of a \
     period (a week, the whole range) is 100 x the mean over its pairs, rounded to one decimal; a \
     period without pairs has no score (`null` in JSON, `–` in tables), not 100. Week rules are \
     reported beside the score, not folded into it.";

/// What the evidence does and does not say: shown wherever a verdict is read (`concur rules`,
/// the HTML report), so that no report overstates it.
pub const EVIDENCE_NOTES: &[&str] = &[
    "The interference effect is real in acute signalling, and asymmetric: endurance work interferes with strength adaptations more than the reverse (Ferguson 2025, cited by Planfit).",
    "A 2022 meta-analysis (Schumann 2022, Sports Med, cited by Well+Good) found concurrent training did not compromise hypertrophy or maximal strength, even in the same session; it slightly blunted explosive strength. So a `conflict` means \"likely costs some adaptation\", not \"kills gains\".",
    "One rat study (Ogasawara 2014, cited by Steel Supplements) found the opposite order worse for protein synthesis; an animal model, one study. Lundberg 2013 saw aerobic exercise 6 h before lifting add muscle.",
    "Intensity matters more than duration; hard cardio next to lifting is the main risk (Planfit; Fitro; Well+Good).",
];

/// What kind of source a [`Source`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// One of the articles the rules were distilled from.
    Article,
    /// A study, as the article named (by its [`Source::cite`]) describes and cites it.
    Study { via: &'static str },
    /// A published guideline the articles do not give.
    Guideline,
}

/// A source the rules, the evidence notes or a threshold's basis cite. Each is listed once
/// here and cited everywhere else by its [`Source::cite`] name.
pub struct Source {
    /// The name citations use: `Planfit`, `Ferguson 2025`.
    pub cite: &'static str,
    pub kind: SourceKind,
    /// Title, author and publisher of an article; authors, title, journal and year of a study.
    pub reference: &'static str,
    /// Where to read it (a study's DOI); empty where no address is known.
    pub link: &'static str,
    /// What it is, or a caveat the rules' own words do not give.
    pub note: &'static str,
}

/// Every source, each once: the articles first, then the studies they cite, then guidelines.
pub static SOURCES: &[Source] = &[
    Source {
        cite: "Planfit",
        kind: SourceKind::Article,
        reference: "“Cardio before or after weights: why the order depends on your goal”, Planfit (the blog of the Planfit training app; no author named)",
        link: "",
        note: "Which order suits which goal, and the studies behind it.",
    },
    Source {
        cite: "Steel Supplements",
        kind: SourceKind::Article,
        reference: "Paul Henning, “The best order of exercise to optimize your training results”, Steel Supplements blog, 3 July 2022",
        link: "https://steelsupplements.com/blogs/steel-blog/the-best-order-of-exercise-to-optimize-your-training-results",
        note: "One rat study on exercise order, read as a case for cardio before lifting.",
    },
    Source {
        cite: "Blitz45",
        kind: SourceKind::Article,
        reference: "Coach Diana, “Cardio and Strength: Which Comes First — and Why It Matters”, Blitz45 Fitness, Madison",
        link: "",
        note: "A coach's advice to lifters who also train for a race.",
    },
    Source {
        cite: "Fitro",
        kind: SourceKind::Article,
        reference: "Jordan, “Running After Lifting: Benefits, Drawbacks, and Optimizing Your Routine”, Fitro",
        link: "https://fitro.info/running-after-lifting-explained",
        note: "Whether running after lifting is bad, and how to arrange the two.",
    },
    Source {
        cite: "Well+Good",
        kind: SourceKind::Article,
        reference: "“Can You Do Cardio After Leg Day? Here’s What Science Says About FitTok’s Most Recent Debate”, Well+Good (no author named)",
        link: "https://wellandgood.com/?p=1209617",
        note: "Cardio after leg day, with the exercise physiologist Luke Carlson (Discover Strength) and the trainer Dan Churchill (Centr).",
    },
    Source {
        cite: "Ferguson 2025",
        kind: SourceKind::Study { via: "Planfit" },
        reference: "Ferguson RA et al. Power and Endurance: Polar Opposites or Willing Partners? Med Sci Sports Exerc, 2025",
        link: "https://doi.org/10.1249/MSS.0000000000003793",
        note: "",
    },
    Source {
        cite: "Terada 2024",
        kind: SourceKind::Study { via: "Planfit" },
        reference: "Terada T et al. Effects of muscle strength training combined with aerobic training versus aerobic training alone on cardiovascular disease risk indicators in patients with coronary artery disease: a systematic review and meta-analysis of randomised clinical trials. Br J Sports Med, 2024",
        link: "https://doi.org/10.1136/bjsports-2024-108530",
        note: "23 randomised trials, 916 participants. They had coronary artery disease, as the title says; Planfit applies the result to training in general.",
    },
    Source {
        cite: "Patton 2019",
        kind: SourceKind::Study { via: "Planfit" },
        reference: "Patton K. Fueling and Recovery. Sports Med Arthrosc Rev, 2019",
        link: "https://doi.org/10.1097/JSA.0000000000000213",
        note: "",
    },
    Source {
        cite: "Robineau 2016",
        kind: SourceKind::Study { via: "Well+Good" },
        reference: "Robineau J, Babault N, Piscione J, Lacome M, Bigard AX. Specific Training Effects of Concurrent Aerobic and Strength Exercises Depend on Recovery Duration. J Strength Cond Res 30(3):672–683, 2016",
        link: "https://doi.org/10.1519/JSC.0000000000000798",
        note: "",
    },
    Source {
        cite: "Schumann 2022",
        kind: SourceKind::Study { via: "Well+Good" },
        reference: "Schumann M, Feuerbacher JF, Sünkeler M, Freitag N, Rønnestad BR, Doma K, Lundberg TR. Compatibility of Concurrent Aerobic and Strength Training for Skeletal Muscle Size and Function: An Updated Systematic Review and Meta-Analysis. Sports Med 52(3):601–612, 2022",
        link: "https://doi.org/10.1007/s40279-021-01587-7",
        note: "",
    },
    Source {
        cite: "Ogasawara 2014",
        kind: SourceKind::Study {
            via: "Steel Supplements",
        },
        reference: "Ogasawara R et al. The order of concurrent endurance and resistance exercise modifies mTOR signaling and protein synthesis in rat skeletal muscle. Am J Physiol Endocrinol Metab 306(10):E1155–E1162, 2014",
        link: "",
        note: "",
    },
    Source {
        cite: "Lundberg 2013",
        kind: SourceKind::Study {
            via: "Steel Supplements",
        },
        reference: "Lundberg TR et al. Aerobic exercise does not compromise muscle hypertrophy response to short-term resistance training. J Appl Physiol 114(1):81–89, 2013",
        link: "",
        note: "",
    },
    Source {
        cite: "ACSM/CDC",
        kind: SourceKind::Guideline,
        reference: "The intensity bands of the American College of Sports Medicine and the US Centers for Disease Control and Prevention: moderate activity at 64–76 % of maximum heart rate, vigorous at 77 % and over",
        link: "",
        note: "Not from the articles above.",
    },
];

/// The source of a citation name.
pub fn source(cite: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.cite == cite)
}

/// A rule's text with the thresholds in force: `{sep}` becomes the separation in hours, so that
/// `--separation-hours 4` reads "4 h or more apart" everywhere, not only in the numbers.
pub fn fill(text: &str, t: &Thresholds) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let sep = t.separation_hours;
    let sep = if sep.fract() == 0.0 {
        format!("{sep:.0}")
    } else {
        format!("{sep}")
    };
    let long = t.long_minutes;
    let long = if long.fract() == 0.0 {
        format!("{long:.0}")
    } else {
        format!("{long}")
    };
    text.replace("{sep}", &sep).replace("{long}", &long)
}

/// The first pair rule of the goal that matches. Every goal's list ends in a rule that always
/// matches, so there is always one.
pub fn judge_pair(facts: &PairFacts, thresholds: &Thresholds) -> &'static PairRule {
    PAIR_RULES
        .iter()
        .filter(|r| r.goals.contains(&facts.goal))
        .find(|r| (r.test)(facts, thresholds))
        .expect("every goal's rule list ends in a catch-all")
}

/// Every week rule of the goal that matches.
pub fn judge_week(facts: &WeekFacts) -> Vec<&'static WeekRule> {
    WEEK_RULES
        .iter()
        .filter(|r| r.goals.contains(&facts.goal) && (r.test)(facts))
        .collect()
}

/// The score of a period: 100 x the mean points of its pairs, to one decimal; none without
/// pairs ([`SCORE`]).
pub fn score(verdicts: impl IntoIterator<Item = Verdict>) -> Option<f64> {
    let (sum, n) = verdicts
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v.points(), n + 1));
    (n > 0).then(|| (1000.0 * sum / n as f64).round() / 10.0)
}

/// The week rule of an id.
pub fn week_rule(id: &str) -> Option<&'static WeekRule> {
    WEEK_RULES.iter().find(|r| r.id == id)
}

/// The rule of an id, for `concur rules` and explanations.
pub fn pair_rule(id: &str) -> Option<&'static PairRule> {
    PAIR_RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(goal: Goal, first: Modality) -> PairFacts {
        PairFacts {
            goal,
            first,
            gap_minutes: 15.0,
            gap_class: GapClass::BackToBack,
            cardio_minutes: 30.0,
            cardio_intensity: Intensity::Moderate,
            leg_day: false,
        }
    }

    fn decide(f: &PairFacts) -> (&'static str, Verdict) {
        let r = judge_pair(f, &Thresholds::default());
        (r.id, r.verdict)
    }

    const STRENGTH_FIRST: Modality = Modality::Strength;
    const CARDIO_FIRST: Modality = Modality::Cardio;

    #[test]
    fn every_goal_and_order_gets_a_verdict() {
        for goal in Goal::ALL {
            for first in [STRENGTH_FIRST, CARDIO_FIRST] {
                for intensity in [
                    Intensity::Easy,
                    Intensity::Moderate,
                    Intensity::Hard,
                    Intensity::Unknown,
                ] {
                    for leg_day in [false, true] {
                        let mut f = facts(goal, first);
                        f.cardio_intensity = intensity;
                        f.leg_day = leg_day;
                        let rule = judge_pair(&f, &Thresholds::default());
                        assert!(rule.goals.contains(&goal));
                    }
                }
            }
        }
    }

    #[test]
    fn rule_ids_are_unique_and_in_guidance_order() {
        let ids: Vec<&str> = PAIR_RULES.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                "S1", "L1", "W1", "W2", "W3", "W4", "E1", "E2", "E3", "E4", "H1", "H2", "G1"
            ]
        );
        let weeks: Vec<&str> = WEEK_RULES.iter().map(|r| r.id).collect();
        assert_eq!(weeks, ["B1", "B2", "B3"]);
    }

    // One test per rule id: a pair it decides, and a near miss it does not.

    #[test]
    fn s1_separated_pairs_are_aligned_whatever_the_goal() {
        for goal in Goal::ALL {
            let mut f = facts(goal, CARDIO_FIRST);
            f.gap_minutes = 400.0;
            f.gap_class = GapClass::Separated;
            f.cardio_intensity = Intensity::Hard;
            assert_eq!(decide(&f), ("S1", Verdict::Aligned), "{goal}");
        }
        let mut f = facts(Strength, CARDIO_FIRST);
        f.gap_class = GapClass::Short;
        assert_ne!(decide(&f).0, "S1");
    }

    #[test]
    fn l1_leg_day_then_hard_cardio_is_a_caution_except_for_endurance() {
        for goal in [Strength, Hypertrophy, FatLoss, General, Hybrid] {
            let mut f = facts(goal, STRENGTH_FIRST);
            f.leg_day = true;
            f.cardio_intensity = Intensity::Hard;
            assert_eq!(decide(&f), ("L1", Verdict::Caution), "{goal}");
        }
        let mut f = facts(Endurance, STRENGTH_FIRST);
        f.leg_day = true;
        f.cardio_intensity = Intensity::Hard;
        assert_eq!(decide(&f).0, "E3");
        let mut f = facts(General, STRENGTH_FIRST);
        f.leg_day = true;
        assert_eq!(decide(&f).0, "G1", "moderate cardio after legs is not L1");
    }

    #[test]
    fn w1_long_or_hard_cardio_after_lifting_is_a_caution() {
        let mut f = facts(Strength, STRENGTH_FIRST);
        f.cardio_minutes = 45.0;
        assert_eq!(decide(&f), ("W1", Verdict::Caution));
        let mut f = facts(FatLoss, STRENGTH_FIRST);
        f.cardio_intensity = Intensity::Hard;
        assert_eq!(decide(&f), ("W1", Verdict::Caution));
        let mut f = facts(Hypertrophy, STRENGTH_FIRST);
        f.cardio_minutes = 40.0;
        assert_eq!(decide(&f).0, "W2", "40 min is not long");
    }

    #[test]
    fn w2_lifting_first_is_aligned_for_lifting_goals() {
        for goal in [Strength, Hypertrophy, FatLoss] {
            assert_eq!(
                decide(&facts(goal, STRENGTH_FIRST)),
                ("W2", Verdict::Aligned)
            );
        }
        assert_ne!(decide(&facts(Strength, CARDIO_FIRST)).0, "W2");
    }

    #[test]
    fn w3_a_short_easy_warm_up_before_lifting_is_aligned() {
        let mut f = facts(Strength, CARDIO_FIRST);
        f.cardio_minutes = 15.0;
        f.cardio_intensity = Intensity::Easy;
        assert_eq!(decide(&f), ("W3", Verdict::Aligned));
        f.cardio_intensity = Intensity::Unknown;
        assert_eq!(decide(&f).0, "W3", "unknown counts as moderate, not hard");
        f.cardio_intensity = Intensity::Hard;
        assert_eq!(decide(&f).0, "W4", "hard warm-up is not W3");
    }

    #[test]
    fn w4_cardio_before_lifting_is_a_conflict() {
        let mut f = facts(Hypertrophy, CARDIO_FIRST);
        f.cardio_minutes = 25.0;
        assert_eq!(decide(&f), ("W4", Verdict::Conflict));
        f.cardio_minutes = 20.0;
        assert_eq!(decide(&f).0, "W3");
    }

    #[test]
    fn e1_cardio_first_is_aligned_for_endurance() {
        let mut f = facts(Endurance, CARDIO_FIRST);
        f.cardio_intensity = Intensity::Hard;
        assert_eq!(decide(&f), ("E1", Verdict::Aligned));
        assert_ne!(decide(&facts(Endurance, STRENGTH_FIRST)).0, "E1");
    }

    #[test]
    fn e2_a_short_easy_cool_down_is_aligned_for_endurance() {
        let mut f = facts(Endurance, STRENGTH_FIRST);
        f.cardio_minutes = 10.0;
        f.leg_day = true;
        assert_eq!(decide(&f), ("E2", Verdict::Aligned));
        f.cardio_minutes = 11.0;
        assert_eq!(decide(&f).0, "E3");
    }

    #[test]
    fn e3_leg_day_before_cardio_is_a_conflict_for_endurance() {
        let mut f = facts(Endurance, STRENGTH_FIRST);
        f.leg_day = true;
        assert_eq!(decide(&f), ("E3", Verdict::Conflict));
        f.leg_day = false;
        assert_eq!(decide(&f).0, "E4");
    }

    #[test]
    fn e4_lifting_before_cardio_is_a_conflict_for_endurance() {
        assert_eq!(
            decide(&facts(Endurance, STRENGTH_FIRST)),
            ("E4", Verdict::Conflict)
        );
        let mut f = facts(Endurance, STRENGTH_FIRST);
        f.cardio_minutes = 8.0;
        assert_eq!(decide(&f).0, "E2");
    }

    #[test]
    fn h1_hard_cardio_after_lifting_is_a_caution_for_hybrid() {
        let mut f = facts(Hybrid, STRENGTH_FIRST);
        f.cardio_intensity = Intensity::Hard;
        assert_eq!(decide(&f), ("H1", Verdict::Caution));
        f.cardio_intensity = Intensity::Moderate;
        assert_eq!(decide(&f).0, "H2");
    }

    #[test]
    fn h2_every_other_hybrid_pair_is_aligned() {
        let mut f = facts(Hybrid, CARDIO_FIRST);
        f.cardio_intensity = Intensity::Hard;
        assert_eq!(decide(&f), ("H2", Verdict::Aligned));
        let mut f = facts(Hybrid, STRENGTH_FIRST);
        f.cardio_intensity = Intensity::Hard;
        assert_ne!(decide(&f).0, "H2");
    }

    #[test]
    fn g1_every_general_pair_is_aligned() {
        for first in [STRENGTH_FIRST, CARDIO_FIRST] {
            let mut f = facts(General, first);
            f.cardio_intensity = Intensity::Hard;
            f.cardio_minutes = 90.0;
            assert_eq!(decide(&f), ("G1", Verdict::Aligned));
        }
        let mut f = facts(General, STRENGTH_FIRST);
        f.gap_class = GapClass::Separated;
        assert_eq!(decide(&f).0, "S1");
    }

    fn week(goal: Goal, strength: usize, cardio: usize) -> Vec<&'static str> {
        judge_week(&WeekFacts {
            goal,
            strength_sessions: strength,
            cardio_sessions: cardio,
        })
        .iter()
        .map(|r| r.id)
        .collect()
    }

    #[test]
    fn b1_one_sided_weeks_are_a_caution_for_both_kinds_of_goal() {
        for goal in [General, FatLoss, Hybrid] {
            assert_eq!(week(goal, 0, 3), ["B1"]);
            assert_eq!(week(goal, 2, 0), ["B1"]);
            assert!(week(goal, 2, 3).is_empty());
            assert!(
                week(goal, 0, 0).is_empty(),
                "an empty week is not one-sided"
            );
        }
        assert!(week(Strength, 3, 0).is_empty());
    }

    #[test]
    fn b2_a_week_without_strength_is_a_conflict_for_lifting_goals() {
        assert_eq!(week(Strength, 0, 4), ["B2"]);
        assert_eq!(week(Hypertrophy, 0, 0), ["B2"]);
        assert!(week(Strength, 1, 0).is_empty());
        assert!(week(FatLoss, 0, 4) == ["B1"]);
    }

    #[test]
    fn b3_a_week_without_cardio_is_a_conflict_for_endurance() {
        assert_eq!(week(Endurance, 3, 0), ["B3"]);
        assert!(week(Endurance, 0, 1).is_empty());
    }

    #[test]
    fn every_rule_that_finds_something_has_advice() {
        for r in PAIR_RULES {
            assert_eq!(
                r.verdict == Verdict::Aligned,
                r.advice.is_empty(),
                "{}: advice for the rules that do not align, none for those that do",
                r.id
            );
        }
        assert!(WEEK_RULES.iter().all(|r| !r.advice.is_empty()));
    }

    #[test]
    fn rule_texts_follow_the_separation_threshold() {
        let s1 = pair_rule("S1").unwrap();
        assert_eq!(
            fill(s1.reason, &Thresholds::default()),
            "6 h or more apart, so the order no longer matters"
        );
        let four = Thresholds {
            separation_hours: 4.0,
            ..Thresholds::default()
        };
        assert_eq!(
            fill(s1.when, &four),
            "gap is `separated` (>= 4 h, same day)"
        );
        let half = Thresholds {
            separation_hours: 4.5,
            ..Thresholds::default()
        };
        assert!(fill(s1.reason, &half).starts_with("4.5 h or more"));
    }

    /// Every text that cites: the rules' reasons, the evidence notes, the thresholds' bases.
    fn citing_texts() -> Vec<&'static str> {
        PAIR_RULES
            .iter()
            .map(|r| r.why)
            .chain(WEEK_RULES.iter().map(|r| r.why))
            .chain(EVIDENCE_NOTES.iter().copied())
            .chain(crate::settings::THRESHOLDS.iter().map(|t| t.basis))
            .collect()
    }

    /// "Ferguson 2025" and the like: a capitalised name followed by a year.
    fn name_year_citations(text: &str) -> Vec<String> {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words
            .windows(2)
            .filter(|w| {
                w[0].len() > 1
                    && w[0].starts_with(|c: char| c.is_uppercase())
                    && w[0].chars().all(char::is_alphabetic)
                    && w[1].len() == 4
                    && (w[1].starts_with("19") || w[1].starts_with("20"))
                    && w[1].chars().all(|c| c.is_ascii_digit())
            })
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect()
    }

    #[test]
    fn every_citation_names_a_listed_source() {
        for text in citing_texts() {
            assert!(!text.contains("seed"), "cite sources by name: {text}");
            for cite in name_year_citations(text) {
                assert!(source(&cite).is_some(), "{cite} is not in SOURCES: {text}");
            }
        }
        // Each part of a parenthesised citation in a rule's reason or a note names a source.
        let reasons = PAIR_RULES
            .iter()
            .map(|r| r.why)
            .chain(EVIDENCE_NOTES.iter().copied());
        for text in reasons {
            for group in text.split('(').skip(1) {
                let group = group.split(')').next().unwrap();
                for part in group.split(';') {
                    assert!(
                        SOURCES.iter().any(|s| part.contains(s.cite)),
                        "({group}) cites no listed source: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_source_is_listed_once_and_cited() {
        for (i, s) in SOURCES.iter().enumerate() {
            assert!(
                SOURCES[..i].iter().all(|other| other.cite != s.cite),
                "{} is listed twice",
                s.cite
            );
            assert!(
                citing_texts().iter().any(|t| t.contains(s.cite)),
                "{} is cited nowhere",
                s.cite
            );
            if let SourceKind::Study { via } = s.kind {
                assert_eq!(
                    source(via).map(|a| a.kind),
                    Some(SourceKind::Article),
                    "{} is cited by an article",
                    s.cite
                );
            }
            assert!(s.link.is_empty() || s.link.starts_with("https://"));
        }
    }

    #[test]
    fn score_is_the_mean_of_points_to_one_decimal() {
        use Verdict::*;
        assert_eq!(score([Aligned, Caution, Conflict]), Some(50.0));
        assert_eq!(score([Aligned, Aligned, Caution]), Some(83.3));
        assert_eq!(score([]), None);
        assert_eq!(score([Conflict]), Some(0.0));
    }
}
