/*
 * date.c - civil dates as day numbers (days since 1970-01-01), using Howard Hinnant's
 * days_from_civil / civil_from_days algorithms (public domain), valid for years 1..9999.
 */
#include <string.h>
#include <time.h>

#include "util/util_int.h"

int netra_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int netra_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && netra_date_is_leap(year))
        return 29;
    return days[month - 1];
}

static netra_date days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (netra_date)(era * 146097 + doe - 719468);
}

int netra_date_from_ymd(netra_date *out, int year, int month, int day)
{
    if (year < 1 || year > 9999)
        return nt_error_set(NETRA_EINVAL, "year %d is outside 1..9999", year);
    if (month < 1 || month > 12)
        return nt_error_set(NETRA_EINVAL, "month %d is outside 1..12", month);
    int dim = netra_date_days_in_month(year, month);
    if (day < 1 || day > dim)
        return nt_error_set(NETRA_EINVAL, "day %d is outside 1..%d for %04d-%02d", day, dim, year,
                            month);
    *out = days_from_civil(year, month, day);
    return NETRA_OK;
}

void netra_date_to_ymd(netra_date date, int *year_out, int *month_out, int *day_out)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    if (year_out)
        *year_out = y + (m <= 2);
    if (month_out)
        *month_out = m;
    if (day_out)
        *day_out = d;
}

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int netra_date_parse(netra_date *out, const char *text, size_t len)
{
    int y, m, d;
    if (len != 10 || text[4] != '-' || text[7] != '-' || digits(text, 4, &y) < 0 ||
        digits(text + 5, 2, &m) < 0 || digits(text + 8, 2, &d) < 0)
        return nt_error_set(NETRA_EINVAL, "'%.*s' is not a date of the form YYYY-MM-DD",
                            (int)(len > 32 ? 32 : len), text);
    return netra_date_from_ymd(out, y, m, d);
}

char *netra_date_format(netra_date date, char buf[NETRA_DATE_STRLEN])
{
    int y, m, d;
    netra_date_to_ymd(date, &y, &m, &d);
    if (y < 0 || y > 9999) {
        memcpy(buf, "0000-00-00", NETRA_DATE_STRLEN);
        return buf;
    }
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return buf;
}

netra_weekday netra_date_weekday(netra_date date)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int w = (int)((date % 7 + 7 + 3) % 7); /* 0 = Monday */
    return (netra_weekday)(w + 1);
}

netra_date netra_date_today(void)
{
    time_t now = time(NULL) + 7 * 3600; /* WIB, UTC+7, no daylight saving */
    return (netra_date)(now >= 0 ? now / 86400 : (now - 86399) / 86400);
}
