/*
 * receipt_fuzzer.c - runs netra_receipt_normalize() and netra_media_sniff() over arbitrary
 * bytes and aborts when an invariant of include/netra/intake.h breaks: an accepted code is
 * canonical (23 bytes, hyphens after every fifth symbol, Crockford symbols only), normalising
 * it again gives itself, and a refused code leaves an error naming the receipt code; the
 * media sniffer returns one of its listed types or NULL and reads nothing past `size`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netra/error.h"
#include "netra/intake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x)) {                                                                                \
            fprintf(stderr, "receipt_fuzzer: invariant failed: %s (line %d)\n", #x, __LINE__);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *type = netra_media_sniff(data, size);
    static const char *const known[] = {"image/jpeg",      "image/png", "image/gif",  "image/webp",
                                        "application/pdf", "video/mp4", "audio/mpeg", "audio/ogg"};
    int ok = type == NULL;
    for (size_t i = 0; !ok && i < sizeof known / sizeof *known; i++)
        ok = strcmp(type, known[i]) == 0;
    CHECK(ok);

    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char out[NETRA_RECEIPT_STRLEN], again[NETRA_RECEIPT_STRLEN];
    int err = netra_receipt_normalize(out, text);
    if (err == NETRA_OK) {
        CHECK(strlen(out) == 23);
        for (int i = 0; i < 23; i++) {
            if (i % 6 == 5)
                CHECK(out[i] == '-');
            else
                CHECK(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", out[i]) != NULL && out[i]);
        }
        CHECK(netra_receipt_normalize(again, out) == NETRA_OK);
        CHECK(strcmp(again, out) == 0);
    } else {
        CHECK(err == NETRA_EINVAL);
        CHECK(strstr(netra_error_last()->msg, "receipt code") != NULL);
    }
    free(text);
    return 0;
}
