/*
 * csv.c - a strict RFC 4180 reader for CSV input: the region data (idn-area-data) now,
 * registries and imports later.
 *
 * The input is held whole (bounded by the caller's max_file) and unquoted in place: the
 * unquoted text of a field is never longer than its quoted source, so the write position
 * trails the read position and fields can be NUL-terminated where their separator was.
 * Every record is bounded (NT_CSV_MAX_RECORD bytes, NT_CSV_MAX_FIELDS fields); every byte
 * is looked at once, so reading is O(file size).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"

/* Reads one record into fields/lens. Returns 1, 0 at the end of the input, or < 0. */
static int read_record(nt_csv *c, const char **fields, size_t *lens, size_t *n_out)
{
    char *d = c->data;
    /* Skip blank lines (LF or CRLF alone). */
    for (;;) {
        if (c->pos >= c->len)
            return 0;
        if (d[c->pos] == '\n') {
            c->pos++;
            c->line++;
        } else if (d[c->pos] == '\r' && c->pos + 1 < c->len && d[c->pos + 1] == '\n') {
            c->pos += 2;
            c->line++;
        } else {
            break;
        }
    }
    c->rec.line = c->line;
    size_t start = c->pos;
    size_t n = 0;
    for (;;) {
        if (n == NT_CSV_MAX_FIELDS)
            return nt_csv_error(c, NULL, "more than %d fields", NT_CSV_MAX_FIELDS);
        size_t w = c->pos; /* write position: the unquoted text goes here */
        size_t fstart = w;
        if (c->pos < c->len && d[c->pos] == '"') {
            c->pos++;
            for (;;) {
                if (c->pos >= c->len)
                    return nt_csv_error(c, NULL, "quoted field %zu is not closed", n + 1);
                if (c->pos - start >= NT_CSV_MAX_RECORD)
                    return nt_csv_error(c, NULL, "record longer than %d bytes", NT_CSV_MAX_RECORD);
                char ch = d[c->pos];
                if (ch == '"') {
                    if (c->pos + 1 < c->len && d[c->pos + 1] == '"') {
                        d[w++] = '"';
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                if (ch == '\0')
                    return nt_csv_error(c, NULL, "NUL byte in field %zu", n + 1);
                if (ch == '\n')
                    c->line++;
                d[w++] = ch;
                c->pos++;
            }
            if (c->pos < c->len && d[c->pos] != ',' && d[c->pos] != '\n' && d[c->pos] != '\r')
                return nt_csv_error(c, NULL, "text after the closing quote of field %zu", n + 1);
        } else {
            while (c->pos < c->len) {
                char ch = d[c->pos];
                if (ch == ',' || ch == '\n' || ch == '\r')
                    break;
                if (c->pos - start >= NT_CSV_MAX_RECORD)
                    return nt_csv_error(c, NULL, "record longer than %d bytes", NT_CSV_MAX_RECORD);
                if (ch == '"')
                    return nt_csv_error(c, NULL,
                                        "quote inside unquoted field %zu (quote the whole field "
                                        "and double the quote)",
                                        n + 1);
                if (ch == '\0')
                    return nt_csv_error(c, NULL, "NUL byte in field %zu", n + 1);
                d[w++] = ch;
                c->pos++;
            }
        }
        /* The separator is read before the NUL may overwrite it (w <= pos). */
        char sep = c->pos < c->len ? d[c->pos] : '\0';
        d[w] = '\0';
        fields[n] = d + fstart;
        lens[n] = w - fstart;
        n++;
        if (sep == '\0') {
            c->pos = c->len;
            break;
        }
        if (sep == ',') {
            c->pos++;
            continue;
        }
        if (sep == '\n') {
            c->pos++;
            c->line++;
            break;
        }
        /* sep == '\r' */
        if (c->pos + 1 < c->len && d[c->pos + 1] == '\n') {
            c->pos += 2;
            c->line++;
            break;
        }
        return nt_csv_error(c, NULL, "carriage return not followed by a line feed");
    }
    *n_out = n;
    return 1;
}

int nt_csv_open(nt_csv *c, const char *path, const char *data, size_t len, size_t max_file,
                const char *const *required)
{
    int err;
    memset(c, 0, sizeof *c);
    c->rec.path = path ? path : "<memory>";
    c->line = 1;
    if (data != NULL) {
        if (len > max_file)
            return nt_error_set(NETRA_ETOOBIG, "%s: larger than %zu bytes", c->rec.path, max_file);
        c->data = nt_strndup(data, len);
        if (c->data == NULL)
            return NETRA_ENOMEM;
        c->len = len;
    } else {
        if (path == NULL)
            return nt_error_set(NETRA_EINVAL, "nt_csv_open: neither a path nor data");
        err = nt_file_read(&c->data, &c->len, path, max_file);
        if (err < 0)
            return err;
    }
    if (c->len >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;
    size_t n;
    err = read_record(c, c->rec.col_names, c->rec.lens, &n);
    if (err < 0)
        goto fail;
    if (err == 0) {
        err = nt_error_set(NETRA_EDATA, "%s: empty file, no header line", c->rec.path);
        goto fail;
    }
    c->rec.n_cols = n;
    err = nt_rec_check_header(&c->rec, required);
    if (err < 0)
        goto fail;
    memset(c->rec.lens, 0, sizeof c->rec.lens);
    return NETRA_OK;
fail:
    nt_csv_close(c);
    return err;
}

void nt_csv_close(nt_csv *c)
{
    nt_free(c->data);
    c->data = NULL;
    c->len = 0;
    c->pos = 0;
}

int nt_csv_next(nt_csv *c)
{
    size_t n;
    int err = read_record(c, c->rec.fields, c->rec.lens, &n);
    if (err <= 0)
        return err;
    if (n != c->rec.n_cols)
        return nt_csv_error(c, NULL, "%zu fields, the header has %zu", n, c->rec.n_cols);
    return 1;
}
