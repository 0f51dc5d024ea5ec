/*
 * gaz.c - the phrase matcher (src/lib/detect/gaz.c) against a brute-force reference: a
 * gazetteer of phrases cut from the labelled corpus's own tokens (words, numbers, stems,
 * hashtags, mentions; nested and overlapping, some with several payloads), and every
 * (first token, phrase) pair tried on the corpus texts and on random token sequences over
 * the gazetteer's words. Checked on every text:
 *  - nt_gaz_ids_match() (the one pass the detector runs on names) gives the same ids, kinds,
 *    matches in the same order and the same count as nt_gaz_ids() then nt_gaz_match_ids(),
 *    also when the output is cut short, and without the cells (its general steps); on
 *    short texts of whole phrases too, every length from one token to a dozen;
 *  - nt_gaz_ids() with the id cache and the word cells gives the ids it gives without them;
 *  - the matches by text and by text or stem (a matcher sharing the vocabulary, as the cues
 *    do), each frozen and not frozen, are exactly the reference's, as multisets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "corpus.h"
#include "netra/item.h"
#include "netra/text.h"
#include "detect/detect_int.h"

#define MAX_PHRASES 3000
#define MAX_OUT     8192
#define MAX_TOKS    4096

typedef struct phrase {
    int ns;                                    /* NT_GAZ_WORD, _HASHTAG, _MENTION */
    size_t n;                                  /* tokens */
    const char *tok[NT_GAZ_MAX_PHRASE_TOKENS]; /* their strings (malloc'd in a set) */
    uint32_t payload;
} phrase;

typedef struct gazset {
    phrase p[MAX_PHRASES];
    size_t n;
    /* the phrases by the first byte of their first token, so that the reference tries
     * only those a token can start (all of them, in the order added) */
    uint16_t by_byte[256][MAX_PHRASES];
    size_t n_by_byte[256];
} gazset;

typedef struct fixture {
    netra_text_lexicon *lex;
    netra_normalizer *nz;  /* with cells, as a worker's */
    netra_normalizer *nz2; /* a second one: its cells are not the matcher's */
    netra_arena *arena;
    nt_idcache *cache;
    nt_gaz *names, *cues, *loose, *loose_stem; /* loose*: the same phrases, never frozen */
    gazset by_text, by_stem;
    char **texts; /* corpus texts, NUL-terminated */
    size_t n_texts;
    char **words; /* distinct word and number strings of the corpus (for random texts) */
    size_t n_words;
    long checked, matches;
} fixture;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static int same_phrase(const phrase *a, const phrase *b)
{
    if (a->ns != b->ns || a->n != b->n || a->payload != b->payload)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->tok[i], b->tok[i]) != 0)
            return 0;
    return 1;
}

/* Adds a phrase to the set (once: the matcher keeps one output per phrase and payload) and
 * to the matchers given. */
static void add_phrase(gazset *s, nt_gaz *g1, nt_gaz *g2, const phrase *p)
{
    for (size_t i = 0; i < s->n; i++)
        if (same_phrase(&s->p[i], p))
            return;
    if (s->n == MAX_PHRASES)
        return;
    phrase *q = &s->p[s->n++];
    *q = *p;
    const char *toks[NT_GAZ_MAX_PHRASE_TOKENS];
    size_t lens[NT_GAZ_MAX_PHRASE_TOKENS];
    for (size_t i = 0; i < p->n; i++) {
        q->tok[i] = strdup(p->tok[i]);
        assert_non_null(q->tok[i]);
        toks[i] = q->tok[i];
        lens[i] = strlen(q->tok[i]);
    }
    assert_int_equal(nt_gaz_add(g1, p->ns, toks, lens, p->n, p->payload), NETRA_OK);
    if (g2)
        assert_int_equal(nt_gaz_add(g2, p->ns, toks, lens, p->n, p->payload), NETRA_OK);
}

static int inside(netra_token_kind k)
{
    return k == NETRA_TOK_WORD || k == NETRA_TOK_NUMBER;
}

static int has_stem(const netra_token *k)
{
    return k->kind == NETRA_TOK_WORD && k->stem != k->text &&
           (k->stem_len != k->len || memcmp(k->stem, k->text, k->len) != 0);
}

/* Whether token k is phrase token s (the phrase's first token when first, namespace ns). */
static int tok_is(const netra_token *k, const char *s, int first, int ns, int use_stem)
{
    size_t n = strlen(s);
    if (first && ns != NT_GAZ_WORD) {
        netra_token_kind want = ns == NT_GAZ_HASHTAG ? NETRA_TOK_HASHTAG : NETRA_TOK_MENTION;
        return k->kind == want && k->len == n && memcmp(k->text, s, n) == 0;
    }
    if (!inside(k->kind))
        return 0;
    if (k->len == n && memcmp(k->text, s, n) == 0)
        return 1;
    return use_stem && has_stem(k) && k->stem_len == n && memcmp(k->stem, s, n) == 0;
}

static int cmp_match(const void *a, const void *b)
{
    const nt_gaz_match *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->last != y->last)
        return x->last < y->last ? -1 : 1;
    return x->payload < y->payload ? -1 : x->payload > y->payload;
}

static void index_by_byte(gazset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        unsigned char b = (unsigned char)s->p[i].tok[0][0];
        s->by_byte[b][s->n_by_byte[b]++] = (uint16_t)i;
    }
}

/* Every (first token, phrase) tried: every phrase whose first byte is that of the token's
 * text (or, by stem, of its stem). */
static size_t reference(const gazset *s, const netra_text *t, int use_stem, nt_gaz_match *out)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_tokens; i++) {
        const netra_token *k = &t->tokens[i];
        unsigned char b0 = (unsigned char)k->text[0];
        unsigned char b1 = use_stem && has_stem(k) ? (unsigned char)k->stem[0] : b0;
        size_t n0 = s->n_by_byte[b0], n1 = b1 != b0 ? s->n_by_byte[b1] : 0;
        for (size_t q = 0; q < n0 + n1; q++) {
            const phrase *ph = &s->p[q < n0 ? s->by_byte[b0][q] : s->by_byte[b1][q - n0]];
            if (i + ph->n > t->n_tokens)
                continue;
            size_t j = 0;
            while (j < ph->n && tok_is(&t->tokens[i + j], ph->tok[j], j == 0, ph->ns, use_stem))
                j++;
            if (j == ph->n && n < MAX_OUT)
                out[n++] = (nt_gaz_match){(uint32_t)i, (uint32_t)(i + ph->n - 1), ph->payload};
        }
    }
    return n;
}

static void same_set(nt_gaz_match *a, size_t na, nt_gaz_match *b, size_t nb, const char *what)
{
    if (na != nb)
        printf("%s: %zu matches, the reference %zu\n", what, na, nb);
    assert_int_equal(na, nb);
    qsort(a, na, sizeof *a, cmp_match);
    qsort(b, nb, sizeof *b, cmp_match);
    for (size_t i = 0; i < na; i++)
        assert_int_equal(cmp_match(&a[i], &b[i]), 0);
}

/* Normalises s with both normalisers and runs every check on the tokens. */
static void check_text(fixture *f, const char *s, size_t len)
{
    static uint32_t ids1[3 * MAX_TOKS], ids2[3 * MAX_TOKS], ids3[3 * MAX_TOKS], ids4[3 * MAX_TOKS];
    static nt_gaz_match a[MAX_OUT], b[MAX_OUT], r[MAX_OUT], c[MAX_OUT];
    netra_text t, t2;
    netra_arena_reset(f->arena);
    assert_int_equal(netra_normalize(&t, f->nz, s, len, f->arena), NETRA_OK);
    assert_int_equal(netra_normalize(&t2, f->nz2, s, len, f->arena), NETRA_OK);
    if (t.n_tokens > MAX_TOKS)
        return;
    f->checked++;
    /* Ids: with the cache and cells (twice: the cells filled, then read), without. */
    unsigned k1 = nt_gaz_ids(f->names, &t, ids1, f->cache);
    unsigned k3 = nt_gaz_ids(f->names, &t2, ids3, NULL);
    assert_int_equal(k1, k3);
    assert_memory_equal(ids1, ids3, 3 * t.n_tokens * sizeof(uint32_t));
    /* The one pass against the two. */
    size_t na = nt_gaz_match_ids(f->names, &t, ids1, 0, a, MAX_OUT);
    size_t nb = 0;
    unsigned k2 = nt_gaz_ids_match(f->names, &t, ids2, f->cache, b, MAX_OUT, &nb);
    assert_int_equal(k1, k2);
    assert_memory_equal(ids1, ids2, 3 * t.n_tokens * sizeof(uint32_t));
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (na < MAX_OUT ? na : MAX_OUT) * sizeof *a);
    /* ... and cut short: the same count, the same first ones. */
    size_t cut = na / 2, nc = 0;
    nt_gaz_ids_match(f->names, &t, ids4, f->cache, c, cut, &nc);
    assert_int_equal(nc, na);
    if (cut > 0)
        assert_memory_equal(c, a, cut * sizeof *a);
    /* ... and without the cells (its general steps, walk_step() for every start), on the
     * second normaliser's tokens: the same ids, kinds and matches as the pass with them
     * (whose loop is split where the prefetch four tokens ahead ends, and whose last
     * token is handled on its own: the short texts below reach every split). */
    nc = 0;
    unsigned k4 = nt_gaz_ids_match(f->names, &t2, ids4, NULL, c, MAX_OUT, &nc);
    assert_int_equal(k4, k1);
    assert_memory_equal(ids4, ids1, 3 * t.n_tokens * sizeof(uint32_t));
    assert_int_equal(nc, na);
    assert_memory_equal(c, a, (na < MAX_OUT ? na : MAX_OUT) * sizeof *a);
    f->matches += (long)na;
    /* By text: the reference. */
    size_t nr = reference(&f->by_text, &t, 0, r);
    same_set(a, na, r, nr, "names");
    /* The same phrases, not frozen (its own ids). */
    nt_gaz_ids(f->loose, &t, ids4, NULL);
    na = nt_gaz_match_ids(f->loose, &t, ids4, 0, a, MAX_OUT);
    nr = reference(&f->by_text, &t, 0, r);
    same_set(a, na, r, nr, "names, not frozen");
    /* By text or stem, on the vocabulary it shares with the names. */
    /* The frozen matcher's one pass and the blocks of one not frozen: the same matches in
     * the same order (token, its stem before its text, depth), which find_cues() keeps. */
    na = nt_gaz_match_ids(f->cues, &t, ids1, 1, a, MAX_OUT);
    nt_gaz_ids(f->loose_stem, &t, ids4, NULL);
    nb = nt_gaz_match_ids(f->loose_stem, &t, ids4, 1, b, MAX_OUT);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (na < MAX_OUT ? na : MAX_OUT) * sizeof *a);
    nr = reference(&f->by_stem, &t, 1, r);
    same_set(a, na, r, nr, "stems");
}

/* Phrases cut from a text's tokens. */
static void phrases_of(fixture *f, const netra_text *t)
{
    for (int tries = 0; tries < 3 && t->n_tokens > 0; tries++) {
        size_t i = rnd((uint32_t)t->n_tokens);
        const netra_token *k = &t->tokens[i];
        phrase p = {NT_GAZ_WORD, 0, {0}, rnd(6)};
        if (k->kind == NETRA_TOK_HASHTAG || k->kind == NETRA_TOK_MENTION) {
            p.ns = k->kind == NETRA_TOK_HASHTAG ? NT_GAZ_HASHTAG : NT_GAZ_MENTION;
            p.tok[p.n++] = k->text;
            add_phrase(&f->by_text, f->names, f->loose, &p);
            continue;
        }
        if (!inside(k->kind))
            continue;
        /* Mostly short, now and then as long as a phrase may be. */
        size_t want = rnd(8) == 0 ? NT_GAZ_MAX_PHRASE_TOKENS : 1 + rnd(4);
        int stems = rnd(2);
        phrase q = p;
        for (size_t j = i; j < t->n_tokens && p.n < want && inside(t->tokens[j].kind); j++) {
            const netra_token *kj = &t->tokens[j];
            p.tok[p.n++] = kj->text;
            q.tok[q.n++] = stems && has_stem(kj) ? kj->stem : kj->text;
        }
        /* Every prefix as well now and then: nested phrases, outputs on inner states. */
        size_t from = rnd(3) == 0 ? 1 : p.n;
        for (size_t n = from; n <= p.n; n++) {
            phrase pp = p, qq = q;
            pp.n = qq.n = n;
            add_phrase(&f->by_text, f->names, f->loose, &pp);
            add_phrase(&f->by_stem, f->cues, f->loose_stem, &qq);
        }
    }
}

static int setup(void **state)
{
    static fixture f;
    if (netra_text_lexicon_load(&f.lex, NULL) != NETRA_OK) {
        fprintf(stderr, "lexicon: %s\n", netra_error_last()->msg);
        return -1;
    }
    if (netra_normalizer_new(&f.nz, f.lex) != NETRA_OK ||
        netra_normalizer_new(&f.nz2, f.lex) != NETRA_OK ||
        netra_arena_new(&f.arena, 0, 0) != NETRA_OK || (f.cache = nt_idcache_new()) == NULL ||
        nt_gaz_new(&f.names, NULL) != NETRA_OK || nt_gaz_new(&f.cues, f.names) != NETRA_OK ||
        nt_gaz_new(&f.loose, NULL) != NETRA_OK || nt_gaz_new(&f.loose_stem, NULL) != NETRA_OK)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (gazset *s = &f->by_text; s; s = s == &f->by_text ? &f->by_stem : NULL)
        for (size_t i = 0; i < s->n; i++)
            for (size_t k = 0; k < s->p[i].n; k++)
                free((void *)(uintptr_t)s->p[i].tok[k]);
    for (size_t i = 0; i < f->n_texts; i++)
        free(f->texts[i]);
    free(f->texts);
    for (size_t i = 0; i < f->n_words; i++)
        free(f->words[i]);
    free(f->words);
    nt_gaz_free(f->names);
    nt_gaz_free(f->cues);
    nt_gaz_free(f->loose);
    nt_gaz_free(f->loose_stem);
    nt_idcache_free(f->cache);
    netra_normalizer_free(f->nz);
    netra_normalizer_free(f->nz2);
    netra_text_lexicon_free(f->lex);
    netra_arena_free(f->arena);
    return 0;
}

/* What load() keeps while it reads the corpus. */
typedef struct loading {
    fixture *f;
    nt_map seen; /* the distinct words so far */
    size_t cap, wcap;
} loading;

static void add_text(const char *s, size_t len, void *arg)
{
    loading *ld = arg;
    fixture *f = ld->f;
    if (f->n_texts == ld->cap) {
        ld->cap = ld->cap ? 2 * ld->cap : 1024;
        f->texts = realloc(f->texts, ld->cap * sizeof *f->texts);
        assert_non_null(f->texts);
    }
    f->texts[f->n_texts] = strndup(s, len);
    assert_non_null(f->texts[f->n_texts]);
    netra_text t;
    netra_arena_reset(f->arena);
    assert_int_equal(netra_normalize(&t, f->nz2, s, len, f->arena), NETRA_OK);
    if (rnd(4) == 0)
        phrases_of(f, &t);
    for (size_t i = 0; i < t.n_tokens; i++) {
        const netra_token *tk = &t.tokens[i];
        if (!inside(tk->kind) || nt_map_get(&ld->seen, tk->text, tk->len) != NULL)
            continue;
        if (f->n_words == ld->wcap) {
            ld->wcap = ld->wcap ? 2 * ld->wcap : 1024;
            f->words = realloc(f->words, ld->wcap * sizeof *f->words);
            assert_non_null(f->words);
        }
        char *w = strndup(tk->text, tk->len);
        assert_non_null(w);
        f->words[f->n_words++] = w;
        assert_int_equal(nt_map_put(&ld->seen, w, tk->len, w, NULL), NETRA_OK);
    }
    f->n_texts++;
}

/* The corpus's texts, the gazetteer cut from them, the distinct words. */
static void load(fixture *f)
{
    loading ld = {f, {0}, 0, 0};
    nt_map_init(&ld.seen);
    corpus_each_text("train.jsonl", 0, add_text, &ld);
    nt_map_free(&ld.seen);
    assert_int_equal(nt_gaz_freeze(f->names), NETRA_OK);
    assert_int_equal(nt_gaz_freeze(f->cues), NETRA_OK);
    index_by_byte(&f->by_text);
    index_by_byte(&f->by_stem);
    printf("gazetteer: %zu phrases by text, %zu by stem, from %zu texts (%zu words)\n",
           f->by_text.n, f->by_stem.n, f->n_texts, f->n_words);
    assert_true(f->by_text.n > 500 && f->by_stem.n > 500);
}

static void test_differential(void **state)
{
    fixture *f = *state;
    load(f);
    /* The corpus's texts: first the cells are filled, then (a thousand) read. */
    for (size_t i = 0; i < f->n_texts; i++)
        check_text(f, f->texts[i], strlen(f->texts[i]));
    for (size_t i = 0; i < f->n_texts && i < 1000; i++)
        check_text(f, f->texts[i], strlen(f->texts[i]));
    /* Random sequences over the phrases' words (many phrases start, some go on) and the
     * corpus's, with hashtags, mentions, numbers and punctuation between. */
    char buf[4096];
    for (int n = 0; n < 6000; n++) {
        size_t len = 0, words = 1 + rnd(40);
        for (size_t w = 0; w < words; w++) {
            const char *s;
            int pick = (int)rnd(10);
            if (pick < 5) {
                const phrase *p = &f->by_text.p[rnd((uint32_t)f->by_text.n)];
                s = p->tok[rnd((uint32_t)p->n)];
            } else if (pick < 7) {
                const phrase *p = &f->by_stem.p[rnd((uint32_t)f->by_stem.n)];
                s = p->tok[rnd((uint32_t)p->n)];
            } else if (pick < 9) {
                s = f->words[rnd((uint32_t)f->n_words)];
            } else {
                static const char *const odd[] = {",", ".",  "!", "?",    "#",
                                                  "@", "02", "3", "🤟", "https://x.co/a"};
                s = odd[rnd(sizeof odd / sizeof odd[0])];
            }
            size_t sl = strlen(s);
            if (len + sl + 2 >= sizeof buf)
                break;
            memcpy(buf + len, s, sl);
            len += sl;
            buf[len++] = rnd(8) == 0 ? ',' : ' ';
        }
        check_text(f, buf, len);
    }
    /* Short texts of whole phrases, one to a dozen tokens and as many words: the one
     * pass's split loops (a prefetch four tokens ahead, then the tail, then the last
     * token) at every length, with phrases ending on the last token. */
    for (int n = 0; n < 3000; n++) {
        size_t len = 0, want = 1 + (size_t)(n % 12);
        for (size_t w = 0; w < want;) {
            const phrase *p = &f->by_text.p[rnd((uint32_t)f->by_text.n)];
            for (size_t k = 0; k < p->n && w < want; k++, w++) {
                size_t sl = strlen(p->tok[k]);
                if (len + sl + 2 >= sizeof buf) {
                    w = want; /* full: the text as it is */
                    break;
                }
                memcpy(buf + len, p->tok[k], sl);
                len += sl;
                buf[len++] = ' ';
            }
        }
        check_text(f, buf, len);
    }
    printf("%ld texts checked, %ld name matches\n", f->checked, f->matches);
    assert_true(f->matches > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_differential),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
