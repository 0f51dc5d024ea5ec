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

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

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

/* Reads the rows of one window into vecs (the statement is bound with lo and hi). */
static int read_acts(netra_store *st, nt_vec *out, int64_t lo, int64_t hi)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT case_id, id, type, date, region, platform, url, election, "
                            "stage, form FROM acts WHERE case_id BETWEEN ? AND ? "
                            "ORDER BY case_id, date, id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, lo);
    nt_db_bind_int64(q, 2, hi);
    int rc;
    while ((rc = nt_db_step(q, "reading acts")) == NT_DB_ROW) {
        fact_act a;
        memset(&a, 0, sizeof a);
        a.case_id = nt_db_col_int64(q, 0);
        a.row.id = nt_db_col_int64(q, 1);
        copy(a.row.type, sizeof a.row.type, nt_db_col_text(q, 2));
        a.row.date = (netra_date)nt_db_col_int(q, 3);
        copy(a.row.region, sizeof a.row.region, nt_db_col_text(q, 4));
        copy(a.row.platform, sizeof a.row.platform, nt_db_col_text(q, 5));
        copy(a.row.url, sizeof a.row.url, nt_db_col_text(q, 6));
        copy(a.row.election, sizeof a.row.election, nt_db_col_text(q, 7));
        copy(a.row.stage, sizeof a.row.stage, nt_db_col_text(q, 8));
        copy(a.row.form, sizeof a.row.form, nt_db_col_text(q, 9));
        if (nt_vec_push(out, &a) == NULL) {
            rc = netra_error_last()->code;
            break;
        }
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

static int read_asns(netra_store *st, nt_vec *out, int64_t lo, int64_t hi)
{
    nt_stmt *q;
    /* the first accused by NIP, as netra_store_case_asns lists them */
    int err = nt_db_prepare(st->db, &q,
                            "SELECT ca.case_id, a.agency, a.position_class FROM case_asn ca "
                            "JOIN asn a ON a.id = ca.asn_id WHERE ca.case_id BETWEEN ? AND ? "
                            "ORDER BY ca.case_id, a.nip");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, lo);
    nt_db_bind_int64(q, 2, hi);
    int rc;
    while ((rc = nt_db_step(q, "reading the accused")) == NT_DB_ROW) {
        fact_asn a;
        memset(&a, 0, sizeof a);
        a.case_id = nt_db_col_int64(q, 0);
        copy(a.agency, sizeof a.agency, nt_db_col_text(q, 1));
        copy(a.position, sizeof a.position, nt_db_col_text(q, 2));
        if (nt_vec_push(out, &a) == NULL) {
            rc = netra_error_last()->code;
            break;
        }
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

static int read_steps(netra_store *st, nt_vec *out, int64_t lo, int64_t hi)
{
    nt_stmt *q;
    int err = nt_db_prepare(
        st->db, &q,
        nt_db_dialect_of(st->db) == NT_DB_PG
            ? "SELECT entity_id, seq, action, at, s, u FROM (SELECT entity_id, seq, action, at, "
              "after::jsonb ->> 'state' AS s, after::jsonb ->> 'updated' AS u FROM audit "
              "WHERE entity = 'case' AND entity_id BETWEEN ? AND ? AND after LIKE '{%') x "
              "WHERE s IS NOT NULL ORDER BY entity_id, seq"
            : "SELECT entity_id, seq, action, at, s, u FROM (SELECT entity_id, seq, action, at, "
              "json_extract(after, '$.state') AS s, json_extract(after, '$.updated') AS u "
              "FROM audit WHERE entity = 'case' AND entity_id BETWEEN ? AND ? "
              "AND after LIKE '{%') WHERE s IS NOT NULL ORDER BY entity_id, seq");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, lo);
    nt_db_bind_int64(q, 2, hi);
    int rc;
    while ((rc = nt_db_step(q, "reading the workflow steps")) == NT_DB_ROW) {
        fact_step s;
        memset(&s, 0, sizeof s);
        s.case_id = nt_db_col_int64(q, 0);
        s.step.seq = nt_db_col_int64(q, 1);
        copy(s.step.action, sizeof s.step.action, nt_db_col_text(q, 2));
        copy(s.step.state, sizeof s.step.state, nt_db_col_text(q, 4));
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
        if (nt_vec_push(out, &s) == NULL) {
            rc = netra_error_last()->code;
            break;
        }
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
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
                            "SELECT id, version, kind, regime, election, state, region, holder, "
                            "title, opened, updated, demo FROM cases WHERE id > ? AND "
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
            netra_case *c = &cases[n++];
            memset(c, 0, sizeof *c);
            c->id = nt_db_col_int64(q, 0);
            c->version = nt_db_col_int64(q, 1);
            copy(c->kind, sizeof c->kind, nt_db_col_text(q, 2));
            copy(c->regime, sizeof c->regime, nt_db_col_text(q, 3));
            copy(c->election, sizeof c->election, nt_db_col_text(q, 4));
            copy(c->state, sizeof c->state, nt_db_col_text(q, 5));
            copy(c->region, sizeof c->region, nt_db_col_text(q, 6));
            copy(c->holder, sizeof c->holder, nt_db_col_text(q, 7));
            copy(c->title, sizeof c->title, nt_db_col_text(q, 8));
            c->opened = (netra_date)nt_db_col_int(q, 9);
            c->updated = (netra_date)nt_db_col_int(q, 10);
            c->demo = nt_db_col_int(q, 11);
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
