/*
 * tokhash.h - the token hash exactly as include/netra/text.h documents it, written out
 * independently of the library (64-bit FNV-1a, MurmurHash3's fmix64, low 32 bits), for
 * tests that check netra_token.hash.
 */
#ifndef NT_TEST_TOKHASH_H
#define NT_TEST_TOKHASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t doc_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

#endif
