/*
 * detect.c - compiling a detector and deciding one item (docs/internals/detect.md).
 *
 * Per item: normalise the text, the target, the profile; find references to contestants
 * (names, aliases, hashtags, slogans, parties, accounts with the phrase matcher; ballot
 * numbers and hand signs by rule) and the cue words around them; for every contestant
 * referred to, make features and score them with the linear model; apply the rules that
 * keep the decision honest (a bare name is never support); attribute the author; map the
 * act and date to the form of violation through the law data; explain.
 *
 * Layering: detect uses util, text, item, election, law and ident, through their public
 * APIs plus the internal phrase matcher.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "detect/feat.h"
#include "item/item_int.h"
#include "netra/ident.h"

/* ---- names ------------------------------------------------------------------------------ */

static const char *const ref_names[NETRA_REF_COUNT_] = {
    NULL, "name", "alias", "hashtag", "slogan", "party", "account", "number", "gesture",
};

const char *netra_ref_kind_name(netra_ref_kind kind)
{
    return kind > 0 && kind < NETRA_REF_COUNT_ ? ref_names[kind] : "?";
}

const char *netra_field_name(netra_field field)
{
    static const char *const names[NETRA_FIELD_COUNT_] = {
        "text", "target.text", "target.author", "author.bio", "author.name", "author.handle",
    };
    return field < NETRA_FIELD_COUNT_ ? names[field] : "?";
}

/* ---- feature hashes ------------------------------------------------------------------- */

static inline uint64_t fnv_bytes(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * NT_FNV_PRIME;
    return h;
}

/* The hash state after a feature's prefix: FNV is incremental, so a prefix used for many
 * features of a text ("w:", "g:p:") is hashed once. */
static uint64_t prefix_state(const char *prefix)
{
    return fnv_bytes(NT_FNV_SEED, prefix, strlen(prefix));
}

static inline uint64_t feat_finish(uint64_t state, const char *rest, size_t len)
{
    uint64_t h = nt_hash_fnv_final(fnv_bytes(state, rest, len));
    return h ? h : 1;
}

uint64_t nt_feat_hash(const char *prefix, const char *rest, size_t len)
{
    return feat_finish(prefix_state(prefix), rest, len);
}

/* Hashes of features whose prefix and rest are both constant strings (a literal, a name
 * of the tables above), kept by the worker by the two addresses. */
#define FEAT_MEMO 128
typedef struct feat_memo {
    const char *prefix, *rest;
    uint64_t h;
    uint32_t len;
} feat_memo;

/* ---- the compiled detector -------------------------------------------------------------- */

typedef enum cue_class {
    CUE_CAMPAIGN = 0,
    CUE_CALL,
    CUE_OPPOSE,
    CUE_REPORT,
    CUE_QUESTION,
    CUE_SARCASM,
    CUE_PREFERENCE,
    CUE_CAMPAIGN_NOUN,
    CUE_PARTICLE,
    CUE_NUMBER,
    CUE_FINGER,
    CUE_MONTH,
    CUE_NOT_BALLOT,
    CUE_NEWS_AUTHOR,
    CUE_ASN,
    CUE_ASN_NOT,
    CUE_NOT_CUE,
    CUE_NCLASS
} cue_class;

static const char *const cue_names[CUE_NCLASS] = {
    "campaign_verb", "call",          "oppose",   "report",     "question", "sarcasm",
    "preference",    "campaign_noun", "particle", "number_cue", "finger",   "month",
    "not_ballot",    "news_author",   "asn",      "asn_not",    "not_cue",
};

typedef struct cue {
    const char *phrase; /* as in cues.tsv */
    cue_class cls;      /* its class */
    double weight;      /* asn / asn_not weight */
} cue;

typedef struct ct {
    const netra_election_info *el; /* election */
    const netra_contestant *c;     /* contestant */
    uint32_t el_index;             /* index of the election */
} ct;

#define MAX_ELECTIONS 64
#define BALLOT_MAX    100

struct netra_detector {
    const netra_law *law;
    const netra_registry *reg;
    netra_text_lexicon *lex;
    nt_gaz *names; /* payload: contestant << 4 | ref kind */
    nt_gaz *cues;  /* payload: cue index */
    cue *cue_arr;
    size_t n_cues;
    ct *cts;
    size_t n_cts;
    const netra_election_info *els[MAX_ELECTIONS];
    size_t n_els;
    int32_t ballot[MAX_ELECTIONS][BALLOT_MAX]; /* contestant index + 1 by number, 0 none */
    int32_t gesture[MAX_ELECTIONS][6];         /* contestant index + 1 by fingers */
    /* A number or hand sign that may stand for a contestant when nothing else names one:
     * some election that is not legislative has it (keep_numbers_of_named_elections()). */
    uint8_t lone_ballot[BALLOT_MAX];
    uint8_t lone_gesture[6];
    uint64_t st_gp, st_ge; /* prefix states of "g:p:" and "g:e:" */
    nt_model model;
    int has_model;
    size_t n_ambiguous; /* one-word candidate names left out as everyday words */
    double support_threshold;
    double asn_threshold;
    int attribute_all; /* attribute every author, not only those naming a contestant */
    nt_arena arena;
};

/* Set by add_phrase_text when a phrase was left out as too ambiguous. */
typedef struct phrase_opts {
    int use_stem;        /* tokens by stem (cues) */
    int joined;          /* also the words written together */
    int multi_word_only; /* a one-word phrase is left out */
    size_t *skipped;     /* counts those */
} phrase_opts;

static int add_phrase(netra_normalizer *nz, netra_arena *tmp, nt_gaz *g, const char *phrase,
                      uint32_t payload, const phrase_opts *po);

static int add_phrase_text(netra_normalizer *nz, netra_arena *tmp, nt_gaz *g, const char *phrase,
                           uint32_t payload, int use_stem, int joined)
{
    phrase_opts po = {use_stem, joined, 0, NULL};
    return add_phrase(nz, tmp, g, phrase, payload, &po);
}

static int add_phrase(netra_normalizer *nz, netra_arena *tmp, nt_gaz *g, const char *phrase,
                      uint32_t payload, const phrase_opts *po)
{
    int use_stem = po->use_stem, joined = po->joined;
    netra_text t;
    netra_arena_reset(tmp);
    if (phrase[0] == '=') { /* an exact form: matched by its text, never by its stem */
        phrase++;
        use_stem = 0;
    }
    int rc = netra_normalize(&t, nz, phrase, strlen(phrase), tmp);
    if (rc)
        return rc;
    const char *toks[NT_GAZ_MAX_PHRASE_TOKENS];
    size_t lens[NT_GAZ_MAX_PHRASE_TOKENS];
    size_t n = 0;
    for (size_t i = 0; i < t.n_tokens; i++) {
        const netra_token *tk = &t.tokens[i];
        if (tk->kind == NETRA_TOK_HASHTAG || (tk->flags & NETRA_TOKF_HASHTAG_PART))
            continue;
        if (tk->kind != NETRA_TOK_WORD && tk->kind != NETRA_TOK_NUMBER)
            continue;
        if (n == NT_GAZ_MAX_PHRASE_TOKENS)
            return NETRA_OK; /* longer than any phrase worth matching: skipped */
        int stem = use_stem && tk->kind == NETRA_TOK_WORD;
        toks[n] = stem ? tk->stem : tk->text;
        lens[n] = stem ? tk->stem_len : tk->len;
        n++;
    }
    if (n == 0)
        return NETRA_OK;
    if (po->multi_word_only && n == 1) {
        /* One of 58,000 one-word candidate names of a legislative list: "Ahmad", "Dewi",
         * "Saja", "Hati". A single word cannot say which of the 258,229 candidates is
         * meant, and many are everyday words; matching them would make most posts refer to
         * someone. */
        if (po->skipped)
            (*po->skipped)++;
        return NETRA_OK;
    }
    rc = nt_gaz_add(g, NT_GAZ_WORD, toks, lens, n, payload);
    if (rc || !joined || n < 2 || n > 3)
        return rc;
    /* The words written together too ("cakimin", "prabowogibran"): spaced letters and
     * run-together names normalise to one token. */
    char buf[96];
    size_t bl = 0;
    for (size_t i = 0; i < n; i++) {
        if (bl + lens[i] >= sizeof buf)
            return NETRA_OK;
        memcpy(buf + bl, toks[i], lens[i]);
        bl += lens[i];
    }
    const char *one = buf;
    return nt_gaz_add(g, NT_GAZ_WORD, &one, &bl, 1, payload);
}

static int add_key(nt_gaz *g, int ns, const char *s, uint32_t payload)
{
    char buf[NETRA_ELECTION_MAX_STRING + 1];
    size_t n = strlen(s);
    if (n == 0 || n > NETRA_ELECTION_MAX_STRING)
        return NETRA_OK;
    memcpy(buf, s, n);
    nt_str_lower_ascii(buf, n);
    const char *tok = buf;
    return nt_gaz_add(g, ns, &tok, &n, 1, payload);
}

static int load_cues(netra_detector *d, const char *path)
{
    static const char *const cols[] = {"phrase", "class", "weight", NULL};
    nt_tsv t;
    int rc = nt_tsv_open(&t, path, NULL, 0, cols);
    if (rc)
        return rc;
    nt_vec v;
    nt_vec_init(&v, sizeof(cue), 100000);
    while ((rc = nt_tsv_next(&t)) == 1) {
        cue c = {0};
        size_t cl;
        if ((rc = nt_tsv_get_str(&c.phrase, &t, "phrase", &d->arena, 0)))
            break;
        const char *cls = nt_tsv_get(&t, "class", &cl);
        int k;
        for (k = 0; k < CUE_NCLASS; k++)
            if (nt_str_eq(cls, cl, cue_names[k]))
                break;
        if (k == CUE_NCLASS) {
            rc = nt_tsv_error(&t, "class", "unknown class '%.*s'", (int)(cl > 40 ? 40 : cl), cls);
            break;
        }
        c.cls = (cue_class)k;
        size_t wl;
        const char *w = nt_tsv_get(&t, "weight", &wl);
        if (c.cls == CUE_ASN || c.cls == CUE_ASN_NOT) {
            char tmp[32];
            char *end;
            if (wl == 0 || wl >= sizeof tmp) {
                rc = nt_tsv_error(&t, "weight", "a number is needed for class %s", cls);
                break;
            }
            memcpy(tmp, w, wl);
            tmp[wl] = '\0';
            c.weight = strtod(tmp, &end);
            if (*end != '\0' || !(c.weight > -20 && c.weight < 20)) {
                rc = nt_tsv_error(&t, "weight", "expected a number between -20 and 20");
                break;
            }
        } else if (!(wl == 1 && w[0] == '-')) {
            rc = nt_tsv_error(&t, "weight", "must be '-' for class %s (the model weighs it)",
                              cue_names[k]);
            break;
        }
        if (nt_vec_push(&v, &c) == NULL) {
            rc = netra_error_last()->code;
            break;
        }
    }
    nt_tsv_close(&t);
    if (rc < 0) {
        nt_vec_free(&v);
        return rc;
    }
    d->cue_arr = v.items;
    d->n_cues = v.n;
    return NETRA_OK;
}

static int words_for_lexicon(netra_text_lexicon *lex, const char *s)
{
    /* Lowercase ASCII words of a name, alias or slogan, so leetspeak and elongation
     * recognise them. */
    char w[64];
    const char *word[1] = {w};
    size_t n = 0;
    for (const char *p = s;; p++) {
        char c = *p;
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter && n < sizeof w - 1) {
            w[n++] = nt_ascii_lower(c);
            continue;
        }
        if (n >= 3 && n < sizeof w - 1) {
            w[n] = '\0';
            int rc = netra_text_lexicon_add_words(lex, word, 1);
            if (rc)
                return rc;
        }
        n = 0;
        if (c == '\0')
            return NETRA_OK;
    }
}

static int gesture_fingers(const char *g)
{
    if (strcmp(g, "index") == 0)
        return 1;
    if (strcmp(g, "victory") == 0)
        return 2;
    if (strcmp(g, "three") == 0)
        return 3;
    return 0;
}

static void free_partial(netra_detector *d)
{
    nt_gaz_free(d->names);
    nt_gaz_free(d->cues);
    netra_text_lexicon_free(d->lex);
    nt_model_free(&d->model);
    nt_free(d->cue_arr);
    nt_free(d->cts);
    nt_arena_free(&d->arena);
    nt_free(d);
}

static int path_in_data(char *buf, size_t cap, const char *sub)
{
    int n = snprintf(buf, cap, "%s/%s", netra_data_dir(), sub);
    if (n < 0 || (size_t)n >= cap)
        return nt_error_set(NETRA_ETOOBIG, "data path too long");
    return NETRA_OK;
}

int netra_detector_new(netra_detector **out, const netra_law *law,
                       const netra_election_file *const *elections, size_t n_elections,
                       const netra_registry *registry, const netra_detect_options *opts)
{
    NT_ASSERT_ARG(out != NULL && law != NULL && elections != NULL);
    if (n_elections == 0 || n_elections > MAX_ELECTIONS)
        return nt_error_set(NETRA_EINVAL, "between 1 and %d election files are needed",
                            MAX_ELECTIONS);
    netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, 0};
    if (opts)
        o = *opts;
    netra_detector *d = nt_calloc(1, sizeof *d);
    if (d == NULL)
        return NETRA_ENOMEM;
    d->law = law;
    d->reg = registry;
    d->support_threshold = o.support_threshold > 0 ? o.support_threshold : 0.5;
    d->asn_threshold = o.asn_threshold > 0 ? o.asn_threshold : 0.5;
    d->attribute_all = o.attribute_all;
    d->st_gp = prefix_state("g:p:");
    d->st_ge = prefix_state("g:e:");
    nt_arena_init(&d->arena, 1u << 16, 0);
    nt_model_init(&d->model);

    char path[4200];
    int rc;
    if ((rc = netra_text_lexicon_load(&d->lex, o.text_dir)))
        goto fail;
    size_t total = 0;
    for (size_t e = 0; e < n_elections; e++) {
        const netra_election_info *el = netra_election_get(elections[e]);
        d->els[e] = el;
        total += el->n_contestants;
    }
    d->n_els = n_elections;
    d->cts = nt_calloc(total ? total : 1, sizeof *d->cts);
    if (d->cts == NULL) {
        rc = NETRA_ENOMEM;
        goto fail;
    }
    /* Contestant words go into the lexicon before any normaliser is made. Large elections
     * (a legislative list) would flood the lexicon with everyday words; only elections of
     * at most 64 contestants add theirs. */
    for (size_t e = 0; e < n_elections; e++) {
        const netra_election_info *el = d->els[e];
        if (el->n_contestants > 64)
            continue;
        for (size_t i = 0; i < el->n_contestants; i++) {
            const netra_contestant *c = &el->contestants[i];
            const netra_strlist *lists[] = {&c->names, &c->aliases, &c->slogans};
            for (size_t l = 0; l < 3; l++)
                for (size_t k = 0; k < lists[l]->n; k++)
                    if ((rc = words_for_lexicon(d->lex, lists[l]->items[k])))
                        goto fail;
        }
    }
    if (o.cues_path == NULL) {
        if ((rc = path_in_data(path, sizeof path, "detect/cues.tsv")))
            goto fail;
        o.cues_path = path;
    }
    if ((rc = load_cues(d, o.cues_path)))
        goto fail;

    netra_normalizer *nz = NULL;
    if ((rc = netra_normalizer_new(&nz, d->lex)))
        goto fail;
    netra_arena *tmp = NULL;
    if ((rc = netra_arena_new(&tmp, 1u << 16, 0))) {
        netra_normalizer_free(nz);
        goto fail;
    }
    if ((rc = nt_gaz_new(&d->names, NULL)) || (rc = nt_gaz_new(&d->cues, d->names)))
        goto fail_nz;
    for (size_t i = 0; i < d->n_cues; i++) {
        if ((rc = add_phrase_text(nz, tmp, d->cues, d->cue_arr[i].phrase, (uint32_t)i,
                                  d->cue_arr[i].cls != CUE_NOT_CUE, 0)))
            goto fail_nz;
    }
    for (size_t e = 0; e < n_elections; e++) {
        const netra_election_info *el = d->els[e];
        for (size_t i = 0; i < el->n_contestants; i++) {
            const netra_contestant *c = &el->contestants[i];
            uint32_t ci = (uint32_t)d->n_cts++;
            d->cts[ci] = (ct){el, c, (uint32_t)e};
            if (c->ballot_number > 0 && c->ballot_number < BALLOT_MAX &&
                (el->kind != NETRA_ELECTION_PILEG || c->kind == NETRA_CONTESTANT_PARTY))
                d->ballot[e][c->ballot_number] = (int32_t)ci + 1;
            for (size_t k = 0; k < c->gestures.n; k++) {
                int f = gesture_fingers(c->gestures.items[k]);
                if (f > 0)
                    d->gesture[e][f] = (int32_t)ci + 1;
            }
            if (el->kind != NETRA_ELECTION_PILEG) {
                for (int v = 1; v < BALLOT_MAX; v++)
                    d->lone_ballot[v] |= d->ballot[e][v] != 0;
                for (int f = 1; f < 6; f++)
                    d->lone_gesture[f] |= d->gesture[e][f] != 0;
            }
            struct {
                const netra_strlist *l;
                netra_ref_kind kind;
            } lists[] = {{&c->names, NETRA_REF_NAME},
                         {&c->aliases, NETRA_REF_ALIAS},
                         {&c->slogans, NETRA_REF_SLOGAN},
                         {&c->parties, NETRA_REF_PARTY}};
            /* In a legislative list (hundreds of thousands of names) a candidate is matched
             * by names and aliases of two words or more only. */
            phrase_opts po = {0, el->n_contestants <= 64,
                              el->n_contestants > 64 && c->kind == NETRA_CONTESTANT_CANDIDATE,
                              &d->n_ambiguous};
            for (size_t l = 0; l < 4; l++)
                for (size_t k = 0; k < lists[l].l->n; k++)
                    if ((rc = add_phrase(nz, tmp, d->names, lists[l].l->items[k],
                                         ci << 4 | (uint32_t)lists[l].kind, &po)))
                        goto fail_nz;
            for (size_t k = 0; k < c->hashtags.n; k++)
                if ((rc = add_key(d->names, NT_GAZ_HASHTAG, c->hashtags.items[k],
                                  ci << 4 | NETRA_REF_HASHTAG)))
                    goto fail_nz;
            for (size_t k = 0; k < c->accounts.n; k++)
                if ((rc = add_key(d->names, NT_GAZ_MENTION, c->accounts.items[k],
                                  ci << 4 | NETRA_REF_ACCOUNT)))
                    goto fail_nz;
        }
    }
    netra_normalizer_free(nz);
    netra_arena_free(tmp);
    if ((rc = nt_gaz_freeze(d->names)) || (rc = nt_gaz_freeze(d->cues)))
        goto fail;

    if (o.model_path == NULL) {
        if ((rc = path_in_data(path, sizeof path, "detect/model.tsv")))
            goto fail;
        o.model_path = path;
    }
    if (o.model_path[0]) {
        if ((rc = nt_model_load(&d->model, o.model_path)))
            goto fail;
        d->has_model = 1;
    }
    *out = d;
    return NETRA_OK;

fail_nz:
    netra_normalizer_free(nz);
    netra_arena_free(tmp);
fail:
    free_partial(d);
    return rc;
}

void netra_detector_free(netra_detector *det)
{
    if (det)
        free_partial(det);
}

void netra_detector_stats_get(const netra_detector *det, netra_detector_stats *out)
{
    out->n_contestants = det->n_cts;
    out->n_phrases = nt_gaz_n_phrases(det->names);
    out->matcher_bytes = nt_gaz_bytes(det->names);
    out->n_weights = det->model.n;
    out->n_ambiguous = det->n_ambiguous;
}

/* ---- the worker ------------------------------------------------------------------------- */

#define MAX_MATCHES 256
#define MAX_REFS    128
#define MAX_CANDS   32

typedef struct ref {
    uint32_t ct;         /* contestant index */
    netra_ref_kind kind; /* what it was */
    netra_field field;   /* where */
    uint32_t first;      /* token range in that field's text (text/target only) */
    uint32_t last;
    uint32_t start; /* byte range in the field */
    uint32_t end;
} ref;

typedef struct cue_hit {
    uint32_t cue;   /* cue index */
    uint32_t first; /* token range */
    uint32_t last;
    int negated; /* a negation token just before */
} cue_hit;

typedef struct fieldtext {
    netra_text t;              /* tokens */
    uint32_t *ids;             /* vocabulary ids and root states per token (nt_gaz_ids) */
    const char *src;           /* the field's original bytes */
    size_t src_len;            /* ... their length */
    unsigned kinds;            /* kinds of its tokens (a bit per kind, nt_gaz_ids()) */
    cue_hit cues[MAX_MATCHES]; /* cue occurrences */
    size_t n_cues;
    unsigned cue_mask; /* classes present */
    /* window_feats(): per token, the hash of its window feature ("w:" and its stem) once
     * made, with a byte saying so; NULL until a window of this item's field needs it (the
     * windows of several references and candidates overlap). */
    uint64_t *wh;
    uint8_t *wh_ok;
    const char *wh_pre; /* the prefix those hashes were made with */
} fieldtext;

/* One classification of the law kept by a worker, by its exact input: every string of the
 * input is the detector's or static (the act names, the elections' ids and offices, the
 * employee types of the registry and of attribute()), alive as long as the worker, so the
 * same pointers mean the same strings. */
typedef struct law_memo {
    const char *act, *election, *office, *employee_type;
    netra_date date;
    int used;
    netra_classification c; /* its steps up to c.n_steps */
} law_memo;

#define LAW_MEMO 4

struct netra_detect_worker {
    const netra_detector *d;
    netra_normalizer *nz;
    netra_arena *arena; /* per item */
    nt_gaz_match m[MAX_MATCHES];
    fieldtext ft[NETRA_FIELD_COUNT_];
    int have[NETRA_FIELD_COUNT_];
    ref refs[MAX_REFS];
    size_t n_refs;
    nt_buf out; /* JSON */
    nt_buf sent_id, sent_en;
    nt_idcache *idcache;       /* token ids seen lately */
    feat_memo memo[FEAT_MEMO]; /* hashes of constant features */
    netra_date date;           /* the last verdict's date ... */
    int date_set;
    char date_q[NETRA_DATE_STRLEN + 1]; /* ... quoted ("2024-02-14", no '\0') */
    int profile;                        /* the author's fields were read for this item */
    law_memo law[LAW_MEMO];             /* the last classifications (netra_detect()) */
    unsigned law_next;                  /* the slot replaced next */
    /* Per act, the verdict's bytes from its name to the date's key (`post","date":`),
     * made once from netra_item_act_name(): one copy instead of a strlen and three. */
    char act_q[NETRA_ITEM_ACT_COUNT_][32];
    uint8_t act_q_len[NETRA_ITEM_ACT_COUNT_];
    int general; /* tests: no shortcut for items naming nobody (nt_detect_set_general()) */
};

void nt_detect_set_general(netra_detect_worker *w, int on)
{
    w->general = on;
}

int netra_detect_worker_new(netra_detect_worker **out, const netra_detector *det)
{
    NT_ASSERT_ARG(out != NULL && det != NULL);
    netra_detect_worker *w = nt_calloc(1, sizeof *w);
    if (w == NULL)
        return NETRA_ENOMEM;
    w->d = det;
    int rc = netra_normalizer_new(&w->nz, det->lex);
    if (rc == NETRA_OK)
        rc = netra_arena_new(&w->arena, 1u << 16, 64u * 1024u * 1024u);
    if (rc == NETRA_OK && (w->idcache = nt_idcache_new()) == NULL)
        rc = NETRA_ENOMEM;
    if (rc) {
        netra_detect_worker_free(w);
        return rc;
    }
    nt_buf_init(&w->out, 16u * 1024u * 1024u);
    nt_buf_init(&w->sent_id, 4096);
    nt_buf_init(&w->sent_en, 4096);
    for (int a = 0; a < NETRA_ITEM_ACT_COUNT_; a++) {
        const char *name = netra_item_act_name((netra_item_act)a);
        int n = snprintf(w->act_q[a], sizeof w->act_q[a], "%s\",\"date\":", name);
        w->act_q_len[a] = n > 0 && (size_t)n < sizeof w->act_q[a] ? (uint8_t)n : 0;
    }
    *out = w;
    return NETRA_OK;
}

void netra_detect_worker_free(netra_detect_worker *w)
{
    if (w == NULL)
        return;
    netra_normalizer_free(w->nz);
    netra_arena_free(w->arena);
    nt_idcache_free(w->idcache);
    nt_buf_free(&w->out);
    nt_buf_free(&w->sent_id);
    nt_buf_free(&w->sent_en);
    nt_free(w);
}

static void add_ref(netra_detect_worker *w, uint32_t ct_i, netra_ref_kind kind, netra_field f,
                    uint32_t first, uint32_t last, uint32_t start, uint32_t end)
{
    /* Same contestant, same kind, same place: once. */
    for (size_t i = 0; i < w->n_refs; i++) {
        ref *r = &w->refs[i];
        if (r->ct == ct_i && r->kind == kind && r->field == f && r->start == start)
            return;
    }
    if (w->n_refs < MAX_REFS)
        w->refs[w->n_refs++] = (ref){ct_i, kind, f, first, last, start, end};
}

static int is_neg(const netra_token *t)
{
    return (t->flags & NETRA_TOKF_NEGATION) != 0;
}

static void find_cues(netra_detect_worker *w, fieldtext *ft)
{
    const netra_detector *d = w->d;
    size_t n = nt_gaz_match_ids(d->cues, &ft->t, ft->ids, 1, w->m, MAX_MATCHES);
    if (n > MAX_MATCHES)
        n = MAX_MATCHES;
    ft->n_cues = 0;
    ft->cue_mask = 0;
    /* Tokens that are never a cue by their stem ("pemilihan" names the election; its stem
     * "pilih" is a campaign verb). */
    uint32_t never[16];
    size_t n_never = 0;
    for (size_t i = 0; i < n; i++)
        if (d->cue_arr[w->m[i].payload].cls == CUE_NOT_CUE && n_never < 16)
            never[n_never++] = w->m[i].first;
    for (size_t i = 0; i < n; i++) {
        /* Several cue entries may share a stem ("menang", "menangkan"): one hit per place
         * and class. */
        cue_class cls = d->cue_arr[w->m[i].payload].cls;
        if (cls == CUE_NOT_CUE)
            continue;
        if (w->m[i].first == w->m[i].last &&
            (cls == CUE_CAMPAIGN || cls == CUE_CALL || cls == CUE_PREFERENCE)) {
            size_t q;
            for (q = 0; q < n_never; q++)
                if (never[q] == w->m[i].first)
                    break;
            if (q < n_never)
                continue;
        }
        /* The matches come by first token (nt_gaz_match_ids()), so the hits kept do too:
         * one at the same place can only be among the last ones, back to the first hit
         * that starts before this match. */
        size_t k;
        for (k = ft->n_cues; k > 0 && ft->cues[k - 1].first == w->m[i].first; k--)
            if (ft->cues[k - 1].last == w->m[i].last && d->cue_arr[ft->cues[k - 1].cue].cls == cls)
                break;
        if (k > 0 && ft->cues[k - 1].first == w->m[i].first)
            continue;
        cue_hit *h = &ft->cues[ft->n_cues++];
        h->cue = w->m[i].payload;
        h->first = w->m[i].first;
        h->last = w->m[i].last;
        h->negated = 0;
        /* Negated: a negation word at most two tokens before, with no punctuation between
         * ("jangan pilih", "gak mau dukung"; not "gak jelas, mending lanjutkan"). */
        for (uint32_t q = h->first > 2 ? h->first - 2 : 0; q < h->first; q++)
            if (is_neg(&ft->t.tokens[q])) {
                int clean = 1;
                for (uint32_t b = ft->t.tokens[q].end; b < ft->t.tokens[h->first].start; b++)
                    if (strchr(",.;:!?()\n", ft->src[b]) != NULL)
                        clean = 0;
                h->negated = clean;
            }
        ft->cue_mask |= 1u << d->cue_arr[h->cue].cls;
    }
}

static int cue_at(const fieldtext *ft, const netra_detector *d, uint32_t tok, cue_class cls)
{
    for (size_t i = 0; i < ft->n_cues; i++)
        if (ft->cues[i].first <= tok && tok <= ft->cues[i].last &&
            d->cue_arr[ft->cues[i].cue].cls == cls)
            return 1;
    return 0;
}

/* A number written as part of a time or a video position ("1:02:15", "19.02 WIB",
 * "00:02"): a digit, then ':' or '.', right next to it on either side. */
static int in_clock(const fieldtext *ft, const netra_token *tk)
{
    const char *s = ft->src;
    size_t a = tk->start, b = tk->end;
    if (a >= 2 && (s[a - 1] == ':' || s[a - 1] == '.') && s[a - 2] >= '0' && s[a - 2] <= '9')
        return 1;
    if (b + 1 < ft->src_len && (s[b] == ':' || s[b] == '.') && s[b + 1] >= '0' && s[b + 1] <= '9')
        return 1;
    return 0;
}

/* Ballot numbers and hand signs of a field's tokens. */
static void find_numbers(netra_detect_worker *w, netra_field f)
{
    const netra_detector *d = w->d;
    const fieldtext *ft = &w->ft[f];
    const netra_text *t = &ft->t;
    if (!(ft->kinds & (1u << NETRA_TOK_NUMBER | 1u << NETRA_TOK_GESTURE)))
        return; /* most texts have neither: no token to look at */
    for (size_t i = 0; i < t->n_tokens; i++) {
        const netra_token *tk = &t->tokens[i];
        if (tk->kind == NETRA_TOK_GESTURE && tk->value >= 1 && tk->value <= 5) {
            for (size_t e = 0; e < d->n_els; e++)
                if (d->gesture[e][tk->value])
                    add_ref(w, (uint32_t)d->gesture[e][tk->value] - 1, NETRA_REF_GESTURE, f,
                            (uint32_t)i, (uint32_t)i, tk->start, tk->end);
            continue;
        }
        if (tk->kind != NETRA_TOK_NUMBER || tk->value < 1 || tk->value >= BALLOT_MAX)
            continue;
        if (tk->flags & NETRA_TOKF_HASHTAG_PART)
            continue;
        if (in_clock(ft, tk))
            continue;
        /* An ordinal ("debat ketiga", "hari ke-2") counts something else: ballot numbers
         * are said as cardinals ("nomor urut tiga", "02"). */
        if (tk->len > 2 && tk->text[0] == 'k' && tk->text[1] == 'e')
            continue;
        /* What makes a number a ballot number: a cue word within two tokens before it
         * (nomor, urut, paslon, salam, coblos), a leading zero ("02"), a keycap, or "jari"
         * after it. A month or a counted noun after it makes it something else. */
        int ballot = 0;
        if (tk->len == 2 && tk->text[0] == '0')
            ballot = 1;
        if (tk->transforms & NETRA_TX_KEYCAP)
            ballot = 1;
        for (size_t k = i >= 2 ? i - 2 : 0; k < i; k++)
            if (cue_at(ft, d, (uint32_t)k, CUE_NUMBER))
                ballot = 1;
        if (i + 1 < t->n_tokens && cue_at(ft, d, (uint32_t)i + 1, CUE_FINGER))
            ballot = 1;
        if (i + 1 < t->n_tokens && (cue_at(ft, d, (uint32_t)i + 1, CUE_MONTH) ||
                                    cue_at(ft, d, (uint32_t)i + 1, CUE_NOT_BALLOT)))
            ballot = 0;
        for (size_t k = i >= 2 ? i - 2 : 0; k < i; k++)
            if (cue_at(ft, d, (uint32_t)k, CUE_NOT_BALLOT))
                ballot = 0;
        if (!ballot)
            continue;
        for (size_t e = 0; e < d->n_els; e++)
            if (d->ballot[e][tk->value])
                add_ref(w, (uint32_t)d->ballot[e][tk->value] - 1, NETRA_REF_NUMBER, f, (uint32_t)i,
                        (uint32_t)i, tk->start, tk->end);
    }
}

/* The references of the n name matches in w->m (nt_gaz_ids_match() over field f). */
static void find_names(netra_detect_worker *w, netra_field f, size_t n)
{
    const netra_text *t = &w->ft[f].t;
    if (n > MAX_MATCHES)
        n = MAX_MATCHES;
    for (size_t i = 0; i < n; i++) {
        uint32_t p = w->m[i].payload;
        const netra_token *a = &t->tokens[w->m[i].first], *b = &t->tokens[w->m[i].last];
        add_ref(w, p >> 4, (netra_ref_kind)(p & 15), f, w->m[i].first, w->m[i].last, a->start,
                b->end);
    }
}

typedef struct acct_ctx {
    netra_detect_worker *w;
    uint32_t len;
} acct_ctx;

static void on_account(uint32_t payload, void *arg)
{
    acct_ctx *a = arg;
    add_ref(a->w, payload >> 4, (netra_ref_kind)(payload & 15), NETRA_FIELD_TARGET_AUTHOR, 0, 0, 0,
            a->len);
}

/* ---- features --------------------------------------------------------------------------- */

#define FEAT_SLOTS 256 /* more than NT_MAX_FEATS: a probe always ends */

typedef struct featset {
    nt_feat f[NT_MAX_FEATS];
    size_t n;
    uint8_t slot[FEAT_SLOTS];      /* by hash: index in f + 1, 0 free (one of each feature) */
    feat_memo *memo;               /* the worker's */
    const float *wt[NT_MAX_FEATS]; /* score(): the model's weights of f[i], or NULL */
} featset;

static void featset_init(featset *fs, feat_memo *memo)
{
    fs->n = 0;
    memset(fs->slot, 0, sizeof fs->slot);
    fs->memo = memo;
}

static void feat_h(featset *fs, uint64_t h, const char *prefix, const char *rest, size_t len)
{
    size_t i = (size_t)h & (FEAT_SLOTS - 1);
    for (; fs->slot[i]; i = (i + 1) & (FEAT_SLOTS - 1))
        if (fs->f[fs->slot[i] - 1].h == h)
            return;
    if (fs->n < NT_MAX_FEATS) {
        fs->f[fs->n++] = (nt_feat){h, prefix, rest, (uint32_t)len};
        fs->slot[i] = (uint8_t)fs->n;
    }
}

/* A feature whose prefix state the caller has (prefix_state(prefix)). */
static void feat_st(featset *fs, uint64_t state, const char *prefix, const char *rest, size_t len)
{
    feat_h(fs, feat_finish(state, rest, len), prefix, rest, len);
}

/* A feature of two constant strings (never the item's bytes: the hash is kept by address). */
static void feats(featset *fs, const char *prefix, const char *rest)
{
    uintptr_t k = (uintptr_t)prefix * 31u + (uintptr_t)rest;
    feat_memo *m = &fs->memo[(k ^ k >> 7) & (FEAT_MEMO - 1)];
    if (m->prefix != prefix || m->rest != rest) {
        size_t len = strlen(rest);
        *m = (feat_memo){prefix, rest, nt_feat_hash(prefix, rest, len), (uint32_t)len};
    }
    feat_h(fs, m->h, prefix, rest, m->len);
}

/* Context of one contestant: what the rules need besides the features. */
typedef struct cctx {
    int context;      /* something besides a bare name: a cue, a hashtag, a number... */
    int negated_verb; /* a campaign verb under negation near a reference */
    int negated_near; /* ... at most three tokens before it */
    int reporting;    /* reporting or a question near it, or a news author */
    int call;         /* a call to act (ayo, jangan lupa) */
} cctx;

static void window_feats(featset *fs, cctx *cx, const netra_detector *d, fieldtext *ft,
                         const ref *r, const char *pre_cue, const char *pre_w, nt_arena *ar)
{
    const uint32_t W = 6;
    uint32_t lo = r->first > W ? r->first - W : 0;
    uint32_t hi = r->last + W;
    for (size_t i = 0; i < ft->n_cues; i++) {
        const cue_hit *h = &ft->cues[i];
        if (h->last < lo || h->first > hi)
            continue;
        if (h->first >= r->first && h->last <= r->last)
            continue; /* the cue is the reference itself (a slogan "lanjutkan") */
        cue_class cls = d->cue_arr[h->cue].cls;
        if (cls >= CUE_NUMBER)
            continue;
        feats(fs, pre_cue, cue_names[cls]);
        if (h->negated) {
            if (cls == CUE_CAMPAIGN) {
                feats(fs, pre_cue, "campaign_verb+neg");
                cx->negated_verb = 1;
                /* "gak bakal milih 02", "jangan pilih Anies": the negated verb just before
                 * the reference governs it. */
                if (h->last < r->first && r->first - h->last <= 3)
                    cx->negated_near = 1;
            } else if (cls == CUE_CALL)
                feats(fs, pre_cue, "call+neg");
            else if (cls == CUE_OPPOSE)
                feats(fs, pre_cue, "oppose+neg");
            else if (cls == CUE_PREFERENCE) {
                /* "gak layak", "tidak pantas", "bukan pilihan tepat": praise denied is
                 * criticism, not context for support. */
                feats(fs, pre_cue, "preference+neg");
                cx->negated_verb = 1;
                if (h->last < r->first && r->first - h->last <= 3)
                    cx->negated_near = 1;
                continue;
            }
        }
        if (cls == CUE_CAMPAIGN || cls == CUE_CALL || cls == CUE_PREFERENCE)
            cx->context = 1;
        if (cls == CUE_CALL)
            cx->call = 1;
        if (cls == CUE_REPORT || cls == CUE_QUESTION)
            cx->reporting = 1;
    }
    const netra_text *t = &ft->t;
    uint64_t st_w = prefix_state(pre_w);
    if (ft->wh == NULL || ft->wh_pre != pre_w) { /* the first window of this field */
        ft->wh = nt_arena_alloc(ar, t->n_tokens * (sizeof *ft->wh + 1) + 1);
        if (ft->wh != NULL) { /* else every hash is made each time */
            ft->wh_ok = (uint8_t *)(ft->wh + t->n_tokens);
            memset(ft->wh_ok, 0, t->n_tokens);
            ft->wh_pre = pre_w;
        }
    }
    for (uint32_t k = lo; k <= hi && k < t->n_tokens; k++) {
        const netra_token *tk = &t->tokens[k];
        if (k >= r->first && k <= r->last)
            continue;
        const char *rest;
        size_t len;
        if (tk->kind == NETRA_TOK_WORD && !(tk->flags & NETRA_TOKF_HASHTAG_PART)) {
            rest = tk->stem;
            len = tk->stem_len;
        } else if (tk->kind == NETRA_TOK_PUNCT) {
            rest = tk->text;
            len = tk->len;
        } else
            continue;
        if (ft->wh == NULL) {
            feat_st(fs, st_w, pre_w, rest, len);
            continue;
        }
        if (!ft->wh_ok[k]) {
            ft->wh[k] = feat_finish(st_w, rest, len);
            ft->wh_ok[k] = 1;
        }
        feat_h(fs, ft->wh[k], pre_w, rest, len);
    }
}

static void make_feats(featset *fs, cctx *cx, netra_detect_worker *w, const netra_item *item,
                       uint32_t ct_i)
{
    const netra_detector *d = w->d;
    featset_init(fs, w->memo);
    memset(cx, 0, sizeof *cx);
    feats(fs, "bias", "");
    const char *act = netra_item_act_name(item->act);
    feats(fs, "act:", act);
    int in_text = 0, in_target = 0, n_refs = 0, in_bio = 0;
    for (size_t i = 0; i < w->n_refs; i++) {
        const ref *r = &w->refs[i];
        if (r->ct != ct_i)
            continue;
        n_refs++;
        const char *kind = ref_names[r->kind];
        if (r->kind != NETRA_REF_NAME && r->kind != NETRA_REF_ALIAS && r->kind != NETRA_REF_PARTY)
            cx->context = 1;
        if (r->kind == NETRA_REF_PARTY)
            feats(fs, "ref:", "party");
        switch (r->field) {
        case NETRA_FIELD_TEXT: {
            in_text = 1;
            feats(fs, "ref:", kind);
            /* No feature says how the name was written: a verdict must not change when
             * the text is disguised (styled letters, leetspeak, spacing). */
            window_feats(fs, cx, d, &w->ft[NETRA_FIELD_TEXT], r,
                         "win:", "w:", nt_arena_of(w->arena));
            break;
        }
        case NETRA_FIELD_TARGET:
            in_target = 1;
            feats(fs, "tref:", kind);
            window_feats(fs, cx, d, &w->ft[NETRA_FIELD_TARGET], r,
                         "twin:", "tw:", nt_arena_of(w->arena));
            break;
        case NETRA_FIELD_TARGET_AUTHOR:
            in_target = 1;
            feats(fs, "tauthor:", kind);
            /* Acting on a campaign account is context; a group merely named like a
             * contestant ("Dharma Wanita") is not. */
            if (r->kind == NETRA_REF_ACCOUNT)
                cx->context = 1;
            /* An account or group that names the contestant and calls itself a campaign
             * organisation ("Relawan Prabowo-Gibran Jabar", "TKN ...", "... Fans Club")
             * is one: acting on it is acting on a campaign account. */
            if ((w->ft[NETRA_FIELD_TARGET_AUTHOR].cue_mask & (1u << CUE_CAMPAIGN_NOUN)) &&
                r->kind != NETRA_REF_PARTY) {
                feats(fs, "tauthor:", "campaign_group");
                if (item->act == NETRA_ITEM_LIKE || item->act == NETRA_ITEM_SHARE ||
                    item->act == NETRA_ITEM_FOLLOW || item->act == NETRA_ITEM_JOIN)
                    cx->context = 1;
            }
            break;
        case NETRA_FIELD_BIO:
        case NETRA_FIELD_NAME:
        case NETRA_FIELD_HANDLE:
            in_bio = 1;
            feats(fs, "bio:", kind);
            break;
        default:
            break;
        }
    }
    if (in_text && in_target)
        feats(fs, "both:", "text+target");
    /* A name chanted three times or more ("Pr4bowo 🦅 Pr4bow0 🦅 Prab0w0"). */
    if (in_target) {
        static const char *const at[] = {NULL,         "post+tref",         "comment+tref",
                                         "share+tref", "like+tref",         "follow+tref",
                                         "join+tref",  "photo_caption+tref"};
        feats(fs, "act:", at[item->act]);
        if (item->act == NETRA_ITEM_LIKE || item->act == NETRA_ITEM_SHARE ||
            item->act == NETRA_ITEM_FOLLOW || item->act == NETRA_ITEM_JOIN)
            /* Acting on a target is support only when the target campaigns: its text or
             * name has campaign words or calls (a campaign account counts as a reference
             * of its own). Joining "Dharma Wanita" is not joining a campaign group. */
            cx->context |=
                ((w->ft[NETRA_FIELD_TARGET].cue_mask | w->ft[NETRA_FIELD_TARGET_AUTHOR].cue_mask) &
                 (1u << CUE_CAMPAIGN | 1u << CUE_CALL)) != 0;
    }
    if (in_bio && !in_text && !in_target)
        feats(fs, "only:", "bio");
    /* Every reference of one kind: a lone hand sign or number weighs differently from a
     * name with a number. */
    {
        int kinds = 0;
        netra_ref_kind last = 0;
        for (size_t i = 0; i < w->n_refs; i++)
            if (w->refs[i].ct == ct_i && w->refs[i].kind != last) {
                kinds += last == 0 || w->refs[i].kind != last;
                last = w->refs[i].kind;
            }
        if (kinds == 1)
            feats(fs, "only:", ref_names[last]);
    }
    feats(fs, "nref:", n_refs >= 3 ? "3+" : n_refs == 2 ? "2" : "1");
    /* Item-wide cues. */
    for (int f = NETRA_FIELD_TEXT; f <= NETRA_FIELD_TARGET; f++) {
        unsigned m = w->ft[f].cue_mask;
        for (int k = 0; k < CUE_NUMBER; k++)
            if (m & (1u << k))
                feats(fs, f == NETRA_FIELD_TEXT ? "g:" : "t:", cue_names[k]);
    }
    if ((w->ft[NETRA_FIELD_TEXT].cue_mask & (1u << CUE_CALL)))
        cx->call = 1;
    const netra_text *t = &w->ft[NETRA_FIELD_TEXT].t;
    static const char pre_p[] = "g:p:", pre_e[] = "g:e:";
    const uint64_t st_p = d->st_gp, st_e = d->st_ge;
    for (size_t i = 0; i < t->n_tokens; i++) {
        const netra_token *tk = &t->tokens[i];
        if (tk->kind == NETRA_TOK_PUNCT)
            feat_st(fs, st_p, pre_p, tk->text, tk->len);
        else if (tk->kind == NETRA_TOK_EMOJI || tk->kind == NETRA_TOK_GESTURE)
            feat_st(fs, st_e, pre_e, tk->text, tk->len);
        else if (is_neg(tk))
            feats(fs, "g:", "neg");
    }
    /* Other contestants of the same election referred to. */
    for (size_t i = 0; i < w->n_refs; i++)
        if (w->refs[i].ct != ct_i && d->cts[w->refs[i].ct].el_index == d->cts[ct_i].el_index &&
            w->refs[i].field <= NETRA_FIELD_TARGET_AUTHOR) {
            feats(fs, "other:", "ref");
            break;
        }
    unsigned am = w->ft[NETRA_FIELD_NAME].cue_mask | w->ft[NETRA_FIELD_HANDLE].cue_mask;
    if (am & (1u << CUE_NEWS_AUTHOR)) {
        feats(fs, "author:", "news");
        cx->reporting = 1;
    }
}

static void score(const nt_model *m, featset *fs, double p[NT_NCLASS])
{
    double z[NT_NCLASS] = {0};
    for (size_t i = 0; i < fs->n; i++) {
        const float *wt = nt_model_get(m, fs->f[i].h);
        fs->wt[i] = wt;
        if (wt)
            for (int c = 0; c < NT_NCLASS; c++)
                z[c] += wt[c];
    }
    double mx = z[0];
    for (int c = 1; c < NT_NCLASS; c++)
        if (z[c] > mx)
            mx = z[c];
    double s = 0;
    for (int c = 0; c < NT_NCLASS; c++) {
        p[c] = exp(z[c] - mx);
        s += p[c];
    }
    for (int c = 0; c < NT_NCLASS; c++)
        p[c] /= s;
}

/* ---- deciding --------------------------------------------------------------------------- */

enum { NORM_NAMES = 1, NORM_CUES = 2 }; /* what norm_field() finds besides the tokens */

/* Normalises a field and gives its tokens their ids; with NORM_NAMES the names it has
 * become references (in the same pass over the tokens: nt_gaz_ids_match()), with NORM_CUES
 * its cues are found. */
static int norm_field(netra_detect_worker *w, netra_field f, const netra_str *s, int what)
{
    fieldtext *ft = &w->ft[f];
    memset(&ft->t, 0, sizeof ft->t);
    ft->n_cues = 0;
    ft->cue_mask = 0;
    ft->kinds = 0;
    w->have[f] = 0;
    if (s->len == 0)
        return NETRA_OK;
    ft->src = s->s;
    ft->src_len = s->len;
    int rc = netra_normalize(&ft->t, w->nz, s->s, s->len, w->arena);
    if (rc)
        return nt_error_prefix("%s", netra_field_name(f));
    w->have[f] = 1;
    ft->ids = nt_arena_alloc(nt_arena_of(w->arena), (ft->t.n_tokens ? ft->t.n_tokens : 1) *
                                                        NT_GAZ_IDS_PER_TOKEN * sizeof(uint32_t));
    if (ft->ids == NULL)
        return netra_error_last()->code;
    if (what & NORM_NAMES) {
        size_t n = 0;
        ft->kinds =
            nt_gaz_ids_match(w->d->names, &ft->t, ft->ids, w->idcache, w->m, MAX_MATCHES, &n);
        find_names(w, f, n);
    } else {
        ft->kinds = nt_gaz_ids(w->d->names, &ft->t, ft->ids, w->idcache);
    }
    if (what & NORM_CUES)
        find_cues(w, ft);
    return NETRA_OK;
}

/* A ballot number or hand sign says "number 2" of every election loaded. When the item
 * names a contestant of some elections, the number speaks of those elections only; a
 * legislative election's numbers always need one of its names. */
static void keep_numbers_of_named_elections(netra_detect_worker *w)
{
    const netra_detector *d = w->d;
    uint64_t named = 0;
    for (size_t i = 0; i < w->n_refs; i++)
        if (w->refs[i].kind != NETRA_REF_NUMBER && w->refs[i].kind != NETRA_REF_GESTURE &&
            w->refs[i].field <= NETRA_FIELD_TARGET_AUTHOR)
            named |= 1ull << d->cts[w->refs[i].ct].el_index;
    size_t k = 0;
    for (size_t i = 0; i < w->n_refs; i++) {
        const ref *r = &w->refs[i];
        /* A legislative election's numbers (its parties') count only when the item names
         * one of its parties or candidates: "nomor 1" alone is not PKB. */
        const netra_election_info *el = d->cts[r->ct].el;
        int need = named != 0 || el->kind == NETRA_ELECTION_PILEG;
        if ((r->kind == NETRA_REF_NUMBER || r->kind == NETRA_REF_GESTURE) && need &&
            !(named & (1ull << d->cts[r->ct].el_index)))
            continue;
        w->refs[k++] = *r;
    }
    w->n_refs = k;
}

/* Whether a text has a number or hand sign that find_numbers() could make a reference
 * that keep_numbers_of_named_elections() keeps when the item names nobody: one of a
 * non-legislative election ("02", "salam tiga jari"). A legislative list's numbers and a
 * year ("2024") never stand alone, so an item naming nobody needs no cues for them. */
static int has_lone_numbers(const netra_detector *d, const fieldtext *ft)
{
    const netra_text *t = &ft->t;
    if (!(ft->kinds & (1u << NETRA_TOK_NUMBER | 1u << NETRA_TOK_GESTURE)))
        return 0; /* most texts have neither */
    for (size_t i = 0; i < t->n_tokens; i++) {
        const netra_token *tk = &t->tokens[i];
        if (tk->kind == NETRA_TOK_NUMBER && tk->value >= 1 && tk->value < BALLOT_MAX &&
            d->lone_ballot[tk->value] && !(tk->flags & NETRA_TOKF_HASHTAG_PART))
            return 1;
        if (tk->kind == NETRA_TOK_GESTURE && tk->value >= 1 && tk->value <= 5 &&
            d->lone_gesture[tk->value])
            return 1;
    }
    return 0;
}

int nt_detect_prepare(netra_detect_worker *w, const netra_item *item)
{
    netra_arena_reset(w->arena);
    for (int f = NETRA_FIELD_TEXT; f <= NETRA_FIELD_TARGET; f++)
        w->ft[f].wh = NULL; /* window hashes of the previous item's tokens */
    w->n_refs = 0;
    w->profile = 0;
    int rc;
    /* First what the item says and acts on: most items name no contestant, and for those
     * the cues and the author's profile are not needed. */
    if ((rc = norm_field(w, NETRA_FIELD_TEXT, &item->text, NORM_NAMES)) ||
        (rc = norm_field(w, NETRA_FIELD_TARGET, &item->target_text, NORM_NAMES)) ||
        (rc = norm_field(w, NETRA_FIELD_TARGET_AUTHOR, &item->target_author, 0)))
        return rc;
    if (item->target_author.len && item->target_author.len <= NETRA_ELECTION_MAX_STRING) {
        char buf[NETRA_ELECTION_MAX_STRING + 1];
        memcpy(buf, item->target_author.s, item->target_author.len);
        nt_str_lower_ascii(buf, item->target_author.len);
        acct_ctx a = {w, (uint32_t)item->target_author.len};
        nt_gaz_lookup(w->d->names, NT_GAZ_MENTION, buf, item->target_author.len, on_account, &a);
        /* A group or account named after the contestant ("Relawan Prabowo Gibran"). */
        const netra_text *t = &w->ft[NETRA_FIELD_TARGET_AUTHOR].t;
        size_t n = nt_gaz_match_ids(w->d->names, t, w->ft[NETRA_FIELD_TARGET_AUTHOR].ids, 0, w->m,
                                    MAX_MATCHES);
        for (size_t i = 0; i < n && i < MAX_MATCHES; i++)
            add_ref(w, w->m[i].payload >> 4, (netra_ref_kind)(w->m[i].payload & 15),
                    NETRA_FIELD_TARGET_AUTHOR, w->m[i].first, w->m[i].last,
                    t->tokens[w->m[i].first].start, t->tokens[w->m[i].last].end);
    }
    if (w->n_refs == 0 && !w->d->attribute_all && !w->general &&
        !has_lone_numbers(w->d, &w->ft[NETRA_FIELD_TEXT]) &&
        !has_lone_numbers(w->d, &w->ft[NETRA_FIELD_TARGET]))
        return NETRA_OK; /* no candidate can come out of the cues and numbers */
    for (int f = NETRA_FIELD_TEXT; f <= NETRA_FIELD_TARGET_AUTHOR; f++)
        if (w->have[f])
            find_cues(w, &w->ft[f]);
    find_numbers(w, NETRA_FIELD_TEXT);
    find_numbers(w, NETRA_FIELD_TARGET);
    keep_numbers_of_named_elections(w);
    if (nt_detect_candidates(w, NULL, 0) == 0 && !w->d->attribute_all)
        return NETRA_OK;
    /* The author's profile. */
    if ((rc = norm_field(w, NETRA_FIELD_BIO, &item->author_bio, NORM_NAMES | NORM_CUES)) ||
        (rc = norm_field(w, NETRA_FIELD_NAME, &item->author_name, NORM_CUES)) ||
        (rc = norm_field(w, NETRA_FIELD_HANDLE, &item->author_handle, NORM_CUES)))
        return rc;
    w->profile = 1;
    return NETRA_OK;
}

size_t nt_detect_candidates(const netra_detect_worker *w, uint32_t *cands, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_refs; i++) {
        /* References in the profile alone do not make a candidate. */
        if (w->refs[i].field > NETRA_FIELD_TARGET_AUTHOR)
            continue;
        if (cands == NULL)
            return 1; /* only asked whether there is one */
        uint32_t c = w->refs[i].ct;
        size_t k;
        for (k = 0; k < n; k++)
            if (cands[k] == c)
                break;
        if (k == n && n < max)
            cands[n++] = c;
    }
    return n;
}

size_t nt_detect_features(netra_detect_worker *w, const netra_item *item, uint32_t ct_i,
                          nt_feat *out, size_t max)
{
    featset fs;
    cctx cx;
    make_feats(&fs, &cx, w, item, ct_i);
    size_t n = fs.n < max ? fs.n : max;
    memcpy(out, fs.f, n * sizeof *out);
    return n;
}

const netra_election_info *nt_detect_ct(const netra_detector *d, uint32_t ct_i,
                                        const netra_contestant **c_out)
{
    *c_out = d->cts[ct_i].c;
    return d->cts[ct_i].el;
}

const netra_election_info *nt_detect_election(const netra_detector *d, const char *id, size_t len)
{
    for (size_t e = 0; e < d->n_els; e++)
        if (strlen(d->els[e]->id) == len && memcmp(d->els[e]->id, id, len) == 0)
            return d->els[e];
    return NULL;
}

/* Attribution of the author. */
static int attribute(netra_asn_verdict *a, netra_detect_worker *w, const netra_item *item)
{
    const netra_detector *d = w->d;
    memset(a, 0, sizeof *a);
    a->assessed = 1;
    a->employee_type = "pns";
    if (d->reg) {
        const netra_registry_entry *e =
            netra_registry_find(d->reg, item->author_handle.s, item->author_handle.len);
        if (e) {
            a->source = NETRA_ASN_REGISTRY;
            a->score = 1.0;
            a->likely = 1;
            a->entry = e;
            a->employee_type = e->employee_type;
            return NETRA_OK;
        }
    }
    nt_arena *ar = nt_arena_of(w->arena);
    netra_span *sp = nt_arena_alloc(ar, 32 * sizeof *sp);
    double *sw = nt_arena_alloc(ar, 32 * sizeof *sw);
    if (sp == NULL || sw == NULL)
        return netra_error_last()->code;
    double z = -2.0; /* prior log-odds: most accounts are not civil servants */
    size_t n = 0;
    int seen_cls_asn = 0;
    static const netra_field fields[] = {NETRA_FIELD_BIO, NETRA_FIELD_NAME, NETRA_FIELD_HANDLE};
    uint32_t used[64];
    size_t n_used = 0;
    for (size_t fi = 0; fi < 3; fi++) {
        const fieldtext *ft = &w->ft[fields[fi]];
        for (size_t i = 0; i < ft->n_cues; i++) {
            const cue *c = &d->cue_arr[ft->cues[i].cue];
            if (c->cls != CUE_ASN && c->cls != CUE_ASN_NOT)
                continue;
            /* A cue counts once, wherever it appears; a negated positive cue ("bukan
             * PNS") counts against. */
            size_t k;
            for (k = 0; k < n_used; k++)
                if (used[k] == ft->cues[i].cue)
                    break;
            if (k < n_used)
                continue;
            if (n_used < 64)
                used[n_used++] = ft->cues[i].cue;
            double wt = c->weight;
            if (ft->cues[i].negated && wt > 0)
                wt = -wt;
            z += wt;
            if (c->cls == CUE_ASN && wt > 0)
                seen_cls_asn = 1;
            if (strcmp(c->phrase, "pppk") == 0 || strcmp(c->phrase, "p3k") == 0)
                a->employee_type = "pppk";
            if (n < 32) {
                const netra_token *t0 = &ft->t.tokens[ft->cues[i].first];
                const netra_token *t1 = &ft->t.tokens[ft->cues[i].last];
                sp[n] = (netra_span){fields[fi], t0->start, t1->end, c->phrase};
                sw[n] = wt;
                n++;
            }
        }
        /* A NIP or NI PPPK in the profile. */
        for (size_t i = 0; i < ft->t.n_tokens; i++) {
            const netra_token *tk = &ft->t.tokens[i];
            if (tk->kind != NETRA_TOK_NUMBER || tk->len != 18)
                continue;
            netra_id_info info;
            if (netra_id_check(&info, tk->text, tk->len, NULL) == NETRA_OK &&
                (info.kind == NETRA_ID_NIP || info.kind == NETRA_ID_NIPPPK)) {
                z += 5.0;
                seen_cls_asn = 1;
                if (info.kind == NETRA_ID_NIPPPK)
                    a->employee_type = "pppk";
                if (n < 32) {
                    sp[n] = (netra_span){fields[fi], tk->start, tk->end,
                                         info.kind == NETRA_ID_NIP ? "nip" : "ni_pppk"};
                    sw[n] = 5.0;
                    n++;
                }
            }
        }
    }
    a->score = 1.0 / (1.0 + exp(-z));
    a->source = seen_cls_asn ? NETRA_ASN_PROFILE : NETRA_ASN_NONE;
    a->likely = a->score >= d->asn_threshold;
    a->reasons = sp;
    a->reason_weights = sw;
    a->n_reasons = n;
    return NETRA_OK;
}

static const char *law_act_for(const netra_item *item, int call)
{
    switch (item->act) {
    case NETRA_ITEM_PHOTO_CAPTION:
        return "photo";
    case NETRA_ITEM_POST:
    case NETRA_ITEM_SHARE:
    case NETRA_ITEM_COMMENT:
        /* Support with a call to vote is campaigning on social media (D-2 / KE-2). */
        if (call)
            return "campaign_online";
        return netra_item_act_name(item->act);
    default:
        return netra_item_act_name(item->act);
    }
}

/* Features strongest first (by |weight|), features of equal strength in the order they
 * were made: a stable insertion sort, as the merge sort of qsort() ordered them, without a
 * call per comparison (a contestant has some twenty to forty features). */
void nt_sort_features(netra_feature *fv, size_t n)
{
    double key[NT_MAX_FEATS];
    if (n > NT_MAX_FEATS)
        n = NT_MAX_FEATS; /* never: one feature per feature made */
    for (size_t i = 0; i < n; i++) {
        netra_feature f = fv[i];
        double k = fabs(f.weight);
        size_t j = i;
        while (j > 0 && key[j - 1] < k) {
            key[j] = key[j - 1];
            fv[j] = fv[j - 1];
            j--;
        }
        key[j] = k;
        fv[j] = f;
    }
}

/* Whether contestant b was referred to exactly as contestant a was (the same references,
 * kind, field, tokens and bytes, in the same order) and, like a, with or without another
 * contestant of its own election: make_feats() then makes the same features for both
 * (they read nothing else of the contestant), so the decision, the evidence and the
 * features of b are those of a. A name shared by a candidate for president and one for
 * parliament ("Prabowo") is the common case: a fifth of the contestants of the posts that
 * name someone. */
static int other_of_election(const netra_detect_worker *w, uint32_t ct_i)
{
    const netra_detector *d = w->d;
    for (size_t i = 0; i < w->n_refs; i++)
        if (w->refs[i].ct != ct_i && d->cts[w->refs[i].ct].el_index == d->cts[ct_i].el_index &&
            w->refs[i].field <= NETRA_FIELD_TARGET_AUTHOR)
            return 1;
    return 0;
}

static int same_refs(const netra_detect_worker *w, uint32_t a, uint32_t b)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < w->n_refs && w->refs[i].ct != a)
            i++;
        while (j < w->n_refs && w->refs[j].ct != b)
            j++;
        if (i == w->n_refs || j == w->n_refs)
            break;
        const ref *x = &w->refs[i], *y = &w->refs[j];
        if (x->kind != y->kind || x->field != y->field || x->first != y->first ||
            x->last != y->last || x->start != y->start || x->end != y->end)
            return 0;
        i++;
        j++;
    }
    return i == w->n_refs && j == w->n_refs && other_of_election(w, a) == other_of_election(w, b);
}

/* A classification and its reasoning up to n_steps (what readers of it read): the rest of
 * the 5 KiB of step text is not copied. */
static void copy_classification(netra_classification *to, const netra_classification *from)
{
    size_t n = from->n_steps < NETRA_CLASSIFY_MAX_STEPS ? from->n_steps : NETRA_CLASSIFY_MAX_STEPS;
    memcpy(to, from, offsetof(netra_classification, steps_id));
    memcpy(to->steps_id, from->steps_id, n * sizeof from->steps_id[0]);
    memcpy(to->steps_en, from->steps_en, n * sizeof from->steps_en[0]);
}

/* netra_law_classify() through the worker's memo: the posts of a stream share their days,
 * acts and elections, and a classification (some thirty thousand instructions, most of
 * them the printf of its reasoning) depends on nothing else. Only answers that succeed are
 * kept (a failure sets the error message again each time). */
static int classify(netra_detect_worker *w, netra_classification *out,
                    const netra_classify_input *in)
{
    for (size_t i = 0; i < LAW_MEMO; i++) {
        const law_memo *m = &w->law[i];
        if (m->used && m->date == in->date && m->act == in->act && m->election == in->election &&
            m->office == in->office && m->employee_type == in->employee_type) {
            copy_classification(out, &m->c);
            return NETRA_OK;
        }
    }
    int rc = netra_law_classify(out, w->d->law, in);
    if (rc == NETRA_OK) {
        law_memo *m = &w->law[w->law_next++ % LAW_MEMO];
        m->act = in->act;
        m->election = in->election;
        m->office = in->office;
        m->employee_type = in->employee_type;
        m->date = in->date;
        m->used = 1;
        copy_classification(&m->c, out);
    }
    return rc;
}

static int sentence(netra_detect_worker *w, const netra_item *item, const netra_verdict *v);

/* The sentence of an item that names nobody, and the end of its JSON verdict. */
#define NO_REF_ID "Tidak ada rujukan ke peserta pemilihan yang dipantau."
#define NO_REF_EN "No reference to a watched contestant."
static const char no_ref_id[] = NO_REF_ID, no_ref_en[] = NO_REF_EN;
static const char no_ref_tail[] =
    "],\"asn\":null,\"explanation\":{\"id\":\"" NO_REF_ID "\",\"en\":\"" NO_REF_EN "\"}}";

int netra_detect(netra_verdict *out, netra_detect_worker *w, const netra_item *item)
{
    NT_ASSERT_ARG(out != NULL && w != NULL && item != NULL);
    const netra_detector *d = w->d;
    /* Everything but the classification's reasoning text (some 20 KiB), which is read
     * only up to its n_steps (zero here) and written by netra_law_classify(). */
    memset(out, 0, offsetof(netra_verdict, form) + offsetof(netra_classification, steps_id));
    out->sentence_id = out->sentence_en = NULL;
    int rc = nt_detect_prepare(w, item);
    if (rc)
        return rc;
    nt_arena *ar = nt_arena_of(w->arena);
    uint32_t cands[MAX_CANDS];
    /* (no reference at all, most items: no candidate, without the call) */
    size_t nc = w->n_refs ? nt_detect_candidates(w, cands, MAX_CANDS) : 0;
    if (nc == 0 && !w->profile && !w->general) {
        /* Most items: no candidate and the author not read (nt_detect_prepare() reads the
         * profile for --attribute-all), so no stance, no attribution, no form; what the
         * rest of this function would give is the zeroed verdict and the constant
         * sentences (tests/unit/detect compares the two ways). */
        out->sentence_id = no_ref_id;
        out->sentence_en = no_ref_en;
        return NETRA_OK;
    }
    netra_contestant_verdict *cv = nt_arena_alloc(ar, (nc ? nc : 1) * sizeof *cv);
    if (cv == NULL)
        return netra_error_last()->code;
    size_t ncv = 0;
    int top_call = 0;
    /* Per candidate: its verdict's index in cv (-1: no stance) and its call to act. */
    int as_cv[MAX_CANDS];
    int call_of[MAX_CANDS];
    for (size_t i = 0; i < nc; i++) {
        size_t j;
        for (j = 0; j < i; j++)
            if (same_refs(w, cands[j], cands[i]))
                break;
        if (j < i) { /* decided as candidate j was: copy its verdict, own contestant */
            as_cv[i] = as_cv[j];
            call_of[i] = call_of[j];
            if (as_cv[j] < 0)
                continue;
            netra_contestant_verdict *r = &cv[ncv];
            *r = cv[as_cv[j]];
            r->election = d->cts[cands[i]].el;
            r->contestant = d->cts[cands[i]].c;
            if (r->stance == NETRA_STANCE_SUPPORT &&
                (out->top == NULL || r->p_support > out->top->p_support)) {
                out->top = r;
                top_call = call_of[i];
            }
            as_cv[i] = (int)ncv++;
            continue;
        }
        as_cv[i] = -1;
        featset fs;
        cctx cx;
        make_feats(&fs, &cx, w, item, cands[i]);
        call_of[i] = cx.call;
        double p[NT_NCLASS];
        score(&d->model, &fs, p);
        int best = NT_C_NONE;
        for (int c = 1; c < NT_NCLASS; c++)
            if (p[c] > p[best])
                best = c;
        if (best == NT_C_NONE)
            continue;
        netra_contestant_verdict *r = &cv[ncv];
        memset(r, 0, sizeof *r);
        r->election = d->cts[cands[i]].el;
        r->contestant = d->cts[cands[i]].c;
        r->p_support = p[NT_C_SUPPORT];
        r->score = p[best];
        r->stance = best == NT_C_SUPPORT  ? NETRA_STANCE_SUPPORT
                    : best == NT_C_OPPOSE ? NETRA_STANCE_OPPOSE
                                          : NETRA_STANCE_MENTION;
        if (r->stance == NETRA_STANCE_SUPPORT && !cx.context) {
            /* A bare name is never support. */
            r->stance = NETRA_STANCE_MENTION;
            r->score = p[NT_C_MENTION] + p[NT_C_SUPPORT];
            r->p_support = 0;
            r->rules |= NETRA_RULE_BARE_NAME;
        }
        if (r->stance == NETRA_STANCE_SUPPORT && cx.negated_verb &&
            (cx.negated_near || p[NT_C_SUPPORT] < 0.9)) {
            r->stance = NETRA_STANCE_OPPOSE;
            r->score = p[NT_C_OPPOSE] + p[NT_C_SUPPORT];
            r->p_support = 0;
            r->rules |= NETRA_RULE_NEGATED;
        }
        if (r->stance == NETRA_STANCE_SUPPORT && cx.reporting && r->p_support > 0.5 &&
            item->act != NETRA_ITEM_LIKE && item->act != NETRA_ITEM_FOLLOW &&
            item->act != NETRA_ITEM_JOIN && p[NT_C_SUPPORT] < 0.8) {
            /* Reporting or asking: support needs a clear margin. */
            r->rules |= NETRA_RULE_REPORTING;
        }
        /* Evidence: references of this contestant, then cues near them. */
        size_t ne = 0;
        for (size_t k = 0; k < w->n_refs; k++)
            ne += w->refs[k].ct == cands[i];
        netra_span *ev = nt_arena_alloc(ar, (ne + 16) * sizeof *ev);
        if (ev == NULL)
            return netra_error_last()->code;
        size_t en = 0;
        for (size_t k = 0; k < w->n_refs; k++)
            if (w->refs[k].ct == cands[i]) {
                const ref *rf = &w->refs[k];
                ev[en++] = (netra_span){rf->field, rf->start, rf->end, ref_names[rf->kind]};
            }
        for (int f = NETRA_FIELD_TEXT; f <= NETRA_FIELD_TARGET && en < ne + 16; f++) {
            const fieldtext *ft = &w->ft[f];
            for (size_t k = 0; k < ft->n_cues && en < ne + 16; k++) {
                cue_class cls = d->cue_arr[ft->cues[k].cue].cls;
                if (cls >= CUE_NUMBER)
                    continue;
                const netra_token *t0 = &ft->t.tokens[ft->cues[k].first];
                const netra_token *t1 = &ft->t.tokens[ft->cues[k].last];
                ev[en++] = (netra_span){(netra_field)f, t0->start, t1->end, cue_names[cls]};
            }
        }
        r->evidence = ev;
        r->n_evidence = en;
        /* Features with their weight for the class chosen. */
        int cls = r->stance == NETRA_STANCE_SUPPORT  ? NT_C_SUPPORT
                  : r->stance == NETRA_STANCE_OPPOSE ? NT_C_OPPOSE
                                                     : NT_C_MENTION;
        netra_feature *fv = nt_arena_alloc(ar, (fs.n ? fs.n : 1) * sizeof *fv);
        if (fv == NULL)
            return netra_error_last()->code;
        /* The names of the features kept, in one allocation. */
        uint8_t keep[NT_MAX_FEATS];
        size_t plen[NT_MAX_FEATS];
        size_t names_len = 0;
        /* The prefixes are a few static strings, met in runs ("w:", "g:"...): the length of
         * the last one is kept rather than measured again. */
        const char *last_prefix = NULL;
        size_t last_plen = 0;
        for (size_t k = 0; k < fs.n; k++) {
            const float *wt = fs.wt[k];
            keep[k] = wt != NULL && wt[cls] != 0;
            if (keep[k]) {
                if (fs.f[k].prefix != last_prefix) {
                    last_prefix = fs.f[k].prefix;
                    last_plen = strlen(last_prefix);
                }
                plen[k] = last_plen;
                names_len += plen[k] + fs.f[k].rest_len + 1;
            }
        }
        char *name = nt_arena_alloc(ar, names_len ? names_len : 1);
        if (name == NULL)
            return netra_error_last()->code;
        size_t fn = 0;
        for (size_t k = 0; k < fs.n; k++) {
            if (!keep[k])
                continue;
            const float *wt = fs.wt[k];
            memcpy(name, fs.f[k].prefix, plen[k]);
            memcpy(name + plen[k], fs.f[k].rest, fs.f[k].rest_len);
            name[plen[k] + fs.f[k].rest_len] = '\0';
            fv[fn++] = (netra_feature){name, wt[cls] - wt[NT_C_NONE]};
            name += plen[k] + fs.f[k].rest_len + 1;
        }
        nt_sort_features(fv, fn);
        r->features = fv;
        r->n_features = fn;
        if (r->stance == NETRA_STANCE_SUPPORT &&
            (out->top == NULL || r->p_support > out->top->p_support)) {
            out->top = r;
            top_call = cx.call;
        }
        as_cv[i] = (int)ncv++;
    }
    out->contestants = cv;
    out->n_contestants = ncv;
    if (w->profile && (rc = attribute(&out->asn, w, item)))
        return rc;
    if (out->top && out->top->p_support < d->support_threshold)
        out->top = NULL;
    out->flagged = out->top != NULL && out->asn.likely;
    if (out->top) {
        netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
        out->law_act = law_act_for(item, top_call);
        in.act = out->law_act;
        in.date = item->date;
        in.election = out->top->election->law_election;
        in.office = out->top->election->office;
        in.employee_type = out->asn.employee_type;
        if (classify(w, &out->form, &in) == NETRA_OK)
            out->has_form = 1;
    }
    if (out->n_contestants == 0) { /* most items: a constant sentence */
        out->sentence_id = no_ref_id;
        out->sentence_en = no_ref_en;
        return NETRA_OK;
    }
    if ((rc = sentence(w, item, out)))
        return rc;
    out->sentence_id = w->sent_id.ptr;
    out->sentence_en = w->sent_en.ptr;
    return NETRA_OK;
}

/* The verdict is written into one buffer that keeps its allocation from item to item: an
 * append that fits is a bounds check and a copy (no call, no strlen of a literal, no
 * printf), a quoted string is quoted in place. The appends leave room for the '\0' but do
 * not write it: jend() does, once the text is whole. */
static inline int jadd(nt_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len > n) {
        memcpy(b->ptr + b->len, s, n);
        b->len += n;
        return 0;
    }
    return nt_buf_add(b, s, n);
}

static inline void jend(nt_buf *b)
{
    if (b->ptr)
        b->ptr[b->len] = '\0';
}

#define JL(b, lit) jadd((b), (lit), sizeof(lit) - 1)

static inline int jc(nt_buf *b, char c)
{
    return jadd(b, &c, 1);
}

static int js(nt_buf *b, const char *s)
{
    return jadd(b, s, strlen(s));
}

/* Whether none of 8 bytes needs an escape in JSON: each is printable ASCII (0x20..0x7e)
 * and neither '"' nor '\\' (the bit tricks never miss such a byte; they may see one
 * that is not there, which only sends the string the slow way). */
static inline int plain8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
#define HAS_ZERO(v) (((v)-ones) & ~(v)&high)
    uint64_t bad = ((x - ones * 0x20) & ~x & high) | (x & high) | HAS_ZERO(x ^ (ones * 0x7f)) |
                   HAS_ZERO(x ^ (ones * '"')) | HAS_ZERO(x ^ (ones * '\\'));
#undef HAS_ZERO
    return bad == 0;
}

/* Bytes that keep a string off the copying paths below: control bytes, '"', '\\', DEL and
 * every byte >= 0x80 (the same bytes plain8() rejects; such strings are quoted by
 * netra_json_quote(), which also checks UTF-8). */
static const uint8_t jq_esc[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Strings up to this length are checked and copied a byte at a time in one pass (a table
 * load per byte costs less than plain8() on a partial word plus two calls to memcpy). */
#define JQ_SHORT 32

/* A JSON string, quoted straight into the buffer (a byte becomes at most six). A short
 * string with nothing to escape (ids, feature names, cue names) is copied between its
 * quotes, as netra_json_quote() would write it. */
static int jq(nt_buf *b, const char *s, size_t n)
{
    if (n > 65536 || b->len + 6 * n + 2 > b->max) /* near the limit: quote, then check */
        return nt_buf_add_json(b, s, n);
    if (b->cap - b->len <= 6 * n + 2 && nt_buf_reserve(b, 6 * n + 2) < 0)
        return -1;
    if (n <= JQ_SHORT) { /* ids, names, feature and cue names */
        char *o = b->ptr + b->len;
        unsigned bad = 0;
        for (size_t k = 0; k < n; k++) {
            o[k + 1] = s[k];
            bad |= jq_esc[(unsigned char)s[k]];
        }
        if (bad)
            goto slow;
        o[0] = '"';
        o[n + 1] = '"';
        b->len += n + 2;
        return 0;
    }
    size_t i = 0;
#if defined(__SSE2__)
    /* The sentences (a few hundred bytes): 16 bytes checked at a time, the same bytes as
     * plain8() rejects. A signed compare below ' ' catches the control bytes and every
     * byte >= 0x80 at once. */
    {
        const __m128i sp = _mm_set1_epi8(' '), qu = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'),
                      del = _mm_set1_epi8(0x7f);
        for (; i + 16 <= n; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(x, sp), _mm_cmpeq_epi8(x, qu)),
                                       _mm_or_si128(_mm_cmpeq_epi8(x, bs), _mm_cmpeq_epi8(x, del)));
            if (_mm_movemask_epi8(bad))
                goto slow;
        }
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (!plain8(x))
            goto slow;
    }
    if (i < n) { /* the last bytes, in one word padded with letters */
        uint64_t x = 0;
        size_t r = n - i;
        memcpy(&x, s + i, r);
        x |= 0x6161616161616161ull << (8 * r);
        if (!plain8(x))
            goto slow;
    }
    char *o = b->ptr + b->len;
    o[0] = '"';
    memcpy(o + 1, s, n);
    o[n + 1] = '"';
    b->len += n + 2;
    return 0;
slow:
    b->len += netra_json_quote(b->ptr + b->len, b->cap - b->len, s, n);
    return 0;
}

int nt_json_quote_buf(nt_buf *b, const char *s, size_t n)
{
    return jq(b, s, n);
}

/* "00".."99": an unsigned number is written two digits per division (line numbers, byte
 * offsets), half the divisions of a digit at a time. */
static const char digits2[] = "0001020304050607080910111213141516171819"
                              "2021222324252627282930313233343536373839"
                              "4041424344454647484950515253545556575859"
                              "6061626364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";

/* The digits of v written backwards so that they end at `end`; returns where they start. */
static inline char *ulong_digits(char *end, unsigned long v)
{
    while (v >= 100) {
        unsigned long q = v / 100;
        unsigned r = (unsigned)(v - q * 100);
        end -= 2;
        memcpy(end, digits2 + 2 * r, 2);
        v = q;
    }
    if (v >= 10) {
        end -= 2;
        memcpy(end, digits2 + 2 * v, 2);
    } else
        *--end = (char)('0' + v);
    return end;
}

/* The number of decimal digits of v. */
static inline size_t ulong_width(unsigned long v)
{
    size_t n = 1;
    for (; v >= 10000; v /= 10000)
        n += 4;
    return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

/* An unsigned number, written in place when there is room for the longest (20 digits),
 * as line numbers and byte offsets always have but near the buffer's limit. */
static int j_ulong(nt_buf *b, unsigned long v)
{
    if (b->cap - b->len > 20) {
        size_t n = ulong_width(v);
        ulong_digits(b->ptr + b->len + n, v);
        b->len += n;
        return 0;
    }
    char tmp[24];
    char *p = ulong_digits(tmp + sizeof tmp, v);
    return jadd(b, p, (size_t)(tmp + sizeof tmp - p));
}

int nt_json_ulong(nt_buf *b, unsigned long v)
{
    return j_ulong(b, v);
}

/* ---- the sentence ----------------------------------------------------------------------- */

/* "id (name – name)": the contestant's id and its first two names. */
static int contestant_label(nt_buf *b, const netra_contestant_verdict *c)
{
    int er = 0;
    er |= js(b, c->contestant->id);
    if (c->contestant->names.n) {
        er |= JL(b, " (");
        for (size_t i = 0; i < c->contestant->names.n && i < 2; i++) {
            if (i)
                er |= JL(b, " \xE2\x80\x93 "); /* " – " */
            er |= js(b, c->contestant->names.items[i]);
        }
        er |= JL(b, ")");
    }
    return er;
}

/* A score as printf's "%.2f" writes it, without printf: the exact product of the double
 * and 100 (53 + 7 bits fit the 64 of an x87 long double), rounded to nearest with ties to
 * even, as glibc rounds the exact binary value. Anything else (a narrower long double, a
 * negative or huge value, NaN) goes to printf. tests/unit/detect compares the two over
 * millions of values, the ties k/200 and their neighbours. */
int nt_json_pct2(nt_buf *b, double v)
{
#if LDBL_MANT_DIG >= 64
    if (!signbit(v) && v < 1e15) {
        long double x = (long double)v * 100.0L;
        unsigned long long r = (unsigned long long)x;
        long double fr = x - (long double)r;
        if (fr > 0.5L || (fr == 0.5L && (r & 1)))
            r++;
        char tmp[32];
        char *e = tmp + sizeof tmp, *p = e;
        unsigned f = (unsigned)(r % 100);
        *--p = (char)('0' + f % 10);
        *--p = (char)('0' + f / 10);
        *--p = '.';
        p = ulong_digits(p, (unsigned long)(r / 100));
        return jadd(b, p, (size_t)(e - p));
    }
#endif
    return nt_buf_addf(b, "%.2f", v);
}

static int sentence(netra_detect_worker *w, const netra_item *item, const netra_verdict *v)
{
    int er = 0;
    nt_buf *bi = &w->sent_id, *be = &w->sent_en;
    nt_buf_reset(bi);
    nt_buf_reset(be);
    const char *h = item->author_handle.s;
    int hl = (int)(item->author_handle.len > 60 ? 60 : item->author_handle.len);
    if (v->top == NULL) {
        size_t nm = 0, no = 0;
        for (size_t i = 0; i < v->n_contestants; i++) {
            nm += v->contestants[i].stance == NETRA_STANCE_MENTION;
            no += v->contestants[i].stance == NETRA_STANCE_OPPOSE;
        }
        /* (an item naming nobody has the constant sentences: see netra_detect()) */
        /* "Menyebut %zu peserta tanpa dukungan yang jelas (%zu sekadar menyebut, %zu
         * menentang); tidak ditandai." and its English, without printf */
        er |= JL(bi, "Menyebut ");
        er |= j_ulong(bi, v->n_contestants);
        er |= JL(bi, " peserta tanpa dukungan yang jelas (");
        er |= j_ulong(bi, nm);
        er |= JL(bi, " sekadar menyebut, ");
        er |= j_ulong(bi, no);
        er |= JL(bi, " menentang); tidak ditandai.");
        er |= JL(be, "Refers to ");
        er |= j_ulong(be, v->n_contestants);
        er |= JL(be, " contestant(s) without clear support (");
        er |= j_ulong(be, nm);
        er |= JL(be, " mention, ");
        er |= j_ulong(be, no);
        er |= JL(be, " oppose); not flagged.");
        jend(bi);
        jend(be);
        return er ? NETRA_ENOMEM : NETRA_OK;
    }
    const netra_contestant_verdict *t = v->top;
    const char *asn_id = v->asn.source == NETRA_ASN_REGISTRY ? "ASN terdaftar"
                         : v->asn.likely                     ? "kemungkinan ASN"
                                                             : "belum tentu ASN";
    const char *asn_en = v->asn.source == NETRA_ASN_REGISTRY ? "a registered civil servant"
                         : v->asn.likely                     ? "probably a civil servant"
                                                             : "not shown to be a civil servant";
    /* The same sentences as these formats give, without printf (a verdict that supports
     * someone paid some 7,000 instructions for them): "Akun @%.*s (%s, skor %.2f) mendukung
     * %s (%s – %s) dalam %s (skor %.2f), bukti: %s, %s; perbuatan '%s' %s penetapan calon:
     * bentuk %s (%s)." and its English; tests/unit/detect writes them with printf. */
    size_t hn = strnlen(h, (size_t)hl); /* "%.*s" stops at a NUL */
    er |= JL(bi, "Akun @");
    er |= jadd(bi, h, hn);
    er |= JL(bi, " (");
    er |= js(bi, asn_id);
    er |= JL(bi, ", skor ");
    er |= nt_json_pct2(bi, v->asn.score);
    er |= JL(bi, ") mendukung ");
    er |= JL(be, "Account @");
    er |= jadd(be, h, hn);
    er |= JL(be, " (");
    er |= js(be, asn_en);
    er |= JL(be, ", score ");
    er |= nt_json_pct2(be, v->asn.score);
    er |= JL(be, ") supports ");
    er |= contestant_label(bi, t);
    er |= contestant_label(be, t);
    er |= JL(bi, " dalam ");
    er |= js(bi, t->election->name_id);
    er |= JL(bi, " (skor ");
    er |= nt_json_pct2(bi, t->p_support);
    er |= JL(bi, ")");
    er |= JL(be, " in the ");
    er |= js(be, t->election->name_en);
    er |= JL(be, " (score ");
    er |= nt_json_pct2(be, t->p_support);
    er |= JL(be, ")");
    /* The kinds of evidence, each once, at most five. */
    size_t shown = 0;
    for (size_t i = 0; i < t->n_evidence && shown < 5; i++) {
        size_t k;
        for (k = 0; k < i; k++)
            if (strcmp(t->evidence[k].what, t->evidence[i].what) == 0)
                break;
        if (k < i)
            continue;
        er |= shown ? JL(bi, ", ") : JL(bi, ", bukti: ");
        er |= js(bi, t->evidence[i].what);
        er |= shown ? JL(be, ", ") : JL(be, ", evidence: ");
        er |= js(be, t->evidence[i].what);
        shown++;
    }
    if (v->has_form) {
        const netra_form *f = v->form.form;
        const netra_level_info *li = netra_law_level(w->d->law, v->form.level);
        er |= JL(bi, "; perbuatan '");
        er |= js(bi, v->form.act->label_id);
        er |= v->form.after_designation ? JL(bi, "' setelah penetapan calon: bentuk ")
                                        : JL(bi, "' sebelum penetapan calon: bentuk ");
        er |= js(bi, f->id);
        er |= JL(bi, " (");
        er |= js(bi, li ? li->label_id : netra_level_id(v->form.level));
        er |= JL(bi, ").");
        er |= JL(be, "; act '");
        er |= js(be, v->form.act->label_en);
        er |= v->form.after_designation ? JL(be, "' after the designation of candidates: form ")
                                        : JL(be, "' before the designation of candidates: form ");
        er |= js(be, f->id);
        er |= JL(be, " (");
        er |= js(be, li ? li->label_en : netra_level_id(v->form.level));
        er |= JL(be, ").");
    } else {
        er |= JL(bi, ".");
        er |= JL(be, ".");
    }
    jend(bi);
    jend(be);
    return er ? NETRA_ENOMEM : NETRA_OK;
}

/* ---- JSON ------------------------------------------------------------------------------- */

/* Numbers without printf (the verdict writer runs once per item). */

/* A double with 2 or 3 decimals, as llround(v * 10^dec) gives it (half away from zero),
 * without the call to libm: for |x| <= 1e15 < 2^53 the conversion to an integer truncates
 * exactly and x - t is exact (the fraction bits of x), so comparing it with one half rounds
 * as llround() does, halfway cases included (tests/unit/detect compares the two over
 * millions of values). A value under 10 (probabilities, weights) is written in place. */
static inline __attribute__((always_inline)) int json_fixed(nt_buf *b, double v, int dec)
{
    if (!(v == v) || v > 1e12 || v < -1e12)
        v = 0; /* never happens with probabilities and weights; JSON has no NaN */
    long long scale = dec == 2 ? 100 : 1000;
    double x = v * (double)scale;
    long long r = (long long)x;
    double fr = x - (double)r;
    if (fr >= 0.5)
        r++;
    else if (fr <= -0.5)
        r--;
    int neg = r < 0;
    unsigned long long u = (unsigned long long)(neg ? -r : r);
    unsigned f = (unsigned)(u % (unsigned long long)scale);
    unsigned long long ip = u / (unsigned long long)scale;
    if (ip < 10 && b->cap - b->len > 6) {
        char *o = b->ptr + b->len;
        size_t n = 0;
        if (neg)
            o[n++] = '-';
        o[n++] = (char)('0' + ip);
        o[n++] = '.';
        if (dec == 3) {
            o[n++] = (char)('0' + f / 100);
            f %= 100;
        }
        o[n++] = (char)('0' + f / 10);
        o[n++] = (char)('0' + f % 10);
        b->len += n;
        return 0;
    }
    char tmp[32];
    size_t n = sizeof tmp;
    if (dec == 3) {
        tmp[--n] = (char)('0' + f % 10);
        f /= 10;
    }
    tmp[--n] = (char)('0' + f % 10);
    tmp[--n] = (char)('0' + f / 10);
    tmp[--n] = '.';
    do {
        tmp[--n] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    if (neg)
        tmp[--n] = '-';
    return jadd(b, tmp + n, sizeof tmp - n);
}

/* Written in place in the writer (no call; the decimals a constant there): the scores and
 * the features' weights, a dozen numbers a verdict that names someone. */
int nt_json_fixed(nt_buf *b, double v, int dec)
{
    return json_fixed(b, v, dec);
}

/* A NUL-terminated string: a short one with nothing to escape is found, checked and
 * copied in one pass (no strlen); anything else goes through jq(). The bytes copied
 * before a miss lie past b->len, where jq() writes again. Room for JQ_SHORT bytes and
 * the quotes is inside the allocation, which nt_buf_reserve() keeps within b->max. (Tried
 * and dropped: strlen() and a copy checked as two vectors, +73 instructions per post, the
 * two libc calls costing more than the byte loop on strings this short.) */
static int j_str(nt_buf *b, const char *s)
{
    if (b->cap - b->len > JQ_SHORT + 2) {
        char *o = b->ptr + b->len;
        unsigned bad = 0;
        size_t i = 0;
        for (; i < JQ_SHORT && s[i] != '\0'; i++) {
            o[i + 1] = s[i];
            bad |= jq_esc[(unsigned char)s[i]];
        }
        if (s[i] == '\0' && !bad) {
            o[0] = '"';
            o[i + 1] = '"';
            b->len += i + 2;
            return 0;
        }
    }
    return jq(b, s, strlen(s));
}

static int j_spans(nt_buf *b, const netra_span *sp, const double *wt, size_t n)
{
    int er = 0;
    /* ,{"field":"<name>","start": for each field (netra_field_name()), written at once */
#define FIELD_HEAD(name) ",{\"field\":\"" name "\",\"start\":"
    /* Each head padded to HEAD_PAD bytes: with that much room, a copy of a constant
     * size (a few moves, no call) writes it, the bytes past its length being overwritten
     * next. */
    enum { HEAD_PAD = 48 };
    static const char head[NETRA_FIELD_COUNT_][HEAD_PAD] = {
        FIELD_HEAD("text"),       FIELD_HEAD("target.text"), FIELD_HEAD("target.author"),
        FIELD_HEAD("author.bio"), FIELD_HEAD("author.name"), FIELD_HEAD("author.handle"),
    };
    static const uint8_t head_len[NETRA_FIELD_COUNT_] = {
        sizeof FIELD_HEAD("text") - 1,          sizeof FIELD_HEAD("target.text") - 1,
        sizeof FIELD_HEAD("target.author") - 1, sizeof FIELD_HEAD("author.bio") - 1,
        sizeof FIELD_HEAD("author.name") - 1,   sizeof FIELD_HEAD("author.handle") - 1,
    };
#undef FIELD_HEAD
    er |= jc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (sp[i].field < NETRA_FIELD_COUNT_ && b->cap - b->len > HEAD_PAD) {
            memcpy(b->ptr + b->len, head[sp[i].field] + (i == 0), HEAD_PAD - 1);
            b->len += head_len[sp[i].field] - (i == 0);
        } else if (sp[i].field < NETRA_FIELD_COUNT_) {
            er |= i ? jadd(b, head[sp[i].field], head_len[sp[i].field])
                    : jadd(b, head[sp[i].field] + 1, head_len[sp[i].field] - 1u);
        } else {
            er |= i ? JL(b, ",{\"field\":\"") : JL(b, "{\"field\":\"");
            er |= js(b, netra_field_name(sp[i].field));
            er |= JL(b, "\",\"start\":");
        }
        er |= j_ulong(b, sp[i].start);
        er |= JL(b, ",\"end\":");
        er |= j_ulong(b, sp[i].end);
        er |= JL(b, ",\"what\":");
        er |= j_str(b, sp[i].what);
        if (wt) {
            er |= JL(b, ",\"weight\":");
            er |= json_fixed(b, wt[i], 2);
        }
        er |= jc(b, '}');
    }
    er |= jc(b, ']');
    return er;
}

int netra_verdict_json(const char **json, size_t *len, netra_detect_worker *w,
                       const netra_item *item, const netra_verdict *v, unsigned long line)
{
    int er = 0;
    nt_buf *b = &w->out;
    nt_buf_reset(b);
    er |= jc(b, '{');
    if (line) {
        er |= JL(b, "\"line\":");
        er |= j_ulong(b, line);
        er |= jc(b, ',');
    }
    er |= JL(b, "\"id\":");
    er |= jq(b, item->id.s, item->id.len);
    er |=
        v->flagged ? JL(b, ",\"flagged\":true,\"act\":\"") : JL(b, ",\"flagged\":false,\"act\":\"");
    if ((unsigned)item->act < NETRA_ITEM_ACT_COUNT_ && w->act_q_len[item->act] && !w->general)
        er |= jadd(b, w->act_q[item->act], w->act_q_len[item->act]);
    else {
        er |= js(b, netra_item_act_name(item->act));
        er |= JL(b, "\",\"date\":");
    }
    if (!w->date_set || item->date != w->date) { /* a stream's items share their days */
        char date[NETRA_DATE_STRLEN];
        netra_date_format(item->date, date);
        w->date_q[0] = '"';
        memcpy(w->date_q + 1, date, NETRA_DATE_STRLEN - 1);
        w->date_q[NETRA_DATE_STRLEN] = '"';
        w->date = item->date;
        w->date_set = 1;
    }
    er |= jadd(b, w->date_q, NETRA_DATE_STRLEN + 1);
    /* where: the item's region, else the registry's for the author (the index reads it) */
    if (item->region.len > 0) {
        er |= JL(b, ",\"region\":");
        er |= jq(b, item->region.s, item->region.len);
    } else if (v->asn.entry != NULL && v->asn.entry->region != NULL &&
               v->asn.entry->region[0] != '\0') {
        er |= JL(b, ",\"region\":");
        er |= j_str(b, v->asn.entry->region);
    }
    er |= JL(b, ",\"contestants\":[");
    /* Where the part after the contestant's id (stance to features) of the first
     * contestants was written: a contestant decided as an earlier one was (netra_detect()
     * shares the evidence and features of both) copies those bytes. */
    enum { TAILS = 8 };
    size_t tail_at[TAILS], tail_end[TAILS];
    for (size_t i = 0; i < v->n_contestants; i++) {
        const netra_contestant_verdict *c = &v->contestants[i];
        er |= i ? JL(b, ",{\"election\":") : JL(b, "{\"election\":");
        er |= j_str(b, c->election->id);
        er |= JL(b, ",\"contestant\":");
        er |= j_str(b, c->contestant->id);
        size_t same;
        for (same = 0; same < i && same < TAILS; same++) {
            const netra_contestant_verdict *e = &v->contestants[same];
            if (e->evidence == c->evidence && e->n_evidence == c->n_evidence &&
                e->features == c->features && e->n_features == c->n_features &&
                e->stance == c->stance && e->score == c->score && e->p_support == c->p_support &&
                e->rules == c->rules)
                break;
        }
        if (same < i && same < TAILS && !er) {
            size_t n = tail_end[same] - tail_at[same];
            /* reserve first: the copy's source is in the buffer, which may move */
            if (nt_buf_reserve(b, n) < 0) {
                er = 1;
                break;
            }
            memcpy(b->ptr + b->len, b->ptr + tail_at[same], n);
            if (i < TAILS) {
                tail_at[i] = b->len;
                tail_end[i] = b->len + n;
            }
            b->len += n;
            continue;
        }
        size_t at = b->len;
        er |= JL(b, ",\"stance\":\"");
        er |= js(b, netra_stance_name(c->stance));
        er |= JL(b, "\",\"score\":");
        er |= json_fixed(b, c->score, 3);
        er |= JL(b, ",\"p_support\":");
        er |= json_fixed(b, c->p_support, 3);
        er |= JL(b, ",\"rules\":[");
        int first = 1;
        if (c->rules & NETRA_RULE_BARE_NAME) {
            er |= JL(b, "\"bare_name\"");
            first = 0;
        }
        if (c->rules & NETRA_RULE_NEGATED) {
            er |= first ? JL(b, "\"negated\"") : JL(b, ",\"negated\"");
            first = 0;
        }
        if (c->rules & NETRA_RULE_REPORTING)
            er |= first ? JL(b, "\"reporting\"") : JL(b, ",\"reporting\"");
        er |= JL(b, "],\"evidence\":");
        er |= j_spans(b, c->evidence, NULL, c->n_evidence);
        er |= JL(b, ",\"features\":[");
        for (size_t k = 0; k < c->n_features && k < 12; k++) {
            er |= k ? JL(b, ",{\"name\":") : JL(b, "{\"name\":");
            er |= j_str(b, c->features[k].name);
            er |= JL(b, ",\"weight\":");
            er |= json_fixed(b, c->features[k].weight, 3);
            er |= jc(b, '}');
        }
        er |= JL(b, "]}");
        if (i < TAILS) {
            tail_at[i] = at;
            tail_end[i] = b->len;
        }
    }
    const netra_asn_verdict *a = &v->asn;
    /* The sentences: the worker's, or the constant ones of an item naming nobody. */
    const char *sid = v->sentence_id ? v->sentence_id : "",
               *sen = v->sentence_en ? v->sentence_en : "";
    if (v->n_contestants == 0 && !a->assessed && !v->has_form && sid == no_ref_id &&
        sen == no_ref_en && !w->general) {
        /* Most items name nobody: their verdict ends the same way (and quoted the same);
         * netra_detect() gave the constant sentences, whose lengths are known. */
        er |= jadd(b, no_ref_tail, sizeof no_ref_tail - 1);
        goto done;
    }
    size_t sid_len = sid == w->sent_id.ptr ? w->sent_id.len : strlen(sid);
    size_t sen_len = sen == w->sent_en.ptr ? w->sent_en.len : strlen(sen);
    if (v->n_contestants == 0 && !a->assessed && !v->has_form && !w->general &&
        sid_len == sizeof NO_REF_ID - 1 && sen_len == sizeof NO_REF_EN - 1 &&
        memcmp(sid, NO_REF_ID, sizeof NO_REF_ID - 1) == 0 &&
        memcmp(sen, NO_REF_EN, sizeof NO_REF_EN - 1) == 0) {
        /* The same sentences as copies (a verdict built by the caller): the same tail. */
        er |= jadd(b, no_ref_tail, sizeof no_ref_tail - 1);
        goto done;
    }
    if (!a->assessed) {
        /* Nobody is referred to: the author was not assessed (--attribute-all does). */
        er |= JL(b, "],\"asn\":null");
        goto after_asn;
    }
    er |= JL(b, "],\"asn\":{");
    er |= a->likely ? JL(b, "\"likely\":true,\"score\":") : JL(b, "\"likely\":false,\"score\":");
    er |= json_fixed(b, a->score, 3);
    er |= JL(b, ",\"source\":\"");
    er |= js(b, a->source == NETRA_ASN_REGISTRY  ? "registry"
                : a->source == NETRA_ASN_PROFILE ? "profile"
                                                 : "none");
    er |= JL(b, "\",\"employee_type\":\"");
    er |= js(b, a->employee_type);
    er |= jc(b, '"');
    if (a->entry) {
        er |= JL(b, ",\"nip\":");
        er |= j_str(b, a->entry->nip);
        er |= JL(b, ",\"agency\":");
        er |= j_str(b, a->entry->agency);
        er |= JL(b, ",\"position_class\":");
        er |= j_str(b, a->entry->position_class);
    }
    er |= JL(b, ",\"reasons\":");
    er |= j_spans(b, a->reasons, a->reason_weights, a->n_reasons);
    er |= JL(b, "}");
after_asn:
    if (v->has_form) {
        const netra_classification *f = &v->form;
        char dd[NETRA_DATE_STRLEN];
        er |= JL(b, ",\"violation\":{\"election\":");
        er |= j_str(b, v->top->election->id);
        er |= JL(b, ",\"contestant\":");
        er |= j_str(b, v->top->contestant->id);
        if (f->election != NULL) { /* the election of the law tables (stages, the index) */
            er |= JL(b, ",\"law_election\":");
            er |= j_str(b, f->election->id);
        }
        if (f->phase != NULL) {
            er |= JL(b, ",\"stage\":");
            er |= j_str(b, netra_phase_id(f->phase->phase));
        }
        er |= JL(b, ",\"act\":\"");
        er |= js(b, v->law_act);
        er |= JL(b, "\",\"form\":");
        er |= j_str(b, f->form->id);
        er |= JL(b, ",\"level\":\"");
        er |= js(b, netra_level_id(f->level));
        er |= f->after_designation
                  ? JL(b, "\",\"after_designation\":true,\"designation_date\":\"")
                  : JL(b, "\",\"after_designation\":false,\"designation_date\":\"");
        if (f->designation)
            er |= js(b, netra_date_format(f->designation->date, dd));
        er |= jc(b, '"');
        er |= JL(b, ",\"basis\":");
        er |= j_str(b, f->form->basis);
        er |= JL(b, ",\"rule_basis\":");
        er |= j_str(b, f->act->rule_basis);
        er |= JL(b, "}");
    }
    er |= JL(b, ",\"explanation\":{\"id\":");
    er |= jq(b, sid, sid_len);
    er |= JL(b, ",\"en\":");
    er |= jq(b, sen, sen_len);
    er |= JL(b, "}}");
done:
    if (er)
        return nt_error_set_oom();
    jend(b);
    *json = b->ptr;
    *len = b->len;
    return NETRA_OK;
}

int netra_verdict_error_json(const char **json, size_t *len, netra_detect_worker *w,
                             unsigned long line, int code, const char *message)
{
    int er = 0;
    nt_buf *b = &w->out;
    nt_buf_reset(b);
    er |= nt_buf_addf(b, "{\"line\":%lu,\"error\":{\"code\":\"%s\",\"message\":", line,
                      code == NETRA_ETOOBIG  ? "too_big"
                      : code == NETRA_ENOMEM ? "no_memory"
                                             : "invalid");
    er |= j_str(b, message);
    /* The field, when the message starts with one ("author.handle: missing"). */
    const char *colon = strchr(message, ':');
    if (colon && strncmp(message, "byte ", 5) != 0 && colon - message < 40) {
        er |= JL(b, ",\"field\":");
        er |= jq(b, message, (size_t)(colon - message));
    }
    er |= JL(b, "}}");
    if (er)
        return nt_error_set_oom();
    jend(b);
    *json = b->ptr;
    *len = b->len;
    return NETRA_OK;
}
