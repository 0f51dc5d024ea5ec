/*
 * aggregate.h - what netrad's aggregate routes share (the statistics, h_stats.c, and the
 * vulnerability index, h_index.c): the audit-chain head their cached cases or events were
 * read at, and the filter parameters both take (an election or stage name, the period).
 */
#ifndef NETRA_SRV_AGGREGATE_H
#define NETRA_SRV_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>

#include "server.h"

/* The audit-chain head a cache was read at; seq -1: nothing read yet. */
typedef struct srv_head {
    int64_t seq;
    char hash[65];
} srv_head;

#define SRV_HEAD_NONE                                                                              \
    {                                                                                              \
        -1, ""                                                                                     \
    }

/* Reads the store's audit head into *now. Returns 1 when it is not *kept (the cache must be
 * read again), 0 when it is, -1 after replying with the store's error. */
int srv_head_moved(srv_req *r, netra_store *st, const srv_head *kept, srv_head *now);

/* The query parameter `name` (an empty one counts as absent) copied into buf[cap]: 1 when
 * given, 0 when absent (buf empty), -1 after replying 400 `bad_<name>` when it does not fit. */
int srv_name_arg(srv_req *r, const char *name, char *buf, size_t cap);

/* The `from` and `to` dates (YYYY-MM-DD; empty counts as absent), each setting its has_ flag;
 * -1 after replying 400: `bad_date` naming the parameter, or `code` when from is after to. */
int srv_period_args(srv_req *r, const char *code, netra_date *from, int *has_from, netra_date *to,
                    int *has_to);

#endif
