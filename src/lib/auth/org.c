/*
 * org.c - loads data/org/offices.tsv, the kinds of office (format: docs/data/org.md).
 *
 * Strict like every data loader: an unknown role, level or parent kind, a duplicate kind, a
 * flag other than 0 or 1 or a row without its legal basis is refused with
 * `file:line: field 'x': reason`.
 */
#include <string.h>

#include "auth/auth_int.h"

#define ORG_MAX_ROWS 200

static const char *const level_names[] = {"nasional", "provinsi", "kabkota", "kecamatan", "bebas"};

const char *netra_office_level_name(netra_office_level level)
{
    return (unsigned)level < sizeof level_names / sizeof *level_names ? level_names[level] : "?";
}

static int ident_ok(const char *s, size_t len)
{
    if (len == 0 || len > 39)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

static int get_ident(const char **out, nt_table *tb, netra_org *org, const char *col, int dash_ok)
{
    size_t len;
    const char *s = nt_tsv_get(&tb->t, col, &len);
    if (dash_ok && len == 1 && s[0] == '-') {
        *out = NULL;
        return NETRA_OK;
    }
    if (!ident_ok(s, len))
        return nt_tsv_error(&tb->t, col, "'%.*s' is not an identifier (a-z, 0-9, _; at most 39)",
                            (int)len, s);
    *out = nt_arena_strndup(&org->arena, s, len);
    return *out ? NETRA_OK : netra_error_last()->code;
}

static int get_flag(int *out, nt_table *tb, const char *col)
{
    long v;
    int err = nt_tsv_get_long(&v, &tb->t, col, 0, 1);
    *out = (int)v;
    return err;
}

static int load(netra_org *org, const char *dir)
{
    static const char *const cols[] = {"kind",  "role",     "level",    "parent", "agency",
                                       "cases", "label_id", "label_en", "basis",  NULL};
    nt_table tb;
    int err = nt_table_open(&tb, dir, "offices.tsv", cols, ORG_MAX_ROWS);
    if (err < 0)
        return err;
    nt_vec lines;
    nt_vec_init(&lines, sizeof(unsigned), ORG_MAX_ROWS);
    while ((err = nt_table_next(&tb)) > 0) {
        netra_office_kind k;
        memset(&k, 0, sizeof k);
        const char *level;
        if ((err = get_ident(&k.id, &tb, org, "kind", 0)) < 0 ||
            (err = get_ident(&k.role, &tb, org, "role", 0)) < 0 ||
            (err = get_ident(&level, &tb, org, "level", 0)) < 0 ||
            (err = get_ident(&k.parent, &tb, org, "parent", 1)) < 0 ||
            (err = get_flag(&k.agency, &tb, "agency")) < 0 ||
            (err = get_flag(&k.cases, &tb, "cases")) < 0 ||
            (err = nt_tsv_get_str(&k.label_id, &tb.t, "label_id", &org->arena, 0)) < 0 ||
            (err = nt_tsv_get_str(&k.label_en, &tb.t, "label_en", &org->arena, 0)) < 0 ||
            (err = nt_tsv_get_str(&k.basis, &tb.t, "basis", &org->arena, 0)) < 0)
            break;
        if (netra_workflow_role(org->wf, k.role) == NULL) {
            err = nt_tsv_error(&tb.t, "role", "'%s' is not a role of roles.tsv", k.role);
            break;
        }
        size_t lv = 0;
        while (lv < sizeof level_names / sizeof *level_names && strcmp(level, level_names[lv]))
            lv++;
        if (lv == sizeof level_names / sizeof *level_names) {
            err =
                nt_tsv_error(&tb.t, "level",
                             "'%s' is not nasional, provinsi, kabkota, kecamatan or bebas", level);
            break;
        }
        k.level = (netra_office_level)lv;
        if (netra_org_kind(org, k.id) != NULL) {
            err = nt_tsv_error(&tb.t, "kind", "'%s' is listed twice", k.id);
            break;
        }
        unsigned line = tb.t.line;
        if (nt_vec_push(&org->kinds, &k) == NULL || nt_vec_push(&lines, &line) == NULL) {
            err = netra_error_last()->code;
            break;
        }
    }
    /* Parents are checked once every kind is known, naming the row's line. */
    for (size_t i = 0; err == 0 && i < org->kinds.n; i++) {
        const netra_office_kind *k = nt_vec_at(&org->kinds, i);
        if (k->parent == NULL)
            continue;
        const netra_office_kind *p = netra_org_kind(org, k->parent);
        if (p == NULL || p == k)
            err = nt_error_set(NETRA_EDATA, "%s:%u: field 'parent': '%s' is not another kind",
                               nt_buf_cstr(&tb.path), *(unsigned *)nt_vec_at(&lines, i), k->parent);
    }
    if (err == 0 && org->kinds.n == 0)
        err = nt_error_set(NETRA_EDATA, "%s: no office kinds", nt_buf_cstr(&tb.path));
    nt_vec_free(&lines);
    nt_table_close(&tb);
    return err;
}

int netra_org_load(netra_org **out, const char *dir, const netra_workflow *wf)
{
    NT_ASSERT_ARG(out != NULL && wf != NULL);
    *out = NULL;
    netra_org *org = nt_calloc(1, sizeof *org);
    if (org == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&org->arena, 4096, 0);
    nt_vec_init(&org->kinds, sizeof(netra_office_kind), ORG_MAX_ROWS);
    org->wf = wf;
    nt_buf path;
    nt_buf_init(&path, 4096);
    int err =
        dir == NULL ? nt_buf_addf(&path, "%s/org", netra_data_dir()) : nt_buf_adds(&path, dir);
    if (err == 0)
        err = load(org, nt_buf_cstr(&path));
    nt_buf_free(&path);
    if (err < 0) {
        netra_org_free(org);
        return err;
    }
    *out = org;
    return NETRA_OK;
}

void netra_org_free(netra_org *org)
{
    if (org == NULL)
        return;
    nt_vec_free(&org->kinds);
    nt_arena_free(&org->arena);
    nt_free(org);
}

size_t netra_org_n_kinds(const netra_org *org)
{
    return org ? org->kinds.n : 0;
}

const netra_office_kind *netra_org_kind_at(const netra_org *org, size_t i)
{
    return org ? nt_vec_at(&org->kinds, i) : NULL;
}

const netra_office_kind *netra_org_kind(const netra_org *org, const char *id)
{
    for (size_t i = 0; org != NULL && id != NULL && i < org->kinds.n; i++) {
        const netra_office_kind *k = nt_vec_at(&org->kinds, i);
        if (strcmp(k->id, id) == 0)
            return k;
    }
    return NULL;
}

const netra_workflow *netra_org_workflow(const netra_org *org)
{
    return org ? org->wf : NULL;
}
