/*
 * aggregate.c - the audit-head check and the filter parameters of the statistics and index
 * routes (see aggregate.h).
 */
#include <stdio.h>
#include <string.h>

#include "aggregate.h"

int srv_head_moved(srv_req *r, netra_store *st, const srv_head *kept, srv_head *now)
{
    now->seq = 0;
    now->hash[0] = '\0';
    if (netra_store_audit_head(&now->seq, now->hash, st) < 0) {
        srv_reply_netra(r, netra_error_last()->code, NULL);
        return -1;
    }
    return kept->seq < 0 || now->seq != kept->seq || strcmp(now->hash, kept->hash) != 0;
}

int srv_name_arg(srv_req *r, const char *name, char *buf, size_t cap)
{
    buf[0] = '\0';
    const char *v = srv_q(r, name);
    if (v == NULL || v[0] == '\0')
        return 0;
    if (strlen(v) >= cap) {
        char code[48], id[96], en[96];
        snprintf(code, sizeof code, "bad_%s", name);
        snprintf(id, sizeof id, "'%s' terlalu panjang", name);
        snprintf(en, sizeof en, "'%s' is too long", name);
        srv_reply_error(r, 400, code, name, id, en);
        return -1;
    }
    snprintf(buf, cap, "%s", v);
    return 1;
}

int srv_period_args(srv_req *r, const char *code, netra_date *from, int *has_from, netra_date *to,
                    int *has_to)
{
    const char *f = srv_q(r, "from"), *t = srv_q(r, "to");
    if (f != NULL && f[0] != '\0') {
        if (srv_date_arg(r, "from", f, from) < 0)
            return -1;
        *has_from = 1;
    }
    if (t != NULL && t[0] != '\0') {
        if (srv_date_arg(r, "to", t, to) < 0)
            return -1;
        *has_to = 1;
    }
    if (*has_from && *has_to && *from > *to) {
        srv_reply_error(r, 400, code, "from", "'from' jatuh setelah 'to'", "'from' is after 'to'");
        return -1;
    }
    return 0;
}
