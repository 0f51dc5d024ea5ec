/*
 * bench_cases.c - the case store at scale: N cases (default 1,000,000; NETRA_BENCH_CASES)
 * generated through the store API (netra_store_case_new with an encrypted reporter and a
 * summary, netra_store_case_add_act with a URL), committed in batches of 1,000 cases per
 * transaction (the store's import mode: each case a savepoint), then:
 *
 *   1. filtered list pages of 50 rows in case order, median and p99: by kab/kota and state,
 *      by province and overdue, by state and overdue
 *   2. one case read with its acts, clocks and timeline, median and p99
 *   3. the duplicate suggestions of one case: by the stored, indexed keys (canonical URL,
 *      SimHash bands) against the full scan of every act and summary (the method before
 *      the keys were stored), as a ratio measured in the same run
 *   4. the audit chain verification of every entry
 *
 * One case in 100 repeats an earlier case's URL in another spelling and one in 100 its
 * summary, so the suggestions have something to find. The cases are opened over 90 days
 * by three creating actions (laporan in kajian awal, informasi awal, temuan registered), so
 * the states and the overdue clocks are mixed. Figures vary on a shared machine.
 *
 * SQLite in a temporary directory by default (deleted afterwards); NETRA_BENCH_DB names
 * another location, e.g. a PostgreSQL URI with its own schema
 * (`postgresql://...?options=-csearch_path%3Dbench`), which is left for the caller to drop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netra/netra.h"
#include "store/store_int.h"
#include "util/util_int.h"

#define BATCH 1000
#define READS 200

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_cases: %s: %s\n", what, netra_error_last()->msg);
    exit(1);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int count_case(const netra_case *c, void *p)
{
    (void)c;
    (*(size_t *)p)++;
    return 0;
}
static int count_act(const netra_case_act_row *a, void *p)
{
    (void)a;
    (*(size_t *)p)++;
    return 0;
}
static int count_clock(const netra_case_clock *c, void *p)
{
    (void)c;
    (*(size_t *)p)++;
    return 0;
}
static int count_event(const netra_case_event *e, void *p)
{
    (void)e;
    (*(size_t *)p)++;
    return 0;
}
static int count_dup(const netra_case_duplicate *d, void *p)
{
    (void)d;
    (*(size_t *)p)++;
    return 0;
}

static const char *const words[] = {
    "camat",      "lurah",    "kepala",   "dinas",    "guru",  "mengajak", "memilih", "paslon",
    "nomor",      "kampanye", "facebook", "unggahan", "rapat", "desa",     "bupati",  "hadir",
    "membagikan", "menyukai", "foto",     "acara",    "warga", "sekolah",  "kantor",  "jalan",
    "pendukung",  "relawan",  "spanduk",  "video",    "grup",  "whatsapp", "tiktok",  "instagram"};

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void summary(char *out, size_t size, uint64_t seed)
{
    out[0] = '\0';
    for (int w = 0; w < 14; w++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t n = strlen(out);
        snprintf(out + n, size - n, "%s%s", n ? " " : "", words[(seed >> 33) % 32]);
    }
}

static const char *const regions[] = {"32.73", "32.04", "31.71", "33.74", "35.78",
                                      "35.15", "32.01", "36.03", "73.71", "12.71"};

int main(void)
{
    long n = 1000000;
    const char *env = getenv("NETRA_BENCH_CASES");
    if (env != NULL && nt_parse_long(&n, env, strlen(env), 100, 10000000) < 0)
        die("NETRA_BENCH_CASES");
    netra_workflow *wf;
    netra_calendar *cal;
    netra_text_lexicon *lex;
    netra_normalizer *nz;
    netra_key key;
    if (netra_workflow_load(&wf, NULL) < 0 || netra_calendar_load(&cal, NULL) < 0 ||
        netra_text_lexicon_load(&lex, NULL) < 0 || netra_normalizer_new(&nz, lex) < 0)
        die("loading data");
    for (int i = 0; i < 32; i++)
        key.bytes[i] = (unsigned char)(i * 11 + 3);
    const char *where = getenv("NETRA_BENCH_DB");
    char path[] = "/tmp/netra-bench-cases-XXXXXX";
    char db[1024];
    if (where != NULL && *where != '\0') {
        snprintf(db, sizeof db, "%s", where);
    } else {
        if (mkdtemp(path) == NULL)
            die("mkdtemp");
        snprintf(db, sizeof db, "%s/cases.db", path);
        where = NULL;
    }
    netra_store_config cfg = {wf, cal, &key, NULL};
    netra_store *st;
    if (netra_store_open(&st, db, &cfg) < 0 || netra_store_set_normalizer(st, nz) < 0)
        die("open");

    /* ---- generate ---- */
    double t0 = now();
    netra_actor a = {"bench", "panwas_kecamatan", 0};
    netra_date_parse(&a.today, "2024-11-12", 10);
    netra_date act_date, first;
    netra_date_parse(&act_date, "2024-10-01", 10);
    netra_date_parse(&first, "2024-09-01", 10);
    static const char *const hosts[] = {"https://www.facebook.com", "https://m.facebook.com",
                                        "http://facebook.com"};
    for (long i = 0; i < n; i++) {
        if (i % BATCH == 0) {
            if (nt_db_begin(st->db, NT_DB_WRITE) < 0)
                die("begin");
            st->in_txn = 1;
        }
        uint64_t r = next();
        long same = (i > 0 && r % 100 == 0) ? (long)(r >> 20) % i : i; /* 1 in 100 repeats */
        char text[256], url[128];
        summary(text, sizeof text, (uint64_t)same * 2654435761u);
        snprintf(url, sizeof url, "%s/story.php?id=%ld&fbclid=x%lu", hosts[r % 3],
                 (r >> 8) % 100 == 1 ? same : i, (unsigned long)(r % 997));
        netra_case_field f[] = {{"pelapor", "Pelapor Bench"},
                                {"kontak_pelapor", "+62-800-0000"},
                                {"kelayakan", "pemilih"},
                                {"terlapor", "ASN Bench"},
                                {"waktu_kejadian", "2024-10-01"},
                                {"tempat_kejadian", "Kecamatan"},
                                {"uraian", text},
                                {"tanggal_diketahui", "2024-08-31"},
                                {"tanggal_ditemukan", "2024-08-31"},
                                {NULL, NULL}};
        /* opened over 90 days, by three creating actions: mixed states and clocks */
        static const char *const opening[] = {"terima_laporan", "terima_laporan",
                                              "catat_informasi_awal", "tetapkan_temuan"};
        a.today = first + (netra_date)(i % 90);
        netra_case_new c = {opening[(r >> 40) % 4], "pilkada",     "pilkada-2024",
                            regions[r % 10],        "Kasus bench", 0};
        int64_t id;
        if (netra_store_case_new(&id, st, &c, f, &a) < 0)
            die("case new");
        netra_case_act act = {"like", act_date, regions[r % 10], "facebook", url, "Paslon 1", NULL,
                              NULL,   NULL};
        if (netra_store_case_add_act(NULL, st, id, &act, &a) < 0)
            die("act");
        if (i % BATCH == BATCH - 1 || i == n - 1) {
            st->in_txn = 0;
            if (nt_db_commit(st->db) < 0)
                die("commit");
        }
    }
    double write_s = now() - t0;
    /* A database that has just taken a bulk load has no visibility map or statistics until
     * autovacuum comes by: PostgreSQL's reads are measured as they are once it has. */
    if (nt_db_dialect_of(st->db) == NT_DB_PG && nt_db_exec(st->db, "VACUUM ANALYZE cases") < 0)
        die("vacuum");

    /* ---- reads ---- */
    static double lat[READS];
    static const char *const provinces[] = {"32", "35", "31", "33", "73"};
    static const char *const states[] = {"kajian_awal", "informasi_awal", "diregistrasi"};
    netra_date today;
    netra_date_parse(&today, "2024-11-20", 10);
    double list50[3], list99[3];
    size_t rows[3] = {0, 0, 0};
    for (int v = 0; v < 3; v++) {
        for (int k = 0; k < READS; k++) {
            netra_case_filter fl = {NULL, NULL, NULL, 0, today, 50};
            if (v == 0) { /* a kab/kota and a state */
                fl.region = regions[k % 10];
                fl.state = states[k % 3];
            } else if (v == 1) { /* a province, overdue */
                fl.region = provinces[k % 5];
                fl.overdue_only = 1;
            } else { /* a state, overdue, nationwide */
                fl.state = states[k % 3];
                fl.overdue_only = 1;
            }
            size_t got = 0;
            double s = now();
            if (netra_store_case_list(st, &fl, count_case, &got) < 0)
                die("list");
            lat[k] = (now() - s) * 1e3;
            rows[v] += got;
        }
        qsort(lat, READS, sizeof *lat, cmp_double);
        list50[v] = lat[READS / 2];
        list99[v] = lat[READS * 99 / 100];
    }
    for (int k = 0; k < READS; k++) {
        int64_t id = 1 + (int64_t)(next() % (uint64_t)n);
        size_t got = 0;
        netra_case c;
        double s = now();
        if (netra_store_case_get(&c, st, id) < 0 ||
            netra_store_case_acts(st, id, count_act, &got) < 0 ||
            netra_store_case_clocks(st, id, count_clock, &got) < 0 ||
            netra_store_case_timeline(st, id, count_event, &got) < 0)
            die("case");
        lat[k] = (now() - s) * 1e3;
    }
    qsort(lat, READS, sizeof *lat, cmp_double);
    double show50 = lat[READS / 2], show99 = lat[READS * 99 / 100];

    /* ---- duplicates: indexed against the full scan ---- */
    enum { DUPS = 20 };
    double idx_s = 0, scan_s = 0;
    size_t idx_n = 0, scan_n = 0;
    for (int k = 0; k < DUPS; k++) {
        int64_t id = 1 + (int64_t)(next() % (uint64_t)n);
        double s = now();
        if (netra_store_case_duplicates(st, id, nz, count_dup, &idx_n) < 0)
            die("duplicates");
        idx_s += now() - s;
        if (k < 2) { /* the scan reads every act and summary: two are enough */
            s = now();
            if (netra_store_case_duplicates_scan(st, id, nz, count_dup, &scan_n) < 0)
                die("duplicates scan");
            scan_s += now() - s;
        }
    }
    double idx_ms = idx_s / DUPS * 1e3, scan_ms = scan_s / 2 * 1e3;

    /* ---- audit chain ---- */
    int64_t entries = 0, bad = 0;
    double s = now();
    if (netra_store_audit_verify(&entries, &bad, st) < 0)
        die("audit verify");
    double audit_s = now() - s;

    printf("bench_cases: %ld cases on %s (store API, %d cases per transaction)\n", n,
           where != NULL && strncmp(where, "postgres", 8) == 0 ? "PostgreSQL" : "SQLite", BATCH);
    printf("  write: %.1f s, %.0f cases/s (case with reporter, summary SimHash, act with URL)\n",
           write_s, (double)n / write_s);
    static const char *const what[] = {"kab/kota + state", "province + overdue", "state + overdue"};
    for (int v = 0; v < 3; v++)
        printf("  list page of 50 (%-18s): p50 %.2f ms, p99 %.2f ms (%.1f rows a page)\n", what[v],
               list50[v], list99[v], (double)rows[v] / READS);
    printf("  case with acts, clocks, timeline:    p50 %.2f ms, p99 %.2f ms\n", show50, show99);
    printf("  duplicates of one case: indexed %.2f ms, full scan %.0f ms: x%.0f faster "
           "(%zu suggestions in %d lookups)\n",
           idx_ms, scan_ms, idx_ms > 0 ? scan_ms / idx_ms : 0.0, idx_n, DUPS);
    printf("  audit chain: %lld entries verified in %.1f s (%.0f entries/s)\n", (long long)entries,
           audit_s, (double)entries / audit_s);
    netra_store_close(st);
    if (where != NULL)
        goto done;
    unlink(db);
    char side[1100];
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
    rmdir(path);
done:
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
    netra_calendar_free(cal);
    netra_workflow_free(wf);
    return 0;
}
