/* Unit tests for src/lib/region/norm.c: normalisation, UTF-8 check, edit distance. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "region/region_int.h"
#include "failalloc.h"

/* ---- norm.c ------------------------------------------------------------------------------- */

static void expect_norm(const char *in, const char *want)
{
    char out[NT_REGION_NORM_MAX + 1];
    size_t len;
    int err = nt_region_norm(out, sizeof out, &len, in, strlen(in));
    if (err != NETRA_OK)
        fail_msg("norm '%s': %d %s", in, err, netra_error_last()->msg);
    if (strcmp(out, want) != 0)
        fail_msg("norm '%s' gave '%s', expected '%s'", in, out, want);
    assert_int_equal(len, strlen(want));
}

static void test_norm(void **state)
{
    (void)state;
    expect_norm("Kabupaten Bandung", "kabupaten bandung");
    expect_norm("  KAB.BANDUNG  ", "kab bandung");
    expect_norm("Kab.  Bandung,, Barat!", "kab bandung barat");
    expect_norm("Toli-Toli", "toli toli");
    expect_norm("Ra'as", "raas");
    expect_norm("Ra\"as", "raas");
    expect_norm("Ra\xe2\x80\x99"
                "as",
                "raas");
    expect_norm("O'o'u", "oou");
    expect_norm("D.I. Yogyakarta", "di yogyakarta");
    expect_norm("N.T.T.", "ntt");
    expect_norm("D I Y", "diy");
    expect_norm("2 x 11 Anam Lingkuang", "2 x 11 anam lingkuang");
    expect_norm("Gn. Bintang Awai", "gunung bintang awai");
    expect_norm("Kep. Seribu", "kepulauan seribu");
    expect_norm("Tj. Priok", "tanjung priok");
    expect_norm("Na IX - X", "na ix x");
    expect_norm("a", "a");
    expect_norm("", "");
    expect_norm("...", "");
    expect_norm("Bandung \xc3\xa9", "bandung \xc3\xa9");

    char small[8];
    size_t len;
    assert_int_equal(nt_region_norm(small, sizeof small, &len, "Jawa Barat", 10), NETRA_ETOOBIG);
    assert_int_equal(nt_region_norm(small, sizeof small, &len, "gn gn", 5), NETRA_ETOOBIG);
    assert_int_equal(nt_region_norm(small, sizeof small, &len, "D I Y", 5), NETRA_OK);
    assert_string_equal(small, "diy");
    static char huge[NT_REGION_NORM_MAX + 2];
    memset(huge, 'a', sizeof huge - 1);
    char out[NT_REGION_NORM_MAX + 1];
    assert_int_equal(nt_region_norm(out, sizeof out, &len, huge, sizeof huge - 1), NETRA_ETOOBIG);

    char ns[32];
    assert_int_equal(nt_region_nospace(ns, "kota baru", 9), 8);
    assert_string_equal(ns, "kotabaru");
}

static void test_utf8(void **state)
{
    (void)state;
    assert_true(nt_region_utf8_ok("Bandung", 7));
    assert_true(nt_region_utf8_ok("Caf\xc3\xa9", 5));
    assert_true(nt_region_utf8_ok("\xe2\x80\x99", 3));
    assert_true(nt_region_utf8_ok("\xf0\x9f\x98\x80", 4));
    assert_false(nt_region_utf8_ok("a\tb", 3));
    assert_false(nt_region_utf8_ok("a\x7f", 2));
    assert_false(nt_region_utf8_ok("\xff", 1));
    assert_false(nt_region_utf8_ok("\xc3", 1));         /* truncated */
    assert_false(nt_region_utf8_ok("\xc0\xaf", 2));     /* overlong */
    assert_false(nt_region_utf8_ok("\xe0\x80\xaf", 3)); /* overlong */
    assert_false(nt_region_utf8_ok("\xed\xa0\x80", 3)); /* surrogate */
    assert_false(nt_region_utf8_ok("\xf4\x90\x80\x80", 4));
    assert_false(nt_region_utf8_ok("\xc2\x85", 2)); /* C1 control */
    assert_false(nt_region_utf8_ok("\xc3(", 2));
}

static void test_osa(void **state)
{
    (void)state;
    assert_int_equal(nt_region_osa("bandung", 7, "bandung", 7, 2), 0);
    assert_int_equal(nt_region_osa("bandng", 6, "bandung", 7, 2), 1);
    assert_int_equal(nt_region_osa("badnung", 7, "bandung", 7, 2), 1); /* a swap */
    assert_int_equal(nt_region_osa("bandong", 7, "bandung", 7, 2), 1);
    assert_int_equal(nt_region_osa("bndng", 5, "bandung", 7, 2), 2);
    assert_int_equal(nt_region_osa("bndng", 5, "bandung", 7, 1), 2); /* over k: k + 1 */
    assert_int_equal(nt_region_osa("abcdef", 6, "ghijkl", 6, 2), 3); /* early exit */
    assert_int_equal(nt_region_osa("a", 1, "abcd", 4, 2), 3);        /* length gap */
    assert_int_equal(nt_region_osa("", 0, "ab", 2, 2), 2);
    char longa[120];
    memset(longa, 'a', sizeof longa);
    assert_int_equal(nt_region_osa(longa, 120, longa, 120, 2), 3); /* beyond 96 bytes */
    assert_int_equal(
        nt_region_mask_missing(nt_region_mask("bandung", 7), nt_region_mask("badung", 6)), 0);
    assert_int_equal(
        nt_region_mask_missing(nt_region_mask("bandung", 7), nt_region_mask("aceh", 4)), 5);
    assert_int_equal(nt_region_type_word("kab", 3), NT_REGION_TYPE_KABUPATEN);
    assert_int_equal(nt_region_type_word("kot", 3), NT_REGION_TYPE_KOTA);
    assert_int_equal(nt_region_type_word("distrik", 7), NT_REGION_TYPE_DISTRICT);
    assert_int_equal(nt_region_type_word("provinsi", 8), NT_REGION_TYPE_PROVINCE);
    assert_int_equal(nt_region_type_word("bandung", 7), NT_REGION_TYPE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_osa),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
