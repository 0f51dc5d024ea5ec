/*
 * region.c - loading and validating the region data (idn-area-data CSV + aliases.tsv),
 * code parsing, and lookup by code. The name search is in find.c.
 *
 * The three levels live in one array (provinces, regencies, districts), each level sorted
 * by code, so that a region's children are contiguous and a code is found by binary
 * search. Parent and children pointers are set once, after sorting; nothing changes after
 * netra_regions_load() returns, which is what makes concurrent reads safe.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "region/region_int.h"

#ifndef NETRA_DEFAULT_REGION_DIR
#define NETRA_DEFAULT_REGION_DIR "third_party/node_modules/idn-area-data/data"
#endif

/* A record as read, before sorting and linking. */
typedef struct raw_region {
    const char *code; /* dotted, in the arena */
    const char *name; /* as published, in the arena */
    unsigned line;    /* line in its file, for messages */
} raw_region;

static const char *const level_file[4] = {NULL, "provinces.csv", "regencies.csv", "districts.csv"};
static const char *const parent_col[4] = {NULL, NULL, "province_code", "regency_code"};
static const char *const level_id[4] = {NULL, "provinsi (PP)", "kabupaten/kota (PP.KK)",
                                        "kecamatan (PP.KK.CC)"};

const char *netra_region_dir(void)
{
    const char *env = getenv("NETRA_REGION_DIR");
    if (env != NULL && env[0] != '\0')
        return env;
    return NETRA_DEFAULT_REGION_DIR;
}

/* ---- code parsing ------------------------------------------------------------------------ */

static int two_digits(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

int netra_region_code_parse(char *out, netra_region_level *level_out, const char *code)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(code != NULL);
    size_t len = strlen(code);
    size_t b = 0, e = len;
    while (b < e && (code[b] == ' ' || code[b] == '\t' || code[b] == '\n' || code[b] == '\r'))
        b++;
    while (e > b && (code[e - 1] == ' ' || code[e - 1] == '\t' || code[e - 1] == '\n' ||
                     code[e - 1] == '\r'))
        e--;
    const char *s = code + b;
    size_t n = e - b;
    if (n == 0)
        return nt_error_set(NETRA_EINVAL, "empty region code; expected e.g. 32, 32.04 or 32.04.01");
    if (n > 20)
        return nt_error_set(NETRA_EINVAL,
                            "region code too long (%zu bytes); expected PP, PP.KK or PP.KK.CC", n);
    /* Digits of each part, in at most four parts. */
    char digits[4][5];
    size_t plen[4] = {0, 0, 0, 0};
    size_t n_parts = 0;
    int dotted = memchr(s, '.', n) != NULL;
    if (dotted) {
        n_parts = 1;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == '.') {
                if (plen[n_parts - 1] == 0)
                    return nt_error_set(NETRA_EINVAL,
                                        "region code '%.*s': empty part before the dot at byte "
                                        "%zu",
                                        (int)n, s, i + 1);
                if (n_parts == 4)
                    return nt_error_set(NETRA_EINVAL, "region code '%.*s': more than four parts",
                                        (int)n, s);
                n_parts++;
                continue;
            }
            if (c < '0' || c > '9')
                return nt_error_set(NETRA_EINVAL,
                                    "region code '%.*s': unexpected character at byte %zu; a "
                                    "code has only digits and dots, e.g. 32.04",
                                    (int)n, s, i + 1);
            size_t p = n_parts - 1;
            if (plen[p] >= 4)
                return nt_error_set(NETRA_EINVAL,
                                    "region code '%.*s': part %zu has too many digits (expected "
                                    "PP.KK.CC: two digits per part)",
                                    (int)n, s, p + 1);
            digits[p][plen[p]++] = (char)c;
        }
        if (plen[n_parts - 1] == 0)
            return nt_error_set(NETRA_EINVAL, "region code '%.*s': ends with a dot", (int)n, s);
        for (size_t p = 0; p < n_parts; p++) {
            size_t want = p == 3 ? 4 : 2;
            if (plen[p] != want)
                return nt_error_set(NETRA_EINVAL,
                                    "region code '%.*s': part %zu has %zu digit%s, expected %zu "
                                    "(PP.KK.CC)",
                                    (int)n, s, p + 1, plen[p], plen[p] == 1 ? "" : "s", want);
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c < '0' || c > '9')
                return nt_error_set(NETRA_EINVAL,
                                    "region code '%.*s': unexpected character at byte %zu; a "
                                    "code has only digits and dots, e.g. 32.04",
                                    (int)n, s, i + 1);
        }
        if (n != 2 && n != 4 && n != 6 && n != 10)
            return nt_error_set(NETRA_EINVAL,
                                "region code '%.*s' has %zu digits; expected 2 (provinsi), 4 "
                                "(kabupaten/kota) or 6 (kecamatan)",
                                (int)n, s, n);
        n_parts = n == 10 ? 4 : n / 2;
        for (size_t p = 0; p < n_parts; p++) {
            plen[p] = p == 3 ? 4 : 2;
            memcpy(digits[p], s + 2 * p, plen[p]);
        }
    }
    int pp = two_digits(digits[0]);
    if (pp < 11)
        return nt_error_set(NETRA_EINVAL,
                            "region code '%.*s': province part %02d is not a province code "
                            "(11-99)",
                            (int)n, s, pp);
    if (n_parts >= 2) {
        int kk = two_digits(digits[1]);
        if (kk == 0 || kk == 70)
            return nt_error_set(NETRA_EINVAL,
                                "region code '%.*s': regency part %02d is neither a kabupaten "
                                "(01-69) nor a kota (71-99)",
                                (int)n, s, kk);
    }
    if (n_parts >= 3 && two_digits(digits[2]) == 0)
        return nt_error_set(NETRA_EINVAL,
                            "region code '%.*s': district part 00 is not a kecamatan code (01-99)",
                            (int)n, s);
    if (n_parts == 4)
        return nt_error_set(NETRA_EINVAL,
                            "region code '%.*s' is a desa/kelurahan code; Netra resolves codes "
                            "down to the kecamatan: try %.2s.%.2s.%.2s",
                            (int)n, s, digits[0], digits[1], digits[2]);
    size_t o = 0;
    for (size_t p = 0; p < n_parts; p++) {
        if (p > 0)
            out[o++] = '.';
        memcpy(out + o, digits[p], 2);
        o += 2;
    }
    out[o] = '\0';
    if (level_out != NULL)
        *level_out = (netra_region_level)n_parts;
    return NETRA_OK;
}

/* ---- lookup ------------------------------------------------------------------------------ */

/* Index in regs->all of the region of `level` with the dotted code, or SIZE_MAX. */
static size_t find_code(const netra_regions *regs, const char *dotted, netra_region_level level)
{
    size_t lo = regs->first[level], hi = regs->first[level] + regs->count[level];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(regs->all[mid].code, dotted);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

int netra_regions_get(const netra_region **out, const netra_regions *regs, const char *code)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(regs != NULL);
    NT_ASSERT_ARG(code != NULL);
    char dotted[NETRA_REGION_CODE_MAX];
    netra_region_level level;
    int err = netra_region_code_parse(dotted, &level, code);
    if (err < 0)
        return err;
    size_t i = find_code(regs, dotted, level);
    if (i == SIZE_MAX)
        return nt_error_set(NETRA_ENOTFOUND, "no %s with code %s in the region data",
                            level == NETRA_REGION_PROVINCE  ? "province"
                            : level == NETRA_REGION_REGENCY ? "kabupaten/kota"
                                                            : "kecamatan",
                            dotted);
    *out = &regs->all[i];
    return NETRA_OK;
}

size_t netra_regions_count(const netra_regions *regs, netra_region_level level)
{
    if (regs == NULL)
        return 0;
    if (level == NETRA_REGION_ANY)
        return regs->n_all;
    if (level < NETRA_REGION_PROVINCE || level > NETRA_REGION_DISTRICT)
        return 0;
    return regs->count[level];
}

void netra_regions_counts(netra_region_counts *out, const netra_regions *regs)
{
    memset(out, 0, sizeof *out);
    if (regs == NULL)
        return;
    out->provinces = regs->count[NETRA_REGION_PROVINCE];
    out->regencies = regs->count[NETRA_REGION_REGENCY];
    out->kota = regs->n_kota;
    out->kabupaten = out->regencies - out->kota;
    out->districts = regs->count[NETRA_REGION_DISTRICT];
}

const netra_region *netra_regions_list(size_t *n_out, const netra_regions *regs,
                                       netra_region_level level)
{
    *n_out = 0;
    if (regs == NULL || level < NETRA_REGION_PROVINCE || level > NETRA_REGION_DISTRICT ||
        regs->count[level] == 0)
        return NULL;
    *n_out = regs->count[level];
    return regs->all + regs->first[level];
}

const netra_region *netra_region_children(const netra_region *region, size_t *n_out)
{
    size_t n = region != NULL ? region->n_children : 0;
    if (n_out != NULL)
        *n_out = n;
    return n > 0 ? region->children : NULL;
}

const char *netra_region_kind(const netra_region *region)
{
    switch (region->level) {
    case NETRA_REGION_PROVINCE:
        return "provinsi";
    case NETRA_REGION_REGENCY:
        return region->is_kota ? "kota" : "kabupaten";
    case NETRA_REGION_DISTRICT:
        return "kecamatan";
    default:
        return "unknown";
    }
}

const char *netra_region_level_name(netra_region_level level)
{
    switch (level) {
    case NETRA_REGION_ANY:
        return "any";
    case NETRA_REGION_PROVINCE:
        return "province";
    case NETRA_REGION_REGENCY:
        return "regency";
    case NETRA_REGION_DISTRICT:
        return "district";
    default:
        return "unknown";
    }
}

/* ---- loading ----------------------------------------------------------------------------- */

static int cmp_raw(const void *a, const void *b)
{
    return strcmp(((const raw_region *)a)->code, ((const raw_region *)b)->code);
}

/* Reads one level's CSV into `raws`, validating each record on its own. */
static int read_level(netra_regions *regs, nt_vec *raws, const nt_region_src *src,
                      netra_region_level level)
{
    static const char *const cols_prov[] = {"code", "name", NULL};
    static const char *const cols_reg[] = {"code", "province_code", "name", NULL};
    static const char *const cols_dist[] = {"code", "regency_code", "name", NULL};
    const char *const *cols = level == NETRA_REGION_PROVINCE  ? cols_prov
                              : level == NETRA_REGION_REGENCY ? cols_reg
                                                              : cols_dist;
    nt_csv c;
    int err = nt_csv_open(&c, src->path, src->data, src->len, NT_REGION_MAX_FILE, cols);
    if (err < 0)
        return err;
    while ((err = nt_csv_next(&c)) > 0) {
        size_t clen, nlen;
        const char *code = nt_csv_get(&c, "code", &clen);
        const char *name = nt_csv_get(&c, "name", &nlen);
        char dotted[NETRA_REGION_CODE_MAX];
        netra_region_level got;
        if (raws->n >= NT_REGION_MAX_ROWS) {
            err = nt_csv_error(&c, NULL, "more than %d records", NT_REGION_MAX_ROWS);
            goto done;
        }
        if (clen == 0) {
            err = nt_csv_error(&c, "code", "empty");
            goto done;
        }
        if (netra_region_code_parse(dotted, &got, code) < 0) {
            err = nt_csv_error(&c, "code", "%s", netra_error_last()->msg);
            goto done;
        }
        if (got != level) {
            err = nt_csv_error(&c, "code", "'%s' is a %s code; this file lists %s codes", dotted,
                               level_id[got], level_id[level]);
            goto done;
        }
        if (!nt_str_eq(code, clen, dotted)) {
            err = nt_csv_error(&c, "code", "'%.*s' is not written in dotted form (%s)",
                               (int)(clen > 40 ? 40 : clen), code, dotted);
            goto done;
        }
        if (parent_col[level] != NULL) {
            size_t plen;
            const char *pcode = nt_csv_get(&c, parent_col[level], &plen);
            size_t want = strlen(dotted) - 3; /* the code without its last ".NN" */
            if (plen == 0) {
                err = nt_csv_error(&c, parent_col[level], "empty");
                goto done;
            }
            if (plen != want || memcmp(pcode, dotted, want) != 0) {
                err = nt_csv_error(&c, parent_col[level], "'%.*s' is not the parent of code %s",
                                   (int)(plen > 40 ? 40 : plen), pcode, dotted);
                goto done;
            }
        }
        if (nlen == 0) {
            err = nt_csv_error(&c, "name", "empty");
            goto done;
        }
        if (nlen > NT_REGION_MAX_NAME) {
            err = nt_csv_error(&c, "name", "longer than %d bytes", NT_REGION_MAX_NAME);
            goto done;
        }
        if (!nt_region_utf8_ok(name, nlen)) {
            err = nt_csv_error(&c, "name", "not valid UTF-8 text (or has a control character)");
            goto done;
        }
        if (name[0] == ' ' || name[nlen - 1] == ' ') {
            err = nt_csv_error(&c, "name", "'%s' has a leading or trailing space", name);
            goto done;
        }
        raw_region r;
        r.line = c.rec.line;
        r.code = nt_arena_strdup(&regs->arena, dotted);
        r.name = nt_arena_strndup(&regs->arena, name, nlen);
        if (r.code == NULL || r.name == NULL || nt_vec_push(raws, &r) == NULL) {
            err = netra_error_last()->code;
            goto done;
        }
    }
done:
    nt_csv_close(&c);
    return err < 0 ? err : NETRA_OK;
}

/* Strips the first of `prefixes` (each ending with a space) that starts s[0..*lenp) and
 * leaves something after it; returns whether one did. */
static int strip_prefix(const char **sp, size_t *lenp, const char *const *prefixes)
{
    for (size_t i = 0; prefixes[i] != NULL; i++) {
        size_t pl = strlen(prefixes[i]);
        if (*lenp > pl && memcmp(*sp, prefixes[i], pl) == 0) {
            *sp += pl;
            *lenp -= pl;
            return 1;
        }
    }
    return 0;
}

static const char *const kab_prefixes[] = {"kabupaten administrasi ", "kabupaten ", NULL};
static const char *const kota_prefixes[] = {"kota administrasi ", "kota ", NULL};
static const char *const prov_prefixes[] = {"provinsi ", "daerah khusus ibukota ", "daerah khusus ",
                                            "daerah istimewa ", NULL};

static int add_name_key(netra_regions *regs, const char *key, size_t klen, uint32_t idx)
{
    nt_region_name_ent ent = {idx, 0};
    uintptr_t head = (uintptr_t)nt_map_get(&regs->names, key, klen);
    ent.next = (uint32_t)head;
    if (nt_vec_push(&regs->name_ents, &ent) == NULL)
        return netra_error_last()->code;
    return nt_map_put(&regs->names, key, klen, (void *)(uintptr_t)regs->name_ents.n, NULL);
}

/* Computes the normalised forms of region `i` and indexes them. */
static int make_key(netra_regions *regs, size_t i, const char *path, unsigned line)
{
    netra_region *r = &regs->all[i];
    nt_region_key *k = &regs->keys[i];
    char buf[NT_REGION_NORM_MAX + 1], ns[NT_REGION_NORM_MAX + 1];
    size_t len;
    int err = nt_region_norm(buf, sizeof buf, &len, r->name, strlen(r->name));
    if (err < 0)
        return err;
    if (len == 0)
        return nt_error_set(NETRA_EDATA, "%s:%u: field 'name': '%s' has no letter or digit", path,
                            line, r->name);
    const char *core = buf;
    size_t core_len = len;
    if (r->level == NETRA_REGION_REGENCY) {
        int kab = strip_prefix(&core, &core_len, kab_prefixes);
        int kota = !kab && strip_prefix(&core, &core_len, kota_prefixes);
        if ((kab && r->is_kota) || (kota && !r->is_kota))
            return nt_error_set(NETRA_EDATA,
                                "%s:%u: field 'name': '%s' says %s but code %s is a %s (%s)", path,
                                line, r->name, kab ? "kabupaten" : "kota", r->code,
                                r->is_kota ? "kota" : "kabupaten", r->is_kota ? "71-99" : "01-69");
    } else if (r->level == NETRA_REGION_PROVINCE) {
        strip_prefix(&core, &core_len, prov_prefixes);
    }
    k->full = nt_arena_strndup(&regs->arena, buf, len);
    if (k->full == NULL)
        return netra_error_last()->code;
    k->full_len = (uint16_t)len;
    size_t nslen = nt_region_nospace(ns, buf, len);
    k->full_ns = nt_arena_strndup(&regs->arena, ns, nslen);
    if (k->full_ns == NULL)
        return netra_error_last()->code;
    k->full_ns_len = (uint16_t)nslen;
    if (core == buf) {
        k->core = k->full;
        k->core_len = k->full_len;
        k->core_ns = k->full_ns;
        k->core_ns_len = k->full_ns_len;
    } else {
        k->core = k->full + (core - buf);
        k->core_len = (uint16_t)core_len;
        nslen = nt_region_nospace(ns, core, core_len);
        k->core_ns = nt_arena_strndup(&regs->arena, ns, nslen);
        if (k->core_ns == NULL)
            return netra_error_last()->code;
        k->core_ns_len = (uint16_t)nslen;
    }
    k->core_mask = nt_region_mask(k->core, k->core_len);
    k->full_mask = nt_region_mask(k->full, k->full_len);
    err = add_name_key(regs, k->core_ns, k->core_ns_len, (uint32_t)i);
    if (err == NETRA_OK && k->full_ns != k->core_ns)
        err = add_name_key(regs, k->full_ns, k->full_ns_len, (uint32_t)i);
    return err;
}

/* Sorts one level, rejects duplicates, and copies it into regs->all. */
static int place_level(netra_regions *regs, nt_vec *raws, netra_region_level level,
                       const char *path)
{
    raw_region *rs = raws->items;
    size_t n = raws->n;
    if (n > 1)
        qsort(rs, n, sizeof *rs, cmp_raw);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(rs[i].code, rs[i - 1].code) == 0) {
            unsigned first = rs[i].line < rs[i - 1].line ? rs[i].line : rs[i - 1].line;
            unsigned second = rs[i].line < rs[i - 1].line ? rs[i - 1].line : rs[i].line;
            return nt_error_set(NETRA_EDATA, "%s:%u: field 'code': %s duplicates line %u", path,
                                second, rs[i].code, first);
        }
    }
    size_t base = regs->first[level];
    for (size_t i = 0; i < n; i++) {
        netra_region *r = &regs->all[base + i];
        r->code = rs[i].code;
        r->name = rs[i].name;
        r->level = level;
        r->is_kota = level == NETRA_REGION_REGENCY && two_digits(rs[i].code + 3) >= 71;
        if (r->is_kota)
            regs->n_kota++;
        if (level > NETRA_REGION_PROVINCE) {
            char pcode[NETRA_REGION_CODE_MAX];
            size_t plen = strlen(r->code) - 3;
            memcpy(pcode, r->code, plen);
            pcode[plen] = '\0';
            size_t pi = find_code(regs, pcode, level - 1);
            if (pi == SIZE_MAX)
                return nt_error_set(NETRA_EDATA, "%s:%u: field '%s': %s %s does not exist in %s",
                                    path, rs[i].line, parent_col[level],
                                    level == NETRA_REGION_REGENCY ? "province" : "regency", pcode,
                                    level_file[level - 1]);
            netra_region *p = &regs->all[pi];
            r->parent = p;
            if (p->children == NULL)
                p->children = r;
            p->n_children++;
        }
        int err = make_key(regs, base + i, path, rs[i].line);
        if (err < 0)
            return err;
    }
    return NETRA_OK;
}

static int read_aliases(netra_regions *regs, const nt_region_src *src)
{
    static const char *const cols[] = {"alias", "code", "note", NULL};
    nt_tsv t;
    int err = nt_tsv_open(&t, src->path, src->data, src->len, cols);
    if (err < 0)
        return err;
    while ((err = nt_tsv_next(&t)) > 0) {
        size_t alen, clen;
        const char *alias = nt_tsv_get(&t, "alias", &alen);
        const char *code = nt_tsv_get(&t, "code", &clen);
        char norm[NT_REGION_NORM_MAX + 1];
        size_t nlen;
        const netra_region *r;
        if (regs->n_aliases >= NT_REGION_MAX_ALIASES) {
            err = nt_tsv_error(&t, NULL, "more than %d aliases", NT_REGION_MAX_ALIASES);
            goto done;
        }
        if (alen == 0) {
            err = nt_tsv_error(&t, "alias", "empty");
            goto done;
        }
        if (alen > NT_REGION_MAX_NAME || !nt_region_utf8_ok(alias, alen)) {
            err =
                nt_tsv_error(&t, "alias", "not UTF-8 text of at most %d bytes", NT_REGION_MAX_NAME);
            goto done;
        }
        if (nt_region_norm(norm, sizeof norm, &nlen, alias, alen) < 0 || nlen == 0) {
            err = nt_tsv_error(&t, "alias", "'%s' has no letter or digit", alias);
            goto done;
        }
        if (clen == 0) {
            err = nt_tsv_error(&t, "code", "empty");
            goto done;
        }
        if (netra_regions_get(&r, regs, code) < 0) {
            err = nt_tsv_error(&t, "code", "%s", netra_error_last()->msg);
            goto done;
        }
        if (nt_map_has(&regs->aliases, norm, nlen)) {
            err = nt_tsv_error(&t, "alias", "'%s' is listed twice (compared as '%s')", alias, norm);
            goto done;
        }
        nt_region_alias *a = nt_arena_alloc(&regs->arena, sizeof *a);
        char *key = nt_arena_strndup(&regs->arena, norm, nlen);
        if (a == NULL || key == NULL) {
            err = netra_error_last()->code;
            goto done;
        }
        a->region = r;
        a->text = nt_arena_strndup(&regs->arena, alias, alen);
        if (a->text == NULL) {
            err = netra_error_last()->code;
            goto done;
        }
        err = nt_map_put(&regs->aliases, key, nlen, a, NULL);
        if (err < 0)
            goto done;
        regs->n_aliases++;
    }
done:
    nt_tsv_close(&t);
    return err < 0 ? err : NETRA_OK;
}

int nt_regions_build(netra_regions **out, const nt_region_src *provinces,
                     const nt_region_src *regencies, const nt_region_src *districts,
                     const nt_region_src *aliases)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(provinces != NULL && regencies != NULL && districts != NULL && aliases != NULL);
    const nt_region_src *srcs[4] = {NULL, provinces, regencies, districts};
    nt_vec raws[4];
    int err = NETRA_OK;
    for (int l = 0; l < 4; l++)
        nt_vec_init(&raws[l], sizeof(raw_region), 0);
    netra_regions *regs = nt_calloc(1, sizeof *regs);
    if (regs == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&regs->arena, 65536, 0);
    nt_map_init(&regs->names);
    nt_map_init(&regs->aliases);
    nt_vec_init(&regs->name_ents, sizeof(nt_region_name_ent), 0);

    for (int l = NETRA_REGION_PROVINCE; l <= NETRA_REGION_DISTRICT; l++) {
        err = read_level(regs, &raws[l], srcs[l], (netra_region_level)l);
        if (err < 0)
            goto fail;
    }
    size_t total = 0;
    for (int l = NETRA_REGION_PROVINCE; l <= NETRA_REGION_DISTRICT; l++) {
        regs->first[l] = total;
        regs->count[l] = raws[l].n;
        total += raws[l].n;
    }
    regs->n_all = total;
    regs->all = nt_calloc(total ? total : 1, sizeof *regs->all);
    regs->keys = nt_calloc(total ? total : 1, sizeof *regs->keys);
    if (regs->all == NULL || regs->keys == NULL) {
        err = NETRA_ENOMEM;
        goto fail;
    }
    for (int l = NETRA_REGION_PROVINCE; l <= NETRA_REGION_DISTRICT; l++) {
        err = place_level(regs, &raws[l], (netra_region_level)l, srcs[l]->path);
        if (err < 0)
            goto fail;
    }
    err = read_aliases(regs, aliases);
    if (err < 0)
        goto fail;
    for (int l = 0; l < 4; l++)
        nt_vec_free(&raws[l]);
    *out = regs;
    return NETRA_OK;
fail:
    for (int l = 0; l < 4; l++)
        nt_vec_free(&raws[l]);
    netra_regions_free(regs);
    return err;
}

static int join_path(nt_buf *b, const char *dir, const char *name)
{
    nt_buf_reset(b);
    int err = nt_buf_addf(b, "%s/%s", dir, name);
    if (err == NETRA_ETOOBIG)
        return nt_error_set(NETRA_ETOOBIG, "path '%s/%s' longer than %d bytes", dir, name,
                            NT_REGION_MAX_PATH);
    return err;
}

int netra_regions_load(netra_regions **out, const char *dir)
{
    NT_ASSERT_ARG(out != NULL);
    if (dir == NULL)
        dir = netra_region_dir();
    nt_buf paths[4];
    char *p[4] = {NULL, NULL, NULL, NULL};
    static const char *const files[3] = {"provinces.csv", "regencies.csv", "districts.csv"};
    int err = NETRA_OK;
    for (int i = 0; i < 4; i++)
        nt_buf_init(&paths[i], NT_REGION_MAX_PATH);
    for (int i = 0; i < 3; i++) {
        err = join_path(&paths[i], dir, files[i]);
        if (err < 0)
            goto done;
    }
    err = join_path(&paths[3], dir, "aliases.tsv");
    if (err < 0)
        goto done;
    if (access(nt_buf_cstr(&paths[3]), F_OK) != 0) {
        err = join_path(&paths[3], netra_data_dir(), "regions/aliases.tsv");
        if (err < 0)
            goto done;
    }
    for (int i = 0; i < 4; i++) {
        p[i] = nt_buf_detach(&paths[i], NULL);
        if (p[i] == NULL) {
            err = NETRA_ENOMEM;
            goto done;
        }
    }
    nt_region_src src[4];
    for (int i = 0; i < 4; i++) {
        src[i].path = p[i];
        src[i].data = NULL;
        src[i].len = 0;
    }
    err = nt_regions_build(out, &src[0], &src[1], &src[2], &src[3]);
done:
    for (int i = 0; i < 4; i++) {
        nt_buf_free(&paths[i]);
        nt_free(p[i]);
    }
    return err;
}

void netra_regions_free(netra_regions *regs)
{
    if (regs == NULL)
        return;
    nt_free(regs->all);
    nt_free(regs->keys);
    nt_map_free(&regs->names);
    nt_map_free(&regs->aliases);
    nt_vec_free(&regs->name_ents);
    nt_arena_free(&regs->arena);
    nt_free(regs);
}
