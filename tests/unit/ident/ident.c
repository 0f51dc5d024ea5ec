/* Unit tests for src/lib/ident/ident.c: NIP, NI PPPK and NIK validation. "Today" is fixed at
 * 2026-03-15 through the options unless a test says otherwise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "netra/ident.h"
#include "netra/error.h"
#include "netra/date.h"

static netra_date ymd(int y, int m, int d)
{
    netra_date out;
    assert_int_equal(netra_date_from_ymd(&out, y, m, d), NETRA_OK);
    return out;
}

static netra_id_options opts_for(netra_id_kind kind)
{
    netra_id_options o = NETRA_ID_OPTIONS_INIT;
    o.expect = kind;
    o.today = ymd(2026, 3, 15);
    return o;
}

static int check_o(netra_id_info *info, const char *s, const netra_id_options *o)
{
    int rc = netra_id_check(info, s, strlen(s), o);
    /* The return code and `valid` always agree on a well-formed call. */
    assert_int_equal(rc == NETRA_OK, info->valid);
    return rc;
}

static int check(netra_id_info *info, const char *s, netra_id_kind kind)
{
    netra_id_options o = opts_for(kind);
    return check_o(info, s, &o);
}

static void assert_problem(const netra_id_problem *p, netra_id_problem_code code,
                           netra_id_kind kind, netra_id_segment seg, int start, int end,
                           int bad_start, int bad_end)
{
    assert_int_equal(p->code, code);
    assert_int_equal(p->kind, kind);
    assert_int_equal(p->segment, seg);
    assert_int_equal(p->start, start);
    assert_int_equal(p->end, end);
    assert_int_equal(p->bad_start, bad_start);
    assert_int_equal(p->bad_end, bad_end);
}

static void assert_explain(const netra_id_info *info, int lang, const char *want)
{
    char buf[512];
    int n = netra_id_explain(buf, sizeof buf, info, lang);
    assert_true(n >= 0);
    assert_string_equal(buf, want);
    assert_int_equal((size_t)n, strlen(want));
}

static void assert_explain_has(const netra_id_info *info, int lang, const char *part)
{
    char buf[512];
    assert_true(netra_id_explain(buf, sizeof buf, info, lang) >= 0);
    if (strstr(buf, part) == NULL)
        fail_msg("'%s' not found in '%s'", part, buf);
}

static void assert_birth(const netra_id_info *info, int y, int m, int d)
{
    assert_int_equal(info->birth, ymd(y, m, d));
}

/* ---- valid NIP ------------------------------------------------------------------------- */

static void test_nip_example(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015051001", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_int_equal(i.reason, NETRA_ID_REASON_MONTH);
    assert_string_equal(i.digits, "198609262015051001");
    assert_int_equal(i.n_digits, 18);
    assert_birth(&i, 1986, 9, 26);
    assert_int_equal(i.tmt_year, 2015);
    assert_int_equal(i.tmt_month, 5);
    assert_int_equal(i.sex, NETRA_ID_SEX_MALE);
    assert_int_equal(i.sequence, 1);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
    assert_int_equal(i.alt.code, NETRA_ID_PROBLEM_NONE);
}

static void test_nip_female(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199203142019032005", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_birth(&i, 1992, 3, 14);
    assert_int_equal(i.tmt_year, 2019);
    assert_int_equal(i.tmt_month, 3);
    assert_int_equal(i.sex, NETRA_ID_SEX_FEMALE);
    assert_int_equal(i.sequence, 5);
}

static void test_nip_sequence_999(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "197501011999121999", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_int_equal(i.tmt_month, 12);
    assert_int_equal(i.sequence, 999);
}

static void test_nip_expected_kind(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015051001", NETRA_ID_NIP), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_int_equal(i.reason, NETRA_ID_REASON_EXPECTED);
    assert_explain(&i, 0, "NIP sah (jenis yang diminta)");
    assert_explain(&i, 1, "valid NIP (the kind requested)");
}

static void test_nip_explain_valid(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015051001", NETRA_ID_AUTO), NETRA_OK);
    assert_explain(&i, 0,
                   "NIP sah (18 angka; angka 13-14 = 05 adalah bulan dan pemeriksaan NIP lolos)");
    assert_explain(&i, 1,
                   "valid NIP (18 digits; digits 13-14 = 05 are a month and the NIP checks pass)");
}

static void test_nip_default_options_real_today(void **state)
{
    (void)state;
    netra_id_info i;
    const char *s = "198609262015051001";
    assert_int_equal(netra_id_check(&i, s, strlen(s), NULL), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIP);
}

/* ---- valid NI PPPK --------------------------------------------------------------------- */

static void test_pppk_example_24(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199009132025242014", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_int_equal(i.reason, NETRA_ID_REASON_NOT_MONTH);
    assert_birth(&i, 1990, 9, 13);
    assert_int_equal(i.pppk_year, 2025);
    assert_int_equal(i.pppk_code, 24);
    assert_int_equal(i.pppk_type, NETRA_ID_PPPK_PARUH_WAKTU);
    assert_int_equal(i.sex, NETRA_ID_SEX_FEMALE);
    assert_int_equal(i.sequence, 14);
    assert_int_equal(i.tmt_year, 0);
    assert_explain(&i, 0,
                   "NI PPPK sah (18 angka; angka 13-14 = 24 bukan bulan, jadi bukan NIP); kode "
                   "24: PPPK paruh waktu");
}

static void test_pppk_code_21(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198805172021211003", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_int_equal(i.pppk_year, 2021);
    assert_int_equal(i.pppk_code, 21);
    assert_int_equal(i.pppk_type, NETRA_ID_PPPK_REGULAR);
    assert_int_equal(i.sex, NETRA_ID_SEX_MALE);
    assert_int_equal(i.sequence, 3);
    assert_explain_has(&i, 1, "code 21: PPPK (full time)");
}

static void test_pppk_unknown_code_accepted(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199009132025352014", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_int_equal(i.pppk_code, 35);
    assert_int_equal(i.pppk_type, NETRA_ID_PPPK_UNKNOWN);
    assert_explain_has(&i, 0, "kode 35: artinya tidak diketahui");
    assert_explain_has(&i, 1, "code 35: meaning unknown");
}

static void test_pppk_known_codes_only(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_NIPPPK);
    o.pppk_known_codes_only = 1;
    assert_int_equal(check_o(&i, "199009132025352014", &o), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_PPPK_CODE, NETRA_ID_NIPPPK, NETRA_ID_SEG_PPPK_CODE,
                   13, 14, 13, 14);
    assert_int_equal(i.problem.value, 35);
    assert_explain(&i, 0,
                   "segmen 13-14 (kode PPPK): kode 35 tidak dikenal (yang dikenal: 21 PPPK, 24 "
                   "PPPK paruh waktu)");
    assert_int_equal(check_o(&i, "199009132025242014", &o), NETRA_OK);
}

static void test_pppk_month_code_when_nip_fails(void **state)
{
    (void)state;
    netra_id_info i;
    /* 2026-05 is after "today" as a TMT, but 2026 is the current year for a NI PPPK. */
    assert_int_equal(check(&i, "199009132026052014", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_int_equal(i.reason, NETRA_ID_REASON_NIP_FAILED);
    assert_int_equal(i.pppk_code, 5);
    assert_problem(&i.alt, NETRA_ID_PROBLEM_TMT_FUTURE, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14, 9,
                   14);
    assert_explain_has(&i, 0,
                       "bisa berupa bulan, tetapi sebagai NIP: segmen 9-14 (TMT CPNS): "
                       "TMT 2026-05 sesudah hari ini (2026-03-15)");
}

static void test_pppk_expected_month_code(void **state)
{
    (void)state;
    netra_id_info i;
    /* Asked for a NI PPPK, a month-like code is just an unknown code. */
    assert_int_equal(check(&i, "199009132025052014", NETRA_ID_NIPPPK), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_int_equal(i.pppk_code, 5);
}

/* ---- NIP problems ------------------------------------------------------------------------ */

static void test_nip_tmt_month_13(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015131001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_MONTH, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14,
                   13, 14);
    assert_int_equal(i.problem.value, 13);
    assert_explain(&i, 0, "segmen 9-14 (TMT CPNS): bulan 13 tidak ada");
    assert_explain(&i, 1, "segment 9-14 (TMT CPNS): month 13 does not exist");
    assert_string_equal(netra_error_last()->msg,
                        "segment 9-14 (TMT CPNS): month 13 does not exist");
    assert_int_equal(netra_error_last()->code, NETRA_EINVAL);
}

static void test_nip_tmt_month_00(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015001001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_MONTH, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14,
                   13, 14);
    assert_explain(&i, 0, "segmen 9-14 (TMT CPNS): bulan 00 tidak ada");
}

static void test_auto_month_13_both_readings_fail(void **state)
{
    (void)state;
    netra_id_info i;
    /* 13 is neither a month nor a known NI PPPK code and 2015 predates PPPK: both readings
     * fail, the NIP one is reported first and the NI PPPK one is kept in `alt`. */
    assert_int_equal(check(&i, "198609262015131001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_int_equal(i.reason, NETRA_ID_REASON_NEITHER);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_MONTH, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14,
                   13, 14);
    assert_problem(&i.alt, NETRA_ID_PROBLEM_TMT_TOO_OLD, NETRA_ID_NIPPPK, NETRA_ID_SEG_PPPK_YEAR, 9,
                   12, 9, 12);
    assert_explain(&i, 0,
                   "segmen 9-14 (TMT CPNS): bulan 13 tidak ada; sebagai NI PPPK: segmen 9-12 "
                   "(tahun pengangkatan PPPK): tahun 2015 sebelum 2018; PPPK baru diangkat "
                   "sejak PP 49/2018");
    assert_explain(&i, 1,
                   "segment 9-14 (TMT CPNS): month 13 does not exist; as NI PPPK: segment 9-12 "
                   "(PPPK appointment year): year 2015 is before 2018; PPPK are appointed only "
                   "since PP 49/2018");
}

static void test_auto_known_code_both_readings_fail(void **state)
{
    (void)state;
    netra_id_info i;
    /* Code 24 marks a NI PPPK: its problem comes first. */
    assert_int_equal(check(&i, "199009132017242014", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_int_equal(i.reason, NETRA_ID_REASON_NOT_MONTH);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_TOO_OLD, NETRA_ID_NIPPPK,
                   NETRA_ID_SEG_PPPK_YEAR, 9, 12, 9, 12);
    assert_problem(&i.alt, NETRA_ID_PROBLEM_TMT_MONTH, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14, 13,
                   14);
    assert_explain_has(&i, 0, "; sebagai NIP: segmen 9-14 (TMT CPNS): bulan 24 tidak ada");
}

static void test_auto_month_both_fail_reports_nip(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015051000", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_int_equal(i.reason, NETRA_ID_REASON_MONTH);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_SEQUENCE, NETRA_ID_NIP, NETRA_ID_SEG_SEQUENCE, 16,
                   18, 16, 18);
    assert_problem(&i.alt, NETRA_ID_PROBLEM_TMT_TOO_OLD, NETRA_ID_NIPPPK, NETRA_ID_SEG_PPPK_YEAR, 9,
                   12, 9, 12);
}

static void test_nip_tmt_exactly_18(void **state)
{
    (void)state;
    netra_id_info i;
    /* Born 1 May 1990: 18 on 1 May 2008, so TMT 2008-05 is the earliest. */
    assert_int_equal(check(&i, "199005012008051001", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_int_equal(i.tmt_year, 2008);
}

static void test_nip_tmt_before_18(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199005012008041001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.kind, NETRA_ID_NIP);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_TOO_EARLY, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9,
                   14, 9, 14);
    assert_int_equal(i.problem.expected, 18);
    assert_int_equal(i.problem.limit_year, 2008);
    assert_int_equal(i.problem.limit_month, 5);
    char buf[512];
    netra_id_explain_problem(buf, sizeof buf, &i.problem, 0);
    assert_string_equal(buf, "segmen 9-14 (TMT CPNS): TMT 2008-04 sebelum pegawai berusia 18 "
                             "tahun (paling awal 2008-05)");
    netra_id_explain_problem(buf, sizeof buf, &i.problem, 1);
    assert_string_equal(buf, "segment 9-14 (TMT CPNS): TMT 2008-04 is before the employee "
                             "turned 18 (earliest 2008-05)");
}

static void test_nip_tmt_birthday_mid_month(void **state)
{
    (void)state;
    netra_id_info i;
    /* Born 2 May 1990: on 1 May 2008 still 17, so the earliest TMT is 2008-06. */
    assert_int_equal(check(&i, "199005022008051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_TMT_TOO_EARLY);
    assert_int_equal(i.problem.limit_month, 6);
    assert_int_equal(check(&i, "199005022008061001", NETRA_ID_NIP), NETRA_OK);
}

static void test_nip_tmt_december_birthday(void **state)
{
    (void)state;
    netra_id_info i;
    /* Born 15 Dec 1990: the earliest TMT rolls over to January 2009. */
    assert_int_equal(check(&i, "199012152008121001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.limit_year, 2009);
    assert_int_equal(i.problem.limit_month, 1);
    assert_int_equal(check(&i, "199012152009011001", NETRA_ID_NIP), NETRA_OK);
}

static void test_nip_min_age_parameter(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_NIP);
    o.min_age = 0;
    assert_int_equal(check_o(&i, "199005012008041001", &o), NETRA_OK);
    o.min_age = 20;
    assert_int_equal(check_o(&i, "199005012008051001", &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_TMT_TOO_EARLY);
    assert_int_equal(i.problem.expected, 20);
    assert_int_equal(i.problem.limit_year, 2010);
    assert_explain_has(&i, 1, "turned 20 (earliest 2010-05)");
}

static void test_nip_tmt_before_birth(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_NIP);
    o.min_age = 0;
    assert_int_equal(check_o(&i, "199005151989011001", &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_TMT_TOO_EARLY);
    assert_int_equal(i.problem.limit_year, 1990);
    assert_int_equal(i.problem.limit_month, 6);
}

static void test_nip_leap_day_birthday_age(void **state)
{
    (void)state;
    netra_id_info i;
    /* Born 29 Feb 1996: 18 on 1 March 2014 (2014 is a common year). */
    assert_int_equal(check(&i, "199602292014021001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_TMT_TOO_EARLY);
    assert_int_equal(i.problem.limit_month, 3);
    assert_int_equal(check(&i, "199602292014031001", NETRA_ID_NIP), NETRA_OK);
}

static void test_nip_tmt_future(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199005012027011001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_FUTURE, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14,
                   9, 14);
    assert_explain(&i, 0, "segmen 9-14 (TMT CPNS): TMT 2027-01 sesudah hari ini (2026-03-15)");
    assert_explain(&i, 1, "segment 9-14 (TMT CPNS): TMT 2027-01 is after today (2026-03-15)");
}

static void test_nip_tmt_current_month(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199005012026031001", NETRA_ID_NIP), NETRA_OK);
    assert_int_equal(check(&i, "199005012026041001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_TMT_FUTURE);
}

static void test_nip_today_override(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_NIP);
    o.today = ymd(2010, 1, 1);
    assert_int_equal(check_o(&i, "198609262015051001", &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_TMT_FUTURE);
    assert_int_equal(i.problem.limit_year, 2010);
    o.today = ymd(2015, 5, 1);
    assert_int_equal(check_o(&i, "198609262015051001", &o), NETRA_OK);
}

static void test_nip_tmt_too_old(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "192001011949011001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_TOO_OLD, NETRA_ID_NIP, NETRA_ID_SEG_TMT, 9, 14,
                   9, 12);
    assert_int_equal(i.problem.limit_year, 1950);
    assert_int_equal(check(&i, "192001011950011001", NETRA_ID_NIP), NETRA_OK);
}

static void test_nip_birth_too_old(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "189912312015051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_TOO_OLD, NETRA_ID_NIP, NETRA_ID_SEG_BIRTH, 1,
                   8, 1, 4);
    assert_explain(&i, 0,
                   "segmen 1-8 (tanggal lahir): tahun lahir 1899 sebelum 1900, tidak "
                   "masuk akal");
}

static void test_nip_birth_future(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "202701012045051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_FUTURE, NETRA_ID_NIP, NETRA_ID_SEG_BIRTH, 1,
                   8, 1, 8);
    assert_explain(&i, 1,
                   "segment 1-8 (date of birth): date of birth 2027-01-01 is after today "
                   "(2026-03-15)");
}

static void test_nip_birth_month_13(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198613262015051001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIP, NETRA_ID_SEG_BIRTH, 1, 8,
                   5, 6);
    assert_int_equal(i.problem.value, 13);
    assert_explain_has(&i, 0, "segmen 1-8 (tanggal lahir): bulan 13 tidak ada");
    /* Both readings share the birth date: the alternative fails the same way. */
    assert_problem(&i.alt, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIPPPK, NETRA_ID_SEG_BIRTH, 1, 8,
                   5, 6);
}

static void test_nip_birth_day_00(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609002015051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIP, NETRA_ID_SEG_BIRTH, 1, 8,
                   7, 8);
    assert_explain(&i, 0, "segmen 1-8 (tanggal lahir): tanggal 00 tidak ada");
}

static void test_nip_birth_april_31(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198604312015051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIP, NETRA_ID_SEG_BIRTH, 1, 8,
                   7, 8);
    assert_explain(&i, 0,
                   "segmen 1-8 (tanggal lahir): tanggal 31 tidak ada pada bulan April 1986 "
                   "(hanya 30 hari)");
    assert_explain(&i, 1,
                   "segment 1-8 (date of birth): day 31 does not exist in April 1986 (it has 30 "
                   "days)");
}

static void test_leap_19960229_ok(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199602292015051001", NETRA_ID_AUTO), NETRA_OK);
    assert_birth(&i, 1996, 2, 29);
}

static void test_leap_19970229_rejected(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199702292016051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIP, NETRA_ID_SEG_BIRTH, 1, 8,
                   7, 8);
    assert_explain(&i, 0,
                   "segmen 1-8 (tanggal lahir): 29 Februari 1997 tidak ada (1997 bukan tahun "
                   "kabisat)");
    assert_explain(&i, 1,
                   "segment 1-8 (date of birth): 29 February 1997 does not exist (1997 is not a "
                   "leap year)");
}

static void test_leap_century_years(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "200002292019051001", NETRA_ID_NIP), NETRA_OK);
    assert_int_equal(check(&i, "190002291950011001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_BIRTH_DATE);
    assert_int_equal(check(&i, "198602302015051001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_explain_has(&i, 0, "tanggal 30 tidak ada pada bulan Februari 1986 (hanya 28 hari)");
}

static void test_nip_sex_3(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015053001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_SEX, NETRA_ID_NIP, NETRA_ID_SEG_SEX, 15, 15, 15,
                   15);
    assert_int_equal(i.problem.value, 3);
    assert_explain(&i, 0,
                   "segmen 15 (jenis kelamin): angka 3 bukan 1 (laki-laki) atau 2 "
                   "(perempuan)");
    assert_explain(&i, 1, "segment 15 (sex): digit 3 is neither 1 (male) nor 2 (female)");
}

static void test_nip_sex_0(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015050001", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_SEX);
    assert_int_equal(i.problem.value, 0);
}

static void test_nip_sequence_000(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015051000", NETRA_ID_NIP), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_SEQUENCE, NETRA_ID_NIP, NETRA_ID_SEG_SEQUENCE, 16,
                   18, 16, 18);
    assert_explain(&i, 0, "segmen 16-18 (nomor urut): 000 tidak sah; nomor urut dimulai dari 001");
}

static void test_decoded_fields_cleared_on_failure(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "198609262015051000", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.birth, 0);
    assert_int_equal(i.tmt_year, 0);
    assert_int_equal(i.sex, NETRA_ID_SEX_UNKNOWN);
    assert_int_equal(i.valid, 0);
    assert_string_equal(i.digits, "198609262015051000");
}

/* ---- NI PPPK problems ---------------------------------------------------------------------- */

static void test_pppk_year_too_old(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199009132017212014", NETRA_ID_NIPPPK), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_TOO_OLD, NETRA_ID_NIPPPK,
                   NETRA_ID_SEG_PPPK_YEAR, 9, 12, 9, 12);
    assert_int_equal(i.problem.limit_year, 2018);
    assert_int_equal(check(&i, "199009132018212014", NETRA_ID_NIPPPK), NETRA_OK);
}

static void test_pppk_year_future(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199009132027212014", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.kind, NETRA_ID_NIPPPK);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_FUTURE, NETRA_ID_NIPPPK, NETRA_ID_SEG_PPPK_YEAR,
                   9, 12, 9, 12);
    assert_explain_has(&i, 0,
                       "segmen 9-12 (tahun pengangkatan PPPK): tahun 2027 sesudah tahun "
                       "ini (2026)");
}

static void test_pppk_too_young(void **state)
{
    (void)state;
    netra_id_info i;
    /* Born 2005: reaches 18 during 2023, so 2022 is too early and 2023 is accepted. */
    assert_int_equal(check(&i, "200512312022212001", NETRA_ID_NIPPPK), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_TMT_TOO_EARLY, NETRA_ID_NIPPPK,
                   NETRA_ID_SEG_PPPK_YEAR, 9, 12, 9, 12);
    assert_int_equal(i.problem.limit_year, 2023);
    assert_explain_has(&i, 1, "year 2022 is before the employee turned 18 (earliest 2023)");
    assert_int_equal(check(&i, "200512312023212001", NETRA_ID_NIPPPK), NETRA_OK);
}

static void test_pppk_sex_and_sequence(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "199009132025249014", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_SEX, NETRA_ID_NIPPPK, NETRA_ID_SEG_SEX, 15, 15, 15,
                   15);
    assert_int_equal(check(&i, "199009132025242000", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_SEQUENCE, NETRA_ID_NIPPPK, NETRA_ID_SEG_SEQUENCE,
                   16, 18, 16, 18);
}

/* ---- NIK ------------------------------------------------------------------------------------- */

static void test_nik_male(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273012609860001", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIK);
    assert_int_equal(i.reason, NETRA_ID_REASON_LENGTH_NIK);
    assert_string_equal(i.region, "327301");
    assert_birth(&i, 1986, 9, 26);
    assert_int_equal(i.sex, NETRA_ID_SEX_MALE);
    assert_int_equal(i.sequence, 1);
    assert_int_equal(i.birth_year_2digit, 86);
    assert_int_equal(i.region_checked, 0);
    assert_explain(&i, 0,
                   "NIK sah (16 angka: NIK); tahun dua angka 86 dibaca 1986 (tahun terakhir "
                   "yang tidak di masa depan)");
}

static void test_nik_female(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273016609860002", NETRA_ID_AUTO), NETRA_OK);
    assert_birth(&i, 1986, 9, 26);
    assert_int_equal(i.sex, NETRA_ID_SEX_FEMALE);
    assert_int_equal(i.sequence, 2);
}

static void test_nik_female_day_bounds(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273014101909999", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 1990, 1, 1);
    assert_int_equal(i.sex, NETRA_ID_SEX_FEMALE);
    assert_int_equal(i.sequence, 9999);
    assert_int_equal(check(&i, "3273017101900003", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 1990, 1, 31);
    assert_int_equal(check(&i, "3273013101900003", NETRA_ID_NIK), NETRA_OK);
    assert_int_equal(i.sex, NETRA_ID_SEX_MALE);
}

static void test_nik_day_out_of_range(void **state)
{
    (void)state;
    static const char *bad[] = {"3273010001900001", "3273013201900001", "3273014001900001",
                                "3273017201900001", "3273019901900001"};
    static const int day[] = {0, 32, 40, 72, 99};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        netra_id_info i;
        assert_int_equal(check(&i, bad[k], NETRA_ID_AUTO), NETRA_EINVAL);
        assert_problem(&i.problem, NETRA_ID_PROBLEM_NIK_DAY, NETRA_ID_NIK, NETRA_ID_SEG_NIK_BIRTH,
                       7, 12, 7, 8);
        assert_int_equal(i.problem.value, day[k]);
    }
    netra_id_info i;
    check(&i, "3273013201900001", NETRA_ID_AUTO);
    assert_explain(&i, 0,
                   "segmen 7-12 (tanggal lahir DDMMYY): tanggal 32 tidak sah (01-31 untuk "
                   "laki-laki, 41-71 untuk perempuan)");
}

static void test_nik_month_13(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273012613860001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIK, NETRA_ID_SEG_NIK_BIRTH, 7,
                   12, 9, 10);
    assert_explain(&i, 1, "segment 7-12 (date of birth DDMMYY): month 13 does not exist");
}

static void test_nik_april_31(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273013104900001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIK, NETRA_ID_SEG_NIK_BIRTH, 7,
                   12, 7, 8);
    assert_int_equal(check(&i, "3273017104900001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_BIRTH_DATE);
    assert_int_equal(i.problem.day, 31);
    assert_int_equal(i.problem.value, 71);
    assert_explain(&i, 0,
                   "segmen 7-12 (tanggal lahir DDMMYY): tanggal 31 tidak ada pada bulan April "
                   "1990 (hanya 30 hari); ditulis 71: perempuan, tanggal + 40");
}

static void test_nik_year_resolution(void **state)
{
    (void)state;
    netra_id_info i;
    /* today = 2026-03-15 */
    assert_int_equal(check(&i, "3273011503260001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 2026, 3, 15);
    assert_int_equal(check(&i, "3273011603260001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 1926, 3, 16);
    assert_int_equal(check(&i, "3273010101000001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 2000, 1, 1);
    assert_int_equal(check(&i, "3273010101990001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 1999, 1, 1);
    assert_int_equal(check(&i, "3273010101270001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 1927, 1, 1);
    assert_explain_has(&i, 1, "two-digit year 27 read as 1927");
}

static void test_nik_leap_days(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273012902000001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 2000, 2, 29);
    assert_int_equal(check(&i, "3273016902960001", NETRA_ID_NIK), NETRA_OK);
    assert_birth(&i, 1996, 2, 29);
    assert_int_equal(check(&i, "3273012902970001", NETRA_ID_NIK), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_BIRTH_DATE, NETRA_ID_NIK, NETRA_ID_SEG_NIK_BIRTH, 7,
                   12, 7, 8);
    assert_int_equal(i.problem.year, 1997);
}

static void test_nik_year_resolution_other_today(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_NIK);
    o.today = ymd(1999, 12, 31);
    assert_int_equal(check_o(&i, "3273010101000001", &o), NETRA_OK);
    assert_birth(&i, 1900, 1, 1);
    /* Before 2000 "00" is 1900, which has no 29 February. */
    assert_int_equal(check_o(&i, "3273012902000001", &o), NETRA_EINVAL);
    assert_int_equal(i.problem.year, 1900);
}

static void test_nik_province(void **state)
{
    (void)state;
    static const char *bad[] = {"0073012609860001", "1073012609860001", "2073012609860001",
                                "3773012609860001", "9773012609860001", "9973012609860001"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        netra_id_info i;
        assert_int_equal(check(&i, bad[k], NETRA_ID_AUTO), NETRA_EINVAL);
        assert_problem(&i.problem, NETRA_ID_PROBLEM_NIK_PROVINCE, NETRA_ID_NIK,
                       NETRA_ID_SEG_NIK_PROVINCE, 1, 2, 1, 2);
    }
    netra_id_info i;
    check(&i, "2073012609860001", NETRA_ID_AUTO);
    assert_explain(&i, 0,
                   "segmen 1-2 (kode provinsi): 20 bukan kode provinsi (38 kode Kepmendagri "
                   "300.2.2-2138/2025)");
}

static void test_nik_all_38_provinces(void **state)
{
    (void)state;
    int n = 0;
    for (int pp = 0; pp < 100; pp++) {
        char s[17];
        snprintf(s, sizeof s, "%02d01012609860001", pp);
        netra_id_info i;
        int rc = check(&i, s, NETRA_ID_NIK);
        assert_int_equal(rc == NETRA_OK, netra_id_province_known(pp));
        n += rc == NETRA_OK;
    }
    assert_int_equal(n, 38);
    assert_true(netra_id_province_known(96));
    assert_false(netra_id_province_known(97));
    assert_true(netra_id_province_known(21));
    assert_false(netra_id_province_known(22));
}

static void test_nik_regency_and_district_00(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3200012609860001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_NIK_REGENCY, NETRA_ID_NIK, NETRA_ID_SEG_NIK_REGENCY,
                   3, 4, 3, 4);
    assert_explain_has(&i, 0, "segmen 3-4 (kode kabupaten/kota): 00 bukan kode kabupaten/kota");
    assert_int_equal(check(&i, "3273002609860001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_NIK_DISTRICT, NETRA_ID_NIK,
                   NETRA_ID_SEG_NIK_DISTRICT, 5, 6, 5, 6);
    assert_explain_has(&i, 1, "segment 5-6 (district code): 00 is not a district code");
}

static void test_nik_sequence_0000(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "3273012609860000", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_SEQUENCE, NETRA_ID_NIK, NETRA_ID_SEG_SEQUENCE, 13,
                   16, 13, 16);
    assert_explain(&i, 0,
                   "segmen 13-16 (nomor urut): 0000 tidak sah; nomor urut dimulai dari 0001");
}

typedef struct region_stub {
    int answer;   /* what the callback returns */
    int calls;    /* how often it was called */
    char last[8]; /* last code seen */
} region_stub;

static int region_cb(const char *code6, void *payload)
{
    region_stub *s = payload;
    s->calls++;
    snprintf(s->last, sizeof s->last, "%s", code6);
    return s->answer;
}

static void test_nik_region_callback(void **state)
{
    (void)state;
    netra_id_info i;
    region_stub stub = {1, 0, ""};
    netra_id_options o = opts_for(NETRA_ID_AUTO);
    o.region_exists = region_cb;
    o.region_payload = &stub;
    assert_int_equal(check_o(&i, "32.73.01.260986.0001", &o), NETRA_OK);
    assert_int_equal(stub.calls, 1);
    assert_string_equal(stub.last, "327301");
    assert_int_equal(i.region_checked, 1);

    stub.answer = 0;
    assert_int_equal(check_o(&i, "3273992609860001", &o), NETRA_EINVAL);
    assert_problem(&i.problem, NETRA_ID_PROBLEM_NIK_REGION_UNKNOWN, NETRA_ID_NIK,
                   NETRA_ID_SEG_NIK_REGION, 1, 6, 1, 6);
    assert_explain(&i, 0,
                   "segmen 1-6 (kode wilayah kecamatan): kecamatan 32.73.99 tidak ada dalam "
                   "tabel wilayah");
    assert_explain(&i, 1,
                   "segment 1-6 (district region code): district 32.73.99 is not in the region "
                   "table");

    stub.answer = -1; /* cannot say: the check is skipped */
    assert_int_equal(check_o(&i, "3273992609860001", &o), NETRA_OK);
    assert_int_equal(i.region_checked, 0);
}

static void test_nik_region_callback_not_called_on_bad_code(void **state)
{
    (void)state;
    netra_id_info i;
    region_stub stub = {1, 0, ""};
    netra_id_options o = opts_for(NETRA_ID_AUTO);
    o.region_exists = region_cb;
    o.region_payload = &stub;
    check_o(&i, "9973012609860001", &o);
    check_o(&i, "198609262015051001", &o);
    assert_int_equal(stub.calls, 0);
}

/* ---- input tolerance ---------------------------------------------------------------------- */

static void test_separators(void **state)
{
    (void)state;
    static const char *ok[] = {"19860926 201505 1 001", "1986.09.26-2015.05-1-001",
                               " 198609262015051001 ", "1-9-8-6-0-9-2-6-2-0-1-5-0-5-1-0-0-1",
                               "19860926  201505  1  001"};
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
        netra_id_info i;
        assert_int_equal(check(&i, ok[k], NETRA_ID_AUTO), NETRA_OK);
        assert_string_equal(i.digits, "198609262015051001");
    }
    netra_id_info i;
    assert_int_equal(check(&i, "3273.01.260986-0001", NETRA_ID_AUTO), NETRA_OK);
    assert_int_equal(i.kind, NETRA_ID_NIK);
}

static void test_non_digit_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t offset;
        unsigned char byte;
    } cases[] = {
        {"19860926x201505", 8, 'x'},
        {"198609262015O51001", 12, 'O'},
        {"1986/09/26", 4, '/'},
        {"19860926\t201505", 8, '\t'},
        {"NIP 198609262015051001", 0, 'N'},
        {"19860926 201505 1 001\n", 21, '\n'},
        {"1986\xc2\xa0"
         "0926",
         4, 0xC2},
        {"_", 0, '_'},
        {"198609262015051001,", 18, ','},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        netra_id_info i;
        assert_int_equal(check(&i, cases[k].s, NETRA_ID_AUTO), NETRA_EINVAL);
        assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_CHAR);
        assert_int_equal(i.problem.offset, cases[k].offset);
        assert_int_equal(i.problem.byte, cases[k].byte);
        assert_int_equal(i.problem.start, 0);
        assert_int_equal(i.kind, NETRA_ID_UNKNOWN);
    }
    netra_id_info i;
    check(&i, "19860926x201505", NETRA_ID_AUTO);
    assert_explain(&i, 0,
                   "karakter 'x' pada offset byte 8 bukan angka (pemisah yang diterima: spasi, "
                   "titik, tanda hubung)");
    assert_explain(&i, 1,
                   "character 'x' at byte offset 8 is not a digit (accepted separators: space, "
                   "dot, dash)");
    check(&i, "1986\xc2\xa0", NETRA_ID_AUTO);
    assert_explain_has(&i, 1, "character 0xC2 at byte offset 4");
}

static void test_embedded_nul_is_a_char_problem(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_AUTO);
    assert_int_equal(netra_id_check(&i,
                                    "1986\0"
                                    "0926",
                                    9, &o),
                     NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_CHAR);
    assert_int_equal(i.problem.offset, 4);
    assert_explain_has(&i, 1, "character 0x00 at byte offset 4");
}

static void test_lengths_0_to_40(void **state)
{
    (void)state;
    char s[41];
    for (size_t n = 0; n <= 40; n++) {
        memset(s, '9', n);
        s[n] = '\0';
        netra_id_info i;
        netra_id_options o = opts_for(NETRA_ID_AUTO);
        int rc = netra_id_check(&i, s, n, &o);
        assert_int_equal(rc, NETRA_EINVAL); /* no run of nines is valid */
        assert_int_equal(i.n_digits, n);
        assert_int_equal(strlen(i.digits), n < 18 ? n : 18);
        if (n == 16 || n == 18) {
            assert_true(i.problem.code != NETRA_ID_PROBLEM_LENGTH);
            assert_true(i.problem.start >= 1 && i.problem.end <= (int)n);
        } else {
            assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_LENGTH);
            assert_int_equal(i.problem.value, (int)n);
            assert_int_equal(i.problem.expected, 0);
            assert_int_equal(i.problem.segment, NETRA_ID_SEG_NONE);
            assert_int_equal(i.kind, NETRA_ID_UNKNOWN);
        }
    }
}

static void test_length_messages(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "19860926201505100", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_explain(&i, 0,
                   "panjang salah: ditemukan 17 angka, seharusnya 16 (NIK) atau 18 (NIP/NI PPPK)");
    assert_int_equal(check(&i, "19860926201505100", NETRA_ID_NIP), NETRA_EINVAL);
    assert_int_equal(i.problem.expected, 18);
    assert_explain(&i, 0, "panjang salah: ditemukan 17 angka, seharusnya 18 (NIP/NI PPPK)");
    assert_explain(&i, 1, "wrong length: found 17 digits, expected 18 (NIP/NI PPPK)");
    assert_int_equal(check(&i, "198609262015051001", NETRA_ID_NIK), NETRA_EINVAL);
    assert_int_equal(i.problem.expected, 16);
    assert_explain(&i, 1, "wrong length: found 18 digits, expected 16 (NIK)");
    assert_int_equal(check(&i, "3273012609860001", NETRA_ID_NIPPPK), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_LENGTH);
    assert_int_equal(check(&i, "", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_explain_has(&i, 0, "ditemukan 0 angka");
}

static void test_long_input_keeps_count(void **state)
{
    (void)state;
    netra_id_info i;
    assert_int_equal(check(&i, "1986092620150510011234567", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(i.n_digits, 25);
    assert_string_equal(i.digits, "198609262015051001");
    assert_int_equal(i.problem.value, 25);
}

/* ---- API edges ------------------------------------------------------------------------------ */

static void test_bad_arguments(void **state)
{
    (void)state;
    netra_id_info i;
    netra_id_options o = opts_for(NETRA_ID_AUTO);
    o.version = 0;
    assert_int_equal(netra_id_check(&i, "1", 1, &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
    assert_int_equal(i.valid, 0);
    assert_non_null(strstr(netra_error_last()->msg, "version"));
    assert_explain(&i, 0, "argumen tidak sah");
    o = opts_for(NETRA_ID_AUTO);
    o.min_age = 100;
    assert_int_equal(netra_id_check(&i, "1", 1, &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
    o.min_age = -1;
    assert_int_equal(netra_id_check(&i, "1", 1, &o), NETRA_EINVAL);
    o = opts_for((netra_id_kind)7);
    assert_int_equal(netra_id_check(&i, "1", 1, &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
    o = opts_for(NETRA_ID_AUTO);
    o.today = ymd(1899, 12, 31);
    assert_int_equal(netra_id_check(&i, "1", 1, &o), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
    o.today = INT32_MAX;
    assert_int_equal(netra_id_check(&i, "1", 1, &o), NETRA_EINVAL);
    assert_int_equal(netra_id_check(NULL, "1", 1, NULL), NETRA_EINVAL);
    assert_int_equal(netra_id_check(&i, NULL, 3, NULL), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
    /* NULL with length 0 is an empty input. */
    assert_int_equal(netra_id_check(&i, NULL, 0, NULL), NETRA_EINVAL);
    assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_LENGTH);
}

static void test_error_last_english(void **state)
{
    (void)state;
    netra_id_info i;
    netra_error_clear();
    assert_int_equal(check(&i, "198609262015053001", NETRA_ID_AUTO), NETRA_EINVAL);
    assert_int_equal(netra_error_last()->code, NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "segment 15 (sex): digit 3"));
}

static void test_explain_truncation(void **state)
{
    (void)state;
    netra_id_info i;
    check(&i, "198609262015131001", NETRA_ID_NIP);
    char full[512];
    int n = netra_id_explain(full, sizeof full, &i, 0);
    assert_int_equal(n, (int)strlen(full));
    for (size_t cap = 1; cap < 12; cap++) {
        char small[12];
        memset(small, 'Z', sizeof small);
        assert_int_equal(netra_id_explain(small, cap, &i, 0), n);
        assert_int_equal(strlen(small), cap - 1);
        assert_memory_equal(small, full, cap - 1);
        if (cap < sizeof small)
            assert_int_equal(small[cap], 'Z'); /* nothing written past cap */
    }
    assert_int_equal(netra_id_explain(NULL, 0, &i, 1),
                     (int)strlen("segment 9-14 (TMT CPNS): month 13 "
                                 "does not exist"));
}

static void test_explain_bad_arguments(void **state)
{
    (void)state;
    netra_id_info i;
    char buf[16];
    check(&i, "198609262015051001", NETRA_ID_AUTO);
    assert_int_equal(netra_id_explain(buf, sizeof buf, NULL, 0), NETRA_EINVAL);
    assert_int_equal(netra_id_explain(buf, sizeof buf, &i, 2), NETRA_EINVAL);
    assert_int_equal(netra_id_explain(buf, sizeof buf, &i, -1), NETRA_EINVAL);
    assert_int_equal(netra_id_explain(NULL, 4, &i, 0), NETRA_EINVAL);
    assert_int_equal(netra_id_explain_problem(buf, sizeof buf, NULL, 0), NETRA_EINVAL);
}

static void test_segment_names(void **state)
{
    (void)state;
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_TMT, 0), "TMT CPNS");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_TMT, 1), "TMT CPNS");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_BIRTH, 0), "tanggal lahir");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_BIRTH, 1), "date of birth");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_SEX, 0), "jenis kelamin");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_SEQUENCE, 1), "sequence number");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_NIK_PROVINCE, 0), "kode provinsi");
    assert_string_equal(netra_id_segment_name(NETRA_ID_SEG_NONE, 0), "");
    assert_string_equal(netra_id_segment_name((netra_id_segment)99, 1), "");
    for (int s = NETRA_ID_SEG_BIRTH; s <= NETRA_ID_SEG_NIK_BIRTH; s++) {
        assert_true(strlen(netra_id_segment_name((netra_id_segment)s, 0)) > 0);
        assert_true(strlen(netra_id_segment_name((netra_id_segment)s, 1)) > 0);
    }
}

static void test_kind_and_problem_names(void **state)
{
    (void)state;
    assert_string_equal(netra_id_kind_name(NETRA_ID_NIP), "NIP");
    assert_string_equal(netra_id_kind_name(NETRA_ID_NIPPPK), "NI PPPK");
    assert_string_equal(netra_id_kind_name(NETRA_ID_NIK), "NIK");
    assert_string_equal(netra_id_kind_name(NETRA_ID_AUTO), "auto");
    assert_string_equal(netra_id_problem_name(NETRA_ID_PROBLEM_TMT_MONTH), "tmt_month");
    assert_string_equal(netra_id_problem_name((netra_id_problem_code)999), "unknown");
    for (int a = NETRA_ID_PROBLEM_NONE; a <= NETRA_ID_PROBLEM_NIK_DAY; a++) {
        assert_string_not_equal(netra_id_problem_name((netra_id_problem_code)a), "unknown");
        for (int b = a + 1; b <= NETRA_ID_PROBLEM_NIK_DAY; b++)
            assert_string_not_equal(netra_id_problem_name((netra_id_problem_code)a),
                                    netra_id_problem_name((netra_id_problem_code)b));
        /* every problem has an explanation in both languages */
        netra_id_problem p;
        memset(&p, 0, sizeof p);
        p.code = (netra_id_problem_code)a;
        char id[256], en[256];
        assert_true(netra_id_explain_problem(id, sizeof id, &p, 0) > 0);
        assert_true(netra_id_explain_problem(en, sizeof en, &p, 1) > 0);
        assert_string_not_equal(id, en);
    }
}

static void test_pppk_code_meaning(void **state)
{
    (void)state;
    assert_string_equal(netra_id_pppk_code_meaning(24, 0), "PPPK paruh waktu");
    assert_non_null(netra_id_pppk_code_meaning(21, 1));
    assert_null(netra_id_pppk_code_meaning(22, 0));
    assert_null(netra_id_pppk_code_meaning(5, 1));
}

/* Every single-digit change of valid numbers yields either a valid number or a problem whose
 * positions are consistent and lie inside the number. */
static void test_mutation_invariants(void **state)
{
    (void)state;
    static const char *base[] = {"198609262015051001", "199009132025242014", "3273016609860002"};
    for (size_t b = 0; b < sizeof base / sizeof *base; b++) {
        size_t len = strlen(base[b]);
        for (size_t pos = 0; pos < len; pos++) {
            for (char dgt = '0'; dgt <= '9'; dgt++) {
                char s[20];
                memcpy(s, base[b], len + 1);
                s[pos] = dgt;
                for (int kind = NETRA_ID_AUTO; kind <= NETRA_ID_NIK; kind++) {
                    netra_id_info i;
                    netra_id_options o = opts_for((netra_id_kind)kind);
                    int rc = netra_id_check(&i, s, len, &o);
                    assert_int_equal(rc == NETRA_OK, i.valid);
                    if (rc == NETRA_OK) {
                        assert_int_equal(i.problem.code, NETRA_ID_PROBLEM_NONE);
                        assert_true(i.kind != NETRA_ID_UNKNOWN);
                        continue;
                    }
                    const netra_id_problem *p = &i.problem;
                    assert_true(p->code != NETRA_ID_PROBLEM_NONE);
                    if (p->code == NETRA_ID_PROBLEM_LENGTH)
                        continue;
                    assert_true(p->start >= 1);
                    assert_true(p->start <= p->bad_start);
                    assert_true(p->bad_start <= p->bad_end);
                    assert_true(p->bad_end <= p->end);
                    assert_true(p->end <= (int)len);
                }
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nip_example),
        cmocka_unit_test(test_nip_female),
        cmocka_unit_test(test_nip_sequence_999),
        cmocka_unit_test(test_nip_expected_kind),
        cmocka_unit_test(test_nip_explain_valid),
        cmocka_unit_test(test_nip_default_options_real_today),
        cmocka_unit_test(test_pppk_example_24),
        cmocka_unit_test(test_pppk_code_21),
        cmocka_unit_test(test_pppk_unknown_code_accepted),
        cmocka_unit_test(test_pppk_known_codes_only),
        cmocka_unit_test(test_pppk_month_code_when_nip_fails),
        cmocka_unit_test(test_pppk_expected_month_code),
        cmocka_unit_test(test_nip_tmt_month_13),
        cmocka_unit_test(test_nip_tmt_month_00),
        cmocka_unit_test(test_auto_month_13_both_readings_fail),
        cmocka_unit_test(test_auto_known_code_both_readings_fail),
        cmocka_unit_test(test_auto_month_both_fail_reports_nip),
        cmocka_unit_test(test_nip_tmt_exactly_18),
        cmocka_unit_test(test_nip_tmt_before_18),
        cmocka_unit_test(test_nip_tmt_birthday_mid_month),
        cmocka_unit_test(test_nip_tmt_december_birthday),
        cmocka_unit_test(test_nip_min_age_parameter),
        cmocka_unit_test(test_nip_tmt_before_birth),
        cmocka_unit_test(test_nip_leap_day_birthday_age),
        cmocka_unit_test(test_nip_tmt_future),
        cmocka_unit_test(test_nip_tmt_current_month),
        cmocka_unit_test(test_nip_today_override),
        cmocka_unit_test(test_nip_tmt_too_old),
        cmocka_unit_test(test_nip_birth_too_old),
        cmocka_unit_test(test_nip_birth_future),
        cmocka_unit_test(test_nip_birth_month_13),
        cmocka_unit_test(test_nip_birth_day_00),
        cmocka_unit_test(test_nip_birth_april_31),
        cmocka_unit_test(test_leap_19960229_ok),
        cmocka_unit_test(test_leap_19970229_rejected),
        cmocka_unit_test(test_leap_century_years),
        cmocka_unit_test(test_nip_sex_3),
        cmocka_unit_test(test_nip_sex_0),
        cmocka_unit_test(test_nip_sequence_000),
        cmocka_unit_test(test_decoded_fields_cleared_on_failure),
        cmocka_unit_test(test_pppk_year_too_old),
        cmocka_unit_test(test_pppk_year_future),
        cmocka_unit_test(test_pppk_too_young),
        cmocka_unit_test(test_pppk_sex_and_sequence),
        cmocka_unit_test(test_nik_male),
        cmocka_unit_test(test_nik_female),
        cmocka_unit_test(test_nik_female_day_bounds),
        cmocka_unit_test(test_nik_day_out_of_range),
        cmocka_unit_test(test_nik_month_13),
        cmocka_unit_test(test_nik_april_31),
        cmocka_unit_test(test_nik_year_resolution),
        cmocka_unit_test(test_nik_leap_days),
        cmocka_unit_test(test_nik_year_resolution_other_today),
        cmocka_unit_test(test_nik_province),
        cmocka_unit_test(test_nik_all_38_provinces),
        cmocka_unit_test(test_nik_regency_and_district_00),
        cmocka_unit_test(test_nik_sequence_0000),
        cmocka_unit_test(test_nik_region_callback),
        cmocka_unit_test(test_nik_region_callback_not_called_on_bad_code),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_non_digit_offsets),
        cmocka_unit_test(test_embedded_nul_is_a_char_problem),
        cmocka_unit_test(test_lengths_0_to_40),
        cmocka_unit_test(test_length_messages),
        cmocka_unit_test(test_long_input_keeps_count),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_error_last_english),
        cmocka_unit_test(test_explain_truncation),
        cmocka_unit_test(test_explain_bad_arguments),
        cmocka_unit_test(test_segment_names),
        cmocka_unit_test(test_kind_and_problem_names),
        cmocka_unit_test(test_pppk_code_meaning),
        cmocka_unit_test(test_mutation_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
