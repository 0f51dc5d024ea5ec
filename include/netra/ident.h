/*
 * ident.h - validation of the personal identifiers met in ASN-neutrality reports: the NIP of
 * a civil servant (PNS), the NI PPPK of a contract employee (PPPK) and the NIK of a resident
 * (KTP). The structure of each is decoded and checked digit by digit; a failure names the
 * segment, its digit positions and the reason, in Indonesian or English.
 *
 * Sources (see docs/internals/ident.md): NIP layout per Perka BKN 22/2007 and 43/2007;
 * NI PPPK layout as observed in issued numbers (no regulation found, unverified); NIK layout
 * per the Dukcapil practice of a kecamatan code + birth date (+40 for women) + sequence, with
 * the province codes of Kepmendagri 300.2.2-2138/2025.
 *
 * None of these numbers has a check digit: a number that passes is *plausible*, not proven
 * to exist. Nothing here allocates; every function is reentrant.
 */
#ifndef NETRA_IDENT_H
#define NETRA_IDENT_H

#include "netra/common.h"
#include "netra/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most digits of any identifier handled here (NIP and NI PPPK). */
#define NETRA_ID_MAX_DIGITS 18

/** Digits of a NIK. */
#define NETRA_ID_NIK_DIGITS 16

/** Default minimum age at appointment (CPNS minimum age, a plausibility rule). */
#define NETRA_ID_DEFAULT_MIN_AGE 18

/** Kind of identifier. */
typedef enum netra_id_kind {
    NETRA_ID_AUTO = 0,    /* options: detect the kind; results: no kind could be decided */
    NETRA_ID_UNKNOWN = 0, /* alias of NETRA_ID_AUTO, for results */
    NETRA_ID_NIP = 1,     /* Nomor Induk Pegawai of a PNS, 18 digits */
    NETRA_ID_NIPPPK = 2,  /* Nomor Induk PPPK, 18 digits */
    NETRA_ID_NIK = 3      /* Nomor Induk Kependudukan (KTP), 16 digits */
} netra_id_kind;

/** Sex encoded in the number. */
typedef enum netra_id_sex {
    NETRA_ID_SEX_UNKNOWN = 0, /* not decoded (invalid number) */
    NETRA_ID_SEX_MALE = 1,    /* laki-laki */
    NETRA_ID_SEX_FEMALE = 2   /* perempuan */
} netra_id_sex;

/** Meaning of the two-digit code of a NI PPPK (digits 13-14). Observed, not regulated. */
typedef enum netra_id_pppk_type {
    NETRA_ID_PPPK_UNKNOWN = 0,     /* a code with no known meaning (accepted by default) */
    NETRA_ID_PPPK_REGULAR = 21,    /* "21": PPPK (full time) */
    NETRA_ID_PPPK_PARUH_WAKTU = 24 /* "24": PPPK paruh waktu (part time) */
} netra_id_pppk_type;

/** A named run of digits of an identifier. */
typedef enum netra_id_segment {
    NETRA_ID_SEG_NONE = 0,     /* the whole input (length and character problems) */
    NETRA_ID_SEG_BIRTH,        /* NIP, NI PPPK 1-8: date of birth YYYYMMDD */
    NETRA_ID_SEG_TMT,          /* NIP 9-14: TMT CPNS YYYYMM */
    NETRA_ID_SEG_PPPK_YEAR,    /* NI PPPK 9-12: appointment year YYYY */
    NETRA_ID_SEG_PPPK_CODE,    /* NI PPPK 13-14: code CC */
    NETRA_ID_SEG_SEX,          /* NIP, NI PPPK 15: sex */
    NETRA_ID_SEG_SEQUENCE,     /* NIP, NI PPPK 16-18; NIK 13-16: sequence number */
    NETRA_ID_SEG_NIK_PROVINCE, /* NIK 1-2: province code PP */
    NETRA_ID_SEG_NIK_REGENCY,  /* NIK 3-4: regency/city code KK */
    NETRA_ID_SEG_NIK_DISTRICT, /* NIK 5-6: district (kecamatan) code CC */
    NETRA_ID_SEG_NIK_REGION,   /* NIK 1-6: the whole kecamatan code PPKKCC */
    NETRA_ID_SEG_NIK_BIRTH     /* NIK 7-12: date of birth DDMMYY, day + 40 for women */
} netra_id_segment;

/** What is wrong with a number. */
typedef enum netra_id_problem_code {
    NETRA_ID_PROBLEM_NONE = 0,           /* no problem */
    NETRA_ID_PROBLEM_LENGTH,             /* wrong number of digits (value: found, expected) */
    NETRA_ID_PROBLEM_CHAR,               /* a byte that is neither digit nor separator (offset) */
    NETRA_ID_PROBLEM_BIRTH_DATE,         /* the date of birth is not a calendar date */
    NETRA_ID_PROBLEM_BIRTH_FUTURE,       /* the date of birth is after today */
    NETRA_ID_PROBLEM_BIRTH_TOO_OLD,      /* the year of birth is before 1900 */
    NETRA_ID_PROBLEM_TMT_MONTH,          /* NIP: the TMT month is not 01-12 */
    NETRA_ID_PROBLEM_TMT_TOO_EARLY,      /* appointment before the minimum age */
    NETRA_ID_PROBLEM_TMT_FUTURE,         /* appointment after today */
    NETRA_ID_PROBLEM_TMT_TOO_OLD,        /* appointment before 1950 (NIP) / 2018 (NI PPPK) */
    NETRA_ID_PROBLEM_SEX,                /* NIP, NI PPPK: sex digit not 1 or 2 */
    NETRA_ID_PROBLEM_SEQUENCE,           /* sequence number is zero */
    NETRA_ID_PROBLEM_PPPK_CODE,          /* NI PPPK code unknown while known codes are required */
    NETRA_ID_PROBLEM_NIK_PROVINCE,       /* NIK: not one of the 38 province codes */
    NETRA_ID_PROBLEM_NIK_REGENCY,        /* NIK: regency/city code 00 */
    NETRA_ID_PROBLEM_NIK_DISTRICT,       /* NIK: district code 00 */
    NETRA_ID_PROBLEM_NIK_REGION_UNKNOWN, /* NIK: the region callback does not know the code */
    NETRA_ID_PROBLEM_NIK_DAY             /* NIK: day field not 01-31 (men) or 41-71 (women) */
} netra_id_problem_code;

/** Why a kind was chosen (or which reading a failure belongs to). */
typedef enum netra_id_reason {
    NETRA_ID_REASON_NONE = 0,   /* no kind decided (length or character problem) */
    NETRA_ID_REASON_EXPECTED,   /* the caller asked for this kind */
    NETRA_ID_REASON_LENGTH_NIK, /* 16 digits: only a NIK has 16 */
    NETRA_ID_REASON_MONTH,      /* 18 digits, digits 13-14 are a month 01-12: read as NIP */
    NETRA_ID_REASON_NOT_MONTH,  /* 18 digits, digits 13-14 are no month: read as NI PPPK */
    NETRA_ID_REASON_NIP_FAILED, /* 13-14 are a month but the NIP reading failed (see `alt`)
                                   and the NI PPPK reading passed */
    NETRA_ID_REASON_NEITHER     /* 18 digits, 13-14 neither a month nor a known NI PPPK code
                                   (21, 24) and both readings fail: the NIP one is reported,
                                   the NI PPPK one is in `alt` */
} netra_id_reason;

/**
 * One problem found in a number. Positions count digits of the normalised number
 * (separators removed) from 1; they are 0 for NETRA_ID_PROBLEM_LENGTH and _CHAR. Always
 * 1 <= start <= bad_start <= bad_end <= end <= 18 otherwise.
 */
typedef struct netra_id_problem {
    netra_id_problem_code code; /* NETRA_ID_PROBLEM_NONE when there is no problem */
    netra_id_kind kind;         /* reading the problem belongs to; UNKNOWN for LENGTH/CHAR */
    netra_id_segment segment;   /* segment at fault */
    int start;                  /* first digit of the segment (1-based) */
    int end;                    /* last digit of the segment (1-based, inclusive) */
    int bad_start;              /* first wrong digit, within the segment */
    int bad_end;                /* last wrong digit, within the segment */
    size_t offset;              /* CHAR: 0-based byte offset of the bad byte in the input */
    unsigned char byte;         /* CHAR: the bad byte */
    int value;                  /* the offending value: digits found, month, code, sex digit,
                                   NIK day field, sequence... */
    int expected;               /* LENGTH: digits expected (16, 18, or 0 for "16 or 18");
                                   TMT_TOO_EARLY: the minimum age applied */
    int year;                   /* date problems: the year as read (NIK: as resolved) */
    int month;                  /* date problems: the month as read */
    int day;                    /* date problems: the day as read (NIK: without the +40) */
    int limit_year;             /* the bound broken: earliest allowed year, or today's year */
    int limit_month;            /* its month, 0 when the bound is a whole year */
    int limit_day;              /* its day, 0 when the bound is a month or a year */
} netra_id_problem;

/** Options of netra_id_check(). Initialise with NETRA_ID_OPTIONS_INIT. */
typedef struct netra_id_options {
    int version;          /* NETRA_ID_OPTIONS_VERSION */
    netra_id_kind expect; /* NETRA_ID_AUTO to detect, or the only kind to accept */
    int min_age;          /* minimum age in years at appointment (0-99); plausibility rule */
    netra_date today;     /* "today" for future checks and the NIK century; 0 = the clock
                             (netra_date_today()); must lie in years 1900..9999 */
    int (*region_exists)(const char *code6, void *payload); /* NULL, or: 1 when the NIK's
                             kecamatan code (6 digits, NUL-terminated, no dots, e.g. "327301")
                             exists, 0 when not, < 0 when it cannot say (check skipped) */
    void *region_payload;                                   /* passed to region_exists */
    int pppk_known_codes_only; /* 1: reject NI PPPK codes other than 21 and 24 */
} netra_id_options;

#define NETRA_ID_OPTIONS_VERSION 1
#define NETRA_ID_OPTIONS_INIT                                                                      \
    {                                                                                              \
        NETRA_ID_OPTIONS_VERSION, NETRA_ID_AUTO, NETRA_ID_DEFAULT_MIN_AGE, 0, NULL, NULL, 0        \
    }

/** Result of netra_id_check(): decoded fields on success, the problem on failure. */
typedef struct netra_id_info {
    int valid;                            /* 1 when every check passed */
    netra_id_kind kind;                   /* reading chosen; UNKNOWN when none applies */
    netra_id_reason reason;               /* why this kind */
    char digits[NETRA_ID_MAX_DIGITS + 1]; /* normalised digits (at most the first 18), NUL-term */
    size_t n_digits;                      /* digits in the input (may exceed 18) */
    netra_date birth;                     /* date of birth (valid only) */
    netra_id_sex sex;                     /* sex */
    int sequence;                         /* sequence number */
    int tmt_year;                         /* NIP: TMT CPNS year */
    int tmt_month;                        /* NIP: TMT CPNS month */
    int pppk_year;                        /* NI PPPK: appointment year */
    int pppk_code;                        /* NI PPPK: code 00-99 */
    netra_id_pppk_type pppk_type;         /* NI PPPK: known meaning of the code */
    char region[7];                       /* NIK: kecamatan code PPKKCC, NUL-terminated */
    int region_checked;                   /* NIK: 1 when region_exists confirmed the code */
    int birth_year_2digit;                /* NIK: the two-digit year as written (00-99) */
    netra_id_problem problem;             /* why the number is invalid (code NONE if valid) */
    netra_id_problem alt;                 /* automatic detection of 18 digits: why the other
                                             reading (NIP or NI PPPK) failed; code NONE when
                                             it was not needed */
} netra_id_info;

/**
 * Checks one identifier.
 *
 * Spaces, dots and dashes are separators and are ignored ("19860926 201505 1 001"); any
 * other non-digit byte is a NETRA_ID_PROBLEM_CHAR problem naming its byte offset. With
 * `expect` = NETRA_ID_AUTO, 16 digits are a NIK; 18 digits are a NIP when digits 13-14 are a
 * month 01-12 and the NIP checks pass, otherwise a NI PPPK when those checks pass
 * (`reason` and `alt` say why). The rules are listed in docs/internals/ident.md.
 *
 * @param[out] out filled in every case (zeroed first): decoded fields when valid, otherwise
 *             `problem` (and maybe `alt`)
 * @param text the input; need not be NUL-terminated; may be NULL when `len` is 0
 * @param len its length in bytes
 * @param opts options, or NULL for the defaults
 * @return NETRA_OK when the number is valid; NETRA_EINVAL when it is not (`out->problem`
 *         says why and netra_error_last() holds the English explanation) or when an
 *         argument is bad (`out->problem.code` is then NETRA_ID_PROBLEM_NONE).
 *         Thread-safe; calls `region_exists` at most once.
 */
NETRA_API int netra_id_check(netra_id_info *out, const char *text, size_t len,
                             const netra_id_options *opts);

/**
 * Writes the explanation of a result: the problem ("segmen 9-14 (TMT CPNS): bulan 13 tidak
 * ada" / "segment 9-14 (TMT CPNS): month 13 does not exist"), followed by the other
 * reading's problem when there is one; or, for a valid number, the kind and why it was
 * chosen. Like snprintf(), the output is truncated to `cap` - 1 bytes and NUL-terminated
 * when `cap` > 0.
 *
 * @param buf the buffer; may be NULL when `cap` is 0
 * @param cap its size in bytes
 * @param info a result of netra_id_check()
 * @param lang 0 for Indonesian, 1 for English
 * @return the length the full explanation has (excluding the NUL), or NETRA_EINVAL for a
 *         NULL `info`, a bad `lang` or a NULL `buf` with `cap` > 0.
 */
NETRA_API int netra_id_explain(char *buf, size_t cap, const netra_id_info *info, int lang);

/**
 * Writes the explanation of one problem record (as netra_id_explain() does for
 * `info->problem`). Same buffer rules and return value.
 */
NETRA_API int netra_id_explain_problem(char *buf, size_t cap, const netra_id_problem *problem,
                                       int lang);

/**
 * Name of a segment ("TMT CPNS", "tanggal lahir" / "date of birth").
 *
 * @param lang 0 for Indonesian, 1 for English (any other value gives English)
 * @return a static string; "" for NETRA_ID_SEG_NONE or an unknown value.
 */
NETRA_API const char *netra_id_segment_name(netra_id_segment seg, int lang);

/** Display name of a kind: "NIP", "NI PPPK", "NIK"; "auto" for NETRA_ID_AUTO. Static. */
NETRA_API const char *netra_id_kind_name(netra_id_kind kind);

/** Stable lower-case token of a problem code ("tmt_month", "nik_day"...) for JSON. Static;
 *  "unknown" for a value outside the enum. */
NETRA_API const char *netra_id_problem_name(netra_id_problem_code code);

/**
 * Known meaning of a NI PPPK code (observed, unverified): 21 "PPPK", 24 "PPPK paruh waktu".
 *
 * @param lang 0 for Indonesian, 1 for English
 * @return a static string, or NULL when the code has no known meaning.
 */
NETRA_API const char *netra_id_pppk_code_meaning(int code, int lang);

/**
 * Whether a two-digit province code is one of the 38 of Kepmendagri 300.2.2-2138/2025
 * (11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82, 91-96).
 */
NETRA_API int netra_id_province_known(int code);

#ifdef __cplusplus
}
#endif

#endif
