/*
 * prior.c - a published IKP table (region code, score) and its comparison, region by
 * region, with the scores Netra observes: difference, zones, ranks and Spearman's rank
 * correlation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"

#define PRIOR_MAX_FILE (16u * 1024u * 1024u)
#define PRIOR_MAX_ROWS 100000u

static int pick(const nt_csv *c, const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++) {
        int k = nt_csv_col(c, names[i]);
        if (k >= 0)
            return k;
    }
    return -1;
}

int netra_index_prior_load(netra_index_prior_row **rows_out, size_t *n_out,
                           netra_region_level *level_out, const char *path, const char *data,
                           size_t len)
{
    static const char *const code_cols[] = {"code", "kode", "region", "kode_wilayah", NULL};
    static const char *const score_cols[] = {"score", "skor", "nilai", NULL};
    NT_ASSERT_ARG(rows_out != NULL);
    NT_ASSERT_ARG(n_out != NULL);
    *rows_out = NULL;
    *n_out = 0;
    nt_csv c;
    int err = nt_csv_open(&c, path, data, len, PRIOR_MAX_FILE, NULL);
    if (err < 0)
        return err;
    int kc = pick(&c, code_cols), ks = pick(&c, score_cols);
    if (kc < 0 || ks < 0) {
        err = nt_error_set(NETRA_EDATA,
                           "%s:1: the header needs a code column (code, kode, region) and a "
                           "score column (score, skor, nilai)",
                           c.rec.path);
        nt_csv_close(&c);
        return err;
    }
    const char *code_name = c.rec.col_names[kc], *score_name = c.rec.col_names[ks];
    nt_vec rows;
    nt_vec_init(&rows, sizeof(netra_index_prior_row), PRIOR_MAX_ROWS);
    nt_map seen;
    nt_map_init(&seen);
    netra_region_level level = NETRA_REGION_ANY;
    unsigned first_line = 0;
    while ((err = nt_csv_next(&c)) > 0) {
        netra_index_prior_row row;
        memset(&row, 0, sizeof row);
        netra_region_level lv;
        const char *code = c.rec.fields[kc];
        if (netra_region_code_parse(row.code, &lv, code) < 0) {
            err = nt_csv_error(&c, code_name, "%s", netra_error_last()->msg);
            break;
        }
        if (level == NETRA_REGION_ANY) {
            level = lv;
            first_line = c.rec.line;
        } else if (lv != level) {
            err = nt_csv_error(
                &c, code_name, "'%s' is a %s but line %u has a %s; one level per file", row.code,
                netra_region_level_name(lv), first_line, netra_region_level_name(level));
            break;
        }
        const char *s = c.rec.fields[ks];
        size_t slen = c.rec.lens[ks];
        if (nt_ix_parse_decimal(&row.score, s, slen) < 0 || row.score > 100) {
            err = nt_csv_error(&c, score_name, "'%.20s' is not a score between 0 and 100", s);
            break;
        }
        netra_index_prior_row *slot = nt_vec_push(&rows, &row);
        if (slot == NULL) {
            err = netra_error_last()->code == NETRA_ETOOBIG
                      ? nt_csv_error(&c, NULL, "more than %u rows", PRIOR_MAX_ROWS)
                      : NETRA_ENOMEM;
            break;
        }
        void *prev = nt_map_get(&seen, row.code, strlen(row.code));
        if (prev != NULL) {
            err = nt_csv_error(&c, code_name, "region %s already given on line %u", row.code,
                               (unsigned)(uintptr_t)prev);
            break;
        }
        /* the key lives in the vector, which may move: keep a copy in the arena-less way by
         * re-inserting after the loop is not possible, so the map stores its own copy */
        char *key = nt_strdup(row.code);
        if (key == NULL ||
            nt_map_put(&seen, key, strlen(key), (void *)(uintptr_t)c.rec.line, NULL) < 0) {
            nt_free(key);
            err = NETRA_ENOMEM;
            break;
        }
    }
    size_t iter = 0;
    const char *k;
    size_t kl;
    void *v;
    while (nt_map_next(&seen, &iter, &k, &kl, &v))
        nt_free((void *)(uintptr_t)k);
    nt_map_free(&seen);
    nt_csv_close(&c);
    if (err < 0) {
        nt_vec_free(&rows);
        return err;
    }
    *rows_out = rows.items;
    *n_out = rows.n;
    if (level_out)
        *level_out = level;
    return NETRA_OK;
}

void netra_index_prior_free(netra_index_prior_row *rows)
{
    nt_free(rows);
}

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int ranked_cmp(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1; /* highest first: rank 1 = most vulnerable */
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Average ranks (1-based, ties share the mean of their positions). */
static int ranks(double *out, const double *v, size_t n)
{
    ranked *r = nt_malloc((n ? n : 1) * sizeof *r);
    if (r == NULL)
        return NETRA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        r[i].v = v[i];
        r[i].i = i;
    }
    qsort(r, n, sizeof *r, ranked_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && r[j + 1].v == r[i].v)
            j++;
        double avg = (double)(i + j + 2) / 2.0;
        for (size_t k = i; k <= j; k++)
            out[r[k].i] = avg;
        i = j + 1;
    }
    nt_free(r);
    return NETRA_OK;
}

int netra_index_compare(netra_index_comparison *out, const netra_index_config *cfg,
                        const netra_index_prior_row *prior, size_t n_prior,
                        netra_region_level level, const netra_index_result *observed)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(cfg != NULL);
    NT_ASSERT_ARG(observed != NULL);
    memset(out, 0, sizeof *out);
    out->level = level;
    if (n_prior > 0 && level != observed->level)
        return nt_error_set(NETRA_EINVAL,
                            "the published table is at the %s level, the index at "
                            "the %s level",
                            netra_region_level_name(level),
                            netra_region_level_name(observed->level));
    out->rows = nt_calloc(n_prior ? n_prior : 1, sizeof *out->rows);
    double *a = nt_calloc(2 * (n_prior ? n_prior : 1), sizeof *a);
    double *ra = nt_calloc(2 * (n_prior ? n_prior : 1), sizeof *ra);
    if (out->rows == NULL || a == NULL || ra == NULL) {
        nt_free(a);
        nt_free(ra);
        netra_index_comparison_free(out);
        return NETRA_ENOMEM;
    }
    for (size_t i = 0; i < n_prior; i++) {
        const netra_index_row *o = netra_index_result_find(observed, prior[i].code);
        if (o == NULL) {
            out->only_prior++;
            continue;
        }
        netra_index_compare_row *row = &out->rows[out->n_rows++];
        memcpy(row->code, prior[i].code, sizeof row->code);
        row->prior = prior[i].score;
        row->observed = o->score;
        row->diff =
            (double)(netra_index_hundredths(o->score) - netra_index_hundredths(prior[i].score)) /
            100.0;
        row->prior_zone = netra_index_zone_of(cfg, level, prior[i].score);
        row->observed_zone = o->zone;
        if (row->prior_zone != row->observed_zone)
            out->changed++;
    }
    size_t n = out->n_rows;
    double *b = a + n, *rb = ra + n;
    for (size_t i = 0; i < n; i++) {
        a[i] = out->rows[i].prior;
        b[i] = out->rows[i].observed;
    }
    if (ranks(ra, a, n) < 0 || ranks(rb, b, n) < 0) {
        nt_free(a);
        nt_free(ra);
        netra_index_comparison_free(out);
        return NETRA_ENOMEM;
    }
    /* Spearman's rho as Pearson's correlation of the ranks (correct with ties). */
    double ma = 0, mb = 0;
    for (size_t i = 0; i < n; i++) {
        out->rows[i].prior_rank = (int)floor(ra[i]);
        out->rows[i].observed_rank = (int)floor(rb[i]);
        ma += ra[i];
        mb += rb[i];
    }
    if (n >= 2) {
        ma /= (double)n;
        mb /= (double)n;
        double sab = 0, saa = 0, sbb = 0;
        for (size_t i = 0; i < n; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        out->spearman = saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
    }
    nt_free(a);
    nt_free(ra);
    return NETRA_OK;
}

void netra_index_comparison_free(netra_index_comparison *c)
{
    if (c == NULL)
        return;
    nt_free(c->rows);
    memset(c, 0, sizeof *c);
}
