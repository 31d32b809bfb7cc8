// Memory ceiling (a counting allocator) and instruction/wall-clock budgets (a count hook).
#include "tly_internal.h"
#include <malloc.h>
#include <stdlib.h>
#include <time.h>

int64_t tly_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); /* ~4 ms resolution, a fraction of the cost */
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

tly_ext *tly_ext_of(lua_State *L) { return *(tly_ext **)lua_getextraspace(L); }

tly_budget *tly_budget_of(lua_State *L) { return &tly_ext_of(L)->budget; }

size_t tly_memory_used(lua_State *L) { return tly_budget_of(L)->used; }

static void tly_hook(lua_State *L, lua_Debug *ar);

/// Makes the hook fire on every instruction, so that `pcall` loops cannot swallow a trip.
static void make_sticky(tly_budget *b) {
    if (b->L != NULL) lua_sethook(b->L, tly_hook, LUA_MASKCOUNT, 1);
}

void tly_trip_now(tly_budget *b, int why) {
    if (b->tripped == TLY_TRIP_NONE) {
        b->tripped = why;
        b->trips += 1;
    }
    make_sticky(b);
}

// Lua's contract: ptr == NULL means osize is a type tag; nsize == 0 frees; a shrink never fails.
// A refused growth is retried by Lua once after a full GC; the second refusal of the same
// request is what raises "not enough memory", so that is when the evaluation is marked failed
// (a script may catch the error with pcall, the trip stays).
static void *tly_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    tly_budget *b = (tly_budget *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        tly_pool_release(b->pool, ptr, old);
        b->used -= old;
        return NULL;
    }
    if (nsize > old && b->limit > 0) {
        size_t ceiling = b->limit + (b->in_host ? b->headroom : 0);
        if (b->used - old + nsize > ceiling) {
            if (b->refused_block == ptr && b->refused_size == nsize) {
                tly_trip_now(b, TLY_TRIP_MEMORY);
            }
            b->refused_block = ptr;
            b->refused_size = nsize;
            return NULL;
        }
    }
    void *p = tly_pool_realloc(b->pool, ptr, old, nsize);
    if (p == NULL) {
        if (nsize <= old) return ptr;
        return NULL;
    }
    if (nsize > old) {
        b->refused_block = NULL;
        b->refused_size = 0;
    }
    b->used = b->used - old + nsize;
    if (b->used > b->peak) b->peak = b->used;
    return p;
}

static int tly_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "tally: unprotected Lua error (this is a bug in the host): %s\n", msg ? msg : "?");
    fflush(NULL);
    return 0; /* Lua then aborts */
}

lua_State *tly_newstate(tly_budget *b) {
    tly_ext *ext = calloc(1, sizeof(tly_ext));
    if (ext == NULL) return NULL;
    ext->budget = *b;
    ext->budget.L = NULL;
    ext->budget.pool = tly_pool_new();
    lua_State *L = ext->budget.pool ? lua_newstate(tly_alloc, &ext->budget) : NULL;
    if (L == NULL) {
        tly_pool_free(ext->budget.pool);
        free(ext);
        return NULL;
    }
    *(tly_ext **)lua_getextraspace(L) = ext;
    ext->budget.L = L;
    tly_tape_init(&ext->scratch_args);
    tly_tape_init(&ext->scratch_result);
    lua_atpanic(L, tly_panic);
    lua_gc(L, LUA_GCGEN, 0, 0);
    return L;
}

void tly_close(lua_State *L) {
    if (L == NULL) return;
    tly_ext *ext = tly_ext_of(L);
    lua_close(L);
    tly_pool_free(ext->budget.pool);
    tly_tape_free(&ext->scratch_args);
    tly_tape_free(&ext->scratch_result);
    free(ext->message);
    free(ext);
}

static void tly_hook(lua_State *L, lua_Debug *ar) {
    tly_budget *b = &tly_ext_of(L)->budget;
    if (b->tripped == TLY_TRIP_NONE) {
        b->instr_used += b->hook_interval;
        if (b->instr_used > b->instr_limit) {
            tly_trip_now(b, TLY_TRIP_CPU);
        } else if (b->wall_limit_ns > 0 && tly_monotonic_ns() > b->wall_deadline_ns) {
            tly_trip_now(b, TLY_TRIP_WALL);
        } else {
            return;
        }
    }
    lua_getinfo(L, "Sl", ar);
    const char *why = "budget exceeded";
    switch (b->tripped) {
    case TLY_TRIP_CPU: why = "instruction budget exceeded"; break;
    case TLY_TRIP_WALL: why = "time limit exceeded"; break;
    case TLY_TRIP_MEMORY: why = "memory limit exceeded"; break;
    case TLY_TRIP_PATTERN: why = "string pattern too complex"; break;
    case TLY_TRIP_OUTPUT: why = "output limit exceeded"; break;
    }
    if (ar->currentline > 0) {
        lua_pushfstring(L, "%s:%d: %s", ar->short_src, ar->currentline, why);
    } else {
        lua_pushstring(L, why);
    }
    lua_error(L);
}

void tly_budget_begin(lua_State *L) {
    tly_budget *b = &tly_ext_of(L)->budget;
    b->tripped = TLY_TRIP_NONE;
    b->instr_used = 0;
    b->pattern_steps_used = 0;
    b->evaluations += 1;
    b->wall_deadline_ns = b->wall_limit_ns > 0 ? tly_monotonic_ns() + b->wall_limit_ns : INT64_MAX;
    int interval = b->hook_interval > 0 ? b->hook_interval : 1000;
    lua_sethook(L, tly_hook, LUA_MASKCOUNT, interval);
}

void tly_budget_disarm(lua_State *L) { lua_sethook(L, NULL, 0, 0); }

// Lua's GC frees and reallocates steadily; without padding, glibc shrinks and regrows each
// thread's heap around every cycle, and every regrowth is an mprotect under the process-wide
// mmap lock, which serialises threads that evaluate rules in parallel.
// One arena: with one per thread (glibc's default, up to 8 per core) each keeps its own
// padding and free lists, which cost a province-year assessment about 90 MiB of peak memory;
// measured, two scoring threads on one arena lose about 5 % (1.41-1.52 against 1.57 M items/s).
void tly_tune_process_allocator(void) {
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 64 << 20);
}
