/*
 * buf.c - bounded growable buffer (curl's dynbuf contract): every append may fail with
 * NETRA_ETOOBIG or NETRA_ENOMEM and a failed append frees the buffer, so callers never
 * carry a half-built value forward.
 */
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"

#define BUF_MIN_CAP 32

void nt_buf_init(nt_buf *b, size_t max)
{
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void nt_buf_free(nt_buf *b)
{
    nt_free(b->ptr);
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
}

void nt_buf_reset(nt_buf *b)
{
    b->len = 0;
    if (b->ptr != NULL)
        b->ptr[0] = '\0';
}

int nt_buf_reserve(nt_buf *b, size_t len)
{
    if (len > b->max || b->len > b->max - len) {
        nt_buf_free(b);
        return nt_error_set(NETRA_ETOOBIG, "buffer limit of %zu bytes exceeded", b->max);
    }
    size_t need = b->len + len + 1;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : BUF_MIN_CAP;
        while (cap < need)
            cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        if (cap > b->max + 1)
            cap = b->max + 1;
        char *p = nt_realloc(b->ptr, cap);
        if (p == NULL) {
            nt_buf_free(b);
            return NETRA_ENOMEM;
        }
        if (b->ptr == NULL)
            p[0] = '\0';
        b->ptr = p;
        b->cap = cap;
    }
    return NETRA_OK;
}

int nt_buf_add(nt_buf *b, const void *data, size_t len)
{
    int err = nt_buf_reserve(b, len);
    if (err < 0)
        return err;
    if (len > 0)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return NETRA_OK;
}

int nt_buf_adds(nt_buf *b, const char *s)
{
    return nt_buf_add(b, s, strlen(s));
}

int nt_buf_addc(nt_buf *b, char c)
{
    return nt_buf_add(b, &c, 1);
}

int nt_buf_vaddf(nt_buf *b, const char *fmt, va_list ap)
{
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        nt_buf_free(b);
        return nt_error_set(NETRA_EINVAL, "bad format string");
    }
    if ((size_t)n < sizeof small) {
        va_end(ap2);
        return nt_buf_add(b, small, (size_t)n);
    }
    char *big = nt_malloc((size_t)n + 1);
    if (big == NULL) {
        va_end(ap2);
        nt_buf_free(b);
        return NETRA_ENOMEM;
    }
    vsnprintf(big, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    int err = nt_buf_add(b, big, (size_t)n);
    nt_free(big);
    return err;
}

int nt_buf_addf(nt_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int err = nt_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return err;
}

char *nt_buf_detach(nt_buf *b, size_t *len_out)
{
    char *p = b->ptr;
    size_t len = b->len;
    if (p == NULL) {
        p = nt_strndup("", 0);
        len = 0;
    }
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
    if (len_out != NULL)
        *len_out = p ? len : 0;
    return p;
}

const char *nt_buf_cstr(const nt_buf *b)
{
    return b->ptr ? b->ptr : "";
}
