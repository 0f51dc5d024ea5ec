/*
 * cache_int.h - the credential cache's internal calls (cache.c), used by auth.c.
 */
#ifndef NT_AUTH_CACHE_INT_H
#define NT_AUTH_CACHE_INT_H

#include "util/util_int.h"
#include "netra/auth.h"

/* What a lookup of the store said about a live credential. */
typedef struct nt_cache_credential {
    netra_principal p; /* the principal (session_id or token_id set) */
    int64_t expires;   /* sessions: absolute expiry (Unix seconds); tokens: INT64_MAX */
    int64_t last_seen; /* the stored last use (Unix seconds) */
} nt_cache_credential;

/* 1 and `*out` when a live entry of this generation holds the hash, else 0. Either way
 * `*gen_out` is the generation to pass to nt_cache_put after reading the store. */
int nt_cache_get(netra_auth_cache *c, int api, const char hash[64], nt_cache_credential *out,
                 unsigned long *gen_out);

/* Keeps `cr` unless the cache was emptied since `gen` was read. */
void nt_cache_put(netra_auth_cache *c, unsigned long gen, int api, const char hash[64],
                  const nt_cache_credential *cr);

#endif
