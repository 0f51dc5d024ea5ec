/*
 * region_fuzzer.c - fuzzes the region module: the input is a name query (every level, a
 * result limit taken from its length), a region code, a CSV document for the reader, and
 * the districts.csv of a small data set built in memory. Checks the invariants of
 * netra_regions_find() (bounded, sorted, no duplicate, scores in 1..100) and that a parsed
 * code parses again to itself. Replayed under ctest by tests/fuzz/standalone_driver.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "region/region_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 8192

static const char prov_csv[] = "code,name\n"
                               "31,Daerah Khusus Ibukota Jakarta\n"
                               "32,Jawa Barat\n"
                               "34,Daerah Istimewa Yogyakarta\n"
                               "35,Jawa Timur\n";
static const char reg_csv[] = "code,province_code,name\n"
                              "31.01,31,Kabupaten Administrasi Kepulauan Seribu\n"
                              "31.74,31,Kota Administrasi Jakarta Selatan\n"
                              "32.04,32,Kabupaten Bandung\n"
                              "32.17,32,Kabupaten Bandung Barat\n"
                              "32.73,32,Kota Bandung\n"
                              "34.04,34,\"Kabupaten Sleman\"\n"
                              "34.71,34,Kota Yogyakarta\n"
                              "35.29,35,Kabupaten Sumenep\n";
static const char dist_csv[] = "code,regency_code,name\n"
                               "31.01.01,31.01,Kepulauan Seribu Utara\n"
                               "32.04.05,32.04,Cileunyi\n"
                               "32.73.02,32.73,Coblong\n"
                               "32.73.09,32.73,Bandung Wetan\n"
                               "34.04.13,34.04,Sleman\n"
                               "35.29.22,35.29,\"Ra\"\"as\"\n"
                               "35.29.23,35.29,\"Kota, Sumenep\"\n";
static const char alias_tsv[] = "alias\tcode\tnote\n"
                                "Jabar\t32\tJawa Barat\n"
                                "DIY\t34\tDaerah Istimewa Yogyakarta\n"
                                "Jaksel\t31.74\tKota Administrasi Jakarta Selatan\n";

static netra_regions *fixture(void)
{
    static netra_regions *regs;
    if (regs == NULL) {
        nt_region_src p = {"provinces.csv", prov_csv, sizeof prov_csv - 1};
        nt_region_src r = {"regencies.csv", reg_csv, sizeof reg_csv - 1};
        nt_region_src d = {"districts.csv", dist_csv, sizeof dist_csv - 1};
        nt_region_src a = {"aliases.tsv", alias_tsv, sizeof alias_tsv - 1};
        if (nt_regions_build(&regs, &p, &r, &d, &a) != NETRA_OK)
            abort();
    }
    return regs;
}

static void check_find(const netra_regions *regs, const char *q, size_t max,
                       netra_region_level level)
{
    netra_region_match m[16];
    size_t n = 99;
    int err = netra_regions_find(m, max, &n, regs, q, level);
    if (err != NETRA_OK && err != NETRA_ENOTFOUND && err != NETRA_EINVAL)
        abort();
    if ((err == NETRA_OK) != (n > 0) || n > max)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (m[i].region == NULL || m[i].score < 1 || m[i].score > 100)
            abort();
        if (level != NETRA_REGION_ANY && m[i].region->level != level)
            abort();
        if (i > 0 && m[i - 1].score < m[i].score)
            abort();
        for (size_t j = 0; j < i; j++)
            if (m[j].region == m[i].region)
                abort();
    }
}

static void check_code(const netra_regions *regs, const char *s)
{
    char out[NETRA_REGION_CODE_MAX], again[NETRA_REGION_CODE_MAX];
    netra_region_level lv, lv2;
    if (netra_region_code_parse(out, &lv, s) == NETRA_OK) {
        if (netra_region_code_parse(again, &lv2, out) != NETRA_OK || strcmp(out, again) != 0 ||
            lv != lv2)
            abort();
        const netra_region *r;
        int err = netra_regions_get(&r, regs, s);
        if (err == NETRA_OK && (strcmp(r->code, out) != 0 || r->level != lv))
            abort();
        if (err != NETRA_OK && err != NETRA_ENOTFOUND)
            abort();
    }
}

static void check_csv(const uint8_t *data, size_t size)
{
    nt_csv c;
    if (nt_csv_open(&c, "fuzz.csv", (const char *)data, size, MAX_INPUT, NULL) != NETRA_OK)
        return;
    int rc;
    while ((rc = nt_csv_next(&c)) > 0) {
        for (size_t i = 0; i < c.rec.n_cols; i++)
            if (strlen(c.rec.fields[i]) != c.rec.lens[i])
                abort();
    }
    nt_csv_close(&c);
}

static void check_build(const uint8_t *data, size_t size)
{
    nt_region_src p = {"provinces.csv", prov_csv, sizeof prov_csv - 1};
    nt_region_src r = {"regencies.csv", reg_csv, sizeof reg_csv - 1};
    nt_region_src d = {"districts.csv", (const char *)data, size};
    nt_region_src a = {"aliases.tsv", alias_tsv, sizeof alias_tsv - 1};
    netra_regions *regs = NULL;
    int err = nt_regions_build(&regs, &p, &r, &d, &a);
    if (err == NETRA_OK) {
        size_t n;
        const netra_region *ds = netra_regions_list(&n, regs, NETRA_REGION_DISTRICT);
        for (size_t i = 0; i < n; i++)
            if (ds[i].parent == NULL || strncmp(ds[i].code, ds[i].parent->code, 5) != 0)
                abort();
        check_find(regs, "bandung", 4, NETRA_REGION_ANY);
    } else if (regs != NULL || (err != NETRA_EDATA && err != NETRA_ETOOBIG)) {
        abort();
    }
    netra_regions_free(regs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    const netra_regions *regs = fixture();
    char *s = malloc(size + 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    size_t max = size % 16 + 1;
    for (int l = NETRA_REGION_ANY; l <= NETRA_REGION_DISTRICT; l++)
        check_find(regs, s, max, (netra_region_level)l);
    check_code(regs, s);
    free(s);
    check_csv(data, size);
    check_build(data, size);
    return 0;
}
