/*
 * queue.h - the review queue of detector verdicts (netra/detect.h): flagged verdicts wait
 * for a supervisor, who claims one with a lease, then confirms it (it becomes a temuan case
 * with the item as evidence, through the case store and its audit chain), dismisses it with
 * a reason (data/review/reasons.tsv) or marks it for a second look.
 *
 * Times are Unix seconds given by the caller (`now`), so leases can be tested with any
 * clock. Design: docs/internals/public.md.
 */
#ifndef NETRA_QUEUE_H
#define NETRA_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "netra/common.h"
#include "netra/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Limits on what enters the queue. */
#define NETRA_QUEUE_JSON_MAX      (256u * 1024u) /* an item or a verdict */
#define NETRA_QUEUE_LEASE_DEFAULT 900            /* seconds a claim lasts by default */
#define NETRA_QUEUE_LEASE_MAX     86400          /* the longest lease */

/** States of a queue entry. */
#define NETRA_QUEUE_NEW       "baru"         /* waiting for review */
#define NETRA_QUEUE_SECOND    "tinjau_ulang" /* marked for a second look */
#define NETRA_QUEUE_CONFIRMED "dikonfirmasi" /* became a temuan */
#define NETRA_QUEUE_DISMISSED "ditolak"      /* dismissed with a reason */

/** What netra_queue_add did. */
typedef enum netra_queue_added {
    NETRA_QUEUE_ADDED = 0,      /* a new entry */
    NETRA_QUEUE_EXISTS = 1,     /* the same item and election is already queued: unchanged */
    NETRA_QUEUE_NOT_FLAGGED = 2 /* the verdict is not flagged: not queued */
} netra_queue_added;

/** Where a verdict's election sits in the law: given by the caller (from the election file). */
typedef struct netra_queue_source {
    const char *law_election; /* election of data/law/elections.tsv ("pemilu-2024") */
    const char *regime;       /* pemilu or pilkada */
} netra_queue_source;

/**
 * Queues a verdict (one line of `netra scan`) with the item it judged (one line of the
 * input). The item's id must be the verdict's. Re-queueing the same item id and election
 * changes nothing (NETRA_QUEUE_EXISTS).
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field of a malformed verdict or item;
 *         NETRA_ETOOBIG; NETRA_ESTORAGE.
 */
NETRA_API int netra_queue_add(netra_queue_added *what_out, int64_t *id_out, netra_store *st,
                              const char *item_json, size_t item_len, const char *verdict_json,
                              size_t verdict_len, const netra_queue_source *src,
                              const netra_actor *actor);

/** A queue entry as listed. Strings valid during the callback. */
typedef struct netra_queue_entry {
    int64_t id;               /* entry number */
    const char *item_id;      /* the item's id */
    const char *election;     /* the verdict's election (election file id) */
    const char *law_election; /* its election in the law */
    const char *contestant;   /* the contestant supported */
    const char *form;         /* the proposed form (KE-n, D-n) */
    const char *level;        /* its sanction level */
    const char *act;          /* the act of data/law/acts.tsv */
    double asn_score;         /* the civil-servant attribution score */
    const char *state;        /* baru, tinjau_ulang, dikonfirmasi, ditolak */
    const char *claimed_by;   /* reviewer holding a live lease, "" when none */
    int64_t lease_until;      /* end of that lease (Unix seconds), 0 when none */
    const char *reason;       /* dismissal reason or second-look note */
    int64_t case_id;          /* the temuan made from it, 0 when none */
    const char *item_json;    /* the item */
    const char *verdict_json; /* the verdict, with its evidence spans */
} netra_queue_entry;

/** A filter for netra_queue_list; NULL or empty members match everything. */
typedef struct netra_queue_filter {
    const char *election; /* verdict election id */
    const char *form;     /* proposed form */
    const char *state;    /* entry state */
    int64_t after;        /* cursor: entries with a larger number (0 = from the start) */
    size_t limit;         /* page size, 1..500 (0 = 50) */
} netra_queue_filter;

/**
 * Lists entries by number after the cursor. A lease past `now` is shown as no claim.
 *
 * @param[out] next_out the cursor of the next page, 0 when this page was the last
 */
NETRA_API int netra_queue_list(int64_t *next_out, netra_store *st, const netra_queue_filter *f,
                               int64_t now, int (*fn)(const netra_queue_entry *e, void *payload),
                               void *payload);

/** One entry. NETRA_ENOTFOUND when absent. */
NETRA_API int netra_queue_get(netra_store *st, int64_t id, int64_t now,
                              int (*fn)(const netra_queue_entry *e, void *payload), void *payload);

/**
 * Claims an entry for `lease_seconds` (1..NETRA_QUEUE_LEASE_MAX; the same reviewer may renew).
 *
 * @return NETRA_OK; NETRA_ECONFLICT naming the reviewer holding it and until when;
 *         NETRA_ESTATE for a decided entry; NETRA_ENOTFOUND.
 */
NETRA_API int netra_queue_claim(netra_store *st, int64_t id, const netra_actor *reviewer,
                                int64_t now, int lease_seconds);

/** Gives a claim back before it expires. NETRA_EPERM when someone else holds it. */
NETRA_API int netra_queue_release(netra_store *st, int64_t id, const netra_actor *reviewer,
                                  int64_t now);

/** What a confirmation needs besides the verdict. */
typedef struct netra_queue_confirm {
    const char *region;  /* region code of the case (the item's when absent) */
    const char *accused; /* terlapor; absent: the account from the item */
    const char *note;    /* the reviewer's note, added to the uraian */
} netra_queue_confirm;

/**
 * Confirms an entry: a temuan (tetapkan_temuan, the reviewer's role must allow it) with the
 * item and the verdict as evidence and the act with its proposed form, all in one
 * transaction with the audit entries. The entry must be unclaimed or claimed by `reviewer`.
 *
 * @param[out] case_id_out the new case
 */
NETRA_API int netra_queue_confirm_entry(int64_t *case_id_out, netra_store *st, int64_t id,
                                        const netra_queue_confirm *c, const netra_actor *reviewer,
                                        int64_t now);

/**
 * Dismisses an entry with a reason code of data/review/reasons.tsv (checked against the
 * table in `data_dir`, NULL for the installed data) and an optional note.
 */
NETRA_API int netra_queue_dismiss(netra_store *st, int64_t id, const char *reason, const char *note,
                                  const char *data_dir, const netra_actor *reviewer, int64_t now);

/** Marks an entry for a second look (releases the claim). `note` may be NULL. */
NETRA_API int netra_queue_second_look(netra_store *st, int64_t id, const char *note,
                                      const netra_actor *reviewer, int64_t now);

/** A dismissal reason. */
typedef struct netra_queue_reason {
    const char *reason;   /* code */
    const char *label_id; /* Indonesian label */
    const char *label_en; /* English label */
} netra_queue_reason;

/** Calls `fn` for each reason of data/review/reasons.tsv in `data_dir` (NULL: installed). */
NETRA_API int netra_queue_reasons(const char *data_dir,
                                  int (*fn)(const netra_queue_reason *r, void *payload),
                                  void *payload);

#ifdef __cplusplus
}
#endif

#endif
