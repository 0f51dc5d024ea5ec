/*
 * reqparse.h - the request pieces netrad parses itself: the path (checked and split into
 * segments), route patterns with parameters, the query string, and a bounded pre-scan of a
 * JSON body (nesting depth and string length, before the body reaches the JSON parser).
 *
 * Pure functions over bytes, no allocation: the fuzz target tests/fuzz/reqpath_fuzzer.c
 * drives them with arbitrary input.
 */
#ifndef NETRA_SERVER_REQPARSE_H
#define NETRA_SERVER_REQPARSE_H

#include <stddef.h>

/** Longest path netrad accepts (bytes, after the query is cut). */
#define SRV_PATH_MAX 1024
/** Most segments in a path. */
#define SRV_SEGMENTS_MAX 16
/** Most parameters in a query string. */
#define SRV_QUERY_MAX 32
/** Longest decoded query name or value. */
#define SRV_QUERY_VALUE_MAX 512
/** Bytes of all decoded names and values together (with their NULs). */
#define SRV_QUERY_BYTES 4096

/** Why a path was refused. */
typedef enum srv_path_err {
    SRV_PATH_OK = 0,
    SRV_PATH_EMPTY,     /* does not start with '/' */
    SRV_PATH_TOO_LONG,  /* over SRV_PATH_MAX */
    SRV_PATH_TOO_DEEP,  /* over SRV_SEGMENTS_MAX segments */
    SRV_PATH_TRAVERSAL, /* a "." or ".." segment, raw or percent-encoded */
    SRV_PATH_BAD_BYTE,  /* NUL, a control byte, a backslash, or a bad percent escape */
} srv_path_err;

/** A checked path: copies of its segments, percent-decoded. */
typedef struct srv_path {
    char buf[SRV_PATH_MAX + SRV_SEGMENTS_MAX]; /* the segments, each NUL-terminated */
    const char *seg[SRV_SEGMENTS_MAX];         /* pointers into buf */
    size_t n_seg;                              /* segments ("/" has none) */
    int trailing_slash;                        /* 1 when the path ends in '/' (not "/") */
} srv_path;

/**
 * Checks and splits a raw request target (as sent, still percent-encoded; a query after '?'
 * is ignored). Empty segments ("//") are dropped.
 */
srv_path_err srv_path_parse(srv_path *out, const char *raw, size_t len);

/** English and Indonesian names of a path error. */
const char *srv_path_err_en(srv_path_err e);
const char *srv_path_err_id(srv_path_err e);

/** Most parameters in a route pattern. */
#define SRV_PARAMS_MAX 4

/** The parameters a pattern captured: names borrowed from the pattern, values from the path. */
typedef struct srv_params {
    const char *name[SRV_PARAMS_MAX]; /* "id" */
    size_t name_len[SRV_PARAMS_MAX];  /* its length in the pattern */
    const char *value[SRV_PARAMS_MAX];
    size_t n;
} srv_params;

/**
 * Matches a path against a pattern such as "/api/v1/cases/{id}/timeline": literal segments
 * must be equal, `{name}` captures one non-empty segment. Returns 1 on a match, 0 otherwise.
 */
int srv_route_match(const char *pattern, const srv_path *path, srv_params *out);

/** The value of parameter `name`, or NULL. */
const char *srv_param(const srv_params *p, const char *name);

/** A parsed query string. */
typedef struct srv_query {
    char buf[SRV_QUERY_BYTES]; /* decoded names and values, each NUL-terminated */
    const char *name[SRV_QUERY_MAX];
    const char *value[SRV_QUERY_MAX];
    size_t n;
} srv_query;

/** Why a query was refused. */
typedef enum srv_query_err {
    SRV_QUERY_OK = 0,
    SRV_QUERY_TOO_MANY,  /* over SRV_QUERY_MAX parameters */
    SRV_QUERY_TOO_LONG,  /* a name or value over SRV_QUERY_VALUE_MAX decoded bytes, or all
                            of them over SRV_QUERY_BYTES */
    SRV_QUERY_BAD_BYTE,  /* a bad percent escape, NUL or a control byte once decoded */
    SRV_QUERY_DUPLICATE, /* a parameter given twice */
} srv_query_err;

/**
 * Parses the query of a raw request target (the part after the first '?', up to '#'):
 * `a=1&b=x%20y`, '+' read as a space. `bad_name` (may be NULL) gets the offending name,
 * truncated to fit its 64 bytes.
 */
srv_query_err srv_query_parse(srv_query *out, const char *raw, size_t len, char bad_name[64]);

/** The value of `name`, or NULL. */
const char *srv_query_get(const srv_query *q, const char *name);

/** What a JSON pre-scan found. */
typedef enum srv_json_err {
    SRV_JSON_OK = 0,
    SRV_JSON_TOO_DEEP,   /* nesting over the limit */
    SRV_JSON_STRING_BIG, /* a string over the limit (bytes between the quotes) */
    SRV_JSON_UNBALANCED, /* a closing bracket without its opening one, or an open string */
} srv_json_err;

/**
 * Scans a JSON text for nesting depth and string length without building anything.
 * `*at_out` gets the byte offset of the problem. It does not check the grammar: the parser
 * that follows does.
 */
srv_json_err srv_json_prescan(const char *s, size_t len, int max_depth, size_t max_string,
                              size_t *at_out);

/* ---- trusted proxies and the client address -------------------------------------------- */

/** At most this many entries in `trusted_proxies`. */
#define SRV_PROXIES_MAX 32

/** An address range (IPv4 or IPv6) of a trusted proxy. */
typedef struct srv_cidr {
    int v6;                 /* 0: IPv4 (4 bytes of addr), 1: IPv6 */
    unsigned char addr[16]; /* network byte order */
    int bits;               /* prefix length */
} srv_cidr;

/**
 * Parses a comma-separated list of addresses or CIDR ranges ("127.0.0.1/32, 10.0.0.0/8,
 * ::1"). A plain address is a range of one. Returns the number of entries, or -1 with
 * `err` naming the bad entry and why.
 */
int srv_proxies_parse(srv_cidr *out, size_t max, const char *list, char *err, size_t err_size);

/** Whether the textual address `addr` falls in one of the ranges. */
int srv_proxies_match(const srv_cidr *set, size_t n, const char *addr);

/**
 * The client's address for rate limiting: `peer` unless the peer is a trusted proxy and
 * `xff` (X-Forwarded-For) is given; then the rightmost address of `xff` that is not a
 * trusted proxy (addresses to its left were written by the client and may be forged), or
 * the leftmost when all are trusted. An entry that is not an address stops the walk: the
 * last trusted hop before it is used. `out` gets at most 63 bytes and a NUL.
 */
void srv_client_address(char out[64], const char *peer, const char *xff, const srv_cidr *set,
                        size_t n);

#endif
