/*
 * cmd_calendar.c - `netra calendar`: working days (hari kerja), holidays and working-day
 * deadlines, from the holiday files of data/calendar/.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"

static const char *help_id =
    "Penggunaan: netra calendar PERINTAH [--cuti-bersama-kerja] [--json]\n"
    "\n"
    "Kalender hari kerja: Sabtu, Minggu, hari libur nasional dan cuti bersama (SKB 3 Menteri,\n"
    "Keppres) tidak dihitung.\n"
    "\n"
    "Perintah:\n"
    "  day TGL              jenis hari pada tanggal itu\n"
    "  add TGL N            tanggal N hari kerja sesudah TGL (N negatif: sebelum)\n"
    "  between TGL1 TGL2    jumlah hari kerja sesudah TGL1 sampai dengan TGL2\n"
    "  holidays TAHUN       daftar hari libur dan cuti bersama setahun\n"
    "\n"
    "Opsi:\n"
    "  --cuti-bersama-kerja hitung cuti bersama sebagai hari kerja (bawaan: bukan hari kerja)\n"
    "\n"
    "Contoh: netra calendar add 2024-04-05 7   (tenggat 7 hari kerja; melewati Lebaran)\n";

static const char *help_en =
    "Usage: netra calendar COMMAND [--cuti-bersama-kerja] [--json]\n"
    "\n"
    "The working-day calendar: Saturdays, Sundays, national holidays and cuti bersama\n"
    "(SKB 3 Menteri, Keppres) are not counted.\n"
    "\n"
    "Commands:\n"
    "  day DATE             what kind of day a date is\n"
    "  add DATE N           the date N working days after DATE (negative N: before)\n"
    "  between DATE1 DATE2  working days after DATE1 up to and including DATE2\n"
    "  holidays YEAR        the holidays and cuti bersama of a year\n"
    "\n"
    "Options:\n"
    "  --cuti-bersama-kerja count cuti bersama as working days (default: not working)\n"
    "\n"
    "Example: netra calendar add 2024-04-05 7   (a 7 working-day deadline across Lebaran)\n";

static const char *kind_name(const cli_ctx *ctx, netra_day_kind k)
{
    switch (k) {
    case NETRA_DAY_WORKING:
        return cli_t(ctx, "hari kerja", "working day");
    case NETRA_DAY_WEEKEND:
        return cli_t(ctx, "akhir pekan", "weekend");
    case NETRA_DAY_HOLIDAY:
        return cli_t(ctx, "hari libur nasional", "national holiday");
    default:
        return cli_t(ctx, "cuti bersama", "collective leave (cuti bersama)");
    }
}

static const char *kind_id(netra_day_kind k)
{
    static const char *const ids[] = {"working", "weekend", "libur", "cuti_bersama"};
    return ids[k];
}

typedef struct calendar_opts {
    int cuti_working; /* --cuti-bersama-kerja */
} calendar_opts;

static const cli_opt calendar_table[] = {
    CLI_FLAG(calendar_opts, "cuti-bersama-kerja", cuti_working),
};

int cmd_calendar(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(calendar_table, NULL, "opsi tidak dikenal: %s", "unknown option: %s");
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    calendar_opts o = {0};
    int first;
    int prc = cli_opts_parse_argv(ctx, "calendar", argc, argv, &spec, &o, &first);
    if (prc != CLI_EXIT_OK)
        return prc;
    int cuti_working = o.cuti_working;
    int n_pos = argc - first;
    char **pos = argv + first;
    if (n_pos < 1)
        return cli_usage(ctx, "calendar", "perintah tidak ada", "missing command");
    const char *sub = pos[0];
    int need = strcmp(sub, "day") == 0        ? 2
               : strcmp(sub, "add") == 0      ? 3
               : strcmp(sub, "between") == 0  ? 3
               : strcmp(sub, "holidays") == 0 ? 2
                                              : 0;
    if (need == 0)
        return cli_usage(ctx, "calendar", "perintah tidak dikenal '%s'", "unknown command '%s'",
                         sub);
    if (n_pos != need)
        return cli_usage(ctx, "calendar", "'%s' memerlukan %d argumen", "'%s' takes %d argument(s)",
                         sub, need - 1);
    netra_date d1 = 0, d2 = 0;
    long n = 0;
    if (strcmp(sub, "holidays") != 0) {
        int rc = cli_parse_date(ctx, sub, pos[1], &d1);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    if (strcmp(sub, "between") == 0) {
        int rc = cli_parse_date(ctx, sub, pos[2], &d2);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    if (strcmp(sub, "add") == 0 || strcmp(sub, "holidays") == 0) {
        const char *s = strcmp(sub, "add") == 0 ? pos[2] : pos[1];
        if (cli_long_in(s, -3660, 9999, &n) < 0)
            return cli_usage(ctx, "calendar", "'%s' bukan bilangan yang sah",
                             "'%s' is not a valid number", s);
    }
    netra_calendar *cal;
    int err = netra_calendar_load(&cal, NULL);
    if (err < 0)
        return cli_fail(ctx, err, "gagal memuat kalender", "cannot load the calendar");
    netra_calendar_set_cuti_bersama_off(cal, !cuti_working);
    int rc = CLI_EXIT_OK;
    char a[NETRA_DATE_STRLEN], b[NETRA_DATE_STRLEN];
    if (strcmp(sub, "day") == 0) {
        netra_day_kind k;
        const netra_holiday *h;
        err = netra_calendar_day(&k, &h, cal, d1);
        if (err == 0) {
            netra_date_format(d1, a);
            if (ctx->json)
                rc = cli_print_json(ctx, json_pack("{s:s,s:s,s:s?,s:s?}", "date", a, "kind",
                                                   kind_id(k), "name", h ? h->name_id : NULL,
                                                   "basis", h ? h->basis : NULL));
            else if (h != NULL)
                fprintf(ctx->out, "%s: %s — %s [%s]\n", a, kind_name(ctx, k),
                        cli_t(ctx, h->name_id, h->name_en), h->basis);
            else
                fprintf(ctx->out, "%s: %s\n", a, kind_name(ctx, k));
        }
    } else if (strcmp(sub, "add") == 0) {
        netra_date out;
        err = netra_calendar_add_working_days(&out, cal, d1, (int)n);
        if (err == 0) {
            netra_date_format(d1, a);
            netra_date_format(out, b);
            if (ctx->json)
                rc = cli_print_json(ctx,
                                    json_pack("{s:s,s:i,s:s,s:i}", "from", a, "working_days",
                                              (int)n, "date", b, "calendar_days", (int)(out - d1)));
            else
                fprintf(ctx->out,
                        CLI_T(ctx, "%s + %ld hari kerja = %s (%d hari kalender)\n",
                              "%s + %ld working days = %s (%d calendar days)\n"),
                        a, n, b, (int)(out - d1));
        }
    } else if (strcmp(sub, "between") == 0) {
        int wd;
        err = netra_calendar_working_days_between(&wd, cal, d1, d2);
        if (err == 0) {
            netra_date_format(d1, a);
            netra_date_format(d2, b);
            if (ctx->json)
                rc = cli_print_json(
                    ctx, json_pack("{s:s,s:s,s:i}", "from", a, "to", b, "working_days", wd));
            else
                fprintf(ctx->out,
                        CLI_T(ctx, "%d hari kerja sesudah %s sampai dengan %s\n",
                              "%d working days after %s up to and including %s\n"),
                        wd, a, b);
        }
    } else {
        const netra_holiday *rows;
        size_t nr;
        err = netra_calendar_holidays(&rows, &nr, cal, (int)n);
        if (err == 0) {
            json_t *arr = ctx->json ? json_array() : NULL;
            for (size_t i = 0; i < nr; i++) {
                netra_date_format(rows[i].date, a);
                if (ctx->json)
                    json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "date", a, "kind",
                                                         kind_id(rows[i].kind), "name_id",
                                                         rows[i].name_id, "name_en",
                                                         rows[i].name_en, "basis", rows[i].basis));
                else
                    fprintf(ctx->out, "%s  %-13s %s  [%s]\n", a,
                            rows[i].kind == NETRA_DAY_HOLIDAY ? "libur" : "cuti bersama",
                            cli_t(ctx, rows[i].name_id, rows[i].name_en), rows[i].basis);
            }
            if (ctx->json)
                rc = cli_print_json(ctx, json_pack("{s:i,s:o}", "year", (int)n, "holidays", arr));
        }
    }
    if (err < 0)
        rc = cli_fail(ctx, err, "kalender", "calendar");
    netra_calendar_free(cal);
    return rc;
}
