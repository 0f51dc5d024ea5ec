/*
 * feat.h - features of one (item, contestant) decision and the linear model over them
 * (detect.c makes features, model.c holds weights, trains and evaluates).
 */
#ifndef NT_DETECT_FEAT_H
#define NT_DETECT_FEAT_H

#include "detect/detect_int.h"

/* Model classes, in this order everywhere (model.tsv columns). */
enum { NT_C_NONE = 0, NT_C_SUPPORT, NT_C_OPPOSE, NT_C_MENTION, NT_NCLASS };

/* One feature: its hash and, for explanations and the model file, its name in two parts. */
typedef struct nt_feat {
    uint64_t h;         /* hash of prefix + rest */
    const char *prefix; /* "cue:", "w:" ... (static) */
    const char *rest;   /* the variable part, borrowed for the item's lifetime */
    uint32_t rest_len;  /* its length */
} nt_feat;

#define NT_MAX_FEATS 192

uint64_t nt_feat_hash(const char *prefix, const char *rest, size_t len);

/* Sorts features strongest first by |weight|; equal ones keep their order (stable). At
 * most NT_MAX_FEATS. */
void nt_sort_features(netra_feature *fv, size_t n);

/* Appends v with dec (2 or 3) decimals as the verdict writes numbers: the digits of
 * llround(v * 10^dec), half away from zero; NaN and |v| > 1e12 as 0. Returns 0, or -1
 * when the buffer's limit is reached. */
int nt_json_fixed(nt_buf *b, double v, int dec);

/* Appends the decimal digits of v as the verdict writes line numbers and offsets (what
 * "%lu" gives). Returns 0, or -1 when the buffer's limit is reached. */
int nt_json_ulong(nt_buf *b, unsigned long v);

/* Appends v as printf's "%.2f" writes it (the sentences' scores). Returns 0, or -1 at the
 * limit. */
int nt_json_pct2(nt_buf *b, double v);

/* Appends s[0..n) quoted as netra_json_quote() quotes it, as the verdict writer does (its
 * copying paths for strings with nothing to escape). Returns 0, or -1 at the limit. */
int nt_json_quote_buf(nt_buf *b, const char *s, size_t n);

/* Tests: with on, the worker takes no shortcut for an item naming nobody (nt_detect_prepare()
 * reads its cues and numbers, netra_detect() goes the whole way, netra_verdict_json()
 * writes the act, the tail and the sentences in general), so that both ways can be
 * compared. */
struct netra_detect_worker;
void nt_detect_set_general(struct netra_detect_worker *w, int on);

/* Weights: feature hash -> float[NT_NCLASS]. */
typedef struct nt_model {
    uint64_t *keys; /* 0 = empty */
    float *w;       /* cap * NT_NCLASS */
    size_t cap;     /* power of two */
    size_t n;       /* features */
} nt_model;

void nt_model_init(nt_model *m);
void nt_model_free(nt_model *m);
/* Weights of a feature, NULL when absent. */
const float *nt_model_get(const nt_model *m, uint64_t h);
/* Weights of a feature, created zero when absent (NULL on OOM). */
float *nt_model_slot(nt_model *m, uint64_t h);
/* Loads model.tsv (feature, none, support, oppose, mention). */
int nt_model_load(nt_model *m, const char *path);

/* Hooks of detect.c for training and evaluation. */
int nt_detect_prepare(netra_detect_worker *w, const netra_item *item);
size_t nt_detect_candidates(const netra_detect_worker *w, uint32_t *cands, size_t max);
size_t nt_detect_features(netra_detect_worker *w, const netra_item *item, uint32_t ct_i,
                          nt_feat *out, size_t max);
const netra_election_info *nt_detect_ct(const netra_detector *d, uint32_t ct_i,
                                        const netra_contestant **c_out);
/* The election loaded under an id, or NULL. */
const netra_election_info *nt_detect_election(const netra_detector *d, const char *id, size_t len);

#endif
