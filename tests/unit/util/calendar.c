/* Unit tests for src/lib/util/calendar.c against the shipped holiday data 2022-2026 and
 * against malformed fixtures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/calendar.h"
#include "failalloc.h"

static netra_date D(const char *s)
{
    netra_date d;
    assert_int_equal(netra_date_parse(&d, s, strlen(s)), NETRA_OK);
    return d;
}

static int setup(void **state)
{
    netra_calendar *cal;
    if (netra_calendar_load(&cal, NULL) != NETRA_OK) {
        fprintf(stderr, "%s\n", netra_error_last()->msg);
        return -1;
    }
    *state = cal;
    return 0;
}

static int teardown(void **state)
{
    netra_calendar_free(*state);
    return 0;
}

static void test_years_covered(void **state)
{
    netra_calendar *cal = *state;
    for (int y = 2022; y <= 2026; y++) {
        assert_true(netra_calendar_covers(cal, y));
        const netra_holiday *rows;
        size_t n;
        assert_int_equal(netra_calendar_holidays(&rows, &n, cal, y), NETRA_OK);
        assert_true(n >= 14);
        for (size_t i = 0; i < n; i++) {
            assert_true(strlen(rows[i].basis) > 0);
            assert_true(strlen(rows[i].name_id) > 0);
            if (i > 0)
                assert_true(rows[i].date > rows[i - 1].date);
        }
    }
    assert_false(netra_calendar_covers(cal, 2021));
    int first, last;
    netra_calendar_years(cal, &first, &last);
    assert_int_equal(first, 2022);
    assert_true(last >= 2026);
}

/* Lebaran 2024: Idul Fitri 10-11 April (libur), cuti bersama 8, 9, 12, 15 April. */
static void test_lebaran_2024(void **state)
{
    netra_calendar *cal = *state;
    struct {
        const char *date;
        netra_day_kind kind;
    } days[] = {
        {"2024-04-05", NETRA_DAY_WORKING},      {"2024-04-06", NETRA_DAY_WEEKEND},
        {"2024-04-07", NETRA_DAY_WEEKEND},      {"2024-04-08", NETRA_DAY_CUTI_BERSAMA},
        {"2024-04-09", NETRA_DAY_CUTI_BERSAMA}, {"2024-04-10", NETRA_DAY_HOLIDAY},
        {"2024-04-11", NETRA_DAY_HOLIDAY},      {"2024-04-12", NETRA_DAY_CUTI_BERSAMA},
        {"2024-04-13", NETRA_DAY_WEEKEND},      {"2024-04-14", NETRA_DAY_WEEKEND},
        {"2024-04-15", NETRA_DAY_CUTI_BERSAMA}, {"2024-04-16", NETRA_DAY_WORKING},
    };
    for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
        netra_day_kind k;
        const netra_holiday *h;
        assert_int_equal(netra_calendar_day(&k, &h, cal, D(days[i].date)), NETRA_OK);
        if (k != days[i].kind)
            fail_msg("%s: kind %d, expected %d", days[i].date, k, days[i].kind);
        assert_true((h != NULL) == (k == NETRA_DAY_HOLIDAY || k == NETRA_DAY_CUTI_BERSAMA));
    }
    netra_date out;
    /* A report known on Friday 5 April: the 1st working day after is Tuesday 16 April. */
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2024-04-05"), 1), NETRA_OK);
    assert_int_equal(out, D("2024-04-16"));
    /* 7 hari kerja from 5 April end on Wednesday 24 April. */
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2024-04-05"), 7), NETRA_OK);
    assert_int_equal(out, D("2024-04-24"));
    int n;
    assert_int_equal(netra_calendar_working_days_between(&n, cal, D("2024-04-05"), D("2024-04-16")),
                     NETRA_OK);
    assert_int_equal(n, 1);
    assert_int_equal(netra_calendar_working_days_between(&n, cal, D("2024-04-16"), D("2024-04-05")),
                     NETRA_OK);
    assert_int_equal(n, -1);
    /* Backwards. */
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2024-04-16"), -1), NETRA_OK);
    assert_int_equal(out, D("2024-04-05"));
    /* Cuti bersama counted as working days. */
    netra_calendar_set_cuti_bersama_off(cal, 0);
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2024-04-05"), 1), NETRA_OK);
    assert_int_equal(out, D("2024-04-08"));
    netra_calendar_set_cuti_bersama_off(cal, 1);
}

static void test_election_days_are_holidays(void **state)
{
    netra_calendar *cal = *state;
    netra_day_kind k;
    const netra_holiday *h;
    assert_int_equal(netra_calendar_day(&k, &h, cal, D("2024-02-14")), NETRA_OK);
    assert_int_equal(k, NETRA_DAY_HOLIDAY);
    assert_non_null(strstr(h->basis, "Keppres"));
    assert_int_equal(netra_calendar_day(&k, &h, cal, D("2024-11-27")), NETRA_OK);
    assert_int_equal(k, NETRA_DAY_HOLIDAY);
    netra_date out;
    /* Tuesday 13 Feb 2024 + 1 working day skips the Pemilu holiday: Thursday 15 Feb. */
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2024-02-13"), 1), NETRA_OK);
    assert_int_equal(out, D("2024-02-15"));
}

static void test_uncovered_year_is_an_error(void **state)
{
    netra_calendar *cal = *state;
    netra_day_kind k;
    assert_int_equal(netra_calendar_day(&k, NULL, cal, D("2019-05-01")), NETRA_ENOTFOUND);
    assert_non_null(strstr(netra_error_last()->msg, "2019"));
    netra_date out;
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2021-12-30"), -3),
                     NETRA_ENOTFOUND);
    assert_int_equal(netra_calendar_add_working_days(&out, cal, D("2022-12-30"), 0), NETRA_OK);
    assert_int_equal(out, D("2022-12-30"));
}

/* Writes `content` as holidays-YEAR.tsv in a fresh directory and loads it. */
static int load_fixture(netra_calendar **out, const char *name, const char *content)
{
    char dir[] = "/tmp/netra-cal-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    int err = netra_calendar_load(out, dir);
    unlink(path);
    rmdir(dir);
    return err;
}

static void expect_bad(const char *content, const char *needle)
{
    netra_calendar *cal = NULL;
    int err = load_fixture(&cal, "holidays-2024.tsv", content);
    assert_int_equal(err, NETRA_EDATA);
    assert_null(cal);
    nt_test_assert_msg(needle);
}

#define HDR "date\tkind\tname_id\tname_en\tbasis\n"

static void test_malformed_files(void **state)
{
    (void)state;
    expect_bad(HDR "2024-01-01\tlibur\tTahun Baru\tNew Year\tSKB\n"
                   "2024-01-01\tlibur\tTahun Baru\tNew Year\tSKB\n",
               "holidays-2024.tsv:3: field 'date': 2024-01-01 is listed twice");
    expect_bad(HDR "2023-12-31\tlibur\tX\tX\tSKB\n", ":2: field 'date': 2023 is not the year");
    expect_bad(HDR "2024-01-01\tfeest\tX\tX\tSKB\n", ":2: field 'kind': 'feest'");
    expect_bad(HDR "2024-01-01\tlibur\tX\tX\t\n", ":2: field 'basis': empty");
    expect_bad(HDR "2024-02-30\tlibur\tX\tX\tSKB\n", ":2: field 'date': day 30");
    expect_bad("date\tkind\tname_id\n", "field 'name_en': missing from the header");
    netra_calendar *cal;
    assert_int_equal(load_fixture(&cal, "holidays-2024.tsv", HDR), NETRA_OK);
    assert_true(netra_calendar_covers(cal, 2024));
    netra_calendar_free(cal);
    assert_int_equal(netra_calendar_load(&cal, "/nonexistent/netra"), NETRA_EIO);
}

static int load_real(void *payload)
{
    (void)payload;
    netra_calendar *cal;
    int err = netra_calendar_load(&cal, NULL);
    if (err == NETRA_OK)
        netra_calendar_free(cal);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(load_real, NULL) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_years_covered),
        cmocka_unit_test(test_lebaran_2024),
        cmocka_unit_test(test_election_days_are_holidays),
        cmocka_unit_test(test_uncovered_year_is_an_error),
        cmocka_unit_test(test_malformed_files),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
