/*
 * golden.c - replays the .golden files of tests/golden/text/: each line `input<TAB>expected`, the
 * input with \xHH \uXXXX \UXXXXXXXX \t \\ escapes, the expected tokens in the compact notation of
 * docs/internals/text.md (stems.golden also checks stems). Every mismatch is reported with
 * file:line; the test fails when any case fails. Every token's hash is checked against the
 * function text.h documents.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util_int.h"
#include "netra/text.h"
#include "utf8enc.h"
#include "tokhash.h"

static int hexval(char c)
{
    return (c >= '0' && c <= '9')   ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
}

/* Decodes the escapes of the input column; returns its length or -1. */
static long unescape(char *out, const char *in, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] != '\\' || i + 1 >= len) {
            out[o++] = in[i];
            continue;
        }
        char e = in[++i];
        if (e == 't') {
            out[o++] = '\t';
        } else if (e == '\\') {
            out[o++] = '\\';
        } else if (e == 'x' || e == 'u' || e == 'U') {
            size_t nd = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            unsigned long v = 0;
            for (size_t k = 1; k <= nd; k++) {
                if (i + k >= len || hexval(in[i + k]) < 0)
                    return -1;
                v = v * 16 + (unsigned long)hexval(in[i + k]);
            }
            i += nd;
            if (e == 'x')
                out[o++] = (char)v;
            else
                o += nt_test_utf8(out + o, v);
        } else {
            out[o++] = '\\';
            out[o++] = e;
        }
    }
    out[o] = '\0';
    return (long)o;
}

static void test_golden(void **state)
{
    (void)state;
    const char *dir = getenv("NETRA_GOLDEN_DIR");
    assert_non_null(dir);
    netra_text_lexicon *lex;
    netra_normalizer *nz;
    netra_arena *arena;
    if (netra_text_lexicon_load(&lex, NULL) != NETRA_OK)
        fail_msg("lexicon: %s", netra_error_last()->msg);
    assert_int_equal(netra_normalizer_new(&nz, lex), NETRA_OK);
    assert_int_equal(netra_arena_new(&arena, 0, 0), NETRA_OK);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    long cases = 0, failures = 0, hashed = 0;
    static char in[1 << 16], got[1 << 16];
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 8 || strcmp(e->d_name + nl - 7, ".golden") != 0)
            continue;
        int stems = strcmp(e->d_name, "stems.golden") == 0;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *data;
        size_t len;
        assert_int_equal(nt_file_read(&data, &len, path, 1 << 22), NETRA_OK);
        unsigned line = 0;
        char *p = data;
        while (p < data + len) {
            char *end = memchr(p, '\n', (size_t)(data + len - p));
            if (end == NULL)
                end = data + len;
            line++;
            size_t ll = (size_t)(end - p);
            if (ll > 0 && p[ll - 1] == '\r')
                ll--;
            if (ll > 0 && p[0] != '#') {
                char *tab = memchr(p, '\t', ll);
                if (tab == NULL) {
                    printf("%s:%u: no tab\n", e->d_name, line);
                    failures++;
                } else {
                    long il = unescape(in, p, (size_t)(tab - p));
                    size_t el = ll - (size_t)(tab - p) - 1;
                    const char *exp = tab + 1;
                    netra_text t;
                    netra_arena_reset(arena);
                    cases++;
                    if (il < 0) {
                        printf("%s:%u: bad escape\n", e->d_name, line);
                        failures++;
                    } else if (netra_normalize(&t, nz, in, (size_t)il, arena) != NETRA_OK) {
                        printf("%s:%u: %s\n", e->d_name, line, netra_error_last()->msg);
                        failures++;
                    } else {
                        netra_text_format(got, sizeof got, &t, stems);
                        for (size_t k = 0; k < t.n_tokens; k++) {
                            const netra_token *tk = &t.tokens[k];
                            hashed++;
                            if (tk->hash != doc_hash(tk->text, tk->len) ||
                                tk->hash != netra_token_hash(tk->text, tk->len)) {
                                printf("%s:%u: token %zu '%s': hash %08x, expected %08x\n",
                                       e->d_name, line, k, tk->text, tk->hash,
                                       doc_hash(tk->text, tk->len));
                                failures++;
                            }
                        }
                        if (strlen(got) != el || memcmp(got, exp, el) != 0) {
                            printf("%s:%u: %.*s\n  expected: %.*s\n  got:      %s\n", e->d_name,
                                   line, (int)(tab - p), p, (int)el, exp, got);
                            failures++;
                        }
                    }
                }
            }
            p = end + 1;
        }
        nt_free(data);
    }
    closedir(d);
    printf("golden: %ld cases, %ld failed, %ld token hashes checked\n", cases, failures, hashed);
    netra_arena_free(arena);
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
    assert_true(cases >= 300);
    assert_true(hashed >= cases);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_golden)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
