/*
 * model.c - the linear model: weights per feature and class, loading model.tsv, training
 * (multinomial logistic regression by SGD with L2) and evaluation on labelled JSONL.
 *
 * The model file lists every feature by name with one weight per class (none, support,
 * oppose, mention), so a reviewer can read what the detector learnt; features are looked
 * up by the hash of their name.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detect/feat.h"

/* ---- weights ----------------------------------------------------------------------------- */

void nt_model_init(nt_model *m)
{
    memset(m, 0, sizeof *m);
}

void nt_model_free(nt_model *m)
{
    nt_free(m->keys);
    nt_free(m->w);
    nt_model_init(m);
}

static size_t find_index(const nt_model *m, uint64_t h)
{
    if (m->cap == 0)
        return SIZE_MAX;
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == h)
            return i;
        if (m->keys[i] == 0)
            return SIZE_MAX;
    }
}

const float *nt_model_get(const nt_model *m, uint64_t h)
{
    size_t i = find_index(m, h);
    return i == SIZE_MAX ? NULL : &m->w[i * NT_NCLASS];
}

static int grow(nt_model *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    uint64_t *nk = nt_calloc(ncap, sizeof *nk);
    float *nw = nt_calloc(ncap * NT_NCLASS, sizeof *nw);
    if (nk == NULL || nw == NULL) {
        nt_free(nk);
        nt_free(nw);
        return NETRA_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == 0)
            continue;
        size_t j = (size_t)m->keys[i] & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        memcpy(&nw[j * NT_NCLASS], &m->w[i * NT_NCLASS], NT_NCLASS * sizeof(float));
    }
    nt_free(m->keys);
    nt_free(m->w);
    m->keys = nk;
    m->w = nw;
    m->cap = ncap;
    return NETRA_OK;
}

float *nt_model_slot(nt_model *m, uint64_t h)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != NETRA_OK)
        return NULL;
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    while (m->keys[i] && m->keys[i] != h)
        i = (i + 1) & mask;
    if (m->keys[i] == 0) {
        m->keys[i] = h;
        m->n++;
    }
    return &m->w[i * NT_NCLASS];
}

static const char *const class_cols[NT_NCLASS] = {"none", "support", "oppose", "mention"};

int nt_model_load(nt_model *m, const char *path)
{
    static const char *const cols[] = {"feature", "none", "support", "oppose", "mention", NULL};
    nt_tsv t;
    int rc = nt_tsv_open(&t, path, NULL, 0, cols);
    if (rc)
        return rc;
    while ((rc = nt_tsv_next(&t)) == 1) {
        size_t fl;
        const char *f = nt_tsv_get(&t, "feature", &fl);
        /* "bias" is written as is; the empty rest of "bias" is implied. */
        float w[NT_NCLASS];
        for (int c = 0; c < NT_NCLASS; c++) {
            size_t vl;
            const char *v = nt_tsv_get(&t, class_cols[c], &vl);
            char tmp[40];
            char *end;
            if (vl == 0 || vl >= sizeof tmp) {
                rc = nt_tsv_error(&t, class_cols[c], "expected a number");
                goto out;
            }
            memcpy(tmp, v, vl);
            tmp[vl] = '\0';
            errno = 0;
            double d = strtod(tmp, &end);
            if (*end != '\0' || errno != 0 || !(d > -1000 && d < 1000)) {
                rc = nt_tsv_error(&t, class_cols[c], "expected a number between -1000 and 1000");
                goto out;
            }
            w[c] = (float)d;
        }
        float *slot = nt_model_slot(m, nt_feat_hash("", f, fl));
        if (slot == NULL) {
            rc = NETRA_ENOMEM;
            goto out;
        }
        memcpy(slot, w, sizeof w);
    }
out:
    nt_tsv_close(&t);
    return rc < 0 ? rc : NETRA_OK;
}

/* ---- reading labelled files ------------------------------------------------------------- */

typedef int (*labelled_fn)(void *arg, netra_detect_worker *w, const netra_item *item,
                           const netra_election_info *el, unsigned long line);

/* Reads a labelled JSONL file line by line and calls fn for each item; errors name
 * file:line. */
static int each_labelled(const char *path, const netra_detector *det, labelled_fn fn, void *arg)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return nt_error_set(NETRA_EIO, "%s: cannot open: %s", path, strerror(errno));
    netra_detect_worker *w = NULL;
    netra_arena *arena = NULL;
    char *line = NULL;
    size_t cap = 0;
    unsigned long no = 0;
    int rc = netra_detect_worker_new(&w, det);
    if (rc == NETRA_OK)
        rc = netra_arena_new(&arena, 1u << 16, 0);
    while (rc == NETRA_OK) {
        ssize_t n = getline(&line, &cap, f);
        if (n < 0)
            break;
        no++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (n == 0)
            continue;
        netra_arena_reset(arena);
        netra_item item;
        rc = netra_item_parse(&item, line, (size_t)n, NETRA_ITEM_LABEL, arena);
        if (rc) {
            rc = nt_error_prefix("%s:%lu", path, no);
            break;
        }
        const netra_election_info *el =
            nt_detect_election(det, item.label.election.s, item.label.election.len);
        if (el == NULL) {
            rc = nt_error_set(NETRA_EINVAL, "%s:%lu: label.election: '%s' is not loaded", path, no,
                              item.label.election.s);
            break;
        }
        for (size_t k = 0; k < item.label.n_stances; k++) {
            size_t i;
            for (i = 0; i < el->n_contestants; i++)
                if (strcmp(el->contestants[i].id, item.label.stances[k].contestant.s) == 0)
                    break;
            if (i == el->n_contestants) {
                rc = nt_error_set(NETRA_EINVAL,
                                  "%s:%lu: label.stances: '%s' is not a contestant of %s", path, no,
                                  item.label.stances[k].contestant.s, el->id);
                break;
            }
        }
        if (rc)
            break;
        rc = fn(arg, w, &item, el, no);
    }
    if (rc == NETRA_OK && ferror(f))
        rc = nt_error_set(NETRA_EIO, "%s: read error", path);
    free(line);
    fclose(f);
    netra_arena_free(arena);
    netra_detect_worker_free(w);
    return rc;
}

static netra_stance gold_of(const netra_item *item, const netra_election_info *el,
                            const netra_election_info *c_el, const netra_contestant *c)
{
    if (c_el != el)
        return NETRA_STANCE_NONE;
    for (size_t k = 0; k < item->label.n_stances; k++)
        if (strcmp(item->label.stances[k].contestant.s, c->id) == 0)
            return item->label.stances[k].stance;
    return NETRA_STANCE_NONE;
}

/* ---- evaluation ------------------------------------------------------------------------- */

typedef struct eval_ctx {
    netra_eval *ev;
    netra_eval_contestant *per;
    size_t max_per;
    size_t n_per;
} eval_ctx;

static netra_eval_contestant *per_of(eval_ctx *e, const netra_election_info *el,
                                     const netra_contestant *c)
{
    for (size_t i = 0; i < e->n_per; i++)
        if (e->per[i].contestant == c)
            return &e->per[i];
    if (e->per == NULL || e->n_per == e->max_per)
        return NULL;
    netra_eval_contestant *p = &e->per[e->n_per++];
    memset(p, 0, sizeof *p);
    p->election = el;
    p->contestant = c;
    return p;
}

static int eval_one(void *arg, netra_detect_worker *w, const netra_item *item,
                    const netra_election_info *el, unsigned long line)
{
    (void)line;
    eval_ctx *e = arg;
    netra_verdict v;
    int rc = netra_detect(&v, w, item);
    if (rc)
        return rc;
    e->ev->items++;
    int gold_support = 0, pred_support = 0;
    /* Every contestant of the label's election that either side names. */
    for (size_t i = 0; i < el->n_contestants; i++) {
        const netra_contestant *c = &el->contestants[i];
        netra_stance g = gold_of(item, el, el, c);
        netra_stance p = NETRA_STANCE_NONE;
        for (size_t k = 0; k < v.n_contestants; k++)
            if (v.contestants[k].contestant == c)
                p = v.contestants[k].stance;
        if (g == NETRA_STANCE_NONE && p == NETRA_STANCE_NONE)
            continue;
        e->ev->pairs++;
        e->ev->confusion[g][p]++;
        gold_support |= g == NETRA_STANCE_SUPPORT;
        pred_support |= p == NETRA_STANCE_SUPPORT && v.top != NULL;
        netra_eval_contestant *pc = per_of(e, el, c);
        if (pc) {
            if (g == NETRA_STANCE_SUPPORT && p == NETRA_STANCE_SUPPORT)
                pc->tp++;
            else if (p == NETRA_STANCE_SUPPORT)
                pc->fp++;
            else if (g == NETRA_STANCE_SUPPORT)
                pc->fn++;
        }
    }
    if (item->label.asn >= 0) {
        int g = item->label.asn, p = v.asn.likely;
        e->ev->asn_tp += g && p;
        e->ev->asn_fp += !g && p;
        e->ev->asn_fn += g && !p;
        e->ev->asn_tn += !g && !p;
        int gf = g && gold_support, pf = v.flagged && pred_support;
        e->ev->flag_tp += gf && pf;
        e->ev->flag_fp += !gf && pf;
        e->ev->flag_fn += gf && !pf;
    }
    return NETRA_OK;
}

int netra_detector_eval(netra_eval *out, netra_eval_contestant *per, size_t max_per, size_t *n_per,
                        const netra_detector *det, const char *path)
{
    NT_ASSERT_ARG(out != NULL && det != NULL && path != NULL);
    memset(out, 0, sizeof *out);
    eval_ctx e = {out, per, max_per, 0};
    int rc = each_labelled(path, det, eval_one, &e);
    if (n_per)
        *n_per = e.n_per;
    return rc;
}

/* ---- robustness to disguises ----------------------------------------------------------- */

typedef struct snap {
    netra_stance st[64];
    int flagged;
} snap;

static void take(snap *sn, const netra_verdict *v, const netra_election_info *el)
{
    memset(sn, 0, sizeof *sn);
    sn->flagged = v->flagged;
    for (size_t i = 0; i < el->n_contestants && i < 64; i++)
        for (size_t k = 0; k < v->n_contestants; k++)
            if (v->contestants[k].contestant == &el->contestants[i])
                sn->st[i] = v->contestants[k].stance;
}

static char *disguised(const netra_str *s, int kind, uint64_t seed, size_t *len_out)
{
    size_t need = nt_disguise(NULL, 0, s->s, s->len, kind, seed);
    char *b = nt_malloc(need + 1);
    if (b == NULL)
        return NULL;
    nt_disguise(b, need + 1, s->s, s->len, kind, seed);
    *len_out = need;
    return b;
}

static int robust_one(void *arg, netra_detect_worker *w, const netra_item *item,
                      const netra_election_info *el, unsigned long line)
{
    netra_robustness *r = arg;
    netra_verdict v;
    int rc = netra_detect(&v, w, item);
    if (rc)
        return rc;
    snap base;
    take(&base, &v, el);
    r->items++;
    for (int k = 0; k < NT_DISGUISE_KINDS; k++) {
        netra_item copy = *item;
        size_t tl = 0, gl = 0;
        uint64_t seed = (uint64_t)line * 31u + (uint64_t)k;
        char *t = disguised(&item->text, k, seed, &tl);
        char *g = disguised(&item->target_text, k, seed + 7, &gl);
        if (t == NULL || g == NULL) {
            nt_free(t);
            nt_free(g);
            return NETRA_ENOMEM;
        }
        copy.text.s = t;
        copy.text.len = tl;
        copy.target_text.s = g;
        copy.target_text.len = gl;
        rc = netra_detect(&v, w, &copy);
        if (rc == NETRA_OK) {
            snap d;
            take(&d, &v, el);
            int same = memcmp(&d, &base, sizeof d) == 0;
            r->trials++;
            r->per_kind[k]++;
            r->unchanged += (size_t)same;
            r->unchanged_kind[k] += (size_t)same;
        }
        nt_free(t);
        nt_free(g);
        if (rc == NETRA_ETOOBIG)
            rc = NETRA_OK; /* a disguise past the normaliser's limit is not a verdict */
        if (rc)
            return rc;
    }
    return NETRA_OK;
}

int netra_detector_eval_disguise(netra_robustness *out, const netra_detector *det, const char *path)
{
    NT_ASSERT_ARG(out != NULL && det != NULL && path != NULL);
    memset(out, 0, sizeof *out);
    for (int k = 0; k < NT_DISGUISE_KINDS; k++)
        out->kind_names[k] = nt_disguise_kind_name(k);
    return each_labelled(path, det, robust_one, out);
}

/* ---- training --------------------------------------------------------------------------- */

typedef struct sample {
    uint32_t first; /* first feature in the feature array */
    uint32_t n;     /* features */
    int gold;       /* class */
} sample;

typedef struct train_ctx {
    nt_vec samples;     /* sample */
    nt_vec feats;       /* uint64_t hashes */
    nt_map names;       /* hash (8 bytes, as key) -> name, for the model file */
    nt_arena arena;     /* names and keys */
    size_t gold_missed; /* gold contestants the matcher did not find */
    const netra_detector *det;
} train_ctx;

static int remember_name(train_ctx *tc, const nt_feat *f)
{
    if (nt_map_has(&tc->names, (const char *)&f->h, sizeof f->h))
        return NETRA_OK;
    size_t pl = strlen(f->prefix);
    char *name = nt_arena_alloc(&tc->arena, pl + f->rest_len + 1 + sizeof f->h);
    if (name == NULL)
        return netra_error_last()->code;
    memcpy(name, &f->h, sizeof f->h); /* the key lives in front of the name */
    memcpy(name + sizeof f->h, f->prefix, pl);
    memcpy(name + sizeof f->h + pl, f->rest, f->rest_len);
    name[sizeof f->h + pl + f->rest_len] = '\0';
    return nt_map_put(&tc->names, name, sizeof f->h, name + sizeof f->h, NULL);
}

static int class_of(netra_stance s)
{
    switch (s) {
    case NETRA_STANCE_SUPPORT:
        return NT_C_SUPPORT;
    case NETRA_STANCE_OPPOSE:
        return NT_C_OPPOSE;
    case NETRA_STANCE_MENTION:
        return NT_C_MENTION;
    default:
        return NT_C_NONE;
    }
}

static int train_one(void *arg, netra_detect_worker *w, const netra_item *item,
                     const netra_election_info *el, unsigned long line)
{
    (void)line;
    train_ctx *tc = arg;
    int rc = nt_detect_prepare(w, item);
    if (rc)
        return rc;
    uint32_t cands[32];
    size_t nc = nt_detect_candidates(w, cands, 32);
    for (size_t k = 0; k < item->label.n_stances; k++) {
        int found = 0;
        for (size_t i = 0; i < nc; i++) {
            const netra_contestant *c;
            const netra_election_info *cel = nt_detect_ct(tc->det, cands[i], &c);
            found |= cel == el && strcmp(c->id, item->label.stances[k].contestant.s) == 0;
        }
        tc->gold_missed += !found;
    }
    for (size_t i = 0; i < nc; i++) {
        const netra_contestant *c;
        const netra_election_info *cel = nt_detect_ct(tc->det, cands[i], &c);
        if (cel != el)
            continue; /* the label says nothing of other elections */
        nt_feat fs[NT_MAX_FEATS];
        size_t nf = nt_detect_features(w, item, cands[i], fs, NT_MAX_FEATS);
        sample s = {(uint32_t)tc->feats.n, (uint32_t)nf, class_of(gold_of(item, el, cel, c))};
        for (size_t k = 0; k < nf; k++) {
            if (nt_vec_push(&tc->feats, &fs[k].h) == NULL)
                return netra_error_last()->code;
            if ((rc = remember_name(tc, &fs[k])))
                return rc;
        }
        if (nt_vec_push(&tc->samples, &s) == NULL)
            return netra_error_last()->code;
    }
    return NETRA_OK;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int netra_detector_train(const netra_detector *det, const char *const *paths, size_t n_paths,
                         const char *out_path, const netra_train_options *opts)
{
    NT_ASSERT_ARG(det != NULL && paths != NULL && n_paths > 0 && out_path != NULL);
    netra_train_options o = {NETRA_TRAIN_OPTIONS_VERSION, 0, 0, 0, 0};
    if (opts)
        o = *opts;
    int epochs = o.epochs > 0 ? o.epochs : 30;
    double rate = o.rate > 0 ? o.rate : 0.1;
    double l2 = o.l2 > 0 ? o.l2 : 1e-4;
    uint64_t seed = o.seed ? o.seed : 1;

    train_ctx tc;
    memset(&tc, 0, sizeof tc);
    tc.det = det;
    nt_vec_init(&tc.samples, sizeof(sample), 0);
    nt_vec_init(&tc.feats, sizeof(uint64_t), 0);
    nt_map_init(&tc.names);
    nt_arena_init(&tc.arena, 1u << 16, 0);
    nt_model m;
    nt_model_init(&m);
    uint32_t *order = NULL;
    FILE *f = NULL;
    int rc = NETRA_OK;
    for (size_t i = 0; i < n_paths && rc == NETRA_OK; i++)
        rc = each_labelled(paths[i], det, train_one, &tc);
    if (rc)
        goto out;
    size_t ns = tc.samples.n;
    if (ns == 0) {
        rc = nt_error_set(NETRA_EINVAL, "no training pairs: no item refers to a contestant");
        goto out;
    }
    order = nt_malloc(ns * sizeof *order);
    if (order == NULL) {
        rc = NETRA_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < ns; i++)
        order[i] = (uint32_t)i;
    const sample *S = tc.samples.items;
    const uint64_t *F = tc.feats.items;
    /* Create every weight first so that slots never move during training. */
    for (size_t i = 0; i < tc.feats.n; i++)
        if (nt_model_slot(&m, F[i]) == NULL) {
            rc = NETRA_ENOMEM;
            goto out;
        }
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t i = ns - 1; i > 0; i--) {
            size_t j = (size_t)(nt_splitmix64(&seed) % (i + 1));
            uint32_t t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double lr = rate / (1.0 + ep * 0.2);
        for (size_t k = 0; k < ns; k++) {
            const sample *s = &S[order[k]];
            double z[NT_NCLASS] = {0};
            float *ws[NT_MAX_FEATS];
            for (uint32_t q = 0; q < s->n; q++) {
                ws[q] = &m.w[find_index(&m, F[s->first + q]) * NT_NCLASS];
                for (int c = 0; c < NT_NCLASS; c++)
                    z[c] += ws[q][c];
            }
            double mx = z[0], sum = 0, p[NT_NCLASS];
            for (int c = 1; c < NT_NCLASS; c++)
                mx = z[c] > mx ? z[c] : mx;
            for (int c = 0; c < NT_NCLASS; c++)
                sum += (p[c] = exp(z[c] - mx));
            for (int c = 0; c < NT_NCLASS; c++) {
                double g = p[c] / sum - (c == s->gold ? 1.0 : 0.0);
                for (uint32_t q = 0; q < s->n; q++)
                    ws[q][c] -= (float)(lr * (g + l2 * ws[q][c]));
            }
        }
    }
    f = fopen(out_path, "w");
    if (f == NULL) {
        rc = nt_error_set(NETRA_EIO, "%s: cannot write: %s", out_path, strerror(errno));
        goto out;
    }
    fprintf(f,
            "# model.tsv - weights of the detector's linear model (docs/internals/detect.md).\n"
            "# Written by `netra train`: %zu (item, contestant) pairs, %zu features, %d epochs,\n"
            "# rate %g, l2 %g, seed %llu. Columns: feature, then one weight per class.\n",
            ns, m.n, epochs, rate, l2, (unsigned long long)(o.seed ? o.seed : 1));
    fprintf(f, "feature\tnone\tsupport\toppose\tmention\n");
    /* Features in name order, so that the file diffs well. */
    size_t nn = tc.names.n, it = 0, q = 0;
    const char **names = nt_malloc((nn ? nn : 1) * sizeof *names);
    if (names == NULL) {
        rc = NETRA_ENOMEM;
        goto out;
    }
    const char *key;
    size_t kl;
    void *val;
    while (nt_map_next(&tc.names, &it, &key, &kl, &val))
        names[q++] = val;
    qsort(names, q, sizeof *names, cmp_name);
    for (size_t i = 0; i < q; i++) {
        uint64_t h;
        memcpy(&h, names[i] - sizeof h, sizeof h);
        const float *w = nt_model_get(&m, h);
        if (w == NULL)
            continue;
        int zero = 1;
        for (int c = 0; c < NT_NCLASS; c++)
            zero &= fabsf(w[c]) < 5e-4f;
        if (zero)
            continue;
        fprintf(f, "%s\t%.4f\t%.4f\t%.4f\t%.4f\n", names[i], w[0], w[1], w[2], w[3]);
    }
    nt_free(names);
    if (fclose(f) != 0)
        rc = nt_error_set(NETRA_EIO, "%s: write error", out_path);
    f = NULL;
out:
    if (f)
        fclose(f);
    nt_free(order);
    nt_model_free(&m);
    nt_vec_free(&tc.samples);
    nt_vec_free(&tc.feats);
    nt_map_free(&tc.names);
    nt_arena_free(&tc.arena);
    return rc;
}
