/*
 * detect_int.h - the detector's internals: the phrase matcher over tokens (gaz.c), the cue
 * lexicon (cues.c), features and the linear model (model.c), and the per-item decision
 * (detect.c).
 */
#ifndef NT_DETECT_INT_H
#define NT_DETECT_INT_H

#include "util/util_int.h"
#include "netra/text.h"
#include "netra/detect.h"

/* ---- phrase matcher (gaz.c) ------------------------------------------------------------
 * A trie over interned tokens: every distinct token string of every phrase gets an id, and
 * the edges (state, token id) -> state live in one open-addressing table of 64-bit keys.
 * Matching a text interns nothing: one lookup per token, and a walk only from tokens that
 * start some phrase. Keys carry a namespace byte so that words, hashtags and mentions never
 * match one another (docs/decisions/0005-detector-own-json-and-matcher.md). */
enum { NT_GAZ_WORD = 'w', NT_GAZ_HASHTAG = 'h', NT_GAZ_MENTION = 'm' };

#define NT_GAZ_MAX_PHRASE_TOKENS 12

typedef struct nt_gaz nt_gaz;

typedef struct nt_gaz_match {
    uint32_t first;   /* first token index */
    uint32_t last;    /* last token index (inclusive) */
    uint32_t payload; /* what the phrase was added with */
} nt_gaz_match;

/* A new, empty matcher; with `share`, it uses (and adds to) the interned tokens of that
 * one, so that one nt_gaz_ids() serves both. */
int nt_gaz_new(nt_gaz **out, nt_gaz *share);
void nt_gaz_free(nt_gaz *g);
/* Adds a phrase of n tokens (each in namespace ns) with a payload; the same phrase may be
 * added with several payloads. */
int nt_gaz_add(nt_gaz *g, int ns, const char *const *toks, const size_t *lens, size_t n,
               uint32_t payload);
/* Ends the adding of phrases (of this gaz and every one sharing its vocabulary): the root's
 * children become an array indexed by token id. Adding afterwards is refused. */
int nt_gaz_freeze(nt_gaz *g);
/* Bytes the matcher holds (for benchmarks and `netra scan --stats`). */
size_t nt_gaz_bytes(const nt_gaz *g);
size_t nt_gaz_n_phrases(const nt_gaz *g);
/* A per-thread cache of token ids: most words of a stream repeat, and the vocabulary of a
 * legislative list (hundreds of thousands of tokens) does not fit in a cache line's reach.
 * Two-way set associative by token hash, both ways of a set in one 64-byte line (the
 * cache must be allocated 64-byte aligned: nt_idcache_new()), the key kept whole (words of
 * at most 18 bytes), so a hit is exact. Way 0 holds the set's latest entry. */
#define NT_IDCACHE_SETS 32768
typedef struct nt_idcache_slot {
    uint32_t hash; /* token hash */
    uint32_t a;    /* id by text */
    uint32_t b;    /* id by stem */
    uint8_t len;   /* key length, 0 for an empty slot */
    uint8_t kind;  /* token kind */
    char key[18];  /* the token text */
} nt_idcache_slot;
typedef struct nt_idcache {
    nt_idcache_slot slot[NT_IDCACHE_SETS][2];
    void *block; /* the allocation the cache lives in */
} nt_idcache;
_Static_assert(sizeof(nt_idcache_slot) * 2 == 64, "a set of the id cache is one cache line");
/* A zeroed, 64-byte aligned cache, or NULL when out of memory; nt_idcache_free() frees it. */
nt_idcache *nt_idcache_new(void);
void nt_idcache_free(nt_idcache *c);

/* The ids of every token of a text, NT_GAZ_IDS_PER_TOKEN per token: by text, by stem
 * (UINT32_MAX when the vocabulary does not have it), and the state that the token by text
 * leads to from g's root, into ids[3 * n_tokens]. g is the owner of the vocabulary, frozen.
 * `cache` may be NULL. With a cache, the caller owns the cells of the normaliser the text
 * came from (NETRA_TOKF_CELL): a memoised word's ids and state are kept in its cell, looked
 * up once in the normaliser's life, and the cache serves the other tokens. */
#define NT_GAZ_IDS_PER_TOKEN 3
/* Returns the kinds of the text's tokens, a bit (1u << kind) for each kind seen. */
unsigned nt_gaz_ids(const nt_gaz *g, const netra_text *t, uint32_t *ids, nt_idcache *cache);
/* nt_gaz_ids() and nt_gaz_match_ids(g, t, ids, 0, out, max) in one pass over the tokens
 * (a walk starts from a token as soon as its ids are known): returns the kinds, the count
 * of matches found (which may exceed max) in *found. */
unsigned nt_gaz_ids_match(const nt_gaz *g, const netra_text *t, uint32_t *ids, nt_idcache *cache,
                          nt_gaz_match *out, size_t max, size_t *found);
/* Finds every phrase occurrence in the tokens, from their ids; `use_stem` also tries word
 * tokens by stem. Matches go to `out`, at most `max`; returns the count found (which may
 * exceed max: the rest are dropped and the caller is told). */
size_t nt_gaz_match_ids(const nt_gaz *g, const netra_text *t, const uint32_t *ids, int use_stem,
                        nt_gaz_match *out, size_t max);
/* Looks up one key (namespace + bytes) as a whole phrase: calls fn for every payload. */
void nt_gaz_lookup(const nt_gaz *g, int ns, const char *s, size_t len,
                   void (*fn)(uint32_t payload, void *arg), void *arg);

/* ---- disguises (disguise.c) -------------------------------------------------------------
 * Rewrites a text as people hide it from filters, for `netra eval --disguise`. Behaves like
 * snprintf; deterministic for a seed. */
enum {
    NT_DISGUISE_STYLED = 0, /* mathematical bold/italic/sans letters or fullwidth */
    NT_DISGUISE_LEET,       /* a->4, e->3, i->1, o->0 after the first letter */
    NT_DISGUISE_SPACED,     /* one word spaced apart in capitals: "A M I N" */
    NT_DISGUISE_ELONGATED,  /* last letter repeated: "menanggg" */
    NT_DISGUISE_ZERO_WIDTH, /* U+200B inside words */
    NT_DISGUISE_KINDS
};
size_t nt_disguise(char *buf, size_t cap, const char *text, size_t len, int kind, uint64_t seed);
const char *nt_disguise_kind_name(int kind);

#endif
