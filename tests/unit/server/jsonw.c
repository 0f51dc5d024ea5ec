/* Unit tests for netrad's direct JSON writer (src/server/jsonw.c): the case page's and the
 * case list's pieces written by it are byte for byte what the jansson trees they replaced
 * gave with json_dumps(JSON_COMPACT) (the old code is kept here as the reference), for
 * random cases whose strings mix quotes, backslashes, every control byte, '/', DEL and
 * multi-byte UTF-8; invalid UTF-8 (which jansson refused: a 500) becomes U+FFFD; integers at
 * their limits; the bound on the answer's size. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "jsonw.h"

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* A random valid UTF-8 string of at most cap - 1 bytes. */
static void rstr(char *out, size_t cap)
{
    static const char *const pieces[] = {"a",
                                         "Z",
                                         "0",
                                         " ",
                                         "\"",
                                         "\\",
                                         "/",
                                         "\x7f",
                                         "\x01",
                                         "\x1f",
                                         "\b",
                                         "\f",
                                         "\n",
                                         "\r",
                                         "\t",
                                         "\xc3\xa9",
                                         "\xe2\x82\xac",
                                         "\xf0\x9f\x98\x80",
                                         "Camat ",
                                         "<b>",
                                         "'",
                                         "\xe2\x80\xa8",
                                         "{}[],:"};
    size_t n = 0, want = rnd((unsigned)cap);
    while (n < want) {
        const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(p);
        if (n + k >= cap)
            break;
        memcpy(out + n, p, k);
        n += k;
    }
    /* control bytes of every value */
    if (n + 1 < cap && rnd(4) == 0)
        out[n++] = (char)(1 + rnd(31));
    out[n] = '\0';
}

static long long rint64(void)
{
    switch (rnd(5)) {
    case 0:
        return LLONG_MAX;
    case 1:
        return LLONG_MIN;
    case 2:
        return 0;
    case 3:
        return -(long long)rnd(100000);
    default:
        return (long long)rnd(2000000000) * 7;
    }
}

/* ---- the old jansson trees (api_case.c before the writer) ---------------------------------- */

static json_t *jdate(netra_date d)
{
    char b[NETRA_DATE_STRLEN];
    return json_string(netra_date_format(d, b));
}

static json_t *old_case(const netra_case *c)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b}", "id", (json_int_t)c->id,
                     "version", (json_int_t)c->version, "kind", c->kind, "regime", c->regime,
                     "election", c->election, "state", c->state, "region", c->region, "holder",
                     c->holder, "title", c->title, "opened", jdate(c->opened), "updated",
                     jdate(c->updated), "demo", c->demo);
}

static json_t *old_asn(const netra_case_asn_row *a)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "nip", a->nip, "name", a->name, "agency",
                     a->agency, "position", a->position, "ppk", a->ppk, "n_cases", a->n_cases);
}

static json_t *old_act(const netra_case_act_row *a)
{
    return json_pack("{s:I,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)a->id, "type",
                     a->type, "date", jdate(a->date), "region", a->region, "platform", a->platform,
                     "url", a->url, "election", a->election, "stage", a->stage, "form", a->form);
}

static json_t *old_conflict(const netra_case_conflict *cf)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "nip", cf->nip, "ppk",
                     cf->ppk_office, "ppk_region", cf->ppk_region, "ppk_name", cf->ppk_name,
                     "election", cf->election, "contestant", cf->contestant, "contestant_name",
                     cf->contestant_name, "reason", cf->reason, "route_to", cf->route_to,
                     "route_region", cf->route_region);
}

/* The whole case page as the old code built it, and as the writer does. */
static char *old_page(const netra_case *c, const netra_case_asn_row *as, size_t na,
                      const netra_case_act_row *ac, size_t nc, const netra_case_conflict *cf)
{
    json_t *o = old_case(c);
    json_t *acc = json_array(), *acts = json_array();
    for (size_t i = 0; i < na; i++)
        json_array_append_new(acc, old_asn(&as[i]));
    for (size_t i = 0; i < nc; i++)
        json_array_append_new(acts, old_act(&ac[i]));
    json_object_set_new(o, "accused", acc);
    json_object_set_new(o, "acts", acts);
    json_object_set_new(o, "conflict_of_interest", cf ? old_conflict(cf) : json_null());
    json_t *al = json_array();
    json_array_append_new(al, json_string("kajian_awal"));
    json_array_append_new(al, json_string("gabungkan"));
    json_object_set_new(o, "allowed_actions", al);
    char *t = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return t;
}

static void new_page(srv_jw *w, const netra_case *c, const netra_case_asn_row *as, size_t na,
                     const netra_case_act_row *ac, size_t nc, const netra_case_conflict *cf)
{
    srv_jw_init(w, 64, SRV_JSON_MAX);
    srv_jw_raw(w, "{", 1);
    srv_jw_case_members(w, c);
    srv_jw_key(w, "accused");
    srv_jw_raw(w, "[", 1);
    for (size_t i = 0; i < na; i++)
        srv_jw_case_asn(w, &as[i]);
    srv_jw_raw(w, "]", 1);
    srv_jw_key(w, "acts");
    srv_jw_raw(w, "[", 1);
    for (size_t i = 0; i < nc; i++)
        srv_jw_case_act(w, &ac[i]);
    srv_jw_raw(w, "]", 1);
    srv_jw_key(w, "conflict_of_interest");
    if (cf)
        srv_jw_case_conflict(w, cf);
    else
        srv_jw_raw(w, "null", 4);
    srv_jw_key(w, "allowed_actions");
    srv_jw_raw(w, "[", 1);
    const char *al = "kajian_awal, gabungkan";
    srv_jw_sep(w);
    srv_jw_strn(w, al, 11);
    srv_jw_sep(w);
    srv_jw_strn(w, al + 13, 9);
    srv_jw_raw(w, "]}", 2);
}

static void fill(netra_case *c, netra_case_asn_row *as, netra_case_act_row *ac,
                 netra_case_conflict *cf)
{
    memset(c, 0, sizeof *c);
    c->id = rint64();
    c->version = rint64();
    rstr(c->kind, sizeof c->kind);
    rstr(c->regime, sizeof c->regime);
    rstr(c->election, sizeof c->election);
    rstr(c->state, sizeof c->state);
    rstr(c->region, sizeof c->region);
    rstr(c->holder, sizeof c->holder);
    rstr(c->title, sizeof c->title);
    c->opened = (netra_date)rnd(40000);
    c->updated = (netra_date)rnd(40000);
    c->demo = (int)rnd(2);
    for (int i = 0; i < 3; i++) {
        rstr(as[i].nip, sizeof as[i].nip);
        rstr(as[i].name, sizeof as[i].name);
        rstr(as[i].agency, sizeof as[i].agency);
        rstr(as[i].position, sizeof as[i].position);
        rstr(as[i].ppk, sizeof as[i].ppk);
        as[i].n_cases = rnd(2) ? (int)rnd(1000) : INT_MIN;
        ac[i].id = rint64();
        rstr(ac[i].type, sizeof ac[i].type);
        ac[i].date = (netra_date)rnd(40000);
        rstr(ac[i].region, sizeof ac[i].region);
        rstr(ac[i].platform, sizeof ac[i].platform);
        rstr(ac[i].url, sizeof ac[i].url);
        rstr(ac[i].election, sizeof ac[i].election);
        rstr(ac[i].stage, sizeof ac[i].stage);
        rstr(ac[i].form, sizeof ac[i].form);
    }
    rstr(cf->nip, sizeof cf->nip);
    rstr(cf->ppk_office, sizeof cf->ppk_office);
    rstr(cf->ppk_region, sizeof cf->ppk_region);
    rstr(cf->ppk_name, sizeof cf->ppk_name);
    rstr(cf->election, sizeof cf->election);
    rstr(cf->contestant, sizeof cf->contestant);
    rstr(cf->contestant_name, sizeof cf->contestant_name);
    rstr(cf->reason, sizeof cf->reason);
    rstr(cf->route_to, sizeof cf->route_to);
    rstr(cf->route_region, sizeof cf->route_region);
}

static void test_same_bytes_as_jansson(void **state)
{
    (void)state;
    netra_case c;
    netra_case_asn_row as[3];
    netra_case_act_row ac[3];
    netra_case_conflict cf;
    for (int round = 0; round < 3000; round++) {
        fill(&c, as, ac, &cf);
        size_t na = rnd(4), nc = rnd(4);
        int with_cf = (int)rnd(2);
        char *old = old_page(&c, as, na, ac, nc, with_cf ? &cf : NULL);
        assert_non_null(old);
        srv_jw w;
        new_page(&w, &c, as, na, ac, nc, with_cf ? &cf : NULL);
        assert_false(w.failed);
        if (strlen(old) != w.n || memcmp(old, w.p, w.n) != 0)
            fail_msg("round %d:\nold %s\nnew %.*s", round, old, (int)w.n, w.p);
        free(old);
        srv_jw_free(&w);

        /* a list page: {"cases":[...],"total":N,"next_cursor":...} */
        json_t *a = json_array();
        json_array_append_new(a, old_case(&c));
        json_array_append_new(a, old_case(&c));
        json_t *o = json_pack("{s:o,s:I}", "cases", a, "total", (json_int_t)c.version);
        json_object_set_new(o, "next_cursor", with_cf ? json_string("19999.42") : json_null());
        old = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        srv_jw_init(&w, 16, SRV_JSON_MAX);
        srv_jw_raw(&w, "{\"cases\":[", 10);
        for (int i = 0; i < 2; i++) {
            srv_jw_sep(&w);
            srv_jw_raw(&w, "{", 1);
            srv_jw_case_members(&w, &c);
            srv_jw_raw(&w, "}", 1);
        }
        srv_jw_raw(&w, "]", 1);
        srv_jw_kint(&w, "total", c.version);
        srv_jw_key(&w, "next_cursor");
        if (with_cf)
            srv_jw_str(&w, "19999.42");
        else
            srv_jw_raw(&w, "null", 4);
        srv_jw_raw(&w, "}", 1);
        assert_false(w.failed);
        if (strlen(old) != w.n || memcmp(old, w.p, w.n) != 0)
            fail_msg("list round %d:\nold %s\nnew %.*s", round, old, (int)w.n, w.p);
        free(old);
        srv_jw_free(&w);
    }
}

static void expect_str(const char *in, const char *want)
{
    srv_jw w;
    srv_jw_init(&w, 1, 1024);
    srv_jw_str(&w, in);
    assert_false(w.failed);
    if (strlen(want) != w.n || memcmp(want, w.p, w.n) != 0)
        fail_msg("%s: got %.*s", want, (int)w.n, w.p);
    srv_jw_free(&w);
}

static void test_invalid_utf8_and_bound(void **state)
{
    (void)state;
    /* jansson refused these (json_pack failed, the answer was a 500): now U+FFFD */
    expect_str("a\xff"
               "b",
               "\"a\xef\xbf\xbd"
               "b\"");
    expect_str("\xc3", "\"\xef\xbf\xbd\"");
    expect_str("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* a surrogate */
    expect_str("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");                 /* overlong '/' */
    expect_str("\x1b[0m\"\\/", "\"\\u001B[0m\\\"\\\\/\"");
    /* the bound: an answer over `max` fails instead of growing */
    srv_jw w;
    srv_jw_init(&w, 8, 64);
    for (int i = 0; i < 10; i++)
        srv_jw_kstr(&w, "k", "0123456789");
    assert_true(w.failed);
    assert_true(w.n <= 64);
    srv_jw_free(&w);
    srv_jw_init(&w, 8, 64);
    srv_jw_kint(&w, "k", LLONG_MIN);
    assert_false(w.failed);
    assert_int_equal(w.n, strlen(",\"k\":-9223372036854775808") - 1);
    assert_memory_equal(w.p, "\"k\":-9223372036854775808", w.n);
    srv_jw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_as_jansson),
        cmocka_unit_test(test_invalid_utf8_and_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
