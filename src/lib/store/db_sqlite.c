/*
 * db_sqlite.c - the SQLite backend of the statement layer (db.h): WAL, foreign keys, a busy
 * timeout; writers serialised by BEGIN IMMEDIATE.
 *
 * Durability: WAL with synchronous=FULL, so COMMIT returns only after the WAL has been
 * fsync'd: a write that was acknowledged survives a process crash and a power loss. Reads
 * never sync, so FULL costs nothing on the read path.
 *
 * Statement cache: each connection keeps up to NT_DB_STMT_CACHE compiled statements, keyed
 * by their SQL text. nt_db_prepare of a known SQL hands out the compiled statement (bindings
 * cleared); nt_db_finalize resets it and gives it back instead of finalizing. A statement
 * already handed out is never shared: a second prepare of the same SQL while the first is
 * in use compiles a private one. Any nt_db_exec that is not transaction control (DDL, a
 * migration, a PRAGMA) empties the cache of the statements not in use, and marks those in
 * use to be finalized when given back, so nothing compiled against an old schema is reused.
 */
#include <pthread.h>
#include <string.h>

#include <sqlite3.h>

#include "store/db.h"
#include "util/util_int.h"

typedef struct lite_stmt lite_stmt;

typedef struct lite_db {
    nt_db base;
    sqlite3 *h;
    lite_stmt *cache[NT_DB_STMT_CACHE]; /* compiled statements, most recently used first */
    size_t n_cache;
    unsigned long generation; /* bumped when the cache is emptied (schema may have changed) */
    nt_db_cache_stats stats;
} lite_db;

struct lite_stmt {
    nt_stmt base;
    lite_db *db;
    sqlite3_stmt *q;
    int64_t changes;
    char *sql;                /* the cache key; NULL for a private statement */
    int in_use;               /* handed out by prepare, not yet given back */
    unsigned long generation; /* the cache generation it was compiled in */
};

static const nt_db_ops lite_ops;

static int lite_err(sqlite3 *h, const char *what)
{
    return nt_error_set(NETRA_ESTORAGE, "%s: %s", what, h ? sqlite3_errmsg(h) : "no database");
}

static void stmt_free(lite_stmt *s)
{
    sqlite3_finalize(s->q);
    nt_free(s->sql);
    nt_free(s);
}

/* Empties the cache of the statements not in use; those in use are finalized when given
 * back (their generation is older than the connection's). */
static void cache_flush(lite_db *db)
{
    size_t keep = 0;
    for (size_t i = 0; i < db->n_cache; i++) {
        lite_stmt *s = db->cache[i];
        if (s->in_use) {
            db->cache[keep++] = s;
        } else {
            stmt_free(s);
            db->stats.evictions++;
        }
    }
    db->n_cache = keep;
    db->generation++;
}

/* Removes entry i from the cache array (the statement itself is not freed). */
static void cache_remove(lite_db *db, size_t i)
{
    memmove(&db->cache[i], &db->cache[i + 1], (db->n_cache - i - 1) * sizeof db->cache[0]);
    db->n_cache--;
}

static void lite_close(nt_db *d)
{
    lite_db *db = (lite_db *)d;
    for (size_t i = 0; i < db->n_cache; i++)
        stmt_free(db->cache[i]); /* statements still in use are the caller's bug (db.h) */
    db->n_cache = 0;
    if (db->h != NULL)
        sqlite3_close_v2(db->h);
    nt_free(db);
}

/* Whether `sql` is transaction control only, which cannot change the schema. */
static int is_txn_control(const char *sql)
{
    static const char *const verbs[] = {"BEGIN",     "COMMIT",  "ROLLBACK",
                                        "SAVEPOINT", "RELEASE", "END"};
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        size_t n = strlen(verbs[i]);
        if (strncmp(sql, verbs[i], n) == 0 && (sql[n] == '\0' || sql[n] == ' ') &&
            strchr(sql, ';') == NULL)
            return 1;
    }
    /* "ROLLBACK TO x; RELEASE x" (db.c's savepoint rollback) */
    return strncmp(sql, "ROLLBACK TO ", 12) == 0 && strstr(sql, "; RELEASE ") != NULL &&
           strchr(strstr(sql, "; RELEASE ") + 1, ';') == NULL;
}

static int lite_exec(nt_db *d, const char *sql)
{
    lite_db *db = (lite_db *)d;
    char *msg = NULL;
    if (!is_txn_control(sql))
        cache_flush(db);
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
    size_t len = strlen(sql);
    for (size_t i = 0; i < db->n_cache; i++) {
        lite_stmt *c = db->cache[i];
        if (c->in_use || strcmp(c->sql, sql) != 0)
            continue;
        /* most recently used first */
        memmove(&db->cache[1], &db->cache[0], i * sizeof db->cache[0]);
        db->cache[0] = c;
        c->in_use = 1;
        c->changes = 0;
        db->stats.hits++;
        *out = &c->base;
        return NETRA_OK;
    }
    lite_stmt *s = nt_calloc(1, sizeof *s);
    if (s == NULL)
        return NETRA_ENOMEM;
    s->base.ops = &lite_ops;
    s->db = db;
    s->in_use = 1;
    s->generation = db->generation;
    if (len <= NT_DB_STMT_CACHE_SQL) {
        s->sql = nt_strdup(sql);
        if (s->sql == NULL) {
            nt_free(s);
            return NETRA_ENOMEM;
        }
    }
    unsigned flags = s->sql != NULL ? SQLITE_PREPARE_PERSISTENT : 0;
    if (sqlite3_prepare_v3(db->h, sql, (int)(len > INT32_MAX ? -1 : (int)len), flags, &s->q,
                           NULL) != SQLITE_OK) {
        int err = lite_err(db->h, "prepare");
        stmt_free(s);
        return err;
    }
    db->stats.misses++;
    if (s->sql != NULL) {
        if (db->n_cache == NT_DB_STMT_CACHE) {
            /* evict the least recently used statement that is not in use */
            size_t v = db->n_cache;
            while (v > 0 && db->cache[v - 1]->in_use)
                v--;
            if (v == 0) {
                nt_free(s->sql); /* every cached one is in use: this one stays private */
                s->sql = NULL;
                *out = &s->base;
                return NETRA_OK;
            }
            stmt_free(db->cache[v - 1]);
            cache_remove(db, v - 1);
            db->stats.evictions++;
        }
        memmove(&db->cache[1], &db->cache[0], db->n_cache * sizeof db->cache[0]);
        db->cache[0] = s;
        db->n_cache++;
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
    lite_db *db = s->db;
    if (s->sql != NULL) {
        size_t i = 0;
        while (i < db->n_cache && db->cache[i] != s)
            i++;
        if (i < db->n_cache && s->generation == db->generation) {
            sqlite3_reset(s->q);
            sqlite3_clear_bindings(s->q);
            s->in_use = 0;
            return;
        }
        if (i < db->n_cache) /* compiled before the cache was emptied */
            cache_remove(db, i);
    }
    stmt_free(s);
}

int nt_db_sqlite_cache_stats(nt_db *d, nt_db_cache_stats *out)
{
    if (d == NULL || d->ops != &lite_ops)
        return nt_error_set(NETRA_EINVAL, "not a SQLite connection");
    lite_db *db = (lite_db *)d;
    *out = db->stats;
    out->cached = db->n_cache;
    return NETRA_OK;
}

/* No queue operation: SQLite runs a statement in the process, there is no round trip to save
 * (nt_db_queue runs it). */
static const nt_db_ops lite_ops = {
    NT_DB_SQLITE,   lite_close,   lite_exec,        lite_begin,     lite_prepare,  lite_bind,
    lite_step,      lite_changes, lite_col_is_null, lite_col_int64, lite_col_text, lite_col_blob,
    lite_col_bytes, lite_reset,   lite_finalize,    NULL,
};

/* SQLite's memory statistics take one process-wide mutex on every allocation of every
 * connection; nothing here reads them (sqlite3_memory_used), so they are turned off before
 * SQLite initialises. When something else initialised SQLite first the call fails and the
 * statistics stay on: only slower. */
static pthread_once_t lite_once = PTHREAD_ONCE_INIT;

static void lite_init(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int nt_db_sqlite_open(nt_db **out, const char *path)
{
    pthread_once(&lite_once, lite_init);
    lite_db *db = nt_calloc(1, sizeof *db);
    if (db == NULL)
        return NETRA_ENOMEM;
    db->base.ops = &lite_ops;
    int err;
    /* NOMUTEX: a store is used by one thread at a time (netra/store.h), so the connection
     * needs no mutex of its own on every call */
    if (sqlite3_open_v2(path, &db->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        err = lite_err(db->h, path);
        goto fail;
    }
    sqlite3_busy_timeout(db->h, 5000);
    if ((err = lite_exec(&db->base, "PRAGMA journal_mode=WAL")) < 0 ||
        (err = lite_exec(&db->base, "PRAGMA foreign_keys=ON")) < 0 ||
        (err = lite_exec(&db->base, "PRAGMA synchronous=FULL")) < 0)
        goto fail;
    *out = &db->base;
    return NETRA_OK;
fail:
    lite_close(&db->base);
    return err;
}
