/*
 * calendar.c - the working-day calendar: weekends plus the holiday files of
 * data/calendar/ (one per year; format in docs/data/formats.md, sources in
 * docs/data/calendar.md).
 *
 * Holidays are kept in one array sorted by date and found by binary search; a year
 * without a file is refused rather than guessed, because a deadline computed without that
 * year's holidays would be wrong by days around Lebaran.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"
#include "netra/calendar.h"

#define CAL_MAX_YEARS         200
#define CAL_MAX_ROWS_PER_YEAR 200

struct netra_calendar {
    nt_arena arena;           /* strings of every row */
    nt_vec holidays;          /* netra_holiday, sorted by date */
    int years[CAL_MAX_YEARS]; /* years covered, sorted */
    size_t n_years;           /* entries in years */
    int cuti_bersama_off;     /* cuti bersama counts as non-working */
};

static int cmp_holiday(const void *a, const void *b)
{
    const netra_holiday *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static const char *const holiday_cols[] = {"date", "kind", "name_id", "name_en", "basis", NULL};

static int load_file(netra_calendar *cal, const char *path, int year)
{
    nt_tsv t;
    int err = nt_tsv_open(&t, path, NULL, 0, holiday_cols);
    if (err < 0)
        return err;
    size_t first = cal->holidays.n;
    while ((err = nt_tsv_next(&t)) > 0) {
        netra_holiday h;
        size_t klen;
        const char *kind = nt_tsv_get(&t, "kind", &klen);
        err = nt_tsv_get_date(&h.date, &t, "date", 0, NULL);
        if (err < 0)
            goto done;
        int y;
        netra_date_to_ymd(h.date, &y, NULL, NULL);
        if (y != year) {
            err = nt_tsv_error(&t, "date", "%04d is not the year of this file (%d)", y, year);
            goto done;
        }
        if (nt_str_eq(kind, klen, "libur"))
            h.kind = NETRA_DAY_HOLIDAY;
        else if (nt_str_eq(kind, klen, "cuti_bersama"))
            h.kind = NETRA_DAY_CUTI_BERSAMA;
        else {
            err = nt_tsv_error(&t, "kind", "'%.*s' is neither 'libur' nor 'cuti_bersama'",
                               (int)(klen > 40 ? 40 : klen), kind);
            goto done;
        }
        if ((err = nt_tsv_get_str(&h.name_id, &t, "name_id", &cal->arena, 0)) < 0 ||
            (err = nt_tsv_get_str(&h.name_en, &t, "name_en", &cal->arena, 0)) < 0 ||
            (err = nt_tsv_get_str(&h.basis, &t, "basis", &cal->arena, 0)) < 0)
            goto done;
        for (size_t i = first; i < cal->holidays.n; i++) {
            const netra_holiday *o = nt_vec_at(&cal->holidays, i);
            if (o->date == h.date) {
                char d[NETRA_DATE_STRLEN];
                err = nt_tsv_error(&t, "date", "%s is listed twice", netra_date_format(h.date, d));
                goto done;
            }
        }
        if (cal->holidays.n - first >= CAL_MAX_ROWS_PER_YEAR) {
            err = nt_tsv_error(&t, NULL, "more than %d rows", CAL_MAX_ROWS_PER_YEAR);
            goto done;
        }
        if (nt_vec_push(&cal->holidays, &h) == NULL) {
            err = netra_error_last()->code;
            goto done;
        }
    }
done:
    nt_tsv_close(&t);
    return err < 0 ? err : NETRA_OK;
}

/* Parses "holidays-YYYY.tsv"; returns the year or 0. */
static int year_of_name(const char *name)
{
    int y = 0;
    if (strncmp(name, "holidays-", 9) != 0 || strlen(name) != 17 || strcmp(name + 13, ".tsv") != 0)
        return 0;
    for (int i = 9; i < 13; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        y = y * 10 + (name[i] - '0');
    }
    return y >= 1 ? y : 0;
}

int netra_calendar_load(netra_calendar **out, const char *dir)
{
    int err = NETRA_OK;
    nt_buf path;
    nt_buf_init(&path, 4096);
    DIR *d = NULL;
    netra_calendar *cal = nt_calloc(1, sizeof *cal);
    if (cal == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&cal->arena, 16384, 0);
    nt_vec_init(&cal->holidays, sizeof(netra_holiday), 0);
    cal->cuti_bersama_off = 1;

    if (dir == NULL) {
        if ((err = nt_buf_addf(&path, "%s/calendar", netra_data_dir())) < 0)
            goto fail;
    } else if ((err = nt_buf_adds(&path, dir)) < 0) {
        goto fail;
    }
    char *dirpath = nt_buf_detach(&path, NULL);
    if (dirpath == NULL) {
        err = NETRA_ENOMEM;
        goto fail;
    }
    d = opendir(dirpath);
    if (d == NULL) {
        err = nt_error_set(NETRA_EIO, "%s: cannot open calendar directory", dirpath);
        nt_free(dirpath);
        goto fail;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int year = year_of_name(e->d_name);
        if (year == 0)
            continue;
        if (cal->n_years == CAL_MAX_YEARS) {
            err = nt_error_set(NETRA_ETOOBIG, "%s: more than %d calendar years", dirpath,
                               CAL_MAX_YEARS);
            break;
        }
        nt_buf_reset(&path);
        if ((err = nt_buf_addf(&path, "%s/%s", dirpath, e->d_name)) < 0)
            break;
        if ((err = load_file(cal, nt_buf_cstr(&path), year)) < 0)
            break;
        cal->years[cal->n_years++] = year;
    }
    nt_free(dirpath);
    if (err < 0)
        goto fail;
    qsort(cal->years, cal->n_years, sizeof(int), cmp_int);
    if (cal->holidays.n > 0)
        qsort(cal->holidays.items, cal->holidays.n, sizeof(netra_holiday), cmp_holiday);
    closedir(d);
    nt_buf_free(&path);
    *out = cal;
    return NETRA_OK;
fail:
    if (d != NULL)
        closedir(d);
    nt_buf_free(&path);
    netra_calendar_free(cal);
    return err;
}

void netra_calendar_free(netra_calendar *cal)
{
    if (cal == NULL)
        return;
    nt_vec_free(&cal->holidays);
    nt_arena_free(&cal->arena);
    nt_free(cal);
}

void netra_calendar_set_cuti_bersama_off(netra_calendar *cal, int off)
{
    cal->cuti_bersama_off = off != 0;
}

int netra_calendar_covers(const netra_calendar *cal, int year)
{
    for (size_t i = 0; i < cal->n_years; i++)
        if (cal->years[i] == year)
            return 1;
    return 0;
}

void netra_calendar_years(const netra_calendar *cal, int *first_out, int *last_out)
{
    if (first_out)
        *first_out = cal->n_years ? cal->years[0] : 0;
    if (last_out)
        *last_out = cal->n_years ? cal->years[cal->n_years - 1] : 0;
}

static const netra_holiday *find_holiday(const netra_calendar *cal, netra_date date)
{
    size_t lo = 0, hi = cal->holidays.n;
    const netra_holiday *rows = cal->holidays.items;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cal->holidays.n && rows[lo].date == date ? &rows[lo] : NULL;
}

int netra_calendar_day(netra_day_kind *kind_out, const netra_holiday **holiday_out,
                       const netra_calendar *cal, netra_date date)
{
    int year;
    netra_date_to_ymd(date, &year, NULL, NULL);
    if (!netra_calendar_covers(cal, year))
        return nt_error_set(NETRA_ENOTFOUND,
                            "no holiday calendar for %d (add data/calendar/holidays-%d.tsv)", year,
                            year);
    const netra_holiday *h = find_holiday(cal, date);
    if (holiday_out)
        *holiday_out = h;
    if (h != NULL) {
        /* A holiday on a weekend is still reported as the holiday: it names the day. */
        *kind_out = h->kind;
        return NETRA_OK;
    }
    netra_weekday w = netra_date_weekday(date);
    *kind_out = (w == NETRA_SATURDAY || w == NETRA_SUNDAY) ? NETRA_DAY_WEEKEND : NETRA_DAY_WORKING;
    return NETRA_OK;
}

static int is_working(int *out, const netra_calendar *cal, netra_date date)
{
    netra_day_kind k;
    int err = netra_calendar_day(&k, NULL, cal, date);
    if (err < 0)
        return err;
    if (k == NETRA_DAY_CUTI_BERSAMA) {
        netra_weekday w = netra_date_weekday(date);
        *out = !cal->cuti_bersama_off && w != NETRA_SATURDAY && w != NETRA_SUNDAY;
    } else {
        *out = k == NETRA_DAY_WORKING;
    }
    return NETRA_OK;
}

int netra_calendar_add_working_days(netra_date *out, const netra_calendar *cal, netra_date start,
                                    int n)
{
    int step = n >= 0 ? 1 : -1;
    int left = n >= 0 ? n : -n;
    netra_date d = start;
    while (left > 0) {
        d += step;
        int w;
        int err = is_working(&w, cal, d);
        if (err < 0)
            return err;
        if (w)
            left--;
    }
    *out = d;
    return NETRA_OK;
}

int netra_calendar_working_days_between(int *out, const netra_calendar *cal, netra_date from,
                                        netra_date to)
{
    int sign = 1;
    if (to < from) {
        netra_date t = from;
        from = to;
        to = t;
        sign = -1;
    }
    int count = 0;
    for (netra_date d = from + 1; d <= to; d++) {
        int w;
        int err = is_working(&w, cal, d);
        if (err < 0)
            return err;
        count += w;
    }
    *out = sign * count;
    return NETRA_OK;
}

int netra_calendar_holidays(const netra_holiday **rows_out, size_t *n_out,
                            const netra_calendar *cal, int year)
{
    if (!netra_calendar_covers(cal, year))
        return nt_error_set(NETRA_ENOTFOUND, "no holiday calendar for %d", year);
    netra_date first, last;
    netra_date_from_ymd(&first, year, 1, 1);
    netra_date_from_ymd(&last, year, 12, 31);
    const netra_holiday *rows = cal->holidays.items;
    size_t lo = 0;
    while (lo < cal->holidays.n && rows[lo].date < first)
        lo++;
    size_t hi = lo;
    while (hi < cal->holidays.n && rows[hi].date <= last)
        hi++;
    *rows_out = hi > lo ? rows + lo : NULL;
    *n_out = hi - lo;
    return NETRA_OK;
}
