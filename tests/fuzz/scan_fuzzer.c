/*
 * scan_fuzzer.c - fuzz target for one line through the whole detector: parse the item,
 * decide it with the invented election and hand-written model of tests/data/detect, write
 * the verdict (or the error verdict). Every verdict must be one line of JSON whose evidence
 * lies inside the item's fields; nothing may crash. Data from NETRA_DATA_DIR and
 * NETRA_TEST_DATA (set by ctest), loaded once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netra/detect.h"
#include "netra/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static netra_law *law;
static netra_election_file *el;
static netra_detector *det;
static netra_detect_worker *w;
static netra_arena *arena;

static void setup(void)
{
    const char *td = getenv("NETRA_TEST_DATA");
    char p[4096], m[4096];
    snprintf(p, sizeof p, "%s/detect/election.json", td ? td : "tests/data");
    snprintf(m, sizeof m, "%s/detect/model.tsv", td ? td : "tests/data");
    const netra_election_file *els[1];
    if (netra_law_load(&law, NULL, NULL) || netra_election_load(&el, p))
        abort();
    els[0] = el;
    netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, m, NULL, 0, 0, 1};
    if (netra_detector_new(&det, law, els, 1, NULL, &o) || netra_detect_worker_new(&w, det) ||
        netra_arena_new(&arena, 0, 0))
        abort();
}

static size_t field_len(const netra_item *it, netra_field f)
{
    switch (f) {
    case NETRA_FIELD_TEXT:
        return it->text.len;
    case NETRA_FIELD_TARGET:
        return it->target_text.len;
    case NETRA_FIELD_TARGET_AUTHOR:
        return it->target_author.len;
    case NETRA_FIELD_BIO:
        return it->author_bio.len;
    case NETRA_FIELD_NAME:
        return it->author_name.len;
    case NETRA_FIELD_HANDLE:
        return it->author_handle.len;
    default:
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (det == NULL)
        setup();
    netra_arena_reset(arena);
    netra_item it;
    const char *json;
    size_t len;
    int rc = netra_item_parse(&it, (const char *)data, size, 0, arena);
    netra_verdict v;
    if (rc == NETRA_OK)
        rc = netra_detect(&v, w, &it);
    if (rc != NETRA_OK) {
        if (netra_verdict_error_json(&json, &len, w, 1, rc, netra_error_last()->msg) != 0)
            abort();
    } else {
        for (size_t i = 0; i < v.n_contestants; i++)
            for (size_t k = 0; k < v.contestants[i].n_evidence; k++) {
                const netra_span *sp = &v.contestants[i].evidence[k];
                if (sp->start > sp->end || sp->end > field_len(&it, sp->field))
                    abort();
            }
        if (v.flagged && (v.top == NULL || !v.asn.likely))
            abort();
        if (netra_verdict_json(&json, &len, w, &it, &v, 1) != 0)
            abort();
    }
    if (len == 0 || json[0] != '{' || json[len - 1] != '}' || memchr(json, '\n', len) != NULL)
        abort();
    return 0;
}
