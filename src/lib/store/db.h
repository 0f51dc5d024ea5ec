/*
 * db.h - the store's statement layer: one small interface over SQLite (db_sqlite.c) and
 * PostgreSQL (db_pg.c), so every store file writes its SQL once.
 *
 * Conventions:
 *  - SQL uses `?` placeholders (numbered from 1 in order) or `?N` (the N-th parameter,
 *    reusable); PostgreSQL gets them as `$N`.
 *  - A new row's id is read with `INSERT ... RETURNING id` (both backends), stepped like a
 *    query.
 *  - Text given to a bind is copied: the caller's buffer may change after the call.
 *  - nt_db_step() returns NT_DB_ROW (1) while there is a row, NT_DB_DONE (0) at the end, and
 *    a negative NETRA_E* code (with the backend's message, see netra_error_last()) on error.
 *  - Column getters never fail; text and blob pointers stay valid until the next step, reset
 *    or finalize. A NULL text column reads as NULL from nt_db_col_text.
 *  - Write the SQL both backends accept: `INSERT ... ON CONFLICT DO NOTHING` (not `INSERT OR
 *    IGNORE`), `RETURNING id` (not last_insert_rowid), no `LIMIT -1`, no `rowid`. A
 *    parameter that may be bound NULL and is tested with `IS NULL` needs a type where it
 *    appears, `CAST(?1 AS TEXT) IS NULL OR x = ?1`: PostgreSQL cannot infer the type of
 *    `$1 IS NULL` (error "could not determine data type of parameter").
 *  - Errors map to NETRA_ESTORAGE ("what: backend message"), a busy or locked database and a
 *    serialisation failure included; NETRA_ENOMEM when our allocator fails.
 *
 * Where the dialects differ (JSON functions), callers pick the SQL by nt_db_dialect().
 */
#ifndef NT_STORE_DB_H
#define NT_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

/* A connection and a prepared statement. */
typedef struct nt_db nt_db;
typedef struct nt_stmt nt_stmt;

/* The SQL dialect of a connection. */
typedef enum nt_db_dialect { NT_DB_SQLITE = 1, NT_DB_PG = 2 } nt_db_dialect;

/* Results of nt_db_step(). */
#define NT_DB_ROW  1
#define NT_DB_DONE 0

/* Kinds of transaction (nt_db_begin). */
typedef enum nt_db_txn {
    NT_DB_READ = 0, /* one consistent read snapshot */
    NT_DB_WRITE = 1 /* writers are serialised: SQLite BEGIN IMMEDIATE; PostgreSQL takes the
                       store's transaction-level advisory lock */
} nt_db_txn;

/*
 * Opens a connection. `location` is a file path, `sqlite:PATH`, or a libpq URI
 * (`postgresql://...` or `postgres://...`).
 *
 * @return NETRA_OK; NETRA_ESTORAGE with the backend's message; NETRA_EINVAL when the
 *         PostgreSQL backend is asked for and not built; NETRA_ENOMEM.
 */
int nt_db_open(nt_db **out, const char *location);
/* Closes a connection; NULL is allowed. Statements must be finalized first. */
void nt_db_close(nt_db *db);
/* The dialect of a connection. */
nt_db_dialect nt_db_dialect_of(const nt_db *db);

/* Runs SQL without parameters or results (several statements separated by `;` allowed). */
int nt_db_exec(nt_db *db, const char *sql);
/* Transactions. nt_db_rollback keeps the current error (netra_error_last()) intact. */
int nt_db_begin(nt_db *db, nt_db_txn kind);
int nt_db_commit(nt_db *db);
void nt_db_rollback(nt_db *db);
/* Savepoints inside a transaction (name: an SQL identifier). nt_db_savepoint_rollback
 * rolls back to the savepoint and releases it, keeping the current error intact. */
int nt_db_savepoint(nt_db *db, const char *name);
int nt_db_savepoint_release(nt_db *db, const char *name);
void nt_db_savepoint_rollback(nt_db *db, const char *name);

/* Prepares a statement. NETRA_ESTORAGE (with the SQL's first 60 bytes in the message). */
int nt_db_prepare(nt_db *db, nt_stmt **out, const char *sql);
/* Binds parameter `i` (from 1). NETRA_ESTORAGE for an index out of range. */
int nt_db_bind_int64(nt_stmt *s, int i, int64_t v);
int nt_db_bind_text(nt_stmt *s, int i, const char *v); /* NULL binds SQL NULL */
int nt_db_bind_blob(nt_stmt *s, int i, const void *p, size_t len);
int nt_db_bind_null(nt_stmt *s, int i);
/* Runs the statement or moves to its next row: NT_DB_ROW, NT_DB_DONE or a NETRA_E* code.
 * `what` names the operation for the error message ("inserting a case"). */
int nt_db_step(nt_stmt *s, const char *what);
/* Steps a statement that returns no rows to its end: NETRA_OK or a NETRA_E* code. */
int nt_db_run(nt_stmt *s, const char *what);
/* Runs an `INSERT ... RETURNING id` to its end; `*id` gets the new row's id. */
int nt_db_run_id(nt_stmt *s, int64_t *id, const char *what);
/*
 * Runs a statement whose outcome the caller does not read (no rows, no nt_db_changes): an
 * INSERT or UPDATE inside a write. On PostgreSQL inside a transaction it is sent without
 * waiting for the answer (libpq's pipeline mode) and the answer is read with the next call
 * that waits (a step, nt_db_exec, a savepoint release, a commit); an error it met is returned
 * by that call, naming this statement's `what`, and the transaction has failed as if this
 * call had. Every store call ends with a commit or a savepoint release, so such an error
 * reaches the call that queued the statement. Elsewhere (SQLite, outside a transaction) it
 * is nt_db_run. The statement is done afterwards (step it again only after nt_db_reset).
 */
int nt_db_queue(nt_stmt *s, const char *what);
/* Rows changed by the last completed INSERT, UPDATE or DELETE of this statement. */
int64_t nt_db_changes(const nt_stmt *s);
/* Column `i` (from 0) of the current row. */
int nt_db_col_is_null(nt_stmt *s, int i);
int64_t nt_db_col_int64(nt_stmt *s, int i);
int nt_db_col_int(nt_stmt *s, int i);
const char *nt_db_col_text(nt_stmt *s, int i);
const void *nt_db_col_blob(nt_stmt *s, int i);
size_t nt_db_col_bytes(nt_stmt *s, int i); /* of a text or blob column */
/* Makes the statement runnable again; the bindings are kept. */
void nt_db_reset(nt_stmt *s);
/* Releases a statement; NULL is allowed. */
void nt_db_finalize(nt_stmt *s);
/*
 * Asks for the statement to be planned for the values of each run: for a query whose best
 * plan depends on them (the case list's filters, where one state can match no case and
 * another thousands). PostgreSQL plans a prepared statement's first five runs for their
 * values and may switch to a generic plan made without them afterwards, so such a
 * statement is prepared again every five runs (in the pipeline of the run, no round trip
 * of its own). SQLite: nothing changes (it plans a statement when it is prepared). Call it
 * before the first step.
 */
void nt_db_plan_each_run(nt_stmt *s);

/*
 * Inside a write transaction (nt_db_begin(NT_DB_WRITE) until its commit or rollback), a
 * number that changes whenever that transaction may have lost writes (a rollback to a
 * savepoint) and is never the same for two transactions; 0 outside one. The store keeps
 * what it read and wrote inside one write transaction, which holds the writers' lock (the
 * audit chain's head), and knows it is still true while this number is unchanged.
 */
uint64_t nt_db_write_epoch(const nt_db *db);
/* Inside a write transaction, a number that is never the same for two of them (savepoints
 * included); 0 outside one. */
uint64_t nt_db_write_txn(const nt_db *db);
/*
 * Sets the function nt_db_commit calls first when it commits a write transaction (NULL for
 * none): what the store keeps in memory during a transaction is written there (the audit
 * chain's head). When it fails, the transaction is rolled back and the commit returns its
 * error.
 */
void nt_db_set_before_commit(nt_db *db, int (*fn)(void *arg), void *arg);

/* Prepares, binds nothing, steps once: the first column of the first row as an integer
 * (`*out` = 0 when there is no row). */
int nt_db_query_int64(nt_db *db, int64_t *out, const char *sql);

/* ---- used by the backends (db.c) ------------------------------------------------------- */

/* The operations of a backend; nt_db and nt_stmt start with a pointer to them. */
typedef struct nt_db_ops {
    nt_db_dialect dialect;
    void (*close)(nt_db *db);
    int (*exec)(nt_db *db, const char *sql);
    int (*begin)(nt_db *db, nt_db_txn kind);
    int (*prepare)(nt_db *db, nt_stmt **out, const char *sql);
    int (*bind)(nt_stmt *s, int i, int type, int64_t v, const void *p, size_t len);
    int (*step)(nt_stmt *s, const char *what);
    int64_t (*changes)(const nt_stmt *s);
    int (*col_is_null)(nt_stmt *s, int i);
    int64_t (*col_int64)(nt_stmt *s, int i);
    const char *(*col_text)(nt_stmt *s, int i);
    const void *(*col_blob)(nt_stmt *s, int i);
    size_t (*col_bytes)(nt_stmt *s, int i);
    void (*reset)(nt_stmt *s);
    void (*finalize)(nt_stmt *s);
    int (*queue)(nt_stmt *s, const char *what); /* NULL: nt_db_queue runs the statement */
} nt_db_ops;

/* Bind types for nt_db_ops.bind. */
enum { NT_DB_T_NULL = 0, NT_DB_T_INT = 1, NT_DB_T_TEXT = 2, NT_DB_T_BLOB = 3 };

struct nt_db {
    const nt_db_ops *ops;
    int in_write;   /* inside nt_db_begin(NT_DB_WRITE) .. commit or rollback (db.c) */
    uint64_t epoch; /* changed at every begin, commit, rollback and savepoint rollback */
    uint64_t txn;   /* counts the write transactions begun */
    int (*before_commit)(void *arg);
    void *before_commit_arg;
};
struct nt_stmt {
    const nt_db_ops *ops;
    int plan_each_run; /* nt_db_plan_each_run() was called (zero from the backends' calloc) */
};

int nt_db_sqlite_open(nt_db **out, const char *path);

/* The SQLite backend's per-connection statement cache (db_sqlite.c): at most
 * NT_DB_STMT_CACHE statements of SQL up to NT_DB_STMT_CACHE_SQL bytes (longer SQL is
 * compiled for each use). */
#define NT_DB_STMT_CACHE     128
#define NT_DB_STMT_CACHE_SQL 8192
typedef struct nt_db_cache_stats {
    unsigned long hits;      /* prepares served by a compiled statement */
    unsigned long misses;    /* prepares that compiled */
    unsigned long evictions; /* statements finalized to make room or after a schema change */
    size_t cached;           /* statements held now */
} nt_db_cache_stats;
/* The counters of a SQLite connection; NETRA_EINVAL for another backend. */
int nt_db_sqlite_cache_stats(nt_db *db, nt_db_cache_stats *out);
int nt_db_pg_open(nt_db **out, const char *uri);

/*
 * The PostgreSQL form of portable SQL: `?`/`?N` become `$N`; in DDL, `INTEGER PRIMARY KEY`
 * becomes `BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY`, `INTEGER` becomes `BIGINT`
 * and `BLOB` becomes `BYTEA`. String literals, quoted identifiers and comments are copied
 * unchanged. The result is allocated (nt_free); `*n_params` (may be NULL) gets the highest
 * parameter number used.
 *
 * @return NETRA_OK; NETRA_EINVAL for a `?N` beyond 999 or an unterminated literal;
 *         NETRA_ENOMEM.
 */
int nt_db_pg_sql(char **out, int *n_params, const char *sql, int ddl);

#endif
