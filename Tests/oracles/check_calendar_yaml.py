#!/usr/bin/env python3
"""Cross-check schedules/calendar/CN/<year>.yaml (2020-2026) against chinese-calendar.

Semantics implemented for the YAML files (the same ones the Swift parser must implement):

  * every file has ``holidays``: entries {name, off, work}; ``off`` is an ISO date or an
    inclusive range ``YYYY-MM-DD..YYYY-MM-DD`` (may start in the previous year), ``work`` a
    list of ISO dates (调休上班);
  * ``amendments`` (optional, in order): each amendment's holiday entries REPLACE the
    entries of the same name (an unknown name is appended);
  * after amendments, all files are merged:
        working day = (Mon-Fri and not in any off range) or in any work list.

Every day 2020-01-01..2026-12-31 is compared with chinese_calendar.is_workday
(oracle: Tests/oracles/calendar_oracle.py, PyPI package ``chinesecalendar`` 1.11.0).
Also checks the per-year totals given in /work/shared/SCHEDULING.md §2.1 (2025 and 2026:
248 working days; 2026 per month 21,16,22,21,19,21,23,21,22,18,21,23) and structural
rules (off and work lists of one file do not overlap; work days are weekend days;
names in the allowed set).

PyYAML note: the files use the key ``off`` unquoted. Under YAML 1.1 rules (PyYAML's
default resolver, and any YAML 1.1 implementation) the plain scalar ``off`` resolves to the
boolean false, so a naive ``yaml.safe_load`` returns the key ``False``. This script uses a
loader whose boolean resolver only accepts true/false (YAML 1.2 core schema), so ``off``
stays a string key. Dates are accepted both as strings and as resolved ``date`` objects.

Exit status 0 when there are no mismatches and all checks pass, 1 otherwise.
Usage:  python3 Tests/oracles/check_calendar_yaml.py [calendar_dir]
"""
import calendar as _cal
import datetime
import os
import re
import sys

import yaml

sys.dont_write_bytecode = True  # keep Tests/oracles free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calendar_oracle import oracle  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "schedules", "calendar", "CN"))
YEARS = range(2020, 2027)
NAMES = {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "国庆节、中秋节"}
EXPECTED_TOTALS = {2025: 248, 2026: 248}
EXPECTED_2026_MONTHS = [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23]


class Yaml12BoolLoader(yaml.SafeLoader):
    """SafeLoader whose bool resolver follows YAML 1.2 (only true/false)."""


Yaml12BoolLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12BoolLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def to_date(v, where):
    if isinstance(v, datetime.date):
        return v
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return datetime.date.fromisoformat(v)
    raise ValueError("%s: not an ISO date: %r" % (where, v))


def expand_off(v, where):
    if isinstance(v, datetime.date):
        return [v]
    if not isinstance(v, str):
        raise ValueError("%s: bad off value %r" % (where, v))
    if ".." in v:
        a, b = v.split("..", 1)
        a, b = to_date(a.strip(), where), to_date(b.strip(), where)
        if b < a:
            raise ValueError("%s: range end before start: %r" % (where, v))
        return [a + datetime.timedelta(days=i) for i in range((b - a).days + 1)]
    return [to_date(v.strip(), where)]


def load_year(path, year):
    with open(path, encoding="utf-8") as fh:
        doc = yaml.load(fh, Loader=Yaml12BoolLoader)
    problems = []
    if doc.get("year") != year:
        problems.append("%s: year is %r" % (path, doc.get("year")))
    src = doc.get("source") or {}
    for key in ("title", "published", "url"):
        if key not in src:
            problems.append("%s: source.%s missing" % (path, key))
    if src.get("title") != "国务院办公厅关于%d年部分节假日安排的通知" % year:
        problems.append("%s: unexpected title %r" % (path, src.get("title")))
    entries = list(doc.get("holidays") or [])
    for am in doc.get("amendments") or []:
        if "source" not in am or "title" not in am["source"]:
            problems.append("%s: amendment without source.title" % path)
        for rep in am.get("holidays") or []:
            for i, e in enumerate(entries):
                if e["name"] == rep["name"]:
                    entries[i] = rep
                    break
            else:
                entries.append(rep)
    off, work = set(), set()
    for e in entries:
        where = "%s:%s" % (os.path.basename(path), e.get("name"))
        if set(e) != {"name", "off", "work"}:
            problems.append("%s: keys %r (expected name/off/work)" % (where, sorted(map(str, e))))
            continue
        if e["name"] not in NAMES:
            problems.append("%s: unknown holiday name" % where)
        days_off = expand_off(e["off"], where)
        days_work = [to_date(d, where) for d in (e["work"] or [])]
        for d in days_work:
            if d.weekday() < 5:
                problems.append("%s: work day %s is not a weekend day" % (where, d))
        off.update(days_off)
        work.update(days_work)
    both = off & work
    if both:
        problems.append("%s: dates both off and work: %s" % (path, sorted(both)))
    return off, work, problems


def main(argv):
    cdir = argv[1] if len(argv) > 1 else DEFAULT_DIR
    off, work, problems = set(), set(), []
    for y in YEARS:
        path = os.path.join(cdir, "%d.yaml" % y)
        if not os.path.exists(path):
            problems.append("missing %s" % path)
            continue
        o, w, p = load_year(path, y)
        off |= o
        work |= w
        problems += p

    def is_workday(d):
        return d in work or (d.weekday() < 5 and d not in off)

    ref = oracle()
    mismatches = []
    counts = {}
    for iso, expected in sorted(ref.items()):
        d = datetime.date.fromisoformat(iso)
        got = is_workday(d)
        counts.setdefault(d.year, [0] * 12)
        counts[d.year][d.month - 1] += got
        if got != expected:
            mismatches.append((iso, got, expected))

    print("days compared: %d (2020-01-01..2026-12-31)" % len(ref))
    for iso, got, expected in mismatches:
        print("MISMATCH %s %s yaml=%s chinese_calendar=%s"
              % (iso, _cal.day_abbr[datetime.date.fromisoformat(iso).weekday()],
                 "work" if got else "off", "work" if expected else "off"))
    print("mismatches: %d" % len(mismatches))
    for y in YEARS:
        print("%d: %d working days; per month %s" % (y, sum(counts[y]), counts[y]))
    for y, n in EXPECTED_TOTALS.items():
        if sum(counts[y]) != n:
            problems.append("%d: expected %d working days, got %d" % (y, n, sum(counts[y])))
    if counts[2026] != EXPECTED_2026_MONTHS:
        problems.append("2026 monthly counts %s != %s" % (counts[2026], EXPECTED_2026_MONTHS))
    for p in problems:
        print("PROBLEM", p)
    ok = not mismatches and not problems
    print("RESULT:", "OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
