/*
 * text_int.h - internals of the text normaliser (src/lib/text): the lexicon tables, the
 * per-word analysis and its memo, and the two stages of netra_normalize().
 *
 * Layering: text uses util, utf8proc and libstemmer. Stage A (unicode.c) turns the input
 * into a casefolded, disguise-free byte string `norm` with, for every byte, the range of
 * original bytes it came from; emoji are pulled out first and leave a marker byte. Stage B
 * (tokenize.c) cuts `norm` into raw tokens, joins spaced letters, and analyses each word
 * (word.c) through a memo so that a word seen before costs one hash lookup.
 */
#ifndef NT_TEXT_INT_H
#define NT_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/util_int.h"
#include "netra/text.h"

#define NT_WORD_MAX     64     /* longest word analysed; longer ones pass unchanged */
#define NT_MEMO_MAX     262144 /* words memoised per normaliser; later ones go to the arena */
#define NT_EMOJI_MARK   0x01   /* byte left in `norm` where an emoji was */
#define NT_INVALID_MARK 0x02   /* byte left in `norm` for U+FFFD: a separator */
#define NT_LEX_MAX_ROWS 200000 /* rows per lexicon file */

/* Stage A transforms per norm byte (nz->oflags). */
#define NT_AF_CASE       0x01u
#define NT_AF_COMPAT     0x02u
#define NT_AF_CONFUSABLE 0x04u
#define NT_AF_INVISIBLE  0x08u
#define NT_AF_MARKS      0x10u
#define NT_AF_INVALID    0x20u

/* Vocabulary kinds (vocab.tsv), as bits so a word may be several. */
#define NT_VOCAB_COMMON 0x1u
#define NT_VOCAB_NAME   0x2u
#define NT_VOCAB_SLOGAN 0x4u
#define NT_VOCAB_OTHER  0x8u /* known through slang, stems or numbers, or added by a caller */

typedef struct nt_slang {
    const char *formal; /* expansion: one or more words separated by single spaces */
    uint8_t n_words;    /* words in formal */
    uint8_t negation;   /* category negation */
} nt_slang;

typedef struct nt_number {
    int64_t value; /* its value */
    uint8_t kind;  /* 0 word, 1 ordinal, 2 roman */
} nt_number;

typedef struct nt_emoji {
    netra_token_kind kind; /* NETRA_TOK_GESTURE or NETRA_TOK_EMOJI */
    const char *name;      /* gesture name or emoji class */
    int64_t value;         /* fingers for gestures */
} nt_emoji;

struct netra_text_lexicon {
    nt_arena arena;    /* strings and records */
    nt_map slang;      /* slang -> nt_slang */
    nt_map stems;      /* inflected form -> stem (char *) */
    nt_map numbers;    /* word -> nt_number */
    nt_map emoji;      /* code point sequence (UTF-32 bytes) -> nt_emoji */
    nt_map confusable; /* code point (4 bytes) -> Latin replacement (char *) */
    nt_map vocab;      /* word -> NT_VOCAB_* bits, stored in the pointer value */
};

/* The analysis of one word, memoised by its raw (casefolded) spelling. */
typedef struct nt_word {
    netra_token_kind kind; /* NETRA_TOK_WORD or NETRA_TOK_NUMBER */
    uint32_t neg_parts;    /* bit p set: part p is a negation (tidak, bukan, jangan) */
    uint32_t transforms;   /* NETRA_TX_* */
    uint32_t n_parts;      /* 1, or the number of words of a slang expansion */
    int64_t value;         /* numbers */
    const char *key;       /* the raw spelling it was memoised under (NULL when not) */
    netra_token tpl[];     /* n_parts tokens ready to copy (ranges and parent to fill) */
} nt_word;

/* The word memo: open addressing, linear probing, one 64-byte cache line per slot that
 * holds the key's first 16 bytes and, for a word that becomes one token (nearly all),
 * that token's fields: a hit reads one line, compares two 8-byte words, and writes the
 * token from it. Longer keys compare their tail with nt_word.key; slang expansions
 * (n_parts != 1) take their tokens from the nt_word. */
typedef struct nt_wslot {
    uint64_t k0, k1;     /* key bytes 0-7 and 8-15, zero-padded */
    const nt_word *w;    /* the analysis; NULL for an empty slot */
    const char *text;    /* n_parts == 1: the token's text, stem and value */
    const char *stem;    /* ... */
    int64_t value;       /* ... */
    uint32_t hash;       /* ... its hash */
    uint32_t transforms; /* ... its transforms */
    uint16_t len;        /* ... its text length */
    uint16_t stem_len;   /* ... its stem length */
    uint8_t klen;        /* key length (at most NT_WORD_MAX) */
    uint8_t n_parts;     /* 1 when the fields above are the token, else 0 (next to klen:
                            tokenize.c's fast path compares the two as one 16-bit word) */
    uint8_t kind;        /* n_parts == 1: the token's kind */
    uint8_t flags;       /* ... its flags */
} nt_wslot;

typedef struct nt_wmemo {
    nt_wslot *slots; /* capacity is a power of two; 64-byte aligned */
    void *block;     /* the allocation slots live in */
    size_t mask;     /* capacity - 1 */
    size_t n;        /* entries */
} nt_wmemo;

/* 16 bytes 0xff then 16 zero bytes: from offset 16 - n, a mask of the first n bytes. */
extern const unsigned char nt_key_mask[32];

/* The 16-byte key of w[0..len) when 16 bytes from w may be read (norm is padded): two
 * loads and two masks, in memory order whatever the byte order. */
static inline void nt_key16_padded(const char *w, size_t len, uint64_t *k0, uint64_t *k1)
{
    uint64_t a, b, m0, m1;
    size_t n = len < 16 ? len : 16;
    memcpy(&a, w, 8);
    memcpy(&b, w + 8, 8);
    memcpy(&m0, nt_key_mask + 16 - n, 8);
    memcpy(&m1, nt_key_mask + 24 - n, 8);
    *k0 = a & m0;
    *k1 = b & m1;
}

/* The same from any buffer (only len bytes are read). */
static inline void nt_key16(const char *w, size_t len, uint64_t *k0, uint64_t *k1)
{
    unsigned char buf[16] = {0};
    for (size_t i = 0; i < len && i < 16; i++)
        buf[i] = (unsigned char)w[i];
    memcpy(k0, buf, 8);
    memcpy(k1, buf + 8, 8);
}

/* The memo's hash of a word: its 16 key bytes and length mixed by two multiplies (no
 * byte loop: the key is loaded anyway), the bytes past 16 by FNV-1a. The high bits of
 * the products, which every key bit reaches, are folded onto the low ones the tables
 * index by with two shifts (a multiply-xorshift finaliser cost three more instructions a
 * word and, on the bench posts, saved 0.02 probes a post). */
static inline uint64_t nt_word_hash(const char *w, size_t len, uint64_t k0, uint64_t k1)
{
    uint64_t h = k0 * 0x9E3779B97F4A7C15ULL ^ (k1 + len) * 0xC2B2AE3D27D4EB4FULL;
    if (len > 16)
        h ^= nt_hash_fnv(w + 16, len - 16);
    return h ^ (h >> 29) ^ (h >> 47);
}

/* word.c: the whole probe of nt_wmemo_get(), out of line. */
const nt_wslot *nt_wmemo_probe(const nt_wmemo *m, const char *w, size_t len, uint64_t hash,
                               uint64_t k0, uint64_t k1);

/* The usual cases inline: the first slot is empty, or holds the word (16 bytes or fewer).
 * The rest (a collision, a longer word and its memcmp) goes to nt_wmemo_probe(): with that
 * loop and call inline, the compiler moved a dozen registers around it at every lookup. */
static inline const nt_wslot *nt_wmemo_get(const nt_wmemo *m, const char *w, size_t len,
                                           uint64_t hash, uint64_t k0, uint64_t k1)
{
    if (m->slots == NULL)
        return NULL;
    const nt_wslot *s = &m->slots[hash & m->mask];
    if (s->w == NULL)
        return NULL;
    if (s->k0 == k0 && s->k1 == k1 && s->klen == len && len <= 16)
        return s;
    return nt_wmemo_probe(m, w, len, hash, k0, k1);
}

int nt_wmemo_put(nt_wmemo *m, size_t len, uint64_t hash, uint64_t k0, uint64_t k1,
                 const nt_word *w);
_Static_assert(sizeof(nt_wslot) == 64, "a memo slot is one cache line");
_Static_assert(offsetof(nt_wslot, n_parts) == offsetof(nt_wslot, klen) + 1,
               "klen and n_parts are read as one 16-bit word");
void nt_wmemo_free(nt_wmemo *m);

/* A raw token of stage B, before analysis. */
typedef struct nt_raw {
    netra_token_kind kind; /* guessed kind (WORD for words and numbers) */
    uint32_t ns, ne;       /* range in norm */
    uint32_t transforms;   /* transforms seen so far */
    int64_t value;         /* numbers, gestures */
    const char *name;      /* emoji class or gesture name */
    uint8_t spaced;        /* a word joined from spaced letters (text in `joined`) */
    uint32_t js, jl;       /* range of the joined letters in the scratch buffer */
} nt_raw;

/* An emoji found by stage A, in order. */
typedef struct nt_emoji_rec {
    netra_token_kind kind; /* GESTURE, EMOJI or NUMBER (keycap digits) */
    const char *name;      /* class or name; NULL for keycap digits */
    int64_t value;         /* fingers or digit */
    uint32_t start, end;   /* original bytes */
    uint32_t transforms;   /* TX_EMOJI, TX_KEYCAP */
} nt_emoji_rec;

struct netra_normalizer {
    const netra_text_lexicon *lex; /* borrowed */
    struct sb_stemmer *stemmer;    /* Snowball Indonesian */
    nt_arena memo_arena;           /* memo keys and nt_word records */
    nt_map memo;                   /* '#' + hashtag spelling -> nt_split */
    nt_wmemo words;                /* raw word -> nt_word */
    /* scratch reused by every call; grown to the largest text seen */
    char *norm;             /* stage A output */
    uint32_t *ostart;       /* per norm byte: first original byte */
    uint32_t *oend;         /* per norm byte: one past its last original byte */
    uint8_t *oflags;        /* per norm byte: NT_AF_* stage A transforms that produced it */
    uint8_t *caseb;         /* ASCII path: per byte, 0x20 when it was upper case (padded) */
    uint8_t pending;        /* NT_AF_* of removed characters, given to the next byte */
    struct nt_cpcache *cpc; /* stage A: recorded conversions of code points (unicode.c) */
    size_t norm_cap;        /* capacity of the arrays (norm and caseb have 16 bytes more) */
    int identity;           /* ASCII fast path: norm byte i is original byte i */
    uint32_t *cps;          /* decoded code points */
    uint32_t *cpo;          /* their original offsets (n_cps + 1 entries) */
    size_t cps_cap;         /* capacity */
    nt_vec emoji;           /* nt_emoji_rec */
    nt_vec raw;             /* nt_raw */
    nt_buf joined;          /* letters of spaced-apart words, joined */
    netra_token *out;       /* the tokens being built, in the caller's arena */
    size_t out_n;           /* tokens written */
    size_t out_cap;         /* room in out */
    nt_arena *out_arena;    /* the caller's arena for this call */
    const char *orig;       /* the original text of this call */
    uint32_t text_tx;       /* transforms of the text as a whole */
    uint32_t punct_hash[3]; /* netra_token_hash of '"', '?' and '!', once computed (0 before) */
    int general;            /* tests: every text takes the general path of stage B */
};

/* lexicon.c */
int nt_lex_known(const netra_text_lexicon *lex, const char *w, size_t len);
/* The vocabulary's flags of w (NT_VOCAB_*, 0 when absent), and nt_lex_known(), with
 * h = nt_hash_bytes(w, len), the hash every lexicon map is keyed by, for a caller that looks
 * the same word up in several maps (word.c hashes a new word once). */
uint32_t nt_lex_vocab_h(const netra_text_lexicon *lex, const char *w, size_t len, uint64_t h);
int nt_lex_known_h(const netra_text_lexicon *lex, const char *w, size_t len, uint64_t h);
const nt_emoji *nt_lex_emoji(const netra_text_lexicon *lex, const uint32_t *cps, size_t n);
const char *nt_lex_confusable(const netra_text_lexicon *lex, uint32_t cp);

/* unicode.c: stage A. Fills nz->norm/ostart/oend (or sets identity) and nz->emoji. */
int nt_text_stage_a(netra_normalizer *nz, const char *text, size_t len, size_t *norm_len);
/* unicode.c: allocates nz->cpc, the stage A cache of code point conversions. */
int nt_cpcache_new(netra_normalizer *nz);

/* tokenize.c, for the tests: the first byte at or after q that is not a word byte (the
 * SIMD scan of stage B; s must be readable 16 bytes past that byte), and whether c is a
 * word byte by the class table. */
size_t nt_text_word_end(const char *s, size_t q);
int nt_text_word_byte(unsigned char c);

/* tokenize.c: on != 0 sends every text through the general path of stage B, which the
 * fast path must match token for token (the tests compare the two). */
void nt_text_force_general(netra_normalizer *nz, int on);

/* word.c: the analysis of one raw word (leet, elongation, slang, numbers, stem). The
 * result is memoised when the memo has room, else built in `arena`. `hash` is
 * nt_word_hash() of the word when the caller has it, else 0. */
int nt_word_analyze(const nt_word **out, netra_normalizer *nz, const char *w, size_t len,
                    uint64_t hash, nt_arena *arena);
/* The same for a word the caller has just looked up in the memo and not found, with its
 * key and nt_word_hash(): no second key, hash and lookup. */
int nt_word_analyze_new(const nt_word **out, netra_normalizer *nz, const char *w, size_t len,
                        uint64_t hash, uint64_t k0, uint64_t k1, nt_arena *arena);

/* word.c: whether the Snowball Indonesian stemmer leaves the word (a-z) unchanged on
 * account of its vowel count alone; stem_part() does not call it then. */
int nt_stem_keeps(const char *w, size_t len);

/* hashtag.c: splits a hashtag body into parts; `orig` is its original spelling when that
 * is ASCII (for camel case), else NULL. Fills starts/lens (offsets into body). */
size_t nt_hashtag_split(const netra_text_lexicon *lex, const char *body, size_t len,
                        const char *orig, uint32_t *starts, uint32_t *lens, size_t max);

#endif
