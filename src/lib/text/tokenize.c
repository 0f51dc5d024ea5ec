/*
 * tokenize.c - stage B of the normaliser and netra_normalize() itself: cuts `norm` into
 * raw tokens (URLs, e-mails, hashtags, mentions, words, numbers, ? ! "), joins letters
 * spaced apart, analyses each word through the memo (word.c), splits hashtags
 * (hashtag.c), and lays the tokens out in the caller's arena with their original byte
 * ranges. O(len) plus one memo lookup per word.
 */
#include <string.h>

#include "text/text_int.h"

/* Byte classes of `norm`, one table lookup per byte. */
#define C_WORD  0x01 /* a-z, 0-9, and every byte of a non-ASCII letter */
#define C_SPACE 0x02 /* ends a chunk: controls and space (not the emoji mark) */
#define C_URL   0x04 /* '.', '@', ':' - a chunk without one holds no URL */
#define C_DIGIT 0x08 /* 0-9 */
#define C_ACT   0x10 /* starts a token: word bytes, the emoji mark, ! " # $ ? @ */
#define C_CONT  0x20 /* may continue a word: @ $ ' - : . */

static const uint8_t byte_class[256] = {
#define W (C_WORD | C_ACT)
#define D (C_WORD | C_DIGIT | C_ACT)
#define S C_SPACE
#define U C_URL
#define A C_ACT
#define C C_CONT
    0,         A, S, S, S, S, S, S,     S, S, S,     S, S, S, S, S, /* 0x00-0x0f: 0x01 is the emoji
                                                                       mark */
    S,         S, S, S, S, S, S, S,     S, S, S,     S, S, S, S, S, S, A, A, A, A | C, 0, 0,
    C,         0, 0, 0, 0, 0, C, U | C, 0,                          /* ' ' ! " # $ ... '.' */
    D,         D, D, D, D, D, D, D,     D, D, U | C, 0, 0, 0, 0, A, /* 0-9 ':' '?' */
    U | A | C, 0, 0, 0, 0, 0, 0, 0,     0, 0, 0,     0, 0, 0, 0, 0, /* '@' (upper case never
                                                                       reaches) */
    0,         0, 0, 0, 0, 0, 0, 0,     0, 0, 0,     0, 0, 0, 0, 0, 0, W, W, W, W,     W, W,
    W,         W, W, W, W, W, W, W,     W,                          /* a-o */
    W,         W, W, W, W, W, W, W,     W, W, W,     0, 0, 0, 0, 0, /* p-z */
    W,         W, W, W, W, W, W, W,     W, W, W,     W, W, W, W, W, /* bytes of non-ASCII letters */
    W,         W, W, W, W, W, W, W,     W, W, W,     W, W, W, W, W, W, W, W, W, W,     W, W,
    W,         W, W, W, W, W, W, W,     W, W, W,     W, W, W, W, W, W, W, W, W, W,     W, W,
    W,         W, W, W, W, W, W, W,     W, W, W,     W, W, W, W, W, W, W, W, W, W,     W, W,
    W,         W, W, W, W, W, W, W,     W, W, W,     W, W, W, W, W, W, W, W, W, W,     W, W,
    W,         W, W, W, W, W, W, W,     W, W, W,     W, W, W, W, W, W, W, W, W,
#undef W
#undef D
#undef S
#undef U
#undef A
#undef C
};

static int wordch(unsigned char c)
{
    return byte_class[c] & C_WORD;
}

static int is_digit(unsigned char c)
{
    return (byte_class[c] & C_DIGIT) != 0;
}

static int is_space(unsigned char c)
{
    return (byte_class[c] & C_SPACE) != 0;
}

/* The first byte at or after q that is not a word byte (C_WORD). norm ends in a NUL and
 * is padded by 16 bytes, so 16 bytes at a time may be read up to its end. */
#if defined(__SSE2__)
#include <emmintrin.h>
static inline size_t word_end(const char *s, size_t q)
{
    for (;;) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
        /* a range test in two operations: adding 0x80 - lo moves [lo, lo + k) to the k
         * smallest signed bytes (-128 ...), and nothing else lands there; bytes >= 0x80
         * are the negative ones */
        __m128i lower = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 'a'))),
                                       _mm_set1_epi8((char)(-128 + 26)));
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0'))),
                                       _mm_set1_epi8((char)(-128 + 10)));
        __m128i high = _mm_cmplt_epi8(x, _mm_setzero_si128());
        unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lower, digit), high));
        unsigned stop = ~word & 0xFFFFu;
        if (stop != 0)
            return q + (size_t)__builtin_ctz(stop);
        q += 16;
    }
}
#else
static inline size_t word_end(const char *s, size_t q)
{
    while (byte_class[(unsigned char)s[q]] & C_WORD)
        q++;
    return q;
}
#endif

size_t nt_text_word_end(const char *s, size_t q)
{
    return word_end(s, q);
}

int nt_text_word_byte(unsigned char c)
{
    return wordch(c) != 0;
}

static inline uint32_t o_start(const netra_normalizer *nz, size_t i)
{
    return nz->identity ? (uint32_t)i : nz->ostart[i];
}

static inline uint32_t o_end(const netra_normalizer *nz, size_t i)
{
    return nz->identity ? (uint32_t)i + 1 : nz->oend[i];
}

static inline uint8_t stage_a_flags(const netra_normalizer *nz, const char *orig, size_t ns,
                                    size_t ne)
{
    uint8_t f = 0;
    if (nz->identity) { /* ASCII: the only change stage A makes is the case */
        if (!(nz->text_tx & NETRA_TX_CASE))
            return 0;
        (void)orig;
        /* caseb holds 0x20 where a byte was upper case, and is padded: 16 bytes at once */
        for (size_t i = ns; i < ne; i += 16) {
            uint64_t a, b;
            nt_key16_padded((const char *)nz->caseb + i, ne - i, &a, &b);
            if (a | b)
                return NT_AF_CASE;
        }
        return 0;
    }
    for (size_t i = ns; i < ne; i += 16) { /* oflags is padded: 16 bytes at once */
        uint64_t a, b;
        nt_key16_padded((const char *)nz->oflags + i, ne - i, &a, &b);
        a |= b;
        a |= a >> 32;
        a |= a >> 16;
        a |= a >> 8;
        f |= (uint8_t)a;
    }
    return f;
}

static inline uint32_t tx_of_af(uint8_t f)
{
    uint32_t t = 0;
    if (f & NT_AF_CASE)
        t |= NETRA_TX_CASE;
    if (f & NT_AF_COMPAT)
        t |= NETRA_TX_COMPAT;
    if (f & NT_AF_CONFUSABLE)
        t |= NETRA_TX_CONFUSABLE;
    if (f & NT_AF_INVISIBLE)
        t |= NETRA_TX_INVISIBLE;
    if (f & NT_AF_MARKS)
        t |= NETRA_TX_MARKS;
    return t;
}

/* ---- URLs, e-mails, domains --------------------------------------------------------------*/

static const char *const tlds[] = {"id",  "com",  "net",    "org",  "info", "biz",  "io",  "co",
                                   "me",  "ly",   "tv",     "gov",  "edu",  "asia", "xyz", "app",
                                   "dev", "site", "online", "news", "tech", "my",   "sg",  "to",
                                   "gl",  "gg",   "link",   "us",   "uk",   "au",   NULL};

static int url_char(unsigned char c)
{
    return wordch(c) || (c != ' ' && c > ' ' && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

static int is_tld(const char *s, size_t n)
{
    for (size_t i = 0; tlds[i] != NULL; i++)
        if (strlen(tlds[i]) == n && memcmp(tlds[i], s, n) == 0)
            return 1;
    return 0;
}

/* Strips trailing punctuation that ends a sentence rather than the URL. */
static size_t trim_url(const char *s, size_t n)
{
    while (n > 0 && strchr(".,!?;:)\"']", s[n - 1]) != NULL)
        n--;
    return n;
}

/* A domain at s: label(.label)+ ending in a known TLD; returns its length or 0. */
static size_t domain_len(const char *s, size_t n, int need_letter)
{
    size_t i = 0, last_dot = 0, dots = 0;
    int letter = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || is_digit(c) || c == '-') {
            letter |= c >= 'a' && c <= 'z';
            i++;
        } else if (c == '.' && i > 0 && s[i - 1] != '.' && i + 1 < n &&
                   wordch((unsigned char)s[i + 1])) {
            last_dot = i;
            dots++;
            i++;
        } else {
            break;
        }
    }
    if (dots == 0 || (need_letter && !letter))
        return 0;
    /* the TLD may be followed by more labels we already consumed: find the longest prefix
     * ending in a TLD */
    size_t end = i;
    for (;;) {
        size_t tl = end - last_dot - 1;
        int alpha = tl >= 2;
        for (size_t k = last_dot + 1; k < end && alpha; k++)
            alpha = s[k] >= 'a' && s[k] <= 'z';
        if (alpha && is_tld(s + last_dot + 1, tl))
            return end;
        /* drop the last label */
        end = last_dot;
        size_t k = last_dot;
        while (k > 0 && s[k - 1] != '.')
            k--;
        if (k == 0)
            return 0;
        last_dot = k - 1;
    }
}

/* Whether a URL, www address, e-mail or domain starts at s (n bytes to the chunk's end). */
static size_t url_at(const char *s, size_t n)
{
    size_t pre = 0;
    if (n > 8 && memcmp(s, "https://", 8) == 0)
        pre = 8;
    else if (n > 7 && memcmp(s, "http://", 7) == 0)
        pre = 7;
    else if (n > 4 && memcmp(s, "www.", 4) == 0)
        pre = 4;
    if (pre) {
        size_t i = pre;
        while (i < n && url_char((unsigned char)s[i]))
            i++;
        i = trim_url(s, i);
        return i > pre ? i : 0;
    }
    /* e-mail: local@domain */
    size_t i = 0;
    while (i < n && (wordch((unsigned char)s[i]) || s[i] == '.' || s[i] == '_' || s[i] == '+' ||
                     s[i] == '-'))
        i++;
    if (i > 0 && i < n && s[i] == '@' && s[0] != '.') {
        size_t d = domain_len(s + i + 1, n - i - 1, 1);
        if (d > 0)
            return i + 1 + d;
    }
    size_t d = domain_len(s, n, 1);
    if (d == 0)
        return 0;
    if (d < n && s[d] == '/') {
        size_t k = d;
        while (k < n && url_char((unsigned char)s[k]))
            k++;
        d = trim_url(s, k);
    }
    return d;
}

/* ---- raw tokens ---------------------------------------------------------------------------*/

/* Appends a raw token (a typed push: the vector's generic one copies with a run-time size,
 * which costs a library call per token). */
static nt_raw *raw_slot(netra_normalizer *nz)
{
    if (nz->raw.n == nz->raw.cap && nt_vec_reserve(&nz->raw, nz->raw.n + 1) < 0)
        return NULL;
    nt_raw *r = (nt_raw *)nz->raw.items + nz->raw.n++;
    *r = (nt_raw){0};
    return r;
}

static int build_one(netra_normalizer *nz, const nt_raw *r, const char *orig, nt_arena *arena);

/* Adds a raw token. On the fast path a token is built at once when nothing waits and it is
 * not a single letter a-z: such a token only waits for flush(), whose join_spaced() leaves
 * it as it is (only runs of single letters join), and which the next token would call
 * before anything else is written, so the output is the same without the raw vector, the
 * flush and the scan of join_spaced(). The general path (nt_text_force_general) keeps the
 * vector for every token; tests/unit/text/fastpath.c compares the two. */
static int push_raw(netra_normalizer *nz, netra_token_kind kind, size_t ns, size_t ne, uint32_t tx)
{
    if (!nz->general && nz->raw.n == 0 &&
        !(kind == NETRA_TOK_WORD && ne - ns == 1 && nz->norm[ns] >= 'a' && nz->norm[ns] <= 'z')) {
        nt_raw one = {0};
        one.kind = kind;
        one.ns = (uint32_t)ns;
        one.ne = (uint32_t)ne;
        one.transforms = tx;
        return build_one(nz, &one, nz->orig, nz->out_arena);
    }
    nt_raw *r = raw_slot(nz);
    if (r == NULL)
        return netra_error_last()->code;
    r->kind = kind;
    r->ns = (uint32_t)ns;
    r->ne = (uint32_t)ne;
    r->transforms = tx;
    return NETRA_OK;
}

/* Tokens are emitted as soon as they can be: only single letters wait, because three or
 * more of them in a row may join into one word (join_spaced). flush() joins and builds
 * what waits; emit_plain() emits a scanned word of two or more bytes directly. */
static int flush(netra_normalizer *nz);
static int emit_plain(netra_normalizer *nz, size_t p, size_t q);

/* A word piece [p, q). Hyphens join only "ke-2", "h-1", "covid-19" (letters-digits),
 * reduplication "kata-kata", "bersama-sama" and words the lexicon knows with their hyphen;
 * single letters ("g-i-b-r-a-n") and other words ("prabowo-gibran") are split, and so are
 * numbers ("14-02-2024"). */
static int push_piece(netra_normalizer *nz, size_t p, size_t q, int hyphen)
{
    const char *s = nz->norm;
    if (!hyphen)
        return q - p > 1 ? emit_plain(nz, p, q) : push_raw(nz, NETRA_TOK_WORD, p, q, 0);
    const char *h = memchr(s + p, '-', q - p);
    size_t a = (size_t)(h - s);
    const char *h2 = memchr(s + a + 1, '-', q - a - 1);
    if (h2 == NULL) {
        size_t l1 = a - p, l2 = q - a - 1;
        int letters = 1, digits = 1;
        for (size_t k = p; k < a; k++)
            letters &= s[k] >= 'a' && s[k] <= 'z';
        for (size_t k = a + 1; k < q; k++)
            digits &= is_digit((unsigned char)s[k]);
        /* reduplication with an affix keeps its hyphen too: bersama-sama, berlari-lari */
        int redup = l2 > 1 && l1 >= l2 && memcmp(s + a - l2, s + a + 1, l2) == 0;
        if ((letters && digits) || redup || nt_lex_known(nz->lex, s + p, q - p))
            return push_raw(nz, NETRA_TOK_WORD, p, q, 0);
    }
    size_t start = p;
    for (size_t k = p; k <= q; k++) {
        if (k < q && s[k] != '-')
            continue;
        if (k > start) {
            int err = push_raw(nz, NETRA_TOK_WORD, start, k, 0);
            if (err < 0)
                return err;
        }
        start = k + 1;
    }
    return NETRA_OK;
}

/* Cuts norm[*pp, j) into raw tokens in one pass, or only its next token when `one` is set
 * (then *pp is where the next one starts); *ep counts the emoji met. A URL, an e-mail or a
 * domain is probed only where a word stops at '.', '@' or ':' ("kpu" of kpu.go.id, "https"
 * of https://). */
static int cut(netra_normalizer *nz, size_t *pp, size_t j, size_t *ep, int one)
{
    const char *s = nz->norm;
    size_t p = *pp, e = *ep;
    int err;
    for (int again = 0; p < j && (!again || !one); again = 1) {
        unsigned char c = (unsigned char)s[p];
        /* anything but a single letter waiting ends a possible run of spaced letters */
        if (nz->raw.n > 0) {
            const nt_raw *last = (const nt_raw *)nz->raw.items + nz->raw.n - 1;
            if (!(last->kind == NETRA_TOK_WORD && last->ne - last->ns == 1 && s[last->ns] >= 'a' &&
                  s[last->ns] <= 'z') &&
                (err = flush(nz)) < 0)
                return err;
        }
        if (c == NT_EMOJI_MARK) {
            const nt_emoji_rec *rec = nt_vec_at(&nz->emoji, e++);
            nt_raw *r = raw_slot(nz);
            if (r == NULL)
                return netra_error_last()->code;
            r->kind = rec ? rec->kind : NETRA_TOK_EMOJI;
            r->ns = (uint32_t)p;
            r->ne = (uint32_t)p + 1;
            r->value = rec ? rec->value : 0;
            r->name = rec ? rec->name : "other";
            r->transforms = rec ? rec->transforms : NETRA_TX_EMOJI;
            p++;
            continue;
        }
        if (is_space(c)) {
            p++;
            continue;
        }
        if (c == '?' || c == '!' || c == '"') {
            /* a run of ? and ! is one token ('?' when it asks); a run of quotes is another */
            size_t q = p + 1;
            while (q < j && (c == '"' ? s[q] == '"' : (s[q] == '?' || s[q] == '!')))
                q++;
            if ((err = push_raw(nz, NETRA_TOK_PUNCT, p, q,
                                q - p > 1 ? NETRA_TX_PUNCT_SQUEEZE : 0)) < 0)
                return err;
            p = q;
            continue;
        }
        if ((c == '#' || c == '@') && p + 1 < j && wordch((unsigned char)s[p + 1])) {
            size_t q = p + 1;
            while (q < j && (wordch((unsigned char)s[q]) || s[q] == '_'))
                q++;
            if ((err = push_raw(nz, c == '#' ? NETRA_TOK_HASHTAG : NETRA_TOK_MENTION, p, q, 0)) < 0)
                return err;
            p = q;
            continue;
        }
        if (wordch(c) || ((c == '$' || c == '@') && p + 1 < j && wordch((unsigned char)s[p + 1]))) {
            size_t q = p + 1;
            int hyphen = 0;
            for (;;) {
                q = word_end(s, q); /* letters and digits, the bulk */
                if (q >= j)
                    break;
                unsigned char d = (unsigned char)s[q];
                if ((d == '@' || d == '$') && wordch((unsigned char)s[q - 1])) {
                    q++;
                } else if ((d == '\'' || d == '-') && q + 1 < j &&
                           wordch((unsigned char)s[q - 1]) && wordch((unsigned char)s[q + 1])) {
                    hyphen |= d == '-';
                    q++;
                } else if (d == '.' && q + 3 < j && is_digit((unsigned char)s[q - 1]) &&
                           is_digit((unsigned char)s[q + 1]) && is_digit((unsigned char)s[q + 2]) &&
                           is_digit((unsigned char)s[q + 3]) &&
                           (q + 4 == j || !wordch((unsigned char)s[q + 4]))) {
                    /* thousands separator inside a number: 3.000, 258.229 - the first group
                     * has one to three digits */
                    int num = 1;
                    size_t first = 0;
                    for (size_t k = p; k < q && num; k++) {
                        num = is_digit((unsigned char)s[k]) || s[k] == '.';
                        if (memchr(s + p, '.', k - p + 1) == NULL)
                            first++;
                    }
                    if (!num || first > 3)
                        break;
                    q += 4;
                } else {
                    break;
                }
            }
            /* a full stop that ends a sentence ("dinas. ") starts no URL, e-mail or domain:
             * only a word character, '@', '/' or more of . _ + - after it could */
            if (q < j && (s[q] == '@' || s[q] == ':' ||
                          (s[q] == '.' && q + 1 < j && !is_space((unsigned char)s[q + 1])))) {
                size_t u = url_at(s + p, j - p);
                if (u > 0) {
                    if ((err = push_raw(nz, NETRA_TOK_URL, p, p + u, 0)) < 0)
                        return err;
                    p += u;
                    continue;
                }
            }
            if ((err = push_piece(nz, p, q, hyphen)) < 0)
                return err;
            p = q;
            continue;
        }
        p++; /* other punctuation separates */
    }
    *pp = p;
    *ep = e;
    return NETRA_OK;
}

/* Cuts norm[p, j) into raw tokens (the general path). */
static int cut_all(netra_normalizer *nz, size_t p, size_t j)
{
    size_t e = 0;
    return cut(nz, &p, j, &e, 0);
}

/* Joins runs of three or more one-letter words: first those separated by one dot, dash or
 * underscore ("p.r.a.m.o.n.o"), then, among the letters left, those separated by one space
 * ("a m i n"). Two letters ("s.h.") stay apart. */
static int join_pass(netra_normalizer *nz, const char *seps)
{
    nt_raw *r = nz->raw.items;
    size_t n = nz->raw.n, o = 0;
    const char *s = nz->norm;
    for (size_t i = 0; i < n;) {
        size_t j = i;
#define ONE_LETTER(k)                                                                              \
    (r[k].kind == NETRA_TOK_WORD && !r[k].spaced && r[k].ne - r[k].ns == 1 && s[r[k].ns] >= 'a' && \
     s[r[k].ns] <= 'z')
        if (ONE_LETTER(i)) {
            while (j + 1 < n && ONE_LETTER(j + 1) && r[j + 1].ns == r[j].ne + 1 &&
                   strchr(seps, s[r[j].ne]) != NULL)
                j++;
        }
#undef ONE_LETTER
        if (j - i + 1 >= 3) {
            nt_raw m = r[i];
            m.ne = r[j].ne;
            m.spaced = 1;
            m.transforms |= NETRA_TX_SPACED;
            m.js = (uint32_t)nz->joined.len;
            m.jl = (uint32_t)(j - i + 1);
            for (size_t k = i; k <= j; k++) {
                int err = nt_buf_addc(&nz->joined, s[r[k].ns]);
                if (err < 0)
                    return err;
            }
            r[o++] = m;
            i = j + 1;
        } else {
            r[o++] = r[i++];
        }
    }
    nz->raw.n = o;
    return NETRA_OK;
}

static int join_spaced(netra_normalizer *nz)
{
    size_t singles = 0;
    const nt_raw *r = nz->raw.items;
    for (size_t i = 0; i < nz->raw.n; i++)
        singles += r[i].ne - r[i].ns == 1;
    if (singles < 3)
        return NETRA_OK;
    int err = join_pass(nz, ".-_");
    return err < 0 ? err : join_pass(nz, " ");
}

/* ---- tokens -------------------------------------------------------------------------------*/

/* Appends a token to the output array, which lives in the caller's arena from the start
 * (sized for the raw tokens; it is moved to a bigger block in the rare case that slang
 * expansions and hashtag parts overflow it). */
static netra_token *new_token(netra_normalizer *nz, netra_token_kind kind, uint32_t start,
                              uint32_t end, uint32_t tx)
{
    if (nz->out_n == nz->out_cap) {
        size_t cap = nz->out_cap ? nz->out_cap * 2 : 16;
        netra_token *n = nt_arena_alloc(nz->out_arena, cap * sizeof(netra_token));
        if (n == NULL)
            return NULL;
        if (nz->out_n)
            memcpy(n, nz->out, nz->out_n * sizeof(netra_token));
        nz->out = n;
        nz->out_cap = cap;
    }
    netra_token *t = &nz->out[nz->out_n++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->end = end;
    t->transforms = tx;
    t->parent = -1;
    nz->text_tx |= tx;
    return t;
}

/* Gives the last token a copy of s[0..len) from the arena, and its hash. */
static int own_text(netra_normalizer *nz, const char *s, size_t len, uint32_t hash)
{
    char *p = nt_arena_strndup(nz->out_arena, s, len);
    if (p == NULL)
        return netra_error_last()->code;
    netra_token *t = &nz->out[nz->out_n - 1];
    t->text = t->stem = p; /* tokens other than words are their own stem */
    t->len = t->stem_len = (uint32_t)len;
    t->hash = hash;
    return NETRA_OK;
}

/* Makes room for n more tokens (rarely needed: the array is sized for the raw tokens). */
static int out_grow(netra_normalizer *nz, size_t n)
{
    size_t cap = (nz->out_cap ? nz->out_cap * 2 : 16) + n;
    netra_token *a = nt_arena_alloc(nz->out_arena, cap * sizeof(netra_token));
    if (a == NULL)
        return netra_error_last()->code;
    if (nz->out_n)
        memcpy(a, nz->out, nz->out_n * sizeof(netra_token));
    nz->out = a;
    nz->out_cap = cap;
    return NETRA_OK;
}

/* Writes the tokens of a word field by field from its templates (a struct copy followed
 * by read-modify-writes of the copy stalled on store forwarding). */
static inline int emit_word(netra_normalizer *nz, const nt_word *w, uint32_t start, uint32_t end,
                            uint32_t tx, uint32_t flags, int32_t parent)
{
    uint32_t np = w->n_parts;
    if (nz->out_n + np > nz->out_cap) {
        int err = out_grow(nz, np);
        if (err < 0)
            return err;
    }
    netra_token *t = nz->out + nz->out_n;
    for (uint32_t p = 0; p < np; p++, t++) {
        const netra_token *s = &w->tpl[p];
        t->kind = s->kind;
        t->flags = s->flags | flags;
        t->transforms = s->transforms | tx;
        t->start = start;
        t->end = end;
        t->len = s->len;
        t->stem_len = s->stem_len;
        t->parent = parent;
        t->hash = s->hash;
        t->text = s->text;
        t->stem = s->stem;
        t->value = s->value;
    }
    nz->text_tx |= w->transforms | tx;
    nz->out_n += np;
    return NETRA_OK;
}

/* Appends the token of a one-token memo hit (the caller has made room in nz->out). */
static inline __attribute__((always_inline)) void
push_slot_token(netra_normalizer *nz, const nt_wslot *e, uint32_t start, uint32_t end, uint32_t tx)
{
    netra_token *t = nz->out + nz->out_n++;
    t->kind = (netra_token_kind)e->kind;
    t->flags = e->flags;
    t->transforms = e->transforms | tx;
    t->start = start;
    t->end = end;
    t->len = e->len;
    t->stem_len = e->stem_len;
    t->parent = -1;
    t->hash = e->hash;
    t->text = e->text;
    t->stem = e->stem;
    t->value = e->value;
    nz->text_tx |= e->transforms | tx;
}

/* Writes the token of a memo hit: from the slot itself for a one-token word, else from
 * the word's templates. */
static inline __attribute__((always_inline)) int
emit_slot(netra_normalizer *nz, const nt_wslot *e, uint32_t start, uint32_t end, uint32_t tx)
{
    if (e->n_parts != 1)
        return emit_word(nz, e->w, start, end, tx, 0, -1);
    if (nz->out_n == nz->out_cap) {
        int err = out_grow(nz, 1);
        if (err < 0)
            return err;
    }
    push_slot_token(nz, e, start, end, tx);
    return NETRA_OK;
}

static const char *const punct_text[3] = {"\"", "?", "!"};
static const char *const keycap_text[11] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

/* The split of a hashtag body, memoised like words: the key is '#' and the original
 * spelling (camel case matters) or the casefolded body; either determines the body. */
typedef struct nt_split {
    size_t n;           /* parts */
    uint32_t *st;       /* their offsets in the body */
    uint32_t *ln;       /* their lengths */
    uint32_t hash;      /* netra_token_hash() of the body */
    const nt_word **pw; /* per part: its analysis once seen, when the memo holds it */
} nt_split;

/* Splits a hashtag body; *sp_out is its memo entry (NULL when it has none). */
static int hashtag_parts(size_t *n_out, nt_split **sp_out, netra_normalizer *nz, const char *body,
                         size_t bl, const char *camel, uint32_t *st_buf, uint32_t *ln_buf,
                         const uint32_t **st, const uint32_t **ln)
{
    char key[NT_WORD_MAX + 2 + 16]; /* 16 more: the key is loaded 16 bytes at once */
    const char *spelling = camel ? camel : body;
    uint64_t h = 0;
    *sp_out = NULL;
    if (bl <= NT_WORD_MAX) {
        key[0] = '#';
        memcpy(key + 1, spelling, bl);
        uint64_t k0, k1;
        nt_key16_padded(key, bl + 1, &k0, &k1);
        h = nt_word_hash(key, bl + 1, k0, k1);
        nt_split *hit = nt_map_get_h(&nz->memo, key, bl + 1, h);
        if (hit != NULL) {
            *st = hit->st;
            *ln = hit->ln;
            *n_out = hit->n;
            *sp_out = hit;
            return NETRA_OK;
        }
    }
    size_t n = nt_hashtag_split(nz->lex, body, bl, camel, st_buf, ln_buf, 32);
    if (bl <= NT_WORD_MAX && nz->memo.n + nz->words.n < NT_MEMO_MAX) {
        nt_split *sp = nt_arena_alloc(&nz->memo_arena, sizeof *sp);
        char *k = nt_arena_strndup(&nz->memo_arena, key, bl + 1);
        uint32_t *a = nt_arena_alloc(&nz->memo_arena, 2 * n * sizeof(uint32_t) + 1);
        const nt_word **pw = nt_arena_alloc(&nz->memo_arena, n * sizeof *pw + 1);
        if (sp == NULL || k == NULL || a == NULL || pw == NULL)
            return netra_error_last()->code;
        memcpy(a, st_buf, n * sizeof(uint32_t));
        memcpy(a + n, ln_buf, n * sizeof(uint32_t));
        for (size_t i = 0; i < n; i++)
            pw[i] = NULL;
        sp->n = n;
        sp->st = a;
        sp->ln = a + n;
        sp->hash = netra_token_hash(body, bl);
        sp->pw = pw;
        int err = nt_map_put_h(&nz->memo, k, bl + 1, h, sp, NULL);
        if (err < 0)
            return err;
        *st = sp->st;
        *ln = sp->ln;
        *sp_out = sp;
    }
    *n_out = n;
    return NETRA_OK;
}

/* Builds the token(s) of one raw token at the end of the output. */
static int build_one(netra_normalizer *nz, const nt_raw *r, const char *orig, nt_arena *arena)
{
    const char *s = nz->norm;
    int err;
    {
        uint32_t start = o_start(nz, r->ns), end = o_end(nz, r->ne - 1);
        uint32_t tx = r->transforms | tx_of_af(stage_a_flags(nz, orig, r->ns, r->ne));
        const nt_word *w;
        netra_token *t;
        switch (r->transforms & NETRA_TX_EMOJI ? NETRA_TOK_EMOJI : r->kind) {
        case NETRA_TOK_WORD:
        case NETRA_TOK_NUMBER: {
            const char *ws = r->spaced ? nz->joined.ptr + r->js : s + r->ns;
            size_t wl = r->spaced ? r->jl : r->ne - r->ns;
            /* the memo hit inline; nt_word_analyze only for words not seen before */
            const nt_wslot *e = NULL;
            uint64_t hash = 0, k0 = 0, k1 = 0;
            if (!r->spaced) { /* in norm, which is padded */
                nt_key16_padded(ws, wl, &k0, &k1);
                hash = nt_word_hash(ws, wl, k0, k1);
                e = nt_wmemo_get(&nz->words, ws, wl, hash, k0, k1);
            }
            if (e != NULL) {
                if ((err = emit_slot(nz, e, start, end, tx)) < 0)
                    return err;
                break;
            }
            if ((err = r->spaced ? nt_word_analyze(&w, nz, ws, wl, 0, arena)
                                 : nt_word_analyze_new(&w, nz, ws, wl, hash, k0, k1, arena)) < 0 ||
                (err = emit_word(nz, w, start, end, tx, 0, -1)) < 0)
                return err;
            break;
        }
        case NETRA_TOK_MENTION: {
            /* "@nies": '@' for 'a' in a word the lexicon knows; anything else is a
             * mention, never read as leetspeak */
            char aw[NT_WORD_MAX + 1];
            size_t hl = r->ne - r->ns - 1;
            if (hl < NT_WORD_MAX) {
                aw[0] = 'a';
                memcpy(aw + 1, s + r->ns + 1, hl);
                if (nt_lex_known(nz->lex, aw, hl + 1)) {
                    if ((err = nt_word_analyze(&w, nz, aw, hl + 1, 0, arena)) < 0 ||
                        (err = emit_word(nz, w, start, end, tx | NETRA_TX_LEET, 0, -1)) < 0)
                        return err;
                    break;
                }
            }
            if ((t = new_token(nz, NETRA_TOK_MENTION, start, end, tx)) == NULL)
                return netra_error_last()->code;
            if ((err = own_text(nz, s + r->ns + 1, r->ne - r->ns - 1,
                                netra_token_hash(s + r->ns + 1, r->ne - r->ns - 1))) < 0)
                return err;
            break;
        }
        case NETRA_TOK_HASHTAG: {
            if ((t = new_token(nz, NETRA_TOK_HASHTAG, start, end, tx)) == NULL)
                return netra_error_last()->code;
            size_t bs = r->ns + 1, bl = r->ne - bs;
            int32_t parent = (int32_t)(nz->out_n - 1);
            uint32_t st_buf[32], ln_buf[32];
            const uint32_t *st = st_buf, *ln = ln_buf;
            /* camel case needs the original spelling: only when it is plain ASCII */
            const char *camel = NULL;
            if (nz->identity) {
                camel = orig + bs;
            } else if (o_end(nz, r->ne - 1) - o_start(nz, bs) == bl) {
                camel = orig + o_start(nz, bs);
                for (size_t k = 0; k < bl && camel != NULL; k++)
                    if ((unsigned char)camel[k] >= 0x80)
                        camel = NULL;
            }
            size_t np = 0;
            nt_split *sp;
            if ((err = hashtag_parts(&np, &sp, nz, s + bs, bl, camel, st_buf, ln_buf, &st, &ln)) <
                    0 ||
                (err = own_text(nz, s + bs, bl, sp ? sp->hash : netra_token_hash(s + bs, bl))) < 0)
                return err;
            if (np > 1)
                nz->out[parent].transforms |= NETRA_TX_HASHTAG_SPLIT;
            for (size_t k = 0; k < np; k++) {
                size_t ps = bs + st[k], pe = ps + ln[k];
                w = sp ? sp->pw[k] : NULL;
                if (w == NULL) {
                    if ((err = nt_word_analyze(&w, nz, s + ps, ln[k], 0, arena)) < 0)
                        return err;
                    if (sp && w->key != NULL) /* memoised: it lives as long as the split */
                        sp->pw[k] = w;
                }
                if ((err = emit_word(nz, w, o_start(nz, ps), o_end(nz, pe - 1),
                                     tx_of_af(stage_a_flags(nz, orig, ps, pe)) |
                                         (np > 1 ? NETRA_TX_HASHTAG_SPLIT : 0),
                                     NETRA_TOKF_HASHTAG_PART, parent)) < 0)
                    return err;
            }
            break;
        }
        case NETRA_TOK_URL:
            if ((t = new_token(nz, NETRA_TOK_URL, start, end, tx & ~NETRA_TX_CASE)) == NULL)
                return netra_error_last()->code;
            if ((err = own_text(nz, orig + start, end - start,
                                netra_token_hash(orig + start, end - start))) < 0)
                return err;
            break;
        case NETRA_TOK_PUNCT:
            if ((t = new_token(nz, NETRA_TOK_PUNCT, start, end, tx)) == NULL)
                return netra_error_last()->code;
            int pk = s[r->ns] == '"' ? 0 : memchr(s + r->ns, '?', r->ne - r->ns) != NULL ? 1 : 2;
            t->text = punct_text[pk];
            t->len = 1;
            t->stem = t->text;
            t->stem_len = 1;
            if (nz->punct_hash[pk] == 0) /* the hash of a constant: computed once */
                nz->punct_hash[pk] = netra_token_hash(t->text, 1);
            t->hash = nz->punct_hash[pk];
            break;
        default: /* emoji, gesture, keycap digit */
            if ((t = new_token(nz, r->kind, start, end, tx)) == NULL)
                return netra_error_last()->code;
            t->value = r->value;
            t->text = r->kind == NETRA_TOK_NUMBER ? keycap_text[r->value % 11] : r->name;
            t->len = (uint32_t)strlen(t->text);
            t->stem = t->text;
            t->stem_len = t->len;
            t->hash = netra_token_hash(t->text, t->len);
            break;
        }
    }
    return NETRA_OK;
}

static int build(netra_normalizer *nz, const char *orig, nt_arena *arena)
{
    for (size_t i = 0; i < nz->raw.n; i++) {
        int err = build_one(nz, nt_vec_at(&nz->raw, i), orig, arena);
        if (err < 0)
            return err;
    }
    return NETRA_OK;
}

/* Joins and builds the raw tokens that wait (single letters and what ended their run). */
static int flush(netra_normalizer *nz)
{
    if (nz->raw.n == 0)
        return NETRA_OK;
    int err = join_spaced(nz);
    if (err == 0)
        err = build(nz, nz->orig, nz->out_arena);
    nz->raw.n = 0;
    return err;
}

static int emit_plain(netra_normalizer *nz, size_t p, size_t q)
{
    int err = flush(nz);
    if (err < 0)
        return err;
    uint64_t k0, k1;
    nt_key16_padded(nz->norm + p, q - p, &k0, &k1);
    uint64_t hash = nt_word_hash(nz->norm + p, q - p, k0, k1);
    const nt_wslot *e = nt_wmemo_get(&nz->words, nz->norm + p, q - p, hash, k0, k1);
    uint32_t tx = tx_of_af(stage_a_flags(nz, nz->orig, p, q));
    if (e != NULL)
        return emit_slot(nz, e, o_start(nz, p), o_end(nz, q - 1), tx);
    const nt_word *w;
    if ((err = nt_word_analyze_new(&w, nz, nz->norm + p, q - p, hash, k0, k1, nz->out_arena)) < 0)
        return err;
    return emit_word(nz, w, o_start(nz, p), o_end(nz, q - 1), tx, 0, -1);
}

/* Asks for the memo slots of the text's words before cut_all() looks them up: a stream's
 * vocabulary outgrows the caches, so each lookup would otherwise wait on memory in turn.
 * Only a hint: the words cut here are plain letter-digit runs, which is what most words
 * are; a wrong guess costs one wasted load and changes nothing. */
static void prefetch_words(const netra_normalizer *nz, size_t n)
{
    const nt_wslot *slots = nz->words.slots;
    if (slots == NULL)
        return;
    const char *s = nz->norm;
    size_t p = 0;
    while (p < n) {
        if (!wordch((unsigned char)s[p])) {
            p++;
            continue;
        }
        size_t q = word_end(s, p + 1);
        if (q > n)
            q = n;
        if (q - p > 1) {
            uint64_t k0, k1;
            nt_key16_padded(s + p, q - p, &k0, &k1);
            uint64_t h = nt_word_hash(s + p, q - p, k0, k1);
            __builtin_prefetch(&slots[h & nz->words.mask]);
        }
        p = q;
    }
}

/* ---- the fast path -----------------------------------------------------------------------*/

/* The text is cut by the general path's rules with the common case taken first. The runs
 * of letters and digits of two bytes or more are found one ahead of their emission
 * (find_word) with their memo key and hash, noting whether the bytes before each start a
 * token. A run whose end the general cut would not extend (no "@ $ ' - : ." that could
 * continue it into a URL, an e-mail, a number or a hyphenated word) and which only spaces
 * and punctuation that starts nothing separate from what came before is a word, written
 * straight from the memo. Everything else goes through cut() one token at a time, in
 * order. The tokens are those of the general path, field for field
 * (nt_text_force_general; tests/unit/text/fastpath.c and the text fuzzer compare the
 * two). */

/* Whether the general cut ends the word norm[p, q) at q (see cut()). At ':' and at '.'
 * followed by anything but a space, cut() probes url_at(), which finds nothing unless:
 * - the word is "http" or "https" ("https://"), or "www" ("www." and more);
 * - an e-mail: its local part runs over letters, digits and ". _ + -" up to '@', so after
 *   the word's dots comes one of "_ + - @" or a word byte (kata...@mail.com, a.b@x.id);
 * - a domain: a dot followed by a word byte (kpu.go.id).
 * So a word before "...", ".,", ".)", '."' or ':' ends plainly (RT USER: ..., "lalu..."):
 * the common case is emitted from the memo instead of through cut(). The thousands rule
 * (3.000) needs a digit after the dot, a word byte. */
static inline int plain_end(const char *s, size_t p, size_t q, size_t n)
{
    if (!(byte_class[(unsigned char)s[q]] & C_CONT) || q >= n) /* s[n] is the NUL */
        return 1;
    switch (s[q]) {
    case '@':
    case '$':
        return 0;
    case '\'':
    case '-':
        return q + 1 >= n || !wordch((unsigned char)s[q + 1]);
    case ':':
        return !((q - p == 4 && memcmp(s + p, "http", 4) == 0) ||
                 (q - p == 5 && memcmp(s + p, "https", 5) == 0));
    case '.': {
        if (q - p == 3 && memcmp(s + p, "www", 3) == 0)
            return 0;
        size_t k = q + 1;
        while (k < n && s[k] == '.')
            k++;
        if (k >= n)
            return 1;
        unsigned char c = (unsigned char)s[k];
        return !wordch(c) && c != '_' && c != '+' && c != '-' && c != '@';
    }
    default:
        return 1;
    }
}

/* A word of the fast path: the run norm[p, q) of two or more word bytes, its memo key and
 * hash, and the classes of the bytes between where its search started and p (C_ACT when
 * one of them may start a token, a single letter included). p == q == n: no word left. */
typedef struct fword {
    size_t p, q;
    uint64_t k0, k1, h;
    unsigned gap;
} fword;

/* Finds the next word from `from` (see fword) and prefetches its memo slot. The caller
 * finds a word while the one before it is still to be emitted, so the slot's line is on
 * its way during that emission (a stream's vocabulary outgrows the first-level caches).
 * s[n] is the NUL, which is no word byte: the loop needs no bound check inside a run. */
static inline __attribute__((always_inline)) void
find_word(const char *s, size_t from, size_t n, fword *f, const nt_wslot *slots, size_t mask)
{
    size_t p = from;
    unsigned gap = 0;
    if (s[p] == ' ') /* the usual gap is one space, which starts nothing (p < n: s[n] is NUL) */
        p++;
    for (;;) {
        unsigned cl = byte_class[(unsigned char)s[p]];
        if (!(cl & C_WORD)) {
            if (p >= n) {
                f->p = f->q = n;
                f->gap = gap;
                return;
            }
            gap |= cl;
            p++;
            continue;
        }
        size_t q = word_end(s, p + 1); /* stops at the NUL at n at the latest */
        if (q - p > 1) {
            f->p = p;
            f->q = q;
            f->gap = gap;
            nt_key16_padded(s + p, q - p, &f->k0, &f->k1);
            f->h = nt_word_hash(s + p, q - p, f->k0, f->k1);
            __builtin_prefetch(&slots[f->h & mask]);
            return;
        }
        gap |= C_ACT; /* a single letter is a token */
        p = q;
    }
}

/* An empty memo's stand-in: one slot no word matches (klen 0), so that the loop below needs
 * no test for a memo without slots. */
static const nt_wslot no_slots[1];

/* Whether the slot holds the word f (key of 16 bytes or fewer: the caller checks) as one
 * token; `want` is the key's length and 1 laid out as the slot's klen and n_parts. */
static inline int slot_is(const nt_wslot *sl, const fword *f, uint16_t want)
{
    uint16_t kn;
    memcpy(&kn, &sl->klen, 2);
    return sl->k0 == f->k0 && sl->k1 == f->k1 && kn == want;
}

/* The memo's slots and mask as the loop below reads them; again after any call that may
 * add a word (and so move the slots). */
static inline void memo_view(const netra_normalizer *nz, const nt_wslot **slots, size_t *mask)
{
    *slots = nz->words.slots ? nz->words.slots : no_slots;
    *mask = nz->words.slots ? nz->words.mask : 0;
}

/* Emits the word norm[f->p, f->q) the general way (as emit_plain, with the key and hash
 * the fast path has): a word met for the first time, a slang expansion, a key longer than
 * 16 bytes or one whose first slot holds another word. */
static int emit_word_slow(netra_normalizer *nz, const fword *f)
{
    int err;
    if (nz->raw.n > 0 && (err = flush(nz)) < 0)
        return err;
    const char *w = nz->norm + f->p;
    size_t len = f->q - f->p;
    const nt_wslot *e = nt_wmemo_get(&nz->words, w, len, f->h, f->k0, f->k1);
    uint32_t tx = tx_of_af(stage_a_flags(nz, nz->orig, f->p, f->q));
    uint32_t start = o_start(nz, f->p), end = o_end(nz, f->q - 1);
    if (e != NULL)
        return emit_slot(nz, e, start, end, tx);
    const nt_word *wd;
    if ((err = nt_word_analyze_new(&wd, nz, w, len, f->h, f->k0, f->k1, nz->out_arena)) < 0)
        return err;
    return emit_word(nz, wd, start, end, tx, 0, -1);
}

/* Cuts norm[p, j) the general way, one token at a time, skipping bytes that start none. */
static int cut_gap(netra_normalizer *nz, size_t *pp, size_t j, size_t n, size_t *e)
{
    const char *s = nz->norm;
    size_t p = *pp;
    int err;
    while (p < j) {
        while (p < j && !(byte_class[(unsigned char)s[p]] & C_ACT))
            p++;
        if (p < j && (err = cut(nz, &p, n, e, 1)) < 0)
            return err;
    }
    *pp = p;
    return NETRA_OK;
}

/* The text in one pass: each word is found (find_word) while the previous one is emitted.
 * A word whose gap starts no token, whose end is plain (plain_end) and whose first memo
 * slot holds it as one token of a key of 16 bytes or fewer, after no waiting single
 * letter, is written here from the slot; every other case goes to the general code
 * (cut_gap, cut, emit_word_slow), after which the search starts again where that code
 * stopped. The words are found in the same places as by cut() (maximal runs of word
 * bytes; where cut() continues a run, plain_end() says so), so the tokens are the general
 * path's. The output array's state is kept in locals here (the token stores could alias
 * the normaliser's fields) and written back before any call that uses it. */
/* One turn of cut_fast(): finds the word after `cur` into `nxt` (so that its memo slot is
 * fetched during this emission), then emits `cur`. When the general code stops elsewhere,
 * `nxt` is searched again from there. cut_fast() calls it with two records swapped turn
 * by turn rather than copying one into the other at every word. */
static inline __attribute__((always_inline)) int
fast_word(netra_normalizer *nz, const fword *cur, fword *nxt, size_t n, size_t *pp, size_t *ep,
          const nt_wslot **slotsp, size_t *maskp, int identity, int any_case)
{
    const char *s = nz->norm;
    const uint8_t *caseb = nz->caseb;
    int err;
    find_word(s, cur->q, n, nxt, *slotsp, *maskp);
    if (cur->gap & C_ACT) { /* the bytes before it may start tokens */
        if ((err = cut_gap(nz, pp, cur->p, n, ep)) < 0)
            return err;
        memo_view(nz, slotsp, maskp); /* the general code may have grown the memo */
        if (*pp > cur->p)             /* the word was taken by one (a hashtag, a mention) */
            goto again;
    }
    if ((byte_class[(unsigned char)s[cur->q]] & C_CONT) && !plain_end(s, cur->p, cur->q, n)) {
        *pp = cur->p;
        if ((err = cut(nz, pp, n, ep, 1)) < 0)
            return err;
        memo_view(nz, slotsp, maskp);
        if (*pp != cur->q) /* a URL, a hyphenated word, a number with dots... */
            goto again;
        return NETRA_OK;
    }
    size_t len = cur->q - cur->p;
    const nt_wslot *sl = &(*slotsp)[cur->h & *maskp];
    /* klen and n_parts as one 16-bit word: the key's length, and 1 when the slot is the
     * token (the byte order is the memory's either way) */
    uint16_t want;
    const uint8_t wb[2] = {(uint8_t)len, 1};
    memcpy(&want, wb, 2);
    int hit = slot_is(sl, cur, want);
    if (!hit && sl->w != NULL) {
        /* the first slot holds another word: the next one often holds this word (the
         * memo is at most half full), and any slot with its whole key is its entry */
        sl = &(*slotsp)[(cur->h + 1) & *maskp];
        hit = slot_is(sl, cur, want);
    }
    if (hit && len <= 16 && nz->raw.n == 0 && nz->out_n < nz->out_cap) {
        uint32_t start, end, tx;
        if (identity) { /* ASCII: norm byte i is original byte i, only the case changed */
            start = (uint32_t)cur->p;
            end = (uint32_t)cur->q;
            tx = 0;
            if (any_case) {
                /* the case bytes under the key's mask (len <= 16): caseb is padded */
                uint64_t c0, c1;
                nt_key16_padded((const char *)caseb + cur->p, len, &c0, &c1);
                tx = (c0 | c1) ? NETRA_TX_CASE : 0;
            }
        } else {
            start = nz->ostart[cur->p];
            end = nz->oend[cur->q - 1];
            tx = tx_of_af(stage_a_flags(nz, nz->orig, cur->p, cur->q));
        }
        push_slot_token(nz, sl, start, end, tx);
    } else {
        if ((err = emit_word_slow(nz, cur)) < 0)
            return err;
        memo_view(nz, slotsp, maskp);
    }
    *pp = cur->q;
    return NETRA_OK;
again:
    find_word(s, *pp, n, nxt, *slotsp, *maskp);
    return NETRA_OK;
}

static int cut_fast(netra_normalizer *nz, size_t n)
{
    const nt_wslot *slots;
    size_t mask;
    memo_view(nz, &slots, &mask);
    const int identity = nz->identity;
    /* ASCII text with a capital somewhere: each word's case bytes are looked at */
    const int any_case = identity && (nz->text_tx & NETRA_TX_CASE);
    size_t p = 0, e = 0; /* where the text stands; emoji met */
    int err;
    fword a, b;
    const fword *last = &a; /* the record that found no word: its gap is the text's tail */
    find_word(nz->norm, 0, n, &a, slots, mask);
    for (;;) { /* a and b take turns */
        if (a.p >= n) {
            last = &a;
            break;
        }
        if ((err = fast_word(nz, &a, &b, n, &p, &e, &slots, &mask, identity, any_case)) < 0)
            return err;
        if (b.p >= n) {
            last = &b;
            break;
        }
        if ((err = fast_word(nz, &b, &a, n, &p, &e, &slots, &mask, identity, any_case)) < 0)
            return err;
    }
    if (last->gap & C_ACT) /* no word of two bytes or more left */
        return cut_gap(nz, &p, n, n, &e);
    return NETRA_OK;
}

void nt_text_force_general(netra_normalizer *nz, int on)
{
    nz->general = on != 0;
}

int netra_normalize(netra_text *out, netra_normalizer *nz, const char *text, size_t len,
                    netra_arena *arena)
{
    NT_ASSERT_ARG(out != NULL && nz != NULL && arena != NULL && (text != NULL || len == 0));
    memset(out, 0, sizeof *out);
    if (len > NETRA_TEXT_MAX_BYTES)
        return nt_error_set(NETRA_ETOOBIG, "text of %zu bytes; the limit is %u", len,
                            NETRA_TEXT_MAX_BYTES);
    nz->text_tx = 0;
    nz->raw.n = 0;
    nz->orig = text ? text : "";
    nz->out_arena = nt_arena_of(arena);
    size_t n;
    int err = nt_text_stage_a(nz, nz->orig, len, &n);
    if (err < 0)
        return err;
    /* room for a word every four bytes; emit_word and new_token grow it when needed */
    nz->out_n = 0;
    nz->out_cap = n / 4 + 8;
    nz->out = nt_arena_alloc(nz->out_arena, nz->out_cap * sizeof(netra_token));
    if (nz->out == NULL)
        return netra_error_last()->code;
    nz->joined.len = 0;
    if (!nz->general) {
        err = cut_fast(nz, n);
    } else {
        prefetch_words(nz, n);
        err = cut_all(nz, 0, n);
    }
    if (err < 0 || (err = flush(nz)) < 0)
        return err;
    out->tokens = nz->out_n ? nz->out : NULL;
    out->n_tokens = nz->out_n;
    out->transforms = nz->text_tx;
    return NETRA_OK;
}
