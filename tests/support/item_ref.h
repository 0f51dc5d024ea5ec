/*
 * item_ref.h - the reference item parser (item_ref.c) and a comparison of two parses.
 */
#ifndef NT_ITEM_REF_H
#define NT_ITEM_REF_H

#include <stddef.h>
#include "netra/item.h"

/* netra_item_parse() as it was: the general JSON tree, members by name. */
int nt_item_parse_ref(netra_item *out, const char *line, size_t len, unsigned flags,
                      netra_arena *arena);

/* Parses `line` both ways and compares the results: the return code, the error message,
 * and on success every field (strings by content and NUL termination). Returns NULL when
 * the same, else what differs (a static string). */
const char *nt_item_parse_diff(const char *line, size_t len, unsigned flags, netra_arena *a1,
                               netra_arena *a2);

#endif
