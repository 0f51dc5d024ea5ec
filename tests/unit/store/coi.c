/* Unit tests of conflicts of interest in the store (src/lib/store/conflict.c), on SQLite and,
 * with NETRA_TEST_BACKEND=pg, on PostgreSQL: a case whose accused's PPK (the bupati) is the
 * incumbent contestant of Pilkada 2024 is flagged when the election is registered, and the
 * recommendation goes to the governor as the central government's representative; the same
 * case in Pilpres (pemilu-2024) is not flagged; a holder matched by name; the flag follows a
 * new act's election, an agency kind set later, and an operator's route; refused holder
 * files import nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <libpq-fe.h>

#include "util/util_int.h"
#include "netra/store.h"
#include "failalloc.h"
#include "pgtest.h"
#include "storetest.h"

static nt_test_store T; /* the workflow, calendar, law, key, backend and directory */
static netra_text_lexicon *lex;
static netra_normalizer *nz;

#define IDENTITY "Siti Rahmawati binti Ahmad, Jl. Merpati 12 Bandung"
#define CONTACT  "+62-812-5550-1234"

static netra_date D(const char *s)
{
    return nt_test_date(s);
}

static int setup(void **state)
{
    (void)state;
    if (nt_test_store_setup(&T, "coi", 7, 1) != 0)
        return -1;
    if (netra_text_lexicon_load(&lex, NULL) != NETRA_OK ||
        netra_normalizer_new(&nz, lex) != NETRA_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
    nt_test_store_teardown(&T);
    return 0;
}

static netra_actor A(const char *role, const char *date)
{
    netra_actor a = {"uji", role, D(date)};
    return a;
}

/* A temuan in 32.04 with an accused of the Bandung regency government. */
static int64_t new_case(netra_store *st, const char *regime, const char *election,
                        const char *agency)
{
    netra_case_field f[] = {{"terlapor", "Budi"},
                            {"waktu_kejadian", "2024-10-01"},
                            {"tempat_kejadian", "Soreang"},
                            {"uraian", "camat mengajak warga memilih petahana"},
                            {"tanggal_ditemukan", "2024-10-02"},
                            {NULL, NULL}};
    netra_case_new c = {"tetapkan_temuan", regime, election, "32.04", "Camat ajak pilih", 0};
    netra_actor a = A("bawaslu_kabkota", "2024-10-03");
    int64_t id = 0;
    assert_int_equal(netra_store_case_new(&id, st, &c, f, &a), NETRA_OK);
    netra_asn asn = {"198503102010011002", "Budi Santoso",   "pns", agency, "camat_lurah",
                     "32.04.05",           "Bupati Bandung", ""};
    assert_int_equal(netra_store_case_add_asn(NULL, st, id, &asn, &a), NETRA_OK);
    return id;
}

static netra_election_file *election(const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/elections/%s", getenv("NETRA_TEST_DATA"), name);
    netra_election_file *ef = NULL;
    if (netra_election_load(&ef, p) != NETRA_OK)
        fail_msg("%s: %s", p, netra_error_last()->msg);
    return ef;
}

/* Walks a case to the recommendation (menunggu_ppk) and returns the fields it got. */
static void recommend(netra_store *st, int64_t id)
{
    static const struct {
        const char *action, *role, *field, *value;
    } steps[] = {{"mulai_klarifikasi", "bawaslu_kabkota", NULL, NULL},
                 {"teruskan", "bawaslu_kabkota", NULL, NULL},
                 {"verifikasi", "satgas_bkn", NULL, NULL},
                 {"validasi", "bawaslu_provinsi", NULL, NULL},
                 {"rekomendasikan", "satgas_bkn", NULL, NULL}};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        netra_case c;
        assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
        const netra_transition *t = netra_workflow_find(T.wf, c.state, steps[i].action, c.regime);
        assert_non_null(t);
        netra_case_field f[NETRA_WF_MAX_FIELDS + 1];
        size_t n = 0;
        for (size_t k = 0; t->requires[k] != NULL; k++) {
            f[n].name = t->requires[k];
            f[n].value = strstr(t->requires[k], "tanggal") ? "2024-10-10" : "isi uji";
            n++;
        }
        f[n].name = NULL;
        f[n].value = NULL;
        netra_actor a = A(steps[i].role, "2024-10-05");
        if (netra_store_case_act(st, id, c.version, steps[i].action, f, &a) != NETRA_OK)
            fail_msg("%s: %s", steps[i].action, netra_error_last()->msg);
    }
}

static void test_bupati_incumbent_flagged_and_routed(void **state)
{
    (void)state;
    char path[256];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 0);
    int64_t pilkada = new_case(st, "pilkada", "pilkada-2024", "Pemerintah Kabupaten Bandung");
    int64_t pilpres = new_case(st, "pemilu", "pemilu-2024", "Pemerintah Kabupaten Bandung");
    netra_case_conflict cf;
    /* No election registered yet: nothing to flag. */
    assert_int_equal(netra_store_case_conflict(&cf, st, pilkada), NETRA_ENOTFOUND);
    netra_election_file *ef = election("pilbup-bandung-2024.json");
    netra_actor a = A("bawaslu_kabkota", "2024-10-04");
    size_t flagged = 99;
    assert_int_equal(netra_store_election_register(&flagged, st, ef, &a), NETRA_OK);
    netra_election_free(ef);
    assert_int_equal(flagged, 1);
    assert_int_equal(netra_store_case_conflict(&cf, st, pilkada), NETRA_OK);
    assert_string_equal(cf.ppk_office, "bupati");
    assert_string_equal(cf.ppk_region, "32.04");
    assert_string_equal(cf.election, "pilbup-bandung-2024");
    assert_string_equal(cf.contestant, "02");
    assert_string_equal(cf.contestant_name, "Dadang Supriatna");
    assert_string_equal(cf.reason, "petahana");
    assert_string_equal(cf.route_to, "gubernur_wpp");
    assert_string_equal(cf.route_region, "32");
    /* The same accused in Pilpres: the bupati does not run there. */
    assert_int_equal(netra_store_case_conflict(&cf, st, pilpres), NETRA_ENOTFOUND);
    /* The recommendation goes to the governor, not the conflicted bupati... */
    recommend(st, pilkada);
    char v[64];
    assert_int_equal(netra_store_case_field(v, sizeof v, st, pilkada, "ditujukan_kepada"),
                     NETRA_OK);
    assert_string_equal(v, "gubernur_wpp");
    assert_int_equal(netra_store_case_field(v, sizeof v, st, pilkada, "wilayah_tujuan"), NETRA_OK);
    assert_string_equal(v, "32");
    assert_int_equal(netra_store_case_field(v, sizeof v, st, pilkada, "konflik_kepentingan"),
                     NETRA_OK);
    assert_string_equal(v, "ya");
    /* ...and in Pilpres to the bupati himself. */
    recommend(st, pilpres);
    assert_int_equal(netra_store_case_field(v, sizeof v, st, pilpres, "ditujukan_kepada"),
                     NETRA_OK);
    assert_string_equal(v, "bupati");
    assert_int_equal(netra_store_case_field(v, sizeof v, st, pilpres, "wilayah_tujuan"), NETRA_OK);
    assert_string_equal(v, "32.04");
    assert_int_equal(netra_store_case_field(v, sizeof v, st, pilpres, "konflik_kepentingan"),
                     NETRA_OK);
    assert_string_equal(v, "tidak");
    /* The flag is on the record: an audit entry, and the chain holds. */
    int64_t entries = 0, bad = 0;
    assert_int_equal(netra_store_audit_verify(&entries, &bad, st), NETRA_OK);
    assert_int_equal(bad, 0);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

static int count_coi(const netra_case_event *e, void *p)
{
    if (strcmp(e->action, "konflik_kepentingan") == 0)
        (*(int *)p)++;
    return 0;
}

/* The holder of the office named in ppk-holders.tsv is matched with a contestant by name
 * (titles dropped), even without "incumbent" in the election file; an act of another
 * election brings the flag; re-registering without the contestant clears it. */
static void test_holder_by_name_and_act(void **state)
{
    (void)state;
    char path[256], tsv[256];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 0);
    /* A Pilpres case; the act happens in Pilkada 2024. */
    int64_t id = new_case(st, "pemilu", "pemilu-2024", "Pemkab Bandung");
    netra_election_file *ef = election("pilbup-bandung-noinc-2024.json");
    netra_actor a = A("bawaslu_kabkota", "2024-10-04");
    assert_int_equal(netra_store_election_register(NULL, st, ef, &a), NETRA_OK);
    netra_election_free(ef);
    netra_case_conflict cf;
    assert_int_equal(netra_store_case_conflict(&cf, st, id), NETRA_ENOTFOUND);
    snprintf(tsv, sizeof tsv, "%s/holders.tsv", T.dir);
    FILE *f = fopen(tsv, "w");
    assert_non_null(f);
    fputs("office\tregion\tagency\tname\tsince\tsource\n"
          "bupati\t3204\t-\tH. Dadang Supriatna, S.Sos., M.Si.\t2021-04-26\tuji\n"
          "gubernur\t32\t-\tBey Triadi Machmudin\t-\tuji\n",
          f);
    fclose(f);
    netra_holders_result r;
    assert_int_equal(netra_store_holders_import(&r, st, tsv, &a, NULL, NULL), NETRA_OK);
    assert_int_equal(r.imported, 2);
    /* The case's election is Pilpres: the bupati runs in Pilkada only. */
    assert_int_equal(netra_store_case_conflict(&cf, st, id), NETRA_ENOTFOUND);
    netra_case_act act = {"like", D("2024-10-01"), "32.04", "facebook", NULL,
                          NULL,   "pilkada-2024",  NULL,    NULL};
    assert_int_equal(netra_store_case_add_act(NULL, st, id, &act, &a), NETRA_OK);
    assert_int_equal(netra_store_case_conflict(&cf, st, id), NETRA_OK);
    assert_string_equal(cf.reason, "pemegang_jabatan");
    assert_string_equal(cf.ppk_name, "H. Dadang Supriatna, S.Sos., M.Si.");
    assert_string_equal(cf.route_to, "gubernur_wpp");
    int n = 0;
    assert_int_equal(netra_store_case_timeline(st, id, count_coi, &n), NETRA_OK);
    assert_int_equal(n, 1);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
    unlink(tsv);
}

/* A bad holders file imports nothing and names each bad row and field. */
static void on_msg(const char *m, void *p)
{
    char *buf = p;
    size_t len = strlen(buf);
    snprintf(buf + len, 2048 - len, "%s\n", m);
}

static void test_holders_refused(void **state)
{
    (void)state;
    char path[256], tsv[256];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 0);
    snprintf(tsv, sizeof tsv, "%s/bad.tsv", T.dir);
    FILE *f = fopen(tsv, "w");
    assert_non_null(f);
    fputs("office\tregion\tagency\tname\tsince\tsource\n"
          "bupati\t32.04\t-\tDadang Supriatna\t2021-04-26\tuji\n"
          "bupati\t32.73\t-\tWali Kota Bukan\t-\tuji\n"
          "camat\t32.04.05\t-\tX\t-\tuji\n"
          "gubernur\t32.04\t-\tY\t-\tuji\n"
          "menteri\t-\t-\tZ\t-\tuji\n"
          "wali_kota\t32.73\t-\tW\t2024-13-01\tuji\n",
          f);
    fclose(f);
    char msgs[2048] = "";
    netra_holders_result r;
    netra_actor a = A("bawaslu_kabkota", "2024-10-04");
    assert_int_equal(netra_store_holders_import(&r, st, tsv, &a, on_msg, msgs), NETRA_EDATA);
    assert_int_equal(r.bad, 5);
    assert_int_equal(r.imported, 0);
    assert_non_null(strstr(msgs, ":3: field 'region'"));
    assert_non_null(strstr(msgs, ":4: field 'office'"));
    assert_non_null(strstr(msgs, ":5: field 'region'"));
    assert_non_null(strstr(msgs, ":6: field 'agency'"));
    assert_non_null(strstr(msgs, ":7: field 'since'"));
    netra_store_close(st);
    nt_test_store_rm(&T, path);
    unlink(tsv);
}

/* The agency kind set later, and an operator's route instead of Netra's default. */
static void test_agency_kind_and_route(void **state)
{
    (void)state;
    char path[256];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 0);
    netra_coi *coi;
    assert_int_equal(netra_store_coi(&coi, st), NETRA_OK);
    assert_int_equal(netra_coi_set_routes(coi, "bupati=mendagri"), NETRA_OK);
    assert_int_equal(netra_coi_set_routes(coi, "bupati=bupati"), NETRA_EINVAL);
    assert_int_equal(netra_coi_set_routes(coi, "camat=mendagri"), NETRA_EINVAL);
    /* "Dinas Pendidikan" does not tell the kind of agency. */
    int64_t id = new_case(st, "pilkada", "pilkada-2024", "Dinas Pendidikan");
    netra_election_file *ef = election("pilbup-bandung-2024.json");
    netra_actor a = A("bawaslu_kabkota", "2024-10-04");
    assert_int_equal(netra_store_election_register(NULL, st, ef, &a), NETRA_OK);
    netra_election_free(ef);
    netra_case_conflict cf;
    assert_int_equal(netra_store_case_conflict(&cf, st, id), NETRA_ENOTFOUND);
    assert_int_equal(netra_store_asn_set_agency_kind(st, "198503102010011002", "pemda", &a),
                     NETRA_EINVAL);
    assert_int_equal(netra_store_asn_set_agency_kind(st, "198503102010011002", "pemkab", &a),
                     NETRA_OK);
    assert_int_equal(netra_store_case_conflict(&cf, st, id), NETRA_OK);
    assert_string_equal(cf.route_to, "mendagri");
    assert_string_equal(cf.route_region, "");
    netra_asn_row row;
    assert_int_equal(netra_store_asn_get(&row, st, "198503102010011002"), NETRA_OK);
    assert_string_equal(row.agency_kind, "pemkab");
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bupati_incumbent_flagged_and_routed),
        cmocka_unit_test(test_holder_by_name_and_act),
        cmocka_unit_test(test_holders_refused),
        cmocka_unit_test(test_agency_kind_and_route),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
