/*
 * fastpath.c - the ASCII fast path of stage B against the general path: every text is
 * normalised by two normalisers, one with the general path forced (nt_text_force_general),
 * and the two results must agree in every field of every token and in the text's
 * transforms. The texts: the labelled corpus (text, target text, bio, name), its disguised
 * forms, hand-picked tricky strings, random strings over the bytes the cut cares about, and
 * a 256 KiB text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libstemmer.h>

#include "util/util_int.h"
#include "corpus.h"
#include "netra/item.h"
#include "netra/text.h"
#include "text/text_int.h"
#include "detect/detect_int.h"

typedef struct fixture {
    netra_text_lexicon *lex;
    netra_normalizer *fast, *general;
    netra_arena *arena;
    long compared, tokens, ascii;
} fixture;

static int setup(void **state)
{
    static fixture f;
    if (netra_text_lexicon_load(&f.lex, NULL) != NETRA_OK) {
        fprintf(stderr, "lexicon: %s\n", netra_error_last()->msg);
        return -1;
    }
    if (netra_normalizer_new(&f.fast, f.lex) != NETRA_OK ||
        netra_normalizer_new(&f.general, f.lex) != NETRA_OK ||
        netra_arena_new(&f.arena, 0, 0) != NETRA_OK)
        return -1;
    nt_text_force_general(f.general, 1);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    netra_normalizer_free(f->fast);
    netra_normalizer_free(f->general);
    netra_text_lexicon_free(f->lex);
    netra_arena_free(f->arena);
    return 0;
}

static void show(const char *what, const char *s, size_t len)
{
    printf("%s (%zu bytes): '", what, len);
    for (size_t i = 0; i < len && i < 300; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f)
            putchar(c);
        else
            printf("\\x%02x", c);
    }
    printf("%s'\n", len > 300 ? "..." : "");
}

/* Normalises s both ways and fails on the first difference. */
static void compare(fixture *f, const char *s, size_t len)
{
    netra_text a, b;
    netra_arena_reset(f->arena);
    int ra = netra_normalize(&a, f->fast, s, len, f->arena);
    int rb = netra_normalize(&b, f->general, s, len, f->arena);
    f->compared++;
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    f->ascii += ascii;
    if (ra != rb) {
        show("return codes differ", s, len);
        fail();
    }
    if (ra != NETRA_OK)
        return;
    if (a.n_tokens != b.n_tokens || a.transforms != b.transforms) {
        show("token counts or transforms differ", s, len);
        printf("fast %zu tokens tx %#x, general %zu tokens tx %#x\n", a.n_tokens, a.transforms,
               b.n_tokens, b.transforms);
        fail();
    }
    for (size_t i = 0; i < a.n_tokens; i++) {
        const netra_token *x = &a.tokens[i], *y = &b.tokens[i];
        int same = x->kind == y->kind && x->flags == y->flags && x->transforms == y->transforms &&
                   x->start == y->start && x->end == y->end && x->len == y->len &&
                   x->stem_len == y->stem_len && x->parent == y->parent && x->hash == y->hash &&
                   x->value == y->value && memcmp(x->text, y->text, x->len + 1) == 0 &&
                   memcmp(x->stem, y->stem, x->stem_len + 1) == 0;
        if (!same) {
            show("tokens differ", s, len);
            printf("token %zu: fast '%s' [%u,%u) kind %d flags %#x tx %#x stem '%s'; general '%s' "
                   "[%u,%u) kind %d flags %#x tx %#x stem '%s'\n",
                   i, x->text, x->start, x->end, (int)x->kind, x->flags, x->transforms, x->stem,
                   y->text, y->start, y->end, (int)y->kind, y->flags, y->transforms, y->stem);
            fail();
        }
    }
    f->tokens += (long)a.n_tokens;
}

/* A text, its upper-case form, and its five disguises with two seeds each. */
static void compare_forms(fixture *f, const char *s, size_t len)
{
    static char buf[8 * NETRA_ITEM_MAX_TEXT + 64];
    compare(f, s, len);
    if (len > NETRA_ITEM_MAX_TEXT)
        return;
    for (size_t i = 0; i < len; i++)
        buf[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
    compare(f, buf, len);
    for (int kind = 0; kind < NT_DISGUISE_KINDS; kind++)
        for (uint64_t seed = 1; seed <= 2; seed++) {
            size_t n = nt_disguise(buf, sizeof buf, s, len, kind, seed * 7919 + len);
            if (n < sizeof buf)
                compare(f, buf, n);
        }
}

static void compare_text(const char *s, size_t len, void *arg)
{
    compare_forms(arg, s, len);
}

static void test_corpus(void **state)
{
    fixture *f = *state;
    long items = corpus_each_text("train.jsonl", 1, compare_text, f) +
                 corpus_each_text("heldout.jsonl", 1, compare_text, f);
    printf("corpus: %ld items, %ld texts compared (%ld ASCII), %ld tokens\n", items, f->compared,
           f->ascii, f->tokens);
    assert_true(items > 1000);
    assert_true(f->ascii > f->compared / 2); /* the fast path was taken */
}

static void test_tricky(void **state)
{
    fixture *f = *state;
    static const char *const texts[] = {
        "a m i n", "A M I N ya", "p.r.a.b.o.w.o", "g-i-b-r-a-n", "s.h. dan a.b", "p r a b o w o.",
        "x y", "a b c d e f g h", "a.b-c_d e f", "pilih n o 2 y a", "kata2 dan kata-kata",
        "bersama-sama berlari-lari", "ke-2 h-1 covid-19 14-02-2024", "prabowo-gibran", "anti-",
        "-awal", "kata- kata", "a-b", "ab-cd-ef", "o'neil dan jum'at", "'kutip'", "3.000 orang",
        "258.229 nama", "19.02 wib", "1.2.3", "12.3456", "rp3.000.000", "3.000.", "no.2", "2.",
        "dinas. selanjutnya", "akhir.", "ok.lanjut", "https://kpu.go.id/a?b=1.", "http://x.co",
        "www.kpu.go.id.", "lihat kpu.go.id, ya", "mail@kpu.go.id", "a.b@c.com", "x@y", "foo@", "@",
        "@@", "@nies @aniesbaswedan @_x", "#", "##", "#Pilpres2024 #AMIN #PrabowoGibran", "#2",
        "#ganjar_mahfud", "$", "$abc", "a$b", "ab$", "100$", "cek:", "jam 10:30", "a:b",
        "apa?? iya!! \"\"kata\"\"", "?!?!", "\"", "!", "?", "ok?!",
        "\x01 \x01"
        "x",
        "a\x01"
        "b",
        "\x02\x02", "tab\there\nnewline\r\n", "spasi    banyak", "   ", "", "a", "ab", "A", "AB",
        "HiDuP JoKoWi", "GANJAR PRANOWO 03", "gak usah pilih 02 ya", "yg penting udh", "memilihhhh",
        "pr4b0w0 g4nj4r", "4nies", "4 n i e s", "1 2 3 4", "1 a 2 b 3 c", "a_b_c", "_abc_", "abc_",
        "x.y.z.com", "a..b", "...", "a-.b", "a.-b", "a'-b", "a-'b",
        "panjaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaang sekali",
        "kata1234567890123456 panjang16bytes katakatakatakata katakatakatakatak",
        "Pilih 👍 nomor 2️⃣ ✌️ ya 🇮🇩", "𝐏𝐫𝐚𝐛𝐨𝐰𝐨 dan Ｇａｎｊａｒ",
        "Ani\xe2\x80\x8b"
        "es",
        "caf\xc3\xa9 na\xc3\xafve", "bad \xff\xfe utf8 \xc3", "half \xe2\x80", "İstanbul ǅ",
        /* words before ':' and '.' that the fast path ends itself, and those it must not */
        "RT USER: kata", "RT USER:", "user:pass", "http: x", "https: x", "http://kpu.go.id",
        "https:kpu.go.id", "HTTP://KPU.GO.ID/a", "lalu... ya", "lalu...", "lalu...ya", "lalu...2",
        "lalu.,", "lalu.) ok", "kata.\" x", "kata.?!", "kata...@gmail.com", "kata.@gmail.com",
        "kata._x@y.com", "kata.+x@y.co", "kata.-x@y.id", "kata..-x", "a..b@x.com", "www..(x",
        "www.(x", "www...", "www.:", "www:x", "wwww.(x", "3...000", "3.000...", "x.:y",
        "kpu...go.id", "kpu.go.id...", "kata.\x01", "kata.\xc3\xa9", "kata...\xf0\x9f\x98\x84",
        "ke-2: ya", "o'neil: ya", "a.b.c: ya"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        compare_forms(f, texts[i], strlen(texts[i]));
    /* NUL bytes inside */
    static const char nul[] = "ab\0cd \0 x\0y z\0";
    compare(f, nul, sizeof nul - 1);
    compare(f, nul, sizeof nul);
}

/* Random strings over the bytes the cut tells apart, most of them ASCII. */
static void test_random(void **state)
{
    fixture *f = *state;
    static const char alphabet[] = "aaabbkkmnoe00129ABZ   ..--''@@$$::##?!?!\"\"__/,;()\x01\x02\t";
    char buf[600];
    uint64_t seed = 42;
    for (int round = 0; round < 30000; round++) {
        size_t len = (size_t)(nt_splitmix64(&seed) % (round < 20000 ? 24 : 500));
        for (size_t i = 0; i < len; i++) {
            uint64_t r = nt_splitmix64(&seed);
            if (r % 97 == 0)
                buf[i] = (char)(r >> 8); /* any byte, now and then */
            else
                buf[i] = alphabet[(r >> 8) % (sizeof alphabet - 1)];
        }
        compare(f, buf, len);
    }
}

/* Words and gaps at every position around the edges of the 16-byte loads (word_end, the
 * memo keys, the case bytes): texts of 1 to 200 bytes made of a
 * repeated pattern shifted by every offset, so that word starts, word ends, single
 * letters, punctuation and bytes >= 0x80 fall on bytes 15/16/17, 31/32/33, 63/64/65,
 * 127/128/129 and the last byte of the text. */
static void test_edges(void **state)
{
    fixture *f = *state;
    static const char *const patterns[] = {"abcdefghijklmnopqrstuvwxyz0123456789 ",
                                           "ab cd ef gh ij kl mn op ",
                                           "kata, kata! \"kutip\" x y z ",
                                           "caf\xc3\xa9 na\xc3\xafve \xc3\xa9t\xc3\xa9 ",
                                           "PRABOWO gibran ANIES muhaimin ",
                                           "a m i n  h.u.j.a.n ",
                                           "kpu.go.id ke-2 kata-kata 3.000 ",
                                           "\xf0\x9d\x90\x8f\xf0\x9d\x90\xab\xf0\x9d\x90\x9a bowo ",
                                           "@nies #Ganti2024 ?! ",
                                           "\xe2\x9c\x8c\xef\xb8\x8f dua jari ",
                                           "x",
                                           "\xff"};
    char buf[256];
    for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
        size_t pl = strlen(patterns[k]);
        for (size_t shift = 0; shift < pl; shift++) {
            for (size_t i = 0; i < sizeof buf; i++)
                buf[i] = patterns[k][(i + shift) % pl];
            for (size_t len = 1; len <= 200; len++)
                compare(f, buf, len);
        }
    }
    /* one long word ending at, or one byte after, each edge; a word after many spaces */
    static const size_t lens[] = {15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        for (size_t lead = 0; lead < 3; lead++) {
            memset(buf, ' ', sizeof buf);
            for (size_t j = lead; j < lens[i]; j++)
                buf[j] = (char)('a' + j % 26);
            compare(f, buf, lens[i]);
            compare(f, buf, lens[i] + 1);
            compare(f, buf, lens[i] + 2);
            buf[lens[i] - 1] = (char)0xc3; /* a cut character on the edge */
            compare(f, buf, lens[i]);
            memset(buf, ' ', lens[i]);
            memcpy(buf + lens[i] - 2, "ok", 2);
            compare(f, buf, lens[i]);
        }
    }
}

/* nt_stem_keeps(): every word it says the Snowball Indonesian stemmer leaves alone (two
 * vowels or fewer) is left alone by libstemmer itself. Words built from roots of one and
 * two syllables with every prefix, suffix, particle and possessive the stemmer removes,
 * and every word of the 13k real tweets when ../shared/data is present. */
static long stem_checked, stem_kept;

static void check_stem(struct sb_stemmer *st, const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return;
    if (len < 4 || len > NT_WORD_MAX)
        return;
    stem_checked++;
    if (!nt_stem_keeps(w, len))
        return;
    stem_kept++;
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)w, (int)len);
    int rl = sb_stemmer_length(st);
    if (r == NULL || (size_t)rl != len || memcmp(r, w, len) != 0) {
        printf("the stemmer changes '%.*s' to '%.*s'\n", (int)len, w, rl, r ? (const char *)r : "");
        fail();
    }
}

static void test_stem_keeps(void **state)
{
    (void)state;
    struct sb_stemmer *st = sb_stemmer_new("indonesian", NULL);
    assert_non_null(st);
    static const char *const pre[] = {"",     "di", "ke",  "me",  "mem",    "men",  "meng",
                                      "meny", "pe", "pem", "pen", "peng",   "peny", "per",
                                      "ber",  "be", "ter", "se",  "memper", "diper"};
    static const char *const suf[] = {"",    "i",   "an",  "kan", "ku",     "mu",
                                      "nya", "kah", "lah", "pun", "kannya", "lah"};
    static const char *const syl[] = {"ba", "ka", "ta", "pi", "lu", "ro", "se", "nga",
                                      "ny", "b",  "k",  "ng", "r",  "s",  "t",  "an",
                                      "ar", "u",  "i",  "ya", "wi", "ju", "dh", "st"};
    size_t ns = sizeof syl / sizeof syl[0];
    char w[128];
    for (size_t a = 0; a < sizeof pre / sizeof pre[0]; a++)
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++)
                for (size_t k = 0; k < ns; k += 3)
                    for (size_t b = 0; b < sizeof suf / sizeof suf[0]; b++) {
                        int n = snprintf(w, sizeof w, "%s%s%s%s%s", pre[a], syl[i], syl[j], syl[k],
                                         suf[b]);
                        check_stem(st, w, (size_t)n);
                    }
    const char *dir = getenv("NETRA_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/id-twitter-13k.csv", dir ? dir : "../shared/data");
    char *data;
    size_t len;
    if (nt_file_read(&data, &len, path, 64u << 20) == NETRA_OK) {
        for (size_t i = 0; i < len;) {
            size_t j = i;
            while (j < len &&
                   ((data[j] >= 'a' && data[j] <= 'z') || (data[j] >= 'A' && data[j] <= 'Z')))
                j++;
            if (j > i && j - i < sizeof w) {
                for (size_t k = i; k < j; k++)
                    w[k - i] = (char)(data[k] | 0x20);
                check_stem(st, w, j - i);
            }
            i = j + 1;
        }
        nt_free(data);
    }
    sb_stemmer_delete(st);
    printf("stemmer: %ld words checked, %ld of them kept without the stemmer, each unchanged by "
           "it\n",
           stem_checked, stem_kept);
    assert_true(stem_kept > 10000);
}

/* A text of 256 KiB (the limit) and one byte more: many batches of words cut ahead. */
static void test_long(void **state)
{
    fixture *f = *state;
    static const char *const parts[] = {"Pilih nomor 2 ya kawan ",
                                        "a m i n ",
                                        "kpu.go.id ",
                                        "#PrabowoGibran ",
                                        "@nies ",
                                        "3.000 ",
                                        "kata-kata ",
                                        "ke-2 ",
                                        "dinas. ",
                                        "apa?! ",
                                        "gibran-rakabuming ",
                                        "HIDUP ",
                                        "x ",
                                        "memilihhhh ",
                                        "o'neil ",
                                        "\"kutip\" "};
    size_t cap = NETRA_TEXT_MAX_BYTES + 1;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t n = 0;
    uint64_t seed = 7;
    while (n < cap) {
        const char *p = parts[nt_splitmix64(&seed) % (sizeof parts / sizeof parts[0])];
        size_t l = strlen(p);
        if (l > cap - n)
            l = cap - n;
        memcpy(buf + n, p, l);
        n += l;
    }
    compare(f, buf, NETRA_TEXT_MAX_BYTES);
    compare(f, buf, NETRA_TEXT_MAX_BYTES - 1);
    compare(f, buf, 5000);
    netra_text t;
    assert_int_equal(netra_normalize(&t, f->fast, buf, cap, f->arena), NETRA_ETOOBIG);
    free(buf);
}

/* The SIMD end of a word (word_end) against the class table: every byte value at every
 * position of a 16-byte load, after runs of word bytes of every length up to 40. */
static void test_word_end(void **state)
{
    (void)state;
    char buf[128];
    long checked = 0;
    for (int c = 0; c < 256; c++) {
        for (size_t run = 0; run <= 40; run++) {
            memset(buf, 'a', sizeof buf);
            for (size_t i = 0; i < run; i++)
                buf[i] = "az09\x80\xff"[i % 6];
            buf[run] = (char)c;
            buf[run + 1] = ' ';
            size_t want = run;
            while (nt_text_word_byte((unsigned char)buf[want]))
                want++;
            assert_int_equal(nt_text_word_end(buf, 0), want);
            checked++;
        }
    }
    printf("word_end: %ld cases\n", checked);
}

/* Normalisers that start empty: the first text meets a memo without slots, and texts of
 * thousands of new words make the memo move to bigger slots in the middle of a text, while
 * the fast path holds the next word's slot (found before the current word is analysed)
 * and after general cuts (hashtags, hyphens, single letters, URLs) that add words too. */
static void test_fresh(void **state)
{
    fixture *f = *state;
    static char buf[200000];
    for (int round = 0; round < 6; round++) {
        netra_normalizer *fast, *general;
        assert_int_equal(netra_normalizer_new(&fast, f->lex), NETRA_OK);
        assert_int_equal(netra_normalizer_new(&general, f->lex), NETRA_OK);
        nt_text_force_general(general, 1);
        size_t n = 0;
        uint64_t seed = 1000 + (uint64_t)round;
        int words = round == 0 ? 1 : round * 1500;
        for (int i = 0; i < words && n + 64 < sizeof buf; i++) {
            uint64_t r = nt_splitmix64(&seed);
            char w[24];
            size_t wl = 2 + r % 9;
            for (size_t k = 0; k < wl; k++)
                w[k] = (char)('a' + (nt_splitmix64(&seed) % 26));
            if (r % 5 == 0)
                w[0] = (char)(w[0] - 32); /* a capital */
            switch ((r >> 8) % 11) {
            case 0:
                n += (size_t)snprintf(buf + n, 64, "#%.*s%d ", (int)wl, w, i);
                break;
            case 1:
                n += (size_t)snprintf(buf + n, 64, "%.*s-%.*s ", (int)wl, w, (int)wl, w);
                break;
            case 2:
                n += (size_t)snprintf(buf + n, 64, "%c %.*s ", w[0] | 0x20, (int)wl, w);
                break;
            case 3:
                n += (size_t)snprintf(buf + n, 64, "%.*s.go.id ", (int)wl, w);
                break;
            case 4:
                n += (size_t)snprintf(buf + n, 64, "%.*s?! ", (int)wl, w);
                break;
            default:
                n +=
                    (size_t)snprintf(buf + n, 64, "%.*s%s", (int)wl, w, (r >> 16) % 3 ? " " : ", ");
            }
        }
        netra_text a, b;
        netra_arena_reset(f->arena);
        assert_int_equal(netra_normalize(&a, fast, buf, n, f->arena), NETRA_OK);
        assert_int_equal(netra_normalize(&b, general, buf, n, f->arena), NETRA_OK);
        assert_int_equal(a.n_tokens, b.n_tokens);
        assert_int_equal(a.transforms, b.transforms);
        for (size_t i = 0; i < a.n_tokens; i++) {
            const netra_token *x = &a.tokens[i], *y = &b.tokens[i];
            assert_true(x->kind == y->kind && x->flags == y->flags &&
                        x->transforms == y->transforms && x->start == y->start &&
                        x->end == y->end && x->len == y->len && x->stem_len == y->stem_len &&
                        x->parent == y->parent && x->hash == y->hash && x->value == y->value &&
                        strcmp(x->text, y->text) == 0 && strcmp(x->stem, y->stem) == 0);
        }
        f->compared++;
        f->tokens += (long)a.n_tokens;
        netra_normalizer_free(fast);
        netra_normalizer_free(general);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),     cmocka_unit_test(test_tricky),
        cmocka_unit_test(test_random),     cmocka_unit_test(test_edges),
        cmocka_unit_test(test_stem_keeps), cmocka_unit_test(test_long),
        cmocka_unit_test(test_fresh),      cmocka_unit_test(test_word_end),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
