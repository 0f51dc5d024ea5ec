/*
 * main.c - netrad: Netra's HTTP server. Reads netra.ini and NETRA_* variables, loads the
 * law, workflow, calendar, regions and election files once, opens the store, serves until
 * SIGTERM or SIGINT, then lets the requests in flight finish.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

void srv_scan_workers_free(void);

static void usage(FILE *f)
{
    fprintf(
        f,
        "Penggunaan / usage: netrad [--config netra.ini] [--print-config] [--routes]\n"
        "                           [--ready-file FILE] [--version] [--help]\n\n"
        "netrad melayani API JSON Netra (/api/v1/...), /healthz, /metrics dan aplikasi web.\n"
        "netrad serves Netra's JSON API (/api/v1/...), /healthz, /metrics and the web app.\n\n"
        "  --config FILE     read settings from an INI file (default: ./netra.ini when present)\n"
        "  --print-config    print the settings in force and exit\n"
        "  --routes          print the route table (method, path, login) and exit\n"
        "  --ready-file FILE write the URL to FILE once listening\n\n"
        "Settings ([section] key, environment variable; the variable wins):\n");
    srv_config_help(f);
    fprintf(f, "\nNETRA_KEY (64 hex digits) is the reporter key when set; NETRA_DATA_DIR and\n"
               "NETRA_REGION_DIR locate the shipped data. See man netrad(8).\n");
}

static int load_elections(srv *s, char *err, size_t err_size)
{
    char dir[SRV_CONF_STR + 64];
    if (s->cfg.elections[0] != '\0')
        snprintf(dir, sizeof dir, "%s", s->cfg.elections);
    else
        snprintf(dir, sizeof dir, "%s/elections", netra_data_dir());
    DIR *d = opendir(dir);
    if (d == NULL) {
        if (s->cfg.elections[0] == '\0')
            return 0; /* none shipped: /scan answers 503 */
        snprintf(err, err_size, "%s: %s", dir, strerror(errno));
        return -1;
    }
    char names[32][256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 32) {
        size_t l = strlen(e->d_name);
        if (l > 5 && l < 256 && strcmp(e->d_name + l - 5, ".json") == 0)
            snprintf(names[n++], sizeof names[0], "%s", e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) { /* a stable order: by name */
        for (size_t k = i + 1; k < n; k++)
            if (strcmp(names[k], names[i]) < 0) {
                char t[256];
                memcpy(t, names[i], sizeof t);
                memcpy(names[i], names[k], sizeof t);
                memcpy(names[k], t, sizeof t);
            }
    }
    for (size_t i = 0; i < n; i++) {
        char path[sizeof dir + sizeof names[0] + 2];
        snprintf(path, sizeof path, "%.575s/%.255s", dir, names[i]);
        int rc = netra_election_load(&s->el[s->n_el], path);
        if (rc == NETRA_OK && (rc = netra_election_check_law(s->el[s->n_el], s->law)) < 0)
            netra_election_free(s->el[s->n_el]);
        if (rc < 0) {
            snprintf(err, err_size, "%.300s: %.400s", path, netra_error_last()->msg);
            return -1;
        }
        s->n_el++;
    }
    if (s->n_el == 0)
        return 0;
    netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, 0};
    if (netra_detector_new(&s->det, s->law, (const netra_election_file *const *)s->el, s->n_el,
                           NULL, &o) < 0) {
        snprintf(err, err_size, "detector: %s", netra_error_last()->msg);
        return -1;
    }
    return 0;
}

static int load_all(srv *s, char *err, size_t err_size)
{
    netra_law_options lo = NETRA_LAW_OPTIONS_INIT;
    const char *d8 = getenv("NETRA_D8_LEVEL");
    if (d8 != NULL && d8[0] != '\0') {
        lo.d8_level = netra_level_from_id(d8);
        if (lo.d8_level != NETRA_LEVEL_SEDANG && lo.d8_level != NETRA_LEVEL_BERAT) {
            snprintf(err, err_size, "NETRA_D8_LEVEL: 'sedang' or 'berat', not '%s'", d8);
            return -1;
        }
    }
    const char *what = "law data";
    int rc = netra_law_load(&s->law, NULL, &lo);
    if (rc == NETRA_OK && (what = "workflow", rc = netra_workflow_load(&s->wf, NULL)) == NETRA_OK &&
        (what = "calendar", rc = netra_calendar_load(&s->cal, NULL)) == NETRA_OK)
        what = "regions", rc = netra_regions_load(&s->regs, NULL);
    if (rc < 0) {
        snprintf(err, err_size, "%s: %s", what, netra_error_last()->msg);
        return -1;
    }
    const char *envkey = getenv("NETRA_KEY");
    if (s->cfg.key_file[0] != '\0' || (envkey != NULL && envkey[0] != '\0')) {
        if (netra_key_load(&s->key, s->cfg.key_file[0] ? s->cfg.key_file : NULL) < 0) {
            snprintf(err, err_size, "key: %s", netra_error_last()->msg);
            return -1;
        }
        s->have_key = 1;
    }
    if (netra_org_load(&s->org, NULL, s->wf) < 0) {
        snprintf(err, err_size, "offices: %s", netra_error_last()->msg);
        return -1;
    }
    if (load_elections(s, err, err_size) < 0)
        return -1;
    if (s->cfg.web_root[0] != '\0') {
        char real[PATH_MAX];
        if (realpath(s->cfg.web_root, real) == NULL) {
            snprintf(err, err_size, "web_root %s: %s", s->cfg.web_root, strerror(errno));
            return -1;
        }
        snprintf(s->web_root, sizeof s->web_root, "%s", real);
    }
    /* Open the store once here: migrations run before any worker connects. */
    netra_store_config cfg = {s->wf, s->cal, s->have_key ? &s->key : NULL, s->law};
    netra_store *st = NULL;
    if (netra_store_open(&st, s->cfg.database, &cfg) < 0) {
        snprintf(err, err_size, "store %.300s: %.400s", s->cfg.database, netra_error_last()->msg);
        return -1;
    }
    netra_store_close(st);
    return 0;
}

static void unload(srv *s)
{
    srv_scan_workers_free();
    netra_detector_free(s->det);
    for (size_t i = 0; i < s->n_el; i++)
        netra_election_free(s->el[i]);
    netra_org_free(s->org);
    netra_regions_free(s->regs);
    netra_calendar_free(s->cal);
    netra_workflow_free(s->wf);
    netra_law_free(s->law);
    volatile unsigned char *k = s->key.bytes;
    for (size_t i = 0; i < sizeof s->key.bytes; i++)
        k[i] = 0;
}

int main(int argc, char **argv)
{
    static srv s;
    const char *config = NULL, *ready = NULL;
    int print_config = 0, print_routes = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("netrad %s\n", NETRA_VERSION);
            return 0;
        } else if (strcmp(a, "--config") == 0 && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(a, "--ready-file") == 0 && i + 1 < argc) {
            ready = argv[++i];
        } else if (strcmp(a, "--print-config") == 0) {
            print_config = 1;
        } else if (strcmp(a, "--routes") == 0) {
            print_routes = 1;
        } else {
            fprintf(stderr,
                    "netrad: opsi tidak dikenal atau tanpa nilai: %s / unknown option or "
                    "missing value: %s\n",
                    a, a);
            usage(stderr);
            return 2;
        }
    }
    if (config == NULL && access("netra.ini", R_OK) == 0)
        config = "netra.ini";
    char err[1024];
    srv_config_defaults(&s.cfg);
    if (srv_config_load(&s.cfg, config, err, sizeof err) < 0) {
        fprintf(stderr, "netrad: konfigurasi tidak sah / invalid configuration: %s\n", err);
        return 2;
    }
    if (print_config) {
        srv_config_print(&s.cfg, stdout);
        return 0;
    }
    if (print_routes) {
        size_t n;
        const srv_route *rt = srv_routes(&n);
        for (size_t i = 0; i < n; i++)
            printf("%s %s%s\n", rt[i].method, rt[i].pattern, rt[i].login ? " login" : "");
        return 0;
    }
    static const char *const levels[] = {"error", "warn", "info", "debug"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s.cfg.log_level, levels[i]) == 0)
            s.log_level = i;
    if (load_all(&s, err, sizeof err) < 0) {
        srv_log(&s, 0, "cannot start", "error", err);
        unload(&s);
        return 5;
    }
    /* Signals are taken by sigwait below; every thread started from here inherits the mask. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (srv_start(&s) < 0) {
        unload(&s);
        return 5;
    }
    char url[128];
    snprintf(url, sizeof url, strchr(s.cfg.address, ':') ? "http://[%s]:%ld/" : "http://%s:%ld/",
             s.cfg.address, s.cfg.port);
    srv_log(&s, 2, "listening", "url", url);
    if (ready != NULL) {
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.tmp", ready);
        FILE *f = fopen(tmp, "w");
        if (f != NULL) {
            fprintf(f, "%s\n", url);
            fclose(f);
            rename(tmp, ready);
        }
    }
    int sig = 0;
    sigwait(&set, &sig);
    srv_log(&s, 2, "stopping: finishing requests in flight", "signal",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    srv_stop(&s);
    unload(&s);
    srv_log(&s, 2, "stopped", NULL, NULL);
    return 0;
}
