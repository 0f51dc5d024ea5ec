/*
 * text_fuzzer.c - fuzz target for the normaliser: any bytes must give tokens whose ranges
 * lie inside the input, in order, with NUL-terminated text, and never a crash. The lexicon
 * comes from NETRA_DATA_DIR (set by ctest), loaded once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netra/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static netra_text_lexicon *lex;
static netra_normalizer *nz;
static netra_arena *arena;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (lex == NULL) {
        if (netra_text_lexicon_load(&lex, NULL) != 0 || netra_normalizer_new(&nz, lex) != 0 ||
            netra_arena_new(&arena, 0, 0) != 0)
            abort();
    }
    netra_text t;
    netra_arena_reset(arena);
    if (netra_normalize(&t, nz, (const char *)data, size, arena) != 0)
        return 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < t.n_tokens; i++) {
        const netra_token *k = &t.tokens[i];
        if (k->start >= k->end || k->end > size || strlen(k->text) != k->len ||
            strlen(k->stem) != k->stem_len)
            abort();
        if (!(k->flags & NETRA_TOKF_HASHTAG_PART)) {
            if (k->start < prev)
                abort();
            prev = k->start;
        } else if (k->parent < 0 || (size_t)k->parent >= i) {
            abort();
        }
    }
    char buf[256];
    (void)netra_text_format(buf, sizeof buf, &t, 1);
    return 0;
}
