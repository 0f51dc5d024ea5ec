/*
 * arena.h - a region allocator the caller owns, for results that share one lifetime
 * (the tokens of a text, the matches of a post). Reset it between texts; nothing allocated
 * from it is freed one by one.
 */
#ifndef NETRA_ARENA_H
#define NETRA_ARENA_H

#include "netra/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A caller-owned arena. Not thread-safe: one per thread. */
typedef struct netra_arena netra_arena;

/**
 * Creates an arena.
 *
 * @param[out] out the arena (free with netra_arena_free())
 * @param chunk_size bytes taken from the allocator at a time (0 for 64 KiB)
 * @param max_bytes bound on the total bytes it may hold (0 for no bound); an allocation
 *        past it fails with NETRA_ETOOBIG
 * @return NETRA_OK or NETRA_ENOMEM
 */
NETRA_API int netra_arena_new(netra_arena **out, size_t chunk_size, size_t max_bytes);

/** Forgets everything allocated from the arena, keeping one chunk for reuse. */
NETRA_API void netra_arena_reset(netra_arena *arena);

/** Frees the arena and everything allocated from it; NULL is allowed. */
NETRA_API void netra_arena_free(netra_arena *arena);

/** Bytes the arena currently takes from the allocator. */
NETRA_API size_t netra_arena_bytes(const netra_arena *arena);

#ifdef __cplusplus
}
#endif

#endif
