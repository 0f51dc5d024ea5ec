/* Unit tests for src/lib/index: the vulnerability index against hand-computed small cases,
 * the zone thresholds at their edges, the CSV readers' errors, the published-IKP comparison,
 * the prevention list, the config loader's errors, and allocation-failure torture. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/index.h"
#include "failalloc.h"

typedef struct fixture {
    netra_law *law;
    netra_index_config *cfg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL || netra_law_load(&f->law, NULL, NULL) != NETRA_OK ||
        netra_index_config_load(&f->cfg, NULL, f->law) != NETRA_OK) {
        fprintf(stderr, "setup: %s\n", netra_error_last()->msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    netra_index_config_free(f->cfg);
    netra_law_free(f->law);
    free(f);
    return 0;
}

/* The small case of docs/index-methodology.md. Default weights (data/index):
 * kinds laporan 1, temuan 1, registrasi 0.5, terbukti 1, sanksi 0.5, deteksi 0.25;
 * severity none 1, moral_tertutup 1, sedang 3, berat 4; every stage and issue 1.
 * Forms: D-6 berat media_sosial, D-3 sedang pendekatan_parpol, KE-4 moral_tertutup
 * media_sosial, D-2 berat media_sosial. All in pilkada-2024; 2024-10-01 is kampanye,
 * 2024-08-01 pencalonan.
 *
 *   A 32.04     laporan    D-6   1 x 4 = 4.0   media_sosial
 *   B 32.04     terbukti   D-6   1 x 4 = 4.0   media_sosial
 *   C 32.04     laporan    D-3   1 x 3 = 3.0   pendekatan_parpol
 *   D 32.73.01  laporan    KE-4  1 x 1 = 1.0   media_sosial   (a kecamatan of Kota Bandung)
 *   E 32.73     registrasi KE-4  0.5 x 1 = 0.5 media_sosial
 *   F 35.78     deteksi    D-2   0.25 x 4 = 1.0 media_sosial
 *   G 33.01     temuan     -     1 x 1 = 1.0   lainnya        (2024-08-01, pencalonan)
 *   H 32        laporan    -     1 x 1 = 1.0   lainnya        (province only)
 */
static const char *const small_csv =
    "kind,region,date,election,form,agency,position\n"
    "laporan,32.04,2024-10-01,pilkada-2024,D-6,Dinas Pendidikan,fungsional\n"
    "terbukti,32.04,2024-10-01,pilkada-2024,D-6,Dinas Pendidikan,fungsional\n"
    "laporan,32.04,2024-10-02,pilkada-2024,D-3,Sekretariat Daerah,jpt\n"
    "laporan,32.73.01,2024-10-03,pilkada-2024,KE-4,Kecamatan Coblong,camat_lurah\n"
    "registrasi,3273,2024-10-03,pilkada-2024,KE-4,Kecamatan Coblong,camat_lurah\n"
    "deteksi,35.78,2024-10-04,pilkada-2024,D-2,,\n"
    "temuan,33.01,2024-08-01,pilkada-2024,,Dinas Kesehatan,pelaksana\n"
    "laporan,32,2024-10-05,pilkada-2024,,,\n";

static netra_index *small(fixture *f)
{
    netra_index *ix;
    size_t n;
    assert_int_equal(netra_index_new(&ix, f->cfg), NETRA_OK);
    int err = netra_index_load_csv(&n, ix, "small.csv", small_csv, strlen(small_csv), NULL, NULL);
    if (err != NETRA_OK)
        fail_msg("%s", netra_error_last()->msg);
    assert_int_equal(n, 8);
    return ix;
}

static const netra_index_row *row(const netra_index_result *r, const char *code)
{
    const netra_index_row *x = netra_index_result_find(r, code);
    if (x == NULL)
        fail_msg("no row %s", code);
    return x;
}

static void test_small_regency(void **state)
{
    fixture *f = *state;
    netra_index *ix = small(f);
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    netra_index_result *r;
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    /* values: 32.04 = 4+4+3 = 11; 32.73 = 1+0.5 = 1.5; 35.78 = 1; 33.01 = 1; H unplaced.
     * min-max over the four: min 1, max 11 -> 32.04 100, 32.73 100 x 0.5/10 = 5.00,
     * 35.78 and 33.01 0. Zones (kab/kota): 100 tinggi, 5 rendah (< 13.47). */
    assert_int_equal(netra_index_result_count(r), 4);
    assert_int_equal(netra_index_result_unplaced(r), 1);
    assert_int_equal(netra_index_result_matched(r), 8);
    const netra_index_row *a = netra_index_result_row(r, 0);
    assert_string_equal(a->code, "32.04");
    assert_float_equal(a->value, 11.0, 1e-9);
    assert_float_equal(a->score, 100.0, 1e-9);
    assert_int_equal(a->zone, NETRA_ZONE_TINGGI);
    assert_int_equal(a->n_events, 3);
    const netra_index_row *b = row(r, "32.73");
    assert_float_equal(b->value, 1.5, 1e-9);
    assert_float_equal(b->score, 5.0, 1e-9);
    assert_int_equal(b->zone, NETRA_ZONE_RENDAH);
    assert_float_equal(row(r, "35.78")->score, 0.0, 1e-9);
    assert_float_equal(row(r, "33.01")->score, 0.0, 1e-9);
    /* issue media_sosial (index 0): 32.04 8, 32.73 1.5, 35.78 1, 33.01 0 -> min 0, max 8:
     * 32.73 = 100 x 1.5/8 = 18.75, 35.78 = 12.50 */
    assert_string_equal(netra_index_issue_id(f->cfg, 0), "media_sosial");
    assert_float_equal(a->issue_value[0], 8.0, 1e-9);
    assert_float_equal(b->issue_score[0], 18.75, 1e-9);
    assert_float_equal(row(r, "35.78")->issue_score[0], 12.5, 1e-9);
    netra_index_result_free(r);
    netra_index_free(ix);
}

static void test_small_province_and_filters(void **state)
{
    fixture *f = *state;
    netra_index *ix = small(f);
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    netra_index_result *r;
    /* province: 32 = 11 + 1.5 + 1 (H) = 13.5, 35 = 1, 33 = 1 -> 100, 0, 0 */
    q.level = NETRA_REGION_PROVINCE;
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    assert_int_equal(netra_index_result_count(r), 3);
    assert_int_equal(netra_index_result_unplaced(r), 0);
    assert_float_equal(row(r, "32")->value, 13.5, 1e-9);
    assert_float_equal(row(r, "32")->score, 100.0, 1e-9);
    assert_int_equal(row(r, "32")->zone, NETRA_ZONE_TINGGI);
    assert_float_equal(row(r, "35")->score, 0.0, 1e-9);
    netra_index_result_free(r);
    /* kab/kota in the kampanye stage: G (pencalonan) drops out, so 33.01 = 0 and the min is 0:
     * 32.73 = 100 x 1.5/11 = 13.636 -> 13.64, sedang (>= 13.47); 35.78 = 9.09, rendah. */
    q.level = NETRA_REGION_REGENCY;
    q.stage = "kampanye";
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    assert_float_equal(row(r, "32.73")->score, 13.64, 1e-9);
    assert_int_equal(row(r, "32.73")->zone, NETRA_ZONE_SEDANG);
    assert_float_equal(row(r, "35.78")->score, 9.09, 1e-9);
    assert_int_equal(row(r, "33.01")->n_events, 0);
    assert_int_equal(netra_index_result_matched(r), 7);
    netra_index_result_free(r);
    /* a window of one day: 2024-10-03 has D and E only -> 32.73 = 100 */
    q.stage = NULL;
    q.has_from = q.has_to = 1;
    assert_int_equal(netra_date_parse(&q.from, "2024-10-03", 10), NETRA_OK);
    q.to = q.from;
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    assert_string_equal(netra_index_result_row(r, 0)->code, "32.73");
    assert_float_equal(netra_index_result_row(r, 0)->score, 100.0, 1e-9);
    assert_int_equal(netra_index_result_matched(r), 2);
    netra_index_result_free(r);
    /* an election with no events: nothing matches, every score 0 */
    q.has_from = q.has_to = 0;
    q.election = "pemilu-2024";
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    assert_int_equal(netra_index_result_matched(r), 0);
    assert_float_equal(netra_index_result_row(r, 0)->score, 0.0, 1e-9);
    netra_index_result_free(r);
    q.election = "pemilu-2099";
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_EINVAL);
    q.election = NULL;
    q.stage = "masa_kampanye";
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_EINVAL);
    netra_index_free(ix);
}

static void test_thresholds_at_edges(void **state)
{
    fixture *f = *state;
    const netra_index_config *c = f->cfg;
    assert_int_equal(netra_index_hundredths(49.325), 4933); /* the double is 49.32499999... */
    assert_int_equal(netra_index_hundredths(49.3249), 4932);
    assert_int_equal(netra_index_hundredths(13.465), 1347);
    assert_int_equal(netra_index_hundredths(0.005), 1);
    assert_int_equal(netra_index_hundredths(0.0049), 0);
    netra_region_level k = NETRA_REGION_REGENCY, p = NETRA_REGION_PROVINCE;
    assert_int_equal(netra_index_zone_of(c, k, 100.0), NETRA_ZONE_TINGGI);
    assert_int_equal(netra_index_zone_of(c, k, 49.33), NETRA_ZONE_TINGGI);
    assert_int_equal(netra_index_zone_of(c, k, 49.325), NETRA_ZONE_TINGGI);
    assert_int_equal(netra_index_zone_of(c, k, 49.3249), NETRA_ZONE_SEDANG);
    assert_int_equal(netra_index_zone_of(c, k, 49.32), NETRA_ZONE_SEDANG);
    assert_int_equal(netra_index_zone_of(c, k, 13.47), NETRA_ZONE_SEDANG);
    assert_int_equal(netra_index_zone_of(c, k, 13.465), NETRA_ZONE_SEDANG);
    assert_int_equal(netra_index_zone_of(c, k, 13.4649), NETRA_ZONE_RENDAH);
    assert_int_equal(netra_index_zone_of(c, k, 13.46), NETRA_ZONE_RENDAH);
    assert_int_equal(netra_index_zone_of(c, k, 0.0), NETRA_ZONE_RENDAH);
    assert_int_equal(netra_index_zone_of(c, p, 68.5), NETRA_ZONE_TINGGI);
    assert_int_equal(netra_index_zone_of(c, p, 68.495), NETRA_ZONE_TINGGI);
    assert_int_equal(netra_index_zone_of(c, p, 68.49), NETRA_ZONE_SEDANG);
    assert_int_equal(netra_index_zone_of(c, p, 21.7), NETRA_ZONE_SEDANG);
    assert_int_equal(netra_index_zone_of(c, p, 21.69), NETRA_ZONE_RENDAH);
    /* the published IKP 2024 province scores land in their published categories */
    assert_int_equal(netra_index_zone_of(c, p, 77.04), NETRA_ZONE_TINGGI); /* Jawa Barat */
    assert_int_equal(netra_index_zone_of(c, p, 66.53), NETRA_ZONE_SEDANG); /* Banten */
    assert_int_equal(netra_index_zone_of(c, p, 20.36), NETRA_ZONE_RENDAH); /* Kaltara */
    assert_string_equal(netra_index_zone_colour(c, NETRA_ZONE_TINGGI), "merah");
    assert_string_equal(netra_index_zone_colour(c, NETRA_ZONE_RENDAH), "hijau");
}

static void expect_csv_error(fixture *f, const char *csv, const char *needle)
{
    netra_index *ix;
    assert_int_equal(netra_index_new(&ix, f->cfg), NETRA_OK);
    size_t n = 99;
    int err = netra_index_load_csv(&n, ix, "ev.csv", csv, strlen(csv), NULL, NULL);
    if (err != NETRA_EDATA)
        fail_msg("expected NETRA_EDATA for %s, got %d (%s)", needle, err, netra_error_last()->msg);
    nt_test_assert_msg(needle);
    assert_int_equal(netra_index_count(ix), 0); /* nothing kept from a bad file */
    netra_index_free(ix);
}

static void test_csv_errors(void **state)
{
    fixture *f = *state;
    const char *ok = "laporan,32.04,2024-10-01\n";
    char buf[512];
    snprintf(buf, sizeof buf, "kind,region,date\n%slaporn,32.04,2024-10-01\n", ok);
    expect_csv_error(f, buf, "ev.csv:3: field 'kind': unknown kind 'laporn'");
    snprintf(buf, sizeof buf, "kind,region,date\n%slaporan,32.70,2024-10-01\n", ok);
    expect_csv_error(f, buf, "ev.csv:3: field 'region'");
    snprintf(buf, sizeof buf, "kind,region,date\n%slaporan,32.04,2024-13-01\n", ok);
    expect_csv_error(f, buf, "ev.csv:3: field 'date'");
    snprintf(buf, sizeof buf, "kind,region,date,form\n%s,D-6\nlaporan,32.04,2024-10-01,D-14\n",
             "laporan,32.04,2024-10-01");
    expect_csv_error(f, buf, "ev.csv:3: field 'form': 'D-14' is not a form");
    expect_csv_error(f, "kind,region,date,stage\nlaporan,32.04,2024-10-01,kampanye\n",
                     "ev.csv:2: field 'stage': a stage needs an election");
    expect_csv_error(f, "kind,region,date,election\nlaporan,32.04,2024-10-01,pilkada-2029\n",
                     "ev.csv:2: field 'election'");
    expect_csv_error(f, "kind,region,date,category\nlaporan,32.04,2024-10-01,medsos\n",
                     "ev.csv:2: field 'category': 'medsos' is not an issue");
    expect_csv_error(f, "kind,region,date,colour\nlaporan,32.04,2024-10-01,red\n",
                     "ev.csv:1: column 'colour' is unknown");
    expect_csv_error(f, "kind,date\nlaporan,2024-10-01\n", "region");
    expect_csv_error(f, "kind,region,date\nlaporan,\"32.04,2024-10-01\n", "ev.csv:2");
}

static void test_prior_and_compare(void **state)
{
    fixture *f = *state;
    netra_index *ix = small(f);
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    netra_index_result *r;
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    const char *csv = "kode,skor\n32.04,50\n3273,\"20,0\"\n35.78,10\n33.01,5\n11.01,40\n";
    netra_index_prior_row *rows;
    size_t n;
    netra_region_level level;
    assert_int_equal(netra_index_prior_load(&rows, &n, &level, "ikp.csv", csv, strlen(csv)),
                     NETRA_OK);
    assert_int_equal(n, 5);
    assert_int_equal(level, NETRA_REGION_REGENCY);
    assert_string_equal(rows[1].code, "32.73");
    assert_float_equal(rows[1].score, 20.0, 1e-9);
    netra_index_comparison c;
    assert_int_equal(netra_index_compare(&c, f->cfg, rows, n, level, r), NETRA_OK);
    /* 11.01 has no observed row. Prior 50, 20, 10, 5 -> ranks 1, 2, 3, 4; observed 100, 5,
     * 0, 0 -> ranks 1, 2, 3.5, 3.5. Deviations from 2.5: a = -1.5 -.5 .5 1.5,
     * b = -1.5 -.5 1 1; sab = 2.25 + .25 + .5 + 1.5 = 4.5; saa = 5; sbb = 4.5;
     * rho = 4.5 / sqrt(22.5) = 0.948683. Zones: 20 sedang -> 5 rendah changed; 50 tinggi ->
     * 100 tinggi; 10 and 5 rendah -> 0 rendah. */
    assert_int_equal(c.n_rows, 4);
    assert_int_equal(c.only_prior, 1);
    assert_float_equal(c.spearman, 0.948683, 1e-6);
    assert_int_equal(c.changed, 1);
    assert_string_equal(c.rows[1].code, "32.73");
    assert_float_equal(c.rows[1].diff, -15.0, 1e-9);
    assert_int_equal(c.rows[1].prior_zone, NETRA_ZONE_SEDANG);
    assert_int_equal(c.rows[1].observed_zone, NETRA_ZONE_RENDAH);
    assert_int_equal(c.rows[2].observed_rank, 3);
    netra_index_comparison_free(&c);
    /* a province table against a kab/kota result */
    netra_index_prior_row prov = {"32", 40.0};
    assert_int_equal(netra_index_compare(&c, f->cfg, &prov, 1, NETRA_REGION_PROVINCE, r),
                     NETRA_EINVAL);
    netra_index_prior_free(rows);
    netra_index_result_free(r);
    netra_index_free(ix);
    /* errors name line and field */
    static const struct {
        const char *csv, *needle;
    } bad[] = {
        {"code,score\n32.04,50\n32.04,20\n",
         "ikp.csv:3: field 'code': region 32.04 already given on line 2"},
        {"code,score\n32.04,100.5\n", "ikp.csv:2: field 'score': '100.5' is not a score"},
        {"code,score\n32.04,-1\n", "ikp.csv:2: field 'score'"},
        {"code,skor\n32.04,50\n32,20\n", "ikp.csv:3: field 'code': '32' is a province but line 2"},
        {"kab,score\n32.04,50\n", "ikp.csv:1: the header needs a code column"},
        {"code,score\n32.x4,50\n", "ikp.csv:2: field 'code'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int err =
            netra_index_prior_load(&rows, &n, &level, "ikp.csv", bad[i].csv, strlen(bad[i].csv));
        if (err != NETRA_EDATA)
            fail_msg("case %zu: %d %s", i, err, netra_error_last()->msg);
        nt_test_assert_msg(bad[i].needle);
    }
}

static void test_prevention(void **state)
{
    fixture *f = *state;
    netra_index *ix = small(f);
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    netra_index_prevention p;
    /* province 32: A 4, B 4, C 3, D 1, E 0.5, H 1 = 13.5. Issues: media_sosial 9.5 (A B D E),
     * pendekatan_parpol 3, lainnya 1. Agencies: Dinas Pendidikan 8, Sekretariat Daerah 3,
     * Kecamatan Coblong 1.5, not recorded 1. Stages: all kampanye. */
    assert_int_equal(netra_index_prevention_get(&p, ix, &q, "32"), NETRA_OK);
    assert_string_equal(p.code, "32");
    assert_int_equal(p.n_events, 6);
    assert_float_equal(p.total, 13.5, 1e-9);
    assert_int_equal(p.n_issues, 3);
    assert_string_equal(p.issues[0].id, "media_sosial");
    assert_float_equal(p.issues[0].value, 9.5, 1e-9);
    assert_float_equal(p.issues[0].share, 9.5 / 13.5, 1e-9);
    assert_string_equal(p.issues[1].id, "pendekatan_parpol");
    assert_int_equal(p.n_stages, 1);
    assert_string_equal(p.stages[0].id, "kampanye");
    assert_int_equal(p.n_agencies, 4);
    assert_string_equal(p.agencies[0].id, "Dinas Pendidikan");
    assert_float_equal(p.agencies[0].value, 8.0, 1e-9);
    assert_string_equal(p.agencies[2].id, "Kecamatan Coblong");
    assert_string_equal(p.agencies[3].id, "");
    assert_string_equal(p.positions[0].id, "fungsional");
    netra_index_prevention_free(&p);
    /* a kecamatan: only D */
    assert_int_equal(netra_index_prevention_get(&p, ix, &q, "327301"), NETRA_OK);
    assert_int_equal(p.n_events, 1);
    assert_string_equal(p.positions[0].id, "camat_lurah");
    netra_index_prevention_free(&p);
    /* a region with no events */
    assert_int_equal(netra_index_prevention_get(&p, ix, &q, "91"), NETRA_OK);
    assert_int_equal(p.n_events, 0);
    assert_int_equal(p.n_issues, 0);
    netra_index_prevention_free(&p);
    assert_int_equal(netra_index_prevention_get(&p, ix, &q, "3x"), NETRA_EINVAL);
    netra_index_free(ix);
}

/* Writes the shipped tables into a temporary directory, with one file replaced. */
static void copy_tables(const char *dir, const char *name, const char *content)
{
    static const char *const files[] = {"kinds.tsv",  "severity.tsv",   "stages.tsv",
                                        "issues.tsv", "thresholds.tsv", "method.tsv"};
    for (size_t i = 0; i < 6; i++) {
        char src[4096], dst[4096];
        snprintf(src, sizeof src, "%s/index/%s", netra_data_dir(), files[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        char *data;
        size_t len;
        assert_int_equal(nt_file_read(&data, &len, src, 1 << 20), NETRA_OK);
        FILE *fp = fopen(dst, "w");
        assert_non_null(fp);
        if (strcmp(files[i], name) == 0)
            fputs(content, fp);
        else
            fwrite(data, 1, len, fp);
        fclose(fp);
        nt_free(data);
    }
}

static void test_config_errors(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/netra-index-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const struct {
        const char *file, *content, *needle;
    } bad[] = {
        {"kinds.tsv", "kind\tweight\tbasis\nlaporan\t1,5x\tx\n", "kinds.tsv:2: field 'weight'"},
        {"kinds.tsv", "kind\tweight\tbasis\nlaporan\t1\tx\n", "kinds.tsv: no row for 'temuan'"},
        {"severity.tsv", "level\tweight\tbasis\nparah\t1\tx\n", "severity.tsv:2: field 'level'"},
        {"issues.tsv", "category\tweight\tbasis\nmedia_sosial\t1\tx\n",
         "issues.tsv: category 'spanduk_baliho' of form KE-1 is not listed"},
        {"thresholds.tsv",
         "level\tzone\tmin\tcolour\tbasis\nprovince\tsedang\t70\tk\tx\nprovince\ttinggi\t68."
         "5\tm\tx\n"
         "regency\tsedang\t13.47\tk\tx\nregency\ttinggi\t49.33\tm\tx\n"
         "district\tsedang\t13.47\tk\tx\ndistrict\ttinggi\t49.33\tm\tx\n",
         "province sedang must be below tinggi"},
        {"method.tsv", "key\tvalue\tbasis\naggregation\tmedian\tx\n",
         "method.tsv:2: field 'value'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        copy_tables(dir, bad[i].file, bad[i].content);
        netra_index_config *cfg;
        int err = netra_index_config_load(&cfg, dir, f->law);
        if (err != NETRA_EDATA)
            fail_msg("case %zu: %d %s", i, err, netra_error_last()->msg);
        nt_test_assert_msg(bad[i].needle);
    }
    /* weighted_mean with max scaling loads and computes */
    copy_tables(dir, "method.tsv",
                "key\tvalue\tbasis\naggregation\tweighted_mean\tx\nscaling\tmax\tx\n"
                "rendah_colour\thijau\tx\n");
    netra_index_config *cfg;
    assert_int_equal(netra_index_config_load(&cfg, dir, f->law), NETRA_OK);
    fixture g = {f->law, cfg};
    netra_index *ix = small(&g);
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    netra_index_result *r;
    assert_int_equal(netra_index_compute(&r, ix, &q), NETRA_OK);
    /* per-issue scores (max scaling): media_sosial 32.04 100, 32.73 18.75, 35.78 12.5;
     * pendekatan_parpol 32.04 100; lainnya 33.01 100. Mean of 11 issues: 32.04 200/11,
     * 32.73 18.75/11, 35.78 12.5/11, 33.01 100/11; max scaling: 32.04 100,
     * 33.01 50, 32.73 9.375 -> 9.38, 35.78 6.25. */
    assert_float_equal(row(r, "33.01")->score, 50.0, 1e-9);
    assert_float_equal(row(r, "32.73")->score, 9.38, 1e-9);
    assert_float_equal(row(r, "35.78")->score, 6.25, 1e-9);
    netra_index_result_free(r);
    netra_index_free(ix);
    netra_index_config_free(cfg);
    static const char *const files[] = {"kinds.tsv",  "severity.tsv",   "stages.tsv",
                                        "issues.tsv", "thresholds.tsv", "method.tsv"};
    for (size_t i = 0; i < 6; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static int torture_run(void *payload)
{
    fixture *f = payload;
    netra_index_config *cfg = NULL;
    netra_index *ix = NULL;
    netra_index_result *r = NULL;
    netra_index_prevention p;
    netra_index_prior_row *rows = NULL;
    netra_index_comparison c;
    memset(&c, 0, sizeof c);
    memset(&p, 0, sizeof p);
    size_t n;
    netra_region_level level;
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    const char *prior = "code,score\n32.04,50\n32.73,20\n";
    int err = netra_index_config_load(&cfg, NULL, f->law);
    if (err >= 0)
        err = netra_index_new(&ix, cfg);
    if (err >= 0)
        err = netra_index_load_csv(&n, ix, "small.csv", small_csv, strlen(small_csv), NULL, NULL);
    if (err >= 0)
        err = netra_index_compute(&r, ix, &q);
    if (err >= 0)
        err = netra_index_prevention_get(&p, ix, &q, "32");
    if (err >= 0)
        err = netra_index_prior_load(&rows, &n, &level, "p.csv", prior, strlen(prior));
    if (err >= 0)
        err = netra_index_compare(&c, cfg, rows, n, level, r);
    netra_index_comparison_free(&c);
    netra_index_prior_free(rows);
    netra_index_prevention_free(&p);
    netra_index_result_free(r);
    netra_index_free(ix);
    netra_index_config_free(cfg);
    return err;
}

static void test_torture(void **state)
{
    assert_true(nt_test_torture(torture_run, *state) > 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_regency),
        cmocka_unit_test(test_small_province_and_filters),
        cmocka_unit_test(test_thresholds_at_edges),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_prior_and_compare),
        cmocka_unit_test(test_prevention),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_torture),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
