/*
 * hs_literals.c - the Hyperscan baseline of bench/bench_scan.sh: a caseless literal set of
 * every name (hs_compile_lit_multi), scanned over one text per line. Matching only: no
 * normalisation, no word boundaries, no decision. Prints compile time, database size and
 * lines per second as one line of "key=value".
 */
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../slurp.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
    (void)id;
    (void)from;
    (void)to;
    (void)flags;
    *(int *)ctx = 1;
    return 1; /* one match per line is enough */
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: hs_literals NAMES TEXTS\n");
        return 2;
    }
    size_t nl, tl;
    char *names = bench_slurp(argv[1], &nl), *texts = bench_slurp(argv[2], &tl);
    size_t n = 0;
    for (size_t i = 0; i < nl; i++)
        n += names[i] == '\n';
    const char **pats = malloc(n * sizeof *pats);
    size_t *lens = malloc(n * sizeof *lens);
    unsigned *flags = malloc(n * sizeof *flags), *ids = malloc(n * sizeof *ids);
    size_t k = 0;
    for (char *p = names; k < n && *p;) {
        char *e = strchr(p, '\n');
        if (e - p > 0) {
            pats[k] = p;
            lens[k] = (size_t)(e - p);
            flags[k] = HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH;
            ids[k] = (unsigned)k;
            k++;
        }
        p = e + 1;
    }
    hs_database_t *db;
    hs_compile_error_t *err;
    double t0 = now();
    if (hs_compile_lit_multi(pats, flags, ids, lens, (unsigned)k, HS_MODE_BLOCK, NULL, &db, &err) !=
        HS_SUCCESS) {
        fprintf(stderr, "hyperscan: %s\n", err->message);
        return 1;
    }
    double t1 = now();
    size_t dbsize = 0;
    hs_database_size(db, &dbsize);
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(db, &scratch);
    size_t lines = 0, matched = 0;
    double t2 = now();
    for (char *p = texts; *p;) {
        char *e = strchr(p, '\n');
        if (e == NULL)
            e = p + strlen(p);
        int hit = 0;
        hs_scan(db, p, (unsigned)(e - p), 0, scratch, on_match, &hit);
        lines++;
        matched += (size_t)hit;
        p = *e ? e + 1 : e;
    }
    double t3 = now();
    printf("patterns=%zu compile_s=%.2f db_mib=%.1f lines=%zu matched=%zu scan_s=%.3f "
           "lines_per_s=%.0f\n",
           k, t1 - t0, (double)dbsize / 1048576.0, lines, matched, t3 - t2,
           (double)lines / (t3 - t2));
    hs_free_scratch(scratch);
    hs_free_database(db);
    return 0;
}
