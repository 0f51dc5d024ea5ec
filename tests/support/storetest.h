/*
 * storetest.h - the store fixture of the unit tests that run on both store backends: the
 * default workflow, calendar and law, a test key, the backend NETRA_TEST_BACKEND names (the
 * PostgreSQL test cluster when "pg"), a temporary directory, and new, empty stores in it (a
 * SQLite file, or a fresh schema of the test cluster's database).
 */
#ifndef NT_TEST_STORETEST_H
#define NT_TEST_STORETEST_H

#include <stddef.h>
#include <libpq-fe.h>

#include "netra/store.h"

typedef struct nt_test_store {
    netra_workflow *wf;
    netra_calendar *cal;
    netra_law *law;
    netra_key key;
    int pg;           /* 1 when the tests run on PostgreSQL */
    char pg_url[256]; /* the test cluster's database */
    PGconn *admin;    /* the tests' own connection: schemas, tampering, inspection */
    char dir[64];     /* /tmp/netra-NAME-XXXXXX */
    int n;            /* stores made so far */
} nt_test_store;

/*
 * Loads the default workflow, calendar and law, sets the key (byte i = i * key_mul + key_add),
 * connects to the test cluster when NETRA_TEST_BACKEND=pg and makes the directory
 * /tmp/netra-`name`-XXXXXX. Returns 0, or -1 after saying why on stderr (a missing cluster
 * skips the test with exit 77 unless NETRA_TEST_PG_REQUIRED=1, see pgtest.h).
 */
int nt_test_store_setup(nt_test_store *t, const char *name, int key_mul, int key_add);

/* Frees what nt_test_store_setup() loaded and removes its (empty) directory. */
void nt_test_store_teardown(nt_test_store *t);

/* The location of a new, empty store: `dir`/tN.db, or the test database with a fresh schema. */
void nt_test_store_path(nt_test_store *t, char *out, size_t size);

/* Opens the store at `path` with the fixture's workflow, calendar and law, and its key when
 * `with_key`; a failure fails the running test with the library's message. */
netra_store *nt_test_store_open(nt_test_store *t, const char *path, int with_key);

/* Removes a store made by nt_test_store_path(): the file and its -wal and -shm, or the schema. */
void nt_test_store_rm(nt_test_store *t, const char *path);

/* The schema of a PostgreSQL location made by nt_test_store_path() ("" for a file). */
const char *nt_test_store_schema(const char *path);

/* Runs `sql` on the store at `path` behind the library's back (tampering); a failure fails the
 * running test. */
void nt_test_store_exec(nt_test_store *t, const char *path, const char *sql);

#endif
