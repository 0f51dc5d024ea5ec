/*
 * error.h - error codes and the thread-local error detail of libnetra.
 *
 * Every fallible function returns NETRA_OK (0) or a negative code below and leaves a
 * human-readable explanation in netra_error_last(): the field, line or byte that was wrong
 * and why. The detail is per thread and is overwritten by the next failure.
 */
#ifndef NETRA_ERROR_H
#define NETRA_ERROR_H

#include "netra/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes. HTTP statuses in the comments are those netrad maps them to. */
typedef enum netra_err {
    NETRA_OK = 0,         /* success */
    NETRA_ERROR = -1,     /* internal error; see netra_error_last() */
    NETRA_ENOMEM = -2,    /* out of memory */
    NETRA_EINVAL = -3,    /* bad argument or invalid input (400/422) */
    NETRA_ENOTFOUND = -4, /* no such item (404) */
    NETRA_ECONFLICT = -5, /* version mismatch or duplicate (409) */
    NETRA_ESTATE = -6,    /* action not allowed in this workflow state (409) */
    NETRA_EPERM = -7,     /* not authorised (403) */
    NETRA_ETOOBIG = -8,   /* a limit was exceeded (413) */
    NETRA_ESTORAGE = -9,  /* database error (503/500) */
    NETRA_EIO = -10,      /* file or network I/O error */
    NETRA_EDATA = -11     /* a shipped or supplied data file is malformed */
} netra_err;

/** Size of the message buffer in netra_error, including the terminating NUL. */
#define NETRA_ERROR_MSG_MAX 512

/** The last error of the calling thread. */
typedef struct netra_error {
    int code;                      /* a netra_err value; NETRA_OK when none */
    char msg[NETRA_ERROR_MSG_MAX]; /* NUL-terminated English explanation */
} netra_error;

/**
 * The last error of the calling thread.
 *
 * @return a borrowed pointer to thread-local storage, never NULL; `code` is NETRA_OK and
 *         `msg` empty when no error has been recorded since the last netra_error_clear().
 */
NETRA_API const netra_error *netra_error_last(void);

/** Forgets the last error of the calling thread. */
NETRA_API void netra_error_clear(void);

/**
 * A short English name of a code ("out of memory", "invalid input"...).
 *
 * @return a static string; "unknown error" for a value outside netra_err.
 */
NETRA_API const char *netra_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif
