/*
 * index_int.h - internals of the vulnerability index: the config read from data/index, the
 * compact event store and the interning tables. See docs/internals/index.md.
 */
#ifndef NT_INDEX_INT_H
#define NT_INDEX_INT_H

#include <stdint.h>

#include "netra/index.h"
#include "util/util_int.h"

#define NT_IX_MAX_ISSUES  32
#define NT_IX_MAX_STRINGS 65535u /* distinct agencies / positions / elections per set */
#define NT_IX_NO_SLOT     UINT32_MAX

struct netra_index_config {
    const netra_law *law;                    /* borrowed */
    nt_arena arena;                          /* strings */
    double kind_w[NETRA_INDEX_KIND_COUNT];   /* kinds.tsv */
    double level_w[NETRA_LEVEL_COUNT];       /* severity.tsv; [NONE] = 'none' row */
    double stage_w[NETRA_PHASE_COUNT];       /* stages.tsv; [NONE] = 'none' row */
    size_t n_issues;                         /* issues.tsv rows */
    const char *issue_ids[NT_IX_MAX_ISSUES]; /* category ids */
    double issue_w[NT_IX_MAX_ISSUES];        /* their weights */
    long min_sedang[4];                      /* hundredths, by netra_region_level */
    long min_tinggi[4];                      /* hundredths */
    const char *colour[3];                   /* by zone */
    int weighted_mean;                       /* aggregation */
    int scale_max;                           /* scaling: 1 = max, 0 = minmax */
    uint8_t form_level[64];                  /* by form index of the law */
    uint8_t form_issue[64];                  /* by form index */
};

/* A region code as a number: PP*10000 + KK*100 + CC (KK, CC zero for coarser levels). */
typedef uint32_t nt_ix_code;

/* A distinct region seen in the events, with its ancestors (indices into the same table). */
typedef struct nt_ix_region {
    nt_ix_code code;
    uint8_t level;  /* netra_region_level */
    uint32_t up[4]; /* index of the ancestor at each level, NT_IX_NO_SLOT when coarser */
} nt_ix_region;

/* One event, 24 bytes. */
typedef struct nt_ix_event {
    uint32_t region;   /* index into regions */
    netra_date date;   /* day */
    float weight;      /* kind x severity x stage weights */
    uint16_t election; /* interned id, 0 = none */
    uint16_t agency;   /* interned, 0 = not recorded */
    uint16_t position; /* interned, 0 = not recorded */
    uint8_t kind;      /* netra_index_kind */
    uint8_t stage;     /* netra_phase */
    uint8_t issue;     /* index into the config's issues */
    uint8_t level;     /* netra_level */
} nt_ix_event;

/* A table of distinct strings: index 0 is "". */
typedef struct nt_ix_strings {
    nt_map map;   /* string -> index + 1 */
    nt_vec items; /* const char * */
} nt_ix_strings;

struct netra_index {
    const netra_index_config *cfg; /* borrowed */
    nt_arena arena;                /* interned strings */
    nt_vec events;                 /* nt_ix_event */
    nt_vec regions;                /* nt_ix_region */
    uint32_t *region_slot;         /* code / 1 -> index + 1, allocated lazily (1,000,000) */
    nt_ix_strings elections, agencies, positions;
};

/* A computed index (compute.c). */
struct netra_index_result {
    const netra_index_config *cfg;
    netra_region_level level;
    netra_index_row *rows;
    size_t n_rows;
    char (*codes)[NETRA_REGION_CODE_MAX];
    double *values; /* n_rows x n_issues, then n_rows x n_issues scores */
    size_t unplaced, matched;
};

/* Parses a region code into its numeric form and level (netra_region_code_parse rules). */
int nt_ix_code_parse(nt_ix_code *out, netra_region_level *level_out, const char *code);
/* Writes the dotted form of a numeric code at a level. */
void nt_ix_code_format(char out[NETRA_REGION_CODE_MAX], nt_ix_code code, netra_region_level level);
/* Interns a string into a table; returns its index or a negative error. */
long nt_ix_intern(netra_index *ix, nt_ix_strings *t, const char *s);
/* The string of an index. */
const char *nt_ix_string(const nt_ix_strings *t, size_t i);
/* A strict decimal: digits, optional '.' or ',' and digits; returns 0 or -1. */
int nt_ix_parse_decimal(double *out, const char *s, size_t len);
/* Whether an event passes a query's election, stage and window filters; `election` is the
 * interned index of the query's election (0 = none asked, -1 = unknown: nothing matches). */
int nt_ix_match(const nt_ix_event *e, const netra_index_query *q, long election, int stage);
/* The index of the issue 'lainnya' (events with neither category nor form). */
size_t nt_ix_other_issue(const netra_index_config *cfg);
/* Resolves the query's election and stage: election index (0 none, -1 not present in the
 * set), stage phase (-1 none). NETRA_EINVAL for an id the law does not know. */
int nt_ix_query_resolve(long *election_out, int *stage_out, const netra_index *ix,
                        const netra_index_query *q);

#endif
