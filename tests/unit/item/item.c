/* Unit tests for src/lib/item: valid items of every act, every kind of malformed line named
 * by its byte or field, limits, JSON escapes, labels, netra_json_quote, and allocation
 * failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/item.h"
#include "failalloc.h"

static netra_arena *arena;

static int setup(void **state)
{
    (void)state;
    return netra_arena_new(&arena, 0, 0);
}

static int teardown(void **state)
{
    (void)state;
    netra_arena_free(arena);
    return 0;
}

static int parse(netra_item *it, const char *line, unsigned flags)
{
    netra_arena_reset(arena);
    return netra_item_parse(it, line, strlen(line), flags, arena);
}

static void test_post(void **state)
{
    (void)state;
    netra_item it;
    assert_int_equal(
        parse(
            &it,
            "{\"id\":\"x-1\",\"platform\":\"x\",\"act\":\"post\",\"author\":{\"handle\":\"@budi\","
            "\"name\":\"Budi\",\"bio\":\"Guru SDN 1\"},\"text\":\"Ayo coblos 02\",\"url\":"
            "\"https://x.com/budi/1\",\"created_at\":\"2024-01-20T23:15:00+07:00\",\"region\":"
            "\"35.78\",\"extra\":[1,2,{\"a\":null}]}",
            0),
        NETRA_OK);
    assert_string_equal(it.id.s, "x-1");
    assert_int_equal(it.act, NETRA_ITEM_POST);
    assert_string_equal(it.author_handle.s, "budi"); /* '@' dropped */
    assert_int_equal(it.author_handle.len, 4);
    assert_string_equal(it.author_bio.s, "Guru SDN 1");
    assert_string_equal(it.text.s, "Ayo coblos 02");
    assert_string_equal(it.region.s, "35.78");
    netra_date d;
    netra_date_from_ymd(&d, 2024, 1, 20);
    assert_int_equal(it.date, d); /* the day in the offset given */
    assert_int_equal(it.has_target, 0);
    assert_int_equal(it.label.present, 0);
}

static void test_every_act(void **state)
{
    (void)state;
    static const char *const acts[] = {"post",   "comment", "share",        "like",
                                       "follow", "join",    "photo_caption"};
    for (size_t i = 0; i < 7; i++) {
        char line[512];
        snprintf(line, sizeof line,
                 "{\"id\":\"%zu\",\"act\":\"%s\",\"author\":{\"handle\":\"a\"},\"text\":\"t\","
                 "\"target\":{\"author\":\"relawan02\",\"text\":\"Grup relawan\"},"
                 "\"created_at\":\"2024-02-01\"}",
                 i, acts[i]);
        netra_item it;
        assert_int_equal(parse(&it, line, 0), NETRA_OK);
        assert_string_equal(netra_item_act_name(it.act), acts[i]);
        assert_int_equal(it.has_target, 1);
        assert_string_equal(it.target_author.s, "relawan02");
    }
    /* A like needs no text of its own. */
    netra_item it;
    assert_int_equal(parse(&it,
                           "{\"id\":\"l\",\"act\":\"like\",\"author\":{\"handle\":\"a\"},"
                           "\"target\":{\"author\":\"b\"},\"created_at\":\"2024-02-01\"}",
                           0),
                     NETRA_OK);
    assert_int_equal(it.text.len, 0);
}

static void test_created_at(void **state)
{
    (void)state;
    static const char *const good[] = {"2024-02-14", "2024-02-14T07:00Z", "2024-02-14 07:00:59",
                                       "2024-02-14T07:00:00.123+07:00",
                                       "2024-02-14t23:59:60-05:30"};
    for (size_t i = 0; i < 5; i++) {
        char line[256];
        snprintf(line, sizeof line,
                 "{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\","
                 "\"created_at\":\"%s\"}",
                 good[i]);
        netra_item it;
        assert_int_equal(parse(&it, line, 0), NETRA_OK);
    }
    static const char *const bad[] = {"2024-02-30",         "14-02-2024",
                                      "2024-02-14T25:00",   "2024-02-14T07",
                                      "2024-02-14T07:00+7", "2024-02-14T07:00:00Zjunk",
                                      "2024-02-14X"};
    for (size_t i = 0; i < 7; i++) {
        char line[256];
        snprintf(line, sizeof line,
                 "{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\","
                 "\"created_at\":\"%s\"}",
                 bad[i]);
        netra_item it;
        assert_int_equal(parse(&it, line, 0), NETRA_EINVAL);
        nt_test_assert_msg("created_at");
    }
    /* the last day read is kept: a day again, a bad day after a good one (not taken for
     * it), the next day, each with the value netra_date_parse() gives */
    static const char *const seq[] = {"2024-02-14", "2024-02-14T01:00Z", "2024-02-30",
                                      "2024-02-14", "2024-02-15",        "2024-02-1x",
                                      "2023-02-15", "2024-02-15",        "2024-02-29"};
    for (size_t i = 0; i < sizeof seq / sizeof *seq; i++) {
        char line[256];
        snprintf(line, sizeof line,
                 "{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\","
                 "\"created_at\":\"%s\"}",
                 seq[i]);
        netra_item it;
        netra_date want;
        int rc = netra_date_parse(&want, seq[i], 10);
        assert_int_equal(parse(&it, line, 0), rc);
        if (rc == NETRA_OK)
            assert_int_equal(it.date, want);
        else
            nt_test_assert_msg("created_at");
    }
}

typedef struct bad {
    const char *line;
    int code;
    const char *needle;
} bad;

#define BASE_AUTHOR "\"author\":{\"handle\":\"a\"}"
#define BASE_DATE   "\"created_at\":\"2024-01-01\""

static void test_malformed(void **state)
{
    (void)state;
    static const bad cases[] = {
        {"", NETRA_EINVAL, "empty line"},
        {"   ", NETRA_EINVAL, "empty line"},
        {"[1,2]", NETRA_EINVAL, "must be a JSON object"},
        {"\"text\"", NETRA_EINVAL, "must be a JSON object"},
        {"{\"id\":\"1\"", NETRA_EINVAL, "byte 10: unexpected end of line"},
        {"{\"id\" \"1\"}", NETRA_EINVAL, "expected ':'"},
        {"{\"id\":\"1\",}", NETRA_EINVAL, "expected a key"},
        {"{\"id\":tru}", NETRA_EINVAL, "expected a value"},
        {"{\"id\":01}", NETRA_EINVAL, "expected ',' or '}'"},
        {"{\"id\":\"a\\x\"}", NETRA_EINVAL, "unknown escape"},
        {"{\"id\":\"a\\u12G4\"}", NETRA_EINVAL, "four hex digits"},
        {"{\"id\":\"a\tb\"}", NETRA_EINVAL, "control character"},
        {"{\"id\":\"abc", NETRA_EINVAL, "unterminated string"},
        {"{\"id\":\"1\"} x", NETRA_EINVAL, "text after the JSON value"},
        {"{\"id\":1.}", NETRA_EINVAL, "digit expected"},
        {"{\"id\":1e}", NETRA_EINVAL, "exponent"},
        {"{\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}", NETRA_EINVAL,
         "id: missing"},
        {"{\"id\":\"\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}",
         NETRA_EINVAL, "id: empty"},
        {"{\"id\":7,\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}", NETRA_EINVAL,
         "id: must be a string, not a number"},
        {"{\"id\":\"1\",\"act\":\"retweet\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}",
         NETRA_EINVAL, "act: must be one of"},
        {"{\"id\":\"1\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}", NETRA_EINVAL,
         "act: missing"},
        {"{\"id\":\"1\",\"act\":\"post\",\"text\":\"t\"," BASE_DATE "}", NETRA_EINVAL,
         "author: missing"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":\"a\",\"text\":\"t\"," BASE_DATE "}",
         NETRA_EINVAL, "author: must be an object"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"name\":\"A\"},\"text\":\"t\"," BASE_DATE "}",
         NETRA_EINVAL, "author.handle: missing"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"@\"},\"text\":\"t\"," BASE_DATE
         "}",
         NETRA_EINVAL, "author.handle: empty"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"bio\":[]},\"text\":\"t\","
         "" BASE_DATE "}",
         NETRA_EINVAL, "author.bio: must be a string, not a list"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR "," BASE_DATE "}", NETRA_EINVAL,
         "text: missing or empty"},
        {"{\"id\":\"1\",\"act\":\"like\"," BASE_AUTHOR "," BASE_DATE "}", NETRA_EINVAL,
         "target: missing (a like"},
        {"{\"id\":\"1\",\"act\":\"follow\"," BASE_AUTHOR ",\"target\":{}," BASE_DATE "}",
         NETRA_EINVAL, "target: needs an author or a text"},
        {"{\"id\":\"1\",\"act\":\"share\"," BASE_AUTHOR ",\"target\":\"x\"," BASE_DATE "}",
         NETRA_EINVAL, "target: must be an object"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"}", NETRA_EINVAL,
         "created_at: missing"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"platform\":\"myspace\"}",
         NETRA_EINVAL, "platform: must be one of"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"region\":\"35..78\"}",
         NETRA_EINVAL, "region"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"region\":\"jatim\"}",
         NETRA_EINVAL, "region"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"x\":[[[[[[[[1]]]]]]]]}",
         NETRA_ETOOBIG, "nested deeper"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        netra_item it;
        int rc = parse(&it, cases[i].line, 0);
        if (rc != cases[i].code)
            fail_msg("case %zu (%s): rc %d, expected %d (%s)", i, cases[i].line, rc, cases[i].code,
                     netra_error_last()->msg);
        nt_test_assert_msg(cases[i].needle);
    }
}

static void test_limits(void **state)
{
    (void)state;
    /* A text at the limit passes; one byte more is refused, naming the field. */
    size_t n = NETRA_ITEM_MAX_TEXT;
    char *line = malloc(n + 256);
    assert_non_null(line);
    for (int over = 0; over < 2; over++) {
        int k = snprintf(
            line, 256, "{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR "," BASE_DATE ",\"text\":\"");
        memset(line + k, 'a', n + (size_t)over);
        memcpy(line + k + n + over, "\"}", 3);
        netra_item it;
        int rc = parse(&it, line, 0);
        if (over) {
            assert_int_equal(rc, NETRA_ETOOBIG);
            nt_test_assert_msg("byte");
        } else
            assert_int_equal(rc, NETRA_OK);
    }
    /* Short fields have their own limit. */
    memset(line, 0, 512);
    int k = snprintf(line, 256, "{\"id\":\"");
    memset(line + k, 'i', 201);
    snprintf(line + k + 201, 200,
             "\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}");
    netra_item it;
    assert_int_equal(parse(&it, line, 0), NETRA_ETOOBIG);
    nt_test_assert_msg("id: longer than 200 bytes");
    free(line);
    /* A line over the limit is refused before parsing. */
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, "{}", NETRA_ITEM_MAX_LINE + 1, 0, arena), NETRA_ETOOBIG);
    nt_test_assert_msg("line longer");
}

static void test_escapes(void **state)
{
    (void)state;
    netra_item it;
    assert_int_equal(
        parse(&it,
              "{\"id\":\"e\",\"act\":\"post\"," BASE_AUTHOR "," BASE_DATE
              ",\"text\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\\ud800x\\u0000\\udc00\"}\r",
              0),
        NETRA_OK);
    /* é, 😀, lone high surrogate, NUL and lone low surrogate become U+FFFD. */
    assert_string_equal(it.text.s, "a\"b\\c/d\n\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBDx\xEF\xBF\xBD"
                                   "\xEF\xBF\xBD");
    assert_int_equal(it.text.len, strlen(it.text.s));
    /* Raw bytes >= 0x80 pass through, even invalid ones (the normaliser repairs them). */
    assert_int_equal(parse(&it,
                           "{\"id\":\"e\",\"act\":\"post\"," BASE_AUTHOR "," BASE_DATE
                           ",\"text\":\"caf\xC3\xA9 \xFF\"}",
                           0),
                     NETRA_OK);
    assert_string_equal(it.text.s, "caf\xC3\xA9 \xFF");
}

static void test_label(void **state)
{
    (void)state;
    netra_item it;
    const char *ok = "{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
                     ",\"label\":{\"election\":\"pilpres-2024\",\"stances\":{\"01\":\"oppose\","
                     "\"02\":\"support\"},\"asn\":true,\"register\":\"campaign\"}}";
    assert_int_equal(parse(&it, ok, NETRA_ITEM_LABEL), NETRA_OK);
    assert_int_equal(it.label.present, 1);
    assert_string_equal(it.label.election.s, "pilpres-2024");
    assert_int_equal(it.label.n_stances, 2);
    assert_string_equal(it.label.stances[1].contestant.s, "02");
    assert_int_equal(it.label.stances[1].stance, NETRA_STANCE_SUPPORT);
    assert_int_equal(it.label.stances[0].stance, NETRA_STANCE_OPPOSE);
    assert_int_equal(it.label.asn, 1);
    assert_string_equal(it.label.reg.s, "campaign");
    /* Without the flag the label is ignored. */
    assert_int_equal(parse(&it, ok, 0), NETRA_OK);
    assert_int_equal(it.label.present, 0);

    static const bad cases[] = {
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE "}",
         NETRA_EINVAL, "label: missing"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"label\":{\"stances\":{}}}",
         NETRA_EINVAL, "label.election: missing"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"label\":{\"election\":\"e\"}}",
         NETRA_EINVAL, "label.stances: missing"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"label\":{\"election\":\"e\",\"stances\":{\"01\":\"love\"}}}",
         NETRA_EINVAL, "label.stances.01: must be"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"label\":{\"election\":\"e\",\"stances\":{\"01\":\"support\",\"01\":\"oppose\"}}}",
         NETRA_EINVAL, "label.stances.01: given twice"},
        {"{\"id\":\"1\",\"act\":\"post\"," BASE_AUTHOR ",\"text\":\"t\"," BASE_DATE
         ",\"label\":{\"election\":\"e\",\"stances\":{},\"asn\":\"yes\"}}",
         NETRA_EINVAL, "label.asn: must be true or false"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int rc = parse(&it, cases[i].line, NETRA_ITEM_LABEL);
        if (rc != cases[i].code)
            fail_msg("label case %zu: rc %d (%s)", i, rc, netra_error_last()->msg);
        nt_test_assert_msg(cases[i].needle);
    }
}

static void test_quote(void **state)
{
    (void)state;
    char buf[64];
    size_t n = netra_json_quote(buf, sizeof buf, "a\"b\\\n\t\x01\x7f", 8);
    assert_string_equal(buf, "\"a\\\"b\\\\\\n\\t\\u0001\\u007f\"");
    assert_int_equal(n, strlen(buf));
    /* Invalid UTF-8 (a stray continuation, an overlong, a surrogate, a truncated
     * sequence) becomes U+FFFD; valid multibyte text is kept. */
    n = netra_json_quote(buf, sizeof buf, "\x80\xC0\xAF\xED\xA0\x80\xE2\x82", 9);
    assert_int_equal(n, strlen(buf));
    assert_null(strchr(buf, '\x80'));
    n = netra_json_quote(buf, sizeof buf, "\xC3\xA9\xF0\x9F\x98\x80", 6);
    assert_string_equal(buf, "\"\xC3\xA9\xF0\x9F\x98\x80\"");
    /* Truncation behaves like snprintf. */
    n = netra_json_quote(buf, 4, "abcdef", 6);
    assert_int_equal(n, 8);
    assert_string_equal(buf, "\"ab");
    assert_int_equal(netra_json_quote(NULL, 0, "x", 1), 3);
}

static int parse_under_torture(void *payload)
{
    (void)payload;
    netra_arena *a;
    int rc = netra_arena_new(&a, 256, 0);
    if (rc)
        return rc;
    netra_item it;
    const char *line = "{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\",\"bio\":"
                       "\"ASN \\u00e9\"},\"target\":{\"author\":\"b\",\"text\":\"ayo\"},"
                       "\"created_at\":\"2024-01-01\",\"label\":{\"election\":\"e\","
                       "\"stances\":{\"01\":\"support\"}}}";
    rc = netra_item_parse(&it, line, strlen(line), NETRA_ITEM_LABEL, a);
    netra_arena_free(a);
    return rc;
}

static void test_torture(void **state)
{
    (void)state;
    assert_true(nt_test_torture(parse_under_torture, NULL) > 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post),       cmocka_unit_test(test_every_act),
        cmocka_unit_test(test_created_at), cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_limits),     cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_label),      cmocka_unit_test(test_quote),
        cmocka_unit_test(test_torture),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
