/*
 * api_asn.c - the routes of the analyst's workspace beyond one case: one accused civil
 * servant across cases and elections (GET /api/v1/asn/{nip}), duplicate suggestions of a
 * case with merging and its undo (GET /cases/{id}/duplicates, POST /cases/{id}/merge and
 * /unmerge) and the dashboard's counts (GET /api/v1/dashboard). Everything is scoped like
 * the case routes: a case outside the account's region or agency is left out, or 404 as if
 * it did not exist; reporters are never read here. Whether a role may merge or undo is the
 * workflow's (actions gabungkan and pisahkan of data/workflow/transitions.tsv), checked by
 * libnetra's access policy and again by the store.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "netra/ident.h"
#include "netra/text.h"

/* ---- shared ------------------------------------------------------------------------------ */

static json_t *jdate(netra_date d)
{
    char b[NETRA_DATE_STRLEN];
    return json_string(netra_date_format(d, b));
}

typedef struct agency_set {
    char names[8][NETRA_AGENCY_MAX + 1];
    const char *ptr[9];
    size_t n;
} agency_set;

static int add_agency(const char *agency, void *payload)
{
    agency_set *a = payload;
    if (a->n < 8) {
        snprintf(a->names[a->n], sizeof a->names[0], "%s", agency);
        a->ptr[a->n] = a->names[a->n];
        a->n++;
    }
    return 0;
}

/* Whether the principal sees case `c` (its region and its accused's agencies), as the case
 * routes decide. */
static int visible(netra_store *st, const netra_principal *p, const netra_case *c)
{
    agency_set a;
    a.n = 0;
    if (p->agency[0] != '\0' && netra_store_case_agencies(st, c->id, add_agency, &a) < 0)
        return 0;
    a.ptr[a.n] = NULL;
    return netra_principal_may_see(p, c->region, a.ptr) == 1;
}

static json_t *case_brief(const netra_case *c)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b}", "id", (json_int_t)c->id,
                     "version", (json_int_t)c->version, "kind", c->kind, "regime", c->regime,
                     "election", c->election, "state", c->state, "region", c->region, "holder",
                     c->holder, "title", c->title, "opened", jdate(c->opened), "updated",
                     jdate(c->updated), "demo", c->demo);
}

/* A positive integer member of the JSON body; replies 422 naming it otherwise. */
static int body_int(srv_req *r, const char *name, int64_t *out)
{
    json_t *v = json_object_get(r->json, name);
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        char id[160], en[160];
        snprintf(id, sizeof id, "kolom '%s' wajib berupa bilangan bulat positif", name);
        snprintf(en, sizeof en, "field '%s' is required and must be a positive whole number", name);
        srv_reply_error(r, 422, "bad_field", name, id, en);
        return -1;
    }
    *out = (int64_t)json_integer_value(v);
    return 0;
}

/* ---- GET /api/v1/asn/{nip} --------------------------------------------------------------- */

typedef struct asn_walk {
    srv *s;
    netra_store *st;
    const netra_principal *me;
    netra_case *v;
    size_t n, cap;
    size_t outside; /* cases of this person the account does not see */
    int failed;
} asn_walk;

static int asn_collect(const netra_case *c, void *payload)
{
    asn_walk *w = payload;
    if (!visible(w->st, w->me, c)) {
        w->outside++;
        return 0;
    }
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        netra_case *nv = realloc(w->v, cap * sizeof *nv);
        if (nv == NULL) {
            w->failed = 1;
            return -1;
        }
        w->v = nv;
        w->cap = cap;
    }
    w->v[w->n++] = *c;
    return 0;
}

static int asn_act(const netra_case_act_row *a, void *payload)
{
    json_array_append_new(payload, json_pack("{s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:s}", "type", a->type,
                                             "date", jdate(a->date), "region", a->region,
                                             "platform", a->platform, "url", a->url, "election",
                                             a->election, "stage", a->stage, "form", a->form));
    return 0;
}

void h_asn(srv *s, srv_req *r)
{
    const char *text = srv_p(r, "nip");
    netra_id_options io = NETRA_ID_OPTIONS_INIT;
    netra_id_info info;
    int err = netra_id_check(&info, text, strlen(text), &io);
    if (err == NETRA_OK && info.kind == NETRA_ID_NIK) {
        srv_reply_error(r, 422, "not_nip", "nip",
                        "ini NIK (nomor KTP), bukan NIP atau NI PPPK seorang ASN",
                        "this is a NIK (identity card number), not a civil servant's NIP or NI "
                        "PPPK");
        return;
    }
    if (err < 0) {
        char id[320], en[320], mid[360], men[360];
        netra_id_explain(id, sizeof id, &info, 0);
        netra_id_explain(en, sizeof en, &info, 1);
        snprintf(mid, sizeof mid, "NIP tidak sah: %s", id);
        snprintf(men, sizeof men, "not a valid NIP: %s", en);
        srv_reply_error(r, 422, "bad_nip", "nip", mid, men);
        return;
    }
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    netra_asn_row a;
    err = netra_store_asn_get(&a, st, info.digits);
    asn_walk w = {s, st, &r->me, NULL, 0, 0, 0, 0};
    if (err == NETRA_OK)
        err = netra_store_asn_cases(st, a.nip, asn_collect, &w);
    if (err == NETRA_OK && w.failed)
        err = NETRA_ENOMEM;
    /* A person none of whose cases the account sees does not exist for it. */
    if (err == NETRA_ENOTFOUND || (err == NETRA_OK && w.n == 0)) {
        free(w.v);
        srv_reply_error(r, 404, "not_found", "nip",
                        "tidak ada perkara ASN ini di wilayah atau instansi Anda",
                        "no case of this civil servant in your region or agency");
        return;
    }
    if (err < 0) {
        free(w.v);
        srv_reply_netra(r, err, NULL);
        return;
    }
    json_t *cases = json_array(), *elections = json_array(), *forms = json_array();
    size_t sanctioned = 0;
    for (size_t i = 0; i < w.n; i++) {
        const netra_case *c = &w.v[i];
        json_t *o = case_brief(c);
        json_t *acts = json_array();
        if ((err = netra_store_case_acts(st, c->id, asn_act, acts)) < 0) {
            json_decref(o);
            json_decref(acts);
            break;
        }
        char sanction[200] = "", decree[120] = "", decree_date[16] = "", level[32] = "";
        (void)netra_store_case_field(sanction, sizeof sanction, st, c->id, "sanksi");
        (void)netra_store_case_field(decree, sizeof decree, st, c->id, "nomor_sk");
        (void)netra_store_case_field(decree_date, sizeof decree_date, st, c->id, "tanggal_sk");
        (void)netra_store_case_field(level, sizeof level, st, c->id, "bentuk");
        const netra_wf_state *ws = netra_workflow_state(s->wf, c->state);
        json_object_set_new(o, "terminal", json_boolean(ws != NULL && ws->terminal));
        json_object_set_new(o, "acts", acts);
        json_object_set_new(o, "sanction", sanction[0] ? json_string(sanction) : json_null());
        json_object_set_new(o, "decree", decree[0] ? json_string(decree) : json_null());
        json_object_set_new(o, "decree_date",
                            decree_date[0] ? json_string(decree_date) : json_null());
        json_object_set_new(o, "recommended_form", level[0] ? json_string(level) : json_null());
        if (sanction[0] != '\0' && decree[0] != '\0')
            sanctioned++;
        json_array_append_new(cases, o);
        /* the elections and forms across the cases, each once, in order of appearance */
        int seen = 0;
        for (size_t k = 0; k < json_array_size(elections); k++)
            seen |= strcmp(json_string_value(json_array_get(elections, k)), c->election) == 0;
        if (!seen && c->election[0] != '\0')
            json_array_append_new(elections, json_string(c->election));
        for (size_t k = 0; k < json_array_size(acts); k++) {
            const char *f = json_string_value(json_object_get(json_array_get(acts, k), "form"));
            int had = 0;
            for (size_t m = 0; f && m < json_array_size(forms); m++)
                had |= strcmp(json_string_value(json_array_get(forms, m)), f) == 0;
            if (f && f[0] != '\0' && !had)
                json_array_append_new(forms, json_string(f));
        }
    }
    free(w.v);
    if (err < 0) {
        json_decref(cases);
        json_decref(elections);
        json_decref(forms);
        srv_reply_netra(r, err, NULL);
        return;
    }
    size_t n = json_array_size(cases);
    srv_reply_json(r, 200,
                   json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:b,s:I,s:o,s:o,s:o}", "nip",
                             a.nip, "name", a.name, "employee_type", a.employee_type, "agency",
                             a.agency, "position_class", a.position, "region", a.region, "ppk",
                             a.ppk, "accounts", a.accounts, "n_cases", (json_int_t)n,
                             "cases_elsewhere", (json_int_t)w.outside, "repeat", n + w.outside > 1,
                             "sanctioned", (json_int_t)sanctioned, "elections", elections, "forms",
                             forms, "cases", cases));
}

/* ---- finding the accused by name or NIP --------------------------------------------------- */

#define ASN_FIND_SHOWN 50

typedef struct asn_find_walk {
    netra_store *st;
    const netra_principal *me;
    json_t *results;
    size_t seen, outside; /* per person: cases the account sees, cases it does not */
    int more;
} asn_find_walk;

static int asn_count(const netra_case *c, void *payload)
{
    asn_find_walk *w = payload;
    if (visible(w->st, w->me, c))
        w->seen++;
    else
        w->outside++;
    return 0;
}

static int asn_found(const netra_asn_row *a, void *payload)
{
    asn_find_walk *w = payload;
    if (w->more) /* one more than shown is known: the rest need not be read */
        return 0;
    w->seen = w->outside = 0;
    int err = netra_store_asn_cases(w->st, a->nip, asn_count, w);
    if (err < 0)
        return err;
    if (w->seen == 0) /* a person none of whose cases the account sees does not exist for it */
        return 0;
    if (json_array_size(w->results) == ASN_FIND_SHOWN) {
        w->more = 1;
        return 0;
    }
    json_array_append_new(w->results, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "nip", a->nip,
                                                "name", a->name, "employee_type", a->employee_type,
                                                "agency", a->agency, "position_class", a->position,
                                                "region", a->region, "n_cases", (json_int_t)w->seen,
                                                "cases_elsewhere", (json_int_t)w->outside));
    return 0;
}

void h_asn_find(srv *s, srv_req *r)
{
    const char *q = srv_q(r, "q");
    if (q == NULL || q[0] == '\0') {
        srv_reply_error(r, 400, "missing_q", "q", "isi 'q' dengan nama atau awal NIP",
                        "give 'q': a name or the first digits of a NIP");
        return;
    }
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    asn_find_walk w = {st, &r->me, json_array(), 0, 0, 0};
    int more = 0;
    int err = netra_store_asn_find(&more, st, q, NETRA_ASN_FIND_MAX, asn_found, &w);
    if (err == NETRA_EINVAL) {
        json_decref(w.results);
        srv_reply_error(r, 422, "bad_q", "q",
                        "cari dengan nama (tiap kata minimal 2 huruf, paling banyak 6 kata) atau "
                        "minimal 4 angka awal NIP",
                        netra_error_last()->msg);
        return;
    }
    if (err < 0) {
        json_decref(w.results);
        srv_reply_netra(r, err, NULL);
        return;
    }
    /* `more`: the store's bound was reached (people past it are not looked at) or more than
     * ASN_FIND_SHOWN matched within the account's scope: a narrower query shows the rest */
    srv_reply_json(
        r, 200,
        json_pack("{s:s,s:o,s:b}", "query", q, "results", w.results, "more", more || w.more));
}

/* ---- duplicates, merge, undo ------------------------------------------------------------- */

/* The text normaliser for summaries whose SimHash is still pending (cases written by netrad,
 * which keeps no normaliser on its stores): one lexicon for the process, read only after
 * loading; one normaliser per request, since a normaliser keeps a memo. */
static netra_text_lexicon *g_lex;
static int g_lex_err;
static pthread_once_t g_lex_once = PTHREAD_ONCE_INIT;

static void lex_load(void)
{
    g_lex_err = netra_text_lexicon_load(&g_lex, NULL);
}

static netra_normalizer *normalizer_new(srv *s)
{
    pthread_once(&g_lex_once, lex_load);
    netra_normalizer *nz = NULL;
    if (g_lex_err < 0 || netra_normalizer_new(&nz, g_lex) < 0) {
        srv_log(s, 1, "duplicates without the text reason", "error", netra_error_last()->msg);
        return NULL;
    }
    return nz;
}

typedef struct dup_walk {
    netra_store *st;
    const netra_principal *me;
    json_t *list; /* one entry per other case, its reasons grouped */
    int err;
} dup_walk;

static int on_dup(const netra_case_duplicate *d, void *payload)
{
    dup_walk *w = payload;
    json_t *entry = NULL;
    for (size_t i = 0; i < json_array_size(w->list); i++) {
        json_t *e = json_array_get(w->list, i);
        if (json_integer_value(json_object_get(e, "id")) == d->id)
            entry = e;
    }
    if (entry == NULL) {
        netra_case o;
        int err = netra_store_case_get(&o, w->st, d->id);
        if (err == NETRA_ENOTFOUND || (err == NETRA_OK && !visible(w->st, w->me, &o))) {
            netra_error_clear();
            return 0; /* a case the account does not see is not suggested to it */
        }
        if (err < 0) {
            w->err = err;
            return err;
        }
        entry = case_brief(&o);
        json_object_set_new(entry, "reasons", json_array());
        json_array_append_new(w->list, entry);
    }
    json_array_append_new(json_object_get(entry, "reasons"),
                          json_pack("{s:s,s:s}", "reason", d->reason, "detail", d->detail));
    return 0;
}

typedef struct merge_walk {
    netra_store *st;
    const netra_principal *me;
    json_t *list;
} merge_walk;

static json_t *merge_json(const netra_case_merge *m)
{
    json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:s,s:b,s:{s:I,s:I,s:I,s:I,s:I}}", "merge",
                          (json_int_t)m->id, "target", (json_int_t)m->target, "source",
                          (json_int_t)m->source, "at", m->at, "actor", m->actor, "undone",
                          m->undone, "moved", "reporters", (json_int_t)m->n_reporters, "acts",
                          (json_int_t)m->n_acts, "evidence", (json_int_t)m->n_evidence, "accused",
                          (json_int_t)m->n_asn, "clocks_stopped", (json_int_t)m->n_clocks);
    json_object_set_new(o, "undone_at", m->undone ? json_string(m->undone_at) : json_null());
    return o;
}

static int on_merge(const netra_case_merge *m, void *payload)
{
    merge_walk *w = payload;
    json_t *o = merge_json(m);
    /* The other case's title and version (the undo's If-Match), when the account sees it. */
    netra_case t, src;
    if (netra_store_case_get(&t, w->st, m->target) == NETRA_OK && visible(w->st, w->me, &t))
        json_object_set_new(o, "target_title", json_string(t.title));
    if (netra_store_case_get(&src, w->st, m->source) == NETRA_OK && visible(w->st, w->me, &src)) {
        json_object_set_new(o, "source_title", json_string(src.title));
        json_object_set_new(o, "source_version", json_integer((json_int_t)src.version));
    }
    netra_error_clear();
    json_array_append_new(w->list, o);
    return 0;
}

void h_case_duplicates(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case c;
    if (srv_case_load(s, r, &st, &c) < 0)
        return;
    netra_normalizer *nz = normalizer_new(s);
    dup_walk dw = {st, &r->me, json_array(), 0};
    int err = netra_store_case_duplicates(st, c.id, nz, on_dup, &dw);
    netra_normalizer_free(nz);
    merge_walk mw = {st, &r->me, json_array()};
    if (err == NETRA_OK)
        err = netra_store_case_merges(st, c.id, on_merge, &mw);
    if (err < 0) {
        json_decref(dw.list);
        json_decref(mw.list);
        srv_reply_netra(r, err, NULL);
        return;
    }
    /* The case merged into another, when it is. */
    json_t *into = json_null();
    for (size_t i = 0; i < json_array_size(mw.list); i++) {
        json_t *m = json_array_get(mw.list, i);
        if (json_integer_value(json_object_get(m, "source")) == c.id &&
            !json_is_true(json_object_get(m, "undone"))) {
            json_decref(into);
            into = json_incref(json_object_get(m, "target"));
        }
    }
    srv_reply_json(r, 200,
                   json_pack("{s:I,s:I,s:o,s:o,s:o}", "case", (json_int_t)c.id, "version",
                             (json_int_t)c.version, "merged_into", into, "duplicates", dw.list,
                             "merges", mw.list));
}

static void reply_merge(srv_req *r, netra_store *st, const netra_case_merge *m, int64_t etag_of)
{
    netra_case t, src;
    int err = netra_store_case_get(&t, st, m->target);
    if (err == NETRA_OK)
        err = netra_store_case_get(&src, st, m->source);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:o,s:o,s:o}", "merge", merge_json(m), "target", case_brief(&t),
                             "source", case_brief(&src)));
    char etag[SRV_ETAG_MAX];
    srv_etag(etag, etag_of == t.id ? t.version : src.version);
    srv_reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
}

void h_case_merge(srv *s, srv_req *r)
{
    static const char *const known[] = {"source", "target_version", "source_version", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    netra_store *st;
    netra_case t;
    if (srv_case_load(s, r, &st, &t) < 0 || srv_case_if_match(r, &t) < 0)
        return;
    int64_t source, tv, sv;
    if (body_int(r, "source", &source) < 0 || body_int(r, "target_version", &tv) < 0 ||
        body_int(r, "source_version", &sv) < 0)
        return;
    if (tv != t.version) {
        srv_reply_error(r, 422, "version_mismatch", "target_version",
                        "'target_version' tidak sama dengan versi pada If-Match",
                        "'target_version' is not the version of If-Match");
        return;
    }
    if (source == t.id) {
        srv_reply_error(r, 422, "same_case", "source",
                        "perkara tidak dapat digabung dengan dirinya sendiri",
                        "a case cannot be merged into itself");
        return;
    }
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    /* Both cases in the account's scope (one it does not see does not exist for it), the
     * action granted to its role in both states. */
    netra_case sc;
    int err = netra_store_case_get(&sc, st, source);
    if (err == NETRA_ENOTFOUND || (err == NETRA_OK && !visible(st, &r->me, &sc))) {
        netra_error_clear();
        srv_reply_error(r, 404, "not_found", "source", "perkara yang digabung tidak ditemukan",
                        "no such case to merge");
        return;
    }
    if (err == NETRA_OK)
        err = netra_auth_may_act_case(au, &r->me, t.id, "gabungkan");
    if (err == NETRA_OK)
        err = netra_auth_may_act_case(au, &r->me, source, "gabungkan");
    netra_case_merge m;
    if (err == NETRA_OK) {
        netra_actor actor = netra_principal_actor(&r->me, netra_date_today());
        err = netra_store_case_merge(&m, st, t.id, tv, source, sv, &actor);
    }
    if (err < 0) {
        srv_reply_netra(r, err, err == NETRA_EINVAL ? "source" : NULL);
        return;
    }
    reply_merge(r, st, &m, t.id);
}

typedef struct merge_find {
    int64_t source;
    int64_t target;
} merge_find;

static int on_merge_find(const netra_case_merge *m, void *payload)
{
    merge_find *f = payload;
    if (m->source == f->source && !m->undone)
        f->target = m->target;
    return 0;
}

void h_case_unmerge(srv *s, srv_req *r)
{
    netra_store *st;
    netra_case src;
    if (srv_case_load(s, r, &st, &src) < 0 || srv_case_if_match(r, &src) < 0)
        return;
    merge_find f = {src.id, 0};
    int err = netra_store_case_merges(st, src.id, on_merge_find, &f);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    if (f.target == 0) {
        srv_reply_error(r, 409, "not_merged", "id",
                        "perkara ini tidak sedang digabung ke perkara lain",
                        "this case is not merged into another case");
        return;
    }
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    err = netra_auth_may_act_case(au, &r->me, src.id, "pisahkan");
    if (err == NETRA_OK)
        err = netra_auth_may_act_case(au, &r->me, f.target, "pisahkan");
    netra_case_merge m;
    if (err == NETRA_OK) {
        netra_actor actor = netra_principal_actor(&r->me, netra_date_today());
        err = netra_store_case_unmerge(&m, st, src.id, &actor);
    }
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    reply_merge(r, st, &m, src.id);
}

/* ---- GET /api/v1/dashboard --------------------------------------------------------------- */

/* Counts under string keys, kept in a JSON object while walking. */
static void bump(json_t *counts, const char *key)
{
    if (key == NULL || key[0] == '\0')
        key = "-";
    json_t *v = json_object_get(counts, key);
    json_object_set_new(counts, key, json_integer(v ? json_integer_value(v) + 1 : 1));
}

/* {"k": n, ...} -> [{"key": k, "count": n}, ...] by count, descending, then key. */
static int cmp_count(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t cx = json_integer_value(json_object_get(x, "count"));
    json_int_t cy = json_integer_value(json_object_get(y, "count"));
    if (cx != cy)
        return cx < cy ? 1 : -1;
    return strcmp(json_string_value(json_object_get(x, "key")),
                  json_string_value(json_object_get(y, "key")));
}

static json_t *ranked(json_t *counts, const netra_regions *regs, int sort_by_key)
{
    size_t n = json_object_size(counts), i = 0;
    json_t **rows = calloc(n ? n : 1, sizeof *rows);
    json_t *out = json_array();
    if (rows == NULL) {
        json_decref(counts);
        return out;
    }
    const char *key;
    json_t *v;
    json_object_foreach(counts, key, v)
    {
        json_t *row =
            json_pack("{s:s,s:I}", "key", key, "count", (json_int_t)json_integer_value(v));
        const netra_region *rg;
        if (regs != NULL && netra_regions_get(&rg, regs, key) == NETRA_OK)
            json_object_set_new(row, "name", json_string(rg->name));
        rows[i++] = row;
    }
    netra_error_clear();
    if (sort_by_key == 0 && n > 1)
        qsort(rows, n, sizeof *rows, cmp_count);
    for (i = 0; i < n; i++)
        json_array_append_new(out, rows[i]);
    free(rows);
    json_decref(counts);
    return out;
}

typedef struct dash_walk {
    srv *s;
    netra_store *st;
    const netra_principal *me;
    netra_date today;
    size_t total, open, merged;
    json_t *by_state, *by_kind, *by_region, *by_form, *by_stage, *by_month, *by_month_kind;
    json_t *overdue;
    int err;
} dash_walk;

typedef struct act_keys {
    char forms[8][8];
    char stages[8][40];
    size_t n_forms, n_stages;
} act_keys;

static int dash_act(const netra_case_act_row *a, void *payload)
{
    act_keys *k = payload;
    int had = 0;
    for (size_t i = 0; i < k->n_forms; i++)
        had |= strcmp(k->forms[i], a->form) == 0;
    if (!had && a->form[0] != '\0' && k->n_forms < 8)
        snprintf(k->forms[k->n_forms++], sizeof k->forms[0], "%s", a->form);
    had = 0;
    for (size_t i = 0; i < k->n_stages; i++)
        had |= strcmp(k->stages[i], a->stage) == 0;
    if (!had && a->stage[0] != '\0' && k->n_stages < 8)
        snprintf(k->stages[k->n_stages++], sizeof k->stages[0], "%s", a->stage);
    return 0;
}

typedef struct late_clock {
    dash_walk *w;
    const netra_case *c;
    netra_case_clock worst;
    int found;
} late_clock;

static int dash_clock(const netra_case_clock *k, void *payload)
{
    late_clock *l = payload;
    if (k->running && l->w->today > k->deadline && (!l->found || k->deadline < l->worst.deadline)) {
        l->worst = *k;
        l->found = 1;
    }
    return 0;
}

static int dash_merged(const netra_case_merge *m, void *payload)
{
    int64_t *id = payload;
    if (m->source == *id && !m->undone)
        *id = 0; /* merged into another case, in force */
    return 0;
}

static int dash_case(const netra_case *c, void *payload)
{
    dash_walk *w = payload;
    if (!visible(w->st, w->me, c))
        return 0;
    w->total++;
    /* A case merged into another is the same incident: counted once, as the other. */
    int64_t still = c->id;
    int err = netra_store_case_merges(w->st, c->id, dash_merged, &still);
    if (err < 0) {
        w->err = err;
        return err;
    }
    if (still == 0) {
        w->merged++;
        return 0;
    }
    char month[8];
    char d[NETRA_DATE_STRLEN];
    snprintf(month, sizeof month, "%.7s", netra_date_format(c->opened, d));
    bump(w->by_month, month);
    json_t *mk = json_object_get(w->by_month_kind, month);
    if (mk == NULL) {
        mk = json_object();
        json_object_set_new(w->by_month_kind, month, mk);
    }
    bump(mk, c->kind);
    const netra_wf_state *ws = netra_workflow_state(w->s->wf, c->state);
    if (ws != NULL && ws->terminal)
        return 0;
    w->open++;
    bump(w->by_state, c->state);
    bump(w->by_kind, c->kind);
    char prov[4];
    snprintf(prov, sizeof prov, "%.2s", c->region);
    bump(w->by_region, prov);
    act_keys k = {0};
    err = netra_store_case_acts(w->st, c->id, dash_act, &k);
    if (err == NETRA_OK) {
        for (size_t i = 0; i < k.n_forms; i++)
            bump(w->by_form, k.forms[i]);
        for (size_t i = 0; i < k.n_stages; i++)
            bump(w->by_stage, k.stages[i]);
        late_clock l;
        memset(&l, 0, sizeof l);
        l.w = w;
        l.c = c;
        err = netra_store_case_clocks(w->st, c->id, dash_clock, &l);
        if (err == NETRA_OK && l.found) {
            const char *esc = netra_clock_escalation(w->s->wf, l.worst.clock, c->regime, c->holder);
            json_t *o = case_brief(c);
            json_object_set_new(o, "clock", json_string(l.worst.clock));
            json_object_set_new(o, "deadline", jdate(l.worst.deadline));
            json_object_set_new(o, "days_over",
                                json_integer((json_int_t)(w->today - l.worst.deadline)));
            json_object_set_new(o, "basis", json_string(l.worst.basis));
            json_object_set_new(o, "escalates_to", esc ? json_string(esc) : json_null());
            json_array_append_new(w->overdue, o);
        }
    }
    if (err < 0) {
        w->err = err;
        return err;
    }
    return 0;
}

static int cmp_overdue(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t dx = json_integer_value(json_object_get(x, "days_over"));
    json_int_t dy = json_integer_value(json_object_get(y, "days_over"));
    if (dx != dy)
        return dx < dy ? 1 : -1;
    json_int_t ix = json_integer_value(json_object_get(x, "id"));
    json_int_t iy = json_integer_value(json_object_get(y, "id"));
    return ix < iy ? -1 : ix > iy;
}

void h_dashboard(srv *s, srv_req *r)
{
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    dash_walk w = {s,
                   st,
                   &r->me,
                   netra_date_today(),
                   0,
                   0,
                   0,
                   json_object(),
                   json_object(),
                   json_object(),
                   json_object(),
                   json_object(),
                   json_object(),
                   json_object(),
                   json_array(),
                   0};
    const char *ds = srv_q(r, "date");
    netra_case_filter f = {0};
    int err = ds != NULL ? srv_date_arg(r, "date", ds, &w.today) : 0;
    if (err == 0) {
        err = netra_store_case_list(st, &f, dash_case, &w);
        if (err < 0 && w.err < 0)
            err = w.err;
        if (err < 0)
            srv_reply_netra(r, err, NULL);
    }
    if (err < 0) {
        json_decref(w.by_state);
        json_decref(w.by_kind);
        json_decref(w.by_region);
        json_decref(w.by_form);
        json_decref(w.by_stage);
        json_decref(w.by_month);
        json_decref(w.by_month_kind);
        json_decref(w.overdue);
        return;
    }
    /* overdue: the most days past a deadline first */
    size_t n = json_array_size(w.overdue);
    json_t **rows = calloc(n ? n : 1, sizeof *rows);
    json_t *overdue = json_array();
    if (rows != NULL) {
        for (size_t i = 0; i < n; i++)
            rows[i] = json_incref(json_array_get(w.overdue, i));
        if (n > 1)
            qsort(rows, n, sizeof *rows, cmp_overdue);
        for (size_t i = 0; i < n; i++)
            json_array_append_new(overdue, rows[i]);
        free(rows);
    }
    json_decref(w.overdue);
    /* the trend: months in order, each with its count by kind */
    json_t *trend = ranked(w.by_month, NULL, 1);
    for (size_t i = 0; i < json_array_size(trend); i++) {
        json_t *row = json_array_get(trend, i);
        json_t *mk =
            json_object_get(w.by_month_kind, json_string_value(json_object_get(row, "key")));
        json_object_set(row, "by_kind", mk ? mk : json_object());
    }
    json_decref(w.by_month_kind);
    size_t nt = json_array_size(trend);
    json_t **tr = calloc(nt ? nt : 1, sizeof *tr);
    json_t *trend_sorted = json_array();
    if (tr != NULL) {
        for (size_t i = 0; i < nt; i++)
            tr[i] = json_incref(json_array_get(trend, i));
        for (size_t i = 1; i < nt; i++) /* months "YYYY-MM" sort as text */
            for (size_t j = i;
                 j > 0 && strcmp(json_string_value(json_object_get(tr[j - 1], "key")),
                                 json_string_value(json_object_get(tr[j], "key"))) > 0;
                 j--) {
                json_t *x = tr[j];
                tr[j] = tr[j - 1];
                tr[j - 1] = x;
            }
        for (size_t i = 0; i < nt; i++)
            json_array_append_new(trend_sorted, tr[i]);
        free(tr);
    }
    json_decref(trend);
    srv_reply_json(r, 200,
                   json_pack("{s:o,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "date",
                             jdate(w.today), "total", (json_int_t)w.total, "open",
                             (json_int_t)w.open, "merged", (json_int_t)w.merged, "overdue_count",
                             (json_int_t)json_array_size(overdue), "overdue", overdue, "by_state",
                             ranked(w.by_state, NULL, 0), "by_kind", ranked(w.by_kind, NULL, 0),
                             "by_region", ranked(w.by_region, s->regs, 0), "by_form",
                             ranked(w.by_form, NULL, 0), "by_stage", ranked(w.by_stage, NULL, 0),
                             "trend", trend_sorted));
}

/* ---- POST /api/v1/cases/{id}/accused ------------------------------------------------------- */

/* Whether the principal's role may take one of the actions the case's state allows now: the
 * office handling the case is the one that identifies its accused (kajian awal). */
static int handles_now(const srv *s, const netra_principal *p, const netra_case *c)
{
    char allowed[512];
    netra_workflow_allowed(allowed, sizeof allowed, s->wf, c->state, c->regime);
    for (char *save = NULL, *a = strtok_r(allowed, ", ", &save); a != NULL;
         a = strtok_r(NULL, ", ", &save))
        if (netra_principal_may_act(p, s->wf, c->state, c->regime, a) == NETRA_OK)
            return 1;
    netra_error_clear();
    return 0;
}

static int add_accused_row(const netra_case_asn_row *a, void *payload)
{
    json_array_append_new(payload, json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "nip", a->nip, "name",
                                             a->name, "agency", a->agency, "position", a->position,
                                             "ppk", a->ppk, "n_cases", a->n_cases));
    return 0;
}

void h_case_accused(srv *s, srv_req *r)
{
    static const char *const known[] = {
        "nip", "name", "employee_type", "agency", "position_class", "ppk", "region", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    netra_store *st;
    netra_case c;
    if (srv_case_load(s, r, &st, &c) < 0 || srv_case_if_match(r, &c) < 0)
        return;
    const char *nip = srv_body_str(r, "nip", 1);
    const char *name = nip ? srv_body_str(r, "name", 1) : NULL;
    if (nip == NULL || name == NULL)
        return;
    const char *opt[5];
    static const char *const opt_names[] = {"employee_type", "agency", "position_class", "ppk",
                                            "region"};
    for (size_t i = 0; i < 5; i++) {
        opt[i] = srv_body_str(r, opt_names[i], 0);
        if (r->resp != NULL)
            return;
        if ((opt[i] && strlen(opt[i]) > 95) || strlen(name) > 95) {
            srv_reply_error(r, 422, "too_long",
                            opt[i] && strlen(opt[i]) > 95 ? opt_names[i] : "name",
                            "paling banyak 95 bita", "at most 95 bytes");
            return;
        }
    }
    netra_id_options io = NETRA_ID_OPTIONS_INIT;
    netra_id_info info;
    int err = netra_id_check(&info, nip, strlen(nip), &io);
    if (err < 0 || info.kind == NETRA_ID_NIK) {
        char id[320] = "ini NIK (nomor KTP), bukan NIP atau NI PPPK",
             en[320] = "this is a NIK (identity card number), not a NIP or NI PPPK";
        if (err < 0) {
            netra_id_explain(id, sizeof id, &info, 0);
            netra_id_explain(en, sizeof en, &info, 1);
        }
        srv_reply_error(r, 422, "bad_nip", "nip", id, en);
        return;
    }
    if (!handles_now(s, &r->me, &c)) {
        srv_reply_error(r, 403, "forbidden", NULL,
                        "hanya kantor yang menangani perkara pada tahap ini yang mencatat terlapor",
                        "only the office handling the case at this stage records its accused");
        return;
    }
    /* What is already known of the person is kept where the request says nothing. */
    netra_asn_row old;
    int known_before = netra_store_asn_get(&old, st, info.digits) == NETRA_OK;
    netra_error_clear();
    netra_asn a = {info.digits,
                   name,
                   opt[0]         ? opt[0]
                   : known_before ? old.employee_type
                                  : NULL,
                   opt[1]         ? opt[1]
                   : known_before ? old.agency
                                  : NULL,
                   opt[2]         ? opt[2]
                   : known_before ? old.position
                                  : NULL,
                   opt[4]                          ? opt[4]
                   : known_before && old.region[0] ? old.region
                                                   : c.region,
                   opt[3]         ? opt[3]
                   : known_before ? old.ppk
                                  : NULL,
                   known_before ? old.accounts : NULL};
    netra_actor actor = netra_principal_actor(&r->me, netra_date_today());
    if ((err = netra_store_case_add_asn(NULL, st, c.id, &a, &actor)) < 0) {
        srv_reply_netra(r, err, err == NETRA_EINVAL ? "nip" : NULL);
        return;
    }
    json_t *acc = json_array();
    netra_case now;
    if ((err = netra_store_case_get(&now, st, c.id)) < 0 ||
        (err = netra_store_case_asns(st, c.id, add_accused_row, acc)) < 0) {
        json_decref(acc);
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 201,
                   json_pack("{s:I,s:I,s:o}", "case", (json_int_t)now.id, "version",
                             (json_int_t)now.version, "accused", acc));
    char etag[SRV_ETAG_MAX];
    srv_etag(etag, now.version);
    srv_reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
}
