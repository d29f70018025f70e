#!/usr/bin/env python3
"""Compares the DOM Chromium built from concur's HTML report with the JSON report of the same run.

Usage: check_dom.py REPORT.json DOM.html

Every day and pair of the JSON report must appear in the DOM by its data attributes, with the
right rule and verdict, and nothing else may: no extra pair, no extra day with sessions. The
page must also load nothing (no script, no external reference). Prints what it checked; exits 1
with the list of mismatches otherwise. Standard library only.
"""

import json
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser


class Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict)
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: (v or "") for k, v in attrs}))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def classes(attrs):
    return set(attrs.get("class", "").split())


def score_attr(score):
    return "" if score is None else f"{score:.1f}"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        dom = f.read()
    page = Collect()
    page.feed(dom)
    els = page.elements
    text = " ".join(" ".join(page.text).split())
    problems = []

    def pick(tag, cls, attr):
        return [a for t, a in els if t == tag and cls in classes(a) and attr in a]

    # Days: one timeline row per date, carrying the day's session count, order and verdict.
    rows = defaultdict(list)
    for a in pick("g", "day", "data-date"):
        rows[a["data-date"]].append(a)
    sessions_per_date = Counter(s["date"] for s in report["sessions"])
    for day in report["days"]:
        date = day["date"]
        found = rows.get(date, [])
        if len(found) != 1:
            problems.append(f"day {date}: {len(found)} timeline rows, expected 1")
            continue
        row = found[0]
        want = {
            "data-sessions": str(sessions_per_date[date]),
            "data-order": day["order"],
            "data-verdict": day["verdict"],
        }
        for key, value in want.items():
            if row.get(key) != value:
                problems.append(f"day {date}: {key}={row.get(key)!r}, JSON says {value!r}")
    json_dates = {d["date"] for d in report["days"]}
    for date, found in rows.items():
        if date not in json_dates and any(r.get("data-sessions") != "0" for r in found):
            problems.append(f"day {date}: the timeline shows sessions the JSON report does not have")

    # Pairs: a row in the day table and a gap in the timeline, each with rule and verdict.
    json_pairs = {}
    for day in report["days"]:
        for p in day["pairs"]:
            key = f'{p["first_session"]}-{p["second_session"]}'
            json_pairs[key] = (day["date"], p["rule"], p["verdict"])
    for where, found in (
        ("day table", pick("tr", "pair", "data-pair")),
        ("timeline", [a for a in pick("g", "gap", "data-pair") if "gap-cont" not in classes(a)]),
    ):
        by_key = defaultdict(list)
        for a in found:
            by_key[a["data-pair"]].append(a)
        for key, (date, rule, verdict) in json_pairs.items():
            hits = by_key.get(key, [])
            if len(hits) != 1:
                problems.append(f"pair {key} ({date}): {len(hits)} in the {where}, expected 1")
                continue
            got = (hits[0].get("data-date"), hits[0].get("data-rule"), hits[0].get("data-verdict"))
            if got != (date, rule, verdict):
                problems.append(f"pair {key} in the {where}: date, rule, verdict {got}, JSON says {(date, rule, verdict)}")
        for key in by_key.keys() - json_pairs.keys():
            problems.append(f"pair {key}: in the {where} but not in the JSON report")

    # Sessions: each has a block in the timeline.
    blocks = {a["data-session"] for a in pick("rect", "blk", "data-session") if "cont" not in classes(a)}
    for i, s in enumerate(report["sessions"]):
        if str(i) not in blocks:
            problems.append(f"session {i} ({s['date']} {s['title']!r}): no block in the timeline")

    # Weeks: a table row, a bar and a timeline figure each.
    for w in report["weeks"]:
        for tag, cls in (("tr", "week"), ("g", "bar")):
            hits = [a for a in pick(tag, cls, "data-week") if a["data-week"] == w["week"]]
            if len(hits) != 1:
                problems.append(f"week {w['week']}: {len(hits)} {tag}.{cls}, expected 1")
            elif hits[0].get("data-score") != score_attr(w["score"]):
                problems.append(f"week {w['week']}: {tag}.{cls} score {hits[0].get('data-score')!r}, JSON says {w['score']}")
        if not [a for a in pick("figure", "week", "data-week") if a["data-week"] == w["week"]]:
            problems.append(f"week {w['week']}: no timeline figure")

    score = [a for t, a in els if a.get("id") == "score"]
    want = score_attr(report["summary"]["score"])
    if len(score) != 1 or score[0].get("data-score") != want:
        problems.append(f"summary score: {[a.get('data-score') for a in score]}, JSON says {want!r}")

    # Rules that fired, with how often.
    fired = Counter(p[1] for p in json_pairs.values())
    fired.update(f["rule"] for w in report["weeks"] for f in w["findings"])
    shown = {a["data-rule-id"]: a.get("data-count") for a in pick("li", "rule", "data-rule-id")}
    if shown != {k: str(v) for k, v in fired.items()}:
        problems.append(f"rules that fired: page shows {shown}, JSON gives {dict(fired)}")
    if "likely costs some adaptation" not in text:
        problems.append('the evidence note ("likely costs some adaptation") is missing')

    # Self-contained: nothing to run, nothing to fetch.
    for tag, a in els:
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            problems.append(f"<{tag}> element: the report must load and run nothing")
        for name, value in a.items():
            if name in ("src", "srcset") or re.match(r"\s*(https?:)?//", value):
                problems.append(f"<{tag} {name}={value!r}>: an external reference")

    if problems:
        print(f"check_dom: {len(problems)} mismatch(es) between the page and the JSON report:")
        for p in problems:
            print(f"  - {p}")
        return 1
    print(
        f"check_dom: OK: {len(report['days'])} days, {len(json_pairs)} pairs, "
        f"{len(report['sessions'])} sessions, {len(report['weeks'])} weeks, "
        f"{len(fired)} fired rules found in the DOM as the JSON report has them"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
