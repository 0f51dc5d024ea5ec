/*
 * rec.c - the header and current record of a delimited file, shared by the TSV reader
 * (tsv.c) and the CSV reader (csv.c): column lookup, field access and errors that name the
 * file, the line and the field.
 */
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"

int nt_rec_check_header(const nt_rec *r, const char *const *required)
{
    for (size_t i = 0; i < r->n_cols; i++) {
        if (r->lens[i] == 0)
            return nt_rec_error(r, NULL, "header column %zu has no name", i + 1);
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->col_names[i], r->col_names[j]) == 0)
                return nt_rec_error(r, NULL, "header names column '%s' twice", r->col_names[i]);
    }
    for (size_t i = 0; required != NULL && required[i] != NULL; i++)
        if (nt_rec_col(r, required[i]) < 0)
            return nt_rec_error(r, required[i], "missing from the header (wrong file?)");
    return NETRA_OK;
}

int nt_rec_col(const nt_rec *r, const char *name)
{
    for (size_t i = 0; i < r->n_cols; i++)
        if (strcmp(r->col_names[i], name) == 0)
            return (int)i;
    return -1;
}

const char *nt_rec_get(const nt_rec *r, const char *name, size_t *len_out)
{
    int c = nt_rec_col(r, name);
    if (c < 0) {
        if (len_out)
            *len_out = 0;
        return "";
    }
    if (len_out)
        *len_out = r->lens[c];
    return r->fields[c];
}

int nt_rec_error(const nt_rec *r, const char *field, const char *fmt, ...)
{
    /* a local buffer: callers often pass netra_error_last()->msg as an argument */
    char reason[384];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (n < 0)
        reason[0] = '\0';
    if (field != NULL)
        return nt_error_set(NETRA_EDATA, "%s:%u: field '%s': %s", r->path, r->line, field, reason);
    return nt_error_set(NETRA_EDATA, "%s:%u: %s", r->path, r->line, reason);
}
