/*
 * stats.h - the national statistics of ASN neutrality cases, computed from the case store the
 * way KASN and BKN publish them (domain.md section 5): the shares by statistics category and
 * by form of violation (SKB 2022 forms mapped to categories by data/law/forms.tsv), the
 * funnel reported -> registered -> forwarded -> proven -> sanctioned broken down by agency,
 * position class or province, and the time cases spend in each workflow state (median and
 * 90th percentile). A public variant suppresses small cells so that no person can be singled
 * out (1-4 shown as "<5", complementary suppression so that no hidden cell is the difference
 * of shown ones). docs/statistics.md explains every number.
 *
 * Thread-safety: a set may be read by several threads at once once built; adding needs a lock.
 */
#ifndef NETRA_STATS_H
#define NETRA_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "netra/common.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/law.h"
#include "netra/region.h"
#include "netra/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A set of cases to compute statistics from. */
typedef struct netra_stats netra_stats;

/** The steps of the funnel; each implies the ones before it. */
typedef enum netra_stats_step {
    NETRA_STATS_REPORTED = 0, /* a report, finding or initial information was received */
    NETRA_STATS_REGISTERED,   /* registered (registrasi, tetapkan_temuan) */
    NETRA_STATS_FORWARDED,    /* forwarded to the competent authority (teruskan) */
    NETRA_STATS_PROVEN,       /* proven, recommended to the PPK (rekomendasikan) */
    NETRA_STATS_SANCTIONED    /* the PPK imposed a sanction (jatuhkan_sanksi) */
} netra_stats_step;
#define NETRA_STATS_N_STEPS 5

/** The id of a step ("reported", "registered", ...), NULL outside the enum. */
NETRA_API const char *netra_stats_step_id(netra_stats_step step);

/** One case as the statistics count it. Strings are copied by netra_stats_add(). */
typedef struct netra_stats_case {
    const char *election;         /* election id, NULL or "" for none */
    const char *region;           /* Kemendagri code, NULL or "" when not recorded */
    netra_date opened;            /* the date the case was opened (the period filter) */
    const char *form;             /* form of its first classified act (KE-x, D-x), NULL or "" */
    const char *agency;           /* the first accused's agency, NULL or "" */
    const char *position;         /* the first accused's position class, NULL or "" */
    unsigned reached;             /* bit 1 << netra_stats_step for each step reached */
    const netra_case_step *steps; /* workflow steps in order (states and days); may be NULL */
    size_t n_steps;               /* entries in steps */
} netra_stats_case;

/**
 * A new, empty set.
 *
 * @param law forms and categories (borrowed; must outlive the set)
 * @param wf workflow states (borrowed; must outlive the set)
 * @param regs region names for the province breakdown (borrowed, may be NULL: codes only)
 * @return NETRA_OK or NETRA_ENOMEM
 */
NETRA_API int netra_stats_new(netra_stats **out, const netra_law *law, const netra_workflow *wf,
                              const netra_regions *regs);

/** Frees a set (NULL is fine). */
NETRA_API void netra_stats_free(netra_stats *s);

/** Number of cases in the set. */
NETRA_API size_t netra_stats_count(const netra_stats *s);

/**
 * Adds one case: checks the form against the law and every step's state against the
 * workflow. A later funnel step sets the earlier ones (a sanctioned case was proven).
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field (unknown form or state, a step whose day is
 *         before the previous step's); NETRA_ETOOBIG past NETRA_STATS_MAX_CASES cases or
 *         65,535 distinct agencies, positions or elections; NETRA_ENOMEM.
 */
NETRA_API int netra_stats_add(netra_stats *s, const netra_stats_case *c);

/** Bound on the cases of one set. */
#define NETRA_STATS_MAX_CASES 20000000u

/**
 * Reads every case of a store (netra_store_case_facts): the form of its first act that has
 * one, the first accused's agency and position, the steps its workflow history shows.
 *
 * @param[out] n_out cases added (may be NULL)
 * @return NETRA_OK; NETRA_ESTORAGE; NETRA_EINVAL for a stored case the law or workflow
 *         refuses (named by case number)
 */
NETRA_API int netra_stats_load_store(size_t *n_out, netra_stats *s, netra_store *st);

/** Which cases to count. Zero/NULL members mean "no filter". */
typedef struct netra_stats_query {
    int version;          /* NETRA_STATS_QUERY_VERSION */
    const char *election; /* only this election */
    const char *region;   /* only this region and the regions inside it (code prefix) */
    netra_date from;      /* opened on or after, when has_from */
    netra_date to;        /* opened on or before, when has_to */
    int has_from;         /* whether `from` bounds the period */
    int has_to;           /* whether `to` bounds the period */
    int suppress;         /* 1: the public variant, small cells hidden */
} netra_stats_query;
#define NETRA_STATS_QUERY_VERSION 1
#define NETRA_STATS_QUERY_INIT                                                                     \
    {                                                                                              \
        NETRA_STATS_QUERY_VERSION, NULL, NULL, 0, 0, 0, 0, 0                                       \
    }

/** Counts below this are hidden in the public variant ("<5"). */
#define NETRA_STATS_MIN_CELL 5

/** How a cell is shown. */
typedef enum netra_stats_cell {
    NETRA_STATS_SHOWN = 0,        /* the number */
    NETRA_STATS_SMALL = 1,        /* 1 to 4 cases: "<5" */
    NETRA_STATS_COMPLEMENTARY = 2 /* hidden so a small cell cannot be computed: "x" */
} netra_stats_cell;

/** The text of a hidden cell ("<5" or "x"), NULL for a shown one. */
NETRA_API const char *netra_stats_cell_mark(netra_stats_cell c);

/** One row of a table: a category, a form or a group. Strings borrowed from the table. */
typedef struct netra_stats_row {
    const char *id;                             /* category, form, group id ("" = not recorded) */
    const char *label_id;                       /* Indonesian label */
    const char *label_en;                       /* English label */
    int64_t count[NETRA_STATS_N_STEPS];         /* shares: count[0] only; funnel: per step */
    double pct[NETRA_STATS_N_STEPS];            /* shares: of the total; funnel: of reported */
    netra_stats_cell cell[NETRA_STATS_N_STEPS]; /* public variant: hidden cells */
} netra_stats_row;

/** A table: rows and their total. */
typedef struct netra_stats_table {
    netra_stats_row *rows; /* owned */
    size_t n_rows;         /* rows */
    netra_stats_row total; /* every counted case */
    size_t n_cols;         /* 1 (shares) or NETRA_STATS_N_STEPS (funnel) */
    size_t matched;        /* cases that passed the query's filters */
    void *owned;           /* internal */
} netra_stats_table;

/** What the shares are taken by. */
typedef enum netra_stats_share_by {
    NETRA_STATS_BY_CATEGORY = 0, /* the KASN statistics categories (categories.tsv order) */
    NETRA_STATS_BY_FORM = 1      /* the forms of SKB 2022 (forms.tsv order) */
} netra_stats_share_by;

/**
 * The national shares: cases per category (or form) and their percentage of all counted
 * cases; a case counts once, under the form of its first classified act; cases without one
 * are the row "belum_diklasifikasi". Rows keep the order of the law tables (every category
 * or form, zeros included).
 *
 * @return NETRA_OK; NETRA_ENOMEM
 */
NETRA_API int netra_stats_shares(netra_stats_table *out, const netra_stats *s,
                                 const netra_stats_query *q, netra_stats_share_by by);

/** What the funnel is broken down by. */
typedef enum netra_stats_group_by {
    NETRA_STATS_GROUP_NONE = 0,     /* one row: the total */
    NETRA_STATS_GROUP_AGENCY = 1,   /* the first accused's agency */
    NETRA_STATS_GROUP_POSITION = 2, /* the first accused's position class */
    NETRA_STATS_GROUP_PROVINCE = 3  /* the province of the case */
} netra_stats_group_by;

/** Parses "none", "agency", "position" or "province"; NETRA_EINVAL otherwise. */
NETRA_API int netra_stats_group_parse(netra_stats_group_by *out, const char *id);

/**
 * The funnel per group: cases that reached each step, and the percentage of the group's
 * reported cases. Rows by reported cases, most first, then by id.
 *
 * @return NETRA_OK; NETRA_ENOMEM
 */
NETRA_API int netra_stats_funnel(netra_stats_table *out, const netra_stats *s,
                                 const netra_stats_query *q, netra_stats_group_by by);

/** Frees the rows of a table (a zeroed table is fine). */
NETRA_API void netra_stats_table_free(netra_stats_table *t);

/** The time spent in one workflow state. */
typedef struct netra_stats_duration {
    const char *state;    /* state id of states.tsv (borrowed from the workflow) */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    size_t n;             /* completed stays (the case entered and left the state) */
    size_t open;          /* cases in the state now */
    double median;        /* days, of the completed stays; 0 when n == 0 */
    double p90;           /* days, 90th percentile */
    double mean;          /* days */
    int hidden;           /* public variant: 0 < n < NETRA_STATS_MIN_CELL, figures not shown */
    int open_hidden;      /* public variant: 1-4 cases in the state now, `open` not shown */
} netra_stats_duration;

/**
 * The days spent in each non-terminal state (states.tsv order): a stay starts at the step
 * that entered the state and ends at the next step that changed it, counted in calendar days
 * between their working dates. Quantiles interpolate linearly between order statistics
 * (netra_stats_quantile).
 *
 * @param[out] out the durations (free with netra_stats_durations_free()); n_out how many
 * @return NETRA_OK; NETRA_ENOMEM
 */
NETRA_API int netra_stats_durations(netra_stats_duration **out, size_t *n_out, const netra_stats *s,
                                    const netra_stats_query *q);

/** Frees durations. */
NETRA_API void netra_stats_durations_free(netra_stats_duration *d);

/**
 * The p-quantile (0 <= p <= 1) of n sorted values, interpolating linearly between the order
 * statistics (Hyndman and Fan's type 7, as spreadsheets' PERCENTILE.INC): the median of an
 * even count is the mean of the two middle values. 0 for n == 0.
 */
NETRA_API double netra_stats_quantile(const double *sorted, size_t n, double p);

/** One filter a document was computed with, as (name, value): table, by, election, region,
 * from, to, variant, computed_at, audit_seq (docs/statistics.md). */
typedef struct netra_stats_meta {
    const char *name;
    char value[80];
} netra_stats_meta;

/** The most pairs netra_stats_meta_fill() writes. */
#define NETRA_STATS_META_MAX 9

/**
 * The pairs describing a document: `table` (shares|funnel|durations), `by`, the election,
 * the region ("nasional" when none), the period and variant of `q`, the time now (UTC) and
 * the audit-chain position the cases were read at. `m` holds NETRA_STATS_META_MAX.
 *
 * @return how many pairs were written
 */
NETRA_API size_t netra_stats_meta_fill(netra_stats_meta *m, const char *table, const char *by,
                                       const char *election, const char *region,
                                       const netra_stats_query *q, int64_t audit_seq);

/**
 * The JSON document of a table (`t`) or, when `t` is NULL, of the durations (`d`, `nd`), as
 * netrad answers /api/v1/stats/... and `netra stats --format json` prints it: meta (the pairs
 * in order, `audit_seq` as an integer, then cases_total, min_cell, method, and for a table
 * the matched cases), then columns, rows and total, or states. Hidden counts are null with
 * their mark in `cells`. `shares`: the table has the one column "cases" (else the funnel's
 * steps).
 *
 * @return a new reference; NULL when out of memory
 */
NETRA_API json_t *netra_stats_doc_json(const netra_stats_meta *m, size_t nm, size_t cases_total,
                                       int shares, const netra_stats_table *t,
                                       const netra_stats_duration *d, size_t nd);

/**
 * The same document as CSV on `f`: the pairs in a comment line, the method line, a header,
 * one line per row (text cells guarded by netra_index_csv_cell) and the total.
 */
NETRA_API void netra_stats_doc_csv(FILE *f, const netra_stats_meta *m, size_t nm, int shares,
                                   const netra_stats_table *t, const netra_stats_duration *d,
                                   size_t nd);

#ifdef __cplusplus
}
#endif

#endif
