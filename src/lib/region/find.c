/*
 * find.c - the region name search: netra_regions_find().
 *
 * A query is normalised (norm.c) and read two ways. When its first word is a type word
 * ("kab", "kota", "kec", "prov"...), the rest is the *core* that must name a region of
 * that type. The *whole* query is also compared with every name, which finds regions whose
 * own name starts with such a word (kecamatan "Kota Baru", "Kabupaten Kotawaringin Barat"
 * typed "Kota Waringin Barat"); under a type, the whole reading is not allowed typo
 * tolerance, so it cannot pull in regions of another type by accident.
 *
 * Each reading is scored against a region's core name (without "Kabupaten", "Kota",
 * "Daerah Istimewa"...) and its full name; the region keeps its best score. Exact names
 * (ignoring spaces) come from the hash index; everything else from one linear pass. The
 * scores and their order are documented in include/netra/region.h and
 * docs/internals/region.md.
 */
#include <stdint.h>
#include <string.h>

#include "region/region_int.h"

/* One reading of the query. */
typedef struct qform {
    const char *s;                   /* normalised text, NUL-terminated */
    size_t len;                      /* its length */
    char ns[NT_REGION_NORM_MAX + 1]; /* the text without spaces */
    size_t ns_len;                   /* its length */
    size_t words;                    /* number of words */
    int k;                           /* typo budget: edits allowed */
    uint32_t mask;                   /* nt_region_mask(s) */
} qform;

typedef struct query {
    char text[NT_REGION_NORM_MAX + 1]; /* the normalised query */
    qform whole;                       /* all of it */
    nt_region_type type;               /* the leading type word, or NONE */
    qform core;                        /* after the type word; valid when type != NONE */
    netra_region_level level;          /* the caller's level filter */
} query;

typedef struct hit {
    int score;                  /* 0 = no match */
    netra_region_reason reason; /* why */
    int distance;               /* edits, for the fuzzy reasons */
} hit;

static const struct {
    const char *word;
    nt_region_type type;
} type_words[] = {
    {"kab", NT_REGION_TYPE_KABUPATEN},     {"kabupaten", NT_REGION_TYPE_KABUPATEN},
    {"kota", NT_REGION_TYPE_KOTA},         {"kot", NT_REGION_TYPE_KOTA},
    {"kotamadya", NT_REGION_TYPE_KOTA},    {"kodya", NT_REGION_TYPE_KOTA},
    {"kec", NT_REGION_TYPE_DISTRICT},      {"kecamatan", NT_REGION_TYPE_DISTRICT},
    {"distrik", NT_REGION_TYPE_DISTRICT},  {"prov", NT_REGION_TYPE_PROVINCE},
    {"provinsi", NT_REGION_TYPE_PROVINCE}, {"propinsi", NT_REGION_TYPE_PROVINCE},
};

nt_region_type nt_region_type_word(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
        if (nt_str_eq(w, len, type_words[i].word))
            return type_words[i].type;
    return NT_REGION_TYPE_NONE;
}

const char *netra_region_reason_name(netra_region_reason reason)
{
    switch (reason) {
    case NETRA_REGION_MATCH_CODE:
        return "code";
    case NETRA_REGION_MATCH_EXACT:
        return "exact name";
    case NETRA_REGION_MATCH_ALIAS:
        return "alias";
    case NETRA_REGION_MATCH_NOSPACE:
        return "same name without spaces";
    case NETRA_REGION_MATCH_PREFIX:
        return "name starts with the query";
    case NETRA_REGION_MATCH_WORDS:
        return "name contains the query";
    case NETRA_REGION_MATCH_PARTIAL:
        return "name starts with the query (part of a word)";
    case NETRA_REGION_MATCH_ALL_WORDS:
        return "name contains every word of the query";
    case NETRA_REGION_MATCH_FUZZY:
        return "typo";
    case NETRA_REGION_MATCH_FUZZY_PREFIX:
        return "typo in the first words";
    case NETRA_REGION_MATCH_OTHER_TYPE:
        return "exact name of another type";
    default:
        return "unknown";
    }
}

static int type_ok(nt_region_type t, const netra_region *r)
{
    switch (t) {
    case NT_REGION_TYPE_PROVINCE:
        return r->level == NETRA_REGION_PROVINCE;
    case NT_REGION_TYPE_KABUPATEN:
        return r->level == NETRA_REGION_REGENCY && !r->is_kota;
    case NT_REGION_TYPE_KOTA:
        return r->level == NETRA_REGION_REGENCY && r->is_kota;
    case NT_REGION_TYPE_DISTRICT:
        return r->level == NETRA_REGION_DISTRICT;
    default:
        return 1;
    }
}

static size_t count_words(const char *s, size_t len)
{
    size_t n = len > 0 ? 1 : 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == ' ';
    return n;
}

static void qform_init(qform *f, const char *s, size_t len)
{
    f->s = s;
    f->len = len;
    f->ns_len = nt_region_nospace(f->ns, s, len);
    f->words = count_words(s, len);
    f->k = len <= 3 ? 0 : len <= 7 ? 1 : 2;
    f->mask = nt_region_mask(s, len);
}

/* Whether `w` is one of the words of n. */
static int has_word(const char *n, size_t nlen, const char *w, size_t wlen)
{
    for (size_t i = 0; i + wlen <= nlen; i++) {
        if ((i == 0 || n[i - 1] == ' ') && memcmp(n + i, w, wlen) == 0 &&
            (i + wlen == nlen || n[i + wlen] == ' '))
            return 1;
        while (i < nlen && n[i] != ' ')
            i++;
    }
    return 0;
}

/* Whether q appears in n as whole words, not at the start. */
static int has_words_inside(const char *n, size_t nlen, const char *q, size_t qlen)
{
    for (size_t i = 1; i + qlen <= nlen; i++)
        if (n[i - 1] == ' ' && memcmp(n + i, q, qlen) == 0 &&
            (i + qlen == nlen || n[i + qlen] == ' '))
            return 1;
    return 0;
}

static int has_all_words(const char *n, size_t nlen, const qform *q)
{
    size_t i = 0;
    while (i < q->len) {
        size_t j = i;
        while (j < q->len && q->s[j] != ' ')
            j++;
        if (!has_word(n, nlen, q->s + i, j - i))
            return 0;
        i = j + 1;
    }
    return 1;
}

static int penalty(size_t extra, int cap)
{
    size_t p = extra / 3;
    return p > (size_t)cap ? cap : (int)p;
}

static void set_hit(hit *h, int score, netra_region_reason reason, int distance)
{
    h->score = score;
    h->reason = reason;
    h->distance = distance;
}

/* Scores one reading of the query against one normalised name. */
static void score_name(hit *h, const qform *q, const char *n, size_t nlen, const char *nns,
                       size_t nnslen, uint32_t nmask, int fuzzy)
{
    set_hit(h, 0, NETRA_REGION_MATCH_EXACT, 0);
    /* Every reason but the fuzzy ones needs all the query's characters in the name; the
     * fuzzy ones need all but at most k of them. Most names fail here. */
    int missing = nt_region_mask_missing(q->mask, nmask);
    if (missing > 0) {
        if (!fuzzy || missing > q->k)
            return;
        goto fuzzy;
    }
    if (nlen == q->len && memcmp(n, q->s, nlen) == 0) {
        set_hit(h, 100, NETRA_REGION_MATCH_EXACT, 0);
        return;
    }
    if (nnslen == q->ns_len && memcmp(nns, q->ns, nnslen) == 0) {
        set_hit(h, 95, NETRA_REGION_MATCH_NOSPACE, 0);
        return;
    }
    size_t extra = nlen > q->len ? nlen - q->len : 0;
    if (nlen > q->len) {
        int starts = memcmp(n, q->s, q->len) == 0;
        if (starts && n[q->len] == ' ') {
            set_hit(h, 85 - penalty(extra, 9), NETRA_REGION_MATCH_PREFIX, 0);
            return;
        }
        if (has_words_inside(n, nlen, q->s, q->len)) {
            set_hit(h, 75 - penalty(extra, 9), NETRA_REGION_MATCH_WORDS, 0);
            return;
        }
        if (starts && q->len >= 3) {
            set_hit(h, 65 - penalty(extra, 9), NETRA_REGION_MATCH_PARTIAL, 0);
            return;
        }
    }
    if (q->words >= 2 && has_all_words(n, nlen, q)) {
        set_hit(h, 55 - penalty(extra, 5), NETRA_REGION_MATCH_ALL_WORDS, 0);
        return;
    }
fuzzy:
    if (!fuzzy || q->k == 0)
        return;
    int d = nt_region_osa(q->s, q->len, n, nlen, q->k);
    if (d <= q->k) {
        set_hit(h, 49 - 6 * (d - 1), NETRA_REGION_MATCH_FUZZY, d);
        return;
    }
    /* The name's first words, as many as the query has. */
    size_t words = 0, plen = 0;
    while (plen < nlen) {
        if (n[plen] == ' ' && ++words == q->words)
            break;
        plen++;
    }
    if (plen < nlen) {
        d = nt_region_osa(q->s, q->len, n, plen, q->k);
        if (d >= 1 && d <= q->k)
            set_hit(h, 42 - 6 * (d - 1), NETRA_REGION_MATCH_FUZZY_PREFIX, d);
    }
}

static void take(hit *best, const hit *h)
{
    if (h->score > best->score)
        *best = *h;
}

/* Scores a reading against the region's core and full names. */
static void score_forms(hit *best, const qform *q, const nt_region_key *k, int fuzzy)
{
    hit h;
    score_name(&h, q, k->core, k->core_len, k->core_ns, k->core_ns_len, k->core_mask, fuzzy);
    take(best, &h);
    if (k->full != k->core) {
        score_name(&h, q, k->full, k->full_len, k->full_ns, k->full_ns_len, k->full_mask, fuzzy);
        take(best, &h);
    }
}

static void score_region(hit *best, const query *q, const netra_regions *regs, size_t i)
{
    const netra_region *r = &regs->all[i];
    const nt_region_key *k = &regs->keys[i];
    set_hit(best, 0, NETRA_REGION_MATCH_EXACT, 0);
    if (q->type == NT_REGION_TYPE_NONE) {
        score_forms(best, &q->whole, k, 1);
        return;
    }
    hit h;
    set_hit(&h, 0, NETRA_REGION_MATCH_EXACT, 0);
    score_forms(&h, &q->core, k, 1);
    if (h.score > 0) {
        if (type_ok(q->type, r))
            take(best, &h);
        else if (h.reason == NETRA_REGION_MATCH_EXACT || h.reason == NETRA_REGION_MATCH_NOSPACE)
            set_hit(best, 30, NETRA_REGION_MATCH_OTHER_TYPE, 0);
    }
    set_hit(&h, 0, NETRA_REGION_MATCH_EXACT, 0);
    score_forms(&h, &q->whole, k, 0);
    if (h.score > 0 && h.reason <= NETRA_REGION_MATCH_WORDS)
        take(best, &h);
}

/* Whether match a ranks before match b. */
static int ranks_before(const netra_region_match *a, const netra_region_match *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->region->level != b->region->level)
        return a->region->level < b->region->level;
    return strcmp(a->region->code, b->region->code) < 0;
}

/* Keeps results[0..*n) sorted and free of duplicates, at most max long. O(*n). */
static void insert(netra_region_match *results, size_t max, size_t *n, const netra_region_match *m)
{
    for (size_t i = 0; i < *n; i++) {
        if (results[i].region == m->region) {
            if (!ranks_before(m, &results[i]))
                return;
            memmove(results + i, results + i + 1, (*n - i - 1) * sizeof *results);
            (*n)--;
            break;
        }
    }
    size_t pos = *n;
    while (pos > 0 && ranks_before(m, &results[pos - 1]))
        pos--;
    if (pos >= max)
        return;
    size_t last = *n < max ? *n : max - 1; /* entries from pos that stay */
    memmove(results + pos + 1, results + pos, (last - pos) * sizeof *results);
    results[pos] = *m;
    if (*n < max)
        (*n)++;
}

static int level_ok(const query *q, const netra_region *r)
{
    return q->level == NETRA_REGION_ANY || r->level == q->level;
}

static void add_hit(netra_region_match *results, size_t max, size_t *n, const netra_region *r,
                    const hit *h, const char *alias)
{
    netra_region_match m;
    m.region = r;
    m.score = h->score;
    m.reason = h->reason;
    m.distance = h->distance;
    m.alias = alias;
    insert(results, max, n, &m);
}

/* Whether the query text looks like a code: digits, dots and spaces, starting with a digit. */
static int looks_like_code(const char *s)
{
    while (*s == ' ')
        s++;
    if (*s < '0' || *s > '9')
        return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == ' ' || *s == '\t'))
            return 0;
    return 1;
}

static void find_alias(netra_region_match *results, size_t max, size_t *n, const query *q,
                       const netra_regions *regs, const qform *f, int check_type)
{
    const nt_region_alias *a = nt_map_get(&regs->aliases, f->s, f->len);
    if (a == NULL || !level_ok(q, a->region) || (check_type && !type_ok(q->type, a->region)))
        return;
    hit h;
    set_hit(&h, 100, NETRA_REGION_MATCH_ALIAS, 0);
    add_hit(results, max, n, a->region, &h, a->text);
}

/* Scores every region whose spaceless name is `key` (from the hash index). */
static void find_exact(netra_region_match *results, size_t max, size_t *n, const query *q,
                       const netra_regions *regs, const char *key, size_t klen)
{
    uintptr_t e = (uintptr_t)nt_map_get(&regs->names, key, klen);
    const nt_region_name_ent *ents = regs->name_ents.items;
    while (e != 0) {
        const nt_region_name_ent *ent = &ents[e - 1];
        const netra_region *r = &regs->all[ent->idx];
        if (level_ok(q, r)) {
            hit h;
            score_region(&h, q, regs, ent->idx);
            if (h.score > 0)
                add_hit(results, max, n, r, &h, NULL);
        }
        e = ent->next;
    }
}

static int key_is(const char *a, size_t alen, const qform *f)
{
    return alen == f->ns_len && memcmp(a, f->ns, alen) == 0;
}

/* Whether the hash pass already scored region i. */
static int done_by_index(const query *q, const nt_region_key *k)
{
    if (key_is(k->core_ns, k->core_ns_len, &q->whole) ||
        key_is(k->full_ns, k->full_ns_len, &q->whole))
        return 1;
    return q->type != NT_REGION_TYPE_NONE && (key_is(k->core_ns, k->core_ns_len, &q->core) ||
                                              key_is(k->full_ns, k->full_ns_len, &q->core));
}

static int parse_query(query *q, const char *text, size_t len)
{
    size_t n;
    int err = nt_region_norm(q->text, sizeof q->text, &n, text, len);
    if (err < 0)
        return err;
    if (n == 0)
        return nt_error_set(NETRA_EINVAL, "query '%.60s' has no letter or digit", text);
    qform_init(&q->whole, q->text, n);
    q->type = NT_REGION_TYPE_NONE;
    const char *sp = memchr(q->text, ' ', n);
    if (sp == NULL)
        return NETRA_OK;
    nt_region_type t = nt_region_type_word(q->text, (size_t)(sp - q->text));
    if (t == NT_REGION_TYPE_NONE)
        return NETRA_OK;
    const char *core = sp + 1;
    size_t core_len = n - (size_t)(core - q->text);
    if (t == NT_REGION_TYPE_KABUPATEN || t == NT_REGION_TYPE_KOTA) {
        static const char *const adm[] = {"administrasi ", "adm ", "admin ", NULL};
        for (size_t i = 0; adm[i] != NULL; i++) {
            size_t al = strlen(adm[i]);
            if (core_len > al && memcmp(core, adm[i], al) == 0) {
                core += al;
                core_len -= al;
                break;
            }
        }
    }
    q->type = t;
    qform_init(&q->core, core, core_len);
    return NETRA_OK;
}

int netra_regions_find(netra_region_match *results, size_t max, size_t *n_out,
                       const netra_regions *regs, const char *query_text, netra_region_level level)
{
    NT_ASSERT_ARG(n_out != NULL);
    *n_out = 0;
    NT_ASSERT_ARG(results != NULL);
    NT_ASSERT_ARG(max >= 1);
    NT_ASSERT_ARG(regs != NULL);
    NT_ASSERT_ARG(query_text != NULL);
    NT_ASSERT_ARG(level >= NETRA_REGION_ANY && level <= NETRA_REGION_DISTRICT);
    const char *end = memchr(query_text, '\0', NETRA_REGION_QUERY_MAX + 1);
    if (end == NULL)
        return nt_error_set(NETRA_EINVAL, "query longer than %d bytes", NETRA_REGION_QUERY_MAX);
    query q;
    q.level = level;
    int err = parse_query(&q, query_text, (size_t)(end - query_text));
    if (err < 0)
        return err == NETRA_ETOOBIG ? nt_error_set(NETRA_EINVAL, "query too long") : err;

    size_t n = 0;
    if (looks_like_code(query_text)) {
        char dotted[NETRA_REGION_CODE_MAX];
        const netra_region *r;
        if (netra_region_code_parse(dotted, NULL, query_text) == NETRA_OK &&
            netra_regions_get(&r, regs, dotted) == NETRA_OK && level_ok(&q, r)) {
            hit h;
            set_hit(&h, 100, NETRA_REGION_MATCH_CODE, 0);
            add_hit(results, max, &n, r, &h, NULL);
        }
    }
    if (q.type == NT_REGION_TYPE_NONE) {
        find_alias(results, max, &n, &q, regs, &q.whole, 0);
    } else {
        find_alias(results, max, &n, &q, regs, &q.core, 1);
        find_alias(results, max, &n, &q, regs, &q.whole, 0);
    }
    find_exact(results, max, &n, &q, regs, q.whole.ns, q.whole.ns_len);
    if (q.type != NT_REGION_TYPE_NONE)
        find_exact(results, max, &n, &q, regs, q.core.ns, q.core.ns_len);

    size_t lo = 0, hi = regs->n_all;
    if (level != NETRA_REGION_ANY) {
        lo = regs->first[level];
        hi = lo + regs->count[level];
    }
    for (size_t i = lo; i < hi; i++) {
        if (done_by_index(&q, &regs->keys[i]))
            continue;
        hit h;
        score_region(&h, &q, regs, i);
        if (h.score > 0)
            add_hit(results, max, &n, &regs->all[i], &h, NULL);
    }
    *n_out = n;
    if (n == 0)
        return nt_error_set(NETRA_ENOTFOUND, "no region matches '%.80s'", query_text);
    return NETRA_OK;
}
