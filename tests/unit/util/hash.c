/* Unit tests for src/lib/util/hash.c, including a model test against a plain array. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"

static void test_put_get_replace_delete(void **state)
{
    (void)state;
    nt_map m;
    nt_map_init(&m);
    int a = 1, b = 2, c = 3;
    void *old;
    assert_null(nt_map_get(&m, "x", 1));
    assert_int_equal(nt_map_put(&m, "KE-1", 4, &a, &old), NETRA_OK);
    assert_null(old);
    assert_int_equal(nt_map_put(&m, "D-6", 3, &b, NULL), NETRA_OK);
    assert_ptr_equal(nt_map_get(&m, "KE-1", 4), &a);
    assert_ptr_equal(nt_map_get(&m, "D-6", 3), &b);
    assert_int_equal(nt_map_put(&m, "D-6", 3, &c, &old), NETRA_OK);
    assert_ptr_equal(old, &b);
    assert_int_equal(m.n, 2);
    assert_ptr_equal(nt_map_del(&m, "KE-1", 4), &a);
    assert_false(nt_map_has(&m, "KE-1", 4));
    assert_true(nt_map_has(&m, "D-6", 3));
    /* an empty key is a key */
    assert_int_equal(nt_map_put(&m, "", 0, &a, NULL), NETRA_OK);
    assert_ptr_equal(nt_map_get(&m, "", 0), &a);
    nt_map_free(&m);
}

/* Model test: random operations on the map and on a reference array must agree. */
static void test_model(void **state)
{
    (void)state;
    enum { KEYS = 500 };
    static char keys[KEYS][16];
    static int present[KEYS];
    static long values[KEYS];
    for (int i = 0; i < KEYS; i++) {
        int n = snprintf(keys[i], sizeof keys[i], "k%d", i * 7919);
        assert_true(n > 0);
    }
    nt_map m;
    nt_map_init(&m);
    uint32_t rng = 12345;
    for (int step = 0; step < 20000; step++) {
        rng = rng * 1103515245u + 12345u;
        int k = (int)((rng >> 8) % KEYS);
        int op = (int)((rng >> 4) % 3);
        size_t kl = strlen(keys[k]);
        if (op < 2) {
            values[k] = step;
            present[k] = 1;
            assert_int_equal(nt_map_put(&m, keys[k], kl, &values[k], NULL), NETRA_OK);
        } else {
            void *v = nt_map_del(&m, keys[k], kl);
            assert_true((v != NULL) == (present[k] != 0));
            present[k] = 0;
        }
    }
    size_t n = 0;
    for (int k = 0; k < KEYS; k++) {
        void *v = nt_map_get(&m, keys[k], strlen(keys[k]));
        assert_true((v != NULL) == (present[k] != 0));
        if (v != NULL)
            assert_ptr_equal(v, &values[k]);
        n += present[k] != 0;
    }
    assert_int_equal(m.n, n);
    size_t it = 0, seen = 0;
    while (nt_map_next(&m, &it, NULL, NULL, NULL))
        seen++;
    assert_int_equal(seen, n);
    nt_map_free(&m);
}

static int fill(void *payload)
{
    (void)payload;
    static char keys[300][8];
    nt_map m;
    nt_map_init(&m);
    for (int i = 0; i < 300; i++) {
        snprintf(keys[i], sizeof keys[i], "%d", i);
        int err = nt_map_put(&m, keys[i], strlen(keys[i]), keys[i], NULL);
        if (err < 0) {
            nt_map_free(&m);
            return err;
        }
    }
    nt_map_free(&m);
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
        cmocka_unit_test(test_put_get_replace_delete),
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
