/* Unit tests for src/lib/election/dct.c: the DCT importer on the invented fixture
 * tests/data/dct/mini.tsv (every malformed row reported with its line), level selection,
 * options, broken inputs and party tables, allocation failures, and the real 2024 DCT of
 * ../shared/data when it is there. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/election.h"
#include "failalloc.h"

typedef struct rejects {
    unsigned lines[64];    /* lines reported */
    char reasons[64][256]; /* their reasons */
    size_t n;              /* how many */
} rejects;

static void on_reject(const char *path, unsigned line, const char *reason, void *payload)
{
    rejects *r = payload;
    assert_non_null(strstr(path, "mini.tsv"));
    if (r->n < 64) {
        r->lines[r->n] = line;
        snprintf(r->reasons[r->n], sizeof r->reasons[0], "%s", reason);
    }
    r->n++;
}

static void test_path(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/dct/%s", getenv("NETRA_TEST_DATA"), name);
}

static netra_dct_options options(void)
{
    netra_dct_options o = NETRA_DCT_OPTIONS_INIT;
    o.id = "pileg-test";
    o.name_id = "Uji";
    o.name_en = "Test";
    o.law_election = "pemilu-2024";
    o.office = "dpr";
    assert_int_equal(netra_date_from_ymd(&o.voting_date, 2024, 2, 14), NETRA_OK);
    return o;
}

static const netra_contestant *find(const netra_election_info *e, const char *id)
{
    for (size_t i = 0; i < e->n_contestants; i++)
        if (strcmp(e->contestants[i].id, id) == 0)
            return &e->contestants[i];
    fail_msg("no contestant '%s'", id);
    return NULL;
}

static void test_fixture(void **state)
{
    (void)state;
    static const struct {
        unsigned line;
        const char *reason;
    } want[] = {
        {2, "1 fields, the header has 6"},
        {18, "ballot number 2 of pkb in dpr dapil 3101 is already used on line 4"},
        {19, "level 'dprd' is not dpr, dpd, dprdprov or dprdkk"},
        {20, "dapil '31011' is not a dpr dapil code (4 digits)"},
        {21, "party_number '30' is not a party of the party table"},
        {22, "party 'Partai Kebangkitan Bangsa' is not party 2 of the party table (Partai "
             "Gerakan Indonesia Raya)"},
        {23, "number '0' is not a ballot number 1..99"},
        {24, "number 'x' is not a ballot number 1..99"},
        {25, "name is empty"},
        {26, "name 'H.': no name left once titles and degrees are removed"},
        {27, "a DPD candidate stands without a party"},
        {28, "5 fields, the header has 6"},
        {29, "name is not valid UTF-8 text"},
    };
    char path[4096];
    test_path(path, sizeof path, "mini.tsv");
    rejects r;
    memset(&r, 0, sizeof r);
    netra_dct_options o = options();
    o.reject = on_reject;
    o.payload = &r;
    char *json;
    size_t len;
    netra_dct_stats st;
    assert_int_equal(netra_election_import_dct(&json, &len, &st, path, &o), NETRA_OK);
    assert_int_equal(st.rows, 31); /* the blank line is no row */
    assert_int_equal(st.candidates, 18);
    assert_int_equal(st.parties, 9);
    assert_int_equal(st.rejected, 13);
    assert_int_equal(st.skipped, 0);
    assert_int_equal(r.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < r.n; i++) {
        assert_int_equal(r.lines[i], want[i].line);
        if (strstr(r.reasons[i], want[i].reason) == NULL)
            fail_msg("line %u: '%s' lacks '%s'", r.lines[i], r.reasons[i], want[i].reason);
    }
    assert_int_equal(strlen(json), len);

    /* What is written loads back and agrees with the law data. */
    netra_election_file *f;
    if (netra_election_parse(&f, json, len, "import") != NETRA_OK)
        fail_msg("%s", netra_error_last()->msg);
    const netra_election_info *e = netra_election_get(f);
    assert_string_equal(e->id, "pileg-test");
    assert_int_equal(e->kind, NETRA_ELECTION_PILEG);
    assert_null(e->region);
    assert_int_equal(e->n_contestants, 27);
    netra_law *law;
    assert_int_equal(netra_law_load(&law, NULL, NULL), NETRA_OK);
    assert_int_equal(netra_election_check_law(f, law), NETRA_OK);
    netra_law_free(law);
    /* parties first, by number, with ids from data/elections/parties-2024.tsv */
    static const char *const parties[] = {"pkb", "gerindra", "pdip", "golkar", "nasdem",
                                          "pks", "pan",      "pna",  "ummat"};
    static const int numbers[] = {1, 2, 3, 4, 5, 8, 12, 18, 24};
    for (size_t i = 0; i < 9; i++) {
        assert_string_equal(e->contestants[i].id, parties[i]);
        assert_int_equal(e->contestants[i].kind, NETRA_CONTESTANT_PARTY);
        assert_int_equal(e->contestants[i].ballot_number, numbers[i]);
    }
    assert_string_equal(e->contestants[0].names.items[0], "Partai Kebangkitan Bangsa");
    assert_string_equal(e->contestants[0].aliases.items[0], "partai kebangkitan bangsa");
    assert_string_equal(e->contestants[0].aliases.items[1], "pkb");
    assert_string_equal(e->contestants[0].parties.items[0], "pkb");
    /* candidates in input order */
    const netra_contestant *k = &e->contestants[9];
    assert_string_equal(k->id, "dpr-3101-pkb-1");
    assert_int_equal(k->kind, NETRA_CONTESTANT_CANDIDATE);
    assert_string_equal(k->names.items[0], "Dr. H. BUDI SANTOSA, S.H., M.M.");
    assert_int_equal(k->aliases.n, 1);
    assert_string_equal(k->aliases.items[0], "budi santosa");
    assert_string_equal(k->party, "pkb");
    assert_string_equal(k->dapil, "3101");
    assert_int_equal(k->level, NETRA_LEG_DPR);
    assert_int_equal(k->ballot_number, 1);
    k = find(e, "dpr-3101-pdip-1"); /* party name matched without regard to case */
    assert_string_equal(k->aliases.items[0], "tgk. rahmat hidayat");
    assert_string_equal(k->aliases.items[1], "rahmat hidayat");
    k = find(e, "dpd-31-2");
    assert_null(k->party);
    assert_int_equal(k->level, NETRA_LEG_DPD);
    assert_string_equal(k->aliases.items[0], "laksamana");
    k = find(e, "dprdprov-310001-nasdem-2");
    assert_int_equal(k->level, NETRA_LEG_DPRD_PROV);
    assert_string_equal(k->aliases.items[0], "abdul rozak");
    k = find(e, "dprdkk-317101-pks-3");
    assert_int_equal(k->level, NETRA_LEG_DPRD_KABKOTA);
    assert_string_equal(k->names.items[0], "RUDI  SETIAWAN"); /* outer spaces trimmed */
    assert_string_equal(k->aliases.items[0], "rudi setiawan");
    k = find(e, "dpd-31-3");
    assert_string_equal(k->aliases.items[1], "pak rt");
    k = find(e, "dprdkk-110101-pna-1");
    assert_string_equal(k->party, "pna");
    netra_election_free(f);
    netra_election_text_free(json);
}

static void test_levels(void **state)
{
    (void)state;
    char path[4096];
    test_path(path, sizeof path, "mini.tsv");
    netra_dct_options o = options();
    o.levels = 1u << NETRA_LEG_DPD;
    o.office = "dpd";
    char *json;
    netra_dct_stats st;
    assert_int_equal(netra_election_import_dct(&json, NULL, &st, path, &o), NETRA_OK);
    /* four good DPD rows; rows of other levels are skipped before they are checked, the rows
     * whose level cannot be read are still rejected */
    assert_int_equal(st.candidates, 4);
    assert_int_equal(st.parties, 0);
    assert_int_equal(st.rejected, 5);
    assert_int_equal(st.skipped, 22);
    netra_election_file *f;
    assert_int_equal(netra_election_parse(&f, json, strlen(json), "dpd"), NETRA_OK);
    assert_int_equal(netra_election_get(f)->n_contestants, 4);
    netra_election_free(f);
    netra_election_text_free(json);
    o.levels = (1u << NETRA_LEG_DPRD_PROV) | (1u << NETRA_LEG_DPRD_KABKOTA);
    assert_int_equal(netra_election_import_dct(&json, NULL, &st, path, &o), NETRA_OK);
    assert_int_equal(st.candidates, 7);
    assert_int_equal(st.parties, 4); /* nasdem, pks, pna, ummat */
    netra_election_text_free(json);
}

static void test_options(void **state)
{
    (void)state;
    char path[4096];
    test_path(path, sizeof path, "mini.tsv");
    char *json = NULL;
    netra_dct_options o = options();
    o.id = NULL;
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, path, &o), NETRA_EINVAL);
    nt_test_assert_msg("id is required");
    o = options();
    o.id = "Pileg 2024";
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, path, &o), NETRA_EINVAL);
    nt_test_assert_msg("id 'Pileg 2024': lowercase");
    o = options();
    o.office = "";
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, path, &o), NETRA_EINVAL);
    nt_test_assert_msg("office is required");
    o = options();
    o.version = 99;
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, path, &o), NETRA_EINVAL);
    nt_test_assert_msg("options version 99");
    o = options();
    o.source = "";
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, path, &o), NETRA_EINVAL);
    assert_null(json);
    /* a source given is the file's first source */
    o = options();
    o.source = "KPU, DCT uji";
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, path, &o), NETRA_OK);
    netra_election_file *f;
    assert_int_equal(netra_election_parse(&f, json, strlen(json), "src"), NETRA_OK);
    assert_string_equal(netra_election_get(f)->sources.items[0], "KPU, DCT uji");
    netra_election_free(f);
    netra_election_text_free(json);
}

/* Writes `text` to a temporary file and returns its path (static buffer). */
static const char *temp_file(const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/netra-dct-test-%ld-%s",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void test_bad_inputs(void **state)
{
    (void)state;
    char *json = NULL;
    netra_dct_options o = options();
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, "/nonexistent/dct.tsv", &o),
                     NETRA_EIO);
    const char *p = temp_file("nohead.tsv", "level\tdapil\tparty_number\tparty\tnumber\n"
                                            "dpd\t31\t\t\t1\n");
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, p, &o), NETRA_EDATA);
    nt_test_assert_msg("nohead.tsv:1: no column 'name'");
    remove(p);
    p = temp_file("empty.tsv", "");
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, p, &o), NETRA_EDATA);
    nt_test_assert_msg("empty file");
    remove(p);
    p = temp_file("allbad.tsv", "name\tnumber\tparty\tparty_number\tdapil\tlevel\n"
                                "X\t1\t\t\t31\tdprd\n");
    netra_dct_stats st;
    assert_int_equal(netra_election_import_dct(&json, NULL, &st, p, &o), NETRA_EDATA);
    nt_test_assert_msg("no candidate to write (1 rows, 1 rejected, 0 of other levels)");
    assert_int_equal(st.rejected, 1);
    remove(p);
    /* columns found by name, in any order, extra columns allowed, CRLF tolerated */
    p = temp_file("order.tsv", "name\tnumber\textra\tparty\tparty_number\tdapil\tlevel\r\n"
                               "H. BUDI\t1\tx\t\t\t31\tdpd\r\n");
    assert_int_equal(netra_election_import_dct(&json, NULL, &st, p, &o), NETRA_OK);
    assert_non_null(strstr(json, "\"aliases\": [\"budi\"]"));
    assert_int_equal(st.candidates, 1);
    netra_election_text_free(json);
    remove(p);
    /* a broken party table stops the import with its file:line */
    const char *table = "number\tid\tname\taliases\tscope\n"
                        "1\tpa\tPartai A\t\tnational\n"
                        "1\tpb\tPartai B\t\tnational\n";
    p = temp_file("parties.tsv", table);
    o.parties_path = p;
    char dct[4096];
    test_path(dct, sizeof dct, "mini.tsv");
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, dct, &o), NETRA_EDATA);
    nt_test_assert_msg("parties.tsv:3: field 'number': 1 is used twice");
    remove(p);
    p = temp_file("parties.tsv", "number\tid\tname\taliases\tscope\n1\tPA\tPartai A\t\tnational\n");
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, dct, &o), NETRA_EDATA);
    nt_test_assert_msg("field 'id': 'PA': lowercase");
    remove(p);
    p = temp_file("parties.tsv",
                  "number\tid\tname\taliases\tscope\n1\tpa\tPartai A\tPA\tnational\n");
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, dct, &o), NETRA_EDATA);
    nt_test_assert_msg("field 'aliases': 'PA' must be lowercase");
    remove(p);
    p = temp_file("parties.tsv", "number\tid\tname\taliases\tscope\n1\tpa\tPartai A\t\tjawa\n");
    assert_int_equal(netra_election_import_dct(&json, NULL, NULL, dct, &o), NETRA_EDATA);
    nt_test_assert_msg("field 'scope': 'jawa' is not national or aceh");
    remove(p);
    assert_null(json);
}

/* The shipped party table: 18 national parties and 6 local parties of Aceh, numbered 1..24. */
static void test_party_table(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/elections/parties-2024.tsv", netra_data_dir());
    nt_tsv t;
    static const char *const cols[] = {"number", "id", "name", "aliases", "scope", "source", NULL};
    assert_int_equal(nt_tsv_open(&t, path, NULL, 0, cols), NETRA_OK);
    int national = 0, aceh = 0, seen[25] = {0}, r;
    while ((r = nt_tsv_next(&t)) > 0) {
        long n;
        assert_int_equal(nt_tsv_get_long(&n, &t, "number", 1, 24), NETRA_OK);
        assert_int_equal(seen[n]++, 0);
        const char *scope = nt_tsv_get(&t, "scope", NULL);
        if (strcmp(scope, "national") == 0)
            national++;
        else if (strcmp(scope, "aceh") == 0)
            aceh++;
        assert_true(n < 18 || n > 23 ? strcmp(scope, "national") == 0 : strcmp(scope, "aceh") == 0);
    }
    assert_int_equal(r, 0);
    nt_tsv_close(&t);
    assert_int_equal(national, 18);
    assert_int_equal(aceh, 6);
}

static int import_fixture(void *payload)
{
    netra_dct_options o = options();
    char *json;
    int err = netra_election_import_dct(&json, NULL, NULL, payload, &o);
    if (err == NETRA_OK)
        netra_election_text_free(json);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    char path[4096];
    test_path(path, sizeof path, "mini.tsv");
    assert_true(nt_test_torture(import_fixture, path) >= 5);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The real 2024 DCT: every row is used, and every candidate loads back. */
static void test_real_dct(void **state)
{
    (void)state;
    const char *dir = getenv("NETRA_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/dct2024-candidates.tsv", dir ? dir : "../shared/data");
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        printf("SKIPPED: %s not present (the 2024 DCT lives in ../shared/data)\n", path);
        skip();
    }
    fclose(probe);
    netra_dct_options o = options();
    char *json;
    size_t len;
    netra_dct_stats st;
    double t0 = now();
    assert_int_equal(netra_election_import_dct(&json, &len, &st, path, &o), NETRA_OK);
    double t1 = now();
    assert_int_equal(st.rows, 258229);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.candidates, 258229);
    assert_int_equal(st.parties, 24); /* 18 national parties and the 6 of Aceh (DPRK rows) */
    netra_election_file *f;
    if (netra_election_parse(&f, json, len, "dct2024") != NETRA_OK)
        fail_msg("%s", netra_error_last()->msg);
    double t2 = now();
    const netra_election_info *e = netra_election_get(f);
    assert_int_equal(e->n_contestants, 258229 + 24);
    size_t per[NETRA_LEG_COUNT] = {0}, parties = 0, national = 0, one_word = 0;
    for (size_t i = 0; i < e->n_contestants; i++) {
        const netra_contestant *k = &e->contestants[i];
        if (k->kind == NETRA_CONTESTANT_PARTY) {
            parties++;
            national += k->ballot_number <= 17 || k->ballot_number == 24;
            continue;
        }
        assert_int_equal(k->kind, NETRA_CONTESTANT_CANDIDATE);
        assert_true(k->level > NETRA_LEG_NONE && k->level < NETRA_LEG_COUNT);
        per[k->level]++;
        assert_true(k->aliases.n >= 1);
        assert_true((k->party == NULL) == (k->level == NETRA_LEG_DPD));
        one_word += strchr(k->aliases.items[0], ' ') == NULL;
    }
    assert_int_equal(parties, 24);
    assert_int_equal(national, 18);
    assert_int_equal(per[NETRA_LEG_DPR], 9917);
    assert_int_equal(per[NETRA_LEG_DPD], 668);
    assert_int_equal(per[NETRA_LEG_DPRD_PROV], 32861);
    assert_int_equal(per[NETRA_LEG_DPRD_KABKOTA], 214783);
    printf("DCT 2024: %zu candidates, %zu parties, %zu bytes of JSON; import %.2f s, load "
           "%.2f s (this build); %zu with a one-word first alias\n",
           st.candidates, parties, len, t1 - t0, t2 - t1, one_word);
    netra_election_free(f);
    netra_election_text_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),     cmocka_unit_test(test_levels),
        cmocka_unit_test(test_options),     cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_party_table), cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_real_dct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
