/*
 * public_int.h - helpers shared by the public side of the store (public.c, queue.c,
 * transparency.c): one transaction spanning several store calls, UTC time, text checks,
 * and the suppression solver of the transparency tables (tested directly).
 */
#ifndef NT_PUBLIC_INT_H
#define NT_PUBLIC_INT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store_int.h"

/* Opens one transaction in which netra_store_* calls run as savepoints (st->in_txn). */
int nt_pub_txn_begin(netra_store *st);
/* Commits, or rolls back keeping the error of `err` (< 0). Returns the result. */
int nt_pub_txn_end(netra_store *st, int err);
/* UTC time as ISO 8601 ("2024-11-04T08:00:00Z"). */
void nt_pub_utc_now(char out[32]);
/* Checks a text field: valid UTF-8 without control characters other than tab and newline,
 * at most `max` bytes. Errors name `field`. NULL is allowed when !required. */
int nt_pub_check_text(const char *s, const char *field, size_t max, int required);

/*
 * Cell suppression over a set of entries (cells and margins) and lines (sets of entries
 * that sum to one of them). Primary: every entry with 0 < value < threshold. Complementary:
 * while a line has exactly one suppressed entry, the smallest unsuppressed entry of that line
 * (positive values first) is suppressed too. `status[i]` is 0 (shown), 1 (primary) or 2
 * (complementary). Lines: `members[starts[l] .. starts[l + 1])`.
 */
enum { NT_CELL_SHOWN = 0, NT_CELL_PRIMARY = 1, NT_CELL_COMPLEMENTARY = 2 };
void nt_suppress(unsigned char *status, const int64_t *values, size_t n, const size_t *members,
                 const size_t *starts, size_t n_lines, int64_t threshold);

#endif
