/*
 * static.c - serves the web app's files from the web root: GET and HEAD only, regular files
 * only, the resolved path must stay inside the root (symbolic links out of it are refused),
 * a content type by extension (unknown ones are application/octet-stream, never sniffed),
 * "/" and directories give their index.html.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {"html", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"txt", "text/plain; charset=utf-8"},
    {"webmanifest", "application/manifest+json"},
    {"wasm", "application/wasm"},
};

static const char *type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash))
        return "application/octet-stream";
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot + 1, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static void not_found(srv_req *r)
{
    srv_reply_error(r, 404, "not_found", NULL, "berkas tidak ditemukan", "no such file");
}

void h_static(srv *s, srv_req *r)
{
    char rel[SRV_PATH_MAX + 32];
    size_t n = 0;
    rel[0] = '\0';
    for (size_t i = 0; i < r->path.n_seg; i++) {
        const char *seg = r->path.seg[i];
        if (seg[0] == '.') { /* no hidden files (.git, .env) */
            not_found(r);
            return;
        }
        int k = snprintf(rel + n, sizeof rel - n, "/%s", seg);
        if (k < 0 || (size_t)k >= sizeof rel - n) {
            not_found(r);
            return;
        }
        n += (size_t)k;
    }
    char full[sizeof s->web_root + sizeof rel + 16], real[PATH_MAX];
    snprintf(full, sizeof full, "%s%s", s->web_root, rel);
    struct stat sb;
    if (stat(full, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        size_t fl = strlen(full);
        snprintf(full + fl, sizeof full - fl, "/index.html");
    }
    if (realpath(full, real) == NULL) {
        not_found(r);
        return;
    }
    size_t rl = strlen(s->web_root);
    if (strncmp(real, s->web_root, rl) != 0 || (real[rl] != '/' && real[rl] != '\0')) {
        srv_reply_error(r, 404, "not_found", NULL, "berkas tidak ditemukan", "no such file");
        return;
    }
    int fd = open(real, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        not_found(r);
        return;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        not_found(r);
        return;
    }
    char etag[64];
    snprintf(etag, sizeof etag, "\"%lx-%lx\"", (unsigned long)sb.st_mtime,
             (unsigned long)sb.st_size);
    const char *inm = srv_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm != NULL && strcmp(inm, etag) == 0) {
        close(fd);
        srv_reply_bytes(r, 304, NULL, "", 0);
        srv_reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
        return;
    }
    struct MHD_Response *resp = MHD_create_response_from_fd((size_t)sb.st_size, fd);
    if (resp == NULL) {
        close(fd);
        srv_reply_error(r, 500, "internal", NULL, "kesalahan internal", "internal error");
        return;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type_of(real));
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    if (r->resp != NULL)
        MHD_destroy_response(r->resp);
    r->resp = resp;
    r->status = 200;
    atomic_store(&r->bytes, (unsigned long)sb.st_size);
}
