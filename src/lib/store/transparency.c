/*
 * transparency.c - the public aggregates: cases counted by province, form, stage and outcome,
 * national and per province, with small cells suppressed so that nobody can be singled out.
 *
 * Every published number counts one subset of cases, named by a key (province, form, stage,
 * outcome; each either a value or "all"). The same key in two tables is one entry, so a cell
 * hidden in one table is hidden in every table that publishes it. Suppression: entries of 1 to
 * 4 cases are hidden ("<5"); then, while a row or column of any table (its cells and its total)
 * has exactly one hidden entry, the smallest other entry of that line is hidden too ("x"), so
 * no hidden entry is the difference of shown ones. Rule: docs/internals/public.md.
 */
#include <stdlib.h>
#include <string.h>

#include "netra/intake.h"
#include "store/public_int.h"

/* ---- the solver --------------------------------------------------------------------------- */

void nt_suppress(unsigned char *status, const int64_t *values, size_t n, const size_t *members,
                 const size_t *starts, size_t n_lines, int64_t threshold)
{
    for (size_t i = 0; i < n; i++)
        status[i] = values[i] > 0 && values[i] < threshold ? NT_CELL_PRIMARY : NT_CELL_SHOWN;
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t l = 0; l < n_lines; l++) {
            size_t hidden = 0, pick = (size_t)-1;
            for (size_t k = starts[l]; k < starts[l + 1]; k++)
                hidden += status[members[k]] != NT_CELL_SHOWN;
            if (hidden != 1)
                continue;
            /* The smallest positive shown entry; a zero only when no positive one is left. */
            for (size_t k = starts[l]; k < starts[l + 1]; k++) {
                size_t m = members[k];
                if (status[m] != NT_CELL_SHOWN)
                    continue;
                if (pick == (size_t)-1)
                    pick = m;
                else if ((values[pick] == 0 && values[m] > 0) ||
                         (values[m] > 0 && values[m] < values[pick]))
                    pick = m;
            }
            if (pick != (size_t)-1) {
                status[pick] = NT_CELL_COMPLEMENTARY;
                changed = 1;
            }
        }
    }
}

/* ---- dimensions --------------------------------------------------------------------------- */

enum { D_PROV = 0, D_FORM = 1, D_STAGE = 2, D_OUT = 3, N_DIMS = 4 };

static const char *const stages[] = {"penerimaan", "penanganan_bawaslu", "pemeriksaan",
                                     "tindak_lanjut_ppk", "selesai"};
static const char *const outcomes[] = {
    "berjalan",       "tidak_diregistrasi", "dihentikan",           "dialihkan",
    "tidak_terbukti", "disanksi",           "tidak_ditindaklanjuti"};

/* The stage bucket and outcome of a workflow state (states.tsv). */
static void classify_state(size_t *stage, size_t *outcome, const char *s)
{
    static const struct {
        const char *state;
        size_t stage, outcome;
    } map[] = {
        {"informasi_awal", 0, 0},
        {"penelusuran", 0, 0},
        {"kajian_awal", 0, 0},
        {"menunggu_kelengkapan", 0, 0},
        {"tidak_diregistrasi", 4, 1},
        {"dicabut", 4, 1},
        {"diregistrasi", 1, 0},
        {"klarifikasi", 1, 0},
        {"dihentikan", 4, 2},
        {"dialihkan", 4, 3},
        {"diteruskan", 2, 0},
        {"kajian_bawaslu", 2, 0},
        {"pemeriksaan", 2, 0},
        {"tidak_terbukti", 4, 4},
        {"menunggu_ppk", 3, 0},
        {"tidak_ditindaklanjuti", 3, 6},
        {"blokir_siasn", 3, 6},
        {"disanksi", 3, 5},
        {"selesai", 4, 5},
    };
    *stage = 0;
    *outcome = 0;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i].state, s) == 0) {
            *stage = map[i].stage;
            *outcome = map[i].outcome;
        }
}

typedef struct labels {
    char (*v)[16]; /* values */
    size_t n, cap;
} labels;

static int label_index(labels *l, const char *s, size_t *out)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0) {
            *out = i;
            return NETRA_OK;
        }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        void *p = nt_realloc(l->v, cap * sizeof *l->v);
        if (p == NULL)
            return NETRA_ENOMEM;
        l->v = p;
        l->cap = cap;
    }
    snprintf(l->v[l->n], sizeof l->v[l->n], "%s", s);
    *out = l->n++;
    return NETRA_OK;
}

static int cmp_label(const void *a, const void *b)
{
    const char *x = a, *y = b;
    /* the catch-all rows ("tanpa_...") last */
    int tx = strncmp(x, "tanpa_", 6) == 0, ty = strncmp(y, "tanpa_", 6) == 0;
    return tx != ty ? tx - ty : strcmp(x, y);
}

typedef struct tcase {
    char prov[16], form[16];
    size_t stage, outcome;
    size_t idx[N_DIMS];
} tcase;

typedef struct agg {
    size_t size[N_DIMS]; /* values + 1 ("all" is index 0) */
    int64_t *count;      /* by key */
    unsigned char *status;
    size_t n_keys;
    labels prov, form;
    nt_vec members, starts; /* size_t each */
} agg;

static size_t key_of(const agg *a, const size_t k[N_DIMS])
{
    size_t key = 0;
    for (int d = 0; d < N_DIMS; d++)
        key = key * a->size[d] + k[d];
    return key;
}

static const char *dim_label(const agg *a, int d, size_t i)
{
    switch (d) {
    case D_PROV:
        return a->prov.v[i];
    case D_FORM:
        return a->form.v[i];
    case D_STAGE:
        return stages[i];
    default:
        return outcomes[i];
    }
}

/* A table: rows of dimension `rd`, columns of `cd`, the other dimensions fixed (0 = all). */
typedef struct tdef {
    int rd, cd;
    size_t fixed[N_DIMS];
} tdef;

static int push_size(nt_vec *v, size_t x)
{
    return nt_vec_push(v, &x) ? NETRA_OK : NETRA_ENOMEM;
}

static int add_lines(agg *a, const tdef *t)
{
    size_t nr = a->size[t->rd], nc = a->size[t->cd];
    int err = 0;
    /* Each row r (0 = the totals row) and each column c (0 = the totals column). */
    for (int pass = 0; pass < 2 && err == 0; pass++) {
        size_t outer = pass == 0 ? nr : nc, inner = pass == 0 ? nc : nr;
        for (size_t i = 0; i < outer && err == 0; i++) {
            err = push_size(&a->starts, a->members.n);
            for (size_t j = 0; j < inner && err == 0; j++) {
                size_t k[N_DIMS];
                memcpy(k, t->fixed, sizeof k);
                k[t->rd] = pass == 0 ? i : j;
                k[t->cd] = pass == 0 ? j : i;
                err = push_size(&a->members, key_of(a, k));
            }
        }
    }
    return err;
}

static int put_value(nt_buf *b, const agg *a, size_t key)
{
    if (a->status[key] == NT_CELL_PRIMARY)
        return nt_buf_adds(b, "\"<5\"");
    if (a->status[key] == NT_CELL_COMPLEMENTARY)
        return nt_buf_adds(b, "\"x\"");
    return nt_buf_addf(b, "%lld", (long long)a->count[key]);
}

static int put_table(nt_buf *b, const agg *a, const tdef *t, const char *name)
{
    int err = nt_buf_addf(b, "\"%s\":{\"rows\":\"%s\",\"cols\":\"%s\",\"row_labels\":[", name,
                          t->rd == D_PROV   ? "province"
                          : t->rd == D_FORM ? "form"
                                            : "stage",
                          t->cd == D_OUT ? "outcome" : "stage");
    size_t nr = a->size[t->rd], nc = a->size[t->cd];
    for (size_t r = 1; err == 0 && r < nr; r++)
        err = nt_buf_addf(b, "%s\"%s\"", r > 1 ? "," : "", dim_label(a, t->rd, r - 1));
    if (err == 0)
        err = nt_buf_adds(b, "],\"col_labels\":[");
    for (size_t c = 1; err == 0 && c < nc; c++)
        err = nt_buf_addf(b, "%s\"%s\"", c > 1 ? "," : "", dim_label(a, t->cd, c - 1));
    if (err == 0)
        err = nt_buf_adds(b, "],\"cells\":[");
    size_t k[N_DIMS];
    for (size_t r = 1; err == 0 && r < nr; r++) {
        err = nt_buf_adds(b, r > 1 ? ",[" : "[");
        for (size_t c = 1; err == 0 && c < nc; c++) {
            memcpy(k, t->fixed, sizeof k);
            k[t->rd] = r;
            k[t->cd] = c;
            if (c > 1)
                err = nt_buf_addc(b, ',');
            if (err == 0)
                err = put_value(b, a, key_of(a, k));
        }
        if (err == 0)
            err = nt_buf_addc(b, ']');
    }
    if (err == 0)
        err = nt_buf_adds(b, "],\"row_totals\":[");
    for (size_t r = 1; err == 0 && r < nr; r++) {
        memcpy(k, t->fixed, sizeof k);
        k[t->rd] = r;
        k[t->cd] = 0;
        if (r > 1)
            err = nt_buf_addc(b, ',');
        if (err == 0)
            err = put_value(b, a, key_of(a, k));
    }
    if (err == 0)
        err = nt_buf_adds(b, "],\"col_totals\":[");
    for (size_t c = 1; err == 0 && c < nc; c++) {
        memcpy(k, t->fixed, sizeof k);
        k[t->rd] = 0;
        k[t->cd] = c;
        if (c > 1)
            err = nt_buf_addc(b, ',');
        if (err == 0)
            err = put_value(b, a, key_of(a, k));
    }
    if (err == 0)
        err = nt_buf_adds(b, "],\"total\":");
    memcpy(k, t->fixed, sizeof k);
    k[t->rd] = 0;
    k[t->cd] = 0;
    if (err == 0)
        err = put_value(b, a, key_of(a, k));
    return err ? err : nt_buf_addc(b, '}');
}

static int read_cases(nt_vec *cases, agg *a, netra_store *st, int include_demo)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT c.region, c.state, coalesce((SELECT a.form FROM acts a "
                            "WHERE a.case_id = c.id AND a.form <> '' ORDER BY a.date, a.id "
                            "LIMIT 1), '') FROM cases c WHERE ?1 = 1 OR c.demo = 0");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, include_demo != 0);
    int rc = 0;
    while (err == 0 && (rc = nt_db_step(q, "reading cases")) == NT_DB_ROW) {
        tcase c;
        memset(&c, 0, sizeof c);
        const char *region = nt_db_col_text(q, 0);
        const char *form = nt_db_col_text(q, 2);
        if (region != NULL && strlen(region) >= 2 && region[0] >= '0' && region[0] <= '9' &&
            region[1] >= '0' && region[1] <= '9')
            snprintf(c.prov, sizeof c.prov, "%.2s", region);
        else
            snprintf(c.prov, sizeof c.prov, "tanpa_wilayah");
        snprintf(c.form, sizeof c.form, "%s", form && *form ? form : "tanpa_bentuk");
        classify_state(&c.stage, &c.outcome, nt_db_col_text(q, 1));
        size_t ignored;
        if ((err = label_index(&a->prov, c.prov, &ignored)) < 0 ||
            (err = label_index(&a->form, c.form, &ignored)) < 0)
            break;
        if (nt_vec_push(cases, &c) == NULL)
            err = NETRA_ENOMEM;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

int netra_transparency_json(char **json_out, size_t *len_out, netra_store *st, int include_demo)
{
    NT_ASSERT_ARG(json_out != NULL && st != NULL);
    *json_out = NULL;
    agg a;
    memset(&a, 0, sizeof a);
    nt_vec cases;
    nt_vec_init(&cases, sizeof(tcase), 1u << 24);
    nt_vec_init(&a.members, sizeof(size_t), 1u << 26);
    nt_vec_init(&a.starts, sizeof(size_t), 1u << 24);
    nt_buf b;
    nt_buf_init(&b, 64u << 20);
    int err = read_cases(&cases, &a, st, include_demo);
    if (err < 0)
        goto out;
    if (a.prov.n > 1) /* qsort takes no NULL, even for nothing: no cases yet */
        qsort(a.prov.v, a.prov.n, sizeof *a.prov.v, cmp_label);
    if (a.form.n > 1)
        qsort(a.form.v, a.form.n, sizeof *a.form.v, cmp_label);
    a.size[D_PROV] = a.prov.n + 1;
    a.size[D_FORM] = a.form.n + 1;
    a.size[D_STAGE] = sizeof stages / sizeof *stages + 1;
    a.size[D_OUT] = sizeof outcomes / sizeof *outcomes + 1;
    a.n_keys = a.size[0] * a.size[1] * a.size[2] * a.size[3];
    a.count = nt_calloc(a.n_keys, sizeof *a.count);
    a.status = nt_calloc(a.n_keys, 1);
    if (a.count == NULL || a.status == NULL) {
        err = NETRA_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < cases.n; i++) {
        tcase *c = nt_vec_at(&cases, i);
        size_t p = 0, f = 0;
        (void)label_index(&a.prov, c->prov, &p);
        (void)label_index(&a.form, c->form, &f);
        size_t full[N_DIMS] = {p + 1, f + 1, c->stage + 1, c->outcome + 1};
        for (unsigned mask = 0; mask < (1u << N_DIMS); mask++) {
            size_t k[N_DIMS];
            for (int d = 0; d < N_DIMS; d++)
                k[d] = (mask >> d) & 1u ? 0 : full[d];
            a.count[key_of(&a, k)]++;
        }
    }
    /* The tables published: national, then each province. */
    const tdef national[] = {{D_PROV, D_OUT, {0, 0, 0, 0}},
                             {D_PROV, D_STAGE, {0, 0, 0, 0}},
                             {D_FORM, D_OUT, {0, 0, 0, 0}},
                             {D_FORM, D_STAGE, {0, 0, 0, 0}}};
    const size_t n_national = sizeof national / sizeof *national;
    for (size_t i = 0; err == 0 && i < n_national; i++)
        err = add_lines(&a, &national[i]);
    for (size_t p = 1; err == 0 && p < a.size[D_PROV]; p++) {
        tdef t1 = {D_FORM, D_OUT, {p, 0, 0, 0}}, t2 = {D_FORM, D_STAGE, {p, 0, 0, 0}};
        if ((err = add_lines(&a, &t1)) == 0)
            err = add_lines(&a, &t2);
    }
    if (err == 0)
        err = push_size(&a.starts, a.members.n);
    if (err < 0)
        goto out;
    nt_suppress(a.status, a.count, a.n_keys, a.members.items, a.starts.items, a.starts.n - 1,
                NETRA_TRANSPARENCY_THRESHOLD);

    static const char *const names[] = {"by_province_outcome", "by_province_stage",
                                        "by_form_outcome", "by_form_stage"};
    err = nt_buf_addf(&b,
                      "{\"threshold\":%d,\"suppressed_small\":\"<5\",\"suppressed_complementary\":"
                      "\"x\",\"demo_included\":%s,\"national\":{",
                      NETRA_TRANSPARENCY_THRESHOLD, include_demo ? "true" : "false");
    for (size_t i = 0; err == 0 && i < n_national; i++) {
        if (i > 0)
            err = nt_buf_addc(&b, ',');
        if (err == 0)
            err = put_table(&b, &a, &national[i], names[i]);
    }
    if (err == 0)
        err = nt_buf_adds(&b, "},\"provinces\":[");
    for (size_t p = 1; err == 0 && p < a.size[D_PROV]; p++) {
        tdef t1 = {D_FORM, D_OUT, {p, 0, 0, 0}}, t2 = {D_FORM, D_STAGE, {p, 0, 0, 0}};
        size_t k[N_DIMS] = {p, 0, 0, 0};
        err =
            nt_buf_addf(&b, "%s{\"province\":\"%s\",\"total\":", p > 1 ? "," : "", a.prov.v[p - 1]);
        if (err == 0)
            err = put_value(&b, &a, key_of(&a, k));
        if (err == 0)
            err = nt_buf_addc(&b, ',');
        if (err == 0)
            err = put_table(&b, &a, &t1, "by_form_outcome");
        if (err == 0)
            err = nt_buf_addc(&b, ',');
        if (err == 0)
            err = put_table(&b, &a, &t2, "by_form_stage");
        if (err == 0)
            err = nt_buf_addc(&b, '}');
    }
    if (err == 0)
        err = nt_buf_adds(&b, "]}\n");
    if (err == 0) {
        size_t len;
        *json_out = nt_buf_detach(&b, &len);
        if (*json_out == NULL)
            err = NETRA_ENOMEM;
        else if (len_out != NULL)
            *len_out = len;
    }
out:
    nt_buf_free(&b);
    nt_vec_free(&cases);
    nt_vec_free(&a.members);
    nt_vec_free(&a.starts);
    nt_free(a.count);
    nt_free(a.status);
    nt_free(a.prov.v);
    nt_free(a.form.v);
    return err;
}
