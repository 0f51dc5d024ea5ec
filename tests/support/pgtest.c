/*
 * pgtest.c - the PostgreSQL test cluster's connection, statements on it and dates, for the
 * unit tests that run on both store backends (see pgtest.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "pgtest.h"

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

int nt_test_pg_connect(char *url_out, size_t url_size, PGconn **admin)
{
    const char *url = getenv("NETRA_TEST_PG");
    char why[512] = "neither NETRA_TEST_PG nor NETRA_TEST_PG_STATE is set";
    char *data = NULL;
    size_t len = 0;
    const char *state = getenv("NETRA_TEST_PG_STATE");
    *admin = NULL;
    if ((url == NULL || *url == '\0') && state != NULL) {
        char p[512];
        snprintf(p, sizeof p, "%s/url", state);
        if (nt_file_read(&data, &len, p, 4096) == NETRA_OK) {
            while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
                data[--len] = '\0';
            url = data;
        } else {
            char *reason = NULL;
            snprintf(p, sizeof p, "%s/unavailable", state);
            if (nt_file_read(&reason, &len, p, 400) == NETRA_OK) {
                snprintf(why, sizeof why, "PostgreSQL did not start: %s", reason);
                nt_free(reason);
            } else {
                snprintf(why, sizeof why, "no %s/url (cluster not started)", state);
            }
        }
    }
    if (url != NULL && *url != '\0') {
        snprintf(url_out, url_size, "%s", url);
        *admin = PQconnectdb(url_out);
        PQsetNoticeProcessor(*admin, quiet_notice, NULL);
        if (PQstatus(*admin) != CONNECTION_OK)
            snprintf(why, sizeof why, "%s: %s", url_out, PQerrorMessage(*admin));
        else
            why[0] = '\0';
    }
    nt_free(data);
    if (why[0] == '\0')
        return 0;
    const char *req = getenv("NETRA_TEST_PG_REQUIRED");
    if (req != NULL && strcmp(req, "1") == 0) {
        fprintf(stderr, "PostgreSQL tests required (NETRA_TEST_PG_REQUIRED=1): %s\n", why);
        return -1;
    }
    fprintf(stderr, "PostgreSQL tests skipped: %s\n", why);
    exit(77);
}

void nt_test_pg_exec(PGconn *admin, const char *sql)
{
    PGresult *r = PQexec(admin, sql);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(r));
        PQclear(r);
        fail_msg("%s: %s", sql, msg);
    }
    PQclear(r);
}

netra_date nt_test_date(const char *s)
{
    netra_date d;
    assert_int_equal(netra_date_parse(&d, s, strlen(s)), NETRA_OK);
    return d;
}
