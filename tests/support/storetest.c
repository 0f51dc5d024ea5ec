/*
 * storetest.c - the store fixture shared by the unit tests that run on both backends (see
 * storetest.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "netra/error.h"
#include "pgtest.h"
#include "storetest.h"

int nt_test_store_setup(nt_test_store *t, const char *name, int key_mul, int key_add)
{
    memset(t, 0, sizeof *t);
    const char *backend = getenv("NETRA_TEST_BACKEND");
    t->pg = backend != NULL && strcmp(backend, "pg") == 0;
    if (t->pg && nt_test_pg_connect(t->pg_url, sizeof t->pg_url, &t->admin) < 0)
        return -1;
    if (netra_workflow_load(&t->wf, NULL) != NETRA_OK ||
        netra_calendar_load(&t->cal, NULL) != NETRA_OK ||
        netra_law_load(&t->law, NULL, NULL) != NETRA_OK) {
        fprintf(stderr, "setup: %s\n", netra_error_last()->msg);
        return -1;
    }
    for (int i = 0; i < 32; i++)
        t->key.bytes[i] = (unsigned char)(i * key_mul + key_add);
    snprintf(t->dir, sizeof t->dir, "/tmp/netra-%s-XXXXXX", name);
    return mkdtemp(t->dir) ? 0 : -1;
}

void nt_test_store_teardown(nt_test_store *t)
{
    netra_workflow_free(t->wf);
    netra_calendar_free(t->cal);
    netra_law_free(t->law);
    if (t->dir[0] != '\0')
        rmdir(t->dir);
    if (t->admin != NULL)
        PQfinish(t->admin);
    t->wf = NULL;
    t->cal = NULL;
    t->law = NULL;
    t->admin = NULL;
}

void nt_test_store_path(nt_test_store *t, char *out, size_t size)
{
    ++t->n;
    if (!t->pg) {
        snprintf(out, size, "%s/t%d.db", t->dir, t->n);
        return;
    }
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS t%ld_%d CASCADE; CREATE SCHEMA t%ld_%d",
             (long)getpid(), t->n, (long)getpid(), t->n);
    nt_test_pg_exec(t->admin, sql);
    snprintf(out, size, "%s%soptions=-csearch_path%%3Dt%ld_%d", t->pg_url,
             strchr(t->pg_url, '?') ? "&" : "?", (long)getpid(), t->n);
}

netra_store *nt_test_store_open(nt_test_store *t, const char *path, int with_key)
{
    netra_store_config cfg = {t->wf, t->cal, with_key ? &t->key : NULL, t->law};
    netra_store *st = NULL;
    if (netra_store_open(&st, path, &cfg) != NETRA_OK)
        fail_msg("open %s: %s", path, netra_error_last()->msg);
    return st;
}

const char *nt_test_store_schema(const char *path)
{
    const char *s = strstr(path, "%3D");
    return s ? s + 3 : "";
}

void nt_test_store_rm(nt_test_store *t, const char *path)
{
    if (t->pg) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", nt_test_store_schema(path));
        nt_test_pg_exec(t->admin, sql);
        return;
    }
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

void nt_test_store_exec(nt_test_store *t, const char *path, const char *sql)
{
    if (t->pg) {
        char set[128];
        snprintf(set, sizeof set, "SET search_path TO %s", nt_test_store_schema(path));
        nt_test_pg_exec(t->admin, set);
        nt_test_pg_exec(t->admin, sql);
        nt_test_pg_exec(t->admin, "RESET search_path");
        return;
    }
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(db);
}
