/*
 * case_int.h - internals of the case module (src/lib/case): the loaded workflow tables.
 *
 * Layering: case uses util only (and the calendar of util for working days).
 */
#ifndef NT_CASE_INT_H
#define NT_CASE_INT_H

#include <stdio.h>

#include "util/util_int.h"
#include "netra/case.h"

struct netra_workflow {
    nt_arena arena;     /* every string */
    char *dir;          /* directory loaded from */
    nt_vec roles;       /* netra_role */
    nt_vec role_lines;  /* unsigned: line of each role, for late checks */
    nt_vec states;      /* netra_wf_state */
    nt_vec actions;     /* netra_wf_action */
    nt_vec transitions; /* netra_transition */
    nt_vec clocks;      /* netra_clock_rule */
};

#endif
