/*
 * geojson.c - boundary GeoJSON import: a streaming scan of the FeatureCollection that holds
 * one feature at a time (bounded), matching on Kemendagri codes, and Douglas-Peucker
 * simplification of every ring. See docs/internals/region.md, "Boundaries".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "netra/geojson.h"
#include "util/util_int.h"

#define GJ_DEFAULT_MAX_BYTES   (512u * 1024u * 1024u)
#define GJ_DEFAULT_MAX_FEATURE (64u * 1024u * 1024u)
#define GJ_CHUNK               65536u
#define GJ_MAX_DEPTH           64

typedef struct gj {
    netra_geojson_report *rep;
    const netra_regions *regs;
    const netra_geojson_options *o;
    const char *path;
    FILE *out;           /* NULL: nothing written */
    int wrote;           /* features written so far */
    unsigned char *seen; /* regions already written, by code slot */
    double tol;
    double scale; /* 10^decimals */
    nt_vec pts;   /* double[2] scratch */
    nt_vec keep;  /* unsigned char scratch */
    nt_vec stack; /* size_t[2] scratch */
} gj;

static void listed(gj *g, size_t idx, size_t off, const char *code, const char *name,
                   const char *reason)
{
    netra_geojson_report *r = g->rep;
    r->unmatched++;
    if (r->n_listed >= NETRA_GEOJSON_MAX_LISTED)
        return;
    netra_geojson_unmatched *u = &r->listed[r->n_listed++];
    u->feature = idx;
    u->offset = off;
    snprintf(u->code, sizeof u->code, "%s", code ? code : "");
    snprintf(u->name, sizeof u->name, "%s", name ? name : "");
    snprintf(u->reason, sizeof u->reason, "%s", reason);
}

/* A slot for a dotted code: PP*10000 + KK*100 + CC. */
static size_t code_slot(const char *dotted)
{
    unsigned parts[3] = {0, 0, 0}, p = 0;
    for (const char *s = dotted; *s && p < 3; s++) {
        if (*s == '.')
            p++;
        else if (p < 3)
            parts[p] = parts[p] * 10 + (unsigned)(*s - '0');
    }
    return (size_t)parts[0] * 10000u + parts[1] * 100u + parts[2] % 100u;
}

/* ---- simplification ------------------------------------------------------------------------ */

static double seg_dist(const double *p, const double *a, const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
    if (t < 0)
        t = 0;
    else if (t > 1)
        t = 1;
    double x = a[0] + t * dx - p[0], y = a[1] + t * dy - p[1];
    return sqrt(x * x + y * y);
}

/* Douglas-Peucker over pts[0..n), iterative; marks kept points in keep. */
static int simplify(gj *g, const double (*pts)[2], size_t n, unsigned char *keep)
{
    memset(keep, 0, n);
    keep[0] = keep[n - 1] = 1;
    g->stack.n = 0;
    size_t first[2] = {0, n - 1};
    if (nt_vec_push(&g->stack, first) == NULL)
        return netra_error_last()->code;
    while (g->stack.n > 0) {
        size_t span[2];
        memcpy(span, nt_vec_at(&g->stack, g->stack.n - 1), sizeof span);
        g->stack.n--;
        size_t a = span[0], b = span[1], best = 0;
        double dmax = -1;
        for (size_t i = a + 1; i < b; i++) {
            double d = seg_dist(pts[i], pts[a], pts[b]);
            if (d > dmax) {
                dmax = d;
                best = i;
            }
        }
        if (best != 0 && dmax > g->tol) {
            keep[best] = 1;
            size_t l[2] = {a, best}, r[2] = {best, b};
            if (nt_vec_push(&g->stack, l) == NULL || nt_vec_push(&g->stack, r) == NULL)
                return netra_error_last()->code;
        }
    }
    return NETRA_OK;
}

/* A ring: checks, rounds, drops repeated points, simplifies; returns a new JSON array. */
static int ring(json_t **out, gj *g, json_t *in, size_t off, int *bad)
{
    *out = NULL;
    size_t n = json_array_size(in);
    if (!json_is_array(in) || n < 4) {
        *bad = 1;
        return nt_error_set(NETRA_EDATA,
                            "%s: byte %zu: a ring needs an array of at least 4 "
                            "positions",
                            g->path, off);
    }
    g->pts.n = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array_get(in, i);
        json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
        if (!json_is_number(x) || !json_is_number(y)) {
            *bad = 1;
            return nt_error_set(NETRA_EDATA,
                                "%s: byte %zu: position %zu of a ring is not [lon, "
                                "lat]",
                                g->path, off, i);
        }
        double xy[2] = {json_number_value(x), json_number_value(y)};
        if (!(xy[0] >= -180 && xy[0] <= 180 && xy[1] >= -90 && xy[1] <= 90)) {
            *bad = 1;
            return nt_error_set(NETRA_EDATA,
                                "%s: byte %zu: position %zu (%g, %g) is outside lon -180..180, "
                                "lat -90..90",
                                g->path, off, i, xy[0], xy[1]);
        }
        xy[0] = round(xy[0] * g->scale) / g->scale;
        xy[1] = round(xy[1] * g->scale) / g->scale;
        const double *last = g->pts.n ? nt_vec_at(&g->pts, g->pts.n - 1) : NULL;
        if (last != NULL && last[0] == xy[0] && last[1] == xy[1])
            continue;
        if (nt_vec_push(&g->pts, xy) == NULL)
            return netra_error_last()->code;
    }
    g->rep->points_in += n;
    size_t m = g->pts.n;
    const double(*pts)[2] = g->pts.items;
    if (nt_vec_reserve(&g->keep, m) < 0)
        return netra_error_last()->code;
    unsigned char *keep = g->keep.items;
    size_t kept = m;
    if (g->tol > 0 && m > 4) {
        int err = simplify(g, pts, m, keep);
        if (err < 0)
            return err;
        kept = 0;
        for (size_t i = 0; i < m; i++)
            kept += keep[i];
    }
    if (kept < 4 || g->tol <= 0 || m <= 4) /* too small to simplify: keep every point */
        memset(keep, 1, m);
    json_t *a = json_array();
    if (a == NULL)
        return nt_error_set_oom();
    for (size_t i = 0; i < m; i++) {
        if (!keep[i])
            continue;
        if (json_array_append_new(a, json_pack("[f,f]", pts[i][0], pts[i][1])) < 0) {
            json_decref(a);
            return nt_error_set_oom();
        }
        g->rep->points_out++;
    }
    *out = a;
    return NETRA_OK;
}

static int polygon(json_t **out, gj *g, json_t *rings, size_t off, int *bad)
{
    *out = NULL;
    if (!json_is_array(rings) || json_array_size(rings) == 0) {
        *bad = 1;
        return nt_error_set(NETRA_EDATA, "%s: byte %zu: a polygon needs an array of rings", g->path,
                            off);
    }
    json_t *p = json_array();
    if (p == NULL)
        return nt_error_set_oom();
    size_t i;
    json_t *r;
    json_array_foreach(rings, i, r)
    {
        json_t *o;
        int err = ring(&o, g, r, off, bad);
        if (err < 0) {
            json_decref(p);
            return err;
        }
        if (json_array_append_new(p, o) < 0) {
            json_decref(p);
            return nt_error_set_oom();
        }
    }
    *out = p;
    return NETRA_OK;
}

static const char *prop_str(json_t *props, const char *key, char *buf, size_t size)
{
    json_t *v = json_object_get(props, key);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return NULL;
}

static int feature(gj *g, const char *buf, size_t len, size_t off)
{
    static const char *const code_keys[] = {
        "code", "kode", "kode_wilayah", "kd_wilayah", "KODE", "kode_prov", "kode_kab", "id", NULL};
    static const char *const name_keys[] = {"name", "nama", "NAMOBJ", "WADMKK", "WADMPR", NULL};
    netra_geojson_report *rep = g->rep;
    size_t idx = rep->features++;
    json_error_t je;
    json_t *f = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
    if (f == NULL)
        return nt_error_set(NETRA_EDATA, "%s: byte %zu: %s", g->path,
                            off + (je.position > 0 ? (size_t)je.position - 1 : 0), je.text);
    int err = NETRA_OK;
    json_t *props = json_object_get(f, "properties");
    char cbuf[32];
    const char *code = NULL, *name = NULL;
    if (g->o->code_property != NULL) {
        code = prop_str(props, g->o->code_property, cbuf, sizeof cbuf);
    } else {
        for (size_t i = 0; code == NULL && code_keys[i] != NULL; i++)
            code = prop_str(props, code_keys[i], cbuf, sizeof cbuf);
        if (code == NULL)
            code = prop_str(f, "id", cbuf, sizeof cbuf);
    }
    for (size_t i = 0; name == NULL && name_keys[i] != NULL; i++) {
        json_t *v = json_object_get(props, name_keys[i]);
        name = json_is_string(v) ? json_string_value(v) : NULL;
    }
    char dotted[NETRA_REGION_CODE_MAX];
    netra_region_level level;
    const netra_region *reg = NULL;
    if (code == NULL) {
        listed(g, idx, off, NULL, name, "no code property");
        goto done;
    }
    if (netra_region_code_parse(dotted, &level, code) < 0) {
        listed(g, idx, off, code, name, netra_error_last()->msg);
        goto done;
    }
    if (netra_regions_get(&reg, g->regs, dotted) < 0) {
        listed(g, idx, off, code, name, "code not in the region data (Kepmendagri 2025)");
        goto done;
    }
    size_t slot = code_slot(dotted);
    if (g->seen[slot]) {
        listed(g, idx, off, code, name, "second feature for this code; the first was kept");
        goto done;
    }
    json_t *geom = json_object_get(f, "geometry");
    const char *type = json_string_value(json_object_get(geom, "type"));
    json_t *coords = json_object_get(geom, "coordinates");
    json_t *outc = NULL;
    int bad = 0;
    if (type != NULL && strcmp(type, "Polygon") == 0) {
        err = polygon(&outc, g, coords, off, &bad);
    } else if (type != NULL && strcmp(type, "MultiPolygon") == 0) {
        if (!json_is_array(coords) || json_array_size(coords) == 0) {
            err = nt_error_set(NETRA_EDATA, "%s: byte %zu: a MultiPolygon needs polygons", g->path,
                               off);
        } else if ((outc = json_array()) == NULL) {
            err = nt_error_set_oom();
        } else {
            size_t i;
            json_t *p;
            json_array_foreach(coords, i, p)
            {
                json_t *o;
                if ((err = polygon(&o, g, p, off, &bad)) < 0)
                    break;
                if (json_array_append_new(outc, o) < 0) {
                    err = nt_error_set_oom();
                    break;
                }
            }
        }
    } else {
        listed(g, idx, off, code, name, "geometry is not a Polygon or MultiPolygon");
        goto done;
    }
    if (err < 0) {
        json_decref(outc);
        goto done;
    }
    g->seen[slot] = 1;
    rep->matched++;
    rep->by_level[level]++;
    if (g->out != NULL) {
        json_t *o =
            json_pack("{s:s,s:{s:s,s:s,s:s},s:{s:s,s:o}}", "type", "Feature", "properties", "code",
                      reg->code, "name", reg->name, "level", netra_region_level_name(level),
                      "geometry", "type", type, "coordinates", outc);
        char *s =
            o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) : NULL;
        json_decref(o);
        if (s == NULL) {
            err = nt_error_set_oom();
            goto done;
        }
        if (fprintf(g->out, "%s\n%s", g->wrote ? "," : "", s) < 0)
            err = nt_error_set(NETRA_EIO, "cannot write the output");
        g->wrote++;
        free(s);
    } else {
        json_decref(outc);
    }
done:
    json_decref(f);
    return err;
}

/* ---- the streaming scan --------------------------------------------------------------------- */

typedef struct scan {
    int depth;        /* nesting outside a captured feature */
    int in_str, esc;  /* inside a string (outside a feature) */
    int started;      /* saw the top-level '{' */
    int done;         /* the top-level object closed */
    int key_next;     /* at depth 1, the next string is a key */
    int want_arr;     /* the current depth-1 key is "features" */
    int in_features;  /* inside the features array (depth 2) */
    int saw_features; /* a features array was found */
    char key[16];     /* a depth-1 key (truncated) */
    size_t klen;
    int capturing; /* inside a feature */
    int fdepth, fstr, fesc;
    size_t fstart; /* byte offset of the feature */
    nt_buf fbuf;   /* its bytes */
} scan;

static int scan_bytes(gj *g, scan *s, const char *p, size_t n, size_t base)
{
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        size_t off = base + i;
        if (s->capturing) {
            int e = nt_buf_addc(&s->fbuf, c);
            if (e == NETRA_ETOOBIG)
                return nt_error_set(NETRA_EDATA, "%s: byte %zu: feature longer than %zu bytes",
                                    g->path, s->fstart, s->fbuf.max);
            if (e < 0)
                return e;
            if (s->fstr) {
                if (s->fesc)
                    s->fesc = 0;
                else if (c == '\\')
                    s->fesc = 1;
                else if (c == '"')
                    s->fstr = 0;
            } else if (c == '"') {
                s->fstr = 1;
            } else if (c == '{' || c == '[') {
                if (++s->fdepth > GJ_MAX_DEPTH)
                    return nt_error_set(NETRA_EDATA, "%s: byte %zu: nested deeper than %d", g->path,
                                        off, GJ_MAX_DEPTH);
            } else if (c == '}' || c == ']') {
                if (--s->fdepth == 0) {
                    s->capturing = 0;
                    int err = feature(g, s->fbuf.ptr, s->fbuf.len, s->fstart);
                    nt_buf_reset(&s->fbuf);
                    if (err < 0)
                        return err;
                }
            }
            continue;
        }
        if (s->in_str) {
            if (s->esc) {
                s->esc = 0;
            } else if (c == '\\') {
                s->esc = 1;
            } else if (c == '"') {
                s->in_str = 0;
                if (s->depth == 1 && s->key_next) {
                    s->key_next = 0;
                    s->want_arr = s->klen == 8 && memcmp(s->key, "features", 8) == 0;
                }
            } else if (s->depth == 1 && s->key_next && s->klen < sizeof s->key) {
                s->key[s->klen++] = c;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (s->done)
            return nt_error_set(NETRA_EDATA, "%s: byte %zu: text after the end of the object",
                                g->path, off);
        if (!s->started) {
            if (c != '{')
                return nt_error_set(NETRA_EDATA,
                                    "%s: byte %zu: a GeoJSON FeatureCollection starts with '{'",
                                    g->path, off);
            s->started = 1;
            s->depth = 1;
            s->key_next = 1;
            continue;
        }
        if (s->in_features && s->depth == 2) {
            if (c == '{') {
                s->capturing = 1;
                s->fdepth = 1;
                s->fstr = s->fesc = 0;
                s->fstart = off;
                nt_buf_reset(&s->fbuf);
                if (nt_buf_addc(&s->fbuf, c) < 0)
                    return netra_error_last()->code;
                continue;
            }
            if (c == ',')
                continue;
            if (c == ']') {
                s->in_features = 0;
                s->depth = 1;
                continue;
            }
            return nt_error_set(NETRA_EDATA, "%s: byte %zu: 'features' must hold objects", g->path,
                                off);
        }
        switch (c) {
        case '"':
            s->in_str = 1;
            if (s->depth == 1 && s->key_next)
                s->klen = 0;
            break;
        case ':':
            if (s->depth == 1 && s->want_arr) {
                s->want_arr = 2; /* the value must be the array */
            }
            break;
        case '[':
        case '{':
            if (s->depth == 1 && s->want_arr == 2 && c == '[') {
                s->in_features = 1;
                s->saw_features = 1;
            } else if (s->depth == 1 && s->want_arr == 2) {
                return nt_error_set(NETRA_EDATA, "%s: byte %zu: 'features' must be an array",
                                    g->path, off);
            }
            s->want_arr = 0;
            if (++s->depth > GJ_MAX_DEPTH)
                return nt_error_set(NETRA_EDATA, "%s: byte %zu: nested deeper than %d", g->path,
                                    off, GJ_MAX_DEPTH);
            break;
        case ']':
        case '}':
            if (--s->depth == 0)
                s->done = 1;
            if (s->depth < 0)
                return nt_error_set(NETRA_EDATA, "%s: byte %zu: unbalanced '%c'", g->path, off, c);
            break;
        case ',':
            if (s->depth == 1) {
                s->key_next = 1;
                s->want_arr = 0;
            }
            break;
        default:
            if (s->depth == 1 && s->want_arr == 2)
                return nt_error_set(NETRA_EDATA, "%s: byte %zu: 'features' must be an array",
                                    g->path, off);
            break;
        }
    }
    return NETRA_OK;
}

static void missing(gj *g)
{
    netra_geojson_report *r = g->rep;
    for (int lv = 1; lv <= 3; lv++) {
        if (r->by_level[lv] == 0)
            continue;
        size_t n;
        const netra_region *list = netra_regions_list(&n, g->regs, (netra_region_level)lv);
        for (size_t i = 0; i < n; i++) {
            if (g->seen[code_slot(list[i].code)])
                continue;
            r->missing[lv]++;
            if (r->n_missing_first < 8)
                snprintf(r->missing_first[r->n_missing_first++], NETRA_REGION_CODE_MAX, "%s",
                         list[i].code);
        }
    }
}

int netra_geojson_import(netra_geojson_report *report, const netra_regions *regs,
                         const char *in_path, const char *data, size_t len, const char *out_path,
                         const netra_geojson_options *opts)
{
    NT_ASSERT_ARG(report != NULL);
    NT_ASSERT_ARG(regs != NULL);
    memset(report, 0, sizeof *report);
    netra_geojson_options def = NETRA_GEOJSON_OPTIONS_INIT;
    const netra_geojson_options *o = opts ? opts : &def;
    size_t max_bytes = o->max_bytes ? o->max_bytes : GJ_DEFAULT_MAX_BYTES;
    size_t max_feature = o->max_feature ? o->max_feature : GJ_DEFAULT_MAX_FEATURE;
    int decimals = o->decimals ? o->decimals : 5;
    if (decimals < 1 || decimals > 8)
        return nt_error_set(NETRA_EINVAL, "decimals must be 1-8, not %d", decimals);
    gj g;
    memset(&g, 0, sizeof g);
    g.rep = report;
    g.regs = regs;
    g.o = o;
    g.path = in_path ? in_path : "<memory>";
    g.tol = o->tolerance < 0 ? 0.001 : o->tolerance;
    g.scale = pow(10.0, decimals);
    nt_vec_init(&g.pts, 2 * sizeof(double), 0);
    nt_vec_init(&g.keep, 1, 0);
    nt_vec_init(&g.stack, 2 * sizeof(size_t), 0);
    scan s;
    memset(&s, 0, sizeof s);
    nt_buf_init(&s.fbuf, max_feature);
    FILE *in = NULL;
    char *tmp_path = NULL;
    char *chunk = NULL;
    int err = NETRA_OK;
    g.seen = nt_calloc(1000000u, 1);
    if (g.seen == NULL) {
        err = NETRA_ENOMEM;
        goto out;
    }
    if (data == NULL) {
        if (in_path == NULL) {
            err = nt_error_set(NETRA_EINVAL, "netra_geojson_import: neither a path nor data");
            goto out;
        }
        if ((in = fopen(in_path, "rb")) == NULL) {
            err = nt_error_set(NETRA_EIO, "%s: cannot open", in_path);
            goto out;
        }
        if ((chunk = nt_malloc(GJ_CHUNK)) == NULL) {
            err = NETRA_ENOMEM;
            goto out;
        }
    } else if (len > max_bytes) {
        err = nt_error_set(NETRA_ETOOBIG, "%s: larger than %zu bytes", g.path, max_bytes);
        goto out;
    }
    if (out_path != NULL) {
        size_t tl = strlen(out_path) + 8;
        if ((tmp_path = nt_malloc(tl)) == NULL) {
            err = NETRA_ENOMEM;
            goto out;
        }
        snprintf(tmp_path, tl, "%s.tmp", out_path);
        if ((g.out = fopen(tmp_path, "wb")) == NULL) {
            err = nt_error_set(NETRA_EIO, "%s: cannot create", tmp_path);
            goto out;
        }
        fprintf(g.out,
                "{\"type\":\"FeatureCollection\",\"netra\":{\"source\":\"boundary file "
                "imported by netra region import-geojson\",\"tolerance_degrees\":%g,"
                "\"decimals\":%d},\"features\":[",
                g.tol, decimals);
    }
    if (data != NULL) {
        err = scan_bytes(&g, &s, data, len, 0);
    } else {
        size_t total = 0, n;
        while (err >= 0 && (n = fread(chunk, 1, GJ_CHUNK, in)) > 0) {
            if (total + n > max_bytes) {
                err = nt_error_set(NETRA_ETOOBIG, "%s: larger than %zu bytes", g.path, max_bytes);
                break;
            }
            err = scan_bytes(&g, &s, chunk, n, total);
            total += n;
        }
        if (err >= 0 && ferror(in))
            err = nt_error_set(NETRA_EIO, "%s: read error", g.path);
    }
    if (err >= 0 && (!s.started || !s.done))
        err = nt_error_set(NETRA_EDATA, "%s: unexpected end of input (%s)", g.path,
                           !s.started    ? "empty"
                           : s.capturing ? "inside a feature"
                                         : "object not closed");
    if (err >= 0 && !s.saw_features)
        err = nt_error_set(NETRA_EDATA, "%s: no 'features' array: not a FeatureCollection", g.path);
    if (err >= 0)
        missing(&g);
    if (g.out != NULL) {
        fputs("\n]}\n", g.out);
        if (fclose(g.out) != 0 && err >= 0)
            err = nt_error_set(NETRA_EIO, "%s: cannot write", tmp_path);
        g.out = NULL;
        if (err >= 0 && rename(tmp_path, out_path) != 0)
            err = nt_error_set(NETRA_EIO, "%s: cannot rename to %s", tmp_path, out_path);
        if (err < 0)
            remove(tmp_path);
    }
out:
    if (g.out != NULL) {
        fclose(g.out);
        remove(tmp_path);
    }
    if (in != NULL)
        fclose(in);
    nt_free(chunk);
    nt_free(tmp_path);
    nt_free(g.seen);
    nt_buf_free(&s.fbuf);
    nt_vec_free(&g.pts);
    nt_vec_free(&g.keep);
    nt_vec_free(&g.stack);
    return err;
}
