// Protected entry points: every operation Swift asks of a state runs inside lua_pcall,
// so no Lua error (including out-of-memory while building values) unwinds through Swift.
#include "tly_internal.h"
#include <stdlib.h>
#include <string.h>

typedef enum op {
    OP_OPEN,
    OP_REGISTER,
    OP_PUSH_LAYER,
    OP_LOAD,
    OP_FREEZE,
    OP_FIND,
    OP_LIST,
    OP_SYMBOLS,
    OP_CALL,
    OP_BATCH,
} op;

typedef struct job {
    op op;
    const char *s1, *s2, *s3;
    size_t len;
    int32_t n;
    int ref, layer, syntax;
    int64_t count;
    const tly_tape *in;
    const tly_tape *shared;
    tly_tape *out;
} job;

// MARK: - Error message handler

/// Message handler: turns any error value into a string (never running script code:
/// a table's __tostring is not called), followed by the script frames of the stack.
static int msgh(lua_State *L) {
    switch (lua_type(L, 1)) {
    case LUA_TSTRING: break;
    case LUA_TNUMBER: lua_pushfstring(L, "%s", lua_tostring(L, 1)); lua_replace(L, 1); break;
    case LUA_TTABLE:
        lua_pushliteral(L, "message");
        if (lua_rawget(L, 1) == LUA_TSTRING) {
            lua_replace(L, 1);
        } else {
            lua_pop(L, 1);
            lua_pushliteral(L, "(error object is a table value)");
            lua_replace(L, 1);
        }
        break;
    default:
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        lua_replace(L, 1);
    }
    luaL_Buffer buf;
    luaL_buffinit(L, &buf);
    lua_pushvalue(L, 1);
    luaL_addvalue(&buf);
    lua_Debug ar;
    int shown = 0;
    for (int level = 1; shown < 8 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sln", &ar)) break;
        if (ar.source[0] != '@' || ar.currentline <= 0) continue;
        if (shown == 0) luaL_addstring(&buf, "\nstack traceback:");
        lua_pushfstring(L, "\n\t%s:%d: in %s%s%s", ar.short_src, ar.currentline,
                        ar.name ? "function '" : (*ar.what == 'm' ? "main chunk" : "function"),
                        ar.name ? ar.name : "", ar.name ? "'" : "");
        luaL_addvalue(&buf);
        shown++;
    }
    luaL_pushresult(&buf);
    return 1;
}

// MARK: - Operations

static void push_registry(lua_State *L, const char *key) { lua_getfield(L, LUA_REGISTRYINDEX, key); }

/// Pushes the environment of layer `i` (1-based), or the library when i == 0.
static void push_layer_env(lua_State *L, int layers, lua_Integer i) {
    if (i <= 0) {
        push_registry(L, TLY_REG_LIB);
        return;
    }
    lua_rawgeti(L, layers, i);
    lua_getfield(L, -1, "env");
    lua_remove(L, -2);
}

static void check_tripped(lua_State *L) {
    tly_budget *b = &tly_ext_of(L)->budget;
    if (b->tripped != TLY_TRIP_NONE) luaL_error(L, "evaluation stopped by the host (budget exceeded)");
}

static void op_push_layer(lua_State *L, job *j) {
    push_registry(L, TLY_REG_LAYERS);
    int layers = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, layers);
    lua_newtable(L);                                /* [layers env] */
    int env = lua_gettop(L);
    lua_createtable(L, 0, 2);
    push_layer_env(L, layers, n);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, env);
    if (n > 0) {
        push_layer_env(L, layers, n);
        lua_setfield(L, env, "parent");
    }
    lua_createtable(L, 0, 3);                       /* [layers env rec] */
    lua_pushvalue(L, env);
    lua_setfield(L, -2, "env");
    lua_pushstring(L, j->s1);
    lua_setfield(L, -2, "office");
    lua_rawseti(L, layers, n + 1);
}

static void op_load(lua_State *L, job *j) {
    push_registry(L, TLY_REG_LAYERS);
    int layers = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, layers);
    if (n == 0) luaL_error(L, "no layer to load into");
    lua_rawgeti(L, layers, n);
    if (lua_getfield(L, -1, "store") != LUA_TNIL) luaL_error(L, "layer is frozen");
    lua_pop(L, 2);
    if (luaL_loadbufferx(L, j->s1, j->len, j->s2, "t") != LUA_OK) {
        j->syntax = 1;
        lua_error(L);
    }
    push_layer_env(L, layers, n);
    if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
    tly_budget_begin(L);
    lua_call(L, 0, 0);
    check_tripped(L);
}

static void op_freeze(lua_State *L) {
    push_registry(L, TLY_REG_LAYERS);
    int layers = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, layers);
    if (n == 0) luaL_error(L, "no layer to freeze");
    lua_rawgeti(L, layers, n);
    int rec = lua_gettop(L);
    lua_getfield(L, rec, "env");
    int env = lua_gettop(L);
    lua_newtable(L);
    int store = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, env) != 0) {                 /* [.. key value] */
        lua_pushvalue(L, -2);
        lua_insert(L, -2);                          /* [.. key key value] */
        lua_rawset(L, store);                       /* store[key] = value */
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, env);                         /* env[key] = nil (clearing is allowed during next) */
    }
    lua_createtable(L, 0, 2);
    push_layer_env(L, layers, n - 1);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, store);
    /* The closures of this layer keep `env` as their _ENV: it stays empty and refuses writes. */
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, store);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, tly_frozen_error);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, env);
    lua_pushvalue(L, store);
    lua_setfield(L, rec, "store");
}

static void op_find(lua_State *L, job *j) {
    push_registry(L, TLY_REG_LAYERS);
    int layers = lua_gettop(L);
    j->ref = 0;
    j->layer = 0;
    for (lua_Integer i = (lua_Integer)lua_rawlen(L, layers); i >= 1; i--) {
        lua_rawgeti(L, layers, i);
        if (lua_getfield(L, -1, "store") != LUA_TTABLE) luaL_error(L, "layer %d is not frozen", (int)i);
        lua_pushstring(L, j->s1);
        int t = lua_rawget(L, -2);
        if (t == LUA_TFUNCTION) {
            lua_Debug ar;
            lua_pushvalue(L, -1);
            if (lua_getinfo(L, ">S", &ar) && j->out != NULL) {
                char where[LUA_IDSIZE + 24];
                int n = snprintf(where, sizeof where, "%s:%d", ar.short_src, ar.linedefined);
                int64_t off = tly_tape_bytes(j->out, where, n > 0 ? (size_t)n : 0);
                tly_cell c = {0};
                c.tag = TLY_STR;
                c.v.s.off = (uint32_t)(off < 0 ? 0 : off);
                c.v.s.len = (uint32_t)(off < 0 ? 0 : n);
                if (off >= 0) tly_tape_push(j->out, c);
            }
            j->ref = luaL_ref(L, LUA_REGISTRYINDEX);
            j->layer = (int)i;
            return;
        }
        if (t != LUA_TNIL) {
            j->ref = -1;
            j->layer = (int)i;
            return;
        }
        lua_pop(L, 3);
    }
}

static void op_list(lua_State *L, job *j) {
    push_registry(L, TLY_REG_LAYERS);
    lua_rawgeti(L, -1, j->layer);
    if (lua_getfield(L, -1, "store") != LUA_TTABLE) luaL_error(L, "layer %d is not frozen", j->layer);
    int store = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, store) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
            size_t len;
            const char *s = lua_tolstring(L, -2, &len);
            int64_t off = tly_tape_bytes(j->out, s, len);
            tly_cell c = {0};
            c.tag = TLY_STR;
            c.v.s.off = (uint32_t)off;
            c.v.s.len = (uint32_t)len;
            if (off < 0 || !tly_tape_push(j->out, c)) luaL_error(L, "not enough memory");
        }
        lua_pop(L, 1);
    }
}

static void op_symbols(lua_State *L, job *j) {
    push_registry(L, TLY_REG_SYMBOLS);
    int symbols = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, symbols);
    for (size_t i = 0; i < j->in->count; i++) {
        const tly_cell *c = &j->in->cells[i];
        if (c->tag != TLY_STR) luaL_error(L, "symbols must be strings");
        lua_pushlstring(L, j->in->arena + c->v.s.off, c->v.s.len);
        lua_rawseti(L, symbols, ++n);
    }
}

static void op_call(lua_State *L, job *j) {
    tly_dctx d;
    tly_push_dctx(L, &d);
    lua_rawgeti(L, LUA_REGISTRYINDEX, j->ref);
    int nargs = 0;
    size_t pos = 0;
    while (j->in != NULL && pos < j->in->count) {
        luaL_checkstack(L, 2, "too many arguments");
        tly_decode_value(L, j->in, &pos, &d, 0);
        nargs++;
    }
    tly_budget_begin(L);
    lua_call(L, nargs, j->n);
    check_tripped(L);
    int first = lua_gettop(L) - j->n + 1;
    for (int i = 0; i < j->n; i++) tly_encode_value(L, first + i, j->out, 0);
}

static void op_batch(lua_State *L, job *j) {
    tly_ext *ext = tly_ext_of(L);
    tly_dctx d;
    tly_push_dctx(L, &d);
    lua_rawgeti(L, LUA_REGISTRYINDEX, j->ref);
    int fn = lua_gettop(L);
    size_t pos = 0;
    if (j->shared != NULL && j->shared->count > 0) {
        tly_decode_value(L, j->shared, &pos, &d, 0);
        if (lua_type(L, -1) == LUA_TTABLE) {
            /* Every call of the batch sees the same context: make it read-only. */
            tly_push_view(L, -1, 0);
            lua_remove(L, -2);
        }
    } else {
        lua_pushnil(L);
    }
    int shared = lua_gettop(L);
    pos = 0;
    for (int64_t i = 1; i <= j->count; i++) {
        ext->current_item = i;
        lua_pushvalue(L, fn);
        tly_decode_value(L, j->in, &pos, &d, 0);
        lua_pushvalue(L, shared);
        tly_budget_begin(L);
        lua_call(L, 2, 1);
        check_tripped(L);
        tly_encode_value(L, -1, j->out, 0);
        lua_settop(L, shared);
    }
    ext->current_item = 0;
}

static int protected_main(lua_State *L) {
    job *j = (job *)lua_touserdata(L, 1);
    lua_settop(L, 0);
    switch (j->op) {
    case OP_OPEN: return tly_open_sandbox_k(L);
    case OP_REGISTER: return tly_register_host_k(L, j->s1, j->s2, j->n);
    case OP_PUSH_LAYER: op_push_layer(L, j); break;
    case OP_LOAD: op_load(L, j); break;
    case OP_FREEZE: op_freeze(L); break;
    case OP_FIND: op_find(L, j); break;
    case OP_LIST: op_list(L, j); break;
    case OP_SYMBOLS: op_symbols(L, j); break;
    case OP_CALL: op_call(L, j); break;
    case OP_BATCH: op_batch(L, j); break;
    }
    return 0;
}

static tly_status run(lua_State *L, job *j) {
    tly_ext *ext = tly_ext_of(L);
    tly_status st = {0};
    int base = lua_gettop(L);
    ext->current_item = 0;
    lua_pushcfunction(L, msgh);
    lua_pushcfunction(L, protected_main);
    lua_pushlightuserdata(L, j);
    st.code = lua_pcall(L, 1, 0, base + 1);
    if (st.code != LUA_OK) {
        size_t len = 0;
        const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : "unknown error";
        if (lua_type(L, -1) != LUA_TSTRING) len = strlen(msg);
        if (len + 1 > ext->message_cap) {
            char *m = realloc(ext->message, len + 1);
            if (m != NULL) {
                ext->message = m;
                ext->message_cap = len + 1;
            } else {
                len = ext->message_cap > 0 ? ext->message_cap - 1 : 0;
            }
        }
        if (ext->message != NULL) {
            memcpy(ext->message, msg, len);
            ext->message[len] = 0;
        }
        st.message = ext->message;
        st.message_len = len;
        st.tripped = ext->budget.tripped;
        st.item = ext->current_item;
        st.syntax = j->syntax;
    }
    lua_settop(L, base);
    return st;
}

// MARK: - Public entry points

tly_status tly_open_sandbox(lua_State *L) {
    job j = {.op = OP_OPEN};
    return run(L, &j);
}

tly_status tly_register_host_function(lua_State *L, const char *library, const char *name, int32_t function) {
    job j = {.op = OP_REGISTER, .s1 = library, .s2 = name, .n = function};
    return run(L, &j);
}

tly_status tly_push_layer(lua_State *L, const char *office) {
    job j = {.op = OP_PUSH_LAYER, .s1 = office};
    return run(L, &j);
}

tly_status tly_load_chunk(lua_State *L, const char *source, size_t len, const char *chunkname) {
    job j = {.op = OP_LOAD, .s1 = source, .len = len, .s2 = chunkname};
    return run(L, &j);
}

tly_status tly_freeze_layer(lua_State *L) {
    job j = {.op = OP_FREEZE};
    return run(L, &j);
}

tly_status tly_find_function(lua_State *L, const char *name, int *ref, int *layer, tly_tape *where) {
    job j = {.op = OP_FIND, .s1 = name, .out = where};
    tly_status st = run(L, &j);
    *ref = j.ref;
    *layer = j.layer;
    return st;
}

tly_status tly_list_functions(lua_State *L, int layer, tly_tape *out) {
    job j = {.op = OP_LIST, .layer = layer, .out = out};
    return run(L, &j);
}

tly_status tly_add_symbols(lua_State *L, const tly_tape *symbols) {
    job j = {.op = OP_SYMBOLS, .in = symbols};
    return run(L, &j);
}

tly_status tly_call(lua_State *L, int ref, const tly_tape *args, int nresults, tly_tape *out) {
    job j = {.op = OP_CALL, .ref = ref, .in = args, .n = nresults, .out = out};
    return run(L, &j);
}

tly_status tly_call_batch(lua_State *L, int ref, const tly_tape *items, int64_t count, const tly_tape *shared,
                          tly_tape *out) {
    job j = {.op = OP_BATCH, .ref = ref, .in = items, .count = count, .shared = shared, .out = out};
    return run(L, &j);
}

// MARK: - Shims

int tly_registryindex(void) { return LUA_REGISTRYINDEX; }
void tly_pop(lua_State *L, int n) { lua_pop(L, n); }
void tly_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
