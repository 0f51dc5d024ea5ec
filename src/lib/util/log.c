/*
 * log.c - minimal levelled logging to stderr or a caller's sink. Thresholds come from the
 * NETRA_LOG environment variable (error, warn, info, debug), read once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"

static int g_level = -1;
static void (*g_sink)(nt_log_level, const char *, void *);
static void *g_sink_payload;

static const char *const level_names[] = {"error", "warn", "info", "debug"};

static int level_from_env(void)
{
    const char *e = getenv("NETRA_LOG");
    if (e != NULL)
        for (int i = 0; i < 4; i++)
            if (strcmp(e, level_names[i]) == 0)
                return i;
    return NT_LOG_WARN;
}

void nt_log_set_level(nt_log_level level)
{
    g_level = (int)level;
}

void nt_log_set_sink(void (*sink)(nt_log_level, const char *, void *), void *payload)
{
    g_sink = sink;
    g_sink_payload = payload;
}

void nt_log(nt_log_level level, const char *fmt, ...)
{
    if (g_level < 0)
        g_level = level_from_env();
    if ((int)level > g_level)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (g_sink != NULL)
        g_sink(level, msg, g_sink_payload);
    else
        fprintf(stderr, "netra: %s: %s\n", level_names[level], msg);
}
