#!/usr/bin/env python3
"""Oracle: official Chinese working-day calendar 2020-01-01 .. 2026-12-31.

Prints a JSON object {"YYYY-MM-DD": true|false, ...} to stdout, where the value is
``chinese_calendar.is_workday(day)`` for every day of 2020 through 2026 (2557 days).

Dependency: the PyPI distribution **chinesecalendar** (installed and tested here with
``pip install chinesecalendar``, version 1.11.0; the import name is ``chinese_calendar``).
PyPI also serves the same project under the name ``chinese-calendar`` (1.11.0), but the
name used and verified for this oracle is ``chinesecalendar``. Upstream: LKI/chinese-calendar.
Versions older than 1.11.0 do not contain 2026 and raise NotImplementedError.

Semantics of chinese_calendar.is_workday(d):
    d in workdays (调休上班)  or  (Mon-Fri and d not in holidays)

Usage:
    python3 Tests/oracles/calendar_oracle.py > /tmp/cn_workdays.json
"""
import datetime
import json
import sys

try:
    import chinese_calendar
except ImportError:  # pragma: no cover
    sys.exit("calendar_oracle.py: missing dependency, run: pip install chinesecalendar")

FIRST = datetime.date(2020, 1, 1)
LAST = datetime.date(2026, 12, 31)


def oracle(first=FIRST, last=LAST):
    out = {}
    day = first
    while day <= last:
        out[day.isoformat()] = bool(chinese_calendar.is_workday(day))
        day += datetime.timedelta(days=1)
    return out


def main():
    json.dump(oracle(), sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
