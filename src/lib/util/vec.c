/*
 * vec.c - growable array of fixed-size elements with an element-count bound.
 */
#include <string.h>

#include "util/util_int.h"

void nt_vec_init(nt_vec *v, size_t elem_size, size_t max)
{
    v->items = NULL;
    v->n = 0;
    v->cap = 0;
    v->elem_size = elem_size ? elem_size : 1;
    v->max = max ? max : SIZE_MAX / v->elem_size;
}

void nt_vec_free(nt_vec *v)
{
    nt_free(v->items);
    v->items = NULL;
    v->n = 0;
    v->cap = 0;
}

int nt_vec_reserve(nt_vec *v, size_t n)
{
    if (n <= v->cap)
        return NETRA_OK;
    if (n > v->max)
        return nt_error_set(NETRA_ETOOBIG, "vector limit of %zu elements exceeded", v->max);
    size_t cap = v->cap ? v->cap : 8;
    while (cap < n)
        cap = cap > v->max / 2 ? v->max : cap * 2;
    if (cap > v->max)
        cap = v->max;
    void *p = nt_realloc(v->items, cap * v->elem_size);
    if (p == NULL)
        return NETRA_ENOMEM;
    v->items = p;
    v->cap = cap;
    return NETRA_OK;
}

void *nt_vec_push(nt_vec *v, const void *elem)
{
    if (v->n == v->cap && nt_vec_reserve(v, v->n + 1) < 0)
        return NULL;
    unsigned char *slot = (unsigned char *)v->items + v->n * v->elem_size;
    if (elem != NULL)
        memcpy(slot, elem, v->elem_size);
    else
        memset(slot, 0, v->elem_size);
    v->n++;
    return slot;
}

void *nt_vec_at(const nt_vec *v, size_t i)
{
    if (i >= v->n)
        return NULL;
    return (unsigned char *)v->items + i * v->elem_size;
}
