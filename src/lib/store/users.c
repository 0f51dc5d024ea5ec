/*
 * users.c - accounts in the store (migration 3): offices, users, sessions, API tokens and
 * login failures, and the audited reporter read. Only persistence lives here; the rules
 * (password policy, hashing, token generation, expiry, throttling, scope) are in
 * src/lib/auth. Account changes append to the audit chain in the same transaction. The SQL
 * is written once against the statement layer (db.h) and runs on SQLite and PostgreSQL.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"
#include "store/users_int.h"

const char nt_store_migration_accounts[] =
    "CREATE TABLE offices (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL,\n"
    "  name TEXT NOT NULL UNIQUE,\n"
    "  region TEXT NOT NULL DEFAULT '',\n"
    "  agency TEXT NOT NULL DEFAULT '',\n"
    "  parent INTEGER REFERENCES offices(id),\n"
    "  created INTEGER NOT NULL);\n"
    "CREATE INDEX offices_region ON offices(region);\n"
    "CREATE TABLE users (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  login TEXT NOT NULL UNIQUE,\n"
    "  display_name TEXT NOT NULL,\n"
    "  office_id INTEGER NOT NULL REFERENCES offices(id),\n"
    "  pwhash TEXT NOT NULL,\n"
    "  disabled INTEGER NOT NULL DEFAULT 0,\n"
    "  created INTEGER NOT NULL,\n"
    "  last_login INTEGER);\n"
    "CREATE INDEX users_office ON users(office_id);\n"
    "CREATE TABLE sessions (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  token_hash TEXT NOT NULL UNIQUE,\n"
    "  csrf_hash TEXT NOT NULL,\n"
    "  created INTEGER NOT NULL,\n"
    "  last_seen INTEGER NOT NULL,\n"
    "  expires INTEGER NOT NULL,\n"
    "  ended INTEGER);\n"
    "CREATE INDEX sessions_user ON sessions(user_id);\n"
    "CREATE TABLE api_tokens (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  name TEXT NOT NULL,\n"
    "  token_hash TEXT NOT NULL UNIQUE,\n"
    "  created INTEGER NOT NULL,\n"
    "  last_used INTEGER,\n"
    "  revoked INTEGER);\n"
    "CREATE UNIQUE INDEX api_tokens_name ON api_tokens(user_id, name) WHERE revoked IS NULL;\n"
    "CREATE TABLE login_failures (\n"
    "  key TEXT NOT NULL,\n"
    "  at INTEGER NOT NULL);\n"
    "CREATE INDEX login_failures_key ON login_failures(key, at);\n";

/* Accounts managed over the API: a version per user and office (the ETag; every change
 * increments it), and a password to change at the next login (must_change = 1) with the
 * time its one-time password stops working (temp_expires, Unix seconds; NULL: none). */
const char nt_store_migration_accounts_edit[] =
    "ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    "ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE users ADD COLUMN temp_expires INTEGER;\n"
    "ALTER TABLE offices ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n";

/* ---- helpers ------------------------------------------------------------------------------ */

static int begin(netra_store *st)
{
    return st->in_txn ? nt_db_savepoint(st->db, "nt_acct") : nt_db_begin(st->db, NT_DB_WRITE);
}

static int finish(netra_store *st, int err)
{
    if (err < 0) {
        if (st->in_txn)
            nt_db_savepoint_rollback(st->db, "nt_acct");
        else
            nt_db_rollback(st->db);
        return err;
    }
    return st->in_txn ? nt_db_savepoint_release(st->db, "nt_acct") : nt_db_commit(st->db);
}

/* ISO 8601 UTC of a Unix time; "" for a NULL column. */
static void time_col(char *dst, size_t size, nt_stmt *q, int i)
{
    dst[0] = '\0';
    if (nt_db_col_is_null(q, i))
        return;
    time_t t = (time_t)nt_db_col_int64(q, i);
    struct tm tm;
    if (gmtime_r(&t, &tm) != NULL)
        strftime(dst, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* 1 when `sql` (one text parameter, optionally one integer) returns a row, 0 when not. */
static int exists(netra_store *st, const char *sql, const char *text, int64_t num)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, sql);
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, text);
    if (num != 0)
        nt_db_bind_int64(q, 2, num);
    int rc = nt_db_step(q, "checking for a duplicate");
    nt_db_finalize(q);
    return rc < 0 ? rc : rc == NT_DB_ROW;
}

/* An audit entry whose `after` is a small JSON object of string pairs (NULL-terminated). */
static int audit_kv(netra_store *st, const netra_actor *actor, const char *action,
                    const char *entity, int64_t id, const char *const *kv)
{
    nt_buf b;
    nt_buf_init(&b, 8192);
    int err = nt_buf_addc(&b, '{');
    for (size_t i = 0; err == 0 && kv[i] != NULL && kv[i + 1] != NULL; i += 2) {
        if (i > 0)
            err = nt_buf_addc(&b, ',');
        if (err == 0)
            err = nt_json_str(&b, kv[i]);
        if (err == 0)
            err = nt_buf_addc(&b, ':');
        if (err == 0)
            err = nt_json_str(&b, kv[i + 1]);
    }
    if (err == 0)
        err = nt_buf_addc(&b, '}');
    if (err == 0)
        err = nt_store_audit(st, actor, action, entity, id, "{}", nt_buf_cstr(&b));
    nt_buf_free(&b);
    return err;
}

/* Runs a statement that returns no rows: NETRA_OK or the error. */
static int run(nt_stmt *q, const char *what)
{
    int err = nt_db_run(q, what);
    nt_db_finalize(q);
    return err;
}

/* Runs an UPDATE or DELETE; `*changed` gets the rows changed. */
static int run_changed(nt_stmt *q, int64_t *changed, const char *what)
{
    int err = nt_db_run(q, what);
    if (err == 0 && changed != NULL)
        *changed = nt_db_changes(q);
    nt_db_finalize(q);
    return err;
}

/* ---- offices ------------------------------------------------------------------------------ */

#define OFFICE_COLS "id, kind, name, region, agency, COALESCE(parent, 0), created, version"

static void read_office(netra_office *o, nt_stmt *q)
{
    memset(o, 0, sizeof *o);
    o->id = nt_db_col_int64(q, 0);
    nt_store_text(o->kind, sizeof o->kind, q, 1);
    nt_store_text(o->name, sizeof o->name, q, 2);
    nt_store_text(o->region, sizeof o->region, q, 3);
    nt_store_text(o->agency, sizeof o->agency, q, 4);
    o->parent = nt_db_col_int64(q, 5);
    time_col(o->created, sizeof o->created, q, 6);
    o->version = nt_db_col_int64(q, 7);
}

int nt_store_office_insert(int64_t *id_out, netra_store *st, const netra_office_new *o,
                           const char *region, int64_t now, const netra_actor *actor)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    int64_t id = 0;
    int dup = exists(st, "SELECT 1 FROM offices WHERE name = ?", o->name, 0);
    if (dup < 0)
        err = dup;
    else if (dup)
        err = nt_error_set(NETRA_ECONFLICT, "field 'name': an office named '%s' exists", o->name);
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "INSERT INTO offices(kind, name, region, agency, parent, "
                                         "created) VALUES (?,?,?,?,?,?) RETURNING id")) == 0) {
        nt_db_bind_text(q, 1, o->kind);
        nt_db_bind_text(q, 2, o->name);
        nt_db_bind_text(q, 3, region);
        nt_db_bind_text(q, 4, o->agency ? o->agency : "");
        if (o->parent > 0)
            nt_db_bind_int64(q, 5, o->parent);
        else
            nt_db_bind_null(q, 5);
        nt_db_bind_int64(q, 6, now);
        err = nt_db_run_id(q, &id, "adding an office");
        nt_db_finalize(q);
    }
    if (err == 0) {
        const char *kv[] = {"kind",    o->kind,
                            "name",    o->name,
                            "region",  region,
                            "agency",  o->agency ? o->agency : "",
                            "address", o->client ? o->client : "",
                            NULL};
        err = audit_kv(st, actor, "tambah_kantor", "office", id, kv);
    }
    if ((err = finish(st, err)) == 0 && id_out)
        *id_out = id;
    return err;
}

int nt_store_office_get(netra_office *out, netra_store *st, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " OFFICE_COLS " FROM offices WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading an office");
    if (rc == NT_DB_ROW)
        read_office(out, q);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no office %lld", (long long)id);
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

int nt_store_office_list(netra_store *st, int (*fn)(const netra_office *o, void *payload),
                         void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " OFFICE_COLS " FROM offices ORDER BY id");
    if (err < 0)
        return err;
    int rc;
    while ((rc = nt_db_step(q, "listing offices")) == NT_DB_ROW) {
        netra_office o;
        read_office(&o, q);
        if (fn(&o, payload) < 0)
            break;
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

int nt_store_office_update(netra_store *st, const netra_office *before, int64_t if_version,
                           const netra_office *after, const netra_actor *actor, const char *client)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    if (strcmp(after->name, before->name) != 0) {
        int dup =
            exists(st, "SELECT 1 FROM offices WHERE name = ? AND id <> ?", after->name, before->id);
        if (dup < 0)
            err = dup;
        else if (dup)
            err = nt_error_set(NETRA_ECONFLICT, "field 'name': an office named '%s' exists",
                               after->name);
    }
    if (err == 0 &&
        (err = nt_db_prepare(st->db, &q,
                             "UPDATE offices SET name = ?, region = ?, parent = ?, "
                             "version = version + 1 WHERE id = ? AND version = ?")) == 0) {
        nt_db_bind_text(q, 1, after->name);
        nt_db_bind_text(q, 2, after->region);
        if (after->parent > 0)
            nt_db_bind_int64(q, 3, after->parent);
        else
            nt_db_bind_null(q, 3);
        nt_db_bind_int64(q, 4, before->id);
        nt_db_bind_int64(q, 5, if_version);
        int64_t n = 0;
        err = run_changed(q, &n, "changing an office");
        if (err == 0 && n == 0)
            err = nt_error_set(NETRA_ECONFLICT,
                               "version: office %lld changed meanwhile (version %lld was read)",
                               (long long)before->id, (long long)if_version);
    }
    if (err == 0) {
        char p1[24], p2[24];
        snprintf(p1, sizeof p1, "%lld", (long long)before->parent);
        snprintf(p2, sizeof p2, "%lld", (long long)after->parent);
        nt_buf b, a;
        nt_buf_init(&b, 8192);
        nt_buf_init(&a, 8192);
        const char *k[] = {"name", "region", "parent"};
        const char *bv[] = {before->name, before->region, p1};
        const char *av[] = {after->name, after->region, p2};
        err = nt_buf_addc(&b, '{');
        if (err == 0)
            err = nt_buf_addc(&a, '{');
        for (int i = 0; i < 3 && err == 0; i++) {
            if (i > 0 && (err = nt_buf_addc(&b, ',')) == 0)
                err = nt_buf_addc(&a, ',');
            if (err == 0 && (err = nt_json_str(&b, k[i])) == 0 && (err = nt_buf_addc(&b, ':')) == 0)
                err = nt_json_str(&b, bv[i]);
            if (err == 0 && (err = nt_json_str(&a, k[i])) == 0 && (err = nt_buf_addc(&a, ':')) == 0)
                err = nt_json_str(&a, av[i]);
        }
        if (err == 0 && (err = nt_buf_adds(&a, ",\"address\":")) == 0)
            err = nt_json_str(&a, client ? client : "");
        if (err == 0 && (err = nt_buf_addc(&b, '}')) == 0)
            err = nt_buf_addc(&a, '}');
        if (err == 0)
            err = nt_store_audit(st, actor, "ubah_kantor", "office", before->id, nt_buf_cstr(&b),
                                 nt_buf_cstr(&a));
        nt_buf_free(&b);
        nt_buf_free(&a);
    }
    return finish(st, err);
}

int nt_store_account_event(netra_store *st, const netra_actor *actor, const char *action,
                           int64_t user_id, const char *const *kv)
{
    int err = begin(st);
    if (err < 0)
        return err;
    return finish(st, audit_kv(st, actor, action, "user", user_id, kv));
}

/* ---- users -------------------------------------------------------------------------------- */

#define USER_COLS                                                                                  \
    "id, login, display_name, office_id, disabled, created, last_login, pwhash, version, "         \
    "must_change, COALESCE(temp_expires, 0)"

static void read_user(netra_user *u, char *hash, nt_stmt *q)
{
    memset(u, 0, sizeof *u);
    u->id = nt_db_col_int64(q, 0);
    nt_store_text(u->login, sizeof u->login, q, 1);
    nt_store_text(u->display_name, sizeof u->display_name, q, 2);
    u->office = nt_db_col_int64(q, 3);
    u->disabled = nt_db_col_int(q, 4);
    time_col(u->created, sizeof u->created, q, 5);
    time_col(u->last_login, sizeof u->last_login, q, 6);
    if (hash != NULL)
        nt_store_text(hash, NETRA_PWHASH_STRLEN, q, 7);
    u->version = nt_db_col_int64(q, 8);
    u->must_change_password = nt_db_col_int(q, 9);
    u->password_expires = nt_db_col_int64(q, 10);
}

int nt_store_user_get(netra_user *out, char *hash, netra_store *st, const char *login, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            login ? "SELECT " USER_COLS " FROM users WHERE login = ?"
                                  : "SELECT " USER_COLS " FROM users WHERE id = ?");
    if (err < 0)
        return err;
    if (login)
        nt_db_bind_text(q, 1, login);
    else
        nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a user");
    if (rc == NT_DB_ROW)
        read_user(out, hash, q);
    else if (rc == NT_DB_DONE)
        err = login ? nt_error_set(NETRA_ENOTFOUND, "no user '%s'", login)
                    : nt_error_set(NETRA_ENOTFOUND, "no user %lld", (long long)id);
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

int nt_store_user_insert(int64_t *id_out, netra_store *st, const netra_user_new *u,
                         const char *hash, int64_t now, const netra_actor *actor)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    int64_t id = 0;
    int dup = exists(st, "SELECT 1 FROM users WHERE login = ?", u->login, 0);
    if (dup < 0)
        err = dup;
    else if (dup)
        err = nt_error_set(NETRA_ECONFLICT, "field 'login': login '%s' is taken", u->login);
    if (err == 0 &&
        (err = nt_db_prepare(st->db, &q,
                             "INSERT INTO users(login, display_name, office_id, pwhash, created) "
                             "VALUES (?,?,?,?,?) RETURNING id")) == 0) {
        nt_db_bind_text(q, 1, u->login);
        nt_db_bind_text(q, 2, u->display_name);
        nt_db_bind_int64(q, 3, u->office);
        nt_db_bind_text(q, 4, hash);
        nt_db_bind_int64(q, 5, now);
        err = nt_db_run_id(q, &id, "adding a user");
        nt_db_finalize(q);
    }
    if (err == 0) {
        char office[24];
        snprintf(office, sizeof office, "%lld", (long long)u->office);
        const char *kv[] = {"login",  u->login, "display_name", u->display_name,
                            "office", office,   "address",      u->client ? u->client : "",
                            NULL};
        err = audit_kv(st, actor, "tambah_pengguna", "user", id, kv);
    }
    if ((err = finish(st, err)) == 0 && id_out)
        *id_out = id;
    return err;
}

int nt_store_user_list(netra_store *st, int (*fn)(const netra_user *u, void *payload),
                       void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " USER_COLS " FROM users ORDER BY id");
    if (err < 0)
        return err;
    int rc;
    while ((rc = nt_db_step(q, "listing users")) == NT_DB_ROW) {
        netra_user u;
        read_user(&u, NULL, q);
        if (fn(&u, payload) < 0)
            break;
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

static int end_sessions(size_t *n_out, netra_store *st, int64_t user_id, int64_t now)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "UPDATE sessions SET ended = ? WHERE user_id = ? AND ended IS NULL");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, now);
    nt_db_bind_int64(q, 2, user_id);
    int64_t n = 0;
    err = run_changed(q, &n, "ending sessions");
    if (err == 0 && n_out)
        *n_out = (size_t)n;
    return err;
}

int nt_store_user_set_disabled(netra_store *st, const char *login, int disabled, int64_t now,
                               const netra_actor *actor)
{
    netra_user u;
    int err = nt_store_user_get(&u, NULL, st, login, 0);
    if (err < 0)
        return err;
    if ((err = begin(st)) < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(
             st->db, &q, "UPDATE users SET disabled = ?, version = version + 1 WHERE id = ?")) ==
        0) {
        nt_db_bind_int64(q, 1, disabled ? 1 : 0);
        nt_db_bind_int64(q, 2, u.id);
        err = run(q, "disabling a user");
    }
    if (err == 0 && disabled)
        err = end_sessions(NULL, st, u.id, now);
    if (err == 0) {
        const char *kv[] = {"login", u.login, "disabled", disabled ? "1" : "0", NULL};
        err = audit_kv(st, actor, disabled ? "nonaktifkan_pengguna" : "aktifkan_pengguna", "user",
                       u.id, kv);
    }
    return finish(st, err);
}

int nt_store_user_set_hash(netra_store *st, int64_t user_id, const char *hash, int64_t now,
                           const netra_actor *actor)
{
    if (actor == NULL) {
        nt_stmt *q;
        int err = nt_db_prepare(st->db, &q, "UPDATE users SET pwhash = ? WHERE id = ?");
        if (err < 0)
            return err;
        nt_db_bind_text(q, 1, hash);
        nt_db_bind_int64(q, 2, user_id);
        return run(q, "rehashing a password");
    }
    nt_password_set ps = {hash, 0, 0, 0, "ganti_kata_sandi", "", "admin"};
    return nt_store_user_set_password(st, user_id, &ps, now, actor);
}

int nt_store_user_set_password(netra_store *st, int64_t user_id, const nt_password_set *ps,
                               int64_t now, const netra_actor *actor)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "UPDATE users SET pwhash = ?, must_change = ?, temp_expires = ?, "
                             "version = version + 1 WHERE id = ?")) == 0) {
        nt_db_bind_text(q, 1, ps->hash);
        nt_db_bind_int64(q, 2, ps->must_change ? 1 : 0);
        if (ps->temp_expires > 0)
            nt_db_bind_int64(q, 3, ps->temp_expires);
        else
            nt_db_bind_null(q, 3);
        nt_db_bind_int64(q, 4, user_id);
        int64_t n = 0;
        err = run_changed(q, &n, "setting a password");
        if (err == 0 && n == 0)
            err = nt_error_set(NETRA_ENOTFOUND, "no user %lld", (long long)user_id);
    }
    if (err == 0 &&
        (err = nt_db_prepare(st->db, &q,
                             "UPDATE sessions SET ended = ? WHERE user_id = ? AND ended IS NULL "
                             "AND id <> ?")) == 0) {
        nt_db_bind_int64(q, 1, now);
        nt_db_bind_int64(q, 2, user_id);
        nt_db_bind_int64(q, 3, ps->keep_session);
        err = run(q, "ending sessions");
    }
    if (err == 0) {
        char until[24] = "";
        if (ps->temp_expires > 0) {
            time_t t = (time_t)ps->temp_expires;
            struct tm tm;
            if (gmtime_r(&t, &tm) != NULL)
                strftime(until, sizeof until, "%Y-%m-%dT%H:%M:%SZ", &tm);
        }
        const char *kv[] = {"password",
                            ps->must_change ? "sekali_pakai" : "diganti",
                            "by",
                            ps->by ? ps->by : "",
                            "address",
                            ps->client ? ps->client : "",
                            ps->temp_expires > 0 ? "valid_until" : NULL,
                            until,
                            NULL};
        err = audit_kv(st, actor, ps->action, "user", user_id, kv);
    }
    return finish(st, err);
}

int nt_store_user_update(netra_store *st, const netra_user *before, int64_t if_version,
                         const netra_user_change *c, int64_t now, const netra_actor *actor,
                         const char *client)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    const char *name = c->display_name ? c->display_name : before->display_name;
    int64_t office = c->office > 0 ? c->office : before->office;
    int disabled = c->disabled >= 0 ? c->disabled : before->disabled;
    if ((err = nt_db_prepare(st->db, &q,
                             "UPDATE users SET display_name = ?, office_id = ?, disabled = ?, "
                             "version = version + 1 WHERE id = ? AND version = ?")) == 0) {
        nt_db_bind_text(q, 1, name);
        nt_db_bind_int64(q, 2, office);
        nt_db_bind_int64(q, 3, disabled ? 1 : 0);
        nt_db_bind_int64(q, 4, before->id);
        nt_db_bind_int64(q, 5, if_version);
        int64_t n = 0;
        err = run_changed(q, &n, "changing a user");
        if (err == 0 && n == 0)
            err = nt_error_set(NETRA_ECONFLICT,
                               "version: user '%s' changed meanwhile (version %lld was read)",
                               before->login, (long long)if_version);
    }
    /* Disabling or moving to another office (another role and scope) ends the sessions. */
    if (err == 0 && ((disabled && !before->disabled) || office != before->office))
        err = end_sessions(NULL, st, before->id, now);
    if (err == 0) {
        char o1[24], o2[24];
        snprintf(o1, sizeof o1, "%lld", (long long)before->office);
        snprintf(o2, sizeof o2, "%lld", (long long)office);
        nt_buf b;
        nt_buf_init(&b, 8192);
        const char *bk[] = {"display_name", "office", "disabled"};
        const char *bv[] = {before->display_name, o1, before->disabled ? "1" : "0"};
        const char *av[] = {name, o2, disabled ? "1" : "0"};
        char *bj = NULL;
        for (int pass = 0; pass < 2 && err == 0; pass++) {
            nt_buf_reset(&b);
            err = nt_buf_addc(&b, '{');
            for (int i = 0; i < 3 && err == 0; i++) {
                if (i > 0)
                    err = nt_buf_addc(&b, ',');
                if (err == 0)
                    err = nt_json_str(&b, bk[i]);
                if (err == 0)
                    err = nt_buf_addc(&b, ':');
                if (err == 0)
                    err = nt_json_str(&b, pass ? av[i] : bv[i]);
            }
            if (err == 0 && pass == 1) {
                if ((err = nt_buf_adds(&b, ",\"address\":")) == 0)
                    err = nt_json_str(&b, client ? client : "");
            }
            if (err == 0)
                err = nt_buf_addc(&b, '}');
            if (err == 0 && pass == 0 && (bj = nt_strdup(nt_buf_cstr(&b))) == NULL)
                err = NETRA_ENOMEM;
        }
        if (err == 0)
            err =
                nt_store_audit(st, actor, "ubah_pengguna", "user", before->id, bj, nt_buf_cstr(&b));
        nt_free(bj);
        nt_buf_free(&b);
    }
    return finish(st, err);
}

/* A one-statement write with two integer parameters. */
static int write2(netra_store *st, const char *sql, int64_t a, int64_t b, const char *what)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, sql);
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, a);
    nt_db_bind_int64(q, 2, b);
    return run(q, what);
}

int nt_store_user_logged_in(netra_store *st, int64_t user_id, int64_t now)
{
    return write2(st, "UPDATE users SET last_login = ? WHERE id = ?", now, user_id,
                  "recording a login");
}

/* ---- sessions ----------------------------------------------------------------------------- */

int nt_store_session_insert(int64_t *id_out, netra_store *st, int64_t user_id,
                            const char *token_hash, const char *csrf_hash, int64_t now,
                            int64_t expires)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "INSERT INTO sessions(user_id, token_hash, csrf_hash, created, "
                            "last_seen, expires) VALUES (?,?,?,?,?,?) RETURNING id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, user_id);
    nt_db_bind_text(q, 2, token_hash);
    nt_db_bind_text(q, 3, csrf_hash);
    nt_db_bind_int64(q, 4, now);
    nt_db_bind_int64(q, 5, now);
    nt_db_bind_int64(q, 6, expires);
    int64_t id = 0;
    err = nt_db_run_id(q, &id, "starting a session");
    nt_db_finalize(q);
    if (err == 0 && id_out)
        *id_out = id;
    return err;
}

int nt_store_session_get(nt_session_row *out, netra_store *st, const char *token_hash, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            token_hash ? "SELECT id, user_id, created, last_seen, expires, "
                                         "CASE WHEN ended IS NULL THEN 0 ELSE 1 END, csrf_hash "
                                         "FROM sessions WHERE token_hash = ?"
                                       : "SELECT id, user_id, created, last_seen, expires, "
                                         "CASE WHEN ended IS NULL THEN 0 ELSE 1 END, csrf_hash "
                                         "FROM sessions WHERE id = ?");
    if (err < 0)
        return err;
    if (token_hash)
        nt_db_bind_text(q, 1, token_hash);
    else
        nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a session");
    if (rc == NT_DB_ROW) {
        out->id = nt_db_col_int64(q, 0);
        out->user_id = nt_db_col_int64(q, 1);
        out->created = nt_db_col_int64(q, 2);
        out->last_seen = nt_db_col_int64(q, 3);
        out->expires = nt_db_col_int64(q, 4);
        out->ended = nt_db_col_int(q, 5);
        nt_store_text(out->csrf_hash, sizeof out->csrf_hash, q, 6);
    } else if (rc == NT_DB_DONE) {
        err = nt_error_set(NETRA_ENOTFOUND, "no such session");
    } else {
        err = rc;
    }
    nt_db_finalize(q);
    return err;
}

int nt_store_session_touch(netra_store *st, int64_t id, int64_t now)
{
    return write2(st, "UPDATE sessions SET last_seen = ? WHERE id = ?", now, id,
                  "touching a session");
}

int nt_store_session_end(netra_store *st, int64_t id, int64_t now)
{
    return write2(st, "UPDATE sessions SET ended = ? WHERE id = ? AND ended IS NULL", now, id,
                  "ending a session");
}

int nt_store_session_end_user(size_t *n_out, netra_store *st, int64_t user_id, int64_t now)
{
    return end_sessions(n_out, st, user_id, now);
}

/* ---- API tokens --------------------------------------------------------------------------- */

int nt_store_token_insert(int64_t *id_out, netra_store *st, int64_t user_id, const char *name,
                          const char *token_hash, int64_t now, const netra_actor *actor)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    int64_t id = 0;
    int dup =
        exists(st, "SELECT 1 FROM api_tokens WHERE name = ? AND user_id = ? AND revoked IS NULL",
               name, user_id);
    if (dup < 0)
        err = dup;
    else if (dup)
        err = nt_error_set(NETRA_ECONFLICT, "field 'name': a valid token named '%s' exists", name);
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "INSERT INTO api_tokens(user_id, name, token_hash, "
                                         "created) VALUES (?,?,?,?) RETURNING id")) == 0) {
        nt_db_bind_int64(q, 1, user_id);
        nt_db_bind_text(q, 2, name);
        nt_db_bind_text(q, 3, token_hash);
        nt_db_bind_int64(q, 4, now);
        err = nt_db_run_id(q, &id, "adding a token");
        nt_db_finalize(q);
    }
    if (err == 0) {
        char user[24];
        snprintf(user, sizeof user, "%lld", (long long)user_id);
        const char *kv[] = {"user", user, "name", name, NULL};
        err = audit_kv(st, actor, "tambah_token", "api_token", id, kv);
    }
    if ((err = finish(st, err)) == 0 && id_out)
        *id_out = id;
    return err;
}

int nt_store_token_used(netra_store *st, int64_t id, int64_t now)
{
    return write2(st, "UPDATE api_tokens SET last_used = ? WHERE id = ?", now, id, "using a token");
}

int nt_store_token_revoke(netra_store *st, int64_t id, int64_t now, const netra_actor *actor)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "UPDATE api_tokens SET revoked = ? WHERE id = ? AND revoked IS "
                             "NULL")) == 0) {
        nt_db_bind_int64(q, 1, now);
        nt_db_bind_int64(q, 2, id);
        int64_t n = 0;
        err = run_changed(q, &n, "revoking a token");
        if (err == 0 && n == 0)
            err = nt_error_set(NETRA_ENOTFOUND, "no valid token %lld", (long long)id);
    }
    if (err == 0) {
        const char *kv[] = {"revoked", "1", NULL};
        err = audit_kv(st, actor, "cabut_token", "api_token", id, kv);
    }
    return finish(st, err);
}

int nt_store_token_list(netra_store *st, const char *login,
                        int (*fn)(const netra_api_token *t, void *payload), void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            login ? "SELECT t.id, u.login, t.name, t.created, t.last_used, "
                                    "t.revoked FROM api_tokens t JOIN users u ON u.id = "
                                    "t.user_id WHERE u.login = ? ORDER BY t.id"
                                  : "SELECT t.id, u.login, t.name, t.created, t.last_used, "
                                    "t.revoked FROM api_tokens t JOIN users u ON u.id = "
                                    "t.user_id ORDER BY t.id");
    if (err < 0)
        return err;
    if (login)
        nt_db_bind_text(q, 1, login);
    int rc;
    while ((rc = nt_db_step(q, "listing tokens")) == NT_DB_ROW) {
        netra_api_token t;
        memset(&t, 0, sizeof t);
        t.id = nt_db_col_int64(q, 0);
        nt_store_text(t.login, sizeof t.login, q, 1);
        nt_store_text(t.name, sizeof t.name, q, 2);
        time_col(t.created, sizeof t.created, q, 3);
        time_col(t.last_used, sizeof t.last_used, q, 4);
        time_col(t.revoked, sizeof t.revoked, q, 5);
        if (fn(&t, payload) < 0)
            break;
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

/* ---- credentials ------------------------------------------------------------------------- */

int nt_store_credential(nt_credential_row *out, netra_store *st, int api, const char *token_hash,
                        int64_t id)
{
    static const char *const sql[] = {
        "SELECT s.id, s.user_id, s.created, s.last_seen, s.expires, CASE WHEN s.ended IS NULL "
        "THEN 0 ELSE 1 END, s.csrf_hash, u.login, u.display_name, u.office_id, u.disabled, "
        "o.kind, o.name, o.region, o.agency, COALESCE(o.parent, 0), u.must_change FROM sessions s "
        "JOIN users u ON u.id = s.user_id JOIN offices o ON o.id = u.office_id WHERE "
        "s.token_hash = ?",
        "SELECT s.id, s.user_id, s.created, s.last_seen, s.expires, CASE WHEN s.ended IS NULL "
        "THEN 0 ELSE 1 END, s.csrf_hash, u.login, u.display_name, u.office_id, u.disabled, "
        "o.kind, o.name, o.region, o.agency, COALESCE(o.parent, 0), u.must_change FROM sessions s "
        "JOIN users u ON u.id = s.user_id JOIN offices o ON o.id = u.office_id WHERE s.id = ?",
        "SELECT t.id, t.user_id, t.created, COALESCE(t.last_used, 0), 0, CASE WHEN t.revoked "
        "IS NULL THEN 0 ELSE 1 END, '', u.login, u.display_name, u.office_id, u.disabled, "
        "o.kind, o.name, o.region, o.agency, COALESCE(o.parent, 0), u.must_change FROM "
        "api_tokens t JOIN users u ON u.id = t.user_id JOIN offices o ON o.id = u.office_id "
        "WHERE t.token_hash = ?"};
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, sql[api ? 2 : token_hash ? 0 : 1]);
    if (err < 0)
        return err;
    if (token_hash)
        nt_db_bind_text(q, 1, token_hash);
    else
        nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a credential");
    if (rc == NT_DB_ROW) {
        memset(out, 0, sizeof *out);
        out->id = nt_db_col_int64(q, 0);
        out->user_id = nt_db_col_int64(q, 1);
        out->created = nt_db_col_int64(q, 2);
        out->last_seen = nt_db_col_int64(q, 3);
        out->expires = nt_db_col_int64(q, 4);
        out->ended = nt_db_col_int(q, 5);
        nt_store_text(out->csrf_hash, sizeof out->csrf_hash, q, 6);
        out->user.id = out->user_id;
        nt_store_text(out->user.login, sizeof out->user.login, q, 7);
        nt_store_text(out->user.display_name, sizeof out->user.display_name, q, 8);
        out->user.office = nt_db_col_int64(q, 9);
        out->user.disabled = nt_db_col_int(q, 10);
        out->office.id = out->user.office;
        nt_store_text(out->office.kind, sizeof out->office.kind, q, 11);
        nt_store_text(out->office.name, sizeof out->office.name, q, 12);
        nt_store_text(out->office.region, sizeof out->office.region, q, 13);
        nt_store_text(out->office.agency, sizeof out->office.agency, q, 14);
        out->office.parent = nt_db_col_int64(q, 15);
        out->user.must_change_password = nt_db_col_int(q, 16);
    } else if (rc == NT_DB_DONE) {
        err = nt_error_set(NETRA_ENOTFOUND, api ? "no such token" : "no such session");
    } else {
        err = rc;
    }
    nt_db_finalize(q);
    return err;
}

/* ---- login failures ----------------------------------------------------------------------- */

int nt_store_failure_add(netra_store *st, const char *key, int64_t now, int64_t since)
{
    int err = begin(st);
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q, "DELETE FROM login_failures WHERE key = ? AND at < ?")) ==
        0) {
        nt_db_bind_text(q, 1, key);
        nt_db_bind_int64(q, 2, since);
        err = run(q, "pruning login failures");
    }
    if (err == 0 && (err = nt_db_prepare(
                         st->db, &q, "INSERT INTO login_failures(key, at) VALUES (?, ?)")) == 0) {
        nt_db_bind_text(q, 1, key);
        nt_db_bind_int64(q, 2, now);
        err = run(q, "recording a login failure");
    }
    return finish(st, err);
}

int nt_store_failure_count(int *n_out, int64_t *last_out, netra_store *st, const char *key,
                           int64_t since)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures WHERE "
                            "key = ? AND at >= ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, key);
    nt_db_bind_int64(q, 2, since);
    int rc = nt_db_step(q, "counting login failures");
    if (rc == NT_DB_ROW) {
        *n_out = nt_db_col_int(q, 0);
        *last_out = nt_db_col_int64(q, 1);
    } else {
        err = rc < 0 ? rc : nt_error_set(NETRA_ESTORAGE, "counting login failures: no row");
    }
    nt_db_finalize(q);
    return err;
}

int nt_store_failure_clear(netra_store *st, const char *key)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "DELETE FROM login_failures WHERE key = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, key);
    return run(q, "clearing login failures");
}

/* ---- the agencies of a case --------------------------------------------------------------- */

int netra_store_case_agencies(netra_store *st, int64_t case_id,
                              int (*fn)(const char *agency, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT DISTINCT a.agency FROM case_asn ca JOIN asn a ON a.id = "
                            "ca.asn_id WHERE ca.case_id = ? AND a.agency <> '' ORDER BY 1");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = nt_db_step(q, "reading a case's agencies")) == NT_DB_ROW) {
        const char *a = nt_db_col_text(q, 0);
        if (fn(a ? a : "", payload) < 0)
            break;
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}
