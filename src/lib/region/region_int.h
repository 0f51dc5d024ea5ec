/*
 * region_int.h - internals of the region module: name normalisation (norm.c), the loaded data set
 * (region.c) and the name search (find.c).
 *
 * Layering: uses util only. Names carry the `nt_` prefix and are not exported; unit tests
 * and fuzzers include this header to reach the in-memory loader.
 */
#ifndef NT_REGION_INT_H
#define NT_REGION_INT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util_int.h"
#include "netra/region.h"

/* ---- bounds ------------------------------------------------------------------------------ */
#define NT_REGION_MAX_FILE    (16u * 1024u * 1024u) /* bytes per CSV or alias file */
#define NT_REGION_MAX_ROWS    100000                /* records per file */
#define NT_REGION_MAX_NAME    128                   /* bytes of a published name */
#define NT_REGION_NORM_MAX    1024                  /* bytes of any normalised text */
#define NT_REGION_MAX_ALIASES 1000                  /* rows of aliases.tsv */
#define NT_REGION_MAX_PATH    4096                  /* bytes of a file path */

/* ---- normalisation (norm.c) ------------------------------------------------------------------
 * The one normal form of names and queries: ASCII letters lower-cased; ' ` and the UTF-8
 * quotes U+2018/U+2019 dropped; bytes >= 0x80 kept as letters; every other byte a separator;
 * words joined by one space, no leading or trailing space; runs of one-letter words joined
 * ("d i y" -> "diy"); the abbreviations gn, kep, tj expanded. O(len). Fails with
 * NETRA_ETOOBIG when the result (plus NUL) does not fit `cap` or the input is longer than
 * NT_REGION_NORM_MAX. */
int nt_region_norm(char *out, size_t cap, size_t *len_out, const char *s, size_t len);
/* Copies s without its spaces; returns the new length. `out` has room for len + 1. */
size_t nt_region_nospace(char *out, const char *s, size_t len);
/* Whether s[0..len) is valid UTF-8 without control characters. */
int nt_region_utf8_ok(const char *s, size_t len);
/* The set of characters of s as a bit mask: a-z bits 0-25, digits 0-4 bit 26, 5-9 bit 27,
 * bytes >= 0x80 bit 28; spaces ignored. If a's mask has m bits that b's lacks, turning a
 * into b takes at least m edits: the search uses this to skip most names cheaply. */
uint32_t nt_region_mask(const char *s, size_t len);
/* Number of bits of a that are not in b. */
int nt_region_mask_missing(uint32_t a, uint32_t b);
/* Optimal-string-alignment distance (Levenshtein plus adjacent swaps) of a and b, or
 * k + 1 once it is known to exceed k. Strings are limited to 96 bytes (else k + 1).
 * O(len_a * len_b) with an early exit. */
int nt_region_osa(const char *a, size_t alen, const char *b, size_t blen, int k);

/* ---- the data set (region.c) ----------------------------------------------------------------*/

/* Normalised forms of one region's name, parallel to netra_regions.all. `core` is the name
 * without its type words ("Kabupaten Administrasi", "Kota", "Daerah Istimewa"...); `full`
 * the whole name; both point into the arena (full == core when they are equal). */
typedef struct nt_region_key {
    const char *core;    /* "bandung barat" */
    const char *core_ns; /* "bandungbarat" */
    const char *full;    /* "kabupaten bandung barat" */
    const char *full_ns; /* "kabupatenbandungbarat" */
    uint16_t core_len;   /* bytes of core */
    uint16_t core_ns_len;
    uint16_t full_len;
    uint16_t full_ns_len;
    uint32_t core_mask; /* nt_region_mask(core) */
    uint32_t full_mask; /* nt_region_mask(full) */
} nt_region_key;

/* One entry of a chain of regions sharing a spaceless normalised name. */
typedef struct nt_region_name_ent {
    uint32_t idx;  /* index into netra_regions.all */
    uint32_t next; /* next entry + 1 in name_ents, 0 at the end */
} nt_region_name_ent;

/* One alias of aliases.tsv. */
typedef struct nt_region_alias {
    const netra_region *region; /* what it names */
    const char *text;           /* the alias as listed */
} nt_region_alias;

struct netra_regions {
    netra_region *all;   /* provinces, regencies, districts; each level sorted by code */
    nt_region_key *keys; /* normalised names, parallel to all */
    size_t n_all;        /* records in all */
    size_t first[4];     /* index in all of the first record of each level (by level) */
    size_t count[4];     /* records of each level (count[0] unused) */
    size_t n_kota;       /* regencies that are kota */
    nt_map names;        /* core_ns and full_ns -> entry + 1 in name_ents (as a pointer) */
    nt_vec name_ents;    /* nt_region_name_ent chains */
    nt_map aliases;      /* normalised alias -> nt_region_alias * */
    size_t n_aliases;    /* entries in aliases */
    nt_arena arena;      /* every string and alias record */
};

/* Where one input comes from: `data` (len bytes) when not NULL, else the file `path`;
 * `path` also names the input in messages. */
typedef struct nt_region_src {
    const char *path; /* file, or the name shown in messages */
    const char *data; /* memory image or NULL */
    size_t len;       /* bytes of data */
} nt_region_src;

/* Builds a data set from the provinces, regencies, districts and aliases inputs; what
 * netra_regions_load() does once it has the paths. Same errors. */
int nt_regions_build(netra_regions **out, const nt_region_src *provinces,
                     const nt_region_src *regencies, const nt_region_src *districts,
                     const nt_region_src *aliases);

/* The kind of region a query's leading word asks for. */
typedef enum nt_region_type {
    NT_REGION_TYPE_NONE = 0,
    NT_REGION_TYPE_PROVINCE,
    NT_REGION_TYPE_KABUPATEN,
    NT_REGION_TYPE_KOTA,
    NT_REGION_TYPE_DISTRICT
} nt_region_type;

/* The type a normalised word denotes ("kab", "kota", "kec", "prov"...), or NONE. */
nt_region_type nt_region_type_word(const char *w, size_t len);

#endif
