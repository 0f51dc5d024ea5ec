/*
 * text.c - properties of the normaliser over crafted, random and real input: offsets in
 * range and on character boundaries, idempotence, every disguise (and pairs of them)
 * giving the plain tokens, the 13,169 real tweets of ../shared/data when present, limits,
 * and allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <utf8proc.h>

#include "util/util_int.h"
#include "netra/text.h"
#include "utf8enc.h"
#include "failalloc.h"
#include "tokhash.h"

typedef struct fixture {
    netra_text_lexicon *lex;
    netra_normalizer *nz;
    netra_arena *arena;
} fixture;

static int setup(void **state)
{
    static fixture f;
    if (netra_text_lexicon_load(&f.lex, NULL) != NETRA_OK) {
        fprintf(stderr, "lexicon: %s\n", netra_error_last()->msg);
        return -1;
    }
    if (netra_normalizer_new(&f.nz, f.lex) != NETRA_OK ||
        netra_arena_new(&f.arena, 0, 0) != NETRA_OK)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    netra_arena_free(f->arena);
    netra_normalizer_free(f->nz);
    netra_text_lexicon_free(f->lex);
    return 0;
}

/* Character boundaries as the decoder sees them: a valid sequence is one character, and
 * every byte of an invalid one is a character of its own (it becomes U+FFFD). */
static void boundaries(unsigned char *b, const char *s, size_t len)
{
    size_t i = 0;
    memset(b, 0, len + 1);
    while (i < len) {
        b[i] = 1;
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        i += k > 0 ? (size_t)k : 1;
    }
    b[len] = 1;
}

/* Checks the invariants of one result; returns 0 or fails the test. */
static void check_invariants(const char *s, size_t len, const netra_text *t)
{
    static unsigned char bound[NETRA_TEXT_MAX_BYTES + 1];
    uint32_t prev = 0;
    boundaries(bound, s, len);
    for (size_t i = 0; i < t->n_tokens; i++) {
        const netra_token *k = &t->tokens[i];
        if (!(k->start < k->end && k->end <= len))
            fail_msg("token %zu '%s': range %u..%u outside 0..%zu", i, k->text, k->start, k->end,
                     len);
        if (!bound[k->start] || !bound[k->end])
            fail_msg("token %zu '%s': %u..%u not on character boundaries", i, k->text, k->start,
                     k->end);
        if (k->start < prev && !(k->flags & NETRA_TOKF_HASHTAG_PART))
            fail_msg("token %zu out of order", i);
        if (!(k->flags & NETRA_TOKF_HASHTAG_PART))
            prev = k->start;
        assert_non_null(k->text);
        assert_int_equal(strlen(k->text), k->len);
        assert_int_equal(strlen(k->stem), k->stem_len);
        if (k->hash != doc_hash(k->text, k->len))
            fail_msg("token %zu '%s': hash %08x, the documented function gives %08x", i, k->text,
                     k->hash, doc_hash(k->text, k->len));
        if (k->kind == NETRA_TOK_PUNCT || k->kind == NETRA_TOK_EMOJI)
            assert_true(k->len > 0);
        if (k->flags & NETRA_TOKF_HASHTAG_PART) {
            assert_true(k->parent >= 0 && (size_t)k->parent < i);
            const netra_token *h = &t->tokens[k->parent];
            assert_int_equal(h->kind, NETRA_TOK_HASHTAG);
            assert_true(k->start >= h->start && k->end <= h->end);
        }
    }
}

static netra_text norm(fixture *f, const char *s, size_t len)
{
    netra_text t;
    int err = netra_normalize(&t, f->nz, s, len, f->arena);
    if (err != NETRA_OK)
        fail_msg("normalize: %s", netra_error_last()->msg);
    check_invariants(s, len, &t);
    return t;
}

static void tokens_of(fixture *f, const char *s, char *out, size_t cap)
{
    netra_arena_reset(f->arena);
    netra_text t = norm(f, s, strlen(s));
    netra_text_format(out, cap, &t, 0);
}

/* Renders the top-level tokens back to text (words, numbers, #tags, @handles, URLs),
 * separated by ", ": a comma separates tokens and, unlike a space, never joins single
 * letters into one word. */
static void render(const netra_text *t, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->n_tokens; i++) {
        const netra_token *k = &t->tokens[i];
        if (k->flags & NETRA_TOKF_HASHTAG_PART || k->kind == NETRA_TOK_EMOJI ||
            k->kind == NETRA_TOK_GESTURE || k->kind == NETRA_TOK_PUNCT)
            continue;
        const char *pre = k->kind == NETRA_TOK_HASHTAG   ? "#"
                          : k->kind == NETRA_TOK_MENTION ? "@"
                                                         : "";
        int n = snprintf(out + o, cap - o, "%s%s%s", o ? ", " : "", pre, k->text);
        if (n < 0 || (size_t)n >= cap - o)
            return;
        o += (size_t)n;
    }
}

static void check_idempotent(fixture *f, const char *s, size_t len)
{
    static char r1[1 << 16], r2[1 << 16];
    netra_arena_reset(f->arena);
    netra_text t = norm(f, s, len);
    render(&t, r1, sizeof r1);
    netra_arena_reset(f->arena);
    netra_text t2 = norm(f, r1, strlen(r1));
    render(&t2, r2, sizeof r2);
    if (strcmp(r1, r2) != 0)
        fail_msg("not idempotent:\n  input: %.*s\n  once:  %s\n  twice: %s", (int)len, s, r1, r2);
}

static const char *const samples[] = {
    "Ayo coblos Prabowo Gibran, pilih nomor 2! #PrabowoGibran2024",
    "Bapak ibu ASN jgn lupa pilih no 1 ya #AMIN https://t.co/AbC123",
    "G4NJ4R pasti menanggg, salam tiga jari!!!",
    "p.r.a.m.o.n.o - r.a.n.o nomor urut 3 @PramonoAnung",
    "Kata Bawaslu: \"ASN harus netral\". Benarkah?? cek kpu.go.id",
    "yg penting gak golput, udh siap nyoblos 14-02-2024 jam 10.00",
    "kata2 bijak hari ini: 3.000 relawan ke-2 kalinya covid19 h-1",
};

static void test_invariants_and_idempotence(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
        check_idempotent(f, samples[i], strlen(samples[i]));
}

/* Random bytes and random mixes of interesting fragments. */
static void test_random_input(void **state)
{
    fixture *f = *state;
    static const char *const frags[] = {"a",
                                        "Z",
                                        "0",
                                        "9",
                                        " ",
                                        ".",
                                        "-",
                                        "#",
                                        "@",
                                        "?",
                                        "!",
                                        "\"",
                                        "'",
                                        "_",
                                        "$",
                                        "\n",
                                        "\xf0\x9d\x90\x8f",
                                        "\xe2\x9c\x8c\xef\xb8\x8f",
                                        "\xe2\x80\x8b",
                                        "\xcc\xb6",
                                        "\xd1\x80",
                                        "\xe1\xb4\x98",
                                        "\xf0\x9f\x8f\xbd",
                                        "\x33\xef\xb8\x8f\xe2\x83\xa3",
                                        "\xf0\x9f\x87\xae\xf0\x9f\x87\xa9",
                                        "\xff",
                                        "\xc0\xaf",
                                        "\xed\xa0\x80",
                                        "http://",
                                        "www.",
                                        ".id",
                                        "@x.co",
                                        "ke-",
                                        "2",
                                        "aaa",
                                        "yg",
                                        "gak"};
    size_t nf = sizeof frags / sizeof *frags;
    uint32_t rng = 2024;
    static char buf[4096];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        int n = (int)((rng >> 7) % 60);
        for (int k = 0; k < n; k++) {
            rng = rng * 1664525u + 1013904223u;
            if (round % 3 == 0) {
                buf[len++] = (char)(rng >> 24);
            } else {
                const char *fr = frags[(rng >> 16) % nf];
                size_t fl = strlen(fr);
                memcpy(buf + len, fr, fl);
                len += fl;
            }
        }
        rng = rng * 1664525u + 1013904223u;
        netra_arena_reset(f->arena);
        norm(f, buf, len);
    }
}

/* ---- disguises ---------------------------------------------------------------------------*/

/* Styles of one lowercase letter: the code point to write, 0 to keep the letter. */
enum {
    S_PLAIN,
    S_UPPER,
    S_BOLD,
    S_SCRIPT,
    S_FULLWIDTH,
    S_CIRCLED,
    S_SMALLCAP,
    S_CYRILLIC,
    S_LEET,
    S_COUNT
};
static const char *const style_names[S_COUNT] = {"plain",       "upper",     "math-bold",
                                                 "math-script", "fullwidth", "circled",
                                                 "small-caps",  "cyrillic",  "leet"};

static unsigned long style(int st, char c)
{
    static const unsigned long small[26] = {0x1D00, 0x0299, 0x1D04, 0x1D05, 0x1D07, 0xA730, 0x0262,
                                            0x029C, 0x026A, 0x1D0A, 0x1D0B, 0x029F, 0x1D0D, 0x0274,
                                            0x1D0F, 0x1D18, 0,      0x0280, 0xA731, 0x1D1B, 0x1D1C,
                                            0x1D20, 0x1D21, 0,      0x028F, 0x1D22};
    int i = c - 'a';
    switch (st) {
    case S_UPPER:
        return (unsigned long)(c - 32);
    case S_BOLD:
        return 0x1D41A + (unsigned long)i;
    case S_SCRIPT:
        return 0x1D4EA + (unsigned long)i;
    case S_FULLWIDTH:
        return 0xFF41 + (unsigned long)i;
    case S_CIRCLED:
        return 0x24D0 + (unsigned long)i;
    case S_SMALLCAP:
        return small[i];
    case S_CYRILLIC:
        switch (c) {
        case 'a':
            return 0x0430;
        case 'e':
            return 0x0435;
        case 'o':
            return 0x043E;
        case 'p':
            return 0x0440;
        case 'c':
            return 0x0441;
        case 'x':
            return 0x0445;
        case 'y':
            return 0x0443;
        case 'i':
            return 0x0456;
        default:
            return 0;
        }
    case S_LEET:
        switch (c) {
        case 'a':
            return '4';
        case 'e':
            return '3';
        case 'i':
            return '1';
        case 'o':
            return '0';
        default:
            return 0;
        }
    default:
        return 0;
    }
}

/* Decorations: what goes between or after letters. */
enum { D_NONE, D_ZWSP, D_STRIKE, D_ELONGATE, D_DOTTED, D_SPACED, D_COUNT };
static const char *const deco_names[D_COUNT] = {
    "", "+zero-width", "+strike-marks", "+elongation", "+dotted", "+spaced"};

/* Writes `plain` with letters alternating between styles a and b and decoration d. */
static void disguise(char *o, const char *plain, int a, int b, int d)
{
    size_t n = 0, li = 0;
    for (const char *p = plain; *p; p++) {
        char c = *p;
        if (c < 'a' || c > 'z') {
            o[n++] = c;
            li = 0;
            continue;
        }
        if (li > 0 && (d == D_DOTTED || d == D_SPACED))
            o[n++] = d == D_DOTTED ? '.' : ' ';
        if (li > 0 && d == D_ZWSP)
            n += nt_test_utf8(o + n, 0x200B);
        unsigned long cp = style(li % 2 ? b : a, c);
        n += nt_test_utf8(o + n, cp ? cp : (unsigned long)c);
        if (d == D_STRIKE)
            n += nt_test_utf8(o + n, 0x0336);
        li++;
        int last = p[1] < 'a' || p[1] > 'z';
        if (d == D_ELONGATE && last)
            for (int k = 0; k < 3; k++)
                n += nt_test_utf8(o + n, cp ? cp : (unsigned long)c);
    }
    o[n] = '\0';
}

static int compatible(int a, int b, int d, int one_word)
{
    int leet = a == S_LEET || b == S_LEET;
    if (leet && (d == D_DOTTED || d == D_SPACED || d == D_ZWSP || d == D_STRIKE))
        return 0; /* a digit between separators is a number, not a letter */
    if (d == D_SPACED && !one_word)
        return 0;
    return 1;
}

static void test_disguises(void **state)
{
    fixture *f = *state;
    static const char *const phrases[] = {"prabowo",
                                          "gibran",
                                          "anies",
                                          "muhaimin",
                                          "ganjar",
                                          "mahfud",
                                          "pramono",
                                          "ridwan kamil",
                                          "coblos prabowo",
                                          "pilih anies",
                                          "salam dua jari",
                                          "menang satu putaran",
                                          "dukung ganjar mahfud"};
    static char plain[512], dis[4096], got[4096];
    long checked = 0, failed = 0;
    for (size_t p = 0; p < sizeof phrases / sizeof *phrases; p++) {
        tokens_of(f, phrases[p], plain, sizeof plain);
        int one_word = strchr(phrases[p], ' ') == NULL;
        for (int a = 0; a < S_COUNT; a++)
            for (int b = a; b < S_COUNT; b++)
                for (int d = 0; d < D_COUNT; d++) {
                    if (!compatible(a, b, d, one_word))
                        continue;
                    /* pairs: two styles alternating, or one style with one decoration */
                    if (a != b && d != D_NONE && a != S_PLAIN)
                        continue;
                    disguise(dis, phrases[p], a, b, d);
                    tokens_of(f, dis, got, sizeof got);
                    checked++;
                    if (strcmp(got, plain) != 0) {
                        failed++;
                        printf("disguise %s/%s%s of '%s': '%s' gave '%s', want '%s'\n",
                               style_names[a], style_names[b], deco_names[d], phrases[p], dis, got,
                               plain);
                    }
                }
    }
    printf("disguises: %ld checked, %ld failed\n", checked, failed);
    assert_true(checked > 500);
    assert_int_equal(failed, 0);
}

/* ---- real tweets -------------------------------------------------------------------------*/

static void test_real_tweets(void **state)
{
    fixture *f = *state;
    const char *dir = getenv("NETRA_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/id-twitter-13k.csv", dir ? dir : "../shared/data");
    char *data;
    size_t len;
    if (nt_file_read(&data, &len, path, 64u << 20) != NETRA_OK) {
        printf("SKIPPED: %s not present (the 13k real tweets live in ../shared/data)\n", path);
        skip();
    }
    /* The file is close to RFC 4180 but some rows hold bare quotes; read it line by line:
     * the tweet is everything before the 12 label columns. */
    unsigned long tweets = 0, tokens = 0, per[NETRA_TX_COUNT] = {0};
    char *p = memchr(data, '\n', len);
    assert_non_null(p);
    p++;
    while (p < data + len) {
        char *end = memchr(p, '\n', (size_t)(data + len - p));
        if (end == NULL)
            end = data + len;
        /* the tweet is everything before the 12 label columns */
        char *q = end;
        int commas = 0;
        while (q > p && commas < 12)
            if (*--q == ',')
                commas++;
        size_t tl = (size_t)(q - p);
        netra_arena_reset(f->arena);
        netra_text t = norm(f, p, tl);
        tweets++;
        tokens += t.n_tokens;
        for (size_t i = 0; i < t.n_tokens; i++)
            for (int b = 0; b < NETRA_TX_COUNT; b++)
                per[b] += (t.tokens[i].transforms >> b) & 1u;
        check_idempotent(f, p, tl);
        p = end + 1;
    }
    nt_free(data);
    printf("real tweets: %lu normalised, %lu tokens, every offset valid, normalising the "
           "normalised text changes nothing\n",
           tweets, tokens);
    for (int b = 0; b < NETRA_TX_COUNT; b++)
        if (per[b])
            printf("  %-15s %7lu tokens  %6.2f%%\n", netra_transform_name(1u << b), per[b],
                   100.0 * (double)per[b] / (double)tokens);
    assert_true(tweets >= 13000);
}

/* netra_token_hash() is the documented function, on its own too (empty, short, long, high
 * bytes), and every token of random byte strings carries it (check_invariants). */
static void test_token_hash(void **state)
{
    fixture *f = *state;
    static const char *const keys[] = {
        "", "a", "yg", "prabowo", "\xc3\xa9\xff\x01", "kata-kata bersama-sama ke-2 2024 #amin"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        assert_int_equal(netra_token_hash(keys[i], strlen(keys[i])),
                         doc_hash(keys[i], strlen(keys[i])));
    uint32_t seed = 7;
    char buf[96];
    for (int round = 0; round < 2000; round++) {
        size_t n = 0, len = 1 + (size_t)round % 90;
        for (; n < len; n++) {
            seed = seed * 1664525u + 1013904223u;
            /* mostly ASCII letters, digits and separators, sometimes any byte */
            unsigned r = seed >> 24;
            buf[n] = r < 200 ? "abcdeghiklmnoprstuy 0124579#@-.!?AB"[r % 35] : (char)r;
        }
        netra_arena_reset(f->arena);
        (void)norm(f, buf, n);
    }
}

static void test_limits(void **state)
{
    fixture *f = *state;
    netra_text t;
    static char big[NETRA_TEXT_MAX_BYTES + 2];
    memset(big, 'a', sizeof big);
    assert_int_equal(netra_normalize(&t, f->nz, big, sizeof big, f->arena), NETRA_ETOOBIG);
    /* a single enormous word passes through unchanged, within limits */
    netra_arena_reset(f->arena);
    assert_int_equal(netra_normalize(&t, f->nz, big, 100000, f->arena), NETRA_OK);
    assert_int_equal(t.n_tokens, 1);
    assert_int_equal(t.tokens[0].len, 100000);
    assert_int_equal(t.tokens[0].hash, doc_hash(big, 100000));
    netra_arena_reset(f->arena);
    assert_int_equal(netra_normalize(&t, f->nz, "", 0, f->arena), NETRA_OK);
    assert_int_equal(t.n_tokens, 0);
    /* an arena bound is respected */
    netra_arena *small;
    assert_int_equal(netra_arena_new(&small, 256, 512), NETRA_OK);
    int err = netra_normalize(&t, f->nz, samples[0], strlen(samples[0]), small);
    assert_true(err == NETRA_OK || err == NETRA_ETOOBIG);
    netra_arena_free(small);
}

static int torture_run(void *payload)
{
    (void)payload;
    netra_text_lexicon *lex;
    netra_normalizer *nz = NULL;
    netra_arena *arena = NULL;
    int err = netra_text_lexicon_load(&lex, NULL);
    if (err < 0)
        return err;
    if ((err = netra_normalizer_new(&nz, lex)) < 0 || (err = netra_arena_new(&arena, 0, 0)) < 0)
        goto done;
    for (size_t i = 0; i < sizeof samples / sizeof *samples && err == 0; i++) {
        netra_text t;
        netra_arena_reset(arena);
        err = netra_normalize(&t, nz, samples[i], strlen(samples[i]), arena);
    }
done:
    netra_arena_free(arena);
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
    return err;
}

/* The owner's cell of a memoised word: zero at first, 8-byte aligned, the same cell for
 * every occurrence of the word (in one text and in the next), kept across texts; no cell
 * for tokens that are not memoised words (hashtags, mentions, punctuation). */
static void test_token_cells(void **state)
{
    fixture *f = *state;
    netra_normalizer *nz = NULL;
    assert_int_equal(netra_normalizer_new(&nz, f->lex), NETRA_OK);
    const char *a = "Pilih kucing, pilih kucing! #KucingHebat @kucing";
    netra_text t;
    assert_int_equal(netra_normalize(&t, nz, a, strlen(a), f->arena), NETRA_OK);
    uint64_t *first = NULL;
    size_t n_cells = 0;
    for (size_t i = 0; i < t.n_tokens; i++) {
        const netra_token *k = &t.tokens[i];
        uint64_t *c = netra_token_cell(k);
        if (k->kind == NETRA_TOK_HASHTAG || k->kind == NETRA_TOK_MENTION ||
            k->kind == NETRA_TOK_PUNCT) {
            assert_null(c);
            continue;
        }
        if (c == NULL)
            continue;
        n_cells++;
        assert_int_equal((uintptr_t)c % 8, 0);
        if (strcmp(k->text, "kucing") == 0 && !(k->flags & NETRA_TOKF_HASHTAG_PART)) {
            if (first == NULL) {
                first = c;
                assert_int_equal(c[0], 0);
                assert_int_equal(c[1], 0);
                c[0] = 0x1234; /* the owner writes */
                c[1] = 0x5678;
            } else {
                assert_ptr_equal(c, first); /* the same word, the same cell */
            }
        }
    }
    assert_non_null(first);
    assert_true(n_cells >= 4);
    /* Another text: the word keeps its cell and what the owner wrote; the text is intact. */
    const char *b = "kucing tidur";
    assert_int_equal(netra_normalize(&t, nz, b, strlen(b), f->arena), NETRA_OK);
    assert_string_equal(t.tokens[0].text, "kucing");
    assert_ptr_equal(netra_token_cell(&t.tokens[0]), first);
    assert_int_equal(first[0], 0x1234);
    assert_int_equal(first[1], 0x5678);
    netra_normalizer_free(nz);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(torture_run, NULL) > 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invariants_and_idempotence),
        cmocka_unit_test(test_random_input),
        cmocka_unit_test(test_disguises),
        cmocka_unit_test(test_real_tweets),
        cmocka_unit_test(test_token_hash),
        cmocka_unit_test(test_token_cells),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
