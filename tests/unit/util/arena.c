/* Unit tests for src/lib/util/arena.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"

static void test_alignment_and_content(void **state)
{
    (void)state;
    nt_arena a;
    nt_arena_init(&a, 256, 0);
    char *prev = NULL;
    for (int i = 0; i < 500; i++) {
        char *p = nt_arena_alloc(&a, (size_t)(i % 37) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 'a' + i % 26, (size_t)(i % 37) + 1);
        assert_ptr_not_equal(p, prev);
        prev = p;
    }
    char *s = nt_arena_strdup(&a, "Bawaslu");
    assert_string_equal(s, "Bawaslu");
    char *t = nt_arena_strndup(&a, "Kabupaten Bandung", 9);
    assert_string_equal(t, "Kabupaten");
    nt_arena_free(&a);
}

static void test_big_allocations_keep_chunk(void **state)
{
    (void)state;
    nt_arena a;
    nt_arena_init(&a, 1024, 0);
    char *small1 = nt_arena_alloc(&a, 16);
    char *big = nt_arena_alloc(&a, 5000);
    char *small2 = nt_arena_alloc(&a, 16);
    assert_non_null(small1);
    assert_non_null(big);
    memset(big, 0, 5000);
    /* the small allocations share the first chunk: the big one had its own */
    assert_ptr_equal(small2, small1 + 16);
    nt_arena_free(&a);
}

static void test_limit(void **state)
{
    (void)state;
    nt_arena a;
    nt_arena_init(&a, 1024, 4096);
    int failed = 0;
    for (int i = 0; i < 100; i++) {
        if (nt_arena_alloc(&a, 200) == NULL) {
            failed = 1;
            break;
        }
    }
    assert_true(failed);
    assert_int_equal(netra_error_last()->code, NETRA_ETOOBIG);
    assert_true(a.total <= 4096);
    nt_arena_free(&a);
}

static void test_reset_reuses(void **state)
{
    (void)state;
    nt_arena a;
    nt_arena_init(&a, 512, 0);
    for (int i = 0; i < 50; i++)
        assert_non_null(nt_arena_alloc(&a, 100));
    nt_arena_reset(&a);
    assert_true(a.total <= 512 + 64);
    assert_non_null(nt_arena_alloc(&a, 100));
    nt_arena_free(&a);
    assert_int_equal(a.total, 0);
}

static int fill(void *payload)
{
    (void)payload;
    nt_arena a;
    nt_arena_init(&a, 128, 0);
    for (int i = 0; i < 40; i++) {
        if (nt_arena_strdup(&a, "pelanggaran netralitas ASN") == NULL) {
            nt_arena_free(&a);
            return netra_error_last()->code;
        }
    }
    nt_arena_free(&a);
    return NETRA_OK;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(fill, NULL) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_and_content),
        cmocka_unit_test(test_big_allocations_keep_chunk),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_reset_reuses),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
