/*
 * cmd_stats.c - `netra stats`: the national statistics of ASN neutrality cases from a case
 * database, the same tables netrad serves at /api/v1/stats/{shares,funnel,durations}
 * (src/lib/stats, docs/statistics.md):
 *
 *   netra stats shares    --db DB [--by category|form]                 [FILTERS] [OUTPUT]
 *   netra stats funnel    --db DB [--by none|agency|position|province] [FILTERS] [OUTPUT]
 *   netra stats durations --db DB                                      [FILTERS] [OUTPUT]
 *
 * FILTERS: --election, --region (the region and the regions inside it), --from, --to;
 * --public hides small cells as the public API does. OUTPUT: --format table (a readable
 * table, with a text bar for the shares), csv or json (the server's documents).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"
#include "netra/stats.h"

static const char *help_id =
    "Penggunaan: netra stats TABEL --db DB [--by ...] [SARING] [--public]\n"
    "                              [--format table|csv|json]\n"
    "\n"
    "Statistik nasional perkara netralitas ASN seperti yang diterbitkan KASN/BKN, dihitung\n"
    "dari basis data perkara (sama dengan /api/v1/stats di netrad; metode:\n"
    "docs/statistics.md).\n"
    "\n"
    "Tabel:\n"
    "  shares     sebaran perkara menurut kategori statistik KASN (--by category, bawaan)\n"
    "             atau bentuk pelanggaran SKB 2022 (--by form), dengan persentase\n"
    "  funnel     dilaporkan -> diregistrasi -> diteruskan -> terbukti -> disanksi, total\n"
    "             (--by none, bawaan) atau per instansi (agency), kelas jabatan (position)\n"
    "             atau provinsi (province)\n"
    "  durations  lama (hari) perkara di setiap status alur kerja: median, persentil ke-90,\n"
    "             rata-rata, dan jumlah perkara yang masih di status itu\n"
    "\n"
    "Saring:\n"
    "  --election ID        hanya pemilihan ini (pemilu-2024, pilkada-2024)\n"
    "  --region KODE        hanya wilayah ini dan wilayah di dalamnya (32, 32.73)\n"
    "  --from TTTT-BB-HH    perkara dibuka sejak tanggal ini; --to TTTT-BB-HH sampai tanggal ini\n"
    "  --public             varian publik: sel 1-4 ditampilkan '<5' dan sel pelengkap 'x',\n"
    "                       seperti API publik, agar tidak ada orang yang dapat dikenali\n"
    "\n"
    "Keluaran: --format table (bawaan; tabel yang mudah dibaca), csv (dengan saringan dan\n"
    "waktu hitung di baris komentar) atau json (dokumen yang sama dengan netrad; juga --json).\n"
    "\n"
    "Contoh: netra stats funnel --db demo.db --by province --public\n";

static const char *help_en =
    "Usage: netra stats TABLE --db DB [--by ...] [FILTERS] [--public]\n"
    "                             [--format table|csv|json]\n"
    "\n"
    "The national statistics of ASN neutrality cases the way KASN/BKN publish them, computed\n"
    "from a case database (the same as netrad's /api/v1/stats; method: docs/statistics.md).\n"
    "\n"
    "Tables:\n"
    "  shares     cases by KASN statistics category (--by category, the default) or by\n"
    "             SKB 2022 form of violation (--by form), with percentages\n"
    "  funnel     reported -> registered -> forwarded -> proven -> sanctioned, in total\n"
    "             (--by none, the default) or by agency, position class or province\n"
    "  durations  the days cases spend in each workflow state: median, 90th percentile,\n"
    "             mean, and the cases in that state now\n"
    "\n"
    "Filters:\n"
    "  --election ID        only this election (pemilu-2024, pilkada-2024)\n"
    "  --region CODE        only this region and the regions inside it (32, 32.73)\n"
    "  --from YYYY-MM-DD    cases opened on or after this date; --to YYYY-MM-DD on or before\n"
    "  --public             the public variant: cells of 1-4 shown as '<5' and complementary\n"
    "                       cells as 'x', as the public API does, so no person can be singled out\n"
    "\n"
    "Output: --format table (the default; a readable table), csv (with the filters and the\n"
    "time it was computed at in comment lines) or json (the same document as netrad; also\n"
    "--json).\n"
    "\n"
    "Example: netra stats funnel --db demo.db --by province --public\n";

typedef enum table_kind { T_SHARES = 0, T_FUNNEL = 1, T_DURATIONS = 2 } table_kind;
static const char *const kind_ids[] = {"shares", "funnel", "durations"};

enum { F_TABLE = 0, F_CSV = 1, F_JSON = 2 };

typedef struct opts {
    table_kind kind;
    const char *db;
    const char *by_id;
    netra_stats_share_by share_by;
    netra_stats_group_by group_by;
    netra_stats_query q;
    char region[NETRA_REGION_CODE_MAX];
    int fmt;
    const char *by, *format; /* --by, --format as given */
} opts;

/* --region (cli_opts_parse hands it here). */
static int stats_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    (void)key;
    opts *o = p;
    if (strlen(arg) > 32)
        return cli_usage(ctx, cmd, "--region: terlalu panjang (paling banyak 32 byte)",
                         "--region: too long (at most 32 bytes)");
    if (netra_region_code_parse(o->region, NULL, arg) < 0)
        return cli_usage(ctx, cmd, "--region: kode wilayah tidak sah: '%s' (%s)",
                         "--region: not a valid region code: '%s' (%s)", arg,
                         netra_error_last()->msg);
    o->q.region = o->region;
    return CLI_EXIT_OK;
}

static const cli_opt stats_table[] = {
    CLI_TEXT(opts, "db", db),
    CLI_TEXT(opts, "by", by),
    CLI_TEXT(opts, "election", q.election),
    CLI_CALL("region", 'r'),
    CLI_DATE(opts, "from", q.from, q.has_from),
    CLI_DATE(opts, "to", q.to, q.has_to),
    CLI_FLAG(opts, "public", q.suppress),
    CLI_TEXT(opts, "format", format),
};

static int parse(cli_ctx *ctx, int argc, char **argv, opts *o)
{
    static const cli_opts_spec spec = {
        stats_table,          sizeof stats_table / sizeof stats_table[0],
        stats_call,           "opsi tidak dikenal: %s",
        "unknown option: %s", "%s memerlukan nilai",
        "%s needs a value"};
    netra_stats_query q0 = NETRA_STATS_QUERY_INIT;
    memset(o, 0, sizeof *o);
    o->q = q0;
    o->fmt = ctx->json ? F_JSON : F_TABLE;
    int first;
    int rc = cli_opts_parse_argv(ctx, "stats", argc, argv, &spec, o, &first);
    if (rc != CLI_EXIT_OK)
        return rc;
    const char *by = o->by, *fmt = o->format;
    if (first >= argc)
        return cli_usage(ctx, "stats", "perlu TABEL: shares, funnel atau durations",
                         "needs TABLE: shares, funnel or durations");
    if (first != argc - 1)
        return cli_usage(ctx, "stats", "argumen berlebih: %s", "unexpected argument: %s",
                         argv[first + 1]);
    const char *t = argv[first];
    if (strcmp(t, "shares") == 0)
        o->kind = T_SHARES;
    else if (strcmp(t, "funnel") == 0)
        o->kind = T_FUNNEL;
    else if (strcmp(t, "durations") == 0)
        o->kind = T_DURATIONS;
    else
        return cli_usage(ctx, "stats", "TABEL harus shares, funnel atau durations, bukan '%.40s'",
                         "TABLE must be shares, funnel or durations, not '%.40s'", t);
    if (o->kind == T_SHARES) {
        if (by == NULL || strcmp(by, "category") == 0 || strcmp(by, "kategori") == 0) {
            o->share_by = NETRA_STATS_BY_CATEGORY;
            o->by_id = "category";
        } else if (strcmp(by, "form") == 0 || strcmp(by, "bentuk") == 0) {
            o->share_by = NETRA_STATS_BY_FORM;
            o->by_id = "form";
        } else {
            return cli_usage(ctx, "stats", "--by untuk shares: category atau form, bukan '%.40s'",
                             "--by for shares: category or form, not '%.40s'", by);
        }
    } else if (o->kind == T_FUNNEL) {
        if (by == NULL)
            by = "none";
        if (strlen(by) > 16 || netra_stats_group_parse(&o->group_by, by) < 0) {
            netra_error_clear();
            return cli_usage(ctx, "stats",
                             "--by untuk funnel: none, agency, position atau province, bukan "
                             "'%.40s'",
                             "--by for funnel: none, agency, position or province, not '%.40s'",
                             by);
        }
        o->by_id = o->group_by == NETRA_STATS_GROUP_AGENCY     ? "agency"
                   : o->group_by == NETRA_STATS_GROUP_POSITION ? "position"
                   : o->group_by == NETRA_STATS_GROUP_PROVINCE ? "province"
                                                               : "none";
    } else {
        if (by != NULL)
            return cli_usage(ctx, "stats", "--by tidak berlaku untuk durations",
                             "--by does not apply to durations");
        o->by_id = "state";
    }
    if (fmt != NULL) {
        if (strcmp(fmt, "table") == 0 || strcmp(fmt, "tabel") == 0)
            o->fmt = F_TABLE;
        else if (strcmp(fmt, "csv") == 0)
            o->fmt = F_CSV;
        else if (strcmp(fmt, "json") == 0)
            o->fmt = F_JSON;
        else
            return cli_usage(ctx, "stats", "--format: table, csv atau json, bukan '%.40s'",
                             "--format: table, csv or json, not '%.40s'", fmt);
        if (ctx->json && o->fmt != F_JSON)
            return cli_usage(ctx, "stats", "--json bertentangan dengan --format %s",
                             "--json contradicts --format %s", fmt);
    }
    if (o->db == NULL)
        return cli_usage(ctx, "stats", "perlu --db DB", "needs --db DB");
    if (o->q.has_from && o->q.has_to && o->q.from > o->q.to)
        return cli_usage(ctx, "stats", "--from sesudah --to", "--from is after --to");
    return CLI_EXIT_OK;
}

/* ---- the set of cases ---------------------------------------------------------------------- */

typedef struct env {
    netra_law *law;
    netra_workflow *wf;
    netra_calendar *cal;
    netra_regions *regs;
    netra_store *st;
    netra_stats *set;
    int64_t seq;
} env;

static void env_close(env *e)
{
    netra_stats_free(e->set);
    netra_store_close(e->st);
    netra_regions_free(e->regs);
    netra_calendar_free(e->cal);
    netra_workflow_free(e->wf);
    netra_law_free(e->law);
}

static int env_open(cli_ctx *ctx, env *e, const opts *o)
{
    memset(e, 0, sizeof *e);
    int rc = cli_load_law(ctx, &e->law, NETRA_LEVEL_NONE);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o->q.election != NULL && netra_law_election(e->law, o->q.election) == NULL) {
        cli_errorf(
            ctx, "--election: pemilihan tidak dikenal: '%.60s' (lihat data/law/elections.tsv)",
            "--election: unknown election: '%.60s' (see data/law/elections.tsv)", o->q.election);
        return CLI_EXIT_NOTFOUND;
    }
    int err;
    if ((err = netra_workflow_load(&e->wf, NULL)) < 0 ||
        (err = netra_calendar_load(&e->cal, NULL)) < 0)
        return cli_fail(ctx, err, "gagal memuat alur kerja", "cannot load the workflow");
    if ((err = netra_regions_load(&e->regs, NULL)) < 0)
        return cli_fail(ctx, err, "gagal memuat data wilayah", "cannot load the region data");
    /* never create an empty SQLite file here (a PostgreSQL URI is not a file) */
    int uri = strncmp(o->db, "postgresql:", 11) == 0 || strncmp(o->db, "postgres:", 9) == 0;
    if (!uri && access(o->db, R_OK) != 0) {
        cli_errorf(ctx, "%s: basis data tidak ada atau tidak dapat dibaca",
                   "%s: no such database or not readable", o->db);
        return CLI_EXIT_ENV;
    }
    netra_store_config sc = {e->wf, e->cal, NULL, e->law};
    if ((err = netra_store_open(&e->st, o->db, &sc)) < 0)
        return cli_fail(ctx, err, "gagal membuka basis data", "cannot open the database");
    char hash[65];
    if ((err = netra_store_audit_head(&e->seq, hash, e->st)) < 0 ||
        (err = netra_stats_new(&e->set, e->law, e->wf, e->regs)) < 0 ||
        (err = netra_stats_load_store(NULL, e->set, e->st)) < 0)
        return cli_fail(ctx, err, "perkara tidak dapat dibaca", "cannot read the cases");
    return CLI_EXIT_OK;
}

/* ---- output --------------------------------------------------------------------------------- */

static const char *step_label(const cli_ctx *ctx, size_t k)
{
    static const char *const id[] = {"dilaporkan", "diregistrasi", "diteruskan", "terbukti",
                                     "disanksi"};
    static const char *const en[] = {"reported", "registered", "forwarded", "proven", "sanctioned"};
    return k < NETRA_STATS_N_STEPS ? cli_t(ctx, id[k], en[k]) : "";
}

/* A percentage rounded to hundredths as the server rounds it. */
static double pct2(double p)
{
    return (double)netra_index_hundredths(p) / 100.0;
}

static int pct_shown(const netra_stats_row *row, size_t k)
{
    return row->cell[k] == NETRA_STATS_SHOWN && row->cell[0] == NETRA_STATS_SHOWN;
}

/* Prints `s` in `width` terminal columns (UTF-8 code points; cut with "~" when longer),
 * left-aligned, or right-aligned when `right`. */
static void put_cell(FILE *f, const char *s, size_t width, int right)
{
    size_t bytes = 0, cols = 0, len = strlen(s);
    while (bytes < len && cols < width) {
        size_t n = 1;
        while (bytes + n < len && ((unsigned char)s[bytes + n] & 0xC0) == 0x80)
            n++;
        if (cols == width - 1 && bytes + n < len)
            break; /* room for the "~" */
        bytes += n;
        cols++;
    }
    int cut = bytes < len;
    size_t shown = cols + (size_t)cut;
    if (right)
        for (size_t i = shown; i < width; i++)
            fputc(' ', f);
    fwrite(s, 1, bytes, f);
    if (cut)
        fputc('~', f);
    if (!right)
        for (size_t i = shown; i < width; i++)
            fputc(' ', f);
}

/* A count as the table shows it: the number, or "<5" / "x" when hidden. */
static void fmt_count(char *buf, size_t size, const netra_stats_row *row, size_t k)
{
    const char *mark = netra_stats_cell_mark(row->cell[k]);
    if (mark != NULL)
        snprintf(buf, size, "%s", mark);
    else
        snprintf(buf, size, "%lld", (long long)row->count[k]);
}

#define BAR_WIDTH   30
#define LABEL_WIDTH 44

static void print_filters(cli_ctx *ctx, const opts *o, const env *e, const netra_stats_table *t)
{
    FILE *f = ctx->out;
    char b1[NETRA_DATE_STRLEN], b2[NETRA_DATE_STRLEN];
    fprintf(f, CLI_T(ctx, "Wilayah: %s", "Region: %s"),
            o->region[0] ? o->region : cli_t(ctx, "nasional", "national"));
    if (o->q.election != NULL)
        fprintf(f, CLI_T(ctx, "; pemilihan: %s", "; election: %s"), o->q.election);
    if (o->q.has_from || o->q.has_to)
        fprintf(f, CLI_T(ctx, "; dibuka %s s.d. %s", "; opened %s to %s"),
                o->q.has_from ? netra_date_format(o->q.from, b1) : "...",
                o->q.has_to ? netra_date_format(o->q.to, b2) : "...");
    if (t != NULL) {
        if (t->total.cell[0] == NETRA_STATS_SHOWN)
            fprintf(f, CLI_T(ctx, "; %zu dari %zu perkara", "; %zu of %zu cases"), t->matched,
                    netra_stats_count(e->set));
        else
            fprintf(f, CLI_T(ctx, "; <5 dari %zu perkara", "; <5 of %zu cases"),
                    netra_stats_count(e->set));
    } else {
        fprintf(f, CLI_T(ctx, "; %zu perkara", "; %zu cases"), netra_stats_count(e->set));
    }
    fputs(o->q.suppress ? cli_t(ctx, "; varian publik (1-4: <5, pelengkap: x)",
                                "; public variant (1-4: <5, complementary: x)")
                        : cli_t(ctx, "; varian internal", "; internal variant"),
          f);
    fputs("\n\n", f);
}

static void print_shares(cli_ctx *ctx, const opts *o, const netra_stats_table *t)
{
    FILE *f = ctx->out;
    double max = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        if (pct_shown(&t->rows[i], 0) && t->rows[i].pct[0] > max)
            max = t->rows[i].pct[0];
    put_cell(f,
             o->share_by == NETRA_STATS_BY_FORM ? cli_t(ctx, "bentuk", "form")
                                                : cli_t(ctx, "kategori", "category"),
             LABEL_WIDTH + 8, 0);
    put_cell(f, cli_t(ctx, "perkara", "cases"), 8, 1);
    put_cell(f, "%", 8, 1);
    fputc('\n', f);
    for (size_t i = 0; i <= t->n_rows; i++) {
        const netra_stats_row *row = i < t->n_rows ? &t->rows[i] : &t->total;
        char buf[32];
        if (i == t->n_rows) {
            for (size_t k = 0; k < LABEL_WIDTH + 24; k++)
                fputc('-', f);
            fputc('\n', f);
        }
        /* A form is known by its id (KE-3, D-6); a category by its label. */
        const char *label = i == t->n_rows ? cli_t(ctx, "jumlah", "total")
                                           : cli_t(ctx, row->label_id, row->label_en);
        if (o->share_by == NETRA_STATS_BY_FORM) {
            put_cell(f, i < t->n_rows ? row->id : label, 8, 0);
            put_cell(f, i < t->n_rows ? label : "", LABEL_WIDTH, 0);
        } else {
            put_cell(f, label, LABEL_WIDTH + 8, 0);
        }
        fmt_count(buf, sizeof buf, row, 0);
        put_cell(f, buf, 8, 1);
        if (pct_shown(row, 0))
            snprintf(buf, sizeof buf, "%.2f", pct2(row->pct[0]));
        else
            buf[0] = '\0';
        put_cell(f, buf, 8, 1);
        if (i < t->n_rows && pct_shown(row, 0) && max > 0) {
            /* The bar: the share relative to the largest one, at least one mark when > 0. */
            size_t n = (size_t)(row->pct[0] / max * BAR_WIDTH + 0.5);
            if (n == 0 && row->count[0] > 0)
                n = 1;
            if (n > 0)
                fputs("  ", f);
            for (size_t k = 0; k < n; k++)
                fputc('#', f);
        }
        fputc('\n', f);
    }
}

static void print_funnel(cli_ctx *ctx, const opts *o, const netra_stats_table *t)
{
    FILE *f = ctx->out;
    const size_t cw = 16;
    const char *group =
        o->group_by == NETRA_STATS_GROUP_AGENCY     ? cli_t(ctx, "instansi", "agency")
        : o->group_by == NETRA_STATS_GROUP_POSITION ? cli_t(ctx, "kelas jabatan", "position class")
        : o->group_by == NETRA_STATS_GROUP_PROVINCE ? cli_t(ctx, "provinsi", "province")
                                                    : "";
    put_cell(f, group, 32, 0);
    for (size_t k = 0; k < t->n_cols; k++)
        put_cell(f, step_label(ctx, k), cw, 1);
    fputc('\n', f);
    for (size_t i = 0; i <= t->n_rows; i++) {
        const netra_stats_row *row = i < t->n_rows ? &t->rows[i] : &t->total;
        if (i == t->n_rows && t->n_rows > 0) { /* without a breakdown the total is alone */
            for (size_t k = 0; k < 32 + cw * t->n_cols; k++)
                fputc('-', f);
            fputc('\n', f);
        }
        const char *label = i == t->n_rows       ? cli_t(ctx, "jumlah", "total")
                            : row->id[0] == '\0' ? cli_t(ctx, "(tidak tercatat)", "(not recorded)")
                                                 : cli_t(ctx, row->label_id, row->label_en);
        put_cell(f, label, 32, 0);
        for (size_t k = 0; k < t->n_cols; k++) {
            char count[24], cell[48];
            fmt_count(count, sizeof count, row, k);
            if (k > 0 && pct_shown(row, k))
                snprintf(cell, sizeof cell, "%s (%.1f%%)", count, row->pct[k]);
            else
                snprintf(cell, sizeof cell, "%s", count);
            put_cell(f, cell, cw, 1);
        }
        fputc('\n', f);
    }
    fputs(cli_t(ctx, "\nPersentase: dari perkara yang dilaporkan pada baris yang sama.\n",
                "\nPercentages: of the cases reported in the same row.\n"),
          f);
}

static void print_durations(cli_ctx *ctx, const netra_stats_duration *d, size_t nd)
{
    FILE *f = ctx->out;
    put_cell(f, cli_t(ctx, "status", "state"), 48, 0);
    put_cell(f, cli_t(ctx, "selesai", "done"), 9, 1);
    put_cell(f, cli_t(ctx, "kini", "now"), 7, 1);
    put_cell(f, "median", 9, 1);
    put_cell(f, "p90", 9, 1);
    put_cell(f, cli_t(ctx, "rerata", "mean"), 9, 1);
    fputc('\n', f);
    for (size_t i = 0; i < nd; i++) {
        const netra_stats_duration *x = &d[i];
        char buf[32];
        put_cell(f, cli_t(ctx, x->label_id, x->label_en), 48, 0);
        if (x->hidden && x->n > 0)
            snprintf(buf, sizeof buf, "<5");
        else
            snprintf(buf, sizeof buf, "%zu", x->n);
        put_cell(f, buf, 9, 1);
        if (x->open_hidden)
            snprintf(buf, sizeof buf, "<5");
        else
            snprintf(buf, sizeof buf, "%zu", x->open);
        put_cell(f, buf, 7, 1);
        const double v[3] = {x->median, x->p90, x->mean};
        for (size_t k = 0; k < 3; k++) {
            if (x->hidden || x->n == 0)
                snprintf(buf, sizeof buf, "-");
            else
                snprintf(buf, sizeof buf, "%.1f", v[k]);
            put_cell(f, buf, 9, 1);
        }
        fputc('\n', f);
    }
    fputs(cli_t(ctx,
                "\nHari kalender dari langkah yang memasuki status sampai langkah yang\n"
                "meninggalkannya; 'selesai' = tinggal yang sudah berakhir, 'kini' = perkara yang\n"
                "masih di status itu.\n",
                "\nCalendar days from the step that entered the state to the step that left it;\n"
                "'done' = completed stays, 'now' = cases in that state now.\n"),
          f);
}

int cmd_stats(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    env e;
    if ((rc = env_open(ctx, &e, &o)) != CLI_EXIT_OK) {
        env_close(&e);
        return rc;
    }
    netra_stats_table t;
    memset(&t, 0, sizeof t);
    netra_stats_duration *d = NULL;
    size_t nd = 0;
    int err = o.kind == T_SHARES   ? netra_stats_shares(&t, e.set, &o.q, o.share_by)
              : o.kind == T_FUNNEL ? netra_stats_funnel(&t, e.set, &o.q, o.group_by)
                                   : netra_stats_durations(&d, &nd, e.set, &o.q);
    if (err < 0) {
        env_close(&e);
        return cli_fail(ctx, err, "statistik", "statistics");
    }
    const netra_stats_table *tp = o.kind == T_DURATIONS ? NULL : &t;
    /* The same document netrad answers for /api/v1/stats/... (src/lib/stats/doc.c). */
    netra_stats_meta m[NETRA_STATS_META_MAX];
    size_t nm =
        netra_stats_meta_fill(m, kind_ids[o.kind], o.by_id, o.q.election, o.region, &o.q, e.seq);
    if (o.fmt == F_JSON) {
        rc = cli_print_json(ctx, netra_stats_doc_json(m, nm, netra_stats_count(e.set),
                                                      o.kind == T_SHARES, tp, d, nd));
    } else if (o.fmt == F_CSV) {
        netra_stats_doc_csv(ctx->out, m, nm, o.kind == T_SHARES, tp, d, nd);
    } else {
        static const char *const title_id[] = {"Sebaran perkara", "Corong penanganan perkara",
                                               "Lama perkara di setiap status"};
        static const char *const title_en[] = {"Shares of cases", "The funnel of case handling",
                                               "Time spent in each state"};
        fprintf(ctx->out, "%s\n", cli_t(ctx, title_id[o.kind], title_en[o.kind]));
        print_filters(ctx, &o, &e, tp);
        if (o.kind == T_SHARES)
            print_shares(ctx, &o, &t);
        else if (o.kind == T_FUNNEL)
            print_funnel(ctx, &o, &t);
        else
            print_durations(ctx, d, nd);
    }
    if (fflush(ctx->out) != 0 && rc == CLI_EXIT_OK) {
        cli_errorf(ctx, "gagal menulis keluaran", "cannot write the output");
        rc = CLI_EXIT_ENV;
    }
    netra_stats_table_free(&t);
    netra_stats_durations_free(d);
    env_close(&e);
    return rc;
}
