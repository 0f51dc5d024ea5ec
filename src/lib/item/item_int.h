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
/* "a string", "a number"... for messages. */
const char *nt_jv_type_name(nt_jv_type t);
/* Appends a quoted JSON string (netra_json_quote) to a buffer. */
int nt_buf_add_json(nt_buf *b, const char *s, size_t len);

#endif
