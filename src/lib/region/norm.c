/*
 * norm.c - the normal form in which region names and queries are compared, UTF-8 checking
 * of names, and the bounded edit distance behind typo tolerance.
 *
 * Every function here is O(input) (the edit distance O(a * b) on strings of at most 96
 * bytes), allocates nothing and keeps no state, so find.c can call them from any thread.
 */
#include <string.h>

#include "region/region_int.h"

/* Abbreviations written in names and by people ("Gn. Bintang Awai", "Kep. Seribu"). */
static const struct {
    const char *abbr;
    const char *word;
} expansions[] = {
    {"gn", "gunung"},
    {"kep", "kepulauan"},
    {"tj", "tanjung"},
};

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* First pass: lower-case, drop apostrophes, one space between words. */
static int fold(char *out, size_t cap, size_t *len_out, const char *s, size_t len)
{
    size_t n = 0;
    int pending_space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\'' || c == '`' || c == '"')
            continue;
        /* U+2018 and U+2019, the typographic apostrophes: E2 80 98 / E2 80 99. */
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            i += 2;
            continue;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + ('a' - 'A'));
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (!word) {
            pending_space = n > 0;
            continue;
        }
        if (n + (pending_space ? 2 : 1) >= cap)
            return nt_error_set(NETRA_ETOOBIG, "normalised text longer than %zu bytes", cap - 1);
        if (pending_space)
            out[n++] = ' ';
        pending_space = 0;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    *len_out = n;
    return NETRA_OK;
}

static int put(char *out, size_t cap, size_t *n, const char *s, size_t len)
{
    size_t need = len + (*n > 0 ? 1 : 0);
    if (*n + need >= cap)
        return nt_error_set(NETRA_ETOOBIG, "normalised text longer than %zu bytes", cap - 1);
    if (*n > 0)
        out[(*n)++] = ' ';
    memcpy(out + *n, s, len);
    *n += len;
    out[*n] = '\0';
    return NETRA_OK;
}

int nt_region_norm(char *out, size_t cap, size_t *len_out, const char *s, size_t len)
{
    char tmp[NT_REGION_NORM_MAX + 1];
    size_t tlen = 0;
    if (cap == 0)
        return nt_error_set(NETRA_EINVAL, "nt_region_norm: no room");
    if (len > NT_REGION_NORM_MAX)
        return nt_error_set(NETRA_ETOOBIG, "text longer than %d bytes", NT_REGION_NORM_MAX);
    int err = fold(tmp, sizeof tmp, &tlen, s, len);
    if (err < 0)
        return err;
    size_t n = 0;
    out[0] = '\0';
    size_t i = 0;
    while (i < tlen) {
        size_t j = i;
        while (j < tlen && tmp[j] != ' ')
            j++;
        size_t wlen = j - i;
        const char *w = tmp + i;
        if (wlen == 1 && is_alpha((unsigned char)w[0]) && j + 2 <= tlen && tmp[j] == ' ' &&
            is_alpha((unsigned char)tmp[j + 1]) && (j + 2 == tlen || tmp[j + 2] == ' ')) {
            /* A run of one-letter words, "d i y": join it. */
            char run[NT_REGION_NORM_MAX + 1];
            size_t rlen = 0, k = i;
            while (k < tlen && is_alpha((unsigned char)tmp[k]) &&
                   (k + 1 == tlen || tmp[k + 1] == ' ')) {
                run[rlen++] = tmp[k];
                k += 2;
            }
            err = put(out, cap, &n, run, rlen);
            if (err < 0)
                return err;
            i = k;
            continue;
        }
        const char *rep = NULL;
        for (size_t e = 0; e < sizeof expansions / sizeof *expansions; e++)
            if (nt_str_eq(w, wlen, expansions[e].abbr))
                rep = expansions[e].word;
        err = rep ? put(out, cap, &n, rep, strlen(rep)) : put(out, cap, &n, w, wlen);
        if (err < 0)
            return err;
        i = j + 1;
    }
    *len_out = n;
    return NETRA_OK;
}

size_t nt_region_nospace(char *out, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ')
            out[n++] = s[i];
    out[n] = '\0';
    return n;
}

int nt_region_utf8_ok(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                return 0;
            i++;
            continue;
        }
        size_t n;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07u;
        } else {
            return 0;
        }
        if (len - i <= n)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
            return 0;
        i += n + 1;
    }
    return 1;
}

uint32_t nt_region_mask(const char *s, size_t len)
{
    uint32_t m = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            m |= 1u << (c - 'a');
        else if (c >= '0' && c <= '4')
            m |= 1u << 26;
        else if (c >= '5' && c <= '9')
            m |= 1u << 27;
        else if (c >= 0x80)
            m |= 1u << 28;
    }
    return m;
}

int nt_region_mask_missing(uint32_t a, uint32_t b)
{
    uint32_t x = a & ~b;
#if defined(__GNUC__)
    return __builtin_popcount(x);
#else
    int n = 0;
    while (x != 0) {
        x &= x - 1;
        n++;
    }
    return n;
#endif
}

#define OSA_MAX 96

int nt_region_osa(const char *a, size_t alen, const char *b, size_t blen, int k)
{
    if (k < 0)
        return 0;
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > (size_t)k || alen > OSA_MAX || blen > OSA_MAX)
        return k + 1;
    int rows[3][OSA_MAX + 1];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= blen; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < row_min)
                row_min = v;
        }
        if (row_min > k)
            return k + 1;
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[blen] <= k ? prev[blen] : k + 1;
}
