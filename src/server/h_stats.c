/*
 * h_stats.c - the national statistics routes: shares by category or form, the funnel by
 * agency, position class or province, the time spent in each workflow state; JSON, or CSV or
 * XLSX with the filters and the time it was computed at in the file. `variant=public` hides
 * small cells (1-4 as "<5", complementary "x") for publication.
 *
 * The cases are read from the store set-based (netra_store_case_facts) and kept while the
 * audit-chain head is unchanged; each request computes its table in one pass. The caller's
 * region scope applies as for the map; offices scoped by agency do not see statistics that
 * mix every agency.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netra/index.h"
#include "netra/stats.h"
#include "aggregate.h"
#include "export.h"
#include "server.h"

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static netra_stats *g_set; /* cases of the store at g_head */
static srv_head g_head = SRV_HEAD_NONE;

/* Reads the cases again when the audit head moved (under g_mu). */
static int cases_locked(srv *s, srv_req *r, netra_store *st)
{
    srv_head now;
    int moved = srv_head_moved(r, st, &g_head, &now);
    if (moved < 0)
        return -1;
    if (g_set != NULL && !moved)
        return 0;
    netra_stats *set = NULL;
    int err = netra_stats_new(&set, s->law, s->wf, s->regs);
    if (err == 0)
        err = netra_stats_load_store(NULL, set, st);
    if (err < 0) {
        netra_stats_free(set);
        srv_reply_netra(r, err, NULL);
        return -1;
    }
    netra_stats_free(g_set);
    g_set = set;
    g_head = now;
    return 0;
}

/* ---- the request ------------------------------------------------------------------------- */

typedef enum table_kind { T_SHARES = 0, T_FUNNEL = 1, T_DURATIONS = 2 } table_kind;

typedef struct view {
    table_kind kind;
    netra_stats_query q;
    const char *by_id;
    netra_stats_share_by share_by;
    netra_stats_group_by group_by;
    char election[64];
    char region[NETRA_REGION_CODE_MAX];
    int fmt; /* 0 json, 1 csv, 2 xlsx */
} view;

static int parse_view(srv *s, srv_req *r, view *v, table_kind kind)
{
    netra_stats_query q0 = NETRA_STATS_QUERY_INIT;
    memset(v, 0, sizeof *v);
    v->q = q0;
    v->kind = kind;
    if (r->me.agency[0] != '\0') {
        srv_reply_error(r, 403, "forbidden", NULL,
                        "statistik hanya untuk kantor wilayah, bukan kantor instansi",
                        "statistics are for regional offices, not agency offices");
        return -1;
    }
    const char *by = srv_q(r, "by");
    if (kind == T_SHARES) {
        if (by == NULL || strcmp(by, "category") == 0) {
            v->share_by = NETRA_STATS_BY_CATEGORY;
            v->by_id = "category";
        } else if (strcmp(by, "form") == 0) {
            v->share_by = NETRA_STATS_BY_FORM;
            v->by_id = "form";
        } else {
            srv_reply_error(r, 400, "bad_by", "by", "'by' harus category atau form",
                            "'by' must be category or form");
            return -1;
        }
    } else if (kind == T_FUNNEL) {
        if (by == NULL)
            by = "none";
        if (strlen(by) > 16 || netra_stats_group_parse(&v->group_by, by) < 0) {
            srv_reply_error(r, 400, "bad_by", "by",
                            "'by' harus none, agency, position atau province",
                            "'by' must be none, agency, position or province");
            return -1;
        }
        v->by_id = v->group_by == NETRA_STATS_GROUP_AGENCY     ? "agency"
                   : v->group_by == NETRA_STATS_GROUP_POSITION ? "position"
                   : v->group_by == NETRA_STATS_GROUP_PROVINCE ? "province"
                                                               : "none";
    } else {
        v->by_id = "state";
    }
    int given = srv_name_arg(r, "election", v->election, sizeof v->election);
    if (given < 0)
        return -1;
    if (given) {
        if (netra_law_election(s->law, v->election) == NULL) {
            srv_reply_error(r, 400, "bad_election", "election", "pemilihan tidak dikenal",
                            "unknown election");
            return -1;
        }
        v->q.election = v->election;
    }
    /* the region: the account's scope, narrowed by `region` when it lies inside it */
    const char *scope = r->me.region;
    const char *rg = srv_q(r, "region");
    if (rg != NULL && rg[0] != '\0') {
        if (strlen(rg) > 32 || netra_region_code_parse(v->region, NULL, rg) < 0) {
            srv_reply_error(r, 400, "bad_region", "region", "kode wilayah tidak sah",
                            "not a valid region code");
            return -1;
        }
        size_t n = strlen(scope);
        if (n > 0 &&
            (strncmp(v->region, scope, n) != 0 || (v->region[n] != '\0' && v->region[n] != '.'))) {
            srv_reply_error(r, 403, "region_outside_scope", "region",
                            "wilayah di luar cakupan akun ini",
                            "region outside this account's scope");
            return -1;
        }
    } else {
        snprintf(v->region, sizeof v->region, "%s", scope);
    }
    if (v->region[0] != '\0')
        v->q.region = v->region;
    if (srv_period_args(r, "bad_period", &v->q.from, &v->q.has_from, &v->q.to, &v->q.has_to) < 0)
        return -1;
    const char *variant = srv_q(r, "variant");
    if (variant != NULL && strcmp(variant, "public") == 0)
        v->q.suppress = 1;
    else if (variant != NULL && strcmp(variant, "internal") != 0) {
        srv_reply_error(r, 400, "bad_variant", "variant", "'variant' harus internal atau public",
                        "'variant' must be internal or public");
        return -1;
    }
    const char *fmt = srv_q(r, "format");
    if (fmt == NULL || strcmp(fmt, "json") == 0)
        v->fmt = 0;
    else if (strcmp(fmt, "csv") == 0)
        v->fmt = 1;
    else if (strcmp(fmt, "xlsx") == 0)
        v->fmt = 2;
    else {
        srv_reply_error(r, 400, "bad_format", "format", "'format' harus json, csv atau xlsx",
                        "'format' must be json, csv or xlsx");
        return -1;
    }
    return 0;
}

/* ---- output -------------------------------------------------------------------------------- */

static const char *const kind_ids[] = {"shares", "funnel", "durations"};

/* The answer of a table or the durations in the view's format. Under g_mu. */
static int build(char **out, size_t *len_out, const view *v, const netra_stats_table *t,
                 const netra_stats_duration *d, size_t nd)
{
    netra_stats_meta m[NETRA_STATS_META_MAX];
    size_t nm = netra_stats_meta_fill(m, kind_ids[v->kind], v->by_id, v->election, v->region, &v->q,
                                      g_head.seq);
    if (v->fmt == 0) {
        json_t *doc =
            netra_stats_doc_json(m, nm, netra_stats_count(g_set), v->kind == T_SHARES, t, d, nd);
        char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
        json_decref(doc);
        if (text == NULL)
            return NETRA_ENOMEM;
        *out = text;
        *len_out = strlen(text);
        return NETRA_OK;
    }
    if (v->fmt == 1) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f == NULL)
            return NETRA_ENOMEM;
        netra_stats_doc_csv(f, m, nm, v->kind == T_SHARES, t, d, nd);
        if (fclose(f) != 0) {
            free(buf);
            return NETRA_ENOMEM;
        }
        *out = buf;
        *len_out = len;
        return NETRA_OK;
    }
    srv_sheet sh;
    int err = srv_sheet_new(&sh, "stats", "statistik");
    if (err < 0)
        return err;
    lxw_worksheet *ws = sh.ws;
    lxw_row_t row = 0;
    srv_sheet_text(ws, row++, 0, "Netra: statistik netralitas ASN / ASN neutrality statistics");
    for (size_t i = 0; i < nm; i++, row++) {
        srv_sheet_text(ws, row, 0, m[i].name);
        srv_sheet_text(ws, row, 1, m[i].value);
    }
    row++;
    if (t != NULL) {
        srv_sheet_text(ws, row, 0, "id");
        srv_sheet_text(ws, row, 1, "label");
        srv_sheet_text(ws, row, 2, "label_en");
        for (size_t k = 0; k < t->n_cols; k++) {
            const char *c =
                v->kind == T_SHARES ? "cases" : netra_stats_step_id((netra_stats_step)k);
            char pc[48];
            snprintf(pc, sizeof pc, "%s_pct", c);
            srv_sheet_text(ws, row, (lxw_col_t)(3 + 2 * k), c);
            srv_sheet_text(ws, row, (lxw_col_t)(4 + 2 * k), pc);
        }
        row++;
        for (size_t i = 0; i <= t->n_rows; i++, row++) {
            const netra_stats_row *x = i < t->n_rows ? &t->rows[i] : &t->total;
            srv_sheet_text(ws, row, 0, x->id);
            srv_sheet_text(ws, row, 1, x->label_id);
            srv_sheet_text(ws, row, 2, x->label_en);
            for (size_t k = 0; k < t->n_cols; k++) {
                const char *mark = netra_stats_cell_mark(x->cell[k]);
                if (mark != NULL)
                    srv_sheet_text(ws, row, (lxw_col_t)(3 + 2 * k), mark);
                else
                    worksheet_write_number(ws, row, (lxw_col_t)(3 + 2 * k), (double)x->count[k],
                                           NULL);
                if (mark == NULL && x->cell[0] == NETRA_STATS_SHOWN)
                    worksheet_write_number(ws, row, (lxw_col_t)(4 + 2 * k),
                                           (double)netra_index_hundredths(x->pct[k]) / 100.0, NULL);
            }
        }
    } else {
        const char *head[] = {"state", "label",       "label_en", "n",
                              "open",  "median_days", "p90_days", "mean_days"};
        for (lxw_col_t c = 0; c < 8; c++)
            srv_sheet_text(ws, row, c, head[c]);
        row++;
        for (size_t i = 0; i < nd; i++, row++) {
            const netra_stats_duration *x = &d[i];
            srv_sheet_text(ws, row, 0, x->state);
            srv_sheet_text(ws, row, 1, x->label_id);
            srv_sheet_text(ws, row, 2, x->label_en);
            if (x->hidden && x->n > 0)
                srv_sheet_text(ws, row, 3, "<5");
            else
                worksheet_write_number(ws, row, 3, (double)x->n, NULL);
            if (x->open_hidden)
                srv_sheet_text(ws, row, 4, "<5");
            else
                worksheet_write_number(ws, row, 4, (double)x->open, NULL);
            if (!x->hidden && x->n > 0) {
                worksheet_write_number(ws, row, 5, x->median, NULL);
                worksheet_write_number(ws, row, 6, x->p90, NULL);
                worksheet_write_number(ws, row, 7, x->mean, NULL);
            }
        }
    }
    FILE *f;
    if ((err = srv_sheet_finish(&sh, &f)) < 0)
        return err;
    err = srv_read_all(f, out, len_out);
    fclose(f);
    return err;
}

static void h_stats_any(srv *s, srv_req *r, table_kind kind)
{
    view v;
    if (parse_view(s, r, &v, kind) < 0)
        return;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    pthread_mutex_lock(&g_mu);
    if (cases_locked(s, r, st) < 0) {
        pthread_mutex_unlock(&g_mu);
        return;
    }
    netra_stats_table t;
    memset(&t, 0, sizeof t);
    netra_stats_duration *d = NULL;
    size_t nd = 0;
    int err = kind == T_SHARES   ? netra_stats_shares(&t, g_set, &v.q, v.share_by)
              : kind == T_FUNNEL ? netra_stats_funnel(&t, g_set, &v.q, v.group_by)
                                 : netra_stats_durations(&d, &nd, g_set, &v.q);
    char *body = NULL;
    size_t len = 0;
    if (err == 0)
        err = build(&body, &len, &v, kind == T_DURATIONS ? NULL : &t, d, nd);
    netra_stats_table_free(&t);
    netra_stats_durations_free(d);
    pthread_mutex_unlock(&g_mu);
    if (err < 0) {
        srv_reply_netra(r, err, NULL);
        return;
    }
    static const char *const types[] = {
        "application/json", "text/csv; charset=utf-8",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    char disp[128];
    snprintf(disp, sizeof disp, "attachment; filename=\"statistik-%s-%s%s.%s\"", kind_ids[kind],
             v.by_id, v.q.suppress ? "-publik" : "", v.fmt == 1 ? "csv" : "xlsx");
    srv_reply_download(r, body, len, types[v.fmt], v.fmt > 0 ? disp : NULL);
    free(body);
}

void h_stats_shares(srv *s, srv_req *r)
{
    h_stats_any(s, r, T_SHARES);
}

void h_stats_funnel(srv *s, srv_req *r)
{
    h_stats_any(s, r, T_FUNNEL);
}

void h_stats_durations(srv *s, srv_req *r)
{
    h_stats_any(s, r, T_DURATIONS);
}
