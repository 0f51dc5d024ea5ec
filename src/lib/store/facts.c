/*
 * facts.c - every case with what the statistics and the vulnerability index need of it, read
 * set-based: a window of cases by id, then the acts, the accused and the workflow steps of the
 * whole window, each in one query ordered by case, merged in memory. Four queries per window
 * of FACTS_WINDOW cases instead of four per case. Merged cases (their rows moved to the case
 * they were merged into) are left out.
 *
 * A step is an audit entry about the case that records its state after the action; its day
 * is the case's working date written with it (`updated`), or the entry's UTC date for entries
 * written before the working date was recorded.
 */
#include <string.h>

#include "store/store_int.h"

#define FACTS_WINDOW 512

typedef struct fact_act {
    int64_t case_id;
    netra_case_act_row row;
} fact_act;

typedef struct fact_asn {
    int64_t case_id;
    char agency[96];
    char position[32];
} fact_asn;

typedef struct fact_step {
    int64_t case_id;
    netra_case_step step;
} fact_step;

/* Each reader below appends the row of one window (cases lo..hi) to a vec. */
static int push(nt_vec *out, const void *row)
{
    return nt_vec_push(out, row) == NULL ? netra_error_last()->code : NETRA_OK;
}

static int act_row(nt_stmt *q, void *out)
{
    fact_act a;
    a.case_id = nt_db_col_int64(q, 0);
    nt_store_read_act(&a.row, q, 1);
    return push(out, &a);
}

static int read_acts(netra_store *st, nt_vec *out, int64_t lo, int64_t hi)
{
    const int64_t range[2] = {lo, hi};
    return nt_store_each(st,
                         "SELECT case_id, " NT_STORE_ACT_COLS " FROM acts WHERE case_id "
                         "BETWEEN ? AND ? ORDER BY case_id, date, id",
                         range, 2, "reading acts", act_row, out);
}

static int asn_row(nt_stmt *q, void *out)
{
    fact_asn a;
    memset(&a, 0, sizeof a);
    a.case_id = nt_db_col_int64(q, 0);
    nt_store_text(a.agency, sizeof a.agency, q, 1);
    nt_store_text(a.position, sizeof a.position, q, 2);
    return push(out, &a);
}

static int read_asns(netra_store *st, nt_vec *out, int64_t lo, int64_t hi)
{
    const int64_t range[2] = {lo, hi};
    /* the first accused by NIP, as netra_store_case_asns lists them */
    return nt_store_each(st,
                         "SELECT ca.case_id, a.agency, a.position_class FROM case_asn ca "
                         "JOIN asn a ON a.id = ca.asn_id WHERE ca.case_id BETWEEN ? AND ? "
                         "ORDER BY ca.case_id, a.nip",
                         range, 2, "reading the accused", asn_row, out);
}

static int step_row(nt_stmt *q, void *out)
{
    fact_step s;
    memset(&s, 0, sizeof s);
    s.case_id = nt_db_col_int64(q, 0);
    s.step.seq = nt_db_col_int64(q, 1);
    nt_store_text(s.step.action, sizeof s.step.action, q, 2);
    nt_store_text(s.step.state, sizeof s.step.state, q, 4);
    const char *u = nt_db_col_text(q, 5);
    long day = 0;
    if (u != NULL && nt_parse_long(&day, u, strlen(u), 0, 2000000L) == 0) {
        s.step.day = (netra_date)day;
    } else {
        const char *at = nt_db_col_text(q, 3);
        netra_date d = 0;
        if (at != NULL && strlen(at) >= 10 && netra_date_parse(&d, at, 10) == 0)
            s.step.day = d;
    }
    return push(out, &s);
}

static int read_steps(netra_store *st, nt_vec *out, int64_t lo, int64_t hi)
{
    const int64_t range[2] = {lo, hi};
    return nt_store_each(
        st,
        nt_db_dialect_of(st->db) == NT_DB_PG
            ? "SELECT entity_id, seq, action, at, s, u FROM (SELECT entity_id, seq, action, at, "
              "after::jsonb ->> 'state' AS s, after::jsonb ->> 'updated' AS u FROM audit "
              "WHERE entity = 'case' AND entity_id BETWEEN ? AND ? AND after LIKE '{%') x "
              "WHERE s IS NOT NULL ORDER BY entity_id, seq"
            : "SELECT entity_id, seq, action, at, s, u FROM (SELECT entity_id, seq, action, at, "
              "json_extract(after, '$.state') AS s, json_extract(after, '$.updated') AS u "
              "FROM audit WHERE entity = 'case' AND entity_id BETWEEN ? AND ? "
              "AND after LIKE '{%') WHERE s IS NOT NULL ORDER BY entity_id, seq",
        range, 2, "reading the workflow steps", step_row, out);
}

/* The rows of vec `v` (ordered by case_id at offset 0) for case `id`, from *pos on. */
static size_t slice(const nt_vec *v, size_t *pos, int64_t id, const void **first)
{
    while (*pos < v->n && *(const int64_t *)nt_vec_at(v, *pos) < id)
        (*pos)++;
    size_t start = *pos;
    while (*pos < v->n && *(const int64_t *)nt_vec_at(v, *pos) == id)
        (*pos)++;
    *first = start < v->n ? nt_vec_at(v, start) : NULL;
    return *pos - start;
}

int netra_store_case_facts(netra_store *st, int (*fn)(const netra_case_facts *f, void *payload),
                           void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT " NT_STORE_CASE_COLS " FROM cases WHERE id > ? AND "
                            "merged_into IS NULL ORDER BY id LIMIT ?");
    if (err < 0)
        return err;
    netra_case *cases = nt_calloc(FACTS_WINDOW, sizeof *cases);
    netra_case_act_row *acts = nt_calloc(NETRA_FACTS_MAX_ACTS, sizeof *acts);
    netra_case_step *steps = nt_calloc(NETRA_FACTS_MAX_STEPS, sizeof *steps);
    nt_vec va, vs, vn;
    nt_vec_init(&va, sizeof(fact_act), 0);
    nt_vec_init(&vs, sizeof(fact_step), 0);
    nt_vec_init(&vn, sizeof(fact_asn), 0);
    if (cases == NULL || acts == NULL || steps == NULL)
        err = nt_error_set_oom();
    int64_t after = 0;
    while (err == 0) {
        size_t n = 0;
        nt_db_reset(q);
        nt_db_bind_int64(q, 1, after);
        nt_db_bind_int64(q, 2, FACTS_WINDOW);
        int rc;
        while ((rc = nt_db_step(q, "reading cases")) == NT_DB_ROW && n < FACTS_WINDOW) {
            nt_store_read_case(&cases[n++], q);
        }
        if (rc < 0) {
            err = rc;
            break;
        }
        if (n == 0)
            break;
        int64_t lo = cases[0].id, hi = cases[n - 1].id;
        va.n = vs.n = vn.n = 0;
        if ((err = read_acts(st, &va, lo, hi)) < 0 || (err = read_asns(st, &vn, lo, hi)) < 0 ||
            (err = read_steps(st, &vs, lo, hi)) < 0)
            break;
        size_t pa = 0, ps = 0, pn = 0;
        for (size_t i = 0; err == 0 && i < n; i++) {
            netra_case_facts f;
            memset(&f, 0, sizeof f);
            f.c = &cases[i];
            const void *first;
            size_t k = slice(&va, &pa, f.c->id, &first);
            for (size_t j = 0; j < k; j++) {
                if (f.n_acts < NETRA_FACTS_MAX_ACTS)
                    acts[f.n_acts++] = ((const fact_act *)first)[j].row;
                else
                    f.acts_dropped++;
            }
            k = slice(&vs, &ps, f.c->id, &first);
            for (size_t j = 0; j < k; j++) {
                if (f.n_steps < NETRA_FACTS_MAX_STEPS)
                    steps[f.n_steps++] = ((const fact_step *)first)[j].step;
                else
                    f.steps_dropped++;
            }
            k = slice(&vn, &pn, f.c->id, &first);
            if (k > 0) {
                f.agency = ((const fact_asn *)first)->agency;
                f.position = ((const fact_asn *)first)->position;
            } else {
                f.agency = f.position = "";
            }
            f.n_accused = k;
            f.acts = acts;
            f.steps = steps;
            err = fn(&f, payload);
        }
        after = hi;
        if (n < FACTS_WINDOW)
            break;
    }
    nt_db_finalize(q);
    nt_vec_free(&va);
    nt_vec_free(&vs);
    nt_vec_free(&vn);
    nt_free(cases);
    nt_free(acts);
    nt_free(steps);
    return err;
}
