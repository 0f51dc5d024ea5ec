/*
 * election_fuzzer.c - runs netra_election_parse() over arbitrary bytes and, for inputs that
 * load, checks the invariants of include/netra/election.h: ids unique, ballot numbers in
 * 1..99, the pileg fields present exactly on pileg candidates (party absent for the DPD),
 * their dapil well formed for their level, and aliases lowercase. Each line of the input
 * is also fed to the name cleaning of the DCT importer, whose aliases must be non-empty,
 * lowercase, distinct and no longer than the name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netra/election.h"
#include "netra/error.h"
#include "election/election_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x)) {                                                                                \
            fprintf(stderr, "election_fuzzer: invariant failed: %s (line %d)\n", #x, __LINE__);    \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static int has_upper(const char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            return 1;
    return 0;
}

static void check_file(const netra_election_file *f)
{
    const netra_election_info *e = netra_election_get(f);
    int pileg = e->kind == NETRA_ELECTION_PILEG;
    CHECK(e->n_contestants >= 1);
    CHECK(e->n_contestants <=
          (size_t)(pileg ? NETRA_ELECTION_MAX_PILEG_CONTESTANTS : NETRA_ELECTION_MAX_CONTESTANTS));
    for (size_t i = 0; i < e->n_contestants; i++) {
        const netra_contestant *k = &e->contestants[i];
        CHECK(k->ballot_number >= 1 && k->ballot_number <= 99);
        CHECK(k->names.n >= 1);
        for (size_t a = 0; a < k->aliases.n; a++)
            CHECK(!has_upper(k->aliases.items[a]));
        for (size_t j = 0; j < i && j < 64; j++)
            CHECK(strcmp(e->contestants[j].id, k->id) != 0);
        if (pileg && k->kind == NETRA_CONTESTANT_CANDIDATE) {
            CHECK(k->level > NETRA_LEG_NONE && k->level < NETRA_LEG_COUNT);
            CHECK(netra_leg_dapil_valid(k->level, k->dapil, strlen(k->dapil)));
            CHECK((k->party == NULL) == (k->level == NETRA_LEG_DPD));
        } else {
            CHECK(k->level == NETRA_LEG_NONE && k->party == NULL && k->dapil == NULL);
        }
    }
}

static void check_names(const uint8_t *data, size_t size)
{
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n')
            continue;
        const char *name = (const char *)data + start;
        size_t len = i - start;
        start = i + 1;
        nt_name_aliases al;
        if (nt_election_name_aliases(&al, name, len) != NETRA_OK)
            continue;
        CHECK(al.n >= 1 && al.n <= NT_NAME_MAX_ALIASES);
        for (size_t a = 0; a < al.n; a++) {
            CHECK(al.items[a][0] != '\0');
            CHECK(strlen(al.items[a]) <= len);
            CHECK(!has_upper(al.items[a]));
            for (size_t b = 0; b < a; b++)
                CHECK(strcmp(al.items[a], al.items[b]) != 0);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    netra_election_file *f = NULL;
    int err = netra_election_parse(&f, (const char *)data, size, "fuzz.json");
    CHECK((err == NETRA_OK) == (f != NULL));
    if (err == NETRA_OK) {
        check_file(f);
        netra_election_free(f);
    } else {
        CHECK(err == NETRA_EDATA || err == NETRA_ENOMEM || err == NETRA_ETOOBIG);
        CHECK(netra_error_last()->msg[0] != '\0');
    }
    if (size <= 4096)
        check_names(data, size);
    return 0;
}
