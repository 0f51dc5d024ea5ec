/*
 * h_public.c - the public side over HTTP: reports from citizens without an account, the
 * receipt (status, deadline, the examiner's questions, replies, completion, evidence), the
 * examiner's questions from the staff side, and the transparency counts.
 *
 * Every public route goes through a token bucket per client address ([public] in
 * netra.ini); failed receipt lookups draw on a second, slower bucket so receipt codes cannot
 * be guessed. The reporter's identity goes into the store encrypted and never into a
 * response or a log line; the receipt code is not logged either (the request log shows the
 * route's pattern for receipt paths).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server.h"

/* ---- rate limiting: token buckets per client address -------------------------------------- */

#define LIMIT_SLOTS 4096 /* client addresses tracked; the least recently seen is reused */

typedef struct bucket {
    char client[64];
    double tokens;      /* public requests left */
    double fail_tokens; /* failed receipt lookups left */
    double at;          /* monotonic seconds of the last refill */
} bucket;

static bucket *g_buckets; /* LIMIT_SLOTS, allocated on first use */
static pthread_mutex_t g_limit_mu = PTHREAD_MUTEX_INITIALIZER;

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

/* The bucket of a client address, refilled to now; NULL when no memory (then no limit
 * applies: the server keeps serving). Called with the lock held. */
static bucket *bucket_of(const srv *s, const char *client, double now)
{
    if (g_buckets == NULL) {
        g_buckets = calloc(LIMIT_SLOTS, sizeof *g_buckets);
        if (g_buckets == NULL)
            return NULL;
    }
    uint64_t h = fnv1a(client);
    bucket *oldest = NULL;
    for (unsigned k = 0; k < 8; k++) { /* a short probe; the stalest slot is reused */
        bucket *b = &g_buckets[(h + k) % LIMIT_SLOTS];
        if (strcmp(b->client, client) == 0) {
            double dt = now - b->at;
            b->tokens += dt * (double)s->cfg.public_rate / 60.0;
            if (b->tokens > (double)s->cfg.public_burst)
                b->tokens = (double)s->cfg.public_burst;
            b->fail_tokens += dt * (double)s->cfg.receipt_fail_rate / 3600.0;
            if (b->fail_tokens > (double)s->cfg.receipt_fail_burst)
                b->fail_tokens = (double)s->cfg.receipt_fail_burst;
            b->at = now;
            return b;
        }
        if (oldest == NULL ||
            (oldest->client[0] != '\0' && (b->client[0] == '\0' || b->at < oldest->at)))
            oldest = b;
    }
    snprintf(oldest->client, sizeof oldest->client, "%s", client);
    oldest->tokens = (double)s->cfg.public_burst;
    oldest->fail_tokens = (double)s->cfg.receipt_fail_burst;
    oldest->at = now;
    return oldest;
}

static void reply_429(srv_req *r, double wait, int guessing)
{
    char ra[24];
    long secs = (long)wait + 1;
    snprintf(ra, sizeof ra, "%ld", secs);
    char id[200], en[200];
    if (guessing) {
        snprintf(id, sizeof id,
                 "terlalu banyak kode tanda terima yang tidak dikenal dari alamat ini; coba lagi "
                 "dalam %ld detik",
                 secs);
        snprintf(en, sizeof en,
                 "too many unknown receipt codes from this address; try again in %ld seconds",
                 secs);
    } else {
        snprintf(id, sizeof id,
                 "terlalu banyak permintaan dari alamat ini; coba lagi dalam %ld "
                 "detik",
                 secs);
        snprintf(en, sizeof en, "too many requests from this address; try again in %ld seconds",
                 secs);
    }
    srv_reply_error(r, 429, guessing ? "receipt_guessing" : "rate_limited", NULL, id, en);
    srv_reply_header(r, "Retry-After", ra);
}

/* Takes one public request from the client's bucket; -1 after replying 429. A client that
 * exhausted its failed-lookup bucket is also refused on the receipt routes. */
static int limit_take(srv *s, srv_req *r, int receipt_route)
{
    double now = mono_now();
    pthread_mutex_lock(&g_limit_mu);
    bucket *b = bucket_of(s, r->client, now);
    double wait = 0;
    int guessing = 0;
    if (b != NULL) {
        if (receipt_route && b->fail_tokens < 1.0) {
            wait = (1.0 - b->fail_tokens) * 3600.0 / (double)s->cfg.receipt_fail_rate;
            guessing = 1;
        } else if (b->tokens < 1.0) {
            wait = (1.0 - b->tokens) * 60.0 / (double)s->cfg.public_rate;
        } else {
            b->tokens -= 1.0;
        }
    }
    int refused = b != NULL && (guessing || wait > 0);
    pthread_mutex_unlock(&g_limit_mu);
    if (refused) {
        reply_429(r, wait, guessing);
        return -1;
    }
    return 0;
}

/* Counts a failed receipt lookup (a code that is mistyped or that no case has). */
static void limit_fail(srv *s, srv_req *r)
{
    pthread_mutex_lock(&g_limit_mu);
    bucket *b = bucket_of(s, r->client, mono_now());
    if (b != NULL && b->fail_tokens >= 1.0)
        b->fail_tokens -= 1.0;
    pthread_mutex_unlock(&g_limit_mu);
}

void srv_public_limits_free(void)
{
    pthread_mutex_lock(&g_limit_mu);
    free(g_buckets);
    g_buckets = NULL;
    pthread_mutex_unlock(&g_limit_mu);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static json_t *jdate(netra_date d)
{
    if (d == 0)
        return json_null();
    char buf[NETRA_DATE_STRLEN];
    return json_string(netra_date_format(d, buf));
}

/* A receipt lookup: the code of the path, normalised; -1 after replying (and counting the
 * failure). The same 404 answers a mistyped code and a code no case has. */
static int receipt_code(srv *s, srv_req *r, char out[NETRA_RECEIPT_STRLEN])
{
    if (limit_take(s, r, 1) < 0)
        return -1;
    const char *typed = srv_p(r, "code");
    if (typed == NULL || netra_receipt_normalize(out, typed) != NETRA_OK) {
        limit_fail(s, r);
        srv_reply_error(r, 404, "receipt_unknown", "code",
                        "kode tanda terima tidak dikenal; periksa kembali penulisannya",
                        "unknown receipt code; check how it was typed");
        return -1;
    }
    return 0;
}

static void reply_receipt_err(srv *s, srv_req *r, int err, const char *field)
{
    if (err == NETRA_ENOTFOUND || err == NETRA_EINVAL) {
        if (err == NETRA_ENOTFOUND) {
            limit_fail(s, r);
            srv_reply_error(r, 404, "receipt_unknown", "code",
                            "kode tanda terima tidak dikenal; periksa kembali penulisannya",
                            "unknown receipt code; check how it was typed");
            return;
        }
    }
    srv_reply_netra(r, err, field);
}

/* ---- POST /api/v1/reports ----------------------------------------------------------------- */

void h_report_submit(srv *s, srv_req *r)
{
    if (limit_take(s, r, 0) < 0)
        return;
    static const char *const known[] = {"regime",      "election", "region",  "what",     "when",
                                        "where",       "known",    "accused", "reporter", "contact",
                                        "eligibility", "title",    NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    netra_public_report rep;
    memset(&rep, 0, sizeof rep);
    const char **dst[] = {&rep.regime,   &rep.election, &rep.region,      &rep.what,
                          &rep.when,     &rep.where,    &rep.known,       &rep.accused,
                          &rep.reporter, &rep.contact,  &rep.eligibility, &rep.title};
    for (size_t i = 0; known[i] != NULL; i++) {
        int required = strcmp(known[i], "regime") == 0 || strcmp(known[i], "what") == 0;
        *dst[i] = srv_body_str(r, known[i], required);
        if (*dst[i] == NULL && r->resp != NULL)
            return;
    }
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    netra_public_receipt rc;
    memset(&rc, 0, sizeof rc);
    int err = netra_public_submit(&rc, st, &rep, netra_date_today());
    if (err < 0) {
        /* the library names the field in its message; never echo the reporter back */
        srv_reply_netra(r, err, NULL);
        return;
    }
    netra_public_status ps;
    memset(&ps, 0, sizeof ps);
    json_t *out =
        json_pack("{s:s,s:s,s:s}", "receipt", rc.code, "kind", rc.kind, "missing", rc.missing);
    if (netra_public_status_get(&ps, st, rc.code, netra_date_today()) == NETRA_OK) {
        json_object_set_new(out, "state", json_string(ps.state));
        json_object_set_new(out, "status_text", json_string(ps.state_id));
        json_object_set_new(out, "status_text_en", json_string(ps.state_en));
        json_object_set_new(out, "deadline", jdate(ps.deadline));
    }
    srv_reply_json(r, 201, out);
    srv_reply_header(r, "Cache-Control", "no-store");
}

/* ---- GET /api/v1/receipts/{code} ---------------------------------------------------------- */

static int add_msg(const netra_public_message *m, void *payload)
{
    json_array_append_new(payload,
                          json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)m->id, "at", m->at,
                                    "sender", m->sender, "kind", m->kind, "body", m->body));
    return 0;
}

void h_receipt(srv *s, srv_req *r)
{
    char code[NETRA_RECEIPT_STRLEN];
    if (receipt_code(s, r, code) < 0)
        return;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    netra_date today = netra_date_today();
    const char *d = srv_q(r, "date");
    if (d != NULL && srv_date_arg(r, "date", d, &today) < 0)
        return;
    netra_public_status ps;
    memset(&ps, 0, sizeof ps);
    int err = netra_public_status_get(&ps, st, code, today);
    if (err < 0) {
        reply_receipt_err(s, r, err, "code");
        return;
    }
    json_t *msgs = json_array();
    err = netra_public_messages(st, code, add_msg, msgs);
    if (err < 0) {
        json_decref(msgs);
        srv_reply_netra(r, err, NULL);
        return;
    }
    json_t *out =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:b,s:b,s:s,s:o,s:o,s:o}", "kind", ps.kind, "state",
                  ps.state, "state_text", ps.state_id, "state_text_en", ps.state_en, "next",
                  ps.next_id, "next_en", ps.next_en, "deadline", jdate(ps.deadline), "overdue",
                  ps.overdue, "awaiting_reply", ps.awaiting_reply, "request", ps.request, "opened",
                  jdate(ps.opened), "updated", jdate(ps.updated), "messages", msgs);
    /* the same texts under the web app's names (loc(): name_id / name_en) */
    json_object_set_new(out, "code", json_string(code));
    json_object_set_new(out, "state_id", json_string(ps.state_id));
    json_object_set_new(out, "state_en", json_string(ps.state_en));
    json_object_set_new(out, "next_id", json_string(ps.next_id));
    json_object_set_new(out, "next_en", json_string(ps.next_en));
    if (ps.clock[0] != '\0') {
        json_object_set_new(out, "clock",
                            json_pack("{s:s,s:s,s:s,s:o,s:s}", "id", ps.clock, "label", ps.clock_id,
                                      "label_en", ps.clock_en, "deadline", jdate(ps.deadline),
                                      "basis", ps.basis));
        json_object_set_new(out, "clock_id", json_string(ps.clock_id));
        json_object_set_new(out, "clock_en", json_string(ps.clock_en));
        json_object_set_new(out, "basis", json_string(ps.basis));
    }
    srv_reply_json(r, 200, out);
    srv_reply_header(r, "Cache-Control", "no-store");
}

/* ---- POST replies, completion, evidence --------------------------------------------------- */

static const char *text_field(srv_req *r)
{
    static const char *const known[] = {"text", NULL};
    if (srv_only_fields(r, known) < 0)
        return NULL;
    return srv_body_str(r, "text", 1);
}

void h_receipt_reply(srv *s, srv_req *r)
{
    char code[NETRA_RECEIPT_STRLEN];
    if (receipt_code(s, r, code) < 0)
        return;
    const char *text = text_field(r);
    if (text == NULL)
        return;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    int64_t id = 0;
    int err = netra_public_reply(&id, st, code, text, netra_date_today());
    if (err < 0) {
        reply_receipt_err(s, r, err, "text");
        return;
    }
    srv_reply_json(r, 201, json_pack("{s:I,s:s}", "message", (json_int_t)id, "sender", "pelapor"));
}

void h_receipt_completion(srv *s, srv_req *r)
{
    char code[NETRA_RECEIPT_STRLEN];
    if (receipt_code(s, r, code) < 0)
        return;
    const char *text = text_field(r);
    if (text == NULL)
        return;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    netra_date today = netra_date_today();
    int err = netra_public_complete(st, code, text, today);
    if (err < 0) {
        reply_receipt_err(s, r, err, "text");
        return;
    }
    netra_public_status ps;
    memset(&ps, 0, sizeof ps);
    err = netra_public_status_get(&ps, st, code, today);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:s,s:s,s:o}", "state", ps.state, "state_text", ps.state_id,
                             "deadline", jdate(ps.deadline)));
}

void h_receipt_evidence(srv *s, srv_req *r)
{
    char code[NETRA_RECEIPT_STRLEN];
    if (receipt_code(s, r, code) < 0)
        return;
    if (r->body_len == 0) {
        srv_reply_error(r, 400, "empty_body", "body", "berkas bukti kosong",
                        "the evidence file is empty");
        return;
    }
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    char sha[65];
    const char *media = NULL;
    int err =
        netra_public_evidence_add(sha, &media, st, code, r->body, r->body_len, netra_date_today());
    if (err == NETRA_EINVAL) {
        char id[NETRA_ERROR_MSG_MAX + 64];
        snprintf(id, sizeof id, "berkas ditolak: %s", netra_error_last()->msg);
        srv_reply_error(r, 415, "media_type", "body", id, netra_error_last()->msg);
        return;
    }
    if (err < 0) {
        reply_receipt_err(s, r, err, "body");
        return;
    }
    srv_reply_json(r, 201,
                   json_pack("{s:s,s:s,s:I}", "sha256", sha, "media_type", media ? media : "",
                             "bytes", (json_int_t)r->body_len));
}

/* ---- POST /api/v1/cases/{id}/questions (staff) ------------------------------------------- */

void h_case_question(srv *s, srv_req *r)
{
    static const char *const known[] = {"text", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *text = srv_body_str(r, "text", 1);
    if (text == NULL)
        return;
    netra_store *st;
    netra_case c;
    if (srv_case_load(s, r, &st, &c) < 0)
        return;
    if (srv_case_if_match(r, &c) < 0)
        return;
    netra_actor actor = netra_principal_actor(&r->me, netra_date_today());
    int64_t id = 0;
    int err = netra_case_question_add(&id, st, c.id, text, &actor);
    if (err < 0) {
        srv_reply_netra(r, err, "text");
        return;
    }
    srv_reply_json(r, 201,
                   json_pack("{s:I,s:I,s:s}", "case", (json_int_t)c.id, "message", (json_int_t)id,
                             "sender", "pemeriksa"));
}

/* ---- GET /api/v1/transparency ------------------------------------------------------------- */

void h_transparency(srv *s, srv_req *r)
{
    if (limit_take(s, r, 0) < 0)
        return;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    const char *demo = srv_q(r, "demo");
    int include_demo = demo != NULL && strcmp(demo, "1") == 0;
    if (demo != NULL && !include_demo && strcmp(demo, "0") != 0) {
        srv_reply_error(r, 400, "bad_demo", "demo", "'demo' harus 0 atau 1",
                        "'demo' must be 0 or 1");
        return;
    }
    char *text = NULL;
    size_t len = 0;
    int err = netra_transparency_json(&text, &len, st, include_demo);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_bytes(r, 200, "application/json", text, len);
    netra_free_text(text);
}
