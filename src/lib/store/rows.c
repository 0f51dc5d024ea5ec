/*
 * rows.c - reading the store's rows: a text column copied NULL-safe into a bounded field, the
 * case and act rows that several queries select, and one statement run with integer
 * parameters over its rows. Store-internal (store_int.h).
 */
#include <string.h>

#include "store/store_int.h"

void nt_store_text(char *dst, size_t size, nt_stmt *q, int i)
{
    const char *s = nt_db_col_text(q, i);
    snprintf(dst, size, "%s", s ? s : "");
}

void nt_store_read_case(netra_case *c, nt_stmt *q)
{
    memset(c, 0, sizeof *c);
    c->id = nt_db_col_int64(q, 0);
    c->version = nt_db_col_int64(q, 1);
    nt_store_text(c->kind, sizeof c->kind, q, 2);
    nt_store_text(c->regime, sizeof c->regime, q, 3);
    nt_store_text(c->election, sizeof c->election, q, 4);
    nt_store_text(c->state, sizeof c->state, q, 5);
    nt_store_text(c->region, sizeof c->region, q, 6);
    nt_store_text(c->holder, sizeof c->holder, q, 7);
    nt_store_text(c->title, sizeof c->title, q, 8);
    c->opened = (netra_date)nt_db_col_int(q, 9);
    c->updated = (netra_date)nt_db_col_int(q, 10);
    c->demo = nt_db_col_int(q, 11);
}

void nt_store_read_act(netra_case_act_row *r, nt_stmt *q, int c)
{
    memset(r, 0, sizeof *r);
    r->id = nt_db_col_int64(q, c);
    nt_store_text(r->type, sizeof r->type, q, c + 1);
    r->date = (netra_date)nt_db_col_int(q, c + 2);
    nt_store_text(r->region, sizeof r->region, q, c + 3);
    nt_store_text(r->platform, sizeof r->platform, q, c + 4);
    nt_store_text(r->url, sizeof r->url, q, c + 5);
    nt_store_text(r->election, sizeof r->election, q, c + 6);
    nt_store_text(r->stage, sizeof r->stage, q, c + 7);
    nt_store_text(r->form, sizeof r->form, q, c + 8);
}

int nt_store_each(netra_store *st, const char *sql, const int64_t *args, int n_args,
                  const char *what, int (*row)(nt_stmt *q, void *payload), void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, sql);
    if (err < 0)
        return err;
    for (int i = 0; i < n_args; i++)
        nt_db_bind_int64(q, i + 1, args[i]);
    int rc;
    while ((rc = nt_db_step(q, what)) == NT_DB_ROW)
        if ((err = row(q, payload)) < 0)
            break;
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}
