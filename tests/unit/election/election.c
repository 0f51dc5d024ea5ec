/* Unit tests for src/lib/election: the fixture and the shipped files load, every kind of
 * malformed value is refused with its JSON path, the law cross-check, allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/election.h"
#include "failalloc.h"

static char *fixture_named(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/elections/%s", getenv("NETRA_TEST_DATA"), name);
    char *data;
    assert_int_equal(nt_file_read(&data, len, path, 1 << 20), NETRA_OK);
    return data;
}

static char *fixture(size_t *len)
{
    return fixture_named("mini.json", len);
}

static void test_fixture(void **state)
{
    (void)state;
    size_t len;
    char *data = fixture(&len);
    netra_election_file *f;
    assert_int_equal(netra_election_parse(&f, data, len, "mini.json"), NETRA_OK);
    const netra_election_info *e = netra_election_get(f);
    assert_string_equal(e->id, "pilkada-test");
    assert_int_equal(e->kind, NETRA_ELECTION_PILKADA_GUBERNUR);
    assert_string_equal(e->region, "31");
    assert_int_equal(e->n_contestants, 2);
    assert_int_equal(e->contestants[1].ballot_number, 2);
    assert_string_equal(e->contestants[0].hashtags.items[0], "CalonSatu");
    assert_string_equal(e->contestants[0].gestures.items[0], "index");
    assert_string_equal(e->contestants[1].note, "");
    netra_law *law;
    assert_int_equal(netra_law_load(&law, NULL, NULL), NETRA_OK);
    assert_int_equal(netra_election_check_law(f, law), NETRA_OK);
    netra_election_free(f);
    netra_law_free(law);
    nt_free(data);
}

/* Replaces the first `from` in the fixture `file` by `to` and expects NETRA_EDATA with
 * `needle`. */
static void expect_bad_in(const char *file, const char *from, const char *to, const char *needle)
{
    size_t len;
    char *data = fixture_named(file, &len);
    char *at_ = strstr(data, from);
    if (at_ == NULL)
        fail_msg("'%s' not in the fixture", from);
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    assert_int_equal(nt_buf_add(&b, data, (size_t)(at_ - data)), NETRA_OK);
    assert_int_equal(nt_buf_adds(&b, to), NETRA_OK);
    assert_int_equal(nt_buf_adds(&b, at_ + strlen(from)), NETRA_OK);
    netra_election_file *f = NULL;
    int err = netra_election_parse(&f, b.ptr, b.len, file);
    nt_buf_free(&b);
    nt_free(data);
    if (err != NETRA_EDATA)
        fail_msg("'%s' -> '%s': got %d, expected NETRA_EDATA", from, to, err);
    assert_null(f);
    nt_test_assert_msg(needle);
}

static void expect_bad(const char *from, const char *to, const char *needle)
{
    expect_bad_in("mini.json", from, to, needle);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_bad("\"format\": 1", "\"format\": 2", "mini.json: format: must be 1");
    expect_bad("\"format\": 1,", "\"format\": 1,,", "mini.json:2:");
    expect_bad("\"id\": \"pilkada-test\"", "\"id\": \"Pilkada Test\"", "id: 'Pilkada Test'");
    expect_bad("\"kind\": \"pilkada_gubernur\"", "\"kind\": \"pilbup\"", "kind: 'pilbup'");
    expect_bad("\"region\": \"31\"", "\"region\": \"3.1\"", "region: '3.1'");
    expect_bad("\"voting_date\": \"2024-11-27\"", "\"voting_date\": \"2024-11-31\"",
               "voting_date: day 31");
    expect_bad("\"sources\": [\"fixture written for the tests\"]", "\"sources\": []",
               "sources: needs at least one");
    expect_bad("\"ballot_number\": 2", "\"ballot_number\": 1",
               "contestants[1].ballot_number: 1 is used twice");
    expect_bad("\"id\": \"02\"", "\"id\": \"01\"", "contestants[1].id: '01' is used twice");
    expect_bad("\"aliases\": [\"cs\"]", "\"aliases\": [\"CS\"]",
               "contestants[0].aliases[0]: 'CS' must be lowercase");
    expect_bad("\"aliases\": [\"cs\"]", "\"aliases\": [\"cs\", \"cs\"]", "listed twice");
    expect_bad("\"aliases\": [\"cs\"]", "\"aliases\": [\"\"]", "contestants[0].aliases[0]: empty");
    expect_bad("\"gestures\": [\"index\"]", "\"gestures\": [\"thumb\"]", "'thumb' is not index");
    expect_bad("\"accounts\": [\"calonsatu\"]", "\"accounts\": [\"@calonsatu\"]", "without '@'");
    expect_bad("\"names\": [\"Calon Dua\", \"Wakil Dua\"]", "\"names\": [\"Calon Dua\"]",
               "a pair has two names");
    expect_bad("\"slogans\": []", "\"slogans\": \"none\"",
               "contestants[1].slogans: must be a list");
    expect_bad("\"note\": \"\"", "\"note\": \"\", \"colour\": \"red\"", "unknown field 'colour'");
    expect_bad("\"name_en\": \"Test gubernatorial election\",", "", "name_en: missing");
    expect_bad("\"aliases\": [\"cs\"]", "\"aliases\": [\"c\\u0001s\"]", "control character");
    expect_bad("\"ballot_number\": 1", "\"ballot_number\": 100", "1..99");
}

static void test_law_mismatch(void **state)
{
    (void)state;
    size_t len;
    char *data = fixture(&len);
    netra_law *law;
    assert_int_equal(netra_law_load(&law, NULL, NULL), NETRA_OK);
    const char *const swaps[][3] = {
        {"\"law_election\": \"pilkada-2024\"", "\"law_election\": \"pilkada-2029\"",
         "'pilkada-2029' is not in"},
        {"\"office\": \"gubernur\"", "\"office\": \"presiden\"", "office:"},
        {"\"voting_date\": \"2024-11-27\"", "\"voting_date\": \"2024-11-28\"",
         "pilkada-2024 votes on 2024-11-27"}};
    for (size_t i = 0; i < 3; i++) {
        char *at_ = strstr(data, swaps[i][0]);
        assert_non_null(at_);
        nt_buf b;
        nt_buf_init(&b, 1 << 20);
        nt_buf_add(&b, data, (size_t)(at_ - data));
        nt_buf_adds(&b, swaps[i][1]);
        nt_buf_adds(&b, at_ + strlen(swaps[i][0]));
        netra_election_file *f;
        assert_int_equal(netra_election_parse(&f, b.ptr, b.len, "mini.json"), NETRA_OK);
        assert_int_equal(netra_election_check_law(f, law), NETRA_EDATA);
        if (strstr(netra_error_last()->msg, swaps[i][2]) == NULL)
            fail_msg("expected '%s' in '%s'", swaps[i][2], netra_error_last()->msg);
        netra_election_free(f);
        nt_buf_free(&b);
    }
    netra_law_free(law);
    nt_free(data);
}

/* Every shipped election file loads and agrees with the law data. */
static void test_shipped_files(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/elections", netra_data_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    netra_law *law;
    assert_int_equal(netra_law_load(&law, NULL, NULL), NETRA_OK);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        netra_election_file *f;
        if (netra_election_load(&f, path) != NETRA_OK)
            fail_msg("%s", netra_error_last()->msg);
        if (netra_election_check_law(f, law) != NETRA_OK)
            fail_msg("%s", netra_error_last()->msg);
        const netra_election_info *info = netra_election_get(f);
        assert_true(info->n_contestants >= 2);
        printf("%s: %s, %zu contestants\n", e->d_name, info->id, info->n_contestants);
        netra_election_free(f);
        n++;
    }
    closedir(d);
    netra_law_free(law);
    assert_true(n >= 4); /* Pilpres 2024 and at least three gubernatorial races */
}

/* ---- pileg files --------------------------------------------------------------------------*/

static void test_pileg_fixture(void **state)
{
    (void)state;
    size_t len;
    char *data = fixture_named("pileg-mini.json", &len);
    netra_election_file *f;
    assert_int_equal(netra_election_parse(&f, data, len, "pileg-mini.json"), NETRA_OK);
    const netra_election_info *e = netra_election_get(f);
    assert_int_equal(e->kind, NETRA_ELECTION_PILEG);
    assert_int_equal(e->n_contestants, 9);
    const netra_contestant *k = e->contestants;
    assert_int_equal(k[0].kind, NETRA_CONTESTANT_PARTY);
    assert_null(k[0].party);
    assert_int_equal(k[0].level, NETRA_LEG_NONE);
    assert_string_equal(k[2].party, "pa");
    assert_string_equal(k[2].dapil, "3101");
    assert_int_equal(k[2].level, NETRA_LEG_DPR);
    assert_string_equal(k[2].aliases.items[0], "calon pertama");
    assert_int_equal(k[3].aliases.n, 0); /* lists of a pileg candidate may be left out */
    assert_int_equal(k[3].hashtags.n, 0);
    assert_int_equal(k[3].gestures.n, 0);
    assert_string_equal(k[3].note, "");
    assert_int_equal(k[5].level, NETRA_LEG_DPRD_PROV);
    assert_int_equal(k[6].level, NETRA_LEG_DPRD_KABKOTA);
    assert_int_equal(k[7].level, NETRA_LEG_DPD);
    assert_null(k[7].party);
    assert_string_equal(k[7].dapil, "31");
    netra_law *law;
    assert_int_equal(netra_law_load(&law, NULL, NULL), NETRA_OK);
    assert_int_equal(netra_election_check_law(f, law), NETRA_OK);
    netra_law_free(law);
    netra_election_free(f);
    nt_free(data);
    /* Contestants of other files have none of the pileg fields. */
    data = fixture(&len);
    assert_int_equal(netra_election_parse(&f, data, len, "mini.json"), NETRA_OK);
    e = netra_election_get(f);
    for (size_t i = 0; i < e->n_contestants; i++) {
        assert_null(e->contestants[i].party);
        assert_null(e->contestants[i].dapil);
        assert_int_equal(e->contestants[i].level, NETRA_LEG_NONE);
    }
    netra_election_free(f);
    nt_free(data);
}

static void test_pileg_malformed(void **state)
{
    (void)state;
    const char *p = "pileg-mini.json";
    /* ballot numbers: per party among parties; per (level, dapil, party) among candidates */
    expect_bad_in(
        p, "\"ballot_number\": 2, \"names\": [\"Partai Beta\"]",
        "\"ballot_number\": 1, \"names\": [\"Partai Beta\"]",
        "contestants[1].ballot_number: 1 is used twice among the parties (contestants[0])");
    expect_bad_in(p, "\"dapil\": \"3102\"", "\"dapil\": \"3101\"",
                  "contestants[4].ballot_number: 1 is used twice in dpr dapil 3101 for pa "
                  "(contestants[2])");
    expect_bad_in(p, "\"ballot_number\": 2, \"dapil\": \"31\"",
                  "\"ballot_number\": 1, \"dapil\": \"31\"",
                  "contestants[8].ballot_number: 1 is used twice in dpd dapil 31 (contestants[7])");
    expect_bad_in(p, "\"id\": \"dpr-3102-pa-1\"", "\"id\": \"dpr-3101-pa-1\"",
                  "contestants[4].id: 'dpr-3101-pa-1' is used twice (contestants[2])");
    /* dapil codes */
    expect_bad_in(p, "\"dapil\": \"3101\"", "\"dapil\": \"31010\"",
                  "contestants[2].dapil: '31010' is not a dpr dapil code (4 digits, like 1101)");
    expect_bad_in(p, "\"dapil\": \"3101\"", "\"dapil\": \"31a1\"",
                  "'31a1' is not a dpr dapil code");
    expect_bad_in(p, "\"dapil\": \"3101\"", "\"dapil\": \"0101\"",
                  "'0101' is not a dpr dapil code");
    expect_bad_in(p, "\"dapil\": \"31\"", "\"dapil\": \"3\"",
                  "contestants[7].dapil: '3' is not a dpd dapil code (the 2-digit province code");
    expect_bad_in(p, "\"dapil\": \"310001\"", "\"dapil\": \"3100\"",
                  "contestants[5].dapil: '3100' is not a dprd_prov dapil code (6 digits");
    expect_bad_in(p, "\"dapil\": \"317101\"", "\"dapil\": \"\"", "contestants[6].dapil: empty");
    expect_bad_in(p, "\"dapil\": \"3101\", ", "", "contestants[2].dapil: missing");
    /* parties */
    expect_bad_in(p, "\"party\": \"pb\"", "\"party\": \"pz\"",
                  "contestants[3].party: 'pz' is not the id of a party contestant of the file");
    expect_bad_in(p, "\"party\": \"pb\"", "\"party\": \"dpr-3101-pa-1\"",
                  "'dpr-3101-pa-1' is not the id of a party contestant");
    expect_bad_in(p, "\"party\": \"pb\",", "", "contestants[3].party: missing");
    expect_bad_in(p, "\"dapil\": \"31\"", "\"party\": \"pa\", \"dapil\": \"31\"",
                  "contestants[7].party: a DPD candidate stands without a party");
    expect_bad_in(p, "\"parties\": [\"pa\"]", "\"parties\": [\"pa\"], \"dapil\": \"3101\"",
                  "contestants[0].dapil: only a candidate of a pileg file has dapil");
    expect_bad("\"note\": \"\"", "\"note\": \"\", \"party\": \"partai-a\"",
               "contestants[0].party: only a candidate of a pileg file has party");
    /* levels */
    expect_bad_in(p, "\"level\": \"dpr\"", "\"level\": \"dprd\"",
                  "contestants[2].level: 'dprd' is not dpr, dpd, dprd_prov or dprd_kabkota");
    expect_bad_in(p, "\"level\": \"dprd_kabkota\"", "\"level\": \"dprdkk\"",
                  "'dprdkk' is not dpr, dpd");
    expect_bad_in(p, "\"level\": \"dpr\", ", "", "contestants[2].level: missing");
    expect_bad_in(p, "\"kind\": \"candidate\"", "\"kind\": \"pair\"",
                  "a pileg file holds parties and candidates, not pairs");
    /* the lists of a party may not be left out; those of a candidate may, but are checked */
    expect_bad_in(p, "\"hashtags\": [], \"slogans\": [], \"parties\": [\"pa\"],", "",
                  "contestants[0].hashtags: missing (use [] when empty)");
    expect_bad_in(p, "\"aliases\": [\"calon pertama\"]", "\"aliases\": [\"Calon\"]",
                  "contestants[2].aliases[0]: 'Calon' must be lowercase");
}

/* Builds a file of `kind` with `n` contestants: `{}` each when `empty` (enough for the count
 * check, which comes first), else pileg candidates of one party numbered 1..99 per dapil. */
static char *big_file(const char *kind, size_t n, int empty, size_t *len)
{
    nt_buf b;
    nt_buf_init(&b, NETRA_ELECTION_MAX_BYTES);
    assert_int_equal(
        nt_buf_addf(&b,
                    "{\"format\": 1, \"id\": \"big\", \"kind\": \"%s\", \"name_id\": \"x\", "
                    "\"name_en\": \"x\", \"law_election\": \"pemilu-2024\", \"office\": "
                    "\"dpr\", \"region\": null, \"voting_date\": \"2024-02-14\", \"sources\": "
                    "[\"x\"], \"contestants\": [",
                    kind),
        NETRA_OK);
    if (!empty)
        assert_int_equal(nt_buf_adds(&b, "{\"id\": \"p\", \"kind\": \"party\", "
                                         "\"ballot_number\": 1, \"names\": [\"P\"], "
                                         "\"aliases\": [], \"hashtags\": [], \"slogans\": [], "
                                         "\"parties\": [], \"accounts\": [], \"gestures\": []}"),
                         NETRA_OK);
    for (size_t i = empty ? 0 : 1; i < n; i++) {
        int err;
        if (empty)
            err = nt_buf_adds(&b, i ? ",{}" : "{}");
        else
            err = nt_buf_addf(&b,
                              ",{\"id\":\"c%zu\",\"kind\":\"candidate\",\"ballot_number\":%zu,"
                              "\"party\":\"p\",\"dapil\":\"%zu\",\"level\":\"dpr\",\"names\":"
                              "[\"C\"]}",
                              i, 1 + i % 99, 1100 + i / 99);
        assert_int_equal(err, NETRA_OK);
    }
    assert_int_equal(nt_buf_adds(&b, "]}"), NETRA_OK);
    *len = b.len;
    return b.ptr;
}

static void test_limits(void **state)
{
    (void)state;
    size_t len;
    netra_election_file *f = NULL;
    char *data = big_file("pilpres", NETRA_ELECTION_MAX_CONTESTANTS + 1, 1, &len);
    assert_int_equal(netra_election_parse(&f, data, len, "big.json"), NETRA_EDATA);
    nt_test_assert_msg("big.json: contestants: more than 10000 contestants in a pilpres file");
    nt_free(data);
    data = big_file("pileg", NETRA_ELECTION_MAX_PILEG_CONTESTANTS + 1, 1, &len);
    assert_int_equal(netra_election_parse(&f, data, len, "big.json"), NETRA_EDATA);
    nt_test_assert_msg("big.json: contestants: more than 400000 contestants in a pileg file");
    nt_free(data);
    /* 300,000 contestants load (the 2024 DCT has 258,229 candidates and 24 parties). */
    data = big_file("pileg", 300000, 0, &len);
    assert_int_equal(netra_election_parse(&f, data, len, "big.json"), NETRA_OK);
    assert_int_equal(netra_election_get(f)->n_contestants, 300000);
    assert_int_equal(netra_election_get(f)->contestants[299999].ballot_number, 1 + 299999 % 99);
    netra_election_free(f);
    nt_free(data);
    /* the byte limit is checked before parsing */
    char one = '{';
    assert_int_equal(netra_election_parse(&f, &one, (size_t)NETRA_ELECTION_MAX_BYTES + 1, "huge"),
                     NETRA_ETOOBIG);
    nt_test_assert_msg("huge: larger than 268435456 bytes");
}

static void test_leg_helpers(void **state)
{
    (void)state;
    assert_int_equal(netra_leg_level_parse("dpr", 3), NETRA_LEG_DPR);
    assert_int_equal(netra_leg_level_parse("dprdprov", 8), NETRA_LEG_DPRD_PROV);
    assert_int_equal(netra_leg_level_parse("dprdkk", 6), NETRA_LEG_DPRD_KABKOTA);
    assert_int_equal(netra_leg_level_parse("dprd_kabkota", 12), NETRA_LEG_DPRD_KABKOTA);
    assert_int_equal(netra_leg_level_parse("dprd", 4), NETRA_LEG_NONE);
    assert_int_equal(netra_leg_level_parse("DPR", 3), NETRA_LEG_NONE);
    assert_int_equal(netra_leg_level_parse(NULL, 0), NETRA_LEG_NONE);
    for (int l = NETRA_LEG_DPR; l < NETRA_LEG_COUNT; l++) {
        const char *n = netra_leg_level_name((netra_leg_level)l);
        assert_int_equal(netra_leg_level_parse(n, strlen(n)), l);
    }
    assert_string_equal(netra_leg_level_name(NETRA_LEG_NONE), "?");
    assert_true(netra_leg_dapil_valid(NETRA_LEG_DPR, "1101", 4));
    assert_true(netra_leg_dapil_valid(NETRA_LEG_DPD, "94", 2));
    assert_true(netra_leg_dapil_valid(NETRA_LEG_DPRD_KABKOTA, "110101", 6));
    assert_false(netra_leg_dapil_valid(NETRA_LEG_DPR, "110", 3));
    assert_false(netra_leg_dapil_valid(NETRA_LEG_DPD, "09", 2));
    assert_false(netra_leg_dapil_valid(NETRA_LEG_DPD, "10", 2));
    assert_false(netra_leg_dapil_valid(NETRA_LEG_DPRD_PROV, "11 001", 6));
    assert_false(netra_leg_dapil_valid(NETRA_LEG_NONE, "1101", 4));
}

/* The contestants are read one by one from the text: syntax errors inside them keep their
 * line and column, and a file the scan cannot follow is read whole, with the same result. */
static void test_streamed_syntax(void **state)
{
    (void)state;
    expect_bad("\"ballot_number\": 2", "\"ballot_number\" 2",
               "mini.json:16:50: ':' expected near '2'");
    expect_bad("\"note\": \"\"},", "\"note\": \"\"}", "mini.json:16:5: ']' expected near '{'");
    expect_bad("\"note\": \"\"},", "\"note\": \"\"} x,",
               "mini.json:15:93: ',' or ']' expected near 'x'");
    expect_bad("\"gestures\": [\"victory\"]}", "\"gestures\": [\"victory\"]},",
               "mini.json:19:3: unexpected token near ']'");
    expect_bad("\"Calon Dua\"", "\"Calon D\\ua\"", "mini.json:16:75: invalid escape");
    expect_bad("\"Calon Dua\"", "\"Calon Dué\" x", "mini.json:16:76: ']' expected near 'x'");
    expect_bad("\"contestants\": [", "\"contestants\": [1, ", "contestants[0]: must be an object");
    expect_bad("\"contestants\": [", "\"contestants\": [], \"x\": [", "(top): unknown field 'x'");
    expect_bad_in("pileg-mini.json", "\"names\": [\"Calon Ketujuh\"]}",
                  "\"names\": [\"Calon Ketujuh\"]}, {\"id\": \"x\" \"kind\": 1}",
                  "pileg-mini.json:34:51: '}' expected near '\"kind\"'");
    /* a broken string fools the scan: jansson reads the whole text and names the place */
    expect_bad("\"id\": \"02\"", "\"id\": \"0]2", "mini.json:16:22: '}' expected near 'kind'");
    /* brackets and quotes inside strings are not structure */
    size_t len;
    char *data = fixture(&len);
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    const char *from = "\"note\": \"\"}";
    char *at_ = strstr(data, from);
    assert_non_null(at_);
    assert_int_equal(nt_buf_add(&b, data, (size_t)(at_ - data)), NETRA_OK);
    assert_int_equal(nt_buf_adds(&b, "\"note\": \"]}[{\\\"x\\\\\"}"), NETRA_OK);
    assert_int_equal(nt_buf_adds(&b, at_ + strlen(from)), NETRA_OK);
    netra_election_file *f;
    if (netra_election_parse(&f, b.ptr, b.len, "mini.json") != NETRA_OK)
        fail_msg("%s", netra_error_last()->msg);
    assert_string_equal(netra_election_get(f)->contestants[0].note, "]}[{\"x\\");
    assert_int_equal(netra_election_get(f)->n_contestants, 2);
    netra_election_free(f);
    /* a "contestants" key written with an escape is not found by the scan: read whole */
    const char *p = "{\"format\": 1, \"id\": \"x\", \"kind\": \"pilpres\", \"name_id\": \"x\", "
                    "\"name_en\": \"x\", \"law_election\": \"pemilu-2024\", \"office\": "
                    "\"presiden\", \"region\": null, \"voting_date\": \"2024-02-14\", "
                    "\"sources\": [\"x\"], \"contest\\u0061nts\": [{\"id\": \"01\", \"kind\": "
                    "\"candidate\", \"ballot_number\": 1, \"names\": [\"X\"], \"aliases\": [], "
                    "\"hashtags\": [], \"slogans\": [], \"parties\": [], \"accounts\": [], "
                    "\"gestures\": []}]}";
    assert_int_equal(netra_election_parse(&f, p, strlen(p), "esc.json"), NETRA_OK);
    assert_int_equal(netra_election_get(f)->n_contestants, 1);
    netra_election_free(f);
    nt_buf_free(&b);
    nt_free(data);
}

static int parse_fixture(void *payload)
{
    const char *data = payload;
    netra_election_file *f;
    int err = netra_election_parse(&f, data, strlen(data), "mini.json");
    if (err == NETRA_OK)
        netra_election_free(f);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    size_t len;
    char *data = fixture(&len);
    char *copy = strndup(data, len);
    nt_free(data);
    assert_true(nt_test_torture(parse_fixture, copy) >= 2);
    free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),         cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_law_mismatch),    cmocka_unit_test(test_shipped_files),
        cmocka_unit_test(test_alloc_failures),  cmocka_unit_test(test_pileg_fixture),
        cmocka_unit_test(test_pileg_malformed), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_leg_helpers),     cmocka_unit_test(test_streamed_syntax),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
