/*
 * bench_text.c - speed of the text normaliser against a baseline in the same process.
 *
 * A seeded generator writes ~200-byte posts like those of Indonesian social media: mostly
 * ASCII words (common, campaign and slang vocabulary), with some emoji, hand signs,
 * mathematical-bold names, hashtags, mentions, URLs and numbers. The baseline only calls
 * utf8proc's NFKC casefold on each post (what a plain "normalise" step costs); the
 * normaliser does everything of docs/internals/text.md and returns tokens.
 *
 * Figures: posts/s and MB/s per core for each, and their ratio. Best of 3 rounds after a
 * warm-up round (the memo is warm in steady state; the cold first pass is printed too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "netra/netra.h"
#include "netra/text.h"

#define N_POSTS 200000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t rng = 20240214u;
static uint32_t next(void)
{
    rng = rng * 1664525u + 1013904223u;
    return rng >> 8;
}

static const char *const words[] = {
    "yang",     "dan",      "di",      "ini",      "itu",       "dengan",    "untuk",     "tidak",
    "ada",      "saya",     "kita",    "akan",     "sudah",     "juga",      "dari",      "pada",
    "bisa",     "lagi",     "kalau",   "karena",   "mau",       "semua",     "orang",     "rakyat",
    "presiden", "pilih",    "coblos",  "dukung",   "menang",    "kampanye",  "calon",     "paslon",
    "pemilu",   "pilkada",  "bawaslu", "asn",      "netral",    "relawan",   "partai",    "suara",
    "yg",       "gak",      "udah",    "bgt",      "aja",       "gw",        "dgn",       "utk",
    "nih",      "sih",      "dong",    "banget",   "mantap",    "jangan",    "lupa",      "tanggal",
    "prabowo",  "gibran",   "anies",   "muhaimin", "ganjar",    "mahfud",    "jokowi",    "amin",
    "salam",    "dua",      "jari",    "satu",     "putaran",   "lanjutkan", "perubahan", "ayo",
    "bapak",    "ibu",      "guru",    "dinas",    "kecamatan", "kabupaten", "desa",      "warga",
    "menanggg", "bangettt", "pr4b0w0", "g4nj4r",   "kata2",     "ke-2",      "02",        "2024",
};

/* One post in five carries non-ASCII (emoji, styled letters); the rest is plain ASCII.
 * NETRA_BENCH_ASCII=1 makes every post plain ASCII (to see the fast path alone). */
static int ascii_only;
static size_t gen_post(char *p)
{
    size_t n = 0;
    int fancy = (next() % 5 == 0 || getenv("NETRA_BENCH_FANCY") != NULL) && !ascii_only;
    while (n < 190) {
        uint32_t r = next() % 100;
        if (!fancy && r >= 82 && r < 88)
            r = next() % 82;
        const char *w;
        char tmp[64];
        if (r < 82) {
            w = words[next() % (sizeof words / sizeof *words)];
        } else if (r < 86) {
            w = (const char *[]){"\xe2\x9c\x8c\xef\xb8\x8f", "\xf0\x9f\x94\xa5", "\xf0\x9f\x98\x82",
                                 "\xe2\x98\x9d\xef\xb8\x8f",
                                 "\xf0\x9f\x87\xae\xf0\x9f\x87\xa9"}[next() % 5];
        } else if (r < 88) {
            w = "\xf0\x9d\x90\x8f\xf0\x9d\x90\xab\xf0\x9d\x90\x9a\xf0\x9d\x90\x9b\xf0\x9d\x90\xa8"
                "\xf0\x9d\x90\xb0\xf0\x9d\x90\xa8"; /* math bold Prabowo */
        } else if (r < 92) {
            w = (const char *[]){"#PrabowoGibran2024", "#AMIN", "#GanjarMahfud",
                                 "#2024GantiPresiden"}[next() % 4];
        } else if (r < 94) {
            w = "@bawaslu_ri";
        } else if (r < 95) {
            w = "https://t.co/AbC123x";
        } else if (r < 98) {
            int k = snprintf(tmp, sizeof tmp, "%u", next() % 3000);
            w = k > 0 ? tmp : "0";
        } else {
            w = r & 1 ? "!!!" : "??";
        }
        size_t l = strlen(w);
        if (n + l + 1 > 220)
            break;
        if (n)
            p[n++] = ' ';
        memcpy(p + n, w, l);
        n += l;
        if (next() % 12 == 0)
            p[n++] = next() % 2 ? ',' : '.';
    }
    return n;
}

int main(void)
{
    ascii_only = getenv("NETRA_BENCH_ASCII") != NULL;
    char **posts = malloc(N_POSTS * sizeof *posts);
    size_t *lens = malloc(N_POSTS * sizeof *lens);
    size_t bytes = 0, non_ascii = 0;
    for (size_t i = 0; i < N_POSTS; i++) {
        char buf[256];
        lens[i] = gen_post(buf);
        posts[i] = malloc(lens[i] + 1);
        memcpy(posts[i], buf, lens[i]);
        posts[i][lens[i]] = '\0';
        bytes += lens[i];
        for (size_t k = 0; k < lens[i]; k++)
            if ((unsigned char)buf[k] >= 0x80) {
                non_ascii++;
                break;
            }
    }
    printf("netra bench_text: %d posts, %.1f MB, mean %.0f B/post, %.0f%% with non-ASCII\n",
           N_POSTS, (double)bytes / 1e6, (double)bytes / N_POSTS,
           100.0 * (double)non_ascii / N_POSTS);

    netra_text_lexicon *lex;
    netra_normalizer *nz;
    netra_arena *arena;
    if (netra_text_lexicon_load(&lex, NULL) != 0 || netra_normalizer_new(&nz, lex) != 0 ||
        netra_arena_new(&arena, 0, 0) != 0) {
        fprintf(stderr, "setup: %s\n", netra_error_last()->msg);
        return 1;
    }
    double best_base = 1e30, best_full = 1e30, cold = 0;
    int only_full = getenv("NETRA_BENCH_PROFILE") != NULL; /* for perf: skip the baseline */
    size_t tokens = 0, sink = 0;
    for (int round = 0; round < 4; round++) {
        double t0 = now();
        for (size_t i = 0; i < N_POSTS && !only_full; i++) {
            utf8proc_uint8_t *o = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)posts[i]);
            sink += o ? o[0] : 0;
            free(o);
        }
        double tb = now() - t0;
        t0 = now();
        tokens = 0;
        for (size_t i = 0; i < N_POSTS; i++) {
            netra_text t;
            netra_arena_reset(arena);
            if (netra_normalize(&t, nz, posts[i], lens[i], arena) != 0)
                return 1;
            tokens += t.n_tokens;
        }
        double tf = now() - t0;
        if (round == 0) {
            cold = tf;
            continue; /* warm-up: fills the memo */
        }
        if (tb < best_base)
            best_base = tb;
        if (tf < best_full)
            best_full = tf;
    }
    double pb = N_POSTS / best_base, pf = N_POSTS / best_full;
    printf("baseline utf8proc NFKC_Casefold: %9.0f posts/s  %6.1f MB/s\n", pb,
           (double)bytes / best_base / 1e6);
    printf("netra normaliser (warm memo):    %9.0f posts/s  %6.1f MB/s  (%.1f tokens/post)\n", pf,
           (double)bytes / best_full / 1e6, (double)tokens / N_POSTS);
    printf("netra normaliser (cold, 1st pass):%8.0f posts/s\n", N_POSTS / cold);
    printf("ratio normaliser/baseline: %.2fx\n", pf / pb);
    netra_arena_free(arena);
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
    for (size_t i = 0; i < N_POSTS; i++)
        free(posts[i]);
    free(posts);
    free(lens);
    return sink == 12345 ? 2 : 0;
}
