/*
 * export.h - what netrad's CSV and XLSX exports share (the statistics, h_stats.c, and the
 * vulnerability index, h_index.c): the workbook in a private temporary file (libxlsxwriter
 * writes files only), text cells guarded against formula injection like the CSV's, and the
 * answer as a download.
 */
#ifndef NETRA_SRV_EXPORT_H
#define NETRA_SRV_EXPORT_H

#include <stdio.h>
#include <xlsxwriter.h>

#include "server.h"

typedef struct srv_sheet {
    lxw_workbook *wb;
    lxw_worksheet *ws; /* the one sheet */
    char path[40];
} srv_sheet;

/* A workbook with one sheet `name` in /tmp/netra-`prefix`-XXXXXX. NETRA_OK, NETRA_EIO (no
 * temporary file) or NETRA_ENOMEM (the file removed again). */
int srv_sheet_new(srv_sheet *x, const char *prefix, const char *name);

/* A text cell; one that a spreadsheet would read as a formula gets a leading "'". */
void srv_sheet_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text);

/* Writes the workbook out and gives its file open for reading in *out, already unlinked (it
 * stays readable until closed). NETRA_OK or NETRA_EIO. */
int srv_sheet_finish(srv_sheet *x, FILE **out);

/* The rest of `f` read into a malloc'd buffer (freed by the caller). NETRA_OK, NETRA_EIO or
 * NETRA_ENOMEM. */
int srv_read_all(FILE *f, char **out, size_t *len_out);

/* Replies 200 with `body` of `type`, as an attachment when `disposition` is not NULL. */
void srv_reply_download(srv_req *r, const char *body, size_t len, const char *type,
                        const char *disposition);

#endif
