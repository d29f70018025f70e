#!/usr/bin/env python3
"""The pandas script a data-minded user would write instead of concur, for bench/run.sh.

    python3 bench/reference.py STRONG_CSV [STRAVA_CSV] > report.json

Reads a Strong export (and a Strava activities.csv), groups the set rows into workouts, splits
off the cardio logged inside a workout (a treadmill run after lifting), classifies sessions by a
word list, finds strength/cardio neighbours on the same day, their gap, and judges each pair
with a simplified version of concur's rules for the strength goal; prints a JSON report
(summary, pairs, weeks). Times are taken as UTC (concur is run with --tz UTC next to it).

It is the same work, not the same answers: concur knows many more words, formats and rules.
It is written the way pandas is meant to be used (vectorised columns, groupby, shift), not row
by row.
"""

import json
import sys

import pandas as pd

CARDIO = r"run|running|jog|treadmill|cycl|ride|bike|spin|rowing|rower|erg|swim|walk|hike|elliptical"
OTHER = r"yoga|stretch|mobility|pilates"
LOWER = r"squat|deadlift|lunge|leg press|leg extension|leg curl|calf|hip thrust|glute"
HARD_WORDS = r"interval|tempo|threshold|race|hill repeat|vo2|fartlek"
EASY_WORDS = r"easy|recovery|zone 2|z2|cool.?down|warm.?up"


def strong_sessions(path):
    df = pd.read_csv(
        path,
        usecols=["Date", "Workout Name", "Duration", "Exercise Name", "Set Order",
                 "Distance", "Seconds", "RPE"],
        dtype={"Set Order": str, "Duration": str},
    )
    df = df[~df["Set Order"].isin(["Note", "Rest Timer"])]
    name = df["Exercise Name"].str.lower()
    df["cardio"] = name.str.contains(CARDIO)
    df["working"] = df["Set Order"] != "W"
    df["lower"] = name.str.contains(LOWER) & df["working"] & ~df["cardio"]
    df["strength_set"] = df["working"] & ~df["cardio"]
    df["cardio_seconds"] = df["Seconds"].where(df["cardio"], 0.0)
    df["cardio_km"] = df["Distance"].where(df["cardio"], 0.0)
    df["cardio_first"] = df["cardio"] & (df.groupby(["Date", "Workout Name"]).cumcount() == 0)
    w = df.groupby(["Date", "Workout Name"], sort=False).agg(
        duration=("Duration", "first"),
        strength_sets=("strength_set", "sum"),
        lower_sets=("lower", "sum"),
        cardio_seconds=("cardio_seconds", "sum"),
        cardio_km=("cardio_km", "sum"),
        cardio_first=("cardio_first", "max"),
        rpe=("RPE", "mean"),
        exercises=("Exercise Name", lambda s: " ".join(s.unique())),
    ).reset_index()
    w["start"] = pd.to_datetime(w["Date"], format="%Y-%m-%d %H:%M:%S")
    dur = w["duration"].fillna("")
    hours = dur.str.extract(r"(\d+)h")[0].astype(float).fillna(0)
    mins = dur.str.extract(r"(\d+)m")[0].astype(float).fillna(0)
    w["minutes"] = (hours * 60 + mins).where(lambda m: m > 0, 60.0)
    cardio_min = w["cardio_seconds"] / 60
    lift_min = (w["minutes"] - cardio_min).clip(lower=1)

    lifts = w[w["strength_sets"] > 0].copy()
    lifts["modality"] = "strength"
    lifts["leg_day"] = lifts["lower_sets"] * 3 >= lifts["strength_sets"]
    lifts["title"] = lifts["Workout Name"]
    lifts["start"] = lifts["start"] + pd.to_timedelta(
        cardio_min.where(w["cardio_first"], 0.0)[lifts.index], unit="m")
    lifts["minutes"] = lift_min[lifts.index]
    lifts["intensity"] = "n/a"

    cardio = w[w["cardio_seconds"] > 0].copy()
    cardio["modality"] = "cardio"
    cardio["leg_day"] = False
    cardio["title"] = cardio["exercises"]
    after = ~cardio["cardio_first"] & (cardio["strength_sets"] > 0)
    cardio["start"] = cardio["start"] + pd.to_timedelta(
        lift_min[cardio.index].where(after, 0.0), unit="m")
    cardio["minutes"] = cardio_min[cardio.index]
    cardio["intensity"] = intensity(cardio["rpe"], None, cardio["title"])
    cols = ["start", "minutes", "modality", "intensity", "leg_day", "title"]
    return pd.concat([lifts[cols], cardio[cols]])


def intensity(rpe, hr_share, words):
    words = words.fillna("").str.lower()
    out = pd.Series("unknown", index=words.index)
    out[words.str.contains(EASY_WORDS)] = "easy"
    out[words.str.contains(HARD_WORDS)] = "hard"
    if hr_share is not None:
        out[hr_share.notna()] = "moderate"
        out[hr_share < 0.64] = "easy"
        out[hr_share >= 0.77] = "hard"
    out[rpe.notna()] = "moderate"
    out[rpe <= 4] = "easy"
    out[rpe >= 7] = "hard"
    return out


def strava_sessions(path):
    df = pd.read_csv(path, low_memory=False)
    # pandas names the repeated columns "Elapsed Time.1", "Distance.1", ...
    kind = (df["Activity Type"] + " " + df["Activity Name"]).str.lower()
    modality = pd.Series("other", index=df.index)
    modality[kind.str.contains(CARDIO)] = "cardio"
    modality[kind.str.contains(r"weight|strength|crossfit")] = "strength"
    modality[kind.str.contains(OTHER)] = "other"
    words = df["Activity Name"] + " " + df["Activity Description"].fillna("")
    hr_share = df["Average Heart Rate"] / df["Max Heart Rate"].max()
    return pd.DataFrame({
        "start": pd.to_datetime(df["Activity Date"], format="%b %d, %Y, %I:%M:%S %p"),
        "minutes": df["Elapsed Time"] / 60,
        "modality": modality,
        "intensity": intensity(df["Perceived Exertion"], hr_share, words),
        "leg_day": df["Activity Name"].str.lower().str.contains(r"leg|lower|squat"),
        "title": df["Activity Name"],
    })


def verdicts(p):
    """The strength goal's rules, simplified: far apart, leg day then hard cardio, order."""
    long_or_hard = (p["cardio_minutes"] > 40) | (p["cardio_intensity"] == "hard")
    warm_up = (p["cardio_minutes"] <= 20) & (p["cardio_intensity"].isin(["easy", "unknown"]))
    v = pd.Series("conflict", index=p.index)
    v[p["strength_first"] & ~long_or_hard] = "aligned"
    v[p["strength_first"] & long_or_hard] = "caution"
    v[~p["strength_first"] & warm_up] = "aligned"
    v[p["leg_day"] & p["strength_first"] & (p["cardio_intensity"] == "hard")] = "conflict"
    v[p["gap"] >= 360] = "aligned"
    return v


def main(paths):
    frames = [strong_sessions(paths[0])]
    if len(paths) > 1:
        frames.append(strava_sessions(paths[1]))
    s = pd.concat(frames, ignore_index=True).sort_values("start", kind="stable")
    s["end"] = s["start"] + pd.to_timedelta(s["minutes"], unit="m")
    s["date"] = s["start"].dt.date
    sessions = len(s)
    counts = s["modality"].value_counts()
    s = s[s["modality"] != "other"].reset_index(drop=True)
    nxt = s.shift(-1)
    pair = (nxt["date"] == s["date"]) & (nxt["modality"] != s["modality"]) & nxt["modality"].notna()
    a, b = s[pair], nxt[pair]
    strength_first = a["modality"] == "strength"
    cardio = a.where(~strength_first, b)
    lift = a.where(strength_first, b)
    p = pd.DataFrame({
        "date": a["date"].astype(str),
        "first": a["title"],
        "second": b["title"],
        "gap": ((b["start"] - a["end"]).dt.total_seconds() / 60).round().clip(lower=0),
        "strength_first": strength_first,
        "cardio_minutes": cardio["minutes"].astype(float),
        "cardio_intensity": cardio["intensity"],
        "leg_day": lift["leg_day"].astype(bool),
    })
    p["verdict"] = verdicts(p)
    points = p["verdict"].map({"aligned": 1.0, "caution": 0.5, "conflict": 0.0})
    week = pd.to_datetime(p["date"]).dt.strftime("%G-W%V")
    weeks = points.groupby(week).agg(["size", "mean"])
    report = {
        "goal": "strength",
        "summary": {
            "sessions": sessions,
            "strength_sessions": int(counts.get("strength", 0)),
            "cardio_sessions": int(counts.get("cardio", 0)),
            "other_sessions": int(counts.get("other", 0)),
            "pairs": len(p),
            "aligned": int((p["verdict"] == "aligned").sum()),
            "caution": int((p["verdict"] == "caution").sum()),
            "conflict": int((p["verdict"] == "conflict").sum()),
            "score": round(100 * points.mean(), 1) if len(p) else None,
        },
        "pairs": p.drop(columns=["strength_first"]).to_dict(orient="records"),
        "weeks": [
            {"week": w, "pairs": int(n), "score": round(100 * m, 1)}
            for w, (n, m) in weeks.iterrows()
        ],
    }
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if not 2 <= len(sys.argv) <= 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
