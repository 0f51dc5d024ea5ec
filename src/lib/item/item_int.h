/*
 * item_int.h - the item module's JSON reading (json.c): the one-pass item reader, the
 * names of JSON types, and JSON quoting into a buffer, shared with the detector.
 */
#ifndef NT_ITEM_INT_H
#define NT_ITEM_INT_H

#include "util/util_int.h"
#include "netra/item.h"

typedef enum nt_jv_type {
    NT_JV_NULL = 0,
    NT_JV_TRUE,
    NT_JV_FALSE,
    NT_JV_NUMBER,
    NT_JV_STRING,
    NT_JV_ARRAY,
    NT_JV_OBJECT
} nt_jv_type;

/* ---- the item reader: one pass over the line, no tree -------------------------------------
 * nt_item_read() checks the whole line as JSON (RFC 8259: syntax errors named "byte N:
 * reason", strings longer than their limit and nesting deeper than NETRA_ITEM_MAX_DEPTH
 * NETRA_ETOOBIG; the errors, bytes and order the tree reader it replaced gave, which
 * tests/support/item_ref.c keeps as the reference) but keeps only the members an item has: those of
 * the top level, of `author`, `target` and (when asked) `label` and `label.stances`. A member
 * repeated keeps its last value; an object member repeated keeps only the members of its last
 * value. The strings kept are left in `copy` (NT_ITEM_BLOCK(len) bytes holding a copy of the
 * line), each at its own offset and NUL-terminated: its closing quote becomes the NUL, and
 * a string with escapes is decoded over its escaped bytes. Other members are
 * checked and skipped without allocation. */
enum {
    NT_IK_ID,
    NT_IK_PLATFORM,
    NT_IK_ACT,
    NT_IK_AUTHOR,
    NT_IK_TEXT,
    NT_IK_TARGET,
    NT_IK_URL,
    NT_IK_CREATED_AT,
    NT_IK_REGION,
    NT_IK_LABEL,
    NT_IK_A_HANDLE, /* author.handle */
    NT_IK_A_NAME,
    NT_IK_A_BIO,
    NT_IK_T_AUTHOR, /* target.author */
    NT_IK_T_TEXT,
    NT_IK_L_ELECTION, /* label.election */
    NT_IK_L_STANCES,
    NT_IK_L_ASN,
    NT_IK_L_REGISTER,
    NT_IK_COUNT_
};

#define NT_IK_BIT(k) (1u << (k))

/* One value kept by the item reader. */
typedef struct nt_jslot {
    unsigned char type; /* nt_jv_type */
    const char *s;      /* strings: the bytes (see above) */
    size_t len;         /* their length */
} nt_jslot;

typedef struct nt_item_members {
    nt_jslot root;                            /* the line's value (its type) */
    uint32_t seen;                            /* NT_IK_BIT of the members given */
    nt_jslot m[NT_IK_COUNT_];                 /* by NT_IK_*, when seen */
    nt_jslot st_key[NETRA_LABEL_MAX_STANCES]; /* label.stances: names, in order */
    nt_jslot st_val[NETRA_LABEL_MAX_STANCES]; /* and values */
    size_t n_st; /* members of label.stances, counted beyond the table too */
} nt_item_members;

/* The bytes of the arena block an item's strings are kept in: a copy of its line of `len`
 * bytes, where each string kept is left NUL-terminated at its own place (a string is never
 * longer than the bytes between its quotes, and its NUL takes the closing quote's byte),
 * and 16 more so that the reader can move a short run by one 16-byte store. */
#define NT_ITEM_BLOCK(len) ((len) + 16)

/* Reads one item line into `m` (see above); `label` asks for the label's members; strings
 * are limited to NETRA_ITEM_MAX_TEXT bytes. */
int nt_item_read(nt_item_members *m, const char *text, size_t len, int label, char *copy,
                 nt_arena *a);

/* "a string", "a number"... for messages. */
const char *nt_jv_type_name(nt_jv_type t);
/* Appends a quoted JSON string (netra_json_quote) to a buffer. */
int nt_buf_add_json(nt_buf *b, const char *s, size_t len);

#endif
