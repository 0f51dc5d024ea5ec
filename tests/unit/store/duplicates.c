/*
 * duplicates.c - the pieces of duplicate suggestions that need no database: canonical URLs
 * and SimHash over the normaliser's tokens (src/lib/store/duplicates.c). The suggestions
 * themselves are tested end to end in tests/cli/duplicates.test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netra/error.h"
#include "netra/store.h"
#include "failalloc.h"

static void canon_is(const char *url, const char *want)
{
    char buf[256];
    assert_int_equal(netra_url_canonical(buf, sizeof buf, url), NETRA_OK);
    assert_string_equal(buf, want);
}

static void test_url_canonical(void **state)
{
    (void)state;
    canon_is("https://www.Facebook.COM/p/1/?utm_source=wa&fbclid=abc", "https://facebook.com/p/1");
    canon_is("http://facebook.com/p/1#komentar", "https://facebook.com/p/1");
    canon_is("HTTPS://x.com/user/status/12?s=20&utm_medium=x", "https://x.com/user/status/12?s=20");
    canon_is("https://www.youtube.com/watch?v=abc&feature=share&si=Z1",
             "https://youtube.com/watch?v=abc");
    canon_is("https://instagram.com/p/Cx/?igsh=MTc&img_index=2",
             "https://instagram.com/p/Cx?img_index=2");
    canon_is("https://example.org/", "https://example.org");
    canon_is("https://example.org", "https://example.org");
    canon_is("ftp://Files.Example/a//", "ftp://files.example/a");
    canon_is("https://t.example/a?&&utm_x=1&b=2&", "https://t.example/a?b=2");
    /* mobile front ends, twitter.com as x.com, default ports */
    canon_is("https://m.facebook.com/story.php?story_fbid=9&id=7&mibextid=Nif",
             "https://facebook.com/story.php?story_fbid=9&id=7");
    canon_is("http://mbasic.facebook.com/groups/1/", "https://facebook.com/groups/1");
    canon_is("https://web.facebook.com/p/1", "https://facebook.com/p/1");
    canon_is("https://mobile.twitter.com/a/status/5?s=20", "https://x.com/a/status/5?s=20");
    canon_is("https://twitter.com/a/status/5", "https://x.com/a/status/5");
    canon_is("https://www.m.facebook.com/p/1", "https://facebook.com/p/1");
    canon_is("https://facebook.com:443/p/1", "https://facebook.com/p/1");
    canon_is("http://example.org:80/a/", "https://example.org/a");
    canon_is("https://example.org:8080/a", "https://example.org:8080/a");
    canon_is("https://m.co/a", "https://m.co/a"); /* a host named m, not a mobile prefix */
    canon_is("https://twitter.community/a", "https://twitter.community/a");
    char buf[16];
    assert_int_equal(netra_url_canonical(buf, sizeof buf, "facebook.com/p/1"), NETRA_EINVAL);
    assert_int_equal(netra_url_canonical(buf, sizeof buf, "https:///p"), NETRA_EINVAL);
    assert_int_equal(netra_url_canonical(buf, sizeof buf, "https://a-very-long-host.example/p"),
                     NETRA_ETOOBIG);
}

static int popcount(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static void test_simhash(void **state)
{
    (void)state;
    netra_text_lexicon *lex;
    netra_normalizer *nz;
    assert_int_equal(netra_text_lexicon_load(&lex, NULL), NETRA_OK);
    assert_int_equal(netra_normalizer_new(&nz, lex), NETRA_OK);
    const char *a = "Camat Coblong menyukai dan membagikan unggahan kampanye paslon nomor 2 di "
                    "Facebook pada hari Selasa";
    const char *b = "camat coblong menyukai dan membagikan unggahan kampanye paslon nomor 2 di "
                    "facebook pada hari selasa!!";
    const char *c = "Lurah meneruskan pesan ajakan memilih di grup warga";
    uint64_t ha, hb, hc;
    size_t na, nb, nc;
    assert_int_equal(netra_simhash(&ha, &na, nz, a, strlen(a)), NETRA_OK);
    assert_int_equal(netra_simhash(&hb, &nb, nz, b, strlen(b)), NETRA_OK);
    assert_int_equal(netra_simhash(&hc, &nc, nz, c, strlen(c)), NETRA_OK);
    assert_true(na >= 14);
    assert_int_equal(nb, na); /* case and the "!!" do not count */
    assert_true(popcount(ha ^ hb) <= NETRA_SIMHASH_NEAR);
    assert_true(popcount(ha ^ hc) > NETRA_SIMHASH_NEAR);
    uint64_t h0;
    size_t n0;
    assert_int_equal(netra_simhash(&h0, &n0, nz, "", 0), NETRA_OK);
    assert_int_equal(n0, 0);
    assert_int_equal(h0, 0);
    netra_normalizer_free(nz);
    netra_text_lexicon_free(lex);
}

/* Media types by magic bytes, never by name; the first bytes of refused content named. */
static void test_media_sniff(void **state)
{
    (void)state;
    const char *type, *kind;
    assert_int_equal(netra_evidence_sniff(&type, &kind, "RIFF\x10\0\0\0WEBPVP8 ", 16), NETRA_OK);
    assert_string_equal(type, "image/webp");
    assert_string_equal(kind, "screenshot");
    assert_int_equal(netra_evidence_sniff(&type, &kind, "RIFF\x10\0\0\0WAVEfmt ", 16),
                     NETRA_EINVAL);
    assert_int_equal(netra_evidence_sniff(&type, NULL, "XXXX\x10\0\0\0WEBPVP8 ", 16), NETRA_EINVAL);
    assert_int_equal(netra_evidence_sniff(&type, &kind,
                                          "\0\0\0\x14"
                                          "ftypqt  ",
                                          12),
                     NETRA_OK);
    assert_string_equal(type, "video/quicktime");
    assert_int_equal(netra_evidence_sniff(&type, &kind,
                                          "\0\0\0\x14"
                                          "ftypisom",
                                          12),
                     NETRA_OK);
    assert_string_equal(type, "video/mp4");
    assert_string_equal(kind, "video");
    assert_int_equal(netra_evidence_sniff(&type, &kind, "\xff\xd8\xff", 3), NETRA_OK);
    assert_string_equal(type, "image/jpeg");
    assert_int_equal(netra_evidence_sniff(&type, &kind, "\xff\xd8", 2), NETRA_EINVAL);
    assert_int_equal(netra_evidence_sniff(&type, &kind, "", 0), NETRA_EINVAL);
    nt_test_assert_msg("(empty)");
    assert_int_equal(netra_evidence_sniff(&type, &kind, "<html>", 6), NETRA_EINVAL);
    nt_test_assert_msg("3c 68 74 6d 6c 3e");
    /* The stricter checks of the one sniffer (staff attachments and public uploads). */
    static const unsigned char docx[] = "PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                        "\0\0\0\0\x13\0\0\0[Content_Types].xml....PK\x03\x04"
                                        "\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x11"
                                        "\0\0\0word/document.xml";
    assert_int_equal(netra_evidence_sniff(&type, &kind, docx, sizeof docx - 1), NETRA_OK);
    assert_non_null(strstr(type, "wordprocessingml"));
    assert_string_equal(kind, "document");
    static const unsigned char zip[] = "PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                       "\0\0\0\0\x0b\0\0\0setup.exe....";
    assert_int_equal(netra_evidence_sniff(&type, &kind, zip, sizeof zip - 1), NETRA_EINVAL);
    nt_test_assert_msg("not an Office or OpenDocument file");
    static const unsigned char webm[] = "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm";
    assert_int_equal(netra_evidence_sniff(&type, &kind, webm, sizeof webm - 1), NETRA_OK);
    assert_string_equal(type, "video/webm");
    assert_int_equal(netra_evidence_sniff(&type, &kind, "\x1a\x45\xdf\xa3\x9f\x42\x86\x81", 8),
                     NETRA_EINVAL);
    assert_int_equal(netra_evidence_sniff(&type, &kind, "\xff\xfb\x90\x00", 4), NETRA_EINVAL);
    assert_int_equal(netra_evidence_sniff(&type, &kind, "ID3\x04\0\0\0\0\0\0", 10), NETRA_OK);
    assert_string_equal(type, "audio/mpeg");
    assert_int_equal(netra_evidence_sniff(&type, &kind,
                                          "\0\0\0\x14"
                                          "ftyp",
                                          8),
                     NETRA_EINVAL);
    nt_test_assert_msg("without its brand");
    unsigned char ole[64] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    assert_int_equal(netra_evidence_sniff(&type, &kind, ole, sizeof ole), NETRA_EINVAL);
    ole[26] = 3;
    ole[28] = 0xfe;
    ole[29] = 0xff;
    assert_int_equal(netra_evidence_sniff(&type, &kind, ole, sizeof ole), NETRA_OK);
    assert_string_equal(type, "application/msword");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_canonical),
        cmocka_unit_test(test_simhash),
        cmocka_unit_test(test_media_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
