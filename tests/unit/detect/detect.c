/* Unit tests for src/lib/detect with an invented election and a hand-written model
 * (tests/data/detect): references of every kind, the rules (a bare name is never support,
 * negation), ballot numbers versus dates, evidence offsets through disguises, attribution
 * by registry, profile cues and NIP, the form of violation by date, the JSON verdict, the
 * registry loader, and the shipped cue and model files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "util/util_int.h"
#include "item/item_int.h"
#include "detect/feat.h"
#include "netra/detect.h"
#include "failalloc.h"

typedef struct fx {
    netra_law *law;
    netra_election_file *el;
    netra_registry *reg;
    netra_detector *det;
    netra_detector *eager;
    netra_detect_worker *w;
    netra_detect_worker *we;
    netra_arena *arena;
} fx;

static fx F;

static void data_path(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/detect/%s", getenv("NETRA_TEST_DATA"), name);
}

static int setup(void **state)
{
    (void)state;
    char p[4096], m[4096];
    if (netra_law_load(&F.law, NULL, NULL))
        return -1;
    data_path(p, sizeof p, "election.json");
    if (netra_election_load(&F.el, p))
        return -1;
    data_path(p, sizeof p, "registry.csv");
    if (netra_registry_load(&F.reg, p))
        return -1;
    const netra_election_file *els[] = {F.el};
    netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, m, NULL, 0, 0, 1};
    data_path(m, sizeof m, "model.tsv");
    if (netra_detector_new(&F.det, F.law, els, 1, F.reg, &o))
        return -1;
    data_path(m, sizeof m, "model-eager.tsv");
    if (netra_detector_new(&F.eager, F.law, els, 1, NULL, &o))
        return -1;
    if (netra_detect_worker_new(&F.w, F.det) || netra_detect_worker_new(&F.we, F.eager))
        return -1;
    return netra_arena_new(&F.arena, 0, 0);
}

static int teardown(void **state)
{
    (void)state;
    netra_detect_worker_free(F.w);
    netra_detect_worker_free(F.we);
    netra_detector_free(F.det);
    netra_detector_free(F.eager);
    netra_registry_free(F.reg);
    netra_election_free(F.el);
    netra_law_free(F.law);
    netra_arena_free(F.arena);
    return 0;
}

/* Builds an item line and decides it. */
static void decide(netra_verdict *v, netra_item *it, netra_detect_worker *w, const char *act,
                   const char *handle, const char *bio, const char *text, const char *date,
                   const char *target_author, const char *target_text)
{
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    nt_buf_adds(&b, "{\"id\":\"t\",\"act\":");
    nt_buf_add_json(&b, act, strlen(act));
    nt_buf_adds(&b, ",\"author\":{\"handle\":");
    nt_buf_add_json(&b, handle, strlen(handle));
    nt_buf_adds(&b, ",\"bio\":");
    nt_buf_add_json(&b, bio, strlen(bio));
    nt_buf_adds(&b, "},\"text\":");
    nt_buf_add_json(&b, text, strlen(text));
    nt_buf_adds(&b, ",\"created_at\":");
    nt_buf_add_json(&b, date, strlen(date));
    if (target_author || target_text) {
        nt_buf_adds(&b, ",\"target\":{\"author\":");
        nt_buf_add_json(&b, target_author ? target_author : "",
                        target_author ? strlen(target_author) : 0);
        nt_buf_adds(&b, ",\"text\":");
        nt_buf_add_json(&b, target_text ? target_text : "", target_text ? strlen(target_text) : 0);
        nt_buf_adds(&b, "}");
    }
    assert_int_equal(nt_buf_adds(&b, "}"), NETRA_OK);
    netra_arena_reset(F.arena);
    int rc = netra_item_parse(it, b.ptr, b.len, 0, F.arena);
    if (rc)
        fail_msg("parse: %s (%s)", netra_error_last()->msg, b.ptr);
    assert_int_equal(netra_detect(v, w, it), NETRA_OK);
    nt_buf_free(&b);
}

/* Writes `content` to a new temporary file; its name goes to path (a mkstemp template). */
static void temp_file(char *path, const char *content)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static const netra_contestant_verdict *cv_of(const netra_verdict *v, const char *id)
{
    for (size_t i = 0; i < v->n_contestants; i++)
        if (strcmp(v->contestants[i].contestant->id, id) == 0)
            return &v->contestants[i];
    return NULL;
}

static int has_evidence(const netra_contestant_verdict *c, const char *what, uint32_t start,
                        uint32_t end)
{
    for (size_t i = 0; i < c->n_evidence; i++)
        if (strcmp(c->evidence[i].what, what) == 0 && c->evidence[i].start == start &&
            c->evidence[i].end == end)
            return 1;
    return 0;
}

static void test_support_flagged(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "post", "andi", "ASN Pemkot Jakarta Timur",
           "Ayo pilih Budi Santoso besok!", "2024-11-20", NULL, NULL);
    const netra_contestant_verdict *c = cv_of(&v, "01");
    assert_non_null(c);
    assert_int_equal(c->stance, NETRA_STANCE_SUPPORT);
    assert_true(c->p_support > 0.5);
    assert_true(has_evidence(c, "name", 10, 22));
    assert_true(has_evidence(c, "campaign_verb", 4, 9));
    assert_true(has_evidence(c, "call", 0, 3));
    assert_true(v.asn.likely);
    assert_int_equal(v.asn.source, NETRA_ASN_PROFILE);
    assert_true(v.flagged);
    assert_ptr_equal(v.top, c);
    /* A call to vote after designation (2024-09-22): online campaigning, D-2. */
    assert_true(v.has_form);
    assert_string_equal(v.law_act, "campaign_online");
    assert_string_equal(v.form.form->id, "D-2");
    assert_int_equal(v.form.after_designation, 1);
    assert_non_null(strstr(v.sentence_id, "@andi"));
    assert_non_null(strstr(v.sentence_id, "D-2"));
    assert_non_null(strstr(v.sentence_en, "supports"));
}

static void test_before_designation(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "post", "andi", "PNS Dinas Kesehatan", "pilih Budi Santoso #BudiAdil",
           "2024-08-01", NULL, NULL);
    assert_true(v.flagged);
    assert_string_equal(v.law_act, "post");
    assert_string_equal(v.form.form->id, "KE-4");
    assert_int_equal(v.form.after_designation, 0);
    /* A photo caption after designation: D-7. */
    decide(&v, &it, F.w, "photo_caption", "andi", "PNS Dinas Kesehatan",
           "Bersama pak Budi Santoso, pilih nomor 1", "2024-10-01", NULL, NULL);
    assert_true(v.flagged);
    assert_string_equal(v.form.form->id, "D-7");
}

static void test_bare_name(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    /* The eager model scores the bare name as support; the rule makes it a mention. */
    decide(&v, &it, F.we, "post", "andi", "ASN", "Tadi ketemu Budi Santoso di pasar", "2024-11-20",
           NULL, NULL);
    const netra_contestant_verdict *c = cv_of(&v, "01");
    assert_non_null(c);
    assert_int_equal(c->stance, NETRA_STANCE_MENTION);
    assert_true(c->rules & NETRA_RULE_BARE_NAME);
    assert_false(v.flagged);
    assert_null(v.top);
    /* With context the same model keeps support. */
    decide(&v, &it, F.we, "post", "andi", "ASN", "Dukung Budi Santoso", "2024-11-20", NULL, NULL);
    c = cv_of(&v, "01");
    assert_int_equal(c->stance, NETRA_STANCE_SUPPORT);
    assert_false(c->rules & NETRA_RULE_BARE_NAME);
}

static void test_negation(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "post", "andi", "ASN", "jangan pilih Budi Santoso", "2024-11-20", NULL,
           NULL);
    const netra_contestant_verdict *c = cv_of(&v, "01");
    assert_non_null(c);
    assert_int_equal(c->stance, NETRA_STANCE_OPPOSE);
    assert_false(v.flagged);
    decide(&v, &it, F.w, "post", "andi", "ASN", "gak dukung Budi Santoso", "2024-11-20", NULL,
           NULL);
    assert_int_equal(cv_of(&v, "01")->stance, NETRA_STANCE_OPPOSE);
}

static void test_numbers(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    static const struct {
        const char *text;
        const char *contestant; /* NULL: no ballot reference */
    } cases[] = {
        {"coblos nomor 2", "02"},
        {"nomor urut dua ya", "02"},
        {"pokoknya 02!", "02"},
        {"salam dua jari", "02"},
        {"ingat 2\xEF\xB8\x8F\xE2\x83\xA3", "02"}, /* keycap */
        {"\xE2\x9C\x8C\xEF\xB8\x8F", "02"},        /* victory hand */
        {"\xE2\x98\x9D\xEF\xB8\x8F", "01"},        /* index pointing up */
        {"tanggal 2 januari", NULL},
        {"antrian nomor 2", NULL},
        {"beli 2 kg beras", NULL},
        {"kelas 2 sd", NULL},
        {"pasal 2 ayat 1", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        decide(&v, &it, F.w, "post", "andi", "", cases[i].text, "2024-11-20", NULL, NULL);
        const netra_contestant_verdict *c = NULL;
        for (size_t k = 0; k < v.n_contestants; k++)
            for (size_t e = 0; e < v.contestants[k].n_evidence; e++)
                if (strcmp(v.contestants[k].evidence[e].what, "number") == 0 ||
                    strcmp(v.contestants[k].evidence[e].what, "gesture") == 0)
                    c = &v.contestants[k];
        if (cases[i].contestant == NULL && c != NULL)
            fail_msg("'%s' read as a ballot number of %s", cases[i].text, c->contestant->id);
        if (cases[i].contestant && (c == NULL || strcmp(c->contestant->id, cases[i].contestant)))
            fail_msg("'%s' not read as a ballot number of %s", cases[i].text, cases[i].contestant);
    }
}

static void test_disguise_offsets(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    /* Mathematical bold "Budi" (4 x 4 bytes), then " S4nt0s0", elongation, hashtag. */
    const char *text = "pilih \xF0\x9D\x90\x81\xF0\x9D\x90\xAE\xF0\x9D\x90\x9D\xF0\x9D\x90\xA2 "
                       "S4nt0s0 #BudiAdil";
    decide(&v, &it, F.w, "post", "andi", "guru SMA Negeri 1, ASN", text, "2024-11-20", NULL, NULL);
    const netra_contestant_verdict *c = cv_of(&v, "01");
    assert_non_null(c);
    assert_int_equal(c->stance, NETRA_STANCE_SUPPORT);
    assert_true(has_evidence(c, "name", 6, 30));
    assert_true(has_evidence(c, "hashtag", 31, 40));
    for (size_t i = 0; i < c->n_evidence; i++)
        assert_true(c->evidence[i].end <= strlen(text));
}

static void test_follow_account(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "follow", "andi", "Staf Kecamatan Cilincing", "", "2024-10-05",
           "budisantoso", "Akun resmi pemenangan Budi-Adil");
    const netra_contestant_verdict *c = cv_of(&v, "01");
    assert_non_null(c);
    assert_int_equal(c->stance, NETRA_STANCE_SUPPORT);
    assert_true(v.flagged);
    assert_string_equal(v.law_act, "follow");
    assert_string_equal(v.form.form->id, "D-6");
}

static void test_attribution(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    /* The registry knows the handle, whatever its case and '@'. */
    decide(&v, &it, F.w, "post", "RinaGuru", "", "Ayo pilih Sri Lestari", "2024-11-20", NULL, NULL);
    assert_int_equal(v.asn.source, NETRA_ASN_REGISTRY);
    assert_non_null(v.asn.entry);
    assert_string_equal(v.asn.entry->nip, "198703152010011002");
    assert_string_equal(v.asn.employee_type, "pns");
    assert_true(v.flagged);
    /* A NIP in the bio. */
    decide(&v, &it, F.w, "post", "x1", "NIP 19870315 201001 1 002", "halo", "2024-11-20", NULL,
           NULL);
    assert_true(v.asn.likely);
    int nip = 0;
    for (size_t i = 0; i < v.asn.n_reasons; i++)
        nip |= strcmp(v.asn.reasons[i].what, "nip") == 0;
    (void)nip; /* the spaced NIP is split into numbers by the normaliser; cues carry it */
    /* Former, honorary and private: not civil servants. */
    static const char *const not_asn[] = {"Pensiunan PNS", "Guru honorer", "Wiraswasta",
                                          "Mahasiswa UI",  "bukan PNS",    ""};
    for (size_t i = 0; i < sizeof not_asn / sizeof *not_asn; i++) {
        decide(&v, &it, F.w, "post", "x2", not_asn[i], "halo", "2024-11-20", NULL, NULL);
        if (v.asn.likely)
            fail_msg("'%s' attributed as ASN (%.2f)", not_asn[i], v.asn.score);
    }
    static const char *const asn[] = {"ASN Pemkab Bogor", "PNS Kemenag", "PPPK guru SDN 2",
                                      "Abdi negara | Dinas Pendidikan", "NIP 198703152010011002"};
    for (size_t i = 0; i < sizeof asn / sizeof *asn; i++) {
        decide(&v, &it, F.w, "post", "x3", asn[i], "halo", "2024-11-20", NULL, NULL);
        if (!v.asn.likely)
            fail_msg("'%s' not attributed as ASN (%.2f)", asn[i], v.asn.score);
    }
    decide(&v, &it, F.w, "post", "x3", "PPPK guru SDN 2", "halo", "2024-11-20", NULL, NULL);
    assert_string_equal(v.asn.employee_type, "pppk");
}

static void test_news_and_nothing(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "post", "beritajakarta", "Media berita",
           "Menurut survei, Budi Santoso unggul", "2024-11-20", NULL, NULL);
    const netra_contestant_verdict *c = cv_of(&v, "01");
    assert_non_null(c);
    assert_int_not_equal(c->stance, NETRA_STANCE_SUPPORT);
    decide(&v, &it, F.w, "post", "andi", "ASN", "Selamat pagi semua, semoga sehat", "2024-11-20",
           NULL, NULL);
    assert_int_equal(v.n_contestants, 0);
    assert_false(v.flagged);
    assert_non_null(strstr(v.sentence_id, "Tidak ada rujukan"));
}

static void test_json(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "post", "andi\"x", "ASN Pemkot", "Ayo pilih Budi Santoso \xFF",
           "2024-11-20", NULL, NULL);
    const char *js;
    size_t len;
    assert_int_equal(netra_verdict_json(&js, &len, F.w, &it, &v, 7), NETRA_OK);
    json_error_t err;
    json_t *o = json_loadb(js, len, 0, &err);
    if (o == NULL)
        fail_msg("verdict is not JSON: %s: %s", err.text, js);
    assert_int_equal(json_integer_value(json_object_get(o, "line")), 7);
    assert_true(json_is_true(json_object_get(o, "flagged")));
    json_t *c0 = json_array_get(json_object_get(o, "contestants"), 0);
    assert_string_equal(json_string_value(json_object_get(c0, "stance")), "support");
    assert_true(json_array_size(json_object_get(c0, "evidence")) > 0);
    assert_true(json_array_size(json_object_get(c0, "features")) > 0);
    json_t *viol = json_object_get(o, "violation");
    assert_string_equal(json_string_value(json_object_get(viol, "form")), "D-2");
    assert_non_null(json_string_value(json_object_get(viol, "basis")));
    assert_non_null(strstr(
        json_string_value(json_object_get(json_object_get(o, "explanation"), "id")), "@andi\"x"));
    json_decref(o);

    assert_int_equal(
        netra_verdict_error_json(&js, &len, F.w, 9, NETRA_EINVAL, "author.handle: missing"),
        NETRA_OK);
    o = json_loadb(js, len, 0, &err);
    assert_non_null(o);
    json_t *e = json_object_get(o, "error");
    assert_string_equal(json_string_value(json_object_get(e, "field")), "author.handle");
    assert_string_equal(json_string_value(json_object_get(e, "code")), "invalid");
    json_decref(o);
}

static void test_sort_pool(const double *pool);

/* The features' order: strongest first by |weight|, equal ones in the order they were made
 * (what a stable sort by |weight| gives), with many ties of both signs: weights that are
 * floats (as netra_detect() makes them: differences of floats) of every magnitude, doubles
 * that are not floats, and both mixed. */
static void test_sort_features(void **state)
{
    (void)state;
    double pool[10] = {0.5, -0.5, 0.25, 0, -1.5, 1.5, 0.125, -0.25, 2, 0.5};
    for (int kind = 0; kind < 4; kind++) {
        if (kind == 1) { /* floats of every magnitude, ties of both signs */
            static const float fl[] = {1e-30f, 3.4e38f, 0.1f, -0.1f, 7.25f, 1e-3f, -1e-3f, 0.3f};
            for (size_t i = 0; i < 8; i++)
                pool[i] = (double)fl[i];
            pool[8] = (double)(0.7f - 0.2f);
            pool[9] = -0.0;
        } else if (kind == 2) { /* doubles that are not floats */
            static const double db[] = {0.1, -0.1, 1.0 / 3,  0.5,  -0.5, 0.30000000000000004,
                                        0.3, 2,    -1.0 / 3, 1e300};
            memcpy(pool, db, sizeof db);
        } else if (kind == 3) /* one of them among floats */
            pool[9] = 0.1;
        test_sort_pool(pool);
    }
}

static void test_sort_pool(const double *pool)
{
    char names[NT_MAX_FEATS][24];
    netra_feature fv[NT_MAX_FEATS], ref[NT_MAX_FEATS];
    unsigned seed = 12345;
    for (size_t round = 0; round < 200; round++) {
        size_t n = round < 5 ? round : (size_t)(seed % NT_MAX_FEATS) + 1;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            snprintf(names[i], sizeof names[i], "f%zu", i);
            fv[i] = (netra_feature){names[i], pool[(seed >> 16) % 10]};
        }
        /* The reference: selection of the strongest left, the first made on a tie. */
        int used[NT_MAX_FEATS] = {0};
        for (size_t k = 0; k < n; k++) {
            size_t best = SIZE_MAX;
            for (size_t i = 0; i < n; i++)
                if (!used[i] && (best == SIZE_MAX || fabs(fv[i].weight) > fabs(fv[best].weight)))
                    best = i;
            used[best] = 1;
            ref[k] = fv[best];
        }
        nt_sort_features(fv, n);
        for (size_t k = 0; k < n; k++) {
            assert_string_equal(fv[k].name, ref[k].name);
            assert_true(fv[k].weight == ref[k].weight);
        }
    }
}

/* Strings with and without bytes to escape, at every place of an 8-byte block, are quoted
 * in the verdict exactly as netra_json_quote() quotes them. */
static void test_json_quoting(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "a",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "ab\"cdefgh",
        "abcdefg\\h",
        "abcdefgh\x7f",
        "abc\x01"
        "defghijkl",
        "tab\there12345678",
        "caf\xC3\xA9 1234",
        "0123456789abcdef\"",
        "~}|{`_^]\\[ZYX",
        "\xE2\x80\xA8sep",
        "x\xFFy",
    };
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        char line[512], want[256];
        const char *s = ids[i];
        size_t sl = strlen(s);
        size_t wl = netra_json_quote(want, sizeof want, s, sl);
        assert_true(wl < sizeof want);
        snprintf(line, sizeof line,
                 "{\"id\":%s,\"act\":\"post\",\"author\":{\"handle\":\"andi\"},"
                 "\"text\":\"halo\",\"created_at\":\"2024-11-20\"}",
                 want);
        netra_item it;
        netra_verdict v;
        netra_arena_reset(F.arena);
        if (netra_item_parse(&it, line, strlen(line), 0, F.arena))
            fail_msg("parse: %s (%s)", netra_error_last()->msg, line);
        assert_int_equal(netra_detect(&v, F.w, &it), NETRA_OK);
        const char *js;
        size_t len;
        assert_int_equal(netra_verdict_json(&js, &len, F.w, &it, &v, 0), NETRA_OK);
        char again[256];
        size_t al = netra_json_quote(again, sizeof again, it.id.s, it.id.len);
        assert_true(len > 6 + al);
        if (memcmp(js, "{\"id\":", 6) != 0 || memcmp(js + 6, again, al) != 0 || js[6 + al] != ',')
            fail_msg("id %zu quoted as %.*s, not %s", i, (int)len, js, again);
    }
}

/* The sentences' scores: nt_json_pct2() against printf's "%.2f" over the ties k/200 and
 * both their neighbours, random values of every magnitude, 0, -0, negatives, NaN, infinities
 * and values too large for the exact path. */
static void pct2_check(nt_buf *b, double v)
{
    char want[512];
    int wl = snprintf(want, sizeof want, "%.2f", v);
    b->len = 0;
    assert_int_equal(nt_json_pct2(b, v), 0);
    if (b->len != (size_t)wl || memcmp(b->ptr, want, (size_t)wl) != 0)
        fail_msg("%.17g: %.*s, not %s", v, (int)b->len, b->ptr, want);
}

static void test_json_pct2(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    static const double odd[] = {0,       -0.0,     1,         -1,       0.005,
                                 0.015,   0.125,    0.375,     0.995,    1e14,
                                 9.99e14, 1e15,     1e16,      1e300,    -0.125,
                                 NAN,     INFINITY, -INFINITY, 4.9e-324, 0.30000000000000004};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        pct2_check(&b, odd[i]);
    for (long k = 0; k <= 400000; k++) {
        double h = (double)k / 200.0;
        pct2_check(&b, h);
        pct2_check(&b, nextafter(h, INFINITY));
        pct2_check(&b, nextafter(h, -INFINITY));
    }
    uint64_t seed = 88172645463325252ull;
    for (long i = 0; i < 1000000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        double u = (double)(seed >> 11) / 9007199254740992.0; /* [0, 1) */
        double mag = i % 4 == 0 ? 1 : i % 4 == 1 ? 100 : i % 4 == 2 ? 1e6 : 1e15;
        pct2_check(&b, u * mag);
    }
    nt_buf_free(&b);
}

/* The writer's strings (nt_json_quote_buf(): ids, names, the sentences) against
 * netra_json_quote(): lengths 0 to 80 (the short copy, the 16-byte blocks, the 8-byte words
 * and the last bytes), each byte value that needs an escape or is not ASCII at every place,
 * and every byte value at every place of a 40-byte string. */
static void quote_check(nt_buf *b, const char *s, size_t n)
{
    char want[1024];
    size_t wl = netra_json_quote(want, sizeof want, s, n);
    b->len = 0;
    assert_int_equal(nt_json_quote_buf(b, s, n), 0);
    if (b->len != wl || memcmp(b->ptr, want, wl) != 0)
        fail_msg("%zu bytes quoted as %.*s, not %.*s", n, (int)b->len, b->ptr, (int)wl, want);
    if (n <= 5) { /* little room left after the string: the byte-at-a-time copy */
        size_t at = b->cap - (6 * n + 3);
        b->len = at;
        assert_int_equal(nt_json_quote_buf(b, s, n), 0);
        if (b->len - at != wl || memcmp(b->ptr + at, want, wl) != 0)
            fail_msg("%zu bytes quoted as %.*s, not %.*s (little room)", n, (int)(b->len - at),
                     b->ptr + at, (int)wl, want);
    }
}

static void test_json_quote_blocks(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    static const unsigned char odd[] = {0x00, 0x01, 0x1f, 0x20, '"',  '\\', 0x7e, 0x7f,
                                        0x80, 0xA9, 0xC3, 0xE2, 0xFF, '/',  'a'};
    char s[96];
    for (size_t n = 0; n <= 80; n++) {
        for (size_t i = 0; i < n; i++)
            s[i] = (char)('a' + i % 26);
        quote_check(&b, s, n);
        for (size_t at = 0; at < n; at++)
            for (size_t k = 0; k < sizeof odd; k++) {
                char keep = s[at];
                s[at] = (char)odd[k];
                quote_check(&b, s, n);
                if (odd[k] == 0xC3 && at + 1 < n) { /* a whole UTF-8 sequence: é */
                    s[at + 1] = (char)0xA9;
                    quote_check(&b, s, n);
                    s[at + 1] = (char)('a' + (at + 1) % 26);
                }
                s[at] = keep;
            }
    }
    for (size_t at = 0; at < 40; at++)
        for (int c = 0; c < 256; c++) {
            for (size_t i = 0; i < 40; i++)
                s[i] = (char)('A' + i % 26);
            s[at] = (char)c;
            quote_check(&b, s, 40);
        }
    nt_buf_free(&b);
}

/* The verdict's numbers: nt_json_fixed() (integer rounding, written in place) against the
 * formula it replaced, llround(v * 10^dec) printed digit by digit, over random values of
 * every magnitude up to the limit, the halfway cases k/200 and k/2000 and their neighbours,
 * 0, -0, 1, negatives, NaN and values past 1e12, and with the buffer full (the general
 * path). */
static size_t fixed_ref(char *out, size_t cap, double v, int dec)
{
    if (!(v == v) || v > 1e12 || v < -1e12)
        v = 0;
    long long scale = dec == 2 ? 100 : 1000;
    long long x = llround(v * (double)scale);
    unsigned long long u = (unsigned long long)(x < 0 ? -x : x);
    return (size_t)snprintf(out, cap, "%s%llu.%0*llu", x < 0 ? "-" : "",
                            u / (unsigned long long)scale, dec, u % (unsigned long long)scale);
}

static void fixed_check(nt_buf *b, double v, int dec)
{
    char want[64];
    size_t wl = fixed_ref(want, sizeof want, v, dec);
    size_t at = b->len;
    assert_int_equal(nt_json_fixed(b, v, dec), 0);
    if (b->len - at != wl || memcmp(b->ptr + at, want, wl) != 0)
        fail_msg("%.17g with %d decimals: %.*s, not %s", v, dec, (int)(b->len - at), b->ptr + at,
                 want);
    b->len = at;
}

static void test_json_fixed(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    assert_int_equal(nt_buf_reserve(&b, 64), 0);
    static const double fixed[] = {0,      -0.0,   1,        -1,        0.5,
                                   -0.5,   0.0005, -0.0005,  0.005,     -0.005,
                                   0.9995, 0.995,  9.9995,   9.995,     10,
                                   -10,    99.5,   1e12,     -1e12,     1e12 + 1,
                                   2e15,   NAN,    INFINITY, -INFINITY, 123456789.0125,
                                   0.125,  0.375};
    for (int dec = 2; dec <= 3; dec++) {
        for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
            fixed_check(&b, fixed[i], dec);
        /* Halfway between two outputs, exactly or as near as a double gets, and around it. */
        for (long k = -40000; k <= 40000; k++) {
            double h = (double)k / (dec == 2 ? 200.0 : 2000.0);
            fixed_check(&b, h, dec);
            fixed_check(&b, nextafter(h, INFINITY), dec);
            fixed_check(&b, nextafter(h, -INFINITY), dec);
        }
        uint64_t seed = 88172645463325252ull;
        for (long i = 0; i < 1000000; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            double u = (double)(seed >> 11) / 9007199254740992.0; /* [0, 1) */
            double mag = i % 4 == 0 ? 1 : i % 4 == 1 ? 12 : i % 4 == 2 ? 1e4 : 2e12;
            fixed_check(&b, (seed & 1 ? -u : u) * mag, dec);
            float f = (float)(u * 8 - 4); /* weights are differences of floats */
            fixed_check(&b, (double)f, dec);
        }
    }
    /* No room left in the allocation: the general path, same digits. */
    b.len = b.cap - 3;
    fixed_check(&b, 0.125, 3);
    fixed_check(&b, -7.5, 2);
    nt_buf_free(&b);
}

/* Feature and evidence names with bytes to escape (a quote, a backslash, a control byte
 * around the name) come out of the verdict as the strings the verdict holds. */
static void test_json_names_escaped(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Ayo pilih \"Budi Santoso\" sekarang",
        "Ayo pilih Budi Santoso \\ \\ ok",
        "Ayo \t pilih Budi Santoso",
        "Ayo pilih Budi Santoso ~~ \"\\\"",
        "Ayo pilih Budi Santoso 01234567890123456789012345678901234567890123456789",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        netra_verdict v;
        netra_item it;
        decide(&v, &it, F.w, "post", "andi", "ASN Pemkot", texts[i], "2024-11-20", NULL, NULL);
        const char *js;
        size_t len;
        assert_int_equal(netra_verdict_json(&js, &len, F.w, &it, &v, 1), NETRA_OK);
        json_error_t err;
        json_t *o = json_loadb(js, len, 0, &err);
        if (o == NULL)
            fail_msg("verdict is not JSON: %s: %s", err.text, js);
        json_t *cs = json_object_get(o, "contestants");
        assert_true(v.n_contestants > 0);
        assert_int_equal(json_array_size(cs), v.n_contestants);
        for (size_t c = 0; c < v.n_contestants; c++) {
            const netra_contestant_verdict *cv = &v.contestants[c];
            json_t *fa = json_object_get(json_array_get(cs, c), "features");
            for (size_t k = 0; k < cv->n_features && k < 12; k++)
                assert_string_equal(
                    json_string_value(json_object_get(json_array_get(fa, k), "name")),
                    cv->features[k].name);
            json_t *ea = json_object_get(json_array_get(cs, c), "evidence");
            for (size_t k = 0; k < cv->n_evidence; k++)
                assert_string_equal(
                    json_string_value(json_object_get(json_array_get(ea, k), "what")),
                    cv->evidence[k].what);
        }
        json_decref(o);
    }
}

/* A contestant decided as an earlier one (netra_detect() shares its evidence and features)
 * has the bytes of that one's stance, scores, rules, evidence and features copied: the
 * verdict is the same as with copies of the arrays (written the general way), and a
 * contestant differing in any written field is not copied. */
static void test_json_shared_contestants(void **state)
{
    (void)state;
    netra_verdict v;
    netra_item it;
    decide(&v, &it, F.w, "post", "andi", "ASN Pemkot", "Ayo pilih Budi Santoso, coblos 01!",
           "2024-11-20", NULL, NULL);
    assert_true(v.n_contestants > 0);
    const netra_contestant_verdict c0 = v.contestants[0];
    static const netra_contestant other_ct = {.id = "99"};
    /* a copy of the arrays for each contestant: nothing shared, the general way */
    static netra_span ev[12][64];
    static netra_feature fv[12][NT_MAX_FEATS];
    assert_true(c0.n_evidence <= 64 && c0.n_features <= NT_MAX_FEATS);
    for (size_t i = 0; i < 12; i++) {
        memcpy(ev[i], c0.evidence, c0.n_evidence * sizeof *ev[i]);
        memcpy(fv[i], c0.features, c0.n_features * sizeof *fv[i]);
    }
    for (int variant = 0; variant < 4; variant++) {
        netra_contestant_verdict shared[12], copied[12];
        for (size_t i = 0; i < 12; i++) {
            shared[i] = c0;
            if (i % 2)
                shared[i].contestant = &other_ct;
            if (variant == 1 && i == 5)
                shared[i].score = c0.score + 0.25;
            if (variant == 2 && i == 7)
                shared[i].rules ^= NETRA_RULE_REPORTING;
            if (variant == 3 && i == 9)
                shared[i].n_features = c0.n_features ? c0.n_features - 1 : 0;
            copied[i] = shared[i];
            copied[i].evidence = ev[i];
            copied[i].features = fv[i];
        }
        char *want;
        size_t want_len;
        const char *js;
        size_t len;
        netra_verdict vc = v;
        vc.contestants = copied;
        vc.n_contestants = 12;
        assert_int_equal(netra_verdict_json(&js, &len, F.w, &it, &vc, 3), NETRA_OK);
        want = malloc(len + 1);
        assert_non_null(want);
        memcpy(want, js, len + 1);
        want_len = len;
        vc.contestants = shared;
        assert_int_equal(netra_verdict_json(&js, &len, F.w, &it, &vc, 3), NETRA_OK);
        if (len != want_len || memcmp(js, want, len) != 0)
            fail_msg("variant %d: shared arrays wrote\n%.*s\nnot\n%s", variant, (int)len, js, want);
        json_error_t err;
        json_t *o = json_loadb(js, len, 0, &err);
        assert_non_null(o);
        assert_int_equal(json_array_size(json_object_get(o, "contestants")), 12);
        json_decref(o);
        free(want);
    }
}

/* The worker keeps its last classifications by their exact input: verdicts over dates on
 * both sides of the designation, several acts and employee types, in an order that hits
 * and replaces the kept ones, classify as netra_law_classify() does on its own. */
static void test_law_memo(void **state)
{
    (void)state;
    static const char *const acts[] = {"post", "photo_caption"};
    static const char *const bios[] = {"ASN Pemkot", "PPPK guru SDN 2"};
    static const char *const dates[] = {"2024-08-01", "2024-09-21", "2024-09-22", "2024-10-01",
                                        "2024-11-20", "2024-11-27", "2025-01-15"};
    size_t seen = 0;
    for (size_t round = 0; round < 3; round++)
        for (size_t i = 0; i < 7 * 2 * 2; i++) {
            size_t k = round == 1 ? 7 * 2 * 2 - 1 - i : round == 2 ? (i * 5) % 28 : i;
            netra_verdict v;
            netra_item it;
            decide(&v, &it, F.w, acts[k % 2], "andi", bios[(k / 2) % 2],
                   k % 3 ? "Ayo pilih Budi Santoso besok!" : "pilih Budi Santoso #BudiAdil",
                   dates[k / 4], NULL, NULL);
            if (!v.has_form)
                continue;
            seen++;
            netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
            in.act = v.law_act;
            in.date = it.date;
            in.election = v.top->election->law_election;
            in.office = v.top->election->office;
            in.employee_type = v.asn.employee_type;
            static netra_classification want;
            assert_int_equal(netra_law_classify(&want, F.law, &in), NETRA_OK);
            assert_ptr_equal(v.form.act, want.act);
            assert_ptr_equal(v.form.form, want.form);
            assert_int_equal(v.form.level, want.level);
            assert_ptr_equal(v.form.election, want.election);
            assert_ptr_equal(v.form.designation, want.designation);
            assert_int_equal(v.form.after_designation, want.after_designation);
            assert_ptr_equal(v.form.phase, want.phase);
            assert_ptr_equal(v.form.agency, want.agency);
            assert_string_equal(v.form.employee_type, want.employee_type);
            assert_int_equal(v.form.n_sanctions, want.n_sanctions);
            for (size_t j = 0; j < want.n_sanctions; j++)
                assert_ptr_equal(v.form.sanctions[j], want.sanctions[j]);
            assert_int_equal(v.form.n_steps, want.n_steps);
            for (size_t j = 0; j < want.n_steps; j++) {
                assert_string_equal(v.form.steps_id[j], want.steps_id[j]);
                assert_string_equal(v.form.steps_en[j], want.steps_en[j]);
            }
        }
    assert_true(seen > 60);
}

static void test_registry_errors(void **state)
{
    (void)state;
    static const struct {
        const char *csv;
        const char *needle;
    } cases[] = {
        {"nip,name,agency,position_class,region,handles\n123,A,B,guru,31,a\n", ":2: field 'nip'"},
        {"nip,name,agency,position_class,region,handles\n198703152010011002,,B,guru,31,a\n",
         "field 'name': empty"},
        {"nip,name,agency,position_class,region,handles\n198703152010011002,A,B,raja,31,a\n",
         "field 'position_class'"},
        {"nip,name,agency,position_class,region,handles\n198703152010011002,A,B,guru,31,a\n"
         "199001012015022001,C,D,guru,31,A\n",
         "already belongs to another person"},
        {"nip,name,agency\n198703152010011002,A,B\n", "position_class"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[] = "/tmp/netra-registry-XXXXXX";
        temp_file(path, cases[i].csv);
        netra_registry *r = NULL;
        int rc = netra_registry_load(&r, path);
        remove(path);
        if (rc == NETRA_OK)
            fail_msg("registry case %zu accepted", i);
        nt_test_assert_msg(cases[i].needle);
    }
    assert_int_equal(netra_registry_size(F.reg), 1);
    assert_non_null(netra_registry_find(F.reg, "@RINA_W", 7));
    assert_null(netra_registry_find(F.reg, "rina", 4));
}

/* The sentence of a verdict that supports someone, written with the printf formats that
 * netra_detect() used before it wrote them without printf. */
static void sentence_ref(char *id, char *en, size_t cap, const netra_item *it,
                         const netra_verdict *v)
{
    const netra_contestant_verdict *t = v->top;
    int hl = (int)(it->author_handle.len > 60 ? 60 : it->author_handle.len);
    const char *h = it->author_handle.s;
    const char *asn_id = v->asn.source == NETRA_ASN_REGISTRY ? "ASN terdaftar"
                         : v->asn.likely                     ? "kemungkinan ASN"
                                                             : "belum tentu ASN";
    const char *asn_en = v->asn.source == NETRA_ASN_REGISTRY ? "a registered civil servant"
                         : v->asn.likely                     ? "probably a civil servant"
                                                             : "not shown to be a civil servant";
    size_t ni = (size_t)snprintf(id, cap, "Akun @%.*s (%s, skor %.2f) mendukung %s", hl, h, asn_id,
                                 v->asn.score, t->contestant->id);
    size_t ne = (size_t)snprintf(en, cap, "Account @%.*s (%s, score %.2f) supports %s", hl, h,
                                 asn_en, v->asn.score, t->contestant->id);
    if (t->contestant->names.n) {
        ni += (size_t)snprintf(id + ni, cap - ni, " (");
        ne += (size_t)snprintf(en + ne, cap - ne, " (");
        for (size_t i = 0; i < t->contestant->names.n && i < 2; i++) {
            ni += (size_t)snprintf(id + ni, cap - ni, "%s%s", i ? " – " : "",
                                   t->contestant->names.items[i]);
            ne += (size_t)snprintf(en + ne, cap - ne, "%s%s", i ? " – " : "",
                                   t->contestant->names.items[i]);
        }
        ni += (size_t)snprintf(id + ni, cap - ni, ")");
        ne += (size_t)snprintf(en + ne, cap - ne, ")");
    }
    ni += (size_t)snprintf(id + ni, cap - ni, " dalam %s (skor %.2f)", t->election->name_id,
                           t->p_support);
    ne += (size_t)snprintf(en + ne, cap - ne, " in the %s (score %.2f)", t->election->name_en,
                           t->p_support);
    size_t shown = 0;
    for (size_t i = 0; i < t->n_evidence && shown < 5; i++) {
        size_t k;
        for (k = 0; k < i; k++)
            if (strcmp(t->evidence[k].what, t->evidence[i].what) == 0)
                break;
        if (k < i)
            continue;
        ni += (size_t)snprintf(id + ni, cap - ni, shown ? ", %s" : ", bukti: %s",
                               t->evidence[i].what);
        ne += (size_t)snprintf(en + ne, cap - ne, shown ? ", %s" : ", evidence: %s",
                               t->evidence[i].what);
        shown++;
    }
    if (v->has_form) {
        const netra_level_info *li = netra_law_level(F.law, v->form.level);
        snprintf(id + ni, cap - ni, "; perbuatan '%s' %s penetapan calon: bentuk %s (%s).",
                 v->form.act->label_id, v->form.after_designation ? "setelah" : "sebelum",
                 v->form.form->id, li ? li->label_id : netra_level_id(v->form.level));
        snprintf(en + ne, cap - ne, "; act '%s' %s the designation of candidates: form %s (%s).",
                 v->form.act->label_en, v->form.after_designation ? "after" : "before",
                 v->form.form->id, li ? li->label_en : netra_level_id(v->form.level));
    } else {
        snprintf(id + ni, cap - ni, ".");
        snprintf(en + ne, cap - ne, ".");
    }
}

/* Decides every line of a file with two workers of the same detector, one taking the
 * shortcuts for items naming nobody and one not (nt_detect_set_general()), and wants the
 * same verdict bytes; the line numbers cover every width. Returns the lines decided. */
static long general_vs_fast(netra_detect_worker *fast, netra_detect_worker *gen, const char *path,
                            long *named, long *supports)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lines = 0;
    netra_arena *a;
    assert_int_equal(netra_arena_new(&a, 0, 0), NETRA_OK);
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            n--;
        netra_arena_reset(a);
        netra_item it;
        if (netra_item_parse(&it, line, (size_t)n, 0, a) != NETRA_OK)
            continue;
        /* 1, then widths up to 20 digits */
        unsigned long no = lines % 21 == 0 ? (unsigned long)lines + 1
                                           : (unsigned long)lines * 2654435761ul >> (lines % 21);
        lines++;
        netra_verdict v1, v2;
        const char *j1, *j2;
        size_t l1, l2;
        assert_int_equal(netra_detect(&v1, fast, &it), NETRA_OK);
        assert_int_equal(netra_verdict_json(&j1, &l1, fast, &it, &v1, no), NETRA_OK);
        assert_int_equal(netra_detect(&v2, gen, &it), NETRA_OK);
        assert_int_equal(netra_verdict_json(&j2, &l2, gen, &it, &v2, no), NETRA_OK);
        if (l1 != l2 || memcmp(j1, j2, l1) != 0)
            fail_msg("%s:%ld: the short path wrote\n%.*s\nthe general one\n%.*s", path, lines,
                     (int)l1, j1, (int)l2, j2);
        assert_int_equal(v1.n_contestants, v2.n_contestants);
        assert_int_equal(v1.flagged, v2.flagged);
        assert_int_equal(v1.asn.assessed, v2.asn.assessed);
        assert_string_equal(v1.sentence_id, v2.sentence_id);
        assert_string_equal(v1.sentence_en, v2.sentence_en);
        *named += v1.n_contestants > 0;
        if (v1.top != NULL) { /* the sentence against printf's */
            char id[4096], en[4096];
            sentence_ref(id, en, sizeof id, &it, &v1);
            assert_string_equal(v1.sentence_id, id);
            assert_string_equal(v1.sentence_en, en);
            (*supports)++;
        }
    }
    free(line);
    fclose(f);
    netra_arena_free(a);
    return lines;
}

/* The shortcuts for items that name nobody (no cues, numbers or profile read, no verdict
 * built, the verdict's constant tail) against the general path: the shipped elections and
 * model over the labelled corpus and the unit items, with and without --attribute-all,
 * and every act. */
static void test_general_path(void **state)
{
    (void)state;
    static const char *const names[] = {"pilpres-2024", "pilgub-dki-2024", "pilgub-jabar-2024",
                                        "pilgub-jateng-2024", "pilgub-jatim-2024"};
    enum { NE = sizeof names / sizeof *names };
    netra_election_file *el[NE];
    for (size_t i = 0; i < NE; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/elections/%s.json", netra_data_dir(), names[i]);
        assert_int_equal(netra_election_load(&el[i], p), NETRA_OK);
    }
    for (int all = 0; all <= 1; all++) {
        netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, 0};
        o.attribute_all = all;
        netra_detector *d;
        assert_int_equal(
            netra_detector_new(&d, F.law, (const netra_election_file *const *)el, NE, F.reg, &o),
            NETRA_OK);
        netra_detect_worker *fast, *gen;
        assert_int_equal(netra_detect_worker_new(&fast, d), NETRA_OK);
        assert_int_equal(netra_detect_worker_new(&gen, d), NETRA_OK);
        nt_detect_set_general(gen, 1);
        char p[4096];
        long lines = 0, named = 0, supports = 0;
        static const char *const files[] = {"train.jsonl", "heldout.jsonl"};
        for (size_t i = 0; i < 2; i++) {
            snprintf(p, sizeof p, "%s/corpus/%s", netra_data_dir(), files[i]);
            lines += general_vs_fast(fast, gen, p, &named, &supports);
        }
        data_path(p, sizeof p, "items.jsonl");
        lines += general_vs_fast(fast, gen, p, &named, &supports);
        /* Every act, naming nobody and naming someone. */
        char tmp[] = "/tmp/netra-general-XXXXXX";
        temp_file(tmp, "{\"id\":\"a1\",\"act\":\"post\",\"author\":{\"handle\":\"x\"},"
                       "\"text\":\"hujan lagi\",\"created_at\":\"2024-01-02\"}\n"
                       "{\"id\":\"a2\",\"act\":\"comment\",\"author\":{\"handle\":\"x\"},"
                       "\"text\":\"setuju\",\"target\":{\"text\":\"Ayo pilih Prabowo\"},"
                       "\"created_at\":\"2024-01-02\"}\n"
                       "{\"id\":\"a3\",\"act\":\"share\",\"author\":{\"handle\":\"x\"},"
                       "\"target\":{\"author\":\"kompas\",\"text\":\"cuaca\"},"
                       "\"created_at\":\"2024-01-02\",\"region\":\"35.78\"}\n"
                       "{\"id\":\"a4\",\"act\":\"like\",\"author\":{\"handle\":\"x\",\"bio\":"
                       "\"ASN\"},\"target\":{\"text\":\"salam 3 jari\"},"
                       "\"created_at\":\"2024-02-01\"}\n"
                       "{\"id\":\"a5\",\"act\":\"follow\",\"author\":{\"handle\":\"x\"},"
                       "\"target\":{\"author\":\"aniesbaswedan\"},\"created_at\":\"2024-02-01\"}\n"
                       "{\"id\":\"a6\",\"act\":\"join\",\"author\":{\"handle\":\"x\"},"
                       "\"target\":{\"author\":\"grup\",\"text\":\"Relawan Ganjar\"},"
                       "\"created_at\":\"2024-02-01\"}\n"
                       "{\"id\":\"a7\\\"q\",\"act\":\"photo_caption\",\"author\":{\"handle\":"
                       "\"x\"},\"text\":\"foto 2024\",\"created_at\":\"2024-02-01\"}\n");
        lines += general_vs_fast(fast, gen, tmp, &named, &supports);
        remove(tmp);
        assert_true(lines > 2500);
        assert_true(named > 500 && named < lines - 500); /* both ways were taken */
        assert_true(supports > 100);
        netra_detect_worker_free(fast);
        netra_detect_worker_free(gen);
        netra_detector_free(d);
    }
    for (size_t i = 0; i < NE; i++)
        netra_election_free(el[i]);
}

/* Line numbers and offsets: the digits "%lu" gives, at every width, in place and through
 * the general path when the buffer has no room left. */
static void test_json_ulong(void **state)
{
    (void)state;
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    assert_int_equal(nt_buf_reserve(&b, 64), 0);
    unsigned long vals[200];
    size_t nv = 0;
    for (unsigned long p = 1; nv < 190; p *= 10) { /* 10^k - 1, 10^k, 10^k + 1 */
        vals[nv++] = p - 1;
        vals[nv++] = p;
        vals[nv++] = p + 1;
        if (p > ULONG_MAX / 10)
            break;
    }
    vals[nv++] = ULONG_MAX;
    vals[nv++] = ULONG_MAX - 1;
    uint64_t seed = 88172645463325252ull;
    for (int i = 0; i < 100000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        unsigned long v = i < (int)nv ? vals[i] : (unsigned long)(seed >> (seed % 64));
        char want[32];
        int wl = snprintf(want, sizeof want, "%lu", v);
        b.len = 0; /* in place */
        assert_int_equal(nt_json_ulong(&b, v), 0);
        if (b.len != (size_t)wl || memcmp(b.ptr, want, (size_t)wl) != 0)
            fail_msg("%s written as %.*s", want, (int)b.len, b.ptr);
        if (i < 2000) { /* no room left in the allocation: the general path */
            nt_buf t;
            nt_buf_init(&t, 1 << 20);
            assert_int_equal(nt_buf_reserve(&t, 8), 0);
            t.len = t.cap - 3;
            size_t at = t.len;
            assert_int_equal(nt_json_ulong(&t, v), 0);
            if (t.len - at != (size_t)wl || memcmp(t.ptr + at, want, (size_t)wl) != 0)
                fail_msg("%s written as %.*s (no room)", want, (int)(t.len - at), t.ptr + at);
            nt_buf_free(&t);
        }
    }
    nt_buf_free(&b);
}

static void test_shipped_data(void **state)
{
    (void)state;
    /* The shipped cue list and model load with the shipped election files. */
    char p[4096];
    snprintf(p, sizeof p, "%s/elections/pilpres-2024.json", netra_data_dir());
    netra_election_file *el;
    assert_int_equal(netra_election_load(&el, p), NETRA_OK);
    const netra_election_file *els[] = {el};
    netra_detector *d;
    assert_int_equal(netra_detector_new(&d, F.law, els, 1, NULL, NULL), NETRA_OK);
    netra_detector_stats st;
    netra_detector_stats_get(d, &st);
    assert_int_equal(st.n_contestants, 3);
    assert_true(st.n_phrases > 40);
    assert_true(st.n_weights > 100);
    netra_detector_free(d);
    netra_election_free(el);
}

static void test_bad_cues(void **state)
{
    (void)state;
    static const struct {
        const char *tsv;
        const char *needle;
    } cases[] = {
        {"phrase\tclass\tweight\tnote\npilih\tcampaign\t-\t\n", "unknown class"},
        {"phrase\tclass\tweight\tnote\nasn\tasn\t\t\n", "a number is needed"},
        {"phrase\tclass\tweight\tnote\nasn\tasn\t99\t\n", "between -20 and 20"},
        {"phrase\tclass\tweight\tnote\npilih\tcampaign_verb\t2\t\n", "must be '-'"},
        {"phrase\tweight\n", "class"},
    };
    const netra_election_file *els[] = {F.el};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[] = "/tmp/netra-cues-XXXXXX";
        temp_file(path, cases[i].tsv);
        netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, path, "", NULL, 0, 0, 0};
        netra_detector *d = NULL;
        int rc = netra_detector_new(&d, F.law, els, 1, NULL, &o);
        remove(path);
        if (rc == NETRA_OK)
            fail_msg("cue case %zu accepted", i);
        nt_test_assert_msg(cases[i].needle);
    }
}

static int detect_under_torture(void *payload)
{
    (void)payload;
    char m[4096];
    data_path(m, sizeof m, "model.tsv");
    const netra_election_file *els[] = {F.el};
    netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, m, NULL, 0, 0, 1};
    netra_detector *d = NULL;
    netra_detect_worker *w = NULL;
    netra_arena *a = NULL;
    int rc = netra_detector_new(&d, F.law, els, 1, F.reg, &o);
    if (rc == NETRA_OK)
        rc = netra_detect_worker_new(&w, d);
    if (rc == NETRA_OK)
        rc = netra_arena_new(&a, 0, 0);
    if (rc == NETRA_OK) {
        const char *line = "{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"bio\":"
                           "\"ASN\"},\"text\":\"Ayo pilih Budi Santoso #BudiAdil\","
                           "\"created_at\":\"2024-11-20\"}";
        netra_item it;
        netra_verdict v;
        rc = netra_item_parse(&it, line, strlen(line), 0, a);
        if (rc == NETRA_OK)
            rc = netra_detect(&v, w, &it);
        const char *js;
        size_t len;
        if (rc == NETRA_OK)
            rc = netra_verdict_json(&js, &len, w, &it, &v, 1);
    }
    netra_arena_free(a);
    netra_detect_worker_free(w);
    netra_detector_free(d);
    return rc;
}

static void test_torture(void **state)
{
    (void)state;
    assert_true(nt_test_torture(detect_under_torture, NULL) > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_support_flagged),
        cmocka_unit_test(test_before_designation),
        cmocka_unit_test(test_bare_name),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_disguise_offsets),
        cmocka_unit_test(test_follow_account),
        cmocka_unit_test(test_attribution),
        cmocka_unit_test(test_news_and_nothing),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_registry_errors),
        cmocka_unit_test(test_shipped_data),
        cmocka_unit_test(test_bad_cues),
        cmocka_unit_test(test_torture),
        cmocka_unit_test(test_sort_features),
        cmocka_unit_test(test_json_quoting),
        cmocka_unit_test(test_json_quote_blocks),
        cmocka_unit_test(test_json_pct2),
        cmocka_unit_test(test_json_fixed),
        cmocka_unit_test(test_json_names_escaped),
        cmocka_unit_test(test_json_shared_contestants),
        cmocka_unit_test(test_law_memo),
        cmocka_unit_test(test_general_path),
        cmocka_unit_test(test_json_ulong),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
