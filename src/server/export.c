/*
 * export.c - the workbook, guarded cells and downloads of netrad's exports (see export.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "netra/index.h"

int srv_sheet_new(srv_sheet *x, const char *prefix, const char *name)
{
    memset(x, 0, sizeof *x);
    snprintf(x->path, sizeof x->path, "/tmp/netra-%s-XXXXXX", prefix);
    int fd = mkstemp(x->path);
    if (fd < 0)
        return NETRA_EIO;
    close(fd);
    x->wb = workbook_new(x->path);
    x->ws = x->wb ? workbook_add_worksheet(x->wb, name) : NULL;
    if (x->ws == NULL) {
        if (x->wb)
            workbook_close(x->wb);
        unlink(x->path);
        return NETRA_ENOMEM;
    }
    return NETRA_OK;
}

void srv_sheet_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", netra_index_cell_needs_guard(text) ? "'" : "", text);
    worksheet_write_string(ws, row, col, buf, NULL);
}

int srv_sheet_finish(srv_sheet *x, FILE **out)
{
    lxw_error e = workbook_close(x->wb);
    FILE *f = e == LXW_NO_ERROR ? fopen(x->path, "rb") : NULL;
    unlink(x->path); /* the open file stays readable until closed */
    if (f == NULL)
        return NETRA_EIO;
    *out = f;
    return NETRA_OK;
}

int srv_read_all(FILE *f, char **out, size_t *len_out)
{
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[16384];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > cap) {
            size_t nc = cap ? cap * 2 : 65536;
            while (nc < len + n)
                nc *= 2;
            char *nb = realloc(buf, nc);
            if (nb == NULL) {
                free(buf);
                return NETRA_ENOMEM;
            }
            buf = nb;
            cap = nc;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    if (ferror(f)) {
        free(buf);
        return NETRA_EIO;
    }
    *out = buf;
    *len_out = len;
    return NETRA_OK;
}

void srv_reply_download(srv_req *r, const char *body, size_t len, const char *type,
                        const char *disposition)
{
    srv_reply_bytes(r, 200, type, body, len);
    if (disposition != NULL)
        srv_reply_header(r, "Content-Disposition", disposition);
}
