/*
 * lexicon.c - loads the word lists of data/text/ (docs/data/text.md) into hash maps.
 *
 * Every key is checked (lowercase ASCII words, well-formed code points, no duplicates) and
 * every error names file:line:field. After loading the lexicon is immutable, except for
 * netra_text_lexicon_add_words() before normalisers are created.
 */
#include <string.h>

#include "text/text_int.h"

/* A key word: lowercase ASCII letters and digits, with ' and - inside. */
static int check_word(const nt_tsv *t, const char *col, const char *s, size_t len, int spaces)
{
    if (len == 0)
        return nt_tsv_error(t, col, "empty");
    if (len > NT_WORD_MAX * (spaces ? 4 : 1))
        return nt_tsv_error(t, col, "longer than %d bytes", NT_WORD_MAX);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 ((c == '\'' || c == '-' || c == '_') && i > 0 && i + 1 < len) ||
                 (spaces && c == ' ' && i > 0 && i + 1 < len && s[i - 1] != ' ');
        if (!ok)
            return nt_tsv_error(t, col, "'%.*s' has '%c' at byte %zu (lowercase a-z, 0-9%s)",
                                (int)len, s, c, i + 1, spaces ? ", single spaces" : "");
    }
    return NETRA_OK;
}

static char *dup(netra_text_lexicon *lex, const char *s, size_t len)
{
    return nt_arena_strndup(&lex->arena, s, len);
}

static int put_unique(nt_map *m, const nt_tsv *t, const char *col, const char *key, size_t klen,
                      void *value)
{
    if (nt_map_has(m, key, klen))
        return nt_tsv_error(t, col, "'%.*s' is listed twice", (int)klen, key);
    return nt_map_put(m, key, klen, value, NULL);
}

static int load_slang(netra_text_lexicon *lex, const char *dir)
{
    static const char *const cols[] = {"slang", "formal", "category", NULL};
    static const char *const cats[] = {"abbreviation", "elongation", "regional", "coinage",
                                       "negation",     "affixation", "typo",     NULL};
    nt_table f;
    int err = nt_table_open(&f, dir, "slang.tsv", cols, NT_LEX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&f)) > 0) {
        size_t sl, fl, cl;
        const char *s = nt_tsv_get(&f.t, "slang", &sl);
        const char *fo = nt_tsv_get(&f.t, "formal", &fl);
        const char *cat = nt_tsv_get(&f.t, "category", &cl);
        if ((err = check_word(&f.t, "slang", s, sl, 0)) < 0 ||
            (err = check_word(&f.t, "formal", fo, fl, 1)) < 0)
            break;
        int known = 0;
        for (size_t i = 0; cats[i] != NULL; i++)
            known |= nt_str_eq(cat, cl, cats[i]);
        if (!known) {
            err = nt_tsv_error(&f.t, "category", "'%.*s' is not a category (%s)", (int)cl, cat,
                               "abbreviation, elongation, regional, coinage, negation, "
                               "affixation, typo");
            break;
        }
        int neg = nt_str_eq(cat, cl, "negation");
        if (!neg && sl == fl && memcmp(s, fo, sl) == 0) {
            err = nt_tsv_error(&f.t, "formal",
                               "same as the slang form (only negation rows may "
                               "map a word to itself)");
            break;
        }
        nt_slang *e = nt_arena_alloc(&lex->arena, sizeof *e);
        char *key = dup(lex, s, sl);
        if (e == NULL || key == NULL || (e->formal = dup(lex, fo, fl)) == NULL) {
            err = netra_error_last()->code;
            break;
        }
        e->n_words = 1;
        for (size_t i = 0; i < fl; i++)
            e->n_words += fo[i] == ' ';
        e->negation = (uint8_t)neg;
        if ((err = put_unique(&lex->slang, &f.t, "slang", key, sl, e)) < 0)
            break;
    }
    nt_table_close(&f);
    return err < 0 ? err : NETRA_OK;
}

static int load_stems(netra_text_lexicon *lex, const char *dir)
{
    static const char *const cols[] = {"form", "stem", NULL};
    nt_table f;
    int err = nt_table_open(&f, dir, "stems.tsv", cols, NT_LEX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&f)) > 0) {
        size_t fl, sl;
        const char *fo = nt_tsv_get(&f.t, "form", &fl);
        const char *st = nt_tsv_get(&f.t, "stem", &sl);
        if ((err = check_word(&f.t, "form", fo, fl, 0)) < 0 ||
            (err = check_word(&f.t, "stem", st, sl, 0)) < 0)
            break;
        char *key = dup(lex, fo, fl), *val = dup(lex, st, sl);
        if (key == NULL || val == NULL) {
            err = netra_error_last()->code;
            break;
        }
        if ((err = put_unique(&lex->stems, &f.t, "form", key, fl, val)) < 0)
            break;
    }
    nt_table_close(&f);
    return err < 0 ? err : NETRA_OK;
}

static int load_numbers(netra_text_lexicon *lex, const char *dir)
{
    static const char *const cols[] = {"word", "value", "kind", NULL};
    nt_table f;
    int err = nt_table_open(&f, dir, "numbers.tsv", cols, NT_LEX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&f)) > 0) {
        size_t wl, kl;
        const char *w = nt_tsv_get(&f.t, "word", &wl);
        const char *k = nt_tsv_get(&f.t, "kind", &kl);
        long v;
        if ((err = check_word(&f.t, "word", w, wl, 0)) < 0 ||
            (err = nt_tsv_get_long(&v, &f.t, "value", 0, 1000000000L)) < 0)
            break;
        nt_number *n = nt_arena_alloc(&lex->arena, sizeof *n);
        char *key = dup(lex, w, wl);
        if (n == NULL || key == NULL) {
            err = netra_error_last()->code;
            break;
        }
        n->value = v;
        if (nt_str_eq(k, kl, "word"))
            n->kind = 0;
        else if (nt_str_eq(k, kl, "ordinal"))
            n->kind = 1;
        else if (nt_str_eq(k, kl, "roman"))
            n->kind = 2;
        else {
            err = nt_tsv_error(&f.t, "kind", "'%.*s' is not word, ordinal or roman", (int)kl, k);
            break;
        }
        if ((err = put_unique(&lex->numbers, &f.t, "word", key, wl, n)) < 0)
            break;
    }
    nt_table_close(&f);
    return err < 0 ? err : NETRA_OK;
}

/* Parses "U+XXXX" (4 to 6 hex digits); returns the code point or -1. */
static long parse_cp(const char *s, size_t len)
{
    if (len < 6 || len > 8 || s[0] != 'U' || s[1] != '+')
        return -1;
    long v = 0;
    for (size_t i = 2; i < len; i++) {
        char c = s[i];
        int d = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                         : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    return v;
}

static int load_emoji(netra_text_lexicon *lex, const char *dir)
{
    static const char *const cols[] = {"codepoints", "kind", "name", "value", NULL};
    nt_table f;
    int err = nt_table_open(&f, dir, "emoji.tsv", cols, NT_LEX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&f)) > 0) {
        size_t cl, kl, nl;
        const char *cps = nt_tsv_get(&f.t, "codepoints", &cl);
        const char *k = nt_tsv_get(&f.t, "kind", &kl);
        const char *name = nt_tsv_get(&f.t, "name", &nl);
        long v;
        uint32_t seq[8];
        size_t n = 0, start = 0;
        err = NETRA_OK;
        for (size_t i = 0; i <= cl && err == 0; i++) {
            if (i < cl && cps[i] != ' ')
                continue;
            long cp = parse_cp(cps + start, i - start);
            if (cp < 0 || n == 8)
                err = nt_tsv_error(&f.t, "codepoints", "'%.*s' is not a list of up to 8 U+XXXX",
                                   (int)cl, cps);
            else
                seq[n++] = (uint32_t)cp;
            start = i + 1;
        }
        if (err < 0 || (err = check_word(&f.t, "name", name, nl, 0)) < 0 ||
            (err = nt_tsv_get_long(&v, &f.t, "value", 0, 10)) < 0)
            break;
        nt_emoji *e = nt_arena_alloc(&lex->arena, sizeof *e);
        char *key = nt_arena_alloc(&lex->arena, n * sizeof(uint32_t));
        if (e == NULL || key == NULL || (e->name = dup(lex, name, nl)) == NULL) {
            err = netra_error_last()->code;
            break;
        }
        memcpy(key, seq, n * sizeof(uint32_t));
        if (nt_str_eq(k, kl, "gesture"))
            e->kind = NETRA_TOK_GESTURE;
        else if (nt_str_eq(k, kl, "emoji"))
            e->kind = NETRA_TOK_EMOJI;
        else {
            err = nt_tsv_error(&f.t, "kind", "'%.*s' is neither gesture nor emoji", (int)kl, k);
            break;
        }
        e->value = v;
        if ((err = put_unique(&lex->emoji, &f.t, "codepoints", key, n * sizeof(uint32_t), e)) < 0)
            break;
    }
    nt_table_close(&f);
    return err < 0 ? err : NETRA_OK;
}

static int load_confusables(netra_text_lexicon *lex, const char *dir)
{
    static const char *const cols[] = {"char", "latin", "script", NULL};
    nt_table f;
    int err = nt_table_open(&f, dir, "confusables.tsv", cols, NT_LEX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&f)) > 0) {
        size_t cl, ll;
        const char *c = nt_tsv_get(&f.t, "char", &cl);
        const char *l = nt_tsv_get(&f.t, "latin", &ll);
        long cp = parse_cp(c, cl);
        if (cp < 0x80) {
            err = nt_tsv_error(&f.t, "char", "'%.*s' is not a non-ASCII U+XXXX code point", (int)cl,
                               c);
            break;
        }
        if ((err = check_word(&f.t, "latin", l, ll, 0)) < 0)
            break;
        uint32_t *key = nt_arena_alloc(&lex->arena, sizeof *key);
        char *val = dup(lex, l, ll);
        if (key == NULL || val == NULL) {
            err = netra_error_last()->code;
            break;
        }
        *key = (uint32_t)cp;
        if ((err = put_unique(&lex->confusable, &f.t, "char", (const char *)key, 4, val)) < 0)
            break;
    }
    nt_table_close(&f);
    return err < 0 ? err : NETRA_OK;
}

static int add_vocab(netra_text_lexicon *lex, const char *w, size_t len, uint32_t bits)
{
    uintptr_t old = (uintptr_t)nt_map_get(&lex->vocab, w, len);
    if (old != 0)
        return nt_map_put(&lex->vocab, w, len, (void *)(old | bits), NULL);
    char *key = dup(lex, w, len);
    if (key == NULL)
        return netra_error_last()->code;
    return nt_map_put(&lex->vocab, key, len, (void *)(uintptr_t)bits, NULL);
}

static int load_vocab(netra_text_lexicon *lex, const char *dir)
{
    static const char *const cols[] = {"word", "kind", NULL};
    nt_table f;
    int err = nt_table_open(&f, dir, "vocab.tsv", cols, NT_LEX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&f)) > 0) {
        size_t wl, kl;
        const char *w = nt_tsv_get(&f.t, "word", &wl);
        const char *k = nt_tsv_get(&f.t, "kind", &kl);
        if ((err = check_word(&f.t, "word", w, wl, 0)) < 0)
            break;
        uint32_t bits = nt_str_eq(k, kl, "common")   ? NT_VOCAB_COMMON
                        : nt_str_eq(k, kl, "name")   ? NT_VOCAB_NAME
                        : nt_str_eq(k, kl, "slogan") ? NT_VOCAB_SLOGAN
                                                     : 0;
        if (bits == 0) {
            err = nt_tsv_error(&f.t, "kind", "'%.*s' is not common, name or slogan", (int)kl, k);
            break;
        }
        if ((err = add_vocab(lex, w, wl, bits)) < 0)
            break;
    }
    nt_table_close(&f);
    return err < 0 ? err : NETRA_OK;
}

/* Slang forms and expansions, stem forms and number words are known words too. */
static int derive_known(netra_text_lexicon *lex)
{
    size_t it = 0;
    const char *k;
    size_t kl;
    void *v;
    int err = NETRA_OK;
    while (err == 0 && nt_map_next(&lex->slang, &it, &k, &kl, &v)) {
        const nt_slang *s = v;
        size_t start = 0, fl = strlen(s->formal);
        for (size_t i = 0; i <= fl && err == 0; i++)
            if (i == fl || s->formal[i] == ' ') {
                err = add_vocab(lex, s->formal + start, i - start, NT_VOCAB_OTHER);
                start = i + 1;
            }
    }
    it = 0;
    while (err == 0 && nt_map_next(&lex->stems, &it, &k, &kl, &v))
        err = add_vocab(lex, k, kl, NT_VOCAB_OTHER);
    it = 0;
    while (err == 0 && nt_map_next(&lex->numbers, &it, &k, &kl, &v))
        err = add_vocab(lex, k, kl, NT_VOCAB_OTHER);
    return err;
}

void netra_text_lexicon_free(netra_text_lexicon *lex)
{
    if (lex == NULL)
        return;
    nt_map_free(&lex->slang);
    nt_map_free(&lex->stems);
    nt_map_free(&lex->numbers);
    nt_map_free(&lex->emoji);
    nt_map_free(&lex->confusable);
    nt_map_free(&lex->vocab);
    nt_arena_free(&lex->arena);
    nt_free(lex);
}

int netra_text_lexicon_load(netra_text_lexicon **out, const char *dir)
{
    int err;
    nt_buf path;
    nt_buf_init(&path, 4096);
    NT_ASSERT_ARG(out != NULL);
    netra_text_lexicon *lex = nt_calloc(1, sizeof *lex);
    if (lex == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&lex->arena, 65536, 0);
    nt_map_init(&lex->slang);
    nt_map_init(&lex->stems);
    nt_map_init(&lex->numbers);
    nt_map_init(&lex->emoji);
    nt_map_init(&lex->confusable);
    nt_map_init(&lex->vocab);
    if (dir == NULL) {
        if ((err = nt_buf_addf(&path, "%s/text", netra_data_dir())) < 0)
            goto fail;
        dir = nt_buf_cstr(&path);
    }
    if ((err = load_slang(lex, dir)) < 0 || (err = load_stems(lex, dir)) < 0 ||
        (err = load_numbers(lex, dir)) < 0 || (err = load_emoji(lex, dir)) < 0 ||
        (err = load_confusables(lex, dir)) < 0 || (err = load_vocab(lex, dir)) < 0 ||
        (err = derive_known(lex)) < 0)
        goto fail;
    nt_buf_free(&path);
    *out = lex;
    return NETRA_OK;
fail:
    nt_buf_free(&path);
    netra_text_lexicon_free(lex);
    return err;
}

int netra_text_lexicon_add_words(netra_text_lexicon *lex, const char *const *words, size_t n_words)
{
    for (size_t i = 0; i < n_words; i++) {
        size_t len = strlen(words[i]);
        if (len == 0 || len > NT_WORD_MAX)
            return nt_error_set(NETRA_EINVAL, "word %zu is empty or longer than %d bytes", i + 1,
                                NT_WORD_MAX);
        int err = add_vocab(lex, words[i], len, NT_VOCAB_OTHER);
        if (err < 0)
            return err;
    }
    return NETRA_OK;
}

int nt_lex_known(const netra_text_lexicon *lex, const char *w, size_t len)
{
    return nt_lex_known_h(lex, w, len, nt_hash_bytes(w, len));
}

uint32_t nt_lex_vocab_h(const netra_text_lexicon *lex, const char *w, size_t len, uint64_t h)
{
    return (uint32_t)(uintptr_t)nt_map_get_h(&lex->vocab, w, len, h);
}

/* Every slang value is a record, never NULL: a hit is a non-NULL value. */
int nt_lex_known_h(const netra_text_lexicon *lex, const char *w, size_t len, uint64_t h)
{
    return nt_lex_vocab_h(lex, w, len, h) != 0 || nt_map_get_h(&lex->slang, w, len, h) != NULL;
}

const nt_emoji *nt_lex_emoji(const netra_text_lexicon *lex, const uint32_t *cps, size_t n)
{
    return nt_map_get(&lex->emoji, (const char *)cps, n * sizeof(uint32_t));
}

const char *nt_lex_confusable(const netra_text_lexicon *lex, uint32_t cp)
{
    return nt_map_get(&lex->confusable, (const char *)&cp, 4);
}
