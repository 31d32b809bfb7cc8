// Internal declarations shared by the CLua sources (not visible to Swift).
#ifndef TALLY_CLUA_INTERNAL_H
#define TALLY_CLUA_INTERNAL_H

#include "include/CLua.h"
#include <stdio.h>

/// Host data kept in the state's extra space.
typedef struct tly_ext {
    tly_budget budget;
    tly_host_fn host;
    void *host_context;
    tly_tape scratch_args;
    tly_tape scratch_result;
    int64_t current_item;
    char *message;          ///< last error message (owned)
    size_t message_cap;
} tly_ext;

tly_ext *tly_ext_of(lua_State *L);
/// Marks the evaluation as failed for `why` and makes the hook fire on every instruction.
void tly_trip_now(tly_budget *b, int why);

/// Stack indexes of what decoding needs (0 = not available, e.g. for host results).
typedef struct tly_dctx {
    int symbols;    ///< the symbol table
    int empty;      ///< the shared empty list
    int record;     ///< the reusable input record behind TLY_VIEW
    int view;       ///< the read-only view of `record`
    int lists;      ///< cache: symbol -> read-only one-element list
} tly_dctx;

/// Pushes the decode context's tables (5 slots) and fills `d`.
void tly_push_dctx(lua_State *L, tly_dctx *d);
/// Pushes the value that starts at `*pos` (advancing `*pos`). Raises on malformed tapes.
void tly_decode_value(lua_State *L, const tly_tape *t, size_t *pos, const tly_dctx *d, int depth);
/// Pushes a read-only view of the table at `idx`: reads go through, writes raise, `pairs`
/// and the result encoder see the table itself; `with_len` adds `#` for lists.
void tly_push_view(lua_State *L, int idx, int with_len);
/// __len of read-only list views.
int tly_view_len(lua_State *L);
/// Returns the table a view reads from (the table itself when it is not a view).
int tly_view_source(lua_State *L);
/// Appends the value at stack index `idx` to the tape (raw access only). Raises on
/// functions, metatables, unsupported keys, excessive depth or size.
void tly_encode_value(lua_State *L, int idx, tly_tape *t, int depth);

int tly_open_sandbox_k(lua_State *L);
/// __newindex of a frozen layer: globals may only be defined while a file loads.
int tly_frozen_error(lua_State *L);
int tly_register_host_k(lua_State *L, const char *library, const char *name, int32_t function);

/// The per-state small-block pool (pool.c).
void *tly_pool_new(void);
void tly_pool_free(void *pool);
void *tly_pool_realloc(void *pool, void *ptr, size_t osize, size_t nsize);
void tly_pool_release(void *pool, void *ptr, size_t osize);

/// Registry keys.
#define TLY_REG_LIB "tly.lib"
#define TLY_REG_LAYERS "tly.layers"
#define TLY_REG_SYMBOLS "tly.symbols"
#define TLY_REG_EMPTY "tly.empty"
#define TLY_REG_RECORD "tly.record"
#define TLY_REG_VIEW "tly.view"
#define TLY_REG_LISTS "tly.lists"

/// Installs the budgeted pattern functions (find, match, gmatch, gsub) into the table
/// at stack index `lib`.
void tly_open_patterns(lua_State *L, int lib);

#endif
