/*
 * api_scan.c - POST /api/v1/scan: JSON Lines of social-media items in (docs/data/items.md),
 * one verdict per line out (docs/data/verdicts.md), streamed as they are decided. The body
 * is bounded in bytes and lines before anything is scanned; a bad line gets an error verdict
 * naming it and the scan goes on.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "netra/election.h"
#include "netra/law.h"
#include "netra/queue.h"

/* One detector worker per server thread (a worker is not shared between threads). */
static _Thread_local netra_detect_worker *tl_worker;
static pthread_mutex_t workers_mu = PTHREAD_MUTEX_INITIALIZER;
static netra_detect_worker *workers[512];
static size_t n_workers;

static netra_detect_worker *thread_worker(const srv *s)
{
    if (tl_worker != NULL)
        return tl_worker;
    netra_detect_worker *w = NULL;
    if (netra_detect_worker_new(&w, s->det) < 0)
        return NULL;
    pthread_mutex_lock(&workers_mu);
    if (n_workers < sizeof workers / sizeof workers[0]) {
        workers[n_workers++] = w;
        tl_worker = w;
    }
    pthread_mutex_unlock(&workers_mu);
    if (tl_worker == NULL)
        netra_detect_worker_free(w);
    return tl_worker;
}

void srv_scan_workers_free(void);
void srv_scan_workers_free(void)
{
    pthread_mutex_lock(&workers_mu);
    for (size_t i = 0; i < n_workers; i++)
        netra_detect_worker_free(workers[i]);
    n_workers = 0;
    pthread_mutex_unlock(&workers_mu);
}

typedef struct scan_stream {
    srv *s;
    char *body; /* owned */
    size_t len, pos;
    unsigned long line;
    netra_arena *arena;
    char *out; /* pending output */
    size_t out_len, out_pos, out_cap;
    int done;
    /* POST /api/v1/queue/scan: flagged verdicts also enter the review queue */
    int queue;
    netra_store *st;    /* this thread's store */
    netra_principal me; /* a copy: the actor borrows its strings */
} scan_stream;

static void stream_free(void *cls)
{
    scan_stream *x = cls;
    free(x->body);
    free(x->out);
    netra_arena_free(x->arena);
    free(x);
}

static int out_set(scan_stream *x, const char *p, size_t n)
{
    if (n + 1 > x->out_cap) {
        size_t cap = x->out_cap ? x->out_cap : 4096;
        while (cap < n + 1)
            cap *= 2;
        char *np = realloc(x->out, cap);
        if (np == NULL)
            return -1;
        x->out = np;
        x->out_cap = cap;
    }
    memcpy(x->out, p, n);
    x->out[n] = '\n';
    x->out_len = n + 1;
    x->out_pos = 0;
    return 0;
}

/* Queues a flagged verdict with its item line; `*out` gets the verdict with a "queue"
 * member: {"id", "added": "baru" or "sudah_ada"} or {"error"} (allocated, or NULL when the
 * verdict could not be read back). -1 only when out of memory. */
static int queue_verdict(scan_stream *x, const char *item, size_t item_len, const char *vj,
                         size_t vlen, char **out)
{
    *out = NULL;
    json_error_t je;
    json_t *v = json_loadb(vj, vlen, 0, &je);
    if (v == NULL)
        return 0;
    const char *el =
        json_string_value(json_object_get(json_object_get(v, "violation"), "election"));
    const netra_election_info *info = NULL;
    for (size_t i = 0; el != NULL && i < x->s->n_el; i++) {
        const netra_election_info *in = netra_election_get(x->s->el[i]);
        if (strcmp(in->id, el) == 0)
            info = in;
    }
    const netra_election *le = info ? netra_law_election(x->s->law, info->law_election) : NULL;
    json_t *q;
    if (le == NULL) {
        q = json_pack("{s:s}", "error", "the verdict's election is not loaded");
    } else {
        netra_queue_source src = {info->law_election, le->kind};
        netra_actor a = netra_principal_actor(&x->me, netra_date_today());
        netra_queue_added what = NETRA_QUEUE_ADDED;
        int64_t qid = 0;
        netra_error_clear();
        int err = netra_queue_add(&what, &qid, x->st, item, item_len, vj, vlen, &src, &a);
        if (err == NETRA_ENOMEM) {
            json_decref(v);
            return -1;
        }
        if (err < 0)
            q = json_pack("{s:s}", "error", netra_error_last()->msg);
        else
            q = json_pack("{s:I,s:s}", "id", (json_int_t)qid, "added",
                          what == NETRA_QUEUE_EXISTS ? "sudah_ada" : "baru");
    }
    json_object_set_new(v, "queue", q);
    *out = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    return *out == NULL ? -1 : 0;
}

/* Decides the next non-empty line into the pending output. Returns 0, 1 at the end, -1. */
static int next_line(scan_stream *x)
{
    netra_detect_worker *w = thread_worker(x->s);
    if (w == NULL)
        return -1;
    while (x->pos < x->len) {
        const char *p = x->body + x->pos;
        const char *nl = memchr(p, '\n', x->len - x->pos);
        size_t n = nl ? (size_t)(nl - p) : x->len - x->pos;
        x->pos += n + (nl != NULL);
        x->line++;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        size_t k = 0;
        while (k < n && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k == n)
            continue;
        netra_arena_reset(x->arena);
        netra_item item;
        netra_verdict v;
        const char *json;
        size_t jlen;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        netra_error_clear();
        int rc =
            n > NETRA_ITEM_MAX_LINE ? NETRA_ETOOBIG : netra_item_parse(&item, p, n, 0, x->arena);
        if (rc == NETRA_OK)
            rc = netra_detect(&v, w, &item);
        if (rc == NETRA_ENOMEM)
            return -1;
        if (rc != NETRA_OK) {
            const char *msg = netra_error_last()->msg;
            if (n > NETRA_ITEM_MAX_LINE)
                msg = "the line is longer than 1 MiB";
            if (netra_verdict_error_json(&json, &jlen, w, x->line, rc, msg) < 0)
                return -1;
        } else {
            if (netra_verdict_json(&json, &jlen, w, &item, &v, x->line) < 0)
                return -1;
            atomic_fetch_add(&x->s->m.scan_items, 1);
            if (v.flagged)
                atomic_fetch_add(&x->s->m.scan_flagged, 1);
        }
        char *queued = NULL;
        if (rc == NETRA_OK && v.flagged && x->queue) {
            if (queue_verdict(x, p, n, json, jlen, &queued) < 0)
                return -1;
            if (queued != NULL) {
                json = queued;
                jlen = strlen(queued);
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        atomic_fetch_add(&x->s->m.scan_us,
                         (unsigned long long)((t1.tv_sec - t0.tv_sec) * 1000000LL +
                                              (t1.tv_nsec - t0.tv_nsec) / 1000));
        int oe = out_set(x, json, jlen);
        free(queued);
        if (oe < 0)
            return -1;
        return 0;
    }
    return 1;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    scan_stream *x = cls;
    size_t w = 0;
    while (w < max) {
        if (x->out_pos < x->out_len) {
            size_t n = x->out_len - x->out_pos;
            if (n > max - w)
                n = max - w;
            memcpy(buf + w, x->out + x->out_pos, n);
            x->out_pos += n;
            w += n;
            continue;
        }
        if (x->done)
            break;
        int rc = next_line(x);
        if (rc < 0)
            return w > 0 ? (ssize_t)w : MHD_CONTENT_READER_END_WITH_ERROR;
        if (rc > 0)
            x->done = 1;
        if (w > 0 && x->out_pos == x->out_len && !x->done)
            continue;
    }
    if (w == 0 && x->done)
        return MHD_CONTENT_READER_END_OF_STREAM;
    return (ssize_t)w;
}

static void scan(srv *s, srv_req *r, int queue);

void h_scan(srv *s, srv_req *r)
{
    scan(s, r, 0);
}

void h_queue_scan(srv *s, srv_req *r)
{
    /* the supervisors and the analysts: the same rule as the queue's own routes */
    if (netra_principal_may_act(&r->me, s->wf, NULL, "pemilu", "tetapkan_temuan") != NETRA_OK &&
        netra_principal_may_act(&r->me, s->wf, NULL, "pilkada", "tetapkan_temuan") != NETRA_OK &&
        strcmp(r->me.role, "analis") != 0) {
        srv_reply_error(r, 403, "forbidden", NULL,
                        "antrean tinjauan hanya untuk pengawas dan analis",
                        "the review queue is for supervisors and analysts only");
        return;
    }
    scan(s, r, 1);
}

static void scan(srv *s, srv_req *r, int queue)
{
    if (s->det == NULL) {
        srv_reply_error(r, 503, "no_detector", NULL,
                        "detektor tidak tersedia: tidak ada berkas pemilihan yang dimuat",
                        "the detector is unavailable: no election file is loaded");
        return;
    }
    size_t lines = 0;
    for (const char *p = r->body, *e = r->body + r->body_len; p && p < e;) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        lines++;
        p = nl ? nl + 1 : e;
    }
    if (lines > (size_t)s->cfg.max_scan_lines) {
        char id[160], en[160];
        snprintf(id, sizeof id, "terlalu banyak baris (%zu, batas %ld)", lines,
                 s->cfg.max_scan_lines);
        snprintf(en, sizeof en, "too many lines (%zu, limit %ld)", lines, s->cfg.max_scan_lines);
        srv_reply_error(r, 413, "too_many_lines", "body", id, en);
        return;
    }
    if (lines == 0) {
        srv_reply_error(r, 422, "empty_body", "body",
                        "isi permintaan kosong: kirim satu item JSON per baris",
                        "the body is empty: send one JSON item per line");
        return;
    }
    scan_stream *x = calloc(1, sizeof *x);
    if (x == NULL || netra_arena_new(&x->arena, 0, 64u * 1024u * 1024u) < 0) {
        free(x);
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    x->s = s;
    if (queue) {
        x->st = srv_store(s, r);
        if (x->st == NULL) {
            netra_arena_free(x->arena);
            free(x);
            return;
        }
        x->queue = 1;
        x->me = r->me;
    }
    x->body = r->body;
    x->len = r->body_len;
    r->body = NULL;
    r->body_len = 0;
    srv_reply_stream(r, 200, "application/x-ndjson", stream_read, x, stream_free);
}
