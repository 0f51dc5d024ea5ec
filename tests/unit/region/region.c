/*
 * Unit tests for src/lib/region/: loading the real idn-area-data set (counts, integrity),
 * lookup by code, the name search and its ranking, loader rejections, allocation-failure
 * torture over the fixture in tests/data/regions/, and concurrent reads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "region/region_int.h"
#include "failalloc.h"

static netra_regions *g_real; /* the real data, loaded once by the group setup */

static int setup(void **state)
{
    (void)state;
    int err = netra_regions_load(&g_real, NULL);
    if (err != NETRA_OK) {
        fprintf(stderr, "cannot load region data from %s: %s\n", netra_region_dir(),
                netra_error_last()->msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    netra_regions_free(g_real);
    g_real = NULL;
    return 0;
}

static const char *fixture_dir(void)
{
    static char dir[4096];
    const char *base = getenv("NETRA_TEST_DATA");
    if (base == NULL)
        base = "tests/data";
    int n = snprintf(dir, sizeof dir, "%s/regions", base);
    assert_true(n > 0 && (size_t)n < sizeof dir);
    return dir;
}

static int two_digits(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

static void assert_msg_has(const char *needle)
{
    nt_test_assert_msg(needle);
}

/* ---- the real data ------------------------------------------------------------------------ */

static void test_counts(void **state)
{
    (void)state;
    netra_region_counts c;
    netra_regions_counts(&c, g_real);
    assert_int_equal(c.provinces, 38);
    assert_int_equal(c.regencies, 514);
    assert_int_equal(c.kabupaten, 416);
    assert_int_equal(c.kota, 98);
    assert_int_equal(c.districts, 7285);
    assert_int_equal(netra_regions_count(g_real, NETRA_REGION_PROVINCE), 38);
    assert_int_equal(netra_regions_count(g_real, NETRA_REGION_REGENCY), 514);
    assert_int_equal(netra_regions_count(g_real, NETRA_REGION_DISTRICT), 7285);
    assert_int_equal(netra_regions_count(g_real, NETRA_REGION_ANY), 38 + 514 + 7285);
    assert_int_equal(netra_regions_count(g_real, (netra_region_level)9), 0);
    assert_int_equal(netra_regions_count(NULL, NETRA_REGION_ANY), 0);
}

static void test_integrity(void **state)
{
    (void)state;
    for (int l = NETRA_REGION_PROVINCE; l <= NETRA_REGION_DISTRICT; l++) {
        size_t n, n_children = 0;
        const netra_region *rs = netra_regions_list(&n, g_real, (netra_region_level)l);
        assert_non_null(rs);
        for (size_t i = 0; i < n; i++) {
            const netra_region *r = &rs[i];
            assert_int_equal(r->level, l);
            assert_true(r->name[0] != '\0');
            assert_int_equal(strlen(r->code), 2 + 3 * (size_t)(l - 1));
            if (i > 0)
                assert_true(strcmp(rs[i - 1].code, r->code) < 0);
            if (l == NETRA_REGION_PROVINCE) {
                assert_null(r->parent);
            } else {
                assert_non_null(r->parent);
                assert_int_equal(r->parent->level, l - 1);
                assert_memory_equal(r->parent->code, r->code, strlen(r->parent->code));
                /* r lies within its parent's children */
                assert_true(r >= r->parent->children &&
                            r < r->parent->children + r->parent->n_children);
            }
            if (l == NETRA_REGION_REGENCY) {
                int kk = two_digits(r->code + 3);
                assert_int_equal(r->is_kota, kk >= 71);
                assert_true(strncmp(r->name, r->is_kota ? "Kota " : "Kabupaten ",
                                    r->is_kota ? 5 : 10) == 0);
            } else {
                assert_int_equal(r->is_kota, 0);
            }
            size_t nc;
            const netra_region *ch = netra_region_children(r, &nc);
            assert_int_equal(nc, r->n_children);
            for (size_t j = 0; j < nc; j++)
                assert_ptr_equal(ch[j].parent, r);
            n_children += nc;
            if (l == NETRA_REGION_DISTRICT)
                assert_null(ch);
        }
        if (l < NETRA_REGION_DISTRICT)
            assert_int_equal(n_children, netra_regions_count(g_real, (netra_region_level)(l + 1)));
    }
    size_t n;
    assert_null(netra_regions_list(&n, g_real, NETRA_REGION_ANY));
    assert_int_equal(n, 0);
}

static void expect_get(const char *code, const char *dotted, const char *name)
{
    const netra_region *r = NULL;
    int err = netra_regions_get(&r, g_real, code);
    if (err != NETRA_OK)
        fail_msg("get '%s': %d %s", code, err, netra_error_last()->msg);
    assert_string_equal(r->code, dotted);
    assert_string_equal(r->name, name);
}

static void test_get_by_code(void **state)
{
    (void)state;
    expect_get("32", "32", "Jawa Barat");
    expect_get("32.04", "32.04", "Kabupaten Bandung");
    expect_get("3204", "32.04", "Kabupaten Bandung");
    expect_get("  32.04 ", "32.04", "Kabupaten Bandung");
    expect_get("\t3273\n", "32.73", "Kota Bandung");
    expect_get("32.04.05", "32.04.05", "Cileunyi");
    expect_get("320405", "32.04.05", "Cileunyi");
    expect_get("35.29.22", "35.29.22", "Ra\"as");
    expect_get("96", "96", "Papua Barat Daya");
    const netra_region *r;
    assert_int_equal(netra_regions_get(&r, g_real, "32.99"), NETRA_ENOTFOUND);
    assert_msg_has("no kabupaten/kota with code 32.99");
    assert_int_equal(netra_regions_get(&r, g_real, "10"), NETRA_EINVAL);
    assert_int_equal(netra_regions_get(&r, g_real, "33.22.99"), NETRA_ENOTFOUND);
    assert_msg_has("no kecamatan with code 33.22.99");
    assert_int_equal(netra_regions_get(&r, g_real, "99"), NETRA_ENOTFOUND);
    assert_int_equal(netra_regions_get(NULL, g_real, "32"), NETRA_EINVAL);
    assert_int_equal(netra_regions_get(&r, g_real, NULL), NETRA_EINVAL);
}

static void expect_bad_code(const char *code, const char *needle)
{
    char out[NETRA_REGION_CODE_MAX];
    int err = netra_region_code_parse(out, NULL, code);
    if (err != NETRA_EINVAL)
        fail_msg("'%s' parsed (%d) as %s", code, err, err == NETRA_OK ? out : "?");
    assert_msg_has(needle);
    const netra_region *r;
    assert_int_equal(netra_regions_get(&r, g_real, code), NETRA_EINVAL);
}

static void test_code_rejections(void **state)
{
    (void)state;
    expect_bad_code("", "empty region code");
    expect_bad_code("   ", "empty region code");
    expect_bad_code("32-04", "unexpected character at byte 3");
    expect_bad_code("3a", "unexpected character at byte 2");
    expect_bad_code("32.4", "part 2 has 1 digit, expected 2");
    expect_bad_code("320.04", "part 1 has 3 digits");
    expect_bad_code("32..04", "empty part before the dot at byte 4");
    expect_bad_code(".32", "empty part before the dot at byte 1");
    expect_bad_code("32.04.", "ends with a dot");
    expect_bad_code("32.04.01.2001.1", "more than four parts");
    expect_bad_code("12345", "has 5 digits; expected 2 (provinsi), 4 (kabupaten/kota)");
    expect_bad_code("32.70", "regency part 70 is neither a kabupaten (01-69) nor a kota (71-99)");
    expect_bad_code("3200", "regency part 00");
    expect_bad_code("05", "province part 05 is not a province code");
    expect_bad_code("32.04.00", "district part 00");
    expect_bad_code("32.04.05.2001", "desa/kelurahan code");
    expect_bad_code("3204052001", "try 32.04.05");
    expect_bad_code("123456789012345678901", "too long");

    char out[NETRA_REGION_CODE_MAX];
    netra_region_level lv;
    assert_int_equal(netra_region_code_parse(out, &lv, " 320405 "), NETRA_OK);
    assert_string_equal(out, "32.04.05");
    assert_int_equal(lv, NETRA_REGION_DISTRICT);
    assert_int_equal(netra_region_code_parse(out, &lv, "11"), NETRA_OK);
    assert_int_equal(lv, NETRA_REGION_PROVINCE);
}

static void test_children(void **state)
{
    (void)state;
    const netra_region *jabar, *kab;
    assert_int_equal(netra_regions_get(&jabar, g_real, "32"), NETRA_OK);
    size_t n;
    const netra_region *ch = netra_region_children(jabar, &n);
    assert_int_equal(n, 27); /* 18 kabupaten + 9 kota */
    assert_string_equal(ch[0].code, "32.01");
    assert_string_equal(ch[n - 1].code, "32.79");
    assert_int_equal(netra_regions_get(&kab, g_real, "32.04"), NETRA_OK);
    ch = netra_region_children(kab, &n);
    assert_int_equal(n, 31);
    assert_string_equal(ch[0].name, "Cileunyi");
    assert_int_equal(netra_regions_get(&kab, g_real, "32.04.05"), NETRA_OK);
    assert_null(netra_region_children(kab, &n));
    assert_int_equal(n, 0);
    assert_null(netra_region_children(NULL, NULL));
    assert_string_equal(netra_region_kind(jabar), "provinsi");
    assert_string_equal(netra_region_kind(kab), "kecamatan");
    assert_string_equal(netra_region_kind(jabar->children), "kabupaten");
    assert_string_equal(netra_region_level_name(NETRA_REGION_REGENCY), "regency");
    assert_string_equal(netra_region_level_name((netra_region_level)42), "unknown");
}

/* ---- the name search ---------------------------------------------------------------------- */

typedef struct lookup_case {
    const char *query;        /* as a person writes it */
    netra_region_level level; /* filter */
    const char *first;        /* expected code of the first result */
    netra_region_reason why;  /* expected reason of the first result */
} lookup_case;

static const lookup_case lookups[] = {
    {"KOTA BANDUNG", NETRA_REGION_ANY, "32.73", NETRA_REGION_MATCH_EXACT},
    {"kab bandung", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_EXACT},
    {"Kab. Bandung", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_EXACT},
    {"kabupaten bandung", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_EXACT},
    {"Kabupaten  Bandung!!", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_EXACT},
    {"Bandung Barat", NETRA_REGION_ANY, "32.17", NETRA_REGION_MATCH_EXACT},
    {"Bandung", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_EXACT},
    {"Bandng", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_FUZZY},
    {"Kot. Bandung", NETRA_REGION_ANY, "32.73", NETRA_REGION_MATCH_EXACT},
    {"Kotamadya Bandung", NETRA_REGION_ANY, "32.73", NETRA_REGION_MATCH_EXACT},
    {"Jabar", NETRA_REGION_ANY, "32", NETRA_REGION_MATCH_ALIAS},
    {"Prov. Jabar", NETRA_REGION_ANY, "32", NETRA_REGION_MATCH_ALIAS},
    {"Provinsi Jawa Barat", NETRA_REGION_ANY, "32", NETRA_REGION_MATCH_EXACT},
    {"jateng", NETRA_REGION_ANY, "33", NETRA_REGION_MATCH_ALIAS},
    {"JATIM", NETRA_REGION_ANY, "35", NETRA_REGION_MATCH_ALIAS},
    {"Sumut", NETRA_REGION_ANY, "12", NETRA_REGION_MATCH_ALIAS},
    {"Sumbar", NETRA_REGION_ANY, "13", NETRA_REGION_MATCH_ALIAS},
    {"Sumsel", NETRA_REGION_ANY, "16", NETRA_REGION_MATCH_ALIAS},
    {"Kalbar", NETRA_REGION_ANY, "61", NETRA_REGION_MATCH_ALIAS},
    {"Kalteng", NETRA_REGION_ANY, "62", NETRA_REGION_MATCH_ALIAS},
    {"Kalsel", NETRA_REGION_ANY, "63", NETRA_REGION_MATCH_ALIAS},
    {"Kaltim", NETRA_REGION_ANY, "64", NETRA_REGION_MATCH_ALIAS},
    {"Kaltara", NETRA_REGION_ANY, "65", NETRA_REGION_MATCH_ALIAS},
    {"Sulut", NETRA_REGION_ANY, "71", NETRA_REGION_MATCH_ALIAS},
    {"Sulteng", NETRA_REGION_ANY, "72", NETRA_REGION_MATCH_ALIAS},
    {"Sulsel", NETRA_REGION_ANY, "73", NETRA_REGION_MATCH_ALIAS},
    {"Sultra", NETRA_REGION_ANY, "74", NETRA_REGION_MATCH_ALIAS},
    {"Sulbar", NETRA_REGION_ANY, "76", NETRA_REGION_MATCH_ALIAS},
    {"NTB", NETRA_REGION_ANY, "52", NETRA_REGION_MATCH_ALIAS},
    {"N.T.T.", NETRA_REGION_ANY, "53", NETRA_REGION_MATCH_ALIAS},
    {"DIY", NETRA_REGION_ANY, "34", NETRA_REGION_MATCH_ALIAS},
    {"D.I. Yogyakarta", NETRA_REGION_ANY, "34", NETRA_REGION_MATCH_ALIAS},
    {"Jogja", NETRA_REGION_ANY, "34", NETRA_REGION_MATCH_ALIAS},
    {"Yogyakarta", NETRA_REGION_ANY, "34", NETRA_REGION_MATCH_ALIAS},
    {"Daerah Istimewa Yogyakarta", NETRA_REGION_ANY, "34", NETRA_REGION_MATCH_EXACT},
    {"Kota Yogyakarta", NETRA_REGION_ANY, "34.71", NETRA_REGION_MATCH_EXACT},
    {"DKI Jakarta", NETRA_REGION_ANY, "31", NETRA_REGION_MATCH_ALIAS},
    {"DKI", NETRA_REGION_ANY, "31", NETRA_REGION_MATCH_ALIAS},
    {"Jakarta", NETRA_REGION_ANY, "31", NETRA_REGION_MATCH_ALIAS},
    {"Babel", NETRA_REGION_ANY, "19", NETRA_REGION_MATCH_ALIAS},
    {"Kepri", NETRA_REGION_ANY, "21", NETRA_REGION_MATCH_ALIAS},
    {"Kep. Riau", NETRA_REGION_ANY, "21", NETRA_REGION_MATCH_EXACT},
    {"Malut", NETRA_REGION_ANY, "82", NETRA_REGION_MATCH_ALIAS},
    {"Jakarta Selatan", NETRA_REGION_ANY, "31.74", NETRA_REGION_MATCH_EXACT},
    {"Kota Adm. Jakarta Selatan", NETRA_REGION_ANY, "31.74", NETRA_REGION_MATCH_EXACT},
    {"jaksel", NETRA_REGION_ANY, "31.74", NETRA_REGION_MATCH_ALIAS},
    {"Kep. Seribu", NETRA_REGION_ANY, "31.01", NETRA_REGION_MATCH_EXACT},
    {"Surabaya", NETRA_REGION_ANY, "35.78", NETRA_REGION_MATCH_EXACT},
    {"Surabya", NETRA_REGION_ANY, "35.78", NETRA_REGION_MATCH_FUZZY},
    {"Suarbaya", NETRA_REGION_ANY, "35.78", NETRA_REGION_MATCH_FUZZY},
    {"kabupaten surabaya", NETRA_REGION_ANY, "35.78", NETRA_REGION_MATCH_OTHER_TYPE},
    {"Semarang", NETRA_REGION_ANY, "33.22", NETRA_REGION_MATCH_EXACT},
    {"kota semarang", NETRA_REGION_ANY, "33.74", NETRA_REGION_MATCH_EXACT},
    {"Kab Bogor", NETRA_REGION_ANY, "32.01", NETRA_REGION_MATCH_EXACT},
    {"Tangerang Selatan", NETRA_REGION_ANY, "36.74", NETRA_REGION_MATCH_EXACT},
    {"Pematang Siantar", NETRA_REGION_ANY, "12.72", NETRA_REGION_MATCH_NOSPACE},
    {"Kotabaru", NETRA_REGION_ANY, "63.02", NETRA_REGION_MATCH_EXACT},
    {"Kota Waringin Barat", NETRA_REGION_ANY, "62.01", NETRA_REGION_MATCH_NOSPACE},
    {"Tolitoli", NETRA_REGION_ANY, "72.04", NETRA_REGION_MATCH_NOSPACE},
    {"toli-toli", NETRA_REGION_ANY, "72.04", NETRA_REGION_MATCH_EXACT},
    {"Medan", NETRA_REGION_ANY, "12.71", NETRA_REGION_MATCH_EXACT},
    {"Kec. Coblong", NETRA_REGION_ANY, "32.73.02", NETRA_REGION_MATCH_EXACT},
    {"kecamatan cobong", NETRA_REGION_ANY, "32.73.02", NETRA_REGION_MATCH_FUZZY},
    {"Ra'as", NETRA_REGION_ANY, "35.29.22", NETRA_REGION_MATCH_EXACT},
    {"Gunung Bintang Awai", NETRA_REGION_ANY, "62.04.05", NETRA_REGION_MATCH_EXACT},
    {"Papua Barat", NETRA_REGION_ANY, "92", NETRA_REGION_MATCH_EXACT},
    {"papua barat daya", NETRA_REGION_ANY, "96", NETRA_REGION_MATCH_EXACT},
    {"Sumatra Utara", NETRA_REGION_ANY, "12", NETRA_REGION_MATCH_FUZZY},
    {"Denpasar", NETRA_REGION_ANY, "51.71", NETRA_REGION_MATCH_EXACT},
    {"32.04", NETRA_REGION_ANY, "32.04", NETRA_REGION_MATCH_CODE},
    {"3273", NETRA_REGION_ANY, "32.73", NETRA_REGION_MATCH_CODE},
    {"Bandung", NETRA_REGION_DISTRICT, "35.04.17", NETRA_REGION_MATCH_EXACT},
    {"Jawa", NETRA_REGION_PROVINCE, "32", NETRA_REGION_MATCH_PREFIX},
    {"Bandung Wet", NETRA_REGION_ANY, "32.73.09", NETRA_REGION_MATCH_PARTIAL},
    {"Barat Bandung", NETRA_REGION_ANY, "32.17", NETRA_REGION_MATCH_ALL_WORDS},
    {"Seribu", NETRA_REGION_REGENCY, "31.01", NETRA_REGION_MATCH_WORDS},
};

static void test_lookup_table(void **state)
{
    (void)state;
    size_t n_cases = sizeof lookups / sizeof *lookups;
    assert_true(n_cases >= 25);
    for (size_t i = 0; i < n_cases; i++) {
        const lookup_case *c = &lookups[i];
        netra_region_match m[10];
        size_t n;
        int err = netra_regions_find(m, 10, &n, g_real, c->query, c->level);
        if (err != NETRA_OK)
            fail_msg("'%s': %d %s", c->query, err, netra_error_last()->msg);
        if (strcmp(m[0].region->code, c->first) != 0 || m[0].reason != c->why)
            fail_msg("'%s': first is %s %s (%s, %d), expected %s (%s)", c->query, m[0].region->code,
                     m[0].region->name, netra_region_reason_name(m[0].reason), m[0].score, c->first,
                     netra_region_reason_name(c->why));
        for (size_t j = 1; j < n; j++)
            assert_true(m[j - 1].score >= m[j].score);
        if (c->level != NETRA_REGION_ANY)
            for (size_t j = 0; j < n; j++)
                assert_int_equal(m[j].region->level, c->level);
    }
}

static size_t index_of(const netra_region_match *m, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(m[i].region->code, code) == 0)
            return i;
    return SIZE_MAX;
}

static void test_lookup_ranking(void **state)
{
    (void)state;
    netra_region_match m[20];
    size_t n;
    /* A bare name: both exact regencies first, kabupaten before kota, then the rest. */
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Bandung", NETRA_REGION_ANY), NETRA_OK);
    assert_string_equal(m[0].region->code, "32.04");
    assert_string_equal(m[1].region->code, "32.73");
    assert_int_equal(m[0].score, 100);
    assert_int_equal(m[1].score, 100);
    size_t barat = index_of(m, n, "32.17");
    assert_true(barat != SIZE_MAX && barat >= 4);
    assert_int_equal(m[barat].reason, NETRA_REGION_MATCH_PREFIX);

    /* With a type, the other type comes after every match of the type asked for. */
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Kab. Bandung", NETRA_REGION_ANY),
                     NETRA_OK);
    size_t kota = index_of(m, n, "32.73");
    assert_true(kota != SIZE_MAX);
    assert_int_equal(m[kota].reason, NETRA_REGION_MATCH_OTHER_TYPE);
    for (size_t i = 0; i < kota; i++)
        assert_true(m[i].region->level == NETRA_REGION_REGENCY && !m[i].region->is_kota);
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "KOTA BANDUNG", NETRA_REGION_ANY),
                     NETRA_OK);
    assert_int_equal(m[1].reason, NETRA_REGION_MATCH_OTHER_TYPE);
    assert_string_equal(m[1].region->code, "32.04");

    /* Typos: distance reported; short words get one edit, longer ones two. */
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Bandng", NETRA_REGION_ANY), NETRA_OK);
    assert_int_equal(m[0].distance, 1);
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Bndng", NETRA_REGION_ANY),
                     NETRA_ENOTFOUND);
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Banyuwangii", NETRA_REGION_ANY),
                     NETRA_OK);
    assert_string_equal(m[0].region->code, "35.10");
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Bnayuwangii", NETRA_REGION_ANY),
                     NETRA_OK);
    assert_string_equal(m[0].region->code, "35.10");
    assert_int_equal(m[0].distance, 2);

    /* The alias is reported. */
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "jabar", NETRA_REGION_ANY), NETRA_OK);
    assert_non_null(m[0].alias);
    assert_string_equal(m[0].alias, "Jabar");

    /* Limits: one result, and a kabupaten-only question by level. */
    assert_int_equal(netra_regions_find(m, 1, &n, g_real, "Bandung", NETRA_REGION_ANY), NETRA_OK);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].region->code, "32.04");
    assert_int_equal(netra_regions_find(m, 20, &n, g_real, "Bandung", NETRA_REGION_REGENCY),
                     NETRA_OK);
    assert_int_equal(n, 4); /* Kab. Bandung, Kota Bandung, Bandung Barat, and Badung (typo) */
    assert_string_equal(m[3].region->code, "51.03");
    assert_int_equal(m[3].reason, NETRA_REGION_MATCH_FUZZY);

    /* A typed query restricted to another level finds nothing of its type. */
    assert_int_equal(
        netra_regions_find(m, 20, &n, g_real, "Kecamatan Bandung", NETRA_REGION_PROVINCE),
        NETRA_ENOTFOUND);
    assert_int_equal(n, 0);
}

static void test_find_errors(void **state)
{
    (void)state;
    netra_region_match m[4];
    size_t n = 99;
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, "", NETRA_REGION_ANY), NETRA_EINVAL);
    assert_int_equal(n, 0);
    assert_msg_has("has no letter or digit");
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, " .,- ", NETRA_REGION_ANY), NETRA_EINVAL);
    char longq[NETRA_REGION_QUERY_MAX + 2];
    memset(longq, 'a', sizeof longq - 1);
    longq[sizeof longq - 1] = '\0';
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, longq, NETRA_REGION_ANY), NETRA_EINVAL);
    assert_msg_has("longer than 256 bytes");
    longq[NETRA_REGION_QUERY_MAX] = '\0'; /* exactly the limit: accepted, nothing found */
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, longq, NETRA_REGION_ANY),
                     NETRA_ENOTFOUND);
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, "Zqxwv Plorp", NETRA_REGION_ANY),
                     NETRA_ENOTFOUND);
    assert_msg_has("no region matches 'Zqxwv Plorp'");
    assert_int_equal(n, 0);
    assert_int_equal(netra_regions_find(m, 0, &n, g_real, "Bandung", NETRA_REGION_ANY),
                     NETRA_EINVAL);
    assert_int_equal(netra_regions_find(NULL, 4, &n, g_real, "Bandung", NETRA_REGION_ANY),
                     NETRA_EINVAL);
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, NULL, NETRA_REGION_ANY), NETRA_EINVAL);
    assert_int_equal(netra_regions_find(m, 4, &n, NULL, "Bandung", NETRA_REGION_ANY), NETRA_EINVAL);
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, "Bandung", (netra_region_level)7),
                     NETRA_EINVAL);
    /* Bytes that are not ASCII are letters to the search, never a crash. */
    int err = netra_regions_find(m, 4, &n, g_real, "\xff\xfe Bandung \xc3", 0);
    assert_true(err == NETRA_OK || err == NETRA_ENOTFOUND);
    assert_int_equal(netra_regions_find(m, 4, &n, g_real, "Band\xe2\x80\x99ung", 0), NETRA_OK);
    assert_string_equal(m[0].region->code, "32.04");
}

/* ---- concurrent reads ---------------------------------------------------------------------- */

static void *reader(void *arg)
{
    const char *const queries[] = {"Bandung", "Kab. Bandung", "Jabar",
                                   "Surabya", "kota baru",    "32.04"};
    const char *const first[] = {"32.04", "32.04", "32", "35.78", "15.71.07", "32.04"};
    for (int rep = 0; rep < 20; rep++) {
        for (size_t i = 0; i < 6; i++) {
            netra_region_match m[8];
            size_t n;
            if (netra_regions_find(m, 8, &n, g_real, queries[i], NETRA_REGION_ANY) != NETRA_OK ||
                strcmp(m[0].region->code, first[i]) != 0)
                return arg;
        }
    }
    return NULL;
}

static void test_concurrent_reads(void **state)
{
    (void)state;
    pthread_t t[4];
    int tag = 1;
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, reader, &tag), 0);
    for (int i = 0; i < 4; i++) {
        void *res;
        assert_int_equal(pthread_join(t[i], &res), 0);
        assert_null(res);
    }
}

/* ---- the fixture, loader rejections, allocation failures ----------------------------------- */

static void test_fixture(void **state)
{
    (void)state;
    netra_regions *f;
    assert_int_equal(netra_regions_load(&f, fixture_dir()), NETRA_OK);
    netra_region_counts c;
    netra_regions_counts(&c, f);
    assert_int_equal(c.provinces, 4);
    assert_int_equal(c.regencies, 8);
    assert_int_equal(c.kabupaten, 5);
    assert_int_equal(c.kota, 3);
    assert_int_equal(c.districts, 12);
    const netra_region *r;
    assert_int_equal(netra_regions_get(&r, f, "35.29.22"), NETRA_OK);
    assert_string_equal(r->name, "Ra\"as"); /* "Ra""as" unquoted */
    assert_int_equal(netra_regions_get(&r, f, "35.29.23"), NETRA_OK);
    assert_string_equal(r->name, "Kota, Sumenep");
    assert_int_equal(netra_regions_get(&r, f, "34.04"), NETRA_OK);
    assert_string_equal(r->name, "Kabupaten Sleman");
    netra_region_match m[8];
    size_t n;
    assert_int_equal(netra_regions_find(m, 8, &n, f, "jogja", NETRA_REGION_ANY), NETRA_OK);
    assert_string_equal(m[0].region->code, "34");
    /* The kecamatan whose name starts with "Kota" is found by its whole name. */
    assert_int_equal(netra_regions_find(m, 8, &n, f, "Kota Sumenep", NETRA_REGION_ANY), NETRA_OK);
    assert_string_equal(m[0].region->code, "35.29.23");
    assert_int_equal(m[0].reason, NETRA_REGION_MATCH_EXACT);
    /* The fixture's own aliases.tsv is used, not data/regions/aliases.tsv. */
    assert_int_equal(netra_regions_find(m, 8, &n, f, "Jatim", NETRA_REGION_ANY), NETRA_ENOTFOUND);
    netra_regions_free(f);
    netra_regions_free(NULL);
}

static void test_region_dir(void **state)
{
    (void)state;
    const char *saved = getenv("NETRA_REGION_DIR");
    char copy[4096] = "";
    if (saved != NULL)
        snprintf(copy, sizeof copy, "%s", saved);
    assert_int_equal(setenv("NETRA_REGION_DIR", "/nonexistent/regions", 1), 0);
    assert_string_equal(netra_region_dir(), "/nonexistent/regions");
    netra_regions *f = NULL;
    assert_int_equal(netra_regions_load(&f, NULL), NETRA_EIO);
    assert_msg_has("/nonexistent/regions/provinces.csv: cannot open");
    assert_null(f);
    assert_int_equal(setenv("NETRA_REGION_DIR", "", 1), 0);
    /* The compiled-in default: where scripts/install-deps.sh puts idn-area-data. */
    assert_non_null(strstr(netra_region_dir(), "idn-area-data"));
    if (saved != NULL)
        assert_int_equal(setenv("NETRA_REGION_DIR", copy, 1), 0);
    else
        assert_int_equal(unsetenv("NETRA_REGION_DIR"), 0);
}

static const char *const ok_prov = "code,name\n32,Jawa Barat\n";
static const char *const ok_reg = "code,province_code,name\n32.04,32,Kabupaten Bandung\n"
                                  "32.73,32,Kota Bandung\n";
static const char *const ok_dist = "code,regency_code,name\n32.73.02,32.73,Coblong\n";
static const char *const ok_alias = "alias\tcode\tnote\nJabar\t32\tJawa Barat\n";

static int build(netra_regions **out, const char *prov, const char *reg, const char *dist,
                 const char *alias)
{
    nt_region_src p = {"provinces.csv", prov, strlen(prov)};
    nt_region_src r = {"regencies.csv", reg, strlen(reg)};
    nt_region_src d = {"districts.csv", dist, strlen(dist)};
    nt_region_src a = {"aliases.tsv", alias, strlen(alias)};
    return nt_regions_build(out, &p, &r, &d, &a);
}

static void expect_reject(const char *prov, const char *reg, const char *dist, const char *alias,
                          int code, const char *needle)
{
    netra_regions *out = NULL;
    int err = build(&out, prov ? prov : ok_prov, reg ? reg : ok_reg, dist ? dist : ok_dist,
                    alias ? alias : ok_alias);
    if (err != code)
        fail_msg("expected %d (%s), got %d: %s", code, needle, err, netra_error_last()->msg);
    assert_null(out);
    assert_msg_has(needle);
}

static void test_rejections(void **state)
{
    (void)state;
    netra_regions *out;
    assert_int_equal(build(&out, ok_prov, ok_reg, ok_dist, ok_alias), NETRA_OK);
    netra_regions_free(out);

    expect_reject("kode,nama\n32,Jawa Barat\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:1: field 'code': missing from the header");
    expect_reject(NULL, "code,name\n32.04,Kabupaten Bandung\n", NULL, NULL, NETRA_EDATA,
                  "regencies.csv:1: field 'province_code': missing from the header");
    expect_reject("", NULL, NULL, NULL, NETRA_EDATA, "provinces.csv: empty file");
    expect_reject("code,name\n3x,Jawa Barat\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'code': region code '3x': unexpected character");
    expect_reject("code,name\n32.04,Jawa Barat\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'code': '32.04' is a kabupaten/kota (PP.KK) code");
    expect_reject(NULL, "code,province_code,name\n3204,32,Kabupaten Bandung\n", NULL, NULL,
                  NETRA_EDATA, "regencies.csv:2: field 'code': '3204' is not written in dotted");
    expect_reject(NULL, "code,province_code,name\n32.04,33,Kabupaten Bandung\n", NULL, NULL,
                  NETRA_EDATA,
                  "regencies.csv:2: field 'province_code': '33' is not the parent of code 32.04");
    expect_reject(NULL, "code,province_code,name\n33.04,33,Kabupaten Banjarnegara\n", NULL, NULL,
                  NETRA_EDATA,
                  "regencies.csv:2: field 'province_code': province 33 does not exist in "
                  "provinces.csv");
    expect_reject(NULL, NULL, "code,regency_code,name\n32.05.01,32.05,X\n", NULL, NETRA_EDATA,
                  "districts.csv:2: field 'regency_code': regency 32.05 does not exist");
    expect_reject("code,name\n32,Jawa Barat\n33,Jawa Tengah\n32,Jabar lagi\n", NULL, NULL, NULL,
                  NETRA_EDATA, "provinces.csv:4: field 'code': 32 duplicates line 2");
    expect_reject("code,name\n,Jawa Barat\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'code': empty");
    expect_reject(NULL, "code,province_code,name\n32.04,,Kabupaten Bandung\n", NULL, NULL,
                  NETRA_EDATA, "regencies.csv:2: field 'province_code': empty");
    expect_reject("code,name\n32,\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'name': empty");
    expect_reject("code,name\n32,\"...\"\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'name': '...' has no letter or digit");
    expect_reject("code,name\n32,Jawa\xff\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'name': not valid UTF-8");
    expect_reject("code,name\n32, Jawa Barat\n", NULL, NULL, NULL, NETRA_EDATA,
                  "leading or trailing space");
    expect_reject("code,name\n32,\"Jawa\nBarat\"\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: field 'name': not valid UTF-8 text (or has a control");
    expect_reject("code,name\n32,\"Jawa Barat\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: quoted field 2 is not closed");
    expect_reject("code,name\n32,Jawa Barat,x\n", NULL, NULL, NULL, NETRA_EDATA,
                  "provinces.csv:2: 3 fields, the header has 2");
    expect_reject(NULL, "code,province_code,name\n32.04,32,Kota Bandung\n", NULL, NULL, NETRA_EDATA,
                  "regencies.csv:2: field 'name': 'Kota Bandung' says kota but code 32.04 is a "
                  "kabupaten (01-69)");
    char longname[300];
    int len = snprintf(longname, sizeof longname, "code,name\n32,%0200d\n", 7);
    assert_true(len > 0);
    expect_reject(longname, NULL, NULL, NULL, NETRA_EDATA, "field 'name': longer than 128 bytes");
    expect_reject(NULL, NULL, NULL, "alias\tcode\tnote\nJatim\t35\tJawa Timur\n", NETRA_EDATA,
                  "aliases.tsv:2: field 'code': no province with code 35");
    expect_reject(NULL, NULL, NULL, "alias\tcode\tnote\nJatim\t3x\tJawa Timur\n", NETRA_EDATA,
                  "aliases.tsv:2: field 'code': region code '3x'");
    expect_reject(NULL, NULL, NULL, "alias\tcode\tnote\nJabar\t32\t\nJ.A.B.A.R.\t32\t\n",
                  NETRA_EDATA, "aliases.tsv:3: field 'alias': 'J.A.B.A.R.' is listed twice");
    expect_reject(NULL, NULL, NULL, "alias\tcode\tnote\n...\t32\t\n", NETRA_EDATA,
                  "aliases.tsv:2: field 'alias': '...' has no letter or digit");
    expect_reject(NULL, NULL, NULL, "alias\tcode\tnote\n\t32\t\n", NETRA_EDATA,
                  "aliases.tsv:2: field 'alias': empty");
    expect_reject(NULL, NULL, NULL, "alias\tcode\tnote\nJabar\t\t\n", NETRA_EDATA,
                  "aliases.tsv:2: field 'code': empty");
    expect_reject(NULL, NULL, NULL,
                  "alias\tcode\tnote\nJa\xff"
                  "bar\t32\t\n",
                  NETRA_EDATA, "aliases.tsv:2: field 'alias': not UTF-8 text");
    expect_reject(NULL, NULL, NULL, "alias\tcode\n", NETRA_EDATA,
                  "aliases.tsv:1: field 'note': missing from the header");
}

static int load_fixture(void *payload)
{
    netra_regions *f = NULL;
    int err = netra_regions_load(&f, payload);
    if (err == NETRA_OK) {
        netra_region_match m[4];
        size_t n;
        err = netra_regions_find(m, 4, &n, f, "Kab. Bandung", NETRA_REGION_ANY);
    }
    netra_regions_free(f);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", fixture_dir());
    long n = nt_test_torture(load_fixture, dir);
    assert_true(n >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),           cmocka_unit_test(test_integrity),
        cmocka_unit_test(test_get_by_code),      cmocka_unit_test(test_code_rejections),
        cmocka_unit_test(test_children),         cmocka_unit_test(test_lookup_table),
        cmocka_unit_test(test_lookup_ranking),   cmocka_unit_test(test_find_errors),
        cmocka_unit_test(test_concurrent_reads), cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_region_dir),       cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
