/*
 * geojson.h - region boundaries for the map: an official boundary GeoJSON (the one an office
 * loads) matched to Kemendagri codes and written back simplified for the web app.
 *
 * The input is read as a stream: only one feature at a time is held in memory (bounded),
 * so a 20 MB kab/kota file costs one feature's worth of memory. Errors give the byte offset.
 * Thread-safety: independent calls may run in parallel.
 */
#ifndef NETRA_GEOJSON_H
#define NETRA_GEOJSON_H

#include <stddef.h>

#include "netra/common.h"
#include "netra/region.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of netra_geojson_import(). */
typedef struct netra_geojson_options {
    int version;               /* NETRA_GEOJSON_OPTIONS_VERSION */
    size_t max_bytes;          /* bound on the input; 0: 512 MiB */
    size_t max_feature;        /* bound on one feature's bytes; 0: 64 MiB */
    double tolerance;          /* Douglas-Peucker tolerance in degrees; < 0: 0.001 (~110 m) */
    int decimals;              /* coordinate decimals kept, 1-8; 0: 5 (~1 m) */
    const char *code_property; /* property holding the code; NULL: code, kode, kode_wilayah,
                                  kd_wilayah, KODE, kode_prov, kode_kab, id (the first present) */
} netra_geojson_options;
#define NETRA_GEOJSON_OPTIONS_VERSION 1
#define NETRA_GEOJSON_OPTIONS_INIT                                                                 \
    {                                                                                              \
        NETRA_GEOJSON_OPTIONS_VERSION, 0, 0, -1.0, 0, NULL                                         \
    }

/** A feature that was not written, and why. */
typedef struct netra_geojson_unmatched {
    size_t feature;  /* 0-based index in the input */
    size_t offset;   /* byte offset of the feature in the input */
    char code[24];   /* the code as found (truncated), "" when none */
    char name[64];   /* a name property as found (truncated), "" when none */
    char reason[96]; /* English reason */
} netra_geojson_unmatched;

#define NETRA_GEOJSON_MAX_LISTED 200

/** What an import did. */
typedef struct netra_geojson_report {
    size_t features;    /* features read */
    size_t matched;     /* written with a code of the region data */
    size_t unmatched;   /* not written (listed below, the first 200) */
    size_t by_level[4]; /* matched per netra_region_level */
    size_t missing[4];  /* regions of the data with no feature, per level, for the
                           levels present in the file */
    char missing_first[8][NETRA_REGION_CODE_MAX];             /* some of them */
    size_t n_missing_first;                                   /* entries used */
    size_t points_in;                                         /* coordinates read */
    size_t points_out;                                        /* coordinates written */
    netra_geojson_unmatched listed[NETRA_GEOJSON_MAX_LISTED]; /* unmatched features */
    size_t n_listed;                                          /* entries used */
} netra_geojson_report;

/**
 * Reads a boundary GeoJSON (a FeatureCollection of Polygon or MultiPolygon features), matches
 * each feature to a region by the Kemendagri code in its properties, and writes the matched
 * ones as a simplified FeatureCollection (properties code, name, level) to `out_path`
 * (written to a temporary file and renamed; NULL: nothing is written).
 *
 * @param[out] report what happened (required)
 * @param regs the region data (borrowed)
 * @param in_path the file; when `data` is not NULL, only used in messages
 * @param data a memory image of `len` bytes, or NULL to read `in_path`
 * @return NETRA_OK (also when some features did not match: see the report); NETRA_EDATA
 *         "path: byte N: reason" for input that is not JSON or not a FeatureCollection, a
 *         coordinate out of range, a feature over max_feature; NETRA_ETOOBIG past max_bytes;
 *         NETRA_EIO; NETRA_ENOMEM
 */
NETRA_API int netra_geojson_import(netra_geojson_report *report, const netra_regions *regs,
                                   const char *in_path, const char *data, size_t len,
                                   const char *out_path, const netra_geojson_options *opts);

#ifdef __cplusplus
}
#endif

#endif
