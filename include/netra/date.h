/*
 * date.h - civil dates without time zones, as used in law: a day number counted from
 * 1970-01-01 (day 0) in the proleptic Gregorian calendar.
 */
#ifndef NETRA_DATE_H
#define NETRA_DATE_H

#include <stdint.h>
#include "netra/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A civil date: days since 1970-01-01. Years 1..9999 are supported. */
typedef int32_t netra_date;

/** Length of a formatted date "YYYY-MM-DD" with its NUL. */
#define NETRA_DATE_STRLEN 11

/** Day of the week, ISO numbering. */
typedef enum netra_weekday {
    NETRA_MONDAY = 1,
    NETRA_TUESDAY,
    NETRA_WEDNESDAY,
    NETRA_THURSDAY,
    NETRA_FRIDAY,
    NETRA_SATURDAY,
    NETRA_SUNDAY
} netra_weekday;

/**
 * Builds a date from year, month and day.
 *
 * @param[out] out the date
 * @return NETRA_OK, or NETRA_EINVAL when the triple is not a real calendar day (the detail
 *         says which part is wrong).
 */
NETRA_API int netra_date_from_ymd(netra_date *out, int year, int month, int day);

/** Splits a date into year, month and day; any out pointer may be NULL. */
NETRA_API void netra_date_to_ymd(netra_date date, int *year_out, int *month_out, int *day_out);

/**
 * Parses exactly `YYYY-MM-DD` (no spaces, no other form).
 *
 * @param[out] out the date
 * @param text the text; need not be NUL-terminated
 * @param len its length in bytes
 * @return NETRA_OK or NETRA_EINVAL with the reason.
 */
NETRA_API int netra_date_parse(netra_date *out, const char *text, size_t len);

/**
 * Writes `YYYY-MM-DD` and a NUL into `buf`.
 *
 * @param buf at least NETRA_DATE_STRLEN bytes
 * @return `buf`
 */
NETRA_API char *netra_date_format(netra_date date, char buf[NETRA_DATE_STRLEN]);

/** The ISO weekday of a date. */
NETRA_API netra_weekday netra_date_weekday(netra_date date);

/** Whether `year` is a Gregorian leap year. */
NETRA_API int netra_date_is_leap(int year);

/** Number of days in `month` of `year`; 0 for a month outside 1..12. */
NETRA_API int netra_date_days_in_month(int year, int month);

/**
 * Today's date in Indonesia's western time zone (WIB, UTC+7), the zone of the law's
 * deadlines unless an office says otherwise.
 */
NETRA_API netra_date netra_date_today(void);

#ifdef __cplusplus
}
#endif

#endif
