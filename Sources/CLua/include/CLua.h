// CLua: Debian's Lua 5.4 made safe to drive from Swift.
//
// Everything here that can raise a Lua error (the count hook, the sandboxed library,
// host-function trampolines, table building and reading) is C, and runs inside a
// `lua_pcall` started by `tly_pcall_*`. Swift frames never sit between a `lua_error`
// and the `setjmp` that catches it.
#ifndef TALLY_CLUA_H
#define TALLY_CLUA_H

#include <stddef.h>
#include <stdint.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

// MARK: - Budgets

/// Why an evaluation was stopped by the host. Sticky until `tly_budget_begin`.
typedef enum tly_trip {
    TLY_TRIP_NONE = 0,
    TLY_TRIP_CPU = 1,      ///< instruction budget exhausted
    TLY_TRIP_WALL = 2,     ///< wall-clock deadline passed
    TLY_TRIP_MEMORY = 3,   ///< memory ceiling reached (even if the script caught the error)
    TLY_TRIP_PATTERN = 4,  ///< a string pattern needed more matching steps than allowed
    TLY_TRIP_OUTPUT = 5,   ///< the result or log output was larger than allowed
} tly_trip;

/// Per-state limits and counters, shared by the allocator, the hook and the host.
typedef struct tly_budget {
    /* memory (bytes) */
    size_t used;
    size_t peak;
    size_t limit;
    size_t headroom;          ///< extra allowed while `in_host` (host-side setup)
    int in_host;
    void *refused_block;      ///< last refused request, to detect Lua's retry after a GC
    size_t refused_size;
    /* instructions and wall clock, per evaluation */
    int hook_interval;
    int64_t instr_limit;
    int64_t instr_used;
    int64_t wall_limit_ns;
    int64_t wall_deadline_ns;
    int64_t pattern_step_limit;
    int64_t pattern_steps_used; ///< pattern matching steps of this evaluation
    /* state */
    int tripped;              ///< a tly_trip
    int64_t trips;            ///< evaluations stopped by a budget, ever
    int64_t evaluations;      ///< evaluations begun, ever
    lua_State *L;
    void *pool;               ///< small-block pool of this state (opaque)
} tly_budget;

/// Creates a state with a counting allocator; `limits` gives the initial budget
/// (copied; read and change it later through `tly_budget_of`).
lua_State *tly_newstate(tly_budget *limits);
/// Closes a state made by `tly_newstate` and frees its host data.
void tly_close(lua_State *L);
/// Arms the count hook and resets the per-evaluation counters (deterministic count).
void tly_budget_begin(lua_State *L);
/// Removes the hook (used while the host runs trusted set-up code).
void tly_budget_disarm(lua_State *L);
tly_budget *tly_budget_of(lua_State *L);
int64_t tly_monotonic_ns(void);
/// Process-wide malloc tuning for many Lua states allocating on several threads.
void tly_tune_process_allocator(void);

// MARK: - Value tape (the only way values cross between Swift and Lua)

typedef enum tly_tag {
    TLY_NIL = 0,
    TLY_FALSE = 1,
    TLY_TRUE = 2,
    TLY_INT = 3,
    TLY_NUM = 4,
    TLY_STR = 5,     ///< bytes at `arena + s.off`, length `s.len`
    TLY_SYM = 6,     ///< interned string number `i` of the state's symbol table
    TLY_TABLE = 7,   ///< starts a table; entries follow until the matching TLY_END
    TLY_END = 8,
    TLY_KEY = 9,     ///< the next cell is the value of key `s` (string bytes) or symbol `i` (flags & 1)
    TLY_EMPTY = 10,  ///< the shared, read-only empty table (cheap stand-in for an empty list)
    TLY_VIEW = 11,   ///< like TLY_TABLE, but the fields are written into the state's reusable
                     ///< input record and a read-only view of it is passed (no table per item)
    TLY_LIST1 = 12,  ///< a read-only list holding one symbol `i`, cached per symbol
} tly_tag;

typedef struct tly_cell {
    uint8_t tag;
    uint8_t flags;
    uint16_t reserved;  ///< TLY_TABLE: field count hint
    int32_t extra;   ///< TLY_TABLE: array size hint
    union {
        int64_t i;
        double n;
        struct { uint32_t off; uint32_t len; } s;
    } v;
} tly_cell;

/// A growable buffer of cells plus a byte arena for strings. Owned by whoever created it.
typedef struct tly_tape {
    tly_cell *cells;
    size_t count;
    size_t capacity;
    char *arena;
    size_t arena_len;
    size_t arena_cap;
    size_t max_cells;        ///< encoder limit (output size)
    int max_depth;           ///< encoder limit (nesting)
} tly_tape;

void tly_tape_init(tly_tape *t);
void tly_tape_free(tly_tape *t);
void tly_tape_clear(tly_tape *t);
/// Appends a cell; returns 0 when out of memory.
int tly_tape_push(tly_tape *t, tly_cell c);
/// Appends bytes to the arena and returns the offset, or -1 when out of memory.
int64_t tly_tape_bytes(tly_tape *t, const char *p, size_t n);

// MARK: - Protected entry points (each runs its work inside lua_pcall)

/// Result of a protected entry point.
typedef struct tly_status {
    int code;             ///< LUA_OK or a Lua error code
    int tripped;          ///< tly_trip at the time of failure
    int64_t item;         ///< 1-based item index for batch calls, 0 otherwise
    int syntax;           ///< 1 when the source did not compile
    const char *message;  ///< valid until the next call on the state
    size_t message_len;
} tly_status;

/// Opens the sandbox: safe libraries, string metatable, the library table (registry "tly.lib").
tly_status tly_open_sandbox(lua_State *L);

/// Starts a new environment layer whose lookups fall back to the previous layer
/// (or the library for the first layer). Top-level chunks of this layer write to it.
tly_status tly_push_layer(lua_State *L, const char *office);
/// Compiles text-only source and runs it with the current layer as _ENV, under budget.
tly_status tly_load_chunk(lua_State *L, const char *source, size_t len, const char *chunkname);
/// Freezes the current layer: later writes to its globals raise an error.
tly_status tly_freeze_layer(lua_State *L);

/// Finds a function by name through the layers (innermost first, raw access).
/// Returns a registry reference (> 0), or 0 when absent. `layer` receives the
/// 1-based layer that defines it; `where` (optional) receives `file:line` of its definition.
tly_status tly_find_function(lua_State *L, const char *name, int *ref, int *layer, tly_tape *where);
/// Lists the names of globals of type function defined by layer `layer` (1-based),
/// as a tape of strings.
tly_status tly_list_functions(lua_State *L, int layer, tly_tape *out);

/// Interns strings as symbols: the tape holds TLY_STR cells, symbol numbers continue
/// from the state's current count.
tly_status tly_add_symbols(lua_State *L, const tly_tape *symbols);

/// Calls function `ref` with the values in `args` (a sequence of top-level values),
/// writes the returned values (up to `nresults`) to `out`.
tly_status tly_call(lua_State *L, int ref, const tly_tape *args, int nresults, tly_tape *out);

/// Calls function `ref` once per item: `items` holds `count` top-level values, `shared`
/// one value passed as second argument to every call. Per-item budgets restart for
/// every item. Each call's first result is written to `out` (one top-level value per item).
tly_status tly_call_batch(lua_State *L, int ref, const tly_tape *items, int64_t count,
                          const tly_tape *shared, tly_tape *out);

// MARK: - Host functions

/// Swift implements host functions with this signature. It reads `args`, writes one
/// result value to `result` and returns 0, or writes an error message (TLY_STR) and
/// returns 1. It must not call any Lua API.
typedef int (*tly_host_fn)(void *context, int32_t function, const tly_tape *args, tly_tape *result);

/// Installs the host dispatcher for this state (before tly_open_sandbox).
void tly_set_host(lua_State *L, tly_host_fn fn, void *context);
/// Registers host function number `function` as `library.name` in the sandbox library.
tly_status tly_register_host_function(lua_State *L, const char *library, const char *name, int32_t function);

// MARK: - Small shims Swift cannot import

int tly_registryindex(void);
void tly_pop(lua_State *L, int n);
void tly_unref(lua_State *L, int ref);
size_t tly_memory_used(lua_State *L);

#endif
