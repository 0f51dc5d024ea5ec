/*
 * bench_store.c - the case store on SQLite and on PostgreSQL, the same operations through
 * the same public API, figures as a ratio PostgreSQL / SQLite measured in the same run
 * (machines are shared and noisy; absolute numbers are for information only).
 *
 *   1. writing: N cases (default 1,000; NETRA_BENCH_CASES), each opened by terima_laporan
 *      with an encrypted reporter, its accused ASN, one act (classified by the law tables)
 *      and one action (registrasi): 4 write transactions and 4 audit entries per case
 *   2. reading: a filtered list page (region prefix and state, 50 rows), and a case with
 *      its clocks and timeline, median and p99 over 500 requests each
 *
 * SQLite runs in WAL mode with synchronous=NORMAL (the store's setting: a commit survives a
 * crash of the process, not necessarily a power cut). PostgreSQL is measured twice: with
 * synchronous_commit=on (every commit flushed to its WAL) and off (comparable to SQLite's
 * NORMAL). The PostgreSQL location is NETRA_BENCH_PG (bench/run.sh starts a throw-away
 * cluster with fsync on and sets it); without it only SQLite is measured.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netra/netra.h"
#include "util/util_int.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static netra_workflow *wf;
static netra_calendar *cal;
static netra_law *law;
static netra_key key;

static void die(const char *what)
{
    fprintf(stderr, "bench_store: %s: %s\n", what, netra_error_last()->msg);
    exit(1);
}

typedef struct figures {
    double write_s;     /* seconds for all cases */
    double list_p50_ms; /* list page */
    double list_p99_ms;
    double show_p50_ms; /* case + clocks + timeline */
    double show_p99_ms;
} figures;

static int count_cb(const netra_case *c, void *p)
{
    (void)c;
    (*(size_t *)p)++;
    return 0;
}

static int clock_cb(const netra_case_clock *c, void *p)
{
    (void)c;
    (*(size_t *)p)++;
    return 0;
}

static int event_cb(const netra_case_event *e, void *p)
{
    (void)e;
    (*(size_t *)p)++;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *const regions[] = {"32.73", "32.04", "35.78", "31.71", "33.74", "12.71"};

static void run(figures *f, const char *location, long n)
{
    netra_store_config cfg = {wf, cal, &key, law};
    netra_store *st;
    if (netra_store_open(&st, location, &cfg) != NETRA_OK)
        die(location);
    netra_date day;
    netra_date_parse(&day, "2024-11-12", 10);
    double t0 = now();
    for (long i = 0; i < n; i++) {
        const char *region = regions[i % 6];
        char title[64], nip[24];
        snprintf(title, sizeof title, "Bench perkara %ld", i);
        netra_case_field fields[] = {{"pelapor", "Pelapor Bench, Jl. Contoh 1"},
                                     {"kontak_pelapor", "+62-812-0000-0000"},
                                     {"kelayakan", "pemilih"},
                                     {"terlapor", "ASN Bench"},
                                     {"waktu_kejadian", "2024-11-10"},
                                     {"tempat_kejadian", "Kecamatan"},
                                     {"uraian", "Mengajak memilih paslon di acara dinas"},
                                     {"tanggal_diketahui", "2024-11-11"},
                                     {NULL, NULL}};
        netra_case_new c = {"terima_laporan", "pilkada", "pilkada-2024", region, title, 0};
        netra_actor a = {"bench", "panwas_kecamatan", day};
        int64_t id;
        if (netra_store_case_new(&id, st, &c, fields, &a) != NETRA_OK)
            die("case new");
        /* NIP: born 1980-01-01, appointed 2005-01, male, serial (ident.h checks it) */
        snprintf(nip, sizeof nip, "198001012005011%03ld", 1 + i % 999);
        netra_asn asn = {nip, "ASN Bench", "", "Pemda", "pelaksana", region, "PPK", ""};
        if (netra_store_case_add_asn(NULL, st, id, &asn, &a) != NETRA_OK)
            die("add asn");
        netra_case_act act = {
            "like", day - 2,        region, "facebook", "https://facebook.com/p/1",
            "",     "pilkada-2024", NULL,   NULL};
        if (netra_store_case_add_act(NULL, st, id, &act, &a) != NETRA_OK)
            die("add act");
        netra_case_field reg[] = {{"nomor_registrasi", "1"}, {NULL, NULL}};
        if (i % 2 == 0 && netra_store_case_act(st, id, 1, "registrasi", reg, &a) != NETRA_OK)
            die("act");
    }
    f->write_s = now() - t0;

    enum { READS = 500 };
    static double lat[READS];
    for (int i = 0; i < READS; i++) {
        netra_case_filter flt = {
            .region = regions[i % 6] + 0, .state = "diregistrasi", .limit = 50};
        size_t k = 0;
        double t = now();
        if (netra_store_case_list(st, &flt, count_cb, &k) != NETRA_OK)
            die("list");
        lat[i] = (now() - t) * 1e3;
    }
    qsort(lat, READS, sizeof *lat, cmp_double);
    f->list_p50_ms = lat[READS / 2];
    f->list_p99_ms = lat[READS * 99 / 100];
    for (int i = 0; i < READS; i++) {
        int64_t id = 1 + (int64_t)((i * 7919L) % n);
        netra_case c;
        size_t k = 0;
        double t = now();
        if (netra_store_case_get(&c, st, id) != NETRA_OK ||
            netra_store_case_clocks(st, id, clock_cb, &k) != NETRA_OK ||
            netra_store_case_timeline(st, id, event_cb, &k) != NETRA_OK)
            die("show");
        lat[i] = (now() - t) * 1e3;
    }
    qsort(lat, READS, sizeof *lat, cmp_double);
    f->show_p50_ms = lat[READS / 2];
    f->show_p99_ms = lat[READS * 99 / 100];
    int64_t entries, bad;
    if (netra_store_audit_verify(&entries, &bad, st) != NETRA_OK)
        die("audit verify");
    netra_store_close(st);
}

static void print(const char *name, const figures *f, long n, const figures *base)
{
    printf("  %-34s %7.2f s  %7.0f cases/s  list p50 %6.2f p99 %6.2f ms  case p50 %6.2f p99 "
           "%6.2f ms",
           name, f->write_s, (double)n / f->write_s, f->list_p50_ms, f->list_p99_ms, f->show_p50_ms,
           f->show_p99_ms);
    if (base != NULL)
        printf("\n  %-34s write x%.2f, list p50 x%.2f, case p50 x%.2f (PostgreSQL / SQLite)", "",
               f->write_s / base->write_s, f->list_p50_ms / base->list_p50_ms,
               f->show_p50_ms / base->show_p50_ms);
    printf("\n");
}

/* The location of one PostgreSQL run: its own schema (made by bench/run.sh) and options. */
static void pg_location(char *out, size_t size, const char *url, const char *schema,
                        const char *extra)
{
    snprintf(out, size, "%s%soptions=-csearch_path%%3D%s%s", url, strchr(url, '?') ? "&" : "?",
             schema, extra);
}

int main(void)
{
    long n = 1000;
    const char *env = getenv("NETRA_BENCH_CASES");
    if (env != NULL && nt_parse_long(&n, env, strlen(env), 1, 10000000) < 0)
        die("NETRA_BENCH_CASES");
    if (netra_workflow_load(&wf, NULL) != NETRA_OK || netra_calendar_load(&cal, NULL) != NETRA_OK ||
        netra_law_load(&law, NULL, NULL) != NETRA_OK)
        die("loading data");
    for (int i = 0; i < 32; i++)
        key.bytes[i] = (unsigned char)(i * 13 + 5);
    printf("bench_store: %ld cases with accused, act and action, then 500 list pages and 500 "
           "case pages\n",
           n);
    char path[64];
    snprintf(path, sizeof path, "/tmp/netra-bench-%ld.db", (long)getpid());
    figures lite;
    run(&lite, path, n);
    char side[96];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    print("SQLite (WAL, synchronous=NORMAL)", &lite, n, NULL);

    const char *pg = getenv("NETRA_BENCH_PG");
    if (pg == NULL || *pg == '\0') {
        printf("  PostgreSQL: not measured (NETRA_BENCH_PG unset; bench/run.sh sets it)\n");
        goto out;
    }
    char loc[768];
    figures on, off;
    pg_location(loc, sizeof loc, pg, "bench_on", "");
    run(&on, loc, n);
    print("PostgreSQL (synchronous_commit=on)", &on, n, &lite);
    pg_location(loc, sizeof loc, pg, "bench_off", "%20-csynchronous_commit%3Doff");
    run(&off, loc, n);
    print("PostgreSQL (synchronous_commit=off)", &off, n, &lite);
out:
    netra_workflow_free(wf);
    netra_calendar_free(cal);
    netra_law_free(law);
    return 0;
}
