/*
 * sqlite.c - the SQLite backend of the case store: connection (WAL, foreign keys, busy
 * timeout), cases and their actions through the workflow, clocks, reporters encrypted with
 * libsodium's crypto_secretbox, the accused ASN, acts and content-addressed evidence.
 *
 * Every change runs in one IMMEDIATE transaction that also appends its audit entry (audit.c),
 * so a change and its record are never separated.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "netra/ident.h"
#include "store/store_int.h"

int nt_store_err(netra_store *st, const char *what)
{
    return nt_error_set(NETRA_ESTORAGE, "%s: %s", what,
                        st && st->db ? sqlite3_errmsg(st->db) : "no database");
}

int nt_store_exec(netra_store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int err = nt_error_set(NETRA_ESTORAGE, "sqlite: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return err;
    }
    return NETRA_OK;
}

int nt_store_prepare(netra_store *st, sqlite3_stmt **out, const char *sql)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK)
        return nt_store_err(st, "prepare");
    return NETRA_OK;
}

void nt_sha256_hex(char out[65], const void *data, size_t len)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int nt_json_str(nt_buf *b, const char *s)
{
    int err = nt_buf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; err == 0 && *p; p++) {
        if (*p == '"' || *p == '\\')
            err = nt_buf_addf(b, "\\%c", *p);
        else if (*p < 0x20)
            err = nt_buf_addf(b, "\\u%04x", *p);
        else
            err = nt_buf_addc(b, (char)*p);
    }
    return err ? err : nt_buf_addc(b, '"');
}

/* ---- keys -------------------------------------------------------------------------------- */

static int key_from_hex(netra_key *out, const char *hex, size_t len)
{
    while (len > 0 && (hex[len - 1] == '\n' || hex[len - 1] == '\r' || hex[len - 1] == ' '))
        len--;
    size_t got = 0;
    if (len != 64 ||
        sodium_hex2bin(out->bytes, sizeof out->bytes, hex, len, NULL, &got, NULL) != 0 || got != 32)
        return nt_error_set(NETRA_EINVAL, "a key is 64 hexadecimal digits (32 bytes)");
    return NETRA_OK;
}

int netra_key_from_hex(netra_key *out, const char *hex)
{
    NT_ASSERT_ARG(out != NULL && hex != NULL);
    return key_from_hex(out, hex, strlen(hex));
}

int netra_key_load(netra_key *out, const char *path)
{
    NT_ASSERT_ARG(out != NULL);
    const char *env = getenv("NETRA_KEY");
    if (env != NULL && *env != '\0') {
        int err = key_from_hex(out, env, strlen(env));
        return err < 0 ? nt_error_prefix("NETRA_KEY") : err;
    }
    if (path == NULL)
        return nt_error_set(NETRA_EINVAL, "no key: set NETRA_KEY or give a key file");
    char *data;
    size_t len;
    int err = nt_file_read(&data, &len, path, 4096);
    if (err < 0)
        return err;
    err = key_from_hex(out, data, len);
    sodium_memzero(data, len);
    nt_free(data);
    return err < 0 ? nt_error_prefix("%s", path) : err;
}

int netra_key_generate(char hex[65])
{
    NT_ASSERT_ARG(hex != NULL);
    if (sodium_init() < 0)
        return nt_error_set(NETRA_ERROR, "libsodium cannot be initialised");
    unsigned char k[32];
    crypto_secretbox_keygen(k);
    sodium_bin2hex(hex, 65, k, sizeof k);
    sodium_memzero(k, sizeof k);
    return NETRA_OK;
}

/* ---- open / close ----------------------------------------------------------------------- */

int netra_store_open(netra_store **out, const char *location, const netra_store_config *config)
{
    NT_ASSERT_ARG(out != NULL && location != NULL && config != NULL);
    NT_ASSERT_ARG(config->workflow != NULL && config->calendar != NULL);
    *out = NULL;
    if (strncmp(location, "postgresql:", 11) == 0 || strncmp(location, "postgres:", 9) == 0)
        return nt_error_set(NETRA_EINVAL, "the PostgreSQL backend is not built yet (see "
                                          "docs/decisions/0006-store-interface.md)");
    if (strncmp(location, "sqlite:", 7) == 0)
        location += 7;
    if (sodium_init() < 0)
        return nt_error_set(NETRA_ERROR, "libsodium cannot be initialised");
    netra_store *st = nt_calloc(1, sizeof *st);
    if (st == NULL)
        return NETRA_ENOMEM;
    st->wf = config->workflow;
    st->cal = config->calendar;
    st->law = config->law;
    if (config->key != NULL) {
        st->key = *config->key;
        st->has_key = 1;
    }
    int err;
    if (sqlite3_open_v2(location, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        err = nt_store_err(st, location);
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 5000);
    if ((err = nt_store_exec(st, "PRAGMA journal_mode=WAL")) < 0 ||
        (err = nt_store_exec(st, "PRAGMA foreign_keys=ON")) < 0 ||
        (err = nt_store_exec(st, "PRAGMA synchronous=NORMAL")) < 0 ||
        (err = nt_store_migrate(st)) < 0)
        goto fail;
    *out = st;
    return NETRA_OK;
fail:
    netra_store_close(st);
    return err;
}

void netra_store_close(netra_store *st)
{
    if (st == NULL)
        return;
    if (st->db != NULL)
        sqlite3_close_v2(st->db);
    sodium_memzero(&st->key, sizeof st->key);
    nt_free(st);
}

int netra_store_schema_version(const netra_store *st)
{
    return st ? st->schema : 0;
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* A write transaction; inside an import's transaction (st->in_txn), a savepoint. */
static int begin(netra_store *st)
{
    return nt_store_exec(st, st->in_txn ? "SAVEPOINT nt_step" : "BEGIN IMMEDIATE");
}

static int finish(netra_store *st, int err)
{
    if (err < 0) {
        netra_error saved = *netra_error_last();
        (void)sqlite3_exec(st->db, st->in_txn ? "ROLLBACK TO nt_step; RELEASE nt_step" : "ROLLBACK",
                           NULL, NULL, NULL);
        return nt_error_set(saved.code, "%s", saved.msg);
    }
    return nt_store_exec(st, st->in_txn ? "RELEASE nt_step" : "COMMIT");
}

static int is_secret(const char *name)
{
    return strcmp(name, NETRA_FIELD_REPORTER) == 0 || strcmp(name, NETRA_FIELD_CONTACT) == 0;
}

/* The fields as a JSON object, without the secret ones. */
static int fields_json(nt_buf *b, const netra_case_field *fields)
{
    int err = nt_buf_addc(b, '{');
    int first = 1;
    for (size_t i = 0; err == 0 && fields != NULL && fields[i].name != NULL; i++) {
        if (is_secret(fields[i].name))
            continue;
        if (!first)
            err = nt_buf_addc(b, ',');
        first = 0;
        if (err == 0)
            err = nt_json_str(b, fields[i].name);
        if (err == 0)
            err = nt_buf_addc(b, ':');
        if (err == 0)
            err = nt_json_str(b, fields[i].value ? fields[i].value : "");
    }
    return err ? err : nt_buf_addc(b, '}');
}

static const char *field_value(const netra_case_field *fields, const char *name)
{
    for (size_t i = 0; fields != NULL && fields[i].name != NULL; i++)
        if (strcmp(fields[i].name, name) == 0)
            return fields[i].value;
    return NULL;
}

/* The workflow check: field names with a non-empty value. */
static int step(const netra_transition **t, netra_store *st, const char *state, const char *action,
                const char *role, const char *regime, const netra_case_field *fields)
{
    const char *names[32];
    size_t n = 0;
    for (size_t i = 0; fields != NULL && fields[i].name != NULL && n + 1 < 32; i++)
        if (fields[i].value != NULL && fields[i].value[0] != '\0')
            names[n++] = fields[i].name;
    names[n] = NULL;
    return netra_workflow_step(t, st->wf, state, action, role, regime, names);
}

/* The role holding the case after an action by `role`. */
static const char *holder_after(const char *role, const char *current)
{
    static const char *const passive[] = {"pelapor_publik", "analis", "admin", NULL};
    for (size_t i = 0; passive[i] != NULL; i++)
        if (strcmp(role, passive[i]) == 0)
            return current ? current : "bawaslu_kabkota";
    return role;
}

static int encrypt_into(netra_store *st, sqlite3_stmt *q, int col, const char *text)
{
    if (text == NULL)
        return sqlite3_bind_null(q, col) == SQLITE_OK ? NETRA_OK : nt_store_err(st, "bind");
    size_t len = strlen(text);
    size_t total = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *box = nt_malloc(total);
    if (box == NULL)
        return NETRA_ENOMEM;
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, len, box,
                          st->key.bytes);
    int rc = sqlite3_bind_blob(q, col, box, (int)total, SQLITE_TRANSIENT);
    nt_free(box);
    return rc == SQLITE_OK ? NETRA_OK : nt_store_err(st, "bind");
}

static int decrypt_from(netra_store *st, char *out, size_t size, sqlite3_stmt *q, int col)
{
    if (out == NULL || size == 0)
        return NETRA_OK;
    out[0] = '\0';
    if (sqlite3_column_type(q, col) == SQLITE_NULL)
        return NETRA_OK;
    const unsigned char *box = sqlite3_column_blob(q, col);
    size_t len = (size_t)sqlite3_column_bytes(q, col);
    if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return nt_error_set(NETRA_EDATA, "reporter record is truncated");
    size_t mlen = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    if (mlen + 1 > size)
        return nt_error_set(NETRA_ETOOBIG, "reporter field of %zu bytes does not fit", mlen);
    if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, box, st->key.bytes) != 0)
        return nt_error_set(NETRA_EDATA, "reporter record does not decrypt (wrong key or "
                                         "altered data)");
    out[mlen] = '\0';
    return NETRA_OK;
}

static void copy(char *dst, size_t size, const unsigned char *src)
{
    snprintf(dst, size, "%s", src ? (const char *)src : "");
}

#define CASE_COLS                                                                                  \
    "id, version, kind, regime, election, state, region, holder, title, opened, updated, demo"

static void read_case(netra_case *c, sqlite3_stmt *q)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(q, 0);
    c->version = sqlite3_column_int64(q, 1);
    copy(c->kind, sizeof c->kind, sqlite3_column_text(q, 2));
    copy(c->regime, sizeof c->regime, sqlite3_column_text(q, 3));
    copy(c->election, sizeof c->election, sqlite3_column_text(q, 4));
    copy(c->state, sizeof c->state, sqlite3_column_text(q, 5));
    copy(c->region, sizeof c->region, sqlite3_column_text(q, 6));
    copy(c->holder, sizeof c->holder, sqlite3_column_text(q, 7));
    copy(c->title, sizeof c->title, sqlite3_column_text(q, 8));
    c->opened = (netra_date)sqlite3_column_int(q, 9);
    c->updated = (netra_date)sqlite3_column_int(q, 10);
    c->demo = sqlite3_column_int(q, 11);
}

/* A case as JSON for the audit record. */
static int case_json(nt_buf *b, netra_store *st, int64_t id)
{
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT json_object('version', version, 'kind', kind, "
                               "'state', state, 'holder', holder, 'region', region, "
                               "'title', title, 'fields', json(fields)) FROM cases "
                               "WHERE id = ?");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, id);
    if (sqlite3_step(q) == SQLITE_ROW)
        err = nt_buf_adds(b, (const char *)sqlite3_column_text(q, 0));
    else
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    sqlite3_finalize(q);
    return err;
}

/* Starts, stops and extends the clocks a transition names. */
static int apply_clocks(netra_store *st, int64_t id, const char *regime, const netra_transition *t,
                        netra_date today)
{
    sqlite3_stmt *q;
    int err = NETRA_OK;
    if (t->clock_stop != NULL) {
        if ((err = nt_store_prepare(st, &q,
                                    "UPDATE clocks SET running = 0, stopped = ? "
                                    "WHERE case_id = ? AND clock = ? AND running = 1")) < 0)
            return err;
        sqlite3_bind_int(q, 1, today);
        sqlite3_bind_int64(q, 2, id);
        sqlite3_bind_text(q, 3, t->clock_stop, -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "stopping a clock");
        sqlite3_finalize(q);
        if (err < 0)
            return err;
    }
    if (t->clock_extend != NULL) {
        if ((err = nt_store_prepare(st, &q,
                                    "SELECT id, started, extended FROM clocks WHERE "
                                    "case_id = ? AND clock = ? AND running = 1")) < 0)
            return err;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_text(q, 2, t->clock_extend, -1, SQLITE_STATIC);
        int64_t cid = 0;
        netra_date started = 0;
        int extended = 0;
        if (sqlite3_step(q) == SQLITE_ROW) {
            cid = sqlite3_column_int64(q, 0);
            started = (netra_date)sqlite3_column_int(q, 1);
            extended = sqlite3_column_int(q, 2);
        }
        sqlite3_finalize(q);
        if (cid == 0)
            return nt_error_set(NETRA_ESTATE, "clock '%s' is not running", t->clock_extend);
        if (extended)
            return nt_error_set(NETRA_ESTATE, "clock '%s' was already extended", t->clock_extend);
        netra_date deadline;
        if ((err = netra_clock_deadline(&deadline, st->wf, st->cal, t->clock_extend, regime,
                                        started, 1)) < 0)
            return err;
        if ((err = nt_store_prepare(st, &q,
                                    "UPDATE clocks SET extended = 1, deadline = ? "
                                    "WHERE id = ?")) < 0)
            return err;
        sqlite3_bind_int(q, 1, deadline);
        sqlite3_bind_int64(q, 2, cid);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "extending a clock");
        sqlite3_finalize(q);
        if (err < 0)
            return err;
    }
    if (t->clock_start != NULL && netra_workflow_clock(st->wf, t->clock_start, regime) != NULL) {
        netra_date deadline;
        if ((err = netra_clock_deadline(&deadline, st->wf, st->cal, t->clock_start, regime, today,
                                        0)) < 0)
            return err;
        if ((err = nt_store_prepare(st, &q,
                                    "INSERT INTO clocks(case_id, clock, started, "
                                    "deadline) VALUES (?, ?, ?, ?)")) < 0)
            return err;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_text(q, 2, t->clock_start, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 3, today);
        sqlite3_bind_int(q, 4, deadline);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "starting a clock");
        sqlite3_finalize(q);
    }
    return err;
}

static int add_reporter(netra_store *st, int64_t id, const netra_case_field *fields)
{
    const char *who = field_value(fields, NETRA_FIELD_REPORTER);
    if (who == NULL || *who == '\0')
        return NETRA_OK;
    if (!st->has_key)
        return nt_error_set(NETRA_EINVAL, "a reporter's identity is stored encrypted: the "
                                          "store needs a key (NETRA_KEY or a key file)");
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "INSERT INTO reporters(case_id, identity, contact, "
                               "eligibility, represented) VALUES (?, ?, ?, ?, ?)");
    if (err < 0)
        return err;
    const char *elig = field_value(fields, "kelayakan");
    const char *kuasa = field_value(fields, "surat_kuasa");
    sqlite3_bind_int64(q, 1, id);
    if ((err = encrypt_into(st, q, 2, who)) == 0 &&
        (err = encrypt_into(st, q, 3, field_value(fields, NETRA_FIELD_CONTACT))) == 0) {
        sqlite3_bind_text(q, 4, elig ? elig : "", -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 5, kuasa != NULL && *kuasa != '\0');
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "storing a reporter");
    }
    sqlite3_finalize(q);
    return err;
}

/* ---- cases -------------------------------------------------------------------------------- */

/*
 * The checks of intake, which flag rather than refuse (the supervisors decide with
 * tolak_registrasi): a report made after the batas_lapor deadline since the violation was
 * known gets kedaluwarsa=ya; a temuan established after its 7 days since discovery (Pemilu)
 * gets temuan_terlambat=ya. A reporter's eligibility, when given, must be one the law lists
 * (UU 7/2017 Pasal 454 ayat (1)-(3); UU 1/2015 Pasal 134 ayat (2)).
 */
static int intake_checks(netra_case_field *out, size_t cap, netra_store *st, const char *regime,
                         const netra_case_field *fields, const netra_actor *actor)
{
    size_t n = 0;
    for (size_t i = 0; fields != NULL && fields[i].name != NULL; i++) {
        if (n + 3 >= cap)
            return nt_error_set(NETRA_ETOOBIG, "more than %zu fields", cap - 3);
        out[n++] = fields[i];
    }
    const char *elig = field_value(fields, "kelayakan");
    if (elig != NULL && strcmp(elig, "pemilih") != 0 && strcmp(elig, "peserta") != 0 &&
        strcmp(elig, "pemantau") != 0)
        return nt_error_set(NETRA_EINVAL,
                            "field 'kelayakan': '%s' is not pemilih, peserta or pemantau (UU "
                            "7/2017 Pasal 454 ayat (1)-(3); UU 1/2015 Pasal 134 ayat (2))",
                            elig);
    static const struct {
        const char *field, *clock, *flag;
    } checks[] = {{"tanggal_diketahui", "batas_lapor", "kedaluwarsa"},
                  {"tanggal_ditemukan", "temuan", "temuan_terlambat"}};
    for (size_t k = 0; k < 2; k++) {
        const char *v = field_value(fields, checks[k].field);
        if (v == NULL || netra_workflow_clock(st->wf, checks[k].clock, regime) == NULL)
            continue;
        netra_date known;
        if (netra_date_parse(&known, v, strlen(v)) < 0)
            return nt_error_prefix("field '%s'", checks[k].field);
        int late;
        int err = netra_clock_overdue(&late, st->wf, st->cal, checks[k].clock, regime, known, 0,
                                      actor->today);
        if (err < 0)
            return err;
        if (late) {
            out[n].name = checks[k].flag;
            out[n].value = "ya";
            n++;
        }
    }
    out[n].name = NULL;
    out[n].value = NULL;
    return NETRA_OK;
}

int netra_store_case_new(int64_t *id_out, netra_store *st, const netra_case_new *c,
                         const netra_case_field *fields, const netra_actor *actor)
{
    NT_ASSERT_ARG(id_out != NULL && st != NULL && c != NULL && actor != NULL);
    NT_ASSERT_ARG(c->action != NULL && c->regime != NULL && actor->role != NULL &&
                  actor->name != NULL);
    if (c->title == NULL || *c->title == '\0')
        return nt_error_set(NETRA_EINVAL, "a case needs a title");
    const netra_transition *t;
    int err = step(&t, st, NULL, c->action, actor->role, c->regime, fields);
    if (err < 0)
        return err;
    netra_case_field all[40];
    if ((err = intake_checks(all, sizeof all / sizeof *all, st, c->regime, fields, actor)) < 0)
        return err;
    fields = all;
    nt_buf json, after;
    nt_buf_init(&json, 1 << 20);
    nt_buf_init(&after, 1 << 20);
    if ((err = fields_json(&json, fields)) < 0)
        goto out;
    if ((err = begin(st)) < 0)
        goto out;
    sqlite3_stmt *q;
    if ((err = nt_store_prepare(st, &q,
                                "INSERT INTO cases(kind, regime, election, state, "
                                "region, holder, title, fields, opened, updated, demo) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) == 0) {
        sqlite3_bind_text(q, 1, t->kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, c->regime, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, c->election ? c->election : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, t->to, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, c->region ? c->region : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, holder_after(actor->role, NULL), -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 7, c->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 8, nt_buf_cstr(&json), -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 9, actor->today);
        sqlite3_bind_int(q, 10, actor->today);
        sqlite3_bind_int(q, 11, c->demo != 0);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "inserting a case");
        sqlite3_finalize(q);
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (err == 0)
        err = add_reporter(st, id, fields);
    if (err == 0)
        err = apply_clocks(st, id, c->regime, t, actor->today);
    if (err == 0)
        err = case_json(&after, st, id);
    if (err == 0)
        err = nt_store_audit(st, actor, c->action, "case", id, "null", nt_buf_cstr(&after));
    err = finish(st, err);
    if (err == 0)
        *id_out = id;
out:
    nt_buf_free(&json);
    nt_buf_free(&after);
    return err;
}

int netra_store_case_get(netra_case *out, netra_store *st, int64_t id)
{
    NT_ASSERT_ARG(out != NULL && st != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q, "SELECT " CASE_COLS " FROM cases WHERE id = ?");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        read_case(out, q);
    else if (rc == SQLITE_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    else
        err = nt_store_err(st, "reading a case");
    sqlite3_finalize(q);
    return err;
}

int netra_store_case_act(netra_store *st, int64_t id, int64_t version, const char *action,
                         const netra_case_field *fields, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && action != NULL && actor != NULL && actor->role != NULL &&
                  actor->name != NULL);
    netra_case c;
    int err = netra_store_case_get(&c, st, id);
    if (err < 0)
        return err;
    if (c.version != version)
        return nt_error_set(NETRA_ECONFLICT,
                            "case %lld changed: you read version %lld, it is now %lld; "
                            "read it again",
                            (long long)id, (long long)version, (long long)c.version);
    const netra_transition *t;
    if ((err = step(&t, st, c.state, action, actor->role, c.regime, fields)) < 0)
        return err;
    nt_buf json, before, after;
    nt_buf_init(&json, 1 << 20);
    nt_buf_init(&before, 1 << 20);
    nt_buf_init(&after, 1 << 20);
    if ((err = fields_json(&json, fields)) < 0)
        goto out;
    if ((err = begin(st)) < 0)
        goto out;
    err = case_json(&before, st, id);
    sqlite3_stmt *q;
    if (err == 0 && (err = nt_store_prepare(st, &q,
                                            "UPDATE cases SET version = version + 1, state = ?, "
                                            "kind = coalesce(?, kind), holder = ?, "
                                            "fields = json_patch(fields, ?), updated = ? "
                                            "WHERE id = ? AND version = ?")) == 0) {
        sqlite3_bind_text(q, 1, t->to, -1, SQLITE_STATIC);
        if (t->kind != NULL)
            sqlite3_bind_text(q, 2, t->kind, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(q, 2);
        sqlite3_bind_text(q, 3, holder_after(actor->role, c.holder), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 4, nt_buf_cstr(&json), -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 5, actor->today);
        sqlite3_bind_int64(q, 6, id);
        sqlite3_bind_int64(q, 7, version);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "updating a case");
        else if (sqlite3_changes(st->db) != 1)
            err =
                nt_error_set(NETRA_ECONFLICT, "case %lld changed since version %lld; read it again",
                             (long long)id, (long long)version);
        sqlite3_finalize(q);
    }
    if (err == 0)
        err = add_reporter(st, id, fields);
    if (err == 0)
        err = apply_clocks(st, id, c.regime, t, actor->today);
    if (err == 0)
        err = case_json(&after, st, id);
    if (err == 0)
        err = nt_store_audit(st, actor, action, "case", id, nt_buf_cstr(&before),
                             nt_buf_cstr(&after));
    err = finish(st, err);
out:
    nt_buf_free(&json);
    nt_buf_free(&before);
    nt_buf_free(&after);
    return err;
}

int netra_store_case_list(netra_store *st, const netra_case_filter *f,
                          int (*fn)(const netra_case *c, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    netra_case_filter none = {0};
    if (f == NULL)
        f = &none;
    sqlite3_stmt *q;
    int err =
        nt_store_prepare(st, &q,
                         "SELECT " CASE_COLS " FROM cases c WHERE (?1 IS NULL OR state = ?1) "
                         "AND (?2 IS NULL OR region LIKE ?2 || '%') AND (?3 IS NULL OR kind = ?3) "
                         "AND (?4 = 0 OR EXISTS (SELECT 1 FROM clocks k WHERE k.case_id = c.id "
                         "AND k.running = 1 AND k.deadline < ?5)) ORDER BY id LIMIT ?6");
    if (err < 0)
        return err;
    if (f->state && *f->state)
        sqlite3_bind_text(q, 1, f->state, -1, SQLITE_STATIC);
    if (f->region && *f->region)
        sqlite3_bind_text(q, 2, f->region, -1, SQLITE_STATIC);
    if (f->kind && *f->kind)
        sqlite3_bind_text(q, 3, f->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, f->overdue_only != 0);
    sqlite3_bind_int(q, 5, f->today);
    sqlite3_bind_int64(q, 6, f->limit ? (sqlite3_int64)f->limit : -1);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        netra_case c;
        read_case(&c, q);
        if ((err = fn(&c, payload)) < 0)
            break;
    }
    if (err == 0 && rc != SQLITE_DONE)
        err = nt_store_err(st, "listing cases");
    sqlite3_finalize(q);
    return err;
}

int netra_store_case_field(char *buf, size_t size, netra_store *st, int64_t id, const char *name)
{
    NT_ASSERT_ARG(buf != NULL && size > 0 && st != NULL && name != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT json_extract(fields, '$.\"' || ? || '\"') "
                               "FROM cases WHERE id = ?");
    if (err < 0)
        return err;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, id);
    if (sqlite3_step(q) == SQLITE_ROW)
        copy(buf, size, sqlite3_column_text(q, 0));
    else
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    sqlite3_finalize(q);
    return err;
}

int netra_store_case_clocks(netra_store *st, int64_t id,
                            int (*fn)(const netra_case_clock *c, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT k.clock, k.started, k.deadline, k.extended, "
                               "k.running, k.stopped, c.regime FROM clocks k JOIN "
                               "cases c ON c.id = k.case_id WHERE k.case_id = ? "
                               "ORDER BY k.id");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        netra_case_clock k;
        memset(&k, 0, sizeof k);
        copy(k.clock, sizeof k.clock, sqlite3_column_text(q, 0));
        k.started = (netra_date)sqlite3_column_int(q, 1);
        k.deadline = (netra_date)sqlite3_column_int(q, 2);
        k.extended = sqlite3_column_int(q, 3);
        k.running = sqlite3_column_int(q, 4);
        k.stopped = (netra_date)sqlite3_column_int(q, 5);
        const netra_clock_rule *r =
            netra_workflow_clock(st->wf, k.clock, (const char *)sqlite3_column_text(q, 6));
        snprintf(k.basis, sizeof k.basis, "%s", r ? r->basis : "");
        if ((err = fn(&k, payload)) < 0)
            break;
    }
    if (err == 0 && rc != SQLITE_DONE)
        err = nt_store_err(st, "reading clocks");
    sqlite3_finalize(q);
    return err;
}

int netra_store_case_timeline(netra_store *st, int64_t id,
                              int (*fn)(const netra_case_event *e, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT seq, at, actor, action, before, after FROM "
                               "audit WHERE entity = 'case' AND entity_id = ? "
                               "ORDER BY seq");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        netra_case_event e = {sqlite3_column_int64(q, 0),
                              (const char *)sqlite3_column_text(q, 1),
                              (const char *)sqlite3_column_text(q, 2),
                              (const char *)sqlite3_column_text(q, 3),
                              (const char *)sqlite3_column_text(q, 4),
                              (const char *)sqlite3_column_text(q, 5)};
        if ((err = fn(&e, payload)) < 0)
            break;
    }
    if (err == 0 && rc != SQLITE_DONE)
        err = nt_store_err(st, "reading the timeline");
    sqlite3_finalize(q);
    return err;
}

int netra_store_reporter_get(char *identity, size_t identity_size, char *contact,
                             size_t contact_size, netra_store *st, int64_t case_id,
                             const char *role)
{
    NT_ASSERT_ARG(st != NULL && role != NULL);
    const netra_role *r = netra_workflow_role(st->wf, role);
    if (r == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown role '%s'", role);
    if (!r->reporter_access)
        return nt_error_set(NETRA_EPERM, "role '%s' may not see the reporter's identity", role);
    if (!st->has_key)
        return nt_error_set(NETRA_EPERM, "reporter identities need the key");
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT identity, contact FROM reporters WHERE "
                               "case_id = ? ORDER BY id LIMIT 1");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, case_id);
    if (sqlite3_step(q) == SQLITE_ROW) {
        err = decrypt_from(st, identity, identity_size, q, 0);
        if (err == 0)
            err = decrypt_from(st, contact, contact_size, q, 1);
    } else {
        err = nt_error_set(NETRA_ENOTFOUND, "case %lld has no reporter", (long long)case_id);
    }
    sqlite3_finalize(q);
    return err;
}

int netra_store_reporter_get_audited(char *identity, size_t identity_size, char *contact,
                                     size_t contact_size, netra_store *st, int64_t case_id,
                                     const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && actor != NULL && actor->name != NULL && actor->role != NULL);
    const netra_role *r = netra_workflow_role(st->wf, actor->role);
    if (r == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown role '%s'", actor->role);
    if (!r->reporter_access)
        return nt_error_set(NETRA_EPERM, "role '%s' may not see the reporter's identity",
                            actor->role);
    if (!st->has_key)
        return nt_error_set(NETRA_EPERM, "reporter identities need the key");
    /* The record first, committed: no identity leaves the store without its audit entry. */
    int err = begin(st);
    if (err < 0)
        return err;
    sqlite3_stmt *q;
    int64_t reporter = 0;
    if ((err = nt_store_prepare(st, &q,
                                "SELECT id FROM reporters WHERE case_id = ? ORDER BY id "
                                "LIMIT 1")) == 0) {
        sqlite3_bind_int64(q, 1, case_id);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
            reporter = sqlite3_column_int64(q, 0);
        else if (rc == SQLITE_DONE)
            err = nt_error_set(NETRA_ENOTFOUND, "case %lld has no reporter", (long long)case_id);
        else
            err = nt_store_err(st, "reading a reporter");
        sqlite3_finalize(q);
    }
    if (err == 0) {
        nt_buf b;
        nt_buf_init(&b, 1024);
        err = nt_buf_addf(&b, "{\"reporter\":%lld,\"role\":", (long long)reporter);
        if (err == 0)
            err = nt_json_str(&b, actor->role);
        if (err == 0)
            err = nt_buf_addc(&b, '}');
        if (err == 0)
            err = nt_store_audit(st, actor, "baca_pelapor", "case", case_id, "{}", nt_buf_cstr(&b));
        nt_buf_free(&b);
    }
    if ((err = finish(st, err)) < 0)
        return err;
    if ((err = nt_store_prepare(st, &q, "SELECT identity, contact FROM reporters WHERE id = ?")) <
        0)
        return err;
    sqlite3_bind_int64(q, 1, reporter);
    if (sqlite3_step(q) == SQLITE_ROW) {
        err = decrypt_from(st, identity, identity_size, q, 0);
        if (err == 0)
            err = decrypt_from(st, contact, contact_size, q, 1);
    } else {
        err = nt_store_err(st, "reading a reporter");
    }
    sqlite3_finalize(q);
    if (err < 0 && identity != NULL && identity_size > 0)
        sodium_memzero(identity, identity_size);
    return err;
}

/* ---- ASN, acts, evidence ------------------------------------------------------------------ */

static const char *nz(const char *s)
{
    return s ? s : "";
}

int netra_store_case_add_asn(int64_t *asn_id_out, netra_store *st, int64_t case_id,
                             const netra_asn *a, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && a != NULL && actor != NULL && a->nip != NULL && a->name != NULL);
    /* The accused is a civil servant: a plausible NIP (PNS) or NI PPPK (netra/ident.h). */
    netra_id_options io = NETRA_ID_OPTIONS_INIT;
    netra_id_info info;
    int err = netra_id_check(&info, a->nip, strlen(a->nip), &io);
    if (err < 0 || (info.kind != NETRA_ID_NIP && info.kind != NETRA_ID_NIPPPK)) {
        if (err == 0)
            nt_error_set(NETRA_EINVAL, "'%s' is a NIK, not a NIP or NI PPPK", a->nip);
        return nt_error_prefix("accused ASN: NIP");
    }
    netra_asn checked = *a;
    checked.nip = info.digits;
    if (checked.employee_type == NULL || *checked.employee_type == '\0')
        checked.employee_type = info.kind == NETRA_ID_NIP ? "pns" : "pppk";
    a = &checked;
    err = begin(st);
    if (err < 0)
        return err;
    sqlite3_stmt *q;
    if ((err = nt_store_prepare(st, &q,
                                "INSERT INTO asn(nip, name, employee_type, agency, "
                                "position_class, region, ppk, accounts) VALUES "
                                "(?,?,?,?,?,?,?,?) ON CONFLICT(nip) DO UPDATE SET "
                                "name = excluded.name, employee_type = excluded.employee_type, "
                                "agency = excluded.agency, position_class = "
                                "excluded.position_class, region = excluded.region, ppk = "
                                "excluded.ppk, accounts = excluded.accounts")) == 0) {
        const char *v[] = {a->nip,    a->name, a->employee_type, a->agency, a->position_class,
                           a->region, a->ppk,  a->accounts};
        for (int i = 0; i < 8; i++)
            sqlite3_bind_text(q, i + 1, nz(v[i]), -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "storing an ASN");
        sqlite3_finalize(q);
    }
    int64_t asn_id = 0;
    if (err == 0 && (err = nt_store_prepare(st, &q, "SELECT id FROM asn WHERE nip = ?")) == 0) {
        sqlite3_bind_text(q, 1, a->nip, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW)
            asn_id = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    if (err == 0 && (err = nt_store_prepare(st, &q,
                                            "INSERT OR IGNORE INTO case_asn(case_id, "
                                            "asn_id) VALUES (?, ?)")) == 0) {
        sqlite3_bind_int64(q, 1, case_id);
        sqlite3_bind_int64(q, 2, asn_id);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "linking an ASN");
        sqlite3_finalize(q);
    }
    nt_buf after;
    nt_buf_init(&after, 1 << 16);
    if (err == 0) {
        err = nt_buf_addf(&after, "{\"case\":%lld,\"nip\":", (long long)case_id);
        if (err == 0)
            err = nt_json_str(&after, a->nip);
        if (err == 0)
            err = nt_buf_adds(&after, ",\"name\":");
        if (err == 0)
            err = nt_json_str(&after, a->name);
        if (err == 0)
            err = nt_buf_addc(&after, '}');
    }
    if (err == 0)
        err = nt_store_audit(st, actor, "tambah_terlapor", "case", case_id, "null",
                             nt_buf_cstr(&after));
    nt_buf_free(&after);
    err = finish(st, err);
    if (err == 0 && asn_id_out != NULL)
        *asn_id_out = asn_id;
    return err;
}

int netra_store_asn_case_count(int *out, netra_store *st, const char *nip)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && nip != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT count(*) FROM case_asn ca JOIN asn a ON "
                               "a.id = ca.asn_id WHERE a.nip = ?");
    if (err < 0)
        return err;
    sqlite3_bind_text(q, 1, nip, -1, SQLITE_STATIC);
    *out = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    return NETRA_OK;
}

int netra_store_case_add_act(int64_t *act_id_out, netra_store *st, int64_t case_id,
                             const netra_case_act *a, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && a != NULL && actor != NULL && a->type != NULL);
    netra_case_act act = *a;
    int err;
    if (st->law != NULL && a->election != NULL && *a->election != '\0' &&
        (a->stage == NULL || a->form == NULL)) {
        netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
        in.act = a->type;
        in.date = a->date;
        in.election = a->election;
        netra_classification cls;
        if ((err = netra_law_classify(&cls, st->law, &in)) < 0)
            return nt_error_prefix("act '%s'", a->type);
        if (act.form == NULL && cls.form != NULL)
            act.form = cls.form->id;
        if (act.stage == NULL)
            act.stage = cls.phase != NULL ? cls.phase->id : "pasca_pemilihan";
    }
    a = &act;
    if ((err = begin(st)) < 0)
        return err;
    sqlite3_stmt *q;
    if ((err = nt_store_prepare(st, &q,
                                "INSERT INTO acts(case_id, type, date, region, "
                                "platform, url, contestant, election, stage, form) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?)")) == 0) {
        sqlite3_bind_int64(q, 1, case_id);
        sqlite3_bind_text(q, 2, a->type, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 3, a->date);
        const char *v[] = {a->region,   a->platform, a->url, a->contestant,
                           a->election, a->stage,    a->form};
        for (int i = 0; i < 7; i++)
            sqlite3_bind_text(q, i + 4, nz(v[i]), -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "storing an act");
        sqlite3_finalize(q);
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    nt_buf after;
    nt_buf_init(&after, 1 << 16);
    if (err == 0) {
        char d[NETRA_DATE_STRLEN];
        err = nt_buf_addf(&after, "{\"case\":%lld,\"type\":", (long long)case_id);
        if (err == 0)
            err = nt_json_str(&after, a->type);
        if (err == 0)
            err = nt_buf_addf(&after, ",\"date\":\"%s\",\"form\":", netra_date_format(a->date, d));
        if (err == 0)
            err = nt_json_str(&after, nz(a->form));
        if (err == 0)
            err = nt_buf_addc(&after, '}');
    }
    if (err == 0)
        err = nt_store_audit(st, actor, "tambah_perbuatan", "case", case_id, "null",
                             nt_buf_cstr(&after));
    nt_buf_free(&after);
    err = finish(st, err);
    if (err == 0 && act_id_out != NULL)
        *act_id_out = id;
    return err;
}

static void utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int custody(netra_store *st, int64_t evidence_id, const char *action, const char *note,
                   const netra_actor *actor)
{
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "INSERT INTO custody(evidence_id, at, actor, action, "
                               "note) VALUES (?,?,?,?,?)");
    if (err < 0)
        return err;
    char at[32];
    utc_now(at);
    sqlite3_bind_int64(q, 1, evidence_id);
    sqlite3_bind_text(q, 2, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, actor->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, nz(note), -1, SQLITE_STATIC);
    if (sqlite3_step(q) != SQLITE_DONE)
        err = nt_store_err(st, "custody entry");
    sqlite3_finalize(q);
    if (err == 0) {
        nt_buf after;
        nt_buf_init(&after, 1 << 16);
        err = nt_buf_adds(&after, "{\"action\":");
        if (err == 0)
            err = nt_json_str(&after, action);
        if (err == 0)
            err = nt_buf_adds(&after, ",\"note\":");
        if (err == 0)
            err = nt_json_str(&after, nz(note));
        if (err == 0)
            err = nt_buf_addc(&after, '}');
        if (err == 0)
            err = nt_store_audit(st, actor, "custody", "evidence", evidence_id, "null",
                                 nt_buf_cstr(&after));
        nt_buf_free(&after);
    }
    return err;
}

int netra_store_evidence_add(int64_t *evidence_id_out, char sha256_hex[65], netra_store *st,
                             int64_t case_id, const char *kind, const char *media_type,
                             const void *content, size_t len, const char *url,
                             const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && kind != NULL && actor != NULL && (content != NULL || len == 0));
    char sum[65];
    nt_sha256_hex(sum, content ? content : "", len);
    int err = begin(st);
    if (err < 0)
        return err;
    sqlite3_stmt *q;
    if ((err = nt_store_prepare(st, &q,
                                "INSERT OR IGNORE INTO blobs(sha256, size, content) "
                                "VALUES (?,?,?)")) == 0) {
        sqlite3_bind_text(q, 1, sum, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)len);
        sqlite3_bind_blob(q, 3, content ? content : "", (int)len, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "storing content");
        sqlite3_finalize(q);
    }
    char at[32];
    utc_now(at);
    if (err == 0 && (err = nt_store_prepare(st, &q,
                                            "INSERT INTO evidence(case_id, sha256, kind, "
                                            "media_type, url, captured_at, captured_by) VALUES "
                                            "(?,?,?,?,?,?,?)")) == 0) {
        sqlite3_bind_int64(q, 1, case_id);
        sqlite3_bind_text(q, 2, sum, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, nz(media_type), -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, nz(url), -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, at, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 7, actor->name, -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            err = nt_store_err(st, "storing evidence");
        sqlite3_finalize(q);
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (err == 0)
        err = custody(st, id, "captured", sum, actor);
    if (err == 0) {
        nt_buf after;
        nt_buf_init(&after, 1 << 16);
        err = nt_buf_addf(&after, "{\"evidence\":%lld,\"sha256\":\"%s\",\"size\":%zu,\"kind\":",
                          (long long)id, sum, len);
        if (err == 0)
            err = nt_json_str(&after, kind);
        if (err == 0)
            err = nt_buf_addc(&after, '}');
        if (err == 0)
            err = nt_store_audit(st, actor, "tambah_bukti", "case", case_id, "null",
                                 nt_buf_cstr(&after));
        nt_buf_free(&after);
    }
    err = finish(st, err);
    if (err == 0) {
        if (evidence_id_out)
            *evidence_id_out = id;
        if (sha256_hex)
            memcpy(sha256_hex, sum, 65);
    }
    return err;
}

int netra_store_evidence_custody(netra_store *st, int64_t evidence_id, const char *action,
                                 const char *note, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && action != NULL && actor != NULL);
    int err = begin(st);
    if (err < 0)
        return err;
    return finish(st, custody(st, evidence_id, action, note, actor));
}

int netra_store_case_acts(netra_store *st, int64_t case_id,
                          int (*fn)(const netra_case_act_row *a, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT id, type, date, region, platform, url, election, "
                               "stage, form FROM acts WHERE case_id = ? ORDER BY date, id");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        netra_case_act_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(q, 0);
        copy(r.type, sizeof r.type, sqlite3_column_text(q, 1));
        r.date = (netra_date)sqlite3_column_int(q, 2);
        copy(r.region, sizeof r.region, sqlite3_column_text(q, 3));
        copy(r.platform, sizeof r.platform, sqlite3_column_text(q, 4));
        copy(r.url, sizeof r.url, sqlite3_column_text(q, 5));
        copy(r.election, sizeof r.election, sqlite3_column_text(q, 6));
        copy(r.stage, sizeof r.stage, sqlite3_column_text(q, 7));
        copy(r.form, sizeof r.form, sqlite3_column_text(q, 8));
        if ((err = fn(&r, payload)) < 0)
            break;
    }
    if (err == 0 && rc != SQLITE_DONE)
        err = nt_store_err(st, "reading acts");
    sqlite3_finalize(q);
    return err;
}

int netra_store_case_asns(netra_store *st, int64_t case_id,
                          int (*fn)(const netra_case_asn_row *a, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q,
                               "SELECT a.nip, a.name, a.agency, a.position_class, a.ppk, "
                               "(SELECT count(*) FROM case_asn x WHERE x.asn_id = a.id) "
                               "FROM case_asn ca JOIN asn a ON a.id = ca.asn_id "
                               "WHERE ca.case_id = ? ORDER BY a.nip");
    if (err < 0)
        return err;
    sqlite3_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        netra_case_asn_row r;
        memset(&r, 0, sizeof r);
        copy(r.nip, sizeof r.nip, sqlite3_column_text(q, 0));
        copy(r.name, sizeof r.name, sqlite3_column_text(q, 1));
        copy(r.agency, sizeof r.agency, sqlite3_column_text(q, 2));
        copy(r.position, sizeof r.position, sqlite3_column_text(q, 3));
        copy(r.ppk, sizeof r.ppk, sqlite3_column_text(q, 4));
        r.n_cases = sqlite3_column_int(q, 5);
        if ((err = fn(&r, payload)) < 0)
            break;
    }
    if (err == 0 && rc != SQLITE_DONE)
        err = nt_store_err(st, "reading the accused");
    sqlite3_finalize(q);
    return err;
}

int netra_store_blob_count(int64_t *out, netra_store *st)
{
    NT_ASSERT_ARG(out != NULL && st != NULL);
    sqlite3_stmt *q;
    int err = nt_store_prepare(st, &q, "SELECT count(*) FROM blobs");
    if (err < 0)
        return err;
    *out = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return NETRA_OK;
}
