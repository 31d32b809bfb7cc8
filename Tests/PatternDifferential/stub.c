#define _POSIX_C_SOURCE 200809L
// Test stub for Sources/CLua/pattern.c: provides the budget functions pattern.c needs
// and a Lua C module entry point (loaded with package.loadlib) that returns a table
// with the budgeted find/match/gmatch/gsub plus helpers to drive the budget.
#include "tly_internal.h"
#include <string.h>
#include <time.h>

static tly_ext stub_ext;

tly_ext *tly_ext_of(lua_State *L) {
    (void)L;
    return &stub_ext;
}

// Every top-level call from the harness is its own evaluation: pattern.c reads the budget
// when a call (or gmatch step) starts, which is where the host would have reset the count.
tly_budget *tly_budget_of(lua_State *L) {
    tly_budget *b = &tly_ext_of(L)->budget;
    if (b->tripped == TLY_TRIP_NONE) b->pattern_steps_used = 0;
    return b;
}

void tly_trip_now(tly_budget *b, int why) {
    if (b->tripped == TLY_TRIP_NONE) {
        b->tripped = why;
        b->trips += 1;
    }
}

/* set_limit(n): sets pattern_step_limit (<= 0 means the default). */
static int stub_set_limit(lua_State *L) {
    stub_ext.budget.pattern_step_limit = (int64_t)luaL_checkinteger(L, 1);
    return 0;
}

/* tripped() -> current trip reason (4 = pattern), total trips */
static int stub_tripped(lua_State *L) {
    lua_pushinteger(L, stub_ext.budget.tripped);
    lua_pushinteger(L, (lua_Integer)stub_ext.budget.trips);
    return 2;
}

static int stub_reset(lua_State *L) {
    (void)L;
    stub_ext.budget.tripped = TLY_TRIP_NONE;
    return 0;
}

/* clock() -> monotonic seconds (for timings) */
static int stub_clock(lua_State *L) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

int tly_harness_open(lua_State *L) {
    lua_newtable(L);
    int top = lua_gettop(L);
    tly_open_patterns(L, -1);
    if (lua_gettop(L) != top) return luaL_error(L, "tly_open_patterns left the stack unbalanced");
    lua_pushcfunction(L, stub_set_limit);
    lua_setfield(L, -2, "set_limit");
    lua_pushcfunction(L, stub_tripped);
    lua_setfield(L, -2, "tripped");
    lua_pushcfunction(L, stub_reset);
    lua_setfield(L, -2, "reset");
    lua_pushcfunction(L, stub_clock);
    lua_setfield(L, -2, "clock");
    return 1;
}
