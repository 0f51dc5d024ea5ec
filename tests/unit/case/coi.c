/* Unit tests of the PPK and conflict routes (src/lib/case/coi.c): a table of agencies and
 * regions with the PPK each gives (by kind or by the agency's name), the regions that do not
 * fit, the routes of a conflicted PPK and an operator's changes, and loader errors naming
 * file, line and field. */
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

#include "netra/case.h"
#include "netra/error.h"

static netra_coi *coi;

static int setup(void **state)
{
    (void)state;
    return netra_coi_load(&coi, NULL) == NETRA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    netra_coi_free(coi);
    return 0;
}

static void test_ppk_table(void **state)
{
    (void)state;
    static const struct {
        const char *kind, *agency, *region; /* input */
        int err;                            /* expected result */
        const char *office, *ppk_region, *route, *route_region;
    } rows[] = {
        /* a kabupaten's ASN: the bupati; conflicted: the governor of the province */
        {NULL, "Pemerintah Kabupaten Bandung", "32.04.05", 0, "bupati", "32.04", "gubernur_wpp",
         "32"},
        {NULL, "PEMKAB Garut", "3205", 0, "bupati", "32.05", "gubernur_wpp", "32"},
        {NULL, "Kabupaten Sleman", "34.04.01.2001", 0, "bupati", "34.04", "gubernur_wpp", "34"},
        /* a kota's ASN: the wali kota ("pemerintah kota" before "kota") */
        {NULL, "Pemerintah Kota Bandung", "32.73.02", 0, "wali_kota", "32.73", "gubernur_wpp",
         "32"},
        {NULL, "Pemkot Surabaya", "35.78", 0, "wali_kota", "35.78", "gubernur_wpp", "35"},
        /* a province's ASN: the governor; conflicted: the Minister of Home Affairs */
        {NULL, "Pemerintah Provinsi Jawa Barat", "32.73", 0, "gubernur", "32", "mendagri", ""},
        {"pemprov", "Dinas Pendidikan", "35", 0, "gubernur", "35", "mendagri", ""},
        /* central agencies: minister, head, secretary-general; conflicted: the President */
        {NULL, "Kementerian Agama", "32.04", 0, "menteri", "", "presiden", ""},
        {NULL, "Badan Pusat Statistik", NULL, 0, "kepala_lembaga", "", "presiden", ""},
        {"kesekretariatan", "Sekretariat Jenderal DPR RI", NULL, 0, "sekretaris_jenderal", "",
         "presiden", ""},
        /* the kind given wins over the name */
        {"pemkab", "Dinas Kesehatan", "32.04", 0, "bupati", "32.04", "gubernur_wpp", "32"},
        /* what cannot be told */
        {NULL, "Dinas Kesehatan", "32.04", NETRA_ENOTFOUND, NULL, NULL, NULL, NULL},
        {NULL, NULL, "32.04", NETRA_ENOTFOUND, NULL, NULL, NULL, NULL},
        {"pemda", "Pemkab Bandung", "32.04", NETRA_EINVAL, NULL, NULL, NULL, NULL},
        {NULL, "Pemerintah Kabupaten Bandung", "32.73", NETRA_EINVAL, NULL, NULL, NULL, NULL},
        {NULL, "Pemerintah Kota Bandung", "32.04", NETRA_EINVAL, NULL, NULL, NULL, NULL},
        {NULL, "Pemerintah Kabupaten Bandung", "32", NETRA_EINVAL, NULL, NULL, NULL, NULL},
        {NULL, "Pemerintah Provinsi Jawa Barat", NULL, NETRA_EINVAL, NULL, NULL, NULL, NULL},
        {NULL, "Pemkab Bandung", "32.0x", NETRA_EINVAL, NULL, NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        netra_ppk p;
        int err = netra_ppk_resolve(&p, coi, rows[i].kind, rows[i].agency, rows[i].region);
        if (err != rows[i].err)
            fail_msg("row %zu (%s, %s): %d, want %d: %s", i, rows[i].agency ? rows[i].agency : "-",
                     rows[i].region ? rows[i].region : "-", err, rows[i].err,
                     netra_error_last()->msg);
        if (err != 0)
            continue;
        assert_string_equal(p.office->id, rows[i].office);
        assert_string_equal(p.region, rows[i].ppk_region);
        assert_non_null(strstr(p.rule->basis, "PP 17/2020"));
        netra_coi_routing r;
        assert_int_equal(netra_coi_route(&r, coi, &p), NETRA_OK);
        assert_string_equal(r.to->id, rows[i].route);
        assert_string_equal(r.region, rows[i].route_region);
        assert_true(r.rule->netra_default);
        assert_true(strlen(r.rule->basis) > 0);
    }
}

static void test_messages(void **state)
{
    (void)state;
    netra_ppk p;
    assert_int_equal(netra_ppk_resolve(&p, coi, NULL, "Pemerintah Kota Bandung", "32.04"),
                     NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "32.04 is not a kota"));
    assert_int_equal(netra_ppk_resolve(&p, coi, NULL, "Dinas Kesehatan", "32.04"), NETRA_ENOTFOUND);
    assert_non_null(strstr(netra_error_last()->msg, "give the agency kind"));
}

static void test_routes_configurable(void **state)
{
    (void)state;
    netra_coi *c;
    assert_int_equal(netra_coi_load(&c, NULL), NETRA_OK);
    assert_int_equal(netra_coi_set_routes(c, "bupati=kepala_bkn,gubernur=presiden"), NETRA_OK);
    netra_ppk p;
    netra_coi_routing r;
    assert_int_equal(netra_ppk_resolve(&p, c, "pemkab", "X", "32.04"), NETRA_OK);
    assert_int_equal(netra_coi_route(&r, c, &p), NETRA_OK);
    assert_string_equal(r.to->id, "kepala_bkn");
    assert_string_equal(r.region, "");
    assert_false(r.rule->netra_default);
    assert_int_equal(netra_coi_set_routes(c, "bupati"), NETRA_EINVAL);
    assert_int_equal(netra_coi_set_routes(c, "bupati=raja"), NETRA_EINVAL);
    assert_int_equal(netra_coi_set_routes(c, "wali_kota=wali_kota"), NETRA_EINVAL);
    netra_coi_free(c);
    char n[16];
    assert_int_equal(netra_region_code_normalize(n, sizeof n, "3204"), NETRA_OK);
    assert_string_equal(n, "32.04");
    assert_int_equal(netra_region_code_normalize(n, sizeof n, "3204052001"), NETRA_OK);
    assert_string_equal(n, "32.04.05.2001");
    assert_int_equal(netra_region_code_normalize(n, sizeof n, "320"), NETRA_EINVAL);
}

/* A table with an error: file, line and field named. */
static void test_loader_errors(void **state)
{
    (void)state;
    char dir[] = "/tmp/netra-coi-data-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *src = getenv("NETRA_DATA_DIR");
    static const char *const files[] = {"authorities.tsv", "ppk.tsv", "conflict-routes.tsv"};
    char p[512], q[512];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/org/%s", src, files[i]);
        snprintf(q, sizeof q, "%s/%s", dir, files[i]);
        FILE *in = fopen(p, "r"), *out = fopen(q, "w");
        assert_non_null(in);
        assert_non_null(out);
        char line[4096];
        while (fgets(line, sizeof line, in) != NULL) {
            /* the route of the bupati names an office that does not exist */
            if (i == 2 && strncmp(line, "bupati\t", 7) == 0)
                fputs("bupati\traja\tnetra\tbasis\n", out);
            else
                fputs(line, out);
        }
        fclose(in);
        fclose(out);
    }
    netra_coi *c = NULL;
    assert_int_equal(netra_coi_load(&c, dir), NETRA_EDATA);
    assert_null(c);
    assert_non_null(strstr(netra_error_last()->msg, "conflict-routes.tsv:"));
    assert_non_null(strstr(netra_error_last()->msg, "field 'route_to'"));
    for (int i = 0; i < 3; i++) {
        snprintf(q, sizeof q, "%s/%s", dir, files[i]);
        unlink(q);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ppk_table),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_routes_configurable),
        cmocka_unit_test(test_loader_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
