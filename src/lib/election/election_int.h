/*
 * election_int.h - internals of the election module shared between its files and the unit
 * tests: the cleaning of candidate names into aliases (names.c).
 *
 * Layering: election uses util and the public law API.
 */
#ifndef NT_ELECTION_INT_H
#define NT_ELECTION_INT_H

#include <stddef.h>

#include "netra/election.h"

#define NT_NAME_MAX_ALIASES 4

/* The aliases of one printed name. Strings point into buf. */
typedef struct nt_name_aliases {
    char buf[NETRA_ELECTION_MAX_STRING * 4 + 8]; /* the aliases, NUL-separated */
    const char *items[NT_NAME_MAX_ALIASES];      /* the aliases, distinct, in order */
    size_t n;                                    /* how many, at least one on success */
} nt_name_aliases;

/*
 * Lowercase aliases of a name as KPU prints it ("Dr. H. IRMAWAN, S.Sos., M.M."): the name
 * without its leading titles (academic, religious, military and police ranks) and
 * without the degrees after it, commas removed, spaces collapsed ("irmawan"). When the name
 * starts with an honorific that people also leave out (Tgk., Teuku, Cut, Andi is not one),
 * a second alias drops it ("tgk. ahmada", "ahmada"). A nickname in parentheses
 * ("H. RUSLAN DAUD (HRD)") is an alias of its own ("hrd"). Backquotes become apostrophes.
 *
 * Work is linear in `len`, which is at most NETRA_ELECTION_MAX_STRING bytes.
 *
 * @return NETRA_OK; NETRA_EDATA with the reason when nothing is left of the name, or it is
 *         longer than NETRA_ELECTION_MAX_STRING bytes or holds control characters
 */
int nt_election_name_aliases(nt_name_aliases *out, const char *name, size_t len);

#endif
