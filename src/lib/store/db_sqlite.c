/*
 * db_sqlite.c - the SQLite backend of the statement layer (db.h): WAL, foreign keys, a busy
 * timeout; writers serialised by BEGIN IMMEDIATE.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/db.h"
#include "util/util_int.h"

typedef struct lite_db {
    nt_db base;
    sqlite3 *h;
} lite_db;

typedef struct lite_stmt {
    nt_stmt base;
    lite_db *db;
    sqlite3_stmt *q;
    int64_t changes;
} lite_stmt;

static const nt_db_ops lite_ops;

static int lite_err(sqlite3 *h, const char *what)
{
    return nt_error_set(NETRA_ESTORAGE, "%s: %s", what, h ? sqlite3_errmsg(h) : "no database");
}

static void lite_close(nt_db *d)
{
    lite_db *db = (lite_db *)d;
    if (db->h != NULL)
        sqlite3_close_v2(db->h);
    nt_free(db);
}

static int lite_exec(nt_db *d, const char *sql)
{
    lite_db *db = (lite_db *)d;
    char *msg = NULL;
    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int err = nt_error_set(NETRA_ESTORAGE, "sqlite: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return err;
    }
    return NETRA_OK;
}

static int lite_begin(nt_db *d, nt_db_txn kind)
{
    return lite_exec(d, kind == NT_DB_WRITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int lite_prepare(nt_db *d, nt_stmt **out, const char *sql)
{
    lite_db *db = (lite_db *)d;
    lite_stmt *s = nt_calloc(1, sizeof *s);
    if (s == NULL)
        return NETRA_ENOMEM;
    s->base.ops = &lite_ops;
    s->db = db;
    if (sqlite3_prepare_v2(db->h, sql, -1, &s->q, NULL) != SQLITE_OK) {
        int err = lite_err(db->h, "prepare");
        sqlite3_finalize(s->q);
        nt_free(s);
        return err;
    }
    *out = &s->base;
    return NETRA_OK;
}

static int lite_bind(nt_stmt *st, int i, int type, int64_t v, const void *p, size_t len)
{
    lite_stmt *s = (lite_stmt *)st;
    int rc;
    if (len > INT32_MAX)
        return nt_error_set(NETRA_ETOOBIG, "parameter %d: %zu bytes", i, len);
    switch (type) {
    case NT_DB_T_INT:
        rc = sqlite3_bind_int64(s->q, i, v);
        break;
    case NT_DB_T_TEXT:
        rc = sqlite3_bind_text(s->q, i, p, (int)len, SQLITE_TRANSIENT);
        break;
    case NT_DB_T_BLOB:
        rc = sqlite3_bind_blob(s->q, i, p, (int)len, SQLITE_TRANSIENT);
        break;
    default:
        rc = sqlite3_bind_null(s->q, i);
        break;
    }
    return rc == SQLITE_OK ? NETRA_OK : lite_err(s->db->h, "bind");
}

static int lite_step(nt_stmt *st, const char *what)
{
    lite_stmt *s = (lite_stmt *)st;
    int rc = sqlite3_step(s->q);
    if (rc == SQLITE_ROW)
        return NT_DB_ROW;
    if (rc == SQLITE_DONE) {
        s->changes = sqlite3_changes64(s->db->h);
        return NT_DB_DONE;
    }
    return lite_err(s->db->h, what);
}

static int64_t lite_changes(const nt_stmt *st)
{
    return ((const lite_stmt *)st)->changes;
}

static int lite_col_is_null(nt_stmt *st, int i)
{
    return sqlite3_column_type(((lite_stmt *)st)->q, i) == SQLITE_NULL;
}

static int64_t lite_col_int64(nt_stmt *st, int i)
{
    return sqlite3_column_int64(((lite_stmt *)st)->q, i);
}

static const char *lite_col_text(nt_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(((lite_stmt *)st)->q, i);
}

static const void *lite_col_blob(nt_stmt *st, int i)
{
    return sqlite3_column_blob(((lite_stmt *)st)->q, i);
}

static size_t lite_col_bytes(nt_stmt *st, int i)
{
    return (size_t)sqlite3_column_bytes(((lite_stmt *)st)->q, i);
}

static void lite_reset(nt_stmt *st)
{
    sqlite3_reset(((lite_stmt *)st)->q);
}

static void lite_finalize(nt_stmt *st)
{
    lite_stmt *s = (lite_stmt *)st;
    sqlite3_finalize(s->q);
    nt_free(s);
}

static const nt_db_ops lite_ops = {
    NT_DB_SQLITE,  lite_close,    lite_exec,      lite_begin,       lite_prepare,
    lite_bind,     lite_step,     lite_changes,   lite_col_is_null, lite_col_int64,
    lite_col_text, lite_col_blob, lite_col_bytes, lite_reset,       lite_finalize,
};

int nt_db_sqlite_open(nt_db **out, const char *path)
{
    lite_db *db = nt_calloc(1, sizeof *db);
    if (db == NULL)
        return NETRA_ENOMEM;
    db->base.ops = &lite_ops;
    int err;
    if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        err = lite_err(db->h, path);
        goto fail;
    }
    sqlite3_busy_timeout(db->h, 5000);
    if ((err = lite_exec(&db->base, "PRAGMA journal_mode=WAL")) < 0 ||
        (err = lite_exec(&db->base, "PRAGMA foreign_keys=ON")) < 0 ||
        (err = lite_exec(&db->base, "PRAGMA synchronous=NORMAL")) < 0)
        goto fail;
    *out = &db->base;
    return NETRA_OK;
fail:
    lite_close(&db->base);
    return err;
}
