/*
 * http.c - netrad's HTTP layer over libmicrohttpd: request contexts, limits, dispatch
 * through the route table, replies with security headers, JSON logs one line per request,
 * metrics, per-thread store connections, and the graceful stop.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include "server.h"

static const int status_codes[SRV_N_STATUS] = {200, 201, 204, 206, 304, 400, 401, 403,
                                               404, 405, 406, 409, 410, 412, 413, 414,
                                               415, 422, 428, 429, 431, 500, 503, 0};
static const double buckets[SRV_N_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                              0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

static int status_index(int st)
{
    for (int i = 0; i < SRV_N_STATUS - 1; i++)
        if (status_codes[i] == st)
            return i;
    return SRV_N_STATUS - 1; /* other */
}

static const char *const CSP =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

/* ---- logging ------------------------------------------------------------------------------ */

static const char *const level_names[] = {"error", "warn", "info", "debug"};

static void now_iso(char buf[64])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(buf, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
}

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* Request lines are buffered: one write(2) for many lines instead of one per request. The
 * block is written when it reaches LOG_FLUSH_AT bytes, and at the latest LOG_FLUSH_MS after
 * by the flusher thread; any other line (warnings, errors, start, stop) writes the block
 * first, then itself, so the order is kept. Whole lines only: lines of concurrent threads
 * never interleave. */
#define LOG_BUF      (64 * 1024)
#define LOG_FLUSH_AT (16 * 1024)
#define LOG_FLUSH_MS 100
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[LOG_BUF];
static size_t log_n;
static pthread_t log_thread;
static int log_thread_on;
static atomic_int log_stop;

static void log_flush_locked(void)
{
    write_all(log_buf, log_n);
    log_n = 0;
}

/* Writes one line now (after what is buffered). */
static void log_line(const char *line, size_t n)
{
    pthread_mutex_lock(&log_mu);
    log_flush_locked();
    write_all(line, n);
    pthread_mutex_unlock(&log_mu);
}

static void log_line_buffered(const char *line, size_t n)
{
    if (!log_thread_on) {
        log_line(line, n);
        return;
    }
    pthread_mutex_lock(&log_mu);
    if (log_n + n > sizeof log_buf)
        log_flush_locked();
    memcpy(log_buf + log_n, line, n);
    log_n += n;
    if (log_n >= LOG_FLUSH_AT)
        log_flush_locked();
    pthread_mutex_unlock(&log_mu);
}

static void *log_flusher(void *arg)
{
    (void)arg;
    while (!atomic_load(&log_stop)) {
        struct timespec d = {0, LOG_FLUSH_MS * 1000L * 1000L};
        nanosleep(&d, NULL);
        pthread_mutex_lock(&log_mu);
        if (log_n > 0)
            log_flush_locked();
        pthread_mutex_unlock(&log_mu);
    }
    return NULL;
}

static void log_buffer_start(void)
{
    atomic_store(&log_stop, 0);
    log_thread_on = pthread_create(&log_thread, NULL, log_flusher, NULL) == 0;
}

static void log_buffer_stop(void)
{
    if (log_thread_on) {
        atomic_store(&log_stop, 1);
        pthread_join(log_thread, NULL);
        log_thread_on = 0;
    }
    pthread_mutex_lock(&log_mu);
    log_flush_locked();
    pthread_mutex_unlock(&log_mu);
}

void srv_log(const srv *s, int level, const char *msg, const char *key, const char *value)
{
    if (level > s->log_level)
        return;
    char ts[64], line[2048];
    now_iso(ts);
    size_t n = (size_t)snprintf(line, sizeof line, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":", ts,
                                level_names[level]);
    n += netra_json_quote(line + n, sizeof line - n, msg, strlen(msg));
    if (key != NULL && n < sizeof line) {
        n += (size_t)snprintf(line + n, sizeof line - n, ",\"%s\":", key);
        if (n < sizeof line)
            n += netra_json_quote(line + n, sizeof line - n, value, strlen(value));
    }
    if (n + 3 > sizeof line)
        n = sizeof line - 3;
    line[n++] = '}';
    line[n++] = '\n';
    log_line(line, n);
}

static void log_request(const srv *s, const srv_req *r, double secs)
{
    if (s->log_level < 2)
        return;
    char ts[64], line[2600];
    now_iso(ts);
    char path[SRV_PATH_MAX + 1];
    size_t pl = 0;
    while (pl < r->target_len && pl < SRV_PATH_MAX && r->target[pl] != '?' &&
           r->target[pl] != '#') {
        path[pl] = r->target[pl];
        pl++;
    }
    path[pl] = '\0';
    if (r->route != NULL && strstr(r->route->pattern, "{code}") != NULL) {
        /* a receipt code is the reporter's key: the log shows the route, not the code */
        pl = strlen(r->route->pattern);
        memcpy(path, r->route->pattern, pl + 1);
    }
    size_t n = (size_t)snprintf(line, sizeof line,
                                "{\"ts\":\"%s\",\"level\":\"info\",\"msg\":\"request\","
                                "\"id\":\"%s\",\"method\":",
                                ts, r->id);
    n += netra_json_quote(line + n, sizeof line - n, r->method, strlen(r->method));
    if (n < sizeof line) {
        n += (size_t)snprintf(line + n, sizeof line - n, ",\"path\":");
        n += netra_json_quote(line + n, sizeof line - n, path, pl);
    }
    if (n < sizeof line)
        n += (size_t)snprintf(line + n, sizeof line - n,
                              ",\"route\":\"%s\",\"status\":%d,\"ms\":%.3f,\"bytes\":%lu}\n",
                              r->route ? r->route->pattern : "", r->status, secs * 1000.0,
                              (unsigned long)atomic_load(&r->bytes));
    if (n >= sizeof line) {
        n = sizeof line - 1;
        line[n - 1] = '\n';
    }
    log_line_buffered(line, n);
}

/* ---- replies ------------------------------------------------------------------------------ */

static void set_resp(srv_req *r, int status, struct MHD_Response *resp, size_t bytes)
{
    if (r->resp != NULL)
        MHD_destroy_response(r->resp);
    r->resp = resp;
    r->status = resp ? status : 500;
    atomic_store(&r->bytes, bytes);
}

void srv_reply_bytes(srv_req *r, int status, const char *type, const void *data, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)(uintptr_t)data, MHD_RESPMEM_MUST_COPY);
    if (resp != NULL && type != NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    set_resp(r, status, resp, len);
}

void srv_reply_json(srv_req *r, int status, json_t *v)
{
    char *text = v ? json_dumps(v, JSON_COMPACT) : NULL;
    json_decref(v);
    if (text == NULL) {
        static const char oom[] = "{\"error\":{\"code\":\"internal\",\"message\":\"kesalahan "
                                  "internal\",\"message_en\":\"internal error\",\"field\":null}}";
        srv_reply_bytes(r, 500, "application/json", oom, sizeof oom - 1);
        return;
    }
    size_t len = strlen(text);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (resp == NULL) {
        free(text);
    } else {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    }
    set_resp(r, status, resp, len);
}

void srv_reply_jw(srv_req *r, int status, srv_jw *w)
{
    if (w->failed || w->n == 0) {
        srv_jw_free(w);
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    size_t len = w->n;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, w->p, MHD_RESPMEM_MUST_FREE);
    if (resp == NULL)
        srv_jw_free(w);
    else
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    w->p = NULL;
    w->n = w->cap = 0;
    set_resp(r, status, resp, len);
}

void srv_reply_error(srv_req *r, int status, const char *code, const char *field,
                     const char *msg_id, const char *msg_en)
{
    json_t *e = json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code", code, "message", msg_id,
                          "message_en", msg_en, "field", field ? json_string(field) : json_null());
    srv_reply_json(r, status, e);
}

void srv_reply_netra(srv_req *r, int err, const char *field)
{
    const char *msg = netra_error_last()->msg;
    if (msg[0] == '\0')
        msg = netra_strerror(err);
    char id[NETRA_ERROR_MSG_MAX + 64];
    switch (err) {
    case NETRA_EINVAL:
        snprintf(id, sizeof id, "masukan tidak sah: %s", msg);
        srv_reply_error(r, 422, "invalid", field, id, msg);
        return;
    case NETRA_ENOTFOUND:
        snprintf(id, sizeof id, "tidak ditemukan: %s", msg);
        srv_reply_error(r, 404, "not_found", field, id, msg);
        return;
    case NETRA_ECONFLICT:
        snprintf(id, sizeof id, "data telah berubah: %s", msg);
        srv_reply_error(r, 412, "stale", field, id, msg);
        return;
    case NETRA_ESTATE:
        snprintf(id, sizeof id, "tindakan tidak diizinkan pada tahap ini: %s", msg);
        srv_reply_error(r, 409, "workflow_state", field, id, msg);
        return;
    case NETRA_EPERM:
        snprintf(id, sizeof id, "tidak berwenang: %s", msg);
        srv_reply_error(r, 403, "forbidden", field, id, msg);
        return;
    case NETRA_ETOOBIG:
        snprintf(id, sizeof id, "melebihi batas: %s", msg);
        srv_reply_error(r, 413, "too_large", field, id, msg);
        return;
    case NETRA_ESTORAGE:
        srv_reply_error(r, 503, "storage", NULL, "basis data tidak tersedia",
                        "the database is unavailable");
        return;
    default:
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
}

void srv_reply_stream(srv_req *r, int status, const char *type, MHD_ContentReaderCallback fn,
                      void *cls, MHD_ContentReaderFreeCallback free_fn)
{
    struct MHD_Response *resp =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024, fn, cls, free_fn);
    if (resp == NULL) {
        free_fn(cls);
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    set_resp(r, status, resp, 0);
}

void srv_reply_header(srv_req *r, const char *name, const char *value)
{
    if (r->resp != NULL)
        MHD_add_response_header(r->resp, name, value);
}

const char *srv_q(const srv_req *r, const char *name)
{
    return srv_query_get(&r->query, name);
}

const char *srv_p(const srv_req *r, const char *name)
{
    return srv_param(&r->params, name);
}

const char *srv_header(const srv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int srv_date_arg(srv_req *r, const char *field, const char *v, netra_date *out)
{
    if (v == NULL || netra_date_parse(out, v, strlen(v)) < 0) {
        char id[200], en[200];
        snprintf(id, sizeof id, "'%s' harus tanggal berbentuk TTTT-BB-HH", field);
        snprintf(en, sizeof en, "'%s' must be a date as YYYY-MM-DD", field);
        srv_reply_error(r, 400, "bad_date", field, id, en);
        return -1;
    }
    return 0;
}

/* ---- per-thread stores -------------------------------------------------------------------- */

static _Thread_local netra_store *tl_store;
static pthread_mutex_t stores_mu = PTHREAD_MUTEX_INITIALIZER;
static netra_store *stores[512];
static size_t n_stores;

netra_store *srv_store(srv *s, srv_req *r)
{
    if (tl_store != NULL)
        return tl_store;
    netra_store_config cfg = {s->wf, s->cal, s->have_key ? &s->key : NULL, s->law};
    netra_store *st = NULL;
    int err = netra_store_open(&st, s->cfg.database, &cfg);
    if (err < 0) {
        srv_log(s, 0, "cannot open the store", "error", netra_error_last()->msg);
        srv_reply_error(r, 503, "storage", NULL, "basis data tidak tersedia",
                        "the database is unavailable");
        return NULL;
    }
    pthread_mutex_lock(&stores_mu);
    if (n_stores < sizeof stores / sizeof stores[0]) {
        stores[n_stores++] = st;
        tl_store = st;
    }
    pthread_mutex_unlock(&stores_mu);
    if (tl_store == NULL) {
        netra_store_close(st);
        srv_reply_error(r, 503, "storage", NULL, "basis data tidak tersedia",
                        "the database is unavailable");
    }
    return tl_store;
}

static _Thread_local netra_auth *tl_auth;
static netra_auth *auths[512];
static size_t n_auths;

netra_auth *srv_auth(srv *s, srv_req *r)
{
    if (tl_auth != NULL)
        return tl_auth;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return NULL;
    netra_auth *au = NULL;
    netra_auth_config ac;
    memset(&ac, 0, sizeof ac);
    ac.cache = s->auth_cache;
    if (netra_auth_open(&au, st, s->org, &ac) < 0) {
        srv_log(s, 0, "cannot open the access context", "error", netra_error_last()->msg);
        srv_reply_error(r, 503, "storage", NULL, "basis data tidak tersedia",
                        "the database is unavailable");
        return NULL;
    }
    pthread_mutex_lock(&stores_mu);
    if (n_auths < sizeof auths / sizeof auths[0]) {
        auths[n_auths++] = au;
        tl_auth = au;
    }
    pthread_mutex_unlock(&stores_mu);
    if (tl_auth == NULL) {
        netra_auth_close(au);
        srv_reply_error(r, 503, "storage", NULL, "basis data tidak tersedia",
                        "the database is unavailable");
    }
    return tl_auth;
}

void srv_stores_close(void)
{
    pthread_mutex_lock(&stores_mu);
    for (size_t i = 0; i < n_auths; i++)
        netra_auth_close(auths[i]);
    n_auths = 0;
    for (size_t i = 0; i < n_stores; i++)
        netra_store_close(stores[i]);
    n_stores = 0;
    pthread_mutex_unlock(&stores_mu);
}

/* Who is asking: the session cookie, else an API token (Authorization: Bearer). A write
 * through a cookie session must carry the session's CSRF token (X-CSRF-Token). Returns 1
 * after replying 401/403/503, 0 when r->me is set. */
static int authenticate(srv *s, srv_req *r, const char *method)
{
    const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SRV_SESSION_COOKIE);
    const char *authz = srv_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *bearer = NULL;
    if (authz != NULL && strncasecmp(authz, "Bearer ", 7) == 0)
        bearer = authz + 7;
    if ((cookie == NULL || cookie[0] == '\0') && bearer == NULL) {
        srv_reply_error(r, 401, "login_required", NULL, "perlu masuk (login) terlebih dahulu",
                        "a login is required");
        srv_reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"netra\"");
        return 1;
    }
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return 1;
    int err;
    int via_cookie = bearer == NULL;
    if (via_cookie) {
        if (strlen(cookie) >= sizeof r->session_token)
            err = NETRA_EPERM;
        else
            err = netra_auth_session(&r->me, au, cookie);
        if (err == NETRA_OK)
            memcpy(r->session_token, cookie, strlen(cookie) + 1);
    } else {
        err = netra_auth_token(&r->me, au, bearer);
    }
    if (err == NETRA_EPERM) {
        srv_reply_error(r, 401, "login_required", NULL,
                        "sesi atau token tidak berlaku; silakan masuk lagi",
                        "the session or token is not valid; log in again");
        srv_reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"netra\"");
        return 1;
    }
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return 1;
    }
    int write = strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
    if (via_cookie && write) {
        const char *csrf = srv_header(r, "X-CSRF-Token");
        if (csrf == NULL || netra_auth_csrf_check(au, r->me.session_id, csrf) != NETRA_OK) {
            srv_reply_error(r, 403, "csrf", "X-CSRF-Token",
                            "token CSRF tidak ada atau salah (header X-CSRF-Token)",
                            "the CSRF token is missing or wrong (X-CSRF-Token header)");
            return 1;
        }
    }
    const char *perm = r->route->permission ? r->route->permission : "";
    if (r->me.must_change_password && strcmp(perm, "self") != 0) {
        srv_reply_error(r, 403, "password_change_required", NULL,
                        "kata sandi sekali pakai harus diganti dulu (POST /api/v1/me/password)",
                        "the one-time password must be changed first (POST /api/v1/me/password)");
        return 1;
    }
    if (strcmp(perm, "accounts") == 0 && !r->me.manages_accounts) {
        srv_reply_error(r, 403, "forbidden", NULL, "akun ini tidak mengelola akun pengguna",
                        "this account does not manage user accounts");
        return 1;
    }
    if (strcmp(perm, "cases") == 0 && !r->me.sees_cases) {
        srv_reply_error(r, 403, "forbidden", NULL, "akun ini tidak menangani perkara",
                        "this account does not handle cases");
        return 1;
    }
    return 0;
}

/* ---- metrics ------------------------------------------------------------------------------ */

static void count(srv *s, const srv_req *r, double secs)
{
    size_t ri = r->route ? r->route_index : s->n_routes;
    atomic_fetch_add(&s->m.by_route_status[ri * SRV_N_STATUS + (size_t)status_index(r->status)], 1);
    int b = 0;
    while (b < SRV_N_BUCKETS && secs > buckets[b])
        b++;
    atomic_fetch_add(&s->m.latency[b], 1);
    atomic_fetch_add(&s->m.latency_count, 1);
    atomic_fetch_add(&s->m.latency_sum_us, (unsigned long long)(secs * 1e6));
}

typedef struct mbuf {
    char *p;
    size_t n, cap;
} mbuf;

static void mprintf(mbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void mprintf(mbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            return;
        if (b->p != NULL && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 16384;
        while (cap < b->n + (size_t)k + 1)
            cap *= 2;
        char *np = realloc(b->p, cap);
        if (np == NULL)
            return;
        b->p = np;
        b->cap = cap;
    }
}

typedef struct overdue_count {
    unsigned long n;
} overdue_count;

static int count_case(const netra_case *c, void *payload)
{
    (void)c;
    ((overdue_count *)payload)->n++;
    return 0;
}

void srv_metrics_write(srv *s, srv_req *r)
{
    mbuf b = {0};
    size_t n_routes;
    const srv_route *routes = srv_routes(&n_routes);
    mprintf(&b, "# HELP netra_http_requests_total HTTP requests by route and status.\n"
                "# TYPE netra_http_requests_total counter\n");
    for (size_t i = 0; i <= n_routes; i++) {
        for (int k = 0; k < SRV_N_STATUS; k++) {
            unsigned long v = atomic_load(&s->m.by_route_status[i * SRV_N_STATUS + (size_t)k]);
            if (v == 0)
                continue;
            char st[8];
            if (status_codes[k])
                snprintf(st, sizeof st, "%d", status_codes[k]);
            else
                snprintf(st, sizeof st, "other");
            mprintf(&b, "netra_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %lu\n",
                    i < n_routes ? routes[i].method : "", i < n_routes ? routes[i].pattern : "none",
                    st, v);
        }
    }
    mprintf(&b, "# HELP netra_http_request_duration_seconds Time to serve a request.\n"
                "# TYPE netra_http_request_duration_seconds histogram\n");
    unsigned long cum = 0;
    for (int i = 0; i < SRV_N_BUCKETS; i++) {
        cum += atomic_load(&s->m.latency[i]);
        mprintf(&b, "netra_http_request_duration_seconds_bucket{le=\"%g\"} %lu\n", buckets[i], cum);
    }
    cum += atomic_load(&s->m.latency[SRV_N_BUCKETS]);
    mprintf(&b, "netra_http_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n", cum);
    mprintf(&b, "netra_http_request_duration_seconds_sum %.6f\n",
            (double)atomic_load(&s->m.latency_sum_us) / 1e6);
    mprintf(&b, "netra_http_request_duration_seconds_count %lu\n",
            atomic_load(&s->m.latency_count));
    mprintf(&b,
            "# HELP netra_http_in_flight Requests being served.\n"
            "# TYPE netra_http_in_flight gauge\nnetra_http_in_flight %lu\n",
            atomic_load(&s->m.in_flight));
    mprintf(&b,
            "# HELP netra_write_batches_total Group commits of durable writes.\n"
            "# TYPE netra_write_batches_total counter\nnetra_write_batches_total %lu\n"
            "# HELP netra_write_requests_total Durable writes committed by them.\n"
            "# TYPE netra_write_requests_total counter\nnetra_write_requests_total %lu\n",
            atomic_load(&s->m.write_batches), atomic_load(&s->m.write_items));
    netra_auth_cache_stats cs;
    netra_auth_cache_stats_get(s->auth_cache, &cs);
    mprintf(&b,
            "# HELP netra_session_cache_hits_total Logins checked from the session cache.\n"
            "# TYPE netra_session_cache_hits_total counter\nnetra_session_cache_hits_total %llu\n"
            "# HELP netra_session_cache_misses_total Logins checked against the store.\n"
            "# TYPE netra_session_cache_misses_total counter\n"
            "netra_session_cache_misses_total %llu\n"
            "# HELP netra_session_cache_clears_total Times a change emptied the session cache.\n"
            "# TYPE netra_session_cache_clears_total counter\n"
            "netra_session_cache_clears_total %llu\n",
            cs.hits, cs.misses, cs.clears);
    mprintf(&b,
            "# HELP netra_scan_items_total Items scanned by /api/v1/scan.\n"
            "# TYPE netra_scan_items_total counter\nnetra_scan_items_total %lu\n"
            "# HELP netra_scan_flagged_total Items the detector flagged.\n"
            "# TYPE netra_scan_flagged_total counter\nnetra_scan_flagged_total %lu\n"
            "# HELP netra_scan_seconds_total Time spent scanning (throughput = items / seconds).\n"
            "# TYPE netra_scan_seconds_total counter\nnetra_scan_seconds_total %.6f\n",
            atomic_load(&s->m.scan_items), atomic_load(&s->m.scan_flagged),
            (double)atomic_load(&s->m.scan_us) / 1e6);
    netra_store *st = srv_store(s, r);
    if (st == NULL) {
        free(b.p);
        return;
    }
    overdue_count oc = {0};
    netra_case_filter f = {0};
    f.overdue_only = 1;
    f.today = netra_date_today();
    int err = netra_store_case_list(st, &f, count_case, &oc);
    mprintf(&b, "# HELP netra_cases_overdue Cases with a legal clock past its deadline today.\n"
                "# TYPE netra_cases_overdue gauge\n");
    if (err == NETRA_OK)
        mprintf(&b, "netra_cases_overdue %lu\n", oc.n);
    mprintf(&b,
            "# HELP netra_up_seconds Seconds since netrad started.\n"
            "# TYPE netra_up_seconds gauge\nnetra_up_seconds %ld\n",
            (long)(time(NULL) - s->started));
    if (b.p == NULL) {
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    srv_reply_bytes(r, 200, "text/plain; version=0.0.4; charset=utf-8", b.p, b.n);
    free(b.p);
}

/* ---- dispatch ----------------------------------------------------------------------------- */

static srv *g_srv;

/* libmicrohttpd's own messages (refused connections, oversized headers) as JSON log lines. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    srv_log(cls, 1, "http", "detail", msg);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    srv *s = cls;
    srv_req *r = malloc(sizeof *r);
    if (r == NULL)
        return NULL;
    memset(r, 0, offsetof(srv_req, target));
    r->path.n_seg = 0;
    r->path.trailing_slash = 0;
    r->query.n = 0;
    r->conn = conn;
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci != NULL && ci->client_addr != NULL) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->peer,
                      sizeof r->peer);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      r->peer, sizeof r->peer);
    }
    memcpy(r->client, r->peer, sizeof r->client);
    size_t n = strlen(uri);
    if (n >= sizeof r->target) {
        n = sizeof r->target - 1;
        r->target_truncated = 1;
    }
    memcpy(r->target, uri, n);
    r->target[n] = '\0';
    r->target_len = n;
    atomic_fetch_add(&s->m.in_flight, 1);
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    srv *s = cls;
    srv_req *r = *con_cls;
    if (r == NULL)
        return;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - r->t0.tv_sec) + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e9;
    if (r->status == 0)
        r->status = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408 : 499;
    if (r->method[0] != '\0') {
        count(s, r, secs);
        log_request(s, r, secs);
    }
    if (r->resp)
        MHD_destroy_response(r->resp);
    json_decref(r->json);
    free(r->body);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->m.in_flight, 1);
}

/* The header fields of a request: how many, their bytes as sent ("Name: value\r\n") and
 * the largest one. */
typedef struct header_tally {
    size_t n, bytes, big_bytes;
    char big[64];
} header_tally;

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind;
    header_tally *t = cls;
    size_t b = strlen(key) + (value ? strlen(value) : 0) + 4;
    t->n++;
    t->bytes += b;
    if (b > t->big_bytes) {
        t->big_bytes = b;
        snprintf(t->big, sizeof t->big, "%s", key);
    }
    return MHD_YES;
}

static void make_id(srv *s, srv_req *r)
{
    const char *given = srv_header(r, "X-Request-Id");
    if (given != NULL) {
        size_t n = strlen(given), ok = n > 0 && n < 40;
        for (size_t i = 0; ok && i < n; i++) {
            char c = given[i];
            ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 c == '-' || c == '_' || c == '.';
        }
        if (ok) {
            memcpy(r->id, given, n + 1);
            return;
        }
    }
    snprintf(r->id, sizeof r->id, "%08x-%lu", s->id_prefix,
             (unsigned long)atomic_fetch_add(&s->next_id, 1));
}

/* Whether Content-Type `ct` is one of `want` (comma-separated media types). */
static int media_type_is(const char *ct, const char *want)
{
    if (ct == NULL)
        return 0;
    for (const char *w = want; *w;) {
        const char *e = strchr(w, ',');
        size_t n = e ? (size_t)(e - w) : strlen(w);
        if (strncasecmp(ct, w, n) == 0) {
            char c = ct[n];
            if (c == '\0' || c == ';' || c == ' ')
                return 1;
        }
        w += n + (e != NULL);
    }
    return 0;
}

static enum MHD_Result finish(srv *s, srv_req *r)
{
    if (r->resp == NULL)
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
    if (r->resp == NULL)
        return MHD_NO;
    struct MHD_Response *resp = r->resp;
    MHD_add_response_header(resp, "X-Request-Id", r->id);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (MHD_get_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL) == NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (atomic_load(&s->stopping))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    return ok;
}

/* Replies to the first call: limits on the request line and headers, routing. Returns 1 when a
 * reply was prepared (the request ends), 0 to go on. */
static int first_call(srv *s, srv_req *r, const char *method)
{
    make_id(s, r);
    if (s->n_proxies > 0)
        srv_client_address(r->client, r->peer, srv_header(r, "X-Forwarded-For"), s->proxies,
                           s->n_proxies);
    const char *cl0 = srv_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
    r->announced_body = (cl0 != NULL && strcmp(cl0, "0") != 0) ||
                        srv_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
    header_tally tally;
    memset(&tally, 0, sizeof tally);
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_header, &tally);
    size_t n_headers = tally.n;
    size_t head_bytes = tally.bytes + strlen(method) + r->target_len + 12;
    if (head_bytes > (size_t)s->cfg.header_memory) {
        /* our own limit, below libmicrohttpd's buffer (srv_start), so the answer is JSON */
        char id[200], en[200];
        snprintf(id, sizeof id,
                 "baris permintaan dan header terlalu besar (%zu bita, batas %ld); terbesar: %s",
                 head_bytes, s->cfg.header_memory, tally.big);
        snprintf(en, sizeof en,
                 "the request line and headers are too large (%zu bytes, limit %ld); largest: %s",
                 head_bytes, s->cfg.header_memory, tally.big);
        srv_reply_error(r, 431, "header_too_large", tally.big[0] ? tally.big : NULL, id, en);
        return 1;
    }
    if (n_headers > (size_t)s->cfg.max_headers) {
        char id[160], en[160];
        snprintf(id, sizeof id, "terlalu banyak header (%zu, batas %ld)", n_headers,
                 s->cfg.max_headers);
        snprintf(en, sizeof en, "too many header fields (%zu, limit %ld)", n_headers,
                 s->cfg.max_headers);
        srv_reply_error(r, 431, "too_many_headers", NULL, id, en);
        return 1;
    }
    if (r->target_truncated) {
        srv_reply_error(r, 414, "uri_too_long", NULL, "alamat permintaan terlalu panjang",
                        "the request target is too long");
        return 1;
    }
    srv_path_err pe = srv_path_parse(&r->path, r->target, r->target_len);
    if (pe != SRV_PATH_OK) {
        srv_reply_error(r, pe == SRV_PATH_TOO_LONG ? 414 : 400, "bad_path", "path",
                        srv_path_err_id(pe), srv_path_err_en(pe));
        return 1;
    }
    char bad[64];
    srv_query_err qe = srv_query_parse(&r->query, r->target, r->target_len, bad);
    if (qe != SRV_QUERY_OK) {
        static const char *const qid[] = {
            "", "terlalu banyak parameter kueri", "nilai parameter kueri terlalu panjang",
            "parameter kueri memuat bita tidak sah", "parameter kueri diberikan dua kali"};
        static const char *const qen[] = {
            "", "too many query parameters", "a query parameter is too long",
            "a query parameter has an invalid byte", "a query parameter is given twice"};
        srv_reply_error(r, 400, "bad_query", bad[0] ? bad : NULL, qid[qe], qen[qe]);
        return 1;
    }
    size_t n_routes;
    const srv_route *routes = srv_routes(&n_routes);
    const char *m = r->head ? "GET" : method;
    char allow[64] = "";
    for (size_t i = 0; i < n_routes; i++) {
        srv_params p;
        if (!srv_route_match(routes[i].pattern, &r->path, &p))
            continue;
        if (strcmp(routes[i].method, m) == 0) {
            r->route = &routes[i];
            r->route_index = i;
            r->params = p;
            break;
        }
        if (strstr(allow, routes[i].method) == NULL) {
            size_t k = strlen(allow);
            snprintf(allow + k, sizeof allow - k, "%s%s", k ? ", " : "", routes[i].method);
            if (strcmp(routes[i].method, "GET") == 0) {
                k = strlen(allow);
                snprintf(allow + k, sizeof allow - k, ", HEAD");
            }
        }
    }
    if (r->route == NULL && allow[0] != '\0') {
        char id[160], en[160];
        snprintf(id, sizeof id, "metode %s tidak didukung di sini; yang didukung: %s", method,
                 allow);
        snprintf(en, sizeof en, "method %s is not allowed here; allowed: %s", method, allow);
        srv_reply_error(r, 405, "method_not_allowed", NULL, id, en);
        srv_reply_header(r, MHD_HTTP_HEADER_ALLOW, allow);
        return 1;
    }
    if (r->route == NULL) {
        int is_api = r->path.n_seg > 0 && strcmp(r->path.seg[0], "api") == 0;
        if (!is_api && s->web_root[0] != '\0' && strcmp(m, "GET") == 0) {
            h_static(s, r);
            return 1;
        }
        if (!is_api && s->web_root[0] != '\0') {
            srv_reply_error(r, 405, "method_not_allowed", NULL,
                            "berkas statis hanya dapat dibaca (GET, HEAD)",
                            "static files are read only (GET, HEAD)");
            srv_reply_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
            return 1;
        }
        srv_reply_error(r, 404, "not_found", NULL, "alamat tidak dikenal", "no such resource");
        return 1;
    }
    if (r->route->login && authenticate(s, r, m))
        return 1;
    const char *ct = srv_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
    const char *cl = srv_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
    int has_body = r->announced_body;
    if (r->route->body_type == NULL) {
        if (has_body) {
            srv_reply_error(r, 413, "body_not_allowed", "body", "permintaan ini tidak menerima isi",
                            "this request takes no body");
            return 1;
        }
        return 0;
    }
    if (!media_type_is(ct, r->route->body_type)) {
        char id[200], en[200];
        snprintf(id, sizeof id, "jenis isi harus salah satu dari: %s", r->route->body_type);
        snprintf(en, sizeof en, "the content type must be one of: %s", r->route->body_type);
        srv_reply_error(r, 415, "unsupported_media_type", "Content-Type", id, en);
        return 1;
    }
    if (strcmp(r->route->body_type, "application/json") == 0)
        r->body_max = (size_t)s->cfg.max_body;
    else if (strcmp(r->route->body_type, "application/x-ndjson") == 0)
        r->body_max = (size_t)s->cfg.max_scan_body;
    else
        r->body_max = (size_t)s->cfg.max_upload;
    if (cl != NULL) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(cl, &end, 10);
        if (errno == 0 && end != cl && *end == '\0' && v > r->body_max) {
            char id[160], en[160];
            snprintf(id, sizeof id, "isi permintaan melebihi %zu bita", r->body_max);
            snprintf(en, sizeof en, "the request body exceeds %zu bytes", r->body_max);
            srv_reply_error(r, 413, "body_too_large", "body", id, en);
            return 1;
        }
    }
    return 0;
}

static void parse_json_body(srv *s, srv_req *r)
{
    size_t at = 0;
    srv_json_err je = srv_json_prescan(r->body ? r->body : "", r->body_len,
                                       (int)s->cfg.max_json_depth, (size_t)s->cfg.max_string, &at);
    char id[300], en[300];
    if (je == SRV_JSON_TOO_DEEP) {
        snprintf(id, sizeof id, "bita %zu: JSON bersarang lebih dari %ld tingkat", at,
                 s->cfg.max_json_depth);
        snprintf(en, sizeof en, "byte %zu: JSON nested deeper than %ld levels", at,
                 s->cfg.max_json_depth);
        srv_reply_error(r, 400, "json_too_deep", "body", id, en);
        return;
    }
    if (je == SRV_JSON_STRING_BIG) {
        snprintf(id, sizeof id, "bita %zu: string JSON lebih dari %ld bita", at, s->cfg.max_string);
        snprintf(en, sizeof en, "byte %zu: a JSON string longer than %ld bytes", at,
                 s->cfg.max_string);
        srv_reply_error(r, 413, "json_string_too_long", "body", id, en);
        return;
    }
    json_error_t err;
    r->json = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &err);
    if (r->json == NULL) {
        snprintf(id, sizeof id, "JSON tidak sah pada bita %d (baris %d, kolom %d): %s",
                 err.position, err.line, err.column, err.text);
        snprintf(en, sizeof en, "invalid JSON at byte %d (line %d, column %d): %s", err.position,
                 err.line, err.column, err.text);
        srv_reply_error(r, 400, "bad_json", "body", id, en);
        return;
    }
    if (!json_is_object(r->json)) {
        srv_reply_error(r, 400, "bad_json", "body", "isi permintaan harus objek JSON",
                        "the request body must be a JSON object");
    }
}

/* The GET routes that only read the store: their queries run in one read snapshot of the
 * thread's connection (one read lock, one consistent view of a case and its parts) instead of
 * one implicit transaction per statement. The login was checked before (first_call), since
 * a session's last-use update is a write. */
static const srv_handler read_only[] = {h_case,        h_cases,      h_case_timeline,
                                        h_case_clocks, h_queue_list, h_queue_entry};

static netra_store *read_snapshot(srv *s, srv_req *r)
{
    if (r->route->body_type != NULL || strcmp(r->route->method, "GET") != 0)
        return NULL;
    size_t i = 0;
    while (i < sizeof read_only / sizeof read_only[0] && read_only[i] != r->route->fn)
        i++;
    if (i == sizeof read_only / sizeof read_only[0])
        return NULL;
    netra_store *st = srv_store(s, r);
    if (st == NULL || netra_store_read_begin(st) < 0) {
        netra_error_clear();
        return NULL; /* the handler's reads run alone (and it answers a missing store) */
    }
    return st;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload,
                                 size_t *upload_size, void **con_cls)
{
    (void)url;
    (void)version;
    srv *s = cls;
    srv_req *r = *con_cls;
    if (r == NULL)
        return MHD_NO;
    if (!r->started) {
        r->started = 1;
        r->conn = conn;
        snprintf(r->method, sizeof r->method, "%s", method);
        r->head = strcmp(method, "HEAD") == 0;
        /* libmicrohttpd closes the connection when a response is queued in the first call
         * (the body has not been read yet): only do that for a request that announced a body
         * we refuse. Everything else is answered in the next call, and keep-alive holds. */
        if (first_call(s, r, method) && r->announced_body)
            return finish(s, r);
        return MHD_YES;
    } else if (*upload_size > 0) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (r->body_over)
            return MHD_YES;
        if (r->body_len + n > r->body_max) {
            r->body_over = 1;
            return MHD_YES;
        }
        if (r->body_len + n + 1 > r->body_cap) {
            size_t cap = r->body_cap ? r->body_cap : 4096;
            while (cap < r->body_len + n + 1)
                cap *= 2;
            if (cap > r->body_max + 1)
                cap = r->body_max + 1;
            char *nb = realloc(r->body, cap);
            if (nb == NULL) {
                r->body_over = 1;
                return MHD_YES;
            }
            r->body = nb;
            r->body_cap = cap;
        }
        memcpy(r->body + r->body_len, upload, n);
        r->body_len += n;
        r->body[r->body_len] = '\0';
        return MHD_YES;
    }
    if (r->resp != NULL)
        return finish(s, r);
    if (r->body_over) {
        char id[160], en[160];
        snprintf(id, sizeof id, "isi permintaan melebihi %zu bita", r->body_max);
        snprintf(en, sizeof en, "the request body exceeds %zu bytes", r->body_max);
        srv_reply_error(r, 413, "body_too_large", "body", id, en);
        return finish(s, r);
    }
    if (r->route->body_type != NULL && strcmp(r->route->body_type, "application/json") == 0) {
        parse_json_body(s, r);
        if (r->resp != NULL)
            return finish(s, r);
    }
    if (srv_writer_takes(r)) {
        /* a durable write: answered by the writer thread after its group commit */
        MHD_suspend_connection(conn);
        srv_writer_submit(s, r);
        return MHD_YES;
    }
    netra_error_clear();
    netra_store *snap = read_snapshot(s, r);
    r->route->fn(s, r);
    netra_store_read_end(snap);
    return finish(s, r);
}

/* libmicrohttpd's buffer per connection: header_memory plus 16 KiB, so that first_call()
 * refuses a request line and headers over header_memory with our JSON 431. A head that
 * nearly fills this buffer leaves no room for the reply's header (libmicrohttpd closes the
 * connection without an answer), and one that does not fit it gets libmicrohttpd's own
 * (HTML) 431, which cannot be replaced in libmicrohttpd 0.9.75 (docs/server.md, "Limits
 * and errors"). The buffer is not larger because libmicrohttpd clears it for every request
 * on a keep-alive connection: its size is paid on every request (docs/server.md, Speed). */
static size_t mhd_memory(const srv *s)
{
    return (size_t)s->cfg.header_memory + 16 * 1024;
}

int srv_start(srv *s)
{
    g_srv = s;
    size_t n_routes;
    srv_routes(&n_routes);
    s->n_routes = n_routes;
    s->m.by_route_status = calloc((n_routes + 1) * SRV_N_STATUS, sizeof(atomic_ulong));
    if (s->m.by_route_status == NULL)
        return -1;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
                     MHD_ALLOW_SUSPEND_RESUME | MHD_USE_TURBO;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, s->cfg.address, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)s->cfg.port);
    } else if (inet_pton(AF_INET6, s->cfg.address, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)s->cfg.port);
        flags |= MHD_USE_IPv6;
    } else {
        srv_log(s, 0, "the listen address is not an IPv4 or IPv6 literal", "address",
                s->cfg.address);
        return -1;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
        flags |= MHD_USE_EPOLL;
    s->id_prefix = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
    char why[200];
    int np =
        srv_proxies_parse(s->proxies, SRV_PROXIES_MAX, s->cfg.trusted_proxies, why, sizeof why);
    if (np < 0) {
        srv_log(s, 0, "trusted_proxies is not valid", "error", why);
        return -1;
    }
    s->n_proxies = (size_t)np;
    if (s->cfg.session_cache_ttl > 0 &&
        netra_auth_cache_new(&s->auth_cache, s->cfg.session_cache_ttl * 1000, 0) < 0) {
        srv_log(s, 0, "cannot create the session cache", "error", netra_error_last()->msg);
        return -1;
    }
    if (srv_writer_start(s) < 0) {
        netra_auth_cache_free(s->auth_cache);
        s->auth_cache = NULL;
        return -1;
    }
    log_buffer_start();
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_access, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->cfg.threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)s->cfg.timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, mhd_memory(s),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)s->cfg.max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)s->cfg.per_ip_connections,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
        MHD_OPTION_END);
    if (s->daemon == NULL) {
        char port[16];
        snprintf(port, sizeof port, "%ld", s->cfg.port);
        srv_log(s, 0, "cannot listen (address in use or not permitted?)", "port", port);
        srv_writer_stop();
        log_buffer_stop();
        netra_auth_cache_free(s->auth_cache);
        s->auth_cache = NULL;
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (info != NULL && info->port != 0)
        s->cfg.port = info->port;
    s->started = time(NULL);
    return 0;
}

void srv_stop(srv *s)
{
    atomic_store(&s->stopping, 1);
    MHD_socket ls = MHD_quiesce_daemon(s->daemon);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        unsigned long n = atomic_load(&s->m.in_flight);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (n == 0)
            break;
        if (now.tv_sec - t0.tv_sec >= s->cfg.shutdown_grace) {
            char v[24];
            snprintf(v, sizeof v, "%lu", n);
            srv_log(s, 1, "grace period over; closing requests still in flight", "requests", v);
            break;
        }
        struct timespec d = {0, 20 * 1000 * 1000};
        nanosleep(&d, NULL);
    }
    MHD_stop_daemon(s->daemon);
    s->daemon = NULL;
    srv_writer_stop();
    log_buffer_stop();
    srv_stores_close();
    netra_auth_cache_free(s->auth_cache);
    s->auth_cache = NULL;
    srv_public_limits_free();
    free(s->m.by_route_status);
    s->m.by_route_status = NULL;
}
