// The value tape: a flat, Lua-free representation of values exchanged with Swift.
#include "tly_internal.h"
#include <stdlib.h>
#include <string.h>

void tly_tape_init(tly_tape *t) {
    memset(t, 0, sizeof(*t));
    t->max_cells = 1u << 20;
    t->max_depth = 32;
}

void tly_tape_free(tly_tape *t) {
    free(t->cells);
    free(t->arena);
    size_t max_cells = t->max_cells;
    int max_depth = t->max_depth;
    memset(t, 0, sizeof(*t));
    t->max_cells = max_cells;
    t->max_depth = max_depth;
}

void tly_tape_clear(tly_tape *t) {
    t->count = 0;
    t->arena_len = 0;
}

int tly_tape_push(tly_tape *t, tly_cell c) {
    if (t->count == t->capacity) {
        size_t cap = t->capacity ? t->capacity * 2 : 256;
        tly_cell *cells = realloc(t->cells, cap * sizeof(tly_cell));
        if (cells == NULL) return 0;
        t->cells = cells;
        t->capacity = cap;
    }
    t->cells[t->count++] = c;
    return 1;
}

int64_t tly_tape_bytes(tly_tape *t, const char *p, size_t n) {
    if (n > UINT32_MAX || t->arena_len + n > UINT32_MAX) return -1;
    if (t->arena_len + n > t->arena_cap) {
        size_t cap = t->arena_cap ? t->arena_cap : 4096;
        while (cap < t->arena_len + n) cap *= 2;
        char *arena = realloc(t->arena, cap);
        if (arena == NULL) return -1;
        t->arena = arena;
        t->arena_cap = cap;
    }
    int64_t off = (int64_t)t->arena_len;
    if (n > 0) memcpy(t->arena + off, p, n);
    t->arena_len += n;
    return off;
}

// MARK: - Tape -> Lua

void tly_push_dctx(lua_State *L, tly_dctx *d) {
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_SYMBOLS);
    d->symbols = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_EMPTY);
    d->empty = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_RECORD);
    d->record = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_VIEW);
    d->view = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_LISTS);
    d->lists = lua_gettop(L);
}

static void push_symbol(lua_State *L, const tly_dctx *d, lua_Integer i) {
    if (d == NULL || d->symbols == 0) luaL_error(L, "malformed value tape (symbol without a symbol table)");
    lua_rawgeti(L, d->symbols, i);
}

static void push_string_cell(lua_State *L, const tly_tape *t, const tly_cell *c, const tly_dctx *d) {
    if (c->tag == TLY_SYM || (c->tag == TLY_KEY && (c->flags & 1))) {
        push_symbol(L, d, c->v.i);
    } else if (c->tag == TLY_KEY && (c->flags & 2)) {
        lua_pushinteger(L, c->v.i);
    } else {
        if ((size_t)c->v.s.off + c->v.s.len > t->arena_len) luaL_error(L, "malformed value tape (string)");
        lua_pushlstring(L, t->arena + c->v.s.off, c->v.s.len);
    }
}

/// Decodes the entries of a table body into the table at `table` (until TLY_END).
static void decode_entries(lua_State *L, const tly_tape *t, size_t *pos, const tly_dctx *d, int depth, int table) {
    lua_Integer next = 1;
    for (;;) {
        if (*pos >= t->count) luaL_error(L, "malformed value tape (unterminated table)");
        const tly_cell *e = &t->cells[*pos];
        if (e->tag == TLY_END) {
            (*pos)++;
            return;
        }
        if (e->tag == TLY_KEY) {
            (*pos)++;
            push_string_cell(L, t, e, d);
            tly_decode_value(L, t, pos, d, depth + 1);
            lua_rawset(L, table);
        } else {
            tly_decode_value(L, t, pos, d, depth + 1);
            lua_rawseti(L, table, next++);
        }
    }
}

/// A read-only one-element list for symbol `sym`, made once per state and cached.
static void push_list1(lua_State *L, const tly_dctx *d, lua_Integer sym) {
    if (d == NULL || d->lists == 0) luaL_error(L, "malformed value tape (list without a cache)");
    if (lua_rawgeti(L, d->lists, sym) != LUA_TNIL) return;
    lua_pop(L, 1);
    lua_createtable(L, 1, 0);                      /* [backing] */
    push_symbol(L, d, sym);
    lua_rawseti(L, -2, 1);
    tly_push_view(L, -1, 1);                       /* [backing proxy] */
    lua_remove(L, -2);                             /* [proxy] */
    lua_pushvalue(L, -1);
    lua_rawseti(L, d->lists, sym);
}

void tly_decode_value(lua_State *L, const tly_tape *t, size_t *pos, const tly_dctx *d, int depth) {
    if (*pos >= t->count) luaL_error(L, "malformed value tape (truncated)");
    if (depth > 64) luaL_error(L, "malformed value tape (too deep)");
    const tly_cell *c = &t->cells[(*pos)++];
    switch (c->tag) {
    case TLY_NIL: lua_pushnil(L); return;
    case TLY_FALSE: lua_pushboolean(L, 0); return;
    case TLY_TRUE: lua_pushboolean(L, 1); return;
    case TLY_INT: lua_pushinteger(L, c->v.i); return;
    case TLY_NUM: lua_pushnumber(L, c->v.n); return;
    case TLY_STR:
    case TLY_SYM: push_string_cell(L, t, c, d); return;
    case TLY_EMPTY:
        if (d != NULL && d->empty != 0) lua_pushvalue(L, d->empty); else lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_EMPTY);
        return;
    case TLY_LIST1: push_list1(L, d, c->v.i); return;
    case TLY_TABLE:
        luaL_checkstack(L, 4, "value tape");
        lua_createtable(L, c->extra > 0 ? c->extra : 0, c->reserved);
        decode_entries(L, t, pos, d, depth, lua_gettop(L));
        return;
    case TLY_VIEW:
        if (d == NULL || d->record == 0 || depth > 0) luaL_error(L, "malformed value tape (view)");
        luaL_checkstack(L, 4, "value tape");
        decode_entries(L, t, pos, d, depth, d->record);
        lua_pushvalue(L, d->view);
        return;
    default: luaL_error(L, "malformed value tape (tag %d)", (int)c->tag);
    }
}

int tly_view_len(lua_State *L) {
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

int tly_view_source(lua_State *L) {
    if (lua_type(L, 1) == LUA_TTABLE && lua_getmetatable(L, 1)) {
        if (lua_getfield(L, -1, "__view") == LUA_TBOOLEAN && lua_toboolean(L, -1)) {
            lua_getfield(L, -2, "__index");
            return 1;
        }
    }
    lua_settop(L, 1);
    return 1;
}

// MARK: - Lua -> Tape

static void emit(lua_State *L, tly_tape *t, tly_cell c) {
    if (t->count >= t->max_cells) {
        tly_trip_now(&tly_ext_of(L)->budget, TLY_TRIP_OUTPUT);
        luaL_error(L, "result too large (more than %d values)", (int)t->max_cells);
    }
    if (!tly_tape_push(t, c)) luaL_error(L, "not enough memory for the result");
}

static void emit_string(lua_State *L, tly_tape *t, uint8_t tag, const char *s, size_t len) {
    int64_t off = tly_tape_bytes(t, s, len);
    if (off < 0) luaL_error(L, "not enough memory for the result");
    tly_cell c = {0};
    c.tag = tag;
    c.v.s.off = (uint32_t)off;
    c.v.s.len = (uint32_t)len;
    emit(L, t, c);
}

void tly_encode_value(lua_State *L, int idx, tly_tape *t, int depth) {
    idx = lua_absindex(L, idx);
    tly_cell c = {0};
    switch (lua_type(L, idx)) {
    case LUA_TNIL: c.tag = TLY_NIL; emit(L, t, c); return;
    case LUA_TBOOLEAN: c.tag = lua_toboolean(L, idx) ? TLY_TRUE : TLY_FALSE; emit(L, t, c); return;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            c.tag = TLY_INT;
            c.v.i = lua_tointeger(L, idx);
        } else {
            c.tag = TLY_NUM;
            c.v.n = lua_tonumber(L, idx);
        }
        emit(L, t, c);
        return;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        emit_string(L, t, TLY_STR, s, len);
        return;
    }
    case LUA_TTABLE: {
        if (depth >= t->max_depth) luaL_error(L, "result nested too deeply (more than %d levels)", t->max_depth);
        if (lua_getmetatable(L, idx)) {
            /* Host views (read-only inputs) are encoded as what they show. */
            if (lua_getfield(L, -1, "__view") == LUA_TBOOLEAN && lua_toboolean(L, -1)) {
                lua_getfield(L, -2, "__index");
                tly_encode_value(L, -1, t, depth + 1);
                lua_pop(L, 3);
                return;
            }
            lua_pop(L, 2);
            lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_EMPTY);
            int empty = lua_rawequal(L, idx, -1);
            lua_pop(L, 1);
            if (!empty) luaL_error(L, "result tables must be plain data (this one has a metatable)");
            c.tag = TLY_TABLE;
            emit(L, t, c);
            c.tag = TLY_END;
            emit(L, t, c);
            return;
        }
        luaL_checkstack(L, 4, "result");
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        c.tag = TLY_TABLE;
        c.extra = n > INT32_MAX ? INT32_MAX : (int32_t)n;
        emit(L, t, c);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            tly_encode_value(L, -1, t, depth + 1);
            lua_pop(L, 1);
        }
        lua_pushnil(L);
        while (lua_next(L, idx) != 0) {
            /* [.. key value] */
            int kt = lua_type(L, -2);
            if (kt == LUA_TNUMBER && lua_isinteger(L, -2)) {
                lua_Integer k = lua_tointeger(L, -2);
                if (k >= 1 && k <= n) {
                    lua_pop(L, 1);
                    continue;
                }
                tly_cell key = {0};
                key.tag = TLY_KEY;
                key.flags = 2;
                key.v.i = k;
                emit(L, t, key);
            } else if (kt == LUA_TSTRING) {
                size_t len;
                const char *s = lua_tolstring(L, -2, &len);
                emit_string(L, t, TLY_KEY, s, len);
            } else {
                luaL_error(L, "result tables may only have string or integer keys (found a %s key)", luaL_typename(L, -2));
            }
            tly_encode_value(L, -1, t, depth + 1);
            lua_pop(L, 1);
        }
        tly_cell end = {0};
        end.tag = TLY_END;
        emit(L, t, end);
        return;
    }
    default:
        luaL_error(L, "a %s cannot be passed to the host", luaL_typename(L, idx));
    }
}
