/*
 * queue.c - the review queue of detector verdicts: entries keyed by (item id, election),
 * claims with a lease on a caller-given clock, and the decisions (confirm into a temuan with
 * the item as evidence, dismiss with a reason of data/review/reasons.tsv, second look), each
 * in one transaction with its audit entry. Design: docs/internals/public.md.
 */
#include <string.h>

#include <jansson.h>

#include "netra/intake.h"
#include "netra/queue.h"
#include "store/public_int.h"

#define REASONS_MAX_ROWS 200

/* ---- JSON helpers ------------------------------------------------------------------------- */

static const char *jstr(json_t *obj, const char *key)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int parse_obj(json_t **out, const char *what, const char *text, size_t len)
{
    if (len > NETRA_QUEUE_JSON_MAX)
        return nt_error_set(NETRA_ETOOBIG, "%s: %zu bytes, the limit is %u", what, len,
                            NETRA_QUEUE_JSON_MAX);
    json_error_t je;
    *out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (*out == NULL)
        return nt_error_set(NETRA_EINVAL, "%s: byte %d: %s", what, je.position, je.text);
    if (!json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        return nt_error_set(NETRA_EINVAL, "%s: not a JSON object", what);
    }
    return NETRA_OK;
}

static int reviewer_ok(netra_store *st, const netra_actor *r)
{
    const netra_role *role = netra_workflow_role(st->wf, r->role);
    if (role == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown role '%s'", r->role);
    if (strcmp(role->group, "pengawas") != 0 && strcmp(role->group, "analis") != 0)
        return nt_error_set(NETRA_EPERM,
                            "role '%s' may not review detector verdicts: supervisors (pengawas) "
                            "and analysts may",
                            r->role);
    return NETRA_OK;
}

static int queue_audit(netra_store *st, const netra_actor *actor, const char *action, int64_t id,
                       const char *fmt_json)
{
    return nt_store_audit(st, actor, action, "queue", id, "null", fmt_json);
}

/* ---- add ---------------------------------------------------------------------------------- */

int netra_queue_add(netra_queue_added *what_out, int64_t *id_out, netra_store *st,
                    const char *item_json, size_t item_len, const char *verdict_json,
                    size_t verdict_len, const netra_queue_source *src, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && item_json != NULL && verdict_json != NULL && src != NULL &&
                  actor != NULL && actor->name != NULL);
    if (src->law_election == NULL || *src->law_election == '\0')
        return nt_error_set(NETRA_EINVAL, "the verdict's election in the law is required");
    if (src->regime == NULL ||
        (strcmp(src->regime, "pemilu") != 0 && strcmp(src->regime, "pilkada") != 0))
        return nt_error_set(NETRA_EINVAL, "regime: '%s' is not pemilu or pilkada",
                            src->regime ? src->regime : "");
    json_t *v = NULL, *it = NULL;
    char *item_text = NULL, *verdict_text = NULL;
    int err = parse_obj(&v, "verdict", verdict_json, verdict_len);
    if (err == 0)
        err = parse_obj(&it, "item", item_json, item_len);
    if (err < 0)
        goto out;
    if (json_object_get(v, "error") != NULL) {
        err = nt_error_set(NETRA_EINVAL, "verdict: an error line (the item could not be read)");
        goto out;
    }
    const char *id = jstr(v, "id");
    if (id == NULL || *id == '\0' || strlen(id) > 200) {
        err = nt_error_set(NETRA_EINVAL, "verdict: field 'id': missing or longer than 200 bytes");
        goto out;
    }
    const char *iid = jstr(it, "id");
    if (iid == NULL || strcmp(iid, id) != 0) {
        err = nt_error_set(NETRA_EINVAL, "item: field 'id': '%s' is not the verdict's '%s'",
                           iid ? iid : "", id);
        goto out;
    }
    json_t *flagged = json_object_get(v, "flagged");
    if (!json_is_boolean(flagged)) {
        err = nt_error_set(NETRA_EINVAL, "verdict: field 'flagged': missing or not true/false");
        goto out;
    }
    if (!json_is_true(flagged)) {
        if (what_out)
            *what_out = NETRA_QUEUE_NOT_FLAGGED;
        if (id_out)
            *id_out = 0;
        goto out;
    }
    json_t *viol = json_object_get(v, "violation");
    const char *election = jstr(viol, "election");
    if (election == NULL) {
        json_t *cs = json_object_get(v, "contestants");
        election = jstr(json_array_get(cs, 0), "election");
    }
    if (election == NULL || *election == '\0') {
        err = nt_error_set(NETRA_EINVAL, "verdict: field 'violation.election': missing");
        goto out;
    }
    const char *contestant = jstr(viol, "contestant"), *form = jstr(viol, "form");
    const char *level = jstr(viol, "level"), *act = jstr(viol, "act");
    json_t *score = json_object_get(json_object_get(v, "asn"), "score");
    double asn_score = json_is_number(score) ? json_number_value(score) : 0.0;
    char at[32];
    nt_pub_utc_now(at);
    item_text = nt_malloc(item_len + 1);
    verdict_text = nt_malloc(verdict_len + 1);
    if (item_text == NULL || verdict_text == NULL) {
        err = NETRA_ENOMEM;
        goto out;
    }
    memcpy(item_text, item_json, item_len);
    item_text[item_len] = '\0';
    memcpy(verdict_text, verdict_json, verdict_len);
    verdict_text[verdict_len] = '\0';
    if ((err = nt_pub_txn_begin(st)) < 0)
        goto out;
    nt_stmt *q;
    int inserted = 0;
    if ((err = nt_db_prepare(st->db, &q,
                             "INSERT INTO review_queue(item_id, election, law_election, "
                             "regime, contestant, form, level, act, asn_score, item, "
                             "verdict, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                             "ON CONFLICT(item_id, election) DO NOTHING")) == 0) {
        const char *t[] = {id,    election, src->law_election, src->regime, contestant, form,
                           level, act};
        for (int i = 0; i < 8; i++)
            nt_db_bind_text(q, i + 1, t[i] ? t[i] : "");
        nt_db_bind_int64(q, 9, (int64_t)(asn_score * 1000.0 + 0.5));
        nt_db_bind_text(q, 10, item_text);
        nt_db_bind_text(q, 11, verdict_text);
        nt_db_bind_text(q, 12, at);
        if ((err = nt_db_run(q, "queueing a verdict")) == 0)
            inserted = nt_db_changes(q) == 1;
        nt_db_finalize(q);
    }
    int64_t qid = 0;
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "SELECT id FROM review_queue WHERE item_id = ? AND "
                                         "election = ?")) == 0) {
        nt_db_bind_text(q, 1, id);
        nt_db_bind_text(q, 2, election);
        int rc = nt_db_step(q, "reading the queue");
        if (rc == NT_DB_ROW)
            qid = nt_db_col_int64(q, 0);
        else
            err = rc < 0 ? rc : nt_error_set(NETRA_ESTORAGE, "a queued verdict vanished");
        nt_db_finalize(q);
    }
    if (err == 0 && inserted) {
        nt_buf a;
        nt_buf_init(&a, 1 << 16);
        err = nt_buf_adds(&a, "{\"item\":");
        if (err == 0)
            err = nt_json_str(&a, id);
        if (err == 0)
            err = nt_buf_adds(&a, ",\"election\":");
        if (err == 0)
            err = nt_json_str(&a, election);
        if (err == 0)
            err = nt_buf_adds(&a, ",\"form\":");
        if (err == 0)
            err = nt_json_str(&a, form ? form : "");
        if (err == 0)
            err = nt_buf_addc(&a, '}');
        if (err == 0)
            err = queue_audit(st, actor, "antrian_tambah", qid, nt_buf_cstr(&a));
        nt_buf_free(&a);
    }
    if ((err = nt_pub_txn_end(st, err)) == 0) {
        if (what_out)
            *what_out = inserted ? NETRA_QUEUE_ADDED : NETRA_QUEUE_EXISTS;
        if (id_out)
            *id_out = qid;
    }
out:
    json_decref(v);
    json_decref(it);
    nt_free(item_text);
    nt_free(verdict_text);
    return err;
}

/* ---- list --------------------------------------------------------------------------------- */

#define ENTRY_COLS                                                                                 \
    "id, item_id, election, law_election, contestant, form, level, act, asn_score, state, "        \
    "claimed_by, lease_until, reason, coalesce(case_id, 0), item, verdict"

static int emit(nt_stmt *q, int64_t now, int (*fn)(const netra_queue_entry *e, void *payload),
                void *payload)
{
    netra_queue_entry e;
    e.id = nt_db_col_int64(q, 0);
    e.item_id = nt_db_col_text(q, 1);
    e.election = nt_db_col_text(q, 2);
    e.law_election = nt_db_col_text(q, 3);
    e.contestant = nt_db_col_text(q, 4);
    e.form = nt_db_col_text(q, 5);
    e.level = nt_db_col_text(q, 6);
    e.act = nt_db_col_text(q, 7);
    e.asn_score = (double)nt_db_col_int64(q, 8) / 1000.0;
    e.state = nt_db_col_text(q, 9);
    e.claimed_by = nt_db_col_text(q, 10);
    e.lease_until = nt_db_col_int64(q, 11);
    if (e.lease_until <= now || e.claimed_by == NULL || *e.claimed_by == '\0') {
        e.claimed_by = "";
        e.lease_until = 0;
    }
    e.reason = nt_db_col_text(q, 12);
    e.case_id = nt_db_col_int64(q, 13);
    e.item_json = nt_db_col_text(q, 14);
    e.verdict_json = nt_db_col_text(q, 15);
    return fn(&e, payload);
}

int netra_queue_list(int64_t *next_out, netra_store *st, const netra_queue_filter *f, int64_t now,
                     int (*fn)(const netra_queue_entry *e, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    netra_queue_filter none = {0};
    if (f == NULL)
        f = &none;
    size_t limit = f->limit == 0 ? 50 : f->limit;
    if (limit > 500)
        return nt_error_set(NETRA_EINVAL, "limit: %zu, at most 500 entries a page", limit);
    nt_stmt *q;
    int err = nt_db_prepare(
        st->db, &q,
        "SELECT " ENTRY_COLS " FROM review_queue WHERE id > ?1 AND "
        "(CAST(?2 AS TEXT) IS NULL OR election = ?2) AND (CAST(?3 AS TEXT) IS NULL OR "
        "form = ?3) AND "
        "(CAST(?4 AS TEXT) IS NULL OR state = ?4) ORDER BY id LIMIT ?5");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, f->after);
    if (f->election && *f->election)
        nt_db_bind_text(q, 2, f->election);
    if (f->form && *f->form)
        nt_db_bind_text(q, 3, f->form);
    if (f->state && *f->state)
        nt_db_bind_text(q, 4, f->state);
    nt_db_bind_int64(q, 5, (int64_t)limit + 1);
    size_t n = 0;
    int64_t last = 0, next = 0;
    int rc;
    while ((rc = nt_db_step(q, "listing the queue")) == NT_DB_ROW) {
        if (n == limit) { /* one more exists: the page ends at the last one shown */
            next = last;
            break;
        }
        last = nt_db_col_int64(q, 0);
        n++;
        if ((err = emit(q, now, fn, payload)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    if (err == 0 && next_out != NULL)
        *next_out = next;
    return err;
}

int netra_queue_get(netra_store *st, int64_t id, int64_t now,
                    int (*fn)(const netra_queue_entry *e, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " ENTRY_COLS " FROM review_queue WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading the queue");
    if (rc == NT_DB_ROW)
        err = emit(q, now, fn, payload);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no queue entry %lld", (long long)id);
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

/* ---- claims ------------------------------------------------------------------------------- */

typedef struct entry_row {
    char state[24];
    char claimed_by[96];
    int64_t lease_until;
} entry_row;

static int entry_read(entry_row *r, netra_store *st, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT state, claimed_by, lease_until FROM review_queue "
                            "WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading the queue");
    if (rc == NT_DB_ROW) {
        snprintf(r->state, sizeof r->state, "%s", nt_db_col_text(q, 0));
        snprintf(r->claimed_by, sizeof r->claimed_by, "%s", nt_db_col_text(q, 1));
        r->lease_until = nt_db_col_int64(q, 2);
    } else if (rc == NT_DB_DONE) {
        err = nt_error_set(NETRA_ENOTFOUND, "no queue entry %lld", (long long)id);
    } else {
        err = rc;
    }
    nt_db_finalize(q);
    return err;
}

/* The entry is open and nobody else holds a live lease on it. */
static int entry_open_for(const entry_row *r, int64_t id, const netra_actor *who, int64_t now)
{
    if (strcmp(r->state, NETRA_QUEUE_NEW) != 0 && strcmp(r->state, NETRA_QUEUE_SECOND) != 0)
        return nt_error_set(NETRA_ESTATE, "queue entry %lld is already decided (%s)", (long long)id,
                            r->state);
    if (r->claimed_by[0] != '\0' && r->lease_until > now && strcmp(r->claimed_by, who->name) != 0)
        return nt_error_set(NETRA_ECONFLICT,
                            "queue entry %lld is being reviewed by %s for %lld more seconds",
                            (long long)id, r->claimed_by, (long long)(r->lease_until - now));
    return NETRA_OK;
}

static int set_claim(netra_store *st, int64_t id, const char *who, int64_t until)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "UPDATE review_queue SET claimed_by = ?, lease_until = ? "
                            "WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, who);
    nt_db_bind_int64(q, 2, until);
    nt_db_bind_int64(q, 3, id);
    err = nt_db_run(q, "claiming a queue entry");
    nt_db_finalize(q);
    return err;
}

int netra_queue_claim(netra_store *st, int64_t id, const netra_actor *reviewer, int64_t now,
                      int lease_seconds)
{
    NT_ASSERT_ARG(st != NULL && reviewer != NULL && reviewer->name != NULL &&
                  reviewer->role != NULL);
    if (lease_seconds < 1 || lease_seconds > NETRA_QUEUE_LEASE_MAX)
        return nt_error_set(NETRA_EINVAL, "lease: %d seconds, allowed 1..%d", lease_seconds,
                            NETRA_QUEUE_LEASE_MAX);
    int err = reviewer_ok(st, reviewer);
    if (err < 0)
        return err;
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    entry_row r;
    if ((err = entry_read(&r, st, id)) == 0 && (err = entry_open_for(&r, id, reviewer, now)) == 0)
        err = set_claim(st, id, reviewer->name, now + lease_seconds);
    if (err == 0) {
        char a[96];
        snprintf(a, sizeof a, "{\"lease_seconds\":%d}", lease_seconds);
        err = queue_audit(st, reviewer, "antrian_klaim", id, a);
    }
    return nt_pub_txn_end(st, err);
}

int netra_queue_release(netra_store *st, int64_t id, const netra_actor *reviewer, int64_t now)
{
    NT_ASSERT_ARG(st != NULL && reviewer != NULL && reviewer->name != NULL);
    int err = nt_pub_txn_begin(st);
    if (err < 0)
        return err;
    entry_row r;
    if ((err = entry_read(&r, st, id)) == 0) {
        if (r.claimed_by[0] == '\0' || r.lease_until <= now)
            err = NETRA_OK; /* nothing held: releasing is a no-op */
        else if (strcmp(r.claimed_by, reviewer->name) != 0)
            err = nt_error_set(NETRA_EPERM, "queue entry %lld is held by %s, not by %s",
                               (long long)id, r.claimed_by, reviewer->name);
        else if ((err = set_claim(st, id, "", 0)) == 0)
            err = queue_audit(st, reviewer, "antrian_lepas", id, "{}");
    }
    return nt_pub_txn_end(st, err);
}

/* ---- decisions ---------------------------------------------------------------------------- */

static int decide(netra_store *st, int64_t id, const char *state, const char *reason,
                  const char *who, int64_t case_id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "UPDATE review_queue SET state = ?, reason = ?, decided_by = ?, "
                            "case_id = ?, claimed_by = '', lease_until = 0 WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, state);
    nt_db_bind_text(q, 2, reason ? reason : "");
    nt_db_bind_text(q, 3, who);
    if (case_id > 0)
        nt_db_bind_int64(q, 4, case_id);
    else
        nt_db_bind_null(q, 4);
    nt_db_bind_int64(q, 5, id);
    err = nt_db_run(q, "deciding a queue entry");
    nt_db_finalize(q);
    return err;
}

static int decision_audit(netra_store *st, const netra_actor *who, const char *action, int64_t id,
                          const char *key, const char *value)
{
    nt_buf a;
    nt_buf_init(&a, 1 << 16);
    int err = nt_buf_addf(&a, "{\"%s\":", key);
    if (err == 0)
        err = nt_json_str(&a, value ? value : "");
    if (err == 0)
        err = nt_buf_addc(&a, '}');
    if (err == 0)
        err = queue_audit(st, who, action, id, nt_buf_cstr(&a));
    nt_buf_free(&a);
    return err;
}

typedef struct reason_find {
    const char *want;
    int found;
} reason_find;

static int on_reason_find(const netra_queue_reason *r, void *payload)
{
    reason_find *f = payload;
    if (strcmp(r->reason, f->want) == 0)
        f->found = 1;
    return 0;
}

int netra_queue_reasons(const char *data_dir, int (*fn)(const netra_queue_reason *r, void *payload),
                        void *payload)
{
    NT_ASSERT_ARG(fn != NULL);
    nt_buf dir;
    nt_buf_init(&dir, 4096);
    int err = nt_buf_addf(&dir, "%s/review", data_dir ? data_dir : netra_data_dir());
    if (err < 0) {
        nt_buf_free(&dir);
        return err;
    }
    static const char *const cols[] = {"reason", "label_id", "label_en", NULL};
    nt_table tb;
    err = nt_table_open(&tb, nt_buf_cstr(&dir), "reasons.tsv", cols, REASONS_MAX_ROWS);
    nt_buf_free(&dir);
    if (err < 0)
        return err;
    int r;
    while ((r = nt_table_next(&tb)) > 0) {
        size_t len;
        const char *code = nt_tsv_get(&tb.t, "reason", &len);
        int ok = len > 0 && len < 40;
        for (size_t i = 0; ok && i < len; i++)
            ok = (code[i] >= 'a' && code[i] <= 'z') || code[i] == '_' ||
                 (code[i] >= '0' && code[i] <= '9');
        if (!ok) {
            r = nt_tsv_error(&tb.t, "reason", "not an identifier (a-z, 0-9, _; under 40)");
            break;
        }
        netra_queue_reason q = {code, nt_tsv_get(&tb.t, "label_id", NULL),
                                nt_tsv_get(&tb.t, "label_en", NULL)};
        if ((r = fn(&q, payload)) < 0)
            break;
    }
    nt_table_close(&tb);
    return r < 0 ? r : NETRA_OK;
}

int netra_queue_dismiss(netra_store *st, int64_t id, const char *reason, const char *note,
                        const char *data_dir, const netra_actor *reviewer, int64_t now)
{
    NT_ASSERT_ARG(st != NULL && reason != NULL && reviewer != NULL && reviewer->name != NULL);
    int err = reviewer_ok(st, reviewer);
    if (err < 0)
        return err;
    if ((err = nt_pub_check_text(note, "note", 2000, 0)) < 0)
        return err;
    reason_find f = {reason, 0};
    if ((err = netra_queue_reasons(data_dir, on_reason_find, &f)) < 0)
        return err;
    if (!f.found)
        return nt_error_set(NETRA_EINVAL, "reason: '%s' is not a reason of review/reasons.tsv",
                            reason);
    char text[2100];
    snprintf(text, sizeof text, "%s%s%s", reason, note && *note ? ": " : "", note ? note : "");
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    entry_row r;
    if ((err = entry_read(&r, st, id)) == 0 && (err = entry_open_for(&r, id, reviewer, now)) == 0 &&
        (err = decide(st, id, NETRA_QUEUE_DISMISSED, text, reviewer->name, 0)) == 0)
        err = decision_audit(st, reviewer, "antrian_tolak", id, "reason", text);
    return nt_pub_txn_end(st, err);
}

int netra_queue_second_look(netra_store *st, int64_t id, const char *note,
                            const netra_actor *reviewer, int64_t now)
{
    NT_ASSERT_ARG(st != NULL && reviewer != NULL && reviewer->name != NULL);
    int err = reviewer_ok(st, reviewer);
    if (err < 0)
        return err;
    if ((err = nt_pub_check_text(note, "note", 2000, 0)) < 0)
        return err;
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    entry_row r;
    if ((err = entry_read(&r, st, id)) == 0 && (err = entry_open_for(&r, id, reviewer, now)) == 0 &&
        (err = decide(st, id, NETRA_QUEUE_SECOND, note, "", 0)) == 0)
        err = decision_audit(st, reviewer, "antrian_tinjau_ulang", id, "note", note);
    return nt_pub_txn_end(st, err);
}

/* The temuan's fields from the item and the verdict. */
typedef struct confirm_ctx {
    char accused[600], when[40], where[600], what[NETRA_PUBLIC_TEXT_MAX + 1], found[16];
    char title[160], source[64];
    const char *platform, *url, *region, *act, *form, *contestant, *law_election, *regime;
    netra_date date;
} confirm_ctx;

int netra_queue_confirm_entry(int64_t *case_id_out, netra_store *st, int64_t id,
                              const netra_queue_confirm *c, const netra_actor *reviewer,
                              int64_t now)
{
    NT_ASSERT_ARG(case_id_out != NULL && st != NULL && reviewer != NULL && reviewer->name != NULL &&
                  reviewer->role != NULL);
    netra_queue_confirm none = {0};
    if (c == NULL)
        c = &none;
    int err = reviewer_ok(st, reviewer);
    if (err < 0)
        return err;
    if ((err = nt_pub_check_text(c->note, "note", 2000, 0)) < 0 ||
        (err = nt_pub_check_text(c->accused, "terlapor", NETRA_PUBLIC_FIELD_MAX, 0)) < 0)
        return err;
    confirm_ctx *x = nt_calloc(1, sizeof *x);
    if (x == NULL)
        return NETRA_ENOMEM;
    json_t *item = NULL, *verdict = NULL;
    char *item_text = NULL, *verdict_text = NULL;
    int64_t case_id = 0;
    if ((err = nt_pub_txn_begin(st)) < 0)
        goto out;
    entry_row r;
    if ((err = entry_read(&r, st, id)) < 0 || (err = entry_open_for(&r, id, reviewer, now)) < 0)
        goto done;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT item, verdict, law_election, regime FROM review_queue "
                             "WHERE id = ?")) < 0)
        goto done;
    nt_db_bind_int64(q, 1, id);
    char law_election[48] = "", regime[16] = "";
    if ((err = nt_db_step(q, "reading the queue")) == NT_DB_ROW) {
        err = 0;
        item_text = nt_strdup(nt_db_col_text(q, 0));
        verdict_text = nt_strdup(nt_db_col_text(q, 1));
        snprintf(law_election, sizeof law_election, "%s", nt_db_col_text(q, 2));
        snprintf(regime, sizeof regime, "%s", nt_db_col_text(q, 3));
    }
    nt_db_finalize(q);
    if (item_text == NULL || verdict_text == NULL) {
        err = NETRA_ENOMEM;
        goto done;
    }
    if ((err = parse_obj(&item, "item", item_text, strlen(item_text))) < 0 ||
        (err = parse_obj(&verdict, "verdict", verdict_text, strlen(verdict_text))) < 0)
        goto done;
    json_t *author = json_object_get(item, "author");
    const char *handle = jstr(author, "handle"), *name = jstr(author, "name");
    if (c->accused != NULL && *c->accused != '\0')
        snprintf(x->accused, sizeof x->accused, "%s", c->accused);
    else
        snprintf(x->accused, sizeof x->accused, "akun @%s%s%s%s", handle ? handle : "?",
                 name ? " (" : "", name ? name : "", name ? ")" : "");
    const char *date = jstr(verdict, "date");
    if (date == NULL)
        date = jstr(item, "created_at");
    if (date == NULL ||
        netra_date_parse(&x->date, date, strlen(date) < 10 ? strlen(date) : 10) < 0) {
        err = nt_error_set(NETRA_EINVAL, "verdict: field 'date': missing or not YYYY-MM-DD");
        goto done;
    }
    snprintf(x->when, sizeof x->when, "%.10s", date);
    x->platform = jstr(item, "platform");
    x->url = jstr(item, "url");
    snprintf(x->where, sizeof x->where, "media sosial %s%s%s", x->platform ? x->platform : "",
             x->url ? " " : "", x->url ? x->url : "");
    json_t *expl = json_object_get(verdict, "explanation");
    const char *why = jstr(expl, "id");
    snprintf(x->what, sizeof x->what, "%s%s%s", why ? why : "Putusan detektor Netra.",
             c->note && *c->note ? " Catatan peninjau: " : "", c->note ? c->note : "");
    netra_date_format(reviewer->today, x->found);
    json_t *viol = json_object_get(verdict, "violation");
    x->act = jstr(viol, "act");
    x->form = jstr(viol, "form");
    x->contestant = jstr(viol, "contestant");
    x->region = c->region && *c->region ? c->region : jstr(item, "region");
    snprintf(x->title, sizeof x->title, "Temuan dari antrean tinjauan: %s%s%s%s%s",
             handle ? "@" : "", handle ? handle : "item", x->form ? " (" : "",
             x->form ? x->form : "", x->form ? ")" : "");
    snprintf(x->source, sizeof x->source, "antrean_tinjauan:%lld", (long long)id);
    netra_case_field fields[] = {{"terlapor", x->accused},
                                 {"waktu_kejadian", x->when},
                                 {"tempat_kejadian", x->where},
                                 {"uraian", x->what},
                                 {"tanggal_ditemukan", x->found},
                                 {"sumber", x->source},
                                 {NULL, NULL}};
    netra_case_new cn = {"tetapkan_temuan", regime, law_election, x->region, x->title, 0};
    if ((err = netra_store_case_new(&case_id, st, &cn, fields, reviewer)) < 0)
        goto done;
    if (x->act != NULL) {
        netra_case_act act = {x->act,        x->date,      x->region, x->platform, x->url,
                              x->contestant, law_election, NULL,      x->form};
        if ((err = netra_store_case_add_act(NULL, st, case_id, &act, reviewer)) < 0)
            goto done;
    }
    if ((err = netra_store_evidence_add(NULL, NULL, st, case_id, "item_media_sosial",
                                        "application/json", item_text, strlen(item_text), x->url,
                                        reviewer)) < 0 ||
        (err = netra_store_evidence_add(NULL, NULL, st, case_id, "putusan_detektor",
                                        "application/json", verdict_text, strlen(verdict_text),
                                        NULL, reviewer)) < 0)
        goto done;
    if ((err = decide(st, id, NETRA_QUEUE_CONFIRMED, c->note, reviewer->name, case_id)) < 0)
        goto done;
    char a[64];
    snprintf(a, sizeof a, "{\"case\":%lld}", (long long)case_id);
    err = queue_audit(st, reviewer, "antrian_konfirmasi", id, a);
done:
    err = nt_pub_txn_end(st, err);
out:
    json_decref(item);
    json_decref(verdict);
    nt_free(item_text);
    nt_free(verdict_text);
    nt_free(x);
    if (err == 0)
        *case_id_out = case_id;
    return err;
}
