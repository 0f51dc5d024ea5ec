/*
 * law_int.h - internals of the law module (src/lib/law): the loaded tables.
 *
 * Layering: law uses util only. Records live in vectors that stop growing once their
 * table is loaded, so pointers between tables (an act's forms, a stage's election) are
 * taken only after the table they point into is complete.
 */
#ifndef NT_LAW_INT_H
#define NT_LAW_INT_H

#include "util/util_int.h"
#include "netra/law.h"

struct netra_law {
    nt_arena arena;                             /* every string and small array */
    char *dir;                                  /* directory loaded from */
    netra_level_info levels[NETRA_LEVEL_COUNT]; /* by netra_level; [0] unused */
    nt_vec categories;                          /* netra_category */
    nt_vec acts;                                /* netra_act */
    nt_vec act_lines;                           /* unsigned: line of each act */
    nt_vec forms;                               /* netra_form */
    nt_vec sanctions;                           /* netra_sanction */
    nt_vec elections;                           /* netra_election */
    nt_vec election_lines;                      /* unsigned */
    nt_vec designations;                        /* netra_designation */
    nt_vec stages;                              /* netra_stage, grouped by election */
    size_t *stage_first;                        /* per election: first stage index */
    size_t *stage_count;                        /* per election: number of stages */
    nt_vec agencies;                            /* netra_agency, by date */
    netra_law_options opts;                     /* options in force */
};

/* load.c */
int nt_law_load_tables(netra_law *law, const char *dir);

#endif
