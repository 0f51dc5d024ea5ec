/*
 * case.h - the case workflow as data: roles, states, actions, the transitions between them
 * and the legal clocks (the tables of data/workflow/, format in docs/data/workflow.md).
 *
 * The state machine is pure: it answers whether `role` may take `action` in `state` under a
 * regime (Pemilu or Pilkada), with which fields, giving which state and starting or stopping
 * which clock. It stores nothing; src/lib/store applies its answers to the database.
 */
#ifndef NETRA_CASE_H
#define NETRA_CASE_H

#include <stddef.h>

#include "netra/common.h"
#include "netra/calendar.h"
#include "netra/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded workflow; immutable after loading except for netra_workflow_set_clock_days(). */
typedef struct netra_workflow netra_workflow;

/** Maximum number of fields an action may require. */
#define NETRA_WF_MAX_FIELDS 8

/** A role (roles.tsv). Strings are borrowed from the workflow. */
typedef struct netra_role {
    const char *id;          /* "bawaslu_kabkota" */
    const char *group;       /* "pengawas" */
    const char *escalate_to; /* the next level, NULL for none */
    int reporter_access;     /* 1 when it may read a reporter's identity and contact */
    const char *label_id;    /* Indonesian label */
    const char *label_en;    /* English label */
    const char *basis;       /* legal basis */
} netra_role;

/** A state (states.tsv). */
typedef struct netra_wf_state {
    const char *id;       /* "kajian_awal" */
    int terminal;         /* 1 when no action leaves it */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    const char *basis;    /* legal basis */
} netra_wf_state;

/** An action (actions.tsv). */
typedef struct netra_wf_action {
    const char *id;       /* "registrasi" */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    const char *basis;    /* legal basis */
} netra_wf_action;

/** A transition (transitions.tsv). */
typedef struct netra_transition {
    const char *from;                          /* a state id; NULL for a new case */
    const char *action;                        /* an action id */
    const char *to;                            /* the resulting state */
    const char *roles;                         /* comma-separated role or group ids */
    const char *regime;                        /* "pemilu", "pilkada" or "any" */
    const char *kind;                          /* the case kind it sets, NULL to keep */
    const char *requires[NETRA_WF_MAX_FIELDS]; /* required fields, NULL-terminated */
    const char *clock_start;                   /* a clock id or NULL */
    const char *clock_stop;                    /* a clock id or NULL */
    const char *clock_extend;                  /* a clock id or NULL */
    const char *basis;                         /* legal basis */
    unsigned line;                             /* line in transitions.tsv */
} netra_transition;

/** A clock rule (clocks.tsv). */
typedef struct netra_clock_rule {
    const char *id;       /* "penanganan" */
    const char *regime;   /* "pemilu", "pilkada" or "any" */
    int days;             /* the time allowed */
    int working;          /* 1 when `days` are working days (hari kerja) */
    int extended_days;    /* the whole time once extended; 0 when not extendable */
    int extended_working; /* 1 when `extended_days` are working days */
    const char *escalate; /* "atasan" or a role id */
    int configurable;     /* 1 when the operator may change `days` */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    const char *basis;    /* legal basis */
} netra_clock_rule;

/**
 * Loads roles.tsv, states.tsv, actions.tsv, transitions.tsv and clocks.tsv.
 *
 * @param[out] out the workflow (netra_workflow_free())
 * @param dir the directory; NULL for `<netra_data_dir()>/workflow`
 * @return NETRA_OK; NETRA_EIO; NETRA_EDATA with `file:line: field 'x': reason` (unknown
 *         state, action, role, clock or regime, a duplicate, a missing basis); NETRA_ENOMEM.
 */
NETRA_API int netra_workflow_load(netra_workflow **out, const char *dir);

/** Frees a workflow; NULL is allowed. */
NETRA_API void netra_workflow_free(netra_workflow *wf);

/** Table sizes and rows (borrowed; NULL past the end). */
NETRA_API size_t netra_workflow_n_roles(const netra_workflow *wf);
NETRA_API const netra_role *netra_workflow_role_at(const netra_workflow *wf, size_t i);
NETRA_API size_t netra_workflow_n_states(const netra_workflow *wf);
NETRA_API const netra_wf_state *netra_workflow_state_at(const netra_workflow *wf, size_t i);
NETRA_API size_t netra_workflow_n_actions(const netra_workflow *wf);
NETRA_API const netra_wf_action *netra_workflow_action_at(const netra_workflow *wf, size_t i);
NETRA_API size_t netra_workflow_n_transitions(const netra_workflow *wf);
NETRA_API const netra_transition *netra_workflow_transition_at(const netra_workflow *wf, size_t i);
NETRA_API size_t netra_workflow_n_clocks(const netra_workflow *wf);
NETRA_API const netra_clock_rule *netra_workflow_clock_at(const netra_workflow *wf, size_t i);

/** Lookups by id; NULL when unknown. */
NETRA_API const netra_role *netra_workflow_role(const netra_workflow *wf, const char *id);
NETRA_API const netra_wf_state *netra_workflow_state(const netra_workflow *wf, const char *id);
NETRA_API const netra_wf_action *netra_workflow_action(const netra_workflow *wf, const char *id);

/**
 * The transition for `action` in `state` (NULL for a new case) under `regime` ("pemilu" or
 * "pilkada"), ignoring roles and fields.
 *
 * @return the transition or NULL when the action is not allowed there.
 */
NETRA_API const netra_transition *netra_workflow_find(const netra_workflow *wf, const char *state,
                                                      const char *action, const char *regime);

/**
 * Writes the actions allowed in `state` under `regime` (any role), comma-separated, into
 * `buf` (truncated to `size`, always NUL-terminated). Returns the number of actions.
 */
NETRA_API size_t netra_workflow_allowed(char *buf, size_t size, const netra_workflow *wf,
                                        const char *state, const char *regime);

/** Whether `role` is one of a transition's roles (by role id or group). */
NETRA_API int netra_workflow_role_may(const netra_workflow *wf, const netra_transition *t,
                                      const char *role);

/**
 * Checks one step of the state machine.
 *
 * @param[out] out the transition taken
 * @param state the current state; NULL for a new case
 * @param fields the names of the fields the action carries, NULL-terminated (may be NULL)
 * @return NETRA_OK; NETRA_ESTATE when the action is not allowed in the state, the message
 *         naming the state and the allowed actions; NETRA_EPERM when the role may not take
 *         it (the message names the roles that may); NETRA_EINVAL for an unknown state,
 *         action, role or regime, or a missing required field (named).
 */
NETRA_API int netra_workflow_step(const netra_transition **out, const netra_workflow *wf,
                                  const char *state, const char *action, const char *role,
                                  const char *regime, const char *const *fields);

/* ---- clocks ---------------------------------------------------------------------------- */

/** The rule of a clock under a regime (the regime's row, else the `any` row); NULL if none. */
NETRA_API const netra_clock_rule *netra_workflow_clock(const netra_workflow *wf, const char *clock,
                                                       const char *regime);

/**
 * Changes the days of a configurable clock (the PPK deadline) for every regime.
 *
 * @return NETRA_OK; NETRA_EINVAL for an unknown clock, one that is not configurable, or days
 *         outside 1..365.
 */
NETRA_API int netra_workflow_set_clock_days(netra_workflow *wf, const char *clock, int days);

/**
 * The deadline of a clock started on `start`: `days` after it (working days through the
 * calendar when the rule says hari kerja), or the extended time when `extended`.
 *
 * @return NETRA_OK; NETRA_EINVAL for an unknown clock or an extension of a clock that has
 *         none; NETRA_ENOTFOUND when the calendar does not cover the dates.
 */
NETRA_API int netra_clock_deadline(netra_date *out, const netra_workflow *wf,
                                   const netra_calendar *cal, const char *clock, const char *regime,
                                   netra_date start, int extended);

/**
 * Whether a clock started on `start` is overdue on `today` (today is after the deadline).
 * The deadline itself is still in time.
 */
NETRA_API int netra_clock_overdue(int *out, const netra_workflow *wf, const netra_calendar *cal,
                                  const char *clock, const char *regime, netra_date start,
                                  int extended, netra_date today);

/**
 * The role a late clock escalates to, from the role holding the case: the clock's own
 * target, or for `atasan` the holder's next level (roles.tsv escalate_to).
 *
 * @return a role id (borrowed) or NULL when there is no higher level.
 */
NETRA_API const char *netra_clock_escalation(const netra_workflow *wf, const char *clock,
                                             const char *regime, const char *holder);

/**
 * Whether a report received on `submitted` about something known on `known` is late
 * (kedaluwarsa): after the batas_lapor deadline of the regime.
 */
NETRA_API int netra_report_late(int *out, const netra_workflow *wf, const netra_calendar *cal,
                                const char *regime, netra_date known, netra_date submitted);

#ifdef __cplusplus
}
#endif

#endif
