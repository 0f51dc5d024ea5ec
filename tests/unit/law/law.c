/* Unit tests for src/lib/law: the shipped law tables, the KE/D classification rule on both
 * sides of every designation date, stages, agencies, and rejection of malformed tables. */
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
#include "netra/law.h"
#include "failalloc.h"

static netra_date D(const char *s)
{
    netra_date d;
    assert_int_equal(netra_date_parse(&d, s, strlen(s)), NETRA_OK);
    return d;
}

static int setup(void **state)
{
    netra_law *law;
    if (netra_law_load(&law, NULL, NULL) != NETRA_OK) {
        fprintf(stderr, "law load: %s\n", netra_error_last()->msg);
        return -1;
    }
    *state = law;
    return 0;
}

static int teardown(void **state)
{
    netra_law_free(*state);
    return 0;
}

static void test_twenty_forms(void **state)
{
    netra_law *law = *state;
    assert_int_equal(netra_law_n_forms(law), 20);
    int ke = 0, d = 0;
    for (size_t i = 0; i < netra_law_n_forms(law); i++) {
        const netra_form *f = netra_law_form_at(law, i);
        char want[24];
        if (f->kind == NETRA_FORM_KODE_ETIK) {
            snprintf(want, sizeof want, "KE-%d", ++ke);
            assert_true(f->level == NETRA_LEVEL_MORAL_TERTUTUP ||
                        f->level == NETRA_LEVEL_MORAL_TERBUKA);
        } else {
            snprintf(want, sizeof want, "D-%d", ++d);
        }
        assert_string_equal(f->id, want);
        assert_true(strlen(f->basis) > 10);
        assert_true(strlen(f->sanction_basis) > 5);
        assert_true(strlen(f->label_id) > 10);
        assert_true(strlen(f->label_en) > 10);
        assert_true(f->n_acts >= 1);
        assert_non_null(netra_law_category(law, f->stat_category));
        /* every form has at least one sanction option for a PNS in 2024 */
        const netra_sanction *s[16];
        size_t n;
        assert_int_equal(netra_law_sanctions(s, 16, &n, law, f->level, "pns", D("2024-06-01")),
                         NETRA_OK);
        assert_true(n >= 1);
        for (size_t k = 0; k < n && k < 16; k++)
            assert_true(strlen(s[k]->basis) > 5);
    }
    assert_int_equal(ke, 7);
    assert_int_equal(d, 13);
}

static void test_levels_of_note(void **state)
{
    netra_law *law = *state;
    assert_int_equal(netra_law_form(law, "D-5")->level, NETRA_LEVEL_PTDH);
    assert_int_equal(netra_law_form(law, "D-8")->level, NETRA_LEVEL_BERAT); /* default */
    assert_int_equal(netra_law_form(law, "D-3")->level, NETRA_LEVEL_SEDANG);
    assert_int_equal(netra_law_form(law, "D-9")->level, NETRA_LEVEL_SEDANG);
    assert_int_equal(netra_law_form(law, "D-10")->level, NETRA_LEVEL_BERAT);
    assert_int_equal(netra_law_form(law, "D-13")->level, NETRA_LEVEL_SATGAS);
    assert_int_equal(netra_law_form(law, "D-6")->level, NETRA_LEVEL_BERAT);
    assert_non_null(strstr(netra_law_form(law, "D-8")->note, "Tribun"));
}

static void test_form_spellings(void **state)
{
    netra_law *law = *state;
    const char *same[] = {"D-6", "d6", "D 6", "d-6", "D_6"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(netra_law_form(law, same[i])->id, "D-6");
    assert_string_equal(netra_law_form(law, "ke4")->id, "KE-4");
    assert_string_equal(netra_law_form(law, "KE-7")->id, "KE-7");
    assert_null(netra_law_form(law, "D-14"));
    assert_int_equal(netra_error_last()->code, NETRA_ENOTFOUND);
    assert_null(netra_law_form(law, "KE-8"));
    assert_null(netra_law_form(law, ""));
    assert_null(netra_law_form(law, "D-6; drop table"));
}

static const netra_classification *classify(netra_law *law, const char *act, const char *date,
                                            const char *election, const char *office,
                                            const char *type)
{
    static netra_classification c;
    netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
    in.act = act;
    in.date = D(date);
    in.election = election;
    in.office = office;
    in.employee_type = type;
    int err = netra_law_classify(&c, law, &in);
    if (err != NETRA_OK)
        fail_msg("classify %s %s %s: %s", act, date, election, netra_error_last()->msg);
    return &c;
}

static void test_issue_examples(void **state)
{
    netra_law *law = *state;
    const netra_classification *c = classify(law, "like", "2024-10-01", "pilkada-2024", NULL, NULL);
    assert_string_equal(c->form->id, "D-6");
    assert_int_equal(c->level, NETRA_LEVEL_BERAT);
    assert_true(c->after_designation);
    assert_string_equal(c->phase->id, "kampanye");
    assert_string_equal(c->agency->id, "bkn");
    assert_int_equal(c->n_sanctions, 3);
    assert_true(c->n_steps >= 4);
    c = classify(law, "like", "2024-09-01", "pilkada-2024", NULL, NULL);
    assert_string_equal(c->form->id, "KE-4");
    assert_false(c->after_designation);
    assert_string_equal(c->agency->id, "kasn");
    assert_int_equal(c->n_sanctions, 2); /* tertutup, terbuka */
    c = classify(law, "membership", "2022-01-10", "pemilu-2024", NULL, NULL);
    assert_string_equal(c->form->id, "D-5");
    assert_int_equal(c->level, NETRA_LEVEL_PTDH);
    c = classify(law, "membership", "2024-10-10", "pilkada-2024", NULL, "pppk");
    assert_string_equal(c->form->id, "D-5");
    assert_int_equal(c->level, NETRA_LEVEL_PTDH);
    c = classify(law, "team_member", "2023-11-12", "pemilu-2024", "presiden", NULL);
    assert_string_equal(c->form->id, "D-9");
    c = classify(law, "team_member", "2023-11-13", "pemilu-2024", "presiden", NULL);
    assert_string_equal(c->form->id, "D-10");
}

/* The rule on both sides of every designation date, for every act. */
static void test_rule_both_sides_of_each_designation(void **state)
{
    netra_law *law = *state;
    static const char *const offices[] = {"presiden", "dpr",      "dpd",    "dprd",
                                          "parpol",   "gubernur", "bupati", "walikota"};
    size_t checked = 0;
    for (size_t e = 0; e < netra_law_n_elections(law); e++) {
        const netra_election *el = netra_law_election_at(law, e);
        for (size_t o = 0; o < 8; o++) {
            const netra_designation *des = netra_law_designation(law, el, offices[o]);
            if (des == NULL)
                continue;
            for (size_t a = 0; a < netra_law_n_acts(law); a++) {
                const netra_act *act = netra_law_act_at(law, a);
                netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
                netra_classification c;
                in.act = act->id;
                in.election = el->id;
                in.office = offices[o];
                in.date = des->date - 1;
                assert_int_equal(netra_law_classify(&c, law, &in), NETRA_OK);
                assert_ptr_equal(c.form, act->before);
                assert_false(c.after_designation);
                in.date = des->date;
                assert_int_equal(netra_law_classify(&c, law, &in), NETRA_OK);
                assert_ptr_equal(c.form, act->after);
                assert_true(c.after_designation);
                checked++;
            }
        }
    }
    assert_true(checked >= 19 * 8);
    /* the social-media acts switch from ethics to discipline */
    const char *social[] = {"post", "comment", "share", "like", "follow", "join"};
    for (size_t i = 0; i < 6; i++) {
        const netra_act *a = netra_law_act(law, social[i]);
        assert_string_equal(a->before->id, "KE-4");
        assert_string_equal(a->after->id, "D-6");
    }
}

static void test_classify_errors(void **state)
{
    netra_law *law = *state;
    netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
    netra_classification c;
    in.act = "dance";
    in.date = D("2024-01-01");
    in.election = "pemilu-2024";
    assert_int_equal(netra_law_classify(&c, law, &in), NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "known acts: "));
    in.act = "like";
    in.election = "pemilu-2029";
    assert_int_equal(netra_law_classify(&c, law, &in), NETRA_ENOTFOUND);
    assert_non_null(strstr(netra_error_last()->msg, "pemilu-2024"));
    in.election = "pilkada-2024";
    in.office = "presiden";
    assert_int_equal(netra_law_classify(&c, law, &in), NETRA_ENOTFOUND);
    assert_non_null(strstr(netra_error_last()->msg, "gubernur"));
    in.office = NULL;
    in.employee_type = "honorer";
    assert_int_equal(netra_law_classify(&c, law, &in), NETRA_EINVAL);
}

static void test_stages_ordered_and_contiguous(void **state)
{
    netra_law *law = *state;
    for (size_t e = 0; e < netra_law_n_elections(law); e++) {
        const netra_election *el = netra_law_election_at(law, e);
        size_t n;
        const netra_stage *st = netra_law_stages(&n, law, el);
        const netra_stage *prev = NULL;
        size_t phases = 0;
        for (size_t i = 0; i < n; i++) {
            if (!st[i].is_phase) {
                assert_true(st[i].has_start);
                assert_true(st[i].start <= st[i].end);
                continue;
            }
            phases++;
            if (prev != NULL) {
                assert_true(st[i].phase > prev->phase);
                assert_int_equal(st[i].start, prev->end + 1);
            }
            prev = &st[i];
        }
        assert_int_equal(phases, 8);
        /* voting day is the pemungutan phase */
        const netra_stage *ph;
        assert_int_equal(netra_law_stage_at(&ph, NULL, 0, NULL, law, el, el->voting_date),
                         NETRA_OK);
        assert_int_equal(ph->phase, NETRA_PHASE_PEMUNGUTAN);
    }
    const netra_election *pemilu = netra_law_election(law, "pemilu-2024");
    const netra_stage *ph;
    const netra_stage *ev[8];
    size_t nev;
    assert_int_equal(netra_law_stage_at(&ph, ev, 8, &nev, law, pemilu, D("2024-02-12")), NETRA_OK);
    assert_int_equal(ph->phase, NETRA_PHASE_MASA_TENANG);
    netra_law_stage_at(&ph, ev, 8, &nev, law, pemilu, D("2023-12-01"));
    assert_int_equal(ph->phase, NETRA_PHASE_KAMPANYE);
    netra_law_stage_at(&ph, ev, 8, &nev, law, pemilu, D("2021-01-01"));
    assert_int_equal(ph->phase, NETRA_PHASE_PRA_TAHAPAN);
    netra_law_stage_at(&ph, ev, 8, &nev, law, pemilu, D("2030-01-01"));
    assert_null(ph);
    const netra_election *pilkada = netra_law_election(law, "pilkada-2024");
    netra_law_stage_at(&ph, ev, 8, &nev, law, pilkada, D("2024-09-22"));
    assert_int_equal(ph->phase, NETRA_PHASE_PASCA_PENETAPAN);
    netra_law_stage_at(&ph, ev, 8, &nev, law, pilkada, D("2024-11-25"));
    assert_int_equal(ph->phase, NETRA_PHASE_MASA_TENANG);
}

static void test_agencies(void **state)
{
    netra_law *law = *state;
    assert_string_equal(netra_law_agency_at(law, D("2020-11-01"))->id, "kasn");
    assert_string_equal(netra_law_agency_at(law, D("2024-09-03"))->id, "kasn");
    assert_string_equal(netra_law_agency_at(law, D("2024-09-04"))->id, "bkn");
    assert_string_equal(netra_law_agency_at(law, D("2026-11-22"))->id, "bkn");
}

static void test_sanctions_by_type_and_date(void **state)
{
    netra_law *law = *state;
    const netra_sanction *s[16];
    size_t n;
    assert_int_equal(
        netra_law_sanctions(s, 16, &n, law, NETRA_LEVEL_SEDANG, "pns", D("2024-01-01")), NETRA_OK);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_non_null(strstr(s[i]->basis, "94/2021"));
    /* before PP 94/2021: PP 53/2010 */
    assert_int_equal(
        netra_law_sanctions(s, 16, &n, law, NETRA_LEVEL_SEDANG, "pns", D("2020-11-01")), NETRA_OK);
    assert_true(n >= 1);
    for (size_t i = 0; i < n && i < 16; i++)
        assert_non_null(strstr(s[i]->basis, "53/2010"));
    assert_int_equal(
        netra_law_sanctions(s, 16, &n, law, NETRA_LEVEL_BERAT, "pppk", D("2024-10-01")), NETRA_OK);
    int found = 0;
    for (size_t i = 0; i < n && i < 16; i++)
        found |= strcmp(s[i]->code, "phpk_dhtaps") == 0;
    assert_true(found);
    assert_int_equal(
        netra_law_sanctions(s, 16, &n, law, NETRA_LEVEL_BERAT, "cpns", D("2024-10-01")), NETRA_OK);
    assert_int_equal(n, 3);
    assert_int_equal(netra_law_sanctions(s, 16, &n, law, NETRA_LEVEL_BERAT, "tni", D("2024-10-01")),
                     NETRA_EINVAL);
}

static void test_d8_configurable(void **state)
{
    (void)state;
    netra_law *law;
    netra_law_options o = NETRA_LAW_OPTIONS_INIT;
    o.d8_level = NETRA_LEVEL_SEDANG;
    assert_int_equal(netra_law_load(&law, NULL, &o), NETRA_OK);
    const netra_form *f = netra_law_form(law, "D-8");
    assert_int_equal(f->level, NETRA_LEVEL_SEDANG);
    assert_int_equal(f->level_in_data, NETRA_LEVEL_BERAT);
    const netra_classification *c =
        classify(law, "activity", "2024-10-01", "pilkada-2024", NULL, NULL);
    assert_string_equal(c->form->id, "D-8");
    assert_int_equal(c->level, NETRA_LEVEL_SEDANG);
    int mentions = 0;
    for (size_t i = 0; i < c->n_steps; i++)
        mentions |= strstr(c->steps_en[i], "configuration") != NULL;
    assert_true(mentions);
    netra_law_free(law);
    o.d8_level = NETRA_LEVEL_RINGAN;
    assert_int_equal(netra_law_load(&law, NULL, &o), NETRA_EINVAL);
    o.version = 99;
    assert_int_equal(netra_law_load(&law, NULL, &o), NETRA_EINVAL);
}

/* ---- malformed tables: copy data/law, change one file, expect file:line:field -----------*/

static char tmpdir[64];

static void copy_law(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/netra-law-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    const char *files[] = {"levels.tsv", "categories.tsv", "acts.tsv",      "forms.tsv",
                           "rules.tsv",  "sanctions.tsv",  "elections.tsv", "designations.tsv",
                           "stages.tsv", "agencies.tsv"};
    for (size_t i = 0; i < 10; i++) {
        char src[4096], dst[256];
        snprintf(src, sizeof src, "%s/law/%s", netra_data_dir(), files[i]);
        snprintf(dst, sizeof dst, "%s/%s", tmpdir, files[i]);
        char *data;
        size_t len;
        assert_int_equal(nt_file_read(&data, &len, src, 1 << 20), NETRA_OK);
        FILE *f = fopen(dst, "wb");
        assert_non_null(f);
        fwrite(data, 1, len, f);
        fclose(f);
        nt_free(data);
    }
}

static void remove_copy(void)
{
    char cmd[128];
    const char *files[] = {"levels.tsv", "categories.tsv", "acts.tsv",      "forms.tsv",
                           "rules.tsv",  "sanctions.tsv",  "elections.tsv", "designations.tsv",
                           "stages.tsv", "agencies.tsv"};
    for (size_t i = 0; i < 10; i++) {
        snprintf(cmd, sizeof cmd, "%s/%s", tmpdir, files[i]);
        unlink(cmd);
    }
    rmdir(tmpdir);
}

/* Replaces the first occurrence of `from` by `to` in one copied file. */
static void edit(const char *file, const char *from, const char *to)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, file);
    char *data;
    size_t len;
    assert_int_equal(nt_file_read(&data, &len, path, 1 << 20), NETRA_OK);
    char *at = strstr(data, from);
    if (at == NULL)
        fail_msg("'%s' not found in %s", from, file);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, (size_t)(at - data), f);
    fputs(to, f);
    fputs(at + strlen(from), f);
    fclose(f);
    nt_free(data);
}

static void expect_load_error(const char *file, const char *from, const char *to,
                              const char *needle)
{
    copy_law();
    edit(file, from, to);
    netra_law *law = NULL;
    int err = netra_law_load(&law, tmpdir, NULL);
    remove_copy();
    if (err != NETRA_EDATA)
        fail_msg("editing %s ('%s' -> '%s'): got %d, expected NETRA_EDATA", file, from, to, err);
    assert_null(law);
    nt_test_assert_msg(needle);
}

static void test_malformed_tables(void **state)
{
    (void)state;
    expect_load_error("forms.tsv", "\tpost,comment,share,like,follow,join\t",
                      "\tpost,comment,dance\t", "forms.tsv:");
    expect_load_error("forms.tsv", "\tpost,comment,share,like,follow,join\t",
                      "\tpost,comment,dance\t", "field 'acts': 'dance' is not an act");
    expect_load_error("forms.tsv", "D-6\tdisiplin\tcalon\tberat", "D-6\tdisiplin\tcalon\tsangat",
                      "field 'level': unknown level 'sangat'");
    expect_load_error("forms.tsv", "D-6\tdisiplin\tcalon\tberat",
                      "D-6\tdisiplin\tcalon\tmoral_terbuka", "does not fit a disiplin form");
    expect_load_error("forms.tsv", "D-6\t", "D-5\t", "'D-5' is listed twice");
    expect_load_error("rules.tsv", "\tKE-4\tD-6\t", "\tKE-4\tD-66\t",
                      "field 'after': 'D-66' is not a form");
    expect_load_error("stages.tsv", "\t2024-02-14\t2024-02-14\t", "\t2024-02-13\t2024-02-14\t",
                      "overlapping");
    expect_load_error("stages.tsv", "\t2024-02-14\t2024-02-14\t", "\t2024-02-16\t2024-02-16\t",
                      "field 'start'");
    expect_load_error("agencies.tsv", "\t2024-09-04\t", "\t2024-09-06\t",
                      "field 'from': must be the day after");
    expect_load_error("elections.tsv", "2024-02-14", "2024-02-30", "field 'voting_date': day 30");
    expect_load_error("designations.tsv", "pilkada-2024\tgubernur", "pilkada-2024\tgubernor",
                      "field 'office': 'gubernor'");
    expect_load_error("levels.tsv", "ptdh\t", "pdth\t", "unknown level 'pdth'");
    expect_load_error("sanctions.tsv", "teguran_lisan", "teguran lisan",
                      "field 'code': 'teguran lisan' has character ' '");
}

static int load_law(void *payload)
{
    (void)payload;
    netra_law *law;
    int err = netra_law_load(&law, NULL, NULL);
    if (err == NETRA_OK)
        netra_law_free(law);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(load_law, NULL) > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_twenty_forms),
        cmocka_unit_test(test_levels_of_note),
        cmocka_unit_test(test_form_spellings),
        cmocka_unit_test(test_issue_examples),
        cmocka_unit_test(test_rule_both_sides_of_each_designation),
        cmocka_unit_test(test_classify_errors),
        cmocka_unit_test(test_stages_ordered_and_contiguous),
        cmocka_unit_test(test_agencies),
        cmocka_unit_test(test_sanctions_by_type_and_date),
        cmocka_unit_test(test_d8_configurable),
        cmocka_unit_test(test_malformed_tables),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
