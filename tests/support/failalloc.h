/*
 * failalloc.h - the test allocator: counts allocations, tracks live blocks, and can fail
 * the Nth allocation (curl's and SQLite's torture idea).
 */
#ifndef NT_TEST_FAILALLOC_H
#define NT_TEST_FAILALLOC_H

/* Installs the counting allocator; the `fail_at`-th allocation from now on (1-based) fails;
 * 0 never fails. Resets the counters. */
void nt_test_failalloc_install(long fail_at);
/* Restores the C library allocator. Live blocks must be freed before. */
void nt_test_failalloc_remove(void);
long nt_test_failalloc_count(void); /* allocations attempted since install */
long nt_test_failalloc_live(void);  /* blocks allocated and not yet freed */
int nt_test_failalloc_failed(void); /* whether the injected failure happened */

/*
 * Allocation-failure torture: runs `fn` once without failures to count its allocations,
 * then once per allocation with that allocation failing. Every failing run must return
 * NETRA_ENOMEM and leave no live block; the clean run must return NETRA_OK. Fails the
 * current cmocka test otherwise. Returns the number of allocations walked.
 */
long nt_test_torture(int (*fn)(void *payload), void *payload);

/* Fails the current test unless the thread's last error message contains `needle`. */
void nt_test_assert_msg(const char *needle);

#endif
