/*
 * db.c - the backend-neutral statement layer (db.h): dispatch by location, the calls that
 * go through a backend's operations, and the translation of portable SQL to PostgreSQL's.
 */
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "util/util_int.h"

int nt_db_open(nt_db **out, const char *location)
{
    *out = NULL;
    if (strncmp(location, "postgresql://", 13) == 0 || strncmp(location, "postgres://", 11) == 0)
        return nt_db_pg_open(out, location);
    if (strncmp(location, "postgresql:", 11) == 0 || strncmp(location, "postgres:", 9) == 0)
        return nt_error_set(NETRA_EINVAL,
                            "'%s': a PostgreSQL location is a URI: postgresql://user@host:port/db",
                            location);
    if (strncmp(location, "sqlite:", 7) == 0)
        location += 7;
    return nt_db_sqlite_open(out, location);
}

void nt_db_close(nt_db *db)
{
    if (db != NULL)
        db->ops->close(db);
}

nt_db_dialect nt_db_dialect_of(const nt_db *db)
{
    return db->ops->dialect;
}

int nt_db_exec(nt_db *db, const char *sql)
{
    return db->ops->exec(db, sql);
}

int nt_db_begin(nt_db *db, nt_db_txn kind)
{
    int err = db->ops->begin(db, kind);
    db->epoch++;
    db->in_write = err == 0 && kind == NT_DB_WRITE;
    if (db->in_write)
        db->txn++;
    return err;
}

int nt_db_commit(nt_db *db)
{
    if (db->in_write && db->before_commit != NULL) {
        int err = db->before_commit(db->before_commit_arg);
        if (err < 0) {
            nt_db_rollback(db);
            return err;
        }
    }
    db->epoch++;
    db->in_write = 0;
    return db->ops->exec(db, "COMMIT");
}

void nt_db_set_before_commit(nt_db *db, int (*fn)(void *arg), void *arg)
{
    db->before_commit = fn;
    db->before_commit_arg = arg;
}

uint64_t nt_db_write_txn(const nt_db *db)
{
    return db->in_write ? db->txn : 0;
}

void nt_db_rollback(nt_db *db)
{
    db->epoch++;
    db->in_write = 0;
    netra_error saved = *netra_error_last();
    (void)db->ops->exec(db, "ROLLBACK");
    nt_error_set(saved.code, "%s", saved.msg);
}

uint64_t nt_db_write_epoch(const nt_db *db)
{
    return db->in_write ? db->epoch : 0;
}

static int ident_ok(const char *name)
{
    if (name == NULL || *name == '\0' || strlen(name) > 32)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (p > name && *p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

/* `verb` then the savepoint's name; with `release`, a RELEASE of it follows. */
static int savepoint_sql(nt_db *db, const char *verb, const char *name, int release)
{
    if (!ident_ok(name))
        return nt_error_set(NETRA_EINVAL, "savepoint name '%s' is not an identifier",
                            name ? name : "(null)");
    char sql[128];
    if (release)
        snprintf(sql, sizeof sql, "%s %s; RELEASE %s", verb, name, name);
    else
        snprintf(sql, sizeof sql, "%s %s", verb, name);
    return db->ops->exec(db, sql);
}

int nt_db_savepoint(nt_db *db, const char *name)
{
    return savepoint_sql(db, "SAVEPOINT", name, 0);
}

int nt_db_savepoint_release(nt_db *db, const char *name)
{
    return savepoint_sql(db, "RELEASE", name, 0);
}

void nt_db_savepoint_rollback(nt_db *db, const char *name)
{
    db->epoch++;
    netra_error saved = *netra_error_last();
    (void)savepoint_sql(db, "ROLLBACK TO", name, 1);
    nt_error_set(saved.code, "%s", saved.msg);
}

int nt_db_prepare(nt_db *db, nt_stmt **out, const char *sql)
{
    *out = NULL;
    return db->ops->prepare(db, out, sql);
}

int nt_db_bind_int64(nt_stmt *s, int i, int64_t v)
{
    return s->ops->bind(s, i, NT_DB_T_INT, v, NULL, 0);
}

int nt_db_bind_text(nt_stmt *s, int i, const char *v)
{
    if (v == NULL)
        return s->ops->bind(s, i, NT_DB_T_NULL, 0, NULL, 0);
    return s->ops->bind(s, i, NT_DB_T_TEXT, 0, v, strlen(v));
}

int nt_db_bind_blob(nt_stmt *s, int i, const void *p, size_t len)
{
    return s->ops->bind(s, i, NT_DB_T_BLOB, 0, p ? p : "", len);
}

int nt_db_bind_null(nt_stmt *s, int i)
{
    return s->ops->bind(s, i, NT_DB_T_NULL, 0, NULL, 0);
}

int nt_db_step(nt_stmt *s, const char *what)
{
    return s->ops->step(s, what);
}

int nt_db_run(nt_stmt *s, const char *what)
{
    int rc;
    while ((rc = s->ops->step(s, what)) == NT_DB_ROW)
        ;
    return rc;
}

int nt_db_run_id(nt_stmt *s, int64_t *id, const char *what)
{
    int rc = s->ops->step(s, what);
    if (rc == NT_DB_DONE)
        return nt_error_set(NETRA_ESTORAGE, "%s: no id returned", what);
    if (rc < 0)
        return rc;
    *id = s->ops->col_int64(s, 0);
    return nt_db_run(s, what);
}

void nt_db_plan_each_run(nt_stmt *s)
{
    if (s != NULL)
        s->plan_each_run = 1;
}

int nt_db_queue(nt_stmt *s, const char *what)
{
    return s->ops->queue != NULL ? s->ops->queue(s, what) : nt_db_run(s, what);
}

int64_t nt_db_changes(const nt_stmt *s)
{
    return s->ops->changes(s);
}

int nt_db_col_is_null(nt_stmt *s, int i)
{
    return s->ops->col_is_null(s, i);
}

int64_t nt_db_col_int64(nt_stmt *s, int i)
{
    return s->ops->col_int64(s, i);
}

int nt_db_col_int(nt_stmt *s, int i)
{
    int64_t v = s->ops->col_int64(s, i);
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int)v;
}

const char *nt_db_col_text(nt_stmt *s, int i)
{
    return s->ops->col_text(s, i);
}

const void *nt_db_col_blob(nt_stmt *s, int i)
{
    return s->ops->col_blob(s, i);
}

size_t nt_db_col_bytes(nt_stmt *s, int i)
{
    return s->ops->col_bytes(s, i);
}

void nt_db_reset(nt_stmt *s)
{
    s->ops->reset(s);
}

void nt_db_finalize(nt_stmt *s)
{
    if (s != NULL)
        s->ops->finalize(s);
}

int nt_db_query_int64(nt_db *db, int64_t *out, const char *sql)
{
    nt_stmt *q;
    *out = 0;
    int err = nt_db_prepare(db, &q, sql);
    if (err < 0)
        return err;
    int rc = nt_db_step(q, "query");
    if (rc == NT_DB_ROW)
        *out = nt_db_col_int64(q, 0);
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

/* ---- portable SQL to PostgreSQL -------------------------------------------------------- */

static int is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether `sql + i` starts the whole word `w` (case-insensitive). */
static size_t word_at(const char *sql, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i > 0 && is_word(sql[i - 1]))
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = sql[i + k];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != w[k])
            return 0;
    }
    return is_word(sql[i + n]) ? 0 : n;
}

int nt_db_pg_sql(char **out, int *n_params, const char *sql, int ddl)
{
    *out = NULL;
    int high = 0;
    nt_buf b;
    nt_buf_init(&b, (size_t)1 << 22);
    int err = 0, next = 0;
    size_t i = 0, n;
    while (err == 0 && sql[i] != '\0') {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            size_t j = i + 1;
            for (;;) {
                if (sql[j] == '\0') {
                    nt_buf_free(&b);
                    return nt_error_set(NETRA_EINVAL, "SQL byte %zu: unterminated %s", i,
                                        c == '\'' ? "string literal" : "quoted identifier");
                }
                if (sql[j] == c && sql[j + 1] == c) {
                    j += 2;
                    continue;
                }
                if (sql[j] == c)
                    break;
                j++;
            }
            err = nt_buf_add(&b, sql + i, j + 1 - i);
            i = j + 1;
        } else if (c == '-' && sql[i + 1] == '-') {
            size_t j = i;
            while (sql[j] != '\0' && sql[j] != '\n')
                j++;
            err = nt_buf_add(&b, sql + i, j - i);
            i = j;
        } else if (c == '?') {
            i++;
            if (sql[i] >= '0' && sql[i] <= '9') {
                long v = 0;
                while (sql[i] >= '0' && sql[i] <= '9' && v < 1000)
                    v = v * 10 + (sql[i++] - '0');
                if (v < 1 || v > 999) {
                    nt_buf_free(&b);
                    return nt_error_set(NETRA_EINVAL, "SQL byte %zu: parameter ?%ld out of 1..999",
                                        i, v);
                }
                err = nt_buf_addf(&b, "$%ld", v);
                high = (int)v > high ? (int)v : high;
            } else {
                err = nt_buf_addf(&b, "$%d", ++next);
                high = next > high ? next : high;
            }
        } else if (ddl && (n = word_at(sql, i, "INTEGER")) > 0) {
            size_t j = i + n;
            while (sql[j] == ' ')
                j++;
            size_t p = word_at(sql, j, "PRIMARY");
            size_t k = j + p;
            while (p > 0 && sql[k] == ' ')
                k++;
            size_t key = p > 0 ? word_at(sql, k, "KEY") : 0;
            if (key > 0) {
                err = nt_buf_adds(&b, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
                i = k + key;
            } else {
                err = nt_buf_adds(&b, "BIGINT");
                i += n;
            }
        } else if (ddl && (n = word_at(sql, i, "BLOB")) > 0) {
            err = nt_buf_adds(&b, "BYTEA");
            i += n;
        } else {
            err = nt_buf_addc(&b, c);
            i++;
        }
    }
    if (err == 0) {
        *out = nt_strdup(nt_buf_cstr(&b));
        if (*out == NULL)
            err = NETRA_ENOMEM;
        else if (n_params != NULL)
            *n_params = high;
    }
    nt_buf_free(&b);
    return err;
}
