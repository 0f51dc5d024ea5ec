/*
 * failalloc.c - see failalloc.h. Each block carries a 16-byte header with its size so
 * realloc can be implemented over malloc/free and live blocks counted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "netra/common.h"
#include "netra/error.h"
#include "failalloc.h"

#define HDR 16

static long g_count, g_live, g_fail_at;
static int g_failed;

static void *fa_malloc(size_t size, void *payload)
{
    (void)payload;
    g_count++;
    if (g_fail_at != 0 && g_count == g_fail_at) {
        g_failed = 1;
        return NULL;
    }
    unsigned char *p = malloc(size + HDR);
    if (p == NULL)
        return NULL;
    memcpy(p, &size, sizeof size);
    g_live++;
    return p + HDR;
}

static void fa_free(void *ptr, void *payload)
{
    (void)payload;
    if (ptr == NULL)
        return;
    g_live--;
    free((unsigned char *)ptr - HDR);
}

static void *fa_realloc(void *ptr, size_t size, void *payload)
{
    if (ptr == NULL)
        return fa_malloc(size, payload);
    size_t old;
    memcpy(&old, (unsigned char *)ptr - HDR, sizeof old);
    void *n = fa_malloc(size, payload);
    if (n == NULL)
        return NULL;
    memcpy(n, ptr, old < size ? old : size);
    fa_free(ptr, payload);
    return n;
}

void nt_test_failalloc_install(long fail_at)
{
    netra_allocator a = {fa_malloc, fa_realloc, fa_free, NULL};
    g_count = 0;
    g_live = 0;
    g_failed = 0;
    g_fail_at = fail_at;
    netra_allocator_set(&a);
}

void nt_test_failalloc_remove(void)
{
    netra_allocator_set(NULL);
}

long nt_test_failalloc_count(void)
{
    return g_count;
}

long nt_test_failalloc_live(void)
{
    return g_live;
}

int nt_test_failalloc_failed(void)
{
    return g_failed;
}

long nt_test_torture(int (*fn)(void *payload), void *payload)
{
    nt_test_failalloc_install(0);
    int err = fn(payload);
    long total = nt_test_failalloc_count();
    long live = nt_test_failalloc_live();
    nt_test_failalloc_remove();
    if (err != NETRA_OK)
        fail_msg("clean run failed: %d %s", err, netra_error_last()->msg);
    if (live != 0)
        fail_msg("clean run leaked %ld blocks", live);
    for (long n = 1; n <= total; n++) {
        nt_test_failalloc_install(n);
        err = fn(payload);
        live = nt_test_failalloc_live();
        int failed = nt_test_failalloc_failed();
        nt_test_failalloc_remove();
        if (!failed)
            continue; /* the run took another path with fewer allocations */
        if (err != NETRA_ENOMEM)
            fail_msg("allocation %ld/%ld failed but the call returned %d (%s)", n, total, err,
                     netra_error_last()->msg);
        if (live != 0)
            fail_msg("allocation %ld/%ld failed and %ld blocks leaked", n, total, live);
    }
    return total;
}

void nt_test_assert_msg(const char *needle)
{
    if (strstr(netra_error_last()->msg, needle) == NULL)
        fail_msg("expected '%s' in '%s'", needle, netra_error_last()->msg);
}
