/*
 * slurp.h - the standalone baselines of bench/bench_scan.sh (hs/hs_literals.c,
 * floor/scan_floor.c) read their inputs whole: a file into a block of its size plus 64 zero
 * bytes (a NUL after the end, and room for 16-byte loads past it). Exits with a message
 * naming the file when it cannot be read.
 */
#ifndef NETRA_BENCH_SLURP_H
#define NETRA_BENCH_SLURP_H

#include <stdio.h>
#include <stdlib.h>

static char *bench_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long n = -1;
    char *b = NULL;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (b = calloc((size_t)n + 64, 1)) != NULL &&
        fread(b, 1, (size_t)n, f) == (size_t)n) {
        fclose(f);
        *len = (size_t)n;
        return b;
    }
    perror(path);
    exit(1);
}

#endif
