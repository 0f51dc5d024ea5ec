/*
 * page_walk.c - what a miss of the TLB costs on this machine: a chain of dependent loads
 * over N cache lines in a random order, the lines either packed (N * 64 bytes, few pages)
 * or one per 4 KiB page (N pages), the latter also with MADV_HUGEPAGE. The same lines and
 * the same order each time, so the difference is the address translation. Used by
 * docs/internals/detect.md to explain where the scan's prefetches wait.
 *
 * Usage: page_walk [N...]   (default: 4096 16384 65536)
 * Prints one line per N and layout: nanoseconds per load.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Line i's address: packed, or in page i at a line that varies with i >> 5 (so that the
 * lines spread over the cache's sets rather than share one). */
static char *line_at(char *m, size_t i, int spread)
{
    return spread ? m + i * 4096 + ((i >> 5) % 64) * 64 : m + i * 64;
}

static double walk(size_t n, int spread, int huge)
{
    const size_t align = 2u << 20;
    size_t span = spread ? n * 4096 : n * 64;
    char *raw =
        mmap(NULL, span + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return -1;
    char *m = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
    madvise(m, span, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    size_t *perm = malloc(n * sizeof *perm);
    if (perm == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t x = 88172645463325252ULL; /* xorshift: the same order every run */
    for (size_t i = n - 1; i > 0; i--) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t j = (size_t)(x % (i + 1));
        size_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (size_t k = 0; k < n; k++) {
        char *a = line_at(m, perm[k], spread), *b = line_at(m, perm[(k + 1) % n], spread);
        memcpy(a, &b, sizeof b);
    }
    char *p = line_at(m, perm[0], spread);
    for (size_t s = 0; s < n; s++) /* once round: the pages exist, the caches are warm */
        memcpy(&p, p, sizeof p);
    const size_t steps = 10000000;
    double t0 = now();
    for (size_t s = 0; s < steps; s++)
        memcpy(&p, p, sizeof p);
    double t1 = now();
    if (p == NULL) /* never: keeps the chain */
        puts("");
    free(perm);
    munmap(raw, span + align);
    return (t1 - t0) / (double)steps * 1e9;
}

int main(int argc, char **argv)
{
    size_t def[] = {4096, 16384, 65536};
    size_t nn = argc > 1 ? (size_t)(argc - 1) : 3;
    for (size_t i = 0; i < nn; i++) {
        size_t n = argc > 1 ? strtoul(argv[i + 1], NULL, 10) : def[i];
        if (n < 2)
            continue;
        printf("lines=%zu (%zu KiB of lines) packed=%.1f ns  page_each=%.1f ns  "
               "page_each_madv_huge=%.1f ns\n",
               n, n * 64 / 1024, walk(n, 0, 0), walk(n, 1, 0), walk(n, 1, 1));
    }
    return 0;
}
