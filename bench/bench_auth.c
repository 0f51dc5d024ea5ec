/*
 * bench_auth.c - the cost of authenticating a request, each figure a ratio against a
 * baseline measured in the same process on the same store (machines are shared and noisy;
 * absolute numbers are printed for information only).
 *
 *   1. netra_auth_session() (a session token to a principal) vs netra_store_case_get()
 *      (one read by primary key through the store): what every cookie request pays
 *   2. netra_auth_token() (an API token to a principal) vs the same baseline
 *   3. netra_principal_may_see() (the region and agency rule) vs strcmp() of two codes
 *   4. netra_password_hash() at the documented Argon2id cost (64 MiB, 3 passes) vs SHA-256
 *      of the same password: the price of a login, paid on purpose
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "netra/netra.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs fn `iters` times, best of 5 rounds, seconds per call. */
static double measure(void (*fn)(void *), void *p, long iters)
{
    double best = 1e30;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        for (long i = 0; i < iters; i++)
            fn(p);
        double t = (now() - t0) / (double)iters;
        if (t < best)
            best = t;
    }
    return best;
}

static volatile long sink;

typedef struct ctx {
    netra_store *st;
    netra_auth *au;
    netra_session s;
    char token[NETRA_TOKEN_STRLEN];
    int64_t case_id;
    netra_principal p;
} ctx;

static void case_get(void *v)
{
    ctx *c = v;
    netra_case k;
    if (netra_store_case_get(&k, c->st, c->case_id) == 0)
        sink += (long)k.version;
}

static void session(void *v)
{
    ctx *c = v;
    netra_principal p;
    if (netra_auth_session(&p, c->au, c->s.token) == 0)
        sink += (long)p.user_id;
}

static void api_token(void *v)
{
    ctx *c = v;
    netra_principal p;
    if (netra_auth_token(&p, c->au, c->token) == 0)
        sink += (long)p.user_id;
}

static void may_see(void *v)
{
    ctx *c = v;
    static const char *const ag[] = {"Pemkab Bandung", NULL};
    sink += netra_principal_may_see(&c->p, "32.04.05", ag);
}

static void cmp_codes(void *v)
{
    (void)v;
    static const char *volatile a = "32.04", *volatile b = "32.04.05";
    sink += strncmp(a, b, 5) == 0;
}

static void pw_hash(void *v)
{
    ctx *c = v;
    char h[NETRA_PWHASH_STRLEN];
    if (netra_password_hash(h, c->au, "kata-sandi-rahasia-1") == 0)
        sink += h[20];
}

static void sha(void *v)
{
    (void)v;
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)"kata-sandi-rahasia-1", 20);
    sink += h[0];
}

static void row(const char *what, double t, const char *base, double b)
{
    printf("  %-44s %10.2f us  %-28s %8.2f us  ratio %8.1f\n", what, t * 1e6, base, b * 1e6, t / b);
}

int main(void)
{
    char dir[] = "/tmp/netra-bench-auth-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 1;
    char path[128];
    snprintf(path, sizeof path, "%s/b.db", dir);
    netra_workflow *wf = NULL;
    netra_calendar *cal = NULL;
    netra_org *org = NULL;
    ctx c;
    memset(&c, 0, sizeof c);
    int err;
    if ((err = netra_workflow_load(&wf, NULL)) < 0 || (err = netra_calendar_load(&cal, NULL)) < 0 ||
        (err = netra_org_load(&org, NULL, wf)) < 0) {
        fprintf(stderr, "bench_auth: %s\n", netra_error_last()->msg);
        return 1;
    }
    netra_store_config cfg = {wf, cal, NULL, NULL};
    netra_actor a = {"bench", "admin", 0};
    netra_office_new ri = {"bawaslu_ri", "Bawaslu RI", NULL, NULL, 0, NULL};
    int64_t office = 0;
    netra_case_field f[] = {{"uraian", "bench"}, {NULL, NULL}};
    netra_case_new cn = {"catat_informasi_awal", "pemilu", NULL, "32.04", "bench", 0};
    netra_actor pa = {"bench", "analis", 0};
    if ((err = netra_store_open(&c.st, path, &cfg)) < 0 ||
        (err = netra_auth_open(&c.au, c.st, org, NULL)) < 0 ||
        (err = netra_office_add(&office, c.au, NULL, &ri, &a)) < 0 ||
        (err = netra_store_case_new(&c.case_id, c.st, &cn, f, &pa)) < 0) {
        fprintf(stderr, "bench_auth: %s\n", netra_error_last()->msg);
        return 1;
    }
    netra_user_new u = {"bench.user", "Bench", office, "kata-sandi-rahasia-1", NULL};
    if ((err = netra_user_add(NULL, c.au, &u, &a)) < 0 ||
        (err = netra_auth_login(&c.s, NULL, c.au, "bench.user", "kata-sandi-rahasia-1", NULL)) <
            0 ||
        (err = netra_token_add(NULL, c.token, c.au, "bench.user", "bench", &a)) < 0 ||
        (err = netra_auth_principal(&c.p, c.au, "bench.user")) < 0) {
        fprintf(stderr, "bench_auth: %s\n", netra_error_last()->msg);
        return 1;
    }
    printf("bench_auth: authenticating a request (best of 5 rounds)\n");
    double base = measure(case_get, &c, 20000);
    row("netra_auth_session (cookie session)", measure(session, &c, 20000), "store case_get", base);
    row("netra_auth_token (API token)", measure(api_token, &c, 20000), "store case_get", base);
    row("netra_principal_may_see", measure(may_see, &c, 1000000), "strncmp of two codes",
        measure(cmp_codes, &c, 1000000));
    row("netra_password_hash (Argon2id 64 MiB, t=3)", measure(pw_hash, &c, 3), "SHA-256",
        measure(sha, &c, 100000));
    netra_auth_close(c.au);
    netra_store_close(c.st);
    netra_org_free(org);
    netra_calendar_free(cal);
    netra_workflow_free(wf);
    unlink(path);
    char p2[160];
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
    rmdir(dir);
    return 0;
}
