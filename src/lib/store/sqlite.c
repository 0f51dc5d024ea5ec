/*
 * sqlite.c - the front of the case store, the same for every backend (the file keeps its
 * historical name): opening a location, cases and their actions through the workflow,
 * clocks, reporters encrypted with libsodium's crypto_secretbox, the accused ASN, acts and
 * content-addressed evidence. SQL goes through the statement layer (db.h); where the
 * dialects differ (JSON functions) both forms are here side by side.
 *
 * Every change runs in one write transaction (SQLite BEGIN IMMEDIATE; PostgreSQL with the
 * store's advisory transaction lock) that also appends its audit entry (audit.c), so a
 * change and its record are never separated.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "netra/ident.h"
#include "store/store_int.h"

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
    if ((err = nt_db_open(&st->db, location)) < 0)
        goto fail;
    nt_db_set_before_commit(st->db, nt_store_audit_before_commit, st);
    if ((err = nt_store_migrate(st)) < 0 || (err = nt_store_dup_backfill(st)) < 0)
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
    nt_db_close(st->db);
    if (st->own_coi)
        netra_coi_free(st->coi);
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
    return st->in_txn ? nt_db_savepoint(st->db, "nt_step") : nt_db_begin(st->db, NT_DB_WRITE);
}

static int finish(netra_store *st, int err)
{
    if (err < 0) {
        if (st->in_txn)
            nt_db_savepoint_rollback(st->db, "nt_step");
        else
            nt_db_rollback(st->db);
        return err;
    }
    return st->in_txn ? nt_db_savepoint_release(st->db, "nt_step") : nt_db_commit(st->db);
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

static int encrypt_into(netra_store *st, nt_stmt *q, int col, const char *text)
{
    if (text == NULL)
        return nt_db_bind_null(q, col);
    size_t len = strlen(text);
    size_t total = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *box = nt_malloc(total);
    if (box == NULL)
        return NETRA_ENOMEM;
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, len, box,
                          st->key.bytes);
    int err = nt_db_bind_blob(q, col, box, total);
    nt_free(box);
    return err;
}

static int decrypt_from(netra_store *st, char *out, size_t size, nt_stmt *q, int col)
{
    if (out == NULL || size == 0)
        return NETRA_OK;
    out[0] = '\0';
    if (nt_db_col_is_null(q, col))
        return NETRA_OK;
    const unsigned char *box = nt_db_col_blob(q, col);
    size_t len = nt_db_col_bytes(q, col);
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

/* A case as JSON for the audit record (PostgreSQL's expression; SQLite's is in case_json). */
#define CASE_JSON_PG                                                                               \
    "json_build_object('version', version, 'kind', kind, 'state', state, 'holder', holder, "       \
    "'region', region, 'title', title, 'updated', updated, 'fields', fields::json)::text"

/* A case as JSON for the audit record. */
static int case_json(nt_buf *b, netra_store *st, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            nt_db_dialect_of(st->db) == NT_DB_PG
                                ? "SELECT " CASE_JSON_PG " FROM cases WHERE id = ?"
                                : "SELECT json_object('version', version, 'kind', kind, "
                                  "'state', state, 'holder', holder, 'region', region, "
                                  "'title', title, 'updated', updated, "
                                  "'fields', json(fields)) FROM cases "
                                  "WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a case");
    if (rc == NT_DB_ROW)
        err = nt_buf_adds(b, nt_db_col_text(q, 0));
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

/* Starts, stops and extends the clocks a transition names. */
static int apply_clocks(netra_store *st, int64_t id, const char *regime, const netra_transition *t,
                        netra_date today)
{
    nt_stmt *q;
    int err = NETRA_OK;
    if (t->clock_stop != NULL) {
        if ((err = nt_db_prepare(st->db, &q,
                                 "UPDATE clocks SET running = 0, stopped = ? "
                                 "WHERE case_id = ? AND clock = ? AND running = 1")) < 0)
            return err;
        nt_db_bind_int64(q, 1, today);
        nt_db_bind_int64(q, 2, id);
        nt_db_bind_text(q, 3, t->clock_stop);
        err = nt_db_queue(q, "stopping a clock");
        nt_db_finalize(q);
        if (err < 0)
            return err;
    }
    if (t->clock_extend != NULL) {
        if ((err = nt_db_prepare(st->db, &q,
                                 "SELECT id, started, extended FROM clocks WHERE "
                                 "case_id = ? AND clock = ? AND running = 1")) < 0)
            return err;
        nt_db_bind_int64(q, 1, id);
        nt_db_bind_text(q, 2, t->clock_extend);
        int64_t cid = 0;
        netra_date started = 0;
        int extended = 0;
        int rc = nt_db_step(q, "reading a clock");
        if (rc == NT_DB_ROW) {
            cid = nt_db_col_int64(q, 0);
            started = (netra_date)nt_db_col_int(q, 1);
            extended = nt_db_col_int(q, 2);
        }
        nt_db_finalize(q);
        if (rc < 0)
            return rc;
        if (cid == 0)
            return nt_error_set(NETRA_ESTATE, "clock '%s' is not running", t->clock_extend);
        if (extended)
            return nt_error_set(NETRA_ESTATE, "clock '%s' was already extended", t->clock_extend);
        netra_date deadline;
        if ((err = netra_clock_deadline(&deadline, st->wf, st->cal, t->clock_extend, regime,
                                        started, 1)) < 0)
            return err;
        if ((err = nt_db_prepare(st->db, &q,
                                 "UPDATE clocks SET extended = 1, deadline = ? "
                                 "WHERE id = ?")) < 0)
            return err;
        nt_db_bind_int64(q, 1, deadline);
        nt_db_bind_int64(q, 2, cid);
        err = nt_db_queue(q, "extending a clock");
        nt_db_finalize(q);
        if (err < 0)
            return err;
    }
    if (t->clock_start != NULL && netra_workflow_clock(st->wf, t->clock_start, regime) != NULL) {
        netra_date deadline;
        if ((err = netra_clock_deadline(&deadline, st->wf, st->cal, t->clock_start, regime, today,
                                        0)) < 0)
            return err;
        if ((err = nt_db_prepare(st->db, &q,
                                 "INSERT INTO clocks(case_id, clock, started, "
                                 "deadline) VALUES (?, ?, ?, ?)")) < 0)
            return err;
        nt_db_bind_int64(q, 1, id);
        nt_db_bind_text(q, 2, t->clock_start);
        nt_db_bind_int64(q, 3, today);
        nt_db_bind_int64(q, 4, deadline);
        err = nt_db_queue(q, "starting a clock");
        nt_db_finalize(q);
    }
    if (err == 0 && (t->clock_start != NULL || t->clock_stop != NULL || t->clock_extend != NULL))
        err = nt_store_case_due(st, id);
    return err;
}

int nt_store_case_due(netra_store *st, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "UPDATE cases SET due = coalesce((SELECT min(k.deadline) FROM "
                            "clocks k WHERE k.case_id = ?1 AND k.running = 1), 2147483647) "
                            "WHERE id = ?1");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    err = nt_db_queue(q, "updating a case's next deadline");
    nt_db_finalize(q);
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
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "INSERT INTO reporters(case_id, identity, contact, "
                            "eligibility, represented) VALUES (?, ?, ?, ?, ?)");
    if (err < 0)
        return err;
    const char *elig = field_value(fields, "kelayakan");
    const char *kuasa = field_value(fields, "surat_kuasa");
    nt_db_bind_int64(q, 1, id);
    if ((err = encrypt_into(st, q, 2, who)) == 0 &&
        (err = encrypt_into(st, q, 3, field_value(fields, NETRA_FIELD_CONTACT))) == 0) {
        nt_db_bind_text(q, 4, elig ? elig : "");
        nt_db_bind_int64(q, 5, kuasa != NULL && *kuasa != '\0');
        err = nt_db_queue(q, "storing a reporter");
    }
    nt_db_finalize(q);
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
    nt_stmt *q;
    int64_t id = 0;
    /* On PostgreSQL the audit record of the new case comes back with its id (one round trip
     * less than case_json's SELECT; what follows changes none of its columns). */
    int pg = nt_db_dialect_of(st->db) == NT_DB_PG;
    if ((err = nt_db_prepare(st->db, &q,
                             pg ? "INSERT INTO cases(kind, regime, election, state, "
                                  "region, holder, title, fields, opened, updated, demo) "
                                  "VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id, " CASE_JSON_PG
                                : "INSERT INTO cases(kind, regime, election, state, "
                                  "region, holder, title, fields, opened, updated, demo) "
                                  "VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) == 0) {
        nt_db_bind_text(q, 1, t->kind);
        nt_db_bind_text(q, 2, c->regime);
        nt_db_bind_text(q, 3, c->election ? c->election : "");
        nt_db_bind_text(q, 4, t->to);
        nt_db_bind_text(q, 5, c->region ? c->region : "");
        nt_db_bind_text(q, 6, holder_after(actor->role, NULL));
        nt_db_bind_text(q, 7, c->title);
        nt_db_bind_text(q, 8, nt_buf_cstr(&json));
        nt_db_bind_int64(q, 9, actor->today);
        nt_db_bind_int64(q, 10, actor->today);
        nt_db_bind_int64(q, 11, c->demo != 0);
        int rc = nt_db_step(q, "inserting a case");
        if (rc == NT_DB_ROW) {
            id = nt_db_col_int64(q, 0);
            if (pg)
                err = nt_buf_adds(&after, nt_db_col_text(q, 1));
            if (err == 0)
                err = nt_db_run(q, "inserting a case");
        } else {
            err = rc < 0 ? rc : nt_error_set(NETRA_ESTORAGE, "inserting a case: no id returned");
        }
        nt_db_finalize(q);
    }
    if (err == 0)
        err = add_reporter(st, id, fields);
    if (err == 0 && field_value(fields, "uraian") != NULL)
        err = nt_store_index_text(st, id, field_value(fields, "uraian"));
    if (err == 0)
        err = apply_clocks(st, id, c->regime, t, actor->today);
    if (err == 0 && !pg)
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
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " NT_STORE_CASE_COLS " FROM cases WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a case");
    if (rc == NT_DB_ROW)
        nt_store_read_case(out, q);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

/* Whether the PPK takes the next decision in `state`: a transition out of it is the ppk
 * role's (transitions.tsv), as in menunggu_ppk. */
static int ppk_decides(const netra_workflow *wf, const char *state, const char *regime)
{
    for (size_t i = 0; i < netra_workflow_n_transitions(wf); i++) {
        const netra_transition *t = netra_workflow_transition_at(wf, i);
        if (t->from != NULL && strcmp(t->from, state) == 0 &&
            (strcmp(t->regime, "any") == 0 || strcmp(t->regime, regime) == 0) &&
            netra_workflow_role_may(wf, t, "ppk"))
            return 1;
    }
    return 0;
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
    if ((err = nt_store_merge_check(st, id)) < 0)
        return err;
    if (strcmp(action, "gabungkan") == 0 || strcmp(action, "pisahkan") == 0)
        return nt_error_set(NETRA_EINVAL,
                            "action '%s' moves rows between two cases: use netra case merge "
                            "or unmerge (netra_store_case_merge/unmerge)",
                            action);
    if (c.version != version)
        return nt_error_set(NETRA_ECONFLICT,
                            "case %lld changed: you read version %lld, it is now %lld; "
                            "read it again",
                            (long long)id, (long long)version, (long long)c.version);
    const netra_transition *t;
    if ((err = step(&t, st, c.state, action, actor->role, c.regime, fields)) < 0)
        return err;
    /* A step that puts the decision before the PPK names who decides: the accused's PPK, or
     * when that PPK is a contestant or incumbent of the case's election, the office that
     * takes its place (conflict.c). */
    netra_case_field routed[48];
    char to_office[32], to_region[16];
    int conflicted = 0;
    if (ppk_decides(st->wf, t->to, c.regime)) {
        if ((err = nt_store_case_addressee(to_office, to_region, &conflicted, st, id)) < 0)
            return err;
        size_t n = 0;
        for (size_t i = 0; fields != NULL && fields[i].name != NULL; i++) {
            if (n + 4 >= sizeof routed / sizeof *routed)
                return nt_error_set(NETRA_ETOOBIG, "more than %zu fields", n);
            routed[n++] = fields[i];
        }
        if (to_office[0] != '\0') {
            routed[n++] = (netra_case_field){"ditujukan_kepada", to_office};
            routed[n++] = (netra_case_field){"wilayah_tujuan", to_region};
        }
        routed[n++] = (netra_case_field){"konflik_kepentingan", conflicted ? "ya" : "tidak"};
        routed[n] = (netra_case_field){NULL, NULL};
        fields = routed;
    }
    nt_buf json, before, after;
    nt_buf_init(&json, 1 << 20);
    nt_buf_init(&before, 1 << 20);
    nt_buf_init(&after, 1 << 20);
    if ((err = fields_json(&json, fields)) < 0)
        goto out;
    if ((err = begin(st)) < 0)
        goto out;
    err = case_json(&before, st, id);
    nt_stmt *q;
    /* The version check is in the UPDATE itself: a concurrent writer that got there first
     * leaves no row to change, on either backend. */
    if (err == 0 &&
        (err = nt_db_prepare(st->db, &q,
                             nt_db_dialect_of(st->db) == NT_DB_PG
                                 ? "UPDATE cases SET version = version + 1, state = ?, "
                                   "kind = coalesce(?, kind), holder = ?, "
                                   "fields = (fields::jsonb || ?::jsonb)::text, updated = ? "
                                   "WHERE id = ? AND version = ?"
                                 : "UPDATE cases SET version = version + 1, state = ?, "
                                   "kind = coalesce(?, kind), holder = ?, "
                                   "fields = json_patch(fields, ?), updated = ? "
                                   "WHERE id = ? AND version = ?")) == 0) {
        nt_db_bind_text(q, 1, t->to);
        if (t->kind != NULL)
            nt_db_bind_text(q, 2, t->kind);
        else
            nt_db_bind_null(q, 2);
        nt_db_bind_text(q, 3, holder_after(actor->role, c.holder));
        nt_db_bind_text(q, 4, nt_buf_cstr(&json));
        nt_db_bind_int64(q, 5, actor->today);
        nt_db_bind_int64(q, 6, id);
        nt_db_bind_int64(q, 7, version);
        err = nt_db_run(q, "updating a case");
        if (err == 0 && nt_db_changes(q) != 1)
            err =
                nt_error_set(NETRA_ECONFLICT, "case %lld changed since version %lld; read it again",
                             (long long)id, (long long)version);
        nt_db_finalize(q);
    }
    if (err == 0)
        err = add_reporter(st, id, fields);
    if (err == 0 && field_value(fields, "uraian") != NULL)
        err = nt_store_index_text(st, id, field_value(fields, "uraian"));
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

/*
 * The list's SQL for the filters given (only the predicates in use, so each combination is
 * its own cached statement and can use an index). Plans, for SQLite:
 *   LIST_PROBE  counts up to LIST_SPARSE matching cases through the indexes;
 *   LIST_SPARSE few match: read them through an index, sort those by id (`ORDER BY +id`);
 *   LIST_DENSE  many match: walk the cases in id order and stop after the page (the `+`
 *               keeps the planner off the filters' indexes, which would sort every match).
 * A region prefix is a range on `region` (indexable) besides the LIKE that defines it.
 * PostgreSQL plans from its statistics, which assume the filters independent: `state =
 * 'informasi_awal' AND due < today` is estimated at thousands of rows when none can match
 * (such cases run no clock), and walking the primary key for them read the whole table. So
 * a filter on state and/or overdue alone probes too, its probe ordered like the filter's
 * index so that it reads at most LIST_SPARSE_MAX index entries. A region filter stays a
 * plain LIKE there (a range on text would follow the database's collation, not the codes'
 * bytes, and a LIKE is not an index condition outside the C collation, so a sparse read
 * by region would visit every row of the state): plain form.
 */
enum { LIST_PROBE, LIST_SPARSE, LIST_DENSE, LIST_PLAIN };
#define LIST_SPARSE_MAX 2000

static int list_sql(nt_buf *b, const netra_case_filter *f, int plan, int pg, int *n_params)
{
    const char *u = plan == LIST_DENSE ? "+" : "";
    int n = 0, err = nt_buf_adds(b, plan == LIST_PROBE ? "SELECT count(*) FROM (SELECT 1"
                                                       : "SELECT " NT_STORE_CASE_COLS);
    err = err ? err : nt_buf_adds(b, " FROM cases WHERE 1 = 1");
    if (err == 0 && f->state && *f->state) {
        err = nt_buf_addf(b, " AND %sstate = ?", u);
        n++;
    }
    if (err == 0 && f->region && *f->region && (plan == LIST_PLAIN || pg)) {
        err = nt_buf_adds(b, " AND region LIKE ? || '%'");
        n++;
    } else if (err == 0 && f->region && *f->region) {
        err = nt_buf_addf(b, " AND %sregion >= ? AND %sregion < ? AND region LIKE ? || '%%'", u, u);
        n += 3;
    }
    if (err == 0 && f->kind && *f->kind) {
        err = nt_buf_adds(b, " AND kind = ?");
        n++;
    }
    if (err == 0 && f->overdue_only) {
        err = nt_buf_addf(b, " AND %sdue < ?", u);
        n++;
    }
    if (err == 0 && plan != LIST_PROBE) {
        err = nt_buf_addf(b, " AND id > ? ORDER BY %sid LIMIT ?", plan == LIST_SPARSE ? "+" : "");
        n += 2;
    }
    if (err == 0 && plan == LIST_PROBE && pg) {
        /* An order the filters' index gives, so PostgreSQL reads that index and stops. */
        const char *order = f->state && *f->state && f->overdue_only ? "state, due"
                            : f->state && *f->state                  ? "state"
                                                                     : "due";
        err = nt_buf_addf(b, " ORDER BY %s", order);
    }
    if (err == 0 && plan == LIST_PROBE)
        err = nt_buf_addf(b, " LIMIT %d) p", LIST_SPARSE_MAX);
    *n_params = n;
    return err;
}

static void list_bind(nt_stmt *q, const netra_case_filter *f, const char *region_end)
{
    int i = 1;
    if (f->state && *f->state)
        nt_db_bind_text(q, i++, f->state);
    if (f->region && *f->region && region_end == NULL) {
        nt_db_bind_text(q, i++, f->region);
    } else if (f->region && *f->region) {
        nt_db_bind_text(q, i++, f->region);
        nt_db_bind_text(q, i++, region_end);
        nt_db_bind_text(q, i++, f->region);
    }
    if (f->kind && *f->kind)
        nt_db_bind_text(q, i++, f->kind);
    if (f->overdue_only)
        nt_db_bind_int64(q, i++, f->today);
}

int netra_store_case_list(netra_store *st, const netra_case_filter *f,
                          int (*fn)(const netra_case *c, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    netra_case_filter none = {0};
    if (f == NULL)
        f = &none;
    /* The end of the region prefix's range: the prefix with its last byte raised. */
    char region_end[40] = "";
    if (f->region && *f->region) {
        size_t len = strlen(f->region);
        if (len >= sizeof region_end)
            return nt_error_set(NETRA_EINVAL, "region '%.40s...': longer than a region code",
                                f->region);
        memcpy(region_end, f->region, len + 1);
        if ((unsigned char)region_end[len - 1] == 0xff)
            return nt_error_set(NETRA_EINVAL, "region: not a region code");
        region_end[len - 1]++;
    }
    int pg = nt_db_dialect_of(st->db) == NT_DB_PG, plan = pg ? LIST_PLAIN : LIST_DENSE, np, err;
    nt_buf sql;
    nt_buf_init(&sql, 4096);
    nt_stmt *q;
    int filtered = (f->state && *f->state) || (f->region && *f->region) || f->overdue_only;
    if (pg && f->region && *f->region)
        filtered = 0;
    if (filtered) {
        if ((err = list_sql(&sql, f, LIST_PROBE, pg, &np)) < 0 ||
            (err = nt_db_prepare(st->db, &q, nt_buf_cstr(&sql))) < 0) {
            nt_buf_free(&sql);
            return err;
        }
        nt_db_plan_each_run(q); /* see below */
        list_bind(q, f, pg ? NULL : region_end);
        int rc = nt_db_step(q, "listing cases");
        if (rc == NT_DB_ROW && nt_db_col_int64(q, 0) < LIST_SPARSE_MAX)
            plan = LIST_SPARSE;
        nt_db_finalize(q);
        if (rc < 0) {
            nt_buf_free(&sql);
            return rc;
        }
        nt_buf_reset(&sql);
    }
    /* Pages of LIST_PAGE cases by id (keyset), so the rows in memory stay bounded on a
     * backend that fetches a statement's result whole (PostgreSQL), even for an export of
     * every case. */
    enum { LIST_PAGE = 1000 };
    err = list_sql(&sql, f, plan, pg, &np);
    if (err == 0)
        err = nt_db_prepare(st->db, &q, nt_buf_cstr(&sql));
    nt_buf_free(&sql);
    if (err < 0)
        return err;
    /* Planned for each run's values on PostgreSQL: prepared once, after five runs its
     * generic plan of the sparse form (`state = $1 AND due < $2 ... ORDER BY +id`) walked the
     * whole table by id (637 ms at 1,000,000 cases, against 9 ms planned for the values).
     * Only these statements: planning every statement of a connection for its values (what
     * the store did before, `plan_cache_mode = force_custom_plan`) made the case page and
     * the writes pay for it too (bench_store, fresh schemas, three runs each, medians: case
     * page p50 0.60 ms against 0.27, writes 201 cases/s against 265; the list the same,
     * 0.37 ms). */
    nt_db_plan_each_run(q);
    uint64_t left = f->limit ? (uint64_t)f->limit : UINT64_MAX;
    int64_t after = INT64_MIN;
    for (;;) {
        int64_t page = left < LIST_PAGE ? (int64_t)left : LIST_PAGE, got = 0;
        nt_db_reset(q);
        list_bind(q, f, pg ? NULL : region_end);
        nt_db_bind_int64(q, np - 1, after);
        nt_db_bind_int64(q, np, page);
        int rc;
        while ((rc = nt_db_step(q, "listing cases")) == NT_DB_ROW) {
            netra_case c;
            nt_store_read_case(&c, q);
            after = c.id;
            got++;
            if ((err = fn(&c, payload)) < 0)
                break;
        }
        if (err == 0 && rc < 0)
            err = rc;
        left -= (uint64_t)got;
        if (err < 0 || got < page || left == 0)
            break;
    }
    nt_db_finalize(q);
    return err;
}

int netra_store_case_field(char *buf, size_t size, netra_store *st, int64_t id, const char *name)
{
    NT_ASSERT_ARG(buf != NULL && size > 0 && st != NULL && name != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            nt_db_dialect_of(st->db) == NT_DB_PG
                                ? "SELECT fields::jsonb ->> ? FROM cases WHERE id = ?"
                                : "SELECT json_extract(fields, '$.\"' || ? || '\"') "
                                  "FROM cases WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, name);
    nt_db_bind_int64(q, 2, id);
    int rc = nt_db_step(q, "reading a field");
    if (rc == NT_DB_ROW)
        nt_store_text(buf, size, q, 0);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

typedef struct clock_each {
    const netra_store *st;
    int (*fn)(const netra_case_clock *c, void *payload);
    void *payload;
} clock_each;

static int each_clock(nt_stmt *q, void *payload)
{
    clock_each *x = payload;
    netra_case_clock k;
    memset(&k, 0, sizeof k);
    nt_store_text(k.clock, sizeof k.clock, q, 0);
    k.started = (netra_date)nt_db_col_int(q, 1);
    k.deadline = (netra_date)nt_db_col_int(q, 2);
    k.extended = nt_db_col_int(q, 3);
    k.running = nt_db_col_int(q, 4);
    k.stopped = (netra_date)nt_db_col_int(q, 5);
    const netra_clock_rule *r = netra_workflow_clock(x->st->wf, k.clock, nt_db_col_text(q, 6));
    snprintf(k.basis, sizeof k.basis, "%s", r ? r->basis : "");
    return x->fn(&k, x->payload);
}

int netra_store_case_clocks(netra_store *st, int64_t id,
                            int (*fn)(const netra_case_clock *c, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    clock_each x = {st, fn, payload};
    return nt_store_each(st,
                         "SELECT k.clock, k.started, k.deadline, k.extended, k.running, "
                         "k.stopped, c.regime FROM clocks k JOIN cases c ON c.id = k.case_id "
                         "WHERE k.case_id = ? ORDER BY k.id",
                         &id, 1, "reading clocks", each_clock, &x);
}

int netra_store_case_timeline(netra_store *st, int64_t id,
                              int (*fn)(const netra_case_event *e, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    /* Two branches, each on the audit_entity index: an OR of the case and its merged cases
     * would read every case entry of the chain. */
    int err = nt_db_prepare(st->db, &q,
                            "SELECT seq, at, actor, action, before, after, entity_id FROM "
                            "audit WHERE entity = 'case' AND entity_id = ?1 UNION ALL "
                            "SELECT seq, at, actor, action, before, after, entity_id FROM "
                            "audit WHERE entity = 'case' AND entity_id IN (SELECT source FROM "
                            "merges WHERE target = ?1 AND undone_at IS NULL) ORDER BY 1");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc;
    while ((rc = nt_db_step(q, "reading the timeline")) == NT_DB_ROW) {
        netra_case_event e = {nt_db_col_int64(q, 0), nt_db_col_text(q, 1), nt_db_col_text(q, 2),
                              nt_db_col_text(q, 3),  nt_db_col_text(q, 4), nt_db_col_text(q, 5),
                              nt_db_col_int64(q, 6)};
        if ((err = fn(&e, payload)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
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
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT identity, contact FROM reporters WHERE "
                            "case_id = ? ORDER BY id LIMIT 1");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc = nt_db_step(q, "reading a reporter");
    if (rc == NT_DB_ROW) {
        err = decrypt_from(st, identity, identity_size, q, 0);
        if (err == 0)
            err = decrypt_from(st, contact, contact_size, q, 1);
    } else if (rc == NT_DB_DONE) {
        err = nt_error_set(NETRA_ENOTFOUND, "case %lld has no reporter", (long long)case_id);
    } else {
        err = rc;
    }
    nt_db_finalize(q);
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
    nt_stmt *q;
    int64_t reporter = 0;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT id FROM reporters WHERE case_id = ? ORDER BY id "
                             "LIMIT 1")) == 0) {
        nt_db_bind_int64(q, 1, case_id);
        int rc = nt_db_step(q, "reading a reporter");
        if (rc == NT_DB_ROW)
            reporter = nt_db_col_int64(q, 0);
        else if (rc == NT_DB_DONE)
            err = nt_error_set(NETRA_ENOTFOUND, "case %lld has no reporter", (long long)case_id);
        else
            err = rc;
        nt_db_finalize(q);
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
    if ((err = nt_db_prepare(st->db, &q, "SELECT identity, contact FROM reporters WHERE id = ?")) <
        0)
        return err;
    nt_db_bind_int64(q, 1, reporter);
    int rc = nt_db_step(q, "reading a reporter");
    if (rc == NT_DB_ROW) {
        err = decrypt_from(st, identity, identity_size, q, 0);
        if (err == 0)
            err = decrypt_from(st, contact, contact_size, q, 1);
    } else {
        err = rc < 0
                  ? rc
                  : nt_error_set(NETRA_ENOTFOUND, "case %lld has no reporter", (long long)case_id);
    }
    nt_db_finalize(q);
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
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
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
            nt_db_bind_text(q, i + 1, nz(v[i]));
        err = nt_db_run(q, "storing an ASN");
        nt_db_finalize(q);
    }
    int64_t asn_id = 0;
    if (err == 0 && (err = nt_db_prepare(st->db, &q, "SELECT id FROM asn WHERE nip = ?")) == 0) {
        nt_db_bind_text(q, 1, a->nip);
        int rc = nt_db_step(q, "reading an ASN");
        if (rc == NT_DB_ROW)
            asn_id = nt_db_col_int64(q, 0);
        else if (rc < 0)
            err = rc;
        nt_db_finalize(q);
    }
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "INSERT INTO case_asn(case_id, asn_id) "
                                         "VALUES (?, ?) ON CONFLICT DO NOTHING")) == 0) {
        nt_db_bind_int64(q, 1, case_id);
        nt_db_bind_int64(q, 2, asn_id);
        err = nt_db_run(q, "linking an ASN");
        nt_db_finalize(q);
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
    if (err == 0)
        err = nt_store_conflict_update(st, case_id, actor);
    err = finish(st, err);
    if (err == 0 && asn_id_out != NULL)
        *asn_id_out = asn_id;
    return err;
}

int netra_store_asn_case_count(int *out, netra_store *st, const char *nip)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && nip != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT count(*) FROM case_asn ca JOIN asn a ON "
                            "a.id = ca.asn_id WHERE a.nip = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, nip);
    int rc = nt_db_step(q, "counting cases");
    *out = rc == NT_DB_ROW ? nt_db_col_int(q, 0) : 0;
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
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
    nt_stmt *q;
    int64_t id = 0;
    if ((err = nt_db_prepare(st->db, &q,
                             "INSERT INTO acts(case_id, type, date, region, "
                             "platform, url, contestant, election, stage, form) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id")) == 0) {
        nt_db_bind_int64(q, 1, case_id);
        nt_db_bind_text(q, 2, a->type);
        nt_db_bind_int64(q, 3, a->date);
        const char *v[] = {a->region,   a->platform, a->url, a->contestant,
                           a->election, a->stage,    a->form};
        for (int i = 0; i < 7; i++)
            nt_db_bind_text(q, i + 4, nz(v[i]));
        err = nt_db_run_id(q, &id, "storing an act");
        nt_db_finalize(q);
    }
    if (err == 0)
        err = nt_store_index_url(st, id, a->url);
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
    /* An act may bring another election into the case: its conflict is computed again. */
    if (err == 0 && a->election != NULL && *a->election != '\0')
        err = nt_store_conflict_update(st, case_id, actor);
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
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "INSERT INTO custody(evidence_id, at, actor, action, "
                            "note) VALUES (?,?,?,?,?)");
    if (err < 0)
        return err;
    char at[32];
    utc_now(at);
    nt_db_bind_int64(q, 1, evidence_id);
    nt_db_bind_text(q, 2, at);
    nt_db_bind_text(q, 3, actor->name);
    nt_db_bind_text(q, 4, action);
    nt_db_bind_text(q, 5, nz(note));
    err = nt_db_run(q, "custody entry");
    nt_db_finalize(q);
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
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "INSERT INTO blobs(sha256, size, content) "
                             "VALUES (?,?,?) ON CONFLICT DO NOTHING")) == 0) {
        nt_db_bind_text(q, 1, sum);
        nt_db_bind_int64(q, 2, (int64_t)len);
        nt_db_bind_blob(q, 3, content, len);
        err = nt_db_run(q, "storing content");
        nt_db_finalize(q);
    }
    char at[32];
    utc_now(at);
    int64_t id = 0;
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "INSERT INTO evidence(case_id, sha256, kind, "
                                         "media_type, url, captured_at, captured_by) VALUES "
                                         "(?,?,?,?,?,?,?) RETURNING id")) == 0) {
        nt_db_bind_int64(q, 1, case_id);
        nt_db_bind_text(q, 2, sum);
        nt_db_bind_text(q, 3, kind);
        nt_db_bind_text(q, 4, nz(media_type));
        nt_db_bind_text(q, 5, nz(url));
        nt_db_bind_text(q, 6, at);
        nt_db_bind_text(q, 7, actor->name);
        err = nt_db_run_id(q, &id, "storing evidence");
        nt_db_finalize(q);
    }
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

typedef struct act_each {
    int (*fn)(const netra_case_act_row *a, void *payload);
    void *payload;
} act_each;

static int each_act(nt_stmt *q, void *payload)
{
    act_each *x = payload;
    netra_case_act_row r;
    nt_store_read_act(&r, q, 0);
    return x->fn(&r, x->payload);
}

int netra_store_case_acts(netra_store *st, int64_t case_id,
                          int (*fn)(const netra_case_act_row *a, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    act_each x = {fn, payload};
    return nt_store_each(st,
                         "SELECT " NT_STORE_ACT_COLS " FROM acts WHERE case_id = ? "
                         "ORDER BY date, id",
                         &case_id, 1, "reading acts", each_act, &x);
}

typedef struct asn_each {
    int (*fn)(const netra_case_asn_row *a, void *payload);
    void *payload;
} asn_each;

static int each_asn(nt_stmt *q, void *payload)
{
    asn_each *x = payload;
    netra_case_asn_row r;
    memset(&r, 0, sizeof r);
    nt_store_text(r.nip, sizeof r.nip, q, 0);
    nt_store_text(r.name, sizeof r.name, q, 1);
    nt_store_text(r.agency, sizeof r.agency, q, 2);
    nt_store_text(r.position, sizeof r.position, q, 3);
    nt_store_text(r.ppk, sizeof r.ppk, q, 4);
    r.n_cases = nt_db_col_int(q, 5);
    return x->fn(&r, x->payload);
}

int netra_store_case_asns(netra_store *st, int64_t case_id,
                          int (*fn)(const netra_case_asn_row *a, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    asn_each x = {fn, payload};
    return nt_store_each(st,
                         "SELECT a.nip, a.name, a.agency, a.position_class, a.ppk, "
                         "(SELECT count(*) FROM case_asn x WHERE x.asn_id = a.id) "
                         "FROM case_asn ca JOIN asn a ON a.id = ca.asn_id "
                         "WHERE ca.case_id = ? ORDER BY a.nip",
                         &case_id, 1, "reading the accused", each_asn, &x);
}

int netra_store_blob_count(int64_t *out, netra_store *st)
{
    NT_ASSERT_ARG(out != NULL && st != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT count(*) FROM blobs");
    if (err < 0)
        return err;
    int rc = nt_db_step(q, "counting contents");
    *out = rc == NT_DB_ROW ? nt_db_col_int64(q, 0) : 0;
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}
