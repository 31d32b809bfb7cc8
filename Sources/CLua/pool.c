// A per-state pool for Lua's small blocks (tables, strings, closures…).
//
// Scoring builds and drops a few tables per item; with glibc malloc that churn cost about a
// quarter of the run (arena bookkeeping, consolidation). Blocks up to TLY_POOL_MAX bytes come
// from 64 KiB slabs kept on size-class free lists owned by the state, so they need no locks
// and no search. Memory is returned when the state closes.
#include "tly_internal.h"
#include <stdlib.h>
#include <string.h>

#define TLY_POOL_MAX 512
#define TLY_POOL_CLASSES (TLY_POOL_MAX / 16)
#define TLY_SLAB_BYTES (64 * 1024)

typedef struct tly_slab {
    struct tly_slab *next;
} tly_slab;

typedef struct tly_pool {
    void *free[TLY_POOL_CLASSES + 1];
    char *cursor;
    size_t left;
    tly_slab *slabs;
} tly_pool;

void *tly_pool_new(void) { return calloc(1, sizeof(tly_pool)); }

void tly_pool_free(void *p) {
    tly_pool *pool = p;
    if (pool == NULL) return;
    tly_slab *s = pool->slabs;
    while (s != NULL) {
        tly_slab *next = s->next;
        free(s);
        s = next;
    }
    free(pool);
}

static inline size_t class_of(size_t n) { return (n + 15) >> 4; }

static void *pool_get(tly_pool *pool, size_t n) {
    size_t c = class_of(n);
    void *p = pool->free[c];
    if (p != NULL) {
        pool->free[c] = *(void **)p;
        return p;
    }
    size_t bytes = c << 4;
    if (pool->left < bytes) {
        tly_slab *s = malloc(TLY_SLAB_BYTES);
        if (s == NULL) return NULL;
        s->next = pool->slabs;
        pool->slabs = s;
        pool->cursor = (char *)s + 16;
        pool->left = TLY_SLAB_BYTES - 16;
    }
    p = pool->cursor;
    pool->cursor += bytes;
    pool->left -= bytes;
    return p;
}

static inline void pool_put(tly_pool *pool, void *p, size_t n) {
    size_t c = class_of(n);
    *(void **)p = pool->free[c];
    pool->free[c] = p;
}

/// realloc with Lua's contract (old size known, nsize > 0): small blocks from the pool.
void *tly_pool_realloc(void *p, void *ptr, size_t osize, size_t nsize) {
    tly_pool *pool = p;
    int old_small = ptr != NULL && osize <= TLY_POOL_MAX;
    int new_small = nsize <= TLY_POOL_MAX;
    if (ptr != NULL && old_small && new_small && class_of(osize) == class_of(nsize)) return ptr;
    if (!old_small && !new_small) return realloc(ptr, nsize);
    void *block = new_small ? pool_get(pool, nsize) : malloc(nsize);
    if (block == NULL) return NULL;
    if (ptr != NULL) {
        memcpy(block, ptr, osize < nsize ? osize : nsize);
        if (old_small) pool_put(pool, ptr, osize); else free(ptr);
    }
    return block;
}

void tly_pool_release(void *p, void *ptr, size_t osize) {
    if (ptr == NULL) return;
    if (osize <= TLY_POOL_MAX) pool_put(p, ptr, osize); else free(ptr);
}
