/*
 * pgtest.h - what the unit tests that run on both store backends share: the PostgreSQL test
 * cluster's connection (tests/pg/cluster.sh), a statement run on it, and dates.
 */
#ifndef NT_TEST_PGTEST_H
#define NT_TEST_PGTEST_H

#include <stddef.h>
#include <libpq-fe.h>

#include "netra/date.h"

/*
 * Finds the PostgreSQL test cluster (NETRA_TEST_PG, else NETRA_TEST_PG_STATE/url written by
 * tests/pg/cluster.sh), copies its URL into `url` and opens the tests' own connection
 * (`*admin`: schemas, tampering, inspection). Returns 0 when connected. Without a cluster
 * the test skips (exit 77), unless NETRA_TEST_PG_REQUIRED=1, when it returns -1 after
 * saying why on stderr.
 */
int nt_test_pg_connect(char *url, size_t url_size, PGconn **admin);

/* Runs `sql` on `admin`; a failure fails the running test with the server's message. */
void nt_test_pg_exec(PGconn *admin, const char *sql);

/* A date from "YYYY-MM-DD"; a bad one fails the running test. */
netra_date nt_test_date(const char *s);

#endif
