/* Unit tests for src/lib/text/lexicon.c: the shipped word lists load, malformed copies fail
 * with file:line:field, and words added by a caller are known to the normaliser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "failalloc.h"
#include "netra/text.h"

static const char *const files[] = {"slang.tsv", "stems.tsv",       "numbers.tsv",
                                    "emoji.tsv", "confusables.tsv", "vocab.tsv"};
#define N_FILES (sizeof files / sizeof *files)
static char tmpdir[64];

static void copy_lexicon(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/netra-lex-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    for (size_t i = 0; i < N_FILES; i++) {
        char src[4096], dst[256];
        snprintf(src, sizeof src, "%s/text/%s", netra_data_dir(), files[i]);
        snprintf(dst, sizeof dst, "%s/%s", tmpdir, files[i]);
        char *data;
        size_t len;
        assert_int_equal(nt_file_read(&data, &len, src, 16u << 20), NETRA_OK);
        FILE *f = fopen(dst, "wb");
        assert_non_null(f);
        fwrite(data, 1, len, f);
        fclose(f);
        nt_free(data);
    }
}

static void remove_copy(void)
{
    char p[256];
    for (size_t i = 0; i < N_FILES; i++) {
        snprintf(p, sizeof p, "%s/%s", tmpdir, files[i]);
        unlink(p);
    }
    rmdir(tmpdir);
}

/* Appends `line` to one copied file. */
static void append(const char *file, const char *line)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", tmpdir, file);
    FILE *f = fopen(p, "ab");
    assert_non_null(f);
    fputs(line, f);
    fclose(f);
}

static void expect_error(const char *file, const char *line, const char *needle)
{
    copy_lexicon();
    append(file, line);
    netra_text_lexicon *lex = NULL;
    int err = netra_text_lexicon_load(&lex, tmpdir);
    remove_copy();
    if (err != NETRA_EDATA)
        fail_msg("appending '%s' to %s: got %d, expected NETRA_EDATA", line, file, err);
    assert_null(lex);
    nt_test_assert_msg(needle);
}

static void test_shipped_lists_load(void **state)
{
    (void)state;
    netra_text_lexicon *lex;
    if (netra_text_lexicon_load(&lex, NULL) != NETRA_OK)
        fail_msg("%s", netra_error_last()->msg);
    netra_text_lexicon_free(lex);
}

static void test_malformed_lists(void **state)
{
    (void)state;
    expect_error("slang.tsv", "yg\tyang\tabbreviation\t\n", "field 'slang': 'yg' is listed twice");
    expect_error("slang.tsv", "Yg2\tyang\tabbreviation\t\n", "field 'slang': 'Yg2' has 'Y'");
    expect_error("slang.tsv", "zzq\tzzq\tcoinage\t\n", "field 'formal': same as the slang form");
    expect_error("slang.tsv", "zzq\tzz\tslangy\t\n", "field 'category': 'slangy'");
    expect_error("slang.tsv", "zzq\tzz\n", "2 fields, the header has 4");
    expect_error("stems.tsv", "zzqq\t\t\n", "field 'stem': empty");
    expect_error("numbers.tsv", "zzq\tdua\tword\t\n", "field 'value'");
    expect_error("numbers.tsv", "zzq\t2\tcardinal\t\n", "field 'kind': 'cardinal'");
    expect_error("emoji.tsv", "U+ZZZZ\temoji\tx\t0\tx\tx\n", "field 'codepoints'");
    expect_error("emoji.tsv", "U+270C\tgesture\tvictory\t2\tx\tx\n", "is listed twice");
    expect_error("emoji.tsv", "U+1F9FF\tsticker\tx\t0\tx\tx\n", "field 'kind': 'sticker'");
    expect_error("confusables.tsv", "U+0041\ta\tlatin\t\n", "not a non-ASCII");
    expect_error("confusables.tsv", "U+D800\ta\tother\t\n", "not a non-ASCII");
    expect_error("vocab.tsv", "zzq\tfamous\t\n", "field 'kind': 'famous'");
}

static void test_added_words(void **state)
{
    (void)state;
    netra_text_lexicon *lex;
    netra_normalizer *nz;
    netra_arena *arena;
    assert_int_equal(netra_text_lexicon_load(&lex, NULL), NETRA_OK);
    const char *const words[] = {"zulkifrex"};
    const char *const bad[] = {""};
    assert_int_equal(netra_text_lexicon_add_words(lex, bad, 1), NETRA_EINVAL);
    assert_int_equal(netra_text_lexicon_add_words(lex, words, 1), NETRA_OK);
    assert_int_equal(netra_normalizer_new(&nz, lex), NETRA_OK);
    assert_int_equal(netra_arena_new(&arena, 0, 0), NETRA_OK);
    netra_text t;
    char out[256];
    /* leet and elongation resolve against the added word */
    assert_int_equal(netra_normalize(&t, nz, "4ulkifrex zulkifrexxx #ayozulkifrex", 35, arena),
                     NETRA_OK);
    netra_text_format(out, sizeof out, &t, 0);
    assert_string_equal(out, "4ulkifrex zulkifrex h:ayozulkifrex +ayo +zulkifrex");
    netra_arena_free(arena);
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_lists_load),
        cmocka_unit_test(test_malformed_lists),
        cmocka_unit_test(test_added_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
