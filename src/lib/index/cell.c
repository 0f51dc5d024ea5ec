/*
 * cell.c - cells of the index's exports (CSV for `netra index compute --csv` and netrad's
 * /api/v1/index?format=csv, XLSX text cells): one guard against formula injection.
 */
#include <string.h>

#include "netra/index.h"

int netra_index_cell_needs_guard(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

void netra_index_csv_cell(FILE *f, const char *s)
{
    int guard = netra_index_cell_needs_guard(s);
    int quote = guard || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', f);
    if (guard)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    if (quote)
        fputc('"', f);
}
