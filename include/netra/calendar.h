/*
 * calendar.h - the working-day calendar (hari kerja) behind the law's deadlines.
 *
 * A day is a working day unless it is a Saturday, a Sunday, a national holiday (hari libur
 * nasional) or, by default, a collective leave day (cuti bersama) for civil servants. The
 * holidays are data: one file per year, data/calendar/holidays-YYYY.tsv, each row citing the
 * decree that sets it (SKB 3 Menteri, Keppres). A question about a year with no file is an
 * error, never a silent guess.
 */
#ifndef NETRA_CALENDAR_H
#define NETRA_CALENDAR_H

#include "netra/common.h"
#include "netra/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded calendar; immutable after loading, so it may be shared between threads. */
typedef struct netra_calendar netra_calendar;

/** What kind of day a date is. */
typedef enum netra_day_kind {
    NETRA_DAY_WORKING = 0, /* hari kerja */
    NETRA_DAY_WEEKEND,     /* Saturday or Sunday */
    NETRA_DAY_HOLIDAY,     /* hari libur nasional (including election days made holidays) */
    NETRA_DAY_CUTI_BERSAMA /* cuti bersama */
} netra_day_kind;

/** One row of a holiday file. Strings are borrowed from the calendar. */
typedef struct netra_holiday {
    netra_date date;     /* the day */
    netra_day_kind kind; /* NETRA_DAY_HOLIDAY or NETRA_DAY_CUTI_BERSAMA */
    const char *name_id; /* Indonesian name */
    const char *name_en; /* English name */
    const char *basis;   /* the decree that sets it */
} netra_holiday;

/**
 * Loads every `holidays-YYYY.tsv` of a directory.
 *
 * @param[out] out the calendar, owned by the caller (netra_calendar_free())
 * @param dir the directory; NULL for `<netra_data_dir()>/calendar`
 * @return NETRA_OK; NETRA_EIO when the directory cannot be read; NETRA_EDATA with
 *         `file:line: field 'x': reason` for a malformed file (unknown kind, bad date, a
 *         date outside the file's year, a duplicate); NETRA_ENOMEM.
 */
NETRA_API int netra_calendar_load(netra_calendar **out, const char *dir);

/** Frees a calendar; NULL is allowed. */
NETRA_API void netra_calendar_free(netra_calendar *cal);

/**
 * Whether cuti bersama days count as non-working (the default, 1) or as working days (0).
 * Cuti bersama for ASN is taken from annual leave and offices close; some deadlines may be
 * read otherwise, hence the switch.
 */
NETRA_API void netra_calendar_set_cuti_bersama_off(netra_calendar *cal, int off);

/** Whether the calendar has a holiday file for `year`. */
NETRA_API int netra_calendar_covers(const netra_calendar *cal, int year);

/** First and last year with a holiday file; both 0 when the calendar is empty. */
NETRA_API void netra_calendar_years(const netra_calendar *cal, int *first_out, int *last_out);

/**
 * The kind of a day.
 *
 * @param[out] kind_out the kind
 * @param[out] holiday_out may be NULL; set to the holiday row or NULL (borrowed)
 * @return NETRA_OK, or NETRA_ENOTFOUND when the calendar has no file for that year.
 */
NETRA_API int netra_calendar_day(netra_day_kind *kind_out, const netra_holiday **holiday_out,
                                 const netra_calendar *cal, netra_date date);

/**
 * The date `n` working days after `start` (before it when `n` is negative). `start` itself
 * is not counted, so "within 7 hari kerja of day D" ends on
 * netra_calendar_add_working_days(.., D, 7). `n` = 0 gives `start`.
 *
 * @return NETRA_OK, or NETRA_ENOTFOUND when the walk leaves the years the calendar covers.
 */
NETRA_API int netra_calendar_add_working_days(netra_date *out, const netra_calendar *cal,
                                              netra_date start, int n);

/**
 * Number of working days in the interval (from, to]: after `from`, up to and including `to`.
 * Negative when `to` is before `from`.
 *
 * @return NETRA_OK, or NETRA_ENOTFOUND for a year the calendar does not cover.
 */
NETRA_API int netra_calendar_working_days_between(int *out, const netra_calendar *cal,
                                                  netra_date from, netra_date to);

/**
 * The holiday rows of one year, sorted by date.
 *
 * @param[out] rows_out a borrowed array (valid while the calendar lives), NULL when none
 * @param[out] n_out its length
 * @return NETRA_OK, or NETRA_ENOTFOUND for a year with no file.
 */
NETRA_API int netra_calendar_holidays(const netra_holiday **rows_out, size_t *n_out,
                                      const netra_calendar *cal, int year);

#ifdef __cplusplus
}
#endif

#endif
