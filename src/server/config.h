/*
 * config.h - netrad's settings: defaults, then netra.ini (inih), then NETRA_* environment
 * variables. One table describes every setting (section, key, variable, bounds), so the
 * help text, `netrad --print-config` and docs/server.md name the same things.
 */
#ifndef NETRA_SERVER_CONFIG_H
#define NETRA_SERVER_CONFIG_H

#include <stddef.h>

#define SRV_CONF_STR 512

typedef struct srv_config {
    char address[64];                   /* listen address (IPv4 or IPv6 literal) */
    long port;                          /* listen port; 0 picks a free one */
    char database[SRV_CONF_STR];        /* store location: a path or sqlite:PATH */
    char key_file[SRV_CONF_STR];        /* reporter key file (NETRA_KEY wins when set) */
    char web_root[SRV_CONF_STR];        /* static files of the web app; "" serves none */
    char elections[SRV_CONF_STR];       /* directory of election files for /scan */
    char boundaries[SRV_CONF_STR];      /* boundary GeoJSON for the map, "" for the tile map */
    long threads;                       /* worker threads */
    long max_body;                      /* bytes of a JSON request body */
    long max_scan_body;                 /* bytes of a /scan body */
    long max_scan_lines;                /* items in one /scan request */
    long max_upload;                    /* bytes of one evidence upload */
    long max_json_depth;                /* nesting of a JSON body */
    long max_string;                    /* bytes of one JSON string */
    long max_headers;                   /* header fields per request */
    long header_memory;                 /* bytes for a request's line and headers */
    long max_connections;               /* open connections */
    long per_ip_connections;            /* open connections per client address */
    long timeout;                       /* seconds a connection may stay idle or stall */
    long shutdown_grace;                /* seconds to let in-flight requests finish */
    long secure_cookies;                /* 1: session cookies carry Secure (behind TLS) */
    long session_cache_ttl;             /* seconds a checked session/token is kept; 0: off */
    long public_rate;                   /* public requests per minute per client address */
    long public_burst;                  /* bucket size of the public requests */
    long receipt_fail_rate;             /* failed receipt lookups per hour per client address */
    long receipt_fail_burst;            /* bucket size of the failed lookups */
    char trusted_proxies[SRV_CONF_STR]; /* proxies whose X-Forwarded-For is believed */
    char log_level[16];                 /* error, warn, info, debug */
    char config_path[SRV_CONF_STR];     /* the file read, "" when none */
} srv_config;

/** Fills defaults. */
void srv_config_defaults(srv_config *c);

/**
 * Reads `path` (netra.ini) when not NULL, then applies NETRA_* variables. On error writes
 * one line (`netra.ini:12: key 'port': ...` or `NETRA_PORT: ...`) into `err`.
 * Returns 0 or -1.
 */
int srv_config_load(srv_config *c, const char *path, char *err, size_t err_size);

/** Writes the effective settings as INI to `out` (FILE *), with where each came from. */
void srv_config_print(const srv_config *c, void *out);

/** Writes the table of settings (key, variable, default, meaning) for --help. */
void srv_config_help(void *out);

#endif
