/*
 * server.h - netrad's shared state, requests, routes and reply helpers.
 *
 * The route table (routes.c) is the single source for dispatching and for the OpenAPI
 * document served at /api/v1/openapi.json. Handlers read the library's data (law, workflow,
 * calendar, regions, detector: immutable after start) and the store through one connection
 * per worker thread.
 */
#ifndef NETRA_SERVER_SERVER_H
#define NETRA_SERVER_SERVER_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "jsonw.h"
#include "reqparse.h"
#include "netra/netra.h"
#include "netra/detect.h"
#include "netra/item.h"
#include "netra/auth.h"
#include "netra/intake.h"
#include "netra/store.h"

/** The session cookie. */
#define SRV_SESSION_COOKIE "netra_session"

struct srv_req;
struct srv;

typedef void (*srv_handler)(struct srv *s, struct srv_req *r);

/** One route. */
typedef struct srv_route {
    const char *method;          /* GET, POST */
    const char *pattern;         /* "/api/v1/forms/{id}" */
    srv_handler fn;              /* the handler */
    int login;                   /* 1 when a login is needed (not served until accounts exist) */
    const char *permission;      /* what the login must allow, NULL for none */
    const char *tag;             /* OpenAPI tag */
    const char *summary;         /* one line */
    const char *params;          /* "name|in|type|description;..." (in: path or query) */
    const char *body_type;       /* accepted request media type; NULL: no body */
    const char *request_schema;  /* JSON Schema text of the body, or NULL */
    const char *response_type;   /* media type of the success response */
    const char *response_schema; /* JSON Schema text of the success response */
    int ok_status;               /* 200 or 201 */
    const char *errors;          /* other statuses it documents, "400,404" */
} srv_route;

/** The routes served; `n_out` gets their number. */
const srv_route *srv_routes(size_t *n_out);

/** Statuses counted by /metrics. */
#define SRV_N_STATUS 24
/** Latency histogram buckets (seconds), +Inf excluded. */
#define SRV_N_BUCKETS 12

/** Request counters. Route index n_routes counts requests no route matched (static, 404). */
typedef struct srv_metrics {
    atomic_ulong *by_route_status;           /* (n_routes + 1) * SRV_N_STATUS */
    atomic_ulong latency[SRV_N_BUCKETS + 1]; /* cumulative at scrape */
    atomic_ulong latency_count;
    atomic_ullong latency_sum_us;
    atomic_ulong scan_items;
    atomic_ulong scan_flagged;
    atomic_ullong scan_us;
    atomic_ulong in_flight;
    atomic_ulong write_batches; /* group commits (writer.c) */
    atomic_ulong write_items;   /* requests written by them */
} srv_metrics;

typedef struct srv {
    srv_config cfg;
    netra_law *law;
    netra_workflow *wf;
    netra_calendar *cal;
    netra_regions *regs;
    netra_key key;
    int have_key;
    netra_election_file *el[32];
    size_t n_el;
    netra_detector *det;          /* NULL when no election file was found */
    netra_org *org;               /* the kinds of office (data/org/offices.tsv) */
    netra_auth_cache *auth_cache; /* sessions and tokens seen lately (session_cache_ttl) */
    struct MHD_Daemon *daemon;
    int log_level;       /* 0 error, 1 warn, 2 info, 3 debug */
    atomic_int stopping; /* set on SIGTERM: responses close their connection */
    char web_root[4096]; /* realpath of the web root, "" when none */
    size_t n_routes;
    srv_metrics m;
    time_t started;
    atomic_ulong next_id;
    unsigned id_prefix;
    srv_cidr proxies[SRV_PROXIES_MAX]; /* trusted_proxies */
    size_t n_proxies;
} srv;

/** A request being served. */
typedef struct srv_req {
    char method[16];
    size_t target_len;
    int target_truncated;
    srv_params params;
    const srv_route *route;
    size_t route_index;
    char *body;
    size_t body_len, body_cap, body_max;
    int body_over;
    int started;        /* 1 once the first call of the access handler ran */
    int announced_body; /* Content-Length > 0 or chunked */
    struct timespec t0;
    char id[48];
    int status;
    atomic_ulong bytes;
    struct MHD_Connection *conn;
    struct MHD_Response *resp;
    json_t *json;                           /* parsed JSON body, when the route takes one */
    char client[64];                        /* the client address (rate limits, throttling) */
    char peer[64];                          /* the address of the connection's peer */
    netra_principal me;                     /* who is asking, for routes that need a login */
    char session_token[NETRA_TOKEN_STRLEN]; /* the session cookie, when one was used */
    int head;                               /* HEAD request */
    struct srv_req *wnext;                  /* next in the writer's queue (writer.c) */
    /* The large buffers last: a request context is zeroed only up to `target` (on_uri), so
     * the kilobytes below are not cleared on every request; each is filled before use. */
    char target[SRV_PATH_MAX + 2048]; /* raw request target (path and query) */
    srv_path path;
    srv_query query;
} srv_req;

/* ---- replies (http.c) -------------------------------------------------------------------- */

/** Replies with a JSON value (the reference is stolen). */
void srv_reply_json(srv_req *r, int status, json_t *v);
/* Replies with the text of a JSON writer (taken over; 500 when the writer failed). */
void srv_reply_jw(srv_req *r, int status, srv_jw *w);
/** Replies with bytes copied. */
void srv_reply_bytes(srv_req *r, int status, const char *type, const void *data, size_t len);
/** Replies with an error: `{"error":{"code","message","message_en","field"}}`. */
void srv_reply_error(srv_req *r, int status, const char *code, const char *field,
                     const char *msg_id, const char *msg_en);
/** Replies with the error of a libnetra call (code mapped to a status). */
void srv_reply_netra(srv_req *r, int err, const char *field);
/** Replies with a streamed body (chunked). `fn` follows MHD's content reader contract. */
void srv_reply_stream(srv_req *r, int status, const char *type, MHD_ContentReaderCallback fn,
                      void *cls, MHD_ContentReaderFreeCallback free_fn);
/** Adds a header to the prepared reply (after one of the srv_reply_*). */
void srv_reply_header(srv_req *r, const char *name, const char *value);

/** The ETag of a record at `version` (a case, a user, an office): "v<version>" in quotes. */
#define SRV_ETAG_MAX 24
static inline void srv_etag(char buf[SRV_ETAG_MAX], int64_t version)
{
    snprintf(buf, SRV_ETAG_MAX, "\"v%lld\"", (long long)version);
}

/** A query value; NULL when absent. */
const char *srv_q(const srv_req *r, const char *name);
/** A path parameter. */
const char *srv_p(const srv_req *r, const char *name);
/** A request header; NULL when absent. */
const char *srv_header(const srv_req *r, const char *name);

/** A string member of the JSON body; replies 422 (and returns NULL) when it is required and
 * absent or not a string. */
const char *srv_body_str(srv_req *r, const char *name, int required);
/** Refuses members not in `known` (NULL-terminated), naming the first; -1 after replying. */
int srv_only_fields(srv_req *r, const char *const *known);

/** Parses a date query/field; replies 400 naming `field` and returns -1 on error. */
int srv_date_arg(srv_req *r, const char *field, const char *v, netra_date *out);

/* ---- logging (http.c) -------------------------------------------------------------------- */
void srv_log(const srv *s, int level, const char *msg, const char *key, const char *value);

/* ---- the store of this worker thread (http.c) -------------------------------------------- */
/** The thread's store connection, opened on first use; NULL (and a 503 sent) on failure. */
netra_store *srv_store(srv *s, srv_req *r);
/** The thread's access context over its store; NULL (and a 503 sent) on failure. */
netra_auth *srv_auth(srv *s, srv_req *r);
/** Closes every thread's store (after the daemon stopped). */
void srv_stores_close(void);

/* ---- the daemon (http.c) ----------------------------------------------------------------- */
int srv_start(srv *s);
void srv_stop(srv *s);

/* ---- group commit of durable writes (writer.c) ------------------------------------------ */
/** Starts the writer thread (before the daemon accepts requests). */
int srv_writer_start(srv *s);
/** Stops it after the requests queued were served (after the daemon stopped). */
void srv_writer_stop(void);
/** 1 when the request's route writes through the writer thread. */
int srv_writer_takes(const srv_req *r);
/** Queues a request whose connection was suspended; the writer resumes it once answered. */
void srv_writer_submit(srv *s, srv_req *r);

/* ---- metrics (http.c) -------------------------------------------------------------------- */
void srv_metrics_write(srv *s, srv_req *r);

/* ---- handlers ---------------------------------------------------------------------------- */
void h_healthz(srv *s, srv_req *r);
void h_metrics(srv *s, srv_req *r);
void h_openapi(srv *s, srv_req *r);
void h_forms(srv *s, srv_req *r);
void h_form(srv *s, srv_req *r);
void h_acts(srv *s, srv_req *r);
void h_sanctions(srv *s, srv_req *r);
void h_classify(srv *s, srv_req *r);
void h_elections(srv *s, srv_req *r);
void h_election_stages(srv *s, srv_req *r);
void h_election_stage_at(srv *s, srv_req *r);
void h_calendar_day(srv *s, srv_req *r);
void h_calendar_add(srv *s, srv_req *r);
void h_regions_find(srv *s, srv_req *r);
void h_region(srv *s, srv_req *r);
void h_workflow(srv *s, srv_req *r);
void h_scan(srv *s, srv_req *r);
void h_static(srv *s, srv_req *r);
void h_login(srv *s, srv_req *r);
void h_logout(srv *s, srv_req *r);
void h_me(srv *s, srv_req *r);
void h_cases(srv *s, srv_req *r);
void h_case(srv *s, srv_req *r);
void h_case_timeline(srv *s, srv_req *r);
void h_case_evidence_list(srv *s, srv_req *r);
void h_case_clocks(srv *s, srv_req *r);
void h_case_action(srv *s, srv_req *r);
void h_case_reporter(srv *s, srv_req *r);
void h_case_evidence(srv *s, srv_req *r);
void h_export(srv *s, srv_req *r);
/* users and offices (h_accounts.c) */
void h_users_list(srv *s, srv_req *r);
void h_user_create(srv *s, srv_req *r);
void h_user_get(srv *s, srv_req *r);
void h_user_patch(srv *s, srv_req *r);
void h_user_reset_password(srv *s, srv_req *r);
void h_me_password(srv *s, srv_req *r);
void h_offices_list(srv *s, srv_req *r);
void h_office_create(srv *s, srv_req *r);
void h_office_get(srv *s, srv_req *r);
void h_office_patch(srv *s, srv_req *r);
/* one civil servant, duplicates and merging, the dashboard (api_asn.c) */
void h_asn(srv *s, srv_req *r);
void h_asn_find(srv *s, srv_req *r);
void h_case_duplicates(srv *s, srv_req *r);
void h_case_merge(srv *s, srv_req *r);
void h_case_unmerge(srv *s, srv_req *r);
void h_dashboard(srv *s, srv_req *r);
void h_case_accused(srv *s, srv_req *r);
/* the vulnerability map (h_index.c) */
void h_index(srv *s, srv_req *r);
void h_index_prevention(srv *s, srv_req *r);
void h_index_tilemap(srv *s, srv_req *r);
void h_index_boundaries(srv *s, srv_req *r);
/* the national statistics (h_stats.c) */
void h_stats_shares(srv *s, srv_req *r);
void h_stats_funnel(srv *s, srv_req *r);
void h_stats_durations(srv *s, srv_req *r);

/* ---- the public side (h_public.c) ------------------------------------------------------- */
void h_report_submit(srv *s, srv_req *r);
void h_receipt(srv *s, srv_req *r);
void h_receipt_reply(srv *s, srv_req *r);
void h_receipt_completion(srv *s, srv_req *r);
void h_receipt_evidence(srv *s, srv_req *r);
void h_case_question(srv *s, srv_req *r);
void h_transparency(srv *s, srv_req *r);
/* ---- the review queue (h_queue.c, api_scan.c) -------------------------------------------- */
void h_queue_list(srv *s, srv_req *r);
void h_queue_entry(srv *s, srv_req *r);
void h_queue_reasons(srv *s, srv_req *r);
void h_queue_claim(srv *s, srv_req *r);
void h_queue_release(srv *s, srv_req *r);
void h_queue_confirm(srv *s, srv_req *r);
void h_queue_dismiss(srv *s, srv_req *r);
void h_queue_second(srv *s, srv_req *r);
void h_queue_scan(srv *s, srv_req *r);
/** Frees the rate limiter's buckets (after the daemon stopped). */
void srv_public_limits_free(void);

/* ---- shared by the case routes (api_case.c) ---------------------------------------------- */
/** Loads the case of the path's {id} the account may see; -1 after replying. */
int srv_case_load(srv *s, srv_req *r, netra_store **st_out, netra_case *c);
/** Checks If-Match against the case's ETag; -1 after replying 428 or 412. */
int srv_case_if_match(srv_req *r, const netra_case *c);

/** The OpenAPI document built from the route table. */
json_t *srv_openapi(const srv *s);

#endif
