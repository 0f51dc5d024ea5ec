/*
 * gaz.c - the phrase matcher: a trie over interned tokens (see detect_int.h).
 *
 * Memory: one interned copy of each distinct token string, one 12-byte edge slot per trie
 * edge (at most half full), one output record per (phrase, payload).
 *
 * After nt_gaz_freeze(), every state a match reads (the root's array, an edge's child)
 * carries two flags: whether the state has outputs and whether it has children, so that
 * a walk reads the output list and probes the edges only when there is something there.
 * An edge is one slot (state, token, child): one probe reads one line. Two bitmaps over
 * token ids (starts a phrase, continues one) and a Bloom filter of the edges below the
 * root keep most tokens of a text away from the root array and the edge table.
 */
#include <string.h>

#include "detect/detect_int.h"

#define NO_ID UINT32_MAX

typedef struct out_rec {
    uint32_t payload; /* what the phrase was added with */
    uint32_t next;    /* next output of the same state + 1, 0 at the end */
} out_rec;

/* The cell of a memoised word (netra_token_cell()), as four uint32: the word's three ids
 * in the order of the ids array (so that one 12-byte copy moves them), then the bit of
 * its kind (1u << kind, never 0: the cell is zero until the ids are in), which is what
 * nt_gaz_ids() returns for it. Read and written with memcpy() only. */

/* A state as a match sees it after nt_gaz_freeze(): its number and two flags. */
#define ST_OUT     0x80000000u   /* has outputs */
#define ST_KIDS    0x40000000u   /* has children */
#define ST_MASK    0x3fffffffu   /* the state number */
#define MAX_STATES (ST_MASK - 1) /* so that a flagged state is never NO_ID or ROOT_TODO */
#define ROOT_TODO  (UINT32_MAX - 1)

typedef struct edge {
    uint32_t state; /* parent state */
    uint32_t tok1;  /* token id + 1; 0 for an empty slot */
    uint32_t child; /* child state (with its flags after nt_gaz_freeze()) */
} edge;

#define BLOOM_BITS (1u << 20) /* 128 KiB: most tokens of a text are in no phrase */

struct nt_gaz {
    struct nt_gaz *vocab; /* the gaz whose interned tokens this one shares, or itself */
    uint64_t *bloom;      /* a bit per hash of an interned token (the owner's only) */
    nt_arena arena;       /* interned strings */
    nt_map intern[3];     /* per namespace: token bytes -> id + 1 */
    uint32_t n_ids;       /* ids given */
    edge *edges;          /* open addressing by (state, token id) */
    size_t ecap;          /* slots, a power of two */
    size_t en;            /* edges */
    nt_vec head;          /* per state: first output + 1 (uint32), 0 when none */
    nt_vec outs;          /* out_rec */
    size_t n_phrases;     /* phrases added (with their payloads) */
    uint32_t *root;       /* after nt_gaz_freeze(): child of the root by token id, or NO_ID */
    uint32_t n_root;      /* entries of root */
    uint64_t *inner;      /* after nt_gaz_freeze(): a bit per token id, set when the token
                           * continues some phrase (is not only ever its first token) */
    uint64_t *first;      /* after nt_gaz_freeze(): a bit per token id, set when the token
                           * starts some phrase (root[id] != NO_ID): the bitmap is read
                           * before the array, which is 32 times larger and mostly NO_ID */
    uint64_t *ebloom;     /* after nt_gaz_freeze(): a Bloom filter of the edges below the
                           * root, two bits of one word per (state, token), so that a token
                           * that continues some phrase but not this one is told apart
                           * without a probe of the edge table */
    size_t ebmask;        /* its words - 1 (a power of two less one) */
};

static int ns_index(int ns)
{
    return ns == NT_GAZ_WORD ? 0 : ns == NT_GAZ_HASHTAG ? 1 : 2;
}

static uint64_t mix(uint64_t k)
{
    return nt_hash_fnv_final(k);
}

int nt_gaz_new(nt_gaz **out, nt_gaz *share)
{
    nt_gaz *g = nt_calloc(1, sizeof *g);
    if (g == NULL)
        return NETRA_ENOMEM;
    g->vocab = share ? share : g;
    if (share == NULL && (g->bloom = nt_calloc(BLOOM_BITS / 64, sizeof(uint64_t))) == NULL) {
        nt_free(g);
        return NETRA_ENOMEM;
    }
    nt_arena_init(&g->arena, 1u << 16, 0);
    for (int i = 0; i < 3; i++)
        nt_map_init(&g->intern[i]);
    nt_vec_init(&g->head, sizeof(uint32_t), 0);
    nt_vec_init(&g->outs, sizeof(out_rec), 0);
    uint32_t zero = 0;
    if (nt_vec_push(&g->head, &zero) == NULL) { /* the root */
        nt_gaz_free(g);
        return NETRA_ENOMEM;
    }
    *out = g;
    return NETRA_OK;
}

void nt_gaz_free(nt_gaz *g)
{
    if (g == NULL)
        return;
    nt_arena_free(&g->arena);
    for (int i = 0; i < 3; i++)
        nt_map_free(&g->intern[i]);
    nt_free(g->edges);
    nt_vec_free(&g->head);
    nt_vec_free(&g->outs);
    nt_free(g->bloom);
    nt_free(g->root);
    nt_free(g->inner);
    nt_free(g->first);
    nt_free(g->ebloom);
    nt_free(g);
}

size_t nt_gaz_bytes(const nt_gaz *g)
{
    size_t b = sizeof *g + g->arena.total + g->ecap * sizeof(edge) +
               g->head.cap * g->head.elem_size + g->outs.cap * g->outs.elem_size;
    for (int i = 0; i < 3; i++)
        b += g->intern[i].cap * sizeof(nt_map_slot);
    if (g->bloom)
        b += BLOOM_BITS / 8;
    b += (size_t)g->n_root * sizeof(uint32_t);
    if (g->inner)
        b += ((size_t)g->n_root + 63) / 64 * sizeof(uint64_t);
    if (g->first)
        b += ((size_t)g->n_root + 63) / 64 * sizeof(uint64_t);
    if (g->ebloom)
        b += (g->ebmask + 1) * sizeof(uint64_t);
    return b;
}

size_t nt_gaz_n_phrases(const nt_gaz *g)
{
    return g->n_phrases;
}

/* Keys are hashed with netra_token_hash(), the hash every token already carries. */
static uint32_t id_of_h(const nt_gaz *g, int nsi, const char *s, size_t len, uint32_t h)
{
    const nt_gaz *v = g->vocab;
    uint32_t bit = h >> 12;
    if (!(v->bloom[bit >> 6] & (1ull << (bit & 63))))
        return NO_ID;
    void *p = nt_map_get_h(&v->intern[nsi], s, len, h);
    return p ? (uint32_t)((uintptr_t)p - 1) : NO_ID;
}

static uint32_t id_of(const nt_gaz *g, int nsi, const char *s, size_t len)
{
    return id_of_h(g, nsi, s, len, netra_token_hash(s, len));
}

static int intern(nt_gaz *g, int nsi, const char *s, size_t len, uint32_t *out)
{
    nt_gaz *v = g->vocab;
    uint32_t id = id_of(g, nsi, s, len);
    if (id != NO_ID) {
        *out = id;
        return NETRA_OK;
    }
    char *k = nt_arena_strndup(&v->arena, s, len);
    if (k == NULL)
        return netra_error_last()->code;
    id = v->n_ids++;
    uint32_t h = netra_token_hash(s, len);
    int rc = nt_map_put_h(&v->intern[nsi], k, len, h, (void *)(uintptr_t)(id + 1), NULL);
    if (rc)
        return rc;
    uint32_t bit = h >> 12;
    v->bloom[bit >> 6] |= 1ull << (bit & 63);
    *out = id;
    return NETRA_OK;
}

static inline uint64_t edge_hash(uint32_t state, uint32_t tok)
{
    return mix((uint64_t)state << 32 | (uint64_t)(tok + 1));
}

static size_t edge_slot(uint32_t state, uint32_t tok)
{
    return (size_t)edge_hash(state, tok);
}

/* The child of a state (its number, without flags) by a token, or NO_ID. */
static inline uint32_t edge_get_h(const nt_gaz *g, uint32_t state, uint32_t tok, uint64_t h)
{
    if (g->ecap == 0)
        return NO_ID;
    size_t mask = g->ecap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const edge *e = &g->edges[i];
        if (e->tok1 == tok + 1 && e->state == state)
            return e->child;
        if (e->tok1 == 0)
            return NO_ID;
    }
}

static uint32_t edge_get(const nt_gaz *g, uint32_t state, uint32_t tok)
{
    return edge_get_h(g, state, tok, edge_hash(state, tok));
}

/* The two bits of the edge filter for (state, token): in one word, from the edge's hash
 * (its high half picks the word, its low twelve bits the bits). */
static inline uint64_t ebloom_bits(uint64_t h)
{
    return 1ull << (h & 63) | 1ull << (h >> 6 & 63);
}

static int edge_grow(nt_gaz *g)
{
    size_t ncap = g->ecap ? g->ecap * 2 : 1024;
    edge *ne = nt_calloc(ncap, sizeof *ne);
    if (ne == NULL)
        return NETRA_ENOMEM;
    for (size_t i = 0; i < g->ecap; i++) {
        const edge *e = &g->edges[i];
        if (e->tok1 == 0)
            continue;
        size_t j = edge_slot(e->state, e->tok1 - 1) & (ncap - 1);
        while (ne[j].tok1)
            j = (j + 1) & (ncap - 1);
        ne[j] = *e;
    }
    nt_free(g->edges);
    g->edges = ne;
    g->ecap = ncap;
    return NETRA_OK;
}

static int edge_child(nt_gaz *g, uint32_t state, uint32_t tok, uint32_t *child)
{
    uint32_t c = edge_get(g, state, tok);
    if (c != NO_ID) {
        *child = c;
        return NETRA_OK;
    }
    if ((g->en + 1) * 2 > g->ecap) {
        int rc = edge_grow(g);
        if (rc)
            return rc;
    }
    if (g->head.n >= MAX_STATES)
        return nt_error_set(NETRA_ETOOBIG, "phrase matcher: too many states (at most %u)",
                            MAX_STATES);
    uint32_t zero = 0;
    if (nt_vec_push(&g->head, &zero) == NULL)
        return netra_error_last()->code;
    c = (uint32_t)(g->head.n - 1);
    size_t mask = g->ecap - 1;
    size_t i = edge_slot(state, tok) & mask;
    while (g->edges[i].tok1)
        i = (i + 1) & mask;
    g->edges[i] = (edge){state, tok + 1, c};
    g->en++;
    *child = c;
    return NETRA_OK;
}

int nt_gaz_add(nt_gaz *g, int ns, const char *const *toks, const size_t *lens, size_t n,
               uint32_t payload)
{
    NT_ASSERT_ARG(g != NULL && n > 0 && g->root == NULL);
    if (n > NT_GAZ_MAX_PHRASE_TOKENS)
        return nt_error_set(NETRA_ETOOBIG, "phrase of %zu tokens (at most %d)", n,
                            NT_GAZ_MAX_PHRASE_TOKENS);
    int nsi = ns_index(ns);
    uint32_t state = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t tok = 0;
        /* Only the first token of a hashtag or mention phrase is in its namespace; the
         * rest (never used today) would be words. */
        int rc = intern(g, i == 0 ? nsi : 0, toks[i], lens[i], &tok);
        if (rc == NETRA_OK)
            rc = edge_child(g, state, tok, &state);
        if (rc)
            return rc;
    }
    uint32_t *head = nt_vec_at(&g->head, state);
    /* The same payload twice on one state is one output. */
    for (uint32_t o = *head; o; o = ((out_rec *)nt_vec_at(&g->outs, o - 1))->next)
        if (((out_rec *)nt_vec_at(&g->outs, o - 1))->payload == payload)
            return NETRA_OK;
    out_rec r = {payload, *head};
    if (nt_vec_push(&g->outs, &r) == NULL)
        return netra_error_last()->code;
    head = nt_vec_at(&g->head, state); /* the push did not move head, but be exact */
    *head = (uint32_t)g->outs.n;
    g->n_phrases++;
    return NETRA_OK;
}

int nt_gaz_freeze(nt_gaz *g)
{
    NT_ASSERT_ARG(g != NULL && g->root == NULL);
    uint32_t n = g->vocab->n_ids;
    uint32_t *root = nt_malloc((n ? n : 1) * sizeof *root);
    uint8_t *kids = nt_calloc(g->head.n, 1);
    uint64_t *inner = nt_calloc((size_t)n / 64 + 1, sizeof *inner);
    uint64_t *first = nt_calloc((size_t)n / 64 + 1, sizeof *first);
    /* About eight bits per edge below the root: a token that continues no phrase from a
     * state passes the filter about once in twenty. */
    size_t below = 0;
    for (size_t i = 0; i < g->ecap; i++)
        below += g->edges[i].tok1 && g->edges[i].state != 0;
    size_t words = 8;
    while (words * 64 < below * 8)
        words *= 2;
    uint64_t *ebloom = nt_calloc(words, sizeof *ebloom);
    if (root == NULL || kids == NULL || inner == NULL || first == NULL || ebloom == NULL) {
        nt_free(root);
        nt_free(kids);
        nt_free(inner);
        nt_free(first);
        nt_free(ebloom);
        return NETRA_ENOMEM;
    }
    const uint32_t *heads = g->head.items;
    for (size_t i = 0; i < g->ecap; i++)
        if (g->edges[i].tok1)
            kids[g->edges[i].state] = 1;
#define FLAGGED(st) ((st) | (heads[st] ? ST_OUT : 0u) | (kids[st] ? ST_KIDS : 0u))
    for (uint32_t i = 0; i < n; i++)
        root[i] = NO_ID;
    for (size_t i = 0; i < g->ecap; i++) {
        edge *e = &g->edges[i];
        if (e->tok1 == 0)
            continue;
        e->child = FLAGGED(e->child);
        if (e->state == 0) {
            root[e->tok1 - 1] = e->child;
            first[(e->tok1 - 1) >> 6] |= 1ull << ((e->tok1 - 1) & 63);
        } else {
            inner[(e->tok1 - 1) >> 6] |= 1ull << ((e->tok1 - 1) & 63);
            uint64_t h = edge_hash(e->state, e->tok1 - 1);
            ebloom[(size_t)(h >> 32) & (words - 1)] |= ebloom_bits(h);
        }
    }
#undef FLAGGED
    nt_free(kids);
    g->root = root;
    g->n_root = n;
    g->inner = inner;
    g->first = first;
    g->ebloom = ebloom;
    g->ebmask = words - 1;
    return NETRA_OK;
}

/* The child of the root by a token, with its flags (both set before nt_gaz_freeze()). */
static inline uint32_t root_child(const nt_gaz *g, uint32_t tok)
{
    if (g->root)
        return tok < g->n_root && (g->first[tok >> 6] >> (tok & 63) & 1) ? g->root[tok] : NO_ID;
    if (tok == NO_ID)
        return NO_ID;
    uint32_t c = edge_get(g, 0, tok);
    return c == NO_ID ? NO_ID : c | ST_OUT | ST_KIDS;
}

/* Whether a token may continue a phrase (always before nt_gaz_freeze()). */
static inline int may_continue(const nt_gaz *g, uint32_t tok)
{
    if (g->inner == NULL)
        return 1;
    return tok < g->n_root && (g->inner[tok >> 6] >> (tok & 63) & 1);
}

/* Whether the edge (state without flags, token) may exist: the filter says no to most
 * of those that do not (always yes before nt_gaz_freeze()). */
static inline int edge_may_h(const nt_gaz *g, uint64_t h)
{
    if (g->ebloom == NULL)
        return 1;
    uint64_t m = ebloom_bits(h);
    return (g->ebloom[(size_t)(h >> 32) & g->ebmask] & m) == m;
}

static inline int edge_may(const nt_gaz *g, uint32_t state, uint32_t tok)
{
    return edge_may_h(g, edge_hash(state, tok));
}

/* The child of a flagged state by a token, with its flags: the edge's hash made once for
 * the filter and the probe. */
static inline uint32_t next_state(const nt_gaz *g, uint32_t st, uint32_t tok)
{
    if (!may_continue(g, tok))
        return NO_ID;
    uint64_t h = edge_hash(st & ST_MASK, tok);
    if (!edge_may_h(g, h))
        return NO_ID;
    uint32_t c = edge_get_h(g, st & ST_MASK, tok, h);
    return c == NO_ID || g->root ? c : c | ST_OUT | ST_KIDS;
}

/* next_state() for a frozen matcher (the bitmaps and the filter are there): the same
 * answer without testing for them. */
static inline uint32_t next_state_frozen(const nt_gaz *g, uint32_t st, uint32_t tok)
{
    if (tok >= g->n_root || !(g->inner[tok >> 6] >> (tok & 63) & 1))
        return NO_ID;
    uint64_t h = edge_hash(st & ST_MASK, tok);
    uint64_t m = ebloom_bits(h);
    if ((g->ebloom[(size_t)(h >> 32) & g->ebmask] & m) != m)
        return NO_ID;
    return edge_get_h(g, st & ST_MASK, tok, h);
}

static int short_eq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static void ids_of(const nt_gaz *g, const netra_token *k, uint32_t *a_out, uint32_t *b_out)
{
    uint32_t a = NO_ID, b = NO_ID;
    switch (k->kind) {
    case NETRA_TOK_WORD:
        a = id_of_h(g, 0, k->text, k->len, k->hash);
        if (k->stem != k->text && (k->stem_len != k->len || memcmp(k->stem, k->text, k->len) != 0))
            b = id_of(g, 0, k->stem, k->stem_len);
        break;
    case NETRA_TOK_NUMBER:
        a = id_of_h(g, 0, k->text, k->len, k->hash);
        break;
    case NETRA_TOK_HASHTAG:
        a = id_of_h(g, 1, k->text, k->len, k->hash);
        break;
    case NETRA_TOK_MENTION:
        a = id_of_h(g, 2, k->text, k->len, k->hash);
        break;
    default:
        break;
    }
    *a_out = a;
    *b_out = b;
}

nt_idcache *nt_idcache_new(void)
{
    void *block = nt_calloc(1, sizeof(nt_idcache) + 64);
    if (block == NULL)
        return NULL;
    nt_idcache *c = (nt_idcache *)(((uintptr_t)block + 63) & ~(uintptr_t)63);
    c->block = block;
    return c;
}

void nt_idcache_free(nt_idcache *c)
{
    if (c != NULL)
        nt_free(c->block);
}

static int slot_is(const nt_idcache_slot *sl, const netra_token *k)
{
    return sl->len == k->len && sl->hash == k->hash && sl->kind == (uint8_t)k->kind &&
           short_eq(sl->key, k->text, k->len);
}

/* fill_ids() for a word seen for the first time (its cell is filled) and for a word,
 * number, hashtag or mention without a cell (the id cache, else the vocabulary). Out of
 * line: the common case, a word already seen, costs no call. */
static __attribute__((noinline)) void fill_ids_slow(const nt_gaz *g, const netra_token *k,
                                                    uint32_t *ids, nt_idcache *cache)
{
    if (cache != NULL && (k->flags & NETRA_TOKF_CELL)) {
        /* The first time the word is seen: its ids, kept next to its text. */
        ids_of(g, k, &ids[0], &ids[1]);
        ids[2] = root_child(g, ids[0]);
        uint32_t c[4] = {ids[0], ids[1], ids[2], 1u << (k->kind & 31)};
        memcpy((char *)(uintptr_t)(k->text - NETRA_TOKEN_CELL_SIZE), c, sizeof c);
        return;
    }
    if (cache && k->len <= sizeof cache->slot[0][0].key) {
        nt_idcache_slot *set = cache->slot[k->hash & (NT_IDCACHE_SETS - 1)];
        if (slot_is(&set[0], k)) {
            ids[0] = set[0].a;
            ids[1] = set[0].b;
        } else if (slot_is(&set[1], k)) {
            ids[0] = set[1].a;
            ids[1] = set[1].b;
            nt_idcache_slot tmp = set[0]; /* the latest in way 0 */
            set[0] = set[1];
            set[1] = tmp;
        } else {
            ids_of(g, k, &ids[0], &ids[1]);
            set[1] = set[0];
            nt_idcache_slot *sl = &set[0];
            sl->hash = k->hash;
            sl->a = ids[0];
            sl->b = ids[1];
            sl->len = (uint8_t)k->len;
            sl->kind = (uint8_t)k->kind;
            memcpy(sl->key, k->text, k->len);
        }
    } else {
        ids_of(g, k, &ids[0], &ids[1]);
    }
    ids[2] = root_child(g, ids[0]);
}

/* The ids of a token into ids[0..2] (by text, by stem, the state from g's root by text):
 * from the word's cell when it has one (filled the first time the word is seen), else
 * from the id cache, else from the vocabulary. Returns the bit of its kind. */
static inline __attribute__((always_inline)) unsigned
fill_ids(const nt_gaz *g, const netra_token *k, uint32_t *ids, nt_idcache *cache)
{
    /* Most tokens are words the normaliser memoised: one flag test, one load of the cell's
     * kind bit, one copy of its three ids. (A memoised word of another kind, a number word,
     * has its ids the same way; one of no kind a matcher reads gets none from ids_of().) */
    if (cache != NULL && (k->flags & NETRA_TOKF_CELL)) {
        const char *cell = k->text - NETRA_TOKEN_CELL_SIZE; /* netra_token_cell() */
        uint32_t kind_bit;
        memcpy(&kind_bit, cell + 3 * sizeof(uint32_t), sizeof kind_bit);
        if (kind_bit != 0) {
            memcpy(ids, cell, 3 * sizeof(uint32_t));
            return kind_bit;
        }
        fill_ids_slow(g, k, ids, cache);
    } else if (k->kind < NETRA_TOK_WORD || k->kind > NETRA_TOK_MENTION) {
        ids[0] = ids[1] = ids[2] = NO_ID;
    } else {
        fill_ids_slow(g, k, ids, cache);
    }
    return 1u << (k->kind & 31);
}

/* The cells keep the root's children: only for a matcher whose phrases are all in. */
static nt_idcache *usable_cache(const nt_gaz *g, nt_idcache *cache)
{
    return g->root == NULL || g->vocab != g ? NULL : cache;
}

unsigned nt_gaz_ids(const nt_gaz *g, const netra_text *t, uint32_t *ids, nt_idcache *cache)
{
    unsigned kinds = 0;
    cache = usable_cache(g, cache);
    for (size_t i = 0; i < t->n_tokens; i++)
        kinds |= fill_ids(g, &t->tokens[i], &ids[3 * i], cache);
    return kinds;
}

/* Ids of token i: by text, and (stem mode, words) by stem when it differs. */
static size_t token_ids(const uint32_t *all, size_t i, int use_stem, uint32_t ids[2])
{
    size_t n = 0;
    if (use_stem && all[3 * i + 1] != NO_ID)
        ids[n++] = all[3 * i + 1];
    if (all[3 * i] != NO_ID)
        ids[n++] = all[3 * i];
    return n;
}

typedef struct walk {
    const nt_gaz *g;
    const netra_text *t;
    const uint32_t *ids;
    int use_stem;
    nt_gaz_match *out;
    size_t max;
    size_t found;
    uint32_t first;
    /* nt_gaz_ids_match(): the ids of the tokens from `filled` on are not in yet */
    size_t filled;     /* tokens whose ids are in (n_tokens when all are) */
    nt_idcache *cache; /* for fill_ids() */
} walk;

/* The ids of a token a walk reaches before the pass over the tokens has filled them: read
 * (from the cell, the cache or the vocabulary) but not written, the pass writes them in
 * order when it gets there. Only a walk past its second token reads these. */
static __attribute__((noinline)) void peek_ids(const walk *wk, size_t j, uint32_t ids[3])
{
    fill_ids(wk->g, &wk->t->tokens[j], ids, wk->cache);
}

static void walk_from(walk *wk, uint32_t st, size_t j);

/* At `state` after token j: report its outputs, then extend by token j + 1 through each of
 * its ids (at most two per token, phrases at most NT_GAZ_MAX_PHRASE_TOKENS long). Inlined
 * where a walk starts from the root (wk->first == j): most of a text's states there are a
 * word that starts a phrase and goes no further, and cost no call. */
/* Reports the outputs of `st` (flagged ST_OUT), reached at token j by a walk from
 * wk->first. */
static inline __attribute__((always_inline)) void report(walk *wk, uint32_t st, size_t j)
{
    const uint32_t *heads = wk->g->head.items;
    const out_rec *outs = wk->g->outs.items;
    for (uint32_t o = heads[st & ST_MASK]; o; o = outs[o - 1].next) {
        if (wk->found < wk->max) {
            wk->out[wk->found].first = wk->first;
            wk->out[wk->found].last = (uint32_t)j;
            wk->out[wk->found].payload = outs[o - 1].payload;
        }
        wk->found++;
    }
}

static inline __attribute__((always_inline)) void walk_step(walk *wk, uint32_t st, size_t j)
{
    if (st & ST_OUT)
        report(wk, st, j);
    j++;
    if (!(st & ST_KIDS) || j >= wk->t->n_tokens || j - wk->first >= NT_GAZ_MAX_PHRASE_TOKENS)
        return;
    const netra_token *tk = &wk->t->tokens[j];
    /* Inside a phrase only words and numbers continue it. */
    if (tk->kind != NETRA_TOK_WORD && tk->kind != NETRA_TOK_NUMBER)
        return;
    uint32_t ids[2];
    size_t n;
    if (j < wk->filled) {
        n = token_ids(wk->ids, j, wk->use_stem, ids);
    } else {
        uint32_t peek[3];
        peek_ids(wk, j, peek);
        n = token_ids(peek, 0, wk->use_stem, ids);
    }
    for (size_t k = 0; k < n; k++) {
        uint32_t next = next_state(wk->g, st, ids[k]);
        if (next != NO_ID)
            walk_from(wk, next, j);
    }
}

static void walk_from(walk *wk, uint32_t st, size_t j)
{
    walk_step(wk, st, j);
}

/* The matcher's own words by text (names, after nt_gaz_freeze()): the root's children are
 * in the ids already, so only the tokens that have one are visited, in order, by blocks as
 * in nt_gaz_match_ids(), without the copy of their states. */
static size_t match_own_roots(walk *wk)
{
    enum { BLOCK = 64 };
    const nt_gaz *g = wk->g;
    const netra_text *t = wk->t;
    const uint32_t *all = wk->ids;
    const uint32_t *heads = g->head.items;
    uint32_t at[BLOCK];
    for (size_t b = 0; b < t->n_tokens; b += BLOCK) {
        size_t e = t->n_tokens - b < BLOCK ? t->n_tokens : b + BLOCK;
        size_t n = 0;
        for (size_t i = b; i < e; i++) {
            at[n] = (uint32_t)i;
            n += all[3 * i + 2] != NO_ID;
        }
        for (size_t q = 0; q < n; q++) {
            size_t i = at[q];
            uint32_t state = all[3 * i + 2];
            if (state & ST_OUT)
                __builtin_prefetch(&heads[state & ST_MASK]);
            if (!(state & ST_KIDS) || i + 1 >= t->n_tokens || g->ecap == 0)
                continue;
            uint32_t nx = all[3 * (i + 1)];
            if (nx != NO_ID && may_continue(g, nx) && edge_may(g, state & ST_MASK, nx))
                __builtin_prefetch(&g->edges[edge_slot(state & ST_MASK, nx) & (g->ecap - 1)]);
        }
        for (size_t q = 0; q < n; q++) {
            wk->first = at[q];
            walk_step(wk, all[3 * at[q] + 2], at[q]);
        }
    }
    return wk->found;
}

size_t nt_gaz_match_ids(const nt_gaz *g, const netra_text *t, const uint32_t *all, int use_stem,
                        nt_gaz_match *out, size_t max)
{
    walk wk = {g, t, all, use_stem, out, max, 0, 0, t->n_tokens, NULL};
    if (g->vocab == g && !use_stem && g->root != NULL)
        return match_own_roots(&wk);
    if (g->root != NULL && use_stem) {
        /* The cues, by stem and by text (an item that goes on, about one in four): one
         * pass, the root's bitmap read for each of a token's ids, a walk at once from each
         * that starts a cue, in the order of the blocks below (token, then its stem before
         * its text). The few cue starts of a text do not repay the blocks' copies and
         * prefetches, which counted 697 instructions per post over the bench's first 20,000
         * posts against 503 this way. */
        const uint64_t *first = g->first;
        /* token_ids()' tests for NO_ID are left out: NO_ID is never below n_root (ids are
         * given below UINT32_MAX), so the bound of the bitmap turns it away too. */
        const uint32_t n_root = g->n_root;
        for (size_t i = 0; i < t->n_tokens; i++) {
            uint32_t b = all[3 * i + 1], a = all[3 * i];
            if (b < n_root && (first[b >> 6] >> (b & 63) & 1)) {
                wk.first = (uint32_t)i;
                walk_step(&wk, g->root[b], i);
            }
            if (a < n_root && (first[a >> 6] >> (a & 63) & 1)) {
                wk.first = (uint32_t)i;
                walk_step(&wk, g->root[a], i);
            }
        }
        return wk.found;
    }
    /* By blocks of tokens: first the children of the root of every token (a token has one
     * by text, and by stem for cues), keeping only the tokens that have one; then a
     * prefetch of what the walk from each reads (its outputs, its edge by the next token),
     * then the walks, in token order, so that the cache misses of a block overlap. */
    enum { BLOCK = 64 };
    /* The matcher's own words by text before nt_gaz_freeze(): in the ids already. */
    int own_roots = g->vocab == g && !use_stem;
    uint32_t at[2 * BLOCK], st[2 * BLOCK];
    const uint32_t *heads = g->head.items;
    for (size_t b = 0; b < t->n_tokens; b += BLOCK) {
        size_t e = t->n_tokens - b < BLOCK ? t->n_tokens : b + BLOCK;
        size_t n = 0;
        if (own_roots)
            for (size_t i = b; i < e; i++) {
                at[n] = (uint32_t)i;
                st[n] = all[3 * i + 2];
                n += st[n] != NO_ID;
            }
        else
            for (size_t i = b; i < e; i++) {
                uint32_t ids[2];
                size_t ni = token_ids(all, i, use_stem, ids);
                for (size_t k = 0; k < ni; k++) {
                    at[n] = (uint32_t)i;
                    st[n] = root_child(g, ids[k]);
                    n += st[n] != NO_ID;
                }
            }
        for (size_t q = 0; q < n; q++) {
            size_t i = at[q];
            uint32_t state = st[q];
            if (state & ST_OUT)
                __builtin_prefetch(&heads[state & ST_MASK]);
            if (!(state & ST_KIDS) || i + 1 >= t->n_tokens || g->ecap == 0)
                continue;
            uint32_t nx[2];
            size_t nn = token_ids(all, i + 1, use_stem, nx);
            for (size_t k = 0; k < nn; k++)
                if (may_continue(g, nx[k]) && edge_may(g, state & ST_MASK, nx[k]))
                    __builtin_prefetch(
                        &g->edges[edge_slot(state & ST_MASK, nx[k]) & (g->ecap - 1)]);
        }
        for (size_t q = 0; q < n; q++) {
            wk.first = at[q];
            walk_step(&wk, st[q], at[q]);
        }
    }
    return wk.found;
}

/* One step of nt_gaz_ids_match()'s pass at token i, which is not the last (i + 1 < n):
 * the ids of token i + 1 go in, then the walk from token i starts if it has a state from
 * the root. Inlined into the pass twice, with and without the prefetch of a cell four
 * tokens ahead, so that neither the bound of that prefetch nor `i + 1 < n` is tested per
 * token. */
static inline __attribute__((always_inline)) unsigned
one_step(walk *wk, const nt_gaz *g, const netra_token *tk, nt_idcache *ca, uint32_t *ids, size_t i)
{
    /* g, tk and ca are wk's, passed as values: wk's address escapes to the walks, and the
     * compiler would load them again after each call (and test ca again in fill_ids()). */
    /* No prefetch of the next token's output list here: it cost three instructions a
     * token for the 0.4 states with outputs a post has, and came one token before the
     * list is read (docs/internals/detect.md, session of 2026-12-04 night). */
    unsigned kind = fill_ids(g, &tk[i + 1], &ids[3 * (i + 1)], ca);
    uint32_t st = ids[3 * i + 2];
    if (st == NO_ID)
        return kind;
    wk->first = (uint32_t)i;
    if (st & ST_OUT)
        report(wk, st, i);
    if (!(st & ST_KIDS))
        return kind;
    /* walk_step()'s first step without reading the next token's kind (see above) */
    uint32_t next = next_state_frozen(g, st, ids[3 * (i + 1)]);
    if (next != NO_ID) {
        wk->filled = i + 2;
        walk_from(wk, next, i + 1);
    }
    return kind;
}

/* A hint: the line of a token's cell (netra_token_cell()), asked for a few tokens before
 * the pass reads it. Made without testing NETRA_TOKF_CELL: for a token without a cell it
 * is a line near its text, which a prefetch may touch harmlessly (it never faults), and
 * the test cost more instructions than the prefetch. The address is made as an integer:
 * no pointer arithmetic on a token's text. */
static inline void prefetch_cell(const netra_token *k)
{
    __builtin_prefetch((const void *)((uintptr_t)k->text - NETRA_TOKEN_CELL_SIZE));
}

/* One pass over the tokens: each token's ids are filled once (fill_ids()), one token
 * ahead of the token walked from, so that the first step of a walk (the next token by
 * text) reads them from the array; a walk that goes further reads the ids of the tokens
 * beyond without writing them (peek_ids()). The ids array is still written whole: the cue
 * matcher reads it when the item goes on. 85% of posts name nobody, and most of their
 * tokens that start a phrase go no further than that first step, so it is written out
 * here for a frozen matcher: a token that is not a word or a number has no id or one of
 * the hashtag or mention namespace, which never continues a phrase (its bit in `inner` is
 * clear), so the token kind is not read. Matches come in the order of nt_gaz_match_ids()
 * by text (first token, then depth). */
unsigned nt_gaz_ids_match(const nt_gaz *g, const netra_text *t, uint32_t *ids, nt_idcache *cache,
                          nt_gaz_match *out, size_t max, size_t *found)
{
    const size_t n = t->n_tokens;
    walk wk = {g, t, ids, 0, out, max, 0, 0, 0, usable_cache(g, cache)};
    unsigned kinds = 0;
    *found = 0;
    if (n == 0)
        return 0;
    if (g->root == NULL || g->ecap == 0 || wk.cache == NULL) {
        /* Not frozen (tests), no edge at all, or no cells: the general steps. */
        for (size_t i = 0; i < n; i++) {
            kinds |= fill_ids(g, &t->tokens[i], &ids[3 * i], wk.cache);
            wk.filled = i + 1;
            if (ids[3 * i + 2] != NO_ID) {
                wk.first = (uint32_t)i;
                walk_step(&wk, ids[3 * i + 2], i);
            }
        }
        *found = wk.found;
        return kinds;
    }
    /* The cells of the first tokens are asked for now, each later one a few tokens ahead
     * (prefetch_cell()): the cells outgrow the caches, and the loads of one token would
     * otherwise wait on memory in turn. Only hints: they change no result. */
    enum { AHEAD = 4 };
    const netra_token *tk = t->tokens;
    nt_idcache *const ca = wk.cache;
    for (size_t i = 0; i < n && i < AHEAD; i++)
        prefetch_cell(&tk[i]);
    kinds = fill_ids(g, &tk[0], ids, ca);
    size_t i = 0;
    const size_t bulk = n > AHEAD ? n - AHEAD : 0; /* the tokens with one AHEAD after them */
    for (; i < bulk; i++) {
        prefetch_cell(&tk[i + AHEAD]);
        kinds |= one_step(&wk, g, tk, ca, ids, i);
    }
    for (; i + 1 < n; i++)
        kinds |= one_step(&wk, g, tk, ca, ids, i);
    /* The last token: its outputs only, nothing follows it. */
    uint32_t st = ids[3 * (n - 1) + 2];
    if (st != NO_ID && (st & ST_OUT)) {
        wk.first = (uint32_t)(n - 1);
        report(&wk, st, n - 1);
    }
    *found = wk.found;
    return kinds;
}

void nt_gaz_lookup(const nt_gaz *g, int ns, const char *s, size_t len,
                   void (*fn)(uint32_t payload, void *arg), void *arg)
{
    uint32_t id = id_of(g, ns_index(ns), s, len);
    if (id == NO_ID)
        return;
    uint32_t st = root_child(g, id);
    if (st == NO_ID || !(st & ST_OUT))
        return;
    const out_rec *outs = g->outs.items;
    for (uint32_t o = ((const uint32_t *)g->head.items)[st & ST_MASK]; o; o = outs[o - 1].next)
        fn(outs[o - 1].payload, arg);
}
