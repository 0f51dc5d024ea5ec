/*
 * json.c - a small, strict JSON reader for one line: the whole value becomes a tree of
 * nodes in an arena (no other allocation), strings unescaped. Errors name the byte.
 *
 * Why not jansson: an item line is parsed on the detector's hot path, 10^5..10^6 times a
 * second; jansson allocates every node and string with malloc and builds hash tables for
 * objects. Here a line costs one pass and a few bump allocations
 * (docs/decisions/0005-detector-own-json-and-matcher.md).
 *
 * Accepted: RFC 8259 JSON. Raw bytes >= 0x80 inside strings are passed through as they
 * are (invalid UTF-8 is repaired later by the normaliser and by netra_json_quote()); \u
 * escapes are decoded, a lone surrogate becoming U+FFFD. Limits: nesting depth, and the
 * length of each string as the caller sets it.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "item/item_int.h"

/* The small steps of the item reader are inlined into its loop (gcc would keep some as
 * calls: they are called from many places). */
#if defined(__GNUC__)
#define JP_INLINE static inline __attribute__((always_inline))
#else
#define JP_INLINE static inline
#endif

typedef struct jp {
    const char *start; /* the line */
    const char *p;     /* next byte */
    const char *end;   /* one past the last byte */
    nt_arena *a;       /* where nodes and strings go */
    size_t max_str;    /* longest string accepted */
    int max_depth;     /* deepest nesting accepted */
    char *blk;         /* the copy of the line the strings kept are left in (nt_item_read) */
} jp;

static int jfail(const jp *j, int code, const char *what)
{
    return nt_error_set(code, "byte %zu: %s", (size_t)(j->p - j->start) + 1, what);
}

JP_INLINE void skip_ws(jp *j)
{
    if (j->p < j->end && (unsigned char)*j->p > ' ')
        return; /* the common case: no space at all */
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at j->p; -1 (no error set: the caller names it) with j->p at the first
 * byte that is not one, or unmoved when fewer than four bytes are left. */
static int read_hex4(jp *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char)j->p[i]);
        if (h < 0) {
            j->p += i;
            return -1;
        }
        v = v << 4 | (unsigned)h;
    }
    j->p += 4;
    *out = v;
    return 0;
}

/* The first byte of [p, end) that is '"', '\\' or a control byte (< 0x20); end when none
 * (p itself when p >= end). 16 bytes at a time; the last few bytes too, read with the
 * bytes before them when [lo, end) holds 16. */
JP_INLINE const char *next_stop(const char *lo, const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\'), c1f = _mm_set1_epi8(0x1f);
#define STOPS(x)                                                                                   \
    (unsigned)_mm_movemask_epi8(                                                                   \
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bsl)),               \
                     _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x)))
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned m = STOPS(x);
        if (m != 0)
            return p + __builtin_ctz(m);
        p += 16;
    }
    if (p < end && end - lo >= 16) {
        const char *b = end - 16;
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)b);
        unsigned m = STOPS(x) >> (p - b);
        return m != 0 ? p + __builtin_ctz(m) : end;
    }
#undef STOPS
#endif
    while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
        p++;
    return p;
}

/* The closing quote of a string from p (after its opening quote or anywhere outside an
 * escape): the first '"' not escaped by a backslash; end or beyond when none. */
static const char *string_end(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\');
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned mq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote));
        unsigned m = mq | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, bsl));
        unsigned next = 16;
        while (m != 0) {
            unsigned i = (unsigned)__builtin_ctz(m);
            if (mq >> i & 1u)
                return p + i;
            /* a backslash: it and the byte it escapes are skipped */
            if (i == 15) {
                next = 17;
                break;
            }
            m &= ~0u << (i + 2);
        }
        p += next;
    }
#endif
    while (p < end && *p != '"') {
        if (*p == '\\')
            p++;
        p++;
    }
    return p;
}

/* At the opening quote. Reads one string, checking its escapes and its limit, in one of
 * three ways:
 *   alloc = 1 (a string kept): returned in the copy of the line j->blk, at the same offset
 *     as in the line, NUL-terminated: a string without escapes has its closing quote
 *     replaced by the NUL, one with escapes is decoded there (the unescaped string is
 *     never longer than the escaped one, so it fits between its quotes);
 *   alloc = 0, cap > 0: a string without escapes is a slice of the line, one with escapes has
 *     the first cap bytes of its decoded form in buf (for matching a member name without
 *     allocating); *len_out is the whole decoded length;
 *   alloc = 0, cap = 0: checked and skipped only.
 * The errors and the bytes they name are the same whichever way. */
static int scan_string_slow(jp *j, const char *q, int alloc, char *buf, size_t cap,
                            const char **out, size_t *len_out, int *owned);

JP_INLINE int scan_string(jp *j, int alloc, char *buf, size_t cap, const char **out,
                          size_t *len_out, int *owned)
{
    const char *q = next_stop(j->start, ++j->p, j->end); /* after the quote, the first stop */
    if (q < j->end && *q == '"' && (size_t)(q - j->p) <= j->max_str) {
        if (alloc) { /* kept: in the copy, its closing quote the NUL */
            *out = j->blk + (j->p - j->start);
            j->blk[q - j->start] = '\0';
        } else
            *out = j->p;
        *len_out = (size_t)(q - j->p);
        *owned = 0;
        j->p = q + 1;
        return NETRA_OK;
    }
    return scan_string_slow(j, q, alloc, buf, cap, out, len_out, owned);
}

/* An error inside a string, at j->p: named only when the string has its closing quote,
 * looked for from `from` (a byte outside an escape); else the string is unterminated. */
static int in_string_fail(jp *j, const char *from, int code, const char *what)
{
    if (string_end(from, j->end) >= j->end) {
        j->p = j->end;
        return jfail(j, NETRA_EINVAL, "unterminated string");
    }
    return jfail(j, code, what);
}

/* scan_string() past its first stop q: a string over its limit, with escapes or control
 * bytes, or unterminated. */
static int scan_string_slow(jp *j, const char *q, int alloc, char *buf, size_t cap,
                            const char **out, size_t *len_out, int *owned)
{
    if (q < j->end && *q == '"') {
        size_t n = (size_t)(q - j->p);
        if (n > j->max_str)
            return jfail(j, NETRA_ETOOBIG, "string longer than its limit");
        if (alloc) {
            *out = j->blk + (j->p - j->start);
            j->blk[q - j->start] = '\0';
        } else
            *out = j->p;
        *len_out = n;
        *owned = 0;
        j->p = q + 1;
        return NETRA_OK;
    }
    /* Slow path: decoded in one pass, straight into its buffer. An unterminated string is
     * the error named even when it has others before its end, so an error met on the way
     * is named only once in_string_fail() has found the closing quote after it (the bytes
     * after the error are read twice only on a malformed line). */
    char *s = buf;
    if (alloc) {
        /* decoded into the copy of the line, over its own escaped bytes (read from the
         * line itself): short runs are moved by 16-byte stores that may write up to 15
         * bytes past the string's end, put back from the line once it is decoded */
        s = j->blk + (j->p - j->start);
        cap = NT_ITEM_BLOCK((size_t)(j->end - j->start)) - (size_t)(j->p - j->start);
    }
    size_t n = 0;
#define PUTC(ch)                                                                                   \
    do {                                                                                           \
        if (n < cap)                                                                               \
            s[n] = (char)(ch);                                                                     \
        n++;                                                                                       \
    } while (0)
    for (const char *r = q;; r = next_stop(j->start, j->p, j->end)) {
        /* a run of bytes that stand for themselves, copied at once (the closing quote, the
         * line's end, a backslash or a control byte ends every run; the first run ends at q,
         * found above) */
        size_t run = (size_t)(r - j->p);
        if (run > 0) {
            if (n + run > j->max_str) {
                j->p += j->max_str - n + 1; /* after the byte over the limit */
                return in_string_fail(j, r, NETRA_ETOOBIG, "string longer than its limit");
            }
#if defined(__SSE2__)
            if (run <= 16 && n < cap && cap - n >= 16 && j->end - j->p >= 16)
                /* a short run between escapes: 16 bytes at once, the rest overwritten
                 * later or past the string's end in its buffer */
                _mm_storeu_si128((__m128i *)(void *)(s + n),
                                 _mm_loadu_si128((const __m128i *)(const void *)j->p));
            else
#endif
                if (n < cap)
                memcpy(s + n, j->p, run < cap - n ? run : cap - n);
            n += run;
            j->p = r;
        }
        if (j->p >= j->end) { /* no closing quote */
            j->p = j->end;
            return jfail(j, NETRA_EINVAL, "unterminated string");
        }
        unsigned char c = (unsigned char)*j->p;
        if (c == '"')
            break;
        if (c < 0x20)
            return in_string_fail(j, j->p + 1, NETRA_EINVAL,
                                  "control character in a string (escape it)");
        {
            if (j->end - j->p < 2) { /* a backslash last: no closing quote */
                j->p = j->end;
                return jfail(j, NETRA_EINVAL, "unterminated string");
            }
            j->p++;
            char x = *j->p++;
            switch (x) {
            case '"':
                PUTC('"');
                break;
            case '\\':
                PUTC('\\');
                break;
            case '/':
                PUTC('/');
                break;
            case 'b':
                PUTC('\b');
                break;
            case 'f':
                PUTC('\f');
                break;
            case 'n':
                PUTC('\n');
                break;
            case 'r':
                PUTC('\r');
                break;
            case 't':
                PUTC('\t');
                break;
            case 'u': {
                unsigned cp;
                if (read_hex4(j, &cp))
                    return in_string_fail(j, j->p, NETRA_EINVAL, "\\u needs four hex digits");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo;
                    if (j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
                        const char *save = j->p;
                        j->p += 2;
                        if (read_hex4(j, &lo))
                            return in_string_fail(j, j->p, NETRA_EINVAL,
                                                  "\\u needs four hex digits");
                        if (lo >= 0xDC00 && lo <= 0xDFFF)
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        else {
                            cp = 0xFFFD;
                            j->p = save;
                        }
                    } else
                        cp = 0xFFFD;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF)
                    cp = 0xFFFD;
                /* \u0000 would cut C strings short: it becomes U+FFFD. */
                if (cp == 0)
                    cp = 0xFFFD;
                char u8[4];
                size_t k = nt_utf8_put(u8, cp);
                for (size_t i = 0; i < k; i++)
                    PUTC(u8[i]);
                break;
            }
            default:
                j->p--;
                return in_string_fail(j, j->p + 1, NETRA_EINVAL, "unknown escape");
            }
        }
        if (n > j->max_str)
            return in_string_fail(j, j->p, NETRA_ETOOBIG, "string longer than its limit");
    }
#undef PUTC
    j->p++;
    if (alloc) {
        s[n] = '\0';
        /* the bytes after the closing quote, as they are in the line (see above) */
        char *after = j->blk + (j->p - j->start);
#if defined(__SSE2__)
        if (j->end - j->p >= 16)
            _mm_storeu_si128((__m128i *)(void *)after,
                             _mm_loadu_si128((const __m128i *)(const void *)j->p));
        else
#endif
            memcpy(after, j->p, (size_t)(j->end - j->p));
    }
    *out = s;
    *len_out = n;
    *owned = alloc;
    return NETRA_OK;
}

/* Checks a number and returns where it began. */
static int scan_number(jp *j, const char **begin)
{
    const char *b = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
        return jfail(j, NETRA_EINVAL, "expected a value");
    if (*j->p == '0')
        j->p++;
    else
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
            return jfail(j, NETRA_EINVAL, "digit expected after '.'");
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
            return jfail(j, NETRA_EINVAL, "digit expected in the exponent");
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if ((size_t)(j->p - b) > 64)
        return jfail(j, NETRA_ETOOBIG, "number longer than 64 characters");
    *begin = b;
    return NETRA_OK;
}

static int read_word(jp *j, const char *w, size_t n)
{
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
        return jfail(j, NETRA_EINVAL, "expected a value");
    j->p += n;
    return NETRA_OK;
}

/* ---- the item reader (item_int.h) ------------------------------------------------------ */

/* What the members of an object are to the item reader. */
enum { CX_SKIP, CX_TOP, CX_AUTHOR, CX_TARGET, CX_LABEL, CX_STANCES };

/* The slot of member name s[0..n) in context cx and the context of its members when it is
 * an object; -1 when the item does not keep it. */
JP_INLINE int item_key(int cx, int label, const char *s, size_t n, int *sub)
{
#define IS(lit) (n == sizeof lit - 1 && memcmp(s, lit, sizeof lit - 1) == 0)
    *sub = CX_SKIP;
    switch (cx) {
    case CX_TOP:
        switch (n) {
        case 2:
            return IS("id") ? NT_IK_ID : -1;
        case 3:
            return IS("act") ? NT_IK_ACT : IS("url") ? NT_IK_URL : -1;
        case 4:
            return IS("text") ? NT_IK_TEXT : -1;
        case 5:
            if (label && IS("label")) {
                *sub = CX_LABEL;
                return NT_IK_LABEL;
            }
            return -1;
        case 6:
            if (IS("author")) {
                *sub = CX_AUTHOR;
                return NT_IK_AUTHOR;
            }
            if (IS("target")) {
                *sub = CX_TARGET;
                return NT_IK_TARGET;
            }
            return IS("region") ? NT_IK_REGION : -1;
        case 8:
            return IS("platform") ? NT_IK_PLATFORM : -1;
        case 10:
            return IS("created_at") ? NT_IK_CREATED_AT : -1;
        default:
            return -1;
        }
    case CX_AUTHOR:
        return IS("handle") ? NT_IK_A_HANDLE
               : IS("name") ? NT_IK_A_NAME
               : IS("bio")  ? NT_IK_A_BIO
                            : -1;
    case CX_TARGET:
        return IS("author") ? NT_IK_T_AUTHOR : IS("text") ? NT_IK_T_TEXT : -1;
    case CX_LABEL:
        if (IS("stances")) {
            *sub = CX_STANCES;
            return NT_IK_L_STANCES;
        }
        return IS("election")   ? NT_IK_L_ELECTION
               : IS("asn")      ? NT_IK_L_ASN
               : IS("register") ? NT_IK_L_REGISTER
                                : -1;
    default:
        return -1;
    }
#undef IS
}

/* A member name seen again forgets what the members of its earlier value left. */
JP_INLINE void item_forget(nt_item_members *m, int id)
{
    switch (id) {
    case NT_IK_AUTHOR:
        m->seen &= ~(NT_IK_BIT(NT_IK_A_HANDLE) | NT_IK_BIT(NT_IK_A_NAME) | NT_IK_BIT(NT_IK_A_BIO));
        break;
    case NT_IK_TARGET:
        m->seen &= ~(NT_IK_BIT(NT_IK_T_AUTHOR) | NT_IK_BIT(NT_IK_T_TEXT));
        break;
    case NT_IK_LABEL:
        m->seen &= ~(NT_IK_BIT(NT_IK_L_ELECTION) | NT_IK_BIT(NT_IK_L_STANCES) |
                     NT_IK_BIT(NT_IK_L_ASN) | NT_IK_BIT(NT_IK_L_REGISTER));
        m->n_st = 0;
        break;
    case NT_IK_L_STANCES:
        m->n_st = 0;
        break;
    default:
        break;
    }
}

static int item_value(jp *j, nt_item_members *m, nt_jslot *slot, int sub, int label, int depth);

/* At '{' or '['; the same checks and errors as read_container(). Always inlined into one
 * function per context (container() below), so that each copy has its context and kind as
 * constants: the tests of cx and is_obj and item_key()'s switch on the context fold away. */
JP_INLINE int item_container(jp *j, nt_item_members *m, int cx, int label, int depth, int is_obj)
{
    if (depth >= j->max_depth)
        return jfail(j, NETRA_ETOOBIG, "nested deeper than its limit");
    char close = is_obj ? '}' : ']';
    j->p++;
    skip_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return NETRA_OK;
    }
    for (;;) {
        nt_jslot *slot = NULL;
        int sub = CX_SKIP;
        int rc;
        if (!(j->p < j->end && *j->p == '"'))
            skip_ws(j);
        if (is_obj) {
            if (j->p >= j->end || *j->p != '"')
                return jfail(j, NETRA_EINVAL, "expected a key in quotes");
            const char *ks;
            size_t kl;
            int owned;
            if (cx == CX_STANCES) {
                /* the contestant ids are kept as the label's */
                if (m->n_st < NETRA_LABEL_MAX_STANCES) {
                    nt_jslot *k = &m->st_key[m->n_st];
                    if ((rc = scan_string(j, 1, NULL, 0, &k->s, &k->len, &owned)))
                        return rc;
                    k->type = NT_JV_STRING;
                    slot = &m->st_val[m->n_st];
                } else if ((rc = scan_string(j, 0, NULL, 0, &ks, &kl, &owned)))
                    return rc;
                m->n_st++;
            } else if (cx == CX_SKIP) {
                if ((rc = scan_string(j, 0, NULL, 0, &ks, &kl, &owned)))
                    return rc;
            } else {
                char kb[16];
                if ((rc = scan_string(j, 0, kb, sizeof kb, &ks, &kl, &owned)))
                    return rc;
                int id = kl <= sizeof kb ? item_key(cx, label, ks, kl, &sub) : -1;
                if (id >= 0) {
                    slot = &m->m[id];
                    m->seen |= NT_IK_BIT(id);
                    item_forget(m, id);
                }
            }
            if (!(j->p < j->end && *j->p == ':'))
                skip_ws(j);
            if (j->p >= j->end || *j->p != ':')
                return jfail(j, NETRA_EINVAL, "expected ':'");
            j->p++;
            skip_ws(j);
        }
        if (slot != NULL && j->p < j->end && *j->p == '"') {
            /* a string kept: the common case, read here */
            int owned;
            slot->type = NT_JV_STRING;
            if ((rc = scan_string(j, 1, NULL, 0, &slot->s, &slot->len, &owned)))
                return rc;
        } else if ((rc = item_value(j, m, slot, sub, label, depth + 1)))
            return rc;
        if (!(j->p < j->end && (*j->p == ',' || *j->p == close)))
            skip_ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return NETRA_OK;
        }
        if (j->p >= j->end)
            return jfail(j, NETRA_EINVAL, "unexpected end of line");
        return jfail(j, NETRA_EINVAL, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

/* item_container() for each context: constants for the inlined copy. */
static int container_top(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_TOP, label, depth, 1);
}
static int container_author(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_AUTHOR, label, depth, 1);
}
static int container_target(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_TARGET, label, depth, 1);
}
static int container_label(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_LABEL, label, depth, 1);
}
static int container_stances(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_STANCES, label, depth, 1);
}
static int container_skip(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_SKIP, label, depth, 1);
}
static int container_list(jp *j, nt_item_members *m, int label, int depth)
{
    return item_container(j, m, CX_SKIP, label, depth, 0);
}

static int container(jp *j, nt_item_members *m, int cx, int label, int depth)
{
    switch (cx) {
    case CX_TOP:
        return container_top(j, m, label, depth);
    case CX_AUTHOR:
        return container_author(j, m, label, depth);
    case CX_TARGET:
        return container_target(j, m, label, depth);
    case CX_LABEL:
        return container_label(j, m, label, depth);
    case CX_STANCES:
        return container_stances(j, m, label, depth);
    default:
        return container_skip(j, m, label, depth);
    }
}

/* One value; kept in `slot` when not NULL (its members in context `sub` when an object). */
static int item_value(jp *j, nt_item_members *m, nt_jslot *slot, int sub, int label, int depth)
{
    if (j->p >= j->end)
        return jfail(j, NETRA_EINVAL, "unexpected end of line");
    nt_jslot skip;
    if (slot == NULL) {
        slot = &skip;
        sub = CX_SKIP;
    }
    const char *b;
    int owned;
    switch (*j->p) {
    case '{':
        slot->type = NT_JV_OBJECT;
        return container(j, m, sub, label, depth);
    case '[':
        slot->type = NT_JV_ARRAY;
        return container_list(j, m, label, depth);
    case '"':
        slot->type = NT_JV_STRING;
        if (slot == &skip)
            return scan_string(j, 0, NULL, 0, &b, &slot->len, &owned);
        return scan_string(j, 1, NULL, 0, &slot->s, &slot->len, &owned);
    case 't':
        slot->type = NT_JV_TRUE;
        return read_word(j, "true", 4);
    case 'f':
        slot->type = NT_JV_FALSE;
        return read_word(j, "false", 5);
    case 'n':
        slot->type = NT_JV_NULL;
        return read_word(j, "null", 4);
    default:
        slot->type = NT_JV_NUMBER;
        return scan_number(j, &b);
    }
}

int nt_item_read(nt_item_members *m, const char *text, size_t len, int label, char *copy,
                 nt_arena *a)
{
    jp j = {text, text, text + len, a, NETRA_ITEM_MAX_TEXT, NETRA_ITEM_MAX_DEPTH, copy};
    m->seen = 0;
    m->n_st = 0;
    skip_ws(&j);
    if (j.p >= j.end)
        return jfail(&j, NETRA_EINVAL, "empty line");
    int rc = item_value(&j, m, &m->root, CX_TOP, label, 0);
    if (rc)
        return rc;
    skip_ws(&j);
    if (j.p < j.end)
        return jfail(&j, NETRA_EINVAL, "text after the JSON value");
    return NETRA_OK;
}

const char *nt_jv_type_name(nt_jv_type t)
{
    switch (t) {
    case NT_JV_NULL:
        return "null";
    case NT_JV_TRUE:
    case NT_JV_FALSE:
        return "a boolean";
    case NT_JV_NUMBER:
        return "a number";
    case NT_JV_STRING:
        return "a string";
    case NT_JV_ARRAY:
        return "a list";
    case NT_JV_OBJECT:
        return "an object";
    }
    return "?";
}

/* ---- writing ---------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

size_t netra_json_quote(char *buf, size_t cap, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (n + 1 < cap)                                                                           \
            buf[n] = (char)(ch);                                                                   \
        n++;                                                                                       \
    } while (0)
    PUT('"');
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned c = u[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            /* a run of bytes that stand for themselves: copied at once */
            size_t r = i + 1;
            while (r < len && u[r] >= 0x20 && u[r] < 0x7f && u[r] != '"' && u[r] != '\\')
                r++;
            if (n + (r - i) < cap)
                memcpy(buf + n, u + i, r - i);
            else
                for (size_t m = i; m < r; m++)
                    if (n + (m - i) + 1 < cap)
                        buf[n + (m - i)] = (char)u[m];
            n += r - i;
            i = r;
            continue;
        }
        if (c >= 0x80) {
            size_t k = utf8_valid_len(u + i, len - i);
            if (k == 0) {
                PUT(0xEF);
                PUT(0xBF);
                PUT(0xBD);
                i++;
            } else {
                for (size_t m = 0; m < k; m++)
                    PUT(u[i + m]);
                i += k;
            }
            continue;
        }
        i++;
        if (c == '"' || c == '\\') {
            PUT('\\');
            PUT(c);
        } else if (c == '\n') {
            PUT('\\');
            PUT('n');
        } else if (c == '\t') {
            PUT('\\');
            PUT('t');
        } else if (c == '\r') {
            PUT('\\');
            PUT('r');
        } else if (c < 0x20 || c == 0x7f) {
            PUT('\\');
            PUT('u');
            PUT('0');
            PUT('0');
            PUT(hex[c >> 4]);
            PUT(hex[c & 15]);
        } else
            PUT(c);
    }
    PUT('"');
#undef PUT
    if (cap > 0)
        buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

int nt_buf_add_json(nt_buf *b, const char *s, size_t len)
{
    char small[256];
    size_t need = netra_json_quote(small, sizeof small, s, len);
    if (need < sizeof small)
        return nt_buf_add(b, small, need);
    char *big = nt_malloc(need + 1);
    if (big == NULL)
        return NETRA_ENOMEM;
    netra_json_quote(big, need + 1, s, len);
    int rc = nt_buf_add(b, big, need);
    nt_free(big);
    return rc;
}
