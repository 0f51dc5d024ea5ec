/*
 * bench_index.c - recomputing the vulnerability index over 1,000,000 synthetic cases for all
 * 514 kab/kota, each figure a ratio against baselines measured in the same process (machines
 * are shared and noisy; absolute numbers are printed for information only).
 *
 *   1. netra_index_compute() at the kab/kota level over every event, all 514 regions scored
 *      (target: under 1 s), against
 *        a. a bare pass that only reads every event and sums its weight (the floor), and
 *        b. the obvious implementation: for each region, rescan every event (naive).
 *   2. the same with a stage filter and at the province level, and one prevention list.
 *   3. adding the events (checking and interning), per event.
 *
 * The events are random but seeded: regions drawn among the 514 kab/kota (a quarter at a
 * kecamatan code), forms, kinds following the funnel, dates over Pilkada 2024.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index/index_int.h"
#include "netra/netra.h"

#define N_CASES 1000000u

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile double sink;

static void die(const char *what)
{
    fprintf(stderr, "bench_index: %s: %s\n", what, netra_error_last()->msg);
    exit(1);
}

/* The obvious implementation: one rescan of all events per region. */
static double naive(const netra_index *ix, const netra_region *regs, size_t n_regs)
{
    const nt_ix_event *ev = ix->events.items;
    const nt_ix_region *rt = ix->regions.items;
    double total = 0;
    for (size_t r = 0; r < n_regs; r++) {
        nt_ix_code code;
        netra_region_level lv;
        if (nt_ix_code_parse(&code, &lv, regs[r].code) < 0)
            continue;
        double sum[NT_IX_MAX_ISSUES] = {0};
        for (size_t i = 0; i < ix->events.n; i++)
            if (rt[ev[i].region].code / 100u * 100u == code)
                sum[ev[i].issue] += ev[i].weight;
        for (size_t k = 0; k < NT_IX_MAX_ISSUES; k++)
            total += sum[k];
    }
    return total;
}

static double bare(const netra_index *ix)
{
    const nt_ix_event *ev = ix->events.items;
    double total = 0;
    for (size_t i = 0; i < ix->events.n; i++)
        total += ev[i].weight + (double)ev[i].issue;
    return total;
}

static double best_compute(const netra_index *ix, const netra_index_query *q, int rounds)
{
    double best = 1e30;
    for (int r = 0; r < rounds; r++) {
        netra_index_result *res;
        double t0 = now();
        if (netra_index_compute(&res, ix, q) < 0)
            die("compute");
        double t = now() - t0;
        sink += netra_index_result_row(res, 0)->score;
        netra_index_result_free(res);
        if (t < best)
            best = t;
    }
    return best;
}

int main(void)
{
    netra_law *law;
    netra_index_config *cfg;
    netra_regions *regs;
    netra_index *ix;
    if (netra_law_load(&law, NULL, NULL) < 0)
        die("law");
    if (netra_index_config_load(&cfg, NULL, law) < 0)
        die("index tables");
    if (netra_regions_load(&regs, NULL) < 0)
        die("regions (run make build first: it fetches idn-area-data)");
    size_t n_kab, n_kec;
    const netra_region *kab = netra_regions_list(&n_kab, regs, NETRA_REGION_REGENCY);
    const netra_region *kec = netra_regions_list(&n_kec, regs, NETRA_REGION_DISTRICT);
    if (netra_index_new(&ix, cfg) < 0)
        die("index");
    static const char *const forms[] = {"KE-4", "KE-4", "KE-2", "KE-3", "KE-5", "D-6",  "D-6",
                                        "D-2",  "D-8",  "D-4",  "D-3",  "D-7",  "D-12", NULL};
    static const char *const positions[] = {"fungsional",    "pelaksana", "jpt",
                                            "administrator", "pengawas",  "camat_lurah"};
    static const char *const agencies[] = {"Dinas Pendidikan",
                                           "Dinas Kesehatan",
                                           "Sekretariat Daerah",
                                           "Kecamatan",
                                           "Kementerian Agama",
                                           "Dinas Pekerjaan Umum",
                                           "RSUD",
                                           "Satpol PP"};
    netra_date start;
    netra_date_from_ymd(&start, 2024, 1, 26);
    uint64_t seed = 20241127;
    double t0 = now();
    for (size_t i = 0; i < N_CASES; i++) {
        uint64_t r = nt_splitmix64(&seed);
        netra_index_event ev;
        memset(&ev, 0, sizeof ev);
        /* the funnel of a case: report or finding, then (less often) registered, proven,
         * sanctioned; detections a fifth of the volume */
        unsigned k = (unsigned)(r % 100);
        ev.kind = k < 35   ? NETRA_INDEX_LAPORAN
                  : k < 45 ? NETRA_INDEX_TEMUAN
                  : k < 62 ? NETRA_INDEX_REGISTRASI
                  : k < 72 ? NETRA_INDEX_TERBUKTI
                  : k < 80 ? NETRA_INDEX_SANKSI
                           : NETRA_INDEX_DETEKSI;
        r >>= 8;
        ev.region = (r & 3) == 0 ? kec[(r >> 2) % n_kec].code : kab[(r >> 2) % n_kab].code;
        r >>= 24;
        ev.election = "pilkada-2024";
        ev.date = start + (netra_date)(r % 325); /* 2024-01-26 .. 2024-12-16 */
        r >>= 10;
        ev.form = forms[r % 14]; /* index 13: no form yet */
        r >>= 4;
        ev.position = positions[r % 6];
        r >>= 3;
        ev.agency = agencies[r % 8];
        if (netra_index_add(ix, &ev) < 0)
            die("add");
    }
    double t_add = now() - t0;

    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    q.regs = regs;
    double t_compute = best_compute(ix, &q, 5);
    double t_bare = 1e30;
    for (int r = 0; r < 5; r++) {
        double s = now();
        sink += bare(ix);
        double t = now() - s;
        if (t < t_bare)
            t_bare = t;
    }
    double s = now();
    sink += naive(ix, kab, n_kab);
    double t_naive = now() - s;

    netra_index_query qs = q;
    qs.stage = "kampanye";
    double t_stage = best_compute(ix, &qs, 5);
    netra_index_query qp = q;
    qp.level = NETRA_REGION_PROVINCE;
    double t_prov = best_compute(ix, &qp, 5);
    double t_prev = 1e30;
    for (int r = 0; r < 5; r++) {
        netra_index_prevention p;
        double s2 = now();
        if (netra_index_prevention_get(&p, ix, &q, "32") < 0)
            die("prevention");
        double t = now() - s2;
        sink += p.total;
        netra_index_prevention_free(&p);
        if (t < t_prev)
            t_prev = t;
    }

    printf("bench_index: %u synthetic cases (events) over %zu kab/kota and %zu kecamatan, "
           "Pilkada 2024\n",
           N_CASES, n_kab, n_kec);
    printf("  compute, kab/kota level, all %zu regions: %8.1f ms  (target < 1000 ms: %s)\n", n_kab,
           t_compute * 1e3, t_compute < 1.0 ? "met" : "NOT met");
    printf("    vs bare read of every event:           %8.1f ms  ratio %.2fx the floor\n",
           t_bare * 1e3, t_compute / t_bare);
    printf("    vs naive per-region rescan:            %8.1f ms  ratio %.1fx faster\n",
           t_naive * 1e3, t_naive / t_compute);
    printf("  compute, stage kampanye only:            %8.1f ms\n", t_stage * 1e3);
    printf("  compute, province level:                 %8.1f ms\n", t_prov * 1e3);
    printf("  prevention list of one province (32):    %8.1f ms\n", t_prev * 1e3);
    printf("  adding events (check + intern):          %8.1f ms  (%.0f ns per event)\n",
           t_add * 1e3, t_add * 1e9 / N_CASES);
    netra_index_free(ix);
    netra_regions_free(regs);
    netra_index_config_free(cfg);
    netra_law_free(law);
    return 0;
}
