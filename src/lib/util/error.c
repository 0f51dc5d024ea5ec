/*
 * error.c - the thread-local error detail (libgit2's giterr idea): a code and a message,
 * set where a failure is detected and read by whoever reports it.
 */
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"

static _Thread_local netra_error t_error;

const netra_error *netra_error_last(void)
{
    return &t_error;
}

void netra_error_clear(void)
{
    t_error.code = NETRA_OK;
    t_error.msg[0] = '\0';
}

int nt_error_vset(int code, const char *fmt, va_list ap)
{
    t_error.code = code;
    if (fmt == NULL) {
        t_error.msg[0] = '\0';
        return code;
    }
    /* vsnprintf truncates safely; a truncated message is still a useful message. */
    int n = vsnprintf(t_error.msg, sizeof t_error.msg, fmt, ap);
    if (n < 0)
        t_error.msg[0] = '\0';
    return code;
}

int nt_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nt_error_vset(code, fmt, ap);
    va_end(ap);
    return code;
}

int nt_error_set_oom(void)
{
    t_error.code = NETRA_ENOMEM;
    memcpy(t_error.msg, "out of memory", sizeof "out of memory");
    return NETRA_ENOMEM;
}

int nt_error_prefix(const char *fmt, ...)
{
    char prefix[256];
    char old[NETRA_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n < 0)
        return t_error.code;
    memcpy(old, t_error.msg, sizeof old);
    /* prefix + ": " + old, truncated to the message buffer. */
    size_t pl = strlen(prefix), ol = strlen(old), cap = sizeof t_error.msg - 1, at = 0;
    size_t take = pl < cap ? pl : cap;
    memcpy(t_error.msg, prefix, take);
    at = take;
    for (const char *sep = ": "; *sep != '\0' && at < cap; sep++)
        t_error.msg[at++] = *sep;
    take = ol < cap - at ? ol : cap - at;
    memcpy(t_error.msg + at, old, take);
    t_error.msg[at + take] = '\0';
    return t_error.code;
}

const char *netra_strerror(int code)
{
    switch (code) {
    case NETRA_OK:
        return "success";
    case NETRA_ERROR:
        return "internal error";
    case NETRA_ENOMEM:
        return "out of memory";
    case NETRA_EINVAL:
        return "invalid input";
    case NETRA_ENOTFOUND:
        return "not found";
    case NETRA_ECONFLICT:
        return "conflict";
    case NETRA_ESTATE:
        return "action not allowed in this state";
    case NETRA_EPERM:
        return "not permitted";
    case NETRA_ETOOBIG:
        return "limit exceeded";
    case NETRA_ESTORAGE:
        return "storage error";
    case NETRA_EIO:
        return "input/output error";
    case NETRA_EDATA:
        return "malformed data file";
    default:
        return "unknown error";
    }
}
