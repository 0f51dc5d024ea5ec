/*
 * scan_floor.c - a floor for bench/bench_scan.sh: the least work any scanner does that, like
 * netra, looks each word of a post up in a table of the words met so far and walks a phrase
 * trie of the names. It reads the same item lines, finds the "text" member, cuts it into
 * lower-cased words (letters, digits and non-ASCII bytes), looks each word up in a memo of
 * the stream's words (each new word is looked up once in the names' vocabulary, and keeps
 * its id and its state below the trie's root), walks the trie from every word that starts a
 * name (edges in one open-addressing table keyed by state and word), and writes one
 * constant verdict line per item with its line number and id.
 *
 * What it leaves out, which netra does: the item's other members and their validation,
 * JSON escapes in the text (an escaped byte is taken as it is), Unicode case folding and
 * disguise (styled letters, leetspeak, spacing, elongation), stems, slang, hashtag splits,
 * URLs, mentions, numbers, byte offsets of the tokens, the cue phrases, the model and its
 * features, the form of violation and the explanation. So its rate is an upper bound for a
 * design of this kind on this machine, not a competitor: what netra's rate could approach.
 *
 * Usage: scan_floor [--texts] NAMES ITEMS > /dev/null   (NAMES: one name a line, lower case)
 * With --texts, ITEMS holds one bare text a line and nothing is written: matching only, as
 * the grep and Hyperscan baselines do. Prints to stderr one line of key=value: build time,
 * tables' memory, lines, names found, lines per second and per CPU-second of the scan.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../slurp.h"

#define NO_ID  UINT32_MAX
#define KEYMAX 16 /* words are cut to 16 bytes, in the names and in the posts alike */

static double clock_of(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 16 bytes 0xff then 16 zero bytes: from offset 16 - n, a mask of a key's first n bytes */
static const unsigned char key_mask[32] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (p == NULL) {
        fprintf(stderr, "scan_floor: out of memory\n");
        exit(1);
    }
    return p;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* A word as a key: its first n <= 16 bytes as two zero-padded words (w must be readable
 * 16 bytes on), and their hash. */
typedef struct key {
    uint64_t k0, k1, h;
    uint32_t n;
} key;

static uint64_t key_hash(uint64_t k0, uint64_t k1, uint32_t n)
{
    uint64_t h = k0 * 0x9E3779B97F4A7C15ULL ^ (k1 + n) * 0xC2B2AE3D27D4EB4FULL;
    return h ^ (h >> 29) ^ (h >> 47);
}

static key key_of(const unsigned char *w, size_t n)
{
    key k;
    uint64_t m0, m1;
    k.n = (uint32_t)(n < KEYMAX ? n : KEYMAX);
    memcpy(&k.k0, w, 8);
    memcpy(&k.k1, w + 8, 8);
    memcpy(&m0, key_mask + 16 - k.n, 8);
    memcpy(&m1, key_mask + 24 - k.n, 8);
    k.k0 &= m0;
    k.k1 &= m1;
    k.h = key_hash(k.k0, k.k1, k.n);
    return k;
}

/* A table of words (the names' vocabulary, the memo of the stream's words): open
 * addressing, 32-byte entries holding the key and two values, compared without a call. */
typedef struct entry {
    uint64_t k0, k1;
    uint32_t n; /* 0: empty */
    uint32_t a, b, pad;
} entry;
_Static_assert(sizeof(entry) == 32, "an entry is half a line");

typedef struct table {
    entry *e;
    size_t mask, n;
} table;

static void t_init(table *t, size_t cap)
{
    t->e = xcalloc(cap, sizeof *t->e);
    t->mask = cap - 1;
    t->n = 0;
}

/* The entry of key k, or the empty one where it would go. */
static entry *t_find(const table *t, const key *k)
{
    for (size_t i = k->h & t->mask;; i = (i + 1) & t->mask) {
        entry *e = &t->e[i];
        if (e->n == 0 || (e->k0 == k->k0 && e->k1 == k->k1 && e->n == k->n))
            return e;
    }
}

/* The entry of key k, made with values a and b when absent (*added set); the table
 * doubles when half full. */
static entry *t_add(table *t, const key *k, uint32_t a, uint32_t b, int *added)
{
    entry *e = t_find(t, k);
    *added = e->n == 0;
    if (!*added)
        return e;
    if ((t->n + 1) * 2 > t->mask + 1) {
        table u;
        t_init(&u, (t->mask + 1) * 2);
        for (size_t i = 0; i <= t->mask; i++) {
            const entry *o = &t->e[i];
            key ko = {o->k0, o->k1, key_hash(o->k0, o->k1, o->n), o->n};
            if (o->n != 0)
                *t_find(&u, &ko) = *o;
        }
        u.n = t->n;
        free(t->e);
        *t = u;
        e = t_find(t, k);
    }
    *e = (entry){k->k0, k->k1, k->n, a, b, 0};
    t->n++;
    return e;
}

/* Writes v in decimal at p; returns the length. */
static size_t put_ulong(char *p, unsigned long v)
{
    char b[24];
    size_t n = 0;
    do {
        b[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        p[i] = b[n - 1 - i];
    return n;
}

/* The names' trie: states are numbers; edges (state, word id) -> child in one table. */
typedef struct edge {
    uint32_t state, word, child; /* child 0: empty (the root is no one's child) */
} edge;

typedef struct trie {
    edge *e;
    size_t mask, n;
    uint8_t *final; /* per state: a name ends here */
    size_t n_states, cap_states;
    uint64_t *inner; /* per word id: it is the second or later word of some name */
} trie;

/* The slot of edge (s, w), or the empty one where it would go. */
static edge *edge_slot(edge *tab, size_t mask, uint32_t s, uint32_t w)
{
    uint64_t h = ((uint64_t)s << 32 | w) * 0x9E3779B97F4A7C15ULL;
    for (size_t i = (h ^ (h >> 31)) & mask;; i = (i + 1) & mask) {
        edge *e = &tab[i];
        if (e->child == 0 || (e->state == s && e->word == w))
            return e;
    }
}

static uint32_t edge_get(const trie *t, uint32_t s, uint32_t w)
{
    const edge *e = edge_slot(t->e, t->mask, s, w);
    return e->child ? e->child : NO_ID;
}

static uint32_t new_state(trie *t)
{
    if (t->n_states == t->cap_states) {
        t->cap_states = t->cap_states ? t->cap_states * 2 : 1024;
        t->final = realloc(t->final, t->cap_states);
        if (t->final == NULL) {
            fprintf(stderr, "scan_floor: out of memory\n");
            exit(1);
        }
    }
    t->final[t->n_states] = 0;
    return (uint32_t)t->n_states++;
}

/* The child of s by word w, made when absent; the edge table doubles when half full. */
static uint32_t edge_add(trie *t, uint32_t s, uint32_t w)
{
    edge *e = edge_slot(t->e, t->mask, s, w);
    if (e->child != 0)
        return e->child;
    if ((t->n + 1) * 2 > t->mask + 1) {
        size_t mask = (t->mask + 1) * 2 - 1;
        edge *tab = xcalloc(mask + 1, sizeof *tab);
        for (size_t i = 0; i <= t->mask; i++)
            if (t->e[i].child != 0)
                *edge_slot(tab, mask, t->e[i].state, t->e[i].word) = t->e[i];
        free(t->e);
        t->e = tab;
        t->mask = mask;
        e = edge_slot(t->e, t->mask, s, w);
    }
    *e = (edge){s, w, new_state(t)};
    t->n++;
    return e->child;
}

/* Reads the names, one a line: each word gets an id in `vocab` (a) and the trie a path;
 * then each word's state below the root (b), as netra keeps it in the word's cell, and
 * the words that continue some name. */
static void build_names(table *vocab, trie *tr, const char *names, size_t nl)
{
    t_init(vocab, 1 << 16);
    tr->mask = (1 << 16) - 1;
    tr->e = xcalloc(tr->mask + 1, sizeof *tr->e);
    new_state(tr); /* the root */
    for (const char *p = names, *end = names + nl; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        uint32_t s = 0;
        size_t nw = 0;
        for (const char *q = p; q < eol;) {
            while (q < eol && !is_word_byte((unsigned char)*q))
                q++;
            const char *w = q;
            while (q < eol && is_word_byte((unsigned char)*q))
                q++;
            if (q == w)
                continue;
            unsigned char buf[16] = {0};
            memcpy(buf, w, (size_t)(q - w) < 16 ? (size_t)(q - w) : 16);
            key k = key_of(buf, (size_t)(q - w));
            int added;
            entry *e = t_add(vocab, &k, (uint32_t)vocab->n, NO_ID, &added);
            s = edge_add(tr, s, e->a);
            nw++;
        }
        if (nw > 0)
            tr->final[s] = 1;
        p = eol + 1;
    }
    tr->inner = xcalloc(vocab->n / 64 + 1, sizeof *tr->inner);
    for (size_t i = 0; i <= tr->mask; i++) {
        const edge *e = &tr->e[i];
        if (e->child != 0 && e->state != 0)
            tr->inner[e->word >> 6] |= 1ull << (e->word & 63);
    }
    for (size_t i = 0; i <= vocab->mask; i++)
        if (vocab->e[i].n)
            vocab->e[i].b = edge_get(tr, 0, vocab->e[i].a);
}

/* The end of a JSON string's text from ts: the first quote not escaped (eol without). */
static const char *string_end(const char *ts, const char *eol)
{
    for (const char *te = ts;; te++) {
        te = memchr(te, '"', (size_t)(eol - te));
        if (te == NULL)
            return eol;
        size_t bs = 0;
        while (te - bs > ts && te[-1 - (ptrdiff_t)bs] == '\\')
            bs++;
        if (bs % 2 == 0)
            return te;
    }
}

/* Lower-cases ts[0, len) into buf, 16 bytes at a time, and sets a bit in `bits` per word
 * byte (letters, digits, bytes of non-ASCII characters), every bit of the last 64-bit
 * word past len cleared. */
static void classify(unsigned char *buf, uint64_t *bits, const char *ts, size_t len)
{
    for (size_t i = 0; i < len; i += 16) {
#if defined(__SSE2__)
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(ts + i));
        __m128i up = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 'A'))),
                                    _mm_set1_epi8((char)(-128 + 26)));
        x = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)));
        __m128i lo = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 'a'))),
                                    _mm_set1_epi8((char)(-128 + 26)));
        __m128i dg = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0'))),
                                    _mm_set1_epi8((char)(-128 + 10)));
        __m128i hi = _mm_cmplt_epi8(x, _mm_setzero_si128());
        _mm_storeu_si128((__m128i *)(void *)(buf + i), x);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lo, dg), hi));
#else
        unsigned m = 0;
        for (size_t k = 0; k < 16; k++) {
            unsigned char c = (unsigned char)ts[i + k];
            c |= (unsigned char)((c >= 'A' && c <= 'Z') << 5);
            buf[i + k] = c;
            m |= (unsigned)is_word_byte(c) << k;
        }
#endif
        if (len - i < 16)
            m &= (1u << (len - i)) - 1;
        ((uint16_t *)bits)[i / 16] = (uint16_t)m;
    }
    for (size_t k = (len + 15) / 16; k < (len + 63) / 64 * 4; k++)
        ((uint16_t *)bits)[k] = 0;
}

/* The first position at or after pos whose bit is `want`, or the end of the bits (nb
 * 64-bit words). */
static size_t next_bit(const uint64_t *bits, size_t nb, size_t pos, int want)
{
    while (pos < nb * 64) {
        uint64_t w = (want ? bits[pos / 64] : ~bits[pos / 64]) & (~0ull << (pos % 64));
        if (w != 0)
            return pos / 64 * 64 + (size_t)__builtin_ctzll(w);
        pos = (pos / 64 + 1) * 64;
    }
    return pos;
}

int main(int argc, char **argv)
{
    int texts = argc == 4 && strcmp(argv[1], "--texts") == 0;
    if (argc != 3 + texts) {
        fprintf(stderr, "usage: scan_floor [--texts] NAMES ITEMS > /dev/null\n");
        return 2;
    }
    argv += texts;
    double t0 = clock_of(CLOCK_MONOTONIC);
    size_t nl;
    char *names = bench_slurp(argv[1], &nl);
    table vocab;
    trie tr = {0};
    build_names(&vocab, &tr, names, nl);
    double t1 = clock_of(CLOCK_MONOTONIC);
    size_t il;
    char *items = bench_slurp(argv[2], &il);

    /* The scan. */
    table memo; /* the stream's words: a = id in the names (NO_ID: none), b = root state */
    t_init(&memo, 1 << 12);
    size_t out_cap = 1 << 20, out_n = 0;
    char *out = malloc(out_cap + 4096);
    enum { MAXTOK = 1 << 14, TEXT_MAX = 1 << 16 };
    key *keys = xcalloc(MAXTOK, sizeof *keys);
    uint32_t *tok = xcalloc(MAXTOK, sizeof *tok), *st = xcalloc(MAXTOK, sizeof *st);
    unsigned char *buf = xcalloc(TEXT_MAX + 64, 1);
    uint64_t *bits = xcalloc(TEXT_MAX / 64 + 2, 8);
    static const char tail[] =
        ",\"flagged\":false,\"act\":\"post\",\"date\":\"2024-01-20\",\"contestants\":[],\"asn\":"
        "null,\"explanation\":{\"id\":\"Tidak ada rujukan ke peserta pemilihan yang dipantau.\","
        "\"en\":\"No reference to a watched contestant.\"}}\n";
    unsigned long lines = 0, found = 0;
    double c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_of(CLOCK_MONOTONIC);
    for (char *p = items, *end = items + il; p < end;) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        lines++;
        /* the id and the text: the first "id":" and "text":" of the line (a line of --texts
         * is all text) */
        char *id = texts ? NULL : memmem(p, (size_t)(eol - p), "\"id\":\"", 6);
        char *tx = texts ? NULL : memmem(p, (size_t)(eol - p), "\"text\":\"", 8);
        size_t nt = 0;
        if (texts || tx != NULL) {
            const char *ts = texts ? p : tx + 8, *te = texts ? eol : string_end(ts, eol);
            size_t len = (size_t)(te - ts);
            if (len > TEXT_MAX)
                len = TEXT_MAX;
            classify(buf, bits, ts, len);
            /* the words of two bytes or more, their keys, and their memo entries asked for
             * at once (looked up after) */
            size_t nb = (len + 63) / 64;
            for (size_t pos = 0; nt < MAXTOK;) {
                size_t p0 = next_bit(bits, nb, pos, 1);
                if (p0 >= len)
                    break;
                pos = next_bit(bits, nb, p0, 0);
                if (pos > len)
                    pos = len;
                if (pos - p0 < 2)
                    continue;
                keys[nt] = key_of(buf + p0, pos - p0);
                __builtin_prefetch(&memo.e[keys[nt].h & memo.mask]);
                nt++;
            }
            for (size_t i = 0; i < nt; i++) {
                entry *e = t_find(&memo, &keys[i]);
                if (e->n == 0) { /* met for the first time: its id and state from the names */
                    const entry *v = t_find(&vocab, &keys[i]);
                    int added;
                    e = t_add(&memo, &keys[i], v->n ? v->a : NO_ID, v->n ? v->b : NO_ID, &added);
                }
                tok[i] = e->a;
                st[i] = e->b;
            }
        }
        /* the walks from every word that starts a name */
        for (size_t i = 0; i < nt; i++) {
            uint32_t s = st[i];
            for (size_t j = i + 1; s != NO_ID; j++) {
                if (tr.final[s])
                    found++;
                if (j >= nt)
                    break;
                uint32_t w = tok[j];
                if (w == NO_ID || !(tr.inner[w >> 6] >> (w & 63) & 1))
                    break;
                s = edge_get(&tr, s, w);
            }
        }
        p = eol + 1;
        if (texts) /* matching only: no verdict */
            continue;
        /* the verdict */
        memcpy(out + out_n, "{\"line\":", 8);
        out_n += 8;
        out_n += put_ulong(out + out_n, lines);
        memcpy(out + out_n, ",\"id\":\"", 7);
        out_n += 7;
        if (id != NULL) {
            const char *a = id + 6, *b = memchr(a, '"', (size_t)(eol - a));
            size_t n = b ? (size_t)(b - a) : 0;
            if (n > 256)
                n = 256;
            memcpy(out + out_n, a, n);
            out_n += n;
        }
        out[out_n++] = '"';
        memcpy(out + out_n, tail, sizeof tail - 1);
        out_n += sizeof tail - 1;
        if (out_n >= out_cap) {
            fwrite(out, 1, out_n, stdout);
            out_n = 0;
        }
    }
    fwrite(out, 1, out_n, stdout);
    fflush(stdout);
    double c1 = clock_of(CLOCK_PROCESS_CPUTIME_ID), w1 = clock_of(CLOCK_MONOTONIC);
    size_t mem = (vocab.mask + 1 + memo.mask + 1) * sizeof(entry) + (tr.mask + 1) * sizeof(edge) +
                 tr.cap_states;
    fprintf(stderr,
            "build_s=%.2f tables_mib=%.1f names_words=%zu edges=%zu stream_words=%zu lines=%lu "
            "found=%lu lines_per_s=%.0f lines_per_cpu_s=%.0f\n",
            t1 - t0, (double)mem / 1048576.0, vocab.n, tr.n, memo.n, lines, found,
            (double)lines / (w1 - w0), (double)lines / (c1 - c0));
    free(items);
    free(names);
    free(out);
    free(buf);
    free(bits);
    free(keys);
    free(tok);
    free(st);
    free(memo.e);
    free(vocab.e);
    free(tr.e);
    free(tr.final);
    free(tr.inner);
    return 0;
}
