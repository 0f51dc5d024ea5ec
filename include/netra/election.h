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

/** Limits on a file. */
#define NETRA_ELECTION_MAX_BYTES       (64u * 1024u * 1024u)
#define NETRA_ELECTION_MAX_CONTESTANTS 10000
#define NETRA_ELECTION_MAX_LIST        256
#define NETRA_ELECTION_MAX_STRING      200

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
