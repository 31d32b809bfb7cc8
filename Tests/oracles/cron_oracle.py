#!/usr/bin/env python3
"""Oracle: croniter's next fire times for random POSIX cron expressions.

Generates COUNT random valid five-field POSIX expressions (numbers, names, ranges, steps
``*/n``, ``a/n``, ``a-b/n``, lists, and both day fields restricted) with a random start
time in 2020-2030, deterministically from SEED, and prints JSON:

    {"croniter": "7.0.0", "seed": 1, "cases": [
        {"expr": "5 9 13 * fri", "start": "2026-04-08T00:00:00",
         "next": ["2026-04-10T09:05:00", ...5 times] or null}, ...]}

``next`` is ``croniter(expr, start).get_next(datetime)`` five times over, with naive
(zone-less) datetimes, so it compares with Tally's ``CronExpression.next(after: LocalTime)``.
``null`` means croniter finds no date at all (CroniterBadDateError, e.g. ``0 0 31 2 *``):
Tally must refuse such an expression at parse time ("永远不会触发").

Both day fields restricted: croniter ORs them (its default ``day_or=True``), which is
Tally's ``day_match: any``; the Swift test always passes ``.any`` (ignored when not both
are restricted).

Dependency: the PyPI package **croniter**, verified with version 7.0.0
(``pip install croniter==7.0.0``; ``scripts/install-deps test`` installs it).

Known croniter deviations that the generator avoids, rather than bending Tally's
semantics to them:

* An equal range written ``a-a`` (``5-5``, ``jan-jan``, also ``5-5/2``) means the whole
  field in croniter ("the whole cycle"); in Tally, as in Vixie cron, it is the one value.
  Ranges are generated with a < b only.
* A reversed range ``a-b`` with a > b wraps around in croniter (``fri-mon``); POSIX
  refuses it, and so does Tally. Not generated.
* When both day fields are restricted, croniter treats a field whose values cover the
  whole field (``*/1``, ``0-6``, ``1-31``) as unrestricted if the other field's text
  contains ``*``, and then ANDs instead of ORing (``0 9 */2 * 0-6`` gives odd days only).
  Tally counts a day field as restricted unless it is exactly ``*``. Cases where croniter's
  own expansion turns a restricted day field into ``*`` are skipped (see ``deviates``).
* Day of month 0 is read as 1 by croniter; POSIX and Tally refuse it. Not generated.
* ``7/n`` in day-of-week: Tally reads it as ``0/n`` (7 is Sunday, 0). Not generated.
* Steps larger than the field's span (``*/90`` in minutes) are refused by Tally. Not generated.
* croniter gives up after 50 years without a match (``max_years_between_matches``); every
  generated expression that fires at all fires within a few years of 2020-2030.
* ``?``, ``L``, ``W``, ``#``, ``H`` and six- or seven-field forms are croniter extensions
  (Tally: Quartz dialect, or not at all). Not generated.

Usage:
    python3 Tests/oracles/cron_oracle.py [--seed N] [--count N] > /tmp/cron_cases.json
"""
import argparse
import datetime
import importlib.metadata
import json
import random
import sys

try:
    from croniter import CroniterBadDateError, croniter
except ImportError:  # pragma: no cover
    sys.exit("cron_oracle.py: missing dependency, run: pip install croniter==7.0.0")

# (min, max of values, max of `*` and `a/n`, span for steps) per field.
FIELDS = [(0, 59, 59), (0, 23, 23), (1, 31, 31), (1, 12, 12), (0, 7, 6)]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
# How often a field is `*`: minute, hour, day of month, month, day of week.
STAR = [0.3, 0.35, 0.45, 0.6, 0.45]
FIRES = 5


def name_case(rng, name):
    return rng.choice([name, name.upper(), name.capitalize()])


def value(rng, index, v):
    """v as a number, or as a name when the field has names (30% of the time)."""
    if index == 3 and rng.random() < 0.3:
        return name_case(rng, MONTHS[v - 1])
    if index == 4 and v <= 6 and rng.random() < 0.3:
        return name_case(rng, WEEKDAYS[v])
    return str(v)


def item(rng, index):
    lo, hi, cycle_max = FIELDS[index]
    span = cycle_max - lo + 1
    kind = rng.choices(["value", "range", "star_step", "range_step", "start_step"], [4, 3, 2, 2, 1])[0]
    if kind == "value":
        return value(rng, index, rng.randint(lo, hi))
    if kind == "star_step":
        return "*/%d" % rng.randint(1, span)
    if kind == "start_step":
        return "%s/%d" % (value(rng, index, rng.randint(lo, cycle_max)), rng.randint(1, span))
    a = rng.randint(lo, hi - 1)
    b = rng.randint(a + 1, hi)
    text = "%s-%s" % (value(rng, index, a), value(rng, index, b))
    if kind == "range_step":
        text += "/%d" % rng.randint(1, span)
    return text


def field(rng, index):
    if rng.random() < STAR[index]:
        return "*"
    return ",".join(item(rng, index) for _ in range(rng.choices([1, 2, 3], [6, 3, 1])[0]))


def expression(rng):
    return " ".join(field(rng, i) for i in range(5))


def deviates(expr):
    """Whether croniter would read a restricted day field as unrestricted (see above)."""
    fields = expr.split()
    if fields[2] == "*" or fields[4] == "*":
        return False
    expanded, _ = croniter.expand(expr)
    return expanded[2] == ["*"] or expanded[4] == ["*"]


def start_time(rng):
    first = datetime.datetime(2020, 1, 1)
    seconds = rng.randrange(11 * 366 * 86400)
    t = first + datetime.timedelta(seconds=seconds)
    if t.year > 2030:
        t = t.replace(year=2030)
    if rng.random() < 0.5:
        t = t.replace(second=0)
    return t


def fires(expr, start):
    it = croniter(expr, start)
    try:
        return [it.get_next(datetime.datetime).isoformat() for _ in range(FIRES)]
    except CroniterBadDateError:
        return None


def cases(seed, count):
    rng = random.Random(seed)
    out = []
    skipped = 0
    while len(out) < count:
        expr = expression(rng)
        start = start_time(rng)
        if deviates(expr):
            skipped += 1
            continue
        out.append({"expr": expr, "start": start.isoformat(), "next": fires(expr, start)})
    return out, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260408)
    parser.add_argument("--count", type=int, default=4000)
    args = parser.parse_args()
    generated, skipped = cases(args.seed, args.count)
    json.dump({
        "croniter": importlib.metadata.version("croniter"),
        "seed": args.seed,
        "skipped": skipped,
        "cases": generated,
    }, sys.stdout, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
