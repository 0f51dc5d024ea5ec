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
#define MAXKEY 24 /* longer words are cut to this (a floor may) */

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

static uint64_t hash_key(const unsigned char *k, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = 0;
        memcpy(&w, k + i, n - i < 8 ? n - i : 8);
        h = (h ^ w) * 0xC2B2AE3D27D4EB4FULL;
        h ^= h >> 29;
    }
    return h ^ (h >> 32);
}

/* A table of words: open addressing, 32-byte entries (key, length, two values). */
typedef struct wentry {
    unsigned char key[MAXKEY - 2];
    uint8_t len; /* 0: empty */
    uint8_t pad;
    uint32_t a, b;
} wentry;
_Static_assert(sizeof(wentry) == 32, "an entry is half a line");

typedef struct wtable {
    wentry *e;
    size_t mask, n;
} wtable;

static void wt_init(wtable *t, size_t cap)
{
    t->e = xcalloc(cap, sizeof *t->e);
    t->mask = cap - 1;
    t->n = 0;
}

static wentry *wt_find(const wtable *t, const unsigned char *k, size_t n, uint64_t h, int *found)
{
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        wentry *e = &t->e[i];
        if (e->len == 0) {
            *found = 0;
            return e;
        }
        if (e->len == n && memcmp(e->key, k, n) == 0) {
            *found = 1;
            return e;
        }
    }
}

static void wt_grow(wtable *t)
{
    wtable u;
    wt_init(&u, (t->mask + 1) * 2);
    for (size_t i = 0; i <= t->mask; i++) {
        const wentry *e = &t->e[i];
        if (e->len == 0)
            continue;
        int f;
        *wt_find(&u, e->key, e->len, hash_key(e->key, e->len), &f) = *e;
        u.n++;
    }
    free(t->e);
    *t = u;
}

/* The memo of the stream's words: keys of up to 16 bytes held as two zero-padded words
 * (a longer word is cut to 16 bytes here), compared without a call. */
typedef struct mentry {
    uint64_t k0, k1;
    uint32_t len; /* 0: empty */
    uint32_t a, b, pad;
} mentry;
_Static_assert(sizeof(mentry) == 32, "an entry is half a line");

typedef struct mtable {
    mentry *e;
    size_t mask, n;
} mtable;

static uint64_t mhash(uint64_t k0, uint64_t k1, size_t n)
{
    uint64_t h = k0 * 0x9E3779B97F4A7C15ULL ^ (k1 + n) * 0xC2B2AE3D27D4EB4FULL;
    return h ^ (h >> 29) ^ (h >> 47);
}

static mentry *mt_find(const mtable *t, uint64_t k0, uint64_t k1, uint32_t n, uint64_t h)
{
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        mentry *e = &t->e[i];
        if (e->len == 0 || (e->k0 == k0 && e->k1 == k1 && e->len == n))
            return e;
    }
}

static void mt_grow(mtable *t)
{
    mtable u = {xcalloc((t->mask + 1) * 2, sizeof(mentry)), (t->mask + 1) * 2 - 1, t->n};
    for (size_t i = 0; i <= t->mask; i++) {
        const mentry *e = &t->e[i];
        if (e->len != 0)
            *mt_find(&u, e->k0, e->k1, e->len, mhash(e->k0, e->k1, e->len)) = *e;
    }
    free(t->e);
    *t = u;
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
    uint32_t state, word, child;
} edge;

typedef struct trie {
    edge *e;
    size_t mask, n;
    uint8_t *final; /* per state: a name ends here */
    size_t n_states, cap_states;
    uint64_t *inner; /* per word id: it is the second or later word of some name */
    size_t n_words;
} trie;

static uint64_t edge_hash(uint32_t s, uint32_t w)
{
    uint64_t h = ((uint64_t)s << 32 | w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 31);
}

static uint32_t edge_get(const trie *t, uint32_t s, uint32_t w)
{
    for (size_t i = edge_hash(s, w) & t->mask;; i = (i + 1) & t->mask) {
        const edge *e = &t->e[i];
        if (e->child == 0)
            return NO_ID;
        if (e->state == s && e->word == w)
            return e->child;
    }
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

static uint32_t edge_add(trie *t, uint32_t s, uint32_t w)
{
    if ((t->n + 1) * 2 > t->mask + 1) {
        trie u = *t;
        u.mask = (t->mask + 1) * 2 - 1;
        u.e = xcalloc(u.mask + 1, sizeof *u.e);
        for (size_t i = 0; i <= t->mask; i++) {
            const edge *e = &t->e[i];
            if (e->child == 0)
                continue;
            size_t j = edge_hash(e->state, e->word) & u.mask;
            while (u.e[j].child != 0)
                j = (j + 1) & u.mask;
            u.e[j] = *e;
        }
        free(t->e);
        t->e = u.e;
        t->mask = u.mask;
    }
    size_t i = edge_hash(s, w) & t->mask;
    for (;; i = (i + 1) & t->mask) {
        edge *e = &t->e[i];
        if (e->child == 0)
            break;
        if (e->state == s && e->word == w)
            return e->child;
    }
    uint32_t c = new_state(t);
    t->e[i] = (edge){s, w, c};
    t->n++;
    return c;
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
    /* The names' vocabulary (a = word id) and trie; the root is state 0, and a word's
     * state below the root is kept beside its id (b) as netra keeps it in the word's cell. */
    wtable vocab;
    wt_init(&vocab, 1 << 16);
    trie tr = {0};
    tr.mask = (1 << 16) - 1;
    tr.e = xcalloc(tr.mask + 1, sizeof *tr.e);
    new_state(&tr); /* the root */
    uint32_t *ids = xcalloc(64, sizeof *ids);
    for (char *p = names, *end = names + nl; p < end;) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        size_t nw = 0;
        for (char *q = p; q < eol && nw < 64;) {
            while (q < eol && !is_word_byte((unsigned char)*q))
                q++;
            char *w = q;
            while (q < eol && is_word_byte((unsigned char)*q))
                q++;
            size_t n = (size_t)(q - w);
            if (n == 0)
                continue;
            if (n > sizeof vocab.e->key)
                n = sizeof vocab.e->key;
            if ((vocab.n + 1) * 2 > vocab.mask + 1)
                wt_grow(&vocab);
            int f;
            wentry *e = wt_find(&vocab, (unsigned char *)w, n, hash_key((unsigned char *)w, n), &f);
            if (!f) {
                memcpy(e->key, w, n);
                e->len = (uint8_t)n;
                e->a = (uint32_t)vocab.n++;
                e->b = NO_ID;
            }
            ids[nw++] = e->a;
        }
        uint32_t s = 0;
        for (size_t i = 0; i < nw; i++)
            s = edge_add(&tr, s, ids[i]);
        if (nw > 0)
            tr.final[s] = 1;
        p = eol + 1;
    }
    tr.n_words = vocab.n;
    tr.inner = xcalloc(tr.n_words / 64 + 1, sizeof *tr.inner);
    for (size_t i = 0; i <= tr.mask; i++) {
        const edge *e = &tr.e[i];
        if (e->child == 0)
            continue;
        if (e->state != 0)
            tr.inner[e->word >> 6] |= 1ull << (e->word & 63);
    }
    for (size_t i = 0; i <= vocab.mask; i++) /* each word's state below the root */
        if (vocab.e[i].len)
            vocab.e[i].b = edge_get(&tr, 0, vocab.e[i].a);
    double t1 = clock_of(CLOCK_MONOTONIC);
    size_t il;
    char *items = bench_slurp(argv[2], &il);

    /* The scan. */
    mtable memo = {xcalloc(1 << 12, sizeof(mentry)), (1 << 12) - 1, 0};
    size_t out_cap = 1 << 20, out_n = 0;
    char *out = malloc(out_cap + 4096);
    enum { MAXTOK = 1 << 14 };
    uint32_t *tok = xcalloc(MAXTOK, sizeof *tok), *st = xcalloc(MAXTOK, sizeof *st);
    uint64_t *k0s = xcalloc(MAXTOK, 8), *k1s = xcalloc(MAXTOK, 8), *hs = xcalloc(MAXTOK, 8);
    uint32_t *ln = xcalloc(MAXTOK, 4);
    enum { TEXT_MAX = 1 << 16 };
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
        /* the id and the text: the first "id":" and "text":" of the line */
        char *id = texts ? NULL : memmem(p, (size_t)(eol - p), "\"id\":\"", 6);
        char *tx = texts ? NULL : memmem(p, (size_t)(eol - p), "\"text\":\"", 8);
        size_t nt = 0;
        if (texts || tx != NULL) {
            /* the text's end: the first quote not escaped (a line of --texts is all text) */
            const char *ts = texts ? p : tx + 8, *te = texts ? eol : ts;
            while (!texts) {
                te = memchr(te, '"', (size_t)(eol - te));
                if (te == NULL) {
                    te = eol;
                    break;
                }
                size_t bs = 0;
                while (te - bs > ts && te[-1 - (ptrdiff_t)bs] == '\\')
                    bs++;
                if (bs % 2 == 0)
                    break;
                te++;
            }
            size_t len = (size_t)(te - ts);
            if (len > TEXT_MAX)
                len = TEXT_MAX;
                /* lower-cased into buf, 16 bytes at a time, with a bit per word byte (letters,
                 * digits, bytes of non-ASCII characters) */
#if defined(__SSE2__)
            for (size_t i = 0; i < len; i += 16) {
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
                if (len - i < 16)
                    m &= (1u << (len - i)) - 1;
                ((uint16_t *)bits)[i / 16] = (uint16_t)m;
            }
#else
            for (size_t i = 0; i < len; i += 16) {
                unsigned m = 0;
                for (size_t k = 0; k < 16; k++) {
                    unsigned char c = (unsigned char)ts[i + k];
                    c |= (unsigned char)((c >= 'A' && c <= 'Z') << 5);
                    buf[i + k] = c;
                    m |= (unsigned)(is_word_byte(c) && i + k < len) << k;
                }
                ((uint16_t *)bits)[i / 16] = (uint16_t)m;
            }
#endif
            memset(buf + len, 0, 16);
            size_t nb = (len + 63) / 64;
            if (len % 64 != 0) /* the last word's unwritten halves */
                for (size_t k = (len + 15) / 16; k < nb * 4; k++)
                    ((uint16_t *)bits)[k] = 0;
            /* the words of two bytes or more: keys, hashes, and their memo entries asked
             * for at once (looked up after) */
            size_t pos = 0;
            while (pos < len && nt < MAXTOK) {
                uint64_t w = bits[pos / 64] & (~0ull << (pos % 64));
                if (w == 0) {
                    pos = (pos / 64 + 1) * 64;
                    continue;
                }
                size_t p0 = pos / 64 * 64 + (size_t)__builtin_ctzll(w);
                size_t q0 = p0;
                for (;;) { /* the end of the run of word bytes */
                    uint64_t z = ~bits[q0 / 64] & (~0ull << (q0 % 64));
                    if (z != 0) {
                        q0 = q0 / 64 * 64 + (size_t)__builtin_ctzll(z);
                        break;
                    }
                    q0 = (q0 / 64 + 1) * 64;
                    if (q0 >= nb * 64)
                        break;
                }
                if (q0 > len)
                    q0 = len;
                pos = q0;
                size_t n = q0 - p0;
                if (n < 2)
                    continue;
                if (n > 16)
                    n = 16;
                uint64_t m0, m1;
                memcpy(&k0s[nt], buf + p0, 8);
                memcpy(&k1s[nt], buf + p0 + 8, 8);
                memcpy(&m0, key_mask + 16 - n, 8);
                memcpy(&m1, key_mask + 24 - n, 8);
                k0s[nt] &= m0;
                k1s[nt] &= m1;
                hs[nt] = mhash(k0s[nt], k1s[nt], n);
                ln[nt] = (uint32_t)n;
                __builtin_prefetch(&memo.e[hs[nt] & memo.mask]);
                nt++;
            }
            for (size_t i = 0; i < nt; i++) {
                mentry *e = mt_find(&memo, k0s[i], k1s[i], ln[i], hs[i]);
                if (e->len == 0) { /* met for the first time: its id and state from the names */
                    if ((memo.n + 1) * 2 > memo.mask + 1) {
                        mt_grow(&memo);
                        e = mt_find(&memo, k0s[i], k1s[i], ln[i], hs[i]);
                    }
                    unsigned char word[16];
                    memcpy(word, &k0s[i], 8);
                    memcpy(word + 8, &k1s[i], 8);
                    int g;
                    const wentry *v = wt_find(&vocab, word, ln[i], hash_key(word, ln[i]), &g);
                    *e = (mentry){k0s[i], k1s[i], ln[i], g ? v->a : NO_ID, g ? v->b : NO_ID, 0};
                    memo.n++;
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
        if (texts) { /* matching only: no verdict */
            p = eol + 1;
            continue;
        }
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
        p = eol + 1;
    }
    fwrite(out, 1, out_n, stdout);
    fflush(stdout);
    double c1 = clock_of(CLOCK_PROCESS_CPUTIME_ID), w1 = clock_of(CLOCK_MONOTONIC);
    size_t mem = (vocab.mask + 1) * sizeof(wentry) + (tr.mask + 1) * sizeof(edge) + tr.cap_states +
                 (memo.mask + 1) * sizeof(mentry);
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
    free(tok);
    free(st);
    free(k0s);
    free(k1s);
    free(hs);
    free(ln);
    free(ids);
    free(memo.e);
    free(vocab.e);
    free(tr.e);
    free(tr.final);
    free(tr.inner);
    return 0;
}
