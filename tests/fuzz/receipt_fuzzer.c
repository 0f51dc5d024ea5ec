/*
 * receipt_fuzzer.c - runs netra_receipt_normalize() and netra_evidence_sniff() over arbitrary
 * bytes and aborts when an invariant of include/netra/intake.h breaks: an accepted code is
 * canonical (23 bytes, hyphens after every fifth symbol, Crockford symbols only), normalising
 * it again gives itself, and a refused code leaves an error naming the receipt code; the
 * evidence sniffer returns a media type with an evidence kind, or NETRA_EINVAL with a message
 * naming byte 0, and reads nothing past `size`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netra/error.h"
#include "netra/intake.h"
#include "netra/store.h"

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
    const char *type = NULL, *kind = NULL;
    int serr = netra_evidence_sniff(&type, &kind, data, size);
    if (serr == NETRA_OK) {
        CHECK(type != NULL && strchr(type, '/') != NULL);
        CHECK(kind != NULL && (strcmp(kind, "screenshot") == 0 || strcmp(kind, "photo") == 0 ||
                               strcmp(kind, "video") == 0 || strcmp(kind, "document") == 0));
    } else {
        CHECK(serr == NETRA_EINVAL);
        CHECK(strstr(netra_error_last()->msg, "byte ") != NULL);
    }

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
