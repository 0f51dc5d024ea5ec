/*
 * auth_int.h - internals of the access module (src/lib/auth): the office kinds and the
 * access context. Design: docs/internals/auth.md.
 *
 * Layering: auth uses util, the workflow (netra/case.h), regions (netra/region.h) and the
 * store's account operations (store/users_int.h, backend-neutral).
 */
#ifndef NT_AUTH_INT_H
#define NT_AUTH_INT_H

#include "util/util_int.h"
#include "netra/auth.h"

struct netra_org {
    nt_arena arena;           /* every string */
    nt_vec kinds;             /* netra_office_kind */
    const netra_workflow *wf; /* the workflow the roles were checked against */
};

struct netra_auth {
    netra_store *st;                 /* the store (borrowed) */
    const netra_org *org;            /* office kinds (borrowed) */
    netra_auth_config cfg;           /* settings with defaults filled in */
    char dummy[NETRA_PWHASH_STRLEN]; /* a hash verified for unknown logins; "" until needed */
};

#endif
