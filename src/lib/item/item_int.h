/*
 * item_int.h - the item module's JSON reader (json.c), shared with the detector's label
 * and model code.
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

/* A JSON value. Children of arrays and objects are a linked list in order. */
typedef struct nt_jv {
    nt_jv_type type;
    const char *key;     /* member name inside an object, else NULL */
    size_t klen;         /* its length */
    const char *s;       /* strings: unescaped, NUL-terminated; numbers: as written */
    size_t len;          /* length of s */
    struct nt_jv *first; /* first child of an array or object */
    struct nt_jv *next;  /* next sibling */
    size_t n;            /* number of children */
} nt_jv;

/* Parses one JSON text into nodes allocated from `a`. Strings longer than max_str bytes
 * (after unescaping) and nesting deeper than max_depth fail with NETRA_ETOOBIG; syntax
 * errors with NETRA_EINVAL "byte N: reason". */
int nt_json_parse(nt_jv **out, const char *text, size_t len, size_t max_str, int max_depth,
                  nt_arena *a);
/* Member of an object by name (the last one when repeated), NULL when absent. */
const nt_jv *nt_jv_get(const nt_jv *obj, const char *key);
/* ---- the item reader: one pass over the line, no tree -------------------------------------
 * nt_item_read() checks the whole line as nt_json_parse() does (the same errors at the same
 * bytes, in the same order) but keeps only the members an item has: those of the top level,
 * of `author`, `target` and (when asked) `label` and `label.stances`. A member repeated
 * keeps its last value, as nt_jv_get() does; an object member repeated keeps only the
 * members of its last value. Strings without escapes are slices of the line (not
 * NUL-terminated), strings with escapes are decoded into the arena (NUL-terminated). Other
 * members are checked and skipped without allocation. */
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

/* Reads one item line into `m` (see above); `label` asks for the label's members. Errors as
 * nt_json_parse() with max_str = NETRA_ITEM_MAX_TEXT, max_depth = NETRA_ITEM_MAX_DEPTH. */
int nt_item_read(nt_item_members *m, const char *text, size_t len, int label, nt_arena *a);

/* "a string", "a number"... for messages. */
const char *nt_jv_type_name(nt_jv_type t);
/* Appends a quoted JSON string (netra_json_quote) to a buffer. */
int nt_buf_add_json(nt_buf *b, const char *s, size_t len);

#endif
