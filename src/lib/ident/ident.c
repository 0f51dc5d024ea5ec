/*
 * ident.c - validation of NIP (PNS), NI PPPK and NIK (KTP) numbers: normalisation of the
 * input, detection of the kind, a digit-by-digit check of each segment, and the bilingual
 * explanation of what is wrong. Rules and their sources: docs/internals/ident.md.
 *
 * Layering: uses util (dates, the error detail) only. The region table is reached through
 * a caller callback, so this module does not depend on src/lib/region. Nothing here
 * allocates: every structure is fixed-size and all work is O(input length).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "netra/ident.h"
#include "util/util_int.h"

/* Earliest plausible year of birth of anyone holding one of these numbers. */
#define BIRTH_YEAR_MIN 1900
/* Earliest plausible TMT CPNS year for an 18-digit NIP. The format dates from Perka BKN
 * 22/2007; a TMT before 1950 would mean a servant still in office 57 years after
 * appointment, beyond any retirement age (plausibility rule, see docs). */
#define NIP_TMT_YEAR_MIN 1950
/* Earliest NI PPPK appointment year: PPPK management was regulated by PP 49/2018 (promulgated
 * November 2018); no NI PPPK can carry an earlier year (plausibility rule). */
#define PPPK_YEAR_MIN 2018

/* Everything a reading needs besides the digits. */
typedef struct check_ctx {
    int ty, tm, td;               /* today */
    int min_age;                  /* minimum age at appointment */
    const netra_id_options *opts; /* the caller's options (never NULL) */
} check_ctx;

static const netra_id_options default_options = NETRA_ID_OPTIONS_INIT;

static const char *const month_id[12] = {"Januari",   "Februari", "Maret",    "April",
                                         "Mei",       "Juni",     "Juli",     "Agustus",
                                         "September", "Oktober",  "November", "Desember"};
static const char *const month_en[12] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};

/* ---- small helpers ---------------------------------------------------------------------- */

/* The decimal value of `n` digits starting at 1-based position `pos`. */
static int num(const char *digits, int pos, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (digits[pos - 1 + i] - '0');
    return v;
}

/* Compares two (year, month, day) triples like strcmp. */
static int cmp_ymd(int y1, int m1, int d1, int y2, int m2, int d2)
{
    if (y1 != y2)
        return y1 < y2 ? -1 : 1;
    if (m1 != m2)
        return m1 < m2 ? -1 : 1;
    if (d1 != d2)
        return d1 < d2 ? -1 : 1;
    return 0;
}

static void problem_set(netra_id_problem *p, netra_id_problem_code code, netra_id_kind kind,
                        netra_id_segment seg, int start, int end, int bad_start, int bad_end)
{
    memset(p, 0, sizeof *p);
    p->code = code;
    p->kind = kind;
    p->segment = seg;
    p->start = start;
    p->end = end;
    p->bad_start = bad_start;
    p->bad_end = bad_end;
}

int netra_id_province_known(int code)
{
    /* Kepmendagri 300.2.2-2138/2025, via idn-area-data data/provinces.csv (domain.md 6.2). */
    static const unsigned char known[] = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33,
                                          34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72,
                                          73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96};
    for (size_t i = 0; i < sizeof known; i++)
        if (known[i] == code)
            return 1;
    return 0;
}

/* ---- segment checks ----------------------------------------------------------------------
 * Each returns 0 when its segment passes, or -1 with `p` filled. */

/* Digits 1-8 of a NIP or NI PPPK: the date of birth YYYYMMDD, a real calendar date, not
 * before 1900, not after today. */
static int check_birth8(netra_id_info *r, netra_id_problem *p, netra_id_kind kind,
                        const check_ctx *c)
{
    const char *d = r->digits;
    int y = num(d, 1, 4), m = num(d, 5, 2), day = num(d, 7, 2);
    netra_id_problem_code code = NETRA_ID_PROBLEM_NONE;
    int bs = 0, be = 0, value = 0;

    if (y < BIRTH_YEAR_MIN) {
        code = NETRA_ID_PROBLEM_BIRTH_TOO_OLD;
        bs = 1, be = 4, value = y;
    } else if (m < 1 || m > 12) {
        code = NETRA_ID_PROBLEM_BIRTH_DATE;
        bs = 5, be = 6, value = m;
    } else if (day < 1 || day > netra_date_days_in_month(y, m)) {
        code = NETRA_ID_PROBLEM_BIRTH_DATE;
        bs = 7, be = 8, value = day;
    } else if (cmp_ymd(y, m, day, c->ty, c->tm, c->td) > 0) {
        code = NETRA_ID_PROBLEM_BIRTH_FUTURE;
        bs = 1, be = 8, value = y;
    }
    if (code != NETRA_ID_PROBLEM_NONE) {
        problem_set(p, code, kind, NETRA_ID_SEG_BIRTH, 1, 8, bs, be);
        p->value = value;
        p->year = y, p->month = m, p->day = day;
        if (code == NETRA_ID_PROBLEM_BIRTH_TOO_OLD)
            p->limit_year = BIRTH_YEAR_MIN;
        else if (code == NETRA_ID_PROBLEM_BIRTH_FUTURE)
            p->limit_year = c->ty, p->limit_month = c->tm, p->limit_day = c->td;
        return -1;
    }
    netra_date_from_ymd(&r->birth, y, m, day); /* cannot fail: checked above */
    return 0;
}

/* Digit 15: sex, 1 = male, 2 = female (Perka BKN 22/2007; same layout in NI PPPK). */
static int check_sex(netra_id_info *r, netra_id_problem *p, netra_id_kind kind)
{
    int s = num(r->digits, 15, 1);
    if (s != 1 && s != 2) {
        problem_set(p, NETRA_ID_PROBLEM_SEX, kind, NETRA_ID_SEG_SEX, 15, 15, 15, 15);
        p->value = s;
        return -1;
    }
    r->sex = s == 1 ? NETRA_ID_SEX_MALE : NETRA_ID_SEX_FEMALE;
    return 0;
}

/* The sequence number: digits 16-18 of a NIP/NI PPPK (001-999), 13-16 of a NIK
 * (0001-9999). Zero is never issued. */
static int check_sequence(netra_id_info *r, netra_id_problem *p, netra_id_kind kind, int start,
                          int end)
{
    int v = num(r->digits, start, end - start + 1);
    if (v == 0) {
        problem_set(p, NETRA_ID_PROBLEM_SEQUENCE, kind, NETRA_ID_SEG_SEQUENCE, start, end, start,
                    end);
        return -1;
    }
    r->sequence = v;
    return 0;
}

/* The earliest (year, month) a TMT CPNS can have: the first day of a month on or after the
 * day the person reaches `min_age`. A TMT is always the 1st of a month (domain.md 6.1). A
 * birthday on 29 February falls on 1 March in common years. */
static void earliest_tmt(int *y_out, int *m_out, netra_date birth, int min_age)
{
    int by, bm, bd;
    netra_date_to_ymd(birth, &by, &bm, &bd);
    int y = by + min_age, m = bm, d = bd;
    if (d > netra_date_days_in_month(y, m)) { /* 29 Feb in a common year */
        m = 3;
        d = 1;
    }
    if (d != 1 && ++m > 12) {
        m = 1;
        y++;
    }
    *y_out = y;
    *m_out = m;
}

/* A whole NIP (Perka BKN 22/2007 and 43/2007; domain.md 6.1):
 * YYYYMMDD birth | YYYYMM TMT CPNS | sex | NNN sequence. No check digit. */
static int read_nip(netra_id_info *r, netra_id_problem *p, const check_ctx *c)
{
    const netra_id_kind K = NETRA_ID_NIP;
    if (check_birth8(r, p, K, c) < 0)
        return -1;
    int ty = num(r->digits, 9, 4), tm = num(r->digits, 13, 2);
    netra_id_problem_code code = NETRA_ID_PROBLEM_NONE;
    int bs = 9, be = 14, ly = 0, lm = 0, ld = 0;
    if (tm < 1 || tm > 12) {
        code = NETRA_ID_PROBLEM_TMT_MONTH;
        bs = 13;
    } else if (ty < NIP_TMT_YEAR_MIN) {
        code = NETRA_ID_PROBLEM_TMT_TOO_OLD;
        be = 12;
        ly = NIP_TMT_YEAR_MIN;
    } else if (cmp_ymd(ty, tm, 1, c->ty, c->tm, c->td) > 0) {
        code = NETRA_ID_PROBLEM_TMT_FUTURE;
        ly = c->ty, lm = c->tm, ld = c->td;
    } else {
        int ey, em;
        earliest_tmt(&ey, &em, r->birth, c->min_age);
        if (cmp_ymd(ty, tm, 1, ey, em, 1) < 0) {
            code = NETRA_ID_PROBLEM_TMT_TOO_EARLY;
            ly = ey, lm = em;
        }
    }
    if (code != NETRA_ID_PROBLEM_NONE) {
        problem_set(p, code, K, NETRA_ID_SEG_TMT, 9, 14, bs, be);
        p->value = code == NETRA_ID_PROBLEM_TMT_MONTH ? tm : ty;
        p->year = ty, p->month = tm;
        p->limit_year = ly, p->limit_month = lm, p->limit_day = ld;
        if (code == NETRA_ID_PROBLEM_TMT_TOO_EARLY)
            p->expected = c->min_age;
        return -1;
    }
    r->tmt_year = ty;
    r->tmt_month = tm;
    if (check_sex(r, p, K) < 0 || check_sequence(r, p, K, 16, 18) < 0)
        return -1;
    return 0;
}

/* A whole NI PPPK (observed layout, domain.md 6.1, unverified):
 * YYYYMMDD birth | YYYY appointment year | CC code (21 PPPK, 24 paruh waktu; not a month) |
 * sex | NNN sequence. */
static int read_pppk(netra_id_info *r, netra_id_problem *p, const check_ctx *c)
{
    const netra_id_kind K = NETRA_ID_NIPPPK;
    if (check_birth8(r, p, K, c) < 0)
        return -1;
    int by;
    netra_date_to_ymd(r->birth, &by, NULL, NULL);
    int year = num(r->digits, 9, 4), code = num(r->digits, 13, 2);
    netra_id_problem_code pc = NETRA_ID_PROBLEM_NONE;
    int ly = 0, lm = 0, ld = 0;
    if (year < PPPK_YEAR_MIN) {
        pc = NETRA_ID_PROBLEM_TMT_TOO_OLD;
        ly = PPPK_YEAR_MIN;
    } else if (year > c->ty) {
        pc = NETRA_ID_PROBLEM_TMT_FUTURE;
        ly = c->ty, lm = c->tm, ld = c->td;
    } else if (year < by + c->min_age) {
        /* Only the year is known: the person must reach min_age during that year. */
        pc = NETRA_ID_PROBLEM_TMT_TOO_EARLY;
        ly = by + c->min_age;
    }
    if (pc != NETRA_ID_PROBLEM_NONE) {
        problem_set(p, pc, K, NETRA_ID_SEG_PPPK_YEAR, 9, 12, 9, 12);
        p->value = year;
        p->year = year;
        p->limit_year = ly, p->limit_month = lm, p->limit_day = ld;
        if (pc == NETRA_ID_PROBLEM_TMT_TOO_EARLY)
            p->expected = c->min_age;
        return -1;
    }
    r->pppk_year = year;
    r->pppk_code = code;
    r->pppk_type = code == 21   ? NETRA_ID_PPPK_REGULAR
                   : code == 24 ? NETRA_ID_PPPK_PARUH_WAKTU
                                : NETRA_ID_PPPK_UNKNOWN;
    if (r->pppk_type == NETRA_ID_PPPK_UNKNOWN && c->opts->pppk_known_codes_only) {
        problem_set(p, NETRA_ID_PROBLEM_PPPK_CODE, K, NETRA_ID_SEG_PPPK_CODE, 13, 14, 13, 14);
        p->value = code;
        return -1;
    }
    if (check_sex(r, p, K) < 0 || check_sequence(r, p, K, 16, 18) < 0)
        return -1;
    return 0;
}

/* A whole NIK: PPKKCC kecamatan code | DDMMYY birth, day + 40 for women | NNNN sequence.
 * The two-digit year becomes the latest year not after today. */
static int read_nik(netra_id_info *r, netra_id_problem *p, const check_ctx *c)
{
    const netra_id_kind K = NETRA_ID_NIK;
    const char *d = r->digits;
    int pp = num(d, 1, 2), kk = num(d, 3, 2), cc = num(d, 5, 2);

    if (!netra_id_province_known(pp)) {
        problem_set(p, NETRA_ID_PROBLEM_NIK_PROVINCE, K, NETRA_ID_SEG_NIK_PROVINCE, 1, 2, 1, 2);
        p->value = pp;
        return -1;
    }
    if (kk == 0) { /* kabupaten 01-69, kota 71-99 (Permendagri 137/2017 format) */
        problem_set(p, NETRA_ID_PROBLEM_NIK_REGENCY, K, NETRA_ID_SEG_NIK_REGENCY, 3, 4, 3, 4);
        return -1;
    }
    if (cc == 0) {
        problem_set(p, NETRA_ID_PROBLEM_NIK_DISTRICT, K, NETRA_ID_SEG_NIK_DISTRICT, 5, 6, 5, 6);
        return -1;
    }
    memcpy(r->region, d, 6);
    r->region[6] = '\0';
    if (c->opts->region_exists != NULL) {
        int ex = c->opts->region_exists(r->region, c->opts->region_payload);
        if (ex == 0) {
            problem_set(p, NETRA_ID_PROBLEM_NIK_REGION_UNKNOWN, K, NETRA_ID_SEG_NIK_REGION, 1, 6, 1,
                        6);
            p->value = num(d, 1, 6);
            return -1;
        }
        r->region_checked = ex > 0;
    }

    int dd = num(d, 7, 2), mm = num(d, 9, 2), yy = num(d, 11, 2);
    int day = dd > 40 ? dd - 40 : dd;
    if (!((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71))) {
        problem_set(p, NETRA_ID_PROBLEM_NIK_DAY, K, NETRA_ID_SEG_NIK_BIRTH, 7, 12, 7, 8);
        p->value = dd;
        p->month = mm;
        return -1;
    }
    if (mm < 1 || mm > 12) {
        problem_set(p, NETRA_ID_PROBLEM_BIRTH_DATE, K, NETRA_ID_SEG_NIK_BIRTH, 7, 12, 9, 10);
        p->value = mm;
        p->month = mm, p->day = day;
        return -1;
    }
    /* The latest year ending in yy whose (yy, mm, day) is not after today. */
    int year = c->ty - c->ty % 100 + yy;
    if (cmp_ymd(year, mm, day, c->ty, c->tm, c->td) > 0)
        year -= 100;
    if (day > netra_date_days_in_month(year, mm)) {
        problem_set(p, NETRA_ID_PROBLEM_BIRTH_DATE, K, NETRA_ID_SEG_NIK_BIRTH, 7, 12, 7, 8);
        p->value = dd;
        p->year = year, p->month = mm, p->day = day;
        return -1;
    }
    netra_date_from_ymd(&r->birth, year, mm, day); /* cannot fail: year >= 1800 */
    r->sex = dd > 40 ? NETRA_ID_SEX_FEMALE : NETRA_ID_SEX_MALE;
    r->birth_year_2digit = yy;
    return check_sequence(r, p, K, 13, 16);
}

/* ---- normalisation and detection --------------------------------------------------------- */

/* Copies the digits of `text` into r->digits (at most 18) and counts them. Spaces, dots and
 * dashes are separators; anything else is a CHAR problem at its byte offset. */
static int normalise(netra_id_info *r, const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch >= '0' && ch <= '9') {
            if (n < NETRA_ID_MAX_DIGITS)
                r->digits[n] = (char)ch;
            n++;
        } else if (ch != ' ' && ch != '.' && ch != '-') {
            problem_set(&r->problem, NETRA_ID_PROBLEM_CHAR, NETRA_ID_UNKNOWN, NETRA_ID_SEG_NONE, 0,
                        0, 0, 0);
            r->problem.offset = i;
            r->problem.byte = ch;
            r->digits[n < NETRA_ID_MAX_DIGITS ? n : NETRA_ID_MAX_DIGITS] = '\0';
            r->n_digits = n;
            return -1;
        }
    }
    r->digits[n < NETRA_ID_MAX_DIGITS ? n : NETRA_ID_MAX_DIGITS] = '\0';
    r->n_digits = n;
    return 0;
}

static void length_problem(netra_id_info *r, int expected)
{
    problem_set(&r->problem, NETRA_ID_PROBLEM_LENGTH, NETRA_ID_UNKNOWN, NETRA_ID_SEG_NONE, 0, 0, 0,
                0);
    r->problem.value = r->n_digits > INT_MAX ? INT_MAX : (int)r->n_digits;
    r->problem.expected = expected;
}

/* Runs one reading on a copy of `base`; returns 0 when it passes. */
static int try_read(netra_id_info *r, const netra_id_info *base, netra_id_kind kind,
                    const check_ctx *c)
{
    *r = *base;
    r->kind = kind;
    switch (kind) {
    case NETRA_ID_NIP:
        return read_nip(r, &r->problem, c);
    case NETRA_ID_NIPPPK:
        return read_pppk(r, &r->problem, c);
    default:
        return read_nik(r, &r->problem, c);
    }
}

/* Keeps the kind, digits and problems of a failed reading and forgets its decoded fields. */
static void clear_decoded(netra_id_info *r)
{
    r->birth = 0;
    r->sex = NETRA_ID_SEX_UNKNOWN;
    r->sequence = 0;
    r->tmt_year = r->tmt_month = 0;
    r->pppk_year = r->pppk_code = 0;
    r->pppk_type = NETRA_ID_PPPK_UNKNOWN;
    memset(r->region, 0, sizeof r->region);
    r->region_checked = 0;
    r->birth_year_2digit = 0;
}

static int fail(netra_id_info *out)
{
    char msg[NETRA_ERROR_MSG_MAX];
    clear_decoded(out);
    out->valid = 0;
    netra_id_explain(msg, sizeof msg, out, 1);
    return nt_error_set(NETRA_EINVAL, "%s", msg);
}

int netra_id_check(netra_id_info *out, const char *text, size_t len, const netra_id_options *opts)
{
    NT_ASSERT_ARG(out != NULL);
    memset(out, 0, sizeof *out);
    NT_ASSERT_ARG(text != NULL || len == 0);
    if (opts == NULL)
        opts = &default_options;
    if (opts->version != NETRA_ID_OPTIONS_VERSION)
        return nt_error_set(NETRA_EINVAL, "netra_id_check: options version %d, expected %d",
                            opts->version, NETRA_ID_OPTIONS_VERSION);
    if (opts->expect < NETRA_ID_AUTO || opts->expect > NETRA_ID_NIK)
        return nt_error_set(NETRA_EINVAL, "netra_id_check: unknown kind %d", (int)opts->expect);
    if (opts->min_age < 0 || opts->min_age > 99)
        return nt_error_set(NETRA_EINVAL, "netra_id_check: min_age %d is outside 0..99",
                            opts->min_age);

    check_ctx c = {0, 0, 0, opts->min_age, opts};
    netra_date today = opts->today != 0 ? opts->today : netra_date_today();
    netra_date lo, hi;
    netra_date_from_ymd(&lo, 1900, 1, 1);
    netra_date_from_ymd(&hi, 9999, 12, 31);
    if (today < lo || today > hi)
        return nt_error_set(NETRA_EINVAL, "netra_id_check: 'today' is outside 1900..9999");
    netra_date_to_ymd(today, &c.ty, &c.tm, &c.td);

    if (normalise(out, text, len) < 0)
        return fail(out);

    netra_id_kind want = opts->expect;
    size_t n = out->n_digits;
    if (want != NETRA_ID_AUTO) {
        size_t need = want == NETRA_ID_NIK ? NETRA_ID_NIK_DIGITS : NETRA_ID_MAX_DIGITS;
        if (n != need) {
            length_problem(out, (int)need);
            return fail(out);
        }
        netra_id_info r;
        int rc = try_read(&r, out, want, &c);
        *out = r;
        out->reason = NETRA_ID_REASON_EXPECTED;
        if (rc < 0)
            return fail(out);
        out->valid = 1;
        return NETRA_OK;
    }

    if (n == NETRA_ID_NIK_DIGITS) {
        netra_id_info r;
        int rc = try_read(&r, out, NETRA_ID_NIK, &c);
        *out = r;
        out->reason = NETRA_ID_REASON_LENGTH_NIK;
        if (rc < 0)
            return fail(out);
        out->valid = 1;
        return NETRA_OK;
    }
    if (n != NETRA_ID_MAX_DIGITS) {
        length_problem(out, 0);
        return fail(out);
    }

    /* 18 digits: digits 13-14 decide which reading comes first. NI PPPK codes seen so far
     * (21, 24) are not months, so a month means NIP unless the NIP reading fails. */
    int cc = num(out->digits, 13, 2);
    netra_id_info nip, pppk;
    int nip_rc = try_read(&nip, out, NETRA_ID_NIP, &c);
    if (cc >= 1 && cc <= 12) {
        if (nip_rc == 0) {
            *out = nip;
            out->reason = NETRA_ID_REASON_MONTH;
            out->valid = 1;
            return NETRA_OK;
        }
        if (try_read(&pppk, out, NETRA_ID_NIPPPK, &c) == 0) {
            *out = pppk;
            out->reason = NETRA_ID_REASON_NIP_FAILED;
            out->alt = nip.problem;
            out->valid = 1;
            return NETRA_OK;
        }
        *out = nip;
        out->reason = NETRA_ID_REASON_MONTH;
        out->alt = pppk.problem;
        return fail(out);
    }
    if (try_read(&pppk, out, NETRA_ID_NIPPPK, &c) == 0) {
        *out = pppk;
        out->reason = NETRA_ID_REASON_NOT_MONTH;
        out->valid = 1;
        return NETRA_OK;
    }
    /* Both readings fail. A known NI PPPK code (21, 24) says which one was meant; otherwise
     * the digits are more likely a NIP with a wrong month (NIPs are the older and more
     * numerous), so that problem comes first and the NI PPPK one is kept in `alt`. */
    if (cc == 21 || cc == 24) {
        *out = pppk;
        out->reason = NETRA_ID_REASON_NOT_MONTH;
        out->alt = nip.problem;
    } else {
        *out = nip;
        out->reason = NETRA_ID_REASON_NEITHER;
        out->alt = pppk.problem;
    }
    return fail(out);
}

/* ---- names --------------------------------------------------------------------------------- */

const char *netra_id_kind_name(netra_id_kind kind)
{
    switch (kind) {
    case NETRA_ID_NIP:
        return "NIP";
    case NETRA_ID_NIPPPK:
        return "NI PPPK";
    case NETRA_ID_NIK:
        return "NIK";
    default:
        return "auto";
    }
}

const char *netra_id_segment_name(netra_id_segment seg, int lang)
{
    int en = lang != 0;
    switch (seg) {
    case NETRA_ID_SEG_BIRTH:
        return en ? "date of birth" : "tanggal lahir";
    case NETRA_ID_SEG_TMT:
        return "TMT CPNS";
    case NETRA_ID_SEG_PPPK_YEAR:
        return en ? "PPPK appointment year" : "tahun pengangkatan PPPK";
    case NETRA_ID_SEG_PPPK_CODE:
        return en ? "PPPK code" : "kode PPPK";
    case NETRA_ID_SEG_SEX:
        return en ? "sex" : "jenis kelamin";
    case NETRA_ID_SEG_SEQUENCE:
        return en ? "sequence number" : "nomor urut";
    case NETRA_ID_SEG_NIK_PROVINCE:
        return en ? "province code" : "kode provinsi";
    case NETRA_ID_SEG_NIK_REGENCY:
        return en ? "regency/city code" : "kode kabupaten/kota";
    case NETRA_ID_SEG_NIK_DISTRICT:
        return en ? "district code" : "kode kecamatan";
    case NETRA_ID_SEG_NIK_REGION:
        return en ? "district region code" : "kode wilayah kecamatan";
    case NETRA_ID_SEG_NIK_BIRTH:
        return en ? "date of birth DDMMYY" : "tanggal lahir DDMMYY";
    default:
        return "";
    }
}

const char *netra_id_problem_name(netra_id_problem_code code)
{
    switch (code) {
    case NETRA_ID_PROBLEM_NONE:
        return "none";
    case NETRA_ID_PROBLEM_LENGTH:
        return "length";
    case NETRA_ID_PROBLEM_CHAR:
        return "char";
    case NETRA_ID_PROBLEM_BIRTH_DATE:
        return "birth_date";
    case NETRA_ID_PROBLEM_BIRTH_FUTURE:
        return "birth_future";
    case NETRA_ID_PROBLEM_BIRTH_TOO_OLD:
        return "birth_too_old";
    case NETRA_ID_PROBLEM_TMT_MONTH:
        return "tmt_month";
    case NETRA_ID_PROBLEM_TMT_TOO_EARLY:
        return "tmt_too_early";
    case NETRA_ID_PROBLEM_TMT_FUTURE:
        return "tmt_future";
    case NETRA_ID_PROBLEM_TMT_TOO_OLD:
        return "tmt_too_old";
    case NETRA_ID_PROBLEM_SEX:
        return "sex";
    case NETRA_ID_PROBLEM_SEQUENCE:
        return "sequence";
    case NETRA_ID_PROBLEM_PPPK_CODE:
        return "pppk_code";
    case NETRA_ID_PROBLEM_NIK_PROVINCE:
        return "nik_province";
    case NETRA_ID_PROBLEM_NIK_REGENCY:
        return "nik_regency";
    case NETRA_ID_PROBLEM_NIK_DISTRICT:
        return "nik_district";
    case NETRA_ID_PROBLEM_NIK_REGION_UNKNOWN:
        return "nik_region_unknown";
    case NETRA_ID_PROBLEM_NIK_DAY:
        return "nik_day";
    default:
        return "unknown";
    }
}

const char *netra_id_pppk_code_meaning(int code, int lang)
{
    /* Observed in issued numbers (domain.md 6.1, swarawarta.co.id), not in a regulation. */
    if (code == 21)
        return lang != 0 ? "PPPK (full time)" : "PPPK (penuh waktu)";
    if (code == 24)
        return lang != 0 ? "PPPK paruh waktu (part time)" : "PPPK paruh waktu";
    return NULL;
}

/* ---- explanations ---------------------------------------------------------------------------
 * A writer with snprintf semantics: `len` counts what the full text needs, while at most
 * cap - 1 bytes are stored. */

typedef struct writer {
    char *buf;  /* destination, may be NULL when cap is 0 */
    size_t cap; /* its size */
    size_t len; /* length of the full text so far */
} writer;

static void w_printf(writer *w, const char *fmt, ...) NT_PRINTF(2, 3);

static void w_printf(writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *dst = NULL;
    size_t room = 0;
    if (w->len < w->cap) {
        dst = w->buf + w->len;
        room = w->cap - w->len;
    }
    int n = vsnprintf(dst, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        w->len += (size_t)n;
}

static const char *month_name(int m, int en)
{
    if (m < 1 || m > 12)
        return "?";
    return en ? month_en[m - 1] : month_id[m - 1];
}

static void explain_problem(writer *w, const netra_id_problem *p, int en)
{
    if (p->start > 0) {
        const char *seg = netra_id_segment_name(p->segment, en);
        if (p->start == p->end)
            w_printf(w, en ? "segment %d (%s): " : "segmen %d (%s): ", p->start, seg);
        else
            w_printf(w, en ? "segment %d-%d (%s): " : "segmen %d-%d (%s): ", p->start, p->end, seg);
    }
    int pppk = p->segment == NETRA_ID_SEG_PPPK_YEAR;
    switch (p->code) {
    case NETRA_ID_PROBLEM_NONE:
        w_printf(w, "%s", en ? "no problem" : "tidak ada masalah");
        break;
    case NETRA_ID_PROBLEM_LENGTH: {
        const char *exp = p->expected == 16   ? "16 (NIK)"
                          : p->expected == 18 ? "18 (NIP/NI PPPK)"
                          : en                ? "16 (NIK) or 18 (NIP/NI PPPK)"
                                              : "16 (NIK) atau 18 (NIP/NI PPPK)";
        w_printf(w,
                 en ? "wrong length: found %d digits, expected %s"
                    : "panjang salah: ditemukan %d angka, seharusnya %s",
                 p->value, exp);
        break;
    }
    case NETRA_ID_PROBLEM_CHAR: {
        char shown[8];
        if (p->byte >= 0x21 && p->byte < 0x7f)
            snprintf(shown, sizeof shown, "'%c'", (char)p->byte);
        else
            snprintf(shown, sizeof shown, "0x%02X", (unsigned)p->byte);
        w_printf(w,
                 en ? "character %s at byte offset %zu is not a digit (accepted separators: "
                      "space, dot, dash)"
                    : "karakter %s pada offset byte %zu bukan angka (pemisah yang diterima: "
                      "spasi, titik, tanda hubung)",
                 shown, p->offset);
        break;
    }
    case NETRA_ID_PROBLEM_BIRTH_DATE:
        if (p->month < 1 || p->month > 12) {
            w_printf(w, en ? "month %02d does not exist" : "bulan %02d tidak ada", p->month);
        } else if (p->day == 0) {
            w_printf(w, "%s", en ? "day 00 does not exist" : "tanggal 00 tidak ada");
        } else if (p->month == 2 && p->day == 29) {
            w_printf(w,
                     en ? "29 February %d does not exist (%d is not a leap year)"
                        : "29 Februari %d tidak ada (%d bukan tahun kabisat)",
                     p->year, p->year);
        } else {
            w_printf(w,
                     en ? "day %d does not exist in %s %d (it has %d days)"
                        : "tanggal %d tidak ada pada bulan %s %d (hanya %d hari)",
                     p->day, month_name(p->month, en), p->year,
                     netra_date_days_in_month(p->year, p->month));
        }
        if (p->segment == NETRA_ID_SEG_NIK_BIRTH && p->value > 40 && p->bad_start == 7)
            w_printf(w,
                     en ? "; written %02d: woman, day + 40"
                        : "; ditulis %02d: perempuan, tanggal + 40",
                     p->value);
        break;
    case NETRA_ID_PROBLEM_BIRTH_FUTURE:
        w_printf(w,
                 en ? "date of birth %04d-%02d-%02d is after today (%04d-%02d-%02d)"
                    : "tanggal lahir %04d-%02d-%02d sesudah hari ini (%04d-%02d-%02d)",
                 p->year, p->month, p->day, p->limit_year, p->limit_month, p->limit_day);
        break;
    case NETRA_ID_PROBLEM_BIRTH_TOO_OLD:
        w_printf(w,
                 en ? "birth year %04d is before %d, not plausible"
                    : "tahun lahir %04d sebelum %d, tidak masuk akal",
                 p->year, p->limit_year);
        break;
    case NETRA_ID_PROBLEM_TMT_MONTH:
        w_printf(w, en ? "month %02d does not exist" : "bulan %02d tidak ada", p->month);
        break;
    case NETRA_ID_PROBLEM_TMT_TOO_OLD:
        if (pppk)
            w_printf(w,
                     en ? "year %04d is before %d; PPPK are appointed only since PP 49/2018"
                        : "tahun %04d sebelum %d; PPPK baru diangkat sejak PP 49/2018",
                     p->year, p->limit_year);
        else
            w_printf(w,
                     en ? "TMT %04d-%02d is before %d, not plausible for a serving PNS"
                        : "TMT %04d-%02d sebelum %d, tidak masuk akal untuk PNS",
                     p->year, p->month, p->limit_year);
        break;
    case NETRA_ID_PROBLEM_TMT_FUTURE:
        if (pppk)
            w_printf(w,
                     en ? "year %04d is after the current year (%04d)"
                        : "tahun %04d sesudah tahun ini (%04d)",
                     p->year, p->limit_year);
        else
            w_printf(w,
                     en ? "TMT %04d-%02d is after today (%04d-%02d-%02d)"
                        : "TMT %04d-%02d sesudah hari ini (%04d-%02d-%02d)",
                     p->year, p->month, p->limit_year, p->limit_month, p->limit_day);
        break;
    case NETRA_ID_PROBLEM_TMT_TOO_EARLY:
        if (pppk)
            w_printf(w,
                     en ? "year %04d is before the employee turned %d (earliest %04d)"
                        : "tahun %04d sebelum pegawai berusia %d tahun (paling awal %04d)",
                     p->year, p->expected, p->limit_year);
        else
            w_printf(w,
                     en ? "TMT %04d-%02d is before the employee turned %d (earliest %04d-%02d)"
                        : "TMT %04d-%02d sebelum pegawai berusia %d tahun (paling awal "
                          "%04d-%02d)",
                     p->year, p->month, p->expected, p->limit_year, p->limit_month);
        break;
    case NETRA_ID_PROBLEM_SEX:
        w_printf(w,
                 en ? "digit %d is neither 1 (male) nor 2 (female)"
                    : "angka %d bukan 1 (laki-laki) atau 2 (perempuan)",
                 p->value);
        break;
    case NETRA_ID_PROBLEM_SEQUENCE:
        if (p->end - p->start + 1 == 4)
            w_printf(w, "%s",
                     en ? "0000 is not a valid sequence; sequences start at 0001"
                        : "0000 tidak sah; nomor urut dimulai dari 0001");
        else
            w_printf(w, "%s",
                     en ? "000 is not a valid sequence; sequences start at 001"
                        : "000 tidak sah; nomor urut dimulai dari 001");
        break;
    case NETRA_ID_PROBLEM_PPPK_CODE:
        w_printf(w,
                 en ? "code %02d is unknown (known: 21 PPPK, 24 PPPK paruh waktu)"
                    : "kode %02d tidak dikenal (yang dikenal: 21 PPPK, 24 PPPK paruh waktu)",
                 p->value);
        break;
    case NETRA_ID_PROBLEM_NIK_PROVINCE:
        w_printf(w,
                 en ? "%02d is not a province code (the 38 codes of Kepmendagri "
                      "300.2.2-2138/2025)"
                    : "%02d bukan kode provinsi (38 kode Kepmendagri 300.2.2-2138/2025)",
                 p->value);
        break;
    case NETRA_ID_PROBLEM_NIK_REGENCY:
        w_printf(w, "%s",
                 en ? "00 is not a regency/city code (kabupaten 01-69, kota 71-99)"
                    : "00 bukan kode kabupaten/kota (kabupaten 01-69, kota 71-99)");
        break;
    case NETRA_ID_PROBLEM_NIK_DISTRICT:
        w_printf(w, "%s",
                 en ? "00 is not a district code (kecamatan codes start at 01)"
                    : "00 bukan kode kecamatan (kode kecamatan mulai dari 01)");
        break;
    case NETRA_ID_PROBLEM_NIK_REGION_UNKNOWN:
        w_printf(w,
                 en ? "district %02d.%02d.%02d is not in the region table"
                    : "kecamatan %02d.%02d.%02d tidak ada dalam tabel wilayah",
                 p->value / 10000 % 100, p->value / 100 % 100, p->value % 100);
        break;
    case NETRA_ID_PROBLEM_NIK_DAY:
        w_printf(w,
                 en ? "day %02d is not valid (01-31 for men, 41-71 for women)"
                    : "tanggal %02d tidak sah (01-31 untuk laki-laki, 41-71 untuk perempuan)",
                 p->value);
        break;
    default:
        w_printf(w, "%s", en ? "unknown problem" : "masalah tidak dikenal");
        break;
    }
}

static void explain_valid(writer *w, const netra_id_info *info, int en)
{
    int cc = info->n_digits == NETRA_ID_MAX_DIGITS ? num(info->digits, 13, 2) : 0;
    w_printf(w, en ? "valid %s" : "%s sah", netra_id_kind_name(info->kind));
    switch (info->reason) {
    case NETRA_ID_REASON_EXPECTED:
        w_printf(w, "%s", en ? " (the kind requested)" : " (jenis yang diminta)");
        break;
    case NETRA_ID_REASON_LENGTH_NIK:
        w_printf(w, "%s", en ? " (16 digits: NIK)" : " (16 angka: NIK)");
        break;
    case NETRA_ID_REASON_MONTH:
        w_printf(w,
                 en ? " (18 digits; digits 13-14 = %02d are a month and the NIP checks pass)"
                    : " (18 angka; angka 13-14 = %02d adalah bulan dan pemeriksaan NIP lolos)",
                 cc);
        break;
    case NETRA_ID_REASON_NOT_MONTH:
        w_printf(w,
                 en ? " (18 digits; digits 13-14 = %02d are not a month, so not a NIP)"
                    : " (18 angka; angka 13-14 = %02d bukan bulan, jadi bukan NIP)",
                 cc);
        break;
    case NETRA_ID_REASON_NIP_FAILED:
        w_printf(w,
                 en ? " (18 digits; digits 13-14 = %02d could be a month, but as a NIP: "
                    : " (18 angka; angka 13-14 = %02d bisa berupa bulan, tetapi sebagai NIP: ",
                 cc);
        explain_problem(w, &info->alt, en);
        w_printf(w, ")");
        break;
    default:
        break;
    }
    if (info->kind == NETRA_ID_NIPPPK) {
        const char *meaning = netra_id_pppk_code_meaning(info->pppk_code, en);
        if (meaning != NULL)
            w_printf(w, en ? "; code %02d: %s" : "; kode %02d: %s", info->pppk_code, meaning);
        else
            w_printf(w,
                     en ? "; code %02d: meaning unknown (known: 21, 24)"
                        : "; kode %02d: artinya tidak diketahui (yang dikenal: 21, 24)",
                     info->pppk_code);
    } else if (info->kind == NETRA_ID_NIK) {
        int y;
        netra_date_to_ymd(info->birth, &y, NULL, NULL);
        w_printf(w,
                 en ? "; two-digit year %02d read as %04d (the latest such year not in the "
                      "future)"
                    : "; tahun dua angka %02d dibaca %04d (tahun terakhir yang tidak di masa "
                      "depan)",
                 info->birth_year_2digit, y);
    }
}

int netra_id_explain_problem(char *buf, size_t cap, const netra_id_problem *problem, int lang)
{
    if (problem == NULL || (lang != 0 && lang != 1) || (buf == NULL && cap > 0))
        return NETRA_EINVAL;
    writer w = {buf, cap, 0};
    if (cap > 0)
        buf[0] = '\0';
    explain_problem(&w, problem, lang);
    return w.len > INT_MAX ? INT_MAX : (int)w.len;
}

int netra_id_explain(char *buf, size_t cap, const netra_id_info *info, int lang)
{
    if (info == NULL || (lang != 0 && lang != 1) || (buf == NULL && cap > 0))
        return NETRA_EINVAL;
    writer w = {buf, cap, 0};
    if (cap > 0)
        buf[0] = '\0';
    if (info->valid) {
        explain_valid(&w, info, lang);
    } else if (info->problem.code == NETRA_ID_PROBLEM_NONE) {
        w_printf(&w, "%s", lang ? "invalid argument" : "argumen tidak sah");
    } else {
        explain_problem(&w, &info->problem, lang);
        if (info->alt.code != NETRA_ID_PROBLEM_NONE) {
            w_printf(&w, lang ? "; as %s: " : "; sebagai %s: ", netra_id_kind_name(info->alt.kind));
            explain_problem(&w, &info->alt, lang);
        }
    }
    return w.len > INT_MAX ? INT_MAX : (int)w.len;
}
