/*
 * jsonw.h - netrad's direct JSON writer for its hot answers (the case page, the case list):
 * members appended to one buffer allocated once at a size that fits the usual answer, grown
 * only when an answer is larger, never beyond a bound; strings escaped exactly as jansson's
 * json_dumps(JSON_COMPACT) does, so the bytes are those of the jansson tree it replaces.
 */
#ifndef SRV_JSONW_H
#define SRV_JSONW_H

#include <stddef.h>

#include "netra/store.h"

/* The largest answer written this way. */
#define SRV_JSON_MAX ((size_t)16 << 20)

typedef struct srv_jw {
    char *p;    /* the text (not NUL-terminated) */
    size_t n;   /* bytes written */
    size_t cap; /* bytes allocated */
    size_t max; /* the bound: a larger answer fails */
    int failed; /* out of memory or over the bound */
} srv_jw;

/* One allocation of `initial` bytes; at most `max` bytes in all. */
void srv_jw_init(srv_jw *w, size_t initial, size_t max);
/* Frees what was written (not needed once the text was handed over). */
void srv_jw_free(srv_jw *w);
/* Bytes as they are. */
void srv_jw_raw(srv_jw *w, const char *s, size_t n);
/* A comma unless the last byte opened an object or an array. */
void srv_jw_sep(srv_jw *w);
/* A JSON string: '"', '\\', control bytes escaped as jansson does (\b \f \n \r \t, else
 * \u00XX); UTF-8 copied; an invalid UTF-8 byte becomes U+FFFD. */
void srv_jw_str(srv_jw *w, const char *s);
/* The same for `n` bytes at `s`. */
void srv_jw_strn(srv_jw *w, const char *s, size_t n);
/* A decimal integer. */
void srv_jw_int(srv_jw *w, long long v);
/* Object members, each preceded by a comma when needed: "key":value. */
void srv_jw_kstr(srv_jw *w, const char *key, const char *v);
void srv_jw_kint(srv_jw *w, const char *key, long long v);
void srv_jw_kbool(srv_jw *w, const char *key, int v);
/* "key": and nothing else (the value follows). */
void srv_jw_key(srv_jw *w, const char *key);

/* The case's own members, without braces: id, version, kind, regime, election, state,
 * region, holder, title, opened, updated, demo (the case page and each case of the list). */
void srv_jw_case_members(srv_jw *w, const netra_case *c);
/* One object each: an accused of the case page, an act, the conflict of interest. */
void srv_jw_case_asn(srv_jw *w, const netra_case_asn_row *a);
void srv_jw_case_act(srv_jw *w, const netra_case_act_row *a);
void srv_jw_case_conflict(srv_jw *w, const netra_case_conflict *cf);
/* The conflict's own members without braces (the case page adds the offices' labels). */
void srv_jw_case_conflict_members(srv_jw *w, const netra_case_conflict *cf);

#endif
