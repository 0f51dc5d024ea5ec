/* Unit tests for src/lib/util/csv.c: the RFC 4180 reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"

static const char *const cols[] = {"code", "name", NULL};

static void assert_msg_has(const char *needle)
{
    nt_test_assert_msg(needle);
}

static void test_reads_rfc4180(void **state)
{
    (void)state;
    const char f[] = "\xEF\xBB\xBF"
                     "code,name,extra\r\n"
                     "11,Aceh,\r\n"
                     "\n"
                     "35.29.22,\"Ra\"\"as\",\"a, b\"\n"
                     "\"12\",\"Two\nlines\",\"\"\n"
                     "13,Last,x";
    nt_csv c;
    assert_int_equal(nt_csv_open(&c, "t.csv", f, sizeof f - 1, 4096, cols), NETRA_OK);
    assert_int_equal(c.rec.n_cols, 3);
    assert_string_equal(c.rec.col_names[0], "code");
    assert_int_equal(nt_csv_col(&c, "extra"), 2);
    assert_int_equal(nt_csv_col(&c, "nope"), -1);

    size_t len;
    assert_int_equal(nt_csv_next(&c), 1);
    assert_int_equal(c.rec.line, 2);
    assert_string_equal(nt_csv_get(&c, "name", &len), "Aceh");
    assert_string_equal(nt_csv_get(&c, "extra", &len), "");
    assert_int_equal(len, 0);

    assert_int_equal(nt_csv_next(&c), 1);
    assert_int_equal(c.rec.line, 4); /* the blank line 3 is skipped */
    assert_string_equal(nt_csv_get(&c, "name", &len), "Ra\"as");
    assert_int_equal(len, 5);
    assert_string_equal(nt_csv_get(&c, "extra", NULL), "a, b");

    assert_int_equal(nt_csv_next(&c), 1);
    assert_int_equal(c.rec.line, 5);
    assert_string_equal(nt_csv_get(&c, "code", NULL), "12");
    assert_string_equal(nt_csv_get(&c, "name", NULL), "Two\nlines");
    assert_string_equal(nt_csv_get(&c, "absent", &len), "");

    assert_int_equal(nt_csv_next(&c), 1);
    assert_int_equal(c.rec.line, 7); /* the quoted newline counted as a line */
    assert_string_equal(nt_csv_get(&c, "extra", NULL), "x");
    assert_int_equal(nt_csv_next(&c), 0);
    assert_int_equal(nt_csv_next(&c), 0);
    nt_csv_close(&c);
    nt_csv_close(&c); /* closing twice is harmless */
}

static void expect_error(const char *f, size_t len, const char *needle)
{
    nt_csv c;
    int err = nt_csv_open(&c, "bad.csv", f, len, 65536, cols);
    if (err == NETRA_OK) {
        while ((err = nt_csv_next(&c)) > 0)
            ;
        nt_csv_close(&c);
    }
    if (err != NETRA_EDATA)
        fail_msg("expected NETRA_EDATA for '%s', got %d (%s)", needle, err,
                 netra_error_last()->msg);
    assert_msg_has(needle);
}

#define EXPECT_ERROR(lit, needle) expect_error(lit, sizeof(lit) - 1, needle)

static void test_errors(void **state)
{
    (void)state;
    EXPECT_ERROR("", "bad.csv: empty file, no header line");
    EXPECT_ERROR("\n\r\n", "empty file");
    EXPECT_ERROR("code,nama\n", "bad.csv:1: field 'name': missing from the header");
    EXPECT_ERROR("code,,name\n", "bad.csv:1: header column 2 has no name");
    EXPECT_ERROR("code,name,code\n", "header names column 'code' twice");
    EXPECT_ERROR("code,name\n11,\"Aceh\n", "bad.csv:2: quoted field 2 is not closed");
    EXPECT_ERROR("code,name\n11,\"Aceh\"x\n", "bad.csv:2: text after the closing quote of field 2");
    EXPECT_ERROR("code,name\n11,Ac\"eh\n", "bad.csv:2: quote inside unquoted field 2");
    EXPECT_ERROR("code,name\n11,Aceh\rx\n", "bad.csv:2: carriage return not followed");
    EXPECT_ERROR("code,name\n11,Ac\0eh\n", "bad.csv:2: NUL byte in field 2");
    EXPECT_ERROR("code,name\n11,\"Ac\0eh\"\n", "bad.csv:2: NUL byte in field 2");
    EXPECT_ERROR("code,name\n11\n", "bad.csv:2: 1 fields, the header has 2");
    EXPECT_ERROR("code,name\n11,Aceh\n12,a,b\n", "bad.csv:3: 3 fields, the header has 2");
    EXPECT_ERROR("code,name\n,,,,,,,,,,,,,,,,,\n", "bad.csv:2: more than 16 fields");
    EXPECT_ERROR("code,name\n\"a\nb\nc\",x,y\n", "bad.csv:2: 3 fields");

    /* A record longer than NT_CSV_MAX_RECORD, quoted or not. */
    static char big[NT_CSV_MAX_RECORD + 64];
    int n = snprintf(big, sizeof big, "code,name\n11,");
    memset(big + n, 'a', NT_CSV_MAX_RECORD + 10);
    expect_error(big, (size_t)n + NT_CSV_MAX_RECORD + 10, "bad.csv:2: record longer than 4096");
    big[n] = '"';
    expect_error(big, (size_t)n + NT_CSV_MAX_RECORD + 10, "bad.csv:2: record longer than 4096");

    nt_csv c;
    assert_int_equal(nt_csv_open(&c, "big.csv", "code,name\n", 10, 5, cols), NETRA_ETOOBIG);
    assert_int_equal(nt_csv_open(&c, "/nonexistent/x.csv", NULL, 0, 100, cols), NETRA_EIO);
    assert_msg_has("/nonexistent/x.csv: cannot open");
    assert_int_equal(nt_csv_open(&c, NULL, NULL, 0, 100, cols), NETRA_EINVAL);
}

static void test_error_helper(void **state)
{
    (void)state;
    nt_csv c;
    const char f[] = "code,name\n\n11,Aceh\n";
    assert_int_equal(nt_csv_open(&c, "x.csv", f, sizeof f - 1, 100, NULL), NETRA_OK);
    assert_int_equal(nt_csv_next(&c), 1);
    assert_int_equal(nt_csv_error(&c, "name", "bad %s", "thing"), NETRA_EDATA);
    assert_string_equal(netra_error_last()->msg, "x.csv:3: field 'name': bad thing");
    assert_int_equal(nt_csv_error(&c, NULL, "whole record"), NETRA_EDATA);
    assert_string_equal(netra_error_last()->msg, "x.csv:3: whole record");
    nt_csv_close(&c);
}

static int read_all(void *payload)
{
    const char *f = payload;
    nt_csv c;
    int err = nt_csv_open(&c, "m.csv", f, strlen(f), 4096, cols);
    if (err < 0)
        return err;
    while ((err = nt_csv_next(&c)) > 0)
        ;
    nt_csv_close(&c);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    const char *f = "code,name\n11,Aceh\n12,\"Sumatera, Utara\"\n";
    assert_true(nt_test_torture(read_all, (void *)(uintptr_t)f) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_rfc4180),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_helper),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
