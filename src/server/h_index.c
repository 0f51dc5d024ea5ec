/*
 * h_index.c - the vulnerability map's routes: the index per region (JSON, CSV or GeoJSON,
 * with the filters and the time it was computed at in the file), a region's prevention list,
 * and the province tile map (or the imported boundaries when netra.ini names a file).
 *
 * The events are read from the store once and kept while the store's audit-chain head is
 * unchanged (every case change appends an audit entry); they are read set-based (four
 * queries per 512 cases, netra_store_case_facts). Each request computes the index from
 * them, which takes milliseconds for all 514 kab/kota; JSON answers are kept per view, CSV,
 * XLSX and GeoJSON exports are streamed as they are written. The caller's region scope
 * applies as for cases: an office of Jawa Barat sees the regions of Jawa Barat, a national
 * office all of them. Offices scoped by agency (PPK, HR) do not see the map: its events mix
 * every agency.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "netra/index.h"
#include "aggregate.h"
#include "export.h"
#include "server.h"

#define BOUNDARIES_MAX (64L << 20)
#define TILES_MAX      64

/* ---- shared state: the config, the cached events, the tile map ----------------------------- */

typedef struct tile {
    char code[8];
    char name[64];
    int row, col;
} tile;

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static netra_index_config *g_cfg;       /* loaded on first use, kept for the process */
static netra_index *g_ix;               /* events of the store at g_head */
static srv_head g_head = SRV_HEAD_NONE; /* audit head the events were read at */
static size_t g_unplaced;               /* events without a region */
static tile g_tiles[TILES_MAX];         /* the tile map */
static size_t g_n_tiles;
static int g_tiles_loaded;
static json_t *g_bounds; /* code -> geometry of the boundary file, when configured */
static int g_bounds_loaded;

/* Answers already built for the current events, keyed by the request's view, scope and
 * format: the map asks the same few views again and again (every user of an office, every
 * slider position once). Emptied whenever the events are read again. */
#define ANSWERS_MAX    64
#define ANSWER_KEY_MAX 256
typedef struct answer {
    char key[ANSWER_KEY_MAX];
    char *body;
    size_t len;
    const char *type;
    const char *disposition; /* file name of an export, NULL for JSON */
    unsigned long used;      /* for eviction: least recently used goes */
} answer;
static answer g_answers[ANSWERS_MAX];
static unsigned long g_tick;

static void answers_clear_locked(void)
{
    for (size_t i = 0; i < ANSWERS_MAX; i++) {
        free(g_answers[i].body);
        memset(&g_answers[i], 0, sizeof g_answers[i]);
    }
}

static const answer *answer_find_locked(const char *key)
{
    for (size_t i = 0; i < ANSWERS_MAX; i++)
        if (g_answers[i].body != NULL && strcmp(g_answers[i].key, key) == 0) {
            g_answers[i].used = ++g_tick;
            return &g_answers[i];
        }
    return NULL;
}

/* Keeps a copy of an answer (nothing when memory is short: the cache is only a cache). */
static void answer_keep_locked(const char *key, const char *body, size_t len, const char *type,
                               const char *disposition)
{
    size_t victim = 0;
    for (size_t i = 0; i < ANSWERS_MAX; i++) {
        if (g_answers[i].body == NULL) {
            victim = i;
            break;
        }
        if (g_answers[i].used < g_answers[victim].used)
            victim = i;
    }
    char *copy = malloc(len ? len : 1);
    if (copy == NULL)
        return;
    memcpy(copy, body, len);
    answer *a = &g_answers[victim];
    free(a->body);
    snprintf(a->key, sizeof a->key, "%s", key);
    a->body = copy;
    a->len = len;
    a->type = type;
    a->disposition = disposition;
    a->used = ++g_tick;
}

/* Loads the config once (under g_mu). */
static int config_locked(srv *s, srv_req *r)
{
    if (g_cfg != NULL)
        return 0;
    int err = netra_index_config_load(&g_cfg, NULL, s->law);
    if (err < 0) {
        srv_log(s, 0, "index tables not loaded", "error", netra_error_last()->msg);
        srv_reply_error(r, 503, "index_unavailable", NULL, "tabel indeks tidak dapat dimuat",
                        "the index tables cannot be loaded");
        return -1;
    }
    return 0;
}

/* Reads the store's events again when its audit head moved (under g_mu). */
static int events_locked(srv *s, srv_req *r, netra_store *st)
{
    srv_head now;
    int moved = srv_head_moved(r, st, &g_head, &now);
    if (moved < 0)
        return -1;
    if (g_ix != NULL && !moved)
        return 0;
    srv_log(s, 3, "index events read again", "audit_head", now.hash);
    netra_index *ix = NULL;
    size_t n = 0, unplaced = 0;
    int err = netra_index_new(&ix, g_cfg);
    if (err == 0)
        err = netra_index_load_store(&n, &unplaced, ix, st, NULL, NULL);
    if (err < 0) {
        netra_index_free(ix);
        srv_reply_netra(r, err, NULL);
        return -1;
    }
    netra_index_free(g_ix);
    answers_clear_locked();
    g_ix = ix;
    g_head = now;
    g_unplaced = unplaced;
    return 0;
}

/* The tile map of data/regions/tilemap-provinces.tsv (under g_mu). */
static void tiles_locked(srv *s)
{
    if (g_tiles_loaded)
        return;
    g_tiles_loaded = 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/regions/tilemap-provinces.tsv", netra_data_dir());
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        srv_log(s, 1, "tile map not found", "path", path);
        return;
    }
    char line[512];
    while (fgets(line, sizeof line, f) != NULL && g_n_tiles < TILES_MAX) {
        tile t;
        memset(&t, 0, sizeof t);
        if (line[0] == '#' || sscanf(line, "%7s %d %d", t.code, &t.row, &t.col) != 3)
            continue;
        const char *name = NULL;
        if (s->regs != NULL) {
            const netra_region *rg = NULL;
            if (netra_regions_get(&rg, s->regs, t.code) == NETRA_OK)
                name = rg->name;
        }
        snprintf(t.name, sizeof t.name, "%s", name ? name : "");
        g_tiles[g_n_tiles++] = t;
    }
    fclose(f);
}

/* The configured boundary file as code -> geometry (under g_mu); NULL without one. */
static json_t *bounds_locked(srv *s)
{
    if (g_bounds_loaded)
        return g_bounds;
    g_bounds_loaded = 1;
    const char *path = s->cfg.boundaries;
    if (path[0] == '\0')
        return NULL;
    struct stat sb;
    if (stat(path, &sb) != 0 || sb.st_size > BOUNDARIES_MAX) {
        srv_log(s, 0, "boundary file missing or larger than 64 MiB; using the tile map", "path",
                path);
        return NULL;
    }
    json_error_t je;
    json_t *fc = json_load_file(path, 0, &je);
    if (fc == NULL) {
        srv_log(s, 0, "boundary file is not JSON; using the tile map", "error", je.text);
        return NULL;
    }
    g_bounds = json_object();
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(fc, "features"), i, f)
    {
        const char *code =
            json_string_value(json_object_get(json_object_get(f, "properties"), "code"));
        json_t *geom = json_object_get(f, "geometry");
        if (code != NULL && geom != NULL && strlen(code) < 16)
            json_object_set(g_bounds, code, geom);
    }
    json_decref(fc);
    return g_bounds;
}

/* ---- scope and query ---------------------------------------------------------------------- */

/* Whether a region code lies in the principal's region ("" = national). */
static int in_scope(const char *scope, const char *code)
{
    size_t n = strlen(scope);
    return n == 0 || (strncmp(code, scope, n) == 0 && (code[n] == '\0' || code[n] == '.'));
}

/* Refuses principals that do not see the map; 0 when allowed. */
static int map_allowed(srv_req *r)
{
    if (r->me.agency[0] != '\0') {
        srv_reply_error(r, 403, "forbidden", NULL,
                        "peta kerawanan hanya untuk kantor wilayah, bukan kantor instansi",
                        "the vulnerability map is for regional offices, not agency offices");
        return -1;
    }
    return 0;
}

typedef struct view {
    netra_index_query q;
    const char *level_id; /* "province" or "kabkota" */
    char election[64];
    char stage[64];
} view;

static int parse_view(srv *s, srv_req *r, view *v)
{
    netra_index_query q0 = NETRA_INDEX_QUERY_INIT;
    memset(v, 0, sizeof *v);
    v->q = q0;
    v->q.regs = s->regs;
    const char *lv = srv_q(r, "level");
    if (lv == NULL || strcmp(lv, "province") == 0 || strcmp(lv, "provinsi") == 0) {
        v->q.level = NETRA_REGION_PROVINCE;
        v->level_id = "province";
    } else if (strcmp(lv, "kabkota") == 0 || strcmp(lv, "regency") == 0) {
        v->q.level = NETRA_REGION_REGENCY;
        v->level_id = "kabkota";
    } else {
        srv_reply_error(r, 400, "bad_level", "level", "'level' harus province atau kabkota",
                        "'level' must be province or kabkota");
        return -1;
    }
    int el = srv_name_arg(r, "election", v->election, sizeof v->election);
    if (el < 0)
        return -1;
    if (el)
        v->q.election = v->election;
    int stg = srv_name_arg(r, "stage", v->stage, sizeof v->stage);
    if (stg < 0)
        return -1;
    if (stg)
        v->q.stage = v->stage;
    if (srv_period_args(r, "bad_window", &v->q.from, &v->q.has_from, &v->q.to, &v->q.has_to) < 0)
        return -1;
    /* a kab/kota office has no province row of its own to see */
    if (v->q.level == NETRA_REGION_PROVINCE && strchr(r->me.region, '.') != NULL) {
        srv_reply_error(r, 403, "level_outside_scope", "level",
                        "kantor kab/kota hanya melihat tingkat kabkota",
                        "a kab/kota office sees the kabkota level only");
        return -1;
    }
    return 0;
}

/* The error of a compute call: unknown election or stage name the field. */
static void compute_error(srv_req *r, int err, const view *v)
{
    if (err == NETRA_EINVAL) {
        const char *msg = netra_error_last()->msg;
        const char *field = v->q.stage && strstr(msg, "stage") ? "stage" : "election";
        srv_reply_error(r, 400, "bad_filter", field, "pemilihan atau tahapan tidak dikenal", msg);
        return;
    }
    srv_reply_netra(r, err, NULL);
}

/* ---- output ------------------------------------------------------------------------------- */

static void iso_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *meta_json(const view *v, const char *scope, const netra_index_result *res,
                         const char *computed_at, int64_t seq, const char *hash,
                         size_t events_total)
{
    char b1[NETRA_DATE_STRLEN], b2[NETRA_DATE_STRLEN];
    json_t *m = json_object();
    json_object_set_new(m, "level", json_string(v->level_id));
    json_object_set_new(m, "election", v->q.election ? json_string(v->q.election) : json_null());
    json_object_set_new(m, "stage", v->q.stage ? json_string(v->q.stage) : json_null());
    json_object_set_new(
        m, "from", v->q.has_from ? json_string(netra_date_format(v->q.from, b1)) : json_null());
    json_object_set_new(m, "to",
                        v->q.has_to ? json_string(netra_date_format(v->q.to, b2)) : json_null());
    json_object_set_new(m, "scope", json_string(scope));
    json_object_set_new(m, "computed_at", json_string(computed_at));
    json_object_set_new(m, "audit_seq", json_integer((json_int_t)seq));
    json_object_set_new(m, "audit_head", json_string(hash));
    json_object_set_new(m, "events_total", json_integer((json_int_t)events_total));
    json_object_set_new(m, "events_matched",
                        json_integer((json_int_t)netra_index_result_matched(res)));
    json_object_set_new(m, "events_unplaced",
                        json_integer((json_int_t)netra_index_result_unplaced(res)));
    json_t *th = json_object();
    for (int z = NETRA_ZONE_RENDAH; z <= NETRA_ZONE_TINGGI; z++)
        json_object_set_new(th, netra_index_zone_id((netra_index_zone)z),
                            json_string(netra_index_zone_colour(g_cfg, (netra_index_zone)z)));
    json_object_set_new(m, "zone_colours", th);
    json_object_set_new(m, "method", json_string("docs/index-methodology.md"));
    json_object_set_new(m, "zones_note",
                        json_string("zones rendah/sedang/tinggi: Bawaslu IKP 2024 thresholds; "
                                    "colours hijau/kuning/merah: Netra display choice"));
    return m;
}

static json_t *row_json(const netra_index_row *row)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(row->code));
    json_object_set_new(o, "name", json_string(row->name));
    json_object_set_new(o, "score", json_real(row->score));
    json_object_set_new(o, "zone", json_string(netra_index_zone_id(row->zone)));
    json_object_set_new(o, "colour", json_string(netra_index_zone_colour(g_cfg, row->zone)));
    json_object_set_new(o, "value", json_real(row->value));
    json_object_set_new(o, "events", json_integer((json_int_t)row->n_events));
    json_t *is = json_object();
    for (size_t k = 0; k < netra_index_n_issues(g_cfg); k++)
        if (row->issue_value[k] > 0)
            json_object_set_new(
                is, netra_index_issue_id(g_cfg, k),
                json_pack("{s:f,s:f}", "value", row->issue_value[k], "score", row->issue_score[k]));
    json_object_set_new(o, "issues", is);
    return o;
}

/* Geometry of a region for the GeoJSON export: the boundary file's, else a tile (province). */
static json_t *geometry_of(srv *s, const char *code)
{
    json_t *b = bounds_locked(s);
    if (b != NULL) {
        json_t *g = json_object_get(b, code);
        if (g != NULL)
            return json_incref(g);
    }
    tiles_locked(s);
    for (size_t i = 0; i < g_n_tiles; i++)
        if (strcmp(g_tiles[i].code, code) == 0) {
            double x = g_tiles[i].col, y = -g_tiles[i].row;
            json_t *ring = json_pack("[[f,f],[f,f],[f,f],[f,f],[f,f]]", x, y, x + 0.95, y, x + 0.95,
                                     y - 0.95, x, y - 0.95, x, y);
            return json_pack("{s:s,s:[o]}", "type", "Polygon", "coordinates", ring);
        }
    return json_null();
}

/* The view as an XLSX workbook: a sheet "indeks" (filters and computed-at time in its first
 * rows, then one row per region) written to a private temporary file, which is unlinked and
 * returned open for reading (libxlsxwriter 1.1 writes files only). Under g_mu. */
static int xlsx_build(FILE **out, const char *scope, const view *v, const netra_index_result *res,
                      const char *now)
{
    srv_sheet sh;
    int err = srv_sheet_new(&sh, "index", "indeks");
    if (err < 0)
        return err;
    lxw_worksheet *ws = sh.ws;
    char d1[NETRA_DATE_STRLEN] = "", d2[NETRA_DATE_STRLEN] = "";
    if (v->q.has_from)
        netra_date_format(v->q.from, d1);
    if (v->q.has_to)
        netra_date_format(v->q.to, d2);
    const char *lab[] = {"Netra: indeks kerawanan netralitas ASN / vulnerability index",
                         "level",
                         "election",
                         "stage",
                         "from",
                         "to",
                         "scope",
                         "computed_at",
                         "zones"};
    const char *val[] = {"",
                         v->level_id,
                         v->q.election ? v->q.election : "",
                         v->q.stage ? v->q.stage : "",
                         d1,
                         d2,
                         scope[0] ? scope : "nasional",
                         now,
                         "Bawaslu IKP 2024 thresholds; colours: Netra display choice"};
    lxw_row_t row = 0;
    for (size_t i = 0; i < sizeof lab / sizeof lab[0]; i++, row++) {
        srv_sheet_text(ws, row, 0, lab[i]);
        srv_sheet_text(ws, row, 1, val[i]);
    }
    srv_sheet_text(ws, row, 0, "audit_seq");
    worksheet_write_number(ws, row++, 1, (double)g_head.seq, NULL);
    row++;
    const char *head[] = {"code", "name", "score", "zone", "value", "events"};
    lxw_col_t c = 0;
    for (; c < 6; c++)
        srv_sheet_text(ws, row, c, head[c]);
    for (size_t k = 0; k < netra_index_n_issues(g_cfg); k++)
        srv_sheet_text(ws, row, (lxw_col_t)(c + k), netra_index_issue_id(g_cfg, k));
    row++;
    for (size_t i = 0; i < netra_index_result_count(res); i++) {
        const netra_index_row *x = netra_index_result_row(res, i);
        if (!in_scope(scope, x->code))
            continue;
        srv_sheet_text(ws, row, 0, x->code);
        srv_sheet_text(ws, row, 1, x->name);
        worksheet_write_number(ws, row, 2, x->score, NULL);
        srv_sheet_text(ws, row, 3, netra_index_zone_id(x->zone));
        worksheet_write_number(ws, row, 4, x->value, NULL);
        worksheet_write_number(ws, row, 5, (double)x->n_events, NULL);
        for (size_t k = 0; k < netra_index_n_issues(g_cfg); k++)
            worksheet_write_number(ws, row, (lxw_col_t)(6 + k), x->issue_score[k], NULL);
        row++;
    }
    return srv_sheet_finish(&sh, out);
}

/* ---- GET /api/v1/index -------------------------------------------------------------------- */

/* The CSV export's first lines: the filters, the scope and the computed-at time, then the
 * column names. */
static void csv_head(FILE *f, const char *scope, const view *v, const char *now, int64_t seq)
{
    char b1[NETRA_DATE_STRLEN], b2[NETRA_DATE_STRLEN];
    fputs("# Netra indeks kerawanan netralitas ASN / vulnerability index\n# level=", f);
    netra_index_csv_cell(f, v->level_id);
    fputs(" election=", f);
    netra_index_csv_cell(f, v->q.election ? v->q.election : "");
    fputs(" stage=", f);
    netra_index_csv_cell(f, v->q.stage ? v->q.stage : "");
    fprintf(f, " from=%s to=%s scope=%s\n# computed_at=%s audit_seq=%lld\n",
            v->q.has_from ? netra_date_format(v->q.from, b1) : "",
            v->q.has_to ? netra_date_format(v->q.to, b2) : "", scope[0] ? scope : "nasional", now,
            (long long)seq);
    fputs("# zones: Bawaslu IKP 2024 thresholds; colours: Netra display choice\n", f);
    fputs("code,name,score,zone,value,events", f);
    for (size_t k = 0; k < netra_index_n_issues(g_cfg); k++) {
        fputc(',', f);
        netra_index_csv_cell(f, netra_index_issue_id(g_cfg, k));
    }
    fputc('\n', f);
}

/* One region of the CSV export. */
static void csv_row(FILE *f, const netra_index_row *row)
{
    netra_index_csv_cell(f, row->code);
    fputc(',', f);
    netra_index_csv_cell(f, row->name);
    fprintf(f, ",%.2f,%s,%.4f,%zu", row->score, netra_index_zone_id(row->zone), row->value,
            row->n_events);
    for (size_t k = 0; k < netra_index_n_issues(g_cfg); k++)
        fprintf(f, ",%.2f", row->issue_score[k]);
    fputc('\n', f);
}

/* The JSON of a view as text (json_dumps in *out). Under g_mu. */
static int json_build(char **out, size_t *len_out, srv_req *r, const view *v,
                      const netra_index_result *res, const char *now)
{
    json_t *meta =
        meta_json(v, r->me.region, res, now, g_head.seq, g_head.hash, netra_index_count(g_ix));
    json_t *items = json_array();
    for (size_t i = 0; i < netra_index_result_count(res); i++) {
        const netra_index_row *row = netra_index_result_row(res, i);
        if (!in_scope(r->me.region, row->code))
            continue;
        json_array_append_new(items, row_json(row));
    }
    json_t *doc = json_pack("{s:o,s:o}", "meta", meta, "regions", items);
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (text == NULL)
        return NETRA_ENOMEM;
    *out = text;
    *len_out = strlen(text);
    return NETRA_OK;
}

/* ---- streamed exports ------------------------------------------------------------------------
 * CSV and GeoJSON are written as they are produced: the head (filters, scope, computed-at
 * time), then the regions a few dozen at a time as the connection takes them, then the tail.
 * The stream owns its computed result, so the events may be read again meanwhile. XLSX is
 * built in a private temporary file (libxlsxwriter writes files only), unlinked at once and
 * sent from it in pieces. */

#define STREAM_ROWS 64

typedef struct export_stream {
    srv *s;
    int fmt;                 /* 1 csv, 2 xlsx, 3 geojson */
    netra_index_result *res; /* owned */
    view v;                  /* the filters (strings copied into the view) */
    char scope[NETRA_REGION_CODE_MAX];
    char now[32];
    int64_t seq;
    char hash[65];
    size_t events_total; /* events of the set the result was computed from */
    size_t next;         /* next row */
    size_t written;      /* regions written (GeoJSON commas) */
    int phase;           /* 0 head, 1 rows, 2 tail, 3 done */
    char *pend;          /* produced, not yet sent */
    size_t pend_len, pend_off;
    FILE *xlsx; /* XLSX: the workbook file */
} export_stream;

static void stream_free(void *cls)
{
    export_stream *x = cls;
    netra_index_result_free(x->res);
    free(x->pend);
    if (x->xlsx != NULL)
        fclose(x->xlsx);
    free(x);
}

static json_t *stream_meta(const export_stream *x)
{
    return meta_json(&x->v, x->scope, x->res, x->now, x->seq, x->hash, x->events_total);
}

/* Produces the next piece into x->pend; 0, or -1 when memory ran out. */
static int stream_produce(export_stream *x)
{
    free(x->pend);
    x->pend = NULL;
    x->pend_len = x->pend_off = 0;
    FILE *f = open_memstream(&x->pend, &x->pend_len);
    if (f == NULL)
        return -1;
    size_t n = netra_index_result_count(x->res);
    if (x->phase == 0) {
        if (x->fmt == 1) {
            csv_head(f, x->scope, &x->v, x->now, x->seq);
        } else {
            fputs("{\"type\":\"FeatureCollection\",\"netra\":", f);
            pthread_mutex_lock(&g_mu);
            json_t *meta = stream_meta(x);
            char *t = meta ? json_dumps(meta, JSON_COMPACT) : NULL;
            json_decref(meta);
            pthread_mutex_unlock(&g_mu);
            if (t == NULL) {
                fclose(f);
                return -1;
            }
            fputs(t, f);
            free(t);
            fputs(",\"features\":[", f);
        }
        x->phase = 1;
    } else if (x->phase == 1) {
        size_t end = x->next + STREAM_ROWS < n ? x->next + STREAM_ROWS : n;
        if (x->fmt == 3)
            pthread_mutex_lock(&g_mu); /* the boundary geometries are shared */
        for (; x->next < end; x->next++) {
            const netra_index_row *row = netra_index_result_row(x->res, x->next);
            if (!in_scope(x->scope, row->code))
                continue;
            if (x->fmt == 1) {
                csv_row(f, row);
            } else {
                json_t *ft = json_pack("{s:s,s:o,s:o}", "type", "Feature", "properties",
                                       row_json(row), "geometry", geometry_of(x->s, row->code));
                char *t = ft ? json_dumps(ft, JSON_COMPACT) : NULL;
                json_decref(ft);
                if (t == NULL) {
                    pthread_mutex_unlock(&g_mu);
                    fclose(f);
                    return -1;
                }
                if (x->written++ > 0)
                    fputc(',', f);
                fputs(t, f);
                free(t);
            }
        }
        if (x->fmt == 3)
            pthread_mutex_unlock(&g_mu);
        if (x->next >= n)
            x->phase = 2;
    } else {
        if (x->fmt == 3)
            fputs("]}", f);
        x->phase = 3;
    }
    return fclose(f) == 0 ? 0 : -1;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    export_stream *x = cls;
    if (x->fmt == 2) {
        size_t got = fread(buf, 1, max, x->xlsx);
        if (got > 0)
            return (ssize_t)got;
        return ferror(x->xlsx) ? MHD_CONTENT_READER_END_WITH_ERROR
                               : MHD_CONTENT_READER_END_OF_STREAM;
    }
    while (x->pend_off >= x->pend_len) {
        if (x->phase == 3)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (stream_produce(x) < 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t k = x->pend_len - x->pend_off;
    if (k > max)
        k = max;
    memcpy(buf, x->pend + x->pend_off, k);
    x->pend_off += k;
    return (ssize_t)k;
}

void h_index(srv *s, srv_req *r)
{
    if (map_allowed(r) < 0)
        return;
    view v;
    if (parse_view(s, r, &v) < 0)
        return;
    const char *fmt = srv_q(r, "format");
    if (fmt == NULL)
        fmt = "json";
    static const char *const formats[] = {"json", "csv", "xlsx", "geojson"};
    static const char *const types[] = {
        "application/json", "text/csv; charset=utf-8",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/geo+json"};
    static const char *const names[2][4] = {{NULL, "attachment; filename=\"indeks-province.csv\"",
                                             "attachment; filename=\"indeks-province.xlsx\"",
                                             "attachment; filename=\"indeks-province.geojson\""},
                                            {NULL, "attachment; filename=\"indeks-kabkota.csv\"",
                                             "attachment; filename=\"indeks-kabkota.xlsx\"",
                                             "attachment; filename=\"indeks-kabkota.geojson\""}};
    size_t fi = 0;
    while (fi < 4 && strcmp(fmt, formats[fi]) != 0)
        fi++;
    if (fi == 4) {
        srv_reply_error(r, 400, "bad_format", "format",
                        "'format' harus json, csv, xlsx atau geojson",
                        "'format' must be json, csv, xlsx or geojson");
        return;
    }
    const char *disposition = names[v.q.level == NETRA_REGION_PROVINCE ? 0 : 1][fi];
    char key[ANSWER_KEY_MAX];
    snprintf(key, sizeof key, "%s|%s|%s|%s|%d:%ld|%d:%ld|%s", fmt, v.level_id, v.election, v.stage,
             v.q.has_from, (long)v.q.from, v.q.has_to, (long)v.q.to, r->me.region);
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    pthread_mutex_lock(&g_mu);
    if (config_locked(s, r) < 0 || events_locked(s, r, st) < 0) {
        pthread_mutex_unlock(&g_mu);
        return;
    }
    const answer *hit = answer_find_locked(key);
    if (hit != NULL) {
        srv_reply_download(r, hit->body, hit->len, hit->type, hit->disposition);
        pthread_mutex_unlock(&g_mu);
        return;
    }
    netra_index_result *res = NULL;
    int err = netra_index_compute(&res, g_ix, &v.q);
    if (err < 0) {
        pthread_mutex_unlock(&g_mu);
        compute_error(r, err, &v);
        return;
    }
    char now[32];
    iso_now(now);
    if (fi != 0) {
        /* an export: streamed, with its own result; not kept among the answers */
        export_stream *x = calloc(1, sizeof *x);
        if (x == NULL)
            err = NETRA_ENOMEM;
        else {
            x->s = s;
            x->fmt = (int)fi;
            x->res = res;
            x->v = v;
            x->v.q.election = v.q.election ? x->v.election : NULL;
            x->v.q.stage = v.q.stage ? x->v.stage : NULL;
            snprintf(x->scope, sizeof x->scope, "%s", r->me.region);
            snprintf(x->now, sizeof x->now, "%s", now);
            x->seq = g_head.seq;
            snprintf(x->hash, sizeof x->hash, "%s", g_head.hash);
            x->events_total = netra_index_count(g_ix);
            res = NULL;
            if (fi == 2)
                err = xlsx_build(&x->xlsx, x->scope, &x->v, x->res, now);
        }
        pthread_mutex_unlock(&g_mu);
        netra_index_result_free(res);
        if (err < 0) {
            if (x != NULL)
                stream_free(x);
            srv_reply_netra(r, err, NULL);
            return;
        }
        srv_reply_stream(r, 200, types[fi], stream_read, x, stream_free);
        srv_reply_header(r, "Content-Disposition", disposition);
        return;
    }
    char *body = NULL;
    size_t len = 0;
    err = json_build(&body, &len, r, &v, res, now);
    netra_index_result_free(res);
    if (err < 0) {
        pthread_mutex_unlock(&g_mu);
        srv_reply_netra(r, err, NULL);
        return;
    }
    answer_keep_locked(key, body, len, types[fi], disposition);
    pthread_mutex_unlock(&g_mu);
    srv_reply_download(r, body, len, types[fi], disposition);
    free(body);
}

/* ---- GET /api/v1/index/prevention/{region} ------------------------------------------------ */

static json_t *drivers_json(const netra_index_driver *d, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a,
                              json_pack("{s:s,s:f,s:f,s:I}", "id", d[i].id, "value", d[i].value,
                                        "share", d[i].share, "events", (json_int_t)d[i].n_events));
    return a;
}

void h_index_prevention(srv *s, srv_req *r)
{
    if (map_allowed(r) < 0)
        return;
    const char *region = srv_p(r, "region");
    char code[NETRA_REGION_CODE_MAX];
    if (region == NULL || netra_region_code_parse(code, NULL, region) < 0) {
        srv_reply_error(r, 422, "bad_region", "region", "kode wilayah tidak sah",
                        "not a valid region code");
        return;
    }
    if (!in_scope(r->me.region, code)) {
        srv_reply_error(r, 404, "not_found", "region", "wilayah di luar cakupan akun ini",
                        "region outside this account's scope");
        return;
    }
    view v;
    if (parse_view(s, r, &v) < 0)
        return;
    netra_store *st = srv_store(s, r);
    if (st == NULL)
        return;
    pthread_mutex_lock(&g_mu);
    if (config_locked(s, r) < 0 || events_locked(s, r, st) < 0) {
        pthread_mutex_unlock(&g_mu);
        return;
    }
    netra_index_prevention p;
    memset(&p, 0, sizeof p);
    int err = netra_index_prevention_get(&p, g_ix, &v.q, code);
    if (err < 0) {
        pthread_mutex_unlock(&g_mu);
        compute_error(r, err, &v);
        return;
    }
    char now[32];
    iso_now(now);
    const char *name = "";
    if (s->regs != NULL) {
        const netra_region *rg = NULL;
        if (netra_regions_get(&rg, s->regs, code) == NETRA_OK)
            name = rg->name;
    }
    json_t *o =
        json_pack("{s:s,s:s,s:f,s:I,s:o,s:o,s:o,s:o,s:{s:O,s:O,s:O,s:O,s:s,s:I}}", "code", p.code,
                  "name", name, "total", p.total, "events", (json_int_t)p.n_events, "issues",
                  drivers_json(p.issues, p.n_issues), "stages", drivers_json(p.stages, p.n_stages),
                  "agencies", drivers_json(p.agencies, p.n_agencies), "positions",
                  drivers_json(p.positions, p.n_positions), "meta", "election",
                  v.q.election ? json_string(v.q.election) : json_null(), "stage",
                  v.q.stage ? json_string(v.q.stage) : json_null(), "from", json_null(), "to",
                  json_null(), "computed_at", now, "audit_seq", (json_int_t)g_head.seq);
    netra_index_prevention_free(&p);
    pthread_mutex_unlock(&g_mu);
    srv_reply_json(r, 200, o);
}

/* ---- GET /api/v1/index/tilemap ------------------------------------------------------------ */

void h_index_tilemap(srv *s, srv_req *r)
{
    pthread_mutex_lock(&g_mu);
    tiles_locked(s);
    json_t *b = bounds_locked(s);
    json_t *tiles = json_array();
    for (size_t i = 0; i < g_n_tiles; i++)
        json_array_append_new(tiles, json_pack("{s:s,s:s,s:i,s:i}", "code", g_tiles[i].code, "name",
                                               g_tiles[i].name, "row", g_tiles[i].row, "col",
                                               g_tiles[i].col));
    json_t *o = json_pack("{s:o,s:b,s:s}", "tiles", tiles, "boundaries", b != NULL, "source",
                          "data/regions/tilemap-provinces.tsv (Netra's own layout)");
    pthread_mutex_unlock(&g_mu);
    srv_reply_json(r, 200, o);
}

/* ---- GET /api/v1/index/boundaries --------------------------------------------------------- */

void h_index_boundaries(srv *s, srv_req *r)
{
    pthread_mutex_lock(&g_mu);
    json_t *b = bounds_locked(s);
    if (b == NULL) {
        pthread_mutex_unlock(&g_mu);
        srv_reply_error(r, 404, "no_boundaries", NULL,
                        "tidak ada berkas batas wilayah (netra.ini [map] boundaries)",
                        "no boundary file configured (netra.ini [map] boundaries)");
        return;
    }
    const char *level = srv_q(r, "level");
    int want_prov = level == NULL || strcmp(level, "province") == 0;
    json_t *feats = json_array();
    const char *code;
    json_t *g;
    json_object_foreach(b, code, g)
    {
        int prov = strchr(code, '.') == NULL;
        if (prov == want_prov &&
            (want_prov || in_scope(r->me.region, code) || r->me.region[0] == '\0'))
            json_array_append_new(feats, json_pack("{s:s,s:{s:s},s:O}", "type", "Feature",
                                                   "properties", "code", code, "geometry", g));
    }
    pthread_mutex_unlock(&g_mu);
    srv_reply_json(r, 200, json_pack("{s:s,s:o}", "type", "FeatureCollection", "features", feats));
}
