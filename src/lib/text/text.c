/*
 * text.c - the normaliser object (a lexicon, a Snowball stemmer, a memo and reusable
 * scratch buffers) and the names of token kinds and transforms.
 */
#include <libstemmer.h>
#include <stdio.h>
#include <string.h>

#include "text/text_int.h"

int netra_normalizer_new(netra_normalizer **out, const netra_text_lexicon *lex)
{
    NT_ASSERT_ARG(out != NULL && lex != NULL);
    netra_normalizer *nz = nt_calloc(1, sizeof *nz);
    if (nz == NULL)
        return NETRA_ENOMEM;
    nz->lex = lex;
    nt_arena_init(&nz->memo_arena, 65536, 0);
    nt_map_init(&nz->memo);
    nt_vec_init(&nz->emoji, sizeof(nt_emoji_rec), NETRA_TEXT_MAX_BYTES);
    nt_vec_init(&nz->raw, sizeof(nt_raw), NETRA_TEXT_MAX_BYTES);
    nt_buf_init(&nz->joined, NETRA_TEXT_MAX_BYTES);
    if (nt_cpcache_new(nz) < 0) {
        netra_normalizer_free(nz);
        return NETRA_ENOMEM;
    }
    nz->stemmer = sb_stemmer_new("indonesian", "UTF_8");
    if (nz->stemmer == NULL) {
        netra_normalizer_free(nz);
        return nt_error_set(NETRA_ERROR, "the Snowball Indonesian stemmer is not available "
                                         "(libstemmer)");
    }
    *out = nz;
    return NETRA_OK;
}

void netra_normalizer_free(netra_normalizer *nz)
{
    if (nz == NULL)
        return;
    if (nz->stemmer != NULL)
        sb_stemmer_delete(nz->stemmer);
    nt_map_free(&nz->memo);
    nt_wmemo_free(&nz->words);
    nt_arena_free(&nz->memo_arena);
    nt_free(nz->norm);
    nt_free(nz->ostart);
    nt_free(nz->oend);
    nt_free(nz->oflags);
    nt_free(nz->caseb);
    nt_free(nz->cpc);
    nt_free(nz->cps);
    nt_free(nz->cpo);
    nt_vec_free(&nz->emoji);
    nt_vec_free(&nz->raw);
    nt_buf_free(&nz->joined);
    nt_free(nz);
}

/* Standard FNV-1a 64 (offset basis 0xcbf29ce484222325): not nt_hash_fnv, whose seed
 * differs, so that a matcher can rebuild it from the documentation alone. */
const unsigned char nt_key_mask[32] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

uint32_t netra_token_hash(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return (uint32_t)nt_hash_fnv_final(h);
}

const char *netra_token_kind_name(netra_token_kind kind)
{
    switch (kind) {
    case NETRA_TOK_WORD:
        return "word";
    case NETRA_TOK_NUMBER:
        return "number";
    case NETRA_TOK_HASHTAG:
        return "hashtag";
    case NETRA_TOK_MENTION:
        return "mention";
    case NETRA_TOK_URL:
        return "url";
    case NETRA_TOK_EMOJI:
        return "emoji";
    case NETRA_TOK_GESTURE:
        return "gesture";
    case NETRA_TOK_PUNCT:
        return "punct";
    default:
        return "?";
    }
}

const char *netra_transform_name(uint32_t bit)
{
    static const char *const names[NETRA_TX_COUNT] = {
        "invalid_utf8", "invisible",     "marks",        "compat",        "case",
        "confusable",   "spaced",        "leet",         "elongation",    "slang",
        "number_word",  "keycap",        "emoji",        "hashtag_split", "reduplication",
        "stem_table",   "stem_snowball", "punct_squeeze"};
    for (int i = 0; i < NETRA_TX_COUNT; i++)
        if (bit == (1u << i))
            return names[i];
    return NULL;
}

typedef struct fmt {
    char *buf;  /* destination */
    size_t cap; /* its size */
    size_t len; /* length needed so far */
} fmt;

static void put(fmt *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, f->len++)
        if (f->len + 1 < f->cap)
            f->buf[f->len] = s[i];
}

static void puts_(fmt *f, const char *s)
{
    put(f, s, strlen(s));
}

static void put_int(fmt *f, int64_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    if (n > 0)
        put(f, b, (size_t)n);
}

size_t netra_text_format(char *buf, size_t cap, const netra_text *text, int stems)
{
    fmt f = {buf, cap, 0};
    for (size_t i = 0; i < text->n_tokens; i++) {
        const netra_token *t = &text->tokens[i];
        if (i > 0)
            put(&f, " ", 1);
        if (t->flags & NETRA_TOKF_HASHTAG_PART)
            put(&f, "+", 1);
        switch (t->kind) {
        case NETRA_TOK_NUMBER:
            puts_(&f, "n:");
            put(&f, t->text, t->len);
            put(&f, "=", 1);
            put_int(&f, t->value);
            break;
        case NETRA_TOK_GESTURE:
            puts_(&f, "g:");
            put(&f, t->text, t->len);
            put(&f, "=", 1);
            put_int(&f, t->value);
            break;
        case NETRA_TOK_HASHTAG:
            puts_(&f, "h:");
            put(&f, t->text, t->len);
            break;
        case NETRA_TOK_MENTION:
            puts_(&f, "m:");
            put(&f, t->text, t->len);
            break;
        case NETRA_TOK_URL:
            puts_(&f, "u:");
            put(&f, t->text, t->len);
            break;
        case NETRA_TOK_EMOJI:
            puts_(&f, "e:");
            put(&f, t->text, t->len);
            break;
        case NETRA_TOK_PUNCT:
            puts_(&f, "p:");
            put(&f, t->text, t->len);
            break;
        default:
            put(&f, t->text, t->len);
            if (t->flags & NETRA_TOKF_NEGATION)
                puts_(&f, "!neg");
            if (stems) {
                put(&f, "/", 1);
                put(&f, t->stem, t->stem_len);
            }
            break;
        }
    }
    if (cap > 0)
        buf[f.len < cap ? f.len : cap - 1] = '\0';
    return f.len;
}
