/*
 * cmd_region.c - `netra region`: Kemendagri region codes and names (provinsi, kabupaten/kota,
 * kecamatan) from idn-area-data (Kepmendagri No. 300.2.2-2138 Tahun 2025; data ODbL 1.0).
 *
 *   netra region find QUERY... [--level provinsi|kabkota|kecamatan] [--limit N]
 *   netra region show CODE
 *   netra region children [CODE]
 *   netra region stats
 *
 * Every subcommand takes --dir DIR (default: NETRA_REGION_DIR, else the build's directory).
 * Exit codes: 4 when nothing is found, 3 for a malformed code or query (cli.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "netra/netra.h"

#define FIND_DEFAULT_LIMIT 10
#define FIND_MAX_LIMIT     1000

static const char *help_id =
    "Penggunaan: netra region PERINTAH ... [--dir DIR] [--json]\n"
    "\n"
    "Kode dan nama wilayah Kemendagri (Kepmendagri No. 300.2.2-2138 Tahun 2025): 38 provinsi,\n"
    "514 kabupaten/kota, 7.285 kecamatan. Data: idn-area-data (ODbL 1.0).\n"
    "\n"
    "Perintah:\n"
    "  find KUERI...        cari wilayah menurut nama seperti orang menulisnya\n"
    "                       (\"Kab. Bandung\", \"KOTA BANDUNG\", \"Jabar\", \"Bandng\") atau kode\n"
    "  show KODE            satu wilayah, wilayah induknya, dan jumlah anaknya\n"
    "  children [KODE]      daftar kabupaten/kota sebuah provinsi atau kecamatan sebuah\n"
    "                       kabupaten/kota; tanpa KODE: daftar provinsi\n"
    "  stats                jumlah wilayah per tingkat\n"
    "  import-geojson BERKAS --out KELUARAN\n"
    "                       batas wilayah resmi (GeoJSON) dicocokkan dengan kode, disederhanakan\n"
    "\n"
    "Opsi:\n"
    "  --dir DIR            direktori CSV idn-area-data (bawaan: NETRA_REGION_DIR)\n"
    "  --level TINGKAT      (find) hanya provinsi, kabkota, atau kecamatan\n"
    "  --limit N            (find) paling banyak N hasil, 1-1000 (bawaan: 10)\n"
    "\n"
    "Kode ditulis 32, 32.04, 3204, 32.04.05 atau 320405. Kode keluar: 0 berhasil, 2 penggunaan\n"
    "salah, 3 kode atau kueri tidak sah, 4 tidak ditemukan, 5 data tidak dapat dibaca.\n"
    "\n"
    "Contoh: netra region find kab bandung\n"
    "        netra region show 32.73\n";

static const char *help_en =
    "Usage: netra region COMMAND ... [--dir DIR] [--json]\n"
    "\n"
    "Kemendagri region codes and names (Kepmendagri No. 300.2.2-2138 of 2025): 38 provinces,\n"
    "514 regencies and cities (kabupaten/kota), 7,285 districts (kecamatan).\n"
    "Data: idn-area-data (ODbL 1.0).\n"
    "\n"
    "Commands:\n"
    "  find QUERY...        find regions by name the way people write it\n"
    "                       (\"Kab. Bandung\", \"KOTA BANDUNG\", \"Jabar\", \"Bandng\") or by "
    "code\n"
    "  show CODE            one region, its parents and its number of children\n"
    "  children [CODE]      the kabupaten/kota of a province or the kecamatan of a\n"
    "                       kabupaten/kota; without CODE: the provinces\n"
    "  stats                number of regions per level\n"
    "  import-geojson FILE --out OUTPUT\n"
    "                       official boundaries (GeoJSON) matched on codes, simplified\n"
    "\n"
    "Options:\n"
    "  --dir DIR            directory of the idn-area-data CSV files (default: NETRA_REGION_DIR)\n"
    "  --level LEVEL        (find) only provinsi, kabkota or kecamatan\n"
    "  --limit N            (find) at most N results, 1-1000 (default: 10)\n"
    "\n"
    "Codes are written 32, 32.04, 3204, 32.04.05 or 320405. Exit codes: 0 success, 2 usage\n"
    "error, 3 malformed code or query, 4 not found, 5 data cannot be read.\n"
    "\n"
    "Examples: netra region find kab bandung\n"
    "          netra region show 32.73\n";

static const char *find_help_id =
    "Penggunaan: netra region find KUERI... [--level provinsi|kabkota|kecamatan] [--limit N]\n"
    "                              [--dir DIR] [--json]\n"
    "\n"
    "Mencari wilayah menurut nama. Huruf besar/kecil, tanda baca dan spasi berlebih diabaikan.\n"
    "Kata jenis di depan (Kab., Kabupaten, Kota, Kot., Kec., Kecamatan, Prov., Provinsi)\n"
    "membatasi jenis wilayah. Singkatan provinsi (Jabar, Jateng, DIY, NTB...) dikenali; salah\n"
    "ketik kecil (1 huruf untuk nama pendek, 2 untuk nama panjang) masih ditemukan. KUERI\n"
    "yang berupa kode mencari kode itu.\n"
    "\n"
    "Kolom: kode, tingkat, nama, induk, skor (100 = nama atau kode sama persis), alasan.\n"
    "Kode keluar 4 bila tidak ada yang cocok.\n"
    "\n"
    "Contoh: netra region find \"Kab. Bandung\"\n"
    "        netra region find bandung --level kecamatan --limit 5\n";

static const char *find_help_en =
    "Usage: netra region find QUERY... [--level provinsi|kabkota|kecamatan] [--limit N]\n"
    "                         [--dir DIR] [--json]\n"
    "\n"
    "Finds regions by name. Case, punctuation and extra spaces are ignored. A leading type\n"
    "word (Kab., Kabupaten, Kota, Kot., Kec., Kecamatan, Prov., Provinsi) restricts the kind\n"
    "of region. Province abbreviations (Jabar, Jateng, DIY, NTB...) are known; small typos\n"
    "(1 letter in short names, 2 in longer ones) are still found. A QUERY that is a code\n"
    "finds that code.\n"
    "\n"
    "Columns: code, level, name, parent, score (100 = same name or code), reason.\n"
    "Exit code 4 when nothing matches.\n"
    "\n"
    "Examples: netra region find \"Kab. Bandung\"\n"
    "          netra region find bandung --level kecamatan --limit 5\n";

static const char *show_help_id =
    "Penggunaan: netra region show KODE [--dir DIR] [--json]\n"
    "\n"
    "Menampilkan satu wilayah: kode, nama, tingkat, rantai wilayah induk sampai provinsi, dan\n"
    "jumlah wilayah anaknya. KODE: 32, 32.04, 3204, 32.04.05 atau 320405.\n"
    "Kode keluar 3 bila KODE tidak sah, 4 bila tidak ada dalam data.\n";

static const char *show_help_en =
    "Usage: netra region show CODE [--dir DIR] [--json]\n"
    "\n"
    "Shows one region: code, name, level, the chain of parents up to the province, and its\n"
    "number of children. CODE: 32, 32.04, 3204, 32.04.05 or 320405.\n"
    "Exit code 3 for a malformed CODE, 4 when it is not in the data.\n";

static const char *children_help_id =
    "Penggunaan: netra region children [KODE] [--dir DIR] [--json]\n"
    "\n"
    "Daftar kabupaten/kota sebuah provinsi atau kecamatan sebuah kabupaten/kota, urut kode.\n"
    "Tanpa KODE: daftar 38 provinsi. Desa/kelurahan tidak dimuat, jadi kecamatan tidak\n"
    "memiliki anak di sini.\n";

static const char *children_help_en =
    "Usage: netra region children [CODE] [--dir DIR] [--json]\n"
    "\n"
    "Lists the kabupaten/kota of a province or the kecamatan of a kabupaten/kota, by code.\n"
    "Without CODE: the 38 provinces. Villages (desa/kelurahan) are not loaded, so a\n"
    "kecamatan has no children here.\n";

static const char *stats_help_id = "Penggunaan: netra region stats [--dir DIR] [--json]\n"
                                   "\n"
                                   "Jumlah provinsi, kabupaten/kota (kabupaten + kota) dan "
                                   "kecamatan dalam data yang dimuat.\n";

static const char *stats_help_en = "Usage: netra region stats [--dir DIR] [--json]\n"
                                   "\n"
                                   "Number of provinces, regencies (kabupaten + kota) and "
                                   "districts in the loaded data.\n";

/* Identifiers and Indonesian phrases of netra_region_reason, indexed by its value. */
static const struct {
    const char *id;
    const char *text_id;
} reasons[] = {
    {"unknown", "?"},
    {"code", "kode"},
    {"exact", "nama sama"},
    {"alias", "singkatan"},
    {"nospace", "nama sama tanpa spasi"},
    {"prefix", "awal nama"},
    {"words", "bagian nama"},
    {"partial", "awal nama (sebagian kata)"},
    {"all_words", "semua kata ada"},
    {"fuzzy", "salah ketik"},
    {"fuzzy_prefix", "salah ketik di awal nama"},
    {"other_type", "nama sama, jenis lain"},
};
#define N_REASONS (sizeof reasons / sizeof *reasons)

typedef struct region_args {
    const char *dir;          /* --dir, or NULL */
    netra_region_level level; /* --level */
    long limit;               /* --limit */
    int has_level, has_limit; /* whether given */
    int n_pos;                /* positional arguments after the subcommand name */
    char **pos;               /* them */
} region_args;

static const char *kind_label(const cli_ctx *ctx, const netra_region *r)
{
    if (ctx->lang != CLI_LANG_EN)
        return netra_region_kind(r);
    switch (r->level) {
    case NETRA_REGION_PROVINCE:
        return "province";
    case NETRA_REGION_REGENCY:
        return r->is_kota ? "kota" : "kabupaten";
    default:
        return "district";
    }
}

static const char *reason_id(netra_region_reason r)
{
    return (size_t)r < N_REASONS ? reasons[r].id : "unknown";
}

/* JSON string, or null for text that is not UTF-8 (jansson refuses it). */
static json_t *jstr(const char *s)
{
    json_t *v = s != NULL ? json_string(s) : NULL;
    return v != NULL ? v : json_null();
}

static json_t *region_json(const netra_region *r)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "code", jstr(r->code));
    json_object_set_new(o, "name", jstr(r->name));
    json_object_set_new(o, "level", jstr(netra_region_level_name(r->level)));
    json_object_set_new(o, "kind", jstr(netra_region_kind(r)));
    return o;
}

static int load(const cli_ctx *ctx, netra_regions **out, const char *dir)
{
    int err = netra_regions_load(out, dir);
    if (err < 0)
        return cli_fail(ctx, err, "gagal memuat data wilayah", "cannot load the region data");
    return CLI_EXIT_OK;
}

/* Resolves a code argument; reports a malformed (3) or unknown (4) code. */
static int get_region(const cli_ctx *ctx, const netra_regions *regs, const char *code,
                      const netra_region **out)
{
    int err = netra_regions_get(out, regs, code);
    if (err == NETRA_EINVAL) {
        cli_fail(ctx, err, "kode wilayah tidak sah", "malformed region code");
        fputs(cli_t(ctx, "Untuk mencari menurut nama: netra region find NAMA\n",
                    "To search by name: netra region find NAME\n"),
              ctx->err);
        return CLI_EXIT_INVALID;
    }
    if (err < 0)
        return cli_fail(ctx, err, "wilayah tidak ditemukan", "region not found");
    return CLI_EXIT_OK;
}

static int parse_level(const char *s, netra_region_level *out)
{
    if (strcmp(s, "provinsi") == 0 || strcmp(s, "province") == 0)
        *out = NETRA_REGION_PROVINCE;
    else if (strcmp(s, "kabkota") == 0 || strcmp(s, "kab/kota") == 0 || strcmp(s, "regency") == 0)
        *out = NETRA_REGION_REGENCY;
    else if (strcmp(s, "kecamatan") == 0 || strcmp(s, "district") == 0)
        *out = NETRA_REGION_DISTRICT;
    else
        return -1;
    return 0;
}

/* ---- find -------------------------------------------------------------------------------- */

static int do_find(cli_ctx *ctx, const netra_regions *regs, const region_args *a)
{
    char query[NETRA_REGION_QUERY_MAX + 1];
    size_t qlen = 0;
    for (int i = 0; i < a->n_pos; i++) {
        size_t l = strlen(a->pos[i]);
        if (qlen + l + (i > 0) > NETRA_REGION_QUERY_MAX) {
            cli_errorf(ctx, "kueri lebih panjang dari %d byte", "query longer than %d bytes",
                       NETRA_REGION_QUERY_MAX);
            return CLI_EXIT_INVALID;
        }
        if (i > 0)
            query[qlen++] = ' ';
        memcpy(query + qlen, a->pos[i], l);
        qlen += l;
    }
    query[qlen] = '\0';
    size_t limit = (size_t)(a->has_limit ? a->limit : FIND_DEFAULT_LIMIT);
    netra_region_match *m = calloc(limit, sizeof *m);
    if (m == NULL) {
        cli_errorf(ctx, "memori habis", "out of memory");
        return CLI_EXIT_ENV;
    }
    size_t n = 0;
    int err = netra_regions_find(m, limit, &n, regs, query, a->level);
    int rc = CLI_EXIT_OK;
    if (err == NETRA_EINVAL) {
        rc = cli_fail(ctx, err, "kueri tidak sah", "invalid query");
        goto done;
    }
    if (err == NETRA_ENOTFOUND)
        rc = CLI_EXIT_NOTFOUND;
    else if (err < 0) {
        rc = cli_fail(ctx, err, "pencarian gagal", "search failed");
        goto done;
    }
    if (ctx->json) {
        json_t *top = json_object(), *arr = json_array();
        if (top == NULL || arr == NULL) {
            json_decref(top);
            json_decref(arr);
            rc = cli_print_json(ctx, NULL);
            goto done;
        }
        json_object_set_new(top, "query", jstr(query));
        json_object_set_new(top, "level", jstr(netra_region_level_name(a->level)));
        json_object_set_new(top, "count", json_integer((json_int_t)n));
        for (size_t i = 0; i < n; i++) {
            json_t *o = region_json(m[i].region);
            if (o == NULL)
                continue;
            const netra_region *p = m[i].region->parent;
            json_object_set_new(o, "parent", p ? region_json(p) : json_null());
            json_object_set_new(o, "score", json_integer(m[i].score));
            json_object_set_new(o, "reason", jstr(reason_id(m[i].reason)));
            json_object_set_new(o, "explanation", jstr(netra_region_reason_name(m[i].reason)));
            if (m[i].distance > 0)
                json_object_set_new(o, "distance", json_integer(m[i].distance));
            if (m[i].alias != NULL)
                json_object_set_new(o, "alias", jstr(m[i].alias));
            json_array_append_new(arr, o);
        }
        json_object_set_new(top, "results", arr);
        int prc = cli_print_json(ctx, top);
        if (prc != CLI_EXIT_OK)
            rc = prc;
    }
    if (n == 0) {
        cli_errorf(ctx, "tidak ada wilayah yang cocok dengan '%s'", "no region matches '%s'",
                   query);
        goto done;
    }
    if (ctx->json)
        goto done;
    int wname = 4, wparent = 5;
    for (size_t i = 0; i < n; i++) {
        int l = (int)strlen(m[i].region->name);
        if (l > wname)
            wname = l;
        if (m[i].region->parent != NULL) {
            l = (int)strlen(m[i].region->parent->name);
            if (l > wparent)
                wparent = l;
        }
    }
    fprintf(ctx->out, "%-9s %-10s %-*s %-*s %5s  %s\n", cli_t(ctx, "KODE", "CODE"),
            cli_t(ctx, "TINGKAT", "LEVEL"), wname, cli_t(ctx, "NAMA", "NAME"), wparent,
            cli_t(ctx, "INDUK", "PARENT"), cli_t(ctx, "SKOR", "SCORE"),
            cli_t(ctx, "ALASAN", "REASON"));
    for (size_t i = 0; i < n; i++) {
        const netra_region *r = m[i].region;
        fprintf(ctx->out, "%-9s %-10s %-*s %-*s %5d  ", r->code, kind_label(ctx, r), wname, r->name,
                wparent, r->parent ? r->parent->name : "-", m[i].score);
        if (ctx->lang == CLI_LANG_EN)
            fputs(netra_region_reason_name(m[i].reason), ctx->out);
        else
            fputs((size_t)m[i].reason < N_REASONS ? reasons[m[i].reason].text_id : "?", ctx->out);
        if (m[i].alias != NULL)
            fprintf(ctx->out, " '%s'", m[i].alias);
        if (m[i].distance > 0)
            fprintf(ctx->out, " (%d)", m[i].distance);
        fputc('\n', ctx->out);
    }
done:
    free(m);
    return rc;
}

/* ---- show -------------------------------------------------------------------------------- */

static void children_summary(const cli_ctx *ctx, const netra_region *r)
{
    if (r->level == NETRA_REGION_PROVINCE) {
        size_t kota = 0;
        for (size_t i = 0; i < r->n_children; i++)
            kota += (size_t)r->children[i].is_kota;
        fprintf(ctx->out, "%-16s %zu (%zu %s + %zu %s)\n",
                cli_t(ctx, "Kabupaten/kota:", "Regencies:"), r->n_children, r->n_children - kota,
                "kabupaten", kota, "kota");
    } else if (r->level == NETRA_REGION_REGENCY) {
        fprintf(ctx->out, "%-16s %zu\n", cli_t(ctx, "Kecamatan:", "Districts:"), r->n_children);
    } else {
        fprintf(ctx->out, "%-16s %s\n", cli_t(ctx, "Desa/kelurahan:", "Villages:"),
                cli_t(ctx, "tidak dimuat", "not loaded"));
    }
}

static int do_show(cli_ctx *ctx, const netra_regions *regs, const region_args *a)
{
    if (a->n_pos != 1)
        return cli_usage(ctx, "region show", "perlu tepat satu KODE", "takes exactly one CODE");
    const netra_region *r;
    int rc = get_region(ctx, regs, a->pos[0], &r);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (ctx->json) {
        json_t *o = region_json(r), *parents = json_array();
        if (o == NULL || parents == NULL) {
            json_decref(o);
            json_decref(parents);
            return cli_print_json(ctx, NULL);
        }
        if (r->level == NETRA_REGION_REGENCY)
            json_object_set_new(o, "is_kota", json_boolean(r->is_kota));
        for (const netra_region *p = r->parent; p != NULL; p = p->parent)
            json_array_append_new(parents, region_json(p));
        json_object_set_new(o, "parents", parents);
        json_object_set_new(o, "children", json_integer((json_int_t)r->n_children));
        json_object_set_new(o, "children_level",
                            r->level == NETRA_REGION_DISTRICT
                                ? json_null()
                                : jstr(netra_region_level_name(r->level + 1)));
        return cli_print_json(ctx, o);
    }
    fprintf(ctx->out, "%-16s %s\n", cli_t(ctx, "Kode:", "Code:"), r->code);
    fprintf(ctx->out, "%-16s %s\n", cli_t(ctx, "Nama:", "Name:"), r->name);
    fprintf(ctx->out, "%-16s %s\n", cli_t(ctx, "Tingkat:", "Level:"), kind_label(ctx, r));
    for (const netra_region *p = r->parent; p != NULL; p = p->parent)
        fprintf(ctx->out, "%-16s %s %s (%s)\n", cli_t(ctx, "Induk:", "Parent:"), p->code, p->name,
                kind_label(ctx, p));
    children_summary(ctx, r);
    return CLI_EXIT_OK;
}

/* ---- children ------------------------------------------------------------------------------ */

static int do_children(cli_ctx *ctx, const netra_regions *regs, const region_args *a)
{
    if (a->n_pos > 1)
        return cli_usage(ctx, "region children", "paling banyak satu KODE",
                         "takes at most one CODE");
    const netra_region *parent = NULL, *list;
    size_t n;
    if (a->n_pos == 1) {
        int rc = get_region(ctx, regs, a->pos[0], &parent);
        if (rc != CLI_EXIT_OK)
            return rc;
        list = netra_region_children(parent, &n);
    } else {
        list = netra_regions_list(&n, regs, NETRA_REGION_PROVINCE);
    }
    if (ctx->json) {
        json_t *top = json_object(), *arr = json_array();
        if (top == NULL || arr == NULL) {
            json_decref(top);
            json_decref(arr);
            return cli_print_json(ctx, NULL);
        }
        json_object_set_new(top, "parent", parent ? region_json(parent) : json_null());
        json_object_set_new(top, "count", json_integer((json_int_t)n));
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, region_json(&list[i]));
        json_object_set_new(top, "children", arr);
        return cli_print_json(ctx, top);
    }
    if (parent != NULL)
        fprintf(ctx->out, "%s %s (%s)\n", parent->code, parent->name, kind_label(ctx, parent));
    for (size_t i = 0; i < n; i++)
        fprintf(ctx->out, "%-9s %-10s %s\n", list[i].code, kind_label(ctx, &list[i]), list[i].name);
    if (parent != NULL && parent->level == NETRA_REGION_DISTRICT)
        fputs(cli_t(ctx, "(desa/kelurahan tidak dimuat; kecamatan tidak memiliki anak di sini)\n",
                    "(villages are not loaded; a kecamatan has no children here)\n"),
              ctx->out);
    return CLI_EXIT_OK;
}

/* ---- stats -------------------------------------------------------------------------------- */

static int do_stats(cli_ctx *ctx, const netra_regions *regs, const region_args *a)
{
    if (a->n_pos != 0)
        return cli_usage(ctx, "region stats", "tidak menerima argumen", "takes no argument");
    netra_region_counts c;
    netra_regions_counts(&c, regs);
    const char *dir = a->dir ? a->dir : netra_region_dir();
    if (ctx->json) {
        json_t *o = json_object();
        if (o == NULL)
            return cli_print_json(ctx, NULL);
        json_object_set_new(o, "provinces", json_integer((json_int_t)c.provinces));
        json_object_set_new(o, "regencies", json_integer((json_int_t)c.regencies));
        json_object_set_new(o, "kabupaten", json_integer((json_int_t)c.kabupaten));
        json_object_set_new(o, "kota", json_integer((json_int_t)c.kota));
        json_object_set_new(o, "districts", json_integer((json_int_t)c.districts));
        json_object_set_new(o, "dir", jstr(dir));
        json_object_set_new(o, "source",
                            jstr("idn-area-data (ODbL 1.0); Kepmendagri No. "
                                 "300.2.2-2138 Tahun 2025"));
        return cli_print_json(ctx, o);
    }
    fprintf(ctx->out, "%-16s %zu\n", cli_t(ctx, "Provinsi:", "Provinces:"), c.provinces);
    fprintf(ctx->out, "%-16s %zu (%zu kabupaten + %zu kota)\n",
            cli_t(ctx, "Kabupaten/kota:", "Regencies:"), c.regencies, c.kabupaten, c.kota);
    fprintf(ctx->out, "%-16s %zu\n", cli_t(ctx, "Kecamatan:", "Districts:"), c.districts);
    fprintf(ctx->out, "%-16s %s\n", cli_t(ctx, "Sumber:", "Source:"),
            "idn-area-data (ODbL 1.0), Kepmendagri No. 300.2.2-2138 Tahun 2025");
    fprintf(ctx->out, "%-16s %s\n", cli_t(ctx, "Direktori:", "Directory:"), dir);
    return CLI_EXIT_OK;
}

/* ---- dispatch ----------------------------------------------------------------------------- */

typedef struct subcommand {
    const char *name;                                                      /* find, show... */
    int (*fn)(cli_ctx *ctx, const netra_regions *r, const region_args *a); /* handler */
} subcommand;

static const subcommand subs[] = {
    {"find", do_find},
    {"show", do_show},
    {"children", do_children},
    {"stats", do_stats},
};

static void sub_help(const cli_ctx *ctx, const char *name)
{
    if (strcmp(name, "find") == 0)
        fputs(cli_t(ctx, find_help_id, find_help_en), ctx->out);
    else if (strcmp(name, "show") == 0)
        fputs(cli_t(ctx, show_help_id, show_help_en), ctx->out);
    else if (strcmp(name, "children") == 0)
        fputs(cli_t(ctx, children_help_id, children_help_en), ctx->out);
    else
        fputs(cli_t(ctx, stats_help_id, stats_help_en), ctx->out);
}

/* --level and --limit (cli_opts_parse hands them here). */
static int region_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    region_args *a = p;
    if (key == 'l') {
        if (parse_level(arg, &a->level) < 0)
            return cli_usage(ctx, cmd,
                             "--level menerima provinsi, kabkota, atau kecamatan, bukan '%s'",
                             "--level takes provinsi, kabkota or kecamatan, not '%s'", arg);
        a->has_level = 1;
    } else {
        if (cli_long_in(arg, 1, FIND_MAX_LIMIT, &a->limit) < 0)
            return cli_usage(ctx, cmd, "--limit harus bilangan 1-%d, bukan '%s'",
                             "--limit must be a number 1-%d, not '%s'", FIND_MAX_LIMIT, arg);
        a->has_limit = 1;
    }
    return CLI_EXIT_OK;
}

static const cli_opt region_table[] = {
    CLI_TEXT(region_args, "dir", dir),
    CLI_CALL("level", 'l'),
    CLI_CALL("limit", 'n'),
};

int cmd_region(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(region_table, region_call, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    if (argc < 2) {
        fputs(cli_t(ctx, help_id, help_en), ctx->err);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "import-geojson") == 0)
        return cmd_region_geojson(ctx, argc - 1, argv + 1);
    const subcommand *sub = NULL;
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            sub = &subs[i];
    if (cli_wants_help(argc, argv) || strcmp(argv[1], "help") == 0) {
        if (sub != NULL)
            sub_help(ctx, sub->name);
        else
            fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    if (sub == NULL)
        return cli_usage(ctx, "region",
                         "perintah tidak dikenal '%s' (yang ada: find, show, children, stats)",
                         "unknown command '%s' (available: find, show, children, stats)", argv[1]);
    region_args a = {NULL, NETRA_REGION_ANY, 0, 0, 0, 0, NULL};
    int sargc = argc - 1, first;
    char **sargv = argv + 1;
    int prc = cli_opts_parse_argv(ctx, "region", sargc, sargv, &spec, &a, &first);
    if (prc != CLI_EXIT_OK)
        return prc;
    if ((a.has_level || a.has_limit) && sub->fn != do_find)
        return cli_usage(ctx, "region", "--level dan --limit hanya untuk 'find'",
                         "--level and --limit are for 'find' only");
    a.n_pos = sargc - first;
    a.pos = sargv + first;
    if (sub->fn == do_find && a.n_pos == 0)
        return cli_usage(ctx, "region find", "KUERI tidak ada", "missing QUERY");
    netra_regions *regs = NULL;
    int rc = load(ctx, &regs, a.dir);
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = sub->fn(ctx, regs, &a);
    netra_regions_free(regs);
    return rc;
}
