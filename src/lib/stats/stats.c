/*
 * stats.c - national statistics from the cases: shares by category and form, the funnel by
 * agency, position class and province, the time spent in each workflow state. Cases are kept
 * compactly (strings interned, completed stays as (state, days) pairs); every query is one
 * pass over them. Small cells of the public variant are hidden by the transparency tables'
 * solver (store/public_int.h). See docs/statistics.md.
 */
#include <stdlib.h>
#include <string.h>

#include "store/public_int.h"
#include "util/util_int.h"
#include "netra/stats.h"

#define ST_MAX_STRINGS  65535u
#define ST_NO_STATE     255u
#define ST_UNCLASSIFIED "belum_diklasifikasi"

typedef struct st_strings {
    nt_map map;   /* string -> index + 1 */
    nt_vec items; /* const char * */
} st_strings;

typedef struct st_case {
    uint32_t region;   /* interned region code, 0 = none */
    netra_date opened; /* opened */
    uint32_t stays;    /* first stay in the stays vec */
    uint16_t n_stays;  /* completed stays */
    uint16_t election; /* interned, 0 = none */
    uint16_t agency;   /* interned, 0 = not recorded */
    uint16_t position; /* interned, 0 = not recorded */
    uint8_t form;      /* law form index + 1, 0 = none */
    uint8_t reached;   /* funnel bits */
    uint8_t open;      /* state the case is in when not terminal, ST_NO_STATE otherwise */
} st_case;

typedef struct st_stay {
    uint8_t state; /* workflow state index */
    int32_t days;  /* calendar days */
} st_stay;

struct netra_stats {
    const netra_law *law;
    const netra_workflow *wf;
    const netra_regions *regs;
    nt_arena arena;
    nt_vec cases; /* st_case */
    nt_vec stays; /* st_stay */
    st_strings regions, elections, agencies, positions;
};

static const char *const step_ids[NETRA_STATS_N_STEPS] = {"reported", "registered", "forwarded",
                                                          "proven", "sanctioned"};

const char *netra_stats_step_id(netra_stats_step step)
{
    return (unsigned)step < NETRA_STATS_N_STEPS ? step_ids[step] : NULL;
}

const char *netra_stats_cell_mark(netra_stats_cell c)
{
    return c == NETRA_STATS_SMALL ? "<5" : c == NETRA_STATS_COMPLEMENTARY ? "x" : NULL;
}

/* ---- strings --------------------------------------------------------------------------------- */

static int strings_init(st_strings *t)
{
    nt_map_init(&t->map);
    nt_vec_init(&t->items, sizeof(const char *), ST_MAX_STRINGS + 1);
    const char *empty = "";
    return nt_vec_push(&t->items, &empty) == NULL ? netra_error_last()->code : NETRA_OK;
}

static void strings_free(st_strings *t)
{
    nt_map_free(&t->map);
    nt_vec_free(&t->items);
}

static const char *string_at(const st_strings *t, size_t i)
{
    const char *const *p = nt_vec_at(&t->items, i);
    return p ? *p : "";
}

/* The index of s (0 for NULL or ""), added when new; a negative error past the bound. */
static long intern(netra_stats *s, st_strings *t, const char *str, const char *what)
{
    if (str == NULL || *str == '\0')
        return 0;
    size_t len = strlen(str);
    void *v = nt_map_get(&t->map, str, len);
    if (v != NULL)
        return (long)((uintptr_t)v - 1);
    if (t->items.n > ST_MAX_STRINGS)
        return nt_error_set(NETRA_ETOOBIG, "more than %u distinct %s", ST_MAX_STRINGS, what);
    char *copy = nt_arena_strndup(&s->arena, str, len);
    if (copy == NULL)
        return nt_error_set_oom();
    size_t idx = t->items.n;
    const char *item = copy;
    if (nt_vec_push(&t->items, &item) == NULL)
        return netra_error_last()->code;
    int err = nt_map_put(&t->map, copy, len, (void *)(uintptr_t)(idx + 1), NULL);
    if (err < 0) {
        t->items.n--;
        return err;
    }
    return (long)idx;
}

/* The index of s without adding it: 0 for none, -1 when absent. */
static long lookup(const st_strings *t, const char *str)
{
    if (str == NULL || *str == '\0')
        return 0;
    void *v = nt_map_get(&t->map, str, strlen(str));
    return v ? (long)((uintptr_t)v - 1) : -1;
}

/* ---- the set --------------------------------------------------------------------------------- */

int netra_stats_new(netra_stats **out, const netra_law *law, const netra_workflow *wf,
                    const netra_regions *regs)
{
    NT_ASSERT_ARG(out != NULL && law != NULL && wf != NULL);
    netra_stats *s = nt_calloc(1, sizeof *s);
    if (s == NULL)
        return nt_error_set_oom();
    s->law = law;
    s->wf = wf;
    s->regs = regs;
    nt_arena_init(&s->arena, 64 * 1024, 0);
    nt_vec_init(&s->cases, sizeof(st_case), NETRA_STATS_MAX_CASES);
    nt_vec_init(&s->stays, sizeof(st_stay), 0);
    int err = strings_init(&s->regions);
    int e2 = strings_init(&s->elections);
    int e3 = strings_init(&s->agencies);
    int e4 = strings_init(&s->positions);
    if (err == 0)
        err = e2 < 0 ? e2 : e3 < 0 ? e3 : e4;
    if (err < 0) {
        netra_stats_free(s);
        return err;
    }
    *out = s;
    return NETRA_OK;
}

void netra_stats_free(netra_stats *s)
{
    if (s == NULL)
        return;
    nt_vec_free(&s->cases);
    nt_vec_free(&s->stays);
    strings_free(&s->regions);
    strings_free(&s->elections);
    strings_free(&s->agencies);
    strings_free(&s->positions);
    nt_arena_free(&s->arena);
    nt_free(s);
}

size_t netra_stats_count(const netra_stats *s)
{
    return s ? s->cases.n : 0;
}

static long state_index(const netra_workflow *wf, const char *id)
{
    size_t n = netra_workflow_n_states(wf);
    for (size_t i = 0; i < n && i < ST_NO_STATE; i++)
        if (strcmp(netra_workflow_state_at(wf, i)->id, id) == 0)
            return (long)i;
    return -1;
}

static long form_index(const netra_law *law, const char *id)
{
    size_t n = netra_law_n_forms(law);
    for (size_t i = 0; i < n && i < 254; i++)
        if (strcmp(netra_law_form_at(law, i)->id, id) == 0)
            return (long)i;
    return -1;
}

int netra_stats_add(netra_stats *s, const netra_stats_case *c)
{
    NT_ASSERT_ARG(s != NULL && c != NULL);
    if (s->cases.n >= NETRA_STATS_MAX_CASES)
        return nt_error_set(NETRA_ETOOBIG, "more than %u cases", NETRA_STATS_MAX_CASES);
    st_case sc;
    memset(&sc, 0, sizeof sc);
    sc.opened = c->opened;
    sc.open = ST_NO_STATE;
    if (c->form != NULL && c->form[0] != '\0') {
        long f = form_index(s->law, c->form);
        if (f < 0)
            return nt_error_set(NETRA_EINVAL, "field 'form': unknown form '%s'", c->form);
        sc.form = (uint8_t)(f + 1);
    }
    /* a later step implies the earlier ones */
    unsigned reached = c->reached | 1u;
    for (int k = NETRA_STATS_N_STEPS - 1; k > 0; k--)
        if (reached & (1u << k))
            reached |= (1u << k) - 1;
    sc.reached = (uint8_t)reached;
    /* stays: check every step first, then append */
    long cur = -1;
    netra_date entered = 0;
    size_t first = s->stays.n;
    for (size_t i = 0; i < c->n_steps; i++) {
        const netra_case_step *st = &c->steps[i];
        long k = state_index(s->wf, st->state);
        if (k < 0) {
            s->stays.n = first;
            return nt_error_set(NETRA_EINVAL, "field 'state': unknown state '%s' (step %zu)",
                                st->state, i + 1);
        }
        if (i > 0 && st->day < c->steps[i - 1].day) {
            s->stays.n = first;
            return nt_error_set(NETRA_EINVAL,
                                "field 'day': step %zu (%s) is dated before the step before it",
                                i + 1, st->action);
        }
        if (k == cur)
            continue;
        if (cur >= 0) {
            st_stay stay = {(uint8_t)cur, (int32_t)(st->day - entered)};
            int err = s->stays.n - first >= UINT16_MAX
                          ? nt_error_set(NETRA_ETOOBIG, "more than 65,535 steps in a case")
                          : NETRA_OK;
            if (err == 0 && nt_vec_push(&s->stays, &stay) == NULL)
                err = netra_error_last()->code;
            if (err < 0) {
                s->stays.n = first;
                return err;
            }
        }
        cur = k;
        entered = st->day;
    }
    if (cur >= 0 && !netra_workflow_state_at(s->wf, (size_t)cur)->terminal)
        sc.open = (uint8_t)cur;
    sc.stays = (uint32_t)first;
    sc.n_stays = (uint16_t)(s->stays.n - first);
    long r = intern(s, &s->regions, c->region, "regions");
    long e = r < 0 ? r : intern(s, &s->elections, c->election, "elections");
    long a = e < 0 ? e : intern(s, &s->agencies, c->agency, "agencies");
    long p = a < 0 ? a : intern(s, &s->positions, c->position, "position classes");
    if (p < 0) {
        s->stays.n = first;
        return (int)p;
    }
    sc.region = (uint32_t)r;
    sc.election = (uint16_t)e;
    sc.agency = (uint16_t)a;
    sc.position = (uint16_t)p;
    if (nt_vec_push(&s->cases, &sc) == NULL) {
        s->stays.n = first;
        return netra_error_last()->code;
    }
    return NETRA_OK;
}

/* ---- from the store -------------------------------------------------------------------------- */

typedef struct loader {
    netra_stats *s;
    size_t n;
} loader;

static int load_case(const netra_case_facts *f, void *payload)
{
    loader *ld = payload;
    netra_stats_case c;
    memset(&c, 0, sizeof c);
    c.election = f->c->election;
    c.region = f->c->region;
    c.opened = f->c->opened;
    c.agency = f->agency;
    c.position = f->position;
    for (size_t i = 0; i < f->n_acts && c.form == NULL; i++)
        if (f->acts[i].form[0] != '\0')
            c.form = f->acts[i].form;
    if (c.region[0] == '\0')
        for (size_t i = 0; i < f->n_acts; i++)
            if (f->acts[i].region[0] != '\0') {
                c.region = f->acts[i].region;
                break;
            }
    c.reached = 1u << NETRA_STATS_REPORTED;
    for (size_t i = 0; i < f->n_steps; i++) {
        const char *a = f->steps[i].action;
        if (strcmp(a, "registrasi") == 0 || strcmp(a, "tetapkan_temuan") == 0)
            c.reached |= 1u << NETRA_STATS_REGISTERED;
        else if (strcmp(a, "teruskan") == 0)
            c.reached |= 1u << NETRA_STATS_FORWARDED;
        else if (strcmp(a, "rekomendasikan") == 0)
            c.reached |= 1u << NETRA_STATS_PROVEN;
        else if (strcmp(a, "jatuhkan_sanksi") == 0)
            c.reached |= 1u << NETRA_STATS_SANCTIONED;
    }
    c.steps = f->steps;
    c.n_steps = f->n_steps;
    int err = netra_stats_add(ld->s, &c);
    if (err < 0)
        return nt_error_prefix("case %lld", (long long)f->c->id);
    ld->n++;
    return NETRA_OK;
}

int netra_stats_load_store(size_t *n_out, netra_stats *s, netra_store *st)
{
    NT_ASSERT_ARG(s != NULL && st != NULL);
    size_t before = s->cases.n, stays = s->stays.n;
    loader ld = {s, 0};
    int err = netra_store_case_facts(st, load_case, &ld);
    if (err < 0) {
        s->cases.n = before;
        s->stays.n = stays;
        return err;
    }
    if (n_out)
        *n_out = ld.n;
    return NETRA_OK;
}

/* ---- filters --------------------------------------------------------------------------------- */

typedef struct filter {
    long election; /* 0 = any, -1 = none matches */
    const char *region;
    size_t region_len;
    const netra_stats_query *q;
} filter;

static void filter_init(filter *f, const netra_stats *s, const netra_stats_query *q)
{
    memset(f, 0, sizeof *f);
    f->q = q;
    if (q == NULL)
        return;
    f->election = lookup(&s->elections, q->election);
    if (q->region != NULL && q->region[0] != '\0') {
        f->region = q->region;
        f->region_len = strlen(q->region);
    }
}

static int match(const netra_stats *s, const filter *f, const st_case *c)
{
    const netra_stats_query *q = f->q;
    if (q == NULL)
        return 1;
    if (f->election < 0 || (f->election > 0 && c->election != f->election))
        return 0;
    if (q->has_from && c->opened < q->from)
        return 0;
    if (q->has_to && c->opened > q->to)
        return 0;
    if (f->region != NULL) {
        const char *r = string_at(&s->regions, c->region);
        if (strncmp(r, f->region, f->region_len) != 0 ||
            (r[f->region_len] != '\0' && r[f->region_len] != '.'))
            return 0;
    }
    return 1;
}

/* ---- tables ---------------------------------------------------------------------------------- */

void netra_stats_table_free(netra_stats_table *t)
{
    if (t == NULL)
        return;
    nt_free(t->rows);
    if (t->owned != NULL) {
        nt_arena_free(t->owned);
        nt_free(t->owned);
    }
    memset(t, 0, sizeof *t);
}

static void percentages(netra_stats_row *r, size_t n_cols, int64_t base, int of_first)
{
    for (size_t k = 0; k < n_cols; k++) {
        int64_t b = of_first ? r->count[0] : base;
        r->pct[k] = b > 0 ? 100.0 * (double)r->count[k] / (double)b : 0;
    }
}

/* The public variant: each column with its total is a line of the solver (the rows of a
 * column sum to its total). Every hidden count hides its percentage too. */
static int suppress(netra_stats_table *t)
{
    size_t n = t->n_rows + 1, cols = t->n_cols;
    int64_t *values = nt_calloc(n * cols, sizeof *values);
    unsigned char *status = nt_calloc(n * cols, 1);
    size_t *members = nt_calloc(n * cols, sizeof *members);
    size_t *starts = nt_calloc(cols + 1, sizeof *starts);
    int err = NETRA_OK;
    if (values == NULL || status == NULL || members == NULL || starts == NULL) {
        err = nt_error_set_oom();
        goto out;
    }
    for (size_t k = 0; k < cols; k++) {
        starts[k] = k * n;
        for (size_t i = 0; i < n; i++) {
            const netra_stats_row *r = i < t->n_rows ? &t->rows[i] : &t->total;
            values[k * n + i] = r->count[k];
            members[k * n + i] = k * n + i;
        }
    }
    starts[cols] = cols * n;
    nt_suppress(status, values, n * cols, members, starts, cols, NETRA_STATS_MIN_CELL);
    for (size_t k = 0; k < cols; k++)
        for (size_t i = 0; i < n; i++) {
            netra_stats_row *r = i < t->n_rows ? &t->rows[i] : &t->total;
            unsigned char st = status[k * n + i];
            r->cell[k] = st == NT_CELL_PRIMARY         ? NETRA_STATS_SMALL
                         : st == NT_CELL_COMPLEMENTARY ? NETRA_STATS_COMPLEMENTARY
                                                       : NETRA_STATS_SHOWN;
        }
out:
    nt_free(values);
    nt_free(status);
    nt_free(members);
    nt_free(starts);
    return err;
}

int netra_stats_shares(netra_stats_table *out, const netra_stats *s, const netra_stats_query *q,
                       netra_stats_share_by by)
{
    NT_ASSERT_ARG(out != NULL && s != NULL);
    memset(out, 0, sizeof *out);
    size_t n_forms = netra_law_n_forms(s->law);
    size_t n_cats = netra_law_n_categories(s->law);
    size_t n_rows = (by == NETRA_STATS_BY_FORM ? n_forms : n_cats) + 1;
    /* the category row of each form */
    size_t form_row[256];
    for (size_t i = 0; i < n_forms && i < 255; i++) {
        form_row[i] = n_rows - 1;
        if (by == NETRA_STATS_BY_FORM) {
            form_row[i] = i;
            continue;
        }
        const char *cat = netra_law_form_at(s->law, i)->stat_category;
        for (size_t k = 0; k < n_cats; k++)
            if (strcmp(netra_law_category_at(s->law, k)->id, cat) == 0)
                form_row[i] = k;
    }
    out->rows = nt_calloc(n_rows, sizeof *out->rows);
    if (out->rows == NULL)
        return nt_error_set_oom();
    out->n_rows = n_rows;
    out->n_cols = 1;
    for (size_t i = 0; i + 1 < n_rows; i++) {
        netra_stats_row *r = &out->rows[i];
        if (by == NETRA_STATS_BY_FORM) {
            const netra_form *f = netra_law_form_at(s->law, i);
            r->id = f->id;
            r->label_id = f->label_id;
            r->label_en = f->label_en;
        } else {
            const netra_category *c = netra_law_category_at(s->law, i);
            r->id = c->id;
            r->label_id = c->label_id;
            r->label_en = c->label_en;
        }
    }
    netra_stats_row *none = &out->rows[n_rows - 1];
    none->id = ST_UNCLASSIFIED;
    none->label_id = "Belum diklasifikasi (bentuk pelanggaran belum ditetapkan)";
    none->label_en = "Not yet classified (no form of violation yet)";
    out->total.id = "total";
    out->total.label_id = "Jumlah";
    out->total.label_en = "Total";
    filter f;
    filter_init(&f, s, q);
    for (size_t i = 0; i < s->cases.n; i++) {
        const st_case *c = nt_vec_at(&s->cases, i);
        if (!match(s, &f, c))
            continue;
        size_t row = c->form ? form_row[c->form - 1] : n_rows - 1;
        out->rows[row].count[0]++;
        out->total.count[0]++;
    }
    out->matched = (size_t)out->total.count[0];
    for (size_t i = 0; i < n_rows; i++)
        percentages(&out->rows[i], 1, out->total.count[0], 0);
    percentages(&out->total, 1, out->total.count[0], 0);
    if (q != NULL && q->suppress) {
        int err = suppress(out);
        if (err < 0) {
            netra_stats_table_free(out);
            return err;
        }
    }
    return NETRA_OK;
}

int netra_stats_group_parse(netra_stats_group_by *out, const char *id)
{
    static const char *const ids[] = {"none", "agency", "position", "province"};
    for (size_t i = 0; id != NULL && i < 4; i++)
        if (strcmp(id, ids[i]) == 0) {
            *out = (netra_stats_group_by)i;
            return NETRA_OK;
        }
    return nt_error_set(NETRA_EINVAL, "'%s': expected none, agency, position or province",
                        id ? id : "");
}

static int row_cmp(const void *a, const void *b)
{
    const netra_stats_row *x = a, *y = b;
    if (x->count[0] != y->count[0])
        return x->count[0] > y->count[0] ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The province code of a region code ("32.04.01" -> "32"), "" when none. */
static void province_of(char out[3], const char *code)
{
    out[0] = out[1] = out[2] = '\0';
    if (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9') {
        out[0] = code[0];
        out[1] = code[1];
    }
}

int netra_stats_funnel(netra_stats_table *out, const netra_stats *s, const netra_stats_query *q,
                       netra_stats_group_by by)
{
    NT_ASSERT_ARG(out != NULL && s != NULL);
    memset(out, 0, sizeof *out);
    out->n_cols = NETRA_STATS_N_STEPS;
    /* group keys: interned index for agency/position; province number for provinces */
    size_t n_keys = by == NETRA_STATS_GROUP_AGENCY     ? s->agencies.items.n
                    : by == NETRA_STATS_GROUP_POSITION ? s->positions.items.n
                    : by == NETRA_STATS_GROUP_PROVINCE ? 101
                                                       : 0;
    netra_stats_row *rows = n_keys ? nt_calloc(n_keys, sizeof *rows) : NULL;
    if (n_keys && rows == NULL)
        return nt_error_set_oom();
    nt_arena *arena = nt_calloc(1, sizeof *arena);
    if (arena == NULL) {
        nt_free(rows);
        return nt_error_set_oom();
    }
    nt_arena_init(arena, 4096, 0);
    out->owned = arena;
    filter f;
    filter_init(&f, s, q);
    for (size_t i = 0; i < s->cases.n; i++) {
        const st_case *c = nt_vec_at(&s->cases, i);
        if (!match(s, &f, c))
            continue;
        size_t key = 0;
        if (by == NETRA_STATS_GROUP_AGENCY)
            key = c->agency;
        else if (by == NETRA_STATS_GROUP_POSITION)
            key = c->position;
        else if (by == NETRA_STATS_GROUP_PROVINCE) {
            char p[3];
            province_of(p, string_at(&s->regions, c->region));
            key = p[0] ? (size_t)((p[0] - '0') * 10 + (p[1] - '0')) + 1 : 0;
        }
        for (int k = 0; k < NETRA_STATS_N_STEPS; k++)
            if (c->reached & (1u << k)) {
                out->total.count[k]++;
                if (rows != NULL)
                    rows[key].count[k]++;
            }
    }
    out->matched = (size_t)out->total.count[0];
    out->total.id = "total";
    out->total.label_id = "Jumlah";
    out->total.label_en = "Total";
    percentages(&out->total, NETRA_STATS_N_STEPS, 0, 1);
    size_t n = 0;
    int err = NETRA_OK;
    for (size_t key = 0; key < n_keys && err == 0; key++) {
        if (rows[key].count[0] == 0)
            continue;
        netra_stats_row r = rows[key];
        const char *id = "";
        if (by == NETRA_STATS_GROUP_AGENCY)
            id = string_at(&s->agencies, key);
        else if (by == NETRA_STATS_GROUP_POSITION)
            id = string_at(&s->positions, key);
        else if (key > 0) {
            char buf[3] = {(char)('0' + (key - 1) / 10), (char)('0' + (key - 1) % 10), '\0'};
            id = nt_arena_strdup(arena, buf);
            if (id == NULL)
                err = nt_error_set_oom();
        }
        r.id = id;
        r.label_id = id;
        r.label_en = id;
        if (id != NULL && id[0] == '\0') {
            r.label_id = "Tidak tercatat";
            r.label_en = "Not recorded";
        } else if (by == NETRA_STATS_GROUP_PROVINCE && s->regs != NULL && id != NULL) {
            const netra_region *rg = NULL;
            if (netra_regions_get(&rg, s->regs, id) == NETRA_OK)
                r.label_id = r.label_en = rg->name;
        }
        percentages(&r, NETRA_STATS_N_STEPS, 0, 1);
        rows[n++] = r;
    }
    if (err < 0) {
        nt_free(rows);
        netra_stats_table_free(out);
        return err;
    }
    if (n > 1)
        qsort(rows, n, sizeof *rows, row_cmp);
    out->rows = rows;
    out->n_rows = n;
    if (q != NULL && q->suppress && (err = suppress(out)) < 0) {
        netra_stats_table_free(out);
        return err;
    }
    return NETRA_OK;
}

/* ---- durations ------------------------------------------------------------------------------- */

double netra_stats_quantile(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return 0;
    if (p <= 0)
        return sorted[0];
    if (p >= 1)
        return sorted[n - 1];
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)h;
    double frac = h - (double)lo;
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void netra_stats_durations_free(netra_stats_duration *d)
{
    nt_free(d);
}

int netra_stats_durations(netra_stats_duration **out, size_t *n_out, const netra_stats *s,
                          const netra_stats_query *q)
{
    NT_ASSERT_ARG(out != NULL && n_out != NULL && s != NULL);
    size_t n_states = netra_workflow_n_states(s->wf);
    if (n_states > ST_NO_STATE)
        n_states = ST_NO_STATE;
    size_t *count = nt_calloc(n_states, sizeof *count);
    size_t *open = nt_calloc(n_states, sizeof *open);
    size_t *at = nt_calloc(n_states + 1, sizeof *at);
    netra_stats_duration *d = nt_calloc(n_states ? n_states : 1, sizeof *d);
    double *days = NULL;
    int err = NETRA_OK;
    if (count == NULL || open == NULL || at == NULL || d == NULL) {
        err = nt_error_set_oom();
        goto out;
    }
    filter f;
    filter_init(&f, s, q);
    size_t total = 0;
    /* pass 1: counts per state */
    for (size_t i = 0; i < s->cases.n; i++) {
        const st_case *c = nt_vec_at(&s->cases, i);
        if (!match(s, &f, c))
            continue;
        for (size_t k = 0; k < c->n_stays; k++) {
            const st_stay *st = nt_vec_at(&s->stays, c->stays + k);
            count[st->state]++;
            total++;
        }
        if (c->open != ST_NO_STATE)
            open[c->open]++;
    }
    for (size_t k = 0; k < n_states; k++)
        at[k + 1] = at[k] + count[k];
    days = nt_calloc(total ? total : 1, sizeof *days);
    if (days == NULL) {
        err = nt_error_set_oom();
        goto out;
    }
    /* pass 2: the days, grouped by state */
    memset(count, 0, n_states * sizeof *count);
    for (size_t i = 0; i < s->cases.n; i++) {
        const st_case *c = nt_vec_at(&s->cases, i);
        if (!match(s, &f, c))
            continue;
        for (size_t k = 0; k < c->n_stays; k++) {
            const st_stay *st = nt_vec_at(&s->stays, c->stays + k);
            days[at[st->state] + count[st->state]++] = st->days;
        }
    }
    size_t n = 0;
    for (size_t k = 0; k < n_states; k++) {
        const netra_wf_state *ws = netra_workflow_state_at(s->wf, k);
        if (ws->terminal)
            continue;
        netra_stats_duration *x = &d[n++];
        x->state = ws->id;
        x->label_id = ws->label_id;
        x->label_en = ws->label_en;
        x->n = count[k];
        x->open = open[k];
        double *v = days + at[k];
        if (x->n > 0) {
            qsort(v, x->n, sizeof *v, dbl_cmp);
            double sum = 0;
            for (size_t j = 0; j < x->n; j++)
                sum += v[j];
            x->mean = sum / (double)x->n;
            x->median = netra_stats_quantile(v, x->n, 0.5);
            x->p90 = netra_stats_quantile(v, x->n, 0.9);
        }
        if (q != NULL && q->suppress && x->n > 0 && x->n < NETRA_STATS_MIN_CELL) {
            x->hidden = 1;
            x->median = x->p90 = x->mean = 0;
        }
        if (q != NULL && q->suppress && x->open > 0 && x->open < NETRA_STATS_MIN_CELL) {
            x->open = 0;
            x->open_hidden = 1;
        }
    }
    *out = d;
    *n_out = n;
    d = NULL;
out:
    nt_free(count);
    nt_free(open);
    nt_free(at);
    nt_free(days);
    nt_free(d);
    return err;
}
