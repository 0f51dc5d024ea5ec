/*
 * tsv_fuzzer.c - fuzz target for the data file reader (src/lib/util/tsv.c) and the
 * date parser it calls: any bytes must give records or a clean NETRA_EDATA, never a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/util_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cols[] = {"date", NULL};
    nt_tsv t;
    if (nt_tsv_open(&t, "fuzz.tsv", (const char *)data, size, cols) < 0)
        return 0;
    nt_arena a;
    nt_arena_init(&a, 1024, 1 << 20);
    int r;
    while ((r = nt_tsv_next(&t)) > 0) {
        netra_date d;
        long v;
        const char *s;
        (void)nt_tsv_get_date(&d, &t, "date", 1, NULL);
        (void)nt_tsv_get_long(&v, &t, "rank", -1000, 1000);
        if (nt_tsv_get_str(&s, &t, "name", &a, 1) == NETRA_OK && strlen(s) > NT_TSV_MAX_LINE)
            __builtin_trap();
    }
    if (r < 0 && netra_error_last()->code != NETRA_EDATA)
        __builtin_trap();
    nt_arena_free(&a);
    nt_tsv_close(&t);
    return 0;
}
