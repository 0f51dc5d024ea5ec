/*
 * law.h - the law as data: the 20 forms of violation of the 2022 joint decree (SKB 5 K/L),
 * their sanction levels and concrete sanctions, the rule that classifies an act as a
 * code-of-ethics breach (KE) or a discipline breach (D) by its date, the elections with
 * their stages and designation dates, and the agency that receives cases at a date.
 *
 * Everything comes from the TSV tables of data/law/ (docs/law/README.md), each row citing
 * its legal basis; the loader validates them within and across files. A loaded
 * netra_law is immutable and may be shared between threads. Strings and records returned
 * by these functions are borrowed from it.
 */
#ifndef NETRA_LAW_H
#define NETRA_LAW_H

#include "netra/common.h"
#include "netra/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** All law tables, loaded. */
typedef struct netra_law netra_law;

/** Sanction levels (domain.md "What the software must encode"). */
typedef enum netra_level {
    NETRA_LEVEL_NONE = 0,       /* not a level; used for "no override" */
    NETRA_LEVEL_MORAL_TERTUTUP, /* sanksi moral, pernyataan secara tertutup */
    NETRA_LEVEL_MORAL_TERBUKA,  /* sanksi moral, pernyataan secara terbuka */
    NETRA_LEVEL_RINGAN,         /* hukuman disiplin ringan */
    NETRA_LEVEL_SEDANG,         /* hukuman disiplin sedang */
    NETRA_LEVEL_BERAT,          /* hukuman disiplin berat */
    NETRA_LEVEL_PTDH,           /* pemberhentian tidak dengan hormat */
    NETRA_LEVEL_SATGAS          /* decided case by case by the Satgas (D-13) */
} netra_level;
#define NETRA_LEVEL_COUNT 8

/** Kind of a form of violation. */
typedef enum netra_form_kind {
    NETRA_FORM_KODE_ETIK = 1, /* code of ethics (KE-x), moral sanction */
    NETRA_FORM_DISIPLIN       /* discipline (D-x) */
} netra_form_kind;

/** Whom the act concerns. */
typedef enum netra_form_object {
    NETRA_OBJECT_BAKAL_CALON = 1, /* prospective candidate, before designation */
    NETRA_OBJECT_CALON,           /* designated candidate */
    NETRA_OBJECT_ANY              /* either (party membership) */
} netra_form_object;

/** Election phases: the non-overlapping stages used to date acts and weight risk. */
typedef enum netra_phase {
    NETRA_PHASE_NONE = 0,
    NETRA_PHASE_PRA_TAHAPAN,        /* before the tahapan start */
    NETRA_PHASE_PENCALONAN,         /* candidacy: bakal calon exist, none designated */
    NETRA_PHASE_PASCA_PENETAPAN,    /* candidates designated, campaign not started */
    NETRA_PHASE_KAMPANYE,           /* campaign period */
    NETRA_PHASE_MASA_TENANG,        /* cooling-off days */
    NETRA_PHASE_PEMUNGUTAN,         /* voting day */
    NETRA_PHASE_PENGHITUNGAN_REKAP, /* counting and recapitulation */
    NETRA_PHASE_PASCA_PEMILIHAN     /* after the result, until the end of the tahapan */
} netra_phase;
#define NETRA_PHASE_COUNT 9

/** A sanction level as described by levels.tsv. */
typedef struct netra_level_info {
    netra_level level;    /* the level */
    const char *id;       /* "berat" */
    const char *kind;     /* "moral", "disiplin", "ptdh" or "satgas" */
    int rank;             /* severity order; 0 for satgas */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    const char *basis;    /* legal basis */
} netra_level_info;

/** One form of violation (forms.tsv). */
typedef struct netra_form {
    const char *id;             /* "KE-4", "D-6" */
    netra_form_kind kind;       /* ethics or discipline */
    netra_form_object object;   /* bakal calon, calon, or any */
    netra_level level;          /* level in force (D-8 follows netra_law_options) */
    netra_level level_in_data;  /* level as written in forms.tsv */
    const char *const *acts;    /* the acts it covers (acts.tsv ids) */
    size_t n_acts;              /* entries in acts */
    const char *stat_category;  /* statistics category id (categories.tsv) */
    const char *label_id;       /* Indonesian text of the form */
    const char *label_en;       /* English text */
    const char *basis;          /* legal basis of the form */
    const char *sanction_basis; /* legal basis of its sanction */
    const char *note;           /* remarks, "" when none */
} netra_form;

/** One concrete sanction option (sanctions.tsv). */
typedef struct netra_sanction {
    netra_level level;         /* level it belongs to */
    const char *employee_type; /* "pns", "pppk" or "any" */
    const char *code;          /* "tukin_25_6" */
    const char *label_id;      /* Indonesian label */
    const char *label_en;      /* English label */
    const char *basis;         /* legal basis */
    netra_date valid_from;     /* first day in force, when has_from */
    netra_date valid_to;       /* last day in force, when has_to */
    int has_from;              /* whether valid_from bounds it */
    int has_to;                /* whether valid_to bounds it */
} netra_sanction;

/** An act of the vocabulary (acts.tsv) with its classification rule (rules.tsv). */
typedef struct netra_act {
    const char *id;           /* "like" */
    const char *label_id;     /* Indonesian label */
    const char *label_en;     /* English label */
    const netra_form *before; /* form when done before the designation date */
    const netra_form *after;  /* form when done on or after it */
    const char *rule_basis;   /* basis of the rule */
    const char *rule_note;    /* remark on the rule, "" when none */
} netra_act;

/** A statistics category of national reports (categories.tsv). */
typedef struct netra_category {
    const char *id;       /* "media_sosial" */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
    const char *source;   /* where the category and its shares come from */
} netra_category;

/** An election (elections.tsv). */
typedef struct netra_election {
    const char *id;             /* "pemilu-2024" */
    const char *kind;           /* "pemilu" or "pilkada" */
    const char *name_id;        /* Indonesian name */
    const char *name_en;        /* English name */
    netra_date voting_date;     /* hari pemungutan suara */
    const char *default_office; /* office whose designation date applies by default */
    const char *basis;          /* the KPU regulation of its stages */
} netra_election;

/** The designation (penetapan) date of candidates for one office (designations.tsv). */
typedef struct netra_designation {
    const netra_election *election; /* the election */
    const char *office;             /* "presiden", "dpr", "gubernur", ... */
    netra_date date;                /* the day candidates become calon */
    const char *label_id;           /* Indonesian description */
    const char *basis;              /* legal basis */
    const char *source;             /* source of the date */
} netra_designation;

/** A dated stage (stages.tsv): a phase (non-overlapping) or an event (may overlap). */
typedef struct netra_stage {
    const netra_election *election; /* the election */
    int is_phase;                   /* 1 for a phase, 0 for an event */
    netra_phase phase;              /* the phase, when is_phase */
    const char *id;                 /* stage id ("kampanye", "penetapan_paslon") */
    netra_date start;               /* first day, when has_start */
    netra_date end;                 /* last day */
    int has_start;                  /* 0 when open towards the past */
    const char *label_id;           /* Indonesian label */
    const char *label_en;           /* English label */
    const char *basis;              /* legal basis */
    const char *source;             /* source */
} netra_stage;

/** The agency that examines ASN cases after Bawaslu, for a period (agencies.tsv). */
typedef struct netra_agency {
    const char *id;       /* "kasn", "bkn" */
    netra_date from;      /* first day, when has_from */
    netra_date to;        /* last day, when has_to */
    int has_from;         /* 0 when open towards the past */
    int has_to;           /* 0 when still in force */
    const char *label_id; /* Indonesian name */
    const char *label_en; /* English name */
    const char *basis;    /* legal basis */
    const char *source;   /* source */
} netra_agency;

/** Loading options. */
typedef struct netra_law_options {
    int version;          /* NETRA_LAW_OPTIONS_VERSION */
    netra_level d8_level; /* level of D-8; NETRA_LEVEL_NONE keeps forms.tsv (berat) */
} netra_law_options;
#define NETRA_LAW_OPTIONS_VERSION 1
#define NETRA_LAW_OPTIONS_INIT                                                                     \
    {                                                                                              \
        NETRA_LAW_OPTIONS_VERSION, NETRA_LEVEL_NONE                                                \
    }

/**
 * Loads and validates the law tables of a directory.
 *
 * @param[out] out the tables, owned by the caller (netra_law_free())
 * @param dir the directory; NULL for `<netra_data_dir()>/law`
 * @param opts options; NULL for the defaults
 * @return NETRA_OK; NETRA_EDATA with `file:line: field 'x': reason` when a table is
 *         malformed or tables disagree; NETRA_EIO; NETRA_EINVAL for bad options;
 *         NETRA_ENOMEM.
 */
NETRA_API int netra_law_load(netra_law **out, const char *dir, const netra_law_options *opts);

/** Frees the tables; NULL is allowed. */
NETRA_API void netra_law_free(netra_law *law);

/** Parses a level id ("berat", "sedang", ...); NETRA_LEVEL_NONE when unknown. */
NETRA_API netra_level netra_level_from_id(const char *id);

/** The short id of a level ("berat"); "" for NETRA_LEVEL_NONE. Static string. */
NETRA_API const char *netra_level_id(netra_level level);

/** The description of a level from levels.tsv; NULL for NETRA_LEVEL_NONE. */
NETRA_API const netra_level_info *netra_law_level(const netra_law *law, netra_level level);

/** Id of a phase ("kampanye"); "" for NETRA_PHASE_NONE. Static string. */
NETRA_API const char *netra_phase_id(netra_phase phase);

/** Number of forms, and the i-th form in file order (NULL past the end). */
NETRA_API size_t netra_law_n_forms(const netra_law *law);
NETRA_API const netra_form *netra_law_form_at(const netra_law *law, size_t i);

/**
 * A form by id. Accepts the usual spellings: "D-6", "d6", "D 6", "ke-4", "KE4".
 *
 * @return the form or NULL (and NETRA_ENOTFOUND in netra_error_last()).
 */
NETRA_API const netra_form *netra_law_form(const netra_law *law, const char *id);

/** Number of acts, the i-th act, and an act by id (NULL when unknown). */
NETRA_API size_t netra_law_n_acts(const netra_law *law);
NETRA_API const netra_act *netra_law_act_at(const netra_law *law, size_t i);
NETRA_API const netra_act *netra_law_act(const netra_law *law, const char *id);

/** A statistics category by id, NULL when unknown. */
NETRA_API const netra_category *netra_law_category(const netra_law *law, const char *id);

/** Number of statistics categories, and category i in categories.tsv order (NULL past the
 *  end). */
NETRA_API size_t netra_law_n_categories(const netra_law *law);
NETRA_API const netra_category *netra_law_category_at(const netra_law *law, size_t i);

/**
 * The sanction options of a level for an employee type at a date.
 *
 * Moral levels return the options of both moral levels (the PPK chooses tertutup or
 * terbuka). Only rows in force at `date` are returned.
 *
 * @param[out] out array receiving borrowed pointers
 * @param max its capacity
 * @param[out] n_out options found (may exceed max: only max are stored)
 * @param employee_type "pns", "cpns" (treated as pns) or "pppk"
 * @return NETRA_OK, or NETRA_EINVAL for an unknown employee type.
 */
NETRA_API int netra_law_sanctions(const netra_sanction **out, size_t max, size_t *n_out,
                                  const netra_law *law, netra_level level,
                                  const char *employee_type, netra_date date);

/** Number of elections, the i-th, and one by id (NULL when unknown). */
NETRA_API size_t netra_law_n_elections(const netra_law *law);
NETRA_API const netra_election *netra_law_election_at(const netra_law *law, size_t i);
NETRA_API const netra_election *netra_law_election(const netra_law *law, const char *id);

/**
 * The designation date that splits ethics from discipline for an election and office.
 *
 * @param office NULL for the election's default office
 * @return the row, or NULL with NETRA_ENOTFOUND (the message lists the offices known).
 */
NETRA_API const netra_designation *
netra_law_designation(const netra_law *law, const netra_election *election, const char *office);

/**
 * The stages of an election, in file order: phases first by date, then events.
 *
 * @param[out] n_out number of stages
 * @return a borrowed array
 */
NETRA_API const netra_stage *netra_law_stages(size_t *n_out, const netra_law *law,
                                              const netra_election *election);

/**
 * The phase of an election at a date, and the events running that day.
 *
 * @param[out] phase_out the phase row; NULL when the date is after the last phase
 * @param[out] events_out receives up to `max` borrowed event rows (may be NULL if max 0)
 * @param[out] n_events_out events running that day (may exceed max)
 * @return NETRA_OK (also for a date after the last phase, with *phase_out NULL)
 */
NETRA_API int netra_law_stage_at(const netra_stage **phase_out, const netra_stage **events_out,
                                 size_t max, size_t *n_events_out, const netra_law *law,
                                 const netra_election *election, netra_date date);

/** The agency receiving ASN cases at a date; NULL when none is recorded for it. */
NETRA_API const netra_agency *netra_law_agency_at(const netra_law *law, netra_date date);

/** Number of agency periods and the i-th in date order. */
NETRA_API size_t netra_law_n_agencies(const netra_law *law);
NETRA_API const netra_agency *netra_law_agency_i(const netra_law *law, size_t i);

/** What netra_law_classify() is asked. */
typedef struct netra_classify_input {
    int version;               /* NETRA_CLASSIFY_INPUT_VERSION */
    const char *act;           /* act id of acts.tsv ("like") */
    netra_date date;           /* day of the act */
    const char *election;      /* election id ("pilkada-2024") */
    const char *office;        /* contested office; NULL for the election's default */
    const char *employee_type; /* "pns" (default when NULL), "cpns", "pppk" */
} netra_classify_input;
#define NETRA_CLASSIFY_INPUT_VERSION 1
#define NETRA_CLASSIFY_INPUT_INIT                                                                  \
    {                                                                                              \
        NETRA_CLASSIFY_INPUT_VERSION, NULL, 0, NULL, NULL, NULL                                    \
    }

#define NETRA_CLASSIFY_MAX_SANCTIONS 16
#define NETRA_CLASSIFY_MAX_STEPS     8
#define NETRA_CLASSIFY_STEP_LEN      320

/** The answer of netra_law_classify(): the form, the sanction options and why. */
typedef struct netra_classification {
    const netra_act *act;                 /* the act */
    const netra_form *form;               /* the form of violation */
    netra_level level;                    /* sanction level in force */
    const netra_election *election;       /* the election */
    const netra_designation *designation; /* the designation date used */
    int after_designation;                /* 1 when date >= designation date */
    const netra_stage *phase;             /* phase at the date, NULL after the last */
    const netra_agency *agency;           /* receiving agency at the date, or NULL */
    const char *employee_type;            /* "pns" or "pppk" as applied */
    const netra_sanction *sanctions[NETRA_CLASSIFY_MAX_SANCTIONS];    /* options */
    size_t n_sanctions;                                               /* entries used */
    size_t n_steps;                                                   /* reasoning steps */
    char steps_id[NETRA_CLASSIFY_MAX_STEPS][NETRA_CLASSIFY_STEP_LEN]; /* reasoning, id */
    char steps_en[NETRA_CLASSIFY_MAX_STEPS][NETRA_CLASSIFY_STEP_LEN]; /* reasoning, en */
} netra_classification;

/**
 * Classifies an act: before the designation date of the election's candidates it is a
 * code-of-ethics breach (KE, moral sanction), on or after it a discipline breach (D);
 * party membership (D-5) is PTDH at any time; tim pemenangan splits into D-9/D-10 by the
 * same date (SKB 5 K/L 2022 Lampiran II; rules.tsv).
 *
 * @param[out] out the classification; its pointers borrow from `law`
 * @return NETRA_OK; NETRA_EINVAL for an unknown act or employee type (the message lists
 *         the valid ones); NETRA_ENOTFOUND for an unknown election or office.
 */
NETRA_API int netra_law_classify(netra_classification *out, const netra_law *law,
                                 const netra_classify_input *in);

#ifdef __cplusplus
}
#endif

#endif
