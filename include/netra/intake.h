/*
 * intake.h - the public side of the case store: reports by citizens without an account,
 * receipt codes, the status a reporter sees, the examiner's questions and the reporter's
 * replies, completion (kelengkapan) by the reporter, evidence upload limits, and the
 * transparency aggregates with small-cell suppression.
 *
 * Everything goes through the case store (netra/store.h): a public report is a case created
 * by the workflow (role pelapor_publik) with its audit entry; a reply is an audit entry. The
 * reporter is identified only by the receipt code, of which the store keeps a hash. Design:
 * docs/internals/public.md.
 */
#ifndef NETRA_INTAKE_H
#define NETRA_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "netra/common.h"
#include "netra/date.h"
#include "netra/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- receipt codes ------------------------------------------------------------------------ */

/**
 * A receipt code: 20 symbols of Crockford's base32 in four groups of five
 * ("7QK2M-XW3RT-0PZ9H-4D6NC"): 19 random symbols (95 bits, libsodium's randombytes) and one
 * check symbol, a weighted sum over GF(32) that catches every single-symbol error and every
 * transposition of two adjacent symbols. Never derived from the case number.
 */
#define NETRA_RECEIPT_SYMBOLS 20
#define NETRA_RECEIPT_STRLEN  24 /* 20 symbols, 3 hyphens and the NUL */

/** A new random receipt code, formatted, into `out`. */
NETRA_API int netra_receipt_generate(char out[NETRA_RECEIPT_STRLEN]);

/**
 * Checks a typed receipt code and writes its canonical form ("XXXXX-XXXXX-XXXXX-XXXXX").
 * Case, hyphens and spaces are ignored; O is read as 0 and I, L as 1 (Crockford).
 *
 * @return NETRA_OK; NETRA_EINVAL naming the position of a symbol that is not base32, a wrong
 *         length, or a failed check symbol (a typing error).
 */
NETRA_API int netra_receipt_normalize(char out[NETRA_RECEIPT_STRLEN], const char *typed);

/* ---- public reports ----------------------------------------------------------------------- */

/** Limits on a public report's fields, in bytes (a longer field is NETRA_ETOOBIG). */
#define NETRA_PUBLIC_TEXT_MAX  8000 /* uraian, replies, completion */
#define NETRA_PUBLIC_FIELD_MAX 500  /* every other field */

/** A report from the public. NULL or empty members are absent. */
typedef struct netra_public_report {
    const char *reporter;    /* name and address of the reporter; absent = anonymous */
    const char *contact;     /* telephone or e-mail, stored encrypted */
    const char *eligibility; /* pemilih, pemantau or peserta (who may report) */
    const char *regime;      /* pemilu or pilkada (required) */
    const char *election;    /* election id of data/law/elections.tsv, may be absent */
    const char *region;      /* Kemendagri region code where it happened */
    const char *accused;     /* terlapor: who, agency, NIP if known */
    const char *when;        /* waktu_kejadian */
    const char *where;       /* tempat_kejadian */
    const char *what;        /* uraian (required) */
    const char *known;       /* tanggal_diketahui, YYYY-MM-DD */
    const char *title;       /* short title; absent: the start of `what` */
    int demo;                /* 1 to label it demo data (netra demo seed) */
} netra_public_report;

/** What the submission gave back. Show the receipt once; it is not stored in clear. */
typedef struct netra_public_receipt {
    char code[NETRA_RECEIPT_STRLEN]; /* the receipt code */
    int64_t case_id;                 /* for staff only: never show it on the public side */
    char kind[24];                   /* laporan or informasi_awal */
    char missing[256];               /* why it is informasi awal: the fields missing, or "" */
} netra_public_receipt;

/**
 * Takes a public report. With a named, eligible reporter and every field the law requires
 * (the `requires` of terima_laporan in data/workflow/transitions.tsv) it becomes a laporan
 * (kajian awal, 2 days); anonymous or incomplete it becomes informasi awal (Perbawaslu
 * 7/2022 Pasal 14), with the missing fields listed. The reporter is stored encrypted; the
 * receipt's hash is stored with the case in the same transaction.
 *
 * @return NETRA_OK; NETRA_EINVAL naming a bad field (not UTF-8, unknown eligibility or
 *         regime, missing uraian); NETRA_ETOOBIG naming a field over its limit; the store's
 *         errors.
 */
NETRA_API int netra_public_submit(netra_public_receipt *out, netra_store *st,
                                  const netra_public_report *report, netra_date today);

/** The status a reporter sees with their receipt. */
typedef struct netra_public_status {
    char kind[24];       /* laporan, temuan, informasi_awal */
    char state[40];      /* the workflow state */
    char state_id[160];  /* the state in plain Indonesian */
    char state_en[160];  /* and in English */
    char next_id[400];   /* what happens next, Indonesian */
    char next_en[400];   /* and English */
    char clock[32];      /* the running legal clock, "" when none */
    char clock_id[120];  /* its label, Indonesian */
    char clock_en[120];  /* its label, English */
    netra_date deadline; /* its deadline (0 when no clock runs) */
    char basis[200];     /* its legal basis */
    int overdue;         /* 1 when `today` is past the deadline */
    int awaiting_reply;  /* 1 when the examiner asks for completion (kelengkapan) */
    char request[1024];  /* what the examiner asks to complete ("" when nothing) */
    netra_date opened;   /* when the report was taken */
    netra_date updated;  /* date of the last action */
} netra_public_status;

/**
 * The status of the case of a receipt, on `today`.
 *
 * @return NETRA_OK; NETRA_EINVAL for a mistyped code; NETRA_ENOTFOUND for a code no case
 *         has (the same answer whatever the reason, so codes cannot be probed).
 */
NETRA_API int netra_public_status_get(netra_public_status *out, netra_store *st, const char *code,
                                      netra_date today);

/**
 * The plain-language text of a workflow state: what it means and what happens next. Every
 * state of data/workflow/states.tsv has one.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND for a state without a text.
 */
NETRA_API int netra_public_state_text(const char **state_id, const char **state_en,
                                      const char **next_id, const char **next_en,
                                      const char *state);

/** A message between the examiner and the reporter. Strings valid during the callback. */
typedef struct netra_public_message {
    int64_t id;         /* message number */
    const char *at;     /* UTC time, ISO 8601 */
    const char *sender; /* "pemeriksa" (the examiner) or "pelapor" (the reporter) */
    const char *kind;   /* pertanyaan, jawaban, kelengkapan */
    const char *body;   /* the text */
} netra_public_message;

/**
 * The examiner asks the reporter a question (a pengawas role; the role of the actor is
 * checked). Written to the audit chain.
 */
NETRA_API int netra_case_question_add(int64_t *message_id_out, netra_store *st, int64_t case_id,
                                      const char *body, const netra_actor *actor);

/**
 * The reporter replies with their receipt. Written to the audit chain as an entry of actor
 * "pelapor" (never the reporter's name).
 */
NETRA_API int netra_public_reply(int64_t *message_id_out, netra_store *st, const char *code,
                                 const char *body, netra_date today);

/**
 * The reporter completes the report (kelengkapan) while the case awaits it: the workflow's
 * `lengkapi` action, which returns the case to kajian awal. Refused once the 1-day clock has
 * run out (the report is then not registered: Perbawaslu 7/2022 Pasal 15).
 *
 * @return NETRA_OK; NETRA_ESTATE when nothing is asked or the time has run out; the store's
 *         errors.
 */
NETRA_API int netra_public_complete(netra_store *st, const char *code, const char *text,
                                    netra_date today);

/** Messages of a case, oldest first (for staff, by case number). */
NETRA_API int netra_case_messages(netra_store *st, int64_t case_id,
                                  int (*fn)(const netra_public_message *m, void *payload),
                                  void *payload);

/** Messages of the case of a receipt, oldest first. */
NETRA_API int netra_public_messages(netra_store *st, const char *code,
                                    int (*fn)(const netra_public_message *m, void *payload),
                                    void *payload);

/* ---- evidence upload ---------------------------------------------------------------------- */

/** Limits on evidence uploaded by the public. */
#define NETRA_UPLOAD_MAX_BYTES      (10u * 1024u * 1024u) /* one file */
#define NETRA_UPLOAD_MAX_FILES      10                    /* files per case */
#define NETRA_UPLOAD_MAX_CASE_BYTES (40u * 1024u * 1024u) /* all files of a case */

/**
 * Stores a file uploaded by the reporter as evidence of the case of a receipt, after the
 * limits: size, count and total per case, and a media type recognised by its content
 * (netra_evidence_sniff() of netra/store.h, the one sniffer of evidence) among those the
 * public may upload: JPEG, PNG, GIF, WebP, PDF, MP4, MP3 (with its ID3 tag) and Ogg.
 *
 * @param[out] media_type_out the media type recognised (static string; may be NULL)
 * @return NETRA_OK; NETRA_ETOOBIG naming the limit; NETRA_EINVAL for an empty file or a
 *         media type not accepted (naming the first bytes seen); NETRA_ENOTFOUND.
 */
NETRA_API int netra_public_evidence_add(char sha256_hex[65], const char **media_type_out,
                                        netra_store *st, const char *code, const void *content,
                                        size_t len, netra_date today);

/* ---- transparency ------------------------------------------------------------------------- */

/** Cells counting fewer people than this are suppressed (shown as "<5"). */
#define NETRA_TRANSPARENCY_THRESHOLD 5

/**
 * The transparency aggregates as one JSON document (allocated; free with netra_free_text):
 * counts of cases by province, form, stage and outcome, national and per province, with
 * cells of 1 to 4 suppressed ("<5") and complementary suppression ("x") so that no
 * suppressed cell can be recovered from a row or column total, across all the tables
 * published together. Demo cases are left out unless `include_demo`. The rule:
 * docs/internals/public.md.
 */
NETRA_API int netra_transparency_json(char **json_out, size_t *len_out, netra_store *st,
                                      int include_demo);

/** Frees text returned by this module. NULL is allowed. */
NETRA_API void netra_free_text(char *text);

#ifdef __cplusplus
}
#endif

#endif
