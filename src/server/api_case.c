/*
 * api_case.c - the routes that need a login: sessions (login, logout, me) and cases (list
 * with filters, sorting and cursor pagination; one case with its accused and acts and an
 * ETag; timeline; clocks; actions with If-Match; the audited reporter read; the streamed
 * export). Who may see and do what is decided by libnetra's access policy (netra/auth.h):
 * a case outside the principal's region or agency is 404, as if it did not exist; an
 * action the workflow does not grant the role is 403; one the state does not allow is 409.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

/* ---- sessions ----------------------------------------------------------------------------- */

static void set_cookie(srv *s, srv_req *r, const char *token, long max_age)
{
    char c[256];
    snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s",
             SRV_SESSION_COOKIE, token, max_age, s->cfg.secure_cookies ? "; Secure" : "");
    srv_reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, c);
}

static json_t *principal_json(const netra_principal *p)
{
    return json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:b,s:b,s:b,s:b,s:s}", "login", p->login,
                     "display_name", p->display_name, "role", p->role, "office_id",
                     (json_int_t)p->office_id, "office_kind", p->office_kind, "region", p->region,
                     "agency", p->agency, "reporter_access", p->reporter_access, "sees_cases",
                     p->sees_cases, "manages_accounts", p->manages_accounts, "must_change_password",
                     p->must_change_password, "via", p->session_id ? "session" : "token");
}

void h_login(srv *s, srv_req *r)
{
    static const char *const known[] = {"login", "password", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *login = srv_body_str(r, "login", 1);
    const char *password = login ? srv_body_str(r, "password", 1) : NULL;
    if (login == NULL || password == NULL)
        return;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    netra_session ses;
    int64_t retry = 0;
    int err = netra_auth_login(&ses, &retry, au, login, password, r->client);
    if (err == NETRA_EPERM && retry > 0) {
        char id[200], en[200], ra[24];
        snprintf(id, sizeof id, "terlalu banyak percobaan masuk; coba lagi dalam %lld detik",
                 (long long)retry);
        snprintf(en, sizeof en, "too many login attempts; try again in %lld seconds",
                 (long long)retry);
        srv_reply_error(r, 429, "throttled", NULL, id, en);
        snprintf(ra, sizeof ra, "%lld", (long long)retry);
        srv_reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
        return;
    }
    if (err == NETRA_EPERM) {
        srv_reply_error(r, 401, "bad_credentials", NULL, "nama pengguna atau kata sandi salah",
                        "wrong login or password");
        return;
    }
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    netra_principal p;
    if ((err = netra_auth_session(&p, au, ses.token)) < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    json_t *o = json_pack("{s:o,s:s,s:I,s:I}", "user", principal_json(&p), "csrf", ses.csrf,
                          "expires_idle", (json_int_t)ses.expires_idle, "expires_absolute",
                          (json_int_t)ses.expires_absolute);
    srv_reply_json(r, 201, o);
    set_cookie(s, r, ses.token, (long)(ses.expires_absolute - netra_auth_now(au)));
    volatile char *t = ses.token;
    for (size_t i = 0; i < sizeof ses.token; i++)
        t[i] = 0;
}

void h_logout(srv *s, srv_req *r)
{
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    if (r->session_token[0] != '\0')
        (void)netra_auth_logout(au, r->session_token, r->client);
    srv_reply_bytes(r, 204, NULL, "", 0);
    set_cookie(s, r, "", 0);
}

void h_me(srv *s, srv_req *r)
{
    (void)s;
    srv_reply_json(r, 200, principal_json(&r->me));
}

/* ---- cases -------------------------------------------------------------------------------- */

static json_t *jdate(netra_date d)
{
    char b[NETRA_DATE_STRLEN];
    return json_string(netra_date_format(d, b));
}

/* Bytes of one case in the list, to size the page's buffer at once (a longer answer grows). */
#define CASE_JSON_BYTES 480

typedef struct case_vec {
    netra_case *v;
    size_t n, cap;
    int failed;
} case_vec;

static int collect(const netra_case *c, void *payload)
{
    case_vec *x = payload;
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 256;
        netra_case *nv = realloc(x->v, cap * sizeof *nv);
        if (nv == NULL) {
            x->failed = 1;
            return -1;
        }
        x->v = nv;
        x->cap = cap;
    }
    x->v[x->n++] = *c;
    return 0;
}

typedef struct agencies {
    char names[8][NETRA_AGENCY_MAX + 1];
    const char *ptr[9];
    size_t n;
} agencies;

static int add_agency(const char *agency, void *payload)
{
    agencies *a = payload;
    if (a->n < 8) {
        snprintf(a->names[a->n], sizeof a->names[0], "%s", agency);
        a->ptr[a->n] = a->names[a->n];
        a->n++;
    }
    return 0;
}

/* Whether the principal sees case `c` (its region and its accused's agencies). */
static int sees(netra_store *st, const netra_principal *p, const netra_case *c)
{
    agencies a;
    a.n = 0;
    if (p->agency[0] != '\0' && netra_store_case_agencies(st, c->id, add_agency, &a) < 0)
        return 0;
    a.ptr[a.n] = NULL;
    return netra_principal_may_see(p, c->region, a.ptr) == 1;
}

typedef enum { SORT_ID, SORT_UPDATED, SORT_OPENED } sort_key;

static sort_key g_sort_key; /* qsort has no payload; set under the list lock */
static int g_sort_desc;
static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;

static long long key_of(const netra_case *c, sort_key k)
{
    return k == SORT_UPDATED ? (long long)c->updated : k == SORT_OPENED ? (long long)c->opened : 0;
}

static int cmp_cases(const void *a, const void *b)
{
    const netra_case *x = a, *y = b;
    long long kx = key_of(x, g_sort_key), ky = key_of(y, g_sort_key);
    int c = kx < ky ? -1 : kx > ky ? 1 : x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
    return g_sort_desc ? -c : c;
}

/* The cursor is the sort key and id of the last case of the previous page: "K.ID". */
static int after_cursor(const netra_case *c, sort_key k, int desc, long long ck, long long cid)
{
    long long kc = key_of(c, k);
    if (kc != ck)
        return desc ? kc < ck : kc > ck;
    return desc ? c->id < cid : c->id > cid;
}

void h_cases(srv *s, srv_req *r)
{
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    netra_case_filter f = {0};
    f.state = srv_q(r, "state");
    f.kind = srv_q(r, "kind");
    f.region = srv_q(r, "region");
    const char *ov = srv_q(r, "overdue");
    if (ov != NULL) {
        if (strcmp(ov, "true") != 0 && strcmp(ov, "false") != 0) {
            srv_reply_error(r, 400, "bad_overdue", "overdue", "'overdue' harus true atau false",
                            "'overdue' must be true or false");
            return;
        }
        f.overdue_only = strcmp(ov, "true") == 0;
    }
    f.today = netra_date_today();
    const char *ds = srv_q(r, "date");
    if (ds != NULL && srv_date_arg(r, "date", ds, &f.today) < 0)
        return;
    if (f.state != NULL && netra_workflow_state(s->wf, f.state) == NULL) {
        srv_reply_error(r, 400, "bad_state", "state", "'state' bukan tahap alur kerja yang dikenal",
                        "'state' is not a known workflow state");
        return;
    }
    long limit = 50;
    const char *ls = srv_q(r, "limit");
    if (ls != NULL) {
        char *end = NULL;
        limit = strtol(ls, &end, 10);
        if (end == ls || *end != '\0' || limit < 1 || limit > 500) {
            srv_reply_error(r, 400, "bad_limit", "limit", "'limit' harus 1 sampai 500",
                            "'limit' must be 1 to 500");
            return;
        }
    }
    const char *so = srv_q(r, "sort");
    sort_key k = SORT_ID;
    int desc = 0;
    if (so != NULL) {
        const char *name = so[0] == '-' ? so + 1 : so;
        desc = so[0] == '-';
        if (strcmp(name, "id") == 0)
            k = SORT_ID;
        else if (strcmp(name, "updated") == 0)
            k = SORT_UPDATED;
        else if (strcmp(name, "opened") == 0)
            k = SORT_OPENED;
        else {
            srv_reply_error(r, 400, "bad_sort", "sort",
                            "'sort' harus id, updated atau opened (awali '-' untuk menurun)",
                            "'sort' must be id, updated or opened (prefix '-' for descending)");
            return;
        }
    }
    long long ck = 0, cid = 0;
    const char *cur = srv_q(r, "cursor");
    if (cur != NULL) {
        char *end = NULL;
        ck = strtoll(cur, &end, 10);
        if (end == cur || *end != '.' || (cid = strtoll(end + 1, &end, 10), *end != '\0')) {
            srv_reply_error(r, 400, "bad_cursor", "cursor", "'cursor' tidak sah",
                            "'cursor' is not valid");
            return;
        }
    }
    case_vec all = {0};
    int err = netra_store_case_list(st, &f, collect, &all);
    if (err < 0 || all.failed) {
        free(all.v);
        srv_reply_netra(r, err < 0 ? err : NETRA_ENOMEM, NULL);
        return;
    }
    size_t w = 0;
    for (size_t i = 0; i < all.n; i++)
        if (sees(st, &r->me, &all.v[i]))
            all.v[w++] = all.v[i];
    all.n = w;
    pthread_mutex_lock(&sort_mu);
    g_sort_key = k;
    g_sort_desc = desc;
    if (all.n > 1)
        qsort(all.v, all.n, sizeof *all.v, cmp_cases);
    pthread_mutex_unlock(&sort_mu);
    /* written straight into one buffer sized for the page (jsonw.h) */
    size_t page = all.n < (size_t)limit ? all.n : (size_t)limit;
    srv_jw jw;
    srv_jw_init(&jw, 256 + page * CASE_JSON_BYTES, SRV_JSON_MAX);
    srv_jw_raw(&jw, "{\"cases\":[", 10);
    size_t shown = 0;
    const netra_case *last = NULL;
    int more = 0;
    for (size_t i = 0; i < all.n; i++) {
        if (cur != NULL && !after_cursor(&all.v[i], k, desc, ck, cid))
            continue;
        if (shown == (size_t)limit) {
            more = 1;
            break;
        }
        srv_jw_sep(&jw);
        srv_jw_raw(&jw, "{", 1);
        srv_jw_case_members(&jw, &all.v[i]);
        srv_jw_raw(&jw, "}", 1);
        last = &all.v[i];
        shown++;
    }
    srv_jw_raw(&jw, "]", 1);
    srv_jw_kint(&jw, "total", (long long)all.n);
    srv_jw_key(&jw, "next_cursor");
    if (more && last != NULL) {
        char next[64];
        snprintf(next, sizeof next, "%lld.%lld", key_of(last, k), (long long)last->id);
        srv_jw_str(&jw, next);
    } else {
        srv_jw_raw(&jw, "null", 4);
    }
    srv_jw_raw(&jw, "}", 1);
    free(all.v);
    srv_reply_jw(r, 200, &jw);
}

/* Reads the case of the path and checks that the principal sees it; replies 404 otherwise. */
static int load_case(srv *s, srv_req *r, netra_store **st_out, netra_case *c)
{
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return -1;
    const char *ids = srv_p(r, "id");
    char *end = NULL;
    errno = 0;
    long long id = strtoll(ids, &end, 10);
    if (errno != 0 || end == ids || *end != '\0' || id <= 0) {
        srv_reply_error(r, 400, "bad_id", "id", "nomor perkara harus bilangan bulat positif",
                        "a case number is a positive whole number");
        return -1;
    }
    int err = netra_store_case_get(c, st, id);
    if (err == NETRA_OK && !sees(st, &r->me, c))
        err = NETRA_ENOTFOUND;
    if (err == NETRA_ENOTFOUND) {
        srv_reply_error(r, 404, "not_found", "id", "perkara tidak ditemukan", "no such case");
        return -1;
    }
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return -1;
    }
    *st_out = st;
    return 0;
}

int srv_case_load(srv *s, srv_req *r, netra_store **st_out, netra_case *c)
{
    return load_case(s, r, st_out, c);
}

int srv_case_if_match(srv_req *r, const netra_case *c)
{
    const char *im = srv_header(r, MHD_HTTP_HEADER_IF_MATCH);
    if (im == NULL) {
        srv_reply_error(r, 428, "if_match_required", "If-Match",
                        "header If-Match (ETag perkara yang dibaca) wajib untuk perubahan",
                        "an If-Match header (the ETag of the case read) is required to change it");
        return -1;
    }
    char etag[SRV_ETAG_MAX];
    srv_etag(etag, c->version);
    if (strcmp(im, etag) != 0 && strcmp(im, "*") != 0) {
        char id[200], en[200];
        snprintf(id, sizeof id,
                 "perkara telah diubah orang lain (versi kini %s); muat ulang lalu ulangi", etag);
        snprintf(en, sizeof en, "the case changed meanwhile (now %s); reload and try again", etag);
        srv_reply_error(r, 412, "stale", "If-Match", id, en);
        srv_reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
        return -1;
    }
    return 0;
}

static int write_acc(const netra_case_asn_row *a, void *payload)
{
    srv_jw_case_asn(payload, a);
    return 0;
}

static int write_act(const netra_case_act_row *a, void *payload)
{
    srv_jw_case_act(payload, a);
    return 0;
}

/* The accused's PPK runs in the case's election: the recommendation goes elsewhere. With the
 * offices' labels and the route's basis (conflict-routes.tsv), so a reader sees why; null when
 * the case has no conflict. */
static void write_conflict(srv_jw *w, netra_store *st, int64_t case_id)
{
    netra_case_conflict cf;
    if (netra_store_case_conflict(&cf, st, case_id) != NETRA_OK) {
        netra_error_clear();
        srv_jw_raw(w, "null", 4);
        return;
    }
    srv_jw_raw(w, "{", 1);
    srv_jw_case_conflict_members(w, &cf);
    netra_coi *coi = NULL;
    if (netra_store_coi(&coi, st) != NETRA_OK) {
        netra_error_clear();
        srv_jw_raw(w, "}", 1);
        return;
    }
    const netra_authority *ppk = netra_coi_authority(coi, cf.ppk_office);
    const netra_authority *to = netra_coi_authority(coi, cf.route_to);
    if (ppk != NULL) {
        srv_jw_kstr(w, "ppk_label_id", ppk->label_id);
        srv_jw_kstr(w, "ppk_label_en", ppk->label_en);
    }
    if (to != NULL) {
        srv_jw_kstr(w, "route_label_id", to->label_id);
        srv_jw_kstr(w, "route_label_en", to->label_en);
    }
    /* The last rule naming this PPK and route (as the object it replaced kept it). */
    const netra_coi_route_rule *rule = NULL;
    for (size_t i = 0; i < netra_coi_n_routes(coi); i++) {
        const netra_coi_route_rule *rr = netra_coi_route_at(coi, i);
        if (strcmp(rr->ppk, cf.ppk_office) == 0 && strcmp(rr->route_to, cf.route_to) == 0)
            rule = rr;
    }
    if (rule != NULL) {
        srv_jw_kstr(w, "route_basis", rule->basis);
        srv_jw_kbool(w, "route_netra_default", rule->netra_default);
    }
    srv_jw_raw(w, "}", 1);
}

/* The case page, written straight into one buffer (jsonw.h): the same bytes as the jansson
 * tree it replaced (tests/unit/server/jsonw.c), without a tree per request. */
static void reply_case(srv *s, srv_req *r, netra_store *st, const netra_case *c, int status)
{
    srv_jw w;
    srv_jw_init(&w, 4096, SRV_JSON_MAX);
    srv_jw_raw(&w, "{", 1);
    srv_jw_case_members(&w, c);
    srv_jw_key(&w, "accused");
    srv_jw_raw(&w, "[", 1);
    netra_store_case_asns(st, c->id, write_acc, &w);
    srv_jw_raw(&w, "]", 1);
    srv_jw_key(&w, "acts");
    srv_jw_raw(&w, "[", 1);
    netra_store_case_acts(st, c->id, write_act, &w);
    srv_jw_raw(&w, "]", 1);
    srv_jw_key(&w, "conflict_of_interest");
    write_conflict(&w, st, c->id);
    char allowed[512];
    netra_workflow_allowed(allowed, sizeof allowed, s->wf, c->state, c->regime);
    srv_jw_key(&w, "allowed_actions");
    srv_jw_raw(&w, "[", 1);
    for (char *p = allowed, *e; *p; p = e + (*e != '\0')) {
        while (*p == ' ')
            p++;
        e = strchr(p, ',');
        if (e == NULL)
            e = p + strlen(p);
        srv_jw_sep(&w);
        srv_jw_strn(&w, p, (size_t)(e - p));
        if (*e == '\0')
            break;
    }
    srv_jw_raw(&w, "]}", 2);
    char etag[SRV_ETAG_MAX];
    srv_etag(etag, c->version);
    srv_reply_jw(r, status, &w);
    srv_reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
}

void h_case(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    char etag[SRV_ETAG_MAX];
    srv_etag(etag, c.version);
    const char *inm = srv_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm != NULL && strcmp(inm, etag) == 0) {
        srv_reply_bytes(r, 304, NULL, "", 0);
        srv_reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
        return;
    }
    reply_case(s, r, st, &c, 200);
}

static int add_event(const netra_case_event *e, void *payload)
{
    json_t *before = e->before ? json_loads(e->before, 0, NULL) : NULL;
    json_t *after = e->after ? json_loads(e->after, 0, NULL) : NULL;
    json_array_append_new(payload, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "seq", (json_int_t)e->seq,
                                             "at", e->at, "actor", e->actor, "action", e->action,
                                             "before", before ? before : json_null(), "after",
                                             after ? after : json_null()));
    return 0;
}

void h_case_timeline(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    json_t *a = json_array();
    int err = netra_store_case_timeline(st, c.id, add_event, a);
    if (err < 0) {
        json_decref(a);
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:I,s:o}", "case", (json_int_t)c.id, "timeline", a));
}

typedef struct clock_ctx {
    srv *s;
    const netra_case *c;
    json_t *a;
    netra_date today;
} clock_ctx;

static int add_clock(const netra_case_clock *k, void *payload)
{
    clock_ctx *x = payload;
    json_t *o = json_pack("{s:s,s:o,s:o,s:b,s:b,s:s}", "clock", k->clock, "started",
                          jdate(k->started), "deadline", jdate(k->deadline), "extended",
                          k->extended, "running", k->running, "basis", k->basis);
    json_object_set_new(o, "stopped", k->running ? json_null() : jdate(k->stopped));
    json_object_set_new(o, "overdue", json_boolean(k->running && x->today > k->deadline));
    const char *esc = netra_clock_escalation(x->s->wf, k->clock, x->c->regime, x->c->holder);
    json_object_set_new(o, "escalates_to", esc ? json_string(esc) : json_null());
    json_array_append_new(x->a, o);
    return 0;
}

void h_case_clocks(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    clock_ctx x = {s, &c, json_array(), netra_date_today()};
    const char *ds = srv_q(r, "date");
    if (ds != NULL && srv_date_arg(r, "date", ds, &x.today) < 0) {
        json_decref(x.a);
        return;
    }
    int err = netra_store_case_clocks(st, c.id, add_clock, &x);
    if (err < 0) {
        json_decref(x.a);
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:I,s:o,s:o}", "case", (json_int_t)c.id, "date", jdate(x.today),
                             "clocks", x.a));
}

void h_case_action(srv *s, srv_req *r)
{
    static const char *const known[] = {"action", "fields", "date", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    if (srv_case_if_match(r, &c) < 0)
        return;
    const char *action = srv_body_str(r, "action", 1);
    if (action == NULL)
        return;
    netra_date today = netra_date_today();
    const char *ds = srv_body_str(r, "date", 0);
    if (r->resp != NULL || (ds != NULL && srv_date_arg(r, "date", ds, &today) < 0))
        return;
    json_t *fo = json_object_get(r->json, "fields");
    if (fo != NULL && !json_is_object(fo)) {
        srv_reply_error(r, 422, "bad_field", "fields", "'fields' harus objek",
                        "'fields' must be an object");
        return;
    }
    netra_case_field fields[NETRA_WF_MAX_FIELDS * 2 + 1];
    size_t nf = 0;
    const char *key;
    json_t *v;
    json_object_foreach(fo, key, v)
    {
        if (nf == NETRA_WF_MAX_FIELDS * 2 || !json_is_string(v)) {
            char id[160], en[160];
            snprintf(id, sizeof id, "kolom '%.60s' harus teks (paling banyak %d kolom)", key,
                     NETRA_WF_MAX_FIELDS * 2);
            snprintf(en, sizeof en, "field '%.60s' must be a string (at most %d fields)", key,
                     NETRA_WF_MAX_FIELDS * 2);
            srv_reply_error(r, 422, "bad_field", key, id, en);
            return;
        }
        fields[nf].name = key;
        fields[nf].value = json_string_value(v);
        nf++;
    }
    fields[nf].name = NULL;
    fields[nf].value = NULL;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    int err = netra_auth_may_act_case(au, &r->me, c.id, action);
    if (err == NETRA_OK) {
        netra_actor actor = netra_principal_actor(&r->me, today);
        err = netra_store_case_act(st, c.id, c.version, action, fields, &actor);
    }
    if (err < 0) {
        srv_reply_netra(r, err, err == NETRA_EINVAL ? "action" : NULL);
        return;
    }
    netra_case now;
    if ((err = netra_store_case_get(&now, st, c.id)) < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    reply_case(s, r, st, &now, 200);
}

void h_case_reporter(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    char identity[512], contact[512];
    int err = netra_auth_reporter_get(identity, sizeof identity, contact, sizeof contact, au,
                                      &r->me, c.id);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:I,s:s,s:s}", "case", (json_int_t)c.id, "identity", identity,
                             "contact", contact));
    memset(identity, 0, sizeof identity);
    memset(contact, 0, sizeof contact);
}

/* ---- evidence ---------------------------------------------------------------------------- */

/* Whether the bytes start the way their declared media type does (never trust the header
 * alone: a page renders what it believes a file is). */
static int content_matches(const char *type, const unsigned char *b, size_t n)
{
    if (type == NULL)
        return 0;
    /* one implementation of sniffing: the library's (netra_evidence_sniff, netra/store.h) */
    const char *seen = NULL;
    int known = netra_evidence_sniff(&seen, NULL, b, n) == NETRA_OK;
    if (strncmp(type, "text/plain", 10) == 0)
        return !known && memchr(b, '\0', n) == NULL;
    size_t tl = strcspn(type, "; ");
    return known && strlen(seen) == tl && strncmp(seen, type, tl) == 0;
}

void h_case_evidence(srv *s, srv_req *r)
{
    static const char *const kinds[] = {"tangkapan_layar", "foto", "video",
                                        "dokumen",         "teks", NULL};
    const char *kind = srv_q(r, "kind");
    int ok = 0;
    for (size_t i = 0; kind && kinds[i]; i++)
        ok |= strcmp(kind, kinds[i]) == 0;
    if (!ok) {
        srv_reply_error(r, 400, "bad_kind", "kind",
                        "'kind' harus tangkapan_layar, foto, video, dokumen atau teks",
                        "'kind' must be tangkapan_layar, foto, video, dokumen or teks");
        return;
    }
    const char *url = srv_q(r, "url");
    if (url != NULL && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
        srv_reply_error(r, 400, "bad_url", "url", "'url' harus alamat http(s)",
                        "'url' must be an http(s) address");
        return;
    }
    if (r->body_len == 0) {
        srv_reply_error(r, 400, "empty_body", "body", "berkas bukti kosong",
                        "the evidence file is empty");
        return;
    }
    const char *type = srv_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!content_matches(type, (const unsigned char *)r->body, r->body_len)) {
        srv_reply_error(r, 415, "content_mismatch", "Content-Type",
                        "isi berkas tidak sesuai dengan jenis isi yang dinyatakan",
                        "the file's content does not match its declared content type");
        return;
    }
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    char media[64];
    size_t ml = strcspn(type, "; ");
    snprintf(media, sizeof media, "%.*s", (int)(ml < sizeof media ? ml : sizeof media - 1), type);
    netra_actor actor = netra_principal_actor(&r->me, netra_date_today());
    int64_t eid = 0;
    char sha[65];
    int err = netra_store_evidence_add(&eid, sha, st, c.id, kind, media, r->body, r->body_len, url,
                                       &actor);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 201,
                   json_pack("{s:I,s:I,s:s,s:s,s:s,s:I}", "case", (json_int_t)c.id, "evidence_id",
                             (json_int_t)eid, "sha256", sha, "kind", kind, "media_type", media,
                             "bytes", (json_int_t)r->body_len));
}

/* At most this many pieces of evidence are listed per case (a bounded answer); the answer
 * says when more exist. */
#define EVIDENCE_LIST_MAX 500

typedef struct evidence_list_ctx {
    json_t *a;
    size_t n;
} evidence_list_ctx;

static int add_evidence_row(const netra_evidence_row *e, void *payload)
{
    evidence_list_ctx *x = payload;
    if (++x->n > EVIDENCE_LIST_MAX)
        return 0;
    json_array_append_new(
        x->a, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:i,s:[]}", "id", (json_int_t)e->id,
                        "sha256", e->sha256, "kind", e->kind, "media_type", e->media_type, "bytes",
                        (json_int_t)e->size, "url", e->url, "captured_at", e->captured_at,
                        "captured_by", e->captured_by, "n_custody", e->n_custody, "custody"));
    return 0;
}

/* The listed pieces and the custody rows both come by evidence id: walked in step. */
typedef struct custody_ctx {
    json_t *pieces;
    size_t next;   /* the next piece to look at */
    json_t *piece; /* the piece the last row belonged to */
    int64_t id;    /* its id */
} custody_ctx;

static int add_custody_row(int64_t evidence_id, const netra_custody_row *k, void *payload)
{
    custody_ctx *x = payload;
    while ((x->piece == NULL || x->id < evidence_id) && x->next < json_array_size(x->pieces)) {
        x->piece = json_array_get(x->pieces, x->next++);
        x->id = (int64_t)json_integer_value(json_object_get(x->piece, "id"));
    }
    if (x->piece == NULL || x->id != evidence_id)
        return 0;
    json_array_append_new(json_object_get(x->piece, "custody"),
                          json_pack("{s:s,s:s,s:s,s:s}", "at", k->at, "actor", k->actor, "action",
                                    k->action, "note", k->note));
    return 0;
}

void h_case_evidence_list(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case c;
    if (load_case(s, r, &st, &c) < 0)
        return;
    evidence_list_ctx x = {json_array(), 0};
    int err = netra_store_case_evidence(st, c.id, add_evidence_row, &x);
    /* the custody of every listed piece in one query, after the listing's statement is done */
    size_t listed = json_array_size(x.a);
    if (err == 0 && listed > 0) {
        custody_ctx k = {x.a, 0, NULL, 0};
        int64_t last =
            (int64_t)json_integer_value(json_object_get(json_array_get(x.a, listed - 1), "id"));
        err = netra_store_case_custody(st, c.id, last, add_custody_row, &k);
    }
    if (err < 0) {
        json_decref(x.a);
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:I,s:o,s:I,s:b}", "case", (json_int_t)c.id, "evidence", x.a,
                             "total", (json_int_t)x.n, "truncated", x.n > EVIDENCE_LIST_MAX));
}

/* ---- export: the store writes into a pipe from its own thread and connection ------------- */

typedef struct export_job {
    srv *s;
    int rfd, wfd;
    netra_export_format format;
} export_job;

/* The writer's own copy: the reader's job may be freed while the writer still runs. */
typedef struct export_writer {
    srv *s;
    int wfd;
    netra_export_format format;
} export_writer;

static void *export_thread(void *arg)
{
    export_writer *j = arg;
    srv *s = j->s;
    FILE *out = fdopen(j->wfd, "w");
    if (out == NULL) {
        close(j->wfd);
        free(j);
        return NULL;
    }
    netra_store_config cfg = {s->wf, s->cal, s->have_key ? &s->key : NULL, s->law};
    netra_store *st = NULL;
    if (netra_store_open(&st, s->cfg.database, &cfg) == NETRA_OK) {
        if (netra_store_export(NULL, st, j->format, out) < 0)
            srv_log(s, 1, "export ended early", "error", netra_error_last()->msg);
        netra_store_close(st);
    }
    fclose(out);
    free(j);
    return NULL;
}

static ssize_t export_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    export_job *j = cls;
    for (;;) {
        ssize_t n = read(j->rfd, buf, max);
        if (n > 0)
            return n;
        if (n == 0)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (errno != EINTR)
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
}

static void export_free(void *cls)
{
    export_job *j = cls;
    close(j->rfd); /* a writer still running gets EPIPE and stops */
    free(j);
}

void h_export(srv *s, srv_req *r)
{
    if (r->me.region[0] != '\0' || r->me.agency[0] != '\0' || !r->me.sees_cases) {
        srv_reply_error(r, 403, "forbidden", NULL,
                        "ekspor seluruh perkara hanya untuk kantor tingkat nasional",
                        "exporting every case is for national offices only");
        return;
    }
    const char *fmt = srv_q(r, "format");
    netra_export_format f = NETRA_EXPORT_CSV;
    if (fmt != NULL && strcmp(fmt, "json") == 0)
        f = NETRA_EXPORT_JSON;
    else if (fmt != NULL && strcmp(fmt, "csv") != 0) {
        srv_reply_error(r, 400, "bad_format", "format", "'format' harus csv atau json",
                        "'format' must be csv or json");
        return;
    }
    export_job *j = calloc(1, sizeof *j);
    export_writer *wr = calloc(1, sizeof *wr);
    int fds[2];
    if (j == NULL || wr == NULL || pipe(fds) != 0) {
        free(j);
        free(wr);
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    j->s = s;
    j->rfd = fds[0];
    j->wfd = fds[1];
    j->format = f;
    wr->s = s;
    wr->wfd = fds[1];
    wr->format = f;
    pthread_t t;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, export_thread, wr) != 0) {
        pthread_attr_destroy(&at);
        close(fds[0]);
        close(fds[1]);
        free(j);
        free(wr);
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    pthread_attr_destroy(&at);
    srv_reply_stream(r, 200, f == NETRA_EXPORT_CSV ? "text/csv; charset=utf-8" : "application/json",
                     export_read, j, export_free);
    srv_reply_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
                     f == NETRA_EXPORT_CSV ? "attachment; filename=\"netra-cases.csv\""
                                           : "attachment; filename=\"netra-cases.json\"");
}
