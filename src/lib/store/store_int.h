/*
 * store_int.h - internals of the store (src/lib/store): the store's handle and the helpers
 * shared by its files. SQL goes through the statement layer (db.h), never a backend's API. Design:
 * docs/internals/case.md; interface choice: docs/decisions/0006-store-interface.md.
 *
 * Layering: store uses util, and case through its public header.
 */
#ifndef NT_STORE_INT_H
#define NT_STORE_INT_H

#include <stdio.h>

#include "store/db.h"
#include "util/util_int.h"
#include "netra/store.h"

struct netra_store {
    nt_db *db;                 /* the connection (SQLite or PostgreSQL) */
    const netra_workflow *wf;  /* the state machine */
    const netra_calendar *cal; /* working days */
    const netra_law *law;      /* act classification, may be NULL */
    netra_key key;             /* reporter key */
    int has_key;               /* whether `key` is set */
    int schema;                /* migrations applied */
    int in_txn;                /* 1 inside an import's transaction: steps use savepoints */
};

/* SHA-256 of data as 64 hex digits and a NUL. */
void nt_sha256_hex(char out[65], const void *data, size_t len);
/* Appends an audit entry (inside the caller's transaction). */
int nt_store_audit(netra_store *st, const netra_actor *actor, const char *action,
                   const char *entity, int64_t entity_id, const char *before, const char *after);
/* The migrations compiled into the library (migrate.c). */
int nt_store_migrate(netra_store *st);
/* Appends `s` as a JSON string to b. */
int nt_json_str(nt_buf *b, const char *s);

#endif
