/*
 * index_fuzzer.c - fuzzes the readers of the vulnerability index over arbitrary bytes: the
 * analysts' events CSV, the published-IKP CSV and the boundary GeoJSON scanner. The first
 * byte picks the reader. Every accepted input must leave consistent results: events counted,
 * scores within 0-100, prior rows with valid codes and scores, GeoJSON counts that add up.
 * Replayed under ctest by tests/fuzz/standalone_driver.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netra/netra.h"
#include "netra/geojson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static netra_law *law;
static netra_index_config *cfg;
static netra_regions *regs;

static void init(void)
{
    if (law != NULL)
        return;
    if (netra_law_load(&law, NULL, NULL) != NETRA_OK ||
        netra_index_config_load(&cfg, NULL, law) != NETRA_OK ||
        netra_regions_load(&regs, NULL) != NETRA_OK)
        abort();
}

static void events(const char *p, size_t n)
{
    netra_index *ix;
    if (netra_index_new(&ix, cfg) != NETRA_OK)
        abort();
    size_t added = 0;
    int err = netra_index_load_csv(&added, ix, "fuzz.csv", p, n, NULL, NULL);
    if (err == NETRA_OK && added != netra_index_count(ix))
        abort();
    if (err != NETRA_OK && netra_index_count(ix) != 0)
        abort();
    netra_index_query q = NETRA_INDEX_QUERY_INIT;
    for (int level = 1; level <= 3; level++) {
        q.level = (netra_region_level)level;
        netra_index_result *r;
        if (netra_index_compute(&r, ix, &q) != NETRA_OK)
            abort();
        size_t placed = 0;
        for (size_t i = 0; i < netra_index_result_count(r); i++) {
            const netra_index_row *row = netra_index_result_row(r, i);
            if (!(row->score >= 0 && row->score <= 100))
                abort();
            placed += row->n_events;
        }
        if (placed + netra_index_result_unplaced(r) != netra_index_result_matched(r) ||
            netra_index_result_matched(r) != netra_index_count(ix))
            abort();
        netra_index_result_free(r);
    }
    netra_index_prevention pv;
    if (netra_index_prevention_get(&pv, ix, &q, "32") != NETRA_OK)
        abort();
    netra_index_prevention_free(&pv);
    netra_index_free(ix);
}

static void prior(const char *p, size_t n)
{
    netra_index_prior_row *rows;
    size_t nr;
    netra_region_level level;
    if (netra_index_prior_load(&rows, &nr, &level, "fuzz.csv", p, n) != NETRA_OK)
        return;
    for (size_t i = 0; i < nr; i++) {
        char dotted[NETRA_REGION_CODE_MAX];
        netra_region_level lv;
        if (!(rows[i].score >= 0 && rows[i].score <= 100) ||
            netra_region_code_parse(dotted, &lv, rows[i].code) != NETRA_OK || lv != level ||
            strcmp(dotted, rows[i].code) != 0)
            abort();
    }
    netra_index_prior_free(rows);
}

static void geojson(const char *p, size_t n)
{
    netra_geojson_report *rep = malloc(sizeof *rep);
    if (rep == NULL)
        abort();
    netra_geojson_options o = NETRA_GEOJSON_OPTIONS_INIT;
    o.max_feature = 1 << 16;
    if (netra_geojson_import(rep, regs, "fuzz.geojson", p, n, NULL, &o) == NETRA_OK) {
        if (rep->matched + rep->unmatched != rep->features ||
            rep->by_level[1] + rep->by_level[2] + rep->by_level[3] != rep->matched ||
            rep->points_out > rep->points_in || rep->n_listed > rep->unmatched)
            abort();
    }
    free(rep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    init();
    const char *p = (const char *)data + 1;
    size_t n = size - 1;
    switch (data[0] % 3) {
    case 0:
        events(p, n);
        break;
    case 1:
        prior(p, n);
        break;
    default:
        geojson(p, n);
        break;
    }
    return 0;
}
