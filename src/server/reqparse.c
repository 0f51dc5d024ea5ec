/*
 * reqparse.c - path, pattern, query and JSON pre-scan parsing for netrad (reqparse.h).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "reqparse.h"

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes one percent escape at s[i] (s[i] == '%'); -1 when malformed. */
static int pct_decode(const char *s, size_t len, size_t i)
{
    if (i + 2 >= len)
        return -1;
    int h = hexval((unsigned char)s[i + 1]), l = hexval((unsigned char)s[i + 2]);
    if (h < 0 || l < 0)
        return -1;
    return h * 16 + l;
}

srv_path_err srv_path_parse(srv_path *out, const char *raw, size_t len)
{
    out->n_seg = 0;
    out->trailing_slash = 0;
    size_t end = 0;
    while (end < len && raw[end] != '?' && raw[end] != '#')
        end++;
    if (end == 0 || raw[0] != '/')
        return SRV_PATH_EMPTY;
    if (end > SRV_PATH_MAX)
        return SRV_PATH_TOO_LONG;
    size_t w = 0, i = 1;
    while (i < end) {
        if (raw[i] == '/') {
            i++;
            continue;
        }
        if (out->n_seg == SRV_SEGMENTS_MAX)
            return SRV_PATH_TOO_DEEP;
        size_t start = w;
        while (i < end && raw[i] != '/') {
            unsigned char c = (unsigned char)raw[i];
            if (c == '%') {
                int v = pct_decode(raw, end, i);
                if (v < 0)
                    return SRV_PATH_BAD_BYTE;
                c = (unsigned char)v;
                i += 3;
                if (c == '/')
                    return SRV_PATH_TRAVERSAL; /* an encoded separator */
            } else {
                i++;
            }
            if (c < 0x20 || c == 0x7f || c == '\\')
                return SRV_PATH_BAD_BYTE;
            out->buf[w++] = (char)c;
        }
        size_t n = w - start;
        if ((n == 1 && out->buf[start] == '.') ||
            (n == 2 && out->buf[start] == '.' && out->buf[start + 1] == '.'))
            return SRV_PATH_TRAVERSAL;
        out->buf[w++] = '\0';
        out->seg[out->n_seg++] = out->buf + start;
    }
    out->trailing_slash = end > 1 && raw[end - 1] == '/';
    return SRV_PATH_OK;
}

const char *srv_path_err_en(srv_path_err e)
{
    switch (e) {
    case SRV_PATH_OK:
        return "valid";
    case SRV_PATH_EMPTY:
        return "the path must start with '/'";
    case SRV_PATH_TOO_LONG:
        return "the path is too long";
    case SRV_PATH_TOO_DEEP:
        return "the path has too many segments";
    case SRV_PATH_TRAVERSAL:
        return "the path contains '.', '..' or an encoded '/'";
    case SRV_PATH_BAD_BYTE:
        return "the path contains a control byte, a backslash or a bad percent escape";
    }
    return "invalid path";
}

const char *srv_path_err_id(srv_path_err e)
{
    switch (e) {
    case SRV_PATH_OK:
        return "sah";
    case SRV_PATH_EMPTY:
        return "path harus diawali '/'";
    case SRV_PATH_TOO_LONG:
        return "path terlalu panjang";
    case SRV_PATH_TOO_DEEP:
        return "path memiliki terlalu banyak segmen";
    case SRV_PATH_TRAVERSAL:
        return "path memuat '.', '..' atau '/' yang dikodekan";
    case SRV_PATH_BAD_BYTE:
        return "path memuat bita kendali, garis miring terbalik atau escape persen yang salah";
    }
    return "path tidak sah";
}

int srv_route_match(const char *pattern, const srv_path *path, srv_params *out)
{
    out->n = 0;
    const char *p = pattern;
    size_t k = 0;
    while (*p == '/')
        p++;
    while (*p != '\0') {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (k >= path->n_seg)
            return 0;
        const char *seg = path->seg[k];
        if (n >= 2 && p[0] == '{' && p[n - 1] == '}') {
            if (seg[0] == '\0' || out->n == SRV_PARAMS_MAX)
                return 0;
            out->name[out->n] = p + 1;
            out->name_len[out->n] = n - 2;
            out->value[out->n] = seg;
            out->n++;
        } else if (strlen(seg) != n || memcmp(seg, p, n) != 0) {
            return 0;
        }
        k++;
        p += n;
        while (*p == '/')
            p++;
    }
    return k == path->n_seg;
}

const char *srv_param(const srv_params *p, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < p->n; i++)
        if (p->name_len[i] == n && memcmp(p->name[i], name, n) == 0)
            return p->value[i];
    return NULL;
}

/* Decodes raw[a..b) into out->buf at *w; returns 0 or an error. */
static srv_query_err q_decode(srv_query *out, size_t *w, const char *raw, size_t a, size_t b)
{
    size_t start = *w;
    for (size_t i = a; i < b;) {
        unsigned char c = (unsigned char)raw[i];
        if (c == '%') {
            int v = pct_decode(raw, b, i);
            if (v < 0)
                return SRV_QUERY_BAD_BYTE;
            c = (unsigned char)v;
            i += 3;
        } else {
            if (c == '+')
                c = ' ';
            i++;
        }
        if (c < 0x20 || c == 0x7f)
            return SRV_QUERY_BAD_BYTE;
        if (*w - start >= SRV_QUERY_VALUE_MAX || *w + 2 > sizeof out->buf)
            return SRV_QUERY_TOO_LONG;
        out->buf[(*w)++] = (char)c;
    }
    if (*w + 1 > sizeof out->buf)
        return SRV_QUERY_TOO_LONG;
    out->buf[(*w)++] = '\0';
    return SRV_QUERY_OK;
}

static void copy_name(char dst[64], const char *s)
{
    size_t n = strlen(s);
    if (n > 63)
        n = 63;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

srv_query_err srv_query_parse(srv_query *out, const char *raw, size_t len, char bad_name[64])
{
    out->n = 0;
    if (bad_name)
        bad_name[0] = '\0';
    size_t i = 0;
    while (i < len && raw[i] != '?')
        i++;
    if (i == len)
        return SRV_QUERY_OK;
    i++;
    size_t end = i;
    while (end < len && raw[end] != '#')
        end++;
    size_t w = 0;
    while (i < end) {
        size_t a = i;
        while (i < end && raw[i] != '&')
            i++;
        size_t b = i;
        if (i < end)
            i++;
        if (a == b)
            continue;
        if (out->n == SRV_QUERY_MAX)
            return SRV_QUERY_TOO_MANY;
        size_t eq = a;
        while (eq < b && raw[eq] != '=')
            eq++;
        size_t name_at = w;
        srv_query_err e = q_decode(out, &w, raw, a, eq);
        if (e != SRV_QUERY_OK) {
            if (bad_name) {
                size_t n = eq - a < 63 ? eq - a : 63;
                memcpy(bad_name, raw + a, n);
                bad_name[n] = '\0';
            }
            return e;
        }
        size_t value_at = w;
        e = q_decode(out, &w, raw, eq < b ? eq + 1 : b, b);
        if (e != SRV_QUERY_OK) {
            if (bad_name)
                copy_name(bad_name, out->buf + name_at);
            return e;
        }
        for (size_t k = 0; k < out->n; k++) {
            if (strcmp(out->name[k], out->buf + name_at) == 0) {
                if (bad_name)
                    copy_name(bad_name, out->buf + name_at);
                return SRV_QUERY_DUPLICATE;
            }
        }
        out->name[out->n] = out->buf + name_at;
        out->value[out->n] = out->buf + value_at;
        out->n++;
    }
    return SRV_QUERY_OK;
}

const char *srv_query_get(const srv_query *q, const char *name)
{
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->name[i], name) == 0)
            return q->value[i];
    return NULL;
}

srv_json_err srv_json_prescan(const char *s, size_t len, int max_depth, size_t max_string,
                              size_t *at_out)
{
    int depth = 0;
    *at_out = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"') {
            size_t start = i;
            i++;
            while (i < len && s[i] != '"') {
                if (s[i] == '\\')
                    i++;
                i++;
            }
            if (i >= len) {
                *at_out = start;
                return SRV_JSON_UNBALANCED;
            }
            if (i - start - 1 > max_string) {
                *at_out = start;
                return SRV_JSON_STRING_BIG;
            }
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) {
                *at_out = i;
                return SRV_JSON_TOO_DEEP;
            }
        } else if (c == '}' || c == ']') {
            if (--depth < 0) {
                *at_out = i;
                return SRV_JSON_UNBALANCED;
            }
        }
    }
    return SRV_JSON_OK;
}

/* ---- trusted proxies ------------------------------------------------------------------------ */

/* Parses one address (no spaces) into addr; 4 or 16 bytes; 0 when not an address. */
static int addr_parse(const char *text, size_t len, unsigned char addr[16], int *v6)
{
    char buf[INET6_ADDRSTRLEN + 1];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, text, len);
    buf[len] = '\0';
    if (inet_pton(AF_INET, buf, addr) == 1) {
        *v6 = 0;
        return 4;
    }
    if (inet_pton(AF_INET6, buf, addr) == 1) {
        *v6 = 1;
        return 16;
    }
    return 0;
}

int srv_proxies_parse(srv_cidr *out, size_t max, const char *list, char *err, size_t err_size)
{
    size_t n = 0;
    const char *p = list;
    while (*p != '\0') {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '\0')
            break;
        const char *start = p;
        while (*p != '\0' && *p != ',' && *p != ' ' && *p != '\t')
            p++;
        size_t len = (size_t)(p - start);
        const char *slash = memchr(start, '/', len);
        size_t alen = slash ? (size_t)(slash - start) : len;
        srv_cidr c;
        memset(&c, 0, sizeof c);
        int bytes = addr_parse(start, alen, c.addr, &c.v6);
        if (bytes == 0) {
            snprintf(err, err_size, "'%.*s' is not an IPv4 or IPv6 address",
                     (int)(alen > 64 ? 64 : alen), start);
            return -1;
        }
        c.bits = bytes * 8;
        if (slash != NULL) {
            int bits = 0;
            size_t k = alen + 1;
            if (k >= len || len - k > 3) {
                snprintf(err, err_size,
                         "'%.*s': the prefix length after '/' is missing or too long",
                         (int)(len > 64 ? 64 : len), start);
                return -1;
            }
            for (; k < len; k++) {
                if (start[k] < '0' || start[k] > '9') {
                    snprintf(err, err_size, "'%.*s': the prefix length is not a number",
                             (int)(len > 64 ? 64 : len), start);
                    return -1;
                }
                bits = bits * 10 + (start[k] - '0');
            }
            if (bits > bytes * 8) {
                snprintf(err, err_size, "'%.*s': a prefix of %d bits is longer than the address",
                         (int)(len > 64 ? 64 : len), start, bits);
                return -1;
            }
            c.bits = bits;
        }
        if (n == max) {
            snprintf(err, err_size, "more than %zu entries", max);
            return -1;
        }
        out[n++] = c;
    }
    return (int)n;
}

static int in_range(const srv_cidr *c, const unsigned char addr[16], int v6)
{
    if (c->v6 != v6)
        return 0;
    int full = c->bits / 8, rest = c->bits % 8;
    if (memcmp(c->addr, addr, (size_t)full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xFFu << (8 - rest));
    return (c->addr[full] & mask) == (addr[full] & mask);
}

int srv_proxies_match(const srv_cidr *set, size_t n, const char *addr)
{
    unsigned char a[16];
    int v6;
    if (addr == NULL || addr_parse(addr, strlen(addr), a, &v6) == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (in_range(&set[i], a, v6))
            return 1;
    return 0;
}

void srv_client_address(char out[64], const char *peer, const char *xff, const srv_cidr *set,
                        size_t n)
{
    snprintf(out, 64, "%s", peer ? peer : "");
    if (n == 0 || xff == NULL || !srv_proxies_match(set, n, peer))
        return;
    /* walk from the right: each hop was written by the one after it, which we trust */
    size_t end = strlen(xff);
    while (end > 0) {
        size_t e = end;
        while (e > 0 && (xff[e - 1] == ' ' || xff[e - 1] == '\t'))
            e--;
        size_t b = e;
        while (b > 0 && xff[b - 1] != ',')
            b--;
        size_t s0 = b;
        while (s0 < e && (xff[s0] == ' ' || xff[s0] == '\t'))
            s0++;
        unsigned char a[16];
        int v6;
        if (addr_parse(xff + s0, e - s0, a, &v6) == 0)
            return; /* not an address: keep the last trusted hop */
        int len = (int)(e - s0);
        snprintf(out, 64, "%.*s", len > 63 ? 63 : len, xff + s0);
        int trusted = 0;
        for (size_t i = 0; i < n && !trusted; i++)
            trusted = in_range(&set[i], a, v6);
        if (!trusted)
            return;
        end = b > 0 ? b - 1 : 0;
    }
}
