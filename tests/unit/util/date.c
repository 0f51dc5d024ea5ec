/* Unit tests for src/lib/util/date.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"

static netra_date D(const char *s)
{
    netra_date d;
    assert_int_equal(netra_date_parse(&d, s, strlen(s)), NETRA_OK);
    return d;
}

static void test_epoch_and_known_days(void **state)
{
    (void)state;
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("1970-01-02"), 1);
    assert_int_equal(D("1969-12-31"), -1);
    assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2);                 /* 2000 is leap */
    assert_int_equal(D("1900-03-01") - D("1900-02-28"), 1);                 /* 1900 is not */
    assert_int_equal(netra_date_weekday(D("2024-02-14")), NETRA_WEDNESDAY); /* Pemilu */
    assert_int_equal(netra_date_weekday(D("2024-11-27")), NETRA_WEDNESDAY); /* Pilkada */
    assert_int_equal(netra_date_weekday(D("2024-04-10")), NETRA_WEDNESDAY); /* Idul Fitri */
    assert_int_equal(netra_date_weekday(D("1970-01-01")), NETRA_THURSDAY);
    assert_int_equal(netra_date_weekday(D("0001-01-01")), NETRA_MONDAY);
}

static void test_roundtrip_every_day(void **state)
{
    (void)state;
    netra_date first = D("1900-01-01"), last = D("2100-12-31");
    int py = 1899, pm = 12, pd = 31;
    for (netra_date d = first; d <= last; d++) {
        int y, m, dd;
        netra_date_to_ymd(d, &y, &m, &dd);
        netra_date back;
        assert_int_equal(netra_date_from_ymd(&back, y, m, dd), NETRA_OK);
        assert_int_equal(back, d);
        /* consecutive: the next day of (py,pm,pd) */
        if (dd == 1)
            assert_true(pd == netra_date_days_in_month(py, pm));
        else
            assert_int_equal(dd, pd + 1);
        py = y;
        pm = m;
        pd = dd;
        char buf[NETRA_DATE_STRLEN];
        netra_date_format(d, buf);
        assert_int_equal(D(buf), d);
    }
}

static void test_rejects(void **state)
{
    (void)state;
    static const char *bad[] = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
                                "2024-1-01",  "24-01-01",   "2024/01/01", "2024-01-01 ",
                                "",           "abcd-ef-gh", "0000-01-01", "2024-04-31"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        netra_date d;
        assert_int_equal(netra_date_parse(&d, bad[i], strlen(bad[i])), NETRA_EINVAL);
        assert_true(strlen(netra_error_last()->msg) > 0);
    }
    netra_date d;
    assert_int_equal(netra_date_parse(&d, "2024-02-30", 10), NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "day 30"));
}

static void test_leap(void **state)
{
    (void)state;
    assert_true(netra_date_is_leap(2024));
    assert_false(netra_date_is_leap(2023));
    assert_false(netra_date_is_leap(2100));
    assert_true(netra_date_is_leap(2000));
    assert_int_equal(netra_date_days_in_month(2024, 2), 29);
    assert_int_equal(netra_date_days_in_month(2024, 13), 0);
}

static void test_today_is_plausible(void **state)
{
    (void)state;
    netra_date t = netra_date_today();
    assert_true(t > D("2020-01-01"));
    assert_true(t < D("2200-01-01"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_known_days),
        cmocka_unit_test(test_roundtrip_every_day),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_leap),
        cmocka_unit_test(test_today_is_plausible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
