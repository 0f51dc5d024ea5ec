/*
 * cmd_index.c - `netra index`: the vulnerability index (indeks kerawanan) of ASN neutrality
 * by region, issue, election, stage and time window (docs/index-methodology.md).
 *
 *   netra index compute [SOURCES] [FILTERS] [--json|--csv|--geojson] [--top N]
 *   netra index prior FILE.csv [SOURCES] [FILTERS]
 *   netra index prevention REGION [SOURCES] [FILTERS]
 *
 * SOURCES: --db DB (cases), --events FILE.csv (analysts), --verdicts FILE.jsonl (netra scan);
 * each may be repeated and at least one is needed. FILTERS: --level, --election, --stage,
 * --from, --to.
 */
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"

#define MAX_SOURCES    16
#define BOUNDARIES_MAX (256 << 20) /* a simplified boundary file of import-geojson */

static const char *help_id =
    "Penggunaan: netra index PERINTAH [SUMBER] [SARING] [--json|--csv|--geojson]\n"
    "\n"
    "Indeks kerawanan netralitas ASN per wilayah, isu, pemilihan, tahapan dan rentang waktu,\n"
    "dihitung ulang dari peristiwa (laporan, temuan, registrasi, terbukti, sanksi, deteksi)\n"
    "seperti IKP Bawaslu: jumlah kejadian dibobot tingkat kejadian, skala 0-100, zona\n"
    "rendah/sedang/tinggi dengan ambang IKP 2024. Bobot: data/index/*.tsv;\n"
    "metode: docs/index-methodology.md.\n"
    "\n"
    "Perintah:\n"
    "  compute              skor setiap wilayah pada tingkat yang diminta\n"
    "  prior BERKAS.csv     bandingkan IKP terbitan (CSV: kode, skor) dengan skor teramati\n"
    "  prevention WILAYAH   isu, tahapan, instansi dan kelas jabatan yang mendorong skor\n"
    "\n"
    "Sumber (boleh diulang, paling sedikit satu):\n"
    "  --db DB              perkara dan perbuatannya di basis data\n"
    "  --events BERKAS.csv  peristiwa dari analis (kind,region,date[,election,stage,form,\n"
    "                       category,agency,position])\n"
    "  --verdicts BERKAS    putusan detektor (JSON Lines dari netra scan)\n"
    "\n"
    "Saring:\n"
    "  --level TINGKAT      province, kabkota (bawaan) atau kecamatan\n"
    "  --election ID        hanya pemilihan ini (pemilu-2024, pilkada-2024)\n"
    "  --stage TAHAP        hanya tahapan ini (kampanye, pencalonan, ...)\n"
    "  --from TTTT-BB-HH    sejak tanggal ini;  --to TTTT-BB-HH  sampai tanggal ini\n"
    "  --by stage|month     (compute) satu indeks per tahapan (perlu --election) atau per\n"
    "                       bulan (perlu --from dan --to)\n"
    "\n"
    "Keluaran (compute): tabel (--top N baris, bawaan 20; --top 0 semua), --json, --csv,\n"
    "--geojson (geometri dari --boundaries BERKAS hasil netra region import-geojson; tanpa itu\n"
    "peta petak 38 provinsi untuk tingkat provinsi). Opsi lain: --index-dir DIR (tabel bobot),\n"
    "--region-dir DIR (data wilayah).\n"
    "\n"
    "Zona hijau/kuning/merah adalah pilihan tampilan Netra, bukan skema resmi.\n";

static const char *help_en =
    "Usage: netra index COMMAND [SOURCES] [FILTERS] [--json|--csv|--geojson]\n"
    "\n"
    "The ASN-neutrality vulnerability index by region, issue, election, stage and time window,\n"
    "recomputed from events (reports, findings, registrations, proofs, sanctions, detections)\n"
    "the way Bawaslu's IKP is described: occurrences weighted by their level, scaled 0-100,\n"
    "zones rendah/sedang/tinggi with the IKP 2024 thresholds. Weights: data/index/*.tsv;\n"
    "method: docs/index-methodology.md.\n"
    "\n"
    "Commands:\n"
    "  compute              the score of every region at the asked level\n"
    "  prior FILE.csv       compare a published IKP (CSV: code, score) with observed scores\n"
    "  prevention REGION    the issues, stages, agencies and position classes driving a score\n"
    "\n"
    "Sources (repeatable, at least one):\n"
    "  --db DB              cases and their acts in a database\n"
    "  --events FILE.csv    analysts' events (kind,region,date[,election,stage,form,category,\n"
    "                       agency,position])\n"
    "  --verdicts FILE      detector verdicts (JSON Lines of netra scan)\n"
    "\n"
    "Filters:\n"
    "  --level LEVEL        province, kabkota (default) or kecamatan\n"
    "  --election ID        only this election (pemilu-2024, pilkada-2024)\n"
    "  --stage STAGE        only this phase (kampanye, pencalonan, ...)\n"
    "  --from YYYY-MM-DD    from this day;  --to YYYY-MM-DD  up to this day\n"
    "  --by stage|month     (compute) one index per phase (needs --election) or per month\n"
    "                       (needs --from and --to)\n"
    "\n"
    "Output (compute): a table (--top N rows, default 20; --top 0 all), --json, --csv,\n"
    "--geojson (geometry from --boundaries FILE written by netra region import-geojson; without\n"
    "it the tile map of the 38 provinces at province level). Other options: --index-dir DIR\n"
    "(weight tables), --region-dir DIR (region data).\n"
    "\n"
    "The hijau/kuning/merah colours are Netra's display choice, not an official scheme.\n";

typedef struct source {
    char kind; /* 'd' db, 'e' events, 'v' verdicts */
    const char *path;
} source;

typedef struct opts {
    source src[MAX_SOURCES];
    size_t n_src;
    netra_index_query q;
    const char *level_name, *index_dir, *region_dir, *boundaries;
    int csv, geojson, from_set, to_set;
    int by; /* 0, 's' by stage, 'm' by month */
    long top;
    const char *pos;
} opts;

typedef struct env {
    netra_law *law;
    netra_index_config *cfg;
    netra_index *ix;
    netra_regions *regs;
    netra_workflow *wf;
    netra_calendar *cal;
} env;

static void env_free(env *e)
{
    netra_index_free(e->ix);
    netra_index_config_free(e->cfg);
    netra_regions_free(e->regs);
    netra_workflow_free(e->wf);
    netra_calendar_free(e->cal);
    netra_law_free(e->law);
}

static int parse_level(netra_region_level *out, const char *v)
{
    if (strcmp(v, "province") == 0 || strcmp(v, "provinsi") == 0)
        *out = NETRA_REGION_PROVINCE;
    else if (strcmp(v, "kabkota") == 0 || strcmp(v, "regency") == 0)
        *out = NETRA_REGION_REGENCY;
    else if (strcmp(v, "kecamatan") == 0 || strcmp(v, "district") == 0)
        *out = NETRA_REGION_DISTRICT;
    else
        return -1;
    return 0;
}

static const char *level_word(netra_region_level l)
{
    return l == NETRA_REGION_PROVINCE   ? "province"
           : l == NETRA_REGION_DISTRICT ? "kecamatan"
                                        : "kabkota";
}

/* The level as shown in messages. */
static const char *level_label(const cli_ctx *ctx, netra_region_level l)
{
    if (l == NETRA_REGION_PROVINCE)
        return CLI_T(ctx, "provinsi", "province");
    if (l == NETRA_REGION_DISTRICT)
        return "kecamatan";
    return "kab/kota";
}

/* The sources, --level, --top and --by (cli_opts_parse hands them here). */
static int index_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    opts *o = p;
    switch (key) {
    case 'd':
    case 'e':
    case 'v':
        if (o->n_src >= MAX_SOURCES)
            return cli_usage(ctx, cmd, "paling banyak %d sumber", "at most %d sources",
                             MAX_SOURCES);
        o->src[o->n_src].kind = (char)key;
        o->src[o->n_src++].path = arg;
        return CLI_EXIT_OK;
    case 'l':
        if (parse_level(&o->q.level, arg) < 0)
            return cli_usage(ctx, cmd, "--level: province, kabkota atau kecamatan, bukan '%s'",
                             "--level: province, kabkota or kecamatan, not '%s'", arg);
        return CLI_EXIT_OK;
    case 'n':
        if (cli_long_in(arg, 0, 100000, &o->top) < 0)
            return cli_usage(ctx, cmd, "--top: angka 0-100000, bukan '%s'",
                             "--top: a number 0-100000, not '%s'", arg);
        return CLI_EXIT_OK;
    default:
        if (strcmp(arg, "stage") == 0 || strcmp(arg, "tahapan") == 0)
            o->by = 's';
        else if (strcmp(arg, "month") == 0 || strcmp(arg, "bulan") == 0)
            o->by = 'm';
        else
            return cli_usage(ctx, cmd, "--by: stage atau month, bukan '%s'",
                             "--by: stage or month, not '%s'", arg);
        return CLI_EXIT_OK;
    }
}

static const cli_opt index_table[] = {
    CLI_CALL("db", 'd'),
    CLI_CALL("events", 'e'),
    CLI_CALL("verdicts", 'v'),
    CLI_CALL("level", 'l'),
    CLI_TEXT(opts, "election", q.election),
    CLI_TEXT(opts, "stage", q.stage),
    CLI_DATE(opts, "from", q.from, q.has_from),
    CLI_DATE(opts, "to", q.to, q.has_to),
    CLI_FLAG(opts, "csv", csv),
    CLI_FLAG(opts, "geojson", geojson),
    CLI_CALL("top", 'n'),
    CLI_TEXT(opts, "index-dir", index_dir),
    CLI_TEXT(opts, "region-dir", region_dir),
    CLI_TEXT(opts, "boundaries", boundaries),
    CLI_CALL("by", 'B'),
};

static int parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, opts *o, int need_pos)
{
    static const cli_opts_spec spec =
        CLI_SPEC(index_table, index_call, "opsi tidak dikenal: %s", "unknown option: %s");
    netra_index_query q0 = NETRA_INDEX_QUERY_INIT;
    memset(o, 0, sizeof *o);
    o->q = q0;
    o->top = 20;
    int first;
    int rc = cli_opts_parse_argv(ctx, cmd, argc, argv, &spec, o, &first);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (need_pos) {
        if (first != argc - 1)
            return cli_usage(ctx, cmd, "perlu tepat satu argumen", "needs exactly one argument");
        o->pos = argv[first];
    } else if (first != argc) {
        return cli_usage(ctx, cmd, "argumen berlebih: %s", "unexpected argument: %s", argv[first]);
    }
    if (o->n_src == 0)
        return cli_usage(ctx, cmd, "perlu sumber: --db, --events atau --verdicts",
                         "needs a source: --db, --events or --verdicts");
    if (o->q.has_from && o->q.has_to && o->q.from > o->q.to)
        return cli_usage(ctx, cmd, "--from sesudah --to", "--from is after --to");
    if (o->by == 's' && (o->q.election == NULL || o->q.stage != NULL))
        return cli_usage(ctx, cmd, "--by stage perlu --election dan tanpa --stage",
                         "--by stage needs --election and no --stage");
    if (o->by == 'm' && (!o->q.has_from || !o->q.has_to || o->q.to - o->q.from > 3700))
        return cli_usage(ctx, cmd, "--by month perlu --from dan --to, paling lama 10 tahun",
                         "--by month needs --from and --to, at most 10 years apart");
    if (o->by && o->geojson)
        return cli_usage(ctx, cmd, "--by tidak untuk --geojson", "--by is not for --geojson");
    if (o->csv + o->geojson + ctx->json > 1)
        return cli_usage(ctx, cmd, "pilih satu dari --json, --csv, --geojson",
                         "choose one of --json, --csv, --geojson");
    return CLI_EXIT_OK;
}

static void progress(size_t n, void *payload)
{
    const cli_ctx *ctx = payload;
    fprintf(ctx->err, CLI_T(ctx, "\r%zu peristiwa dibaca...", "\r%zu events read..."), n);
    fflush(ctx->err);
}

static int load_sources(cli_ctx *ctx, env *e, const opts *o)
{
    int err, tty = isatty(fileno(ctx->err));
    netra_index_progress pf = tty ? progress : NULL;
    for (size_t i = 0; i < o->n_src; i++) {
        const source *s = &o->src[i];
        size_t n = 0, unplaced = 0;
        if (s->kind == 'e') {
            err = netra_index_load_csv(&n, e->ix, s->path, NULL, 0, pf, ctx);
        } else if (s->kind == 'v') {
            err = netra_index_load_verdicts(&n, &unplaced, e->ix, s->path, pf, ctx);
        } else {
            if (e->wf == NULL && ((err = netra_workflow_load(&e->wf, NULL)) < 0 ||
                                  (err = netra_calendar_load(&e->cal, NULL)) < 0))
                return cli_fail(ctx, err, "gagal memuat alur kerja", "cannot load the workflow");
            /* never create an empty SQLite file here (a PostgreSQL URI is not a file) */
            int uri =
                strncmp(s->path, "postgresql:", 11) == 0 || strncmp(s->path, "postgres:", 9) == 0;
            if (!uri && access(s->path, R_OK) != 0) {
                cli_errorf(ctx, "%s: basis data tidak ada atau tidak dapat dibaca",
                           "%s: no such database or not readable", s->path);
                return CLI_EXIT_ENV;
            }
            netra_store *st = NULL;
            netra_store_config sc = {e->wf, e->cal, NULL, e->law};
            if ((err = netra_store_open(&st, s->path, &sc)) < 0)
                return cli_fail(ctx, err, "gagal membuka basis data", "cannot open the database");
            err = netra_index_load_store(&n, &unplaced, e->ix, st, pf, ctx);
            netra_store_close(st);
        }
        if (tty)
            fputc('\n', ctx->err);
        if (err < 0)
            return cli_fail(ctx, err, "sumber tidak dapat dibaca", "cannot read a source");
        if (unplaced > 0)
            cli_errorf(ctx, "%s: %zu peristiwa tanpa kode wilayah dilewati",
                       "%s: %zu events without a region code skipped", s->path, unplaced);
    }
    return CLI_EXIT_OK;
}

static int env_open(cli_ctx *ctx, env *e, opts *o)
{
    memset(e, 0, sizeof *e);
    int rc = cli_load_law(ctx, &e->law, NETRA_LEVEL_NONE);
    if (rc != CLI_EXIT_OK)
        return rc;
    int err = netra_index_config_load(&e->cfg, o->index_dir, e->law);
    if (err < 0)
        return cli_fail(ctx, err, "tabel indeks tidak sah", "invalid index tables");
    if ((err = netra_index_new(&e->ix, e->cfg)) < 0)
        return cli_fail(ctx, err, "indeks", "index");
    /* region names and the full list of regions: optional, the codes suffice */
    if (netra_regions_load(&e->regs, o->region_dir) < 0) {
        cli_errorf(ctx, "data wilayah tidak tersedia (%s); hanya wilayah yang punya peristiwa",
                   "region data not available (%s); only regions with events are scored",
                   netra_error_last()->msg);
        e->regs = NULL;
    }
    o->q.regs = e->regs;
    return load_sources(ctx, e, o);
}

static void meta_json(json_t *m, const opts *o, size_t n_events)
{
    char buf[NETRA_DATE_STRLEN], at[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(m, "computed_at", json_string(at));
    json_object_set_new(m, "level", json_string(level_word(o->q.level)));
    json_object_set_new(m, "election", o->q.election ? json_string(o->q.election) : json_null());
    json_object_set_new(m, "stage", o->q.stage ? json_string(o->q.stage) : json_null());
    json_object_set_new(
        m, "from", o->q.has_from ? json_string(netra_date_format(o->q.from, buf)) : json_null());
    json_object_set_new(m, "to",
                        o->q.has_to ? json_string(netra_date_format(o->q.to, buf)) : json_null());
    json_object_set_new(m, "events", json_integer((json_int_t)n_events));
    json_object_set_new(m, "method", json_string("docs/index-methodology.md"));
    json_object_set_new(m, "zones_note",
                        json_string("zones rendah/sedang/tinggi: Bawaslu IKP 2024 thresholds; "
                                    "colours hijau/kuning/merah: Netra display choice"));
}

static json_t *row_json(const netra_index_config *cfg, const netra_index_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(r->code));
    json_object_set_new(o, "name", json_string(r->name));
    json_object_set_new(o, "score", json_real(r->score));
    json_object_set_new(o, "zone", json_string(netra_index_zone_id(r->zone)));
    json_object_set_new(o, "colour", json_string(netra_index_zone_colour(cfg, r->zone)));
    json_object_set_new(o, "value", json_real(r->value));
    json_object_set_new(o, "events", json_integer((json_int_t)r->n_events));
    json_t *is = json_object();
    for (size_t k = 0; k < netra_index_n_issues(cfg); k++)
        if (r->issue_value[k] > 0)
            json_object_set_new(
                is, netra_index_issue_id(cfg, k),
                json_pack("{s:f,s:f}", "value", r->issue_value[k], "score", r->issue_score[k]));
    json_object_set_new(o, "issues", is);
    return o;
}

/* Geometry for the GeoJSON output: a boundary file of netra region import-geojson, else the
 * tile map for provinces. Returns an object code -> geometry (new reference) or NULL. */
static json_t *geometries(const cli_ctx *ctx, const opts *o)
{
    json_t *g = json_object();
    if (o->boundaries != NULL) {
        struct stat sb;
        if (stat(o->boundaries, &sb) != 0 || sb.st_size > BOUNDARIES_MAX) {
            cli_errorf(ctx, "%s: tidak ada atau lebih dari %d MiB",
                       "%s: missing or larger than %d MiB", o->boundaries, BOUNDARIES_MAX >> 20);
            json_decref(g);
            return NULL;
        }
        json_error_t je;
        json_t *fc = json_load_file(o->boundaries, 0, &je);
        if (fc == NULL) {
            cli_errorf(ctx, "%s: baris %d: %s", "%s: line %d: %s", o->boundaries, je.line, je.text);
            json_decref(g);
            return NULL;
        }
        size_t i;
        json_t *f;
        json_array_foreach(json_object_get(fc, "features"), i, f)
        {
            const char *code =
                json_string_value(json_object_get(json_object_get(f, "properties"), "code"));
            json_t *geom = json_object_get(f, "geometry");
            if (code != NULL && geom != NULL)
                json_object_set(g, code, geom);
        }
        json_decref(fc);
        return g;
    }
    if (o->q.level != NETRA_REGION_PROVINCE)
        return g;
    char path[4096];
    snprintf(path, sizeof path, "%s/regions/tilemap-provinces.tsv", netra_data_dir());
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return g;
    char line[512];
    while (fgets(line, sizeof line, f) != NULL) {
        char code[8];
        int row, col;
        if (line[0] == '#' || sscanf(line, "%7s %d %d", code, &row, &col) != 3)
            continue;
        double x = col, y = -row;
        json_t *ring = json_pack("[[f,f],[f,f],[f,f],[f,f],[f,f]]", x, y, x + 0.95, y, x + 0.95,
                                 y - 0.95, x, y - 0.95, x, y);
        json_object_set_new(g, code,
                            json_pack("{s:s,s:[o]}", "type", "Polygon", "coordinates", ring));
    }
    fclose(f);
    return g;
}

/* One slice of a series: its label and its query. */
typedef struct slice {
    char label[32];
    netra_index_query q;
} slice;

/* --by stage (the phases of stages.tsv) or --by month (calendar months of the window): one
 * index per slice, each scaled on its own (the weighted value is comparable across slices). */
static int compute_series(cli_ctx *ctx, const opts *o, env *e)
{
    slice sl[130];
    size_t n_sl = 0;
    if (o->by == 's') {
        for (int ph = 1; ph < NETRA_PHASE_COUNT; ph++) {
            sl[n_sl].q = o->q;
            sl[n_sl].q.stage = netra_phase_id((netra_phase)ph);
            snprintf(sl[n_sl].label, sizeof sl[n_sl].label, "%s", sl[n_sl].q.stage);
            n_sl++;
        }
    } else {
        int y, m, d;
        netra_date_to_ymd(o->q.from, &y, &m, &d);
        for (;;) {
            netra_date first, last;
            netra_date_from_ymd(&first, y, m, 1);
            netra_date_from_ymd(&last, y, m, netra_date_days_in_month(y, m));
            if (first > o->q.to || n_sl >= sizeof sl / sizeof *sl)
                break;
            sl[n_sl].q = o->q;
            sl[n_sl].q.from = first > o->q.from ? first : o->q.from;
            sl[n_sl].q.to = last < o->q.to ? last : o->q.to;
            snprintf(sl[n_sl].label, sizeof sl[n_sl].label, "%04d-%02d", y, m);
            n_sl++;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    const char *col = o->by == 's' ? "stage" : "month";
    json_t *root = NULL, *arr = NULL;
    if (ctx->json) {
        root = json_object();
        json_t *meta = json_object();
        meta_json(meta, o, netra_index_count(e->ix));
        json_object_set_new(meta, "by", json_string(col));
        json_object_set_new(root, "meta", meta);
        arr = json_array();
        json_object_set_new(root, "series", arr);
    } else if (o->csv) {
        json_t *meta = json_object();
        meta_json(meta, o, netra_index_count(e->ix));
        json_object_set_new(meta, "by", json_string(col));
        char *m = json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER);
        fprintf(ctx->out, "# netra index compute %s\n", m ? m : "");
        free(m);
        json_decref(meta);
        fprintf(ctx->out, "%s,rank,code,name,score,zone,value,events\n", col);
    }
    for (size_t k = 0; k < n_sl; k++) {
        netra_index_result *r;
        int err = netra_index_compute(&r, e->ix, &sl[k].q);
        if (err < 0) {
            json_decref(root);
            return cli_fail(ctx, err, "perhitungan indeks gagal", "index computation failed");
        }
        size_t n = netra_index_result_count(r);
        size_t lim = o->top == 0 || (size_t)o->top > n ? n : (size_t)o->top;
        if (ctx->json) {
            json_t *regions = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(regions, row_json(e->cfg, netra_index_result_row(r, i)));
            json_array_append_new(arr, json_pack("{s:s,s:I,s:o}", col, sl[k].label, "events",
                                                 (json_int_t)netra_index_result_matched(r),
                                                 "regions", regions));
        } else if (o->csv) {
            for (size_t i = 0; i < n; i++) {
                const netra_index_row *row = netra_index_result_row(r, i);
                fprintf(ctx->out, "%s,%zu,%s,", sl[k].label, i + 1, row->code);
                netra_index_csv_cell(ctx->out, row->name);
                fprintf(ctx->out, ",%.2f,%s,%.4f,%zu\n", row->score, netra_index_zone_id(row->zone),
                        row->value, row->n_events);
            }
        } else {
            fprintf(ctx->out, "%s %s: %zu %s\n", col, sl[k].label, netra_index_result_matched(r),
                    CLI_T(ctx, "peristiwa", "events"));
            for (size_t i = 0; i < lim && netra_index_result_matched(r) > 0; i++) {
                const netra_index_row *row = netra_index_result_row(r, i);
                if (row->n_events == 0)
                    break;
                fprintf(ctx->out, "  %4zu  %-8s  %-34.34s %7.2f  %-7s %9zu\n", i + 1, row->code,
                        row->name, row->score, netra_index_zone_id(row->zone), row->n_events);
            }
        }
        netra_index_result_free(r);
    }
    return ctx->json ? cli_print_json(ctx, root) : CLI_EXIT_OK;
}

static int compute(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "index compute", argc, argv, &o, 0);
    if (rc != CLI_EXIT_OK)
        return rc;
    env e;
    if ((rc = env_open(ctx, &e, &o)) != CLI_EXIT_OK) {
        env_free(&e);
        return rc;
    }
    if (o.by) {
        rc = compute_series(ctx, &o, &e);
        env_free(&e);
        return rc;
    }
    netra_index_result *r = NULL;
    int err = netra_index_compute(&r, e.ix, &o.q);
    if (err < 0) {
        env_free(&e);
        return cli_fail(ctx, err, "perhitungan indeks gagal", "index computation failed");
    }
    size_t n = netra_index_result_count(r), ni = netra_index_n_issues(e.cfg);
    if (ctx->json || o.geojson) {
        json_t *root = json_object(), *meta = json_object();
        meta_json(meta, &o, netra_index_result_matched(r));
        json_object_set_new(meta, "unplaced",
                            json_integer((json_int_t)netra_index_result_unplaced(r)));
        json_t *geo = o.geojson ? geometries(ctx, &o) : NULL;
        if (o.geojson && geo == NULL) {
            json_decref(root);
            json_decref(meta);
            netra_index_result_free(r);
            env_free(&e);
            return CLI_EXIT_INVALID;
        }
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            const netra_index_row *row = netra_index_result_row(r, i);
            json_t *p = row_json(e.cfg, row);
            if (o.geojson) {
                json_t *gm = json_object_get(geo, row->code);
                json_array_append_new(arr, json_pack("{s:s,s:O,s:o}", "type", "Feature", "geometry",
                                                     gm ? gm : json_null(), "properties", p));
            } else {
                json_object_set_new(p, "rank", json_integer((json_int_t)i + 1));
                json_array_append_new(arr, p);
            }
        }
        json_decref(geo);
        if (o.geojson) {
            json_object_set_new(root, "type", json_string("FeatureCollection"));
            json_object_set_new(root, "netra", meta);
            json_object_set_new(root, "features", arr);
        } else {
            json_object_set_new(root, "meta", meta);
            json_object_set_new(root, "regions", arr);
        }
        rc = cli_print_json(ctx, root);
    } else if (o.csv) {
        json_t *meta = json_object();
        meta_json(meta, &o, netra_index_result_matched(r));
        char *m = json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER);
        fprintf(ctx->out, "# netra index compute %s\n", m ? m : "");
        free(m);
        json_decref(meta);
        fputs("rank,code,name,score,zone,colour,value,events", ctx->out);
        for (size_t k = 0; k < ni; k++)
            fprintf(ctx->out, ",%s", netra_index_issue_id(e.cfg, k));
        fputc('\n', ctx->out);
        for (size_t i = 0; i < n; i++) {
            const netra_index_row *row = netra_index_result_row(r, i);
            fprintf(ctx->out, "%zu,%s,", i + 1, row->code);
            netra_index_csv_cell(ctx->out, row->name);
            fprintf(ctx->out, ",%.2f,%s,%s,%.4f,%zu", row->score, netra_index_zone_id(row->zone),
                    netra_index_zone_colour(e.cfg, row->zone), row->value, row->n_events);
            for (size_t k = 0; k < ni; k++)
                fprintf(ctx->out, ",%.2f", row->issue_score[k]);
            fputc('\n', ctx->out);
        }
    } else {
        size_t zones[3] = {0, 0, 0};
        for (size_t i = 0; i < n; i++)
            zones[netra_index_result_row(r, i)->zone]++;
        fprintf(ctx->out,
                CLI_T(ctx,
                      "Indeks kerawanan netralitas ASN, tingkat %s: %zu wilayah, %zu peristiwa "
                      "(%zu tanpa wilayah pada tingkat ini)\n",
                      "ASN-neutrality vulnerability index, level %s: %zu regions, %zu events "
                      "(%zu without a region at this level)\n"),
                level_label(ctx, o.q.level), n, netra_index_result_matched(r),
                netra_index_result_unplaced(r));
        fprintf(ctx->out,
                CLI_T(ctx, "zona: tinggi %zu, sedang %zu, rendah %zu\n\n",
                      "zones: tinggi %zu, sedang %zu, rendah %zu\n\n"),
                zones[2], zones[1], zones[0]);
        fprintf(ctx->out, "%4s  %-8s  %-34s %7s  %-7s %9s  %s\n", "#", CLI_T(ctx, "kode", "code"),
                CLI_T(ctx, "nama", "name"), CLI_T(ctx, "skor", "score"), CLI_T(ctx, "zona", "zone"),
                CLI_T(ctx, "peristiwa", "events"), CLI_T(ctx, "isu utama", "top issue"));
        size_t lim = o.top == 0 || (size_t)o.top > n ? n : (size_t)o.top;
        for (size_t i = 0; i < lim; i++) {
            const netra_index_row *row = netra_index_result_row(r, i);
            size_t best = 0;
            for (size_t k = 1; k < ni; k++)
                if (row->issue_value[k] > row->issue_value[best])
                    best = k;
            fprintf(ctx->out, "%4zu  %-8s  %-34.34s %7.2f  %-7s %9zu  %s\n", i + 1, row->code,
                    row->name, row->score, netra_index_zone_id(row->zone), row->n_events,
                    row->issue_value[best] > 0 ? netra_index_issue_id(e.cfg, best) : "-");
        }
        if (lim < n)
            fprintf(ctx->out,
                    CLI_T(ctx, "... %zu wilayah lain (--top 0 untuk semua)\n",
                          "... %zu more regions (--top 0 for all)\n"),
                    n - lim);
    }
    netra_index_result_free(r);
    env_free(&e);
    return rc;
}

static int prior(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "index prior", argc, argv, &o, 1);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_index_prior_row *rows = NULL;
    size_t n_rows = 0;
    netra_region_level level;
    int err = netra_index_prior_load(&rows, &n_rows, &level, o.pos, NULL, 0);
    if (err < 0)
        return cli_fail(ctx, err, "tabel IKP tidak sah", "invalid IKP table");
    if (n_rows == 0) {
        netra_index_prior_free(rows);
        cli_errorf(ctx, "%s: tidak ada baris", "%s: no rows", o.pos);
        return CLI_EXIT_INVALID;
    }
    o.q.level = level;
    env e;
    netra_index_result *r = NULL;
    netra_index_comparison cmp;
    memset(&cmp, 0, sizeof cmp);
    if ((rc = env_open(ctx, &e, &o)) != CLI_EXIT_OK)
        goto out;
    if ((err = netra_index_compute(&r, e.ix, &o.q)) < 0 ||
        (err = netra_index_compare(&cmp, e.cfg, rows, n_rows, level, r)) < 0) {
        rc = cli_fail(ctx, err, "perbandingan gagal", "comparison failed");
        goto out;
    }
    if (ctx->json) {
        json_t *root = json_object(), *meta = json_object(), *arr = json_array();
        meta_json(meta, &o, netra_index_result_matched(r));
        json_object_set_new(meta, "prior", json_string(o.pos));
        json_object_set_new(root, "meta", meta);
        json_object_set_new(root, "compared", json_integer((json_int_t)cmp.n_rows));
        json_object_set_new(root, "only_prior", json_integer((json_int_t)cmp.only_prior));
        json_object_set_new(root, "zone_changed", json_integer((json_int_t)cmp.changed));
        json_object_set_new(root, "spearman", json_real(cmp.spearman));
        for (size_t i = 0; i < cmp.n_rows; i++) {
            const netra_index_compare_row *c = &cmp.rows[i];
            json_array_append_new(
                arr, json_pack("{s:s,s:f,s:f,s:f,s:s,s:s,s:b,s:i,s:i}", "code", c->code, "prior",
                               c->prior, "observed", c->observed, "diff", c->diff, "prior_zone",
                               netra_index_zone_id(c->prior_zone), "observed_zone",
                               netra_index_zone_id(c->observed_zone), "zone_changed",
                               c->prior_zone != c->observed_zone, "prior_rank", c->prior_rank,
                               "observed_rank", c->observed_rank));
        }
        json_object_set_new(root, "regions", arr);
        rc = cli_print_json(ctx, root);
    } else {
        fprintf(ctx->out,
                CLI_T(ctx,
                      "IKP terbitan vs teramati (%s): %zu wilayah dibandingkan, %zu hanya di "
                      "tabel terbitan\nkorelasi peringkat Spearman: %.3f; zona berubah: %zu\n\n",
                      "Published IKP vs observed (%s): %zu regions compared, %zu only in the "
                      "published table\nSpearman rank correlation: %.3f; zone changed: %zu\n\n"),
                level_label(ctx, level), cmp.n_rows, cmp.only_prior, cmp.spearman, cmp.changed);
        fprintf(ctx->out, "%-8s  %-30s %8s %8s %8s  %-7s    %-7s\n", CLI_T(ctx, "kode", "code"),
                CLI_T(ctx, "nama", "name"), CLI_T(ctx, "terbitan", "prior"),
                CLI_T(ctx, "teramati", "observed"), CLI_T(ctx, "selisih", "diff"),
                CLI_T(ctx, "zona", "zone"), "");
        for (size_t i = 0; i < cmp.n_rows; i++) {
            const netra_index_compare_row *c = &cmp.rows[i];
            const netra_index_row *row = netra_index_result_find(r, c->code);
            fprintf(ctx->out, "%-8s  %-30.30s %8.2f %8.2f %+8.2f  %-7s -> %-7s%s\n", c->code,
                    row ? row->name : "", c->prior, c->observed, c->diff,
                    netra_index_zone_id(c->prior_zone), netra_index_zone_id(c->observed_zone),
                    c->prior_zone != c->observed_zone ? " *" : "");
        }
    }
out:
    netra_index_comparison_free(&cmp);
    netra_index_result_free(r);
    netra_index_prior_free(rows);
    env_free(&e);
    return rc;
}

static json_t *drivers_json(const netra_index_driver *d, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a,
                              json_pack("{s:s,s:f,s:f,s:I}", "id", d[i].id, "value", d[i].value,
                                        "share", d[i].share, "events", (json_int_t)d[i].n_events));
    return a;
}

static void drivers_text(const cli_ctx *ctx, const char *title, const netra_index_driver *d,
                         size_t n)
{
    fprintf(ctx->out, "%s\n", title);
    if (n == 0)
        fprintf(ctx->out, "  -\n");
    for (size_t i = 0; i < n && i < 10; i++)
        fprintf(ctx->out, "  %-36.36s %5.1f%%  %9.2f  (%zu)\n",
                d[i].id[0] ? d[i].id : CLI_T(ctx, "(tidak tercatat)", "(not recorded)"),
                100.0 * d[i].share, d[i].value, d[i].n_events);
}

static int prevention(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "index prevention", argc, argv, &o, 1);
    if (rc != CLI_EXIT_OK)
        return rc;
    char code[NETRA_REGION_CODE_MAX];
    netra_region_level level;
    if (netra_region_code_parse(code, &level, o.pos) < 0) {
        cli_errorf(ctx, "kode wilayah tidak sah: %s", "invalid region code: %s",
                   netra_error_last()->msg);
        return CLI_EXIT_INVALID;
    }
    env e;
    netra_index_prevention p;
    memset(&p, 0, sizeof p);
    if ((rc = env_open(ctx, &e, &o)) != CLI_EXIT_OK) {
        env_free(&e);
        return rc;
    }
    int err = netra_index_prevention_get(&p, e.ix, &o.q, code);
    if (err < 0) {
        env_free(&e);
        return cli_fail(ctx, err, "daftar pencegahan gagal", "prevention list failed");
    }
    const netra_region *reg = NULL;
    if (e.regs != NULL)
        (void)netra_regions_get(&reg, e.regs, code);
    if (ctx->json) {
        json_t *root = json_object(), *meta = json_object();
        o.q.level = level;
        meta_json(meta, &o, p.n_events);
        json_object_set_new(root, "meta", meta);
        json_object_set_new(root, "code", json_string(p.code));
        json_object_set_new(root, "name", json_string(reg ? reg->name : ""));
        json_object_set_new(root, "total", json_real(p.total));
        json_object_set_new(root, "events", json_integer((json_int_t)p.n_events));
        json_object_set_new(root, "issues", drivers_json(p.issues, p.n_issues));
        json_object_set_new(root, "stages", drivers_json(p.stages, p.n_stages));
        json_object_set_new(root, "agencies", drivers_json(p.agencies, p.n_agencies));
        json_object_set_new(root, "positions", drivers_json(p.positions, p.n_positions));
        rc = cli_print_json(ctx, root);
    } else {
        fprintf(ctx->out,
                CLI_T(ctx, "Daftar pencegahan %s %s: %zu peristiwa, nilai berbobot %.2f\n\n",
                      "Prevention list %s %s: %zu events, weighted value %.2f\n\n"),
                p.code, reg ? reg->name : "", p.n_events, p.total);
        drivers_text(ctx, CLI_T(ctx, "Isu utama:", "Top issues:"), p.issues, p.n_issues);
        drivers_text(ctx, CLI_T(ctx, "Tahapan:", "Stages:"), p.stages, p.n_stages);
        drivers_text(ctx, CLI_T(ctx, "Instansi:", "Agencies:"), p.agencies, p.n_agencies);
        drivers_text(ctx, CLI_T(ctx, "Kelas jabatan:", "Position classes:"), p.positions,
                     p.n_positions);
        if (p.n_events > 0)
            fprintf(ctx->out, "\n%s\n",
                    CLI_T(ctx,
                          "Sasaran sosialisasi: instansi dan kelas jabatan teratas, pada isu dan "
                          "tahapan teratas.",
                          "Target socialisation at the top agencies and position classes, on the "
                          "top issues and stages."));
    }
    netra_index_prevention_free(&p);
    env_free(&e);
    return rc;
}

int cmd_index(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "compute") == 0)
        return compute(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "prior") == 0)
        return prior(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "prevention") == 0)
        return prevention(ctx, argc - 1, argv + 1);
    return cli_usage(ctx, "index", "perintah tidak dikenal: %s", "unknown command: %s", argv[1]);
}
