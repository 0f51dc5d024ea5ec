/* Unit tests for src/lib/auth and the account tables of the store: the office kinds as
 * data, the region-prefix rule, offices checked against the hierarchy and the Kemendagri
 * codes, the password policy and Argon2id, sessions (idle and absolute expiry, CSRF,
 * logout), API tokens (only the hash stored, revocation), login throttling per login and
 * per address in a sliding window with a doubling lock (an injected clock, no sleeping),
 * agency scope, the role x action grants read from the workflow data, the audited reporter
 * read, and allocation failures. On SQLite and, with NETRA_TEST_BACKEND=pg, on PostgreSQL
 * (each store a fresh schema of the test cluster, tests/pg/cluster.sh). */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <libpq-fe.h>

#include "util/util_int.h"
#include "netra/auth.h"
#include "auth/cache_int.h"
#include "failalloc.h"
#include "pgtest.h"

static netra_workflow *wf;
static netra_calendar *cal;
static netra_regions *regs;
static netra_org *org;
static netra_key key;
static char dir[64];
static int dbn;
static int64_t fake_now = 1730700000; /* 2024-11-04 */
static int pg;                        /* 1 when the tests run on PostgreSQL */
static char pg_url[256];              /* the test cluster's database */
static PGconn *pg_admin;              /* the tests' own connection: schemas */

static int pg_setup(void)
{
    return nt_test_pg_connect(pg_url, sizeof pg_url, &pg_admin);
}

static void pg_exec(const char *sql)
{
    nt_test_pg_exec(pg_admin, sql);
}

/* 1 when `needle` is in a text column of the account tables of a PostgreSQL store. */
static int pg_accounts_have(const char *path, const char *needle)
{
    const char *schema = strstr(path, "%3D");
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT concat((SELECT string_agg(u::text, '') FROM %s.users u), (SELECT "
             "string_agg(t::text, '') FROM %s.api_tokens t), (SELECT string_agg(s::text, '') "
             "FROM %s.sessions s))",
             schema + 3, schema + 3, schema + 3);
    PGresult *r = PQexec(pg_admin, sql);
    int found = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
                strstr(PQgetvalue(r, 0, 0), needle) != NULL;
    PQclear(r);
    return found;
}

#define PW "kata-sandi-rahasia-1"

static int64_t clock_fn(void *payload)
{
    (void)payload;
    return fake_now;
}

static const netra_actor admin = {"admin", "admin", 0};

static int setup(void **state)
{
    (void)state;
    const char *backend = getenv("NETRA_TEST_BACKEND");
    pg = backend != NULL && strcmp(backend, "pg") == 0;
    if (pg && pg_setup() < 0)
        return -1;
    if (netra_workflow_load(&wf, NULL) != NETRA_OK || netra_calendar_load(&cal, NULL) != NETRA_OK ||
        netra_regions_load(&regs, NULL) != NETRA_OK || netra_org_load(&org, NULL, wf) != NETRA_OK)
        return -1;
    for (int i = 0; i < 32; i++)
        key.bytes[i] = (unsigned char)(i * 5 + 3);
    snprintf(dir, sizeof dir, "/tmp/netra-auth-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    netra_org_free(org);
    netra_regions_free(regs);
    netra_workflow_free(wf);
    netra_calendar_free(cal);
    rmdir(dir);
    if (pg_admin != NULL)
        PQfinish(pg_admin);
    return 0;
}

typedef struct db {
    char path[384];
    netra_store *st;
    netra_auth *au;
} db;

static netra_auth_config test_config(void)
{
    netra_auth_config c;
    memset(&c, 0, sizeof c);
    c.pwhash_opslimit = 1;
    c.pwhash_memlimit = 8192;
    c.weak_hash_for_tests = 1;
    c.now = clock_fn;
    return c;
}

static int db_open_rc(db *d)
{
    ++dbn;
    if (pg) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS a%ld_%d CASCADE; CREATE SCHEMA a%ld_%d",
                 (long)getpid(), dbn, (long)getpid(), dbn);
        pg_exec(sql);
        snprintf(d->path, sizeof d->path, "%s%soptions=-csearch_path%%3Da%ld_%d", pg_url,
                 strchr(pg_url, '?') ? "&" : "?", (long)getpid(), dbn);
    } else {
        snprintf(d->path, sizeof d->path, "%s/a%d.db", dir, dbn);
    }
    netra_store_config cfg = {wf, cal, &key, NULL};
    d->st = NULL;
    d->au = NULL;
    int err = netra_store_open(&d->st, d->path, &cfg);
    netra_auth_config c = test_config();
    if (err == 0)
        err = netra_auth_open(&d->au, d->st, org, &c);
    return err;
}

static void db_close(db *d)
{
    char p[400];
    netra_auth_close(d->au);
    netra_store_close(d->st);
    if (pg) {
        const char *schema = strstr(d->path, "%3D");
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema ? schema + 3 : "x");
        pg_exec(sql);
        return;
    }
    unlink(d->path);
    snprintf(p, sizeof p, "%s-wal", d->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", d->path);
    unlink(p);
}

static void db_open(db *d)
{
    if (db_open_rc(d) != NETRA_OK)
        fail_msg("open: %s", netra_error_last()->msg);
}

static int64_t office(db *d, const char *kind, const char *name, const char *region,
                      const char *agency, int64_t parent)
{
    netra_office_new o = {kind, name, region, agency, parent, NULL};
    int64_t id = 0;
    if (netra_office_add(&id, d->au, regs, &o, &admin) != NETRA_OK)
        fail_msg("office %s: %s", name, netra_error_last()->msg);
    return id;
}

static void user(db *d, const char *login, int64_t office_id)
{
    netra_user_new u = {login, login, office_id, PW, NULL};
    if (netra_user_add(NULL, d->au, &u, &admin) != NETRA_OK)
        fail_msg("user %s: %s", login, netra_error_last()->msg);
}

/* The Bawaslu line from RI down to Panwaslu Kecamatan Cileunyi, and two PPK offices. */
typedef struct tree {
    int64_t ri, jabar, kab_bandung, cileunyi, jatim, ppk_kab, ppk_kota, hr_kab, satgas, adm;
} tree;

static tree build(db *d)
{
    tree t;
    t.ri = office(d, "bawaslu_ri", "Bawaslu RI", NULL, NULL, 0);
    t.jabar = office(d, "bawaslu_provinsi", "Bawaslu Provinsi Jawa Barat", "32", NULL, t.ri);
    t.jatim = office(d, "bawaslu_provinsi", "Bawaslu Provinsi Jawa Timur", "35", NULL, t.ri);
    t.kab_bandung =
        office(d, "bawaslu_kabkota", "Bawaslu Kabupaten Bandung", "3204", NULL, t.jabar);
    t.cileunyi = office(d, "panwaslu_kecamatan", "Panwaslu Kecamatan Cileunyi", "32.04.05", NULL,
                        t.kab_bandung);
    t.ppk_kab = office(d, "ppk", "PPK Pemkab Bandung", NULL, "Pemkab Bandung", 0);
    t.ppk_kota = office(d, "ppk", "PPK Pemkot Bandung", "32.73", "Pemkot Bandung", 0);
    t.hr_kab =
        office(d, "sdm_instansi", "BKPSDM Kabupaten Bandung", NULL, "Pemkab Bandung", t.ppk_kab);
    t.satgas = office(d, "satgas_netralitas", "Satgas Netralitas ASN", NULL, NULL, 0);
    t.adm = office(d, "admin", "Administrator Netra", NULL, NULL, 0);
    return t;
}

/* ---- region prefix rule ------------------------------------------------------------------ */

static void test_region_covers(void **state)
{
    (void)state;
    assert_true(netra_region_covers("", ""));
    assert_true(netra_region_covers("", "32.04.05"));
    assert_true(netra_region_covers(NULL, "35"));
    assert_true(netra_region_covers("32", "32"));
    assert_true(netra_region_covers("32", "32.04"));
    assert_true(netra_region_covers("32", "32.04.05"));
    assert_false(netra_region_covers("32", "3"));
    assert_false(netra_region_covers("32", "320"));
    assert_false(netra_region_covers("32", "320.1"));
    assert_false(netra_region_covers("32", "33.01"));
    assert_false(netra_region_covers("32", ""));
    assert_false(netra_region_covers("3", "32"));
    assert_false(netra_region_covers("3", "32.04"));
    assert_false(netra_region_covers("320", "32"));
    assert_false(netra_region_covers("320", "32.04"));
    assert_true(netra_region_covers("32.04", "32.04.05"));
    assert_false(netra_region_covers("32.04", "32.0"));
    assert_false(netra_region_covers("32.04", "32.041"));
    assert_false(netra_region_covers("32.04", "32"));
    assert_false(netra_region_covers("32.04.05", "32.04"));
}

/* ---- office kinds -------------------------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_org_data(void **state)
{
    (void)state;
    assert_int_equal(netra_org_n_kinds(org), 10);
    for (size_t i = 0; i < netra_org_n_kinds(org); i++) {
        const netra_office_kind *k = netra_org_kind_at(org, i);
        assert_non_null(netra_workflow_role(wf, k->role));
        assert_true(strlen(k->basis) > 5);
    }
    const netra_office_kind *k = netra_org_kind(org, "bawaslu_provinsi");
    assert_non_null(k);
    assert_int_equal(k->level, NETRA_OFFICE_PROVINCE);
    assert_string_equal(k->parent, "bawaslu_ri");
    assert_string_equal(netra_org_kind(org, "panwaslu_kecamatan")->role, "panwas_kecamatan");
    assert_int_equal(netra_org_kind(org, "ppk")->agency, 1);
    assert_int_equal(netra_org_kind(org, "admin")->cases, 0);
    assert_null(netra_org_kind(org, "kpu"));
    assert_ptr_equal(netra_org_workflow(org), wf);

    /* Malformed tables are refused with file:line: field. */
    char d[128], p[160];
    snprintf(d, sizeof d, "%s/org", dir);
    mkdir(d, 0700);
    snprintf(p, sizeof p, "%s/offices.tsv", d);
    const char *head = "kind\trole\tlevel\tparent\tagency\tcases\tlabel_id\tlabel_en\tbasis\n";
    const struct {
        const char *row, *msg;
    } bad[] = {
        {"x\tkpu\tnasional\t-\t0\t1\tX\tX\tUU\n", "offices.tsv:2: field 'role'"},
        {"x\tppk\tdesa\t-\t0\t1\tX\tX\tUU\n", "field 'level'"},
        {"x\tppk\tbebas\ty\t0\t1\tX\tX\tUU\n", "offices.tsv:2: field 'parent'"},
        {"x\tppk\tbebas\t-\t2\t1\tX\tX\tUU\n", "field 'agency'"},
        {"x\tppk\tbebas\t-\t0\t1\tX\tX\t\n", "field 'basis'"},
        {"x\tppk\tbebas\t-\t0\t1\tX\tX\tUU\nx\tppk\tbebas\t-\t0\t1\tX\tX\tUU\n",
         "offices.tsv:3: field 'kind'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", head, bad[i].row);
        write_file(p, text);
        netra_org *o = NULL;
        assert_int_equal(netra_org_load(&o, d, wf), NETRA_EDATA);
        nt_test_assert_msg(bad[i].msg);
        assert_null(o);
    }
    unlink(p);
    rmdir(d);
}

/* ---- offices ----------------------------------------------------------------------------- */

static void expect_office_err(db *d, int code, const char *msg, const char *kind,
                              const char *region, const char *agency, int64_t parent)
{
    netra_office_new o = {kind, "Kantor Uji", region, agency, parent, NULL};
    assert_int_equal(netra_office_add(NULL, d->au, regs, &o, &admin), code);
    nt_test_assert_msg(msg);
}

static void test_offices(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    netra_office o;
    assert_int_equal(netra_office_get(&o, d.au, t.kab_bandung), NETRA_OK);
    assert_string_equal(o.region, "32.04"); /* normalised from "3204" */
    assert_int_equal(o.parent, t.jabar);
    assert_string_equal(o.kind, "bawaslu_kabkota");

    expect_office_err(&d, NETRA_EINVAL, "needs a kabkota code", "bawaslu_kabkota", "32", NULL,
                      t.jabar);
    expect_office_err(&d, NETRA_EINVAL, "is a bawaslu_ri office", "bawaslu_kabkota", "32.04", NULL,
                      t.ri);
    expect_office_err(&d, NETRA_EINVAL, "does not cover region '35.78'", "bawaslu_kabkota", "35.78",
                      NULL, t.jabar);
    expect_office_err(&d, NETRA_EINVAL, "needs its bawaslu_provinsi office", "bawaslu_kabkota",
                      "32.73", NULL, 0);
    expect_office_err(&d, NETRA_EINVAL, "national and has no region", "bawaslu_ri", "32", NULL, 0);
    expect_office_err(&d, NETRA_ENOTFOUND, "field 'region'", "bawaslu_provinsi", "98", NULL, t.ri);
    expect_office_err(&d, NETRA_EINVAL, "field 'region'", "bawaslu_provinsi", "3x", NULL, t.ri);
    expect_office_err(&d, NETRA_EINVAL, "field 'agency': required", "ppk", NULL, NULL, 0);
    expect_office_err(&d, NETRA_EINVAL, "belongs to no agency", "analis", NULL, "Pemkab X", 0);
    expect_office_err(&d, NETRA_EINVAL, "has no parent office", "ppk", NULL, "Pemkab X", t.ri);
    expect_office_err(&d, NETRA_EINVAL, "belongs to 'Pemkab Bandung'", "sdm_instansi", NULL,
                      "Pemkab Garut", t.ppk_kab);
    expect_office_err(&d, NETRA_EINVAL, "field 'kind'", "kpu", NULL, NULL, 0);
    expect_office_err(&d, NETRA_ENOTFOUND, "field 'parent'", "bawaslu_provinsi", "33", NULL, 999);
    netra_office_new dup = {"analis", "Bawaslu RI", NULL, NULL, 0, NULL};
    assert_int_equal(netra_office_add(NULL, d.au, regs, &dup, &admin), NETRA_ECONFLICT);
    nt_test_assert_msg("field 'name'");
    db_close(&d);
}

/* ---- passwords ----------------------------------------------------------------------------- */

static void test_password_policy(void **state)
{
    (void)state;
    assert_int_equal(netra_password_policy("abcdefghij", NULL), NETRA_OK);
    assert_int_equal(netra_password_policy("abcdefghi", NULL), NETRA_EINVAL);
    nt_test_assert_msg("9 characters, at least 10");
    /* characters, not bytes: ten é are ten characters, nine are not enough */
    assert_int_equal(netra_password_policy("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
                                           "\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                                           NULL),
                     NETRA_OK);
    assert_int_equal(netra_password_policy("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
                                           "\xa9\xc3\xa9\xc3\xa9",
                                           NULL),
                     NETRA_EINVAL);
    assert_int_equal(netra_password_policy("Analis.Jabar", "analis.jabar"), NETRA_EINVAL);
    nt_test_assert_msg("may not be the login");
    assert_int_equal(netra_password_policy("abcdefghij\x01", NULL), NETRA_EINVAL);
    nt_test_assert_msg("byte 10");
    assert_int_equal(netra_password_policy("abcdefghij\xff", NULL), NETRA_EINVAL);
    char longpw[NETRA_PASSWORD_MAX + 2];
    memset(longpw, 'a', sizeof longpw - 1);
    longpw[sizeof longpw - 1] = '\0';
    assert_int_equal(netra_password_policy(longpw, NULL), NETRA_EINVAL);
    nt_test_assert_msg("longer than 256 bytes");
    longpw[NETRA_PASSWORD_MAX] = '\0';
    assert_int_equal(netra_password_policy(longpw, NULL), NETRA_OK);

    assert_int_equal(netra_login_check("analis.jabar"), NETRA_OK);
    assert_int_equal(netra_login_check("Analis"), NETRA_EINVAL);
    nt_test_assert_msg("byte 0");
    assert_int_equal(netra_login_check(".abc"), NETRA_EINVAL);
    assert_int_equal(netra_login_check("ab"), NETRA_EINVAL);
    assert_int_equal(netra_login_check("ab c"), NETRA_EINVAL);
    nt_test_assert_msg("byte 2");
}

static void test_hash_verify(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    char h1[NETRA_PWHASH_STRLEN], h2[NETRA_PWHASH_STRLEN];
    assert_int_equal(netra_password_hash(h1, d.au, PW), NETRA_OK);
    assert_int_equal(netra_password_hash(h2, d.au, PW), NETRA_OK);
    assert_memory_equal(h1, "$argon2id$", 10);
    assert_string_not_equal(h1, h2); /* salted */
    assert_int_equal(netra_password_verify(h1, PW), NETRA_OK);
    assert_int_equal(netra_password_verify(h2, PW), NETRA_OK);
    assert_int_equal(netra_password_verify(h1, "kata-sandi-rahasia-2"), NETRA_EPERM);
    assert_int_equal(netra_password_verify("$argon2id$garbage", PW), NETRA_EPERM);

    /* The documented cost: Argon2id, 64 MiB, 3 passes; a weaker one only for tests. */
    netra_auth *au = NULL;
    assert_int_equal(netra_auth_open(&au, d.st, org, NULL), NETRA_OK);
    assert_int_equal(netra_password_hash(h1, au, PW), NETRA_OK);
    assert_non_null(strstr(h1, "$argon2id$v=19$m=65536,t=3,"));
    assert_int_equal(netra_password_verify(h1, PW), NETRA_OK);
    netra_auth_close(au);
    netra_auth_config weak = test_config();
    weak.weak_hash_for_tests = 0;
    assert_int_equal(netra_auth_open(&au, d.st, org, &weak), NETRA_EINVAL);
    nt_test_assert_msg("for tests only");
    db_close(&d);
}

/* ---- users and sessions -------------------------------------------------------------------- */

static int login(db *d, netra_session *s, int64_t *retry, const char *who, const char *pw,
                 const char *client)
{
    return netra_auth_login(s, retry, d->au, who, pw, client);
}

static void test_sessions(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    user(&d, "panwas.cileunyi", t.cileunyi);
    netra_user_new bad = {"panwas.cileunyi", "X", t.cileunyi, PW, NULL};
    assert_int_equal(netra_user_add(NULL, d.au, &bad, &admin), NETRA_ECONFLICT);
    bad.login = "baru";
    bad.office = 999;
    assert_int_equal(netra_user_add(NULL, d.au, &bad, &admin), NETRA_ENOTFOUND);
    nt_test_assert_msg("field 'office'");
    bad.office = t.cileunyi;
    bad.password = "pendek";
    assert_int_equal(netra_user_add(NULL, d.au, &bad, &admin), NETRA_EINVAL);

    fake_now = 1730700000;
    netra_session s;
    int64_t retry = -1;
    assert_int_equal(login(&d, &s, &retry, "panwas.cileunyi", "salah-sandi-123", "10.0.0.1"),
                     NETRA_EPERM);
    nt_test_assert_msg("login or password is wrong");
    assert_int_equal(retry, 0);
    assert_int_equal(login(&d, &s, &retry, "Panwas.Cileunyi", PW, "10.0.0.1"), NETRA_OK);
    assert_int_equal(strlen(s.token), 43);
    assert_int_equal(strlen(s.csrf), 43);
    assert_int_equal(s.expires_idle, fake_now + 1800);
    assert_int_equal(s.expires_absolute, fake_now + 43200);
    netra_user u;
    assert_int_equal(netra_user_get(&u, d.au, "panwas.cileunyi"), NETRA_OK);
    assert_true(u.last_login[0] != '\0');

    netra_principal p;
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK);
    assert_string_equal(p.login, "panwas.cileunyi");
    assert_string_equal(p.role, "panwas_kecamatan");
    assert_string_equal(p.region, "32.04.05");
    assert_string_equal(p.office_kind, "panwaslu_kecamatan");
    assert_int_equal(p.reporter_access, 1);
    assert_int_equal(p.session_id, s.id);

    /* CSRF: this session's token only, compared in constant time. */
    assert_int_equal(netra_auth_csrf_check(d.au, s.id, s.csrf), NETRA_OK);
    assert_int_equal(netra_auth_csrf_check(d.au, s.id, s.token), NETRA_EPERM);
    assert_int_equal(netra_auth_csrf_check(d.au, s.id, NULL), NETRA_EPERM);
    assert_int_equal(netra_auth_csrf_check(d.au, s.id, ""), NETRA_EPERM);

    /* Idle expiry: used within 30 minutes it lives on, idle for 30 minutes it ends. */
    fake_now += 1799;
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK);
    fake_now += 1799;
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK);
    fake_now += 1800;
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_EPERM);
    nt_test_assert_msg("expired");
    assert_int_equal(netra_auth_csrf_check(d.au, s.id, s.csrf), NETRA_EPERM);

    /* Absolute expiry: used every 20 minutes, it still ends 12 hours after login. */
    int64_t start = fake_now;
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    while (fake_now + 1200 < start + 43200) {
        fake_now += 1200;
        assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK);
    }
    fake_now = start + 43200;
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_EPERM);

    /* Logout ends one session; unknown tokens are simply refused. */
    netra_session s2;
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(login(&d, &s2, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(netra_auth_logout(d.au, s.token, "10.0.0.9"), NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_EPERM);
    assert_int_equal(netra_auth_session(&p, d.au, s2.token), NETRA_OK);
    assert_int_equal(netra_auth_logout(d.au, s.token, "10.0.0.9"), NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, "bukan-token"), NETRA_EPERM);

    /* A password change ends every session; the old password no longer works. */
    assert_int_equal(
        netra_user_set_password(d.au, "panwas.cileunyi", "sandi-baru-yang-panjang", &admin),
        NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, s2.token), NETRA_EPERM);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_EPERM);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", "sandi-baru-yang-panjang", NULL),
                     NETRA_OK);
    assert_int_equal(netra_user_set_password(d.au, "panwas.cileunyi", "panwas.cileunyi", &admin),
                     NETRA_EINVAL);

    /* Disabling ends the sessions and refuses logins with the same answer as a bad password. */
    assert_int_equal(netra_user_set_disabled(d.au, "panwas.cileunyi", 1, &admin), NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_EPERM);
    assert_int_equal(login(&d, &s, &retry, "panwas.cileunyi", "sandi-baru-yang-panjang", NULL),
                     NETRA_EPERM);
    nt_test_assert_msg("login or password is wrong");
    assert_int_equal(netra_auth_principal(&p, d.au, "panwas.cileunyi"), NETRA_EPERM);
    assert_int_equal(netra_user_set_disabled(d.au, "panwas.cileunyi", 0, &admin), NETRA_OK);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", "sandi-baru-yang-panjang", NULL),
                     NETRA_OK);

    /* Every account change is in the audit chain, which stays valid. */
    int64_t n, bad_seq;
    assert_int_equal(netra_store_audit_verify(&n, &bad_seq, d.st), NETRA_OK);
    assert_true(n >= 10 + 1 + 1 + 2);
    db_close(&d);
}

/* ---- throttling ----------------------------------------------------------------------------- */

static void test_throttle(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    user(&d, "analis.satu", t.satgas);
    netra_session s;
    int64_t retry;
    fake_now = 1800000000;
    /* Four failures: no lock. The fifth locks for 30 s, for a real and an unknown login alike. */
    const char *who[] = {"analis.satu", "tidak.ada"};
    for (int w = 0; w < 2; w++) {
        int64_t t0 = fake_now;
        for (int i = 0; i < 4; i++) {
            assert_int_equal(login(&d, &s, &retry, who[w], "salah-salah-1", NULL), NETRA_EPERM);
            assert_int_equal(retry, 0);
            fake_now += 10;
        }
        assert_int_equal(login(&d, &s, &retry, who[w], "salah-salah-1", NULL), NETRA_EPERM);
        assert_int_equal(retry, 30);
        fake_now += 10;
        /* Locked: even the right password is refused, saying how long to wait. */
        assert_int_equal(login(&d, &s, &retry, who[w], PW, NULL), NETRA_EPERM);
        assert_int_equal(retry, 20);
        nt_test_assert_msg("try again in 20 s");
        fake_now += 20;
        /* Each further failure in the window doubles the lock: 60, 120, ... up to 900 s. */
        int64_t want[] = {60, 120, 240, 480, 900, 900};
        for (int i = 0; i < 6; i++) {
            assert_int_equal(login(&d, &s, &retry, who[w], "salah-salah-1", NULL), NETRA_EPERM);
            assert_int_equal(retry, want[i]);
            fake_now += want[i];
            if (fake_now - t0 > 800)
                break;
        }
        fake_now = t0 + 5000; /* the window has slid past every failure */
        assert_int_equal(login(&d, &s, &retry, who[w], "salah-salah-1", NULL), NETRA_EPERM);
        assert_int_equal(retry, 0);
    }
    /* The lock ends; a success clears the login's failures. */
    fake_now += 1000;
    for (int i = 0; i < 4; i++)
        assert_int_equal(login(&d, &s, &retry, "analis.satu", "salah-salah-1", NULL), NETRA_EPERM);
    assert_int_equal(login(&d, &s, &retry, "analis.satu", PW, NULL), NETRA_OK);
    assert_int_equal(login(&d, &s, &retry, "analis.satu", "salah-salah-1", NULL), NETRA_EPERM);
    assert_int_equal(retry, 0);

    /* Sliding window: a failure every 4 minutes never reaches five in 15 minutes. */
    fake_now += 2000;
    for (int i = 0; i < 12; i++) {
        assert_int_equal(login(&d, &s, &retry, "analis.satu", "salah-salah-1", NULL), NETRA_EPERM);
        assert_int_equal(retry, 0);
        fake_now += 240;
    }

    /* Per address: five logins tried from one address lock the address, not the others. */
    fake_now += 2000;
    char name[32];
    for (int i = 0; i < 5; i++) {
        snprintf(name, sizeof name, "tebakan.%d", i);
        assert_int_equal(login(&d, &s, &retry, name, "salah-salah-1", "203.0.113.9"), NETRA_EPERM);
    }
    assert_int_equal(retry, 30);
    assert_int_equal(login(&d, &s, &retry, "analis.satu", PW, "203.0.113.9"), NETRA_EPERM);
    assert_int_equal(retry, 30);
    assert_int_equal(login(&d, &s, &retry, "analis.satu", PW, "198.51.100.7"), NETRA_OK);
    assert_int_equal(retry, 0);
    db_close(&d);
}

/* ---- API tokens ---------------------------------------------------------------------------- */

static int count_tokens(const netra_api_token *t, void *payload)
{
    int *n = payload;
    (*n)++;
    assert_string_equal(t->login, "pemindai");
    return 0;
}

static int file_has(const char *path, const char *needle)
{
    char *data;
    size_t len;
    if (nt_file_read(&data, &len, path, 64u << 20) != 0)
        return -1;
    int found = memmem(data, len, needle, strlen(needle)) != NULL;
    nt_free(data);
    return found;
}

static void test_tokens(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    int64_t an = office(&d, "analis", "Tim Analis Jawa Barat", "32", NULL, 0);
    (void)t;
    user(&d, "pemindai", an);
    char secret[NETRA_TOKEN_STRLEN];
    int64_t id;
    assert_int_equal(netra_token_add(&id, secret, d.au, "pemindai", "pemindai-jabar", &admin),
                     NETRA_OK);
    assert_int_equal(strlen(secret), 47);
    assert_memory_equal(secret, "ntk_", 4);
    char other[NETRA_TOKEN_STRLEN];
    assert_int_equal(netra_token_add(NULL, other, d.au, "pemindai", "pemindai-jabar", &admin),
                     NETRA_ECONFLICT);
    assert_string_equal(other, "");
    assert_int_equal(netra_token_add(NULL, other, d.au, "siapa", "x", &admin), NETRA_ENOTFOUND);

    netra_principal p;
    assert_int_equal(netra_auth_token(&p, d.au, secret), NETRA_OK);
    assert_string_equal(p.login, "pemindai");
    assert_string_equal(p.role, "analis");
    assert_string_equal(p.region, "32");
    assert_int_equal(p.token_id, id);
    assert_int_equal(p.session_id, 0);
    secret[10] ^= 1;
    assert_int_equal(netra_auth_token(&p, d.au, secret), NETRA_EPERM);
    secret[10] ^= 1;
    assert_int_equal(netra_auth_token(&p, d.au, "ntk_"), NETRA_EPERM);

    /* Only the hash reaches the database. */
    netra_store_close(d.st);
    netra_auth_close(d.au);
    if (pg) {
        assert_false(pg_accounts_have(d.path, secret + 4));
        assert_true(pg_accounts_have(d.path, "$argon2id$"));
    } else {
        assert_int_equal(file_has(d.path, secret + 4), 0);
        char wal[400];
        snprintf(wal, sizeof wal, "%s-wal", d.path);
        assert_true(file_has(wal, secret + 4) <= 0);
    }
    netra_store_config cfg = {wf, cal, &key, NULL};
    assert_int_equal(netra_store_open(&d.st, d.path, &cfg), NETRA_OK);
    netra_auth_config c = test_config();
    assert_int_equal(netra_auth_open(&d.au, d.st, org, &c), NETRA_OK);

    /* Disabling the user refuses its tokens; revoking refuses one token; the name is free. */
    assert_int_equal(netra_user_set_disabled(d.au, "pemindai", 1, &admin), NETRA_OK);
    assert_int_equal(netra_auth_token(&p, d.au, secret), NETRA_EPERM);
    assert_int_equal(netra_user_set_disabled(d.au, "pemindai", 0, &admin), NETRA_OK);
    assert_int_equal(netra_auth_token(&p, d.au, secret), NETRA_OK);
    assert_int_equal(netra_token_revoke(d.au, id, &admin), NETRA_OK);
    assert_int_equal(netra_auth_token(&p, d.au, secret), NETRA_EPERM);
    assert_int_equal(netra_token_revoke(d.au, id, &admin), NETRA_ENOTFOUND);
    assert_int_equal(netra_token_add(NULL, other, d.au, "pemindai", "pemindai-jabar", &admin),
                     NETRA_OK);
    int n = 0;
    assert_int_equal(netra_token_list(d.au, "pemindai", count_tokens, &n), NETRA_OK);
    assert_int_equal(n, 2);
    db_close(&d);
}

/* ---- the credential cache ------------------------------------------------------------------ */

/* A second connection to the same store with its own access context: `cache` shared (another
 * thread of the same process) or NULL (another process). */
static void open_peer(db *peer, const db *d, netra_auth_cache *cache)
{
    netra_store_config cfg = {wf, cal, &key, NULL};
    snprintf(peer->path, sizeof peer->path, "%s", d->path);
    assert_int_equal(netra_store_open(&peer->st, d->path, &cfg), NETRA_OK);
    netra_auth_config c = test_config();
    c.cache = cache;
    assert_int_equal(netra_auth_open(&peer->au, peer->st, org, &c), NETRA_OK);
}

static void close_peer(db *peer)
{
    netra_auth_close(peer->au);
    netra_store_close(peer->st);
}

static void test_cache(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    user(&d, "panwas.cileunyi", t.cileunyi);
    user(&d, "analis.jabar", t.jabar);
    netra_auth_cache *cache = NULL;
    assert_int_equal(netra_auth_cache_new(&cache, 0, 0), NETRA_EINVAL);
    assert_int_equal(netra_auth_cache_new(&cache, 3600 * 1000, 0), NETRA_OK);
    db a, b, other;
    open_peer(&a, &d, cache);    /* thread A of netrad */
    open_peer(&b, &d, cache);    /* thread B of the same netrad */
    open_peer(&other, &d, NULL); /* another process: the netra command, another netrad */
    fake_now = 1730700000;
    netra_session s, s2;
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(login(&d, &s2, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);

    /* The first lookup reads the store, the next ones are answered from memory, from any
     * thread, with the same principal. */
    netra_principal p, q;
    netra_auth_cache_stats st;
    assert_int_equal(netra_auth_session(&p, a.au, s.token), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, b.au, s.token), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_OK);
    netra_auth_cache_stats_get(cache, &st);
    assert_int_equal(st.misses, 1);
    assert_int_equal(st.hits, 2);
    assert_int_equal(st.capacity, 2048);
    assert_memory_equal(&p, &q, sizeof p);
    assert_int_equal(p.session_id, s.id);
    assert_string_equal(p.region, "32.04.05");
    /* A wrong token is never answered from the cache. */
    char wrong[NETRA_TOKEN_STRLEN];
    memcpy(wrong, s.token, sizeof wrong);
    wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
    assert_int_equal(netra_auth_session(&q, a.au, wrong), NETRA_EPERM);
    /* The CSRF check is exact: always against the stored hash. */
    assert_int_equal(netra_auth_csrf_check(a.au, s.id, s.csrf), NETRA_OK);
    assert_int_equal(netra_auth_csrf_check(a.au, s.id, s2.csrf), NETRA_EPERM);
    assert_int_equal(netra_auth_csrf_check(a.au, s2.id, s2.csrf), NETRA_OK);

    /* Idle expiry holds for a cached session. */
    assert_int_equal(netra_auth_session(&q, b.au, s2.token), NETRA_OK);
    fake_now += 1800;
    assert_int_equal(netra_auth_session(&q, a.au, s2.token), NETRA_EPERM);
    fake_now -= 1800;

    /* A logout through one thread is seen by the other's next lookup. */
    assert_int_equal(login(&d, &s2, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s2.token), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s2.token), NETRA_OK);
    assert_int_equal(netra_auth_logout(b.au, s2.token, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s2.token), NETRA_EPERM);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_OK);

    /* Disabling the user, then moving it to another office. */
    netra_user u;
    assert_int_equal(netra_user_get(&u, b.au, "panwas.cileunyi"), NETRA_OK);
    netra_user_change ch = {NULL, 0, 1};
    assert_int_equal(netra_user_update(b.au, u.id, u.version, &ch, &admin, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_EPERM);
    assert_int_equal(netra_user_set_disabled(b.au, "panwas.cileunyi", 0, &admin), NETRA_OK);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_OK);
    assert_string_equal(q.role, "panwas_kecamatan");
    assert_int_equal(netra_user_get(&u, b.au, "panwas.cileunyi"), NETRA_OK);
    netra_user_change mv = {NULL, t.kab_bandung, -1};
    assert_int_equal(netra_user_update(b.au, u.id, u.version, &mv, &admin, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_EPERM); /* moving ends them */

    /* An office's new region is the principal's region at once. */
    netra_session sj;
    assert_int_equal(login(&d, &sj, NULL, "analis.jabar", PW, NULL), NETRA_OK);
    int64_t kota = office(&d, "bawaslu_kabkota", "Bawaslu Kota Bandung", "32.73", NULL, t.jabar);
    user(&d, "staf.kota", kota);
    netra_session sc;
    assert_int_equal(login(&d, &sc, NULL, "staf.kota", PW, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, sc.token), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, sc.token), NETRA_OK);
    assert_string_equal(q.region, "32.73");
    netra_office o;
    assert_int_equal(netra_office_get(&o, b.au, kota), NETRA_OK);
    netra_office_change oc = {NULL, "32.77", -1};
    assert_int_equal(netra_office_update(b.au, regs, kota, o.version, &oc, &admin, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, sc.token), NETRA_OK);
    assert_string_equal(q.region, "32.77");
    netra_auth_cache_stats_get(cache, &st);
    unsigned long long clears = st.clears;
    assert_true(clears >= 5);

    /* An own password change ends the other sessions at once; this one stays. */
    netra_session sk;
    assert_int_equal(login(&d, &sk, NULL, "analis.jabar", PW, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, sk.token), NETRA_OK);
    assert_int_equal(netra_auth_session(&p, a.au, sj.token), NETRA_OK);
    assert_int_equal(
        netra_user_change_password(NULL, b.au, &p, PW, "sandi-baru-yang-panjang", NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, sk.token), NETRA_EPERM);
    assert_int_equal(netra_auth_session(&q, a.au, sj.token), NETRA_OK);

    /* API tokens: revoked through one thread, refused by the other at once. */
    char secret[NETRA_TOKEN_STRLEN];
    int64_t tid;
    assert_int_equal(netra_token_add(&tid, secret, b.au, "analis.jabar", "uji", &admin), NETRA_OK);
    assert_int_equal(netra_auth_token(&q, a.au, secret), NETRA_OK);
    assert_int_equal(netra_auth_token(&q, a.au, secret), NETRA_OK);
    assert_int_equal(q.token_id, tid);
    assert_int_equal(netra_auth_session(&q, a.au, secret), NETRA_EPERM); /* not a session */
    assert_int_equal(netra_token_revoke(b.au, tid, &admin), NETRA_OK);
    assert_int_equal(netra_auth_token(&q, a.au, secret), NETRA_EPERM);

    /* Another process's change is not seen before the entry's time is up (here an hour),
     * or the cache is emptied. */
    assert_int_equal(netra_auth_session(&q, a.au, sj.token), NETRA_OK);
    assert_int_equal(netra_auth_logout_all(NULL, other.au, "analis.jabar"), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, sj.token), NETRA_OK);
    netra_auth_cache_clear(cache);
    assert_int_equal(netra_auth_session(&q, a.au, sj.token), NETRA_EPERM);

    /* A lookup that read the store before a change emptied the cache does not put its
     * (now old) answer back. */
    char h[65];
    memset(h, 'a', 64);
    h[64] = '\0';
    nt_cache_credential cr, got;
    memset(&cr, 0, sizeof cr);
    cr.expires = INT64_MAX;
    unsigned long gen;
    assert_int_equal(nt_cache_get(cache, 0, h, &got, &gen), 0);
    netra_auth_cache_clear(cache);
    nt_cache_put(cache, gen, 0, h, &cr);
    assert_int_equal(nt_cache_get(cache, 0, h, &got, &gen), 0);
    nt_cache_put(cache, gen, 0, h, &cr);
    assert_int_equal(nt_cache_get(cache, 0, h, &got, &gen), 1);
    assert_int_equal(nt_cache_get(cache, 1, h, &got, &gen), 0); /* a token is not a session */
    close_peer(&a);
    netra_auth_cache_free(cache);

    /* A short TTL: another process's logout is seen once the entry's time is up (a bounded
     * wait, never a fixed sleep). Bounded size: a full set gives up its oldest entry. */
    assert_int_equal(netra_auth_cache_new(&cache, 50, 8), NETRA_OK);
    open_peer(&a, &d, cache);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&q, a.au, s.token), NETRA_OK);
    assert_int_equal(netra_auth_logout(other.au, s.token, NULL), NETRA_OK);
    int seen = 0;
    for (int i = 0; i < 5000 && !seen; i++) {
        seen = netra_auth_session(&q, a.au, s.token) == NETRA_EPERM;
        if (!seen) {
            struct timespec ms = {0, 1000 * 1000};
            nanosleep(&ms, NULL);
        }
    }
    assert_true(seen);
    netra_auth_cache_stats_get(cache, &st);
    assert_int_equal(st.capacity, 8);
    for (int i = 0; i < 64; i++) {
        snprintf(h, sizeof h, "%08x%056d", 0u, i); /* all in one set */
        assert_int_equal(nt_cache_get(cache, 0, h, &got, &gen), 0);
        nt_cache_put(cache, gen, 0, h, &cr);
    }
    int held = 0;
    for (int i = 0; i < 64; i++) {
        snprintf(h, sizeof h, "%08x%056d", 0u, i);
        held += nt_cache_get(cache, 0, h, &got, &gen);
    }
    assert_true(held >= 1 && held <= 4);
    close_peer(&a);
    close_peer(&b);
    close_peer(&other);
    netra_auth_cache_free(cache);
    db_close(&d);
}

/* ---- scope and grants ------------------------------------------------------------------------ */

static netra_principal principal(db *d, const char *login, int64_t office_id)
{
    user(d, login, office_id);
    netra_principal p;
    if (netra_auth_principal(&p, d->au, login) != NETRA_OK)
        fail_msg("principal %s: %s", login, netra_error_last()->msg);
    return p;
}

static int64_t new_case(db *d, const char *region, const char *agency, int with_reporter)
{
    netra_case_field f[] = {{"pelapor", "Pelapor Rahasia Bin Fulan"},
                            {"kontak_pelapor", "+62-811-0000-0000"},
                            {"kelayakan", "pemilih"},
                            {"terlapor", "Camat X"},
                            {"waktu_kejadian", "2024-11-01"},
                            {"tempat_kejadian", "Kecamatan"},
                            {"uraian", "Mengajak memilih"},
                            {"tanggal_diketahui", "2024-11-01"},
                            {NULL, NULL}};
    /* Without a reporter: informasi awal (anonymous information), which needs only uraian. */
    netra_case_new c = {with_reporter ? "terima_laporan" : "catat_informasi_awal",
                        "pilkada",
                        "pilkada-2024",
                        region,
                        "Uji",
                        0};
    netra_actor a = {"uji", "bawaslu_kabkota", 0};
    (void)netra_date_from_ymd(&a.today, 2024, 11, 2);
    int64_t id;
    if (netra_store_case_new(&id, d->st, &c, with_reporter ? f : f + 6, &a) != NETRA_OK)
        fail_msg("case: %s", netra_error_last()->msg);
    netra_asn asn = {"197603152005011003", "Camat X", "pns",    agency,
                     "camat_lurah",        region,    "Bupati", ""};
    if (netra_store_case_add_asn(NULL, d->st, id, &asn, &a) != NETRA_OK)
        fail_msg("asn: %s", netra_error_last()->msg);
    return id;
}

static void test_scope(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    netra_principal ri = principal(&d, "bawaslu.ri", t.ri), jabar = principal(&d, "jabar", t.jabar),
                    kab = principal(&d, "kab", t.kab_bandung),
                    kec = principal(&d, "kec", t.cileunyi), jatim = principal(&d, "jatim", t.jatim),
                    ppk_kab = principal(&d, "ppk.kab", t.ppk_kab),
                    ppk_kota = principal(&d, "ppk.kota", t.ppk_kota),
                    hr = principal(&d, "hr.kab", t.hr_kab), adm = principal(&d, "adm", t.adm);
    const char *const kab_agency[] = {"Pemkab Bandung", NULL};
    const char *const upper[] = {"PEMKAB BANDUNG", NULL};
    const char *const kota_agency[] = {"Pemkot Bandung", NULL};
    assert_true(netra_principal_may_see(&ri, "32.04.05", NULL));
    assert_true(netra_principal_may_see(&ri, "", NULL));
    assert_true(netra_principal_may_see(&jabar, "32.04.05", NULL));
    assert_true(netra_principal_may_see(&jabar, "32", NULL));
    assert_false(netra_principal_may_see(&jabar, "", NULL));
    assert_false(netra_principal_may_see(&jabar, "35.78", NULL));
    assert_true(netra_principal_may_see(&kab, "32.04", NULL));
    assert_false(netra_principal_may_see(&kab, "32.73.02", NULL));
    assert_true(netra_principal_may_see(&kec, "32.04.05", NULL));
    assert_false(netra_principal_may_see(&kec, "32.04", NULL));
    assert_false(netra_principal_may_see(&jatim, "32.04", NULL));
    assert_true(netra_principal_may_see(&ppk_kab, "35.78", kab_agency));
    assert_true(netra_principal_may_see(&ppk_kab, "32.04", upper));
    assert_false(netra_principal_may_see(&ppk_kab, "32.04", kota_agency));
    assert_false(netra_principal_may_see(&ppk_kab, "32.04", NULL));
    assert_true(netra_principal_may_see(&hr, "32.04", kab_agency));
    assert_true(netra_principal_may_see(&ppk_kota, "32.73.02", kota_agency));
    assert_false(netra_principal_may_see(&ppk_kota, "32.04", kota_agency)); /* outside its region */
    assert_false(netra_principal_may_see(&adm, "32.04", NULL));
    assert_false(netra_principal_may_see(&adm, "", NULL));

    /* Against stored cases: the case's region and its accused's agency. */
    int64_t c1 = new_case(&d, "32.04.05", "Pemkab Bandung", 1);
    assert_int_equal(netra_auth_may_see_case(d.au, &kec, c1), NETRA_OK);
    assert_int_equal(netra_auth_may_see_case(d.au, &ppk_kab, c1), NETRA_OK);
    assert_int_equal(netra_auth_may_see_case(d.au, &ppk_kota, c1), NETRA_EPERM);
    assert_int_equal(netra_auth_may_see_case(d.au, &jatim, c1), NETRA_EPERM);
    assert_int_equal(netra_auth_may_see_case(d.au, &adm, c1), NETRA_EPERM);
    assert_int_equal(netra_auth_may_see_case(d.au, &ri, 9999), NETRA_ENOTFOUND);

    /* Grants come from transitions.tsv: kajian_awal -> registrasi is the supervisors'. */
    assert_int_equal(netra_auth_may_act_case(d.au, &kec, c1, "registrasi"), NETRA_OK);
    assert_int_equal(netra_auth_may_act_case(d.au, &ppk_kab, c1, "registrasi"), NETRA_EPERM);
    nt_test_assert_msg("who may: pengawas");
    assert_int_equal(netra_auth_may_act_case(d.au, &jatim, c1, "registrasi"), NETRA_EPERM);
    assert_int_equal(netra_auth_may_act_case(d.au, &kec, c1, "jatuhkan_sanksi"), NETRA_ESTATE);
    nt_test_assert_msg("allowed:");
    assert_int_equal(netra_auth_may_act_case(d.au, &kec, c1, "terbang"), NETRA_EINVAL);
    db_close(&d);
}

/* Every transition of the workflow data, for the role of every office kind: the grant is
 * exactly the data's (role or group), administrators get none. */
static void test_grants_from_data(void **state)
{
    (void)state;
    size_t granted = 0, refused = 0;
    for (size_t k = 0; k < netra_org_n_kinds(org); k++) {
        const netra_office_kind *kind = netra_org_kind_at(org, k);
        netra_principal p;
        memset(&p, 0, sizeof p);
        snprintf(p.role, sizeof p.role, "%s", kind->role);
        p.sees_cases = kind->cases;
        const netra_role *role = netra_workflow_role(wf, kind->role);
        for (size_t i = 0; i < netra_workflow_n_transitions(wf); i++) {
            const netra_transition *t = netra_workflow_transition_at(wf, i);
            const char *regimes[] = {"pemilu", "pilkada"};
            for (int r = 0; r < 2; r++) {
                if (strcmp(t->regime, "any") != 0 && strcmp(t->regime, regimes[r]) != 0)
                    continue;
                /* Is the role named in the row, by id or by group? Read from the row's text. */
                int named = 0;
                char roles[256];
                snprintf(roles, sizeof roles, "%s", t->roles);
                for (char *s = roles, *e; s != NULL && !named; s = e) {
                    e = strchr(s, ',');
                    if (e != NULL)
                        *e++ = '\0';
                    named = strcmp(s, role->id) == 0 || strcmp(s, role->group) == 0;
                }
                int err = netra_principal_may_act(&p, wf, t->from, regimes[r], t->action);
                if (named && kind->cases) {
                    if (err != NETRA_OK)
                        fail_msg("%s %s in %s: %s", kind->id, t->action, t->from ? t->from : "-",
                                 netra_error_last()->msg);
                    granted++;
                } else {
                    assert_int_equal(err, NETRA_EPERM);
                    refused++;
                }
            }
        }
    }
    assert_true(granted > 50);
    assert_true(refused > 100);
    netra_principal ppk;
    memset(&ppk, 0, sizeof ppk);
    snprintf(ppk.role, sizeof ppk.role, "ppk");
    ppk.sees_cases = 1;
    assert_int_equal(netra_principal_may_act(&ppk, wf, "menunggu_ppk", "pemilu", "jatuhkan_sanksi"),
                     NETRA_OK);
    assert_int_equal(netra_principal_may_act(&ppk, wf, "kajian_awal", "pemilu", "jatuhkan_sanksi"),
                     NETRA_ESTATE);
    assert_int_equal(netra_principal_may_act(&ppk, wf, NULL, "pemilu2", "terima_laporan"),
                     NETRA_EINVAL);
}

/* ---- the audited reporter read ------------------------------------------------------------- */

static int64_t audit_entries(netra_store *st)
{
    int64_t seq;
    char hash[65];
    assert_int_equal(netra_store_audit_head(&seq, hash, st), NETRA_OK);
    return seq;
}

static int find_read(const netra_case_event *e, void *payload)
{
    int *n = payload;
    if (strcmp(e->action, "baca_pelapor") == 0) {
        (*n)++;
        assert_string_equal(e->actor, "kec");
        assert_non_null(strstr(e->after, "panwas_kecamatan"));
    }
    return 0;
}

static void test_reporter_audited(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    netra_principal kec = principal(&d, "kec", t.cileunyi), jatim = principal(&d, "jatim", t.jatim),
                    satgas = principal(&d, "satgas", t.satgas);
    int64_t c1 = new_case(&d, "32.04.05", "Pemkab Bandung", 1);
    int64_t c2 = new_case(&d, "32.04.05", "Pemkab Bandung", 0);
    char who[128], contact[64];
    int64_t before = audit_entries(d.st);
    assert_int_equal(
        netra_auth_reporter_get(who, sizeof who, contact, sizeof contact, d.au, &satgas, c1),
        NETRA_EPERM);
    assert_int_equal(
        netra_auth_reporter_get(who, sizeof who, contact, sizeof contact, d.au, &jatim, c1),
        NETRA_EPERM);
    assert_int_equal(
        netra_auth_reporter_get(who, sizeof who, contact, sizeof contact, d.au, &kec, c2),
        NETRA_ENOTFOUND);
    assert_int_equal(audit_entries(d.st), before); /* refusals decrypt nothing, record nothing */
    assert_int_equal(
        netra_auth_reporter_get(who, sizeof who, contact, sizeof contact, d.au, &kec, c1),
        NETRA_OK);
    assert_string_equal(who, "Pelapor Rahasia Bin Fulan");
    assert_string_equal(contact, "+62-811-0000-0000");
    assert_int_equal(audit_entries(d.st), before + 1);
    int reads = 0;
    assert_int_equal(netra_store_case_timeline(d.st, c1, find_read, &reads), NETRA_OK);
    assert_int_equal(reads, 1);
    int64_t n, bad;
    assert_int_equal(netra_store_audit_verify(&n, &bad, d.st), NETRA_OK);
    db_close(&d);
}

/* ---- managing accounts: edits with versions, resets, own changes, the admin scope -------- */

static int64_t audit_seq(db *d)
{
    int64_t seq = 0;
    char h[65];
    assert_int_equal(netra_store_audit_head(&seq, h, d->st), NETRA_OK);
    return seq;
}

static void test_account_management(void **state)
{
    (void)state;
    db d;
    db_open(&d);
    tree t = build(&d);
    fake_now = 1730700000;
    user(&d, "panwas.cileunyi", t.cileunyi);

    /* Offices: rename and move with the version read; stale versions and bad moves refused. */
    netra_office o;
    assert_int_equal(netra_office_get(&o, d.au, t.kab_bandung), NETRA_OK);
    assert_int_equal(o.version, 1);
    netra_office_change oc = {"Bawaslu Kab. Bandung", NULL, -1};
    int64_t before = audit_seq(&d);
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 1, &oc, &admin, "10.1.1.1"),
                     NETRA_OK);
    assert_int_equal(audit_seq(&d), before + 1);
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 1, &oc, &admin, NULL),
                     NETRA_ECONFLICT);
    nt_test_assert_msg("version");
    oc.name = "Bawaslu Provinsi Jawa Timur";
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 2, &oc, &admin, NULL),
                     NETRA_ECONFLICT);
    nt_test_assert_msg("field 'name'");
    oc.name = NULL;
    oc.region = "32"; /* a province code for a kab/kota office */
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 2, &oc, &admin, NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("field 'region'");
    oc.region = "35.07"; /* Kab. Malang: not under its parent, Jawa Barat */
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 2, &oc, &admin, NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("field 'parent'");
    oc.parent = t.jatim; /* with the parent of Jawa Timur it is fine */
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 2, &oc, &admin, NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("outside"); /* but Kecamatan Cileunyi (32.04.05) lies under it */
    oc.region = "3205";
    oc.parent = -1;
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 2, &oc, &admin, NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("outside");
    oc.region = "32.04";
    oc.parent = t.ri; /* a kab/kota office's parent is a provincial one */
    assert_int_equal(netra_office_update(d.au, regs, t.kab_bandung, 2, &oc, &admin, NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("field 'parent'");
    netra_office_change rc = {NULL, "33", -1};
    assert_int_equal(netra_office_update(d.au, regs, t.jabar, 1, &rc, &admin, NULL), NETRA_EINVAL);
    netra_office_change nat = {NULL, "32", -1};
    assert_int_equal(netra_office_update(d.au, regs, t.ri, 1, &nat, &admin, NULL), NETRA_EINVAL);
    netra_office_change adm = {NULL, "32", -1}; /* an administrator office may take a region */
    assert_int_equal(netra_office_update(d.au, regs, t.adm, 1, &adm, &admin, NULL), NETRA_OK);
    assert_int_equal(netra_office_get(&o, d.au, t.adm), NETRA_OK);
    assert_string_equal(o.region, "32");
    assert_int_equal(o.version, 2);

    /* Who manages what: administrators of a region cover it on code boundaries. */
    int64_t adm35 = office(&d, "admin", "Admin Jatim", "35", NULL, 0);
    int64_t adm_nat = office(&d, "admin", "Admin Pusat", NULL, NULL, 0);
    user(&d, "admin.jabar", t.adm);
    user(&d, "admin.jatim", adm35);
    user(&d, "admin.pusat", adm_nat);
    netra_principal pj, pt, pn, pc;
    assert_int_equal(netra_auth_principal(&pj, d.au, "admin.jabar"), NETRA_OK);
    assert_int_equal(netra_auth_principal(&pt, d.au, "admin.jatim"), NETRA_OK);
    assert_int_equal(netra_auth_principal(&pn, d.au, "admin.pusat"), NETRA_OK);
    assert_int_equal(netra_auth_principal(&pc, d.au, "panwas.cileunyi"), NETRA_OK);
    assert_int_equal(pj.manages_accounts, 1);
    assert_int_equal(pc.manages_accounts, 0);
    assert_int_equal(netra_principal_may_manage(&pj, "32.04.05"), 1);
    assert_int_equal(netra_principal_may_manage(&pj, "32"), 1);
    assert_int_equal(netra_principal_may_manage(&pj, "35.07"), 0);
    assert_int_equal(netra_principal_may_manage(&pj, "3"), 0);
    assert_int_equal(netra_principal_may_manage(&pj, ""), 0);
    assert_int_equal(netra_principal_may_manage(&pn, ""), 1);
    assert_int_equal(netra_principal_may_manage(&pn, "35.07"), 1);
    assert_int_equal(netra_principal_may_manage(&pc, "32.04.05"), 0);
    assert_int_equal(netra_auth_may_manage_office(NULL, d.au, &pj, t.cileunyi), NETRA_OK);
    assert_int_equal(netra_auth_may_manage_office(NULL, d.au, &pj, t.jatim), NETRA_ENOTFOUND);
    assert_int_equal(netra_auth_may_manage_office(NULL, d.au, &pj, t.ri), NETRA_ENOTFOUND);
    assert_int_equal(netra_auth_may_manage_office(NULL, d.au, &pt, t.jatim), NETRA_OK);
    assert_int_equal(netra_auth_may_manage_office(NULL, d.au, &pc, t.cileunyi), NETRA_EPERM);
    assert_int_equal(netra_auth_may_manage_office(NULL, d.au, &pn, 999), NETRA_ENOTFOUND);
    netra_user cu;
    assert_int_equal(netra_user_get(&cu, d.au, "panwas.cileunyi"), NETRA_OK);
    assert_int_equal(netra_auth_may_manage_user(NULL, d.au, &pj, cu.id), NETRA_OK);
    assert_int_equal(netra_auth_may_manage_user(NULL, d.au, &pt, cu.id), NETRA_ENOTFOUND);
    assert_int_equal(netra_auth_may_manage_user(NULL, d.au, &pc, cu.id), NETRA_EPERM);

    /* Users: a rename, a move to another office (role and scope follow, sessions end). */
    netra_session s;
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, "10.0.0.1"), NETRA_OK);
    netra_user_change uc = {"Panwas Cileunyi", 0, -1};
    assert_int_equal(netra_user_update(d.au, cu.id, cu.version, &uc, &admin, "10.1.1.1"), NETRA_OK);
    netra_principal p;
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK); /* a rename keeps them */
    assert_int_equal(netra_user_update(d.au, cu.id, cu.version, &uc, &admin, NULL),
                     NETRA_ECONFLICT);
    nt_test_assert_msg("version");
    uc.display_name = NULL;
    uc.office = 999;
    assert_int_equal(netra_user_update(d.au, cu.id, cu.version + 1, &uc, &admin, NULL),
                     NETRA_ENOTFOUND);
    nt_test_assert_msg("field 'office'");
    uc.office = t.kab_bandung;
    assert_int_equal(netra_user_update(d.au, cu.id, cu.version + 1, &uc, &admin, NULL), NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_EPERM);
    assert_int_equal(netra_auth_principal(&p, d.au, "panwas.cileunyi"), NETRA_OK);
    assert_string_equal(p.role, "bawaslu_kabkota");
    assert_string_equal(p.region, "32.04");
    uc.office = 0;
    uc.disabled = 1;
    assert_int_equal(netra_user_update(d.au, cu.id, cu.version + 2, &uc, &admin, NULL), NETRA_OK);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_EPERM);
    uc.disabled = 0;
    assert_int_equal(netra_user_update(d.au, cu.id, cu.version + 3, &uc, &admin, NULL), NETRA_OK);

    /* A reset: a one-time password, shown once, that may only change the password. */
    char otp[NETRA_TEMP_PASSWORD_STRLEN];
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_OK);
    assert_int_equal(netra_user_reset_password(otp, d.au, "panwas.cileunyi", &admin, "10.1.1.1"),
                     NETRA_OK);
    assert_int_equal(strlen(otp), 23);
    for (size_t i = 0; i < 23; i++)
        assert_true(i % 6 == 5 ? otp[i] == '-'
                               : strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", otp[i]) != NULL);
    char otp2[NETRA_TEMP_PASSWORD_STRLEN];
    assert_int_equal(netra_user_reset_password(otp2, d.au, "panwas.cileunyi", &admin, NULL),
                     NETRA_OK);
    assert_string_not_equal(otp, otp2);                                   /* 100 random bits each */
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_EPERM); /* sessions ended */
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", PW, NULL), NETRA_EPERM);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", otp, NULL), NETRA_EPERM);
    assert_false(pg ? pg_accounts_have(d.path, otp2) : 0);
    assert_int_equal(netra_user_get(&cu, d.au, "panwas.cileunyi"), NETRA_OK);
    assert_int_equal(cu.must_change_password, 1);
    assert_int_equal(cu.password_expires, fake_now + NETRA_TEMP_PASSWORD_TTL);
    /* after 72 hours it no longer works */
    int64_t t0 = fake_now;
    fake_now = t0 + NETRA_TEMP_PASSWORD_TTL;
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", otp2, NULL), NETRA_EPERM);
    fake_now = t0 + 60;
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", otp2, "10.0.0.2"), NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK);
    assert_int_equal(p.must_change_password, 1);

    /* The own change: the current password, the policy, the other sessions end. */
    netra_session other;
    assert_int_equal(login(&d, &other, NULL, "panwas.cileunyi", otp2, NULL), NETRA_OK);
    int64_t retry = -1;
    assert_int_equal(netra_user_change_password(&retry, d.au, &p, "salah-sekali-123",
                                                "sandi-baru-cileunyi", "10.0.0.2"),
                     NETRA_EPERM);
    nt_test_assert_msg("field 'current_password'");
    assert_int_equal(retry, 0);
    assert_int_equal(netra_user_change_password(NULL, d.au, &p, otp2, "pendek", NULL),
                     NETRA_EINVAL);
    nt_test_assert_msg("field 'new_password'");
    assert_int_equal(netra_user_change_password(NULL, d.au, &p, otp2, otp2, NULL), NETRA_EINVAL);
    assert_int_equal(
        netra_user_change_password(NULL, d.au, &p, otp2, "sandi-baru-cileunyi", "10.0.0.2"),
        NETRA_OK);
    assert_int_equal(netra_auth_session(&p, d.au, s.token), NETRA_OK); /* this one stays */
    assert_int_equal(p.must_change_password, 0);
    netra_principal q;
    assert_int_equal(netra_auth_session(&q, d.au, other.token), NETRA_EPERM);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", otp2, NULL), NETRA_EPERM);
    assert_int_equal(login(&d, &s, NULL, "panwas.cileunyi", "sandi-baru-cileunyi", NULL), NETRA_OK);
    /* wrong current passwords count like failed logins and lock the same way */
    for (int i = 0; i < 5; i++)
        (void)netra_user_change_password(&retry, d.au, &p, "salah-lagi-12345", "x-y-z-1234567",
                                         "10.0.0.3");
    assert_int_equal(netra_user_change_password(&retry, d.au, &p, "sandi-baru-cileunyi",
                                                "sandi-lain-cileunyi", "10.0.0.3"),
                     NETRA_EPERM);
    assert_true(retry > 0);

    /* Logins, failures and logouts are in the chain too, which stays valid. */
    before = audit_seq(&d);
    assert_int_equal(login(&d, &s, NULL, "tidak.ada", "apa-saja-12345", "10.0.0.4"), NETRA_EPERM);
    assert_int_equal(audit_seq(&d), before + 1);
    assert_int_equal(login(&d, &s, NULL, "admin.pusat", PW, "10.0.0.4"), NETRA_OK);
    assert_int_equal(audit_seq(&d), before + 2);
    assert_int_equal(netra_auth_logout(d.au, s.token, "10.0.0.4"), NETRA_OK);
    assert_int_equal(audit_seq(&d), before + 3);
    assert_int_equal(netra_auth_logout(d.au, s.token, "10.0.0.4"), NETRA_OK); /* ended: nothing */
    assert_int_equal(audit_seq(&d), before + 3);
    int64_t n, bad_seq;
    assert_int_equal(netra_store_audit_verify(&n, &bad_seq, d.st), NETRA_OK);
    if (!pg) {
        /* no password or one-time password anywhere in the file */
        for (int w = 0; w < 2; w++) {
            char f[420];
            snprintf(f, sizeof f, "%s%s", d.path, w ? "-wal" : "");
            char *data = NULL;
            size_t len = 0;
            if (nt_file_read(&data, &len, f, 64u << 20) != NETRA_OK)
                continue;
            assert_null(memmem(data, len, otp2, strlen(otp2)));
            assert_null(memmem(data, len, "sandi-baru-cileunyi", 19));
            assert_null(memmem(data, len, "apa-saja-12345", 14));
            nt_free(data);
        }
    }
    db_close(&d);
}

/* ---- allocation failures ----------------------------------------------------------------------
 */

static int walk(void *payload)
{
    (void)payload;
    netra_org *o = NULL;
    db d;
    int err = netra_org_load(&o, NULL, wf);
    if (err == 0)
        err = db_open_rc(&d);
    else
        memset(&d, 0, sizeof d);
    int64_t ri = 0, jabar = 0;
    netra_office_new a = {"bawaslu_ri", "Bawaslu RI", NULL, NULL, 0, NULL};
    if (err == 0)
        err = netra_office_add(&ri, d.au, regs, &a, &admin);
    netra_office_new b = {"bawaslu_provinsi", "Bawaslu Jabar", "32", NULL, ri, NULL};
    if (err == 0)
        err = netra_office_add(&jabar, d.au, regs, &b, &admin);
    netra_user_new u = {"jabar", "Jabar", jabar, PW, NULL};
    if (err == 0)
        err = netra_user_add(NULL, d.au, &u, &admin);
    netra_session s;
    netra_principal p;
    if (err == 0)
        err = netra_auth_login(&s, NULL, d.au, "jabar", PW, "10.0.0.1");
    if (err == 0)
        err = netra_auth_session(&p, d.au, s.token);
    char secret[NETRA_TOKEN_STRLEN];
    if (err == 0)
        err = netra_token_add(NULL, secret, d.au, "jabar", "t", &admin);
    if (d.path[0] != '\0')
        db_close(&d);
    netra_org_free(o);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(walk, NULL) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_covers),
        cmocka_unit_test(test_org_data),
        cmocka_unit_test(test_offices),
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test(test_hash_verify),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_throttle),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_grants_from_data),
        cmocka_unit_test(test_reporter_audited),
        cmocka_unit_test(test_account_management),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
