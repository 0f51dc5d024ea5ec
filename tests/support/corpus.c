/*
 * corpus.c - see corpus.h.
 */
#include "corpus.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "netra/error.h"
#include "netra/item.h"

long corpus_each_text(const char *file, int with_name,
                      void (*fn)(const char *s, size_t len, void *arg), void *arg)
{
    const char *dir = getenv("NETRA_DATA_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/%s", dir ? dir : "data", file);
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        printf("cannot open %s (NETRA_DATA_DIR)\n", path);
        fail();
    }
    netra_arena *ia;
    assert_int_equal(netra_arena_new(&ia, 0, 0), NETRA_OK);
    char *line = malloc(NETRA_ITEM_MAX_LINE + 2);
    assert_non_null(line);
    long items = 0;
    while (fgets(line, NETRA_ITEM_MAX_LINE + 2, fp) != NULL) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        netra_item it;
        netra_arena_reset(ia);
        if (netra_item_parse(&it, line, n, 0, ia) != NETRA_OK)
            continue;
        items++;
        const netra_str *fs[] = {&it.text, &it.target_text, &it.author_bio,
                                 with_name ? &it.author_name : NULL, &it.target_author};
        for (size_t k = 0; k < sizeof fs / sizeof fs[0]; k++)
            if (fs[k] != NULL && fs[k]->len > 0)
                fn(fs[k]->s, fs[k]->len, arg);
    }
    fclose(fp);
    free(line);
    netra_arena_free(ia);
    return items;
}
