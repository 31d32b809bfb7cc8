// Budgeted string patterns: string.find, string.match, string.gmatch and string.gsub.
//
// Lua's own pattern matcher runs entirely in C, where the count hook never fires, so a
// pattern such as ".-.-.-b" against a few hundred characters can run for many seconds and
// cannot be interrupted. This is an independent implementation of the Lua 5.4 pattern
// language (same results and same error messages as the 5.4.4 string library) that counts
// its matching work and raises an error once the evaluation's budget is spent.
//
// Cost model ("steps"), counted for the whole evaluation (every find/match/gsub call and
// gmatch iterator step of one rule call draws on the same budget, so a loop of calls cannot
// multiply it):
//   - every start position tried                                     1
//   - every attempt of one pattern item against one subject character 1
//     (plus 1 per 4 bytes of a set longer than 32 bytes: its scan is linear in its length)
//   - opening or closing a capture                                   1
//   - a frontier test %f[...]                                        1
//   - a back-reference %n                                            1 + bytes compared
//   - a balance %bxy                                                 1 + characters scanned
//   - a plain (no specials) search: bytes compared at each candidate position
//   - every '%' escape expanded in a gsub replacement string          1
// The limit is the budget's `pattern_step_limit` (1,000,000 when not positive); the count
// is the budget's `pattern_steps_used`, which `tly_budget_begin` resets.
//
// Errors are detected lazily, as the reference library does: a malformed part of a pattern
// is only reported when matching reaches it.
#include "tly_internal.h"
#include <ctype.h>
#include <string.h>

#define PAT_MAX_CAPTURES 32        /* LUA_MAXCAPTURES */
#define PAT_MAX_DEPTH 200          /* nested matcher calls before "pattern too complex" */
#define PAT_DEFAULT_LIMIT 1000000
#define PAT_ESC '%'
#define PAT_SPECIALS "^$*+?.([%-"
#define PAT_SHORT_SET 32           /* sets up to this length cost one step per test */

/* Capture lengths with a special meaning. */
#define CAP_OPEN (-1)              /* started, not yet closed */
#define CAP_POS (-2)               /* position capture "()" */

typedef struct pat_capture {
    const char *start;
    ptrdiff_t len;                 /* length, CAP_OPEN or CAP_POS */
} pat_capture;

typedef struct pat_state {
    lua_State *L;
    const char *subj;              /* subject */
    const char *subj_end;
    const char *pat_end;           /* end of the pattern (its text is NUL-terminated) */
    int depth_left;
    int ncap;
    int64_t *steps;                /* the evaluation's count (tly_budget.pattern_steps_used) */
    int64_t limit;
    pat_capture cap[PAT_MAX_CAPTURES];
} pat_state;

// MARK: - Budget

static int64_t pat_limit(lua_State *L) {
    int64_t limit = tly_budget_of(L)->pattern_step_limit;
    return limit > 0 ? limit : PAT_DEFAULT_LIMIT;
}

static void pat_exhausted(pat_state *m) {
    tly_trip_now(tly_budget_of(m->L), TLY_TRIP_PATTERN);
    luaL_error(m->L, "string pattern too complex (more than %I matching steps)", (lua_Integer)m->limit);
}

static inline void pat_charge(pat_state *m, int64_t n) {
    *m->steps += n;
    if (*m->steps > m->limit) pat_exhausted(m);
}

static void pat_setup(pat_state *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    m->L = L;
    m->subj = s;
    m->subj_end = s + ls;
    m->pat_end = p + lp;
    m->depth_left = PAT_MAX_DEPTH;
    m->ncap = 0;
    m->steps = &tly_budget_of(L)->pattern_steps_used;
    m->limit = pat_limit(L);
}

/* Before each attempt at a new start position. */
static inline void pat_restart(pat_state *m) {
    m->depth_left = PAT_MAX_DEPTH;
    m->ncap = 0;
    pat_charge(m, 1);
}

// MARK: - Single items

/* Does byte `c` belong to the class named by `cl` (the letter after '%')? A letter that
 * names no class stands for itself, as does any other character. */
static int pat_in_class(int c, int cl) {
    int yes;
    switch (tolower(cl)) {
    case 'a': yes = isalpha(c); break;
    case 'c': yes = iscntrl(c); break;
    case 'd': yes = isdigit(c); break;
    case 'g': yes = isgraph(c); break;
    case 'l': yes = islower(c); break;
    case 'p': yes = ispunct(c); break;
    case 's': yes = isspace(c); break;
    case 'u': yes = isupper(c); break;
    case 'w': yes = isalnum(c); break;
    case 'x': yes = isxdigit(c); break;
    case 'z': yes = (c == 0); break;  /* deprecated in 5.2, still accepted by 5.4 */
    default: return cl == c;
    }
    if (isupper(cl)) return !yes;
    return yes != 0;
}

/* Is byte `c` in the set that starts at `open` ('[') and ends at `close` (its ']')? */
static int pat_in_set(int c, const char *open, const char *close) {
    const unsigned char *q = (const unsigned char *)open + 1;
    const unsigned char *end = (const unsigned char *)close;
    int found = 1;
    if (*q == '^') {
        found = 0;
        q++;
    }
    while (q < end) {
        if (*q == PAT_ESC) {
            if (pat_in_class(c, q[1])) return found;
            q += 2;
        } else if (q[1] == '-' && q + 2 < end) {
            if (q[0] <= c && c <= q[2]) return found;
            q += 3;
        } else {
            if (*q == c) return found;
            q++;
        }
    }
    return !found;
}

/* Returns the end of the single item (class) that starts at `p`. */
static const char *pat_item_end(pat_state *m, const char *p) {
    const char *q = p + 1;
    switch (*p) {
    case PAT_ESC:
        if (q == m->pat_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return q + 1;
    case '[':
        if (*q == '^') q++;
        /* The first member is always literal, so "[]]" and "[^]]" hold a ']'. */
        do {
            if (q == m->pat_end) luaL_error(m->L, "malformed pattern (missing ']')");
            if (*q++ == PAT_ESC && q < m->pat_end) q++;
        } while (*q != ']');
        if (q - p > PAT_SHORT_SET) pat_charge(m, (q - p) >> 2);
        return q + 1;
    default:
        return q;
    }
}

/* Does the item [p, ep) match the subject character at `s`? One step. */
static inline int pat_single(pat_state *m, const char *s, const char *p, const char *ep) {
    pat_charge(m, 1);
    if (s >= m->subj_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case PAT_ESC: return pat_in_class(c, (unsigned char)p[1]);
    case '[':
        if (ep - p > PAT_SHORT_SET) pat_charge(m, (ep - p) >> 2);
        return pat_in_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

// MARK: - Matcher

static const char *pat_match(pat_state *m, const char *s, const char *p);

/* "%bxy" at `s`; `p` points to x. */
static const char *pat_balance(pat_state *m, const char *s, const char *p) {
    if (p >= m->pat_end - 1) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    pat_charge(m, 1);
    if (*s != *p) return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    for (const char *q = s + 1; q < m->subj_end; q++) {
        pat_charge(m, 1);
        if (*q == close) {
            if (--depth == 0) return q + 1;
        } else if (*q == open) {
            depth++;
        }
    }
    return NULL;
}

/* Back-reference "%<digit>" at `s`. */
static const char *pat_backref(pat_state *m, const char *s, int digit) {
    int k = digit - '1';
    if (k < 0 || k >= m->ncap || m->cap[k].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", k + 1);
    size_t len = (size_t)m->cap[k].len;   /* a position capture never matches (huge) */
    if ((size_t)(m->subj_end - s) < len) {
        pat_charge(m, 1);
        return NULL;
    }
    pat_charge(m, 1 + (int64_t)len);
    return memcmp(m->cap[k].start, s, len) == 0 ? s + len : NULL;
}

static const char *pat_open_capture(pat_state *m, const char *s, const char *p, ptrdiff_t kind) {
    int k = m->ncap;
    if (k >= PAT_MAX_CAPTURES) luaL_error(m->L, "too many captures");
    pat_charge(m, 1);
    m->cap[k].start = s;
    m->cap[k].len = kind;
    m->ncap = k + 1;
    const char *res = pat_match(m, s, p);
    if (res == NULL) m->ncap--;
    return res;
}

static const char *pat_close_capture(pat_state *m, const char *s, const char *p) {
    int k = m->ncap - 1;
    while (k >= 0 && m->cap[k].len != CAP_OPEN) k--;
    if (k < 0) luaL_error(m->L, "invalid pattern capture");
    pat_charge(m, 1);
    m->cap[k].len = s - m->cap[k].start;
    const char *res = pat_match(m, s, p);
    if (res == NULL) m->cap[k].len = CAP_OPEN;
    return res;
}

/* Item [p, ep) repeated as often as possible, then backing off ('*', '+'). */
static const char *pat_greedy(pat_state *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t n = 0;
    while (pat_single(m, s + n, p, ep)) n++;
    for (; n >= 0; n--) {
        const char *res = pat_match(m, s + n, ep + 1);
        if (res != NULL) return res;
    }
    return NULL;
}

/* Item [p, ep) repeated as rarely as possible ('-'). */
static const char *pat_lazy(pat_state *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *res = pat_match(m, s, ep + 1);
        if (res != NULL) return res;
        if (!pat_single(m, s, p, ep)) return NULL;
        s++;
    }
}

/* Matches the pattern from `p` at subject position `s`; returns the end of the match or
 * NULL. Recursion mirrors the reference matcher so that the depth limit agrees. */
static const char *pat_match(pat_state *m, const char *s, const char *p) {
    if (m->depth_left-- == 0) luaL_error(m->L, "pattern too complex");
    while (p != m->pat_end) {
        switch (*p) {
        case '(':
            if (p[1] == ')')
                s = pat_open_capture(m, s, p + 2, CAP_POS);
            else
                s = pat_open_capture(m, s, p + 1, CAP_OPEN);
            goto done;
        case ')':
            s = pat_close_capture(m, s, p + 1);
            goto done;
        case '$':
            if (p + 1 == m->pat_end) {
                if (s != m->subj_end) s = NULL;
                goto done;
            }
            break;  /* a literal '$' */
        case PAT_ESC:
            switch (p[1]) {
            case 'b':
                s = pat_balance(m, s, p + 2);
                if (s == NULL) goto done;
                p += 4;
                continue;
            case 'f': {
                p += 2;
                if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
                const char *ep = pat_item_end(m, p);
                int before = (s == m->subj) ? 0 : (unsigned char)s[-1];
                int here = (unsigned char)*s;  /* the subject's terminating NUL at its end */
                pat_charge(m, 1);
                if (ep - p > PAT_SHORT_SET) pat_charge(m, (ep - p) >> 2);
                if (!pat_in_set(before, p, ep - 1) && pat_in_set(here, p, ep - 1)) {
                    p = ep;
                    continue;
                }
                s = NULL;
                goto done;
            }
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
                s = pat_backref(m, s, (unsigned char)p[1]);
                if (s == NULL) goto done;
                p += 2;
                continue;
            default:
                break;  /* an escaped class or character */
            }
            break;
        default:
            break;
        }
        /* A single item, possibly followed by a quantifier. */
        const char *ep = pat_item_end(m, p);
        char quant = *ep;
        if (!pat_single(m, s, p, ep)) {
            if (quant == '*' || quant == '?' || quant == '-') {
                p = ep + 1;
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (quant) {
        case '?': {
            const char *res = pat_match(m, s + 1, ep + 1);
            if (res != NULL) {
                s = res;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+':
            s = pat_greedy(m, s + 1, p, ep);
            goto done;
        case '*':
            s = pat_greedy(m, s, p, ep);
            goto done;
        case '-':
            s = pat_lazy(m, s, p, ep);
            goto done;
        default:
            s++;
            p = ep;
            continue;
        }
    }
done:
    m->depth_left++;
    return s;
}

// MARK: - Results

/* Capture `k` of a match [s, e): returns its length (or CAP_POS) and start. With no
 * captures, capture 0 is the whole match. */
static ptrdiff_t pat_capture_at(pat_state *m, int k, const char *s, const char *e, const char **start) {
    if (k >= m->ncap) {
        if (k != 0) luaL_error(m->L, "invalid capture index %%%d", k + 1);
        *start = s;
        return e - s;
    }
    ptrdiff_t len = m->cap[k].len;
    *start = m->cap[k].start;
    if (len == CAP_OPEN) luaL_error(m->L, "unfinished capture");
    return len;
}

static void pat_push_capture(pat_state *m, int k, const char *s, const char *e) {
    const char *start;
    ptrdiff_t len = pat_capture_at(m, k, s, e, &start);
    if (len == CAP_POS)
        lua_pushinteger(m->L, (lua_Integer)(start - m->subj) + 1);
    else
        lua_pushlstring(m->L, start, (size_t)len);
}

/* Pushes all captures (the whole match when there are none and `s` is given). */
static int pat_push_captures(pat_state *m, const char *s, const char *e) {
    int n = (m->ncap == 0 && s != NULL) ? 1 : m->ncap;
    luaL_checkstack(m->L, n, "too many captures");
    for (int k = 0; k < n; k++) pat_push_capture(m, k, s, e);
    return n;
}

// MARK: - find and match

/* Argument `init` made a 1-based position: negative counts from the end, 0 means 1. */
static size_t pat_start_pos(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

/* Does the pattern contain any of PAT_SPECIALS (anywhere, also after embedded zeros)? */
static int pat_has_specials(const char *p, size_t lp) {
    unsigned char special[256] = {0};
    for (const char *c = PAT_SPECIALS; *c != '\0'; c++) special[(unsigned char)*c] = 1;
    for (size_t i = 0; i < lp; i++) {
        if (special[(unsigned char)p[i]]) return 1;
    }
    return 0;
}

/* First occurrence of [needle, needle + nn) in [hay, hay + hn), or NULL. */
static const char *pat_plain_find(pat_state *m, const char *hay, size_t hn, const char *needle, size_t nn) {
    if (nn == 0) return hay;
    if (nn > hn) return NULL;
    const char *last = hay + (hn - nn);
    const char *from = hay;
    while (from <= last) {
        const char *hit = memchr(from, (unsigned char)needle[0], (size_t)(last - from) + 1);
        if (hit == NULL) return NULL;
        size_t k = 1;
        while (k < nn && hit[k] == needle[k]) k++;
        pat_charge(m, (int64_t)k);
        if (k == nn) return hit;
        from = hit + 1;
    }
    return NULL;
}

static int pat_find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = pat_start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    pat_state m;
    if (find && (lua_toboolean(L, 4) || !pat_has_specials(p, lp))) {
        pat_setup(&m, L, s, ls, p, lp);
        const char *hit = pat_plain_find(&m, s + init, ls - init, p, lp);
        if (hit != NULL) {
            lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)(hit - s + lp));
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    int anchored = (*p == '^');
    if (anchored) {
        p++;
        lp--;
    }
    pat_setup(&m, L, s, ls, p, lp);
    const char *from = s + init;
    for (;;) {
        pat_restart(&m);
        const char *e = pat_match(&m, from, p);
        if (e != NULL) {
            if (find) {
                lua_pushinteger(L, (lua_Integer)(from - s) + 1);
                lua_pushinteger(L, (lua_Integer)(e - s));
                return pat_push_captures(&m, NULL, NULL) + 2;
            }
            return pat_push_captures(&m, from, e);
        }
        if (anchored || from >= m.subj_end) break;
        from++;
    }
    luaL_pushfail(L);
    return 1;
}

static int pat_find(lua_State *L) { return pat_find_or_match(L, 1); }

static int pat_match_fn(lua_State *L) { return pat_find_or_match(L, 0); }

// MARK: - gmatch

typedef struct pat_iter {
    pat_state m;
    const char *next;          /* where the next search starts */
    const char *pattern;
    const char *last_end;      /* end of the previous match (no empty match there) */
} pat_iter;

static int pat_gmatch_step(lua_State *L) {
    pat_iter *it = (pat_iter *)lua_touserdata(L, lua_upvalueindex(3));
    pat_state *m = &it->m;
    m->L = L;
    m->steps = &tly_budget_of(L)->pattern_steps_used;
    m->limit = pat_limit(L);
    for (const char *from = it->next; from <= m->subj_end; from++) {
        pat_restart(m);
        const char *e = pat_match(m, from, it->pattern);
        if (e != NULL && e != it->last_end) {
            it->next = it->last_end = e;
            return pat_push_captures(m, from, e);
        }
    }
    return 0;
}

static int pat_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = pat_start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);  /* the closure keeps both strings alive */
    pat_iter *it = (pat_iter *)lua_newuserdatauv(L, sizeof(pat_iter), 0);
    if (init > ls) init = ls + 1;
    pat_setup(&it->m, L, s, ls, p, lp);
    it->next = s + init;
    it->pattern = p;  /* no anchor: a leading '^' is an ordinary character here */
    it->last_end = NULL;
    lua_pushcclosure(L, pat_gmatch_step, 3);
    return 1;
}

// MARK: - gsub

/* Appends the replacement string (argument 3) for the match [s, e). */
static void pat_expand_template(pat_state *m, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = m->L;
    size_t len;
    const char *t = lua_tolstring(L, 3, &len);
    const char *end = t + len;
    const char *esc;
    while ((esc = memchr(t, PAT_ESC, (size_t)(end - t))) != NULL) {
        luaL_addlstring(b, t, (size_t)(esc - t));
        pat_charge(m, 1);
        char d = esc[1];  /* the string's terminating NUL after a final '%' */
        if (d == PAT_ESC) {
            luaL_addchar(b, PAT_ESC);
        } else if (d == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (d >= '1' && d <= '9') {
            const char *start;
            ptrdiff_t clen = pat_capture_at(m, d - '1', s, e, &start);
            if (clen == CAP_POS) {
                /* the position in decimal, as tostring writes it (positions are >= 1) */
                char num[24];
                char *digits = num + sizeof num;
                size_t pos = (size_t)(start - m->subj) + 1;
                do {
                    *--digits = (char)('0' + pos % 10);
                    pos /= 10;
                } while (pos != 0);
                luaL_addlstring(b, digits, (size_t)(num + sizeof num - digits));
            } else
                luaL_addlstring(b, start, (size_t)clen);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", PAT_ESC);
        }
        t = esc + 2;
    }
    luaL_addlstring(b, t, (size_t)(end - t));
}

/* Appends the replacement for the match [s, e); returns whether the text changed. */
static int pat_replace(pat_state *m, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = m->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = pat_push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        pat_push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        pat_expand_template(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));  /* keep the original text */
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int pat_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int kind = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION ||
                     kind == LUA_TTABLE, 3, "string/function/table");
    int anchored = (*p == '^');
    if (anchored) {
        p++;
        lp--;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    pat_state m;
    pat_setup(&m, L, src, ls, p, lp);
    const char *last_end = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max_n) {
        pat_restart(&m);
        const char *e = pat_match(&m, src, p);
        if (e != NULL && e != last_end) {
            n++;
            changed |= pat_replace(&m, &b, src, e, kind);
            src = last_end = e;
        } else if (src < m.subj_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(m.subj_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

// MARK: - Installation

void tly_open_patterns(lua_State *L, int lib) {
    lib = lua_absindex(L, lib);
    lua_pushcfunction(L, pat_find);
    lua_setfield(L, lib, "find");
    lua_pushcfunction(L, pat_match_fn);
    lua_setfield(L, lib, "match");
    lua_pushcfunction(L, pat_gmatch);
    lua_setfield(L, lib, "gmatch");
    lua_pushcfunction(L, pat_gsub);
    lua_setfield(L, lib, "gsub");
}
