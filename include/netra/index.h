/*
 * index.h - the vulnerability index (indeks kerawanan) of ASN neutrality by region, issue,
 * election, stage and time window, recomputed from the events Netra records: reports,
 * findings, registered and proven cases, sanctions and detector verdicts.
 *
 * The method follows Bawaslu's description of the IKP (domain.md section 4.1): each
 * indicator sums its events weighted by their level (tingkat kejadian); indicators are
 * aggregated and the result is scaled to 0-100, higher meaning more vulnerable, then cut
 * into rendah / sedang / tinggi with the IKP 2024 thresholds. Every weight, the aggregation
 * and the thresholds are read from the tables of data/index; docs/index-methodology.md explains
 * each step with a worked example.
 *
 * Thread-safety: a config and an event set may be read by several threads at once once
 * built; adding events or computing on the same set from two threads needs a lock.
 */
#ifndef NETRA_INDEX_H
#define NETRA_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "netra/common.h"
#include "netra/date.h"
#include "netra/law.h"
#include "netra/region.h"
#include "netra/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Weights, issues, thresholds and method of data/index, checked against the law tables. */
typedef struct netra_index_config netra_index_config;

/** A set of events to compute the index from. */
typedef struct netra_index netra_index;

/** What an event records: how far a matter got (the funnel) or a detector verdict. */
typedef enum netra_index_kind {
    NETRA_INDEX_LAPORAN = 0, /* a report (laporan) was received */
    NETRA_INDEX_TEMUAN,      /* Bawaslu's own finding (temuan) */
    NETRA_INDEX_REGISTRASI,  /* the matter was registered (diregistrasi) */
    NETRA_INDEX_TERBUKTI,    /* the violation was proven / recommended */
    NETRA_INDEX_SANKSI,      /* the PPK imposed a sanction */
    NETRA_INDEX_DETEKSI      /* the detector flagged a post (netra scan), unverified */
} netra_index_kind;
#define NETRA_INDEX_KIND_COUNT 6

/** The zones of the IKP 2024 (Bawaslu's words; colours are a display choice). */
typedef enum netra_index_zone {
    NETRA_ZONE_RENDAH = 0, /* rendah (display: hijau) */
    NETRA_ZONE_SEDANG,     /* sedang (display: kuning) */
    NETRA_ZONE_TINGGI      /* tinggi (display: merah) */
} netra_index_zone;

/** One event. Strings are copied by netra_index_add(). */
typedef struct netra_index_event {
    netra_index_kind kind; /* what happened */
    const char *region;    /* Kemendagri code of a province, kab/kota or kecamatan */
    const char *election;  /* election id of data/law/elections.tsv; NULL or "" for none */
    const char *stage;     /* phase id ("kampanye"); NULL or "": from election and date */
    netra_date date;       /* when the act took place */
    const char *form;      /* form of violation (KE-x, D-x); NULL or "" when not known */
    const char *category;  /* statistics category; NULL or "": the form's, else "lainnya" */
    const char *agency;    /* instansi of the accused; NULL or "" when not known */
    const char *position;  /* position class (jpt, administrator, ...); NULL or "" */
} netra_index_event;

/**
 * Loads data/index (kinds.tsv, severity.tsv, issues.tsv, stages.tsv, thresholds.tsv,
 * method.tsv) and checks every id against the law tables.
 *
 * @param[out] out the config; free with netra_index_config_free()
 * @param dir the directory of the tables; NULL for "<netra_data_dir()>/index"
 * @param law the law tables (borrowed; must outlive the config)
 * @return NETRA_OK, NETRA_ENOMEM, NETRA_EIO, or NETRA_EDATA naming file:line and field
 */
NETRA_API int netra_index_config_load(netra_index_config **out, const char *dir,
                                      const netra_law *law);

/** Frees a config (NULL is fine). */
NETRA_API void netra_index_config_free(netra_index_config *cfg);

/** Number of issues (indicators): the statistics categories of issues.tsv, in file order. */
NETRA_API size_t netra_index_n_issues(const netra_index_config *cfg);

/** The id of issue i ("media_sosial"), NULL past the end. Borrowed from the config. */
NETRA_API const char *netra_index_issue_id(const netra_index_config *cfg, size_t i);

/** The id of a kind ("laporan"), or NULL for a value outside netra_index_kind. */
NETRA_API const char *netra_index_kind_id(netra_index_kind kind);

/** Parses a kind id; NETRA_EINVAL naming the accepted ids otherwise. */
NETRA_API int netra_index_kind_parse(netra_index_kind *out, const char *id);

/** "rendah", "sedang" or "tinggi". */
NETRA_API const char *netra_index_zone_id(netra_index_zone zone);

/** The display colour of a zone as configured ("hijau", "kuning", "merah" by default). */
NETRA_API const char *netra_index_zone_colour(const netra_index_config *cfg, netra_index_zone zone);

/**
 * Rounds a score to hundredths, half away from zero, in decimal: 49.325 gives 4933 (the
 * binary double 49.32499... is not rounded down). Scores are compared with the thresholds
 * only in this form.
 */
NETRA_API long netra_index_hundredths(double score);

/**
 * The zone of a score at a level: tinggi when round(score) >= the tinggi minimum, sedang
 * when >= the sedang minimum, else rendah (round = netra_index_hundredths()).
 *
 * @param level NETRA_REGION_PROVINCE, _REGENCY or _DISTRICT
 */
NETRA_API netra_index_zone netra_index_zone_of(const netra_index_config *cfg,
                                               netra_region_level level, double score);

/**
 * A new, empty event set.
 *
 * @param cfg the config (borrowed; must outlive the set)
 * @return NETRA_OK or NETRA_ENOMEM
 */
NETRA_API int netra_index_new(netra_index **out, const netra_index_config *cfg);

/** Frees an event set (NULL is fine). */
NETRA_API void netra_index_free(netra_index *ix);

/** Number of events in the set. */
NETRA_API size_t netra_index_count(const netra_index *ix);

/**
 * Adds one event: checks and interns every field; the severity is the sanction level of the
 * form (law data) and the stage, when not given, the phase of the election at the date.
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field that is wrong (unknown form, election,
 *         stage or category, malformed region code, a stage without election); NETRA_ETOOBIG
 *         past NETRA_INDEX_MAX_EVENTS events or 65,535 distinct agencies or positions.
 */
NETRA_API int netra_index_add(netra_index *ix, const netra_index_event *ev);

/** Bound on the events of one set. */
#define NETRA_INDEX_MAX_EVENTS 50000000u

/** Progress callback: called every so many events with the count so far. */
typedef void (*netra_index_progress)(size_t n, void *payload);

/**
 * Reads events from a CSV for analysts. Header (any order): kind, region, date, and
 * optionally election, stage, form, category, agency, position. Nothing is added when a row
 * is wrong.
 *
 * @param[out] n_out events added (may be NULL)
 * @param path the file; when `data` is not NULL, only used in messages
 * @param data a memory image of `len` bytes, or NULL to read `path`
 * @return NETRA_OK; NETRA_EDATA "path:line: field 'x': reason"; NETRA_EIO; NETRA_ETOOBIG
 */
NETRA_API int netra_index_load_csv(size_t *n_out, netra_index *ix, const char *path,
                                   const char *data, size_t len, netra_index_progress progress,
                                   void *payload);

/**
 * Reads detector verdicts (JSON Lines of `netra scan`): each flagged verdict with a
 * violation becomes a "deteksi" event (its election, form, date, region and the registry's
 * agency and position when present). Verdicts without a region are counted in
 * `unplaced_out` and skipped; verdicts not flagged and error lines of the scanner are
 * skipped silently.
 *
 * @return NETRA_OK; NETRA_EDATA "path:line: reason" for a line that is not a verdict
 */
NETRA_API int netra_index_load_verdicts(size_t *n_out, size_t *unplaced_out, netra_index *ix,
                                        const char *path, netra_index_progress progress,
                                        void *payload);

/**
 * Reads the cases of a store: per act (or per case when it has none) a laporan or temuan
 * event, then registrasi, terbukti and sanksi events as far as the case got in the
 * workflow. The act's region, else the case's; the first accused's agency and position.
 *
 * @return NETRA_OK; NETRA_ESTORAGE; NETRA_EINVAL for a stored act the config refuses
 */
NETRA_API int netra_index_load_store(size_t *n_out, size_t *unplaced_out, netra_index *ix,
                                     netra_store *st, netra_index_progress progress, void *payload);

/** What to compute. Zero/NULL members mean "no filter". */
typedef struct netra_index_query {
    int version;               /* NETRA_INDEX_QUERY_VERSION */
    netra_region_level level;  /* _PROVINCE, _REGENCY (default) or _DISTRICT */
    const char *election;      /* only this election */
    const char *stage;         /* only this phase */
    netra_date from;           /* first day, when has_from */
    netra_date to;             /* last day, when has_to */
    int has_from;              /* whether `from` bounds the window */
    int has_to;                /* whether `to` bounds the window */
    const netra_regions *regs; /* when given: every region of the level is scored (zero
                                  events included, as the IKP scores all 514 kab/kota) and
                                  named; borrowed */
} netra_index_query;
#define NETRA_INDEX_QUERY_VERSION 1
#define NETRA_INDEX_QUERY_INIT                                                                     \
    {                                                                                              \
        NETRA_INDEX_QUERY_VERSION, NETRA_REGION_REGENCY, NULL, NULL, 0, 0, 0, 0, NULL              \
    }

/** One region of a result. Pointers are borrowed from the result. */
typedef struct netra_index_row {
    const char *code;          /* dotted Kemendagri code */
    const char *name;          /* official name (borrowed from the query's regions), "" without */
    double value;              /* aggregated weighted value before scaling */
    double score;              /* 0-100, rounded to hundredths */
    netra_index_zone zone;     /* category at the query's level */
    size_t n_events;           /* events counted */
    const double *issue_value; /* per issue (netra_index_n_issues()): weighted sum */
    const double *issue_score; /* per issue: 0-100 among the regions, hundredths */
} netra_index_row;

/** A computed index. */
typedef struct netra_index_result netra_index_result;

/**
 * Computes the index for a query: per region of the level and per issue, the weighted sums,
 * their aggregation and scaling (method.tsv), the zones. Rows are sorted by score, highest
 * first, then by code.
 *
 * @return NETRA_OK; NETRA_EINVAL for an unknown election or stage in the query; NETRA_ENOMEM
 */
NETRA_API int netra_index_compute(netra_index_result **out, const netra_index *ix,
                                  const netra_index_query *q);

/** Frees a result (NULL is fine). */
NETRA_API void netra_index_result_free(netra_index_result *r);

/** Number of rows. */
NETRA_API size_t netra_index_result_count(const netra_index_result *r);

/** Row i (borrowed), NULL past the end. */
NETRA_API const netra_index_row *netra_index_result_row(const netra_index_result *r, size_t i);

/** The row of a region code (any form netra_region_code_parse() accepts), or NULL. */
NETRA_API const netra_index_row *netra_index_result_find(const netra_index_result *r,
                                                         const char *code);

/** Events that matched the query but have no region at its level (a province-only code at
 *  the kab/kota level). */
NETRA_API size_t netra_index_result_unplaced(const netra_index_result *r);

/** Events that matched the query's filters (placed or not). */
NETRA_API size_t netra_index_result_matched(const netra_index_result *r);

/* ---- prior (a published IKP table) versus observed ----------------------------------- */

/** A published score per region. */
typedef struct netra_index_prior_row {
    char code[NETRA_REGION_CODE_MAX]; /* dotted code */
    double score;                     /* 0-100 */
} netra_index_prior_row;

/** One region compared. */
typedef struct netra_index_compare_row {
    char code[NETRA_REGION_CODE_MAX]; /* dotted code */
    double prior;                     /* published score */
    double observed;                  /* score computed by Netra */
    double diff;                      /* observed - prior */
    netra_index_zone prior_zone;      /* zone of the published score */
    netra_index_zone observed_zone;   /* zone of the observed score */
    int prior_rank;                   /* 1 = most vulnerable among the compared regions */
    int observed_rank;                /* same, observed */
} netra_index_compare_row;

/** The comparison. */
typedef struct netra_index_comparison {
    netra_index_compare_row *rows; /* regions in both, in prior order; owned */
    size_t n_rows;                 /* how many */
    size_t only_prior;             /* prior regions with no observed row */
    size_t changed;                /* rows whose zone changed */
    double spearman;               /* rank correlation (ties: average ranks); 0 when n < 2 */
    netra_region_level level;      /* level of the compared codes */
} netra_index_comparison;

/**
 * Reads a published IKP table: a CSV with a header naming a code column ("code", "kode" or
 * "region") and a score column ("score", "skor" or "nilai"), one region per row, all at one
 * level; scores 0-100 with a decimal point or comma.
 *
 * @param[out] rows_out the rows (free with netra_index_prior_free()); n_out how many
 * @return NETRA_OK; NETRA_EDATA "path:line: field 'x': reason" (bad code, score out of
 *         range, duplicate region, mixed levels); NETRA_EIO
 */
NETRA_API int netra_index_prior_load(netra_index_prior_row **rows_out, size_t *n_out,
                                     netra_region_level *level_out, const char *path,
                                     const char *data, size_t len);

/** Frees prior rows. */
NETRA_API void netra_index_prior_free(netra_index_prior_row *rows);

/**
 * Compares a prior table with a result computed at the same level, region by region.
 *
 * @return NETRA_OK; NETRA_EINVAL when the levels differ; NETRA_ENOMEM
 */
NETRA_API int netra_index_compare(netra_index_comparison *out, const netra_index_config *cfg,
                                  const netra_index_prior_row *prior, size_t n_prior,
                                  netra_region_level level, const netra_index_result *observed);

/** Frees the rows of a comparison. */
NETRA_API void netra_index_comparison_free(netra_index_comparison *c);

/* ---- prevention list ------------------------------------------------------------------ */

/** One driver of a region's score: an issue, a stage, an agency or a position class. */
typedef struct netra_index_driver {
    const char *id;  /* issue id, phase id, agency or position class ("" = not recorded) */
    double value;    /* weighted sum of its events */
    double share;    /* value / the region's total, 0-1 */
    size_t n_events; /* events */
} netra_index_driver;

/** What drives a region's score (borrowed pointers into the list). */
typedef struct netra_index_prevention {
    char code[NETRA_REGION_CODE_MAX]; /* the region */
    double total;                     /* weighted sum of all its events */
    size_t n_events;                  /* events */
    netra_index_driver *issues;       /* by issue, largest first */
    size_t n_issues;                  /* entries with events */
    netra_index_driver *stages;       /* by phase, largest first */
    size_t n_stages;                  /* entries with events */
    netra_index_driver *agencies;     /* by agency, largest first */
    size_t n_agencies;                /* entries with events */
    netra_index_driver *positions;    /* by position class, largest first */
    size_t n_positions;               /* entries with events */
} netra_index_prevention;

/**
 * The prevention list of a region (province, kab/kota or kecamatan: its events and those of
 * the regions inside it) under the query's election, stage and window filters.
 *
 * @return NETRA_OK; NETRA_EINVAL for a malformed code; NETRA_ENOMEM
 */
NETRA_API int netra_index_prevention_get(netra_index_prevention *out, const netra_index *ix,
                                         const netra_index_query *q, const char *region);

/** Frees the lists of a prevention result. */
NETRA_API void netra_index_prevention_free(netra_index_prevention *p);

/**
 * Whether a spreadsheet cell holding `s` must be guarded against formula injection: it starts
 * with '=', '+', '-', '@', a tab or a carriage return (a leading ' makes it text).
 */
NETRA_API int netra_index_cell_needs_guard(const char *s);

/**
 * Writes `s` as one cell of an index export in CSV: guarded as above, and quoted (with the
 * guard inside the quotes) when guarded or when it holds a comma, a quote or a line break.
 */
NETRA_API void netra_index_csv_cell(FILE *f, const char *s);

#ifdef __cplusplus
}
#endif

#endif
