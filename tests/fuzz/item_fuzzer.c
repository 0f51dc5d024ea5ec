/*
 * item_fuzzer.c - fuzz target for the item parser (one JSONL line): any bytes must either
 * parse into strings whose lengths match their NUL-terminated text, or fail with a message;
 * quoting any parsed string must give valid, NUL-free JSON text. Never a crash. And the
 * one-pass reader must agree with the reference parser (tests/support/item_ref.c, the
 * general JSON tree): the same code and message, the same fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netra/item.h"
#include "netra/error.h"
#include "item_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static netra_arena *arena, *ref_arena;

static void check_str(const netra_str *s)
{
    if (s->s == NULL || memchr(s->s, '\0', s->len) != NULL || s->s[s->len] != '\0')
        abort();
    size_t need = netra_json_quote(NULL, 0, s->s, s->len);
    char *q = malloc(need + 1);
    if (q == NULL)
        abort();
    if (netra_json_quote(q, need + 1, s->s, s->len) != need || strlen(q) != need || q[0] != '"' ||
        q[need - 1] != '"')
        abort();
    for (size_t i = 0; i < need; i++)
        if ((unsigned char)q[i] < 0x20)
            abort();
    free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (arena == NULL && netra_arena_new(&arena, 0, 0) != 0)
        abort();
    if (ref_arena == NULL && netra_arena_new(&ref_arena, 0, 0) != 0)
        abort();
    for (unsigned flags = 0; flags < 2; flags++) {
        if (nt_item_parse_diff((const char *)data, size, flags, arena, ref_arena) != NULL)
            abort();
        netra_arena_reset(arena);
        netra_item it;
        int rc = netra_item_parse(&it, (const char *)data, size, flags, arena);
        if (rc != 0) {
            if (netra_error_last()->msg[0] == '\0')
                abort();
            continue;
        }
        const netra_str *all[] = {
            &it.id,         &it.platform,   &it.author_handle, &it.author_name,
            &it.author_bio, &it.text,       &it.target_author, &it.target_text,
            &it.url,        &it.created_at, &it.region};
        for (size_t i = 0; i < sizeof all / sizeof *all; i++)
            check_str(all[i]);
        if (it.act <= 0 || it.act >= NETRA_ITEM_ACT_COUNT_ || it.id.len == 0)
            abort();
        if (flags && it.label.n_stances > NETRA_LABEL_MAX_STANCES)
            abort();
    }
    return 0;
}
