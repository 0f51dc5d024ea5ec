/*
 * text.h - the normaliser for informal and disguised Indonesian.
 *
 * netra_normalize() turns raw UTF-8 (a post, a comment, a caption) into tokens a matcher
 * can trust: words with slang expanded, elongation squeezed, leetspeak and look-alike
 * letters undone; numbers (digits, number words, keycaps, "ke-2"); hashtags with their
 * parts; mentions; URLs; emoji and hand signs; the punctuation that carries stance (? ! ").
 * Every token keeps the byte range of the original text it came from, always on character
 * boundaries. The rules are in docs/internals/text.md; the word lists in data/text/.
 *
 * Threads: a netra_text_lexicon is immutable and may be shared; a netra_normalizer (which
 * memoises per-word work) belongs to one thread at a time.
 */
#ifndef NETRA_TEXT_H
#define NETRA_TEXT_H

#include <stdint.h>
#include "netra/common.h"
#include "netra/arena.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The word lists of data/text/: slang, stems, numbers, emoji, look-alikes, vocabulary. */
typedef struct netra_text_lexicon netra_text_lexicon;

/** A normaliser: the lexicon, a stemmer and a per-word memo. One per thread. */
typedef struct netra_normalizer netra_normalizer;

/** Kinds of token. */
typedef enum netra_token_kind {
    NETRA_TOK_WORD = 1, /* a word, normalised */
    NETRA_TOK_NUMBER,   /* digits, a number word, a keycap, "ke-2", a roman numeral */
    NETRA_TOK_HASHTAG,  /* a whole hashtag, without '#' */
    NETRA_TOK_MENTION,  /* @handle, without '@' */
    NETRA_TOK_URL,      /* URL, www address, domain or e-mail, as written */
    NETRA_TOK_EMOJI,    /* an emoji, by class */
    NETRA_TOK_GESTURE,  /* a hand sign; value = fingers shown */
    NETRA_TOK_PUNCT     /* '?', '!' or '"' (a run of them is one token) */
} netra_token_kind;

/* Token flags. */
#define NETRA_TOKF_NEGATION     0x01u /* a negation word (tidak, gak, jangan, bukan...) */
#define NETRA_TOKF_HASHTAG_PART 0x02u /* a part of the hashtag at index `parent` */
#define NETRA_TOKF_EXPANSION    0x04u /* one of several words a slang entry expands to */
/* The token's text is a word the normaliser memoised: NETRA_TOKEN_CELL_SIZE bytes right
 * before `text` (8-byte aligned, zero at first) belong to the owner of the normaliser, for
 * what it computes once per distinct word (a matcher's ids). They live as long as the
 * normaliser, are the same for every occurrence of the word, and are never read by it.
 * netra_token_cell() gives them. A normaliser's cells serve one owner only. */
#define NETRA_TOKF_CELL       0x08u
#define NETRA_TOKEN_CELL_SIZE 16u

/* Transforms, recorded per token and per text (docs/internals/text.md, "pipeline"). */
#define NETRA_TX_INVALID_UTF8  (1u << 0)  /* invalid bytes replaced by U+FFFD */
#define NETRA_TX_INVISIBLE     (1u << 1)  /* zero-width, bidi, variation selectors removed */
#define NETRA_TX_MARKS         (1u << 2)  /* combining marks removed */
#define NETRA_TX_COMPAT        (1u << 3)  /* NFKC: styled, fullwidth, enclosed characters */
#define NETRA_TX_CASE          (1u << 4)  /* upper case folded */
#define NETRA_TX_CONFUSABLE    (1u << 5)  /* Cyrillic/Greek/small-cap look-alikes to Latin */
#define NETRA_TX_SPACED        (1u << 6)  /* letters spaced or dotted apart joined */
#define NETRA_TX_LEET          (1u << 7)  /* leetspeak undone */
#define NETRA_TX_ELONGATION    (1u << 8)  /* repeated letters squeezed */
#define NETRA_TX_SLANG         (1u << 9)  /* slang or abbreviation expanded */
#define NETRA_TX_NUMBER_WORD   (1u << 10) /* number word, ordinal or roman numeral */
#define NETRA_TX_KEYCAP        (1u << 11) /* keycap emoji read as a digit */
#define NETRA_TX_EMOJI         (1u << 12) /* emoji or hand sign extracted */
#define NETRA_TX_HASHTAG_SPLIT (1u << 13) /* hashtag split into parts */
#define NETRA_TX_REDUPLICATION (1u << 14) /* "kata2" read as "kata-kata" */
#define NETRA_TX_STEM_TABLE    (1u << 15) /* stem from the campaign table */
#define NETRA_TX_STEM_SNOWBALL (1u << 16) /* stem from the Snowball stemmer */
#define NETRA_TX_PUNCT_SQUEEZE (1u << 17) /* a run of ? ! " collapsed */
#define NETRA_TX_COUNT         18

/** One token. Strings are borrowed (see netra_normalize()). The layout keeps it to 64 bytes. */
typedef struct netra_token {
    netra_token_kind kind; /* kind */
    uint32_t flags;        /* NETRA_TOKF_* */
    uint32_t transforms;   /* NETRA_TX_* applied to it */
    uint32_t start;        /* first byte in the original text */
    uint32_t end;          /* one past the last byte; start < end, both on char boundaries */
    uint32_t len;          /* length of `text` in bytes */
    uint32_t stem_len;     /* length of `stem` */
    int32_t parent;        /* hashtag parts: index of their hashtag token; otherwise -1 */
    uint32_t hash;         /* netra_token_hash(text, len), so a matcher need not rehash */
    const char *text;      /* normalised text, NUL-terminated */
    const char *stem;      /* stem of a word (== text when it has none), NUL-terminated */
    int64_t value;         /* numbers: the value; gestures: fingers; otherwise 0 */
} netra_token;

/** The tokens of one text. */
typedef struct netra_text {
    netra_token *tokens; /* in order of position; a hashtag precedes its parts */
    size_t n_tokens;     /* number of tokens */
    uint32_t transforms; /* union of the tokens' transforms, plus text-level ones */
} netra_text;

/** Longest text netra_normalize() accepts, in bytes. */
#define NETRA_TEXT_MAX_BYTES (256u * 1024u)

/**
 * Loads the word lists of a directory (slang.tsv, stems.tsv, numbers.tsv, emoji.tsv,
 * confusables.tsv, vocab.tsv).
 *
 * @param[out] out the lexicon (netra_text_lexicon_free())
 * @param dir the directory; NULL for `<netra_data_dir()>/text`
 * @return NETRA_OK, NETRA_EDATA (`file:line: field 'x': reason`), NETRA_EIO, NETRA_ENOMEM
 */
NETRA_API int netra_text_lexicon_load(netra_text_lexicon **out, const char *dir);

/** Frees a lexicon; NULL is allowed. Every normaliser using it must be freed first. */
NETRA_API void netra_text_lexicon_free(netra_text_lexicon *lex);

/**
 * Adds words the normaliser should know (for example the names and slogans of an
 * election's contestants), so that leetspeak, elongation and hashtag splitting can
 * recognise them. Call before creating normalisers.
 *
 * @param words lowercase words; each is copied
 * @return NETRA_OK, NETRA_EINVAL for an empty or over-long word, NETRA_ENOMEM
 */
NETRA_API int netra_text_lexicon_add_words(netra_text_lexicon *lex, const char *const *words,
                                           size_t n_words);

/**
 * Creates a normaliser over a lexicon (borrowed: it must outlive the normaliser).
 *
 * @return NETRA_OK, NETRA_ENOMEM, or NETRA_ERROR when the Snowball stemmer is missing
 */
NETRA_API int netra_normalizer_new(netra_normalizer **out, const netra_text_lexicon *lex);

/** Frees a normaliser; NULL is allowed. */
NETRA_API void netra_normalizer_free(netra_normalizer *nz);

/**
 * Normalises a text.
 *
 * The token array and any string built for this text come from `arena`. Strings of words
 * seen before may be borrowed from the normaliser's memo. Everything stays valid until the
 * arena is reset or the normaliser freed, whichever comes first.
 *
 * Invalid UTF-8 never fails: bad bytes become U+FFFD, which separates tokens.
 * Work is O(len) plus one memo lookup per word; words not seen before also cost a lexicon
 * lookup and, for words outside the campaign table, one Snowball stem.
 *
 * @param[out] out the tokens
 * @param text the text, need not be NUL-terminated
 * @param len its length; at most NETRA_TEXT_MAX_BYTES
 * @return NETRA_OK; NETRA_ETOOBIG for a longer text or when the arena's bound is reached;
 *         NETRA_ENOMEM
 */
NETRA_API int netra_normalize(netra_text *out, netra_normalizer *nz, const char *text, size_t len,
                              netra_arena *arena);

/**
 * Writes the tokens in the compact notation of docs/internals/text.md ("golden syntax"):
 * `word n:02=2 h:tag +part m:handle u:url e:class g:name=N p:?`, `!neg` after negations,
 * and `/stem` after every word when `stems` is set. Behaves like snprintf.
 *
 * @return the length the full output needs (excluding the NUL)
 */
NETRA_API size_t netra_text_format(char *buf, size_t cap, const netra_text *text, int stems);

/**
 * The 32-bit hash carried in netra_token.hash: 64-bit FNV-1a over the bytes (offset basis
 * 14695981039346656037, prime 1099511628211: for each byte b, h = (h ^ b) * prime), then
 * MurmurHash3's fmix64 (h ^= h >> 33; h *= 0xff51afd7ed558ccd; h ^= h >> 33;
 * h *= 0xc4ceb9fe1a85ec53; h ^= h >> 33), truncated to its low 32 bits. A pure function of
 * the bytes: a matcher hashes its own keys with it and compares them with token hashes.
 */
NETRA_API uint32_t netra_token_hash(const char *text, size_t len);

/**
 * The owner's cell of a token whose flags have NETRA_TOKF_CELL: NETRA_TOKEN_CELL_SIZE bytes,
 * 8-byte aligned, the same for every occurrence of the word in the normaliser's life; NULL
 * for any other token.
 */
static inline uint64_t *netra_token_cell(const netra_token *t)
{
    return (t->flags & NETRA_TOKF_CELL)
               ? (uint64_t *)(void *)(uintptr_t)(t->text - NETRA_TOKEN_CELL_SIZE)
               : (uint64_t *)0;
}

/** Name of a token kind ("word", "number", ...); "?" when unknown. */
NETRA_API const char *netra_token_kind_name(netra_token_kind kind);

/** Name of one NETRA_TX_* bit ("leet", "slang", ...); NULL when `bit` is not one. */
NETRA_API const char *netra_transform_name(uint32_t bit);

#ifdef __cplusplus
}
#endif

#endif
