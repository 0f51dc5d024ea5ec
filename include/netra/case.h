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

/* ---- the PPK and conflicts of interest (data/org/, docs/data/org.md) ------------------- */

/** Loaded PPK rules, authorities and conflict routes; immutable except for set_route. */
typedef struct netra_coi netra_coi;

/** An office that acts as PPK or takes a conflicted PPK's place (authorities.tsv). */
typedef struct netra_authority {
    const char *id;       /* "bupati", "gubernur_wpp" */
    const char *level;    /* the region it governs: nasional, provinsi, kabkota */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    const char *basis;    /* legal basis */
} netra_authority;

/** The part of a region code that names a PPK's region (ppk.tsv `region`). */
typedef enum netra_ppk_region {
    NETRA_PPK_NATIONAL = 1, /* a central agency: no region */
    NETRA_PPK_PROVINCE,     /* PP */
    NETRA_PPK_KABUPATEN,    /* PP.KK, KK 01-69 */
    NETRA_PPK_KOTA          /* PP.KK, KK 71-99 */
} netra_ppk_region;

/** Who the PPK is for a kind of agency (ppk.tsv). */
typedef struct netra_ppk_rule {
    const char *agency_kind; /* "pemkab" */
    const char *ppk;         /* an authority id: "bupati" */
    netra_ppk_region region; /* which part of the accused's region names the PPK's */
    const char *prefixes;    /* lowercase name beginnings, comma-separated ("" none) */
    const char *label_id;    /* Indonesian label of the agency kind */
    const char *label_en;    /* English label */
    const char *basis;       /* legal basis */
} netra_ppk_rule;

/** Where a recommendation goes when a PPK office is conflicted (conflict-routes.tsv). */
typedef struct netra_coi_route_rule {
    const char *ppk;      /* an authority id: "bupati" */
    const char *route_to; /* an authority id: "gubernur_wpp" */
    int netra_default;    /* 1 when the sources are silent and this is Netra's default */
    const char *basis;    /* legal basis or the reason for the default */
} netra_coi_route_rule;

/** The PPK of an accused civil servant. */
typedef struct netra_ppk {
    const netra_ppk_rule *rule;    /* the rule applied */
    const netra_authority *office; /* the PPK's office */
    char region[16];               /* the region it governs ("32.04"), "" for a central PPK */
    char agency[96];               /* a central PPK's agency, "" otherwise */
} netra_ppk;

/** A conflicted PPK's replacement. */
typedef struct netra_coi_routing {
    const netra_coi_route_rule *rule; /* the route applied */
    const netra_authority *to;        /* the office the recommendation goes to */
    char region[16];                  /* its region ("32" for a governor), "" national */
} netra_coi_routing;

/**
 * Loads authorities.tsv, ppk.tsv and conflict-routes.tsv.
 *
 * @param dir the directory; NULL for `<netra_data_dir()>/org`
 * @return NETRA_OK; NETRA_EIO; NETRA_EDATA with `file:line: field 'x': reason`; NETRA_ENOMEM.
 */
NETRA_API int netra_coi_load(netra_coi **out, const char *dir);

/** Frees the rules; NULL is allowed. */
NETRA_API void netra_coi_free(netra_coi *coi);

/** Table rows (borrowed; NULL past the end) and lookups (NULL when unknown). */
NETRA_API size_t netra_coi_n_rules(const netra_coi *coi);
NETRA_API const netra_ppk_rule *netra_coi_rule_at(const netra_coi *coi, size_t i);
NETRA_API size_t netra_coi_n_routes(const netra_coi *coi);
NETRA_API const netra_coi_route_rule *netra_coi_route_at(const netra_coi *coi, size_t i);
NETRA_API const netra_authority *netra_coi_authority(const netra_coi *coi, const char *id);

/**
 * Changes where a conflicted PPK office routes (the defaults the sources do not give).
 *
 * @return NETRA_OK; NETRA_EINVAL for an unknown office, or a route to itself.
 */
NETRA_API int netra_coi_set_route(netra_coi *coi, const char *ppk, const char *route_to);

/** The same for a list `bupati=mendagri,wali_kota=mendagri` (--coi-route, NETRA_COI_ROUTE). */
NETRA_API int netra_coi_set_routes(netra_coi *coi, const char *spec);

/**
 * The PPK of a civil servant of an agency: by the agency's kind when given, else by the
 * beginning of its name ("Pemerintah Kabupaten Bandung" is a pemkab), and the region the
 * PPK governs from the accused's region code (a kabupaten's ASN: the bupati of PP.KK).
 *
 * @param agency_kind a kind of ppk.tsv, or NULL/"" to tell it from `agency`
 * @return NETRA_OK; NETRA_ENOTFOUND when the kind cannot be told (no agency, a name no
 *         prefix matches); NETRA_EINVAL for an unknown kind or a region that does not fit
 *         it (a kota code for a pemkab, no kabupaten code).
 */
NETRA_API int netra_ppk_resolve(netra_ppk *out, const netra_coi *coi, const char *agency_kind,
                                const char *agency, const char *region);

/** Where a recommendation goes when `ppk` is conflicted. NETRA_ENOTFOUND without a route. */
NETRA_API int netra_coi_route(netra_coi_routing *out, const netra_coi *coi, const netra_ppk *ppk);

/**
 * A Kemendagri region code with its dots ("3204" gives "32.04"); "" for an empty code.
 *
 * @return NETRA_OK; NETRA_EINVAL when it is not 2, 4, 6 or 10 digits; NETRA_ETOOBIG.
 */
NETRA_API int netra_region_code_normalize(char *out, size_t size, const char *region);

#ifdef __cplusplus
}
#endif

#endif
