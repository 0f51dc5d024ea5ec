/*
 * alloc.c - the single allocator table of libnetra, and the data directory setting.
 *
 * Tests swap the table for a failing allocator (tests/support/failalloc.c) to prove that
 * every allocation failure ends in NETRA_ENOMEM without a leak.
 */
#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"

static void *libc_malloc(size_t size, void *payload)
{
    (void)payload;
    return malloc(size);
}

static void *libc_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return realloc(ptr, size);
}

static void libc_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

static netra_allocator g_alloc = {libc_malloc, libc_realloc, libc_free, NULL};

void netra_allocator_set(const netra_allocator *allocator)
{
    if (allocator == NULL) {
        g_alloc.malloc = libc_malloc;
        g_alloc.realloc = libc_realloc;
        g_alloc.free = libc_free;
        g_alloc.payload = NULL;
    } else {
        g_alloc = *allocator;
    }
}

void *nt_malloc(size_t size)
{
    void *p = g_alloc.malloc(size ? size : 1, g_alloc.payload);
    if (p == NULL)
        nt_error_set_oom();
    return p;
}

void *nt_calloc(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        nt_error_set_oom();
        return NULL;
    }
    void *p = nt_malloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

void *nt_realloc(void *ptr, size_t size)
{
    void *p = g_alloc.realloc(ptr, size ? size : 1, g_alloc.payload);
    if (p == NULL)
        nt_error_set_oom();
    return p;
}

void nt_free(void *ptr)
{
    if (ptr != NULL)
        g_alloc.free(ptr, g_alloc.payload);
}

char *nt_strndup(const char *s, size_t len)
{
    char *p = nt_malloc(len + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *nt_strdup(const char *s)
{
    return nt_strndup(s, strlen(s));
}

/* ---- data directory ---------------------------------------------------------------------*/

#ifndef NETRA_DEFAULT_DATA_DIR
#define NETRA_DEFAULT_DATA_DIR "data"
#endif

#define DATA_DIR_MAX 4096
static char g_data_dir[DATA_DIR_MAX];
static int g_data_dir_set;

const char *netra_data_dir(void)
{
    if (g_data_dir_set)
        return g_data_dir;
    const char *env = getenv("NETRA_DATA_DIR");
    if (env != NULL && env[0] != '\0')
        return env;
    return NETRA_DEFAULT_DATA_DIR;
}

int netra_data_dir_set(const char *dir)
{
    if (dir == NULL) {
        g_data_dir_set = 0;
        return NETRA_OK;
    }
    size_t len = strlen(dir);
    if (len >= DATA_DIR_MAX)
        return nt_error_set(NETRA_ETOOBIG, "data directory path is %zu bytes, limit %d", len,
                            DATA_DIR_MAX - 1);
    memcpy(g_data_dir, dir, len + 1);
    g_data_dir_set = 1;
    return NETRA_OK;
}
