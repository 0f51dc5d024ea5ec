/*
 * store.h - the case store: cases, their reporters (encrypted), the accused ASN, acts,
 * evidence (content-addressed), legal clocks and the audit chain.
 *
 * One interface for every backend (docs/decisions/0006-store-interface.md); the SQLite
 * backend is built in. Every change goes through the workflow (netra/case.h): the store
 * applies a transition, starts, stops or extends clocks and appends one audit entry in the
 * same database transaction. Updates carry the version read; a stale one fails with
 * NETRA_ECONFLICT.
 */
#ifndef NETRA_STORE_H
#define NETRA_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "netra/common.h"
#include "netra/calendar.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/election.h"
#include "netra/law.h"
#include "netra/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An open store. One thread at a time. */
typedef struct netra_store netra_store;

/** The 32-byte secret key protecting reporter identities (libsodium crypto_secretbox). */
typedef struct netra_key {
    unsigned char bytes[32]; /* the key */
} netra_key;

/**
 * Reads a key: 64 hexadecimal digits from the NETRA_KEY environment variable when set,
 * else from the first line of `path`.
 *
 * @return NETRA_OK; NETRA_EINVAL when neither gives 64 hex digits; NETRA_EIO.
 */
NETRA_API int netra_key_load(netra_key *out, const char *path);

/** A key from 64 hexadecimal digits. NETRA_EINVAL otherwise. */
NETRA_API int netra_key_from_hex(netra_key *out, const char *hex);

/** A generated key as 64 hex digits and a NUL. */
NETRA_API int netra_key_generate(char hex[65]);

/** What a store needs besides its location. */
typedef struct netra_store_config {
    const netra_workflow *workflow; /* the state machine (required) */
    const netra_calendar *calendar; /* for working-day clocks (required) */
    const netra_key *key;           /* for reporters; NULL: reporters cannot be stored/read */
    const netra_law *law;           /* computes an act's stage and form; may be NULL */
} netra_store_config;

/**
 * Opens (creating when absent) a store. `location` is a file path or `sqlite:PATH`;
 * `postgresql://...` is reserved for the PostgreSQL backend (not built: NETRA_EINVAL).
 * Applies the migrations compiled into the library and refuses a database whose applied
 * migration has a different checksum.
 *
 * @return NETRA_OK; NETRA_ESTORAGE (with the database's message); NETRA_EINVAL; NETRA_ENOMEM.
 */
NETRA_API int netra_store_open(netra_store **out, const char *location,
                               const netra_store_config *config);

/** Closes a store; NULL is allowed. */
NETRA_API void netra_store_close(netra_store *st);

/**
 * Group commit: one write transaction in which several independent writes (each one
 * caller's request) run in their own savepoint, committed together with one sync of the
 * log. netrad's writer thread uses it so that many durable writes share one fsync.
 *
 *   netra_store_batch_begin(st);
 *   for each write: netra_store_batch_item_begin(st); ...netra_store_* writes...;
 *                   netra_store_batch_item_end(st, ok);   (ok = 0 undoes that write only)
 *   netra_store_batch_commit(st);                        (nothing is durable before it)
 *
 * Inside a batch the store's own transactions become savepoints, so a write that fails
 * half way leaves nothing behind and the others go on. Audit entries are appended in the
 * order the writes run; one that is undone leaves no gap in the chain. Not for
 * PostgreSQL-specific use: the same calls work on both backends.
 *
 * @return NETRA_OK; NETRA_ESTORAGE (busy, disk, ...); NETRA_ERROR when a batch or another
 *         transaction is already open (begin) or none is (the others).
 */
NETRA_API int netra_store_batch_begin(netra_store *st);
/** Starts one write of the batch (a savepoint). */
NETRA_API int netra_store_batch_item_begin(netra_store *st);
/** Ends the write started last: kept when `keep`, else undone. Returns NETRA_OK or the
 * error of releasing the savepoint (the write is then undone). */
NETRA_API int netra_store_batch_item_end(netra_store *st, int keep);
/** Commits the batch; on failure every write of it is rolled back and the error returned. */
NETRA_API int netra_store_batch_commit(netra_store *st);
/** Rolls the whole batch back (keeps the current error). */
NETRA_API void netra_store_batch_rollback(netra_store *st);

/**
 * One read snapshot for several reads (a GET request's queries): every read between
 * netra_store_read_begin and netra_store_read_end sees the same state of the store and
 * takes the database's read lock once. No write may run inside: do writes before or after.
 * NETRA_ERROR when a transaction is already open.
 */
NETRA_API int netra_store_read_begin(netra_store *st);
/** Ends the read snapshot; NULL or no snapshot open is allowed. */
NETRA_API void netra_store_read_end(netra_store *st);

/** The number of migrations the library knows and the schema version of the store. */
NETRA_API int netra_store_schema_version(const netra_store *st);

/** A named field given with an action. Arrays end with a NULL name. */
typedef struct netra_case_field {
    const char *name;  /* "uraian" */
    const char *value; /* UTF-8 text */
} netra_case_field;

/**
 * Fields whose value is the reporter's identity or contact: never stored in clear. The
 * store keeps them encrypted in the reporters table and records only the reporter id.
 */
#define NETRA_FIELD_REPORTER "pelapor"
#define NETRA_FIELD_CONTACT  "kontak_pelapor"

/** Who does something, and when (the case's working date). */
typedef struct netra_actor {
    const char *name; /* the account ("analis.jabar") */
    const char *role; /* a role of roles.tsv */
    netra_date today; /* the date the action counts from */
} netra_actor;

/** A case as read (strings copied into the struct). */
typedef struct netra_case {
    int64_t id;         /* case number */
    int64_t version;    /* for optimistic locking */
    char kind[24];      /* laporan, temuan, informasi_awal */
    char regime[16];    /* pemilu, pilkada */
    char election[48];  /* election id ("pilkada-2024"), may be empty */
    char state[40];     /* a state of states.tsv */
    char region[16];    /* Kemendagri region code, may be empty */
    char holder[40];    /* the role holding the case */
    char title[160];    /* short description */
    netra_date opened;  /* date opened */
    netra_date updated; /* date of the last action */
    int demo;           /* 1 for demo data (netra demo seed) */
} netra_case;

/** What a new case needs besides the action's fields. */
typedef struct netra_case_new {
    const char *action;   /* a creating action: terima_laporan, tetapkan_temuan, ... */
    const char *regime;   /* pemilu or pilkada */
    const char *election; /* election id or NULL */
    const char *region;   /* region code or NULL */
    const char *title;    /* short description (required) */
    int demo;             /* 1 to label it demo data */
} netra_case_new;

/**
 * Opens a case by a creating action (from no state), checked by the workflow.
 *
 * @param[out] id_out the new case id
 * @return NETRA_OK; the workflow's NETRA_ESTATE / NETRA_EPERM / NETRA_EINVAL; NETRA_EINVAL
 *         when the action carries a reporter and the store has no key; NETRA_ESTORAGE.
 */
NETRA_API int netra_store_case_new(int64_t *id_out, netra_store *st, const netra_case_new *c,
                                   const netra_case_field *fields, const netra_actor *actor);

/**
 * Takes an action on a case. `version` is the version the caller read.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND; NETRA_ECONFLICT when the case changed since `version`;
 *         the workflow's NETRA_ESTATE (naming the state and the allowed actions), NETRA_EPERM
 *         or NETRA_EINVAL; NETRA_ESTORAGE.
 */
NETRA_API int netra_store_case_act(netra_store *st, int64_t id, int64_t version, const char *action,
                                   const netra_case_field *fields, const netra_actor *actor);

/** Reads a case. NETRA_ENOTFOUND when absent. */
NETRA_API int netra_store_case_get(netra_case *out, netra_store *st, int64_t id);

/** A filter for netra_store_case_list; NULL or empty members match everything. */
typedef struct netra_case_filter {
    const char *state;  /* exact state */
    const char *region; /* region code prefix ("32" = Jawa Barat) */
    const char *kind;   /* exact kind */
    int overdue_only;   /* only cases with a running clock past its deadline on `today` */
    netra_date today;   /* for overdue_only */
    size_t limit;       /* 0 = no limit */
} netra_case_filter;

/** Calls `fn` for each matching case by id; a negative return from `fn` stops the walk. */
NETRA_API int netra_store_case_list(netra_store *st, const netra_case_filter *filter,
                                    int (*fn)(const netra_case *c, void *payload), void *payload);

/** The value of one field of a case ("" when absent), copied into `buf`. */
NETRA_API int netra_store_case_field(char *buf, size_t size, netra_store *st, int64_t id,
                                     const char *name);

/** A clock of a case. */
typedef struct netra_case_clock {
    char clock[32];      /* a clock of clocks.tsv */
    netra_date started;  /* start date */
    netra_date deadline; /* deadline in force */
    int extended;        /* 1 once extended */
    int running;         /* 0 once stopped */
    netra_date stopped;  /* stop date when not running */
    char basis[200];     /* the legal basis of the rule */
} netra_case_clock;

/** Calls `fn` for each clock of a case, oldest first. */
NETRA_API int netra_store_case_clocks(netra_store *st, int64_t id,
                                      int (*fn)(const netra_case_clock *c, void *payload),
                                      void *payload);

/** A timeline entry of a case: one audit entry. */
typedef struct netra_case_event {
    int64_t seq;        /* audit sequence number */
    const char *at;     /* UTC time, ISO 8601 */
    const char *actor;  /* account */
    const char *action; /* action id */
    const char *before; /* JSON */
    const char *after;  /* JSON */
    int64_t case_id;    /* the case the entry is about: this one, or one merged into it */
} netra_case_event;

/**
 * Calls `fn` for each audit entry about a case, in order, including the entries of the cases
 * merged into it (netra_store_case_merge; `case_id` tells them apart). Strings valid during
 * the call.
 */
NETRA_API int netra_store_case_timeline(netra_store *st, int64_t id,
                                        int (*fn)(const netra_case_event *e, void *payload),
                                        void *payload);

/* ---- reporters -------------------------------------------------------------------------- */

/**
 * The reporter of a case, decrypted, for a role with reporter_access (roles.tsv). Needs the
 * key.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND when the case has no reporter; NETRA_EPERM without the
 *         key or for a role without access; NETRA_EDATA when decryption fails (wrong key or
 *         altered ciphertext).
 */
NETRA_API int netra_store_reporter_get(char *identity, size_t identity_size, char *contact,
                                       size_t contact_size, netra_store *st, int64_t case_id,
                                       const char *role);

/**
 * The reporter of a case like netra_store_reporter_get(), for `actor`'s role, with the
 * decryption written to the audit chain first (action `baca_pelapor`, entity `reporter`,
 * the actor's name and role): no identity leaves the store without its record. Nothing is
 * decrypted when the record cannot be written.
 *
 * @return as netra_store_reporter_get(); NETRA_ESTORAGE when the audit entry fails.
 */
NETRA_API int netra_store_reporter_get_audited(char *identity, size_t identity_size, char *contact,
                                               size_t contact_size, netra_store *st,
                                               int64_t case_id, const netra_actor *actor);

/**
 * Calls `fn` with each distinct agency of the accused of a case (for the agency scope of
 * PPK and agency HR offices); a negative return from `fn` stops the walk.
 */
NETRA_API int netra_store_case_agencies(netra_store *st, int64_t case_id,
                                        int (*fn)(const char *agency, void *payload),
                                        void *payload);

/* ---- the accused ASN, acts, evidence ----------------------------------------------------- */

/** An accused civil servant. */
typedef struct netra_asn {
    const char *nip;           /* NIP or NI PPPK (checked by netra/ident.h when given) */
    const char *name;          /* name */
    const char *employee_type; /* pns, pppk, ... */
    const char *agency;        /* instansi */
    const char
        *position_class;  /* jpt, administrator, pengawas, pelaksana, fungsional, camat_lurah */
    const char *region;   /* region code */
    const char *ppk;      /* the PPK */
    const char *accounts; /* known social-media accounts, comma-separated */
} netra_asn;

/**
 * Sets the kind of agency (data/org/ppk.tsv: kementerian, lembaga, kesekretariatan, pemprov,
 * pemkab, pemkot) of an accused by NIP, when the agency's name does not tell it (the PPK is
 * then resolved from the kind), and recomputes the conflicts of the accused's cases. ""
 * clears it. One audit entry.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND (no such accused); NETRA_EINVAL (an unknown kind);
 *         NETRA_ESTORAGE.
 */
NETRA_API int netra_store_asn_set_agency_kind(netra_store *st, const char *nip, const char *kind,
                                              const netra_actor *actor);

/** Links an accused ASN to a case, creating or updating the ASN by NIP. */
NETRA_API int netra_store_case_add_asn(int64_t *asn_id_out, netra_store *st, int64_t case_id,
                                       const netra_asn *asn, const netra_actor *actor);

/** Number of cases an ASN (by NIP) is accused in: the repeat history. */
NETRA_API int netra_store_asn_case_count(int *out, netra_store *st, const char *nip);

/** An act of a case. */
typedef struct netra_case_act {
    const char *type;       /* act id of data/law/acts.tsv */
    netra_date date;        /* when */
    const char *region;     /* where (region code) */
    const char *platform;   /* facebook, instagram, ... */
    const char *url;        /* URL */
    const char *contestant; /* target contestant */
    const char *election;   /* election id */
    const char *stage;      /* computed stage (law module), may be NULL */
    const char *form;       /* computed form (law module), may be NULL */
} netra_case_act;

/**
 * Records an act on a case. When the store has the law tables and the act names an election,
 * a NULL stage and form are computed (netra_law_classify: the phase at the date, the form by
 * the designation date); an act or election the law does not know is NETRA_EINVAL.
 */
NETRA_API int netra_store_case_add_act(int64_t *act_id_out, netra_store *st, int64_t case_id,
                                       const netra_case_act *act, const netra_actor *actor);

/**
 * Stores a piece of evidence: the content is kept once by its SHA-256 (deduplicated) and a
 * custody entry "captured" is written.
 *
 * @param[out] sha256_hex the content's SHA-256 in hex (65 bytes with the NUL)
 */
NETRA_API int netra_store_evidence_add(int64_t *evidence_id_out, char sha256_hex[65],
                                       netra_store *st, int64_t case_id, const char *kind,
                                       const char *media_type, const void *content, size_t len,
                                       const char *url, const netra_actor *actor);

/** Appends a chain-of-custody entry to a piece of evidence. */
NETRA_API int netra_store_evidence_custody(netra_store *st, int64_t evidence_id, const char *action,
                                           const char *note, const netra_actor *actor);

/** An act as read back (strings copied). */
typedef struct netra_case_act_row {
    int64_t id;        /* act id */
    char type[32];     /* act type */
    netra_date date;   /* when */
    char region[16];   /* region code */
    char platform[32]; /* platform */
    char url[256];     /* URL */
    char election[48]; /* election id */
    char stage[40];    /* stage (phase id) */
    char form[8];      /* form (KE-n, D-n) */
} netra_case_act_row;

/** Calls `fn` for each act of a case. */
NETRA_API int netra_store_case_acts(netra_store *st, int64_t case_id,
                                    int (*fn)(const netra_case_act_row *a, void *payload),
                                    void *payload);

/** The accused of a case: NIP, name, agency, and their number of cases (repeat history). */
typedef struct netra_case_asn_row {
    char nip[24];      /* NIP or NI PPPK */
    char name[96];     /* name */
    char agency[96];   /* agency */
    char position[32]; /* position class */
    char ppk[96];      /* the PPK */
    int n_cases;       /* cases this person is accused in */
} netra_case_asn_row;

/** Calls `fn` for each accused ASN of a case. */
NETRA_API int netra_store_case_asns(netra_store *st, int64_t case_id,
                                    int (*fn)(const netra_case_asn_row *a, void *payload),
                                    void *payload);

/** The largest piece of evidence a file may give (bytes). */
#define NETRA_EVIDENCE_MAX_BYTES (64u << 20)

/**
 * The media type of evidence content by its magic bytes (never the file name): PNG, JPEG,
 * GIF, WebP, HEIC, MP4, QuickTime, WebM, MP3, Ogg, PDF, Office documents. `*kind` (may be
 * NULL) gets the evidence kind it suggests (screenshot, photo, video, document).
 *
 * @return NETRA_OK; NETRA_EINVAL for content of another type (its first bytes named).
 */
NETRA_API int netra_evidence_sniff(const char **media_type, const char **kind, const void *content,
                                   size_t len);

/**
 * Attaches a file as evidence of a case: read up to NETRA_EVIDENCE_MAX_BYTES, its media type
 * sniffed, stored by SHA-256 with a custody entry "captured" (netra_store_evidence_add).
 * `kind` NULL takes the sniffed kind; `url` (may be NULL) is where it was captured.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND (no case); NETRA_ESTATE (a merged case); NETRA_ETOOBIG;
 *         NETRA_EINVAL (unknown type or kind); NETRA_EIO; NETRA_ESTORAGE.
 */
NETRA_API int netra_store_evidence_attach_file(int64_t *evidence_id_out, char sha256_hex[65],
                                               const char **media_type_out, netra_store *st,
                                               int64_t case_id, const char *path, const char *kind,
                                               const char *url, const netra_actor *actor);

/** A piece of evidence as read back. */
typedef struct netra_evidence_row {
    int64_t id;           /* evidence id */
    char sha256[65];      /* content SHA-256, hex */
    char kind[24];        /* screenshot, photo, video, document, url, verdict */
    char media_type[64];  /* sniffed media type */
    int64_t size;         /* bytes */
    char url[256];        /* where it was captured */
    char captured_at[32]; /* UTC, ISO 8601 */
    char captured_by[64]; /* account */
    int n_custody;        /* chain-of-custody entries */
} netra_evidence_row;

/** Calls `fn` for each piece of evidence of a case, oldest first. */
NETRA_API int netra_store_case_evidence(netra_store *st, int64_t case_id,
                                        int (*fn)(const netra_evidence_row *e, void *payload),
                                        void *payload);

/** One chain-of-custody entry of a piece of evidence. */
typedef struct netra_custody_row {
    int64_t id;      /* entry id (increasing) */
    char at[32];     /* UTC, ISO 8601 */
    char actor[64];  /* account */
    char action[32]; /* captured, viewed, exported, ... */
    char note[256];  /* free text (truncated to fit) */
} netra_custody_row;

/**
 * Calls `fn` for each chain-of-custody entry of a piece of evidence of `case_id`, oldest
 * first. NETRA_ENOTFOUND when the evidence does not exist or belongs to another case.
 */
NETRA_API int
netra_store_evidence_custody_list(netra_store *st, int64_t case_id, int64_t evidence_id,
                                  int (*fn)(const netra_custody_row *k, void *payload),
                                  void *payload);

/**
 * Calls `fn` for each chain-of-custody entry of every piece of evidence of `case_id` whose id
 * is at most `max_evidence_id` (0: every piece), by evidence id and then oldest first: the
 * custody of a whole listing in one query.
 */
NETRA_API int netra_store_case_custody(netra_store *st, int64_t case_id, int64_t max_evidence_id,
                                       int (*fn)(int64_t evidence_id, const netra_custody_row *k,
                                                 void *payload),
                                       void *payload);

/** An accused civil servant as stored. */
typedef struct netra_asn_row {
    char nip[24];           /* NIP or NI PPPK */
    char name[96];          /* name */
    char employee_type[16]; /* pns, pppk */
    char agency[96];        /* agency */
    char position[32];      /* position class */
    char region[16];        /* region code */
    char ppk[96];           /* the PPK */
    char accounts[256];     /* known accounts */
    char agency_kind[24];   /* kind of agency, "" when not given */
} netra_asn_row;

/** Reads an accused ASN by NIP. NETRA_ENOTFOUND when absent. */
NETRA_API int netra_store_asn_get(netra_asn_row *out, netra_store *st, const char *nip);

/** Cases read per ASN by netra_store_asn_cases (the oldest first). */
#define NETRA_ASN_MAX_CASES 1000

/** Calls `fn` for each case an ASN (by NIP) is accused in, by case number. */
NETRA_API int netra_store_asn_cases(netra_store *st, const char *nip,
                                    int (*fn)(const netra_case *c, void *payload), void *payload);

/** Most rows netra_store_asn_find returns. */
#define NETRA_ASN_FIND_MAX 200
/** Longest query netra_store_asn_find accepts, in bytes. */
#define NETRA_ASN_QUERY_MAX 100

/**
 * Finds accused civil servants by name or NIP. A query of digits (spaces, dots and dashes
 * ignored) of at least 4 matches the NIPs or NI PPPKs that begin with them; any other query
 * is cut into words (letters, digits, ' and -; at most 6, each of at least 2 characters) that
 * must all occur in the name, whatever the case of ASCII letters ("budi sant" finds "Drs.
 * BUDI SANTOSO, M.Pd."). Calls `fn` for at most `max` (<= NETRA_ASN_FIND_MAX) rows, by name
 * and then NIP, after reading them all (fn may read the store).
 *
 * @param[out] more_out optional: 1 when more rows matched than were given
 * @return NETRA_OK (also when nothing matches), NETRA_EINVAL (`query: ...`: nothing to
 *         search, a word too short, too many words, over NETRA_ASN_QUERY_MAX bytes),
 *         fn's negative value, a store error
 */
NETRA_API int netra_store_asn_find(int *more_out, netra_store *st, const char *query, size_t max,
                                   int (*fn)(const netra_asn_row *a, void *payload), void *payload);

/** Number of distinct stored contents (after deduplication). */
NETRA_API int netra_store_blob_count(int64_t *out, netra_store *st);

/* ---- facts for statistics and the index -------------------------------------------------- */

/** A workflow step of a case: an audit entry that moved (or kept) its state. */
typedef struct netra_case_step {
    int64_t seq;     /* audit entry number */
    char action[40]; /* action id (registrasi, teruskan, rekomendasikan, ...) */
    char state[40];  /* the case's state after the action */
    netra_date day;  /* the working date of the action (the entry's UTC date for entries
                        written before the store recorded it) */
} netra_case_step;

/** Bounds on what one case gives netra_store_case_facts (the rest is counted as dropped). */
#define NETRA_FACTS_MAX_ACTS  64
#define NETRA_FACTS_MAX_STEPS 128

/** One case with its acts, its first accused and its workflow steps (all borrowed, valid
 *  during the callback only). */
typedef struct netra_case_facts {
    const netra_case *c;            /* the case */
    const netra_case_act_row *acts; /* by date, then id */
    size_t n_acts;                  /* acts given */
    size_t acts_dropped;            /* acts past NETRA_FACTS_MAX_ACTS */
    const netra_case_step *steps;   /* in audit order */
    size_t n_steps;                 /* steps given */
    size_t steps_dropped;           /* steps past NETRA_FACTS_MAX_STEPS */
    const char *agency;             /* the first accused's agency (by NIP), "" without */
    const char *position;           /* the first accused's position class, "" without */
    size_t n_accused;               /* accused linked to the case */
} netra_case_facts;

/**
 * Calls `fn` for every case not merged into another, by id, with its acts, first accused and
 * workflow steps. Read set-based: four queries per window of 512 cases, whatever the number
 * of acts or steps, so reading 100,000 cases costs about 800 queries. A negative return from
 * `fn` stops the walk and is returned.
 *
 * @return NETRA_OK; NETRA_ESTORAGE; NETRA_ENOMEM; or what `fn` returned.
 */
NETRA_API int netra_store_case_facts(netra_store *st,
                                     int (*fn)(const netra_case_facts *f, void *payload),
                                     void *payload);

/* ---- audit chain ------------------------------------------------------------------------- */

/**
 * Verifies the audit chain: every entry's hash covers its content and the previous entry's
 * hash, sequence numbers have no gap, and the last entry is the head recorded by the store.
 *
 * @param[out] entries_out number of entries checked
 * @param[out] bad_seq_out the first bad entry (0 when the chain is valid)
 * @return NETRA_OK when valid; NETRA_EDATA naming the first bad entry and why (edited,
 *         deleted, reordered); NETRA_ESTORAGE.
 */
NETRA_API int netra_store_audit_verify(int64_t *entries_out, int64_t *bad_seq_out, netra_store *st);

/**
 * The head of the audit chain: the number of the last entry and its hash (64 hex digits and
 * a NUL). An empty chain is entry 0 with the genesis hash.
 */
NETRA_API int netra_store_audit_head(int64_t *seq_out, char hash_hex[65], netra_store *st);

/* ---- export ------------------------------------------------------------------------------ */

/** Formats of netra_store_export(). */
typedef enum netra_export_format {
    NETRA_EXPORT_CSV = 0, /* RFC 4180 with one leading `#` metadata line */
    NETRA_EXPORT_JSON = 1 /* one object; `cases` holds one compact object per line */
} netra_export_format;

/**
 * Writes every case (id order) with its accused, acts (with stage and form), clocks, state
 * and version to `out`, one case at a time (the table is never held in memory). The export
 * is one read snapshot: the audit-chain head (entry number and hash) and the UTC time it
 * was built are written with it, so `netra audit verify` on the same database names the
 * same head. Reporter identity and contact are never written; neither are other fields.
 *
 * CSV cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
 * apostrophe, so a spreadsheet does not run them as formulas.
 *
 * @param[out] n_out number of cases written (may be NULL)
 * @return NETRA_OK; NETRA_EIO when writing fails; NETRA_ESTORAGE; NETRA_ENOMEM.
 */
NETRA_API int netra_store_export(size_t *n_out, netra_store *st, netra_export_format format,
                                 FILE *out);

/* ---- import ------------------------------------------------------------------------------ */

/** What netra_store_import_reports() did. */
typedef struct netra_import_result {
    size_t rows;     /* data rows read */
    size_t bad;      /* rows refused by validation */
    size_t imported; /* cases created */
} netra_import_result;

/**
 * Imports a CSV of reports (columns in docs/data/reports-import.md). Every row is validated
 * first; each problem is passed to `report` (may be NULL) as `file:line: field 'x': reason`.
 * When a row is bad nothing is imported, unless `partial`, which imports the good rows.
 * Each imported row becomes a case through the workflow like netra_store_case_new() (the
 * creating action of its kind, checked for `role`, clocks started on received_at, one
 * audit entry), then its accused and act. The reporter's identity is stored encrypted.
 *
 * @param role the role taking the creating actions (a role of roles.tsv)
 * @param actor_name the account recorded in the audit chain
 * @return NETRA_OK; NETRA_EDATA when a row is bad and not `partial`, or the CSV itself is
 *         malformed (nothing imported); NETRA_EINVAL when a row has a reporter and the store
 *         has no key; NETRA_EIO; NETRA_ESTORAGE; NETRA_ENOMEM.
 */
NETRA_API int netra_store_import_reports(netra_import_result *result, netra_store *st,
                                         const char *path, int partial, const char *role,
                                         const char *actor_name,
                                         void (*report)(const char *message, void *payload),
                                         void *payload);

/* ---- duplicate suggestions ----------------------------------------------------------- */

/**
 * The canonical form of a URL for duplicate detection: scheme and host lowercased, `http`
 * read as `https`, a leading `www.` dropped, a mobile host prefix (`m.`, `mobile.`,
 * `mbasic.`, `touch.`, `web.`) dropped, `twitter.com` read as `x.com`, a default port
 * (`:80`, `:443`) dropped, the fragment dropped, tracking parameters
 * (utm_*, fbclid, gclid, igshid, igsh, mibextid, si, ref, ref_src, ...) dropped, the other
 * parameters kept in order, and a trailing slash of the path dropped.
 *
 * @return NETRA_OK; NETRA_EINVAL when `url` has no `scheme://host`; NETRA_ETOOBIG when the
 *         result does not fit `size`.
 */
NETRA_API int netra_url_canonical(char *buf, size_t size, const char *url);

/**
 * The 64-bit SimHash of a text's tokens (netra_normalize(); words, numbers and hashtags by
 * their stem, each weighted once per occurrence). `*n_tokens_out` gets the number of tokens
 * counted. Two summaries whose SimHash differ in at most NETRA_SIMHASH_NEAR bits are
 * near-identical.
 */
NETRA_API int netra_simhash(uint64_t *out, size_t *n_tokens_out, netra_normalizer *nz,
                            const char *text, size_t len);

/** Bits two SimHashes may differ in and still be near-identical. */
#define NETRA_SIMHASH_NEAR 3

/** A suggested duplicate of a case. */
typedef struct netra_case_duplicate {
    int64_t id;       /* the other case */
    char reason[16];  /* "asn_act_date", "url" or "text" */
    char detail[300]; /* the NIP, act and date; the canonical URL; the bits that differ */
} netra_case_duplicate;

/**
 * Gives the store a text normaliser (netra/text.h; borrowed, must outlive the store or be
 * unset with NULL) so it stores the SimHash of each case's summary (field `uraian`) when
 * written. Summaries written without one are left pending and computed here, when a
 * normaliser is set.
 *
 * @return NETRA_OK; NETRA_ESTORAGE; NETRA_ENOMEM.
 */
NETRA_API int netra_store_set_normalizer(netra_store *st, netra_normalizer *nz);

/**
 * Suggests cases that may report the same incident as case `id`: the same accused NIP with
 * the same act on the same date; an act URL with the same canonical form; a near-identical
 * summary (field `uraian`, at most NETRA_SIMHASH_NEAR bits apart, both with at least 4
 * tokens). The URL and the SimHash are stored when written and looked up by index (the
 * SimHash by four 16-bit bands, one of which two hashes within 3 bits always share), so the
 * cost does not grow with the number of cases. `nz` (may be NULL) computes a SimHash still
 * pending. A case merged into another is suggested as the case it was merged into.
 * Suggestions only: nothing is merged or changed. A case may be reported once per reason.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND for an unknown case; NETRA_ESTORAGE; NETRA_ENOMEM.
 */
NETRA_API int netra_store_case_duplicates(netra_store *st, int64_t id, netra_normalizer *nz,
                                          int (*fn)(const netra_case_duplicate *d, void *payload),
                                          void *payload);

/**
 * The same suggestions as netra_store_case_duplicates() found by walking every act and
 * every summary (the method before the keys were stored): the baseline of the benchmark and
 * a cross-check in tests. `nz` is required for the text reason (skipped when NULL).
 */
NETRA_API int netra_store_case_duplicates_scan(netra_store *st, int64_t id, netra_normalizer *nz,
                                               int (*fn)(const netra_case_duplicate *d,
                                                         void *payload),
                                               void *payload);

/* ---- merging duplicates ------------------------------------------------------------------ */

/** A merge of one case (source) into another (target). */
typedef struct netra_case_merge {
    int64_t id;         /* merge number */
    int64_t target;     /* the case that continues */
    int64_t source;     /* the case merged into it */
    char at[32];        /* UTC time, ISO 8601 */
    char actor[64];     /* account */
    int undone;         /* 1 once undone */
    char undone_at[32]; /* UTC time of the undo, "" while in force */
    size_t n_reporters; /* rows moved to the target */
    size_t n_acts;
    size_t n_evidence;
    size_t n_asn;    /* accused links moved (or already on the target) */
    size_t n_clocks; /* the source's running clocks, stopped */
} netra_case_merge;

/**
 * Merges case `source` into case `target` (the same incident reported twice): the source's
 * reporters, acts, evidence and accused move to the target; the source's running clocks
 * stop (the target's clocks go on); the source is marked merged and takes no more actions;
 * the target's timeline shows the source's history. Each moved row is recorded, so
 * netra_store_case_unmerge() restores exactly. Both cases must allow the action `gabungkan`
 * for the actor's role in their state (transitions.tsv), be under the same regime and
 * election, and be at the versions the caller read; both versions go up; one audit entry on
 * each case.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND; NETRA_ECONFLICT (a version changed); NETRA_ESTATE (the
 *         state does not allow it, a case already merged or holding merged cases);
 *         NETRA_EPERM (the role); NETRA_EINVAL (the same case, another regime or election);
 *         NETRA_ESTORAGE.
 */
NETRA_API int netra_store_case_merge(netra_case_merge *out, netra_store *st, int64_t target,
                                     int64_t target_version, int64_t source, int64_t source_version,
                                     const netra_actor *actor);

/**
 * Undoes the merge of case `source`: the rows it moved go back, the clocks it stopped run
 * again with their deadlines, the source takes actions again; rows added to the target
 * since stay with the target. The action `pisahkan` must be allowed for the role in the
 * target's state. Both versions go up; one audit entry on each case.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND when `source` is not merged; NETRA_ESTATE; NETRA_EPERM;
 *         NETRA_ESTORAGE.
 */
NETRA_API int netra_store_case_unmerge(netra_case_merge *out, netra_store *st, int64_t source,
                                       const netra_actor *actor);

/** Calls `fn` for each merge (in force or undone) where case `id` is target or source. */
NETRA_API int netra_store_case_merges(netra_store *st, int64_t id,
                                      int (*fn)(const netra_case_merge *m, void *payload),
                                      void *payload);

/* ---- conflicts of interest ------------------------------------------------------------- */

/**
 * A conflict of interest of a case: the PPK of an accused (netra_ppk_resolve) is a contestant
 * of an election of the case (the case's or an act's), as the incumbent the election file
 * names or as the office holder of netra_store_holders_import() under a contestant's name.
 * The recommendation then goes to the route's office instead (netra_coi_route).
 */
typedef struct netra_case_conflict {
    char nip[24];             /* the accused whose PPK it is */
    char ppk_office[32];      /* the PPK's office (authorities.tsv): "bupati" */
    char ppk_region[16];      /* the region it governs: "32.04" ("" central) */
    char ppk_agency[96];      /* a central PPK's agency */
    char ppk_name[96];        /* the office holder, "" when not imported */
    char election[64];        /* the election file id where the PPK runs */
    char contestant[16];      /* the contestant id there */
    char contestant_name[96]; /* the contestant's name */
    char reason[24];          /* "petahana" (the election file) or "pemegang_jabatan" */
    char route_to[32];        /* the office the recommendation goes to: "gubernur_wpp" */
    char route_region[16];    /* its region: "32" */
} netra_case_conflict;

/**
 * The conflict of a case, computed when an accused or an act is recorded and when the
 * elections or the office holders change.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND when the case has none.
 */
NETRA_API int netra_store_case_conflict(netra_case_conflict *out, netra_store *st, int64_t case_id);

/**
 * Registers an election file's contestants (each name, and the office one holds while
 * running: "incumbent") under the file's law election, replacing a previous registration
 * of the same file id, and recomputes the conflicts of the cases of that law election. One
 * audit entry.
 *
 * @param[out] n_flagged_out cases with a conflict after it (may be NULL)
 * @return NETRA_OK; NETRA_EINVAL when the file names no law election; NETRA_ESTORAGE.
 */
NETRA_API int netra_store_election_register(size_t *n_flagged_out, netra_store *st,
                                            const netra_election_file *ef,
                                            const netra_actor *actor);

/** What netra_store_holders_import() did. */
typedef struct netra_holders_result {
    size_t rows;      /* data rows read */
    size_t bad;       /* rows refused */
    size_t imported;  /* holders stored (new or replacing the office's previous holder) */
    size_t n_flagged; /* cases with a conflict after the import */
} netra_holders_result;

/**
 * Imports the holders of PPK offices from a TSV (data/org/ppk-holders.tsv format,
 * docs/data/org.md): every row checked first (office of authorities.tsv, a region code that
 * fits the office's level, a name, a date), each problem passed to `report` as
 * `file:line: field 'x': reason`; nothing is imported when a row is bad. A holder replaces
 * the office's previous one. Then every case's conflict is recomputed. One audit entry.
 *
 * @return NETRA_OK; NETRA_EDATA (bad rows, nothing imported); NETRA_EIO; NETRA_ESTORAGE.
 */
NETRA_API int netra_store_holders_import(netra_holders_result *result, netra_store *st,
                                         const char *path, const netra_actor *actor,
                                         void (*report)(const char *message, void *payload),
                                         void *payload);

/**
 * The conflict rules the store uses (loaded from `<netra_data_dir()>/org` when first
 * needed), for changing the routes the sources leave open (netra_coi_set_routes) before
 * cases are acted on.
 *
 * @return NETRA_OK; the loader's errors.
 */
NETRA_API int netra_store_coi(netra_coi **out, netra_store *st);

#ifdef __cplusplus
}
#endif

#endif
