#!/bin/sh
# Differential test of Sources/CLua/pattern.c (the budgeted string.find/match/gmatch/gsub)
# against the string library of the installed Lua 5.4 interpreter.
#
# Builds pattern.c with stub.c (which stands in for budget.c) into a Lua C module in a
# temporary directory, then runs differential.lua: hand-written cases for every pattern
# feature, seeded random cases (patterns from a grammar including malformed ones, subjects
# with "\0" and UTF-8 bytes, every argument form), and the pathological cases that must
# stop with the step-budget error quickly. Exits non-zero on any mismatch.
#
# Usage: Tests/PatternDifferential/run.sh [cases (20000)] [seed (20240601)]
# Environment: CC (cc), LUA (lua5.4), LUA_INC (/usr/include/lua5.4), VERBOSE=1 for details.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CC=${CC:-cc}
LUA=${LUA:-lua5.4}
LUA_INC=${LUA_INC:-/usr/include/lua5.4}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$CC" -O2 -std=c11 -Wall -Wextra -shared -fPIC -I"$LUA_INC" -I"$root/Sources/CLua" \
    -o "$tmp/pattern_harness.so" "$here/stub.c" "$root/Sources/CLua/pattern.c"

runner=""
if command -v timeout >/dev/null 2>&1; then runner="timeout 600"; fi
$runner "$LUA" "$here/differential.lua" "$tmp/pattern_harness.so" "${1:-20000}" "${2:-20240601}" ${VERBOSE:+-v}
