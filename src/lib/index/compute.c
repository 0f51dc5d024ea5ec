/*
 * compute.c - the index itself: one pass over the events sums the weighted indicators per
 * region of the asked level and per issue; indicators are aggregated and scaled 0-100 and
 * cut into zones (docs/index-methodology.md). Also the prevention list of one region.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"

int nt_ix_query_resolve(long *election_out, int *stage_out, const netra_index *ix,
                        const netra_index_query *q)
{
    *election_out = 0;
    *stage_out = -1;
    if (q->election != NULL && *q->election != '\0') {
        if (netra_law_election(ix->cfg->law, q->election) == NULL)
            return nt_error_set(NETRA_EINVAL, "election '%.60s' is not in elections.tsv",
                                q->election);
        void *v = nt_map_get(&ix->elections.map, q->election, strlen(q->election));
        *election_out = v ? (long)(uintptr_t)v - 1 : -1;
    }
    if (q->stage != NULL && *q->stage != '\0') {
        for (int i = 1; i < NETRA_PHASE_COUNT; i++)
            if (strcmp(q->stage, netra_phase_id((netra_phase)i)) == 0)
                *stage_out = i;
        if (*stage_out < 0)
            return nt_error_set(NETRA_EINVAL, "stage '%.60s' is not a phase of stages.tsv",
                                q->stage);
    }
    return NETRA_OK;
}

int nt_ix_match(const nt_ix_event *e, const netra_index_query *q, long election, int stage)
{
    if (election != 0 && e->election != election)
        return 0;
    if (stage >= 0 && e->stage != stage)
        return 0;
    if (q->has_from && e->date < q->from)
        return 0;
    if (q->has_to && e->date > q->to)
        return 0;
    return 1;
}

static double round2(double v)
{
    return (double)netra_index_hundredths(v) / 100.0;
}

/* Scales v[0..n) (stride `stride`) to 0-100 into out (same stride). */
static void scale(double *out, const double *v, size_t n, size_t stride, int use_max)
{
    double lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i * stride];
        if (i == 0 || x < lo)
            lo = x;
        if (i == 0 || x > hi)
            hi = x;
    }
    if (use_max)
        lo = 0;
    for (size_t i = 0; i < n; i++)
        out[i * stride] = hi > lo ? round2(100.0 * (v[i * stride] - lo) / (hi - lo)) : 0.0;
}

static int row_cmp(const void *a, const void *b)
{
    const netra_index_row *x = a, *y = b;
    long hx = netra_index_hundredths(x->score), hy = netra_index_hundredths(y->score);
    if (hx != hy)
        return hx > hy ? -1 : 1;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return strcmp(x->code, y->code);
}

int netra_index_compute(netra_index_result **out, const netra_index *ix, const netra_index_query *q)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(ix != NULL);
    NT_ASSERT_ARG(q != NULL);
    *out = NULL;
    const netra_index_config *cfg = ix->cfg;
    netra_region_level level = q->level ? q->level : NETRA_REGION_REGENCY;
    if ((int)level < 1 || (int)level > 3)
        return nt_error_set(NETRA_EINVAL, "level must be province, regency or district");
    long election;
    int stage;
    int err = nt_ix_query_resolve(&election, &stage, ix, q);
    if (err < 0)
        return err;
    const size_t ni = cfg->n_issues, nreg = ix->regions.n;
    /* slot of each region-table entry at the asked level -> dense row index */
    uint32_t *row_of = nt_malloc((nreg ? nreg : 1) * sizeof *row_of);
    size_t *counts = NULL;
    double *sums = NULL;
    netra_index_result *r = nt_calloc(1, sizeof *r);
    if (row_of == NULL || r == NULL)
        goto oom;
    r->cfg = cfg;
    r->level = level;
    /* rows: every region of the level from the region data, then any seen in the events */
    size_t n_listed = 0;
    const netra_region *listed = NULL;
    if (q->regs != NULL)
        listed = netra_regions_list(&n_listed, q->regs, level);
    size_t cap = n_listed + nreg + 1;
    nt_map by_code;
    nt_map_init(&by_code);
    r->codes = nt_calloc(cap, sizeof *r->codes);
    r->rows = nt_calloc(cap, sizeof *r->rows);
    if (r->codes == NULL || r->rows == NULL)
        goto oom_map;
    for (size_t i = 0; i < n_listed; i++) {
        snprintf(r->codes[r->n_rows], NETRA_REGION_CODE_MAX, "%s", listed[i].code);
        r->rows[r->n_rows].name = listed[i].name;
        if (nt_map_put(&by_code, r->codes[r->n_rows], strlen(r->codes[r->n_rows]),
                       (void *)(uintptr_t)(r->n_rows + 1), NULL) < 0)
            goto oom_map;
        r->n_rows++;
    }
    for (size_t i = 0; i < nreg; i++) {
        const nt_ix_region *reg = nt_vec_at(&ix->regions, i);
        row_of[i] = NT_IX_NO_SLOT;
        if (reg->level != level)
            continue;
        char code[NETRA_REGION_CODE_MAX];
        nt_ix_code_format(code, reg->code, level);
        void *v = nt_map_get(&by_code, code, strlen(code));
        if (v == NULL) {
            memcpy(r->codes[r->n_rows], code, sizeof code);
            r->rows[r->n_rows].name = "";
            if (nt_map_put(&by_code, r->codes[r->n_rows], strlen(code),
                           (void *)(uintptr_t)(r->n_rows + 1), NULL) < 0)
                goto oom_map;
            v = (void *)(uintptr_t)(++r->n_rows);
        }
        row_of[i] = (uint32_t)((uintptr_t)v - 1);
    }
    /* each table entry maps to the row of its ancestor at the level */
    for (size_t i = 0; i < nreg; i++) {
        const nt_ix_region *reg = nt_vec_at(&ix->regions, i);
        uint32_t up = reg->up[level];
        row_of[i] = up == NT_IX_NO_SLOT ? NT_IX_NO_SLOT : row_of[up];
    }
    nt_map_free(&by_code);
    const size_t nr = r->n_rows;
    r->values = nt_calloc((nr ? nr : 1) * ni * 2, sizeof *r->values);
    counts = nt_calloc(nr ? nr : 1, sizeof *counts);
    sums = nt_calloc(nr ? nr : 1, sizeof *sums);
    if (r->values == NULL || counts == NULL || sums == NULL)
        goto oom;
    /* the one pass over the events */
    const nt_ix_event *ev = ix->events.items;
    const size_t n_ev = ix->events.n;
    double *val = r->values;
    if (election >= 0) {
        for (size_t i = 0; i < n_ev; i++) {
            const nt_ix_event *e = &ev[i];
            if (!nt_ix_match(e, q, election, stage))
                continue;
            r->matched++;
            uint32_t row = row_of[e->region];
            if (row == NT_IX_NO_SLOT) {
                r->unplaced++;
                continue;
            }
            val[(size_t)row * ni + e->issue] += e->weight;
            counts[row]++;
        }
    }
    /* per-issue scores, then the aggregate */
    double *score = r->values + nr * ni;
    for (size_t k = 0; k < ni && nr > 0; k++)
        scale(score + k, val + k, nr, ni, cfg->scale_max);
    double wsum = 0;
    for (size_t k = 0; k < ni; k++)
        wsum += cfg->issue_w[k];
    for (size_t i = 0; i < nr; i++) {
        double v = 0;
        for (size_t k = 0; k < ni; k++)
            v += cfg->issue_w[k] * (cfg->weighted_mean ? score[i * ni + k] : val[i * ni + k]);
        if (cfg->weighted_mean)
            v = wsum > 0 ? v / wsum : 0;
        sums[i] = v;
    }
    double *agg = nt_malloc((nr ? nr : 1) * sizeof *agg);
    if (agg == NULL)
        goto oom;
    if (nr > 0)
        scale(agg, sums, nr, 1, cfg->scale_max);
    for (size_t i = 0; i < nr; i++) {
        netra_index_row *row = &r->rows[i];
        row->code = r->codes[i];
        row->value = sums[i];
        row->score = agg[i];
        row->zone = netra_index_zone_of(cfg, level, agg[i]);
        row->n_events = counts[i];
        row->issue_value = val + i * ni;
        row->issue_score = score + i * ni;
    }
    nt_free(agg);
    qsort(r->rows, nr, sizeof *r->rows, row_cmp);
    nt_free(row_of);
    nt_free(counts);
    nt_free(sums);
    *out = r;
    return NETRA_OK;
oom_map:
    nt_map_free(&by_code);
oom:
    nt_free(row_of);
    nt_free(counts);
    nt_free(sums);
    netra_index_result_free(r);
    return NETRA_ENOMEM;
}

void netra_index_result_free(netra_index_result *r)
{
    if (r == NULL)
        return;
    nt_free(r->rows);
    nt_free(r->codes);
    nt_free(r->values);
    nt_free(r);
}

size_t netra_index_result_count(const netra_index_result *r)
{
    return r ? r->n_rows : 0;
}

const netra_index_row *netra_index_result_row(const netra_index_result *r, size_t i)
{
    return r != NULL && i < r->n_rows ? &r->rows[i] : NULL;
}

const netra_index_row *netra_index_result_find(const netra_index_result *r, const char *code)
{
    char dotted[NETRA_REGION_CODE_MAX];
    if (r == NULL || code == NULL || netra_region_code_parse(dotted, NULL, code) < 0)
        return NULL;
    for (size_t i = 0; i < r->n_rows; i++)
        if (strcmp(r->rows[i].code, dotted) == 0)
            return &r->rows[i];
    return NULL;
}

size_t netra_index_result_unplaced(const netra_index_result *r)
{
    return r ? r->unplaced : 0;
}

size_t netra_index_result_matched(const netra_index_result *r)
{
    return r ? r->matched : 0;
}

/* ---- prevention list --------------------------------------------------------------------- */

static int driver_cmp(const void *a, const void *b)
{
    const netra_index_driver *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Compacts the non-empty entries, computes shares and sorts them. */
static size_t finish(netra_index_driver *d, size_t n, double total)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i].n_events > 0) {
            d[k] = d[i];
            d[k].share = total > 0 ? d[k].value / total : 0;
            k++;
        }
    qsort(d, k, sizeof *d, driver_cmp);
    return k;
}

int netra_index_prevention_get(netra_index_prevention *out, const netra_index *ix,
                               const netra_index_query *q, const char *region)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(ix != NULL);
    NT_ASSERT_ARG(q != NULL);
    memset(out, 0, sizeof *out);
    nt_ix_code code;
    netra_region_level level;
    int err = nt_ix_code_parse(&code, &level, region ? region : "");
    if (err < 0)
        return err;
    nt_ix_code_format(out->code, code, level);
    long election;
    int stage;
    if ((err = nt_ix_query_resolve(&election, &stage, ix, q)) < 0)
        return err;
    const netra_index_config *cfg = ix->cfg;
    size_t n_ag = ix->agencies.items.n, n_pos = ix->positions.items.n;
    out->issues = nt_calloc(cfg->n_issues, sizeof *out->issues);
    out->stages = nt_calloc(NETRA_PHASE_COUNT, sizeof *out->stages);
    out->agencies = nt_calloc(n_ag, sizeof *out->agencies);
    out->positions = nt_calloc(n_pos, sizeof *out->positions);
    if (!out->issues || !out->stages || !out->agencies || !out->positions) {
        netra_index_prevention_free(out);
        return NETRA_ENOMEM;
    }
    for (size_t i = 0; i < cfg->n_issues; i++)
        out->issues[i].id = cfg->issue_ids[i];
    for (int i = 0; i < NETRA_PHASE_COUNT; i++)
        out->stages[i].id = i == 0 ? "" : netra_phase_id((netra_phase)i);
    for (size_t i = 0; i < n_ag; i++)
        out->agencies[i].id = nt_ix_string(&ix->agencies, i);
    for (size_t i = 0; i < n_pos; i++)
        out->positions[i].id = nt_ix_string(&ix->positions, i);
    /* the region's entry in the table; events of regions inside it have it as ancestor */
    uint32_t target =
        ix->region_slot && ix->region_slot[code] ? ix->region_slot[code] - 1 : NT_IX_NO_SLOT;
    const nt_ix_event *ev = ix->events.items;
    for (size_t i = 0; target != NT_IX_NO_SLOT && election >= 0 && i < ix->events.n; i++) {
        const nt_ix_event *e = &ev[i];
        const nt_ix_region *reg = nt_vec_at(&ix->regions, e->region);
        if (reg->up[level] != target || !nt_ix_match(e, q, election, stage))
            continue;
        double w = e->weight;
        out->total += w;
        out->n_events++;
        out->issues[e->issue].value += w;
        out->issues[e->issue].n_events++;
        out->stages[e->stage].value += w;
        out->stages[e->stage].n_events++;
        out->agencies[e->agency].value += w;
        out->agencies[e->agency].n_events++;
        out->positions[e->position].value += w;
        out->positions[e->position].n_events++;
    }
    out->n_issues = finish(out->issues, cfg->n_issues, out->total);
    out->n_stages = finish(out->stages, NETRA_PHASE_COUNT, out->total);
    out->n_agencies = finish(out->agencies, n_ag, out->total);
    out->n_positions = finish(out->positions, n_pos, out->total);
    return NETRA_OK;
}

void netra_index_prevention_free(netra_index_prevention *p)
{
    if (p == NULL)
        return;
    nt_free(p->issues);
    nt_free(p->stages);
    nt_free(p->agencies);
    nt_free(p->positions);
    memset(p, 0, sizeof *p);
}
