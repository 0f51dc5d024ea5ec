/*
 * common.h - definitions shared by every public header of libnetra: the export macro,
 * the allocator table and the data directory.
 */
#ifndef NETRA_COMMON_H
#define NETRA_COMMON_H

#include <stddef.h>

#if defined(__GNUC__) && defined(NETRA_BUILDING_LIBRARY)
#define NETRA_API __attribute__((visibility("default")))
#else
#define NETRA_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The allocator table every allocation of libnetra goes through.
 *
 * `malloc` and `realloc` return NULL on failure; libnetra then returns NETRA_ENOMEM and never
 * aborts. `free` accepts NULL. `payload` is passed to every call.
 */
typedef struct netra_allocator {
    void *(*malloc)(size_t size, void *payload);             /* like malloc(3) */
    void *(*realloc)(void *ptr, size_t size, void *payload); /* like realloc(3) */
    void (*free)(void *ptr, void *payload);                  /* like free(3) */
    void *payload;                                           /* passed through */
} netra_allocator;

/**
 * Replaces the allocator table. Call it before any other libnetra function and never while
 * another thread uses the library; memory allocated with one table must be freed before the
 * table changes.
 *
 * @param allocator the new table, copied; NULL restores the C library's functions.
 */
NETRA_API void netra_allocator_set(const netra_allocator *allocator);

/**
 * The directory that holds Netra's shipped data (law tables, calendars). It is, in order:
 * the last value given to netra_data_dir_set(), the NETRA_DATA_DIR environment variable, or
 * the directory compiled in at build time.
 *
 * @return a borrowed string, valid until the next netra_data_dir_set().
 */
NETRA_API const char *netra_data_dir(void);

/**
 * Sets the data directory for this process (see netra_data_dir()).
 *
 * @param dir the directory, copied; NULL returns to the default.
 * @return NETRA_OK, NETRA_ENOMEM, or NETRA_ETOOBIG for a path over 4095 bytes.
 */
NETRA_API int netra_data_dir_set(const char *dir);

#ifdef __cplusplus
}
#endif

#endif
