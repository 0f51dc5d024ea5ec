/*
 * election.h - election files: one election a detector watches, its contestants (pairs,
 * candidates, parties) and every way people write about them: names, aliases,
 * hashtags, slogans, parties, accounts, hand signs. Format: docs/data/election.md,
 * schema docs/schema/election.schema.json. A loaded file is immutable; its strings and
 * records are borrowed from it.
 */
#ifndef NETRA_ELECTION_H
#define NETRA_ELECTION_H

#include "netra/common.h"
#include "netra/date.h"
#include "netra/law.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded election file. */
typedef struct netra_election_file netra_election_file;

/** What is elected. */
typedef enum netra_election_kind {
    NETRA_ELECTION_PILPRES = 1,      /* president and vice-president */
    NETRA_ELECTION_PILEG,            /* legislative (DPR, DPD, DPRD) */
    NETRA_ELECTION_PILKADA_GUBERNUR, /* governor */
    NETRA_ELECTION_PILKADA_BUPATI,   /* regent */
    NETRA_ELECTION_PILKADA_WALIKOTA  /* mayor */
} netra_election_kind;

/** What a contestant is. */
typedef enum netra_contestant_kind {
    NETRA_CONTESTANT_PAIR = 1,  /* pasangan calon */
    NETRA_CONTESTANT_CANDIDATE, /* one candidate */
    NETRA_CONTESTANT_PARTY      /* a party */
} netra_contestant_kind;

/** Which body a legislative (pileg) candidate stands for. */
typedef enum netra_leg_level {
    NETRA_LEG_NONE = 0,     /* not a pileg candidate */
    NETRA_LEG_DPR,          /* "dpr": DPR RI, dapil code of 4 digits (1101) */
    NETRA_LEG_DPD,          /* "dpd": DPD RI, dapil = province code of 2 digits (11) */
    NETRA_LEG_DPRD_PROV,    /* "dprd_prov": DPRD provinsi, dapil code of 6 digits */
    NETRA_LEG_DPRD_KABKOTA, /* "dprd_kabkota": DPRD kabupaten/kota, dapil code of 6 digits */
    NETRA_LEG_COUNT         /* number of values, for tables */
} netra_leg_level;

/** A list of strings, borrowed. */
typedef struct netra_strlist {
    const char *const *items; /* the strings */
    size_t n;                 /* how many */
} netra_strlist;

/** One contestant. */
typedef struct netra_contestant {
    const char *id;             /* "01" */
    netra_contestant_kind kind; /* pair, candidate or party */
    int ballot_number;          /* nomor urut, 1..99 */
    netra_strlist names;        /* full names as on the ballot */
    netra_strlist aliases;      /* lowercase nicknames and short forms */
    netra_strlist hashtags;     /* without '#' */
    netra_strlist slogans;      /* lowercase slogans */
    netra_strlist parties;      /* lowercase party ids, or "independen" */
    netra_strlist accounts;     /* handles without '@' */
    netra_strlist gestures;     /* "index", "victory", "three" */
    const char *note;           /* remarks, "" when none */
    /* Appended for legislative files; NULL / NETRA_LEG_NONE in every other contestant. */
    const char *party;     /* pileg candidate: id of its party contestant; NULL for DPD */
    const char *dapil;     /* pileg candidate: electoral district code ("1101") */
    netra_leg_level level; /* pileg candidate: the body it stands for */
    /* "incumbent": the office the contestant (its first name) holds while running, for
     * conflicts of interest (an office of data/org/authorities.tsv); NULL when none. */
    const char *incumbent_office; /* "bupati" */
    const char *incumbent_region; /* its region code ("32.04"), "" for a national office */
} netra_contestant;

/** The election a file describes. */
typedef struct netra_election_info {
    const char *id;                      /* "pilpres-2024" */
    netra_election_kind kind;            /* what is elected */
    const char *name_id;                 /* Indonesian name */
    const char *name_en;                 /* English name */
    const char *law_election;            /* election id of data/law/elections.tsv */
    const char *office;                  /* office of data/law/designations.tsv */
    const char *region;                  /* Kemendagri code, NULL when national */
    netra_date voting_date;              /* hari pemungutan suara */
    netra_strlist sources;               /* where the facts come from */
    const netra_contestant *contestants; /* in file order */
    size_t n_contestants;                /* how many */
} netra_election_info;

/** Limits on a file. A pileg file holds the national Daftar Calon Tetap (258,229
 * candidates and 24 parties in 2024), hence its own contestant limit and the byte limit. */
#define NETRA_ELECTION_MAX_BYTES             (256u * 1024u * 1024u)
#define NETRA_ELECTION_MAX_CONTESTANTS       10000  /* pilpres and pilkada files */
#define NETRA_ELECTION_MAX_PILEG_CONTESTANTS 400000 /* pileg files: parties and candidates */
#define NETRA_ELECTION_MAX_LIST              256
#define NETRA_ELECTION_MAX_STRING            200

/**
 * Loads an election file.
 *
 * @param[out] out the file (netra_election_free())
 * @param path the JSON file
 * @return NETRA_OK; NETRA_EIO; NETRA_ETOOBIG past NETRA_ELECTION_MAX_BYTES; NETRA_EDATA
 *         naming the file and the JSON path (`contestants[1].aliases[3]: empty`) or the
 *         line and column of a syntax error; NETRA_ENOMEM
 */
NETRA_API int netra_election_load(netra_election_file **out, const char *path);

/**
 * Parses an election file from memory; `name` is used in messages.
 * Same returns as netra_election_load().
 */
NETRA_API int netra_election_parse(netra_election_file **out, const char *json, size_t len,
                                   const char *name);

/** Frees a file; NULL is allowed. */
NETRA_API void netra_election_free(netra_election_file *file);

/** The election of a file (borrowed). */
NETRA_API const netra_election_info *netra_election_get(const netra_election_file *file);

/** Name of an election kind ("pilpres", "pilkada_gubernur", ...). */
NETRA_API const char *netra_election_kind_name(netra_election_kind kind);

/** Name of a legislative level ("dpr", "dpd", "dprd_prov", "dprd_kabkota"); "?" otherwise. */
NETRA_API const char *netra_leg_level_name(netra_leg_level level);

/**
 * Parses a legislative level: the names of netra_leg_level_name() and the DCT's own
 * spellings ("dprdprov", "dprdkk").
 *
 * @return the level, or NETRA_LEG_NONE when `s` names none
 */
NETRA_API netra_leg_level netra_leg_level_parse(const char *s, size_t len);

/**
 * Whether `dapil` is a well-formed electoral district code for `level`: digits only, 4 for
 * DPR, 2 (the province) for DPD, 6 for DPRD provinsi and kabupaten/kota, starting with a
 * province code 11..99.
 */
NETRA_API int netra_leg_dapil_valid(netra_leg_level level, const char *dapil, size_t len);

/** Options of netra_election_import_dct(). */
typedef struct netra_dct_options {
    int version;              /* NETRA_DCT_OPTIONS_VERSION */
    const char *id;           /* election id of the file, lowercase [a-z0-9-] (required) */
    const char *name_id;      /* Indonesian name (required) */
    const char *name_en;      /* English name (required) */
    const char *law_election; /* election of data/law/elections.tsv (required) */
    const char *office;       /* office of data/law/designations.tsv (required) */
    netra_date voting_date;   /* hari pemungutan suara (required) */
    unsigned levels;          /* bit (1u << netra_leg_level) per level to import; 0: all */
    const char *parties_path; /* party table; NULL: <data dir>/elections/parties-2024.tsv */
    const char *source;       /* the file's sources entry; NULL: one naming the input */
    /* Called once per row that cannot be used (never silently dropped): the input path,
     * its line and the reason. May be NULL. */
    void (*reject)(const char *path, unsigned line, const char *reason, void *payload);
    /* Called every NETRA_DCT_PROGRESS_ROWS rows and once at the end. May be NULL. */
    void (*progress)(size_t rows, size_t bytes_done, size_t bytes_total, void *payload);
    void *payload; /* passed to reject and progress */
} netra_dct_options;

#define NETRA_DCT_OPTIONS_VERSION 1
#define NETRA_DCT_OPTIONS_INIT                                                                     \
    {                                                                                              \
        NETRA_DCT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL,     \
            NULL                                                                                   \
    }
#define NETRA_DCT_PROGRESS_ROWS 10000

/** What an import read and wrote. */
typedef struct netra_dct_stats {
    size_t rows;       /* data rows of the input */
    size_t candidates; /* candidates written */
    size_t parties;    /* party contestants written (the parties of those candidates) */
    size_t rejected;   /* rows reported through `reject` */
    size_t skipped;    /* rows of levels not asked for */
} netra_dct_stats;

/**
 * Builds a legislative (pileg) election file from a KPU candidate list (Daftar Calon Tetap)
 * in TSV with the columns level, dapil, party_number, party, number and name
 * (docs/data/election.md, "Importing the DCT").
 *
 * Each candidate gets the name as printed and lowercase aliases with titles and degrees
 * removed; each party with a candidate becomes a party contestant whose id comes from the
 * party table. Rows that cannot be used (bad level, dapil, party, number or name, a ballot
 * number used twice) are reported through opts->reject and counted; the file is written
 * from the others.
 *
 * @param[out] json_out the file, NUL-terminated (netra_election_text_free())
 * @param[out] len_out its length; may be NULL
 * @param[out] stats_out counts; may be NULL
 * @param path the TSV file
 * @param opts the election's fields and callbacks
 * Thread-safe: keeps no state between calls; the callbacks run on the calling thread.
 *
 * @return NETRA_OK (check stats_out->rejected); NETRA_EINVAL for bad options; NETRA_EIO;
 *         NETRA_EDATA for a bad header, a bad party table or no usable row; NETRA_ETOOBIG
 *         past the file limits; NETRA_ENOMEM
 */
NETRA_API int netra_election_import_dct(char **json_out, size_t *len_out,
                                        netra_dct_stats *stats_out, const char *path,
                                        const netra_dct_options *opts);

/** Frees text returned by netra_election_import_dct(); NULL is allowed. */
NETRA_API void netra_election_text_free(char *text);

/**
 * Checks the file against the law data: its law_election exists, its office has a
 * designation date there, and its voting date is that election's.
 *
 * @return NETRA_OK or NETRA_EDATA with the reason
 */
NETRA_API int netra_election_check_law(const netra_election_file *file, const netra_law *law);

#ifdef __cplusplus
}
#endif

#endif
