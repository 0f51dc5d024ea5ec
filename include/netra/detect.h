/*
 * detect.h - the detector: does a social-media item show a civil servant (ASN) supporting a
 * contestant, which form of violation would it be, and why.
 *
 * A netra_detector is compiled once from election files, the cue lexicon
 * (data/detect/cues.tsv), the linear model (data/detect/model.tsv), the law data and an
 * optional ASN registry; it is immutable and shared by threads. Each thread decides items
 * through its own netra_detect_worker. How decisions are made: docs/internals/detect.md.
 */
#ifndef NETRA_DETECT_H
#define NETRA_DETECT_H

#include <stdint.h>
#include "netra/common.h"
#include "netra/law.h"
#include "netra/election.h"
#include "netra/item.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct netra_detector netra_detector;
typedef struct netra_detect_worker netra_detect_worker;
typedef struct netra_registry netra_registry;

/** What a reference to a contestant was. */
typedef enum netra_ref_kind {
    NETRA_REF_NAME = 1, /* a full name */
    NETRA_REF_ALIAS,    /* a nickname or short form */
    NETRA_REF_HASHTAG,  /* one of its hashtags */
    NETRA_REF_SLOGAN,   /* one of its slogans */
    NETRA_REF_PARTY,    /* one of its parties */
    NETRA_REF_ACCOUNT,  /* its campaign account (mentioned, or the target acted on) */
    NETRA_REF_NUMBER,   /* its ballot number (no 2, 02, 2️⃣, dua jari) */
    NETRA_REF_GESTURE,  /* its hand sign */
    NETRA_REF_COUNT_
} netra_ref_kind;

/** Where in the item a span lies. */
typedef enum netra_field {
    NETRA_FIELD_TEXT = 0,      /* item text */
    NETRA_FIELD_TARGET,        /* target.text */
    NETRA_FIELD_TARGET_AUTHOR, /* target.author */
    NETRA_FIELD_BIO,           /* author.bio */
    NETRA_FIELD_NAME,          /* author.name */
    NETRA_FIELD_HANDLE,        /* author.handle */
    NETRA_FIELD_COUNT_
} netra_field;

/** A piece of evidence: bytes [start, end) of a field of the original item. */
typedef struct netra_span {
    netra_field field; /* which field */
    uint32_t start;    /* first byte */
    uint32_t end;      /* one past the last byte */
    const char *what;  /* what it is: a ref kind ("alias"), a cue class ("campaign_verb") */
} netra_span;

/** A feature that fired, with its weight towards the stance given. */
typedef struct netra_feature {
    const char *name; /* "cue:campaign_verb", "ref:hashtag", "act:like+target_ref" */
    double weight;    /* its weight for the stance chosen */
} netra_feature;

/** Rules applied on top of the model (bits of netra_contestant_verdict.rules). */
#define NETRA_RULE_BARE_NAME 0x1u /* support without any context became a mention */
#define NETRA_RULE_NEGATED   0x2u /* a negated campaign verb turned support into opposition */
#define NETRA_RULE_REPORTING 0x4u /* reporting or a question capped the support score */

/** The decision for one contestant the item refers to. */
typedef struct netra_contestant_verdict {
    const netra_election_info *election; /* its election */
    const netra_contestant *contestant;  /* the contestant */
    netra_stance stance;                 /* support, oppose or mention */
    double score;                        /* probability of that stance, in [0,1] */
    double p_support;                    /* probability of support */
    const netra_span *evidence;          /* references and cues */
    size_t n_evidence;                   /* how many */
    const netra_feature *features;       /* features that fired, strongest first */
    size_t n_features;                   /* how many */
    unsigned rules;                      /* NETRA_RULE_* applied */
} netra_contestant_verdict;

/** Where the civil-servant attribution came from. */
typedef enum netra_asn_source {
    NETRA_ASN_NONE = 0, /* no evidence */
    NETRA_ASN_REGISTRY, /* the registry knows the handle */
    NETRA_ASN_PROFILE   /* cues in the profile */
} netra_asn_source;

/** One registry entry (netra_registry_load()). */
typedef struct netra_registry_entry {
    const char *nip;            /* NIP or NI PPPK */
    const char *name;           /* name */
    const char *agency;         /* instansi */
    const char *position_class; /* jpt, administrator, pengawas, pelaksana, fungsional... */
    const char *region;         /* Kemendagri code, "" when not given */
    const char *employee_type;  /* "pns" or "pppk", from the identifier */
} netra_registry_entry;

/** The attribution of the author. */
typedef struct netra_asn_verdict {
    netra_asn_source source;           /* registry, profile or none */
    double score;                      /* likelihood the author is an ASN, [0,1] */
    int likely;                        /* score >= the threshold */
    const netra_registry_entry *entry; /* registry match, or NULL */
    const char *employee_type;         /* "pns" or "pppk" as inferred */
    const netra_span *reasons;         /* cues found in profile fields */
    const double *reason_weights;      /* weight of each cue */
    size_t n_reasons;                  /* how many */
    int assessed;                      /* 0 when the item refers to no contestant and the
                                          detector attributes only such items (default) */
} netra_asn_verdict;

/** The verdict on one item. Everything is borrowed from the worker until its next call. */
typedef struct netra_verdict {
    int flagged;                                 /* likely ASN supporting a contestant */
    const netra_contestant_verdict *contestants; /* every contestant referred to */
    size_t n_contestants;                        /* how many */
    const netra_contestant_verdict *top;         /* strongest support, or NULL */
    netra_asn_verdict asn;                       /* who the author is */
    int has_form;                                /* whether `form` is set (top != NULL) */
    const char *law_act;                         /* act of data/law/acts.tsv used */
    netra_classification form;                   /* form of violation and sanction level */
    const char *sentence_id;                     /* one Indonesian sentence for a reviewer */
    const char *sentence_en;                     /* the same in English */
} netra_verdict;

/** Options of netra_detector_new(). Zero/NULL fields take the defaults. */
typedef struct netra_detect_options {
    int version;              /* NETRA_DETECT_OPTIONS_VERSION */
    const char *cues_path;    /* NULL: <data dir>/detect/cues.tsv */
    const char *model_path;   /* NULL: <data dir>/detect/model.tsv; "" for no model */
    const char *text_dir;     /* NULL: <data dir>/text */
    double support_threshold; /* 0: 0.5 */
    double asn_threshold;     /* 0: 0.5 */
    int attribute_all;        /* attribute every author, even of items that refer to no
                                 contestant (by default those are not assessed: it saves
                                 normalising three profile fields per item) */
} netra_detect_options;
#define NETRA_DETECT_OPTIONS_VERSION 1

/**
 * Compiles a detector. The law, the election files and the registry are borrowed and must
 * outlive it.
 *
 * @param elections the election files to watch (at least one)
 * @param registry an ASN registry, or NULL
 * @return NETRA_OK; NETRA_EDATA naming the file and line of a bad cue or model entry;
 *         NETRA_EIO; NETRA_ENOMEM; NETRA_EINVAL
 */
NETRA_API int netra_detector_new(netra_detector **out, const netra_law *law,
                                 const netra_election_file *const *elections, size_t n_elections,
                                 const netra_registry *registry, const netra_detect_options *opts);

/** Frees a detector; NULL is allowed. Its workers must be freed first. */
NETRA_API void netra_detector_free(netra_detector *det);

/** Statistics of a compiled detector. */
typedef struct netra_detector_stats {
    size_t n_contestants; /* contestants over all elections */
    size_t n_phrases;     /* phrases in the matcher (names, aliases, hashtags...) */
    size_t matcher_bytes; /* memory of the phrase matcher */
    size_t n_weights;     /* non-zero model features */
    size_t n_ambiguous;   /* one-word names of legislative candidates, not matched */
} netra_detector_stats;

NETRA_API void netra_detector_stats_get(const netra_detector *det, netra_detector_stats *out);

/** A worker: normalisers, scratch memory, output buffer. One per thread. */
NETRA_API int netra_detect_worker_new(netra_detect_worker **out, const netra_detector *det);
NETRA_API void netra_detect_worker_free(netra_detect_worker *w);

/**
 * Decides one item.
 *
 * @param[out] out the verdict, valid until the worker's next call
 * @return NETRA_OK; NETRA_ETOOBIG when the item exceeds a limit of the normaliser; NETRA_ENOMEM
 */
NETRA_API int netra_detect(netra_verdict *out, netra_detect_worker *w, const netra_item *item);

/**
 * Writes a verdict as one line of JSON (docs/data/verdicts.md) without the newline.
 * `line` is the input line number (0 to leave it out).
 *
 * @param[out] json the text, borrowed from the worker until its next call
 * @return NETRA_OK, NETRA_ENOMEM
 */
NETRA_API int netra_verdict_json(const char **json, size_t *len, netra_detect_worker *w,
                                 const netra_item *item, const netra_verdict *v,
                                 unsigned long line);

/**
 * Writes the error verdict of a line that could not be read: `{"line":N,"error":{...}}`,
 * with the message of netra_error_last() and the field it names.
 */
NETRA_API int netra_verdict_error_json(const char **json, size_t *len, netra_detect_worker *w,
                                       unsigned long line, int code, const char *message);

/* ---- ASN registry ---------------------------------------------------------------------- */

/**
 * Loads an ASN registry (CSV with header: nip, name, agency, position_class, region,
 * handles; handles separated by ';' without '@'). Every NIP / NI PPPK is checked; a
 * handle may belong to one person only.
 *
 * @return NETRA_OK; NETRA_EDATA naming file:line and the field; NETRA_EIO; NETRA_ENOMEM
 */
NETRA_API int netra_registry_load(netra_registry **out, const char *path);
NETRA_API void netra_registry_free(netra_registry *reg);
NETRA_API size_t netra_registry_size(const netra_registry *reg);
/** The entry a handle belongs to (case-insensitive, without '@'), or NULL. */
NETRA_API const netra_registry_entry *netra_registry_find(const netra_registry *reg,
                                                          const char *handle, size_t len);

/* ---- training and evaluation ----------------------------------------------------------- */

/** Counts of an evaluation (netra_detector_eval()). Classes are netra_stance values. */
typedef struct netra_eval {
    size_t items;                                               /* items read */
    size_t pairs;                                               /* (item, contestant) decisions */
    size_t confusion[NETRA_STANCE_COUNT_][NETRA_STANCE_COUNT_]; /* [gold][predicted] */
    size_t asn_tp, asn_fp, asn_fn, asn_tn;                      /* attribution */
    size_t flag_tp, flag_fp, flag_fn;                           /* flagged vs gold ASN support */
} netra_eval;

/** Per-contestant support counts of an evaluation. */
typedef struct netra_eval_contestant {
    const netra_election_info *election;
    const netra_contestant *contestant;
    size_t tp, fp, fn;
} netra_eval_contestant;

/**
 * Evaluates the detector on a labelled JSONL file.
 *
 * @param per an array of `max_per` entries for per-contestant support counts (may be NULL)
 * @param n_per entries used
 * @return NETRA_OK; NETRA_EINVAL naming file:line of a bad line or unknown election or
 *         contestant; NETRA_EIO; NETRA_ENOMEM
 */
NETRA_API int netra_detector_eval(netra_eval *out, netra_eval_contestant *per, size_t max_per,
                                  size_t *n_per, const netra_detector *det, const char *path);

/** Robustness to disguises (netra_detector_eval_disguise()). */
#define NETRA_DISGUISE_KINDS 5
typedef struct netra_robustness {
    size_t items;                                 /* items read */
    size_t trials;                                /* disguised copies decided */
    size_t unchanged;                             /* copies whose verdict did not change */
    size_t per_kind[NETRA_DISGUISE_KINDS];        /* copies per kind */
    size_t unchanged_kind[NETRA_DISGUISE_KINDS];  /* unchanged per kind */
    const char *kind_names[NETRA_DISGUISE_KINDS]; /* "styled", "leet", "spaced"... */
} netra_robustness;

/**
 * Decides every item of a labelled file as written and once per kind of disguise (styled
 * letters, leetspeak, a word spaced apart, elongation, zero-width characters) applied to its
 * text and target text, and counts the copies whose verdict is unchanged: the same stance
 * for every contestant of the label's election, and the same flag.
 */
NETRA_API int netra_detector_eval_disguise(netra_robustness *out, const netra_detector *det,
                                           const char *path);

/** Options of netra_detector_train(). */
typedef struct netra_train_options {
    int version;   /* NETRA_TRAIN_OPTIONS_VERSION */
    int epochs;    /* 0: 30 */
    double rate;   /* 0: 0.1 */
    double l2;     /* 0: 1e-4 */
    unsigned seed; /* shuffling seed; 0: 1 */
} netra_train_options;
#define NETRA_TRAIN_OPTIONS_VERSION 1

/**
 * Trains the linear model on labelled JSONL files and writes it as TSV to `out_path`
 * (feature name and one weight per stance). The detector's own model is ignored while
 * training. Deterministic for a given seed.
 *
 * @return NETRA_OK; errors as netra_detector_eval()
 */
NETRA_API int netra_detector_train(const netra_detector *det, const char *const *paths,
                                   size_t n_paths, const char *out_path,
                                   const netra_train_options *opts);

/** Name of a reference kind ("name", "alias", ...). */
NETRA_API const char *netra_ref_kind_name(netra_ref_kind kind);
/** Name of a field ("text", "target.text", "author.bio", ...). */
NETRA_API const char *netra_field_name(netra_field field);

#ifdef __cplusplus
}
#endif

#endif
