/*
 * disguise.c - rewrites a text the way people hide it from filters (styled Unicode letters,
 * fullwidth, leetspeak, a word spaced apart, elongation, zero-width characters), for the
 * robustness evaluation of `netra eval --disguise`. Deterministic for a seed.
 */
#include <string.h>

#include "detect/detect_int.h"

typedef struct out {
    char *buf;
    size_t cap;
    size_t n;
} out;

static void put(out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (o->n + 1 < o->cap)
            o->buf[o->n] = s[i];
        o->n++;
    }
}

static void put_cp(out *o, uint32_t cp)
{
    char b[4];
    put(o, b, nt_utf8_put(b, cp));
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Styled alphabets: mathematical bold, bold italic, sans-serif bold, fullwidth. */
static uint32_t styled(char c, int style)
{
    static const uint32_t upper[4] = {0x1D400, 0x1D468, 0x1D5D4, 0xFF21};
    static const uint32_t lower[4] = {0x1D41A, 0x1D482, 0x1D5EE, 0xFF41};
    if (c >= 'A' && c <= 'Z')
        return upper[style] + (uint32_t)(c - 'A');
    return lower[style] + (uint32_t)(c - 'a');
}

static char leet(char c)
{
    switch (c) {
    case 'a':
    case 'A':
        return '4';
    case 'e':
    case 'E':
        return '3';
    case 'i':
    case 'I':
        return '1';
    case 'o':
    case 'O':
        return '0';
    default:
        return c;
    }
}

const char *nt_disguise_kind_name(int kind)
{
    static const char *const names[NT_DISGUISE_KINDS] = {"styled", "leet", "spaced", "elongated",
                                                         "zero_width"};
    return kind >= 0 && kind < NT_DISGUISE_KINDS ? names[kind] : "?";
}

size_t nt_disguise(char *buf, size_t cap, const char *text, size_t len, int kind, uint64_t seed)
{
    out o = {buf, cap, 0};
    uint64_t s = seed;
    int style = (int)(nt_splitmix64(&s) % 4);
    /* For "spaced", one word (the n-th word of 3 to 8 letters) is spaced apart. */
    size_t n_words = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && is_alpha(text[j]))
            j++;
        if (j > i) {
            if (j - i >= 3 && j - i <= 8 && (j >= len || (unsigned char)text[j] < 0x80) &&
                (i == 0 || (unsigned char)text[i - 1] < 0x80))
                n_words++;
            i = j;
        } else
            i++;
    }
    size_t spaced = n_words ? (size_t)(nt_splitmix64(&s) % n_words) : SIZE_MAX, w = 0;
    for (size_t i = 0; i < len;) {
        if (!is_alpha(text[i])) {
            put(&o, text + i, 1);
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && is_alpha(text[j]))
            j++;
        size_t wl = j - i;
        /* Only whole ASCII words: a word glued to other UTF-8 is left alone. */
        int whole = (j >= len || (unsigned char)text[j] < 0x80) &&
                    (i == 0 || (unsigned char)text[i - 1] < 0x80);
        int pick = whole && wl >= 3 && nt_splitmix64(&s) % 100 < 60;
        switch (kind) {
        case NT_DISGUISE_STYLED:
            for (size_t k = i; k < j; k++)
                if (pick)
                    put_cp(&o, styled(text[k], style));
                else
                    put(&o, text + k, 1);
            break;
        case NT_DISGUISE_LEET:
            for (size_t k = i; k < j; k++) {
                /* The first letter stays: "Pr4b0w0", "G4nj4r". */
                char c = pick && wl >= 4 && k > i ? leet(text[k]) : text[k];
                put(&o, &c, 1);
            }
            break;
        case NT_DISGUISE_SPACED: {
            int here = whole && wl >= 3 && wl <= 8 && w++ == spaced;
            for (size_t k = i; k < j; k++) {
                char c = here ? (char)(text[k] >= 'a' ? text[k] - 'a' + 'A' : text[k]) : text[k];
                put(&o, &c, 1);
                if (here && k + 1 < j)
                    put(&o, " ", 1);
            }
            break;
        }
        case NT_DISGUISE_ELONGATED:
            put(&o, text + i, wl);
            if (pick)
                for (int k = 0; k < 3; k++)
                    put(&o, text + j - 1, 1);
            break;
        default: /* zero width: U+200B after the first letter */
            put(&o, text + i, 1);
            if (pick)
                put(&o, "\xE2\x80\x8B", 3);
            put(&o, text + i + 1, wl - 1);
            break;
        }
        i = j;
    }
    if (cap > 0)
        buf[o.n < cap ? o.n : cap - 1] = '\0';
    return o.n;
}
