// The sandboxed library and the layered environments rule files run in.
//
// Scripts see only the library table built here (base functions without load, next,
// metatables, raw writes or printing; string without dump, pack and the unbudgeted
// pattern functions; table, math without random, utf8) plus host libraries registered
// by Swift. Every library table is a read-only proxy.
#include "tly_internal.h"
#include <ctype.h>
#include <string.h>

#define TLY_REG_REAL "tly.real"    /* library name -> the real table behind its proxy */

/// String lengths and repetition counts beyond which `string.rep` refuses (CPU without hooks).
#define TLY_MAX_REP_BYTES (16u << 20)
#define TLY_MAX_REP_COUNT 10000000
/// `table.move` copies element by element in C, where the count hook does not run.
#define TLY_MAX_MOVE 1000000

// MARK: - Replacement functions

static int readonly_error(lua_State *L) {
    if (lua_type(L, 2) == LUA_TSTRING) {
        return luaL_error(L, "cannot assign '%s': this table is read-only", lua_tostring(L, 2));
    }
    return luaL_error(L, "cannot assign to a read-only table");
}

int tly_frozen_error(lua_State *L) {
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    return luaL_error(L, "cannot assign global '%s' while evaluating: rules define globals only when loaded (use a local)", k);
}

static int undefined_global(lua_State *L) {
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    return luaL_error(L, "undefined global '%s'", k);
}

/// tostring without addresses: tables, functions and other references print their type.
static int safe_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    switch (lua_type(L, 1)) {
    case LUA_TNIL:
    case LUA_TBOOLEAN:
    case LUA_TNUMBER:
    case LUA_TSTRING:
        luaL_tolstring(L, 1, NULL);
        return 1;
    default:
        lua_pushstring(L, luaL_typename(L, 1));
        return 1;
    }
}

/// string.format without %p and without addresses for tables passed to %s.
static int safe_format(lua_State *L) {
    size_t len;
    const char *f = luaL_checklstring(L, 1, &len);
    int top = lua_gettop(L);
    int arg = 1;
    for (size_t i = 0; i < len; i++) {
        if (f[i] != '%') continue;
        if (++i >= len) break;
        if (f[i] == '%') continue;
        while (i < len && strchr("-+ #0", f[i]) != NULL) i++;
        while (i < len && isdigit((unsigned char)f[i])) i++;
        if (i < len && f[i] == '.') {
            i++;
            while (i < len && isdigit((unsigned char)f[i])) i++;
        }
        if (i >= len) break;
        arg++;
        if (f[i] == 'p') return luaL_error(L, "bad argument #1 to 'format' ('%%p' is not available in rules)");
        if (f[i] == 's' && arg <= top) {
            int t = lua_type(L, arg);
            if (t != LUA_TSTRING && t != LUA_TNUMBER) {
                lua_pushcfunction(L, safe_tostring);
                lua_pushvalue(L, arg);
                lua_call(L, 1, 1);
                lua_replace(L, arg);
            }
        }
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, top, 1);
    return 1;
}

/// string.rep with a ceiling on the result (an empty string repeated 1e12 times never returns).
static int safe_rep(lua_State *L) {
    size_t l, lsep = 0;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n > TLY_MAX_REP_COUNT || (n > 0 && (double)(l + lsep) * (double)n > (double)TLY_MAX_REP_BYTES)) {
        return luaL_error(L, "bad argument #2 to 'rep' (result too large for rules: at most %d repetitions and %d MiB)",
                          TLY_MAX_REP_COUNT, (int)(TLY_MAX_REP_BYTES >> 20));
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/// table.move with a ceiling on the element count (the copy loop runs in C, unhooked).
static int safe_move(lua_State *L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    if (e >= f && (e - f >= TLY_MAX_MOVE || e - f < 0)) {
        return luaL_error(L, "bad argument #3 to 'move' (at most %d elements in rules)", TLY_MAX_MOVE);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

// MARK: - Read-only views

void tly_push_view(lua_State *L, int idx, int with_len) {
    idx = lua_absindex(L, idx);
    lua_newtable(L);                 /* [proxy] */
    lua_createtable(L, 0, 5);        /* [proxy mt] */
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_error);
    lua_setfield(L, -2, "__newindex");
    if (with_len) {
        lua_pushcfunction(L, tly_view_len);
        lua_setfield(L, -2, "__len");
    }
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "__view");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);         /* [proxy] */
}

// MARK: - Library construction

/// Copies the named fields of the table at `from` into a new table (pushed).
static void copy_fields(lua_State *L, int from, const char *const *names) {
    lua_newtable(L);
    for (const char *const *n = names; *n != NULL; n++) {
        lua_getfield(L, from, *n);
        lua_setfield(L, -2, *n);
    }
}

/// Replaces the table at the top with a read-only proxy (pushed in its place) and
/// remembers the real table under `name`.
static void make_readonly(lua_State *L, const char *name) {
    int real = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_REAL);
    lua_pushvalue(L, real);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
    tly_push_view(L, real, 0);       /* [real proxy] */
    lua_remove(L, real);             /* [proxy] */
}

/// Wraps field `name` of the table at `lib` in `fn`, with the original as upvalue 1.
static void wrap_field(lua_State *L, int lib, const char *name, lua_CFunction fn) {
    lua_getfield(L, lib, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, lib, name);
}

// Trusted Lua run once per state: deterministic pairs (sorted keys) and an xpcall whose
// handler runs after the stack unwinds, with hooks armed (Lua runs a message handler for
// a hook-raised error with hooks off, where a loop would hang the host).
static const char prelude[] =
    "local lib, next, type, sort, pcall, error, unpack, pack, source = ...\n"
    "local rank = { number = 1, string = 2, boolean = 3 }\n"
    "local function less(a, b)\n"
    "  local ta, tb = type(a), type(b)\n"
    "  if ta ~= tb then return rank[ta] < rank[tb] end\n"
    "  if ta == 'boolean' then return (not a) and b end\n"
    "  return a < b\n"
    "end\n"
    "lib.pairs = function(t)\n"
    "  if type(t) ~= 'table' then\n"
    "    error(\"bad argument #1 to 'pairs' (table expected, got \" .. type(t) .. ')', 2)\n"
    "  end\n"
    "  t = source(t)\n"
    "  local keys, n = {}, 0\n"
    "  for k in next, t do\n"
    "    if rank[type(k)] == nil then\n"
    "      error(\"pairs: a key of type \" .. type(k) .. ' cannot be ordered (use string or number keys)', 2)\n"
    "    end\n"
    "    n = n + 1; keys[n] = k\n"
    "  end\n"
    "  if n > 1 then sort(keys, less) end\n"
    "  local i = 0\n"
    "  return function()\n"
    "    i = i + 1\n"
    "    local k = keys[i]\n"
    "    if k ~= nil then return k, t[k] end\n"
    "  end, t, nil\n"
    "end\n"
    "lib.xpcall = function(f, handler, ...)\n"
    "  local r = pack(pcall(f, ...))\n"
    "  if r[1] then return unpack(r, 1, r.n) end\n"
    "  return false, handler(r[2])\n"
    "end\n";

// No rawget/rawlen: scripts cannot set metatables, so raw access only matters on the host's
// read-only input views, where it would silently see nothing.
static const char *const base_names[] = {"assert", "error", "ipairs", "pcall", "select", "tonumber",
                                         "type", "rawequal", "_VERSION", NULL};
static const char *const string_names[] = {"byte", "char", "format", "len", "lower", "rep",
                                           "reverse", "sub", "upper", NULL};
static const char *const table_names[] = {"concat", "insert", "move", "pack", "remove", "sort", "unpack", NULL};
static const char *const math_names[] = {"abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge",
                                         "log", "max", "maxinteger", "min", "mininteger", "modf", "pi",
                                         "rad", "sin", "sqrt", "tan", "tointeger", "type", "ult", NULL};
static const char *const utf8_names[] = {"char", "charpattern", "codes", "codepoint", "len", "offset", NULL};

int tly_open_sandbox_k(lua_State *L) {
    tly_budget *b = &tly_ext_of(L)->budget;
    b->in_host = 1;
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_REAL);
    luaL_requiref(L, "_G", luaopen_base, 0);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
    int G = lua_absindex(L, -5), S = lua_absindex(L, -4), T = lua_absindex(L, -3);
    int M = lua_absindex(L, -2), U = lua_absindex(L, -1);

    copy_fields(L, G, base_names);
    int lib = lua_gettop(L);
    lua_pushcfunction(L, safe_tostring);
    lua_setfield(L, lib, "tostring");

    copy_fields(L, S, string_names);
    int str = lua_gettop(L);
    wrap_field(L, str, "format", safe_format);
    wrap_field(L, str, "rep", safe_rep);
    tly_open_patterns(L, str);
    /* Strings index this table for methods; their metatable is hidden from scripts. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, str);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_pushvalue(L, str);
    make_readonly(L, "string");
    lua_setfield(L, lib, "string");
    lua_pop(L, 1);

    copy_fields(L, T, table_names);
    wrap_field(L, lua_gettop(L), "move", safe_move);
    make_readonly(L, "table");
    lua_setfield(L, lib, "table");
    copy_fields(L, M, math_names);
    make_readonly(L, "math");
    lua_setfield(L, lib, "math");
    copy_fields(L, U, utf8_names);
    make_readonly(L, "utf8");
    lua_setfield(L, lib, "utf8");

    /* Trusted prelude: adds pairs and xpcall to lib. */
    if (luaL_loadbufferx(L, prelude, sizeof(prelude) - 1, "=(sandbox)", "t") != LUA_OK) lua_error(L);
    lua_pushvalue(L, lib);
    lua_getfield(L, G, "next");
    lua_getfield(L, G, "type");
    lua_getfield(L, T, "sort");
    lua_getfield(L, G, "pcall");
    lua_getfield(L, G, "error");
    lua_getfield(L, T, "unpack");
    lua_getfield(L, T, "pack");
    lua_pushcfunction(L, tly_view_source);
    lua_call(L, 9, 0);

    /* Unknown names raise; nothing may be added. */
    lua_createtable(L, 0, 3);
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_error);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, lib);
    lua_pushvalue(L, lib);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_LIB);

    /* The shared empty list: writes raise, reads see nothing. */
    lua_newtable(L);
    tly_push_view(L, -1, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_EMPTY);
    lua_pop(L, 1);

    /* The reusable input record and its read-only view (TLY_VIEW): one per state. */
    lua_createtable(L, 0, 16);
    tly_push_view(L, -1, 0);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_VIEW);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_RECORD);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_LISTS);

    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_LAYERS);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TLY_REG_SYMBOLS);

    /* The real globals table keeps the unsafe functions; make sure nothing reaches it. */
    lua_pushnil(L);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_settop(L, 0);
    b->in_host = 0;
    return 0;
}

// MARK: - Host function trampoline

static int host_call(lua_State *L) {
    tly_ext *ext = tly_ext_of(L);
    int32_t fn = (int32_t)lua_tointeger(L, lua_upvalueindex(1));
    const char *name = lua_tostring(L, lua_upvalueindex(2));
    tly_tape *args = &ext->scratch_args, *res = &ext->scratch_result;
    tly_tape_clear(args);
    tly_tape_clear(res);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) tly_encode_value(L, i, args, 0);
    if (ext->host == NULL) return luaL_error(L, "host function '%s' is not available", name);
    int rc = ext->host(ext->host_context, fn, args, res);
    if (rc == 0) {
        lua_settop(L, 0);
        size_t pos = 0;
        if (res->count == 0) return 0;
        tly_decode_value(L, res, &pos, NULL, 0); /* host results use no symbols or views */
        return 1;
    }
    if (rc == 2) tly_trip_now(&ext->budget, TLY_TRIP_OUTPUT);
    if (res->count > 0 && res->cells[0].tag == TLY_STR) {
        lua_pushlstring(L, res->arena + res->cells[0].v.s.off, res->cells[0].v.s.len);
        return luaL_error(L, "%s", lua_tostring(L, -1));
    }
    return luaL_error(L, "%s failed", name);
}

void tly_set_host(lua_State *L, tly_host_fn fn, void *context) {
    tly_ext *ext = tly_ext_of(L);
    ext->host = fn;
    ext->host_context = context;
}

int tly_register_host_k(lua_State *L, const char *library, const char *name, int32_t function) {
    lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_REAL);        /* [reals] */
    if (lua_getfield(L, -1, library) != LUA_TTABLE) {        /* [reals x] */
        lua_pop(L, 1);
        lua_newtable(L);                                     /* [reals tbl] */
        lua_pushvalue(L, -1);
        make_readonly(L, library);                           /* [reals tbl proxy] */
        lua_getfield(L, LUA_REGISTRYINDEX, TLY_REG_LIB);     /* [reals tbl proxy lib] */
        lua_pushstring(L, library);
        lua_pushvalue(L, -3);
        lua_rawset(L, -3);                                   /* lib[library] = proxy (raw: lib refuses writes) */
        lua_pop(L, 2);                                       /* [reals tbl] */
    }
    lua_pushinteger(L, function);
    lua_pushfstring(L, "%s.%s", library, name);
    lua_pushcclosure(L, host_call, 2);
    lua_setfield(L, -2, name);
    lua_settop(L, 0);
    return 0;
}
