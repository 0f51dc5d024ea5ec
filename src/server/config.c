/*
 * config.c - netrad's settings (config.h).
 */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "reqparse.h"

typedef enum { K_STR, K_LONG } kind;

typedef struct setting {
    const char *section;
    const char *key;
    const char *env;
    kind type;
    size_t offset;
    size_t size; /* for strings */
    long min, max;
    const char *def;
    const char *help;
} setting;

#define S(sec, key, env, field, def, help)                                                         \
    {                                                                                              \
        sec, key, env, K_STR, offsetof(srv_config, field), sizeof(((srv_config *)0)->field), 0, 0, \
            def, help                                                                              \
    }
#define L(sec, key, env, field, lo, hi, def, help)                                                 \
    {                                                                                              \
        sec, key, env, K_LONG, offsetof(srv_config, field), 0, lo, hi, def, help                   \
    }

static const setting settings[] = {
    S("server", "address", "NETRA_ADDRESS", address, "127.0.0.1", "listen address"),
    L("server", "port", "NETRA_PORT", port, 0, 65535, "8080", "listen port (0: any free port)"),
    L("server", "threads", "NETRA_THREADS", threads, 1, 256, "2", "worker threads"),
    S("server", "trusted_proxies", "NETRA_TRUSTED_PROXIES", trusted_proxies, "",
      "addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client "
      "(\"127.0.0.1/32, ::1\"); \"\": none, the peer address is the client"),
    S("server", "web_root", "NETRA_WEB_ROOT", web_root, "", "static files of the web app"),
    L("server", "secure_cookies", "NETRA_SECURE_COOKIES", secure_cookies, 0, 1, "0",
      "1 when clients reach netrad over TLS (a proxy): cookies get Secure"),
    L("server", "session_cache_ttl", "NETRA_SESSION_CACHE_TTL", session_cache_ttl, 0, 60, "5",
      "seconds a checked session or API token is kept in memory; a logout, disabled user, "
      "password or office change through this netrad is seen at once, one made elsewhere "
      "(the netra command, another netrad) within this time; 0: every request reads the store"),
    S("store", "database", "NETRA_DB", database, "netra.db", "store: a path or sqlite:PATH"),
    S("store", "key_file", "NETRA_KEY_FILE", key_file, "",
      "reporter key file (the NETRA_KEY variable wins)"),
    S("detect", "elections", "NETRA_ELECTIONS", elections, "",
      "directory of election files for /api/v1/scan (default: <data>/elections)"),
    S("map", "boundaries", "NETRA_BOUNDARIES", boundaries, "",
      "boundary GeoJSON of `netra region import-geojson` for the map (\"\": the tile map)"),
    L("limits", "max_body", "NETRA_MAX_BODY", max_body, 1024, 64L << 20, "1048576",
      "bytes of a JSON request body"),
    L("limits", "max_scan_body", "NETRA_MAX_SCAN_BODY", max_scan_body, 1024, 1L << 30, "16777216",
      "bytes of a /api/v1/scan body"),
    L("limits", "max_scan_lines", "NETRA_MAX_SCAN_LINES", max_scan_lines, 1, 10000000, "100000",
      "items in one /api/v1/scan request"),
    L("limits", "max_upload", "NETRA_MAX_UPLOAD", max_upload, 1024, 1L << 30, "20971520",
      "bytes of one evidence upload"),
    L("limits", "max_json_depth", "NETRA_MAX_JSON_DEPTH", max_json_depth, 2, 256, "32",
      "nesting depth of a JSON body"),
    L("limits", "max_string", "NETRA_MAX_STRING", max_string, 16, 16L << 20, "65536",
      "bytes of one JSON string"),
    L("limits", "max_headers", "NETRA_MAX_HEADERS", max_headers, 4, 1000, "64",
      "header fields per request"),
    L("limits", "header_memory", "NETRA_HEADER_MEMORY", header_memory, 4096, 1L << 20, "32768",
      "bytes for a request line and its headers"),
    L("limits", "max_connections", "NETRA_MAX_CONNECTIONS", max_connections, 1, 100000, "1024",
      "open connections"),
    L("limits", "per_ip_connections", "NETRA_PER_IP_CONNECTIONS", per_ip_connections, 0, 100000,
      "0", "open connections per client address (0: no limit)"),
    L("limits", "timeout", "NETRA_TIMEOUT", timeout, 1, 3600, "30",
      "seconds a connection may stay idle or stall"),
    L("limits", "shutdown_grace", "NETRA_SHUTDOWN_GRACE", shutdown_grace, 0, 3600, "30",
      "seconds in-flight requests get on SIGTERM"),
    L("public", "rate_per_minute", "NETRA_PUBLIC_RATE", public_rate, 1, 1000000, "30",
      "public requests (reports, receipts, transparency) per minute per client address"),
    L("public", "burst", "NETRA_PUBLIC_BURST", public_burst, 1, 1000000, "20",
      "public requests a client address may make at once before the rate applies"),
    L("public", "receipt_failures_per_hour", "NETRA_RECEIPT_FAIL_RATE", receipt_fail_rate, 1,
      1000000, "20", "failed receipt lookups per hour per client address (guessing)"),
    L("public", "receipt_failure_burst", "NETRA_RECEIPT_FAIL_BURST", receipt_fail_burst, 1, 1000000,
      "10", "failed receipt lookups a client address may make before the rate applies"),
    S("log", "level", "NETRA_LOG_LEVEL", log_level, "info", "error, warn, info or debug"),
};
#define N_SETTINGS (sizeof settings / sizeof settings[0])

static int set_value(srv_config *c, const setting *s, const char *v, char *err, size_t err_size,
                     const char *where)
{
    char *base = (char *)c;
    if (s->type == K_STR) {
        size_t n = strlen(v);
        if (n >= s->size) {
            snprintf(err, err_size, "%s: '%s' is longer than %zu bytes", where, s->key,
                     s->size - 1);
            return -1;
        }
        memcpy(base + s->offset, v, n + 1);
        if (strcmp(s->key, "trusted_proxies") == 0) {
            srv_cidr set[SRV_PROXIES_MAX];
            char why[160];
            if (srv_proxies_parse(set, SRV_PROXIES_MAX, v, why, sizeof why) < 0) {
                snprintf(err, err_size, "%s: 'trusted_proxies': %s", where, why);
                return -1;
            }
        }
        if (strcmp(s->key, "level") == 0 && strcmp(v, "error") != 0 && strcmp(v, "warn") != 0 &&
            strcmp(v, "info") != 0 && strcmp(v, "debug") != 0) {
            snprintf(err, err_size, "%s: 'level' must be error, warn, info or debug, not '%s'",
                     where, v);
            return -1;
        }
        return 0;
    }
    errno = 0;
    char *end = NULL;
    long x = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0') {
        snprintf(err, err_size, "%s: '%s' must be a whole number, not '%s'", where, s->key, v);
        return -1;
    }
    if (x < s->min || x > s->max) {
        snprintf(err, err_size, "%s: '%s' must be between %ld and %ld, not %ld", where, s->key,
                 s->min, s->max, x);
        return -1;
    }
    *(long *)(void *)(base + s->offset) = x;
    return 0;
}

void srv_config_defaults(srv_config *c)
{
    memset(c, 0, sizeof *c);
    char err[256];
    for (size_t i = 0; i < N_SETTINGS; i++)
        (void)set_value(c, &settings[i], settings[i].def, err, sizeof err, "default");
}

typedef struct ini_ctx {
    srv_config *c;
    const char *path;
    char *err;
    size_t err_size;
    int failed;
} ini_ctx;

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    ini_ctx *x = user;
    if (x->failed)
        return 0;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        if (strcmp(settings[i].section, section) == 0 && strcmp(settings[i].key, name) == 0) {
            char where[SRV_CONF_STR + 32];
            snprintf(where, sizeof where, "%s: [%s]", x->path, section);
            if (set_value(x->c, &settings[i], value, x->err, x->err_size, where) < 0) {
                x->failed = 1;
                return 0;
            }
            return 1;
        }
    }
    snprintf(x->err, x->err_size, "%s: [%s] unknown key '%s'", x->path, section, name);
    x->failed = 1;
    return 0;
}

int srv_config_load(srv_config *c, const char *path, char *err, size_t err_size)
{
    if (path != NULL) {
        ini_ctx x = {c, path, err, err_size, 0};
        int rc = ini_parse(path, on_ini, &x);
        if (rc == -1) {
            snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
            return -1;
        }
        if (x.failed) {
            if (rc > 0) {
                char tmp[600];
                snprintf(tmp, sizeof tmp, "%s (line %d)", err, rc);
                snprintf(err, err_size, "%s", tmp);
            }
            return -1;
        }
        if (rc != 0) {
            snprintf(err, err_size, "%s:%d: not an INI line", path, rc);
            return -1;
        }
        snprintf(c->config_path, sizeof c->config_path, "%s", path);
    }
    for (size_t i = 0; i < N_SETTINGS; i++) {
        const char *v = getenv(settings[i].env);
        if (v != NULL && v[0] != '\0' &&
            set_value(c, &settings[i], v, err, err_size, settings[i].env) < 0)
            return -1;
    }
    return 0;
}

void srv_config_print(const srv_config *c, void *out)
{
    FILE *f = out;
    const char *sec = "";
    fprintf(f, "; netrad settings in force (file: %s)\n",
            c->config_path[0] ? c->config_path : "none");
    for (size_t i = 0; i < N_SETTINGS; i++) {
        const setting *s = &settings[i];
        if (strcmp(sec, s->section) != 0) {
            fprintf(f, "\n[%s]\n", s->section);
            sec = s->section;
        }
        const char *base = (const char *)c;
        const char *env = getenv(s->env);
        const char *from = env && env[0] ? s->env : "";
        if (s->type == K_STR)
            fprintf(f, "%s = %s", s->key, base + s->offset);
        else
            fprintf(f, "%s = %ld", s->key, *(const long *)(const void *)(base + s->offset));
        if (from[0])
            fprintf(f, "    ; from %s", from);
        fputc('\n', f);
    }
}

void srv_config_help(void *out)
{
    FILE *f = out;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        const setting *s = &settings[i];
        char key[48];
        snprintf(key, sizeof key, "[%s] %s", s->section, s->key);
        fprintf(f, "  %-26s %-26s %s (default: %s)\n", key, s->env, s->help,
                s->def[0] ? s->def : "none");
    }
}
