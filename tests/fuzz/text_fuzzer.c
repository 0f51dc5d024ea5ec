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
#include "text/text_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static netra_text_lexicon *lex;
static netra_normalizer *nz, *gen;
static netra_arena *arena;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (lex == NULL) {
        if (netra_text_lexicon_load(&lex, NULL) != 0 || netra_normalizer_new(&nz, lex) != 0 ||
            netra_normalizer_new(&gen, lex) != 0 || netra_arena_new(&arena, 0, 0) != 0)
            abort();
        nt_text_force_general(gen, 1);
    }
    netra_text t;
    netra_arena_reset(arena);
    int rc = netra_normalize(&t, nz, (const char *)data, size, arena);
    netra_text g;
    if (netra_normalize(&g, gen, (const char *)data, size, arena) != rc)
        abort();
    if (rc != 0)
        return 0;
    if (g.n_tokens != t.n_tokens || g.transforms != t.transforms)
        abort();
    for (size_t i = 0; i < t.n_tokens; i++) {
        const netra_token *x = &t.tokens[i], *y = &g.tokens[i];
        if (x->kind != y->kind || x->flags != y->flags || x->transforms != y->transforms ||
            x->start != y->start || x->end != y->end || x->len != y->len ||
            x->stem_len != y->stem_len || x->parent != y->parent || x->hash != y->hash ||
            x->value != y->value || strcmp(x->text, y->text) != 0 || strcmp(x->stem, y->stem) != 0)
            abort();
    }
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
