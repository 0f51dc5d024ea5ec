/*
 * str.c - small string and file helpers that replace the banned libc calls (atoi, strtok,
 * strcpy...) with bounded, checked versions.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"

int nt_parse_long(long *out, const char *s, size_t len, long min, long max)
{
    if (len == 0)
        return nt_error_set(NETRA_EINVAL, "empty number");
    size_t i = 0;
    int neg = 0;
    if (s[0] == '-') {
        neg = 1;
        i = 1;
        if (len == 1)
            return nt_error_set(NETRA_EINVAL, "'-' is not a number");
    }
    long v = 0;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < '0' || c > '9')
            return nt_error_set(NETRA_EINVAL, "'%.*s' is not a whole number (byte %zu)",
                                (int)(len > 40 ? 40 : len), s, i + 1);
        int d = c - '0';
        if (!neg) {
            if (v > (LONG_MAX - d) / 10)
                return nt_error_set(NETRA_EINVAL, "number out of range");
            v = v * 10 + d;
        } else {
            if (v < (LONG_MIN + d) / 10)
                return nt_error_set(NETRA_EINVAL, "number out of range");
            v = v * 10 - d;
        }
    }
    if (v < min || v > max)
        return nt_error_set(NETRA_EINVAL, "%ld is outside %ld..%ld", v, min, max);
    *out = v;
    return NETRA_OK;
}

int nt_str_eq(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    return alen == blen && memcmp(a, b, alen) == 0;
}

int nt_str_ieq_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
}

int nt_str_split(const char *s, size_t len, char sep,
                 int (*fn)(const char *part, size_t plen, void *payload), void *payload)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == sep) {
            int err = fn(s + start, i - start, payload);
            if (err < 0)
                return err;
            start = i + 1;
        }
    }
    return NETRA_OK;
}

int nt_file_read(char **out, size_t *len_out, const char *path, size_t max)
{
    int err = NETRA_OK;
    nt_buf b;
    nt_buf_init(&b, max);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return nt_error_set(NETRA_EIO, "%s: cannot open: %s", path, strerror(errno));
    char chunk[16384];
    for (;;) {
        size_t n = fread(chunk, 1, sizeof chunk, f);
        if (n > 0) {
            err = nt_buf_add(&b, chunk, n);
            if (err < 0) {
                nt_error_prefix("%s", path);
                goto done;
            }
        }
        if (n < sizeof chunk) {
            if (ferror(f)) {
                err = nt_error_set(NETRA_EIO, "%s: read error", path);
                goto done;
            }
            break;
        }
    }
    *out = nt_buf_detach(&b, len_out);
    if (*out == NULL)
        err = NETRA_ENOMEM;
done:
    nt_buf_free(&b);
    fclose(f);
    return err;
}

size_t nt_utf8_put(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
