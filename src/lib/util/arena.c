/*
 * arena.c - bump allocator for transient and load-once data (h2o's mem pool idea).
 *
 * Chunks are linked newest first. An allocation larger than a quarter of the chunk size
 * gets a chunk of its own so that big strings do not waste the current chunk.
 */
#include <string.h>

#include "util/util_int.h"
#include "netra/arena.h"

#define ARENA_ALIGN 16

struct nt_arena_chunk {
    nt_arena_chunk *next;                       /* older chunk */
    size_t size;                                /* payload bytes */
    size_t used;                                /* payload bytes handed out */
    _Alignas(ARENA_ALIGN) unsigned char data[]; /* payload */
};

void nt_arena_init(nt_arena *a, size_t chunk_size, size_t max)
{
    a->head = NULL;
    a->chunk_size = chunk_size ? chunk_size : 4096;
    a->total = 0;
    a->max = max;
}

static nt_arena_chunk *chunk_new(nt_arena *a, size_t size)
{
    size_t bytes = sizeof(nt_arena_chunk) + size;
    if (a->max != 0 && (bytes > a->max || a->total > a->max - bytes)) {
        nt_error_set(NETRA_ETOOBIG, "arena limit of %zu bytes exceeded", a->max);
        return NULL;
    }
    nt_arena_chunk *c = nt_malloc(bytes);
    if (c == NULL)
        return NULL;
    c->size = size;
    c->used = 0;
    a->total += bytes;
    return c;
}

void *nt_arena_alloc(nt_arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN) {
        nt_error_set_oom();
        return NULL;
    }
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded == 0)
        rounded = ARENA_ALIGN;
    nt_arena_chunk *c = a->head;
    if (c != NULL && c->size - c->used >= rounded) {
        void *p = c->data + c->used;
        c->used += rounded;
        return p;
    }
    if (rounded > a->chunk_size / 4) {
        /* A dedicated chunk, linked behind the current one so it keeps its free space. */
        nt_arena_chunk *big = chunk_new(a, rounded);
        if (big == NULL)
            return NULL;
        big->used = rounded;
        if (c == NULL) {
            a->head = big;
            big->next = NULL;
        } else {
            big->next = c->next;
            c->next = big;
        }
        return big->data;
    }
    nt_arena_chunk *n = chunk_new(a, a->chunk_size);
    if (n == NULL)
        return NULL;
    n->next = c;
    a->head = n;
    n->used = rounded;
    return n->data;
}

char *nt_arena_strndup(nt_arena *a, const char *s, size_t len)
{
    char *p = nt_arena_alloc(a, len + 1);
    if (p == NULL)
        return NULL;
    if (len > 0)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *nt_arena_strdup(nt_arena *a, const char *s)
{
    return nt_arena_strndup(a, s, strlen(s));
}

void nt_arena_reset(nt_arena *a)
{
    nt_arena_chunk *c = a->head;
    if (c == NULL)
        return;
    /* Keep the oldest chunk of normal size, free the rest. */
    nt_arena_chunk *keep = NULL;
    while (c != NULL) {
        nt_arena_chunk *next = c->next;
        if (keep == NULL && c->size == a->chunk_size && next == NULL) {
            keep = c;
        } else {
            a->total -= sizeof(nt_arena_chunk) + c->size;
            nt_free(c);
        }
        c = next;
    }
    a->head = keep;
    if (keep != NULL) {
        keep->used = 0;
        keep->next = NULL;
    }
}

void nt_arena_free(nt_arena *a)
{
    nt_arena_chunk *c = a->head;
    while (c != NULL) {
        nt_arena_chunk *next = c->next;
        nt_free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* ---- the public wrapper (netra/arena.h) ---------------------------------------------------*/

struct netra_arena {
    nt_arena a; /* the arena itself */
};

int netra_arena_new(netra_arena **out, size_t chunk_size, size_t max_bytes)
{
    netra_arena *na = nt_malloc(sizeof *na);
    if (na == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&na->a, chunk_size ? chunk_size : 65536, max_bytes);
    *out = na;
    return NETRA_OK;
}

void netra_arena_reset(netra_arena *arena)
{
    nt_arena_reset(&arena->a);
}

void netra_arena_free(netra_arena *arena)
{
    if (arena == NULL)
        return;
    nt_arena_free(&arena->a);
    nt_free(arena);
}

size_t netra_arena_bytes(const netra_arena *arena)
{
    return arena->a.total;
}

nt_arena *nt_arena_of(netra_arena *arena)
{
    return &arena->a;
}
