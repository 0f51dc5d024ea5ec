/*
 * tsv.c - the strict reader of Netra's tab-separated data files (docs/data/formats.md).
 *
 * The file is read whole (bounded by NT_TSV_MAX_FILE) and split in place: fields point into
 * the buffer. Every error names path:line and, where it concerns one, the field. A file
 * with a NUL byte, a CR without LF, an over-long line or a wrong field count is rejected:
 * law data that is half-read is worse than none.
 */
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"

static int read_line(nt_tsv *t, char **line_out, size_t *len_out)
{
    while (t->pos < t->len) {
        char *start = t->data + t->pos;
        char *nl = memchr(start, '\n', t->len - t->pos);
        size_t len = nl ? (size_t)(nl - start) : t->len - t->pos;
        t->pos += len + (nl ? 1 : 0);
        t->line++;
        if (len > 0 && start[len - 1] == '\r')
            len--; /* tolerate CRLF files */
        start[len] = '\0';
        if (len >= NT_TSV_MAX_LINE)
            return nt_error_set(NETRA_EDATA, "%s:%u: line longer than %d bytes", t->rec.path,
                                t->line, NT_TSV_MAX_LINE);
        if (memchr(start, '\0', len) != NULL)
            return nt_error_set(NETRA_EDATA, "%s:%u: NUL byte in line", t->rec.path, t->line);
        if (len == 0 || start[0] == '#')
            continue;
        *line_out = start;
        *len_out = len;
        return 1;
    }
    return 0;
}

static int split(nt_tsv *t, char *line, size_t len, const char **fields, size_t *lens,
                 size_t *n_out)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == '\t') {
            if (n == NT_REC_MAX_COLS)
                return nt_error_set(NETRA_EDATA, "%s:%u: more than %d fields", t->rec.path, t->line,
                                    NT_REC_MAX_COLS);
            line[i] = '\0';
            fields[n] = line + start;
            lens[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    *n_out = n;
    return NETRA_OK;
}

int nt_tsv_open(nt_tsv *t, const char *path, const char *data, size_t len,
                const char *const *required)
{
    int err;
    memset(t, 0, sizeof *t);
    t->rec.path = path ? path : "<memory>";
    if (data != NULL) {
        if (len > NT_TSV_MAX_FILE)
            return nt_error_set(NETRA_ETOOBIG, "%s: larger than %u bytes", t->rec.path,
                                NT_TSV_MAX_FILE);
        t->data = nt_strndup(data, len);
        if (t->data == NULL)
            return NETRA_ENOMEM;
        t->len = len;
    } else {
        err = nt_file_read(&t->data, &t->len, path, NT_TSV_MAX_FILE);
        if (err < 0)
            return err;
    }
    char *line;
    size_t llen;
    err = read_line(t, &line, &llen);
    if (err < 0)
        goto fail;
    if (err == 0) {
        err = nt_error_set(NETRA_EDATA, "%s: no header line", t->rec.path);
        goto fail;
    }
    t->rec.line = t->line;
    err = split(t, line, llen, t->rec.col_names, t->rec.lens, &t->rec.n_cols);
    if (err < 0)
        goto fail;
    err = nt_rec_check_header(&t->rec, required);
    if (err < 0)
        goto fail;
    memset(t->rec.lens, 0, sizeof t->rec.lens);
    return NETRA_OK;
fail:
    nt_tsv_close(t);
    return err;
}

void nt_tsv_close(nt_tsv *t)
{
    nt_free(t->data);
    t->data = NULL;
    t->len = 0;
}

int nt_tsv_next(nt_tsv *t)
{
    char *line;
    size_t llen, n;
    int err = read_line(t, &line, &llen);
    if (err <= 0)
        return err;
    t->rec.line = t->line;
    err = split(t, line, llen, t->rec.fields, t->rec.lens, &n);
    if (err < 0)
        return err;
    if (n != t->rec.n_cols)
        return nt_rec_error(&t->rec, NULL, "%zu fields, the header has %zu", n, t->rec.n_cols);
    return 1;
}

int nt_tsv_get_date(netra_date *out, const nt_tsv *t, const char *name, int optional,
                    int *present_out)
{
    size_t len;
    const char *s = nt_tsv_get(t, name, &len);
    if (present_out)
        *present_out = len > 0;
    if (len == 0) {
        if (optional)
            return NETRA_OK;
        return nt_tsv_error(t, name, "empty; a date YYYY-MM-DD is required");
    }
    if (netra_date_parse(out, s, len) < 0)
        return nt_tsv_error(t, name, "%s", netra_error_last()->msg);
    return NETRA_OK;
}

int nt_tsv_get_long(long *out, const nt_tsv *t, const char *name, long min, long max)
{
    size_t len;
    const char *s = nt_tsv_get(t, name, &len);
    if (nt_parse_long(out, s, len, min, max) < 0)
        return nt_tsv_error(t, name, "%s", netra_error_last()->msg);
    return NETRA_OK;
}

int nt_tsv_get_str(const char **out, const nt_tsv *t, const char *name, nt_arena *a, int optional)
{
    size_t len;
    const char *s = nt_tsv_get(t, name, &len);
    if (len == 0 && !optional)
        return nt_tsv_error(t, name, "empty; a value is required");
    char *p = nt_arena_strndup(a, s, len);
    if (p == NULL)
        return netra_error_last()->code;
    *out = p;
    return NETRA_OK;
}

int nt_table_open(nt_table *tb, const char *dir, const char *name, const char *const *cols,
                  size_t max_rows)
{
    tb->rows = 0;
    tb->max_rows = max_rows;
    nt_buf_init(&tb->path, 4096);
    int err = nt_buf_addf(&tb->path, "%s/%s", dir, name);
    if (err < 0)
        return err;
    err = nt_tsv_open(&tb->t, nt_buf_cstr(&tb->path), NULL, 0, cols);
    if (err < 0)
        nt_buf_free(&tb->path);
    return err;
}

int nt_table_next(nt_table *tb)
{
    int r = nt_tsv_next(&tb->t);
    if (r > 0 && ++tb->rows > tb->max_rows)
        return nt_tsv_error(&tb->t, NULL, "more than %zu rows", tb->max_rows);
    return r;
}

void nt_table_close(nt_table *tb)
{
    nt_tsv_close(&tb->t);
    nt_buf_free(&tb->path);
}
