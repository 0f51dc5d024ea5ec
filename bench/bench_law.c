/*
 * bench_law.c - speed of the law and calendar code, each figure a ratio against a
 * baseline measured in the same process (machines are shared and noisy; absolute numbers
 * are printed for information only).
 *
 *   1. loading data/law/ (parse + validate) vs reading the same bytes from disk
 *   2. a 7-hari-kerja deadline with the calendar's binary search vs a linear scan of the
 *      holiday list (the obvious implementation)
 *   3. netra_law_classify() vs netra_law_form() (a lookup by id), per call
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netra/netra.h"
#include "util/util_int.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs fn `iters` times, best of 5 rounds, seconds per call. */
static double measure(void (*fn)(void *), void *p, long iters)
{
    double best = 1e30;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++)
            fn(p);
        double t = (now() - t0) / (double)iters;
        if (t < best)
            best = t;
    }
    return best;
}

static volatile long sink;

static void read_law_bytes(void *p)
{
    (void)p;
    static const char *const files[] = {"levels", "categories", "acts",      "forms",
                                        "rules",  "sanctions",  "elections", "designations",
                                        "stages", "agencies"};
    char path[4096];
    for (size_t i = 0; i < 10; i++) {
        snprintf(path, sizeof path, "%s/law/%s.tsv", netra_data_dir(), files[i]);
        char *d;
        size_t len;
        if (nt_file_read(&d, &len, path, 1 << 24) == 0) {
            sink += (long)len;
            nt_free(d);
        }
    }
}

static void load_law(void *p)
{
    (void)p;
    netra_law *law;
    if (netra_law_load(&law, NULL, NULL) == 0) {
        sink += (long)netra_law_n_forms(law);
        netra_law_free(law);
    }
}

typedef struct cal_ctx {
    netra_calendar *cal;
    const netra_holiday *rows; /* all holidays of the covered years, in order */
    size_t n;
    netra_date start;
} cal_ctx;

static void deadline_calendar(void *p)
{
    cal_ctx *c = p;
    netra_date out;
    for (int k = 0; k < 100; k++) {
        netra_calendar_add_working_days(&out, c->cal, c->start + k * 3, 7);
        sink += out;
    }
}

/* Baseline: the same walk, finding holidays by scanning the list. */
static int linear_is_working(const cal_ctx *c, netra_date d)
{
    netra_weekday w = netra_date_weekday(d);
    if (w == NETRA_SATURDAY || w == NETRA_SUNDAY)
        return 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].date == d)
            return 0;
    return 1;
}

static void deadline_linear(void *p)
{
    cal_ctx *c = p;
    for (int k = 0; k < 100; k++) {
        netra_date d = c->start + k * 3;
        int left = 7;
        while (left > 0) {
            d++;
            left -= linear_is_working(c, d);
        }
        sink += d;
    }
}

typedef struct law_ctx {
    netra_law *law;
    netra_classify_input in;
} law_ctx;

static void classify(void *p)
{
    law_ctx *c = p;
    netra_classification out;
    netra_law_classify(&out, c->law, &c->in);
    sink += (long)out.n_steps;
}

static void form_lookup(void *p)
{
    law_ctx *c = p;
    sink += (long)(netra_law_form(c->law, "D-6") != NULL);
}

int main(void)
{
    double base, t;
    printf("netra bench_law (best of 5 rounds; ratios against the baseline beside them)\n");

    base = measure(read_law_bytes, NULL, 200);
    t = measure(load_law, NULL, 200);
    printf("law load: %.1f us; reading the same files: %.1f us; ratio %.2f\n", t * 1e6, base * 1e6,
           t / base);

    cal_ctx cc;
    if (netra_calendar_load(&cc.cal, NULL) != 0) {
        fprintf(stderr, "calendar: %s\n", netra_error_last()->msg);
        return 1;
    }
    /* Gather the holidays of 2022..2026 for the linear baseline. */
    static netra_holiday all[512];
    cc.n = 0;
    for (int y = 2022; y <= 2026; y++) {
        const netra_holiday *rows;
        size_t n;
        if (netra_calendar_holidays(&rows, &n, cc.cal, y) == 0)
            for (size_t i = 0; i < n && cc.n < 512; i++)
                all[cc.n++] = rows[i];
    }
    cc.rows = all;
    netra_date_from_ymd(&cc.start, 2024, 1, 2);
    base = measure(deadline_linear, &cc, 2000);
    t = measure(deadline_calendar, &cc, 2000);
    printf("7-hari-kerja deadline x100: %.1f us; linear-scan baseline (%zu holidays): %.1f us; "
           "ratio %.2f\n",
           t * 1e6, cc.n, base * 1e6, t / base);
    netra_calendar_free(cc.cal);

    law_ctx lc;
    if (netra_law_load(&lc.law, NULL, NULL) != 0) {
        fprintf(stderr, "law: %s\n", netra_error_last()->msg);
        return 1;
    }
    netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
    in.act = "like";
    in.election = "pilkada-2024";
    netra_date_from_ymd(&in.date, 2024, 10, 1);
    lc.in = in;
    base = measure(form_lookup, &lc, 200000);
    t = measure(classify, &lc, 200000);
    printf("classify: %.2f us/call (%.0f calls/s); form lookup baseline: %.3f us; ratio %.1f\n",
           t * 1e6, 1.0 / t, base * 1e6, t / base);
    netra_law_free(lc.law);
    return 0;
}
