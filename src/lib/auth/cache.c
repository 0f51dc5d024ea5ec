/*
 * cache.c - the credential cache (netra/auth.h, netra_auth_cache): session and API token
 * hashes -> principal, shared by the access contexts of one process.
 *
 * Bounded: a fixed table of sets of CACHE_WAYS entries, chosen by the token hash; a new
 * entry replaces the oldest of its set. Nothing is allocated after netra_auth_cache_new.
 * Emptying is a generation bump (constant time): an entry of an older generation is never
 * answered. A lookup that missed remembers the generation before it read the store and its
 * entry is only kept when no change emptied the cache in between, so a lookup racing with
 * a logout in another thread cannot put the ended session back. Design: decision 0021.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth/cache_int.h"

#define CACHE_WAYS 4

typedef struct cache_entry {
    char hash[64];          /* token hash (hex, not NUL-terminated) */
    int api;                /* 1: an API token, 0: a session */
    unsigned long gen;      /* the cache generation it was stored in; 0: empty */
    int64_t stored_ms;      /* monotonic time it was stored */
    nt_cache_credential cr; /* what the store said */
} cache_entry;

struct netra_auth_cache {
    pthread_mutex_t mu;
    int64_t ttl_ms;
    size_t n_sets;
    unsigned long gen; /* starts at 1 */
    unsigned long long hits, misses, clears;
    cache_entry *e; /* n_sets * CACHE_WAYS */
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int netra_auth_cache_new(netra_auth_cache **out, int64_t ttl_ms, size_t max_entries)
{
    NT_ASSERT_ARG(out != NULL);
    *out = NULL;
    if (ttl_ms <= 0)
        return nt_error_set(NETRA_EINVAL, "credential cache: the TTL must be positive");
    if (max_entries == 0)
        max_entries = 2048;
    if (max_entries > (size_t)1 << 20)
        return nt_error_set(NETRA_EINVAL, "credential cache: at most 1048576 entries");
    netra_auth_cache *c = nt_calloc(1, sizeof *c);
    if (c == NULL)
        return NETRA_ENOMEM;
    c->n_sets = (max_entries + CACHE_WAYS - 1) / CACHE_WAYS;
    c->e = nt_calloc(c->n_sets * CACHE_WAYS, sizeof *c->e);
    if (c->e == NULL || pthread_mutex_init(&c->mu, NULL) != 0) {
        nt_free(c->e);
        nt_free(c);
        return NETRA_ENOMEM;
    }
    c->ttl_ms = ttl_ms;
    c->gen = 1;
    *out = c;
    return NETRA_OK;
}

void netra_auth_cache_free(netra_auth_cache *c)
{
    if (c == NULL)
        return;
    sodium_memzero(c->e, c->n_sets * CACHE_WAYS * sizeof *c->e);
    nt_free(c->e);
    pthread_mutex_destroy(&c->mu);
    nt_free(c);
}

void netra_auth_cache_clear(netra_auth_cache *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&c->mu);
    c->gen++;
    c->clears++;
    pthread_mutex_unlock(&c->mu);
}

void netra_auth_cache_stats_get(const netra_auth_cache *c, netra_auth_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (c == NULL)
        return;
    netra_auth_cache *m = (netra_auth_cache *)(uintptr_t)c;
    pthread_mutex_lock(&m->mu);
    out->hits = m->hits;
    out->misses = m->misses;
    out->clears = m->clears;
    out->capacity = m->n_sets * CACHE_WAYS;
    pthread_mutex_unlock(&m->mu);
}

/* The set of a hash: its first 8 hex digits (the hash is SHA-256, so uniform). */
static size_t set_of(const netra_auth_cache *c, const char hash[64])
{
    size_t v = 0;
    for (int i = 0; i < 8; i++) {
        char h = hash[i];
        v = (v << 4) | (size_t)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
    }
    return v % c->n_sets;
}

int nt_cache_get(netra_auth_cache *c, int api, const char hash[64], nt_cache_credential *out,
                 unsigned long *gen_out)
{
    int64_t now = mono_ms();
    size_t base = set_of(c, hash) * CACHE_WAYS;
    int hit = 0;
    pthread_mutex_lock(&c->mu);
    *gen_out = c->gen;
    for (size_t i = base; i < base + CACHE_WAYS; i++) {
        cache_entry *e = &c->e[i];
        if (e->gen != c->gen || e->api != api || now - e->stored_ms >= c->ttl_ms ||
            now < e->stored_ms || sodium_memcmp(e->hash, hash, 64) != 0)
            continue;
        *out = e->cr;
        hit = 1;
        break;
    }
    if (hit)
        c->hits++;
    else
        c->misses++;
    pthread_mutex_unlock(&c->mu);
    return hit;
}

void nt_cache_put(netra_auth_cache *c, unsigned long gen, int api, const char hash[64],
                  const nt_cache_credential *cr)
{
    int64_t now = mono_ms();
    size_t base = set_of(c, hash) * CACHE_WAYS;
    pthread_mutex_lock(&c->mu);
    if (gen == c->gen) {
        /* the same credential's entry, else an empty or stale one, else the oldest */
        size_t pick = base;
        int found = 0;
        for (size_t i = base; i < base + CACHE_WAYS && !found; i++)
            if (c->e[i].gen == c->gen && c->e[i].api == api &&
                memcmp(c->e[i].hash, hash, 64) == 0) {
                pick = i;
                found = 1;
            }
        for (size_t i = base; i < base + CACHE_WAYS && !found; i++)
            if (c->e[i].gen != c->gen || now - c->e[i].stored_ms >= c->ttl_ms) {
                pick = i;
                found = 1;
            }
        for (size_t i = base; i < base + CACHE_WAYS && !found; i++)
            if (c->e[i].stored_ms < c->e[pick].stored_ms)
                pick = i;
        cache_entry *e = &c->e[pick];
        memcpy(e->hash, hash, 64);
        e->api = api;
        e->gen = gen;
        e->stored_ms = now;
        e->cr = *cr;
    }
    pthread_mutex_unlock(&c->mu);
}
