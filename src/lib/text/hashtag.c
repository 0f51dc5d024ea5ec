/*
 * hashtag.c - splits a hashtag body into words: at underscores, at letter/digit
 * boundaries, at camel-case boundaries of the original spelling (#AniesMuhaimin), then a
 * lowercase run the lexicon does not know is cut into the fewest known words
 * (#gantipresiden -> ganti presiden) by dynamic programming, O(len * NT_SPLIT_MAX_WORD).
 */
#include <string.h>

#include "text/text_int.h"

#define NT_SPLIT_MAX_WORD 24
#define NT_SPLIT_MAX_LEN  128

static int cls(char c)
{
    if (c >= '0' && c <= '9')
        return 1;
    if (c == '_')
        return 0;
    return 2; /* letters, and bytes of non-ASCII letters */
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* Fewest known words covering body[s..e); writes the cut points. 0 when impossible. */
static size_t dp_split(const netra_text_lexicon *lex, const char *body, size_t s, size_t e,
                       uint32_t *starts, uint32_t *lens, size_t max)
{
    size_t n = e - s;
    if (n > NT_SPLIT_MAX_LEN || n < 4)
        return 0;
    unsigned best[NT_SPLIT_MAX_LEN + 1];
    unsigned prev[NT_SPLIT_MAX_LEN + 1];
    best[0] = 0;
    for (size_t i = 1; i <= n; i++) {
        best[i] = ~0u;
        size_t lo = i > NT_SPLIT_MAX_WORD ? i - NT_SPLIT_MAX_WORD : 0;
        for (size_t j = lo; j + 2 <= i; j++) {
            if (best[j] == ~0u || best[j] + 1 >= best[i])
                continue;
            if (nt_lex_known(lex, body + s + j, i - j)) {
                best[i] = best[j] + 1;
                prev[i] = (unsigned)j;
            }
        }
    }
    if (best[n] == ~0u || best[n] > max)
        return 0;
    size_t k = best[n];
    for (size_t i = n; i > 0; i = prev[i]) {
        k--;
        starts[k] = (uint32_t)(s + prev[i]);
        lens[k] = (uint32_t)(i - prev[i]);
    }
    return best[n];
}

size_t nt_hashtag_split(const netra_text_lexicon *lex, const char *body, size_t len,
                        const char *orig, uint32_t *starts, uint32_t *lens, size_t max)
{
    size_t n = 0, s = 0;
    while (s < len && n < max) {
        if (body[s] == '_') {
            s++;
            continue;
        }
        size_t e = s + 1;
        while (e < len && cls(body[e]) == cls(body[s])) {
            if (orig != NULL && cls(body[s]) == 2) {
                /* aB -> a|B ; ABc -> A|Bc */
                if (is_lower(orig[e - 1]) && is_upper(orig[e]))
                    break;
                if (e + 1 < len && is_upper(orig[e - 1]) && is_upper(orig[e]) &&
                    is_lower(orig[e + 1]))
                    break;
            }
            e++;
        }
        size_t k = 0;
        if (cls(body[s]) == 2 && !nt_lex_known(lex, body + s, e - s))
            k = dp_split(lex, body, s, e, starts + n, lens + n, max - n);
        if (k == 0) {
            starts[n] = (uint32_t)s;
            lens[n] = (uint32_t)(e - s);
            k = 1;
        }
        n += k;
        s = e;
    }
    return n;
}
