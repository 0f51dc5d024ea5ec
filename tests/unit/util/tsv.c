/* Unit tests for src/lib/util/tsv.c: the data file reader and its error messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"

static const char *const cols[] = {"id", "date", NULL};

static void test_reads_records(void **state)
{
    (void)state;
    const char *f = "# comment\n\nid\tdate\tnote\n"
                    "KE-1\t2024-01-02\t\n"
                    "# another\n"
                    "D-6\t2024-09-22\tx\r\n";
    nt_tsv t;
    assert_int_equal(nt_tsv_open(&t, "f.tsv", f, strlen(f), cols), NETRA_OK);
    assert_int_equal(t.rec.n_cols, 3);
    assert_int_equal(nt_tsv_next(&t), 1);
    size_t len;
    assert_string_equal(nt_tsv_get(&t, "id", &len), "KE-1");
    assert_int_equal(t.rec.line, 4);
    assert_int_equal(nt_tsv_next(&t), 1);
    assert_string_equal(nt_tsv_get(&t, "note", &len), "x");
    netra_date d;
    assert_int_equal(nt_tsv_get_date(&d, &t, "date", 0, NULL), NETRA_OK);
    assert_int_equal(nt_tsv_next(&t), 0);
    nt_tsv_close(&t);
}

static void expect_error(const char *f, const char *needle)
{
    nt_tsv t;
    int err = nt_tsv_open(&t, "bad.tsv", f, strlen(f), cols);
    if (err == NETRA_OK) {
        while ((err = nt_tsv_next(&t)) > 0) {
            netra_date d;
            err = nt_tsv_get_date(&d, &t, "date", 0, NULL);
            if (err < 0)
                break;
        }
        nt_tsv_close(&t);
    }
    assert_int_equal(err, NETRA_EDATA);
    nt_test_assert_msg(needle);
}

static void test_errors_name_line_and_field(void **state)
{
    (void)state;
    expect_error("", "no header");
    expect_error("# only comments\n", "no header");
    expect_error("id\tnote\n", "bad.tsv:1: field 'date': missing from the header");
    expect_error("id\tdate\tid\n", "column 'id' twice");
    expect_error("id\tdate\nA\n", "bad.tsv:2: 1 fields, the header has 2");
    expect_error("id\tdate\nA\t2024-02-30\n", "bad.tsv:2: field 'date': day 30");
    expect_error("id\tdate\n\n\nA\t\n", "bad.tsv:4: field 'date': empty");
    expect_error("id\tdate\nA\t2024-01-01\tx\n", "3 fields");
}

static void test_nul_byte_rejected(void **state)
{
    (void)state;
    const char f[] = "id\tdate\nA\0B\t2024-01-01\n";
    nt_tsv t;
    assert_int_equal(nt_tsv_open(&t, "nul.tsv", f, sizeof f - 1, cols), NETRA_OK);
    assert_int_equal(nt_tsv_next(&t), NETRA_EDATA);
    assert_non_null(strstr(netra_error_last()->msg, "nul.tsv:2: NUL byte"));
    nt_tsv_close(&t);
}

static int read_all(void *payload)
{
    const char *f = payload;
    nt_tsv t;
    int err = nt_tsv_open(&t, "m.tsv", f, strlen(f), cols);
    if (err < 0)
        return err;
    nt_arena a;
    nt_arena_init(&a, 64, 0);
    while ((err = nt_tsv_next(&t)) > 0) {
        const char *s;
        err = nt_tsv_get_str(&s, &t, "id", &a, 0);
        if (err < 0)
            break;
    }
    nt_arena_free(&a);
    nt_tsv_close(&t);
    return err < 0 ? err : NETRA_OK;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    const char *f = "id\tdate\nKE-1\t2024-01-01\nKE-2\t2024-01-01\nKE-3\t2024-01-01\n"
                    "a-longer-identifier-that-needs-another-chunk-of-the-arena\t2024-01-01\n";
    assert_true(nt_test_torture(read_all, (void *)(uintptr_t)f) >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_records),
        cmocka_unit_test(test_errors_name_line_and_field),
        cmocka_unit_test(test_nul_byte_rejected),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
