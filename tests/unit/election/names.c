/* Unit tests for src/lib/election/names.c: printed candidate names to lowercase aliases,
 * table-driven. The names are invented; their shapes are those of the 2024 DCT. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "election/election_int.h"
#include "failalloc.h"

typedef struct name_case {
    const char *in;      /* the name as printed */
    const char *want[4]; /* the aliases expected, in order; want[0] NULL: refused */
} name_case;

static const name_case cases[] = {
    /* no titles */
    {"BUDI SANTOSA", {"budi santosa"}},
    {"SURTINI", {"surtini"}},
    {"Budi  Santosa ", {"budi santosa"}},
    {"MA`RUF AMRULLAH", {"ma'ruf amrullah"}},
    {"NUR'AINI", {"nur'aini"}},
    {"M. RAMADHAN PUTRA", {"m. ramadhan putra"}},
    {"ABD. RAHMAN", {"abd. rahman"}},
    {"I GUSTI AYU MADE", {"i gusti ayu made"}},
    {"ANDI WIJAYA", {"andi wijaya"}},
    {"MUDA MARIA", {"muda maria"}},
    {"ART HAROLD WUWUNG", {"art harold wuwung"}},
    {"JOSÉ MARÍA", {"josÉ marÍa"}}, /* ASCII letters only are lowercased */
    /* religious and academic titles before the name */
    {"H. BUDI SANTOSA", {"budi santosa"}},
    {"Hj. SITI AMINAH", {"siti aminah"}},
    {"HJ SITI AMINAH", {"siti aminah"}},
    {"Hi. AGUS SALIM", {"agus salim"}},
    {"KH. ABDUL ROZAK", {"abdul rozak"}},
    {"K.H. ABDUL ROZAK", {"abdul rozak"}},
    {"Dr. H. BUDI SANTOSA", {"budi santosa"}},
    {"dr. RINA MARLINA", {"rina marlina"}},
    {"drg. RINA MARLINA", {"rina marlina"}},
    {"Drs. AGUS PRANOTO", {"agus pranoto"}},
    {"Dra. DEWI LESTARI", {"dewi lestari"}},
    {"Ir. AGUS PRANOTO", {"agus pranoto"}},
    {"Prof. Dr. Ir. H. HADI KUSUMA", {"hadi kusuma"}},
    {"Dr.H. HADI KUSUMA", {"hadi kusuma"}},
    {"H.M. YUSUF KALLANG", {"m. yusuf kallang"}},
    {"Hj.SITI AMINAH", {"siti aminah"}},
    {"Drs.K.H. USMAN EFENDI, M.Si.", {"usman efendi"}},
    {"Dr.Drs DWI NARKO, M.M.", {"dwi narko"}},
    {"Dr.H.M. YUSUF", {"m. yusuf"}},
    {"Pdt. YOHANES LUMBAN", {"yohanes lumban"}},
    {"Ustadz ARIF RAHMAN", {"arif rahman"}},
    {"Dr., Drs. DEDI ISKANDAR, S.H., M.M.", {"dedi iskandar"}},
    /* degrees after the name, with or without commas */
    {"BUDI SANTOSA, S.H.", {"budi santosa"}},
    {"BUDI SANTOSA, S.Sos., M.M.", {"budi santosa"}},
    {"BUDI SANTOSA,S.H.,M.H.", {"budi santosa"}},
    {"BUDI SANTOSA S.Pd.I", {"budi santosa"}},
    {"BUDI SANTOSA SE", {"budi santosa"}},
    {"BUDI SANTOSA, SE, MM", {"budi santosa"}},
    {"SITI AMINAH, A.Md.Keb.", {"siti aminah"}},
    {"SITI AMINAH A.Md.Kep", {"siti aminah"}},
    {"MUHAMMAD A.R.", {"muhammad a.r."}}, /* initials, not a degree */
    {"DIRHAM H.S., S.Sos.", {"dirham h.s."}},
    {"BUDI M.ARIF", {"budi m.arif"}}, /* an initial glued to a name, not M.-something */
    {"M.ARIF", {"m.arif"}},
    {"BUDI S.R.", {"budi s.r."}},
    {"SITI AMINAH S.Tr.Keb", {"siti aminah"}},
    {"BUDI SANTOSA S.I.Kom.", {"budi santosa"}},
    {"H. IRMAWAN, S.Sos., M.M.", {"irmawan"}},
    {"Dr. H. A. MUFAKHIR MUHAMMAD, M.A.", {"a. mufakhir muhammad"}},
    /* ranks, grades, corps and retirement */
    {"Kolonel Inf. (Purn.) JOKO WIBISONO, S.E.", {"joko wibisono"}},
    {"Mayjen. TNI (Purn.) ABDUL HAFIZ, S.H.", {"abdul hafiz"}},
    {"Laksamana Madya TNI (Purn.) Dr. DESI MAMAHIT", {"desi mamahit"}},
    {"Kombes. Pol. (Purn.) Dr. MARULI SIAHAAN, S.H.", {"maruli siahaan"}},
    {"Kapten (Purn.) DONI LUKMAN", {"doni lukman"}},
    /* honorifics: with and without */
    {"Tgk. AHMADA", {"tgk. ahmada", "ahmada"}},
    {"Tgk. H. RAHMAT HIDAYAT, S.Ag.", {"tgk. rahmat hidayat", "rahmat hidayat"}},
    {"Teungku MUHAMMAD NASIR", {"teungku muhammad nasir", "muhammad nasir"}},
    {"TEUKU HAMZAH HUSEN, S.E.", {"teuku hamzah husen", "hamzah husen"}},
    {"Cut NYAK DIEN", {"cut nyak dien", "nyak dien"}},
    {"K.R.T. ERDI RISWANTO, S.H.", {"k.r.t. erdi riswanto", "erdi riswanto"}},
    {"RADEN MAS JOKO", {"raden mas joko", "mas joko"}},
    {"DG. MANGNGASSA", {"dg. mangngassa", "mangngassa"}},
    {"Habib ALI ALHADDAR", {"habib ali alhaddar", "ali alhaddar"}},
    {"GUS MALIK", {"gus malik", "malik"}},
    /* nicknames in parentheses */
    {"H. RUSLAN DAUD (HRD)", {"ruslan daud", "hrd"}},
    {"DEWI LESTARI (DEWI)", {"dewi lestari", "dewi"}},
    {"H. RAHMAT (PAK RT), S.Sos.", {"rahmat", "pak rt"}},
    {"Tgk. AHMADA (ABU)", {"tgk. ahmada", "ahmada", "abu"}},
    /* title words that are the name */
    {"LAKSAMANA", {"laksamana"}},
    {"PURNAWIRAWAN", {"purnawirawan"}},
    {"Drs. HAJI, M.M.", {"haji"}},
    /* nothing left */
    {"H.", {NULL}},
    {"Dr.", {NULL}},
    {"Prof. Dr.", {NULL}},
    {", S.H.", {NULL}},
    {"", {NULL}},
    {"   ", {NULL}},
    {"BUDI\tSANTOSA", {NULL}}, /* control character */
};

static void test_table(void **state)
{
    (void)state;
    size_t n = sizeof cases / sizeof cases[0];
    int failed = 0;
    assert_true(n >= 40);
    for (size_t i = 0; i < n; i++) {
        const name_case *c = &cases[i];
        nt_name_aliases al;
        int err = nt_election_name_aliases(&al, c->in, strlen(c->in));
        size_t want_n = 0;
        while (want_n < 4 && c->want[want_n] != NULL)
            want_n++;
        if (want_n == 0) {
            if (err != NETRA_EDATA) {
                printf("'%s': accepted, expected a refusal\n", c->in);
                failed++;
            }
            continue;
        }
        int ok = err == NETRA_OK && al.n == want_n;
        for (size_t k = 0; ok && k < want_n; k++)
            ok = strcmp(al.items[k], c->want[k]) == 0;
        if (!ok) {
            printf("'%s': got", c->in);
            for (size_t k = 0; err == NETRA_OK && k < al.n; k++)
                printf(" [%s]", al.items[k]);
            if (err != NETRA_OK)
                printf(" error %d (%s)", err, netra_error_last()->msg);
            printf(", expected");
            for (size_t k = 0; k < want_n; k++)
                printf(" [%s]", c->want[k]);
            printf("\n");
            failed++;
        }
    }
    printf("%zu names, %d wrong\n", n, failed);
    assert_int_equal(failed, 0);
}

/* Every alias is lowercase ASCII-wise, non-empty, without commas or double spaces, and at
 * most as long as the name, for names built from random title, name and degree words. */
static void test_invariants(void **state)
{
    (void)state;
    static const char *const words[] = {"H.",    "Dr.",  "BUDI",  "SITI",   "S.H.,", "M.M.",
                                        "(ABC)", "Tgk.", "Kol.",  "Inf.",   "A.",    "SE",
                                        ",",     "Hj.",  "MUDA",  "RAHMAN", "K.H.",  "(Purn.)",
                                        "AMIN,", "dr.",  "M.Si.", "`",      "Prof.", "ANDI"};
    uint32_t seed = 12345;
    int refused = 0;
    for (int round = 0; round < 5000; round++) {
        char name[NETRA_ELECTION_MAX_STRING + 1];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int n = 1 + (int)((seed >> 16) % 7);
        for (int w = 0; w < n; w++) {
            seed = seed * 1103515245u + 12345u;
            const char *word = words[(seed >> 16) % (sizeof words / sizeof words[0])];
            int k = snprintf(name + len, sizeof name - len, "%s%s", w ? " " : "", word);
            assert_true(k > 0 && (size_t)k < sizeof name - len);
            len += (size_t)k;
        }
        nt_name_aliases al;
        if (nt_election_name_aliases(&al, name, len) != NETRA_OK) {
            refused++;
            continue;
        }
        assert_true(al.n >= 1 && al.n <= NT_NAME_MAX_ALIASES);
        for (size_t i = 0; i < al.n; i++) {
            const char *a = al.items[i];
            if (a[0] == '\0' || strlen(a) > len || strchr(a, ',') || strstr(a, "  ") ||
                a[0] == ' ' || a[strlen(a) - 1] == ' ')
                fail_msg("'%s' -> '%s'", name, a);
            for (const char *p = a; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    fail_msg("'%s' -> '%s' has uppercase", name, a);
            for (size_t j = 0; j < i; j++)
                if (strcmp(al.items[j], a) == 0)
                    fail_msg("'%s' -> '%s' twice", name, a);
        }
    }
    printf("5000 random names, %d refused\n", refused);
}

static void test_too_long(void **state)
{
    (void)state;
    char name[NETRA_ELECTION_MAX_STRING + 2];
    memset(name, 'A', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    nt_name_aliases al;
    assert_int_equal(nt_election_name_aliases(&al, name, NETRA_ELECTION_MAX_STRING), NETRA_OK);
    assert_int_equal(strlen(al.items[0]), NETRA_ELECTION_MAX_STRING);
    assert_int_equal(nt_election_name_aliases(&al, name, NETRA_ELECTION_MAX_STRING + 1),
                     NETRA_EDATA);
    nt_test_assert_msg("longer than 200 bytes");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_invariants),
        cmocka_unit_test(test_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
