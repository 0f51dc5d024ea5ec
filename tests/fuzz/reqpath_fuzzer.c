/*
 * reqpath_fuzzer.c - drives netrad's request parsing (src/server/reqparse.h) with arbitrary
 * bytes: the path checker and splitter, every route pattern of a small table, the query
 * parser and the JSON pre-scan; aborts when an invariant breaks: an accepted path has no
 * "." or ".." segment, no segment with '/', a control byte or a backslash, and rebuilding
 * it from its segments gives a path that parses to the same segments; a matched pattern
 * captured exactly its parameters; a query value is NUL-terminated inside its bound and
 * names are unique; a pre-scan offset lies inside the input; the trusted-proxy list parser
 * and the X-Forwarded-For walk (the input as the list and as the header) never write past
 * their bounds, and the client address they pick is the peer or one of the header's entries.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reqparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x)) {                                                                                \
            fprintf(stderr, "reqpath_fuzzer: invariant failed: %s (line %d)\n", #x, __LINE__);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static const char *const patterns[] = {"/healthz", "/api/v1/forms/{id}",
                                       "/api/v1/cases/{id}/timeline", "/api/v1/{a}/{b}/{c}", "/"};

static srv_path p1, p2;
static srv_query q;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    srv_path_err e = srv_path_parse(&p1, s, size);
    CHECK(srv_path_err_en(e) != NULL && srv_path_err_id(e) != NULL);
    if (e == SRV_PATH_OK) {
        CHECK(p1.n_seg <= SRV_SEGMENTS_MAX);
        char rebuilt[SRV_PATH_MAX * 3 + 8];
        size_t n = 0;
        rebuilt[n++] = '/';
        for (size_t i = 0; i < p1.n_seg; i++) {
            const char *seg = p1.seg[i];
            CHECK(seg[0] != '\0');
            CHECK(strcmp(seg, ".") != 0 && strcmp(seg, "..") != 0);
            for (const unsigned char *c = (const unsigned char *)seg; *c; c++) {
                CHECK(*c >= 0x20 && *c != 0x7f && *c != '\\' && *c != '/');
                /* re-encode what the raw form may not carry literally */
                if (*c == '%' || *c == '?' || *c == '#') {
                    n += (size_t)snprintf(rebuilt + n, sizeof rebuilt - n, "%%%02X", *c);
                } else {
                    rebuilt[n++] = (char)*c;
                }
            }
            if (i + 1 < p1.n_seg)
                rebuilt[n++] = '/';
        }
        if (n <= SRV_PATH_MAX) {
            CHECK(srv_path_parse(&p2, rebuilt, n) == SRV_PATH_OK);
            CHECK(p2.n_seg == p1.n_seg);
            for (size_t i = 0; i < p1.n_seg; i++)
                CHECK(strcmp(p1.seg[i], p2.seg[i]) == 0);
        }
        for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
            srv_params prm;
            if (srv_route_match(patterns[k], &p1, &prm)) {
                size_t braces = 0;
                for (const char *c = patterns[k]; *c; c++)
                    braces += *c == '{';
                CHECK(prm.n == braces);
                for (size_t i = 0; i < prm.n; i++)
                    CHECK(prm.value[i][0] != '\0');
            }
        }
    }
    char bad[64];
    srv_query_err qe = srv_query_parse(&q, s, size, bad);
    CHECK(strlen(bad) < 64);
    if (qe == SRV_QUERY_OK) {
        CHECK(q.n <= SRV_QUERY_MAX);
        for (size_t i = 0; i < q.n; i++) {
            CHECK(strlen(q.name[i]) <= SRV_QUERY_VALUE_MAX);
            CHECK(strlen(q.value[i]) <= SRV_QUERY_VALUE_MAX);
            for (size_t k = 0; k < i; k++)
                CHECK(strcmp(q.name[i], q.name[k]) != 0);
            CHECK(srv_query_get(&q, q.name[i]) == q.value[i]);
        }
    }
    size_t at = 0;
    srv_json_err je = srv_json_prescan(s, size, 8, 64, &at);
    CHECK(je == SRV_JSON_OK || at < size);

    /* trusted proxies: the input as a NUL-terminated list and as X-Forwarded-For */
    static char text[4096];
    size_t tn = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, s, tn);
    text[tn] = '\0';
    srv_cidr set[SRV_PROXIES_MAX];
    char why[160];
    int np = srv_proxies_parse(set, SRV_PROXIES_MAX, text, why, sizeof why);
    CHECK(np >= -1 && np <= SRV_PROXIES_MAX);
    for (int i = 0; i < np; i++)
        CHECK(set[i].bits >= 0 && set[i].bits <= (set[i].v6 ? 128 : 32));
    static const char list[] = "127.0.0.1/32, 10.0.0.0/8, ::1, fd00::/8";
    srv_cidr trusted[SRV_PROXIES_MAX];
    CHECK(srv_proxies_parse(trusted, SRV_PROXIES_MAX, list, why, sizeof why) == 4);
    char client[64];
    srv_client_address(client, "127.0.0.1", text, trusted, 4);
    CHECK(strlen(client) < 64);
    CHECK(strcmp(client, "127.0.0.1") == 0 || strstr(text, client) != NULL);
    srv_client_address(client, "192.0.2.1", text, trusted, 4);
    CHECK(strcmp(client, "192.0.2.1") == 0); /* an untrusted peer's header is never read */
    return 0;
}
