/*
 * h_queue.c - the review queue over HTTP (netra/queue.h): flagged detector verdicts listed
 * with filters and a cursor, one entry with its item and verdict (evidence spans as byte
 * offsets into the item's text), claims with a lease ("being reviewed by X until T" for
 * everyone else), release, confirm into a temuan, dismiss with a reason of
 * data/review/reasons.tsv, and a second look.
 *
 * Who may: the supervisors (the roles the workflow lets set a temuan) and the analysts, each
 * seeing the entries whose item's region (the verdict's "region") is in their office's region
 * (national offices: all), like cases. The library checks the rest (confirming needs a role
 * that may set a temuan).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server.h"
#include "netra/queue.h"

/* The principal may work the queue: a role the workflow grants tetapkan_temuan (in either
 * regime), or the analysts. -1 after replying 403. */
static int may_review(srv *s, srv_req *r)
{
    if (netra_principal_may_act(&r->me, s->wf, NULL, "pemilu", "tetapkan_temuan") == NETRA_OK ||
        netra_principal_may_act(&r->me, s->wf, NULL, "pilkada", "tetapkan_temuan") == NETRA_OK ||
        strcmp(r->me.role, "analis") == 0)
        return 0;
    srv_reply_error(r, 403, "forbidden", NULL, "antrean tinjauan hanya untuk pengawas dan analis",
                    "the review queue is for supervisors and analysts only");
    return -1;
}

static json_t *iso_time(int64_t t)
{
    if (t <= 0)
        return json_null();
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

typedef struct entry_ctx {
    json_t *out; /* array for lists, NULL for one entry */
    json_t *one;
    int full;
    const netra_principal *me; /* entries outside its region are left out */
} entry_ctx;

static json_t *entry_json(const netra_queue_entry *e, int full)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:s,s:s,s:I}", "id",
                          (json_int_t)e->id, "item_id", e->item_id, "election", e->election,
                          "law_election", e->law_election, "contestant", e->contestant, "form",
                          e->form, "level", e->level, "act", e->act, "asn_score", e->asn_score,
                          "state", e->state, "reason", e->reason, "case", (json_int_t)e->case_id);
    if (o == NULL)
        return NULL;
    if (e->claimed_by[0] != '\0') {
        json_t *until = iso_time(e->lease_until);
        char id[300], en[300];
        snprintf(id, sizeof id, "sedang ditinjau oleh %s sampai %s", e->claimed_by,
                 json_string_value(until) ? json_string_value(until) : "-");
        snprintf(en, sizeof en, "being reviewed by %s until %s", e->claimed_by,
                 json_string_value(until) ? json_string_value(until) : "-");
        json_object_set_new(o, "claim",
                            json_pack("{s:s,s:o,s:s,s:s}", "by", e->claimed_by, "until", until,
                                      "message", id, "message_en", en));
    } else {
        json_object_set_new(o, "claim", json_null());
    }
    json_error_t je;
    json_t *item = json_loads(e->item_json, 0, &je);
    json_t *verdict = json_loads(e->verdict_json, 0, &je);
    if (full) {
        json_object_set_new(o, "item", item ? item : json_null());
        json_object_set_new(o, "verdict", verdict ? verdict : json_null());
    } else {
        /* the list shows the text and the verdict's explanation, not the whole documents */
        json_t *text = item ? json_object_get(item, "text") : NULL;
        json_object_set(o, "text", json_is_string(text) ? text : json_null());
        json_t *ex = verdict ? json_object_get(verdict, "explanation") : NULL;
        json_object_set(o, "explanation", ex ? ex : json_null());
        json_decref(item);
        json_decref(verdict);
    }
    return o;
}

/* The region of an entry: the verdict's (the item's region), "" when it has none. */
static int entry_visible(const netra_queue_entry *e, const netra_principal *me)
{
    json_error_t je;
    json_t *v = json_loads(e->verdict_json, 0, &je);
    const char *region = v ? json_string_value(json_object_get(v, "region")) : NULL;
    int ok = netra_principal_may_see(me, region ? region : "", NULL);
    json_decref(v);
    return ok;
}

static int on_entry(const netra_queue_entry *e, void *payload)
{
    entry_ctx *c = payload;
    if (!entry_visible(e, c->me))
        return 0;
    json_t *o = entry_json(e, c->full);
    if (o == NULL)
        return NETRA_ENOMEM;
    if (c->out != NULL)
        json_array_append_new(c->out, o);
    else
        c->one = o;
    return 0;
}

static int entry_id(srv_req *r, int64_t *out)
{
    const char *ids = srv_p(r, "id");
    char *end = NULL;
    errno = 0;
    long long id = strtoll(ids ? ids : "", &end, 10);
    if (ids == NULL || errno != 0 || end == ids || *end != '\0' || id <= 0) {
        srv_reply_error(r, 400, "bad_id", "id", "nomor entri harus bilangan bulat positif",
                        "an entry number is a positive whole number");
        return -1;
    }
    *out = id;
    return 0;
}

void h_queue_list(srv *s, srv_req *r)
{
    if (may_review(s, r) < 0)
        return;
    netra_queue_filter f;
    memset(&f, 0, sizeof f);
    f.election = srv_q(r, "election");
    f.form = srv_q(r, "form");
    f.state = srv_q(r, "state");
    static const char *const states[] = {NETRA_QUEUE_NEW, NETRA_QUEUE_SECOND, NETRA_QUEUE_CONFIRMED,
                                         NETRA_QUEUE_DISMISSED, NULL};
    if (f.state != NULL) {
        int ok = 0;
        for (size_t i = 0; states[i]; i++)
            ok |= strcmp(f.state, states[i]) == 0;
        if (!ok) {
            srv_reply_error(r, 400, "bad_state", "state",
                            "'state' harus baru, tinjau_ulang, dikonfirmasi atau ditolak",
                            "'state' must be baru, tinjau_ulang, dikonfirmasi or ditolak");
            return;
        }
    }
    const char *lim = srv_q(r, "limit");
    if (lim != NULL) {
        char *end = NULL;
        errno = 0;
        long v = strtol(lim, &end, 10);
        if (errno != 0 || end == lim || *end != '\0' || v < 1 || v > 500) {
            srv_reply_error(r, 400, "bad_limit", "limit", "'limit' harus 1 sampai 500",
                            "'limit' must be 1 to 500");
            return;
        }
        f.limit = (size_t)v;
    }
    const char *cur = srv_q(r, "cursor");
    if (cur != NULL) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(cur, &end, 10);
        if (errno != 0 || end == cur || *end != '\0' || v < 0) {
            srv_reply_error(r, 400, "bad_cursor", "cursor",
                            "'cursor' harus next_cursor dari halaman sebelumnya",
                            "'cursor' must be the next_cursor of the previous page");
            return;
        }
        f.after = v;
    }
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    entry_ctx c = {json_array(), NULL, 0, &r->me};
    int64_t next = 0;
    int err = netra_queue_list(&next, st, &f, (int64_t)time(NULL), on_entry, &c);
    if (err < 0) {
        json_decref(c.out);
        srv_reply_netra(r, err, NULL);
        return;
    }
    json_t *out = json_pack("{s:o}", "entries", c.out);
    char nc[24];
    snprintf(nc, sizeof nc, "%lld", (long long)next);
    json_object_set_new(out, "next_cursor", next > 0 ? json_string(nc) : json_null());
    srv_reply_json(r, 200, out);
}

static int load_entry(srv *s, srv_req *r, netra_store **st_out, int64_t *id_out, json_t **out)
{
    if (may_review(s, r) < 0 || entry_id(r, id_out) < 0)
        return -1;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return -1;
    entry_ctx c = {NULL, NULL, 1, &r->me};
    int err = netra_queue_get(st, *id_out, (int64_t)time(NULL), on_entry, &c);
    if (err < 0 || c.one == NULL) {
        if (err == NETRA_ENOTFOUND || err == NETRA_OK)
            srv_reply_error(r, 404, "not_found", "id", "entri antrean tidak ditemukan",
                            "no such queue entry");
        else
            srv_reply_netra(r, err, NULL);
        json_decref(c.one);
        return -1;
    }
    *st_out = st;
    if (out != NULL)
        *out = c.one;
    else
        json_decref(c.one);
    return 0;
}

void h_queue_entry(srv *s, srv_req *r)
{
    netra_store *st;
    int64_t id;
    json_t *o;
    if (load_entry(s, r, &st, &id, &o) < 0)
        return;
    srv_reply_json(r, 200, o);
}

/* After a change: the entry as it is now (201/200). */
static void reply_entry(srv *s, srv_req *r, int status)
{
    netra_store *st;
    int64_t id;
    json_t *o;
    if (load_entry(s, r, &st, &id, &o) < 0)
        return;
    srv_reply_json(r, status, o);
}

static void reply_queue_err(srv_req *r, int err, const char *field)
{
    if (err == NETRA_ECONFLICT) {
        /* the library names who holds it and until when */
        char id[NETRA_ERROR_MSG_MAX + 64];
        snprintf(id, sizeof id, "entri sedang ditinjau orang lain: %s", netra_error_last()->msg);
        srv_reply_error(r, 409, "claimed", field, id, netra_error_last()->msg);
        return;
    }
    srv_reply_netra(r, err, field);
}

void h_queue_claim(srv *s, srv_req *r)
{
    static const char *const known[] = {"lease_seconds", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    int lease = NETRA_QUEUE_LEASE_DEFAULT;
    json_t *l = r->json ? json_object_get(r->json, "lease_seconds") : NULL;
    if (l != NULL) {
        if (!json_is_integer(l) || json_integer_value(l) < 1 ||
            json_integer_value(l) > NETRA_QUEUE_LEASE_MAX) {
            srv_reply_error(r, 422, "invalid", "lease_seconds",
                            "'lease_seconds' harus bilangan bulat 1 sampai 86400",
                            "'lease_seconds' must be a whole number from 1 to 86400");
            return;
        }
        lease = (int)json_integer_value(l);
    }
    netra_store *st;
    int64_t id;
    if (load_entry(s, r, &st, &id, NULL) < 0)
        return;
    netra_actor a = netra_principal_actor(&r->me, netra_date_today());
    int err = netra_queue_claim(st, id, &a, (int64_t)time(NULL), lease);
    if (err < 0) {
        reply_queue_err(r, err, NULL);
        return;
    }
    reply_entry(s, r, 200);
}

void h_queue_release(srv *s, srv_req *r)
{
    netra_store *st;
    int64_t id;
    if (load_entry(s, r, &st, &id, NULL) < 0)
        return;
    netra_actor a = netra_principal_actor(&r->me, netra_date_today());
    int err = netra_queue_release(st, id, &a, (int64_t)time(NULL));
    if (err < 0) {
        reply_queue_err(r, err, NULL);
        return;
    }
    reply_entry(s, r, 200);
}

void h_queue_confirm(srv *s, srv_req *r)
{
    static const char *const known[] = {"region", "accused", "note", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    netra_queue_confirm c = {srv_body_str(r, "region", 0), srv_body_str(r, "accused", 0),
                             srv_body_str(r, "note", 0)};
    if (r->resp != NULL)
        return;
    netra_store *st;
    int64_t id;
    if (load_entry(s, r, &st, &id, NULL) < 0)
        return;
    if (c.region != NULL && c.region[0] != '\0' &&
        !netra_principal_may_see(&r->me, c.region, NULL)) {
        srv_reply_error(r, 403, "forbidden", "region", "wilayah di luar wilayah kantor akun ini",
                        "the region is outside this account's office region");
        return;
    }
    netra_actor a = netra_principal_actor(&r->me, netra_date_today());
    int64_t case_id = 0;
    int err = netra_queue_confirm_entry(&case_id, st, id, &c, &a, (int64_t)time(NULL));
    if (err < 0) {
        reply_queue_err(r, err, NULL);
        return;
    }
    netra_store *st2;
    json_t *o;
    if (load_entry(s, r, &st2, &id, &o) < 0)
        return;
    json_object_set_new(o, "case", json_integer((json_int_t)case_id));
    srv_reply_json(r, 201, o);
}

void h_queue_dismiss(srv *s, srv_req *r)
{
    static const char *const known[] = {"reason", "note", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *reason = srv_body_str(r, "reason", 1);
    if (reason == NULL)
        return;
    const char *note = srv_body_str(r, "note", 0);
    if (r->resp != NULL)
        return;
    netra_store *st;
    int64_t id;
    if (load_entry(s, r, &st, &id, NULL) < 0)
        return;
    netra_actor a = netra_principal_actor(&r->me, netra_date_today());
    int err = netra_queue_dismiss(st, id, reason, note, NULL, &a, (int64_t)time(NULL));
    if (err < 0) {
        reply_queue_err(r, err, err == NETRA_EINVAL ? "reason" : NULL);
        return;
    }
    reply_entry(s, r, 200);
}

void h_queue_second(srv *s, srv_req *r)
{
    static const char *const known[] = {"note", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *note = srv_body_str(r, "note", 0);
    if (r->resp != NULL)
        return;
    netra_store *st;
    int64_t id;
    if (load_entry(s, r, &st, &id, NULL) < 0)
        return;
    netra_actor a = netra_principal_actor(&r->me, netra_date_today());
    int err = netra_queue_second_look(st, id, note, &a, (int64_t)time(NULL));
    if (err < 0) {
        reply_queue_err(r, err, NULL);
        return;
    }
    reply_entry(s, r, 200);
}

static int on_reason(const netra_queue_reason *q, void *payload)
{
    json_array_append_new(payload, json_pack("{s:s,s:s,s:s}", "reason", q->reason, "label",
                                             q->label_id, "label_en", q->label_en));
    return 0;
}

void h_queue_reasons(srv *s, srv_req *r)
{
    if (may_review(s, r) < 0)
        return;
    json_t *a = json_array();
    int err = netra_queue_reasons(NULL, on_reason, a);
    if (err < 0) {
        json_decref(a);
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "reasons", a));
}
