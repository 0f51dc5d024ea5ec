/*
 * writer.c - group commit of netrad's durable writes.
 *
 * The routes whose answer promises that something was stored (a public report, a reply,
 * a completion, evidence, a case action or question) do not run on the libmicrohttpd
 * thread that read the request. That thread suspends the connection and hands the request
 * to the single writer thread, which takes every request waiting (at most WRITER_BATCH),
 * opens one write transaction on its own store connection, runs each request's handler in
 * its own savepoint (a handler that answers an error has its writes undone, the others go
 * on), commits once (synchronous=FULL: one fsync of the WAL for the whole batch), and only
 * then resumes the connections so their answers leave. Nothing is answered 2xx before the
 * commit that holds it returned. When the commit itself fails, each request is run again
 * on its own so that one bad write cannot take the batch down; a request still failing is
 * answered 503. Audit entries are written by this one thread, in order, so the chain stays
 * serial. Design: docs/decisions/0016-group-commit.md.
 */
#include <pthread.h>
#include <string.h>

#include "server.h"

#define WRITER_BATCH 256

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static srv_req *q_head, *q_tail;
static int running, stop_flag;
static pthread_t thread;

/* The handlers that write and promise durability. */
static const srv_handler durable[] = {
    h_report_submit, h_receipt_reply, h_receipt_completion, h_receipt_evidence,
    h_case_evidence, h_case_action,   h_case_question,
};

int srv_writer_takes(const srv_req *r)
{
    if (!running || r->route == NULL)
        return 0;
    for (size_t i = 0; i < sizeof durable / sizeof durable[0]; i++)
        if (durable[i] == r->route->fn)
            return 1;
    return 0;
}

void srv_writer_submit(srv *s, srv_req *r)
{
    (void)s;
    r->wnext = NULL;
    pthread_mutex_lock(&mu);
    if (q_tail != NULL)
        q_tail->wnext = r;
    else
        q_head = r;
    q_tail = r;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

static int ok_status(const srv_req *r)
{
    return r->resp != NULL && r->status >= 200 && r->status < 400;
}

static void unavailable(srv_req *r)
{
    srv_reply_error(r, 503, "storage", NULL,
                    "basis data tidak tersedia; permintaan tidak disimpan, silakan ulangi",
                    "the database is unavailable; the request was not stored, try again");
}

/* Runs one request's handler as a write of the open batch. */
static void run_item(srv *s, netra_store *st, srv_req *r)
{
    if (netra_store_batch_item_begin(st) < 0) {
        unavailable(r);
        return;
    }
    netra_error_clear();
    r->route->fn(s, r);
    if (r->resp == NULL) /* every request leaves the writer with an answer */
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
    int keep = ok_status(r);
    if (netra_store_batch_item_end(st, keep) < 0 && keep)
        unavailable(r);
}

/* Runs `reqs` in one batch; returns the commit's result (< 0: nothing of it is stored). */
static int run_batch(srv *s, netra_store *st, srv_req **reqs, size_t n)
{
    int err = netra_store_batch_begin(st);
    if (err < 0)
        return err;
    for (size_t i = 0; i < n; i++)
        run_item(s, st, reqs[i]);
    err = netra_store_batch_commit(st);
    if (err == 0) {
        atomic_fetch_add(&s->m.write_batches, 1);
        atomic_fetch_add(&s->m.write_items, n);
    }
    return err;
}

static void serve(srv *s, srv_req **reqs, size_t n)
{
    netra_store *st = srv_store(s, reqs[0]);
    if (st == NULL) {
        for (size_t i = 0; i < n; i++)
            unavailable(reqs[i]);
    } else if (run_batch(s, st, reqs, n) < 0) {
        srv_log(s, 1, "group commit failed; writing the requests one by one", "error",
                netra_error_last()->msg);
        for (size_t i = 0; i < n; i++) {
            if (reqs[i]->resp != NULL && !ok_status(reqs[i]))
                continue; /* its error answer stands; it wrote nothing */
            if (run_batch(s, st, &reqs[i], 1) < 0)
                unavailable(reqs[i]); /* nothing of it was stored */
        }
    }
    for (size_t i = 0; i < n; i++)
        MHD_resume_connection(reqs[i]->conn);
}

static void *writer_main(void *arg)
{
    srv *s = arg;
    srv_req *batch[WRITER_BATCH];
    for (;;) {
        pthread_mutex_lock(&mu);
        while (q_head == NULL && !stop_flag)
            pthread_cond_wait(&cv, &mu);
        if (q_head == NULL) {
            pthread_mutex_unlock(&mu);
            break;
        }
        size_t n = 0;
        while (q_head != NULL && n < WRITER_BATCH) {
            batch[n++] = q_head;
            q_head = q_head->wnext;
        }
        if (q_head == NULL)
            q_tail = NULL;
        pthread_mutex_unlock(&mu);
        serve(s, batch, n);
    }
    return NULL;
}

int srv_writer_start(srv *s)
{
    stop_flag = 0;
    if (pthread_create(&thread, NULL, writer_main, s) != 0) {
        srv_log(s, 0, "cannot start the writer thread", NULL, NULL);
        return -1;
    }
    running = 1;
    return 0;
}

void srv_writer_stop(void)
{
    if (!running)
        return;
    pthread_mutex_lock(&mu);
    stop_flag = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(thread, NULL);
    running = 0;
}
