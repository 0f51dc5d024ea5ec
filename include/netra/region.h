/*
 * region.h - Indonesian administrative regions (kode wilayah Kemendagri): the 38 provinces,
 * 514 kabupaten/kota and 7,285 kecamatan of Kepmendagri No. 300.2.2-2138 Tahun 2025, with
 * lookup by code and a name search tolerant of how people write names ("Kab. Bandung",
 * "KOTA BANDUNG", "Jabar", "Bandng").
 *
 * The data is the CSV of the npm package idn-area-data (data licence ODbL 1.0, see
 * data/regions/README.md); desa/kelurahan are not loaded. A loaded netra_regions is
 * immutable: every function below that takes a `const netra_regions *` may be called from
 * several threads at once without locking. Records and strings returned are borrowed from
 * the netra_regions and live until netra_regions_free().
 */
#ifndef NETRA_REGION_H
#define NETRA_REGION_H

#include "netra/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** All loaded regions. Opaque, immutable after loading. */
typedef struct netra_regions netra_regions;

/** Administrative level of a region. */
typedef enum netra_region_level {
    NETRA_REGION_ANY = 0,      /* no level: a filter that accepts every level */
    NETRA_REGION_PROVINCE = 1, /* provinsi, code PP */
    NETRA_REGION_REGENCY = 2,  /* kabupaten or kota, code PP.KK */
    NETRA_REGION_DISTRICT = 3  /* kecamatan (distrik in Papua), code PP.KK.CC */
} netra_region_level;

/** Bytes needed for a dotted code with its NUL ("32.04.01" needs 9; desa codes 14). */
#define NETRA_REGION_CODE_MAX 16

/** Longest query netra_regions_find() accepts, in bytes. */
#define NETRA_REGION_QUERY_MAX 256

/**
 * One region. Read-only; every pointer is borrowed from the netra_regions that returned it.
 *
 * Within a level, records are sorted by code, and the children of a region are contiguous:
 * `children[0] .. children[n_children - 1]`.
 */
typedef struct netra_region {
    const char *code;                    /* dotted code as published: "32", "32.04", "32.04.01" */
    const char *name;                    /* name as published: "Kabupaten Bandung", "Coblong" */
    netra_region_level level;            /* province, regency or district */
    int is_kota;                         /* regency only: 1 kota (KK 71-99), 0 kabupaten (01-69) */
    const struct netra_region *parent;   /* the province of a regency, the regency of a district;
                                            NULL for a province */
    const struct netra_region *children; /* first child (kab/kota of a province, kecamatan of a
                                            regency); NULL when none (always for a district) */
    size_t n_children;                   /* number of children */
} netra_region;

/** Counts of a loaded data set (netra_regions_counts()). */
typedef struct netra_region_counts {
    size_t provinces; /* provinsi (38 in the 2025 data) */
    size_t regencies; /* kabupaten + kota (514) */
    size_t kabupaten; /* regencies coded 01-69 (416) */
    size_t kota;      /* regencies coded 71-99 (98) */
    size_t districts; /* kecamatan (7,285) */
} netra_region_counts;

/** Why a region matched a query, strongest first. Scores are given in parentheses. */
typedef enum netra_region_reason {
    NETRA_REGION_MATCH_CODE = 1,     /* the query is the region's code (100) */
    NETRA_REGION_MATCH_EXACT,        /* same normalised name (100) */
    NETRA_REGION_MATCH_ALIAS,        /* a listed alias: "Jabar", "DIY" (100) */
    NETRA_REGION_MATCH_NOSPACE,      /* same name ignoring spaces: "Kotabaru"/"Kota Baru" (95) */
    NETRA_REGION_MATCH_PREFIX,       /* the name starts with the query's words (76-85) */
    NETRA_REGION_MATCH_WORDS,        /* the query's words appear together in the name (66-75) */
    NETRA_REGION_MATCH_PARTIAL,      /* the name starts with the query, mid-word (56-65) */
    NETRA_REGION_MATCH_ALL_WORDS,    /* every query word is in the name, any order (50-55) */
    NETRA_REGION_MATCH_FUZZY,        /* the whole name within a small edit distance (43-49) */
    NETRA_REGION_MATCH_FUZZY_PREFIX, /* the name's first words within that distance (36-42) */
    NETRA_REGION_MATCH_OTHER_TYPE    /* exact name, but not of the type asked for (30) */
} netra_region_reason;

/** One result of netra_regions_find(). */
typedef struct netra_region_match {
    const netra_region *region; /* borrowed */
    int score;                  /* 1-100; higher is better; see netra_region_reason */
    netra_region_reason reason; /* the strongest reason the region matched */
    int distance;               /* edits (insert, delete, substitute, swap) for the fuzzy
                                   reasons; 0 otherwise */
    const char *alias;          /* the alias as listed, for NETRA_REGION_MATCH_ALIAS; else NULL */
} netra_region_match;

/**
 * The directory the CSV files are read from by default: the NETRA_REGION_DIR environment
 * variable when set and not empty, otherwise the directory compiled in at build time
 * (where scripts/install-deps.sh puts idn-area-data).
 *
 * @return a borrowed string (the environment's or a static one); never NULL.
 */
NETRA_API const char *netra_region_dir(void);

/**
 * Loads provinces.csv, regencies.csv and districts.csv of a directory, and the alias list:
 * `<dir>/aliases.tsv` when that file exists, otherwise
 * `<netra_data_dir()>/regions/aliases.tsv`.
 *
 * Files are bounded (16 MiB, lines of 4 KiB, 100,000 rows, names of 128 bytes). The data
 * is validated whole: header columns, code shape and level, the parent code agreeing with
 * the code, an existing parent, no duplicate code, a non-empty UTF-8 name, the kabupaten or
 * kota word of a regency's name agreeing with its code, and every alias naming a loaded
 * code.
 *
 * @param[out] out the regions, owned by the caller (netra_regions_free()); untouched on error
 * @param dir the directory; NULL for netra_region_dir()
 * @return NETRA_OK; NETRA_EIO when a file cannot be read; NETRA_EDATA with
 *         `file:line: field 'x': reason` for malformed data; NETRA_ETOOBIG when a bound is
 *         passed; NETRA_ENOMEM.
 */
NETRA_API int netra_regions_load(netra_regions **out, const char *dir);

/** Frees loaded regions and every record borrowed from them; NULL is allowed. */
NETRA_API void netra_regions_free(netra_regions *regs);

/**
 * Number of regions of one level.
 *
 * @param level a level, or NETRA_REGION_ANY for all regions
 * @return the count; 0 for a value outside netra_region_level.
 */
NETRA_API size_t netra_regions_count(const netra_regions *regs, netra_region_level level);

/** Fills `out` with the counts per level and the kabupaten/kota split. */
NETRA_API void netra_regions_counts(netra_region_counts *out, const netra_regions *regs);

/**
 * All regions of one level, sorted by code.
 *
 * @param[out] n_out the number of records
 * @param level NETRA_REGION_PROVINCE, _REGENCY or _DISTRICT
 * @return a borrowed array, or NULL (with *n_out = 0) for another level or an empty level.
 */
NETRA_API const netra_region *netra_regions_list(size_t *n_out, const netra_regions *regs,
                                                 netra_region_level level);

/**
 * Checks the shape of a code and writes it in dotted form. Accepted: "32", "32.04", "3204",
 * "32.04.01", "320401", with spaces around. The province part must be 11-99, the regency
 * part 01-69 (kabupaten) or 71-99 (kota), the district part 01-99. Pure function: no data
 * is needed and nothing is allocated.
 *
 * @param[out] out the dotted code, NETRA_REGION_CODE_MAX bytes
 * @param[out] level_out may be NULL; the level the code denotes
 * @param code the text to parse, NUL-terminated
 * @return NETRA_OK, or NETRA_EINVAL with a message saying what is wrong (a letter at byte n,
 *         a part with the wrong number of digits, "70 is neither kabupaten nor kota", a
 *         desa/kelurahan code, which this module does not resolve).
 */
NETRA_API int netra_region_code_parse(char *out, netra_region_level *level_out, const char *code);

/**
 * Finds a region by code, in any form netra_region_code_parse() accepts.
 *
 * @param[out] out the region (borrowed)
 * @return NETRA_OK; NETRA_EINVAL for a malformed code (see netra_region_code_parse());
 *         NETRA_ENOTFOUND for a well-formed code that is not in the data.
 */
NETRA_API int netra_regions_get(const netra_region **out, const netra_regions *regs,
                                const char *code);

/**
 * The children of a region: the kab/kota of a province, the kecamatan of a regency.
 *
 * @param[out] n_out the number of children; may be NULL
 * @return a borrowed array of `*n_out` records sorted by code, or NULL when there are none
 *         (always for a district: desa/kelurahan are not loaded).
 */
NETRA_API const netra_region *netra_region_children(const netra_region *region, size_t *n_out);

/**
 * The Indonesian word for the kind of region: "provinsi", "kabupaten", "kota" or
 * "kecamatan".
 *
 * @return a static string.
 */
NETRA_API const char *netra_region_kind(const netra_region *region);

/**
 * The English name of a level: "province", "regency", "district" ("any" for
 * NETRA_REGION_ANY).
 *
 * @return a static string; "unknown" for a value outside netra_region_level.
 */
NETRA_API const char *netra_region_level_name(netra_region_level level);

/**
 * A short English phrase for a match reason ("exact name", "alias", "typo"...).
 *
 * @return a static string; "unknown" for a value outside netra_region_reason.
 */
NETRA_API const char *netra_region_reason_name(netra_region_reason reason);

/**
 * Searches regions by name (or by code) the way people write them.
 *
 * The query and the names are compared after normalisation: ASCII case folded, apostrophes
 * dropped, other punctuation and repeated spaces turned into one space, spelled-out
 * initials joined ("D.I. Yogyakarta" = "DI Yogyakarta"), "Gn."/"Kep."/"Tj." expanded. A
 * leading type word ("Kab.", "Kab", "Kabupaten", "Kota", "Kot.", "Kotamadya", "Kec.",
 * "Kecamatan", "Distrik", "Prov.", "Provinsi") restricts the search to that type; an
 * exact name of another type is then still returned, last, as NETRA_REGION_MATCH_OTHER_TYPE.
 * Results are ranked by score, then level (provinces first), then code; see
 * docs/internals/region.md for the scores.
 *
 * Work: one hash lookup for exact names, then one pass over every name of the allowed
 * levels (7,837 at most); the edit distance is computed only for names whose length is
 * within 2 of the query's. Keeping the best `max` costs O(max) per match. No allocation.
 *
 * @param[out] results room for `max` matches, best first
 * @param max capacity of `results`, at least 1
 * @param[out] n_out the number of matches written (at most `max`)
 * @param query the text, NUL-terminated, at most NETRA_REGION_QUERY_MAX bytes
 * @param level NETRA_REGION_ANY, or the only level to return
 * @return NETRA_OK when at least one region matched; NETRA_ENOTFOUND when none did (with
 *         *n_out = 0); NETRA_EINVAL for a bad argument, an empty query, a query with no
 *         letter or digit, or one longer than NETRA_REGION_QUERY_MAX.
 */
NETRA_API int netra_regions_find(netra_region_match *results, size_t max, size_t *n_out,
                                 const netra_regions *regs, const char *query,
                                 netra_region_level level);

#ifdef __cplusplus
}
#endif

#endif
