/* Unit tests for src/lib/store, on SQLite and, with NETRA_TEST_BACKEND=pg, on PostgreSQL
 * (the same tests; each store gets a fresh schema of the test cluster, tests/pg/cluster.sh):
 * a case walked through the whole workflow with its clocks, illegal actions, optimistic
 * locking, reporter encryption (and that no identity is stored in clear), evidence
 * deduplication, repeat history, the audit chain against each kind of tampering, and the
 * migration checksum. */
#define _GNU_SOURCE /* memmem */
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
#include <sqlite3.h>

#include "util/util_int.h"
#include "netra/store.h"
#include "failalloc.h"
#include "pgtest.h"
#include "storetest.h"

static nt_test_store T; /* the workflow, calendar, law, key, backend and directory */

#define IDENTITY "Siti Rahmawati binti Ahmad, Jl. Merpati 12 Bandung"
#define CONTACT  "+62-812-5550-1234"

static netra_date D(const char *s)
{
    return nt_test_date(s);
}

static int setup(void **state)
{
    (void)state;
    if (nt_test_store_setup(&T, "store", 7, 1) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nt_test_store_teardown(&T);
    return 0;
}

static int64_t new_report(netra_store *st, const char *date, const char *region)
{
    netra_case_field f[] = {{"pelapor", IDENTITY},
                            {"kontak_pelapor", CONTACT},
                            {"kelayakan", "pemilih"},
                            {"terlapor", "Camat X"},
                            {"waktu_kejadian", "2024-11-10"},
                            {"tempat_kejadian", "Kecamatan Coblong"},
                            {"uraian", "Mengajak memilih paslon 2 di acara PKK"},
                            {"tanggal_diketahui", "2024-11-11"},
                            {NULL, NULL}};
    netra_case_new c = {"terima_laporan",         "pilkada", "pilkada-2024", region,
                        "Camat mengajak memilih", 0};
    netra_actor a = {"panwas.coblong", "panwas_kecamatan", D(date)};
    int64_t id;
    int err = netra_store_case_new(&id, st, &c, f, &a);
    if (err != NETRA_OK)
        fail_msg("case new: %s", netra_error_last()->msg);
    return id;
}

static void act(netra_store *st, int64_t id, const char *action, const char *role, const char *date,
                const netra_case_field *f)
{
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    netra_actor a = {"someone", role, D(date)};
    int err = netra_store_case_act(st, id, c.version, action, f, &a);
    if (err != NETRA_OK)
        fail_msg("%s: %s", action, netra_error_last()->msg);
}

typedef struct clock_seen {
    int n;
    netra_case_clock last[8];
} clock_seen;

static int on_clock(const netra_case_clock *k, void *payload)
{
    clock_seen *cs = payload;
    if (cs->n < 8)
        cs->last[cs->n] = *k;
    cs->n++;
    return 0;
}

static int count(const netra_case *cc, void *p)
{
    (void)cc;
    (*(size_t *)p)++;
    return 0;
}

static void test_whole_flow(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    assert_int_equal(netra_store_schema_version(st), 8);
    int64_t id = new_report(st, "2024-11-12", "32.73.02");
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    assert_string_equal(c.state, "kajian_awal");
    assert_string_equal(c.kind, "laporan");
    assert_int_equal(c.version, 1);
    netra_case_field reg[] = {{"nomor_registrasi", "001/Reg/LP/PB/Kec/13.01/XI/2024"},
                              {NULL, NULL}};
    act(st, id, "registrasi", "panwas_kecamatan", "2024-11-13", reg);
    act(st, id, "mulai_klarifikasi", "bawaslu_kabkota", "2024-11-13", NULL);
    netra_case_field ext[] = {{"alasan", "keterangan tambahan dari saksi"}, {NULL, NULL}};
    act(st, id, "perpanjang", "bawaslu_kabkota", "2024-11-15", ext);
    clock_seen cs = {0};
    assert_int_equal(netra_store_case_clocks(st, id, on_clock, &cs), NETRA_OK);
    assert_int_equal(cs.n, 2);
    assert_string_equal(cs.last[0].clock, "kajian_awal");
    assert_false(cs.last[0].running);
    assert_string_equal(cs.last[1].clock, "penanganan");
    assert_true(cs.last[1].extended);
    assert_int_equal(cs.last[1].deadline, D("2024-11-18")); /* 13 Nov + 3 + 2 days */
    /* extending twice is refused */
    netra_actor a = {"x", "bawaslu_kabkota", D("2024-11-16")};
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    assert_int_equal(netra_store_case_act(st, id, c.version, "perpanjang", ext, &a), NETRA_ESTATE);
    nt_test_assert_msg("already extended");
    netra_case_field fw[] = {
        {"kajian", "terbukti melanggar netralitas"}, {"instansi_tujuan", "BKN"}, {NULL, NULL}};
    act(st, id, "teruskan", "bawaslu_kabkota", "2024-11-17", fw);
    netra_case_field v[] = {{"hasil_verifikasi", "lengkap"}, {NULL, NULL}};
    act(st, id, "verifikasi", "satgas_bkn", "2024-11-20", v);
    netra_case_field k[] = {{"hasil_kajian", "valid"}, {NULL, NULL}};
    act(st, id, "validasi", "bawaslu_provinsi", "2024-11-22", k);
    netra_case_field r[] = {
        {"hasil_pemeriksaan", "terbukti"}, {"bentuk", "D-8"}, {"sanksi", "sedang"}, {NULL, NULL}};
    act(st, id, "rekomendasikan", "satgas_bkn", "2024-12-02", r);
    /* the PPK does not act: listed overdue after 10 days */
    netra_case_filter f = {.overdue_only = 1, .today = D("2024-12-13")};
    size_t n = 0;
    assert_int_equal(netra_store_case_list(st, &f, count, &n), NETRA_OK);
    assert_int_equal(n, 1);
    f.today = D("2024-12-12");
    n = 0;
    assert_int_equal(netra_store_case_list(st, &f, count, &n), NETRA_OK);
    assert_int_equal(n, 0);
    act(st, id, "nyatakan_tidak_patuh", "satgas_bkn", "2024-12-13", NULL);
    netra_case_field b[] = {{"nomor_surat", "B-123/BKN/2024"}, {NULL, NULL}};
    act(st, id, "rekomendasikan_blokir", "satgas_bkn", "2024-12-14", b);
    netra_case_field s[] = {{"nomor_sk", "800/123/BKPSDM"},
                            {"tanggal_sk", "2024-12-20"},
                            {"sanksi", "sedang"},
                            {NULL, NULL}};
    act(st, id, "jatuhkan_sanksi", "ppk", "2024-12-20", s);
    act(st, id, "catat_idis", "sdm_instansi", "2024-12-21", NULL);
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    assert_string_equal(c.state, "selesai");
    assert_int_equal(c.version, 12);
    char buf[64];
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, id, "nomor_sk"), NETRA_OK);
    assert_string_equal(buf, "800/123/BKPSDM");
    /* a terminal state allows nothing */
    a.role = "ppk";
    assert_int_equal(netra_store_case_act(st, id, c.version, "jatuhkan_sanksi", s, &a),
                     NETRA_ESTATE);
    nt_test_assert_msg("not allowed in state 'selesai'; allowed there: none");
    int64_t entries, bad;
    assert_int_equal(netra_store_audit_verify(&entries, &bad, st), NETRA_OK);
    assert_int_equal(entries, 12);
    assert_int_equal(bad, 0);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

static void test_illegal_and_conflict(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t id = new_report(st, "2024-11-12", "32.73");
    netra_actor a = {"x", "ppk", D("2024-11-12")};
    netra_case_field s[] = {{"nomor_sk", "1"}, {"tanggal_sk", "2"}, {"sanksi", "3"}, {NULL, NULL}};
    assert_int_equal(netra_store_case_act(st, id, 1, "jatuhkan_sanksi", s, &a), NETRA_ESTATE);
    nt_test_assert_msg("action 'jatuhkan_sanksi' is not allowed in state 'kajian_awal'; "
                       "allowed there: minta_kelengkapan, registrasi");
    /* two analysts read version 1; the second write is refused */
    netra_case_field reg[] = {{"nomor_registrasi", "1"}, {NULL, NULL}};
    netra_case_field tolak[] = {{"alasan", "kedaluwarsa"}, {NULL, NULL}};
    netra_actor p = {"a1", "panwas_kecamatan", D("2024-11-13")};
    netra_actor q = {"a2", "bawaslu_kabkota", D("2024-11-13")};
    assert_int_equal(netra_store_case_act(st, id, 1, "registrasi", reg, &p), NETRA_OK);
    assert_int_equal(netra_store_case_act(st, id, 1, "tolak_registrasi", tolak, &q),
                     NETRA_ECONFLICT);
    nt_test_assert_msg("you read version 1, it is now 2");
    assert_int_equal(netra_store_case_act(st, 999, 1, "registrasi", reg, &p), NETRA_ENOTFOUND);
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    assert_string_equal(c.state, "diregistrasi");
    /* a missing field is named; nothing changes */
    assert_int_equal(netra_store_case_act(st, id, 2, "mulai_klarifikasi", NULL, &p), NETRA_OK);
    assert_int_equal(netra_store_case_act(st, id, 3, "teruskan", NULL, &p), NETRA_EINVAL);
    nt_test_assert_msg("requires field 'kajian'");
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    assert_int_equal(c.version, 3);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* Several processes write one store at once, each with its own connection: every case and
 * audit entry is kept, the chain stays one valid sequence (appends are serialised), and of
 * the writers that all read version 1 of one case exactly one succeeds; the others get
 * NETRA_ECONFLICT, on either backend. */
enum { WRITERS = 4, CASES_EACH = 12 };

static int child_writer(const char *path, int64_t contested, int go_fd)
{
    netra_store_config cfg = {T.wf, T.cal, &T.key, T.law};
    netra_store *st;
    if (netra_store_open(&st, path, &cfg) != NETRA_OK)
        return 10;
    char b;
    if (read(go_fd, &b, 1) != 1)
        return 11;
    netra_actor a = {"writer", "panwas_kecamatan", D("2024-11-13")};
    netra_case_field reg[] = {{"nomor_registrasi", "1"}, {NULL, NULL}};
    int rc = netra_store_case_act(st, contested, 1, "registrasi", reg, &a);
    int result = rc == NETRA_OK ? 0 : rc == NETRA_ECONFLICT ? 1 : 12;
    netra_case_field f[] = {{"pelapor", IDENTITY},
                            {"terlapor", "T"},
                            {"waktu_kejadian", "2024-11-10"},
                            {"tempat_kejadian", "X"},
                            {"uraian", "U"},
                            {"tanggal_diketahui", "2024-11-11"},
                            {NULL, NULL}};
    netra_case_new c = {"terima_laporan", "pilkada", "pilkada-2024", "32", "t", 0};
    for (int i = 0; i < CASES_EACH && result < 2; i++) {
        int64_t id;
        if (netra_store_case_new(&id, st, &c, f, &a) != NETRA_OK ||
            netra_store_case_act(st, id, 1, "registrasi", reg, &a) != NETRA_OK)
            result = 13;
    }
    if (result >= 10)
        fprintf(stderr, "writer %ld: %s\n", (long)getpid(), netra_error_last()->msg);
    netra_store_close(st);
    return result;
}

static void test_concurrent_writers(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t contested = new_report(st, "2024-11-12", "32.73");
    netra_store_close(st);
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t kids[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        fflush(NULL);
        kids[i] = fork();
        assert_true(kids[i] >= 0);
        if (kids[i] == 0) {
            close(go[1]);
            _exit(child_writer(path, contested, go[0]));
        }
    }
    close(go[0]);
    char bytes[WRITERS] = {0};
    assert_int_equal(write(go[1], bytes, sizeof bytes), (ssize_t)sizeof bytes);
    close(go[1]);
    int won = 0, refused = 0;
    for (int i = 0; i < WRITERS; i++) {
        int status;
        assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
        assert_true(WIFEXITED(status));
        int code = WEXITSTATUS(status);
        if (code >= 10)
            fail_msg("writer %d failed with %d", i, code);
        won += code == 0;
        refused += code == 1;
    }
    assert_int_equal(won, 1);
    assert_int_equal(refused, WRITERS - 1);
    st = nt_test_store_open(&T, path, 1);
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, contested), NETRA_OK);
    assert_int_equal(c.version, 2);
    int64_t entries, bad;
    assert_int_equal(netra_store_audit_verify(&entries, &bad, st), NETRA_OK);
    assert_int_equal(entries, 1 + 1 + WRITERS * CASES_EACH * 2);
    size_t n = 0;
    assert_int_equal(netra_store_case_list(st, NULL, count, &n), NETRA_OK);
    assert_int_equal(n, 1 + WRITERS * CASES_EACH);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* A list longer than one page of the store's keyset paging (1,000 cases): every case once,
 * in id order, and a limit that ends inside the second page. */
typedef struct list_seen {
    size_t n;
    int64_t last;
    int ordered;
} list_seen;

static int on_listed(const netra_case *c, void *p)
{
    list_seen *l = p;
    l->ordered &= c->id > l->last;
    l->last = c->id;
    l->n++;
    return 0;
}

static void test_list_pages(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 0);
    netra_case_field f[] = {{"terlapor", "T"},
                            {"waktu_kejadian", "W"},
                            {"tempat_kejadian", "X"},
                            {"uraian", "U"},
                            {"tanggal_ditemukan", "2024-11-11"},
                            {NULL, NULL}};
    netra_case_new c = {"tetapkan_temuan", "pilkada", "pilkada-2024", "32", "t", 0};
    netra_actor a = {"x", "bawaslu_kabkota", D("2024-11-12")};
    for (int i = 0; i < 1002; i++) {
        int64_t id;
        if (netra_store_case_new(&id, st, &c, f, &a) != NETRA_OK)
            fail_msg("case %d: %s", i, netra_error_last()->msg);
    }
    list_seen l = {0, 0, 1};
    assert_int_equal(netra_store_case_list(st, NULL, on_listed, &l), NETRA_OK);
    assert_int_equal(l.n, 1002);
    assert_true(l.ordered);
    netra_case_filter lim = {.limit = 1001, .region = "32"};
    list_seen m = {0, 0, 1};
    assert_int_equal(netra_store_case_list(st, &lim, on_listed, &m), NETRA_OK);
    assert_int_equal(m.n, 1001);
    assert_true(m.ordered);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* Whether the stored bytes hold `needle` in clear: the database file (SQLite), or every
 * table's rows as text with binary columns in escape form (PostgreSQL). */
static int file_has(const char *path, const char *needle)
{
    if (T.pg) {
        if (strstr(path, "-wal") != NULL)
            return 0; /* PostgreSQL's WAL is the server's: the tables are checked */
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "SET search_path TO %s; SELECT concat("
                 "(SELECT string_agg(encode(identity, 'escape') || "
                 "coalesce(encode(contact, 'escape'), ''), '') FROM reporters), "
                 "(SELECT string_agg(c::text, '') FROM cases c), "
                 "(SELECT string_agg(a::text, '') FROM audit a), "
                 "(SELECT string_agg(encode(content, 'escape'), '') FROM blobs))",
                 nt_test_store_schema(path));
        PGresult *r = PQexec(T.admin, sql);
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            fail_msg("%s", PQresultErrorMessage(r));
        int found = strstr(PQgetvalue(r, 0, 0), needle) != NULL;
        PQclear(r);
        nt_test_pg_exec(T.admin, "RESET search_path");
        return found;
    }
    char *data;
    size_t len;
    if (nt_file_read(&data, &len, path, 64u << 20) != NETRA_OK)
        return 0;
    int found = memmem(data, len, needle, strlen(needle)) != NULL;
    nt_free(data);
    return found;
}

static void test_reporter_encrypted(void **state)
{
    (void)state;
    char path[384], wal[400];
    nt_test_store_path(&T, path, sizeof path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t id = new_report(st, "2024-11-12", "32");
    char who[256], contact[64];
    assert_int_equal(netra_store_reporter_get(who, sizeof who, contact, sizeof contact, st, id,
                                              "bawaslu_kabkota"),
                     NETRA_OK);
    /* the PPK, the examiner and analysts do not see who reported */
    assert_int_equal(
        netra_store_reporter_get(who, sizeof who, contact, sizeof contact, st, id, "ppk"),
        NETRA_EPERM);
    nt_test_assert_msg("role 'ppk' may not see the reporter's identity");
    assert_int_equal(netra_store_reporter_get(who, sizeof who, NULL, 0, st, id, "satgas_bkn"),
                     NETRA_EPERM);
    assert_int_equal(netra_store_reporter_get(who, sizeof who, NULL, 0, st, id, "analis"),
                     NETRA_EPERM);
    assert_string_equal(who, IDENTITY);
    assert_string_equal(contact, CONTACT);
    /* neither the database nor its WAL holds the identity or the contact in clear */
    assert_false(file_has(path, "Siti Rahmawati"));
    assert_false(file_has(wal, "Siti Rahmawati"));
    assert_false(file_has(wal, "5550-1234"));
    netra_store_close(st);
    assert_false(file_has(path, "Siti Rahmawati"));
    assert_false(file_has(path, "5550-1234"));
    assert_true(file_has(path, "Camat mengajak memilih")); /* the case itself is there */
    /* without the key: no new reporter, no reading */
    st = nt_test_store_open(&T, path, 0);
    assert_int_equal(netra_store_reporter_get(who, sizeof who, NULL, 0, st, id, "bawaslu_ri"),
                     NETRA_EPERM);
    netra_case_field f[] = {{"pelapor", "X"},
                            {"terlapor", "Y"},
                            {"waktu_kejadian", "Z"},
                            {"tempat_kejadian", "W"},
                            {"uraian", "U"},
                            {"tanggal_diketahui", "2024-11-10"},
                            {NULL, NULL}};
    netra_case_new c = {"terima_laporan", "pemilu", NULL, NULL, "t", 0};
    netra_actor a = {"x", "pelapor_publik", D("2024-11-12")};
    int64_t id2;
    assert_int_equal(netra_store_case_new(&id2, st, &c, f, &a), NETRA_EINVAL);
    nt_test_assert_msg("needs a key");
    netra_store_close(st);
    /* the wrong key does not decrypt */
    netra_key saved = T.key;
    T.key.bytes[0] ^= 1;
    st = nt_test_store_open(&T, path, 1);
    assert_int_equal(netra_store_reporter_get(who, sizeof who, NULL, 0, st, id, "bawaslu_ri"),
                     NETRA_EDATA);
    netra_store_close(st);
    T.key = saved;
    nt_test_store_rm(&T, path);
}

static void test_intake_checks(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    netra_case_field f[] = {{"pelapor", "P"},         {"terlapor", "T"},
                            {"waktu_kejadian", "W"},  {"tempat_kejadian", "X"},
                            {"uraian", "U"},          {"tanggal_diketahui", "2024-02-09"},
                            {"kelayakan", "pemilih"}, {NULL, NULL}};
    netra_case_new c = {"terima_laporan", "pemilu", "pemilu-2024", "32", "t", 0};
    /* Pemilu: 7 hari kerja from Friday 9 Feb 2024 (voting day 14 Feb a holiday) ends 21 Feb */
    netra_actor a = {"x", "pelapor_publik", D("2024-02-21")};
    int64_t on_time, late;
    assert_int_equal(netra_store_case_new(&on_time, st, &c, f, &a), NETRA_OK);
    a.today = D("2024-02-22");
    assert_int_equal(netra_store_case_new(&late, st, &c, f, &a), NETRA_OK);
    char buf[8];
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, on_time, "kedaluwarsa"), NETRA_OK);
    assert_string_equal(buf, "");
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, late, "kedaluwarsa"), NETRA_OK);
    assert_string_equal(buf, "ya");
    /* Pilkada: 7 calendar days */
    c.regime = "pilkada";
    a.today = D("2024-02-17");
    assert_int_equal(netra_store_case_new(&late, st, &c, f, &a), NETRA_OK);
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, late, "kedaluwarsa"), NETRA_OK);
    assert_string_equal(buf, "ya");
    f[6].value = "tetangga";
    assert_int_equal(netra_store_case_new(&late, st, &c, f, &a), NETRA_EINVAL);
    nt_test_assert_msg("'tetangga' is not pemilih, peserta or pemantau");
    f[6].value = "pemantau";
    f[5].value = "9 Feb";
    assert_int_equal(netra_store_case_new(&late, st, &c, f, &a), NETRA_EINVAL);
    nt_test_assert_msg("field 'tanggal_diketahui'");
    /* a temuan established 8 days after discovery (Pemilu) is flagged */
    netra_case_field t[] = {{"terlapor", "T"},
                            {"waktu_kejadian", "W"},
                            {"tempat_kejadian", "X"},
                            {"uraian", "U"},
                            {"tanggal_ditemukan", "2024-03-01"},
                            {NULL, NULL}};
    netra_case_new tc = {"tetapkan_temuan", "pemilu", "pemilu-2024", "32", "t", 0};
    netra_actor sup = {"x", "bawaslu_kabkota", D("2024-03-09")};
    assert_int_equal(netra_store_case_new(&late, st, &tc, t, &sup), NETRA_OK);
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, late, "temuan_terlambat"),
                     NETRA_OK);
    assert_string_equal(buf, "ya");
    /* Pemilu handling extended: 14 hari kerja from registration across Idul Fitri 2024 */
    netra_case_field reg[] = {{"nomor_registrasi", "1"}, {NULL, NULL}};
    netra_case_field why[] = {{"alasan", "saksi tambahan"}, {NULL, NULL}};
    a.role = "bawaslu_kabkota";
    a.today = D("2024-04-05");
    assert_int_equal(netra_store_case_act(st, on_time, 1, "registrasi", reg, &a), NETRA_OK);
    assert_int_equal(netra_store_case_act(st, on_time, 2, "mulai_klarifikasi", NULL, &a), NETRA_OK);
    clock_seen cs = {0};
    assert_int_equal(netra_store_case_clocks(st, on_time, on_clock, &cs), NETRA_OK);
    assert_int_equal(cs.last[1].deadline, D("2024-04-12"));
    assert_int_equal(netra_store_case_act(st, on_time, 3, "perpanjang", why, &a), NETRA_OK);
    cs.n = 0;
    assert_int_equal(netra_store_case_clocks(st, on_time, on_clock, &cs), NETRA_OK);
    assert_int_equal(cs.last[1].deadline, D("2024-05-06"));
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

static void test_keys(void **state)
{
    (void)state;
    char hex[65];
    assert_int_equal(netra_key_generate(hex), NETRA_OK);
    assert_int_equal(strlen(hex), 64);
    netra_key k;
    setenv("NETRA_KEY", hex, 1);
    assert_int_equal(netra_key_load(&k, NULL), NETRA_OK);
    setenv("NETRA_KEY", "abc", 1);
    assert_int_equal(netra_key_load(&k, NULL), NETRA_EINVAL);
    nt_test_assert_msg("64 hexadecimal digits");
    unsetenv("NETRA_KEY");
    char path[384];
    snprintf(path, sizeof path, "%s/key", T.dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%s\n", hex);
    fclose(f);
    assert_int_equal(netra_key_load(&k, path), NETRA_OK);
    unlink(path);
    assert_int_equal(netra_key_load(&k, NULL), NETRA_EINVAL);
}

typedef struct timeline_seen {
    int n;
    char last[32];
} timeline_seen;

static int on_event(const netra_case_event *e, void *p)
{
    timeline_seen *tl = p;
    tl->n++;
    snprintf(tl->last, sizeof tl->last, "%s", e->action);
    return 0;
}

typedef struct acts_seen {
    int n;
    netra_case_act_row rows[4];
} acts_seen;

static int on_act(const netra_case_act_row *r, void *p)
{
    acts_seen *as = p;
    if (as->n < 4)
        as->rows[as->n] = *r;
    as->n++;
    return 0;
}

typedef struct asn_seen {
    int n;
    netra_case_asn_row row;
} asn_seen;

static int on_asn(const netra_case_asn_row *r, void *p)
{
    asn_seen *an = p;
    an->row = *r;
    an->n++;
    return 0;
}

typedef struct custody_seen {
    netra_custody_row rows[4];
    int n;
} custody_seen;

static int on_custody(const netra_custody_row *k, void *payload)
{
    custody_seen *x = payload;
    if (x->n < 4)
        x->rows[x->n] = *k;
    x->n++;
    return 0;
}

static void test_evidence_asn(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t c1 = new_report(st, "2024-11-12", "32");
    int64_t c2 = new_report(st, "2024-11-14", "32");
    netra_actor a = {"analis.jabar", "analis", D("2024-11-14")};
    static const char shot[] = "\x89PNG fake screenshot bytes";
    char sum[65], sum2[65];
    int64_t e1, e2;
    assert_int_equal(netra_store_evidence_add(&e1, sum, st, c1, "screenshot", "image/png", shot,
                                              sizeof shot - 1, "https://x.com/a/1", &a),
                     NETRA_OK);
    assert_int_equal(netra_store_evidence_add(&e2, sum2, st, c2, "screenshot", "image/png", shot,
                                              sizeof shot - 1, "https://x.com/a/1", &a),
                     NETRA_OK);
    assert_string_equal(sum, sum2);
    assert_int_not_equal(e1, e2);
    int64_t blobs;
    assert_int_equal(netra_store_blob_count(&blobs, st), NETRA_OK);
    assert_int_equal(blobs, 1);
    assert_int_equal(netra_store_evidence_custody(st, e1, "diserahkan", "ke Bawaslu", &a),
                     NETRA_OK);
    custody_seen ks = {0};
    assert_int_equal(netra_store_evidence_custody_list(st, c1, e1, on_custody, &ks), NETRA_OK);
    assert_int_equal(ks.n, 2);
    assert_string_equal(ks.rows[0].action, "captured");
    assert_string_equal(ks.rows[0].note, sum); /* the capture records the content's hash */
    assert_string_equal(ks.rows[1].action, "diserahkan");
    assert_string_equal(ks.rows[1].note, "ke Bawaslu");
    assert_string_equal(ks.rows[1].actor, "analis.jabar");
    assert_true(ks.rows[0].id < ks.rows[1].id);
    /* another case's evidence, or none, reads as absent */
    assert_int_equal(netra_store_evidence_custody_list(st, c2, e1, on_custody, &ks),
                     NETRA_ENOTFOUND);
    assert_int_equal(netra_store_evidence_custody_list(st, c1, e2 + 100, on_custody, &ks),
                     NETRA_ENOTFOUND);
    assert_int_equal(ks.n, 2);
    netra_asn asn = {"198503102010011002", "Budi Santoso", "pns",
                     "Pemkot Bandung",     "camat_lurah",  "32.73.02",
                     "Wali Kota Bandung",  "@budi.s"};
    assert_int_equal(netra_store_case_add_asn(NULL, st, c1, &asn, &a), NETRA_OK);
    assert_int_equal(netra_store_case_add_asn(NULL, st, c2, &asn, &a), NETRA_OK);
    netra_asn wrong = asn;
    wrong.nip = "198513102010011002"; /* month 13 */
    assert_int_equal(netra_store_case_add_asn(NULL, st, c1, &wrong, &a), NETRA_EINVAL);
    nt_test_assert_msg("accused ASN: NIP");
    wrong.nip = "3273020101900001"; /* a NIK */
    assert_int_equal(netra_store_case_add_asn(NULL, st, c1, &wrong, &a), NETRA_EINVAL);
    nt_test_assert_msg("accused ASN: NIP");
    int n;
    assert_int_equal(netra_store_asn_case_count(&n, st, asn.nip), NETRA_OK);
    assert_int_equal(n, 2);
    netra_case_act ac = {"ajakan",   D("2024-11-10"), "32.73.02", "instagram", "https://x/1",
                         "Paslon 2", "pilkada-2024",  "kampanye", "D-8"};
    assert_int_equal(netra_store_case_add_act(NULL, st, c1, &ac, &a), NETRA_OK);
    /* stage and form computed by the law module: a like on 1 Oct 2024, Pilkada 2024 */
    netra_case_act like = {"like",     D("2024-10-01"), "32.73.02", "facebook", "https://fb/1",
                           "Paslon 1", "pilkada-2024",  NULL,       NULL};
    assert_int_equal(netra_store_case_add_act(NULL, st, c2, &like, &a), NETRA_OK);
    netra_case_act early = {"attend", D("2023-08-01"), "32", "", "", "", "pemilu-2024", NULL, NULL};
    assert_int_equal(netra_store_case_add_act(NULL, st, c2, &early, &a), NETRA_OK);
    netra_case_act unknown = {"dance", D("2024-10-01"), "32", "",  "",
                              "",      "pilkada-2024",  NULL, NULL};
    assert_int_equal(netra_store_case_add_act(NULL, st, c2, &unknown, &a), NETRA_EINVAL);
    nt_test_assert_msg("act 'dance'");
    acts_seen as = {0};
    assert_int_equal(netra_store_case_acts(st, c2, on_act, &as), NETRA_OK);
    assert_int_equal(as.n, 2);
    assert_string_equal(as.rows[0].form, "KE-3");
    assert_string_equal(as.rows[0].stage, "pencalonan");
    assert_string_equal(as.rows[1].form, "D-6");
    assert_string_equal(as.rows[1].stage, "kampanye");
    asn_seen an = {0};
    assert_int_equal(netra_store_case_asns(st, c2, on_asn, &an), NETRA_OK);
    assert_int_equal(an.n, 1);
    assert_string_equal(an.row.name, "Budi Santoso");
    assert_int_equal(an.row.n_cases, 2);
    int64_t entries, bad;
    assert_int_equal(netra_store_audit_verify(&entries, &bad, st), NETRA_OK);
    /* 2 cases, 2 evidence (custody + case entry each), 1 hand-over, 2 ASN links, 3 acts */
    assert_int_equal(entries, 2 + 2 * 2 + 1 + 2 + 3);
    timeline_seen tl = {0};
    assert_int_equal(netra_store_case_timeline(st, c2, on_event, &tl), NETRA_OK);
    assert_int_equal(tl.n, 5); /* terima_laporan, tambah_bukti, tambah_terlapor, 2 acts */
    assert_string_equal(tl.last, "tambah_perbuatan");
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

typedef struct case_custody_seen {
    int64_t evidence[16];
    netra_custody_row rows[16];
    int n;
} case_custody_seen;

static int on_case_custody(int64_t evidence_id, const netra_custody_row *k, void *payload)
{
    case_custody_seen *x = payload;
    if (x->n < 16) {
        x->evidence[x->n] = evidence_id;
        x->rows[x->n] = *k;
    }
    x->n++;
    return 0;
}

/* The custody of a whole case in one call: every piece's entries, grouped by piece and oldest
 * first although they were written interleaved, the same as each piece's own list; another
 * case's evidence is not there; the bound leaves out later pieces. */
static void test_case_custody(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t c1 = new_report(st, "2024-11-12", "32");
    int64_t c2 = new_report(st, "2024-11-14", "32");
    netra_actor a = {"analis.jabar", "analis", D("2024-11-14")};
    int64_t e[3], other;
    for (int i = 0; i < 3; i++) {
        char content[32];
        int len = snprintf(content, sizeof content, "\x89PNG piece %d", i);
        assert_int_equal(netra_store_evidence_add(&e[i], NULL, st, c1, "screenshot", "image/png",
                                                  content, (size_t)len, "", &a),
                         NETRA_OK);
    }
    assert_int_equal(netra_store_evidence_add(&other, NULL, st, c2, "screenshot", "image/png",
                                              "\x89PNG other", 10, "", &a),
                     NETRA_OK);
    /* round after round: piece i gets its entries in turns with the others (i + 1 of them) */
    for (int round = 0; round < 3; round++)
        for (int i = round; i < 3; i++) {
            char note[32];
            snprintf(note, sizeof note, "piece %d round %d", i, round);
            assert_int_equal(netra_store_evidence_custody(st, e[i], "diserahkan", note, &a),
                             NETRA_OK);
        }
    assert_int_equal(netra_store_evidence_custody(st, other, "diserahkan", "other", &a), NETRA_OK);

    case_custody_seen all = {0};
    assert_int_equal(netra_store_case_custody(st, c1, 0, on_case_custody, &all), NETRA_OK);
    assert_int_equal(all.n, 3 + 1 + 2 + 3); /* each capture and 1, 2, 3 entries */
    int at = 0;
    for (int i = 0; i < 3; i++) {
        custody_seen one = {0};
        assert_int_equal(netra_store_evidence_custody_list(st, c1, e[i], on_custody, &one),
                         NETRA_OK);
        assert_int_equal(one.n, 2 + i);
        assert_string_equal(one.rows[0].action, "captured");
        for (int j = 0; j < one.n; j++, at++) {
            assert_int_equal(all.evidence[at], e[i]);
            assert_int_equal(all.rows[at].id, one.rows[j].id);
            assert_string_equal(all.rows[at].at, one.rows[j].at);
            assert_string_equal(all.rows[at].actor, one.rows[j].actor);
            assert_string_equal(all.rows[at].action, one.rows[j].action);
            assert_string_equal(all.rows[at].note, one.rows[j].note);
            if (j > 0) {
                char want[32];
                snprintf(want, sizeof want, "piece %d round %d", i, j - 1);
                assert_string_equal(all.rows[at].note, want);
            }
        }
    }
    assert_int_equal(at, all.n);
    /* up to the second piece only */
    case_custody_seen two = {0};
    assert_int_equal(netra_store_case_custody(st, c1, e[1], on_case_custody, &two), NETRA_OK);
    assert_int_equal(two.n, 2 + 3);
    assert_int_equal(two.evidence[two.n - 1], e[1]);
    /* a case without evidence, and the other case's one piece */
    case_custody_seen none = {0};
    int64_t c3 = new_report(st, "2024-11-15", "32");
    assert_int_equal(netra_store_case_custody(st, c3, 0, on_case_custody, &none), NETRA_OK);
    assert_int_equal(none.n, 0);
    assert_int_equal(netra_store_case_custody(st, c2, 0, on_case_custody, &none), NETRA_OK);
    assert_int_equal(none.n, 2);
    assert_int_equal(none.evidence[1], other);
    assert_string_equal(none.rows[1].note, "other");
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

typedef struct found_asn {
    char nip[8][24];
    char name[8][96];
    size_t n;
} found_asn;

static int on_found_asn(const netra_asn_row *a, void *payload)
{
    found_asn *f = payload;
    if (f->n < 8) {
        snprintf(f->nip[f->n], sizeof f->nip[0], "%s", a->nip);
        snprintf(f->name[f->n], sizeof f->name[0], "%s", a->name);
    }
    f->n++;
    return 0;
}

static size_t find_asn(found_asn *f, int *more, netra_store *st, const char *q, size_t max)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(netra_store_asn_find(more, st, q, max, on_found_asn, f), NETRA_OK);
    return f->n;
}

/* Finding the accused by name (every word, any case, titles in between) or by the first
 * digits of a NIP; bad queries named; a bound that says there is more. */
static void test_asn_find(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    netra_actor ac = {"analis.jabar", "analis", D("2024-11-14")};
    static const netra_asn people[] = {
        {"198503102010011002", "Drs. BUDI SANTOSO, M.Pd.", "pns", "Pemkot Bandung", "camat_lurah",
         "32.73.02", "Wali Kota Bandung", ""},
        {"199001152015032001", "Siti Aminah", "pns", "Dinas Pendidikan", "fungsional", "32.04",
         "Bupati Bandung", ""},
        {"198712202011011003", "Budi Hartono", "pns", "Kecamatan Coblong", "pelaksana", "32.73.02",
         "Wali Kota Bandung", ""},
    };
    for (size_t i = 0; i < 3; i++) {
        int64_t c = new_report(st, "2024-11-12", "32");
        assert_int_equal(netra_store_case_add_asn(NULL, st, c, &people[i], &ac), NETRA_OK);
    }
    found_asn f;
    int more = -1;
    /* by name: ordered by name, case and titles ignored, words in any order, parts of words */
    assert_int_equal(find_asn(&f, &more, st, "budi", 10), 2);
    assert_int_equal(more, 0);
    assert_string_equal(f.name[0], "Budi Hartono");
    assert_string_equal(f.nip[1], "198503102010011002");
    assert_int_equal(find_asn(&f, NULL, st, "santoso BUDI", 10), 1);
    assert_string_equal(f.name[0], "Drs. BUDI SANTOSO, M.Pd.");
    assert_int_equal(find_asn(&f, NULL, st, "  budi, sant ", 10), 1);
    assert_int_equal(find_asn(&f, NULL, st, "aminah siti", 10), 1);
    assert_int_equal(find_asn(&f, NULL, st, "budi aminah", 10), 0);
    assert_int_equal(find_asn(&f, NULL, st, "wati", 10), 0);
    /* LIKE's own characters separate words, they are no patterns: "bu%di" is "bu di" */
    assert_int_equal(find_asn(&f, NULL, st, "bu%di", 10), 2);
    assert_int_equal(find_asn(&f, NULL, st, "ami_xx", 10), 0);
    /* by the first digits of a NIP, with the separators people write */
    assert_int_equal(find_asn(&f, NULL, st, "1985 0310", 10), 1);
    assert_string_equal(f.name[0], "Drs. BUDI SANTOSO, M.Pd.");
    assert_int_equal(find_asn(&f, NULL, st, "1990.0115.2015", 10), 1);
    assert_int_equal(find_asn(&f, NULL, st, "198503102010011002", 10), 1);
    assert_int_equal(find_asn(&f, NULL, st, "2015", 10), 0); /* a prefix, not a part */
    /* the bound */
    assert_int_equal(find_asn(&f, &more, st, "budi", 1), 1);
    assert_int_equal(more, 1);
    assert_string_equal(f.name[0], "Budi Hartono");
    /* queries with nothing to search, named */
    static const struct {
        const char *q, *msg;
    } bad[] = {
        {"", "a name or the digits of a NIP"},
        {"%%", "a name or the digits of a NIP"},
        {"b", "'b': a word of at least 2 characters"},
        {"budi s", "'s': a word of at least 2 characters"},
        {"123", "at least 4 digits"},
        {"1985031020100110021", "more digits than a NIP has"},
        {"aa bb cc dd ee ff gg", "more than 6 words"},
        {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
         "xxxxxxxxxxxxxxx",
         "longer than 100 bytes"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(netra_store_asn_find(NULL, st, bad[i].q, 10, on_found_asn, &f),
                         NETRA_EINVAL);
        nt_test_assert_msg(bad[i].msg);
        nt_test_assert_msg("query: ");
    }
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* The evidence of a case and the custody of its pieces are read through their indexes
 * (migration 8), not by walking the tables: SQLite's plan of the store's two custody
 * queries names them; on PostgreSQL (whose planner may rightly scan a table this small)
 * the indexes exist in the store's schema. */
static void test_evidence_indexes(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    netra_store_close(st);
    if (T.pg) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes WHERE "
                 "schemaname = '%s' AND indexname IN ('evidence_case', 'custody_evidence')",
                 nt_test_store_schema(path));
        PGresult *r = PQexec(T.admin, sql);
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            fail_msg("%s", PQresultErrorMessage(r));
        const char *defs = PQgetvalue(r, 0, 0);
        assert_non_null(strstr(defs, "custody_evidence ON "));
        assert_non_null(strstr(defs, "(evidence_id, id)"));
        assert_non_null(strstr(defs, "evidence_case ON "));
        assert_non_null(strstr(defs, "(case_id, id)"));
        PQclear(r);
        nt_test_store_rm(&T, path);
        return;
    }
    static const char *const queries[] = {
        "EXPLAIN QUERY PLAN SELECT e.id, k.id FROM evidence e JOIN custody k ON k.evidence_id = "
        "e.id WHERE e.case_id = 1 AND e.id <= 9 ORDER BY e.id, k.id",
        "EXPLAIN QUERY PLAN SELECT e.id, k.id FROM evidence e LEFT JOIN custody k ON "
        "k.evidence_id = e.id WHERE e.id = 1 AND e.case_id = 1 ORDER BY k.id",
    };
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(db, queries[i], -1, &q, NULL), SQLITE_OK);
        char plan[1024] = "";
        size_t used = 0;
        while (sqlite3_step(q) == SQLITE_ROW && used < sizeof plan) {
            const char *d = (const char *)sqlite3_column_text(q, 3);
            int w = snprintf(plan + used, sizeof plan - used, "%s;", d ? d : "");
            used += w > 0 ? (size_t)w : 0;
        }
        sqlite3_finalize(q);
        if (strstr(plan, "custody_evidence") == NULL || strstr(plan, "SCAN k") != NULL ||
            (i == 0 && strstr(plan, "evidence_case") == NULL))
            fail_msg("query %zu is not read through the evidence indexes: %s", i, plan);
    }
    sqlite3_close(db);
    nt_test_store_rm(&T, path);
}

/* Builds a database with 5 audit entries, tampers with it through sqlite3, and expects
 * netra_store_audit_verify to name entry `bad`. */
static void tamper(const char *sql, int64_t want_bad, const char *needle)
{
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    int64_t id = new_report(st, "2024-11-12", "32");
    netra_case_field reg[] = {{"nomor_registrasi", "1"}, {NULL, NULL}};
    act(st, id, "registrasi", "panwas_kecamatan", "2024-11-13", reg);
    act(st, id, "mulai_klarifikasi", "panwas_kecamatan", "2024-11-13", NULL);
    netra_case_field x[] = {{"alasan", "a"}, {NULL, NULL}};
    act(st, id, "perpanjang", "panwas_kecamatan", "2024-11-14", x);
    act(st, id, "hentikan", "panwas_kecamatan", "2024-11-15", x);
    int64_t entries, bad;
    assert_int_equal(netra_store_audit_verify(&entries, &bad, st), NETRA_OK);
    assert_int_equal(entries, 5);
    netra_store_close(st);
    nt_test_store_exec(&T, path, sql);
    st = nt_test_store_open(&T, path, 1);
    assert_int_equal(netra_store_audit_verify(&entries, &bad, st), NETRA_EDATA);
    assert_int_equal(bad, want_bad);
    nt_test_assert_msg(needle);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

static void test_audit_tampering(void **state)
{
    (void)state;
    tamper("UPDATE audit SET after = replace(after, 'kajian_awal', 'dihentikan') WHERE seq = 1", 1,
           "audit entry 1: hash does not match its content (edited)");
    tamper("UPDATE audit SET actor = 'someone.else' WHERE seq = 3", 3, "entry 3");
    tamper("UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 4", 4, "(edited)");
    tamper("DELETE FROM audit WHERE seq = 2", 2, "audit entry 2: missing or out of order");
    tamper("DELETE FROM audit WHERE seq = 5", 5,
           "the chain ends at entry 4 but the recorded head is entry 5");
    /* reorder: entries 2 and 3 swap places */
    tamper("UPDATE audit SET seq = 100 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; "
           "UPDATE audit SET seq = 3 WHERE seq = 100",
           2, "audit entry 2");
    tamper("UPDATE meta SET value = 'x' WHERE key = 'audit_head'", 0, "audit_head is malformed");
    /* a changed stored hash (one digit flipped, never a no-op) */
    tamper("UPDATE audit SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) "
           "|| substr(hash, 2) WHERE seq = 2",
           2, "entry 2");
}

static void test_migration_checksum(void **state)
{
    (void)state;
    char path[384];
    nt_test_store_path(&T, path, sizeof path);
    netra_store *st = nt_test_store_open(&T, path, 1);
    netra_store_close(st);
    nt_test_store_exec(&T, path, "UPDATE schema_migrations SET checksum = 'abc' WHERE version = 1");
    netra_store_config cfg = {T.wf, T.cal, &T.key, NULL};
    assert_int_equal(netra_store_open(&st, path, &cfg), NETRA_ESTORAGE);
    assert_null(st);
    nt_test_assert_msg("migration 1 was applied with checksum abc");
    nt_test_store_rm(&T, path);
    /* a database from a newer build: a migration this build does not know */
    nt_test_store_path(&T, path, sizeof path);
    st = nt_test_store_open(&T, path, 1);
    netra_store_close(st);
    nt_test_store_exec(&T, path,
                       "INSERT INTO schema_migrations(version, checksum) VALUES (99, 'f')");
    assert_int_equal(netra_store_open(&st, path, &cfg), NETRA_ESTORAGE);
    nt_test_assert_msg("database has migration 99, this build knows 1..");
    nt_test_store_rm(&T, path);
    /* a PostgreSQL location is a URI; an unreachable server is a storage error naming it */
    assert_int_equal(netra_store_open(&st, "postgresql:netra", &cfg), NETRA_EINVAL);
    nt_test_assert_msg("a PostgreSQL location is a URI");
    assert_int_equal(
        netra_store_open(&st, "postgresql://127.0.0.1:1/netra?connect_timeout=5", &cfg),
        NETRA_ESTORAGE);
    assert_null(st);
    nt_test_assert_msg("postgresql: ");
}

/* Allocation failure anywhere in open, case creation (with an encrypted reporter), an action,
 * the audit verification and the export gives NETRA_ENOMEM and leaks nothing. SQLite's own memory
 * is not ours to fail; this walks every allocation of libnetra. */
static int store_walk(void *payload)
{
    (void)payload;
    netra_store_config cfg = {T.wf, T.cal, &T.key, NULL};
    netra_store *st;
    char loc[384] = ":memory:";
    if (T.pg)
        nt_test_store_path(&T, loc, sizeof loc);
    int err = netra_store_open(&st, loc, &cfg);
    if (err < 0) {
        if (T.pg)
            nt_test_store_rm(&T, loc);
        return err;
    }
    netra_case_field f[] = {{"pelapor", IDENTITY},
                            {"kontak_pelapor", CONTACT},
                            {"terlapor", "T"},
                            {"waktu_kejadian", "W"},
                            {"tempat_kejadian", "P"},
                            {"uraian", "U \"quoted\""},
                            {"tanggal_diketahui", "2024-03-15"},
                            {NULL, NULL}};
    netra_case_new c = {"terima_laporan", "pemilu", "pemilu-2024", "32", "t", 0};
    netra_actor a = {"x", "panwas_kecamatan", 19800};
    int64_t id;
    netra_case_field reg[] = {{"nomor_registrasi", "1"}, {NULL, NULL}};
    int64_t n, bad;
    if ((err = netra_store_case_new(&id, st, &c, f, &a)) == 0 &&
        (err = netra_store_case_act(st, id, 1, "registrasi", reg, &a)) == 0)
        err = netra_store_audit_verify(&n, &bad, st);
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull == NULL)
        err = NETRA_EIO;
    for (int fmt = 0; err == 0 && fmt < 2; fmt++)
        err = netra_store_export(NULL, st, (netra_export_format)fmt, devnull);
    if (devnull != NULL)
        fclose(devnull);
    netra_store_close(st);
    if (T.pg)
        nt_test_store_rm(&T, loc);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(store_walk, NULL) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_flow),         cmocka_unit_test(test_illegal_and_conflict),
        cmocka_unit_test(test_reporter_encrypted), cmocka_unit_test(test_keys),
        cmocka_unit_test(test_intake_checks),      cmocka_unit_test(test_evidence_asn),
        cmocka_unit_test(test_audit_tampering),    cmocka_unit_test(test_migration_checksum),
        cmocka_unit_test(test_alloc_failures),     cmocka_unit_test(test_concurrent_writers),
        cmocka_unit_test(test_list_pages),         cmocka_unit_test(test_case_custody),
        cmocka_unit_test(test_evidence_indexes),   cmocka_unit_test(test_asn_find),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
