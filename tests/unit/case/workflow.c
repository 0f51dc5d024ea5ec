/* Unit tests for src/lib/case: the shipped workflow tables, every (state, action, regime)
 * pair of the state machine generated from the data, roles and required fields, the legal
 * clocks around weekends, holidays and extensions, and rejection of malformed tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/case.h"
#include "failalloc.h"

typedef struct fixture {
    netra_workflow *wf;
    netra_calendar *cal;
} fixture;

static netra_date D(const char *s)
{
    netra_date d;
    assert_int_equal(netra_date_parse(&d, s, strlen(s)), NETRA_OK);
    return d;
}

static void assert_date(netra_date got, const char *want)
{
    char buf[NETRA_DATE_STRLEN];
    assert_string_equal(netra_date_format(got, buf), want);
}

static int setup(void **state)
{
    static fixture fx;
    if (netra_workflow_load(&fx.wf, NULL) != NETRA_OK ||
        netra_calendar_load(&fx.cal, NULL) != NETRA_OK) {
        fprintf(stderr, "load: %s\n", netra_error_last()->msg);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    netra_workflow_free(fx->wf);
    netra_calendar_free(fx->cal);
    return 0;
}

static void test_tables(void **state)
{
    fixture *fx = *state;
    const netra_workflow *wf = fx->wf;
    assert_int_equal(netra_workflow_n_roles(wf), 10);
    assert_true(netra_workflow_n_states(wf) >= 19);
    assert_true(netra_workflow_n_transitions(wf) >= 28);
    for (size_t i = 0; i < netra_workflow_n_transitions(wf); i++)
        assert_true(strlen(netra_workflow_transition_at(wf, i)->basis) > 8);
    for (size_t i = 0; i < netra_workflow_n_clocks(wf); i++)
        assert_true(strlen(netra_workflow_clock_at(wf, i)->basis) > 8);
    assert_string_equal(netra_workflow_role(wf, "panwas_kecamatan")->escalate_to,
                        "bawaslu_kabkota");
    assert_null(netra_workflow_role(wf, "nobody"));
    assert_true(netra_workflow_role(wf, "bawaslu_kabkota")->reporter_access);
    assert_false(netra_workflow_role(wf, "ppk")->reporter_access);
    assert_false(netra_workflow_role(wf, "analis")->reporter_access);
}

/* Every state is reachable from a new case, and every non-terminal state has a way out. */
static void test_reachability(void **state)
{
    fixture *fx = *state;
    const netra_workflow *wf = fx->wf;
    size_t ns = netra_workflow_n_states(wf);
    int seen[64] = {0};
    assert_true(ns <= 64);
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < netra_workflow_n_transitions(wf); i++) {
            const netra_transition *t = netra_workflow_transition_at(wf, i);
            int from_ok = t->from == NULL;
            for (size_t s = 0; !from_ok && s < ns; s++)
                from_ok = seen[s] && strcmp(netra_workflow_state_at(wf, s)->id, t->from) == 0;
            if (!from_ok)
                continue;
            for (size_t s = 0; s < ns; s++)
                if (!seen[s] && strcmp(netra_workflow_state_at(wf, s)->id, t->to) == 0)
                    seen[s] = changed = 1;
        }
    }
    for (size_t s = 0; s < ns; s++) {
        const netra_wf_state *st = netra_workflow_state_at(wf, s);
        if (!seen[s])
            fail_msg("state %s is unreachable", st->id);
        char buf[512];
        size_t out = netra_workflow_allowed(buf, sizeof buf, wf, st->id, "pemilu") +
                     netra_workflow_allowed(buf, sizeof buf, wf, st->id, "pilkada");
        if (st->terminal ? out != 0 : out == 0)
            fail_msg("state %s: terminal=%d but %zu ways out", st->id, st->terminal, out);
    }
}

/* A role that may take the transition. */
static const char *some_role(const netra_workflow *wf, const netra_transition *t)
{
    for (size_t i = 0; i < netra_workflow_n_roles(wf); i++) {
        const netra_role *r = netra_workflow_role_at(wf, i);
        if (netra_workflow_role_may(wf, t, r->id))
            return r->id;
    }
    return NULL;
}

/* The state machine over every (state or new case) x action x regime, from the data. */
static void test_every_state_action_pair(void **state)
{
    fixture *fx = *state;
    const netra_workflow *wf = fx->wf;
    static const char *const regimes[] = {"pemilu", "pilkada"};
    size_t allowed = 0, refused = 0;
    for (size_t s = 0; s <= netra_workflow_n_states(wf); s++) {
        const char *st = s == 0 ? NULL : netra_workflow_state_at(wf, s - 1)->id;
        for (size_t a = 0; a < netra_workflow_n_actions(wf); a++) {
            const char *act = netra_workflow_action_at(wf, a)->id;
            for (size_t g = 0; g < 2; g++) {
                const netra_transition *want = netra_workflow_find(wf, st, act, regimes[g]);
                const netra_transition *got = NULL;
                if (want == NULL) {
                    int err =
                        netra_workflow_step(&got, wf, st, act, "bawaslu_ri", regimes[g], NULL);
                    assert_int_equal(err, NETRA_ESTATE);
                    assert_null(got);
                    char needle[160];
                    snprintf(needle, sizeof needle, "action '%s' is not allowed in state '%s'", act,
                             st ? st : "(new case)");
                    nt_test_assert_msg(needle);
                    char list[512];
                    if (netra_workflow_allowed(list, sizeof list, wf, st, regimes[g]) > 0)
                        nt_test_assert_msg(list);
                    else
                        nt_test_assert_msg("allowed there: none");
                    refused++;
                    continue;
                }
                const char *role = some_role(wf, want);
                assert_non_null(role);
                /* every required field present: allowed */
                int err = netra_workflow_step(&got, wf, st, act, role, regimes[g], want->requires);
                if (err != NETRA_OK)
                    fail_msg("%s/%s/%s: %s", st ? st : "-", act, regimes[g],
                             netra_error_last()->msg);
                assert_ptr_equal(got, want);
                /* each required field missing in turn: refused, naming the field */
                for (size_t k = 0; want->requires[k] != NULL; k++) {
                    const char *fields[NETRA_WF_MAX_FIELDS] = {0};
                    size_t n = 0;
                    for (size_t j = 0; want->requires[j] != NULL; j++)
                        if (j != k)
                    fields[n++] = want->requires[j];
                    assert_int_equal(
                        netra_workflow_step(&got, wf, st, act, role, regimes[g], fields),
                        NETRA_EINVAL);
                    char needle[96];
                    snprintf(needle, sizeof needle, "requires field '%s'", want->requires[k]);
                    nt_test_assert_msg(needle);
                }
                /* admin has no part in the legal workflow */
                assert_int_equal(
                    netra_workflow_step(&got, wf, st, act, "admin", regimes[g], want->requires),
                    NETRA_EPERM);
                nt_test_assert_msg("role 'admin' may not take action");
                allowed++;
            }
        }
    }
    assert_true(allowed >= 56);
    assert_true(refused > 500);
}

static void test_examples(void **state)
{
    fixture *fx = *state;
    const netra_workflow *wf = fx->wf;
    const netra_transition *t;
    assert_int_equal(
        netra_workflow_step(&t, wf, "kajian_awal", "jatuhkan_sanksi", "ppk", "pemilu", NULL),
        NETRA_ESTATE);
    nt_test_assert_msg("action 'jatuhkan_sanksi' is not allowed in state 'kajian_awal'; "
                       "allowed there: minta_kelengkapan, registrasi, tolak_registrasi, cabut");
    assert_int_equal(netra_workflow_step(&t, wf, "menunggu_ppk", "jatuhkan_sanksi",
                                         "panwas_kecamatan", "pilkada", NULL),
                     NETRA_EPERM);
    nt_test_assert_msg("it is for: ppk");
    assert_int_equal(netra_workflow_step(&t, wf, "nowhere", "registrasi", "ppk", "pemilu", NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("unknown state 'nowhere'");
    assert_int_equal(netra_workflow_step(&t, wf, NULL, "terima_laporan", "ppk", "pileg", NULL),
                     NETRA_EINVAL);
    /* the public may report and withdraw, not register */
    static const char *const f[] = {
        "pelapor",           "terlapor", "waktu_kejadian", "tempat_kejadian", "uraian",
        "tanggal_diketahui", NULL};
    assert_int_equal(
        netra_workflow_step(&t, wf, NULL, "terima_laporan", "pelapor_publik", "pemilu", f),
        NETRA_OK);
    assert_string_equal(t->to, "kajian_awal");
    assert_string_equal(t->kind, "laporan");
    assert_string_equal(t->clock_start, "kajian_awal");
    /* informasi awal becomes a temuan */
    t = netra_workflow_find(wf, "penelusuran", "tetapkan_temuan", "pilkada");
    assert_non_null(t);
    assert_string_equal(t->kind, "temuan");
    assert_string_equal(t->to, "diregistrasi");
}

static void test_clocks(void **state)
{
    fixture *fx = *state;
    netra_workflow *wf = fx->wf;
    netra_calendar *cal = fx->cal;
    netra_date d;
    /* 3 hari kerja from Friday 8 March 2024: Nyepi (11th) and its cuti bersama (12th) skipped */
    assert_int_equal(
        netra_clock_deadline(&d, wf, cal, "kajian_bawaslu", "pemilu", D("2024-03-08"), 0),
        NETRA_OK);
    assert_date(d, "2024-03-15");
    /* Pemilu handling: 7 days, extended 14 hari kerja across Idul Fitri 2024 and 1 May */
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "penanganan", "pemilu", D("2024-04-05"), 0),
                     NETRA_OK);
    assert_date(d, "2024-04-12");
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "penanganan", "pemilu", D("2024-04-05"), 1),
                     NETRA_OK);
    assert_date(d, "2024-05-06");
    /* Pilkada handling: 3 days, extended by 2 (calendar days; voting day counts) */
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "penanganan", "pilkada", D("2024-11-25"), 0),
                     NETRA_OK);
    assert_date(d, "2024-11-28");
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "penanganan", "pilkada", D("2024-11-25"), 1),
                     NETRA_OK);
    assert_date(d, "2024-11-30");
    /* kajian awal cannot be extended */
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "kajian_awal", "pemilu", D("2024-11-25"), 1),
                     NETRA_EINVAL);
    nt_test_assert_msg("cannot be extended");
    /* report deadline: Pemilu 7 hari kerja from Friday 9 Feb 2024 (cuti bersama), over
     * voting day 14 Feb; Pilkada 7 calendar days */
    int late;
    assert_int_equal(netra_report_late(&late, wf, cal, "pemilu", D("2024-02-09"), D("2024-02-21")),
                     NETRA_OK);
    assert_false(late);
    assert_int_equal(netra_report_late(&late, wf, cal, "pemilu", D("2024-02-09"), D("2024-02-22")),
                     NETRA_OK);
    assert_true(late);
    assert_int_equal(netra_report_late(&late, wf, cal, "pilkada", D("2024-11-20"), D("2024-11-27")),
                     NETRA_OK);
    assert_false(late);
    assert_int_equal(netra_report_late(&late, wf, cal, "pilkada", D("2024-11-20"), D("2024-11-28")),
                     NETRA_OK);
    assert_true(late);
    /* Satgas 7 days, overdue the day after the deadline only */
    int over;
    assert_int_equal(netra_clock_overdue(&over, wf, cal, "satgas", "pemilu", D("2024-12-20"), 0,
                                         D("2024-12-27")),
                     NETRA_OK);
    assert_false(over);
    assert_int_equal(netra_clock_overdue(&over, wf, cal, "satgas", "pemilu", D("2024-12-20"), 0,
                                         D("2024-12-28")),
                     NETRA_OK);
    assert_true(over);
    /* the PPK deadline: 10 days by default, configurable; legal clocks are not */
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "ppk", "pilkada", D("2024-03-01"), 0),
                     NETRA_OK);
    assert_date(d, "2024-03-11");
    assert_int_equal(netra_workflow_set_clock_days(wf, "ppk", 14), NETRA_OK);
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "ppk", "pemilu", D("2024-03-01"), 0),
                     NETRA_OK);
    assert_date(d, "2024-03-15");
    assert_int_equal(netra_workflow_set_clock_days(wf, "ppk", 10), NETRA_OK);
    assert_int_equal(netra_workflow_set_clock_days(wf, "kajian_awal", 5), NETRA_EINVAL);
    nt_test_assert_msg("fixed by law");
    assert_int_equal(netra_workflow_set_clock_days(wf, "ppk", 0), NETRA_EINVAL);
    assert_int_equal(netra_workflow_set_clock_days(wf, "nope", 3), NETRA_EINVAL);
    /* a working-day clock outside the calendar's years */
    assert_int_equal(
        netra_clock_deadline(&d, wf, cal, "kajian_bawaslu", "pemilu", D("2019-04-01"), 0),
        NETRA_ENOTFOUND);
    assert_int_equal(netra_clock_deadline(&d, wf, cal, "nope", "pemilu", D("2024-04-01"), 0),
                     NETRA_EINVAL);
    /* a temuan clock exists for Pemilu only */
    assert_null(netra_workflow_clock(wf, "temuan", "pilkada"));
    assert_non_null(netra_workflow_clock(wf, "temuan", "pemilu"));
}

static void test_escalation(void **state)
{
    fixture *fx = *state;
    const netra_workflow *wf = fx->wf;
    assert_string_equal(netra_clock_escalation(wf, "kajian_awal", "pemilu", "panwas_kecamatan"),
                        "bawaslu_kabkota");
    assert_string_equal(netra_clock_escalation(wf, "penanganan", "pilkada", "bawaslu_provinsi"),
                        "bawaslu_ri");
    assert_null(netra_clock_escalation(wf, "penanganan", "pemilu", "bawaslu_ri"));
    assert_string_equal(netra_clock_escalation(wf, "ppk", "pemilu", "ppk"), "satgas_bkn");
    assert_string_equal(netra_clock_escalation(wf, "satgas", "pemilu", "satgas_bkn"), "bawaslu_ri");
    assert_null(netra_clock_escalation(wf, "nope", "pemilu", "ppk"));
}

/* ---- malformed tables --------------------------------------------------------------- */

static const char *const files[] = {"roles.tsv", "states.tsv", "actions.tsv", "transitions.tsv",
                                    "clocks.tsv"};

/* Copies the shipped tables to a fresh directory, appending `extra` to file `name`. */
static int load_with(netra_workflow **out, const char *name, const char *extra)
{
    char dir[] = "/tmp/netra-wf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < 5; i++) {
        char src[1024], dst[256];
        snprintf(src, sizeof src, "%s/workflow/%s", netra_data_dir(), files[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        char *data;
        size_t len;
        assert_int_equal(nt_file_read(&data, &len, src, 1 << 20), NETRA_OK);
        FILE *f = fopen(dst, "w");
        assert_non_null(f);
        fwrite(data, 1, len, f);
        if (strcmp(files[i], name) == 0)
            fputs(extra, f);
        fclose(f);
        nt_free(data);
    }
    int err = netra_workflow_load(out, dir);
    for (size_t i = 0; i < 5; i++) {
        char dst[256];
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        unlink(dst);
    }
    rmdir(dir);
    return err;
}

static void expect_bad(const char *name, const char *extra, const char *needle)
{
    netra_workflow *wf = NULL;
    assert_int_equal(load_with(&wf, name, extra), NETRA_EDATA);
    assert_null(wf);
    nt_test_assert_msg(needle);
}

static void test_malformed(void **state)
{
    (void)state;
    netra_workflow *wf;
    assert_int_equal(load_with(&wf, "roles.tsv", ""), NETRA_OK);
    netra_workflow_free(wf);
    expect_bad("transitions.tsv",
               "kajian_awal\tregistrasi\tnowhere\tpengawas\tany\t-\t-\t-\t-\t-\tX 1/2000\n",
               "transitions.tsv:");
    expect_bad("transitions.tsv",
               "diteruskan\tregistrasi\tnowhere\tpengawas\tany\t-\t-\t-\t-\t-\tX 1/2000\n",
               "field 'to': unknown state 'nowhere'");
    expect_bad("transitions.tsv",
               "kajian_awal\tregistrasi\tdiregistrasi\tpengawas\tany\t-\t-\t-\t-\t-\tX\n",
               "field 'action': 'registrasi' from 'kajian_awal' repeats line");
    expect_bad("transitions.tsv", "diteruskan\thentikan\tdihentikan\tjuri\tany\t-\t-\t-\t-\t-\tX\n",
               "field 'roles': 'juri' is neither a role nor a group");
    expect_bad("transitions.tsv",
               "diteruskan\thentikan\tdihentikan\tppk\tpileg\t-\t-\t-\t-\t-\tX\n",
               "field 'regime': 'pileg'");
    expect_bad("transitions.tsv",
               "diteruskan\thentikan\tdihentikan\tppk\tany\t-\t-\tjam\t-\t-\tX\n",
               "field 'clock_start': unknown clock 'jam'");
    expect_bad("transitions.tsv",
               "diteruskan\thentikan\tdihentikan\tppk\tany\t-\t-\t-\t-\tsatgas\tX\n",
               "field 'clock_extend': clock 'satgas' cannot be extended");
    expect_bad("transitions.tsv", "dihentikan\thentikan\tdihentikan\tppk\tany\t-\t-\t-\t-\t-\tX\n",
               "state 'dihentikan' is terminal");
    expect_bad("transitions.tsv", "diteruskan\thentikan\tdihentikan\tppk\tany\t-\t-\t-\t-\t-\t\n",
               "field 'basis': empty");
    expect_bad("clocks.tsv", "kilat\tany\t2\tjam\t0\t-\tatasan\t0\tK\tK\tX\n",
               "field 'unit': 'jam' is not hari or hari_kerja");
    expect_bad("clocks.tsv", "ppk\tany\t2\thari\t0\t-\tatasan\t0\tK\tK\tX\n",
               "clock 'ppk' has two 'any' rows");
    expect_bad("clocks.tsv", "kilat\tany\t2\thari\t0\t-\tlurah\t0\tK\tK\tX\n",
               "field 'escalate': 'lurah' is neither atasan nor a role");
    expect_bad("roles.tsv", "lurah\tpengawas\tcamat\t0\tL\tL\tX\n",
               "field 'escalate_to': unknown role 'camat'");
    expect_bad("states.tsv", "selesai\t1\tS\tS\tX\n", "'selesai' is listed twice");
    expect_bad("roles.tsv", "lurah\tpengawas\t-\t2\tL\tL\tX\n", "field 'reporter_access'");
    assert_int_equal(netra_workflow_load(&wf, "/nonexistent/netra"), NETRA_EIO);
}

static int load_real(void *payload)
{
    (void)payload;
    netra_workflow *wf;
    int err = netra_workflow_load(&wf, NULL);
    if (err == NETRA_OK)
        netra_workflow_free(wf);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(load_real, NULL) > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_reachability),
        cmocka_unit_test(test_every_state_action_pair),
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_clocks),
        cmocka_unit_test(test_escalation),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
