/*
 * csv_fuzzer.c - fuzzes the RFC 4180 reader (src/lib/util/csv.c)
 * over arbitrary bytes, with and without required columns, and the name normaliser over
 * every field. Every field must be NUL-terminated at its length, lie inside the reader's
 * buffer, and normalise to text with single spaces. Replayed under ctest by
 * tests/fuzz/standalone_driver.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"
#include "region/region_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 65536

static void check_norm(const char *s, size_t len)
{
    char out[NT_REGION_NORM_MAX + 1];
    size_t n;
    if (nt_region_norm(out, sizeof out, &n, s, len) != NETRA_OK)
        return;
    if (strlen(out) != n || (n > 0 && (out[0] == ' ' || out[n - 1] == ' ')) ||
        strstr(out, "  ") != NULL)
        abort();
    (void)nt_region_utf8_ok(s, len);
    (void)nt_region_osa(out, n, "bandung barat", 13, 2);
}

static void run(const uint8_t *data, size_t size, const char *const *required)
{
    nt_csv c;
    if (nt_csv_open(&c, "fuzz.csv", (const char *)data, size, MAX_INPUT, required) != NETRA_OK)
        return;
    if (c.rec.n_cols == 0 || c.rec.n_cols > NT_CSV_MAX_FIELDS)
        abort();
    int rc;
    unsigned last_line = 0;
    while ((rc = nt_csv_next(&c)) > 0) {
        if (c.rec.line <= last_line)
            abort();
        last_line = c.rec.line;
        for (size_t i = 0; i < c.rec.n_cols; i++) {
            if (c.rec.fields[i] < c.data || c.rec.fields[i] + c.rec.lens[i] > c.data + c.len ||
                c.rec.fields[i][c.rec.lens[i]] != '\0' || strlen(c.rec.fields[i]) != c.rec.lens[i])
                abort();
            check_norm(c.rec.fields[i], c.rec.lens[i]);
        }
    }
    if (rc < 0 && netra_error_last()->code != NETRA_EDATA)
        abort();
    nt_csv_close(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cols[] = {"code", "name", NULL};
    if (size > MAX_INPUT)
        return 0;
    run(data, size, NULL);
    run(data, size, cols);
    return 0;
}
