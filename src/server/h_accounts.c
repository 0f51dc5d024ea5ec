/*
 * h_accounts.c - users and offices over the API: list, create, read, change (ETag and
 * If-Match), an administrator's password reset with a one-time password shown once, and a
 * user's own password change. Only administrators (office kinds without cases,
 * data/org/offices.tsv) manage accounts, and only of offices their region covers: an
 * administrator of Jawa Barat (32) sees and changes the offices and users of 32 and below,
 * never those of Jawa Timur or a national office (404, as if they did not exist; 403 when a
 * body names one). The rules are libnetra's (netra/auth.h); every change, reset, login and
 * logout is written to the audit chain there, with the client address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server.h"

/* ---- helpers ------------------------------------------------------------------------------ */

/* The field a libnetra message names ("field 'office': ..."), into `out` ("" when none). */
static const char *err_field(char *out, size_t size)
{
    const char *m = netra_error_last()->msg;
    out[0] = '\0';
    const char *f = strstr(m, "field '");
    if (f != NULL) {
        f += 7;
        const char *e = strchr(f, '\'');
        if (e != NULL && (size_t)(e - f) < size) {
            memcpy(out, f, (size_t)(e - f));
            out[e - f] = '\0';
        }
    }
    return out[0] ? out : NULL;
}

/* A libnetra error as a reply: a taken name or login is 409, a stale version 412. */
static void reply_err(srv_req *r, int err)
{
    char field[40];
    const char *f = err_field(field, sizeof field);
    if (err == NETRA_ECONFLICT && f != NULL) {
        char id[NETRA_ERROR_MSG_MAX + 40];
        snprintf(id, sizeof id, "sudah dipakai: %s", netra_error_last()->msg);
        srv_reply_error(r, 409, "conflict", f, id, netra_error_last()->msg);
        return;
    }
    srv_reply_netra(r, err, f);
}

/* A positive integer path parameter; replies 400 and returns -1 otherwise. */
static int path_id(srv_req *r, int64_t *out)
{
    const char *v = srv_p(r, "id");
    char *end = NULL;
    long long n = v ? strtoll(v, &end, 10) : 0;
    if (v == NULL || *v == '\0' || *end != '\0' || n <= 0 || n > (1LL << 53)) {
        srv_reply_error(r, 400, "bad_id", "id", "nomor tidak sah", "not a valid number");
        return -1;
    }
    *out = n;
    return 0;
}

/* An optional integer member of the body: 0 absent, 1 read, -1 after replying 422. */
static int body_int(srv_req *r, const char *name, int64_t *out)
{
    json_t *v = json_object_get(r->json, name);
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        char id[120], en[120];
        snprintf(id, sizeof id, "'%s' harus berupa bilangan bulat tidak negatif", name);
        snprintf(en, sizeof en, "'%s' must be a non-negative integer", name);
        srv_reply_error(r, 422, "bad_field", name, id, en);
        return -1;
    }
    *out = (int64_t)json_integer_value(v);
    return 1;
}

/* Replies `j` with the record's ETag, and for a creation (`kind` not NULL) its Location
 * /api/v1/<kind>/<id>. */
static void reply_record(srv_req *r, int status, json_t *j, int64_t version, const char *kind,
                         int64_t id)
{
    char tag[SRV_ETAG_MAX];
    srv_etag(tag, version);
    srv_reply_json(r, status, j);
    srv_reply_header(r, MHD_HTTP_HEADER_ETAG, tag);
    if (kind != NULL) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/%s/%lld", kind, (long long)id);
        srv_reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
    }
}

/* If-Match against a version: 0 when it matches, -1 after replying 428 or 412. */
static int if_match(srv_req *r, int64_t version, const char *what_id, const char *what_en)
{
    const char *im = srv_header(r, MHD_HTTP_HEADER_IF_MATCH);
    char tag[SRV_ETAG_MAX];
    srv_etag(tag, version);
    if (im == NULL) {
        char id[200], en[200];
        snprintf(id, sizeof id, "header If-Match (ETag %s yang dibaca) wajib untuk perubahan",
                 what_id);
        snprintf(en, sizeof en, "an If-Match header (the ETag of the %s read) is required",
                 what_en);
        srv_reply_error(r, 428, "if_match_required", "If-Match", id, en);
        return -1;
    }
    if (strcmp(im, tag) != 0 && strcmp(im, "*") != 0) {
        char id[200], en[200];
        snprintf(id, sizeof id,
                 "%s telah diubah orang lain (versi kini %s); muat ulang lalu ulangi", what_id,
                 tag);
        snprintf(en, sizeof en, "the %s changed meanwhile (now %s); reload and try again", what_en,
                 tag);
        srv_reply_error(r, 412, "stale", "If-Match", id, en);
        srv_reply_header(r, MHD_HTTP_HEADER_ETAG, tag);
        return -1;
    }
    return 0;
}

/* What a PATCH changes: an office or a user. */
typedef enum record_kind { RECORD_OFFICE, RECORD_USER } record_kind;

/* The first steps of a PATCH of an office or a user: the path's id, only `known` members in
 * the body, the principal's accounts, whether it may manage the record (read into `o` or
 * `u`, by `kind`), and If-Match against the record's version. Returns the accounts, or NULL
 * after replying. */
static netra_auth *patch_begin(srv *s, srv_req *r, record_kind kind, const char *const *known,
                               int64_t *id, netra_office *o, netra_user *u)
{
    if (path_id(r, id) < 0 || srv_only_fields(r, known) < 0)
        return NULL;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return NULL;
    int err = kind == RECORD_OFFICE ? netra_auth_may_manage_office(o, au, &r->me, *id)
                                    : netra_auth_may_manage_user(u, au, &r->me, *id);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return NULL;
    }
    if ((kind == RECORD_OFFICE ? if_match(r, o->version, "kantor", "office")
                               : if_match(r, u->version, "pengguna", "user")) < 0)
        return NULL;
    return au;
}

/* A body member naming an office the principal may not manage: 403 (404 when absent). */
static int manageable_office(srv *s, srv_req *r, netra_auth *au, int64_t office, netra_office *o,
                             const char *field)
{
    (void)s;
    int err = netra_auth_may_manage_office(o, au, &r->me, office);
    if (err == NETRA_OK)
        return 0;
    netra_office any;
    if (err == NETRA_ENOTFOUND && netra_office_get(&any, au, office) == NETRA_OK) {
        srv_reply_error(r, 403, "forbidden", field, "kantor ini di luar wilayah Anda",
                        "this office lies outside your region");
        return -1;
    }
    srv_reply_netra(r, err, field);
    return -1;
}

static json_t *office_json(const netra_office *o)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:I}", "id", (json_int_t)o->id, "kind", o->kind,
                     "name", o->name, "region", o->region, "agency", o->agency, "parent",
                     o->parent > 0 ? json_integer((json_int_t)o->parent) : json_null(), "created",
                     o->created, "version", (json_int_t)o->version);
}

static json_t *user_json(const srv *s, const netra_user *u, const netra_office *o)
{
    const netra_office_kind *k = netra_org_kind(s->org, o->kind);
    return json_pack(
        "{s:I,s:s,s:s,s:{s:I,s:s,s:s,s:s},s:s,s:b,s:b,s:o,s:s,s:o,s:I}", "id", (json_int_t)u->id,
        "login", u->login, "display_name", u->display_name, "office", "id", (json_int_t)o->id,
        "name", o->name, "kind", o->kind, "region", o->region, "role", k ? k->role : "", "disabled",
        u->disabled, "must_change_password", u->must_change_password, "password_expires",
        u->password_expires > 0 ? json_integer((json_int_t)u->password_expires) : json_null(),
        "created", u->created, "last_login",
        u->last_login[0] ? json_string(u->last_login) : json_null(), "version",
        (json_int_t)u->version);
}

static netra_actor actor_of(const srv_req *r)
{
    return netra_principal_actor(&r->me, netra_date_today());
}

/* ---- offices ------------------------------------------------------------------------------ */

typedef struct office_walk {
    const netra_principal *p;
    json_t *arr;
    const char *kind;
} office_walk;

static int add_office(const netra_office *o, void *payload)
{
    office_walk *w = payload;
    if (netra_principal_may_manage(w->p, o->region) &&
        (w->kind == NULL || strcmp(w->kind, o->kind) == 0))
        json_array_append_new(w->arr, office_json(o));
    return 0;
}

void h_offices_list(srv *s, srv_req *r)
{
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    const char *kind = srv_q(r, "kind");
    if (kind != NULL && netra_org_kind(s->org, kind) == NULL) {
        srv_reply_error(r, 400, "bad_kind", "kind", "jenis kantor tidak dikenal (offices.tsv)",
                        "unknown kind of office (offices.tsv)");
        return;
    }
    office_walk w = {&r->me, json_array(), kind};
    int err = netra_office_list(au, add_office, &w);
    if (err < 0) {
        json_decref(w.arr);
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "offices", w.arr));
}

void h_office_get(srv *s, srv_req *r)
{
    int64_t id;
    if (path_id(r, &id) < 0)
        return;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    netra_office o;
    int err = netra_auth_may_manage_office(&o, au, &r->me, id);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    reply_record(r, 200, office_json(&o), o.version, NULL, 0);
}

/* The region of a body, normalised ("3204" -> "32.04"); "" for none. -1 after replying. */
static int body_region(srv_req *r, const char *given, char out[NETRA_REGION_CODE_MAX])
{
    out[0] = '\0';
    if (given == NULL || given[0] == '\0')
        return 0;
    netra_region_level lv;
    if (netra_region_code_parse(out, &lv, given) < 0) {
        srv_reply_netra(r, NETRA_EINVAL, "region");
        return -1;
    }
    return 0;
}

void h_office_create(srv *s, srv_req *r)
{
    static const char *const known[] = {"kind", "name", "region", "agency", "parent", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *kind = srv_body_str(r, "kind", 1);
    const char *name = kind ? srv_body_str(r, "name", 1) : NULL;
    if (kind == NULL || name == NULL)
        return;
    const char *region = srv_body_str(r, "region", 0);
    if (region == NULL && r->resp != NULL)
        return;
    const char *agency = srv_body_str(r, "agency", 0);
    if (agency == NULL && r->resp != NULL)
        return;
    int64_t parent = 0;
    if (body_int(r, "parent", &parent) < 0)
        return;
    char code[NETRA_REGION_CODE_MAX];
    if (body_region(r, region, code) < 0)
        return;
    if (!netra_principal_may_manage(&r->me, code)) {
        srv_reply_error(r, 403, "forbidden", "region", "wilayah kantor baru di luar wilayah Anda",
                        "the new office's region lies outside your region");
        return;
    }
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    netra_office_new n = {kind, name, code, agency, parent, r->client};
    netra_actor a = actor_of(r);
    int64_t id;
    int err = netra_office_add(&id, au, s->regs, &n, &a);
    netra_office o;
    if (err == 0)
        err = netra_office_get(&o, au, id);
    if (err < 0) {
        reply_err(r, err);
        return;
    }
    reply_record(r, 201, office_json(&o), o.version, "offices", id);
}

void h_office_patch(srv *s, srv_req *r)
{
    static const char *const known[] = {"name", "region", "parent", NULL};
    int64_t id;
    netra_office o;
    netra_auth *au = patch_begin(s, r, RECORD_OFFICE, known, &id, &o, NULL);
    if (au == NULL)
        return;
    int err;
    netra_office_change c = {NULL, NULL, -1};
    c.name = srv_body_str(r, "name", 0);
    if (c.name == NULL && r->resp != NULL)
        return;
    const char *region = srv_body_str(r, "region", 0);
    if (region == NULL && r->resp != NULL)
        return;
    json_t *pv = json_object_get(r->json, "parent");
    if (pv != NULL && json_is_null(pv))
        c.parent = 0;
    else if (body_int(r, "parent", &c.parent) < 0)
        return;
    char code[NETRA_REGION_CODE_MAX];
    if (region != NULL) {
        if (body_region(r, region, code) < 0)
            return;
        if (!netra_principal_may_manage(&r->me, code)) {
            srv_reply_error(r, 403, "forbidden", "region", "wilayah baru di luar wilayah Anda",
                            "the new region lies outside your region");
            return;
        }
        c.region = code;
    }
    netra_actor a = actor_of(r);
    if ((err = netra_office_update(au, s->regs, id, o.version, &c, &a, r->client)) < 0 ||
        (err = netra_office_get(&o, au, id)) < 0) {
        reply_err(r, err);
        return;
    }
    reply_record(r, 200, office_json(&o), o.version, NULL, 0);
}

/* ---- users -------------------------------------------------------------------------------- */

typedef struct user_walk {
    srv *s;
    netra_auth *au;
    const netra_principal *p;
    json_t *arr;
    int64_t office; /* 0: any */
    int disabled;   /* -1: any */
    int64_t after;  /* cursor: ids above */
    size_t limit;   /* page size */
    int64_t last;   /* id of the last listed */
    int more;       /* a further user follows */
    netra_office o; /* cache of the last office read */
    int failed;
} user_walk;

static int add_user(const netra_user *u, void *payload)
{
    user_walk *w = payload;
    if (u->id <= w->after || (w->office > 0 && u->office != w->office) ||
        (w->disabled >= 0 && u->disabled != w->disabled))
        return 0;
    if (w->o.id != u->office && netra_office_get(&w->o, w->au, u->office) < 0) {
        w->failed = 1;
        return -1;
    }
    if (!netra_principal_may_manage(w->p, w->o.region))
        return 0;
    if (json_array_size(w->arr) == w->limit) {
        w->more = 1;
        return -1;
    }
    json_array_append_new(w->arr, user_json(w->s, u, &w->o));
    w->last = u->id;
    return 0;
}

void h_users_list(srv *s, srv_req *r)
{
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    user_walk w;
    memset(&w, 0, sizeof w);
    w.s = s;
    w.au = au;
    w.p = &r->me;
    w.disabled = -1;
    w.limit = 100;
    const char *v;
    char *end;
    if ((v = srv_q(r, "office")) != NULL) {
        w.office = strtoll(v, &end, 10);
        if (*v == '\0' || *end != '\0' || w.office <= 0) {
            srv_reply_error(r, 400, "bad_office", "office", "nomor kantor tidak sah",
                            "not a valid office number");
            return;
        }
    }
    if ((v = srv_q(r, "disabled")) != NULL) {
        if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0) {
            srv_reply_error(r, 400, "bad_disabled", "disabled", "disabled: true atau false",
                            "disabled: true or false");
            return;
        }
        w.disabled = strcmp(v, "true") == 0;
    }
    if ((v = srv_q(r, "limit")) != NULL) {
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || n < 1 || n > 500) {
            srv_reply_error(r, 400, "bad_limit", "limit", "limit: 1 sampai 500", "limit: 1 to 500");
            return;
        }
        w.limit = (size_t)n;
    }
    if ((v = srv_q(r, "cursor")) != NULL) {
        w.after = strtoll(v, &end, 10);
        if (*v == '\0' || *end != '\0' || w.after <= 0) {
            srv_reply_error(r, 400, "bad_cursor", "cursor", "cursor tidak sah",
                            "not a valid cursor");
            return;
        }
    }
    w.arr = json_array();
    int err = netra_user_list(au, add_user, &w);
    if (err < 0 || w.failed) {
        json_decref(w.arr);
        srv_reply_netra(r, err < 0 ? err : NETRA_ESTORAGE, NULL);
        return;
    }
    char cur[24];
    snprintf(cur, sizeof cur, "%lld", (long long)w.last);
    srv_reply_json(r, 200,
                   json_pack("{s:o,s:o}", "users", w.arr, "next_cursor",
                             w.more ? json_string(cur) : json_null()));
}

void h_user_get(srv *s, srv_req *r)
{
    int64_t id;
    if (path_id(r, &id) < 0)
        return;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    netra_user u;
    netra_office o;
    int err = netra_auth_may_manage_user(&u, au, &r->me, id);
    if (err == 0)
        err = netra_office_get(&o, au, u.office);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    reply_record(r, 200, user_json(s, &u, &o), u.version, NULL, 0);
}

/* The one-time password reply of a creation or a reset. */
static json_t *one_time_json(const char *pw, const netra_user *u)
{
    return json_pack("{s:s,s:s,s:I,s:s}", "one_time_password", pw, "login", u->login, "expires",
                     (json_int_t)u->password_expires, "note",
                     "ditampilkan sekali saja; pengguna wajib menggantinya saat masuk pertama "
                     "(shown once only; the user must change it at the first login)");
}

void h_user_create(srv *s, srv_req *r)
{
    static const char *const known[] = {"login", "display_name", "office", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *login = srv_body_str(r, "login", 1);
    const char *name = login ? srv_body_str(r, "display_name", 1) : NULL;
    if (login == NULL || name == NULL)
        return;
    int64_t office = 0;
    int got = body_int(r, "office", &office);
    if (got < 0)
        return;
    if (got == 0 || office == 0) {
        srv_reply_error(r, 422, "missing_field", "office", "'office' wajib diisi",
                        "'office' is required");
        return;
    }
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    netra_office o;
    if (manageable_office(s, r, au, office, &o, "office") < 0)
        return;
    /* The account starts with a random password nobody knows, replaced at once by a
     * one-time password the administrator hands over: the user chooses the real one. */
    unsigned char raw[32];
    char initial[NETRA_TOKEN_STRLEN];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(initial, sizeof initial, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    netra_user_new n = {login, name, office, initial, r->client};
    netra_actor a = actor_of(r);
    int64_t id;
    char pw[NETRA_TEMP_PASSWORD_STRLEN] = "";
    netra_user u;
    int err = netra_user_add(&id, au, &n, &a);
    sodium_memzero(initial, sizeof initial);
    if (err == 0)
        err = netra_user_reset_password(pw, au, login, &a, r->client);
    if (err == 0)
        err = netra_user_get_id(&u, au, id);
    if (err < 0) {
        sodium_memzero(pw, sizeof pw);
        reply_err(r, err);
        return;
    }
    json_t *j = user_json(s, &u, &o);
    json_object_update(j, one_time_json(pw, &u));
    sodium_memzero(pw, sizeof pw);
    reply_record(r, 201, j, u.version, "users", id);
}

void h_user_patch(srv *s, srv_req *r)
{
    static const char *const known[] = {"display_name", "office", "disabled", NULL};
    int64_t id;
    netra_user u;
    netra_auth *au = patch_begin(s, r, RECORD_USER, known, &id, NULL, &u);
    if (au == NULL)
        return;
    int err;
    netra_user_change c = {NULL, 0, -1};
    c.display_name = srv_body_str(r, "display_name", 0);
    if (c.display_name == NULL && r->resp != NULL)
        return;
    if (body_int(r, "office", &c.office) < 0)
        return;
    json_t *dv = json_object_get(r->json, "disabled");
    if (dv != NULL) {
        if (!json_is_boolean(dv)) {
            srv_reply_error(r, 422, "bad_field", "disabled", "'disabled' harus true atau false",
                            "'disabled' must be true or false");
            return;
        }
        c.disabled = json_is_true(dv);
    }
    if (id == r->me.user_id && (c.disabled == 1 || (c.office > 0 && c.office != u.office))) {
        srv_reply_error(r, 422, "own_account", c.disabled == 1 ? "disabled" : "office",
                        "akun sendiri tidak dapat dinonaktifkan atau dipindahkan; minta "
                        "administrator lain",
                        "you cannot disable or move your own account; ask another administrator");
        return;
    }
    netra_office o;
    if (c.office > 0 && manageable_office(s, r, au, c.office, &o, "office") < 0)
        return;
    netra_actor a = actor_of(r);
    if ((err = netra_user_update(au, id, u.version, &c, &a, r->client)) < 0 ||
        (err = netra_user_get_id(&u, au, id)) < 0 ||
        (err = netra_office_get(&o, au, u.office)) < 0) {
        reply_err(r, err);
        return;
    }
    reply_record(r, 200, user_json(s, &u, &o), u.version, NULL, 0);
}

void h_user_reset_password(srv *s, srv_req *r)
{
    int64_t id;
    if (path_id(r, &id) < 0)
        return;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    netra_user u;
    int err = netra_auth_may_manage_user(&u, au, &r->me, id);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    if (u.disabled) {
        srv_reply_error(r, 409, "disabled", "id", "pengguna ini nonaktif; aktifkan dulu",
                        "this user is disabled; enable it first");
        return;
    }
    char pw[NETRA_TEMP_PASSWORD_STRLEN];
    netra_actor a = actor_of(r);
    if ((err = netra_user_reset_password(pw, au, u.login, &a, r->client)) < 0 ||
        (err = netra_user_get_id(&u, au, id)) < 0) {
        reply_err(r, err);
        return;
    }
    json_t *j = one_time_json(pw, &u);
    sodium_memzero(pw, sizeof pw);
    reply_record(r, 200, j, u.version, NULL, 0);
}

void h_me_password(srv *s, srv_req *r)
{
    static const char *const known[] = {"current_password", "new_password", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    const char *cur = srv_body_str(r, "current_password", 1);
    const char *fresh = cur ? srv_body_str(r, "new_password", 1) : NULL;
    if (cur == NULL || fresh == NULL)
        return;
    netra_auth *au = srv_auth(s, r);
    if (au == NULL)
        return;
    int64_t retry = 0;
    int err = netra_user_change_password(&retry, au, &r->me, cur, fresh, r->client);
    if (err == NETRA_EPERM && retry > 0) {
        char id[200], en[200], ra[24];
        snprintf(id, sizeof id, "terlalu banyak percobaan; coba lagi dalam %lld detik",
                 (long long)retry);
        snprintf(en, sizeof en, "too many attempts; try again in %lld seconds", (long long)retry);
        srv_reply_error(r, 429, "throttled", "current_password", id, en);
        snprintf(ra, sizeof ra, "%lld", (long long)retry);
        srv_reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
        return;
    }
    if (err == NETRA_EPERM) {
        srv_reply_error(r, 403, "bad_credentials", "current_password", "kata sandi saat ini salah",
                        "the current password is wrong");
        return;
    }
    if (err == NETRA_EINVAL) {
        char id[NETRA_ERROR_MSG_MAX + 40];
        snprintf(id, sizeof id, "kata sandi baru ditolak: %s", netra_error_last()->msg);
        srv_reply_error(r, 422, "invalid", "new_password", id, netra_error_last()->msg);
        return;
    }
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:b,s:s}", "changed", 1, "note",
                             "sesi lain akun ini telah berakhir (the account's other sessions "
                             "ended)"));
}
