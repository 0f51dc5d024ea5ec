/* Unit tests for src/lib/util/buf.c: the bounded buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"

static void test_append_and_terminate(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 1000);
    assert_string_equal(nt_buf_cstr(&b), "");
    assert_int_equal(nt_buf_adds(&b, "netra"), NETRA_OK);
    assert_int_equal(nt_buf_addc(&b, '-'), NETRA_OK);
    assert_int_equal(nt_buf_addf(&b, "%d/%s", 7, "2022"), NETRA_OK);
    assert_string_equal(b.ptr, "netra-7/2022");
    assert_int_equal(b.len, 12);
    nt_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(nt_buf_cstr(&b), "");
    nt_buf_free(&b);
}

static void test_limit_frees_buffer(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 8);
    assert_int_equal(nt_buf_adds(&b, "12345678"), NETRA_OK);
    assert_int_equal(nt_buf_addc(&b, '9'), NETRA_ETOOBIG);
    assert_null(b.ptr);
    assert_int_equal(b.len, 0);
    assert_int_equal(netra_error_last()->code, NETRA_ETOOBIG);
    /* usable again after the failure */
    assert_int_equal(nt_buf_adds(&b, "ok"), NETRA_OK);
    assert_string_equal(b.ptr, "ok");
    nt_buf_free(&b);
}

static void test_long_format(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 100000);
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(nt_buf_addf(&b, "[%s]", big), NETRA_OK);
    assert_int_equal(b.len, 2001);
    assert_int_equal(b.ptr[0], '[');
    assert_int_equal(b.ptr[2000], ']');
    size_t len;
    char *p = nt_buf_detach(&b, &len);
    assert_int_equal(len, 2001);
    assert_null(b.ptr);
    nt_free(p);
}

static void test_detach_empty(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 10);
    size_t len = 99;
    char *p = nt_buf_detach(&b, &len);
    assert_non_null(p);
    assert_string_equal(p, "");
    assert_int_equal(len, 0);
    nt_free(p);
}

static int build_some(void *payload)
{
    (void)payload;
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    for (int i = 0; i < 200; i++) {
        int err = nt_buf_addf(&b, "line %d of a longer text\n", i);
        if (err < 0)
            return err; /* the buffer freed itself */
    }
    char *p = nt_buf_detach(&b, NULL);
    if (p == NULL)
        return NETRA_ENOMEM;
    nt_free(p);
    return NETRA_OK;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(build_some, NULL) > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_terminate), cmocka_unit_test(test_limit_frees_buffer),
        cmocka_unit_test(test_long_format),          cmocka_unit_test(test_detach_empty),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
