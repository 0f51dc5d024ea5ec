/*
 * hash.c - hash map over byte-string keys: open addressing, linear probing, tombstones for
 * deletion, doubling at 70% load (counting tombstones, so probes stay short).
 *
 * The hash mixes 8 bytes at a time with a multiply and a rotate and ends with MurmurHash3's
 * fmix64 avalanche: keys here are words, identifiers and names, short and not chosen by an
 * attacker at scale; the server that hashes request input will seed it.
 */
#include <string.h>

#include "util/util_int.h"

#define MAP_MIN_CAP 16
static char g_tombstone; /* its address marks a deleted slot */
#define TOMB (&g_tombstone)

uint64_t nt_hash_bytes(const void *data, size_t len)
{
    /* 8 bytes at a time (keys are mostly words of 2 to 12 bytes), each mixed by a multiply
     * and a rotate, then MurmurHash3's fmix64 avalanche. */
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)len;
    while (len >= 8) {
        uint64_t k;
        memcpy(&k, p, 8);
        h ^= k * 0xff51afd7ed558ccdULL;
        h = ((h << 31) | (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
        p += 8;
        len -= 8;
    }
    if (len > 0) {
        uint64_t k = 0;
        for (size_t i = 0; i < len; i++) /* not memcpy: a variable length is a libc call */
            k |= (uint64_t)p[i] << (8 * i);
        h ^= k * 0xff51afd7ed558ccdULL;
        h = ((h << 31) | (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

void nt_map_init(nt_map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
    m->n_tomb = 0;
}

void nt_map_free(nt_map *m)
{
    nt_free(m->slots);
    nt_map_init(m);
}

/* Key comparison; short keys (most words) without a call to memcmp. */
static int same(const char *a, const char *b, size_t n)
{
    if (n > 16)
        return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static nt_map_slot *find_slot(const nt_map *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        nt_map_slot *s = &m->slots[i];
        if (s->key == NULL)
            return NULL;
        if (s->key != TOMB && s->hash == h && s->klen == klen && same(s->key, key, klen))
            return s;
    }
}

static int grow(nt_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : MAP_MIN_CAP;
    if (m->n * 10 < m->cap * 4 && m->cap != 0)
        cap = m->cap; /* mostly tombstones: rehash at the same size */
    nt_map_slot *slots = nt_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return NETRA_ENOMEM;
    size_t mask = cap - 1;
    for (size_t i = 0; i < m->cap; i++) {
        nt_map_slot *s = &m->slots[i];
        if (s->key == NULL || s->key == TOMB)
            continue;
        size_t j = s->hash & mask;
        while (slots[j].key != NULL)
            j = (j + 1) & mask;
        slots[j] = *s;
    }
    nt_free(m->slots);
    m->slots = slots;
    m->cap = cap;
    m->n_tomb = 0;
    return NETRA_OK;
}

int nt_map_put_h(nt_map *m, const char *key, size_t klen, uint64_t h, void *value, void **old_out)
{
    if (old_out != NULL)
        *old_out = NULL;
    if (m->cap != 0) {
        nt_map_slot *s = find_slot(m, key, klen, h);
        if (s != NULL) {
            if (old_out != NULL)
                *old_out = s->value;
            s->value = value;
            return NETRA_OK;
        }
    }
    if ((m->n + m->n_tomb + 1) * 10 > m->cap * 7) {
        int err = grow(m);
        if (err < 0)
            return err;
    }
    size_t mask = m->cap - 1;
    size_t i = h & mask;
    while (m->slots[i].key != NULL && m->slots[i].key != TOMB)
        i = (i + 1) & mask;
    if (m->slots[i].key == TOMB)
        m->n_tomb--;
    m->slots[i].key = key;
    m->slots[i].klen = klen;
    m->slots[i].hash = h;
    m->slots[i].value = value;
    m->n++;
    return NETRA_OK;
}

int nt_map_put(nt_map *m, const char *key, size_t klen, void *value, void **old_out)
{
    return nt_map_put_h(m, key, klen, nt_hash_bytes(key, klen), value, old_out);
}

void *nt_map_get_h(const nt_map *m, const char *key, size_t klen, uint64_t h)
{
    if (m->cap == 0)
        return NULL;
    nt_map_slot *s = find_slot(m, key, klen, h);
    return s ? s->value : NULL;
}

void *nt_map_get(const nt_map *m, const char *key, size_t klen)
{
    return nt_map_get_h(m, key, klen, nt_hash_bytes(key, klen));
}

int nt_map_has(const nt_map *m, const char *key, size_t klen)
{
    if (m->cap == 0)
        return 0;
    return find_slot(m, key, klen, nt_hash_bytes(key, klen)) != NULL;
}

void *nt_map_del(nt_map *m, const char *key, size_t klen)
{
    if (m->cap == 0)
        return NULL;
    nt_map_slot *s = find_slot(m, key, klen, nt_hash_bytes(key, klen));
    if (s == NULL)
        return NULL;
    void *v = s->value;
    s->key = TOMB;
    s->value = NULL;
    m->n--;
    m->n_tomb++;
    return v;
}

int nt_map_next(const nt_map *m, size_t *iter, const char **key_out, size_t *klen_out,
                void **value_out)
{
    for (size_t i = *iter; i < m->cap; i++) {
        const nt_map_slot *s = &m->slots[i];
        if (s->key == NULL || s->key == TOMB)
            continue;
        if (key_out != NULL)
            *key_out = s->key;
        if (klen_out != NULL)
            *klen_out = s->klen;
        if (value_out != NULL)
            *value_out = s->value;
        *iter = i + 1;
        return 1;
    }
    *iter = m->cap;
    return 0;
}

uint64_t nt_hash_fnv(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = NT_FNV_SEED;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * NT_FNV_PRIME;
    return nt_hash_fnv_final(h);
}
