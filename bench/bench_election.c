/*
 * bench_election.c - speed of the DCT import and of loading the pileg file it writes, each
 * figure a ratio against a baseline measured in the same process (machines are shared and
 * noisy; absolute numbers are printed for information only). Needs the 2024 DCT of
 * ../shared/data (NETRA_SHARED_DATA); skipped with a message when it is absent.
 *
 *   1. netra_election_import_dct() vs reading the same TSV bytes from disk
 *   2. netra_election_parse() of the imported file vs jansson's json_loadb() + json_decref()
 *      of the same text (the floor for a loader built on jansson)
 */
#include <jansson.h>
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

typedef struct run {
    const char *path; /* the DCT */
    char *json;       /* the imported file */
    size_t len;       /* its length */
} run;

static volatile size_t sink;

static void read_bytes(run *r)
{
    char *data;
    size_t len;
    if (nt_file_read(&data, &len, r->path, NETRA_ELECTION_MAX_BYTES) == NETRA_OK) {
        sink += len;
        nt_free(data);
    }
}

static void import(run *r)
{
    netra_dct_options o = NETRA_DCT_OPTIONS_INIT;
    o.id = "pileg-2024";
    o.name_id = "Pemilu 2024";
    o.name_en = "2024 election";
    o.law_election = "pemilu-2024";
    o.office = "dpr";
    netra_date_from_ymd(&o.voting_date, 2024, 2, 14);
    netra_election_text_free(r->json);
    r->json = NULL;
    if (netra_election_import_dct(&r->json, &r->len, NULL, r->path, &o) != NETRA_OK) {
        fprintf(stderr, "bench_election: %s\n", netra_error_last()->msg);
        exit(1);
    }
}

static void jansson_only(run *r)
{
    json_error_t je;
    json_t *root = json_loadb(r->json, r->len, JSON_REJECT_DUPLICATES, &je);
    sink += root != NULL;
    json_decref(root);
}

static void load(run *r)
{
    netra_election_file *f;
    if (netra_election_parse(&f, r->json, r->len, "pileg") != NETRA_OK) {
        fprintf(stderr, "bench_election: %s\n", netra_error_last()->msg);
        exit(1);
    }
    sink += netra_election_get(f)->n_contestants;
    netra_election_free(f);
}

/* Best of `rounds`, seconds per call. */
static double measure(void (*fn)(run *), run *r, int rounds)
{
    double best = 1e30;
    for (int i = 0; i < rounds; i++) {
        double t0 = now();
        fn(r);
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

int main(void)
{
    const char *dir = getenv("NETRA_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/dct2024-candidates.tsv", dir ? dir : "../shared/data");
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        printf("bench_election: SKIPPED, %s not present (set NETRA_SHARED_DATA)\n", path);
        return 0;
    }
    fclose(probe);
    run r = {path, NULL, 0};
    double t_read = measure(read_bytes, &r, 3);
    double t_import = measure(import, &r, 3);
    double t_jansson = measure(jansson_only, &r, 3);
    double t_load = measure(load, &r, 3);
    printf("bench_election (2024 DCT, %zu bytes of JSON; best of 3)\n", r.len);
    printf("  import-dct   %7.3f s  = %5.1f x reading the TSV (%.3f s)\n", t_import,
           t_import / t_read, t_read);
    printf("  load pileg   %7.3f s  = %5.2f x jansson parse + free alone (%.3f s)\n", t_load,
           t_load / t_jansson, t_jansson);
    netra_election_text_free(r.json);
    return 0;
}
