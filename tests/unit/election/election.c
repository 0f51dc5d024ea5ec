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

static char *fixture(size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/elections/mini.json", getenv("NETRA_TEST_DATA"));
    char *data;
    assert_int_equal(nt_file_read(&data, len, path, 1 << 20), NETRA_OK);
    return data;
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

/* Replaces the first `from` in the fixture by `to` and expects NETRA_EDATA with `needle`. */
static void expect_bad(const char *from, const char *to, const char *needle)
{
    size_t len;
    char *data = fixture(&len);
    char *at_ = strstr(data, from);
    if (at_ == NULL)
        fail_msg("'%s' not in the fixture", from);
    nt_buf b;
    nt_buf_init(&b, 1 << 20);
    assert_int_equal(nt_buf_add(&b, data, (size_t)(at_ - data)), NETRA_OK);
    assert_int_equal(nt_buf_adds(&b, to), NETRA_OK);
    assert_int_equal(nt_buf_adds(&b, at_ + strlen(from)), NETRA_OK);
    netra_election_file *f = NULL;
    int err = netra_election_parse(&f, b.ptr, b.len, "mini.json");
    nt_buf_free(&b);
    nt_free(data);
    if (err != NETRA_EDATA)
        fail_msg("'%s' -> '%s': got %d, expected NETRA_EDATA", from, to, err);
    assert_null(f);
    nt_test_assert_msg(needle);
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
        cmocka_unit_test(test_fixture),        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_law_mismatch),   cmocka_unit_test(test_shipped_files),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
