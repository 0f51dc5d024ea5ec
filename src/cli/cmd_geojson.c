/*
 * cmd_geojson.c - `netra region import-geojson FILE --out OUT`: an official boundary GeoJSON
 * matched on Kemendagri codes, with a report of the features that did not match, written
 * back simplified for the web app's map.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "netra/geojson.h"
#include "netra/netra.h"

static const char *help_id =
    "Penggunaan: netra region import-geojson BERKAS --out KELUARAN [--tolerance DERAJAT]\n"
    "                                    [--decimals N] [--code-property NAMA] [--dir DIR]\n"
    "\n"
    "Membaca GeoJSON batas wilayah resmi (FeatureCollection berisi Polygon/MultiPolygon),\n"
    "mencocokkan setiap fitur dengan kode Kemendagri pada propertinya (code, kode,\n"
    "kode_wilayah, ...), melaporkan fitur yang tidak cocok, dan menulis GeoJSON yang\n"
    "disederhanakan (Douglas-Peucker) untuk peta aplikasi web. Dibaca per fitur; galat\n"
    "menyebut posisi byte.\n"
    "\n"
    "  --out BERKAS          GeoJSON keluaran (wajib)\n"
    "  --tolerance DERAJAT   toleransi penyederhanaan (bawaan 0.001, sekitar 110 m; 0 = tidak)\n"
    "  --decimals N          desimal koordinat yang disimpan, 1-8 (bawaan 5)\n"
    "  --code-property NAMA  properti yang memuat kode\n";

static const char *help_en =
    "Usage: netra region import-geojson FILE --out OUTPUT [--tolerance DEGREES]\n"
    "                                   [--decimals N] [--code-property NAME] [--dir DIR]\n"
    "\n"
    "Reads an official boundary GeoJSON (a FeatureCollection of Polygon/MultiPolygon),\n"
    "matches each feature to a Kemendagri code in its properties (code, kode, kode_wilayah,\n"
    "...), reports the features that do not match, and writes a simplified GeoJSON\n"
    "(Douglas-Peucker) for the web app's map. Read one feature at a time; errors give the\n"
    "byte offset.\n"
    "\n"
    "  --out FILE            output GeoJSON (required)\n"
    "  --tolerance DEGREES   simplification tolerance (default 0.001, about 110 m; 0 = none)\n"
    "  --decimals N          coordinate decimals kept, 1-8 (default 5)\n"
    "  --code-property NAME  the property holding the code\n";

static int parse_double(double *out, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !(v >= 0 && v <= 1))
        return -1;
    *out = v;
    return 0;
}

typedef struct geojson_opts {
    netra_geojson_options g;
    const char *out, *dir;
} geojson_opts;

/* --tolerance and --decimals (cli_opts_parse hands them here). */
static int geojson_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    geojson_opts *o = p;
    if (key == 't') {
        if (parse_double(&o->g.tolerance, arg) < 0)
            return cli_usage(ctx, cmd, "--tolerance: derajat 0-1, bukan '%s'",
                             "--tolerance: degrees 0-1, not '%s'", arg);
    } else {
        long v;
        if (cli_long_in(arg, 1, 8, &v) < 0)
            return cli_usage(ctx, cmd, "--decimals: 1-8, bukan '%s'", "--decimals: 1-8, not '%s'",
                             arg);
        o->g.decimals = (int)v;
    }
    return CLI_EXIT_OK;
}

static const cli_opt geojson_table[] = {
    CLI_TEXT(geojson_opts, "out", out), CLI_CALL("tolerance", 't'),
    CLI_CALL("decimals", 'n'),          CLI_TEXT(geojson_opts, "code-property", g.code_property),
    CLI_TEXT(geojson_opts, "dir", dir),
};

int cmd_region_geojson(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(geojson_table, geojson_call, "opsi tidak dikenal: %s", "unknown option: %s");
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    geojson_opts go = {NETRA_GEOJSON_OPTIONS_INIT, NULL, NULL};
    int first;
    int prc = cli_opts_parse_argv(ctx, "region import-geojson", argc, argv, &spec, &go, &first);
    if (prc != CLI_EXIT_OK)
        return prc;
    netra_geojson_options o = go.g;
    const char *out = go.out, *dir = go.dir;
    if (first != argc - 1)
        return cli_usage(ctx, "region import-geojson", "perlu tepat satu BERKAS",
                         "needs exactly one FILE");
    if (out == NULL)
        return cli_usage(ctx, "region import-geojson", "--out BERKAS wajib",
                         "--out FILE is required");
    netra_regions *regs;
    int err = netra_regions_load(&regs, dir);
    if (err < 0)
        return cli_fail(ctx, err, "data wilayah tidak dapat dibaca", "cannot read region data");
    netra_geojson_report *rep = malloc(sizeof *rep);
    if (rep == NULL) {
        netra_regions_free(regs);
        return CLI_EXIT_ENV;
    }
    err = netra_geojson_import(rep, regs, argv[first], NULL, 0, out, &o);
    netra_regions_free(regs);
    if (err < 0) {
        free(rep);
        return cli_fail(ctx, err, "impor GeoJSON gagal", "GeoJSON import failed");
    }
    int rc = CLI_EXIT_OK;
    if (ctx->json) {
        json_t *root = json_object(), *un = json_array(), *miss = json_array();
        json_object_set_new(root, "features", json_integer((json_int_t)rep->features));
        json_object_set_new(root, "matched", json_integer((json_int_t)rep->matched));
        json_object_set_new(root, "unmatched", json_integer((json_int_t)rep->unmatched));
        json_object_set_new(root, "provinces", json_integer((json_int_t)rep->by_level[1]));
        json_object_set_new(root, "kabkota", json_integer((json_int_t)rep->by_level[2]));
        json_object_set_new(root, "kecamatan", json_integer((json_int_t)rep->by_level[3]));
        json_object_set_new(root, "points_in", json_integer((json_int_t)rep->points_in));
        json_object_set_new(root, "points_out", json_integer((json_int_t)rep->points_out));
        for (size_t i = 0; i < rep->n_listed; i++) {
            const netra_geojson_unmatched *u = &rep->listed[i];
            json_array_append_new(un,
                                  json_pack("{s:I,s:I,s:s,s:s,s:s}", "feature",
                                            (json_int_t)u->feature, "byte", (json_int_t)u->offset,
                                            "code", u->code, "name", u->name, "reason", u->reason));
        }
        json_object_set_new(root, "unmatched_features", un);
        json_object_set_new(
            root, "missing",
            json_integer((json_int_t)(rep->missing[1] + rep->missing[2] + rep->missing[3])));
        for (size_t i = 0; i < rep->n_missing_first; i++)
            json_array_append_new(miss, json_string(rep->missing_first[i]));
        json_object_set_new(root, "missing_first", miss);
        json_object_set_new(root, "out", json_string(out));
        rc = cli_print_json(ctx, root);
    } else {
        fprintf(ctx->out,
                CLI_T(ctx,
                      "%zu fitur dibaca: %zu cocok (%zu provinsi, %zu kab/kota, %zu kecamatan), "
                      "%zu tidak cocok\n",
                      "%zu features read: %zu matched (%zu provinces, %zu kab/kota, %zu "
                      "kecamatan), %zu unmatched\n"),
                rep->features, rep->matched, rep->by_level[1], rep->by_level[2], rep->by_level[3],
                rep->unmatched);
        for (size_t i = 0; i < rep->n_listed; i++) {
            const netra_geojson_unmatched *u = &rep->listed[i];
            fprintf(ctx->out,
                    CLI_T(ctx, "  fitur %zu (byte %zu) kode '%s' %s: %s\n",
                          "  feature %zu (byte %zu) code '%s' %s: %s\n"),
                    u->feature, u->offset, u->code, u->name, u->reason);
        }
        size_t miss = rep->missing[1] + rep->missing[2] + rep->missing[3];
        if (miss > 0) {
            fprintf(ctx->out,
                    CLI_T(ctx, "%zu wilayah pada tingkat itu tanpa batas, mis.",
                          "%zu regions of those levels have no boundary, e.g."),
                    miss);
            for (size_t i = 0; i < rep->n_missing_first; i++)
                fprintf(ctx->out, " %s", rep->missing_first[i]);
            fputc('\n', ctx->out);
        }
        fprintf(
            ctx->out,
            CLI_T(ctx, "titik: %zu -> %zu; ditulis ke %s\n", "points: %zu -> %zu; written to %s\n"),
            rep->points_in, rep->points_out, out);
    }
    if (rep->matched == 0) {
        cli_errorf(ctx, "tidak ada fitur yang cocok dengan kode Kemendagri",
                   "no feature matched a Kemendagri code");
        rc = CLI_EXIT_INVALID;
    }
    free(rep);
    return rc;
}
