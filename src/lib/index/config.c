/*
 * config.c - loads data/index: the weights of event kinds, severity levels, stages and
 * issues, the zone thresholds and the aggregation method. Every id is checked against the
 * law tables; errors name file:line and the field.
 */
#include <math.h>
#include <string.h>

#include "index/index_int.h"

#define IX_MAX_ROWS 256

static const char *const kind_ids[NETRA_INDEX_KIND_COUNT] = {"laporan",  "temuan", "registrasi",
                                                             "terbukti", "sanksi", "deteksi"};
static const char *const zone_ids[3] = {"rendah", "sedang", "tinggi"};

const char *netra_index_kind_id(netra_index_kind kind)
{
    if ((int)kind < 0 || (int)kind >= NETRA_INDEX_KIND_COUNT)
        return NULL;
    return kind_ids[kind];
}

int netra_index_kind_parse(netra_index_kind *out, const char *id)
{
    for (int i = 0; id != NULL && i < NETRA_INDEX_KIND_COUNT; i++) {
        if (strcmp(id, kind_ids[i]) == 0) {
            *out = (netra_index_kind)i;
            return NETRA_OK;
        }
    }
    return nt_error_set(NETRA_EINVAL,
                        "unknown kind '%s'; expected laporan, temuan, registrasi, terbukti, "
                        "sanksi or deteksi",
                        id ? id : "");
}

const char *netra_index_zone_id(netra_index_zone zone)
{
    return (int)zone >= 0 && (int)zone < 3 ? zone_ids[zone] : "";
}

const char *netra_index_zone_colour(const netra_index_config *cfg, netra_index_zone zone)
{
    return cfg != NULL && (int)zone >= 0 && (int)zone < 3 ? cfg->colour[zone] : "";
}

int nt_ix_parse_decimal(double *out, const char *s, size_t len)
{
    double v = 0, scale = 0;
    size_t digits = 0;
    if (len == 0 || len > 32)
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (scale > 0) {
                v += (c - '0') / scale;
                scale *= 10;
            } else {
                v = v * 10 + (c - '0');
            }
            digits++;
        } else if ((c == '.' || c == ',') && scale == 0 && i > 0 && i + 1 < len) {
            scale = 10;
        } else {
            return -1;
        }
    }
    if (digits == 0)
        return -1;
    *out = v;
    return 0;
}

long netra_index_hundredths(double score)
{
    /* Decimal half-up: the double nearest 49.325 is 49.32499999999999928946; the small
     * tolerance (far below the 0.005 step) makes it round as the decimal it stands for. */
    double h = floor(fabs(score) * 100.0 + 0.5 + 1e-7);
    return score < 0 ? -(long)h : (long)h;
}

netra_index_zone netra_index_zone_of(const netra_index_config *cfg, netra_region_level level,
                                     double score)
{
    if ((int)level < 1 || (int)level > 3)
        level = NETRA_REGION_REGENCY;
    long h = netra_index_hundredths(score);
    if (h >= cfg->min_tinggi[level])
        return NETRA_ZONE_TINGGI;
    if (h >= cfg->min_sedang[level])
        return NETRA_ZONE_SEDANG;
    return NETRA_ZONE_RENDAH;
}

size_t netra_index_n_issues(const netra_index_config *cfg)
{
    return cfg->n_issues;
}

const char *netra_index_issue_id(const netra_index_config *cfg, size_t i)
{
    return i < cfg->n_issues ? cfg->issue_ids[i] : NULL;
}

/* ---- loading ------------------------------------------------------------------------------ */

static int weight(double *out, nt_table *tb)
{
    size_t len;
    const char *s = nt_tsv_get(&tb->t, "weight", &len);
    if (nt_ix_parse_decimal(out, s, len) < 0 || *out > 1000)
        return nt_tsv_error(&tb->t, "weight", "'%.*s' is not a decimal between 0 and 1000",
                            (int)(len > 40 ? 40 : len), s);
    return NETRA_OK;
}

typedef int (*row_fn)(netra_index_config *cfg, nt_table *tb, unsigned char *seen);

static int read_table(netra_index_config *cfg, const char *dir, const char *name,
                      const char *const *cols, row_fn fn, unsigned char *seen)
{
    nt_table tb;
    int err = nt_table_open(&tb, dir, name, cols, IX_MAX_ROWS);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0)
        if ((err = fn(cfg, &tb, seen)) < 0)
            break;
    nt_table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int kind_row(netra_index_config *cfg, nt_table *tb, unsigned char *seen)
{
    size_t len;
    const char *id = nt_tsv_get(&tb->t, "kind", &len);
    for (int i = 0; i < NETRA_INDEX_KIND_COUNT; i++) {
        if (nt_str_eq(id, len, kind_ids[i])) {
            if (seen[i])
                return nt_tsv_error(&tb->t, "kind", "'%s' listed twice", kind_ids[i]);
            seen[i] = 1;
            return weight(&cfg->kind_w[i], tb);
        }
    }
    return nt_tsv_error(&tb->t, "kind", "unknown kind '%.*s'", (int)(len > 40 ? 40 : len), id);
}

static int severity_row(netra_index_config *cfg, nt_table *tb, unsigned char *seen)
{
    size_t len;
    const char *id = nt_tsv_get(&tb->t, "level", &len);
    for (int i = 0; i < NETRA_LEVEL_COUNT; i++) {
        const char *lid = i == NETRA_LEVEL_NONE ? "none" : netra_level_id((netra_level)i);
        if (nt_str_eq(id, len, lid)) {
            if (seen[i])
                return nt_tsv_error(&tb->t, "level", "'%s' listed twice", lid);
            seen[i] = 1;
            return weight(&cfg->level_w[i], tb);
        }
    }
    return nt_tsv_error(&tb->t, "level", "unknown level '%.*s' (levels.tsv ids or 'none')",
                        (int)(len > 40 ? 40 : len), id);
}

static int stage_row(netra_index_config *cfg, nt_table *tb, unsigned char *seen)
{
    size_t len;
    const char *id = nt_tsv_get(&tb->t, "stage", &len);
    for (int i = 0; i < NETRA_PHASE_COUNT; i++) {
        const char *pid = i == NETRA_PHASE_NONE ? "none" : netra_phase_id((netra_phase)i);
        if (nt_str_eq(id, len, pid)) {
            if (seen[i])
                return nt_tsv_error(&tb->t, "stage", "'%s' listed twice", pid);
            seen[i] = 1;
            return weight(&cfg->stage_w[i], tb);
        }
    }
    return nt_tsv_error(&tb->t, "stage", "unknown phase '%.*s' (stages.tsv phases or 'none')",
                        (int)(len > 40 ? 40 : len), id);
}

static int issue_row(netra_index_config *cfg, nt_table *tb, unsigned char *seen)
{
    (void)seen;
    const char *id;
    int err = nt_tsv_get_str(&id, &tb->t, "category", &cfg->arena, 0);
    if (err < 0)
        return err;
    if (netra_law_category(cfg->law, id) == NULL)
        return nt_tsv_error(&tb->t, "category", "'%s' is not a category of categories.tsv", id);
    for (size_t i = 0; i < cfg->n_issues; i++)
        if (strcmp(cfg->issue_ids[i], id) == 0)
            return nt_tsv_error(&tb->t, "category", "'%s' listed twice", id);
    if (cfg->n_issues >= NT_IX_MAX_ISSUES)
        return nt_tsv_error(&tb->t, "category", "more than %d issues", NT_IX_MAX_ISSUES);
    cfg->issue_ids[cfg->n_issues] = id;
    return weight(&cfg->issue_w[cfg->n_issues++], tb);
}

static int threshold_row(netra_index_config *cfg, nt_table *tb, unsigned char *seen)
{
    static const char *const levels[4] = {"", "province", "regency", "district"};
    size_t len, zlen, mlen;
    const char *lv = nt_tsv_get(&tb->t, "level", &len);
    const char *zone = nt_tsv_get(&tb->t, "zone", &zlen);
    const char *min = nt_tsv_get(&tb->t, "min", &mlen);
    int level = 0;
    for (int i = 1; i < 4; i++)
        if (nt_str_eq(lv, len, levels[i]))
            level = i;
    if (level == 0)
        return nt_tsv_error(&tb->t, "level", "expected province, regency or district");
    int z = nt_str_eq(zone, zlen, "sedang") ? 1 : nt_str_eq(zone, zlen, "tinggi") ? 2 : 0;
    if (z == 0)
        return nt_tsv_error(&tb->t, "zone", "expected sedang or tinggi");
    double v;
    if (nt_ix_parse_decimal(&v, min, mlen) < 0 || v > 100)
        return nt_tsv_error(&tb->t, "min", "'%.*s' is not a score between 0 and 100",
                            (int)(mlen > 40 ? 40 : mlen), min);
    if (seen[level * 3 + z])
        return nt_tsv_error(&tb->t, "zone", "%s %s listed twice", levels[level], zone_ids[z]);
    seen[level * 3 + z] = 1;
    const char *colour;
    int err = nt_tsv_get_str(&colour, &tb->t, "colour", &cfg->arena, 0);
    if (err < 0)
        return err;
    cfg->colour[z] = colour;
    if (z == 1)
        cfg->min_sedang[level] = netra_index_hundredths(v);
    else
        cfg->min_tinggi[level] = netra_index_hundredths(v);
    return NETRA_OK;
}

static int method_row(netra_index_config *cfg, nt_table *tb, unsigned char *seen)
{
    size_t klen, vlen;
    const char *key = nt_tsv_get(&tb->t, "key", &klen);
    const char *val = nt_tsv_get(&tb->t, "value", &vlen);
    if (nt_str_eq(key, klen, "aggregation")) {
        if (nt_str_eq(val, vlen, "weighted_sum"))
            cfg->weighted_mean = 0;
        else if (nt_str_eq(val, vlen, "weighted_mean"))
            cfg->weighted_mean = 1;
        else
            return nt_tsv_error(&tb->t, "value", "aggregation is weighted_sum or weighted_mean");
        seen[0] = 1;
    } else if (nt_str_eq(key, klen, "scaling")) {
        if (nt_str_eq(val, vlen, "minmax"))
            cfg->scale_max = 0;
        else if (nt_str_eq(val, vlen, "max"))
            cfg->scale_max = 1;
        else
            return nt_tsv_error(&tb->t, "value", "scaling is minmax or max");
        seen[1] = 1;
    } else if (nt_str_eq(key, klen, "rendah_colour")) {
        const char *c;
        int err = nt_tsv_get_str(&c, &tb->t, "value", &cfg->arena, 0);
        if (err < 0)
            return err;
        cfg->colour[NETRA_ZONE_RENDAH] = c;
        seen[2] = 1;
    } else {
        return nt_tsv_error(&tb->t, "key", "unknown key (aggregation, scaling, rendah_colour)");
    }
    return NETRA_OK;
}

static int missing(const char *dir, const char *file, const unsigned char *seen, size_t n,
                   const char *(*name)(size_t))
{
    for (size_t i = 0; i < n; i++)
        if (!seen[i])
            return nt_error_set(NETRA_EDATA, "%s/%s: no row for '%s'", dir, file, name(i));
    return NETRA_OK;
}

static const char *kind_name(size_t i)
{
    return kind_ids[i];
}
static const char *level_name(size_t i)
{
    return i == 0 ? "none" : netra_level_id((netra_level)i);
}
static const char *stage_name(size_t i)
{
    return i == 0 ? "none" : netra_phase_id((netra_phase)i);
}
static const char *threshold_name(size_t i)
{
    static const char *const n[] = {"",
                                    "",
                                    "",
                                    "",
                                    "province sedang",
                                    "province tinggi",
                                    "",
                                    "regency sedang",
                                    "regency tinggi",
                                    "",
                                    "district sedang",
                                    "district tinggi"};
    return n[i];
}
static const char *method_name(size_t i)
{
    static const char *const n[] = {"aggregation", "scaling", "rendah_colour"};
    return n[i];
}

static int load(netra_index_config *cfg, const char *dir)
{
    static const char *const kcols[] = {"kind", "weight", "basis", NULL};
    static const char *const scols[] = {"level", "weight", "basis", NULL};
    static const char *const stcols[] = {"stage", "weight", "basis", NULL};
    static const char *const icols[] = {"category", "weight", "basis", NULL};
    static const char *const tcols[] = {"level", "zone", "min", "colour", "basis", NULL};
    static const char *const mcols[] = {"key", "value", "basis", NULL};
    unsigned char seen[16];
    int err;
    memset(seen, 0, sizeof seen);
    if ((err = read_table(cfg, dir, "kinds.tsv", kcols, kind_row, seen)) < 0 ||
        (err = missing(dir, "kinds.tsv", seen, NETRA_INDEX_KIND_COUNT, kind_name)) < 0)
        return err;
    memset(seen, 0, sizeof seen);
    if ((err = read_table(cfg, dir, "severity.tsv", scols, severity_row, seen)) < 0 ||
        (err = missing(dir, "severity.tsv", seen, NETRA_LEVEL_COUNT, level_name)) < 0)
        return err;
    memset(seen, 0, sizeof seen);
    if ((err = read_table(cfg, dir, "stages.tsv", stcols, stage_row, seen)) < 0 ||
        (err = missing(dir, "stages.tsv", seen, NETRA_PHASE_COUNT, stage_name)) < 0)
        return err;
    if ((err = read_table(cfg, dir, "issues.tsv", icols, issue_row, seen)) < 0)
        return err;
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < 4; i++)
        seen[i] = seen[3 * i] = 1; /* level 0 and the rendah slots are never rows */
    seen[6] = seen[9] = 1;
    if ((err = read_table(cfg, dir, "thresholds.tsv", tcols, threshold_row, seen)) < 0 ||
        (err = missing(dir, "thresholds.tsv", seen, 12, threshold_name)) < 0)
        return err;
    for (int lv = 1; lv < 4; lv++)
        if (cfg->min_sedang[lv] >= cfg->min_tinggi[lv])
            return nt_error_set(NETRA_EDATA, "%s/thresholds.tsv: %s sedang must be below tinggi",
                                dir,
                                lv == 1   ? "province"
                                : lv == 2 ? "regency"
                                          : "district");
    memset(seen, 0, sizeof seen);
    if ((err = read_table(cfg, dir, "method.tsv", mcols, method_row, seen)) < 0 ||
        (err = missing(dir, "method.tsv", seen, 3, method_name)) < 0)
        return err;
    /* Every form's category must be an issue, so that every event has an indicator. */
    size_t n_forms = netra_law_n_forms(cfg->law);
    if (n_forms > sizeof cfg->form_level)
        return nt_error_set(NETRA_EDATA, "the law has %zu forms; the index handles %zu", n_forms,
                            sizeof cfg->form_level);
    for (size_t f = 0; f < n_forms; f++) {
        const netra_form *form = netra_law_form_at(cfg->law, f);
        size_t i = 0;
        while (i < cfg->n_issues && strcmp(cfg->issue_ids[i], form->stat_category) != 0)
            i++;
        if (i == cfg->n_issues)
            return nt_error_set(NETRA_EDATA,
                                "%s/issues.tsv: category '%s' of form %s is not listed", dir,
                                form->stat_category, form->id);
        cfg->form_issue[f] = (uint8_t)i;
        cfg->form_level[f] = (uint8_t)form->level;
    }
    size_t i = 0;
    while (i < cfg->n_issues && strcmp(cfg->issue_ids[i], "lainnya") != 0)
        i++;
    if (i == cfg->n_issues)
        return nt_error_set(NETRA_EDATA, "%s/issues.tsv: category 'lainnya' is not listed", dir);
    return NETRA_OK;
}

int netra_index_config_load(netra_index_config **out, const char *dir, const netra_law *law)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(law != NULL);
    *out = NULL;
    netra_index_config *cfg = nt_calloc(1, sizeof *cfg);
    if (cfg == NULL)
        return NETRA_ENOMEM;
    cfg->law = law;
    nt_arena_init(&cfg->arena, 4096, 1u << 20);
    nt_buf path;
    nt_buf_init(&path, 4096);
    int err = NETRA_OK;
    if (dir == NULL) {
        err = nt_buf_addf(&path, "%s/index", netra_data_dir());
        dir = nt_buf_cstr(&path);
    }
    if (err >= 0)
        err = load(cfg, dir);
    nt_buf_free(&path);
    if (err < 0) {
        netra_index_config_free(cfg);
        return err;
    }
    *out = cfg;
    return NETRA_OK;
}

void netra_index_config_free(netra_index_config *cfg)
{
    if (cfg == NULL)
        return;
    nt_arena_free(&cfg->arena);
    nt_free(cfg);
}

size_t nt_ix_other_issue(const netra_index_config *cfg)
{
    size_t i = 0;
    while (i < cfg->n_issues && strcmp(cfg->issue_ids[i], "lainnya") != 0)
        i++;
    return i;
}
