/* Unit tests for src/lib/region/geojson.c: code matching, Douglas-Peucker on a hand-made
 * ring, the streaming scanner's errors with byte offsets, bounds, and allocation-failure
 * torture. Needs the region data (NETRA_REGION_DIR). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/geojson.h"
#include "failalloc.h"

static netra_regions *regs;
static netra_geojson_report rep;

static int setup(void **state)
{
    (void)state;
    if (netra_regions_load(&regs, NULL) != NETRA_OK) {
        fprintf(stderr, "regions: %s\n", netra_error_last()->msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    netra_regions_free(regs);
    return 0;
}

static int import(const char *json, const netra_geojson_options *o)
{
    return netra_geojson_import(&rep, regs, "t.geojson", json, strlen(json), NULL, o);
}

/* A 1 x 1 degree square around Kabupaten Bandung with a point every 0.25 degree on each
 * side: 16 distinct points + the closing one = 17. Every intermediate point lies on a side
 * (distance 0 from the chord), so Douglas-Peucker keeps only the 4 corners + closing = 5. */
static const char *square =
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
    "{\"kode_wilayah\":\"32.04\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
    "[107,-7],[107.25,-7],[107.5,-7],[107.75,-7],[108,-7],[108,-7.25],[108,-7.5],[108,-7.75],"
    "[108,-8],[107.75,-8],[107.5,-8],[107.25,-8],[107,-8],[107,-7.75],[107,-7.5],[107,-7.25],"
    "[107,-7]]]}}]}";

static void test_simplify_square(void **state)
{
    (void)state;
    netra_geojson_options o = NETRA_GEOJSON_OPTIONS_INIT;
    assert_int_equal(import(square, &o), NETRA_OK);
    assert_int_equal(rep.features, 1);
    assert_int_equal(rep.matched, 1);
    assert_int_equal(rep.by_level[NETRA_REGION_REGENCY], 1);
    assert_int_equal(rep.points_in, 17);
    assert_int_equal(rep.points_out, 5);
    assert_int_equal(rep.missing[NETRA_REGION_REGENCY], 513);
    o.tolerance = 0; /* no simplification */
    assert_int_equal(import(square, &o), NETRA_OK);
    assert_int_equal(rep.points_out, 17);
}

static void test_codes(void **state)
{
    (void)state;
    const char *j =
        "{\"features\":[{\"type\":\"Feature\",\"id\":35,\"properties\":null,\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[112,-7],[113,-7],[113,-8],[112,-7]]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"KODE\":\"9103\",\"name\":\"x\"},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[140,-3],[141,-3],[141,-4],[140,-3]]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"kode\":\"32.04.01.2001\"},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[107,-7],[108,-7],[108,-8],[107,-7]]]}}],"
        "\"type\":\"FeatureCollection\"}";
    assert_int_equal(import(j, NULL), NETRA_OK);
    assert_int_equal(rep.features, 3);
    assert_int_equal(rep.by_level[NETRA_REGION_PROVINCE], 1); /* id 35 = Jawa Timur */
    assert_int_equal(rep.by_level[NETRA_REGION_REGENCY], 1);  /* 91.03 Kabupaten Jayapura */
    assert_int_equal(rep.unmatched, 1);                       /* a desa code */
    assert_int_equal(rep.listed[0].feature, 2);
    assert_true(rep.listed[0].offset > 200);
    assert_string_equal(rep.listed[0].code, "32.04.01.2001");
}

static void expect(const char *json, int code, const char *needle)
{
    netra_geojson_options o = NETRA_GEOJSON_OPTIONS_INIT;
    o.max_feature = 300;
    int err = import(json, &o);
    if (err != code)
        fail_msg("%s: got %d (%s)", needle, err, netra_error_last()->msg);
    nt_test_assert_msg(needle);
}

static void test_errors(void **state)
{
    (void)state;
    expect("", NETRA_EDATA, "t.geojson: unexpected end of input (empty)");
    expect("  [", NETRA_EDATA, "t.geojson: byte 2: a GeoJSON FeatureCollection starts with '{'");
    expect("{\"type\":\"FeatureCollection\"}", NETRA_EDATA, "no 'features' array");
    expect("{\"features\":{}}", NETRA_EDATA, "byte 12: 'features' must be an array");
    expect("{\"features\":[1]}", NETRA_EDATA, "byte 13: 'features' must hold objects");
    expect("{\"features\":[]} x", NETRA_EDATA, "byte 16: text after the end");
    expect("{\"features\":[{\"a\":1,}]}", NETRA_EDATA, "t.geojson: byte 20:");
    expect("{\"features\":[{\"properties\":{\"code\":\"32\"},\"geometry\":{\"type\":\"Polygon\","
           "\"coordinates\":[[[0,0],[1,1]]]}}]}",
           NETRA_EDATA, "byte 13: a ring needs an array of at least 4 positions");
    char big[1024];
    snprintf(big, sizeof big, "{\"features\":[{\"properties\":{\"name\":\"%0400d\"}}]}", 0);
    expect(big, NETRA_EDATA, "byte 13: feature longer than 300 bytes");
    netra_geojson_options o = NETRA_GEOJSON_OPTIONS_INIT;
    o.max_bytes = 10;
    assert_int_equal(import(square, &o), NETRA_ETOOBIG);
}

static int torture_run(void *payload)
{
    (void)payload;
    return import(square, NULL);
}

static void test_torture(void **state)
{
    (void)state;
    assert_true(nt_test_torture(torture_run, NULL) >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simplify_square),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_torture),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
