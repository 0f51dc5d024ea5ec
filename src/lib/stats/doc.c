/*
 * doc.c - a statistics table or the durations as the document netrad answers and `netra
 * stats` prints: JSON (meta, columns, rows, total | states) and CSV (filters in a comment
 * line, then the table). One writer, so the API and the CLI give the same bytes
 * (tests/server/stats.test compares them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "netra/index.h"
#include "netra/stats.h"

size_t netra_stats_meta_fill(netra_stats_meta *m, const char *table, const char *by,
                             const char *election, const char *region, const netra_stats_query *q,
                             int64_t audit_seq)
{
    char b[NETRA_DATE_STRLEN], now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    size_t n = 0;
#define PAIR(key, ...) (m[n].name = (key), snprintf(m[n++].value, sizeof m->value, __VA_ARGS__))
    PAIR("table", "%s", table);
    PAIR("by", "%s", by);
    PAIR("election", "%s", election ? election : "");
    PAIR("region", "%s", region && *region ? region : "nasional");
    PAIR("from", "%s", q->has_from ? netra_date_format(q->from, b) : "");
    PAIR("to", "%s", q->has_to ? netra_date_format(q->to, b) : "");
    PAIR("variant", "%s", q->suppress ? "public" : "internal");
    PAIR("computed_at", "%s", now);
    PAIR("audit_seq", "%lld", (long long)audit_seq);
#undef PAIR
    return n;
}

/* A percentage shown only when its cell and the row's base are shown, to hundredths. */
static int pct_shown(const netra_stats_row *row, size_t k)
{
    return row->cell[k] == NETRA_STATS_SHOWN && row->cell[0] == NETRA_STATS_SHOWN;
}

static double pct2(double p)
{
    return (double)netra_index_hundredths(p) / 100.0;
}

static const char *column_id(int shares, size_t k)
{
    return shares ? "cases" : netra_stats_step_id((netra_stats_step)k);
}

static json_t *row_json(const netra_stats_row *row, size_t n_cols)
{
    json_t *counts = json_array(), *pct = json_array(), *cells = json_array();
    for (size_t k = 0; k < n_cols; k++) {
        json_array_append_new(counts, row->cell[k] == NETRA_STATS_SHOWN
                                          ? json_integer((json_int_t)row->count[k])
                                          : json_null());
        json_array_append_new(pct, pct_shown(row, k) ? json_real(pct2(row->pct[k])) : json_null());
        const char *mark = netra_stats_cell_mark(row->cell[k]);
        json_array_append_new(cells, mark ? json_string(mark) : json_null());
    }
    return json_pack("{s:s,s:s,s:s,s:o,s:o,s:o}", "id", row->id, "label", row->label_id, "label_en",
                     row->label_en, "counts", counts, "pct", pct, "cells", cells);
}

json_t *netra_stats_doc_json(const netra_stats_meta *m, size_t nm, size_t cases_total, int shares,
                             const netra_stats_table *t, const netra_stats_duration *d, size_t nd)
{
    json_t *meta = json_object();
    for (size_t i = 0; i < nm; i++)
        json_object_set_new(meta, m[i].name,
                            strcmp(m[i].name, "audit_seq") == 0
                                ? json_integer((json_int_t)strtoll(m[i].value, NULL, 10))
                                : json_string(m[i].value));
    json_object_set_new(meta, "cases_total", json_integer((json_int_t)cases_total));
    json_object_set_new(meta, "min_cell", json_integer(NETRA_STATS_MIN_CELL));
    json_object_set_new(meta, "method", json_string("docs/statistics.md"));
    if (t != NULL) {
        json_t *cols = json_array(), *rows = json_array();
        for (size_t k = 0; k < t->n_cols; k++)
            json_array_append_new(cols, json_string(column_id(shares, k)));
        for (size_t i = 0; i < t->n_rows; i++)
            json_array_append_new(rows, row_json(&t->rows[i], t->n_cols));
        json_object_set_new(meta, "matched",
                            t->total.cell[0] == NETRA_STATS_SHOWN
                                ? json_integer((json_int_t)t->matched)
                                : json_null());
        return json_pack("{s:o,s:o,s:o,s:o}", "meta", meta, "columns", cols, "rows", rows, "total",
                         row_json(&t->total, t->n_cols));
    }
    json_t *states = json_array();
    for (size_t i = 0; i < nd; i++) {
        const netra_stats_duration *x = &d[i];
        int none = x->hidden || x->n == 0;
        json_array_append_new(
            states,
            json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:b}", "state", x->state, "label",
                      x->label_id, "label_en", x->label_en, "n",
                      x->hidden && x->n > 0 ? json_null() : json_integer((json_int_t)x->n), "open",
                      x->open_hidden ? json_null() : json_integer((json_int_t)x->open),
                      "median_days", none ? json_null() : json_real(x->median), "p90_days",
                      none ? json_null() : json_real(x->p90), "mean_days",
                      none ? json_null() : json_real(x->mean), "hidden", x->hidden));
    }
    return json_pack("{s:o,s:o}", "meta", meta, "states", states);
}

static void csv_row(FILE *f, const netra_stats_row *row, size_t n_cols)
{
    netra_index_csv_cell(f, row->id);
    fputc(',', f);
    netra_index_csv_cell(f, row->label_id);
    fputc(',', f);
    netra_index_csv_cell(f, row->label_en);
    for (size_t k = 0; k < n_cols; k++) {
        const char *mark = netra_stats_cell_mark(row->cell[k]);
        fputc(',', f);
        if (mark != NULL)
            fputs(mark, f);
        else
            fprintf(f, "%lld", (long long)row->count[k]);
        fputc(',', f);
        if (pct_shown(row, k))
            fprintf(f, "%.2f", pct2(row->pct[k]));
    }
    fputc('\n', f);
}

void netra_stats_doc_csv(FILE *f, const netra_stats_meta *m, size_t nm, int shares,
                         const netra_stats_table *t, const netra_stats_duration *d, size_t nd)
{
    fputs("# Netra statistik netralitas ASN / ASN neutrality statistics\n#", f);
    for (size_t i = 0; i < nm; i++) {
        fprintf(f, " %s=", m[i].name);
        netra_index_csv_cell(f, m[i].value);
    }
    fputs("\n# method: docs/statistics.md; public variant: 1-4 as <5, complementary x\n", f);
    if (t != NULL) {
        fputs("id,label,label_en", f);
        for (size_t k = 0; k < t->n_cols; k++)
            fprintf(f, ",%s,%s_pct", column_id(shares, k), column_id(shares, k));
        fputc('\n', f);
        for (size_t i = 0; i < t->n_rows; i++)
            csv_row(f, &t->rows[i], t->n_cols);
        csv_row(f, &t->total, t->n_cols);
        return;
    }
    fputs("state,label,label_en,n,open,median_days,p90_days,mean_days\n", f);
    for (size_t i = 0; i < nd; i++) {
        const netra_stats_duration *x = &d[i];
        netra_index_csv_cell(f, x->state);
        fputc(',', f);
        netra_index_csv_cell(f, x->label_id);
        fputc(',', f);
        netra_index_csv_cell(f, x->label_en);
        if (x->hidden && x->n > 0)
            fputs(",<5", f);
        else
            fprintf(f, ",%zu", x->n);
        if (x->open_hidden)
            fputs(",<5", f);
        else
            fprintf(f, ",%zu", x->open);
        if (x->hidden || x->n == 0)
            fputs(",,,\n", f);
        else
            fprintf(f, ",%.2f,%.2f,%.2f\n", x->median, x->p90, x->mean);
    }
}
