/* Unit tests for src/lib/util/vec.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"

typedef struct pair {
    int a;
    double b;
} pair;

static void test_push_at(void **state)
{
    (void)state;
    nt_vec v;
    nt_vec_init(&v, sizeof(pair), 0);
    for (int i = 0; i < 1000; i++) {
        pair p = {i, i * 0.5};
        assert_non_null(nt_vec_push(&v, &p));
    }
    assert_int_equal(v.n, 1000);
    pair *p = nt_vec_at(&v, 999);
    assert_int_equal(p->a, 999);
    assert_null(nt_vec_at(&v, 1000));
    pair *z = nt_vec_push(&v, NULL);
    assert_int_equal(z->a, 0);
    nt_vec_free(&v);
}

static void test_bound(void **state)
{
    (void)state;
    nt_vec v;
    nt_vec_init(&v, sizeof(int), 3);
    int x = 1;
    assert_non_null(nt_vec_push(&v, &x));
    assert_non_null(nt_vec_push(&v, &x));
    assert_non_null(nt_vec_push(&v, &x));
    assert_null(nt_vec_push(&v, &x));
    assert_int_equal(netra_error_last()->code, NETRA_ETOOBIG);
    assert_int_equal(v.n, 3);
    nt_vec_free(&v);
}

static int fill(void *payload)
{
    (void)payload;
    nt_vec v;
    nt_vec_init(&v, sizeof(long), 0);
    for (long i = 0; i < 500; i++) {
        if (nt_vec_push(&v, &i) == NULL) {
            nt_vec_free(&v);
            return netra_error_last()->code;
        }
    }
    nt_vec_free(&v);
    return NETRA_OK;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(fill, NULL) >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_at),
        cmocka_unit_test(test_bound),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
