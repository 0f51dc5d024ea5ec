/*
 * db_pg.c - the PostgreSQL backend of the statement layer (db.h), over libpq.
 *
 * A statement keeps its SQL translated to PostgreSQL's `$N` placeholders (nt_db_pg_sql) and
 * its parameters (copied at bind). The first step runs it with PQexecParams (text results;
 * integers as int8, text as text, blobs as bytea in binary, NULL untyped) and later steps
 * walk the rows of the result. A bind error (out of range, no memory) is kept and returned
 * by the next step, so callers check one place.
 *
 * Round trips (decision 0022): inside a transaction, what needs no answer before the next
 * statement is sent without waiting, in libpq's pipeline mode: the BEGIN and the writers'
 * lock, a SAVEPOINT, and the statements given to nt_db_queue (the INSERTs and UPDATEs of a
 * write whose result nobody reads). They travel with the next statement that waits (a
 * query, an INSERT ... RETURNING, a RELEASE, the COMMIT), which is sent behind them with
 * one Sync: one round trip for all. Their answers are read in order; the first error is
 * returned by the waiting call, naming the statement that failed, and the server skips the
 * rest up to the Sync, so the transaction fails as it would have one statement at a time.
 * A rollback reads and drops what is pending first. Every store call ends with a RELEASE or
 * a COMMIT, which wait, so an error is never reported to a later call than its own.
 *
 * Writers are serialised like SQLite's single writer: a write transaction takes the
 * store's transaction-level advisory lock first, so the audit chain's read-head-then-append
 * never interleaves between two connections. Optimistic locking does not depend on it: the
 * UPDATE of a case names the version read, and PostgreSQL re-checks that condition on the
 * newest row version after waiting for a concurrent writer.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/db.h"
#include "util/util_int.h"

/* Type OIDs of PostgreSQL's catalog (pg_type), stable across versions. */
#define OID_BYTEA 17
#define OID_INT8  20
#define OID_TEXT  25

/* The key of the transaction-level advisory lock every write transaction takes ("netra-wr"). */
#define WRITE_LOCK "7310302318771106418"

/* Statements prepared on the server once per connection, by their SQL: the store has a few
 * dozen distinct statements, so parsing and planning happen once, not at every call. */
enum { PREPARED_MAX = 256 };

/* The runs of a prepared statement PostgreSQL plans for their values before it may choose a
 * generic plan (plancache.c, choose_custom_plan(): the first five). */
enum { CUSTOM_RUNS = 5 };
#define RETIRED UINT_MAX /* runs[k]: a slot no SQL matches any more (its remaking failed) */

/* Statements sent in pipeline mode whose answers are not read yet: at most QUEUE_MAX (then
 * they are read), each with its `what` (cut to QUEUE_WHAT bytes) for the error message. */
enum { QUEUE_MAX = 64, QUEUE_WHAT = 64 };

typedef struct pg_db {
    nt_db base;
    PGconn *c;
    char *prepared[PREPARED_MAX]; /* SQL of statement "nt<i>" */
    unsigned runs[PREPARED_MAX];  /* its runs since it was prepared */
    int n_prepared;
    int txn;    /* between BEGIN and COMMIT or ROLLBACK: statements may be queued */
    int queued; /* statements sent in pipeline mode, answers not read */
    char queued_what[QUEUE_MAX][QUEUE_WHAT];
} pg_db;

typedef struct pg_param {
    int type;   /* NT_DB_T_* */
    char *val;  /* owned copy: text (NUL-terminated), decimal integer or raw bytes */
    size_t len; /* bytes of val */
} pg_param;

typedef struct pg_stmt {
    nt_stmt base;
    pg_db *db;
    char *sql;        /* translated */
    int n_params;     /* highest $N */
    pg_param *params; /* n_params entries */
    int bind_err;     /* first bind error, returned by the next step */
    int queued;       /* sent by nt_db_queue: done, no result to walk */
    PGresult *res;    /* the result being walked, NULL before the first step */
    int row, n_rows;
    int64_t changes;
    unsigned char *blob; /* decoded bytea of (blob_row, blob_col) */
    size_t blob_len;
    int blob_row, blob_col;
} pg_stmt;

static const nt_db_ops pg_ops;

/* libpq's message without its trailing newline. */
static int pg_error(const char *what, const char *msg)
{
    size_t n = msg ? strlen(msg) : 0;
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    /* The usual cause when portable SQL meets PostgreSQL: `? IS NULL` with a NULL bound. */
    const char *hint = msg && strstr(msg, "could not determine data type of parameter")
                           ? " (a parameter that may be NULL needs a type where it appears: "
                             "CAST(? AS TEXT), see src/lib/store/db.h)"
                           : "";
    return nt_error_set(NETRA_ESTORAGE, "%s: %.*s%s", what, (int)n, msg ? msg : "error", hint);
}

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs ("relation exists, skipping") are not the user's concern */
}

static void pg_close(nt_db *d)
{
    pg_db *db = (pg_db *)d;
    if (db->c != NULL)
        PQfinish(db->c);
    for (int i = 0; i < db->n_prepared; i++)
        nt_free(db->prepared[i]);
    nt_free(db);
}

/* Sends one statement without parameters in pipeline mode, its answer left unread. */
/* Counts a statement just sent in pipeline mode, keeping its `what` for an error. */
static void note_queued(pg_db *db, const char *what)
{
    snprintf(db->queued_what[db->queued], QUEUE_WHAT, "%s", what);
    db->queued++;
}

static int send_sql(pg_db *db, const char *sql, const char *what)
{
    if (PQpipelineStatus(db->c) == PQ_PIPELINE_OFF && PQenterPipelineMode(db->c) != 1)
        return pg_error(what, PQerrorMessage(db->c));
    if (PQsendQueryParams(db->c, sql, 0, NULL, NULL, NULL, NULL, 0) != 1)
        return pg_error(what, PQerrorMessage(db->c));
    note_queued(db, what);
    return NETRA_OK;
}

/*
 * Sends a Sync, reads the answers of the queued statements in order and leaves pipeline
 * mode. With `last`, the last queued statement is the caller's waiting one: its result goes
 * to *last (NULL after an error). Returns the first error, naming its statement.
 */
static int drain(pg_db *db, PGresult **last)
{
    if (last != NULL)
        *last = NULL;
    if (PQpipelineStatus(db->c) == PQ_PIPELINE_OFF)
        return NETRA_OK;
    int err = NETRA_OK, n = db->queued, lost = 0;
    db->queued = 0;
    if (PQpipelineSync(db->c) != 1) {
        err = pg_error("postgresql", PQerrorMessage(db->c));
        lost = 1;
    }
    for (int i = 0; i < n && !lost; i++) {
        const char *what = db->queued_what[i];
        PGresult *r = PQgetResult(db->c);
        if (r == NULL) {
            if (err == 0)
                err = pg_error(what, PQerrorMessage(db->c));
            lost = 1;
            break;
        }
        ExecStatusType st = PQresultStatus(r);
        if (err == 0 && st == PGRES_PIPELINE_ABORTED)
            err = nt_error_set(NETRA_ESTORAGE, "%s: not run: an earlier statement failed", what);
        else if (err == 0 && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            err = pg_error(what, PQresultErrorMessage(r));
        if (last != NULL && i == n - 1 && err == 0)
            *last = r;
        else
            PQclear(r);
        /* a statement's answer ends with a NULL */
        PGresult *end = PQgetResult(db->c);
        if (end != NULL) {
            PQclear(end);
            if (err == 0)
                err = nt_error_set(NETRA_ESTORAGE, "%s: more than one result", what);
        }
    }
    if (!lost) {
        PGresult *r = PQgetResult(db->c);
        if (r == NULL || PQresultStatus(r) != PGRES_PIPELINE_SYNC) {
            if (err == 0)
                err = pg_error("postgresql: reading a pipeline's end", PQerrorMessage(db->c));
        }
        PQclear(r);
    }
    if (PQexitPipelineMode(db->c) != 1 && err == 0)
        err = pg_error("postgresql: leaving pipeline mode", PQerrorMessage(db->c));
    if (err < 0 && last != NULL && *last != NULL) {
        PQclear(*last);
        *last = NULL;
    }
    return err;
}

/* Reads and drops what is pending (before a rollback, which undoes it), keeping the current
 * error. */
static void drop_pending(pg_db *db)
{
    if (PQpipelineStatus(db->c) == PQ_PIPELINE_OFF)
        return;
    netra_error saved = *netra_error_last();
    (void)drain(db, NULL);
    nt_error_set(saved.code, "%s", saved.msg);
}

/* Keeps the error of `err` over the one a drain after it may set. */
static int fail_pending(pg_db *db, int err)
{
    drop_pending(db);
    return err;
}

static int pg_exec(nt_db *d, const char *sql)
{
    pg_db *db = (pg_db *)d;
    int single = strchr(sql, ';') == NULL;
    int ends = strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0;
    int err = NETRA_OK;
    if (strncmp(sql, "ROLLBACK", 8) == 0) {
        drop_pending(db);
    } else if (db->txn && single && strncmp(sql, "SAVEPOINT ", 10) == 0) {
        if (db->queued >= QUEUE_MAX && (err = drain(db, NULL)) < 0)
            return err;
        return send_sql(db, sql, "setting a savepoint");
    } else if (db->queued > 0 && single) {
        /* sent behind what is queued: one round trip for all */
        if (db->queued >= QUEUE_MAX && (err = drain(db, NULL)) < 0)
            return err;
        if ((err = send_sql(db, sql, ends ? "committing" : "postgresql")) < 0)
            return fail_pending(db, err);
        PGresult *r;
        err = drain(db, &r);
        PQclear(r);
        if (ends) {
            db->txn = 0;
            /* a statement before the COMMIT failed, so the COMMIT was skipped: end the
             * failed transaction as a COMMIT of it would have */
            if (err < 0 && PQtransactionStatus(db->c) != PQTRANS_IDLE)
                PQclear(PQexec(db->c, "ROLLBACK"));
        }
        return err;
    } else if (db->queued > 0 && (err = drain(db, NULL)) < 0) {
        return err;
    }
    PGresult *r = PQexec(db->c, sql);
    ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        err = pg_error("postgresql", r ? PQresultErrorMessage(r) : PQerrorMessage(db->c));
    PQclear(r);
    if (ends)
        db->txn = 0;
    return err;
}

/* BEGIN (and the writers' lock) are sent without waiting: they travel with the transaction's
 * first statement that waits. */
static int pg_begin(nt_db *d, nt_db_txn kind)
{
    pg_db *db = (pg_db *)d;
    int err = db->queued > 0 ? drain(db, NULL) : NETRA_OK;
    if (err < 0)
        return err;
    if (kind == NT_DB_WRITE) {
        err = send_sql(db, "BEGIN", "beginning a transaction");
        if (err == 0)
            err = send_sql(db, "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")",
                           "taking the writers' lock");
    } else {
        err = send_sql(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                       "beginning a read transaction");
    }
    if (err < 0)
        return fail_pending(db, err);
    db->txn = 1;
    return NETRA_OK;
}

static void clear_result(pg_stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->n_rows = 0;
    nt_free(s->blob);
    s->blob = NULL;
    s->blob_row = s->blob_col = -1;
    s->queued = 0;
}

static void pg_finalize(nt_stmt *st)
{
    pg_stmt *s = (pg_stmt *)st;
    clear_result(s);
    for (int i = 0; s->params != NULL && i < s->n_params; i++)
        nt_free(s->params[i].val);
    nt_free(s->params);
    nt_free(s->sql);
    nt_free(s);
}

static int pg_prepare(nt_db *d, nt_stmt **out, const char *sql)
{
    pg_stmt *s = nt_calloc(1, sizeof *s);
    if (s == NULL)
        return NETRA_ENOMEM;
    s->base.ops = &pg_ops;
    s->db = (pg_db *)d;
    s->row = -1;
    s->blob_row = s->blob_col = -1;
    int err = nt_db_pg_sql(&s->sql, &s->n_params, sql, 0);
    if (err == 0 && s->n_params > 0 &&
        (s->params = nt_calloc((size_t)s->n_params, sizeof *s->params)) == NULL)
        err = NETRA_ENOMEM;
    if (err < 0) {
        pg_finalize(&s->base);
        return nt_error_prefix("prepare");
    }
    *out = &s->base;
    return NETRA_OK;
}

static int pg_bind(nt_stmt *st, int i, int type, int64_t v, const void *p, size_t len)
{
    pg_stmt *s = (pg_stmt *)st;
    if (i < 1 || i > s->n_params) {
        int err = nt_error_set(NETRA_ESTORAGE, "bind: parameter %d of 1..%d", i, s->n_params);
        if (s->bind_err == 0)
            s->bind_err = err;
        return err;
    }
    clear_result(s);
    pg_param *pp = &s->params[i - 1];
    nt_free(pp->val);
    pp->val = NULL;
    pp->len = 0;
    pp->type = type;
    if (type == NT_DB_T_NULL)
        return NETRA_OK;
    char num[24];
    if (type == NT_DB_T_INT) {
        snprintf(num, sizeof num, "%lld", (long long)v);
        p = num;
        len = strlen(num);
    }
    pp->val = nt_malloc(len + 1);
    if (pp->val == NULL) {
        pp->type = NT_DB_T_NULL;
        if (s->bind_err == 0)
            s->bind_err = NETRA_ENOMEM;
        return NETRA_ENOMEM;
    }
    if (len > 0)
        memcpy(pp->val, p, len);
    pp->val[len] = '\0';
    pp->len = len;
    return NETRA_OK;
}

/* Runs the statement: waits for its answer (sent behind what is queued, if anything is), or
 * with `queue` sends it in pipeline mode and returns. */
static int run(pg_stmt *s, const char *what, int queue)
{
    if (s->bind_err < 0) {
        int err = s->bind_err;
        s->bind_err = 0;
        return err == NETRA_ENOMEM ? err : nt_error_prefix("%s", what);
    }
    enum { MAX_PARAMS = 64 };
    if (s->n_params > MAX_PARAMS)
        return nt_error_set(NETRA_ESTORAGE, "%s: %d parameters, at most %d", what, s->n_params,
                            MAX_PARAMS);
    Oid types[MAX_PARAMS];
    const char *values[MAX_PARAMS];
    int lengths[MAX_PARAMS], formats[MAX_PARAMS];
    for (int i = 0; i < s->n_params; i++) {
        const pg_param *pp = &s->params[i];
        static const Oid oid[] = {0, OID_INT8, OID_TEXT, OID_BYTEA};
        types[i] = oid[pp->type];
        values[i] = pp->type == NT_DB_T_NULL ? NULL : pp->val;
        if (pp->len > INT32_MAX)
            return nt_error_set(NETRA_ETOOBIG, "%s: parameter %d of %zu bytes", what, i + 1,
                                pp->len);
        lengths[i] = (int)pp->len;
        formats[i] = pp->type == NT_DB_T_BLOB;
    }
    /* The statement's server-side name, preparing it the first time (parameter types from
     * this first call's binds; an untyped NULL is inferred by the server). Preparing waits,
     * so what is queued is read first. */
    pg_db *db = s->db;
    int k = 0, err, remade = 0;
    while (k < db->n_prepared && (db->runs[k] == RETIRED || strcmp(db->prepared[k], s->sql) != 0))
        k++;
    char name[16];
    snprintf(name, sizeof name, "nt%d", k);
    if (k == db->n_prepared && k < PREPARED_MAX) {
        if (db->queued > 0 && (err = drain(db, NULL)) < 0)
            return err;
        char *copy = nt_strdup(s->sql);
        if (copy == NULL)
            return NETRA_ENOMEM;
        PGresult *p = PQprepare(db->c, name, s->sql, s->n_params, types);
        if (p == NULL || PQresultStatus(p) != PGRES_COMMAND_OK) {
            err = pg_error(what, p ? PQresultErrorMessage(p) : PQerrorMessage(db->c));
            PQclear(p);
            nt_free(copy);
            return err;
        }
        PQclear(p);
        db->runs[db->n_prepared] = 0;
        db->prepared[db->n_prepared++] = copy;
    } else if (k < db->n_prepared && s->base.plan_each_run && !queue &&
               db->runs[k] >= CUSTOM_RUNS) {
        /* Planned for each run's values (nt_db_plan_each_run): the server plans the first
         * CUSTOM_RUNS runs of a prepared statement for their values and may switch to a
         * generic plan after them, so the statement is made again, which starts that count
         * afresh: its DEALLOCATE and its Parse go in the pipeline ahead of this run, and
         * cost no round trip of their own (one parse of the SQL in CUSTOM_RUNS runs). */
        if (db->queued + 3 > QUEUE_MAX && (err = drain(db, NULL)) < 0)
            return err;
        char sql[32];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", name);
        if ((err = send_sql(db, sql, what)) < 0)
            return fail_pending(db, err);
        if (PQsendPrepare(db->c, name, s->sql, s->n_params, types) != 1)
            return fail_pending(db, pg_error(what, PQerrorMessage(db->c)));
        note_queued(db, what);
        remade = 1;
        db->runs[k] = 0;
    }
    if (k < db->n_prepared)
        db->runs[k]++;
    ExecStatusType st;
    if (queue || db->queued > 0) {
        if (db->queued >= QUEUE_MAX && (err = drain(db, NULL)) < 0)
            return err;
        if (PQpipelineStatus(db->c) == PQ_PIPELINE_OFF && PQenterPipelineMode(db->c) != 1)
            return pg_error(what, PQerrorMessage(db->c));
        int sent =
            k < PREPARED_MAX
                ? PQsendQueryPrepared(db->c, name, s->n_params, values, lengths, formats, 0)
                : PQsendQueryParams(db->c, s->sql, s->n_params, types, values, lengths, formats, 0);
        if (sent != 1)
            return fail_pending(db, pg_error(what, PQerrorMessage(db->c)));
        note_queued(db, what);
        if (queue) {
            s->queued = 1;
            s->changes = 0;
            return NETRA_OK;
        }
        if ((err = drain(db, &s->res)) < 0) {
            clear_result(s);
            /* whether the statement is still on the server under its name is not known:
             * its slot is left, and the next run of this SQL prepares it in a new one */
            if (remade)
                db->runs[k] = RETIRED;
            return err;
        }
        st = PQresultStatus(s->res);
    } else {
        if (k < PREPARED_MAX)
            s->res = PQexecPrepared(db->c, name, s->n_params, values, lengths, formats, 0);
        else
            s->res = PQexecParams(db->c, s->sql, s->n_params, types, values, lengths, formats, 0);
        st = s->res ? PQresultStatus(s->res) : PGRES_FATAL_ERROR;
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            err = pg_error(what, s->res ? PQresultErrorMessage(s->res) : PQerrorMessage(db->c));
            clear_result(s);
            return err;
        }
    }
    const char *n = PQcmdTuples(s->res);
    s->changes = n && *n ? strtoll(n, NULL, 10) : 0;
    s->n_rows = st == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
    s->row = -1;
    return NETRA_OK;
}

static int pg_step(nt_stmt *st, const char *what)
{
    pg_stmt *s = (pg_stmt *)st;
    if (s->res == NULL && s->queued)
        return NT_DB_DONE;
    if (s->res == NULL) {
        int err = run(s, what, 0);
        if (err < 0)
            return err;
    }
    if (s->row + 1 < s->n_rows) {
        s->row++;
        return NT_DB_ROW;
    }
    s->row = s->n_rows;
    return NT_DB_DONE;
}

/* nt_db_queue: outside a transaction the statement runs and its answer is waited for. */
static int pg_queue(nt_stmt *st, const char *what)
{
    pg_stmt *s = (pg_stmt *)st;
    if (!s->db->txn || s->res != NULL || s->queued)
        return nt_db_run(st, what);
    return run(s, what, 1);
}

static int64_t pg_changes(const nt_stmt *st)
{
    return ((const pg_stmt *)st)->changes;
}

static int have(const pg_stmt *s, int i)
{
    return s->res != NULL && s->row >= 0 && s->row < s->n_rows && i >= 0 && i < PQnfields(s->res);
}

static int pg_col_is_null(nt_stmt *st, int i)
{
    pg_stmt *s = (pg_stmt *)st;
    return !have(s, i) || PQgetisnull(s->res, s->row, i);
}

static int64_t pg_col_int64(nt_stmt *st, int i)
{
    pg_stmt *s = (pg_stmt *)st;
    if (pg_col_is_null(st, i))
        return 0;
    const char *v = PQgetvalue(s->res, s->row, i);
    if (v[0] == 't' && v[1] == '\0')
        return 1; /* a boolean */
    return strtoll(v, NULL, 10);
}

static const char *pg_col_text(nt_stmt *st, int i)
{
    pg_stmt *s = (pg_stmt *)st;
    return pg_col_is_null(st, i) ? NULL : PQgetvalue(s->res, s->row, i);
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes a bytea column (hex output format, "\x..."), once per row and column. */
static int decode_bytea(pg_stmt *s, int i)
{
    if (s->blob != NULL && s->blob_row == s->row && s->blob_col == i)
        return 1;
    nt_free(s->blob);
    s->blob = NULL;
    s->blob_len = 0;
    const char *v = PQgetvalue(s->res, s->row, i);
    size_t n = (size_t)PQgetlength(s->res, s->row, i);
    if (n < 2 || v[0] != '\\' || v[1] != 'x' || (n - 2) % 2 != 0)
        return 0;
    size_t len = (n - 2) / 2;
    s->blob = nt_malloc(len + 1);
    if (s->blob == NULL)
        return 0;
    for (size_t k = 0; k < len; k++) {
        int hi = hexval(v[2 + 2 * k]), lo = hexval(v[3 + 2 * k]);
        if (hi < 0 || lo < 0) {
            nt_free(s->blob);
            s->blob = NULL;
            return 0;
        }
        s->blob[k] = (unsigned char)(hi << 4 | lo);
    }
    s->blob_len = len;
    s->blob_row = s->row;
    s->blob_col = i;
    return 1;
}

static const void *pg_col_blob(nt_stmt *st, int i)
{
    pg_stmt *s = (pg_stmt *)st;
    if (pg_col_is_null(st, i))
        return NULL;
    if (PQftype(s->res, i) != OID_BYTEA)
        return PQgetvalue(s->res, s->row, i);
    return decode_bytea(s, i) ? s->blob : NULL;
}

static size_t pg_col_bytes(nt_stmt *st, int i)
{
    pg_stmt *s = (pg_stmt *)st;
    if (pg_col_is_null(st, i))
        return 0;
    if (PQftype(s->res, i) != OID_BYTEA)
        return (size_t)PQgetlength(s->res, s->row, i);
    return decode_bytea(s, i) ? s->blob_len : 0;
}

static void pg_reset(nt_stmt *st)
{
    clear_result((pg_stmt *)st);
}

static const nt_db_ops pg_ops = {
    NT_DB_PG,     pg_close,   pg_exec,        pg_begin,     pg_prepare,  pg_bind,
    pg_step,      pg_changes, pg_col_is_null, pg_col_int64, pg_col_text, pg_col_blob,
    pg_col_bytes, pg_reset,   pg_finalize,    pg_queue,
};

int nt_db_pg_open(nt_db **out, const char *uri)
{
    *out = NULL;
    pg_db *db = nt_calloc(1, sizeof *db);
    if (db == NULL)
        return NETRA_ENOMEM;
    db->base.ops = &pg_ops;
    int err;
    db->c = PQconnectdb(uri);
    if (db->c == NULL || PQstatus(db->c) != CONNECTION_OK) {
        err = pg_error("postgresql", db->c ? PQerrorMessage(db->c) : "out of memory");
        goto fail;
    }
    PQsetNoticeProcessor(db->c, quiet_notice, NULL);
    if (PQsetClientEncoding(db->c, "UTF8") != 0) {
        err = pg_error("postgresql: client encoding UTF8", PQerrorMessage(db->c));
        goto fail;
    }
    *out = &db->base;
    return NETRA_OK;
fail:
    pg_close(&db->base);
    return err;
}
