/*
 * coi.c - the PPK of an accused civil servant and the routing of a recommendation when that
 * PPK has a conflict of interest (issue 5), from data/org/authorities.tsv, ppk.tsv and
 * conflict-routes.tsv (format: docs/data/org.md).
 *
 * Pure: it answers who the PPK is for an agency and region, and who takes the PPK's place.
 * Whether the PPK is a contestant or incumbent of an election is the store's question (it
 * holds the office holders and the elections' contestants).
 */
#include <stdlib.h>
#include <string.h>

#include "case/case_int.h"

#define COI_MAX_ROWS 200

struct netra_coi {
    nt_arena arena;
    char *dir;
    nt_vec authorities; /* netra_authority */
    nt_vec rules;       /* netra_ppk_rule */
    nt_vec routes;      /* netra_coi_route_rule */
};

static int ident_ok(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

static int get_ident(const char **out, nt_table *tb, netra_coi *c, const char *col)
{
    size_t len;
    const char *s = nt_tsv_get(&tb->t, col, &len);
    if (!ident_ok(s, len))
        return nt_tsv_error(&tb->t, col, "'%.*s' is not an identifier (a-z, 0-9, _)", (int)len, s);
    char *p = nt_arena_strndup(&c->arena, s, len);
    if (p == NULL)
        return netra_error_last()->code;
    *out = p;
    return NETRA_OK;
}

static int get_str(const char **out, nt_table *tb, netra_coi *c, const char *col)
{
    return nt_tsv_get_str(out, &tb->t, col, &c->arena, 0);
}

static int push(nt_vec *v, const void *rec)
{
    return nt_vec_push(v, rec) ? NETRA_OK : netra_error_last()->code;
}

const netra_authority *netra_coi_authority(const netra_coi *c, const char *id)
{
    if (c == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < c->authorities.n; i++) {
        const netra_authority *a = nt_vec_at(&c->authorities, i);
        if (strcmp(a->id, id) == 0)
            return a;
    }
    return NULL;
}

static const netra_ppk_rule *rule_of(const netra_coi *c, const char *kind)
{
    for (size_t i = 0; i < c->rules.n; i++) {
        const netra_ppk_rule *r = nt_vec_at(&c->rules, i);
        if (strcmp(r->agency_kind, kind) == 0)
            return r;
    }
    return NULL;
}

static netra_coi_route_rule *route_of(const netra_coi *c, const char *ppk)
{
    for (size_t i = 0; i < c->routes.n; i++) {
        netra_coi_route_rule *r = nt_vec_at(&c->routes, i);
        if (strcmp(r->ppk, ppk) == 0)
            return r;
    }
    return NULL;
}

static int load_authorities(netra_coi *c)
{
    static const char *const cols[] = {"id", "level", "label_id", "label_en", "basis", NULL};
    nt_table tb;
    int err = nt_table_open(&tb, c->dir, "authorities.tsv", cols, COI_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_authority a = {0};
        if ((err = get_ident(&a.id, &tb, c, "id")) < 0 ||
            (err = get_ident(&a.level, &tb, c, "level")) < 0 ||
            (err = get_str(&a.label_id, &tb, c, "label_id")) < 0 ||
            (err = get_str(&a.label_en, &tb, c, "label_en")) < 0 ||
            (err = get_str(&a.basis, &tb, c, "basis")) < 0)
            break;
        if (strcmp(a.level, "nasional") != 0 && strcmp(a.level, "provinsi") != 0 &&
            strcmp(a.level, "kabkota") != 0) {
            err =
                nt_tsv_error(&tb.t, "level", "'%s' is not nasional, provinsi or kabkota", a.level);
            break;
        }
        if (netra_coi_authority(c, a.id) != NULL) {
            err = nt_tsv_error(&tb.t, "id", "'%s' is listed twice", a.id);
            break;
        }
        if ((err = push(&c->authorities, &a)) < 0)
            break;
    }
    nt_table_close(&tb);
    return err;
}

static int load_rules(netra_coi *c)
{
    static const char *const cols[] = {"agency_kind", "ppk",      "region", "prefixes",
                                       "label_id",    "label_en", "basis",  NULL};
    nt_table tb;
    int err = nt_table_open(&tb, c->dir, "ppk.tsv", cols, COI_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_ppk_rule r = {0};
        const char *region;
        if ((err = get_ident(&r.agency_kind, &tb, c, "agency_kind")) < 0 ||
            (err = get_ident(&r.ppk, &tb, c, "ppk")) < 0 ||
            (err = get_ident(&region, &tb, c, "region")) < 0 ||
            (err = get_str(&r.prefixes, &tb, c, "prefixes")) < 0 ||
            (err = get_str(&r.label_id, &tb, c, "label_id")) < 0 ||
            (err = get_str(&r.label_en, &tb, c, "label_en")) < 0 ||
            (err = get_str(&r.basis, &tb, c, "basis")) < 0)
            break;
        if (strcmp(region, "nasional") == 0)
            r.region = NETRA_PPK_NATIONAL;
        else if (strcmp(region, "provinsi") == 0)
            r.region = NETRA_PPK_PROVINCE;
        else if (strcmp(region, "kabupaten") == 0)
            r.region = NETRA_PPK_KABUPATEN;
        else if (strcmp(region, "kota") == 0)
            r.region = NETRA_PPK_KOTA;
        else {
            err = nt_tsv_error(&tb.t, "region", "'%s' is not nasional, provinsi, kabupaten or kota",
                               region);
            break;
        }
        if (strcmp(r.prefixes, "-") == 0)
            r.prefixes = "";
        for (const char *p = r.prefixes; *p; p++)
            if (*p >= 'A' && *p <= 'Z') {
                err = nt_tsv_error(&tb.t, "prefixes", "'%s' must be lowercase", r.prefixes);
                break;
            }
        if (err < 0)
            break;
        if (netra_coi_authority(c, r.ppk) == NULL) {
            err = nt_tsv_error(&tb.t, "ppk", "'%s' is not an office of authorities.tsv", r.ppk);
            break;
        }
        if (rule_of(c, r.agency_kind) != NULL) {
            err = nt_tsv_error(&tb.t, "agency_kind", "'%s' is listed twice", r.agency_kind);
            break;
        }
        if ((err = push(&c->rules, &r)) < 0)
            break;
    }
    nt_table_close(&tb);
    return err;
}

static int load_routes(netra_coi *c)
{
    static const char *const cols[] = {"ppk", "route_to", "default", "basis", NULL};
    nt_table tb;
    int err = nt_table_open(&tb, c->dir, "conflict-routes.tsv", cols, COI_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_coi_route_rule r = {0};
        const char *def;
        if ((err = get_ident(&r.ppk, &tb, c, "ppk")) < 0 ||
            (err = get_ident(&r.route_to, &tb, c, "route_to")) < 0 ||
            (err = get_ident(&def, &tb, c, "default")) < 0 ||
            (err = get_str(&r.basis, &tb, c, "basis")) < 0)
            break;
        if (strcmp(def, "law") != 0 && strcmp(def, "netra") != 0) {
            err = nt_tsv_error(&tb.t, "default", "'%s' is not law or netra", def);
            break;
        }
        r.netra_default = strcmp(def, "netra") == 0;
        const char *bad = netra_coi_authority(c, r.ppk) == NULL        ? "ppk"
                          : netra_coi_authority(c, r.route_to) == NULL ? "route_to"
                                                                       : NULL;
        if (bad != NULL) {
            err = nt_tsv_error(&tb.t, bad, "'%s' is not an office of authorities.tsv",
                               bad[0] == 'p' ? r.ppk : r.route_to);
            break;
        }
        if (strcmp(r.ppk, r.route_to) == 0) {
            err =
                nt_tsv_error(&tb.t, "route_to", "a conflicted '%s' cannot route to itself", r.ppk);
            break;
        }
        if (route_of(c, r.ppk) != NULL) {
            err = nt_tsv_error(&tb.t, "ppk", "'%s' is listed twice", r.ppk);
            break;
        }
        if ((err = push(&c->routes, &r)) < 0)
            break;
    }
    if (err == 0) {
        /* Every office that is a PPK needs a route. */
        for (size_t i = 0; i < c->rules.n; i++) {
            const netra_ppk_rule *p = nt_vec_at(&c->rules, i);
            if (route_of(c, p->ppk) == NULL) {
                err =
                    nt_tsv_error(&tb.t, "ppk", "no route for a conflicted '%s' (ppk.tsv)", p->ppk);
                break;
            }
        }
    }
    nt_table_close(&tb);
    return err;
}

int netra_coi_load(netra_coi **out, const char *dir)
{
    NT_ASSERT_ARG(out != NULL);
    *out = NULL;
    netra_coi *c = nt_calloc(1, sizeof *c);
    if (c == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&c->arena, 8192, 0);
    nt_vec_init(&c->authorities, sizeof(netra_authority), COI_MAX_ROWS);
    nt_vec_init(&c->rules, sizeof(netra_ppk_rule), COI_MAX_ROWS);
    nt_vec_init(&c->routes, sizeof(netra_coi_route_rule), COI_MAX_ROWS);
    nt_buf path;
    nt_buf_init(&path, 4096);
    int err =
        dir == NULL ? nt_buf_addf(&path, "%s/org", netra_data_dir()) : nt_buf_adds(&path, dir);
    if (err == 0 && (c->dir = nt_buf_detach(&path, NULL)) == NULL)
        err = NETRA_ENOMEM;
    nt_buf_free(&path);
    if (err == 0)
        err = load_authorities(c);
    if (err == 0)
        err = load_rules(c);
    if (err == 0)
        err = load_routes(c);
    if (err < 0) {
        netra_coi_free(c);
        return err;
    }
    *out = c;
    return NETRA_OK;
}

void netra_coi_free(netra_coi *c)
{
    if (c == NULL)
        return;
    nt_vec_free(&c->authorities);
    nt_vec_free(&c->rules);
    nt_vec_free(&c->routes);
    nt_arena_free(&c->arena);
    nt_free(c->dir);
    nt_free(c);
}

size_t netra_coi_n_rules(const netra_coi *c)
{
    return c ? c->rules.n : 0;
}

const netra_ppk_rule *netra_coi_rule_at(const netra_coi *c, size_t i)
{
    return c && i < c->rules.n ? nt_vec_at(&c->rules, i) : NULL;
}

size_t netra_coi_n_routes(const netra_coi *c)
{
    return c ? c->routes.n : 0;
}

const netra_coi_route_rule *netra_coi_route_at(const netra_coi *c, size_t i)
{
    return c && i < c->routes.n ? nt_vec_at(&c->routes, i) : NULL;
}

int netra_coi_set_route(netra_coi *c, const char *ppk, const char *route_to)
{
    NT_ASSERT_ARG(c != NULL && ppk != NULL && route_to != NULL);
    netra_coi_route_rule *r = route_of(c, ppk);
    if (r == NULL)
        return nt_error_set(NETRA_EINVAL,
                            "'%s' is not a PPK office with a route "
                            "(conflict-routes.tsv)",
                            ppk);
    const netra_authority *to = netra_coi_authority(c, route_to);
    if (to == NULL)
        return nt_error_set(NETRA_EINVAL, "'%s' is not an office of authorities.tsv", route_to);
    if (strcmp(ppk, route_to) == 0)
        return nt_error_set(NETRA_EINVAL, "a conflicted '%s' cannot route to itself", ppk);
    r->route_to = to->id;
    r->netra_default = 0;
    r->basis = "set by the operator (--coi-route / NETRA_COI_ROUTE)";
    return NETRA_OK;
}

int netra_coi_set_routes(netra_coi *c, const char *spec)
{
    NT_ASSERT_ARG(c != NULL && spec != NULL);
    char buf[512];
    if (strlen(spec) >= sizeof buf)
        return nt_error_set(NETRA_ETOOBIG, "routes: longer than %zu bytes", sizeof buf - 1);
    memcpy(buf, spec, strlen(spec) + 1);
    char *save = NULL;
    for (char *item = strtok_r(buf, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (eq == NULL)
            return nt_error_set(NETRA_EINVAL, "route '%s': PPK=AUTHORITY, like bupati=mendagri",
                                item);
        *eq = '\0';
        int err = netra_coi_set_route(c, item, eq + 1);
        if (err < 0)
            return nt_error_prefix("route '%s'", item);
    }
    return NETRA_OK;
}

/* ---- resolution --------------------------------------------------------------------------- */

/* The digits of a region code ("32.04.05" or "320405"), at most `max`. */
static size_t region_digits(char *out, size_t max, const char *region)
{
    size_t n = 0;
    for (const char *p = region; p && *p && n < max; p++) {
        if (*p >= '0' && *p <= '9')
            out[n++] = *p;
        else if (*p != '.')
            return 0;
    }
    out[n] = '\0';
    return n;
}

/* Whether a lowercased agency name starts with one of the comma-separated prefixes. */
static int has_prefix(const char *lower, const char *prefixes)
{
    const char *p = prefixes;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (len > 0 && strncmp(lower, p, len) == 0 && (lower[len] == ' ' || lower[len] == '\0'))
            return 1;
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

int netra_ppk_resolve(netra_ppk *out, const netra_coi *c, const char *agency_kind,
                      const char *agency, const char *region)
{
    NT_ASSERT_ARG(out != NULL && c != NULL);
    memset(out, 0, sizeof *out);
    const netra_ppk_rule *r = NULL;
    if (agency_kind != NULL && *agency_kind != '\0') {
        if ((r = rule_of(c, agency_kind)) == NULL)
            return nt_error_set(NETRA_EINVAL, "agency kind '%s' is not one of ppk.tsv",
                                agency_kind);
    } else if (agency != NULL && *agency != '\0') {
        char lower[128];
        size_t n = 0;
        for (const char *p = agency; *p == ' '; p++)
            agency++;
        for (; agency[n] != '\0' && n + 1 < sizeof lower; n++)
            lower[n] = (agency[n] >= 'A' && agency[n] <= 'Z') ? (char)(agency[n] + 32) : agency[n];
        lower[n] = '\0';
        /* The longest matching prefix wins ("pemerintah kota" over "kota"). */
        size_t best = 0;
        for (size_t i = 0; i < c->rules.n; i++) {
            const netra_ppk_rule *x = nt_vec_at(&c->rules, i);
            const char *p = x->prefixes;
            while (*p) {
                size_t len = strcspn(p, ",");
                char one[64];
                if (len < sizeof one) {
                    memcpy(one, p, len);
                    one[len] = '\0';
                    if (len > best && has_prefix(lower, one)) {
                        best = len;
                        r = x;
                    }
                }
                p += len;
                if (*p == ',')
                    p++;
            }
        }
        if (r == NULL)
            return nt_error_set(NETRA_ENOTFOUND,
                                "agency '%s': its kind is not told by its name; give the "
                                "agency kind (kementerian, lembaga, kesekretariatan, pemprov, "
                                "pemkab, pemkot)",
                                agency);
    } else {
        return nt_error_set(NETRA_ENOTFOUND, "the accused has no agency: the PPK is unknown");
    }
    out->rule = r;
    out->office = netra_coi_authority(c, r->ppk);
    if (r->region == NETRA_PPK_NATIONAL) {
        snprintf(out->agency, sizeof out->agency, "%s", agency ? agency : "");
        return NETRA_OK;
    }
    char d[16];
    size_t n = region_digits(d, 10, region);
    size_t need = r->region == NETRA_PPK_PROVINCE ? 2 : 4;
    if (n < need)
        return nt_error_set(
            NETRA_EINVAL, "region '%s': the PPK of a %s is named by the %s code (%s)",
            region ? region : "", r->label_en, need == 2 ? "province's" : "kabupaten/kota's",
            need == 2 ? "PP" : "PP.KK");
    if (need == 4) {
        int kk = (d[2] - '0') * 10 + (d[3] - '0');
        if (r->region == NETRA_PPK_KABUPATEN && !(kk >= 1 && kk <= 69))
            return nt_error_set(NETRA_EINVAL,
                                "region '%s': %c%c.%c%c is not a kabupaten (01-69), the region "
                                "of a %s",
                                region, d[0], d[1], d[2], d[3], r->label_en);
        if (r->region == NETRA_PPK_KOTA && !(kk >= 71 && kk <= 99))
            return nt_error_set(NETRA_EINVAL,
                                "region '%s': %c%c.%c%c is not a kota (71-99), the region of a "
                                "%s",
                                region, d[0], d[1], d[2], d[3], r->label_en);
        snprintf(out->region, sizeof out->region, "%c%c.%c%c", d[0], d[1], d[2], d[3]);
    } else {
        snprintf(out->region, sizeof out->region, "%c%c", d[0], d[1]);
    }
    return NETRA_OK;
}

int netra_coi_route(netra_coi_routing *out, const netra_coi *c, const netra_ppk *ppk)
{
    NT_ASSERT_ARG(out != NULL && c != NULL && ppk != NULL && ppk->office != NULL);
    memset(out, 0, sizeof *out);
    const netra_coi_route_rule *r = route_of(c, ppk->office->id);
    if (r == NULL)
        return nt_error_set(NETRA_ENOTFOUND, "no route for a conflicted '%s'", ppk->office->id);
    out->rule = r;
    out->to = netra_coi_authority(c, r->route_to);
    /* A regional authority over the PPK's region: its part of the code. */
    if (strcmp(out->to->level, "provinsi") == 0 && ppk->region[0] != '\0')
        snprintf(out->region, sizeof out->region, "%.2s", ppk->region);
    else if (strcmp(out->to->level, "kabkota") == 0)
        snprintf(out->region, sizeof out->region, "%s", ppk->region);
    return NETRA_OK;
}

int netra_region_code_normalize(char *out, size_t size, const char *region)
{
    NT_ASSERT_ARG(out != NULL && size > 0);
    out[0] = '\0';
    if (region == NULL || *region == '\0')
        return NETRA_OK;
    char d[16];
    size_t n = region_digits(d, 13, region);
    if (n == 0 || n % 2 != 0 || n == 8 || n > 10)
        return nt_error_set(NETRA_EINVAL,
                            "region '%s': a Kemendagri code (PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD)",
                            region);
    char buf[24];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 2 || i == 4 || i == 6)
            buf[o++] = '.';
        buf[o++] = d[i];
    }
    buf[o] = '\0';
    if (o + 1 > size)
        return nt_error_set(NETRA_ETOOBIG, "region '%s': too long", region);
    memcpy(out, buf, o + 1);
    return NETRA_OK;
}
