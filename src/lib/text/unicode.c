/*
 * unicode.c - stage A of the normaliser: from raw bytes to `norm`, a casefolded string
 * free of disguises, with for every byte of it the original bytes it came from.
 *
 * ASCII-only text (the large majority) takes a fast path: one pass that lower-cases, and
 * norm byte i is original byte i. Other text is decoded (invalid bytes become U+FFFD),
 * emoji clusters are pulled out first (they leave one NT_EMOJI_MARK byte), and every other
 * code point goes through, in order: default-ignorable removal, combining-mark removal,
 * look-alike folding (inside words that contain Latin letters or only look-alikes),
 * compatibility decomposition with case folding (utf8proc), and punctuation folding.
 * Work is O(len); every output byte maps to the whole original character, so token
 * boundaries always fall on character boundaries.
 */
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/text_int.h"

/* Grows the norm arrays to hold `need` bytes. */
static int reserve_norm(netra_normalizer *nz, size_t need)
{
    if (need <= nz->norm_cap)
        return NETRA_OK;
    size_t cap = nz->norm_cap ? nz->norm_cap : 1024;
    while (cap < need)
        cap *= 2;
    char *n = nt_realloc(nz->norm, cap + 16); /* 16 bytes more: memo keys load 16 at once */
    if (n == NULL)
        return NETRA_ENOMEM;
    nz->norm = n;
    uint32_t *s = nt_realloc(nz->ostart, cap * sizeof(uint32_t));
    if (s == NULL)
        return NETRA_ENOMEM;
    nz->ostart = s;
    uint32_t *e = nt_realloc(nz->oend, cap * sizeof(uint32_t));
    if (e == NULL)
        return NETRA_ENOMEM;
    nz->oend = e;
    uint8_t *f = nt_realloc(nz->oflags, cap + 16); /* padded like norm */
    if (f == NULL)
        return NETRA_ENOMEM;
    nz->oflags = f;
    uint8_t *c = nt_realloc(nz->caseb, cap + 16);
    if (c == NULL)
        return NETRA_ENOMEM;
    nz->caseb = c;
    nz->norm_cap = cap;
    return NETRA_OK;
}

typedef struct out {
    netra_normalizer *nz; /* owner of the arrays */
    size_t n;             /* bytes written */
} out;

static int emit(out *o, const char *bytes, size_t n, uint32_t s, uint32_t e)
{
    if (o->n + n + 1 > o->nz->norm_cap) {
        int err = reserve_norm(o->nz, o->n + n + 1);
        if (err < 0)
            return err;
    }
    for (size_t i = 0; i < n; i++) {
        o->nz->norm[o->n] = bytes[i];
        o->nz->ostart[o->n] = s;
        o->nz->oend[o->n] = e;
        o->nz->oflags[o->n] = o->nz->pending;
        o->nz->pending = 0;
        o->n++;
    }
    return NETRA_OK;
}

static int emit_cp(out *o, uint32_t cp, uint32_t s, uint32_t e)
{
    utf8proc_uint8_t b[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, b);
    return emit(o, (const char *)b, (size_t)n, s, e);
}

static int is_ext_pict(uint32_t cp)
{
    return utf8proc_get_property((utf8proc_int32_t)cp)->boundclass ==
           UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC;
}

static int is_ri(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

static int is_emoji_extend(uint32_t cp)
{
    return cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           (cp >= 0xE0020 && cp <= 0xE007F);
}

/* BMP pictographs with Emoji_Presentation=Yes (UTS #51): emoji even without VS16. */
static int emoji_presentation(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
        {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
        {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
        {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
        {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}};
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return 1;
    return 0;
}

/* Whether cps[i] starts a keycap: [0-9#*] FE0F? U+20E3. */
static int keycap_at(const uint32_t *cps, size_t n, size_t i)
{
    uint32_t cp = cps[i];
    if (!((cp >= '0' && cp <= '9') || cp == '#' || cp == '*'))
        return 0;
    size_t j = i + 1;
    if (j < n && cps[j] == 0xFE0F)
        j++;
    return j < n && cps[j] == 0x20E3;
}

/* What stage A asks about a non-ASCII code point, kept in a direct-mapped cache (cp_info):
 * it depends only on the code point and the lexicon. */
#define CPI_SIZE 512
typedef struct nt_cpinfo {
    uint32_t key;          /* cp + 1; 0 for an empty entry */
    uint8_t fold;          /* fold_class() */
    uint8_t wordish;       /* is_wordish() */
    uint8_t ext_pict;      /* is_ext_pict() */
    const nt_emoji *emoji; /* nt_lex_emoji() of the code point alone */
} nt_cpinfo;

static const nt_cpinfo *cp_info(netra_normalizer *nz, uint32_t cp);

/* Whether cps[i] starts an emoji cluster; sets its end and its lookup key. */
static int emoji_at(netra_normalizer *nz, size_t n, size_t i, size_t *end_out, nt_emoji_rec *rec)
{
    const uint32_t *cps = nz->cps;
    uint32_t cp = cps[i];
    size_t j = i + 1;
    if (cp < 0x80 && !((cp >= '0' && cp <= '9') || cp == '#' || cp == '*'))
        return 0; /* no other ASCII character starts an emoji */
    /* keycap: [0-9#*] FE0F? U+20E3 */
    if ((cp >= '0' && cp <= '9') || cp == '#' || cp == '*') {
        if (j < n && cps[j] == 0xFE0F)
            j++;
        if (j < n && cps[j] == 0x20E3) {
            *end_out = j + 1;
            rec->transforms = NETRA_TX_EMOJI | NETRA_TX_KEYCAP;
            if (cp <= '9') {
                rec->kind = NETRA_TOK_NUMBER;
                rec->value = cp - '0';
                rec->name = NULL;
            } else {
                rec->kind = NETRA_TOK_EMOJI;
                rec->value = 0;
                rec->name = "keycap";
            }
            return 1;
        }
        return 0;
    }
    if (is_ri(cp)) {
        if (j < n && is_ri(cps[j])) {
            const nt_emoji *e = nt_lex_emoji(nz->lex, cps + i, 2);
            *end_out = j + 1;
            rec->kind = NETRA_TOK_EMOJI;
            rec->name = e ? e->name : "flag";
            rec->value = 0;
            rec->transforms = NETRA_TX_EMOJI;
            return 1;
        }
        return 0;
    }
    if (cp == 0x1F51F) { /* keycap ten */
        *end_out = j;
        rec->kind = NETRA_TOK_NUMBER;
        rec->value = 10;
        rec->name = NULL;
        rec->transforms = NETRA_TX_EMOJI | NETRA_TX_KEYCAP;
        return 1;
    }
    /* A pictograph that defaults to text presentation (Ⓜ, ©, ™, ↔...) is an emoji only when
     * a variation selector or skin tone follows, or when the lexicon knows it (✌ ☝ ❤ are
     * written without VS16 all the time). */
    const nt_cpinfo *info = cp_info(nz, cp); /* cp >= 0x80 here */
    if (!info->ext_pict)
        return 0;
    if (cp < 0x1F000 &&
        !(j < n && (cps[j] == 0xFE0F || (cps[j] >= 0x1F3FB && cps[j] <= 0x1F3FF))) &&
        info->emoji == NULL && !emoji_presentation(cp))
        return 0;
    for (;;) {
        if (j < n && is_emoji_extend(cps[j]))
            j++;
        else if (j + 1 < n && cps[j] == 0x200D && is_ext_pict(cps[j + 1]))
            j += 2;
        else
            break;
    }
    const nt_emoji *e = info->emoji;
    *end_out = j;
    rec->kind = e ? e->kind : NETRA_TOK_EMOJI;
    rec->name = e ? e->name : "other";
    rec->value = e ? e->value : 0;
    rec->transforms = NETRA_TX_EMOJI;
    return 1;
}

static int is_latin_range(uint32_t cp)
{
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Compatibility decomposition + case fold + mark strip of one code point. */
static utf8proc_ssize_t decompose(uint32_t cp, utf8proc_int32_t *buf, size_t cap)
{
    int last = 0;
    return utf8proc_decompose_char((utf8proc_int32_t)cp, buf, (utf8proc_ssize_t)cap,
                                   UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
                                       UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
                                   &last);
}

static inline int ascii_alnum(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

static inline int is_wordish(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO) ||
           utf8proc_get_property((utf8proc_int32_t)cp)->ignorable;
}

/* Decides for the word run cps[i..j) whether look-alikes fold to Latin: yes when the word
 * holds a Latin letter, or when every non-Latin letter in it is a look-alike. */
/* The part one non-ASCII code point plays in fold_confusables(): 0 none (digits, marks,
 * ignorables, look-alikes), 1 a Latin letter, 2 a letter of another script. */
static int fold_class(const netra_normalizer *nz, uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    if (c > UTF8PROC_CATEGORY_LO)
        return 0; /* digits, marks, ignorables */
    if (nt_lex_confusable(nz->lex, cp) != NULL)
        return 0;
    if (is_latin_range(cp))
        return 1;
    utf8proc_int32_t d[8];
    utf8proc_ssize_t n = decompose(cp, d, 8);
    if (n >= 1 && d[0] < 0x80 && ((d[0] | 0x20) >= 'a' && (d[0] | 0x20) <= 'z'))
        return 1; /* mathematical, fullwidth, circled letters */
    if (n >= 1 && d[0] >= 0x80 && nt_lex_confusable(nz->lex, (uint32_t)d[0]) == NULL &&
        !is_latin_range((uint32_t)d[0]))
        return 2;
    return 0;
}

static inline int wordish(netra_normalizer *nz, uint32_t cp)
{
    return cp < 0x80 ? is_wordish(cp) : cp_info(nz, cp)->wordish;
}

static int fold_confusables(netra_normalizer *nz, size_t i, size_t j)
{
    int latin = 0, foreign = 0;
    for (size_t k = i; k < j; k++) {
        uint32_t cp = nz->cps[k];
        if (cp < 0x80) {
            latin |= (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
            continue;
        }
        int f = cp_info(nz, cp)->fold;
        latin |= f == 1;
        foreign |= f == 2;
    }
    return latin || !foreign;
}

/* Punctuation and spaces outside ASCII: quotes to '"' or '\'', the rest to a space. */
static int fold_punct(uint32_t cp)
{
    switch (cp) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
    case 0x275D:
    case 0x275E:
    case 0x301D:
    case 0x301E:
        return '"';
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x02BC:
    case 0x2032:
        return '\'';
    default:
        return ' ';
    }
}

/* Records a stage A transform for the next byte written and for the text. */
static void mark(netra_normalizer *nz, uint8_t af, uint32_t tx)
{
    nz->pending |= af;
    nz->text_tx |= tx;
}

static int convert(netra_normalizer *nz, out *o, uint32_t cp, uint32_t s, uint32_t e, int conf)
{
    if (cp < 0x80) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c + 32);
            mark(nz, NT_AF_CASE, NETRA_TX_CASE);
        }
        return emit(o, &c, 1, s, e);
    }
    if (cp == 0xFFFD) {
        /* invalid bytes (counted when decoding) separate tokens, and never join spaced
         * letters: a byte of its own, not a space */
        char sep = NT_INVALID_MARK;
        return emit(o, &sep, 1, s, e);
    }
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    if (p->ignorable) {
        mark(nz, NT_AF_INVISIBLE, NETRA_TX_INVISIBLE);
        return NETRA_OK;
    }
    utf8proc_category_t cat = (utf8proc_category_t)p->category;
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME) {
        mark(nz, NT_AF_MARKS, NETRA_TX_MARKS);
        return NETRA_OK;
    }
    if (conf) {
        const char *l = nt_lex_confusable(nz->lex, cp);
        if (l != NULL) {
            mark(nz, NT_AF_CONFUSABLE, NETRA_TX_CONFUSABLE);
            return emit(o, l, strlen(l), s, e);
        }
    }
    if (cat >= UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_CN ||
        (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO)) {
        /* separators, controls, private use, unassigned, punctuation */
        if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) {
            utf8proc_int32_t d[8];
            utf8proc_ssize_t n = decompose(cp, d, 8);
            int ascii = n >= 1;
            for (utf8proc_ssize_t k = 0; k < n; k++)
                ascii &= d[k] < 0x80;
            if (ascii && n > 0) { /* fullwidth ！ ？, ‼ */
                char b[8];
                for (utf8proc_ssize_t k = 0; k < n; k++)
                    b[k] = (char)d[k];
                mark(nz, NT_AF_COMPAT, NETRA_TX_COMPAT);
                return emit(o, b, (size_t)n, s, e);
            }
        }
        char c = (char)fold_punct(cp);
        return emit(o, &c, 1, s, e);
    }
    utf8proc_int32_t d[32];
    utf8proc_ssize_t n = decompose(cp, d, 32);
    if (n < 0 || n > 32)
        return emit(o, " ", 1, s, e);
    if (n == 0) {
        mark(nz, NT_AF_INVISIBLE, NETRA_TX_INVISIBLE);
        return NETRA_OK;
    }
    if (!(n == 1 && (uint32_t)d[0] == cp)) {
        if (n == 1 && utf8proc_tolower((utf8proc_int32_t)cp) == d[0])
            mark(nz, NT_AF_CASE, NETRA_TX_CASE);
        else
            mark(nz, NT_AF_COMPAT, NETRA_TX_COMPAT);
    }
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        uint32_t r = (uint32_t)d[k];
        int err;
        if (r < 0x80) {
            char c = (char)r;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            err = emit(o, &c, 1, s, e);
        } else if (conf && nt_lex_confusable(nz->lex, r) != NULL) {
            const char *l = nt_lex_confusable(nz->lex, r);
            mark(nz, NT_AF_CONFUSABLE, NETRA_TX_CONFUSABLE);
            err = emit(o, l, strlen(l), s, e);
        } else {
            utf8proc_category_t rc = utf8proc_category((utf8proc_int32_t)r);
            if (rc >= UTF8PROC_CATEGORY_PC && rc <= UTF8PROC_CATEGORY_PO) {
                char c = (char)fold_punct(r);
                err = emit(o, &c, 1, s, e);
            } else if (rc >= UTF8PROC_CATEGORY_SM) {
                err = emit(o, " ", 1, s, e);
            } else {
                err = emit_cp(o, r, s, e);
            }
        }
        if (err < 0)
            return err;
    }
    return NETRA_OK;
}

/* What convert() does for one code point and look-alike setting, recorded the first time
 * so that styled letters and other repeated characters skip the Unicode tables and the
 * lexicon afterwards: the bytes it writes, the NT_AF_* marks each of them receives, the
 * marks left for the byte after, and the text transforms. Direct-mapped by code point. */
#define CPC_SIZE  512
#define CPC_BYTES 14
typedef struct nt_cpconv {
    uint32_t key;  /* (cp << 1 | conf) + 1; 0 for an empty entry */
    uint8_t n;     /* bytes written */
    uint8_t trail; /* marks left pending after them */
    uint32_t tx;   /* NETRA_TX_* recorded for the text */
    char b[CPC_BYTES];
    uint8_t af[CPC_BYTES];
} nt_cpconv;

struct nt_cpcache {
    nt_cpconv e[CPC_SIZE];
    nt_cpinfo info[CPI_SIZE];
};

static const nt_cpinfo *cp_info(netra_normalizer *nz, uint32_t cp)
{
    nt_cpinfo *c = &nz->cpc->info[((cp + 1) * 0x9E3779B1u) >> (32 - 9)];
    if (c->key != cp + 1) {
        c->key = cp + 1;
        c->fold = (uint8_t)fold_class(nz, cp);
        c->wordish = (uint8_t)is_wordish(cp);
        c->ext_pict = (uint8_t)is_ext_pict(cp);
        c->emoji = c->ext_pict ? nt_lex_emoji(nz->lex, &cp, 1) : NULL;
    }
    return c;
}

int nt_cpcache_new(netra_normalizer *nz)
{
    nz->cpc = nt_calloc(1, sizeof *nz->cpc);
    return nz->cpc != NULL ? NETRA_OK : NETRA_ENOMEM;
}

static int convert_cached(netra_normalizer *nz, out *o, uint32_t cp, uint32_t s, uint32_t e,
                          int conf)
{
    uint32_t key = (cp << 1 | (conf != 0)) + 1;
    nt_cpconv *c = &nz->cpc->e[(key * 0x9E3779B1u) >> (32 - 9)];
    if (c->key == key) {
        if (o->n + c->n + 1 > nz->norm_cap) {
            int err = reserve_norm(nz, o->n + c->n + 1);
            if (err < 0)
                return err;
        }
        for (size_t k = 0; k < c->n; k++) {
            nz->norm[o->n + k] = c->b[k];
            nz->ostart[o->n + k] = s;
            nz->oend[o->n + k] = e;
            nz->oflags[o->n + k] = c->af[k];
        }
        if (c->n > 0) {
            nz->oflags[o->n] |= nz->pending;
            nz->pending = c->trail;
        } else {
            nz->pending |= c->trail;
        }
        nz->text_tx |= c->tx;
        o->n += c->n;
        return NETRA_OK;
    }
    size_t start = o->n;
    uint8_t p0 = nz->pending;
    uint32_t t0 = nz->text_tx;
    nz->pending = 0;
    nz->text_tx = 0;
    int err = convert(nz, o, cp, s, e, conf);
    uint32_t tx = nz->text_tx;
    uint8_t trail = nz->pending;
    size_t m = o->n - start;
    nz->text_tx = t0 | tx;
    if (err == 0 && m <= CPC_BYTES) {
        c->key = key;
        c->n = (uint8_t)m;
        c->trail = trail;
        c->tx = tx;
        memcpy(c->b, nz->norm + start, m);
        memcpy(c->af, nz->oflags + start, m);
    }
    if (m > 0) {
        nz->oflags[start] |= p0;
        nz->pending = trail;
    } else {
        nz->pending = p0 | trail;
    }
    return err;
}

static int decode(netra_normalizer *nz, const char *text, size_t len, size_t *n_out)
{
    if (len + 1 > nz->cps_cap) {
        size_t cap = nz->cps_cap ? nz->cps_cap : 1024;
        while (cap < len + 1)
            cap *= 2;
        uint32_t *c = nt_realloc(nz->cps, cap * sizeof(uint32_t));
        if (c == NULL)
            return NETRA_ENOMEM;
        nz->cps = c;
        uint32_t *o = nt_realloc(nz->cpo, cap * sizeof(uint32_t));
        if (o == NULL)
            return NETRA_ENOMEM;
        nz->cpo = o;
        nz->cps_cap = cap;
    }
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t i = 0, n = 0;
    while (i < len) {
#if defined(__SSE2__)
        /* 16 ASCII bytes at once: widen them to code points, number their offsets */
        while (i + 16 <= len) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            if (_mm_movemask_epi8(x) != 0)
                break;
            __m128i z = _mm_setzero_si128();
            __m128i lo = _mm_unpacklo_epi8(x, z), hi = _mm_unpackhi_epi8(x, z);
            __m128i *c = (__m128i *)(void *)(nz->cps + n), *o = (__m128i *)(void *)(nz->cpo + n);
            _mm_storeu_si128(c, _mm_unpacklo_epi16(lo, z));
            _mm_storeu_si128(c + 1, _mm_unpackhi_epi16(lo, z));
            _mm_storeu_si128(c + 2, _mm_unpacklo_epi16(hi, z));
            _mm_storeu_si128(c + 3, _mm_unpackhi_epi16(hi, z));
            __m128i b = _mm_add_epi32(_mm_set1_epi32((int)i), _mm_setr_epi32(0, 1, 2, 3));
            for (int k = 0; k < 4; k++, b = _mm_add_epi32(b, _mm_set1_epi32(4)))
                _mm_storeu_si128(o + k, b);
            i += 16;
            n += 16;
        }
        if (i >= len)
            break;
#endif
        if (p[i] < 0x80) { /* most of the text, even in posts with an emoji */
            nz->cpo[n] = (uint32_t)i;
            nz->cps[n++] = p[i++];
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        nz->cpo[n] = (uint32_t)i;
        if (k <= 0) {
            nz->cps[n++] = 0xFFFD;
            nz->text_tx |= NETRA_TX_INVALID_UTF8;
            i++;
        } else {
            nz->cps[n++] = (uint32_t)cp;
            i += (size_t)k;
        }
    }
    nz->cpo[n] = (uint32_t)len;
    *n_out = n;
    return NETRA_OK;
}

int nt_text_stage_a(netra_normalizer *nz, const char *text, size_t len, size_t *norm_len)
{
    nz->emoji.n = 0;
    int err = reserve_norm(nz, len + 1);
    if (err < 0)
        return err;
    /* ASCII fast path: lower-case 8 bytes at a time while no byte has its high bit set. */
    size_t i = 0;
    uint64_t upper_seen = 0, high = 0;
#if defined(__SSE2__)
    /* 16 bytes at a time: signed compares, so bytes >= 0x80 are below 'A' and stay */
    for (; i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        if (_mm_movemask_epi8(x) != 0) {
            high = 1;
            break;
        }
        __m128i up = _mm_and_si128(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                                 _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1))),
                                   _mm_set1_epi8(0x20));
        upper_seen |= (uint64_t)_mm_movemask_epi8(up);
        _mm_storeu_si128((__m128i *)(void *)(nz->norm + i), _mm_or_si128(x, up));
        _mm_storeu_si128((__m128i *)(void *)(nz->caseb + i), up);
    }
#endif
    for (; !high && i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        high |= w & 0x8080808080808080ULL;
        if (high)
            break;
        /* bytes in 'A'..'Z' get 0x20 added: (w + (0x80 - 'A')) has bit 7 set for c >= 'A',
         * (w + (0x80 - 'Z' - 1)) for c > 'Z' */
        uint64_t ge_a = (w + 0x3F3F3F3F3F3F3F3FULL) & 0x8080808080808080ULL;
        uint64_t gt_z = (w + 0x2525252525252525ULL) & 0x8080808080808080ULL;
        uint64_t up = (ge_a & ~gt_z) >> 2;
        upper_seen |= up;
        w |= up;
        memcpy(nz->norm + i, &w, 8);
        memcpy(nz->caseb + i, &up, 8);
    }
    if (!high) {
        for (; i < len; i++) {
            char c = text[i];
            if ((unsigned char)c >= 0x80) {
                high = 1;
                break;
            }
            nz->caseb[i] = 0;
            if (c >= 'A' && c <= 'Z') {
                c = (char)(c + 32);
                upper_seen = 1;
                nz->caseb[i] = 0x20;
            }
            nz->norm[i] = c;
        }
    }
    if (!high) {
        nz->norm[len] = '\0';
        if (upper_seen)
            nz->text_tx |= NETRA_TX_CASE;
        nz->identity = 1;
        *norm_len = len;
        return NETRA_OK;
    }
    nz->identity = 0;
    nz->pending = 0;
    size_t n;
    err = decode(nz, text, len, &n);
    if (err < 0)
        return err;
    out o = {nz, 0};
    i = 0;
    /* A run of ASCII code points, up to its last space or punctuation when more of it
     * could join what follows (a word going on in other letters, a keycap "3\uFE0F\u20E3"),
     * needs none of the steps below: lower-case it in one loop. [i, fast_end) is that part
     * of the run that starts at run_start. */
    size_t run_end = 0, fast_end = 0;
    while (i < n) {
        if (i >= run_end) {
            /* an ASCII code point is one ASCII byte: find the run's end in the original,
             * 16 bytes at a time */
            size_t b = nz->cpo[i], e = b;
#if defined(__SSE2__)
            for (; e + 16 <= len; e += 16) {
                unsigned m = (unsigned)_mm_movemask_epi8(
                    _mm_loadu_si128((const __m128i *)(const void *)(text + e)));
                if (m != 0) {
                    e += (size_t)__builtin_ctz(m);
                    break;
                }
            }
#endif
            while (e < len && (unsigned char)text[e] < 0x80)
                e++;
            run_end = i + (e - b);
            fast_end = run_end;
            if (run_end < n)
                while (fast_end > i &&
                       (ascii_alnum(nz->cps[fast_end - 1]) || nz->cps[fast_end - 1] == '#' ||
                        nz->cps[fast_end - 1] == '*'))
                    fast_end--;
            if (run_end == i)
                run_end = i + 1;
        }
        if (i < fast_end) {
            if (o.n + (fast_end - i) + 1 > nz->norm_cap &&
                (err = reserve_norm(nz, o.n + (fast_end - i) + 1)) < 0)
                return err;
            uint32_t upper = 0;
            uint8_t pend = nz->pending;
#if defined(__SSE2__)
            /* the run is contiguous ASCII in the original: 16 bytes of it at once */
            while (i + 16 <= fast_end) {
                uint32_t b = nz->cpo[i];
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + b));
                __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                           _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
                upper |= (uint32_t)_mm_movemask_epi8(up);
                _mm_storeu_si128((__m128i *)(void *)(nz->norm + o.n),
                                 _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20))));
                _mm_storeu_si128((__m128i *)(void *)(nz->oflags + o.n),
                                 _mm_and_si128(up, _mm_set1_epi8((char)NT_AF_CASE)));
                nz->oflags[o.n] |= pend;
                pend = 0;
                __m128i v = _mm_add_epi32(_mm_set1_epi32((int)b), _mm_setr_epi32(0, 1, 2, 3));
                __m128i *os = (__m128i *)(void *)(nz->ostart + o.n);
                __m128i *oe = (__m128i *)(void *)(nz->oend + o.n);
                for (int k = 0; k < 4; k++, v = _mm_add_epi32(v, _mm_set1_epi32(4))) {
                    _mm_storeu_si128(os + k, v);
                    _mm_storeu_si128(oe + k, _mm_add_epi32(v, _mm_set1_epi32(1)));
                }
                i += 16;
                o.n += 16;
            }
#endif
            for (; i < fast_end; i++) {
                uint32_t c = nz->cps[i];
                uint32_t up = c - 'A' < 26u;
                upper |= up;
                nz->norm[o.n] = (char)(c | up << 5);
                nz->ostart[o.n] = nz->cpo[i];
                nz->oend[o.n] = nz->cpo[i + 1];
                nz->oflags[o.n] = (uint8_t)(pend | (up ? NT_AF_CASE : 0));
                pend = 0;
                o.n++;
            }
            nz->pending = 0;
            if (upper)
                nz->text_tx |= NETRA_TX_CASE;
            continue;
        }
        size_t end;
        nt_emoji_rec rec;
        if (emoji_at(nz, n, i, &end, &rec)) {
            rec.start = nz->cpo[i];
            rec.end = nz->cpo[end];
            if (nt_vec_push(&nz->emoji, &rec) == NULL)
                return netra_error_last()->code;
            char mark = NT_EMOJI_MARK;
            if ((err = emit(&o, &mark, 1, rec.start, rec.end)) < 0)
                return err;
            nz->text_tx |= rec.transforms;
            i = end;
            continue;
        }
        uint32_t c0 = nz->cps[i];
        if (c0 < 0x80 &&
            !((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9'))) {
            /* ASCII space or punctuation: nothing to fold */
            char c = (char)c0;
            if ((err = emit(&o, &c, 1, nz->cpo[i], nz->cpo[i + 1])) < 0)
                return err;
            i++;
            continue;
        }
        if (wordish(nz, c0)) {
            size_t j = i;
            int ascii = 1;
            while (j < n && wordish(nz, nz->cps[j]) && !(j > i && keycap_at(nz->cps, n, j))) {
                ascii &= nz->cps[j] < 0x80;
                j++;
            }
            if (ascii) {
                /* an ASCII word: lower-case it in one go */
                if (o.n + (j - i) + 1 > nz->norm_cap &&
                    (err = reserve_norm(nz, o.n + (j - i) + 1)) < 0)
                    return err;
                int upper = 0;
                for (; i < j; i++) {
                    char c = (char)nz->cps[i];
                    if (c >= 'A' && c <= 'Z') {
                        c = (char)(c + 32);
                        upper = 1;
                        nz->pending |= NT_AF_CASE;
                    }
                    nz->norm[o.n] = c;
                    nz->ostart[o.n] = nz->cpo[i];
                    nz->oend[o.n] = nz->cpo[i + 1];
                    nz->oflags[o.n] = nz->pending;
                    nz->pending = 0;
                    o.n++;
                }
                if (upper)
                    nz->text_tx |= NETRA_TX_CASE;
                continue;
            }
            int conf = fold_confusables(nz, i, j);
            for (; i < j; i++)
                if ((err = (nz->cps[i] < 0x80 ? convert : convert_cached)(
                         nz, &o, nz->cps[i], nz->cpo[i], nz->cpo[i + 1], conf)) < 0)
                    return err;
            continue;
        }
        if ((err = convert_cached(nz, &o, nz->cps[i], nz->cpo[i], nz->cpo[i + 1], 1)) < 0)
            return err;
        i++;
    }
    if ((err = reserve_norm(nz, o.n + 1)) < 0)
        return err;
    nz->norm[o.n] = '\0';
    *norm_len = o.n;
    return NETRA_OK;
}
