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
    int batch;                 /* 1 inside a group commit (netra_store_batch_begin) */
    int item;                  /* 1 while one write of the batch runs */
    int reading;               /* 1 inside netra_store_read_begin */
    int pub_nested;            /* 1 while a public-side transaction is a batch savepoint */
    netra_normalizer *nz;      /* computes summaries' SimHash (may be NULL: left pending) */
    netra_coi *coi;            /* PPK rules and conflict routes, loaded when first needed */
    int own_coi;               /* 1 when the store loaded `coi` (and frees it) */
    /* The audit chain's head as this connection last read or wrote it inside the write
     * transaction of nt_db_write_epoch() == head_epoch (0: not known): that transaction
     * holds the writers' lock, so nobody else moves the head meanwhile (audit.c). */
    uint64_t head_epoch;
    int64_t head_seq;
    char head_hash[65];
    uint64_t head_txn; /* the write transaction (nt_db_write_txn) whose appended entries'
                          head is not in meta yet; 0: none */
};

/* SHA-256 of data as 64 hex digits and a NUL. */
void nt_sha256_hex(char out[65], const void *data, size_t len);
/* Appends an audit entry (inside the caller's transaction). */
int nt_store_audit(netra_store *st, const netra_actor *actor, const char *action,
                   const char *entity, int64_t entity_id, const char *before, const char *after);
/* Writes the audit head kept in memory to meta before a commit (nt_db_set_before_commit;
 * `arg` is the store). */
int nt_store_audit_before_commit(void *arg);
/* The migrations compiled into the library (migrate.c). */
int nt_store_migrate(netra_store *st);
/* Duplicate keys (duplicates.c), inside the caller's transaction: the canonical URL of an
 * act ('' when not a URL), and the SimHash of a case's summary (pending when the store has
 * no normaliser). nt_store_dup_backfill computes the pending ones. */
int nt_store_index_url(netra_store *st, int64_t act_id, const char *url);
int nt_store_index_text(netra_store *st, int64_t case_id, const char *text);
int nt_store_dup_backfill(netra_store *st);
/* NETRA_ESTATE when the case was merged into another (merge.c): it takes no actions. */
int nt_store_merge_check(netra_store *st, int64_t case_id);
/* Sets a case's `due` (its earliest running deadline; 2147483647 when none runs) after its
 * clocks changed. */
int nt_store_case_due(netra_store *st, int64_t id);
/* Conflicts of interest (conflict.c), inside the caller's transaction: recomputes the
 * conflict of a case and writes an audit entry when it changed. */
int nt_store_conflict_update(netra_store *st, int64_t case_id, const netra_actor *actor);
/* Who a recommendation of a case goes to: the route's office and region when the PPK is
 * conflicted (*conflicted 1), else the first accused's PPK; "" when the PPK is unknown. */
int nt_store_case_addressee(char office[32], char region[16], int *conflicted, netra_store *st,
                            int64_t case_id);
/* Row readers (rows.c). A text column into a bounded field, NULL read as "". */
void nt_store_text(char *dst, size_t size, nt_stmt *q, int i);
/* A case from the columns NT_STORE_CASE_COLS, first in the row. */
#define NT_STORE_CASE_COLS                                                                         \
    "id, version, kind, regime, election, state, region, holder, title, opened, updated, demo"
void nt_store_read_case(netra_case *c, nt_stmt *q);
/* An act from the columns NT_STORE_ACT_COLS, starting at column `c`. */
#define NT_STORE_ACT_COLS "id, type, date, region, platform, url, election, stage, form"
void nt_store_read_act(netra_case_act_row *r, nt_stmt *q, int c);
/* Runs `sql` with the integers `args` as its parameters and calls `row` for each row, until
 * `row` returns a negative error (returned); a failing step's error otherwise (`what` names
 * the reading in its message). */
int nt_store_each(netra_store *st, const char *sql, const int64_t *args, int n_args,
                  const char *what, int (*row)(nt_stmt *q, void *payload), void *payload);
/* Appends `s` as a JSON string to b. */
int nt_json_str(nt_buf *b, const char *s);

#endif
