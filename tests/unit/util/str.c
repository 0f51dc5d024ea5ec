/* Unit tests for src/lib/util/str.c and error.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"

static void test_parse_long(void **state)
{
    (void)state;
    long v;
    assert_int_equal(nt_parse_long(&v, "42", 2, 0, 100), NETRA_OK);
    assert_int_equal(v, 42);
    assert_int_equal(nt_parse_long(&v, "-7", 2, -10, 10), NETRA_OK);
    assert_int_equal(v, -7);
    assert_int_equal(nt_parse_long(&v, "101", 3, 0, 100), NETRA_EINVAL);
    assert_int_equal(nt_parse_long(&v, "", 0, 0, 100), NETRA_EINVAL);
    assert_int_equal(nt_parse_long(&v, "-", 1, -5, 100), NETRA_EINVAL);
    assert_int_equal(nt_parse_long(&v, "1a", 2, 0, 100), NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "byte 2"));
    assert_int_equal(nt_parse_long(&v, " 1", 2, 0, 100), NETRA_EINVAL);
    assert_int_equal(nt_parse_long(&v, "99999999999999999999999", 23, LONG_MIN, LONG_MAX),
                     NETRA_EINVAL);
    assert_int_equal(nt_parse_long(&v, "9223372036854775807", 19, LONG_MIN, LONG_MAX), NETRA_OK);
    assert_int_equal(v, LONG_MAX);
    assert_int_equal(nt_parse_long(&v, "-9223372036854775808", 20, LONG_MIN, LONG_MAX), NETRA_OK);
    assert_int_equal(v, LONG_MIN);
}

static int count_part(const char *part, size_t plen, void *payload)
{
    (void)part;
    size_t *n = payload;
    n[0]++;
    n[1] += plen;
    return NETRA_OK;
}

static void test_split_and_compare(void **state)
{
    (void)state;
    size_t n[2] = {0, 0};
    const char *s = "post,comment,,like";
    assert_int_equal(nt_str_split(s, strlen(s), ',', count_part, n), NETRA_OK);
    assert_int_equal(n[0], 4);
    assert_int_equal(n[1], 15);
    assert_true(nt_str_eq("abc", 3, "abc"));
    assert_false(nt_str_eq("abc", 2, "abc"));
    assert_true(nt_str_ieq_ascii("KOTA", "kota"));
    assert_false(nt_str_ieq_ascii("KOTA", "kot"));
}

static void test_errors(void **state)
{
    (void)state;
    netra_error_clear();
    assert_int_equal(netra_error_last()->code, NETRA_OK);
    assert_int_equal(nt_error_set(NETRA_EINVAL, "field '%s' bad", "nip"), NETRA_EINVAL);
    assert_string_equal(netra_error_last()->msg, "field 'nip' bad");
    nt_error_prefix("%s:%d", "forms.tsv", 3);
    assert_string_equal(netra_error_last()->msg, "forms.tsv:3: field 'nip' bad");
    assert_int_equal(netra_error_last()->code, NETRA_EINVAL);
    char big[2000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    nt_error_set(NETRA_EIO, "%s", big);
    assert_int_equal(strlen(netra_error_last()->msg), NETRA_ERROR_MSG_MAX - 1);
    assert_string_equal(netra_strerror(NETRA_ENOMEM), "out of memory");
    assert_string_equal(netra_strerror(12345), "unknown error");
    nt_error_set_oom();
    assert_int_equal(netra_error_last()->code, NETRA_ENOMEM);
}

static void test_file_read_limit(void **state)
{
    (void)state;
    char *data;
    size_t len;
    assert_int_equal(nt_file_read(&data, &len, "/nonexistent/netra", 100), NETRA_EIO);
    assert_non_null(strstr(netra_error_last()->msg, "/nonexistent/netra"));
    assert_int_equal(nt_file_read(&data, &len, "/etc/passwd", 4), NETRA_ETOOBIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_long),
        cmocka_unit_test(test_split_and_compare),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_file_read_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
