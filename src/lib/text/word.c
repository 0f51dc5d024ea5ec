/*
 * word.c - the analysis of one word: reduplication, leetspeak, elongation, slang, number
 * words and stemming, in that order (docs/internals/text.md, steps 8-13).
 *
 * The result depends only on the word's raw spelling and the lexicon, so it is memoised
 * per normaliser: a word seen before costs one hash lookup. The memo is bounded
 * (NT_MEMO_MAX words); past the bound results are built in the caller's arena instead,
 * so memoised strings are never freed while the normaliser lives.
 */
#include <libstemmer.h>
#include <string.h>

#include "text/text_int.h"

#define MAX_PARTS 8
#define BUF_MAX   (NT_WORD_MAX * 4)

static int is_alpha(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char leet_of(char c)
{
    switch (c) {
    case '4':
        return 'a';
    case '3':
        return 'e';
    case '1':
        return 'i';
    case '0':
        return 'o';
    case '5':
        return 's';
    case '7':
        return 't';
    case '9':
        return 'g';
    case '8':
        return 'b';
    case '@':
        return 'a';
    case '$':
        return 's';
    default:
        return 0;
    }
}

/* Squeezes runs of 3+ equal letters: each run to 2 or 1 letters as `mask` says (bit set =
 * 1 letter). Returns the new length. */
static size_t squeeze(char *dst, const char *src, size_t len, unsigned mask, int *n_runs)
{
    size_t o = 0;
    int run = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && src[j] == src[i])
            j++;
        if (j - i >= 3 && is_alpha(src[i])) {
            size_t keep = (mask >> run) & 1u ? 1 : 2;
            for (size_t k = 0; k < keep; k++)
                dst[o++] = src[i];
            run++;
        } else {
            for (size_t k = i; k < j; k++)
                dst[o++] = src[k];
        }
        i = j;
    }
    dst[o] = '\0';
    if (n_runs)
        *n_runs = run;
    return o;
}

static int popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* Elongation: the first squeezed form the lexicon knows, preferring longer forms; else
 * every run to one letter. Returns 1 when something was squeezed. */
static int unelongate(const netra_text_lexicon *lex, char *w, size_t *len)
{
    char tmp[BUF_MAX + 1];
    int runs = 0;
    /* most words have no run of three equal letters: find one before copying the word */
    for (size_t i = 0; i + 2 < *len && !runs; i++)
        runs = w[i] == w[i + 1] && w[i] == w[i + 2] && is_alpha(w[i]);
    if (!runs)
        return 0;
    squeeze(tmp, w, *len, 0, &runs);
    if (runs == 0)
        return 0;
    if (runs > 4)
        runs = 4;
    unsigned n_masks = 1u << runs;
    for (int ones = 0; ones <= runs; ones++) {
        for (unsigned m = 0; m < n_masks; m++) {
            if (popcount(m) != ones)
                continue;
            size_t l = squeeze(tmp, w, *len, m, NULL);
            if (nt_lex_known(lex, tmp, l)) {
                memcpy(w, tmp, l + 1);
                *len = l;
                return 1;
            }
        }
    }
    *len = squeeze(tmp, w, *len, ~0u, NULL);
    memcpy(w, tmp, *len + 1);
    return 1;
}

/* Leetspeak: only in a word of letters and leet characters, and only when a leet character
 * sits between two letters or the mapped word is known. */
static int unleet(const netra_text_lexicon *lex, char *w, size_t *len)
{
    size_t n = *len;
    int letters = 0, leets = 0, between = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (is_alpha(c))
            letters++;
        else if (leet_of(c))
            leets++;
        else if (c != '\'' && c != '-')
            return 0;
    }
    if (letters == 0 || leets == 0)
        return 0;
    char m[BUF_MAX + 1];
    int vowel = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i], l = leet_of(c);
        /* Without the lexicon's word, a reading needs a digit standing for a vowel between
         * two letters (g4nj4r): consonant digits alone (x9f, x8c: hex escapes) are not
         * enough. */
        if (l != 0 && i > 0 && i + 1 < n && is_alpha(w[i - 1]) && is_alpha(w[i + 1]) &&
            strchr("aeio", l) != NULL)
            between = 1;
        m[i] = l ? l : c;
        vowel |= strchr("aeiou", m[i]) != NULL;
    }
    m[n] = '\0';
    if (n < 4 || !vowel)
        between = 0;
    if (!between) {
        size_t ml = n;
        char sq[BUF_MAX + 1];
        memcpy(sq, m, n + 1);
        int known = nt_lex_known(lex, m, n);
        if (!known && unelongate(lex, sq, &ml))
            known = nt_lex_known(lex, sq, ml);
        if (!known)
            return 0;
    }
    memcpy(w, m, n + 1);
    return 1;
}

/* "123", "3.000" (thousands), "ke-2", "ke2": the value, or -1. */
static int64_t number_value(const char *w, size_t len, int *is_ke)
{
    size_t i = 0;
    *is_ke = 0;
    if (len > 2 && w[0] == 'k' && w[1] == 'e') {
        i = 2;
        if (i < len && w[i] == '-')
            i++;
        *is_ke = 1;
    }
    if (i >= len)
        return -1;
    int64_t v = 0;
    size_t digits = 0, since_dot = 0;
    int dots = 0;
    for (; i < len; i++) {
        if (is_digit(w[i])) {
            if (digits >= 18)
                return -1;
            v = v * 10 + (w[i] - '0');
            digits++;
            since_dot++;
        } else if (w[i] == '.' && !*is_ke && digits > 0 && i + 1 < len) {
            if (dots && since_dot != 3)
                return -1;
            dots = 1;
            since_dot = 0;
        } else {
            return -1;
        }
    }
    if (dots && since_dot != 3)
        return -1;
    return digits ? v : -1;
}

typedef struct result {
    netra_token_kind kind;
    uint32_t flags, transforms;
    uint32_t neg_parts;
    int64_t value;
    size_t n_parts;
    char text[MAX_PARTS][BUF_MAX + 1];
    size_t len[MAX_PARTS];
    char stem[MAX_PARTS][BUF_MAX + 1];
    size_t stem_len[MAX_PARTS];
} result;

/* Whether the Snowball Indonesian stemmer returns the word w (letters a-z) unchanged
 * because of its first test: the algorithm counts the vowels (a e i o u, every one) as
 * the word's "measure" and removes nothing unless it is above 2 (indonesian.sbl, after
 * Tala 2003: every suffix or prefix removal is guarded by $measure > 2). About four new
 * words in ten are that short (dan, yang, untuk, bangsa); the call into libstemmer is
 * skipped for them. unit_text_text checks the claim against libstemmer on every word of
 * the tweets and on generated words. */
int nt_stem_keeps(const char *w, size_t len)
{
    int vowels = 0;
    for (size_t i = 0; i < len; i++)
        vowels += w[i] == 'a' || w[i] == 'e' || w[i] == 'i' || w[i] == 'o' || w[i] == 'u';
    return vowels <= 2;
}

/* h: nt_hash_bytes() of the part's text (the lexicon maps' hash). */
static void stem_part(netra_normalizer *nz, result *r, size_t p, uint64_t h)
{
    const char *t = r->text[p];
    size_t l = r->len[p];
    const char *s = nt_map_get_h(&nz->lex->stems, t, l, h);
    if (s != NULL) {
        size_t sl = strlen(s);
        memcpy(r->stem[p], s, sl + 1);
        r->stem_len[p] = sl;
        if (sl != l || memcmp(s, t, l) != 0)
            r->transforms |= NETRA_TX_STEM_TABLE;
        return;
    }
    /* names are their own stems: Snowball would cut jokowi to jokow */
    int alpha = l >= 4 && !(nt_lex_vocab_h(nz->lex, t, l, h) & NT_VOCAB_NAME);
    for (size_t i = 0; i < l && alpha; i++)
        alpha = is_alpha(t[i]);
    if (alpha && nz->stemmer != NULL && !nt_stem_keeps(t, l)) {
        const sb_symbol *st = sb_stemmer_stem(nz->stemmer, (const sb_symbol *)t, (int)l);
        int sl = sb_stemmer_length(nz->stemmer);
        if (st != NULL && sl > 0 && (size_t)sl <= BUF_MAX) {
            memcpy(r->stem[p], st, (size_t)sl);
            r->stem[p][sl] = '\0';
            r->stem_len[p] = (size_t)sl;
            if ((size_t)sl != l || memcmp(st, t, l) != 0)
                r->transforms |= NETRA_TX_STEM_SNOWBALL;
            return;
        }
    }
    memcpy(r->stem[p], t, l + 1);
    r->stem_len[p] = l;
}

static void analyze(netra_normalizer *nz, result *r, const char *raw, size_t len)
{
    const netra_text_lexicon *lex = nz->lex;
    char w[BUF_MAX + 1];
    memset(r, 0, offsetof(result, text));
    r->kind = NETRA_TOK_WORD;
    r->n_parts = 1;
    memcpy(w, raw, len);
    w[len] = '\0';
    int is_ke;
    int64_t v = number_value(w, len, &is_ke);
    if (v >= 0) {
        r->kind = NETRA_TOK_NUMBER;
        r->value = v;
        memcpy(r->text[0], w, len + 1);
        r->len[0] = len;
        memcpy(r->stem[0], w, len + 1);
        r->stem_len[0] = len;
        return;
    }
    /* kata2 -> kata-kata */
    if (len >= 4 && w[len - 1] == '2') {
        int alpha = 1;
        for (size_t i = 0; i + 1 < len && alpha; i++)
            alpha = is_alpha(w[i]);
        if (alpha && 2 * len < BUF_MAX) {
            size_t b = len - 1;
            memcpy(w + b + 1, w, b);
            w[b] = '-';
            len = 2 * b + 1;
            w[len] = '\0';
            r->transforms |= NETRA_TX_REDUPLICATION;
        }
    }
    if (unleet(lex, w, &len))
        r->transforms |= NETRA_TX_LEET;
    /* the word is looked up in up to five lexicon maps, which share one hash: computed
     * once for each spelling the word takes */
    uint64_t h = nt_hash_bytes(w, len);
    if (!nt_lex_known_h(lex, w, len, h) && unelongate(lex, w, &len)) {
        r->transforms |= NETRA_TX_ELONGATION;
        h = nt_hash_bytes(w, len);
    }
    const nt_slang *sl = nt_map_get_h(&lex->slang, w, len, h);
    if (sl != NULL) {
        size_t fl = strlen(sl->formal);
        if (fl != len || memcmp(sl->formal, w, len) != 0)
            r->transforms |= NETRA_TX_SLANG;
        r->n_parts = 0;
        size_t start = 0;
        for (size_t i = 0; i <= fl && r->n_parts < MAX_PARTS; i++) {
            if (i < fl && sl->formal[i] != ' ')
                continue;
            size_t pl = i - start;
            memcpy(r->text[r->n_parts], sl->formal + start, pl);
            r->text[r->n_parts][pl] = '\0';
            r->len[r->n_parts] = pl;
            /* in "tidak mau" only "tidak" negates (docs/data/text.md) */
            if (sl->negation && (nt_str_eq(sl->formal + start, pl, "tidak") ||
                                 nt_str_eq(sl->formal + start, pl, "bukan") ||
                                 nt_str_eq(sl->formal + start, pl, "jangan")))
                r->neg_parts |= 1u << r->n_parts;
            r->n_parts++;
            start = i + 1;
        }
    } else {
        memcpy(r->text[0], w, len + 1);
        r->len[0] = len;
    }
    if (sl != NULL) /* the parts are the slang's words: their own hashes */
        h = r->n_parts == 1 ? nt_hash_bytes(r->text[0], r->len[0]) : 0;
    if (r->n_parts == 1) {
        const nt_number *num = nt_map_get_h(&lex->numbers, r->text[0], r->len[0], h);
        if (num != NULL) {
            r->kind = NETRA_TOK_NUMBER;
            r->value = num->value;
            r->transforms |= NETRA_TX_NUMBER_WORD;
            memcpy(r->stem[0], r->text[0], r->len[0] + 1);
            r->stem_len[0] = r->len[0];
            return;
        }
    }
    for (size_t p = 0; p < r->n_parts; p++)
        stem_part(nz, r, p, r->n_parts == 1 ? h : nt_hash_bytes(r->text[p], r->len[p]));
}

/* One template: the token a word part becomes, ready to copy (only the range, the
 * transforms of its context and a hashtag parent are added per occurrence). */
static void fill_template(netra_token *t, const nt_word *w, uint32_t p, const char *text,
                          size_t len, const char *stem, size_t stem_len)
{
    memset(t, 0, sizeof *t);
    t->kind = w->kind;
    t->flags = (w->n_parts > 1 ? NETRA_TOKF_EXPANSION : 0) |
               ((w->neg_parts >> p) & 1u ? NETRA_TOKF_NEGATION : 0);
    t->transforms = w->transforms;
    t->text = text;
    t->len = (uint32_t)len;
    t->stem = stem;
    t->stem_len = (uint32_t)stem_len;
    t->hash = netra_token_hash(text, len);
    t->value = w->value;
    t->parent = -1;
}

static nt_word *new_word(nt_arena *a, size_t n_parts)
{
    nt_word *w = nt_arena_alloc(a, sizeof *w + n_parts * sizeof(netra_token));
    if (w != NULL)
        memset(w, 0, sizeof *w);
    return w;
}

/* A copy of s[0..len) in `a` preceded by its owner's cell (NETRA_TOKF_CELL), zeroed. */
static char *strndup_cell(nt_arena *a, const char *s, size_t len)
{
    char *c = nt_arena_alloc(a, NETRA_TOKEN_CELL_SIZE + len + 1);
    if (c == NULL)
        return NULL;
    memset(c, 0, NETRA_TOKEN_CELL_SIZE);
    c += NETRA_TOKEN_CELL_SIZE;
    memcpy(c, s, len);
    c[len] = '\0';
    return c;
}

/* Copies a result into `a` as an nt_word; with `cells` (a memoised word, kept for the
 * normaliser's life), each part's text gets its owner's cell. */
static nt_word *store(nt_arena *a, const result *r, int cells)
{
    nt_word *w = new_word(a, r->n_parts);
    if (w == NULL)
        return NULL;
    w->kind = r->kind;
    w->neg_parts = r->neg_parts;
    w->transforms = r->transforms;
    w->value = r->value;
    w->n_parts = (uint32_t)r->n_parts;
    for (size_t p = 0; p < r->n_parts; p++) {
        char *t = cells ? strndup_cell(a, r->text[p], r->len[p])
                        : nt_arena_strndup(a, r->text[p], r->len[p]);
        if (t == NULL)
            return NULL;
        const char *st = t;
        if (!(r->stem_len[p] == r->len[p] && memcmp(r->stem[p], t, r->len[p]) == 0) &&
            (st = nt_arena_strndup(a, r->stem[p], r->stem_len[p])) == NULL)
            return NULL;
        fill_template(&w->tpl[p], w, (uint32_t)p, t, r->len[p], st, r->stem_len[p]);
        if (cells)
            w->tpl[p].flags |= NETRA_TOKF_CELL;
    }
    return w;
}

void nt_wmemo_free(nt_wmemo *m)
{
    nt_free(m->block);
    memset(m, 0, sizeof *m);
}

/* Fills a slot for key (k0, k1, len) and its word. */
static void fill_slot(nt_wslot *s, size_t len, uint64_t k0, uint64_t k1, const nt_word *w)
{
    memset(s, 0, sizeof *s);
    s->k0 = k0;
    s->k1 = k1;
    s->w = w;
    s->klen = (uint8_t)len;
    const netra_token *t = &w->tpl[0];
    if (w->n_parts == 1 && t->len <= UINT16_MAX && t->stem_len <= UINT16_MAX &&
        t->kind <= UINT8_MAX && t->flags <= UINT8_MAX) {
        s->text = t->text;
        s->stem = t->stem;
        s->value = t->value;
        s->hash = t->hash;
        s->transforms = t->transforms;
        s->len = (uint16_t)t->len;
        s->stem_len = (uint16_t)t->stem_len;
        s->kind = (uint8_t)t->kind;
        s->flags = (uint8_t)t->flags;
        s->n_parts = 1;
    }
}

const nt_wslot *nt_wmemo_probe(const nt_wmemo *m, const char *w, size_t len, uint64_t hash,
                               uint64_t k0, uint64_t k1)
{
    for (size_t i = hash & m->mask;; i = (i + 1) & m->mask) {
        const nt_wslot *s = &m->slots[i];
        if (s->w == NULL)
            return NULL;
        if (s->k0 == k0 && s->k1 == k1 && s->klen == len &&
            (len <= 16 || memcmp(s->w->key + 16, w + 16, len - 16) == 0))
            return s;
    }
}

int nt_wmemo_put(nt_wmemo *m, size_t len, uint64_t hash, uint64_t k0, uint64_t k1, const nt_word *w)
{
    if (m->slots == NULL || (m->n + 1) * 2 > m->mask + 1) {
        size_t cap = m->slots ? (m->mask + 1) * 2 : 1024;
        void *block = nt_calloc(cap + 1, sizeof(nt_wslot)); /* one more: to align */
        if (block == NULL)
            return NETRA_ENOMEM;
        uintptr_t at = ((uintptr_t)block + 63) & ~(uintptr_t)63;
        nt_wslot *slots = (nt_wslot *)at;
        for (size_t i = 0; m->slots != NULL && i <= m->mask; i++) {
            const nt_wslot *e = &m->slots[i];
            if (e->w == NULL)
                continue;
            size_t j = nt_word_hash(e->w->key, e->klen, e->k0, e->k1) & (cap - 1);
            while (slots[j].w != NULL)
                j = (j + 1) & (cap - 1);
            slots[j] = *e;
        }
        nt_free(m->block);
        m->block = block;
        m->slots = slots;
        m->mask = cap - 1;
    }
    size_t i = hash & m->mask;
    while (m->slots[i].w != NULL)
        i = (i + 1) & m->mask;
    fill_slot(&m->slots[i], len, k0, k1, w);
    m->n++;
    return NETRA_OK;
}

int nt_word_analyze(const nt_word **out, netra_normalizer *nz, const char *w, size_t len,
                    uint64_t hash, nt_arena *arena)
{
    uint64_t k0, k1;
    nt_key16(w, len, &k0, &k1);
    if (hash == 0)
        hash = nt_word_hash(w, len, k0, k1);
    const nt_wslot *hit = nt_wmemo_get(&nz->words, w, len, hash, k0, k1);
    if (hit != NULL) {
        *out = hit->w;
        return NETRA_OK;
    }
    return nt_word_analyze_new(out, nz, w, len, hash, k0, k1, arena);
}

int nt_word_analyze_new(const nt_word **out, netra_normalizer *nz, const char *w, size_t len,
                        uint64_t hash, uint64_t k0, uint64_t k1, nt_arena *arena)
{
    if (len > NT_WORD_MAX) {
        /* Too long to be a word worth analysing: pass it through unchanged. */
        nt_word *wd = new_word(arena, 1);
        char *t = nt_arena_strndup(arena, w, len);
        if (wd == NULL || t == NULL)
            return netra_error_last()->code;
        wd->kind = NETRA_TOK_WORD;
        wd->n_parts = 1;
        fill_template(&wd->tpl[0], wd, 0, t, len, t, len);
        *out = wd;
        return NETRA_OK;
    }
    result r;
    analyze(nz, &r, w, len);
    if (nz->memo.n + nz->words.n < NT_MEMO_MAX) {
        char *key = nt_arena_strndup(&nz->memo_arena, w, len);
        nt_word *wd = key ? store(&nz->memo_arena, &r, 1) : NULL;
        if (wd == NULL)
            return netra_error_last()->code;
        wd->key = key;
        int err = nt_wmemo_put(&nz->words, len, hash, k0, k1, wd);
        if (err < 0)
            return err;
        *out = wd;
        return NETRA_OK;
    }
    nt_word *wd = store(arena, &r, 0);
    if (wd == NULL)
        return netra_error_last()->code;
    *out = wd;
    return NETRA_OK;
}
