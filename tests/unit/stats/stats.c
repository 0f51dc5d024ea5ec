/* Unit tests for src/lib/stats: quantiles with odd and even counts, the shares by category and
 * form, the funnel by agency, position and province with its filters, the time in each
 * workflow state, the public variant's suppression, refused input, allocation failures, and
 * the same figures read from a store (SQLite, and PostgreSQL with NETRA_TEST_BACKEND=pg). All
 * expected numbers are worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libpq-fe.h>

#include "util/util_int.h"
#include "netra/stats.h"
#include "failalloc.h"
#include "pgtest.h"
#include "storetest.h"

static nt_test_store T; /* the workflow, calendar, law, key, backend and directory */

static netra_date D(const char *s)
{
    return nt_test_date(s);
}

static int setup(void **state)
{
    (void)state;
    return nt_test_store_setup(&T, "stats", 5, 3);
}

static int teardown(void **state)
{
    (void)state;
    nt_test_store_teardown(&T);
    return 0;
}

static netra_stats *new_set(void)
{
    netra_stats *s = NULL;
    assert_int_equal(netra_stats_new(&s, T.law, T.wf, NULL), NETRA_OK);
    return s;
}

/* A case with a form, an agency, a position, a region and the steps reached (bits). */
static void add(netra_stats *s, const char *form, const char *agency, const char *position,
                const char *region, const char *election, const char *opened, unsigned reached)
{
    netra_stats_case c;
    memset(&c, 0, sizeof c);
    c.form = form;
    c.agency = agency;
    c.position = position;
    c.region = region;
    c.election = election;
    c.opened = D(opened);
    c.reached = reached;
    int err = netra_stats_add(s, &c);
    if (err != NETRA_OK)
        fail_msg("add: %s", netra_error_last()->msg);
}

static const netra_stats_row *row(const netra_stats_table *t, const char *id)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (strcmp(t->rows[i].id, id) == 0)
            return &t->rows[i];
    fail_msg("no row '%s'", id);
    return NULL;
}

#define R(step) (1u << (step))

/* ---- quantiles ------------------------------------------------------------------------------ */

static void test_quantile(void **state)
{
    (void)state;
    /* empty: 0; one value: itself */
    assert_true(netra_stats_quantile(NULL, 0, 0.5) == 0.0);
    double one[] = {5};
    assert_true(netra_stats_quantile(one, 1, 0.5) == 5.0);
    assert_true(netra_stats_quantile(one, 1, 0.9) == 5.0);
    /* odd {1,3,7}: median the middle 3; p90 at h = 2 x 0.9 = 1.8: 3 + 0.8 x (7 - 3) = 6.2 */
    double odd[] = {1, 3, 7};
    assert_true(netra_stats_quantile(odd, 3, 0.5) == 3.0);
    assert_float_equal(netra_stats_quantile(odd, 3, 0.9), 6.2, 1e-9);
    /* even {2,4,6,10}: median (4 + 6) / 2 = 5; p90 at h = 2.7: 6 + 0.7 x 4 = 8.8 */
    double even[] = {2, 4, 6, 10};
    assert_true(netra_stats_quantile(even, 4, 0.5) == 5.0);
    assert_float_equal(netra_stats_quantile(even, 4, 0.9), 8.8, 1e-9);
    assert_true(netra_stats_quantile(even, 4, 0) == 2.0);
    assert_true(netra_stats_quantile(even, 4, 1) == 10.0);
}

/* ---- shares --------------------------------------------------------------------------------- */

/* Eight cases: D-6 x3 and KE-4 x1 (both media_sosial), D-3 x2 (pendekatan_parpol), two
 * without a form. By category: media_sosial 4/8 = 50%, pendekatan_parpol 25%, not yet
 * classified 25%, every other category 0. By form: D-6 3/8 = 37.5%, KE-4 12.5%. */
static void test_shares(void **state)
{
    (void)state;
    netra_stats *s = new_set();
    for (int i = 0; i < 3; i++)
        add(s, "D-6", "", "", "32.04", "pilkada-2024", "2024-10-01", 1);
    add(s, "KE-4", "", "", "32.73", "pilkada-2024", "2024-10-02", 1);
    add(s, "D-3", "", "", "35.78", "pilkada-2024", "2024-10-03", 1);
    add(s, "D-3", "", "", "35.78", "pemilu-2024", "2024-01-03", 1);
    add(s, NULL, "", "", "", "pilkada-2024", "2024-10-04", 1);
    add(s, "", "", "", "33.01", "pilkada-2024", "2024-10-05", 1);
    assert_int_equal(netra_stats_count(s), 8);

    netra_stats_table t;
    netra_stats_query q = NETRA_STATS_QUERY_INIT;
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(t.n_rows, netra_law_n_categories(T.law) + 1);
    assert_string_equal(t.rows[0].id, "media_sosial"); /* categories.tsv order */
    assert_int_equal(t.total.count[0], 8);
    assert_int_equal(row(&t, "media_sosial")->count[0], 4);
    assert_float_equal(row(&t, "media_sosial")->pct[0], 50.0, 1e-9);
    assert_int_equal(row(&t, "pendekatan_parpol")->count[0], 2);
    assert_float_equal(row(&t, "pendekatan_parpol")->pct[0], 25.0, 1e-9);
    assert_int_equal(row(&t, "belum_diklasifikasi")->count[0], 2);
    assert_int_equal(row(&t, "foto_dengan_simbol")->count[0], 0);
    assert_int_equal(row(&t, "media_sosial")->cell[0], NETRA_STATS_SHOWN);
    netra_stats_table_free(&t);

    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_FORM), NETRA_OK);
    assert_int_equal(t.n_rows, netra_law_n_forms(T.law) + 1);
    assert_int_equal(row(&t, "D-6")->count[0], 3);
    assert_float_equal(row(&t, "D-6")->pct[0], 37.5, 1e-9);
    assert_float_equal(row(&t, "KE-4")->pct[0], 12.5, 1e-9);
    netra_stats_table_free(&t);

    /* filters: election pilkada-2024 drops the pemilu case (7 left, pendekatan_parpol 1);
     * region 35 keeps the two Surabaya cases; a period keeps the days inside it */
    q.election = "pilkada-2024";
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(t.total.count[0], 7);
    assert_int_equal(row(&t, "pendekatan_parpol")->count[0], 1);
    netra_stats_table_free(&t);
    q.election = NULL;
    q.region = "35";
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(t.total.count[0], 2);
    netra_stats_table_free(&t);
    q.region = "3"; /* not a prefix of "32.04" at a code boundary */
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(t.total.count[0], 0);
    assert_true(t.rows[0].pct[0] == 0.0); /* no division by zero */
    netra_stats_table_free(&t);
    q.region = NULL;
    q.has_from = q.has_to = 1;
    q.from = D("2024-10-02");
    q.to = D("2024-10-04");
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(t.total.count[0], 3);
    netra_stats_table_free(&t);
    q.has_from = q.has_to = 0;
    q.election = "pemilu-2019"; /* an election without cases: nothing, not an error */
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(t.total.count[0], 0);
    netra_stats_table_free(&t);
    netra_stats_free(s);
}

/* ---- funnel --------------------------------------------------------------------------------- */

/* Pemkab Bandung (Jawa Barat): 3 cases, reported 3, registered 2, forwarded 1, proven 1,
 * sanctioned 0. Pemkot Surabaya (Jawa Timur): 1 case given only "sanctioned", which implies
 * every earlier step: 1,1,1,1,1. Total 4,3,2,2,1. */
static void test_funnel(void **state)
{
    (void)state;
    netra_stats *s = new_set();
    add(s, "D-6", "Pemkab Bandung", "camat_lurah", "32.04", "pilkada-2024", "2024-10-01", 1);
    add(s, "D-6", "Pemkab Bandung", "fungsional", "32.04.01", "pilkada-2024", "2024-10-01",
        R(NETRA_STATS_REGISTERED));
    add(s, "D-6", "Pemkab Bandung", "", "32.04", "pilkada-2024", "2024-10-01",
        R(NETRA_STATS_REGISTERED) | R(NETRA_STATS_FORWARDED) | R(NETRA_STATS_PROVEN));
    add(s, "D-7", "Pemkot Surabaya", "camat_lurah", "35.78", "pilkada-2024", "2024-10-01",
        R(NETRA_STATS_SANCTIONED));

    netra_stats_table t;
    netra_stats_query q = NETRA_STATS_QUERY_INIT;
    assert_int_equal(netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_AGENCY), NETRA_OK);
    assert_int_equal(t.n_rows, 2);
    assert_int_equal(t.n_cols, NETRA_STATS_N_STEPS);
    assert_string_equal(t.rows[0].id, "Pemkab Bandung"); /* most reported first */
    int64_t bdg[] = {3, 2, 1, 1, 0}, sby[] = {1, 1, 1, 1, 1}, tot[] = {4, 3, 2, 2, 1};
    for (int k = 0; k < NETRA_STATS_N_STEPS; k++) {
        assert_int_equal(t.rows[0].count[k], bdg[k]);
        assert_int_equal(t.rows[1].count[k], sby[k]);
        assert_int_equal(t.total.count[k], tot[k]);
    }
    assert_float_equal(t.rows[0].pct[NETRA_STATS_REGISTERED], 200.0 / 3.0, 1e-9);
    assert_float_equal(t.total.pct[NETRA_STATS_SANCTIONED], 25.0, 1e-9);
    assert_float_equal(t.rows[1].pct[NETRA_STATS_SANCTIONED], 100.0, 1e-9);
    netra_stats_table_free(&t);

    /* by position: camat_lurah 2, fungsional 1, not recorded 1 (id "", labelled) */
    assert_int_equal(netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_POSITION), NETRA_OK);
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(t.rows[0].id, "camat_lurah");
    assert_int_equal(t.rows[0].count[0], 2);
    assert_int_equal(t.rows[0].count[NETRA_STATS_SANCTIONED], 1);
    assert_string_equal(row(&t, "")->label_id, "Tidak tercatat");
    netra_stats_table_free(&t);

    /* by province: 32 (a kecamatan code counts for its province) 3, 35 1 */
    assert_int_equal(netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_PROVINCE), NETRA_OK);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(t.rows[0].id, "32");
    assert_int_equal(t.rows[0].count[0], 3);
    assert_string_equal(t.rows[1].id, "35");
    netra_stats_table_free(&t);

    /* no breakdown: the total only; a region filter */
    q.region = "32.04";
    assert_int_equal(netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_NONE), NETRA_OK);
    assert_int_equal(t.n_rows, 0);
    assert_int_equal(t.total.count[0], 3);
    assert_int_equal(t.total.count[NETRA_STATS_PROVEN], 1);
    netra_stats_table_free(&t);

    netra_stats_group_by by;
    assert_int_equal(netra_stats_group_parse(&by, "position"), NETRA_OK);
    assert_int_equal(by, NETRA_STATS_GROUP_POSITION);
    assert_int_equal(netra_stats_group_parse(&by, "instansi"), NETRA_EINVAL);
    nt_test_assert_msg("agency");
    assert_string_equal(netra_stats_step_id(NETRA_STATS_FORWARDED), "forwarded");
    assert_null(netra_stats_step_id((netra_stats_step)9));
    netra_stats_free(s);
}

/* ---- durations ------------------------------------------------------------------------------ */

static void add_steps(netra_stats *s, const char *const *states, const int *days, size_t n)
{
    netra_case_step steps[8];
    memset(steps, 0, sizeof steps);
    for (size_t i = 0; i < n; i++) {
        snprintf(steps[i].state, sizeof steps[i].state, "%s", states[i]);
        snprintf(steps[i].action, sizeof steps[i].action, "step%zu", i);
        steps[i].day = D("2024-10-01") + days[i];
    }
    netra_stats_case c;
    memset(&c, 0, sizeof c);
    c.opened = D("2024-10-01");
    c.reached = 1;
    c.steps = steps;
    c.n_steps = n;
    int err = netra_stats_add(s, &c);
    if (err != NETRA_OK)
        fail_msg("add: %s", netra_error_last()->msg);
}

static const netra_stats_duration *dur(const netra_stats_duration *d, size_t n, const char *state)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].state, state) == 0)
            return &d[i];
    fail_msg("no state '%s'", state);
    return NULL;
}

/* Case 1: kajian_awal day 0, diregistrasi 2, klarifikasi 3, klarifikasi again 5 (an
 * extension: the same state, the stay goes on), diteruskan 10 (still there).
 * Case 2: kajian_awal 0, diregistrasi 4, klarifikasi 4, dihentikan 6 (terminal).
 * Case 3: kajian_awal 0, tidak_diregistrasi 9.
 * kajian_awal {2, 4, 9}: median 4 (odd), p90 4 + 0.8 x 5 = 8, mean 5.
 * diregistrasi {1, 0}: median 0.5 (even). klarifikasi {7, 2}: median 4.5, p90 2 + 0.9 x 5 =
 * 6.5. diteruskan: no completed stay, 1 open. penelusuran: empty, zeros. */
static void test_durations(void **state)
{
    (void)state;
    netra_stats *s = new_set();
    const char *s1[] = {"kajian_awal", "diregistrasi", "klarifikasi", "klarifikasi", "diteruskan"};
    const int d1[] = {0, 2, 3, 5, 10};
    const char *s2[] = {"kajian_awal", "diregistrasi", "klarifikasi", "dihentikan"};
    const int d2[] = {0, 4, 4, 6};
    const char *s3[] = {"kajian_awal", "tidak_diregistrasi"};
    const int d3[] = {0, 9};
    add_steps(s, s1, d1, 5);
    add_steps(s, s2, d2, 4);
    add_steps(s, s3, d3, 2);

    netra_stats_duration *d = NULL;
    size_t n = 0;
    netra_stats_query q = NETRA_STATS_QUERY_INIT;
    assert_int_equal(netra_stats_durations(&d, &n, s, &q), NETRA_OK);
    /* only non-terminal states, in states.tsv order */
    assert_string_equal(d[0].state, "informasi_awal");
    for (size_t i = 0; i < n; i++)
        assert_false(netra_workflow_state(T.wf, d[i].state)->terminal);
    const netra_stats_duration *x = dur(d, n, "kajian_awal");
    assert_int_equal(x->n, 3);
    assert_float_equal(x->median, 4.0, 1e-9);
    assert_float_equal(x->p90, 8.0, 1e-9);
    assert_float_equal(x->mean, 5.0, 1e-9);
    assert_int_equal(x->open, 0);
    x = dur(d, n, "diregistrasi");
    assert_int_equal(x->n, 2);
    assert_float_equal(x->median, 0.5, 1e-9);
    x = dur(d, n, "klarifikasi");
    assert_float_equal(x->median, 4.5, 1e-9);
    assert_float_equal(x->p90, 6.5, 1e-9);
    x = dur(d, n, "diteruskan");
    assert_int_equal(x->n, 0);
    assert_int_equal(x->open, 1);
    x = dur(d, n, "penelusuran");
    assert_int_equal(x->n, 0);
    assert_true(x->median == 0.0 && x->p90 == 0.0);
    /* the terminal state tidak_diregistrasi is no row, and is not counted as open: case 3
     * ends there. tidak_diregistrasi is not terminal in states.tsv (it may become
     * informasi awal), so it is a row with one case in it. */
    assert_int_equal(dur(d, n, "tidak_diregistrasi")->open, 1);
    netra_stats_durations_free(d);

    /* public variant: fewer than 5 stays hide the figures */
    q.suppress = 1;
    assert_int_equal(netra_stats_durations(&d, &n, s, &q), NETRA_OK);
    x = dur(d, n, "kajian_awal");
    assert_true(x->hidden);
    assert_true(x->median == 0.0);
    assert_true(dur(d, n, "diteruskan")->open_hidden);
    assert_false(dur(d, n, "penelusuran")->hidden); /* nothing to hide in an empty state */
    netra_stats_durations_free(d);

    /* refused: an unknown state, a step dated before the previous one, an unknown form */
    const char *bad1[] = {"kajian_awal", "menunggu"};
    const int bd1[] = {0, 1};
    netra_case_step steps[2];
    memset(steps, 0, sizeof steps);
    netra_stats_case c;
    memset(&c, 0, sizeof c);
    c.steps = steps;
    c.n_steps = 2;
    for (int i = 0; i < 2; i++) {
        snprintf(steps[i].state, sizeof steps[i].state, "%s", bad1[i]);
        steps[i].day = bd1[i];
    }
    assert_int_equal(netra_stats_add(s, &c), NETRA_EINVAL);
    nt_test_assert_msg("unknown state 'menunggu'");
    snprintf(steps[1].state, sizeof steps[1].state, "diregistrasi");
    steps[0].day = 5;
    assert_int_equal(netra_stats_add(s, &c), NETRA_EINVAL);
    nt_test_assert_msg("before the step before it");
    c.n_steps = 0;
    c.form = "D-99";
    assert_int_equal(netra_stats_add(s, &c), NETRA_EINVAL);
    nt_test_assert_msg("unknown form 'D-99'");
    assert_int_equal(netra_stats_count(s), 3); /* nothing kept of a refused case */
    netra_stats_free(s);
}

/* ---- the public variant --------------------------------------------------------------------- */

/* media_sosial 12, pendekatan_parpol 3, not classified 6: total 21. 3 is hidden ("<5"); its
 * column then has one hidden entry, so the smallest positive shown one (6) is hidden too
 * ("x"): 21 - 12 no longer gives either. */
static void test_suppression(void **state)
{
    (void)state;
    netra_stats *s = new_set();
    for (int i = 0; i < 12; i++)
        add(s, "D-6", "A", "", "32.04", "", "2024-10-01", 1);
    for (int i = 0; i < 3; i++)
        add(s, "D-3", "B", "", "32.04", "", "2024-10-01", 1);
    for (int i = 0; i < 6; i++)
        add(s, NULL, "C", "", "32.04", "", "2024-10-01", 1);
    netra_stats_table t;
    netra_stats_query q = NETRA_STATS_QUERY_INIT;
    q.suppress = 1;
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(row(&t, "pendekatan_parpol")->cell[0], NETRA_STATS_SMALL);
    assert_int_equal(row(&t, "belum_diklasifikasi")->cell[0], NETRA_STATS_COMPLEMENTARY);
    assert_int_equal(row(&t, "media_sosial")->cell[0], NETRA_STATS_SHOWN);
    assert_int_equal(row(&t, "foto_dengan_simbol")->cell[0], NETRA_STATS_SHOWN); /* a zero */
    assert_int_equal(t.total.cell[0], NETRA_STATS_SHOWN);
    assert_string_equal(netra_stats_cell_mark(NETRA_STATS_SMALL), "<5");
    assert_string_equal(netra_stats_cell_mark(NETRA_STATS_COMPLEMENTARY), "x");
    assert_null(netra_stats_cell_mark(NETRA_STATS_SHOWN));
    netra_stats_table_free(&t);
    /* funnel by agency: reported column A 12, B 3 (<5), C 6 (x) */
    assert_int_equal(netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_AGENCY), NETRA_OK);
    assert_int_equal(row(&t, "B")->cell[0], NETRA_STATS_SMALL);
    assert_int_equal(row(&t, "C")->cell[0], NETRA_STATS_COMPLEMENTARY);
    assert_int_equal(row(&t, "A")->cell[0], NETRA_STATS_SHOWN);
    netra_stats_table_free(&t);
    netra_stats_free(s);
}

/* ---- allocation failures ------------------------------------------------------------------- */

static int torture_run(void *payload)
{
    (void)payload;
    netra_stats *s = NULL;
    int err = netra_stats_new(&s, T.law, T.wf, NULL);
    const char *states[] = {"kajian_awal", "diregistrasi"};
    netra_case_step steps[2];
    memset(steps, 0, sizeof steps);
    for (int i = 0; i < 2; i++) {
        snprintf(steps[i].state, sizeof steps[i].state, "%s", states[i]);
        steps[i].day = i * 3;
    }
    for (int i = 0; err == 0 && i < 6; i++) {
        netra_stats_case c;
        memset(&c, 0, sizeof c);
        c.form = i % 2 ? "D-6" : NULL;
        c.agency = i % 3 ? "Pemkab Bandung" : "Pemkot Surabaya";
        c.position = "fungsional";
        c.region = i % 2 ? "32.04" : "35.78";
        c.election = "pilkada-2024";
        c.reached = 1;
        c.steps = steps;
        c.n_steps = 2;
        err = netra_stats_add(s, &c);
    }
    netra_stats_table t;
    netra_stats_query q = NETRA_STATS_QUERY_INIT;
    q.suppress = 1;
    if (err == 0 && (err = netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY)) == 0)
        netra_stats_table_free(&t);
    if (err == 0 && (err = netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_PROVINCE)) == 0)
        netra_stats_table_free(&t);
    netra_stats_duration *d = NULL;
    size_t n;
    if (err == 0 && (err = netra_stats_durations(&d, &n, s, &q)) == 0)
        netra_stats_durations_free(d);
    netra_stats_free(s);
    return err;
}

static void test_torture(void **state)
{
    (void)state;
    assert_true(nt_test_torture(torture_run, NULL) > 10);
}

/* ---- from a store --------------------------------------------------------------------------- */

static void act(netra_store *st, int64_t id, const char *action, const char *role, const char *day,
                const netra_case_field *fields)
{
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    netra_actor a = {"uji", role, D(day)};
    int err = netra_store_case_act(st, id, c.version, action, fields, &a);
    if (err != NETRA_OK)
        fail_msg("%s: %s", action, netra_error_last()->msg);
}

static int64_t report(netra_store *st, const char *region, const char *day)
{
    netra_case_field f[] = {{"pelapor", "Budi, Jl. Mawar 1"},
                            {"terlapor", "Camat X"},
                            {"waktu_kejadian", "2024-10-01"},
                            {"tempat_kejadian", "Bandung"},
                            {"uraian", "Camat mengajak memilih"},
                            {"tanggal_diketahui", day},
                            {NULL, NULL}};
    netra_case_new c = {"terima_laporan", "pilkada", "pilkada-2024", region, "Uji", 0};
    netra_actor a = {"uji", "bawaslu_kabkota", D(day)};
    int64_t id;
    if (netra_store_case_new(&id, st, &c, f, &a) != NETRA_OK)
        fail_msg("case new: %s", netra_error_last()->msg);
    return id;
}

/* Case 1 (Kab. Bandung, an act "share" on 2024-10-01 in Pilkada 2024, an accused of Pemkab
 * Bandung, camat_lurah): received 10-02, registered 10-04, clarification 10-05, forwarded
 * 10-08. Case 2 (Surabaya, no act, no accused): received 10-02, not registered 10-03.
 * kajian_awal {2, 1}: median 1.5; diregistrasi {1}; klarifikasi {3}; diteruskan 1 open.
 * Funnel: reported 2, registered 1, forwarded 1, proven 0. */
static void test_store(void **state)
{
    (void)state;
    char path[512];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t a = report(st, "32.04", "2024-10-02");
    int64_t b = report(st, "35.78", "2024-10-02");
    netra_actor who = {"uji", "bawaslu_kabkota", D("2024-10-02")};
    netra_asn asn = {
        "197603152005011003", "Camat X", "pns", "Pemkab Bandung", "camat_lurah", "32.04",
        "Bupati Bandung",     ""};
    int64_t asn_id;
    assert_int_equal(netra_store_case_add_asn(&asn_id, st, a, &asn, &who), NETRA_OK);
    netra_case_act ca = {"share", D("2024-10-01"), "32.04", "facebook", "",
                         "",      "pilkada-2024",  NULL,    NULL};
    int64_t act_id;
    if (netra_store_case_add_act(&act_id, st, a, &ca, &who) != NETRA_OK)
        fail_msg("act: %s", netra_error_last()->msg);
    netra_case_field reg[] = {{"nomor_registrasi", "001/REG"}, {NULL, NULL}};
    netra_case_field none[] = {{NULL, NULL}};
    netra_case_field fwd[] = {
        {"kajian", "terbukti awal"}, {"instansi_tujuan", "BKN"}, {NULL, NULL}};
    netra_case_field why[] = {{"alasan", "bukan ASN"}, {NULL, NULL}};
    act(st, a, "registrasi", "bawaslu_kabkota", "2024-10-04", reg);
    act(st, a, "mulai_klarifikasi", "bawaslu_kabkota", "2024-10-05", none);
    act(st, a, "teruskan", "bawaslu_kabkota", "2024-10-08", fwd);
    act(st, b, "tolak_registrasi", "bawaslu_kabkota", "2024-10-03", why);

    netra_stats *s = new_set();
    size_t n = 0;
    if (netra_stats_load_store(&n, s, st) != NETRA_OK)
        fail_msg("load: %s", netra_error_last()->msg);
    assert_int_equal(n, 2);
    netra_stats_table t;
    netra_stats_query q = NETRA_STATS_QUERY_INIT;
    assert_int_equal(netra_stats_funnel(&t, s, &q, NETRA_STATS_GROUP_AGENCY), NETRA_OK);
    int64_t tot[] = {2, 1, 1, 0, 0};
    for (int k = 0; k < NETRA_STATS_N_STEPS; k++)
        assert_int_equal(t.total.count[k], tot[k]);
    assert_int_equal(row(&t, "Pemkab Bandung")->count[NETRA_STATS_FORWARDED], 1);
    assert_int_equal(row(&t, "")->count[0], 1);
    netra_stats_table_free(&t);
    assert_int_equal(netra_stats_shares(&t, s, &q, NETRA_STATS_BY_CATEGORY), NETRA_OK);
    assert_int_equal(row(&t, "belum_diklasifikasi")->count[0], 1);
    assert_int_equal(row(&t, "media_sosial")->count[0], 1); /* "share" is a social-media act */
    netra_stats_table_free(&t);
    netra_stats_duration *d = NULL;
    size_t nd = 0;
    assert_int_equal(netra_stats_durations(&d, &nd, s, &q), NETRA_OK);
    assert_int_equal(dur(d, nd, "kajian_awal")->n, 2);
    assert_float_equal(dur(d, nd, "kajian_awal")->median, 1.5, 1e-9);
    assert_float_equal(dur(d, nd, "diregistrasi")->median, 1.0, 1e-9);
    assert_float_equal(dur(d, nd, "klarifikasi")->median, 3.0, 1e-9);
    assert_int_equal(dur(d, nd, "diteruskan")->open, 1);
    netra_stats_durations_free(d);
    netra_stats_free(s);

    /* the facts themselves: steps carry the working dates, not the time of writing */
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantile),    cmocka_unit_test(test_shares),
        cmocka_unit_test(test_funnel),      cmocka_unit_test(test_durations),
        cmocka_unit_test(test_suppression), cmocka_unit_test(test_torture),
        cmocka_unit_test(test_store),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
