/*
 * jsonw.c - netrad's direct JSON writer (jsonw.h).
 */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

void srv_jw_init(srv_jw *w, size_t initial, size_t max)
{
    w->n = 0;
    w->max = max;
    w->cap = initial < max ? initial : max;
    w->p = malloc(w->cap);
    w->failed = w->p == NULL;
}

void srv_jw_free(srv_jw *w)
{
    free(w->p);
    w->p = NULL;
    w->n = w->cap = 0;
}

/* Room for `k` more bytes: 1 when there is. */
static int room(srv_jw *w, size_t k)
{
    if (w->failed)
        return 0;
    if (w->n + k <= w->cap)
        return 1;
    if (w->n + k > w->max) {
        w->failed = 1;
        return 0;
    }
    size_t cap = w->cap * 2;
    while (cap < w->n + k)
        cap *= 2;
    if (cap > w->max)
        cap = w->max;
    char *np = realloc(w->p, cap);
    if (np == NULL) {
        w->failed = 1;
        return 0;
    }
    w->p = np;
    w->cap = cap;
    return 1;
}

void srv_jw_raw(srv_jw *w, const char *s, size_t n)
{
    if (room(w, n)) {
        memcpy(w->p + w->n, s, n);
        w->n += n;
    }
}

void srv_jw_sep(srv_jw *w)
{
    if (w->n > 0 && w->p[w->n - 1] != '{' && w->p[w->n - 1] != '[')
        srv_jw_raw(w, ",", 1);
}

/* The length of a valid UTF-8 sequence at `u` (at most `n` bytes), 0 when invalid. */
static size_t utf8_len(const unsigned char *u, size_t n)
{
    unsigned c = u[0];
    size_t k;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    unsigned cp = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

void srv_jw_str(srv_jw *w, const char *s)
{
    srv_jw_strn(w, s, strlen(s));
}

void srv_jw_strn(srv_jw *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *u = (const unsigned char *)s;
    /* the usual case at once: every byte plain, two quotes */
    if (!room(w, len + 2))
        return;
    w->p[w->n++] = '"';
    for (size_t i = 0; i < len;) {
        size_t r = i;
        while (r < len && u[r] >= 0x20 && u[r] < 0x80 && u[r] != '"' && u[r] != '\\')
            r++;
        if (r > i) {
            srv_jw_raw(w, s + i, r - i);
            i = r;
            continue;
        }
        unsigned c = u[i];
        if (c >= 0x80) {
            size_t k = utf8_len(u + i, len - i);
            if (k == 0) {
                srv_jw_raw(w, "\xEF\xBF\xBD", 3);
                i++;
            } else {
                srv_jw_raw(w, s + i, k);
                i += k;
            }
            continue;
        }
        char e[6] = {'\\', 0, 0, 0, 0, 0};
        size_t en = 2;
        switch (c) {
        case '"':
            e[1] = '"';
            break;
        case '\\':
            e[1] = '\\';
            break;
        case '\b':
            e[1] = 'b';
            break;
        case '\f':
            e[1] = 'f';
            break;
        case '\n':
            e[1] = 'n';
            break;
        case '\r':
            e[1] = 'r';
            break;
        case '\t':
            e[1] = 't';
            break;
        default:
            e[1] = 'u';
            e[2] = '0';
            e[3] = '0';
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            en = 6;
        }
        srv_jw_raw(w, e, en);
        i++;
    }
    srv_jw_raw(w, "\"", 1);
}

void srv_jw_int(srv_jw *w, long long v)
{
    char b[24];
    size_t i = sizeof b;
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        b[--i] = (char)('0' + m % 10);
        m /= 10;
    } while (m > 0);
    if (v < 0)
        b[--i] = '-';
    srv_jw_raw(w, b + i, sizeof b - i);
}

void srv_jw_key(srv_jw *w, const char *key)
{
    srv_jw_sep(w);
    srv_jw_str(w, key);
    srv_jw_raw(w, ":", 1);
}

void srv_jw_kstr(srv_jw *w, const char *key, const char *v)
{
    srv_jw_key(w, key);
    srv_jw_str(w, v);
}

void srv_jw_kint(srv_jw *w, const char *key, long long v)
{
    srv_jw_key(w, key);
    srv_jw_int(w, v);
}

void srv_jw_kbool(srv_jw *w, const char *key, int v)
{
    srv_jw_key(w, key);
    if (v)
        srv_jw_raw(w, "true", 4);
    else
        srv_jw_raw(w, "false", 5);
}

static void kdate(srv_jw *w, const char *key, netra_date d)
{
    char b[NETRA_DATE_STRLEN];
    srv_jw_kstr(w, key, netra_date_format(d, b));
}

void srv_jw_case_members(srv_jw *w, const netra_case *c)
{
    srv_jw_kint(w, "id", (long long)c->id);
    srv_jw_kint(w, "version", (long long)c->version);
    srv_jw_kstr(w, "kind", c->kind);
    srv_jw_kstr(w, "regime", c->regime);
    srv_jw_kstr(w, "election", c->election);
    srv_jw_kstr(w, "state", c->state);
    srv_jw_kstr(w, "region", c->region);
    srv_jw_kstr(w, "holder", c->holder);
    srv_jw_kstr(w, "title", c->title);
    kdate(w, "opened", c->opened);
    kdate(w, "updated", c->updated);
    srv_jw_kbool(w, "demo", c->demo);
}

void srv_jw_case_asn(srv_jw *w, const netra_case_asn_row *a)
{
    srv_jw_sep(w);
    srv_jw_raw(w, "{", 1);
    srv_jw_kstr(w, "nip", a->nip);
    srv_jw_kstr(w, "name", a->name);
    srv_jw_kstr(w, "agency", a->agency);
    srv_jw_kstr(w, "position", a->position);
    srv_jw_kstr(w, "ppk", a->ppk);
    srv_jw_kint(w, "n_cases", a->n_cases);
    srv_jw_raw(w, "}", 1);
}

void srv_jw_case_act(srv_jw *w, const netra_case_act_row *a)
{
    srv_jw_sep(w);
    srv_jw_raw(w, "{", 1);
    srv_jw_kint(w, "id", (long long)a->id);
    srv_jw_kstr(w, "type", a->type);
    kdate(w, "date", a->date);
    srv_jw_kstr(w, "region", a->region);
    srv_jw_kstr(w, "platform", a->platform);
    srv_jw_kstr(w, "url", a->url);
    srv_jw_kstr(w, "election", a->election);
    srv_jw_kstr(w, "stage", a->stage);
    srv_jw_kstr(w, "form", a->form);
    srv_jw_raw(w, "}", 1);
}

void srv_jw_case_conflict(srv_jw *w, const netra_case_conflict *cf)
{
    srv_jw_raw(w, "{", 1);
    srv_jw_case_conflict_members(w, cf);
    srv_jw_raw(w, "}", 1);
}

void srv_jw_case_conflict_members(srv_jw *w, const netra_case_conflict *cf)
{
    srv_jw_kstr(w, "nip", cf->nip);
    srv_jw_kstr(w, "ppk", cf->ppk_office);
    srv_jw_kstr(w, "ppk_region", cf->ppk_region);
    srv_jw_kstr(w, "ppk_name", cf->ppk_name);
    srv_jw_kstr(w, "election", cf->election);
    srv_jw_kstr(w, "contestant", cf->contestant);
    srv_jw_kstr(w, "contestant_name", cf->contestant_name);
    srv_jw_kstr(w, "reason", cf->reason);
    srv_jw_kstr(w, "route_to", cf->route_to);
    srv_jw_kstr(w, "route_region", cf->route_region);
}
